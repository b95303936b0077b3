/* The simulator's in-memory network: named access links (RFC 5213 ATT
   value, up/down, one-way delay), an always-up core between the home
   agent, the foreign agent and the access links, and one queue of
   datagrams ordered by delivery time. A datagram sent on a down link is
   lost; so is one whose link goes down before it is delivered. */
#ifndef SIM_NET_H
#define SIM_NET_H

#include <mipfb/agent.h>

#define SIM_MAX_LINKS 8
#define SIM_NAME_LEN 16
#define SIM_QUEUE_CAP 256
#define SIM_DGRAM_CAP 1500
#define SIM_LINK_CORE (-1) /* the core: always up, no access link crossed */

typedef struct sim_link {
  char name[SIM_NAME_LEN];
  uint8_t att;       /* access technology type (RFC 5213 registry) */
  int up;            /* 1: datagrams get through */
  uint32_t delay_ms; /* one-way delay of the link */
  unsigned long sent, lost;
} sim_link;

typedef struct sim_dgram {
  uint64_t at_ms;      /* delivery time */
  uint64_t seq;        /* send order: breaks ties between equal times */
  int link;            /* access link crossed, or SIM_LINK_CORE */
  int from_node;       /* sender (the world's node number) */
  int to_node;         /* receiver */
  mipfb_pkt_info info; /* addressing as the receiver sees it */
  size_t len;
  uint8_t buf[SIM_DGRAM_CAP];
} sim_dgram;

typedef struct sim_net {
  sim_link links[SIM_MAX_LINKS];
  size_t n_links;
  uint32_t core_delay_ms; /* added to every datagram that crosses the core */
  sim_dgram q[SIM_QUEUE_CAP];
  size_t n_q;
  uint64_t seq;
} sim_net;

/* Outcomes of sim_net_send. */
#define SIM_NET_QUEUED 0
#define SIM_NET_LOST 1     /* the link is down */
#define SIM_NET_OVERFLOW 2 /* queue full or datagram too large */

void sim_net_init(sim_net *net, uint32_t core_delay_ms);
/* Add a link (up); returns its index, or -1 when the table is full. */
int sim_net_add_link(sim_net *net, const char *name, uint8_t att, uint32_t delay_ms);
/* Index of the link called name, or -1. */
int sim_net_find(const sim_net *net, const char *name);
/* Name of a link index ("core" for SIM_LINK_CORE, "?" when unknown). */
const char *sim_net_link_name(const sim_net *net, int link);
/* 1 when the link is up (the core always is). */
int sim_net_link_up(const sim_net *net, int link);
void sim_net_set_up(sim_net *net, int link, int up);
/* Queue a datagram crossing `link` (and the core when via_core). */
int sim_net_send(sim_net *net, uint64_t now_ms, int link, int via_core, int from_node, int to_node,
                 const uint8_t *msg, size_t len, const mipfb_pkt_info *info);
/* Delivery time of the earliest queued datagram, or UINT64_MAX. */
uint64_t sim_net_next(const sim_net *net);
/* Take the earliest datagram due by upto_ms into *out; 1 when one was
   taken, 0 when none is due. */
int sim_net_pop(sim_net *net, uint64_t upto_ms, sim_dgram *out);

#endif /* SIM_NET_H */
