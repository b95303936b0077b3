/*
 * PMIPv6 mobility options (wire.md 7.2, 7.7): Mobile Node Identifier (8),
 * Home Network Prefix (22), Handoff Indicator (23), Access Technology Type
 * (24), MN Link-layer Identifier (25), Link-local Address (26), Timestamp
 * (27), RFC 5844 IPv4 Home Address Request/Reply and Default-Router
 * (36-38), RFC 8278 MAG Multipath-Binding and MAG Identifier (code-point
 * table, 63/64). Body parsing with the Length rules, and the writer with
 * each option's alignment; value rules are in mh_pmip_rules.c.
 */
#include "../core/rd.h"
#include "codepoints_int.h"
#include "mh_int.h"

#define PFX_LEN_MASK 0xFCu /* RFC 5844: prefix length in the upper 6 bits */

mipfb_mh_opt_kind mh_pmip_kind(uint8_t type, const mipfb_codepoints *cp) {
  if (type == cp->mh_opt_mmb && type != 0) {
    return MIPFB_MH_OPT_MMB;
  }
  if (type == cp->mh_opt_mag_id && type != 0) {
    return MIPFB_MH_OPT_MAG_ID;
  }
  switch (type) {
  case MIPFB_MH_OT_MN_ID:
    return MIPFB_MH_OPT_MN_ID;
  case MIPFB_MH_OT_HNP:
    return MIPFB_MH_OPT_HNP;
  case MIPFB_MH_OT_HI:
    return MIPFB_MH_OPT_HI;
  case MIPFB_MH_OT_ATT:
    return MIPFB_MH_OPT_ATT;
  case MIPFB_MH_OT_MN_LLI:
    return MIPFB_MH_OPT_MN_LLI;
  case MIPFB_MH_OT_LLA:
    return MIPFB_MH_OPT_LLA;
  case MIPFB_MH_OT_TIMESTAMP:
    return MIPFB_MH_OPT_TIMESTAMP;
  case MIPFB_MH_OT_IPV4_HOA_REQ:
    return MIPFB_MH_OPT_IPV4_HOA_REQ;
  case MIPFB_MH_OT_IPV4_HOA_REP:
    return MIPFB_MH_OPT_IPV4_HOA_REP;
  case MIPFB_MH_OT_IPV4_DFLT_RTR:
    return MIPFB_MH_OPT_IPV4_DFLT_RTR;
  default:
    return MIPFB_MH_OPT_UNKNOWN;
  }
}

/* Per kind: fixed Option Data length (0 = variable, with a minimum), and
   the alignment xn+y. Indexed by kind - MIPFB_MH_OPT_MN_ID. */
typedef struct pmip_layout {
  uint8_t fixed, min, x, y;
  unsigned in; /* MH Types the option is valid in (bit per type) */
  const char *len_rule;
  const char *where;
} pmip_layout;

#define BU (1u << MIPFB_MH_BU)
#define BA (1u << MIPFB_MH_BA)

static const pmip_layout LAYOUT[] = {
    {0, 2, 1, 0, BU | BA,
     "Mobile Node Identifier option: Length at least 2, Subtype and identifier (RFC 4283 3)",
     "Mobile Node Identifier option: valid only in a BU or BA (RFC 4283, RFC 5213 8.1)"},
    {18, 0, 8, 4, BU | BA,
     "Home Network Prefix option: Length MUST be 18 (RFC 5213 8.3)",
     "Home Network Prefix option: valid only in a (P)BU or (P)BA (RFC 5213 8.3)"},
    {2, 0, 1, 0, BU | BA,
     "Handoff Indicator option: Length MUST be 2 (RFC 5213 8.4)",
     "Handoff Indicator option: valid only in a (P)BU or (P)BA (RFC 5213 8.4)"},
    {2, 0, 1, 0, BU | BA,
     "Access Technology Type option: Length MUST be 2 (RFC 5213 8.5)",
     "Access Technology Type option: valid only in a (P)BU or (P)BA (RFC 5213 8.5)"},
    {0, 3, 1, 0, BU | BA,
     "Mobile Node Link-layer Identifier option: Length at least 3, Reserved and identifier (RFC 5213 8.6)",
     "Mobile Node Link-layer Identifier option: valid only in a (P)BU or (P)BA (RFC 5213 8.6)"},
    {16, 0, 8, 6, BU | BA,
     "Link-local Address option: Length MUST be 16 (RFC 5213 8.7)",
     "Link-local Address option: valid only in a (P)BU or (P)BA (RFC 5213 8.7)"},
    {8, 0, 8, 2, BU | BA,
     "Timestamp option: Length MUST be 8 (RFC 5213 8.8)",
     "Timestamp option: valid only in a (P)BU or (P)BA (RFC 5213 8.8)"},
    {6, 0, 4, 0, BU,
     "IPv4 Home Address Request option: Length MUST be 6 (RFC 5844 3.1.1)",
     "IPv4 Home Address Request option: valid only in a (P)BU (RFC 5844 3.1.1)"},
    {6, 0, 4, 0, BA,
     "IPv4 Home Address Reply option: Length MUST be 6 (RFC 5844 3.1.2)",
     "IPv4 Home Address Reply option: valid only in a (P)BA (RFC 5844 3.1.2)"},
    {6, 0, 4, 0, BA,
     "IPv4 Default-Router Address option: Length MUST be 6 (RFC 5844 3.4)",
     "IPv4 Default-Router Address option: valid only in a (P)BA (RFC 5844 3.4)"},
    {6, 0, 1, 0, BU | BA,
     "MAG Multipath-Binding option: Length MUST be 6 (RFC 8278, wire.md 7.7)",
     "MAG Multipath-Binding option: valid only in a PBU or PBA (RFC 8278)"},
    {0, 3, 1, 0, BU | BA,
     "MAG Identifier option: Length at least 3, Subtype, Reserved and identifier (RFC 8278)",
     "MAG Identifier option: valid only in a PBU or PBA (RFC 8278)"},
};

