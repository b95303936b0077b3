/* MIPv4 mobile node: Registration Reply handling (RFC 5944 3.6.2,
   RFC 7629 5.1, draft-02 5.1). */
#include <string.h>

#include "mn4_int.h"

static int discard(mipfb_mn4 *mn, int err, const char *what) {
  mn->stats.replies_discarded++;
  if (err == MIPFB_ERR_AUTH) {
    mn->stats.auth_failures++;
  }
  agent_log(&mn->host, MIPFB_LOG_WARN, what, mn->cfg.hoa, 0, 0, err);
  return err;
}

/* Verify the MN-HA authentication extension with the node's SPI. */
static int check_auth(mipfb_mn4 *mn, const mipfb_mip4_msg *m, const uint8_t *msg, size_t len) {
  const mipfb_mip4_ext *auth = mipfb_mip4_find(m, MIPFB_MIP4_EXT_MN_HA_AUTH);
  mipfb_auth_answer a;
  int rc;
  if (auth == NULL || auth->u.auth.spi != mn->cfg.spi) {
    return discard(mn, MIPFB_ERR_AUTH, "reply without the node's MN-HA authentication");
  }
  if (mn4_ask_key(mn, &a) != 0) {
    return discard(mn, MIPFB_ERR_HOOK, "no security association for the reply");
  }
  rc = mipfb_mip4_auth_verify(msg, len, auth, &a.key);
  memset(&a, 0, sizeof a);
  if (rc != 0) {
    return discard(mn, MIPFB_ERR_AUTH, "reply authentication failed");
  }
  return 0;
}

/* RFC 5944 5.7: after checking the low 32 bits (done by the caller), take
   the home agent's time as the node's. */
static void resync(mipfb_mn4 *mn, uint64_t now_ms, uint64_t reply_id) {
  uint64_t wc = mn->host.h.wallclock(mn->host.user, now_ms);
  mn->clock_offset = (reply_id & 0xFFFFFFFF00000000u) - (wc & 0xFFFFFFFF00000000u);
  mn->last_id = 0; /* the next Identification follows the home agent's clock */
  mn->stats.clock_resyncs++;
  agent_log(&mn->host, MIPFB_LOG_WARN, "identification mismatch: clock resynchronised", mn->cfg.hoa, 0, 133, 0);
}

/* A registration was rejected with another code: the binding fails and
   is retried after the backoff. */
static int reject(mipfb_mn4 *mn, mn4_if *f, uint64_t now_ms, uint8_t code) {
  mn->n_undo = 0;
  if (f->has_tun && mn4_tun(mn, f, MIPFB_TUNNEL_REMOVE, NULL, 0, 0) != 0) {
    return MIPFB_ERR_HOOK;
  }
  mn->n_undo = 0;
  mn->stats.replies_rejected++;
  return mn4_fail(mn, f, now_ms, code, 1);
}

/* 152 (or a Multiple Tunnel denial): multipath off, one binding on the
   oldest registered interface (else the one that was answered). */
static int multipath_off(mipfb_mn4 *mn, mn4_if *f, uint64_t now_ms, uint8_t code) {
  mn4_if *pick = NULL;
  size_t i;
  for (i = 0; i < mn->cfg.max_ifaces; i++) {
    mn4_if *g = &mn->ifs[i];
    if (g->id != 0 && g->up && g->has_tun && (pick == NULL || g->reg_seq < pick->reg_seq)) {
      pick = g;
    }
  }
  if (pick == NULL) {
    pick = f->up ? f : NULL;
  }
  mn->n_undo = 0;
  for (i = 0; i < mn->cfg.max_ifaces; i++) {
    mn4_if *g = &mn->ifs[i];
    if (g->id != 0 && g != pick && g->has_tun && mn4_tun(mn, g, MIPFB_TUNNEL_REMOVE, NULL, 0, 0) != 0) {
      mn4_undo_to(mn, 0);
      return MIPFB_ERR_HOOK;
    }
  }
  mn->n_undo = 0;
  mn->multipath = 0;
  mn->stats.replies_rejected++;
  agent_log(&mn->host, MIPFB_LOG_WARN, "multipath not allowed: single binding", mn->cfg.hoa, f->bid, code, 0);
  memset(mn->fb_hold, 0, sizeof mn->fb_hold);
  f->last_code = code;
  for (i = 0; i < mn->cfg.max_ifaces; i++) {
    mn4_if *g = &mn->ifs[i];
    if (g->id == 0 || g == pick) {
      continue;
    }
    mn4_drop_tun(mn, g);
    if (g->req == MN4_REQ_REG) {
      mn4_cancel_req(g);
    }
    if (g->req == MN4_REQ_NONE) {
      g->state = MIPFB_MN4_IDLE;
      g->retry_at = MN4_NEVER;
    }
  }
  if (pick == NULL) {
    mn->primary = -1;
    return mn4_single_elect(mn, now_ms);
  }
  mn->primary = (int)(pick - mn->ifs);
  mn4_cancel_req(pick);
  return mn4_start_reg(mn, pick, now_ms, 0);
}

