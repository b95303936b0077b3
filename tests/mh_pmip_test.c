/* Mobility Header PMIPv6 options (RFC 4283, RFC 5213, RFC 5844, RFC 8278;
   wire.md 7). Byte-level negative cases for every decoder rule are in
   tests/vectors/mh.vec; these tests check decoded values, encoding from
   fields, each option's alignment after every preceding length and the
   encoder-side rules. */
#include <string.h>

#include <mipfb/mipfb.h>

#include "mh_util.h"
#include "test_helper.h"

#define SRC th_mh_src
#define DST th_mh_dst

/* mh.vec rfc5213-6.9.1.1-pbu-mandatory-and-optional-options: PBU A|H|P seq 7
   lifetime 0x0e10; MN-ID NAI mn1@example.com, HNP ::/0, HI 1, ATT 4, MN-LLI
   00:00:5e:00:53:01, LLA ::, Timestamp 0x00005f5e10008000. */
static const char PBU[] =
    "3b0d0500b2b00007c2000e100810016d6e31406578616d706c652e636f6d01040000000016120000000000000000000000000000"
    "0000000017020001180200041908000000005e005301010200001a100000000000000000000000000000000001001b0800005f5e"
    "1000800001020000";
/* mh.vec rfc5844-3.1.2-pba-ipv4-hoa-reply-and-default-router-4n */
static const char PBA4[] =
    "3b0506000aa1002000070e100810016d6e31406578616d706c652e636f6d010025060060c633640726060000c6336401";
/* mh.vec rfc8278-pbu-mmb-bulk-b */
static const char MMB_PBU[] =
    "3b07050068db0007c2000e100810016d6e31406578616d706c652e636f6d3f06040101800000401201006d616731406578616d70"
    "6c652e6e6574010400000000";
static const uint8_t NAI[] = "mn1@example.com";
static const uint8_t MAC[6] = {0, 0, 0x5e, 0, 0x53, 0x01};

static uint8_t buf[1024], want[1024];
static mipfb_mh_opt opt[16];
static mipfb_mh_msg msg;

static mipfb_mh_msg pmsg(uint8_t type, mipfb_mh_opt *o, size_t n) {
  return th_mh_msg(type, type == MIPFB_MH_BU ? MIPFB_MH_BU_A | MIPFB_MH_BU_H | MIPFB_MH_BU_P : MIPFB_MH_BA_P, 0x0e10,
                   o, n);
}

static mipfb_mh_opt kind(mipfb_mh_opt_kind k) {
  mipfb_mh_opt o;
  memset(&o, 0, sizeof o);
  o.kind = k;
  return o;
}

static mipfb_mh_opt mn_id(void) {
  mipfb_mh_opt o = kind(MIPFB_MH_OPT_MN_ID);
  o.u.ident.subtype = 1;
  o.u.ident.id.base = NAI;
  o.u.ident.id.len = sizeof NAI - 1;
  return o;
}

