/* MIPv4 codec: RFC 5944 3.3/3.4 framing, RFC 7629 4.1/4.2, draft-02 4.1,
   RFC 2794, RFC 5944 3.5 authentication. Byte-level negative cases for
   every rule are in tests/vectors/mip4.vec; these tests check decoded
   values, encoder-side rules and API contracts. */
#include <string.h>

#include <mipfb/mipfb.h>

#include "test_helper.h"

/* wire.md Appendix A: RRQ D|T, lifetime 1800, HoA 10.0.0.2, HA 10.0.0.1,
   CoA 192.0.2.10, Multipath (ATT 4, label 1, BID 1, B) + Flow-Binding
   (FORWARD 1,2; TS C|I|M) + MN-HA (SPI 0x100, HMAC-MD5 key "secret"). */
static const char APPENDIX_A[] =
    "012207080a0000020a000001c000020ae8fe6f80123456789a010004040101809a0200100102010201208800000a00000213"
    "c41120140000010064b2639468d34558c4eac16985e7ff69";

static uint8_t buf[512];
static size_t buf_len;
static mipfb_mip4_ext ext[16];
static mipfb_mip4_msg msg;
static mipfb_hmac_md5_key key;

static void load(const char *hex) {
  long n = th_unhex(hex, buf, sizeof buf);
  ck_assert_int_ge(n, 0);
  buf_len = (size_t)n;
  mipfb_hmac_md5_key_init(&key, (const uint8_t *)"secret", 6);
}

static mipfb_ssize decode(const uint8_t *p, size_t n, const mipfb_codepoints *cp, mipfb_diag *d) {
  return mipfb_mip4_decode(&msg, ext, 16, p, n, cp, d);
}

/* RFC 5944 3.3 + RFC 7629 4.1/4.2: every field of the Appendix A request */
START_TEST(test_mipfb_mip4_rfc7629_appendix_a_fields) {
  const mipfb_mip4_flow_binding *fb;
  load(APPENDIX_A);
  ck_assert_int_eq(decode(buf, buf_len, NULL, NULL), (mipfb_ssize)buf_len);
  ck_assert_uint_eq(msg.type, MIPFB_MIP4_RRQ);
  ck_assert_uint_eq(msg.flags, MIPFB_MIP4_FLAG_D | MIPFB_MIP4_FLAG_T);
  ck_assert_uint_eq(msg.lifetime, 1800);
  ck_assert_uint_eq(msg.hoa, 0x0a000002u);
  ck_assert_uint_eq(msg.ha, 0x0a000001u);
  ck_assert_uint_eq(msg.coa, 0xc000020au);
  ck_assert(msg.id == 0xe8fe6f8012345678ull);
  ck_assert_uint_eq(msg.n_ext, 3);
  ck_assert_int_eq(msg.ext[0].kind, MIPFB_MIP4_EXT_MULTIPATH);
  ck_assert_uint_eq(msg.ext[0].offset, 24);
  ck_assert_uint_eq(msg.ext[0].u.multipath.if_att, 4);
  ck_assert_uint_eq(msg.ext[0].u.multipath.if_label, 1);
  ck_assert_uint_eq(msg.ext[0].u.multipath.bid, 1);
  ck_assert_uint_eq(msg.ext[0].u.multipath.b, 1);
  ck_assert_uint_eq(msg.ext[0].u.multipath.o, 0);
  ck_assert_int_eq(msg.ext[1].kind, MIPFB_MIP4_EXT_FLOW_BINDING);
  fb = &msg.ext[1].u.flow_binding;
  ck_assert_uint_eq(fb->action, 1);
  ck_assert_uint_eq(fb->bid_count, 2);
  ck_assert_uint_eq(fb->bids[0], 1);
  ck_assert_uint_eq(fb->bids[1], 2);
  ck_assert_uint_eq(fb->ts.format, MIPFB_TS_FORMAT_IPV4);
  ck_assert_uint_eq(fb->ts.fields, MIPFB_TS_DST_START | MIPFB_TS_DPORT_START | MIPFB_TS_PROTO_START);
  ck_assert_mem_eq(fb->ts.dst_start, "\x0a\x00\x00\x02", 4);
  ck_assert_uint_eq(fb->ts.dport_start, 5060);
  ck_assert_uint_eq(fb->ts.proto_start, 17);
  ck_assert_int_eq(msg.ext[2].kind, MIPFB_MIP4_EXT_MN_HA_AUTH);
  ck_assert_uint_eq(msg.ext[2].offset, 52);
  ck_assert_uint_eq(msg.ext[2].u.auth.spi, 0x100);
  ck_assert_uint_eq(msg.ext[2].u.auth.authenticator.len, 16);
  ck_assert_ptr_eq(msg.ext[2].u.auth.authenticator.base, buf + 58); /* zero copy */
  ck_assert_ptr_eq(mipfb_mip4_find(&msg, MIPFB_MIP4_EXT_MN_HA_AUTH), &msg.ext[2]);
  ck_assert_ptr_null(mipfb_mip4_find(&msg, MIPFB_MIP4_EXT_NAI));
}
END_TEST