/* 153: the bindings the request's Flow-Binding extensions named (and its
   own) are registered again without the policy, which follows once they
   are all accepted. */
static int invalid_fb(mipfb_mn4 *mn, mn4_if *f, uint64_t now_ms, uint8_t code) {
  uint8_t named[32];
  size_t i;
  int rc = 0, r;
  mn->stats.replies_rejected++;
  f->last_code = code;
  agent_log(&mn->host, MIPFB_LOG_WARN, "invalid flow-binding identifier: registering again", mn->cfg.hoa, f->bid,
            code, 0);
  if (++mn->n153 > mn->cfg.max_retrans) { /* the home agent keeps refusing it: stop sending the policy */
    mn->policy_pending = 0;
  }
  memcpy(named, f->fb_bids, sizeof named);
  mn4_bit_set(named, f->bid);
  for (i = 0; i < mn->cfg.max_ifaces; i++) {
    mn4_if *g = &mn->ifs[i];
    if (g->id == 0 || !g->up || !mn4_bit_get(named, g->bid)) {
      continue;
    }
    if (g != f && g->req != MN4_REQ_NONE) {
      continue; /* already on its way */
    }
    if (mn->policy_pending) {
      mn4_bit_set(mn->fb_hold, g->bid);
    }
    mn4_cancel_req(g);
    r = mn4_start_reg(mn, g, now_ms, 0);
    rc = rc != 0 ? rc : r;
  }
  return rc;
}