/* RFC 5213 8.1-8.8: every decoded field of a PBU */
START_TEST(test_mipfb_mh_pmip_rfc5213_8_decoded_fields) {
  size_t n = th_mh_unhex(PBU, buf, sizeof buf);
  ck_assert_int_eq(mipfb_mh_decode(&msg, opt, 16, buf, n, SRC, DST, NULL, NULL), (mipfb_ssize)n);
  ck_assert_uint_eq(msg.flags & MIPFB_MH_BU_P, MIPFB_MH_BU_P);
  ck_assert_uint_eq(msg.n_opt, 7);
  ck_assert_int_eq(opt[0].kind, MIPFB_MH_OPT_MN_ID);
  ck_assert_uint_eq(opt[0].u.ident.subtype, 1);
  ck_assert_uint_eq(opt[0].u.ident.id.len, sizeof NAI - 1);
  ck_assert_mem_eq(opt[0].u.ident.id.base, NAI, sizeof NAI - 1);
  ck_assert_ptr_eq(opt[0].u.ident.id.base, buf + 15); /* zero-copy */
  ck_assert_int_eq(opt[1].kind, MIPFB_MH_OPT_HNP);
  ck_assert_uint_eq(opt[1].offset % 8, 4);
  ck_assert_uint_eq(opt[1].u.hnp.prefix_len, 0);
  ck_assert_int_eq(opt[2].kind, MIPFB_MH_OPT_HI);
  ck_assert_uint_eq(opt[2].u.hi, 1);
  ck_assert_int_eq(opt[3].kind, MIPFB_MH_OPT_ATT);
  ck_assert_uint_eq(opt[3].u.att, 4);
  ck_assert_int_eq(opt[4].kind, MIPFB_MH_OPT_MN_LLI);
  ck_assert_uint_eq(opt[4].u.lli.len, 6);
  ck_assert_mem_eq(opt[4].u.lli.base, MAC, 6);
  ck_assert_int_eq(opt[5].kind, MIPFB_MH_OPT_LLA);
  ck_assert_uint_eq(opt[5].offset % 8, 6);
  ck_assert_int_eq(opt[6].kind, MIPFB_MH_OPT_TIMESTAMP);
  ck_assert_uint_eq(opt[6].offset % 8, 2);
  ck_assert(opt[6].u.timestamp == ((uint64_t)0x5f5e1000u << 16 | 0x8000u));
}
END_TEST

/* The PBU, the RFC 5844 PBA and the RFC 8278 PBU built from fields */
START_TEST(test_mipfb_mh_pmip_encode_from_fields) {
  mipfb_mh_opt o[7];
  mipfb_mh_msg m = pmsg(MIPFB_MH_BU, o, 7);
  size_t n = th_mh_unhex(PBU, want, sizeof want);
  o[0] = mn_id();
  o[1] = kind(MIPFB_MH_OPT_HNP);
  o[2] = kind(MIPFB_MH_OPT_HI), o[2].u.hi = 1;
  o[3] = kind(MIPFB_MH_OPT_ATT), o[3].u.att = 4;
  o[4] = kind(MIPFB_MH_OPT_MN_LLI), o[4].u.lli.base = MAC, o[4].u.lli.len = 6;
  o[5] = kind(MIPFB_MH_OPT_LLA);
  o[6] = kind(MIPFB_MH_OPT_TIMESTAMP), o[6].u.timestamp = (uint64_t)0x5f5e1000u << 16 | 0x8000u;
  ck_assert_int_eq(mipfb_mh_encode(buf, sizeof buf, &m, SRC, DST, NULL, NULL), (mipfb_ssize)n);
  ck_assert_mem_eq(buf, want, n);

  m = pmsg(MIPFB_MH_BA, o, 3);
  n = th_mh_unhex(PBA4, want, sizeof want);
  o[1] = kind(MIPFB_MH_OPT_IPV4_HOA_REP);
  o[1].u.ipv4.prefix_len = 24;
  memcpy(o[1].u.ipv4.addr, "\xc6\x33\x64\x07", 4);
  o[2] = kind(MIPFB_MH_OPT_IPV4_DFLT_RTR);
  memcpy(o[2].u.ipv4.addr, "\xc6\x33\x64\x01", 4);
  ck_assert_int_eq(mipfb_mh_encode(buf, sizeof buf, &m, SRC, DST, NULL, NULL), (mipfb_ssize)n);
  ck_assert_mem_eq(buf, want, n);
  ck_assert_int_eq(mipfb_mh_decode(&msg, opt, 16, want, n, SRC, DST, NULL, NULL), (mipfb_ssize)n);
  ck_assert_uint_eq(opt[1].u.ipv4.prefix_len, 24);
  ck_assert_uint_eq(opt[1].offset % 4, 0);

  m = pmsg(MIPFB_MH_BU, o, 3);
  n = th_mh_unhex(MMB_PBU, want, sizeof want);
  o[1] = kind(MIPFB_MH_OPT_MMB);
  o[1].u.mmb.att = 4, o[1].u.mmb.label = 1, o[1].u.mmb.bid = 1, o[1].u.mmb.flags = MIPFB_MH_MMB_B;
  o[2] = kind(MIPFB_MH_OPT_MAG_ID);
  o[2].u.ident.subtype = 1;
  o[2].u.ident.id.base = (const uint8_t *)"mag1@example.net";
  o[2].u.ident.id.len = 16;
  ck_assert_int_eq(mipfb_mh_encode(buf, sizeof buf, &m, SRC, DST, NULL, NULL), (mipfb_ssize)n);
  ck_assert_mem_eq(buf, want, n);
  ck_assert_int_eq(mipfb_mh_decode(&msg, opt, 16, want, n, SRC, DST, NULL, NULL), (mipfb_ssize)n);
  ck_assert_int_eq(opt[1].kind, MIPFB_MH_OPT_MMB);
  ck_assert_uint_eq(opt[1].u.mmb.bid, 1);
  ck_assert_uint_eq(opt[1].u.mmb.flags, MIPFB_MH_MMB_B);
  ck_assert_int_eq(opt[2].kind, MIPFB_MH_OPT_MAG_ID);
  ck_assert_uint_eq(opt[2].u.ident.id.len, 16);
}
END_TEST

