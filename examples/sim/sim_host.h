/* One host hook set per agent instance of the simulator: send goes to the
   world's router (the in-memory network), tunnel and flow events are
   checked for consistency, recorded and printed, set_timer records the
   agent's deadline, wallclock follows the virtual clock, random comes from
   a seeded PRNG, auth_key answers from a small table of security
   associations. */
#ifndef SIM_HOST_H
#define SIM_HOST_H

#include "sim_print.h"

#define SIM_HOST_MAX_TUN 16
#define SIM_HOST_MAX_RULES 32

/* A mobility security association (RFC 5944 3.5). */
typedef struct sim_sa {
  uint32_t spi;
  uint32_t hoa;      /* host order */
  uint8_t key[16];
  uint8_t multipath; /* RFC 7629 5.2 authorization */
} sim_sa;

typedef struct sim_host sim_host;

/* Hands a datagram an agent sends to the network; returns the value the
   send hook returns. */
typedef int (*sim_route_fn)(void *ctx, sim_host *from, const uint8_t *msg, size_t len, const mipfb_pkt_info *to);
/* Names the link a tunnel event is about (NULL: unknown). */
typedef const char *(*sim_tunnel_namer)(void *ctx, const sim_host *h, const mipfb_tunnel_event *ev);

struct sim_host {
  char name[4];              /* "HA", "MN", "FA" */
  int node;                  /* the world's node number */
  const sim_print *pr;
  void *ctx;                 /* the world */
  sim_route_fn route;
  sim_tunnel_namer namer;
  uint64_t deadline;         /* last set_timer value */
  unsigned long n_set_timer;
  uint64_t rng;              /* xorshift64* state */
  uint64_t ntp_base_s;       /* NTP seconds at virtual time 0 */
  const sim_sa *sa;
  size_t n_sa;
  int log_level;             /* log records at or below this level are printed */
  /* The host's view of the agent's tunnels and rules, rebuilt from the
     hook events alone. */
  mipfb_tunnel_event tun[SIM_HOST_MAX_TUN];
  size_t n_tun;
  mipfb_policy_rule rule[SIM_HOST_MAX_RULES];
  size_t n_rules;
  unsigned anomalies;        /* inconsistent hook events */
};

/* The hook table (user = the sim_host). */
extern const mipfb_hooks SIM_HOOKS;

void sim_host_init(sim_host *h, const char *name, int node, const sim_print *pr, void *ctx, sim_route_fn route,
                   sim_tunnel_namer namer, uint64_t seed, const sim_sa *sa, size_t n_sa);
/* Forget the tunnel and rule views and the deadline (agent restart). */
void sim_host_reset(sim_host *h);
/* The tunnel (hoa host order, bid) in the host's view, or NULL. */
const mipfb_tunnel_event *sim_host_tunnel(const sim_host *h, uint32_t hoa, uint16_t bid);

#endif /* SIM_HOST_H */
