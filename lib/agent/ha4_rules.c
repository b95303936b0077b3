/* MIPv4 home agent: compact flow rules (action, 8-bit BIDs, the RFC 6088
   selector in wire form) and the classification of packets of a node
   (RFC 7629 4.2 first match, RFC 7629 6 default hashing). */
#include "ha4_int.h"

#include <string.h>

int ha4_rule_from_fb(const mipfb_ha4 *ha, ha4_rule *r, const mipfb_mip4_flow_binding *fb) {
  mipfb_ssize n;
  memset(r, 0, sizeof *r);
  r->next = HA4_NONE;
  r->format = fb->ts.format;
  if (fb->action == ha->cp.mip4_fb_forward) {
    r->action = MIPFB_ACTION_FORWARD;
    r->n_bids = fb->bid_count;
    memcpy(r->bids, fb->bids, fb->bid_count);
  } else {
    r->action = MIPFB_ACTION_DROP;
  }
  n = mipfb_ts_encode(r->ts, ha->ts_max, &fb->ts);
  if (n < 0) {
    return n == MIPFB_ERR_NOBUF ? MIPFB_ERR_NOBUF : MIPFB_ERR_BAD_VALUE;
  }
  r->ts_len = (uint8_t)n;
  return 0;
}

static void rule_ts(const ha4_rule *r, mipfb_ts *ts) {
  if (mipfb_ts_decode(ts, r->format, r->ts, r->ts_len, 0, NULL) < 0) {
    memset(ts, 0, sizeof *ts); /* not reached: stored selectors were encoded by the codec */
    ts->format = r->format;
  }
}

void ha4_rule_to_policy(const mipfb_ha4 *ha, const ha4_rule *r, uint32_t pos, mipfb_policy_rule *out) {
  unsigned i;
  (void)ha;
  memset(out, 0, sizeof *out);
  out->id = pos + 1u;
  out->action = r->action;
  out->n_bids = r->n_bids;
  for (i = 0; i < r->n_bids; i++) {
    out->bids[i] = r->bids[i];
  }
  rule_ts(r, &out->ts);
}

void ha4_rule_to_fb(const mipfb_ha4 *ha, const ha4_rule *r, mipfb_mip4_flow_binding *out) {
  memset(out, 0, sizeof *out);
  if (r->action == MIPFB_ACTION_FORWARD) {
    out->action = ha->cp.mip4_fb_forward;
    out->bid_count = r->n_bids;
    memcpy(out->bids, r->bids, r->n_bids);
  } else {
    out->action = ha->cp.mip4_fb_drop;
    out->bid_count = 1;
    out->bids[0] = 255; /* RFC 7629 4.2: the sender MAY put 255 */
  }
  rule_ts(r, &out->ts);
}

/* Address a within [lo, hi] (4 octets, big-endian). */
static int addr_in(const uint8_t *a, const uint8_t *lo, const uint8_t *hi) {
  return memcmp(a, lo, 4) >= 0 && memcmp(a, hi, 4) <= 0;
}

/* Whether a to-MN oriented IPv4 key matches an IPv4 selector (RFC 6088:
   inclusive ranges, a Start alone is an exact value, DS upper 6 bits). */
static int ts_match(const mipfb_ts *ts, const mipfb_flow_key *k) {
  uint16_t f = ts->fields;
  if (ts->format != MIPFB_TS_FORMAT_IPV4) {
    return 0;
  }
  if ((f & MIPFB_TS_SRC_START) != 0 &&
      !addr_in(k->src, ts->src_start, (f & MIPFB_TS_SRC_END) != 0 ? ts->src_end : ts->src_start)) {
    return 0;
  }
  if ((f & MIPFB_TS_DST_START) != 0 &&
      !addr_in(k->dst, ts->dst_start, (f & MIPFB_TS_DST_END) != 0 ? ts->dst_end : ts->dst_start)) {
    return 0;
  }
  if ((f & MIPFB_TS_SPI_START) != 0) {
    uint32_t hi = (f & MIPFB_TS_SPI_END) != 0 ? ts->spi_end : ts->spi_start;
    if ((k->has & MIPFB_FLOW_SPI) == 0 || k->spi < ts->spi_start || k->spi > hi) {
      return 0;
    }
  }
  if ((f & MIPFB_TS_SPORT_START) != 0) {
    uint16_t hi = (f & MIPFB_TS_SPORT_END) != 0 ? ts->sport_end : ts->sport_start;
    if ((k->has & MIPFB_FLOW_PORTS) == 0 || k->sport < ts->sport_start || k->sport > hi) {
      return 0;
    }
  }
  if ((f & MIPFB_TS_DPORT_START) != 0) {
    uint16_t hi = (f & MIPFB_TS_DPORT_END) != 0 ? ts->dport_end : ts->dport_start;
    if ((k->has & MIPFB_FLOW_PORTS) == 0 || k->dport < ts->dport_start || k->dport > hi) {
      return 0;
    }
  }
  if ((f & MIPFB_TS_DS_START) != 0) {
    unsigned hi = (unsigned)((f & MIPFB_TS_DS_END) != 0 ? ts->ds_end : ts->ds_start) >> 2;
    unsigned v = (unsigned)k->ds >> 2;
    if (v < ((unsigned)ts->ds_start >> 2) || v > hi) {
      return 0;
    }
  }
  if ((f & MIPFB_TS_PROTO_START) != 0) {
    uint8_t hi = (f & MIPFB_TS_PROTO_END) != 0 ? ts->proto_end : ts->proto_start;
    if (k->proto < ts->proto_start || k->proto > hi) {
      return 0;
    }
  }
  return 1;
}

