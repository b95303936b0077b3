/* MIPv4 home agent: binding semantics (RFC 7629 5.2, RFC 5944 3.8.3;
   doc/agents.md "Binding semantics"), flow policy replacement and pruning
   (RFC 7629 4.2, errata E-19), expiry (RFC 5944 3.8.3 lifetime; the
   timer wheel), classification (RFC 7629 3 Figure 2, RFC 7629 6). */
#include <stdlib.h>
#include <string.h>

#include "ha4_util.h"

/* Register BID bid with CoA coa and lifetime: expects code 0. */
static void reg(ha4t *t, uint8_t bid, uint32_t coa, uint16_t lifetime) {
  rq r;
  rq_init(&r, t, T_HOA, coa, lifetime);
  rq_mp(&r, bid, 1, bid, 0, 0);
  ck_assert_int_eq(rq_send(t, &r), 0);
}

static size_t nb(const ha4t *t) { return mipfb_ha4_bindings(t->ha, T_HOA, t->now, NULL, 0); }

static int has_bid(const ha4t *t, uint16_t bid) {
  mipfb_ha4_binding b;
  return mipfb_ha4_binding_get(t->ha, T_HOA, bid, t->now, &b) == 0;
}

/* ---- binding semantics table ---- */

START_TEST(rfc5944_3_8_3_plain_registration_replaces_all) {
  ha4t t;
  rq r;
  ha4t_init(&t, NULL);
  reg(&t, 1, T_COA1, 600);
  reg(&t, 2, T_COA2, 600);
  fake_host_clear(&t.h);
  rq_init(&r, &t, T_HOA, T_COA3, 600);
  ck_assert_int_eq(rq_send(&t, &r), 0);
  ck_assert_uint_eq(nb(&t), 1);
  ck_assert(has_bid(&t, 0));
  ck_assert_uint_eq(t.h.n_tun, 3);
  ck_assert_uint_eq(t.h.tun[0].op, MIPFB_TUNNEL_REMOVE);
  ck_assert_uint_eq(t.h.tun[1].op, MIPFB_TUNNEL_REMOVE);
  ck_assert_uint_eq(t.h.tun[2].op, MIPFB_TUNNEL_ADD);
  ck_assert_uint_eq(t.h.tun[2].bid, 0);
  /* a new CoA for BID 0: CHANGE */
  fake_host_clear(&t.h);
  rq_init(&r, &t, T_HOA, T_COA1, 600);
  ck_assert_int_eq(rq_send(&t, &r), 0);
  ck_assert_uint_eq(t.h.n_tun, 1);
  ck_assert_uint_eq(t.h.tun[0].op, MIPFB_TUNNEL_CHANGE);
  ha4t_free(&t);
}
END_TEST

START_TEST(rfc5944_3_8_3_deregister_all_coa_equals_hoa) {
  ha4t t;
  rq r;
  uint8_t bid = 1;
  mipfb_ts ts = ts_proto_dport(6, 80);
  mipfb_mip4_msg m;
  mipfb_mip4_ext ext[8];
  ha4t_init(&t, NULL);
  reg(&t, 2, T_COA2, 600);
  rq_init(&r, &t, T_HOA, T_COA1, 600);
  rq_mp(&r, 1, 1, 1, 0, 0);
  rq_fb(&r, MIPFB_ACTION_FORWARD, &bid, 1, &ts);
  rq_fb(&r, MIPFB_ACTION_DROP, NULL, 0, &ts);
  ck_assert_int_eq(rq_send(&t, &r), 0);
  ck_assert_uint_eq(mipfb_ha4_rule_count(t.ha), 2);
  rq_init(&r, &t, T_HOA, T_HOA, 0);
  ck_assert_int_eq(rq_send(&t, &r), 0);
  last_reply(&t, &m, ext, 8);
  ck_assert_uint_eq(m.lifetime, 0);
  ck_assert_uint_eq(nb(&t), 0);
  ck_assert_uint_eq(mipfb_ha4_rule_count(t.ha), 0); /* deregistering all clears the policy */
  ck_assert_int_eq(fake_host_tunnels_alive(&t.h), 0);
  ha4t_free(&t);
}
END_TEST

