/* MIPv4 home agent: the state image that survives a restart
   (draft-02 8; doc/agents.md "State that survives a restart").

   Layout (big-endian):
     header  "MFH4" | version u16 (1) | flags u16 (bit 0:
             EnableMultipleTunnelSupport) | ha_addr u32 | max_lifetime u32 |
             replay_window_ms u32 | code points (26 octets) | nodes u32 |
             body length u32
     body    per node: hoa u32 | last_id u64 | flags u8 (bit 0: multipath)
             | bindings u8 | rules u16 | NAI length u8 | NAI
             then per binding (BID order): bid u8 | coa u32 | if_att u8 |
             if_label u8 | encap u8 | reverse u8 | lifetime u16 |
             remaining ms u32
             then per rule (policy order): action u8 | BID count u8 | BIDs |
             TS Format u8 | selector length u8 | selector (RFC 6088 wire form)
     trailer FNV-1a 64 of everything before it (a changed octet always
             changes it).
   Import checks the whole image (pass 1), then builds the cache without
   hooks (pass 2, undone by a reset of the empty agent on a duplicate home
   address), then calls the hooks (undone in reverse order when one
   fails), then takes the settings. */
#include "ha4_int.h"

#include <string.h>

#include "../core/hash.h"
#include "../core/rd.h"
#include "../core/wr.h"

#define IMG_VERSION 1u
#define IMG_HEADER 54u
#define IMG_CP_LEN 26u
#define IMG_TRAILER 8u

/* The code-point table, field by field. */
static void write_cp(mipfb_wr *w, const mipfb_codepoints *c) {
  mipfb_wr_u8(w, (unsigned)c->profile);
  mipfb_wr_be32(w, (uint32_t)c->options);
  mipfb_wr_u8(w, c->mip4_ext_multipath);
  mipfb_wr_u8(w, c->mip4_sub_multipath);
  mipfb_wr_u8(w, c->mip4_sub_flow_binding);
  mipfb_wr_u8(w, c->mip4_fb_drop);
  mipfb_wr_u8(w, c->mip4_fb_forward);
  mipfb_wr_u8(w, c->mip4_mpath_flag_b);
  mipfb_wr_u8(w, c->mip4_mpath_flag_o);
  mipfb_wr_u8(w, c->mip4_code_multipath_not_allowed);
  mipfb_wr_u8(w, c->mip4_code_invalid_fb_id);
  mipfb_wr_u8(w, c->mip4_ext_mtunnel);
  mipfb_wr_u8(w, c->mip4_code_mtunnel_denied_ha);
  mipfb_wr_u8(w, c->mip4_code_mtunnel_denied_fa);
  mipfb_wr_u8(w, c->mh_opt_bid);
  mipfb_wr_u8(w, c->mh_opt_flow_summary);
  mipfb_wr_u8(w, c->mh_opt_flow_id);
  mipfb_wr_u8(w, c->mh_opt_mmb);
  mipfb_wr_u8(w, c->mh_opt_mag_id);
  mipfb_wr_u8(w, c->mh_status_dereg_unknown_bid);
  mipfb_wr_u8(w, c->mh_status_cannot_support_mmb);
  mipfb_wr_be16(w, c->mh_bu_flag_o);
}

