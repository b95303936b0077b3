/*
 * bench_policy: the flow policy engine behind the HA-level table (issue 4
 * "Benchmark"), side by side with (a) a plain linear first-match scan
 * written here and (b) libpcap's BPF interpreter running one compiled
 * filter per rule (DLT_RAW, bpf_filter, first match wins).
 *
 * Workload per (family, R): 1,000,000 mobile nodes (or $BENCH_POLICY_NODES,
 * 16..1048576: a small table shows what the lookup's cache misses cost)
 * in an HA table (node i
 * is 10.0.0.0 + i, or 2001:db8::i), mapped onto 16 distinct rule sets of R
 * 5-tuple rules (source prefix inside a CN pool, destination = the node
 * pool, TCP or UDP, source and destination port ranges). 8192 packets go to
 * random nodes; 80% are built to hit a random rule of the node's set, the
 * rest are random (mostly unmatched). Every engine is checked to give the
 * same first-matching rule on every packet before anything is timed.
 * Packets are handed over in batches of BATCH, as a host reading a TUN
 * device or a recvmmsg loop would, and every engine pays the node lookup
 * the same way: libmipfb through mipfb_ha_table_classify_burst (parse +
 * lookup + classify, in steps with prefetching), and also one packet at a
 * time through mipfb_ha_table_classify_packet ("1-by-1"); (a) through
 * mipfb_flow_parse + mipfb_ha_table_lookup_burst; (b) reads the
 * destination from the raw packet and uses mipfb_ha_table_lookup_burst.
 *
 *   bench_policy                      full table (ns/packet, best of 5)
 *   bench_policy --instr FILE         the same with instructions/packet
 *                                     from FILE ("id<TAB>instr" lines, as
 *                                     bench_callgrind.sh --tsv writes)
 *   bench_policy --list               "id<TAB>name<TAB>target" lines
 *   bench_policy --time ID            one case's ns/packet (best of 5; the
 *                                     HA-lookup-only cases too)
 *   bench_policy --case ID --iters N  one case on N packets, untimed; under
 *                                     callgrind, instrumentation starts
 *                                     after the setup (--instr-atstart=no)
 *
 * Not a test: results are printed, never compared with the targets.
 */
#define _DEFAULT_SOURCE

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <pcap/pcap.h>

#include <mipfb/mipfb.h>

#include "bench_callgrind.h"
#include "bench_env.h"

#define N_SETS 16u
#define N_PKTS 8192u
#define PKT_MAX 64u
#define N_BINDINGS 4u
#define UPDATE_SLACK 8u
#define DEFAULT_NODES 1000000u

static uint32_t n_nodes = DEFAULT_NODES; /* or $BENCH_POLICY_NODES */

static const unsigned RULE_COUNTS[] = {1, 16, 128, 1024};
#define N_RC ((unsigned)(sizeof RULE_COUNTS / sizeof RULE_COUNTS[0]))
static const char *const ENGINE_NAMES[] = {"libmipfb", "libmipfb 1-by-1", "linear", "bpf"};
#define N_ENGINES 4u
#define E_LIB 0u
#define E_LIB1 1u
#define E_LINEAR 2u
#define E_BPF 3u
#define E_LOOKUP 4u
#define BATCH 32u

/* One rule, as the linear baseline holds it. */
typedef struct brule {
  uint8_t proto;
  uint8_t src_lo[16], src_hi[16], dst_lo[16], dst_hi[16];
  uint16_t sp_lo, sp_hi, dp_lo, dp_hi;
} brule;

/* One rule set: the same rules three ways. */
typedef struct bset {
  int fam; /* MIPFB_AF_INET4 / 6 */
  unsigned n;
  brule *rules;
  struct bpf_program *progs; /* NULL unless the BPF engine is set up */
  mipfb_policy *pol;
  void *pol_mem;
} bset;

static bset sets[N_SETS];
static mipfb_ha_table *t_lib, *t_base;
static void *t_lib_mem, *t_base_mem;
static uint8_t pkts[N_PKTS][PKT_MAX];
static size_t pkt_len[N_PKTS];
static unsigned pkt_want[N_PKTS]; /* rule index + 1 that must match first, 0 none */
static pcap_t *dead;
static volatile unsigned long sink;
static uint64_t rs;

static void die(const char *what, long v) {
  fprintf(stderr, "bench_policy: %s (%ld)\n", what, v);
  exit(1);
}

