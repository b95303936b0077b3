/*
 * Bounds-checked writer over a caller buffer (internal).
 *
 * A writer whose buffer is NULL only counts: the same encoder code gives the
 * exact encoded length and the bytes, so the two can never disagree. On
 * overflow a sticky MIPFB_ERR_NOBUF is set and nothing more is written;
 * `len` keeps counting so a caller can learn the size it needs.
 * Reserved octets are back-filled with mipfb_wr_patch_*().
 */
#ifndef MIPFB_CORE_WR_H
#define MIPFB_CORE_WR_H

#include <string.h>

#include <mipfb/err.h>

typedef struct mipfb_wr {
  uint8_t *buf; /* NULL: count only */
  size_t cap;
  size_t len;
  int err;
} mipfb_wr;

static inline void mipfb_wr_init(mipfb_wr *w, uint8_t *buf, size_t cap) {
  w->buf = buf;
  w->cap = buf ? cap : 0;
  w->len = 0;
  w->err = 0;
}

static inline int mipfb_wr_counting(const mipfb_wr *w) { return w->buf == NULL; }

static inline int mipfb_wr_err(const mipfb_wr *w) { return w->err; }

/* Returns where n bytes may be written, or NULL (counting mode, or overflow
   which sets the sticky error). Always advances len. */
static inline uint8_t *mipfb_wr_take(mipfb_wr *w, size_t n) {
  size_t at = w->len;
  w->len = at + n;
  if (w->buf == NULL || w->err != 0) {
    return NULL;
  }
  if (at > w->cap || w->cap - at < n) {
    w->err = MIPFB_ERR_NOBUF;
    return NULL;
  }
  return w->buf + at;
}

static inline void mipfb_wr_u8(mipfb_wr *w, unsigned v) {
  uint8_t *p = mipfb_wr_take(w, 1);
  if (p) {
    p[0] = (uint8_t)v;
  }
}

static inline void mipfb_wr_be16(mipfb_wr *w, unsigned v) {
  uint8_t *p = mipfb_wr_take(w, 2);
  if (p) {
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
  }
}

static inline void mipfb_wr_be32(mipfb_wr *w, uint32_t v) {
  uint8_t *p = mipfb_wr_take(w, 4);
  if (p) {
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
  }
}

static inline void mipfb_wr_be64(mipfb_wr *w, uint64_t v) {
  mipfb_wr_be32(w, (uint32_t)(v >> 32));
  mipfb_wr_be32(w, (uint32_t)v);
}

static inline void mipfb_wr_bytes(mipfb_wr *w, const uint8_t *src, size_t n) {
  uint8_t *p = mipfb_wr_take(w, n);
  if (p && n) {
    memcpy(p, src, n);
  }
}

static inline void mipfb_wr_zero(mipfb_wr *w, size_t n) {
  uint8_t *p = mipfb_wr_take(w, n);
  if (p) {
    memset(p, 0, n);
  }
}

/* Reserve n octets to fill later; returns their offset. */
static inline size_t mipfb_wr_reserve(mipfb_wr *w, size_t n) {
  size_t at = w->len;
  mipfb_wr_zero(w, n);
  return at;
}

static inline int mipfb_wr_fits(const mipfb_wr *w, size_t at, size_t n) {
  return w->buf != NULL && w->err == 0 && at <= w->len && n <= w->len - at;
}

static inline void mipfb_wr_patch_u8(mipfb_wr *w, size_t at, unsigned v) {
  if (mipfb_wr_fits(w, at, 1)) {
    w->buf[at] = (uint8_t)v;
  }
}

static inline void mipfb_wr_patch_be16(mipfb_wr *w, size_t at, unsigned v) {
  if (mipfb_wr_fits(w, at, 2)) {
    w->buf[at] = (uint8_t)(v >> 8);
    w->buf[at + 1] = (uint8_t)v;
  }
}

/* Bytes written so far (only meaningful when not counting and no error). */
static inline const uint8_t *mipfb_wr_data(const mipfb_wr *w) { return w->buf; }

/* Finish: the length, or the sticky error. */
static inline mipfb_ssize mipfb_wr_result(const mipfb_wr *w) {
  return w->err != 0 ? (mipfb_ssize)w->err : (mipfb_ssize)w->len;
}

#endif /* MIPFB_CORE_WR_H */
