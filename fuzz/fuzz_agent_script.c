/*
 * fuzz_agent_script.c: the fake host of the agent fuzz targets (hooks,
 * failure injection, tunnel and flow replicas, security associations) and
 * the script-reading helpers. See fuzz_agent_script.h.
 */
#include "fuzz_agent_script.h"

uint64_t fa_ntp(uint64_t now_ms) {
  uint64_t sec = FA_NTP_BASE + now_ms / 1000u;
  uint64_t frac = ((now_ms % 1000u) << 32) / 1000u;
  return sec << 32 | frac;
}

uint32_t fa_key_hoa(unsigned i) { return 0x0a010001u + i; }

const fa_key *fa_key_by_spi(const fa_host *h, uint32_t spi) {
  size_t i;
  for (i = 0; i < h->n_keys; i++) {
    if (h->keys[i].spi == spi) {
      return &h->keys[i];
    }
  }
  return NULL;
}

const fa_key *fa_key_by_hoa(const fa_host *h, uint32_t hoa) {
  size_t i;
  for (i = 0; i < h->n_keys; i++) {
    if (h->keys[i].hoa == hoa) {
      return &h->keys[i];
    }
  }
  return NULL;
}

void fa_host_clear_replica(fa_host *h) {
  memset(h->tun, 0, sizeof h->tun);
  h->n_tun = 0;
  memset(h->fl, 0, sizeof h->fl);
}

void fa_host_init(fa_host *h, uint8_t role) {
  unsigned i;
  memset(h, 0, sizeof *h);
  h->role = role;
  h->timer = MIPFB_NO_DEADLINE;
  h->rnd = 0x2545F491u;
  /* SAs 0..FA_N_KEYS-2; the last home address has none. SA 4 is not
     authorized for multipath (RFC 7629 5.2: 152). */
  for (i = 0; i + 1 < FA_N_KEYS; i++) {
    fa_key *k = &h->keys[h->n_keys++];
    unsigned j;
    k->spi = 0x100u + i;
    k->hoa = fa_key_hoa(i);
    k->multipath = (uint8_t)(i != 4);
    for (j = 0; j < sizeof k->secret; j++) {
      k->secret[j] = (uint8_t)(0x30u + i * 16u + j);
    }
    mipfb_hmac_md5_key_init(&k->key, k->secret, sizeof k->secret);
    k->nai_len = (size_t)snprintf(k->nai, sizeof k->nai, "mn%u@fuzz.example", i);
  }
}

void fa_begin(fa_host *h, int forced, int arm_ok) {
  h->forced = forced;
  h->arm_ok = arm_ok;
  h->failed = 0;
  h->called = 0;
  h->n_sent = 0;
  h->sent_len = 0;
}

/* Whether this call of hook fails (consumes the armed failure). */
static int inject(fa_host *h, unsigned hook) {
  h->called |= hook;
  if (!h->arm_ok || h->fail_hook != hook) {
    return 0;
  }
  if (h->fail_skip > 0) {
    h->fail_skip--;
    return 0;
  }
  h->fail_hook = 0;
  h->failed |= hook;
  return 1;
}

void fa_read_fail(fuzz_in *in, fa_host *h) {
  static const unsigned hooks[8] = {FA_HOOK_TUNNEL, FA_HOOK_FLOW, FA_HOOK_SEND, FA_HOOK_TUNNEL,
                                    FA_HOOK_RANDOM, FA_HOOK_AUTH, FA_HOOK_FLOW, 0};
  uint8_t b = fuzz_u8(in);
  h->fail_hook = hooks[b & 7u];
  h->fail_skip = (unsigned)(b >> 3) & 3u;
}

/* ---- tunnel replica ---- */

static fa_tun *tun_find(fa_host *h, uint32_t hoa, uint16_t bid) {
  size_t i;
  for (i = 0; i < h->n_tun; i++) {
    if (h->tun[i].hoa == hoa && h->tun[i].bid == bid) {
      return &h->tun[i];
    }
  }
  return NULL;
}

const fa_tun *fa_tun_find(const fa_host *h, uint32_t hoa, uint16_t bid) {
  return tun_find((fa_host *)(uintptr_t)h, hoa, bid);
}

size_t fa_tun_count(const fa_host *h, uint32_t hoa) {
  size_t i, n = 0;
  for (i = 0; i < h->n_tun; i++) {
    n += h->tun[i].hoa == hoa;
  }
  return n;
}

