/*
 * fuzz_common.h: helpers shared by the libmipfb fuzz targets.
 *
 * Plain C99. The targets define LLVMFuzzerTestOneInput and are linked either
 * with libFuzzer (`make fuzz`, OSS-Fuzz) or with fuzz_main.c, which replays
 * corpus files (`make check`). Deterministic: no clock, no randomness.
 */
#ifndef MIPFB_FUZZ_COMMON_H
#define MIPFB_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mipfb/mipfb.h>

/** The libFuzzer entry point every target defines. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/** Abort (so libFuzzer records a crash) when an invariant does not hold. */
#define FUZZ_CHECK(cond)                                                                   \
  do {                                                                                     \
    if (!(cond)) {                                                                         \
      fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond);         \
      abort();                                                                             \
    }                                                                                      \
  } while (0)

/** Abort unconditionally: a state the library promised not to produce. */
#define FUZZ_FAIL(what)                                                                    \
  do {                                                                                     \
    fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, what);            \
    abort();                                                                               \
  } while (0)

/** A byte consumer over the fuzzer input. */
typedef struct fuzz_in {
  const uint8_t *p; /**< next unread byte */
  size_t len;       /**< bytes left */
} fuzz_in;

static inline void fuzz_in_init(fuzz_in *in, const uint8_t *data, size_t size) {
  in->p = data;
  in->len = size;
}

/** Next byte, or 0 once the input is used up. */
static inline uint8_t fuzz_u8(fuzz_in *in) {
  uint8_t v;
  if (in->len == 0) {
    return 0;
  }
  v = in->p[0];
  in->p++;
  in->len--;
  return v;
}

/** Whether a view lies inside [base, base + len) (an empty view always does). */
static inline int fuzz_view_inside(mipfb_vec v, const uint8_t *base, size_t len) {
  uintptr_t b, lo, hi;
  if (v.len == 0) {
    return 1;
  }
  if (v.base == NULL) {
    return 0;
  }
  b = (uintptr_t)v.base;
  lo = (uintptr_t)base;
  hi = lo + len;
  return b >= lo && b <= hi && v.len <= (size_t)(hi - b);
}

/** Whether two views hold the same bytes. */
static inline int fuzz_vec_equal(mipfb_vec a, mipfb_vec b) {
  if (a.len != b.len) {
    return 0;
  }
  return a.len == 0 || memcmp(a.base, b.base, a.len) == 0;
}

/** Whether @p err is one of the codes a decoder may return. */
static inline int fuzz_is_decode_error(mipfb_ssize err) {
  switch (err) {
  case MIPFB_ERR_TRUNCATED:
  case MIPFB_ERR_BAD_LENGTH:
  case MIPFB_ERR_BAD_VALUE:
  case MIPFB_ERR_DUPLICATE:
  case MIPFB_ERR_UNKNOWN_NONSKIPPABLE:
  case MIPFB_ERR_BAD_ORDER:
  case MIPFB_ERR_UNSUPPORTED:
  case MIPFB_ERR_NOBUF:
    return 1;
  default:
    return 0;
  }
}

/** Size of each field of a traffic selector, in wire order, for one format. */
static inline size_t fuzz_ts_field_size(uint8_t format, uint16_t bit) {
  size_t addr = format == MIPFB_TS_FORMAT_IPV6 ? 16u : 4u;
  switch (bit) {
  case MIPFB_TS_SRC_START:
  case MIPFB_TS_SRC_END:
  case MIPFB_TS_DST_START:
  case MIPFB_TS_DST_END:
    return addr;
  case MIPFB_TS_SPI_START:
  case MIPFB_TS_SPI_END:
    return 4;
  case MIPFB_TS_FL_START:
  case MIPFB_TS_FL_END:
    return format == MIPFB_TS_FORMAT_IPV6 ? 4u : 0u;
  case MIPFB_TS_SPORT_START:
  case MIPFB_TS_SPORT_END:
  case MIPFB_TS_DPORT_START:
  case MIPFB_TS_DPORT_END:
    return 2;
  default:
    return 1;
  }
}

/** Field-by-field equality of two decoded selectors (only present fields). */
static inline int fuzz_ts_equal(const mipfb_ts *a, const mipfb_ts *b) {
  size_t alen = a->format == MIPFB_TS_FORMAT_IPV6 ? 16u : 4u;
  uint16_t f = a->fields;
  if (a->format != b->format || a->fields != b->fields) {
    return 0;
  }
#define FUZZ_TS_ADDR(bit, m) \
  if ((f & (bit)) && memcmp(a->m, b->m, alen) != 0) return 0
#define FUZZ_TS_INT(bit, m) \
  if ((f & (bit)) && a->m != b->m) return 0
  FUZZ_TS_ADDR(MIPFB_TS_SRC_START, src_start);
  FUZZ_TS_ADDR(MIPFB_TS_SRC_END, src_end);
  FUZZ_TS_ADDR(MIPFB_TS_DST_START, dst_start);
  FUZZ_TS_ADDR(MIPFB_TS_DST_END, dst_end);
  FUZZ_TS_INT(MIPFB_TS_SPI_START, spi_start);
  FUZZ_TS_INT(MIPFB_TS_SPI_END, spi_end);
  FUZZ_TS_INT(MIPFB_TS_FL_START, fl_start);
  FUZZ_TS_INT(MIPFB_TS_FL_END, fl_end);
  FUZZ_TS_INT(MIPFB_TS_SPORT_START, sport_start);
  FUZZ_TS_INT(MIPFB_TS_SPORT_END, sport_end);
  FUZZ_TS_INT(MIPFB_TS_DPORT_START, dport_start);
  FUZZ_TS_INT(MIPFB_TS_DPORT_END, dport_end);
  FUZZ_TS_INT(MIPFB_TS_DS_START, ds_start);
  FUZZ_TS_INT(MIPFB_TS_DS_END, ds_end);
  FUZZ_TS_INT(MIPFB_TS_PROTO_START, proto_start);
  FUZZ_TS_INT(MIPFB_TS_PROTO_END, proto_end);
#undef FUZZ_TS_ADDR
#undef FUZZ_TS_INT
  return 1;
}

