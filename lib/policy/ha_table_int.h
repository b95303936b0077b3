/* HA-level table internals: the slot layout and the lookup, shared by the
   one-packet and the burst paths (internal). */
#ifndef MIPFB_POLICY_HA_TABLE_INT_H
#define MIPFB_POLICY_HA_TABLE_INT_H

#include <mipfb/flowtable.h>

#include "../core/hash.h"
#include "../core/rd.h"

/* One slot; empty when pol is NULL. addr holds 4 octets for IPv4, the rest
   zero. hash is the upper half of the address hash; its low bits are the
   slot the entry would like (its home). */
typedef struct ha_slot {
  mipfb_policy *pol;
  uint32_t hash;
  uint8_t family;
  uint8_t addr[16];
} ha_slot;

struct mipfb_ha_table {
  uint64_t seed;
  uint32_t mask; /* slots - 1, slots a power of two */
  uint32_t capacity;
  uint32_t count;
  ha_slot *slots;
};

static inline uint64_t ha_ld_be64(const uint8_t *p) { return (uint64_t)mipfb_ld_be32(p) << 32 | mipfb_ld_be32(p + 4); }

/* Seeded hash of (family, address), byte-order independent. */
static inline uint32_t ha_addr_hash(const mipfb_ha_table *t, uint8_t family, const uint8_t *a) {
  uint64_t h = t->seed ^ ((uint64_t)family * 0x9e3779b97f4a7c15ull);
  if (family == MIPFB_AF_INET4) {
    h = mipfb_fmix64(h ^ mipfb_ld_be32(a));
  } else {
    h = mipfb_fmix64(h ^ ha_ld_be64(a));
    h = mipfb_fmix64(h ^ ha_ld_be64(a + 8));
  }
  return (uint32_t)(h >> 32);
}

static inline size_t ha_addr_len(uint8_t family) { return family == MIPFB_AF_INET4 ? 4 : 16; }

/* Whether the n octets (4 or 16) at a and b are equal; word compares, no
   call into memcmp on the lookup path. */
static inline int ha_addr_eq(const uint8_t *a, const uint8_t *b, size_t n) {
  size_t i;
  uint32_t d = 0;
  for (i = 0; i < n; i += 4) {
    d |= mipfb_ld_be32(a + i) ^ mipfb_ld_be32(b + i);
  }
  return d == 0;
}

/* Slot index holding (family, a) with hash h, or -1. */
static inline long ha_find(const mipfb_ha_table *t, uint8_t family, const uint8_t *a, uint32_t h) {
  uint32_t i = h & t->mask;
  size_t n = ha_addr_len(family);
  for (;; i = (i + 1) & t->mask) {
    const ha_slot *s = &t->slots[i];
    if (s->pol == NULL) {
      return -1;
    }
    if (s->hash == h && s->family == family && ha_addr_eq(s->addr, a, n)) {
      return (long)i;
    }
  }
}

#endif /* MIPFB_POLICY_HA_TABLE_INT_H */
