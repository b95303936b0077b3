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
  int auth;                  /* Binding Authorization Data seen */
  const mipfb_mh_opt *prev;  /* the options before the one checked (duplicate rules) */
  size_t n_prev;
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

/* Flow binding options (mh_flow.c: RFC 6089 Flow Identification and Flow
   Summary; mh_flow_draft.c: draft-00 Flow Identification). Parse: body of
   a raw option whose kind the caller set. Check: the rules needing the
   message (mh_flow_rules.c). Write: alignment padding, Type, Len, body. */
int mh_flow_parse(mipfb_mh_opt *o, const mipfb_mh_raw_opt *raw, mipfb_diag *diag);
/* The RFC 6089 Flow Identification body: Option Data `d`/`n` of the option
   at MH offset `off` into `f` (mh_flow_parse without the raw option). */
int mh_flow_id_parse(mipfb_mh_flow_id *f, const uint8_t *d, size_t n, size_t off, mipfb_diag *diag);
int mh_flow_draft_parse(mipfb_mh_opt *o, const mipfb_mh_raw_opt *raw, mipfb_diag *diag);
int mh_flow_check(const mh_seen *seen, const mipfb_mh_msg *m, const mipfb_mh_opt *o, size_t off,
                  mipfb_diag *diag);
int mh_flow_write(mipfb_wr *w, const mipfb_mh_opt *o, const mipfb_codepoints *cp, mipfb_diag *diag);
/* MIPFB_CP_FLOWID_LEN_UNITS8: re-read the raw option just returned by the
   iterator with its Len in 8-octet units counting the whole option. */
int mh_flow_draft_units8(mipfb_mh_opt_iter *it, mipfb_mh_raw_opt *raw, mipfb_diag *diag);
int mh_flow_draft_write(mipfb_wr *w, const mipfb_mh_opt *o, const mipfb_codepoints *cp, mipfb_diag *diag);

/* PMIPv6 options (mh_pmip.c; rules in mh_pmip_rules.c): the kind for an
   option type (MIPFB_MH_OPT_UNKNOWN when not PMIPv6), the body parser with
   the Length rules, the writer, and the value rules. */
mipfb_mh_opt_kind mh_pmip_kind(uint8_t type, const mipfb_codepoints *cp);
int mh_pmip_parse(mipfb_mh_opt *o, const mipfb_mh_raw_opt *raw, mipfb_diag *diag);
int mh_pmip_write(mipfb_wr *w, const mipfb_mh_opt *o, const mipfb_codepoints *cp, mipfb_diag *diag);
int mh_pmip_check(const mipfb_mh_msg *m, const mipfb_mh_opt *o, size_t off, mipfb_diag *diag);
int mh_pmip_allowed(const mipfb_mh_msg *m, const mipfb_mh_opt *o, size_t off, mipfb_diag *diag);

#endif /* MIPFB_CODEC_MH_INT_H */
