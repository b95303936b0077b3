/*
 * fuzz_ha4: the MIPv4 home agent (ha4.h) driven by a script, with the
 * binding cache checked against its invariants after every step.
 *
 * Input: three configuration octets, then operations until the input
 * ends (opcode octet % 9):
 *   0 ADVANCE     varint ms (time only rises)
 *   1 RAW         length octet, that many octets -> mipfb_ha4_input
 *   2 RRQ         a Registration Request built from ~12 octets (node from
 *                 a small set of security associations, flags, lifetime,
 *                 Multipath / Multiple Tunnel Request with B/O, BID,
 *                 If-ATT/Label, CoA, 0-3 Flow-Binding extensions, NAI,
 *                 Identification near the virtual wall clock or replayed),
 *                 signed with the node's key (so it passes
 *                 authentication), optionally with one octet changed after
 *                 signing -> mipfb_ha4_input
 *   3 TIMEOUT     octet: bit 0 jump to next_deadline first -> mipfb_ha4_timeout
 *   4 FAIL        arm one failing tunnel / flow / send / random / auth_key call
 *   5 MTS         mipfb_ha4_set_multiple_tunnel_support
 *   6 EXPORT      export, import into a second home agent (plain, one
 *                 octet changed, truncated), compare, optionally continue
 *                 with the imported one
 *   7 CLASSIFY    a flow key / packet for a node -> mipfb_ha4_classify(_packet)
 *   8 SECONDS     octet: advance that many seconds
 * Configuration octets: 0: bit 0 draft profile, bit 1 strict reserved
 * bits, bit 2 reply_on_auth_failure, bit 3 EnableMultipleTunnelSupport,
 * bit 4 NAI keying, bits 5-7 max_lifetime; 1: max_nodes 1..8 (bits 0-2),
 * max_bindings_per_node 1..8 (bits 3-5), replay window (bits 6-7);
 * 2: max_bindings 1..16 (bits 0-3), max_rules_per_node (bits 4-6),
 * bit 7 max_rules 4 (else 64).
 *
 * Invariants after every step (abort when broken): every binding's BID is
 * 0..254, 0 only for a node's single non-multipath binding, and multipath
 * nodes hold 1..254 only; BIDs in increasing order; per-node counts within
 * max_bindings_per_node / max_rules_per_node; totals equal the sums and
 * stay within the pools; every FORWARD BID of a rule names an existing
 * binding of that node, without repeats; a node without binding has no
 * rule; the live tunnels (ADD / CHANGE / REMOVE replayed per (hoa, BID))
 * are exactly the bindings, with their parameters; the installed rules
 * (flow events replayed) are exactly the node's rules; the set_timer value
 * equals next_deadline, which is not after any expiry and, after a
 * timeout, is in the future (or none); a call whose tunnel or flow hook
 * failed returns MIPFB_ERR_HOOK with the binding cache unchanged; a
 * rejected or discarded request changes nothing; a request changed after
 * signing is never accepted; each reply decodes, verifies, mirrors the
 * request's addressing and Identification; an accepted request has the
 * effect doc/agents.md "Binding semantics" gives; an imported image gives
 * the same bindings, rules and Identifications.
 */
#include "fuzz_agent_script.h"

#define N_NODES 8u          /* home addresses fa_key_hoa(0..7); 7 has no SA */
#define MAX_PER_NODE 8u
#define MAX_RULES_NODE 8u
#define EXT_CAP 16u
#define MEM_WORDS (1u << 17) /* 1 MiB per agent */
#define IMG_CAP 65536u

static const uint32_t HA_ADDR = 0x0a010064u; /* 10.1.0.100 */

typedef struct ha_snap_node {
  int present;
  mipfb_ha4_node info;
  size_t nb, nr;
  mipfb_ha4_binding b[MAX_PER_NODE];
  mipfb_policy_rule r[MAX_RULES_NODE];
} ha_snap_node;

typedef struct ha_snap {
  ha_snap_node n[N_NODES];
} ha_snap;

typedef struct ha_ctx {
  mipfb_codepoints cp;
  mipfb_ha4_config cfg;
  mipfb_ha4 *ha, *other;
  fa_host *h, *h_other;
  uint64_t *mem, *mem_other;
  uint64_t now;
  uint64_t id_ctr;
  uint64_t last_id[N_NODES];
  /* the input in progress */
  mipfb_pkt_info from;
  int reply_ok;      /* the last reply decoded */
  uint8_t reply_code;
  uint16_t reply_lifetime;
  uint32_t reply_hoa;
  uint64_t reply_id;
} ha_ctx;

static uint64_t mem_a[MEM_WORDS], mem_b[MEM_WORDS];
static fa_host host_a, host_b;
static uint8_t img[IMG_CAP];
static ha_ctx C;
static int trace; /* FUZZ_TRACE set: print each step (reproducing a crash) */

/* ---- snapshots and invariants ---- */

static void snap(const mipfb_ha4 *ha, uint64_t now, ha_snap *s) {
  unsigned i;
  memset(s, 0, sizeof *s);
  for (i = 0; i < N_NODES; i++) {
    ha_snap_node *n = &s->n[i];
    if (mipfb_ha4_node_info(ha, fa_key_hoa(i), &n->info) != 0) {
      continue;
    }
    n->present = 1;
    n->nb = mipfb_ha4_bindings(ha, fa_key_hoa(i), now, n->b, MAX_PER_NODE);
    n->nr = mipfb_ha4_rules(ha, fa_key_hoa(i), n->r, MAX_RULES_NODE);
  }
}

static int binding_equal(const mipfb_ha4_binding *a, const mipfb_ha4_binding *b) {
  return a->bid == b->bid && a->coa == b->coa && a->if_att == b->if_att && a->if_label == b->if_label &&
         a->encap == b->encap && a->reverse == b->reverse && a->lifetime_s == b->lifetime_s &&
         a->expires_ms == b->expires_ms && a->remaining_ms == b->remaining_ms;
}

