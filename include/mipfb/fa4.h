/**
 * @file fa4.h
 * @brief MIPv4 foreign agent (RFC 5944 3.7): relays Registration Requests
 *        of visiting mobile nodes to their home agents and the Replies
 *        back, keeps the visitor list, ends the FA side of the tunnels, and
 *        applies draft-gundavelli-mip4-multiple-tunnel-support-02 5.2
 *        (EnableMultipleTunnelSupport).
 *
 * The agent lives in caller memory (@ref mipfb_fa4_mem_size, then
 * @ref mipfb_fa4_init); it allocates nothing, keeps no global state and
 * makes no OS call. It talks to the host through @ref mipfb_hooks
 * (agent.h): @c send and @c random are required, @c tunnel, @c set_timer
 * and @c log are optional, @c auth_key and @c wallclock are not used (a
 * foreign agent shares no security association in this library: it
 * neither checks nor adds Mobile-Foreign or Foreign-Home authentication
 * extensions; the mobile node and the home agent check their own MN-HA
 * authenticator, which the relay leaves intact).
 *
 * What the agent does (doc/agents.md, "Foreign agent"):
 *
 * - A Registration Request from a mobile node (received on interface
 *   @c from->ifindex) is checked, then relayed **unchanged** (same octets)
 *   to the home agent named in it: UDP from the FA address
 *   (@ref mipfb_fa4_config::fa_addr) port 434 to the home agent port 434,
 *   @c ifindex 0 (the host routes it). The agent keeps a pending entry
 *   keyed by (home address, low 32 bits of Identification) with the
 *   request's interface, source address and port, and its Multipath
 *   (RFC 7629) or Multiple Tunnel Request (draft-02) BID.
 * - A Registration Reply from a home agent is matched to its pending
 *   entry by (home address, low 32 bits of Identification) and relayed
 *   **unchanged** to the request's source address and port, from port 434,
 *   on the request's interface. A reply without a pending entry is
 *   discarded.
 * - An accepted reply (code 0 or 1) with a non-zero lifetime makes or
 *   refreshes the visitor (home address, BID) with a tunnel ADD (or
 *   CHANGE) event: role @ref MIPFB_ROLE_FA4, @c local = the FA address,
 *   @c remote = the home agent, @c ifindex = the node's interface. An
 *   accepted deregistration removes the visitor(s) it names (tunnel
 *   REMOVE), following the home agent's binding rules (doc/agents.md,
 *   "Binding semantics"); an expired lifetime too. Seen from the foreign
 *   agent (each of its visitors has its address as care-of address):
 *   - no Multipath / Multiple Tunnel extension, lifetime > 0: the node's
 *     visitors become the one with BID 0;
 *   - no extension, lifetime 0, care-of address = home address or the FA
 *     address: every visitor of the node goes (another care-of address:
 *     none of them);
 *   - extension with O = 1: this BID stays (added or refreshed), the
 *     node's other visitors go;
 *   - extension with B = 1, lifetime > 0: this BID added or refreshed,
 *     every other visitor of the node gets the granted lifetime (tunnel
 *     CHANGE); B = 1, lifetime 0: every visitor of the node goes;
 *   - extension, B = 0, lifetime > 0: this BID added or refreshed (a new
 *     interface, home agent or lifetime: tunnel CHANGE); lifetime 0: this
 *     BID goes.
 *
 *   Which case applies is decided by the granted lifetime (the reply's,
 *   capped) and the request's extension. A home address of 0 in the reply
 *   changes nothing.
 * - With @ref mipfb_fa4_config::enable_multiple_tunnel_support = 0 a request
 *   carrying a Multiple Tunnel Request or a Multipath extension is answered
 *   by the agent itself with the code-point table's
 *   @c mip4_code_mtunnel_denied_fa (draft-02 5.2) and not relayed.
 *
 * Replies the foreign agent generates itself (the codes listed at
 * @ref mipfb_fa4_input) copy the request's Home Address, Home Agent and
 * whole Identification, carry no extension (RFC 5944 3.7.2.3: a foreign
 * agent cannot compute the MN-HA authenticator; the mobile node accepts an
 * unauthenticated denial from its foreign agent) and are sent like a
 * relayed reply: to the request's source address (255.255.255.255 when it
 * was 0.0.0.0) and port, from the address the request was sent to (the FA
 * address when that was a broadcast or multicast address) port 434, on
 * the request's interface.
 *
 * Hook failures follow agent.h and doc/agents.md: a failing @c tunnel hook
 * undoes what the reply had applied (inverse events in reverse order), the
 * agent stays as it was (the pending entry is kept, the reply is not
 * relayed; the node's retransmission retries) and the call returns
 * @ref MIPFB_ERR_HOOK. A failing @c send returns @ref MIPFB_ERR_HOOK with
 * the state change applied. An expiry whose tunnel REMOVE fails removes the
 * visitor anyway.
 *
 * Threading: one agent must not be used by several threads at once;
 * the introspection calls take it const and may run concurrently with each
 * other but not with an update.
 */
