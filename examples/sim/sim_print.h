/* The simulator's timeline: every line stamped with the virtual clock;
   registration messages with their decoded fields and extensions (via
   mipfb_mip4_decode), tunnel and flow hook events, the home agent's
   binding table (mipfb_ha4_bindings, mipfb_ha4_rules) and flow decisions. */
#ifndef SIM_PRINT_H
#define SIM_PRINT_H

#include <stdio.h>

#include <mipfb/mipfb.h>

#if defined(__GNUC__) || defined(__clang__)
#define SIM_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define SIM_PRINTF(f, a)
#endif

typedef struct sim_print {
  FILE *out;
  const uint64_t *now; /* the virtual clock, ms */
  int verbose;         /* 0: failures and summary only; 1: the whole timeline */
} sim_print;

/* What sim_print_msg learnt about a message (type 0: did not decode). */
typedef struct sim_msg_summary {
  uint8_t type;
  uint8_t code;
  uint16_t lifetime;
  int has_multipath;
  uint8_t bid;
  size_t n_flow_binding;
} sim_msg_summary;

/* Names a care-of address: the link it belongs to, or NULL. */
typedef const char *(*sim_coa_namer)(const void *ctx, uint32_t coa);

void sim_print_init(sim_print *pr, FILE *out, const uint64_t *now, int verbose);
/* One timeline line with the clock stamp (printed when verbose). */
void sim_print_line(const sim_print *pr, const char *fmt, ...) SIM_PRINTF(2, 3);
/* An indented continuation line (printed when verbose). */
void sim_print_cont(const sim_print *pr, const char *fmt, ...) SIM_PRINTF(2, 3);
/* Always printed (stamped): failures. */
void sim_print_always(const sim_print *pr, const char *fmt, ...) SIM_PRINTF(2, 3);

/* A MIPv4 registration message on its way: "from -> to via link", the
   decoded fixed part and extensions; fate is NULL or a note ("LOST ...").
   Fills *sum (may be NULL). */
void sim_print_msg(const sim_print *pr, const char *from, const char *to, const char *via, const uint8_t *msg,
                   size_t len, const char *fate, sim_msg_summary *sum);
/* A tunnel hook event of agent `who`; `link` names the remote end. */
void sim_print_tunnel(const sim_print *pr, const char *who, const mipfb_tunnel_event *ev, const char *link);
/* A flow hook event of agent `who`. */
void sim_print_flow(const sim_print *pr, const char *who, const mipfb_flow_event *ev);
/* The home agent's bindings and rules for one node. */
void sim_print_bindings(const sim_print *pr, const mipfb_ha4 *ha, uint32_t hoa, uint64_t now_ms, sim_coa_namer namer,
                        const void *ctx);
/* One rule, on one line, into buf. */
void sim_print_rule(char *buf, size_t cap, const mipfb_policy_rule *r);
/* A selector summary ("UDP dport 5060") into buf. */
void sim_print_ts(char *buf, size_t cap, const mipfb_ts *ts);
/* Dotted quad of a host-order address into buf (16 octets). */
const char *sim_print_ip(char buf[16], uint32_t a);
/* Name of a reply code ("accepted", "MULTIPATH_NOT_ALLOWED", ...). */
const char *sim_print_code_name(uint8_t code);
/* Name of an access technology type (RFC 5213 registry). */
const char *sim_print_att_name(uint8_t att);

#endif /* SIM_PRINT_H */
