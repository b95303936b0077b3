/* Integer hash mixing shared by the hashed tables (internal). */
#ifndef MIPFB_CORE_HASH_H
#define MIPFB_CORE_HASH_H

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

#endif /* MIPFB_CORE_HASH_H */
