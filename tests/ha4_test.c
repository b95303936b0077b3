/* MIPv4 home agent: processing order of a Registration Request and its
   reply codes (doc/agents.md "Processing a Registration Request"; RFC 5944
   3.8.2, 3.8.3, 5.7; RFC 7629 5.2; draft-02 5.3), reply contents, atomic
   requests with hook rollback. */
#include <stdlib.h>
#include <string.h>

#include "ha4_util.h"
#include "test_helper.h"

/* Register BID bid with CoA coa (lifetime 600): expects code 0. */
static void reg_mp(ha4t *t, uint8_t bid, uint32_t coa) {
  rq r;
  rq_init(&r, t, T_HOA, coa, 600);
  rq_mp(&r, bid, 1, bid, 0, 0);
  ck_assert_int_eq(rq_send(t, &r), 0);
}

/* ---- configuration and init ---- */

START_TEST(ha4_config_ranges_checked) {
  mipfb_ha4_config c;
  ha4t_config(&c);
  ck_assert_uint_gt(mipfb_ha4_mem_size(&c), 0);
  c.max_bindings_per_node = 255;
  ck_assert_uint_eq(mipfb_ha4_mem_size(&c), 0);
  ha4t_config(&c);
  c.max_lifetime = 65535;
  ck_assert_uint_eq(mipfb_ha4_mem_size(&c), 0);
  ha4t_config(&c);
  c.ts_max_len = 3;
  ck_assert_uint_eq(mipfb_ha4_mem_size(&c), 0);
  ck_assert_uint_eq(mipfb_ha4_mem_size(NULL), 0);
}
END_TEST

START_TEST(ha4_init_errors) {
  mipfb_ha4_config c;
  fake_host h;
  mipfb_hooks hooks = FAKE_HOOKS;
  mipfb_ha4 *ha;
  size_t need;
  void *mem;
  ha4t_config(&c);
  fake_host_init(&h);
  need = mipfb_ha4_mem_size(&c);
  mem = malloc(need);
  ck_assert_int_eq(mipfb_ha4_init(&ha, mem, need - 8, &c, &hooks, &h, 0), MIPFB_ERR_NOBUF);
  ck_assert_int_eq(mipfb_ha4_init(&ha, (uint8_t *)mem + 1, need - 8, &c, &hooks, &h, 0), MIPFB_ERR_INVALID_ARG);
  hooks.wallclock = NULL;
  ck_assert_int_eq(mipfb_ha4_init(&ha, mem, need, &c, &hooks, &h, 0), MIPFB_ERR_INVALID_ARG);
  hooks = FAKE_HOOKS;
  hooks.version = MIPFB_HOOKS_VERSION + 1;
  ck_assert_int_eq(mipfb_ha4_init(&ha, mem, need, &c, &hooks, &h, 0), MIPFB_ERR_ABI);
  hooks = FAKE_HOOKS;
  c.ha_addr = 0;
  ck_assert_int_eq(mipfb_ha4_init(&ha, mem, need, &c, &hooks, &h, 0), MIPFB_ERR_INVALID_ARG);
  c.ha_addr = T_HA;
  h.fail_random = 1;
  ck_assert_int_eq(mipfb_ha4_init(&ha, mem, need, &c, &hooks, &h, 0), MIPFB_ERR_HOOK);
  ck_assert_int_eq(mipfb_ha4_init(&ha, mem, need, &c, &hooks, &h, 0), 0);
  ck_assert_uint_eq(mipfb_ha4_next_deadline(ha), MIPFB_NO_DEADLINE);
  free(mem);
}
END_TEST

/* ---- 1. decode ---- */

START_TEST(rfc5944_3_6_1_1_truncated_discarded) {
  ha4t t;
  rq r;
  size_t n;
  ha4t_init(&t, NULL);
  rq_init(&r, &t, T_HOA, T_COA1, 600);
  rq_encode(&r);
  for (n = 0; n < r.len; n++) {
    int rc = ha4t_input_raw(&t, r.buf, n);
    ck_assert_int_lt(rc, 0);
  }
  ck_assert_uint_eq(t.h.n_sent, 0);
  ck_assert_uint_eq(mipfb_ha4_node_count(t.ha), 0);
  ha4t_free(&t);
}
END_TEST

START_TEST(rfc5944_1_9_unknown_nonskippable_discarded) {
  ha4t t;
  rq r;
  uint8_t msg[256];
  size_t n;
  ha4t_init(&t, NULL);
  rq_init(&r, &t, T_HOA, T_COA1, 600);
  rq_encode(&r);
  /* insert an unknown extension of Type 100 before the MN-HA authentication */
  n = r.len - 22;
  memcpy(msg, r.buf, n);
  msg[n] = 100;
  msg[n + 1] = 2;
  msg[n + 2] = 0;
  msg[n + 3] = 0;
  memcpy(msg + n + 4, r.buf + n, 22);
  resign(msg, r.len + 4, &r.key);
  ck_assert_int_eq(ha4t_input_raw(&t, msg, r.len + 4), MIPFB_ERR_UNKNOWN_NONSKIPPABLE);
  ck_assert_uint_eq(t.h.n_sent, 0);
  /* a skippable unknown (Type 200) is stepped over */
  msg[n] = 200;
  resign(msg, r.len + 4, &r.key);
  ck_assert_int_eq(ha4t_input_raw(&t, msg, r.len + 4), 0);
  ha4t_free(&t);
}
END_TEST

START_TEST(rfc5944_3_8_2_reply_message_discarded) {
  ha4t t;
  rq r;
  ha4t_init(&t, NULL);
  rq_init(&r, &t, T_HOA, T_COA1, 600);
  rq_encode(&r);
  r.buf[0] = MIPFB_MIP4_RRP;
  ck_assert_int_eq(ha4t_input_raw(&t, r.buf, r.len), MIPFB_ERR_UNSUPPORTED);
  ck_assert_int_eq(ha4t_input_raw(&t, r.buf, 0), MIPFB_ERR_UNSUPPORTED);
  ck_assert_uint_eq(t.h.n_sent, 0);
  ha4t_free(&t);
}
END_TEST

/* A decoding fault (Multipath If-Label 0, RFC 7629 4.1) with a verifying
   MN-HA authentication extension: 134; without one: discarded. */
