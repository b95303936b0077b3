/* Flow policy: matching a flow key against the rules and the default
   binding (RFC 7629 4.2 and 6, RFC 6089 5, wire.md 3 and errata E-7, E-19). */
#include <string.h>

#include "../core/hash.h"
#include "policy_int.h"

/* The key in the compact form's terms (to-MN orientation). */
typedef struct policy_kv {
  policy_u128 src, dst;
  uint32_t spi, fl;
  uint16_t sp, dp;
  uint8_t proto, ds, fam, has;
} policy_kv;

static int u128_in(policy_u128 v, policy_u128 lo, policy_u128 hi) {
  return (v.hi > lo.hi || (v.hi == lo.hi && v.lo >= lo.lo)) && (v.hi < hi.hi || (v.hi == hi.hi && v.lo <= hi.lo));
}

/* Whether kv matches compact rule c: cheap one-word fields first. */
static inline int comp_match(const policy_comp *c, const policy_kv *kv) {
  return kv->fam == c->fam && (kv->has & c->need) == c->need && kv->proto >= c->pr_lo && kv->proto <= c->pr_hi &&
         kv->dp >= c->dp_lo && kv->dp <= c->dp_hi && kv->sp >= c->sp_lo && kv->sp <= c->sp_hi &&
         u128_in(kv->src, c->src_lo, c->src_hi) && u128_in(kv->dst, c->dst_lo, c->dst_hi) && kv->ds >= c->ds_lo &&
         kv->ds <= c->ds_hi && kv->spi >= c->spi_lo && kv->spi <= c->spi_hi && kv->fl >= c->fl_lo &&
         kv->fl <= c->fl_hi;
}

/* Apply the active rule in slot s. */
static void apply_rule(const mipfb_policy *pol, uint32_t s, mipfb_policy_decision *out) {
  const mipfb_policy_rule *r = &pol->slots[s].rule;
  const policy_comp *c = &pol->comp[s];
  unsigned i;
  out->rule_id = r->id;
  if (r->action == MIPFB_ACTION_DROP) {
    out->kind = MIPFB_DECISION_DROP;
    return;
  }
  for (i = 0; i < c->n_bids; i++) {
    if (c->bidx[i] != POLICY_NO_BINDING && pol->bindings[c->bidx[i]].valid) {
      out->bids[out->n_bids++] = r->bids[i];
      if (r->action == MIPFB_ACTION_FORWARD) {
        break; /* RFC 7629 4.2: the first valid BID */
      }
    }
  }
  out->kind = r->action == MIPFB_ACTION_FORWARD ? MIPFB_DECISION_FORWARD : MIPFB_DECISION_NCAST;
  out->bid = r->action == MIPFB_ACTION_FORWARD ? out->bids[0] : 0;
}

/* Lowest set bit of a non-zero word. */
static unsigned lowest_bit(uint64_t x) {
#if defined(__GNUC__) || defined(__clang__)
  return (unsigned)__builtin_ctzll(x);
#else
  unsigned n = 0;
  while ((x & 1u) == 0) {
    x >>= 1;
    n++;
  }
  return n;
#endif
}

static const uint64_t *dim_row(const policy_dim *d, size_t stride, policy_u128 v) {
  uint32_t lo = 0, n = d->m;
  while (n > 1) {
    uint32_t half = n / 2;
    const policy_u128 *b = &d->b[lo + half].v;
    lo = (v.hi < b->hi || (v.hi == b->hi && v.lo < b->lo)) ? lo : lo + half;
    n -= half;
  }
  return &d->rows[(size_t)d->b[lo].row * stride];
}

/* The matching active rule with the lowest sort key, or UINT32_MAX: the
   AND of the candidate bitmaps, each candidate checked in full. */
static uint32_t index_match(const mipfb_policy *pol, const policy_kv *kv) {
  size_t st = (size_t)pol->words + 1;
  uint32_t best = UINT32_MAX, best_key = UINT32_MAX;
  const uint64_t *a = pol->active, *p = &pol->proto_rows[(size_t)kv->proto * st], *r0, *r1;
  uint64_t sum;
  r0 = dim_row(&pol->dim[0], st, kv->src);
  r1 = &pol->dim[1].rows[(size_t)pol->dim[1].map[kv->dp] * st];
  sum = a[0] & p[0] & r0[0] & r1[0]; /* words non-zero in every row */
  while (sum != 0) {
    uint32_t i = lowest_bit(sum);
    uint64_t x = a[1 + i] & p[1 + i] & r0[1 + i] & r1[1 + i];
    sum &= sum - 1;
    while (x != 0) {
      uint32_t s = i * 64u + lowest_bit(x);
      const policy_comp *c = &pol->comp[s];
      x &= x - 1;
      if (c->key < best_key && comp_match(c, kv)) {
        best = s;
        best_key = c->key;
      }
    }
  }
  return best;
}

