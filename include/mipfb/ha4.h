/**
 * @file ha4.h
 * @brief MIPv4 home agent (RFC 5944) with RFC 7629 multipath and flow
 *        binding and the draft-gundavelli-mip4-multiple-tunnel-support-02
 *        Multiple Tunnel Request: binding cache, registration processing,
 *        flow policy, expiry, packet classification, state export / import.
 *
 * The home agent lives in caller memory (@ref mipfb_ha4_mem_size, then
 * @ref mipfb_ha4_init). Every capacity comes from the configuration; the
 * library allocates nothing and keeps no global state. The host hands
 * every received Registration Request to @ref mipfb_ha4_input and calls
 * @ref mipfb_ha4_timeout at the deadline the @c set_timer hook (or
 * @ref mipfb_ha4_next_deadline) gives; the agent answers through the hooks
 * of @ref mipfb_hooks (agent.h): @c send for replies, @c tunnel for each
 * binding's tunnel, @c flow for each policy rule, @c auth_key for the
 * mobility security associations, @c wallclock for Identification
 * timestamps, @c random for the hash seeds.
 *
 * Behaviour where the specifications leave a choice (order of checks,
 * binding semantics of each request, flow policy pruning, expiry, replay
 * protection, the state image) is fixed by doc/agents.md, section "Home
 * agent".
 *
 * Cost: a request costs O(1) in the number of nodes and bindings of the
 * agent (a hash lookup by home address, work proportional to the node's
 * own bindings and rules, one HMAC-MD5 verification and one signature);
 * expiry is a timer wheel of 1-second slots.
 *
 * Addresses are host-order @c uint32_t (10.0.0.1 is 0x0a000001), as in
 * mip4.h; hook records carry @ref mipfb_addr (network order).
 *
 * Threading: one home agent must not be used by several threads at once,
 * except for the functions taking it @c const, which may run together
 * while no other call runs.
 *
 * Use:
 * @code
 * mipfb_ha4_config cfg;
 * mipfb_ha4 *ha;
 * mipfb_ha4_config_default(&cfg);
 * cfg.ha_addr = 0x0a000001;                // 10.0.0.1
 * size_t n = mipfb_ha4_mem_size(&cfg);     // 0: a field out of range
 * void *mem = aligned_alloc(MIPFB_HA4_ALIGN, (n + 7) & ~(size_t)7);
 * if (mipfb_ha4_init(&ha, mem, n, &cfg, &hooks, host, now_ms()) != 0) { ... }
 * // a datagram on UDP 434:
 * int code = mipfb_ha4_input(ha, now_ms(), buf, len, &from);  // reply code sent, or < 0
 * // the set_timer hook's deadline passed:
 * mipfb_ha4_timeout(ha, now_ms());
 * // a packet for a mobile node:
 * mipfb_policy_decision d;
 * uint32_t hoa;
 * if (mipfb_ha4_classify_packet(ha, pkt, pkt_len, MIPFB_DIR_TO_MN, &d, &hoa) == 0 &&
 *     d.kind == MIPFB_DECISION_FORWARD) { ... tunnel (hoa, d.bid) ... }
 * @endcode
 */
#ifndef MIPFB_HA4_H
#define MIPFB_HA4_H

#include <mipfb/agent.h>
#include <mipfb/codepoints.h>
#include <mipfb/policy.h>

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Alignment @ref mipfb_ha4_init requires of the caller memory. @since 0.1.0 */
#define MIPFB_HA4_ALIGN 8

