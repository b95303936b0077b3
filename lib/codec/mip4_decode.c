/*
 * MIPv4 Registration Request / Reply decoder (RFC 5944 3.3, 3.4, the
 * extension list of 1.9-1.11): the fixed part, then RFC 7629 Multipath (154/1) and
 * Flow-Binding (154/2) in the long format, the draft-02 Multiple Tunnel
 * Request in the short format, authentication (32/33/34), MN-NAI (131) and
 * unknown skippable extensions as simple TLVs (RFC 5944 1.9-1.11).
 */
#include <string.h>

#include "../core/inline.h"
#include "codepoints_int.h"
#include "mip4_ext.h"

#define MIP4_RRQ_FIXED 24
#define MIP4_RRP_FIXED 20

/* Where a fixed part cut short after len octets fails: the start of the
   field holding octet len (fields at 0, 1, 2, then every 4 octets, the
   Identification as two 32-bit halves). */
static size_t field_at(size_t len) { return len < 4 ? (len == 3 ? 2 : len) : len & ~(size_t)3; }


/* ------------------------------------------------------------------ parse */

/* The parsers below get the extension body as a span the reader has
   already bounds-checked (mipfb_rd_take) and its length; they read inside
   it only after checking that length. `len_off` is the offset of the
   Length field, `off` the offset of the Type octet. */

static mipfb_vec span(const uint8_t *p, size_t n) {
  mipfb_vec v;
  v.base = p;
  v.len = n;
  return v;
}

static int parse_multipath(mipfb_mip4_multipath *mp, const uint8_t *b, size_t len, size_t len_off,
                           const mipfb_codepoints *cp, mipfb_diag *diag) {
  if (len != 4) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_LENGTH, len_off,
                      "Multipath extension: Length MUST be 4 (RFC 7629 4.1)");
  }
  mp->if_att = b[0];
  mp->if_label = b[1];
  mp->bid = b[2];
  mp->b = (b[3] & cp->mip4_mpath_flag_b) != 0;
  mp->o = (b[3] & cp->mip4_mpath_flag_o) != 0;
  return 0;
}

static int parse_flow_binding(mipfb_mip4_flow_binding *fb, const uint8_t *b, size_t len, size_t off,
                              mipfb_diag *diag) {
  const size_t len_off = off + 2;
  size_t head, sel_off;
  uint8_t format;
  mipfb_ssize rv;
  if (len >= 2 && (b[1] == 0 || b[1] > MIPFB_MIP4_FB_MAX_BIDS)) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off + FB_COUNT,
                      "Flow-Binding extension: BID Count MUST be 1..8 (RFC 7629 4.2)");
  }
  head = len >= 2 ? 3u + b[1] : 3u; /* Action, BID Count, BIDs, TS Format */
  if (len < head) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_LENGTH, len_off,
                      "Flow-Binding extension: Length too short for Action, BID Count, BIDs and TS Format "
                      "(RFC 7629 4.2)");
  }
  fb->action = b[0];
  fb->bid_count = b[1];
  memcpy(fb->bids, b + 2, fb->bid_count);
  format = b[head - 1];
  sel_off = off + 4 + head;
  rv = mipfb_ts_decode(&fb->ts, format, b + head, len - head, sel_off, diag);
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

static int parse_mtunnel(mipfb_mip4_mtunnel *mt, const uint8_t *b, size_t len, size_t off, mipfb_diag *diag) {
  const size_t len_off = off + 1;
  unsigned flags;
  if (len != 6 && len != 8 && len != 10) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_LENGTH, len_off,
                      "Multiple Tunnel Request extension: Length MUST be 6, 8 or 10 "
                      "(draft-gundavelli-mip4-multiple-tunnel-support-02 4.1, errata E-4)");
  }
  if (b[0] != 0) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off + MT_SUBTYPE,
                      "Multiple Tunnel Request extension: Sub-Type MUST be 0 "
                      "(draft-gundavelli-mip4-multiple-tunnel-support-02 4.1)");
  }
  mt->if_type = b[1];
  mt->bid = mipfb_ld_be16(b + 2);
  flags = mipfb_ld_be16(b + 4);
  mt->b = (flags & MT_B) != 0;
  mt->o = (flags & MT_O) != 0;
  mt->bw_len = (uint8_t)(len - 6);
  mt->bandwidth = len == 10 ? mipfb_ld_be32(b + 6) : len == 8 ? mipfb_ld_be16(b + 6) : 0;
  return 0;
}