#ifndef MIPFB_FA4_H
#define MIPFB_FA4_H

#include <mipfb/agent.h>
#include <mipfb/codepoints.h>
#include <mipfb/mip4.h>

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Alignment @ref mipfb_fa4_init requires of the caller memory. @since 0.1.0 */
#define MIPFB_FA4_ALIGN 8

/** @brief Default @ref mipfb_fa4_config::pending_timeout_ms (7 s). @since 0.1.0 */
#define MIPFB_FA4_PENDING_TIMEOUT_MS 7000u

/** @brief Largest @ref mipfb_fa4_config::max_visitors and @ref mipfb_fa4_config::max_pending. @since 0.1.0 */
#define MIPFB_FA4_MAX_ENTRIES 65535u

/** @brief Most extensions a message may carry for the agent to decode it
 *         (a request with more is answered 70). @since 0.1.0 */
#define MIPFB_FA4_MAX_EXT 64

/** @name Reply codes the foreign agent sends itself (RFC 5944 3.4, RFC 2794)
 * The Multiple Tunnel denial code comes from the code-point table
 * (@c mip4_code_mtunnel_denied_fa).
 * @{ */
#define MIPFB_FA4_CODE_INSUFFICIENT_RESOURCES 66 /**< visitor or pending table full */
#define MIPFB_FA4_CODE_LIFETIME_TOO_LONG 69      /**< requested lifetime over @ref mipfb_fa4_config::max_lifetime */
#define MIPFB_FA4_CODE_POORLY_FORMED_REQUEST 70  /**< the request does not decode */
#define MIPFB_FA4_CODE_POORLY_FORMED_REPLY 71    /**< the home agent's reply does not decode */
#define MIPFB_FA4_CODE_INVALID_COA 77            /**< registration of a care-of address this agent does not offer */
#define MIPFB_FA4_CODE_REGISTRATION_TIMEOUT 78   /**< no reply from the home agent (only with @ref mipfb_fa4_config::reply_on_timeout) */
#define MIPFB_FA4_CODE_MISSING_NAI 97            /**< home address 0.0.0.0 and no NAI extension (RFC 2794) */
#define MIPFB_FA4_CODE_MISSING_HOME_AGENT 98     /**< home agent address 0.0.0.0 (RFC 2794) */
/** @} */

/** @brief A foreign agent; fields are private (lives inside the caller memory). @since 0.1.0 */
typedef struct mipfb_fa4 mipfb_fa4;

/**
 * @brief Configuration of a foreign agent; copied by @ref mipfb_fa4_init.
 *
 * Fill it with @ref mipfb_fa4_config_default, then set at least
 * @c fa_addr.
 * @since 0.1.0
 */
typedef struct mipfb_fa4_config {
  /** The agent's address (host order): the care-of address it advertises,
   *  the source of relayed requests and the local end of its tunnels.
   *  Must not be 0. Default 0 (unset). */
  uint32_t fa_addr;
  /** Visitor entries (one per (home address, BID)), 1..@ref MIPFB_FA4_MAX_ENTRIES. Default 64. */
  uint32_t max_visitors;
  /** Requests awaiting their home agent's reply, 1..@ref MIPFB_FA4_MAX_ENTRIES. Default 64. */
  uint32_t max_pending;
  /** A pending request with no reply after this many ms is dropped
   *  (at least 1). Default @ref MIPFB_FA4_PENDING_TIMEOUT_MS. */
  uint32_t pending_timeout_ms;
  /** Longest lifetime (s) the agent relays, 1..65535; a request asking
   *  more is denied with 69 (the reply's Lifetime says this maximum). A
   *  granted lifetime is capped to it; the agent counts a granted
   *  0xFFFF ("infinity") as 65535 s. Default 1800. */
  uint32_t max_lifetime;
  /** draft-02 EnableMultipleTunnelSupport: 1 relays Multiple Tunnel
   *  Request and Multipath requests, 0 denies them. Default 1. */
  uint8_t enable_multiple_tunnel_support;
  /** 1: when a pending request times out, tell the node with a code-78
   *  reply ("registration timeout"); 0: drop it silently (the node
   *  retransmits). Default 0. */
  uint8_t reply_on_timeout;
  /** Code points (copied). Default: @ref MIPFB_PROFILE_RFC. */
  mipfb_codepoints cp;
} mipfb_fa4_config;