/** @brief Default maximum granted lifetime, seconds. @since 0.1.0 */
#define MIPFB_HA4_DEFAULT_MAX_LIFETIME 1800u
/** @brief Default replay window of timestamp Identifications, ms (RFC 5944 5.7). @since 0.1.0 */
#define MIPFB_HA4_DEFAULT_REPLAY_WINDOW_MS 7000u
/** @brief Selector octets per rule that hold every IPv4 selector (RFC 6088 3.1). @since 0.1.0 */
#define MIPFB_HA4_TS_LEN_IPV4 40u
/** @brief Largest value of @ref mipfb_ha4_config::max_bindings_per_node (BIDs 1..254). @since 0.1.0 */
#define MIPFB_HA4_MAX_BINDINGS_PER_NODE 254u
/** @brief Largest value of @ref mipfb_ha4_config::max_rules_per_node. @since 0.1.0 */
#define MIPFB_HA4_MAX_RULES_PER_NODE 255u
/** @brief Largest value of @ref mipfb_ha4_config::max_nodes, of @c max_bindings and of @c max_rules. @since 0.1.0 */
#define MIPFB_HA4_MAX_POOL 0x40000000u
/** @brief Largest value of @ref mipfb_ha4_config::max_lifetime, seconds (the home agent never grants infinity). @since 0.1.0 */
#define MIPFB_HA4_MAX_LIFETIME 65534u
/** @brief Largest value of @ref mipfb_ha4_config::max_nai_len. @since 0.1.0 */
#define MIPFB_HA4_MAX_NAI_LEN 255u

/**
 * @brief Configuration of a home agent. Fill it with
 *        @ref mipfb_ha4_config_default, then set at least @c ha_addr.
 *
 * Memory (64-bit target): 48 octets per node, 40 per binding and
 * 16 + @c ts_max_len (rounded up to 4; 56 for IPv4 selectors) per rule,
 * plus 4 octets of hash bucket per power of two at or above @c max_nodes
 * (twice that and 1 + @c max_nai_len octets per node with NAI keying), 4
 * octets per second of @c max_lifetime for the expiry wheel, and a work
 * area that grows with @c max_rules_per_node and @c max_bindings_per_node
 * (about 7 KB with the defaults). A node with 2 bindings and 4 IPv4
 * rules takes about 360 octets; @ref mipfb_ha4_mem_size gives the exact
 * figure (356 MB for 1,000,000 nodes, 2,000,000 bindings and 4,000,000
 * rules). A host that gives the agent huge pages saves most TLB misses
 * of a large binding cache.
 * @since 0.1.0
 */
typedef struct mipfb_ha4_config {
  uint32_t ha_addr;               /**< this home agent's address (host order, not 0) */
  uint32_t max_nodes;             /**< mobile nodes the binding cache holds (1..@ref MIPFB_HA4_MAX_POOL); default 1024 */
  uint32_t max_bindings;          /**< bindings of all nodes together (1..@ref MIPFB_HA4_MAX_POOL); default 2048 */
  uint32_t max_bindings_per_node; /**< bindings one node may hold (1..@ref MIPFB_HA4_MAX_BINDINGS_PER_NODE); more: reply 135. Default 8 */
  uint32_t max_rules;             /**< flow rules of all nodes together (0..@ref MIPFB_HA4_MAX_POOL; 0: every Flow-Binding extension is answered 130); default 4096 */
  uint32_t max_rules_per_node;    /**< rules one node's policy may hold (0..@ref MIPFB_HA4_MAX_RULES_PER_NODE); more: reply 130. Default 16 */
  uint32_t max_nai_len;           /**< NAI octets stored per node for requests that name the node by NAI only (RFC 2794); 0: no NAI keying (default) */
  uint32_t max_lifetime;          /**< largest granted lifetime, seconds (1..@ref MIPFB_HA4_MAX_LIFETIME); default @ref MIPFB_HA4_DEFAULT_MAX_LIFETIME */
  uint32_t replay_window_ms;      /**< timestamp window of Identification checks, ms (1..86400000); default @ref MIPFB_HA4_DEFAULT_REPLAY_WINDOW_MS */
  uint32_t ts_max_len;            /**< selector octets stored per rule (4..@ref MIPFB_TS_MAX_LEN); a longer selector in a request is answered 130. Default @ref MIPFB_HA4_TS_LEN_IPV4 */
  uint8_t enable_multiple_tunnel_support; /**< draft-02 EnableMultipleTunnelSupport: 0 answers every Multipath / Multiple Tunnel Request extension with a denial; default 1 */
  uint8_t reply_on_auth_failure;  /**< 1: a request whose authenticator does not verify is answered 131 (RFC 5944 3.8.2.1 MAY); 0: discarded. Default 1 */
  const mipfb_codepoints *codepoints; /**< code-point table, copied at init; NULL: the RFC profile defaults (@ref mipfb_codepoints_default) */
} mipfb_ha4_config;

