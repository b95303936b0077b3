/* Helpers of the MIPv4 home agent suites (see ha4_util.h). */
#include "ha4_util.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

const uint8_t T_KEY[16] = {0x6b, 0x65, 0x79, 0x2d, 0x6f, 0x66, 0x2d, 0x74,
                           0x68, 0x65, 0x2d, 0x6e, 0x6f, 0x64, 0x65, 0x21};

void ha4t_config(mipfb_ha4_config *cfg) {
  mipfb_ha4_config_default(cfg);
  cfg->ha_addr = T_HA;
  cfg->max_nodes = 16;
  cfg->max_bindings = 32;
  cfg->max_rules = 64;
}

void ha4t_init(ha4t *t, const mipfb_ha4_config *cfg) {
  size_t need;
  memset(t, 0, sizeof *t);
  if (cfg != NULL) {
    t->cfg = *cfg;
  } else {
    ha4t_config(&t->cfg);
  }
  fake_host_init(&t->h);
  fake_host_add_key(&t->h, T_SPI, 0, T_KEY, 1);
  fake_host_add_key(&t->h, T_SPI_NOMP, 0, T_KEY, 0);
  need = mipfb_ha4_mem_size(&t->cfg);
  ck_assert_uint_gt(need, 0);
  t->mem = malloc(need);
  ck_assert_ptr_nonnull(t->mem);
  t->now = 1000000;
  ck_assert_int_eq(mipfb_ha4_init(&t->ha, t->mem, need, &t->cfg, &FAKE_HOOKS, &t->h, t->now), 0);
}

void ha4t_free(ha4t *t) {
  free(t->mem);
  t->mem = NULL;
}

uint64_t ha4t_id(ha4t *t) { return fake_host_ntp(&t->h, t->now) + ++t->seq; }

void rq_init(rq *r, ha4t *t, uint32_t hoa, uint32_t coa, uint16_t lifetime) {
  memset(r, 0, sizeof *r);
  r->m.type = MIPFB_MIP4_RRQ;
  r->m.lifetime = lifetime;
  r->m.hoa = hoa;
  r->m.ha = T_HA;
  r->m.coa = coa;
  r->m.id = ha4t_id(t);
  r->m.ext = r->ext;
  r->spi = T_SPI;
  mipfb_hmac_md5_key_init(&r->key, T_KEY, sizeof T_KEY);
}

static mipfb_mip4_ext *add(rq *r, mipfb_mip4_ext_kind kind) {
  mipfb_mip4_ext *e;
  ck_assert_uint_lt(r->m.n_ext, T_MAX_EXT - 1);
  e = &r->ext[r->m.n_ext++];
  memset(e, 0, sizeof *e);
  e->kind = kind;
  return e;
}

void rq_mp(rq *r, uint8_t bid, uint8_t if_att, uint8_t if_label, int b, int o) {
  mipfb_mip4_ext *e = add(r, MIPFB_MIP4_EXT_MULTIPATH);
  e->u.multipath.bid = bid;
  e->u.multipath.if_att = if_att;
  e->u.multipath.if_label = if_label;
  e->u.multipath.b = (uint8_t)b;
  e->u.multipath.o = (uint8_t)o;
}

void rq_fb(rq *r, int action, const uint8_t *bids, unsigned n, const mipfb_ts *ts) {
  mipfb_mip4_ext *e = add(r, MIPFB_MIP4_EXT_FLOW_BINDING);
  e->u.flow_binding.action = (uint8_t)action;
  if (action == MIPFB_ACTION_DROP) {
    e->u.flow_binding.bid_count = 1;
    e->u.flow_binding.bids[0] = 255;
  } else {
    e->u.flow_binding.bid_count = (uint8_t)n;
    memcpy(e->u.flow_binding.bids, bids, n);
  }
  e->u.flow_binding.ts = *ts;
}

void rq_nai(rq *r, const char *nai) {
  mipfb_mip4_ext *e = add(r, MIPFB_MIP4_EXT_NAI);
  e->u.nai.base = (const uint8_t *)nai;
  e->u.nai.len = strlen(nai);
}

size_t rq_encode(rq *r) {
  mipfb_ssize n;
  size_t n_ext = r->m.n_ext;
  if (!r->no_auth) {
    mipfb_mip4_ext *e = add(r, MIPFB_MIP4_EXT_MN_HA_AUTH);
    e->u.auth.spi = r->spi;
    e->u.auth.key = &r->key;
  }
  n = mipfb_mip4_encode(r->buf, sizeof r->buf, &r->m, NULL, NULL);
  r->m.n_ext = n_ext; /* the request may be changed and encoded again */
  ck_assert_int_gt(n, 0);
  r->len = (size_t)n;
  return r->len;
}

