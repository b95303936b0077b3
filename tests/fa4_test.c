/* MIPv4 foreign agent (include/mipfb/fa4.h, doc/agents.md "Foreign
   agent"): RFC 5944 3.7 relaying, visitor list and expiry,
   draft-gundavelli-mip4-multiple-tunnel-support-02 5.2
   (EnableMultipleTunnelSupport), RFC 7629 binding rules seen from the
   foreign agent, hook failure atomicity. Messages are built with
   mipfb_mip4_encode; the host is tests/fake_host. */
#include <string.h>

#include <mipfb/mipfb.h>

#include "fake_host.h"
#include "test_helper.h"

#define FA_ADDR 0xc0000201u  /* 192.0.2.1, the care-of address */
#define FA_LINK 0xc0000202u  /* 192.0.2.2, another address of the agent */
#define HA_ADDR 0x0a000001u  /* 10.0.0.1 */
#define HOA 0x0a000002u      /* 10.0.0.2 */
#define HOA2 0x0a000003u     /* 10.0.0.3 */
#define MN_PORT 5000
#define IF_A 3
#define IF_B 4
#define SPI 0x100u

static fake_host host;
static mipfb_fa4 *fa;
static uint64_t mem[32768];
static mipfb_fa4_config cfg;
static mipfb_hmac_md5_key key;
static uint8_t rq[512], rp[512];
static size_t rq_len, rp_len;

/* The request's extras. */
typedef struct req {
  uint16_t lifetime;
  uint32_t hoa;
  uint32_t coa;
  uint64_t id;
  uint8_t flags;
  int mpath;    /* 1: Multipath extension */
  int mtunnel;  /* 1: Multiple Tunnel Request (draft profile) */
  uint16_t bid;
  uint8_t b, o;
  int nai;      /* 1: NAI extension */
} req;

static req req_default(void) {
  req r;
  memset(&r, 0, sizeof r);
  r.lifetime = 600;
  r.hoa = HOA;
  r.coa = FA_ADDR;
  r.id = 0xe8fe6f8000000001ull;
  return r;
}

static void cfg_default(void) {
  fake_host_init(&host);
  mipfb_fa4_config_default(&cfg);
  cfg.fa_addr = FA_ADDR;
  mipfb_hmac_md5_key_init(&key, (const uint8_t *)"0123456789abcdef", 16);
}

static void start(void) {
  size_t need = mipfb_fa4_mem_size(&cfg);
  ck_assert_uint_gt(need, 0);
  ck_assert_uint_le(need, sizeof mem);
  ck_assert_int_eq(mipfb_fa4_init(&fa, mem, sizeof mem, &cfg, &FAKE_HOOKS, &host, 0), 0);
}

static void setup(void) {
  cfg_default();
  start();
}

static size_t build_rrq(uint8_t *out, size_t cap, const req *r) {
  mipfb_mip4_msg m;
  mipfb_mip4_ext e[4];
  mipfb_ssize n;
  size_t k = 0;
  memset(&m, 0, sizeof m);
  memset(e, 0, sizeof e);
  m.type = MIPFB_MIP4_RRQ;
  m.flags = r->flags;
  m.lifetime = r->lifetime;
  m.hoa = r->hoa;
  m.ha = HA_ADDR;
  m.coa = r->coa;
  m.id = r->id;
  if (r->nai) {
    e[k].kind = MIPFB_MIP4_EXT_NAI;
    e[k].u.nai.base = (const uint8_t *)"mn@example.org";
    e[k].u.nai.len = 14;
    k++;
  }
  if (r->mpath) {
    e[k].kind = MIPFB_MIP4_EXT_MULTIPATH;
    e[k].u.multipath.if_att = 4;
    e[k].u.multipath.if_label = 1;
    e[k].u.multipath.bid = (uint8_t)r->bid;
    e[k].u.multipath.b = r->b;
    e[k].u.multipath.o = r->o;
    k++;
  }
  if (r->mtunnel) {
    e[k].kind = MIPFB_MIP4_EXT_MTUNNEL;
    e[k].u.mtunnel.if_type = 5;
    e[k].u.mtunnel.bid = r->bid;
    e[k].u.mtunnel.b = r->b;
    e[k].u.mtunnel.o = r->o;
    k++;
  }
  e[k].kind = MIPFB_MIP4_EXT_MN_HA_AUTH;
  e[k].u.auth.spi = SPI;
  e[k].u.auth.key = &key;
  k++;
  m.ext = e;
  m.n_ext = k;
  n = mipfb_mip4_encode(out, cap, &m, &cfg.cp, NULL);
  ck_assert_int_gt(n, 0);
  return (size_t)n;
}

static size_t build_rrp(uint8_t *out, size_t cap, uint8_t code, uint16_t lifetime, uint32_t hoa, uint64_t id) {
  mipfb_mip4_msg m;
  mipfb_mip4_ext e;
  mipfb_ssize n;
  memset(&m, 0, sizeof m);
  memset(&e, 0, sizeof e);
  m.type = MIPFB_MIP4_RRP;
  m.code = code;
  m.lifetime = lifetime;
  m.hoa = hoa;
  m.ha = HA_ADDR;
  m.id = id;
  e.kind = MIPFB_MIP4_EXT_MN_HA_AUTH;
  e.u.auth.spi = SPI;
  e.u.auth.key = &key;
  m.ext = &e;
  m.n_ext = 1;
  n = mipfb_mip4_encode(out, cap, &m, &cfg.cp, NULL);
  ck_assert_int_gt(n, 0);
  return (size_t)n;
}

static mipfb_pkt_info from_node(uint32_t ifindex, uint32_t src) {
  mipfb_pkt_info p;
  memset(&p, 0, sizeof p);
  p.ifindex = ifindex;
  p.src = mipfb_addr_ipv4(src);
  p.dst = mipfb_addr_ipv4(FA_ADDR);
  p.sport = MN_PORT;
  p.dport = MIPFB_MIP4_PORT;
  return p;
}

static mipfb_pkt_info from_ha(void) {
  mipfb_pkt_info p;
  memset(&p, 0, sizeof p);
  p.ifindex = 1;
  p.src = mipfb_addr_ipv4(HA_ADDR);
  p.dst = mipfb_addr_ipv4(FA_ADDR);
  p.sport = MIPFB_MIP4_PORT;
  p.dport = MIPFB_MIP4_PORT;
  return p;
}

/* Send request r from the node on ifindex; returns fa4_input's result. */
static int send_req(uint64_t now, const req *r, uint32_t ifindex) {
  mipfb_pkt_info f = from_node(ifindex, r->hoa != 0 ? r->hoa : 0);
  rq_len = build_rrq(rq, sizeof rq, r);
  return mipfb_fa4_input(fa, now, rq, rq_len, &f);
}

static int send_rep(uint64_t now, uint8_t code, uint16_t lifetime, uint32_t hoa, uint64_t id) {
  mipfb_pkt_info f = from_ha();
  rp_len = build_rrp(rp, sizeof rp, code, lifetime, hoa, id);
  return mipfb_fa4_input(fa, now, rp, rp_len, &f);
}

/* Register (request + accepted reply) and check both were relayed. */
static void reg(uint64_t now, const req *r, uint32_t ifindex, uint16_t granted) {
  ck_assert_int_eq(send_req(now, r, ifindex), 0);
  ck_assert_int_eq(send_rep(now, 0, granted, r->hoa, r->id), 0);
}

static const fake_sent *last_sent(void) {
  ck_assert_uint_gt(host.n_sent, 0);
  ck_assert_uint_le(host.n_sent, FAKE_MAX_SENT);
  return &host.sent[host.n_sent - 1];
}

