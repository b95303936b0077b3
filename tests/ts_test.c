/* RFC 6088 binary traffic selectors (lib/codec/ts.c). Test names carry the
   RFC 6088 section: 3_1 IPv4 (TS Format 1), 3_2 IPv6 (TS Format 2), 3 both. */
#include <string.h>

#include <mipfb/ts.h>

#include "test_helper.h"

#define BASE 100 /* base_off given to the decoder; diag offsets include it */

/* wire.md 3.3 worked examples and one selector per format with every field. */
static const char V4_KAT[] = "20880000 0a000002 13c4 11";
static const char V6_KAT[] = "80320000 20010db8000000000000000000000005 1f40 1f90 06";
static const char V4_ALL[] = "fffc0000 0a000001 0a000009 c0000201 c00002c8 00000100 00000200"
                             " 03e8 07d0 13c4 13ce 20 b8 06 11";
static const char V6_ALL[] = "ffff0000 20010db8000000000000000000000001 20010db80000000000000000000000ff"
                             " 20010db8000100000000000000000001 20010db800010000000000000000ffff"
                             " 00000001 ffffffff 00012345 000fffff 0000 ffff 0050 01bb 00 fc 00 ff";

typedef struct vec {
  uint8_t format;
  const char *hex;
} vec;

static const vec VECS[] = {{1, V4_KAT}, {2, V6_KAT}, {1, V4_ALL}, {2, V6_ALL}};

static size_t unhex(const char *hex, uint8_t *out, size_t cap) {
  long n = th_unhex(hex, out, cap);
  ck_assert_int_ge(n, 0);
  return (size_t)n;
}

static mipfb_ssize decode(mipfb_ts *ts, uint8_t format, const uint8_t *b, size_t n, mipfb_diag *d) {
  return mipfb_ts_decode(ts, format, th_guard(b, n), n, BASE, d);
}

/* Decoding n octets of b fails with err at selector offset off. */
static void expect_fail(uint8_t format, const uint8_t *b, size_t n, int err, size_t off) {
  mipfb_ts ts;
  mipfb_diag d = {0, 0, NULL};
  ck_assert_int_eq(decode(&ts, format, b, n, &d), err);
  ck_assert_int_eq(d.err, err);
  ck_assert_uint_eq(d.offset, BASE + off);
  ck_assert_ptr_nonnull(d.detail);
}

/* Decode b, expect success, and check that encoding gives b back. */
static void expect_round_trip(mipfb_ts *ts, uint8_t format, const uint8_t *b, size_t n) {
  uint8_t out[MIPFB_TS_MAX_LEN];
  ck_assert_int_eq(decode(ts, format, b, n, NULL), (mipfb_ssize)n);
  ck_assert_int_eq(mipfb_ts_encoded_len(ts), (mipfb_ssize)n);
  ck_assert_int_eq(mipfb_ts_encode(out, sizeof out, ts), (mipfb_ssize)n);
  ck_assert_mem_eq(out, b, n);
}

/* A zeroed selector of the given format and presence set. */
static mipfb_ts make_ts(uint8_t format, unsigned fields) {
  mipfb_ts ts;
  memset(&ts, 0, sizeof ts);
  ts.format = format;
  ts.fields = (uint16_t)fields;
  return ts;
}

