/* Mobility Header flow binding options: RFC 6089 Flow Identification (45)
   and Flow Summary (44), draft-ietf-mext-flow-binding-00 Flow
   Identification (draft profile, errata E-10). Byte-level negative cases
   for every decoder rule are in tests/vectors/mh.vec; these tests check
   decoded values, encoding from fields, alignment and encoder-side rules. */
#include <string.h>

#include <mipfb/mipfb.h>

#include "mh_util.h"
#include "test_helper.h"

#define SRC th_mh_src
#define DST th_mh_dst

/* mh.vec rfc6089-4.2-bu-bids-fids-and-summary: BU A|H seq 7 lifetime 100;
   BID 1 (2001:db8:2::7), BID 2 (2001:db8:3::9); FID 1 PRI 10 BIDs 1,2 IPv6
   TS; FID 2 PRI 11 BID 2 IPv4 TS; Flow Summary 3, 4. */
static const char FLOW_BU[] =
    "3b12050025890007c000006401040000000023140001000020010db8000200000000000000000007010023140002000020010db8"
    "0003000000000000000000092d2b0001000a00000204000100020100031b02008032000020010db80000000000000000000000051f"
    "401f9006002d1b0002000b0000020200020100030d0100208800000a00000213c411002c0400030004010400000000";
/* mh.vec draft00-bu-ncast-binding-reference-16-bit-bids (draft profile) */
static const char DRAFT_BU[] =
    "3b090500f7700007c000006401040000000023140001000020010db8000200000000000000000007010023140002000020010db8"
    "000300000000000000000009fd0c0100070300000106000100020100";
static const uint8_t TS6[] = {0x80, 0x32, 0, 0, 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x05,
                              0x1f, 0x40, 0x1f, 0x90, 0x06};
static const uint8_t TS4[] = {0x20, 0x88, 0, 0, 0x0a, 0, 0, 0x02, 0x13, 0xc4, 0x11};
static const uint8_t BIDS12[] = {0, 1, 0, 2};
static const uint8_t BIDS2[] = {0, 2};
static const uint8_t FIDS34[] = {0, 3, 0, 4};

static uint8_t buf[1024], want[1024];
static mipfb_mh_opt opt[16];
static mipfb_mh_msg msg;

static mipfb_mh_msg bu_msg(mipfb_mh_opt *o, size_t n) {
  return th_mh_msg(MIPFB_MH_BU, MIPFB_MH_BU_A | MIPFB_MH_BU_H, 100, o, n);
}

static mipfb_mh_opt bid6(uint16_t bid, uint8_t last) {
  mipfb_mh_opt o;
  memset(&o, 0, sizeof o);
  o.kind = MIPFB_MH_OPT_BID;
  o.u.bid.bid = bid;
  o.u.bid.coa.family = MIPFB_AF_INET6;
  o.u.bid.coa.bytes[0] = 0x20, o.u.bid.coa.bytes[1] = 0x01, o.u.bid.coa.bytes[2] = 0x0d;
  o.u.bid.coa.bytes[3] = 0xb8, o.u.bid.coa.bytes[5] = (uint8_t)(bid + 1), o.u.bid.coa.bytes[15] = last;
  return o;
}

static mipfb_mh_opt flow(uint16_t fid, uint16_t pri, const uint8_t *bids, size_t n_bids, uint8_t fmt,
                         const uint8_t *ts, size_t ts_len) {
  mipfb_mh_opt o;
  memset(&o, 0, sizeof o);
  o.kind = MIPFB_MH_OPT_FLOW_ID;
  o.u.flow_id.fid = fid;
  o.u.flow_id.pri = pri;
  o.u.flow_id.bids.base = bids;
  o.u.flow_id.bids.len = n_bids;
  o.u.flow_id.ts_format = fmt;
  o.u.flow_id.ts.base = ts;
  o.u.flow_id.ts.len = ts_len;
  return o;
}

