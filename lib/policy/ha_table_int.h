/* HA-level table internals: the slot layout and the lookup, shared by the
   one-packet and the burst paths (internal). */
#ifndef MIPFB_POLICY_HA_TABLE_INT_H
#define MIPFB_POLICY_HA_TABLE_INT_H

#include <mipfb/flowtable.h>

#include "../core/hash.h"
#include "policy_int.h"

/* One slot; empty when pol is NULL. addr is the address as a number (IPv4
   in lo; see policy_u128_of). hash is the upper half of the address hash;
   its low bits are the slot the entry would like (its home). */
typedef struct ha_slot {
  mipfb_policy *pol;
  policy_u128 addr;
  uint32_t hash;
  uint8_t family;
} ha_slot;

struct mipfb_ha_table {
  uint64_t seed;
  uint32_t mask; /* slots - 1, slots a power of two */
  uint32_t capacity;
  uint32_t count;
  ha_slot *slots;
};

/* Seeded hash of (family, address): the address's big-endian words, so
   the same on every host. */
static inline uint32_t ha_addr_hash(const mipfb_ha_table *t, uint8_t family, policy_u128 a) {
  uint64_t h = t->seed ^ ((uint64_t)family * 0x9e3779b97f4a7c15ull);
  if (family == MIPFB_AF_INET4) {
    h = mipfb_fmix64(h ^ a.lo);
  } else {
    h = mipfb_fmix64(h ^ a.hi);
    h = mipfb_fmix64(h ^ a.lo);
  }
  return (uint32_t)(h >> 32);
}

/* Slot index holding (family, a) with hash h, or -1. */
static inline long ha_find(const mipfb_ha_table *t, uint8_t family, policy_u128 a, uint32_t h) {
  uint32_t i = h & t->mask;
  for (;; i = (i + 1) & t->mask) {
    const ha_slot *s = &t->slots[i];
    if (s->pol == NULL) {
      return -1;
    }
    if (s->hash == h && s->family == family && s->addr.lo == a.lo && s->addr.hi == a.hi) {
      return (long)i;
    }
  }
}

#endif /* MIPFB_POLICY_HA_TABLE_INT_H */