START_TEST(rfc5944_3_8_3_deregister_one_coa) {
  ha4t t;
  rq r;
  ha4t_init(&t, NULL);
  reg(&t, 1, T_COA1, 600);
  reg(&t, 2, T_COA2, 600);
  rq_init(&r, &t, T_HOA, T_COA1, 0);
  ck_assert_int_eq(rq_send(&t, &r), 0);
  ck_assert_uint_eq(nb(&t), 1);
  ck_assert(has_bid(&t, 2));
  ck_assert_int_eq(fake_host_tunnel_alive(&t.h, T_HOA, 1), 0);
  /* an unknown CoA: accepted, nothing removed */
  rq_init(&r, &t, T_HOA, T_COA3, 0);
  ck_assert_int_eq(rq_send(&t, &r), 0);
  ck_assert_uint_eq(nb(&t), 1);
  ha4t_free(&t);
}
END_TEST

START_TEST(rfc7629_5_2_multipath_adds_and_updates) {
  ha4t t;
  rq r;
  mipfb_ha4_binding b[4];
  mipfb_ha4_node n;
  ha4t_init(&t, NULL);
  /* a BID-0 binding goes when multipath bindings are registered */
  rq_init(&r, &t, T_HOA, T_COA3, 600);
  ck_assert_int_eq(rq_send(&t, &r), 0);
  reg(&t, 2, T_COA2, 600);
  reg(&t, 1, T_COA1, 600);
  ck_assert_uint_eq(mipfb_ha4_bindings(t.ha, T_HOA, t.now, b, 4), 2);
  ck_assert_uint_eq(b[0].bid, 1); /* BID order */
  ck_assert_uint_eq(b[0].coa, T_COA1);
  ck_assert_uint_eq(b[0].if_label, 1);
  ck_assert_uint_eq(b[1].bid, 2);
  ck_assert_int_eq(mipfb_ha4_node_info(t.ha, T_HOA, &n), 0);
  ck_assert_uint_eq(n.multipath, 1);
  ck_assert_uint_eq(n.n_bindings, 2);
  /* a new CoA for BID 1: tunnel CHANGE, BID 2 untouched (errata E-18) */
  fake_host_clear(&t.h);
  reg(&t, 1, T_COA3, 600);
  ck_assert_uint_eq(t.h.n_tun, 1);
  ck_assert_uint_eq(t.h.tun[0].op, MIPFB_TUNNEL_CHANGE);
  ck_assert_uint_eq(t.h.tun[0].bid, 1);
  ck_assert_uint_eq(mipfb_addr_ipv4_value(&t.h.tun[0].remote), T_COA3);
  ck_assert_uint_eq(mipfb_ha4_bindings(t.ha, T_HOA, t.now, b, 4), 2);
  ck_assert_uint_eq(b[0].coa, T_COA3);
  ck_assert_uint_eq(b[1].coa, T_COA2);
  /* the same registration again: no tunnel event */
  fake_host_clear(&t.h);
  reg(&t, 1, T_COA3, 600);
  ck_assert_uint_eq(t.h.n_tun, 0);
  ha4t_free(&t);
}
END_TEST

START_TEST(rfc7629_5_2_overwrite_flag_removes_others) {
  ha4t t;
  rq r;
  ha4t_init(&t, NULL);
  reg(&t, 1, T_COA1, 600);
  reg(&t, 2, T_COA2, 600);
  reg(&t, 3, T_COA3, 600);
  rq_init(&r, &t, T_HOA, T_COA1, 600);
  rq_mp(&r, 2, 1, 2, 0, 1);
  ck_assert_int_eq(rq_send(&t, &r), 0);
  ck_assert_uint_eq(nb(&t), 1);
  ck_assert(has_bid(&t, 2));
  ck_assert_int_eq(fake_host_tunnels_alive(&t.h), 1);
  ck_assert_int_eq(fake_host_tunnel_alive(&t.h, T_HOA, 2), 1);
  ha4t_free(&t);
}
END_TEST

START_TEST(rfc7629_5_2_bulk_extends_every_lifetime) {
  ha4t t;
  rq r;
  mipfb_ha4_binding b[4];
  ha4t_init(&t, NULL);
  reg(&t, 1, T_COA1, 300);
  t.now += 100000;
  reg(&t, 2, T_COA2, 300);
  t.now += 100000;
  rq_init(&r, &t, T_HOA, T_COA3, 1000);
  rq_mp(&r, 3, 1, 3, 1, 0);
  ck_assert_int_eq(rq_send(&t, &r), 0);
  ck_assert_uint_eq(mipfb_ha4_bindings(t.ha, T_HOA, t.now, b, 4), 3);
  ck_assert_uint_eq(b[0].lifetime_s, 1000);
  ck_assert_uint_eq(b[1].lifetime_s, 1000);
  ck_assert_uint_eq(b[2].lifetime_s, 1000);
  ck_assert_uint_eq(b[0].expires_ms, b[2].expires_ms);
  ck_assert_uint_eq(b[1].expires_ms, b[2].expires_ms);
  ck_assert_uint_ge(b[0].remaining_ms, 1000000u);
  ha4t_free(&t);
}
END_TEST

