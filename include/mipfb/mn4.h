/**
 * @file mn4.h
 * @brief MIPv4 mobile node (RFC 5944) with several interfaces registered
 *        at once (RFC 7629 Multipath, or the
 *        draft-gundavelli-mip4-multiple-tunnel-support-02 Multiple Tunnel
 *        Request) and a flow policy negotiated with Flow-Binding extensions
 *        (RFC 7629 4.2).
 *
 * The node registers one binding per interface the host reports
 * (@ref mipfb_mn4_iface_up), keeps each interface's Binding Identifier
 * stable, retransmits with exponential backoff, refreshes before the
 * granted lifetime runs out, and answers the home agent's rejections as
 * RFC 5944 and RFC 7629 5.1 say (152: multipath off; 153: re-register;
 * 133: clock resync). It sends and receives nothing itself: requests go
 * out through @ref mipfb_hooks::send, replies come in through
 * @ref mipfb_mn4_input, tunnels are set up by the host on
 * @ref mipfb_hooks::tunnel events, and the flow policy the home agent
 * accepted is reported through @ref mipfb_hooks::flow and used by
 * @ref mipfb_mn4_classify_packet. Behaviour where the specifications
 * leave a choice: doc/agents.md "Mobile node".
 *
 * Memory: @ref mipfb_mn4_mem_size octets of caller memory aligned to
 * @ref MIPFB_MN4_ALIGN; nothing is allocated, nothing is global.
 *
 * Time: every call takes @c now_ms, a monotonic millisecond clock that
 * never goes backwards. The node keeps one deadline (announced through
 * @ref mipfb_hooks::set_timer, readable with @ref mipfb_mn4_next_deadline);
 * the host calls @ref mipfb_mn4_timeout at or after it.
 *
 * Identification (RFC 5944 5.7, timestamps): the @ref mipfb_hooks::wallclock
 * NTP time plus the node's clock offset (0 until a 133 reply resynchronises
 * it), its low 16 bits (finer than any host clock) taken from
 * @ref mipfb_hooks::random as 5.7 asks for the fraction bits a clock lacks,
 * and always strictly greater than the previous one the node used (else
 * the previous one + 1). Every transmission, retransmissions included, has
 * a new Identification, so a late reply to an earlier transmission does
 * not match the request in flight.
 *
 * Hook failures follow agent.h: a failing @c tunnel or @c flow hook undoes
 * what the call had applied (inverse events in reverse order) and the call
 * returns @ref MIPFB_ERR_HOOK with the node as before; a failing @c send
 * returns @ref MIPFB_ERR_HOOK with the state change kept (the request
 * counts as sent and lost: it is retransmitted). A failing @c auth_key
 * while signing a request counts as a failing @c send.
 *
 * Tunnel events of the node: @c role @ref MIPFB_ROLE_MN4, @c ifindex the
 * interface id, @c bid the interface's BID (0 for the single binding
 * registered without a Multipath extension), @c local the registered
 * care-of address (the co-located CoA, or the foreign agent's address),
 * @c remote the home agent, @c hoa the home address, @c lifetime_s the
 * lifetime in force (min(requested, granted)), @c encap from the M/G bits
 * of @ref mipfb_mn4_config::reg_flags, @c reverse from its T bit.
 *
 * Flow events of the node: the rules its classification uses (the policy
 * the home agent last returned, else the one set by
 * @ref mipfb_mn4_set_policy), @c id = position + 1.
 *
 * Threading: one node must not be used by two threads at once, except
 * for concurrent const calls (classification, introspection).
 */
#ifndef MIPFB_MN4_H
#define MIPFB_MN4_H

#include <mipfb/agent.h>
#include <mipfb/mip4.h>

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Alignment @ref mipfb_mn4_init requires of the caller memory. @since 0.1.0 */
#define MIPFB_MN4_ALIGN 8

/** @brief Most interfaces one node handles (RFC 7629 BIDs 1..254). @since 0.1.0 */
#define MIPFB_MN4_MAX_IFACES 254

/** @brief Most flow rules one node handles. @since 0.1.0 */
#define MIPFB_MN4_MAX_RULES 256

