/*
 * fuzz_mh_decode: mipfb_mh_decode on arbitrary bytes.
 *
 * Input: one selector byte, then (bit 1) six code-point bytes, then the
 * Mobility Header.
 *   bit 0     code-point profile: 0 RFC, 1 draft
 *   bit 1     code points from the input (fuzz_mh_codepoints)
 *   bit 2     verify the checksum over FUZZ_MH_SRC -> FUZZ_MH_DST
 *   bits 3-7  option array capacity (0: 64 entries)
 * On success the message must be consistent with its input (length from
 * Header Len, options in order inside the options area with their Type at
 * their offset, views inside the input, values in their ranges) and
 * mipfb_mh_encoded_len must accept it; mipfb_mh_checksum must agree with the
 * field when it was verified. On failure the diagnostic must be filled.
 */
#include "fuzz_common.h"

#define OPT_CAP 64
#define MH_MAX 2048

static size_t opts_start(uint8_t type) {
  switch (type) {
  case MIPFB_MH_BRR:
    return 8;
  case MIPFB_MH_BU:
  case MIPFB_MH_BA:
    return 12;
  default:
    return 24;
  }
}

static void check_opt(const mipfb_mh_msg *msg, const mipfb_mh_opt *o, const uint8_t *in, size_t total,
                      const mipfb_codepoints *cp) {
  FUZZ_CHECK(o->offset >= opts_start(msg->type) && o->offset + 2 <= total);
  FUZZ_CHECK(o->offset + 2u + in[o->offset + 1] <= total);
  FUZZ_CHECK(in[o->offset] != MIPFB_MH_OPT_PAD1 && in[o->offset] != MIPFB_MH_OPT_PADN);
  switch (o->kind) {
  case MIPFB_MH_OPT_UNKNOWN:
    FUZZ_CHECK(fuzz_view_inside(o->u.unknown, in, total));
    FUZZ_CHECK(o->u.unknown.len == in[o->offset + 1]);
    break;
  case MIPFB_MH_OPT_REFRESH:
    FUZZ_CHECK(msg->type == MIPFB_MH_BA && in[o->offset + 1] == 2);
    break;
  case MIPFB_MH_OPT_ALT_COA:
    FUZZ_CHECK(msg->type == MIPFB_MH_BU && in[o->offset + 1] == 16);
    break;
  case MIPFB_MH_OPT_NONCE_IDX:
    FUZZ_CHECK(msg->type == MIPFB_MH_BU && in[o->offset + 1] == 4);
    break;
  case MIPFB_MH_OPT_AUTH_DATA:
    FUZZ_CHECK(fuzz_view_inside(o->u.auth, in, total));
    FUZZ_CHECK(o->offset + 2 + o->u.auth.len == total); /* last, no padding after it */
    break;
  case MIPFB_MH_OPT_BID:
    FUZZ_CHECK(in[o->offset] == cp->mh_opt_bid);
    FUZZ_CHECK(o->u.bid.bid != 0 && o->u.bid.h <= 1);
    FUZZ_CHECK(o->u.bid.coa.family == 0 || o->u.bid.coa.family == MIPFB_AF_INET4 ||
               o->u.bid.coa.family == MIPFB_AF_INET6);
    FUZZ_CHECK(o->u.bid.coa.family == 0 || msg->type == MIPFB_MH_BU);
    break;
  case MIPFB_MH_OPT_FLOW_ID:
    FUZZ_CHECK(o->u.flow_id.fid != 0 && o->u.flow_id.pri != 0);
    FUZZ_CHECK(fuzz_view_inside(o->u.flow_id.bids, in, total) && o->u.flow_id.bids.len % 2 == 0);
    FUZZ_CHECK(fuzz_view_inside(o->u.flow_id.ts, in, total) && fuzz_view_inside(o->u.flow_id.subs, in, total));
    break;
  case MIPFB_MH_OPT_FLOW_SUMMARY:
    FUZZ_CHECK(msg->type == MIPFB_MH_BU);
    FUZZ_CHECK(fuzz_view_inside(o->u.flow_summary, in, total));
    FUZZ_CHECK(o->u.flow_summary.len != 0 && o->u.flow_summary.len % 2 == 0);
    break;
  case MIPFB_MH_OPT_FLOW_ID_DRAFT:
    FUZZ_CHECK(fuzz_view_inside(o->u.flow_draft.bids, in, total) && o->u.flow_draft.bids.len % 2 == 0);
    FUZZ_CHECK(fuzz_view_inside(o->u.flow_draft.subs, in, total));
    break;
  case MIPFB_MH_OPT_MN_ID:
  case MIPFB_MH_OPT_MAG_ID:
    FUZZ_CHECK(o->u.ident.subtype != 0 && o->u.ident.id.len >= 1);
    FUZZ_CHECK(fuzz_view_inside(o->u.ident.id, in, total));
    break;
  case MIPFB_MH_OPT_HNP:
    FUZZ_CHECK(o->u.hnp.prefix_len <= 128);
    break;
  case MIPFB_MH_OPT_HI:
    FUZZ_CHECK(o->u.hi != 0);
    break;
  case MIPFB_MH_OPT_ATT:
    FUZZ_CHECK(o->u.att != 0);
    break;
  case MIPFB_MH_OPT_MN_LLI:
    FUZZ_CHECK(fuzz_view_inside(o->u.lli, in, total));
    break;
  case MIPFB_MH_OPT_IPV4_HOA_REQ:
  case MIPFB_MH_OPT_IPV4_HOA_REP:
    FUZZ_CHECK(o->u.ipv4.prefix_len <= 32);
    break;
  case MIPFB_MH_OPT_MMB:
    FUZZ_CHECK(o->u.mmb.bid >= 1 && o->u.mmb.bid <= 254);
    FUZZ_CHECK((o->u.mmb.flags & (MIPFB_MH_MMB_B | MIPFB_MH_MMB_O)) != (MIPFB_MH_MMB_B | MIPFB_MH_MMB_O));
    break;
  case MIPFB_MH_OPT_LLA:
  case MIPFB_MH_OPT_TIMESTAMP:
  case MIPFB_MH_OPT_IPV4_DFLT_RTR:
    break;
  default:
    FUZZ_FAIL("unknown option kind");
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_mh_input x;
  const uint8_t *in;
  size_t len, cap, i, total;
  mipfb_mh_opt opt[OPT_CAP];
  mipfb_mh_msg msg;
  mipfb_diag diag;
  mipfb_ssize r, elen;

  if (!fuzz_mh_input_init(&x, data, size)) {
    return 0;
  }
  in = x.in;
  len = x.len;
  cap = (x.sel >> 3) != 0 ? (size_t)(x.sel >> 3) : (size_t)OPT_CAP;

  diag.err = 1;
  diag.offset = (size_t)-1;
  diag.detail = NULL;
  r = mipfb_mh_decode(&msg, opt, cap, in, len, x.src, x.dst, &x.cp, &diag);
  if (r < 0) {
    FUZZ_CHECK(fuzz_is_decode_error(r) || r == MIPFB_ERR_BAD_CHECKSUM);
    FUZZ_CHECK(diag.err == (int)r);
    FUZZ_CHECK(diag.offset <= len);
    FUZZ_CHECK(diag.detail != NULL);
    return 0;
  }

  /* Success: the diagnostic is untouched, the message is consistent. */
  total = (size_t)r;
  FUZZ_CHECK(diag.err == 1 && diag.offset == (size_t)-1 && diag.detail == NULL);
  FUZZ_CHECK(total == 8u * ((size_t)in[1] + 1u) && total <= len && total <= MH_MAX);
  FUZZ_CHECK(in[0] == MIPFB_MH_PAYLOAD_PROTO && in[2] == msg.type);
  FUZZ_CHECK(msg.type == MIPFB_MH_BRR || msg.type == MIPFB_MH_BU || msg.type == MIPFB_MH_BA ||
             msg.type == MIPFB_MH_BE);
  FUZZ_CHECK(total >= opts_start(msg.type));
  FUZZ_CHECK(msg.checksum == (uint16_t)(in[4] << 8 | in[5]));
  if (x.src != NULL) {
    FUZZ_CHECK(mipfb_mh_checksum(in, total, x.src, x.dst) == msg.checksum);
  }
  FUZZ_CHECK(msg.n_opt <= cap);
  FUZZ_CHECK(msg.n_opt == 0 || msg.opt == opt);
  for (i = 0; i < msg.n_opt; i++) {
    FUZZ_CHECK(i == 0 || msg.opt[i].offset > msg.opt[i - 1].offset);
    check_opt(&msg, &msg.opt[i], in, total, &x.cp);
  }

  /* Re-encodable, unless the alignment padding it adds passes 2048 octets. */
  elen = mipfb_mh_encoded_len(&msg, &x.cp);
  FUZZ_CHECK(elen >= 0 || (elen == MIPFB_ERR_INVALID_ARG && total > MH_MAX / 4));
  return 0;
}
