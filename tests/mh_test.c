/* Mobility Header codec: RFC 6275 6.1 framing and checksum, 6.2 options and
   their alignment, RFC 5648 / RFC 6089 Binding Identifier, draft-13 O flag.
   Byte-level negative cases for every decoder rule are in
   tests/vectors/mh.vec; these tests check decoded values, alignment,
   encoder-side rules and API contracts. */
#include <string.h>

#include <mipfb/mipfb.h>

#include "test_helper.h"

/* mh.vec rfc5648-6.1-bu-bulk-three-bids-h-flag: BU A|H seq 7 lifetime 100,
   BID 1 (H, 2001:db8:2::7), BID 2 (192.0.2.10), BID 3; src 2001:db8::1,
   dst 2001:db8::100, checksum computed by mh_vectors.py. */
static const char BULK_BU[] =
    "3b07050045d70007c000006401040000000023140001008020010db80002000000000000000000070100230800020000"
    "c000020a230400030000010400000000";
static const uint8_t SRC[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01};
static const uint8_t DST[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x00};
static const uint8_t COA6[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x07};

static uint8_t buf[4096];
static size_t buf_len;
static mipfb_mh_opt opt[16];
static mipfb_mh_msg msg;

static void load(const char *hex) {
  long n = th_unhex(hex, buf, sizeof buf);
  ck_assert_int_ge(n, 0);
  buf_len = (size_t)n;
}

static mipfb_ssize decode(const uint8_t *p, size_t n, const mipfb_codepoints *cp, mipfb_diag *d) {
  return mipfb_mh_decode(&msg, opt, 16, p, n, SRC, DST, cp, d);
}

static mipfb_mh_msg bu_msg(mipfb_mh_opt *o, size_t n) {
  mipfb_mh_msg m;
  memset(&m, 0, sizeof m);
  m.type = MIPFB_MH_BU;
  m.seq = 7;
  m.flags = MIPFB_MH_BU_A | MIPFB_MH_BU_H;
  m.lifetime = 100;
  m.opt = o;
  m.n_opt = n;
  return m;
}

static mipfb_mh_opt bid_opt(uint16_t bid, uint8_t family) {
  mipfb_mh_opt o;
  memset(&o, 0, sizeof o);
  o.kind = MIPFB_MH_OPT_BID;
  o.u.bid.bid = bid;
  o.u.bid.coa.family = family;
  if (family == MIPFB_AF_INET6) {
    memcpy(o.u.bid.coa.bytes, COA6, 16);
  } else if (family == MIPFB_AF_INET4) {
    o.u.bid.coa.bytes[0] = 192; /* 192.0.2.10 */
    o.u.bid.coa.bytes[2] = 2;
    o.u.bid.coa.bytes[3] = 10;
  }
  return o;
}

/* RFC 6275 6.1.7 + RFC 5648 6.1: every field of a bulk-registration BU */
START_TEST(test_mipfb_mh_rfc5648_6_1_bulk_bu_fields) {
  load(BULK_BU);
  ck_assert_int_eq(decode(buf, buf_len, NULL, NULL), (mipfb_ssize)buf_len);
  ck_assert_uint_eq(msg.type, MIPFB_MH_BU);
  ck_assert_uint_eq(msg.seq, 7);
  ck_assert_uint_eq(msg.flags, MIPFB_MH_BU_A | MIPFB_MH_BU_H);
  ck_assert_uint_eq(msg.lifetime, 100);
  ck_assert_uint_eq(msg.checksum, 0x45d7);
  ck_assert_uint_eq(msg.n_opt, 3);
  ck_assert_int_eq(opt[0].kind, MIPFB_MH_OPT_BID);
  ck_assert_uint_eq(opt[0].offset, 18);
  ck_assert_uint_eq(opt[0].u.bid.bid, 1);
  ck_assert_uint_eq(opt[0].u.bid.h, 1);
  ck_assert_uint_eq(opt[0].u.bid.pri, 0);
  ck_assert_uint_eq(opt[0].u.bid.coa.family, MIPFB_AF_INET6);
  ck_assert_mem_eq(opt[0].u.bid.coa.bytes, COA6, 16);
  ck_assert_uint_eq(opt[1].u.bid.bid, 2);
  ck_assert_uint_eq(opt[1].u.bid.coa.family, MIPFB_AF_INET4);
  ck_assert_uint_eq(opt[1].u.bid.coa.bytes[0], 192);
  ck_assert_uint_eq(opt[1].u.bid.coa.bytes[3], 10);
  ck_assert_uint_eq(opt[2].u.bid.bid, 3);
  ck_assert_uint_eq(opt[2].u.bid.coa.family, 0);
  ck_assert_uint_eq(opt[2].offset % 2, 0);
}
END_TEST

