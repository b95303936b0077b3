/* Flow policy engine (lib/policy/). Test names carry the specification
   section: RFC 7629 4.2 (actions) and 6 (default load balancing), RFC 6089
   5 (FID-PRI, BID-PRI), RFC 6088 3 (selector semantics), wire.md errata E-7
   and E-19. The differential test compares the engine with the reference
   matcher of tests/policy_ref.c (written from the RFC text), on packets
   built here; capacities below POLICY_INDEX_MIN_CAP check the linear scan,
   the others the bit-vector index. */
#include <stdlib.h>
#include <string.h>

#include <mipfb/flowtable.h>
#include <mipfb/policy.h>

#include "policy/policy_int.h" /* next_seq, to test the renumbering */
#include "policy_ref.h"
#include "test_helper.h"

#define MAXR POLICY_REF_MAX_RULES
#define MAXB POLICY_REF_MAX_BIDS

static uint64_t mem[(4u << 20) / 8]; /* mipfb_policy_mem_size(MAXR, MAXB) is about 1.2 MB (index) */

static mipfb_policy *new_policy(int family, size_t max_rules, size_t max_bids) {
  mipfb_policy *pol = NULL;
  size_t need = mipfb_policy_mem_size(max_rules, max_bids);
  ck_assert_uint_gt(need, 0);
  ck_assert_uint_le(need, sizeof mem);
  ck_assert_int_eq(mipfb_policy_init(&pol, mem, need, family, max_rules, max_bids, 0x1234), 0);
  return pol;
}

/* ------------------------------------------------------------ packets */

typedef struct tpkt {
  mipfb_flow_key k; /* what the parser must produce */
  unsigned ext;     /* IPv6 extension headers: bit 0 HBH, 1 routing, 2 AH, 3 dest opts */
  int frag;         /* 0 unfragmented, 1 first fragment, 2 non-first fragment */
  int cut;          /* transport header cut to 2 octets */
} tpkt;

static int port_proto(unsigned p) { return p == 6 || p == 17 || p == 132 || p == 136; }

/* Make the presence bits of t->k follow from the packet shape. */
static void settle(tpkt *t) {
  int full = t->frag != 2 && !t->cut;
  t->k.has = t->frag == 2 ? MIPFB_FLOW_FRAGMENT : 0;
  if (full && port_proto(t->k.proto)) {
    t->k.has |= MIPFB_FLOW_PORTS;
  } else {
    t->k.sport = t->k.dport = 0;
  }
  if (full && t->k.proto == 50) {
    t->k.has |= MIPFB_FLOW_SPI;
  } else {
    t->k.spi = 0;
  }
}

static void put16(uint8_t *b, unsigned v) {
  b[0] = (uint8_t)(v >> 8);
  b[1] = (uint8_t)v;
}

static void put32(uint8_t *b, uint32_t v) {
  put16(b, v >> 16);
  put16(b + 2, v & 0xFFFF);
}

/* Transport header (8 octets, or 2 when cut). */
static size_t build_l4(const tpkt *t, uint8_t *b) {
  memset(b, 0, 8);
  if (t->k.proto == 50) {
    put32(b, t->k.spi);
  } else {
    put16(b, t->k.sport);
    put16(b + 2, t->k.dport);
  }
  return t->cut ? 2 : 8;
}

/* The wire packet for t; returns its length. */
static size_t build(const tpkt *t, uint8_t *b) {
  static const uint8_t EXT_TYPE[4] = {0, 43, 51, 60};
  static const uint8_t EXT_LEN[4] = {8, 16, 12, 8};
  static const uint8_t EXT_LENF[4] = {0, 1, 1, 0};
  size_t n, i;
  uint8_t *nh;
  if (t->k.family == MIPFB_AF_INET4) {
    memset(b, 0, 20);
    b[0] = 0x45;
    b[1] = t->k.ds;
    put16(b + 6, t->frag == 1 ? 0x2000 : t->frag == 2 ? 0x0010 : 0);
    b[8] = 64;
    b[9] = t->k.proto;
    memcpy(b + 12, t->k.src, 4);
    memcpy(b + 16, t->k.dst, 4);
    n = 20 + build_l4(t, b + 20);
    put16(b + 2, (unsigned)n);
    return n;
  }
  memset(b, 0, 40);
  b[0] = (uint8_t)(0x60 | t->k.ds >> 4);
  b[1] = (uint8_t)((unsigned)(t->k.ds & 0x0F) << 4 | t->k.flow_label >> 16);
  put16(b + 2, t->k.flow_label & 0xFFFF);
  b[7] = 64;
  memcpy(b + 8, t->k.src, 16);
  memcpy(b + 24, t->k.dst, 16);
  nh = b + 6;
  n = 40;
  for (i = 0; i < 5; i++) {
    if (i < 4 && (t->ext >> i & 1) == 0) {
      continue;
    }
    if (i == 4 && t->frag == 0) {
      break;
    }
    *nh = (uint8_t)(i < 4 ? EXT_TYPE[i] : 44);
    nh = b + n;
    memset(b + n, 0, 16);
    if (i < 4) {
      b[n + 1] = EXT_LENF[i];
      n += EXT_LEN[i];
    } else {
      put16(b + n + 2, t->frag == 2 ? 0x0010 : 0x0001);
      n += 8;
    }
  }
  *nh = t->k.proto;
  n += build_l4(t, b + n);
  put16(b + 4, (unsigned)(n - 40));
  return n;
}

static void parse_ok(const tpkt *t) {
  uint8_t b[256];
  size_t n = build(t, b);
  mipfb_flow_key k;
  ck_assert_int_eq(mipfb_flow_parse(&k, th_guard(b, n), n), 0);
  ck_assert_mem_eq(&k, &t->k, sizeof k);
}

static tpkt sample(int family, unsigned proto) {
  tpkt t;
  memset(&t, 0, sizeof t);
  t.k.family = (uint8_t)family;
  t.k.proto = (uint8_t)proto;
  t.k.ds = 0xB8;
  t.k.src[0] = 192;
  t.k.src[3] = 5;
  t.k.dst[0] = 10;
  t.k.dst[3] = 2;
  if (family == MIPFB_AF_INET6) {
    t.k.src[15] = 7;
    t.k.dst[15] = 9;
    t.k.flow_label = 0xABCDE;
  }
  t.k.sport = 5060;
  t.k.dport = 80;
  t.k.spi = 0x01020304;
  settle(&t);
  return t;
}

static void assert_same(const mipfb_policy_decision *a, const mipfb_policy_decision *b) {
  ck_assert_uint_eq(a->kind, b->kind);
  ck_assert_uint_eq(a->by_default, b->by_default);
  ck_assert_uint_eq(a->bid, b->bid);
  ck_assert_uint_eq(a->rule_id, b->rule_id);
  ck_assert_uint_eq(a->n_bids, b->n_bids);
  ck_assert_mem_eq(a->bids, b->bids, sizeof a->bids);
}

/* ------------------------------------------------------------ small rule helpers */