START_TEST(rfc7629_4_1_poorly_formed_134_when_auth_verifies) {
  ha4t t;
  rq r;
  mipfb_mip4_msg m;
  mipfb_mip4_ext ext[8];
  snap a, b;
  ha4t_init(&t, NULL);
  rq_init(&r, &t, T_HOA, T_COA1, 600);
  rq_mp(&r, 1, 1, 1, 0, 0);
  rq_encode(&r);
  ck_assert_uint_eq(r.buf[24], 154);
  r.buf[24 + 5] = 0; /* If-Label 0 */
  resign(r.buf, r.len, &r.key);
  snap_take(&t, T_HOA, &a);
  ck_assert_int_eq(ha4t_input_raw(&t, r.buf, r.len), 134);
  last_reply(&t, &m, ext, 8);
  ck_assert_uint_eq(m.code, 134);
  ck_assert_uint_eq(m.id, r.m.id);
  ck_assert_uint_eq(m.hoa, T_HOA);
  ck_assert_uint_eq(m.ha, T_HA);
  ck_assert_uint_eq(mipfb_mip4_find(&m, MIPFB_MIP4_EXT_MN_HA_AUTH)->u.auth.spi, T_SPI);
  snap_take(&t, T_HOA, &b);
  snap_same(&a, &b);
  /* now the authenticator is wrong too: discarded */
  r.buf[r.len - 1] ^= 1;
  ck_assert_int_eq(ha4t_input_raw(&t, r.buf, r.len), MIPFB_ERR_BAD_VALUE);
  ck_assert_uint_eq(t.h.n_sent, 1);
  ha4t_free(&t);
}
END_TEST

/* ---- 2. authentication ---- */

START_TEST(rfc5944_3_8_2_1_no_mn_ha_auth_discarded) {
  ha4t t;
  rq r;
  ha4t_init(&t, NULL);
  rq_init(&r, &t, T_HOA, T_COA1, 600);
  r.no_auth = 1;
  ck_assert_int_eq(rq_send(&t, &r), MIPFB_ERR_AUTH);
  ck_assert_uint_eq(t.h.n_sent, 0);
  ck_assert_uint_eq(mipfb_ha4_node_count(t.ha), 0);
  ha4t_free(&t);
}
END_TEST

START_TEST(rfc5944_3_8_2_1_no_security_association_discarded) {
  ha4t t;
  rq r;
  mipfb_ha4_stats st;
  ha4t_init(&t, NULL);
  rq_init(&r, &t, T_HOA, T_COA1, 600);
  r.spi = 0x9999;
  ck_assert_int_eq(rq_send(&t, &r), MIPFB_ERR_NOT_FOUND);
  ck_assert_uint_eq(t.h.n_sent, 0);
  ck_assert_int_eq(mipfb_ha4_get_stats(t.ha, &st), 0);
  ck_assert_uint_eq(st.discarded, 1);
  ck_assert_uint_eq(st.requests, 1);
  ha4t_free(&t);
}
END_TEST

START_TEST(rfc5944_3_8_2_1_bad_authenticator_131) {
  ha4t t;
  rq r;
  mipfb_mip4_msg m;
  mipfb_mip4_ext ext[8];
  mipfb_ha4_config c;
  ha4t_init(&t, NULL);
  rq_init(&r, &t, T_HOA, T_COA1, 600);
  mipfb_hmac_md5_key_init(&r.key, (const uint8_t *)"wrong key 16 oct", 16);
  ck_assert_int_eq(rq_send(&t, &r), 131);
  last_reply(&t, &m, ext, 8); /* signed with the node's key */
  ck_assert_uint_eq(m.code, 131);
  ck_assert_uint_eq(m.id, r.m.id);
  ck_assert_uint_eq(m.lifetime, 0);
  ck_assert_uint_eq(mipfb_ha4_node_count(t.ha), 0);
  ck_assert_uint_eq(t.h.n_tun, 0);
  ha4t_free(&t);
  /* reply_on_auth_failure = 0: discarded */
  ha4t_config(&c);
  c.reply_on_auth_failure = 0;
  ha4t_init(&t, &c);
  rq_init(&r, &t, T_HOA, T_COA1, 600);
  mipfb_hmac_md5_key_init(&r.key, (const uint8_t *)"wrong key 16 oct", 16);
  ck_assert_int_eq(rq_send(&t, &r), MIPFB_ERR_AUTH);
  ck_assert_uint_eq(t.h.n_sent, 0);
  ha4t_free(&t);
}
END_TEST

/* ---- 3. home agent address ---- */

START_TEST(rfc5944_3_8_2_1_unknown_ha_address_136) {
  ha4t t;
  rq r;
  mipfb_mip4_msg m;
  mipfb_mip4_ext ext[8];
  ha4t_init(&t, NULL);
  rq_init(&r, &t, T_HOA, T_COA1, 600);
  r.m.ha = 0x0a0000ffu; /* subnet-directed broadcast */
  ck_assert_int_eq(rq_send(&t, &r), 136);
  last_reply(&t, &m, ext, 8);
  ck_assert_uint_eq(m.code, 136);
  ck_assert_uint_eq(m.ha, T_HA); /* the agent's own address */
  ck_assert_uint_eq(mipfb_ha4_node_count(t.ha), 0);
  ha4t_free(&t);
}
END_TEST

/* ---- 4. Identification ---- */

START_TEST(rfc5944_5_7_timestamp_outside_window_133) {
  ha4t t;
  rq r;
  mipfb_mip4_msg m;
  mipfb_mip4_ext ext[8];
  uint64_t wall;
  ha4t_init(&t, NULL);
  wall = fake_host_ntp(&t.h, t.now);
  rq_init(&r, &t, T_HOA, T_COA1, 600);
  r.m.id = wall - ((uint64_t)8 << 32) + 0x1234u; /* 8 s behind, window 7 s */
  ck_assert_int_eq(rq_send(&t, &r), 133);
  last_reply(&t, &m, ext, 8);
  ck_assert_uint_eq(m.code, 133);
  /* RFC 5944 5.7: the agent's time in the high 32 bits, the request's low 32 bits */
  ck_assert_uint_eq(m.id >> 32, wall >> 32);
  ck_assert_uint_eq(m.id & 0xFFFFFFFFu, r.m.id & 0xFFFFFFFFu);
  ck_assert_uint_eq(mipfb_ha4_node_count(t.ha), 0);
  /* ahead of the clock by more than the window */
  rq_init(&r, &t, T_HOA, T_COA1, 600);
  r.m.id = wall + ((uint64_t)8 << 32);
  ck_assert_int_eq(rq_send(&t, &r), 133);
  /* 6 s behind: inside the window */
  rq_init(&r, &t, T_HOA, T_COA1, 600);
  r.m.id = wall - ((uint64_t)6 << 32);
  ck_assert_int_eq(rq_send(&t, &r), 0);
  ha4t_free(&t);
}
END_TEST