/**
 * @brief One visitor entry, as returned by @ref mipfb_fa4_visitor_get and
 *        @ref mipfb_fa4_visitor_next. A copy: it stays valid after the call.
 * @since 0.1.0
 */
typedef struct mipfb_fa4_visitor {
  uint32_t hoa;        /**< the node's home address (host order) */
  uint32_t ha;         /**< its home agent (host order): the remote end of the tunnel */
  uint16_t bid;        /**< binding identifier: Multipath BID, Multiple Tunnel Request BID, or 0 */
  uint32_t ifindex;    /**< the interface the node is attached through */
  uint32_t node_addr;  /**< source address of the node's request (host order) */
  uint16_t node_port;  /**< source UDP port of the node's request */
  uint8_t if_att;      /**< access technology type (Multipath If-ATT / Multiple Tunnel If-Type; else 0) */
  uint8_t if_label;    /**< Multipath If-Label, else 0 */
  uint8_t encap;       /**< `MIPFB_ENCAP_*` from the request's M/G flags */
  uint8_t reverse;     /**< 1 when the request set T (reverse tunnelling) */
  uint32_t lifetime_s; /**< granted lifetime (s), capped by @ref mipfb_fa4_config::max_lifetime */
  uint64_t expires_ms; /**< expiry time on the agent's clock */
  uint64_t remaining_ms; /**< @c expires_ms minus the @c now_ms given to the call (0 when past) */
} mipfb_fa4_visitor;

/**
 * @brief Counters since @ref mipfb_fa4_init.
 * @since 0.1.0
 */
typedef struct mipfb_fa4_stats {
  uint64_t rrq_received;     /**< Registration Requests given to @ref mipfb_fa4_input */
  uint64_t rrq_relayed;      /**< requests relayed to a home agent */
  uint64_t rrq_denied;       /**< requests answered by the agent itself */
  uint64_t rrq_discarded;    /**< requests dropped without an answer */
  uint64_t rrp_received;     /**< Registration Replies given to @ref mipfb_fa4_input */
  uint64_t rrp_relayed;      /**< replies relayed to a mobile node */
  uint64_t rrp_discarded;    /**< replies dropped (no pending request, malformed, hook failure) */
  uint64_t visitors_added;   /**< visitor entries created */
  uint64_t visitors_removed; /**< visitor entries removed by a deregistration or a replacement */
  uint64_t visitors_expired; /**< visitor entries removed by expiry */
  uint64_t pending_expired;  /**< pending requests dropped by @c pending_timeout_ms */
  uint64_t hook_failures;    /**< hook calls that failed */
} mipfb_fa4_stats;

/**
 * @brief Fill a configuration with the defaults (see each field).
 * @param[out] cfg configuration to fill; NULL does nothing
 * @since 0.1.0
 */
MIPFB_EXTERN void mipfb_fa4_config_default(mipfb_fa4_config *cfg);

/**
 * @brief Octets of caller memory an agent with this configuration needs.
 *
 * About 60 octets per visitor and 80 per pending entry (64-bit target),
 * plus about 8.5 KB for the agent itself (mostly the scratch array the
 * decoder fills: @ref MIPFB_FA4_MAX_EXT extensions).
 * @param[in] cfg configuration; not NULL
 * @return the size, or 0 when @p cfg is NULL or invalid (see
 *         @ref mipfb_fa4_init).
 * @since 0.1.0
 */
MIPFB_EXTERN size_t mipfb_fa4_mem_size(const mipfb_fa4_config *cfg);

