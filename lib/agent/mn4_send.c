/* MIPv4 mobile node: Identification and building / sending Registration
   Requests. */
#include <string.h>

#include "mn4_int.h"

/* One request to build. */
typedef struct mn4_tx {
  uint16_t lifetime;
  uint32_t coa_field;
  uint8_t flags;
  uint8_t with_ext; /* Multipath or Multiple Tunnel Request */
  uint8_t bid, b, o;
  mn4_params p;     /* If-ATT, If-Label, bandwidth */
  mn4_if *fb_for;   /* add the policy for this slot's request */
  mipfb_pkt_info to;
} mn4_tx;

uint64_t mn4_next_id(mipfb_mn4 *mn, uint64_t now_ms) {
  uint64_t ts = mn->host.h.wallclock(mn->host.user, now_ms) + mn->clock_offset;
  uint64_t r, id;
  /* RFC 5944 5.7: fraction bits the clock does not provide are random.
     The low 16 bits (15 us) are below any host clock's resolution; random
     ones keep requests whole seconds apart (retransmissions) from sharing
     the low 32 bits a reply is matched by. */
  if (agent_random64(&mn->host, &r) == 0) {
    ts = (ts & ~(uint64_t)0xFFFFu) | (r & 0xFFFFu);
  }
  id = ts > mn->last_id ? ts : mn->last_id + 1u;
  mn->last_id = id;
  return id;
}

/* Encode t with a fresh Identification (stored in *id) and send it. */
int mn4_ask_key(const mipfb_mn4 *mn, mipfb_auth_answer *a) {
  mipfb_auth_query q;
  memset(&q, 0, sizeof q);
  q.role = MIPFB_ROLE_MN4;
  q.spi = mn->cfg.spi;
  q.hoa = mipfb_addr_ipv4(mn->cfg.hoa);
  q.peer = mipfb_addr_ipv4(mn->cfg.ha_addr);
  memset(a, 0, sizeof *a);
  return mn->host.h.auth_key(mn->host.user, &q, a);
}

static int send_rrq(mipfb_mn4 *mn, uint64_t now_ms, const mn4_tx *t, uint64_t *id) {
  mipfb_mip4_msg msg;
  mipfb_mip4_ext *ext = mn->tx_ext;
  mipfb_auth_answer a;
  mipfb_ssize n;
  size_t k = 0;
  memset(&msg, 0, sizeof msg);
  msg.type = MIPFB_MIP4_RRQ;
  msg.flags = t->flags;
  msg.lifetime = t->lifetime;
  msg.hoa = mn->cfg.hoa;
  msg.ha = mn->cfg.ha_addr;
  msg.coa = t->coa_field;
  msg.id = mn4_next_id(mn, now_ms);
  *id = msg.id;
  if (t->with_ext) {
    memset(&ext[k], 0, sizeof ext[k]);
    if (mn->cfg.use_mtunnel) {
      ext[k].kind = MIPFB_MIP4_EXT_MTUNNEL;
      ext[k].u.mtunnel.if_type = t->p.att;
      ext[k].u.mtunnel.bid = t->bid;
      ext[k].u.mtunnel.b = t->b;
      ext[k].u.mtunnel.o = t->o;
      ext[k].u.mtunnel.bw_len = t->p.bw != 0 ? 4 : 0;
      ext[k].u.mtunnel.bandwidth = t->p.bw;
    } else {
      ext[k].kind = MIPFB_MIP4_EXT_MULTIPATH;
      ext[k].u.multipath.if_att = t->p.att;
      ext[k].u.multipath.if_label = t->p.label;
      ext[k].u.multipath.bid = t->bid;
      ext[k].u.multipath.b = t->b;
      ext[k].u.multipath.o = t->o;
    }
    k++;
  }
  if (t->fb_for != NULL) {
    k += mn4_fb_build(mn, t->fb_for, &ext[k]);
  }
  if (mn4_ask_key(mn, &a) != 0) {
    agent_log(&mn->host, MIPFB_LOG_ERROR, "no security association for the request", mn->cfg.hoa, t->bid, 0,
              MIPFB_ERR_HOOK);
    return MIPFB_ERR_HOOK;
  }
  memset(&ext[k], 0, sizeof ext[k]);
  ext[k].kind = MIPFB_MIP4_EXT_MN_HA_AUTH;
  ext[k].u.auth.spi = mn->cfg.spi;
  ext[k].u.auth.key = &a.key;
  k++;
  msg.ext = ext;
  msg.n_ext = k;
  n = mipfb_mip4_encode(mn->buf, mn->buf_len, &msg, &mn->cfg.cp, NULL);
  memset(&a, 0, sizeof a);
  if (n < 0) {
    agent_log(&mn->host, MIPFB_LOG_ERROR, "request encoding failed", mn->cfg.hoa, t->bid, 0, (int)n);
    return (int)n;
  }
  mn->stats.requests_sent++;
  agent_log(&mn->host, MIPFB_LOG_DEBUG, "registration request sent", mn->cfg.hoa, t->bid, 0, 0);
  return agent_send(&mn->host, mn->buf, (size_t)n, &t->to);
}

/* Addressing of a request sent over slot c with parameters p. */
static mipfb_pkt_info path_of(const mipfb_mn4 *mn, const mn4_if *c, const mn4_params *p) {
  uint32_t src = p->coa != 0 ? p->coa : (p->fa != 0 ? mn->cfg.hoa : 0);
  uint32_t dst = p->fa != 0 ? p->fa : mn->cfg.ha_addr;
  return agent_pkt4(c->id, src, dst, mn->cfg.port, MIPFB_MIP4_PORT);
}

