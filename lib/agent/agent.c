/* Shared agent plumbing: hook calls, logging, address helpers. */
#include "agent_int.h"

#include <mipfb/mip4.h>

#include <string.h>

int agent_host_init(agent_host *host, const mipfb_hooks *hooks, void *user, uint8_t role, int need_clock) {
  if (host == NULL || hooks == NULL) {
    return MIPFB_ERR_INVALID_ARG;
  }
  if (hooks->version == 0 || hooks->version > MIPFB_HOOKS_VERSION) {
    return MIPFB_ERR_ABI;
  }
  memset(host, 0, sizeof *host);
  host->h = *hooks; /* version 1 is the whole struct */
  host->user = user;
  host->role = role;
  if (host->h.send == NULL || host->h.random == NULL) {
    return MIPFB_ERR_INVALID_ARG;
  }
  if (need_clock && (host->h.auth_key == NULL || host->h.wallclock == NULL)) {
    return MIPFB_ERR_INVALID_ARG;
  }
  return 0;
}

void agent_log(const agent_host *host, uint8_t level, const char *what, uint32_t hoa, uint16_t bid, uint8_t code,
               int err) {
  mipfb_log_event ev;
  if (host->h.log == NULL) {
    return;
  }
  memset(&ev, 0, sizeof ev);
  ev.level = level;
  ev.role = host->role;
  ev.code = code;
  ev.bid = bid;
  ev.err = err;
  if (hoa != 0) {
    ev.hoa = mipfb_addr_ipv4(hoa);
  }
  ev.what = what;
  host->h.log(host->user, &ev);
}

int agent_send(const agent_host *host, const uint8_t *msg, size_t len, const mipfb_pkt_info *to) {
  if (host->h.send(host->user, msg, len, to) != 0) {
    agent_log(host, MIPFB_LOG_ERROR, "send hook failed", 0, 0, 0, MIPFB_ERR_HOOK);
    return MIPFB_ERR_HOOK;
  }
  return 0;
}

int agent_tunnel(const agent_host *host, const mipfb_tunnel_event *ev) {
  if (host->h.tunnel != NULL && host->h.tunnel(host->user, ev) != 0) {
    agent_log(host, MIPFB_LOG_ERROR, "tunnel hook failed", mipfb_addr_ipv4_value(&ev->hoa), ev->bid, 0, MIPFB_ERR_HOOK);
    return MIPFB_ERR_HOOK;
  }
  return 0;
}

int agent_flow(const agent_host *host, const mipfb_flow_event *ev) {
  if (host->h.flow != NULL && host->h.flow(host->user, ev) != 0) {
    agent_log(host, MIPFB_LOG_ERROR, "flow hook failed", mipfb_addr_ipv4_value(&ev->hoa), 0, 0, MIPFB_ERR_HOOK);
    return MIPFB_ERR_HOOK;
  }
  return 0;
}

void agent_set_timer(const agent_host *host, uint64_t deadline_ms) {
  if (host->h.set_timer != NULL) {
    host->h.set_timer(host->user, deadline_ms);
  }
}

int agent_random64(const agent_host *host, uint64_t *out) {
  uint8_t b[8];
  size_t i;
  if (host->h.random(host->user, b, sizeof b) != 0) {
    agent_log(host, MIPFB_LOG_ERROR, "random hook failed", 0, 0, 0, MIPFB_ERR_HOOK);
    return MIPFB_ERR_HOOK;
  }
  *out = 0;
  for (i = 0; i < sizeof b; i++) {
    *out = *out << 8 | b[i];
  }
  return 0;
}

mipfb_addr mipfb_addr_ipv4(uint32_t a) {
  mipfb_addr x;
  memset(&x, 0, sizeof x);
  x.family = MIPFB_AF_INET4;
  x.bytes[0] = (uint8_t)(a >> 24);
  x.bytes[1] = (uint8_t)(a >> 16);
  x.bytes[2] = (uint8_t)(a >> 8);
  x.bytes[3] = (uint8_t)a;
  return x;
}

uint32_t mipfb_addr_ipv4_value(const mipfb_addr *a) {
  if (a->family != MIPFB_AF_INET4) {
    return 0;
  }
  return (uint32_t)a->bytes[0] << 24 | (uint32_t)a->bytes[1] << 16 | (uint32_t)a->bytes[2] << 8 | a->bytes[3];
}

uint8_t agent_encap_of(uint8_t flags) {
  if (flags & MIPFB_MIP4_FLAG_M) {
    return MIPFB_ENCAP_MINIMAL;
  }
  if (flags & MIPFB_MIP4_FLAG_G) {
    return MIPFB_ENCAP_GRE;
  }
  return MIPFB_ENCAP_IPIP;
}

mipfb_pkt_info agent_pkt4(uint32_t ifindex, uint32_t src, uint32_t dst, uint16_t sport, uint16_t dport) {
  mipfb_pkt_info p;
  memset(&p, 0, sizeof p);
  p.ifindex = ifindex;
  if (src != 0) {
    p.src = mipfb_addr_ipv4(src);
  }
  p.dst = mipfb_addr_ipv4(dst);
  p.sport = sport;
  p.dport = dport;
  return p;
}

uint32_t agent_ntp_distance_s(uint64_t a, uint64_t b) {
  uint32_t d = (uint32_t)(a >> 32) - (uint32_t)(b >> 32);
  return d > 0x80000000u ? (uint32_t)0 - d : d;
}

uint64_t agent_deadline_after_s(uint64_t now_ms, uint32_t s) {
  uint64_t add = (uint64_t)s * 1000u;
  if (now_ms >= MIPFB_NO_DEADLINE - 1 - add) {
    return MIPFB_NO_DEADLINE - 1;
  }
  return now_ms + add;
}