static void snap_equal(const ha_snap *a, const ha_snap *b, const char *what) {
  unsigned i;
  size_t j;
  for (i = 0; i < N_NODES; i++) {
    const ha_snap_node *x = &a->n[i], *y = &b->n[i];
    int ok = x->present == y->present;
    if (ok && x->present) {
      ok = x->info.hoa == y->info.hoa && x->info.n_bindings == y->info.n_bindings &&
           x->info.n_rules == y->info.n_rules && x->info.last_id == y->info.last_id &&
           x->info.multipath == y->info.multipath && x->info.idle_until_ms == y->info.idle_until_ms &&
           x->nb == y->nb && x->nr == y->nr;
      for (j = 0; ok && j < x->nb && j < MAX_PER_NODE; j++) {
        ok = binding_equal(&x->b[j], &y->b[j]);
      }
      for (j = 0; ok && j < x->nr && j < MAX_RULES_NODE; j++) {
        ok = x->r[j].id == y->r[j].id && fa_rule_equal(&x->r[j], &y->r[j]);
      }
    }
    if (!ok) {
      fprintf(stderr, "binding cache of node %u changed: %s\n", i, what);
      FUZZ_FAIL("binding cache unchanged");
    }
  }
}

static void check_agent(const ha_ctx *c, const mipfb_ha4 *ha, const fa_host *h, int after_timeout) {
  size_t nodes = 0, binds = 0, rules = 0;
  uint64_t dl = mipfb_ha4_next_deadline(ha);
  unsigned i;
  FUZZ_CHECK(h->timer == dl); /* set_timer announced the current deadline */
  if (after_timeout) {
    FUZZ_CHECK(dl == MIPFB_NO_DEADLINE || dl > c->now);
  }
  uint32_t hoas[N_NODES + FA_MAX_TUN + FA_MAX_FLOW_NODES];
  size_t n_hoas = 0;
  /* the script's nodes, and any other the hook events named */
  for (i = 0; i < N_NODES; i++) {
    hoas[n_hoas++] = fa_key_hoa(i);
  }
  for (i = 0; i < h->n_tun + FA_MAX_FLOW_NODES; i++) {
    uint32_t x = i < h->n_tun ? h->tun[i].hoa : h->fl[i - h->n_tun].hoa;
    size_t m;
    int seen = x == 0;
    for (m = 0; m < n_hoas && !seen; m++) {
      seen = hoas[m] == x;
    }
    if (!seen) {
      hoas[n_hoas++] = x;
    }
  }
  for (i = 0; i < n_hoas; i++) {
    uint32_t hoa = hoas[i];
    mipfb_ha4_node info;
    mipfb_ha4_binding b[MAX_PER_NODE + 1], one;
    mipfb_policy_rule r[MAX_RULES_NODE + 1];
    const fa_flow_node *fl = fa_flow_find(h, hoa);
    size_t nb, nr, j, k;
    if (mipfb_ha4_node_info(ha, hoa, &info) != 0) {
      FUZZ_CHECK(fa_tun_count(h, hoa) == 0);
      for (j = 0; fl != NULL && j < FA_MAX_RULES; j++) {
        FUZZ_CHECK(!fl->rules[j].present);
      }
      FUZZ_CHECK(mipfb_ha4_bindings(ha, hoa, c->now, b, MAX_PER_NODE + 1) == 0);
      continue;
    }
    /* a node without security association was never authenticated */
    FUZZ_CHECK(h->foreign || i < N_NODES - 1);
    nodes++;
    FUZZ_CHECK(info.hoa == hoa);
    FUZZ_CHECK(info.n_bindings <= c->cfg.max_bindings_per_node);
    FUZZ_CHECK(info.n_rules <= c->cfg.max_rules_per_node);
    FUZZ_CHECK(info.multipath <= 1);
    nb = mipfb_ha4_bindings(ha, hoa, c->now, b, MAX_PER_NODE + 1);
    FUZZ_CHECK(nb == info.n_bindings);
    binds += nb;
    FUZZ_CHECK(fa_tun_count(h, hoa) == nb); /* no tunnel without binding */
    if (nb == 0) {
      FUZZ_CHECK(info.idle_until_ms != 0);
      FUZZ_CHECK(dl <= info.idle_until_ms);
      FUZZ_CHECK(info.n_rules == 0);
    } else {
      FUZZ_CHECK(info.idle_until_ms == 0);
    }
    for (j = 0; j < nb; j++) {
      const fa_tun *t = fa_tun_find(h, hoa, b[j].bid);
      FUZZ_CHECK(b[j].bid <= 254);
      if (b[j].bid == 0) {
        FUZZ_CHECK(nb == 1 && !info.multipath); /* BID 0 only for the single binding */
      } else {
        FUZZ_CHECK(info.multipath); /* a non-multipath node holds BID 0 only */
      }
      if (j > 0) {
        FUZZ_CHECK(b[j].bid > b[j - 1].bid); /* BID order, no repeat */
      }
      FUZZ_CHECK(b[j].lifetime_s >= 1 && b[j].lifetime_s <= c->cfg.max_lifetime);
      FUZZ_CHECK(b[j].encap <= MIPFB_ENCAP_GRE && b[j].reverse <= 1);
      FUZZ_CHECK(b[j].remaining_ms == (b[j].expires_ms > c->now ? b[j].expires_ms - c->now : 0));
      /* granted lifetimes are rounded up to a second; an imported remaining
         time may exceed the lifetime by up to a second more (ha4_image.c) */
      FUZZ_CHECK(b[j].expires_ms <= c->now + (uint64_t)b[j].lifetime_s * 1000u + (h->foreign ? 2000u : 1000u));
      FUZZ_CHECK(dl <= b[j].expires_ms);
      if (after_timeout) {
        FUZZ_CHECK(b[j].expires_ms > c->now); /* expired bindings are gone */
      }
      FUZZ_CHECK(mipfb_ha4_binding_get(ha, hoa, b[j].bid, c->now, &one) == 0);
      FUZZ_CHECK(binding_equal(&one, &b[j]));
      /* its tunnel, with its parameters */
      FUZZ_CHECK(t != NULL);
      FUZZ_CHECK(mipfb_addr_ipv4_value(&t->ev.remote) == b[j].coa);
      FUZZ_CHECK(mipfb_addr_ipv4_value(&t->ev.local) == HA_ADDR);
      FUZZ_CHECK(t->ev.if_att == b[j].if_att && t->ev.if_label == b[j].if_label);
      FUZZ_CHECK(t->ev.encap == b[j].encap && t->ev.reverse == b[j].reverse);
      FUZZ_CHECK(t->ev.lifetime_s == b[j].lifetime_s);
      FUZZ_CHECK(t->ev.ifindex == 0);
    }
    nr = mipfb_ha4_rules(ha, hoa, r, MAX_RULES_NODE + 1);
    FUZZ_CHECK(nr == info.n_rules);
    rules += nr;
    for (j = 0; j < nr; j++) {
      FUZZ_CHECK(r[j].id == j + 1u);
      FUZZ_CHECK(r[j].action == MIPFB_ACTION_DROP || r[j].action == MIPFB_ACTION_FORWARD);
      FUZZ_CHECK(mipfb_ts_check(&r[j].ts, NULL) == 0);
      if (r[j].action == MIPFB_ACTION_FORWARD) {
        FUZZ_CHECK(r[j].n_bids >= 1 && r[j].n_bids <= MIPFB_MIP4_FB_MAX_BIDS);
        for (k = 0; k < r[j].n_bids; k++) {
          size_t m;
          int found = 0;
          for (m = 0; m < nb; m++) {
            found |= b[m].bid == r[j].bids[k];
          }
          FUZZ_CHECK(found); /* no rule names an unknown BID */
          for (m = 0; m < k; m++) {
            FUZZ_CHECK(r[j].bids[m] != r[j].bids[k]);
          }
        }
      }
      /* the flow events installed exactly this rule at this position */
      FUZZ_CHECK(fl != NULL && fl->rules[j].present);
      FUZZ_CHECK(fa_rule_equal(&fl->rules[j].rule, &r[j]));
    }
    for (j = nr; fl != NULL && j < FA_MAX_RULES; j++) {
      FUZZ_CHECK(!fl->rules[j].present); /* no rule installed beyond the policy */
    }
  }
  if (h->foreign) { /* nodes without binding or rule may be out of sight */
    FUZZ_CHECK(mipfb_ha4_node_count(ha) >= nodes);
    nodes = mipfb_ha4_node_count(ha);
  }
  FUZZ_CHECK(mipfb_ha4_node_count(ha) == nodes);
  FUZZ_CHECK(mipfb_ha4_binding_count(ha) == binds);
  FUZZ_CHECK(mipfb_ha4_rule_count(ha) == rules);
  FUZZ_CHECK(nodes <= c->cfg.max_nodes && binds <= c->cfg.max_bindings && rules <= c->cfg.max_rules);
  FUZZ_CHECK(h->n_tun == binds);
  FUZZ_CHECK((nodes == 0) == (dl == MIPFB_NO_DEADLINE));
}

