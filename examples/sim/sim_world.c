/* The simulated world (see sim_world.h). */
#include "sim_world.h"

#include <stdlib.h>
#include <string.h>

#define SIM_CORE_DELAY_MS 10u

/* Wi-Fi and LTE with co-located care-of addresses, CDMA through the
   foreign agent. The mobile node brings them up in this order, so they
   get BIDs 1, 2 and 3 (examples/demo/figure2-policy.json). */
static const sim_access ACCESS[] = {
    {"wifi", 4 /* IEEE 802.11a/b/g */, 5, 1, 0xc000020au /* 192.0.2.10 */, 0, 1},
    {"lte", 8 /* 3GPP E-UTRAN */, 30, 2, 0xc6336414u /* 198.51.100.20 */, 0, 2},
    {"cdma", 11 /* 3GPP2 1xRTT */, 60, 3, 0, SIM_FA_ADDR, 3},
};

static const char *const NODE_NAME[SIM_NODES] = {"HA", "MN", "FA"};

int sim_world_access(const sim_world *w, const char *name) {
  size_t i;
  for (i = 0; i < w->n_access; i++)
    if (strcmp(w->access[i].name, name) == 0) return (int)i;
  return -1;
}

int sim_world_mn_if_access(const sim_world *w, uint32_t mn_if) {
  size_t i;
  for (i = 0; i < w->n_access; i++)
    if (w->access[i].mn_if == mn_if) return (int)i;
  return -1;
}

const char *sim_world_coa_link(const sim_world *w, uint32_t coa) {
  size_t i;
  if (coa == 0) return NULL;
  for (i = 0; i < w->n_access; i++)
    if (w->access[i].coa == coa || w->access[i].fa_addr == coa) return w->access[i].name;
  if (coa == SIM_HOA) return "home";
  return NULL;
}

static const char *coa_namer(const void *ctx, uint32_t coa) { return sim_world_coa_link(ctx, coa); }

/* Agent misbehaviour the world sees: counted, always printed. */
static void world_anomaly(sim_world *w, const char *check, const char *who, const char *what) {
  w->anomalies++;
  sim_print_always(&w->pr, "%s CHECK FAILED: %s %s", check, who, what);
}

/* ------------------------------------------------------------- routing */

static const sim_access *fa_access(const sim_world *w) {
  size_t i;
  for (i = 0; i < w->n_access; i++)
    if (w->access[i].fa_addr == SIM_FA_ADDR) return &w->access[i];
  return NULL;
}

