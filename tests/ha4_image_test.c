/* MIPv4 home agent: state image (draft-02 8, "the HA maintains the state
   across restarts"; doc/agents.md "State that survives a restart"). */
#include <stdlib.h>
#include <string.h>

#include "ha4_util.h"

/* Two multipath nodes with rules, one BID-0 node, one node without
   bindings (kept for the replay window), EnableMultipleTunnelSupport off
   at the end. */
static void scenario(ha4t *t) {
  rq r;
  uint8_t b12[2] = {1, 2};
  mipfb_ts sip = ts_proto_dport(17, 5060), http = ts_proto_dport(6, 80);
  rq_init(&r, t, T_HOA, T_COA1, 600);
  rq_mp(&r, 1, 1, 1, 0, 0);
  ck_assert_int_eq(rq_send(t, &r), 0);
  t->now += 1234;
  rq_init(&r, t, T_HOA, T_COA2, 300);
  r.m.flags = MIPFB_MIP4_FLAG_T;
  rq_mp(&r, 2, 2, 7, 0, 0);
  rq_fb(&r, MIPFB_ACTION_FORWARD, b12, 2, &sip);
  rq_fb(&r, MIPFB_ACTION_DROP, NULL, 0, &http);
  ck_assert_int_eq(rq_send(t, &r), 0);
  rq_init(&r, t, T_HOA2, T_COA3, 100);
  r.m.flags = MIPFB_MIP4_FLAG_G;
  ck_assert_int_eq(rq_send(t, &r), 0);
  rq_init(&r, t, T_HOA + 5, T_COA3, 100);
  ck_assert_int_eq(rq_send(t, &r), 0);
  rq_init(&r, t, T_HOA + 5, T_HOA + 5, 0);
  ck_assert_int_eq(rq_send(t, &r), 0);
  t->now += 5555;
  ck_assert_int_eq(mipfb_ha4_set_multiple_tunnel_support(t->ha, 0), 0);
}

static uint8_t *export_all(const ha4t *t, size_t *len) {
  mipfb_ssize n = mipfb_ha4_export(t->ha, t->now, NULL, 0);
  uint8_t *img;
  ck_assert_int_gt(n, 0);
  img = malloc((size_t)n);
  ck_assert_int_eq(mipfb_ha4_export(t->ha, t->now, img, (size_t)n), n);
  *len = (size_t)n;
  return img;
}

static void same_node(const ha4t *a, const ha4t *b, uint32_t hoa) {
  snap x, y;
  snap_take(a, hoa, &x);
  snap_take(b, hoa, &y);
  ck_assert(x.found);
  x.node.idle_until_ms = y.node.idle_until_ms = 0; /* a whole window again after import */
  snap_same(&x, &y);
}

START_TEST(draft02_8_export_import_round_trip) {
  ha4t t, u;
  size_t len, len2;
  uint8_t *img, *img2;
  rq r;
  ha4t_init(&t, NULL);
  scenario(&t);
  img = export_all(&t, &len);
  ck_assert_int_eq(mipfb_ha4_export(t.ha, t.now, img, len - 1), MIPFB_ERR_NOBUF);
  ha4t_init(&u, NULL);
  u.now = t.now;
  ck_assert_int_eq(mipfb_ha4_import(u.ha, u.now, img, len), 0);
  same_node(&t, &u, T_HOA);
  same_node(&t, &u, T_HOA2);
  same_node(&t, &u, T_HOA + 5);
  /* the idle record is kept two replay windows + 1 s from the import */
  ck_assert_uint_eq(mipfb_ha4_next_deadline(u.ha), u.now + 2 * 7000 + 1000);
  ck_assert_uint_eq(u.h.deadline, mipfb_ha4_next_deadline(u.ha));
  /* the hooks saw every binding and rule */
  ck_assert_uint_eq(u.h.n_tun, 3);
  ck_assert_int_eq(fake_host_tunnel_alive(&u.h, T_HOA, 2), 1);
  ck_assert_int_eq(fake_host_tunnel_alive(&u.h, T_HOA2, 0), 1);
  ck_assert_uint_eq(u.h.n_flow, 2);
  ck_assert_uint_eq(u.h.flow[1].rule.id, 2);
  /* the same image again */
  img2 = export_all(&u, &len2);
  ck_assert_uint_eq(len2, len);
  ck_assert_mem_eq(img2, img, len);
  /* settings came along: multiple tunnel support off */
  rq_init(&r, &u, T_HOA2, T_COA1, 100);
  rq_mp(&r, 1, 1, 1, 0, 0);
  ck_assert_int_eq(rq_send(&u, &r), 152);
  /* the replay protection came along */
  rq_init(&r, &u, T_HOA, T_COA1, 100);
  {
    mipfb_ha4_node n;
    ck_assert_int_eq(mipfb_ha4_node_info(u.ha, T_HOA, &n), 0);
    r.m.id = n.last_id;
  }
  ck_assert_int_eq(rq_send(&u, &r), 133);
  /* expiry continues where it was */
  u.now += 700000;
  ck_assert_int_eq(mipfb_ha4_timeout(u.ha, u.now), 0);
  ck_assert_uint_eq(mipfb_ha4_binding_count(u.ha), 0);
  free(img);
  free(img2);
  ha4t_free(&t);
  ha4t_free(&u);
}
END_TEST

