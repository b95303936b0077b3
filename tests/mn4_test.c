/* MIPv4 mobile node (include/mipfb/mn4.h, doc/agents.md "Mobile node"):
   RFC 5944 3.6 registration, retransmission and Identification (5.7),
   RFC 7629 5.1 multipath registration, refresh, deregistration, 152 / 153
   handling and Flow-Binding extensions, errata E-18, draft-02 Multiple
   Tunnel Request, hook failure atomicity. Replies are built with
   mipfb_mip4_encode and signed with the node's key; the host is
   tests/fake_host. */
#include <string.h>

#include <mipfb/mipfb.h>

#include "fake_host.h"
#include "test_helper.h"

#define HA_ADDR 0x0a000001u /* 10.0.0.1 */
#define HOA 0x0a000002u     /* 10.0.0.2 */
#define COA_A 0xc0000205u   /* 192.0.2.5 */
#define COA_A2 0xc0000206u  /* 192.0.2.6 */
#define COA_B 0xc6336405u   /* 198.51.100.5 */
#define COA_C 0xcb007105u   /* 203.0.113.5 */
#define FA_ADDR 0xcb007101u /* 203.0.113.1 */
#define CN 0x08080808u      /* 8.8.8.8 */
#define IF_A 11
#define IF_B 12
#define IF_C 13
#define SPI 0x200u

static fake_host host;
static mipfb_mn4 *mn;
static uint64_t mem[65536];
static mipfb_mn4_config cfg;
static mipfb_hmac_md5_key key;
static const uint8_t KEY[16] = "mn4-secret-key!!";
static mipfb_mip4_msg rx;             /* last decoded request */
static mipfb_mip4_ext rx_ext[32];
static uint8_t rp[2048];

/* ---- helpers ---- */

static void cfg_default(void) {
  fake_host_init(&host);
  fake_host_add_key(&host, SPI, HOA, KEY, 1);
  mipfb_hmac_md5_key_init(&key, KEY, 16);
  mipfb_mn4_config_default(&cfg);
  cfg.hoa = HOA;
  cfg.ha_addr = HA_ADDR;
  cfg.spi = SPI;
}

static void start(void) {
  size_t need = mipfb_mn4_mem_size(&cfg);
  ck_assert_uint_gt(need, 0);
  ck_assert_uint_le(need, sizeof mem);
  ck_assert_int_eq(mipfb_mn4_init(&mn, mem, sizeof mem, &cfg, &FAKE_HOOKS, &host, 0), 0);
}

static void setup(void) {
  cfg_default();
  start();
}

static mipfb_mn4_iface ifc(uint32_t id, uint32_t coa, uint32_t fa, uint8_t att, uint8_t label) {
  mipfb_mn4_iface i;
  memset(&i, 0, sizeof i);
  i.id = id;
  i.coa = coa;
  i.fa_addr = fa;
  i.if_att = att;
  i.if_label = label;
  return i;
}

static int up(uint64_t now, uint32_t id, uint32_t coa) {
  mipfb_mn4_iface i = ifc(id, coa, 0, (uint8_t)(id == IF_A ? 3 : 4), (uint8_t)(id - 10));
  return mipfb_mn4_iface_up(mn, now, &i);
}

/* Decode sent message k (must verify with the key) into rx. */
static const fake_sent *sent(size_t k) {
  const fake_sent *s;
  const mipfb_mip4_ext *auth;
  ck_assert_uint_lt(k, host.n_sent);
  s = &host.sent[k];
  ck_assert_int_eq(mipfb_mip4_decode(&rx, rx_ext, 32, s->buf, s->len, &cfg.cp, NULL), (mipfb_ssize)s->len);
  ck_assert_uint_eq(rx.type, MIPFB_MIP4_RRQ);
  ck_assert_uint_eq(rx.hoa, HOA);
  ck_assert_uint_eq(rx.ha, HA_ADDR);
  auth = mipfb_mip4_find(&rx, MIPFB_MIP4_EXT_MN_HA_AUTH);
  ck_assert_ptr_nonnull(auth);
  ck_assert_uint_eq(auth->u.auth.spi, SPI);
  ck_assert_int_eq(mipfb_mip4_auth_verify(s->buf, s->len, auth, &key), 0);
  return s;
}

static const fake_sent *last(void) { return sent(host.n_sent - 1); }

static const mipfb_mip4_multipath *mpath(void) {
  const mipfb_mip4_ext *e = mipfb_mip4_find(&rx, MIPFB_MIP4_EXT_MULTIPATH);
  return e != NULL ? &e->u.multipath : NULL;
}

static size_t count_fb(void) {
  size_t i, n = 0;
  for (i = 0; i < rx.n_ext; i++) {
    n += rx.ext[i].kind == MIPFB_MIP4_EXT_FLOW_BINDING;
  }
  return n;
}

static const mipfb_mip4_flow_binding *fb_at(size_t k) {
  size_t i;
  for (i = 0; i < rx.n_ext; i++) {
    if (rx.ext[i].kind == MIPFB_MIP4_EXT_FLOW_BINDING && k-- == 0) {
      return &rx.ext[i].u.flow_binding;
    }
  }
  return NULL;
}

/* A reply signed with key k and SPI spi, with optional Flow-Binding
   extensions. */
static size_t build_rrp(uint8_t code, uint16_t lifetime, uint64_t id, const mipfb_mip4_flow_binding *fb, size_t nfb,
                        const mipfb_hmac_md5_key *k, uint32_t spi) {
  mipfb_mip4_msg m;
  mipfb_mip4_ext e[10];
  mipfb_ssize n;
  size_t i;
  memset(&m, 0, sizeof m);
  memset(e, 0, sizeof e);
  m.type = MIPFB_MIP4_RRP;
  m.code = code;
  m.lifetime = lifetime;
  m.hoa = HOA;
  m.ha = HA_ADDR;
  m.id = id;
  for (i = 0; i < nfb; i++) {
    e[i].kind = MIPFB_MIP4_EXT_FLOW_BINDING;
    e[i].u.flow_binding = fb[i];
  }
  e[nfb].kind = MIPFB_MIP4_EXT_MN_HA_AUTH;
  e[nfb].u.auth.spi = spi;
  e[nfb].u.auth.key = k;
  m.ext = e;
  m.n_ext = k != NULL ? nfb + 1 : nfb; /* k NULL: no MN-HA extension */
  n = mipfb_mip4_encode(rp, sizeof rp, &m, &cfg.cp, NULL);
  ck_assert_int_gt(n, 0);
  return (size_t)n;
}

static int reply_fb(uint64_t now, uint8_t code, uint16_t lifetime, uint64_t id, const mipfb_mip4_flow_binding *fb,
                    size_t nfb) {
  size_t n = build_rrp(code, lifetime, id, fb, nfb, &key, SPI);
  return mipfb_mn4_input(mn, now, rp, n, NULL);
}

static int reply(uint64_t now, uint8_t code, uint16_t lifetime, uint64_t id) {
  return reply_fb(now, code, lifetime, id, NULL, 0);
}

/* Identification of the request in flight of an interface. */
static uint64_t req_id(uint32_t id) {
  mipfb_mn4_binding b;
  ck_assert_int_eq(mipfb_mn4_binding_info(mn, id, 0, &b), 0);
  return b.id;
}

static mipfb_mn4_binding info(uint32_t id, uint64_t now) {
  mipfb_mn4_binding b;
  ck_assert_int_eq(mipfb_mn4_binding_info(mn, id, now, &b), 0);
  return b;
}

/* Bring an interface up and have its registration accepted. */
static void reg(uint64_t now, uint32_t id, uint32_t coa, uint16_t granted) {
  ck_assert_int_eq(up(now, id, coa), 0);
  ck_assert_int_eq(reply(now, 0, granted, req_id(id)), 0);
  ck_assert_uint_eq(info(id, now).state, MIPFB_MN4_REGISTERED);
}

/* IPv4 UDP packet from the home address (sport) to CN (dport). */
static size_t udp_pkt(uint8_t *p, uint16_t sport, uint16_t dport) {
  memset(p, 0, 28);
  p[0] = 0x45;
  p[3] = 28;
  p[8] = 64;
  p[9] = 17;
  p[12] = (uint8_t)(HOA >> 24);
  p[13] = (uint8_t)(HOA >> 16);
  p[14] = (uint8_t)(HOA >> 8);
  p[15] = (uint8_t)HOA;
  p[16] = (uint8_t)(CN >> 24);
  p[17] = (uint8_t)(CN >> 16);
  p[18] = (uint8_t)(CN >> 8);
  p[19] = (uint8_t)CN;
  p[20] = (uint8_t)(sport >> 8);
  p[21] = (uint8_t)sport;
  p[22] = (uint8_t)(dport >> 8);
  p[23] = (uint8_t)dport;
  p[25] = 8;
  return 28;
}

/* A to-MN selector: UDP to the node's port. */
static mipfb_ts ts_udp_port(uint16_t mn_port) {
  mipfb_ts ts;
  memset(&ts, 0, sizeof ts);
  ts.format = MIPFB_TS_FORMAT_IPV4;
  ts.fields = MIPFB_TS_DPORT_START | MIPFB_TS_PROTO_START;
  ts.dport_start = mn_port;
  ts.proto_start = 17;
  return ts;
}

static mipfb_policy_rule fwd_rule(uint16_t mn_port, const uint16_t *bids, uint8_t n) {
  mipfb_policy_rule r;
  memset(&r, 0, sizeof r);
  r.ts = ts_udp_port(mn_port);
  r.action = MIPFB_ACTION_FORWARD;
  r.n_bids = n;
  memcpy(r.bids, bids, n * sizeof *bids);
  return r;
}

/* ---- RFC 7629 5.1: one registration per interface ---- */

