/*
 * fuzz_policy_diff: the flow policy engine against the reference matcher
 * (tests/policy_ref.c), on fuzzer-built rules, bindings and flow keys.
 *
 * Input: a header byte (bit 0: MIPv6 policy, else MIPv4; bit 1: capacity
 * 64 rules, which has the bit-vector index, else 15, which scans
 * linearly), a seed byte, then a script of operations until the input
 * ends, each an opcode byte:
 *   0-3  classify one flow key (either direction) with
 *        mipfb_policy_classify and the reference: the decisions must be
 *        equal field by field;
 *   4    set one binding (BID 1..6, validity, BID-PRI);
 *   5    add a rule; 6 replace a present rule (same id and FID-PRI);
 *   7    remove a present rule.
 * Rules come from compact bytes (addresses from a small pool, so ranges
 * overlap; ports, SPI and flow label with their extreme values reachable);
 * a rule the engine rejects must be one the reference cannot hold
 * (invalid selector, repeated BID or FID-PRI, table full), and a rejected
 * update must leave every later decision unchanged.
 */
#include "fuzz_common.h"

#include "../tests/policy_ref.h"

#define CAP_BIG 64u
#define CAP_SMALL 15u
#define N_BIDS 8u

static uint64_t pol_mem[(512u * 1024u) / 8u];
static policy_ref R;

/* An address from one byte: 0 all zero, 255 all ones, else a pool member. */
static void pool_addr(uint8_t *a, int v6, uint8_t v) {
  memset(a, 0, 16);
  if (v == 0) {
    return;
  }
  if (v == 0xFF) {
    memset(a, 0xFF, v6 ? 16u : 4u);
    return;
  }
  if (!v6) {
    a[0] = 10;
    a[2] = (uint8_t)(v >> 6);
    a[3] = (uint8_t)(v & 0x3F);
    return;
  }
  a[0] = 0x20;
  a[1] = 0x01;
  a[7] = (uint8_t)(v >> 6); /* the high 64 bits differ too */
  a[14] = (uint8_t)(v >> 6);
  a[15] = (uint8_t)(v & 0x3F);
}

static uint32_t small32(uint8_t v, uint32_t max) { return v == 0xFF ? max : v == 0xFE ? max - 1 : v; }

static uint16_t u16_of(fuzz_in *in) {
  uint16_t hi = fuzz_u8(in);
  return (uint16_t)(hi << 8 | fuzz_u8(in));
}

/* A rule from the input; not necessarily valid. */
static void read_rule(fuzz_in *in, mipfb_policy_rule *r, uint32_t id, uint32_t prio) {
  uint8_t fmt = fuzz_u8(in), a, b;
  int v6 = fmt & 1;
  unsigned i;
  memset(r, 0, sizeof *r);
  r->id = id;
  r->prio = prio;
  r->ts.format = v6 ? MIPFB_TS_FORMAT_IPV6 : MIPFB_TS_FORMAT_IPV4;
  r->ts.fields = u16_of(in);
  if (!v6) {
    r->ts.fields &= (uint16_t) ~(MIPFB_TS_FL_START | MIPFB_TS_FL_END);
  }
  if ((fmt & 2) == 0) { /* else an End without its Start may stay: the engine must reject it */
    r->ts.fields &= (uint16_t) ~((~(unsigned)r->ts.fields >> 1) & 0x5555u);
  }
  a = fuzz_u8(in);
  b = fuzz_u8(in);
  pool_addr(r->ts.src_start, v6, a < b ? a : b);
  pool_addr(r->ts.src_end, v6, a < b ? b : a);
  a = fuzz_u8(in);
  b = fuzz_u8(in);
  pool_addr(r->ts.dst_start, v6, a < b ? a : b);
  pool_addr(r->ts.dst_end, v6, a < b ? b : a);
  r->ts.spi_start = small32(fuzz_u8(in), UINT32_MAX);
  r->ts.spi_end = small32(fuzz_u8(in), UINT32_MAX);
  r->ts.fl_start = small32(fuzz_u8(in), 0xFFFFFu);
  r->ts.fl_end = small32(fuzz_u8(in), 0xFFFFFu);
  r->ts.sport_start = (uint16_t)small32(fuzz_u8(in), 0xFFFFu);
  r->ts.sport_end = (uint16_t)small32(fuzz_u8(in), 0xFFFFu);
  r->ts.dport_start = (uint16_t)small32(fuzz_u8(in), 0xFFFFu);
  r->ts.dport_end = (uint16_t)small32(fuzz_u8(in), 0xFFFFu);
  r->ts.ds_start = fuzz_u8(in);
  r->ts.ds_end = fuzz_u8(in);
  r->ts.proto_start = fuzz_u8(in);
  r->ts.proto_end = fuzz_u8(in);
  a = fuzz_u8(in);
  r->action = (uint8_t)(a % 4u); /* 3 is invalid */
  r->n_bids = (uint8_t)(1u + (a >> 2) % 4u);
  for (i = 0; i < r->n_bids; i++) {
    r->bids[i] = (uint16_t)(fuzz_u8(in) % (N_BIDS + 1u)); /* 0 is invalid; 7, 8 never tracked */
  }
}