/* The last message sent is a reply of the agent's own with this code. */
static void check_own_reply(uint8_t code, uint16_t lifetime, uint64_t id, uint32_t ifindex) {
  const fake_sent *s = last_sent();
  mipfb_mip4_msg m;
  mipfb_mip4_ext e[4];
  ck_assert_int_eq(mipfb_mip4_decode(&m, e, 4, s->buf, s->len, &cfg.cp, NULL), (mipfb_ssize)s->len);
  ck_assert_uint_eq(m.type, MIPFB_MIP4_RRP);
  ck_assert_uint_eq(m.code, code);
  ck_assert_uint_eq(m.lifetime, lifetime);
  ck_assert(m.id == id);
  ck_assert_uint_eq(m.ha, HA_ADDR);
  ck_assert_uint_eq(m.n_ext, 0); /* no MN-HA authentication: the FA has no key */
  ck_assert_uint_eq(s->to.ifindex, ifindex);
  ck_assert_uint_eq(mipfb_addr_ipv4_value(&s->to.src), FA_ADDR);
  ck_assert_uint_eq(s->to.sport, MIPFB_MIP4_PORT);
  ck_assert_uint_eq(s->to.dport, MN_PORT);
}

/* ---- RFC 5944 3.7: relaying ---- */

/* RFC 5944 3.7.2.3 / agents.md: the request goes to its home agent, same
   octets, UDP 434 -> 434 from the FA address; nothing else happens yet. */
START_TEST(test_fa4_rfc5944_3_7_2_relay_request_unchanged) {
  req r = req_default();
  const fake_sent *s;
  ck_assert_int_eq(send_req(100, &r, IF_A), 0);
  ck_assert_uint_eq(host.n_sent, 1);
  s = &host.sent[0];
  ck_assert_uint_eq(s->len, rq_len);
  ck_assert(memcmp(s->buf, rq, rq_len) == 0);
  ck_assert_uint_eq(mipfb_addr_ipv4_value(&s->to.dst), HA_ADDR);
  ck_assert_uint_eq(mipfb_addr_ipv4_value(&s->to.src), FA_ADDR);
  ck_assert_uint_eq(s->to.dport, MIPFB_MIP4_PORT);
  ck_assert_uint_eq(s->to.sport, MIPFB_MIP4_PORT);
  ck_assert_uint_eq(s->to.ifindex, 0);
  ck_assert_uint_eq(mipfb_fa4_pending_count(fa), 1);
  ck_assert_uint_eq(mipfb_fa4_visitor_count(fa), 0);
  ck_assert_uint_eq(host.n_tun, 0);
  /* the pending entry has a deadline */
  ck_assert(mipfb_fa4_next_deadline(fa) == 100 + MIPFB_FA4_PENDING_TIMEOUT_MS);
  ck_assert(host.deadline == 100 + MIPFB_FA4_PENDING_TIMEOUT_MS);
}
END_TEST

/* RFC 5944 3.7.3.2: the accepted reply goes to the request's source
   address and port on its interface, same octets; the visitor and the FA
   end of the tunnel appear only now. */
START_TEST(test_fa4_rfc5944_3_7_3_relay_reply_makes_visitor) {
  req r = req_default();
  mipfb_pkt_info f = from_node(IF_A, HOA);
  const fake_sent *s;
  const mipfb_tunnel_event *ev;
  mipfb_fa4_visitor v;
  mipfb_fa4_stats st;
  r.flags = MIPFB_MIP4_FLAG_T | MIPFB_MIP4_FLAG_G;
  rq_len = build_rrq(rq, sizeof rq, &r);
  f.dst = mipfb_addr_ipv4(FA_LINK); /* sent to another address of the agent */
  ck_assert_int_eq(mipfb_fa4_input(fa, 0, rq, rq_len, &f), 0);
  ck_assert_int_eq(send_rep(50, 0, 600, HOA, r.id), 0);
  ck_assert_uint_eq(host.n_sent, 2);
  s = &host.sent[1];
  ck_assert_uint_eq(s->len, rp_len);
  ck_assert(memcmp(s->buf, rp, rp_len) == 0);
  ck_assert_uint_eq(mipfb_addr_ipv4_value(&s->to.dst), HOA);
  ck_assert_uint_eq(s->to.dport, MN_PORT);
  ck_assert_uint_eq(mipfb_addr_ipv4_value(&s->to.src), FA_LINK);
  ck_assert_uint_eq(s->to.sport, MIPFB_MIP4_PORT);
  ck_assert_uint_eq(s->to.ifindex, IF_A);
  ck_assert_uint_eq(host.n_tun, 1);
  ev = &host.tun[0];
  ck_assert_uint_eq(ev->op, MIPFB_TUNNEL_ADD);
  ck_assert_uint_eq(ev->role, MIPFB_ROLE_FA4);
  ck_assert_uint_eq(mipfb_addr_ipv4_value(&ev->hoa), HOA);
  ck_assert_uint_eq(mipfb_addr_ipv4_value(&ev->local), FA_ADDR);
  ck_assert_uint_eq(mipfb_addr_ipv4_value(&ev->remote), HA_ADDR);
  ck_assert_uint_eq(ev->ifindex, IF_A);
  ck_assert_uint_eq(ev->bid, 0);
  ck_assert_uint_eq(ev->lifetime_s, 600);
  ck_assert_uint_eq(ev->encap, MIPFB_ENCAP_GRE);
  ck_assert_uint_eq(ev->reverse, 1);
  ck_assert_uint_eq(mipfb_fa4_pending_count(fa), 0);
  ck_assert_uint_eq(mipfb_fa4_visitor_count(fa), 1);
  ck_assert_int_eq(mipfb_fa4_visitor_get(fa, HOA, 0, 1050, &v), 0);
  ck_assert_uint_eq(v.hoa, HOA);
  ck_assert_uint_eq(v.ha, HA_ADDR);
  ck_assert_uint_eq(v.ifindex, IF_A);
  ck_assert_uint_eq(v.lifetime_s, 600);
  ck_assert(v.expires_ms == 50 + 600000);
  ck_assert(v.remaining_ms == 50 + 600000 - 1050);
  ck_assert_uint_eq(v.node_addr, HOA);
  ck_assert_uint_eq(v.node_port, MN_PORT);
  ck_assert(mipfb_fa4_next_deadline(fa) == 50 + 600000);
  ck_assert_int_eq(mipfb_fa4_get_stats(fa, &st), 0);
  ck_assert(st.rrq_relayed == 1 && st.rrp_relayed == 1 && st.visitors_added == 1);
}
END_TEST

/* RFC 5944 3.7.3.2: a denial from the home agent is relayed and makes no
   visitor */
START_TEST(test_fa4_rfc5944_3_7_3_denied_reply_relayed_no_visitor) {
  req r = req_default();
  ck_assert_int_eq(send_req(0, &r, IF_A), 0);
  ck_assert_int_eq(send_rep(10, 131, 0, HOA, r.id), 0);
  ck_assert_uint_eq(host.n_sent, 2);
  ck_assert(memcmp(host.sent[1].buf, rp, rp_len) == 0);
  ck_assert_uint_eq(host.n_tun, 0);
  ck_assert_uint_eq(mipfb_fa4_visitor_count(fa), 0);
  ck_assert_uint_eq(mipfb_fa4_pending_count(fa), 0);
  ck_assert(mipfb_fa4_next_deadline(fa) == MIPFB_NO_DEADLINE);
}
END_TEST

/* RFC 5944 3.7.3.1: a reply whose (home address, low 32 bits of
   Identification) matches no pending request is discarded */
