/* HA-level table (issue 4, "An HA-level table"): mobile node address ->
   policy in O(1), then classification in that policy; destination address
   for traffic to the node, source for traffic from it, IPv4 and IPv6. Test
   names start with test_issue4_ha_table_. The churn test compares the table
   with a linear reference over random insert/remove/lookup sequences. */
#include <stdlib.h>
#include <string.h>

#include <mipfb/flowtable.h>

#include "test_helper.h"

/* Room for a 4096-node table. */
static uint64_t tmem[(4096 * 2 * 64 + 256) / 8];
static uint64_t pmem[2][4096];

static mipfb_ha_table *new_table(size_t capacity, uint64_t seed) {
  mipfb_ha_table *t = NULL;
  size_t need = mipfb_ha_table_mem_size(capacity);
  ck_assert_uint_gt(need, 0);
  ck_assert_uint_le(need, sizeof tmem);
  ck_assert_int_eq(mipfb_ha_table_init(&t, tmem, need, capacity, seed), 0);
  ck_assert_ptr_nonnull(t);
  return t;
}

/* A MIPv6 policy in pmem[i] whose default binding is `bid`. */
static mipfb_policy *new_policy(int i, uint16_t bid) {
  mipfb_policy *pol = NULL;
  size_t need = mipfb_policy_mem_size(4, 4);
  ck_assert_uint_le(need, sizeof pmem[i]);
  ck_assert_int_eq(mipfb_policy_init(&pol, pmem[i], need, MIPFB_POLICY_MIP6, 4, 4, 7), 0);
  ck_assert_int_eq(mipfb_policy_set_binding(pol, bid, 1, 1), 0);
  return pol;
}

static mipfb_addr v4(uint8_t a, uint8_t b, uint8_t c, uint8_t d) {
  mipfb_addr x;
  memset(&x, 0, sizeof x);
  x.family = MIPFB_AF_INET4;
  x.bytes[0] = a;
  x.bytes[1] = b;
  x.bytes[2] = c;
  x.bytes[3] = d;
  return x;
}

static mipfb_addr v6(uint16_t first, uint32_t last) {
  mipfb_addr x;
  memset(&x, 0, sizeof x);
  x.family = MIPFB_AF_INET6;
  x.bytes[0] = (uint8_t)(first >> 8);
  x.bytes[1] = (uint8_t)first;
  x.bytes[12] = (uint8_t)(last >> 24);
  x.bytes[13] = (uint8_t)(last >> 16);
  x.bytes[14] = (uint8_t)(last >> 8);
  x.bytes[15] = (uint8_t)last;
  return x;
}

/* Policies are only compared as pointers by the table tests that do not
   classify: distinct fake addresses inside pmem. */
static mipfb_policy *fake_pol(size_t i) { return (mipfb_policy *)(void *)((uint8_t *)pmem + 8 * (i % 1000)); }

START_TEST(test_issue4_ha_table_init_arguments) {
  mipfb_ha_table *t = NULL;
  size_t need = mipfb_ha_table_mem_size(10);
  ck_assert_uint_eq(mipfb_ha_table_mem_size(0), 0);
  ck_assert_uint_eq(mipfb_ha_table_mem_size((size_t)MIPFB_HA_TABLE_MAX_CAPACITY + 1), 0);
  ck_assert_uint_gt(need, 0);
  /* Grows with the capacity; load at most 3/4. */
  ck_assert_uint_ge(mipfb_ha_table_mem_size(1000), mipfb_ha_table_mem_size(10));
  ck_assert_int_eq(mipfb_ha_table_init(NULL, tmem, need, 10, 1), MIPFB_ERR_INVALID_ARG);
  ck_assert_int_eq(mipfb_ha_table_init(&t, NULL, need, 10, 1), MIPFB_ERR_INVALID_ARG);
  ck_assert_int_eq(mipfb_ha_table_init(&t, (uint8_t *)tmem + 1, need, 10, 1), MIPFB_ERR_INVALID_ARG);
  ck_assert_int_eq(mipfb_ha_table_init(&t, tmem, need, 0, 1), MIPFB_ERR_INVALID_ARG);
  ck_assert_int_eq(mipfb_ha_table_init(&t, tmem, need - 1, 10, 1), MIPFB_ERR_NOBUF);
  ck_assert_int_eq(mipfb_ha_table_init(&t, tmem, need, 10, 1), 0);
  ck_assert_uint_eq(mipfb_ha_table_count(t), 0);
}
END_TEST

