/* Foreign agent: the visitor list. An accepted reply becomes a plan
   (which of the node's visitors go, which one is added or refreshed,
   whether the others are extended: doc/agents.md binding semantics seen
   from the FA), played through the tunnel hook step by step, undone in
   reverse on a failure, and committed to the table only when every step
   succeeded. */
#include "fa4_int.h"

#include <string.h>

/* Which of the node's visitors a plan removes. */
#define RM_NONE 0
#define RM_ALL 1    /* every visitor of the node */
#define RM_OTHERS 2 /* every visitor of the node but plan.bid */
#define RM_BID 3    /* plan.bid only */

typedef struct fa4_plan {
  uint32_t hoa;
  uint16_t bid;
  int remove;         /* RM_* */
  int target;         /* 1: add or refresh (hoa, bid) with `nv` */
  int extend;         /* 1: every other visitor of the node gets lifetime `granted` (B = 1) */
  uint32_t target_at; /* the existing entry of (hoa, bid), or FA4_NIL */
  uint32_t granted;
  uint64_t expires_ms;
  fa4_visitor nv; /* the target's new values */
} fa4_plan;

uint32_t fa4_vis_find(const mipfb_fa4 *fa, uint32_t hoa, uint16_t bid) {
  uint32_t i;
  for (i = fa->vis_head[fa4_vis_bucket(fa, hoa)]; i != FA4_NIL; i = fa->vis[i].hnext) {
    if (fa->vis[i].hoa == hoa && fa->vis[i].bid == bid) {
      return i;
    }
  }
  return FA4_NIL;
}

void fa4_vis_export(const fa4_visitor *v, uint64_t now_ms, mipfb_fa4_visitor *out) {
  memset(out, 0, sizeof *out);
  out->hoa = v->hoa;
  out->ha = v->ha;
  out->bid = v->bid;
  out->ifindex = v->ifindex;
  out->node_addr = v->node_addr;
  out->node_port = v->node_port;
  out->if_att = v->if_att;
  out->if_label = v->if_label;
  out->encap = v->encap;
  out->reverse = v->reverse;
  out->lifetime_s = v->lifetime_s;
  out->expires_ms = v->expires_ms;
  out->remaining_ms = v->expires_ms > now_ms ? v->expires_ms - now_ms : 0;
}

static mipfb_tunnel_event tunnel_ev(const mipfb_fa4 *fa, const fa4_visitor *v, uint8_t op) {
  mipfb_tunnel_event ev;
  memset(&ev, 0, sizeof ev);
  ev.op = op;
  ev.role = MIPFB_ROLE_FA4;
  ev.if_att = v->if_att;
  ev.if_label = v->if_label;
  ev.encap = v->encap;
  ev.reverse = v->reverse;
  ev.bid = v->bid;
  ev.ifindex = v->ifindex;
  ev.lifetime_s = op == MIPFB_TUNNEL_REMOVE ? 0 : v->lifetime_s;
  ev.hoa = mipfb_addr_ipv4(v->hoa);
  ev.local = mipfb_addr_ipv4(fa->cfg.fa_addr);
  ev.remote = mipfb_addr_ipv4(v->ha);
  return ev;
}

static int removes(const fa4_plan *pl, const fa4_visitor *v) {
  if (v->hoa != pl->hoa) {
    return 0;
  }
  switch (pl->remove) {
  case RM_ALL:
    return 1;
  case RM_OTHERS:
    return v->bid != pl->bid;
  case RM_BID:
    return v->bid == pl->bid;
  default:
    return 0;
  }
}

/* Step j of a plan (removals in chain order, the target, the extensions
   in chain order) as its event and the event undoing it. 0 when there
   is no step j. */