START_TEST(test_fa4_rfc5944_3_7_3_1_unknown_reply_discarded) {
  req r = req_default();
  ck_assert_int_eq(send_rep(0, 0, 600, HOA, r.id), MIPFB_ERR_NOT_FOUND);
  ck_assert_int_eq(send_req(0, &r, IF_A), 0);
  /* low 32 bits differ */
  ck_assert_int_eq(send_rep(0, 0, 600, HOA, r.id + 1), MIPFB_ERR_NOT_FOUND);
  /* another home address */
  ck_assert_int_eq(send_rep(0, 0, 600, HOA2, r.id), MIPFB_ERR_NOT_FOUND);
  /* only the high 32 bits differ: the low 32 bits are what RFC 5944 5.7 copies */
  ck_assert_int_eq(send_rep(0, 0, 600, HOA, r.id ^ 0xffff000000000000ull), 0);
  ck_assert_uint_eq(host.n_sent, 2);
  ck_assert_uint_eq(host.n_tun, 1);
  /* a second copy of the reply finds nothing */
  ck_assert_int_eq(send_rep(0, 0, 600, HOA, r.id), MIPFB_ERR_NOT_FOUND);
  ck_assert_uint_eq(host.n_sent, 2);
  ck_assert_uint_eq(host.n_tun, 1);
  /* shorter than a reply's fixed part */
  {
    mipfb_pkt_info f = from_ha();
    ck_assert_int_eq(mipfb_fa4_input(fa, 0, rp, MIPFB_MIP4_RRP_LEN - 1, &f), MIPFB_ERR_TRUNCATED);
  }
}
END_TEST

/* RFC 5944 3.7.3.1 (choice documented in fa4.h): a matched reply that
   does not decode is answered 71 to the node, never relayed */
START_TEST(test_fa4_rfc5944_3_7_3_1_poorly_formed_reply_71) {
  req r = req_default();
  mipfb_pkt_info f = from_ha();
  ck_assert_int_eq(send_req(0, &r, IF_A), 0);
  rp_len = build_rrp(rp, sizeof rp, 0, 600, HOA, r.id);
  rp[MIPFB_MIP4_RRP_LEN + 1] = 200; /* MN-HA length past the end */
  ck_assert_int_eq(mipfb_fa4_input(fa, 0, rp, rp_len, &f), MIPFB_FA4_CODE_POORLY_FORMED_REPLY);
  check_own_reply(MIPFB_FA4_CODE_POORLY_FORMED_REPLY, 0, r.id, IF_A);
  ck_assert_uint_eq(host.n_tun, 0);
  ck_assert_uint_eq(mipfb_fa4_pending_count(fa), 0);
}
END_TEST

/* RFC 5944 3.7.2.1 / fa4.h order of checks: 70 for a request that does
   not decode; discard when the fixed part is short or an unknown
   non-skippable extension is present (RFC 5944 1.9) */
START_TEST(test_fa4_rfc5944_3_7_2_poorly_formed_request_70) {
  req r = req_default();
  mipfb_pkt_info f = from_node(IF_A, HOA);
  uint8_t bad[64];
  r.mpath = 1;
  r.bid = 1;
  rq_len = build_rrq(rq, sizeof rq, &r);
  rq[MIPFB_MIP4_RRQ_LEN + 6] = 0; /* Multipath BID 0: forbidden (RFC 7629 4.1) */
  ck_assert_int_eq(mipfb_fa4_input(fa, 0, rq, rq_len, &f), MIPFB_FA4_CODE_POORLY_FORMED_REQUEST);
  check_own_reply(MIPFB_FA4_CODE_POORLY_FORMED_REQUEST, 0, r.id, IF_A);
  ck_assert_uint_eq(host.n_sent, 1);
  ck_assert_uint_eq(mipfb_fa4_pending_count(fa), 0);
  /* fixed part short: discarded */
  ck_assert_int_eq(mipfb_fa4_input(fa, 0, rq, MIPFB_MIP4_RRQ_LEN - 1, &f), MIPFB_ERR_TRUNCATED);
  /* unknown non-skippable extension (type 100): discarded */
  memcpy(bad, rq, MIPFB_MIP4_RRQ_LEN);
  bad[MIPFB_MIP4_RRQ_LEN] = 100;
  bad[MIPFB_MIP4_RRQ_LEN + 1] = 0;
  ck_assert_int_eq(mipfb_fa4_input(fa, 0, bad, MIPFB_MIP4_RRQ_LEN + 2, &f), MIPFB_ERR_UNKNOWN_NONSKIPPABLE);
  /* an extension cut short after a readable fixed part: 70 */
  bad[MIPFB_MIP4_RRQ_LEN] = 32;
  ck_assert_int_eq(mipfb_fa4_input(fa, 0, bad, MIPFB_MIP4_RRQ_LEN + 1, &f), MIPFB_FA4_CODE_POORLY_FORMED_REQUEST);
  /* not a registration message */
  bad[0] = 2;
  ck_assert_int_eq(mipfb_fa4_input(fa, 0, bad, MIPFB_MIP4_RRQ_LEN, &f), MIPFB_ERR_UNSUPPORTED);
  ck_assert_uint_eq(host.n_sent, 2);
  ck_assert_uint_eq(mipfb_fa4_pending_count(fa), 0);
}
END_TEST

/* RFC 5944 3.7.2.2: lifetime over the FA maximum -> 69 with the maximum
   in the reply's Lifetime; not relayed */
START_TEST(test_fa4_rfc5944_3_7_2_2_lifetime_too_long_69) {
  req r = req_default();
  r.lifetime = (uint16_t)(cfg.max_lifetime + 1);
  ck_assert_int_eq(send_req(0, &r, IF_A), MIPFB_FA4_CODE_LIFETIME_TOO_LONG);
  check_own_reply(MIPFB_FA4_CODE_LIFETIME_TOO_LONG, (uint16_t)cfg.max_lifetime, r.id, IF_A);
  ck_assert_uint_eq(host.n_sent, 1);
  ck_assert_uint_eq(mipfb_fa4_pending_count(fa), 0);
  r.lifetime = MIPFB_MIP4_LIFETIME_INFINITE;
  ck_assert_int_eq(send_req(0, &r, IF_A), MIPFB_FA4_CODE_LIFETIME_TOO_LONG);
  /* exactly the maximum is relayed */
  r.lifetime = (uint16_t)cfg.max_lifetime;
  ck_assert_int_eq(send_req(0, &r, IF_A), 0);
}
END_TEST

/* RFC 5944 3.7.2.2: a granted lifetime over the FA maximum is capped */
START_TEST(test_fa4_rfc5944_3_7_3_granted_lifetime_capped) {
  req r = req_default();
  mipfb_fa4_visitor v;
  ck_assert_int_eq(send_req(0, &r, IF_A), 0);
  ck_assert_int_eq(send_rep(0, 0, 5000, HOA, r.id), 0);
  ck_assert_int_eq(mipfb_fa4_visitor_get(fa, HOA, 0, 0, &v), 0);
  ck_assert_uint_eq(v.lifetime_s, cfg.max_lifetime);
}
END_TEST

/* RFC 5944 3.7.2.2 code 66: no pending entry left */
START_TEST(test_fa4_rfc5944_3_7_2_2_pending_full_66) {
  req r = req_default();
  cfg_default();
  cfg.max_pending = 1;
  start();
  ck_assert_int_eq(send_req(0, &r, IF_A), 0);
  r.id++;
  ck_assert_int_eq(send_req(0, &r, IF_A), MIPFB_FA4_CODE_INSUFFICIENT_RESOURCES);
  check_own_reply(MIPFB_FA4_CODE_INSUFFICIENT_RESOURCES, 0, r.id, IF_A);
  /* a retransmission of the pending one (same key) is relayed again */
  r.id--;
  ck_assert_int_eq(send_req(0, &r, IF_A), 0);
  ck_assert_uint_eq(mipfb_fa4_pending_count(fa), 1);
}
END_TEST

/* RFC 5944 3.7.2.2 code 66: no visitor slot, counting the requests in
   flight that would each make one */
START_TEST(test_fa4_rfc5944_3_7_2_2_visitors_full_66) {
  req r = req_default(), r2 = req_default();
  cfg_default();
  cfg.max_visitors = 1;
  start();
  ck_assert_int_eq(send_req(0, &r, IF_A), 0);
  r2.hoa = HOA2;
  ck_assert_int_eq(send_req(0, &r2, IF_B), MIPFB_FA4_CODE_INSUFFICIENT_RESOURCES);
  ck_assert_int_eq(send_rep(0, 0, 600, HOA, r.id), 0);
  r2.id++;
  ck_assert_int_eq(send_req(0, &r2, IF_B), MIPFB_FA4_CODE_INSUFFICIENT_RESOURCES);
  /* refreshing the existing visitor needs no new slot */
  r.id += 10;
  reg(1000, &r, IF_A, 600);
  ck_assert_uint_eq(mipfb_fa4_visitor_count(fa), 1);
  /* a deregistration needs none either */
  r2.lifetime = 0;
  r2.coa = FA_ADDR;
  ck_assert_int_eq(send_req(0, &r2, IF_B), 0);
}
END_TEST

