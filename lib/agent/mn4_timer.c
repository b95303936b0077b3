/* MIPv4 mobile node: deadlines, retransmission with exponential backoff,
   retries, refreshes (individual or bulk) and expiry. */
#include "mn4_int.h"

static uint64_t min64(uint64_t a, uint64_t b) { return a < b ? a : b; }

uint64_t mn4_deadline(const mipfb_mn4 *mn) {
  uint64_t d = mn->home.active ? mn->home.retx_at : MN4_NEVER;
  size_t i;
  for (i = 0; i < mn->cfg.max_ifaces; i++) {
    const mn4_if *f = &mn->ifs[i];
    if (f->id == 0) {
      continue;
    }
    if (f->req != MN4_REQ_NONE) {
      d = min64(d, f->retx_at);
    } else if (f->state == MIPFB_MN4_FAILED) {
      d = min64(d, f->retry_at);
    }
    if (f->has_tun) {
      d = min64(d, f->expire_at);
      if (f->req == MN4_REQ_NONE && !f->covered) {
        d = min64(d, f->refresh_at);
      }
    }
  }
  return d;
}

void mn4_backoff(const mipfb_mn4 *mn, mn4_if *f) {
  uint64_t w = (uint64_t)f->wait_ms * 2u;
  f->wait_ms = w > mn->cfg.retrans_max_ms ? mn->cfg.retrans_max_ms : (uint32_t)w;
}

void mn4_uncover(mipfb_mn4 *mn, const mn4_if *f, uint64_t now_ms) {
  size_t i;
  if (!f->req_bulk) {
    return;
  }
  for (i = 0; i < mn->cfg.max_ifaces; i++) {
    mn4_if *g = &mn->ifs[i];
    if (g->id != 0 && g->covered) {
      g->covered = 0;
      g->refresh_at = now_ms;
      if (g->req == MN4_REQ_NONE && g->has_tun) {
        g->state = MIPFB_MN4_REGISTERED;
      }
    }
  }
}

int mn4_fail(mipfb_mn4 *mn, mn4_if *f, uint64_t now_ms, uint8_t code, int retry) {
  mn4_uncover(mn, f, now_ms);
  mn4_drop_tun(mn, f);
  mn4_cancel_req(f);
  mn4_bit_clr(mn->fb_hold, f->bid);
  f->state = MIPFB_MN4_FAILED;
  f->last_code = code;
  mn->stats.binding_failures++;
  agent_log(&mn->host, MIPFB_LOG_WARN, code != 0 ? "registration rejected" : "registration unanswered",
            mn->cfg.hoa, f->bid, code, 0);
  if (retry && f->up && f->tries < mn->cfg.max_retrans) {
    f->retry_at = now_ms + f->wait_ms;
    mn4_backoff(mn, f);
  } else {
    f->retry_at = MN4_NEVER;
  }
  return 0;
}

int mn4_single_elect(mipfb_mn4 *mn, uint64_t now_ms) {
  size_t i;
  if (mn->multipath) {
    return 0;
  }
  if (mn->primary >= 0) {
    const mn4_if *p = &mn->ifs[mn->primary];
    if (p->id != 0 && p->up) {
      return 0;
    }
  }
  mn->primary = -1;
  for (i = 0; i < mn->cfg.max_ifaces; i++) {
    mn4_if *f = &mn->ifs[i];
    if (f->id != 0 && f->up) {
      mn->primary = (int)i;
      return mn4_start_reg(mn, f, now_ms, 0);
    }
  }
  return 0;
}

/* Start a bulk refresh on f: every other registered binding rides on it. */
static int bulk_refresh(mipfb_mn4 *mn, mn4_if *f, uint64_t now_ms) {
  size_t i;
  for (i = 0; i < mn->cfg.max_ifaces; i++) {
    mn4_if *g = &mn->ifs[i];
    if (g != f && g->id != 0 && g->has_tun && g->req == MN4_REQ_NONE) {
      g->covered = 1;
      g->state = MIPFB_MN4_REFRESHING;
    }
  }
  return mn4_start_reg(mn, f, now_ms, 1);
}

int mn4_retransmit(mipfb_mn4 *mn, mn4_if *f, uint64_t now_ms) {
  int rc = mn4_transmit(mn, f, now_ms);
  if (rc == MIPFB_ERR_NOT_FOUND) { /* a deregistration nobody can carry any more */
    mn4_cancel_req(f);
    f->state = MIPFB_MN4_IDLE;
    return 0;
  }
  return rc;
}

