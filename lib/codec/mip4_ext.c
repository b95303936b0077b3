/*
 * MIPv4 registration extensions: RFC 7629 Multipath (154/1) and
 * Flow-Binding (154/2) in the long format, the draft-02 Multiple Tunnel
 * Request in the short format, authentication (32/33/34), MN-NAI (131) and
 * unknown skippable extensions as simple TLVs (RFC 5944 1.9-1.11).
 */
#include "mip4_ext.h"

#include "../core/diag.h"

/* Octet offsets inside the extensions, shared by parser and checks. */
#define MP_IF_LABEL 5 /* Multipath: Type Sub Len(2) ATT Label BID Flags */
#define MP_BID 6
#define MP_FLAGS 7
#define FB_ACTION 4   /* Flow-Binding: Type Sub Len(2) Action Count BIDs... */
#define FB_COUNT 5
#define FB_BIDS 6
#define MT_SUBTYPE 2  /* Multiple Tunnel: Type Len Sub IfType BID(2) Flags(2) BW */
#define MT_FLAGS 6
#define MT_B 0x8000u
#define MT_O 0x4000u
#define AUTH_SPI_END 6 /* Type Len SPI(4): the covered part of an auth extension */

static int is_auth(mipfb_mip4_ext_kind k) {
  return k == MIPFB_MIP4_EXT_MN_HA_AUTH || k == MIPFB_MIP4_EXT_MN_FA_AUTH ||
         k == MIPFB_MIP4_EXT_FA_HA_AUTH;
}

/* ------------------------------------------------------------------ parse */

static int parse_multipath(mipfb_mip4_multipath *mp, mipfb_rd *body, size_t len_off,
                           const mipfb_codepoints *cp, mipfb_diag *diag) {
  uint8_t flags;
  if (mipfb_rd_left(body) != 4) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_LENGTH, len_off,
                      "Multipath extension: Length MUST be 4 (RFC 7629 4.1)");
  }
  mp->if_att = mipfb_rd_u8(body);
  mp->if_label = mipfb_rd_u8(body);
  mp->bid = mipfb_rd_u8(body);
  flags = mipfb_rd_u8(body);
  mp->b = (flags & cp->mip4_mpath_flag_b) != 0;
  mp->o = (flags & cp->mip4_mpath_flag_o) != 0;
  return 0;
}

static int parse_flow_binding(mipfb_mip4_flow_binding *fb, mipfb_rd *body, size_t len_off,
                              mipfb_diag *diag) {
  uint8_t format;
  mipfb_vec sel;
  mipfb_ssize rv;
  size_t sel_off;
  fb->action = mipfb_rd_u8(body);
  fb->bid_count = mipfb_rd_u8(body);
  if (mipfb_rd_err(body) == 0 && (fb->bid_count == 0 || fb->bid_count > MIPFB_MIP4_FB_MAX_BIDS)) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, mipfb_rd_off(body) - 1,
                      "Flow-Binding extension: BID Count MUST be 1..8 (RFC 7629 4.2)");
  }
  mipfb_rd_bytes(body, fb->bids, fb->bid_count);
  format = mipfb_rd_u8(body);
  if (mipfb_rd_err(body) != 0) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_LENGTH, len_off,
                      "Flow-Binding extension: Length too short for Action, BID Count, BIDs and TS Format "
                      "(RFC 7629 4.2)");
  }
  sel_off = mipfb_rd_off(body);
  sel = mipfb_rd_view(body, mipfb_rd_left(body));
  rv = mipfb_ts_decode(&fb->ts, format, sel.base, sel.len, sel_off, diag);
  if (rv == MIPFB_ERR_TRUNCATED) {
    /* the input has every octet the Length declares: the Length is wrong */
    return mipfb_fail(diag, MIPFB_ERR_BAD_LENGTH, len_off,
                      "Flow-Binding extension: Length too short for the traffic selector's fields "
                      "(RFC 7629 4.2, RFC 6088 3)");
  }
  if (rv == MIPFB_ERR_BAD_VALUE && format == MIPFB_TS_FORMAT_RESERVED) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, sel_off - 1,
                      "Flow-Binding extension: TS Format 0 is reserved and MUST NOT be used (RFC 7629 4.2)");
  }
  return rv < 0 ? (int)rv : 0;
}

