/* MIPv4 home agent: applying a planned change of one node (its bindings
   pb[] and its rules new_r[]) through the tunnel and flow hooks, removals
   first, with every hook call undone in reverse order when one fails; then
   the commit into the pools, the node's lists and the expiry wheel. Also
   expiry (timeout) and rule pruning. */
#include "ha4_int.h"

#include <string.h>

uint32_t ha4_collect_bindings(const mipfb_ha4 *ha, const ha4_node *n) {
  uint32_t i, k = 0;
  for (i = n->bind; i != HA4_NONE; i = ha->binds[i].next) {
    ha->old_b[k++] = i;
  }
  return k;
}

uint32_t ha4_collect_rules(const mipfb_ha4 *ha, const ha4_node *n) {
  uint32_t i, k = 0;
  for (i = n->rule; i != HA4_NONE; i = ha4_rule_at(ha, i)->next) {
    ha->old_r[k++] = i;
  }
  return k;
}

/* Bitmap of the BIDs of pb[0..n_pb-1]. */
static void pb_bids(const mipfb_ha4 *ha, uint32_t n_pb, uint64_t set[4]) {
  uint32_t i;
  set[0] = set[1] = set[2] = set[3] = 0;
  for (i = 0; i < n_pb; i++) {
    set[ha->pb[i].bid / 64u] |= (uint64_t)1 << (ha->pb[i].bid % 64u);
  }
}

static int in_set(const uint64_t set[4], uint8_t bid) { return (set[bid / 64u] >> (bid % 64u) & 1u) != 0; }

uint32_t ha4_prune_rules(mipfb_ha4 *ha, uint32_t n_old_r, uint32_t n_pb) {
  uint64_t set[4];
  uint32_t i, k = 0;
  if (n_pb == 0) {
    return 0; /* no binding left: the policy is cleared */
  }
  pb_bids(ha, n_pb, set);
  for (i = 0; i < n_old_r; i++) {
    const ha4_rule *o = ha4_rule_at(ha, ha->old_r[i]);
    ha4_rule *r = ha4_new_rule_at(ha, k);
    unsigned j, m = 0;
    memcpy(r, o, sizeof(ha4_rule) + o->ts_len);
    if (r->action == MIPFB_ACTION_FORWARD) {
      memset(r->bids, 0, sizeof r->bids);
      for (j = 0; j < o->n_bids; j++) {
        if (in_set(set, o->bids[j])) {
          r->bids[m++] = o->bids[j];
        }
      }
      r->n_bids = (uint8_t)m;
      if (m == 0) {
        continue; /* a FORWARD rule without BID leaves the policy */
      }
    }
    k++;
  }
  return k;
}

/* ---- hook events ---- */

static void tunnel_ev(const mipfb_ha4 *ha, const ha4_node *n, uint8_t op, uint8_t bid, uint32_t coa, uint8_t if_att,
                      uint8_t if_label, uint8_t encap, uint8_t reverse, uint16_t lifetime, mipfb_tunnel_event *ev) {
  memset(ev, 0, sizeof *ev);
  ev->op = op;
  ev->role = MIPFB_ROLE_HA4;
  ev->if_att = if_att;
  ev->if_label = if_label;
  ev->encap = encap;
  ev->reverse = reverse;
  ev->bid = bid;
  ev->lifetime_s = op == MIPFB_TUNNEL_REMOVE ? 0 : lifetime;
  ev->hoa = mipfb_addr_ipv4(n->hoa);
  ev->local = mipfb_addr_ipv4(ha->cfg.ha_addr);
  ev->remote = mipfb_addr_ipv4(coa);
}

int ha4_tunnel_bind(const mipfb_ha4 *ha, const ha4_node *n, const ha4_bind *b, uint8_t op) {
  mipfb_tunnel_event ev;
  tunnel_ev(ha, n, op, b->bid, b->coa, b->if_att, b->if_label, b->encap, b->reverse, b->lifetime, &ev);
  return agent_tunnel(&ha->host, &ev);
}

static int tunnel_old(const mipfb_ha4 *ha, const ha4_node *n, uint8_t op, uint32_t pos) {
  return ha4_tunnel_bind(ha, n, &ha->binds[ha->old_b[pos]], op);
}

