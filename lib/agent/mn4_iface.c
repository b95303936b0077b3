/* MIPv4 mobile node: interfaces coming and going, deregistration of one
   binding, and returning home. */
#include <string.h>

#include "mn4_int.h"

static int params_eq(const mn4_params *a, const mn4_params *b) {
  return a->coa == b->coa && a->fa == b->fa && a->att == b->att && a->label == b->label && a->bw == b->bw;
}

/* Lowest BID no slot but `skip` uses. */
static uint8_t free_bid(const mipfb_mn4 *mn, const mn4_if *skip) {
  uint8_t used[32];
  unsigned b;
  size_t i;
  memset(used, 0, sizeof used);
  for (i = 0; i < mn->cfg.max_ifaces; i++) {
    if (&mn->ifs[i] != skip && mn->ifs[i].id != 0) {
      mn4_bit_set(used, mn->ifs[i].bid);
    }
  }
  for (b = 1; b < 255u && mn4_bit_get(used, b); b++) {
  }
  return (uint8_t)b;
}

/* A slot for a new interface id: a free one, else one whose interface is
   down with nothing in force or in flight (forgotten). */
static mn4_if *new_slot(mipfb_mn4 *mn, uint32_t id) {
  mn4_if *f = NULL;
  size_t i;
  for (i = 0; i < mn->cfg.max_ifaces && f == NULL; i++) {
    if (mn->ifs[i].id == 0) {
      f = &mn->ifs[i];
    }
  }
  for (i = 0; i < mn->cfg.max_ifaces && f == NULL; i++) {
    mn4_if *g = &mn->ifs[i];
    if (!g->up && !g->has_tun && g->req == MN4_REQ_NONE) {
      f = g;
    }
  }
  if (f == NULL) {
    return NULL;
  }
  if (mn->primary >= 0 && &mn->ifs[mn->primary] == f) {
    mn->primary = -1;
  }
  mn4_bit_clr(mn->fb_hold, f->bid);
  memset(f, 0, sizeof *f);
  f->bid = free_bid(mn, f);
  f->id = id;
  f->state = MIPFB_MN4_IDLE;
  f->expire_at = MN4_NEVER;
  f->refresh_at = MN4_NEVER;
  f->retx_at = MN4_NEVER;
  f->retry_at = MN4_NEVER;
  f->wait_ms = mn->cfg.retrans_initial_ms;
  (void)mipfb_policy_set_binding(mn->pol, f->bid, 0, 0);
  return f;
}

/* Whether an interface that is (now) up should send a registration. */
static int needs_reg(const mn4_if *f, int was_up, int changed) {
  if (!was_up || changed) {
    return 1;
  }
  return f->state == MIPFB_MN4_IDLE || f->state == MIPFB_MN4_FAILED || f->state == MIPFB_MN4_DEREGISTERING;
}

int mipfb_mn4_iface_up(mipfb_mn4 *mn, uint64_t now_ms, const mipfb_mn4_iface *ifc) {
  mn4_if *f;
  mn4_params p;
  int was_up, changed, rc = 0, r;
  if (mn == NULL || ifc == NULL || ifc->id == 0 || ifc->if_label == 0 || (ifc->coa == 0 && ifc->fa_addr == 0)) {
    return MIPFB_ERR_INVALID_ARG;
  }
  memset(&p, 0, sizeof p);
  p.coa = ifc->coa;
  p.fa = ifc->fa_addr;
  p.att = ifc->if_att;
  p.label = ifc->if_label;
  p.bw = ifc->bandwidth;
  f = mn4_find(mn, ifc->id);
  if (f == NULL) {
    f = new_slot(mn, ifc->id);
    if (f == NULL) {
      return MIPFB_ERR_TABLE_FULL;
    }
  }
  was_up = f->up;
  changed = !params_eq(&f->cur, &p);
  f->cur = p;
  f->up = 1;
  if (!mn->multipath) {
    const mn4_if *p0 = mn->primary >= 0 ? &mn->ifs[mn->primary] : NULL;
    /* the single binding goes to this interface when no interface holds
       it, or when the one holding it is down or gave up */
    if (p0 == NULL || !p0->up ||
        (p0 != f && p0->state == MIPFB_MN4_FAILED && p0->retry_at == MN4_NEVER && !p0->has_tun)) {
      mn->primary = (int)(f - mn->ifs);
      rc = mn4_start_reg(mn, f, now_ms, 0);
    } else if (&mn->ifs[mn->primary] == f && needs_reg(f, was_up, changed)) {
      rc = mn4_start_reg(mn, f, now_ms, 0);
    }
  } else if (needs_reg(f, was_up, changed)) {
    mn4_uncover(mn, f, now_ms);
    mn4_cancel_req(f);
    rc = mn4_start_reg(mn, f, now_ms, 0);
  }
  r = mn4_policy_kick(mn, now_ms);
  rc = rc != 0 ? rc : r;
  mn4_announce(mn);
  return rc;
}