/* Every member, absent ones included (the decoder zeroes them). */
static void assert_ts_eq(const mipfb_ts *got, const mipfb_ts *want) {
  ck_assert_uint_eq(got->format, want->format);
  ck_assert_uint_eq(got->fields, want->fields);
  ck_assert_mem_eq(got->src_start, want->src_start, 16);
  ck_assert_mem_eq(got->src_end, want->src_end, 16);
  ck_assert_mem_eq(got->dst_start, want->dst_start, 16);
  ck_assert_mem_eq(got->dst_end, want->dst_end, 16);
  ck_assert_uint_eq(got->spi_start, want->spi_start);
  ck_assert_uint_eq(got->spi_end, want->spi_end);
  ck_assert_uint_eq(got->fl_start, want->fl_start);
  ck_assert_uint_eq(got->fl_end, want->fl_end);
  ck_assert_uint_eq(got->sport_start, want->sport_start);
  ck_assert_uint_eq(got->sport_end, want->sport_end);
  ck_assert_uint_eq(got->dport_start, want->dport_start);
  ck_assert_uint_eq(got->dport_end, want->dport_end);
  ck_assert_uint_eq(got->ds_start, want->ds_start);
  ck_assert_uint_eq(got->ds_end, want->ds_end);
  ck_assert_uint_eq(got->proto_start, want->proto_start);
  ck_assert_uint_eq(got->proto_end, want->proto_end);
}

/* Known answer: hex is want_len octets, decodes to want (into a struct full
   of junk first) and encodes back to itself. */
static void known_answer(const char *hex, size_t want_len, const mipfb_ts *want) {
  uint8_t b[MIPFB_TS_MAX_LEN];
  size_t n = unhex(hex, b, sizeof b);
  mipfb_ts got;
  memset(&got, 0xAA, sizeof got);
  ck_assert_uint_eq(n, want_len);
  expect_round_trip(&got, want->format, b, n);
  assert_ts_eq(&got, want);
}

START_TEST(test_mipfb_ts_3_1_known_answer) {
  mipfb_ts want = make_ts(1, MIPFB_TS_DST_START | MIPFB_TS_DPORT_START | MIPFB_TS_PROTO_START);
  want.dst_start[0] = 10;
  want.dst_start[3] = 2;
  want.dport_start = 5060;
  want.proto_start = 17;
  known_answer(V4_KAT, 11, &want);
}
END_TEST

START_TEST(test_mipfb_ts_3_2_known_answer) {
  static const uint8_t src[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5};
  mipfb_ts want =
      make_ts(2, MIPFB_TS_SRC_START | MIPFB_TS_DPORT_START | MIPFB_TS_DPORT_END | MIPFB_TS_PROTO_START);
  memcpy(want.src_start, src, 16);
  want.dport_start = 8000;
  want.dport_end = 8080;
  want.proto_start = 6;
  known_answer(V6_KAT, 25, &want);
}
END_TEST

/* Every field of its format, as V4_ALL and V6_ALL give them (members in
   declaration order: format, fields, addresses, SPI, flow label, ports, DS,
   protocol; each Start then End). */
static const mipfb_ts ALL4 = {
    1, 0xFCFF, /* A..N */
    {10, 0, 0, 1}, {10, 0, 0, 9}, {192, 0, 2, 1}, {192, 0, 2, 200},
    0x100, 0x200, 0, 0, 1000, 2000, 5060, 5070, 0x20, 0xb8, 6, 17};