static mipfb_mh_opt draft(uint8_t pri, uint16_t fid, uint8_t action, uint8_t pro, const uint8_t *bids, size_t n) {
  mipfb_mh_opt o;
  memset(&o, 0, sizeof o);
  o.kind = MIPFB_MH_OPT_FLOW_ID_DRAFT;
  o.u.flow_draft.pri = pri;
  o.u.flow_draft.fid = fid;
  o.u.flow_draft.action = action;
  o.u.flow_draft.pro = pro;
  o.u.flow_draft.bids.base = bids;
  o.u.flow_draft.bids.len = n;
  return o;
}

/* RFC 6089 4.2.2, 4.2.3: every decoded field, the selector through the RFC 6088 codec */
START_TEST(test_mipfb_mh_flow_rfc6089_4_2_decoded_fields) {
  size_t n = th_mh_unhex(FLOW_BU, buf, sizeof buf);
  mipfb_ts ts;
  ck_assert_int_eq(mipfb_mh_decode(&msg, opt, 16, buf, n, SRC, DST, NULL, NULL), (mipfb_ssize)n);
  ck_assert_uint_eq(msg.n_opt, 5);
  ck_assert_int_eq(opt[2].kind, MIPFB_MH_OPT_FLOW_ID);
  ck_assert_uint_eq(opt[2].type, 45);
  ck_assert_uint_eq(opt[2].offset % 2, 0);
  ck_assert_uint_eq(opt[2].u.flow_id.fid, 1);
  ck_assert_uint_eq(opt[2].u.flow_id.pri, 10);
  ck_assert_uint_eq(opt[2].u.flow_id.status, 0);
  ck_assert_uint_eq(opt[2].u.flow_id.bids.len, 4);
  ck_assert_uint_eq(mipfb_mh_bid_at(opt[2].u.flow_id.bids, 0), 1);
  ck_assert_uint_eq(mipfb_mh_bid_at(opt[2].u.flow_id.bids, 1), 2);
  ck_assert_uint_eq(mipfb_mh_bid_at(opt[2].u.flow_id.bids, 2), 0);
  ck_assert_uint_eq(opt[2].u.flow_id.ts_format, MIPFB_TS_FORMAT_IPV6);
  ck_assert_uint_eq((size_t)(opt[2].u.flow_id.ts.base - buf) % 4, 0); /* selector at 4n */
  ck_assert_int_eq(mipfb_ts_decode(&ts, opt[2].u.flow_id.ts_format, opt[2].u.flow_id.ts.base,
                                   opt[2].u.flow_id.ts.len, 0, NULL),
                   (mipfb_ssize)sizeof TS6);
  ck_assert_uint_eq(ts.dport_start, 8000);
  ck_assert_uint_eq(ts.dport_end, 8080);
  ck_assert_uint_eq(ts.proto_start, 6);
  ck_assert_ptr_eq(opt[2].u.flow_id.subs.base, buf + opt[2].offset + 8); /* zero-copy */
  ck_assert_uint_eq(opt[3].u.flow_id.fid, 2);
  ck_assert_uint_eq(opt[3].u.flow_id.ts_format, MIPFB_TS_FORMAT_IPV4);
  ck_assert_int_eq(opt[4].kind, MIPFB_MH_OPT_FLOW_SUMMARY);
  ck_assert_uint_eq(opt[4].u.flow_summary.len, 4);
  ck_assert_uint_eq(mipfb_mh_bid_at(opt[4].u.flow_summary, 1), 4);
}
END_TEST

/* The same message built from fields (sub-options canonical: BID Reference,
   then the Traffic Selector at 4n) gives the vector's octets */
START_TEST(test_mipfb_mh_flow_rfc6089_4_2_encode_from_fields) {
  size_t n = th_mh_unhex(FLOW_BU, want, sizeof want);
  mipfb_mh_opt o[5];
  mipfb_mh_msg m = bu_msg(o, 5);
  o[0] = bid6(1, 7);
  o[1] = bid6(2, 9);
  o[2] = flow(1, 10, BIDS12, 4, MIPFB_TS_FORMAT_IPV6, TS6, sizeof TS6);
  o[3] = flow(2, 11, BIDS2, 2, MIPFB_TS_FORMAT_IPV4, TS4, sizeof TS4);
  memset(&o[4], 0, sizeof o[4]);
  o[4].kind = MIPFB_MH_OPT_FLOW_SUMMARY;
  o[4].u.flow_summary.base = FIDS34;
  o[4].u.flow_summary.len = 4;
  ck_assert_int_eq(mipfb_mh_encoded_len(&m, NULL), (mipfb_ssize)n);
  ck_assert_int_eq(mipfb_mh_encode(buf, sizeof buf, &m, SRC, DST, NULL, NULL), (mipfb_ssize)n);
  ck_assert_mem_eq(buf, want, n);
  ck_assert_int_eq(mipfb_mh_encode(buf, n - 1, &m, SRC, DST, NULL, NULL), MIPFB_ERR_NOBUF);
}
END_TEST

