/*
 * The JSON object of cli.md -> a MIPv4 message ready for mipfb_mip4_encode.
 */
#ifndef MIPFB_TOOL_MIP4_PARSE_H
#define MIPFB_TOOL_MIP4_PARSE_H

#include <jansson.h>

#include <mipfb/mip4.h>

#include "pctx.h"

/**
 * Fill @p m from @p obj ("proto" is the caller's business). Extension
 * array, keys and octet strings are owned by @p c; NAI strings point into
 * @p obj. mn_*_auth take "key" (hex; HMAC-MD5 computed by the encoder) or
 * "authenticator". @return 0 or -1 (c->err says why).
 */
int mip4_parse(pctx *c, json_t *obj, mipfb_mip4_msg *m);

#endif /* MIPFB_TOOL_MIP4_PARSE_H */