static const mipfb_ts ALL6 = {
    2, 0xFFFF, /* A..P */
    {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
    {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff},
    {0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
    {0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff},
    1, 0xFFFFFFFFu, 0x12345, 0xFFFFF, 0, 0xFFFF, 80, 443, 0, 0xfc, 0, 0xff};

START_TEST(test_mipfb_ts_3_1_round_trip_all_fields) {
  ck_assert_int_eq(mipfb_ts_check(&ALL4, NULL), 0);
  known_answer(V4_ALL, 40, &ALL4);
}
END_TEST

START_TEST(test_mipfb_ts_3_2_round_trip_all_fields) {
  ck_assert_int_eq(mipfb_ts_check(&ALL6, NULL), 0);
  known_answer(V6_ALL, MIPFB_TS_MAX_LEN, &ALL6);
}
END_TEST

START_TEST(test_mipfb_ts_3_every_truncation) {
  size_t v, cut;
  for (v = 0; v < sizeof VECS / sizeof VECS[0]; v++) {
    uint8_t b[MIPFB_TS_MAX_LEN];
    size_t n = unhex(VECS[v].hex, b, sizeof b);
    for (cut = 0; cut < n; cut++) {
      mipfb_ts ts;
      mipfb_diag d = {0, 0, NULL};
      ck_assert_int_eq(decode(&ts, VECS[v].format, b, cut, &d), MIPFB_ERR_TRUNCATED);
      ck_assert_int_eq(d.err, MIPFB_ERR_TRUNCATED);
      ck_assert_uint_le(d.offset, BASE + cut);
      ck_assert_ptr_nonnull(d.detail);
    }
  }
}
END_TEST

START_TEST(test_mipfb_ts_3_empty_input) {
  mipfb_ts ts;
  mipfb_diag d = {0, 0, NULL};
  ck_assert_int_eq(mipfb_ts_decode(&ts, 1, NULL, 0, BASE, &d), MIPFB_ERR_TRUNCATED);
  ck_assert_uint_eq(d.offset, BASE);
  ck_assert_int_eq(mipfb_ts_decode(&ts, 2, NULL, 0, BASE, NULL), MIPFB_ERR_TRUNCATED);
}
END_TEST

/* A truncated field is reported at its own offset. */
START_TEST(test_mipfb_ts_3_2_truncated_field_offset) {
  uint8_t b[MIPFB_TS_MAX_LEN];
  size_t n = unhex(V6_KAT, b, sizeof b);
  expect_fail(2, b, n - 1, MIPFB_ERR_TRUNCATED, n - 1); /* Next Header */
  expect_fail(2, b, 19, MIPFB_ERR_TRUNCATED, 4);        /* Start Source Address */
  expect_fail(2, b, 20, MIPFB_ERR_TRUNCATED, 20);       /* Start Destination Port */
  expect_fail(2, b, 3, MIPFB_ERR_TRUNCATED, 0);         /* flags word */
}
END_TEST

START_TEST(test_mipfb_ts_3_trailing_octet) {
  size_t v;
  for (v = 0; v < sizeof VECS / sizeof VECS[0]; v++) {
    uint8_t b[MIPFB_TS_MAX_LEN + 1];
    size_t n = unhex(VECS[v].hex, b, sizeof b);
    b[n] = 0;
    expect_fail(VECS[v].format, b, n + 1, MIPFB_ERR_BAD_LENGTH, n);
  }
}
END_TEST

/* Each End flag alone, with its field present: BAD_VALUE at the flags word. */
typedef struct lone {
  uint8_t format;
  uint32_t wire; /* the End flag on the wire */
  size_t size;   /* octets of the End field */
  const char *detail;
} lone;

static const lone LONE[] = {
    {1, 0x40000000u, 4, "End Source Address (B) without Start Source Address (A)"},
    {1, 0x10000000u, 4, "End Destination Address (D) without Start Destination Address (C)"},
    {1, 0x04000000u, 4, "End IPsec SPI (F) without Start IPsec SPI (E)"},
    {1, 0x01000000u, 2, "End Source Port (H) without Start Source Port (G)"},
    {1, 0x00400000u, 2, "End Destination Port (J) without Start Destination Port (I)"},
    {1, 0x00100000u, 1, "End DS (L) without Start DS (K)"},
    {1, 0x00040000u, 1, "End Protocol (N) without Start Protocol (M)"},
    {2, 0x40000000u, 16, "End Source Address (B) without Start Source Address (A)"},
    {2, 0x10000000u, 16, "End Destination Address (D) without Start Destination Address (C)"},
    {2, 0x04000000u, 4, "End IPsec SPI (F) without Start IPsec SPI (E)"},
    {2, 0x01000000u, 4, "End Flow Label (H) without Start Flow Label (G)"},
    {2, 0x00400000u, 2, "End Source Port (J) without Start Source Port (I)"},
    {2, 0x00100000u, 2, "End Destination Port (L) without Start Destination Port (K)"},
    {2, 0x00040000u, 1, "End Traffic Class (N) without Start Traffic Class (M)"},
    {2, 0x00010000u, 1, "End Next Header (P) without Start Next Header (O)"},
};

static size_t put_flags(uint8_t *b, uint32_t w) {
  b[0] = (uint8_t)(w >> 24);
  b[1] = (uint8_t)(w >> 16);
  b[2] = (uint8_t)(w >> 8);
  b[3] = (uint8_t)w;
  return 4;
}

START_TEST(test_mipfb_ts_3_end_without_start) {
  size_t i;
  for (i = 0; i < sizeof LONE / sizeof LONE[0]; i++) {
    uint8_t b[MIPFB_TS_MAX_LEN];
    mipfb_ts ts;
    mipfb_diag d = {0, 0, NULL};
    memset(b, 0, sizeof b);
    put_flags(b, LONE[i].wire);
    ck_assert_int_eq(decode(&ts, LONE[i].format, b, 4 + LONE[i].size, &d), MIPFB_ERR_BAD_VALUE);
    ck_assert_uint_eq(d.offset, BASE);
    ck_assert_msg(strstr(d.detail, LONE[i].detail) != NULL, "%s", d.detail);
    /* the encoder's check applies the same rule */
    ts = make_ts(LONE[i].format, LONE[i].format == 2 ? LONE[i].wire >> 16
                                                     : ((LONE[i].wire >> 16 & 0xFC00u) | (LONE[i].wire >> 18 & 0xFFu)));
    d.detail = NULL;
    ck_assert_int_eq(mipfb_ts_check(&ts, &d), MIPFB_ERR_BAD_VALUE);
    ck_assert_msg(strstr(d.detail, LONE[i].detail) != NULL, "%s", d.detail);
    ck_assert_int_eq(mipfb_ts_encode(b, sizeof b, &ts), MIPFB_ERR_BAD_VALUE);
  }
}
END_TEST

/* Start > End for each pair: Start = 0..0 01 00, End = 0..0 00 ff (one-octet
   fields: 01 and 00) gives BAD_VALUE at the End field; swapped, it decodes. */
static void start_gt_end(uint8_t format, uint32_t start_wire, size_t size) {
  uint8_t b[MIPFB_TS_MAX_LEN], *s = b + 4, *e = b + 4 + size;
  size_t n = 4 + 2 * size;
  mipfb_ts ts;
  memset(b, 0, sizeof b);
  put_flags(b, start_wire | start_wire >> 1);
  if (size == 1) {
    s[0] = 1;
  } else {
    s[size - 2] = 1;
    e[size - 1] = 0xff;
  }
  expect_fail(format, b, n, MIPFB_ERR_BAD_VALUE, 4 + size);
  memset(b + 4, 0, 2 * size);
  if (size == 1) {
    e[0] = 1;
  } else {
    s[size - 1] = 0xff;
    e[size - 2] = 1;
  }
  expect_round_trip(&ts, format, b, n);
}

START_TEST(test_mipfb_ts_3_start_greater_than_end) {
  static const struct {
    uint8_t format;
    uint32_t wire;
    size_t size;
  } pairs[] = {{1, 0x80000000u, 4}, {1, 0x20000000u, 4}, {1, 0x08000000u, 4}, {1, 0x02000000u, 2},
               {1, 0x00800000u, 2}, {1, 0x00200000u, 1}, {1, 0x00080000u, 1}, {2, 0x80000000u, 16},
               {2, 0x20000000u, 16}, {2, 0x08000000u, 4}, {2, 0x02000000u, 4}, {2, 0x00800000u, 2},
               {2, 0x00200000u, 2}, {2, 0x00080000u, 1}, {2, 0x00020000u, 1}};
  size_t i;
  for (i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
    start_gt_end(pairs[i].format, pairs[i].wire, pairs[i].size);
  }
}
END_TEST

/* mipfb_ts_check (and so the encoder) applies the Start > End rule too. */
START_TEST(test_mipfb_ts_3_encode_rejects_start_greater_than_end) {
  uint8_t out[MIPFB_TS_MAX_LEN];
  mipfb_ts ts = make_ts(2, MIPFB_TS_SRC_START | MIPFB_TS_SRC_END | MIPFB_TS_SPORT_START | MIPFB_TS_SPORT_END);
  mipfb_diag d = {0, 0, NULL};
  ts.src_start[0] = 0x20;
  ts.src_end[0] = 0x20;
  ts.src_end[15] = 1;
  ts.sport_start = 0x100;
  ts.sport_end = 0xff;
  ck_assert_int_eq(mipfb_ts_check(&ts, &d), MIPFB_ERR_BAD_VALUE);
  ck_assert_msg(strstr(d.detail, "Start Source Port (I) greater than End Source Port (J)") != NULL, "%s",
                d.detail);
  ck_assert_int_eq(mipfb_ts_encode(out, sizeof out, &ts), MIPFB_ERR_BAD_VALUE);
  ts.sport_end = 0x100;
  ck_assert_int_eq(mipfb_ts_encode(out, sizeof out, &ts), 4 + 32 + 4);
  ts.src_start[1] = 1; /* 2001:: > 2000::1 byte-wise */
  ck_assert_int_eq(mipfb_ts_check(&ts, &d), MIPFB_ERR_BAD_VALUE);
  ck_assert_msg(strstr(d.detail, "Start Source Address (A) greater") != NULL, "%s", d.detail);
  ts.format = 1;
  ts.fields = MIPFB_TS_DS_START | MIPFB_TS_DS_END;
  ts.ds_start = 0x21;
  ts.ds_end = 0x20;
  ck_assert_int_eq(mipfb_ts_encode(out, sizeof out, &ts), MIPFB_ERR_BAD_VALUE);
}
END_TEST

/* How Start and End compare (library rule, wire.md 3.3): addresses as
   big-endian octet strings, DS as the whole octet; Start == End is allowed. */
START_TEST(test_mipfb_ts_3_1_order_comparison) {
  static const struct {
    const char *bad, *good;
    size_t off; /* of the End field in bad */
  } cases[] = {
      {"c0000000 0a000000 09ffffff", "c0000000 09ffffff 0a000000", 8}, /* 10.0.0.0 > 9.255.255.255 */
      {"00300000 21 20", "00300000 20 20", 5},                         /* same DSCP, 0x21 > 0x20 */
  };
  size_t i;
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    uint8_t b[16];
    mipfb_ts ts;
    size_t n = unhex(cases[i].bad, b, sizeof b);
    expect_fail(1, b, n, MIPFB_ERR_BAD_VALUE, cases[i].off);
    n = unhex(cases[i].good, b, sizeof b);
    expect_round_trip(&ts, 1, b, n);
  }
}
END_TEST

START_TEST(test_mipfb_ts_3_format_reserved_and_unknown) {
  uint8_t b[16];
  size_t n = unhex(V4_KAT, b, sizeof b);
  expect_fail(0, b, n, MIPFB_ERR_BAD_VALUE, 0);
  expect_fail(3, b, n, MIPFB_ERR_UNSUPPORTED, 0);
  expect_fail(255, b, n, MIPFB_ERR_UNSUPPORTED, 0);
}
END_TEST

/* Reserved flag bits (IPv4: low 18, IPv6: low 16) are ignored and written as 0. */
START_TEST(test_mipfb_ts_3_reserved_flags_ignored) {
  static const struct {
    uint8_t format;
    const char *hex;
    unsigned fields;
  } cases[] = {
      {1, V4_KAT, MIPFB_TS_DST_START | MIPFB_TS_DPORT_START | MIPFB_TS_PROTO_START},
      {2, V6_KAT, MIPFB_TS_SRC_START | MIPFB_TS_DPORT_START | MIPFB_TS_DPORT_END | MIPFB_TS_PROTO_START},
  };
  size_t i;
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    uint8_t b[MIPFB_TS_MAX_LEN], out[MIPFB_TS_MAX_LEN];
    size_t n = unhex(cases[i].hex, b, sizeof b);
    mipfb_ts ts;
    if (cases[i].format == 1) {
      b[1] |= 0x03;
    }
    b[2] = 0xff;
    b[3] = 0xff;
    ck_assert_int_eq(decode(&ts, cases[i].format, b, n, NULL), (mipfb_ssize)n);
    ck_assert_uint_eq(ts.fields, cases[i].fields);
    ck_assert_int_eq(mipfb_ts_encode(out, sizeof out, &ts), (mipfb_ssize)n);
    ck_assert_uint_eq(out[0], b[0]);
    ck_assert_uint_eq(out[1], cases[i].format == 1 ? (b[1] & 0xFCu) : b[1]);
    ck_assert_uint_eq(out[2] | out[3], 0);
    ck_assert_mem_eq(out + 4, b + 4, n - 4);
  }
}
END_TEST

