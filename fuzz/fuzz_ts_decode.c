/*
 * fuzz_ts_decode: mipfb_ts_decode on arbitrary bytes.
 *
 * Input: the TS Format byte (as a carrying header would give it), then the
 * selector (flags word first). On success: absent fields are zero, the
 * selector passes mipfb_ts_check, encodes to the same length, into exactly
 * that much room (one octet less is MIPFB_ERR_NOBUF), and the encoding equals
 * the input except for the bits a decoder ignores (reserved flag bits, the
 * upper 12 bits of IPv6 flow labels), which the encoder sends as 0; decoding
 * the encoding gives the same selector. On failure the diagnostic is filled.
 */
#include "fuzz_common.h"

/* Offset of the selector in the fuzzer input, passed as base_off. */
#define TS_BASE_OFF 1u

static const uint16_t ts_bits[16] = {
    MIPFB_TS_SRC_START,   MIPFB_TS_SRC_END,   MIPFB_TS_DST_START,   MIPFB_TS_DST_END,
    MIPFB_TS_SPI_START,   MIPFB_TS_SPI_END,   MIPFB_TS_FL_START,    MIPFB_TS_FL_END,
    MIPFB_TS_SPORT_START, MIPFB_TS_SPORT_END, MIPFB_TS_DPORT_START, MIPFB_TS_DPORT_END,
    MIPFB_TS_DS_START,    MIPFB_TS_DS_END,    MIPFB_TS_PROTO_START, MIPFB_TS_PROTO_END};

static int all_zero(const void *p, size_t n) {
  const uint8_t *b = (const uint8_t *)p;
  size_t i;
  for (i = 0; i < n; i++) {
    if (b[i] != 0) {
      return 0;
    }
  }
  return 1;
}

/* Decoders zero the fields whose presence bit is clear. */
static void check_absent_zero(const mipfb_ts *ts) {
  uint16_t f = ts->fields;
  if (!(f & MIPFB_TS_SRC_START)) FUZZ_CHECK(all_zero(ts->src_start, sizeof ts->src_start));
  if (!(f & MIPFB_TS_SRC_END)) FUZZ_CHECK(all_zero(ts->src_end, sizeof ts->src_end));
  if (!(f & MIPFB_TS_DST_START)) FUZZ_CHECK(all_zero(ts->dst_start, sizeof ts->dst_start));
  if (!(f & MIPFB_TS_DST_END)) FUZZ_CHECK(all_zero(ts->dst_end, sizeof ts->dst_end));
  if (!(f & MIPFB_TS_SPI_START)) FUZZ_CHECK(ts->spi_start == 0);
  if (!(f & MIPFB_TS_SPI_END)) FUZZ_CHECK(ts->spi_end == 0);
  if (!(f & MIPFB_TS_FL_START)) FUZZ_CHECK(ts->fl_start == 0);
  if (!(f & MIPFB_TS_FL_END)) FUZZ_CHECK(ts->fl_end == 0);
  if (!(f & MIPFB_TS_SPORT_START)) FUZZ_CHECK(ts->sport_start == 0);
  if (!(f & MIPFB_TS_SPORT_END)) FUZZ_CHECK(ts->sport_end == 0);
  if (!(f & MIPFB_TS_DPORT_START)) FUZZ_CHECK(ts->dport_start == 0);
  if (!(f & MIPFB_TS_DPORT_END)) FUZZ_CHECK(ts->dport_end == 0);
  if (!(f & MIPFB_TS_DS_START)) FUZZ_CHECK(ts->ds_start == 0);
  if (!(f & MIPFB_TS_DS_END)) FUZZ_CHECK(ts->ds_end == 0);
  if (!(f & MIPFB_TS_PROTO_START)) FUZZ_CHECK(ts->proto_start == 0);
  if (!(f & MIPFB_TS_PROTO_END)) FUZZ_CHECK(ts->proto_end == 0);
}

/*
 * Build the mask of bits the decoder interprets, octet by octet: the flag
 * bits of the format, every field octet, flow labels' low 20 bits only.
 * Returns the selector length the flags imply.
 */