/* RFC 5944 3.5.1: authenticator covers the message through the SPI */
START_TEST(test_mipfb_mip4_rfc5944_3_5_1_auth_verify) {
  const mipfb_mip4_ext *a;
  mipfb_hmac_md5_key wrong;
  size_t i;
  load(APPENDIX_A);
  ck_assert_int_eq(decode(buf, buf_len, NULL, NULL), (mipfb_ssize)buf_len);
  a = mipfb_mip4_find(&msg, MIPFB_MIP4_EXT_MN_HA_AUTH);
  ck_assert_int_eq(mipfb_mip4_auth_verify(buf, buf_len, a, &key), 0);
  mipfb_hmac_md5_key_init(&wrong, (const uint8_t *)"secreT", 6);
  ck_assert_int_eq(mipfb_mip4_auth_verify(buf, buf_len, a, &wrong), MIPFB_ERR_AUTH);
  /* every covered octet (0..57) and every authenticator octet matters */
  for (i = 0; i < buf_len; i++) {
    buf[i] ^= 0x01;
    if (decode(buf, buf_len, NULL, NULL) == (mipfb_ssize)buf_len) {
      a = mipfb_mip4_find(&msg, MIPFB_MIP4_EXT_MN_HA_AUTH);
      if (a != NULL) { /* flipping the Type octet turns it into MN-FA (33) */
        ck_assert_int_eq(mipfb_mip4_auth_verify(buf, buf_len, a, &key), MIPFB_ERR_AUTH);
      }
    }
    buf[i] ^= 0x01;
  }
  /* not an auth entry */
  ck_assert_int_eq(decode(buf, buf_len, NULL, NULL), (mipfb_ssize)buf_len);
  ck_assert_int_eq(mipfb_mip4_auth_verify(buf, buf_len, &msg.ext[0], &key), MIPFB_ERR_INVALID_ARG);
}
END_TEST

/* Encoder builds the Appendix A bytes from fields, HMAC computed */
START_TEST(test_mipfb_mip4_rfc7629_encode_appendix_a_from_fields) {
  mipfb_mip4_ext e[3];
  mipfb_mip4_msg m;
  uint8_t out[128];
  size_t cap;
  load(APPENDIX_A);
  memset(e, 0, sizeof e);
  memset(&m, 0, sizeof m);
  m.type = MIPFB_MIP4_RRQ;
  m.flags = MIPFB_MIP4_FLAG_D | MIPFB_MIP4_FLAG_T;
  m.lifetime = 1800;
  m.hoa = 0x0a000002u;
  m.ha = 0x0a000001u;
  m.coa = 0xc000020au;
  m.id = 0xe8fe6f8012345678ull;
  e[0].kind = MIPFB_MIP4_EXT_MULTIPATH;
  e[0].u.multipath.if_att = 4;
  e[0].u.multipath.if_label = 1;
  e[0].u.multipath.bid = 1;
  e[0].u.multipath.b = 1;
  e[1].kind = MIPFB_MIP4_EXT_FLOW_BINDING;
  e[1].u.flow_binding.action = 1;
  e[1].u.flow_binding.bid_count = 2;
  e[1].u.flow_binding.bids[0] = 1;
  e[1].u.flow_binding.bids[1] = 2;
  e[1].u.flow_binding.ts.format = MIPFB_TS_FORMAT_IPV4;
  e[1].u.flow_binding.ts.fields = MIPFB_TS_DST_START | MIPFB_TS_DPORT_START | MIPFB_TS_PROTO_START;
  memcpy(e[1].u.flow_binding.ts.dst_start, "\x0a\x00\x00\x02", 4);
  e[1].u.flow_binding.ts.dport_start = 5060;
  e[1].u.flow_binding.ts.proto_start = 17;
  e[2].kind = MIPFB_MIP4_EXT_MN_HA_AUTH;
  e[2].u.auth.spi = 0x100;
  e[2].u.auth.key = &key;
  m.ext = e;
  m.n_ext = 3;
  ck_assert_int_eq(mipfb_mip4_encoded_len(&m, NULL), (mipfb_ssize)buf_len);
  ck_assert_int_eq(mipfb_mip4_encode(out, sizeof out, &m, NULL, NULL), (mipfb_ssize)buf_len);
  ck_assert_mem_eq(out, buf, buf_len);
  /* every too-small buffer: NOBUF, nothing claimed written */
  for (cap = 0; cap < buf_len; cap++) {
    ck_assert_int_eq(mipfb_mip4_encode(out, cap, &m, NULL, NULL), MIPFB_ERR_NOBUF);
  }
}
END_TEST

