/*
 * bench_ha4: the MIPv4 home agent (issue 5 "Benchmark").
 *
 * Workload: one mipfb_ha4 sized for NODES mobile nodes, 2 x NODES bindings
 * and 4 x NODES rules (NODES = 1,000,000, or $BENCH_HA4_NODES). Every node
 * registers two bindings with two Registration Requests: Multipath BID 1
 * (lifetime 600 s), then Multipath BID 2 (lifetime 1200 s) carrying four
 * Flow-Binding extensions (FORWARD {1}, FORWARD {2}, FORWARD {2,1}, DROP),
 * each request signed with HMAC-MD5 (MN-HA extension, SPI 0x100). Every
 * request is built with mipfb_mip4_encode outside the timed regions; its
 * Identification is an NTP timestamp of a virtual clock (the high 32 bits
 * its seconds, the low 32 bits a counter), so it increases per node and
 * stays inside the replay window. The virtual clock advances 1 ms every 128
 * registrations and 1 s between timed passes.
 *
 * Hooks: send records the reply (length; type 3 and code 0 checked);
 * auth_key copies ONE precomputed mipfb_hmac_md5_key shared by all nodes
 * after checking the SPI (a real host would find a per-node key with a
 * hash lookup: one more cache miss per request at 1,000,000 nodes, not
 * counted here); tunnel / flow count their events; wallclock maps the
 * virtual clock to NTP; random is xorshift64*.
 *
 * Measured request: a refresh RRQ -> RRP with Multipath (BID 2, known) +
 * one Flow-Binding extension (FORWARD {2,1}, IPv4 selector) + MN-HA
 * authentication: decode, HMAC-MD5 verify, node lookup among NODES,
 * Identification check, plan, apply, reply with the node's policy, HMAC-MD5
 * sign. The timed region contains only the mipfb_ha4_input calls. Case 1
 * sends it to nodes that still hold their 4 registered rules (each request
 * a different random node: the policy 4 rules -> 1); case 2 sends it again
 * to the same nodes (policy 1 rule -> the same rule: the steady state of
 * periodic refreshes).
 *
 * Expiry (a fresh agent, same registrations): one mipfb_ha4_timeout call
 * past the BID 1 lifetime expires NODES bindings (case 3: BID 1 taken out
 * of the node's rules, FORWARD {1} removed), one past the BID 2 lifetime
 * the other NODES (case 4: the node's last binding, its rules go, the
 * record waits for the replay window), one past the replay window frees the
 * NODES idle records (case 5). Afterwards binding, node and rule counts
 * are checked to be 0.
 *
 *   bench_ha4                    full report (ns, requests/s, memory)
 *   bench_ha4 --instr FILE       the same with instructions from FILE
 *                                ("id<TAB>instr" lines, as
 *                                bench_callgrind.sh --tsv writes)
 *   bench_ha4 --list             "id<TAB>name<TAB>target" lines
 *   bench_ha4 --case ID --iters N
 *                                cases 1-2: N requests on an agent of NODES
 *                                nodes (N <= NODES); cases 3-5: an agent of
 *                                N nodes, one timeout call. Untimed; under
 *                                callgrind (--instr-atstart=no) the
 *                                instrumentation starts right before the
 *                                measured calls.
 *
 * Not a test: results are printed, never compared with the targets.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mipfb/mipfb.h>

#include "bench_callgrind.h"
#include "bench_env.h"

#define BENCH_NAME "bench_ha4"
#include "bench_common.h"

#define DEFAULT_NODES 1000000u
#define HA_ADDR 0x0a000001u   /* 10.0.0.1 */
#define NODE_BASE 0x0a010000u /* node i: 10.1.0.0 + i */
#define COA_BASE 0x64400000u  /* 100.64.0.0/10: node i, BID b: + 2i + b - 1 */
#define SPI 0x100u
#define NTP_BASE_S 3900000000u /* NTP seconds of virtual time 0 (2023-08) */
#define T0_MS 1000000u         /* virtual monotonic clock at init */
#define L1_S 600u              /* BID 1 lifetime */
#define L2_S 1200u             /* BID 2 lifetime */
#define POOL_MAX 65536u
#define MSG_MAX 256u
#define RUNS 5
#define N_CASES 5

