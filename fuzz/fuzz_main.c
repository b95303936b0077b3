/*
 * fuzz_main.c: replay driver for builds without libFuzzer.
 *
 * Usage: replay_<target> FILE|DIR...
 * Runs LLVMFuzzerTestOneInput once per file (directories: every regular
 * file inside, recursively), each input in an exact-size heap buffer so
 * that AddressSanitizer builds catch over-reads. An invariant failure
 * aborts; otherwise prints the number of inputs and exits 0.
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz_common.h"

static unsigned long n_inputs;

static int run_file(const char *path) {
  FILE *f;
  uint8_t *buf = NULL;
  size_t len = 0, cap = 0, n;

  f = fopen(path, "rb");
  if (f == NULL) {
    fprintf(stderr, "%s: %s\n", path, strerror(errno));
    return -1;
  }
  for (;;) {
    if (len == cap) {
      size_t ncap = cap ? cap * 2 : 4096;
      uint8_t *nbuf = (uint8_t *)realloc(buf, ncap);
      if (nbuf == NULL) {
        free(buf);
        fclose(f);
        fprintf(stderr, "%s: out of memory\n", path);
        return -1;
      }
      buf = nbuf;
      cap = ncap;
    }
    n = fread(buf + len, 1, cap - len, f);
    len += n;
    if (n == 0) {
      break;
    }
  }
  if (ferror(f)) {
    fprintf(stderr, "%s: read error\n", path);
    free(buf);
    fclose(f);
    return -1;
  }
  fclose(f);
  {
    /* Exact-size copy: one past the end is outside the allocation. */
    uint8_t *exact = (uint8_t *)malloc(len ? len : 1);
    if (exact == NULL) {
      free(buf);
      return -1;
    }
    if (len) {
      memcpy(exact, buf, len);
    }
    free(buf);
    (void)LLVMFuzzerTestOneInput(exact, len);
    free(exact);
  }
  n_inputs++;
  return 0;
}

static int run_path(const char *path) {
  struct stat st;
  DIR *d;
  struct dirent *de;
  int rc = 0;

  if (stat(path, &st) != 0) {
    fprintf(stderr, "%s: %s\n", path, strerror(errno));
    return -1;
  }
  if (!S_ISDIR(st.st_mode)) {
    return run_file(path);
  }
  d = opendir(path);
  if (d == NULL) {
    fprintf(stderr, "%s: %s\n", path, strerror(errno));
    return -1;
  }
  while ((de = readdir(d)) != NULL) {
    size_t plen, nlen;
    char *sub;
    if (de->d_name[0] == '.') {
      continue; /* ".", "..", hidden files */
    }
    plen = strlen(path);
    nlen = strlen(de->d_name);
    sub = (char *)malloc(plen + nlen + 2);
    if (sub == NULL) {
      rc = -1;
      break;
    }
    memcpy(sub, path, plen);
    sub[plen] = '/';
    memcpy(sub + plen + 1, de->d_name, nlen + 1);
    if (run_path(sub) != 0) {
      rc = -1;
    }
    free(sub);
  }
  closedir(d);
  return rc;
}

int main(int argc, char **argv) {
  int i, rc = 0;
  if (argc < 2) {
    fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
    return 2;
  }
  {
    static const uint8_t empty[1] = {0};
    (void)LLVMFuzzerTestOneInput(empty, 0); /* libFuzzer always tries the empty input */
  }
  for (i = 1; i < argc; i++) {
    if (run_path(argv[i]) != 0) {
      rc = 1;
    }
  }
  printf("%s: %lu inputs replayed\n", argv[0], n_inputs);
  return rc;
}