/**
 * @brief Fill a configuration with the defaults (documented per field).
 * @c ha_addr is set to 0 and must be set by the caller.
 * @param[out] cfg configuration to fill; not NULL
 * @since 0.1.0
 */
MIPFB_EXTERN void mipfb_ha4_config_default(mipfb_ha4_config *cfg);

/** @brief A home agent; fields are private (lives inside the caller memory). @since 0.1.0 */
typedef struct mipfb_ha4 mipfb_ha4;

/**
 * @brief Octets of caller memory a home agent with this configuration needs.
 * @param[in] cfg configuration; not NULL
 * @return the size, or 0 when @p cfg is NULL, a field is out of its range,
 *         or the size does not fit in @c size_t.
 * @since 0.1.0
 */
MIPFB_EXTERN size_t mipfb_ha4_mem_size(const mipfb_ha4_config *cfg);

/**
 * @brief Make a home agent with an empty binding cache in caller memory.
 *
 * The memory belongs to the agent until the caller stops using it; there
 * is nothing to free. The configuration and the hooks are copied. Calls
 * @c random once (hash seeds) and @c set_timer once (no deadline).
 * @param[out] out the agent (a pointer into @p mem); not NULL
 * @param[in] mem at least @ref mipfb_ha4_mem_size octets, aligned to @ref MIPFB_HA4_ALIGN; owned by the agent afterwards
 * @param[in] len octets at @p mem
 * @param[in] cfg configuration (copied); not NULL
 * @param[in] hooks host hooks (copied): @c send, @c random, @c auth_key and @c wallclock are required; not NULL
 * @param[in] user passed back to every hook; may be NULL
 * @param[in] now_ms the host's monotonic clock, ms
 * @retval 0 success
 * @retval MIPFB_ERR_INVALID_ARG a NULL pointer, misaligned @p mem, a configuration field out of range, @c ha_addr 0, a required hook missing
 * @retval MIPFB_ERR_ABI @c hooks->version is 0 or above @ref MIPFB_HOOKS_VERSION
 * @retval MIPFB_ERR_NOBUF @p len is below @ref mipfb_ha4_mem_size
 * @retval MIPFB_ERR_HOOK the @c random hook failed
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_ha4_init(mipfb_ha4 **out, void *mem, size_t len, const mipfb_ha4_config *cfg,
                                const mipfb_hooks *hooks, void *user, uint64_t now_ms);

/**
 * @brief Process one received UDP payload addressed to the home agent
 *        (normally a Registration Request on port 434).
 *
 * Checks, in this order (doc/agents.md "Processing a Registration
 * Request"): decoding; MN-HA authentication (131); Home Agent address
 * (136); Identification (133); validity (134); multipath authorization
 * (152, or the table's @c mip4_code_mtunnel_denied_ha for a Multiple
 * Tunnel Request); the planned change (153, 135, 130); the @c tunnel and
 * @c flow hooks (130 when one fails, the request undone). An accepted
 * request is answered 0 (or 1: S set without Multipath extension). Every
 * reply carries the request's Identification (133: the agent's time and
 * the request's low 32 bits) and an MN-HA authentication extension with
 * the request's SPI, and goes to the request's source address and port
 * from the address and port it was sent to (@p from mirrored), on
 * @p from->ifindex. A rejected request changes nothing. Bindings and idle
 * node records already due at @p now_ms are expired first, as by
 * @ref mipfb_ha4_timeout (its hook failures are logged, not returned).
 * @param[in,out] ha home agent; not NULL
 * @param[in] now_ms monotonic clock, ms (never below an earlier call's)
 * @param[in] msg the UDP payload (borrowed during the call); may be NULL when @p len is 0
 * @param[in] len octets at @p msg
 * @param[in] from addressing of the received datagram (@c src / @c sport: the sender); not NULL
 * @return the reply code sent (0..255), else the message was discarded or the reply not sent:
 * @retval MIPFB_ERR_INVALID_ARG @p ha or @p from is NULL, or @p msg is NULL with @p len not 0
 * @retval MIPFB_ERR_UNSUPPORTED not a Registration Request (a Reply, another Type, or empty); discarded
 * @retval MIPFB_ERR_TRUNCATED the message is cut short; discarded (RFC 5944 3.6.1.1)
 * @retval MIPFB_ERR_UNKNOWN_NONSKIPPABLE an unknown extension of Type 0..127 or Subtype of Type 154; discarded (RFC 5944 1.9)
 * @retval MIPFB_ERR_BAD_VALUE another decoding fault (or @ref MIPFB_ERR_BAD_LENGTH, @ref MIPFB_ERR_DUPLICATE, @ref MIPFB_ERR_BAD_ORDER, @ref MIPFB_ERR_UNSUPPORTED, @ref MIPFB_ERR_NOBUF; the decoder's error) when no MN-HA authentication extension can be located by its framing or it does not verify; discarded. When it verifies, 134 is sent (130 for @ref MIPFB_ERR_NOBUF, more extensions than the agent's work area holds)
 * @retval MIPFB_ERR_AUTH no MN-HA authentication extension, or (with @c reply_on_auth_failure 0) a wrong authenticator; discarded
 * @retval MIPFB_ERR_NOT_FOUND the @c auth_key hook knows no security association for the request; discarded
 * @retval MIPFB_ERR_HOOK the @c send hook failed (the state change stays applied), or a @c tunnel / @c flow hook failed (the request was undone and 130 sent)
 * @retval MIPFB_ERR_INTERNAL the reply could not be encoded (a bug; nothing sent, the state change stays applied)
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_ha4_input(mipfb_ha4 *ha, uint64_t now_ms, const uint8_t *msg, size_t len,
                                 const mipfb_pkt_info *from);

/**
 * @brief Expire every binding whose lifetime has run out by @p now_ms
 *        (tunnel REMOVE, its BID pruned from the node's rules) and free
 *        the records of nodes without bindings whose replay window has
 *        passed. Calling it early, or twice, is harmless. Calls
 *        @c set_timer when the earliest deadline changed.
 * @param[in,out] ha home agent; not NULL
 * @param[in] now_ms monotonic clock, ms
 * @retval 0 success
 * @retval MIPFB_ERR_INVALID_ARG @p ha is NULL
 * @retval MIPFB_ERR_HOOK a @c tunnel or @c flow hook failed; the expired bindings were removed anyway and everything due was processed
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_ha4_timeout(mipfb_ha4 *ha, uint64_t now_ms);

/**
 * @brief The earliest deadline: when the next binding expires or the next
 *        idle node record may be freed. O(1) amortised; never scans the
 *        bindings.
 * @param[in] ha home agent; not NULL
 * @return the deadline (ms, host clock), or @ref MIPFB_NO_DEADLINE when
 *         there is none (or @p ha is NULL).
 * @since 0.1.0
 */