START_TEST(test_issue4_ha_table_insert_lookup_both_families) {
  mipfb_ha_table *t = new_table(16, 0x5eed);
  mipfb_addr a4 = v4(10, 0, 0, 2), a6 = v6(0x2001, 2), mapped = v6(0, 0xffff), bad = a4, a4junk = a4;
  mipfb_policy *p1 = fake_pol(1), *p2 = fake_pol(2), *p3 = fake_pol(3);
  /* ::ffff:10.0.0.2 */
  mapped.bytes[10] = 0xff;
  mapped.bytes[11] = 0xff;
  memcpy(mapped.bytes + 12, a4.bytes, 4);
  ck_assert_int_eq(mipfb_ha_table_insert(t, &a4, p1), 0);
  ck_assert_int_eq(mipfb_ha_table_insert(t, &a6, p2), 0);
  ck_assert_ptr_eq(mipfb_ha_table_lookup(t, &a4), p1);
  ck_assert_ptr_eq(mipfb_ha_table_lookup(t, &a6), p2);
  /* IPv4 and IPv4-mapped IPv6 are different keys. */
  ck_assert_ptr_null(mipfb_ha_table_lookup(t, &mapped));
  ck_assert_int_eq(mipfb_ha_table_insert(t, &mapped, p3), 0);
  ck_assert_ptr_eq(mipfb_ha_table_lookup(t, &mapped), p3);
  ck_assert_ptr_eq(mipfb_ha_table_lookup(t, &a4), p1);
  /* IPv4 octets 4..15 are ignored. */
  memset(a4junk.bytes + 4, 0xAB, 12);
  ck_assert_ptr_eq(mipfb_ha_table_lookup(t, &a4junk), p1);
  ck_assert_int_eq(mipfb_ha_table_insert(t, &a4junk, p2), MIPFB_ERR_DUPLICATE);
  ck_assert_ptr_eq(mipfb_ha_table_lookup(t, &a4), p1);
  ck_assert_uint_eq(mipfb_ha_table_count(t), 3);
  /* Arguments. */
  bad.family = 5;
  ck_assert_int_eq(mipfb_ha_table_insert(t, &bad, p1), MIPFB_ERR_INVALID_ARG);
  ck_assert_int_eq(mipfb_ha_table_insert(t, &a6, NULL), MIPFB_ERR_INVALID_ARG);
  ck_assert_int_eq(mipfb_ha_table_insert(NULL, &a6, p1), MIPFB_ERR_INVALID_ARG);
  ck_assert_int_eq(mipfb_ha_table_insert(t, NULL, p1), MIPFB_ERR_INVALID_ARG);
  ck_assert_int_eq(mipfb_ha_table_remove(t, &bad), MIPFB_ERR_INVALID_ARG);
  ck_assert_int_eq(mipfb_ha_table_remove(NULL, &a4), MIPFB_ERR_INVALID_ARG);
  ck_assert_ptr_null(mipfb_ha_table_lookup(t, &bad));
  ck_assert_ptr_null(mipfb_ha_table_lookup(t, NULL));
  ck_assert_ptr_null(mipfb_ha_table_lookup(NULL, &a4));
  /* Remove. */
  ck_assert_int_eq(mipfb_ha_table_remove(t, &a4), 0);
  ck_assert_int_eq(mipfb_ha_table_remove(t, &a4), MIPFB_ERR_NOT_FOUND);
  ck_assert_ptr_null(mipfb_ha_table_lookup(t, &a4));
  ck_assert_ptr_eq(mipfb_ha_table_lookup(t, &a6), p2);
  ck_assert_ptr_eq(mipfb_ha_table_lookup(t, &mapped), p3);
  ck_assert_uint_eq(mipfb_ha_table_count(t), 2);
}
END_TEST