static mipfb_policy_rule fwd(uint32_t id, uint32_t prio, uint16_t b1, uint16_t b2) {
  mipfb_policy_rule r;
  memset(&r, 0, sizeof r);
  r.id = id;
  r.prio = prio;
  r.ts.format = MIPFB_TS_FORMAT_IPV4;
  r.action = MIPFB_ACTION_FORWARD;
  r.bids[0] = b1;
  r.bids[1] = b2;
  r.n_bids = b2 ? 2 : 1;
  return r;
}

static mipfb_policy_decision classify(const mipfb_policy *pol, const tpkt *t, int dir) {
  uint8_t b[256];
  size_t n = build(t, b);
  mipfb_policy_decision d;
  ck_assert_int_eq(mipfb_policy_classify_packet(pol, th_guard(b, n), n, dir, &d), 0);
  return d;
}

static mipfb_policy_decision to_mn(const mipfb_policy *pol, const tpkt *t) {
  return classify(pol, t, MIPFB_DIR_TO_MN);
}

/* A policy with one rule and bindings 1..4, valid where `valid` has bit
   (BID - 1), all with BID-PRI 1. */
static mipfb_policy *with_rule(int family, const mipfb_policy_rule *r, unsigned valid) {
  mipfb_policy *pol = new_policy(family, 8, 4);
  uint16_t bid;
  ck_assert_int_eq(mipfb_policy_add_rule(pol, r), 0);
  for (bid = 1; bid <= 4; bid++) {
    ck_assert_int_eq(mipfb_policy_set_binding(pol, bid, (int)(valid >> (bid - 1) & 1u), 1), 0);
  }
  return pol;
}

/* The decision for t going to the MN: kind, bid (FORWARD) and rule id (0 =
   the default; then by_default must be set). */
static void expect(const mipfb_policy *pol, const tpkt *t, unsigned kind, unsigned bid, uint32_t rule_id) {
  mipfb_policy_decision d = to_mn(pol, t);
  ck_assert_uint_eq(d.kind, kind);
  ck_assert_uint_eq(d.bid, bid);
  ck_assert_uint_eq(d.rule_id, rule_id);
  ck_assert_uint_eq(d.by_default, rule_id == 0);
  ck_assert_uint_eq(d.n_bids, kind == MIPFB_DECISION_FORWARD ? 1u : kind == MIPFB_DECISION_NCAST ? d.n_bids : 0u);
}

/* ------------------------------------------------------------ actions and order */

START_TEST(test_rfc7629_4_2_forward_first_valid_bid) {
  mipfb_policy_rule r = fwd(7, 0, 2, 1);
  mipfb_policy *pol = with_rule(MIPFB_POLICY_MIP4, &r, 0x3);
  tpkt t = sample(MIPFB_AF_INET4, 6);
  expect(pol, &t, MIPFB_DECISION_FORWARD, 2, 7);
  ck_assert_int_eq(mipfb_policy_set_binding(pol, 2, 0, 0), 0); /* first BID de-registered: use the next */
  expect(pol, &t, MIPFB_DECISION_FORWARD, 1, 7);
}
END_TEST

START_TEST(test_rfc7629_4_2_drop) {
  mipfb_policy_rule r = fwd(3, 0, 255, 0);
  mipfb_policy *pol;
  tpkt t = sample(MIPFB_AF_INET4, 17);
  r.action = MIPFB_ACTION_DROP; /* its BID (255) is ignored */
  pol = with_rule(MIPFB_POLICY_MIP4, &r, 0x1);
  expect(pol, &t, MIPFB_DECISION_DROP, 0, 3);
}
END_TEST

START_TEST(test_flow_binding_ncast_every_valid_bid) {
  mipfb_policy *pol = new_policy(MIPFB_POLICY_MIP6, 8, 4);
  mipfb_policy_rule r = fwd(1, 10, 3, 1);
  tpkt t = sample(MIPFB_AF_INET4, 6);
  mipfb_policy_decision d;
  r.action = MIPFB_ACTION_NCAST;
  r.bids[2] = 2;
  r.n_bids = 3;
  ck_assert_int_eq(mipfb_policy_add_rule(pol, &r), 0);
  ck_assert_int_eq(mipfb_policy_set_binding(pol, 1, 1, 5), 0);
  ck_assert_int_eq(mipfb_policy_set_binding(pol, 2, 0, 5), 0);
  ck_assert_int_eq(mipfb_policy_set_binding(pol, 3, 1, 5), 0);
  d = to_mn(pol, &t);
  ck_assert_uint_eq(d.kind, MIPFB_DECISION_NCAST);
  ck_assert_uint_eq(d.n_bids, 2);
  ck_assert_uint_eq(d.bids[0], 3);
  ck_assert_uint_eq(d.bids[1], 1);
  ck_assert_uint_eq(d.bid, 0);
}
END_TEST

START_TEST(test_errata_e19_inactive_rule) {
  mipfb_policy *pol = new_policy(MIPFB_POLICY_MIP6, 8, 4);
  mipfb_policy_rule a = fwd(1, 10, 3, 4), b = fwd(2, 20, 3, 0), c = fwd(3, 30, 0, 0);
  tpkt t = sample(MIPFB_AF_INET4, 6);
  b.action = MIPFB_ACTION_NCAST;
  c.action = MIPFB_ACTION_DROP;
  ck_assert_int_eq(mipfb_policy_add_rule(pol, &a), 0);
  ck_assert_int_eq(mipfb_policy_add_rule(pol, &b), 0);
  ck_assert_int_eq(mipfb_policy_set_binding(pol, 1, 1, 9), 0);
  ck_assert_int_eq(mipfb_policy_set_binding(pol, 3, 0, 1), 0);
  /* FORWARD (3, 4) and N-CAST (3) inactive: the default */
  expect(pol, &t, MIPFB_DECISION_FORWARD, 1, 0);
  ck_assert_int_eq(mipfb_policy_add_rule(pol, &c), 0); /* "drop when none is up" */
  expect(pol, &t, MIPFB_DECISION_DROP, 0, 3);
  ck_assert_int_eq(mipfb_policy_set_binding(pol, 3, 1, 1), 0); /* active again */
  expect(pol, &t, MIPFB_DECISION_FORWARD, 3, 1);
}
END_TEST

START_TEST(test_rfc6089_5_fid_pri_lower_wins) {
  mipfb_policy *pol = new_policy(MIPFB_POLICY_MIP6, 8, 4);
  mipfb_policy_rule a = fwd(1, 50, 1, 0), b = fwd(2, 5, 2, 0), c = fwd(3, 20, 1, 0);
  tpkt t = sample(MIPFB_AF_INET4, 6);
  ck_assert_int_eq(mipfb_policy_set_binding(pol, 1, 1, 1), 0);
  ck_assert_int_eq(mipfb_policy_set_binding(pol, 2, 1, 1), 0);
  ck_assert_int_eq(mipfb_policy_add_rule(pol, &a), 0);
  ck_assert_int_eq(mipfb_policy_add_rule(pol, &b), 0);
  ck_assert_int_eq(mipfb_policy_add_rule(pol, &c), 0);
  ck_assert_uint_eq(to_mn(pol, &t).rule_id, 2);
  b.prio = 60; /* replace moves it behind the others */
  ck_assert_int_eq(mipfb_policy_replace_rule(pol, &b), 0);
  ck_assert_uint_eq(to_mn(pol, &t).rule_id, 3);
  ck_assert_int_eq(mipfb_policy_remove_rule(pol, 3), 0);
  ck_assert_uint_eq(to_mn(pol, &t).rule_id, 1);
  ck_assert_uint_eq(mipfb_policy_rule_count(pol), 2);
  b.prio = 50; /* ties are impossible */
  ck_assert_int_eq(mipfb_policy_replace_rule(pol, &b), MIPFB_ERR_DUPLICATE);
  ck_assert_int_eq(mipfb_policy_remove_rule(pol, 3), MIPFB_ERR_NOT_FOUND);
}
END_TEST