static int tunnel_new(const mipfb_ha4 *ha, const ha4_node *n, uint8_t op, uint32_t i) {
  const ha4_pbind *p = &ha->pb[i];
  mipfb_tunnel_event ev;
  tunnel_ev(ha, n, op, p->bid, p->coa, p->if_att, p->if_label, p->encap, p->reverse, p->lifetime, &ev);
  return agent_tunnel(&ha->host, &ev);
}

int ha4_flow_rule(const mipfb_ha4 *ha, const ha4_node *n, const ha4_rule *r, uint32_t pos) {
  mipfb_policy_rule pr;
  mipfb_flow_event ev;
  if (ha->host.h.flow == NULL) {
    return 0;
  }
  memset(&ev, 0, sizeof ev);
  if (r != NULL) {
    ha4_rule_to_policy(ha, r, pos, &pr);
  } else {
    memset(&pr, 0, sizeof pr);
    pr.id = pos + 1u;
  }
  ev.op = r != NULL ? MIPFB_FLOW_INSTALL : MIPFB_FLOW_REMOVE;
  ev.role = MIPFB_ROLE_HA4;
  ev.order = pos;
  ev.hoa = mipfb_addr_ipv4(n->hoa);
  ev.rule = &pr;
  return agent_flow(&ha->host, &ev);
}

static int bind_same(const ha4_bind *b, const ha4_pbind *p) {
  return b->coa == p->coa && b->if_att == p->if_att && b->if_label == p->if_label && b->encap == p->encap &&
         b->reverse == p->reverse && b->lifetime == p->lifetime;
}

static int rule_same(const ha4_rule *a, const ha4_rule *b) {
  size_t n = ha4_rule_bytes(a);
  return n == ha4_rule_bytes(b) && memcmp(&a->action, &b->action, n) == 0;
}

/* Undo u[k-1] .. u[0]. Failures of the inverse calls are only logged. */
static void undo_all(mipfb_ha4 *ha, const ha4_node *n, uint32_t k, uint32_t n_or) {
  while (k-- > 0) {
    const ha4_undo *u = &ha->undo[k];
    if (u->kind == HA4_UNDO_TUNNEL_OLD) { /* REMOVE of an old binding: add it back */
      (void)tunnel_old(ha, n, MIPFB_TUNNEL_ADD, u->pos);
    } else if (u->kind == HA4_UNDO_TUNNEL_NEW) {
      const ha4_pbind *p = &ha->pb[u->pos];
      if (u->op == MIPFB_TUNNEL_ADD) {
        (void)tunnel_new(ha, n, MIPFB_TUNNEL_REMOVE, u->pos);
      } else {
        (void)tunnel_old(ha, n, MIPFB_TUNNEL_CHANGE, p->old);
      }
    } else if (u->pos < n_or) { /* flow at an old position: the old rule again */
      (void)ha4_flow_rule(ha, n, ha4_rule_at(ha, ha->old_r[u->pos]), u->pos);
    } else {
      (void)ha4_flow_rule(ha, n, NULL, u->pos);
    }
  }
}

static void push_undo(mipfb_ha4 *ha, uint32_t *k, uint8_t kind, uint8_t op, uint32_t pos) {
  ha4_undo *u = &ha->undo[(*k)++];
  u->kind = kind;
  u->op = op;
  u->pos = (uint16_t)pos;
}

