/*
 * Parse context for JSON input: the first error's text and the memory the
 * parsed message points into (freed together after encoding).
 */
#ifndef MIPFB_TOOL_PCTX_H
#define MIPFB_TOOL_PCTX_H

#include <stddef.h>

#include <mipfb/codepoints.h>

#include "cli.h"

typedef struct pctx {
  const mipfb_codepoints *cp; /**< profile in use */
  char err[256];              /**< what was wrong with the input */
  void **blocks;              /**< allocations owned by the context */
  size_t n_blocks;
  size_t cap_blocks;
} pctx;

/** Start a context for one input object. */
void pctx_init(pctx *c, const mipfb_codepoints *cp);

/** Record the error text (first one wins); always returns -1. */
int pctx_fail(pctx *c, const char *fmt, ...) TOOL_PRINTF(2, 3);

/** Zeroed memory owned by the context; NULL (with the error set) when out of memory. */
void *pctx_alloc(pctx *c, size_t size);

/** Remember a malloc'd block so that pctx_free releases it; -1 (block freed) on failure. */
int pctx_adopt(pctx *c, void *block);

/** Release every block. */
void pctx_free(pctx *c);

#endif /* MIPFB_TOOL_PCTX_H */