/* RFC 6275 6.1.1: the checksum over the pseudo-header (known answer from
   mh_vectors.py); a flipped octet or other addresses fail to verify */
START_TEST(test_mipfb_mh_rfc6275_6_1_1_checksum) {
  mipfb_diag d;
  uint8_t other[16];
  load(BULK_BU);
  ck_assert_uint_eq(mipfb_mh_checksum(buf, buf_len, SRC, DST), 0x45d7);
  memcpy(other, DST, 16);
  other[15] ^= 1;
  ck_assert_int_eq(mipfb_mh_decode(&msg, opt, 16, buf, buf_len, SRC, other, NULL, &d), MIPFB_ERR_BAD_CHECKSUM);
  ck_assert_uint_eq(d.offset, 4);
  ck_assert_int_eq(mipfb_mh_decode(&msg, opt, 16, buf, buf_len, NULL, NULL, NULL, NULL), (mipfb_ssize)buf_len);
  buf[20] ^= 0x10;
  ck_assert_int_eq(decode(buf, buf_len, NULL, &d), MIPFB_ERR_BAD_CHECKSUM);
}
END_TEST

/* The encoder reproduces the bulk BU from fields, checksum included */
START_TEST(test_mipfb_mh_rfc5648_6_1_encode_from_fields) {
  uint8_t out[64];
  mipfb_mh_opt o[3];
  mipfb_mh_msg m;
  o[0] = bid_opt(1, MIPFB_AF_INET6);
  o[0].u.bid.h = 1;
  o[1] = bid_opt(2, MIPFB_AF_INET4);
  o[2] = bid_opt(3, 0);
  m = bu_msg(o, 3);
  load(BULK_BU);
  ck_assert_int_eq(mipfb_mh_encoded_len(&m, NULL), (mipfb_ssize)buf_len);
  ck_assert_int_eq(mipfb_mh_encode(out, sizeof out, &m, SRC, DST, NULL, NULL), (mipfb_ssize)buf_len);
  ck_assert_mem_eq(out, buf, buf_len);
  ck_assert_int_eq(mipfb_mh_encode(out, buf_len - 1, &m, SRC, DST, NULL, NULL), MIPFB_ERR_NOBUF);
  ck_assert_int_eq(mipfb_mh_encode(NULL, 0, &m, SRC, DST, NULL, NULL), MIPFB_ERR_NOBUF);
  ck_assert_int_eq(mipfb_mh_encode(NULL, 4, &m, SRC, DST, NULL, NULL), MIPFB_ERR_INVALID_ARG);
  /* without addresses the checksum is left 0 */
  ck_assert_int_eq(mipfb_mh_encode(out, sizeof out, &m, NULL, NULL, NULL, NULL), (mipfb_ssize)buf_len);
  ck_assert_uint_eq(out[4], 0);
  ck_assert_uint_eq(out[5], 0);
}
END_TEST

/* Alignment (RFC 6275 6.2, wire.md 4.5, 5.1): every option, after every
   preceding length mod 8, lands at its xn+y offset with the least padding,
   and the message is a multiple of 8 octets that decodes back. */