START_TEST(test_issue4_ha_table_full_leaves_table_unchanged) {
  static uint8_t before[sizeof tmem];
  mipfb_ha_table *t = new_table(5, 99);
  size_t need = mipfb_ha_table_mem_size(5), i;
  mipfb_addr extra = v6(0xfe80, 77);
  for (i = 0; i < 5; i++) {
    mipfb_addr a = i % 2 ? v4(10, 1, 0, (uint8_t)i) : v6(0x2001, (uint32_t)i);
    ck_assert_int_eq(mipfb_ha_table_insert(t, &a, fake_pol(i)), 0);
  }
  memcpy(before, tmem, need);
  ck_assert_int_eq(mipfb_ha_table_insert(t, &extra, fake_pol(9)), MIPFB_ERR_TABLE_FULL);
  ck_assert_mem_eq(before, tmem, need);
  /* A duplicate of a present address says so even when full. */
  {
    mipfb_addr dup = v4(10, 1, 0, 1);
    ck_assert_int_eq(mipfb_ha_table_insert(t, &dup, fake_pol(9)), MIPFB_ERR_DUPLICATE);
    ck_assert_mem_eq(before, tmem, need);
  }
  ck_assert_int_eq(mipfb_ha_table_remove(t, &extra), MIPFB_ERR_NOT_FOUND);
  ck_assert_mem_eq(before, tmem, need);
  ck_assert_uint_eq(mipfb_ha_table_count(t), 5);
  /* After one removal the insert fits. */
  {
    mipfb_addr gone = v6(0x2001, 2);
    ck_assert_int_eq(mipfb_ha_table_remove(t, &gone), 0);
    ck_assert_int_eq(mipfb_ha_table_insert(t, &extra, fake_pol(9)), 0);
    ck_assert_ptr_eq(mipfb_ha_table_lookup(t, &extra), fake_pol(9));
  }
}
END_TEST

/* ------------------------------------------------------------ churn */

static uint64_t rng_state;

static uint32_t rnd(void) {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return (uint32_t)(rng_state >> 16);
}

#define UNIVERSE 3000

/* Key k of the universe: half IPv4, half IPv6, clustered (consecutive
   addresses) so probe runs form. */
static mipfb_addr ukey(size_t k) {
  if (k % 2 == 0) {
    return v4(192, 168, (uint8_t)(k >> 9), (uint8_t)(k >> 1));
  }
  return v6(0x2001, (uint32_t)(k >> 1));
}

/* Reference: which universe keys are present, with which policy. */
static mipfb_policy *ref_pol[UNIVERSE];

static void check_all(const mipfb_ha_table *t, size_t n_keys) {
  size_t k, count = 0;
  for (k = 0; k < n_keys; k++) {
    mipfb_addr a = ukey(k);
    ck_assert_ptr_eq(mipfb_ha_table_lookup(t, &a), ref_pol[k]);
    count += ref_pol[k] != NULL;
  }
  ck_assert_uint_eq(mipfb_ha_table_count(t), count);
}

/* Random insert/remove/lookup against the reference; capacity below the
   key universe so TABLE_FULL happens too. */
static void churn(size_t capacity, size_t n_keys, unsigned long ops, uint64_t seed) {
  mipfb_ha_table *t = new_table(capacity, seed);
  static uint64_t fresh[sizeof tmem / 8];
  size_t need = mipfb_ha_table_mem_size(capacity), count = 0, k;
  unsigned long op;
  int full_seen = 0;
  memset(ref_pol, 0, sizeof ref_pol);
  rng_state = seed | 1;
  for (op = 0; op < ops; op++) {
    mipfb_addr a;
    int rc;
    k = rnd() % n_keys;
    a = ukey(k);
    switch (rnd() % 3) {
    case 0:
      rc = mipfb_ha_table_insert(t, &a, fake_pol(op));
      if (ref_pol[k] != NULL) {
        ck_assert_int_eq(rc, MIPFB_ERR_DUPLICATE);
      } else if (count == capacity) {
        ck_assert_int_eq(rc, MIPFB_ERR_TABLE_FULL);
        full_seen = 1;
      } else {
        ck_assert_int_eq(rc, 0);
        ref_pol[k] = fake_pol(op);
        count++;
      }
      break;
    case 1:
      rc = mipfb_ha_table_remove(t, &a);
      ck_assert_int_eq(rc, ref_pol[k] != NULL ? 0 : MIPFB_ERR_NOT_FOUND);
      if (ref_pol[k] != NULL) {
        ref_pol[k] = NULL;
        count--;
      }
      break;
    default:
      ck_assert_ptr_eq(mipfb_ha_table_lookup(t, &a), ref_pol[k]);
      break;
    }
    if (op % 997 == 0) {
      check_all(t, n_keys);
    }
  }
  check_all(t, n_keys);
  ck_assert(full_seen);
  /* Emptied, the table is byte-for-byte a fresh one: deletion left no
     tombstones behind. */
  for (k = 0; k < n_keys; k++) {
    mipfb_addr a = ukey(k);
    if (ref_pol[k] != NULL) {
      ck_assert_int_eq(mipfb_ha_table_remove(t, &a), 0);
    }
  }
  ck_assert_uint_eq(mipfb_ha_table_count(t), 0);
  memcpy(fresh, tmem, need);
  ck_assert_int_eq(mipfb_ha_table_init(&t, tmem, need, capacity, seed), 0);
  ck_assert_mem_eq(fresh, tmem, need);
}

