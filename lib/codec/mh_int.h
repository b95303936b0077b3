/*
 * Mobility Header codec internals: message layout, option parsing and
 * writing (mh_opt.c, mh_opt_write.c) and the rules the decoder and the
 * encoder share (mh_rules.c), so the encoder never produces what the
 * decoder rejects.
 */
#ifndef MIPFB_CODEC_MH_INT_H
#define MIPFB_CODEC_MH_INT_H

#include <mipfb/mh.h>

#include "../core/diag.h"
#include "../core/wr.h"

#define MH_HDR 6            /* Payload Proto, Header Len, MH Type, Reserved, Checksum */
#define MH_CKSUM_OFF 4
#define MH_MAX_LEN 2048     /* 8 x (255 + 1) */

/* Offsets inside the BID option, for diagnostics (Type Len BID(2) Status Flags CoA). */
#define BID_OFF_BID 2
#define BID_OFF_FLAGS 5
#define BID_OFF_COA 6

/* Offset of the first option of an MH Type (RFC 6275 6.1.2, 6.1.7-6.1.9),
   or 0 for a type this codec does not know. */
size_t mh_opts_start(uint8_t type);

/* What the message has shown so far, for the ordering rules. */
typedef struct mh_seen {
  int auth; /* Binding Authorization Data seen */
} mh_seen;

/* The rules for one option at offset `off` of message `m` (wire.md 4.5,
   5.1-5.4); updates `seen`. */
int mh_opt_check(mh_seen *seen, const mipfb_mh_msg *m, const mipfb_mh_opt *o, size_t off,
                 const mipfb_codepoints *cp, mipfb_diag *diag);

/* Decode the body of one raw option into `o` (kind, type, offset, body),
   checking its Length. */
int mh_opt_parse(mipfb_mh_opt *o, const mipfb_mh_raw_opt *raw, const mipfb_codepoints *cp, mipfb_diag *diag);

/* Write one option after the padding its alignment rule needs. */
int mh_opt_write(mipfb_wr *w, const mipfb_mh_opt *o, const mipfb_codepoints *cp, mipfb_diag *diag);

/* Write n octets of padding: nothing, Pad1, or PadN. */
void mh_pad(mipfb_wr *w, size_t n);

#endif /* MIPFB_CODEC_MH_INT_H */