static int parse_mtunnel(mipfb_mip4_mtunnel *mt, mipfb_rd *body, size_t len_off, mipfb_diag *diag) {
  size_t len = mipfb_rd_left(body);
  unsigned flags;
  if (len != 6 && len != 8 && len != 10) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_LENGTH, len_off,
                      "Multiple Tunnel Request extension: Length MUST be 6, 8 or 10 "
                      "(draft-gundavelli-mip4-multiple-tunnel-support-02 4.1, errata E-4)");
  }
  if (mipfb_rd_u8(body) != 0) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, mipfb_rd_off(body) - 1,
                      "Multiple Tunnel Request extension: Sub-Type MUST be 0 "
                      "(draft-gundavelli-mip4-multiple-tunnel-support-02 4.1)");
  }
  mt->if_type = mipfb_rd_u8(body);
  mt->bid = mipfb_rd_be16(body);
  flags = mipfb_rd_be16(body);
  mt->b = (flags & MT_B) != 0;
  mt->o = (flags & MT_O) != 0;
  mt->bw_len = (uint8_t)(len - 6);
  mt->bandwidth = len == 10 ? mipfb_rd_be32(body) : len == 8 ? mipfb_rd_be16(body) : 0;
  return 0;
}

int mip4_ext_parse(mipfb_mip4_ext *e, mipfb_rd *r, const mipfb_codepoints *cp, mipfb_diag *diag) {
  mipfb_rd body;
  size_t len_off;
  unsigned len;
  uint8_t type;

  e->offset = mipfb_rd_off(r);
  type = mipfb_rd_u8(r);
  e->type = type;

  if (type == cp->mip4_ext_multipath) {
    /* long format (RFC 5944 1.10): Type Sub-Type Length(16) Data (errata E-2) */
    uint8_t sub = mipfb_rd_u8(r);
    len_off = mipfb_rd_off(r);
    len = mipfb_rd_be16(r);
    if (mipfb_rd_err(r) != 0) {
      return mipfb_fail(diag, MIPFB_ERR_TRUNCATED, r->err_off,
                        "Type 154 extension: header (Type, Subtype, 16-bit Length) truncated");
    }
    if (mipfb_rd_sub(r, len, &body) != 0) {
      return mipfb_fail(diag, MIPFB_ERR_TRUNCATED, len_off,
                        "Type 154 extension: Length runs past the end of the message");
    }
    if (sub == cp->mip4_sub_multipath) {
      e->kind = MIPFB_MIP4_EXT_MULTIPATH;
      return parse_multipath(&e->u.multipath, &body, len_off, cp, diag);
    }
    if (sub == cp->mip4_sub_flow_binding) {
      e->kind = MIPFB_MIP4_EXT_FLOW_BINDING;
      return parse_flow_binding(&e->u.flow_binding, &body, len_off, diag);
    }
    return mipfb_fail(diag, MIPFB_ERR_UNKNOWN_NONSKIPPABLE, len_off - 1,
                      "Type 154 extension: unknown Subtype of a non-skippable extension (RFC 7629 7)");
  }

  if (type < 128 && (cp->mip4_ext_mtunnel == 0 || type != cp->mip4_ext_mtunnel) && type != MIPFB_MIP4_EXT_TYPE_MN_HA &&
      type != MIPFB_MIP4_EXT_TYPE_MN_FA && type != MIPFB_MIP4_EXT_TYPE_FA_HA) {
    return mipfb_fail(diag, MIPFB_ERR_UNKNOWN_NONSKIPPABLE, e->offset,
                      "unknown extension Type 0..127 (non-skippable): the message MUST be discarded "
                      "(RFC 5944 1.9)");
  }

  /* simple (RFC 5944 1.9) and short (1.11) formats: 8-bit Length */
  len_off = mipfb_rd_off(r);
  len = mipfb_rd_u8(r);
  if (mipfb_rd_err(r) != 0) {
    return mipfb_fail(diag, MIPFB_ERR_TRUNCATED, len_off, "extension: Length octet missing");
  }
  if (mipfb_rd_sub(r, len, &body) != 0) {
    return mipfb_fail(diag, MIPFB_ERR_TRUNCATED, len_off,
                      "extension: Length runs past the end of the message");
  }

  if (type == cp->mip4_ext_mtunnel && type != 0) {
    e->kind = MIPFB_MIP4_EXT_MTUNNEL;
    return parse_mtunnel(&e->u.mtunnel, &body, len_off, diag);
  }
  switch (type) {
  case MIPFB_MIP4_EXT_TYPE_MN_HA:
  case MIPFB_MIP4_EXT_TYPE_MN_FA:
  case MIPFB_MIP4_EXT_TYPE_FA_HA:
    e->kind = type == MIPFB_MIP4_EXT_TYPE_MN_HA   ? MIPFB_MIP4_EXT_MN_HA_AUTH
              : type == MIPFB_MIP4_EXT_TYPE_MN_FA ? MIPFB_MIP4_EXT_MN_FA_AUTH
                                                  : MIPFB_MIP4_EXT_FA_HA_AUTH;
    if (len < 4) {
      return mipfb_fail(diag, MIPFB_ERR_BAD_LENGTH, len_off,
                        "authentication extension: Length MUST be at least 4 (SPI) (RFC 5944 3.5.2)");
    }
    e->u.auth.spi = mipfb_rd_be32(&body);
    e->u.auth.authenticator = mipfb_rd_view(&body, len - 4);
    e->u.auth.key = NULL;
    return 0;
  case MIPFB_MIP4_EXT_TYPE_NAI:
    e->kind = MIPFB_MIP4_EXT_NAI;
    if (len == 0) {
      return mipfb_fail(diag, MIPFB_ERR_BAD_LENGTH, len_off,
                        "MN-NAI extension: the NAI MUST NOT be empty (RFC 2794 2)");
    }
    e->u.nai = mipfb_rd_view(&body, len);
    return 0;
  default:
    /* skippable and not known here: reported, stepped over (RFC 5944 1.9) */
    e->kind = MIPFB_MIP4_EXT_UNKNOWN;
    e->u.unknown = mipfb_rd_view(&body, len);
    return 0;
  }
}