/**
 * @brief Make a foreign agent with no visitor in caller memory.
 *
 * The memory belongs to the agent until the caller stops using it; there
 * is nothing to free. The configuration and the hooks are copied.
 * @param[out] out the agent (a pointer into @p mem); not NULL
 * @param[in] mem at least @ref mipfb_fa4_mem_size octets, aligned to @ref MIPFB_FA4_ALIGN
 * @param[in] mem_len octets at @p mem
 * @param[in] cfg configuration (copied); not NULL
 * @param[in] hooks host hooks (copied); @c send and @c random required
 * @param[in] user passed back to every hook; may be NULL
 * @param[in] now_ms the host's monotonic clock now
 * @retval 0 success
 * @retval MIPFB_ERR_INVALID_ARG a NULL pointer, misaligned @p mem, @c fa_addr 0, a capacity, @c pending_timeout_ms or @c max_lifetime out of range, a required hook missing
 * @retval MIPFB_ERR_NOBUF @p mem_len is below @ref mipfb_fa4_mem_size
 * @retval MIPFB_ERR_ABI @c hooks->version is 0 or above @ref MIPFB_HOOKS_VERSION
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_fa4_init(mipfb_fa4 **out, void *mem, size_t mem_len, const mipfb_fa4_config *cfg,
                                const mipfb_hooks *hooks, void *user, uint64_t now_ms);

/**
 * @brief Process one received MIPv4 registration message (UDP payload).
 *
 * **Registration Request** (from a mobile node), in this order:
 * 1. shorter than its fixed part, or carrying an unknown non-skippable
 *    extension (RFC 5944 1.9): discarded; any other decode error: reply
 *    70 (poorly formed Request);
 * 2. home agent address 0: 98; home address 0 without an NAI extension:
 *    97 (RFC 2794);
 * 3. a Multiple Tunnel Request or Multipath extension while
 *    EnableMultipleTunnelSupport is 0: the table's
 *    @c mip4_code_mtunnel_denied_fa, lifetime 0 (draft-02 5.2);
 * 4. lifetime over @c max_lifetime: 69 (the reply's lifetime is the
 *    maximum, RFC 5944 3.7.2.2);
 * 5. lifetime > 0, care-of address not the FA address and D clear: 77
 *    (a request with D set registers a co-located care-of address
 *    through the agent: relayed, but no visitor is made for it);
 * 6. no free pending entry, or (lifetime > 0, new (home address, BID))
 *    no visitor entry left once the pending requests are counted: 66;
 * 7. relayed to the home agent; a retransmission with the same key
 *    refreshes the pending entry.
 *
 * **Registration Reply** (from a home agent): its fixed part is matched
 * to a pending entry by (home address, low 32 bits of Identification) —
 * an entry made for a request with home address 0 (NAI) is matched by the
 * Identification alone — else the reply is discarded. A matched reply
 * that does not decode is answered to the node with 71 (poorly formed
 * Reply, RFC 5944 3.7.3.1) and the pending entry dropped. An accepted reply updates
 * the visitors (tunnel hook) and the reply is relayed unchanged; a denial
 * is relayed and changes nothing. Either way the pending entry is gone.
 *
 * @param[in,out] fa agent; not NULL
 * @param[in] now_ms the host's monotonic clock now
 * @param[in] msg the UDP payload (borrowed during the call); not NULL unless @p len is 0
 * @param[in] len its length
 * @param[in] from how it arrived: @c ifindex (for a request: the node's link), @c src / @c sport (the sender), @c dst (the address it was sent to); an address of a family other than IPv4 reads as 0.0.0.0; not NULL
 * @return 0 when the message was relayed, the reply code (1..255) the
 *         agent sent itself, or a negative error when it was discarded:
 * @retval MIPFB_ERR_INVALID_ARG a NULL pointer
 * @retval MIPFB_ERR_TRUNCATED shorter than the fixed part of its Type
 * @retval MIPFB_ERR_UNKNOWN_NONSKIPPABLE a request with an unknown extension 0..127
 * @retval MIPFB_ERR_UNSUPPORTED a message Type other than 1 or 3
 * @retval MIPFB_ERR_NOT_FOUND a reply matching no pending request
 * @retval MIPFB_ERR_HOOK a @c tunnel hook failed (nothing changed, the reply was not relayed), or the @c send hook failed (state change applied)
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_fa4_input(mipfb_fa4 *fa, uint64_t now_ms, const uint8_t *msg, size_t len,
                                 const mipfb_pkt_info *from);

/**
 * @brief Process everything due at @p now_ms: expired visitors (tunnel
 *        REMOVE) and pending requests past @c pending_timeout_ms.
 * Calling it early or twice is harmless.
 * @param[in,out] fa agent; not NULL
 * @param[in] now_ms the host's monotonic clock now
 * @retval 0 done
 * @retval MIPFB_ERR_INVALID_ARG @p fa is NULL
 * @retval MIPFB_ERR_HOOK a @c tunnel or @c send hook failed (everything due was processed; the entries are gone anyway)
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_fa4_timeout(mipfb_fa4 *fa, uint64_t now_ms);

/**
 * @brief The agent's earliest deadline (the value last given to
 *        @ref mipfb_hooks::set_timer).
 * @param[in] fa agent; not NULL
 * @return a time on the host's clock, or @ref MIPFB_NO_DEADLINE when
 *         nothing is pending and there is no visitor (also for NULL).
 * @since 0.1.0
 */