START_TEST(rfc7629_5_2_bulk_lifetime_zero_deregisters_all) {
  ha4t t;
  rq r;
  ha4t_init(&t, NULL);
  reg(&t, 1, T_COA1, 600);
  reg(&t, 2, T_COA2, 600);
  rq_init(&r, &t, T_HOA, T_COA1, 0);
  rq_mp(&r, 1, 1, 1, 1, 0);
  ck_assert_int_eq(rq_send(&t, &r), 0);
  ck_assert_uint_eq(nb(&t), 0);
  ck_assert_int_eq(fake_host_tunnels_alive(&t.h), 0);
  ha4t_free(&t);
}
END_TEST

START_TEST(rfc7629_5_2_deregister_one_bid) {
  ha4t t;
  rq r;
  ha4t_init(&t, NULL);
  reg(&t, 1, T_COA1, 600);
  reg(&t, 2, T_COA2, 600);
  rq_init(&r, &t, T_HOA, T_COA1, 0);
  rq_mp(&r, 1, 1, 1, 0, 0);
  ck_assert_int_eq(rq_send(&t, &r), 0);
  ck_assert_uint_eq(nb(&t), 1);
  ck_assert(has_bid(&t, 2));
  /* an unknown BID is accepted: nothing to remove */
  fake_host_clear(&t.h);
  rq_init(&r, &t, T_HOA, T_COA1, 0);
  rq_mp(&r, 9, 1, 9, 0, 0);
  ck_assert_int_eq(rq_send(&t, &r), 0);
  ck_assert_uint_eq(nb(&t), 1);
  ck_assert_uint_eq(t.h.n_tun, 0);
  ha4t_free(&t);
}
END_TEST

/* ---- flow policy ---- */

START_TEST(rfc7629_4_2_policy_replaced_in_arrival_order) {
  ha4t t;
  rq r;
  mipfb_policy_rule pr[4];
  uint8_t b12[2] = {1, 2}, b2 = 2;
  mipfb_ts sip = ts_proto_dport(17, 5060), http = ts_proto_dport(6, 80);
  ha4t_init(&t, NULL);
  reg(&t, 1, T_COA1, 600);
  rq_init(&r, &t, T_HOA, T_COA2, 600);
  rq_mp(&r, 2, 1, 2, 0, 0);
  rq_fb(&r, MIPFB_ACTION_FORWARD, b12, 2, &sip);
  rq_fb(&r, MIPFB_ACTION_DROP, NULL, 0, &sip);
  ck_assert_int_eq(rq_send(&t, &r), 0);
  ck_assert_uint_eq(mipfb_ha4_rules(t.ha, T_HOA, pr, 4), 2);
  ck_assert_uint_eq(pr[0].id, 1);
  ck_assert_uint_eq(pr[0].action, MIPFB_ACTION_FORWARD);
  ck_assert_uint_eq(pr[0].n_bids, 2);
  ck_assert_uint_eq(pr[0].bids[1], 2);
  ck_assert_uint_eq(pr[0].ts.dport_start, 5060);
  ck_assert_uint_eq(pr[1].action, MIPFB_ACTION_DROP);
  /* a new policy replaces it: position 1 changes, position 2 goes */
  fake_host_clear(&t.h);
  rq_init(&r, &t, T_HOA, T_COA2, 600);
  rq_mp(&r, 2, 1, 2, 0, 0);
  rq_fb(&r, MIPFB_ACTION_FORWARD, &b2, 1, &http);
  ck_assert_int_eq(rq_send(&t, &r), 0);
  ck_assert_uint_eq(mipfb_ha4_rules(t.ha, T_HOA, pr, 4), 1);
  ck_assert_uint_eq(pr[0].ts.proto_start, 6);
  ck_assert_uint_eq(t.h.n_flow, 2);
  ck_assert_uint_eq(t.h.flow[0].ev.op, MIPFB_FLOW_REMOVE); /* removals first */
  ck_assert_uint_eq(t.h.flow[0].rule.id, 2);
  ck_assert_uint_eq(t.h.flow[1].ev.op, MIPFB_FLOW_INSTALL);
  ck_assert_uint_eq(t.h.flow[1].rule.id, 1);
  ha4t_free(&t);
}
END_TEST