START_TEST(rfc5944_5_7_replayed_accepted_request_133) {
  ha4t t;
  rq r;
  uint8_t copy[2048];
  size_t len;
  snap a, b;
  ha4t_init(&t, NULL);
  rq_init(&r, &t, T_HOA, T_COA1, 600);
  ck_assert_int_eq(rq_send(&t, &r), 0);
  memcpy(copy, r.buf, r.len);
  len = r.len;
  t.now += 1000;
  snap_take(&t, T_HOA, &a);
  fake_host_clear(&t.h);
  ck_assert_int_eq(ha4t_input_raw(&t, copy, len), 133);
  ck_assert_uint_eq(t.h.n_tun, 0);
  snap_take(&t, T_HOA, &b);
  snap_same(&a, &b);
  /* a request with an Identification equal to or below the last accepted one */
  rq_init(&r, &t, T_HOA, T_COA2, 600);
  r.m.id = a.node.last_id - 1;
  ck_assert_int_eq(rq_send(&t, &r), 133);
  ha4t_free(&t);
}
END_TEST

/* The node record outlives its last binding for the replay window, so a
   replayed registration is refused; then the record is freed. */
START_TEST(ha4_node_record_kept_for_replay_window) {
  ha4t t;
  rq r, d;
  mipfb_ha4_node n;
  ha4t_init(&t, NULL);
  rq_init(&r, &t, T_HOA, T_COA1, 600);
  ck_assert_int_eq(rq_send(&t, &r), 0);
  rq_init(&d, &t, T_HOA, T_HOA, 0);
  ck_assert_int_eq(rq_send(&t, &d), 0);
  ck_assert_int_eq(mipfb_ha4_node_info(t.ha, T_HOA, &n), 0);
  ck_assert_uint_eq(n.n_bindings, 0);
  ck_assert_uint_gt(n.idle_until_ms, t.now);
  ck_assert_uint_eq(mipfb_ha4_next_deadline(t.ha), n.idle_until_ms);
  ck_assert_uint_eq(t.h.deadline, n.idle_until_ms);
  t.now += 3000;
  ck_assert_int_eq(rq_send(&t, &r), 133); /* the replayed registration */
  ck_assert_uint_eq(mipfb_ha4_binding_count(t.ha), 0);
  t.now = n.idle_until_ms;
  ck_assert_int_eq(mipfb_ha4_timeout(t.ha, t.now), 0);
  ck_assert_int_eq(mipfb_ha4_node_info(t.ha, T_HOA, &n), MIPFB_ERR_NOT_FOUND);
  ck_assert_uint_eq(mipfb_ha4_node_count(t.ha), 0);
  ck_assert_uint_eq(t.h.deadline, MIPFB_NO_DEADLINE);
  ha4t_free(&t);
}
END_TEST

/* ---- 5. validity ---- */

START_TEST(rfc5944_3_8_2_3_zero_coa_with_lifetime_134) {
  ha4t t;
  rq r;
  ha4t_init(&t, NULL);
  rq_init(&r, &t, T_HOA, 0, 600);
  ck_assert_int_eq(rq_send(&t, &r), 134);
  ck_assert_uint_eq(mipfb_ha4_node_count(t.ha), 0);
  ha4t_free(&t);
}
END_TEST

/* Errata E-1 strict mode: non-zero r / x bits are answered 134 (RFC 5944
   3.8.2.3); by default they are ignored. */
START_TEST(rfc5944_3_8_2_3_reserved_bits_strict_134) {
  ha4t t;
  rq r;
  mipfb_ha4_config c;
  mipfb_codepoints cp;
  ha4t_init(&t, NULL);
  rq_init(&r, &t, T_HOA, T_COA1, 600);
  rq_encode(&r);
  r.buf[1] |= MIPFB_MIP4_FLAG_X;
  resign(r.buf, r.len, &r.key);
  ck_assert_int_eq(ha4t_input_raw(&t, r.buf, r.len), 0);
  ha4t_free(&t);
  ha4t_config(&c);
  mipfb_codepoints_default(&cp, MIPFB_PROFILE_RFC);
  cp.options |= MIPFB_CP_STRICT_RESERVED;
  c.codepoints = &cp;
  ha4t_init(&t, &c);
  rq_init(&r, &t, T_HOA, T_COA1, 600);
  rq_encode(&r);
  r.buf[1] |= MIPFB_MIP4_FLAG_X;
  resign(r.buf, r.len, &r.key);
  ck_assert_int_eq(ha4t_input_raw(&t, r.buf, r.len), 134);
  ck_assert_uint_eq(mipfb_ha4_node_count(t.ha), 0);
  ha4t_free(&t);
}
END_TEST

static void draft_config(mipfb_ha4_config *c, mipfb_codepoints *cp) {
  ha4t_config(c);
  mipfb_codepoints_default(cp, MIPFB_PROFILE_DRAFT);
  c->codepoints = cp;
}

static void rq_mt(rq *r, uint16_t bid, int b, int o) {
  mipfb_mip4_ext *e = &r->ext[r->m.n_ext++];
  memset(e, 0, sizeof *e);
  e->kind = MIPFB_MIP4_EXT_MTUNNEL;
  e->u.mtunnel.bid = bid;
  e->u.mtunnel.if_type = 3;
  e->u.mtunnel.b = (uint8_t)b;
  e->u.mtunnel.o = (uint8_t)o;
}

static int rq_send_cp(ha4t *t, rq *r, const mipfb_codepoints *cp) {
  mipfb_mip4_ext *e = &r->ext[r->m.n_ext];
  mipfb_ssize n;
  memset(e, 0, sizeof *e);
  e->kind = MIPFB_MIP4_EXT_MN_HA_AUTH;
  e->u.auth.spi = r->spi;
  e->u.auth.key = &r->key;
  r->m.n_ext++;
  n = mipfb_mip4_encode(r->buf, sizeof r->buf, &r->m, cp, NULL);
  r->m.n_ext--;
  ck_assert_int_gt(n, 0);
  r->len = (size_t)n;
  return ha4t_input_raw(t, r->buf, r->len);
}