/* RFC 5944 3.7.2.2 code 77: a care-of address the agent does not offer;
   D set (co-located care-of address through the agent) is relayed but
   makes no visitor */
START_TEST(test_fa4_rfc5944_3_7_2_2_invalid_coa_77) {
  req r = req_default();
  r.coa = 0xc6336401u;
  ck_assert_int_eq(send_req(0, &r, IF_A), MIPFB_FA4_CODE_INVALID_COA);
  check_own_reply(MIPFB_FA4_CODE_INVALID_COA, 0, r.id, IF_A);
  r.flags = MIPFB_MIP4_FLAG_D;
  ck_assert_int_eq(send_req(0, &r, IF_A), 0);
  ck_assert_int_eq(send_rep(0, 0, 600, HOA, r.id), 0);
  ck_assert_uint_eq(mipfb_fa4_visitor_count(fa), 0);
  ck_assert_uint_eq(host.n_tun, 0);
}
END_TEST

/* RFC 2794: home agent 0 -> 98; home address 0 without NAI -> 97; with
   an NAI the reply (assigned home address) finds the request by its
   Identification */
START_TEST(test_fa4_rfc2794_nai_request) {
  req r = req_default();
  uint8_t tmp[512];
  size_t n;
  mipfb_pkt_info f = from_node(IF_A, 0);
  r.hoa = 0;
  ck_assert_int_eq(send_req(0, &r, IF_A), MIPFB_FA4_CODE_MISSING_NAI);
  /* limited broadcast when the request came from 0.0.0.0 */
  ck_assert_uint_eq(mipfb_addr_ipv4_value(&last_sent()->to.dst), 0xffffffffu);
  r.nai = 1;
  ck_assert_int_eq(send_req(0, &r, IF_A), 0);
  ck_assert_int_eq(send_rep(0, 0, 600, HOA2, r.id), 0);
  ck_assert_uint_eq(mipfb_addr_ipv4_value(&last_sent()->to.dst), 0xffffffffu);
  ck_assert_uint_eq(mipfb_fa4_visitor_count(fa), 1);
  ck_assert_int_eq(fake_host_tunnel_alive(&host, HOA2, 0), 1);
  /* home agent 0.0.0.0 */
  r.hoa = HOA;
  r.nai = 0;
  n = build_rrq(tmp, sizeof tmp, &r);
  memset(tmp + 8, 0, 4);
  ck_assert_int_eq(mipfb_fa4_input(fa, 0, tmp, n, &f), MIPFB_FA4_CODE_MISSING_HOME_AGENT);
}
END_TEST

/* ---- visitors: deregistration, expiry ---- */

/* RFC 5944 3.8.3 / agents.md: an accepted deregistration (lifetime 0,
   CoA = the FA's) removes the node's visitor with a tunnel REMOVE */
START_TEST(test_fa4_rfc5944_3_8_3_dereg_removes_visitor) {
  req r = req_default();
  reg(0, &r, IF_A, 600);
  r.lifetime = 0;
  r.id++;
  ck_assert_int_eq(send_req(10, &r, IF_A), 0);
  ck_assert_uint_eq(mipfb_fa4_visitor_count(fa), 1); /* not before the reply */
  ck_assert_int_eq(send_rep(20, 0, 0, HOA, r.id), 0);
  ck_assert_uint_eq(mipfb_fa4_visitor_count(fa), 0);
  ck_assert_uint_eq(host.tun[host.n_tun - 1].op, MIPFB_TUNNEL_REMOVE);
  ck_assert_int_eq(fake_host_tunnels_alive(&host), 0);
  ck_assert(mipfb_fa4_next_deadline(fa) == MIPFB_NO_DEADLINE);
}
END_TEST

/* RFC 7629 5.2 (agents.md binding table): Multipath B = 0 lifetime 0
   removes that BID only; B = 1 lifetime 0 removes all of the node's */
START_TEST(test_fa4_rfc7629_5_2_dereg_bid_and_b_flag_all) {
  req r = req_default(), o = req_default();
  r.mpath = 1;
  r.bid = 1;
  reg(0, &r, IF_A, 600);
  r.bid = 2;
  r.id++;
  reg(0, &r, IF_B, 600);
  r.bid = 3;
  r.id++;
  reg(0, &r, IF_B, 600);
  o.hoa = HOA2;
  o.id = 77;
  reg(0, &o, IF_A, 600);
  ck_assert_uint_eq(mipfb_fa4_visitor_count(fa), 4);
  /* B = 0, lifetime 0: BID 3 only */
  r.lifetime = 0;
  r.id++;
  reg(10, &r, IF_B, 0);
  ck_assert_int_eq(fake_host_tunnel_alive(&host, HOA, 3), 0);
  ck_assert_int_eq(fake_host_tunnel_alive(&host, HOA, 2), 1);
  ck_assert_uint_eq(mipfb_fa4_visitor_count(fa), 3);
  /* B = 1, lifetime 0: every binding of the node, not the other node's */
  r.bid = 1;
  r.b = 1;
  r.id++;
  reg(20, &r, IF_A, 0);
  ck_assert_int_eq(fake_host_tunnel_alive(&host, HOA, 1), 0);
  ck_assert_int_eq(fake_host_tunnel_alive(&host, HOA, 2), 0);
  ck_assert_int_eq(fake_host_tunnel_alive(&host, HOA2, 0), 1);
  ck_assert_uint_eq(mipfb_fa4_visitor_count(fa), 1);
  ck_assert_int_eq(fake_host_tunnels_alive(&host), 1);
}
END_TEST

/* RFC 7629 4.1/5.2: O = 1 keeps only this BID; B = 1 extends every
   binding of the node to the granted lifetime (tunnel CHANGE); a
   registration without Multipath replaces them all by BID 0 */
START_TEST(test_fa4_rfc7629_5_2_o_flag_b_flag_and_plain) {
  req r = req_default();
  mipfb_fa4_visitor v;
  r.mpath = 1;
  r.bid = 1;
  reg(0, &r, IF_A, 100);
  r.bid = 2;
  r.id++;
  reg(0, &r, IF_B, 100);
  /* B = 1 refresh through BID 2 extends BID 1 too */
  r.b = 1;
  r.id++;
  reg(1000, &r, IF_B, 300);
  ck_assert_int_eq(mipfb_fa4_visitor_get(fa, HOA, 1, 1000, &v), 0);
  ck_assert_uint_eq(v.lifetime_s, 300);
  ck_assert(v.expires_ms == 1000 + 300000);
  ck_assert_uint_eq(v.ifindex, IF_A);
  ck_assert_int_eq(fake_host_tunnels_alive(&host), 2);
  /* O = 1 through a new BID 3: 1 and 2 go */
  r.b = 0;
  r.o = 1;
  r.bid = 3;
  r.id++;
  reg(2000, &r, IF_A, 300);
  ck_assert_uint_eq(mipfb_fa4_visitor_count(fa), 1);
  ck_assert_int_eq(fake_host_tunnel_alive(&host, HOA, 3), 1);
  ck_assert_int_eq(fake_host_tunnels_alive(&host), 1);
  /* no Multipath: the node's bindings are replaced by BID 0 */
  r = req_default();
  r.id = 99;
  reg(3000, &r, IF_B, 300);
  ck_assert_uint_eq(mipfb_fa4_visitor_count(fa), 1);
  ck_assert_int_eq(fake_host_tunnel_alive(&host, HOA, 0), 1);
  ck_assert_int_eq(fake_host_tunnels_alive(&host), 1);
}
END_TEST