MIPFB_EXTERN uint64_t mipfb_ha4_next_deadline(const mipfb_ha4 *ha);

/**
 * @brief Decide how to forward one packet to (or from) a mobile node.
 *
 * The node is found by the packet's destination address
 * (@ref MIPFB_DIR_TO_MN) or source address (@ref MIPFB_DIR_FROM_MN).
 * Its rules are tried in order (first match; a FORWARD rule's first BID
 * that names a binding wins; rules never name missing bindings, see
 * doc/agents.md "Flow policy"); without a matching rule the flow is
 * hashed over the node's bindings (RFC 7629 6: @ref mipfb_policy_flow_hash
 * with this agent's seed, then the highest @ref mipfb_policy_hrw_score).
 * A node without a binding gives @ref MIPFB_DECISION_NONE.
 * @param[in] ha home agent; not NULL
 * @param[in] pkt packet from its IP header (borrowed during the call); may be NULL when @p len is 0
 * @param[in] len octets at @p pkt
 * @param[in] dir @ref MIPFB_DIR_TO_MN or @ref MIPFB_DIR_FROM_MN
 * @param[out] out the decision; not NULL; untouched on error
 * @param[out] hoa_out the node's home address (host order); may be NULL
 * @retval 0 success
 * @retval MIPFB_ERR_INVALID_ARG a NULL pointer or an unknown @p dir
 * @retval MIPFB_ERR_NOT_FOUND the packet is not IPv4, or its address names no node of the binding cache
 * @retval MIPFB_ERR_TRUNCATED as @ref mipfb_flow_parse
 * @retval MIPFB_ERR_UNSUPPORTED as @ref mipfb_flow_parse
 * @retval MIPFB_ERR_BAD_LENGTH as @ref mipfb_flow_parse
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_ha4_classify_packet(const mipfb_ha4 *ha, const uint8_t *pkt, size_t len, int dir,
                                           mipfb_policy_decision *out, uint32_t *hoa_out);

/**
 * @brief @ref mipfb_ha4_classify_packet for a flow key the caller parsed
 *        (@ref mipfb_flow_parse) or built.
 * @param[in] ha home agent; not NULL
 * @param[in] key flow key as seen on the wire; not NULL
 * @param[in] dir @ref MIPFB_DIR_TO_MN or @ref MIPFB_DIR_FROM_MN
 * @param[out] out the decision; not NULL; untouched on error
 * @param[out] hoa_out the node's home address (host order); may be NULL
 * @retval 0 success
 * @retval MIPFB_ERR_INVALID_ARG a NULL pointer or an unknown @p dir
 * @retval MIPFB_ERR_NOT_FOUND the key is not IPv4, or its address names no node
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_ha4_classify(const mipfb_ha4 *ha, const mipfb_flow_key *key, int dir,
                                    mipfb_policy_decision *out, uint32_t *hoa_out);

/**
 * @brief One mobile node of the binding cache, as @ref mipfb_ha4_node_info
 *        reports it.
 * @since 0.1.0
 */
