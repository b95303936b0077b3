/* Flow policy internals: the policy object laid out in caller memory
   (internal). */
#ifndef MIPFB_POLICY_POLICY_INT_H
#define MIPFB_POLICY_POLICY_INT_H

#include <string.h>

#include <mipfb/policy.h>

#include "../core/inline.h"
#include "../core/rd.h"

/* Rule capacities a policy keeps the bit-vector index for: its memory
   grows with the square of the capacity (and has a fixed 128 KiB port
   map), so larger policies scan their compact rules linearly, and small
   ones always do. */
#define POLICY_INDEX_MAX_RULES 2048u
#define POLICY_INDEX_MIN_CAP 16u
/* Below this many rules the compact linear scan beats the index. */
#define POLICY_INDEX_MIN_RULES 4u
/* bidx value of a BID the policy does not track (yet). */
#define POLICY_NO_BINDING 0xFFFFu
/* Dimensions of the index with sorted boundaries: source address and
   destination port (the protocol has one row per value). The source port
   is left to the full check of each candidate: its ranges are wide (any
   ephemeral port), so it would filter little and make updates touch most
   intervals. */
#define POLICY_N_DIMS 2

/* One tracked binding. */
typedef struct policy_binding {
  uint16_t bid;
  uint8_t valid;
  uint8_t pri; /* MIPv6 BID-PRI */
} policy_binding;

/* One rule slot; free when !used. */
typedef struct policy_slot {
  mipfb_policy_rule rule;
  uint32_t seq; /* MIPv4 arrival number (the sort key of that family) */
  uint8_t used;
} policy_slot;

/* A 128-bit value (addresses as two big-endian halves; IPv4 in lo). */
typedef struct policy_u128 {
  uint64_t hi, lo;
} policy_u128;

/* An address as a 128-bit number: IPv4 (4 octets) in lo, IPv6 big-endian. */
static inline policy_u128 policy_u128_of(const uint8_t *a, int v4) {
  policy_u128 x;
  x.hi = v4 ? 0 : (uint64_t)mipfb_ld_be32(a) << 32 | mipfb_ld_be32(a + 4);
  x.lo = v4 ? mipfb_ld_be32(a) : (uint64_t)mipfb_ld_be32(a + 8) << 32 | mipfb_ld_be32(a + 12);
  return x;
}

/* A rule in compact match form: every field an inclusive integer range
   (absent fields the full range), DS as its upper 6 bits, the flow label
   20 bits; `need` the key bits the rule requires. */
typedef struct policy_comp {
  policy_u128 src_lo, src_hi, dst_lo, dst_hi;
  uint32_t spi_lo, spi_hi, fl_lo, fl_hi;
  uint32_t key; /* sort key: FID-PRI (MIPv6) or arrival number (MIPv4) */
  uint16_t sp_lo, sp_hi, dp_lo, dp_hi;
  uint8_t pr_lo, pr_hi, ds_lo, ds_hi;
  uint8_t fam;    /* MIPFB_AF_INET4 / MIPFB_AF_INET6 */
  uint8_t need;   /* MIPFB_FLOW_PORTS / MIPFB_FLOW_SPI */
  uint8_t active; /* DROP, or a listed BID is valid (errata E-19) */
  uint8_t action; /* MIPFB_ACTION_* */
  uint16_t fwd_bid; /* FORWARD: the first valid listed BID while active */
  uint32_t id;      /* the rule's id */
  uint8_t n_bids;
  uint16_t bidx[MIPFB_POLICY_MAX_RULE_BIDS]; /* index in `bindings`, or POLICY_NO_BINDING */
} policy_comp;

/* A flow key in the compact form's terms: addresses as numbers, DS as its
   upper 6 bits (tc keeps the whole octet), the flow label 20 bits. The
   parser fills it as the packet is on the wire; matching wants it oriented
   as a to-MN packet (policy_kv_orient: a FROM_MN packet has its ends
   swapped, which is the same as mirroring every selector). */
typedef struct policy_kv {
  policy_u128 src, dst;
  uint32_t spi, fl;
  uint16_t sp, dp;
  uint8_t proto, ds, tc, fam, has;
} policy_kv;