typedef struct align_case {
  mipfb_mh_opt o;
  uint8_t mh_type;
  size_t x, y;
} align_case;

static size_t align_cases(align_case *c) {
  static const uint8_t auth12[12] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
  static const uint8_t auth4[4] = {1, 2, 3, 4};
  size_t n = 0;
  memset(c, 0, 8 * sizeof *c);
  c[n].o.kind = MIPFB_MH_OPT_REFRESH, c[n].o.u.refresh = 9, c[n].mh_type = MIPFB_MH_BA, c[n].x = 2, c[n].y = 0, n++;
  c[n].o.kind = MIPFB_MH_OPT_ALT_COA, memcpy(c[n].o.u.alt_coa, COA6, 16), c[n].mh_type = MIPFB_MH_BU;
  c[n].x = 8, c[n].y = 6, n++;
  c[n].o.kind = MIPFB_MH_OPT_NONCE_IDX, c[n].mh_type = MIPFB_MH_BU, c[n].x = 2, c[n].y = 0, n++;
  c[n].o.kind = MIPFB_MH_OPT_AUTH_DATA, c[n].o.u.auth.base = auth12, c[n].o.u.auth.len = 12;
  c[n].mh_type = MIPFB_MH_BU, c[n].x = 8, c[n].y = 2, n++;
  c[n].o.kind = MIPFB_MH_OPT_AUTH_DATA, c[n].o.u.auth.base = auth4, c[n].o.u.auth.len = 4;
  c[n].mh_type = MIPFB_MH_BA, c[n].x = 8, c[n].y = 2, n++;
  c[n].o = bid_opt(5, 0), c[n].mh_type = MIPFB_MH_BRR, c[n].x = 2, c[n].y = 0, n++;
  c[n].o = bid_opt(5, MIPFB_AF_INET4), c[n].mh_type = MIPFB_MH_BU, c[n].x = 8, c[n].y = 2, n++;
  c[n].o = bid_opt(5, MIPFB_AF_INET6), c[n].mh_type = MIPFB_MH_BU, c[n].x = 8, c[n].y = 2, n++;
  return n;
}

START_TEST(test_mipfb_mh_rfc6275_6_2_alignment_after_every_length) {
  static const uint8_t filler[8] = {0};
  align_case c[8];
  size_t n = align_cases(c), i, k;
  for (i = 0; i < n; i++) {
    for (k = 0; k < 8; k++) {
      mipfb_mh_opt o[2];
      mipfb_mh_msg m = bu_msg(o, 2), got;
      mipfb_mh_opt got_opt[4];
      mipfb_ssize len;
      size_t at, prev_end;
      memset(&o[0], 0, sizeof o[0]);
      o[0].kind = MIPFB_MH_OPT_UNKNOWN; /* shifts the next option by k + 2 octets */
      o[0].type = 200;
      o[0].u.unknown.base = filler;
      o[0].u.unknown.len = k;
      o[1] = c[i].o;
      m.type = c[i].mh_type;
      m.flags = m.type == MIPFB_MH_BU ? m.flags : 0;
      len = mipfb_mh_encode(buf, sizeof buf, &m, SRC, DST, NULL, NULL);
      ck_assert_int_gt(len, 0);
      ck_assert_int_eq(len % 8, 0);
      ck_assert_uint_eq(buf[1], (unsigned)(len / 8 - 1));
      ck_assert_int_eq(mipfb_mh_encoded_len(&m, NULL), len);
      ck_assert_int_eq(mipfb_mh_decode(&got, got_opt, 4, buf, (size_t)len, SRC, DST, NULL, NULL), len);
      ck_assert_uint_eq(got.n_opt, 2);
      at = got_opt[1].offset;
      prev_end = got_opt[0].offset + 2 + k;
      ck_assert_msg(at % c[i].x == c[i].y, "case %u after %u: option at %u, not %un+%u", (unsigned)i, (unsigned)k,
                    (unsigned)at, (unsigned)c[i].x, (unsigned)c[i].y);
      ck_assert_msg(at - prev_end < c[i].x, "case %u after %u: more padding than needed", (unsigned)i, (unsigned)k);
      if (c[i].o.kind == MIPFB_MH_OPT_AUTH_DATA) {
        ck_assert_uint_eq(at + 2 + c[i].o.u.auth.len, (size_t)len); /* last, no padding after it */
      }
      /* the padding in between is exactly one Pad1 or one PadN of zeros */
      if (at - prev_end == 1) {
        ck_assert_uint_eq(buf[prev_end], MIPFB_MH_OPT_PAD1);
      } else if (at - prev_end >= 2) {
        ck_assert_uint_eq(buf[prev_end], MIPFB_MH_OPT_PADN);
        ck_assert_uint_eq(buf[prev_end + 1], at - prev_end - 2);
      }
    }
  }
}
END_TEST