START_TEST(test_rfc7629_arrival_order) {
  mipfb_policy *pol = new_policy(MIPFB_POLICY_MIP4, 8, 4);
  mipfb_policy_rule a = fwd(9, 99, 1, 0), b = fwd(4, 1, 2, 0);
  tpkt t = sample(MIPFB_AF_INET4, 6);
  ck_assert_int_eq(mipfb_policy_set_binding(pol, 1, 1, 0), 0);
  ck_assert_int_eq(mipfb_policy_set_binding(pol, 2, 1, 0), 0);
  ck_assert_int_eq(mipfb_policy_add_rule(pol, &a), 0);
  ck_assert_int_eq(mipfb_policy_add_rule(pol, &b), 0); /* prio ignored: later arrival, lower rank */
  ck_assert_uint_eq(to_mn(pol, &t).rule_id, 9);
  a.bids[0] = 2;
  ck_assert_int_eq(mipfb_policy_replace_rule(pol, &a), 0); /* keeps its place */
  ck_assert_uint_eq(to_mn(pol, &t).rule_id, 9);
  ck_assert_uint_eq(to_mn(pol, &t).bid, 2);
}
END_TEST

/* Arrival numbers are renumbered before they would wrap; the order stays. */
START_TEST(test_rfc7629_arrival_order_survives_wrap) {
  mipfb_policy_rule r = fwd(1, 0, 1, 0);
  mipfb_policy *pol = with_rule(MIPFB_POLICY_MIP4, &r, 0xF);
  tpkt t = sample(MIPFB_AF_INET4, 6);
  uint32_t id;
  pol->next_seq = UINT32_MAX - 1;
  for (id = 2; id <= 4; id++) {
    r = fwd(id, 0, (uint16_t)id, 0);
    ck_assert_int_eq(mipfb_policy_add_rule(pol, &r), 0);
  }
  ck_assert_uint_lt(pol->next_seq, 8);
  for (id = 1; id <= 4; id++) { /* remove the first each time: the next oldest wins */
    expect(pol, &t, MIPFB_DECISION_FORWARD, id, id);
    ck_assert_int_eq(mipfb_policy_remove_rule(pol, id), 0);
  }
}
END_TEST

/* ------------------------------------------------------------ defaults */

START_TEST(test_rfc6089_default_lowest_bid_pri) {
  mipfb_policy *pol = new_policy(MIPFB_POLICY_MIP6, 8, 4);
  tpkt t = sample(MIPFB_AF_INET6, 17);
  ck_assert_int_eq(mipfb_policy_set_binding(pol, 5, 1, 30), 0);
  ck_assert_int_eq(mipfb_policy_set_binding(pol, 6, 1, 10), 0);
  ck_assert_int_eq(mipfb_policy_set_binding(pol, 7, 1, 10), 0);
  expect(pol, &t, MIPFB_DECISION_FORWARD, 6, 0); /* tie on BID-PRI: lower BID */
  ck_assert_int_eq(mipfb_policy_set_binding(pol, 6, 0, 10), 0);
  ck_assert_uint_eq(to_mn(pol, &t).bid, 7);
}
END_TEST

START_TEST(test_policy_default_none_without_valid_binding) {
  int fam;
  for (fam = MIPFB_POLICY_MIP4; fam <= MIPFB_POLICY_MIP6; fam += 2) {
    mipfb_policy *pol = new_policy(fam, 8, 4);
    tpkt t = sample(MIPFB_AF_INET4, 6);
    expect(pol, &t, MIPFB_DECISION_NONE, 0, 0);
    ck_assert_int_eq(mipfb_policy_set_binding(pol, 1, 0, 0), 0);
    expect(pol, &t, MIPFB_DECISION_NONE, 0, 0);
  }
}
END_TEST

/* RFC 7629 6: per-flow, stable, and when one binding goes away only its
   flows move; both directions of a flow take one binding. */
START_TEST(test_rfc7629_6_default_per_flow_rendezvous) {
  mipfb_policy *pol = new_policy(MIPFB_POLICY_MIP4, 8, 8);
  uint16_t before[1000];
  unsigned count[5] = {0}, i, moved = 0;
  for (i = 1; i <= 4; i++) {
    ck_assert_int_eq(mipfb_policy_set_binding(pol, (uint16_t)i, 1, 0), 0);
  }
  for (i = 0; i < 1000; i++) {
    tpkt t = sample(MIPFB_AF_INET4, 6);
    tpkt back = t;
    t.k.sport = (uint16_t)(1000 + i);
    back.k.dport = t.k.sport; /* reply: MN -> CN */
    memcpy(back.k.src, t.k.dst, 16);
    memcpy(back.k.dst, t.k.src, 16);
    back.k.sport = t.k.dport;
    before[i] = to_mn(pol, &t).bid;
    ck_assert_uint_eq(classify(pol, &back, MIPFB_DIR_FROM_MN).bid, before[i]);
    ck_assert_uint_eq(to_mn(pol, &t).bid, before[i]);
    count[before[i]]++;
  }
  for (i = 1; i <= 4; i++) {
    ck_assert_uint_gt(count[i], 150); /* spread over every binding */
  }
  ck_assert_int_eq(mipfb_policy_set_binding(pol, 3, 0, 0), 0);
  for (i = 0; i < 1000; i++) {
    tpkt t = sample(MIPFB_AF_INET4, 6);
    uint16_t now;
    t.k.sport = (uint16_t)(1000 + i);
    now = to_mn(pol, &t).bid;
    ck_assert_uint_ne(now, 3);
    if (before[i] != 3) {
      ck_assert_uint_eq(now, before[i]);
    } else {
      moved++;
    }
  }
  ck_assert_uint_eq(moved, count[3]);
}
END_TEST

/* ------------------------------------------------------------ selector semantics */