/* RFC 7629 5.1 / agents.md: each interface sends its own request on that
   interface, to the home agent (co-located CoA, D set), with a Multipath
   extension carrying its BID, If-ATT and If-Label; O = 0, B = 0. */
START_TEST(test_mn4_rfc7629_5_1_one_request_per_interface) {
  const fake_sent *s;
  const mipfb_mip4_multipath *mp;
  ck_assert_int_eq(up(0, IF_A, COA_A), 0);
  ck_assert_int_eq(up(0, IF_B, COA_B), 0);
  ck_assert_uint_eq(host.n_sent, 2);
  s = sent(0);
  ck_assert_uint_eq(s->to.ifindex, IF_A);
  ck_assert_uint_eq(mipfb_addr_ipv4_value(&s->to.dst), HA_ADDR);
  ck_assert_uint_eq(mipfb_addr_ipv4_value(&s->to.src), COA_A);
  ck_assert_uint_eq(s->to.dport, MIPFB_MIP4_PORT);
  ck_assert_uint_eq(rx.coa, COA_A);
  ck_assert_uint_eq(rx.lifetime, 600);
  ck_assert_uint_eq(rx.flags, MIPFB_MIP4_FLAG_D);
  mp = mpath();
  ck_assert_ptr_nonnull(mp);
  ck_assert_uint_eq(mp->bid, 1);
  ck_assert_uint_eq(mp->if_att, 3);
  ck_assert_uint_eq(mp->if_label, 1);
  ck_assert_uint_eq(mp->b, 0);
  ck_assert_uint_eq(mp->o, 0);
  s = sent(1);
  ck_assert_uint_eq(s->to.ifindex, IF_B);
  ck_assert_uint_eq(rx.coa, COA_B);
  mp = mpath();
  ck_assert_ptr_nonnull(mp);
  ck_assert_uint_eq(mp->bid, 2);
  ck_assert_uint_eq(mp->if_att, 4);
  ck_assert_uint_eq(mp->if_label, 2);
  ck_assert_uint_eq(info(IF_A, 0).state, MIPFB_MN4_REGISTERING);
  ck_assert_uint_eq(info(IF_B, 0).bid, 2);
  ck_assert(mipfb_mn4_next_deadline(mn) == 1000);
  ck_assert(host.deadline == 1000);
}
END_TEST

/* RFC 5944 3.6.1.2: with a foreign agent care-of address the request goes
   to the foreign agent, the CoA field is the FA's address, D is clear. */
START_TEST(test_mn4_rfc5944_3_6_fa_coa_request_sent_to_fa) {
  mipfb_mn4_iface i = ifc(IF_C, COA_C, FA_ADDR, 1, 7);
  const fake_sent *s;
  const mipfb_tunnel_event *ev;
  ck_assert_int_eq(mipfb_mn4_iface_up(mn, 0, &i), 0);
  s = last();
  ck_assert_uint_eq(mipfb_addr_ipv4_value(&s->to.dst), FA_ADDR);
  ck_assert_uint_eq(mipfb_addr_ipv4_value(&s->to.src), COA_C);
  ck_assert_uint_eq(s->to.ifindex, IF_C);
  ck_assert_uint_eq(rx.coa, FA_ADDR);
  ck_assert_uint_eq(rx.flags & MIPFB_MIP4_FLAG_D, 0);
  ck_assert_uint_eq(mpath()->if_label, 7);
  ck_assert_int_eq(reply(10, 0, 600, rx.id), 0);
  ck_assert_uint_eq(host.n_tun, 1);
  ev = &host.tun[0];
  ck_assert_uint_eq(mipfb_addr_ipv4_value(&ev->local), FA_ADDR);
  ck_assert_uint_eq(info(IF_C, 10).coa, FA_ADDR);
  ck_assert_uint_eq(info(IF_C, 10).fa_addr, FA_ADDR);
}
END_TEST

/* RFC 5944 3.6.2.1: a foreign agent's own denial has no MN-HA extension
   (the FA has no key): taken for a request sent through that FA (an FA
   code, and the FA's Multiple Tunnel denial turns multipath off); the
   same unsigned reply for a co-located registration, or with an HA code,
   is discarded. */
START_TEST(test_mn4_rfc5944_3_6_2_1_unsigned_fa_denial) {
  mipfb_mn4_iface i = ifc(IF_C, COA_C, FA_ADDR, 1, 7);
  size_t n;
  ck_assert_int_eq(up(0, IF_A, COA_A), 0);
  n = build_rrp(65, 0, req_id(IF_A), NULL, 0, NULL, 0);
  ck_assert_int_eq(mipfb_mn4_input(mn, 10, rp, n, NULL), MIPFB_ERR_AUTH);
  ck_assert_int_eq(mipfb_mn4_iface_up(mn, 0, &i), 0);
  n = build_rrp(130, 0, req_id(IF_C), NULL, 0, NULL, 0);
  ck_assert_int_eq(mipfb_mn4_input(mn, 10, rp, n, NULL), MIPFB_ERR_AUTH);
  ck_assert_uint_eq(info(IF_C, 10).state, MIPFB_MN4_REGISTERING);
  n = build_rrp(66, 0, req_id(IF_C), NULL, 0, NULL, 0);
  ck_assert_int_eq(mipfb_mn4_input(mn, 10, rp, n, NULL), 66);
  ck_assert_uint_eq(info(IF_C, 10).state, MIPFB_MN4_FAILED);
  ck_assert_uint_eq(info(IF_C, 10).last_code, 66);
  ck_assert_int_eq(mipfb_mn4_timeout(mn, 1010), 0); /* retried after the backoff */
  ck_assert_uint_eq(info(IF_C, 1010).state, MIPFB_MN4_REGISTERING);
  n = build_rrp(cfg.cp.mip4_code_mtunnel_denied_fa, 0, req_id(IF_C), NULL, 0, NULL, 0);
  ck_assert_int_eq(mipfb_mn4_input(mn, 1020, rp, n, NULL), cfg.cp.mip4_code_mtunnel_denied_fa);
  ck_assert_int_eq(mipfb_mn4_multipath_enabled(mn), 0);
}
END_TEST

/* agents.md: each interface keeps its BID (the lowest free one at its
   first up) across CoA changes and down/up; errata E-18: a new CoA on a
   registered BID is sent with O = 0 by default. */
START_TEST(test_mn4_e18_bid_stable_and_o_clear_on_coa_change) {
  reg(0, IF_A, COA_A, 600);
  reg(0, IF_B, COA_B, 600);
  host.n_sent = 0;
  ck_assert_int_eq(up(100, IF_A, COA_A2), 0);
  ck_assert_uint_eq(host.n_sent, 1);
  last();
  ck_assert_uint_eq(rx.coa, COA_A2);
  ck_assert_uint_eq(mpath()->bid, 1);
  ck_assert_uint_eq(mpath()->o, 0);
  ck_assert_uint_eq(info(IF_A, 100).state, MIPFB_MN4_REFRESHING);
  /* accepted: tunnel CHANGE, not a second ADD */
  ck_assert_int_eq(reply(200, 0, 600, rx.id), 0);
  ck_assert_uint_eq(host.tun[host.n_tun - 1].op, MIPFB_TUNNEL_CHANGE);
  ck_assert_uint_eq(mipfb_addr_ipv4_value(&host.tun[host.n_tun - 1].local), COA_A2);
  ck_assert_int_eq(fake_host_tunnels_alive(&host), 2);
  /* same parameters again: nothing is sent */
  host.n_sent = 0;
  ck_assert_int_eq(up(300, IF_A, COA_A2), 0);
  ck_assert_uint_eq(host.n_sent, 0);
  /* down and up again: same BID; a third interface takes BID 3 */
  ck_assert_int_eq(mipfb_mn4_iface_down(mn, 400, IF_A), 0);
  ck_assert_int_eq(up(500, IF_C, COA_C), 0);
  ck_assert_uint_eq(info(IF_C, 500).bid, 3);
  ck_assert_int_eq(up(600, IF_A, COA_A), 0);
  last();
  ck_assert_uint_eq(mpath()->bid, 1);
  ck_assert_uint_eq(info(IF_A, 600).bid, 1);
}
END_TEST

/* Errata E-18 / RFC 7629 5.1 literal reading: literal_overwrite sets O = 1
   on a CoA change of a registered binding (never on the first one). */
START_TEST(test_mn4_e18_literal_overwrite_sets_o) {
  cfg.literal_overwrite = 1;
  start();
  ck_assert_int_eq(up(0, IF_A, COA_A), 0);
  last();
  ck_assert_uint_eq(mpath()->o, 0);
  ck_assert_int_eq(reply(10, 0, 600, rx.id), 0);
  ck_assert_int_eq(up(20, IF_A, COA_A2), 0);
  last();
  ck_assert_uint_eq(mpath()->o, 1);
  ck_assert_uint_eq(mpath()->b, 0);
}
END_TEST

/* ---- RFC 5944 3.6.3 / 5.7: retransmission and Identification ---- */

/* agents.md: no reply within 1 s: resend with a new, strictly greater
   Identification, the wait doubling up to retrans_max_ms. */