/** @brief Flag octet bits @ref mipfb_mn4_config::reg_flags may hold (B, M, G, T). @since 0.1.0 */
#define MIPFB_MN4_REG_FLAGS_ALLOWED (MIPFB_MIP4_FLAG_B | MIPFB_MIP4_FLAG_M | MIPFB_MIP4_FLAG_G | MIPFB_MIP4_FLAG_T)

/**
 * @brief Configuration of a mobile node. Fill it with
 *        @ref mipfb_mn4_config_default, then set at least @c hoa,
 *        @c ha_addr and @c spi. Copied at init.
 * @since 0.1.0
 */
typedef struct mipfb_mn4_config {
  uint32_t hoa;                /**< home address (host order), not 0 */
  uint32_t ha_addr;            /**< home agent address (host order), not 0 */
  uint32_t spi;                /**< SPI of the node's Mobile-Home security association (asked from @ref mipfb_hooks::auth_key) */
  size_t max_ifaces;           /**< interfaces the node can know, 1..@ref MIPFB_MN4_MAX_IFACES (default 8) */
  size_t max_rules;            /**< flow rules the node can hold, 1..@ref MIPFB_MN4_MAX_RULES (default 8) */
  uint16_t lifetime;           /**< requested registration lifetime, seconds, 1..65535 (65535 = infinity; default 600) */
  uint16_t port;               /**< UDP source port of the requests (default 434; the destination is always 434) */
  uint32_t retrans_initial_ms; /**< wait for a reply before the first retransmission, ms, 1.. (default 1000) */
  uint32_t retrans_max_ms;     /**< the doubling wait stops growing here, ms, >= @c retrans_initial_ms (default 32000) */
  uint32_t max_retrans;        /**< transmissions of one registration before its binding fails, 1.. (default 6) */
  uint8_t refresh_percent;     /**< re-register at this percentage of the lifetime in force, 1..99 (default 80) */
  uint8_t bulk_refresh;        /**< 1: refresh every binding with one B = 1 request (RFC 7629 5.1); default 0 */
  uint8_t literal_overwrite;   /**< 1: set O = 1 when one binding's care-of address changes, as RFC 7629 5.1 literally says (errata E-18; the home agent then drops the other bindings); default 0 */
  uint8_t multipath;           /**< 1: register every interface (default); 0: one binding on one interface, no Multipath extension */
  uint8_t use_mtunnel;         /**< 0: RFC 7629 Multipath extension (default); 1: draft-02 Multiple Tunnel Request extension instead (needs @c cp.mip4_ext_mtunnel, no Flow-Binding extensions) */
  uint8_t reg_flags;           /**< RFC 5944 3.3 flag octet bits to set, among @ref MIPFB_MN4_REG_FLAGS_ALLOWED (default 0). D is set by the node for a co-located care-of address; S is never set */
  mipfb_codepoints cp;         /**< code points for encoding and decoding (default: @ref MIPFB_PROFILE_RFC) */
} mipfb_mn4_config;

/**
 * @brief One interface as the host sees it, given to @ref mipfb_mn4_iface_up.
 * @since 0.1.0
 */
typedef struct mipfb_mn4_iface {
  uint32_t id;        /**< host interface id (becomes @ref mipfb_pkt_info::ifindex of the node's requests), not 0 */
  uint32_t coa;       /**< co-located care-of address (host order); with a foreign agent: the node's source address on that link (0: the home address) */
  uint32_t fa_addr;   /**< foreign agent care-of address (host order); 0 = co-located care-of address @c coa */
  uint8_t if_att;     /**< access technology type (RFC 5213 ATT registry) */
  uint8_t if_label;   /**< interface label, 1..255 (RFC 7629 4.1) */
  uint32_t bandwidth; /**< draft-02 only: interface bandwidth in kilobytes (0: not sent) */
} mipfb_mn4_iface;

/**
 * @brief State of one interface's binding.
 * @since 0.1.0
 */
typedef enum mipfb_mn4_state {
  MIPFB_MN4_IDLE = 0,      /**< no binding and no request (interface down, deregistered, standby without multipath, or at home) */
  MIPFB_MN4_REGISTERING,   /**< a registration is in flight, no binding yet */
  MIPFB_MN4_REGISTERED,    /**< the binding is accepted and its tunnel is up */
  MIPFB_MN4_REFRESHING,    /**< registered, and a re-registration is in flight (refresh, new care-of address, or another interface's B = 1 request covering it) */
  MIPFB_MN4_DEREGISTERING, /**< the binding was removed locally; a lifetime-0 request is in flight */
  MIPFB_MN4_FAILED         /**< registration failed (rejected or unanswered); retried later or at the next @ref mipfb_mn4_iface_up */
} mipfb_mn4_state;

