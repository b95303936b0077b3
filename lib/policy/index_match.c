/* Flow policy: looking a packet up in the bit-vector index, in three
   steps (prefetch, rows, match) so that a burst can overlap the cache
   misses of several packets; mipfb_policy_match runs them back to back. */
#include "../core/inline.h"
#include "policy_int.h"

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

void mipfb_policy_probe_start(const mipfb_policy *pol, const policy_kv *kv, policy_probe *pr) {
  uint32_t m = pol->dim[0].m;
  MIPFB_PREFETCH(&pol->proto_rows[(size_t)kv->proto * (pol->words + 1u)]);
  MIPFB_PREFETCH(&pol->dim[1].map[kv->dp]);
  pr->b = pol->dim[0].b;
  if (m <= POLICY_SEARCH_NEAR) {
    pr->n = 0;
    pr->m = m;
    return;
  }
  pr->n = m;
  pr->m = 0;
  MIPFB_PREFETCH(&pr->b[m / 2]);
}

/* Whether the active, protocol and port rows leave at most two rules, all
   in one word (then noted in pr). */
static int few_candidates(const mipfb_policy *pol, policy_probe *pr) {
  const uint64_t *a = pol->active, *p = pr->p, *r1 = pr->r1;
  uint64_t sum = a[0] & p[0] & r1[0], x = 0, y;
  uint32_t w = 0;
  if ((sum & (sum - 1)) != 0) {
    return 0;
  }
  if (sum != 0) {
    w = lowest_bit(sum);
    x = a[1 + w] & p[1 + w] & r1[1 + w];
  }
  y = x & (x - 1); /* x without its lowest bit */
  pr->few_w = w;
  pr->few = x;
  return (y & (y - 1)) == 0;
}

void mipfb_policy_probe_rows(const mipfb_policy *pol, const policy_kv *kv, policy_probe *pr) {
  size_t st = (size_t)pol->words + 1;
  const policy_bound *b = pr->b;
  uint32_t n = pr->n;
  pr->p = &pol->proto_rows[(size_t)kv->proto * st];
  pr->r1 = &pol->dim[1].rows[(size_t)pol->dim[1].map[kv->dp] * st];
  if (pr->m != 0) { /* a short boundary array */
    if (few_candidates(pol, pr)) {
      pr->r0 = NULL;
      return;
    }
    n = pr->m;
  }
  while (n > 1) { /* the last boundary <= the source address (b[0].v = 0) */
    uint32_t half = n / 2;
    b = policy_u128_lt(kv->src, b[half].v) ? b : b + half;
    n -= half;
  }
  pr->r0 = &pol->dim[0].rows[(size_t)b->row * st];
  MIPFB_PREFETCH(pr->r0);
  MIPFB_PREFETCH(pr->r1);
}

/* The few candidates of pr, checked in every field the rows left open. */
static uint32_t few_match(const mipfb_policy *pol, const policy_kv *kv, const policy_probe *pr) {
  uint32_t best = UINT32_MAX, best_key = UINT32_MAX;
  uint64_t x = pr->few;
  while (x != 0) {
    uint32_t s = pr->few_w * 64u + lowest_bit(x);
    const policy_comp *c = &pol->comp[s];
    x &= x - 1;
    if (c->key < best_key && policy_u128_in(kv->src, c->src_lo, c->src_hi) && policy_comp_match_rest(c, kv)) {
      best = s;
      best_key = c->key;
    }
  }
  return best;
}

/* The AND of the active bitmap and the three rows: the candidates match
   in protocol, source address and destination port (the rows are exact
   for those), so only the other fields are checked; the lowest sort key
   wins. */
uint32_t mipfb_policy_probe_match(const mipfb_policy *pol, const policy_kv *kv, const policy_probe *pr) {
  uint32_t best = UINT32_MAX, best_key = UINT32_MAX;
  const uint64_t *a = pol->active, *p = pr->p, *r0 = pr->r0, *r1 = pr->r1;
  uint64_t sum;
  if (r0 == NULL) {
    return few_match(pol, kv, pr);
  }
  sum = a[0] & p[0] & r0[0] & r1[0]; /* words non-zero in every row */
  while (sum != 0) {
    uint32_t i = lowest_bit(sum);
    uint64_t x = a[1 + i] & p[1 + i] & r0[1 + i] & r1[1 + i];
    sum &= sum - 1;
    while (x != 0) {
      uint32_t s = i * 64u + lowest_bit(x);
      const policy_comp *c = &pol->comp[s];
      x &= x - 1;
      if (c->key < best_key && policy_comp_match_rest(c, kv)) {
        best = s;
        best_key = c->key;
      }
    }
  }
  return best;
}

uint32_t mipfb_policy_scan(const mipfb_policy *pol, const policy_kv *kv) {
  uint32_t i;
  for (i = 0; i < pol->n_rules; i++) {
    const policy_comp *c = &pol->comp[pol->order[i]];
    if (c->active && policy_comp_match(c, kv)) {
      return pol->order[i];
    }
  }
  return UINT32_MAX;
}

uint32_t mipfb_policy_match(const mipfb_policy *pol, const policy_kv *kv) {
  policy_probe pr;
  if (!policy_uses_index(pol)) {
    return mipfb_policy_scan(pol, kv);
  }
  mipfb_policy_probe_start(pol, kv, &pr);
  mipfb_policy_probe_rows(pol, kv, &pr);
  return mipfb_policy_probe_match(pol, kv, &pr);
}
