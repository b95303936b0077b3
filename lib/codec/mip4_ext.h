/*
 * MIPv4 registration extensions (internal): the list parser and the
 * writer. The rules both share are in mip4_rules.h.
 */
#ifndef MIPFB_CODEC_MIP4_EXT_H
#define MIPFB_CODEC_MIP4_EXT_H

#include <mipfb/mip4.h>

#include "../core/rd.h"
#include "../core/wr.h"
#include "mip4_rules.h"

/* Parse and check every extension from r's position to its end into
   ext[0..cap) for message m (fixed part already decoded); sets m->ext and
   m->n_ext on success. */
int mip4_ext_parse_all(mipfb_mip4_msg *m, mipfb_mip4_ext *ext, size_t cap, mipfb_rd *r,
                       const mipfb_codepoints *cp, mipfb_diag *diag);

/* Write one extension (computing an HMAC-MD5 authenticator over what w
   holds so far when e->u.auth.key is set). Returns 0 or an error for
   bodies that do not fit their length fields. */
int mip4_ext_write(mipfb_wr *w, const mipfb_mip4_ext *e, const mipfb_codepoints *cp, mipfb_diag *diag);

#endif /* MIPFB_CODEC_MIP4_EXT_H */