typedef struct align_case {
  mipfb_mh_opt o;
  uint8_t mh_type;
  size_t x, y;
} align_case;

/* Each PMIPv6 option after every preceding length (k + 2 octets of an
   unknown option) lands at its xn+y, with no more padding than needed */
START_TEST(test_mipfb_mh_pmip_alignment_after_every_length) {
  static const uint8_t filler[8] = {0};
  align_case c[12];
  size_t n = 0, i, k;
  memset(c, 0, sizeof c);
  c[n].o = mn_id(), c[n].mh_type = MIPFB_MH_BU, c[n].x = 1, n++;
  c[n].o = kind(MIPFB_MH_OPT_HNP), c[n].mh_type = MIPFB_MH_BU, c[n].x = 8, c[n].y = 4, n++;
  c[n].o = kind(MIPFB_MH_OPT_HI), c[n].o.u.hi = 2, c[n].mh_type = MIPFB_MH_BU, c[n].x = 1, n++;
  c[n].o = kind(MIPFB_MH_OPT_ATT), c[n].o.u.att = 3, c[n].mh_type = MIPFB_MH_BU, c[n].x = 1, n++;
  c[n].o = kind(MIPFB_MH_OPT_MN_LLI), c[n].o.u.lli.base = MAC, c[n].o.u.lli.len = 6;
  c[n].mh_type = MIPFB_MH_BU, c[n].x = 1, n++;
  c[n].o = kind(MIPFB_MH_OPT_LLA), c[n].mh_type = MIPFB_MH_BU, c[n].x = 8, c[n].y = 6, n++;
  c[n].o = kind(MIPFB_MH_OPT_TIMESTAMP), c[n].mh_type = MIPFB_MH_BU, c[n].x = 8, c[n].y = 2, n++;
  c[n].o = kind(MIPFB_MH_OPT_IPV4_HOA_REQ), c[n].mh_type = MIPFB_MH_BU, c[n].x = 4, n++;
  c[n].o = kind(MIPFB_MH_OPT_IPV4_HOA_REP), c[n].mh_type = MIPFB_MH_BA, c[n].x = 4, n++;
  c[n].o = kind(MIPFB_MH_OPT_IPV4_DFLT_RTR), c[n].mh_type = MIPFB_MH_BA, c[n].x = 4, n++;
  c[n].o = kind(MIPFB_MH_OPT_MMB), c[n].o.u.mmb.bid = 9, c[n].mh_type = MIPFB_MH_BU, c[n].x = 1, n++;
  c[n].o = mn_id(), c[n].o.kind = MIPFB_MH_OPT_MAG_ID, c[n].mh_type = MIPFB_MH_BA, c[n].x = 1, n++;
  for (i = 0; i < n; i++) {
    for (k = 0; k < 8; k++) {
      mipfb_mh_opt o[2], got_opt[4];
      mipfb_mh_msg m = pmsg(c[i].mh_type, o, 2), got;
      size_t at, prev_end;
      o[0] = kind(MIPFB_MH_OPT_UNKNOWN);
      o[0].type = 200;
      o[0].u.unknown.base = filler;
      o[0].u.unknown.len = k;
      o[1] = c[i].o;
      th_mh_encode_decode(&m, NULL, buf, sizeof buf, &got, got_opt, 4);
      ck_assert_uint_eq(got.n_opt, 2);
      ck_assert_int_eq(got_opt[1].kind, c[i].o.kind);
      at = got_opt[1].offset;
      prev_end = got_opt[0].offset + 2 + k;
      ck_assert_msg(at % c[i].x == c[i].y, "case %u after %u: option at %u, not %un+%u", (unsigned)i, (unsigned)k,
                    (unsigned)at, (unsigned)c[i].x, (unsigned)c[i].y);
      ck_assert_uint_lt(at - prev_end, c[i].x);
    }
  }
}
END_TEST

