/* Traffic of the simulator (see sim_traffic.h). */
#include "sim_traffic.h"

#include <string.h>

static const sim_flow_def FLOWS[] = {
    {"sip", "SIP", 17, 5060, 5060},
    {"http", "HTTP", 6, 80, 49152},
    {"ssh", "SSH", 6, 22, 49153},
    {"other", "other (HTTPS)", 6, 443, 49154},
};

const sim_flow_def *sim_traffic_flow(const char *name) {
  size_t i;
  for (i = 0; i < sizeof(FLOWS) / sizeof(FLOWS[0]); i++)
    if (strcmp(FLOWS[i].name, name) == 0) return &FLOWS[i];
  return NULL;
}

const char *sim_traffic_flow_names(void) { return "sip, http, ssh, other"; }

static void put16(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)(v >> 8);
  p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v) {
  put16(p, v >> 16);
  put16(p + 2, v & 0xffffu);
}

static uint16_t ip_checksum(const uint8_t *p, size_t len) {
  uint32_t sum = 0;
  size_t i;
  for (i = 0; i + 1 < len; i += 2) sum += (uint32_t)p[i] << 8 | p[i + 1];
  while (sum >> 16) sum = (sum & 0xffffu) + (sum >> 16);
  return (uint16_t)~sum;
}

size_t sim_traffic_packet(uint8_t *buf, size_t cap, const sim_flow_def *f, int dir, uint16_t ip_id) {
  static const char payload[8] = {'l', 'i', 'b', 'm', 'i', 'p', 'f', 'b'};
  size_t l4 = f->proto == 17 ? 8u : 20u, len = 20u + l4 + sizeof(payload);
  int to_mn = dir == MIPFB_DIR_TO_MN;
  uint16_t sport = to_mn ? f->cn_port : f->mn_port, dport = to_mn ? f->mn_port : f->cn_port;
  uint8_t *l;
  if (cap < len) return 0;
  memset(buf, 0, len);
  buf[0] = 0x45;
  put16(buf + 2, (uint32_t)len);
  put16(buf + 4, ip_id);
  buf[6] = 0x40; /* DF */
  buf[8] = 64;
  buf[9] = f->proto;
  put32(buf + 12, to_mn ? SIM_CN_ADDR : SIM_HOA);
  put32(buf + 16, to_mn ? SIM_HOA : SIM_CN_ADDR);
  put16(buf + 10, ip_checksum(buf, 20));
  l = buf + 20;
  put16(l, sport);
  put16(l + 2, dport);
  if (f->proto == 17) {
    put16(l + 4, (uint32_t)(8u + sizeof(payload)));
  } else {
    put32(l + 4, 1000u + ip_id);
    put32(l + 8, 1u);
    l[12] = 0x50;        /* data offset 5 */
    l[13] = 0x18;        /* PSH ACK */
    put16(l + 14, 65535);
  }
  memcpy(l + l4, payload, sizeof(payload));
  return len;
}

static int same(const mipfb_policy_decision *a, const mipfb_policy_decision *b) {
  return a->kind == b->kind && a->bid == b->bid && a->rule_id == b->rule_id;
}

static const char *kind_name(uint8_t k) {
  switch (k) {
  case MIPFB_DECISION_NONE: return "NONE";
  case MIPFB_DECISION_FORWARD: return "FORWARD";
  case MIPFB_DECISION_DROP: return "DROP";
  case MIPFB_DECISION_NCAST: return "N-CAST";
  default: return "?";
  }
}

static void decision_text(char *buf, size_t cap, const sim_dir_result *r) {
  if (r->rc < 0) {
    snprintf(buf, cap, "error %s", mipfb_err_name(r->rc));
  } else if (r->d.kind == MIPFB_DECISION_FORWARD) {
    if (r->d.by_default)
      snprintf(buf, cap, "FORWARD BID %u (no rule: per-flow hash)", (unsigned)r->d.bid);
    else
      snprintf(buf, cap, "FORWARD BID %u (rule #%lu)", (unsigned)r->d.bid, (unsigned long)r->d.rule_id);
  } else if (r->d.kind == MIPFB_DECISION_DROP) {
    snprintf(buf, cap, "DROP (rule #%lu)", (unsigned long)r->d.rule_id);
  } else {
    snprintf(buf, cap, "%s", kind_name(r->d.kind));
  }
}

static void set_link(sim_dir_result *r, const char *name) {
  strncpy(r->link, name, sizeof(r->link) - 1);
  r->link[sizeof(r->link) - 1] = '\0';
}

