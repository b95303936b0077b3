/* MIPv4 mobile node: configuration, memory layout, init and the read-only
   calls (introspection, classification, deadline). */
#include <string.h>

#include "mn4_int.h"

static size_t round8(size_t n) { return (n + 7u) & ~(size_t)7u; }

/* Largest Flow-Binding extension: Type, Subtype, Length, Action, BID
   Count, 8 BIDs, TS Format, selector. */
#define MN4_FB_MAX_LEN (4u + 2u + MIPFB_MIP4_FB_MAX_BIDS + 1u + MIPFB_TS_MAX_LEN)
/* Fixed part, Multiple Tunnel Request (the larger), MN-HA authentication. */
#define MN4_MSG_FIXED (MIPFB_MIP4_RRQ_LEN + 12u + 22u + 16u)

typedef struct mn4_layout {
  size_t ifs, want, cur, tmp, tx, rx, undo, buf, buf_len, pol, pol_len, total;
} mn4_layout;

static int cfg_ok(const mipfb_mn4_config *c) {
  if (c->hoa == 0 || c->ha_addr == 0 || c->spi == 0) {
    return 0;
  }
  if (c->max_ifaces < 1 || c->max_ifaces > MIPFB_MN4_MAX_IFACES || c->max_rules < 1 ||
      c->max_rules > MIPFB_MN4_MAX_RULES) {
    return 0;
  }
  if (c->lifetime == 0 || c->retrans_initial_ms == 0 || c->retrans_max_ms < c->retrans_initial_ms ||
      c->max_retrans == 0 || c->refresh_percent < 1 || c->refresh_percent > 99) {
    return 0;
  }
  if (c->bulk_refresh > 1 || c->literal_overwrite > 1 || c->multipath > 1 || c->use_mtunnel > 1) {
    return 0;
  }
  if ((c->reg_flags & ~MIPFB_MN4_REG_FLAGS_ALLOWED) != 0) {
    return 0;
  }
  if (c->use_mtunnel && c->cp.mip4_ext_mtunnel == 0) {
    return 0;
  }
  return 1;
}

static mn4_layout layout_of(const mipfb_mn4_config *c) {
  mn4_layout l;
  l.ifs = round8(sizeof(mipfb_mn4));
  l.want = l.ifs + round8(c->max_ifaces * sizeof(mn4_if));
  l.cur = l.want + round8(c->max_rules * sizeof(mipfb_policy_rule));
  l.tmp = l.cur + round8(c->max_rules * sizeof(mipfb_policy_rule));
  l.tx = l.tmp + round8(c->max_rules * sizeof(mipfb_policy_rule));
  l.rx = l.tx + round8((c->max_rules + MN4_TX_EXT_EXTRA) * sizeof(mipfb_mip4_ext));
  l.undo = l.rx + round8((c->max_rules + MN4_RX_EXT_EXTRA) * sizeof(mipfb_mip4_ext));
  l.buf = l.undo + round8((c->max_ifaces + 1u) * sizeof(mn4_undo));
  l.buf_len = MN4_MSG_FIXED + c->max_rules * MN4_FB_MAX_LEN;
  l.pol = l.buf + round8(l.buf_len);
  l.pol_len = mipfb_policy_mem_size(c->max_rules, c->max_ifaces);
  l.total = l.pol + round8(l.pol_len);
  return l;
}

void mipfb_mn4_config_default(mipfb_mn4_config *cfg) {
  if (cfg == NULL) {
    return;
  }
  memset(cfg, 0, sizeof *cfg);
  cfg->max_ifaces = 8;
  cfg->max_rules = 8;
  cfg->lifetime = 600;
  cfg->port = MIPFB_MIP4_PORT;
  cfg->retrans_initial_ms = 1000;
  cfg->retrans_max_ms = 32000;
  cfg->max_retrans = 6;
  cfg->refresh_percent = 80;
  cfg->multipath = 1;
  (void)mipfb_codepoints_default(&cfg->cp, MIPFB_PROFILE_RFC);
}

size_t mipfb_mn4_mem_size(const mipfb_mn4_config *cfg) {
  if (cfg == NULL || !cfg_ok(cfg)) {
    return 0;
  }
  return layout_of(cfg).total;
}

int mipfb_mn4_init(mipfb_mn4 **out, void *mem, size_t mem_len, const mipfb_mn4_config *cfg,
                   const mipfb_hooks *hooks, void *user, uint64_t now_ms) {
  mn4_layout l;
  mipfb_mn4 *mn;
  agent_host host;
  uint8_t *base = mem;
  uint64_t seed;
  int rc;
  (void)now_ms;
  if (out == NULL || mem == NULL || cfg == NULL || hooks == NULL || (uintptr_t)mem % MIPFB_MN4_ALIGN != 0 ||
      !cfg_ok(cfg)) {
    return MIPFB_ERR_INVALID_ARG;
  }
  rc = agent_host_init(&host, hooks, user, MIPFB_ROLE_MN4, 1);
  if (rc != 0) {
    return rc;
  }
  l = layout_of(cfg);
  if (mem_len < l.total) {
    return MIPFB_ERR_NOBUF;
  }
  if (agent_random64(&host, &seed) != 0) {
    return MIPFB_ERR_HOOK;
  }
  memset(mem, 0, l.total);
  mn = mem;
  mn->host = host;
  mn->cfg = *cfg;
  mn->deadline = MN4_NEVER;
  mn->seed = seed;
  mn->multipath = cfg->multipath;
  mn->primary = -1;
  mn->home.retx_at = MN4_NEVER;
  mn->ifs = (mn4_if *)(void *)(base + l.ifs);
  mn->want = (mipfb_policy_rule *)(void *)(base + l.want);
  mn->cur = (mipfb_policy_rule *)(void *)(base + l.cur);
  mn->tmp = (mipfb_policy_rule *)(void *)(base + l.tmp);
  mn->tx_ext = (mipfb_mip4_ext *)(void *)(base + l.tx);
  mn->rx_ext = (mipfb_mip4_ext *)(void *)(base + l.rx);
  mn->undo = (mn4_undo *)(void *)(base + l.undo);
  mn->buf = base + l.buf;
  mn->buf_len = l.buf_len;
  mn->pol_mem = base + l.pol;
  mn->pol_len = l.pol_len;
  rc = mipfb_policy_init(&mn->pol, mn->pol_mem, mn->pol_len, MIPFB_POLICY_MIP4, cfg->max_rules, cfg->max_ifaces,
                         seed);
  if (rc != 0) {
    return rc;
  }
  *out = mn;
  return 0;
}

