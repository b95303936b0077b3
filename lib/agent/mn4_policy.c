/* MIPv4 mobile node: the flow policy (RFC 7629 4.2): the node's rules, the
   Flow-Binding extensions built from them, the rules a reply returns, and
   the classification engine they feed. */
#include <string.h>

#include "mn4_int.h"

static int ts_eq(const mipfb_ts *a, const mipfb_ts *b) {
  return a->format == b->format && a->fields == b->fields && memcmp(a->src_start, b->src_start, 16) == 0 &&
         memcmp(a->src_end, b->src_end, 16) == 0 && memcmp(a->dst_start, b->dst_start, 16) == 0 &&
         memcmp(a->dst_end, b->dst_end, 16) == 0 && a->spi_start == b->spi_start && a->spi_end == b->spi_end &&
         a->fl_start == b->fl_start && a->fl_end == b->fl_end && a->sport_start == b->sport_start &&
         a->sport_end == b->sport_end && a->dport_start == b->dport_start && a->dport_end == b->dport_end &&
         a->ds_start == b->ds_start && a->ds_end == b->ds_end && a->proto_start == b->proto_start &&
         a->proto_end == b->proto_end;
}

static int rule_eq(const mipfb_policy_rule *a, const mipfb_policy_rule *b) {
  size_t i;
  if (a->id != b->id || a->action != b->action || a->n_bids != b->n_bids || !ts_eq(&a->ts, &b->ts)) {
    return 0;
  }
  for (i = 0; i < a->n_bids && i < MIPFB_POLICY_MAX_RULE_BIDS; i++) {
    if (a->bids[i] != b->bids[i]) {
      return 0;
    }
  }
  return 1;
}

/* Load the engine with rules[0..n-1] and the validity of every binding. */
static int engine_load(mipfb_mn4 *mn, const mipfb_policy_rule *rules, size_t n) {
  size_t i;
  int rc = mipfb_policy_init(&mn->pol, mn->pol_mem, mn->pol_len, MIPFB_POLICY_MIP4, mn->cfg.max_rules,
                             mn->cfg.max_ifaces, mn->seed);
  for (i = 0; rc == 0 && i < mn->cfg.max_ifaces; i++) {
    if (mn->ifs[i].id != 0) {
      rc = mipfb_policy_set_binding(mn->pol, mn->ifs[i].bid, mn->ifs[i].has_tun, 0);
    }
  }
  for (i = 0; rc == 0 && i < n; i++) {
    rc = mipfb_policy_add_rule(mn->pol, &rules[i]);
  }
  return rc;
}

static int flow_ev(mipfb_mn4 *mn, uint8_t op, uint32_t order, const mipfb_policy_rule *rule) {
  mipfb_flow_event ev;
  mipfb_policy_rule rm;
  memset(&ev, 0, sizeof ev);
  ev.op = op;
  ev.role = MIPFB_ROLE_MN4;
  ev.order = order;
  ev.hoa = mipfb_addr_ipv4(mn->cfg.hoa);
  if (op == MIPFB_FLOW_REMOVE) {
    memset(&rm, 0, sizeof rm);
    rm.id = order + 1u;
    ev.rule = &rm;
  } else {
    ev.rule = rule;
  }
  return agent_flow(&mn->host, &ev);
}

/* Inverse of the flow event made for position i (rules of length n
   replacing cur of length n_cur). */
static void flow_undo(mipfb_mn4 *mn, size_t i) {
  if (i < mn->n_cur) {
    (void)flow_ev(mn, MIPFB_FLOW_INSTALL, (uint32_t)i, &mn->cur[i]);
  } else {
    (void)flow_ev(mn, MIPFB_FLOW_REMOVE, (uint32_t)i, NULL);
  }
}