/* Inputs ending at a guard page: no read past the end, every cut either a
   shorter valid message (at an extension boundary) or TRUNCATED */
START_TEST(test_mipfb_mip4_rfc5944_every_truncation_guarded) {
  size_t n;
  load(APPENDIX_A);
  for (n = 0; n < buf_len; n++) {
    mipfb_diag d;
    const uint8_t *p = th_guard(buf, n);
    mipfb_ssize rv = decode(p, n, NULL, &d);
    if (n == 24 || n == 32 || n == 52) {
      ck_assert_int_eq(rv, (mipfb_ssize)n);
    } else {
      ck_assert_int_eq(rv, MIPFB_ERR_TRUNCATED);
      ck_assert_uint_le(d.offset, n);
      ck_assert_ptr_nonnull(d.detail);
    }
  }
}
END_TEST

/* RFC 7629 4.1: reserved Multipath flag bits are ignored on receipt */
START_TEST(test_mipfb_mip4_rfc7629_4_1_reserved_bits_ignored) {
  load("012207080a0000020a000001c000020ae8fe6f80123456789a01000404010180");
  buf[31] = 0x80 | 0x3f;
  ck_assert_int_eq(decode(buf, buf_len, NULL, NULL), (mipfb_ssize)buf_len);
  ck_assert_uint_eq(ext[0].u.multipath.b, 1);
  ck_assert_uint_eq(ext[0].u.multipath.o, 0);
}
END_TEST

/* Errata E-1: r/x ignored by default, rejected in strict mode */
START_TEST(test_mipfb_mip4_errata_e1_strict_reserved) {
  mipfb_codepoints cp;
  mipfb_diag d;
  mipfb_mip4_msg m;
  uint8_t out[64];
  load("012707080a0000020a000001c000020ae8fe6f8012345678");
  ck_assert_int_eq(decode(buf, buf_len, NULL, NULL), (mipfb_ssize)buf_len);
  ck_assert_int_eq(mipfb_codepoints_default(&cp, MIPFB_PROFILE_RFC), 0);
  cp.options |= MIPFB_CP_STRICT_RESERVED;
  ck_assert_int_eq(decode(buf, buf_len, &cp, &d), MIPFB_ERR_BAD_VALUE);
  ck_assert_uint_eq(d.offset, 1);
  m = msg;
  ck_assert_int_eq(mipfb_mip4_encode(out, sizeof out, &m, &cp, NULL), MIPFB_ERR_BAD_VALUE);
}
END_TEST

/* Caller array capacity: picohttpparser-style NOBUF, never an overflow */
START_TEST(test_mipfb_mip4_ext_array_full) {
  mipfb_mip4_msg m;
  mipfb_mip4_ext two[2];
  mipfb_diag d;
  load(APPENDIX_A);
  ck_assert_int_eq(mipfb_mip4_decode(&m, two, 2, buf, buf_len, NULL, &d), MIPFB_ERR_NOBUF);
  ck_assert_uint_eq(d.offset, 52);
  ck_assert_int_eq(mipfb_mip4_decode(&m, NULL, 0, buf, 24, NULL, NULL), 24);
  ck_assert_uint_eq(m.n_ext, 0);
  ck_assert_int_eq(mipfb_mip4_decode(NULL, two, 2, buf, buf_len, NULL, NULL), MIPFB_ERR_INVALID_ARG);
  ck_assert_int_eq(mipfb_mip4_decode(&m, two, 2, NULL, 3, NULL, NULL), MIPFB_ERR_INVALID_ARG);
}
END_TEST