START_TEST(draft02_8_bad_image_refused_nothing_changed) {
  ha4t t, u;
  size_t len, i;
  uint8_t *img;
  ha4t_init(&t, NULL);
  scenario(&t);
  img = export_all(&t, &len);
  ha4t_init(&u, NULL);
  u.now = t.now;
  fake_host_clear(&u.h);
  for (i = 0; i < len; i++) { /* every truncation */
    ck_assert_int_eq(mipfb_ha4_import(u.ha, u.now, img, i), MIPFB_ERR_BAD_IMAGE);
  }
  for (i = 0; i < len; i++) { /* every octet changed */
    img[i] ^= 0x20;
    ck_assert_int_eq(mipfb_ha4_import(u.ha, u.now, img, len), MIPFB_ERR_BAD_IMAGE);
    img[i] ^= 0x20;
  }
  ck_assert_uint_eq(mipfb_ha4_node_count(u.ha), 0);
  ck_assert_uint_eq(u.h.n_tun + u.h.n_flow, 0);
  ck_assert_int_eq(mipfb_ha4_import(u.ha, u.now, NULL, 0), MIPFB_ERR_BAD_IMAGE);
  ck_assert_int_eq(mipfb_ha4_import(u.ha, u.now, img, len), 0);
  free(img);
  ha4t_free(&t);
  ha4t_free(&u);
}
END_TEST

static uint64_t fnv64(const uint8_t *p, size_t n) {
  uint64_t h = 0xcbf29ce484222325ull;
  size_t i;
  for (i = 0; i < n; i++) {
    h = (h ^ p[i]) * 0x100000001b3ull;
  }
  return h;
}

static void fix_checksum(uint8_t *img, size_t len) {
  uint64_t h = fnv64(img, len - 8);
  unsigned i;
  for (i = 0; i < 8; i++) {
    img[len - 8 + i] = (uint8_t)(h >> (56 - 8 * i));
  }
}

/* A record that contradicts itself is refused even with a good checksum:
   a rule naming a BID the node does not have. */
START_TEST(draft02_8_record_checked) {
  ha4t t, u;
  size_t len;
  uint8_t *img;
  rq r;
  uint8_t b1 = 1;
  mipfb_ts http = ts_proto_dport(6, 80);
  ha4t_init(&t, NULL);
  rq_init(&r, &t, T_HOA, T_COA1, 600);
  rq_mp(&r, 1, 1, 1, 0, 0);
  rq_fb(&r, MIPFB_ACTION_FORWARD, &b1, 1, &http);
  ck_assert_int_eq(rq_send(&t, &r), 0);
  img = export_all(&t, &len);
  ha4t_init(&u, NULL);
  /* header 54, node 17, binding 15: the rule's BID is at 54 + 17 + 15 + 2 */
  ck_assert_uint_eq(img[88], 1);
  img[88] = 2;
  fix_checksum(img, len);
  ck_assert_int_eq(mipfb_ha4_import(u.ha, u.now, img, len), MIPFB_ERR_BAD_IMAGE);
  img[88] = 1;
  fix_checksum(img, len);
  ck_assert_int_eq(mipfb_ha4_import(u.ha, u.now, img, len), 0);
  free(img);
  ha4t_free(&t);
  ha4t_free(&u);
}
END_TEST

