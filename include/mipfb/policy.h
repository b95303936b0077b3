/**
 * @file policy.h
 * @brief Flow policy engine: one mobile node's flow-binding rules, binding
 *        validity, packet parsing into a flow key and the per-packet
 *        decision (FORWARD to one binding, DROP, N-CAST to several, or
 *        none).
 *
 * A policy lives in memory the caller hands over
 * (@ref mipfb_policy_mem_size, then @ref mipfb_policy_init); the library
 * allocates nothing and keeps no global state. Every update is incremental
 * and atomic: when it fails, the policy is exactly as it was.
 *
 * Direction: selectors describe traffic going to the mobile node (RFC 6088:
 * source = correspondent node, destination = mobile node). Packets the node
 * sends are classified with @ref MIPFB_DIR_FROM_MN, which mirrors every
 * selector (source and destination addresses and ports swapped), so both
 * directions of a flow take the same binding.
 *
 * Cost: classification is a first match over a compact form of the
 * rules (integer ranges, checked cheap fields first); with the index (see
 * @ref mipfb_policy_mem_size) it looks only at the rules whose protocol,
 * source address and destination port ranges hold the packet's. One-rule
 * updates touch only that rule's ranges; a binding change only the rules
 * listing that BID.
 *
 * Threading: a policy may be read by several threads at once
 * (@ref mipfb_policy_classify takes it const) but must not be updated
 * while it is read.
 */
#ifndef MIPFB_POLICY_H
#define MIPFB_POLICY_H

#include <mipfb/ts.h>

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Policy family MIPv4 (RFC 7629): rules in arrival order, default = per-flow hashing. @since 0.1.0 */
#define MIPFB_POLICY_MIP4 4
/** @brief Policy family MIPv6 / PMIPv6 (RFC 6089): rules by FID-PRI, default = lowest BID-PRI. @since 0.1.0 */
#define MIPFB_POLICY_MIP6 6

/** @brief Rule action DROP (RFC 7629 4.2 value 0, errata E-3). @since 0.1.0 */
#define MIPFB_ACTION_DROP 0
/** @brief Rule action FORWARD to the first valid BID of the list (RFC 7629 4.2). @since 0.1.0 */
#define MIPFB_ACTION_FORWARD 1
/** @brief Rule action N-CAST: a copy to every valid listed BID. @since 0.1.0 */
#define MIPFB_ACTION_NCAST 2

/** @brief Most BIDs one rule lists (RFC 7629 4.2 BID Count 1..8). @since 0.1.0 */
#define MIPFB_POLICY_MAX_RULE_BIDS 8

/** @brief Packet direction: to the mobile node (selectors as written). @since 0.1.0 */
#define MIPFB_DIR_TO_MN 0
/** @brief Packet direction: from the mobile node (selectors mirrored). @since 0.1.0 */
#define MIPFB_DIR_FROM_MN 1

/** @brief Alignment @ref mipfb_policy_init requires of the caller memory. @since 0.1.0 */
#define MIPFB_POLICY_ALIGN 8

/**
 * @brief One flow-binding rule, as given to @ref mipfb_policy_add_rule.
 *
 * The policy copies it; the caller's struct may be reused at once.
 * @since 0.1.0
 */
typedef struct mipfb_policy_rule {
  uint32_t id;     /**< caller's key for replace/remove (the FID for MIPv6); unique in a policy */
  uint32_t prio;   /**< MIPv6: FID-PRI, lower wins, unique in a policy; ignored for MIPv4 (arrival order) */
  mipfb_ts ts;     /**< selector (valid per @ref mipfb_ts_check) */
  uint8_t action;  /**< `MIPFB_ACTION_*` */
  uint8_t n_bids;  /**< BIDs in @c bids: 1..8 for FORWARD and N-CAST; ignored for DROP */
  uint16_t bids[MIPFB_POLICY_MAX_RULE_BIDS]; /**< BIDs (1..65535, no repeats), in preference order */
} mipfb_policy_rule;

/** @name Flow key presence bits (mipfb_flow_key::has)
 * @{ */
#define MIPFB_FLOW_PORTS 0x01u    /**< @c sport / @c dport are set (TCP, UDP, SCTP, UDP-Lite, first fragment) */
#define MIPFB_FLOW_SPI 0x02u      /**< @c spi is set (ESP, first fragment) */
#define MIPFB_FLOW_FRAGMENT 0x04u /**< the packet is a non-first fragment (no ports, no SPI) */
/** @} */

