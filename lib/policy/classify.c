/* Flow policy: matching a flow key against the rules and the default
   binding (RFC 7629 4.2 and 6, RFC 6089 5, wire.md 3 and errata E-7, E-19). */
#include <string.h>

#include "../core/hash.h"
#include "../core/inline.h"
#include "policy_int.h"

/* Apply the active DROP or N-CAST rule in slot s (out zeroed): N-CAST
   from the rule's list. (FORWARD: policy_forward.) */
static void apply_rule(const mipfb_policy *pol, uint32_t s, mipfb_policy_decision *out) {
  const policy_comp *c = &pol->comp[s];
  const mipfb_policy_rule *r;
  unsigned i;
  out->rule_id = c->id;
  if (c->action == MIPFB_ACTION_DROP) {
    out->kind = MIPFB_DECISION_DROP;
    return;
  }
  r = &pol->slots[s].rule;
  for (i = 0; i < c->n_bids; i++) {
    if (c->bidx[i] != POLICY_NO_BINDING && pol->bindings[c->bidx[i]].valid) {
      out->bids[out->n_bids++] = r->bids[i];
    }
  }
  out->kind = MIPFB_DECISION_NCAST;
}

uint64_t mipfb_policy_flow_hash(const mipfb_flow_key *key, uint64_t seed) {
  uint8_t buf[1 + 16 + 16 + 1 + 4];
  size_t n = key->family == MIPFB_AF_INET4 ? 4 : 16, len = 0;
  uint16_t sp = (key->has & MIPFB_FLOW_PORTS) ? key->sport : 0;
  uint16_t dp = (key->has & MIPFB_FLOW_PORTS) ? key->dport : 0;
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
  return mipfb_fnv1a64(MIPFB_FNV64_OFFSET ^ seed, buf, len);
}

uint64_t mipfb_policy_hrw_score(uint64_t hash, uint16_t bid) {
  return mipfb_fmix64(hash ^ ((uint64_t)bid * 0x9e3779b97f4a7c15ull));
}

/* Whether binding a beats the current best b for this flow (scores of
   the rendezvous hash; ties to the lower BID). */
static int better(uint64_t h, const policy_binding *a, const policy_binding *b) {
  uint64_t sa = mipfb_policy_hrw_score(h, a->bid), sb = mipfb_policy_hrw_score(h, b->bid);
  return sa > sb || (sa == sb && a->bid < b->bid);
}

/* Forward over binding best, or no decision when NULL (no valid binding). */
static void default_to(const policy_binding *best, mipfb_policy_decision *out) {
  out->by_default = 1;
  if (best != NULL) {
    out->kind = MIPFB_DECISION_FORWARD;
    out->bid = best->bid;
    out->bids[0] = best->bid;
    out->n_bids = 1;
  }
}

/* MIPv4 default for unmatched traffic: rendezvous hashing (RFC 7629 6), so
   only the flows of a binding that goes away move. (MIPv6 takes the
   binding with the lowest BID-PRI, kept in pol->pref.) */
static void apply_default(const mipfb_policy *pol, const mipfb_flow_key *k, mipfb_policy_decision *out) {
  const policy_binding *best = NULL;
  uint64_t h = mipfb_policy_flow_hash(k, pol->seed);
  uint32_t i;
  for (i = 0; i < pol->n_bids; i++) {
    const policy_binding *b = &pol->bindings[i];
    if (b->valid && (best == NULL || better(h, b, best))) {
      best = b;
    }
  }
  default_to(best, out);
}

/* The key as a to-MN packet (see policy_kv). */
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

void mipfb_policy_kv_of(policy_kv *kv, const mipfb_flow_key *key, int dir) {
  int v4 = key->family == MIPFB_AF_INET4;
  kv->src = policy_u128_of(key->src, v4);
  kv->dst = policy_u128_of(key->dst, v4);
  kv->sp = key->sport;
  kv->dp = key->dport;
  kv->spi = key->spi;
  kv->fl = key->flow_label & 0xFFFFFu;
  kv->proto = key->proto;
  kv->tc = key->ds;
  kv->ds = (uint8_t)(key->ds >> 2);
  kv->fam = key->family;
  kv->has = key->has;
  policy_kv_orient(kv, dir);
}

/* The default decision, out of line: the flow key is copied to be
   oriented. */
static MIPFB_NOINLINE void decide_default(const mipfb_policy *pol, const mipfb_flow_key *key, int dir,
                                          mipfb_policy_decision *out) {
  mipfb_flow_key k = *key;
  orient(&k, dir);
  apply_default(pol, &k, out);
}

void mipfb_policy_decide(const mipfb_policy *pol, uint32_t s, const mipfb_flow_key *key, int dir,
                         mipfb_policy_decision *out) {
  if (policy_forwards(pol, s)) {
    policy_forward(&pol->comp[s], out);
    return;
  }
  memset(out, 0, sizeof *out);
  if (s != UINT32_MAX) {
    apply_rule(pol, s, out);
  } else if (pol->family == MIPFB_POLICY_MIP6) {
    default_to(pol->pref != 0 ? &pol->bindings[pol->pref - 1] : NULL, out);
  } else {
    decide_default(pol, key, dir, out);
  }
}

void mipfb_policy_decide_kv(const mipfb_policy *pol, uint32_t s, const policy_kv *kv, int dir,
                            mipfb_policy_decision *out) {
  mipfb_flow_key key;
  if (s == UINT32_MAX && pol->family == MIPFB_POLICY_MIP4) {
    mipfb_policy_key_of(&key, kv, dir); /* the MIPv4 default hashes the flow key */
    mipfb_policy_decide(pol, s, &key, dir, out);
    return;
  }
  mipfb_policy_decide(pol, s, NULL, dir, out);
}

int mipfb_policy_classify(const mipfb_policy *pol, const mipfb_flow_key *key, int dir, mipfb_policy_decision *out) {
  policy_kv kv;
  if (pol == NULL || key == NULL || out == NULL || (dir != MIPFB_DIR_TO_MN && dir != MIPFB_DIR_FROM_MN)) {
    return MIPFB_ERR_INVALID_ARG;
  }
  mipfb_policy_kv_of(&kv, key, dir);
  mipfb_policy_decide(pol, mipfb_policy_match(pol, &kv), key, dir, out);
  return 0;
}

void mipfb_policy_classify_kv(const mipfb_policy *pol, policy_kv *kv, int dir, mipfb_policy_decision *out) {
  policy_kv_orient(kv, dir);
  policy_decide_kv(pol, mipfb_policy_match(pol, kv), kv, dir, out);
}

int mipfb_policy_classify_packet(const mipfb_policy *pol, const uint8_t *pkt, size_t len, int dir,
                                 mipfb_policy_decision *out) {
  policy_kv kv;
  int rc;
  if (pol == NULL || out == NULL || (dir != MIPFB_DIR_TO_MN && dir != MIPFB_DIR_FROM_MN) ||
      (pkt == NULL && len != 0)) {
    return MIPFB_ERR_INVALID_ARG;
  }
  rc = mipfb_policy_parse(&kv, pkt, len);
  if (rc == 0) {
    mipfb_policy_classify_kv(pol, &kv, dir, out);
  }
  return rc;
}
