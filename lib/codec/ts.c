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
 * octets, diagnostics) loop over it. The decoder has two paths. The fast
 * one (ts_decode_fast) accepts a valid selector with one test per rule:
 * lone End fields and the length at once (the SHAPE tables, one look-up per
 * octet of the presence set), then read_fields, which compares each End
 * with its Start as it stores it (the same rule as first_gt(), at a
 * fraction of the cost) and only says whether one failed. Anything the fast
 * path does not accept goes to ts_decode_full, which applies the rules one
 * by one in their order and names the first one broken, so both paths
 * agree on every input.
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
MIPFB_HOT_INLINE const ts_field *first_gt(const mipfb_ts *ts, const ts_field *tab, size_t *pos) {
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

/* The shape of the presence set, one table entry per octet of it: the
   octets its present fields take ([field size] x [bits set], per pair:
   addresses A-D, SPI and flow label E-H in the high octet; ports I-L, DS
   and protocol M-P in the low one), or 255 when an End bit of the octet is
   set without its Start bit. So one look-up per octet applies both
   lone_end() and the length rule: sizes stay below 128, and SHAPE_LONE is
   the bit that tells them apart. */
#define SHAPE_LONE 0x80u
#define SH_C(x) ((x) > 127 ? 255 : (x) & 127) /* (the & keeps clang quiet about the arm not taken) */
#define SH2(n, w) SH_C(n), SH_C((n) + 128), SH_C((n) + (w)), SH_C((n) + 2 * (w))
#define SH4(n, w1, w0) SH2(n, w0), SH2((n) + 128, w0), SH2((n) + (w1), w0), SH2((n) + 2 * (w1), w0)
#define SH6(n, w2, w1, w0) \
  SH4(n, w1, w0), SH4((n) + 128, w1, w0), SH4((n) + (w2), w1, w0), SH4((n) + 2 * (w2), w1, w0)
#define SH8(w3, w2, w1, w0) \
  SH6(0, w2, w1, w0), SH6(128, w2, w1, w0), SH6(w3, w2, w1, w0), SH6(2 * (w3), w2, w1, w0)
static const uint8_t SHAPE_HI[2][256] = {{SH8(4, 4, 4, 4)}, {SH8(16, 16, 4, 4)}}; /* [format - 1][fields >> 8] */
static const uint8_t SHAPE_LO[256] = {SH8(2, 2, 1, 1)};                         /* [fields & 0xFF] */

/* Octets the present fields take, for a presence set without lone End bits. */
static size_t fields_size(unsigned fields, unsigned fi) {
  return (size_t)SHAPE_HI[fi][fields >> 8] + SHAPE_LO[fields & 0xFFu];
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

/* Zero a whole selector: absent fields read 0. Three 32-octet stores
   rather than one memset, which gcc turns into `rep stos` (about 20
   instructions) where these are six vector stores. */
MIPFB_HOT_INLINE void ts_zero(mipfb_ts *ts) {
  uint8_t *z = (uint8_t *)ts;
  memset(z, 0, 32);
  memset(z + 32, 0, 32);
  memset(z + 32 * 2, 0, sizeof *ts - 32 * 2);
}

static inline uint64_t ld_be64(const uint8_t *p) { return (uint64_t)mipfb_ld_be32(p) << 32 | mipfb_ld_be32(p + 4); }

/* Start > End for addresses (4 or 16 octets): big-endian octet strings,
   compared as numbers (memcmp() would be a call). */
MIPFB_HOT_INLINE int addr_gt(const uint8_t *s, const uint8_t *e, size_t n) {
  uint64_t s0, e0;
  if (n == 4) {
    return mipfb_ld_be32(s) > mipfb_ld_be32(e);
  }
  s0 = ld_be64(s);
  e0 = ld_be64(e);
  return s0 > e0 || (s0 == e0 && ld_be64(s + 8) > ld_be64(e + 8));
}

/*
 * Every present field of a selector whose length is right (4 +
 * fields_size()) and whose End fields all have their Start (lone_end), in
 * flag order from p, into a zeroed ts. Returns non-zero when some Start is
 * greater than its End (first_gt() then tells which). addr_size is a
 * constant at each call, so the address copies and compares inline.
 */
#define RD_PAIR(sbit, ms, me, type, size, load, mask) \
  do {                                                \
    if (fields & (sbit)) {                            \
      ms = (type)(load(p) & (mask));                  \
      p += size;                                      \
      if (fields & ((sbit) >> 1)) {                   \
        me = (type)(load(p) & (mask));                \
        p += size;                                    \
        gt |= ms > me;                                \
      }                                               \
    }                                                 \
  } while (0)

static inline uint8_t ld_u8(const uint8_t *p) { return p[0]; }

MIPFB_HOT_INLINE int read_fields(mipfb_ts *ts, unsigned fields, const uint8_t *p, size_t addr_size) {
  int gt = 0;
  if (fields & MIPFB_TS_SRC_START) {
    memcpy(ts->src_start, p, addr_size);
    p += addr_size;
    if (fields & MIPFB_TS_SRC_END) {
      memcpy(ts->src_end, p, addr_size);
      p += addr_size;
      gt |= addr_gt(ts->src_start, ts->src_end, addr_size);
    }
  }
  if (fields & MIPFB_TS_DST_START) {
    memcpy(ts->dst_start, p, addr_size);
    p += addr_size;
    if (fields & MIPFB_TS_DST_END) {
      memcpy(ts->dst_end, p, addr_size);
      p += addr_size;
      gt |= addr_gt(ts->dst_start, ts->dst_end, addr_size);
    }
  }
  RD_PAIR(MIPFB_TS_SPI_START, ts->spi_start, ts->spi_end, uint32_t, 4, mipfb_ld_be32, 0xFFFFFFFFu);
  RD_PAIR(MIPFB_TS_FL_START, ts->fl_start, ts->fl_end, uint32_t, 4, mipfb_ld_be32, FL_MASK);
  RD_PAIR(MIPFB_TS_SPORT_START, ts->sport_start, ts->sport_end, uint16_t, 2, mipfb_ld_be16, 0xFFFFu);
  RD_PAIR(MIPFB_TS_DPORT_START, ts->dport_start, ts->dport_end, uint16_t, 2, mipfb_ld_be16, 0xFFFFu);
  RD_PAIR(MIPFB_TS_DS_START, ts->ds_start, ts->ds_end, uint8_t, 1, ld_u8, 0xFFu);
  RD_PAIR(MIPFB_TS_PROTO_START, ts->proto_start, ts->proto_end, uint8_t, 1, ld_u8, 0xFFu);
  return gt;
}

/* The presence set of a flags word: the IPv6 word's upper half as it is;
   IPv4 (no flow label) moves G..N down past the two flow-label bits. The
   lower 16 (IPv6) or 18 (IPv4) bits are Reserved: ignored. */
static unsigned ts_presence(const uint8_t *p, unsigned fi) {
  unsigned w = mipfb_ld_be16(p);
  return fi ? w : ((w & 0xFC00u) | ((w >> 2) & 0x00FFu));
}

/* The decoder with every rule in its order and a diagnostic for each: what
   mipfb_ts_decode() falls back to when the selector is not a valid one. */
static MIPFB_NOINLINE mipfb_ssize ts_decode_full(mipfb_ts *ts, uint8_t format, const uint8_t *in, size_t len,
                                                 size_t base_off, mipfb_diag *diag) {
  const ts_field *tab, *gt;
  const uint8_t *p;
  mipfb_rd r;
  unsigned fi, fields;
  size_t pos;
  int rc;

  ts_zero(ts);
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
  fields = ts_presence(p, fi);
  ts->format = format;
  ts->fields = (uint16_t)fields;
  rc = lone_end(fields, tab, diag, base_off);
  if (rc != 0) {
    return rc;
  }
  p = mipfb_rd_take(&r, fields_size(fields, fi));
  if (p == NULL || mipfb_rd_left(&r) != 0) {
    return length_error(fields, tab, len, base_off, fi, diag);
  }
  if ((fi ? read_fields(ts, fields, p, 16) : read_fields(ts, fields, p, 4)) != 0 &&
      (gt = first_gt(ts, tab, &pos)) != NULL) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, base_off + pos, gt->gt);
  }
  return (mipfb_ssize)len;
}