START_TEST(draft02_multipath_and_mtunnel_together_134) {
  ha4t t;
  rq r;
  mipfb_ha4_config c;
  mipfb_codepoints cp;
  uint8_t msg[256];
  size_t n;
  static const uint8_t mp[8] = {154, 1, 0, 4, 1, 1, 1, 0};
  draft_config(&c, &cp);
  ha4t_init(&t, &c);
  /* the codec refuses both in one request: built by hand, then 134 */
  rq_init(&r, &t, T_HOA, T_COA1, 600);
  rq_mt(&r, 1, 0, 0);
  rq_send_cp(&t, &r, &cp);
  n = r.len - 22;
  memcpy(msg, r.buf, n);
  memcpy(msg + n, mp, 8);
  memcpy(msg + n + 8, r.buf + n, 22);
  resign(msg, r.len + 8, &r.key);
  ck_assert_int_eq(ha4t_input_raw(&t, msg, r.len + 8), 134);
  ck_assert_uint_eq(mipfb_ha4_node_count(t.ha), 1);
  ha4t_free(&t);
  ha4t_init(&t, &c);
  /* a 16-bit BID above 254 */
  rq_init(&r, &t, T_HOA, T_COA1, 600);
  rq_mt(&r, 300, 0, 0);
  ck_assert_int_eq(rq_send_cp(&t, &r, &cp), 134);
  ck_assert_uint_eq(mipfb_ha4_node_count(t.ha), 0);
  /* an acceptable one registers BID 7 */
  rq_init(&r, &t, T_HOA, T_COA1, 600);
  rq_mt(&r, 7, 0, 0);
  ck_assert_int_eq(rq_send_cp(&t, &r, &cp), 0);
  ck_assert_int_eq(fake_host_tunnel_alive(&t.h, T_HOA, 7), 1);
  ha4t_free(&t);
}
END_TEST

START_TEST(draft02_5_3_mtunnel_denied_code) {
  ha4t t;
  rq r;
  mipfb_ha4_config c;
  mipfb_codepoints cp;
  mipfb_mip4_msg m;
  mipfb_mip4_ext ext[8];
  draft_config(&c, &cp);
  ha4t_init(&t, &c);
  rq_init(&r, &t, T_HOA, T_COA1, 600);
  r.spi = T_SPI_NOMP;
  rq_mt(&r, 1, 0, 0);
  ck_assert_int_eq(rq_send_cp(&t, &r, &cp), cp.mip4_code_mtunnel_denied_ha);
  ck_assert_int_eq(mipfb_mip4_decode(&m, ext, 8, t.h.sent[0].buf, t.h.sent[0].len, &cp, NULL),
                   (mipfb_ssize)t.h.sent[0].len);
  ck_assert_uint_eq(m.code, cp.mip4_code_mtunnel_denied_ha);
  /* EnableMultipleTunnelSupport = 0 */
  ck_assert_int_eq(mipfb_ha4_set_multiple_tunnel_support(t.ha, 0), 0);
  rq_init(&r, &t, T_HOA, T_COA1, 600);
  rq_mt(&r, 1, 0, 0);
  ck_assert_int_eq(rq_send_cp(&t, &r, &cp), cp.mip4_code_mtunnel_denied_ha);
  ck_assert_uint_eq(mipfb_ha4_node_count(t.ha), 0);
  ha4t_free(&t);
}
END_TEST

/* ---- 6. multipath authorization ---- */

START_TEST(rfc7629_5_2_multipath_not_allowed_152) {
  ha4t t;
  rq r;
  mipfb_mip4_msg m;
  mipfb_mip4_ext ext[8];
  ha4t_init(&t, NULL);
  rq_init(&r, &t, T_HOA, T_COA1, 600);
  r.spi = T_SPI_NOMP;
  rq_mp(&r, 1, 1, 1, 0, 0);
  ck_assert_int_eq(rq_send(&t, &r), 152);
  last_reply(&t, &m, ext, 8);
  ck_assert_uint_eq(m.code, 152);
  ck_assert_uint_eq(mipfb_ha4_node_count(t.ha), 0);
  /* authorized node, EnableMultipleTunnelSupport = 0 */
  ck_assert_int_eq(mipfb_ha4_set_multiple_tunnel_support(t.ha, 0), 0);
  rq_init(&r, &t, T_HOA, T_COA1, 600);
  rq_mp(&r, 1, 1, 1, 0, 0);
  ck_assert_int_eq(rq_send(&t, &r), 152);
  /* without the extension the same node registers */
  rq_init(&r, &t, T_HOA, T_COA1, 600);
  ck_assert_int_eq(rq_send(&t, &r), 0);
  ck_assert_int_eq(mipfb_ha4_set_multiple_tunnel_support(t.ha, 1), 0);
  rq_init(&r, &t, T_HOA, T_COA1, 600);
  rq_mp(&r, 1, 1, 1, 0, 0);
  ck_assert_int_eq(rq_send(&t, &r), 0);
  ha4t_free(&t);
}
END_TEST

/* ---- 7. plan ---- */

START_TEST(rfc7629_5_2_unknown_fb_bid_153) {
  ha4t t;
  rq r;
  snap a, b;
  uint8_t bids[2] = {1, 2};
  mipfb_ts ts = ts_proto_dport(17, 5060);
  ha4t_init(&t, NULL);
  reg_mp(&t, 1, T_COA1);
  snap_take(&t, T_HOA, &a);
  fake_host_clear(&t.h);
  rq_init(&r, &t, T_HOA, T_COA1, 600);
  rq_mp(&r, 1, 1, 1, 0, 0);
  rq_fb(&r, MIPFB_ACTION_FORWARD, bids, 2, &ts); /* BID 2 is not registered */
  ck_assert_int_eq(rq_send(&t, &r), 153);
  ck_assert_uint_eq(t.h.n_tun + t.h.n_flow, 0);
  snap_take(&t, T_HOA, &b);
  snap_same(&a, &b);
  /* the BID the request itself registers counts */
  rq_init(&r, &t, T_HOA, T_COA2, 600);
  rq_mp(&r, 2, 1, 2, 0, 0);
  rq_fb(&r, MIPFB_ACTION_FORWARD, bids, 2, &ts);
  ck_assert_int_eq(rq_send(&t, &r), 0);
  ck_assert_uint_eq(mipfb_ha4_rules(t.ha, T_HOA, NULL, 0), 1);
  ha4t_free(&t);
}
END_TEST

