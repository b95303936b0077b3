/*
 * Reader for the codec vector files tests/vectors/NAME.vec (format in
 * tests/vectors/README.md). Strict C99 with stdio/stdlib/string only, so the
 * vector runner also builds for big-endian MIPS (make check-be).
 */
#ifndef VECFILE_H
#define VECFILE_H

#include <stddef.h>
#include <stdio.h>

/** Longest vector name kept (longer names are cut). */
#define VEC_NAME_MAX 160
/** Longest expect word (an mipfb_err_name() or "ok"). */
#define VEC_WORD_MAX 48
/** Longest `key` secret, octets. */
#define VEC_KEY_MAX 128

/** Profile values of the `profile` line (same numbers as mipfb_profile). */
#define VEC_PROFILE_RFC 0
#define VEC_PROFILE_DRAFT 1

/** One vector, as read from a file. */
typedef struct vec_entry {
  const char *file;             /* path of the file it came from */
  unsigned long line;           /* line of its `vector` keyword */
  char name[VEC_NAME_MAX];      /* vector name */
  char codec[VEC_WORD_MAX];     /* "mip4", "mh" or "ts" */
  int profile;                  /* VEC_PROFILE_RFC (default) or VEC_PROFILE_DRAFT */
  int format;                   /* `format` value 0..255, or -1 when absent */
  int has_key;                  /* a `key` line was given */
  unsigned long spi;            /* its SPI */
  unsigned char key[VEC_KEY_MAX]; /* its secret */
  size_t key_len;               /* octets in key */
  unsigned char *bytes;         /* concatenated `hex` lines (heap) */
  size_t len;                   /* octets in bytes */
  size_t cap;                   /* allocated octets of bytes */
  int has_src, has_dst;         /* mh only: `src` / `dst` lines given */
  unsigned char src[16];        /* IPv6 source for the MH checksum */
  unsigned char dst[16];        /* IPv6 destination for the MH checksum */
  char expect[VEC_WORD_MAX];    /* "ok" or an error name */
  int has_offset;               /* `offset N` given */
  unsigned long offset;         /* N */
} vec_entry;

/** An open vector file. */
typedef struct vecfile {
  FILE *fp;
  const char *path;
  unsigned long lineno; /* last line read */
  char *buf;            /* line buffer (heap) */
  size_t buf_cap;
  char err[256];        /* parse error text after vecfile_next() returned -1 */
  unsigned long err_line;
} vecfile;

/** Open @p path; 0 on success, -1 (with vf->err set) on failure. */
int vecfile_open(vecfile *vf, const char *path);

/**
 * Read the next vector into @p v (previous contents of @p v are released).
 * Returns 1 for a vector, 0 at end of file, -1 for a malformed vector: then
 * vf->err and vf->err_line say why and where, v->name and v->line are set
 * when known, and the reader has skipped past that vector's `end`.
 */
int vecfile_next(vecfile *vf, vec_entry *v);

/** Close the file and release the line buffer. */
void vecfile_close(vecfile *vf);

/** Zero @p v (before first use). */
void vec_entry_init(vec_entry *v);

/** Release what @p v holds. */
void vec_entry_free(vec_entry *v);

/** Hex digits (spaces ignored) to octets: count, or -1 on a bad digit / odd count / overflow of cap. */
long vec_parse_hex(const char *s, unsigned char *out, size_t cap);

#endif /* VECFILE_H */