/* Errata E-7: only the low 20 bits of the 32-bit flow-label field count. */
START_TEST(test_mipfb_ts_3_2_flow_label_upper_bits_ignored) {
  uint8_t b[16], out[16], want[16];
  size_t n = unhex("03000000 fff12345 00012345", b, sizeof b);
  mipfb_ts ts;
  ck_assert_int_eq(decode(&ts, 2, b, n, NULL), (mipfb_ssize)n);
  ck_assert_uint_eq(ts.fl_start, 0x12345);
  ck_assert_uint_eq(ts.fl_end, 0x12345); /* equal after masking: not Start > End */
  ck_assert_int_eq(mipfb_ts_encode(out, sizeof out, &ts), (mipfb_ssize)n);
  ck_assert_uint_eq((size_t)th_unhex("03000000 00012345 00012345", want, sizeof want), n);
  ck_assert_mem_eq(out, want, n);
}
END_TEST

START_TEST(test_mipfb_ts_3_1_encode_rejects_flow_label) {
  uint8_t out[MIPFB_TS_MAX_LEN];
  mipfb_ts ts = make_ts(1, MIPFB_TS_FL_START);
  mipfb_diag d = {0, 0, NULL};
  ck_assert_int_eq(mipfb_ts_check(&ts, &d), MIPFB_ERR_INVALID_ARG);
  ck_assert_ptr_nonnull(d.detail);
  ck_assert_int_eq(mipfb_ts_encode(out, sizeof out, &ts), MIPFB_ERR_INVALID_ARG);
  ck_assert_int_eq(mipfb_ts_encoded_len(&ts), MIPFB_ERR_INVALID_ARG);
  ts.fields = MIPFB_TS_FL_END;
  ck_assert_int_eq(mipfb_ts_encode(out, sizeof out, &ts), MIPFB_ERR_INVALID_ARG);
  ck_assert_int_eq(mipfb_ts_encoded_len(&ts), MIPFB_ERR_INVALID_ARG);
}
END_TEST

