/**
 * @file agent.h
 * @brief What every agent (home agent, mobile node, foreign agent) shares:
 *        the host hooks, the packet addressing record, and the events the
 *        hooks receive.
 *
 * An agent owns no socket, thread, clock or heap. The host calls the
 * agent's `*_input()` with a received message and the current time,
 * `*_timeout()` when the deadline it was last given passes, and role
 * specific requests; the agent answers through the hooks below, all in the
 * caller's thread and before the call returns (style of nghttp2 / ngtcp2
 * callbacks).
 *
 * Time: every call takes `now_ms`, a monotonic millisecond clock of the
 * host's choice that never goes backwards. Wall-clock needs (MIPv4
 * Identification timestamps, RFC 5944 5.7) go through
 * @ref mipfb_hooks::wallclock.
 *
 * Failing hooks: a hook returns 0 on success, anything else on failure.
 * A failing @c tunnel or @c flow hook makes the request that needed it fail
 * as a whole: the agent undoes (through the same hooks) what that request
 * had already applied, keeps its previous state, and the call returns
 * @ref MIPFB_ERR_HOOK. A failing @c send is reported the same way, but the
 * state change it announced stays applied (as if the message had been lost
 * on the link). Each agent's header says exactly what its calls do.
 */
#ifndef MIPFB_AGENT_H
#define MIPFB_AGENT_H

#include <mipfb/md5.h>
#include <mipfb/policy.h>

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Version of @ref mipfb_hooks this header describes. @since 0.1.0 */
#define MIPFB_HOOKS_VERSION 1

/** @brief "No deadline", as given to @ref mipfb_hooks::set_timer. @since 0.1.0 */
#define MIPFB_NO_DEADLINE UINT64_MAX

/** @name Agent roles (mipfb_tunnel_event::role, mipfb_log_event::role)
 * @{ */
#define MIPFB_ROLE_HA4 1 /**< MIPv4 home agent */
#define MIPFB_ROLE_MN4 2 /**< MIPv4 mobile node */
#define MIPFB_ROLE_FA4 3 /**< MIPv4 foreign agent */
/** @} */

/**
 * @brief Addressing of one datagram: where a received message came from, or
 *        where a message to send goes.
 * For MIPv4 these are UDP datagrams; addresses are @ref MIPFB_AF_INET4
 * (network order, like every @ref mipfb_addr).
 * @since 0.1.0
 */
typedef struct mipfb_pkt_info {
  uint32_t ifindex; /**< host interface: received on / send on (0 = let the host route) */
  mipfb_addr src;   /**< source address (send: family 0 lets the host choose) */
  mipfb_addr dst;   /**< destination address */
  uint16_t sport;   /**< source UDP port */
  uint16_t dport;   /**< destination UDP port */
} mipfb_pkt_info;

/** @name Tunnel operations (mipfb_tunnel_event::op)
 * @{ */
#define MIPFB_TUNNEL_ADD 1    /**< a binding was accepted: create its tunnel */
#define MIPFB_TUNNEL_CHANGE 2 /**< a binding's care-of address, If-ATT, If-Label, encapsulation or lifetime changed */
#define MIPFB_TUNNEL_REMOVE 3 /**< a binding ended (deregistered, expired, replaced): delete its tunnel */
/** @} */

/** @name Tunnel encapsulations (mipfb_tunnel_event::encap), RFC 5944 3.3 flags
 * @{ */
#define MIPFB_ENCAP_IPIP 0   /**< IP in IP (RFC 2003), the default */
#define MIPFB_ENCAP_MINIMAL 1 /**< minimal encapsulation (RFC 2004, M flag) */
#define MIPFB_ENCAP_GRE 2    /**< GRE (RFC 2784, G flag) */
/** @} */

/**
 * @brief A binding's tunnel was added, changed or removed.
 * One tunnel per binding: (@c hoa, @c bid) names it. Valid during the hook
 * call only.
 * @since 0.1.0
 */
typedef struct mipfb_tunnel_event {
  uint8_t op;          /**< `MIPFB_TUNNEL_*` */
  uint8_t role;        /**< `MIPFB_ROLE_*` of the agent that calls */
  uint8_t if_att;      /**< access technology type of the binding's interface (RFC 5213 registry) */
  uint8_t if_label;    /**< interface label (RFC 7629 4.1) */
  uint8_t encap;       /**< `MIPFB_ENCAP_*` */
  uint8_t reverse;     /**< 1 when reverse tunnelling was requested (T flag) */
  uint16_t bid;        /**< binding identifier (0: a registration without Multipath extension) */
  uint32_t ifindex;    /**< mobile node / foreign agent: the interface; home agent: 0 */
  uint32_t lifetime_s; /**< granted lifetime, seconds (0 for REMOVE) */
  mipfb_addr hoa;      /**< the mobile node's home address */
  mipfb_addr local;    /**< this agent's end of the tunnel */
  mipfb_addr remote;   /**< the other end (the care-of address, as seen by the home agent) */
} mipfb_tunnel_event;

/** @name Flow rule operations (mipfb_flow_event::op)
 * @{ */
#define MIPFB_FLOW_INSTALL 1 /**< a rule was added to, or replaced in, a node's policy */
#define MIPFB_FLOW_REMOVE 2  /**< a rule left a node's policy */
/** @} */

/**
 * @brief A mobile node's negotiated flow policy changed by one rule.
 * For hosts that program a kernel classifier; hosts that forward through
 * the library's classification may leave @ref mipfb_hooks::flow NULL. An
 * INSTALL of an id already installed replaces that rule. Rules apply in
 * ascending @c order. Valid during the hook call only.
 * @since 0.1.0
 */