MIPFB_EXTERN uint64_t mipfb_fa4_next_deadline(const mipfb_fa4 *fa);

/**
 * @brief Change EnableMultipleTunnelSupport at run time (draft-02 6).
 * Visitors and pending requests are kept; only later requests see the
 * new value.
 * @param[in,out] fa agent; not NULL
 * @param[in] enable 0 to deny Multiple Tunnel Request and Multipath requests, non-zero to relay them
 * @retval 0 set
 * @retval MIPFB_ERR_INVALID_ARG @p fa is NULL
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_fa4_set_multiple_tunnel_support(mipfb_fa4 *fa, int enable);

/**
 * @brief The interface a packet to a visitor goes out on (draft-02 5.2: a
 *        node attached through several interfaces may be reached over any
 *        of them).
 *
 * Picks the node's visitor registered first among those alive (the one
 * whose first acceptance is oldest); when it goes, the next one takes
 * over. Visitors past their expiry but not yet removed by
 * @ref mipfb_fa4_timeout still count.
 * @param[in] fa agent; not NULL
 * @param[in] hoa the packet's destination, a home address (host order)
 * @param[out] ifindex_out the interface; not NULL
 * @param[out] bid_out the visitor's BID; may be NULL
 * @retval 0 found
 * @retval MIPFB_ERR_INVALID_ARG a NULL pointer
 * @retval MIPFB_ERR_NOT_FOUND @p hoa is not a visitor
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_fa4_deliver(const mipfb_fa4 *fa, uint32_t hoa, uint32_t *ifindex_out, uint16_t *bid_out);

/**
 * @brief Number of visitor entries (one per (home address, BID)).
 * @param[in] fa agent; may be NULL (0)
 * @return the count
 * @since 0.1.0
 */
MIPFB_EXTERN size_t mipfb_fa4_visitor_count(const mipfb_fa4 *fa);

/**
 * @brief Number of requests awaiting their home agent's reply.
 * @param[in] fa agent; may be NULL (0)
 * @return the count
 * @since 0.1.0
 */
MIPFB_EXTERN size_t mipfb_fa4_pending_count(const mipfb_fa4 *fa);

/**
 * @brief Read one visitor entry.
 * @param[in] fa agent; not NULL
 * @param[in] hoa home address (host order)
 * @param[in] bid binding identifier (0 for a registration without Multipath / Multiple Tunnel extension)
 * @param[in] now_ms the host's clock, for @c remaining_ms
 * @param[out] out filled on success; not NULL
 * @retval 0 found
 * @retval MIPFB_ERR_INVALID_ARG a NULL pointer
 * @retval MIPFB_ERR_NOT_FOUND no such visitor
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_fa4_visitor_get(const mipfb_fa4 *fa, uint32_t hoa, uint16_t bid, uint64_t now_ms,
                                       mipfb_fa4_visitor *out);

/**
 * @brief Iterate over the visitor entries (in no particular order).
 *
 * Set @p *cursor to 0, then call until @ref MIPFB_ERR_EOF. The agent must
 * not change during the iteration.
 * @param[in] fa agent; not NULL
 * @param[in,out] cursor iteration state; not NULL
 * @param[in] now_ms the host's clock, for @c remaining_ms
 * @param[out] out the next entry; not NULL
 * @retval 0 @p out filled
 * @retval MIPFB_ERR_EOF no more entries
 * @retval MIPFB_ERR_INVALID_ARG a NULL pointer
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_fa4_visitor_next(const mipfb_fa4 *fa, size_t *cursor, uint64_t now_ms,
                                        mipfb_fa4_visitor *out);

/**
 * @brief Copy the agent's counters.
 * @param[in] fa agent; not NULL
 * @param[out] out filled; not NULL
 * @retval 0 copied
 * @retval MIPFB_ERR_INVALID_ARG a NULL pointer
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_fa4_get_stats(const mipfb_fa4 *fa, mipfb_fa4_stats *out);

#ifdef __cplusplus
}
#endif

#endif /* MIPFB_FA4_H */