static int plan_step(const mipfb_fa4 *fa, const fa4_plan *pl, size_t j, mipfb_tunnel_event *fwd,
                     mipfb_tunnel_event *inv) {
  uint32_t head = fa->vis_head[fa4_vis_bucket(fa, pl->hoa)], i;
  size_t k = 0;
  for (i = head; i != FA4_NIL; i = fa->vis[i].hnext) {
    if (removes(pl, &fa->vis[i]) && k++ == j) {
      *fwd = tunnel_ev(fa, &fa->vis[i], MIPFB_TUNNEL_REMOVE);
      *inv = tunnel_ev(fa, &fa->vis[i], MIPFB_TUNNEL_ADD);
      return 1;
    }
  }
  if (pl->target && k++ == j) {
    if (pl->target_at == FA4_NIL) {
      *fwd = tunnel_ev(fa, &pl->nv, MIPFB_TUNNEL_ADD);
      *inv = tunnel_ev(fa, &pl->nv, MIPFB_TUNNEL_REMOVE);
    } else {
      *fwd = tunnel_ev(fa, &pl->nv, MIPFB_TUNNEL_CHANGE);
      *inv = tunnel_ev(fa, &fa->vis[pl->target_at], MIPFB_TUNNEL_CHANGE);
    }
    return 1;
  }
  if (pl->extend) {
    for (i = head; i != FA4_NIL; i = fa->vis[i].hnext) {
      const fa4_visitor *v = &fa->vis[i];
      if (v->hoa == pl->hoa && v->bid != pl->bid && k++ == j) {
        fa4_visitor nv = *v;
        nv.lifetime_s = pl->granted;
        *fwd = tunnel_ev(fa, &nv, MIPFB_TUNNEL_CHANGE);
        *inv = tunnel_ev(fa, v, MIPFB_TUNNEL_CHANGE);
        return 1;
      }
    }
  }
  return 0;
}

/* Play the plan through the tunnel hook; on a failure undo the steps
   already played, in reverse order. */
static int plan_play(mipfb_fa4 *fa, const fa4_plan *pl) {
  mipfb_tunnel_event fwd, inv;
  size_t j, k;
  for (j = 0; plan_step(fa, pl, j, &fwd, &inv); j++) {
    if (agent_tunnel(&fa->host, &fwd) != 0) {
      fa->stats.hook_failures++;
      for (k = j; k-- > 0;) {
        (void)plan_step(fa, pl, k, &fwd, &inv);
        if (agent_tunnel(&fa->host, &inv) != 0) {
          fa->stats.hook_failures++;
        }
      }
      return MIPFB_ERR_HOOK;
    }
  }
  return 0;
}

static void vis_unlink_release(mipfb_fa4 *fa, uint32_t i) {
  uint32_t *link = &fa->vis_head[fa4_vis_bucket(fa, fa->vis[i].hoa)];
  while (*link != i) {
    link = &fa->vis[*link].hnext;
  }
  *link = fa->vis[i].hnext;
  fa4_vis_deadline_drop(fa, fa->vis[i].expires_ms);
  fa->vis[i].used = 0;
  fa->vis[i].hnext = fa->vis_free;
  fa->vis_free = i;
  fa->n_vis--;
}

static void plan_commit(mipfb_fa4 *fa, const fa4_plan *pl) {
  uint32_t i, next, b;
  b = fa4_vis_bucket(fa, pl->hoa);
  for (i = fa->vis_head[b]; i != FA4_NIL; i = next) {
    next = fa->vis[i].hnext;
    if (removes(pl, &fa->vis[i])) {
      agent_log(&fa->host, MIPFB_LOG_INFO, "visitor removed", pl->hoa, fa->vis[i].bid, 0, 0);
      vis_unlink_release(fa, i);
      fa->stats.visitors_removed++;
    }
  }
  if (pl->target) {
    i = pl->target_at;
    if (i == FA4_NIL) {
      i = fa->vis_free;
      fa->vis_free = fa->vis[i].hnext;
      fa->vis[i] = pl->nv;
      fa->vis[i].used = 1;
      fa->vis[i].seq = ++fa->seq;
      fa->vis[i].hnext = fa->vis_head[b];
      fa->vis_head[b] = i;
      fa->n_vis++;
      fa->stats.visitors_added++;
      agent_log(&fa->host, MIPFB_LOG_INFO, "visitor added", pl->hoa, pl->bid, 0, 0);
    } else {
      uint32_t hnext = fa->vis[i].hnext;
      uint64_t seq = fa->vis[i].seq;
      fa4_vis_deadline_drop(fa, fa->vis[i].expires_ms);
      fa->vis[i] = pl->nv;
      fa->vis[i].used = 1;
      fa->vis[i].seq = seq;
      fa->vis[i].hnext = hnext;
      agent_log(&fa->host, MIPFB_LOG_INFO, "visitor refreshed", pl->hoa, pl->bid, 0, 0);
    }
    fa4_vis_deadline_note(fa, pl->expires_ms);
  }
  if (pl->extend) {
    for (i = fa->vis_head[b]; i != FA4_NIL; i = fa->vis[i].hnext) {
      fa4_visitor *v = &fa->vis[i];
      if (v->hoa == pl->hoa && v->bid != pl->bid) {
        fa4_vis_deadline_drop(fa, v->expires_ms);
        v->lifetime_s = pl->granted;
        v->expires_ms = pl->expires_ms;
        fa4_vis_deadline_note(fa, v->expires_ms);
      }
    }
  }
}

