/* Shared helpers for the Check suites. */
#define _DEFAULT_SOURCE
#include "test_helper.h"

#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static int hexval(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

long th_unhex(const char *hex, uint8_t *out, size_t cap) {
  size_t n = 0;
  int hi = -1;
  for (; *hex; hex++) {
    int v;
    if (*hex == ' ' || *hex == '\n' || *hex == '\t' || *hex == ':') continue;
    v = hexval((unsigned char)*hex);
    if (v < 0) return -1;
    if (hi < 0) {
      hi = v;
    } else {
      if (n >= cap) return -1;
      out[n++] = (uint8_t)(hi << 4 | v);
      hi = -1;
    }
  }
  return hi < 0 ? (long)n : -1;
}

const uint8_t *th_guard(const uint8_t *p, size_t len) {
  static uint8_t *region;
  static size_t page;
  if (region == NULL) {
    page = (size_t)sysconf(_SC_PAGESIZE);
    region = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    ck_assert_ptr_ne(region, MAP_FAILED);
    ck_assert_int_eq(mprotect(region + page, page, PROT_NONE), 0);
  }
  ck_assert_uint_le(len, page);
  if (len) memcpy(region + page - len, p, len);
  return region + page - len;
}