/* Swap the ends of a FROM_MN packet (dir: MIPFB_DIR_*); its own inverse. */
static inline void policy_kv_orient(policy_kv *kv, int dir) {
  if (dir == MIPFB_DIR_FROM_MN) {
    policy_u128 a = kv->src;
    uint16_t p = kv->sp;
    kv->src = kv->dst;
    kv->dst = a;
    kv->sp = kv->dp;
    kv->dp = p;
  }
}

/* 128-bit comparisons: a wide subtraction (one sub/sbb pair) where the
   compiler has a 128-bit integer (__extension__ keeps -Wpedantic quiet). */
#if defined(__SIZEOF_INT128__)
__extension__ typedef unsigned __int128 policy_wide;
static inline int policy_u128_lt(policy_u128 a, policy_u128 b) {
  return ((policy_wide)a.hi << 64 | a.lo) < ((policy_wide)b.hi << 64 | b.lo);
}
#else
static inline int policy_u128_lt(policy_u128 a, policy_u128 b) { return a.hi < b.hi || (a.hi == b.hi && a.lo < b.lo); }
#endif

static inline int policy_u128_in(policy_u128 v, policy_u128 lo, policy_u128 hi) {
  return !policy_u128_lt(v, lo) && !policy_u128_lt(hi, v);
}

/* Whether kv matches compact rule c in the fields the index does not
   select on (all but protocol, source address and destination port). */
static inline int policy_comp_match_rest(const policy_comp *c, const policy_kv *kv) {
  return kv->fam == c->fam && (kv->has & c->need) == c->need && kv->sp >= c->sp_lo && kv->sp <= c->sp_hi &&
         policy_u128_in(kv->dst, c->dst_lo, c->dst_hi) && kv->ds >= c->ds_lo && kv->ds <= c->ds_hi &&
         kv->spi >= c->spi_lo && kv->spi <= c->spi_hi && kv->fl >= c->fl_lo && kv->fl <= c->fl_hi;
}

/* Whether kv matches compact rule c: cheap one-word fields first. */
static inline int policy_comp_match(const policy_comp *c, const policy_kv *kv) {
  return kv->proto >= c->pr_lo && kv->proto <= c->pr_hi && kv->dp >= c->dp_lo && kv->dp <= c->dp_hi &&
         policy_u128_in(kv->src, c->src_lo, c->src_hi) && policy_comp_match_rest(c, kv);
}

/* A bitmap row is 1 + words 64-bit words: word 0 has bit w set when word
   1 + w is not zero (words <= 64), the others one bit per slot. */

/* One boundary of an index dimension: interval [v, next v - 1] has the
   bitmap row `row`; ref counts the rules that start or end (+1) at v. A
   boundary whose ref drops to 0 stays (its row equals the previous one)
   until the array is full, then all such are dropped at once. */
typedef struct policy_bound {
  policy_u128 v;
  uint32_t ref;
  uint32_t row;
} policy_bound;

/* One index dimension: sorted boundaries b[0].v = 0 < b[1].v < ... <
   b[m-1].v, bitmap rows taken from and given back to a free stack. The
   port dimensions also map every port straight to its row (`map`). */
typedef struct policy_dim {
  uint32_t m;
  uint32_t n_free;
  policy_bound *b;     /* [2 max_rules + 1] */
  uint32_t *free_rows; /* [2 max_rules + 1] */
  uint64_t *rows;      /* [(2 max_rules + 1) * (1 + words)] */
  uint16_t *map;       /* [65536] row of each port; NULL for addresses */
} policy_dim;

/* The policy, at the start of the caller memory; the arrays follow it.
   Rules are kept sorted in `order` (slot indices) by priority: MIPv6 by
   FID-PRI, MIPv4 by arrival. Each slot also has its compact form in
   `comp`. With the index (max_rules <= POLICY_INDEX_MAX_RULES, words > 0),
   a packet's candidates are the AND of the active bitmap, its protocol
   row and one row per dimension; the candidate with the lowest sort key
   that matches wins. */