/* errata E-10: the draft-00 option from fields and back (draft profile) */
START_TEST(test_mipfb_mh_flow_errata_e10_draft00) {
  mipfb_codepoints cp;
  size_t n = th_mh_unhex(DRAFT_BU, want, sizeof want);
  mipfb_mh_opt o[3];
  mipfb_mh_msg m = bu_msg(o, 3);
  ck_assert_int_eq(mipfb_codepoints_default(&cp, MIPFB_PROFILE_DRAFT), 0);
  o[0] = bid6(1, 7);
  o[1] = bid6(2, 9);
  o[2] = draft(1, 7, MIPFB_MH_FDRAFT_NCAST, MIPFB_MH_FDRAFT_ADD, BIDS12, 4);
  ck_assert_int_eq(mipfb_mh_encode(buf, sizeof buf, &m, SRC, DST, &cp, NULL), (mipfb_ssize)n);
  ck_assert_mem_eq(buf, want, n);
  ck_assert_int_eq(mipfb_mh_decode(&msg, opt, 16, want, n, SRC, DST, &cp, NULL), (mipfb_ssize)n);
  ck_assert_int_eq(opt[2].kind, MIPFB_MH_OPT_FLOW_ID_DRAFT);
  ck_assert_uint_eq(opt[2].type, 253);
  ck_assert_uint_eq(opt[2].u.flow_draft.pri, 1);
  ck_assert_uint_eq(opt[2].u.flow_draft.fid, 7);
  ck_assert_uint_eq(opt[2].u.flow_draft.action, MIPFB_MH_FDRAFT_NCAST);
  ck_assert_uint_eq(opt[2].u.flow_draft.pro, MIPFB_MH_FDRAFT_ADD);
  ck_assert_uint_eq(mipfb_mh_bid_at(opt[2].u.flow_draft.bids, 1), 2);
  /* the type is configurable; the RFC profile does not know it */
  cp.mh_opt_flow_id = 200;
  ck_assert_int_gt(mipfb_mh_encode(buf, sizeof buf, &m, NULL, NULL, &cp, NULL), 0);
  ck_assert_uint_eq(buf[(size_t)opt[2].offset], 200);
  ck_assert_int_gt(mipfb_mh_decode(&msg, opt, 16, want, n, NULL, NULL, NULL, NULL), 0);
  ck_assert_int_eq(opt[2].kind, MIPFB_MH_OPT_UNKNOWN);
}
END_TEST

/* Each flow option after every preceding length lands at 2n (the IPv6
   selector at 4n) and the message stays a multiple of 8 */
