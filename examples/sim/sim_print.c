/* The simulator's timeline printer (see sim_print.h). */
#include "sim_print.h"

#include <stdarg.h>
#include <string.h>

#define SIM_MAX_EXT 32

void sim_print_init(sim_print *pr, FILE *out, const uint64_t *now, int verbose) {
  pr->out = out;
  pr->now = now;
  pr->verbose = verbose;
}

static void stamp(const sim_print *pr) {
  uint64_t t = *pr->now;
  fprintf(pr->out, "[%5lu.%03lus] ", (unsigned long)(t / 1000u), (unsigned long)(t % 1000u));
}

void sim_print_line(const sim_print *pr, const char *fmt, ...) {
  va_list ap;
  if (!pr->verbose) return;
  stamp(pr);
  va_start(ap, fmt);
  vfprintf(pr->out, fmt, ap);
  va_end(ap);
  fputc('\n', pr->out);
}

void sim_print_cont(const sim_print *pr, const char *fmt, ...) {
  va_list ap;
  if (!pr->verbose) return;
  fputs("             ", pr->out);
  va_start(ap, fmt);
  vfprintf(pr->out, fmt, ap);
  va_end(ap);
  fputc('\n', pr->out);
}

void sim_print_always(const sim_print *pr, const char *fmt, ...) {
  va_list ap;
  stamp(pr);
  va_start(ap, fmt);
  vfprintf(pr->out, fmt, ap);
  va_end(ap);
  fputc('\n', pr->out);
  fflush(pr->out);
}

const char *sim_print_ip(char buf[16], uint32_t a) {
  snprintf(buf, 16, "%u.%u.%u.%u", (unsigned)(a >> 24), (unsigned)((a >> 16) & 0xffu), (unsigned)((a >> 8) & 0xffu),
           (unsigned)(a & 0xffu));
  return buf;
}

const char *sim_print_code_name(uint8_t code) {
  switch (code) {
  case 0: return "accepted";
  case 1: return "accepted, no simultaneous bindings";
  case 64: return "FA: reason unspecified";
  case 65: return "FA: administratively prohibited";
  case 66: return "FA: insufficient resources";
  case 67: return "FA: MN failed authentication";
  case 69: return "FA: lifetime too long";
  case 70: return "FA: poorly formed Request";
  case 71: return "FA: poorly formed Reply";
  case 77: return "FA: invalid care-of address";
  case 78: return "FA: registration timeout";
  case 97: return "FA: missing NAI";
  case 98: return "FA: missing home agent";
  case 128: return "HA: reason unspecified";
  case 129: return "HA: administratively prohibited";
  case 130: return "HA: insufficient resources";
  case 131: return "HA: MN failed authentication";
  case 133: return "HA: Identification mismatch";
  case 134: return "HA: poorly formed Request";
  case 135: return "HA: too many simultaneous bindings";
  case 136: return "HA: unknown home agent address";
  case 152: return "MULTIPATH_NOT_ALLOWED";
  case 153: return "INVALID_FB_IDENTIFIER";
  default: return "other";
  }
}

const char *sim_print_att_name(uint8_t att) {
  static const char *const names[] = {"reserved",   "virtual",         "PPP",         "IEEE 802.3",
                                      "IEEE 802.11", "IEEE 802.16e",   "3GPP GERAN",  "3GPP UTRAN",
                                      "3GPP E-UTRAN", "3GPP2 eHRPD",   "3GPP2 HRPD",  "3GPP2 1xRTT",
                                      "3GPP2 UMB",   "3GPP NB-IoT"};
  if (att < sizeof(names) / sizeof(names[0])) return names[att];
  return "unassigned";
}

/* Append to buf (always NUL terminated). */
static void add(char *buf, size_t cap, const char *fmt, ...) SIM_PRINTF(3, 4);
static void add(char *buf, size_t cap, const char *fmt, ...) {
  size_t used = strlen(buf);
  va_list ap;
  if (used + 1 >= cap) return;
  va_start(ap, fmt);
  vsnprintf(buf + used, cap - used, fmt, ap);
  va_end(ap);
}

static uint32_t ts_ip4(const uint8_t *b) {
  return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | (uint32_t)b[3];
}

static void add_range(char *buf, size_t cap, const char *what, unsigned a, unsigned b, int has_end) {
  if (has_end && b != a)
    add(buf, cap, " %s %u-%u", what, a, b);
  else
    add(buf, cap, " %s %u", what, a);
}