static int route(void *ctx, sim_host *from, const uint8_t *msg, size_t len, const mipfb_pkt_info *to) {
  sim_world *w = ctx;
  mipfb_pkt_info rx = *to;
  uint32_t dst = mipfb_addr_ipv4_value(&to->dst), src = 0;
  const sim_access *a = NULL;
  int link = SIM_LINK_CORE, via_core = 1, to_node = -1, rc;
  sim_msg_summary sum;
  const char *fate = NULL;
  char note[96];

  switch (from->node) {
  case SIM_NODE_MN:
    if (to->ifindex != 0) {
      int i = sim_world_mn_if_access(w, to->ifindex);
      if (i < 0) break;
      a = &w->access[i];
      link = i;
      src = a->coa ? a->coa : SIM_HOA;
    } else {
      src = SIM_HOA; /* at home */
    }
    if (dst == SIM_HA_ADDR) {
      to_node = SIM_NODE_HA;
      rx.ifindex = 0;
    } else if (a && a->fa_addr && dst == a->fa_addr) {
      to_node = SIM_NODE_FA;
      via_core = 0;
      rx.ifindex = SIM_FA_IF_ACCESS;
    }
    break;
  case SIM_NODE_HA:
    src = SIM_HA_ADDR;
    if (dst == SIM_FA_ADDR) {
      to_node = SIM_NODE_FA;
      rx.ifindex = SIM_FA_IF_CORE;
    } else if (dst == SIM_HOA) {
      to_node = SIM_NODE_MN; /* the node at home */
      rx.ifindex = 0;
    } else {
      size_t i;
      for (i = 0; i < w->n_access; i++)
        if (w->access[i].coa && w->access[i].coa == dst) {
          a = &w->access[i];
          link = (int)i;
          to_node = SIM_NODE_MN;
          rx.ifindex = a->mn_if;
        }
    }
    break;
  case SIM_NODE_FA:
    src = SIM_FA_ADDR;
    if (dst == SIM_HA_ADDR) {
      to_node = SIM_NODE_HA;
      rx.ifindex = 0;
    } else if (to->ifindex == SIM_FA_IF_ACCESS && (a = fa_access(w)) != NULL) {
      to_node = SIM_NODE_MN;
      link = (int)(a - w->access);
      via_core = 0;
      rx.ifindex = a->mn_if;
    }
    break;
  default:
    break;
  }
  if (rx.src.family == 0) rx.src = mipfb_addr_ipv4(src);
  if (to_node < 0) {
    char d[16];
    sim_print_msg(&w->pr, from->name, "??", sim_net_link_name(&w->net, link), msg, len, "UNROUTABLE", NULL);
    snprintf(note, sizeof(note), "sent a datagram to %s (ifindex %lu), which no node of the topology has",
             sim_print_ip(d, dst), (unsigned long)to->ifindex);
    world_anomaly(w, "ROUTING", from->name, note);
    return 0;
  }
  if (to->dport != MIPFB_MIP4_PORT && to_node != SIM_NODE_MN)
    world_anomaly(w, "PORT", from->name, "sent a registration message to an agent on a port other than 434");
  rc = sim_net_send(&w->net, w->now, link, via_core, from->node, to_node, msg, len, &rx);
  if (rc == SIM_NET_LOST) {
    snprintf(note, sizeof(note), "LOST (%s is down)", sim_net_link_name(&w->net, link));
    fate = note;
  } else if (rc == SIM_NET_OVERFLOW) {
    fate = "DROPPED (network queue full)";
    w->anomalies++;
  }
  sim_print_msg(&w->pr, from->name, NODE_NAME[to_node], link == SIM_LINK_CORE ? "core" : w->access[link].name, msg,
                len, fate, &sum);
  if (from->node == SIM_NODE_HA && sum.type == MIPFB_MIP4_RRP) {
    w->reply_count[sum.code]++;
    w->n_replies++;
    w->last_reply_fb = sum.n_flow_binding;
  }
  return 0;
}

static const char *tunnel_namer(void *ctx, const sim_host *h, const mipfb_tunnel_event *ev) {
  const sim_world *w = ctx;
  switch (h->node) {
  case SIM_NODE_HA: return sim_world_coa_link(w, mipfb_addr_ipv4_value(&ev->remote));
  case SIM_NODE_MN: {
    int i = sim_world_mn_if_access(w, ev->ifindex);
    return i < 0 ? (ev->ifindex == 0 ? "home" : NULL) : w->access[i].name;
  }
  case SIM_NODE_FA: {
    const sim_access *a = fa_access(w);
    return ev->ifindex == SIM_FA_IF_ACCESS && a ? a->name : NULL;
  }
  default: return NULL;
  }
}

/* --------------------------------------------------------------- timers */

static uint64_t agent_deadline(const sim_world *w, int node) {
  switch (node) {
  case SIM_NODE_HA: return w->ha ? mipfb_ha4_next_deadline(w->ha) : MIPFB_NO_DEADLINE;
  case SIM_NODE_MN: return mipfb_mn4_next_deadline(w->mn);
  default: return mipfb_fa4_next_deadline(w->fa);
  }
}

static void fmt_deadline(char *buf, size_t cap, uint64_t d) {
  if (d == MIPFB_NO_DEADLINE)
    snprintf(buf, cap, "none");
  else
    snprintf(buf, cap, "%lu ms", (unsigned long)d);
}

/* agents.md "Time": set_timer announces every change of the earliest
   deadline and next_deadline returns it; the two must agree. */
static void check_deadline(sim_world *w, int node, const char *after) {
  sim_host *h = &w->host[node];
  uint64_t d = agent_deadline(w, node);
  if (d != h->deadline) {
    char a[32], b[32], what[200];
    fmt_deadline(a, sizeof(a), h->deadline);
    fmt_deadline(b, sizeof(b), d);
    snprintf(what, sizeof(what), "after %s, set_timer last said %s but next_deadline() says %s", after, a, b);
    world_anomaly(w, "DEADLINE", h->name, what);
    if (d < h->deadline) h->deadline = d;
  }
}

