/* MIPv4 home agent: introspection (nodes, bindings, rules). */
#include "ha4_int.h"

#include <string.h>

int mipfb_ha4_node_info(const mipfb_ha4 *ha, uint32_t hoa, mipfb_ha4_node *out) {
  const ha4_node *n;
  if (ha == NULL || out == NULL) {
    return MIPFB_ERR_INVALID_ARG;
  }
  n = ha4_node_find(ha, hoa);
  if (n == NULL) {
    return MIPFB_ERR_NOT_FOUND;
  }
  memset(out, 0, sizeof *out);
  out->hoa = n->hoa;
  out->n_bindings = n->n_bind;
  out->n_rules = n->n_rules;
  out->last_id = n->last_id;
  out->multipath = (uint8_t)((n->flags & HA4_NODE_MULTIPATH) != 0);
  out->idle_until_ms = (n->flags & HA4_NODE_IDLE) != 0 ? n->idle_until : 0;
  return 0;
}

static void binding_out(const ha4_bind *b, uint64_t now_ms, mipfb_ha4_binding *out) {
  memset(out, 0, sizeof *out);
  out->bid = b->bid;
  out->coa = b->coa;
  out->if_att = b->if_att;
  out->if_label = b->if_label;
  out->encap = b->encap;
  out->reverse = b->reverse;
  out->lifetime_s = b->lifetime;
  out->expires_ms = b->expires;
  out->remaining_ms = b->expires > now_ms ? b->expires - now_ms : 0;
}

int mipfb_ha4_binding_get(const mipfb_ha4 *ha, uint32_t hoa, uint16_t bid, uint64_t now_ms, mipfb_ha4_binding *out) {
  const ha4_node *n;
  uint32_t i;
  if (ha == NULL || out == NULL) {
    return MIPFB_ERR_INVALID_ARG;
  }
  n = ha4_node_find(ha, hoa);
  if (n == NULL) {
    return MIPFB_ERR_NOT_FOUND;
  }
  for (i = n->bind; i != HA4_NONE; i = ha->binds[i].next) {
    if (ha->binds[i].bid == bid) {
      binding_out(&ha->binds[i], now_ms, out);
      return 0;
    }
  }
  return MIPFB_ERR_NOT_FOUND;
}

/* The node of hoa for a listing call into out[cap], or NULL (bad
   arguments or no such node: the listing is empty). */
static const ha4_node *list_node(const mipfb_ha4 *ha, uint32_t hoa, const void *out, size_t cap) {
  if (ha == NULL || (out == NULL && cap != 0)) {
    return NULL;
  }
  return ha4_node_find(ha, hoa);
}

size_t mipfb_ha4_bindings(const mipfb_ha4 *ha, uint32_t hoa, uint64_t now_ms, mipfb_ha4_binding *out, size_t cap) {
  const ha4_node *n = list_node(ha, hoa, out, cap);
  uint32_t i;
  size_t k = 0;
  for (i = n != NULL ? n->bind : HA4_NONE; i != HA4_NONE; i = ha->binds[i].next) {
    if (k < cap) {
      binding_out(&ha->binds[i], now_ms, &out[k]);
    }
    k++;
  }
  return k;
}

size_t mipfb_ha4_rules(const mipfb_ha4 *ha, uint32_t hoa, mipfb_policy_rule *out, size_t cap) {
  const ha4_node *n = list_node(ha, hoa, out, cap);
  uint32_t i;
  size_t k = 0;
  for (i = n != NULL ? n->rule : HA4_NONE; i != HA4_NONE; i = ha4_rule_at(ha, i)->next) {
    if (k < cap) {
      ha4_rule_to_policy(ha, ha4_rule_at(ha, i), (uint32_t)k, &out[k]);
    }
    k++;
  }
  return k;
}
