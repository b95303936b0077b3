/* The reference matcher of the flow policy engine: a plain linear
   first-match over the RFC semantics (RFC 6088 3 ranges, RFC 7629 4.2
   actions and 6 default, RFC 6089 5 priorities, errata E-7 and E-19),
   written independently of lib/policy/. Shared by tests/policy_test.c
   (the differential test) and fuzz/fuzz_policy_diff.c. */
#include <string.h>

#include "policy_ref.h"

static void put16(uint8_t *b, unsigned v) {
  b[0] = (uint8_t)(v >> 8);
  b[1] = (uint8_t)v;
}


static int ref_valid(const policy_ref *R, uint16_t bid) {
  size_t i;
  for (i = 0; i < R->nb; i++) {
    if (R->bid[i] == bid) {
      return R->valid[i];
    }
  }
  return 0;
}

/* Range test where a missing End means End = Start (RFC 6088 3). */
static int rng(unsigned f, unsigned s, unsigned e, uint32_t v, uint32_t lo, uint32_t hi) {
  if (!(f & s)) {
    return 1;
  }
  if (!(f & e)) {
    hi = lo;
  }
  return lo <= v && v <= hi;
}

static int arng(unsigned f, unsigned s, unsigned e, const uint8_t *v, const uint8_t *lo, const uint8_t *hi, size_t n) {
  size_t i;
  int ge = 1, le = 1, done_lo = 0, done_hi = 0;
  if (!(f & s)) {
    return 1;
  }
  if (!(f & e)) {
    hi = lo;
  }
  for (i = 0; i < n; i++) { /* byte-wise lexicographic, written out */
    if (!done_lo && v[i] != lo[i]) {
      ge = v[i] > lo[i];
      done_lo = 1;
    }
    if (!done_hi && v[i] != hi[i]) {
      le = v[i] < hi[i];
      done_hi = 1;
    }
  }
  return ge && le;
}

/* The selector as the node sees it for its own packets: ends swapped. */
static mipfb_ts mirror(const mipfb_ts *t) {
  mipfb_ts m = *t;
  unsigned f = t->fields, g = f & ~(unsigned)(MIPFB_TS_SRC_START | MIPFB_TS_SRC_END | MIPFB_TS_DST_START |
                                              MIPFB_TS_DST_END | MIPFB_TS_SPORT_START | MIPFB_TS_SPORT_END |
                                              MIPFB_TS_DPORT_START | MIPFB_TS_DPORT_END);
  memcpy(m.src_start, t->dst_start, 16);
  memcpy(m.src_end, t->dst_end, 16);
  memcpy(m.dst_start, t->src_start, 16);
  memcpy(m.dst_end, t->src_end, 16);
  m.sport_start = t->dport_start;
  m.sport_end = t->dport_end;
  m.dport_start = t->sport_start;
  m.dport_end = t->sport_end;
  g |= (f & (MIPFB_TS_SRC_START | MIPFB_TS_SRC_END | MIPFB_TS_SPORT_START | MIPFB_TS_SPORT_END)) >> 2;
  g |= (f & (MIPFB_TS_DST_START | MIPFB_TS_DST_END | MIPFB_TS_DPORT_START | MIPFB_TS_DPORT_END)) << 2;
  m.fields = (uint16_t)g;
  return m;
}

static int ref_match(const mipfb_ts *t, const mipfb_flow_key *k) {
  unsigned f = t->fields;
  size_t n = k->family == MIPFB_AF_INET4 ? 4 : 16;
  if ((t->format == MIPFB_TS_FORMAT_IPV4) != (k->family == MIPFB_AF_INET4)) {
    return 0;
  }
  if ((f & (MIPFB_TS_SPORT_START | MIPFB_TS_DPORT_START)) && !(k->has & MIPFB_FLOW_PORTS)) {
    return 0;
  }
  if ((f & MIPFB_TS_SPI_START) && !(k->has & MIPFB_FLOW_SPI)) {
    return 0;
  }
  return arng(f, MIPFB_TS_SRC_START, MIPFB_TS_SRC_END, k->src, t->src_start, t->src_end, n) &&
         arng(f, MIPFB_TS_DST_START, MIPFB_TS_DST_END, k->dst, t->dst_start, t->dst_end, n) &&
         rng(f, MIPFB_TS_SPI_START, MIPFB_TS_SPI_END, k->spi, t->spi_start, t->spi_end) &&
         rng(f, MIPFB_TS_FL_START, MIPFB_TS_FL_END, k->flow_label, t->fl_start, t->fl_end) &&
         rng(f, MIPFB_TS_SPORT_START, MIPFB_TS_SPORT_END, k->sport, t->sport_start, t->sport_end) &&
         rng(f, MIPFB_TS_DPORT_START, MIPFB_TS_DPORT_END, k->dport, t->dport_start, t->dport_end) &&
         rng(f, MIPFB_TS_DS_START, MIPFB_TS_DS_END, k->ds / 4u, t->ds_start / 4u, t->ds_end / 4u) &&
         rng(f, MIPFB_TS_PROTO_START, MIPFB_TS_PROTO_END, k->proto, t->proto_start, t->proto_end);
}

