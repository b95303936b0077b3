/* MIPv4 foreign agent: configuration, memory layout, init, the deadline,
   entry points and introspection. Relay logic in fa4_relay.c, tables in
   fa4_pending.c and fa4_visitors.c. */
#include "fa4_int.h"

#include <string.h>

#define FA4_ROUND8(n) (((n) + 7u) & ~(size_t)7u)

/* Smallest power of two >= n (n <= 65535). */
static uint32_t pow2_at_least(uint32_t n) {
  uint32_t p = 1;
  while (p < n) {
    p <<= 1;
  }
  return p;
}

void mipfb_fa4_config_default(mipfb_fa4_config *cfg) {
  if (cfg == NULL) {
    return;
  }
  memset(cfg, 0, sizeof *cfg);
  cfg->max_visitors = 64;
  cfg->max_pending = 64;
  cfg->pending_timeout_ms = MIPFB_FA4_PENDING_TIMEOUT_MS;
  cfg->max_lifetime = 1800;
  cfg->enable_multiple_tunnel_support = 1;
  cfg->reply_on_timeout = 0;
  (void)mipfb_codepoints_default(&cfg->cp, MIPFB_PROFILE_RFC);
}

static int config_ok(const mipfb_fa4_config *cfg) {
  return cfg != NULL && cfg->fa_addr != 0 && cfg->max_visitors >= 1 && cfg->max_visitors <= MIPFB_FA4_MAX_ENTRIES &&
         cfg->max_pending >= 1 && cfg->max_pending <= MIPFB_FA4_MAX_ENTRIES && cfg->pending_timeout_ms >= 1 &&
         cfg->max_lifetime >= 1 && cfg->max_lifetime <= 65535u;
}

/* Offsets of the parts in the caller memory. */
typedef struct fa4_layout {
  size_t vis, pen, vis_head, pen_head, total;
} fa4_layout;

static fa4_layout layout(const mipfb_fa4_config *cfg) {
  fa4_layout l;
  size_t vb = pow2_at_least(cfg->max_visitors), pb = pow2_at_least(cfg->max_pending);
  l.vis = FA4_ROUND8(sizeof(mipfb_fa4));
  l.pen = l.vis + FA4_ROUND8(sizeof(fa4_visitor) * cfg->max_visitors);
  l.vis_head = l.pen + FA4_ROUND8(sizeof(fa4_pending) * cfg->max_pending);
  l.pen_head = l.vis_head + FA4_ROUND8(sizeof(uint32_t) * vb);
  l.total = l.pen_head + FA4_ROUND8(sizeof(uint32_t) * pb);
  return l;
}

size_t mipfb_fa4_mem_size(const mipfb_fa4_config *cfg) {
  if (!config_ok(cfg)) {
    return 0;
  }
  return layout(cfg).total;
}

int mipfb_fa4_init(mipfb_fa4 **out, void *mem, size_t mem_len, const mipfb_fa4_config *cfg,
                   const mipfb_hooks *hooks, void *user, uint64_t now_ms) {
  mipfb_fa4 *fa;
  fa4_layout l;
  agent_host host;
  uint32_t i;
  int rc;
  (void)now_ms;
  if (out == NULL || mem == NULL || hooks == NULL || !config_ok(cfg) || ((uintptr_t)mem & (MIPFB_FA4_ALIGN - 1)) != 0) {
    return MIPFB_ERR_INVALID_ARG;
  }
  rc = agent_host_init(&host, hooks, user, MIPFB_ROLE_FA4, 0);
  if (rc != 0) {
    return rc;
  }
  l = layout(cfg);
  if (mem_len < l.total) {
    return MIPFB_ERR_NOBUF;
  }
  memset(mem, 0, l.total);
  fa = (mipfb_fa4 *)mem;
  fa->host = host;
  fa->cfg = *cfg;
  fa->cfg.enable_multiple_tunnel_support = cfg->enable_multiple_tunnel_support ? 1 : 0;
  fa->vis = (fa4_visitor *)(void *)((uint8_t *)mem + l.vis);
  fa->pen = (fa4_pending *)(void *)((uint8_t *)mem + l.pen);
  fa->vis_head = (uint32_t *)(void *)((uint8_t *)mem + l.vis_head);
  fa->pen_head = (uint32_t *)(void *)((uint8_t *)mem + l.pen_head);
  fa->vis_mask = pow2_at_least(cfg->max_visitors) - 1;
  fa->pen_mask = pow2_at_least(cfg->max_pending) - 1;
  for (i = 0; i <= fa->vis_mask; i++) {
    fa->vis_head[i] = FA4_NIL;
  }
  for (i = 0; i <= fa->pen_mask; i++) {
    fa->pen_head[i] = FA4_NIL;
  }
  for (i = 0; i < cfg->max_visitors; i++) {
    fa->vis[i].hnext = i + 1 < cfg->max_visitors ? i + 1 : FA4_NIL;
  }
  for (i = 0; i < cfg->max_pending; i++) {
    fa->pen[i].hnext = i + 1 < cfg->max_pending ? i + 1 : FA4_NIL;
  }
  fa->vis_free = 0;
  fa->pen_free = 0;
  fa->pen_first = FA4_NIL;
  fa->pen_last = FA4_NIL;
  fa->vis_min = MIPFB_NO_DEADLINE;
  fa->deadline = MIPFB_NO_DEADLINE;
  *out = fa;
  return 0;
}

/* ---- deadline ---- */

void fa4_vis_deadline_note(mipfb_fa4 *fa, uint64_t t) {
  if (!fa->vis_min_dirty && t < fa->vis_min) {
    fa->vis_min = t;
  }
}

