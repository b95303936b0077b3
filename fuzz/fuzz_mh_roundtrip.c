/*
 * fuzz_mh_roundtrip: Mobility Header decode -> encode -> decode -> compare
 * -> encode.
 *
 * Input: one selector byte (bit 0 draft profile, bit 1 code points from the
 * next six input bytes, bit 2 checksum over FUZZ_MH_SRC -> FUZZ_MH_DST on
 * both decodes and the encodes), then the Mobility Header. When it decodes:
 *   - mipfb_mh_encoded_len gives the length mipfb_mh_encode writes into an
 *     exact-size buffer (one octet less: NOBUF), unless the padding the
 *     encoder adds takes the message past 2048 octets (INVALID_ARG);
 *   - the encoding is a multiple of 8 octets, decodes (checksum included)
 *     to the same message, option by option (views by content), and
 *     encodes again to the same octets.
 */
#include "fuzz_common.h"

#define OPT_CAP 64
#define MH_MAX 2048

#define SAME(f) FUZZ_CHECK(a->f == b->f)
#define SAME_VEC(f) FUZZ_CHECK(fuzz_vec_equal(a->f, b->f))
#define SAME_BYTES(f) FUZZ_CHECK(memcmp(a->f, b->f, sizeof a->f) == 0)

static void compare_opt(const mipfb_mh_opt *a, const mipfb_mh_opt *b) {
  SAME(kind);
  SAME(type);
  switch (a->kind) {
  case MIPFB_MH_OPT_UNKNOWN:
    SAME_VEC(u.unknown);
    break;
  case MIPFB_MH_OPT_REFRESH:
    SAME(u.refresh);
    break;
  case MIPFB_MH_OPT_ALT_COA:
    SAME_BYTES(u.alt_coa);
    break;
  case MIPFB_MH_OPT_NONCE_IDX:
    SAME(u.nonce.home);
    SAME(u.nonce.coa);
    break;
  case MIPFB_MH_OPT_AUTH_DATA:
    SAME_VEC(u.auth);
    break;
  case MIPFB_MH_OPT_BID:
    SAME(u.bid.bid);
    SAME(u.bid.status);
    SAME(u.bid.h);
    SAME(u.bid.pri);
    SAME(u.bid.coa.family);
    SAME_BYTES(u.bid.coa.bytes);
    break;
  case MIPFB_MH_OPT_FLOW_ID:
    SAME(u.flow_id.fid);
    SAME(u.flow_id.pri);
    SAME(u.flow_id.status);
    SAME(u.flow_id.ts_format);
    SAME_VEC(u.flow_id.bids);
    SAME_VEC(u.flow_id.ts);
    SAME_VEC(u.flow_id.subs);
    break;
  case MIPFB_MH_OPT_FLOW_SUMMARY:
    SAME_VEC(u.flow_summary);
    break;
  case MIPFB_MH_OPT_FLOW_ID_DRAFT:
    SAME(u.flow_draft.pri);
    SAME(u.flow_draft.fid);
    SAME(u.flow_draft.action);
    SAME(u.flow_draft.status);
    SAME(u.flow_draft.pro);
    SAME_VEC(u.flow_draft.bids);
    SAME_VEC(u.flow_draft.subs);
    break;
  case MIPFB_MH_OPT_MN_ID:
  case MIPFB_MH_OPT_MAG_ID:
    SAME(u.ident.subtype);
    SAME_VEC(u.ident.id);
    break;
  case MIPFB_MH_OPT_HNP:
    SAME(u.hnp.prefix_len);
    SAME_BYTES(u.hnp.prefix);
    break;
  case MIPFB_MH_OPT_HI:
    SAME(u.hi);
    break;
  case MIPFB_MH_OPT_ATT:
    SAME(u.att);
    break;
  case MIPFB_MH_OPT_MN_LLI:
    SAME_VEC(u.lli);
    break;
  case MIPFB_MH_OPT_LLA:
    SAME_BYTES(u.lla);
    break;
  case MIPFB_MH_OPT_TIMESTAMP:
    SAME(u.timestamp);
    break;
  case MIPFB_MH_OPT_IPV4_HOA_REQ:
  case MIPFB_MH_OPT_IPV4_HOA_REP:
  case MIPFB_MH_OPT_IPV4_DFLT_RTR:
    SAME(u.ipv4.status);
    SAME(u.ipv4.prefix_len);
    SAME_BYTES(u.ipv4.addr);
    break;
  case MIPFB_MH_OPT_MMB:
    SAME(u.mmb.att);
    SAME(u.mmb.label);
    SAME(u.mmb.bid);
    SAME(u.mmb.flags);
    break;
  default:
    FUZZ_FAIL("unknown option kind");
  }
}