typedef struct rule_case {
  mipfb_mh_opt o;
  uint8_t mh_type;
  uint16_t lifetime;
  int want;
} rule_case;

static size_t rule_cases(rule_case *c) {
  size_t n = 0, i;
  memset(c, 0, 24 * sizeof *c);
  for (i = 0; i < 24; i++) {
    c[i].mh_type = MIPFB_MH_BU;
  }
  c[n].o = mn_id(), c[n].o.u.ident.subtype = 0, c[n++].want = MIPFB_ERR_BAD_VALUE;
  c[n].o = mn_id(), c[n].o.u.ident.id.len = 0, c[n++].want = MIPFB_ERR_BAD_LENGTH;
  c[n].o = mn_id(), c[n].o.u.ident.id.len = 255, c[n++].want = MIPFB_ERR_INVALID_ARG;
  c[n].o = kind(MIPFB_MH_OPT_MN_LLI), c[n++].want = MIPFB_ERR_BAD_LENGTH;
  c[n].o = kind(MIPFB_MH_OPT_HNP), c[n].o.u.hnp.prefix_len = 129, c[n++].want = MIPFB_ERR_BAD_VALUE;
  c[n].o = kind(MIPFB_MH_OPT_HI), c[n++].want = MIPFB_ERR_BAD_VALUE;
  c[n].o = kind(MIPFB_MH_OPT_ATT), c[n].mh_type = MIPFB_MH_BA, c[n++].want = MIPFB_ERR_BAD_VALUE;
  c[n].o = kind(MIPFB_MH_OPT_IPV4_HOA_REQ), c[n].o.u.ipv4.prefix_len = 33, c[n++].want = MIPFB_ERR_BAD_VALUE;
  c[n].o = kind(MIPFB_MH_OPT_IPV4_HOA_REQ), c[n].mh_type = MIPFB_MH_BA, c[n++].want = MIPFB_ERR_BAD_VALUE;
  c[n].o = kind(MIPFB_MH_OPT_IPV4_HOA_REQ), c[n].o.u.ipv4.status = 1, c[n++].want = MIPFB_ERR_INVALID_ARG;
  c[n].o = kind(MIPFB_MH_OPT_IPV4_HOA_REP), c[n++].want = MIPFB_ERR_BAD_VALUE;
  c[n].o = kind(MIPFB_MH_OPT_IPV4_HOA_REP), c[n].mh_type = MIPFB_MH_BA, c[n].o.u.ipv4.prefix_len = 40;
  c[n++].want = MIPFB_ERR_BAD_VALUE;
  c[n].o = kind(MIPFB_MH_OPT_IPV4_DFLT_RTR), c[n].mh_type = MIPFB_MH_BA, c[n].o.u.ipv4.prefix_len = 8;
  c[n++].want = MIPFB_ERR_INVALID_ARG;
  c[n].o = kind(MIPFB_MH_OPT_TIMESTAMP), c[n].mh_type = MIPFB_MH_BRR, c[n++].want = MIPFB_ERR_BAD_VALUE;
  c[n].o = kind(MIPFB_MH_OPT_MMB), c[n++].want = MIPFB_ERR_BAD_VALUE; /* BID 0 */
  c[n].o = kind(MIPFB_MH_OPT_MMB), c[n].o.u.mmb.bid = 255, c[n++].want = MIPFB_ERR_BAD_VALUE;
  c[n].o = kind(MIPFB_MH_OPT_MMB), c[n].o.u.mmb.bid = 254, c[n].o.u.mmb.flags = MIPFB_MH_MMB_B | MIPFB_MH_MMB_O;
  c[n++].want = MIPFB_ERR_BAD_VALUE;
  c[n].o = kind(MIPFB_MH_OPT_MMB), c[n].o.u.mmb.bid = 254, c[n].o.u.mmb.flags = MIPFB_MH_MMB_O, c[n].lifetime = 1;
  c[n++].want = 24;
  c[n].o = kind(MIPFB_MH_OPT_MMB), c[n].o.u.mmb.bid = 254, c[n].o.u.mmb.flags = MIPFB_MH_MMB_O;
  c[n++].want = MIPFB_ERR_BAD_VALUE; /* O in a deregistration */
  c[n].o = kind(MIPFB_MH_OPT_MMB), c[n].o.u.mmb.bid = 1, c[n].o.u.mmb.flags = 0x01, c[n++].want = MIPFB_ERR_INVALID_ARG;
  c[n].o = kind(MIPFB_MH_OPT_MAG_ID), c[n].o.u.ident.subtype = 1, c[n++].want = MIPFB_ERR_BAD_LENGTH;
  return n;
}

