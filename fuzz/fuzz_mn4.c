/*
 * fuzz_mn4: the MIPv4 mobile node (mn4.h) driven by a script, with its
 * interfaces, tunnels, flow rules and requests checked after every step.
 *
 * Input: three configuration octets, then operations until the input
 * ends (opcode octet % 11):
 *   0 ADVANCE     varint ms (time only rises)
 *   1 RAW         length octet, that many octets -> mipfb_mn4_input
 *   2 RRP         a Registration Reply to one of the node's last requests
 *                 (its Identification from the captured send; code,
 *                 lifetime, 0-3 Flow-Binding extensions, 133 with a
 *                 clock skew), signed with the node's key, optionally
 *                 with a wrong home address / SPI / key or one octet
 *                 changed after signing -> mipfb_mn4_input
 *   3 TIMEOUT     octet: bit 0 jump to next_deadline first -> mipfb_mn4_timeout
 *   4 FAIL        arm one failing tunnel / flow / send / random / auth_key call
 *   5 UP          mipfb_mn4_iface_up (id 1..12, CoA, FA, If-ATT, If-Label)
 *   6 DOWN        mipfb_mn4_iface_down
 *   7 DEREG       mipfb_mn4_deregister
 *   8 HOME        mipfb_mn4_go_home
 *   9 POLICY      mipfb_mn4_set_policy with 0..max_rules+1 rules
 *   10 CLASSIFY   a UDP packet from the home address -> mipfb_mn4_classify_packet
 * Configuration octets: 0: bit 0 draft profile, bit 1 multipath off,
 * bit 2 Multiple Tunnel Request (draft profile), bit 3 bulk_refresh, bit 4
 * literal_overwrite, bits 5-7 reg_flags; 1: max_ifaces 1..8 (bits 0-2),
 * max_rules 1..8 (bits 3-5), lifetime (bits 6-7); 2: retransmission
 * timers (bits 0-3), max_retrans 1..4 (bits 4-5), refresh_percent (6-7).
 *
 * Invariants after every step (abort when broken): the node knows at most
 * max_ifaces interfaces, each with a BID 1..254 of its own that stays the
 * same while the node knows the interface; the live tunnels (events
 * replayed per (hoa, BID)) are exactly the interfaces in state REGISTERED
 * or REFRESHING, with their interface, care-of address, home agent and
 * lifetime; with multipath off at most one, with BID 0; the installed
 * rules (flow events replayed) are ids 1..n, n <= max_rules; the
 * set_timer value equals next_deadline, which after a timeout is in the
 * future (or none), and is set while a request is in flight; every
 * request sent decodes, verifies with the node's key, names the node and
 * its home agent, has an Identification above every earlier one and at
 * most the configured lifetime; a call whose tunnel or flow hook failed
 * returns MIPFB_ERR_HOOK with every interface as before; an invalid or
 * refused call changes nothing; a reply changed after signing, or with
 * another home address, SPI or key, is discarded; an accepted reply
 * registers the interface; a 152 turns multipath off.
 */
#include "fuzz_agent_script.h"

#define N_IDS 12u /* interface ids 1..12 */
#define RING 8u   /* requests remembered for replies */
#define MEM_WORDS (1u << 15)
#define EXT_CAP 24u

static const uint32_t HA_ADDR = 0x0a010064u; /* 10.1.0.100 */
static const uint32_t FA_BASE = 0xc00002c8u; /* 192.0.2.200.. foreign agents */

/* A request the node sent (and the host delivered). */
typedef struct mn_req {
  int valid;
  uint64_t id;
  uint32_t ifindex;
  uint16_t lifetime;
  uint16_t bid;    /* Multipath / Multiple Tunnel BID, 0 without */
  uint8_t n_fb;
  uint8_t fb_bids[4]; /* first BID of the first Flow-Binding extensions */
} mn_req;

typedef struct mn_snap {
  int known[N_IDS + 1];
  mipfb_mn4_binding b[N_IDS + 1];
  int multipath;
} mn_snap;

typedef struct mn_ctx {
  mipfb_codepoints cp;
  mipfb_mn4_config cfg;
  mipfb_mn4 *mn;
  fa_host *h;
  uint64_t now;
  uint64_t last_sent_id;
  mn_req ring[RING];
  unsigned ring_next;
  uint16_t bid_of[N_IDS + 1]; /* BID seen at the last check (0: not known) */
  int resync;                 /* a 133 reply is being delivered */
} mn_ctx;

static uint64_t mem[MEM_WORDS];
static fa_host host;
static mn_ctx C;
static int trace; /* FUZZ_TRACE set: print each step */

/* ---- snapshots and invariants ---- */