static const pmip_layout *layout(mipfb_mh_opt_kind kind) { return &LAYOUT[kind - MIPFB_MH_OPT_MN_ID]; }

int mh_pmip_allowed(const mipfb_mh_msg *m, const mipfb_mh_opt *o, size_t off, mipfb_diag *diag) {
  const pmip_layout *l = layout(o->kind);
  if (m->type >= 16 || (l->in & (1u << m->type)) == 0) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off, l->where);
  }
  return 0;
}

int mh_pmip_parse(mipfb_mh_opt *o, const mipfb_mh_raw_opt *raw, mipfb_diag *diag) {
  const pmip_layout *l = layout(o->kind);
  const uint8_t *d = raw->data.base;
  size_t n = raw->data.len;
  if (l->fixed != 0 ? n != l->fixed : n < l->min) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_LENGTH, raw->offset + 1, l->len_rule);
  }
  switch (o->kind) {
  case MIPFB_MH_OPT_MN_ID:
    o->u.ident.subtype = d[0];
    o->u.ident.id.base = d + 1;
    o->u.ident.id.len = n - 1;
    break;
  case MIPFB_MH_OPT_MAG_ID: /* Subtype Reserved Identifier */
    o->u.ident.subtype = d[0];
    o->u.ident.id.base = d + 2;
    o->u.ident.id.len = n - 2;
    break;
  case MIPFB_MH_OPT_HNP: /* Reserved PrefixLen Prefix(16) */
    o->u.hnp.prefix_len = d[1];
    memcpy(o->u.hnp.prefix, d + 2, 16);
    break;
  case MIPFB_MH_OPT_HI:
    o->u.hi = d[1];
    break;
  case MIPFB_MH_OPT_ATT:
    o->u.att = d[1];
    break;
  case MIPFB_MH_OPT_MN_LLI: /* Reserved(2) LLI */
    o->u.lli.base = d + 2;
    o->u.lli.len = n - 2;
    break;
  case MIPFB_MH_OPT_LLA:
    memcpy(o->u.lla, d, 16);
    break;
  case MIPFB_MH_OPT_TIMESTAMP:
    o->u.timestamp = (uint64_t)mipfb_ld_be32(d) << 32 | mipfb_ld_be32(d + 4);
    break;
  case MIPFB_MH_OPT_IPV4_HOA_REQ: /* PrefixLen(6 bits) Reserved(10 bits) Addr */
    o->u.ipv4.status = 0;
    o->u.ipv4.prefix_len = (uint8_t)(d[0] >> 2);
    memcpy(o->u.ipv4.addr, d + 2, 4);
    break;
  case MIPFB_MH_OPT_IPV4_HOA_REP: /* Status PrefixLen(6 bits)|Res(2) Addr */
    o->u.ipv4.status = d[0];
    o->u.ipv4.prefix_len = (uint8_t)(d[1] >> 2);
    memcpy(o->u.ipv4.addr, d + 2, 4);
    break;
  case MIPFB_MH_OPT_IPV4_DFLT_RTR: /* Reserved(2) Addr */
    o->u.ipv4.status = 0;
    o->u.ipv4.prefix_len = 0;
    memcpy(o->u.ipv4.addr, d + 2, 4);
    break;
  default: /* MIPFB_MH_OPT_MMB: If-ATT If-Label BID Flags Reserved(2) */
    o->u.mmb.att = d[0];
    o->u.mmb.label = d[1];
    o->u.mmb.bid = d[2];
    o->u.mmb.flags = (uint8_t)(d[3] & (MIPFB_MH_MMB_B | MIPFB_MH_MMB_O));
    break;
  }
  return 0;
}