/* The hook calls; returns 0 or MIPFB_ERR_HOOK (undone unless force). */
static int call_hooks(mipfb_ha4 *ha, const ha4_node *n, uint32_t n_ob, uint32_t n_or, uint32_t n_pb,
                      uint32_t n_new_r, const uint8_t *kept, int force) {
  uint32_t i, k = 0;
  int err = 0;
#define HA4_STEP(call, kind, op, pos)                                                                                \
  do {                                                                                                               \
    if ((call) != 0) {                                                                                               \
      if (!force) {                                                                                                  \
        undo_all(ha, n, k, n_or);                                                                                    \
        return MIPFB_ERR_HOOK;                                                                                       \
      }                                                                                                              \
      err = MIPFB_ERR_HOOK;                                                                                          \
    } else {                                                                                                         \
      push_undo(ha, &k, kind, op, pos);                                                                              \
    }                                                                                                                \
  } while (0)
  /* removals first: rules past the new end, then tunnels */
  for (i = n_or; i-- > n_new_r;) {
    HA4_STEP(ha4_flow_rule(ha, n, NULL, i), HA4_UNDO_FLOW, MIPFB_FLOW_REMOVE, i);
  }
  for (i = 0; i < n_ob; i++) {
    if (!kept[i]) {
      HA4_STEP(tunnel_old(ha, n, MIPFB_TUNNEL_REMOVE, i), HA4_UNDO_TUNNEL_OLD, MIPFB_TUNNEL_REMOVE, i);
    }
  }
  for (i = 0; i < n_pb; i++) {
    const ha4_pbind *p = &ha->pb[i];
    if (p->old == HA4_NONE) {
      HA4_STEP(tunnel_new(ha, n, MIPFB_TUNNEL_ADD, i), HA4_UNDO_TUNNEL_NEW, MIPFB_TUNNEL_ADD, i);
    } else if (!bind_same(&ha->binds[ha->old_b[p->old]], p)) {
      HA4_STEP(tunnel_new(ha, n, MIPFB_TUNNEL_CHANGE, i), HA4_UNDO_TUNNEL_NEW, MIPFB_TUNNEL_CHANGE, i);
    }
  }
  for (i = 0; i < n_new_r; i++) {
    const ha4_rule *r = ha4_new_rule_at(ha, i);
    if (i >= n_or || !rule_same(r, ha4_rule_at(ha, ha->old_r[i]))) {
      HA4_STEP(ha4_flow_rule(ha, n, r, i), HA4_UNDO_FLOW, MIPFB_FLOW_INSTALL, i);
    }
  }
#undef HA4_STEP
  return err;
}

static void fill_bind(ha4_bind *b, const ha4_pbind *p, uint32_t node) {
  b->coa = p->coa;
  b->node = node;
  b->lifetime = p->lifetime;
  b->bid = p->bid;
  b->if_att = p->if_att;
  b->if_label = p->if_label;
  b->encap = p->encap;
  b->reverse = p->reverse;
}

/* The commit; cannot fail (the plan checked the pools). */
static void commit(mipfb_ha4 *ha, uint32_t node, uint32_t n_ob, uint32_t n_or, uint32_t n_pb, uint32_t n_new_r,
                   const uint8_t *kept, uint64_t now_ms) {
  ha4_node *n = &ha->nodes[node];
  uint32_t i, prev = HA4_NONE;
  for (i = 0; i < n_ob; i++) {
    if (!kept[i]) {
      ha4_wheel_remove(ha, ha->old_b[i]);
      ha4_bind_release(ha, ha->old_b[i]);
    }
  }
  n->bind = HA4_NONE;
  for (i = 0; i < n_pb; i++) {
    const ha4_pbind *p = &ha->pb[i];
    uint32_t b;
    if (p->old != HA4_NONE) {
      b = ha->old_b[p->old];
      if (ha->binds[b].expires != p->expires) {
        ha4_wheel_remove(ha, b);
        ha->binds[b].expires = p->expires;
        ha4_wheel_add(ha, b);
      }
    } else {
      b = ha4_bind_alloc(ha); /* room checked by the plan */
      ha->binds[b].expires = p->expires;
      ha4_wheel_add(ha, b);
    }
    fill_bind(&ha->binds[b], p, node);
    ha->binds[b].next = HA4_NONE;
    if (prev == HA4_NONE) {
      n->bind = b;
    } else {
      ha->binds[prev].next = b;
    }
    prev = b;
  }
  n->n_bind = (uint8_t)n_pb;
  /* rules: records reused by position */
  for (i = n_new_r; i < n_or; i++) {
    ha4_rule_release(ha, ha->old_r[i]);
  }
  n->rule = HA4_NONE;
  prev = HA4_NONE;
  for (i = 0; i < n_new_r; i++) {
    const ha4_rule *src = ha4_new_rule_at(ha, i);
    uint32_t r = i < n_or ? ha->old_r[i] : ha4_rule_alloc(ha);
    ha4_rule *dst = ha4_rule_at(ha, r);
    memcpy(dst, src, sizeof(ha4_rule) + src->ts_len);
    dst->next = HA4_NONE;
    if (prev == HA4_NONE) {
      n->rule = r;
    } else {
      ha4_rule_at(ha, prev)->next = r;
    }
    prev = r;
  }
  n->n_rules = (uint16_t)n_new_r;
  if (n_pb == 0) {
    n->flags = (uint8_t)(n->flags & ~HA4_NODE_MULTIPATH);
    if ((n->flags & HA4_NODE_IDLE) == 0) {
      /* A replayed request carries a timestamp at most one window ahead
         of the agent's clock when it was accepted, and is refused once
         that timestamp is a window behind: two windows, plus the second
         the timestamps are compared at. */
      ha4_idle_add(ha, node, now_ms + 2u * (uint64_t)ha->cfg.replay_window_ms + 1000u);
    }
  } else if ((n->flags & HA4_NODE_IDLE) != 0) {
    ha4_idle_remove(ha, node);
  }
}