START_TEST(rfc5944_3_8_3_too_many_bindings_135) {
  ha4t t;
  rq r;
  mipfb_ha4_config c;
  snap a, b;
  ha4t_config(&c);
  c.max_bindings_per_node = 2;
  ha4t_init(&t, &c);
  reg_mp(&t, 1, T_COA1);
  reg_mp(&t, 2, T_COA2);
  snap_take(&t, T_HOA, &a);
  rq_init(&r, &t, T_HOA, T_COA3, 600);
  rq_mp(&r, 3, 1, 3, 0, 0);
  ck_assert_int_eq(rq_send(&t, &r), 135);
  snap_take(&t, T_HOA, &b);
  snap_same(&a, &b);
  /* updating a registered BID is fine */
  rq_init(&r, &t, T_HOA, T_COA3, 600);
  rq_mp(&r, 2, 1, 3, 0, 0);
  ck_assert_int_eq(rq_send(&t, &r), 0);
  ha4t_free(&t);
}
END_TEST

START_TEST(rfc5944_3_8_3_binding_pool_full_130) {
  ha4t t;
  rq r;
  mipfb_ha4_config c;
  ha4t_config(&c);
  c.max_bindings = 2;
  ha4t_init(&t, &c);
  reg_mp(&t, 1, T_COA1);
  reg_mp(&t, 2, T_COA2);
  rq_init(&r, &t, T_HOA2, T_COA3, 600);
  ck_assert_int_eq(rq_send(&t, &r), 130);
  ck_assert_uint_eq(mipfb_ha4_node_count(t.ha), 1);
  /* O = 1 frees a binding first: fits */
  rq_init(&r, &t, T_HOA, T_COA3, 600);
  rq_mp(&r, 3, 1, 3, 0, 1);
  ck_assert_int_eq(rq_send(&t, &r), 0);
  ck_assert_uint_eq(mipfb_ha4_binding_count(t.ha), 1);
  rq_init(&r, &t, T_HOA2, T_COA3, 600);
  ck_assert_int_eq(rq_send(&t, &r), 0);
  ha4t_free(&t);
}
END_TEST

START_TEST(rfc5944_3_8_3_rule_pool_full_130) {
  ha4t t;
  rq r;
  mipfb_ha4_config c;
  uint8_t bid = 1;
  mipfb_ts ts = ts_proto_dport(6, 80);
  ha4t_config(&c);
  c.max_rules = 2;
  c.max_rules_per_node = 4;
  ha4t_init(&t, &c);
  rq_init(&r, &t, T_HOA, T_COA1, 600);
  rq_mp(&r, 1, 1, 1, 0, 0);
  rq_fb(&r, MIPFB_ACTION_FORWARD, &bid, 1, &ts);
  rq_fb(&r, MIPFB_ACTION_FORWARD, &bid, 1, &ts);
  rq_fb(&r, MIPFB_ACTION_FORWARD, &bid, 1, &ts);
  ck_assert_int_eq(rq_send(&t, &r), 130);
  ck_assert_uint_eq(mipfb_ha4_node_count(t.ha), 0);
  /* more rules than max_rules_per_node */
  c.max_rules = 64;
  c.max_rules_per_node = 1;
  ha4t_free(&t);
  ha4t_init(&t, &c);
  rq_init(&r, &t, T_HOA, T_COA1, 600);
  rq_mp(&r, 1, 1, 1, 0, 0);
  rq_fb(&r, MIPFB_ACTION_FORWARD, &bid, 1, &ts);
  rq_fb(&r, MIPFB_ACTION_DROP, NULL, 0, &ts);
  ck_assert_int_eq(rq_send(&t, &r), 130);
  ha4t_free(&t);
}
END_TEST

/* A selector longer than ts_max_len octets: 130. */
START_TEST(ha4_selector_over_ts_max_len_130) {
  ha4t t;
  rq r;
  mipfb_ha4_config c;
  uint8_t bid = 1;
  mipfb_ts ts = ts_proto_dport(6, 80); /* 4 + 2 + 1 octets */
  ha4t_config(&c);
  c.ts_max_len = 6;
  ha4t_init(&t, &c);
  rq_init(&r, &t, T_HOA, T_COA1, 600);
  rq_mp(&r, 1, 1, 1, 0, 0);
  rq_fb(&r, MIPFB_ACTION_FORWARD, &bid, 1, &ts);
  ck_assert_int_eq(rq_send(&t, &r), 130);
  ha4t_free(&t);
}
END_TEST

/* ---- 8. apply: hook failure undoes the request ---- */

START_TEST(ha4_tunnel_hook_failure_rolls_back) {
  ha4t t;
  rq r;
  snap a, b;
  mipfb_mip4_msg m;
  mipfb_mip4_ext ext[8];
  uint8_t bids[1] = {1};
  mipfb_ts ts = ts_proto_dport(6, 80);
  ha4t_init(&t, NULL);
  reg_mp(&t, 1, T_COA1);
  reg_mp(&t, 2, T_COA2);
  snap_take(&t, T_HOA, &a);
  fake_host_clear(&t.h);
  /* O = 1 for BID 3: REMOVE 1, REMOVE 2, ADD 3 (fails) */
  rq_init(&r, &t, T_HOA, T_COA3, 600);
  rq_mp(&r, 3, 1, 3, 0, 1);
  t.h.fail_tunnel = 3;
  ck_assert_int_eq(rq_send(&t, &r), MIPFB_ERR_HOOK);
  ck_assert_uint_eq(t.h.n_tun, 4); /* REMOVE 1, REMOVE 2, then ADD 2, ADD 1 */
  ck_assert_uint_eq(t.h.tun[0].op, MIPFB_TUNNEL_REMOVE);
  ck_assert_uint_eq(t.h.tun[0].bid, 1);
  ck_assert_uint_eq(t.h.tun[1].op, MIPFB_TUNNEL_REMOVE);
  ck_assert_uint_eq(t.h.tun[1].bid, 2);
  ck_assert_uint_eq(t.h.tun[2].op, MIPFB_TUNNEL_ADD);
  ck_assert_uint_eq(t.h.tun[2].bid, 2);
  ck_assert_uint_eq(mipfb_addr_ipv4_value(&t.h.tun[2].remote), T_COA2);
  ck_assert_uint_eq(t.h.tun[3].op, MIPFB_TUNNEL_ADD);
  ck_assert_uint_eq(t.h.tun[3].bid, 1);
  last_reply(&t, &m, ext, 8);
  ck_assert_uint_eq(m.code, 130);
  snap_take(&t, T_HOA, &b);
  snap_same(&a, &b);
  /* a flow hook failure after a tunnel CHANGE */
  fake_host_clear(&t.h);
  rq_init(&r, &t, T_HOA, T_COA3, 600);
  rq_mp(&r, 1, 1, 1, 0, 0);
  rq_fb(&r, MIPFB_ACTION_FORWARD, bids, 1, &ts);
  t.h.fail_flow = 1;
  ck_assert_int_eq(rq_send(&t, &r), MIPFB_ERR_HOOK);
  ck_assert_uint_eq(t.h.n_tun, 2);
  ck_assert_uint_eq(t.h.tun[0].op, MIPFB_TUNNEL_CHANGE);
  ck_assert_uint_eq(mipfb_addr_ipv4_value(&t.h.tun[0].remote), T_COA3);
  ck_assert_uint_eq(t.h.tun[1].op, MIPFB_TUNNEL_CHANGE);
  ck_assert_uint_eq(mipfb_addr_ipv4_value(&t.h.tun[1].remote), T_COA1);
  snap_take(&t, T_HOA, &b);
  snap_same(&a, &b);
  ha4t_free(&t);
}
END_TEST

