/* MIPv4 mobile node: tunnel events with their undo log, and the local
   record of a binding in force. */
#include <string.h>

#include "mn4_int.h"

static mipfb_tunnel_event event_of(const mipfb_mn4 *mn, const mn4_if *f, uint8_t op, const mn4_params *p,
                                   uint8_t tun_bid, uint16_t life) {
  mipfb_tunnel_event ev;
  memset(&ev, 0, sizeof ev);
  ev.op = op;
  ev.role = MIPFB_ROLE_MN4;
  ev.if_att = p->att;
  ev.if_label = p->label;
  ev.encap = agent_encap_of(mn->cfg.reg_flags);
  ev.reverse = (mn->cfg.reg_flags & MIPFB_MIP4_FLAG_T) != 0;
  ev.bid = tun_bid;
  ev.ifindex = f->id;
  ev.lifetime_s = op == MIPFB_TUNNEL_REMOVE ? 0 : life;
  ev.hoa = mipfb_addr_ipv4(mn->cfg.hoa);
  ev.local = mipfb_addr_ipv4(p->fa != 0 ? p->fa : p->coa);
  ev.remote = mipfb_addr_ipv4(mn->cfg.ha_addr);
  return ev;
}

int mn4_tun(mipfb_mn4 *mn, const mn4_if *f, uint8_t op, const mn4_params *p, uint8_t tun_bid, uint16_t life) {
  mipfb_tunnel_event ev, inv;
  if (op == MIPFB_TUNNEL_REMOVE) {
    ev = event_of(mn, f, op, &f->tun, f->tun_bid, 0);
    inv = event_of(mn, f, MIPFB_TUNNEL_ADD, &f->tun, f->tun_bid, f->tun_life);
  } else {
    ev = event_of(mn, f, op, p, tun_bid, life);
    if (op == MIPFB_TUNNEL_ADD) {
      inv = event_of(mn, f, MIPFB_TUNNEL_REMOVE, p, tun_bid, 0);
    } else {
      inv = event_of(mn, f, MIPFB_TUNNEL_CHANGE, &f->tun, f->tun_bid, f->tun_life);
    }
  }
  if (agent_tunnel(&mn->host, &ev) != 0) {
    return MIPFB_ERR_HOOK;
  }
  if (mn->n_undo < mn->cfg.max_ifaces + 1u) {
    mn->undo[mn->n_undo].kind = 1;
    mn->undo[mn->n_undo].inv = inv;
    mn->n_undo++;
  }
  return 0;
}

void mn4_undo_to(mipfb_mn4 *mn, size_t mark) {
  while (mn->n_undo > mark) {
    mn->n_undo--;
    (void)agent_tunnel(&mn->host, &mn->undo[mn->n_undo].inv);
  }
}

void mn4_drop_tun(mipfb_mn4 *mn, mn4_if *f) {
  if (!f->has_tun) {
    return;
  }
  f->has_tun = 0;
  f->tun_life = 0;
  f->expire_at = MN4_NEVER;
  f->refresh_at = MN4_NEVER;
  f->covered = 0;
  (void)mipfb_policy_set_binding(mn->pol, f->bid, 0, 0);
}

void mn4_set_tun(mipfb_mn4 *mn, mn4_if *f, const mn4_params *p, uint8_t tun_bid, uint16_t life, uint64_t now_ms) {
  uint64_t ms;
  if (!f->has_tun) {
    f->reg_seq = ++mn->reg_seq;
  }
  f->has_tun = 1;
  f->tun = *p;
  f->tun_bid = tun_bid;
  f->tun_life = life;
  f->covered = 0;
  if (life == MIPFB_MIP4_LIFETIME_INFINITE) {
    f->expire_at = MN4_NEVER;
    f->refresh_at = MN4_NEVER;
  } else {
    f->expire_at = agent_deadline_after_s(now_ms, life);
    ms = (uint64_t)life * 10u * mn->cfg.refresh_percent; /* life * 1000 * pct / 100 */
    f->refresh_at = now_ms + ms;
  }
  (void)mipfb_policy_set_binding(mn->pol, f->bid, 1, 0);
}