static int hook_tunnel(void *user, const mipfb_tunnel_event *ev) {
  fa_host *h = (fa_host *)user;
  int fail = inject(h, FA_HOOK_TUNNEL);
  uint32_t hoa;
  fa_tun *t;
  FUZZ_CHECK(ev != NULL);
  FUZZ_CHECK(ev->role == h->role);
  FUZZ_CHECK(ev->hoa.family == MIPFB_AF_INET4);
  FUZZ_CHECK(ev->local.family == MIPFB_AF_INET4);
  FUZZ_CHECK(ev->remote.family == MIPFB_AF_INET4);
  FUZZ_CHECK(ev->encap <= MIPFB_ENCAP_GRE);
  FUZZ_CHECK(ev->reverse <= 1);
  hoa = mipfb_addr_ipv4_value(&ev->hoa);
  t = tun_find(h, hoa, ev->bid);
  switch (ev->op) {
  case MIPFB_TUNNEL_ADD:
    FUZZ_CHECK(ev->lifetime_s != 0);
    FUZZ_CHECK(t == NULL); /* ADD of a live tunnel */
    if (fail && !h->forced) {
      return -1;
    }
    if (t == NULL) {
      FUZZ_CHECK(h->n_tun < FA_MAX_TUN);
      t = &h->tun[h->n_tun++];
    }
    t->hoa = hoa;
    t->bid = ev->bid;
    t->ev = *ev;
    break;
  case MIPFB_TUNNEL_CHANGE:
    FUZZ_CHECK(ev->lifetime_s != 0);
    FUZZ_CHECK(t != NULL); /* CHANGE of a tunnel that does not exist */
    if (fail && !h->forced) {
      return -1;
    }
    t->ev = *ev;
    break;
  case MIPFB_TUNNEL_REMOVE:
    FUZZ_CHECK(ev->lifetime_s == 0);
    FUZZ_CHECK(t != NULL); /* REMOVE of a tunnel that does not exist */
    if (fail && !h->forced) {
      return -1; /* the host keeps it, the agent keeps the binding (request undone) */
    }
    *t = h->tun[--h->n_tun];
    break;
  default:
    FUZZ_FAIL("unknown tunnel op");
  }
  return fail ? -1 : 0;
}

/* ---- flow replica ---- */

static fa_flow_node *flow_node(fa_host *h, uint32_t hoa, int create) {
  size_t i;
  for (i = 0; i < FA_MAX_FLOW_NODES; i++) {
    if (h->fl[i].hoa == hoa) {
      return &h->fl[i];
    }
  }
  if (!create) {
    return NULL;
  }
  for (i = 0; i < FA_MAX_FLOW_NODES; i++) {
    if (h->fl[i].hoa == 0) {
      h->fl[i].hoa = hoa;
      return &h->fl[i];
    }
  }
  FUZZ_FAIL("flow events for too many nodes");
}

const fa_flow_node *fa_flow_find(const fa_host *h, uint32_t hoa) {
  return flow_node((fa_host *)(uintptr_t)h, hoa, 0);
}

static int hook_flow(void *user, const mipfb_flow_event *ev) {
  fa_host *h = (fa_host *)user;
  int fail = inject(h, FA_HOOK_FLOW);
  fa_flow_node *n;
  uint32_t id;
  FUZZ_CHECK(ev != NULL && ev->rule != NULL);
  FUZZ_CHECK(ev->role == h->role);
  FUZZ_CHECK(ev->hoa.family == MIPFB_AF_INET4);
  id = ev->rule->id;
  FUZZ_CHECK(id >= 1 && id <= FA_MAX_RULES); /* capacities of the targets are below FA_MAX_RULES */
  FUZZ_CHECK(ev->order == id - 1u);          /* id = position + 1 */
  n = flow_node(h, mipfb_addr_ipv4_value(&ev->hoa), 1);
  switch (ev->op) {
  case MIPFB_FLOW_INSTALL:
    FUZZ_CHECK(ev->rule->action == MIPFB_ACTION_DROP || ev->rule->action == MIPFB_ACTION_FORWARD);
    if (ev->rule->action == MIPFB_ACTION_FORWARD) {
      FUZZ_CHECK(ev->rule->n_bids >= 1 && ev->rule->n_bids <= MIPFB_MIP4_FB_MAX_BIDS);
    }
    FUZZ_CHECK(mipfb_ts_check(&ev->rule->ts, NULL) == 0);
    if (fail && !h->forced) {
      return -1;
    }
    n->rules[id - 1u].present = 1;
    n->rules[id - 1u].rule = *ev->rule;
    break;
  case MIPFB_FLOW_REMOVE:
    FUZZ_CHECK(n->rules[id - 1u].present); /* REMOVE of a rule never installed */
    if (fail && !h->forced) {
      return -1;
    }
    n->rules[id - 1u].present = 0;
    break;
  default:
    FUZZ_FAIL("unknown flow op");
  }
  return fail ? -1 : 0;
}