/* ------------------------------------------------------------------ check */

static int check_multipath(mip4_seen *seen, const mipfb_mip4_msg *m, const mipfb_mip4_multipath *mp,
                           size_t off, mipfb_diag *diag) {
  if (m->type != MIPFB_MIP4_RRQ) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off,
                      "Multipath extension: MUST NOT be added to a Registration Reply (RFC 7629 4.1)");
  }
  if (seen->bits & MIP4_SEEN_MULTIPATH) {
    return mipfb_fail(diag, MIPFB_ERR_DUPLICATE, off,
                      "Multipath extension: MUST NOT appear more than once (RFC 7629 4.1)");
  }
  if (seen->bits & MIP4_SEEN_MTUNNEL) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off,
                      "Multipath and Multiple Tunnel Request extensions in one request (conflicting BIDs)");
  }
  if (mp->if_label == 0) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off + MP_IF_LABEL,
                      "Multipath extension: If-Label 0 is not permitted (1..255) (RFC 7629 4.1)");
  }
  if (mp->bid == 0 || mp->bid == 255) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off + MP_BID,
                      "Multipath extension: BID 0 and 255 are reserved (1..254) (RFC 7629 4.1)");
  }
  if (mp->b && mp->o) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off + MP_FLAGS,
                      "Multipath extension: B and O MUST NOT both be set (RFC 7629 4.1)");
  }
  if (mp->o && m->lifetime == 0) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off + MP_FLAGS,
                      "Multipath extension: O MUST be 0 in a deregistration (lifetime 0) (RFC 7629 4.1)");
  }
  seen->bits |= MIP4_SEEN_MULTIPATH;
  return 0;
}

static int check_flow_binding(const mipfb_mip4_flow_binding *fb, size_t off, const mipfb_codepoints *cp,
                              mipfb_diag *diag) {
  size_t i;
  if (fb->action != cp->mip4_fb_drop && fb->action != cp->mip4_fb_forward) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off + FB_ACTION,
                      "Flow-Binding extension: Action is neither DROP nor FORWARD (RFC 7629 4.2)");
  }
  if (fb->bid_count == 0 || fb->bid_count > MIPFB_MIP4_FB_MAX_BIDS) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off + FB_COUNT,
                      "Flow-Binding extension: BID Count MUST be 1..8 (RFC 7629 4.2)");
  }
  if (fb->action == cp->mip4_fb_drop) {
    if (fb->bid_count != 1) {
      return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off + FB_COUNT,
                        "Flow-Binding extension: a DROP rule MUST include a single BID octet (RFC 7629 4.2)");
    }
  } else {
    for (i = 0; i < fb->bid_count; i++) {
      if (fb->bids[i] == 0 || fb->bids[i] == 255) {
        return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off + FB_BIDS + i,
                          "Flow-Binding extension: FORWARD BID 0 or 255 is reserved (1..254) (RFC 7629 4.1)");
      }
    }
  }
  return 0;
}