static uint32_t rnd(void) {
  rs ^= rs << 13;
  rs ^= rs >> 7;
  rs ^= rs << 17;
  return (uint32_t)(rs >> 11);
}

static void *xaligned(size_t n) {
  void *p = NULL;
  if (posix_memalign(&p, 64, n) != 0) die("out of memory", (long)n);
  return p;
}

static double now_ns(void) {
  struct timespec ts;
  if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) die("clock_gettime", 0);
  return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* ------------------------------------------------------------ addresses */

static size_t alen(int fam) { return fam == MIPFB_AF_INET4 ? 4 : 16; }

static void node_addr(int fam, uint32_t i, uint8_t *a) {
  memset(a, 0, 16);
  if (fam == MIPFB_AF_INET4) {
    uint32_t v = 0x0a000000u + i; /* 10.0.0.0/12 */
    a[0] = (uint8_t)(v >> 24);
    a[1] = (uint8_t)(v >> 16);
    a[2] = (uint8_t)(v >> 8);
    a[3] = (uint8_t)v;
  } else { /* 2001:db8::/96 */
    a[0] = 0x20;
    a[1] = 0x01;
    a[2] = 0x0d;
    a[3] = 0xb8;
    a[12] = (uint8_t)(i >> 24);
    a[13] = (uint8_t)(i >> 16);
    a[14] = (uint8_t)(i >> 8);
    a[15] = (uint8_t)i;
  }
}

/* CN pool: 198.18.0.0/16 or 2001:db8:cafe::/112; host part h (16 bits). */
static void cn_addr(int fam, uint16_t h, uint8_t *a) {
  memset(a, 0, 16);
  if (fam == MIPFB_AF_INET4) {
    a[0] = 198;
    a[1] = 18;
    a[2] = (uint8_t)(h >> 8);
    a[3] = (uint8_t)h;
  } else {
    a[0] = 0x20;
    a[1] = 0x01;
    a[2] = 0x0d;
    a[3] = 0xb8;
    a[4] = 0xca;
    a[5] = 0xfe;
    a[14] = (uint8_t)(h >> 8);
    a[15] = (uint8_t)h;
  }
}