int fa_rule_equal(const mipfb_policy_rule *a, const mipfb_policy_rule *b) {
  unsigned i;
  if (a->action != b->action || !fuzz_ts_equal(&a->ts, &b->ts)) {
    return 0;
  }
  if (a->action != MIPFB_ACTION_FORWARD) {
    return 1;
  }
  if (a->n_bids != b->n_bids) {
    return 0;
  }
  for (i = 0; i < a->n_bids && i < MIPFB_POLICY_MAX_RULE_BIDS; i++) {
    if (a->bids[i] != b->bids[i]) {
      return 0;
    }
  }
  return 1;
}

/* ---- the other hooks ---- */

static int hook_send(void *user, const uint8_t *msg, size_t len, const mipfb_pkt_info *to) {
  fa_host *h = (fa_host *)user;
  FUZZ_CHECK(msg != NULL && to != NULL);
  FUZZ_CHECK(len > 0 && len <= FA_MSG_CAP);
  int fail = inject(h, FA_HOOK_SEND);
  h->n_sent++;
  memcpy(h->sent, msg, len);
  h->sent_len = len;
  h->sent_to = *to;
  if (h->on_send != NULL) {
    h->on_send(h, msg, len, to, fail);
  }
  return fail ? -1 : 0;
}

static void hook_set_timer(void *user, uint64_t deadline_ms) {
  fa_host *h = (fa_host *)user;
  h->timer = deadline_ms;
  h->n_set_timer++;
}

static int hook_auth_key(void *user, const mipfb_auth_query *q, mipfb_auth_answer *a) {
  fa_host *h = (fa_host *)user;
  const fa_key *k = fa_key_by_spi(h, q->spi);
  FUZZ_CHECK(q->role == h->role);
  if (inject(h, FA_HOOK_AUTH) || k == NULL) {
    return -1;
  }
  if (q->hoa.family != 0) {
    if (q->hoa.family != MIPFB_AF_INET4 || mipfb_addr_ipv4_value(&q->hoa) != k->hoa) {
      return -1;
    }
  } else if (q->nai.len != k->nai_len || memcmp(q->nai.base, k->nai, k->nai_len) != 0) {
    return -1; /* NAI-only request: the NAI must be the SA's */
  }
  memset(a, 0, sizeof *a);
  a->key = k->key;
  a->multipath = k->multipath;
  a->hoa = mipfb_addr_ipv4(k->hoa);
  return 0;
}

static int hook_random(void *user, uint8_t *out, size_t len) {
  fa_host *h = (fa_host *)user;
  size_t i;
  if (inject(h, FA_HOOK_RANDOM)) {
    return -1;
  }
  for (i = 0; i < len; i++) {
    h->rnd ^= h->rnd << 13;
    h->rnd ^= h->rnd >> 17;
    h->rnd ^= h->rnd << 5;
    out[i] = (uint8_t)h->rnd;
  }
  return 0;
}

static uint64_t hook_wallclock(void *user, uint64_t now_ms) {
  (void)user;
  return fa_ntp(now_ms);
}

static void hook_log(void *user, const mipfb_log_event *ev) {
  const fa_host *h = (const fa_host *)user;
  FUZZ_CHECK(ev != NULL && ev->what != NULL);
  FUZZ_CHECK(ev->role == h->role);
  FUZZ_CHECK(ev->level >= MIPFB_LOG_ERROR && ev->level <= MIPFB_LOG_DEBUG);
}

const mipfb_hooks FA_HOOKS = {MIPFB_HOOKS_VERSION, hook_send,   hook_set_timer, hook_tunnel, hook_flow,
                              hook_auth_key,       hook_random, hook_wallclock, hook_log};

/* ---- script reading ---- */

uint32_t fa_varint(fuzz_in *in) {
  uint32_t v = 0;
  unsigned i;
  for (i = 0; i < 4; i++) {
    uint8_t b;
    if (in->len == 0) {
      break;
    }
    b = fuzz_u8(in);
    v |= (uint32_t)(b & 0x7Fu) << (7u * i);
    if ((b & 0x80u) == 0) {
      break;
    }
  }
  return v;
}