/** Split an input into its first octet (the target's selector) and the
    rest; -1 for an empty input, which the targets skip. */
static inline int fuzz_split(const uint8_t *data, size_t size, uint8_t *sel, const uint8_t **in, size_t *len) {
  if (size == 0) {
    return -1;
  }
  *sel = data[0];
  *in = data + 1;
  *len = size - 1;
  return 0;
}

/** The code-point table a target's selector byte picks: bit 0 the draft
    profile, bit 1 strict reserved-bit checks (E-1). */
static inline void fuzz_codepoints(mipfb_codepoints *cp, uint8_t sel) {
  FUZZ_CHECK(mipfb_codepoints_default(cp, (sel & 1u) ? MIPFB_PROFILE_DRAFT : MIPFB_PROFILE_RFC) == 0);
  if (sel & 2u) {
    cp->options |= MIPFB_CP_STRICT_RESERVED;
  }
}

/** Selector bits of the Mobility Header targets (fuzz_mh_*.c). */
#define FUZZ_MH_DRAFT 0x01u   /**< draft profile defaults */
#define FUZZ_MH_CP_INPUT 0x02u /**< code points taken from the next 6 input bytes */
#define FUZZ_MH_CKSUM 0x04u   /**< verify / write the checksum (FUZZ_MH_SRC -> FUZZ_MH_DST) */

/** Addresses of the checksummed Mobility Header targets (tests/vectors/mh.vec's pair). */
static const uint8_t FUZZ_MH_SRC[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01};
static const uint8_t FUZZ_MH_DST[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x00};

/** The Mobility Header code points a selector picks: the profile's
    defaults, then (FUZZ_MH_CP_INPUT) the option types BID, Flow Summary,
    Flow Identification, MAG Multipath-Binding and MAG Identifier and the
    BU O-flag bit read from the input, so that overridden and colliding
    tables are explored too. */
static inline void fuzz_mh_codepoints(mipfb_codepoints *cp, uint8_t sel, fuzz_in *in) {
  uint8_t o;
  FUZZ_CHECK(mipfb_codepoints_default(cp, (sel & FUZZ_MH_DRAFT) ? MIPFB_PROFILE_DRAFT : MIPFB_PROFILE_RFC) == 0);
  if (sel & FUZZ_MH_CP_INPUT) {
    cp->mh_opt_bid = fuzz_u8(in);
    cp->mh_opt_flow_summary = fuzz_u8(in);
    cp->mh_opt_flow_id = fuzz_u8(in);
    cp->mh_opt_mmb = fuzz_u8(in);
    cp->mh_opt_mag_id = fuzz_u8(in);
    o = fuzz_u8(in);
    cp->mh_bu_flag_o = (o & 0x10u) ? (uint16_t)(1u << (o & 15u)) : 0u;
  }
}

/** The parsed front of a Mobility Header target's input. */
typedef struct fuzz_mh_input {
  uint8_t sel;              /**< selector byte */
  mipfb_codepoints cp;      /**< code points it picks */
  const uint8_t *in;        /**< the Mobility Header (NULL when empty) */
  size_t len;               /**< its length */
  const uint8_t *src, *dst; /**< checksum addresses, or NULL (FUZZ_MH_CKSUM clear) */
} fuzz_mh_input;

/** Split a Mobility Header target's input; 0 when it is empty (nothing to do). */
static inline int fuzz_mh_input_init(fuzz_mh_input *x, const uint8_t *data, size_t size) {
  fuzz_in fi;
  if (size == 0) {
    return 0;
  }
  fuzz_in_init(&fi, data, size);
  x->sel = fuzz_u8(&fi);
  fuzz_mh_codepoints(&x->cp, x->sel, &fi);
  x->in = fi.len != 0 ? fi.p : NULL;
  x->len = fi.len;
  x->src = (x->sel & FUZZ_MH_CKSUM) ? FUZZ_MH_SRC : NULL;
  x->dst = (x->sel & FUZZ_MH_CKSUM) ? FUZZ_MH_DST : NULL;
  return 1;
}

#endif /* MIPFB_FUZZ_COMMON_H */