struct mipfb_policy {
  int family;
  uint64_t seed;
  uint32_t max_rules;
  uint32_t n_rules;
  uint32_t max_bids;
  uint32_t n_bids;
  uint32_t next_seq; /* next MIPv4 arrival number; renumbered before it would wrap */
  uint32_t words;    /* 64-bit words of a slot bitmap; 0 without the index */
  uint32_t pref;     /* MIPv6 default: 1 + index of the valid binding with the lowest (BID-PRI, BID); 0 none */
  policy_slot *slots;       /* [max_rules] */
  uint32_t *order;          /* [n_rules] of [max_rules] used */
  uint32_t *ids;            /* [n_rules]: ids[i] is the id of slot order[i] */
  policy_binding *bindings; /* [n_bids] of [max_bids] used */
  policy_comp *comp;        /* [max_rules], by slot */
  uint64_t *active;         /* [1 + words] slots of active rules */
  uint64_t *proto_rows;     /* [256 * (1 + words)] */
  policy_dim dim[POLICY_N_DIMS];
};

/* The tracked binding with this BID, or NULL. */
const policy_binding *mipfb_policy_binding_find(const mipfb_policy *pol, uint16_t bid);

/* Compile slot s's rule into comp[s] (key, bidx, active included). */
void mipfb_policy_comp_build(mipfb_policy *pol, uint32_t s);

/* Recompute comp[s].active and its bit in the active bitmap. */
void mipfb_policy_comp_activate(mipfb_policy *pol, uint32_t s);

/* Index maintenance for slot s (its comp must be built); no-ops without
   the index. Cannot fail: every dimension has room for 2 max_rules + 1
   boundaries. */
void mipfb_policy_index_add(mipfb_policy *pol, uint32_t s);
void mipfb_policy_index_remove(mipfb_policy *pol, uint32_t s);

/* Memory the index needs for max_rules (0 outside POLICY_INDEX_MIN_CAP ..
   POLICY_INDEX_MAX_RULES),
   and its words per bitmap. */
size_t mipfb_policy_index_size(size_t max_rules, uint32_t *words);

/* Lay the index out in mem (index_size octets, 8-aligned, zeroed). */
void mipfb_policy_index_init(mipfb_policy *pol, uint8_t *mem);

/* ------------------------------------------------------------ matching
   One packet's classification in steps, so that a burst can run each step
   over several packets and prefetch what the next step reads. */

/* A packet's way through the index: the part of the source-address
   boundaries its search has left (b, and n for the lock-step levels and
   probe_rows, or m, not 0, for a short array left to probe_near), then
   the bitmap rows it selects (protocol, source-address interval,
   destination-port interval). */
typedef struct policy_probe {
  const policy_bound *b;
  uint32_t n, m;
  const uint64_t *p, *r0, *r1;
} policy_probe;

/* Boundaries a search step leaves to probe_rows (8 of 24 octets: 3 or 4
   cache lines). */
#define POLICY_SEARCH_TAIL 8u
/* Boundary arrays this short (at most 1.5 KiB) are left to probe_near:
   searched in one go (the lock step only pays when the probes miss the
   cache), or not at all when the protocol and port rows leave at most two
   rules. */
#define POLICY_SEARCH_NEAR 64u

/* mipfb_flow_parse into the compact terms, in wire orientation: pkt is not
   NULL when len > 0; kv is zeroed first and complete on success. */
int mipfb_policy_parse(policy_kv *kv, const uint8_t *pkt, size_t len);

/* The flow key (wire orientation) of kv, which is oriented for dir. */
void mipfb_policy_key_of(mipfb_flow_key *key, const policy_kv *kv, int dir);

/* A flow key (wire orientation) in the compact terms, oriented for dir. */
void mipfb_policy_kv_of(policy_kv *kv, const mipfb_flow_key *key, int dir);

/* Whether a lookup goes through the index (else the compact scan). */
static inline int policy_uses_index(const mipfb_policy *pol) {
  return pol->words != 0 && pol->n_rules >= POLICY_INDEX_MIN_RULES;
}

/* Step 1 (index): prefetch the protocol row and the port map entry and
   start the source-address search: a long boundary array has its first
   probe prefetched (pr->n: the lock-step levels, then probe_rows and
   probe_match), a short one is left to probe_near (pr->m). */
static inline void policy_probe_start(const mipfb_policy *pol, const policy_kv *kv, policy_probe *pr) {
  uint32_t m = pol->dim[0].m;
  MIPFB_PREFETCH(&pol->proto_rows[(size_t)kv->proto * (pol->words + 1u)]);
  MIPFB_PREFETCH(&pol->dim[1].map[kv->dp]);
  pr->b = pol->dim[0].b;
  pr->n = m > POLICY_SEARCH_NEAR ? m : 0;
  pr->m = m > POLICY_SEARCH_NEAR ? 0 : m;
  if (pr->n != 0) {
    MIPFB_PREFETCH(&pr->b[m / 2]);
  }
}