START_TEST(rfc7629_4_2_removed_bid_pruned_from_rules) {
  ha4t t;
  rq r;
  mipfb_policy_rule pr[4];
  uint8_t b12[2] = {1, 2}, b2 = 2;
  mipfb_ts sip = ts_proto_dport(17, 5060), http = ts_proto_dport(6, 80);
  ha4t_init(&t, NULL);
  reg(&t, 1, T_COA1, 600);
  rq_init(&r, &t, T_HOA, T_COA2, 600);
  rq_mp(&r, 2, 1, 2, 0, 0);
  rq_fb(&r, MIPFB_ACTION_FORWARD, b12, 2, &sip);
  rq_fb(&r, MIPFB_ACTION_FORWARD, &b2, 1, &http);
  rq_fb(&r, MIPFB_ACTION_DROP, NULL, 0, &http);
  ck_assert_int_eq(rq_send(&t, &r), 0);
  fake_host_clear(&t.h);
  rq_init(&r, &t, T_HOA, T_COA2, 0);
  rq_mp(&r, 2, 1, 2, 0, 0);
  ck_assert_int_eq(rq_send(&t, &r), 0);
  ck_assert_uint_eq(mipfb_ha4_rules(t.ha, T_HOA, pr, 4), 2);
  ck_assert_uint_eq(pr[0].n_bids, 1);
  ck_assert_uint_eq(pr[0].bids[0], 1);
  ck_assert_uint_eq(pr[1].action, MIPFB_ACTION_DROP);
  /* flow events: REMOVE id 3, then INSTALL ids 1 and 2 (changed), after the tunnel REMOVE */
  ck_assert_uint_eq(t.h.n_flow, 3);
  ck_assert_uint_eq(t.h.flow[0].ev.op, MIPFB_FLOW_REMOVE);
  ck_assert_uint_eq(t.h.flow[0].rule.id, 3);
  ck_assert_uint_eq(t.h.flow[1].ev.op, MIPFB_FLOW_INSTALL);
  ck_assert_uint_eq(t.h.flow[1].rule.id, 1);
  ck_assert_uint_eq(t.h.flow[2].rule.id, 2);
  ck_assert_uint_eq(t.h.flow[2].rule.action, MIPFB_ACTION_DROP);
  ha4t_free(&t);
}
END_TEST

/* ---- expiry ---- */

START_TEST(rfc5944_3_8_3_expiry_removes_exactly_the_expired_binding) {
  ha4t t;
  rq r;
  uint8_t b1 = 1;
  mipfb_ts http = ts_proto_dport(6, 80);
  mipfb_ha4_binding b;
  mipfb_ha4_stats st;
  uint64_t d1, d2;
  ha4t_init(&t, NULL);
  t.now += 300; /* not on a second boundary */
  reg(&t, 2, T_COA2, 200);
  rq_init(&r, &t, T_HOA, T_COA1, 100);
  rq_mp(&r, 1, 1, 1, 0, 0);
  rq_fb(&r, MIPFB_ACTION_FORWARD, &b1, 1, &http);
  ck_assert_int_eq(rq_send(&t, &r), 0);
  ck_assert_int_eq(mipfb_ha4_binding_get(t.ha, T_HOA, 1, t.now, &b), 0);
  d1 = b.expires_ms;
  ck_assert_uint_ge(d1, t.now + 100000u);
  ck_assert_uint_lt(d1, t.now + 101000u);
  ck_assert_uint_eq(mipfb_ha4_next_deadline(t.ha), d1);
  ck_assert_uint_eq(t.h.deadline, d1);
  ck_assert_int_eq(mipfb_ha4_binding_get(t.ha, T_HOA, 2, t.now, &b), 0);
  d2 = b.expires_ms;
  fake_host_clear(&t.h);
  t.now = d1 - 1;
  ck_assert_int_eq(mipfb_ha4_timeout(t.ha, t.now), 0); /* early: harmless */
  ck_assert_uint_eq(nb(&t), 2);
  ck_assert_uint_eq(t.h.n_tun, 0);
  t.now = d1;
  ck_assert_int_eq(mipfb_ha4_timeout(t.ha, t.now), 0);
  ck_assert_uint_eq(nb(&t), 1);
  ck_assert(has_bid(&t, 2));
  ck_assert_uint_eq(t.h.n_tun, 1);
  ck_assert_uint_eq(t.h.tun[0].op, MIPFB_TUNNEL_REMOVE);
  ck_assert_uint_eq(t.h.tun[0].bid, 1);
  ck_assert_uint_eq(t.h.n_flow, 1); /* the rule naming only BID 1 went */
  ck_assert_uint_eq(t.h.flow[0].ev.op, MIPFB_FLOW_REMOVE);
  ck_assert_uint_eq(mipfb_ha4_rule_count(t.ha), 0);
  ck_assert_uint_eq(mipfb_ha4_next_deadline(t.ha), d2);
  ck_assert_uint_eq(t.h.deadline, d2);
  ck_assert_int_eq(mipfb_ha4_get_stats(t.ha, &st), 0);
  ck_assert_uint_eq(st.expired, 1);
  t.now = d2;
  ck_assert_int_eq(mipfb_ha4_timeout(t.ha, t.now), 0);
  ck_assert_uint_eq(nb(&t), 0);
  ck_assert_uint_eq(t.h.n_tun, 2);
  ck_assert_uint_eq(t.h.tun[1].op, MIPFB_TUNNEL_REMOVE);
  ck_assert_uint_eq(t.h.tun[1].bid, 2);
  ha4t_free(&t);
}
END_TEST

