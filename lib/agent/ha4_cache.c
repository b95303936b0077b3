/* MIPv4 home agent: the pools of nodes, bindings and rules shared by all
   nodes (free lists), the home-address hash and the NAI hash (chained
   over the node pool, seeded at init), the idle-node list. */
#include "ha4_int.h"

#include <string.h>

#include "../core/hash.h"

static uint32_t hoa_bucket(const mipfb_ha4 *ha, uint32_t hoa) {
  return (uint32_t)(mipfb_fmix64(ha->seed ^ hoa) & ha->hmask);
}

static uint32_t nai_bucket(const mipfb_ha4 *ha, const uint8_t *nai, size_t len) {
  return (uint32_t)(mipfb_fmix64(mipfb_fnv1a64(MIPFB_FNV64_OFFSET ^ ha->seed, nai, len)) & ha->hmask);
}

void ha4_cache_reset(mipfb_ha4 *ha) {
  uint32_t i;
  uint32_t nb = ha->hmask + 1u;
  for (i = 0; i < nb; i++) {
    ha->buckets[i] = HA4_NONE;
  }
  if (ha->nai_buckets != NULL) {
    for (i = 0; i < nb; i++) {
      ha->nai_buckets[i] = HA4_NONE;
    }
  }
  for (i = 0; i < ha->cfg.max_nodes; i++) {
    memset(&ha->nodes[i], 0, sizeof ha->nodes[i]);
    ha->nodes[i].idle_next = i + 1u < ha->cfg.max_nodes ? i + 1u : HA4_NONE;
  }
  for (i = 0; i < ha->cfg.max_bindings; i++) {
    memset(&ha->binds[i], 0, sizeof ha->binds[i]);
    ha->binds[i].next = i + 1u < ha->cfg.max_bindings ? i + 1u : HA4_NONE;
  }
  for (i = 0; i < ha->cfg.max_rules; i++) {
    ha4_rule *r = ha4_rule_at(ha, i);
    memset(r, 0, ha->rule_stride);
    r->next = i + 1u < ha->cfg.max_rules ? i + 1u : HA4_NONE;
  }
  ha->node_free = ha->cfg.max_nodes != 0 ? 0 : HA4_NONE;
  ha->bind_free = ha->cfg.max_bindings != 0 ? 0 : HA4_NONE;
  ha->rule_free = ha->cfg.max_rules != 0 ? 0 : HA4_NONE;
  ha->n_nodes = ha->n_binds = ha->n_rules = 0;
  ha->idle_head = ha->idle_tail = HA4_NONE;
}

uint32_t ha4_node_find_idx(const mipfb_ha4 *ha, uint32_t hoa) {
  uint32_t i = ha->buckets[hoa_bucket(ha, hoa)];
  while (i != HA4_NONE && ha->nodes[i].hoa != hoa) {
    i = ha->nodes[i].hnext;
  }
  return i;
}

#if defined(__GNUC__) || defined(__clang__)
#define HA4_PREFETCH(p) __builtin_prefetch(p)
#else
#define HA4_PREFETCH(p) ((void)(p))
#endif

void ha4_prefetch(const mipfb_ha4 *ha, uint32_t hoa, int stage) {
  const uint32_t *bucket = &ha->buckets[hoa_bucket(ha, hoa)];
  uint32_t i;
  if (stage == 0) {
    HA4_PREFETCH(bucket);
    return;
  }
  i = *bucket;
  if (i == HA4_NONE) {
    return;
  }
  if (stage == 1) {
    HA4_PREFETCH(&ha->nodes[i]);
  } else if (ha->nodes[i].hoa == hoa && ha->nodes[i].bind != HA4_NONE) {
    HA4_PREFETCH(&ha->binds[ha->nodes[i].bind]);
  }
}

ha4_node *ha4_node_find(const mipfb_ha4 *ha, uint32_t hoa) {
  uint32_t i = ha4_node_find_idx(ha, hoa);
  return i == HA4_NONE ? NULL : &ha->nodes[i];
}

uint32_t ha4_node_find_nai(const mipfb_ha4 *ha, const uint8_t *nai, size_t len) {
  uint32_t i;
  size_t stride = 1u + (size_t)ha->cfg.max_nai_len;
  if (ha->nai_buckets == NULL || len == 0 || len > ha->cfg.max_nai_len) {
    return HA4_NONE;
  }
  i = ha->nai_buckets[nai_bucket(ha, nai, len)];
  while (i != HA4_NONE) {
    const uint8_t *s = ha->nai + (size_t)i * stride;
    if (s[0] == len && memcmp(s + 1, nai, len) == 0) {
      return i;
    }
    i = ha->nai_next[i];
  }
  return HA4_NONE;
}

uint32_t ha4_node_alloc(mipfb_ha4 *ha, uint32_t hoa) {
  uint32_t i = ha->node_free;
  uint32_t b;
  ha4_node *n;
  if (i == HA4_NONE) {
    return HA4_NONE;
  }
  n = &ha->nodes[i];
  ha->node_free = n->idle_next;
  memset(n, 0, sizeof *n);
  n->hoa = hoa;
  n->bind = n->rule = HA4_NONE;
  n->idle_prev = n->idle_next = HA4_NONE;
  n->flags = HA4_NODE_USED;
  b = hoa_bucket(ha, hoa);
  n->hnext = ha->buckets[b];
  ha->buckets[b] = i;
  ha->n_nodes++;
  return i;
}

