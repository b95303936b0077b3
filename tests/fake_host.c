/* Fake host for the agent tests (see fake_host.h). */
#include "fake_host.h"

#include <string.h>

static fake_host *H(void *user) { return (fake_host *)user; }

/* 1 when the countdown says this call fails. */
static int fails(unsigned *countdown) {
  if (*countdown == 0) {
    return 0;
  }
  return --*countdown == 0;
}

static int hook_send(void *user, const uint8_t *msg, size_t len, const mipfb_pkt_info *to) {
  fake_host *h = H(user);
  if (h->fail_send_always || fails(&h->fail_send)) {
    return -1;
  }
  if (h->n_sent < FAKE_MAX_SENT && len <= FAKE_MSG_CAP) {
    fake_sent *s = &h->sent[h->n_sent];
    memcpy(s->buf, msg, len);
    s->len = len;
    s->to = *to;
  }
  h->n_sent++;
  return 0;
}

static void hook_set_timer(void *user, uint64_t deadline_ms) {
  fake_host *h = H(user);
  h->deadline = deadline_ms;
  h->n_set_timer++;
}

static int hook_tunnel(void *user, const mipfb_tunnel_event *ev) {
  fake_host *h = H(user);
  if (h->fail_tunnel_always || fails(&h->fail_tunnel)) {
    return -1;
  }
  if (h->n_tun < FAKE_MAX_EVENTS) {
    h->tun[h->n_tun++] = *ev;
  }
  return 0;
}

static int hook_flow(void *user, const mipfb_flow_event *ev) {
  fake_host *h = H(user);
  if (h->fail_flow_always || fails(&h->fail_flow)) {
    return -1;
  }
  if (h->n_flow < FAKE_MAX_EVENTS) {
    fake_flow *f = &h->flow[h->n_flow++];
    f->ev = *ev;
    if (ev->rule) {
      f->rule = *ev->rule;
    } else {
      memset(&f->rule, 0, sizeof f->rule);
    }
    f->ev.rule = &f->rule;
  }
  return 0;
}

static int addr_eq(const mipfb_addr *a, const mipfb_addr *b) {
  return a->family == b->family && memcmp(a->bytes, b->bytes, sizeof a->bytes) == 0;
}

static int hook_auth_key(void *user, const mipfb_auth_query *q, mipfb_auth_answer *a) {
  fake_host *h = H(user);
  size_t i;
  h->n_auth_calls++;
  if (fails(&h->fail_auth)) {
    return -1;
  }
  for (i = 0; i < h->n_keys; i++) {
    const fake_key *k = &h->keys[i];
    if (k->spi == q->spi && (k->hoa.family == 0 || q->hoa.family == 0 || addr_eq(&k->hoa, &q->hoa))) {
      memset(a, 0, sizeof *a);
      a->key = k->key;
      a->multipath = k->multipath;
      a->hoa = k->assign;
      return 0;
    }
  }
  return -1;
}

static int hook_random(void *user, uint8_t *out, size_t len) {
  fake_host *h = H(user);
  size_t i;
  if (fails(&h->fail_random)) {
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

uint64_t fake_host_ntp(const fake_host *h, uint64_t now_ms) {
  uint64_t frac = ((now_ms % 1000u) << 32) / 1000u;
  return h->ntp_base + ((now_ms / 1000u) << 32) + frac;
}

static uint64_t hook_wallclock(void *user, uint64_t now_ms) { return fake_host_ntp(H(user), now_ms); }

static void hook_log(void *user, const mipfb_log_event *ev) {
  fake_host *h = H(user);
  if (h->n_logs < FAKE_MAX_LOGS) {
    h->logs[h->n_logs++] = *ev;
  }
}

const mipfb_hooks FAKE_HOOKS = {MIPFB_HOOKS_VERSION, hook_send, hook_set_timer, hook_tunnel, hook_flow,
                                hook_auth_key,       hook_random, hook_wallclock, hook_log};

void fake_host_init(fake_host *h) {
  memset(h, 0, sizeof *h);
  h->deadline = MIPFB_NO_DEADLINE;
  /* 2026-11-23 00:00:00 UTC in NTP seconds (Unix 1795392000 + 2208988800). */
  h->ntp_base = (uint64_t)4004380800u << 32;
  h->rnd = 0x9e3779b9u;
}

void fake_host_clear(fake_host *h) {
  h->n_sent = 0;
  h->n_tun = 0;
  h->n_flow = 0;
  h->n_logs = 0;
}

void fake_host_add_key(fake_host *h, uint32_t spi, uint32_t hoa, const uint8_t key[16], int multipath) {
  fake_key *k;
  if (h->n_keys >= FAKE_MAX_KEYS) {
    return;
  }
  k = &h->keys[h->n_keys++];
  memset(k, 0, sizeof *k);
  k->spi = spi;
  if (hoa != 0) {
    k->hoa = mipfb_addr_ipv4(hoa);
  }
  mipfb_hmac_md5_key_init(&k->key, key, 16);
  k->multipath = (uint8_t)(multipath != 0);
}

/* Replays tunnel events; alive[] keyed by (hoa, bid) pairs seen. */
typedef struct tun_state {
  uint32_t hoa;
  uint16_t bid;
  int alive;
} tun_state;

static int replay(const fake_host *h, tun_state *st, size_t *n) {
  size_t i, j;
  *n = 0;
  for (i = 0; i < h->n_tun; i++) {
    const mipfb_tunnel_event *ev = &h->tun[i];
    uint32_t hoa = mipfb_addr_ipv4_value(&ev->hoa);
    for (j = 0; j < *n; j++) {
      if (st[j].hoa == hoa && st[j].bid == ev->bid) {
        break;
      }
    }
    if (j == *n) {
      if (*n >= FAKE_MAX_EVENTS) {
        return -1;
      }
      st[j].hoa = hoa;
      st[j].bid = ev->bid;
      st[j].alive = 0;
      (*n)++;
    }
    if ((ev->op == MIPFB_TUNNEL_ADD) == (st[j].alive != 0)) {
      return -1; /* ADD of an alive tunnel, or CHANGE/REMOVE of a dead one */
    }
    st[j].alive = ev->op != MIPFB_TUNNEL_REMOVE;
  }
  return 0;
}

int fake_host_tunnel_alive(const fake_host *h, uint32_t hoa, uint16_t bid) {
  tun_state st[FAKE_MAX_EVENTS];
  size_t n, j;
  if (replay(h, st, &n) != 0) {
    return -1;
  }
  for (j = 0; j < n; j++) {
    if (st[j].hoa == hoa && st[j].bid == bid) {
      return st[j].alive;
    }
  }
  return 0;
}

int fake_host_tunnels_alive(const fake_host *h) {
  tun_state st[FAKE_MAX_EVENTS];
  size_t n, j;
  int c = 0;
  if (replay(h, st, &n) != 0) {
    return -1;
  }
  for (j = 0; j < n; j++) {
    c += st[j].alive;
  }
  return c;
}
