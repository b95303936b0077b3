/* The policy file of `mipfb classify`: parsing and building the policy. */
#include "policy_json.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include <mipfb/err.h>

#include "fields.h"
#include "pctx.h"
#include "ts_json.h"

#define MAX_BID 65535

typedef struct loader {
  char *err;
  size_t errlen;
  int family; /* MIPFB_POLICY_MIP4 / MIP6 */
} loader;

static int fail(loader *l, const char *fmt, ...) TOOL_PRINTF(2, 3);

static int fail(loader *l, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(l->err, l->errlen, fmt, ap);
  va_end(ap);
  return -1;
}

/* An integer member `key` of `obj` in [lo, hi]; `dflt` when absent and
   `required` is 0. */
static int get_int(loader *l, const json_t *obj, const char *where, const char *key, int required, long dflt,
                   long lo, long hi, long *out) {
  json_t *v = json_object_get(obj, key);
  if (v == NULL) {
    if (required) {
      return fail(l, "%s: \"%s\" is missing", where, key);
    }
    *out = dflt;
    return 0;
  }
  if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > hi) {
    return fail(l, "%s: \"%s\" must be an integer in %ld..%ld", where, key, lo, hi);
  }
  *out = (long)json_integer_value(v);
  return 0;
}

static int load_bindings(loader *l, const json_t *arr, mipfb_policy *pol) {
  size_t i;
  json_t *b;
  if (arr == NULL) {
    return 0;
  }
  if (!json_is_array(arr)) {
    return fail(l, "\"bindings\" must be an array");
  }
  json_array_foreach(arr, i, b) {
    char where[48];
    long bid, valid, pri;
    snprintf(where, sizeof where, "bindings[%zu]", i);
    if (!json_is_object(b)) {
      return fail(l, "%s: expected an object", where);
    }
    if (get_int(l, b, where, "bid", 1, 0, 1, MAX_BID, &bid) != 0 ||
        get_int(l, b, where, "valid", 0, 1, 0, 1, &valid) != 0 ||
        get_int(l, b, where, "bid_pri", 0, 0, 0, 255, &pri) != 0) {
      return -1;
    }
    if (mipfb_policy_set_binding(pol, (uint16_t)bid, (int)valid, (uint8_t)pri) != 0) {
      return fail(l, "%s: too many bindings", where);
    }
  }
  return 0;
}

static int parse_action(loader *l, const json_t *r, const char *where, uint8_t *action) {
  static const struct {
    const char *name;
    uint8_t action;
  } ACTIONS[] = {{"forward", MIPFB_ACTION_FORWARD}, {"drop", MIPFB_ACTION_DROP}, {"ncast", MIPFB_ACTION_NCAST}};
  const char *s = json_string_value(json_object_get(r, "action"));
  size_t i;
  for (i = 0; s != NULL && i < N_ELEMS(ACTIONS); i++) {
    if (strcmp(s, ACTIONS[i].name) == 0) {
      *action = ACTIONS[i].action;
      return 0;
    }
  }
  return fail(l, "%s: \"action\" must be \"forward\", \"drop\" or \"ncast\"", where);
}

static int parse_bids(loader *l, const json_t *r, const char *where, mipfb_policy_rule *rule) {
  json_t *arr = json_object_get(r, "bids"), *v;
  size_t i;
  if (rule->action == MIPFB_ACTION_DROP && arr == NULL) {
    return 0;
  }
  if (!json_is_array(arr) || json_array_size(arr) == 0 || json_array_size(arr) > MIPFB_POLICY_MAX_RULE_BIDS) {
    return fail(l, "%s: \"bids\" must be an array of 1..%d BIDs", where, MIPFB_POLICY_MAX_RULE_BIDS);
  }
  json_array_foreach(arr, i, v) {
    if (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > MAX_BID) {
      return fail(l, "%s: \"bids\"[%zu] must be a BID 1..%d", where, i, MAX_BID);
    }
    rule->bids[i] = (uint16_t)json_integer_value(v);
  }
  rule->n_bids = (uint8_t)json_array_size(arr);
  if (rule->action == MIPFB_ACTION_DROP) {
    rule->n_bids = 0; /* ignored for drop (cli.md) */
  }
  return 0;
}

static int parse_selector(loader *l, const json_t *r, const char *where, mipfb_ts *ts) {
  long format;
  pctx c;
  int rc;
  if (get_int(l, r, where, "ts_format", 1, 0, 1, 2, &format) != 0) {
    return -1;
  }
  pctx_init(&c, NULL);
  rc = ts_parse(&c, json_object_get(r, "ts"), (uint8_t)format, ts);
  if (rc != 0) {
    fail(l, "%s: %s", where, c.err);
  }
  pctx_free(&c);
  return rc;
}