static void snap(const mn_ctx *c, mn_snap *s) {
  unsigned id;
  memset(s, 0, sizeof *s);
  for (id = 1; id <= N_IDS; id++) {
    s->known[id] = mipfb_mn4_binding_info(c->mn, id, c->now, &s->b[id]) == 0;
  }
  s->multipath = mipfb_mn4_multipath_enabled(c->mn);
}

static int binding_equal(const mipfb_mn4_binding *a, const mipfb_mn4_binding *b) {
  return a->iface_id == b->iface_id && a->bid == b->bid && a->up == b->up && a->state == b->state &&
         a->coa == b->coa && a->fa_addr == b->fa_addr && a->if_att == b->if_att && a->if_label == b->if_label &&
         a->last_code == b->last_code && a->lifetime_s == b->lifetime_s && a->remaining_ms == b->remaining_ms &&
         a->retransmissions == b->retransmissions && a->id == b->id;
}

static void snap_equal(const mn_snap *a, const mn_snap *b, const char *what) {
  unsigned id;
  FUZZ_CHECK(a->multipath == b->multipath);
  for (id = 1; id <= N_IDS; id++) {
    if (a->known[id] != b->known[id] || (a->known[id] && !binding_equal(&a->b[id], &b->b[id]))) {
      fprintf(stderr, "interface %u changed: %s\n", id, what);
      FUZZ_FAIL("node unchanged");
    }
  }
}

static int registered(const mipfb_mn4_binding *b) {
  return b->state == MIPFB_MN4_REGISTERED || b->state == MIPFB_MN4_REFRESHING;
}

static void check_node(mn_ctx *c, int after_timeout) {
  uint64_t dl = mipfb_mn4_next_deadline(c->mn);
  int mp = mipfb_mn4_multipath_enabled(c->mn);
  size_t known = 0, n_reg = 0, i;
  int in_flight = 0;
  unsigned id, k;
  const fa_flow_node *fl = fa_flow_find(c->h, c->cfg.hoa);
  FUZZ_CHECK(c->h->timer == dl); /* set_timer announced the current deadline */
  if (after_timeout) {
    FUZZ_CHECK(dl == MIPFB_NO_DEADLINE || dl > c->now);
  }
  FUZZ_CHECK(mp == 0 || mp == 1);
  if (!c->cfg.multipath) {
    FUZZ_CHECK(!mp);
  }
  for (id = 1; id <= N_IDS; id++) {
    mipfb_mn4_binding b;
    uint32_t back = 0;
    if (mipfb_mn4_binding_info(c->mn, id, c->now, &b) != 0) {
      c->bid_of[id] = 0;
      for (i = 0; i < c->h->n_tun; i++) {
        FUZZ_CHECK(c->h->tun[i].ev.ifindex != id); /* no tunnel on an unknown interface */
      }
      continue;
    }
    known++;
    if (trace) {
      fprintf(stderr, "    iface %u bid %u up %u state %u coa %08x fa %08x lifetime %u remaining %llu retx %u\n", id,
              b.bid, b.up, b.state, (unsigned)b.coa, (unsigned)b.fa_addr, b.lifetime_s,
              (unsigned long long)b.remaining_ms, (unsigned)b.retransmissions);
    }
    FUZZ_CHECK(b.iface_id == id);
    FUZZ_CHECK(b.bid >= 1 && b.bid <= 254);
    FUZZ_CHECK(c->bid_of[id] == 0 || c->bid_of[id] == b.bid); /* the BID stays */
    c->bid_of[id] = b.bid;
    for (k = 1; k < id; k++) {
      FUZZ_CHECK(c->bid_of[k] != b.bid); /* one BID per interface */
    }
    FUZZ_CHECK(b.state <= MIPFB_MN4_FAILED && b.up <= 1);
    FUZZ_CHECK(b.if_label >= 1);
    if (mp) {
      FUZZ_CHECK(mipfb_mn4_bid_iface(c->mn, b.bid, &back) == 0 && back == id);
    }
    if (b.state == MIPFB_MN4_REGISTERING || b.state == MIPFB_MN4_REFRESHING || b.state == MIPFB_MN4_DEREGISTERING) {
      in_flight = 1;
    }
    {
      const fa_tun *t = NULL;
      size_t nt = 0;
      for (i = 0; i < c->h->n_tun; i++) {
        if (c->h->tun[i].ev.ifindex == id) {
          t = &c->h->tun[i];
          nt++;
        }
      }
      if (!registered(&b)) {
        FUZZ_CHECK(nt == 0); /* a tunnel only for a registered binding */
        FUZZ_CHECK(b.lifetime_s == 0 && b.remaining_ms == 0);
        continue;
      }
      n_reg++;
      FUZZ_CHECK(nt == 1); /* the registered binding has its tunnel */
      FUZZ_CHECK(b.lifetime_s >= 1);
      if (b.lifetime_s != MIPFB_MIP4_LIFETIME_INFINITE) {
        FUZZ_CHECK(b.remaining_ms <= (uint64_t)b.lifetime_s * 1000u);
        FUZZ_CHECK(dl != MIPFB_NO_DEADLINE); /* a refresh or an expiry is due some day */
        if (after_timeout) {
          FUZZ_CHECK(b.remaining_ms > 0); /* expired bindings are gone */
        }
      }
      /* with multipath off the single binding is BID 0; a binding
         registered before a 152 keeps its BID until it is replaced */
      FUZZ_CHECK(t->ev.bid == b.bid || (!mp && t->ev.bid == 0));
      FUZZ_CHECK(mipfb_addr_ipv4_value(&t->ev.hoa) == c->cfg.hoa);
      FUZZ_CHECK(mipfb_addr_ipv4_value(&t->ev.remote) == HA_ADDR);
      if (b.state == MIPFB_MN4_REGISTERED) {
        FUZZ_CHECK(mipfb_addr_ipv4_value(&t->ev.local) == b.coa);
        FUZZ_CHECK(t->ev.lifetime_s == b.lifetime_s);
      }
    }
  }
  FUZZ_CHECK(known <= c->cfg.max_ifaces);
  FUZZ_CHECK(c->h->n_tun == n_reg); /* no tunnel without a registered binding */
  if (!mp) {
    FUZZ_CHECK(n_reg <= 1);
  }
  if (in_flight) {
    FUZZ_CHECK(dl != MIPFB_NO_DEADLINE); /* a retransmission is scheduled */
  }
  if (fl != NULL) { /* installed rules are ids 1..n */
    int gap = 0;
    size_t n = 0;
    for (i = 0; i < FA_MAX_RULES; i++) {
      if (fl->rules[i].present) {
        FUZZ_CHECK(!gap);
        n++;
      } else {
        gap = 1;
      }
    }
    FUZZ_CHECK(n <= c->cfg.max_rules);
  }
}

