/* The simulated world: a home agent, a mobile node and a foreign agent in
   one process, each in its own malloc'd memory with its own host hooks,
   connected by the in-memory network; the topology of the Figure 2
   scenario; the virtual clock and the event loop (deliveries and agent
   timeouts in time order). */
#ifndef SIM_WORLD_H
#define SIM_WORLD_H

#include "sim_host.h"
#include "sim_net.h"

enum { SIM_NODE_HA = 0, SIM_NODE_MN = 1, SIM_NODE_FA = 2, SIM_NODES = 3 };

/* Addresses of the topology (host order). */
#define SIM_HA_ADDR 0x0a000001u  /* 10.0.0.1 */
#define SIM_HOA 0x0a000064u      /* 10.0.0.100 */
#define SIM_CN_ADDR 0xcb007132u  /* 203.0.113.50 */
#define SIM_FA_ADDR 0x64400001u  /* 100.64.0.1 */
#define SIM_SPI 256u
#define SIM_FA_IF_ACCESS 1u      /* the foreign agent's interface on its access link */
#define SIM_FA_IF_CORE 2u        /* ... and towards the home agent */

/* One access link as the mobile node uses it (index = its sim_net link). */
typedef struct sim_access {
  const char *name;
  uint8_t att;       /* RFC 5213 ATT */
  uint32_t delay_ms; /* one-way delay */
  uint32_t mn_if;    /* the mobile node's interface id */
  uint32_t coa;      /* co-located care-of address (0: through the foreign agent) */
  uint32_t fa_addr;  /* foreign agent care-of address, or 0 */
  uint8_t label;     /* RFC 7629 If-Label */
} sim_access;

typedef struct sim_world {
  uint64_t now;
  sim_print pr;
  sim_net net;
  sim_host host[SIM_NODES];
  sim_sa sa[1];
  const sim_access *access;
  size_t n_access;
  mipfb_ha4_config ha_cfg;
  mipfb_ha4 *ha;
  void *ha_mem;
  size_t ha_len;
  mipfb_mn4_config mn_cfg;
  mipfb_mn4 *mn;
  void *mn_mem;
  mipfb_fa4_config fa_cfg;
  mipfb_fa4 *fa;
  void *fa_mem;
  /* Registration Replies the home agent sent since sim_world_take_replies. */
  unsigned long reply_count[256]; /* per code */
  unsigned long n_replies;
  size_t last_reply_fb; /* Flow-Binding extensions of the last one */
  unsigned anomalies;   /* agent misbehaviour seen by the world */
  unsigned long delivered;
} sim_world;

/* Build the world at virtual time 0; 0 on success. */
int sim_world_init(sim_world *w, uint64_t seed, FILE *out, int verbose);
void sim_world_free(sim_world *w);
/* Advance the clock to t, delivering datagrams and firing agent
   timeouts in time order (ties: datagrams first, then HA, MN, FA). */
void sim_world_run_until(sim_world *w, uint64_t t);
/* Index of an access link by name, or -1. */
int sim_world_access(const sim_world *w, const char *name);
/* Link up/down in the network (the mobile node is not told). */
void sim_world_link(sim_world *w, int acc, int up);
/* Tell the mobile node its interface on an access link is up / down. */
int sim_world_mn_iface(sim_world *w, int acc, int up);
int sim_world_mn_policy(sim_world *w, const mipfb_policy_rule *rules, size_t n);
int sim_world_mn_go_home(sim_world *w);
/* Export the home agent's state, wipe and free its memory, initialise a
   new one in fresh memory and import the image. 0 on success. */
int sim_world_ha_restart(sim_world *w);
/* Print the home agent's binding table. */
void sim_world_show_bindings(const sim_world *w);
/* The access link a care-of address belongs to (the FA address: the
   foreign agent's link), or NULL. */
const char *sim_world_coa_link(const sim_world *w, uint32_t coa);
/* Access link index of a mobile node interface id, or -1. */
int sim_world_mn_if_access(const sim_world *w, uint32_t mn_if);
/* Forget the replies recorded so far. */
void sim_world_take_replies(sim_world *w);
/* Anomalies of the world and of every host. */
unsigned sim_world_anomalies(const sim_world *w);

#endif /* SIM_WORLD_H */