START_TEST(test_mipfb_ts_3_2_encode_rejects_wide_flow_label) {
  uint8_t out[MIPFB_TS_MAX_LEN];
  mipfb_ts ts = make_ts(2, MIPFB_TS_FL_START | MIPFB_TS_FL_END);
  ts.fl_start = 0x100000;
  ts.fl_end = 0x100000;
  ck_assert_int_eq(mipfb_ts_check(&ts, NULL), MIPFB_ERR_INVALID_ARG);
  ck_assert_int_eq(mipfb_ts_encode(out, sizeof out, &ts), MIPFB_ERR_INVALID_ARG);
  ts.fl_start = 0xFFFFF;
  ck_assert_int_eq(mipfb_ts_encode(out, sizeof out, &ts), MIPFB_ERR_INVALID_ARG);
  ts.fl_end = 0xFFFFF;
  ck_assert_int_eq(mipfb_ts_encode(out, sizeof out, &ts), 12);
  /* an absent field's value is not looked at */
  ts.fields = 0;
  ts.fl_start = 0xFFFFFFFFu;
  ck_assert_int_eq(mipfb_ts_encode(out, sizeof out, &ts), 4);
}
END_TEST

START_TEST(test_mipfb_ts_3_encode_rejects_unknown_format) {
  uint8_t out[MIPFB_TS_MAX_LEN];
  mipfb_ts ts = make_ts(0, 0);
  ck_assert_int_eq(mipfb_ts_encode(out, sizeof out, &ts), MIPFB_ERR_INVALID_ARG);
  ck_assert_int_eq(mipfb_ts_encoded_len(&ts), MIPFB_ERR_INVALID_ARG);
  ts.format = 3;
  ck_assert_int_eq(mipfb_ts_check(&ts, NULL), MIPFB_ERR_INVALID_ARG);
  ck_assert_int_eq(mipfb_ts_encoded_len(&ts), MIPFB_ERR_INVALID_ARG);
}
END_TEST