START_TEST(test_mn4_rfc5944_3_6_3_retransmission_backoff_new_id) {
  uint64_t t = 0, prev;
  static const uint32_t waits[] = {1000, 2000, 4000, 4000, 4000};
  size_t i;
  mipfb_mn4_stats st;
  cfg.retrans_max_ms = 4000;
  cfg.max_retrans = 6;
  start();
  ck_assert_int_eq(up(0, IF_A, COA_A), 0);
  prev = req_id(IF_A);
  ck_assert((prev >> 16) == (fake_host_ntp(&host, 0) >> 16)); /* low 16 bits random (5.7) */
  for (i = 0; i < 5; i++) {
    uint64_t due = t + waits[i];
    ck_assert(mipfb_mn4_next_deadline(mn) == due);
    ck_assert_int_eq(mipfb_mn4_timeout(mn, due - 1), 0); /* early: harmless */
    ck_assert_uint_eq(host.n_sent, i + 1);
    ck_assert_int_eq(mipfb_mn4_timeout(mn, due), 0);
    ck_assert_uint_eq(host.n_sent, i + 2);
    last();
    ck_assert(rx.id > prev);
    ck_assert(rx.id == req_id(IF_A));
    ck_assert_uint_eq(mpath()->bid, 1);
    prev = rx.id;
    t = due;
  }
  ck_assert_uint_eq(info(IF_A, t).retransmissions, 5);
  mipfb_mn4_get_stats(mn, &st);
  ck_assert_uint_eq(st.requests_sent, 6);
  ck_assert_uint_eq(st.retransmissions, 5);
}
END_TEST

/* agents.md: after max_retrans transmissions the binding fails and waits
   for the next interface event. */
START_TEST(test_mn4_rfc5944_3_6_3_max_retrans_fails) {
  mipfb_mn4_stats st;
  cfg.max_retrans = 3;
  start();
  ck_assert_int_eq(up(0, IF_A, COA_A), 0);
  ck_assert_int_eq(mipfb_mn4_timeout(mn, 1000), 0);
  ck_assert_int_eq(mipfb_mn4_timeout(mn, 3000), 0);
  ck_assert_uint_eq(host.n_sent, 3);
  ck_assert_int_eq(mipfb_mn4_timeout(mn, 7000), 0);
  ck_assert_uint_eq(host.n_sent, 3);
  ck_assert_uint_eq(info(IF_A, 7000).state, MIPFB_MN4_FAILED);
  ck_assert(mipfb_mn4_next_deadline(mn) == MIPFB_NO_DEADLINE);
  ck_assert(host.deadline == MIPFB_NO_DEADLINE);
  mipfb_mn4_get_stats(mn, &st);
  ck_assert_uint_eq(st.binding_failures, 1);
  /* the next interface event retries */
  ck_assert_int_eq(up(8000, IF_A, COA_A), 0);
  ck_assert_uint_eq(host.n_sent, 4);
  ck_assert_uint_eq(info(IF_A, 8000).state, MIPFB_MN4_REGISTERING);
}
END_TEST

/* RFC 5944 5.7: a reply whose low 32 bits match no request in flight (a
   late answer to an earlier transmission) is discarded. */
START_TEST(test_mn4_rfc5944_5_7_late_reply_to_retransmitted_request_discarded) {
  uint64_t old;
  ck_assert_int_eq(up(0, IF_A, COA_A), 0);
  old = req_id(IF_A);
  ck_assert_int_eq(mipfb_mn4_timeout(mn, 1000), 0); /* a whole second later: same clock fraction */
  ck_assert((uint32_t)req_id(IF_A) != (uint32_t)old);
  ck_assert_int_eq(reply(1100, 0, 600, old), MIPFB_ERR_NOT_FOUND);
  ck_assert_uint_eq(host.n_tun, 0);
  /* the random hook failing: the timestamp as it is, still increasing */
  host.fail_random = 1;
  old = req_id(IF_A);
  ck_assert_int_eq(mipfb_mn4_timeout(mn, 3000), 0);
  ck_assert(req_id(IF_A) > old);
  ck_assert(req_id(IF_A) == fake_host_ntp(&host, 3000));
}
END_TEST

START_TEST(test_mn4_rfc5944_5_7_late_reply_to_old_id_discarded) {
  uint64_t old;
  ck_assert_int_eq(up(0, IF_A, COA_A), 0);
  old = req_id(IF_A);
  ck_assert_int_eq(up(300, IF_A, COA_A2), 0); /* new CoA: a new request */
  ck_assert(req_id(IF_A) > old);
  ck_assert_int_eq(reply(400, 0, 600, old), MIPFB_ERR_NOT_FOUND);
  ck_assert_uint_eq(info(IF_A, 400).state, MIPFB_MN4_REGISTERING);
  ck_assert_uint_eq(host.n_tun, 0);
  ck_assert_int_eq(reply(400, 0, 600, req_id(IF_A)), 0);
  ck_assert_uint_eq(info(IF_A, 400).state, MIPFB_MN4_REGISTERED);
  ck_assert_uint_eq(mipfb_addr_ipv4_value(&host.tun[0].local), COA_A2);
}
END_TEST

/* ---- accepted replies, lifetime and refresh ---- */

/* agents.md: lifetime = min(requested, granted); tunnel ADD with the
   agent.h fields; refresh at 80 % of it, same BID, O = 0. */
START_TEST(test_mn4_rfc5944_3_6_2_accept_lifetime_min_and_refresh) {
  const mipfb_tunnel_event *ev;
  mipfb_mn4_binding b;
  cfg.reg_flags = MIPFB_MIP4_FLAG_T | MIPFB_MIP4_FLAG_G;
  start();
  ck_assert_int_eq(up(0, IF_A, COA_A), 0);
  last();
  ck_assert_uint_eq(rx.flags, MIPFB_MIP4_FLAG_T | MIPFB_MIP4_FLAG_G | MIPFB_MIP4_FLAG_D);
  ck_assert_int_eq(reply(500, 0, 300, rx.id), 0);
  ck_assert_uint_eq(host.n_tun, 1);
  ev = &host.tun[0];
  ck_assert_uint_eq(ev->op, MIPFB_TUNNEL_ADD);
  ck_assert_uint_eq(ev->role, MIPFB_ROLE_MN4);
  ck_assert_uint_eq(ev->bid, 1);
  ck_assert_uint_eq(ev->ifindex, IF_A);
  ck_assert_uint_eq(ev->lifetime_s, 300);
  ck_assert_uint_eq(ev->if_att, 3);
  ck_assert_uint_eq(ev->if_label, 1);
  ck_assert_uint_eq(ev->encap, MIPFB_ENCAP_GRE);
  ck_assert_uint_eq(ev->reverse, 1);
  ck_assert_uint_eq(mipfb_addr_ipv4_value(&ev->hoa), HOA);
  ck_assert_uint_eq(mipfb_addr_ipv4_value(&ev->local), COA_A);
  ck_assert_uint_eq(mipfb_addr_ipv4_value(&ev->remote), HA_ADDR);
  b = info(IF_A, 1500);
  ck_assert_uint_eq(b.lifetime_s, 300);
  ck_assert(b.remaining_ms == 299000);
  ck_assert(mipfb_mn4_next_deadline(mn) == 500 + 240000);
  host.n_sent = 0;
  ck_assert_int_eq(mipfb_mn4_timeout(mn, 500 + 240000), 0);
  ck_assert_uint_eq(host.n_sent, 1);
  last();
  ck_assert_uint_eq(mpath()->bid, 1);
  ck_assert_uint_eq(mpath()->o, 0);
  ck_assert_uint_eq(mpath()->b, 0);
  ck_assert_uint_eq(info(IF_A, 240500).state, MIPFB_MN4_REFRESHING);
  /* a larger grant is cut to the request's lifetime */
  ck_assert_int_eq(reply(241000, 0, 900, rx.id), 0);
  ck_assert_uint_eq(info(IF_A, 241000).lifetime_s, 600);
  ck_assert_uint_eq(host.tun[host.n_tun - 1].op, MIPFB_TUNNEL_CHANGE);
  ck_assert_uint_eq(host.tun[host.n_tun - 1].lifetime_s, 600);
  ck_assert(mipfb_mn4_next_deadline(mn) == 241000 + 480000);
}
END_TEST

/* agents.md: a binding whose refresh is never answered expires: tunnel
   REMOVE when its lifetime runs out. */
START_TEST(test_mn4_rfc5944_3_6_expiry_without_refresh) {
  mipfb_mn4_stats st;
  uint64_t t;
  cfg.retrans_max_ms = 1000;
  cfg.max_retrans = 100;
  start();
  reg(0, IF_A, COA_A, 10);
  for (t = 8000; t <= 10000; t = mipfb_mn4_next_deadline(mn)) {
    ck_assert_int_eq(mipfb_mn4_timeout(mn, t), 0);
  }
  ck_assert_int_eq(fake_host_tunnel_alive(&host, HOA, 1), 0);
  mipfb_mn4_get_stats(mn, &st);
  ck_assert_uint_eq(st.expiries, 1);
  ck_assert_uint_eq(info(IF_A, t).state, MIPFB_MN4_REGISTERING);
}
END_TEST

/* RFC 7629 5.1 (B flag, errata E-5): with bulk_refresh one B = 1 request
   refreshes every binding. */
START_TEST(test_mn4_rfc7629_5_1_bulk_refresh_b_flag) {
  uint64_t due;
  cfg.bulk_refresh = 1;
  start();
  reg(0, IF_A, COA_A, 100);
  reg(1000, IF_B, COA_B, 100);
  due = mipfb_mn4_next_deadline(mn);
  ck_assert(due == 80000);
  host.n_sent = 0;
  ck_assert_int_eq(mipfb_mn4_timeout(mn, due), 0);
  ck_assert_uint_eq(host.n_sent, 1);
  last();
  ck_assert_uint_eq(host.sent[0].to.ifindex, IF_A);
  ck_assert_uint_eq(mpath()->b, 1);
  ck_assert_uint_eq(mpath()->o, 0);
  ck_assert_uint_eq(mpath()->bid, 1);
  ck_assert_uint_eq(info(IF_B, due).state, MIPFB_MN4_REFRESHING);
  /* nothing else is due for B: it rides on A's request */
  ck_assert(mipfb_mn4_next_deadline(mn) == due + 1000);
  ck_assert_int_eq(mipfb_mn4_timeout(mn, due + 500), 0);
  ck_assert_uint_eq(host.n_sent, 1);
  ck_assert_int_eq(reply(80900, 0, 100, rx.id), 0);
  ck_assert_uint_eq(info(IF_A, 80900).state, MIPFB_MN4_REGISTERED);
  ck_assert_uint_eq(info(IF_B, 80900).state, MIPFB_MN4_REGISTERED);
  ck_assert(info(IF_B, 80900).remaining_ms == 100000);
  ck_assert(mipfb_mn4_next_deadline(mn) == 80900 + 80000);
}
END_TEST

