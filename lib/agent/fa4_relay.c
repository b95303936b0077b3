/* Foreign agent: relaying Registration Requests to home agents and
   Replies back to mobile nodes (RFC 5944 3.7, draft-02 5.2), and the
   replies the agent sends itself. */
#include "fa4_int.h"

#include <string.h>

static uint32_t be32(const uint8_t *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint64_t be64(const uint8_t *p) { return (uint64_t)be32(p) << 32 | be32(p + 4); }

/* Where replies to a node come from: the address its request was sent
   to, or the agent's address when that was not one of its own unicast
   addresses (0.0.0.0, broadcast, multicast: RFC 5944 3.7.2.3). */
static uint32_t local_of(const mipfb_fa4 *fa, uint32_t dst) {
  if (dst == 0 || dst == 0xFFFFFFFFu || (dst >> 28) == 0xEu) {
    return fa->cfg.fa_addr;
  }
  return dst;
}

/* Addressing of a message to a node: to its request's source address
   and port (limited broadcast when the source was 0.0.0.0), from port
   434, on its link. */
static mipfb_pkt_info to_node(uint32_t ifindex, uint32_t node_addr, uint32_t local, uint16_t node_port) {
  return agent_pkt4(ifindex, local, node_addr != 0 ? node_addr : 0xFFFFFFFFu, MIPFB_MIP4_PORT, node_port);
}

static uint64_t after_ms(uint64_t now_ms, uint32_t ms) {
  return now_ms >= MIPFB_NO_DEADLINE - 1 - ms ? MIPFB_NO_DEADLINE - 1 : now_ms + ms;
}

/* A reply of the agent's own: the request's Home Address, Home Agent and
   Identification, no extension. Returns code, or MIPFB_ERR_HOOK when the
   send hook failed. */
static int own_reply(mipfb_fa4 *fa, uint8_t code, uint16_t lifetime, uint32_t hoa, uint32_t ha, uint64_t id,
                     const mipfb_pkt_info *to) {
  mipfb_mip4_msg m;
  uint8_t buf[MIPFB_MIP4_RRP_LEN];
  mipfb_ssize n;
  memset(&m, 0, sizeof m);
  m.type = MIPFB_MIP4_RRP;
  m.code = code;
  m.lifetime = lifetime;
  m.hoa = hoa;
  m.ha = ha;
  m.id = id;
  n = mipfb_mip4_encode(buf, sizeof buf, &m, &fa->cfg.cp, NULL);
  if (n < 0) {
    return MIPFB_ERR_INTERNAL; /* a fixed part always encodes */
  }
  agent_log(&fa->host, MIPFB_LOG_WARN, "registration denied by the foreign agent", hoa, 0, code, 0);
  if (agent_send(&fa->host, buf, (size_t)n, to) != 0) {
    fa->stats.hook_failures++;
    return MIPFB_ERR_HOOK;
  }
  return code;
}

static int discard(mipfb_fa4 *fa, uint64_t *counter, const char *what, uint32_t hoa, int err) {
  (*counter)++;
  agent_log(&fa->host, MIPFB_LOG_WARN, what, hoa, 0, 0, err);
  return err;
}

/* Deny a request (fixed part readable) with code. */
static int deny(mipfb_fa4 *fa, uint8_t code, uint16_t lifetime, const uint8_t *msg, const mipfb_pkt_info *to) {
  fa->stats.rrq_denied++;
  return own_reply(fa, code, lifetime, be32(msg + 4), be32(msg + 8), be64(msg + 16), to);
}

/* Fill pending entry i from a decoded request. */
static void pen_fill(mipfb_fa4 *fa, uint32_t i, const mipfb_mip4_msg *m, const mipfb_pkt_info *from) {
  fa4_pending *p = &fa->pen[i];
  const mipfb_mip4_ext *mp = mipfb_mip4_find(m, MIPFB_MIP4_EXT_MULTIPATH);
  const mipfb_mip4_ext *mt = mipfb_mip4_find(m, MIPFB_MIP4_EXT_MTUNNEL);
  p->id = m->id;
  p->ha = m->ha;
  p->coa = m->coa;
  p->ifindex = from->ifindex;
  p->node_addr = mipfb_addr_ipv4_value(&from->src);
  p->local_addr = local_of(fa, mipfb_addr_ipv4_value(&from->dst));
  p->node_port = from->sport;
  p->lifetime = m->lifetime;
  p->flags = m->flags;
  p->ext = FA4_EXT_NONE;
  p->bid = 0;
  p->b = 0;
  p->o = 0;
  p->if_att = 0;
  p->if_label = 0;
  if (mp != NULL) {
    p->ext = FA4_EXT_MULTIPATH;
    p->bid = mp->u.multipath.bid;
    p->b = mp->u.multipath.b;
    p->o = mp->u.multipath.o;
    p->if_att = mp->u.multipath.if_att;
    p->if_label = mp->u.multipath.if_label;
  } else if (mt != NULL) {
    p->ext = FA4_EXT_MTUNNEL;
    p->bid = mt->u.mtunnel.bid;
    p->b = mt->u.mtunnel.b;
    p->o = mt->u.mtunnel.o;
    p->if_att = mt->u.mtunnel.if_type;
  }
}

int fa4_input_request(mipfb_fa4 *fa, uint64_t now_ms, const uint8_t *msg, size_t len, const mipfb_pkt_info *from) {
  mipfb_mip4_msg m;
  mipfb_pkt_info to, to_ha;
  mipfb_ssize n;
  uint32_t i, hoa;
  int fresh = 0, multi;
  fa->stats.rrq_received++;
  if (len < MIPFB_MIP4_RRQ_LEN) {
    return discard(fa, &fa->stats.rrq_discarded, "request shorter than its fixed part", 0, MIPFB_ERR_TRUNCATED);
  }
  hoa = be32(msg + 4);
  to = to_node(from->ifindex, mipfb_addr_ipv4_value(&from->src), local_of(fa, mipfb_addr_ipv4_value(&from->dst)), from->sport);
  n = mipfb_mip4_decode(&m, fa->ext, FA4_EXT_CAP, msg, len, &fa->cfg.cp, NULL);
  if (n == MIPFB_ERR_UNKNOWN_NONSKIPPABLE) {
    /* RFC 5944 1.9: an unknown extension 0..127 discards the message */
    return discard(fa, &fa->stats.rrq_discarded, "request with an unknown non-skippable extension", hoa, (int)n);
  }
  if (n < 0) {
    return deny(fa, MIPFB_FA4_CODE_POORLY_FORMED_REQUEST, 0, msg, &to);
  }
  if (m.ha == 0) {
    return deny(fa, MIPFB_FA4_CODE_MISSING_HOME_AGENT, 0, msg, &to);
  }
  if (m.hoa == 0 && mipfb_mip4_find(&m, MIPFB_MIP4_EXT_NAI) == NULL) {
    return deny(fa, MIPFB_FA4_CODE_MISSING_NAI, 0, msg, &to);
  }
  multi = mipfb_mip4_find(&m, MIPFB_MIP4_EXT_MULTIPATH) != NULL || mipfb_mip4_find(&m, MIPFB_MIP4_EXT_MTUNNEL) != NULL;
  if (multi && !fa->cfg.enable_multiple_tunnel_support) {
    /* draft-02 5.2: MULTIPLE_TUNNEL_REQUEST_DENIED_BY_FA, not relayed */
    return deny(fa, fa->cfg.cp.mip4_code_mtunnel_denied_fa, 0, msg, &to);
  }
  if (m.lifetime > fa->cfg.max_lifetime) {
    /* RFC 5944 3.7.2.2: the reply's Lifetime is the longest acceptable */
    return deny(fa, MIPFB_FA4_CODE_LIFETIME_TOO_LONG, (uint16_t)fa->cfg.max_lifetime, msg, &to);
  }
  if (m.lifetime > 0 && m.coa != fa->cfg.fa_addr && (m.flags & MIPFB_MIP4_FLAG_D) == 0) {
    return deny(fa, MIPFB_FA4_CODE_INVALID_COA, 0, msg, &to);
  }
  i = fa4_pen_find(fa, m.hoa, (uint32_t)m.id);
  if (i == FA4_NIL) {
    i = fa4_pen_alloc(fa, m.hoa, (uint32_t)m.id);
    if (i == FA4_NIL) {
      return deny(fa, MIPFB_FA4_CODE_INSUFFICIENT_RESOURCES, 0, msg, &to);
    }
    fresh = 1;
  }
  pen_fill(fa, i, &m, from);
  fa4_pen_touch(fa, i, after_ms(now_ms, fa->cfg.pending_timeout_ms));
  fa4_pen_unreserve(fa, i);
  if (m.lifetime > 0 && m.coa == fa->cfg.fa_addr && (m.flags & MIPFB_MIP4_FLAG_D) == 0 &&
      (m.hoa == 0 || fa4_vis_find(fa, m.hoa, fa->pen[i].bid) == FA4_NIL) && fa4_pen_reserve(fa, i) != 0) {
    /* no visitor slot for it once the requests in flight are counted */
    fa4_pen_release(fa, i);
    (void)fresh;
    return deny(fa, MIPFB_FA4_CODE_INSUFFICIENT_RESOURCES, 0, msg, &to);
  }
  to_ha = agent_pkt4(0, fa->cfg.fa_addr, m.ha, MIPFB_MIP4_PORT, MIPFB_MIP4_PORT);
  fa->stats.rrq_relayed++;
  agent_log(&fa->host, MIPFB_LOG_DEBUG, fresh ? "request relayed" : "request relayed again", m.hoa,
            fa->pen[i].bid, 0, 0);
  if (agent_send(&fa->host, msg, len, &to_ha) != 0) {
    fa->stats.hook_failures++;
    return MIPFB_ERR_HOOK;
  }
  return 0;
}

int fa4_input_reply(mipfb_fa4 *fa, uint64_t now_ms, const uint8_t *msg, size_t len, const mipfb_pkt_info *from) {
  mipfb_mip4_msg m;
  mipfb_pkt_info to;
  fa4_pending p;
  mipfb_ssize n;
  uint32_t i, hoa, id_low, granted;
  int rc;
  (void)from;
  fa->stats.rrp_received++;
  if (len < MIPFB_MIP4_RRP_LEN) {
    return discard(fa, &fa->stats.rrp_discarded, "reply shorter than its fixed part", 0, MIPFB_ERR_TRUNCATED);
  }
  hoa = be32(msg + 4);
  id_low = be32(msg + 16);
  i = fa4_pen_find(fa, hoa, id_low);
  if (i == FA4_NIL && hoa != 0) {
    i = fa4_pen_find(fa, 0, id_low); /* a request that named the node by its NAI */
  }
  if (i == FA4_NIL) {
    return discard(fa, &fa->stats.rrp_discarded, "reply matching no pending request", hoa, MIPFB_ERR_NOT_FOUND);
  }
  p = fa->pen[i];
  to = to_node(p.ifindex, p.node_addr, p.local_addr, p.node_port);
  n = mipfb_mip4_decode(&m, fa->ext, FA4_EXT_CAP, msg, len, &fa->cfg.cp, NULL);
  if (n < 0) {
    /* RFC 5944 3.7.3.1: tell the node its reply was poorly formed */
    fa4_pen_release(fa, i);
    fa->stats.rrp_discarded++;
    return own_reply(fa, MIPFB_FA4_CODE_POORLY_FORMED_REPLY, 0, p.hoa, p.ha, p.id, &to);
  }
  if (m.code == 0 || m.code == 1) {
    granted = m.lifetime < fa->cfg.max_lifetime ? m.lifetime : fa->cfg.max_lifetime;
    rc = fa4_vis_apply(fa, now_ms, &p, m.hoa, granted);
    if (rc == MIPFB_ERR_HOOK) {
      /* nothing changed; the pending entry stays until it times out */
      fa->stats.rrp_discarded++;
      return rc;
    }
    if (rc != 0) {
      /* no visitor slot left: the node is told instead of relaying */
      fa4_pen_release(fa, i);
      fa->stats.rrp_discarded++;
      return own_reply(fa, MIPFB_FA4_CODE_INSUFFICIENT_RESOURCES, 0, p.hoa, p.ha, p.id, &to);
    }
  }
  fa4_pen_release(fa, i);
  fa->stats.rrp_relayed++;
  agent_log(&fa->host, MIPFB_LOG_DEBUG, "reply relayed", m.hoa, p.bid, m.code, 0);
  if (agent_send(&fa->host, msg, len, &to) != 0) {
    fa->stats.hook_failures++;
    return MIPFB_ERR_HOOK;
  }
  return 0;
}

int fa4_pen_expire(mipfb_fa4 *fa, uint64_t now_ms) {
  int rc = 0;
  while (fa->pen_first != FA4_NIL && fa->pen[fa->pen_first].expires_ms <= now_ms) {
    fa4_pending p = fa->pen[fa->pen_first];
    fa4_pen_release(fa, fa->pen_first);
    fa->stats.pending_expired++;
    agent_log(&fa->host, MIPFB_LOG_WARN, "no reply from the home agent", p.hoa, p.bid, 0, 0);
    if (fa->cfg.reply_on_timeout) {
      mipfb_pkt_info to = to_node(p.ifindex, p.node_addr, p.local_addr, p.node_port);
      if (own_reply(fa, MIPFB_FA4_CODE_REGISTRATION_TIMEOUT, 0, p.hoa, p.ha, p.id, &to) < 0) {
        rc = MIPFB_ERR_HOOK;
      }
    }
  }
  return rc;
}