START_TEST(test_issue4_ha_table_churn_vs_reference) {
  churn(6, 12, 20000, 0x1111);      /* 8 slots: every run wraps around */
  churn(48, 80, 100000, 0x2222);    /* 64 slots */
  churn(1500, 3000, 400000, 0x3333); /* 2048 slots, both families */
}
END_TEST

/* Backward-shift deletion inside long clusters: a tiny table where every
   order of removal of a full run is tried. */
START_TEST(test_issue4_ha_table_remove_keeps_probe_runs) {
  size_t perm[6], i, j, round;
  for (round = 0; round < 300; round++) {
    mipfb_ha_table *t = new_table(6, round);
    rng_state = round * 2654435761u + 1;
    for (i = 0; i < 6; i++) {
      mipfb_addr a = ukey(i);
      ck_assert_int_eq(mipfb_ha_table_insert(t, &a, fake_pol(i + 1)), 0);
      perm[i] = i;
    }
    for (i = 5; i > 0; i--) {
      size_t r = rnd() % (i + 1), x = perm[i];
      perm[i] = perm[r];
      perm[r] = x;
    }
    for (i = 0; i < 6; i++) {
      mipfb_addr a = ukey(perm[i]);
      ck_assert_int_eq(mipfb_ha_table_remove(t, &a), 0);
      for (j = 0; j < 6; j++) {
        mipfb_addr b = ukey(perm[j]);
        ck_assert_ptr_eq(mipfb_ha_table_lookup(t, &b), j <= i ? NULL : fake_pol(perm[j] + 1));
      }
    }
  }
}
END_TEST

/* ------------------------------------------------------------ classification */

static void put16(uint8_t *b, unsigned v) {
  b[0] = (uint8_t)(v >> 8);
  b[1] = (uint8_t)v;
}

/* A UDP packet src:sport -> dst:dport; returns its length. */
static size_t udp(uint8_t *b, const mipfb_addr *src, const mipfb_addr *dst, unsigned sport, unsigned dport) {
  size_t n;
  if (src->family == MIPFB_AF_INET4) {
    memset(b, 0, 28);
    b[0] = 0x45;
    b[8] = 64;
    b[9] = 17;
    memcpy(b + 12, src->bytes, 4);
    memcpy(b + 16, dst->bytes, 4);
    n = 20;
  } else {
    memset(b, 0, 48);
    b[0] = 0x60;
    put16(b + 4, 8);
    b[6] = 17;
    b[7] = 64;
    memcpy(b + 8, src->bytes, 16);
    memcpy(b + 24, dst->bytes, 16);
    n = 40;
  }
  put16(b + n, sport);
  put16(b + n + 2, dport);
  put16(b + n + 4, 8);
  n += 8;
  if (src->family == MIPFB_AF_INET4) {
    put16(b + 2, (unsigned)n);
  }
  return n;
}

/* Rule on policy `pol`: UDP to the node's port `dport` -> BID `bid`. */
static void add_port_rule(mipfb_policy *pol, int family, uint16_t dport, uint16_t bid) {
  mipfb_policy_rule r;
  memset(&r, 0, sizeof r);
  r.id = 1;
  r.prio = 1;
  r.ts.format = family == MIPFB_AF_INET4 ? MIPFB_TS_FORMAT_IPV4 : MIPFB_TS_FORMAT_IPV6;
  r.ts.fields = MIPFB_TS_DPORT_START | MIPFB_TS_PROTO_START;
  r.ts.dport_start = dport;
  r.ts.proto_start = 17;
  r.action = MIPFB_ACTION_FORWARD;
  r.n_bids = 1;
  r.bids[0] = bid;
  ck_assert_int_eq(mipfb_policy_set_binding(pol, bid, 1, 9), 0);
  ck_assert_int_eq(mipfb_policy_add_rule(pol, &r), 0);
}

/* Traffic to the node is found by destination, traffic from it by source;
   the policy then sees the packet in that direction (mirrored selectors). */