int ha4_apply(mipfb_ha4 *ha, uint32_t node, uint32_t n_pb, uint32_t n_new_r, int force, uint64_t now_ms) {
  const ha4_node *n = &ha->nodes[node];
  uint8_t kept[MIPFB_HA4_MAX_BINDINGS_PER_NODE + 1];
  uint32_t n_ob = ha4_collect_bindings(ha, n);
  uint32_t n_or = ha4_collect_rules(ha, n);
  uint32_t i;
  int rc;
  memset(kept, 0, sizeof kept);
  for (i = 0; i < n_pb; i++) {
    if (ha->pb[i].old != HA4_NONE) {
      kept[ha->pb[i].old] = 1;
    }
  }
  rc = call_hooks(ha, n, n_ob, n_or, n_pb, n_new_r, kept, force);
  if (rc != 0 && !force) {
    return rc;
  }
  commit(ha, node, n_ob, n_or, n_pb, n_new_r, kept, now_ms);
  return rc;
}

/* Planned binding equal to an existing one. */
static void pb_from(ha4_pbind *p, const ha4_bind *b, uint32_t pos) {
  p->expires = b->expires;
  p->old = pos;
  p->coa = b->coa;
  p->lifetime = b->lifetime;
  p->bid = b->bid;
  p->if_att = b->if_att;
  p->if_label = b->if_label;
  p->encap = b->encap;
  p->reverse = b->reverse;
}

void ha4_pb_keep(mipfb_ha4 *ha, uint32_t pos, uint32_t at) { pb_from(&ha->pb[at], &ha->binds[ha->old_b[pos]], pos); }

int ha4_expire(mipfb_ha4 *ha, uint64_t now_ms) {
  int err = 0;
  uint32_t b;
  while ((b = ha4_wheel_due(ha, now_ms)) != HA4_NONE) {
    uint32_t node = ha->binds[b].node;
    const ha4_node *n = &ha->nodes[node];
    uint32_t n_ob = ha4_collect_bindings(ha, n);
    uint32_t n_or = ha4_collect_rules(ha, n);
    uint32_t i, n_pb = 0, n_new_r;
    uint16_t bid = ha->binds[b].bid;
    for (i = 0; i < n_ob; i++) {
      if (ha->old_b[i] != b) {
        ha4_pb_keep(ha, i, n_pb++);
      }
    }
    n_new_r = ha4_prune_rules(ha, n_or, n_pb);
    if (ha4_apply(ha, node, n_pb, n_new_r, 1, now_ms) != 0) {
      err = MIPFB_ERR_HOOK;
      ha->stats.hook_failures++;
    }
    ha->stats.expired++;
    agent_log(&ha->host, MIPFB_LOG_INFO, "binding expired", ha->nodes[node].hoa, bid, 0, 0);
  }
  while (ha->idle_head != HA4_NONE && ha->nodes[ha->idle_head].idle_until <= now_ms) {
    ha4_node_release(ha, ha->idle_head);
  }
  return err;
}