START_TEST(test_mipfb_ts_3_encoded_len_and_nobuf) {
  size_t v, cap;
  for (v = 0; v < sizeof VECS / sizeof VECS[0]; v++) {
    uint8_t b[MIPFB_TS_MAX_LEN], out[MIPFB_TS_MAX_LEN];
    size_t n = unhex(VECS[v].hex, b, sizeof b);
    mipfb_ts ts;
    ck_assert_int_eq(decode(&ts, VECS[v].format, b, n, NULL), (mipfb_ssize)n);
    ck_assert_int_eq(mipfb_ts_encoded_len(&ts), mipfb_ts_encode(out, sizeof out, &ts));
    for (cap = 0; cap < n; cap++) {
      ck_assert_int_eq(mipfb_ts_encode(out, cap, &ts), MIPFB_ERR_NOBUF);
    }
    ck_assert_int_eq(mipfb_ts_encode(NULL, 0, &ts), MIPFB_ERR_NOBUF);
    ck_assert_int_eq(mipfb_ts_encode(out, n, &ts), (mipfb_ssize)n);
  }
}
END_TEST

Suite *mipfb_ts_suite(void) {
  Suite *s = suite_create("ts");
  TCase *tc = tcase_create("rfc6088");
  tcase_add_test(tc, test_mipfb_ts_3_1_known_answer);
  tcase_add_test(tc, test_mipfb_ts_3_2_known_answer);
  tcase_add_test(tc, test_mipfb_ts_3_1_round_trip_all_fields);
  tcase_add_test(tc, test_mipfb_ts_3_2_round_trip_all_fields);
  tcase_add_test(tc, test_mipfb_ts_3_every_truncation);
  tcase_add_test(tc, test_mipfb_ts_3_empty_input);
  tcase_add_test(tc, test_mipfb_ts_3_2_truncated_field_offset);
  tcase_add_test(tc, test_mipfb_ts_3_trailing_octet);
  tcase_add_test(tc, test_mipfb_ts_3_end_without_start);
  tcase_add_test(tc, test_mipfb_ts_3_start_greater_than_end);
  tcase_add_test(tc, test_mipfb_ts_3_encode_rejects_start_greater_than_end);
  tcase_add_test(tc, test_mipfb_ts_3_1_order_comparison);
  tcase_add_test(tc, test_mipfb_ts_3_format_reserved_and_unknown);
  tcase_add_test(tc, test_mipfb_ts_3_reserved_flags_ignored);
  tcase_add_test(tc, test_mipfb_ts_3_2_flow_label_upper_bits_ignored);
  tcase_add_test(tc, test_mipfb_ts_3_1_encode_rejects_flow_label);
  tcase_add_test(tc, test_mipfb_ts_3_2_encode_rejects_wide_flow_label);
  tcase_add_test(tc, test_mipfb_ts_3_encode_rejects_unknown_format);
  tcase_add_test(tc, test_mipfb_ts_3_encoded_len_and_nobuf);
  suite_add_tcase(s, tc);
  return s;
}