START_TEST(test_issue4_ha_table_classify_by_direction) {
  mipfb_ha_table *t = new_table(8, 42);
  mipfb_policy *pa = new_policy(0, 1), *pb = new_policy(1, 2);
  mipfb_addr mn4 = v4(10, 0, 0, 2), cn4 = v4(192, 0, 2, 5), mn6 = v6(0x2001, 2), cn6 = v6(0x2001, 0xc0ffee);
  mipfb_policy_decision d, keep;
  const mipfb_policy *got = NULL;
  uint8_t b[64];
  size_t n;
  add_port_rule(pa, MIPFB_AF_INET4, 5060, 11);
  add_port_rule(pb, MIPFB_AF_INET6, 5060, 22);
  ck_assert_int_eq(mipfb_ha_table_insert(t, &mn4, pa), 0);
  ck_assert_int_eq(mipfb_ha_table_insert(t, &mn6, pb), 0);

  /* IPv4, to the MN: looked up by destination. */
  n = udp(b, &cn4, &mn4, 4000, 5060);
  ck_assert_int_eq(mipfb_ha_table_classify_packet(t, th_guard(b, n), n, MIPFB_DIR_TO_MN, &d, &got), 0);
  ck_assert_ptr_eq(got, pa);
  ck_assert_uint_eq(d.kind, MIPFB_DECISION_FORWARD);
  ck_assert_uint_eq(d.bid, 11);
  n = udp(b, &cn4, &mn4, 4000, 80);
  ck_assert_int_eq(mipfb_ha_table_classify_packet(t, b, n, MIPFB_DIR_TO_MN, &d, NULL), 0);
  ck_assert_uint_eq(d.bid, 1);
  ck_assert_uint_eq(d.by_default, 1);
  /* IPv4, from the MN: looked up by source, the reply takes the same rule. */
  n = udp(b, &mn4, &cn4, 5060, 4000);
  ck_assert_int_eq(mipfb_ha_table_classify_packet(t, th_guard(b, n), n, MIPFB_DIR_FROM_MN, &d, &got), 0);
  ck_assert_ptr_eq(got, pa);
  ck_assert_uint_eq(d.bid, 11);
  /* The same packet read in the wrong direction finds no node (its
     destination is the CN). */
  memcpy(&keep, &d, sizeof d);
  ck_assert_int_eq(mipfb_ha_table_classify_packet(t, b, n, MIPFB_DIR_TO_MN, &d, &got), MIPFB_ERR_NOT_FOUND);
  ck_assert_ptr_null(got);
  ck_assert_mem_eq(&keep, &d, sizeof d);

  /* IPv6, both directions. */
  n = udp(b, &cn6, &mn6, 4000, 5060);
  ck_assert_int_eq(mipfb_ha_table_classify_packet(t, th_guard(b, n), n, MIPFB_DIR_TO_MN, &d, &got), 0);
  ck_assert_ptr_eq(got, pb);
  ck_assert_uint_eq(d.bid, 22);
  n = udp(b, &mn6, &cn6, 5060, 4000);
  ck_assert_int_eq(mipfb_ha_table_classify_packet(t, th_guard(b, n), n, MIPFB_DIR_FROM_MN, &d, &got), 0);
  ck_assert_ptr_eq(got, pb);
  ck_assert_uint_eq(d.bid, 22);
  n = udp(b, &mn6, &cn6, 1, 4000);
  ck_assert_int_eq(mipfb_ha_table_classify_packet(t, b, n, MIPFB_DIR_FROM_MN, &d, NULL), 0);
  ck_assert_uint_eq(d.bid, 2);

  /* Errors: truncated packet, bad direction, NULLs; out untouched. */
  memcpy(&keep, &d, sizeof d);
  ck_assert_int_eq(mipfb_ha_table_classify_packet(t, th_guard(b, 10), 10, MIPFB_DIR_TO_MN, &d, &got),
                   MIPFB_ERR_TRUNCATED);
  ck_assert_ptr_null(got);
  ck_assert_int_eq(mipfb_ha_table_classify_packet(t, b, n, 7, &d, NULL), MIPFB_ERR_INVALID_ARG);
  ck_assert_int_eq(mipfb_ha_table_classify_packet(NULL, b, n, MIPFB_DIR_TO_MN, &d, NULL), MIPFB_ERR_INVALID_ARG);
  ck_assert_int_eq(mipfb_ha_table_classify_packet(t, b, n, MIPFB_DIR_TO_MN, NULL, NULL), MIPFB_ERR_INVALID_ARG);
  ck_assert_int_eq(mipfb_ha_table_classify_packet(t, NULL, 0, MIPFB_DIR_TO_MN, &d, NULL), MIPFB_ERR_TRUNCATED);
  ck_assert_mem_eq(&keep, &d, sizeof d);
  ck_assert_int_eq(mipfb_ha_table_classify(t, NULL, MIPFB_DIR_TO_MN, &d, NULL), MIPFB_ERR_INVALID_ARG);

  /* After removal the node is gone. */
  ck_assert_int_eq(mipfb_ha_table_remove(t, &mn6), 0);
  n = udp(b, &cn6, &mn6, 4000, 5060);
  ck_assert_int_eq(mipfb_ha_table_classify_packet(t, b, n, MIPFB_DIR_TO_MN, &d, NULL), MIPFB_ERR_NOT_FOUND);
}
END_TEST