void sim_print_ts(char *buf, size_t cap, const mipfb_ts *ts) {
  char ip[16];
  buf[0] = '\0';
  if (ts->format != MIPFB_TS_FORMAT_IPV4) {
    add(buf, cap, "TS format %u", (unsigned)ts->format);
    return;
  }
  if (ts->fields & MIPFB_TS_PROTO_START) {
    unsigned p = ts->proto_start;
    if (!(ts->fields & MIPFB_TS_PROTO_END) || ts->proto_end == ts->proto_start)
      add(buf, cap, "%s", p == 6 ? "TCP" : p == 17 ? "UDP" : "");
    if (buf[0] == '\0') add_range(buf, cap, "proto", p, ts->proto_end, (ts->fields & MIPFB_TS_PROTO_END) != 0);
  }
  if (ts->fields & MIPFB_TS_SRC_START) add(buf, cap, " src %s", sim_print_ip(ip, ts_ip4(ts->src_start)));
  if (ts->fields & MIPFB_TS_SRC_END) add(buf, cap, "-%s", sim_print_ip(ip, ts_ip4(ts->src_end)));
  if (ts->fields & MIPFB_TS_DST_START) add(buf, cap, " dst %s", sim_print_ip(ip, ts_ip4(ts->dst_start)));
  if (ts->fields & MIPFB_TS_DST_END) add(buf, cap, "-%s", sim_print_ip(ip, ts_ip4(ts->dst_end)));
  if (ts->fields & MIPFB_TS_SPORT_START)
    add_range(buf, cap, "sport", ts->sport_start, ts->sport_end, (ts->fields & MIPFB_TS_SPORT_END) != 0);
  if (ts->fields & MIPFB_TS_DPORT_START)
    add_range(buf, cap, "dport", ts->dport_start, ts->dport_end, (ts->fields & MIPFB_TS_DPORT_END) != 0);
  if (ts->fields & MIPFB_TS_DS_START)
    add_range(buf, cap, "ds", ts->ds_start, ts->ds_end, (ts->fields & MIPFB_TS_DS_END) != 0);
  if (ts->fields & MIPFB_TS_SPI_START)
    add_range(buf, cap, "spi", (unsigned)ts->spi_start, (unsigned)ts->spi_end, (ts->fields & MIPFB_TS_SPI_END) != 0);
  if (buf[0] == '\0') add(buf, cap, "any");
  if (buf[0] == ' ') memmove(buf, buf + 1, strlen(buf));
}

static void add_bids8(char *buf, size_t cap, const uint8_t *bids, size_t n) {
  size_t i;
  add(buf, cap, "[");
  for (i = 0; i < n; i++) add(buf, cap, "%s%u", i ? "," : "", (unsigned)bids[i]);
  add(buf, cap, "]");
}

void sim_print_rule(char *buf, size_t cap, const mipfb_policy_rule *r) {
  char sel[160];
  size_t i;
  buf[0] = '\0';
  sim_print_ts(sel, sizeof(sel), &r->ts);
  if (r->action == MIPFB_ACTION_DROP) {
    add(buf, cap, "#%u DROP           %s", (unsigned)r->id, sel);
    return;
  }
  add(buf, cap, "#%u %s [", (unsigned)r->id, r->action == MIPFB_ACTION_FORWARD ? "FORWARD" : "N-CAST");
  for (i = 0; i < r->n_bids && i < MIPFB_POLICY_MAX_RULE_BIDS; i++)
    add(buf, cap, "%s%u", i ? "," : "", (unsigned)r->bids[i]);
  add(buf, cap, "]%*s%s", (int)(8 > 2 * r->n_bids ? 8 - 2 * r->n_bids : 1), "", sel);
}

static const char *type_name(uint8_t t) { return t == MIPFB_MIP4_RRQ ? "RRQ" : t == MIPFB_MIP4_RRP ? "RRP" : "???"; }

static void flags_str(char *buf, size_t cap, uint8_t f) {
  static const char letters[] = "SBDMGrTx";
  size_t i;
  buf[0] = '\0';
  for (i = 0; i < 8; i++)
    if (f & (0x80u >> i)) add(buf, cap, "%c", letters[i]);
  if (buf[0] == '\0') add(buf, cap, "-");
}