/* One level of the search (while pr->n > POLICY_SEARCH_TAIL), prefetching
   the next probe, or the remaining boundaries when it is the last step;
   returns whether more steps remain. A burst runs the levels of all its
   packets in lock step, so their cache misses overlap. */
static inline int policy_probe_step(policy_probe *pr, const policy_kv *kv) {
  uint32_t half = pr->n / 2;
  pr->b = policy_u128_lt(kv->src, pr->b[half].v) ? pr->b : pr->b + half;
  pr->n -= half;
  if (pr->n > POLICY_SEARCH_TAIL) {
    MIPFB_PREFETCH(&pr->b[pr->n / 2]);
    return 1;
  }
  MIPFB_PREFETCH(pr->b); /* the rest: at most 8 boundaries, 3 or 4 lines */
  MIPFB_PREFETCH(&pr->b[pr->n / 2]);
  MIPFB_PREFETCH(&pr->b[pr->n - 1]);
  return 0;
}

/* Step 2 (index, long array): finish the search, find the packet's rows
   and prefetch them. */
void mipfb_policy_probe_rows(const mipfb_policy *pol, const policy_kv *kv, policy_probe *pr);

/* Step 3 (index, long array): the matching active rule with the lowest
   sort key, or UINT32_MAX. */
uint32_t mipfb_policy_probe_match(const mipfb_policy *pol, const policy_kv *kv, const policy_probe *pr);

/* Steps 2 and 3 for a short array (pr->m not 0): the matching active rule
   with the lowest sort key, or UINT32_MAX. */
uint32_t mipfb_policy_probe_near(const mipfb_policy *pol, const policy_kv *kv, const policy_probe *pr);

/* Without the index: the first active rule in order that matches, or
   UINT32_MAX. */
uint32_t mipfb_policy_scan(const mipfb_policy *pol, const policy_kv *kv);

/* The slot matching kv, or UINT32_MAX (index or scan, all steps). */
uint32_t mipfb_policy_match(const mipfb_policy *pol, const policy_kv *kv);

/* The decision for slot s (UINT32_MAX: the default for key, in direction
   dir; key is read only for a MIPv4 policy's default, and may be NULL
   otherwise). */
void mipfb_policy_decide(const mipfb_policy *pol, uint32_t s, const mipfb_flow_key *key, int dir,
                         mipfb_policy_decision *out);

/* mipfb_policy_decide for a packet known by its compact key (oriented for
   dir); builds the flow key only for a MIPv4 policy's default. */
void mipfb_policy_decide_kv(const mipfb_policy *pol, uint32_t s, const policy_kv *kv, int dir,
                            mipfb_policy_decision *out);

/* Whether slot s is an active FORWARD rule (s UINT32_MAX: no rule). */
static inline int policy_forwards(const mipfb_policy *pol, uint32_t s) {
  return s != UINT32_MAX && pol->comp[s].action == MIPFB_ACTION_FORWARD;
}

/* The decision of the active FORWARD rule c: its first valid BID, kept in
   the compact form as validity changes (RFC 7629 4.2). */
static inline void policy_forward(const policy_comp *c, mipfb_policy_decision *out) {
  memset(out, 0, sizeof *out);
  out->kind = MIPFB_DECISION_FORWARD;
  out->rule_id = c->id;
  out->bid = c->fwd_bid;
  out->bids[0] = c->fwd_bid;
  out->n_bids = 1;
}

/* mipfb_policy_decide_kv with the matched FORWARD rule, the common case,
   inline. */
static inline void policy_decide_kv(const mipfb_policy *pol, uint32_t s, const policy_kv *kv, int dir,
                                    mipfb_policy_decision *out) {
  if (policy_forwards(pol, s)) {
    policy_forward(&pol->comp[s], out);
    return;
  }
  mipfb_policy_decide_kv(pol, s, kv, dir, out);
}

/* Classify a packet known by its compact key in wire orientation (kv is
   oriented for dir on the way): match, then decide. */
void mipfb_policy_classify_kv(const mipfb_policy *pol, policy_kv *kv, int dir, mipfb_policy_decision *out);

#endif /* MIPFB_POLICY_POLICY_INT_H */