static void compare_msg(const mipfb_mh_msg *a, const mipfb_mh_msg *b) {
  size_t i;
  SAME(type);
  SAME(seq);
  SAME(flags);
  SAME(lifetime);
  SAME(status);
  SAME_BYTES(hoa);
  SAME(n_opt);
  for (i = 0; i < a->n_opt; i++) {
    compare_opt(&a->opt[i], &b->opt[i]);
  }
}

/* Encode into an exact-size heap buffer (so ASan sees any overrun); NULL when too long. */
static uint8_t *encode_exact(const mipfb_mh_msg *msg, const uint8_t *src, const uint8_t *dst,
                             const mipfb_codepoints *cp, size_t *outlen) {
  mipfb_ssize n, w;
  uint8_t *buf;
  mipfb_diag diag;

  diag.detail = NULL;
  n = mipfb_mh_encoded_len(msg, cp);
  if (n == MIPFB_ERR_INVALID_ARG) {
    return NULL; /* checked by the caller: only past 2048 octets */
  }
  FUZZ_CHECK(n >= 8 && n % 8 == 0 && n <= MH_MAX);
  buf = (uint8_t *)malloc((size_t)n);
  FUZZ_CHECK(buf != NULL);
  FUZZ_CHECK(mipfb_mh_encode(buf, (size_t)n - 1u, msg, src, dst, cp, &diag) == MIPFB_ERR_NOBUF);
  w = mipfb_mh_encode(buf, (size_t)n, msg, src, dst, cp, NULL);
  FUZZ_CHECK(w == n);
  *outlen = (size_t)n;
  return buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_mh_input x;
  size_t len1, len2;
  mipfb_mh_opt opt1[OPT_CAP], opt2[OPT_CAP];
  mipfb_mh_msg msg1, msg2;
  mipfb_ssize r;
  uint8_t *enc1, *enc2;

  if (!fuzz_mh_input_init(&x, data, size)) {
    return 0;
  }
  memset(&msg1, 0, sizeof msg1);
  r = mipfb_mh_decode(&msg1, opt1, OPT_CAP, x.in, x.len, x.src, x.dst, &x.cp, NULL);
  if (r < 0) {
    return 0;
  }
  enc1 = encode_exact(&msg1, x.src, x.dst, &x.cp, &len1);
  if (enc1 == NULL) {
    FUZZ_CHECK((size_t)r > MH_MAX / 4); /* only alignment padding can push a decoded message past 2048 */
    return 0;
  }

  /* encode(decode(in)) decodes, checksum included, to the same message. */
  memset(&msg2, 0, sizeof msg2);
  r = mipfb_mh_decode(&msg2, opt2, OPT_CAP, enc1, len1, x.src, x.dst, &x.cp, NULL);
  FUZZ_CHECK(r >= 0 && (size_t)r == len1);
  compare_msg(&msg1, &msg2);

  /* A second encoding is byte-identical to the first. */
  enc2 = encode_exact(&msg2, x.src, x.dst, &x.cp, &len2);
  FUZZ_CHECK(enc2 != NULL && len2 == len1);
  FUZZ_CHECK(memcmp(enc1, enc2, len1) == 0);

  free(enc1);
  free(enc2);
  return 0;
}