void sim_print_msg(const sim_print *pr, const char *from, const char *to, const char *via, const uint8_t *msg,
                   size_t len, const char *fate, sim_msg_summary *sum) {
  mipfb_mip4_msg m;
  mipfb_mip4_ext ext[SIM_MAX_EXT];
  mipfb_diag diag;
  mipfb_codepoints cp;
  char a[16], b[16], c[16], line[256];
  size_t i;
  mipfb_ssize rc;
  sim_msg_summary s;

  memset(&s, 0, sizeof(s));
  mipfb_codepoints_default(&cp, MIPFB_PROFILE_RFC);
  memset(&diag, 0, sizeof(diag));
  rc = mipfb_mip4_decode(&m, ext, SIM_MAX_EXT, msg, len, &cp, &diag);
  if (rc < 0) {
    sim_print_line(pr, "%s -> %s via %s: %lu octets that do not decode (%s at offset %lu: %s)%s%s", from, to, via,
                   (unsigned long)len, mipfb_err_name((int)rc), (unsigned long)diag.offset,
                   diag.detail ? diag.detail : "", fate ? "  " : "", fate ? fate : "");
    if (sum) *sum = s;
    return;
  }
  s.type = m.type;
  s.code = m.code;
  s.lifetime = m.lifetime;
  line[0] = '\0';
  if (m.type == MIPFB_MIP4_RRQ) {
    char fl[12];
    flags_str(fl, sizeof(fl), m.flags);
    add(line, sizeof(line), "RRQ flags %s lifetime %u hoa %s ha %s coa %s id %08lx.%08lx", fl, (unsigned)m.lifetime,
        sim_print_ip(a, m.hoa), sim_print_ip(b, m.ha), sim_print_ip(c, m.coa), (unsigned long)(m.id >> 32),
        (unsigned long)(m.id & 0xffffffffu));
  } else {
    add(line, sizeof(line), "%s code %u (%s) lifetime %u hoa %s ha %s id %08lx.%08lx", type_name(m.type),
        (unsigned)m.code, sim_print_code_name(m.code), (unsigned)m.lifetime, sim_print_ip(a, m.hoa),
        sim_print_ip(b, m.ha), (unsigned long)(m.id >> 32), (unsigned long)(m.id & 0xffffffffu));
  }
  sim_print_line(pr, "%-2s -> %-2s via %-5s %s%s%s", from, to, via, line, fate ? "  " : "", fate ? fate : "");
  for (i = 0; i < m.n_ext; i++) {
    const mipfb_mip4_ext *e = &m.ext[i];
    char sel[160];
    line[0] = '\0';
    switch (e->kind) {
    case MIPFB_MIP4_EXT_MULTIPATH:
      s.has_multipath = 1;
      s.bid = e->u.multipath.bid;
      add(line, sizeof(line), "Multipath: BID %u If-ATT %u (%s) If-Label %u B=%u O=%u", (unsigned)e->u.multipath.bid,
          (unsigned)e->u.multipath.if_att, sim_print_att_name(e->u.multipath.if_att), (unsigned)e->u.multipath.if_label,
          (unsigned)e->u.multipath.b, (unsigned)e->u.multipath.o);
      break;
    case MIPFB_MIP4_EXT_FLOW_BINDING: {
      const mipfb_mip4_flow_binding *fb = &e->u.flow_binding;
      s.n_flow_binding++;
      sim_print_ts(sel, sizeof(sel), &fb->ts);
      if (fb->action == cp.mip4_fb_forward) {
        add(line, sizeof(line), "Flow-Binding: FORWARD BIDs ");
        add_bids8(line, sizeof(line), fb->bids, fb->bid_count);
      } else if (fb->action == cp.mip4_fb_drop) {
        add(line, sizeof(line), "Flow-Binding: DROP");
      } else {
        add(line, sizeof(line), "Flow-Binding: action %u BIDs ", (unsigned)fb->action);
        add_bids8(line, sizeof(line), fb->bids, fb->bid_count);
      }
      add(line, sizeof(line), "  selector %s", sel);
      break;
    }
    case MIPFB_MIP4_EXT_MTUNNEL:
      add(line, sizeof(line), "Multiple Tunnel Request: BID %u If-Type %u B=%u O=%u", (unsigned)e->u.mtunnel.bid,
          (unsigned)e->u.mtunnel.if_type, (unsigned)e->u.mtunnel.b, (unsigned)e->u.mtunnel.o);
      break;
    case MIPFB_MIP4_EXT_MN_HA_AUTH:
      add(line, sizeof(line), "MN-HA authentication: SPI %lu, %lu-octet authenticator",
          (unsigned long)e->u.auth.spi, (unsigned long)e->u.auth.authenticator.len);
      break;
    case MIPFB_MIP4_EXT_MN_FA_AUTH:
      add(line, sizeof(line), "MN-FA authentication: SPI %lu", (unsigned long)e->u.auth.spi);
      break;
    case MIPFB_MIP4_EXT_FA_HA_AUTH:
      add(line, sizeof(line), "FA-HA authentication: SPI %lu", (unsigned long)e->u.auth.spi);
      break;
    case MIPFB_MIP4_EXT_NAI:
      add(line, sizeof(line), "NAI: %.*s", (int)e->u.nai.len, (const char *)e->u.nai.base);
      break;
    case MIPFB_MIP4_EXT_UNKNOWN:
    default:
      add(line, sizeof(line), "extension type %u (%lu octets, skipped)", (unsigned)e->type,
          (unsigned long)e->u.unknown.len);
      break;
    }
    sim_print_cont(pr, "  + %s", line);
  }
  if (sum) *sum = s;
}