/* Type 154, long format (RFC 5944 1.10): Type Sub-Type Length(16) Data
   (errata E-2). r is at the Type octet. */
static int parse_long(mipfb_mip4_ext *e, mipfb_rd *r, const mipfb_codepoints *cp, mipfb_diag *diag) {
  const size_t off = e->offset, len_off = off + 2;
  size_t left = mipfb_rd_left(r), len;
  const uint8_t *h = mipfb_rd_take(r, 4), *b;
  if (h == NULL) {
    return mipfb_fail(diag, MIPFB_ERR_TRUNCATED, left < 2 ? off + 1 : len_off,
                      "Type 154 extension: header (Type, Subtype, 16-bit Length) truncated");
  }
  len = mipfb_ld_be16(h + 2);
  b = mipfb_rd_take(r, len);
  if (b == NULL) {
    return mipfb_fail(diag, MIPFB_ERR_TRUNCATED, len_off,
                      "Type 154 extension: Length runs past the end of the message");
  }
  if (h[1] == cp->mip4_sub_multipath) {
    e->kind = MIPFB_MIP4_EXT_MULTIPATH;
    return parse_multipath(&e->u.multipath, b, len, len_off, cp, diag);
  }
  if (h[1] == cp->mip4_sub_flow_binding) {
    e->kind = MIPFB_MIP4_EXT_FLOW_BINDING;
    return parse_flow_binding(&e->u.flow_binding, b, len, off, diag);
  }
  return mipfb_fail(diag, MIPFB_ERR_UNKNOWN_NONSKIPPABLE, off + 1,
                    "Type 154 extension: unknown Subtype of a non-skippable extension (RFC 7629 7)");
}

static int is_known_short(uint8_t type, const mipfb_codepoints *cp) {
  return (cp->mip4_ext_mtunnel != 0 && type == cp->mip4_ext_mtunnel) || type == MIPFB_MIP4_EXT_TYPE_MN_HA ||
         type == MIPFB_MIP4_EXT_TYPE_MN_FA || type == MIPFB_MIP4_EXT_TYPE_FA_HA;
}

static int parse_ext(mipfb_mip4_ext *e, mipfb_rd *r, const mipfb_codepoints *cp, mipfb_diag *diag) {
  const uint8_t *h, *b;
  size_t len_off, len;
  uint8_t type;

  e->offset = mipfb_rd_off(r);
  type = (uint8_t)mipfb_rd_peek(r); /* the caller saw at least one octet */
  e->type = type;
  if (type == cp->mip4_ext_multipath) {
    return parse_long(e, r, cp, diag);
  }
  if (type < 128 && !is_known_short(type, cp)) {
    return mipfb_fail(diag, MIPFB_ERR_UNKNOWN_NONSKIPPABLE, e->offset,
                      "unknown extension Type 0..127 (non-skippable): the message MUST be discarded "
                      "(RFC 5944 1.9)");
  }

  /* simple (RFC 5944 1.9) and short (1.11) formats: Type, 8-bit Length */
  len_off = e->offset + 1;
  h = mipfb_rd_take(r, 2);
  if (h == NULL) {
    return mipfb_fail(diag, MIPFB_ERR_TRUNCATED, len_off, "extension: Length octet missing");
  }
  len = h[1];
  b = mipfb_rd_take(r, len);
  if (b == NULL) {
    return mipfb_fail(diag, MIPFB_ERR_TRUNCATED, len_off,
                      "extension: Length runs past the end of the message");
  }

  if (cp->mip4_ext_mtunnel != 0 && type == cp->mip4_ext_mtunnel) {
    e->kind = MIPFB_MIP4_EXT_MTUNNEL;
    return parse_mtunnel(&e->u.mtunnel, b, len, e->offset, diag);
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
    e->u.auth.spi = mipfb_ld_be32(b);
    e->u.auth.authenticator = span(b + 4, len - 4);
    e->u.auth.key = NULL;
    return 0;
  case MIPFB_MIP4_EXT_TYPE_NAI:
    e->kind = MIPFB_MIP4_EXT_NAI;
    if (len == 0) {
      return mipfb_fail(diag, MIPFB_ERR_BAD_LENGTH, len_off,
                        "MN-NAI extension: the NAI MUST NOT be empty (RFC 2794 2)");
    }
    e->u.nai = span(b, len);
    return 0;
  default:
    /* skippable and not known here: reported, stepped over (RFC 5944 1.9) */
    e->kind = MIPFB_MIP4_EXT_UNKNOWN;
    e->u.unknown = span(b, len);
    return 0;
  }
}