static void addr_text(int fam, const uint8_t *a, char *out, size_t cap) {
  if (fam == MIPFB_AF_INET4) {
    snprintf(out, cap, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
  } else {
    snprintf(out, cap, "2001:db8:cafe::%x", (unsigned)(a[14] << 8 | a[15]));
  }
}

/* ------------------------------------------------------------ rules */

/* A random 5-tuple rule: source /24 (v4) or /120 (v6) in the CN pool, or a
   single CN; destination = the node pool; TCP or UDP; source port any
   unprivileged or one; destination port one or a range of 100. */
static void gen_rule(int fam, brule *r) {
  uint16_t h = (uint16_t)rnd();
  unsigned n = (unsigned)alen(fam);
  memset(r, 0, sizeof *r);
  if (rnd() % 10 < 6) {
    h = (uint16_t)(h & 0xFF00u);
    cn_addr(fam, h, r->src_lo);
    cn_addr(fam, (uint16_t)(h | 0xFFu), r->src_hi);
  } else {
    cn_addr(fam, h, r->src_lo);
    cn_addr(fam, h, r->src_hi);
  }
  node_addr(fam, 0, r->dst_lo);
  memcpy(r->dst_hi, r->dst_lo, 16);
  if (fam == MIPFB_AF_INET4) {
    r->dst_hi[1] = 0x0F;
    r->dst_hi[2] = r->dst_hi[3] = 0xFF;
  } else {
    memset(r->dst_hi + 12, 0xFF, 4);
  }
  (void)n;
  r->proto = rnd() % 2 ? 6 : 17;
  if (rnd() % 2) {
    r->sp_lo = 1024;
    r->sp_hi = 65535;
  } else {
    r->sp_lo = r->sp_hi = (uint16_t)(1024 + rnd() % 60000);
  }
  r->dp_lo = (uint16_t)(1 + rnd() % 1023);
  r->dp_hi = rnd() % 10 < 7 ? r->dp_lo : (uint16_t)(r->dp_lo + 99);
}

static void to_ts(int fam, const brule *r, mipfb_ts *ts) {
  memset(ts, 0, sizeof *ts);
  ts->format = fam == MIPFB_AF_INET4 ? MIPFB_TS_FORMAT_IPV4 : MIPFB_TS_FORMAT_IPV6;
  ts->fields = MIPFB_TS_SRC_START | MIPFB_TS_SRC_END | MIPFB_TS_DST_START | MIPFB_TS_DST_END |
               MIPFB_TS_SPORT_START | MIPFB_TS_SPORT_END | MIPFB_TS_DPORT_START | MIPFB_TS_DPORT_END |
               MIPFB_TS_PROTO_START;
  memcpy(ts->src_start, r->src_lo, 16);
  memcpy(ts->src_end, r->src_hi, 16);
  memcpy(ts->dst_start, r->dst_lo, 16);
  memcpy(ts->dst_end, r->dst_hi, 16);
  ts->sport_start = r->sp_lo;
  ts->sport_end = r->sp_hi;
  ts->dport_start = r->dp_lo;
  ts->dport_end = r->dp_hi;
  ts->proto_start = r->proto;
}

static void to_policy_rule(int fam, const brule *r, uint32_t id, mipfb_policy_rule *pr) {
  memset(pr, 0, sizeof *pr);
  pr->id = id;
  pr->prio = id * 4;
  to_ts(fam, r, &pr->ts);
  pr->action = MIPFB_ACTION_FORWARD;
  pr->n_bids = 1;
  pr->bids[0] = (uint16_t)(1 + id % N_BINDINGS);
}

static void bpf_text(int fam, const brule *r, char *out, size_t cap) {
  char src[64];
  addr_text(fam, r->src_lo, src, sizeof src);
  snprintf(out, cap, "%s and src net %s/%d and dst net %s and %s and src portrange %u-%u and dst portrange %u-%u",
           fam == MIPFB_AF_INET4 ? "ip" : "ip6", src,
           fam == MIPFB_AF_INET4 ? (memcmp(r->src_lo, r->src_hi, 4) == 0 ? 32 : 24)
                                 : (memcmp(r->src_lo, r->src_hi, 16) == 0 ? 128 : 120),
           fam == MIPFB_AF_INET4 ? "10.0.0.0/12" : "2001:db8::/96", r->proto == 6 ? "tcp" : "udp", r->sp_lo,
           r->sp_hi, r->dp_lo, r->dp_hi);
}

static void bpf_compile(int fam, const brule *r, struct bpf_program *prog) {
  char text[256];
  bpf_text(fam, r, text, sizeof text);
  if (pcap_compile(dead, prog, text, 1, PCAP_NETMASK_UNKNOWN) != 0) {
    fprintf(stderr, "bench_policy: pcap_compile(%s): %s\n", text, pcap_geterr(dead));
    exit(1);
  }
}

/* ------------------------------------------------------------ packets */

static void put16(uint8_t *b, unsigned v) {
  b[0] = (uint8_t)(v >> 8);
  b[1] = (uint8_t)v;
}

static size_t build_pkt(int fam, uint8_t *b, const uint8_t *src, const uint8_t *dst, uint8_t proto, uint16_t sp,
                        uint16_t dp) {
  size_t n;
  memset(b, 0, PKT_MAX);
  if (fam == MIPFB_AF_INET4) {
    b[0] = 0x45;
    b[8] = 64;
    b[9] = proto;
    memcpy(b + 12, src, 4);
    memcpy(b + 16, dst, 4);
    n = 20;
    put16(b + 2, 28);
  } else {
    b[0] = 0x60;
    put16(b + 4, 8);
    b[6] = proto;
    b[7] = 64;
    memcpy(b + 8, src, 16);
    memcpy(b + 24, dst, 16);
    n = 40;
  }
  put16(b + n, sp);
  put16(b + n + 2, dp);
  return n + 8;
}

static uint16_t in_range(uint16_t lo, uint16_t hi) { return (uint16_t)(lo + rnd() % ((uint32_t)hi - lo + 1)); }

static void gen_packets(int fam) {
  unsigned i;
  for (i = 0; i < N_PKTS; i++) {
    uint32_t node = rnd() % n_nodes;
    const bset *s = &sets[node % N_SETS];
    uint8_t src[16], dst[16];
    node_addr(fam, node, dst);
    if (rnd() % 10 < 8) {
      const brule *r = &s->rules[rnd() % s->n];
      uint16_t h = (uint16_t)(r->src_lo[alen(fam) - 2] << 8 | r->src_lo[alen(fam) - 1]);
      uint16_t hh = (uint16_t)(r->src_hi[alen(fam) - 2] << 8 | r->src_hi[alen(fam) - 1]);
      cn_addr(fam, in_range(h, hh), src);
      pkt_len[i] = build_pkt(fam, pkts[i], src, dst, r->proto, in_range(r->sp_lo, r->sp_hi),
                             in_range(r->dp_lo, r->dp_hi));
    } else {
      cn_addr(fam, (uint16_t)rnd(), src);
      pkt_len[i] = build_pkt(fam, pkts[i], src, dst, rnd() % 2 ? 6 : 17, (uint16_t)rnd(), (uint16_t)rnd());
    }
  }
}

/* ------------------------------------------------------------ engines */

static int addr_in(const uint8_t *v, const uint8_t *lo, const uint8_t *hi, size_t n) {
  return memcmp(v, lo, n) >= 0 && memcmp(v, hi, n) <= 0;
}

/* (a) Plain linear first-match; returns rule index + 1, or 0. */
static unsigned linear_match(const bset *s, const mipfb_flow_key *k) {
  size_t n = alen(s->fam);
  unsigned i;
  if ((k->has & MIPFB_FLOW_PORTS) == 0) return 0;
  for (i = 0; i < s->n; i++) {
    const brule *r = &s->rules[i];
    if (k->proto == r->proto && k->sport >= r->sp_lo && k->sport <= r->sp_hi && k->dport >= r->dp_lo &&
        k->dport <= r->dp_hi && addr_in(k->src, r->src_lo, r->src_hi, n) && addr_in(k->dst, r->dst_lo, r->dst_hi, n)) {
      return i + 1;
    }
  }
  return 0;
}

/* The destination address straight from the raw IPv4 or IPv6 header. */
static void raw_dst(const uint8_t *p, mipfb_addr *a) {
  if ((p[0] >> 4) == 4) {
    a->family = MIPFB_AF_INET4;
    memset(a->bytes, 0, 16);
    memcpy(a->bytes, p + 16, 4);
  } else {
    a->family = MIPFB_AF_INET6;
    memcpy(a->bytes, p + 24, 16);
  }
}

static void lookup_batch(const mipfb_ha_table *t, const mipfb_addr *a, unsigned n, mipfb_policy **pols) {
  unsigned i;
  if (mipfb_ha_table_lookup_burst(t, a, n, pols) != 0) die("mipfb_ha_table_lookup_burst", 0);
  for (i = 0; i < n; i++) {
    if (pols[i] == NULL) die("node not found", (long)i);
  }
}

/* (a) parse, look the nodes up, scan; (b) look the nodes up, run the
   filters; libmipfb in one call or one packet at a time; or the node
   lookup alone. Each writes the first matching rule (index + 1, or 0) of
   packets [at, at + n) to res. */
static void run_batch(unsigned engine, unsigned at, unsigned n, unsigned *res) {
  mipfb_flow_key k[BATCH];
  mipfb_addr a[BATCH];
  mipfb_policy *pols[BATCH];
  mipfb_policy_decision d[BATCH];
  const uint8_t *pp[BATCH];
  int rcs[BATCH];
  unsigned i, j;
  if (n == 0 || n > BATCH) die("batch size", (long)n);
  switch (engine) {
  case E_LIB:
    for (i = 0; i < n; i++) pp[i] = pkts[at + i];
    if (mipfb_ha_table_classify_burst(t_lib, pp, &pkt_len[at], n, MIPFB_DIR_TO_MN, d, rcs, NULL) != 0) {
      die("mipfb_ha_table_classify_burst", 0);
    }
    for (i = 0; i < n; i++) {
      if (rcs[i] != 0) die("mipfb_ha_table_classify_burst: packet", rcs[i]);
      res[i] = d[i].rule_id;
    }
    return;
  case E_LIB1:
    for (i = 0; i < n; i++) {
      int rc = mipfb_ha_table_classify_packet(t_lib, pkts[at + i], pkt_len[at + i], MIPFB_DIR_TO_MN, &d[0], NULL);
      if (rc != 0) die("mipfb_ha_table_classify_packet", rc);
      res[i] = d[0].rule_id;
    }
    return;
  case E_LINEAR:
    for (i = 0; i < n; i++) {
      if (mipfb_flow_parse(&k[i], pkts[at + i], pkt_len[at + i]) != 0) die("parse", 0);
      a[i].family = k[i].family;
      memcpy(a[i].bytes, k[i].dst, 16);
    }
    lookup_batch(t_base, a, n, pols);
    for (i = 0; i < n; i++) res[i] = linear_match((const bset *)(const void *)pols[i], &k[i]);
    return;
  case E_BPF:
    for (i = 0; i < n; i++) raw_dst(pkts[at + i], &a[i]);
    lookup_batch(t_base, a, n, pols);
    for (i = 0; i < n; i++) {
      const bset *s = (const bset *)(const void *)pols[i];
      res[i] = 0;
      for (j = 0; j < s->n; j++) {
        if (bpf_filter(s->progs[j].bf_insns, pkts[at + i], (u_int)pkt_len[at + i], (u_int)pkt_len[at + i]) != 0) {
          res[i] = j + 1;
          break;
        }
      }
    }
    return;
  default:
    for (i = 0; i < n; i++) raw_dst(pkts[at + i], &a[i]);
    lookup_batch(t_lib, a, n, pols);
    for (i = 0; i < n; i++) res[i] = 1;
    return;
  }
}

/* n packets (any count), in batches of BATCH, cycling over the set. */
static void run_engine(unsigned engine, unsigned long n) {
  unsigned long i;
  unsigned long acc = 0;
  unsigned res[BATCH], j;
  for (i = 0; i < n; i += BATCH) {
    unsigned at = (unsigned)(i % N_PKTS), m = n - i < BATCH ? (unsigned)(n - i) : BATCH;
    run_batch(engine, at, m, res);
    for (j = 0; j < m; j++) acc += res[j];
  }
  sink += acc;
}

/* ------------------------------------------------------------ setup */

static void free_sets(void) {
  unsigned s, i;
  for (s = 0; s < N_SETS; s++) {
    if (sets[s].progs != NULL) {
      for (i = 0; i < sets[s].n; i++) pcap_freecode(&sets[s].progs[i]);
      free(sets[s].progs);
    }
    free(sets[s].rules);
    free(sets[s].pol_mem);
    memset(&sets[s], 0, sizeof sets[s]);
  }
}

/* Build the workload of (family, R): rule sets, the policies, BPF programs
   when with_bpf, the HA tables (bit 0: libmipfb's, bit 1: the baselines')
   and the packets. */
static void setup(int fam, unsigned nrules, int with_bpf, unsigned tables) {
  unsigned s, i;
  size_t tsz = mipfb_ha_table_mem_size(n_nodes);
  free_sets();
  rs = 0x9e3779b97f4a7c15ull ^ ((uint64_t)fam << 32) ^ nrules;
  for (s = 0; s < N_SETS; s++) {
    bset *b = &sets[s];
    size_t psz = mipfb_policy_mem_size(nrules + UPDATE_SLACK, N_BINDINGS);
    int rc;
    b->fam = fam;
    b->n = nrules;
    b->rules = calloc(nrules, sizeof *b->rules);
    if (b->rules == NULL) die("out of memory", 0);
    b->pol_mem = xaligned(psz);
    rc = mipfb_policy_init(&b->pol, b->pol_mem, psz, MIPFB_POLICY_MIP6, nrules + UPDATE_SLACK, N_BINDINGS, s);
    if (rc != 0) die("mipfb_policy_init", rc);
    for (i = 1; i <= N_BINDINGS; i++) {
      if ((rc = mipfb_policy_set_binding(b->pol, (uint16_t)i, 1, (uint8_t)i)) != 0) die("set_binding", rc);
    }
    for (i = 0; i < nrules; i++) {
      mipfb_policy_rule pr;
      gen_rule(fam, &b->rules[i]);
      to_policy_rule(fam, &b->rules[i], i + 1, &pr);
      if ((rc = mipfb_policy_add_rule(b->pol, &pr)) != 0) die("add_rule", rc);
    }
    if (with_bpf) {
      b->progs = calloc(nrules, sizeof *b->progs);
      if (b->progs == NULL) die("out of memory", 0);
      for (i = 0; i < nrules; i++) bpf_compile(fam, &b->rules[i], &b->progs[i]);
    }
  }
  if (t_lib_mem == NULL) {
    t_lib_mem = xaligned(tsz);
    t_base_mem = xaligned(tsz);
  }
  if (mipfb_ha_table_init(&t_lib, t_lib_mem, tsz, n_nodes, 0x1234) != 0 ||
      mipfb_ha_table_init(&t_base, t_base_mem, tsz, n_nodes, 0x5678) != 0) {
    die("mipfb_ha_table_init", 0);
  }
  for (i = 0; i < n_nodes; i++) {
    mipfb_addr a;
    a.family = (uint8_t)fam;
    node_addr(fam, i, a.bytes);
    if (((tables & 1) && mipfb_ha_table_insert(t_lib, &a, sets[i % N_SETS].pol) != 0) ||
        ((tables & 2) && mipfb_ha_table_insert(t_base, &a, (mipfb_policy *)(void *)&sets[i % N_SETS]) != 0)) {
      die("mipfb_ha_table_insert", (long)i);
    }
  }
  gen_packets(fam);
}

/* Every engine gives every packet the same first-matching rule. */
static void cross_check(int with_bpf) {
  unsigned at, e, i, want[BATCH], got[BATCH];
  for (at = 0; at < N_PKTS; at += BATCH) {
    run_batch(E_LIB, at, BATCH, want);
    for (e = E_LIB1; e <= (with_bpf ? E_BPF : E_LINEAR); e++) {
      run_batch(e, at, BATCH, got);
      for (i = 0; i < BATCH; i++) {
        if (got[i] != want[i]) {
          fprintf(stderr, "bench_policy: %s and %s disagree on packet %u\n", ENGINE_NAMES[E_LIB], ENGINE_NAMES[e],
                  at + i);
          exit(1);
        }
      }
    }
    for (i = 0; i < BATCH; i++) pkt_want[at + i] = want[i];
  }
}

/* Calibrate to >= 20 ms per run, then best of 5 runs, in ns/packet. */
static double measure(unsigned engine) {
  unsigned long n = 256;
  double best = 0, t0, dt;
  int run;
  run_engine(engine, n);
  for (;;) {
    t0 = now_ns();
    run_engine(engine, n);
    dt = now_ns() - t0;
    if (dt >= 20e6 || n >= (1ul << 30)) break;
    n *= 2;
  }
  for (run = 0; run < 5; run++) {
    t0 = now_ns();
    run_engine(engine, n);
    dt = (now_ns() - t0) / (double)n;
    if (run == 0 || dt < best) best = dt;
  }
  return best;
}

/* ------------------------------------------------------------ updates */

typedef struct upd {
  double replace_us, remove_add_us, bpf_us, linear_us;
} upd;

/* One-rule updates on set 0's policy at the current R: replace a random
   rule's selector (same FID-PRI), and remove + re-add a random rule (half
   of the pair each); BPF: compile one filter; linear: write one entry. */
static upd measure_updates(int fam) {
  upd u;
  bset *b = &sets[0];
  unsigned long k, n = 2000;
  double t0;
  mipfb_policy_rule pr;
  brule r;
  struct bpf_program prog;
  int rc;
  t0 = now_ns();
  for (k = 0; k < n; k++) {
    uint32_t id = 1 + rnd() % b->n;
    gen_rule(fam, &r);
    to_policy_rule(fam, &r, id, &pr);
    if ((rc = mipfb_policy_replace_rule(b->pol, &pr)) != 0) die("replace_rule", rc);
  }
  u.replace_us = (now_ns() - t0) / (double)n / 1e3;
  t0 = now_ns();
  for (k = 0; k < n; k++) {
    uint32_t id = 1 + rnd() % b->n;
    gen_rule(fam, &r);
    to_policy_rule(fam, &r, id, &pr);
    if ((rc = mipfb_policy_remove_rule(b->pol, id)) != 0) die("remove_rule", rc);
    if ((rc = mipfb_policy_add_rule(b->pol, &pr)) != 0) die("add_rule", rc);
  }
  u.remove_add_us = (now_ns() - t0) / (double)(2 * n) / 1e3;
  t0 = now_ns();
  for (k = 0; k < n / 10; k++) {
    gen_rule(fam, &r);
    bpf_compile(fam, &r, &prog);
    pcap_freecode(&prog);
  }
  u.bpf_us = (now_ns() - t0) / (double)(n / 10) / 1e3;
  t0 = now_ns();
  for (k = 0; k < n; k++) {
    gen_rule(fam, &b->rules[rnd() % b->n]);
  }
  u.linear_us = (now_ns() - t0) / (double)n / 1e3;
  return u;
}

/* ------------------------------------------------------------ cases */

/* Case id (1-based) <-> (family index, rule-count index, engine); then
   one HA-lookup-only case per family. */
static unsigned case_id(unsigned f, unsigned r, unsigned e) { return 1 + (f * N_RC + r) * N_ENGINES + e; }
#define N_ENGINE_CASES (2 * N_RC * N_ENGINES)
#define N_CASES (N_ENGINE_CASES + 2)

static int fam_of(unsigned f) { return f == 0 ? MIPFB_AF_INET4 : MIPFB_AF_INET6; }

static void list_cases(void) {
  unsigned f, r, e;
  for (f = 0; f < 2; f++)
    for (r = 0; r < N_RC; r++)
      for (e = 0; e < N_ENGINES; e++)
        printf("%u\t%s %u rules %s\t-\n", case_id(f, r, e), f == 0 ? "IPv4" : "IPv6", RULE_COUNTS[r], ENGINE_NAMES[e]);
  printf("%u\tIPv4 HA lookup only\t-\n%u\tIPv6 HA lookup only\t-\n", N_ENGINE_CASES + 1, N_ENGINE_CASES + 2);
}

static double instr[N_CASES + 1];

static void read_instr(const char *path) {
  FILE *fp = fopen(path, "r");
  unsigned id;
  double v;
  if (fp == NULL) die("cannot open the --instr file", 0);
  while (fscanf(fp, "%u %lf", &id, &v) == 2) {
    if (id >= 1 && id <= N_CASES) instr[id] = v;
  }
  fclose(fp);
}

static void fmt_instr(unsigned id, char *out, size_t cap) {
  if (instr[id] > 0) {
    snprintf(out, cap, "%.0f", instr[id]);
  } else {
    snprintf(out, cap, "-");
  }
}

static void full_table(void) {
  unsigned f, r, e;
  upd u[2];
  unsigned long bpf_insns = 0;
  size_t tsz = mipfb_ha_table_mem_size(n_nodes);
  printf("HA table: %u mobile nodes -> %u rule sets; %u packets to random nodes (80%% aimed at a random rule)\n",
         n_nodes, N_SETS, N_PKTS);
  printf("ns = ns/packet, best of 5 (CLOCK_MONOTONIC); instr = instructions/packet (callgrind, (Ir(2N)-Ir(N))/N)\n");
  printf("every packet: parse or read the node address + HA-table lookup + first-match classification;\n");
  printf("batches of %u packets, node lookups batched for every engine but 1-by-1\n\n", BATCH);
  printf("%-4s %5s | %8s %6s | %8s %6s | %9s %6s | %9s %7s | %9s %9s\n", "fam", "rules", "mipfb ns", "instr",
         "1-by-1", "instr", "linear ns", "instr", "bpf ns", "instr", "bpf/mipfb", "lin/mipfb");
  for (f = 0; f < 2; f++) {
    for (r = 0; r < N_RC; r++) {
      double ns[N_ENGINES];
      char in[N_ENGINES][24];
      setup(fam_of(f), RULE_COUNTS[r], 1, 3);
      cross_check(1);
      for (e = 0; e < N_ENGINES; e++) {
        ns[e] = measure(e);
        fmt_instr(case_id(f, r, e), in[e], sizeof in[e]);
      }
      printf("%-4s %5u | %8.1f %6s | %8.1f %6s | %9.1f %6s | %9.1f %7s | %8.1fx %8.2fx\n", f == 0 ? "IPv4" : "IPv6",
             RULE_COUNTS[r], ns[E_LIB], in[E_LIB], ns[E_LIB1], in[E_LIB1], ns[E_LINEAR], in[E_LINEAR], ns[E_BPF],
             in[E_BPF], ns[E_BPF] / ns[E_LIB], ns[E_LINEAR] / ns[E_LIB]);
      fflush(stdout);
      if (RULE_COUNTS[r] == 1024) {
        unsigned long i;
        for (i = 0, bpf_insns = 0; i < sets[0].n; i++) bpf_insns += sets[0].progs[i].bf_len;
        u[f] = measure_updates(fam_of(f));
      }
    }
  }
  for (f = 0; f < 2; f++) {
    char in[24];
    setup(fam_of(f), 1, 0, 1);
    fmt_instr(N_ENGINE_CASES + 1 + f, in, sizeof in);
    printf("%-4s HA-table lookup alone (mipfb_ha_table_lookup_burst, %u nodes): %.1f ns, %s instr\n",
           f == 0 ? "IPv4" : "IPv6", n_nodes, measure(E_LOOKUP), in);
  }
  printf("\none-rule update at 1024 rules (us/op):\n");
  printf("%-4s | %14s %20s | %16s | %12s\n", "fam", "mipfb replace", "mipfb remove or add", "bpf compile one",
         "linear write");
  for (f = 0; f < 2; f++) {
    printf("%-4s | %14.3f %20.3f | %16.2f | %12.4f\n", f == 0 ? "IPv4" : "IPv6", u[f].replace_us, u[f].remove_add_us,
           u[f].bpf_us, u[f].linear_us);
  }
  {
    size_t p1 = mipfb_policy_mem_size(1, N_BINDINGS), p1024 = mipfb_policy_mem_size(1024, N_BINDINGS);
    printf("\nmemory:\n");
    printf("  mipfb policy: %.1f bytes/rule ((mem_size(1024,%u) - mem_size(1,%u)) / 1023), %lu bytes at 1024 rules\n",
           (double)(p1024 - p1) / 1023.0, N_BINDINGS, N_BINDINGS, (unsigned long)p1024);
    printf("  mipfb HA table: %.1f bytes/mobile node (mem_size(%u) = %lu bytes, load <= 3/4)\n",
           (double)tsz / n_nodes, n_nodes, (unsigned long)tsz);
    printf("  bpf: %.1f bytes/rule (IPv6 1024-rule set: %.1f insns/rule x %lu + struct bpf_program %lu)\n",
           (double)bpf_insns * sizeof(struct bpf_insn) / 1024 + (double)sizeof(struct bpf_program),
           (double)bpf_insns / 1024, (unsigned long)sizeof(struct bpf_insn),
           (unsigned long)sizeof(struct bpf_program));
    printf("  linear: %lu bytes/rule\n", (unsigned long)sizeof(brule));
  }
}

static void usage(void) {
  fprintf(stderr, "usage: bench_policy [--instr FILE | --list | --time ID | --case ID --iters N]\n");
  exit(2);
}

int main(int argc, char **argv) {
  n_nodes = bench_env_count("BENCH_POLICY_NODES", DEFAULT_NODES, 16, 1048576u);
  if (n_nodes == 0) die("BENCH_POLICY_NODES must be 16..1048576 (the rules' node pool)", 0);
  dead = pcap_open_dead(DLT_RAW, 65535);
  if (dead == NULL) die("pcap_open_dead", 0);
  if (argc == 2 && strcmp(argv[1], "--list") == 0) {
    list_cases();
    return 0;
  }
  if (argc == 1 || (argc == 3 && strcmp(argv[1], "--instr") == 0)) {
    if (argc == 3) read_instr(argv[2]);
    full_table();
    return 0;
  }
  if (argc == 3 && strcmp(argv[1], "--time") == 0) {
    char *end;
    unsigned long id = strtoul(argv[2], &end, 10);
    unsigned f, r, e;
    if (*end != '\0' || id < 1 || id > N_CASES) usage();
    if (id > N_ENGINE_CASES) {
      setup(fam_of((unsigned)(id - N_ENGINE_CASES - 1)), 1, 0, 1);
      printf("%lu\t%.1f\n", id, measure(E_LOOKUP));
      return 0;
    }
    e = (unsigned)((id - 1) % N_ENGINES);
    r = (unsigned)((id - 1) / N_ENGINES % N_RC);
    f = (unsigned)((id - 1) / N_ENGINES / N_RC);
    setup(fam_of(f), RULE_COUNTS[r], e == E_BPF, e <= E_LIB1 ? 1u : 2u);
    printf("%lu\t%.1f\n", id, measure(e));
    return 0;
  }
  if (argc == 5 && strcmp(argv[1], "--case") == 0 && strcmp(argv[3], "--iters") == 0) {
    char *end;
    unsigned long id = strtoul(argv[2], &end, 10), n;
    unsigned f, r, e;
    if (*end != '\0' || id < 1 || id > N_CASES) usage();
    n = strtoul(argv[4], &end, 10);
    if (*end != '\0') usage();
    if (id > N_ENGINE_CASES) {
      setup(fam_of((unsigned)(id - N_ENGINE_CASES - 1)), 1, 0, 1);
      CALLGRIND_START_INSTRUMENTATION;
      run_engine(E_LOOKUP, n);
      printf("%lu\n", (unsigned long)sink);
      return 0;
    }
    e = (unsigned)((id - 1) % N_ENGINES);
    r = (unsigned)((id - 1) / N_ENGINES % N_RC);
    f = (unsigned)((id - 1) / N_ENGINES / N_RC);
    setup(fam_of(f), RULE_COUNTS[r], e == E_BPF, e <= E_LIB1 ? 1u : 2u);
    CALLGRIND_START_INSTRUMENTATION;
    run_engine(e, n);
    printf("%lu\n", (unsigned long)sink);
    return 0;
  }
  usage();
  return 2;
}