START_TEST(test_mipfb_mh_flow_alignment_after_every_length) {
  static const uint8_t filler[8] = {0};
  mipfb_codepoints draft_cp;
  size_t k, i;
  ck_assert_int_eq(mipfb_codepoints_default(&draft_cp, MIPFB_PROFILE_DRAFT), 0);
  for (i = 0; i < 4; i++) {
    for (k = 0; k < 8; k++) {
      mipfb_mh_opt o[2], got_opt[4];
      mipfb_mh_msg m = bu_msg(o, 2), got;
      const mipfb_codepoints *cp = i == 3 ? &draft_cp : NULL;
      memset(&o[0], 0, sizeof o[0]);
      o[0].kind = MIPFB_MH_OPT_UNKNOWN;
      o[0].type = 200;
      o[0].u.unknown.base = filler;
      o[0].u.unknown.len = k;
      if (i == 0) {
        o[1] = flow(1, 1, BIDS2, 2, MIPFB_TS_FORMAT_IPV6, TS6, sizeof TS6);
      } else if (i == 1) {
        o[1] = flow(1, 1, NULL, 0, MIPFB_TS_FORMAT_IPV4, TS4, sizeof TS4);
      } else if (i == 2) {
        memset(&o[1], 0, sizeof o[1]);
        o[1].kind = MIPFB_MH_OPT_FLOW_SUMMARY;
        o[1].u.flow_summary.base = FIDS34;
        o[1].u.flow_summary.len = 4;
      } else {
        o[1] = draft(1, 1, MIPFB_MH_FDRAFT_NCAST, 0, BIDS12, 4);
      }
      th_mh_encode_decode(&m, cp, buf, sizeof buf, &got, got_opt, 4);
      ck_assert_uint_eq(got.n_opt, 2);
      ck_assert_uint_eq(got_opt[1].offset % 2, 0);
      ck_assert_uint_lt(got_opt[1].offset - (got_opt[0].offset + 2 + k), 2); /* no more padding than needed */
      if (i < 2) {
        ck_assert_uint_eq((size_t)(got_opt[1].u.flow_id.ts.base - buf) % 4, 0);
        ck_assert_uint_eq(got_opt[1].u.flow_id.ts_format, i == 0 ? MIPFB_TS_FORMAT_IPV6 : MIPFB_TS_FORMAT_IPV4);
      }
    }
  }
}
END_TEST

static int enc(const mipfb_mh_opt *o, size_t n, uint8_t type, const mipfb_codepoints *cp, mipfb_diag *d) {
  mipfb_mh_msg m = bu_msg((mipfb_mh_opt *)(uintptr_t)o, n);
  m.type = type;
  m.flags = type == MIPFB_MH_BU ? m.flags : 0;
  return (int)mipfb_mh_encode(buf, sizeof buf, &m, NULL, NULL, cp, d);
}