typedef struct mipfb_ha4_node {
  uint32_t hoa;        /**< home address (host order) */
  uint32_t n_bindings; /**< bindings (0: the record is kept for the replay window) */
  uint32_t n_rules;    /**< rules of its flow policy */
  uint64_t last_id;    /**< Identification of the last accepted request */
  uint8_t multipath;   /**< 1 when its bindings were registered with Multipath or Multiple Tunnel Request extensions (BIDs 1..254), 0 for the single BID-0 binding */
  uint64_t idle_until_ms; /**< without bindings: when the record is freed; else 0 */
} mipfb_ha4_node;

/**
 * @brief A binding of the cache, as the introspection calls report it.
 * @since 0.1.0
 */
typedef struct mipfb_ha4_binding {
  uint16_t bid;          /**< binding identifier (0: registered without Multipath extension) */
  uint32_t coa;          /**< care-of address (host order) */
  uint8_t if_att;        /**< access technology type (0 without Multipath extension) */
  uint8_t if_label;      /**< interface label (0 without Multipath extension) */
  uint8_t encap;         /**< `MIPFB_ENCAP_*` (M / G flags of the request) */
  uint8_t reverse;       /**< 1 when reverse tunnelling was requested (T flag) */
  uint16_t lifetime_s;   /**< granted lifetime, seconds */
  uint64_t expires_ms;   /**< expiry time (host clock); granted lifetimes are rounded up to a whole second of the host clock */
  uint64_t remaining_ms; /**< expires_ms - now_ms (0 when due) */
} mipfb_ha4_binding;

/**
 * @brief Counters of a home agent (all since init).
 * @since 0.1.0
 */
