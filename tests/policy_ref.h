/* Reference matcher for the flow policy engine (tests and fuzz targets):
   rules kept sorted by key, checked one by one with the RFC semantics. */
#ifndef MIPFB_TESTS_POLICY_REF_H
#define MIPFB_TESTS_POLICY_REF_H

#include <stddef.h>
#include <stdint.h>

#include <mipfb/policy.h>

#define POLICY_REF_MAX_RULES 1024
#define POLICY_REF_MAX_BIDS 16

typedef struct policy_ref_rule {
  mipfb_policy_rule r;
  uint32_t key; /* FID-PRI (MIPv6) or arrival number (MIPv4) */
} policy_ref_rule;

/* One policy: set family and seed, zero the rest. */
typedef struct policy_ref {
  int family;
  uint64_t seed;
  size_t n;
  policy_ref_rule rules[POLICY_REF_MAX_RULES];
  uint32_t next; /* next MIPv4 arrival number (the caller's to use) */
  size_t nb;
  uint16_t bid[POLICY_REF_MAX_BIDS];
  int valid[POLICY_REF_MAX_BIDS];
  uint8_t pri[POLICY_REF_MAX_BIDS];
} policy_ref;

/* The decision for a key as seen on the wire, in direction dir. */
void policy_ref_classify(const policy_ref *R, const mipfb_flow_key *wire, int dir, mipfb_policy_decision *d);

/* Insert a rule at its place by key (keys unique; room for it). */
void policy_ref_insert(policy_ref *R, const mipfb_policy_rule *r, uint32_t key);

/* Remove the rule at position i. */
void policy_ref_remove_at(policy_ref *R, size_t i);

/* Track or update a binding (room for it). */
void policy_ref_set_binding(policy_ref *R, uint16_t bid, int valid, uint8_t pri);

/* Whether two decisions are equal field by field. */
int policy_ref_same(const mipfb_policy_decision *a, const mipfb_policy_decision *b);

#endif /* MIPFB_TESTS_POLICY_REF_H */