enum { REQ_BID1, REQ_BID2_4FB, REQ_REFRESH };

static mipfb_ha4_config cfg;
static mipfb_ha4 *ha;
static void *ha_mem;
static size_t ha_size;
static uint32_t n_nodes; /* nodes of the agent */
static uint64_t vnow;    /* virtual monotonic clock, ms */
static uint32_t id_low;  /* low 32 bits of the next Identification */
static mipfb_hmac_md5_key key;
static uint8_t fb_forward, fb_drop;
static mipfb_pkt_info from;
static uint32_t *perm;          /* random order of the nodes */
static uint8_t (*pool)[MSG_MAX]; /* encoded requests */
static uint16_t *pool_len;
static uint32_t pool_cap;
static uint64_t rng = 0x9e3779b97f4a7c15u;
static volatile size_t sink;
static double instr[N_CASES + 1]; /* from --instr FILE; < 0: none */

/* Hook records. */
static unsigned long replies, bad_replies, last_reply_len;
static unsigned long tunnel_ev[4], flow_ev[3];
static uint64_t deadline = MIPFB_NO_DEADLINE;

static uint64_t rng_next(void) {
  rng ^= rng >> 12;
  rng ^= rng << 25;
  rng ^= rng >> 27;
  return rng * 0x2545f4914f6cdd1du;
}

static uint64_t ntp_of(uint64_t ms) {
  uint64_t s = NTP_BASE_S + ms / 1000u;
  return (s << 32) | (((ms % 1000u) << 32) / 1000u);
}

/* ---- hooks ---- */

static int h_send(void *user, const uint8_t *msg, size_t len, const mipfb_pkt_info *to) {
  (void)user;
  (void)to;
  replies++;
  last_reply_len = (unsigned long)len;
  if (len < 2 || msg[0] != MIPFB_MIP4_RRP || msg[1] != 0) bad_replies++;
  return 0;
}

static void h_set_timer(void *user, uint64_t d) {
  (void)user;
  deadline = d;
}

static int h_tunnel(void *user, const mipfb_tunnel_event *ev) {
  (void)user;
  tunnel_ev[ev->op & 3u]++;
  return 0;
}

static int h_flow(void *user, const mipfb_flow_event *ev) {
  (void)user;
  flow_ev[ev->op == MIPFB_FLOW_INSTALL ? 1 : 2]++;
  return 0;
}

/* One key for every node, found by SPI: no per-node lookup (see top). */
static int h_auth_key(void *user, const mipfb_auth_query *q, mipfb_auth_answer *a) {
  (void)user;
  if (q->spi != SPI) return 1;
  a->key = key;
  a->multipath = 1;
  a->hoa.family = 0;
  return 0;
}

static int h_random(void *user, uint8_t *out, size_t len) {
  size_t i;
  (void)user;
  for (i = 0; i < len; i++) out[i] = (uint8_t)(rng_next() >> 56);
  return 0;
}

static uint64_t h_wallclock(void *user, uint64_t now_ms) {
  (void)user;
  return ntp_of(now_ms);
}

/* ---- requests ---- */

/* IPv4 selector: protocol and a destination port range. */
static void sel(mipfb_ts *ts, uint8_t proto, uint16_t lo, uint16_t hi) {
  memset(ts, 0, sizeof *ts);
  ts->format = MIPFB_TS_FORMAT_IPV4;
  ts->fields = MIPFB_TS_DPORT_START | MIPFB_TS_DPORT_END | MIPFB_TS_PROTO_START;
  ts->dport_start = lo;
  ts->dport_end = hi;
  ts->proto_start = proto;
}

static void fb_fwd(mipfb_mip4_ext *e, uint8_t b0, uint8_t b1, uint8_t proto, uint16_t lo, uint16_t hi) {
  memset(e, 0, sizeof *e);
  e->kind = MIPFB_MIP4_EXT_FLOW_BINDING;
  e->u.flow_binding.action = fb_forward;
  e->u.flow_binding.bid_count = b1 != 0 ? 2 : 1;
  e->u.flow_binding.bids[0] = b0;
  e->u.flow_binding.bids[1] = b1;
  sel(&e->u.flow_binding.ts, proto, lo, hi);
}

