/*
 * RFC 6088 binary traffic selectors: IPv4 (TS Format 1, section 3.1) and
 * IPv6 (TS Format 2, section 3.2). wire.md section 3; errata E-6, E-7, E-15.
 *
 * The selector is a 32-bit flags word followed by the present fields in flag
 * order, back to back (E-6: the carrier's Type/Len/TS Format/Reserved octets
 * are the caller's). Presence is the format-independent MIPFB_TS_* set: the
 * IPv6 flags word >> 16 (A..P, E-15); the IPv4 word (A..N) lacks the two
 * flow-label bits. Field i of that set (0 = 0x8000) is described by entry i
 * of its format's table, and both tables come from one list, TS_LIST: the
 * checker, the encoder and the decoder's error paths (truncation, left-over
 * octets, diagnostics) loop over it. The decoder's success path instead
 * checks the length once (fields_size) and reads the pairs with the
 * pair_* helpers, comparing each End with its Start as it stores it, which
 * is the same rule as first_gt() at a fraction of the cost.
 *
 * Rules (the decoder and mipfb_ts_check alike):
 *  - End field without its Start field: BAD_VALUE (RFC 6088 3.1, 3.2), at
 *    the flags word.
 *  - Start > End: BAD_VALUE at the End field. Addresses compare as
 *    big-endian octet strings, the rest numerically, DS / Traffic Class as
 *    the whole octet. RFC 6088 does not say this: it is the library's choice
 *    (wire.md 3.3; UNCONFIRMED as a normative rule).
 *  - Reserved flag bits are ignored; the encoder writes them as 0.
 *  - The length must be 4 + the sizes of the present fields: too short gives
 *    TRUNCATED at the field that does not fit, too long BAD_LENGTH at the
 *    first octet left over.
 *  - IPv6 flow label: the upper 12 bits of its 32-bit field are ignored on
 *    decode and written as 0 (E-7); the encoder refuses a label above 20 bits
 *    and flow-label bits in an IPv4 selector (INVALID_ARG).
 *  - TS Format 0 is reserved: BAD_VALUE; any other format but 1 and 2:
 *    UNSUPPORTED (RFC 6089 status 133).
 */
#include <stddef.h>
#include <string.h>

#include <mipfb/ts.h>

#include "../core/diag.h"
#include "../core/inline.h"
#include "../core/rd.h"
#include "../core/wr.h"

#define FL_MASK 0x000FFFFFu /* errata E-7: the flow label is 20 bits */
#define END_BITS 0x5555u    /* every End presence bit */

/* Index 0..15 (0 = 0x8000, A) of the first presence bit of x (0 < x <=
   0xFFFF), so that the loops visit present fields only. */
static unsigned first_field(unsigned x) {
#if defined(__GNUC__) || defined(__clang__)
  return (unsigned)__builtin_clz(x) - (unsigned)(sizeof(unsigned) * 8 - 16);
#else
  unsigned i = 0;
  while ((x & 0x8000u) == 0) {
    x <<= 1;
    i++;
  }
  return i;
#endif
}

/* How a field is coded. */
enum { T_NONE, T_ADDR, T_U8, T_U16, T_U32, T_FL };

typedef struct ts_field {
  uint8_t type;         /* T_* (T_NONE: not in this format) */
  uint8_t size;         /* octets on the wire */
  uint8_t off;          /* offsetof the member in mipfb_ts */
  uint8_t start;        /* End fields: offsetof the Start member */
  const char *trunc;    /* diag: the field is cut short */
  const char *no_start; /* diag, End fields: present without its Start */
  const char *gt;       /* diag, End fields: Start > End */
} ts_field;

/* The Start/End pairs in flag order, one row a pair:
   X(member, IPv4 type, size, name, Start and End letters,
             IPv6 type, size, name, Start and End letters) */
