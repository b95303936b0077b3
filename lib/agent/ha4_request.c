/* MIPv4 home agent: processing one Registration Request in the order of
   doc/agents.md (decode, authentication, home agent address,
   Identification, validity, multipath authorization, plan, apply, reply)
   and the binding semantics of RFC 5944 3.8.3 and RFC 7629 5.2. */
#include "ha4_int.h"

#include <string.h>

#include "../core/rd.h"

#define HA4_CODE_ACCEPTED 0
#define HA4_CODE_NO_SIMULTANEOUS 1
#define HA4_CODE_RESOURCES 130
#define HA4_CODE_AUTH 131
#define HA4_CODE_ID 133
#define HA4_CODE_MALFORMED 134
#define HA4_CODE_TOO_MANY 135
#define HA4_CODE_HA_ADDR 136

/* One request on its way through the checks. */
typedef struct ha4_req {
  mipfb_mip4_msg m;
  const mipfb_mip4_ext *auth;
  mipfb_vec nai;
  mipfb_auth_answer sa;
  uint32_t hoa;    /* the node's home address (assigned for NAI-only requests) */
  uint32_t node;   /* its record, or HA4_NONE */
  int multi;       /* Multipath or Multiple Tunnel Request present */
  uint8_t bid, b, o, if_att, if_label;
  uint32_t n_fb;   /* Flow-Binding extensions */
} ha4_req;

static void count_reply(mipfb_ha4 *ha, uint8_t code) {
  mipfb_ha4_stats *s = &ha->stats;
  if (code <= HA4_CODE_NO_SIMULTANEOUS) {
    s->accepted++;
  } else if (code == HA4_CODE_AUTH) {
    s->rejected_auth++;
  } else if (code == HA4_CODE_ID) {
    s->rejected_id++;
  } else if (code == HA4_CODE_MALFORMED) {
    s->rejected_malformed++;
  } else if (code == HA4_CODE_HA_ADDR) {
    s->rejected_ha_addr++;
  } else if (code == ha->cp.mip4_code_multipath_not_allowed || code == ha->cp.mip4_code_mtunnel_denied_ha) {
    s->rejected_multipath++;
  } else if (code == ha->cp.mip4_code_invalid_fb_id) {
    s->rejected_fb_id++;
  } else {
    s->rejected_resources++;
  }
}

static int discard(mipfb_ha4 *ha, int err, uint32_t hoa, const char *what) {
  ha->stats.discarded++;
  agent_log(&ha->host, MIPFB_LOG_WARN, what, hoa, 0, 0, err);
  return err;
}

/* A denial: lifetime 0, the request's Identification (or `id`). */
static int reject(mipfb_ha4 *ha, const ha4_req *q, uint8_t code, uint64_t id, const mipfb_pkt_info *from) {
  ha4_reply_info ri;
  memset(&ri, 0, sizeof ri);
  ri.code = code;
  ri.hoa = q->m.hoa;
  ri.id = id;
  ri.spi = q->auth->u.auth.spi;
  ri.key = &q->sa.key;
  ri.nai = q->nai;
  ri.policy_node = HA4_NONE;
  count_reply(ha, code);
  agent_log(&ha->host, MIPFB_LOG_WARN, "registration denied", q->hoa != 0 ? q->hoa : q->m.hoa, q->bid, code, 0);
  return ha4_reply_send(ha, &ri, from);
}

static int ask_key(const mipfb_ha4 *ha, uint32_t hoa, uint32_t spi, mipfb_vec nai, mipfb_auth_answer *a) {
  mipfb_auth_query qy;
  memset(&qy, 0, sizeof qy);
  memset(a, 0, sizeof *a);
  qy.role = MIPFB_ROLE_HA4;
  qy.spi = spi;
  if (hoa != 0) {
    qy.hoa = mipfb_addr_ipv4(hoa);
  }
  qy.nai = nai;
  qy.peer = mipfb_addr_ipv4(ha->cfg.ha_addr);
  return ha->host.h.auth_key(ha->host.user, &qy, a);
}

/* Step 1 for a request the codec refused: 134 (130 when it has more
   extensions than the work area) if the MN-HA authentication extension
   can be found by its framing and verifies, else discard. */