void fa4_vis_deadline_drop(mipfb_fa4 *fa, uint64_t t) {
  if (t <= fa->vis_min) {
    fa->vis_min_dirty = 1;
  }
}

void fa4_deadline_update(mipfb_fa4 *fa) {
  uint64_t d;
  uint32_t i;
  if (fa->vis_min_dirty) {
    fa->vis_min = MIPFB_NO_DEADLINE;
    for (i = 0; i < fa->cfg.max_visitors; i++) {
      if (fa->vis[i].used && fa->vis[i].expires_ms < fa->vis_min) {
        fa->vis_min = fa->vis[i].expires_ms;
      }
    }
    fa->vis_min_dirty = 0;
  }
  d = fa->vis_min;
  if (fa->pen_first != FA4_NIL && fa->pen[fa->pen_first].expires_ms < d) {
    d = fa->pen[fa->pen_first].expires_ms;
  }
  if (d != fa->deadline) {
    fa->deadline = d;
    agent_set_timer(&fa->host, d);
  }
}

/* ---- entry points ---- */

int mipfb_fa4_input(mipfb_fa4 *fa, uint64_t now_ms, const uint8_t *msg, size_t len, const mipfb_pkt_info *from) {
  int rc;
  if (fa == NULL || from == NULL || (msg == NULL && len != 0)) {
    return MIPFB_ERR_INVALID_ARG;
  }
  if (len < 1) {
    return MIPFB_ERR_TRUNCATED;
  }
  if (msg[0] == MIPFB_MIP4_RRQ) {
    rc = fa4_input_request(fa, now_ms, msg, len, from);
  } else if (msg[0] == MIPFB_MIP4_RRP) {
    rc = fa4_input_reply(fa, now_ms, msg, len, from);
  } else {
    agent_log(&fa->host, MIPFB_LOG_WARN, "not a registration message", 0, 0, 0, MIPFB_ERR_UNSUPPORTED);
    return MIPFB_ERR_UNSUPPORTED;
  }
  fa4_deadline_update(fa);
  return rc;
}

int mipfb_fa4_timeout(mipfb_fa4 *fa, uint64_t now_ms) {
  int rc, rc2;
  if (fa == NULL) {
    return MIPFB_ERR_INVALID_ARG;
  }
  rc = fa4_pen_expire(fa, now_ms);
  rc2 = fa4_vis_expire(fa, now_ms);
  fa4_deadline_update(fa);
  return rc != 0 ? rc : rc2;
}

uint64_t mipfb_fa4_next_deadline(const mipfb_fa4 *fa) { return fa != NULL ? fa->deadline : MIPFB_NO_DEADLINE; }

int mipfb_fa4_set_multiple_tunnel_support(mipfb_fa4 *fa, int enable) {
  if (fa == NULL) {
    return MIPFB_ERR_INVALID_ARG;
  }
  fa->cfg.enable_multiple_tunnel_support = enable ? 1 : 0;
  agent_log(&fa->host, MIPFB_LOG_INFO,
            enable ? "EnableMultipleTunnelSupport set to 1" : "EnableMultipleTunnelSupport set to 0", 0, 0, 0, 0);
  return 0;
}

/* ---- introspection ---- */

int mipfb_fa4_deliver(const mipfb_fa4 *fa, uint32_t hoa, uint32_t *ifindex_out, uint16_t *bid_out) {
  const fa4_visitor *best = NULL;
  uint32_t i;
  if (fa == NULL || ifindex_out == NULL) {
    return MIPFB_ERR_INVALID_ARG;
  }
  for (i = fa->vis_head[fa4_vis_bucket(fa, hoa)]; i != FA4_NIL; i = fa->vis[i].hnext) {
    const fa4_visitor *v = &fa->vis[i];
    if (v->hoa == hoa && (best == NULL || v->seq < best->seq)) {
      best = v;
    }
  }
  if (best == NULL) {
    return MIPFB_ERR_NOT_FOUND;
  }
  *ifindex_out = best->ifindex;
  if (bid_out != NULL) {
    *bid_out = best->bid;
  }
  return 0;
}

size_t mipfb_fa4_visitor_count(const mipfb_fa4 *fa) { return fa != NULL ? fa->n_vis : 0; }

size_t mipfb_fa4_pending_count(const mipfb_fa4 *fa) { return fa != NULL ? fa->n_pen : 0; }

int mipfb_fa4_visitor_get(const mipfb_fa4 *fa, uint32_t hoa, uint16_t bid, uint64_t now_ms, mipfb_fa4_visitor *out) {
  uint32_t i;
  if (fa == NULL || out == NULL) {
    return MIPFB_ERR_INVALID_ARG;
  }
  i = fa4_vis_find(fa, hoa, bid);
  if (i == FA4_NIL) {
    return MIPFB_ERR_NOT_FOUND;
  }
  fa4_vis_export(&fa->vis[i], now_ms, out);
  return 0;
}

int mipfb_fa4_visitor_next(const mipfb_fa4 *fa, size_t *cursor, uint64_t now_ms, mipfb_fa4_visitor *out) {
  size_t i;
  if (fa == NULL || cursor == NULL || out == NULL) {
    return MIPFB_ERR_INVALID_ARG;
  }
  for (i = *cursor; i < fa->cfg.max_visitors; i++) {
    if (fa->vis[i].used) {
      fa4_vis_export(&fa->vis[i], now_ms, out);
      *cursor = i + 1;
      return 0;
    }
  }
  *cursor = fa->cfg.max_visitors;
  return MIPFB_ERR_EOF;
}

int mipfb_fa4_get_stats(const mipfb_fa4 *fa, mipfb_fa4_stats *out) {
  if (fa == NULL || out == NULL) {
    return MIPFB_ERR_INVALID_ARG;
  }
  *out = fa->stats;
  return 0;
}