START_TEST(test_rfc6088_3_ds_upper_six_bits) {
  /* {start, end (0 = Start alone), packet DS octet, matches} */
  static const uint8_t CASES[][4] = {
      {0xB8, 0, 0xBB, 1}, /* EF; the ECN bits differ */
      {0xB8, 0, 0xBC, 0},
      {0x0B, 0x10, 0x08, 1}, /* 0x0B..0x10 = DSCP 2..4 */
      {0x0B, 0x10, 0x13, 1},
      {0x0B, 0x10, 0x14, 0},
  };
  mipfb_policy *pol = new_policy(MIPFB_POLICY_MIP6, 8, 4);
  mipfb_policy_rule r = fwd(1, 1, 1, 0);
  tpkt t = sample(MIPFB_AF_INET4, 6);
  size_t i;
  ck_assert_int_eq(mipfb_policy_set_binding(pol, 1, 1, 1), 0);
  ck_assert_int_eq(mipfb_policy_add_rule(pol, &r), 0);
  for (i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
    r.ts.fields = (uint16_t)(MIPFB_TS_DS_START | (CASES[i][1] ? MIPFB_TS_DS_END : 0));
    r.ts.ds_start = CASES[i][0];
    r.ts.ds_end = CASES[i][1];
    ck_assert_int_eq(mipfb_policy_replace_rule(pol, &r), 0);
    t.k.ds = CASES[i][2];
    ck_assert_uint_eq(to_mn(pol, &t).by_default, !CASES[i][3]);
  }
}
END_TEST

START_TEST(test_errata_e7_flow_label_20_bits) {
  mipfb_policy *pol = new_policy(MIPFB_POLICY_MIP6, 8, 4);
  mipfb_policy_rule r = fwd(1, 1, 1, 0);
  tpkt t = sample(MIPFB_AF_INET6, 6);
  r.ts.format = MIPFB_TS_FORMAT_IPV6;
  r.ts.fields = MIPFB_TS_FL_START | MIPFB_TS_FL_END;
  r.ts.fl_start = 0xFFFF0;
  r.ts.fl_end = 0xFFFFF;
  ck_assert_int_eq(mipfb_policy_set_binding(pol, 1, 1, 1), 0);
  ck_assert_int_eq(mipfb_policy_add_rule(pol, &r), 0);
  t.k.flow_label = 0xFFFFF;
  parse_ok(&t);
  ck_assert_uint_eq(to_mn(pol, &t).rule_id, 1);
  t.k.flow_label = 0xFFFEF;
  ck_assert_uint_eq(to_mn(pol, &t).by_default, 1);
  r.ts.fl_end = 0x100000; /* above 20 bits: rejected */
  ck_assert_int_eq(mipfb_policy_replace_rule(pol, &r), MIPFB_ERR_INVALID_ARG);
}
END_TEST

/* Ranges are inclusive; Start alone is exact; port rules need ports; an
   IPv4 selector never matches IPv6 traffic. */
START_TEST(test_rfc6088_3_ranges_and_family) {
  mipfb_policy *pol = new_policy(MIPFB_POLICY_MIP6, 8, 4);
  mipfb_policy_rule r = fwd(1, 1, 1, 0);
  tpkt t = sample(MIPFB_AF_INET4, 6);
  r.ts.fields = MIPFB_TS_DPORT_START | MIPFB_TS_DPORT_END | MIPFB_TS_SRC_START;
  r.ts.dport_start = 80;
  r.ts.dport_end = 81;
  memcpy(r.ts.src_start, t.k.src, 4);
  ck_assert_int_eq(mipfb_policy_set_binding(pol, 1, 1, 1), 0);
  ck_assert_int_eq(mipfb_policy_add_rule(pol, &r), 0);
  ck_assert_uint_eq(to_mn(pol, &t).rule_id, 1);
  t.k.dport = 81;
  ck_assert_uint_eq(to_mn(pol, &t).rule_id, 1);
  t.k.dport = 82;
  ck_assert_uint_eq(to_mn(pol, &t).by_default, 1);
  t.k.dport = 80;
  t.k.src[3]++;
  ck_assert_uint_eq(to_mn(pol, &t).by_default, 1);
  t = sample(MIPFB_AF_INET4, 1); /* ICMP: no ports */
  ck_assert_uint_eq(to_mn(pol, &t).by_default, 1);
  t = sample(MIPFB_AF_INET6, 6);
  memcpy(t.k.src, r.ts.src_start, 4);
  memset(t.k.src + 4, 0, 12);
  ck_assert_uint_eq(to_mn(pol, &t).by_default, 1);
}
END_TEST

START_TEST(test_rfc6088_3_from_mn_mirrors_selector) {
  mipfb_policy *pol = new_policy(MIPFB_POLICY_MIP6, 8, 4);
  mipfb_policy_rule r = fwd(1, 1, 2, 0);
  tpkt t = sample(MIPFB_AF_INET4, 17), back;
  r.ts.fields = MIPFB_TS_SRC_START | MIPFB_TS_DST_START | MIPFB_TS_SPORT_START | MIPFB_TS_DPORT_START;
  memcpy(r.ts.src_start, t.k.src, 4); /* CN */
  memcpy(r.ts.dst_start, t.k.dst, 4); /* MN */
  r.ts.sport_start = t.k.sport;
  r.ts.dport_start = t.k.dport;
  ck_assert_int_eq(mipfb_policy_set_binding(pol, 1, 1, 1), 0);
  ck_assert_int_eq(mipfb_policy_set_binding(pol, 2, 1, 9), 0);
  ck_assert_int_eq(mipfb_policy_add_rule(pol, &r), 0);
  back = t;
  memcpy(back.k.src, t.k.dst, 16);
  memcpy(back.k.dst, t.k.src, 16);
  back.k.sport = t.k.dport;
  back.k.dport = t.k.sport;
  ck_assert_uint_eq(to_mn(pol, &t).bid, 2);
  ck_assert_uint_eq(classify(pol, &back, MIPFB_DIR_FROM_MN).bid, 2);
  ck_assert_uint_eq(classify(pol, &back, MIPFB_DIR_TO_MN).by_default, 1);
  ck_assert_uint_eq(classify(pol, &t, MIPFB_DIR_FROM_MN).by_default, 1);
}
END_TEST

/* ------------------------------------------------------------ packet parser */

START_TEST(test_policy_parse_transports) {
  static const unsigned P[] = {6, 17, 132, 136, 1, 58, 50, 59, 47};
  size_t i;
  int fam;
  for (fam = MIPFB_AF_INET4; fam <= MIPFB_AF_INET6; fam += 2) {
    for (i = 0; i < sizeof P / sizeof P[0]; i++) {
      tpkt t = sample(fam, P[i]);
      parse_ok(&t);
      t.cut = 1; /* a transport header cut short: no ports, no error */
      settle(&t);
      parse_ok(&t);
    }
  }
}
END_TEST

START_TEST(test_policy_parse_ipv6_extension_chain) {
  unsigned ext;
  for (ext = 0; ext < 16; ext++) {
    tpkt t = sample(MIPFB_AF_INET6, 17);
    t.ext = ext;
    parse_ok(&t);
    t.k.proto = 50;
    t.k.spi = 77;
    settle(&t);
    parse_ok(&t);
  }
}
END_TEST

/* A first fragment has ports; a non-first one has none (and no SPI): it
   matches rules without port or SPI fields only, the default otherwise. */
