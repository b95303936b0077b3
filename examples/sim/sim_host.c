/* The simulator's host hooks (see sim_host.h). */
#include "sim_host.h"

#include <string.h>

void sim_host_init(sim_host *h, const char *name, int node, const sim_print *pr, void *ctx, sim_route_fn route,
                   sim_tunnel_namer namer, uint64_t seed, const sim_sa *sa, size_t n_sa) {
  memset(h, 0, sizeof(*h));
  strncpy(h->name, name, sizeof(h->name) - 1);
  h->node = node;
  h->pr = pr;
  h->ctx = ctx;
  h->route = route;
  h->namer = namer;
  h->deadline = MIPFB_NO_DEADLINE;
  h->rng = seed * 0x9E3779B97F4A7C15u + 0x2545F4914F6CDD1Du + (uint64_t)node;
  if (h->rng == 0) h->rng = 1;
  /* 2026-11-23 00:00:00 UTC in NTP seconds (since 1900). */
  h->ntp_base_s = 3973017600u;
  h->sa = sa;
  h->n_sa = n_sa;
  h->log_level = MIPFB_LOG_WARN;
}

void sim_host_reset(sim_host *h) {
  h->n_tun = 0;
  h->n_rules = 0;
  h->deadline = MIPFB_NO_DEADLINE;
}

static int tun_index(const sim_host *h, const mipfb_addr *hoa, uint16_t bid) {
  size_t i;
  for (i = 0; i < h->n_tun; i++)
    if (h->tun[i].bid == bid && mipfb_addr_ipv4_value(&h->tun[i].hoa) == mipfb_addr_ipv4_value(hoa)) return (int)i;
  return -1;
}

const mipfb_tunnel_event *sim_host_tunnel(const sim_host *h, uint32_t hoa, uint16_t bid) {
  mipfb_addr a = mipfb_addr_ipv4(hoa);
  int i = tun_index(h, &a, bid);
  return i < 0 ? NULL : &h->tun[i];
}

static void anomaly(sim_host *h, const char *what, unsigned bid) {
  h->anomalies++;
  sim_print_always(h->pr, "HOST CHECK FAILED: %s: %s (BID %u)", h->name, what, bid);
}

static int hook_send(void *user, const uint8_t *msg, size_t len, const mipfb_pkt_info *to) {
  sim_host *h = user;
  return h->route(h->ctx, h, msg, len, to);
}

static void hook_set_timer(void *user, uint64_t deadline_ms) {
  sim_host *h = user;
  h->deadline = deadline_ms;
  h->n_set_timer++;
}

static int hook_tunnel(void *user, const mipfb_tunnel_event *ev) {
  sim_host *h = user;
  int i = tun_index(h, &ev->hoa, ev->bid);
  sim_print_tunnel(h->pr, h->name, ev, h->namer ? h->namer(h->ctx, h, ev) : NULL);
  switch (ev->op) {
  case MIPFB_TUNNEL_ADD:
    if (i >= 0) {
      anomaly(h, "tunnel ADD of a tunnel that is already up", ev->bid);
      h->tun[i] = *ev;
    } else if (h->n_tun < SIM_HOST_MAX_TUN) {
      h->tun[h->n_tun++] = *ev;
    } else {
      anomaly(h, "more tunnels than the simulator tracks", ev->bid);
    }
    break;
  case MIPFB_TUNNEL_CHANGE:
    if (i < 0)
      anomaly(h, "tunnel CHANGE of a tunnel that is not up", ev->bid);
    else
      h->tun[i] = *ev;
    break;
  case MIPFB_TUNNEL_REMOVE:
    if (i < 0)
      anomaly(h, "tunnel REMOVE of a tunnel that is not up", ev->bid);
    else
      h->tun[i] = h->tun[--h->n_tun];
    break;
  default:
    anomaly(h, "tunnel event with an unknown op", ev->bid);
    break;
  }
  return 0;
}

static int rule_index(const sim_host *h, uint32_t id) {
  size_t i;
  for (i = 0; i < h->n_rules; i++)
    if (h->rule[i].id == id) return (int)i;
  return -1;
}

static int hook_flow(void *user, const mipfb_flow_event *ev) {
  sim_host *h = user;
  int i;
  sim_print_flow(h->pr, h->name, ev);
  if (ev->rule == NULL) {
    anomaly(h, "flow event without a rule", 0);
    return 0;
  }
  i = rule_index(h, ev->rule->id);
  if (ev->op == MIPFB_FLOW_INSTALL) {
    if (i >= 0)
      h->rule[i] = *ev->rule;
    else if (h->n_rules < SIM_HOST_MAX_RULES)
      h->rule[h->n_rules++] = *ev->rule;
    else
      anomaly(h, "more rules than the simulator tracks", 0);
  } else if (ev->op == MIPFB_FLOW_REMOVE) {
    if (i < 0)
      anomaly(h, "flow REMOVE of a rule that is not installed", 0);
    else
      h->rule[i] = h->rule[--h->n_rules];
  } else {
    anomaly(h, "flow event with an unknown op", 0);
  }
  return 0;
}

static int hook_auth_key(void *user, const mipfb_auth_query *q, mipfb_auth_answer *a) {
  sim_host *h = user;
  size_t i;
  for (i = 0; i < h->n_sa; i++) {
    const sim_sa *s = &h->sa[i];
    if (s->spi != q->spi) continue;
    if (q->hoa.family != 0 && mipfb_addr_ipv4_value(&q->hoa) != s->hoa) continue;
    mipfb_hmac_md5_key_init(&a->key, s->key, sizeof(s->key));
    a->multipath = s->multipath;
    a->hoa = mipfb_addr_ipv4(s->hoa);
    return 0;
  }
  return 1;
}

static int hook_random(void *user, uint8_t *out, size_t len) {
  sim_host *h = user;
  size_t i;
  for (i = 0; i < len; i++) {
    uint64_t x = h->rng;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    h->rng = x;
    out[i] = (uint8_t)((x * 0x2545F4914F6CDD1Du) >> 56);
  }
  return 0;
}

static uint64_t hook_wallclock(void *user, uint64_t now_ms) {
  const sim_host *h = user;
  uint64_t sec = h->ntp_base_s + now_ms / 1000u;
  uint64_t frac = ((now_ms % 1000u) << 32) / 1000u;
  return sec << 32 | frac;
}

static void hook_log(void *user, const mipfb_log_event *ev) {
  const sim_host *h = user;
  static const char *const lv[] = {"?", "error", "warn", "info", "debug"};
  if (ev->level > h->log_level) return;
  sim_print_line(h->pr, "%s log %s: %s (code %u, BID %u, %s)", h->name, ev->level <= 4 ? lv[ev->level] : "?",
                 ev->what, (unsigned)ev->code, (unsigned)ev->bid, ev->err ? mipfb_err_name(ev->err) : "no error");
}

const mipfb_hooks SIM_HOOKS = {MIPFB_HOOKS_VERSION, hook_send, hook_set_timer, hook_tunnel, hook_flow,
                               hook_auth_key,       hook_random, hook_wallclock, hook_log};