START_TEST(ha4_hook_failure_new_node_not_kept) {
  ha4t t;
  rq r;
  ha4t_init(&t, NULL);
  rq_init(&r, &t, T_HOA, T_COA1, 600);
  t.h.fail_tunnel = 1;
  ck_assert_int_eq(rq_send(&t, &r), MIPFB_ERR_HOOK);
  ck_assert_uint_eq(mipfb_ha4_node_count(t.ha), 0);
  ck_assert_uint_eq(mipfb_ha4_binding_count(t.ha), 0);
  ck_assert_uint_eq(t.h.deadline, MIPFB_NO_DEADLINE);
  /* the same request again is accepted (no last Identification was kept) */
  ck_assert_int_eq(ha4t_input_raw(&t, r.buf, r.len), 0);
  ha4t_free(&t);
}
END_TEST

START_TEST(ha4_send_failure_keeps_state) {
  ha4t t;
  rq r;
  ha4t_init(&t, NULL);
  rq_init(&r, &t, T_HOA, T_COA1, 600);
  t.h.fail_send = 1;
  ck_assert_int_eq(rq_send(&t, &r), MIPFB_ERR_HOOK);
  ck_assert_uint_eq(mipfb_ha4_binding_count(t.ha), 1);
  ck_assert_int_eq(fake_host_tunnel_alive(&t.h, T_HOA, 0), 1);
  ha4t_free(&t);
}
END_TEST

/* ---- 9. reply ---- */

START_TEST(rfc5944_3_8_3_reply_contents) {
  ha4t t;
  rq r;
  mipfb_mip4_msg m;
  mipfb_mip4_ext ext[8];
  mipfb_ha4_binding b;
  ha4t_init(&t, NULL);
  rq_init(&r, &t, T_HOA, T_COA1, 5000); /* above max_lifetime 1800 */
  r.m.flags = MIPFB_MIP4_FLAG_T | MIPFB_MIP4_FLAG_G;
  ck_assert_int_eq(rq_send(&t, &r), 0);
  last_reply(&t, &m, ext, 8);
  ck_assert_uint_eq(m.code, 0);
  ck_assert_uint_eq(m.lifetime, 1800);
  ck_assert_uint_eq(m.id, r.m.id);
  ck_assert_uint_eq(m.hoa, T_HOA);
  ck_assert_uint_eq(m.ha, T_HA);
  ck_assert_uint_eq(m.n_ext, 1);
  ck_assert_uint_eq(m.ext[0].u.auth.spi, T_SPI);
  /* to the request's source, from where it was sent to */
  ck_assert_uint_eq(mipfb_addr_ipv4_value(&t.h.sent[0].to.dst), T_COA1);
  ck_assert_uint_eq(mipfb_addr_ipv4_value(&t.h.sent[0].to.src), T_HA);
  ck_assert_uint_eq(t.h.sent[0].to.dport, 4434);
  ck_assert_uint_eq(t.h.sent[0].to.sport, MIPFB_MIP4_PORT);
  ck_assert_uint_eq(t.h.sent[0].to.ifindex, 7);
  /* the tunnel */
  ck_assert_uint_eq(t.h.n_tun, 1);
  ck_assert_uint_eq(t.h.tun[0].op, MIPFB_TUNNEL_ADD);
  ck_assert_uint_eq(t.h.tun[0].role, MIPFB_ROLE_HA4);
  ck_assert_uint_eq(t.h.tun[0].encap, MIPFB_ENCAP_GRE);
  ck_assert_uint_eq(t.h.tun[0].reverse, 1);
  ck_assert_uint_eq(t.h.tun[0].lifetime_s, 1800);
  ck_assert_uint_eq(mipfb_addr_ipv4_value(&t.h.tun[0].local), T_HA);
  ck_assert_int_eq(mipfb_ha4_binding_get(t.ha, T_HOA, 0, t.now, &b), 0);
  ck_assert_uint_eq(b.lifetime_s, 1800);
  ck_assert_uint_ge(b.remaining_ms, 1800000u);
  ck_assert_uint_lt(b.remaining_ms, 1801000u);
  ha4t_free(&t);
}
END_TEST

START_TEST(rfc5944_3_8_3_s_flag_without_multipath_code_1) {
  ha4t t;
  rq r;
  ha4t_init(&t, NULL);
  rq_init(&r, &t, T_HOA, T_COA1, 600);
  ck_assert_int_eq(rq_send(&t, &r), 0);
  rq_init(&r, &t, T_HOA, T_COA2, 600);
  r.m.flags = MIPFB_MIP4_FLAG_S;
  ck_assert_int_eq(rq_send(&t, &r), 1);
  /* replaced, as with S = 0 */
  ck_assert_uint_eq(mipfb_ha4_bindings(t.ha, T_HOA, t.now, NULL, 0), 1);
  ha4t_free(&t);
}
END_TEST

