/* Flow policy: matching a flow key against the rules and the default
   binding (RFC 7629 4.2 and 6, RFC 6089 5, wire.md 3 and errata E-7, E-19). */
#include <string.h>

#include "../core/hash.h"
#include "policy_int.h"

/* Address field: Start alone is an exact value, Start..End inclusive. */
static int addr_ok(unsigned f, unsigned sbit, unsigned ebit, const uint8_t *v, const uint8_t *s, const uint8_t *e,
                   size_t n) {
  if ((f & sbit) == 0) {
    return 1;
  }
  return memcmp(v, s, n) >= 0 && memcmp(v, (f & ebit) ? e : s, n) <= 0;
}

static int num_ok(unsigned f, unsigned sbit, unsigned ebit, uint32_t v, uint32_t s, uint32_t e) {
  return (f & sbit) == 0 || (v >= s && v <= ((f & ebit) ? e : s));
}

/* Whether key (in to-MN orientation) matches selector ts. */
static int ts_match(const mipfb_ts *ts, const mipfb_flow_key *k) {
  unsigned f = ts->fields;
  size_t n = ts->format == MIPFB_TS_FORMAT_IPV4 ? 4 : 16;
  if (k->family != (ts->format == MIPFB_TS_FORMAT_IPV4 ? MIPFB_AF_INET4 : MIPFB_AF_INET6)) {
    return 0;
  }
  if (((f & (MIPFB_TS_SPORT_START | MIPFB_TS_DPORT_START)) != 0 && (k->has & MIPFB_FLOW_PORTS) == 0) ||
      ((f & MIPFB_TS_SPI_START) != 0 && (k->has & MIPFB_FLOW_SPI) == 0)) {
    return 0;
  }
  return addr_ok(f, MIPFB_TS_SRC_START, MIPFB_TS_SRC_END, k->src, ts->src_start, ts->src_end, n) &&
         addr_ok(f, MIPFB_TS_DST_START, MIPFB_TS_DST_END, k->dst, ts->dst_start, ts->dst_end, n) &&
         num_ok(f, MIPFB_TS_SPI_START, MIPFB_TS_SPI_END, k->spi, ts->spi_start, ts->spi_end) &&
         num_ok(f, MIPFB_TS_FL_START, MIPFB_TS_FL_END, k->flow_label & 0xFFFFFu, ts->fl_start & 0xFFFFFu,
                ts->fl_end & 0xFFFFFu) &&
         num_ok(f, MIPFB_TS_SPORT_START, MIPFB_TS_SPORT_END, k->sport, ts->sport_start, ts->sport_end) &&
         num_ok(f, MIPFB_TS_DPORT_START, MIPFB_TS_DPORT_END, k->dport, ts->dport_start, ts->dport_end) &&
         num_ok(f, MIPFB_TS_DS_START, MIPFB_TS_DS_END, k->ds >> 2, ts->ds_start >> 2, ts->ds_end >> 2) &&
         num_ok(f, MIPFB_TS_PROTO_START, MIPFB_TS_PROTO_END, k->proto, ts->proto_start, ts->proto_end);
}

static int bid_valid(const mipfb_policy *pol, uint16_t bid) {
  const policy_binding *b = mipfb_policy_binding_find(pol, bid);
  return b != NULL && b->valid;
}

/* Apply a matching rule; 0 when it is inactive (no valid BID, E-19). */
static int apply_rule(const mipfb_policy *pol, const mipfb_policy_rule *r, mipfb_policy_decision *out) {
  unsigned i;
  if (r->action == MIPFB_ACTION_DROP) {
    out->kind = MIPFB_DECISION_DROP;
  } else {
    for (i = 0; i < r->n_bids; i++) {
      if (bid_valid(pol, r->bids[i])) {
        out->bids[out->n_bids++] = r->bids[i];
        if (r->action == MIPFB_ACTION_FORWARD) {
          break; /* RFC 7629 4.2: the first valid BID */
        }
      }
    }
    if (out->n_bids == 0) {
      return 0;
    }
    out->kind = r->action == MIPFB_ACTION_FORWARD ? MIPFB_DECISION_FORWARD : MIPFB_DECISION_NCAST;
    out->bid = r->action == MIPFB_ACTION_FORWARD ? out->bids[0] : 0;
  }
  out->rule_id = r->id;
  return 1;
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
  uint32_t i;
  if (pol == NULL || key == NULL || out == NULL || (dir != MIPFB_DIR_TO_MN && dir != MIPFB_DIR_FROM_MN)) {
    return MIPFB_ERR_INVALID_ARG;
  }
  k = *key;
  orient(&k, dir);
  memset(out, 0, sizeof *out);
  for (i = 0; i < pol->n_rules; i++) { /* linear scan; a faster index is future work */
    const mipfb_policy_rule *r = &pol->slots[pol->order[i]].rule;
    if (ts_match(&r->ts, &k) && apply_rule(pol, r, out)) {
      return 0;
    }
  }
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
