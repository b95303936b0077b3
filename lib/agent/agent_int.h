/* What the agents share (internal): the copied hooks, logging, address
   conversion, MIPv4 Identification arithmetic. */
#ifndef MIPFB_AGENT_AGENT_INT_H
#define MIPFB_AGENT_AGENT_INT_H

#include <mipfb/agent.h>
#include <mipfb/err.h>

/* The hooks and user pointer of one agent. Members a smaller hooks
   version lacks are NULL. */
typedef struct agent_host {
  mipfb_hooks h;
  void *user;
  uint8_t role;
} agent_host;

/* Copy *hooks into host->h (only the members its version has), check the
   required ones: send, random, and when need_clock auth_key and
   wallclock. Returns 0, MIPFB_ERR_INVALID_ARG or MIPFB_ERR_ABI. */
int agent_host_init(agent_host *host, const mipfb_hooks *hooks, void *user, uint8_t role, int need_clock);

/* Log one record (no-op without a log hook). */
void agent_log(const agent_host *host, uint8_t level, const char *what, uint32_t hoa, uint16_t bid, uint8_t code,
               int err);

/* send hook; MIPFB_ERR_HOOK when it fails (logged). */
int agent_send(const agent_host *host, const uint8_t *msg, size_t len, const mipfb_pkt_info *to);

/* tunnel / flow hooks (0 when absent); MIPFB_ERR_HOOK when they fail. */
int agent_tunnel(const agent_host *host, const mipfb_tunnel_event *ev);
int agent_flow(const agent_host *host, const mipfb_flow_event *ev);

/* set_timer hook, when present. */
void agent_set_timer(const agent_host *host, uint64_t deadline_ms);

/* Random 64-bit value; MIPFB_ERR_HOOK when the hook fails. */
int agent_random64(const agent_host *host, uint64_t *out);

/* Tunnel encapsulation (MIPFB_ENCAP_*) asked for by an RRQ flag octet
   (RFC 5944 3.3: M minimal, G GRE, else IP in IP). */
uint8_t agent_encap_of(uint8_t flags);

/* MIPv4 pkt_info for a UDP datagram. */
mipfb_pkt_info agent_pkt4(uint32_t ifindex, uint32_t src, uint32_t dst, uint16_t sport, uint16_t dport);

/* RFC 5944 5.7 timestamps: |high32(a) - high32(b)| in seconds, as an
   unsigned distance on the 32-bit NTP seconds circle. */
uint32_t agent_ntp_distance_s(uint64_t a, uint64_t b);

/* now + s seconds in ms, saturating (never MIPFB_NO_DEADLINE). */
uint64_t agent_deadline_after_s(uint64_t now_ms, uint32_t s);

#endif /* MIPFB_AGENT_AGENT_INT_H */