/* Table classification = lookup + mipfb_policy_classify on random keys of
   both families and directions, many nodes sharing two policies. */
START_TEST(test_issue4_ha_table_classify_equals_policy_classify) {
  mipfb_ha_table *t = new_table(1000, 4);
  mipfb_policy *pol[2];
  size_t i;
  pol[0] = new_policy(0, 3);
  pol[1] = new_policy(1, 4);
  add_port_rule(pol[0], MIPFB_AF_INET4, 53, 30);
  add_port_rule(pol[1], MIPFB_AF_INET6, 53, 40);
  for (i = 0; i < 1000; i++) {
    mipfb_addr a = ukey(i);
    ck_assert_int_eq(mipfb_ha_table_insert(t, &a, pol[i % 3 == 0]), 0);
  }
  rng_state = 77;
  for (i = 0; i < 20000; i++) {
    size_t k = rnd() % 1200; /* some unknown nodes */
    mipfb_addr mn = ukey(k), cn = ukey(k + 5000);
    int dir = (int)(rnd() % 2), rc;
    mipfb_flow_key key;
    mipfb_policy_decision d, want;
    const mipfb_policy *got;
    memset(&key, 0, sizeof key);
    key.family = mn.family;
    key.proto = 17;
    key.has = MIPFB_FLOW_PORTS;
    memcpy(dir == MIPFB_DIR_TO_MN ? key.dst : key.src, mn.bytes, 16);
    memcpy(dir == MIPFB_DIR_TO_MN ? key.src : key.dst, cn.bytes, 16);
    if (mn.family == MIPFB_AF_INET4) {
      memset(key.src + 4, 0, 12);
      memset(key.dst + 4, 0, 12);
    }
    key.sport = (uint16_t)(rnd() % 2 ? 53 : rnd());
    key.dport = (uint16_t)(rnd() % 2 ? 53 : rnd());
    rc = mipfb_ha_table_classify(t, &key, dir, &d, &got);
    if (k >= 1000) {
      ck_assert_int_eq(rc, MIPFB_ERR_NOT_FOUND);
      continue;
    }
    ck_assert_int_eq(rc, 0);
    ck_assert_ptr_eq(got, pol[k % 3 == 0]);
    ck_assert_int_eq(mipfb_policy_classify(got, &key, dir, &want), 0);
    ck_assert_mem_eq(&d, &want, sizeof d);
  }
}
END_TEST

/* The burst calls: argument checks (nothing written), n = 0, and
   mipfb_ha_table_lookup_burst = mipfb_ha_table_lookup on known, unknown
   and bad-family addresses, over group boundaries (40 addresses). The
   burst classification itself is checked against the reference in
   policy_test.c (test_policy_burst_differential_vs_reference). */
