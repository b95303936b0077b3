/* MIPv4 home agent: configuration, memory layout, init, run-time settings
   and the entry points (the work is in ha4_request.c, ha4_apply.c,
   ha4_wheel.c). */
#include "ha4_int.h"

#include <string.h>

/* Offsets of every array of an agent in its memory. */
typedef struct ha4_layout {
  size_t nodes, binds, rules, buckets, nai_buckets, nai_next, nai, wheel, wheel_bits;
  size_t ext, pb, old_b, old_r, new_r, undo, reply, total;
  uint32_t hbuckets, rule_stride, n_slots, ext_cap, undo_cap, reply_cap;
} ha4_layout;

void mipfb_ha4_config_default(mipfb_ha4_config *cfg) {
  if (cfg == NULL) {
    return;
  }
  memset(cfg, 0, sizeof *cfg);
  cfg->max_nodes = 1024;
  cfg->max_bindings = 2048;
  cfg->max_bindings_per_node = 8;
  cfg->max_rules = 4096;
  cfg->max_rules_per_node = 16;
  cfg->max_nai_len = 0;
  cfg->max_lifetime = MIPFB_HA4_DEFAULT_MAX_LIFETIME;
  cfg->replay_window_ms = MIPFB_HA4_DEFAULT_REPLAY_WINDOW_MS;
  cfg->ts_max_len = MIPFB_HA4_TS_LEN_IPV4;
  cfg->enable_multiple_tunnel_support = 1;
  cfg->reply_on_auth_failure = 1;
  cfg->codepoints = NULL;
}

static int config_ok(const mipfb_ha4_config *c) {
  return c->max_nodes >= 1 && c->max_nodes <= MIPFB_HA4_MAX_POOL && c->max_bindings >= 1 &&
         c->max_bindings <= MIPFB_HA4_MAX_POOL && c->max_bindings_per_node >= 1 &&
         c->max_bindings_per_node <= MIPFB_HA4_MAX_BINDINGS_PER_NODE && c->max_rules <= MIPFB_HA4_MAX_POOL &&
         c->max_rules_per_node <= MIPFB_HA4_MAX_RULES_PER_NODE && c->max_nai_len <= MIPFB_HA4_MAX_NAI_LEN &&
         c->max_lifetime >= 1 && c->max_lifetime <= MIPFB_HA4_MAX_LIFETIME && c->replay_window_ms >= 1 &&
         c->replay_window_ms <= 86400000u && c->ts_max_len >= 4 && c->ts_max_len <= MIPFB_TS_MAX_LEN;
}

/* a + b * n rounded up to 8, with overflow check; 0 on overflow. */
static int add_array(size_t *off, size_t elem, size_t n, size_t *at) {
  size_t start = (*off + 7u) & ~(size_t)7u;
  if (start < *off || (n != 0 && elem > (SIZE_MAX - start) / n)) {
    return -1;
  }
  *at = start;
  *off = start + elem * n;
  return 0;
}