typedef struct mipfb_ha4_stats {
  uint64_t requests;        /**< calls of @ref mipfb_ha4_input */
  uint64_t accepted;        /**< replies 0 and 1 */
  uint64_t deregistrations; /**< accepted requests with lifetime 0 */
  uint64_t rejected_auth;   /**< replies 131 */
  uint64_t rejected_id;     /**< replies 133 */
  uint64_t rejected_malformed; /**< replies 134 */
  uint64_t rejected_ha_addr;   /**< replies 136 */
  uint64_t rejected_multipath; /**< replies 152 and Multiple Tunnel Request denials */
  uint64_t rejected_fb_id;     /**< replies 153 */
  uint64_t rejected_resources; /**< replies 130 (also after a hook failure) and 135 */
  uint64_t discarded;       /**< messages discarded without reply */
  uint64_t expired;         /**< bindings removed by @ref mipfb_ha4_timeout */
  uint64_t hook_failures;   /**< @c tunnel, @c flow and @c send failures */
} mipfb_ha4_stats;

/**
 * @brief Copy the counters.
 * @param[in] ha home agent; not NULL
 * @param[out] out counters; not NULL
 * @retval 0 success
 * @retval MIPFB_ERR_INVALID_ARG a NULL pointer
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_ha4_get_stats(const mipfb_ha4 *ha, mipfb_ha4_stats *out);

/**
 * @brief Describe one mobile node.
 * @param[in] ha home agent; not NULL
 * @param[in] hoa home address (host order)
 * @param[out] out filled on success; not NULL
 * @retval 0 success
 * @retval MIPFB_ERR_INVALID_ARG a NULL pointer
 * @retval MIPFB_ERR_NOT_FOUND no record for @p hoa
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_ha4_node_info(const mipfb_ha4 *ha, uint32_t hoa, mipfb_ha4_node *out);

/**
 * @brief One binding of a mobile node.
 * @param[in] ha home agent; not NULL
 * @param[in] hoa home address (host order)
 * @param[in] bid binding identifier (0 for the binding of a request without Multipath extension)
 * @param[in] now_ms monotonic clock, for @c remaining_ms
 * @param[out] out filled on success; not NULL
 * @retval 0 success
 * @retval MIPFB_ERR_INVALID_ARG a NULL pointer
 * @retval MIPFB_ERR_NOT_FOUND no such node or binding
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_ha4_binding_get(const mipfb_ha4 *ha, uint32_t hoa, uint16_t bid, uint64_t now_ms,
                                       mipfb_ha4_binding *out);

/**
 * @brief All bindings of a mobile node, in BID order.
 * @param[in] ha home agent; not NULL
 * @param[in] hoa home address (host order)
 * @param[in] now_ms monotonic clock, for @c remaining_ms
 * @param[out] out up to @p cap bindings; may be NULL when @p cap is 0
 * @param[in] cap entries at @p out
 * @return the node's number of bindings (may exceed @p cap: only @p cap
 *         were written); 0 when the node is unknown or an argument NULL.
 * @since 0.1.0
 */
MIPFB_EXTERN size_t mipfb_ha4_bindings(const mipfb_ha4 *ha, uint32_t hoa, uint64_t now_ms, mipfb_ha4_binding *out,
                                       size_t cap);

/**
 * @brief A mobile node's flow policy, in order.
 * Each rule has @c id = its position + 1 (as in the @c flow hook events),
 * @c prio 0, @c action @ref MIPFB_ACTION_FORWARD or
 * @ref MIPFB_ACTION_DROP (n_bids 0), its BIDs and its selector.
 * @param[in] ha home agent; not NULL
 * @param[in] hoa home address (host order)
 * @param[out] out up to @p cap rules; may be NULL when @p cap is 0
 * @param[in] cap entries at @p out
 * @return the node's number of rules (may exceed @p cap: only @p cap were
 *         written); 0 when the node is unknown or an argument NULL.
 * @since 0.1.0
 */
MIPFB_EXTERN size_t mipfb_ha4_rules(const mipfb_ha4 *ha, uint32_t hoa, mipfb_policy_rule *out, size_t cap);

/**
 * @brief Mobile node records in the binding cache (including the records
 *        kept without bindings for the replay window).
 * @param[in] ha home agent; may be NULL (0)
 * @return the count.
 * @since 0.1.0
 */
MIPFB_EXTERN size_t mipfb_ha4_node_count(const mipfb_ha4 *ha);