static int load_rule(loader *l, const json_t *r, size_t i, mipfb_policy *pol, uint32_t *id) {
  mipfb_policy_rule rule;
  char where[48];
  long fid, prio;
  int rc;
  memset(&rule, 0, sizeof rule);
  snprintf(where, sizeof where, "rules[%zu]", i);
  if (!json_is_object(r)) {
    return fail(l, "%s: expected an object", where);
  }
  if (l->family == MIPFB_POLICY_MIP6) {
    if (get_int(l, r, where, "fid", 1, 0, 1, MAX_BID, &fid) != 0 ||
        get_int(l, r, where, "prio", 1, 0, 1, 255, &prio) != 0) {
      return -1;
    }
    rule.id = (uint32_t)fid;
    rule.prio = (uint32_t)prio;
  } else {
    rule.id = (uint32_t)(i + 1); /* the array order is the priority order */
  }
  if (parse_action(l, r, where, &rule.action) != 0 || parse_bids(l, r, where, &rule) != 0 ||
      parse_selector(l, r, where, &rule.ts) != 0) {
    return -1;
  }
  rc = mipfb_policy_add_rule(pol, &rule);
  if (rc != 0) {
    return fail(l, "%s: refused by the policy engine: %s", where, mipfb_strerror(rc));
  }
  *id = rule.id;
  return 0;
}

static int build(loader *l, const json_t *root, uint64_t seed, policy_file *pf) {
  const char *family = json_string_value(json_object_get(root, "family"));
  json_t *rules = json_object_get(root, "rules"), *bindings = json_object_get(root, "bindings"), *r;
  size_t n_rules, n_bids, i, size;
  if (!json_is_object(root)) {
    return fail(l, "the policy must be one JSON object");
  }
  if (family != NULL && strcmp(family, "mip4") == 0) {
    l->family = MIPFB_POLICY_MIP4;
  } else if (family != NULL && strcmp(family, "mip6") == 0) {
    l->family = MIPFB_POLICY_MIP6;
  } else {
    return fail(l, "\"family\" must be \"mip4\" or \"mip6\"");
  }
  if (rules != NULL && !json_is_array(rules)) {
    return fail(l, "\"rules\" must be an array");
  }
  n_rules = json_array_size(rules);
  n_bids = json_array_size(bindings);
  size = mipfb_policy_mem_size(n_rules ? n_rules : 1, n_bids ? n_bids : 1);
  if (size == 0) {
    return fail(l, "too many rules or bindings");
  }
  pf->mem = aligned_alloc(MIPFB_POLICY_ALIGN, (size + MIPFB_POLICY_ALIGN - 1) / MIPFB_POLICY_ALIGN * MIPFB_POLICY_ALIGN);
  pf->ids = calloc(n_rules ? n_rules : 1, sizeof *pf->ids);
  if (pf->mem == NULL || pf->ids == NULL) {
    return fail(l, "out of memory");
  }
  if (mipfb_policy_init(&pf->pol, pf->mem, size, l->family, n_rules ? n_rules : 1, n_bids ? n_bids : 1, seed) !=
      0) {
    return fail(l, "the policy engine refused its memory");
  }
  if (load_bindings(l, bindings, pf->pol) != 0) {
    return -1;
  }
  json_array_foreach(rules, i, r) {
    if (load_rule(l, r, i, pf->pol, &pf->ids[i]) != 0) {
      return -1;
    }
  }
  pf->n_rules = n_rules;
  return 0;
}

int policy_load(const char *path, uint64_t seed, policy_file *pf, char *err, size_t errlen) {
  loader l = {err, errlen, 0};
  json_error_t jerr;
  json_t *root;
  int rc;
  memset(pf, 0, sizeof *pf);
  root = strcmp(path, "-") == 0 ? json_loadf(stdin, 0, &jerr) : json_load_file(path, 0, &jerr);
  if (root == NULL) {
    snprintf(err, errlen, "%s:%d:%d: %s", path, jerr.line, jerr.column, jerr.text);
    return -1;
  }
  rc = build(&l, root, seed, pf);
  json_decref(root);
  if (rc != 0) {
    policy_free(pf);
  }
  return rc;
}

long policy_rule_index(const policy_file *pf, uint32_t id) {
  size_t i;
  for (i = 0; i < pf->n_rules; i++) {
    if (pf->ids[i] == id) {
      return (long)i;
    }
  }
  return -1;
}

void policy_free(policy_file *pf) {
  free(pf->mem);
  free(pf->ids);
  memset(pf, 0, sizeof *pf);
}
