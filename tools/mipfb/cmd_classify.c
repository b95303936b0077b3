/*
 * mipfb classify: which tunnel would each packet take under a flow policy
 * (cli.md)? One JSON line per packet of a capture, or for one packet given
 * as hex or raw bytes.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include <mipfb/policy.h>

#include "cli.h"
#include "fields.h"
#include "hex.h"
#include "input.h"
#include "out.h"
#include "pcap_in.h"
#include "policy_json.h"

typedef struct classify_opts {
  cli_input in;       /* first: the cli_input_* setters use it */
  const char *policy; /* --policy */
  int dir;            /* MIPFB_DIR_* */
  uint64_t seed;      /* --seed */
} classify_opts;

static const char *set_policy(void *o, const char *v) {
  ((classify_opts *)o)->policy = v;
  return NULL;
}

static const char *set_direction(void *o, const char *v) {
  classify_opts *c = o;
  if (strcmp(v, "to-mn") == 0) {
    c->dir = MIPFB_DIR_TO_MN;
  } else if (strcmp(v, "from-mn") == 0) {
    c->dir = MIPFB_DIR_FROM_MN;
  } else {
    return "expected to-mn or from-mn";
  }
  return NULL;
}

static const char *set_seed(void *o, const char *v) {
  char *end;
  unsigned long long n = strtoull(v, &end, 0);
  if (*v == '\0' || *v == '-' || *end != '\0') {
    return "expected a non-negative integer";
  }
  ((classify_opts *)o)->seed = (uint64_t)n;
  return NULL;
}

static const cli_option CLASSIFY_OPTIONS[] = {
    {"--policy", 1, set_policy}, {"--direction", 1, set_direction}, {"--seed", 1, set_seed},
    {"--hex", 1, cli_input_hex},       {"--pcap", 1, cli_input_pcap},
};

static const char *const DECISION_NAMES[] = {"none", "forward", "drop", "ncast"};

/* "rule": the index of the matching rule in "rules", or null for the default. */
static json_t *rule_value(const policy_file *pf, const mipfb_policy_decision *d) {
  long i = d->by_default ? -1 : policy_rule_index(pf, d->rule_id);
  return i < 0 ? json_null() : json_integer(i);
}

static json_t *decision_json(const policy_file *pf, unsigned long frame, const mipfb_policy_decision *d) {
  json_t *o = json_object(), *bids;
  size_t i;
  if (o == NULL || d->kind >= N_ELEMS(DECISION_NAMES) || json_put(o, "frame", json_integer((json_int_t)frame)) != 0 ||
      json_put(o, "decision", json_string(DECISION_NAMES[d->kind])) != 0) {
    json_decref(o);
    return NULL;
  }
  switch (d->kind) {
  case MIPFB_DECISION_FORWARD:
    if (json_put(o, "bid", json_integer(d->bid)) != 0 || json_put(o, "rule", rule_value(pf, d)) != 0) {
      break;
    }
    return o;
  case MIPFB_DECISION_NCAST:
    bids = json_array();
    for (i = 0; bids != NULL && i < d->n_bids; i++) {
      json_array_append_new(bids, json_integer(d->bids[i]));
    }
    if (json_put(o, "bids", bids) != 0 || json_put(o, "rule", rule_value(pf, d)) != 0) {
      break;
    }
    return o;
  case MIPFB_DECISION_DROP:
    if (json_put(o, "rule", rule_value(pf, d)) != 0) {
      break;
    }
    return o;
  default:
    return o;
  }
  json_decref(o);
  return NULL;
}

typedef struct run_ctx {
  const classify_opts *opts;
  const policy_file *pf;
  int rejected;
} run_ctx;

/* Classify one packet and print its line; non-zero when printing failed. */
static int classify_one(run_ctx *r, unsigned long frame, const uint8_t *ip, size_t len) {
  mipfb_policy_decision d;
  json_t *o;
  int rc = mipfb_policy_classify_packet(r->pf->pol, ip, len, r->opts->dir, &d);
  if (rc != 0) {
    char detail[160];
    snprintf(detail, sizeof detail, "IP header malformed or truncated: %s", mipfb_strerror(rc));
    o = json_object();
    if (o != NULL && (json_put(o, "frame", json_integer((json_int_t)frame)) != 0 ||
                      json_put(o, "error", json_string("bad_packet")) != 0 ||
                      json_put(o, "detail", json_string(detail)) != 0)) {
      json_decref(o);
      o = NULL;
    }
    r->rejected = 1;
  } else {
    o = decision_json(r->pf, frame, &d);
  }
  return out_line(stdout, o);
}

static int on_packet(const pkt *p, void *ctx) { return classify_one(ctx, p->frame, p->data, p->len) != 0; }

static int run_classify(const classify_opts *o, const policy_file *pf) {
  run_ctx r = {o, pf, 0};
  uint8_t *buf;
  size_t len = 0;
  int rc;
  if (o->in.pcap != NULL) {
    char err[512];
    rc = pcap_in_each_ip(o->in.pcap, on_packet, &r, err, sizeof err);
    if (rc == PCAP_IN_OPEN_FAILED) {
      fprintf(stderr, "mipfb: %s\n", err);
      return EXIT_USAGE;
    }
    if (rc == PCAP_IN_READ_FAILED) {
      fprintf(stderr, "mipfb: %s\n", err);
    }
    return rc != 0 || r.rejected ? EXIT_REJECTED : EXIT_ALL_OK;
  }
  if (o->in.hex != NULL) {
    buf = hex_alloc(o->in.hex, strlen(o->in.hex), &len);
    if (buf == NULL) {
      return cli_usage_error("--hex: not a hex octet string");
    }
  } else if ((buf = input_slurp(o->in.file, &len)) == NULL) {
    return EXIT_USAGE;
  }
  rc = classify_one(&r, 1, buf, len);
  free(buf);
  return rc != 0 || r.rejected ? EXIT_REJECTED : EXIT_ALL_OK;
}

int cmd_classify(int argc, char **argv) {
  classify_opts o;
  policy_file pf;
  char err[512];
  int rc;
  memset(&o, 0, sizeof o);
  o.dir = MIPFB_DIR_TO_MN;
  rc = cli_parse(argc, argv, CLASSIFY_OPTIONS, N_ELEMS(CLASSIFY_OPTIONS), &o, cli_input_file);
  if (rc == 0 && o.policy == NULL) {
    rc = cli_usage_error("classify needs --policy FILE");
  }
  if (rc == 0 && o.in.count != 1) {
    rc = cli_usage_error("classify needs exactly one input: --pcap FILE, --hex HEX, FILE or -");
  }
  if (rc == 0 && o.policy != NULL && o.in.file != NULL && strcmp(o.policy, "-") == 0 && strcmp(o.in.file, "-") == 0) {
    rc = cli_usage_error("the policy and the packet cannot both come from stdin");
  }
  if (rc != 0) {
    return rc == CLI_HELP ? EXIT_ALL_OK : rc;
  }
  if (policy_load(o.policy, o.seed, &pf, err, sizeof err) != 0) {
    fprintf(stderr, "mipfb: --policy: %s\n", err);
    return EXIT_USAGE;
  }
  rc = run_classify(&o, &pf);
  policy_free(&pf);
  return rc;
}