/* agents.md: re-registering a BID on another interface changes the
   visitor (tunnel CHANGE with the new ifindex), not a second one */
START_TEST(test_fa4_rfc7629_5_2_same_bid_new_interface_change) {
  req r = req_default();
  mipfb_fa4_visitor v;
  r.mpath = 1;
  r.bid = 5;
  reg(0, &r, IF_A, 600);
  r.id++;
  reg(0, &r, IF_B, 600);
  ck_assert_uint_eq(host.n_tun, 2);
  ck_assert_uint_eq(host.tun[1].op, MIPFB_TUNNEL_CHANGE);
  ck_assert_uint_eq(host.tun[1].ifindex, IF_B);
  ck_assert_int_eq(mipfb_fa4_visitor_get(fa, HOA, 5, 0, &v), 0);
  ck_assert_uint_eq(v.ifindex, IF_B);
  ck_assert_uint_eq(mipfb_fa4_visitor_count(fa), 1);
}
END_TEST

/* agents.md "Foreign agent": an expired visitor is removed with a tunnel
   REMOVE; the deadline follows */
START_TEST(test_fa4_rfc5944_3_7_visitor_expiry) {
  req r = req_default();
  r.lifetime = 10;
  reg(0, &r, IF_A, 10);
  ck_assert(mipfb_fa4_next_deadline(fa) == 10000);
  ck_assert(host.deadline == 10000);
  ck_assert_int_eq(mipfb_fa4_timeout(fa, 9999), 0);
  ck_assert_uint_eq(mipfb_fa4_visitor_count(fa), 1);
  ck_assert_int_eq(mipfb_fa4_timeout(fa, 10000), 0);
  ck_assert_uint_eq(mipfb_fa4_visitor_count(fa), 0);
  ck_assert_uint_eq(host.tun[host.n_tun - 1].op, MIPFB_TUNNEL_REMOVE);
  ck_assert_int_eq(fake_host_tunnels_alive(&host), 0);
  ck_assert(mipfb_fa4_next_deadline(fa) == MIPFB_NO_DEADLINE);
  ck_assert(host.deadline == MIPFB_NO_DEADLINE);
}
END_TEST

/* agents.md: a pending request with no reply within pending_timeout_ms
   is dropped silently (default); a late reply is then discarded */
START_TEST(test_fa4_rfc5944_3_7_pending_timeout_dropped) {
  req r = req_default();
  mipfb_fa4_stats st;
  ck_assert_int_eq(send_req(0, &r, IF_A), 0);
  ck_assert_int_eq(mipfb_fa4_timeout(fa, MIPFB_FA4_PENDING_TIMEOUT_MS - 1), 0);
  ck_assert_uint_eq(mipfb_fa4_pending_count(fa), 1);
  ck_assert_int_eq(mipfb_fa4_timeout(fa, MIPFB_FA4_PENDING_TIMEOUT_MS), 0);
  ck_assert_uint_eq(mipfb_fa4_pending_count(fa), 0);
  ck_assert_uint_eq(host.n_sent, 1);
  ck_assert(mipfb_fa4_next_deadline(fa) == MIPFB_NO_DEADLINE);
  ck_assert_int_eq(send_rep(MIPFB_FA4_PENDING_TIMEOUT_MS + 1, 0, 600, HOA, r.id), MIPFB_ERR_NOT_FOUND);
  ck_assert_uint_eq(mipfb_fa4_visitor_count(fa), 0);
  ck_assert_int_eq(mipfb_fa4_get_stats(fa, &st), 0);
  ck_assert(st.pending_expired == 1);
}
END_TEST

/* RFC 5944 3.4 code 78 (option reply_on_timeout): the node is told */
START_TEST(test_fa4_rfc5944_3_4_pending_timeout_78) {
  req r = req_default();
  cfg_default();
  cfg.reply_on_timeout = 1;
  cfg.pending_timeout_ms = 3000;
  start();
  ck_assert_int_eq(send_req(0, &r, IF_A), 0);
  /* a retransmission with the same key restarts the wait */
  ck_assert_int_eq(send_req(1000, &r, IF_A), 0);
  ck_assert_int_eq(mipfb_fa4_timeout(fa, 3000), 0);
  ck_assert_uint_eq(mipfb_fa4_pending_count(fa), 1);
  ck_assert_int_eq(mipfb_fa4_timeout(fa, 4000), 0);
  ck_assert_uint_eq(mipfb_fa4_pending_count(fa), 0);
  check_own_reply(MIPFB_FA4_CODE_REGISTRATION_TIMEOUT, 0, r.id, IF_A);
}
END_TEST

/* ---- draft-02 5.2: EnableMultipleTunnelSupport ---- */

/* draft-02 5.2: with EnableMultipleTunnelSupport = 0 a Multiple Tunnel
   Request is rejected by the FA with MULTIPLE_TUNNEL_REQUEST_DENIED_BY_FA
   (the table's code), Identification copied, lifetime 0, not relayed */
START_TEST(test_fa4_draft02_5_2_mtunnel_denied_by_fa_when_disabled) {
  req r = req_default();
  mipfb_fa4_stats st;
  cfg_default();
  ck_assert_int_eq(mipfb_codepoints_default(&cfg.cp, MIPFB_PROFILE_DRAFT), 0);
  start();
  ck_assert_int_eq(mipfb_fa4_set_multiple_tunnel_support(fa, 0), 0);
  r.mtunnel = 1;
  r.bid = 300;
  ck_assert_int_eq(send_req(0, &r, IF_A), cfg.cp.mip4_code_mtunnel_denied_fa);
  ck_assert_uint_eq(host.n_sent, 1);
  check_own_reply(cfg.cp.mip4_code_mtunnel_denied_fa, 0, r.id, IF_A);
  ck_assert(mipfb_mip4_code_is_fa(cfg.cp.mip4_code_mtunnel_denied_fa, &cfg.cp));
  ck_assert_uint_eq(mipfb_fa4_pending_count(fa), 0);
  /* the RFC 7629 Multipath extension likewise */
  r.mtunnel = 0;
  r.mpath = 1;
  r.bid = 1;
  ck_assert_int_eq(send_req(0, &r, IF_A), cfg.cp.mip4_code_mtunnel_denied_fa);
  /* a plain request is still relayed */
  r.mpath = 0;
  ck_assert_int_eq(send_req(0, &r, IF_A), 0);
  ck_assert_uint_eq(mipfb_addr_ipv4_value(&last_sent()->to.dst), HA_ADDR);
  ck_assert_int_eq(mipfb_fa4_get_stats(fa, &st), 0);
  ck_assert(st.rrq_denied == 2 && st.rrq_relayed == 1);
}
END_TEST

/* draft-02 5.2: EnableMultipleTunnelSupport = 1 (default): relayed, and
   the accepted reply makes a visitor with the 16-bit BID */
START_TEST(test_fa4_draft02_5_2_mtunnel_relayed_when_enabled) {
  req r = req_default();
  mipfb_fa4_visitor v;
  cfg_default();
  ck_assert_int_eq(mipfb_codepoints_default(&cfg.cp, MIPFB_PROFILE_DRAFT), 0);
  cfg.enable_multiple_tunnel_support = 0;
  start();
  ck_assert_int_eq(mipfb_fa4_set_multiple_tunnel_support(fa, 1), 0);
  r.mtunnel = 1;
  r.bid = 300;
  ck_assert_int_eq(send_req(0, &r, IF_A), 0);
  ck_assert(memcmp(last_sent()->buf, rq, rq_len) == 0);
  ck_assert_int_eq(send_rep(0, 0, 600, HOA, r.id), 0);
  ck_assert_int_eq(mipfb_fa4_visitor_get(fa, HOA, 300, 0, &v), 0);
  ck_assert_uint_eq(v.if_att, 5);
  ck_assert_int_eq(fake_host_tunnel_alive(&host, HOA, 300), 1);
}
END_TEST

