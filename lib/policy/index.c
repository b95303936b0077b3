/* Flow policy: the compact match form of each rule and the bit-vector
   index over it (one sorted boundary array per dimension, one slot bitmap
   per elementary interval). Updates touch only the rule's own intervals
   and at most two boundaries per dimension. */
#include <string.h>

#include "policy_int.h"

static size_t round8(size_t n) { return (n + 7u) & ~(size_t)7u; }

size_t mipfb_policy_index_size(size_t max_rules, uint32_t *words) {
  size_t w = (max_rules + 63u) / 64u, cap = 2 * max_rules + 1;
  *words = 0;
  if (max_rules < POLICY_INDEX_MIN_CAP || max_rules > POLICY_INDEX_MAX_RULES) {
    return 0;
  }
  *words = (uint32_t)w;
  return (w + 1) * 8u + 256u * (w + 1) * 8u + 65536u * sizeof(uint16_t) +
         POLICY_N_DIMS * (cap * sizeof(policy_bound) + round8(cap * sizeof(uint32_t)) + cap * (w + 1) * 8u);
}

void mipfb_policy_index_init(mipfb_policy *pol, uint8_t *mem) {
  size_t w = (size_t)pol->words + 1, cap = 2 * (size_t)pol->max_rules + 1, i, d;
  pol->active = (uint64_t *)(void *)mem;
  mem += w * 8u;
  pol->proto_rows = (uint64_t *)(void *)mem;
  mem += 256u * w * 8u;
  for (d = 0; d < POLICY_N_DIMS; d++) {
    policy_dim *dm = &pol->dim[d];
    dm->b = (policy_bound *)(void *)mem;
    mem += cap * sizeof(policy_bound);
    dm->free_rows = (uint32_t *)(void *)mem;
    mem += round8(cap * sizeof(uint32_t));
    dm->rows = (uint64_t *)(void *)mem;
    mem += cap * w * 8u;
    if (d != 0) {
      dm->map = (uint16_t *)(void *)mem; /* all row 0, like the one interval */
      mem += 65536u * sizeof(uint16_t);
    }
    dm->m = 1; /* b[0] = 0 with row 0: one interval, the whole space */
    for (i = 1; i < cap; i++) {
      dm->free_rows[dm->n_free++] = (uint32_t)(cap - i);
    }
  }
}

/* ------------------------------------------------------------ compact form */

/* Set or clear slot s in a bitmap row (summary word first). */
static void row_bit(uint64_t *row, uint32_t s, int set) {
  uint32_t w = s / 64u;
  uint64_t bit = (uint64_t)1 << (s % 64u), wbit = (uint64_t)1 << w;
  if (set) {
    row[1 + w] |= bit;
    row[0] |= wbit;
  } else {
    row[1 + w] &= ~bit;
    row[0] = row[1 + w] == 0 ? row[0] & ~wbit : row[0];
  }
}

static const policy_u128 U128_MAX = {UINT64_MAX, UINT64_MAX};
static const policy_u128 U128_ZERO = {0, 0};

/* Range of an address field: Start alone is an exact value (RFC 6088 3). */
static void addr_range(unsigned f, unsigned sbit, unsigned ebit, const uint8_t *s, const uint8_t *e, int v4,
                       policy_u128 *lo, policy_u128 *hi) {
  if ((f & sbit) == 0) {
    *lo = U128_ZERO;
    *hi = U128_MAX;
    return;
  }
  *lo = policy_u128_of(s, v4);
  *hi = policy_u128_of((f & ebit) ? e : s, v4);
}

static void num_range(unsigned f, unsigned sbit, unsigned ebit, uint32_t s, uint32_t e, uint32_t max, uint32_t *lo,
                      uint32_t *hi) {
  if ((f & sbit) == 0) {
    *lo = 0;
    *hi = max;
    return;
  }
  *lo = s;
  *hi = (f & ebit) ? e : s;
}

static uint16_t binding_at(const mipfb_policy *pol, uint16_t bid) {
  uint32_t i;
  for (i = 0; i < pol->n_bids; i++) {
    if (pol->bindings[i].bid == bid) {
      return (uint16_t)i;
    }
  }
  return POLICY_NO_BINDING;
}

void mipfb_policy_comp_activate(mipfb_policy *pol, uint32_t s) {
  policy_comp *c = &pol->comp[s];
  const mipfb_policy_rule *r = &pol->slots[s].rule;
  unsigned i, act = r->action == MIPFB_ACTION_DROP;
  c->fwd_bid = 0;
  for (i = 0; i < c->n_bids && !act; i++) {
    act = c->bidx[i] != POLICY_NO_BINDING && pol->bindings[c->bidx[i]].valid;
    c->fwd_bid = act ? r->bids[i] : 0; /* RFC 7629 4.2: the first valid BID */
  }
  c->active = (uint8_t)act;
  if (pol->words != 0) {
    row_bit(pol->active, s, (int)act);
  }
}

