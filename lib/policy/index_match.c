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

/* The last boundary <= the source address among the n at b (b[0].v = 0). */
static const policy_bound *search(const policy_bound *b, uint32_t n, const policy_kv *kv) {
  while (n > 1) {
    uint32_t half = n / 2;
    b = policy_u128_lt(kv->src, b[half].v) ? b : b + half;
    n -= half;
  }
  return b;
}

void mipfb_policy_probe_rows(const mipfb_policy *pol, const policy_kv *kv, policy_probe *pr) {
  size_t st = (size_t)pol->words + 1;
  pr->p = &pol->proto_rows[(size_t)kv->proto * st];
  pr->r1 = &pol->dim[1].rows[(size_t)pol->dim[1].map[kv->dp] * st];
  pr->r0 = &pol->dim[0].rows[(size_t)search(pr->b, pr->n, kv)->row * st];
  MIPFB_PREFETCH(pr->r0);
  MIPFB_PREFETCH(pr->r1);
}

/* The matching candidate of bitmap word x (word w) whose sort key is
   lower than *best_key (then updated), else best; checked in the source
   address too when `src`, else in the fields the rows leave open. */
MIPFB_HOT_INLINE uint32_t best_of_word(const mipfb_policy *pol, const policy_kv *kv, uint64_t x, uint32_t w, int src,
                                       uint32_t best, uint32_t *best_key) {
  while (x != 0) {
    uint32_t s = w * 64u + lowest_bit(x);
    const policy_comp *c = &pol->comp[s];
    x &= x - 1;
    if (c->key < *best_key && (!src || policy_u128_in(kv->src, c->src_lo, c->src_hi)) &&
        policy_comp_match_rest(c, kv)) {
      best = s;
      *best_key = c->key;
    }
  }
  return best;
}

/* The AND of the active bitmap and the three rows: the candidates match
   in protocol, source address and destination port (the rows are exact
   for those), so only the other fields are checked; the lowest sort key
   wins. */
static uint32_t and_match(const mipfb_policy *pol, const policy_kv *kv, const uint64_t *p, const uint64_t *r0,
                          const uint64_t *r1) {
  const uint64_t *a = pol->active;
  uint64_t sum = a[0] & p[0] & r0[0] & r1[0]; /* words non-zero in every row */
  uint32_t best = UINT32_MAX, best_key = UINT32_MAX;
  while (sum != 0) {
    uint32_t i = lowest_bit(sum);
    sum &= sum - 1;
    best = best_of_word(pol, kv, a[1 + i] & p[1 + i] & r0[1 + i] & r1[1 + i], i, 0, best, &best_key);
  }
  return best;
}

uint32_t mipfb_policy_probe_match(const mipfb_policy *pol, const policy_kv *kv, const policy_probe *pr) {
  return and_match(pol, kv, pr->p, pr->r0, pr->r1);
}

/* probe_near when the protocol and port rows leave more than two rules:
   the search, then the AND (out of line, so that the two-candidate way
   saves fewer registers). */
static MIPFB_NOINLINE uint32_t near_search(const mipfb_policy *pol, const policy_kv *kv, const policy_probe *pr,
                                           const uint64_t *p, const uint64_t *r1) {
  size_t st = (size_t)pol->words + 1;
  return and_match(pol, kv, p, &pol->dim[0].rows[(size_t)search(pr->b, pr->m, kv)->row * st], r1);
}

/* A short boundary array: when the active, protocol and port rows leave
   at most two rules, all in one word, those are checked in full and the
   source-address search is skipped; else the search, then the AND. */
uint32_t mipfb_policy_probe_near(const mipfb_policy *pol, const policy_kv *kv, const policy_probe *pr) {
  size_t st = (size_t)pol->words + 1;
  const uint64_t *a = pol->active, *p = &pol->proto_rows[(size_t)kv->proto * st];
  const uint64_t *r1 = &pol->dim[1].rows[(size_t)pol->dim[1].map[kv->dp] * st];
  uint64_t sum = a[0] & p[0] & r1[0];
  if ((sum & (sum - 1)) == 0) { /* one word or none */
    uint32_t w = sum != 0 ? lowest_bit(sum) : 0;
    uint64_t x = sum != 0 ? a[1 + w] & p[1 + w] & r1[1 + w] : 0, y = x & (x - 1);
    if ((y & (y - 1)) == 0) { /* at most two bits */
      uint32_t best_key = UINT32_MAX;
      return best_of_word(pol, kv, x, w, 1, UINT32_MAX, &best_key);
    }
  }
  return near_search(pol, kv, pr, p, r1);
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
  policy_probe_start(pol, kv, &pr);
  if (pr.m != 0) {
    return mipfb_policy_probe_near(pol, kv, &pr);
  }
  mipfb_policy_probe_rows(pol, kv, &pr);
  return mipfb_policy_probe_match(pol, kv, &pr);
}