START_TEST(test_policy_parse_fragments) {
  mipfb_policy *pol = new_policy(MIPFB_POLICY_MIP6, 8, 4);
  mipfb_policy_rule ports = fwd(1, 1, 1, 0), proto = fwd(2, 2, 2, 0);
  int fam;
  ports.ts.fields = MIPFB_TS_DPORT_START;
  ports.ts.dport_start = 80;
  proto.ts.fields = MIPFB_TS_PROTO_START;
  proto.ts.proto_start = 6;
  ck_assert_int_eq(mipfb_policy_set_binding(pol, 1, 1, 1), 0);
  ck_assert_int_eq(mipfb_policy_set_binding(pol, 2, 1, 1), 0);
  for (fam = MIPFB_AF_INET4; fam <= MIPFB_AF_INET6; fam += 2) {
    uint8_t f = fam == MIPFB_AF_INET4 ? MIPFB_TS_FORMAT_IPV4 : MIPFB_TS_FORMAT_IPV6;
    tpkt t = sample(fam, 6);
    ports.ts.format = proto.ts.format = f;
    if (fam == MIPFB_AF_INET4) {
      ck_assert_int_eq(mipfb_policy_add_rule(pol, &ports), 0);
      ck_assert_int_eq(mipfb_policy_add_rule(pol, &proto), 0);
    } else {
      ck_assert_int_eq(mipfb_policy_replace_rule(pol, &ports), 0);
      ck_assert_int_eq(mipfb_policy_replace_rule(pol, &proto), 0);
    }
    t.frag = 1;
    settle(&t);
    parse_ok(&t);
    ck_assert_uint_eq(to_mn(pol, &t).rule_id, 1);
    t.frag = 2;
    settle(&t);
    parse_ok(&t);
    ck_assert_uint_eq(t.k.has, MIPFB_FLOW_FRAGMENT);
    ck_assert_uint_eq(to_mn(pol, &t).rule_id, 2);
    ck_assert_int_eq(mipfb_policy_remove_rule(pol, 2), 0);
    ck_assert_uint_eq(to_mn(pol, &t).by_default, 1);
    ck_assert_int_eq(mipfb_policy_add_rule(pol, &proto), 0);
  }
}
END_TEST

/* Every truncation of sample packets: the IP header chain cut gives
   MIPFB_ERR_TRUNCATED, a cut transport header gives a key without ports. */
START_TEST(test_policy_parse_every_truncation) {
  tpkt s[4];
  size_t i, n, cut, hdr;
  s[0] = sample(MIPFB_AF_INET4, 6);
  s[1] = sample(MIPFB_AF_INET6, 17);
  s[1].ext = 15;
  s[1].frag = 1;
  settle(&s[1]);
  s[2] = sample(MIPFB_AF_INET6, 50);
  s[2].ext = 5;
  s[3] = sample(MIPFB_AF_INET4, 50);
  for (i = 0; i < 4; i++) {
    uint8_t b[256];
    n = build(&s[i], b);
    hdr = n - 8;
    for (cut = 0; cut < n; cut++) {
      mipfb_flow_key k;
      int rc = mipfb_flow_parse(&k, th_guard(b, cut), cut);
      if (cut < hdr) {
        ck_assert_int_eq(rc, MIPFB_ERR_TRUNCATED);
      } else {
        ck_assert_int_eq(rc, 0);
        ck_assert_uint_eq(k.proto, s[i].k.proto);
        ck_assert_uint_eq(k.has & (MIPFB_FLOW_PORTS | MIPFB_FLOW_SPI), cut - hdr >= 4 ? s[i].k.has : 0);
      }
    }
  }
}
END_TEST

START_TEST(test_policy_parse_malformed) {
  tpkt t = sample(MIPFB_AF_INET4, 6);
  uint8_t b[256];
  size_t n = build(&t, b);
  mipfb_flow_key k;
  ck_assert_int_eq(mipfb_flow_parse(&k, NULL, 0), MIPFB_ERR_TRUNCATED);
  ck_assert_int_eq(mipfb_flow_parse(NULL, b, n), MIPFB_ERR_INVALID_ARG);
  ck_assert_int_eq(mipfb_flow_parse(&k, NULL, 1), MIPFB_ERR_INVALID_ARG);
  b[0] = 0x44; /* IHL 4 */
  ck_assert_int_eq(mipfb_flow_parse(&k, b, n), MIPFB_ERR_BAD_LENGTH);
  b[0] = 0x46; /* IHL 6 = 24 octets: the first 4 transport octets become options */
  ck_assert_int_eq(mipfb_flow_parse(&k, b, n), 0);
  ck_assert_uint_eq(k.has, MIPFB_FLOW_PORTS);
  ck_assert_int_eq(mipfb_flow_parse(&k, b, 23), MIPFB_ERR_TRUNCATED);
  b[0] = 0x45;
  b[2] = 0;
  b[3] = 19; /* total length below the header */
  ck_assert_int_eq(mipfb_flow_parse(&k, b, n), MIPFB_ERR_BAD_LENGTH);
  b[3] = 22; /* total length cuts the transport header: no ports */
  ck_assert_int_eq(mipfb_flow_parse(&k, b, n), 0);
  ck_assert_uint_eq(k.has, 0);
  b[0] = 0x55;
  ck_assert_int_eq(mipfb_flow_parse(&k, b, n), MIPFB_ERR_UNSUPPORTED);
}
END_TEST

/* Sample packets with random octets changed and random lengths: the parser
   answers with a defined code and reads nothing past the end (guard page). */
START_TEST(test_policy_parse_mutated_never_out_of_bounds) {
  uint64_t x = 88172645463325252ull;
  unsigned i, j;
  for (i = 0; i < 20000; i++) {
    tpkt t = sample(i % 2 ? MIPFB_AF_INET6 : MIPFB_AF_INET4, 17);
    uint8_t b[256];
    size_t n;
    mipfb_flow_key k;
    int rc;
    t.ext = i % 16;
    t.frag = (int)(i / 2 % 3);
    n = build(&t, b);
    for (j = 0; j < 4; j++) {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      b[x % n] = (uint8_t)(x >> 32);
    }
    b[0] = (uint8_t)((b[0] & 0x0F) | (i % 2 ? 0x60 : 0x40));
    n = (size_t)(x >> 40) % (n + 1);
    rc = mipfb_flow_parse(&k, th_guard(b, n), n);
    if (rc != 0 && rc != MIPFB_ERR_TRUNCATED && rc != MIPFB_ERR_BAD_LENGTH) {
      ck_abort_msg("packet %u: unexpected %d", i, rc);
    }
    if (rc == 0 && k.family != (i % 2 ? MIPFB_AF_INET6 : MIPFB_AF_INET4)) {
      ck_abort_msg("packet %u: family %u", i, k.family);
    }
  }
}
END_TEST

/* ------------------------------------------------------------ updates and arguments */