START_TEST(draft02_8_import_into_non_empty_refused) {
  ha4t t, u;
  size_t len;
  uint8_t *img;
  ha4t_init(&t, NULL);
  scenario(&t);
  img = export_all(&t, &len);
  ha4t_init(&u, NULL);
  scenario(&u);
  fake_host_clear(&u.h);
  ck_assert_int_eq(mipfb_ha4_import(u.ha, u.now, img, len), MIPFB_ERR_INVALID_STATE);
  ck_assert_uint_eq(u.h.n_tun, 0);
  free(img);
  ha4t_free(&t);
  ha4t_free(&u);
}
END_TEST

START_TEST(draft02_8_import_table_full_and_hook_failure) {
  ha4t t, u;
  size_t len;
  uint8_t *img;
  mipfb_ha4_config c;
  ha4t_init(&t, NULL);
  scenario(&t);
  img = export_all(&t, &len);
  ha4t_config(&c);
  c.max_bindings = 2;
  ha4t_init(&u, &c);
  ck_assert_int_eq(mipfb_ha4_import(u.ha, u.now, img, len), MIPFB_ERR_TABLE_FULL);
  ha4t_free(&u);
  ha4t_config(&c);
  c.max_lifetime = 100;
  ha4t_init(&u, &c);
  ck_assert_int_eq(mipfb_ha4_import(u.ha, u.now, img, len), MIPFB_ERR_TABLE_FULL);
  ha4t_free(&u);
  /* the flow hook fails on the second rule: everything undone */
  ha4t_init(&u, NULL);
  u.h.fail_flow = 2;
  ck_assert_int_eq(mipfb_ha4_import(u.ha, u.now, img, len), MIPFB_ERR_HOOK);
  ck_assert_uint_eq(mipfb_ha4_node_count(u.ha), 0);
  ck_assert_uint_eq(mipfb_ha4_binding_count(u.ha), 0);
  ck_assert_uint_eq(mipfb_ha4_next_deadline(u.ha), MIPFB_NO_DEADLINE);
  ck_assert_int_eq(fake_host_tunnels_alive(&u.h), 0);
  ck_assert_uint_eq(u.h.n_flow, 2); /* INSTALL 1, REMOVE 1 */
  ck_assert_uint_eq(u.h.flow[1].ev.op, MIPFB_FLOW_REMOVE);
  /* a later tunnel failure (third binding) */
  fake_host_clear(&u.h);
  u.h.fail_tunnel = 3;
  ck_assert_int_eq(mipfb_ha4_import(u.ha, u.now, img, len), MIPFB_ERR_HOOK);
  ck_assert_int_eq(fake_host_tunnels_alive(&u.h), 0);
  ck_assert_uint_eq(mipfb_ha4_node_count(u.ha), 0);
  fake_host_clear(&u.h);
  ck_assert_int_eq(mipfb_ha4_import(u.ha, u.now, img, len), 0);
  ck_assert_uint_eq(mipfb_ha4_binding_count(u.ha), 3);
  free(img);
  ha4t_free(&t);
  ha4t_free(&u);
}
END_TEST

TCase *ha4_image_tcase(void) {
  TCase *tc = tcase_create("image");
  tcase_add_test(tc, draft02_8_export_import_round_trip);
  tcase_add_test(tc, draft02_8_bad_image_refused_nothing_changed);
  tcase_add_test(tc, draft02_8_record_checked);
  tcase_add_test(tc, draft02_8_import_into_non_empty_refused);
  tcase_add_test(tc, draft02_8_import_table_full_and_hook_failure);
  return tc;
}