uint64_t mipfb_policy_flow_hash(const mipfb_flow_key *key, uint64_t seed) {
  uint8_t buf[1 + 16 + 16 + 1 + 4];
  size_t n = key->family == MIPFB_AF_INET4 ? 4 : 16, len = 0, i;
  uint16_t sp = (key->has & MIPFB_FLOW_PORTS) ? key->sport : 0;
  uint16_t dp = (key->has & MIPFB_FLOW_PORTS) ? key->dport : 0;
  uint64_t h = 0xcbf29ce484222325ull ^ seed;
  buf[len++] = key->family;
  memcpy(buf + len, key->src, n);
  len += n;
  memcpy(buf + len, key->dst, n);
  len += n;
  buf[len++] = key->proto;
  buf[len++] = (uint8_t)(sp >> 8);
  buf[len++] = (uint8_t)sp;
  buf[len++] = (uint8_t)(dp >> 8);
  buf[len++] = (uint8_t)dp;
  for (i = 0; i < len; i++) {
    h = (h ^ buf[i]) * 0x100000001b3ull;
  }
  return h;
}

uint64_t mipfb_policy_hrw_score(uint64_t hash, uint16_t bid) {
  return mipfb_fmix64(hash ^ ((uint64_t)bid * 0x9e3779b97f4a7c15ull));
}

/* Whether binding a beats the current best b for this flow. */
static int better(const mipfb_policy *pol, uint64_t h, const policy_binding *a, const policy_binding *b) {
  uint64_t sa, sb;
  if (pol->family == MIPFB_POLICY_MIP6) {
    return a->pri < b->pri || (a->pri == b->pri && a->bid < b->bid);
  }
  sa = mipfb_policy_hrw_score(h, a->bid);
  sb = mipfb_policy_hrw_score(h, b->bid);
  return sa > sb || (sa == sb && a->bid < b->bid);
}

/* Default for unmatched traffic: MIPv6 lowest BID-PRI, MIPv4 rendezvous
   hashing (RFC 7629 6), so only the flows of a binding that goes away move. */
static void apply_default(const mipfb_policy *pol, const mipfb_flow_key *k, mipfb_policy_decision *out) {
  const policy_binding *best = NULL;
  uint64_t h = pol->family == MIPFB_POLICY_MIP4 ? mipfb_policy_flow_hash(k, pol->seed) : 0;
  uint32_t i;
  for (i = 0; i < pol->n_bids; i++) {
    const policy_binding *b = &pol->bindings[i];
    if (b->valid && (best == NULL || better(pol, h, b, best))) {
      best = b;
    }
  }
  out->by_default = 1;
  if (best != NULL) {
    out->kind = MIPFB_DECISION_FORWARD;
    out->bid = best->bid;
    out->bids[0] = best->bid;
    out->n_bids = 1;
  }
}

/* The key as a to-MN packet: FROM_MN packets have their ends swapped, which
   is the same as mirroring every selector. */
static void orient(mipfb_flow_key *k, int dir) {
  uint8_t t[16];
  uint16_t p;
  if (dir != MIPFB_DIR_FROM_MN) {
    return;
  }
  memcpy(t, k->src, 16);
  memcpy(k->src, k->dst, 16);
  memcpy(k->dst, t, 16);
  p = k->sport;
  k->sport = k->dport;
  k->dport = p;
}

int mipfb_policy_classify(const mipfb_policy *pol, const mipfb_flow_key *key, int dir, mipfb_policy_decision *out) {
  mipfb_flow_key k;
  policy_kv kv;
  uint32_t i, s = UINT32_MAX;
  int v4, from = dir == MIPFB_DIR_FROM_MN;
  if (pol == NULL || key == NULL || out == NULL || (dir != MIPFB_DIR_TO_MN && dir != MIPFB_DIR_FROM_MN)) {
    return MIPFB_ERR_INVALID_ARG;
  }
  memset(out, 0, sizeof *out);
  v4 = key->family == MIPFB_AF_INET4;
  kv.src = policy_u128_of(from ? key->dst : key->src, v4); /* to-MN orientation */
  kv.dst = policy_u128_of(from ? key->src : key->dst, v4);
  kv.sp = from ? key->dport : key->sport;
  kv.dp = from ? key->sport : key->dport;
  kv.spi = key->spi;
  kv.fl = key->flow_label & 0xFFFFFu;
  kv.proto = key->proto;
  kv.ds = (uint8_t)(key->ds >> 2);
  kv.fam = key->family;
  kv.has = key->has;
  if (pol->words != 0 && pol->n_rules >= POLICY_INDEX_MIN_RULES) {
    s = index_match(pol, &kv);
  } else {
    for (i = 0; i < pol->n_rules; i++) { /* compact first-match scan */
      const policy_comp *c = &pol->comp[pol->order[i]];
      if (c->active && comp_match(c, &kv)) {
        s = pol->order[i];
        break;
      }
    }
  }
  if (s != UINT32_MAX) {
    apply_rule(pol, s, out);
    return 0;
  }
  k = *key;
  orient(&k, dir);
  apply_default(pol, &k, out);
  return 0;
}

int mipfb_policy_classify_packet(const mipfb_policy *pol, const uint8_t *pkt, size_t len, int dir,
                                 mipfb_policy_decision *out) {
  mipfb_flow_key k;
  int rc;
  if (pol == NULL || out == NULL || (dir != MIPFB_DIR_TO_MN && dir != MIPFB_DIR_FROM_MN)) {
    return MIPFB_ERR_INVALID_ARG;
  }
  rc = mipfb_flow_parse(&k, pkt, len);
  return rc != 0 ? rc : mipfb_policy_classify(pol, &k, dir, out);
}