START_TEST(ha4_expiry_hook_failure_removes_anyway) {
  ha4t t;
  ha4t_init(&t, NULL);
  reg(&t, 1, T_COA1, 10);
  reg(&t, 2, T_COA2, 10);
  t.h.fail_tunnel_always = 1;
  t.now += 11000;
  ck_assert_int_eq(mipfb_ha4_timeout(t.ha, t.now), MIPFB_ERR_HOOK);
  ck_assert_uint_eq(nb(&t), 0);
  ck_assert_uint_eq(mipfb_ha4_binding_count(t.ha), 0);
  ha4t_free(&t);
}
END_TEST

/* Several bindings of a node due in the same second: all go, the node
   keeps no rule and waits out the replay window. */
START_TEST(ha4_expiry_same_second_whole_node) {
  ha4t t;
  rq r;
  uint8_t b13[2] = {1, 3};
  mipfb_ts ts = ts_proto_dport(6, 80);
  mipfb_ha4_node n;
  mipfb_ha4_binding b[2];
  ha4t_init(&t, NULL);
  reg(&t, 1, T_COA1, 60);
  reg(&t, 2, T_COA2, 60);
  rq_init(&r, &t, T_HOA, T_COA3, 60);
  rq_mp(&r, 3, 1, 3, 0, 0);
  rq_fb(&r, MIPFB_ACTION_FORWARD, b13, 2, &ts);
  rq_fb(&r, MIPFB_ACTION_DROP, NULL, 0, &ts);
  ck_assert_int_eq(rq_send(&t, &r), 0);
  ck_assert_uint_eq(mipfb_ha4_bindings(t.ha, T_HOA, t.now, b, 2), 3); /* only 2 written */
  ck_assert_uint_eq(b[1].bid, 2);
  t.now += 61000;
  ck_assert_int_eq(mipfb_ha4_timeout(t.ha, t.now), 0);
  ck_assert_int_eq(fake_host_tunnels_alive(&t.h), 0);
  ck_assert_int_eq(mipfb_ha4_node_info(t.ha, T_HOA, &n), 0);
  ck_assert_uint_eq(n.n_bindings, 0);
  ck_assert_uint_eq(n.n_rules, 0);
  ck_assert_uint_eq(n.multipath, 0);
  ck_assert_uint_eq(mipfb_ha4_rule_count(t.ha), 0);
  ck_assert_uint_eq(mipfb_ha4_next_deadline(t.ha), n.idle_until_ms);
  ha4t_free(&t);
}
END_TEST

/* Many nodes with lifetimes spread over more than one turn of a small
   wheel: each timeout removes exactly the bindings due, the deadline is
   always the earliest expiry. */