/**
 * @brief What @ref mipfb_mn4_binding_info reports about one interface.
 * @since 0.1.0
 */
typedef struct mipfb_mn4_binding {
  uint32_t iface_id;        /**< the interface id */
  uint16_t bid;             /**< the interface's BID, 1..254 (stable) */
  uint8_t up;               /**< 1 while the interface is up */
  uint8_t state;            /**< `mipfb_mn4_state` value */
  uint32_t coa;             /**< care-of address registered or being registered (the FA address for an FA care-of address) */
  uint32_t fa_addr;         /**< foreign agent address (0: co-located) */
  uint8_t if_att;           /**< access technology type */
  uint8_t if_label;         /**< interface label */
  uint8_t last_code;        /**< code of the last reply for this binding (0 when none or accepted) */
  uint16_t lifetime_s;      /**< lifetime in force, min(requested, granted), seconds; 0 when not registered */
  uint64_t remaining_ms;    /**< time left of the binding at @c now_ms (UINT64_MAX for an infinite lifetime); 0 when not registered */
  uint32_t retransmissions; /**< retransmissions of the request in flight (0 for the first transmission) */
  uint64_t id;              /**< Identification of the request in flight or last sent */
} mipfb_mn4_binding;

/**
 * @brief Counters of a node (never reset; they wrap).
 * @since 0.1.0
 */
typedef struct mipfb_mn4_stats {
  uint32_t requests_sent;     /**< Registration Requests handed to @c send (retransmissions included) */
  uint32_t retransmissions;   /**< of which retransmissions */
  uint32_t replies_accepted;  /**< replies with code 0 or 1 that matched a request */
  uint32_t replies_rejected;  /**< replies with another code that matched a request */
  uint32_t replies_discarded; /**< messages discarded by @ref mipfb_mn4_input */
  uint32_t auth_failures;     /**< of which failed MN-HA authentication */
  uint32_t clock_resyncs;     /**< 133 replies that set the clock offset */
  uint32_t binding_failures;  /**< bindings failed (rejected or unanswered after @c max_retrans) */
  uint32_t expiries;          /**< bindings whose lifetime ran out before a refresh was accepted */
} mipfb_mn4_stats;

/** @brief A mobile node; fields are private (lives inside the caller memory). @since 0.1.0 */
typedef struct mipfb_mn4 mipfb_mn4;

/**
 * @brief Fill a configuration with the default values (addresses and SPI 0).
 * @param[out] cfg configuration; not NULL
 * @since 0.1.0
 */
MIPFB_EXTERN void mipfb_mn4_config_default(mipfb_mn4_config *cfg);

/**
 * @brief Octets of caller memory a node with this configuration needs.
 * @param[in] cfg configuration; not NULL
 * @return the size, or 0 when the configuration is invalid (see @ref mipfb_mn4_init).
 * @since 0.1.0
 */
MIPFB_EXTERN size_t mipfb_mn4_mem_size(const mipfb_mn4_config *cfg);