/* ---- requests the node sends ---- */

static void on_send(fa_host *h, const uint8_t *msg, size_t len, const mipfb_pkt_info *to, int failed) {
  mn_ctx *c = (mn_ctx *)h->ctx;
  mipfb_mip4_msg m;
  mipfb_mip4_ext ext[EXT_CAP];
  const fa_key *k = fa_check_signed(h, msg, len, &c->cp, &m, ext, EXT_CAP);
  const mipfb_mip4_ext *mp, *mt;
  mn_req *r;
  size_t i;
  FUZZ_CHECK(k->spi == c->cfg.spi);
  FUZZ_CHECK(m.type == MIPFB_MIP4_RRQ);
  FUZZ_CHECK(m.hoa == c->cfg.hoa && m.ha == HA_ADDR);
  /* every transmission has a new, larger Identification, except right
     after a 133 resynchronised the clock (mn4.h says "always"; the node
     then follows the home agent's clock, which may be behind) */
  FUZZ_CHECK(m.id > c->last_sent_id || c->resync);
  c->resync = 0;
  c->last_sent_id = m.id;
  FUZZ_CHECK(m.lifetime <= c->cfg.lifetime);
  FUZZ_CHECK((m.flags & MIPFB_MIP4_FLAG_S) == 0);
  FUZZ_CHECK((m.flags & (uint8_t) ~(MIPFB_MN4_REG_FLAGS_ALLOWED | MIPFB_MIP4_FLAG_D)) == 0);
  FUZZ_CHECK(to->dport == MIPFB_MIP4_PORT && to->sport == c->cfg.port);
  FUZZ_CHECK(to->dst.family == MIPFB_AF_INET4);
  {
    uint32_t dst = mipfb_addr_ipv4_value(&to->dst);
    FUZZ_CHECK(dst == HA_ADDR || (dst >= FA_BASE && dst < FA_BASE + 4u));
  }
  mp = mipfb_mip4_find(&m, MIPFB_MIP4_EXT_MULTIPATH);
  mt = mipfb_mip4_find(&m, MIPFB_MIP4_EXT_MTUNNEL);
  FUZZ_CHECK(mp == NULL || mt == NULL);
  if (c->cfg.use_mtunnel) {
    FUZZ_CHECK(mp == NULL);
  } else {
    FUZZ_CHECK(mt == NULL);
  }
  if (!c->cfg.multipath) {
    FUZZ_CHECK(mp == NULL && mt == NULL);
  }
  if (trace) {
    fprintf(stderr, "  send ifindex=%u dst=%08x lifetime=%u id=%016llx bid=%u failed=%d\n", (unsigned)to->ifindex,
            (unsigned)mipfb_addr_ipv4_value(&to->dst), m.lifetime, (unsigned long long)m.id,
            mp != NULL ? mp->u.multipath.bid : mt != NULL ? mt->u.mtunnel.bid : 0u, failed);
  }
  if (failed) {
    return; /* lost: the home agent never sees it */
  }
  r = &c->ring[c->ring_next++ % RING];
  memset(r, 0, sizeof *r);
  r->valid = 1;
  r->id = m.id;
  r->ifindex = to->ifindex;
  r->lifetime = m.lifetime;
  r->bid = mp != NULL ? mp->u.multipath.bid : mt != NULL ? mt->u.mtunnel.bid : 0;
  for (i = 0; i < m.n_ext; i++) {
    if (m.ext[i].kind == MIPFB_MIP4_EXT_FLOW_BINDING) {
      FUZZ_CHECK(!c->cfg.use_mtunnel);
      if (r->n_fb < 4) {
        r->fb_bids[r->n_fb] = m.ext[i].u.flow_binding.bids[0];
      }
      r->n_fb++;
    }
  }
  FUZZ_CHECK(r->n_fb <= c->cfg.max_rules);
}