static int read_cp(mipfb_rd *r, mipfb_codepoints *c) {
  unsigned profile = mipfb_rd_u8(r);
  memset(c, 0, sizeof *c);
  c->profile = profile == MIPFB_PROFILE_DRAFT ? MIPFB_PROFILE_DRAFT : MIPFB_PROFILE_RFC;
  c->options = mipfb_rd_be32(r);
  c->mip4_ext_multipath = mipfb_rd_u8(r);
  c->mip4_sub_multipath = mipfb_rd_u8(r);
  c->mip4_sub_flow_binding = mipfb_rd_u8(r);
  c->mip4_fb_drop = mipfb_rd_u8(r);
  c->mip4_fb_forward = mipfb_rd_u8(r);
  c->mip4_mpath_flag_b = mipfb_rd_u8(r);
  c->mip4_mpath_flag_o = mipfb_rd_u8(r);
  c->mip4_code_multipath_not_allowed = mipfb_rd_u8(r);
  c->mip4_code_invalid_fb_id = mipfb_rd_u8(r);
  c->mip4_ext_mtunnel = mipfb_rd_u8(r);
  c->mip4_code_mtunnel_denied_ha = mipfb_rd_u8(r);
  c->mip4_code_mtunnel_denied_fa = mipfb_rd_u8(r);
  c->mh_opt_bid = mipfb_rd_u8(r);
  c->mh_opt_flow_summary = mipfb_rd_u8(r);
  c->mh_opt_flow_id = mipfb_rd_u8(r);
  c->mh_opt_mmb = mipfb_rd_u8(r);
  c->mh_opt_mag_id = mipfb_rd_u8(r);
  c->mh_status_dereg_unknown_bid = mipfb_rd_u8(r);
  c->mh_status_cannot_support_mmb = mipfb_rd_u8(r);
  c->mh_bu_flag_o = mipfb_rd_be16(r);
  return profile <= MIPFB_PROFILE_DRAFT && c->mip4_fb_drop != c->mip4_fb_forward ? 0 : MIPFB_ERR_BAD_IMAGE;
}

static void write_image(const mipfb_ha4 *ha, uint64_t now_ms, mipfb_wr *w) {
  size_t body_at, body_len;
  uint32_t i;
  mipfb_wr_bytes(w, (const uint8_t *)"MFH4", 4);
  mipfb_wr_be16(w, IMG_VERSION);
  mipfb_wr_be16(w, ha->cfg.enable_multiple_tunnel_support ? 1u : 0u);
  mipfb_wr_be32(w, ha->cfg.ha_addr);
  mipfb_wr_be32(w, ha->cfg.max_lifetime);
  mipfb_wr_be32(w, ha->cfg.replay_window_ms);
  write_cp(w, &ha->cp);
  mipfb_wr_be32(w, ha->n_nodes);
  body_at = mipfb_wr_reserve(w, 4);
  for (i = 0; i < ha->cfg.max_nodes; i++) {
    const ha4_node *n = &ha->nodes[i];
    const uint8_t *nai = NULL;
    uint32_t b, r;
    unsigned nai_len = 0;
    if ((n->flags & HA4_NODE_USED) == 0) {
      continue;
    }
    if ((n->flags & HA4_NODE_NAI) != 0) {
      nai = ha->nai + (size_t)i * (1u + (size_t)ha->cfg.max_nai_len);
      nai_len = nai[0];
      nai++;
    }
    mipfb_wr_be32(w, n->hoa);
    mipfb_wr_be64(w, n->last_id);
    mipfb_wr_u8(w, (n->flags & HA4_NODE_MULTIPATH) != 0 ? 1u : 0u);
    mipfb_wr_u8(w, n->n_bind);
    mipfb_wr_be16(w, n->n_rules);
    mipfb_wr_u8(w, nai_len);
    if (nai_len != 0) {
      mipfb_wr_bytes(w, nai, nai_len);
    }
    for (b = n->bind; b != HA4_NONE; b = ha->binds[b].next) {
      const ha4_bind *x = &ha->binds[b];
      /* a binding already due (no timeout yet) keeps 1 ms */
      uint64_t left = x->expires > now_ms ? x->expires - now_ms : 1u;
      mipfb_wr_u8(w, x->bid);
      mipfb_wr_be32(w, x->coa);
      mipfb_wr_u8(w, x->if_att);
      mipfb_wr_u8(w, x->if_label);
      mipfb_wr_u8(w, x->encap);
      mipfb_wr_u8(w, x->reverse);
      mipfb_wr_be16(w, x->lifetime);
      mipfb_wr_be32(w, (uint32_t)left);
    }
    for (r = n->rule; r != HA4_NONE; r = ha4_rule_at(ha, r)->next) {
      const ha4_rule *x = ha4_rule_at(ha, r);
      mipfb_wr_u8(w, x->action);
      mipfb_wr_u8(w, x->n_bids);
      mipfb_wr_bytes(w, x->bids, x->n_bids);
      mipfb_wr_u8(w, x->format);
      mipfb_wr_u8(w, x->ts_len);
      mipfb_wr_bytes(w, x->ts, x->ts_len);
    }
  }
  body_len = w->len - body_at - 4u;
  if (!mipfb_wr_counting(w) && w->err == 0) {
    uint8_t *p = w->buf + body_at;
    p[0] = (uint8_t)(body_len >> 24);
    p[1] = (uint8_t)(body_len >> 16);
    p[2] = (uint8_t)(body_len >> 8);
    p[3] = (uint8_t)body_len;
  }
  if (!mipfb_wr_counting(w) && w->err == 0 && w->cap - w->len >= IMG_TRAILER) {
    mipfb_wr_be64(w, mipfb_fnv1a64(MIPFB_FNV64_OFFSET, w->buf, w->len));
  } else {
    mipfb_wr_zero(w, IMG_TRAILER);
  }
}