START_TEST(test_policy_failed_update_leaves_policy_unchanged) {
  mipfb_policy *pol = new_policy(MIPFB_POLICY_MIP6, 2, 2);
  size_t size = mipfb_policy_mem_size(2, 2);
  static uint64_t copy[sizeof mem / 8];
  mipfb_policy_rule a = fwd(1, 10, 1, 0), b = fwd(2, 20, 2, 0), bad;
  ck_assert_int_eq(mipfb_policy_add_rule(pol, &a), 0);
  ck_assert_int_eq(mipfb_policy_add_rule(pol, &b), 0);
  ck_assert_int_eq(mipfb_policy_set_binding(pol, 1, 1, 1), 0);
  ck_assert_int_eq(mipfb_policy_set_binding(pol, 2, 1, 1), 0);
  memcpy(copy, mem, size);
#define UNCHANGED(call, err)                  \
  do {                                        \
    ck_assert_int_eq((call), (err));          \
    ck_assert_mem_eq(copy, mem, size);        \
  } while (0)
  bad = fwd(3, 30, 1, 0);
  UNCHANGED(mipfb_policy_add_rule(pol, &bad), MIPFB_ERR_TABLE_FULL);
  UNCHANGED(mipfb_policy_set_binding(pol, 3, 1, 1), MIPFB_ERR_TABLE_FULL);
  UNCHANGED(mipfb_policy_set_binding(pol, 0, 1, 1), MIPFB_ERR_INVALID_ARG);
  bad = fwd(1, 30, 1, 0);
  UNCHANGED(mipfb_policy_add_rule(pol, &bad), MIPFB_ERR_DUPLICATE);
  bad = fwd(9, 10, 1, 0);
  UNCHANGED(mipfb_policy_add_rule(pol, &bad), MIPFB_ERR_DUPLICATE);
  UNCHANGED(mipfb_policy_replace_rule(pol, &bad), MIPFB_ERR_NOT_FOUND);
  UNCHANGED(mipfb_policy_remove_rule(pol, 9), MIPFB_ERR_NOT_FOUND);
  bad = fwd(2, 20, 1, 1);
  UNCHANGED(mipfb_policy_replace_rule(pol, &bad), MIPFB_ERR_DUPLICATE);
  bad = fwd(2, 20, 0, 0);
  UNCHANGED(mipfb_policy_replace_rule(pol, &bad), MIPFB_ERR_INVALID_ARG);
  bad = fwd(2, 0, 1, 0);
  UNCHANGED(mipfb_policy_replace_rule(pol, &bad), MIPFB_ERR_INVALID_ARG);
  bad = fwd(2, 20, 1, 0);
  bad.action = 3;
  UNCHANGED(mipfb_policy_replace_rule(pol, &bad), MIPFB_ERR_INVALID_ARG);
  bad.action = MIPFB_ACTION_FORWARD;
  bad.n_bids = 9;
  UNCHANGED(mipfb_policy_replace_rule(pol, &bad), MIPFB_ERR_INVALID_ARG);
  bad.n_bids = 0;
  UNCHANGED(mipfb_policy_replace_rule(pol, &bad), MIPFB_ERR_INVALID_ARG);
  bad.n_bids = 1;
  bad.ts.fields = MIPFB_TS_SPI_END; /* End without Start */
  UNCHANGED(mipfb_policy_replace_rule(pol, &bad), MIPFB_ERR_INVALID_ARG);
  UNCHANGED(mipfb_policy_replace_rule(pol, NULL), MIPFB_ERR_INVALID_ARG);
  UNCHANGED(mipfb_policy_add_rule(NULL, &a), MIPFB_ERR_INVALID_ARG);
#undef UNCHANGED
}
END_TEST

START_TEST(test_policy_init_arguments) {
  mipfb_policy *pol = NULL;
  mipfb_flow_key k;
  mipfb_policy_decision d;
  size_t need = mipfb_policy_mem_size(4, 4);
  ck_assert_uint_eq(mipfb_policy_mem_size(0, 4), 0);
  ck_assert_uint_eq(mipfb_policy_mem_size(4, 0), 0);
  ck_assert_uint_eq(mipfb_policy_mem_size(65536, 4), 0);
  ck_assert_uint_eq(mipfb_policy_mem_size(4, 1025), 0);
  ck_assert_int_eq(mipfb_policy_init(&pol, mem, need - 1, MIPFB_POLICY_MIP4, 4, 4, 0), MIPFB_ERR_NOBUF);
  ck_assert_int_eq(mipfb_policy_init(&pol, (uint8_t *)mem + 4, need, MIPFB_POLICY_MIP4, 4, 4, 0),
                   MIPFB_ERR_INVALID_ARG);
  ck_assert_int_eq(mipfb_policy_init(&pol, mem, need, 5, 4, 4, 0), MIPFB_ERR_INVALID_ARG);
  ck_assert_int_eq(mipfb_policy_init(NULL, mem, need, MIPFB_POLICY_MIP4, 4, 4, 0), MIPFB_ERR_INVALID_ARG);
  ck_assert_int_eq(mipfb_policy_init(&pol, NULL, need, MIPFB_POLICY_MIP4, 4, 4, 0), MIPFB_ERR_INVALID_ARG);
  ck_assert_int_eq(mipfb_policy_init(&pol, mem, need, MIPFB_POLICY_MIP4, 4, 4, 0), 0);
  memset(&k, 0, sizeof k);
  ck_assert_int_eq(mipfb_policy_classify(pol, &k, 2, &d), MIPFB_ERR_INVALID_ARG);
  ck_assert_int_eq(mipfb_policy_classify(pol, NULL, 0, &d), MIPFB_ERR_INVALID_ARG);
  ck_assert_int_eq(mipfb_policy_classify_packet(pol, NULL, 0, 0, &d), MIPFB_ERR_TRUNCATED);
  ck_assert_int_eq(mipfb_policy_classify_packet(NULL, NULL, 0, 0, &d), MIPFB_ERR_INVALID_ARG);
}
END_TEST

/* ------------------------------------------------------------ differential */

static uint64_t rs;

static uint32_t rnd(uint32_t n) { /* uniform enough in 0..n-1 (xorshift64*) */
  rs ^= rs >> 12;
  rs ^= rs << 25;
  rs ^= rs >> 27;
  return (uint32_t)((rs * 0x2545F4914F6CDD1Dull) >> 32) % n;
}

static void rnd_addr(uint8_t *a, size_t n) {
  uint32_t c = rnd(10);
  memset(a, 0, 16);
  if (c == 0) {
    return; /* all zero */
  }
  if (c == 1) {
    memset(a, 0xFF, n);
    return;
  }
  a[0] = 10;
  a[n - 2] = (uint8_t)rnd(2);
  a[n - 1] = (uint8_t)rnd(8);
}

static uint32_t rnd_val(uint32_t max) {
  static const uint32_t EDGE[] = {0, 1, 2, 79, 80, 81, 443};
  uint32_t c = rnd(4);
  uint32_t edge = EDGE[rnd(7)];
  return c == 0 ? max : c == 1 ? rnd(max) + (max == 0xFFFFFFFFu ? rnd(2) : 0) : edge > max ? max : edge;
}

static uint8_t rnd_proto(void) {
  static const uint8_t P[] = {1, 6, 17, 50, 58, 132, 136, 255};
  return P[rnd(8)];
}

static void rnd_pair32(uint32_t *s, uint32_t *e, uint32_t max) {
  uint32_t a = rnd_val(max), b = rnd_val(max);
  *s = a < b ? a : b;
  *e = a < b ? b : a;
}