/* Encode request `kind` of node `node` at the virtual clock; its length. */
static size_t encode_rrq(uint8_t *out, uint32_t node, int kind) {
  mipfb_mip4_ext e[8];
  mipfb_mip4_msg m;
  size_t n = 0;
  uint8_t bid = kind == REQ_BID1 ? 1 : 2;
  mipfb_ssize r;

  memset(&m, 0, sizeof m);
  memset(e, 0, sizeof e);
  m.type = MIPFB_MIP4_RRQ;
  m.flags = MIPFB_MIP4_FLAG_D | MIPFB_MIP4_FLAG_T;
  m.lifetime = (uint16_t)(bid == 1 ? L1_S : L2_S);
  m.hoa = NODE_BASE + node;
  m.ha = HA_ADDR;
  m.coa = COA_BASE + 2u * node + bid - 1u;
  m.id = ((uint64_t)(NTP_BASE_S + vnow / 1000u) << 32) | ++id_low;

  e[n].kind = MIPFB_MIP4_EXT_MULTIPATH;
  e[n].u.multipath.if_att = bid == 1 ? 4 : 5;
  e[n].u.multipath.if_label = bid;
  e[n].u.multipath.bid = bid;
  n++;
  if (kind == REQ_BID2_4FB) {
    fb_fwd(&e[n++], 1, 0, 17, 5060, 5061);
    fb_fwd(&e[n++], 2, 0, 6, 443, 443);
    fb_fwd(&e[n++], 2, 1, 6, 8000, 8080);
    memset(&e[n], 0, sizeof e[n]);
    e[n].kind = MIPFB_MIP4_EXT_FLOW_BINDING;
    e[n].u.flow_binding.action = fb_drop;
    e[n].u.flow_binding.bid_count = 1;
    e[n].u.flow_binding.bids[0] = 255;
    sel(&e[n].u.flow_binding.ts, 17, 0, 1023);
    n++;
  } else if (kind == REQ_REFRESH) {
    fb_fwd(&e[n++], 2, 1, 6, 8000, 8080);
  }
  e[n].kind = MIPFB_MIP4_EXT_MN_HA_AUTH;
  e[n].type = MIPFB_MIP4_EXT_TYPE_MN_HA;
  e[n].u.auth.spi = SPI;
  e[n].u.auth.key = &key;
  n++;
  m.ext = e;
  m.n_ext = n;
  r = mipfb_mip4_encode(out, MSG_MAX, &m, NULL, NULL);
  if (r <= 0) die("mipfb_mip4_encode", (long)r);
  return (size_t)r;
}

static void input_or_die(const uint8_t *msg, size_t len, const char *what) {
  int rc = mipfb_ha4_input(ha, vnow, msg, len, &from);
  if (rc != 0) {
    fprintf(stderr, BENCH_NAME ": %s: mipfb_ha4_input returned %d\n", what, rc);
    exit(1);
  }
}

/* ---- agent ---- */

static size_t mem_size_of(uint32_t nodes, uint32_t binds, uint32_t rules) {
  mipfb_ha4_config c = cfg;
  c.max_nodes = nodes;
  c.max_bindings = binds;
  c.max_rules = rules;
  return mipfb_ha4_mem_size(&c);
}

static void config_for(uint32_t nodes) {
  mipfb_codepoints cp;
  if (mipfb_codepoints_default(&cp, MIPFB_PROFILE_RFC) != 0) die("mipfb_codepoints_default", 0);
  fb_forward = cp.mip4_fb_forward;
  fb_drop = cp.mip4_fb_drop;
  mipfb_ha4_config_default(&cfg);
  cfg.ha_addr = HA_ADDR;
  cfg.max_nodes = nodes;
  cfg.max_bindings = 2u * nodes;
  cfg.max_rules = 4u * nodes;
}