/* RFC 7629 5.1 (B flag): when the B = 1 request goes unanswered, the
   binding that sent it fails and the bindings it covered refresh on
   their own in the same timeout call. */
START_TEST(test_mn4_rfc7629_5_1_bulk_refresh_unanswered_uncovers) {
  cfg.bulk_refresh = 1;
  cfg.max_retrans = 2;
  start();
  ck_assert_int_eq(up(0, IF_A, COA_A), 0);
  ck_assert_int_eq(up(0, IF_B, COA_B), 0);
  ck_assert_int_eq(reply(0, 0, 100, req_id(IF_B)), 0);
  ck_assert_int_eq(reply(1000, 0, 100, req_id(IF_A)), 0);
  host.n_sent = 0;
  ck_assert_int_eq(mipfb_mn4_timeout(mn, 80000), 0); /* B's refresh, B = 1, covers A */
  last();
  ck_assert_uint_eq(host.sent[0].to.ifindex, IF_B);
  ck_assert_uint_eq(mpath()->b, 1);
  ck_assert_uint_eq(info(IF_A, 80000).state, MIPFB_MN4_REFRESHING);
  ck_assert_int_eq(mipfb_mn4_timeout(mn, 81000), 0);
  ck_assert_uint_eq(host.n_sent, 2);
  ck_assert_int_eq(mipfb_mn4_timeout(mn, 83000), 0);
  ck_assert_uint_eq(info(IF_B, 83000).state, MIPFB_MN4_FAILED);
  ck_assert_uint_eq(info(IF_A, 83000).state, MIPFB_MN4_REFRESHING);
  ck_assert_uint_eq(host.n_sent, 3);
  last();
  ck_assert_uint_eq(host.sent[2].to.ifindex, IF_A);
  ck_assert_uint_eq(mpath()->bid, 1); /* (itself a B = 1 refresh: bulk_refresh is on) */
  ck_assert(mipfb_mn4_next_deadline(mn) > 83000);
}
END_TEST

/* ---- deregistration ---- */

/* RFC 7629 5.1: deregistering one binding: lifetime 0, its BID, B = O = 0,
   on its interface; the tunnel goes at once; the reply ends it. */
START_TEST(test_mn4_rfc7629_5_1_deregister_one) {
  reg(0, IF_A, COA_A, 600);
  reg(0, IF_B, COA_B, 600);
  host.n_sent = 0;
  ck_assert_int_eq(mipfb_mn4_deregister(mn, 100, IF_A), 0);
  ck_assert_uint_eq(host.n_sent, 1);
  last();
  ck_assert_uint_eq(host.sent[0].to.ifindex, IF_A);
  ck_assert_uint_eq(rx.lifetime, 0);
  ck_assert_uint_eq(rx.coa, COA_A);
  ck_assert_uint_eq(mpath()->bid, 1);
  ck_assert_uint_eq(mpath()->b, 0);
  ck_assert_uint_eq(mpath()->o, 0);
  ck_assert_int_eq(fake_host_tunnel_alive(&host, HOA, 1), 0);
  ck_assert_int_eq(fake_host_tunnel_alive(&host, HOA, 2), 1);
  ck_assert_uint_eq(info(IF_A, 100).state, MIPFB_MN4_DEREGISTERING);
  ck_assert_uint_eq(info(IF_A, 100).up, 1);
  ck_assert_int_eq(reply(200, 0, 0, rx.id), 0);
  ck_assert_uint_eq(info(IF_A, 200).state, MIPFB_MN4_IDLE);
  /* stays idle until the next interface event */
  ck_assert_int_eq(mipfb_mn4_timeout(mn, 1000000), 0);
  ck_assert_uint_eq(info(IF_A, 1000000).state, MIPFB_MN4_IDLE);
  ck_assert_int_eq(mipfb_mn4_deregister(mn, 100, 99), MIPFB_ERR_NOT_FOUND);
}
END_TEST

/* agents.md: an interface going down is deregistered over another
   registered interface; with none left, nothing is sent. */
START_TEST(test_mn4_agents_md_iface_down_dereg_over_other) {
  reg(0, IF_A, COA_A, 600);
  reg(0, IF_B, COA_B, 600);
  host.n_sent = 0;
  ck_assert_int_eq(mipfb_mn4_iface_down(mn, 100, IF_A), 0);
  ck_assert_uint_eq(host.n_sent, 1);
  last();
  ck_assert_uint_eq(host.sent[0].to.ifindex, IF_B);
  ck_assert_uint_eq(mipfb_addr_ipv4_value(&host.sent[0].to.src), COA_B);
  ck_assert_uint_eq(rx.lifetime, 0);
  ck_assert_uint_eq(rx.coa, COA_A);
  ck_assert_uint_eq(mpath()->bid, 1);
  ck_assert_int_eq(fake_host_tunnel_alive(&host, HOA, 1), 0);
  ck_assert_uint_eq(info(IF_A, 100).up, 0);
  ck_assert_uint_eq(info(IF_A, 100).state, MIPFB_MN4_DEREGISTERING);
  ck_assert_int_eq(reply(150, 0, 0, rx.id), 0);
  ck_assert_uint_eq(info(IF_A, 150).state, MIPFB_MN4_IDLE);
  host.n_sent = 0;
  ck_assert_int_eq(mipfb_mn4_iface_down(mn, 200, IF_B), 0);
  ck_assert_uint_eq(host.n_sent, 0);
  ck_assert_int_eq(fake_host_tunnels_alive(&host), 0);
  ck_assert_int_eq(mipfb_mn4_iface_down(mn, 200, 99), MIPFB_ERR_NOT_FOUND);
}
END_TEST

/* RFC 7629 5.1 (B = 1, lifetime 0; errata E-5), RFC 5944 3.6.1.2: going
   home deregisters everything with one request, CoA = home address. */
START_TEST(test_mn4_rfc7629_5_1_go_home_bulk_dereg) {
  const fake_sent *s;
  reg(0, IF_A, COA_A, 600);
  reg(0, IF_B, COA_B, 600);
  host.n_sent = 0;
  ck_assert_int_eq(mipfb_mn4_go_home(mn, 100), 0);
  ck_assert_uint_eq(host.n_sent, 1);
  s = last();
  ck_assert_uint_eq(s->to.ifindex, 0);
  ck_assert_uint_eq(mipfb_addr_ipv4_value(&s->to.src), HOA);
  ck_assert_uint_eq(mipfb_addr_ipv4_value(&s->to.dst), HA_ADDR);
  ck_assert_uint_eq(rx.lifetime, 0);
  ck_assert_uint_eq(rx.coa, HOA);
  ck_assert_uint_eq(mpath()->b, 1);
  ck_assert_uint_eq(mpath()->o, 0);
  ck_assert_int_eq(fake_host_tunnels_alive(&host), 0);
  ck_assert_uint_eq(info(IF_A, 100).state, MIPFB_MN4_IDLE);
  ck_assert_uint_eq(info(IF_B, 100).state, MIPFB_MN4_IDLE);
  /* retransmitted until answered */
  ck_assert_int_eq(mipfb_mn4_timeout(mn, 1100), 0);
  ck_assert_uint_eq(host.n_sent, 2);
  last();
  ck_assert_int_eq(reply(1200, 0, 0, rx.id), 0);
  ck_assert(mipfb_mn4_next_deadline(mn) == MIPFB_NO_DEADLINE);
}
END_TEST

/* ---- 152 / 153 / 133 / other codes ---- */

/* RFC 7629 5.1 / 4.3: MULTIPATH_NOT_ALLOWED: multipath off, one binding
   registered without Multipath extension; classification uses it. */
START_TEST(test_mn4_rfc7629_5_1_code152_single_binding) {
  uint8_t pkt[64];
  size_t n = udp_pkt(pkt, 5001, 80);
  mipfb_policy_decision d;
  uint32_t id;
  ck_assert_int_eq(up(0, IF_A, COA_A), 0);
  ck_assert_int_eq(up(0, IF_B, COA_B), 0);
  host.n_sent = 0;
  ck_assert_int_eq(reply(100, 152, 0, req_id(IF_A)), 152);
  ck_assert_int_eq(mipfb_mn4_multipath_enabled(mn), 0);
  ck_assert_uint_eq(host.n_sent, 1);
  last();
  ck_assert_uint_eq(host.sent[0].to.ifindex, IF_A);
  ck_assert_ptr_null(mpath());
  ck_assert_uint_eq(count_fb(), 0);
  ck_assert_uint_eq(info(IF_B, 100).state, MIPFB_MN4_IDLE);
  /* B's old request is no longer in flight */
  ck_assert_int_eq(reply(100, 0, 600, req_id(IF_B)), MIPFB_ERR_NOT_FOUND);
  ck_assert_int_eq(reply(200, 0, 600, rx.id), 0);
  ck_assert_uint_eq(host.tun[host.n_tun - 1].bid, 0);
  ck_assert_int_eq(mipfb_mn4_classify_packet(mn, pkt, n, &d), 0);
  ck_assert_uint_eq(d.kind, MIPFB_DECISION_FORWARD);
  ck_assert_uint_eq(d.bid, 0);
  ck_assert_int_eq(mipfb_mn4_bid_iface(mn, 0, &id), 0);
  ck_assert_uint_eq(id, IF_A);
  /* the single binding moves when its interface goes down */
  host.n_sent = 0;
  ck_assert_int_eq(mipfb_mn4_iface_down(mn, 300, IF_A), 0);
  ck_assert_uint_eq(host.n_sent, 1);
  last();
  ck_assert_uint_eq(host.sent[0].to.ifindex, IF_B);
  ck_assert_ptr_null(mpath());
  ck_assert_uint_eq(rx.coa, COA_B);
  ck_assert_int_eq(mipfb_mn4_bid_iface(mn, 0, &id), MIPFB_ERR_NOT_FOUND);
}
END_TEST

