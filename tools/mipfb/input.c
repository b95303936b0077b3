/* Raw input files. */
#include "input.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

FILE *input_open(const char *path) {
  FILE *f;
  if (strcmp(path, "-") == 0) {
    return stdin;
  }
  f = fopen(path, "rb");
  if (f == NULL) {
    fprintf(stderr, "mipfb: %s: %s\n", path, strerror(errno));
  }
  return f;
}

void input_close(FILE *f) {
  if (f != NULL && f != stdin) {
    fclose(f);
  }
}

uint8_t *input_slurp(const char *path, size_t *len) {
  FILE *f = input_open(path);
  uint8_t *buf = NULL;
  size_t cap = 0;
  size_t n = 0;
  if (f == NULL) {
    return NULL;
  }
  for (;;) {
    size_t got;
    if (n == cap) {
      uint8_t *nb = realloc(buf, cap ? 2 * cap : 4096);
      if (nb == NULL) {
        fputs("mipfb: out of memory\n", stderr);
        break;
      }
      buf = nb;
      cap = cap ? 2 * cap : 4096;
    }
    got = fread(buf + n, 1, cap - n, f);
    n += got;
    if (got == 0) {
      if (ferror(f)) {
        fprintf(stderr, "mipfb: %s: read error\n", path);
        break;
      }
      input_close(f);
      *len = n;
      return buf;
    }
  }
  input_close(f);
  free(buf);
  return NULL;
}