/* ---- one call ---- */

#define CALL_INPUT 0
#define CALL_API 1
#define CALL_TIMEOUT 2

static void after_call(mn_ctx *c, int kind, int rc, const mn_snap *before, const mipfb_mn4_stats *st0) {
  mn_snap after;
  mipfb_mn4_stats st;
  snap(c, &after);
  mipfb_mn4_get_stats(c->mn, &st);
  if (trace) {
    fprintf(stderr, "  rc=%d sent=%u failed=%x tunnels=%zu deadline=%lld\n", rc, c->h->n_sent, c->h->failed,
            c->h->n_tun, (long long)mipfb_mn4_next_deadline(c->mn));
  }
  if (rc == MIPFB_ERR_HOOK) {
    FUZZ_CHECK(c->h->failed != 0); /* MIPFB_ERR_HOOK only when a hook failed */
  }
  if (kind != CALL_TIMEOUT && (c->h->failed & (FA_HOOK_TUNNEL | FA_HOOK_FLOW))) {
    FUZZ_CHECK(rc == MIPFB_ERR_HOOK);
    snap_equal(before, &after, "tunnel or flow hook failed");
  }
  if (c->h->failed & FA_HOOK_SEND) {
    FUZZ_CHECK(rc == MIPFB_ERR_HOOK || (kind == CALL_INPUT && rc >= 0));
  }
  if (kind == CALL_INPUT) {
    FUZZ_CHECK(rc <= 255);
    if (rc >= 0) {
      if (rc != 133) { /* (a 133 counts as clock_resyncs) */
        FUZZ_CHECK(st.replies_accepted + st.replies_rejected ==
                   st0->replies_accepted + st0->replies_rejected + 1u);
      }
    } else if (rc != MIPFB_ERR_HOOK) {
      FUZZ_CHECK(st.replies_discarded == st0->replies_discarded + 1u);
      snap_equal(before, &after, "discarded reply"); /* nothing changes */
    }
  } else if (kind == CALL_API) {
    FUZZ_CHECK(rc == 0 || rc == MIPFB_ERR_HOOK || rc == MIPFB_ERR_INVALID_ARG || rc == MIPFB_ERR_NOT_FOUND ||
               rc == MIPFB_ERR_TABLE_FULL);
    if (rc != 0 && rc != MIPFB_ERR_HOOK) {
      snap_equal(before, &after, "refused call"); /* nothing changes */
      FUZZ_CHECK(c->h->n_sent == 0);
    }
  } else {
    FUZZ_CHECK(rc == 0 || rc == MIPFB_ERR_HOOK);
  }
  FUZZ_CHECK(st.requests_sent - st0->requests_sent == c->h->n_sent);
  check_node(c, kind == CALL_TIMEOUT);
}

/* ---- operations ---- */