/* Code 0 or 1: the binding (or with B = 1 every binding) is in force. */
static int accept(mipfb_mn4 *mn, mn4_if *f, uint64_t now_ms, const mipfb_mip4_msg *m) {
  uint16_t life = m->lifetime < mn->cfg.lifetime ? m->lifetime : mn->cfg.lifetime;
  uint8_t tun_bid = mn->multipath ? f->bid : 0;
  size_t i, nfb;
  int rc;
  if (life == 0) {
    return reject(mn, f, now_ms, m->code);
  }
  mn->n_undo = 0;
  for (i = 0; i < mn->cfg.max_ifaces && !mn->multipath; i++) { /* the single binding replaces every other */
    mn4_if *g = &mn->ifs[i];
    if (g->id != 0 && g->has_tun && (g != f || g->tun_bid != tun_bid) &&
        mn4_tun(mn, g, MIPFB_TUNNEL_REMOVE, NULL, 0, 0) != 0) {
      goto undo;
    }
  }
  if (!f->has_tun || f->tun_bid != tun_bid) {
    if (mn4_tun(mn, f, MIPFB_TUNNEL_ADD, &f->req_p, tun_bid, life) != 0) {
      goto undo;
    }
  } else if (f->tun_life != life || f->tun.coa != f->req_p.coa || f->tun.fa != f->req_p.fa ||
             f->tun.att != f->req_p.att || f->tun.label != f->req_p.label) {
    if (mn4_tun(mn, f, MIPFB_TUNNEL_CHANGE, &f->req_p, tun_bid, life) != 0) {
      goto undo;
    }
  }
  for (i = 0; i < mn->cfg.max_ifaces && f->req_bulk; i++) { /* B = 1: every binding gets the lifetime */
    mn4_if *g = &mn->ifs[i];
    if (g != f && g->id != 0 && g->has_tun && g->tun_life != life &&
        mn4_tun(mn, g, MIPFB_TUNNEL_CHANGE, &g->tun, g->tun_bid, life) != 0) {
      goto undo;
    }
  }
  nfb = mn4_fb_from_reply(mn, m);
  if (nfb > 0 && mn->multipath) {
    rc = mn4_engine_replace(mn, mn->tmp, nfb);
    if (rc != 0) {
      goto undo;
    }
  }
  /* Commit. */
  mn->n_undo = 0;
  for (i = 0; i < mn->cfg.max_ifaces; i++) {
    mn4_if *g = &mn->ifs[i];
    if (g->id == 0 || g == f) {
      continue;
    }
    if (!mn->multipath && g->has_tun) {
      mn4_drop_tun(mn, g);
    } else if (f->req_bulk && g->has_tun) {
      mn4_set_tun(mn, g, &g->tun, g->tun_bid, life, now_ms);
      if (g->req == MN4_REQ_NONE) {
        g->state = MIPFB_MN4_REGISTERED;
      }
    }
  }
  if (f->has_tun && f->tun_bid != tun_bid) {
    mn4_drop_tun(mn, f);
  }
  mn4_set_tun(mn, f, &f->req_p, tun_bid, life, now_ms);
  if (f->req_fb && f->req_gen == mn->policy_gen) {
    mn->n153 = 0;
    /* Accepted as sent; the policy is in force only when the request named
       every registered BID (interfaces that came up together each sent a
       partial one): else it stays pending and mn4_policy_kick sends it. */
    mn->policy_pending = (uint8_t)!mn4_fb_complete(mn, f);
  }
  mn4_cancel_req(f);
  f->state = MIPFB_MN4_REGISTERED;
  f->tries = 0;
  f->wait_ms = mn->cfg.retrans_initial_ms;
  f->retry_at = MN4_NEVER;
  f->last_code = 0;
  if (mn4_bit_get(mn->fb_hold, f->bid)) {
    mn4_bit_clr(mn->fb_hold, f->bid);
    if (mn4_bits_empty(mn->fb_hold) && mn->n_want > 0) {
      mn->policy_pending = 1; /* mn4_policy_kick sends it */
    }
  }
  mn->stats.replies_accepted++;
  agent_log(&mn->host, MIPFB_LOG_INFO, "registration accepted", mn->cfg.hoa, tun_bid, m->code, 0);
  return m->code;
undo:
  mn4_undo_to(mn, 0);
  return MIPFB_ERR_HOOK;
}

/* A reply to the node-wide deregistration. */
static int home_reply(mipfb_mn4 *mn, uint64_t now_ms, const mipfb_mip4_msg *m) {
  if (m->code == 133 && mn->home.tries < mn->cfg.max_retrans) {
    resync(mn, now_ms, m->id);
    return mn4_transmit_home(mn, now_ms);
  }
  mn->home.active = 0;
  mn->home.retx_at = MN4_NEVER;
  if (m->code <= 1) {
    mn->stats.replies_accepted++;
  } else {
    mn->stats.replies_rejected++;
  }
  agent_log(&mn->host, MIPFB_LOG_INFO, "deregistration answered", mn->cfg.hoa, 0, m->code, 0);
  return 0;
}

static int is_mpath_denial(const mipfb_mn4 *mn, uint8_t code) {
  const mipfb_codepoints *cp = &mn->cfg.cp;
  if (code == cp->mip4_code_multipath_not_allowed) {
    return 1;
  }
  return (code == cp->mip4_code_mtunnel_denied_ha || code == cp->mip4_code_mtunnel_denied_fa) && code != 0;
}