static void rnd_pair_addr(uint8_t *s, uint8_t *e, size_t n) {
  uint8_t a[16], b[16];
  int lt;
  rnd_addr(a, n);
  rnd_addr(b, n);
  lt = memcmp(a, b, n) < 0;
  memcpy(s, lt ? a : b, 16);
  memcpy(e, lt ? b : a, 16);
}

static uint32_t density; /* a field is present with probability 1/density */

static void rnd_rule(mipfb_policy_rule *r, uint32_t id, uint32_t prio) {
  uint32_t f = 0, bit, s, e;
  size_t n, i;
  memset(r, 0, sizeof *r);
  r->id = id;
  r->prio = prio;
  r->ts.format = (uint8_t)(1 + rnd(2));
  n = r->ts.format == MIPFB_TS_FORMAT_IPV4 ? 4 : 16;
  for (bit = 0x8000; bit != 0; bit >>= 2) { /* each Start, maybe its End */
    if ((bit & (MIPFB_TS_FL_START)) && n == 4) {
      continue;
    }
    if (rnd(density) == 0) {
      f |= bit | (rnd(2) ? bit >> 1 : 0);
    }
  }
  r->ts.fields = (uint16_t)f;
  rnd_pair_addr(r->ts.src_start, r->ts.src_end, n);
  rnd_pair_addr(r->ts.dst_start, r->ts.dst_end, n);
  rnd_pair32(&r->ts.spi_start, &r->ts.spi_end, 0xFFFFFFFFu);
  rnd_pair32(&r->ts.fl_start, &r->ts.fl_end, 0xFFFFF);
  rnd_pair32(&s, &e, 0xFFFF);
  r->ts.sport_start = (uint16_t)s;
  r->ts.sport_end = (uint16_t)e;
  rnd_pair32(&s, &e, 0xFFFF);
  r->ts.dport_start = (uint16_t)s;
  r->ts.dport_end = (uint16_t)e;
  rnd_pair32(&s, &e, 0xFF);
  r->ts.ds_start = (uint8_t)s;
  r->ts.ds_end = (uint8_t)e;
  s = rnd_proto();
  e = rnd(3) ? s : rnd_proto();
  r->ts.proto_start = (uint8_t)(s < e ? s : e);
  r->ts.proto_end = (uint8_t)(s < e ? e : s);
  r->action = (uint8_t)rnd(3);
  r->n_bids = (uint8_t)(1 + rnd(4));
  for (i = 0; i < r->n_bids; i++) { /* distinct BIDs from 1..12; 11 and 12 are never bindings */
    r->bids[i] = (uint16_t)(1 + i * 3 + rnd(3));
  }
}

static void rnd_packet(tpkt *t) {
  memset(t, 0, sizeof *t);
  t->k.family = rnd(2) ? MIPFB_AF_INET4 : MIPFB_AF_INET6;
  rnd_addr(t->k.src, t->k.family == MIPFB_AF_INET4 ? 4 : 16);
  rnd_addr(t->k.dst, t->k.family == MIPFB_AF_INET4 ? 4 : 16);
  t->k.proto = rnd_proto();
  t->k.ds = (uint8_t)rnd(256);
  t->k.flow_label = t->k.family == MIPFB_AF_INET6 ? rnd_val(0xFFFFF) : 0;
  t->k.sport = (uint16_t)rnd_val(0xFFFF);
  t->k.dport = (uint16_t)rnd_val(0xFFFF);
  t->k.spi = rnd_val(0xFFFFFFFFu);
  t->ext = t->k.family == MIPFB_AF_INET6 && rnd(4) == 0 ? rnd(16) : 0;
  t->frag = rnd(8) == 0 ? (int)(1 + rnd(2)) : 0;
  t->cut = rnd(16) == 0;
  settle(t);
}

static policy_ref R;

/* One random rule set checked with `packets` packets; binding churn and
   rule updates on the way. */
/* Check's ck_assert marks every passing check through a pipe; the hot loop
   tests plainly and reports only a failure. */