/**
 * @brief Bindings of all nodes.
 * @param[in] ha home agent; may be NULL (0)
 * @return the count.
 * @since 0.1.0
 */
MIPFB_EXTERN size_t mipfb_ha4_binding_count(const mipfb_ha4 *ha);

/**
 * @brief Rules of all nodes' policies.
 * @param[in] ha home agent; may be NULL (0)
 * @return the count.
 * @since 0.1.0
 */
MIPFB_EXTERN size_t mipfb_ha4_rule_count(const mipfb_ha4 *ha);

/**
 * @brief Set draft-02 EnableMultipleTunnelSupport at run time. Existing
 *        bindings stay; the setting applies to the next requests.
 * @param[in,out] ha home agent; not NULL
 * @param[in] enable non-zero: Multipath and Multiple Tunnel Request extensions are accepted (subject to each node's authorization)
 * @retval 0 success
 * @retval MIPFB_ERR_INVALID_ARG @p ha is NULL
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_ha4_set_multiple_tunnel_support(mipfb_ha4 *ha, int enable);

/**
 * @brief Write the state that survives a restart (draft-02 8): the run-time
 *        settings (EnableMultipleTunnelSupport, home agent address, maximum
 *        lifetime, replay window, code points) and every node with its last
 *        Identification, NAI, bindings (remaining lifetimes counted from
 *        @p now_ms; a binding already due keeps 1 ms) and rules, as a
 *        versioned image with a checksum. The image is big-endian and
 *        does not depend on the host or on the agent's memory layout.
 * @param[in] ha home agent; not NULL
 * @param[in] now_ms monotonic clock, ms
 * @param[out] out destination; may be NULL when @p cap is 0
 * @param[in] cap octets at @p out; 0 asks for the size only
 * @return octets written (or needed, when @p cap is 0), else:
 * @retval MIPFB_ERR_INVALID_ARG @p ha is NULL, or @p out is NULL with @p cap not 0
 * @retval MIPFB_ERR_NOBUF @p cap is not 0 and below the size needed
 * @since 0.1.0
 */
MIPFB_EXTERN mipfb_ssize mipfb_ha4_export(const mipfb_ha4 *ha, uint64_t now_ms, uint8_t *out, size_t cap);

/**
 * @brief Restore an image of @ref mipfb_ha4_export into a home agent that
 *        holds no node yet.
 *
 * The whole image is checked first (magic, version, lengths, checksum,
 * every record: addresses, BIDs, lifetimes, rules and selectors); a bad
 * one changes nothing. A good one sets the run-time settings, restores
 * every node, binding (remaining lifetime counted from @p now_ms) and rule,
 * calling the @c tunnel (ADD) and @c flow (INSTALL) hooks for each; when
 * one fails everything imported so far is undone. Expiry times are
 * rounded up to a whole second of the host clock, as for requests; nodes
 * without bindings are kept for a whole replay window from @p now_ms. The
 * agent's capacities stay those of its configuration; the wheel must hold
 * the image's maximum lifetime.
 * @param[in,out] ha home agent without nodes; not NULL
 * @param[in] now_ms monotonic clock, ms
 * @param[in] img the image (borrowed during the call); may be NULL when @p len is 0
 * @param[in] len octets at @p img
 * @retval 0 success
 * @retval MIPFB_ERR_INVALID_ARG @p ha is NULL, or @p img is NULL with @p len not 0
 * @retval MIPFB_ERR_INVALID_STATE the agent already holds a node
 * @retval MIPFB_ERR_BAD_IMAGE the image is truncated, corrupted, of another version, or holds an invalid record
 * @retval MIPFB_ERR_TABLE_FULL the image holds more nodes, bindings or rules (in all or per node), a longer selector or NAI, or a larger maximum lifetime than this agent's configuration allows
 * @retval MIPFB_ERR_HOOK a @c tunnel or @c flow hook failed; the import was undone
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_ha4_import(mipfb_ha4 *ha, uint64_t now_ms, const uint8_t *img, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* MIPFB_HA4_H */