static int decode_failed(mipfb_ha4 *ha, const uint8_t *msg, size_t len, int err, const mipfb_pkt_info *from) {
  ha4_req q;
  mipfb_mip4_ext auth;
  mipfb_ssize off;
  mipfb_vec none = {NULL, 0};
  uint32_t hoa;
  if (err == MIPFB_ERR_TRUNCATED || err == MIPFB_ERR_UNKNOWN_NONSKIPPABLE || len < MIPFB_MIP4_RRQ_LEN) {
    return discard(ha, err, 0, "request discarded: truncated or unknown non-skippable extension");
  }
  hoa = mipfb_ld_be32(msg + 4);
  off = ha4_find_mn_ha_auth(ha, msg, len);
  if (off < 0) {
    return discard(ha, err, hoa, "malformed request without MN-HA authentication");
  }
  memset(&auth, 0, sizeof auth);
  auth.kind = MIPFB_MIP4_EXT_MN_HA_AUTH;
  auth.type = MIPFB_MIP4_EXT_TYPE_MN_HA;
  auth.offset = (size_t)off;
  auth.u.auth.spi = mipfb_ld_be32(msg + off + 2);
  auth.u.auth.authenticator.base = msg + off + 6;
  auth.u.auth.authenticator.len = (size_t)msg[off + 1] - 4u;
  memset(&q, 0, sizeof q);
  if (ask_key(ha, hoa, auth.u.auth.spi, none, &q.sa) != 0) {
    return discard(ha, err, hoa, "malformed request, no security association");
  }
  if (mipfb_mip4_auth_verify(msg, len, &auth, &q.sa.key) != 0) {
    return discard(ha, err, hoa, "malformed request failing authentication");
  }
  q.auth = &auth;
  q.m.hoa = hoa;
  q.hoa = hoa;
  q.m.id = (uint64_t)mipfb_ld_be32(msg + 16) << 32 | mipfb_ld_be32(msg + 20);
  return reject(ha, &q, err == MIPFB_ERR_NOBUF ? HA4_CODE_RESOURCES : HA4_CODE_MALFORMED, q.m.id, from);
}

/* Position of bid among the node's old bindings, or HA4_NONE. */
static uint32_t old_pos(const mipfb_ha4 *ha, uint32_t n_ob, uint8_t bid) {
  uint32_t i;
  for (i = 0; i < n_ob; i++) {
    if (ha->binds[ha->old_b[i]].bid == bid) {
      return i;
    }
  }
  return HA4_NONE;
}

/* pb[at] = the binding the request registers. */
static void pb_request(mipfb_ha4 *ha, const ha4_req *q, uint32_t at, uint32_t oldpos, uint16_t granted,
                       uint64_t expires) {
  ha4_pbind *p = &ha->pb[at];
  p->expires = expires;
  p->old = oldpos;
  p->coa = q->m.coa;
  p->lifetime = granted;
  p->bid = q->bid;
  p->if_att = q->if_att;
  p->if_label = q->if_label;
  p->encap = agent_encap_of(q->m.flags);
  p->reverse = (uint8_t)((q->m.flags & MIPFB_MIP4_FLAG_T) != 0);
}

/* Step 7, bindings (doc/agents.md "Binding semantics"): fills pb[] in BID
   order and returns its count, or a value above max_bindings_per_node
   (135). */
static uint32_t plan_bindings(mipfb_ha4 *ha, const ha4_req *q, uint32_t n_ob, uint16_t granted, uint64_t expires) {
  uint32_t i, n = 0;
  int placed = 0;
  if (!q->multi) {
    if (q->m.lifetime != 0) { /* replaces every binding */
      pb_request(ha, q, 0, old_pos(ha, n_ob, 0), granted, expires);
      return 1;
    }
    if (q->m.coa == q->hoa) {
      return 0; /* deregister all */
    }
    for (i = 0; i < n_ob; i++) { /* deregister the binding(s) with that CoA */
      if (ha->binds[ha->old_b[i]].coa != q->m.coa) {
        ha4_pb_keep(ha, i, n++);
      }
    }
    return n;
  }
  if (q->m.lifetime == 0) {
    if (q->b) {
      return 0; /* B = 1, lifetime 0: deregister all (E-5) */
    }
    for (i = 0; i < n_ob; i++) { /* deregister that BID (unknown: nothing to do) */
      if (ha->binds[ha->old_b[i]].bid != q->bid) {
        ha4_pb_keep(ha, i, n++);
      }
    }
    return n;
  }
  if (q->o) { /* this BID stays, every other binding goes */
    pb_request(ha, q, 0, old_pos(ha, n_ob, q->bid), granted, expires);
    return 1;
  }
  /* add or update this BID; a BID-0 binding (registered without Multipath
     extension) is replaced by the multipath ones. At most n_ob + 1 <=
     cap + 1 entries: pb[] has room. */
  for (i = 0; i < n_ob; i++) {
    const ha4_bind *b = &ha->binds[ha->old_b[i]];
    if (b->bid == 0) {
      continue;
    }
    if (!placed && b->bid >= q->bid) {
      pb_request(ha, q, n++, b->bid == q->bid ? i : HA4_NONE, granted, expires);
      placed = 1;
      if (b->bid == q->bid) {
        continue;
      }
    }
    ha4_pb_keep(ha, i, n);
    if (q->b) { /* bulk: every binding gets the granted lifetime */
      ha->pb[n].lifetime = granted;
      ha->pb[n].expires = expires;
    }
    n++;
  }
  if (!placed) {
    pb_request(ha, q, n++, HA4_NONE, granted, expires);
  }
  return n;
}