static void op_input(mn_ctx *c, const uint8_t *msg, size_t len, int expect_discard, const mn_req *q, uint8_t code,
                     uint16_t lifetime) {
  mn_snap before;
  mipfb_mn4_stats st0;
  mipfb_pkt_info from;
  int rc;
  memset(&from, 0, sizeof from);
  from.src = mipfb_addr_ipv4(HA_ADDR);
  from.dst = mipfb_addr_ipv4(c->cfg.hoa);
  from.sport = MIPFB_MIP4_PORT;
  from.dport = c->cfg.port;
  snap(c, &before);
  mipfb_mn4_get_stats(c->mn, &st0);
  fa_begin(c->h, 0, 1);
  c->resync = q != NULL && code == 133;
  rc = mipfb_mn4_input(c->mn, c->now, msg, len, &from);
  c->resync = 0;
  if (trace) {
    size_t k;
    fprintf(stderr, "  input t=%llu len=%zu rc=%d:", (unsigned long long)c->now, len, rc);
    for (k = 0; k < len; k++) {
      fprintf(stderr, "%02x", msg[k]);
    }
    fprintf(stderr, "\n");
  }
  if (expect_discard && rc >= 0) {
    /* not authentic: discarded, unless it is a foreign agent's denial,
       which carries no MN-HA authentication (RFC 5944 3.6.2.1) */
    FUZZ_CHECK(mipfb_mip4_code_is_fa((uint8_t)rc, &c->cp));
  }
  if (q != NULL && rc >= 0) {
    int ambiguous = 0;
    unsigned i;
    for (i = 0; i < RING; i++) { /* another request with the same low 32 bits */
      ambiguous |= c->ring[i].valid && c->ring[i].id != q->id && (uint32_t)c->ring[i].id == (uint32_t)q->id;
    }
    FUZZ_CHECK(rc == code);
    if (ambiguous) {
      /* Replies are matched by the low 32 bits of Identification (RFC 5944
         5.7): another request sharing them (random low 16 bits equal)
         makes the reply ambiguous; nothing to check. */
    } else if (c->h->failed == 0 && (code == 0 || code == 1) && q->lifetime != 0 && lifetime != 0 && q->ifindex != 0 &&
        q->bid != 0) {
      mipfb_mn4_binding b;
      /* the interface's binding is registered */
      if (mipfb_mn4_binding_info(c->mn, q->ifindex, c->now, &b) == 0 && b.bid == q->bid) {
        if (trace) {
          fprintf(stderr, "  iface %u state %u up %u code %u\n", (unsigned)q->ifindex, b.state, b.up, b.last_code);
        }
        FUZZ_CHECK(registered(&b) || b.state == MIPFB_MN4_REGISTERING);
      }
    }
    /* (a 152 to a deregistration, go_home's included, only ends it) */
    if (c->h->failed == 0 && code == c->cp.mip4_code_multipath_not_allowed && q->bid != 0 && q->ifindex != 0 &&
        q->lifetime != 0) {
      FUZZ_CHECK(!mipfb_mn4_multipath_enabled(c->mn)); /* RFC 7629 5.1 */
    }
  }
  after_call(c, CALL_INPUT, rc, &before, &st0);
}