mipfb_ssize mipfb_ha4_export(const mipfb_ha4 *ha, uint64_t now_ms, uint8_t *out, size_t cap) {
  mipfb_wr w;
  size_t need;
  if (ha == NULL || (out == NULL && cap != 0)) {
    return MIPFB_ERR_INVALID_ARG;
  }
  mipfb_wr_init(&w, NULL, 0);
  write_image(ha, now_ms, &w);
  need = w.len;
  if (cap == 0) {
    return (mipfb_ssize)need;
  }
  if (cap < need) {
    return MIPFB_ERR_NOBUF;
  }
  mipfb_wr_init(&w, out, cap);
  write_image(ha, now_ms, &w);
  return w.err != 0 ? w.err : (mipfb_ssize)w.len;
}

/* ---- import ---- */

/* The image's header. */
typedef struct img_head {
  uint16_t flags;
  uint32_t ha_addr, max_lifetime, replay_window_ms, n_nodes, body_len;
  mipfb_codepoints cp;
} img_head;

/* Header, lengths and checksum; 0 or a MIPFB_ERR_*. */
static int read_head(const mipfb_ha4 *ha, const uint8_t *img, size_t len, img_head *h, mipfb_rd *body) {
  mipfb_rd r;
  const uint8_t *magic;
  mipfb_rd_init(&r, img, len);
  if (len < IMG_HEADER + IMG_TRAILER) {
    return MIPFB_ERR_BAD_IMAGE;
  }
  magic = mipfb_rd_take(&r, 4);
  if (magic == NULL || memcmp(magic, "MFH4", 4) != 0 || mipfb_rd_be16(&r) != IMG_VERSION) {
    return MIPFB_ERR_BAD_IMAGE;
  }
  h->flags = mipfb_rd_be16(&r);
  h->ha_addr = mipfb_rd_be32(&r);
  h->max_lifetime = mipfb_rd_be32(&r);
  h->replay_window_ms = mipfb_rd_be32(&r);
  if (read_cp(&r, &h->cp) != 0) {
    return MIPFB_ERR_BAD_IMAGE;
  }
  h->n_nodes = mipfb_rd_be32(&r);
  h->body_len = mipfb_rd_be32(&r);
  if (mipfb_rd_err(&r) != 0 || mipfb_rd_off(&r) != IMG_HEADER || h->body_len != len - IMG_HEADER - IMG_TRAILER ||
      mipfb_fnv1a64(MIPFB_FNV64_OFFSET, img, len - IMG_TRAILER) !=
          ((uint64_t)mipfb_ld_be32(img + len - 8) << 32 | mipfb_ld_be32(img + len - 4))) {
    return MIPFB_ERR_BAD_IMAGE;
  }
  if ((h->flags & ~1u) != 0 || h->ha_addr == 0 || h->max_lifetime < 1 || h->max_lifetime > MIPFB_HA4_MAX_LIFETIME ||
      h->replay_window_ms < 1 || h->replay_window_ms > 86400000u) {
    return MIPFB_ERR_BAD_IMAGE;
  }
  if (h->max_lifetime > ha->n_slots - 2u || h->n_nodes > ha->cfg.max_nodes) {
    return MIPFB_ERR_TABLE_FULL; /* the wheel was sized for a smaller maximum */
  }
  (void)mipfb_rd_sub(&r, h->body_len, body);
  return 0;
}