/* draft-02 5.2: a node attached through several interfaces is reached
   over one of them (the first registered); when it goes, another */
START_TEST(test_fa4_draft02_5_2_deliver_picks_attached_interface) {
  req r = req_default();
  uint32_t ifx = 0;
  uint16_t bid = 0;
  ck_assert_int_eq(mipfb_fa4_deliver(fa, HOA, &ifx, &bid), MIPFB_ERR_NOT_FOUND);
  r.mpath = 1;
  r.bid = 1;
  reg(0, &r, IF_A, 600);
  r.bid = 2;
  r.id++;
  reg(0, &r, IF_B, 600);
  ck_assert_int_eq(mipfb_fa4_deliver(fa, HOA, &ifx, &bid), 0);
  ck_assert_uint_eq(ifx, IF_A);
  ck_assert_uint_eq(bid, 1);
  /* refreshing BID 1 keeps it first */
  r.bid = 1;
  r.id++;
  reg(100, &r, IF_A, 600);
  ck_assert_int_eq(mipfb_fa4_deliver(fa, HOA, &ifx, NULL), 0);
  ck_assert_uint_eq(ifx, IF_A);
  /* BID 1 deregistered: the other interface */
  r.lifetime = 0;
  r.id++;
  reg(200, &r, IF_A, 0);
  ck_assert_int_eq(mipfb_fa4_deliver(fa, HOA, &ifx, &bid), 0);
  ck_assert_uint_eq(ifx, IF_B);
  ck_assert_uint_eq(bid, 2);
  /* expiry of the last one: none */
  ck_assert_int_eq(mipfb_fa4_timeout(fa, 600000), 0);
  ck_assert_int_eq(mipfb_fa4_deliver(fa, HOA, &ifx, &bid), MIPFB_ERR_NOT_FOUND);
  ck_assert_int_eq(mipfb_fa4_deliver(fa, HOA, NULL, &bid), MIPFB_ERR_INVALID_ARG);
}
END_TEST

/* ---- hook failures (agent.h, doc/agents.md "Hook failures") ---- */

/* a failing tunnel hook undoes the reply's steps in reverse order,
   leaves the visitors as they were, does not relay the reply, keeps the
   pending entry (a copy of the reply can still be applied) */
START_TEST(test_fa4_agents_md_tunnel_failure_undoes_reply) {
  req r = req_default();
  mipfb_pkt_info f = from_ha();
  size_t sent, tun;
  r.mpath = 1;
  r.bid = 1;
  reg(0, &r, IF_A, 600);
  r.bid = 2;
  r.id++;
  reg(0, &r, IF_B, 600);
  /* O = 1 through BID 3: REMOVE 1, REMOVE 2, ADD 3; the ADD fails */
  r.o = 1;
  r.bid = 3;
  r.id++;
  ck_assert_int_eq(send_req(10, &r, IF_A), 0);
  sent = host.n_sent;
  tun = host.n_tun;
  host.fail_tunnel = 3;
  ck_assert_int_eq(send_rep(20, 0, 600, HOA, r.id), MIPFB_ERR_HOOK);
  ck_assert_uint_eq(host.n_sent, sent);               /* not relayed */
  ck_assert_uint_eq(host.n_tun, tun + 4);             /* 2 REMOVE, 2 inverse ADD */
  ck_assert_uint_eq(host.tun[tun + 2].op, MIPFB_TUNNEL_ADD);
  ck_assert_uint_eq(host.tun[tun + 2].bid, host.tun[tun + 1].bid); /* reverse order */
  ck_assert_uint_eq(host.tun[tun + 3].bid, host.tun[tun].bid);
  ck_assert_int_eq(fake_host_tunnel_alive(&host, HOA, 1), 1);
  ck_assert_int_eq(fake_host_tunnel_alive(&host, HOA, 2), 1);
  ck_assert_int_eq(fake_host_tunnel_alive(&host, HOA, 3), 0);
  ck_assert_uint_eq(mipfb_fa4_visitor_count(fa), 2);
  ck_assert_uint_eq(mipfb_fa4_pending_count(fa), 1);
  /* the same reply again, hooks working */
  ck_assert_int_eq(mipfb_fa4_input(fa, 30, rp, rp_len, &f), 0);
  ck_assert_int_eq(fake_host_tunnels_alive(&host), 1);
  ck_assert_int_eq(fake_host_tunnel_alive(&host, HOA, 3), 1);
  ck_assert_uint_eq(mipfb_fa4_visitor_count(fa), 1);
}
END_TEST

/* a failing tunnel CHANGE of a refresh (B = 1 extension) is undone: the
   lifetimes stay as they were */
START_TEST(test_fa4_agents_md_tunnel_failure_b_flag_refresh) {
  req r = req_default();
  mipfb_fa4_visitor v;
  r.mpath = 1;
  r.bid = 1;
  reg(0, &r, IF_A, 100);
  r.bid = 2;
  r.id++;
  reg(0, &r, IF_B, 100);
  r.b = 1;
  r.id++;
  ck_assert_int_eq(send_req(10, &r, IF_B), 0);
  host.fail_tunnel = 2; /* CHANGE of BID 2 passes, CHANGE of BID 1 fails */
  ck_assert_int_eq(send_rep(10, 0, 300, HOA, r.id), MIPFB_ERR_HOOK);
  ck_assert_int_eq(mipfb_fa4_visitor_get(fa, HOA, 1, 0, &v), 0);
  ck_assert_uint_eq(v.lifetime_s, 100);
  ck_assert_int_eq(mipfb_fa4_visitor_get(fa, HOA, 2, 0, &v), 0);
  ck_assert_uint_eq(v.lifetime_s, 100);
  ck_assert_uint_eq(host.tun[host.n_tun - 1].op, MIPFB_TUNNEL_CHANGE);
  ck_assert_uint_eq(host.tun[host.n_tun - 1].lifetime_s, 100);
  ck_assert(mipfb_fa4_next_deadline(fa) == 10 + MIPFB_FA4_PENDING_TIMEOUT_MS); /* the kept pending entry */
  ck_assert_int_eq(mipfb_fa4_timeout(fa, 10 + MIPFB_FA4_PENDING_TIMEOUT_MS), 0);
  ck_assert(mipfb_fa4_next_deadline(fa) == 100000);
}
END_TEST

/* a failing send: MIPFB_ERR_HOOK with the state change applied */
START_TEST(test_fa4_agents_md_send_failure_keeps_state) {
  req r = req_default();
  host.fail_send = 1;
  ck_assert_int_eq(send_req(0, &r, IF_A), MIPFB_ERR_HOOK);
  ck_assert_uint_eq(mipfb_fa4_pending_count(fa), 1);
  host.fail_send = 1;
  ck_assert_int_eq(send_rep(0, 0, 600, HOA, r.id), MIPFB_ERR_HOOK);
  ck_assert_uint_eq(mipfb_fa4_visitor_count(fa), 1);
  ck_assert_uint_eq(mipfb_fa4_pending_count(fa), 0);
  ck_assert_int_eq(fake_host_tunnel_alive(&host, HOA, 0), 1);
}
END_TEST

/* a failing REMOVE at expiry: the visitor goes anyway, everything due is
   processed, MIPFB_ERR_HOOK */
START_TEST(test_fa4_agents_md_expiry_failure_removes_anyway) {
  req r = req_default();
  r.lifetime = 10;
  reg(0, &r, IF_A, 10);
  r.hoa = HOA2;
  reg(0, &r, IF_B, 10);
  host.fail_tunnel = 1;
  ck_assert_int_eq(mipfb_fa4_timeout(fa, 10000), MIPFB_ERR_HOOK);
  ck_assert_uint_eq(mipfb_fa4_visitor_count(fa), 0);
  ck_assert(mipfb_fa4_next_deadline(fa) == MIPFB_NO_DEADLINE);
}
END_TEST

/* a failing REMOVE of a deregistration is undone with an ADD: the
   visitor stays */