#define OK(cond)                                    \
  do {                                              \
    if (!(cond)) {                                  \
      ck_abort_msg("%s:%d: %s", __FILE__, __LINE__, #cond); \
    }                                               \
  } while (0)

/* The burst path (mipfb_ha_table_classify_burst) on the same packets:
   queued per direction, 37 at most (not a multiple of the library's
   group), flushed before any change to the policy. Each queued packet's
   node goes into a fresh HA table with probability 7/8, and one packet in
   16 is cut short at a random length, so the burst also answers
   NOT_FOUND and parse errors; everything must equal the one-packet path
   and the reference. */
#define BURST_Q 37

typedef struct burst_q {
  uint8_t buf[BURST_Q][256];
  const uint8_t *pkt[BURST_Q];
  size_t len[BURST_Q];
  size_t n;
} burst_q;

static burst_q Q[2];
static uint64_t tmem[(128 * 32 + 256) / 8];

static void burst_flush(const mipfb_policy *pol, int dir) {
  burst_q *q = &Q[dir];
  mipfb_ha_table *t = NULL;
  mipfb_policy_decision out[BURST_Q];
  const mipfb_policy *pols[BURST_Q];
  int rcs[BURST_Q];
  size_t i, need = mipfb_ha_table_mem_size(64);
  OK(need <= sizeof tmem && mipfb_ha_table_init(&t, tmem, need, 64, rs) == 0);
  for (i = 0; i < q->n; i++) {
    mipfb_flow_key k;
    mipfb_addr a;
    if (mipfb_flow_parse(&k, q->pkt[i], q->len[i]) == 0 && rnd(8) != 0) {
      a.family = k.family;
      memcpy(a.bytes, dir == MIPFB_DIR_TO_MN ? k.dst : k.src, 16);
      OK(mipfb_ha_table_insert(t, &a, (mipfb_policy *)(uintptr_t)pol) == 0 ||
         mipfb_ha_table_lookup(t, &a) == pol);
    }
  }
  memset(out, 0xA5, sizeof out);
  OK(mipfb_ha_table_classify_burst(t, q->pkt, q->len, q->n, dir, out, rcs, pols) == 0);
  for (i = 0; i < q->n; i++) {
    mipfb_policy_decision one, want;
    const mipfb_policy *one_pol;
    int rc = mipfb_ha_table_classify_packet(t, q->pkt[i], q->len[i], dir, &one, &one_pol);
    mipfb_flow_key k;
    OK(rcs[i] == rc && pols[i] == one_pol);
    if (rc != 0) {
      uint8_t untouched[sizeof out[i]];
      memset(untouched, 0xA5, sizeof untouched);
      OK(memcmp(&out[i], untouched, sizeof untouched) == 0);
      continue;
    }
    OK(pols[i] == pol && memcmp(&out[i], &one, sizeof one) == 0);
    OK(mipfb_flow_parse(&k, q->pkt[i], q->len[i]) == 0);
    policy_ref_classify(&R, &k, dir, &want);
    OK(policy_ref_same(&out[i], &want));
  }
  q->n = 0;
}

static void burst_push(const mipfb_policy *pol, int dir, const uint8_t *b, size_t n) {
  burst_q *q = &Q[dir];
  memcpy(q->buf[q->n], b, n);
  q->pkt[q->n] = q->buf[q->n];
  q->len[q->n] = rnd(16) == 0 ? rnd((uint32_t)n + 1) : n;
  if (++q->n == BURST_Q) {
    burst_flush(pol, dir);
  }
}

static void burst_flush_both(const mipfb_policy *pol, int burst) {
  if (burst) {
    burst_flush(pol, MIPFB_DIR_TO_MN);
    burst_flush(pol, MIPFB_DIR_FROM_MN);
  }
}

/* burst: check the burst path (burst_push) instead of mipfb_policy_classify. */
static void differential_round(uint32_t packets, int burst) {
  mipfb_policy *pol;
  uint32_t nrules = 1u << rnd(11), i, p;
  int fam = rnd(2) ? MIPFB_POLICY_MIP4 : MIPFB_POLICY_MIP6;
  nrules = nrules > MAXR ? MAXR : nrules;
  nrules = nrules / 2 + 1 + rnd(nrules - nrules / 2);
  nrules = nrules > MAXR ? MAXR : nrules;
  density = 2 + rnd(3);
  pol = new_policy(fam, rnd(4) == 0 ? nrules + rnd(4) : MAXR, MAXB); /* small: no index */
  memset(&R, 0, sizeof R);
  R.family = fam;
  R.seed = 0x1234;
  for (i = 1; i <= 10; i++) {
    int v = rnd(3) != 0;
    uint8_t pri = (uint8_t)rnd(4);
    OK(mipfb_policy_set_binding(pol, (uint16_t)i, v, pri) == 0);
    policy_ref_set_binding(&R, (uint16_t)i, v, pri);
  }
  for (i = 0; i < nrules; i++) {
    mipfb_policy_rule r;
    uint32_t prio = 1 + (i * 2654435761u) % 65535u; /* distinct for i < 65535 */
    rnd_rule(&r, i + 1, prio);
    OK(mipfb_policy_add_rule(pol, &r) == 0);
    policy_ref_insert(&R, &r, fam == MIPFB_POLICY_MIP6 ? prio : R.next++);
  }
  for (p = 0; p < packets; p++) {
    tpkt t;
    uint8_t b[256];
    size_t n;
    int dir = (int)rnd(2);
    mipfb_policy_decision want, got;
    mipfb_flow_key k;
    if (rnd(64) == 0) { /* binding churn */
      uint16_t bid = (uint16_t)(1 + rnd(10));
      int v = rnd(2) != 0;
      uint8_t pri = (uint8_t)rnd(4);
      burst_flush_both(pol, burst);
      OK(mipfb_policy_set_binding(pol, bid, v, pri) == 0);
      policy_ref_set_binding(&R, bid, v, pri);
    }
    if (rnd(512) == 0) { /* replace one rule in place */
      size_t at = rnd((uint32_t)R.n);
      mipfb_policy_rule r;
      policy_ref_rule old = R.rules[at];
      burst_flush_both(pol, burst);
      rnd_rule(&r, old.r.id, old.r.prio);
      OK(mipfb_policy_replace_rule(pol, &r) == 0);
      R.rules[at].r = r;
    }
    if (rnd(512) == 0 && R.n > 1) { /* remove one and add it back last (MIPv4) */
      size_t at = rnd((uint32_t)R.n);
      policy_ref_rule old = R.rules[at];
      burst_flush_both(pol, burst);
      OK(mipfb_policy_remove_rule(pol, old.r.id) == 0);
      policy_ref_remove_at(&R, at);
      OK(mipfb_policy_add_rule(pol, &old.r) == 0);
      policy_ref_insert(&R, &old.r, fam == MIPFB_POLICY_MIP6 ? old.key : R.next++);
    }
    rnd_packet(&t);
    n = build(&t, b);
    OK(mipfb_flow_parse(&k, b, n) == 0);
    OK(memcmp(&k, &t.k, sizeof k) == 0);
    if (burst) {
      burst_push(pol, dir, b, n);
      continue;
    }
    OK(mipfb_policy_classify(pol, &k, dir, &got) == 0);
    policy_ref_classify(&R, &t.k, dir, &want);
    if (!policy_ref_same(&got, &want)) {
      assert_same(&got, &want); /* names the field */
      ck_abort_msg("decisions differ");
    }
  }
  burst_flush_both(pol, burst);
}

START_TEST(test_policy_differential_vs_reference) {
  uint32_t total = 1000000, done = 0;
  const char *q = getenv("MIPFB_TEST_QUICK");
  if (q != NULL && getenv("MIPFB_POLICY_PACKETS") != NULL) {
    total = (uint32_t)strtoul(getenv("MIPFB_POLICY_PACKETS"), NULL, 10);
  }
  rs = 0x9E3779B97F4A7C15ull;
  while (done < total) {
    uint32_t k = total - done < 2000 ? total - done : 2000;
    differential_round(k, 0);
    done += k;
  }
}
END_TEST

/* The burst path of the HA table (flowtable.h) against the one-packet path
   and the reference: 250,000 packets in bursts, same rule sets and churn. */
START_TEST(test_policy_burst_differential_vs_reference) {
  uint32_t total = 250000, done = 0;
  rs = 0xD1B54A32D192ED03ull;
  while (done < total) {
    uint32_t k = total - done < 2000 ? total - done : 2000;
    differential_round(k, 1);
    done += k;
  }
}
END_TEST

Suite *mipfb_policy_suite(void) {
  const TTest *const rules[] = {
      test_rfc7629_4_2_forward_first_valid_bid, test_rfc7629_4_2_drop,
      test_flow_binding_ncast_every_valid_bid,  test_errata_e19_inactive_rule,
      test_rfc6089_5_fid_pri_lower_wins,        test_rfc7629_arrival_order,
      test_rfc7629_arrival_order_survives_wrap,
      test_rfc6089_default_lowest_bid_pri,      test_policy_default_none_without_valid_binding,
      test_rfc7629_6_default_per_flow_rendezvous, test_rfc6088_3_ds_upper_six_bits,
      test_errata_e7_flow_label_20_bits,        test_rfc6088_3_ranges_and_family,
      test_rfc6088_3_from_mn_mirrors_selector,  test_policy_parse_transports,
      test_policy_parse_ipv6_extension_chain,   test_policy_parse_fragments,
      test_policy_parse_every_truncation,       test_policy_parse_malformed,
      test_policy_parse_mutated_never_out_of_bounds,
      test_policy_failed_update_leaves_policy_unchanged, test_policy_init_arguments,
  };
  Suite *s = suite_create("policy");
  TCase *tc = tcase_create("rules");
  TCase *diff = tcase_create("differential");
  size_t i;
  for (i = 0; i < sizeof rules / sizeof rules[0]; i++) {
    tcase_add_test(tc, rules[i]);
  }
  suite_add_tcase(s, tc);
  tcase_set_timeout(diff, 600); /* about 1 s at -O2; ASan and valgrind are slower */
  tcase_add_test(diff, test_policy_differential_vs_reference);
  tcase_add_test(diff, test_policy_burst_differential_vs_reference);
  suite_add_tcase(s, diff);
  return s;
}