void mipfb_policy_comp_build(mipfb_policy *pol, uint32_t s) {
  const policy_slot *sl = &pol->slots[s];
  const mipfb_ts *ts = &sl->rule.ts;
  policy_comp *c = &pol->comp[s];
  unsigned f = ts->fields, i;
  int v4 = ts->format == MIPFB_TS_FORMAT_IPV4;
  uint32_t lo, hi;
  memset(c, 0, sizeof *c);
  c->fam = v4 ? MIPFB_AF_INET4 : MIPFB_AF_INET6;
  c->key = pol->family == MIPFB_POLICY_MIP6 ? sl->rule.prio : sl->seq;
  c->id = sl->rule.id;
  c->action = (uint8_t)sl->rule.action;
  c->need = (uint8_t)(((f & (MIPFB_TS_SPORT_START | MIPFB_TS_DPORT_START)) ? MIPFB_FLOW_PORTS : 0u) |
                      ((f & MIPFB_TS_SPI_START) ? MIPFB_FLOW_SPI : 0u));
  addr_range(f, MIPFB_TS_SRC_START, MIPFB_TS_SRC_END, ts->src_start, ts->src_end, v4, &c->src_lo, &c->src_hi);
  addr_range(f, MIPFB_TS_DST_START, MIPFB_TS_DST_END, ts->dst_start, ts->dst_end, v4, &c->dst_lo, &c->dst_hi);
  num_range(f, MIPFB_TS_SPI_START, MIPFB_TS_SPI_END, ts->spi_start, ts->spi_end, UINT32_MAX, &c->spi_lo, &c->spi_hi);
  num_range(f, MIPFB_TS_FL_START, MIPFB_TS_FL_END, ts->fl_start & 0xFFFFFu, ts->fl_end & 0xFFFFFu, 0xFFFFFu,
            &c->fl_lo, &c->fl_hi);
  num_range(f, MIPFB_TS_SPORT_START, MIPFB_TS_SPORT_END, ts->sport_start, ts->sport_end, 0xFFFFu, &lo, &hi);
  c->sp_lo = (uint16_t)lo;
  c->sp_hi = (uint16_t)hi;
  num_range(f, MIPFB_TS_DPORT_START, MIPFB_TS_DPORT_END, ts->dport_start, ts->dport_end, 0xFFFFu, &lo, &hi);
  c->dp_lo = (uint16_t)lo;
  c->dp_hi = (uint16_t)hi;
  num_range(f, MIPFB_TS_DS_START, MIPFB_TS_DS_END, ts->ds_start >> 2u, ts->ds_end >> 2u, 63u, &lo, &hi);
  c->ds_lo = (uint8_t)lo;
  c->ds_hi = (uint8_t)hi;
  num_range(f, MIPFB_TS_PROTO_START, MIPFB_TS_PROTO_END, ts->proto_start, ts->proto_end, 255u, &lo, &hi);
  c->pr_lo = (uint8_t)lo;
  c->pr_hi = (uint8_t)hi;
  c->n_bids = sl->rule.action == MIPFB_ACTION_DROP ? 0 : sl->rule.n_bids;
  for (i = 0; i < c->n_bids; i++) {
    c->bidx[i] = binding_at(pol, sl->rule.bids[i]);
  }
  mipfb_policy_comp_activate(pol, s);
}

/* ------------------------------------------------------------ index */

static int u128_eq(policy_u128 a, policy_u128 b) { return a.hi == b.hi && a.lo == b.lo; }

static policy_u128 u128_inc(policy_u128 a) {
  a.lo++;
  a.hi += a.lo == 0;
  return a;
}

/* The interval holding v: the largest i with b[i].v <= v. */
static uint32_t dim_find(const policy_dim *d, policy_u128 v) {
  uint32_t lo = 0, n = d->m;
  while (n > 1) {
    uint32_t half = n / 2;
    lo = policy_u128_lt(v, d->b[lo + half].v) ? lo : lo + half;
    n -= half;
  }
  return lo;
}

/* Port map: ports [b[i].v, b[i+1].v) belong to row r. */
static void map_fill(policy_dim *d, uint32_t i, uint32_t r) {
  uint32_t p = (uint32_t)d->b[i].v.lo, end = i + 1 < d->m ? (uint32_t)d->b[i + 1].v.lo : 65536u;
  if (d->map != NULL) {
    for (; p < end; p++) {
      d->map[p] = (uint16_t)r;
    }
  }
}

