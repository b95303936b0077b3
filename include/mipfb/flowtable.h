/**
 * @file flowtable.h
 * @brief HA-level flow table: finds a mobile node's flow policy from a
 *        packet's address in O(1), then classifies the packet in it
 *        (issue 4, "An HA-level table").
 *
 * A home agent (or LMA) serving many mobile nodes keeps one
 * @ref mipfb_policy per node and one @ref mipfb_ha_table mapping each
 * node's address (IPv4 or IPv6 home address) to that policy. A packet going
 * to a mobile node is looked up by its destination address, a packet coming
 * from one by its source address (@ref MIPFB_DIR_TO_MN,
 * @ref MIPFB_DIR_FROM_MN).
 *
 * The table is an open-addressing hash table (linear probing, backward-shift
 * deletion, no tombstones) in memory the caller hands over
 * (@ref mipfb_ha_table_mem_size, then @ref mipfb_ha_table_init). It stores
 * policy pointers, never the policies: they stay the caller's, several
 * addresses may share one policy, and a policy must outlive every entry
 * that points to it. The library allocates nothing and keeps no global
 * state. Every update is atomic: when it fails, the table is unchanged.
 *
 * Threading: a table may be read by several threads at once (lookups and
 * classification take it const) but must not be updated while it is read.
 */
#ifndef MIPFB_FLOWTABLE_H
#define MIPFB_FLOWTABLE_H

#include <mipfb/policy.h>

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Alignment @ref mipfb_ha_table_init requires of the caller memory. @since 0.1.0 */
#define MIPFB_HA_TABLE_ALIGN 8

/** @brief Largest capacity (mobile nodes) of one table. @since 0.1.0 */
#define MIPFB_HA_TABLE_MAX_CAPACITY 0x10000000u

/** @brief An HA-level table; fields are private (lives inside the caller memory). @since 0.1.0 */
typedef struct mipfb_ha_table mipfb_ha_table;

/**
 * @brief Octets of caller memory a table for @p capacity mobile nodes needs.
 *
 * The table keeps its load at or below 3/4, so the size is about
 * 32 octets times the next power of two at or above 4/3 of @p capacity
 * (on a 64-bit target), plus a small header.
 * @param[in] capacity most addresses the table holds (1..@ref MIPFB_HA_TABLE_MAX_CAPACITY)
 * @return the size, or 0 when @p capacity is out of range or the size does
 *         not fit in @c size_t.
 * @since 0.1.0
 */
MIPFB_EXTERN size_t mipfb_ha_table_mem_size(size_t capacity);

