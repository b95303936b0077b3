/* The simulator's scenario parser and runner (see sim_scenario.h). */
#include "sim_scenario.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "sim_traffic.h"

#define MAX_TOK 64
#define LINE_CAP 512

typedef struct run_ctx {
  sim_world *w;
  const char *path;
  unsigned line;
  sim_scenario_result *res;
} run_ctx;

static void error_at(run_ctx *c, const char *what, const char *tok) {
  c->res->errors++;
  sim_print_always(&c->w->pr, "ERROR: %s:%u: %s%s%s", c->path, c->line, what, tok ? ": " : "", tok ? tok : "");
}

/* One expectation: counted; printed when it fails (always) or holds (timeline). */
static void check(run_ctx *c, int ok, const char *expected, const char *got) {
  c->res->expectations++;
  if (ok) {
    sim_print_line(&c->w->pr, "ok: line %u: %s", c->line, expected);
    return;
  }
  c->res->failed++;
  sim_print_always(&c->w->pr, "FAILED: line %u: expected %s, got %s", c->line, expected, got);
}

static int parse_u64(const char *s, uint64_t *out) {
  char *end;
  unsigned long long v;
  if (!s || !isdigit((unsigned char)s[0])) return -1;
  v = strtoull(s, &end, 10);
  if (*end) return -1;
  *out = (uint64_t)v;
  return 0;
}

/* ------------------------------------------------------ RFC 7629 Figure 2 */

static void rule(mipfb_policy_rule *r, uint8_t proto, uint16_t port, uint8_t action, const uint16_t *bids, uint8_t n) {
  uint8_t i;
  memset(r, 0, sizeof(*r));
  r->ts.format = MIPFB_TS_FORMAT_IPV4;
  r->ts.fields = MIPFB_TS_DPORT_START | MIPFB_TS_PROTO_START;
  r->ts.dport_start = port;
  r->ts.dport_end = port;
  r->ts.proto_start = proto;
  r->ts.proto_end = proto;
  r->action = action;
  r->n_bids = action == MIPFB_ACTION_DROP ? 0 : n;
  for (i = 0; i < n && action != MIPFB_ACTION_DROP; i++) r->bids[i] = bids[i];
}

/* Figure 2 as examples/demo/figure2-policy.json writes it on the wire
   (errata E-19): SIP over Wi-Fi (1), else LTE (2), else drop; HTTP over
   LTE, else drop; SSH over CDMA (3), else LTE, else Wi-Fi. */
static size_t figure2(mipfb_policy_rule r[5]) {
  static const uint16_t sip[] = {1, 2}, http[] = {2}, ssh[] = {3, 2, 1};
  rule(&r[0], 17, 5060, MIPFB_ACTION_FORWARD, sip, 2);
  rule(&r[1], 17, 5060, MIPFB_ACTION_DROP, NULL, 0);
  rule(&r[2], 6, 80, MIPFB_ACTION_FORWARD, http, 1);
  rule(&r[3], 6, 80, MIPFB_ACTION_DROP, NULL, 0);
  rule(&r[4], 6, 22, MIPFB_ACTION_FORWARD, ssh, 3);
  return 5;
}

/* --------------------------------------------------------- expectations */

static int is_link_result(const char *s) {
  return strcmp(s, "drop") != 0 && strcmp(s, "none") != 0 && strcmp(s, "error") != 0 && strcmp(s, "?") != 0;
}

static int dir_matches(const sim_dir_result *r, const char *want) {
  if (r->rc < 0 && strcmp(r->link, "none") != 0) return 0;
  if (!r->stable && strcmp(r->link, "none") != 0) return 0;
  if (strcmp(want, "any") == 0) return is_link_result(r->link);
  return strcmp(r->link, want) == 0;
}

