/*
 * RFC 6088 binary traffic selectors: IPv4 (TS Format 1, section 3.1) and
 * IPv6 (TS Format 2, section 3.2). wire.md section 3; errata E-6, E-7, E-15.
 *
 * The selector is a 32-bit flags word followed by the present fields in flag
 * order, back to back (E-6: the carrier's Type/Len/TS Format/Reserved octets
 * are the caller's). Presence is the format-independent MIPFB_TS_* set: the
 * IPv6 flags word >> 16 (A..P, E-15); the IPv4 word (A..N) lacks the two
 * flow-label bits. Field i of that set (0 = 0x8000) is described by entry i
 * of its format's table, and both tables come from one list, TS_LIST, so the
 * decoder, the checker and the encoder are one loop each over present fields.
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

/* Read field f into ts. */
static void get_field(mipfb_rd *r, mipfb_ts *ts, const ts_field *f) {
  uint8_t *dst = (uint8_t *)ts + f->off;
  uint16_t v16;
  uint32_t v32;
  switch (f->type) {
  case T_ADDR:
    mipfb_rd_bytes(r, dst, f->size);
    break;
  case T_U8:
    *dst = mipfb_rd_u8(r);
    break;
  case T_U16:
    v16 = mipfb_rd_be16(r);
    memcpy(dst, &v16, sizeof v16);
    break;
  default: /* T_U32, T_FL (T_NONE fields are never present) */
    v32 = mipfb_rd_be32(r);
    v32 &= f->type == T_FL ? FL_MASK : 0xFFFFFFFFu;
    memcpy(dst, &v32, sizeof v32);
    break;
  }
}

mipfb_ssize mipfb_ts_decode(mipfb_ts *ts, uint8_t format, const uint8_t *in, size_t len, size_t base_off,
                            mipfb_diag *diag) {
  const ts_field *tab, *gt;
  mipfb_rd r;
  unsigned fi, fields, rest, i;
  uint32_t w;
  size_t gt_off;
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
  if (in == NULL) {
    return len ? MIPFB_ERR_INVALID_ARG : mipfb_fail(diag, MIPFB_ERR_TRUNCATED, base_off, TXT_FLAGS_TRUNC[fi]);
  }
  mipfb_rd_init(&r, in, len);
  w = mipfb_rd_be32(&r);
  if (mipfb_rd_err(&r) != 0) {
    return mipfb_fail(diag, MIPFB_ERR_TRUNCATED, base_off, TXT_FLAGS_TRUNC[fi]);
  }
  w >>= 16; /* the low 16 (IPv6) or 18 (IPv4) bits are Reserved: ignored */
  fields = fi ? w : ((w & 0xFC00u) | ((w >> 2) & 0x00FFu));
  ts->format = format;
  ts->fields = (uint16_t)fields;
  rc = lone_end(fields, tab, diag, base_off);
  if (rc != 0) {
    return rc;
  }
  for (rest = fields; rest != 0; rest &= ~(0x8000u >> i)) {
    i = first_field(rest);
    get_field(&r, ts, &tab[i]);
    if (mipfb_rd_err(&r) != 0) {
      return mipfb_fail(diag, MIPFB_ERR_TRUNCATED, base_off + r.err_off, tab[i].trunc);
    }
  }
  if (mipfb_rd_left(&r) != 0) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_LENGTH, base_off + mipfb_rd_off(&r), TXT_LEFT_OVER[fi]);
  }
  if ((fields & END_BITS) != 0 && (gt = first_gt(ts, tab, &gt_off)) != NULL) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, base_off + gt_off, gt->gt);
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