START_TEST(ha4_wheel_many_turns) {
  ha4t t;
  mipfb_ha4_config c;
  unsigned i, round;
  ha4t_config(&c);
  c.max_lifetime = 7; /* 9 slots */
  c.max_nodes = 64;
  c.max_bindings = 64;
  ha4t_init(&t, &c);
  for (round = 0; round < 40; round++) {
    for (i = 0; i < 8; i++) {
      rq r;
      uint32_t hoa = T_HOA + i;
      if (mipfb_ha4_bindings(t.ha, hoa, t.now, NULL, 0) != 0 && (round + i) % 3 != 0) {
        continue;
      }
      rq_init(&r, &t, hoa, T_COA1, (uint16_t)(1 + (round * 7 + i * 3) % 9)); /* 9 is capped to 7 */
      ck_assert_int_eq(rq_send(&t, &r), 0);
    }
    t.now += 1300;
    while (mipfb_ha4_next_deadline(t.ha) <= t.now) {
      uint64_t d = mipfb_ha4_next_deadline(t.ha);
      size_t before = mipfb_ha4_binding_count(t.ha);
      ck_assert_int_eq(mipfb_ha4_timeout(t.ha, d), 0);
      ck_assert_uint_lt(mipfb_ha4_binding_count(t.ha), before);
      ck_assert_uint_gt(mipfb_ha4_next_deadline(t.ha), d);
    }
    /* every binding left expires later than now, and the deadline is the earliest */
    {
      uint64_t min = MIPFB_NO_DEADLINE;
      for (i = 0; i < 8; i++) {
        mipfb_ha4_binding b;
        if (mipfb_ha4_binding_get(t.ha, T_HOA + i, 0, t.now, &b) == 0) {
          ck_assert_uint_gt(b.expires_ms, t.now);
          ck_assert_uint_le(b.expires_ms, t.now + 8000u);
          min = b.expires_ms < min ? b.expires_ms : min;
        }
      }
      if (mipfb_ha4_binding_count(t.ha) != 0) {
        ck_assert_uint_eq(mipfb_ha4_next_deadline(t.ha), min);
      }
    }
  }
  ck_assert_int_ge(fake_host_tunnels_alive(&t.h), 0);
  ha4t_free(&t);
}
END_TEST

/* ---- classification ---- */

/* RFC 7629 3 Figure 2: SIP over Wi-Fi (BID 1) then LTE (2) then drop; HTTP
   over LTE then drop; SSH over CDMA (3), LTE, Wi-Fi. */
static void figure2(ha4t *t) {
  rq r;
  uint8_t sip[2] = {1, 2}, http[1] = {2}, ssh[3] = {3, 2, 1};
  mipfb_ts ts_sip = ts_proto_dport(17, 5060), ts_http = ts_proto_dport(6, 80), ts_ssh = ts_proto_dport(6, 22);
  reg(t, 1, T_COA1, 600);
  reg(t, 2, T_COA2, 600);
  rq_init(&r, t, T_HOA, T_COA3, 600);
  rq_mp(&r, 3, 2, 3, 0, 0);
  rq_fb(&r, MIPFB_ACTION_FORWARD, sip, 2, &ts_sip);
  rq_fb(&r, MIPFB_ACTION_DROP, NULL, 0, &ts_sip);
  rq_fb(&r, MIPFB_ACTION_FORWARD, http, 1, &ts_http);
  rq_fb(&r, MIPFB_ACTION_DROP, NULL, 0, &ts_http);
  rq_fb(&r, MIPFB_ACTION_FORWARD, ssh, 3, &ts_ssh);
  ck_assert_int_eq(rq_send(t, &r), 0);
}

#define CN 0x08080808u

static void expect(const ha4t *t, uint8_t proto, uint16_t dport, int dir, unsigned kind, unsigned bid) {
  mipfb_flow_key k = dir == MIPFB_DIR_TO_MN ? key4(CN, T_HOA, proto, 40000, dport)
                                            : key4(T_HOA, CN, proto, dport, 40000);
  mipfb_policy_decision d;
  uint32_t hoa = 0;
  ck_assert_int_eq(mipfb_ha4_classify(t->ha, &k, dir, &d, &hoa), 0);
  ck_assert_uint_eq(hoa, T_HOA);
  ck_assert_uint_eq(d.kind, kind);
  ck_assert_uint_eq(d.bid, bid);
  ck_assert_uint_eq(d.by_default, 0);
}