/* The encoder refuses what the decoder rejects (RFC 7629 4.1/4.2 MUSTs) */
START_TEST(test_mipfb_mip4_rfc7629_encoder_enforces_rules) {
  mipfb_mip4_ext e[2];
  mipfb_mip4_msg m;
  uint8_t out[128];
  mipfb_diag d;
  memset(e, 0, sizeof e);
  memset(&m, 0, sizeof m);
  m.type = MIPFB_MIP4_RRQ;
  m.lifetime = 60;
  m.ext = e;
  m.n_ext = 1;
  e[0].kind = MIPFB_MIP4_EXT_MULTIPATH;
  e[0].u.multipath.if_label = 1;
  e[0].u.multipath.bid = 1;
  ck_assert_int_eq(mipfb_mip4_encode(out, sizeof out, &m, NULL, NULL), 32);
  e[0].u.multipath.bid = 255;
  ck_assert_int_eq(mipfb_mip4_encode(out, sizeof out, &m, NULL, &d), MIPFB_ERR_BAD_VALUE);
  ck_assert_uint_eq(d.offset, 30);
  e[0].u.multipath.bid = 1;
  e[0].u.multipath.if_label = 0;
  ck_assert_int_eq(mipfb_mip4_encode(out, sizeof out, &m, NULL, NULL), MIPFB_ERR_BAD_VALUE);
  e[0].u.multipath.if_label = 1;
  e[0].u.multipath.b = e[0].u.multipath.o = 1;
  ck_assert_int_eq(mipfb_mip4_encode(out, sizeof out, &m, NULL, NULL), MIPFB_ERR_BAD_VALUE);
  e[0].u.multipath.b = 0;
  m.lifetime = 0;
  ck_assert_int_eq(mipfb_mip4_encode(out, sizeof out, &m, NULL, NULL), MIPFB_ERR_BAD_VALUE);
  m.lifetime = 60;
  m.type = MIPFB_MIP4_RRP;
  ck_assert_int_eq(mipfb_mip4_encode(out, sizeof out, &m, NULL, NULL), MIPFB_ERR_BAD_VALUE);
  m.type = MIPFB_MIP4_RRQ;
  e[1] = e[0];
  m.n_ext = 2;
  ck_assert_int_eq(mipfb_mip4_encode(out, sizeof out, &m, NULL, &d), MIPFB_ERR_DUPLICATE);
  ck_assert_uint_eq(d.offset, 32);
  /* Flow-Binding: count, DROP single BID, selector rules */
  e[1].kind = MIPFB_MIP4_EXT_FLOW_BINDING;
  memset(&e[1].u, 0, sizeof e[1].u);
  e[1].u.flow_binding.action = 1;
  e[1].u.flow_binding.bid_count = 9;
  e[1].u.flow_binding.ts.format = MIPFB_TS_FORMAT_IPV4;
  ck_assert_int_eq(mipfb_mip4_encode(out, sizeof out, &m, NULL, NULL), MIPFB_ERR_BAD_VALUE);
  e[1].u.flow_binding.bid_count = 1;
  e[1].u.flow_binding.bids[0] = 1;
  ck_assert_int_eq(mipfb_mip4_encode(out, sizeof out, &m, NULL, NULL), 32 + 12);
  e[1].u.flow_binding.action = 0;
  e[1].u.flow_binding.bid_count = 2;
  ck_assert_int_eq(mipfb_mip4_encode(out, sizeof out, &m, NULL, NULL), MIPFB_ERR_BAD_VALUE);
  e[1].u.flow_binding.bid_count = 1;
  e[1].u.flow_binding.ts.fields = MIPFB_TS_SRC_END; /* End without Start */
  ck_assert_int_eq(mipfb_mip4_encode(out, sizeof out, &m, NULL, &d), MIPFB_ERR_BAD_VALUE);
  ck_assert_uint_eq(d.offset, 32 + 8); /* the selector's flags word */
  e[1].u.flow_binding.ts.fields = 0;
  e[1].u.flow_binding.ts.format = 0;
  ck_assert_int_lt(mipfb_mip4_encode(out, sizeof out, &m, NULL, NULL), 0);
}
END_TEST