/**
 * @brief Make a mobile node with no interface and no policy in caller memory.
 *
 * The memory belongs to the node until the caller stops using it; there is
 * nothing to free. Calls @ref mipfb_hooks::random once (policy hash seed).
 * The random hook is also called for every Identification; when it fails
 * there, the timestamp is used as it is.
 * @param[out] out the node (a pointer into @p mem); not NULL
 * @param[in] mem at least @ref mipfb_mn4_mem_size octets aligned to @ref MIPFB_MN4_ALIGN
 * @param[in] mem_len octets at @p mem
 * @param[in] cfg configuration, copied; not NULL
 * @param[in] hooks host hooks, copied (send, random, auth_key and wallclock required); not NULL
 * @param[in] user passed back to every hook (borrowed for the node's life)
 * @param[in] now_ms current time
 * @retval 0 success
 * @retval MIPFB_ERR_INVALID_ARG a NULL pointer, misaligned @p mem, a required hook missing, or a configuration value out of range (address or SPI 0, capacity, lifetime, timers, percentage, flags, @c use_mtunnel without a Multiple Tunnel Request type in @c cp)
 * @retval MIPFB_ERR_ABI @c hooks->version is 0 or above @ref MIPFB_HOOKS_VERSION
 * @retval MIPFB_ERR_NOBUF @p mem_len is below @ref mipfb_mn4_mem_size
 * @retval MIPFB_ERR_HOOK the random hook failed
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_mn4_init(mipfb_mn4 **out, void *mem, size_t mem_len, const mipfb_mn4_config *cfg,
                                const mipfb_hooks *hooks, void *user, uint64_t now_ms);

/**
 * @brief An interface is up, or its parameters changed.
 *
 * A new interface id gets the lowest free BID (an interface the node no
 * longer needs, down and idle, gives its place up when the table is
 * full). The interface keeps its BID across care-of address changes and
 * down/up. A registration is sent on the interface when it was down,
 * idle or failed, or when its care-of address, foreign agent, If-ATT or
 * If-Label changed (a registered binding keeps its tunnel until the new
 * registration is accepted: @ref MIPFB_TUNNEL_CHANGE). Same parameters
 * on a binding registered or being registered: nothing happens. With
 * multipath off, only the interface holding the node's single binding
 * registers; others wait as standby (@ref MIPFB_MN4_IDLE), and one coming
 * up takes the binding over when no interface holds it or the holder
 * gave up (@ref MIPFB_MN4_FAILED after @c max_retrans).
 * @param[in,out] mn node; not NULL
 * @param[in] now_ms current time
 * @param[in] ifc interface, copied; not NULL
 * @retval 0 success
 * @retval MIPFB_ERR_INVALID_ARG NULL, @c id 0, @c if_label 0, @c coa and @c fa_addr both 0
 * @retval MIPFB_ERR_TABLE_FULL a new id while every slot holds an interface that is up or has a binding
 * @retval MIPFB_ERR_HOOK the send or auth_key hook failed (the registration is pending and will be retransmitted)
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_mn4_iface_up(mipfb_mn4 *mn, uint64_t now_ms, const mipfb_mn4_iface *ifc);

/**
 * @brief An interface went down.
 *
 * Its binding is removed locally (tunnel REMOVE) and a lifetime-0 request
 * for its BID goes out over another registered interface when there is
 * one (state @ref MIPFB_MN4_DEREGISTERING until answered); else the home
 * agent lets the binding expire. With multipath off, the single binding
 * moves to another interface that is up (new registration, which replaces
 * the old binding at the home agent). The interface keeps its BID.
 * @param[in,out] mn node; not NULL
 * @param[in] now_ms current time
 * @param[in] id interface id
 * @retval 0 success (also when the interface was already down)
 * @retval MIPFB_ERR_INVALID_ARG @p mn is NULL
 * @retval MIPFB_ERR_NOT_FOUND the node does not know @p id
 * @retval MIPFB_ERR_HOOK the tunnel or flow hook failed (nothing changed), or the send hook failed (state changed)
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_mn4_iface_down(mipfb_mn4 *mn, uint64_t now_ms, uint32_t id);

/**
 * @brief Deregister one interface's binding; the interface stays up.
 *
 * The tunnel is removed at once and a lifetime-0 request for the BID goes
 * out on that interface (retransmitted until answered or @c max_retrans).
 * The interface registers again at its next @ref mipfb_mn4_iface_up.
 * @param[in,out] mn node; not NULL
 * @param[in] now_ms current time
 * @param[in] id interface id
 * @retval 0 success (also when there was nothing to deregister)
 * @retval MIPFB_ERR_INVALID_ARG @p mn is NULL
 * @retval MIPFB_ERR_NOT_FOUND the node does not know @p id
 * @retval MIPFB_ERR_HOOK the tunnel or flow hook failed (nothing changed), or the send hook failed (state changed)
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_mn4_deregister(mipfb_mn4 *mn, uint64_t now_ms, uint32_t id);

/**
 * @brief The node is back on its home link: deregister everything.
 *
 * Every tunnel is removed and one lifetime-0 request with care-of address
 * = home address goes to the home agent (ifindex 0, source the home
 * address); with multipath on it carries a Multipath extension with B = 1
 * (RFC 7629 5.1, errata E-5). It is retransmitted until answered or
 * @c max_retrans. Every interface becomes @ref MIPFB_MN4_IDLE and registers
 * again at its next @ref mipfb_mn4_iface_up.
 * @param[in,out] mn node; not NULL
 * @param[in] now_ms current time
 * @retval 0 success
 * @retval MIPFB_ERR_INVALID_ARG @p mn is NULL
 * @retval MIPFB_ERR_HOOK the tunnel or flow hook failed (nothing changed), or the send hook failed (state changed)
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_mn4_go_home(mipfb_mn4 *mn, uint64_t now_ms);

/**
 * @brief Set the node's flow policy (RFC 7629 4.2).
 *
 * The rules replace the previous ones, in order; their @c id and @c prio
 * are ignored (the node numbers them by position). They are used by the
 * classification at once, and sent as Flow-Binding extensions with the
 * next registration (sent at once, as a re-registration of the first
 * registered binding, when no registration is in flight), and again with
 * every registration of a binding anew. Each FORWARD list keeps only the
 * BIDs registered and the BID the request registers (so the home agent
 * knows every BID it reads, RFC 7629 5.2); a list left empty leaves the
 * rule out of that message. DROP rules carry BID 255. Nothing is sent
 * with multipath off or with @c use_mtunnel. An empty policy clears the
 * local rules; RFC 7629 has no way to clear the home agent's policy.
 * @param[in,out] mn node; not NULL
 * @param[in] now_ms current time
 * @param[in] rules the rules, copied; may be NULL when @p n is 0
 * @param[in] n number of rules
 * @retval 0 success
 * @retval MIPFB_ERR_INVALID_ARG NULL, an action other than DROP or FORWARD, a FORWARD BID count outside 1..8 or BID outside 1..254 or repeated, an invalid selector
 * @retval MIPFB_ERR_TABLE_FULL more than @c max_rules rules
 * @retval MIPFB_ERR_HOOK the flow hook failed (nothing changed), or the send hook failed (state changed)
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_mn4_set_policy(mipfb_mn4 *mn, uint64_t now_ms, const mipfb_policy_rule *rules, size_t n);

/**
 * @brief Handle a received Registration Reply.
 *
 * It must decode, carry an MN-HA authentication extension with the node's
 * SPI that verifies, name the node's home address, and have the low 32
 * bits of its Identification equal to those of a request in flight;
 * otherwise it is discarded (nothing changes). The one exception (RFC
 * 5944 3.6.2.1: only replies the home agent generated carry the MN-HA
 * extension): a foreign agent's denial (@ref mipfb_mip4_code_is_fa)
 * without any MN-HA extension is taken for a request that went through a
 * foreign agent on an interface that is up. Then, by code: 0 or 1
 * accepted (lifetime = min(requested, granted), tunnel ADD or CHANGE,
 * refresh scheduled at @c refresh_percent, the reply's Flow-Binding
 * extensions become the classification rules); 152 or the Multiple
 * Tunnel denial codes: multipath off, one binding without extension; 153:
 * the bindings the request's Flow-Binding extensions named are registered
 * again, then the policy; 133: the clock offset is set from the reply and
 * the request is sent again at once; any other code: the binding fails
 * (tunnel removed) and is retried after the current backoff.
 * @param[in,out] mn node; not NULL
 * @param[in] now_ms current time
 * @param[in] msg UDP payload; may be NULL only when @p len is 0
 * @param[in] len payload length
 * @param[in] from addressing of the datagram; may be NULL
 * @return the reply's Code (0..255) when the reply was processed, else:
 * @retval MIPFB_ERR_INVALID_ARG @p mn is NULL, or @p msg NULL with @p len not 0
 * @retval MIPFB_ERR_UNSUPPORTED not a Registration Reply
 * @retval MIPFB_ERR_TRUNCATED as @ref mipfb_mip4_decode (also its other decode errors)
 * @retval MIPFB_ERR_AUTH no MN-HA authentication extension, another SPI, or a wrong authenticator
 * @retval MIPFB_ERR_NOT_FOUND another home address, or no request in flight with those low 32 bits of Identification
 * @retval MIPFB_ERR_HOOK auth_key failed (discarded); the tunnel or flow hook failed (the reply is ignored, the request stays in flight); the send hook failed (state changed)
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_mn4_input(mipfb_mn4 *mn, uint64_t now_ms, const uint8_t *msg, size_t len,
                                 const mipfb_pkt_info *from);

/**
 * @brief Run what is due: retransmissions, retries, refreshes, expiries.
 * Calling it early is harmless.
 * @param[in,out] mn node; not NULL
 * @param[in] now_ms current time
 * @retval 0 success
 * @retval MIPFB_ERR_INVALID_ARG @p mn is NULL
 * @retval MIPFB_ERR_HOOK a hook failed; everything due was processed anyway (an expired binding is removed even when its tunnel REMOVE fails)
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_mn4_timeout(mipfb_mn4 *mn, uint64_t now_ms);

/**
 * @brief The node's earliest deadline.
 * @param[in] mn node; not NULL
 * @return the deadline in ms, or @ref MIPFB_NO_DEADLINE.
 * @since 0.1.0
 */