static void op_rrp(mn_ctx *c, fuzz_in *in) {
  uint8_t b0 = fuzz_u8(in), b1 = fuzz_u8(in), b2 = fuzz_u8(in);
  uint8_t codes[16] = {0, 0, 0, 1, 152, 153, 133, 130, 131, 134, 135, 136, 65, 0, 194, 0};
  const mn_req *q = NULL;
  const fa_key *k = fa_key_by_spi(c->h, c->cfg.spi);
  mipfb_mip4_msg m;
  mipfb_mip4_ext ext[8];
  uint8_t buf[512];
  mipfb_ssize len;
  size_t n = 0;
  unsigned i, back = b0 & 7u;
  int bad = 0;
  /* the back-th most recent request */
  for (i = 0; i < RING; i++) {
    const mn_req *r = &c->ring[(c->ring_next + RING - 1u - ((back + i) % RING)) % RING];
    if (r->valid) {
      q = r;
      break;
    }
  }
  if (q == NULL || k == NULL) {
    return;
  }
  codes[13] = c->cp.mip4_code_mtunnel_denied_ha;
  codes[15] = fuzz_u8(in);
  memset(&m, 0, sizeof m);
  memset(ext, 0, sizeof ext);
  m.type = MIPFB_MIP4_RRP;
  m.code = codes[b0 >> 4];
  m.hoa = (b2 & 1u) ? c->cfg.hoa + 1u : c->cfg.hoa;
  m.ha = HA_ADDR;
  m.id = q->id;
  switch (b1 & 7u) {
  case 0:
    m.lifetime = q->lifetime;
    break;
  case 1:
    m.lifetime = 0;
    break;
  case 2:
    m.lifetime = 1;
    break;
  case 3:
    m.lifetime = (uint16_t)(q->lifetime / 2u);
    break;
  case 4:
    m.lifetime = 0xFFFF;
    break;
  case 5:
    m.lifetime = fa_u16(in);
    break;
  default:
    m.lifetime = (uint16_t)(q->lifetime > 3 ? 3 : q->lifetime);
    break;
  }
  if (m.code == 133) { /* the home agent's clock: skew in seconds, the request's low 32 bits */
    int8_t skew = (int8_t)fuzz_u8(in);
    m.id = ((fa_ntp(c->now) + (uint64_t)((int64_t)skew * ((int64_t)1 << 32))) & 0xFFFFFFFF00000000ull) |
           (q->id & 0xFFFFFFFFu);
  }
  if (m.code > 1 && (b1 & 8u) == 0) {
    m.lifetime = 0;
  }
  for (i = 0; i < ((unsigned)(b2 >> 4) & 3u); i++) { /* Flow-Binding extensions of the accepted policy */
    mipfb_mip4_flow_binding *fb = &ext[n].u.flow_binding;
    uint8_t ab = fuzz_u8(in);
    ext[n].kind = MIPFB_MIP4_EXT_FLOW_BINDING;
    if (ab & 1u) {
      fb->action = c->cp.mip4_fb_drop;
      fb->bid_count = 1;
      fb->bids[0] = 255;
    } else {
      fb->action = c->cp.mip4_fb_forward;
      fb->bid_count = 1;
      fb->bids[0] = (ab & 2u) && q->bid >= 1 && q->bid <= 254 ? (uint8_t)q->bid
                    : (ab & 4u) && i < q->n_fb && i < 4 && q->fb_bids[i] != 0 && q->fb_bids[i] != 255
                        ? q->fb_bids[i]
                        : (uint8_t)(1u + (ab >> 3) % 8u);
      if (ab & 0x80u) {
        fb->bids[1] = (uint8_t)(fb->bids[0] == 1 ? 2 : 1);
        fb->bid_count = 2;
      }
    }
    fa_read_ts(in, &fb->ts);
    n++;
  }
  ext[n].kind = MIPFB_MIP4_EXT_MN_HA_AUTH;
  ext[n].u.auth.spi = (b2 & 2u) ? c->cfg.spi + 1u : c->cfg.spi;
  ext[n].u.auth.key = (b2 & 4u) ? &c->h->keys[1].key : &k->key;
  n++;
  m.ext = ext;
  m.n_ext = n;
  len = fa_encode(buf, sizeof buf, &m, &c->cp);
  if (len <= 0) {
    return;
  }
  bad = (b2 & 7u) != 0;
  bad |= fa_read_mutation(in, buf, (size_t)len);
  op_input(c, buf, (size_t)len, bad, q, m.code, m.lifetime);
}

static void op_raw(mn_ctx *c, fuzz_in *in) {
  size_t len = fuzz_u8(in);
  const uint8_t *p = in->p;
  if (len > in->len) {
    len = in->len;
  }
  in->p += len;
  in->len -= len;
  op_input(c, len != 0 ? p : NULL, len, 0, NULL, 0, 0);
}

static void op_timeout(mn_ctx *c, fuzz_in *in) {
  uint8_t b = fuzz_u8(in);
  uint64_t dl = mipfb_mn4_next_deadline(c->mn);
  mn_snap before;
  mipfb_mn4_stats st0;
  int rc;
  if ((b & 1u) && dl != MIPFB_NO_DEADLINE && dl > c->now) {
    c->now = dl;
  }
  snap(c, &before);
  mipfb_mn4_get_stats(c->mn, &st0);
  fa_begin(c->h, 1, 1);
  rc = mipfb_mn4_timeout(c->mn, c->now);
  after_call(c, CALL_TIMEOUT, rc, &before, &st0);
}

static uint32_t coa_of(uint8_t v) { return 0xc0000264u + (v & 3u); /* 192.0.2.100..103 */ }