START_TEST(rfc7629_3_figure2_policy) {
  ha4t t;
  rq r;
  int dir;
  ha4t_init(&t, NULL);
  figure2(&t);
  for (dir = MIPFB_DIR_TO_MN; dir <= MIPFB_DIR_FROM_MN; dir++) {
    expect(&t, 17, 5060, dir, MIPFB_DECISION_FORWARD, 1);
    expect(&t, 6, 80, dir, MIPFB_DECISION_FORWARD, 2);
    expect(&t, 6, 22, dir, MIPFB_DECISION_FORWARD, 3);
  }
  /* Wi-Fi goes: SIP over LTE */
  rq_init(&r, &t, T_HOA, T_COA1, 0);
  rq_mp(&r, 1, 1, 1, 0, 0);
  ck_assert_int_eq(rq_send(&t, &r), 0);
  expect(&t, 17, 5060, MIPFB_DIR_TO_MN, MIPFB_DECISION_FORWARD, 2);
  expect(&t, 6, 22, MIPFB_DIR_TO_MN, MIPFB_DECISION_FORWARD, 3);
  /* LTE goes too: SIP and HTTP dropped, SSH still over CDMA */
  rq_init(&r, &t, T_HOA, T_COA2, 0);
  rq_mp(&r, 2, 1, 2, 0, 0);
  ck_assert_int_eq(rq_send(&t, &r), 0);
  expect(&t, 17, 5060, MIPFB_DIR_TO_MN, MIPFB_DECISION_DROP, 0);
  expect(&t, 6, 80, MIPFB_DIR_FROM_MN, MIPFB_DECISION_DROP, 0);
  expect(&t, 6, 22, MIPFB_DIR_TO_MN, MIPFB_DECISION_FORWARD, 3);
  ha4t_free(&t);
}
END_TEST

START_TEST(rfc7629_6_default_hashing_stable_per_flow) {
  ha4t t;
  rq r;
  unsigned i, used[4] = {0, 0, 0, 0}, moved = 0;
  uint16_t first[64];
  ha4t_init(&t, NULL);
  reg(&t, 1, T_COA1, 600);
  reg(&t, 2, T_COA2, 600);
  reg(&t, 3, T_COA3, 600);
  for (i = 0; i < 64; i++) {
    mipfb_flow_key k = key4(CN + i, T_HOA, 6, (uint16_t)(1024 + i), 443);
    mipfb_flow_key back = key4(T_HOA, CN + i, 6, 443, (uint16_t)(1024 + i));
    mipfb_policy_decision d, d2, d3;
    ck_assert_int_eq(mipfb_ha4_classify(t.ha, &k, MIPFB_DIR_TO_MN, &d, NULL), 0);
    ck_assert_int_eq(mipfb_ha4_classify(t.ha, &k, MIPFB_DIR_TO_MN, &d2, NULL), 0);
    ck_assert_int_eq(mipfb_ha4_classify(t.ha, &back, MIPFB_DIR_FROM_MN, &d3, NULL), 0);
    ck_assert_uint_eq(d.kind, MIPFB_DECISION_FORWARD);
    ck_assert_uint_eq(d.by_default, 1);
    ck_assert_uint_eq(d.bid, d2.bid);
    ck_assert_uint_eq(d.bid, d3.bid); /* both directions of a flow */
    first[i] = d.bid;
    used[d.bid]++;
  }
  ck_assert_uint_gt(used[1], 0);
  ck_assert_uint_gt(used[2], 0);
  ck_assert_uint_gt(used[3], 0);
  /* BID 2 goes: only its flows move */
  rq_init(&r, &t, T_HOA, T_COA2, 0);
  rq_mp(&r, 2, 1, 2, 0, 0);
  ck_assert_int_eq(rq_send(&t, &r), 0);
  for (i = 0; i < 64; i++) {
    mipfb_flow_key k = key4(CN + i, T_HOA, 6, (uint16_t)(1024 + i), 443);
    mipfb_policy_decision d;
    ck_assert_int_eq(mipfb_ha4_classify(t.ha, &k, MIPFB_DIR_TO_MN, &d, NULL), 0);
    if (first[i] != 2) {
      ck_assert_uint_eq(d.bid, first[i]);
    } else {
      ck_assert_uint_ne(d.bid, 2);
      moved++;
    }
  }
  ck_assert_uint_eq(moved, used[2]);
  ha4t_free(&t);
}
END_TEST