/* dir: 0 both directions, 1 HA downlink only, 2 MN uplink only. */
static void expect_flow(run_ctx *c, const sim_flow_def *f, int dir, const char *want) {
  static const char *const what[] = {"HA downlink and MN uplink", "HA downlink", "MN uplink"};
  sim_flow_result fr;
  char exp[128], got[128];
  if (strcmp(want, "drop") && strcmp(want, "none") && strcmp(want, "any") && sim_world_access(c->w, want) < 0) {
    error_at(c, "unknown link or outcome", want);
    return;
  }
  sim_traffic_run(c->w, f, &fr);
  snprintf(exp, sizeof(exp), "%s -> %s (%s, repeated packets alike)", f->name, want, what[dir]);
  snprintf(got, sizeof(got), "HA downlink %s%s, MN uplink %s%s", fr.down.link,
           fr.down.rc >= 0 && !fr.down.stable ? " (unstable)" : "", fr.up.link,
           fr.up.rc >= 0 && !fr.up.stable ? " (unstable)" : "");
  check(c, (dir == 2 || dir_matches(&fr.down, want)) && (dir == 1 || dir_matches(&fr.up, want)), exp, got);
}

static void expect_binding(run_ctx *c, char **tok, int n) {
  sim_world *w = c->w;
  mipfb_ha4_binding b[16];
  size_t nb, i;
  int acc, present, want_bid = -1, found = -1;
  const mipfb_tunnel_event *t;
  char exp[96], got[160];
  uint64_t v;

  if (n < 4 || (acc = sim_world_access(w, tok[2])) < 0 ||
      (strcmp(tok[3], "present") != 0 && strcmp(tok[3], "absent") != 0)) {
    error_at(c, "usage: expect binding <link> present|absent [bid <n>]", NULL);
    return;
  }
  if (n == 6 && strcmp(tok[4], "bid") == 0 && parse_u64(tok[5], &v) == 0 && v < 255) {
    want_bid = (int)v;
  } else if (n != 4) {
    error_at(c, "usage: expect binding <link> present|absent [bid <n>]", NULL);
    return;
  }
  present = strcmp(tok[3], "present") == 0;
  nb = mipfb_ha4_bindings(w->ha, SIM_HOA, w->now, b, 16);
  for (i = 0; i < nb && i < 16; i++) {
    const char *name = sim_world_coa_link(w, b[i].coa);
    if (name && strcmp(name, tok[2]) == 0) found = (int)i;
  }
  if (want_bid >= 0)
    snprintf(exp, sizeof(exp), "a binding over %s (BID %d) %s at the HA", tok[2], want_bid, tok[3]);
  else
    snprintf(exp, sizeof(exp), "a binding over %s %s at the HA", tok[2], tok[3]);
  if (found < 0) {
    snprintf(got, sizeof(got), "none (the HA has %lu binding(s))", (unsigned long)nb);
    check(c, !present, exp, got);
    return;
  }
  snprintf(got, sizeof(got), "BID %u with %lu ms left", (unsigned)b[found].bid, (unsigned long)b[found].remaining_ms);
  if (!present) {
    check(c, 0, exp, got);
    return;
  }
  if (want_bid >= 0 && b[found].bid != want_bid) {
    check(c, 0, exp, got);
    return;
  }
  /* The host's view, built from the tunnel hook alone, must agree. */
  t = sim_host_tunnel(&w->host[SIM_NODE_HA], SIM_HOA, b[found].bid);
  if (!t || mipfb_addr_ipv4_value(&t->remote) != b[found].coa) {
    snprintf(got, sizeof(got), "BID %u in the binding cache but %s", (unsigned)b[found].bid,
             t ? "its tunnel (from the tunnel hook) ends elsewhere" : "no tunnel for it from the tunnel hook");
    check(c, 0, exp, got);
    return;
  }
  check(c, 1, exp, got);
}

static void expect_rules(run_ctx *c, const char *arg) {
  sim_world *w = c->w;
  uint64_t want;
  size_t n;
  char exp[64], got[128];
  if (parse_u64(arg, &want) != 0) {
    error_at(c, "usage: expect rules <n>", NULL);
    return;
  }
  n = mipfb_ha4_rules(w->ha, SIM_HOA, NULL, 0);
  snprintf(exp, sizeof(exp), "%lu rule(s) at the HA", (unsigned long)want);
  snprintf(got, sizeof(got), "%lu in mipfb_ha4_rules() and %lu installed through the flow hook", (unsigned long)n,
           (unsigned long)w->host[SIM_NODE_HA].n_rules);
  check(c, n == want && w->host[SIM_NODE_HA].n_rules == want, exp, got);
}