/* Step 7, flow policy: new_r[] and its count, or a reply code (negated)
   for 153 / 130. */
static int plan_rules(mipfb_ha4 *ha, const ha4_req *q, uint32_t n_or, uint32_t n_pb) {
  uint64_t set[4] = {0, 0, 0, 0};
  uint32_t i, k = 0;
  if (q->n_fb == 0) {
    return (int)ha4_prune_rules(ha, n_or, n_pb);
  }
  for (i = 0; i < n_pb; i++) {
    set[ha->pb[i].bid / 64u] |= (uint64_t)1 << (ha->pb[i].bid % 64u);
  }
  for (i = 0; i < q->m.n_ext; i++) {
    const mipfb_mip4_ext *e = &q->m.ext[i];
    const mipfb_mip4_flow_binding *fb;
    unsigned j;
    if (e->kind != MIPFB_MIP4_EXT_FLOW_BINDING) {
      continue;
    }
    fb = &e->u.flow_binding;
    if (fb->action == ha->cp.mip4_fb_forward) {
      for (j = 0; j < fb->bid_count; j++) {
        if ((set[fb->bids[j] / 64u] >> (fb->bids[j] % 64u) & 1u) == 0) {
          return -(int)ha->cp.mip4_code_invalid_fb_id;
        }
      }
    }
    if (k >= ha->cfg.max_rules_per_node || ha4_rule_from_fb(ha, ha4_new_rule_at(ha, k), fb) != 0) {
      return -HA4_CODE_RESOURCES;
    }
    k++;
  }
  return n_pb == 0 ? 0 : (int)k; /* deregistering all clears the policy */
}

/* Steps 2..6 on a decoded request: 0 to go on, else the return value of
   input (a reply sent or a discard). */