/* RFC 6275 6.2.1: the iterator steps over Pad1 and PadN, reports the rest,
   and rejects an option running past the message */
START_TEST(test_mipfb_mh_rfc6275_6_2_1_iterator) {
  static const uint8_t mh[16] = {59, 1, 5, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0x00, 0x01, 0x00, 0xc8};
  static const uint8_t mh2[16] = {59, 1, 5, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0xc8, 0x01, 0xaa, 0x00};
  mipfb_mh_opt_iter it;
  mipfb_mh_raw_opt raw;
  mipfb_diag d;
  mipfb_mh_opt_iter_init(&it, mh, 12, 15);
  ck_assert_int_eq(mipfb_mh_opt_next(&it, &raw, NULL), MIPFB_ERR_EOF);
  mipfb_mh_opt_iter_init(&it, mh, 12, 16);
  ck_assert_int_eq(mipfb_mh_opt_next(&it, &raw, &d), MIPFB_ERR_TRUNCATED);
  ck_assert_uint_eq(d.offset, 15);
  mipfb_mh_opt_iter_init(&it, mh2, 12, 16);
  ck_assert_int_eq(mipfb_mh_opt_next(&it, &raw, NULL), 0);
  ck_assert_uint_eq(raw.type, 0xc8);
  ck_assert_uint_eq(raw.offset, 12);
  ck_assert_uint_eq(raw.data.len, 1);
  ck_assert_ptr_eq(raw.data.base, mh2 + 14);
  ck_assert_int_eq(mipfb_mh_opt_next(&it, &raw, NULL), MIPFB_ERR_EOF);
}
END_TEST

/* Every truncation of a valid message, read from the end of a page */
START_TEST(test_mipfb_mh_every_truncation_guarded) {
  size_t cut;
  load(BULK_BU);
  for (cut = 0; cut <= buf_len; cut++) {
    const uint8_t *p = th_guard(buf, cut);
    mipfb_ssize r = decode(p, cut, NULL, NULL);
    ck_assert_int_eq(r, cut == buf_len ? (mipfb_ssize)cut : MIPFB_ERR_TRUNCATED);
  }
}
END_TEST

/* RFC 6275 9.2: an unknown MH Type is reported with the type set, so the
   caller can answer with a Binding Error (Status 2) */
START_TEST(test_mipfb_mh_rfc6275_9_2_unknown_type_reported) {
  static const uint8_t hoti[16] = {59, 1, 1, 0};
  mipfb_diag d;
  msg.type = 0;
  ck_assert_int_eq(mipfb_mh_decode(&msg, opt, 16, hoti, sizeof hoti, NULL, NULL, NULL, &d), MIPFB_ERR_UNSUPPORTED);
  ck_assert_uint_eq(msg.type, 1);
  ck_assert_uint_eq(d.offset, 2);
  ck_assert_ptr_nonnull(d.detail);
}
END_TEST