static const char *tun_op(uint8_t op) {
  return op == MIPFB_TUNNEL_ADD ? "ADD" : op == MIPFB_TUNNEL_CHANGE ? "CHANGE" : op == MIPFB_TUNNEL_REMOVE ? "REMOVE" : "?";
}

static uint32_t addr_get(const mipfb_addr *a) {
  if (a->family != MIPFB_AF_INET4) return 0;
  return ts_ip4(a->bytes);
}

void sim_print_tunnel(const sim_print *pr, const char *who, const mipfb_tunnel_event *ev, const char *link) {
  char l[16], r[16];
  char ifx[24] = "";
  if (ev->ifindex) snprintf(ifx, sizeof(ifx), " on if %lu", (unsigned long)ev->ifindex);
  sim_print_line(pr, "%s tunnel %-6s BID %u %s <-> %s (%s)%s If-ATT %u If-Label %u lifetime %lu s", who,
                 tun_op(ev->op), (unsigned)ev->bid, sim_print_ip(l, addr_get(&ev->local)),
                 sim_print_ip(r, addr_get(&ev->remote)), link ? link : "?", ifx, (unsigned)ev->if_att,
                 (unsigned)ev->if_label, (unsigned long)ev->lifetime_s);
}

void sim_print_flow(const sim_print *pr, const char *who, const mipfb_flow_event *ev) {
  char buf[256];
  if (ev->op == MIPFB_FLOW_REMOVE) {
    sim_print_line(pr, "%s flow REMOVE  rule #%u", who, ev->rule ? (unsigned)ev->rule->id : 0u);
    return;
  }
  sim_print_rule(buf, sizeof(buf), ev->rule);
  sim_print_line(pr, "%s flow INSTALL %s", who, buf);
}

void sim_print_bindings(const sim_print *pr, const mipfb_ha4 *ha, uint32_t hoa, uint64_t now_ms, sim_coa_namer namer,
                        const void *ctx) {
  mipfb_ha4_binding b[16];
  mipfb_policy_rule r[32];
  char ip[16], buf[256];
  size_t nb, nr, i;
  if (!pr->verbose) return;
  nb = mipfb_ha4_bindings(ha, hoa, now_ms, b, 16);
  nr = mipfb_ha4_rules(ha, hoa, r, 32);
  sim_print_line(pr, "HA binding table of %s: %lu binding(s), %lu rule(s)", sim_print_ip(ip, hoa), (unsigned long)nb,
                 (unsigned long)nr);
  if (nb) sim_print_cont(pr, "  BID  care-of address  link   If-ATT            label  lifetime  remaining");
  for (i = 0; i < nb && i < 16; i++) {
    const char *name = namer ? namer(ctx, b[i].coa) : NULL;
    sim_print_cont(pr, "  %3u  %-15s  %-5s  %2u %-14s  %5u  %6u s  %7.1f s", (unsigned)b[i].bid,
                   sim_print_ip(ip, b[i].coa), name ? name : "?", (unsigned)b[i].if_att,
                   sim_print_att_name(b[i].if_att), (unsigned)b[i].if_label, (unsigned)b[i].lifetime_s,
                   (double)b[i].remaining_ms / 1000.0);
  }
  for (i = 0; i < nr && i < 32; i++) {
    sim_print_rule(buf, sizeof(buf), &r[i]);
    sim_print_cont(pr, "  rule %s", buf);
  }
}