START_TEST(ha4_classify_packet_and_errors) {
  ha4t t;
  mipfb_policy_decision d;
  uint32_t hoa = 0;
  mipfb_flow_key k6;
  /* IPv4 / UDP CN -> MN, dport 5060 */
  uint8_t pkt[28] = {0x45, 0, 0, 28, 0, 0, 0, 0, 64, 17, 0, 0, 8, 8, 8, 8, 10, 0, 0, 100,
                     0x9c, 0x40, 0x13, 0xc4, 0, 8, 0, 0};
  ha4t_init(&t, NULL);
  figure2(&t);
  ck_assert_int_eq(mipfb_ha4_classify_packet(t.ha, pkt, sizeof pkt, MIPFB_DIR_TO_MN, &d, &hoa), 0);
  ck_assert_uint_eq(hoa, T_HOA);
  ck_assert_uint_eq(d.kind, MIPFB_DECISION_FORWARD);
  ck_assert_uint_eq(d.bid, 1);
  ck_assert_uint_eq(d.rule_id, 1);
  ck_assert_int_eq(mipfb_ha4_classify_packet(t.ha, pkt, sizeof pkt, MIPFB_DIR_FROM_MN, &d, &hoa),
                   MIPFB_ERR_NOT_FOUND); /* 8.8.8.8 is no node */
  ck_assert_int_eq(mipfb_ha4_classify_packet(t.ha, pkt, 10, MIPFB_DIR_TO_MN, &d, &hoa), MIPFB_ERR_TRUNCATED);
  ck_assert_int_eq(mipfb_ha4_classify_packet(t.ha, pkt, sizeof pkt, 5, &d, &hoa), MIPFB_ERR_INVALID_ARG);
  /* a node with its single BID-0 binding: the default takes it */
  {
    rq r;
    mipfb_flow_key k = key4(CN, T_HOA2, 6, 1000, 443);
    rq_init(&r, &t, T_HOA2, T_COA1, 600);
    ck_assert_int_eq(rq_send(&t, &r), 0);
    ck_assert_int_eq(mipfb_ha4_classify(t.ha, &k, MIPFB_DIR_TO_MN, &d, &hoa), 0);
    ck_assert_uint_eq(hoa, T_HOA2);
    ck_assert_uint_eq(d.kind, MIPFB_DECISION_FORWARD);
    ck_assert_uint_eq(d.bid, 0);
    ck_assert_uint_eq(d.by_default, 1);
    /* deregistered: no binding, no decision */
    rq_init(&r, &t, T_HOA2, T_HOA2, 0);
    ck_assert_int_eq(rq_send(&t, &r), 0);
    ck_assert_int_eq(mipfb_ha4_classify(t.ha, &k, MIPFB_DIR_TO_MN, &d, &hoa), 0);
    ck_assert_uint_eq(d.kind, MIPFB_DECISION_NONE);
  }
  memset(&k6, 0, sizeof k6);
  k6.family = MIPFB_AF_INET6;
  ck_assert_int_eq(mipfb_ha4_classify(t.ha, &k6, MIPFB_DIR_TO_MN, &d, &hoa), MIPFB_ERR_NOT_FOUND);
  ha4t_free(&t);
}
END_TEST

TCase *ha4_binding_tcase(void) {
  TCase *tc = tcase_create("binding");
  tcase_add_test(tc, rfc5944_3_8_3_plain_registration_replaces_all);
  tcase_add_test(tc, rfc5944_3_8_3_deregister_all_coa_equals_hoa);
  tcase_add_test(tc, rfc5944_3_8_3_deregister_one_coa);
  tcase_add_test(tc, rfc7629_5_2_multipath_adds_and_updates);
  tcase_add_test(tc, rfc7629_5_2_overwrite_flag_removes_others);
  tcase_add_test(tc, rfc7629_5_2_bulk_extends_every_lifetime);
  tcase_add_test(tc, rfc7629_5_2_bulk_lifetime_zero_deregisters_all);
  tcase_add_test(tc, rfc7629_5_2_deregister_one_bid);
  tcase_add_test(tc, rfc7629_4_2_policy_replaced_in_arrival_order);
  tcase_add_test(tc, rfc7629_4_2_removed_bid_pruned_from_rules);
  return tc;
}

TCase *ha4_expiry_tcase(void) {
  TCase *tc = tcase_create("expiry");
  tcase_add_test(tc, rfc5944_3_8_3_expiry_removes_exactly_the_expired_binding);
  tcase_add_test(tc, ha4_expiry_hook_failure_removes_anyway);
  tcase_add_test(tc, ha4_expiry_same_second_whole_node);
  tcase_add_test(tc, ha4_wheel_many_turns);
  return tc;
}

TCase *ha4_classify_tcase(void) {
  TCase *tc = tcase_create("classify");
  tcase_add_test(tc, rfc7629_3_figure2_policy);
  tcase_add_test(tc, rfc7629_6_default_hashing_stable_per_flow);
  tcase_add_test(tc, ha4_classify_packet_and_errors);
  return tc;
}