static int layout(const mipfb_ha4_config *c, ha4_layout *l) {
  size_t off = sizeof(mipfb_ha4);
  uint32_t hb = 1;
  size_t bpn = c->max_bindings_per_node;
  size_t rpn = c->max_rules_per_node;
  int bad = 0;
  memset(l, 0, sizeof *l);
  while (hb < c->max_nodes) {
    hb <<= 1;
  }
  l->hbuckets = hb;
  l->rule_stride = (uint32_t)((sizeof(ha4_rule) + c->ts_max_len + 3u) & ~(size_t)3u);
  l->n_slots = c->max_lifetime + 2u;
  l->ext_cap = (uint32_t)rpn + 16u;
  l->undo_cap = (uint32_t)(2u * bpn + 2u * rpn + 4u);
  l->reply_cap = (uint32_t)(MIPFB_MIP4_RRP_LEN + 2u + MIPFB_HA4_MAX_NAI_LEN + 22u + 16u +
                            rpn * (4u + 2u + MIPFB_MIP4_FB_MAX_BIDS + 1u + MIPFB_TS_MAX_LEN));
  bad |= add_array(&off, sizeof(ha4_node), c->max_nodes, &l->nodes);
  bad |= add_array(&off, sizeof(ha4_bind), c->max_bindings, &l->binds);
  bad |= add_array(&off, l->rule_stride, c->max_rules, &l->rules);
  bad |= add_array(&off, sizeof(uint32_t), hb, &l->buckets);
  if (c->max_nai_len != 0) {
    bad |= add_array(&off, sizeof(uint32_t), hb, &l->nai_buckets);
    bad |= add_array(&off, sizeof(uint32_t), c->max_nodes, &l->nai_next);
    bad |= add_array(&off, 1u + (size_t)c->max_nai_len, c->max_nodes, &l->nai);
  }
  bad |= add_array(&off, sizeof(uint32_t), l->n_slots, &l->wheel);
  bad |= add_array(&off, sizeof(uint64_t), (l->n_slots + 63u) / 64u, &l->wheel_bits);
  bad |= add_array(&off, sizeof(mipfb_mip4_ext), l->ext_cap, &l->ext);
  bad |= add_array(&off, sizeof(ha4_pbind), bpn + 1u, &l->pb);
  bad |= add_array(&off, sizeof(uint32_t), bpn, &l->old_b);
  bad |= add_array(&off, sizeof(uint32_t), rpn + 1u, &l->old_r);
  bad |= add_array(&off, l->rule_stride, rpn + 1u, &l->new_r);
  bad |= add_array(&off, sizeof(ha4_undo), l->undo_cap, &l->undo);
  bad |= add_array(&off, 1, l->reply_cap, &l->reply);
  if (bad != 0 || off > SIZE_MAX - 8u) {
    return -1;
  }
  l->total = (off + 7u) & ~(size_t)7u;
  return 0;
}

size_t mipfb_ha4_mem_size(const mipfb_ha4_config *cfg) {
  ha4_layout l;
  if (cfg == NULL || !config_ok(cfg) || layout(cfg, &l) != 0) {
    return 0;
  }
  return l.total;
}

int mipfb_ha4_init(mipfb_ha4 **out, void *mem, size_t len, const mipfb_ha4_config *cfg, const mipfb_hooks *hooks,
                   void *user, uint64_t now_ms) {
  ha4_layout l;
  mipfb_ha4 *ha;
  uint8_t *base = (uint8_t *)mem;
  int rc;
  (void)now_ms;
  if (out == NULL || mem == NULL || cfg == NULL || hooks == NULL || (uintptr_t)mem % MIPFB_HA4_ALIGN != 0 ||
      !config_ok(cfg) || cfg->ha_addr == 0 || layout(cfg, &l) != 0) {
    return MIPFB_ERR_INVALID_ARG;
  }
  if (len < l.total) {
    return MIPFB_ERR_NOBUF;
  }
  ha = (mipfb_ha4 *)mem;
  memset(ha, 0, sizeof *ha);
  rc = agent_host_init(&ha->host, hooks, user, MIPFB_ROLE_HA4, 1);
  if (rc != 0) {
    return rc;
  }
  if (cfg->codepoints != NULL) {
    ha->cp = *cfg->codepoints;
  } else {
    (void)mipfb_codepoints_default(&ha->cp, MIPFB_PROFILE_RFC);
  }
  ha->cfg = *cfg;
  ha->cfg.codepoints = &ha->cp;
  ha->cfg.enable_multiple_tunnel_support = (uint8_t)(cfg->enable_multiple_tunnel_support != 0);
  ha->cfg.reply_on_auth_failure = (uint8_t)(cfg->reply_on_auth_failure != 0);
  rc = agent_random64(&ha->host, &ha->seed);
  if (rc == 0) {
    rc = agent_random64(&ha->host, &ha->flow_seed);
  }
  if (rc != 0) {
    return rc;
  }
  ha->nodes = (ha4_node *)(void *)(base + l.nodes);
  ha->binds = (ha4_bind *)(void *)(base + l.binds);
  ha->rules = base + l.rules;
  ha->rule_stride = l.rule_stride;
  ha->ts_max = cfg->ts_max_len;
  ha->buckets = (uint32_t *)(void *)(base + l.buckets);
  ha->hmask = l.hbuckets - 1u;
  if (cfg->max_nai_len != 0) {
    ha->nai_buckets = (uint32_t *)(void *)(base + l.nai_buckets);
    ha->nai_next = (uint32_t *)(void *)(base + l.nai_next);
    ha->nai = base + l.nai;
  }
  ha->wheel = (uint32_t *)(void *)(base + l.wheel);
  ha->wheel_bits = (uint64_t *)(void *)(base + l.wheel_bits);
  ha->n_slots = l.n_slots;
  ha->ext = (mipfb_mip4_ext *)(void *)(base + l.ext);
  ha->ext_cap = l.ext_cap;
  ha->pb = (ha4_pbind *)(void *)(base + l.pb);
  ha->old_b = (uint32_t *)(void *)(base + l.old_b);
  ha->old_r = (uint32_t *)(void *)(base + l.old_r);
  ha->new_r = base + l.new_r;
  ha->undo = (ha4_undo *)(void *)(base + l.undo);
  ha->undo_cap = l.undo_cap;
  ha->reply = base + l.reply;
  ha->reply_cap = l.reply_cap;
  ha4_cache_reset(ha);
  ha4_wheel_reset(ha);
  ha->reported = MIPFB_NO_DEADLINE;
  agent_set_timer(&ha->host, MIPFB_NO_DEADLINE);
  *out = ha;
  return 0;
}