/* ---- replies ---- */

static void on_send(fa_host *h, const uint8_t *msg, size_t len, const mipfb_pkt_info *to, int failed) {
  ha_ctx *c = (ha_ctx *)h->ctx;
  mipfb_mip4_msg m;
  mipfb_mip4_ext ext[EXT_CAP + 8];
  (void)failed;
  FUZZ_CHECK(h->n_sent == 1); /* one reply per request */
  (void)fa_check_signed(h, msg, len, &c->cp, &m, ext, EXT_CAP + 8);
  FUZZ_CHECK(m.type == MIPFB_MIP4_RRP);
  FUZZ_CHECK(m.ha == HA_ADDR);
  /* to the request's source, from the address it was sent to */
  FUZZ_CHECK(to->dst.family == MIPFB_AF_INET4 && mipfb_addr_ipv4_value(&to->dst) == mipfb_addr_ipv4_value(&c->from.src));
  FUZZ_CHECK(to->dport == c->from.sport);
  FUZZ_CHECK(to->src.family == MIPFB_AF_INET4 && mipfb_addr_ipv4_value(&to->src) == mipfb_addr_ipv4_value(&c->from.dst));
  FUZZ_CHECK(to->sport == c->from.dport);
  FUZZ_CHECK(to->ifindex == c->from.ifindex);
  c->reply_ok = 1;
  c->reply_code = m.code;
  c->reply_lifetime = m.lifetime;
  c->reply_hoa = m.hoa;
  c->reply_id = m.id;
  if (m.code > 1) {
    FUZZ_CHECK(m.lifetime == 0);
  } else {
    FUZZ_CHECK(m.lifetime <= c->cfg.max_lifetime);
  }
}

/* What the script knows about a request it built. */
typedef struct rrq_info {
  int built;       /* the script built it (not RAW) */
  int mutated;     /* changed after signing */
  uint32_t hoa;    /* the node (assigned one for NAI-only) */
  uint32_t coa;
  uint16_t lifetime;
  uint8_t flags;
  int multi;       /* Multipath or Multiple Tunnel Request */
  uint8_t bid, b, o, if_att, if_label;
  unsigned n_fb;
  uint64_t id;
} rrq_info;