static void expect_mn_rules(run_ctx *c, const char *arg) {
  uint64_t want;
  char exp[64], got[64];
  size_t n = c->w->host[SIM_NODE_MN].n_rules;
  if (parse_u64(arg, &want) != 0) {
    error_at(c, "usage: expect mn-rules <n>", NULL);
    return;
  }
  snprintf(exp, sizeof(exp), "%lu rule(s) installed by the MN's flow hook", (unsigned long)want);
  snprintf(got, sizeof(got), "%lu", (unsigned long)n);
  check(c, n == want, exp, got);
}

static const char *const STATE_NAMES[] = {"idle", "registering", "registered", "refreshing", "deregistering", "failed"};

static void expect_mn(run_ctx *c, const char *link, const char *state) {
  sim_world *w = c->w;
  int acc = sim_world_access(w, link), want = -1, i, rc;
  mipfb_mn4_binding b;
  char exp[96], got[96];
  for (i = 0; i < 6; i++)
    if (strcmp(state, STATE_NAMES[i]) == 0) want = i;
  if (acc < 0 || want < 0) {
    error_at(c, "usage: expect mn <link> idle|registering|registered|refreshing|deregistering|failed", NULL);
    return;
  }
  snprintf(exp, sizeof(exp), "the MN's binding on %s %s", link, state);
  rc = mipfb_mn4_binding_info(w->mn, w->access[acc].mn_if, w->now, &b);
  if (rc != 0) {
    snprintf(got, sizeof(got), "mipfb_mn4_binding_info() %s", mipfb_err_name(rc));
    check(c, 0, exp, got);
    return;
  }
  snprintf(got, sizeof(got), "%s (BID %u, last code %u)", b.state < 6 ? STATE_NAMES[b.state] : "?", (unsigned)b.bid,
           (unsigned)b.last_code);
  if (b.state != want) {
    check(c, 0, exp, got);
    return;
  }
  /* A registered binding has its tunnel (from the tunnel hook alone), and
     a binding without registration has none. */
  {
    const mipfb_tunnel_event *t = sim_host_tunnel(&w->host[SIM_NODE_MN], SIM_HOA, b.bid);
    int should = b.state == MIPFB_MN4_REGISTERED || b.state == MIPFB_MN4_REFRESHING;
    if (should != (t != NULL)) {
      snprintf(got, sizeof(got), "%s, but the tunnel hook %s", STATE_NAMES[b.state],
               t ? "left its tunnel up" : "never set its tunnel up");
      check(c, 0, exp, got);
      return;
    }
  }
  check(c, 1, exp, got);
}

static void expect_reply(run_ctx *c, char **tok, int n) {
  sim_world *w = c->w;
  uint64_t code, fb = 0;
  int want_fb = 0, ok;
  size_t i;
  unsigned long bad;
  char exp[128], got[200];
  if (n < 3 || parse_u64(tok[2], &code) != 0 || code > 255) {
    error_at(c, "usage: expect reply <code> [fb <n>]", NULL);
    return;
  }
  if (n == 5 && strcmp(tok[3], "fb") == 0 && parse_u64(tok[4], &fb) == 0) {
    want_fb = 1;
  } else if (n != 3) {
    error_at(c, "usage: expect reply <code> [fb <n>]", NULL);
    return;
  }
  bad = w->n_replies - w->reply_count[code];
  ok = w->n_replies > 0 && bad == 0 && (!want_fb || w->last_reply_fb == fb);
  if (want_fb)
    snprintf(exp, sizeof(exp), "every HA reply since the last check code %lu, the last with %lu Flow-Binding extension(s)",
             (unsigned long)code, (unsigned long)fb);
  else
    snprintf(exp, sizeof(exp), "every HA reply since the last check code %lu", (unsigned long)code);
  snprintf(got, sizeof(got), "%lu reply(ies):", w->n_replies);
  for (i = 0; i < 256; i++)
    if (w->reply_count[i]) {
      size_t used = strlen(got);
      snprintf(got + used, sizeof(got) - used, " %lu x code %u,", w->reply_count[i], (unsigned)i);
    }
  {
    size_t used = strlen(got);
    snprintf(got + used, sizeof(got) - used, " the last with %lu Flow-Binding extension(s)",
             (unsigned long)w->last_reply_fb);
  }
  check(c, ok, exp, got);
  sim_world_take_replies(w);
}