int mipfb_ha4_input(mipfb_ha4 *ha, uint64_t now_ms, const uint8_t *msg, size_t len, const mipfb_pkt_info *from) {
  int rc;
  if (ha == NULL || from == NULL || (msg == NULL && len != 0)) {
    return MIPFB_ERR_INVALID_ARG;
  }
  ha->stats.requests++;
  /* Bindings already due go first, so the wheel spans at most
     max_lifetime + 1 seconds ahead of now (ha4_wheel.c). */
  if (mipfb_ha4_next_deadline(ha) <= now_ms) {
    (void)ha4_expire(ha, now_ms);
  }
  rc = ha4_request(ha, now_ms, msg, len, from);
  ha4_report_deadline(ha);
  return rc;
}

int mipfb_ha4_timeout(mipfb_ha4 *ha, uint64_t now_ms) {
  int rc;
  if (ha == NULL) {
    return MIPFB_ERR_INVALID_ARG;
  }
  rc = ha4_expire(ha, now_ms);
  ha4_report_deadline(ha);
  return rc;
}

uint64_t mipfb_ha4_next_deadline(const mipfb_ha4 *ha) {
  uint64_t d;
  if (ha == NULL) {
    return MIPFB_NO_DEADLINE;
  }
  d = ha4_wheel_next(ha);
  if (ha->idle_head != HA4_NONE && ha->nodes[ha->idle_head].idle_until < d) {
    d = ha->nodes[ha->idle_head].idle_until;
  }
  return d;
}

void ha4_report_deadline(mipfb_ha4 *ha) {
  uint64_t d = mipfb_ha4_next_deadline(ha);
  if (d != ha->reported) {
    ha->reported = d;
    agent_set_timer(&ha->host, d);
  }
}

int mipfb_ha4_set_multiple_tunnel_support(mipfb_ha4 *ha, int enable) {
  if (ha == NULL) {
    return MIPFB_ERR_INVALID_ARG;
  }
  ha->cfg.enable_multiple_tunnel_support = (uint8_t)(enable != 0);
  return 0;
}

int mipfb_ha4_get_stats(const mipfb_ha4 *ha, mipfb_ha4_stats *out) {
  if (ha == NULL || out == NULL) {
    return MIPFB_ERR_INVALID_ARG;
  }
  *out = ha->stats;
  return 0;
}

size_t mipfb_ha4_node_count(const mipfb_ha4 *ha) { return ha == NULL ? 0 : ha->n_nodes; }

size_t mipfb_ha4_binding_count(const mipfb_ha4 *ha) { return ha == NULL ? 0 : ha->n_binds; }

size_t mipfb_ha4_rule_count(const mipfb_ha4 *ha) { return ha == NULL ? 0 : ha->n_rules; }