/* A fresh agent of `nodes` nodes (memory reused when big enough). */
static void agent_init(uint32_t nodes) {
  static const uint8_t secret[16] = {'b', 'e', 'n', 'c', 'h', '-', 'h', 'a', '4', '-', 's', 'e', 'c', 'r', 'e', 't'};
  mipfb_hooks h;
  size_t need;
  int rc;

  config_for(nodes);
  need = mipfb_ha4_mem_size(&cfg);
  if (need == 0) die("mipfb_ha4_mem_size is 0 for the configuration", (long)nodes);
  if (need > ha_size) {
    free(ha_mem);
    ha_mem = NULL;
    if (posix_memalign(&ha_mem, 64, need) != 0) die("out of memory (agent)", (long)(need >> 20));
    ha_size = need;
  }
  mipfb_hmac_md5_key_init(&key, secret, sizeof secret);
  memset(&h, 0, sizeof h);
  h.version = MIPFB_HOOKS_VERSION;
  h.send = h_send;
  h.set_timer = h_set_timer;
  h.tunnel = h_tunnel;
  h.flow = h_flow;
  h.auth_key = h_auth_key;
  h.random = h_random;
  h.wallclock = h_wallclock;
  vnow = T0_MS;
  rc = mipfb_ha4_init(&ha, ha_mem, ha_size, &cfg, &h, NULL, vnow);
  if (rc != 0) die("mipfb_ha4_init", rc);
  n_nodes = nodes;

  memset(&from, 0, sizeof from);
  from.ifindex = 1;
  from.src.family = MIPFB_AF_INET4;
  from.src.bytes[0] = 100;
  from.src.bytes[1] = 64;
  from.src.bytes[3] = 1;
  from.dst.family = MIPFB_AF_INET4;
  from.dst.bytes[0] = 10;
  from.dst.bytes[3] = 1;
  from.sport = MIPFB_MIP4_PORT;
  from.dport = MIPFB_MIP4_PORT;
}

static void check_counts(size_t nodes, size_t binds, size_t rules, const char *when) {
  size_t n = mipfb_ha4_node_count(ha), b = mipfb_ha4_binding_count(ha), r = mipfb_ha4_rule_count(ha);
  if (n != nodes || b != binds || r != rules) {
    fprintf(stderr, BENCH_NAME ": %s: %lu nodes, %lu bindings, %lu rules (expected %lu, %lu, %lu)\n", when,
            (unsigned long)n, (unsigned long)b, (unsigned long)r, (unsigned long)nodes, (unsigned long)binds,
            (unsigned long)rules);
    exit(1);
  }
}

/* Every node: BID 1, then BID 2 with 4 rules. Returns the seconds taken. */
static double register_all(void) {
  uint8_t buf[MSG_MAX];
  uint32_t i;
  double t0 = now_ns();
  for (i = 0; i < n_nodes; i++) {
    size_t len = encode_rrq(buf, i, REQ_BID1);
    input_or_die(buf, len, "registration of BID 1");
    len = encode_rrq(buf, i, REQ_BID2_4FB);
    input_or_die(buf, len, "registration of BID 2 with 4 Flow-Binding extensions");
    if ((i & 63u) == 63u) vnow++;
  }
  if (bad_replies != 0) die("registration replies not 0", (long)bad_replies);
  check_counts(n_nodes, 2u * (size_t)n_nodes, 4u * (size_t)n_nodes, "after the registrations");
  return (now_ns() - t0) / 1e9;
}