static int check_mtunnel(mip4_seen *seen, const mipfb_mip4_msg *m, const mipfb_mip4_mtunnel *mt, size_t off,
                         mipfb_diag *diag) {
  if (m->type != MIPFB_MIP4_RRQ) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off,
                      "Multiple Tunnel Request extension: MUST NOT be added to a Registration Reply "
                      "(draft-gundavelli-mip4-multiple-tunnel-support-02 4.1)");
  }
  if (seen->bits & MIP4_SEEN_MTUNNEL) {
    return mipfb_fail(diag, MIPFB_ERR_DUPLICATE, off,
                      "Multiple Tunnel Request extension: MUST NOT appear more than once "
                      "(draft-gundavelli-mip4-multiple-tunnel-support-02 4.1)");
  }
  if (seen->bits & MIP4_SEEN_MULTIPATH) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off,
                      "Multipath and Multiple Tunnel Request extensions in one request (conflicting BIDs)");
  }
  if (mt->b && mt->o) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off + MT_FLAGS,
                      "Multiple Tunnel Request extension: B and O MUST NOT both be set "
                      "(draft-gundavelli-mip4-multiple-tunnel-support-02 4.1)");
  }
  if (mt->o && m->lifetime == 0) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off + MT_FLAGS,
                      "Multiple Tunnel Request extension: O MUST be 0 in a deregistration "
                      "(draft-gundavelli-mip4-multiple-tunnel-support-02 4.1)");
  }
  seen->bits |= MIP4_SEEN_MTUNNEL;
  return 0;
}

int mip4_ext_check(mip4_seen *seen, const mipfb_mip4_msg *m, const mipfb_mip4_ext *e, size_t off,
                   const mipfb_codepoints *cp, mipfb_diag *diag) {
  int for_ha = e->kind == MIPFB_MIP4_EXT_MULTIPATH || e->kind == MIPFB_MIP4_EXT_FLOW_BINDING ||
               e->kind == MIPFB_MIP4_EXT_MTUNNEL || e->kind == MIPFB_MIP4_EXT_NAI;
  if (for_ha && (seen->bits & MIP4_SEEN_MN_HA)) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_ORDER, off,
                      "extension for the home agent placed after the Mobile-Home Authentication extension "
                      "(RFC 5944 3.6.1.3, RFC 7629 4.1/4.2, RFC 2794 2)");
  }
  switch (e->kind) {
  case MIPFB_MIP4_EXT_MULTIPATH:
    return check_multipath(seen, m, &e->u.multipath, off, diag);
  case MIPFB_MIP4_EXT_FLOW_BINDING:
    return check_flow_binding(&e->u.flow_binding, off, cp, diag);
  case MIPFB_MIP4_EXT_MTUNNEL:
    return check_mtunnel(seen, m, &e->u.mtunnel, off, diag);
  case MIPFB_MIP4_EXT_MN_HA_AUTH:
    if (seen->bits & MIP4_SEEN_MN_HA) {
      return mipfb_fail(diag, MIPFB_ERR_DUPLICATE, off,
                        "Mobile-Home Authentication extension: more than one (RFC 5944 3.5.2)");
    }
    seen->bits |= MIP4_SEEN_MN_HA;
    return 0;
  case MIPFB_MIP4_EXT_MN_FA_AUTH:
    seen->bits |= MIP4_SEEN_MN_FA;
    return 0;
  case MIPFB_MIP4_EXT_NAI:
    if (seen->bits & MIP4_SEEN_MN_FA) {
      return mipfb_fail(diag, MIPFB_ERR_BAD_ORDER, off,
                        "MN-NAI extension: MUST appear before the Mobile-Foreign Authentication extension "
                        "(RFC 2794 2)");
    }
    if (seen->bits & MIP4_SEEN_NAI) {
      return mipfb_fail(diag, MIPFB_ERR_DUPLICATE, off, "MN-NAI extension: more than one");
    }
    seen->bits |= MIP4_SEEN_NAI;
    return 0;
  case MIPFB_MIP4_EXT_FA_HA_AUTH:
  case MIPFB_MIP4_EXT_UNKNOWN:
    return 0;
  default:
    return mipfb_fail(diag, MIPFB_ERR_INVALID_ARG, off, "unknown extension kind");
  }
}