static void do_input(ha_ctx *c, const uint8_t *msg, size_t len, const rrq_info *q) {
  ha_snap before, after;
  uint64_t dl = mipfb_ha4_next_deadline(c->ha);
  int quiet = dl > c->now; /* nothing due: input does nothing but the request */
  int rc, accepted;
  snap(c->ha, c->now, &before);
  c->reply_ok = 0;
  fa_begin(c->h, 0, quiet);
  rc = mipfb_ha4_input(c->ha, c->now, msg, len, &c->from);
  if (trace) {
    size_t k;
    fprintf(stderr, "  input t=%llu len=%zu rc=%d nodes=%zu sent=%u failed=%x code=%d:", (unsigned long long)c->now, len, rc, mipfb_ha4_node_count(c->ha),
            c->h->n_sent, c->h->failed, c->reply_ok ? c->reply_code : -1);
    for (k = 0; k < len; k++) {
      fprintf(stderr, "%02x", msg[k]);
    }
    fprintf(stderr, "\n");
  }
  FUZZ_CHECK(rc <= 255);
  if (rc >= 0) {
    FUZZ_CHECK(c->h->n_sent == 1 && c->reply_ok && c->reply_code == rc);
  } else if (rc == MIPFB_ERR_HOOK) {
    FUZZ_CHECK((c->h->failed & (FA_HOOK_SEND | FA_HOOK_TUNNEL | FA_HOOK_FLOW)) != 0);
    FUZZ_CHECK(c->h->n_sent == 1 && c->reply_ok);
  } else {
    FUZZ_CHECK(c->h->n_sent == 0);
    FUZZ_CHECK(fuzz_is_decode_error(rc) || rc == MIPFB_ERR_AUTH || rc == MIPFB_ERR_NOT_FOUND);
  }
  if (c->h->failed & (FA_HOOK_TUNNEL | FA_HOOK_FLOW)) {
    FUZZ_CHECK(rc == MIPFB_ERR_HOOK);
    FUZZ_CHECK(c->reply_code == 130); /* request undone, 130 sent */
  }
  if (c->h->failed & FA_HOOK_AUTH) {
    FUZZ_CHECK(c->h->n_sent == 0); /* no security association: discarded */
  }
  if (c->reply_ok && len >= MIPFB_MIP4_RRQ_LEN) {
    uint32_t lo = (uint32_t)msg[20] << 24 | (uint32_t)msg[21] << 16 | (uint32_t)msg[22] << 8 | msg[23];
    uint32_t rq_hoa = (uint32_t)msg[4] << 24 | (uint32_t)msg[5] << 16 | (uint32_t)msg[6] << 8 | msg[7];
    FUZZ_CHECK((uint32_t)c->reply_id == lo);
    if (c->reply_code == 133) {
      FUZZ_CHECK((c->reply_id >> 32) == (fa_ntp(c->now) >> 32)); /* the agent's time */
    } else {
      uint64_t rq_id = 0;
      unsigned k;
      for (k = 16; k < 24; k++) {
        rq_id = rq_id << 8 | msg[k];
      }
      FUZZ_CHECK(c->reply_id == rq_id);
    }
    if (rq_hoa != 0) {
      FUZZ_CHECK(c->reply_hoa == rq_hoa);
    }
  }
  accepted = c->reply_ok && c->reply_code <= 1 && (rc >= 0 || (c->h->failed & FA_HOOK_SEND));
  if (q != NULL && q->mutated) {
    FUZZ_CHECK(!accepted); /* a changed octet never passes authentication */
  }
  snap(c->ha, c->now, &after);
  if (quiet && !accepted) {
    snap_equal(&before, &after, "rejected request"); /* a rejected request changes nothing */
  }
  if (accepted && q != NULL && q->built && quiet) {
    mipfb_ha4_node info;
    mipfb_ha4_binding b[MAX_PER_NODE + 1], one;
    size_t nb;
    uint16_t granted = (uint16_t)(q->lifetime < c->cfg.max_lifetime ? q->lifetime : c->cfg.max_lifetime);
    FUZZ_CHECK(c->reply_lifetime == granted);
    FUZZ_CHECK(c->reply_hoa == q->hoa);
    FUZZ_CHECK(c->reply_code == ((!q->multi && (q->flags & MIPFB_MIP4_FLAG_S)) ? 1 : 0));
    if (mipfb_ha4_node_info(c->ha, q->hoa, &info) != 0) {
      /* a deregistration of an unknown node while the node pool is full
         is accepted without a record: there is nothing to remove */
      FUZZ_CHECK(q->lifetime == 0 && !before.n[q->hoa - fa_key_hoa(0)].present);
      FUZZ_CHECK(mipfb_ha4_node_count(c->ha) == c->cfg.max_nodes);
      check_agent(c, c->ha, c->h, 0);
      return;
    }
    FUZZ_CHECK(info.last_id == q->id);
    nb = mipfb_ha4_bindings(c->ha, q->hoa, c->now, b, MAX_PER_NODE + 1);
    if (q->lifetime != 0) {
      uint16_t bid = q->multi ? q->bid : 0;
      FUZZ_CHECK(mipfb_ha4_binding_get(c->ha, q->hoa, bid, c->now, &one) == 0);
      FUZZ_CHECK(one.coa == q->coa && one.lifetime_s == granted);
      if (q->multi && !q->b) {
        FUZZ_CHECK(one.if_att == q->if_att);
      }
      if (!q->multi || q->o) {
        FUZZ_CHECK(nb == 1); /* replaces every other binding */
      }
      if (q->multi && q->b) {
        size_t j;
        for (j = 0; j < nb; j++) {
          FUZZ_CHECK(b[j].lifetime_s == granted); /* bulk: every binding extended */
        }
      }
      FUZZ_CHECK(info.multipath == (q->multi ? 1 : 0));
    } else if (q->multi && !q->b) {
      FUZZ_CHECK(mipfb_ha4_binding_get(c->ha, q->hoa, q->bid, c->now, &one) == MIPFB_ERR_NOT_FOUND);
    } else if (q->multi || q->coa == q->hoa) {
      FUZZ_CHECK(nb == 0); /* deregister all */
    } else {
      size_t j;
      for (j = 0; j < nb; j++) {
        FUZZ_CHECK(b[j].coa != q->coa);
      }
    }
  }
  check_agent(c, c->ha, c->h, 0);
}

/* ---- RRQ builder ---- */

static uint32_t coa_of(uint8_t v, uint32_t hoa) {
  switch (v & 3u) {
  case 0:
    return 0xc0000264u + ((v >> 2) & 7u); /* 192.0.2.100.. */
  case 1:
    return hoa;
  case 2:
    return (v & 4u) ? 0 : 0xc0000264u;
  default:
    return 0xc6336400u + (v >> 2); /* 198.51.100.x */
  }
}