/* Drop every unused boundary but the first (one pass). */
static void dim_compact(policy_dim *d) {
  uint32_t i, k = 1;
  for (i = 1; i < d->m; i++) {
    if (d->b[i].ref == 0) {
      d->free_rows[d->n_free++] = d->b[i].row;
      continue;
    }
    d->b[k++] = d->b[i];
  }
  d->m = k;
  if (d->map != NULL) { /* re-point the ports of the dropped intervals */
    for (i = 0; i < d->m; i++) {
      map_fill(d, i, d->b[i].row);
    }
  }
}

/* The boundary at v, made (splitting its interval) when missing. */
static uint32_t dim_ensure(policy_dim *d, uint32_t words, uint32_t cap, policy_u128 v) {
  uint32_t i = dim_find(d, v), r;
  if (u128_eq(d->b[i].v, v)) {
    return i;
  }
  if (d->m == cap) {
    dim_compact(d); /* live boundaries <= 2 (rules - 1) + 1 < cap */
    i = dim_find(d, v);
  }
  i++;
  memmove(&d->b[i + 1], &d->b[i], (d->m - i) * sizeof d->b[0]);
  r = d->free_rows[--d->n_free];
  memcpy(&d->rows[(size_t)r * (words + 1)], &d->rows[(size_t)d->b[i - 1].row * (words + 1)],
         (words + 1) * sizeof d->rows[0]);
  d->b[i].v = v;
  d->b[i].ref = 0;
  d->b[i].row = r;
  d->m++;
  map_fill(d, i, r);
  return i;
}

static void dim_bits(policy_dim *d, uint32_t words, uint32_t i, uint32_t j, uint32_t s, int set) {
  for (; i < j; i++) {
    row_bit(&d->rows[(size_t)d->b[i].row * (words + 1)], s, set);
  }
}

static void dim_add(policy_dim *d, uint32_t words, uint32_t cap, policy_u128 lo, policy_u128 hi, uint32_t s) {
  int full = u128_eq(hi, U128_MAX);
  uint32_t i, j;
  if (!full) {
    d->b[dim_ensure(d, words, cap, u128_inc(hi))].ref++;
  }
  i = dim_ensure(d, words, cap, lo);
  d->b[i].ref++;
  j = full ? d->m : dim_find(d, u128_inc(hi));
  dim_bits(d, words, i, j, s, 1);
}

/* Boundaries whose ref drops to 0 stay until a compaction. */
static void dim_remove(policy_dim *d, uint32_t words, policy_u128 lo, policy_u128 hi, uint32_t s) {
  int full = u128_eq(hi, U128_MAX);
  uint32_t i = dim_find(d, lo), j = full ? d->m : dim_find(d, u128_inc(hi));
  dim_bits(d, words, i, j, s, 0);
  if (!full) {
    d->b[j].ref--;
  }
  d->b[i].ref--;
}

/* The range of slot s in dimension k (0 source address, 1 destination
   port). */
static void dim_range(const policy_comp *c, int k, policy_u128 *lo, policy_u128 *hi) {
  if (k == 0) {
    *lo = c->src_lo;
    *hi = c->src_hi;
    return;
  }
  lo->hi = hi->hi = 0;
  lo->lo = c->dp_lo;
  hi->lo = c->dp_hi;
  if (hi->lo == 0xFFFFu) {
    *hi = U128_MAX; /* the whole port space: no boundary needed */
  }
}

static void index_update(mipfb_policy *pol, uint32_t s, int add) {
  const policy_comp *c = &pol->comp[s];
  uint32_t w = pol->words, cap = 2 * pol->max_rules + 1, v;
  int k;
  if (w == 0) {
    return;
  }
  for (v = c->pr_lo; v <= c->pr_hi; v++) {
    row_bit(&pol->proto_rows[(size_t)v * (w + 1)], s, add);
  }
  for (k = 0; k < POLICY_N_DIMS; k++) {
    policy_u128 lo, hi;
    dim_range(c, k, &lo, &hi);
    if (add) {
      dim_add(&pol->dim[k], w, cap, lo, hi, s);
    } else {
      dim_remove(&pol->dim[k], w, lo, hi, s);
    }
  }
}

void mipfb_policy_index_add(mipfb_policy *pol, uint32_t s) { index_update(pol, s, 1); }

void mipfb_policy_index_remove(mipfb_policy *pol, uint32_t s) {
  index_update(pol, s, 0);
  if (pol->words != 0) {
    row_bit(pol->active, s, 0);
  }
}