static void read_key(fuzz_in *in, mipfb_flow_key *k) {
  uint8_t f = fuzz_u8(in);
  int v6 = f & 1;
  memset(k, 0, sizeof *k);
  k->family = v6 ? MIPFB_AF_INET6 : MIPFB_AF_INET4;
  k->has = (uint8_t)((f >> 1) & 7u);
  pool_addr(k->src, v6, fuzz_u8(in));
  pool_addr(k->dst, v6, fuzz_u8(in));
  k->proto = fuzz_u8(in);
  k->ds = fuzz_u8(in);
  k->flow_label = v6 ? small32(fuzz_u8(in), 0xFFFFFu) : 0;
  k->spi = small32(fuzz_u8(in), UINT32_MAX);
  k->sport = (uint16_t)small32(fuzz_u8(in), 0xFFFFu);
  k->dport = (uint16_t)small32(fuzz_u8(in), 0xFFFFu);
}

static int is_reject(int rc) {
  return rc == MIPFB_ERR_INVALID_ARG || rc == MIPFB_ERR_DUPLICATE || rc == MIPFB_ERR_TABLE_FULL ||
         rc == MIPFB_ERR_BAD_VALUE;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_in in;
  mipfb_policy *pol = NULL;
  uint8_t hdr;
  int fam;
  size_t cap, need;
  uint32_t next_id = 1, ops = 0;
  fuzz_in_init(&in, data, size);
  hdr = fuzz_u8(&in);
  fam = (hdr & 1) ? MIPFB_POLICY_MIP6 : MIPFB_POLICY_MIP4;
  cap = (hdr & 2) ? CAP_BIG : CAP_SMALL;
  need = mipfb_policy_mem_size(cap, N_BIDS);
  FUZZ_CHECK(need > 0 && need <= sizeof pol_mem);
  memset(&R, 0, sizeof R);
  R.family = fam;
  R.seed = fuzz_u8(&in);
  FUZZ_CHECK(mipfb_policy_init(&pol, pol_mem, need, fam, cap, N_BIDS, R.seed) == 0);
  while (in.len > 0 && ops++ < 4096) {
    uint8_t op = fuzz_u8(&in);
    mipfb_policy_rule r;
    int rc;
    if (op % 8u < 4u) {
      mipfb_flow_key k;
      mipfb_policy_decision got, want;
      int dir = (op >> 3) & 1;
      read_key(&in, &k);
      FUZZ_CHECK(mipfb_policy_classify(pol, &k, dir, &got) == 0);
      policy_ref_classify(&R, &k, dir, &want);
      FUZZ_CHECK(policy_ref_same(&got, &want));
    } else if (op % 8u == 4u) {
      uint16_t bid = (uint16_t)(1u + fuzz_u8(&in) % 6u);
      uint8_t v = fuzz_u8(&in);
      FUZZ_CHECK(mipfb_policy_set_binding(pol, bid, v & 1, (uint8_t)(v >> 1)) == 0);
      policy_ref_set_binding(&R, bid, v & 1, (uint8_t)(v >> 1));
    } else if (op % 8u == 5u) {
      uint32_t prio = 1u + fuzz_u8(&in); /* collisions wanted: DUPLICATE */
      read_rule(&in, &r, next_id, prio);
      rc = mipfb_policy_add_rule(pol, &r);
      if (rc == 0) {
        FUZZ_CHECK(R.n < cap);
        policy_ref_insert(&R, &r, fam == MIPFB_POLICY_MIP6 ? prio : R.next++);
        next_id++;
      } else {
        FUZZ_CHECK(is_reject(rc));
      }
      FUZZ_CHECK(mipfb_policy_rule_count(pol) == R.n);
    } else if (R.n > 0) {
      size_t at = fuzz_u8(&in) % R.n;
      policy_ref_rule old = R.rules[at];
      if (op % 8u == 6u) {
        read_rule(&in, &r, old.r.id, old.r.prio);
        rc = mipfb_policy_replace_rule(pol, &r);
        if (rc == 0) {
          R.rules[at].r = r;
        } else {
          FUZZ_CHECK(is_reject(rc));
        }
      } else {
        FUZZ_CHECK(mipfb_policy_remove_rule(pol, old.r.id) == 0);
        policy_ref_remove_at(&R, at);
      }
      FUZZ_CHECK(mipfb_policy_rule_count(pol) == R.n);
    }
  }
  return 0;
}