START_TEST(rfc7629_4_2_reply_carries_whole_policy) {
  ha4t t;
  rq r;
  mipfb_mip4_msg m;
  mipfb_mip4_ext ext[8];
  uint8_t bids[2] = {2, 1};
  mipfb_ts sip = ts_proto_dport(17, 5060), http = ts_proto_dport(6, 80);
  ha4t_init(&t, NULL);
  reg_mp(&t, 1, T_COA1);
  rq_init(&r, &t, T_HOA, T_COA2, 600);
  rq_mp(&r, 2, 1, 2, 0, 0);
  rq_fb(&r, MIPFB_ACTION_FORWARD, bids, 2, &sip);
  rq_fb(&r, MIPFB_ACTION_DROP, NULL, 0, &http);
  ck_assert_int_eq(rq_send(&t, &r), 0);
  last_reply(&t, &m, ext, 8);
  ck_assert_uint_eq(m.n_ext, 3);
  ck_assert_int_eq(m.ext[0].kind, MIPFB_MIP4_EXT_FLOW_BINDING);
  ck_assert_uint_eq(m.ext[0].u.flow_binding.bid_count, 2);
  ck_assert_uint_eq(m.ext[0].u.flow_binding.bids[0], 2);
  ck_assert_uint_eq(m.ext[0].u.flow_binding.bids[1], 1);
  ck_assert_uint_eq(m.ext[0].u.flow_binding.ts.dport_start, 5060);
  ck_assert_int_eq(m.ext[1].kind, MIPFB_MIP4_EXT_FLOW_BINDING);
  ck_assert_uint_eq(m.ext[1].u.flow_binding.action, MIPFB_ACTION_DROP);
  ck_assert_int_eq(m.ext[2].kind, MIPFB_MIP4_EXT_MN_HA_AUTH);
  /* flow hook: INSTALL ids 1 and 2 */
  ck_assert_uint_eq(t.h.n_flow, 2);
  ck_assert_uint_eq(t.h.flow[0].ev.op, MIPFB_FLOW_INSTALL);
  ck_assert_uint_eq(t.h.flow[0].rule.id, 1);
  ck_assert_uint_eq(t.h.flow[1].rule.id, 2);
  ck_assert_uint_eq(t.h.flow[1].ev.order, 1);
  /* a refresh without Flow-Binding extensions keeps the policy, no echo */
  fake_host_clear(&t.h);
  reg_mp(&t, 1, T_COA1);
  last_reply(&t, &m, ext, 8);
  ck_assert_uint_eq(m.n_ext, 1);
  ck_assert_uint_eq(mipfb_ha4_rules(t.ha, T_HOA, NULL, 0), 2);
  ck_assert_uint_eq(t.h.n_flow, 0);
  ha4t_free(&t);
}
END_TEST

/* RFC 2794: a request naming the node by NAI only gets the home address
   the security association assigns, and the NAI back. */
START_TEST(rfc2794_nai_only_request) {
  ha4t t;
  rq r;
  mipfb_ha4_config c;
  mipfb_mip4_msg m;
  mipfb_mip4_ext ext[8];
  ha4t_config(&c);
  c.max_nai_len = 64;
  ha4t_init(&t, &c);
  t.h.n_keys = 0;
  fake_host_add_key(&t.h, T_SPI, 0, T_KEY, 1);
  t.h.keys[0].assign = mipfb_addr_ipv4(T_HOA2);
  rq_init(&r, &t, 0, T_COA1, 600);
  rq_nai(&r, "mn@example.com");
  ck_assert_int_eq(rq_send(&t, &r), 0);
  last_reply(&t, &m, ext, 8);
  ck_assert_uint_eq(m.hoa, T_HOA2);
  ck_assert_ptr_nonnull(mipfb_mip4_find(&m, MIPFB_MIP4_EXT_NAI));
  ck_assert_uint_eq(mipfb_ha4_bindings(t.ha, T_HOA2, t.now, NULL, 0), 1);
  /* found again by its NAI (the association no longer assigns anything) */
  t.h.keys[0].assign.family = 0;
  rq_init(&r, &t, 0, T_COA2, 600);
  rq_nai(&r, "mn@example.com");
  ck_assert_int_eq(rq_send(&t, &r), 0);
  last_reply(&t, &m, ext, 8);
  ck_assert_uint_eq(m.hoa, T_HOA2);
  ck_assert_uint_eq(mipfb_ha4_node_count(t.ha), 1);
  /* unknown NAI, nothing to assign: 130; no NAI and no address: 134 */
  rq_init(&r, &t, 0, T_COA2, 600);
  rq_nai(&r, "other@example.com");
  ck_assert_int_eq(rq_send(&t, &r), 130);
  rq_init(&r, &t, 0, T_COA2, 600);
  ck_assert_int_eq(rq_send(&t, &r), 134);
  ha4t_free(&t);
}
END_TEST

/* More extensions than the agent's work area (max_rules_per_node + 16):
   the codec cannot decode it, the authentication verifies: 130. */
START_TEST(ha4_too_many_extensions_130) {
  ha4t t;
  rq r;
  mipfb_ha4_config c;
  unsigned i;
  uint8_t bid = 1;
  mipfb_ts ts = ts_proto_dport(6, 80);
  ha4t_config(&c);
  c.max_rules_per_node = 1;
  ha4t_init(&t, &c);
  rq_init(&r, &t, T_HOA, T_COA1, 600);
  rq_mp(&r, 1, 1, 1, 0, 0);
  for (i = 0; i < 20; i++) {
    rq_fb(&r, MIPFB_ACTION_FORWARD, &bid, 1, &ts);
  }
  ck_assert_int_eq(rq_send(&t, &r), 130);
  ck_assert_uint_eq(mipfb_ha4_node_count(t.ha), 0);
  ha4t_free(&t);
}
END_TEST