/* The encoder applies the decoder's rules */
START_TEST(test_mipfb_mh_flow_encoder_enforces_rules) {
  static const uint8_t bid0[] = {0, 1, 0, 0}, odd[] = {0, 1, 0};
  static const uint8_t end_only[] = {0x40, 0, 0, 0, 10, 0, 0, 1};
  static const uint8_t bad_subs[] = {2, 2, 0, 1, 2, 2, 0, 2};
  mipfb_codepoints draft_cp;
  mipfb_mh_opt o[2];
  mipfb_diag d;
  ck_assert_int_eq(mipfb_codepoints_default(&draft_cp, MIPFB_PROFILE_DRAFT), 0);
  o[0] = flow(0, 1, NULL, 0, 0, NULL, 0);
  ck_assert_int_eq(enc(o, 1, MIPFB_MH_BU, NULL, &d), MIPFB_ERR_BAD_VALUE);
  ck_assert_ptr_nonnull(d.detail);
  o[0] = flow(1, 0, NULL, 0, 0, NULL, 0);
  ck_assert_int_eq(enc(o, 1, MIPFB_MH_BU, NULL, NULL), MIPFB_ERR_BAD_VALUE);
  o[0] = flow(1, 1, NULL, 0, 0, NULL, 0);
  o[1] = flow(1, 2, NULL, 0, 0, NULL, 0);
  ck_assert_int_eq(enc(o, 2, MIPFB_MH_BU, NULL, NULL), MIPFB_ERR_DUPLICATE);
  o[1] = flow(2, 1, NULL, 0, 0, NULL, 0);
  ck_assert_int_eq(enc(o, 2, MIPFB_MH_BU, NULL, NULL), MIPFB_ERR_DUPLICATE);
  o[0] = flow(1, 1, bid0, 4, 0, NULL, 0);
  ck_assert_int_eq(enc(o, 1, MIPFB_MH_BU, NULL, NULL), MIPFB_ERR_BAD_VALUE);
  o[0] = flow(1, 1, odd, 3, 0, NULL, 0);
  ck_assert_int_eq(enc(o, 1, MIPFB_MH_BU, NULL, NULL), MIPFB_ERR_BAD_LENGTH);
  o[0] = flow(1, 1, NULL, 0, 0, TS4, sizeof TS4);
  ck_assert_int_eq(enc(o, 1, MIPFB_MH_BU, NULL, NULL), MIPFB_ERR_BAD_VALUE);
  o[0] = flow(1, 1, NULL, 0, MIPFB_TS_FORMAT_IPV4, end_only, sizeof end_only);
  ck_assert_int_eq(enc(o, 1, MIPFB_MH_BU, NULL, NULL), MIPFB_ERR_BAD_VALUE);
  o[0] = flow(1, 1, NULL, 0, 0, NULL, 0);
  o[0].u.flow_id.subs.base = bad_subs;
  o[0].u.flow_id.subs.len = sizeof bad_subs;
  ck_assert_int_eq(enc(o, 1, MIPFB_MH_BU, NULL, NULL), MIPFB_ERR_DUPLICATE);
  o[0] = flow(1, 1, NULL, 0, 0, NULL, 0);
  ck_assert_int_eq(enc(o, 1, MIPFB_MH_BRR, NULL, NULL), MIPFB_ERR_BAD_VALUE);
  ck_assert_int_eq(enc(o, 1, MIPFB_MH_BU, &draft_cp, NULL), MIPFB_ERR_INVALID_ARG);
  memset(&o[0], 0, sizeof o[0]);
  o[0].kind = MIPFB_MH_OPT_FLOW_SUMMARY;
  o[0].u.flow_summary.base = bid0;
  o[0].u.flow_summary.len = 4;
  ck_assert_int_eq(enc(o, 1, MIPFB_MH_BU, NULL, NULL), MIPFB_ERR_BAD_VALUE);
  o[0].u.flow_summary.base = FIDS34;
  ck_assert_int_eq(enc(o, 1, MIPFB_MH_BA, NULL, NULL), MIPFB_ERR_BAD_VALUE);
  o[0].u.flow_summary.len = 3;
  ck_assert_int_eq(enc(o, 1, MIPFB_MH_BU, NULL, NULL), MIPFB_ERR_INVALID_ARG);
  o[0] = draft(1, 1, 0, 0, NULL, 0);
  ck_assert_int_eq(enc(o, 1, MIPFB_MH_BU, &draft_cp, NULL), MIPFB_ERR_BAD_VALUE);
  o[0] = draft(1, 1, MIPFB_MH_FDRAFT_FORWARD, 3, NULL, 0);
  ck_assert_int_eq(enc(o, 1, MIPFB_MH_BU, &draft_cp, NULL), MIPFB_ERR_BAD_VALUE);
  o[0] = draft(1, 1, MIPFB_MH_FDRAFT_NCAST, 0, NULL, 0);
  ck_assert_int_eq(enc(o, 1, MIPFB_MH_BU, &draft_cp, NULL), MIPFB_ERR_BAD_VALUE);
  o[0] = draft(1, 1, MIPFB_MH_FDRAFT_NCAST, 0, bid0, 4);
  ck_assert_int_eq(enc(o, 1, MIPFB_MH_BU, &draft_cp, NULL), MIPFB_ERR_BAD_VALUE);
  o[0] = draft(1, 1, MIPFB_MH_FDRAFT_FORWARD, 0, NULL, 0);
  o[1] = draft(2, 1, MIPFB_MH_FDRAFT_FORWARD, 0, NULL, 0);
  ck_assert_int_eq(enc(o, 2, MIPFB_MH_BU, &draft_cp, NULL), MIPFB_ERR_DUPLICATE);
  ck_assert_int_eq(enc(o, 1, MIPFB_MH_BU, NULL, NULL), MIPFB_ERR_INVALID_ARG);
}
END_TEST

/* Every truncation of the flow BU, read from the end of a page */
START_TEST(test_mipfb_mh_flow_every_truncation_guarded) {
  size_t n = th_mh_unhex(FLOW_BU, buf, sizeof buf), cut;
  for (cut = 0; cut <= n; cut++) {
    const uint8_t *p = th_guard(buf, cut);
    mipfb_ssize r = mipfb_mh_decode(&msg, opt, 16, p, cut, SRC, DST, NULL, NULL);
    ck_assert_int_eq(r, cut == n ? (mipfb_ssize)cut : MIPFB_ERR_TRUNCATED);
  }
}
END_TEST

