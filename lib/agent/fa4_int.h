/* MIPv4 foreign agent internals: the agent struct, the visitor and
   pending tables (caller memory, index-linked), the deadline. */
#ifndef MIPFB_AGENT_FA4_INT_H
#define MIPFB_AGENT_FA4_INT_H

#include <mipfb/fa4.h>

#include "../core/hash.h"
#include "agent_int.h"

/* "No entry" in every index link. */
#define FA4_NIL 0xFFFFFFFFu
/* Extensions one message may carry (decode scratch in the agent). */
#define FA4_EXT_CAP MIPFB_FA4_MAX_EXT

/* What a request asked for beyond RFC 5944 (pending entry, plan). */
#define FA4_EXT_NONE 0
#define FA4_EXT_MULTIPATH 1 /* RFC 7629 Multipath extension */
#define FA4_EXT_MTUNNEL 2   /* draft-02 Multiple Tunnel Request */

/* One visitor: (hoa, bid). Linked in its hash bucket (hnext) or, when
   free, in the free list (hnext too). */
typedef struct fa4_visitor {
  uint64_t expires_ms;
  uint64_t seq; /* order of first acceptance, for mipfb_fa4_deliver */
  uint32_t hoa;
  uint32_t ha;
  uint32_t ifindex;
  uint32_t node_addr;
  uint32_t lifetime_s;
  uint32_t hnext;
  uint16_t bid;
  uint16_t node_port;
  uint8_t used;
  uint8_t if_att;
  uint8_t if_label;
  uint8_t encap;
  uint8_t reverse;
} fa4_visitor;

/* One request awaiting its reply, keyed by (hoa, low 32 bits of id).
   Hash bucket chain (hnext; free list when unused) and a FIFO in expiry
   order (oprev/onext: every entry expires pending_timeout_ms after its
   last refresh and the clock never goes back, so appending keeps it
   sorted). */
typedef struct fa4_pending {
  uint64_t expires_ms;
  uint64_t id;         /* the request's whole Identification */
  uint32_t hoa;        /* the request's home address (0: NAI) */
  uint32_t id_low;
  uint32_t ha;         /* the request's home agent */
  uint32_t coa;
  uint32_t ifindex;    /* the node's link */
  uint32_t node_addr;  /* the request's source address */
  uint32_t local_addr; /* where to send replies from */
  uint32_t hnext;
  uint32_t oprev;
  uint32_t onext;
  uint16_t node_port;
  uint16_t lifetime;   /* requested */
  uint16_t bid;
  uint8_t used;
  uint8_t flags;       /* RRQ flag octet */
  uint8_t ext;         /* FA4_EXT_* */
  uint8_t b;
  uint8_t o;
  uint8_t if_att;
  uint8_t if_label;
  uint8_t reserve;     /* 1: holds a visitor slot for a new (hoa, bid) */
} fa4_pending;

struct mipfb_fa4 {
  agent_host host;
  mipfb_fa4_config cfg;
  mipfb_fa4_stats stats;
  fa4_visitor *vis;
  uint32_t *vis_head;
  fa4_pending *pen;
  uint32_t *pen_head;
  uint32_t vis_mask;
  uint32_t pen_mask;
  uint32_t vis_free;
  uint32_t pen_free;
  uint32_t n_vis;
  uint32_t n_pen;
  uint32_t n_reserved; /* pending entries holding a visitor slot */
  uint32_t pen_first;  /* FIFO head (earliest expiry) */
  uint32_t pen_last;
  uint64_t seq;
  uint64_t vis_min;    /* earliest visitor expiry, exact unless vis_min_dirty */
  int vis_min_dirty;
  uint64_t deadline;   /* last value given to set_timer */
  mipfb_mip4_ext ext[FA4_EXT_CAP];
};

/* Hash buckets: visitors by home address, pending entries by
   (home address, low 32 bits of Identification). */
static inline uint32_t fa4_vis_bucket(const mipfb_fa4 *fa, uint32_t hoa) {
  return (uint32_t)mipfb_fmix64(hoa) & fa->vis_mask;
}
static inline uint32_t fa4_pen_bucket(const mipfb_fa4 *fa, uint32_t hoa, uint32_t id_low) {
  return (uint32_t)mipfb_fmix64((uint64_t)hoa << 32 | id_low) & fa->pen_mask;
}

/* ---- fa4.c: deadline ---- */
/* A visitor's expiry became t (added or extended). */
void fa4_vis_deadline_note(mipfb_fa4 *fa, uint64_t t);
/* A visitor whose expiry was t was removed or moved later. */
void fa4_vis_deadline_drop(mipfb_fa4 *fa, uint64_t t);
/* Recompute the earliest deadline; call set_timer when it changed. */
void fa4_deadline_update(mipfb_fa4 *fa);

/* ---- fa4_pending.c ---- */
uint32_t fa4_pen_find(const mipfb_fa4 *fa, uint32_t hoa, uint32_t id_low);
/* Allocate an entry for (hoa, id_low) at the FIFO tail; FA4_NIL when full. */
uint32_t fa4_pen_alloc(mipfb_fa4 *fa, uint32_t hoa, uint32_t id_low);
/* Move an entry to the FIFO tail with a new expiry. */
void fa4_pen_touch(mipfb_fa4 *fa, uint32_t i, uint64_t expires_ms);
/* Free an entry (and its visitor slot reservation). */
void fa4_pen_release(mipfb_fa4 *fa, uint32_t i);
/* Take or give back a visitor slot reservation for entry i. */
int fa4_pen_reserve(mipfb_fa4 *fa, uint32_t i);
void fa4_pen_unreserve(mipfb_fa4 *fa, uint32_t i);

/* ---- fa4_visitors.c ---- */
uint32_t fa4_vis_find(const mipfb_fa4 *fa, uint32_t hoa, uint16_t bid);
/* Apply an accepted reply to the visitors: the request in pending entry
   p, granted lifetime (already capped), the reply's home address. Calls
   the tunnel hook; on failure undoes and returns MIPFB_ERR_HOOK with the
   table unchanged. MIPFB_ERR_TABLE_FULL (nothing called) when a new
   visitor finds no slot. */
int fa4_vis_apply(mipfb_fa4 *fa, uint64_t now_ms, const fa4_pending *p, uint32_t hoa, uint32_t granted_s);
/* Remove every visitor expired at now_ms; MIPFB_ERR_HOOK when a REMOVE
   failed (removed anyway). */
int fa4_vis_expire(mipfb_fa4 *fa, uint64_t now_ms);
/* Copy a visitor out. */
void fa4_vis_export(const fa4_visitor *v, uint64_t now_ms, mipfb_fa4_visitor *out);

/* ---- fa4_relay.c ---- */
int fa4_input_request(mipfb_fa4 *fa, uint64_t now_ms, const uint8_t *msg, size_t len, const mipfb_pkt_info *from);
int fa4_input_reply(mipfb_fa4 *fa, uint64_t now_ms, const uint8_t *msg, size_t len, const mipfb_pkt_info *from);
/* Drop the pending entries due at now_ms (code 78 when configured);
   MIPFB_ERR_HOOK when a send failed. */
int fa4_pen_expire(mipfb_fa4 *fa, uint64_t now_ms);

#endif /* MIPFB_AGENT_FA4_INT_H */