static void op_api(mn_ctx *c, uint8_t op, fuzz_in *in) {
  mn_snap before;
  mipfb_mn4_stats st0;
  int rc;
  uint32_t id = 1u + fuzz_u8(in) % N_IDS;
  mipfb_mn4_iface ifc;
  mipfb_policy_rule rules[MIPFB_MN4_MAX_RULES > 10 ? 10 : MIPFB_MN4_MAX_RULES];
  size_t n = 0, i;
  if (op == 5) {
    uint8_t a = fuzz_u8(in), b = fuzz_u8(in);
    memset(&ifc, 0, sizeof ifc);
    ifc.id = id;
    ifc.coa = (a & 0x10u) ? 0 : coa_of(a);
    ifc.fa_addr = (a & 0x20u) ? FA_BASE + ((a >> 2) & 3u) : 0;
    ifc.if_att = (uint8_t)(b & 0x0Fu);
    ifc.if_label = (uint8_t)(b >> 4);
    ifc.bandwidth = (a & 0x40u) ? 1000u : 0u;
  } else if (op == 9) {
    uint8_t cnt = fuzz_u8(in);
    n = cnt % (c->cfg.max_rules + 2u);
    if (n > sizeof rules / sizeof rules[0]) {
      n = sizeof rules / sizeof rules[0];
    }
    memset(rules, 0, sizeof rules);
    for (i = 0; i < n; i++) {
      uint8_t ab = fuzz_u8(in);
      unsigned j;
      rules[i].id = 99; /* ignored */
      rules[i].action = (ab & 1u) ? MIPFB_ACTION_DROP : MIPFB_ACTION_FORWARD;
      if ((ab & 0xC0u) == 0xC0u) {
        rules[i].action = MIPFB_ACTION_NCAST; /* refused */
      }
      rules[i].n_bids = (uint8_t)(1u + ((ab >> 1) & 3u));
      for (j = 0; j < rules[i].n_bids; j++) {
        rules[i].bids[j] = (uint16_t)(1u + ((ab >> 3) + j) % 6u);
      }
      if ((ab & 0xC0u) == 0x80u) {
        rules[i].bids[0] = (ab & 0x20u) ? 0 : 255; /* out of range: refused */
      }
      fa_read_ts(in, &rules[i].ts);
    }
  }
  snap(c, &before);
  mipfb_mn4_get_stats(c->mn, &st0);
  fa_begin(c->h, 0, 1);
  switch (op) {
  case 5:
    rc = mipfb_mn4_iface_up(c->mn, c->now, &ifc);
    if (ifc.if_label == 0 || (ifc.coa == 0 && ifc.fa_addr == 0)) {
      FUZZ_CHECK(rc == MIPFB_ERR_INVALID_ARG);
    }
    break;
  case 6:
    rc = mipfb_mn4_iface_down(c->mn, c->now, id);
    FUZZ_CHECK((rc == MIPFB_ERR_NOT_FOUND) == !before.known[id]);
    break;
  case 7:
    rc = mipfb_mn4_deregister(c->mn, c->now, id);
    FUZZ_CHECK((rc == MIPFB_ERR_NOT_FOUND) == !before.known[id]);
    break;
  case 8:
    rc = mipfb_mn4_go_home(c->mn, c->now);
    break;
  default:
    rc = mipfb_mn4_set_policy(c->mn, c->now, rules, n);
    if (n > c->cfg.max_rules) {
      FUZZ_CHECK(rc == MIPFB_ERR_TABLE_FULL || rc == MIPFB_ERR_INVALID_ARG);
    }
    break;
  }
  if (trace) {
    fprintf(stderr, "  api op %u id %u\n", op, id);
  }
  after_call(c, CALL_API, rc, &before, &st0);
  if (rc == 0 && c->h->failed == 0) {
    mipfb_mn4_binding b;
    if (op == 6 && mipfb_mn4_binding_info(c->mn, id, c->now, &b) == 0) {
      FUZZ_CHECK(!b.up && !registered(&b)); /* down: its binding removed locally */
    }
    if (op == 7 && mipfb_mn4_binding_info(c->mn, id, c->now, &b) == 0) {
      FUZZ_CHECK(!registered(&b));
    }
    if (op == 8) {
      FUZZ_CHECK(c->h->n_tun == 0); /* every tunnel removed */
    }
    if (op == 5) {
      FUZZ_CHECK(mipfb_mn4_binding_info(c->mn, id, c->now, &b) == 0 && b.up);
    }
  }
}

static void op_classify(mn_ctx *c, fuzz_in *in) {
  static const uint16_t ports[4] = {80, 443, 5060, 53};
  uint8_t a = fuzz_u8(in);
  uint8_t pkt[28];
  mipfb_policy_decision d;
  uint32_t cn = 0xc0000200u + (a & 0x0Fu), iface = 0;
  int rc;
  memset(pkt, 0, sizeof pkt);
  pkt[0] = 0x45;
  pkt[1] = (uint8_t)(a & 0xC0u);
  pkt[3] = sizeof pkt;
  pkt[8] = 64;
  pkt[9] = 17;
  memcpy(pkt + 12, mipfb_addr_ipv4(c->cfg.hoa).bytes, 4);
  memcpy(pkt + 16, mipfb_addr_ipv4(cn).bytes, 4);
  pkt[20] = 0x10;
  pkt[21] = a;
  pkt[22] = (uint8_t)(ports[(a >> 4) & 3u] >> 8);
  pkt[23] = (uint8_t)ports[(a >> 4) & 3u];
  pkt[25] = 8;
  rc = mipfb_mn4_classify_packet(c->mn, pkt, sizeof pkt, &d);
  FUZZ_CHECK(rc == 0);
  if (d.kind == MIPFB_DECISION_FORWARD) {
    mipfb_mn4_binding b;
    /* only over a registered binding */
    FUZZ_CHECK(mipfb_mn4_bid_iface(c->mn, d.bid, &iface) == 0);
    FUZZ_CHECK(mipfb_mn4_binding_info(c->mn, iface, c->now, &b) == 0 && registered(&b));
  } else {
    FUZZ_CHECK(d.kind == MIPFB_DECISION_NONE || d.kind == MIPFB_DECISION_DROP);
  }
}