/* errata E-10: the draft's "Option Len in 8-octet units" as a decoder option */
START_TEST(test_mipfb_mh_flow_errata_e10_len_units8_quirk) {
  static const uint8_t len1[24] = {59, 2, 5, 0, 0, 0, 0, 7, 0xc0, 0, 0, 100, 0xfd, 1, 5, 0, 7, 1, 0, 0x20};
  static const uint8_t len2[32] = {59, 3, 5, 0, 0, 0, 0, 7, 0xc0, 0, 0, 100, 0xfd, 2, 5, 0, 7, 3, 0, 0,
                                   1,  8, 0, 1, 0, 2, 0, 3};
  uint8_t m[32];
  mipfb_codepoints cp;
  mipfb_diag d;
  ck_assert_int_eq(mipfb_codepoints_default(&cp, MIPFB_PROFILE_DRAFT), 0);
  ck_assert_int_eq(mipfb_mh_decode(&msg, opt, 16, len1, sizeof len1, NULL, NULL, &cp, &d), MIPFB_ERR_BAD_LENGTH);
  ck_assert_uint_eq(d.offset, 13);
  cp.options |= MIPFB_CP_FLOWID_LEN_UNITS8;
  ck_assert_int_eq(mipfb_mh_decode(&msg, opt, 16, len1, sizeof len1, NULL, NULL, &cp, NULL), 24);
  ck_assert_uint_eq(msg.n_opt, 1);
  ck_assert_uint_eq(opt[0].u.flow_draft.fid, 7);
  ck_assert_uint_eq(opt[0].u.flow_draft.pro, 2);
  ck_assert_int_eq(mipfb_mh_decode(&msg, opt, 16, len2, sizeof len2, NULL, NULL, &cp, NULL), 32);
  ck_assert_uint_eq(opt[0].u.flow_draft.action, MIPFB_MH_FDRAFT_NCAST);
  ck_assert_uint_eq(opt[0].u.flow_draft.bids.len, 6);
  ck_assert_uint_eq(mipfb_mh_bid_at(opt[0].u.flow_draft.bids, 2), 3);
  memcpy(m, len1, sizeof len1);
  m[13] = 0;
  ck_assert_int_eq(mipfb_mh_decode(&msg, opt, 16, m, 24, NULL, NULL, &cp, &d), MIPFB_ERR_BAD_LENGTH);
  ck_assert_uint_eq(d.offset, 13);
  m[13] = 2;
  ck_assert_int_eq(mipfb_mh_decode(&msg, opt, 16, m, 24, NULL, NULL, &cp, &d), MIPFB_ERR_TRUNCATED);
  ck_assert_uint_eq(d.offset, 13);
  /* the RFC profile ignores the option */
  mipfb_codepoints_default(&cp, MIPFB_PROFILE_RFC);
  cp.options |= MIPFB_CP_FLOWID_LEN_UNITS8;
  ck_assert_int_eq(mipfb_mh_decode(&msg, opt, 16, len1, sizeof len1, NULL, NULL, &cp, NULL), 24);
  ck_assert_int_eq(opt[0].kind, MIPFB_MH_OPT_UNKNOWN);
}
END_TEST

Suite *mipfb_mh_flow_suite(void) {
  Suite *s = suite_create("mh_flow");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, test_mipfb_mh_flow_rfc6089_4_2_decoded_fields);
  tcase_add_test(tc, test_mipfb_mh_flow_rfc6089_4_2_encode_from_fields);
  tcase_add_test(tc, test_mipfb_mh_flow_errata_e10_draft00);
  tcase_add_test(tc, test_mipfb_mh_flow_alignment_after_every_length);
  tcase_add_test(tc, test_mipfb_mh_flow_encoder_enforces_rules);
  tcase_add_test(tc, test_mipfb_mh_flow_every_truncation_guarded);
  tcase_add_test(tc, test_mipfb_mh_flow_errata_e10_len_units8_quirk);
  suite_add_tcase(s, tc);
  return s;
}