static void report_rc(sim_world *w, const char *who, const char *call, int rc) {
  if (rc >= 0) return;
  w->anomalies++;
  sim_print_always(&w->pr, "AGENT CALL FAILED: %s %s returned %s (%s)", who, call, mipfb_err_name(rc),
                   mipfb_strerror(rc));
}

static void fire(sim_world *w, int node) {
  sim_host *h = &w->host[node];
  int rc;
  sim_print_line(&w->pr, "%s timeout", h->name);
  switch (node) {
  case SIM_NODE_HA: rc = mipfb_ha4_timeout(w->ha, w->now); break;
  case SIM_NODE_MN: rc = mipfb_mn4_timeout(w->mn, w->now); break;
  default: rc = mipfb_fa4_timeout(w->fa, w->now); break;
  }
  report_rc(w, h->name, "timeout()", rc);
  check_deadline(w, node, "timeout()");
  if (h->deadline <= w->now) {
    world_anomaly(w, "DEADLINE", h->name, "timeout() left a deadline that is already due; retrying 1 ms later");
    h->deadline = w->now + 1;
  }
}

static void deliver(sim_world *w, const sim_dgram *d) {
  int rc;
  const char *who = NODE_NAME[d->to_node];
  w->delivered++;
  if (!sim_net_link_up(&w->net, d->link)) {
    sim_print_line(&w->pr, "%s -> %s datagram LOST: %s went down before delivery", NODE_NAME[d->from_node], who,
                   sim_net_link_name(&w->net, d->link));
    return;
  }
  switch (d->to_node) {
  case SIM_NODE_HA:
    rc = mipfb_ha4_input(w->ha, w->now, d->buf, d->len, &d->info);
    if (rc < 0) sim_print_line(&w->pr, "HA discarded the message: %s", mipfb_err_name(rc));
    check_deadline(w, SIM_NODE_HA, "input()");
    break;
  case SIM_NODE_MN:
    rc = mipfb_mn4_input(w->mn, w->now, d->buf, d->len, &d->info);
    if (rc < 0) sim_print_line(&w->pr, "MN discarded the message: %s", mipfb_err_name(rc));
    check_deadline(w, SIM_NODE_MN, "input()");
    break;
  default:
    rc = mipfb_fa4_input(w->fa, w->now, d->buf, d->len, &d->info);
    if (rc < 0) sim_print_line(&w->pr, "FA discarded the message: %s", mipfb_err_name(rc));
    else if (rc > 0) sim_print_line(&w->pr, "FA denied the request itself: code %d", rc);
    check_deadline(w, SIM_NODE_FA, "input()");
    break;
  }
}

void sim_world_run_until(sim_world *w, uint64_t t) {
  for (;;) {
    uint64_t next = sim_net_next(&w->net);
    int who = -1, n;
    sim_dgram d;
    for (n = 0; n < SIM_NODES; n++)
      if (w->host[n].deadline < next) {
        next = w->host[n].deadline;
        who = n;
      }
    if (next > t) break;
    if (next > w->now) w->now = next;
    if (who < 0) {
      if (sim_net_pop(&w->net, w->now, &d)) deliver(w, &d);
    } else {
      fire(w, who);
    }
  }
  if (t > w->now) w->now = t;
}

/* ---------------------------------------------------------------- setup */

static int ha_start(sim_world *w) {
  int rc;
  w->ha_len = mipfb_ha4_mem_size(&w->ha_cfg);
  if (w->ha_len == 0) return -1;
  w->ha_mem = malloc(w->ha_len);
  if (!w->ha_mem) return -1;
  memset(w->ha_mem, 0x5a, w->ha_len); /* no reliance on zeroed memory */
  rc = mipfb_ha4_init(&w->ha, w->ha_mem, w->ha_len, &w->ha_cfg, &SIM_HOOKS, &w->host[SIM_NODE_HA], w->now);
  report_rc(w, "HA", "mipfb_ha4_init()", rc);
  if (rc == 0) check_deadline(w, SIM_NODE_HA, "init()");
  return rc;
}