/* One node record: checked (build 0) or put into the cache (build 1,
   after a successful check). Returns 0 or a MIPFB_ERR_*. */
static int node_record(mipfb_ha4 *ha, const img_head *h, mipfb_rd *r, int build, uint64_t now_ms, uint32_t *binds,
                       uint32_t *rules) {
  uint64_t set[4] = {0, 0, 0, 0};
  uint32_t hoa = mipfb_rd_be32(r);
  uint64_t last_id = mipfb_rd_be64(r);
  unsigned flags = mipfb_rd_u8(r);
  unsigned n_b = mipfb_rd_u8(r);
  unsigned n_r = mipfb_rd_be16(r);
  unsigned nai_len = mipfb_rd_u8(r);
  mipfb_vec nai = mipfb_rd_view(r, nai_len);
  uint32_t node = HA4_NONE, prev = HA4_NONE;
  unsigned i, j;
  int prev_bid = -1;
  /* as the agent keeps them: a node without binding has no rule and no
     multipath flag; a multipath node has BIDs 1..254, another node the
     single BID 0 (checked per binding below) */
  if (mipfb_rd_err(r) != 0 || hoa == 0 || (flags & ~1u) != 0 || n_b > MIPFB_HA4_MAX_BINDINGS_PER_NODE ||
      n_r > MIPFB_HA4_MAX_RULES_PER_NODE || (n_b == 0 && (n_r != 0 || flags != 0)) || (flags == 0 && n_b > 1)) {
    return MIPFB_ERR_BAD_IMAGE;
  }
  if (n_b > ha->cfg.max_bindings_per_node || n_r > ha->cfg.max_rules_per_node || nai_len > ha->cfg.max_nai_len) {
    return MIPFB_ERR_TABLE_FULL;
  }
  *binds += n_b;
  *rules += n_r;
  if (build) {
    if (ha4_node_find_idx(ha, hoa) != HA4_NONE) {
      return MIPFB_ERR_BAD_IMAGE; /* a home address twice */
    }
    node = ha4_node_alloc(ha, hoa);
    ha->nodes[node].last_id = last_id;
    ha->nodes[node].flags = (uint8_t)(ha->nodes[node].flags | (flags != 0 ? HA4_NODE_MULTIPATH : 0));
    if (nai_len != 0) {
      ha4_node_set_nai(ha, node, nai.base, nai.len);
    }
  }
  for (i = 0; i < n_b; i++) {
    unsigned bid = mipfb_rd_u8(r);
    uint32_t coa = mipfb_rd_be32(r);
    unsigned if_att = mipfb_rd_u8(r), if_label = mipfb_rd_u8(r), encap = mipfb_rd_u8(r), rev = mipfb_rd_u8(r);
    unsigned lifetime = mipfb_rd_be16(r);
    uint32_t left = mipfb_rd_be32(r);
    if (mipfb_rd_err(r) != 0 || (int)bid <= prev_bid || bid > 254 || (bid == 0) != (flags == 0) || coa == 0 ||
        encap > MIPFB_ENCAP_GRE || rev > 1 || lifetime < 1 || lifetime > h->max_lifetime || left == 0 ||
        left > ((uint32_t)lifetime + 1u) * 1000u) {
      return MIPFB_ERR_BAD_IMAGE;
    }
    prev_bid = (int)bid;
    set[bid / 64u] |= (uint64_t)1 << (bid % 64u);
    if (build) {
      uint32_t b = ha4_bind_alloc(ha);
      ha4_bind *x = &ha->binds[b];
      x->expires = ha4_expiry(now_ms + left, 0);
      x->coa = coa;
      x->node = node;
      x->lifetime = (uint16_t)lifetime;
      x->bid = (uint8_t)bid;
      x->if_att = (uint8_t)if_att;
      x->if_label = (uint8_t)if_label;
      x->encap = (uint8_t)encap;
      x->reverse = (uint8_t)rev;
      ha4_wheel_add(ha, b);
      if (prev == HA4_NONE) {
        ha->nodes[node].bind = b;
      } else {
        ha->binds[prev].next = b;
      }
      prev = b;
    }
  }
  prev = HA4_NONE;
  for (i = 0; i < n_r; i++) {
    unsigned action = mipfb_rd_u8(r);
    unsigned n_bids = mipfb_rd_u8(r);
    const uint8_t *bids = mipfb_rd_take(r, n_bids);
    unsigned format = mipfb_rd_u8(r);
    unsigned ts_len = mipfb_rd_u8(r);
    const uint8_t *ts = mipfb_rd_take(r, ts_len);
    mipfb_ts dec;
    if (mipfb_rd_err(r) != 0 || (action != MIPFB_ACTION_DROP && action != MIPFB_ACTION_FORWARD) ||
        (action == MIPFB_ACTION_DROP && n_bids != 0) ||
        (action == MIPFB_ACTION_FORWARD && (n_bids < 1 || n_bids > MIPFB_POLICY_MAX_RULE_BIDS)) ||
        ts_len > MIPFB_TS_MAX_LEN || mipfb_ts_decode(&dec, (uint8_t)format, ts, ts_len, 0, NULL) != (mipfb_ssize)ts_len) {
      return MIPFB_ERR_BAD_IMAGE;
    }
    for (j = 0; j < n_bids; j++) {
      if ((set[bids[j] / 64u] >> (bids[j] % 64u) & 1u) == 0 || bids[j] == 0) {
        return MIPFB_ERR_BAD_IMAGE; /* rules name only bindings of the node */
      }
    }
    if (ts_len > ha->ts_max) {
      return MIPFB_ERR_TABLE_FULL;
    }
    if (build) {
      uint32_t k = ha4_rule_alloc(ha);
      ha4_rule *x = ha4_rule_at(ha, k);
      memset(x, 0, sizeof *x);
      x->next = HA4_NONE;
      x->action = (uint8_t)action;
      x->n_bids = (uint8_t)n_bids;
      memcpy(x->bids, bids, n_bids);
      x->format = (uint8_t)format;
      x->ts_len = (uint8_t)ts_len;
      memcpy(x->ts, ts, ts_len);
      if (prev == HA4_NONE) {
        ha->nodes[node].rule = k;
      } else {
        ha4_rule_at(ha, prev)->next = k;
      }
      prev = k;
    }
  }
  if (build) {
    ha4_node *n = &ha->nodes[node];
    n->n_bind = (uint8_t)n_b;
    n->n_rules = (uint16_t)n_r;
    if (n_b == 0) {
      ha4_idle_add(ha, node, now_ms + 2u * (uint64_t)h->replay_window_ms + 1000u);
    }
  }
  return 0;
}