static void expect_visitors(run_ctx *c, const char *arg) {
  uint64_t want;
  size_t n;
  char exp[64], got[64];
  if (parse_u64(arg, &want) != 0) {
    error_at(c, "usage: expect visitors <n>", NULL);
    return;
  }
  n = mipfb_fa4_visitor_count(c->w->fa);
  snprintf(exp, sizeof(exp), "%lu visitor(s) at the FA", (unsigned long)want);
  snprintf(got, sizeof(got), "%lu (flow hook view: %lu tunnel(s))", (unsigned long)n,
           (unsigned long)c->w->host[SIM_NODE_FA].n_tun);
  check(c, n == want && c->w->host[SIM_NODE_FA].n_tun == want, exp, got);
}

static void cmd_expect(run_ctx *c, char **tok, int n) {
  const sim_flow_def *f;
  if (n < 3) {
    error_at(c, "expect what?", NULL);
    return;
  }
  if ((f = sim_traffic_flow(tok[1])) != NULL) {
    if (n == 3)
      expect_flow(c, f, 0, tok[2]);
    else if (n == 4 && strcmp(tok[2], "down") == 0)
      expect_flow(c, f, 1, tok[3]);
    else if (n == 4 && strcmp(tok[2], "up") == 0)
      expect_flow(c, f, 2, tok[3]);
    else
      error_at(c, "usage: expect <flow> [down|up] <link|drop|none|any>", NULL);
  } else if (strcmp(tok[1], "binding") == 0) {
    expect_binding(c, tok, n);
  } else if (strcmp(tok[1], "rules") == 0 && n == 3) {
    expect_rules(c, tok[2]);
  } else if (strcmp(tok[1], "mn-rules") == 0 && n == 3) {
    expect_mn_rules(c, tok[2]);
  } else if (strcmp(tok[1], "mn") == 0 && n == 4) {
    expect_mn(c, tok[2], tok[3]);
  } else if (strcmp(tok[1], "reply") == 0) {
    expect_reply(c, tok, n);
  } else if (strcmp(tok[1], "visitors") == 0 && n == 3) {
    expect_visitors(c, tok[2]);
  } else {
    error_at(c, "unknown expectation", tok[1]);
  }
}

/* ------------------------------------------------------------- commands */