static size_t build_mask(const mipfb_ts *ts, uint8_t *mask, size_t cap) {
  size_t off = 4, i, j, n;
  uint32_t flagmask = ts->format == MIPFB_TS_FORMAT_IPV6 ? 0xFFFF0000u : 0xFFFC0000u;
  FUZZ_CHECK(cap >= 4);
  for (j = 0; j < 4; j++) {
    mask[j] = (uint8_t)(flagmask >> (24 - 8 * j));
  }
  for (i = 0; i < 16; i++) {
    if (!(ts->fields & ts_bits[i])) {
      continue;
    }
    n = fuzz_ts_field_size(ts->format, ts_bits[i]);
    FUZZ_CHECK(n > 0 && off + n <= cap);
    for (j = 0; j < n; j++) {
      mask[off + j] = 0xFF;
    }
    if (ts_bits[i] == MIPFB_TS_FL_START || ts_bits[i] == MIPFB_TS_FL_END) {
      mask[off] = 0x00;
      mask[off + 1] = 0x0F;
    }
    off += n;
  }
  return off;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  uint8_t format;
  const uint8_t *in;
  size_t len, i, mlen;
  mipfb_ts ts, ts2;
  mipfb_diag diag;
  mipfb_ssize r;
  uint8_t out[MIPFB_TS_MAX_LEN];
  uint8_t mask[MIPFB_TS_MAX_LEN];

  if (fuzz_split(data, size, &format, &in, &len) != 0) {
    return 0;
  }

  diag.err = 1;
  diag.offset = (size_t)-1;
  diag.detail = NULL;
  r = mipfb_ts_decode(&ts, format, in, len, TS_BASE_OFF, &diag);
  if (r < 0) {
    FUZZ_CHECK(r == MIPFB_ERR_BAD_VALUE || r == MIPFB_ERR_UNSUPPORTED || r == MIPFB_ERR_TRUNCATED ||
               r == MIPFB_ERR_BAD_LENGTH);
    FUZZ_CHECK(diag.err == (int)r);
    FUZZ_CHECK(diag.offset >= TS_BASE_OFF && diag.offset <= TS_BASE_OFF + len);
    FUZZ_CHECK(diag.detail != NULL);
    if (format != MIPFB_TS_FORMAT_IPV4 && format != MIPFB_TS_FORMAT_IPV6) {
      FUZZ_CHECK(r == (format == MIPFB_TS_FORMAT_RESERVED ? MIPFB_ERR_BAD_VALUE : MIPFB_ERR_UNSUPPORTED));
    }
    return 0;
  }

  FUZZ_CHECK((size_t)r == len);
  FUZZ_CHECK(diag.err == 1 && diag.offset == (size_t)-1 && diag.detail == NULL);
  FUZZ_CHECK(ts.format == format);
  FUZZ_CHECK(len >= 4 && len <= MIPFB_TS_MAX_LEN);
  if (format == MIPFB_TS_FORMAT_IPV4) {
    FUZZ_CHECK((ts.fields & (MIPFB_TS_FL_START | MIPFB_TS_FL_END)) == 0);
  }
  FUZZ_CHECK(ts.fl_start <= 0xFFFFFu && ts.fl_end <= 0xFFFFFu);
  check_absent_zero(&ts);
  FUZZ_CHECK(mipfb_ts_check(&ts, NULL) == 0);
  FUZZ_CHECK(mipfb_ts_encoded_len(&ts) == r);

  /* Encode into exactly len octets, then into one fewer. */
  memset(out, 0xA5, sizeof out);
  FUZZ_CHECK(mipfb_ts_encode(out, len, &ts) == r);
  FUZZ_CHECK(mipfb_ts_encode(out + 1, len - 1, &ts) == MIPFB_ERR_NOBUF);
  memset(out, 0xA5, sizeof out);
  FUZZ_CHECK(mipfb_ts_encode(out, sizeof out, &ts) == r);
  for (i = len; i < sizeof out; i++) {
    FUZZ_CHECK(out[i] == 0xA5);
  }

  /* Byte-identical except ignored bits, which the encoder zeroes. */
  memset(mask, 0, sizeof mask);
  mlen = build_mask(&ts, mask, sizeof mask);
  FUZZ_CHECK(mlen == len);
  for (i = 0; i < len; i++) {
    FUZZ_CHECK((out[i] & mask[i]) == (in[i] & mask[i]));
    FUZZ_CHECK((out[i] & (uint8_t)~mask[i]) == 0);
  }

  /* decode(encode(ts)) == ts */
  r = mipfb_ts_decode(&ts2, format, out, len, 0, NULL);
  FUZZ_CHECK(r >= 0 && (size_t)r == len);
  FUZZ_CHECK(fuzz_ts_equal(&ts, &ts2));
  return 0;
}