/* RFC 7629 5.1: INVALID_FB_IDENTIFIER: the bindings named by the
   request's Flow-Binding extensions are registered again (without the
   policy), then the policy is sent again. */
START_TEST(test_mn4_rfc7629_5_1_code153_reregister_then_policy) {
  static const uint16_t bids[] = {2, 1};
  mipfb_policy_rule r = fwd_rule(5001, bids, 2);
  size_t i;
  uint64_t ida = 0, idb = 0;
  reg(0, IF_A, COA_A, 600);
  reg(0, IF_B, COA_B, 600);
  host.n_sent = 0;
  ck_assert_int_eq(mipfb_mn4_set_policy(mn, 100, &r, 1), 0);
  ck_assert_uint_eq(host.n_sent, 1); /* a registered binding carries it at once */
  last();
  ck_assert_uint_eq(count_fb(), 1);
  ck_assert_int_eq(reply(150, 153, 0, rx.id), 153);
  /* both named bindings are registered again, without the policy */
  ck_assert_uint_eq(host.n_sent, 3);
  for (i = 1; i < 3; i++) {
    sent(i);
    ck_assert_uint_eq(count_fb(), 0);
    if (mpath()->bid == 1) {
      ida = rx.id;
    } else {
      idb = rx.id;
    }
  }
  ck_assert(ida != 0 && idb != 0);
  ck_assert_int_eq(reply(200, 0, 600, ida), 0);
  ck_assert_uint_eq(host.n_sent, 3);
  ck_assert_int_eq(reply(210, 0, 600, idb), 0);
  /* then the policy */
  ck_assert_uint_eq(host.n_sent, 4);
  last();
  ck_assert_uint_eq(count_fb(), 1);
  ck_assert_uint_eq(fb_at(0)->bid_count, 2);
}
END_TEST

/* RFC 5944 5.7 / 3.6.2.1: code 133 with the request's low 32 bits: the
   node takes the home agent's time and resends at once; wrong low 32
   bits: discarded, nothing sent. */
START_TEST(test_mn4_rfc5944_5_7_code133_resync) {
  uint64_t id, ha_time, bad;
  mipfb_mn4_stats st;
  ck_assert_int_eq(up(0, IF_A, COA_A), 0);
  id = req_id(IF_A);
  ha_time = fake_host_ntp(&host, 0) + ((uint64_t)3600 << 32); /* the HA is an hour ahead */
  bad = (ha_time & 0xFFFFFFFF00000000u) | (uint32_t)(id + 1u);
  ck_assert_int_eq(reply(100, 133, 0, bad), MIPFB_ERR_NOT_FOUND);
  ck_assert_uint_eq(host.n_sent, 1);
  mipfb_mn4_get_stats(mn, &st);
  ck_assert_uint_eq(st.clock_resyncs, 0);
  ck_assert_int_eq(reply(100, 133, 0, (ha_time & 0xFFFFFFFF00000000u) | (uint32_t)id), 133);
  ck_assert_uint_eq(host.n_sent, 2);
  last();
  ck_assert_uint_eq((uint32_t)(rx.id >> 32), (uint32_t)(ha_time >> 32));
  mipfb_mn4_get_stats(mn, &st);
  ck_assert_uint_eq(st.clock_resyncs, 1);
  ck_assert_int_eq(reply(200, 0, 600, rx.id), 0);
  ck_assert_uint_eq(info(IF_A, 200).state, MIPFB_MN4_REGISTERED);
  /* later Identifications keep following the home agent's clock */
  ck_assert_int_eq(up(300, IF_B, COA_B), 0);
  last();
  ck_assert_uint_eq((uint32_t)(rx.id >> 32), (uint32_t)(ha_time >> 32));
}
END_TEST

/* RFC 5944 3.6.2.2: a rejection (HA code 129, FA code 65) fails the
   binding and it is retried after the backoff. */
START_TEST(test_mn4_rfc5944_3_6_2_rejection_retried_with_backoff) {
  mipfb_mn4_binding b;
  ck_assert_int_eq(up(0, IF_A, COA_A), 0);
  ck_assert_int_eq(reply(100, 129, 0, req_id(IF_A)), 129);
  b = info(IF_A, 100);
  ck_assert_uint_eq(b.state, MIPFB_MN4_FAILED);
  ck_assert_uint_eq(b.last_code, 129);
  ck_assert(mipfb_mn4_next_deadline(mn) == 1100);
  ck_assert_int_eq(mipfb_mn4_timeout(mn, 1100), 0);
  ck_assert_uint_eq(host.n_sent, 2);
  ck_assert_uint_eq(info(IF_A, 1100).state, MIPFB_MN4_REGISTERING);
  ck_assert_int_eq(mipfb_mip4_code_is_fa(65, &cfg.cp), 1);
  ck_assert_int_eq(reply(1200, 65, 0, req_id(IF_A)), 65);
  ck_assert_uint_eq(info(IF_A, 1200).state, MIPFB_MN4_FAILED);
  ck_assert(mipfb_mn4_next_deadline(mn) == 1200 + 2000); /* doubled */
  /* a registered binding that is refused loses its tunnel */
  ck_assert_int_eq(mipfb_mn4_timeout(mn, 3200), 0);
  ck_assert_int_eq(reply(3300, 0, 600, req_id(IF_A)), 0);
  ck_assert_int_eq(up(3400, IF_A, COA_A2), 0);
  ck_assert_int_eq(reply(3500, 130, 0, req_id(IF_A)), 130);
  ck_assert_int_eq(fake_host_tunnel_alive(&host, HOA, 1), 0);
}
END_TEST

/* RFC 5944 3.6.2.1: replies that fail authentication (wrong key, other
   SPI, none) or name another node are discarded; nothing changes. */
START_TEST(test_mn4_rfc5944_3_6_2_1_bad_auth_discarded) {
  mipfb_hmac_md5_key other;
  mipfb_mn4_stats st;
  uint64_t id;
  size_t n;
  uint8_t buf[64];
  ck_assert_int_eq(up(0, IF_A, COA_A), 0);
  id = req_id(IF_A);
  mipfb_hmac_md5_key_init(&other, (const uint8_t *)"not-the-real-key", 16);
  n = build_rrp(0, 600, id, NULL, 0, &other, SPI);
  ck_assert_int_eq(mipfb_mn4_input(mn, 10, rp, n, NULL), MIPFB_ERR_AUTH);
  n = build_rrp(0, 600, id, NULL, 0, &key, SPI + 1);
  ck_assert_int_eq(mipfb_mn4_input(mn, 10, rp, n, NULL), MIPFB_ERR_AUTH);
  n = build_rrp(0, 600, id, NULL, 0, &key, SPI);
  memcpy(buf, rp, 20);
  ck_assert_int_eq(mipfb_mn4_input(mn, 10, buf, 20, NULL), MIPFB_ERR_AUTH); /* no extension */
  rp[4] ^= 1;                                                               /* another home address */
  ck_assert_int_eq(mipfb_mn4_input(mn, 10, rp, n, NULL), MIPFB_ERR_NOT_FOUND);
  ck_assert_int_eq(mipfb_mn4_input(mn, 10, rp, 5, NULL), MIPFB_ERR_TRUNCATED);
  ck_assert_uint_eq(host.n_tun, 0);
  ck_assert_uint_eq(info(IF_A, 10).state, MIPFB_MN4_REGISTERING);
  mipfb_mn4_get_stats(mn, &st);
  ck_assert_uint_eq(st.auth_failures, 3);
  ck_assert_uint_eq(st.replies_discarded, 5);
  /* no security association at all: discarded */
  host.fail_auth = 1;
  n = build_rrp(0, 600, id, NULL, 0, &key, SPI);
  ck_assert_int_eq(mipfb_mn4_input(mn, 10, rp, n, NULL), MIPFB_ERR_HOOK);
  ck_assert_uint_eq(host.n_tun, 0);
  ck_assert_int_eq(mipfb_mn4_input(mn, 10, rp, n, NULL), 0);
  ck_assert_uint_eq(host.n_tun, 1);
}
END_TEST

/* ---- flow policy ---- */

/* RFC 7629 4.2 / agents.md: Flow-Binding extensions list only the BIDs
   registered or registered by this request; DROP carries BID 255; a
   FORWARD rule left without BIDs is not sent. */