/* ------------------------------------------------------------------ write */

static int write_tlv(mipfb_wr *w, uint8_t type, mipfb_vec data, const char *what, mipfb_diag *diag) {
  if (data.len > 255) {
    return mipfb_fail(diag, MIPFB_ERR_INVALID_ARG, w->len, what);
  }
  mipfb_wr_u8(w, type);
  mipfb_wr_u8(w, (unsigned)data.len);
  mipfb_wr_bytes(w, data.base, data.len);
  return 0;
}

static int write_flow_binding(mipfb_wr *w, const mipfb_mip4_flow_binding *fb, const mipfb_codepoints *cp,
                              mipfb_diag *diag) {
  size_t len_at;
  mipfb_ssize ts_len;
  uint8_t *p;
  int rv = mipfb_ts_check(&fb->ts, diag);
  if (rv < 0) {
    if (diag != NULL) {
      diag->offset = w->len + FB_BIDS + fb->bid_count + 1;
    }
    return rv;
  }
  ts_len = mipfb_ts_encoded_len(&fb->ts);
  mipfb_wr_u8(w, cp->mip4_ext_multipath);
  mipfb_wr_u8(w, cp->mip4_sub_flow_binding);
  len_at = mipfb_wr_reserve(w, 2);
  mipfb_wr_u8(w, fb->action);
  mipfb_wr_u8(w, fb->bid_count);
  mipfb_wr_bytes(w, fb->bids, fb->bid_count);
  mipfb_wr_u8(w, fb->ts.format);
  p = mipfb_wr_take(w, (size_t)ts_len);
  if (p != NULL) {
    (void)mipfb_ts_encode(p, (size_t)ts_len, &fb->ts);
  }
  mipfb_wr_patch_be16(w, len_at, (unsigned)(w->len - len_at - 2));
  return 0;
}

static int write_auth(mipfb_wr *w, const mipfb_mip4_ext *e, mipfb_diag *diag) {
  const mipfb_mip4_auth *a = &e->u.auth;
  size_t alen = a->key ? MIPFB_MD5_LEN : a->authenticator.len;
  uint8_t *p;
  if (alen > 251) {
    return mipfb_fail(diag, MIPFB_ERR_INVALID_ARG, w->len, "authentication extension: authenticator over 251 octets");
  }
  mipfb_wr_u8(w, e->kind == MIPFB_MIP4_EXT_MN_HA_AUTH   ? MIPFB_MIP4_EXT_TYPE_MN_HA
                 : e->kind == MIPFB_MIP4_EXT_MN_FA_AUTH ? MIPFB_MIP4_EXT_TYPE_MN_FA
                                                        : MIPFB_MIP4_EXT_TYPE_FA_HA);
  mipfb_wr_u8(w, (unsigned)(4 + alen));
  mipfb_wr_be32(w, a->spi);
  if (a->key == NULL) {
    mipfb_wr_bytes(w, a->authenticator.base, alen);
    return 0;
  }
  /* RFC 5944 3.5.1: everything before the authenticator is covered */
  p = mipfb_wr_take(w, MIPFB_MD5_LEN);
  if (p != NULL) {
    mipfb_hmac_md5(a->key, mipfb_wr_data(w), w->len - MIPFB_MD5_LEN, p);
  }
  return 0;
}