/* The documented MIPv4 default hash (policy.h), written out again. */
static uint64_t ref_hrw(const mipfb_flow_key *k, uint64_t seed, uint16_t bid) {
  uint8_t b[40];
  size_t n = 0, a = k->family == MIPFB_AF_INET4 ? 4 : 16, i;
  uint64_t h = 14695981039346656037ull ^ seed, x;
  b[n++] = k->family;
  for (i = 0; i < a; i++) {
    b[n++] = k->src[i];
  }
  for (i = 0; i < a; i++) {
    b[n++] = k->dst[i];
  }
  b[n++] = k->proto;
  put16(b + n, (k->has & MIPFB_FLOW_PORTS) ? k->sport : 0u); /* policy.h: 0 without ports */
  put16(b + n + 2, (k->has & MIPFB_FLOW_PORTS) ? k->dport : 0u);
  n += 4;
  for (i = 0; i < n; i++) {
    h ^= b[i];
    h *= 1099511628211ull;
  }
  x = h ^ (uint64_t)bid * 11400714819323198485ull;
  x = (x ^ x >> 33) * 0xff51afd7ed558ccdull;
  x = (x ^ x >> 33) * 0xc4ceb9fe1a85ec53ull;
  return x ^ x >> 33;
}

void policy_ref_classify(const policy_ref *R, const mipfb_flow_key *wire, int dir, mipfb_policy_decision *d) {
  mipfb_flow_key k = *wire; /* to-MN orientation, only for the hash */
  size_t i, j, best = POLICY_REF_MAX_BIDS;
  uint64_t bs = 0;
  memset(d, 0, sizeof *d);
  for (i = 0; i < R->n; i++) { /* R->rules is kept sorted by key */
    const mipfb_policy_rule *r = &R->rules[i].r;
    mipfb_ts t = dir == MIPFB_DIR_FROM_MN ? mirror(&r->ts) : r->ts;
    if (!ref_match(&t, wire)) {
      continue;
    }
    if (r->action == MIPFB_ACTION_DROP) {
      d->kind = MIPFB_DECISION_DROP;
      d->rule_id = r->id;
      return;
    }
    for (j = 0; j < r->n_bids; j++) {
      if (ref_valid(R, r->bids[j])) {
        d->bids[d->n_bids++] = r->bids[j];
        if (r->action == MIPFB_ACTION_FORWARD) {
          break;
        }
      }
    }
    if (d->n_bids > 0) { /* else inactive, errata E-19 */
      d->kind = r->action == MIPFB_ACTION_FORWARD ? MIPFB_DECISION_FORWARD : MIPFB_DECISION_NCAST;
      d->bid = r->action == MIPFB_ACTION_FORWARD ? d->bids[0] : 0;
      d->rule_id = r->id;
      return;
    }
  }
  d->by_default = 1;
  if (dir == MIPFB_DIR_FROM_MN) {
    memcpy(k.src, wire->dst, 16);
    memcpy(k.dst, wire->src, 16);
    k.sport = wire->dport;
    k.dport = wire->sport;
  }
  for (i = 0; i < R->nb; i++) {
    uint64_t s = R->family == MIPFB_POLICY_MIP4 ? ref_hrw(&k, R->seed, R->bid[i]) : 0;
    int win;
    if (!R->valid[i]) {
      continue;
    }
    if (best == POLICY_REF_MAX_BIDS) {
      win = 1;
    } else if (R->family == MIPFB_POLICY_MIP6) {
      win = R->pri[i] < R->pri[best] || (R->pri[i] == R->pri[best] && R->bid[i] < R->bid[best]);
    } else {
      win = s > bs || (s == bs && R->bid[i] < R->bid[best]);
    }
    if (win) {
      best = i;
      bs = s;
    }
  }
  if (best != POLICY_REF_MAX_BIDS) {
    d->kind = MIPFB_DECISION_FORWARD;
    d->bid = R->bid[best];
    d->bids[0] = d->bid;
    d->n_bids = 1;
  }
}

void policy_ref_insert(policy_ref *R, const mipfb_policy_rule *r, uint32_t key) {
  size_t i = R->n;
  while (i > 0 && R->rules[i - 1].key > key) {
    R->rules[i] = R->rules[i - 1];
    i--;
  }
  R->rules[i].r = *r;
  R->rules[i].key = key;
  R->n++;
}

void policy_ref_remove_at(policy_ref *R, size_t i) {
  memmove(&R->rules[i], &R->rules[i + 1], (R->n - i - 1) * sizeof R->rules[0]);
  R->n--;
}

void policy_ref_set_binding(policy_ref *R, uint16_t bid, int valid, uint8_t pri) {
  size_t i;
  for (i = 0; i < R->nb && R->bid[i] != bid; i++) {
  }
  if (i == R->nb) {
    R->bid[R->nb++] = bid;
  }
  R->valid[i] = valid;
  R->pri[i] = pri;
}

int policy_ref_same(const mipfb_policy_decision *a, const mipfb_policy_decision *b) {
  return a->kind == b->kind && a->by_default == b->by_default && a->bid == b->bid && a->rule_id == b->rule_id &&
         a->n_bids == b->n_bids && memcmp(a->bids, b->bids, sizeof a->bids) == 0;
}