START_TEST(test_issue4_ha_table_burst_calls) {
  mipfb_ha_table *t = new_table(64, 9);
  mipfb_policy *pa = new_policy(0, 1);
  mipfb_addr addrs[40], mn = v4(10, 0, 0, 1), cn = v4(192, 0, 2, 1);
  mipfb_policy *pols[40];
  mipfb_policy_decision d[2];
  const mipfb_policy *dp[2];
  uint8_t b[64];
  const uint8_t *pk[2];
  size_t lens[2], i;
  int rcs[2] = {5, 5};
  for (i = 0; i < 40; i++) {
    addrs[i] = i % 2 ? v6(0x2001, (uint32_t)i) : v4(10, 1, 0, (uint8_t)i);
    if (i % 3 != 0) {
      ck_assert_int_eq(mipfb_ha_table_insert(t, &addrs[i], fake_pol(i)), 0);
    }
  }
  addrs[7].family = 9; /* unknown family: NULL, like mipfb_ha_table_lookup */
  ck_assert_int_eq(mipfb_ha_table_lookup_burst(t, addrs, 40, pols), 0);
  for (i = 0; i < 40; i++) {
    ck_assert_ptr_eq(pols[i], mipfb_ha_table_lookup(t, &addrs[i]));
    ck_assert_ptr_eq(pols[i], i % 3 != 0 && i != 7 ? fake_pol(i) : NULL);
  }
  ck_assert_int_eq(mipfb_ha_table_lookup_burst(t, NULL, 0, NULL), 0);
  ck_assert_int_eq(mipfb_ha_table_lookup_burst(NULL, addrs, 1, pols), MIPFB_ERR_INVALID_ARG);
  ck_assert_int_eq(mipfb_ha_table_lookup_burst(t, NULL, 1, pols), MIPFB_ERR_INVALID_ARG);
  ck_assert_int_eq(mipfb_ha_table_lookup_burst(t, addrs, 1, NULL), MIPFB_ERR_INVALID_ARG);

  ck_assert_int_eq(mipfb_ha_table_insert(t, &mn, pa), 0);
  lens[0] = udp(b, &cn, &mn, 1000, 2000);
  lens[1] = 5;
  pk[0] = b;
  pk[1] = NULL; /* NULL with a length: that packet's error only */
  ck_assert_int_eq(mipfb_ha_table_classify_burst(t, pk, lens, 2, MIPFB_DIR_TO_MN, d, rcs, dp), 0);
  ck_assert_int_eq(rcs[0], 0);
  ck_assert_int_eq(rcs[1], MIPFB_ERR_INVALID_ARG);
  ck_assert_ptr_eq(dp[0], pa);
  ck_assert_ptr_null(dp[1]);
  ck_assert_uint_eq(d[0].bid, 1);
  rcs[0] = rcs[1] = 5;
  ck_assert_int_eq(mipfb_ha_table_classify_burst(NULL, pk, lens, 2, MIPFB_DIR_TO_MN, d, rcs, NULL),
                   MIPFB_ERR_INVALID_ARG);
  ck_assert_int_eq(mipfb_ha_table_classify_burst(t, pk, lens, 2, 7, d, rcs, NULL), MIPFB_ERR_INVALID_ARG);
  ck_assert_int_eq(mipfb_ha_table_classify_burst(t, NULL, lens, 2, MIPFB_DIR_TO_MN, d, rcs, NULL),
                   MIPFB_ERR_INVALID_ARG);
  ck_assert_int_eq(mipfb_ha_table_classify_burst(t, pk, NULL, 2, MIPFB_DIR_TO_MN, d, rcs, NULL),
                   MIPFB_ERR_INVALID_ARG);
  ck_assert_int_eq(mipfb_ha_table_classify_burst(t, pk, lens, 2, MIPFB_DIR_TO_MN, NULL, rcs, NULL),
                   MIPFB_ERR_INVALID_ARG);
  ck_assert_int_eq(mipfb_ha_table_classify_burst(t, pk, lens, 2, MIPFB_DIR_TO_MN, d, NULL, NULL),
                   MIPFB_ERR_INVALID_ARG);
  ck_assert_int_eq(rcs[0], 5); /* nothing written */
  ck_assert_int_eq(rcs[1], 5);
  ck_assert_int_eq(mipfb_ha_table_classify_burst(t, NULL, NULL, 0, MIPFB_DIR_FROM_MN, NULL, NULL, NULL), 0);
}
END_TEST

/* Source-address ranges (RFC 6088 3) of an indexed policy: the burst call
   searches a short boundary array in one go and a long one level by level
   over the group, and skips the search when the protocol and port rows
   leave at most two candidates (then checked in full). Policies of k host
   rules (2 k + 1 boundaries) around the switch between the two searches
   (64 boundaries), without ports (every rule a candidate) and with one
   destination port per rule (one candidate), answer every packet as
   mipfb_ha_table_classify_packet does and as the rules say: the host of
   rule i (to its port) takes BID 1 + i % 3, the address after it no rule. */
static uint64_t big_pmem[(320u << 10) / 8];