static void nai_unlink(mipfb_ha4 *ha, uint32_t idx) {
  size_t stride = 1u + (size_t)ha->cfg.max_nai_len;
  const uint8_t *s = ha->nai + (size_t)idx * stride;
  uint32_t *p = &ha->nai_buckets[nai_bucket(ha, s + 1, s[0])];
  while (*p != HA4_NONE && *p != idx) {
    p = &ha->nai_next[*p];
  }
  if (*p == idx) {
    *p = ha->nai_next[idx];
  }
}

void ha4_node_release(mipfb_ha4 *ha, uint32_t idx) {
  ha4_node *n = &ha->nodes[idx];
  uint32_t *p = &ha->buckets[hoa_bucket(ha, n->hoa)];
  while (*p != idx) {
    p = &ha->nodes[*p].hnext;
  }
  *p = n->hnext;
  if ((n->flags & HA4_NODE_NAI) != 0) {
    nai_unlink(ha, idx);
  }
  if ((n->flags & HA4_NODE_IDLE) != 0) {
    ha4_idle_remove(ha, idx);
  }
  memset(n, 0, sizeof *n);
  n->idle_next = ha->node_free;
  ha->node_free = idx;
  ha->n_nodes--;
}

void ha4_node_set_nai(mipfb_ha4 *ha, uint32_t idx, const uint8_t *nai, size_t len) {
  size_t stride = 1u + (size_t)ha->cfg.max_nai_len;
  uint8_t *s;
  uint32_t b;
  ha4_node *n = &ha->nodes[idx];
  if (ha->nai_buckets == NULL || len == 0 || len > ha->cfg.max_nai_len || (n->flags & HA4_NODE_NAI) != 0 ||
      ha4_node_find_nai(ha, nai, len) != HA4_NONE) {
    return;
  }
  s = ha->nai + (size_t)idx * stride;
  s[0] = (uint8_t)len;
  memcpy(s + 1, nai, len);
  b = nai_bucket(ha, nai, len);
  ha->nai_next[idx] = ha->nai_buckets[b];
  ha->nai_buckets[b] = idx;
  n->flags |= HA4_NODE_NAI;
}

void ha4_idle_add(mipfb_ha4 *ha, uint32_t idx, uint64_t until) {
  ha4_node *n = &ha->nodes[idx];
  n->flags |= HA4_NODE_IDLE;
  n->idle_until = until;
  n->idle_next = HA4_NONE;
  n->idle_prev = ha->idle_tail;
  if (ha->idle_tail != HA4_NONE) {
    ha->nodes[ha->idle_tail].idle_next = idx;
  } else {
    ha->idle_head = idx;
  }
  ha->idle_tail = idx;
}

void ha4_idle_remove(mipfb_ha4 *ha, uint32_t idx) {
  ha4_node *n = &ha->nodes[idx];
  if (n->idle_prev != HA4_NONE) {
    ha->nodes[n->idle_prev].idle_next = n->idle_next;
  } else {
    ha->idle_head = n->idle_next;
  }
  if (n->idle_next != HA4_NONE) {
    ha->nodes[n->idle_next].idle_prev = n->idle_prev;
  } else {
    ha->idle_tail = n->idle_prev;
  }
  n->idle_prev = n->idle_next = HA4_NONE;
  n->idle_until = 0;
  n->flags = (uint8_t)(n->flags & ~HA4_NODE_IDLE);
}

uint32_t ha4_bind_alloc(mipfb_ha4 *ha) {
  uint32_t i = ha->bind_free;
  if (i != HA4_NONE) {
    ha->bind_free = ha->binds[i].next;
    memset(&ha->binds[i], 0, sizeof ha->binds[i]);
    ha->binds[i].next = ha->binds[i].wprev = ha->binds[i].wnext = HA4_NONE;
    ha->n_binds++;
  }
  return i;
}

void ha4_bind_release(mipfb_ha4 *ha, uint32_t idx) {
  memset(&ha->binds[idx], 0, sizeof ha->binds[idx]);
  ha->binds[idx].next = ha->bind_free;
  ha->bind_free = idx;
  ha->n_binds--;
}

uint32_t ha4_rule_alloc(mipfb_ha4 *ha) {
  uint32_t i = ha->rule_free;
  if (i != HA4_NONE) {
    ha4_rule *r = ha4_rule_at(ha, i);
    ha->rule_free = r->next;
    r->next = HA4_NONE;
    ha->n_rules++;
  }
  return i;
}

void ha4_rule_release(mipfb_ha4 *ha, uint32_t idx) {
  ha4_rule *r = ha4_rule_at(ha, idx);
  memset(r, 0, ha->rule_stride);
  r->next = ha->rule_free;
  ha->rule_free = idx;
  ha->n_rules--;
}

size_t ha4_rule_bytes(const ha4_rule *r) { return sizeof(ha4_rule) - offsetof(ha4_rule, action) + r->ts_len; }