START_TEST(test_mn4_rfc7629_4_2_policy_to_fb_extensions) {
  static const uint16_t b1[] = {5, 2, 1};
  static const uint16_t b2[] = {6};
  mipfb_policy_rule r[3];
  const mipfb_mip4_flow_binding *fb;
  r[0] = fwd_rule(5001, b1, 3);
  r[1] = fwd_rule(5002, b2, 1);
  memset(&r[2], 0, sizeof r[2]);
  r[2].ts = ts_udp_port(5003);
  r[2].action = MIPFB_ACTION_DROP;
  reg(0, IF_A, COA_A, 600);
  ck_assert_int_eq(mipfb_mn4_set_policy(mn, 10, r, 3), 0);
  last();
  ck_assert_uint_eq(count_fb(), 2);
  fb = fb_at(0);
  ck_assert_uint_eq(fb->action, cfg.cp.mip4_fb_forward);
  ck_assert_uint_eq(fb->bid_count, 1);
  ck_assert_uint_eq(fb->bids[0], 1);
  ck_assert_uint_eq(fb->ts.dport_start, 5001);
  fb = fb_at(1);
  ck_assert_uint_eq(fb->action, cfg.cp.mip4_fb_drop);
  ck_assert_uint_eq(fb->bid_count, 1);
  ck_assert_uint_eq(fb->bids[0], 255);
  ck_assert_uint_eq(fb->ts.dport_start, 5003);
  ck_assert_int_eq(reply(20, 0, 600, rx.id), 0);
  /* a new binding carries the policy with its own BID */
  ck_assert_int_eq(up(30, IF_B, COA_B), 0);
  last();
  ck_assert_uint_eq(mpath()->bid, 2);
  fb = fb_at(0);
  ck_assert_uint_eq(fb->bid_count, 2);
  ck_assert_uint_eq(fb->bids[0], 2);
  ck_assert_uint_eq(fb->bids[1], 1);
  /* a refresh after the policy was accepted carries none */
  ck_assert_int_eq(reply(40, 0, 600, rx.id), 0);
  host.n_sent = 0;
  ck_assert_int_eq(mipfb_mn4_timeout(mn, 480040), 0);
  last();
  ck_assert_uint_eq(count_fb(), 0);
}
END_TEST

/* RFC 7629 5.1 / 5.2, doc/agents.md "Flow policy": two interfaces come up
   at the same moment with a policy naming both BIDs. Each request may name
   only the registered BIDs and its own (else the home agent answers 153),
   so each carries a partial policy; once both are accepted the node sends
   the whole policy again, naming both BIDs, and stops when it is accepted. */
START_TEST(test_mn4_rfc7629_5_1_interfaces_up_together_policy_completed) {
  static const uint16_t both[] = {1, 2};
  mipfb_policy_rule r = fwd_rule(5060, both, 2);
  uint64_t id_a, id_b;
  const mipfb_mip4_flow_binding *fb;
  ck_assert_int_eq(mipfb_mn4_set_policy(mn, 0, &r, 1), 0);
  ck_assert_int_eq(up(0, IF_A, COA_A), 0);
  ck_assert_int_eq(up(0, IF_B, COA_B), 0);
  id_a = req_id(IF_A);
  id_b = req_id(IF_B);
  sent(0);
  ck_assert_uint_eq(count_fb(), 1);
  ck_assert_uint_eq(fb_at(0)->bid_count, 1); /* its own BID only */
  sent(1);
  ck_assert_uint_eq(count_fb(), 1);
  ck_assert_uint_eq(fb_at(0)->bid_count, 1);
  ck_assert_int_eq(reply(10, 0, 600, id_a), 0);
  ck_assert_int_eq(reply(20, 0, 600, id_b), 0);
  /* both registered: the policy goes out once more, whole */
  ck_assert_uint_eq(host.n_sent, 3);
  last();
  ck_assert_uint_eq(count_fb(), 1);
  fb = fb_at(0);
  ck_assert_uint_eq(fb->bid_count, 2);
  ck_assert_uint_eq(fb->bids[0], 1);
  ck_assert_uint_eq(fb->bids[1], 2);
  ck_assert_int_eq(reply_fb(30, 0, 600, rx.id, fb, 1), 0);
  /* accepted whole: nothing more is sent */
  ck_assert_uint_eq(host.n_sent, 3);
}
END_TEST

/* RFC 7629 4.2 / 5.1: the reply's Flow-Binding extensions become the
   node's classification rules (flow events); FORWARD takes the first
   registered BID of the list, then the next one. */
START_TEST(test_mn4_rfc7629_4_2_reply_fb_drive_classification) {
  mipfb_mip4_flow_binding fb;
  mipfb_policy_decision d;
  uint8_t pkt[64];
  size_t n = udp_pkt(pkt, 5001, 80);
  uint32_t id;
  reg(0, IF_A, COA_A, 600);
  ck_assert_int_eq(up(0, IF_B, COA_B), 0);
  memset(&fb, 0, sizeof fb);
  fb.action = cfg.cp.mip4_fb_forward;
  fb.bid_count = 2;
  fb.bids[0] = 2;
  fb.bids[1] = 1;
  fb.ts = ts_udp_port(5001);
  ck_assert_int_eq(reply_fb(10, 0, 600, req_id(IF_B), &fb, 1), 0);
  ck_assert_uint_eq(host.n_flow, 1);
  ck_assert_uint_eq(host.flow[0].ev.op, MIPFB_FLOW_INSTALL);
  ck_assert_uint_eq(host.flow[0].ev.role, MIPFB_ROLE_MN4);
  ck_assert_uint_eq(host.flow[0].rule.id, 1);
  ck_assert_uint_eq(host.flow[0].rule.bids[0], 2);
  ck_assert_int_eq(mipfb_mn4_classify_packet(mn, pkt, n, &d), 0);
  ck_assert_uint_eq(d.kind, MIPFB_DECISION_FORWARD);
  ck_assert_uint_eq(d.by_default, 0);
  ck_assert_uint_eq(d.bid, 2);
  ck_assert_int_eq(mipfb_mn4_bid_iface(mn, d.bid, &id), 0);
  ck_assert_uint_eq(id, IF_B);
  ck_assert_int_eq(mipfb_mn4_iface_down(mn, 20, IF_B), 0);
  ck_assert_int_eq(mipfb_mn4_classify_packet(mn, pkt, n, &d), 0);
  ck_assert_uint_eq(d.kind, MIPFB_DECISION_FORWARD);
  ck_assert_uint_eq(d.bid, 1);
  /* another flow: per-flow hash over the registered bindings */
  n = udp_pkt(pkt, 6000, 80);
  ck_assert_int_eq(mipfb_mn4_classify_packet(mn, pkt, n, &d), 0);
  ck_assert_uint_eq(d.by_default, 1);
  ck_assert_uint_eq(d.bid, 1);
  ck_assert_int_eq(mipfb_mn4_classify_packet(mn, pkt, 3, &d), MIPFB_ERR_TRUNCATED);
  ck_assert_int_eq(mipfb_mn4_bid_iface(mn, 77, &id), MIPFB_ERR_NOT_FOUND);
}
END_TEST

/* RFC 7629 4.2: set_policy refuses what the wire cannot carry. */
START_TEST(test_mn4_rfc7629_4_2_set_policy_rejects_invalid) {
  static const uint16_t ok[] = {1};
  static const uint16_t big[] = {255};
  static const uint16_t rep[] = {1, 1};
  mipfb_policy_rule r = fwd_rule(5001, ok, 1), many[9];
  size_t i;
  r.n_bids = 0;
  ck_assert_int_eq(mipfb_mn4_set_policy(mn, 0, &r, 1), MIPFB_ERR_INVALID_ARG);
  r = fwd_rule(5001, big, 1);
  ck_assert_int_eq(mipfb_mn4_set_policy(mn, 0, &r, 1), MIPFB_ERR_INVALID_ARG);
  r = fwd_rule(5001, rep, 2);
  ck_assert_int_eq(mipfb_mn4_set_policy(mn, 0, &r, 1), MIPFB_ERR_INVALID_ARG);
  r = fwd_rule(5001, ok, 1);
  r.action = MIPFB_ACTION_NCAST;
  ck_assert_int_eq(mipfb_mn4_set_policy(mn, 0, &r, 1), MIPFB_ERR_INVALID_ARG);
  r = fwd_rule(5001, ok, 1);
  r.ts.format = 0;
  ck_assert_int_eq(mipfb_mn4_set_policy(mn, 0, &r, 1), MIPFB_ERR_INVALID_ARG);
  for (i = 0; i < 9; i++) {
    many[i] = fwd_rule((uint16_t)(5000 + i), ok, 1);
  }
  ck_assert_int_eq(mipfb_mn4_set_policy(mn, 0, many, 9), MIPFB_ERR_TABLE_FULL);
  ck_assert_int_eq(mipfb_mn4_set_policy(mn, 0, NULL, 1), MIPFB_ERR_INVALID_ARG);
  ck_assert_int_eq(mipfb_mn4_set_policy(mn, 0, many, 8), 0);
  ck_assert_uint_eq(host.n_flow, 8);
  ck_assert_int_eq(mipfb_mn4_set_policy(mn, 0, NULL, 0), 0);
  ck_assert_uint_eq(host.n_flow, 16);
  ck_assert_uint_eq(host.flow[15].ev.op, MIPFB_FLOW_REMOVE);
}
END_TEST

/* ---- draft-02 Multiple Tunnel Request ---- */

/* draft-02 5.1: use_mtunnel sends the Multiple Tunnel Request (16-bit BID,
   If-Type, bandwidth) instead of the Multipath extension; its denial code
   turns multipath off like 152. */
