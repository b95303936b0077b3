/* Flow policy internals: the policy object laid out in caller memory
   (internal). */
#ifndef MIPFB_POLICY_POLICY_INT_H
#define MIPFB_POLICY_POLICY_INT_H

#include <mipfb/policy.h>

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

/* The policy, at the start of the caller memory; the arrays follow it.
   Rules are kept sorted in `order` (slot indices) by priority: MIPv6 by
   FID-PRI, MIPv4 by arrival. Classification is a linear scan of `order`;
   a faster index (decision tree or tuple-space) is future work. */
struct mipfb_policy {
  int family;
  uint64_t seed;
  uint32_t max_rules;
  uint32_t n_rules;
  uint32_t max_bids;
  uint32_t n_bids;
  uint32_t next_seq; /* next MIPv4 arrival number; renumbered before it would wrap */
  policy_slot *slots;       /* [max_rules] */
  uint32_t *order;          /* [n_rules] of [max_rules] used */
  policy_binding *bindings; /* [n_bids] of [max_bids] used */
};

/* The tracked binding with this BID, or NULL. */
const policy_binding *mipfb_policy_binding_find(const mipfb_policy *pol, uint16_t bid);

#endif /* MIPFB_POLICY_POLICY_INT_H */
