/* MIPv4 home agent internals (internal): the agent laid out in caller
   memory, its pools (nodes, bindings, rules) shared by all nodes, the node
   hash, the expiry wheel, and the per-request work area. */
#ifndef MIPFB_AGENT_HA4_INT_H
#define MIPFB_AGENT_HA4_INT_H

#include <mipfb/ha4.h>
#include <mipfb/mip4.h>

#include "agent_int.h"

/* "No index" in every pool link. */
#define HA4_NONE 0xFFFFFFFFu

/* ha4_node.flags */
#define HA4_NODE_USED 0x01u
#define HA4_NODE_MULTIPATH 0x02u /* bindings registered with Multipath / MTR */
#define HA4_NODE_NAI 0x04u       /* linked in the NAI hash */
#define HA4_NODE_IDLE 0x08u      /* no binding: on the idle list */

/* A mobile node. Free records are chained through idle_next. */
typedef struct ha4_node {
  uint64_t last_id;    /* Identification of the last accepted request */
  uint64_t idle_until; /* HA4_NODE_IDLE: when the record is freed (ms) */
  uint32_t hoa;
  uint32_t hnext;      /* home-address hash chain */
  uint32_t bind;       /* first binding, BID order */
  uint32_t rule;       /* first rule, policy order */
  uint32_t idle_prev, idle_next;
  uint16_t n_rules;
  uint8_t n_bind;
  uint8_t flags;
} ha4_node;

/* A binding. Free records are chained through next. */
typedef struct ha4_bind {
  uint64_t expires;   /* ms, a whole second of the host clock */
  uint32_t coa;
  uint32_t node;
  uint32_t next;      /* node's list (BID order) or free list */
  uint32_t wprev, wnext; /* expiry wheel slot list */
  uint16_t lifetime;  /* granted, s */
  uint8_t bid, if_att, if_label, encap, reverse;
} ha4_bind;

/* A rule in compact form: header then the RFC 6088 selector in its wire
   form (flags word first). Records are ha->rule_stride octets apart.
   DROP keeps n_bids 0. */
typedef struct ha4_rule {
  uint32_t next;      /* node's list or free list */
  uint8_t action;     /* MIPFB_ACTION_DROP / MIPFB_ACTION_FORWARD */
  uint8_t n_bids;
  uint8_t format;     /* TS Format */
  uint8_t ts_len;     /* selector octets */
  uint8_t bids[MIPFB_POLICY_MAX_RULE_BIDS];
  uint8_t ts[];       /* ts_len of ha->ts_max octets */
} ha4_rule;

/* A planned binding (request work area), BID order. */
typedef struct ha4_pbind {
  uint64_t expires;
  uint32_t old;       /* position of the existing binding in old_b[], or HA4_NONE (added) */
  uint32_t coa;
  uint16_t lifetime;
  uint8_t bid, if_att, if_label, encap, reverse;
} ha4_pbind;

/* One hook call done by the apply step, kept to undo it. */
typedef struct ha4_undo {
  uint8_t kind;       /* HA4_UNDO_* */
  uint8_t op;         /* the op that was done */
  uint16_t pos;       /* flow: rule position; tunnel: index in old[] or pb[] */
} ha4_undo;

#define HA4_UNDO_TUNNEL_OLD 1 /* a tunnel event about old binding old_b[pos] (REMOVE) */
#define HA4_UNDO_TUNNEL_NEW 2 /* a tunnel event about planned binding pb[pos] (ADD, CHANGE) */
#define HA4_UNDO_FLOW 3       /* a flow event at position pos */