int mip4_ext_write(mipfb_wr *w, const mipfb_mip4_ext *e, const mipfb_codepoints *cp, mipfb_diag *diag) {
  const mipfb_mip4_multipath *mp = &e->u.multipath;
  const mipfb_mip4_mtunnel *mt = &e->u.mtunnel;
  switch (e->kind) {
  case MIPFB_MIP4_EXT_MULTIPATH:
    mipfb_wr_u8(w, cp->mip4_ext_multipath);
    mipfb_wr_u8(w, cp->mip4_sub_multipath);
    mipfb_wr_be16(w, 4);
    mipfb_wr_u8(w, mp->if_att);
    mipfb_wr_u8(w, mp->if_label);
    mipfb_wr_u8(w, mp->bid);
    mipfb_wr_u8(w, (mp->b ? cp->mip4_mpath_flag_b : 0u) | (mp->o ? cp->mip4_mpath_flag_o : 0u));
    return 0;
  case MIPFB_MIP4_EXT_FLOW_BINDING:
    return write_flow_binding(w, &e->u.flow_binding, cp, diag);
  case MIPFB_MIP4_EXT_MTUNNEL:
    if (cp->mip4_ext_mtunnel == 0 || (mt->bw_len != 0 && mt->bw_len != 2 && mt->bw_len != 4) ||
        (mt->bw_len == 2 && mt->bandwidth > 0xFFFFu)) {
      return mipfb_fail(diag, MIPFB_ERR_INVALID_ARG, w->len,
                        "Multiple Tunnel Request: not recognised by the code-point table, or bandwidth "
                        "size not 0/2/4 octets or over its field");
    }
    mipfb_wr_u8(w, cp->mip4_ext_mtunnel);
    mipfb_wr_u8(w, 6u + mt->bw_len);
    mipfb_wr_u8(w, 0);
    mipfb_wr_u8(w, mt->if_type);
    mipfb_wr_be16(w, mt->bid);
    mipfb_wr_be16(w, (mt->b ? MT_B : 0u) | (mt->o ? MT_O : 0u));
    if (mt->bw_len == 4) {
      mipfb_wr_be32(w, mt->bandwidth);
    } else if (mt->bw_len == 2) {
      mipfb_wr_be16(w, (unsigned)mt->bandwidth);
    }
    return 0;
  case MIPFB_MIP4_EXT_MN_HA_AUTH:
  case MIPFB_MIP4_EXT_MN_FA_AUTH:
  case MIPFB_MIP4_EXT_FA_HA_AUTH:
    return write_auth(w, e, diag);
  case MIPFB_MIP4_EXT_NAI:
    if (e->u.nai.len == 0) {
      return mipfb_fail(diag, MIPFB_ERR_BAD_LENGTH, w->len, "MN-NAI extension: the NAI MUST NOT be empty (RFC 2794 2)");
    }
    return write_tlv(w, MIPFB_MIP4_EXT_TYPE_NAI, e->u.nai, "MN-NAI extension: NAI over 255 octets", diag);
  case MIPFB_MIP4_EXT_UNKNOWN:
    if (e->type < 128 || e->type == cp->mip4_ext_multipath) {
      return mipfb_fail(diag, MIPFB_ERR_UNKNOWN_NONSKIPPABLE, w->len,
                        "unknown extension: only skippable Types (128..255, not 154) can be sent as opaque data");
    }
    return write_tlv(w, e->type, e->u.unknown, "unknown extension: data over 255 octets", diag);
  default:
    return mipfb_fail(diag, MIPFB_ERR_INVALID_ARG, w->len, "unknown extension kind");
  }
}

int mipfb_mip4_auth_verify(const uint8_t *in, size_t len, const mipfb_mip4_ext *auth,
                           const mipfb_hmac_md5_key *key) {
  uint8_t mac[MIPFB_MD5_LEN];
  const mipfb_vec *a;
  if (in == NULL || auth == NULL || key == NULL || !is_auth(auth->kind) || auth->offset > len ||
      len - auth->offset < AUTH_SPI_END) {
    return MIPFB_ERR_INVALID_ARG;
  }
  a = &auth->u.auth.authenticator;
  if (a->len != 0 && a->base != in + auth->offset + AUTH_SPI_END) {
    return MIPFB_ERR_INVALID_ARG;
  }
  if (a->len != MIPFB_MD5_LEN || len - auth->offset - AUTH_SPI_END < MIPFB_MD5_LEN) {
    return MIPFB_ERR_AUTH;
  }
  mipfb_hmac_md5(key, in, auth->offset + AUTH_SPI_END, mac);
  return mipfb_mac_equal(mac, a->base);
}