/* ---- the script ---- */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const uint8_t reg_flags[8] = {0,
                                       MIPFB_MIP4_FLAG_T,
                                       MIPFB_MIP4_FLAG_M,
                                       MIPFB_MIP4_FLAG_G,
                                       MIPFB_MIP4_FLAG_B,
                                       MIPFB_MIP4_FLAG_T | MIPFB_MIP4_FLAG_M,
                                       MIPFB_MIP4_FLAG_B | MIPFB_MIP4_FLAG_G | MIPFB_MIP4_FLAG_T,
                                       0};
  static const uint16_t lifetimes[4] = {600, 10, 65535, 3};
  static const uint32_t initial[4] = {1000, 100, 1, 5000};
  static const uint32_t growth[4] = {32, 4, 1, 2};
  static const uint8_t percent[4] = {80, 1, 99, 50};
  mn_ctx *c = &C;
  fuzz_in in;
  uint8_t c0, c1, c2;
  unsigned steps = 0;
  int rc;
  if (size < 3) {
    return 0;
  }
  trace = getenv("FUZZ_TRACE") != NULL;
  fuzz_in_init(&in, data, size);
  c0 = fuzz_u8(&in);
  c1 = fuzz_u8(&in);
  c2 = fuzz_u8(&in);
  memset(c, 0, sizeof *c);
  mipfb_mn4_config_default(&c->cfg);
  FUZZ_CHECK(mipfb_codepoints_default(&c->cfg.cp, (c0 & 1u) ? MIPFB_PROFILE_DRAFT : MIPFB_PROFILE_RFC) == 0);
  c->cp = c->cfg.cp;
  c->cfg.hoa = fa_key_hoa(0);
  c->cfg.ha_addr = HA_ADDR;
  c->cfg.spi = 0x100u;
  c->cfg.multipath = (uint8_t)((c0 & 2u) == 0);
  c->cfg.use_mtunnel = (uint8_t)((c0 & 4u) != 0 && c->cp.mip4_ext_mtunnel != 0);
  c->cfg.bulk_refresh = (uint8_t)((c0 >> 3) & 1u);
  c->cfg.literal_overwrite = (uint8_t)((c0 >> 4) & 1u);
  c->cfg.reg_flags = reg_flags[c0 >> 5];
  c->cfg.max_ifaces = 1u + (c1 & 7u);
  c->cfg.max_rules = 1u + ((c1 >> 3) & 7u);
  c->cfg.lifetime = lifetimes[c1 >> 6];
  c->cfg.retrans_initial_ms = initial[c2 & 3u];
  c->cfg.retrans_max_ms = initial[c2 & 3u] * growth[(c2 >> 2) & 3u];
  c->cfg.max_retrans = 1u + ((c2 >> 4) & 3u);
  c->cfg.refresh_percent = percent[c2 >> 6];
  c->h = &host;
  fa_host_init(c->h, MIPFB_ROLE_MN4);
  c->h->on_send = on_send;
  c->h->ctx = c;
  c->now = 1000;
  FUZZ_CHECK(mipfb_mn4_mem_size(&c->cfg) != 0 && mipfb_mn4_mem_size(&c->cfg) <= sizeof mem);
  fa_begin(c->h, 0, 0);
  rc = mipfb_mn4_init(&c->mn, mem, sizeof mem, &c->cfg, &FA_HOOKS, c->h, c->now);
  FUZZ_CHECK(rc == 0);
  FUZZ_CHECK(mipfb_mn4_next_deadline(c->mn) == MIPFB_NO_DEADLINE);

  while (in.len > 0 && steps++ < 256) {
    uint8_t op = (uint8_t)(fuzz_u8(&in) % 11u);
    if (trace) {
      fprintf(stderr, "step %u op %u t=%llu\n", steps, op, (unsigned long long)c->now);
    }
    switch (op) {
    case 0:
      c->now += fa_varint(&in);
      check_node(c, 0);
      break;
    case 1:
      op_raw(c, &in);
      break;
    case 2:
      op_rrp(c, &in);
      break;
    case 3:
      op_timeout(c, &in);
      break;
    case 4:
      fa_read_fail(&in, c->h);
      break;
    case 10:
      op_classify(c, &in);
      break;
    default:
      op_api(c, op, &in);
      break;
    }
  }
  return 0;
}