/* The agent, at the start of the caller memory; the arrays follow. */
struct mipfb_ha4 {
  agent_host host;
  mipfb_codepoints cp;
  mipfb_ha4_config cfg; /* cfg.codepoints points at cp */
  mipfb_ha4_stats stats;
  uint64_t seed;        /* node hash, NAI hash */
  uint64_t flow_seed;   /* RFC 7629 6 default hashing */
  uint64_t reported;    /* last deadline given to set_timer */
  /* pools */
  ha4_node *nodes;      /* [max_nodes] */
  ha4_bind *binds;      /* [max_bindings] */
  uint8_t *rules;       /* [max_rules * rule_stride] */
  uint32_t rule_stride;
  uint32_t ts_max;
  uint32_t node_free, bind_free, rule_free; /* free list heads */
  uint32_t n_nodes, n_binds, n_rules;       /* in use */
  /* home-address hash, NAI hash */
  uint32_t *buckets;    /* [hmask + 1] */
  uint32_t hmask;
  uint32_t *nai_buckets; /* [hmask + 1] when max_nai_len, else NULL */
  uint32_t *nai_next;    /* [max_nodes] */
  uint8_t *nai;          /* [max_nodes * (1 + max_nai_len)]: length octet then the NAI */
  /* idle nodes, oldest first */
  uint32_t idle_head, idle_tail;
  /* expiry wheel: one slot per second, slot = second % n_slots */
  uint32_t *wheel;       /* [n_slots] first binding */
  uint64_t *wheel_bits;  /* [(n_slots + 63) / 64] non-empty slots */
  uint32_t n_slots;
  uint64_t next_s;       /* earliest second in the wheel (valid when wheel_n) */
  uint32_t wheel_n;      /* bindings in the wheel */
  /* work area of one request */
  mipfb_mip4_ext *ext;   /* [ext_cap] decode, then the reply's extensions */
  uint32_t ext_cap;
  ha4_pbind *pb;         /* [max_bindings_per_node + 1] */
  uint32_t *old_b;       /* [max_bindings_per_node] old bindings, BID order */
  uint32_t *old_r;       /* [max_rules_per_node] old rules, policy order */
  uint8_t *new_r;        /* [max_rules_per_node * rule_stride] planned rules */
  ha4_undo *undo;        /* [undo_cap] */
  uint32_t undo_cap;
  uint8_t *reply;        /* [reply_cap] */
  uint32_t reply_cap;
};

/* ---- ha4_cache.c: pools and hashes ---- */
ha4_node *ha4_node_find(const mipfb_ha4 *ha, uint32_t hoa);
/* Cache hints for the lookup of hoa, issued in stages so the memory
   latency overlaps the decoding and the HMAC: 0 its bucket, 1 the node
   the bucket names, 2 that node's first binding. Nothing else happens. */
void ha4_prefetch(const mipfb_ha4 *ha, uint32_t hoa, int stage);
uint32_t ha4_node_find_idx(const mipfb_ha4 *ha, uint32_t hoa);
uint32_t ha4_node_find_nai(const mipfb_ha4 *ha, const uint8_t *nai, size_t len);
/* New node record (hashed, idle flag clear), or HA4_NONE when full. */
uint32_t ha4_node_alloc(mipfb_ha4 *ha, uint32_t hoa);
/* Unhash the node and return its record to the node pool (no bindings, no rules). */
void ha4_node_release(mipfb_ha4 *ha, uint32_t idx);
/* Store the node's NAI and hash it (no-op without NAI keying, when it has one, or too long). */
void ha4_node_set_nai(mipfb_ha4 *ha, uint32_t idx, const uint8_t *nai, size_t len);
/* Idle list: a node without bindings, freed at idle_until. */
void ha4_idle_add(mipfb_ha4 *ha, uint32_t idx, uint64_t until);
void ha4_idle_remove(mipfb_ha4 *ha, uint32_t idx);
uint32_t ha4_bind_alloc(mipfb_ha4 *ha);
void ha4_bind_release(mipfb_ha4 *ha, uint32_t idx);
uint32_t ha4_rule_alloc(mipfb_ha4 *ha);
void ha4_rule_release(mipfb_ha4 *ha, uint32_t idx);
static inline ha4_rule *ha4_rule_at(const mipfb_ha4 *ha, uint32_t idx) {
  return (ha4_rule *)(void *)(ha->rules + (size_t)idx * ha->rule_stride);
}
static inline ha4_rule *ha4_new_rule_at(const mipfb_ha4 *ha, uint32_t pos) {
  return (ha4_rule *)(void *)(ha->new_r + (size_t)pos * ha->rule_stride);
}
/* Octets of a compact rule worth comparing / copying (header minus link, selector). */
size_t ha4_rule_bytes(const ha4_rule *r);
/* Empty pools and hashes. */
void ha4_cache_reset(mipfb_ha4 *ha);

