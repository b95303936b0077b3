/* Traffic of the simulator: IPv4 UDP/TCP packets of SIP (UDP 5060), HTTP
   (TCP 80), SSH (TCP 22) and other traffic (TCP 443) between the
   correspondent node and the home address; the downlink classified at
   the home agent (mipfb_ha4_classify_packet), the uplink at the mobile
   node (mipfb_mn4_classify_packet), the chosen BID mapped to the link
   the packet then takes. */
#ifndef SIM_TRAFFIC_H
#define SIM_TRAFFIC_H

#include "sim_world.h"

typedef struct sim_flow_def {
  const char *name;  /* scenario name: sip, http, ssh, other */
  const char *label; /* printed: SIP, HTTP, ... */
  uint8_t proto;     /* 6 TCP, 17 UDP */
  uint16_t mn_port;  /* the service port on the mobile node (selectors: destination port towards the MN) */
  uint16_t cn_port;  /* the correspondent's port */
} sim_flow_def;

/* What one direction of a flow got. */
typedef struct sim_dir_result {
  int rc;                    /* the classify call's return */
  mipfb_policy_decision d;   /* its decision (rc 0) */
  char link[SIM_NAME_LEN];   /* "wifi", ..., "drop", "none" (no binding), "error", "?" (BID of no known link) */
  int stable;                /* 1: a second packet of the flow got the same decision */
} sim_dir_result;

typedef struct sim_flow_result {
  sim_dir_result down; /* CN -> MN at the home agent */
  sim_dir_result up;   /* MN -> CN at the mobile node */
} sim_flow_result;

/* The flow called name, or NULL. */
const sim_flow_def *sim_traffic_flow(const char *name);
/* Names of every flow, for messages ("sip, http, ssh, other"). */
const char *sim_traffic_flow_names(void);
/* Build one IPv4 packet of the flow: dir MIPFB_DIR_TO_MN (CN -> home
   address) or MIPFB_DIR_FROM_MN; returns its length (0: cap too small). */
size_t sim_traffic_packet(uint8_t *buf, size_t cap, const sim_flow_def *f, int dir, uint16_t ip_id);
/* Send one packet of the flow each way through the classifiers, print
   the decisions and which tunnel / interface they take. */
void sim_traffic_run(sim_world *w, const sim_flow_def *f, sim_flow_result *out);

#endif /* SIM_TRAFFIC_H */
