/*
 * MIPv4 registration extensions (internal): the writer the encoder uses.
 * The rules the decoder (mip4_decode.c) and the encoder share are in
 * mip4_rules.h.
 */
#ifndef MIPFB_CODEC_MIP4_EXT_H
#define MIPFB_CODEC_MIP4_EXT_H

#include <mipfb/mip4.h>

#include "../core/rd.h"
#include "../core/wr.h"
#include "mip4_rules.h"

/* Write one extension (computing an HMAC-MD5 authenticator over what w
   holds so far when e->u.auth.key is set). Returns 0 or an error for
   bodies that do not fit their length fields. */
int mip4_ext_write(mipfb_wr *w, const mipfb_mip4_ext *e, const mipfb_codepoints *cp, mipfb_diag *diag);

#endif /* MIPFB_CODEC_MIP4_EXT_H */