/* ---- ha4_wheel.c: expiry wheel ---- */
void ha4_wheel_reset(mipfb_ha4 *ha);
void ha4_wheel_add(mipfb_ha4 *ha, uint32_t b);
void ha4_wheel_remove(mipfb_ha4 *ha, uint32_t b);
/* Earliest binding expiry (ms), or MIPFB_NO_DEADLINE. */
uint64_t ha4_wheel_next(const mipfb_ha4 *ha);
/* One binding due at now_ms, or HA4_NONE. */
uint32_t ha4_wheel_due(const mipfb_ha4 *ha, uint64_t now_ms);
/* Expiry of a lifetime granted at now_ms, rounded up to a whole second. */
uint64_t ha4_expiry(uint64_t now_ms, uint32_t lifetime_s);

/* ---- ha4_apply.c: hooks, undo, commit ---- */
/* Replace node `node`'s bindings by pb[0..n_pb-1] and its rules by
   new_r[0..n_new_r-1]: hook calls (removals first) then the commit.
   force: a hook failure does not undo (expiry). A node left without
   binding loses its rules' multipath flag and goes on the idle list. Returns 0 or
   MIPFB_ERR_HOOK (undone unless force). Pools must have room (checked by
   the plan). */
int ha4_apply(mipfb_ha4 *ha, uint32_t node, uint32_t n_pb, uint32_t n_new_r, int force, uint64_t now_ms);
/* pb[at] = old binding old_b[pos] unchanged. */
void ha4_pb_keep(mipfb_ha4 *ha, uint32_t pos, uint32_t at);
/* Collect the node's bindings / rules into old_b / old_r; return counts. */
uint32_t ha4_collect_bindings(const mipfb_ha4 *ha, const ha4_node *n);
uint32_t ha4_collect_rules(const mipfb_ha4 *ha, const ha4_node *n);
/* Copy old rules to new_r without the BIDs that no pb[] entry has (FORWARD
   rules left without BID are dropped; with n_pb 0 every rule goes).
   Returns the count. */
uint32_t ha4_prune_rules(mipfb_ha4 *ha, uint32_t n_old_r, uint32_t n_pb);
/* Hook calls: a binding's tunnel event; a flow INSTALL of rule r at
   position pos, or its REMOVE (r NULL). 0 or MIPFB_ERR_HOOK. */
int ha4_tunnel_bind(const mipfb_ha4 *ha, const ha4_node *n, const ha4_bind *b, uint8_t op);
int ha4_flow_rule(const mipfb_ha4 *ha, const ha4_node *n, const ha4_rule *r, uint32_t pos);
/* Give set_timer the earliest deadline when it changed. */
void ha4_report_deadline(mipfb_ha4 *ha);
/* Expire everything due at now_ms and return idle node records past their window to the pool. */
int ha4_expire(mipfb_ha4 *ha, uint64_t now_ms);

/* ---- ha4_request.c ---- */
int ha4_request(mipfb_ha4 *ha, uint64_t now_ms, const uint8_t *msg, size_t len, const mipfb_pkt_info *from);

/* ---- ha4_reply.c ---- */
/* What a reply needs from its request. */
typedef struct ha4_reply_info {
  uint8_t code;
  uint16_t lifetime;
  uint32_t hoa;
  uint64_t id;
  uint32_t spi;
  const mipfb_hmac_md5_key *key;
  mipfb_vec nai;           /* echoed when not empty */
  uint32_t policy_node;    /* HA4_NONE, or the node whose rules go as Flow-Binding extensions */
} ha4_reply_info;
int ha4_reply_send(mipfb_ha4 *ha, const ha4_reply_info *ri, const mipfb_pkt_info *from);
/* Locate the MN-HA authentication extension by framing only: its offset
   (Type octet), or -1. */
mipfb_ssize ha4_find_mn_ha_auth(const mipfb_ha4 *ha, const uint8_t *msg, size_t len);

/* ---- ha4_rules.c ---- */
/* Compact form of a decoded Flow-Binding extension into r. Returns 0, or
   MIPFB_ERR_NOBUF when the selector exceeds ts_max. */
int ha4_rule_from_fb(const mipfb_ha4 *ha, ha4_rule *r, const mipfb_mip4_flow_binding *fb);
/* Decoded form for the API / hooks (id = pos + 1). */
void ha4_rule_to_policy(const mipfb_ha4 *ha, const ha4_rule *r, uint32_t pos, mipfb_policy_rule *out);
/* Flow-Binding extension of a compact rule (for the reply). */
void ha4_rule_to_fb(const mipfb_ha4 *ha, const ha4_rule *r, mipfb_mip4_flow_binding *out);

#endif /* MIPFB_AGENT_HA4_INT_H */
