/* Flow policy: memory layout, init and binding validity. */
#include <string.h>

#include "policy_int.h"

#define MAX_RULES 65535u
#define MAX_BIDS 1024u

static size_t round_up(size_t n) { return (n + (MIPFB_POLICY_ALIGN - 1)) & ~(size_t)(MIPFB_POLICY_ALIGN - 1); }

/* Offsets of the arrays after the header; the last is the total size. */
typedef struct layout {
  size_t slots, order, ids, bindings, comp, index, total;
  uint32_t words;
} layout;

static layout layout_of(size_t max_rules, size_t max_bids) {
  layout l;
  l.slots = round_up(sizeof(struct mipfb_policy));
  l.order = l.slots + round_up(max_rules * sizeof(policy_slot));
  l.ids = l.order + round_up(max_rules * sizeof(uint32_t));
  l.bindings = l.ids + round_up(max_rules * sizeof(uint32_t));
  l.comp = l.bindings + round_up(max_bids * sizeof(policy_binding));
  l.index = l.comp + round_up(max_rules * sizeof(policy_comp));
  l.total = l.index + round_up(mipfb_policy_index_size(max_rules, &l.words));
  return l;
}

static int caps_ok(size_t max_rules, size_t max_bids) {
  return max_rules >= 1 && max_rules <= MAX_RULES && max_bids >= 1 && max_bids <= MAX_BIDS;
}

size_t mipfb_policy_mem_size(size_t max_rules, size_t max_bids) {
  return caps_ok(max_rules, max_bids) ? layout_of(max_rules, max_bids).total : 0;
}

int mipfb_policy_init(mipfb_policy **out, void *mem, size_t mem_len, int family, size_t max_rules,
                      size_t max_bids, uint64_t seed) {
  layout l;
  mipfb_policy *pol;
  uint8_t *base = mem;
  if (out == NULL || mem == NULL || (uintptr_t)mem % MIPFB_POLICY_ALIGN != 0 ||
      (family != MIPFB_POLICY_MIP4 && family != MIPFB_POLICY_MIP6) || !caps_ok(max_rules, max_bids)) {
    return MIPFB_ERR_INVALID_ARG;
  }
  l = layout_of(max_rules, max_bids);
  if (mem_len < l.total) {
    return MIPFB_ERR_NOBUF;
  }
  memset(mem, 0, l.total);
  pol = mem;
  pol->family = family;
  pol->seed = seed;
  pol->max_rules = (uint32_t)max_rules;
  pol->max_bids = (uint32_t)max_bids;
  pol->slots = (policy_slot *)(void *)(base + l.slots);
  pol->order = (uint32_t *)(void *)(base + l.order);
  pol->ids = (uint32_t *)(void *)(base + l.ids);
  pol->bindings = (policy_binding *)(void *)(base + l.bindings);
  pol->comp = (policy_comp *)(void *)(base + l.comp);
  pol->words = l.words;
  if (l.words != 0) {
    mipfb_policy_index_init(pol, base + l.index);
  }
  *out = pol;
  return 0;
}

size_t mipfb_policy_rule_count(const mipfb_policy *pol) { return pol->n_rules; }

/* Index of the tracked binding with this BID, or n_bids. */
static uint32_t binding_index(const mipfb_policy *pol, uint16_t bid) {
  uint32_t i;
  for (i = 0; i < pol->n_bids && pol->bindings[i].bid != bid; i++) {
  }
  return i;
}

const policy_binding *mipfb_policy_binding_find(const mipfb_policy *pol, uint16_t bid) {
  uint32_t i = binding_index(pol, bid);
  return i < pol->n_bids ? &pol->bindings[i] : NULL;
}

/* Recompute the MIPv6 default binding (RFC 6089 5: the lowest BID-PRI;
   ties to the lower BID), kept so that unmatched packets need no scan. */
static void pref_update(mipfb_policy *pol) {
  uint32_t i, best = 0;
  for (i = 0; i < pol->n_bids; i++) {
    const policy_binding *b = &pol->bindings[i], *p = best != 0 ? &pol->bindings[best - 1] : NULL;
    if (b->valid && (p == NULL || b->pri < p->pri || (b->pri == p->pri && b->bid < p->bid))) {
      best = i + 1;
    }
  }
  pol->pref = best;
}

int mipfb_policy_set_binding(mipfb_policy *pol, uint16_t bid, int valid, uint8_t bid_pri) {
  policy_binding *b;
  uint32_t i, k;
  int is_new;
  if (pol == NULL || bid == 0) {
    return MIPFB_ERR_INVALID_ARG;
  }
  i = binding_index(pol, bid);
  if (i == pol->n_bids) {
    if (pol->n_bids == pol->max_bids) {
      return MIPFB_ERR_TABLE_FULL;
    }
    pol->n_bids++;
  }
  is_new = pol->bindings[i].bid != bid;
  b = &pol->bindings[i];
  b->bid = bid;
  b->valid = valid != 0;
  b->pri = bid_pri;
  /* Only the rules listing this BID change: their binding index (a new
     binding) and whether they are active (errata E-19). */
  for (k = 0; k < pol->n_rules; k++) {
    uint32_t s = pol->order[k], j;
    const mipfb_policy_rule *r = &pol->slots[s].rule;
    policy_comp *c = &pol->comp[s];
    for (j = 0; j < c->n_bids && r->bids[j] != bid; j++) {
    }
    if (j < c->n_bids) {
      if (is_new) {
        c->bidx[j] = (uint16_t)i;
      }
      mipfb_policy_comp_activate(pol, s);
    }
  }
  pref_update(pol);
  return 0;
}
