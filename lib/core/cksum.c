/* The Internet checksum (RFC 1071). */
#include <mipfb/cksum.h>

uint32_t mipfb_cksum_add(uint32_t acc, const uint8_t *p, size_t n) {
  size_t i;
  for (i = 0; i + 1 < n; i += 2) {
    acc += (uint32_t)p[i] << 8 | p[i + 1];
    acc = (acc & 0xffffu) + (acc >> 16); /* never above 17 bits */
  }
  if (n & 1u) {
    acc += (uint32_t)p[n - 1] << 8;
  }
  return (acc & 0xffffu) + (acc >> 16);
}

uint16_t mipfb_cksum_fold(uint32_t acc) {
  while (acc >> 16) {
    acc = (acc & 0xffffu) + (acc >> 16);
  }
  return (uint16_t)~acc;
}