#define TS_LIST(X)                                                                                  \
  X(src,   T_ADDR, 4, "Source Address",      "A", "B", T_ADDR, 16, "Source Address",      "A", "B") \
  X(dst,   T_ADDR, 4, "Destination Address", "C", "D", T_ADDR, 16, "Destination Address", "C", "D") \
  X(spi,   T_U32,  4, "IPsec SPI",           "E", "F", T_U32,  4,  "IPsec SPI",           "E", "F") \
  X(fl,    T_NONE, 0, "Flow Label",          "-", "-", T_FL,   4,  "Flow Label",          "G", "H") \
  X(sport, T_U16,  2, "Source Port",         "G", "H", T_U16,  2,  "Source Port",         "I", "J") \
  X(dport, T_U16,  2, "Destination Port",    "I", "J", T_U16,  2,  "Destination Port",    "K", "L") \
  X(ds,    T_U8,   1, "DS",                  "K", "L", T_U8,   1,  "Traffic Class",       "M", "N") \
  X(proto, T_U8,   1, "Protocol",            "M", "N", T_U8,   1,  "Next Header",         "O", "P")

#define TS_TXT(fmt, sec, what) fmt " traffic selector: " what " (RFC 6088 " sec ")"
#define TS_PAIR(fmt, sec, m, t, n, name, s, e)                                                      \
  {t, n, offsetof(mipfb_ts, m##_start), 0,                                                          \
   TS_TXT(fmt, sec, "Start " name " (" s ") truncated"), NULL, NULL},                               \
  {t, n, offsetof(mipfb_ts, m##_end), offsetof(mipfb_ts, m##_start),                                \
   TS_TXT(fmt, sec, "End " name " (" e ") truncated"),                                              \
   TS_TXT(fmt, sec, "End " name " (" e ") without Start " name " (" s ")"),                         \
   fmt " traffic selector: Start " name " (" s ") greater than End " name " (" e ") (library rule; " \
       "RFC 6088 " sec " is silent, UNCONFIRMED)"},
#define TS_V4(m, t4, n4, name4, s4, e4, t6, n6, name6, s6, e6) TS_PAIR("IPv4", "3.1", m, t4, n4, name4, s4, e4)
#define TS_V6(m, t4, n4, name4, s4, e4, t6, n6, name6, s6, e6) TS_PAIR("IPv6", "3.2", m, t6, n6, name6, s6, e6)

/* [format - 1][field index] */
static const ts_field TS_FIELDS[2][16] = {{TS_LIST(TS_V4)}, {TS_LIST(TS_V6)}};

static const char *const TXT_FLAGS_TRUNC[2] = {
    TS_TXT("IPv4", "3.1", "flags word truncated"),
    TS_TXT("IPv6", "3.2", "flags word truncated"),
};
static const char *const TXT_LEFT_OVER[2] = {
    TS_TXT("IPv4", "3.1", "octets left over after the flagged fields"),
    TS_TXT("IPv6", "3.2", "octets left over after the flagged fields"),
};
static const char *const TXT_FL_BIG[2] = {
    "IPv6 traffic selector: Start Flow Label (G) above 20 bits (RFC 6088 3.2, wire.md errata E-7)",
    "IPv6 traffic selector: End Flow Label (H) above 20 bits (RFC 6088 3.2, wire.md errata E-7)",
};

/* Integer member at p coded as type t. */
static uint32_t get_int(const uint8_t *p, unsigned t) {
  uint16_t v16;
  uint32_t v32;
  switch (t) {
  case T_U8:
    return p[0];
  case T_U16:
    memcpy(&v16, p, sizeof v16);
    return v16;
  default:
    memcpy(&v32, p, sizeof v32);
    return v32;
  }
}

/* Whether Start > End, for an End field f whose Start is present too. */
static int field_gt(const mipfb_ts *ts, const ts_field *f) {
  const uint8_t *s = (const uint8_t *)ts + f->start;
  const uint8_t *e = (const uint8_t *)ts + f->off;
  return f->type == T_ADDR ? memcmp(s, e, f->size) > 0 : get_int(s, f->type) > get_int(e, f->type);
}

/* The first End field whose Start is greater, or NULL; *pos gets its offset
   in the encoded selector. Every End field present has its Start. */
static const ts_field *first_gt(const mipfb_ts *ts, const ts_field *tab, size_t *pos) {
  unsigned rest, i;
  size_t at = 4;
  for (rest = ts->fields; rest != 0; rest &= ~(0x8000u >> i)) {
    i = first_field(rest);
    if ((i & 1u) != 0 && field_gt(ts, &tab[i])) {
      *pos = at;
      return &tab[i];
    }
    at += tab[i].size;
  }
  return NULL;
}

/* RFC 6088: an End field MUST NOT appear without its Start field. */
static int lone_end(unsigned fields, const ts_field *tab, mipfb_diag *diag, size_t off) {
  unsigned lone = fields & END_BITS & ~(fields >> 1);
  return lone ? mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off, tab[first_field(lone)].no_start) : 0;
}

/* Octets the present fields take: per nibble of the presence set, the
   field size times the number of bits set (addresses A-D, SPI and flow
   label E-H, ports I-L, DS and protocol M-P). */
static size_t fields_size(unsigned fields, size_t addr_size) {
  static const uint8_t NIBBLE_BITS[16] = {0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4};
  return addr_size * NIBBLE_BITS[fields >> 12] + 4u * NIBBLE_BITS[(fields >> 8) & 15u] +
         2u * NIBBLE_BITS[(fields >> 4) & 15u] + NIBBLE_BITS[fields & 15u];
}

/* The error of a selector whose length is not 4 + fields_size(): the first
   field that does not fit (TRUNCATED, at that field), or the first octet
   left over (BAD_LENGTH). */
static int length_error(unsigned fields, const ts_field *tab, size_t len, size_t base_off, unsigned fi,
                        mipfb_diag *diag) {
  unsigned rest, i;
  size_t at = 4;
  for (rest = fields; rest != 0; rest &= ~(0x8000u >> i)) {
    i = first_field(rest);
    if (len - at < tab[i].size) {
      return mipfb_fail(diag, MIPFB_ERR_TRUNCATED, base_off + at, tab[i].trunc);
    }
    at += tab[i].size;
  }
  return mipfb_fail(diag, MIPFB_ERR_BAD_LENGTH, base_off + at, TXT_LEFT_OVER[fi]);
}

/*
 * Pair decoders: the Start field (when `fields` has bit `sbit`), then the
 * End field (bit sbit >> 1), from *pp onwards; the length is already
 * checked and an End field always has its Start (lone_end). They advance
 * *pp and return the End field's position when Start > End, else NULL.
 */
MIPFB_HOT_INLINE const uint8_t *pair_addr(unsigned fields, unsigned sbit, const uint8_t **pp, uint8_t *s, uint8_t *e,
                                size_t n) {
  const uint8_t *p = *pp, *bad = NULL;
  if (fields & sbit) {
    memcpy(s, p, n);
    p += n;
  }
  if (fields & (sbit >> 1)) {
    memcpy(e, p, n);
    bad = memcmp(s, e, n) > 0 ? p : NULL;
    p += n;
  }
  *pp = p;
  return bad;
}

static inline uint32_t ld_u8(const uint8_t *p) { return p[0]; }

/* The numeric pair decoders pair_u32, pair_u16 and pair_u8: the values are
   masked with `mask` (the 20-bit flow label) before they are compared. */
#define TS_PAIR_NUM(name, type, size, load)                                                               \
  MIPFB_HOT_INLINE const uint8_t *name(unsigned fields, unsigned sbit, const uint8_t **pp, type *s, type *e, \
                                       uint32_t mask) {                                                    \
    const uint8_t *p = *pp, *bad = NULL;                                                                   \
    if (fields & sbit) {                                                                                   \
      *s = (type)(load(p) & mask);                                                                         \
      p += size;                                                                                           \
    }                                                                                                      \
    if (fields & (sbit >> 1)) {                                                                            \
      *e = (type)(load(p) & mask);                                                                         \
      bad = *s > *e ? p : NULL;                                                                            \
      p += size;                                                                                           \
    }                                                                                                      \
    *pp = p;                                                                                               \
    return bad;                                                                                            \
  }
TS_PAIR_NUM(pair_u32, uint32_t, 4, mipfb_ld_be32)
TS_PAIR_NUM(pair_u16, uint16_t, 2, mipfb_ld_be16)
TS_PAIR_NUM(pair_u8, uint8_t, 1, ld_u8)

/* Every present field of a selector whose length is right, in flag order.
   Returns the position of the first End field below its Start, or NULL;
   *which gets that field's index. */
static const uint8_t *get_fields(mipfb_ts *ts, unsigned fields, const uint8_t *p, size_t addr_size,
                                 unsigned *which) {
  const uint8_t *bad = NULL;
  if ((fields & 0xFF00u) != 0) {
    if ((bad = pair_addr(fields, MIPFB_TS_SRC_START, &p, ts->src_start, ts->src_end, addr_size)) != NULL) {
      *which = 1;
    } else if ((bad = pair_addr(fields, MIPFB_TS_DST_START, &p, ts->dst_start, ts->dst_end, addr_size)) != NULL) {
      *which = 3;
    } else if ((bad = pair_u32(fields, MIPFB_TS_SPI_START, &p, &ts->spi_start, &ts->spi_end, 0xFFFFFFFFu)) != NULL) {
      *which = 5;
    } else if ((bad = pair_u32(fields, MIPFB_TS_FL_START, &p, &ts->fl_start, &ts->fl_end, FL_MASK)) != NULL) {
      *which = 7;
    }
    if (bad != NULL) {
      return bad;
    }
  }
  if ((bad = pair_u16(fields, MIPFB_TS_SPORT_START, &p, &ts->sport_start, &ts->sport_end, 0xFFFFu)) != NULL) {
    *which = 9;
  } else if ((bad = pair_u16(fields, MIPFB_TS_DPORT_START, &p, &ts->dport_start, &ts->dport_end, 0xFFFFu)) != NULL) {
    *which = 11;
  } else if ((bad = pair_u8(fields, MIPFB_TS_DS_START, &p, &ts->ds_start, &ts->ds_end, 0xFFu)) != NULL) {
    *which = 13;
  } else if ((bad = pair_u8(fields, MIPFB_TS_PROTO_START, &p, &ts->proto_start, &ts->proto_end, 0xFFu)) != NULL) {
    *which = 15;
  }
  return bad;
}

mipfb_ssize mipfb_ts_decode(mipfb_ts *ts, uint8_t format, const uint8_t *in, size_t len, size_t base_off,
                            mipfb_diag *diag) {
  const ts_field *tab;
  const uint8_t *p, *bad;
  mipfb_rd r;
  unsigned fi, fields, which = 0;
  uint32_t w;
  int rc;

  memset(ts, 0, sizeof *ts); /* absent fields read 0 */
  if (format == MIPFB_TS_FORMAT_RESERVED) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, base_off, "traffic selector: TS Format 0 is reserved (RFC 6089)");
  }
  if (format != MIPFB_TS_FORMAT_IPV4 && format != MIPFB_TS_FORMAT_IPV6) {
    return mipfb_fail(diag, MIPFB_ERR_UNSUPPORTED, base_off,
                      "traffic selector: TS Format other than 1 (IPv4) or 2 (IPv6) (RFC 6089 status 133)");
  }
  fi = format - 1u;
  tab = TS_FIELDS[fi];
  if (in == NULL && len != 0) {
    return MIPFB_ERR_INVALID_ARG;
  }
  mipfb_rd_init(&r, in, len);
  p = mipfb_rd_take(&r, 4);
  if (p == NULL) {
    return mipfb_fail(diag, MIPFB_ERR_TRUNCATED, base_off, TXT_FLAGS_TRUNC[fi]);
  }
  w = mipfb_ld_be32(p) >> 16; /* the low 16 (IPv6) or 18 (IPv4) bits are Reserved: ignored */
  fields = fi ? w : ((w & 0xFC00u) | ((w >> 2) & 0x00FFu));
  ts->format = format;
  ts->fields = (uint16_t)fields;
  rc = lone_end(fields, tab, diag, base_off);
  if (rc != 0) {
    return rc;
  }
  p = mipfb_rd_take(&r, fields_size(fields, fi ? 16u : 4u));
  if (p == NULL || mipfb_rd_left(&r) != 0) {
    return length_error(fields, tab, len, base_off, fi, diag);
  }
  bad = get_fields(ts, fields, p, fi ? 16u : 4u, &which);
  if (bad != NULL) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, base_off + (size_t)(bad - in), tab[which].gt);
  }
  return (mipfb_ssize)len;
}