/* A registered slot to carry a deregistration of f (f itself when up). */
static const mn4_if *carrier_of(const mipfb_mn4 *mn, const mn4_if *f) {
  size_t i;
  if (f->up) {
    return f;
  }
  for (i = 0; i < mn->cfg.max_ifaces; i++) {
    const mn4_if *c = &mn->ifs[i];
    if (c->id != 0 && c->up && c->has_tun) {
      return c;
    }
  }
  return NULL;
}

void mn4_cancel_req(mn4_if *f) {
  f->req = MN4_REQ_NONE;
  f->req_bulk = 0;
  f->req_fb = 0;
  f->retx_at = MN4_NEVER;
  memset(f->fb_bids, 0, sizeof f->fb_bids);
}

int mn4_transmit(mipfb_mn4 *mn, mn4_if *f, uint64_t now_ms) {
  mn4_tx t;
  const mn4_if *c = f;
  int rc;
  memset(&t, 0, sizeof t);
  t.bid = f->bid;
  t.p = f->req_p;
  t.coa_field = f->req_p.fa != 0 ? f->req_p.fa : f->req_p.coa;
  t.flags = mn->cfg.reg_flags;
  if (f->req_p.fa == 0) {
    t.flags |= MIPFB_MIP4_FLAG_D;
  }
  t.with_ext = mn->multipath;
  if (f->req == MN4_REQ_REG) {
    t.lifetime = mn->cfg.lifetime;
    t.b = f->req_bulk;
    /* Errata E-18: a new care-of address for a registered BID keeps O = 0
       unless the literal RFC 7629 5.1 reading is configured. */
    t.o = (uint8_t)(mn->cfg.literal_overwrite && !f->req_bulk && f->has_tun &&
                    (f->tun.coa != f->req_p.coa || f->tun.fa != f->req_p.fa));
    memset(f->fb_bids, 0, sizeof f->fb_bids);
    f->req_fb = (uint8_t)mn4_fb_wanted(mn, f);
    if (f->req_fb) {
      t.fb_for = f;
      f->req_gen = mn->policy_gen;
    }
  } else {
    c = carrier_of(mn, f);
    if (c == NULL) {
      return MIPFB_ERR_NOT_FOUND;
    }
  }
  t.to = c == f ? path_of(mn, f, &f->req_p) : path_of(mn, c, &c->tun);
  rc = send_rrq(mn, now_ms, &t, &f->req_id);
  if (f->tries > 0) {
    mn->stats.retransmissions++;
  }
  f->tries++;
  f->retx_at = now_ms + f->wait_ms;
  return rc;
}

int mn4_start_reg(mipfb_mn4 *mn, mn4_if *f, uint64_t now_ms, int bulk) {
  f->req = MN4_REQ_REG;
  f->req_bulk = (uint8_t)(bulk && mn->multipath);
  f->req_p = f->cur;
  f->tries = 0;
  f->wait_ms = mn->cfg.retrans_initial_ms;
  f->retry_at = MN4_NEVER;
  f->state = f->has_tun ? MIPFB_MN4_REFRESHING : MIPFB_MN4_REGISTERING;
  f->refresh_at = MN4_NEVER;
  mn->home.active = 0; /* leaving home supersedes the deregistration */
  mn->home.retx_at = MN4_NEVER;
  return mn4_transmit(mn, f, now_ms);
}

int mn4_start_dereg(mipfb_mn4 *mn, mn4_if *f, uint64_t now_ms) {
  int rc;
  f->req = MN4_REQ_DEREG;
  f->req_bulk = 0;
  f->req_fb = 0;
  f->req_p = f->has_tun ? f->tun : f->cur;
  f->tries = 0;
  f->wait_ms = mn->cfg.retrans_initial_ms;
  f->retry_at = MN4_NEVER;
  f->state = MIPFB_MN4_DEREGISTERING;
  rc = mn4_transmit(mn, f, now_ms);
  if (rc == MIPFB_ERR_NOT_FOUND) { /* nobody to carry it: the home agent lets it expire */
    mn4_cancel_req(f);
    f->state = MIPFB_MN4_IDLE;
    return 0;
  }
  return rc;
}

int mn4_transmit_home(mipfb_mn4 *mn, uint64_t now_ms) {
  mn4_tx t;
  size_t i;
  int rc;
  memset(&t, 0, sizeof t);
  t.lifetime = 0;
  t.coa_field = mn->cfg.hoa;
  t.flags = mn->cfg.reg_flags;
  t.with_ext = mn->multipath;
  t.b = 1;
  t.bid = 1;
  t.p.label = 1;
  for (i = 0; i < mn->cfg.max_ifaces; i++) { /* any BID of the node names it */
    if (mn->ifs[i].id != 0) {
      t.bid = mn->ifs[i].bid;
      t.p = mn->ifs[i].cur;
      break;
    }
  }
  t.to = agent_pkt4(0, mn->cfg.hoa, mn->cfg.ha_addr, mn->cfg.port, MIPFB_MIP4_PORT);
  rc = send_rrq(mn, now_ms, &t, &mn->home.id);
  if (mn->home.tries > 0) {
    mn->stats.retransmissions++;
  }
  mn->home.tries++;
  mn->home.retx_at = now_ms + mn->home.wait_ms;
  return rc;
}