int mipfb_mn4_iface_down(mipfb_mn4 *mn, uint64_t now_ms, uint32_t id) {
  mn4_if *f;
  int had_tun, rc = 0;
  if (mn == NULL) {
    return MIPFB_ERR_INVALID_ARG;
  }
  f = mn4_find(mn, id);
  if (f == NULL) {
    return MIPFB_ERR_NOT_FOUND;
  }
  if (!f->up) {
    return 0;
  }
  mn->n_undo = 0;
  had_tun = f->has_tun;
  if (had_tun && mn4_tun(mn, f, MIPFB_TUNNEL_REMOVE, NULL, 0, 0) != 0) {
    return MIPFB_ERR_HOOK;
  }
  mn->n_undo = 0;
  mn4_uncover(mn, f, now_ms); /* the bindings a B = 1 request covered refresh on their own */
  mn4_cancel_req(f);
  mn4_bit_clr(mn->fb_hold, f->bid);
  f->up = 0;
  f->state = MIPFB_MN4_IDLE;
  f->retry_at = MN4_NEVER;
  if (mn->multipath && had_tun) { /* names the registered care-of address: before dropping it */
    rc = mn4_start_dereg(mn, f, now_ms);
  }
  mn4_drop_tun(mn, f);
  if (!mn->multipath && mn->primary >= 0 && &mn->ifs[mn->primary] == f) {
    mn->primary = -1;
    rc = mn4_single_elect(mn, now_ms);
  }
  mn4_announce(mn);
  return rc;
}

int mipfb_mn4_deregister(mipfb_mn4 *mn, uint64_t now_ms, uint32_t id) {
  mn4_if *f;
  int rc;
  if (mn == NULL) {
    return MIPFB_ERR_INVALID_ARG;
  }
  f = mn4_find(mn, id);
  if (f == NULL) {
    return MIPFB_ERR_NOT_FOUND;
  }
  if (f->state == MIPFB_MN4_DEREGISTERING) {
    return 0;
  }
  if (f->req == MN4_REQ_NONE && !f->has_tun) { /* idle or failed: only stop retrying */
    f->retry_at = MN4_NEVER;
    f->state = MIPFB_MN4_IDLE;
    mn4_announce(mn);
    return 0;
  }
  mn->n_undo = 0;
  if (f->has_tun && mn4_tun(mn, f, MIPFB_TUNNEL_REMOVE, NULL, 0, 0) != 0) {
    return MIPFB_ERR_HOOK;
  }
  mn->n_undo = 0;
  mn4_uncover(mn, f, now_ms);
  mn4_cancel_req(f);
  mn4_bit_clr(mn->fb_hold, f->bid);
  /* the request names the registered care-of address: keep it until
     mn4_start_dereg has copied it */
  rc = mn4_start_dereg(mn, f, now_ms);
  mn4_drop_tun(mn, f);
  if (mn->primary >= 0 && &mn->ifs[mn->primary] == f) {
    mn->primary = -1;
  }
  mn4_announce(mn);
  return rc;
}

int mipfb_mn4_go_home(mipfb_mn4 *mn, uint64_t now_ms) {
  size_t i;
  if (mn == NULL) {
    return MIPFB_ERR_INVALID_ARG;
  }
  mn->n_undo = 0;
  for (i = 0; i < mn->cfg.max_ifaces; i++) {
    mn4_if *f = &mn->ifs[i];
    if (f->id != 0 && f->has_tun && mn4_tun(mn, f, MIPFB_TUNNEL_REMOVE, NULL, 0, 0) != 0) {
      mn4_undo_to(mn, 0);
      return MIPFB_ERR_HOOK;
    }
  }
  mn->n_undo = 0;
  for (i = 0; i < mn->cfg.max_ifaces; i++) {
    mn4_if *f = &mn->ifs[i];
    if (f->id == 0) {
      continue;
    }
    mn4_drop_tun(mn, f);
    mn4_cancel_req(f);
    f->covered = 0;
    f->state = MIPFB_MN4_IDLE;
    f->retry_at = MN4_NEVER;
    f->tries = 0;
  }
  mn->primary = -1;
  memset(mn->fb_hold, 0, sizeof mn->fb_hold);
  mn->policy_pending = mn->n_want > 0;
  mn->home.active = 1;
  mn->home.tries = 0;
  mn->home.wait_ms = mn->cfg.retrans_initial_ms;
  {
    int rc = mn4_transmit_home(mn, now_ms);
    mn4_announce(mn);
    return rc;
  }
}