/* The field table of a selector to encode, or NULL with INVALID_ARG in *rc. */
static const ts_field *ts_table(const mipfb_ts *ts, mipfb_diag *diag, int *rc) {
  if (ts->format != MIPFB_TS_FORMAT_IPV4 && ts->format != MIPFB_TS_FORMAT_IPV6) {
    *rc = mipfb_fail(diag, MIPFB_ERR_INVALID_ARG, 0, "traffic selector: format is not 1 (IPv4) or 2 (IPv6)");
    return NULL;
  }
  if (ts->format == MIPFB_TS_FORMAT_IPV4 && (ts->fields & (MIPFB_TS_FL_START | MIPFB_TS_FL_END)) != 0) {
    *rc = mipfb_fail(diag, MIPFB_ERR_INVALID_ARG, 0,
                     "IPv4 traffic selector: flow label bits set; IPv4 has no flow label (RFC 6088 3.1)");
    return NULL;
  }
  return TS_FIELDS[ts->format - 1];
}

int mipfb_ts_check(const mipfb_ts *ts, mipfb_diag *diag) {
  int rc = 0;
  const ts_field *tab = ts_table(ts, diag, &rc), *gt;
  unsigned k;
  size_t pos;
  if (tab == NULL) {
    return rc;
  }
  for (k = 0; k < 2; k++) {
    uint32_t v = k ? ts->fl_end : ts->fl_start;
    if ((ts->fields & (MIPFB_TS_FL_START >> k)) != 0 && v > FL_MASK) {
      return mipfb_fail(diag, MIPFB_ERR_INVALID_ARG, 0, TXT_FL_BIG[k]);
    }
  }
  rc = lone_end(ts->fields, tab, diag, 0);
  if (rc == 0 && (gt = first_gt(ts, tab, &pos)) != NULL) {
    rc = mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, 0, gt->gt);
  }
  return rc;
}