static void op_rrq(ha_ctx *c, fuzz_in *in) {
  static const uint16_t lifetimes[8] = {0, 1, 2, 10, 60, 1800, 65534, 65535};
  mipfb_mip4_msg m;
  mipfb_mip4_ext ext[8];
  uint8_t buf[1024];
  rrq_info q;
  uint8_t a = fuzz_u8(in), fl = fuzz_u8(in), lt = fuzz_u8(in), x = fuzz_u8(in), bidb = fuzz_u8(in);
  uint8_t att = fuzz_u8(in), cb = fuzz_u8(in), nfb = fuzz_u8(in), idm, src;
  unsigned idx = a & 7u, i;
  const fa_key *k = fa_key_by_hoa(c->h, fa_key_hoa(idx));
  const fa_key *other = &c->h->keys[(idx + 1u) % c->h->n_keys];
  mipfb_ssize len;
  size_t n = 0;
  uint64_t wall = fa_ntp(c->now);

  memset(&q, 0, sizeof q);
  memset(&m, 0, sizeof m);
  memset(ext, 0, sizeof ext);
  q.built = 1;
  q.hoa = fa_key_hoa(idx);
  m.type = MIPFB_MIP4_RRQ;
  m.flags = fl;
  q.flags = fl;
  m.lifetime = (a & 0x80u) ? fa_u16(in) : lifetimes[lt & 7u];
  q.lifetime = m.lifetime;
  m.hoa = (a & 0x08u) ? 0 : q.hoa;
  m.ha = (a & 0x20u) ? HA_ADDR + 1u : HA_ADDR;
  m.coa = coa_of(cb, q.hoa);
  q.coa = m.coa;
  if ((a & 0x18u) != 0 && k != NULL) { /* NAI (alone, bit 3, or with the home address, bit 4) */
    ext[n].kind = MIPFB_MIP4_EXT_NAI;
    ext[n].u.nai.base = (const uint8_t *)k->nai;
    ext[n].u.nai.len = k->nai_len;
    n++;
  }
  q.bid = (uint8_t)(bidb < 200u ? 1u + bidb % 6u : bidb);
  q.if_att = (uint8_t)(att & 0x0Fu);
  q.if_label = (uint8_t)(1u + (att >> 4) % 3u);
  q.b = (uint8_t)((x >> 2) & 1u);
  q.o = (uint8_t)((x >> 3) & 1u);
  if (x & 1u) {
    ext[n].kind = MIPFB_MIP4_EXT_MULTIPATH;
    ext[n].u.multipath.bid = q.bid;
    ext[n].u.multipath.if_att = q.if_att;
    ext[n].u.multipath.if_label = q.if_label;
    ext[n].u.multipath.b = q.b;
    ext[n].u.multipath.o = q.o;
    n++;
    q.multi = 1;
  }
  if ((x & 2u) && c->cp.mip4_ext_mtunnel != 0) {
    static const uint8_t bw[4] = {0, 2, 4, 0};
    ext[n].kind = MIPFB_MIP4_EXT_MTUNNEL;
    ext[n].u.mtunnel.bid = (uint16_t)(q.bid | ((x & 0x40u) ? 0x100u : 0u));
    ext[n].u.mtunnel.if_type = q.if_att;
    ext[n].u.mtunnel.b = q.b;
    ext[n].u.mtunnel.o = q.o;
    ext[n].u.mtunnel.bw_len = bw[(x >> 4) & 3u];
    ext[n].u.mtunnel.bandwidth = ext[n].u.mtunnel.bw_len == 2 ? 1000u : 100000u;
    n++;
    q.multi = 1;
  }
  for (i = 0; i < (nfb & 3u); i++) {
    mipfb_mip4_flow_binding *fb = &ext[n].u.flow_binding;
    uint8_t ab = fuzz_u8(in);
    unsigned j;
    ext[n].kind = MIPFB_MIP4_EXT_FLOW_BINDING;
    if (ab & 1u) {
      fb->action = c->cp.mip4_fb_drop;
      fb->bid_count = 1;
      fb->bids[0] = 255;
    } else {
      fb->action = c->cp.mip4_fb_forward;
      fb->bid_count = (uint8_t)(1u + ((ab >> 1) & 3u));
      for (j = 0; j < fb->bid_count; j++) {
        fb->bids[j] = (uint8_t)(1u + ((unsigned)(ab >> 3) + j * ((ab >> 6) + 1u)) % 6u);
      }
    }
    fa_read_ts(in, &fb->ts);
    n++;
    q.n_fb++;
  }
  ext[n].kind = MIPFB_MIP4_EXT_MN_HA_AUTH;
  if (k != NULL) {
    ext[n].u.auth.spi = (a & 0x40u) ? other->spi : k->spi; /* bit 6: another node's SPI */
    ext[n].u.auth.key = &k->key;
  } else {
    ext[n].u.auth.spi = 0x1FFu; /* no security association */
    ext[n].u.auth.key = &other->key;
  }
  n++;
  /* Identification (RFC 5944 5.7 timestamps) */
  idm = fuzz_u8(in);
  c->id_ctr++;
  switch (idm & 3u) {
  case 0:
    m.id = wall + c->id_ctr;
    break;
  case 1: /* replay the last one of this node */
    m.id = c->last_id[idx] != 0 ? c->last_id[idx] : wall + c->id_ctr;
    break;
  case 2: /* seconds away: -32..31 s */
    m.id = wall + (uint64_t)((int64_t)((int8_t)idm >> 2) * ((int64_t)1 << 32)) + c->id_ctr;
    break;
  default: /* fractions of a second away */
    m.id = wall + (uint64_t)((int64_t)(int8_t)idm * ((int64_t)1 << 24)) + c->id_ctr;
    break;
  }
  q.id = m.id;
  m.ext = ext;
  m.n_ext = n;
  len = fa_encode(buf, sizeof buf, &m, &c->cp);
  src = fuzz_u8(in);
  if (len <= 0) {
    return; /* a combination the encoder refuses (B and O, O with lifetime 0, ...) */
  }
  c->last_id[idx] = m.id;
  if (m.hoa == 0 && k == NULL) {
    q.hoa = 0;
  }
  q.mutated = fa_read_mutation(in, buf, (size_t)len);
  memset(&c->from, 0, sizeof c->from);
  c->from.ifindex = (uint32_t)(src >> 1) & 3u;
  c->from.src = mipfb_addr_ipv4((src & 0x08u) ? 0xc0000201u : (m.coa != 0 ? m.coa : 0xc0000202u));
  c->from.dst = mipfb_addr_ipv4(HA_ADDR);
  c->from.sport = (src & 1u) ? 434 : (uint16_t)(0x8000u + src);
  c->from.dport = 434;
  do_input(c, buf, (size_t)len, &q);
}