START_TEST(test_mn4_draft02_5_1_mtunnel_request) {
  mipfb_mn4_iface i = ifc(IF_A, COA_A, 0, 5, 1);
  const mipfb_mip4_ext *e;
  ck_assert_int_eq(mipfb_codepoints_default(&cfg.cp, MIPFB_PROFILE_DRAFT), 0);
  cfg.use_mtunnel = 1;
  start();
  i.bandwidth = 10000;
  ck_assert_int_eq(mipfb_mn4_iface_up(mn, 0, &i), 0);
  last();
  ck_assert_ptr_null(mpath());
  e = mipfb_mip4_find(&rx, MIPFB_MIP4_EXT_MTUNNEL);
  ck_assert_ptr_nonnull(e);
  ck_assert_uint_eq(e->u.mtunnel.bid, 1);
  ck_assert_uint_eq(e->u.mtunnel.if_type, 5);
  ck_assert_uint_eq(e->u.mtunnel.bw_len, 4);
  ck_assert_uint_eq(e->u.mtunnel.bandwidth, 10000);
  ck_assert_int_eq(reply(10, cfg.cp.mip4_code_mtunnel_denied_ha, 0, rx.id), cfg.cp.mip4_code_mtunnel_denied_ha);
  ck_assert_int_eq(mipfb_mn4_multipath_enabled(mn), 0);
  last();
  ck_assert_ptr_null(mipfb_mip4_find(&rx, MIPFB_MIP4_EXT_MTUNNEL));
  /* without a recognised type the mode cannot be configured */
  ck_assert_int_eq(mipfb_codepoints_default(&cfg.cp, MIPFB_PROFILE_RFC), 0);
  ck_assert_uint_eq(mipfb_mn4_mem_size(&cfg), 0);
}
END_TEST

/* ---- hook failures (agents.md common rules) ---- */

/* A failing tunnel hook on an accepted reply leaves the node as before
   (request still in flight); a failing flow hook undoes the tunnel ADD. */
START_TEST(test_mn4_agents_md_tunnel_flow_failure_atomic) {
  mipfb_mip4_flow_binding fb;
  uint64_t id;
  ck_assert_int_eq(up(0, IF_A, COA_A), 0);
  id = req_id(IF_A);
  host.fail_tunnel = 1;
  ck_assert_int_eq(reply(10, 0, 600, id), MIPFB_ERR_HOOK);
  ck_assert_uint_eq(info(IF_A, 10).state, MIPFB_MN4_REGISTERING);
  ck_assert_int_eq(fake_host_tunnels_alive(&host), 0);
  memset(&fb, 0, sizeof fb);
  fb.action = cfg.cp.mip4_fb_forward;
  fb.bid_count = 1;
  fb.bids[0] = 1;
  fb.ts = ts_udp_port(5001);
  host.fail_flow = 1;
  ck_assert_int_eq(reply_fb(20, 0, 600, id, &fb, 1), MIPFB_ERR_HOOK);
  ck_assert_int_eq(fake_host_tunnels_alive(&host), 0);
  ck_assert_uint_eq(info(IF_A, 20).state, MIPFB_MN4_REGISTERING);
  ck_assert_uint_eq(host.n_flow, 0);
  ck_assert_int_eq(reply_fb(30, 0, 600, id, &fb, 1), 0);
  ck_assert_int_eq(fake_host_tunnels_alive(&host), 1);
  ck_assert_uint_eq(host.n_flow, 1);
}
END_TEST

/* go_home / iface_down / deregister: a failing tunnel REMOVE undoes the
   removals already made and changes nothing. */
START_TEST(test_mn4_agents_md_remove_failure_atomic) {
  reg(0, IF_A, COA_A, 600);
  reg(0, IF_B, COA_B, 600);
  host.n_sent = 0;
  host.fail_tunnel = 2;
  ck_assert_int_eq(mipfb_mn4_go_home(mn, 10), MIPFB_ERR_HOOK);
  ck_assert_int_eq(fake_host_tunnels_alive(&host), 2);
  ck_assert_uint_eq(host.n_sent, 0);
  ck_assert_uint_eq(info(IF_A, 10).state, MIPFB_MN4_REGISTERED);
  ck_assert_uint_eq(info(IF_B, 10).state, MIPFB_MN4_REGISTERED);
  host.fail_tunnel = 1;
  ck_assert_int_eq(mipfb_mn4_iface_down(mn, 20, IF_A), MIPFB_ERR_HOOK);
  ck_assert_uint_eq(info(IF_A, 20).up, 1);
  ck_assert_uint_eq(info(IF_A, 20).state, MIPFB_MN4_REGISTERED);
  host.fail_tunnel = 1;
  ck_assert_int_eq(mipfb_mn4_deregister(mn, 20, IF_B), MIPFB_ERR_HOOK);
  ck_assert_uint_eq(info(IF_B, 20).state, MIPFB_MN4_REGISTERED);
  ck_assert_uint_eq(host.n_sent, 0);
  ck_assert_int_eq(fake_host_tunnels_alive(&host), 2);
}
END_TEST

/* set_policy: a failing flow hook undoes the events already made; the
   node's policy stays as it was (nothing is sent). */
START_TEST(test_mn4_agents_md_set_policy_flow_failure_atomic) {
  static const uint16_t b[] = {1};
  mipfb_policy_rule r[3];
  size_t i;
  for (i = 0; i < 3; i++) {
    r[i] = fwd_rule((uint16_t)(5001 + i), b, 1);
  }
  reg(0, IF_A, COA_A, 600);
  host.n_sent = 0;
  host.fail_flow = 2;
  ck_assert_int_eq(mipfb_mn4_set_policy(mn, 10, r, 3), MIPFB_ERR_HOOK);
  ck_assert_uint_eq(host.n_flow, 2);
  ck_assert_uint_eq(host.flow[0].ev.op, MIPFB_FLOW_INSTALL);
  ck_assert_uint_eq(host.flow[1].ev.op, MIPFB_FLOW_REMOVE);
  ck_assert_uint_eq(host.flow[1].rule.id, 1);
  ck_assert_uint_eq(host.n_sent, 0);
  ck_assert_int_eq(mipfb_mn4_set_policy(mn, 20, r, 3), 0);
  ck_assert_uint_eq(host.n_flow, 5);
  ck_assert_uint_eq(host.n_sent, 1);
  last();
  ck_assert_uint_eq(count_fb(), 3);
}
END_TEST

/* RFC 5944 3.5: lifetime 65535 is infinite: no refresh, no expiry. */
START_TEST(test_mn4_rfc5944_3_5_infinite_lifetime) {
  cfg.lifetime = MIPFB_MIP4_LIFETIME_INFINITE;
  start();
  reg(0, IF_A, COA_A, MIPFB_MIP4_LIFETIME_INFINITE);
  ck_assert(info(IF_A, 5).remaining_ms == UINT64_MAX);
  ck_assert(mipfb_mn4_next_deadline(mn) == MIPFB_NO_DEADLINE);
  /* a finite grant is used as it is */
  ck_assert_int_eq(up(10, IF_B, COA_B), 0);
  ck_assert_int_eq(reply(10, 0, 100, req_id(IF_B)), 0);
  ck_assert_uint_eq(info(IF_B, 10).lifetime_s, 100);
  ck_assert(mipfb_mn4_next_deadline(mn) == 80010);
}
END_TEST

/* A failing send: MIPFB_ERR_HOOK, the registration counts as sent and is
   retransmitted. */
START_TEST(test_mn4_agents_md_send_failure_keeps_state) {
  host.fail_send = 1;
  ck_assert_int_eq(up(0, IF_A, COA_A), MIPFB_ERR_HOOK);
  ck_assert_uint_eq(info(IF_A, 0).state, MIPFB_MN4_REGISTERING);
  ck_assert(mipfb_mn4_next_deadline(mn) == 1000);
  ck_assert_int_eq(mipfb_mn4_timeout(mn, 1000), 0);
  ck_assert_uint_eq(host.n_sent, 1);
  ck_assert_int_eq(reply(1100, 0, 600, req_id(IF_A)), 0);
}
END_TEST

/* agents.md common rules: over a random walk of interface events,
   replies (every code the node handles, stale ones too), timeouts,
   policies and injected hook failures, the tunnel events stay consistent
   (no ADD of a live tunnel, no CHANGE/REMOVE of a dead one) and the live
   tunnels are exactly the bindings the node reports as registered
   (no tunnel failure is injected into timeouts: an expiry drops the
   binding even when its REMOVE fails, by design). */
START_TEST(test_mn4_agents_md_random_walk_consistent) {
  static const uint8_t codes[] = {0, 1, 129, 133, 152, 153, 65, 0, 0};
  static const uint32_t ifs[] = {IF_A, IF_B, IF_C};
  static const uint32_t coas[] = {COA_A, COA_A2, COA_B, COA_C};
  static const uint16_t bids[] = {1, 2, 3};
  uint32_t x = 12345u + (uint32_t)_i * 7919u;
  uint64_t now = 0;
  int step;
  cfg.bulk_refresh = (uint8_t)(_i & 1);
  cfg.max_retrans = 3;
  start();
  for (step = 0; step < 150 && host.n_tun < FAKE_MAX_EVENTS - 8; step++) {
    uint32_t r, id;
    mipfb_mn4_binding b;
    size_t k, n_reg = 0;
    x = x * 1103515245u + 12345u;
    r = x >> 8;
    id = ifs[r % 3];
    host.fail_tunnel = (r >> 20) % 11 == 0 ? 1 : 0;
    host.fail_flow = (r >> 21) % 13 == 0 ? 1 : 0;
    switch ((r >> 4) % 9) {
    case 0:
    case 1: {
      mipfb_mn4_iface i = ifc(id, coas[(r >> 8) % 4], (r >> 12) % 5 == 0 ? FA_ADDR : 0, 1, (uint8_t)(id - 10));
      (void)mipfb_mn4_iface_up(mn, now, &i);
      break;
    }
    case 2:
      (void)mipfb_mn4_iface_down(mn, now, id);
      break;
    case 3:
      if ((r >> 9) % 4 == 0) {
        (void)mipfb_mn4_go_home(mn, now);
      } else {
        (void)mipfb_mn4_deregister(mn, now, id);
      }
      break;
    case 4: {
      mipfb_policy_rule pr = fwd_rule(5001, bids, (uint8_t)(1 + (r >> 10) % 3));
      (void)mipfb_mn4_set_policy(mn, now, &pr, (r >> 13) % 3 == 0 ? 0 : 1);
      break;
    }
    case 5:
      host.fail_tunnel = 0; /* an expiry removes the binding even when its REMOVE fails */
      now += (r >> 9) % 70000;
      (void)mipfb_mn4_timeout(mn, now);
      break;
    default:
      if (mipfb_mn4_binding_info(mn, id, now, &b) == 0) {
        mipfb_mip4_flow_binding fb;
        memset(&fb, 0, sizeof fb);
        fb.action = cfg.cp.mip4_fb_forward;
        fb.bid_count = 1;
        fb.bids[0] = (uint8_t)(1 + (r >> 14) % 3);
        fb.ts = ts_udp_port(5001);
        (void)reply_fb(now, codes[(r >> 9) % 9], (uint16_t)(1 + (r >> 11) % 300), b.id, &fb, (r >> 15) & 1);
      }
      break;
    }
    host.fail_tunnel = 0;
    host.fail_flow = 0;
    ck_assert_int_ge(fake_host_tunnels_alive(&host), 0);
    for (k = 0; k < 3; k++) {
      if (mipfb_mn4_binding_info(mn, ifs[k], now, &b) == 0 &&
          (b.state == MIPFB_MN4_REGISTERED || b.state == MIPFB_MN4_REFRESHING)) {
        n_reg++;
      }
    }
    ck_assert_int_eq(fake_host_tunnels_alive(&host), (int)n_reg);
    ck_assert(mipfb_mn4_next_deadline(mn) == host.deadline || host.n_set_timer == 0);
  }
}
END_TEST

