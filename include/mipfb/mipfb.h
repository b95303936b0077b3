/**
 * @file mipfb.h
 * @brief Umbrella header: includes every public libmipfb header.
 */
#ifndef MIPFB_MIPFB_H
#define MIPFB_MIPFB_H

#include <mipfb/types.h>
#include <mipfb/err.h>
#include <mipfb/version.h>
#include <mipfb/config.h>
#include <mipfb/codepoints.h>
#include <mipfb/md5.h>
#include <mipfb/cksum.h>
#include <mipfb/ts.h>
#include <mipfb/policy.h>
#include <mipfb/flowtable.h>
#include <mipfb/mip4.h>
#include <mipfb/mh.h>
#include <mipfb/agent.h>
#include <mipfb/ha4.h>
#include <mipfb/mn4.h>
#include <mipfb/fa4.h>

#endif /* MIPFB_MIPFB_H */