static void op_raw(ha_ctx *c, fuzz_in *in) {
  size_t len = fuzz_u8(in);
  const uint8_t *p = in->p;
  if (len > in->len) {
    len = in->len;
  }
  in->p += len;
  in->len -= len;
  memset(&c->from, 0, sizeof c->from);
  c->from.src = mipfb_addr_ipv4(0xc0000201u);
  c->from.dst = mipfb_addr_ipv4(HA_ADDR);
  c->from.sport = 434;
  c->from.dport = 434;
  do_input(c, len != 0 ? p : NULL, len, NULL);
}

static void op_timeout(ha_ctx *c, fuzz_in *in) {
  uint8_t b = fuzz_u8(in);
  uint64_t dl = mipfb_ha4_next_deadline(c->ha);
  ha_snap before, after;
  int rc;
  if ((b & 1u) && dl != MIPFB_NO_DEADLINE && dl > c->now) {
    c->now = dl;
  }
  snap(c->ha, c->now, &before);
  fa_begin(c->h, 1, 1);
  rc = mipfb_ha4_timeout(c->ha, c->now);
  FUZZ_CHECK(rc == 0 || rc == MIPFB_ERR_HOOK);
  FUZZ_CHECK((rc == MIPFB_ERR_HOOK) == ((c->h->failed & (FA_HOOK_TUNNEL | FA_HOOK_FLOW)) != 0));
  FUZZ_CHECK(c->h->n_sent == 0);
  if (dl > c->now) {
    snap(c->ha, c->now, &after);
    snap_equal(&before, &after, "timeout before the deadline");
  }
  check_agent(c, c->ha, c->h, 1);
}

/* ---- export / import ---- */

static int init_agent(ha_ctx *c, mipfb_ha4 **ha, uint64_t *mem, fa_host *h) {
  int rc;
  size_t need = mipfb_ha4_mem_size(&c->cfg);
  FUZZ_CHECK(need != 0 && need <= MEM_WORDS * sizeof(uint64_t));
  rc = mipfb_ha4_init(ha, mem, MEM_WORDS * sizeof(uint64_t), &c->cfg, &FA_HOOKS, h, c->now);
  if (h->failed & FA_HOOK_RANDOM) {
    FUZZ_CHECK(rc == MIPFB_ERR_HOOK);
    return rc;
  }
  FUZZ_CHECK(rc == 0);
  FUZZ_CHECK(h->timer == MIPFB_NO_DEADLINE && mipfb_ha4_next_deadline(*ha) == MIPFB_NO_DEADLINE);
  return 0;
}

static void compare_imported(const ha_ctx *c, const mipfb_ha4 *a, const mipfb_ha4 *b) {
  unsigned i;
  for (i = 0; i < N_NODES; i++) {
    uint32_t hoa = fa_key_hoa(i);
    mipfb_ha4_node x, y;
    mipfb_ha4_binding bx[MAX_PER_NODE], by;
    mipfb_policy_rule rx[MAX_RULES_NODE], ry[MAX_RULES_NODE];
    size_t nb, nr, j, live = 0;
    if (mipfb_ha4_node_info(a, hoa, &x) != 0) {
      FUZZ_CHECK(mipfb_ha4_node_info(b, hoa, &y) == MIPFB_ERR_NOT_FOUND);
      continue;
    }
    nb = mipfb_ha4_bindings(a, hoa, c->now, bx, MAX_PER_NODE);
    for (j = 0; j < nb; j++) {
      if (mipfb_ha4_binding_get(b, hoa, bx[j].bid, c->now, &by) != 0) {
        /* only a binding already due (not yet expired) may be left out */
        FUZZ_CHECK(bx[j].remaining_ms == 0);
        continue;
      }
      live++;
      FUZZ_CHECK(by.coa == bx[j].coa && by.if_att == bx[j].if_att && by.if_label == bx[j].if_label);
      FUZZ_CHECK(by.encap == bx[j].encap && by.reverse == bx[j].reverse && by.lifetime_s == bx[j].lifetime_s);
      if (bx[j].remaining_ms == 0) {
        FUZZ_CHECK(by.expires_ms <= c->now + 1000u); /* exported with a token remaining time */
      } else {
        FUZZ_CHECK(by.expires_ms >= bx[j].expires_ms && by.expires_ms < bx[j].expires_ms + 1000u);
      }
    }
    if (mipfb_ha4_node_info(b, hoa, &y) != 0) {
      FUZZ_CHECK(live == 0);
      continue;
    }
    FUZZ_CHECK(y.n_bindings == live);
    FUZZ_CHECK(y.last_id == x.last_id);
    if (live != 0) {
      FUZZ_CHECK(y.multipath == x.multipath);
    }
    if (live == nb) {
      nr = mipfb_ha4_rules(a, hoa, rx, MAX_RULES_NODE);
      FUZZ_CHECK(mipfb_ha4_rules(b, hoa, ry, MAX_RULES_NODE) == nr);
      for (j = 0; j < nr && j < MAX_RULES_NODE; j++) {
        FUZZ_CHECK(fa_rule_equal(&rx[j], &ry[j]));
      }
    }
  }
}

#define IMG_HEAD 54u /* header octets of the image (lib/agent/ha4_image.c) */

/* Recompute the image trailer: FNV-1a 64 of everything before it. */
static void image_seal(uint8_t *p, size_t len) {
  uint64_t h = 0xcbf29ce484222325ull;
  size_t i;
  unsigned k;
  for (i = 0; i + 8u < len; i++) {
    h = (h ^ p[i]) * 0x100000001b3ull;
  }
  for (k = 0; k < 8; k++) {
    p[len - 8u + k] = (uint8_t)(h >> (56u - 8u * k));
  }
}

