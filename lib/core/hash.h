/* Integer hash mixing shared by the hashed tables (internal). */
#ifndef MIPFB_CORE_HASH_H
#define MIPFB_CORE_HASH_H

#include <stddef.h>
#include <stdint.h>

/* MurmurHash3 fmix64 finalizer: every input bit affects every output bit. */
static inline uint64_t mipfb_fmix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdull;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ull;
  x ^= x >> 33;
  return x;
}

/* FNV-1a 64 over n octets; h the start value (MIPFB_FNV64_OFFSET, or it
   XOR a seed). */
#define MIPFB_FNV64_OFFSET 0xcbf29ce484222325ull

static inline uint64_t mipfb_fnv1a64(uint64_t h, const uint8_t *p, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) {
    h = (h ^ p[i]) * 0x100000001b3ull;
  }
  return h;
}

#endif /* MIPFB_CORE_HASH_H */