static size_t body_len(const mipfb_mh_opt *o) {
  const pmip_layout *l = layout(o->kind);
  if (l->fixed != 0) {
    return l->fixed;
  }
  if (o->kind == MIPFB_MH_OPT_MN_LLI) {
    return 2 + o->u.lli.len;
  }
  return (o->kind == MIPFB_MH_OPT_MAG_ID ? 2u : 1u) + o->u.ident.id.len;
}

static uint8_t type_of(const mipfb_mh_opt *o, const mipfb_codepoints *cp) {
  static const uint8_t TYPES[] = {MIPFB_MH_OT_MN_ID,        MIPFB_MH_OT_HNP,          MIPFB_MH_OT_HI,
                                  MIPFB_MH_OT_ATT,          MIPFB_MH_OT_MN_LLI,       MIPFB_MH_OT_LLA,
                                  MIPFB_MH_OT_TIMESTAMP,    MIPFB_MH_OT_IPV4_HOA_REQ, MIPFB_MH_OT_IPV4_HOA_REP,
                                  MIPFB_MH_OT_IPV4_DFLT_RTR};
  if (o->kind == MIPFB_MH_OPT_MMB) {
    return cp->mh_opt_mmb;
  }
  if (o->kind == MIPFB_MH_OPT_MAG_ID) {
    return cp->mh_opt_mag_id;
  }
  return TYPES[o->kind - MIPFB_MH_OPT_MN_ID];
}

int mh_pmip_write(mipfb_wr *w, const mipfb_mh_opt *o, const mipfb_codepoints *cp, mipfb_diag *diag) {
  const pmip_layout *l = layout(o->kind);
  size_t len = body_len(o);
  const mipfb_vec *v = o->kind == MIPFB_MH_OPT_MN_LLI ? &o->u.lli : &o->u.ident.id;
  cp = mipfb_cp_or_default(cp);
  if (l->fixed == 0 && ((v->base == NULL && v->len != 0) || len > 255)) {
    return mipfb_fail(diag, MIPFB_ERR_INVALID_ARG, w->len, "mobility option: NULL or over-long identifier");
  }
  if (len < l->min) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_LENGTH, w->len, l->len_rule);
  }
  mh_pad(w, (l->y + l->x - w->len % l->x) % l->x);
  mipfb_wr_u8(w, type_of(o, cp));
  mipfb_wr_u8(w, (unsigned)len);
  switch (o->kind) {
  case MIPFB_MH_OPT_MN_ID:
    mipfb_wr_u8(w, o->u.ident.subtype);
    mipfb_wr_bytes(w, v->base, v->len);
    break;
  case MIPFB_MH_OPT_MAG_ID:
    mipfb_wr_u8(w, o->u.ident.subtype);
    mipfb_wr_u8(w, 0);
    mipfb_wr_bytes(w, v->base, v->len);
    break;
  case MIPFB_MH_OPT_HNP:
    mipfb_wr_u8(w, 0);
    mipfb_wr_u8(w, o->u.hnp.prefix_len);
    mipfb_wr_bytes(w, o->u.hnp.prefix, 16);
    break;
  case MIPFB_MH_OPT_HI:
  case MIPFB_MH_OPT_ATT:
    mipfb_wr_u8(w, 0);
    mipfb_wr_u8(w, o->kind == MIPFB_MH_OPT_HI ? o->u.hi : o->u.att);
    break;
  case MIPFB_MH_OPT_MN_LLI:
    mipfb_wr_be16(w, 0);
    mipfb_wr_bytes(w, v->base, v->len);
    break;
  case MIPFB_MH_OPT_LLA:
    mipfb_wr_bytes(w, o->u.lla, 16);
    break;
  case MIPFB_MH_OPT_TIMESTAMP:
    mipfb_wr_be64(w, o->u.timestamp);
    break;
  case MIPFB_MH_OPT_IPV4_HOA_REQ:
    mipfb_wr_be16(w, ((unsigned)o->u.ipv4.prefix_len << 2 & PFX_LEN_MASK) << 8);
    mipfb_wr_bytes(w, o->u.ipv4.addr, 4);
    break;
  case MIPFB_MH_OPT_IPV4_HOA_REP:
    mipfb_wr_u8(w, o->u.ipv4.status);
    mipfb_wr_u8(w, (unsigned)o->u.ipv4.prefix_len << 2 & PFX_LEN_MASK);
    mipfb_wr_bytes(w, o->u.ipv4.addr, 4);
    break;
  case MIPFB_MH_OPT_IPV4_DFLT_RTR:
    mipfb_wr_be16(w, 0);
    mipfb_wr_bytes(w, o->u.ipv4.addr, 4);
    break;
  default: /* MIPFB_MH_OPT_MMB */
    mipfb_wr_u8(w, o->u.mmb.att);
    mipfb_wr_u8(w, o->u.mmb.label);
    mipfb_wr_u8(w, o->u.mmb.bid & 0xffu);
    mipfb_wr_u8(w, o->u.mmb.flags);
    mipfb_wr_be16(w, 0);
    break;
  }
  return 0;
}
