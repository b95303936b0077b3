/*
 * Bounds-checked reader over a const buffer (internal).
 *
 * Every getter checks the remaining length. On a short read it sets a sticky
 * error (MIPFB_ERR_TRUNCATED), remembers where, returns 0 and does not move;
 * later getters do nothing. A chain of reads is checked once, at the end,
 * with mipfb_rd_err(). Offsets are relative to the message start (`base`),
 * also in child readers made with mipfb_rd_sub(), so diagnostics can name
 * the octet of the whole message.
 */
#ifndef MIPFB_CORE_RD_H
#define MIPFB_CORE_RD_H

#include <string.h>

#include <mipfb/err.h>

typedef struct mipfb_rd {
  const uint8_t *base; /* start of the whole message, for offsets */
  const uint8_t *pos;
  const uint8_t *end;
  int err;             /* 0 or the first error */
  size_t err_off;      /* offset of the read that failed */
} mipfb_rd;

static inline void mipfb_rd_init(mipfb_rd *r, const uint8_t *p, size_t n) {
  if (p == NULL) { /* an empty input: a real address, so no NULL + 0 below */
    p = (const uint8_t *)"";
    n = 0;
  }
  r->base = p;
  r->pos = p;
  r->end = p + n;
  r->err = 0;
  r->err_off = 0;
}

static inline size_t mipfb_rd_left(const mipfb_rd *r) { return (size_t)(r->end - r->pos); }

static inline size_t mipfb_rd_off(const mipfb_rd *r) { return (size_t)(r->pos - r->base); }

static inline int mipfb_rd_err(const mipfb_rd *r) { return r->err; }

/* Reserve n bytes for reading: returns the current position or NULL (and the
   sticky error). The only place the bounds rule lives. */
static inline const uint8_t *mipfb_rd_take(mipfb_rd *r, size_t n) {
  const uint8_t *p = r->pos;
  if (r->err != 0) {
    return NULL;
  }
  if ((size_t)(r->end - p) < n) {
    r->err = MIPFB_ERR_TRUNCATED;
    r->err_off = (size_t)(p - r->base);
    return NULL;
  }
  r->pos = p + n;
  return p;
}

/* Loads at a fixed offset inside a span that mipfb_rd_take() returned, so
   a decoder can check a fixed-size group of fields once and then read them
   without a bounds test each (byte-wise: no alignment or host-order
   assumption). Only for offsets below the n that was taken. */
static inline uint16_t mipfb_ld_be16(const uint8_t *p) { return (uint16_t)((unsigned)p[0] << 8 | p[1]); }

static inline uint32_t mipfb_ld_be32(const uint8_t *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The next octet without consuming it, or -1 at the end or after an error. */
static inline int mipfb_rd_peek(const mipfb_rd *r) { return r->err == 0 && r->pos != r->end ? r->pos[0] : -1; }

static inline uint8_t mipfb_rd_u8(mipfb_rd *r) {
  const uint8_t *p = mipfb_rd_take(r, 1);
  return p ? p[0] : 0;
}

static inline uint16_t mipfb_rd_be16(mipfb_rd *r) {
  const uint8_t *p = mipfb_rd_take(r, 2);
  return p ? mipfb_ld_be16(p) : 0;
}

static inline uint32_t mipfb_rd_be32(mipfb_rd *r) {
  const uint8_t *p = mipfb_rd_take(r, 4);
  return p ? mipfb_ld_be32(p) : 0;
}

static inline uint64_t mipfb_rd_be64(mipfb_rd *r) {
  uint64_t hi = mipfb_rd_be32(r);
  uint64_t lo = mipfb_rd_be32(r);
  return hi << 32 | lo;
}

/* Copy n bytes out (zeros on failure). */
static inline void mipfb_rd_bytes(mipfb_rd *r, uint8_t *out, size_t n) {
  const uint8_t *p = mipfb_rd_take(r, n);
  if (p) {
    memcpy(out, p, n);
  } else {
    memset(out, 0, n);
  }
}

/* Zero-copy view of the next n bytes ({NULL,0} on failure). */
static inline mipfb_vec mipfb_rd_view(mipfb_rd *r, size_t n) {
  mipfb_vec v;
  v.base = mipfb_rd_take(r, n);
  v.len = v.base ? n : 0;
  return v;
}

static inline void mipfb_rd_skip(mipfb_rd *r, size_t n) { (void)mipfb_rd_take(r, n); }

/* Bound a child reader to the next n bytes and advance the parent past them,
   so nothing read through the child can reach the bytes that follow. The
   child keeps the parent's base for offsets. Returns the parent's error. */
static inline int mipfb_rd_sub(mipfb_rd *r, size_t n, mipfb_rd *child) {
  const uint8_t *p = mipfb_rd_take(r, n);
  child->base = r->base;
  child->pos = p ? p : r->pos;
  child->end = p ? p + n : r->pos;
  child->err = r->err;
  child->err_off = r->err_off;
  return r->err;
}

#endif /* MIPFB_CORE_RD_H */