static int check(mipfb_ha4 *ha, ha4_req *q, uint64_t now_ms, const uint8_t *msg, size_t len,
                 const mipfb_pkt_info *from, int *done) {
  const mipfb_mip4_ext *mp, *mt, *e;
  uint64_t wall, d, window;
  size_t i;
  *done = 1;
  /* 2. authentication (RFC 5944 3.8.2.1) */
  q->auth = mipfb_mip4_find(&q->m, MIPFB_MIP4_EXT_MN_HA_AUTH);
  if (q->auth == NULL) {
    return discard(ha, MIPFB_ERR_AUTH, q->m.hoa, "request without MN-HA authentication");
  }
  e = mipfb_mip4_find(&q->m, MIPFB_MIP4_EXT_NAI);
  if (e != NULL) {
    q->nai = e->u.nai;
  }
  if (ask_key(ha, q->m.hoa, q->auth->u.auth.spi, q->nai, &q->sa) != 0) {
    return discard(ha, MIPFB_ERR_NOT_FOUND, q->m.hoa, "no security association");
  }
  ha4_prefetch(ha, q->m.hoa, 1); /* lands while the HMAC is computed */
  if (mipfb_mip4_auth_verify(msg, len, q->auth, &q->sa.key) != 0) {
    if (!ha->cfg.reply_on_auth_failure) {
      return discard(ha, MIPFB_ERR_AUTH, q->m.hoa, "authentication failed");
    }
    return reject(ha, q, HA4_CODE_AUTH, q->m.id, from);
  }
  ha4_prefetch(ha, q->m.hoa, 2);
  /* 3. home agent address */
  if (q->m.ha != ha->cfg.ha_addr) {
    return reject(ha, q, HA4_CODE_HA_ADDR, q->m.id, from);
  }
  /* the node: by home address, or for an NAI-only request by NAI, else
     the address the security association assigns (RFC 2794) */
  q->hoa = q->m.hoa;
  q->node = HA4_NONE;
  if (q->hoa == 0) {
    if (q->nai.len == 0) {
      return reject(ha, q, HA4_CODE_MALFORMED, q->m.id, from);
    }
    q->node = ha4_node_find_nai(ha, q->nai.base, q->nai.len);
    if (q->node != HA4_NONE) {
      q->hoa = ha->nodes[q->node].hoa;
    } else if (q->sa.hoa.family == MIPFB_AF_INET4) {
      q->hoa = mipfb_addr_ipv4_value(&q->sa.hoa);
    }
    if (q->hoa == 0) {
      return reject(ha, q, HA4_CODE_RESOURCES, q->m.id, from);
    }
  }
  if (q->node == HA4_NONE) {
    q->node = ha4_node_find_idx(ha, q->hoa);
  }
  /* 4. Identification: timestamp within the window, above the last one */
  wall = ha->host.h.wallclock(ha->host.user, now_ms);
  d = q->m.id - wall;
  if (d > (uint64_t)1 << 63) {
    d = (uint64_t)0 - d;
  }
  window = ((uint64_t)ha->cfg.replay_window_ms << 32) / 1000u;
  if (d > window || (q->node != HA4_NONE && q->m.id <= ha->nodes[q->node].last_id)) {
    return reject(ha, q, HA4_CODE_ID, (wall & 0xFFFFFFFF00000000ull) | (q->m.id & 0xFFFFFFFFu), from);
  }
  /* 5. validity (wire.md 1.10; reserved bits are the codec's strict option) */
  mp = mipfb_mip4_find(&q->m, MIPFB_MIP4_EXT_MULTIPATH);
  mt = mipfb_mip4_find(&q->m, MIPFB_MIP4_EXT_MTUNNEL);
  if ((mp != NULL && mt != NULL) || (q->m.coa == 0 && q->m.lifetime != 0) ||
      (mt != NULL && (mt->u.mtunnel.bid == 0 || mt->u.mtunnel.bid > 254))) {
    return reject(ha, q, HA4_CODE_MALFORMED, q->m.id, from);
  }
  /* 6. multipath authorization (RFC 7629 5.2, draft-02 5.3) */
  if ((mp != NULL || mt != NULL) && (q->sa.multipath == 0 || !ha->cfg.enable_multiple_tunnel_support)) {
    return reject(ha, q,
                  mp != NULL ? ha->cp.mip4_code_multipath_not_allowed : ha->cp.mip4_code_mtunnel_denied_ha,
                  q->m.id, from);
  }
  if (mp != NULL) {
    q->multi = 1;
    q->bid = mp->u.multipath.bid;
    q->b = mp->u.multipath.b;
    q->o = mp->u.multipath.o;
    q->if_att = mp->u.multipath.if_att;
    q->if_label = mp->u.multipath.if_label;
  } else if (mt != NULL) {
    q->multi = 1;
    q->bid = (uint8_t)mt->u.mtunnel.bid;
    q->b = mt->u.mtunnel.b;
    q->o = mt->u.mtunnel.o;
    q->if_att = mt->u.mtunnel.if_type;
  }
  for (i = 0; i < q->m.n_ext; i++) {
    q->n_fb += q->m.ext[i].kind == MIPFB_MIP4_EXT_FLOW_BINDING;
  }
  *done = 0;
  return 0;
}

/* Step 7: the planned bindings (pb[]) and rules (new_r[]) with their
   counts, the granted lifetime; 0, or the reply code of a denial. */
static int plan(mipfb_ha4 *ha, const ha4_req *q, uint64_t now_ms, uint32_t *n_pb, uint32_t *n_new_r,
                uint16_t *granted) {
  uint32_t n_ob = 0, n_or = 0, adds = 0, kept = 0, i;
  int r;
  *granted = (uint16_t)(q->m.lifetime < ha->cfg.max_lifetime ? q->m.lifetime : ha->cfg.max_lifetime);
  if (q->node != HA4_NONE) {
    n_ob = ha4_collect_bindings(ha, &ha->nodes[q->node]);
    n_or = ha4_collect_rules(ha, &ha->nodes[q->node]);
  }
  *n_pb = plan_bindings(ha, q, n_ob, *granted, ha4_expiry(now_ms, *granted));
  if (*n_pb > ha->cfg.max_bindings_per_node) {
    return HA4_CODE_TOO_MANY;
  }
  r = plan_rules(ha, q, n_or, *n_pb);
  if (r < 0) {
    return -r; /* 153 or 130 */
  }
  *n_new_r = (uint32_t)r;
  for (i = 0; i < *n_pb; i++) {
    if (ha->pb[i].old == HA4_NONE) {
      adds++;
    } else {
      kept++;
    }
  }
  /* the commit frees before it allocates */
  if (adds > ha->cfg.max_bindings - ha->n_binds + (n_ob - kept) || *n_new_r > ha->cfg.max_rules - ha->n_rules + n_or) {
    return HA4_CODE_RESOURCES;
  }
  return 0;
}