/**
 * @brief What a packet is matched on: the fields of an RFC 6088 selector.
 *
 * Filled by @ref mipfb_flow_parse or by the caller. Addresses are network
 * order (4 octets used for IPv4, the rest zero).
 * @since 0.1.0
 */
typedef struct mipfb_flow_key {
  uint8_t family;      /**< @ref MIPFB_AF_INET4 or @ref MIPFB_AF_INET6 */
  uint8_t has;         /**< `MIPFB_FLOW_*` bits */
  uint8_t proto;       /**< IPv4 Protocol; IPv6 upper-layer Next Header after the extension headers */
  uint8_t ds;          /**< IPv4 DS octet or IPv6 Traffic Class (whole octet) */
  uint8_t src[16];     /**< source address */
  uint8_t dst[16];     /**< destination address */
  uint32_t flow_label; /**< IPv6 flow label (20 bits); 0 for IPv4 */
  uint32_t spi;        /**< ESP SPI when @ref MIPFB_FLOW_SPI */
  uint16_t sport;      /**< source port when @ref MIPFB_FLOW_PORTS */
  uint16_t dport;      /**< destination port when @ref MIPFB_FLOW_PORTS */
} mipfb_flow_key;

/** @name Decision kinds (mipfb_policy_decision::kind)
 * @{ */
#define MIPFB_DECISION_NONE 0    /**< no rule applies and no binding is valid */
#define MIPFB_DECISION_FORWARD 1 /**< send over binding @c bid */
#define MIPFB_DECISION_DROP 2    /**< discard */
#define MIPFB_DECISION_NCAST 3   /**< send a copy over each of @c bids[0 .. n_bids-1] */
/** @} */

/**
 * @brief The answer of @ref mipfb_policy_classify.
 * @since 0.1.0
 */
typedef struct mipfb_policy_decision {
  uint8_t kind;       /**< `MIPFB_DECISION_*` */
  uint8_t by_default; /**< 1 when no active rule matched (default binding or none), else 0 */
  uint8_t n_bids;     /**< N-CAST: valid BIDs in @c bids; FORWARD: 1; else 0 */
  uint16_t bid;       /**< FORWARD: the binding; else 0 */
  uint32_t rule_id;   /**< id of the matching rule; 0 when @c by_default */
  uint16_t bids[MIPFB_POLICY_MAX_RULE_BIDS]; /**< N-CAST: the valid listed BIDs in rule order */
} mipfb_policy_decision;

/** @brief A policy; fields are private (lives inside the caller memory). @since 0.1.0 */
typedef struct mipfb_policy mipfb_policy;

/**
 * @brief Octets of caller memory a policy with these capacities needs.
 *
 * A policy with a rule capacity of 16 to 2048 also holds a bit-vector
 * index that makes @ref mipfb_policy_classify cost about the same for
 * 1000 rules as for 10: one bitmap of the rules per protocol value, per
 * elementary source-address range and per elementary destination-port
 * range, so its size grows with the square of @p max_rules (about
 * 0.16 MB at 64 rules, 1.1 MB at 1024 and 3.1 MB at 2048). Other
 * capacities scan their rules linearly (in a compact form) and need about
 * 260 octets per rule.
 * @param[in] max_rules rules the policy can hold (1..65535)
 * @param[in] max_bids bindings the policy can track (1..1024)
 * @return the size, or 0 when a capacity is out of range.
 * @since 0.1.0
 */
MIPFB_EXTERN size_t mipfb_policy_mem_size(size_t max_rules, size_t max_bids);

