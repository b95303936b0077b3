/* MIPv4 mobile node internals: the node object laid out in caller memory,
   and the functions the mn4*.c files share (internal). */
#ifndef MIPFB_AGENT_MN4_INT_H
#define MIPFB_AGENT_MN4_INT_H

#include <mipfb/mn4.h>

#include "agent_int.h"

/* What an interface slot has in flight. */
#define MN4_REQ_NONE 0
#define MN4_REQ_REG 1   /* registration (new, refresh, new CoA, bulk) */
#define MN4_REQ_DEREG 2 /* lifetime 0 for this BID */

/* "No time". */
#define MN4_NEVER MIPFB_NO_DEADLINE

/* Extension entries beyond the rules: Multipath / Multiple Tunnel, MN-HA,
   and for received replies a few unknown skippable ones. */
#define MN4_TX_EXT_EXTRA 3
#define MN4_RX_EXT_EXTRA 8

/* Tunnel parameters of a binding (also the snapshot a request carries). */
typedef struct mn4_params {
  uint32_t coa;  /* co-located CoA, or the node's source address with an FA */
  uint32_t fa;   /* foreign agent address; 0 = co-located */
  uint8_t att;
  uint8_t label;
  uint32_t bw;   /* draft-02 bandwidth (kB); 0 = not sent */
} mn4_params;

/* One interface and its binding. */
typedef struct mn4_if {
  uint32_t id;     /* host interface id; 0 = free slot */
  uint8_t up;
  uint8_t state;   /* mipfb_mn4_state */
  uint8_t bid;     /* 1..254, stable while the slot holds this id */
  uint8_t last_code;
  mn4_params cur;  /* what the host reported last */
  /* The binding (tunnel) in force. */
  uint8_t has_tun;
  uint8_t tun_bid;    /* BID of the tunnel event: bid, or 0 for the single binding */
  mn4_params tun;     /* its parameters */
  uint16_t tun_life;  /* lifetime in force, s */
  uint64_t expire_at; /* MN4_NEVER for an infinite lifetime */
  uint64_t refresh_at;
  uint32_t reg_seq;   /* order of registration (the 152 fallback picks the oldest) */
  /* The request in flight. */
  uint8_t req;        /* MN4_REQ_* */
  uint8_t req_bulk;   /* B = 1 */
  uint8_t req_fb;     /* carried Flow-Binding extensions */
  uint8_t covered;    /* its refresh rides on another slot's B = 1 request */
  uint32_t req_gen;   /* policy generation the request carried */
  mn4_params req_p;   /* parameters the request registers */
  uint64_t req_id;    /* Identification of the last transmission */
  uint32_t tries;     /* transmissions in this attempt */
  uint32_t wait_ms;   /* current wait */
  uint64_t retx_at;   /* next retransmission, MN4_NEVER when none */
  uint64_t retry_at;  /* FAILED: next attempt, MN4_NEVER when none */
  uint8_t fb_bids[32]; /* bitmap of the BIDs the in-flight request's Flow-Binding extensions named */
} mn4_if;

/* The node-wide deregistration (go home). */
typedef struct mn4_home {
  uint8_t active;
  uint64_t id;
  uint32_t tries;
  uint32_t wait_ms;
  uint64_t retx_at;
} mn4_home;

/* Undo log of hook calls made by one operation. */
typedef struct mn4_undo {
  uint8_t kind; /* 1 tunnel */
  mipfb_tunnel_event inv;
} mn4_undo;

struct mipfb_mn4 {
  agent_host host;
  mipfb_mn4_config cfg;
  uint64_t clock_offset; /* added to wallclock (mod 2^64) */
  uint64_t last_id;      /* last Identification used */
  uint64_t deadline;     /* last announced deadline */
  uint64_t seed;
  uint8_t multipath;     /* still on */
  uint8_t policy_pending; /* the wanted policy has not been accepted yet */
  uint32_t policy_gen;   /* bumped by every set_policy */
  uint32_t n153;         /* 153 answers since the policy was last accepted */
  uint8_t fb_hold[32];   /* 153: BIDs being registered again before the policy is resent */
  int primary;           /* single-binding mode: slot holding the binding, -1 none */
  uint32_t reg_seq;
  mn4_home home;
  mipfb_mn4_stats stats;
  mn4_if *ifs;           /* cfg.max_ifaces */
  mipfb_policy_rule *want; /* the node's policy (set_policy) */
  size_t n_want;
  mipfb_policy_rule *cur;  /* the rules the engine uses */
  size_t n_cur;
  mipfb_policy_rule *tmp;  /* scratch for a reply's rules */
  mipfb_mip4_ext *tx_ext;  /* max_rules + MN4_TX_EXT_EXTRA */
  mipfb_mip4_ext *rx_ext;  /* max_rules + MN4_RX_EXT_EXTRA */
  uint8_t *buf;            /* encode buffer */
  size_t buf_len;
  mn4_undo *undo;          /* max_ifaces + 1 entries */
  size_t n_undo;
  void *pol_mem;
  size_t pol_len;
  mipfb_policy *pol;
};