/* Every node record of the body. */
static int body_pass(mipfb_ha4 *ha, const img_head *h, const mipfb_rd *body, int build, uint64_t now_ms) {
  mipfb_rd r = *body;
  uint32_t i, binds = 0, rules = 0;
  int rc;
  for (i = 0; i < h->n_nodes; i++) {
    rc = node_record(ha, h, &r, build, now_ms, &binds, &rules);
    if (rc != 0) {
      return rc;
    }
  }
  if (mipfb_rd_left(&r) != 0) {
    return MIPFB_ERR_BAD_IMAGE;
  }
  return binds > ha->cfg.max_bindings || rules > ha->cfg.max_rules ? MIPFB_ERR_TABLE_FULL : 0;
}

/* Undo the hook calls of node `node`: its first n_r rules and first n_b
   tunnels, in reverse order. */
static void undo_node(const mipfb_ha4 *ha, uint32_t node, uint32_t n_b, uint32_t n_r) {
  const ha4_node *n = &ha->nodes[node];
  uint32_t i, k;
  while (n_r-- > 0) {
    (void)ha4_flow_rule(ha, n, NULL, n_r);
  }
  while (n_b-- > 0) {
    for (i = n->bind, k = 0; k < n_b; k++) {
      i = ha->binds[i].next;
    }
    (void)ha4_tunnel_bind(ha, n, &ha->binds[i], MIPFB_TUNNEL_REMOVE);
  }
}

