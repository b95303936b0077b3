/*
 * MIPv4 registration extensions (internal): parsing, writing, and the
 * validity rules both directions share, so the encoder never produces what
 * the decoder rejects.
 */
#ifndef MIPFB_CODEC_MIP4_EXT_H
#define MIPFB_CODEC_MIP4_EXT_H

#include <mipfb/mip4.h>

#include "../core/rd.h"
#include "../core/wr.h"

/* What the message has shown so far, for the once-only and ordering rules. */
typedef struct mip4_seen {
  unsigned bits; /* MIP4_SEEN_* */
} mip4_seen;

#define MIP4_SEEN_MULTIPATH 0x01u
#define MIP4_SEEN_MTUNNEL 0x02u
#define MIP4_SEEN_MN_HA 0x04u
#define MIP4_SEEN_MN_FA 0x08u
#define MIP4_SEEN_NAI 0x10u

/* Parse the extension starting at r's position into e (e->offset set).
   Syntax only: lengths, framing, the Sub-Type octet; semantic rules are in
   mip4_ext_check(). */
int mip4_ext_parse(mipfb_mip4_ext *e, mipfb_rd *r, const mipfb_codepoints *cp, mipfb_diag *diag);

/* The rules of wire.md 1.6-2.4 for one extension at offset `off` of message
   `m`, given what came before; updates `seen`. */
int mip4_ext_check(mip4_seen *seen, const mipfb_mip4_msg *m, const mipfb_mip4_ext *e, size_t off,
                   const mipfb_codepoints *cp, mipfb_diag *diag);

/* Write one extension (computing an HMAC-MD5 authenticator over what w
   holds so far when e->u.auth.key is set). Returns 0 or an error for
   bodies that do not fit their length fields. */
int mip4_ext_write(mipfb_wr *w, const mipfb_mip4_ext *e, const mipfb_codepoints *cp, mipfb_diag *diag);

#endif /* MIPFB_CODEC_MIP4_EXT_H */