static void make_perm(void) {
  uint32_t i;
  free(perm);
  perm = (uint32_t *)malloc((size_t)n_nodes * sizeof *perm);
  if (perm == NULL) die("out of memory (perm)", 0);
  for (i = 0; i < n_nodes; i++) perm[i] = i;
  for (i = n_nodes - 1; i > 0; i--) {
    uint32_t j = (uint32_t)(rng_next() % ((uint64_t)i + 1u)), t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
}

static void pool_alloc(uint32_t cap) {
  pool = malloc((size_t)cap * sizeof *pool);
  pool_len = (uint16_t *)malloc((size_t)cap * sizeof *pool_len);
  if (pool == NULL || pool_len == NULL) die("out of memory (pool)", 0);
  pool_cap = cap;
}

/* Advance the virtual clock 1 s, then encode refreshes for perm[first..first+count). */
static void fill_pool(uint32_t first, uint32_t count) {
  uint32_t k;
  if (count > pool_cap || first + count > n_nodes) die("pool too small", (long)count);
  vnow += 1000u;
  for (k = 0; k < count; k++) pool_len[k] = (uint16_t)encode_rrq(pool[k], perm[first + k], REQ_REFRESH);
}

/* CPU time of this thread, ns (a shared machine: time spent descheduled
   is not counted, unlike CLOCK_MONOTONIC). */
static double cpu_ns(void) {
  struct timespec ts;
  if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0) die("clock_gettime(CLOCK_THREAD_CPUTIME_ID)", 0);
  return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static double last_cpu; /* CPU ns of the last run_pool / timeout_at */

/* The measured loop: only mipfb_ha4_input. Returns ns for `count`
   (CLOCK_MONOTONIC); last_cpu gets the CPU time. */
static double run_pool(uint32_t count) {
  uint32_t k;
  unsigned long bad = 0, rep0 = replies;
  const uint64_t now = vnow;
  double c0 = cpu_ns(), t0 = now_ns(), dt;
  for (k = 0; k < count; k++) {
    if (mipfb_ha4_input(ha, now, pool[k], pool_len[k], &from) != 0) bad++;
  }
  dt = now_ns() - t0;
  last_cpu = cpu_ns() - c0;
  if (bad != 0 || bad_replies != 0 || replies - rep0 != count) {
    fprintf(stderr, BENCH_NAME ": %lu of %lu requests not answered 0 (%lu replies not 0)\n", bad,
            (unsigned long)count, bad_replies);
    exit(1);
  }
  sink += last_reply_len;
  return dt;
}

/* One timeout call at `at`; checks the bindings/nodes left. Returns ns. */
static double timeout_at(uint64_t at) {
  double t0, c0;
  int rc;
  vnow = at;
  c0 = cpu_ns();
  t0 = now_ns();
  rc = mipfb_ha4_timeout(ha, at);
  t0 = now_ns() - t0;
  last_cpu = cpu_ns() - c0;
  if (rc != 0) die("mipfb_ha4_timeout", rc);
  return t0;
}

/* Virtual times past BID 1's expiry, BID 2's, and the idle records' end. */
static uint64_t expiry1_at(void) { return T0_MS + (n_nodes / 64u + 2u) + (L1_S + 2u) * 1000u; }
static uint64_t expiry2_at(void) { return T0_MS + (n_nodes / 64u + 2u) + (L2_S + 2u) * 1000u; }
/* When the idle records may go: the agent's own deadline once the last
   bindings are gone (the records wait at least the replay window). */
static uint64_t idle_at(void) {
  uint64_t d = mipfb_ha4_next_deadline(ha);
  if (d == MIPFB_NO_DEADLINE || d < vnow + cfg.replay_window_ms) die("no idle-record deadline after the last expiry", 0);
  return d;
}

static void expect_expired(unsigned long removes, size_t nodes, size_t binds, const char *when) {
  if (tunnel_ev[MIPFB_TUNNEL_REMOVE] != removes || mipfb_ha4_binding_count(ha) != binds ||
      mipfb_ha4_node_count(ha) != nodes) {
    fprintf(stderr, BENCH_NAME ": %s: %lu tunnel REMOVE events (expected %lu), %lu bindings, %lu nodes\n", when,
            tunnel_ev[MIPFB_TUNNEL_REMOVE], removes, (unsigned long)mipfb_ha4_binding_count(ha),
            (unsigned long)mipfb_ha4_node_count(ha));
    exit(1);
  }
}

/* ---- the report ---- */

static const char *const case_names[N_CASES] = {
    "refresh, node had 4 rules (-> 1)",
    "refresh, node had this rule (steady)",
    "expire BID 1 of every node",
    "expire the last binding (BID 2)",
    "free the idle node records",
};

static uint32_t env_nodes(void) {
  uint32_t v = bench_env_count("BENCH_HA4_NODES", DEFAULT_NODES, 64, 100000000u);
  if (v == 0) die("BENCH_HA4_NODES must be 64..100000000", 0);
  return v;
}

static void print_instr(int id) {
  if (instr[id] >= 0) {
    printf(" %10.0f", instr[id]);
  } else {
    printf(" %10s", "-");
  }
}

static void report_memory(uint32_t nodes) {
  size_t total, dn, db, dr;
  double node_b, bind_b, rule_b;
  config_for(nodes);
  total = mipfb_ha4_mem_size(&cfg);
  dn = mem_size_of(2u * nodes, 2u * nodes, 4u * nodes);
  db = mem_size_of(nodes, 4u * nodes, 4u * nodes);
  dr = mem_size_of(nodes, 2u * nodes, 8u * nodes);
  if (total == 0 || dn == 0 || db == 0 || dr == 0) die("mipfb_ha4_mem_size is 0", 0);
  node_b = (double)(dn - total) / nodes;
  bind_b = (double)(db - total) / (2.0 * nodes);
  rule_b = (double)(dr - total) / (4.0 * nodes);
  printf("memory: mipfb_ha4_mem_size(%lu nodes, %lu bindings, %lu rules; per node at most %lu bindings, %lu rules;"
         " ts_max_len %lu) = %lu bytes\n",
         (unsigned long)nodes, 2ul * nodes, 4ul * nodes, (unsigned long)cfg.max_bindings_per_node,
         (unsigned long)cfg.max_rules_per_node, (unsigned long)cfg.ts_max_len, (unsigned long)total);
  printf("  %.1f bytes per mobile node (2 bindings + 4 rules) = %.1f bytes per binding"
         " (mem_size / %lu bindings; target <= 256)\n",
         (double)total / nodes, (double)total / (2.0 * nodes), 2ul * nodes);
  printf("  marginal (mem_size with one pool doubled): %.1f bytes per node record (incl. hash bucket),"
         " %.1f per binding, %.1f per rule\n",
         node_b, bind_b, rule_b);
  printf("  -> a node with 2 bindings and 4 rules: %.1f bytes, %.1f per binding; fixed part %.0f bytes\n",
         node_b + 2 * bind_b + 4 * rule_b, (node_b + 2 * bind_b + 4 * rule_b) / 2,
         (double)total - nodes * (node_b + 2 * bind_b + 4 * rule_b));
}

static void full_report(void) {
  uint32_t nodes = env_nodes(), p, run, c;
  double reg_s, best[2] = {0, 0}, best_cpu[2] = {0, 0}, hooks_per_req[2][3];
  uint64_t t_reg_end;
  mipfb_ha4_node ni;

  printf("bench_ha4: MIPv4 home agent, %lu mobile nodes x (2 bindings + 4 rules), HMAC-MD5 MN-HA (one shared key)\n",
         (unsigned long)nodes);
  report_memory(nodes);
  fflush(stdout);

  agent_init(nodes);
  reg_s = register_all();
  t_reg_end = vnow;
  printf("setup: %lu registration requests (encode + mipfb_ha4_input) in %.1f s\n", 2ul * nodes, reg_s);
  fflush(stdout);

  /* Cases 1 and 2: (1 + RUNS) passes of p distinct nodes each. */
  make_perm();
  p = nodes / (RUNS + 1);
  if (p > POOL_MAX) p = POOL_MAX;
  pool_alloc(p);
  for (c = 0; c < 2; c++) {
    unsigned long t0c = tunnel_ev[MIPFB_TUNNEL_CHANGE], f0i = flow_ev[1], f0r = flow_ev[2];
    for (run = 0; run <= RUNS; run++) {
      double dt;
      fill_pool(c == 0 ? run * p : 0, p);
      dt = run_pool(p) / p;
      if (run == 1 || (run > 1 && dt < best[c])) best[c] = dt;
      if (run == 1 || (run > 1 && last_cpu / p < best_cpu[c])) best_cpu[c] = last_cpu / p;
    }
    hooks_per_req[c][0] = (double)(tunnel_ev[MIPFB_TUNNEL_CHANGE] - t0c) / ((RUNS + 1.0) * p);
    hooks_per_req[c][1] = (double)(flow_ev[2] - f0r) / ((RUNS + 1.0) * p);
    hooks_per_req[c][2] = (double)(flow_ev[1] - f0i) / ((RUNS + 1.0) * p);
  }
  /* perm[0..p) went through both cases: 1 rule; the last node never: 4. */
  if (mipfb_ha4_node_info(ha, NODE_BASE + perm[0], &ni) != 0 || ni.n_bindings != 2 || ni.n_rules != 1)
    die("a refreshed node does not hold 2 bindings and 1 rule", (long)ni.n_rules);
  if ((RUNS + 1u) * p < nodes &&
      (mipfb_ha4_node_info(ha, NODE_BASE + perm[nodes - 1], &ni) != 0 || ni.n_bindings != 2 || ni.n_rules != 4))
    die("a node never refreshed does not hold 2 bindings and 4 rules", (long)ni.n_rules);
  if (vnow >= expiry1_at() - 2000u) die("virtual clock ran past the BID 1 lifetime", 0);
  (void)t_reg_end;

  printf("\nrequests (RRQ -> RRP: Multipath BID 2 + 1 Flow-Binding + MN-HA, %lu octets in, %lu out;"
         " %lu nodes; best of %d passes of %lu random nodes, CLOCK_MONOTONIC):\n",
         (unsigned long)pool_len[0], last_reply_len, (unsigned long)nodes, RUNS, (unsigned long)p);
  printf("%-2s  %-38s %10s %12s %10s %10s\n", "id", "case", "ns/req", "req/s/core", "cpu ns/req", "instr/req");
  for (c = 0; c < 2; c++) {
    printf("%-2lu  %-38s %10.1f %12.0f %10.1f", (unsigned long)c + 1, case_names[c], best[c], 1e9 / best[c],
           best_cpu[c]);
    print_instr((int)c + 1);
    printf("\n");
  }
  for (c = 0; c < 2; c++)
    printf("case %lu hook calls per request: tunnel CHANGE %.2f, flow REMOVE %.2f, flow INSTALL %.2f\n",
           (unsigned long)c + 1, hooks_per_req[c][0], hooks_per_req[c][1], hooks_per_req[c][2]);
  printf("(ns/req: CLOCK_MONOTONIC; cpu ns/req: CLOCK_THREAD_CPUTIME_ID of the same pass, best of %d;"
         " target >= 300000 requests/s per core)\n",
         RUNS);
  fflush(stdout);

  /* Cases 3-5 on a fresh agent with the same registrations. */
  agent_init(nodes);
  reg_s = register_all();
  {
    double t3, t4, t5, c3, c4, c5;
    unsigned long rm0 = tunnel_ev[MIPFB_TUNNEL_REMOVE], fr0 = flow_ev[2], fi0 = flow_ev[1], fr3, fi3;
    t3 = timeout_at(expiry1_at());
    c3 = last_cpu;
    fr3 = flow_ev[2] - fr0;
    fi3 = flow_ev[1] - fi0;
    expect_expired(rm0 + nodes, nodes, nodes, "after BID 1 expiry");
    if (mipfb_ha4_rule_count(ha) != 3u * (size_t)nodes) die("rules after BID 1 expiry", (long)mipfb_ha4_rule_count(ha));
    t4 = timeout_at(expiry2_at());
    c4 = last_cpu;
    expect_expired(rm0 + 2ul * nodes, nodes, 0, "after BID 2 expiry");
    t5 = timeout_at(idle_at());
    c5 = last_cpu;
    check_counts(0, 0, 0, "after the replay window");
    if (deadline != MIPFB_NO_DEADLINE) die("a deadline is left after everything expired", 0);
    printf("\nexpiry (one mipfb_ha4_timeout call each, fresh agent, %lu nodes registered again in %.1f s):\n",
           (unsigned long)nodes, reg_s);
    printf("%-2s  %-38s %10s %10s %10s %10s %10s\n", "id", "case", "count", "total ms", "ns/each", "cpu ns/each",
           "instr/each");
    printf("%-2s  %-38s %10lu %10.1f %10.1f %10.1f", "3", case_names[2], (unsigned long)nodes, t3 / 1e6, t3 / nodes,
           c3 / nodes);
    print_instr(3);
    printf("\n%-2s  %-38s %10lu %10.1f %10.1f %10.1f", "4", case_names[3], (unsigned long)nodes, t4 / 1e6,
           t4 / nodes, c4 / nodes);
    print_instr(4);
    printf("\n%-2s  %-38s %10lu %10.1f %10.1f %10.1f", "5", case_names[4], (unsigned long)nodes, t5 / 1e6,
           t5 / nodes, c5 / nodes);
    print_instr(5);
    printf("\nhook calls per expired binding: case 3: tunnel REMOVE 1, flow REMOVE %.2f, flow INSTALL %.2f;"
           " case 4: tunnel REMOVE 1, flow REMOVE %.2f, flow INSTALL %.2f\n",
           (double)fr3 / nodes, (double)fi3 / nodes, (double)(flow_ev[2] - fr0 - fr3) / nodes,
           (double)(flow_ev[1] - fi0 - fi3) / nodes);
    printf("after: 0 bindings, 0 nodes, 0 rules, no deadline\n");
  }
  if (instr[1] >= 0 || instr[3] >= 0)
    printf("(instr = (Ir(2N) - Ir(N)) / N, callgrind with --instr-atstart=no: see bench/bench.mk for N and the"
           " node count of cases 1-2)\n");
}

static void read_instr(const char *file) {
  FILE *f = fopen(file, "r");
  char line[128];
  if (f == NULL) die("cannot open the --instr file", 0);
  while (fgets(line, sizeof line, f) != NULL) {
    char *end;
    long id = strtol(line, &end, 10);
    if (id >= 1 && id <= N_CASES && *end == '\t') {
      char *num_end;
      double v = strtod(end + 1, &num_end);
      if (num_end != end + 1) instr[id] = v; /* "n/a" without valgrind: left "-" */
    }
  }
  fclose(f);
}

/* --case ID --iters N (callgrind). */
static void run_case(unsigned long id, unsigned long n) {
  if (n == 0 || n > 100000000ul) die("--iters out of range", (long)n);
  if (id <= 2) {
    uint32_t nodes = env_nodes();
    if (n > nodes) die("--iters above BENCH_HA4_NODES", (long)n);
    agent_init(nodes);
    (void)register_all();
    make_perm();
    pool_alloc((uint32_t)n);
    fill_pool(0, (uint32_t)n);
    if (id == 2) {
      (void)run_pool((uint32_t)n);
      fill_pool(0, (uint32_t)n);
    }
    CALLGRIND_START_INSTRUMENTATION;
    (void)run_pool((uint32_t)n);
    return;
  }
  agent_init((uint32_t)n);
  (void)register_all();
  if (id >= 4) (void)timeout_at(expiry1_at());
  if (id >= 5) (void)timeout_at(expiry2_at());
  CALLGRIND_START_INSTRUMENTATION;
  (void)timeout_at(id == 3 ? expiry1_at() : id == 4 ? expiry2_at() : idle_at());
  sink += mipfb_ha4_binding_count(ha) + mipfb_ha4_node_count(ha);
}

static void ha_usage(void) {
  fprintf(stderr, "usage: bench_ha4 [--instr FILE | --list | --case ID --iters N]\n");
  exit(2);
}

int main(int argc, char **argv) {
  int i;
  for (i = 0; i <= N_CASES; i++) instr[i] = -1;
  if (argc == 2 && strcmp(argv[1], "--list") == 0) {
    for (i = 0; i < N_CASES; i++) printf("%d\t%s\t-\n", i + 1, case_names[i]);
    return 0;
  }
  if (argc == 1 || (argc == 3 && strcmp(argv[1], "--instr") == 0)) {
    if (argc == 3) read_instr(argv[2]);
    full_report();
    return 0;
  }
  if (argc == 5 && strcmp(argv[1], "--case") == 0 && strcmp(argv[3], "--iters") == 0) {
    char *end;
    unsigned long id = strtoul(argv[2], &end, 10), n;
    if (*end != '\0' || id < 1 || id > N_CASES) ha_usage();
    n = strtoul(argv[4], &end, 10);
    if (*end != '\0') ha_usage();
    run_case(id, n);
    printf("%lu\n", (unsigned long)sink);
    return 0;
  }
  ha_usage();
  return 2;
}