START_TEST(test_fa4_agents_md_tunnel_failure_dereg_kept) {
  req r = req_default();
  reg(0, &r, IF_A, 600);
  r.lifetime = 0;
  r.id++;
  ck_assert_int_eq(send_req(10, &r, IF_A), 0);
  host.fail_tunnel = 1;
  ck_assert_int_eq(send_rep(10, 0, 0, HOA, r.id), MIPFB_ERR_HOOK);
  ck_assert_uint_eq(mipfb_fa4_visitor_count(fa), 1);
  ck_assert_int_eq(fake_host_tunnel_alive(&host, HOA, 0), 1);
  ck_assert_uint_eq(host.n_sent, 3); /* request, reply, dereg request: the dereg reply was not relayed */
}
END_TEST

/* RFC 5944 3.7.2.3: an own reply to a request sent to the All Agents
   multicast group (224.0.0.11) comes from the FA address; a failing send
   of a code-78 reply at expiry is reported, the entry is gone anyway */
START_TEST(test_fa4_rfc5944_3_7_2_3_own_reply_addressing) {
  req r = req_default();
  mipfb_pkt_info f = from_node(IF_B, HOA);
  cfg_default();
  cfg.reply_on_timeout = 1;
  start();
  r.lifetime = (uint16_t)(cfg.max_lifetime + 1);
  rq_len = build_rrq(rq, sizeof rq, &r);
  f.dst = mipfb_addr_ipv4(0xe000000bu);
  ck_assert_int_eq(mipfb_fa4_input(fa, 0, rq, rq_len, &f), MIPFB_FA4_CODE_LIFETIME_TOO_LONG);
  check_own_reply(MIPFB_FA4_CODE_LIFETIME_TOO_LONG, (uint16_t)cfg.max_lifetime, r.id, IF_B);
  ck_assert_uint_eq(mipfb_addr_ipv4_value(&last_sent()->to.dst), HOA);
  r.lifetime = 600;
  ck_assert_int_eq(send_req(0, &r, IF_A), 0);
  host.fail_send = 1;
  ck_assert_int_eq(mipfb_fa4_timeout(fa, MIPFB_FA4_PENDING_TIMEOUT_MS), MIPFB_ERR_HOOK);
  ck_assert_uint_eq(mipfb_fa4_pending_count(fa), 0);
}
END_TEST

/* ---- a random walk: invariants of agents.md under hook failures ---- */

#define WALK_TUN 64
typedef struct walk_tun {
  uint32_t hoa;
  uint16_t bid;
  uint32_t ifindex;
  int alive;
} walk_tun;
static walk_tun walk[WALK_TUN];
static size_t n_walk;
static int walk_bad;
static unsigned walk_fail_pct; /* chance of the next call failing, at most one failure per step */
static uint32_t walk_rnd = 0x12345678u;

static uint32_t walk_next(void) {
  walk_rnd ^= walk_rnd << 13;
  walk_rnd ^= walk_rnd >> 17;
  walk_rnd ^= walk_rnd << 5;
  return walk_rnd;
}

/* Tunnel hook of the walk: fails at random, tracks every tunnel alive. */
static int walk_tunnel(void *user, const mipfb_tunnel_event *ev) {
  uint32_t hoa = mipfb_addr_ipv4_value(&ev->hoa);
  size_t i;
  (void)user;
  if (walk_next() % 100 < walk_fail_pct) {
    walk_fail_pct = 0; /* the undo that follows succeeds */
    return -1;
  }
  for (i = 0; i < n_walk; i++) {
    if (walk[i].hoa == hoa && walk[i].bid == ev->bid) {
      break;
    }
  }
  if (i == n_walk) {
    ck_assert_uint_lt(n_walk, WALK_TUN);
    walk[n_walk].hoa = hoa;
    walk[n_walk].bid = ev->bid;
    walk[n_walk].alive = 0;
    n_walk++;
  }
  if ((ev->op == MIPFB_TUNNEL_ADD) == (walk[i].alive != 0)) {
    walk_bad = 1;
  }
  walk[i].alive = ev->op != MIPFB_TUNNEL_REMOVE;
  walk[i].ifindex = ev->ifindex;
  if (ev->role != MIPFB_ROLE_FA4 || mipfb_addr_ipv4_value(&ev->local) != FA_ADDR || mipfb_addr_ipv4_value(&ev->remote) != HA_ADDR) {
    walk_bad = 1;
  }
  return 0;
}

/* agents.md "Hook failures" and "Foreign agent": after any sequence of
   requests, replies, expiries and failing tunnel hooks, the visitors are
   exactly the tunnels the hook was told are alive, on the interfaces it
   was told, within the capacities, and the deadline is never after a
   visitor's expiry (a tunnel failure at expiry, which leaves the host's
   tunnel behind by design, is not injected here) */
START_TEST(test_fa4_agents_md_random_walk_invariants) {
  mipfb_hooks h = FAKE_HOOKS;
  static const uint32_t hoas[3] = {HOA, HOA2, 0x0a000004u};
  uint64_t now = 0, ids[3] = {1000, 2000, 3000};
  int step;
  cfg_default();
  cfg.max_visitors = 4;
  cfg.max_pending = 3;
  cfg.max_lifetime = 30;
  h.tunnel = walk_tunnel;
  memset(walk, 0, sizeof walk);
  n_walk = 0;
  walk_bad = 0;
  ck_assert_int_eq(mipfb_fa4_init(&fa, mem, sizeof mem, &cfg, &h, &host, 0), 0);
  for (step = 0; step < 4000; step++) {
    uint32_t k = walk_next(), who = k % 3, alive = 0;
    req r = req_default();
    mipfb_fa4_visitor v;
    size_t cur = 0, i, nv = 0;
    walk_fail_pct = (k >> 4) % 4 == 0 ? 30 : 0;
    host.fail_send = (k >> 6) % 16 == 0 ? 1 : 0;
    now += (k >> 8) % 3000;
    r.hoa = hoas[who];
    r.id = ++ids[who];
    r.lifetime = (uint16_t)((k >> 12) % 5 == 0 ? 0 : (k >> 15) % 40);
    r.mpath = (k >> 20) % 3 != 0;
    r.bid = (uint16_t)(1 + (k >> 22) % 3);
    r.b = (uint8_t)((k >> 24) % 4 == 0);
    r.o = (uint8_t)(!r.b && r.lifetime > 0 && (k >> 26) % 5 == 0);
    switch ((k >> 28) % 4) {
    case 0: /* (a failure at expiry leaves the host's tunnel behind by design) */
      walk_fail_pct = 0;
      (void)mipfb_fa4_timeout(fa, now);
      break;
    case 1: /* a request that gets no reply */
      (void)send_req(now, &r, IF_A + (k >> 3) % 2);
      break;
    default:
      if (send_req(now, &r, IF_A + (k >> 3) % 2) == 0 || host.fail_send == 0) {
        (void)send_rep(now, (k >> 9) % 4 == 0 ? 131 : 0, r.lifetime, r.hoa, r.id);
      }
      break;
    }
    ck_assert_int_eq(walk_bad, 0);
    for (i = 0; i < n_walk; i++) {
      alive += (uint32_t)walk[i].alive;
    }
    ck_assert_uint_eq(mipfb_fa4_visitor_count(fa), alive);
    ck_assert_uint_le(mipfb_fa4_visitor_count(fa), cfg.max_visitors);
    ck_assert_uint_le(mipfb_fa4_pending_count(fa), cfg.max_pending);
    while (mipfb_fa4_visitor_next(fa, &cur, now, &v) == 0) {
      for (i = 0; i < n_walk; i++) {
        if (walk[i].hoa == v.hoa && walk[i].bid == v.bid) {
          break;
        }
      }
      ck_assert_uint_lt(i, n_walk);
      ck_assert(walk[i].alive);
      ck_assert_uint_eq(walk[i].ifindex, v.ifindex);
      ck_assert(mipfb_fa4_next_deadline(fa) <= v.expires_ms);
      ck_assert_uint_le(v.lifetime_s, cfg.max_lifetime);
      nv++;
    }
    ck_assert_uint_eq(nv, alive);
  }
}
END_TEST