/* The one encoder: writes, or only counts when w has no buffer. */
static mipfb_ssize ts_write(mipfb_wr *w, const mipfb_ts *ts, const ts_field *tab) {
  unsigned fields = ts->fields, rest, i;
  uint32_t wire16 = ts->format == MIPFB_TS_FORMAT_IPV6 ? fields : ((fields & 0xFC00u) | ((fields & 0x00FFu) << 2));
  mipfb_wr_be32(w, wire16 << 16);
  for (rest = fields; rest != 0; rest &= ~(0x8000u >> i)) {
    const ts_field *f;
    const uint8_t *src;
    i = first_field(rest);
    f = &tab[i];
    src = (const uint8_t *)ts + f->off;
    switch (f->type) {
    case T_ADDR:
      mipfb_wr_bytes(w, src, f->size);
      break;
    case T_U8:
      mipfb_wr_u8(w, src[0]);
      break;
    case T_U16:
      mipfb_wr_be16(w, get_int(src, T_U16));
      break;
    default: /* T_U32, T_FL (checked to fit 20 bits) */
      mipfb_wr_be32(w, get_int(src, T_U32));
      break;
    }
  }
  return mipfb_wr_result(w);
}

mipfb_ssize mipfb_ts_encoded_len(const mipfb_ts *ts) {
  mipfb_wr w;
  int rc = 0;
  const ts_field *tab = ts_table(ts, NULL, &rc);
  if (tab == NULL) {
    return rc;
  }
  mipfb_wr_init(&w, NULL, 0);
  return ts_write(&w, ts, tab);
}

mipfb_ssize mipfb_ts_encode(uint8_t *out, size_t cap, const mipfb_ts *ts) {
  mipfb_wr w;
  int rc = mipfb_ts_check(ts, NULL);
  if (rc != 0) {
    return rc;
  }
  if (out == NULL) { /* a writer without a buffer would only count */
    return cap == 0 ? MIPFB_ERR_NOBUF : MIPFB_ERR_INVALID_ARG;
  }
  mipfb_wr_init(&w, out, cap);
  return ts_write(&w, ts, TS_FIELDS[ts->format - 1]);
}