int sim_world_init(sim_world *w, uint64_t seed, FILE *out, int verbose) {
  static const uint8_t key[16] = {'l', 'i', 'b', 'm', 'i', 'p', 'f', 'b', '-', 's', 'i', 'm', '-', 'k', 'e', 'y'};
  size_t i, len;
  int rc, n;

  memset(w, 0, sizeof(*w));
  sim_print_init(&w->pr, out, &w->now, verbose);
  sim_net_init(&w->net, SIM_CORE_DELAY_MS);
  w->access = ACCESS;
  w->n_access = sizeof(ACCESS) / sizeof(ACCESS[0]);
  for (i = 0; i < w->n_access; i++)
    if (sim_net_add_link(&w->net, ACCESS[i].name, ACCESS[i].att, ACCESS[i].delay_ms) != (int)i) return -1;
  w->sa[0].spi = SIM_SPI;
  w->sa[0].hoa = SIM_HOA;
  memcpy(w->sa[0].key, key, sizeof(key));
  w->sa[0].multipath = 1;
  for (n = 0; n < SIM_NODES; n++)
    sim_host_init(&w->host[n], NODE_NAME[n], n, &w->pr, w, route, tunnel_namer, seed, w->sa, 1);

  mipfb_ha4_config_default(&w->ha_cfg);
  w->ha_cfg.ha_addr = SIM_HA_ADDR;
  w->ha_cfg.max_nodes = 4;
  w->ha_cfg.max_bindings = 16;
  w->ha_cfg.max_rules = 64;
  if (ha_start(w) != 0) return -1;

  mipfb_mn4_config_default(&w->mn_cfg);
  w->mn_cfg.hoa = SIM_HOA;
  w->mn_cfg.ha_addr = SIM_HA_ADDR;
  w->mn_cfg.spi = SIM_SPI;
  w->mn_cfg.max_ifaces = 4;
  w->mn_cfg.max_rules = 8;
  w->mn_cfg.lifetime = 60;
  w->mn_cfg.retrans_initial_ms = 1000;
  w->mn_cfg.retrans_max_ms = 4000;
  w->mn_cfg.max_retrans = 4;
  len = mipfb_mn4_mem_size(&w->mn_cfg);
  if (len == 0 || (w->mn_mem = malloc(len)) == NULL) return -1;
  memset(w->mn_mem, 0x5a, len);
  rc = mipfb_mn4_init(&w->mn, w->mn_mem, len, &w->mn_cfg, &SIM_HOOKS, &w->host[SIM_NODE_MN], w->now);
  report_rc(w, "MN", "mipfb_mn4_init()", rc);
  if (rc != 0) return -1;
  check_deadline(w, SIM_NODE_MN, "init()");

  mipfb_fa4_config_default(&w->fa_cfg);
  w->fa_cfg.fa_addr = SIM_FA_ADDR;
  w->fa_cfg.max_visitors = 8;
  w->fa_cfg.max_pending = 8;
  len = mipfb_fa4_mem_size(&w->fa_cfg);
  if (len == 0 || (w->fa_mem = malloc(len)) == NULL) return -1;
  memset(w->fa_mem, 0x5a, len);
  rc = mipfb_fa4_init(&w->fa, w->fa_mem, len, &w->fa_cfg, &SIM_HOOKS, &w->host[SIM_NODE_FA], w->now);
  report_rc(w, "FA", "mipfb_fa4_init()", rc);
  if (rc != 0) return -1;
  check_deadline(w, SIM_NODE_FA, "init()");
  return 0;
}

void sim_world_free(sim_world *w) {
  free(w->ha_mem);
  free(w->mn_mem);
  free(w->fa_mem);
  w->ha_mem = w->mn_mem = w->fa_mem = NULL;
  w->ha = NULL;
  w->mn = NULL;
  w->fa = NULL;
}

/* -------------------------------------------------------------- actions */

void sim_world_link(sim_world *w, int acc, int up) {
  sim_net_set_up(&w->net, acc, up);
  sim_print_line(&w->pr, "link %s goes %s", w->access[acc].name, up ? "UP" : "DOWN");
}