/* errata E-11: the draft-13 O flag is 0x0040 in the draft profile, absent
   in the RFC profile, and never O in a proxy BU (there it is RFC 6602 B) */
START_TEST(test_mipfb_mh_errata_e11_o_flag) {
  mipfb_codepoints draft;
  mipfb_mh_msg m = bu_msg(NULL, 0);
  ck_assert_int_eq(mipfb_codepoints_default(&draft, MIPFB_PROFILE_DRAFT), 0);
  m.flags |= 0x0040;
  ck_assert_int_eq(mipfb_mh_bu_o_flag(&m, &draft), 1);
  ck_assert_int_eq(mipfb_mh_bu_o_flag(&m, NULL), 0);
  m.flags |= MIPFB_MH_BU_P;
  ck_assert_int_eq(mipfb_mh_bu_o_flag(&m, &draft), 0);
  m.flags = MIPFB_MH_BU_A;
  ck_assert_int_eq(mipfb_mh_bu_o_flag(&m, &draft), 0);
  m.type = MIPFB_MH_BA;
  m.flags = 0x0040;
  ck_assert_int_eq(mipfb_mh_bu_o_flag(&m, &draft), 0);
}
END_TEST

/* The encoder applies the decoder's rules (wire.md 4.5, 5.1-5.4) */
static int enc(const mipfb_mh_msg *m, size_t *off) {
  mipfb_diag d;
  mipfb_ssize r = mipfb_mh_encode(buf, sizeof buf, m, NULL, NULL, NULL, &d);
  ck_assert_int_lt(r, 0);
  ck_assert_int_eq(d.err, (int)r);
  ck_assert_ptr_nonnull(d.detail);
  ck_assert_int_eq(mipfb_mh_encoded_len(m, NULL), r);
  *off = d.offset;
  return (int)r;
}