/**
 * @brief Make an empty table in caller memory.
 *
 * The memory belongs to the table until the caller stops using it; there is
 * nothing to free. Re-initialising discards the old contents.
 * @param[out] out the table (a pointer into @p mem); not NULL
 * @param[in] mem at least @ref mipfb_ha_table_mem_size octets, aligned to @ref MIPFB_HA_TABLE_ALIGN
 * @param[in] mem_len octets at @p mem
 * @param[in] capacity most addresses the table holds (1..@ref MIPFB_HA_TABLE_MAX_CAPACITY)
 * @param[in] seed per-instance seed of the address hash (choose it at random, so
 *            the slot of an address cannot be predicted from outside)
 * @retval 0 success
 * @retval MIPFB_ERR_INVALID_ARG a NULL pointer, misaligned @p mem, or @p capacity out of range
 * @retval MIPFB_ERR_NOBUF @p mem_len is below @ref mipfb_ha_table_mem_size
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_ha_table_init(mipfb_ha_table **out, void *mem, size_t mem_len, size_t capacity,
                                     uint64_t seed);

/**
 * @brief Map a mobile node's address to its policy.
 *
 * For an IPv4 address only @c bytes[0..3] are used (the rest is ignored).
 * An IPv4 address and an IPv6 address are different keys, also an
 * IPv4-mapped one.
 * @param[in,out] t table; not NULL
 * @param[in] addr the node's address, copied; not NULL
 * @param[in] pol the node's policy; not NULL; the caller keeps it alive while the entry exists
 * @retval 0 success
 * @retval MIPFB_ERR_INVALID_ARG a NULL pointer, or @c addr->family is neither
 *         @ref MIPFB_AF_INET4 nor @ref MIPFB_AF_INET6
 * @retval MIPFB_ERR_DUPLICATE @p addr is already in the table (its entry is unchanged)
 * @retval MIPFB_ERR_TABLE_FULL the table holds its capacity (table unchanged)
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_ha_table_insert(mipfb_ha_table *t, const mipfb_addr *addr, mipfb_policy *pol);

/**
 * @brief Remove the entry of one address. Other entries stay reachable
 *        (backward-shift deletion).
 * @param[in,out] t table; not NULL
 * @param[in] addr the address; not NULL
 * @retval 0 success
 * @retval MIPFB_ERR_INVALID_ARG a NULL pointer or an unknown @c addr->family
 * @retval MIPFB_ERR_NOT_FOUND @p addr is not in the table
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_ha_table_remove(mipfb_ha_table *t, const mipfb_addr *addr);

/**
 * @brief The policy mapped to an address, in O(1) expected time.
 * @param[in] t table; not NULL
 * @param[in] addr the address; not NULL
 * @return the policy given to @ref mipfb_ha_table_insert, or NULL when the
 *         address is not in the table, a pointer is NULL or the family is
 *         unknown.
 * @since 0.1.0
 */
MIPFB_EXTERN mipfb_policy *mipfb_ha_table_lookup(const mipfb_ha_table *t, const mipfb_addr *addr);

/**
 * @brief Number of addresses the table holds.
 * @param[in] t table; not NULL
 * @return the count.
 * @since 0.1.0
 */
MIPFB_EXTERN size_t mipfb_ha_table_count(const mipfb_ha_table *t);

/**
 * @brief Find the node of a parsed flow and classify the flow in its policy.
 *
 * The node's address is @c key->dst for @ref MIPFB_DIR_TO_MN and
 * @c key->src for @ref MIPFB_DIR_FROM_MN, in the key's family; then
 * @ref mipfb_policy_classify with the same @p dir.
 * @param[in] t table; not NULL
 * @param[in] key flow key as seen on the wire; not NULL
 * @param[in] dir @ref MIPFB_DIR_TO_MN or @ref MIPFB_DIR_FROM_MN
 * @param[out] out the decision; not NULL; untouched on error
 * @param[out] pol_out the node's policy when found, else NULL; may be NULL
 * @retval 0 success
 * @retval MIPFB_ERR_INVALID_ARG a NULL pointer, an unknown @p dir or key family
 * @retval MIPFB_ERR_NOT_FOUND no node has the packet's address (the host chooses: route normally, drop)
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_ha_table_classify(const mipfb_ha_table *t, const mipfb_flow_key *key, int dir,
                                         mipfb_policy_decision *out, const mipfb_policy **pol_out);

/**
 * @brief @ref mipfb_flow_parse, then @ref mipfb_ha_table_classify.
 * @param[in] t table; not NULL
 * @param[in] pkt packet from its IP header; may be NULL when @p len is 0
 * @param[in] len octets at @p pkt
 * @param[in] dir @ref MIPFB_DIR_TO_MN or @ref MIPFB_DIR_FROM_MN
 * @param[out] out the decision; not NULL; untouched on error
 * @param[out] pol_out the node's policy when found, else NULL; may be NULL
 * @retval 0 success
 * @retval MIPFB_ERR_INVALID_ARG a NULL pointer or an unknown @p dir
 * @retval MIPFB_ERR_NOT_FOUND no node has the packet's address
 * @retval MIPFB_ERR_TRUNCATED as @ref mipfb_flow_parse (the host chooses what to do)
 * @retval MIPFB_ERR_UNSUPPORTED as @ref mipfb_flow_parse
 * @retval MIPFB_ERR_BAD_LENGTH as @ref mipfb_flow_parse
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_ha_table_classify_packet(const mipfb_ha_table *t, const uint8_t *pkt, size_t len, int dir,
                                                mipfb_policy_decision *out, const mipfb_policy **pol_out);

/** @brief Packets @ref mipfb_ha_table_classify_burst takes through each
 *  of its steps together (any count is accepted; longer bursts are cut
 *  into groups of this many). @since 0.1.0 */