/**
 * @brief Make an empty policy (no rules, no bindings) in caller memory.
 *
 * The memory belongs to the policy until the caller stops using it; there
 * is nothing to free. Re-initialising discards the old contents.
 * @param[out] out the policy (a pointer into @p mem); not NULL
 * @param[in] mem at least @ref mipfb_policy_mem_size octets, aligned to @ref MIPFB_POLICY_ALIGN
 * @param[in] mem_len octets at @p mem
 * @param[in] family @ref MIPFB_POLICY_MIP4 or @ref MIPFB_POLICY_MIP6
 * @param[in] max_rules rule capacity (1..65535)
 * @param[in] max_bids binding capacity (1..1024)
 * @param[in] seed per-instance seed of the MIPv4 default hashing (choose it at random)
 * @retval 0 success
 * @retval MIPFB_ERR_INVALID_ARG a NULL pointer, misaligned @p mem, unknown @p family, a capacity out of range
 * @retval MIPFB_ERR_NOBUF @p mem_len is below @ref mipfb_policy_mem_size
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_policy_init(mipfb_policy **out, void *mem, size_t mem_len, int family, size_t max_rules,
                                   size_t max_bids, uint64_t seed);

/**
 * @brief Add one rule. MIPv6: placed by @c prio; MIPv4: after every rule present.
 * @param[in,out] pol policy; not NULL
 * @param[in] rule copied; not NULL
 * @retval 0 success
 * @retval MIPFB_ERR_INVALID_ARG NULL, bad action, BID count out of range, BID 0, invalid selector, MIPv6 @c prio 0
 * @retval MIPFB_ERR_DUPLICATE @c id already present, a repeated BID, or (MIPv6) @c prio already used
 * @retval MIPFB_ERR_TABLE_FULL the policy holds max_rules rules
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_policy_add_rule(mipfb_policy *pol, const mipfb_policy_rule *rule);

/**
 * @brief Replace the rule whose id is @c rule->id. MIPv6: moved to its new
 *        @c prio; MIPv4: keeps its place in arrival order.
 * @param[in,out] pol policy; not NULL
 * @param[in] rule copied; not NULL
 * @retval 0 success
 * @retval MIPFB_ERR_INVALID_ARG as for @ref mipfb_policy_add_rule
 * @retval MIPFB_ERR_DUPLICATE a repeated BID, or (MIPv6) @c prio used by another rule
 * @retval MIPFB_ERR_NOT_FOUND no rule has that id
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_policy_replace_rule(mipfb_policy *pol, const mipfb_policy_rule *rule);

/**
 * @brief Remove the rule with this id.
 * @param[in,out] pol policy; not NULL
 * @param[in] id the rule's id
 * @retval 0 success
 * @retval MIPFB_ERR_INVALID_ARG @p pol is NULL
 * @retval MIPFB_ERR_NOT_FOUND no rule has that id
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_policy_remove_rule(mipfb_policy *pol, uint32_t id);

/**
 * @brief Number of rules the policy holds.
 * @param[in] pol policy; not NULL
 * @return the count.
 * @since 0.1.0
 */
MIPFB_EXTERN size_t mipfb_policy_rule_count(const mipfb_policy *pol);

/**
 * @brief Set one binding's validity and BID-PRI. A BID never set is invalid.
 *
 * The binding is tracked from its first call on (it takes one of max_bids
 * entries, also while invalid).
 * @param[in,out] pol policy; not NULL
 * @param[in] bid binding identifier, 1..65535
 * @param[in] valid non-zero: the binding is registered and usable
 * @param[in] bid_pri MIPv6 BID-PRI (lower preferred; ties go to the lower BID); ignored for MIPv4
 * @retval 0 success
 * @retval MIPFB_ERR_INVALID_ARG @p pol is NULL or @p bid is 0
 * @retval MIPFB_ERR_TABLE_FULL @p bid is new and max_bids bindings are tracked
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_policy_set_binding(mipfb_policy *pol, uint16_t bid, int valid, uint8_t bid_pri);

/**
 * @brief Parse an IP packet (starting at the IPv4 or IPv6 header) into a
 *        flow key.
 *
 * IPv6 extension headers skipped: Hop-by-Hop (0), Routing (43), Fragment
 * (44), Destination Options (60), AH (51); @c proto is the Next Header that
 * ends the chain. IPv4 AH is not skipped (@c proto is 51). Ports are read
 * for TCP, UDP, SCTP and UDP-Lite, the SPI for ESP, and only from a first
 * (or unfragmented) fragment with the 4 octets present: a non-first
 * fragment has @ref MIPFB_FLOW_FRAGMENT and no ports or SPI, so it matches
 * only rules without port and SPI fields. A transport header cut short
 * gives no ports (no error). The IP total / payload length bounds the
 * parse when it is below @p len.
 * @param[out] key filled on success, zeroed on any other error than
 *             @ref MIPFB_ERR_INVALID_ARG; not NULL
 * @param[in] pkt the packet; may be NULL when @p len is 0
 * @param[in] len octets at @p pkt
 * @retval 0 success
 * @retval MIPFB_ERR_INVALID_ARG @p key is NULL, or @p pkt is NULL with @p len not 0
 * @retval MIPFB_ERR_TRUNCATED the IP header or an IPv6 extension header is cut short
 * @retval MIPFB_ERR_UNSUPPORTED the version is neither 4 nor 6
 * @retval MIPFB_ERR_BAD_LENGTH IPv4 IHL below 5, or a total length below the header length
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_flow_parse(mipfb_flow_key *key, const uint8_t *pkt, size_t len);

/**
 * @brief MIPv4 default hashing: the flow hash of a key in to-MN orientation.
 *
 * FNV-1a 64 with offset basis `0xcbf29ce484222325 ^ seed` over: family
 * octet, source address (4 or 16 octets), destination address, protocol,
 * source port and destination port (big-endian, 0 without
 * @ref MIPFB_FLOW_PORTS). The flow's binding is the valid BID with the
 * highest @ref mipfb_policy_hrw_score (ties: lower BID). Non-first
 * fragments carry no ports, so they may hash to another binding than the
 * first fragment of their datagram (reassembly is unaffected).
 * @param[in] key flow key; not NULL
 * @param[in] seed the policy seed
 * @return the hash.
 * @since 0.1.0
 */
