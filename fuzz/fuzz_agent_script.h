/*
 * fuzz_agent_script.h: the fake host and the script reader shared by the
 * agent fuzz targets (fuzz_ha4.c, fuzz_mn4.c).
 *
 * The host keeps a virtual clock, answers the hooks of agent.h, fails one
 * chosen hook call on request, and replays every tunnel and flow event
 * into a replica of what a real host would hold: the live tunnels keyed by
 * (home address, BID) and each node's installed rules keyed by id. An
 * inconsistent event (ADD of a live tunnel, CHANGE or REMOVE of a dead
 * one, REMOVE of a rule that is not installed, a rule id that is not its
 * position + 1) aborts at once. The targets compare the replica with the
 * agent's introspection after each step.
 *
 * Hook failure semantics the replica follows (agent.h, doc/agents.md
 * "Hook failures"): outside `*_timeout` a failing tunnel / flow call is
 * not applied (the agent undoes the request); inside `*_timeout` the agent
 * goes on as if it had been applied (an expired binding is removed
 * anyway), so the replica applies it too (`fa_host::forced`).
 */
#ifndef MIPFB_FUZZ_AGENT_SCRIPT_H
#define MIPFB_FUZZ_AGENT_SCRIPT_H

#include "fuzz_common.h"

/** Hooks the script can make fail (fa_host::fail_hook, bits of fa_host::failed). */
#define FA_HOOK_TUNNEL 0x01u
#define FA_HOOK_FLOW 0x02u
#define FA_HOOK_SEND 0x04u
#define FA_HOOK_RANDOM 0x08u
#define FA_HOOK_AUTH 0x10u

#define FA_MAX_TUN 64u       /**< live tunnels the replica holds */
#define FA_MAX_FLOW_NODES 12u /**< nodes with a flow replica */
#define FA_MAX_RULES 16u     /**< rule ids 1..FA_MAX_RULES per node */
#define FA_MSG_CAP 2048u     /**< largest message the send hook keeps */
#define FA_N_KEYS 8u         /**< security associations of the host */
#define FA_NTP_BASE 0xED000000ull /**< NTP seconds at now_ms = 0 (a 2026 date) */

/** One live tunnel of the replica. */
typedef struct fa_tun {
  uint32_t hoa;           /**< host order */
  uint16_t bid;
  mipfb_tunnel_event ev;  /**< the last ADD / CHANGE applied */
} fa_tun;

/** One installed rule of the replica. */
typedef struct fa_rule {
  uint8_t present;
  mipfb_policy_rule rule;
} fa_rule;

/** The flow replica of one node. */
typedef struct fa_flow_node {
  uint32_t hoa; /**< 0: unused slot */
  fa_rule rules[FA_MAX_RULES];
} fa_flow_node;

/** One security association of the host. */
typedef struct fa_key {
  uint32_t spi;
  uint32_t hoa;        /**< host order */
  uint8_t multipath;   /**< home agent: multipath authorization */
  uint8_t secret[16];
  mipfb_hmac_md5_key key;
  char nai[24];        /**< NAI naming the node (RFC 2794) */
  size_t nai_len;
} fa_key;

typedef struct fa_host fa_host;

/** Called by the send hook with every message; failed: this call is made to fail. */
typedef void (*fa_send_check)(fa_host *h, const uint8_t *msg, size_t len, const mipfb_pkt_info *to, int failed);