#define MIPFB_HA_TABLE_BURST 16

/**
 * @brief Classify several packets at once: for each i, what
 *        @ref mipfb_ha_table_classify_packet answers for @p pkts[i] of
 *        @p lens[i] octets (result in @p rcs[i], decision in @p out[i],
 *        policy in @p pols_out[i]).
 *
 * The packets go through each step (parse and hash, node lookup, policy
 * lookup) in groups of @ref MIPFB_HA_TABLE_BURST, and each step prefetches
 * what the next one reads, so the cache misses of one group (the node's
 * slot in a large table, the policy's bitmaps) overlap instead of adding
 * up. Use it wherever the host receives packets in batches (recvmmsg, a
 * TUN read loop, a DPDK burst); the answers do not depend on the burst.
 * Read-only on @p t and the policies, like the one-packet calls.
 * @param[in] t table; not NULL
 * @param[in] pkts @p n packets, each from its IP header; an entry may be
 *            NULL when its length is 0; not NULL when @p n > 0
 * @param[in] lens octets of each packet; not NULL when @p n > 0
 * @param[in] n number of packets (0 is allowed: nothing is done)
 * @param[in] dir @ref MIPFB_DIR_TO_MN or @ref MIPFB_DIR_FROM_MN, for every packet
 * @param[out] out @p n decisions; @p out[i] is untouched when @p rcs[i] is
 *             not 0; not NULL when @p n > 0
 * @param[out] rcs @p n results, each 0, @ref MIPFB_ERR_NOT_FOUND or an
 *             error of @ref mipfb_flow_parse (@ref MIPFB_ERR_TRUNCATED,
 *             @ref MIPFB_ERR_UNSUPPORTED, @ref MIPFB_ERR_BAD_LENGTH, and
 *             @ref MIPFB_ERR_INVALID_ARG for a NULL packet of non-zero
 *             length); not NULL when @p n > 0
 * @param[out] pols_out @p n policies (NULL where none was found); may be NULL
 * @retval 0 every packet has its result in @p rcs
 * @retval MIPFB_ERR_INVALID_ARG @p t is NULL, @p dir is unknown, or an
 *         array is NULL while @p n > 0 (nothing written)
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_ha_table_classify_burst(const mipfb_ha_table *t, const uint8_t *const *pkts,
                                               const size_t *lens, size_t n, int dir, mipfb_policy_decision *out,
                                               int *rcs, const mipfb_policy **pols_out);

/**
 * @brief Look several addresses up at once: @p pols[i] is what
 *        @ref mipfb_ha_table_lookup returns for @p addrs[i].
 *
 * Hashes a group of @ref MIPFB_HA_TABLE_BURST addresses and prefetches
 * their slots before reading any, so the cache misses of a large table
 * overlap. For hosts that classify with a policy of their own choosing
 * after the node lookup.
 * @param[in] t table; not NULL
 * @param[in] addrs @p n addresses; not NULL when @p n > 0
 * @param[in] n number of addresses (0 is allowed)
 * @param[out] pols @p n policies, NULL where the address is not in the
 *             table or its family is unknown; not NULL when @p n > 0
 * @retval 0 every entry of @p pols is set
 * @retval MIPFB_ERR_INVALID_ARG @p t is NULL, or an array is NULL while
 *         @p n > 0 (nothing written)
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_ha_table_lookup_burst(const mipfb_ha_table *t, const mipfb_addr *addrs, size_t n,
                                             mipfb_policy **pols);

#ifdef __cplusplus
}
#endif

#endif /* MIPFB_FLOWTABLE_H */