/* Retransmit, or give up, f's request in flight. */
static int due_request(mipfb_mn4 *mn, mn4_if *f, uint64_t now_ms) {
  if (f->tries < mn->cfg.max_retrans) {
    mn4_backoff(mn, f);
    return mn4_retransmit(mn, f, now_ms);
  }
  if (f->req == MN4_REQ_DEREG) {
    mn4_cancel_req(f);
    f->state = MIPFB_MN4_IDLE;
    return 0;
  }
  if (f->has_tun) {
    int rc = mn4_tun(mn, f, MIPFB_TUNNEL_REMOVE, NULL, 0, 0);
    mn->n_undo = 0;
    (void)mn4_fail(mn, f, now_ms, 0, 0);
    return rc;
  }
  return mn4_fail(mn, f, now_ms, 0, 0);
}

/* Everything due for slot f. */
static int due_slot(mipfb_mn4 *mn, mn4_if *f, uint64_t now_ms) {
  int rc = 0, r;
  if (f->has_tun && f->expire_at <= now_ms) {
    r = mn4_tun(mn, f, MIPFB_TUNNEL_REMOVE, NULL, 0, 0);
    mn->n_undo = 0;
    rc = r != 0 ? r : rc;
    mn4_drop_tun(mn, f);
    mn->stats.expiries++;
    agent_log(&mn->host, MIPFB_LOG_INFO, "binding expired", mn->cfg.hoa, f->bid, 0, 0);
    if (f->req == MN4_REQ_REG) {
      f->state = MIPFB_MN4_REGISTERING;
    } else if (f->req == MN4_REQ_NONE) {
      f->state = MIPFB_MN4_IDLE;
      if (f->up) {
        r = mn4_start_reg(mn, f, now_ms, 0);
        rc = r != 0 ? r : rc;
      }
    }
  }
  if (f->req != MN4_REQ_NONE && f->retx_at <= now_ms) {
    r = due_request(mn, f, now_ms);
    rc = r != 0 ? r : rc;
  } else if (f->req == MN4_REQ_NONE && f->state == MIPFB_MN4_FAILED && f->retry_at <= now_ms) {
    f->retry_at = MN4_NEVER;
    if (f->up) {
      f->req = MN4_REQ_REG;
      f->req_bulk = 0;
      f->req_p = f->cur;
      f->state = MIPFB_MN4_REGISTERING;
      r = mn4_transmit(mn, f, now_ms);
      rc = r != 0 ? r : rc;
    }
  } else if (f->has_tun && f->req == MN4_REQ_NONE && !f->covered && f->refresh_at <= now_ms) {
    r = mn->cfg.bulk_refresh && mn->multipath ? bulk_refresh(mn, f, now_ms) : mn4_start_reg(mn, f, now_ms, 0);
    rc = r != 0 ? r : rc;
  }
  return rc;
}

int mipfb_mn4_timeout(mipfb_mn4 *mn, uint64_t now_ms) {
  size_t i;
  int rc = 0, r, pass;
  if (mn == NULL) {
    return MIPFB_ERR_INVALID_ARG;
  }
  /* A second pass handles what the first made due now (the bindings a
     failed B = 1 request covered refresh on their own at once). */
  for (pass = 0; pass < 2 && mn4_deadline(mn) <= now_ms; pass++) {
    for (i = 0; i < mn->cfg.max_ifaces; i++) {
      if (mn->ifs[i].id != 0) {
        r = due_slot(mn, &mn->ifs[i], now_ms);
        rc = r != 0 ? r : rc;
      }
    }
  }
  if (mn->home.active && mn->home.retx_at <= now_ms) {
    if (mn->home.tries < mn->cfg.max_retrans) {
      uint64_t w = (uint64_t)mn->home.wait_ms * 2u;
      mn->home.wait_ms = w > mn->cfg.retrans_max_ms ? mn->cfg.retrans_max_ms : (uint32_t)w;
      r = mn4_transmit_home(mn, now_ms);
      rc = r != 0 ? r : rc;
    } else {
      mn->home.active = 0;
      mn->home.retx_at = MN4_NEVER;
    }
  }
  r = mn4_policy_kick(mn, now_ms);
  rc = r != 0 ? r : rc;
  mn4_announce(mn);
  return rc;
}
