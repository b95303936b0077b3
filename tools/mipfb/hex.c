/* Hexadecimal octet strings. */
#include "hex.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

int hex_digit(char c) {
  static const char DIGITS[] = "0123456789abcdef";
  const char *p = c != '\0' ? strchr(DIGITS, tolower((unsigned char)c)) : NULL;
  return p != NULL ? (int)(p - DIGITS) : -1;
}

static int is_separator(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ':'; }

long hex_decode(const char *s, size_t slen, uint8_t *out, size_t cap) {
  size_t i;
  size_t n = 0;
  int hi = -1;
  for (i = 0; i < slen; i++) {
    int d;
    if (hi < 0 && is_separator(s[i])) {
      continue;
    }
    d = hex_digit(s[i]);
    if (d < 0) {
      return -1;
    }
    if (hi < 0) {
      hi = d;
      continue;
    }
    if (out != NULL) {
      if (n >= cap) {
        return -1;
      }
      out[n] = (uint8_t)(hi << 4 | d);
    }
    n++;
    hi = -1;
  }
  return hi < 0 ? (long)n : -1;
}

void hex_format(char *out, const uint8_t *in, size_t len) {
  static const char DIGITS[] = "0123456789abcdef";
  size_t i;
  for (i = 0; i < len; i++) {
    out[2 * i] = DIGITS[in[i] >> 4];
    out[2 * i + 1] = DIGITS[in[i] & 0x0f];
  }
  out[2 * len] = '\0';
}

uint8_t *hex_alloc(const char *s, size_t slen, size_t *len) {
  long n = hex_decode(s, slen, NULL, 0);
  uint8_t *buf;
  if (n < 0) {
    return NULL;
  }
  buf = malloc((size_t)n + 1);
  if (buf == NULL) {
    return NULL;
  }
  *len = (size_t)hex_decode(s, slen, buf, (size_t)n);
  return buf;
}