uint16_t fa_u16(fuzz_in *in) {
  uint16_t hi = fuzz_u8(in);
  return (uint16_t)(hi << 8 | fuzz_u8(in));
}

static void put_addr(uint8_t *a, uint32_t v) {
  a[0] = (uint8_t)(v >> 24);
  a[1] = (uint8_t)(v >> 16);
  a[2] = (uint8_t)(v >> 8);
  a[3] = (uint8_t)v;
}

void fa_read_ts(fuzz_in *in, mipfb_ts *ts) {
  static const uint16_t ports[8] = {0, 53, 80, 443, 5060, 8080, 65534, 65535};
  static const uint8_t protos[4] = {6, 17, 50, 1};
  uint8_t f = fuzz_u8(in);
  memset(ts, 0, sizeof *ts);
  ts->format = MIPFB_TS_FORMAT_IPV4;
  if (f & 0x01u) { /* protocol, one value or a range */
    uint8_t p = protos[(f >> 5) & 3u];
    ts->fields |= MIPFB_TS_PROTO_START;
    ts->proto_start = p;
    if (f & 0x80u) {
      ts->fields |= MIPFB_TS_PROTO_END;
      ts->proto_end = (uint8_t)(p + 11u);
    }
  }
  if (f & 0x02u) { /* destination ports */
    uint8_t b = fuzz_u8(in);
    uint16_t lo = ports[b & 7u], hi = ports[(b >> 3) & 7u];
    ts->fields |= MIPFB_TS_DPORT_START;
    if (lo > hi) {
      uint16_t t = lo;
      lo = hi;
      hi = t;
    }
    ts->dport_start = lo;
    if (b & 0x40u) {
      ts->fields |= MIPFB_TS_DPORT_END;
      ts->dport_end = hi;
    }
  }
  if (f & 0x04u) { /* source addresses (correspondent nodes 192.0.2.x) */
    uint8_t b = fuzz_u8(in);
    ts->fields |= MIPFB_TS_SRC_START;
    put_addr(ts->src_start, 0xc0000200u + (b & 0x0Fu));
    if (b & 0x10u) {
      ts->fields |= MIPFB_TS_SRC_END;
      put_addr(ts->src_end, 0xc0000200u + (b & 0x0Fu) + ((unsigned)b >> 5));
    }
  }
  if (f & 0x08u) { /* DS */
    uint8_t b = fuzz_u8(in);
    ts->fields |= MIPFB_TS_DS_START | MIPFB_TS_DS_END;
    ts->ds_start = (uint8_t)(b & 0xF0u);
    ts->ds_end = (uint8_t)(b | 0x0Fu);
  }
  if (f & 0x10u) { /* source ports */
    ts->fields |= MIPFB_TS_SPORT_START;
    ts->sport_start = ports[(f >> 5) & 7u];
  }
  FUZZ_CHECK(mipfb_ts_check(ts, NULL) == 0);
}

/* ---- messages ---- */

mipfb_ssize fa_encode(uint8_t *out, size_t cap, const mipfb_mip4_msg *msg, const mipfb_codepoints *cp) {
  return mipfb_mip4_encode(out, cap, msg, cp, NULL);
}

int fa_read_mutation(fuzz_in *in, uint8_t *buf, size_t len) {
  uint8_t pos = fuzz_u8(in), x;
  if (pos == 0 || len == 0) {
    return 0;
  }
  x = fuzz_u8(in);
  if (x == 0) {
    x = 0x80;
  }
  buf[(size_t)(pos - 1u) % len] ^= x;
  return 1;
}

const fa_key *fa_check_signed(const fa_host *h, const uint8_t *msg, size_t len, const mipfb_codepoints *cp,
                              mipfb_mip4_msg *m, mipfb_mip4_ext *ext, size_t ext_cap) {
  const mipfb_mip4_ext *auth;
  const fa_key *k;
  mipfb_ssize rc = mipfb_mip4_decode(m, ext, ext_cap, msg, len, cp, NULL);
  if (rc != (mipfb_ssize)len) {
    fprintf(stderr, "agent sent a message that does not decode: %d\n", (int)rc);
    FUZZ_FAIL("agent message decodes");
  }
  auth = mipfb_mip4_find(m, MIPFB_MIP4_EXT_MN_HA_AUTH);
  FUZZ_CHECK(auth != NULL);
  k = fa_key_by_spi(h, auth->u.auth.spi);
  FUZZ_CHECK(k != NULL);
  FUZZ_CHECK(mipfb_mip4_auth_verify(msg, len, auth, &k->key) == 0);
  return k;
}