/* The plan of an accepted reply (doc/agents.md "Binding semantics", from
   the foreign agent's side: every visitor of this agent has its care-of
   address). */
static void plan_make(const mipfb_fa4 *fa, uint64_t now_ms, const fa4_pending *p, uint32_t hoa, uint32_t granted_s,
                      fa4_plan *pl) {
  memset(pl, 0, sizeof *pl);
  pl->hoa = hoa;
  pl->bid = p->bid;
  pl->granted = granted_s;
  pl->target_at = FA4_NIL;
  if (granted_s == 0) {
    if (p->ext == FA4_EXT_NONE) {
      pl->remove = (p->coa == p->hoa || p->coa == hoa || p->coa == fa->cfg.fa_addr) ? RM_ALL : RM_NONE;
    } else {
      pl->remove = p->b ? RM_ALL : RM_BID;
    }
    return;
  }
  if (p->coa != fa->cfg.fa_addr || (p->flags & MIPFB_MIP4_FLAG_D) != 0) {
    return; /* a co-located care-of address registered through this agent */
  }
  pl->target = 1;
  pl->target_at = fa4_vis_find(fa, hoa, p->bid);
  if (p->ext == FA4_EXT_NONE || p->o) {
    pl->remove = RM_OTHERS;
  } else if (p->b) {
    pl->extend = 1;
  }
  pl->expires_ms = agent_deadline_after_s(now_ms, granted_s);
  memset(&pl->nv, 0, sizeof pl->nv);
  pl->nv.hoa = hoa;
  pl->nv.ha = p->ha;
  pl->nv.ifindex = p->ifindex;
  pl->nv.node_addr = p->node_addr;
  pl->nv.node_port = p->node_port;
  pl->nv.lifetime_s = granted_s;
  pl->nv.expires_ms = pl->expires_ms;
  pl->nv.bid = p->bid;
  pl->nv.if_att = p->if_att;
  pl->nv.if_label = p->if_label;
  pl->nv.encap = agent_encap_of(p->flags);
  pl->nv.reverse = (p->flags & MIPFB_MIP4_FLAG_T) ? 1 : 0;
  pl->nv.used = 1;
}

int fa4_vis_apply(mipfb_fa4 *fa, uint64_t now_ms, const fa4_pending *p, uint32_t hoa, uint32_t granted_s) {
  fa4_plan pl;
  int rc;
  if (hoa == 0) {
    return 0;
  }
  plan_make(fa, now_ms, p, hoa, granted_s, &pl);
  if (pl.target && pl.target_at == FA4_NIL) {
    /* a free slot, counting the ones the plan releases first */
    size_t freed = 0;
    uint32_t i;
    for (i = fa->vis_head[fa4_vis_bucket(fa, hoa)]; i != FA4_NIL; i = fa->vis[i].hnext) {
      freed += (size_t)removes(&pl, &fa->vis[i]);
    }
    if (fa->vis_free == FA4_NIL && freed == 0) {
      agent_log(&fa->host, MIPFB_LOG_ERROR, "visitor table full", hoa, p->bid, 0, MIPFB_ERR_TABLE_FULL);
      return MIPFB_ERR_TABLE_FULL;
    }
  }
  rc = plan_play(fa, &pl);
  if (rc != 0) {
    return rc;
  }
  plan_commit(fa, &pl);
  return 0;
}

int fa4_vis_expire(mipfb_fa4 *fa, uint64_t now_ms) {
  uint32_t i;
  int rc = 0;
  if (!fa->vis_min_dirty && fa->vis_min > now_ms) {
    return 0;
  }
  for (i = 0; i < fa->cfg.max_visitors; i++) {
    fa4_visitor *v = &fa->vis[i];
    if (v->used && v->expires_ms <= now_ms) {
      mipfb_tunnel_event ev = tunnel_ev(fa, v, MIPFB_TUNNEL_REMOVE);
      if (agent_tunnel(&fa->host, &ev) != 0) {
        fa->stats.hook_failures++;
        rc = MIPFB_ERR_HOOK;
      }
      agent_log(&fa->host, MIPFB_LOG_INFO, "visitor expired", v->hoa, v->bid, 0, 0);
      vis_unlink_release(fa, i);
      fa->stats.visitors_expired++;
    }
  }
  return rc;
}