/* draft-02: the Multiple Tunnel Request needs a type in the table */
START_TEST(test_mipfb_mip4_draft02_mtunnel_profile) {
  mipfb_codepoints cp;
  mipfb_mip4_ext e;
  mipfb_mip4_msg m;
  uint8_t out[64];
  memset(&e, 0, sizeof e);
  memset(&m, 0, sizeof m);
  m.type = MIPFB_MIP4_RRQ;
  m.lifetime = 60;
  m.ext = &e;
  m.n_ext = 1;
  e.kind = MIPFB_MIP4_EXT_MTUNNEL;
  e.u.mtunnel.bid = 300;
  e.u.mtunnel.bw_len = 4;
  e.u.mtunnel.bandwidth = 1000;
  ck_assert_int_eq(mipfb_mip4_encode(out, sizeof out, &m, NULL, NULL), MIPFB_ERR_INVALID_ARG);
  ck_assert_int_eq(mipfb_codepoints_default(&cp, MIPFB_PROFILE_DRAFT), 0);
  ck_assert_int_eq(mipfb_mip4_encode(out, sizeof out, &m, &cp, NULL), 36);
  ck_assert_uint_eq(out[24], 127);
  ck_assert_uint_eq(out[25], 10);
  ck_assert_int_eq(decode(out, 36, &cp, NULL), 36);
  ck_assert_uint_eq(ext[0].u.mtunnel.bid, 300);
  ck_assert_uint_eq(ext[0].u.mtunnel.bandwidth, 1000);
  e.u.mtunnel.bw_len = 3;
  ck_assert_int_eq(mipfb_mip4_encode(out, sizeof out, &m, &cp, NULL), MIPFB_ERR_INVALID_ARG);
}
END_TEST

/* Errata E-17: who denied is decided by table, not by code >= 128 */
START_TEST(test_mipfb_mip4_errata_e17_code_originator) {
  ck_assert_int_eq(mipfb_mip4_code_is_fa(64, NULL), 1);
  ck_assert_int_eq(mipfb_mip4_code_is_fa(127, NULL), 1);
  ck_assert_int_eq(mipfb_mip4_code_is_fa(194, NULL), 1);
  ck_assert_int_eq(mipfb_mip4_code_is_fa(128, NULL), 0);
  ck_assert_int_eq(mipfb_mip4_code_is_fa(152, NULL), 0);
  ck_assert_int_eq(mipfb_mip4_code_is_fa(0, NULL), 0);
}
END_TEST

/* Unknown skippable (RFC 5944 1.9) survive a round trip; the encoder will
   not emit an opaque non-skippable one */
START_TEST(test_mipfb_mip4_rfc5944_1_9_unknown_skippable) {
  mipfb_mip4_msg m;
  uint8_t out[64];
  load("012207080a0000020a000001c000020ae8fe6f8012345678c803010203");
  ck_assert_int_eq(decode(buf, buf_len, NULL, NULL), (mipfb_ssize)buf_len);
  ck_assert_int_eq(ext[0].kind, MIPFB_MIP4_EXT_UNKNOWN);
  ck_assert_uint_eq(ext[0].type, 200);
  ck_assert_uint_eq(ext[0].u.unknown.len, 3);
  m = msg;
  ck_assert_int_eq(mipfb_mip4_encode(out, sizeof out, &m, NULL, NULL), (mipfb_ssize)buf_len);
  ck_assert_mem_eq(out, buf, buf_len);
  ext[0].type = 100;
  ck_assert_int_eq(mipfb_mip4_encode(out, sizeof out, &m, NULL, NULL), MIPFB_ERR_UNKNOWN_NONSKIPPABLE);
}
END_TEST

Suite *mipfb_mip4_suite(void) {
  Suite *s = suite_create("mip4");
  TCase *tc = tcase_create("codec");
  tcase_add_test(tc, test_mipfb_mip4_rfc7629_appendix_a_fields);
  tcase_add_test(tc, test_mipfb_mip4_rfc5944_3_5_1_auth_verify);
  tcase_add_test(tc, test_mipfb_mip4_rfc7629_encode_appendix_a_from_fields);
  tcase_add_test(tc, test_mipfb_mip4_rfc5944_every_truncation_guarded);
  tcase_add_test(tc, test_mipfb_mip4_rfc7629_4_1_reserved_bits_ignored);
  tcase_add_test(tc, test_mipfb_mip4_errata_e1_strict_reserved);
  tcase_add_test(tc, test_mipfb_mip4_ext_array_full);
  tcase_add_test(tc, test_mipfb_mip4_rfc7629_encoder_enforces_rules);
  tcase_add_test(tc, test_mipfb_mip4_draft02_mtunnel_profile);
  tcase_add_test(tc, test_mipfb_mip4_errata_e17_code_originator);
  tcase_add_test(tc, test_mipfb_mip4_rfc5944_1_9_unknown_skippable);
  suite_add_tcase(s, tc);
  return s;
}