int sim_world_mn_iface(sim_world *w, int acc, int up) {
  const sim_access *a = &w->access[acc];
  int rc;
  if (up) {
    mipfb_mn4_iface ifc;
    char c[16];
    memset(&ifc, 0, sizeof(ifc));
    ifc.id = a->mn_if;
    ifc.coa = a->coa;
    ifc.fa_addr = a->fa_addr;
    ifc.if_att = a->att;
    ifc.if_label = a->label;
    if (a->fa_addr)
      sim_print_line(&w->pr, "MN interface %u (%s) up: foreign agent care-of address %s", (unsigned)a->mn_if, a->name,
                     sim_print_ip(c, a->fa_addr));
    else
      sim_print_line(&w->pr, "MN interface %u (%s) up: co-located care-of address %s", (unsigned)a->mn_if, a->name,
                     sim_print_ip(c, a->coa));
    rc = mipfb_mn4_iface_up(w->mn, w->now, &ifc);
    report_rc(w, "MN", "mipfb_mn4_iface_up()", rc);
  } else {
    sim_print_line(&w->pr, "MN interface %u (%s) down", (unsigned)a->mn_if, a->name);
    rc = mipfb_mn4_iface_down(w->mn, w->now, a->mn_if);
    report_rc(w, "MN", "mipfb_mn4_iface_down()", rc);
  }
  check_deadline(w, SIM_NODE_MN, up ? "iface_up()" : "iface_down()");
  return rc;
}

int sim_world_mn_policy(sim_world *w, const mipfb_policy_rule *rules, size_t n) {
  int rc;
  size_t i;
  sim_print_line(&w->pr, "MN sets its flow policy (%lu rules):", (unsigned long)n);
  for (i = 0; i < n; i++) {
    char buf[200];
    mipfb_policy_rule r = rules[i];
    r.id = (uint32_t)(i + 1);
    sim_print_rule(buf, sizeof(buf), &r);
    sim_print_cont(&w->pr, "%s", buf);
  }
  rc = mipfb_mn4_set_policy(w->mn, w->now, rules, n);
  report_rc(w, "MN", "mipfb_mn4_set_policy()", rc);
  check_deadline(w, SIM_NODE_MN, "set_policy()");
  return rc;
}

int sim_world_mn_go_home(sim_world *w) {
  int rc;
  sim_print_line(&w->pr, "MN is back on its home link: deregisters everything");
  rc = mipfb_mn4_go_home(w->mn, w->now);
  report_rc(w, "MN", "mipfb_mn4_go_home()", rc);
  check_deadline(w, SIM_NODE_MN, "go_home()");
  return rc;
}

int sim_world_ha_restart(sim_world *w) {
  mipfb_ssize need, got;
  uint8_t *img;
  int rc;
  need = mipfb_ha4_export(w->ha, w->now, NULL, 0);
  if (need <= 0) {
    report_rc(w, "HA", "mipfb_ha4_export() (size)", need < 0 ? (int)need : MIPFB_ERR_INTERNAL);
    return -1;
  }
  img = malloc((size_t)need);
  if (!img) return -1;
  got = mipfb_ha4_export(w->ha, w->now, img, (size_t)need);
  if (got != need) {
    report_rc(w, "HA", "mipfb_ha4_export()", got < 0 ? (int)got : MIPFB_ERR_INTERNAL);
    free(img);
    return -1;
  }
  sim_print_line(&w->pr, "HA RESTART: state exported (%ld octets); memory wiped and freed", (long)got);
  memset(w->ha_mem, 0xa5, w->ha_len);
  free(w->ha_mem);
  w->ha_mem = NULL;
  w->ha = NULL;
  sim_host_reset(&w->host[SIM_NODE_HA]);
  if (ha_start(w) != 0) {
    free(img);
    return -1;
  }
  sim_print_line(&w->pr, "HA RESTART: new home agent in fresh memory; importing the image");
  rc = mipfb_ha4_import(w->ha, w->now, img, (size_t)got);
  report_rc(w, "HA", "mipfb_ha4_import()", rc);
  check_deadline(w, SIM_NODE_HA, "import()");
  free(img);
  return rc;
}

void sim_world_show_bindings(const sim_world *w) {
  sim_print_bindings(&w->pr, w->ha, SIM_HOA, w->now, coa_namer, w);
}

void sim_world_take_replies(sim_world *w) {
  memset(w->reply_count, 0, sizeof(w->reply_count));
  w->n_replies = 0;
  w->last_reply_fb = 0;
}

unsigned sim_world_anomalies(const sim_world *w) {
  unsigned n = w->anomalies;
  int i;
  for (i = 0; i < SIM_NODES; i++) n += w->host[i].anomalies;
  return n;
}