/* The fast path of format fi (a constant at each call) for a selector of
   at least 4 octets: whether it is valid, and then it is decoded. */
MIPFB_HOT_INLINE int ts_decode_fast(mipfb_ts *ts, unsigned fi, const uint8_t *in, size_t len) {
  unsigned fields = ts_presence(in, fi);
  unsigned hi = SHAPE_HI[fi][fields >> 8], lo = SHAPE_LO[fields & 0xFFu];
  if (((hi | lo) & SHAPE_LONE) != 0 || len - 4 != hi + lo) {
    return 0; /* an End without its Start, or the length is wrong */
  }
  ts_zero(ts);
  ts->format = (uint8_t)(fi + 1u);
  ts->fields = (uint16_t)fields;
  return read_fields(ts, fields, in + 4, fi ? 16u : 4u) == 0;
}

/* What the IPv4 fast path of mipfb_ts_decode() does not take: a valid IPv6
   selector through ts_decode_fast(), anything else through
   ts_decode_full(). Out of line, and with the same parameters so that the
   call is a plain jump, so that the IPv4 fast path, which needs fewer
   registers, saves few. */
static MIPFB_NOINLINE mipfb_ssize ts_decode_other(mipfb_ts *ts, uint8_t format, const uint8_t *in, size_t len,
                                                  size_t base_off, mipfb_diag *diag) {
  if (format == MIPFB_TS_FORMAT_IPV6 && in != NULL && len >= 4 && ts_decode_fast(ts, 1, in, len)) {
    return (mipfb_ssize)len;
  }
  return ts_decode_full(ts, format, in, len, base_off, diag);
}

/* A valid selector of either format is decoded by ts_decode_fast() with
   one test per rule (the format, the flags word present, no End without
   its Start and the exact length, no Start above its End); anything else
   goes to ts_decode_full(), which starts over and names the first rule
   broken. */
mipfb_ssize mipfb_ts_decode(mipfb_ts *ts, uint8_t format, const uint8_t *in, size_t len, size_t base_off,
                            mipfb_diag *diag) {
  if (format == MIPFB_TS_FORMAT_IPV4 && in != NULL && len >= 4 && ts_decode_fast(ts, 0, in, len)) {
    return (mipfb_ssize)len;
  }
  return ts_decode_other(ts, format, in, len, base_off, diag);
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
