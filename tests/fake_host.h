/* A fake host for the agent tests: virtual clock, every hook call
   recorded, hooks that fail on request, a table of security
   associations. One fake_host per agent under test (or shared by agents
   that talk through a test). */
#ifndef TESTS_FAKE_HOST_H
#define TESTS_FAKE_HOST_H

#include <mipfb/agent.h>

#define FAKE_MAX_SENT 64
#define FAKE_MAX_EVENTS 256
#define FAKE_MAX_KEYS 16
#define FAKE_MAX_LOGS 64
#define FAKE_MSG_CAP 2048

typedef struct fake_sent {
  uint8_t buf[FAKE_MSG_CAP];
  size_t len;
  mipfb_pkt_info to;
} fake_sent;

typedef struct fake_flow {
  mipfb_flow_event ev; /* ev.rule points at `rule` below */
  mipfb_policy_rule rule;
} fake_flow;

typedef struct fake_key {
  uint32_t spi;
  mipfb_addr hoa; /* family 0: any node */
  mipfb_hmac_md5_key key;
  uint8_t multipath;
  mipfb_addr assign; /* answer for NAI-only requests */
} fake_key;

typedef struct fake_host {
  uint64_t deadline;      /* last set_timer value (MIPFB_NO_DEADLINE initially) */
  unsigned n_set_timer;   /* set_timer calls */
  uint64_t ntp_base;      /* NTP timestamp at now_ms = 0 */
  uint32_t rnd;           /* xorshift state of the random hook */
  /* Failure injection: the Nth next call of the hook fails (1 = the next
     one); 0 = never. fail_*_always makes every call fail. */
  unsigned fail_send, fail_tunnel, fail_flow, fail_random, fail_auth;
  int fail_tunnel_always, fail_flow_always, fail_send_always;
  fake_sent sent[FAKE_MAX_SENT];
  size_t n_sent;     /* recorded (at most FAKE_MAX_SENT kept; n_sent counts all) */
  mipfb_tunnel_event tun[FAKE_MAX_EVENTS];
  size_t n_tun;
  fake_flow flow[FAKE_MAX_EVENTS];
  size_t n_flow;
  fake_key keys[FAKE_MAX_KEYS];
  size_t n_keys;
  mipfb_log_event logs[FAKE_MAX_LOGS];
  size_t n_logs;
  unsigned n_auth_calls;
} fake_host;

/* The hook table (version MIPFB_HOOKS_VERSION); user = the fake_host. */
extern const mipfb_hooks FAKE_HOOKS;

/* Zero everything, deadline = none, ntp_base = a fixed 2026 date. */
void fake_host_init(fake_host *h);
/* Forget the recorded sends, tunnel/flow events and logs. */
void fake_host_clear(fake_host *h);
/* Add a security association: SPI, home address (host order; 0 = any
   node), 16-octet key, multipath authorization. */
void fake_host_add_key(fake_host *h, uint32_t spi, uint32_t hoa, const uint8_t key[16], int multipath);
/* NTP timestamp the wallclock hook returns at now_ms. */
uint64_t fake_host_ntp(const fake_host *h, uint64_t now_ms);
/* Replay the tunnel events: the number of tunnels alive at the end for
   (hoa host order, bid) — 1 or 0; any other value means the events were
   inconsistent (ADD of an alive tunnel, CHANGE/REMOVE of a dead one) and
   is returned as -1. */
int fake_host_tunnel_alive(const fake_host *h, uint32_t hoa, uint16_t bid);
/* Count of tunnels alive after replaying every event, or -1 when the
   events are inconsistent. */
int fake_host_tunnels_alive(const fake_host *h);

#endif /* TESTS_FAKE_HOST_H */