/* ---- mn4.c ---- */
/* Slot of an interface id, or NULL. */
mn4_if *mn4_find(const mipfb_mn4 *mn, uint32_t id);
/* Announce the deadline when it changed. */
void mn4_announce(mipfb_mn4 *mn);

/* ---- mn4_send.c ---- */
/* Next Identification (RFC 5944 5.7 timestamp plus offset, strictly
   increasing). */
uint64_t mn4_next_id(mipfb_mn4 *mn, uint64_t now_ms);
/* Build and send the in-flight request of slot f (a fresh Identification;
   counts a transmission; arms the retransmission timer). */
int mn4_transmit(mipfb_mn4 *mn, mn4_if *f, uint64_t now_ms);
/* Start a registration of f (state REGISTERING or REFRESHING) and send it. */
int mn4_start_reg(mipfb_mn4 *mn, mn4_if *f, uint64_t now_ms, int bulk);
/* Start a deregistration of f's BID (state DEREGISTERING) and send it. */
int mn4_start_dereg(mipfb_mn4 *mn, mn4_if *f, uint64_t now_ms);
/* Send the node-wide deregistration (go home). */
int mn4_transmit_home(mipfb_mn4 *mn, uint64_t now_ms);
/* Forget the request in flight of f. */
void mn4_cancel_req(mn4_if *f);

/* ---- mn4_tun.c ---- */
/* Tunnel event for slot f (op ADD/CHANGE from the given parameters,
   REMOVE from the binding in force); recorded in the undo log. */
int mn4_tun(mipfb_mn4 *mn, const mn4_if *f, uint8_t op, const mn4_params *p, uint8_t tun_bid, uint16_t life);
/* Undo every hook call logged since mark (reverse order), then drop them. */
void mn4_undo_to(mipfb_mn4 *mn, size_t mark);
/* Drop the binding in force of f locally (no hook). */
void mn4_drop_tun(mipfb_mn4 *mn, mn4_if *f);
/* Set the binding in force of f (no hook). */
void mn4_set_tun(mipfb_mn4 *mn, mn4_if *f, const mn4_params *p, uint8_t tun_bid, uint16_t life, uint64_t now_ms);

/* The node's security association through the auth_key hook (0, or the
   hook's non-zero answer). */
int mn4_ask_key(const mipfb_mn4 *mn, mipfb_auth_answer *a);

/* ---- mn4_policy.c ---- */
/* Replace the rules the engine uses by rules[0..n-1] (flow hook events;
   undone when one fails). */
int mn4_engine_replace(mipfb_mn4 *mn, const mipfb_policy_rule *rules, size_t n);
/* Number of Flow-Binding extensions written at ext for a request of slot
   f (rules filtered by the registered BIDs and f's own); sets f->fb_bids. */
size_t mn4_fb_build(mipfb_mn4 *mn, mn4_if *f, mipfb_mip4_ext *ext);
/* Whether the Flow-Binding extensions of f's request (f->fb_bids) named
   every BID of the policy whose binding is now registered. */
int mn4_fb_complete(const mipfb_mn4 *mn, const mn4_if *f);
/* Whether a registration of f should carry the policy. */
int mn4_fb_wanted(const mipfb_mn4 *mn, const mn4_if *f);
/* Convert a reply's Flow-Binding extensions into mn->tmp; returns the
   count. */
size_t mn4_fb_from_reply(mipfb_mn4 *mn, const mipfb_mip4_msg *msg);
/* Send the pending policy when nothing else will carry it. */
int mn4_policy_kick(mipfb_mn4 *mn, uint64_t now_ms);

/* ---- mn4_timer.c ---- */
/* Earliest deadline of the node. */
uint64_t mn4_deadline(const mipfb_mn4 *mn);
/* A registration attempt of f failed (rejected or unanswered): tunnel
   removed, FAILED, retry after the backoff unless max_retrans is used up. */
int mn4_fail(mipfb_mn4 *mn, mn4_if *f, uint64_t now_ms, uint8_t code, int retry);
/* A B = 1 request of f ended without success: the bindings it covered
   refresh on their own, now. */
void mn4_uncover(mipfb_mn4 *mn, const mn4_if *f, uint64_t now_ms);
/* mn4_transmit, and a deregistration nobody can carry is dropped (0). */
int mn4_retransmit(mipfb_mn4 *mn, mn4_if *f, uint64_t now_ms);
/* Grow the backoff of f. */
void mn4_backoff(const mipfb_mn4 *mn, mn4_if *f);
/* Single-binding mode: pick an interface that is up for the binding and
   register it (when none holds it). */
int mn4_single_elect(mipfb_mn4 *mn, uint64_t now_ms);

/* Bitmap helpers. */
static inline void mn4_bit_set(uint8_t *m, unsigned b) { m[b >> 3] = (uint8_t)(m[b >> 3] | (1u << (b & 7u))); }
static inline void mn4_bit_clr(uint8_t *m, unsigned b) { m[b >> 3] = (uint8_t)(m[b >> 3] & ~(1u << (b & 7u))); }
static inline int mn4_bit_get(const uint8_t *m, unsigned b) { return (m[b >> 3] >> (b & 7u)) & 1u; }
int mn4_bits_empty(const uint8_t *m);

#endif /* MIPFB_AGENT_MN4_INT_H */