typedef struct mipfb_flow_event {
  uint8_t op;                    /**< `MIPFB_FLOW_*` */
  uint8_t role;                  /**< `MIPFB_ROLE_*` of the agent that calls */
  uint32_t order;                /**< position in the node's policy (0 first) */
  mipfb_addr hoa;                /**< the mobile node's home address */
  const mipfb_policy_rule *rule; /**< the rule (REMOVE: only @c rule->id is meaningful) */
} mipfb_flow_event;

/**
 * @brief What @ref mipfb_hooks::auth_key is asked: the security association
 *        of one mobile node.
 * @since 0.1.0
 */
typedef struct mipfb_auth_query {
  uint8_t role;    /**< `MIPFB_ROLE_*` of the agent that asks */
  uint32_t spi;    /**< SPI of the Mobile-Home Authentication extension */
  mipfb_addr hoa;  /**< the node's home address (family 0 when the request names the node by NAI only) */
  mipfb_vec nai;   /**< the node's NAI (RFC 2794) when the message carries one, else empty */
  mipfb_addr peer; /**< the home agent's address */
} mipfb_auth_query;

/**
 * @brief The host's answer to @ref mipfb_hooks::auth_key.
 * @since 0.1.0
 */
typedef struct mipfb_auth_answer {
  mipfb_hmac_md5_key key; /**< HMAC-MD5 key state (mipfb_hmac_md5_key_init()) of the SPI */
  uint8_t multipath;      /**< home agent: 1 when this node may register several bindings (RFC 7629 5.2) */
  mipfb_addr hoa;         /**< home agent, NAI-only request: the home address to assign (family 0: none) */
} mipfb_auth_answer;

/** @name Log levels (mipfb_log_event::level)
 * @{ */
#define MIPFB_LOG_ERROR 1 /**< a hook failed, an internal limit was hit */
#define MIPFB_LOG_WARN 2  /**< a message was rejected or discarded */
#define MIPFB_LOG_INFO 3  /**< a binding or rule changed */
#define MIPFB_LOG_DEBUG 4 /**< every message and timer */
/** @} */

/**
 * @brief One log record. The library formats nothing: @c what is a static
 *        text, the other fields are the record's data (0 when not relevant).
 * @since 0.1.0
 */
typedef struct mipfb_log_event {
  uint8_t level;    /**< `MIPFB_LOG_*` */
  uint8_t role;     /**< `MIPFB_ROLE_*` */
  uint8_t code;     /**< reply code concerned, if any */
  uint16_t bid;     /**< binding concerned, if any */
  int err;          /**< library error concerned (negative), if any */
  mipfb_addr hoa;   /**< mobile node concerned, if any */
  const char *what; /**< static text (never NULL) */
} mipfb_log_event;

/**
 * @brief The host hooks, shared by every agent role.
 * The struct is copied at init; @c user is passed back to every hook. Hooks
 * must not call back into the agent that called them.
 * @since 0.1.0
 */
typedef struct mipfb_hooks {
  /** Set to @ref MIPFB_HOOKS_VERSION. An agent refuses a larger version
   *  (@ref MIPFB_ERR_ABI); a smaller one means the later members are absent. */
  uint32_t version;
  /** Send @p len octets of @p msg as one UDP datagram addressed by @p to.
   *  The bytes are valid during the call only. Required. */
  int (*send)(void *user, const uint8_t *msg, size_t len, const mipfb_pkt_info *to);
  /** The agent's earliest deadline is now @p deadline_ms
   *  (@ref MIPFB_NO_DEADLINE for none); call the agent's `*_timeout()` then.
   *  A later call replaces the earlier deadline. May be NULL when the host
   *  polls the agent's `*_next_deadline()`. */
  void (*set_timer)(void *user, uint64_t deadline_ms);
  /** A binding's tunnel changes. May be NULL. */
  int (*tunnel)(void *user, const mipfb_tunnel_event *ev);
  /** A node's flow policy changes by one rule. May be NULL. */
  int (*flow)(void *user, const mipfb_flow_event *ev);
  /** Fill @p a with the security association of @p q. Return 0 when
   *  there is one, non-zero when there is none (the message is then
   *  discarded, RFC 5944 3.8.2.1). Required by the home agent and the
   *  mobile node. */
  int (*auth_key)(void *user, const mipfb_auth_query *q, mipfb_auth_answer *a);
  /** Fill @p out with @p len random octets. Required. */
  int (*random)(void *user, uint8_t *out, size_t len);
  /** The wall clock at @p now_ms as a 64-bit NTP timestamp (seconds since
   *  1900 in the high 32 bits, fraction in the low 32; RFC 5944 5.7).
   *  Required by the home agent and the mobile node. */
  uint64_t (*wallclock)(void *user, uint64_t now_ms);
  /** A log record. May be NULL. */
  void (*log)(void *user, const mipfb_log_event *ev);
} mipfb_hooks;

/**
 * @brief An IPv4 address given as a host-order number (the way the MIPv4
 *        agents' calls take home and care-of addresses) as a
 *        @ref mipfb_addr.
 * @param[in] a the address, e.g. 0x0a000001 for 10.0.0.1
 * @return the address with family @ref MIPFB_AF_INET4, octets 4..15 zero.
 * @since 0.1.0
 */
MIPFB_EXTERN mipfb_addr mipfb_addr_ipv4(uint32_t a);

/**
 * @brief The host-order number of an IPv4 @ref mipfb_addr (the inverse of
 *        @ref mipfb_addr_ipv4).
 * @param[in] a the address; not NULL
 * @return the number, or 0 when @c a->family is not @ref MIPFB_AF_INET4.
 * @since 0.1.0
 */
MIPFB_EXTERN uint32_t mipfb_addr_ipv4_value(const mipfb_addr *a);

#ifdef __cplusplus
}
#endif

#endif /* MIPFB_AGENT_H */