static int has_binding(const mipfb_ha4 *ha, const ha4_node *n, uint8_t bid) {
  uint32_t i;
  for (i = n->bind; i != HA4_NONE; i = ha->binds[i].next) {
    if (ha->binds[i].bid == bid) {
      return 1;
    }
  }
  return 0;
}

int mipfb_ha4_classify(const mipfb_ha4 *ha, const mipfb_flow_key *key, int dir, mipfb_policy_decision *out,
                       uint32_t *hoa_out) {
  mipfb_flow_key k;
  const ha4_node *n;
  uint32_t i, pos = 0;
  uint64_t h, best_score = 0;
  int have = 0;
  uint8_t best = 0;
  if (ha == NULL || key == NULL || out == NULL || (dir != MIPFB_DIR_TO_MN && dir != MIPFB_DIR_FROM_MN)) {
    return MIPFB_ERR_INVALID_ARG;
  }
  if (key->family != MIPFB_AF_INET4) {
    return MIPFB_ERR_NOT_FOUND;
  }
  k = *key;
  if (dir == MIPFB_DIR_FROM_MN) { /* to-MN orientation = every selector mirrored */
    uint8_t t[16];
    uint16_t p;
    memcpy(t, k.src, 16);
    memcpy(k.src, k.dst, 16);
    memcpy(k.dst, t, 16);
    p = k.sport;
    k.sport = k.dport;
    k.dport = p;
  }
  n = ha4_node_find(ha, (uint32_t)k.dst[0] << 24 | (uint32_t)k.dst[1] << 16 | (uint32_t)k.dst[2] << 8 | k.dst[3]);
  if (n == NULL) {
    return MIPFB_ERR_NOT_FOUND;
  }
  if (hoa_out != NULL) {
    *hoa_out = n->hoa;
  }
  memset(out, 0, sizeof *out);
  for (i = n->rule; i != HA4_NONE; i = ha4_rule_at(ha, i)->next, pos++) {
    const ha4_rule *r = ha4_rule_at(ha, i);
    mipfb_ts ts;
    rule_ts(r, &ts);
    if (!ts_match(&ts, &k)) {
      continue;
    }
    if (r->action == MIPFB_ACTION_DROP) {
      out->kind = MIPFB_DECISION_DROP;
      out->rule_id = pos + 1u;
      return 0;
    } else {
      unsigned j;
      for (j = 0; j < r->n_bids; j++) {
        if (has_binding(ha, n, r->bids[j])) { /* always the first: rules name existing bindings */
          out->kind = MIPFB_DECISION_FORWARD;
          out->rule_id = pos + 1u;
          out->bid = r->bids[j];
          out->bids[0] = r->bids[j];
          out->n_bids = 1;
          return 0;
        }
      }
    }
  }
  /* RFC 7629 6: per-flow rendezvous hashing over the node's bindings. */
  out->by_default = 1;
  h = mipfb_policy_flow_hash(&k, ha->flow_seed);
  for (i = n->bind; i != HA4_NONE; i = ha->binds[i].next) {
    uint64_t s = mipfb_policy_hrw_score(h, ha->binds[i].bid);
    if (!have || s > best_score) { /* BID order: ties keep the lower BID */
      best_score = s;
      best = ha->binds[i].bid;
      have = 1;
    }
  }
  if (have) {
    out->kind = MIPFB_DECISION_FORWARD;
    out->bid = best;
    out->bids[0] = best;
    out->n_bids = 1;
  }
  return 0;
}

int mipfb_ha4_classify_packet(const mipfb_ha4 *ha, const uint8_t *pkt, size_t len, int dir,
                              mipfb_policy_decision *out, uint32_t *hoa_out) {
  mipfb_flow_key k;
  int rc;
  if (ha == NULL || out == NULL || (dir != MIPFB_DIR_TO_MN && dir != MIPFB_DIR_FROM_MN) ||
      (pkt == NULL && len != 0)) {
    return MIPFB_ERR_INVALID_ARG;
  }
  rc = mipfb_flow_parse(&k, pkt, len);
  return rc != 0 ? rc : mipfb_ha4_classify(ha, &k, dir, out, hoa_out);
}