START_TEST(test_mipfb_mh_rfc5648_6_1_encoder_enforces_rules) {
  static const uint8_t auth12[12] = {0};
  mipfb_mh_opt o[2];
  mipfb_mh_msg m = bu_msg(o, 1);
  size_t off;

  o[0] = bid_opt(0, 0); /* BID 0 (errata E-12) */
  ck_assert_int_eq(enc(&m, &off), MIPFB_ERR_BAD_VALUE);
  ck_assert_uint_eq(off, 14);
  o[0] = bid_opt(1, 0);
  o[0].u.bid.pri = 128; /* BID-PRI is 7 bits */
  ck_assert_int_eq(enc(&m, &off), MIPFB_ERR_BAD_VALUE);
  o[0] = bid_opt(1, 0);
  o[0].u.bid.h = 2;
  ck_assert_int_eq(enc(&m, &off), MIPFB_ERR_BAD_VALUE);
  o[0] = bid_opt(1, 9); /* no such family */
  ck_assert_int_eq(enc(&m, &off), MIPFB_ERR_BAD_VALUE);
  o[0] = bid_opt(1, MIPFB_AF_INET6);
  o[0].u.bid.coa.bytes[0] = 0xff; /* multicast CoA */
  ck_assert_int_eq(enc(&m, &off), MIPFB_ERR_BAD_VALUE);
  o[0] = bid_opt(1, MIPFB_AF_INET4);
  m.flags = MIPFB_MH_BU_A; /* IPv4 CoA outside a home registration */
  ck_assert_int_eq(enc(&m, &off), MIPFB_ERR_BAD_VALUE);
  o[0] = bid_opt(1, 0);
  o[0].u.bid.h = 1; /* H outside a home registration */
  ck_assert_int_eq(enc(&m, &off), MIPFB_ERR_BAD_VALUE);
  m = bu_msg(o, 1);
  m.type = MIPFB_MH_BA; /* CoA outside a BU */
  m.flags = 0;
  o[0] = bid_opt(1, MIPFB_AF_INET6);
  ck_assert_int_eq(enc(&m, &off), MIPFB_ERR_BAD_VALUE);
  m.type = MIPFB_MH_BE; /* BID option in a BE */
  o[0] = bid_opt(1, 0);
  ck_assert_int_eq(enc(&m, &off), MIPFB_ERR_BAD_VALUE);
  m.type = MIPFB_MH_BA; /* Alternate CoA in a BA */
  memset(&o[0], 0, sizeof o[0]);
  o[0].kind = MIPFB_MH_OPT_ALT_COA;
  memcpy(o[0].u.alt_coa, COA6, 16);
  ck_assert_int_eq(enc(&m, &off), MIPFB_ERR_BAD_VALUE);
  m = bu_msg(o, 2); /* an option after Binding Authorization Data */
  memset(o, 0, sizeof o);
  o[0].kind = MIPFB_MH_OPT_AUTH_DATA;
  o[0].u.auth.base = auth12;
  o[0].u.auth.len = 12;
  o[1].kind = MIPFB_MH_OPT_NONCE_IDX;
  ck_assert_int_eq(enc(&m, &off), MIPFB_ERR_BAD_ORDER);
  o[1].kind = (mipfb_mh_opt_kind)99;
  o[0] = o[1];
  ck_assert_int_eq(enc(&m, &off), MIPFB_ERR_INVALID_ARG);
  o[0].kind = MIPFB_MH_OPT_UNKNOWN; /* data over 255 octets */
  o[0].u.unknown.base = buf;
  o[0].u.unknown.len = 256;
  m.n_opt = 1;
  ck_assert_int_eq(enc(&m, &off), MIPFB_ERR_INVALID_ARG);
  o[0].u.unknown.base = NULL;
  o[0].u.unknown.len = 3;
  ck_assert_int_eq(enc(&m, &off), MIPFB_ERR_INVALID_ARG);
  m.n_opt = 0;
  m.type = 1; /* not a type this codec writes */
  ck_assert_int_eq(enc(&m, &off), MIPFB_ERR_INVALID_ARG);
  m.type = MIPFB_MH_BA;
  m.flags = 0x100; /* BA flags are one octet */
  ck_assert_int_eq(enc(&m, &off), MIPFB_ERR_INVALID_ARG);
  m.opt = NULL;
  m.n_opt = 1;
  ck_assert_int_eq(enc(&m, &off), MIPFB_ERR_INVALID_ARG);
}
END_TEST

/* Header Len is 8 bits: at most 2048 octets */
START_TEST(test_mipfb_mh_rfc6275_6_1_1_message_too_long) {
  static uint8_t big[250];
  mipfb_mh_opt o[9];
  mipfb_mh_msg m = bu_msg(o, 9);
  size_t i, off;
  for (i = 0; i < 9; i++) {
    memset(&o[i], 0, sizeof o[i]);
    o[i].kind = MIPFB_MH_OPT_UNKNOWN;
    o[i].type = 200;
    o[i].u.unknown.base = big;
    o[i].u.unknown.len = sizeof big;
  }
  ck_assert_int_eq(enc(&m, &off), MIPFB_ERR_INVALID_ARG);
  m.n_opt = 8;
  ck_assert_int_eq(mipfb_mh_encode(buf, sizeof buf, &m, SRC, DST, NULL, NULL), 2032);
}
END_TEST

/* Decoder contracts: NULL arguments, array too small, input longer than
   the Header Len (the MH length is returned) */