/* The node pool full, emptied, filled again: hash chains stay right. */
START_TEST(ha4_node_pool_churn) {
  ha4t t;
  rq r;
  unsigned i, round;
  ha4t_init(&t, NULL); /* 16 nodes */
  for (round = 0; round < 3; round++) {
    for (i = 0; i < 16; i++) {
      rq_init(&r, &t, T_HOA + i * 16u, T_COA1, 600);
      ck_assert_int_eq(rq_send(&t, &r), 0);
    }
    rq_init(&r, &t, T_HOA + 999u, T_COA1, 600);
    ck_assert_int_eq(rq_send(&t, &r), 130); /* no node record left */
    for (i = 0; i < 16; i += 2) {
      mipfb_ha4_binding b;
      ck_assert_int_eq(mipfb_ha4_binding_get(t.ha, T_HOA + i * 16u, 0, t.now, &b), 0);
      rq_init(&r, &t, T_HOA + i * 16u, T_HOA + i * 16u, 0);
      ck_assert_int_eq(rq_send(&t, &r), 0);
    }
    t.now += 20000; /* past the replay window: idle records freed */
    ck_assert_int_eq(mipfb_ha4_timeout(t.ha, t.now), 0);
    ck_assert_uint_eq(mipfb_ha4_node_count(t.ha), 8);
    for (i = 1; i < 16; i += 2) {
      mipfb_ha4_node n;
      ck_assert_int_eq(mipfb_ha4_node_info(t.ha, T_HOA + i * 16u, &n), 0);
      ck_assert_uint_eq(n.n_bindings, 1);
      rq_init(&r, &t, T_HOA + i * 16u, T_HOA + i * 16u, 0);
      ck_assert_int_eq(rq_send(&t, &r), 0);
    }
    t.now += 20000;
    ck_assert_int_eq(mipfb_ha4_timeout(t.ha, t.now), 0);
    ck_assert_uint_eq(mipfb_ha4_node_count(t.ha), 0);
  }
  ha4t_free(&t);
}
END_TEST

/* Bindings already due are expired before a request is processed, also
   when the host did not call mipfb_ha4_timeout. */
START_TEST(ha4_input_expires_due_bindings_first) {
  ha4t t;
  rq r;
  ha4t_init(&t, NULL);
  rq_init(&r, &t, T_HOA, T_COA1, 5);
  ck_assert_int_eq(rq_send(&t, &r), 0);
  t.now += 6000;
  fake_host_clear(&t.h);
  rq_init(&r, &t, T_HOA2, T_COA2, 600);
  ck_assert_int_eq(rq_send(&t, &r), 0);
  ck_assert_uint_eq(t.h.n_tun, 2);
  ck_assert_uint_eq(t.h.tun[0].op, MIPFB_TUNNEL_REMOVE);
  ck_assert_uint_eq(mipfb_addr_ipv4_value(&t.h.tun[0].hoa), T_HOA);
  ck_assert_uint_eq(t.h.tun[1].op, MIPFB_TUNNEL_ADD);
  ck_assert_uint_eq(mipfb_ha4_binding_count(t.ha), 1);
  ha4t_free(&t);
}
END_TEST

/* agent.h: the host-order IPv4 number <-> mipfb_addr helpers the agents'
   calls and hooks are used with. */
START_TEST(agent_addr_ipv4_round_trip) {
  mipfb_addr a = mipfb_addr_ipv4(0xc0000201u), b;
  static const uint8_t want[16] = {192, 0, 2, 1};
  ck_assert_uint_eq(a.family, MIPFB_AF_INET4);
  ck_assert_mem_eq(a.bytes, want, 16);
  ck_assert_uint_eq(mipfb_addr_ipv4_value(&a), 0xc0000201u);
  memset(&b, 0, sizeof b);
  b.family = MIPFB_AF_INET6;
  b.bytes[0] = 0x20;
  ck_assert_uint_eq(mipfb_addr_ipv4_value(&b), 0); /* not IPv4 */
}
END_TEST

Suite *mipfb_ha4_suite(void) {
  Suite *s = suite_create("ha4");
  TCase *tc = tcase_create("request");
  tcase_add_test(tc, agent_addr_ipv4_round_trip);
  tcase_add_test(tc, ha4_config_ranges_checked);
  tcase_add_test(tc, ha4_init_errors);
  tcase_add_test(tc, rfc5944_3_6_1_1_truncated_discarded);
  tcase_add_test(tc, rfc5944_1_9_unknown_nonskippable_discarded);
  tcase_add_test(tc, rfc5944_3_8_2_reply_message_discarded);
  tcase_add_test(tc, rfc7629_4_1_poorly_formed_134_when_auth_verifies);
  tcase_add_test(tc, rfc5944_3_8_2_1_no_mn_ha_auth_discarded);
  tcase_add_test(tc, rfc5944_3_8_2_1_no_security_association_discarded);
  tcase_add_test(tc, rfc5944_3_8_2_1_bad_authenticator_131);
  tcase_add_test(tc, rfc5944_3_8_2_1_unknown_ha_address_136);
  tcase_add_test(tc, rfc5944_5_7_timestamp_outside_window_133);
  tcase_add_test(tc, rfc5944_5_7_replayed_accepted_request_133);
  tcase_add_test(tc, ha4_node_record_kept_for_replay_window);
  tcase_add_test(tc, rfc5944_3_8_2_3_zero_coa_with_lifetime_134);
  tcase_add_test(tc, rfc5944_3_8_2_3_reserved_bits_strict_134);
  tcase_add_test(tc, draft02_multipath_and_mtunnel_together_134);
  tcase_add_test(tc, draft02_5_3_mtunnel_denied_code);
  tcase_add_test(tc, rfc7629_5_2_multipath_not_allowed_152);
  tcase_add_test(tc, rfc7629_5_2_unknown_fb_bid_153);
  tcase_add_test(tc, rfc5944_3_8_3_too_many_bindings_135);
  tcase_add_test(tc, rfc5944_3_8_3_binding_pool_full_130);
  tcase_add_test(tc, rfc5944_3_8_3_rule_pool_full_130);
  tcase_add_test(tc, ha4_selector_over_ts_max_len_130);
  tcase_add_test(tc, ha4_tunnel_hook_failure_rolls_back);
  tcase_add_test(tc, ha4_hook_failure_new_node_not_kept);
  tcase_add_test(tc, ha4_send_failure_keeps_state);
  tcase_add_test(tc, rfc5944_3_8_3_reply_contents);
  tcase_add_test(tc, rfc5944_3_8_3_s_flag_without_multipath_code_1);
  tcase_add_test(tc, rfc7629_4_2_reply_carries_whole_policy);
  tcase_add_test(tc, rfc2794_nai_only_request);
  tcase_add_test(tc, ha4_too_many_extensions_130);
  tcase_add_test(tc, ha4_node_pool_churn);
  tcase_add_test(tc, ha4_input_expires_due_bindings_first);
  suite_add_tcase(s, tc);
  suite_add_tcase(s, ha4_binding_tcase());
  suite_add_tcase(s, ha4_expiry_tcase());
  suite_add_tcase(s, ha4_classify_tcase());
  suite_add_tcase(s, ha4_image_tcase());
  return s;
}