MIPFB_HOT_INLINE int parse_all(mipfb_mip4_msg *m, mipfb_mip4_ext *ext, size_t cap, mipfb_rd *r,
                           const mipfb_codepoints *cp, mipfb_diag *diag) {
  mip4_seen seen = {0};
  size_t n = 0;
  int rv;
  while (mipfb_rd_left(r) != 0) {
    mipfb_mip4_ext *e;
    if (n == cap) {
      return mipfb_fail(diag, MIPFB_ERR_NOBUF, mipfb_rd_off(r), "more extensions than the caller's array holds");
    }
    e = &ext[n];
    rv = parse_ext(e, r, cp, diag);
    if (rv < 0) {
      return rv;
    }
    rv = mip4_ext_check(&seen, m, e, e->offset, cp, diag);
    if (rv < 0) {
      return rv;
    }
    n++;
  }
  m->ext = ext;
  m->n_ext = n;
  return 0;
}

mipfb_ssize mipfb_mip4_decode(mipfb_mip4_msg *msg, mipfb_mip4_ext *ext, size_t ext_cap, const uint8_t *in,
                              size_t len, const mipfb_codepoints *cp, mipfb_diag *diag) {
  mipfb_rd r;
  const uint8_t *p;
  size_t fixed;
  int rv, type;

  if (msg == NULL || (in == NULL && len != 0) || (ext == NULL && ext_cap != 0)) {
    return mipfb_fail(diag, MIPFB_ERR_INVALID_ARG, 0, "NULL argument");
  }
  cp = mipfb_cp_or_default(cp);
  mipfb_rd_init(&r, in, len);

  type = mipfb_rd_peek(&r);
  if (type < 0) {
    return mipfb_fail(diag, MIPFB_ERR_TRUNCATED, 0, "message Type truncated");
  }
  msg->type = (uint8_t)type;
  if (msg->type != MIPFB_MIP4_RRQ && msg->type != MIPFB_MIP4_RRP) {
    return mipfb_fail(diag, MIPFB_ERR_UNSUPPORTED, 0,
                      "message Type is neither Registration Request (1) nor Reply (3)");
  }
  fixed = msg->type == MIPFB_MIP4_RRQ ? MIP4_RRQ_FIXED : MIP4_RRP_FIXED;
  p = mipfb_rd_take(&r, fixed);
  if (p == NULL) {
    return mipfb_fail(diag, MIPFB_ERR_TRUNCATED, field_at(len),
                      msg->type == MIPFB_MIP4_RRP ? "Registration Reply: fixed part (20 octets) truncated"
                                                  : "Registration Request: fixed part (24 octets) truncated");
  }
  /* Type Flags|Code Lifetime(2) HoA(4) HA(4) [CoA(4)] Identification(8) */
  msg->flags = msg->type == MIPFB_MIP4_RRQ ? p[1] : 0;
  msg->code = msg->type == MIPFB_MIP4_RRQ ? 0 : p[1];
  msg->lifetime = mipfb_ld_be16(p + 2);
  msg->hoa = mipfb_ld_be32(p + 4);
  msg->ha = mipfb_ld_be32(p + 8);
  msg->coa = msg->type == MIPFB_MIP4_RRQ ? mipfb_ld_be32(p + 12) : 0;
  msg->id = (uint64_t)mipfb_ld_be32(p + fixed - 8) << 32 | mipfb_ld_be32(p + fixed - 4);
  rv = mip4_check_fixed(msg, cp, diag);
  if (rv < 0) {
    return rv;
  }

  rv = parse_all(msg, ext, ext_cap, &r, cp, diag);
  if (rv < 0) {
    return rv;
  }
  return (mipfb_ssize)len;
}