static void op_export(ha_ctx *c, fuzz_in *in) {
  uint8_t mode = fuzz_u8(in);
  mipfb_ssize sz = mipfb_ha4_export(c->ha, c->now, NULL, 0), n;
  mipfb_ha4 *b = NULL;
  size_t len;
  int rc, bad = 0;
  ha_snap before, after;
  FUZZ_CHECK(sz > 0);
  if ((size_t)sz > IMG_CAP) {
    return;
  }
  n = mipfb_ha4_export(c->ha, c->now, img, (size_t)sz);
  FUZZ_CHECK(n == sz);
  FUZZ_CHECK(mipfb_ha4_export(c->ha, c->now, img, (size_t)sz - 1u) == MIPFB_ERR_NOBUF);
  len = (size_t)sz;
  /* the second agent gets the armed failure */
  fa_host_init(c->h_other, MIPFB_ROLE_HA4);
  c->h_other->fail_hook = c->h->fail_hook;
  c->h_other->fail_skip = c->h->fail_skip;
  c->h->fail_hook = 0;
  fa_begin(c->h_other, 0, 1);
  if (init_agent(c, &b, c->mem_other, c->h_other) != 0) {
    return;
  }
  switch (mode & 3u) {
  case 1: { /* one octet changed */
    uint8_t pos = fuzz_u8(in);
    uint8_t x = fuzz_u8(in);
    img[((size_t)pos * 7u + (size_t)fuzz_u8(in)) % len] ^= (uint8_t)(x != 0 ? x : 1u);
    bad = 1;
    break;
  }
  case 2: /* truncated */
    len = (size_t)fuzz_u8(in) % len;
    bad = 1;
    break;
  case 3: /* octets changed and the FNV-1a 64 trailer recomputed (lib/agent/ha4_image.c):
             the record checks, not the checksum, must refuse a bad image */
    if (len > IMG_HEAD + 8u) { /* the body only: the settings in the header stay this agent's */
      unsigned k, nmut = 1u + (mode >> 4) % 3u;
      size_t body = len - 8u - IMG_HEAD;
      for (k = 0; k < nmut; k++) {
        uint8_t pos = fuzz_u8(in), x = fuzz_u8(in);
        img[IMG_HEAD + ((size_t)pos * 3u + (size_t)fuzz_u8(in)) % body] ^= x;
      }
      if (mode & 8u) {
        len -= (size_t)fuzz_u8(in) % body;
      }
      image_seal(img, len);
    }
    break;
  default:
    break;
  }
  snap(b, c->now, &before);
  fa_begin(c->h_other, 0, 1);
  c->h_other->foreign = c->h->foreign || (mode & 3u) == 3u;
  rc = mipfb_ha4_import(b, c->now, img, len);
  if (trace) {
    size_t k;
    fprintf(stderr, "  import mode=%u len=%zu rc=%d nodes=%zu bindings=%zu rules=%zu image=", mode, len, rc,
            mipfb_ha4_node_count(b), mipfb_ha4_binding_count(b), mipfb_ha4_rule_count(b));
    for (k = 0; k < len; k++) {
      fprintf(stderr, "%02x", img[k]);
    }
    fprintf(stderr, "\n");
  }
  if (bad) {
    FUZZ_CHECK(rc == MIPFB_ERR_BAD_IMAGE || rc == MIPFB_ERR_TABLE_FULL);
  } else if ((mode & 3u) == 3u) {
    FUZZ_CHECK(rc == 0 || rc == MIPFB_ERR_BAD_IMAGE || rc == MIPFB_ERR_TABLE_FULL || rc == MIPFB_ERR_HOOK);
  } else if (c->h_other->failed & (FA_HOOK_TUNNEL | FA_HOOK_FLOW)) {
    FUZZ_CHECK(rc == MIPFB_ERR_HOOK);
  } else {
    FUZZ_CHECK(rc == 0);
  }
  if (rc != 0) {
    snap(b, c->now, &after);
    snap_equal(&before, &after, "failed import");
    FUZZ_CHECK(c->h_other->n_tun == 0);
    check_agent(c, b, c->h_other, 0);
    return;
  }
  check_agent(c, b, c->h_other, 0);
  if ((mode & 3u) != 3u) {
    compare_imported(c, c->ha, b);
  }
  if (mipfb_ha4_node_count(b) != 0 && (mode & 3u) != 3u) { /* a second import is refused */
    fa_begin(c->h_other, 0, 0);
    FUZZ_CHECK(mipfb_ha4_import(b, c->now, img, (size_t)sz) == MIPFB_ERR_INVALID_STATE);
    check_agent(c, b, c->h_other, 0);
  }
  if (mode & 4u) { /* continue with the imported agent */
    mipfb_ha4 *t = c->ha;
    fa_host *th = c->h;
    uint64_t *tm = c->mem;
    c->ha = b;
    c->h = c->h_other;
    c->mem = c->mem_other;
    c->other = t;
    c->h_other = th;
    c->mem_other = tm;
  }
}

/* ---- classification ---- */