MIPFB_EXTERN uint64_t mipfb_mn4_next_deadline(const mipfb_mn4 *mn);

/**
 * @brief Choose the binding for a packet the node sends (RFC 7629 4.2, 6).
 *
 * @ref mipfb_policy_classify_packet with @ref MIPFB_DIR_FROM_MN over the
 * node's rules and its registered bindings: the first active matching
 * rule (a FORWARD rule takes its first registered BID), else the
 * per-flow hash over the registered bindings. With multipath off the
 * answer is FORWARD to BID 0 (the single binding) when it is registered.
 * Map the BID to an interface with @ref mipfb_mn4_bid_iface.
 * @param[in] mn node; not NULL
 * @param[in] pkt packet from its IP header; may be NULL when @p len is 0
 * @param[in] len octets at @p pkt
 * @param[out] out the decision; not NULL; untouched on error
 * @retval 0 success
 * @retval MIPFB_ERR_INVALID_ARG a NULL pointer
 * @retval MIPFB_ERR_TRUNCATED as @ref mipfb_flow_parse
 * @retval MIPFB_ERR_UNSUPPORTED as @ref mipfb_flow_parse
 * @retval MIPFB_ERR_BAD_LENGTH as @ref mipfb_flow_parse
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_mn4_classify_packet(const mipfb_mn4 *mn, const uint8_t *pkt, size_t len,
                                           mipfb_policy_decision *out);

/**
 * @brief The interface of a BID.
 * @param[in] mn node; not NULL
 * @param[in] bid a BID 1..254, or 0 for the single binding (multipath off)
 * @param[out] iface_id the interface id; not NULL
 * @retval 0 found
 * @retval MIPFB_ERR_INVALID_ARG a NULL pointer
 * @retval MIPFB_ERR_NOT_FOUND no interface has that BID (0: no single binding)
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_mn4_bid_iface(const mipfb_mn4 *mn, uint16_t bid, uint32_t *iface_id);

/**
 * @brief Report one interface's binding.
 * @param[in] mn node; not NULL
 * @param[in] id interface id
 * @param[in] now_ms current time (for @c remaining_ms)
 * @param[out] out filled on success; not NULL
 * @retval 0 success
 * @retval MIPFB_ERR_INVALID_ARG a NULL pointer
 * @retval MIPFB_ERR_NOT_FOUND the node does not know @p id
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_mn4_binding_info(const mipfb_mn4 *mn, uint32_t id, uint64_t now_ms, mipfb_mn4_binding *out);

/**
 * @brief Whether the node still uses multipath registration.
 * @param[in] mn node; not NULL
 * @retval 1 multipath on
 * @retval 0 off (configured off, or a 152 / Multiple Tunnel denial reply turned it off)
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_mn4_multipath_enabled(const mipfb_mn4 *mn);

/**
 * @brief Copy the node's counters.
 * @param[in] mn node; not NULL
 * @param[out] out the counters; not NULL
 * @since 0.1.0
 */
MIPFB_EXTERN void mipfb_mn4_get_stats(const mipfb_mn4 *mn, mipfb_mn4_stats *out);

#ifdef __cplusplus
}
#endif

#endif /* MIPFB_MN4_H */