/* ---- API ---- */

START_TEST(test_mn4_api_config_and_arguments) {
  mipfb_mn4_config c;
  mipfb_mn4 *x;
  mipfb_mn4_iface i = ifc(IF_A, COA_A, 0, 1, 1);
  mipfb_mn4_binding b;
  mipfb_hooks h = FAKE_HOOKS;
  mipfb_mn4_config_default(&c);
  ck_assert_uint_eq(mipfb_mn4_mem_size(&c), 0); /* addresses missing */
  c = cfg;
  c.max_ifaces = 255;
  ck_assert_uint_eq(mipfb_mn4_mem_size(&c), 0);
  c = cfg;
  c.refresh_percent = 100;
  ck_assert_uint_eq(mipfb_mn4_mem_size(&c), 0);
  c = cfg;
  c.reg_flags = MIPFB_MIP4_FLAG_S;
  ck_assert_uint_eq(mipfb_mn4_mem_size(&c), 0);
  c = cfg;
  c.retrans_max_ms = 10;
  ck_assert_uint_eq(mipfb_mn4_mem_size(&c), 0);
  ck_assert_int_eq(mipfb_mn4_init(&x, mem, sizeof mem, &c, &FAKE_HOOKS, &host, 0), MIPFB_ERR_INVALID_ARG);
  ck_assert_int_eq(mipfb_mn4_init(&x, (uint8_t *)mem + 1, sizeof mem - 8, &cfg, &FAKE_HOOKS, &host, 0),
                   MIPFB_ERR_INVALID_ARG);
  ck_assert_int_eq(mipfb_mn4_init(&x, mem, 64, &cfg, &FAKE_HOOKS, &host, 0), MIPFB_ERR_NOBUF);
  h.version = 99;
  ck_assert_int_eq(mipfb_mn4_init(&x, mem, sizeof mem, &cfg, &h, &host, 0), MIPFB_ERR_ABI);
  h = FAKE_HOOKS;
  h.wallclock = NULL;
  ck_assert_int_eq(mipfb_mn4_init(&x, mem, sizeof mem, &cfg, &h, &host, 0), MIPFB_ERR_INVALID_ARG);
  host.fail_random = 1;
  ck_assert_int_eq(mipfb_mn4_init(&x, mem, sizeof mem, &cfg, &FAKE_HOOKS, &host, 0), MIPFB_ERR_HOOK);
  start();
  i.if_label = 0;
  ck_assert_int_eq(mipfb_mn4_iface_up(mn, 0, &i), MIPFB_ERR_INVALID_ARG);
  i = ifc(0, COA_A, 0, 1, 1);
  ck_assert_int_eq(mipfb_mn4_iface_up(mn, 0, &i), MIPFB_ERR_INVALID_ARG);
  i = ifc(IF_A, 0, 0, 1, 1);
  ck_assert_int_eq(mipfb_mn4_iface_up(mn, 0, &i), MIPFB_ERR_INVALID_ARG);
  ck_assert_int_eq(mipfb_mn4_binding_info(mn, IF_A, 0, &b), MIPFB_ERR_NOT_FOUND);
  ck_assert_int_eq(mipfb_mn4_input(mn, 0, NULL, 4, NULL), MIPFB_ERR_INVALID_ARG);
  ck_assert_int_eq(mipfb_mn4_timeout(NULL, 0), MIPFB_ERR_INVALID_ARG);
  ck_assert_int_eq(mipfb_mn4_multipath_enabled(mn), 1);
  ck_assert(mipfb_mn4_next_deadline(mn) == MIPFB_NO_DEADLINE);
}
END_TEST

/* agents.md: the interface table holds max_ifaces; a new id takes the
   place of one that is down and idle, else MIPFB_ERR_TABLE_FULL. */
START_TEST(test_mn4_api_iface_table_full) {
  cfg.max_ifaces = 2;
  start();
  ck_assert_int_eq(up(0, IF_A, COA_A), 0);
  ck_assert_int_eq(up(0, IF_B, COA_B), 0);
  ck_assert_int_eq(up(0, IF_C, COA_C), MIPFB_ERR_TABLE_FULL);
  ck_assert_int_eq(mipfb_mn4_iface_down(mn, 10, IF_A), 0);
  ck_assert_int_eq(up(20, IF_C, COA_C), 0);
  ck_assert_uint_eq(info(IF_C, 20).bid, 1);
  ck_assert_int_eq(mipfb_mn4_binding_info(mn, IF_A, 20, NULL), MIPFB_ERR_INVALID_ARG);
}
END_TEST

Suite *mipfb_mn4_suite(void) {
  Suite *s = suite_create("mn4");
  TCase *tc = tcase_create("mn4");
  tcase_add_checked_fixture(tc, setup, NULL);
  tcase_add_test(tc, test_mn4_rfc7629_5_1_one_request_per_interface);
  tcase_add_test(tc, test_mn4_rfc5944_3_6_fa_coa_request_sent_to_fa);
  tcase_add_test(tc, test_mn4_rfc5944_3_6_2_1_unsigned_fa_denial);
  tcase_add_test(tc, test_mn4_e18_bid_stable_and_o_clear_on_coa_change);
  tcase_add_test(tc, test_mn4_e18_literal_overwrite_sets_o);
  tcase_add_test(tc, test_mn4_rfc5944_3_6_3_retransmission_backoff_new_id);
  tcase_add_test(tc, test_mn4_rfc5944_3_6_3_max_retrans_fails);
  tcase_add_test(tc, test_mn4_rfc5944_5_7_late_reply_to_old_id_discarded);
  tcase_add_test(tc, test_mn4_rfc5944_5_7_late_reply_to_retransmitted_request_discarded);
  tcase_add_test(tc, test_mn4_rfc5944_3_6_2_accept_lifetime_min_and_refresh);
  tcase_add_test(tc, test_mn4_rfc5944_3_6_expiry_without_refresh);
  tcase_add_test(tc, test_mn4_rfc7629_5_1_bulk_refresh_b_flag);
  tcase_add_test(tc, test_mn4_rfc7629_5_1_bulk_refresh_unanswered_uncovers);
  tcase_add_test(tc, test_mn4_rfc7629_5_1_deregister_one);
  tcase_add_test(tc, test_mn4_agents_md_iface_down_dereg_over_other);
  tcase_add_test(tc, test_mn4_rfc7629_5_1_go_home_bulk_dereg);
  tcase_add_test(tc, test_mn4_rfc7629_5_1_code152_single_binding);
  tcase_add_test(tc, test_mn4_rfc7629_5_1_code153_reregister_then_policy);
  tcase_add_test(tc, test_mn4_rfc5944_5_7_code133_resync);
  tcase_add_test(tc, test_mn4_rfc5944_3_6_2_rejection_retried_with_backoff);
  tcase_add_test(tc, test_mn4_rfc5944_3_6_2_1_bad_auth_discarded);
  tcase_add_test(tc, test_mn4_rfc7629_4_2_policy_to_fb_extensions);
  tcase_add_test(tc, test_mn4_rfc7629_5_1_interfaces_up_together_policy_completed);
  tcase_add_test(tc, test_mn4_rfc7629_4_2_reply_fb_drive_classification);
  tcase_add_test(tc, test_mn4_rfc7629_4_2_set_policy_rejects_invalid);
  tcase_add_test(tc, test_mn4_draft02_5_1_mtunnel_request);
  tcase_add_test(tc, test_mn4_agents_md_tunnel_flow_failure_atomic);
  tcase_add_test(tc, test_mn4_agents_md_remove_failure_atomic);
  tcase_add_test(tc, test_mn4_agents_md_set_policy_flow_failure_atomic);
  tcase_add_test(tc, test_mn4_rfc5944_3_5_infinite_lifetime);
  tcase_add_test(tc, test_mn4_agents_md_send_failure_keeps_state);
  tcase_add_loop_test(tc, test_mn4_agents_md_random_walk_consistent, 0, 100);
  tcase_add_test(tc, test_mn4_api_config_and_arguments);
  tcase_add_test(tc, test_mn4_api_iface_table_full);
  suite_add_tcase(s, tc);
  return s;
}