mn4_if *mn4_find(const mipfb_mn4 *mn, uint32_t id) {
  size_t i;
  if (id == 0) {
    return NULL;
  }
  for (i = 0; i < mn->cfg.max_ifaces; i++) {
    if (mn->ifs[i].id == id) {
      return &mn->ifs[i];
    }
  }
  return NULL;
}

int mn4_bits_empty(const uint8_t *m) {
  size_t i;
  for (i = 0; i < 32; i++) {
    if (m[i] != 0) {
      return 0;
    }
  }
  return 1;
}

void mn4_announce(mipfb_mn4 *mn) {
  uint64_t d = mn4_deadline(mn);
  if (d != mn->deadline) {
    mn->deadline = d;
    agent_set_timer(&mn->host, d);
  }
}

uint64_t mipfb_mn4_next_deadline(const mipfb_mn4 *mn) { return mn == NULL ? MN4_NEVER : mn4_deadline(mn); }

int mipfb_mn4_classify_packet(const mipfb_mn4 *mn, const uint8_t *pkt, size_t len, mipfb_policy_decision *out) {
  mipfb_flow_key key;
  int rc;
  if (mn == NULL || out == NULL || (pkt == NULL && len != 0)) {
    return MIPFB_ERR_INVALID_ARG;
  }
  if (mn->multipath) {
    return mipfb_policy_classify_packet(mn->pol, pkt, len, MIPFB_DIR_FROM_MN, out);
  }
  /* Single binding: every packet takes it (the parse still reports bad
     packets the same way). */
  rc = mipfb_flow_parse(&key, pkt, len);
  if (rc != 0) {
    return rc;
  }
  memset(out, 0, sizeof *out);
  out->by_default = 1;
  if (mn->primary >= 0 && mn->ifs[mn->primary].has_tun) {
    out->kind = MIPFB_DECISION_FORWARD;
    out->n_bids = 1;
    out->bid = 0;
  } else {
    out->kind = MIPFB_DECISION_NONE;
  }
  return 0;
}

int mipfb_mn4_bid_iface(const mipfb_mn4 *mn, uint16_t bid, uint32_t *iface_id) {
  size_t i;
  if (mn == NULL || iface_id == NULL) {
    return MIPFB_ERR_INVALID_ARG;
  }
  if (bid == 0) {
    if (!mn->multipath && mn->primary >= 0 && mn->ifs[mn->primary].has_tun) {
      *iface_id = mn->ifs[mn->primary].id;
      return 0;
    }
    return MIPFB_ERR_NOT_FOUND;
  }
  for (i = 0; i < mn->cfg.max_ifaces; i++) {
    if (mn->ifs[i].id != 0 && mn->ifs[i].bid == bid) {
      *iface_id = mn->ifs[i].id;
      return 0;
    }
  }
  return MIPFB_ERR_NOT_FOUND;
}

int mipfb_mn4_binding_info(const mipfb_mn4 *mn, uint32_t id, uint64_t now_ms, mipfb_mn4_binding *out) {
  const mn4_if *f;
  const mn4_params *p;
  if (mn == NULL || out == NULL) {
    return MIPFB_ERR_INVALID_ARG;
  }
  f = mn4_find(mn, id);
  if (f == NULL) {
    return MIPFB_ERR_NOT_FOUND;
  }
  memset(out, 0, sizeof *out);
  out->iface_id = f->id;
  out->bid = f->bid;
  out->up = f->up;
  out->state = f->state;
  p = f->req == MN4_REQ_REG ? &f->req_p : f->has_tun ? &f->tun : &f->cur;
  out->coa = p->fa != 0 ? p->fa : p->coa;
  out->fa_addr = p->fa;
  out->if_att = p->att;
  out->if_label = p->label;
  out->last_code = f->last_code;
  if (f->has_tun) {
    out->lifetime_s = f->tun_life;
    if (f->expire_at == MN4_NEVER) {
      out->remaining_ms = UINT64_MAX;
    } else {
      out->remaining_ms = f->expire_at > now_ms ? f->expire_at - now_ms : 0;
    }
  }
  out->retransmissions = f->tries > 0 ? f->tries - 1 : 0;
  out->id = f->req_id;
  return 0;
}

int mipfb_mn4_multipath_enabled(const mipfb_mn4 *mn) { return mn != NULL && mn->multipath; }

void mipfb_mn4_get_stats(const mipfb_mn4 *mn, mipfb_mn4_stats *out) {
  if (mn == NULL || out == NULL) {
    return;
  }
  *out = mn->stats;
}