static void run_tokens(run_ctx *c, char **tok, int n, const char *rest_after_say) {
  sim_world *w = c->w;
  int acc;
  uint64_t v;
  if (n == 0) return;
  if (strcmp(tok[0], "say") == 0) {
    sim_print_line(&w->pr, "== %s", rest_after_say ? rest_after_say : "");
  } else if (strcmp(tok[0], "run") == 0 && n == 2 && parse_u64(tok[1], &v) == 0) {
    sim_world_run_until(w, w->now + v);
  } else if (strcmp(tok[0], "link") == 0 && n == 3 && (strcmp(tok[1], "up") == 0 || strcmp(tok[1], "down") == 0)) {
    if ((acc = sim_world_access(w, tok[2])) < 0) error_at(c, "unknown link", tok[2]);
    else sim_world_link(w, acc, strcmp(tok[1], "up") == 0);
  } else if (strcmp(tok[0], "mn") == 0 && n == 4 && strcmp(tok[1], "iface") == 0 &&
             (strcmp(tok[2], "up") == 0 || strcmp(tok[2], "down") == 0)) {
    if ((acc = sim_world_access(w, tok[3])) < 0) error_at(c, "unknown link", tok[3]);
    else sim_world_mn_iface(w, acc, strcmp(tok[2], "up") == 0);
  } else if (strcmp(tok[0], "mn") == 0 && n == 3 && strcmp(tok[1], "policy") == 0) {
    mipfb_policy_rule r[5];
    if (strcmp(tok[2], "figure2") == 0) sim_world_mn_policy(w, r, figure2(r));
    else if (strcmp(tok[2], "none") == 0) sim_world_mn_policy(w, NULL, 0);
    else error_at(c, "unknown policy (figure2 or none)", tok[2]);
  } else if (strcmp(tok[0], "mn") == 0 && n == 2 && strcmp(tok[1], "go-home") == 0) {
    sim_world_mn_go_home(w);
  } else if (strcmp(tok[0], "ha") == 0 && n == 2 && strcmp(tok[1], "restart") == 0) {
    sim_world_ha_restart(w);
    sim_world_take_replies(w);
    sim_world_show_bindings(w);
  } else if (strcmp(tok[0], "traffic") == 0 && n == 2) {
    const sim_flow_def *f = sim_traffic_flow(tok[1]);
    sim_flow_result fr;
    if (!f) error_at(c, "unknown flow", tok[1]);
    else sim_traffic_run(w, f, &fr);
  } else if (strcmp(tok[0], "show") == 0 && n == 2 && strcmp(tok[1], "bindings") == 0) {
    sim_world_show_bindings(w);
  } else if (strcmp(tok[0], "expect") == 0) {
    cmd_expect(c, tok, n);
  } else {
    error_at(c, "unknown command", tok[0]);
  }
}

static int tokenize(char *s, char **tok, int max) {
  int n = 0;
  for (;;) {
    while (*s && isspace((unsigned char)*s)) s++;
    if (!*s) return n;
    if (n == max) return -1;
    tok[n++] = s;
    while (*s && !isspace((unsigned char)*s)) s++;
    if (*s) *s++ = '\0';
  }
}

/* The text after the "say" keyword of a line (trimmed), or NULL. */
static const char *say_text(const char *line) {
  const char *p = strstr(line, "say");
  size_t len;
  static char buf[LINE_CAP];
  if (!p) return NULL;
  p += 3;
  while (*p && isspace((unsigned char)*p)) p++;
  len = strlen(p);
  while (len && isspace((unsigned char)p[len - 1])) len--;
  if (len >= sizeof(buf)) len = sizeof(buf) - 1;
  memcpy(buf, p, len);
  buf[len] = '\0';
  return buf;
}

void sim_scenario_run(sim_world *w, FILE *in, const char *path, sim_scenario_result *res) {
  char line[LINE_CAP], copy[LINE_CAP];
  char *tok[MAX_TOK];
  run_ctx c;
  memset(res, 0, sizeof(*res));
  c.w = w;
  c.path = path;
  c.line = 0;
  c.res = res;
  while (fgets(line, sizeof(line), in)) {
    char *hash = strchr(line, '#');
    int n, first = 0;
    c.line++;
    if (hash) *hash = '\0';
    strcpy(copy, line);
    n = tokenize(line, tok, MAX_TOK);
    if (n < 0) {
      error_at(&c, "too many words", NULL);
      continue;
    }
    if (n == 0) continue;
    if (strcmp(tok[0], "at") == 0) {
      uint64_t t;
      if (n < 2 || parse_u64(tok[1], &t) != 0) {
        error_at(&c, "usage: at <ms> [command]", NULL);
        continue;
      }
      if (t < w->now) {
        error_at(&c, "time goes backwards", tok[1]);
        continue;
      }
      sim_world_run_until(w, t);
      first = 2;
    }
    run_tokens(&c, tok + first, n - first, first < n && strcmp(tok[first], "say") == 0 ? say_text(copy) : NULL);
  }
}