int mn4_engine_replace(mipfb_mn4 *mn, const mipfb_policy_rule *rules, size_t n) {
  size_t i, top = n > mn->n_cur ? n : mn->n_cur;
  int rc = engine_load(mn, rules, n);
  if (rc != 0) {
    (void)engine_load(mn, mn->cur, mn->n_cur);
    return rc;
  }
  for (i = 0; i < top; i++) {
    if (i < n && i < mn->n_cur && rule_eq(&rules[i], &mn->cur[i])) {
      continue;
    }
    rc = i < n ? flow_ev(mn, MIPFB_FLOW_INSTALL, (uint32_t)i, &rules[i]) : flow_ev(mn, MIPFB_FLOW_REMOVE, (uint32_t)i, NULL);
    if (rc != 0) {
      while (i-- > 0) {
        if (!(i < n && i < mn->n_cur && rule_eq(&rules[i], &mn->cur[i]))) {
          flow_undo(mn, i);
        }
      }
      (void)engine_load(mn, mn->cur, mn->n_cur);
      return rc;
    }
  }
  if (rules != mn->cur) {
    memmove(mn->cur, rules, n * sizeof *rules);
  }
  mn->n_cur = n;
  return 0;
}

int mn4_fb_wanted(const mipfb_mn4 *mn, const mn4_if *f) {
  return mn->multipath && !mn->cfg.use_mtunnel && mn->n_want > 0 && mn4_bits_empty(mn->fb_hold) &&
         (mn->policy_pending || !f->has_tun);
}

/* Whether a FORWARD BID may be named in a request of slot f: f's own, or a
   registered binding. */
static int bid_named_ok(const mipfb_mn4 *mn, const mn4_if *f, uint16_t bid) {
  size_t i;
  if (bid == f->bid) {
    return 1;
  }
  for (i = 0; i < mn->cfg.max_ifaces; i++) {
    if (mn->ifs[i].id != 0 && mn->ifs[i].bid == bid && mn->ifs[i].has_tun) {
      return 1;
    }
  }
  return 0;
}

size_t mn4_fb_build(mipfb_mn4 *mn, mn4_if *f, mipfb_mip4_ext *ext) {
  size_t i, j, k = 0;
  memset(f->fb_bids, 0, sizeof f->fb_bids);
  for (i = 0; i < mn->n_want; i++) {
    const mipfb_policy_rule *r = &mn->want[i];
    mipfb_mip4_flow_binding *fb = &ext[k].u.flow_binding;
    memset(&ext[k], 0, sizeof ext[k]);
    ext[k].kind = MIPFB_MIP4_EXT_FLOW_BINDING;
    fb->ts = r->ts;
    if (r->action == MIPFB_ACTION_DROP) {
      fb->action = mn->cfg.cp.mip4_fb_drop;
      fb->bid_count = 1;
      fb->bids[0] = 255; /* RFC 7629 4.2: the sender MAY put 255 */
      k++;
      continue;
    }
    fb->action = mn->cfg.cp.mip4_fb_forward;
    for (j = 0; j < r->n_bids; j++) {
      if (bid_named_ok(mn, f, r->bids[j])) {
        fb->bids[fb->bid_count++] = (uint8_t)r->bids[j];
      }
    }
    if (fb->bid_count == 0) {
      continue; /* no registered BID left: the rule waits */
    }
    for (j = 0; j < fb->bid_count; j++) {
      mn4_bit_set(f->fb_bids, fb->bids[j]);
    }
    k++;
  }
  return k;
}

int mn4_fb_complete(const mipfb_mn4 *mn, const mn4_if *f) {
  size_t i, j, k;
  for (i = 0; i < mn->n_want; i++) {
    const mipfb_policy_rule *r = &mn->want[i];
    for (j = 0; r->action == MIPFB_ACTION_FORWARD && j < r->n_bids; j++) {
      if (mn4_bit_get(f->fb_bids, r->bids[j])) {
        continue;
      }
      for (k = 0; k < mn->cfg.max_ifaces; k++) {
        const mn4_if *g = &mn->ifs[k];
        if (g->id != 0 && g->bid == r->bids[j] && g->has_tun) {
          return 0; /* registered, yet not named */
        }
      }
    }
  }
  return 1;
}