/* The tunnel and flow hooks of every imported node (pool order = image
   order: the pools were reset); undone when one fails. */
static int import_hooks(mipfb_ha4 *ha, uint32_t n_nodes) {
  uint32_t node;
  for (node = 0; node < n_nodes; node++) {
    const ha4_node *n = &ha->nodes[node];
    uint32_t i, k = 0;
    for (i = n->bind; i != HA4_NONE; i = ha->binds[i].next, k++) {
      if (ha4_tunnel_bind(ha, n, &ha->binds[i], MIPFB_TUNNEL_ADD) != 0) {
        undo_node(ha, node, k, 0);
        goto fail;
      }
    }
    for (i = n->rule, k = 0; i != HA4_NONE; i = ha4_rule_at(ha, i)->next, k++) {
      if (ha4_flow_rule(ha, n, ha4_rule_at(ha, i), k) != 0) {
        undo_node(ha, node, n->n_bind, k);
        goto fail;
      }
    }
    continue;
  fail:
    while (node-- > 0) {
      undo_node(ha, node, ha->nodes[node].n_bind, ha->nodes[node].n_rules);
    }
    return MIPFB_ERR_HOOK;
  }
  return 0;
}

static void reset(mipfb_ha4 *ha) {
  ha4_cache_reset(ha);
  ha4_wheel_reset(ha);
}

int mipfb_ha4_import(mipfb_ha4 *ha, uint64_t now_ms, const uint8_t *img, size_t len) {
  img_head h;
  mipfb_rd body;
  int rc;
  if (ha == NULL || (img == NULL && len != 0)) {
    return MIPFB_ERR_INVALID_ARG;
  }
  if (ha->n_nodes != 0) {
    return MIPFB_ERR_INVALID_STATE;
  }
  rc = read_head(ha, img, len, &h, &body);
  if (rc == 0) {
    rc = body_pass(ha, &h, &body, 0, now_ms);
  }
  if (rc != 0) {
    return rc;
  }
  reset(ha); /* empty already: node indices now follow the image order */
  rc = body_pass(ha, &h, &body, 1, now_ms);
  if (rc == 0) {
    rc = import_hooks(ha, h.n_nodes);
    if (rc != 0) {
      ha->stats.hook_failures++;
    }
  }
  if (rc != 0) {
    reset(ha);
    ha4_report_deadline(ha);
    return rc;
  }
  ha->cp = h.cp;
  ha->cfg.ha_addr = h.ha_addr;
  ha->cfg.max_lifetime = h.max_lifetime;
  ha->cfg.replay_window_ms = h.replay_window_ms;
  ha->cfg.enable_multiple_tunnel_support = (uint8_t)(h.flags & 1u);
  ha4_report_deadline(ha);
  return 0;
}