/* Steps 8 and 9 for a planned request. */
static int accept_request(mipfb_ha4 *ha, ha4_req *q, uint64_t now_ms, uint32_t n_pb, uint32_t n_new_r,
                          uint16_t granted, const mipfb_pkt_info *from) {
  ha4_reply_info ri;
  int new_node = 0;
  if (q->node == HA4_NONE) { /* also a deregistration keeps its Identification when a record is free */
    q->node = ha4_node_alloc(ha, q->hoa);
    if (q->node == HA4_NONE && n_pb != 0) {
      return reject(ha, q, HA4_CODE_RESOURCES, q->m.id, from);
    }
    new_node = q->node != HA4_NONE;
  }
  if (q->node != HA4_NONE) {
    ha4_node *n = &ha->nodes[q->node];
    if (ha4_apply(ha, q->node, n_pb, n_new_r, 0, now_ms) != 0) {
      int rc;
      ha->stats.hook_failures++;
      if (new_node) {
        ha4_node_release(ha, q->node);
      }
      rc = reject(ha, q, HA4_CODE_RESOURCES, q->m.id, from);
      return rc < 0 ? rc : MIPFB_ERR_HOOK;
    }
    n->last_id = q->m.id;
    if (n_pb != 0 && q->m.lifetime != 0) {
      n->flags = (uint8_t)(q->multi ? n->flags | HA4_NODE_MULTIPATH : n->flags & ~HA4_NODE_MULTIPATH);
    }
    if (q->nai.len != 0) {
      ha4_node_set_nai(ha, q->node, q->nai.base, q->nai.len);
    }
  }
  memset(&ri, 0, sizeof ri);
  ri.code = (uint8_t)(!q->multi && (q->m.flags & MIPFB_MIP4_FLAG_S) != 0 ? HA4_CODE_NO_SIMULTANEOUS : HA4_CODE_ACCEPTED);
  ri.lifetime = granted;
  ri.hoa = q->hoa;
  ri.id = q->m.id;
  ri.spi = q->auth->u.auth.spi;
  ri.key = &q->sa.key;
  ri.nai = q->nai;
  ri.policy_node = q->n_fb != 0 && q->node != HA4_NONE ? q->node : HA4_NONE;
  count_reply(ha, ri.code);
  if (q->m.lifetime == 0) {
    ha->stats.deregistrations++;
  }
  agent_log(&ha->host, MIPFB_LOG_INFO, "registration accepted", q->hoa, q->bid, ri.code, 0);
  return ha4_reply_send(ha, &ri, from);
}

int ha4_request(mipfb_ha4 *ha, uint64_t now_ms, const uint8_t *msg, size_t len, const mipfb_pkt_info *from) {
  ha4_req q;
  mipfb_ssize rc;
  uint32_t n_pb = 0, n_new_r = 0;
  uint16_t granted = 0;
  int done, code;
  /* 1. decode */
  if (len == 0 || msg[0] != MIPFB_MIP4_RRQ) {
    return discard(ha, MIPFB_ERR_UNSUPPORTED, 0, "not a Registration Request");
  }
  if (len >= 8) {
    ha4_prefetch(ha, mipfb_ld_be32(msg + 4), 0);
  }
  memset(&q, 0, sizeof q);
  rc = mipfb_mip4_decode(&q.m, ha->ext, ha->ext_cap, msg, len, &ha->cp, NULL);
  if (rc < 0) {
    return decode_failed(ha, msg, len, (int)rc, from);
  }
  /* 2 .. 6 */
  rc = check(ha, &q, now_ms, msg, len, from, &done);
  if (done) {
    return (int)rc;
  }
  /* 7 */
  code = plan(ha, &q, now_ms, &n_pb, &n_new_r, &granted);
  if (code != 0) {
    return reject(ha, &q, (uint8_t)code, q.m.id, from);
  }
  /* 8, 9 */
  return accept_request(ha, &q, now_ms, n_pb, n_new_r, granted, from);
}