START_TEST(test_mipfb_mh_decode_contracts) {
  uint8_t longer[64];
  load(BULK_BU);
  ck_assert_int_eq(mipfb_mh_decode(NULL, opt, 16, buf, buf_len, NULL, NULL, NULL, NULL), MIPFB_ERR_INVALID_ARG);
  ck_assert_int_eq(mipfb_mh_decode(&msg, NULL, 1, buf, buf_len, NULL, NULL, NULL, NULL), MIPFB_ERR_INVALID_ARG);
  ck_assert_int_eq(mipfb_mh_decode(&msg, opt, 16, NULL, 8, NULL, NULL, NULL, NULL), MIPFB_ERR_INVALID_ARG);
  ck_assert_int_eq(mipfb_mh_decode(&msg, opt, 2, buf, buf_len, NULL, NULL, NULL, NULL), MIPFB_ERR_NOBUF);
  ck_assert_int_eq(mipfb_mh_decode(&msg, NULL, 0, NULL, 0, NULL, NULL, NULL, NULL), MIPFB_ERR_TRUNCATED);
  memset(longer, 0xee, sizeof longer);
  memcpy(longer, buf, buf_len);
  ck_assert_int_eq(mipfb_mh_decode(&msg, opt, 16, longer, sizeof longer, SRC, DST, NULL, NULL),
                   (mipfb_ssize)buf_len);
}
END_TEST

/* wire.md 8: the BID option type comes from the code-point table */
START_TEST(test_mipfb_mh_codepoints_bid_type_configurable) {
  mipfb_codepoints cp;
  mipfb_mh_opt o[1];
  mipfb_mh_msg m = bu_msg(o, 1);
  mipfb_ssize len;
  ck_assert_int_eq(mipfb_codepoints_default(&cp, MIPFB_PROFILE_DRAFT), 0);
  cp.mh_opt_bid = 250;
  o[0] = bid_opt(4, MIPFB_AF_INET6);
  len = mipfb_mh_encode(buf, sizeof buf, &m, SRC, DST, &cp, NULL);
  ck_assert_int_eq(len, 40);
  ck_assert_uint_eq(buf[18], 250);
  ck_assert_uint_eq(buf[19], 20);
  ck_assert_int_eq(mipfb_mh_decode(&msg, opt, 16, buf, (size_t)len, SRC, DST, &cp, NULL), len);
  ck_assert_int_eq(opt[0].kind, MIPFB_MH_OPT_BID);
  ck_assert_uint_eq(opt[0].u.bid.bid, 4);
  ck_assert_int_eq(mipfb_mh_decode(&msg, opt, 16, buf, (size_t)len, SRC, DST, NULL, NULL), len);
  ck_assert_int_eq(opt[0].kind, MIPFB_MH_OPT_UNKNOWN); /* type 250 is not 35 in the RFC profile */
  ck_assert_uint_eq(opt[0].type, 250);
  ck_assert_uint_eq(opt[0].u.unknown.len, 20);
}
END_TEST

Suite *mipfb_mh_suite(void) {
  Suite *s = suite_create("mh");
  TCase *tc = tcase_create("codec");
  tcase_add_test(tc, test_mipfb_mh_rfc5648_6_1_bulk_bu_fields);
  tcase_add_test(tc, test_mipfb_mh_rfc6275_6_1_1_checksum);
  tcase_add_test(tc, test_mipfb_mh_rfc5648_6_1_encode_from_fields);
  tcase_add_test(tc, test_mipfb_mh_rfc6275_6_2_alignment_after_every_length);
  tcase_add_test(tc, test_mipfb_mh_rfc6275_6_2_1_iterator);
  tcase_add_test(tc, test_mipfb_mh_every_truncation_guarded);
  tcase_add_test(tc, test_mipfb_mh_rfc6275_9_2_unknown_type_reported);
  tcase_add_test(tc, test_mipfb_mh_errata_e11_o_flag);
  tcase_add_test(tc, test_mipfb_mh_rfc5648_6_1_encoder_enforces_rules);
  tcase_add_test(tc, test_mipfb_mh_rfc6275_6_1_1_message_too_long);
  tcase_add_test(tc, test_mipfb_mh_decode_contracts);
  tcase_add_test(tc, test_mipfb_mh_codepoints_bid_type_configurable);
  suite_add_tcase(s, tc);
  return s;
}