struct fa_host {
  uint8_t role;           /**< MIPFB_ROLE_* of the agent the host serves */
  uint64_t now;           /**< virtual monotonic clock, ms */
  uint64_t timer;         /**< last set_timer value */
  unsigned n_set_timer;
  uint32_t rnd;           /**< xorshift state of the random hook */
  /* failure injection */
  unsigned fail_hook;     /**< FA_HOOK_* to fail, 0 = none armed */
  unsigned fail_skip;     /**< calls of that hook to let through first */
  int arm_ok;             /**< failures may be injected during this call */
  int forced;             /**< this call is a *_timeout: a failed event still applies */
  unsigned failed;        /**< FA_HOOK_* bits that failed during this call */
  unsigned called;        /**< FA_HOOK_* bits called during this call */
  /* sends of this call */
  unsigned n_sent;
  uint8_t sent[FA_MSG_CAP];
  size_t sent_len;        /**< the last message handed to send (failed or not) */
  mipfb_pkt_info sent_to;
  fa_send_check on_send;
  void *ctx;              /**< the target's state, for on_send */
  /* replicas */
  fa_tun tun[FA_MAX_TUN];
  size_t n_tun;
  fa_flow_node fl[FA_MAX_FLOW_NODES];
  int foreign;            /**< the agent may hold nodes the script did not name (re-sealed image import) */
  /* security associations */
  fa_key keys[FA_N_KEYS];
  size_t n_keys;
};

/** The hook table; user = the fa_host. */
extern const mipfb_hooks FA_HOOKS;

/** Empty host, role, clock 0, the security associations of fa_key_hoa(i). */
void fa_host_init(fa_host *h, uint8_t role);
/** Forget the replicas (tunnels, rules), keep clock, keys and arming. */
void fa_host_clear_replica(fa_host *h);
/** Start one agent call: forced = it is a *_timeout; arm_ok = failures may be injected. */
void fa_begin(fa_host *h, int forced, int arm_ok);
/** NTP timestamp of the virtual wall clock at now_ms. */
uint64_t fa_ntp(uint64_t now_ms);

/** Home address of SA i (10.1.0.1 + i), or of a node without SA for i >= FA_N_KEYS. */
uint32_t fa_key_hoa(unsigned i);
/** The SA of an SPI, or NULL. */
const fa_key *fa_key_by_spi(const fa_host *h, uint32_t spi);
/** The SA of a home address, or NULL. */
const fa_key *fa_key_by_hoa(const fa_host *h, uint32_t hoa);

/** The live tunnel (hoa, bid), or NULL. */
const fa_tun *fa_tun_find(const fa_host *h, uint32_t hoa, uint16_t bid);
/** Live tunnels of a home address. */
size_t fa_tun_count(const fa_host *h, uint32_t hoa);
/** Installed rules of a node (NULL: none), by id - 1. */
const fa_flow_node *fa_flow_find(const fa_host *h, uint32_t hoa);

/* ---- script reading ---- */

/** A little-endian base-128 varint of at most 4 octets (0..2^28-1). */
uint32_t fa_varint(fuzz_in *in);
/** A big-endian 16-bit value. */
uint16_t fa_u16(fuzz_in *in);
/** An IPv4 traffic selector from a few octets (valid per mipfb_ts_check). */
void fa_read_ts(fuzz_in *in, mipfb_ts *ts);
/** Arm a failure: one octet (hook in bits 0-2, calls to skip in bits 3-4). */
void fa_read_fail(fuzz_in *in, fa_host *h);

/* ---- messages ---- */

/** Encode msg (its last extension must be the MN-HA authentication one,
    whose key is set by the caller) into out; the length or a negative error. */
mipfb_ssize fa_encode(uint8_t *out, size_t cap, const mipfb_mip4_msg *msg, const mipfb_codepoints *cp);
/** Mutation octet, then (when not 0) the XOR value: change one octet of
    buf after signing. Returns 1 when a byte was changed. */
int fa_read_mutation(fuzz_in *in, uint8_t *buf, size_t len);
/** Decode msg and check that its MN-HA authentication extension (present,
    last of the home agent's) verifies with the SA of its SPI; aborts otherwise.
    Returns the SA. */
const fa_key *fa_check_signed(const fa_host *h, const uint8_t *msg, size_t len, const mipfb_codepoints *cp,
                              mipfb_mip4_msg *m, mipfb_mip4_ext *ext, size_t ext_cap);

/** Rules equal for the invariants (action, BIDs, selector). */
int fa_rule_equal(const mipfb_policy_rule *a, const mipfb_policy_rule *b);

#endif /* MIPFB_FUZZ_AGENT_SCRIPT_H */