size_t mn4_fb_from_reply(mipfb_mn4 *mn, const mipfb_mip4_msg *msg) {
  size_t i, j, k, n = 0;
  for (i = 0; i < msg->n_ext && n < mn->cfg.max_rules; i++) {
    const mipfb_mip4_flow_binding *fb;
    mipfb_policy_rule *r;
    if (msg->ext[i].kind != MIPFB_MIP4_EXT_FLOW_BINDING) {
      continue;
    }
    fb = &msg->ext[i].u.flow_binding;
    r = &mn->tmp[n];
    memset(r, 0, sizeof *r);
    r->id = (uint32_t)n + 1u;
    r->ts = fb->ts;
    if (fb->action == mn->cfg.cp.mip4_fb_forward) {
      r->action = MIPFB_ACTION_FORWARD;
      for (j = 0; j < fb->bid_count && j < MIPFB_MIP4_FB_MAX_BIDS; j++) {
        for (k = 0; k < r->n_bids && r->bids[k] != fb->bids[j]; k++) {
        }
        if (k == r->n_bids) { /* repeats dropped */
          r->bids[r->n_bids++] = fb->bids[j];
        }
      }
    } else {
      r->action = MIPFB_ACTION_DROP;
    }
    n++;
  }
  return n;
}

int mn4_policy_kick(mipfb_mn4 *mn, uint64_t now_ms) {
  size_t i;
  mn4_if *pick = NULL;
  if (!mn->policy_pending || mn->n_want == 0 || !mn->multipath || mn->cfg.use_mtunnel ||
      !mn4_bits_empty(mn->fb_hold)) {
    return 0;
  }
  for (i = 0; i < mn->cfg.max_ifaces; i++) {
    mn4_if *f = &mn->ifs[i];
    if (f->id == 0) {
      continue;
    }
    if (f->req == MN4_REQ_REG) {
      return 0; /* it carries the policy, or its answer will kick again */
    }
    if (pick == NULL && f->up && f->has_tun && f->req == MN4_REQ_NONE) {
      pick = f;
    }
  }
  return pick != NULL ? mn4_start_reg(mn, pick, now_ms, 0) : 0;
}

/* Check one rule of mipfb_mn4_set_policy. */
static int rule_ok(const mipfb_policy_rule *r) {
  size_t i, j;
  if (r->action == MIPFB_ACTION_DROP) {
    return mipfb_ts_check(&r->ts, NULL) == 0;
  }
  if (r->action != MIPFB_ACTION_FORWARD || r->n_bids < 1 || r->n_bids > MIPFB_MIP4_FB_MAX_BIDS) {
    return 0;
  }
  for (i = 0; i < r->n_bids; i++) {
    if (r->bids[i] < 1 || r->bids[i] > 254) {
      return 0;
    }
    for (j = 0; j < i; j++) {
      if (r->bids[j] == r->bids[i]) {
        return 0;
      }
    }
  }
  return mipfb_ts_check(&r->ts, NULL) == 0;
}

int mipfb_mn4_set_policy(mipfb_mn4 *mn, uint64_t now_ms, const mipfb_policy_rule *rules, size_t n) {
  size_t i;
  int rc;
  if (mn == NULL || (rules == NULL && n != 0)) {
    return MIPFB_ERR_INVALID_ARG;
  }
  for (i = 0; i < n; i++) {
    if (!rule_ok(&rules[i])) {
      return MIPFB_ERR_INVALID_ARG;
    }
  }
  if (n > mn->cfg.max_rules) {
    return MIPFB_ERR_TABLE_FULL;
  }
  for (i = 0; i < n; i++) {
    mipfb_policy_rule *r = &mn->tmp[i];
    memset(r, 0, sizeof *r);
    r->id = (uint32_t)i + 1u;
    r->ts = rules[i].ts;
    r->action = rules[i].action;
    if (r->action == MIPFB_ACTION_FORWARD) {
      r->n_bids = rules[i].n_bids;
      memcpy(r->bids, rules[i].bids, sizeof r->bids);
    }
  }
  rc = mn4_engine_replace(mn, mn->tmp, n);
  if (rc != 0) {
    return rc;
  }
  memcpy(mn->want, mn->cur, n * sizeof *mn->want);
  mn->n_want = n;
  mn->policy_pending = n > 0;
  mn->policy_gen++;
  mn->n153 = 0;
  rc = mn4_policy_kick(mn, now_ms);
  mn4_announce(mn);
  return rc;
}