static void run_down(sim_world *w, const sim_flow_def *f, sim_dir_result *r, char *how, size_t cap) {
  uint8_t pkt[64];
  size_t len = sim_traffic_packet(pkt, sizeof(pkt), f, MIPFB_DIR_TO_MN, 1);
  mipfb_policy_decision again;
  uint32_t hoa = 0;
  char ip[16];
  memset(r, 0, sizeof(*r));
  how[0] = '\0';
  r->rc = mipfb_ha4_classify_packet(w->ha, pkt, len, MIPFB_DIR_TO_MN, &r->d, &hoa);
  if (r->rc < 0) {
    set_link(r, r->rc == MIPFB_ERR_NOT_FOUND ? "none" : "error");
    return;
  }
  len = sim_traffic_packet(pkt, sizeof(pkt), f, MIPFB_DIR_TO_MN, 2);
  r->stable = mipfb_ha4_classify_packet(w->ha, pkt, len, MIPFB_DIR_TO_MN, &again, NULL) == 0 && same(&again, &r->d);
  if (r->d.kind == MIPFB_DECISION_DROP) {
    set_link(r, "drop");
  } else if (r->d.kind == MIPFB_DECISION_FORWARD) {
    mipfb_ha4_binding b;
    const char *name;
    if (mipfb_ha4_binding_get(w->ha, hoa, r->d.bid, w->now, &b) != 0) {
      set_link(r, "?");
      snprintf(how, cap, "-> BID %u is not in the binding cache", (unsigned)r->d.bid);
      return;
    }
    name = sim_world_coa_link(w, b.coa);
    set_link(r, name ? name : "?");
    if (b.coa == SIM_FA_ADDR) {
      uint32_t ifx = 0;
      uint16_t vbid = 0;
      int rc = mipfb_fa4_deliver(w->fa, hoa, &ifx, &vbid);
      if (rc == 0)
        snprintf(how, cap, "-> tunnel to FA %s, FA delivers on its if %lu (visitor BID %u) = %s",
                 sim_print_ip(ip, b.coa), (unsigned long)ifx, (unsigned)vbid, r->link);
      else
        snprintf(how, cap, "-> tunnel to FA %s, but the FA has no visitor for it (%s)", sim_print_ip(ip, b.coa),
                 mipfb_err_name(rc));
    } else {
      snprintf(how, cap, "-> tunnel to %s = %s", sim_print_ip(ip, b.coa), r->link);
    }
  } else if (r->d.kind == MIPFB_DECISION_NONE) {
    set_link(r, "none");
  } else {
    set_link(r, "?");
  }
}

static void run_up(sim_world *w, const sim_flow_def *f, sim_dir_result *r, char *how, size_t cap) {
  uint8_t pkt[64];
  size_t len = sim_traffic_packet(pkt, sizeof(pkt), f, MIPFB_DIR_FROM_MN, 3);
  mipfb_policy_decision again;
  memset(r, 0, sizeof(*r));
  how[0] = '\0';
  r->rc = mipfb_mn4_classify_packet(w->mn, pkt, len, &r->d);
  if (r->rc < 0) {
    set_link(r, "error");
    return;
  }
  len = sim_traffic_packet(pkt, sizeof(pkt), f, MIPFB_DIR_FROM_MN, 4);
  r->stable = mipfb_mn4_classify_packet(w->mn, pkt, len, &again) == 0 && same(&again, &r->d);
  if (r->d.kind == MIPFB_DECISION_DROP) {
    set_link(r, "drop");
  } else if (r->d.kind == MIPFB_DECISION_FORWARD) {
    uint32_t ifx = 0;
    int acc;
    if (mipfb_mn4_bid_iface(w->mn, r->d.bid, &ifx) != 0 || (acc = sim_world_mn_if_access(w, ifx)) < 0) {
      set_link(r, "?");
      snprintf(how, cap, "-> BID %u has no interface", (unsigned)r->d.bid);
      return;
    }
    set_link(r, w->access[acc].name);
    snprintf(how, cap, "-> interface %lu = %s", (unsigned long)ifx, r->link);
  } else if (r->d.kind == MIPFB_DECISION_NONE) {
    set_link(r, "none");
  } else {
    set_link(r, "?");
  }
}

void sim_traffic_run(sim_world *w, const sim_flow_def *f, sim_flow_result *out) {
  char how[160], dec[96], a[16], b[16];
  const sim_dir_result *r;
  int acc;

  run_down(w, f, &out->down, how, sizeof(how));
  r = &out->down;
  decision_text(dec, sizeof(dec), r);
  acc = sim_world_access(w, r->link);
  sim_print_line(&w->pr, "traffic %-13s down %s:%u -> %s:%u %s  HA: %s %s%s%s", f->label, sim_print_ip(a, SIM_CN_ADDR),
                 (unsigned)f->cn_port, sim_print_ip(b, SIM_HOA), (unsigned)f->mn_port, f->proto == 17 ? "UDP" : "TCP",
                 dec, how, acc >= 0 && !sim_net_link_up(&w->net, acc) ? " (link down: lost)" : "",
                 r->rc >= 0 && !r->stable ? " [UNSTABLE]" : "");
  run_up(w, f, &out->up, how, sizeof(how));
  r = &out->up;
  decision_text(dec, sizeof(dec), r);
  acc = sim_world_access(w, r->link);
  sim_print_line(&w->pr, "traffic %-13s up   %s:%u -> %s:%u %s  MN: %s %s%s%s", f->label, sim_print_ip(a, SIM_HOA),
                 (unsigned)f->mn_port, sim_print_ip(b, SIM_CN_ADDR), (unsigned)f->cn_port, f->proto == 17 ? "UDP" : "TCP",
                 dec, how, acc >= 0 && !sim_net_link_up(&w->net, acc) ? " (link down: lost)" : "",
                 r->rc >= 0 && !r->stable ? " [UNSTABLE]" : "");
}