/* ---- API contracts ---- */

START_TEST(test_fa4_api_init_arguments) {
  mipfb_fa4 *x;
  mipfb_hooks h = FAKE_HOOKS;
  mipfb_fa4_visitor v;
  mipfb_fa4_stats st;
  size_t cur = 0;
  cfg_default();
  ck_assert_uint_eq(mipfb_fa4_mem_size(&cfg), mipfb_fa4_mem_size(&cfg));
  mipfb_fa4_config_default(NULL); /* does nothing */
  ck_assert_uint_eq(mipfb_fa4_mem_size(NULL), 0);
  cfg.fa_addr = 0;
  ck_assert_uint_eq(mipfb_fa4_mem_size(&cfg), 0);
  ck_assert_int_eq(mipfb_fa4_init(&x, mem, sizeof mem, &cfg, &h, &host, 0), MIPFB_ERR_INVALID_ARG);
  cfg.fa_addr = FA_ADDR;
  cfg.max_visitors = 0;
  ck_assert_uint_eq(mipfb_fa4_mem_size(&cfg), 0);
  cfg.max_visitors = 8;
  cfg.max_lifetime = 0;
  ck_assert_uint_eq(mipfb_fa4_mem_size(&cfg), 0);
  cfg.max_lifetime = 600;
  ck_assert_int_eq(mipfb_fa4_init(&x, mem, mipfb_fa4_mem_size(&cfg) - 1, &cfg, &h, &host, 0), MIPFB_ERR_NOBUF);
  ck_assert_int_eq(mipfb_fa4_init(&x, (uint8_t *)mem + 4, sizeof mem - 8, &cfg, &h, &host, 0),
                   MIPFB_ERR_INVALID_ARG);
  h.version = MIPFB_HOOKS_VERSION + 1;
  ck_assert_int_eq(mipfb_fa4_init(&x, mem, sizeof mem, &cfg, &h, &host, 0), MIPFB_ERR_ABI);
  h = FAKE_HOOKS;
  h.send = NULL;
  ck_assert_int_eq(mipfb_fa4_init(&x, mem, sizeof mem, &cfg, &h, &host, 0), MIPFB_ERR_INVALID_ARG);
  /* no auth_key / wallclock needed */
  h = FAKE_HOOKS;
  h.auth_key = NULL;
  h.wallclock = NULL;
  h.tunnel = NULL;
  h.set_timer = NULL;
  h.log = NULL;
  ck_assert_int_eq(mipfb_fa4_init(&x, mem, sizeof mem, &cfg, &h, &host, 0), 0);
  ck_assert_uint_eq(mipfb_fa4_visitor_count(x), 0);
  ck_assert_uint_eq(mipfb_fa4_visitor_count(NULL), 0);
  ck_assert(mipfb_fa4_next_deadline(NULL) == MIPFB_NO_DEADLINE);
  ck_assert_int_eq(mipfb_fa4_visitor_get(x, HOA, 0, 0, &v), MIPFB_ERR_NOT_FOUND);
  ck_assert_int_eq(mipfb_fa4_visitor_get(x, HOA, 0, 0, NULL), MIPFB_ERR_INVALID_ARG);
  ck_assert_int_eq(mipfb_fa4_visitor_next(x, &cur, 0, &v), MIPFB_ERR_EOF);
  ck_assert_int_eq(mipfb_fa4_get_stats(NULL, &st), MIPFB_ERR_INVALID_ARG);
  ck_assert_int_eq(mipfb_fa4_set_multiple_tunnel_support(NULL, 1), MIPFB_ERR_INVALID_ARG);
  ck_assert_int_eq(mipfb_fa4_timeout(NULL, 0), MIPFB_ERR_INVALID_ARG);
  ck_assert_int_eq(mipfb_fa4_input(x, 0, NULL, 0, NULL), MIPFB_ERR_INVALID_ARG);
}
END_TEST

START_TEST(test_fa4_api_visitor_iteration) {
  req r = req_default();
  mipfb_fa4_visitor v;
  size_t cur = 0, n = 0;
  r.mpath = 1;
  r.bid = 1;
  reg(0, &r, IF_A, 600);
  r.bid = 2;
  r.id++;
  reg(0, &r, IF_B, 600);
  while (mipfb_fa4_visitor_next(fa, &cur, 0, &v) == 0) {
    ck_assert_uint_eq(v.hoa, HOA);
    ck_assert(v.bid == 1 || v.bid == 2);
    ck_assert_uint_eq(v.if_label, 1);
    n++;
  }
  ck_assert_uint_eq(n, 2);
}
END_TEST

Suite *mipfb_fa4_suite(void) {
  Suite *s = suite_create("fa4");
  TCase *tc = tcase_create("foreign_agent");
  tcase_add_checked_fixture(tc, setup, NULL);
  tcase_add_test(tc, test_fa4_rfc5944_3_7_2_relay_request_unchanged);
  tcase_add_test(tc, test_fa4_rfc5944_3_7_3_relay_reply_makes_visitor);
  tcase_add_test(tc, test_fa4_rfc5944_3_7_3_denied_reply_relayed_no_visitor);
  tcase_add_test(tc, test_fa4_rfc5944_3_7_3_1_unknown_reply_discarded);
  tcase_add_test(tc, test_fa4_rfc5944_3_7_3_1_poorly_formed_reply_71);
  tcase_add_test(tc, test_fa4_rfc5944_3_7_2_poorly_formed_request_70);
  tcase_add_test(tc, test_fa4_rfc5944_3_7_2_2_lifetime_too_long_69);
  tcase_add_test(tc, test_fa4_rfc5944_3_7_3_granted_lifetime_capped);
  tcase_add_test(tc, test_fa4_rfc5944_3_7_2_2_pending_full_66);
  tcase_add_test(tc, test_fa4_rfc5944_3_7_2_2_visitors_full_66);
  tcase_add_test(tc, test_fa4_rfc5944_3_7_2_2_invalid_coa_77);
  tcase_add_test(tc, test_fa4_rfc2794_nai_request);
  tcase_add_test(tc, test_fa4_rfc5944_3_8_3_dereg_removes_visitor);
  tcase_add_test(tc, test_fa4_rfc7629_5_2_dereg_bid_and_b_flag_all);
  tcase_add_test(tc, test_fa4_rfc7629_5_2_o_flag_b_flag_and_plain);
  tcase_add_test(tc, test_fa4_rfc7629_5_2_same_bid_new_interface_change);
  tcase_add_test(tc, test_fa4_rfc5944_3_7_visitor_expiry);
  tcase_add_test(tc, test_fa4_rfc5944_3_7_pending_timeout_dropped);
  tcase_add_test(tc, test_fa4_rfc5944_3_4_pending_timeout_78);
  tcase_add_test(tc, test_fa4_draft02_5_2_mtunnel_denied_by_fa_when_disabled);
  tcase_add_test(tc, test_fa4_draft02_5_2_mtunnel_relayed_when_enabled);
  tcase_add_test(tc, test_fa4_draft02_5_2_deliver_picks_attached_interface);
  tcase_add_test(tc, test_fa4_agents_md_tunnel_failure_undoes_reply);
  tcase_add_test(tc, test_fa4_agents_md_tunnel_failure_b_flag_refresh);
  tcase_add_test(tc, test_fa4_agents_md_send_failure_keeps_state);
  tcase_add_test(tc, test_fa4_agents_md_expiry_failure_removes_anyway);
  tcase_add_test(tc, test_fa4_agents_md_tunnel_failure_dereg_kept);
  tcase_add_test(tc, test_fa4_rfc5944_3_7_2_3_own_reply_addressing);
  tcase_add_test(tc, test_fa4_agents_md_random_walk_invariants);
  tcase_add_test(tc, test_fa4_api_init_arguments);
  tcase_add_test(tc, test_fa4_api_visitor_iteration);
  suite_add_tcase(s, tc);
  return s;
}