MIPFB_EXTERN uint64_t mipfb_policy_flow_hash(const mipfb_flow_key *key, uint64_t seed);

/**
 * @brief Rendezvous score of one binding for one flow hash: the MurmurHash3
 *        fmix64 finalizer of `hash ^ (bid * 0x9e3779b97f4a7c15)`.
 * @param[in] hash from @ref mipfb_policy_flow_hash
 * @param[in] bid binding identifier
 * @return the score.
 * @since 0.1.0
 */
MIPFB_EXTERN uint64_t mipfb_policy_hrw_score(uint64_t hash, uint16_t bid);

/**
 * @brief Decide what to do with one flow.
 *
 * Rules are tried in priority order; a rule matches when every present
 * selector field matches (inclusive ranges, a Start alone is an exact
 * value, DS / Traffic Class upper 6 bits, IPv4 selectors only IPv4 keys and
 * IPv6 ones only IPv6 keys, port and SPI fields need them in the key). A
 * FORWARD or N-CAST rule without any valid BID is inactive (errata E-19)
 * and the search goes on. Without a matching active rule: MIPv6 forwards to
 * the valid binding with the lowest BID-PRI, MIPv4 to the rendezvous-hash
 * choice over the valid bindings; none valid gives
 * @ref MIPFB_DECISION_NONE.
 * @param[in] pol policy; not NULL
 * @param[in] key flow key as seen on the wire; not NULL
 * @param[in] dir @ref MIPFB_DIR_TO_MN or @ref MIPFB_DIR_FROM_MN
 * @param[out] out the decision; not NULL
 * @retval 0 success
 * @retval MIPFB_ERR_INVALID_ARG a NULL pointer or an unknown @p dir
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_policy_classify(const mipfb_policy *pol, const mipfb_flow_key *key, int dir,
                                       mipfb_policy_decision *out);

/**
 * @brief @ref mipfb_flow_parse then @ref mipfb_policy_classify.
 * @param[in] pol policy; not NULL
 * @param[in] pkt packet from its IP header; may be NULL when @p len is 0
 * @param[in] len octets at @p pkt
 * @param[in] dir @ref MIPFB_DIR_TO_MN or @ref MIPFB_DIR_FROM_MN
 * @param[out] out the decision; not NULL; untouched on error
 * @retval 0 success
 * @retval MIPFB_ERR_INVALID_ARG a NULL pointer or an unknown @p dir
 * @retval MIPFB_ERR_TRUNCATED as @ref mipfb_flow_parse (the host chooses what to do)
 * @retval MIPFB_ERR_UNSUPPORTED as @ref mipfb_flow_parse
 * @retval MIPFB_ERR_BAD_LENGTH as @ref mipfb_flow_parse
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_policy_classify_packet(const mipfb_policy *pol, const uint8_t *pkt, size_t len, int dir,
                                              mipfb_policy_decision *out);

#ifdef __cplusplus
}
#endif

#endif /* MIPFB_POLICY_H */
