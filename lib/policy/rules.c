/* Flow policy: incremental add / replace / remove of one rule. Every
   check runs before the first write, so a failed update changes nothing. */
#include <string.h>

#include "policy_int.h"

static int rule_check(const mipfb_policy *pol, const mipfb_policy_rule *r) {
  unsigned i, j;
  if (r->action > MIPFB_ACTION_NCAST || r->n_bids > MIPFB_POLICY_MAX_RULE_BIDS ||
      (pol->family == MIPFB_POLICY_MIP6 && r->prio == 0) || mipfb_ts_check(&r->ts, NULL) != 0) {
    return MIPFB_ERR_INVALID_ARG;
  }
  if (r->action == MIPFB_ACTION_DROP) {
    return 0; /* RFC 7629 4.2: a DROP rule's BID is ignored */
  }
  if (r->n_bids == 0) {
    return MIPFB_ERR_INVALID_ARG;
  }
  for (i = 0; i < r->n_bids; i++) {
    if (r->bids[i] == 0) {
      return MIPFB_ERR_INVALID_ARG;
    }
    for (j = 0; j < i; j++) {
      if (r->bids[j] == r->bids[i]) {
        return MIPFB_ERR_DUPLICATE;
      }
    }
  }
  return 0;
}

/* Position in `order` of the rule with this id, or n_rules (a scan of the
   dense id array). */
static uint32_t find_id(const mipfb_policy *pol, uint32_t id) {
  uint32_t i;
  for (i = 0; i < pol->n_rules && pol->ids[i] != id; i++) {
  }
  return i;
}

/* First position in `order` whose sort key is >= key (binary search). */
static uint32_t key_pos(const mipfb_policy *pol, uint32_t key) {
  uint32_t lo = 0, n = pol->n_rules;
  while (n > 0) {
    uint32_t half = n / 2;
    if (pol->comp[pol->order[lo + half]].key < key) {
      lo += half + 1;
      n -= half + 1;
    } else {
      n = half;
    }
  }
  return lo;
}

/* Whether a rule other than the one at position `self` has this FID-PRI
   (the MIPv6 sort key). */
static int prio_taken(const mipfb_policy *pol, uint32_t prio, uint32_t self) {
  uint32_t pos;
  if (pol->family != MIPFB_POLICY_MIP6) {
    return 0;
  }
  pos = key_pos(pol, prio);
  return pos < pol->n_rules && pos != self && pol->comp[pol->order[pos]].key == prio;
}

static void order_remove(mipfb_policy *pol, uint32_t pos) {
  memmove(&pol->order[pos], &pol->order[pos + 1], (pol->n_rules - pos - 1) * sizeof pol->order[0]);
  memmove(&pol->ids[pos], &pol->ids[pos + 1], (pol->n_rules - pos - 1) * sizeof pol->ids[0]);
  pol->n_rules--;
}

/* Insert slot s (its comp built) at its sorted place (keys are unique). */
static void order_insert(mipfb_policy *pol, uint32_t s) {
  uint32_t pos = key_pos(pol, pol->comp[s].key);
  memmove(&pol->order[pos + 1], &pol->order[pos], (pol->n_rules - pos) * sizeof pol->order[0]);
  memmove(&pol->ids[pos + 1], &pol->ids[pos], (pol->n_rules - pos) * sizeof pol->ids[0]);
  pol->order[pos] = s;
  pol->ids[pos] = pol->slots[s].rule.id;
  pol->n_rules++;
}

int mipfb_policy_add_rule(mipfb_policy *pol, const mipfb_policy_rule *rule) {
  uint32_t s;
  int rc;
  if (pol == NULL || rule == NULL) {
    return MIPFB_ERR_INVALID_ARG;
  }
  if ((rc = rule_check(pol, rule)) != 0) {
    return rc;
  }
  if (find_id(pol, rule->id) != pol->n_rules || prio_taken(pol, rule->prio, pol->n_rules)) {
    return MIPFB_ERR_DUPLICATE;
  }
  if (pol->n_rules == pol->max_rules) {
    return MIPFB_ERR_TABLE_FULL;
  }
  if (pol->next_seq == UINT32_MAX) { /* arrival numbers exhausted: renumber, order kept */
    for (pol->next_seq = 0; pol->next_seq < pol->n_rules; pol->next_seq++) {
      pol->slots[pol->order[pol->next_seq]].seq = pol->next_seq;
      pol->comp[pol->order[pol->next_seq]].key = pol->next_seq;
    }
  }
  for (s = 0; pol->slots[s].used; s++) { /* a free slot exists: n_rules < max_rules */
  }
  pol->slots[s].rule = *rule;
  pol->slots[s].seq = pol->next_seq++;
  pol->slots[s].used = 1;
  mipfb_policy_comp_build(pol, s);
  mipfb_policy_index_add(pol, s);
  order_insert(pol, s);
  return 0;
}

int mipfb_policy_replace_rule(mipfb_policy *pol, const mipfb_policy_rule *rule) {
  uint32_t pos, s;
  int rc;
  if (pol == NULL || rule == NULL) {
    return MIPFB_ERR_INVALID_ARG;
  }
  if ((rc = rule_check(pol, rule)) != 0) {
    return rc;
  }
  pos = find_id(pol, rule->id);
  if (pos == pol->n_rules) {
    return MIPFB_ERR_NOT_FOUND;
  }
  if (prio_taken(pol, rule->prio, pos)) {
    return MIPFB_ERR_DUPLICATE;
  }
  s = pol->order[pos];
  order_remove(pol, pos);
  mipfb_policy_index_remove(pol, s);
  pol->slots[s].rule = *rule; /* seq kept: a MIPv4 rule keeps its place */
  mipfb_policy_comp_build(pol, s);
  mipfb_policy_index_add(pol, s);
  order_insert(pol, s);
  return 0;
}

int mipfb_policy_remove_rule(mipfb_policy *pol, uint32_t id) {
  uint32_t pos;
  if (pol == NULL) {
    return MIPFB_ERR_INVALID_ARG;
  }
  pos = find_id(pol, id);
  if (pos == pol->n_rules) {
    return MIPFB_ERR_NOT_FOUND;
  }
  mipfb_policy_index_remove(pol, pol->order[pos]);
  pol->comp[pol->order[pos]].active = 0;
  pol->slots[pol->order[pos]].used = 0;
  order_remove(pol, pos);
  return 0;
}