/* Dispatch a verified reply matched to slot f. */
static int slot_reply(mipfb_mn4 *mn, mn4_if *f, uint64_t now_ms, const mipfb_mip4_msg *m) {
  uint8_t code = m->code;
  int rc;
  if (code == 133) {
    if (f->tries >= mn->cfg.max_retrans) { /* no endless 133 exchange */
      if (f->req == MN4_REQ_REG) {
        return reject(mn, f, now_ms, code);
      }
      mn4_cancel_req(f);
      f->state = MIPFB_MN4_IDLE;
      return 0;
    }
    resync(mn, now_ms, m->id);
    return mn4_retransmit(mn, f, now_ms);
  }
  if (f->req == MN4_REQ_DEREG) {
    mn4_cancel_req(f);
    f->state = MIPFB_MN4_IDLE;
    f->last_code = code;
    if (code <= 1) {
      mn->stats.replies_accepted++;
    } else {
      mn->stats.replies_rejected++;
    }
    agent_log(&mn->host, MIPFB_LOG_INFO, "deregistration answered", mn->cfg.hoa, f->bid, code, 0);
    return 0;
  }
  if (code <= 1) {
    rc = accept(mn, f, now_ms, m);
    return rc < 0 ? rc : 0;
  }
  if (mn->multipath && is_mpath_denial(mn, code)) {
    return multipath_off(mn, f, now_ms, code);
  }
  if (code == mn->cfg.cp.mip4_code_invalid_fb_id && f->req_fb) {
    return invalid_fb(mn, f, now_ms, code);
  }
  if (mipfb_mip4_code_is_fa(code, &mn->cfg.cp)) {
    agent_log(&mn->host, MIPFB_LOG_WARN, "registration denied by the foreign agent", mn->cfg.hoa, f->bid, code, 0);
  }
  return reject(mn, f, now_ms, code);
}

int mipfb_mn4_input(mipfb_mn4 *mn, uint64_t now_ms, const uint8_t *msg, size_t len, const mipfb_pkt_info *from) {
  mipfb_mip4_msg m;
  mipfb_ssize n;
  mn4_if *f = NULL;
  size_t i;
  int rc, r, fa_denial;
  (void)from;
  if (mn == NULL || (msg == NULL && len != 0)) {
    return MIPFB_ERR_INVALID_ARG;
  }
  n = mipfb_mip4_decode(&m, mn->rx_ext, mn->cfg.max_rules + MN4_RX_EXT_EXTRA, msg, len, &mn->cfg.cp, NULL);
  if (n < 0) {
    return discard(mn, (int)n, "reply does not decode");
  }
  if (m.type != MIPFB_MIP4_RRP) {
    return discard(mn, MIPFB_ERR_UNSUPPORTED, "not a registration reply");
  }
  if (m.hoa != mn->cfg.hoa) {
    return discard(mn, MIPFB_ERR_NOT_FOUND, "reply for another home address");
  }
  /* RFC 5944 3.6.2.1: a reply the home agent generated carries the MN-HA
     authentication extension; a foreign agent's own denial cannot (the FA
     has no MN-HA key) and is taken without it for a request sent through
     that foreign agent. An extension present must verify. */
  fa_denial = mipfb_mip4_find(&m, MIPFB_MIP4_EXT_MN_HA_AUTH) == NULL && mipfb_mip4_code_is_fa(m.code, &mn->cfg.cp);
  if (!fa_denial) {
    rc = check_auth(mn, &m, msg, len);
    if (rc != 0) {
      return rc;
    }
  }
  /* RFC 5944 5.7: the low 32 bits must be those of a request in flight. */
  for (i = 0; i < mn->cfg.max_ifaces && f == NULL; i++) {
    if (mn->ifs[i].id != 0 && mn->ifs[i].req != MN4_REQ_NONE && (uint32_t)mn->ifs[i].req_id == (uint32_t)m.id) {
      f = &mn->ifs[i];
    }
  }
  if (f == NULL && !(mn->home.active && (uint32_t)mn->home.id == (uint32_t)m.id)) {
    return discard(mn, MIPFB_ERR_NOT_FOUND, "reply matches no request in flight");
  }
  if (fa_denial && (f == NULL || f->req_p.fa == 0 || !f->up)) {
    return discard(mn, MIPFB_ERR_AUTH, "reply without the node's MN-HA authentication");
  }
  rc = f != NULL ? slot_reply(mn, f, now_ms, &m) : home_reply(mn, now_ms, &m);
  r = mn4_policy_kick(mn, now_ms);
  rc = rc != 0 ? rc : r;
  mn4_announce(mn);
  return rc != 0 ? rc : m.code;
}