/* The encoder applies the decoder's rules (wire.md 7.2, 7.7) */
START_TEST(test_mipfb_mh_pmip_encoder_enforces_rules) {
  rule_case c[24];
  size_t n = rule_cases(c), i;
  for (i = 0; i < n; i++) {
    ck_assert_msg(th_mh_encode_one(&c[i].o, c[i].mh_type, c[i].lifetime, NULL) == c[i].want, "case %u: %d",
                  (unsigned)i, th_mh_encode_one(&c[i].o, c[i].mh_type, c[i].lifetime, NULL));
  }
}
END_TEST

/* RFC 8278 types come from the code-point table */
START_TEST(test_mipfb_mh_pmip_codepoints_mmb_type_configurable) {
  mipfb_codepoints cp;
  mipfb_mh_opt o = kind(MIPFB_MH_OPT_MMB);
  mipfb_mh_msg m = pmsg(MIPFB_MH_BU, &o, 1);
  mipfb_ssize n;
  ck_assert_int_eq(mipfb_codepoints_default(&cp, MIPFB_PROFILE_RFC), 0);
  cp.mh_opt_mmb = 250;
  o.u.mmb.bid = 1;
  n = mipfb_mh_encode(buf, sizeof buf, &m, NULL, NULL, &cp, NULL);
  ck_assert_int_eq(n, 24);
  ck_assert_uint_eq(buf[12], 250);
  ck_assert_int_eq(mipfb_mh_decode(&msg, opt, 16, buf, (size_t)n, NULL, NULL, &cp, NULL), n);
  ck_assert_int_eq(opt[0].kind, MIPFB_MH_OPT_MMB);
  ck_assert_int_eq(mipfb_mh_decode(&msg, opt, 16, buf, (size_t)n, NULL, NULL, NULL, NULL), n);
  ck_assert_int_eq(opt[0].kind, MIPFB_MH_OPT_UNKNOWN);
  cp.mh_opt_mmb = 0; /* not recognised: nothing to encode it with */
  ck_assert_int_eq(mipfb_mh_encode(buf, sizeof buf, &m, NULL, NULL, &cp, NULL), MIPFB_ERR_INVALID_ARG);
}
END_TEST

Suite *mipfb_mh_pmip_suite(void) {
  Suite *s = suite_create("mh_pmip");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, test_mipfb_mh_pmip_rfc5213_8_decoded_fields);
  tcase_add_test(tc, test_mipfb_mh_pmip_encode_from_fields);
  tcase_add_test(tc, test_mipfb_mh_pmip_alignment_after_every_length);
  tcase_add_test(tc, test_mipfb_mh_pmip_encoder_enforces_rules);
  tcase_add_test(tc, test_mipfb_mh_pmip_codepoints_mmb_type_configurable);
  suite_add_tcase(s, tc);
  return s;
}
