/* Parse context: error text and owned memory. */
#include "pctx.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pctx_init(pctx *c, const mipfb_codepoints *cp) {
  memset(c, 0, sizeof *c);
  c->cp = cp;
}

int pctx_fail(pctx *c, const char *fmt, ...) {
  va_list ap;
  if (c->err[0] != '\0') {
    return -1;
  }
  va_start(ap, fmt);
  vsnprintf(c->err, sizeof c->err, fmt, ap);
  va_end(ap);
  return -1;
}

int pctx_adopt(pctx *c, void *block) {
  if (block == NULL) {
    return pctx_fail(c, "out of memory");
  }
  if (c->n_blocks == c->cap_blocks) {
    size_t cap = c->cap_blocks ? 2 * c->cap_blocks : 8;
    void **nb = realloc(c->blocks, cap * sizeof *nb);
    if (nb == NULL) {
      free(block);
      return pctx_fail(c, "out of memory");
    }
    c->blocks = nb;
    c->cap_blocks = cap;
  }
  c->blocks[c->n_blocks++] = block;
  return 0;
}

void *pctx_alloc(pctx *c, size_t size) {
  void *p = calloc(1, size ? size : 1);
  return pctx_adopt(c, p) == 0 ? p : NULL;
}

void pctx_free(pctx *c) {
  size_t i;
  for (i = 0; i < c->n_blocks; i++) {
    free(c->blocks[i]);
  }
  free(c->blocks);
  c->blocks = NULL;
  c->n_blocks = c->cap_blocks = 0;
}