int ha4t_input_raw(ha4t *t, const uint8_t *msg, size_t len) {
  mipfb_pkt_info from;
  memset(&from, 0, sizeof from);
  from.ifindex = 7;
  from.src = mipfb_addr_ipv4(T_COA1);
  from.dst = mipfb_addr_ipv4(T_HA);
  from.sport = 4434;
  from.dport = MIPFB_MIP4_PORT;
  return mipfb_ha4_input(t->ha, t->now, msg, len, &from);
}

int rq_send(ha4t *t, rq *r) {
  rq_encode(r);
  return ha4t_input_raw(t, r->buf, r->len);
}

void resign(uint8_t *msg, size_t len, const mipfb_hmac_md5_key *key) {
  ck_assert_uint_ge(len, 24 + 22);
  mipfb_hmac_md5(key, msg, len - 16, msg + len - 16);
}

void last_reply(const ha4t *t, mipfb_mip4_msg *m, mipfb_mip4_ext *ext, size_t cap) {
  const fake_sent *s;
  const mipfb_mip4_ext *a;
  mipfb_hmac_md5_key key;
  ck_assert_uint_gt(t->h.n_sent, 0);
  ck_assert_uint_le(t->h.n_sent, FAKE_MAX_SENT);
  s = &t->h.sent[t->h.n_sent - 1];
  ck_assert_int_eq(mipfb_mip4_decode(m, ext, cap, s->buf, s->len, NULL, NULL), (mipfb_ssize)s->len);
  ck_assert_uint_eq(m->type, MIPFB_MIP4_RRP);
  a = mipfb_mip4_find(m, MIPFB_MIP4_EXT_MN_HA_AUTH);
  ck_assert_ptr_nonnull(a);
  mipfb_hmac_md5_key_init(&key, T_KEY, sizeof T_KEY);
  ck_assert_int_eq(mipfb_mip4_auth_verify(s->buf, s->len, a, &key), 0);
}

mipfb_ts ts_proto_dport(uint8_t proto, uint16_t dport) {
  mipfb_ts ts;
  memset(&ts, 0, sizeof ts);
  ts.format = MIPFB_TS_FORMAT_IPV4;
  ts.fields = MIPFB_TS_PROTO_START | MIPFB_TS_DPORT_START;
  ts.proto_start = proto;
  ts.dport_start = dport;
  return ts;
}

void snap_take(const ha4t *t, uint32_t hoa, snap *s) {
  memset(s, 0, sizeof *s);
  s->found = mipfb_ha4_node_info(t->ha, hoa, &s->node) == 0;
  s->n_b = mipfb_ha4_bindings(t->ha, hoa, t->now, s->b, 16);
  s->n_r = mipfb_ha4_rules(t->ha, hoa, s->r, 16);
  s->nodes = mipfb_ha4_node_count(t->ha);
  s->binds = mipfb_ha4_binding_count(t->ha);
  s->rules = mipfb_ha4_rule_count(t->ha);
}

void snap_same(const snap *a, const snap *b) {
  ck_assert_int_eq(a->found, b->found);
  ck_assert_mem_eq(&a->node, &b->node, sizeof a->node);
  ck_assert_uint_eq(a->n_b, b->n_b);
  ck_assert_uint_eq(a->n_r, b->n_r);
  ck_assert_mem_eq(a->b, b->b, sizeof a->b);
  ck_assert_mem_eq(a->r, b->r, sizeof a->r);
  ck_assert_uint_eq(a->nodes, b->nodes);
  ck_assert_uint_eq(a->binds, b->binds);
  ck_assert_uint_eq(a->rules, b->rules);
}

mipfb_flow_key key4(uint32_t src, uint32_t dst, uint8_t proto, uint16_t sport, uint16_t dport) {
  mipfb_flow_key k;
  memset(&k, 0, sizeof k);
  k.family = MIPFB_AF_INET4;
  k.has = MIPFB_FLOW_PORTS;
  k.proto = proto;
  k.src[0] = (uint8_t)(src >> 24);
  k.src[1] = (uint8_t)(src >> 16);
  k.src[2] = (uint8_t)(src >> 8);
  k.src[3] = (uint8_t)src;
  k.dst[0] = (uint8_t)(dst >> 24);
  k.dst[1] = (uint8_t)(dst >> 16);
  k.dst[2] = (uint8_t)(dst >> 8);
  k.dst[3] = (uint8_t)dst;
  k.sport = sport;
  k.dport = dport;
  return k;
}
