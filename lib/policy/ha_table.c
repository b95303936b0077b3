/* HA-level table (issue 4): mobile node address -> policy, open addressing
   with linear probing and backward-shift deletion in caller memory. */
#include <string.h>

#include <mipfb/flowtable.h>

#include "ha_table_int.h"

static size_t header_size(void) {
  return (sizeof(struct mipfb_ha_table) + (MIPFB_HA_TABLE_ALIGN - 1)) & ~(size_t)(MIPFB_HA_TABLE_ALIGN - 1);
}

/* Slots for a capacity: a power of two with load at most 3/4, at least 8. */
static size_t slots_for(size_t capacity) {
  size_t n = 8;
  while (n / 4 * 3 < capacity) {
    n *= 2;
  }
  return n;
}

size_t mipfb_ha_table_mem_size(size_t capacity) {
  size_t n;
  if (capacity < 1 || capacity > MIPFB_HA_TABLE_MAX_CAPACITY) {
    return 0;
  }
  n = slots_for(capacity);
  if (n > ((size_t)-1 - header_size()) / sizeof(ha_slot)) {
    return 0;
  }
  return header_size() + n * sizeof(ha_slot);
}

int mipfb_ha_table_init(mipfb_ha_table **out, void *mem, size_t mem_len, size_t capacity, uint64_t seed) {
  mipfb_ha_table *t;
  size_t need, n;
  if (out == NULL || mem == NULL || (uintptr_t)mem % MIPFB_HA_TABLE_ALIGN != 0) {
    return MIPFB_ERR_INVALID_ARG;
  }
  need = mipfb_ha_table_mem_size(capacity);
  if (need == 0) {
    return MIPFB_ERR_INVALID_ARG;
  }
  if (mem_len < need) {
    return MIPFB_ERR_NOBUF;
  }
  n = slots_for(capacity);
  t = mem;
  t->seed = seed;
  t->mask = (uint32_t)(n - 1);
  t->capacity = (uint32_t)capacity;
  t->count = 0;
  t->slots = (ha_slot *)(void *)((uint8_t *)mem + header_size());
  memset(t->slots, 0, n * sizeof(ha_slot));
  *out = t;
  return 0;
}

size_t mipfb_ha_table_count(const mipfb_ha_table *t) { return t->count; }

static int family_ok(const mipfb_addr *addr) {
  return addr->family == MIPFB_AF_INET4 || addr->family == MIPFB_AF_INET6;
}

/* The address of a known family as a number (IPv4: bytes[0..3]). */
static policy_u128 addr_num(const mipfb_addr *addr) {
  return policy_u128_of(addr->bytes, addr->family == MIPFB_AF_INET4);
}

int mipfb_ha_table_insert(mipfb_ha_table *t, const mipfb_addr *addr, mipfb_policy *pol) {
  uint32_t h, i;
  ha_slot *s;
  policy_u128 a;
  if (t == NULL || addr == NULL || pol == NULL || !family_ok(addr)) {
    return MIPFB_ERR_INVALID_ARG;
  }
  a = addr_num(addr);
  h = ha_addr_hash(t, addr->family, a);
  if (ha_find(t, addr->family, a, h) >= 0) {
    return MIPFB_ERR_DUPLICATE;
  }
  if (t->count == t->capacity) {
    return MIPFB_ERR_TABLE_FULL;
  }
  /* count < capacity < slots, so an empty slot exists. */
  for (i = h & t->mask; t->slots[i].pol != NULL; i = (i + 1) & t->mask) {
  }
  s = &t->slots[i];
  s->addr = a;
  s->family = addr->family;
  s->hash = h;
  s->pol = pol;
  t->count++;
  return 0;
}

int mipfb_ha_table_remove(mipfb_ha_table *t, const mipfb_addr *addr) {
  long at;
  uint32_t i, j;
  if (t == NULL || addr == NULL || !family_ok(addr)) {
    return MIPFB_ERR_INVALID_ARG;
  }
  at = ha_find(t, addr->family, addr_num(addr), ha_addr_hash(t, addr->family, addr_num(addr)));
  if (at < 0) {
    return MIPFB_ERR_NOT_FOUND;
  }
  /* Backward shift: pull each later entry of the probe run into the hole
     when the hole lies between its home and its slot (cyclically). */
  i = (uint32_t)at;
  for (j = (i + 1) & t->mask; t->slots[j].pol != NULL; j = (j + 1) & t->mask) {
    uint32_t home = t->slots[j].hash & t->mask;
    if (((j - home) & t->mask) >= ((j - i) & t->mask)) {
      t->slots[i] = t->slots[j];
      i = j;
    }
  }
  memset(&t->slots[i], 0, sizeof t->slots[i]);
  t->count--;
  return 0;
}

mipfb_policy *mipfb_ha_table_lookup(const mipfb_ha_table *t, const mipfb_addr *addr) {
  long at;
  if (t == NULL || addr == NULL || !family_ok(addr)) {
    return NULL;
  }
  at = ha_find(t, addr->family, addr_num(addr), ha_addr_hash(t, addr->family, addr_num(addr)));
  return at < 0 ? NULL : t->slots[at].pol;
}

/* Find the node of kv (wire orientation), then classify kv in its policy. */
static int classify_kv(const mipfb_ha_table *t, policy_kv *kv, int dir, mipfb_policy_decision *out,
                       const mipfb_policy **pol_out) {
  policy_u128 a = dir == MIPFB_DIR_TO_MN ? kv->dst : kv->src;
  const mipfb_policy *pol;
  long at = ha_find(t, kv->fam, a, ha_addr_hash(t, kv->fam, a));
  if (at < 0) {
    return MIPFB_ERR_NOT_FOUND;
  }
  pol = t->slots[at].pol;
  if (pol_out != NULL) {
    *pol_out = pol;
  }
  mipfb_policy_classify_kv(pol, kv, dir, out);
  return 0;
}

int mipfb_ha_table_classify(const mipfb_ha_table *t, const mipfb_flow_key *key, int dir,
                            mipfb_policy_decision *out, const mipfb_policy **pol_out) {
  policy_kv kv;
  if (pol_out != NULL) {
    *pol_out = NULL;
  }
  if (t == NULL || key == NULL || out == NULL || (dir != MIPFB_DIR_TO_MN && dir != MIPFB_DIR_FROM_MN) ||
      (key->family != MIPFB_AF_INET4 && key->family != MIPFB_AF_INET6)) {
    return MIPFB_ERR_INVALID_ARG;
  }
  mipfb_policy_kv_of(&kv, key, MIPFB_DIR_TO_MN); /* wire orientation */
  return classify_kv(t, &kv, dir, out, pol_out);
}

int mipfb_ha_table_classify_packet(const mipfb_ha_table *t, const uint8_t *pkt, size_t len, int dir,
                                   mipfb_policy_decision *out, const mipfb_policy **pol_out) {
  policy_kv kv;
  int rc;
  if (pol_out != NULL) {
    *pol_out = NULL;
  }
  if (t == NULL || out == NULL || (dir != MIPFB_DIR_TO_MN && dir != MIPFB_DIR_FROM_MN)) {
    return MIPFB_ERR_INVALID_ARG;
  }
  if (pkt == NULL && len != 0) {
    return MIPFB_ERR_INVALID_ARG;
  }
  rc = mipfb_policy_parse(&kv, pkt, len);
  return rc != 0 ? rc : classify_kv(t, &kv, dir, out, pol_out);
}
