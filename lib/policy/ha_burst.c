/* HA-level table: classifying a burst of packets in steps, each step run
   over a group of packets and prefetching what the next step reads, so the
   cache misses of the group overlap (the node slots of a table of a
   million nodes miss every cache; so may the policies' bitmaps). */
#include "../core/inline.h"
#include "ha_table_int.h"
#include "policy_int.h"

/* How a packet's policy is looked up: no policy (error), a compact scan,
   the index with a short boundary array (probe_near) or a long one (lock
   step, probe_rows, probe_match). */
enum { WAY_NONE, WAY_SCAN, WAY_NEAR, WAY_FAR };

/* One packet of a group in flight. */
typedef struct burst_pkt {
  policy_kv kv; /* wire orientation until the node is found, then to-MN */
  policy_probe probe;
  const mipfb_policy *pol;
  uint32_t hash;
  int way; /* WAY_* */
} burst_pkt;

/* The node's address of a packet in wire orientation. */
static policy_u128 node_addr(const policy_kv *kv, int dir) { return dir == MIPFB_DIR_TO_MN ? kv->dst : kv->src; }

/* Steps 1 and 2: parse and hash, prefetching the node's home slot; then
   find the node, prefetching its policy header. */
static void find_nodes(const mipfb_ha_table *t, const uint8_t *const *pkts, const size_t *lens, size_t n, int dir,
                       burst_pkt *b, int *rcs) {
  size_t i;
  for (i = 0; i < n; i++) {
    rcs[i] = pkts[i] == NULL && lens[i] != 0 ? MIPFB_ERR_INVALID_ARG : mipfb_policy_parse(&b[i].kv, pkts[i], lens[i]);
    if (rcs[i] == 0) {
      b[i].hash = ha_addr_hash(t, b[i].kv.fam, node_addr(&b[i].kv, dir));
      MIPFB_PREFETCH(&t->slots[b[i].hash & t->mask]);
    }
  }
  for (i = 0; i < n; i++) {
    long at;
    b[i].pol = NULL;
    if (rcs[i] != 0) {
      continue;
    }
    at = ha_find(t, b[i].kv.fam, node_addr(&b[i].kv, dir), b[i].hash);
    if (at < 0) {
      rcs[i] = MIPFB_ERR_NOT_FOUND;
      continue;
    }
    b[i].pol = t->slots[at].pol;
    MIPFB_PREFETCH(b[i].pol);
    MIPFB_PREFETCH((const uint8_t *)b[i].pol + 64);
  }
}

/* Steps 3 to 6: orient the keys and start the policy lookups (index:
   prefetch the protocol row and port map entry, first search probe); for
   the policies with a long boundary array, the source-address searches
   level by level in lock step and the rows; the match and the decision. */
static void classify_group(size_t n, int dir, burst_pkt *b, mipfb_policy_decision *out) {
  size_t i;
  int more, far = 0;
  for (i = 0; i < n; i++) {
    const mipfb_policy *pol = b[i].pol;
    b[i].probe.n = 0; /* no search step unless a long boundary array starts one */
    b[i].way = pol == NULL ? WAY_NONE : policy_uses_index(pol) ? WAY_NEAR : WAY_SCAN;
    if (pol == NULL) {
      continue;
    }
    policy_kv_orient(&b[i].kv, dir);
    if (b[i].way == WAY_SCAN) {
      MIPFB_PREFETCH(pol->comp);
      continue;
    }
    policy_probe_start(pol, &b[i].kv, &b[i].probe);
    if (b[i].probe.m == 0) {
      b[i].way = WAY_FAR;
      far = 1;
    }
  }
  for (more = far; more;) { /* the source-address searches, level by level */
    more = 0;
    for (i = 0; i < n; i++) {
      if (b[i].probe.n > POLICY_SEARCH_TAIL) {
        more |= policy_probe_step(&b[i].probe, &b[i].kv);
      }
    }
  }
  for (i = 0; far && i < n; i++) {
    if (b[i].way == WAY_FAR) {
      mipfb_policy_probe_rows(b[i].pol, &b[i].kv, &b[i].probe);
    }
  }
  for (i = 0; i < n; i++) {
    const mipfb_policy *pol = b[i].pol;
    uint32_t s;
    switch (b[i].way) {
    case WAY_SCAN:
      s = mipfb_policy_scan(pol, &b[i].kv);
      break;
    case WAY_NEAR:
      s = mipfb_policy_probe_near(pol, &b[i].kv, &b[i].probe);
      break;
    case WAY_FAR:
      s = mipfb_policy_probe_match(pol, &b[i].kv, &b[i].probe);
      break;
    default:
      continue;
    }
    policy_decide_kv(pol, s, &b[i].kv, dir, &out[i]);
  }
}

int mipfb_ha_table_classify_burst(const mipfb_ha_table *t, const uint8_t *const *pkts, const size_t *lens, size_t n,
                                  int dir, mipfb_policy_decision *out, int *rcs, const mipfb_policy **pols_out) {
  burst_pkt b[MIPFB_HA_TABLE_BURST];
  size_t base, i;
  if (t == NULL || (dir != MIPFB_DIR_TO_MN && dir != MIPFB_DIR_FROM_MN) ||
      (n > 0 && (pkts == NULL || lens == NULL || out == NULL || rcs == NULL))) {
    return MIPFB_ERR_INVALID_ARG;
  }
  for (base = 0; base < n; base += MIPFB_HA_TABLE_BURST) {
    size_t g = n - base < MIPFB_HA_TABLE_BURST ? n - base : MIPFB_HA_TABLE_BURST;
    find_nodes(t, pkts + base, lens + base, g, dir, b, rcs + base);
    classify_group(g, dir, b, out + base);
    for (i = 0; pols_out != NULL && i < g; i++) {
      pols_out[base + i] = b[i].pol;
    }
  }
  return 0;
}

int mipfb_ha_table_lookup_burst(const mipfb_ha_table *t, const mipfb_addr *addrs, size_t n, mipfb_policy **pols) {
  uint32_t h[MIPFB_HA_TABLE_BURST];
  policy_u128 num[MIPFB_HA_TABLE_BURST];
  size_t base, i;
  if (t == NULL || (n > 0 && (addrs == NULL || pols == NULL))) {
    return MIPFB_ERR_INVALID_ARG;
  }
  for (base = 0; base < n; base += MIPFB_HA_TABLE_BURST) {
    size_t g = n - base < MIPFB_HA_TABLE_BURST ? n - base : MIPFB_HA_TABLE_BURST;
    const mipfb_addr *a = addrs + base;
    for (i = 0; i < g; i++) {
      if (a[i].family == MIPFB_AF_INET4 || a[i].family == MIPFB_AF_INET6) {
        num[i] = policy_u128_of(a[i].bytes, a[i].family == MIPFB_AF_INET4);
        h[i] = ha_addr_hash(t, a[i].family, num[i]);
        MIPFB_PREFETCH(&t->slots[h[i] & t->mask]);
      }
    }
    for (i = 0; i < g; i++) {
      long at = -1;
      if (a[i].family == MIPFB_AF_INET4 || a[i].family == MIPFB_AF_INET6) {
        at = ha_find(t, a[i].family, num[i], h[i]);
      }
      pols[base + i] = at < 0 ? NULL : t->slots[at].pol;
    }
  }
  return 0;
}