START_TEST(test_issue4_ha_table_burst_source_ranges_around_search_switch) {
  static const unsigned ks[] = {1, 8, 31, 32, 33, 60, 100};
  mipfb_addr mn = v4(10, 0, 0, 1);
  size_t need = mipfb_policy_mem_size(128, 4), j;
  ck_assert_uint_le(need, sizeof big_pmem);
  for (j = 0; j < 2 * sizeof ks / sizeof ks[0]; j++) {
    mipfb_ha_table *t = new_table(64, 3);
    mipfb_policy *pol = NULL;
    static uint8_t buf[200][64];
    const uint8_t *pk[200];
    size_t lens[200];
    int rcs[200];
    mipfb_policy_decision d[200], one;
    const mipfb_policy *dp[200], *op;
    unsigned i, k = ks[j / 2], n = 2 * k, ports = j % 2;
    ck_assert_int_eq(mipfb_policy_init(&pol, big_pmem, need, MIPFB_POLICY_MIP6, 128, 4, 5), 0);
    for (i = 1; i <= 3; i++) {
      ck_assert_int_eq(mipfb_policy_set_binding(pol, (uint16_t)i, 1, (uint8_t)i), 0);
    }
    for (i = 0; i < k; i++) {
      mipfb_policy_rule r;
      mipfb_addr h = v4(198, 51, (uint8_t)(i / 100), (uint8_t)(2 * (i % 100) + 1));
      memset(&r, 0, sizeof r);
      r.id = i + 1;
      r.prio = i + 1;
      r.ts.format = MIPFB_TS_FORMAT_IPV4;
      r.ts.fields = MIPFB_TS_SRC_START | (ports ? MIPFB_TS_DPORT_START : 0u);
      r.ts.dport_start = (uint16_t)(3000 + i);
      memcpy(r.ts.src_start, h.bytes, 4);
      r.action = MIPFB_ACTION_FORWARD;
      r.n_bids = 1;
      r.bids[0] = (uint16_t)(1 + i % 3);
      ck_assert_int_eq(mipfb_policy_add_rule(pol, &r), 0);
      lens[2 * i] = udp(buf[2 * i], &h, &mn, 1000, ports ? 3000 + i : 2000);
      h.bytes[3]++;
      lens[2 * i + 1] = udp(buf[2 * i + 1], &h, &mn, 1000, ports ? 3000 + i : 2000);
    }
    ck_assert_int_eq(mipfb_ha_table_insert(t, &mn, pol), 0);
    for (i = 0; i < n; i++) {
      pk[i] = buf[i];
    }
    ck_assert_int_eq(mipfb_ha_table_classify_burst(t, pk, lens, n, MIPFB_DIR_TO_MN, d, rcs, dp), 0);
    for (i = 0; i < n; i++) {
      ck_assert_int_eq(rcs[i], 0);
      ck_assert_ptr_eq(dp[i], pol);
      ck_assert_int_eq(mipfb_ha_table_classify_packet(t, pk[i], lens[i], MIPFB_DIR_TO_MN, &one, &op), 0);
      ck_assert_uint_eq(d[i].by_default, i % 2);
      ck_assert_uint_eq(d[i].rule_id, i % 2 ? 0 : i / 2 + 1);
      ck_assert_uint_eq(d[i].bid, i % 2 ? 1 : 1 + i / 2 % 3); /* the default: lowest BID-PRI */
      ck_assert_uint_eq(one.by_default, d[i].by_default);
      ck_assert_uint_eq(one.rule_id, d[i].rule_id);
      ck_assert_uint_eq(one.bid, d[i].bid);
    }
  }
}
END_TEST

Suite *mipfb_ha_table_suite(void) {
  Suite *s = suite_create("ha_table");
  TCase *tc = tcase_create("issue4_ha_table");
  tcase_add_test(tc, test_issue4_ha_table_init_arguments);
  tcase_add_test(tc, test_issue4_ha_table_insert_lookup_both_families);
  tcase_add_test(tc, test_issue4_ha_table_full_leaves_table_unchanged);
  tcase_add_test(tc, test_issue4_ha_table_churn_vs_reference);
  tcase_add_test(tc, test_issue4_ha_table_remove_keeps_probe_runs);
  tcase_add_test(tc, test_issue4_ha_table_classify_by_direction);
  tcase_add_test(tc, test_issue4_ha_table_classify_equals_policy_classify);
  tcase_add_test(tc, test_issue4_ha_table_burst_calls);
  tcase_add_test(tc, test_issue4_ha_table_burst_source_ranges_around_search_switch);
  tcase_set_timeout(tc, 120);
  suite_add_tcase(s, tc);
  return s;
}