static void op_classify(ha_ctx *c, fuzz_in *in) {
  static const uint8_t protos[4] = {17, 6, 50, 1};
  static const uint16_t ports[4] = {80, 443, 5060, 53};
  uint8_t a = fuzz_u8(in), p = fuzz_u8(in);
  uint32_t hoa = fa_key_hoa(a & 7u), cn = 0xc0000200u + (p & 0x0Fu), got = 0;
  int dir = (a & 8u) ? MIPFB_DIR_FROM_MN : MIPFB_DIR_TO_MN;
  mipfb_flow_key key;
  mipfb_policy_decision d, d2;
  mipfb_ha4_node info;
  mipfb_ha4_binding b[MAX_PER_NODE];
  uint8_t pkt[28];
  uint32_t s, t;
  size_t nb, j;
  int rc, found = 0;
  memset(&key, 0, sizeof key);
  key.family = MIPFB_AF_INET4;
  key.proto = protos[(a >> 4) & 3u];
  key.ds = (uint8_t)(p & 0xF0u);
  s = dir == MIPFB_DIR_TO_MN ? cn : hoa;
  t = dir == MIPFB_DIR_TO_MN ? hoa : cn;
  memcpy(key.src, mipfb_addr_ipv4(s).bytes, 4);
  memcpy(key.dst, mipfb_addr_ipv4(t).bytes, 4);
  if (key.proto != 1 && key.proto != 50) {
    key.has = MIPFB_FLOW_PORTS;
    key.sport = (uint16_t)(1024u + p);
    key.dport = ports[(a >> 6) & 3u];
  }
  rc = mipfb_ha4_classify(c->ha, &key, dir, &d, &got);
  if (mipfb_ha4_node_info(c->ha, hoa, &info) != 0) {
    FUZZ_CHECK(rc == MIPFB_ERR_NOT_FOUND);
    return;
  }
  FUZZ_CHECK(rc == 0 && got == hoa);
  nb = mipfb_ha4_bindings(c->ha, hoa, c->now, b, MAX_PER_NODE);
  switch (d.kind) {
  case MIPFB_DECISION_NONE:
    FUZZ_CHECK(nb == 0); /* the hash picks a binding whenever there is one */
    break;
  case MIPFB_DECISION_FORWARD:
    for (j = 0; j < nb; j++) {
      found |= b[j].bid == d.bid;
    }
    FUZZ_CHECK(found);
    break;
  case MIPFB_DECISION_DROP:
    FUZZ_CHECK(!d.by_default);
    break;
  default:
    FUZZ_FAIL("home agent decision kind");
  }
  /* the same flow as a UDP packet */
  if (key.proto != 17) {
    return;
  }
  memset(pkt, 0, sizeof pkt);
  pkt[0] = 0x45;
  pkt[1] = key.ds;
  pkt[3] = sizeof pkt;
  pkt[8] = 64;
  pkt[9] = key.proto;
  memcpy(pkt + 12, key.src, 4);
  memcpy(pkt + 16, key.dst, 4);
  pkt[20] = (uint8_t)(key.sport >> 8);
  pkt[21] = (uint8_t)key.sport;
  pkt[22] = (uint8_t)(key.dport >> 8);
  pkt[23] = (uint8_t)key.dport;
  pkt[25] = 8;
  rc = mipfb_ha4_classify_packet(c->ha, pkt, sizeof pkt, dir, &d2, &got);
  FUZZ_CHECK(rc == 0);
  FUZZ_CHECK(got == hoa && d2.kind == d.kind && d2.bid == d.bid);
}

/* ---- the script ---- */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const uint32_t max_lt[8] = {1800, 1, 3, 30, 300, 65534, 5, 60};
  static const uint32_t windows[4] = {7000, 1000, 86400000, 3000};
  static const uint32_t rules_node[8] = {0, 1, 2, 3, 4, 5, 8, 8};
  ha_ctx *c = &C;
  fuzz_in in;
  uint8_t c0, c1, c2;
  unsigned steps = 0;
  if (size < 3) {
    return 0;
  }
  trace = getenv("FUZZ_TRACE") != NULL;
  fuzz_in_init(&in, data, size);
  c0 = fuzz_u8(&in);
  c1 = fuzz_u8(&in);
  c2 = fuzz_u8(&in);
  memset(c, 0, sizeof *c);
  FUZZ_CHECK(mipfb_codepoints_default(&c->cp, (c0 & 1u) ? MIPFB_PROFILE_DRAFT : MIPFB_PROFILE_RFC) == 0);
  if (c0 & 2u) {
    c->cp.options |= MIPFB_CP_STRICT_RESERVED;
  }
  mipfb_ha4_config_default(&c->cfg);
  c->cfg.ha_addr = HA_ADDR;
  c->cfg.codepoints = &c->cp;
  c->cfg.reply_on_auth_failure = (uint8_t)((c0 >> 2) & 1u);
  c->cfg.enable_multiple_tunnel_support = (uint8_t)(((c0 >> 3) & 1u) ^ 1u);
  c->cfg.max_nai_len = (c0 & 0x10u) ? 32u : 0u;
  c->cfg.max_lifetime = max_lt[c0 >> 5];
  c->cfg.max_nodes = 1u + (c1 & 7u);
  c->cfg.max_bindings_per_node = 1u + ((c1 >> 3) & 7u);
  c->cfg.replay_window_ms = windows[c1 >> 6];
  c->cfg.max_bindings = 1u + (c2 & 15u);
  c->cfg.max_rules_per_node = rules_node[(c2 >> 4) & 7u];
  c->cfg.max_rules = (c2 & 0x80u) ? 4u : 64u;
  c->mem = mem_a;
  c->mem_other = mem_b;
  c->h = &host_a;
  c->h_other = &host_b;
  fa_host_init(c->h, MIPFB_ROLE_HA4);
  c->h->on_send = on_send;
  c->h->ctx = c;
  c->now = 1000;
  fa_begin(c->h, 0, 0);
  FUZZ_CHECK(init_agent(c, &c->ha, c->mem, c->h) == 0);

  while (in.len > 0 && steps++ < 256) {
    uint8_t op = (uint8_t)(fuzz_u8(&in) % 9u);
    if (trace) {
      fprintf(stderr, "step %u op %u t=%llu nodes=%zu bindings=%zu rules=%zu\n", steps, op,
              (unsigned long long)c->now, mipfb_ha4_node_count(c->ha), mipfb_ha4_binding_count(c->ha),
              mipfb_ha4_rule_count(c->ha));
    }
    switch (op) {
    case 0:
      c->now += fa_varint(&in);
      check_agent(c, c->ha, c->h, 0);
      break;
    case 1:
      op_raw(c, &in);
      break;
    case 2:
      op_rrq(c, &in);
      break;
    case 3:
      op_timeout(c, &in);
      break;
    case 4:
      fa_read_fail(&in, c->h);
      break;
    case 5:
      FUZZ_CHECK(mipfb_ha4_set_multiple_tunnel_support(c->ha, fuzz_u8(&in) & 1u) == 0);
      check_agent(c, c->ha, c->h, 0);
      break;
    case 6:
      op_export(c, &in);
      c->h->on_send = on_send;
      c->h->ctx = c;
      check_agent(c, c->ha, c->h, 0);
      break;
    case 7:
      op_classify(c, &in);
      break;
    default:
      c->now += 1000u * (uint64_t)fuzz_u8(&in);
      check_agent(c, c->ha, c->h, 0);
      break;
    }
  }
  return 0;
}
