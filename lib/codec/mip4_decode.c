/*
 * MIPv4 Registration Request / Reply decoder (RFC 5944 3.3, 3.4, the
 * extension list of 1.9-1.11): the fixed part, then RFC 7629 Multipath (154/1) and
 * Flow-Binding (154/2) in the long format, the draft-02 Multiple Tunnel
 * Request in the short format, authentication (32/33/34), MN-NAI (131) and
 * unknown skippable extensions as simple TLVs (RFC 5944 1.9-1.11).
 */
#include "codepoints_int.h"
#include "mip4_ext.h"

#define MIP4_RRQ_FIXED 24
#define MIP4_RRP_FIXED 20

/* Where a fixed part cut short after len octets fails: the start of the
   field holding octet len (fields at 0, 1, 2, then every 4 octets, the
   Identification as two 32-bit halves). */
static size_t field_at(size_t len) { return len < 4 ? (len == 3 ? 2 : len) : len & ~(size_t)3; }


/* ------------------------------------------------------------------ parse */

/* One function per extension kind: it gets the extension body as a span
   the caller has already bounds-checked against the message (`b`, `len`
   octets, read inside only after checking `len`) and the offset `off` of
   the Type octet; it fills `e`, then applies the rules of mip4_rules.h in
   the order mip4_ext_check() does (the parse, then check_before_mn_ha()
   for the kinds for the home agent, then the kind's own rules), so that
   one pass over the extension does both. */

static mipfb_vec span(const uint8_t *p, size_t n) {
  mipfb_vec v;
  v.base = p;
  v.len = n;
  return v;
}

static int decode_multipath(mipfb_mip4_ext *e, const uint8_t *b, size_t len, size_t off, mip4_seen *seen,
                            const mipfb_mip4_msg *m, const mipfb_codepoints *cp, mipfb_diag *diag) {
  mipfb_mip4_multipath *mp = &e->u.multipath;
  uint8_t flags;
  int rv;
  e->kind = MIPFB_MIP4_EXT_MULTIPATH;
  if (len != 4) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_LENGTH, off + 2,
                      "Multipath extension: Length MUST be 4 (RFC 7629 4.1)");
  }
  flags = b[3]; /* read once: the stores below may alias b */
  mp->if_att = b[0];
  mp->if_label = b[1];
  mp->bid = b[2];
  mp->b = (flags & cp->mip4_mpath_flag_b) != 0;
  mp->o = (flags & cp->mip4_mpath_flag_o) != 0;
  rv = check_before_mn_ha(seen, off, diag);
  return rv < 0 ? rv : check_multipath(seen, m, mp, off, diag);
}

static int decode_flow_binding(mipfb_mip4_ext *e, const uint8_t *b, size_t len, size_t off, const mip4_seen *seen,
                               const mipfb_codepoints *cp, mipfb_diag *diag) {
  mipfb_mip4_flow_binding *fb = &e->u.flow_binding;
  const size_t len_off = off + 2;
  size_t head, sel_off, i;
  unsigned count;
  int bids_ok = 1;
  uint8_t format;
  mipfb_ssize rv;
  e->kind = MIPFB_MIP4_EXT_FLOW_BINDING;
  count = len >= 2 ? b[1] : 1; /* without a BID Count, the length check below fails */
  if (count == 0 || count > MIPFB_MIP4_FB_MAX_BIDS) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off + FB_COUNT,
                      "Flow-Binding extension: BID Count MUST be 1..8 (RFC 7629 4.2)");
  }
  head = 3u + count; /* Action, BID Count, BIDs, TS Format */
  if (len < head) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_LENGTH, len_off,
                      "Flow-Binding extension: Length too short for Action, BID Count, BIDs and TS Format "
                      "(RFC 7629 4.2)");
  }
  fb->action = b[0];
  fb->bid_count = (uint8_t)count; /* 1..8 from here on: check_fb_count() cannot fail */
  for (i = 0; i < count; i++) {   /* a loop is cheaper than memcpy's size dispatch */
    fb->bids[i] = b[2 + i];
    bids_ok &= fb_bid_ok(b[2 + i]);
  }
  format = b[head - 1];
  sel_off = off + 4 + head;
  rv = mipfb_ts_decode(&fb->ts, format, b + head, len - head, sel_off, diag);
  if (rv < 0) {
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
    return (int)rv;
  }
  rv = check_before_mn_ha(seen, off, diag);
  if (rv == 0) {
    rv = check_fb_action(fb, off, cp, diag);
  }
  if (rv == 0 && (!bids_ok || fb->action == cp->mip4_fb_drop)) {
    rv = check_fb_bids(fb, off, cp, diag); /* the rule that fails, or the DROP rule */
  }
  return (int)rv;
}

static int decode_mtunnel(mipfb_mip4_ext *e, const uint8_t *b, size_t len, size_t off, mip4_seen *seen,
                          const mipfb_mip4_msg *m, mipfb_diag *diag) {
  mipfb_mip4_mtunnel *mt = &e->u.mtunnel;
  unsigned flags;
  int rv;
  e->kind = MIPFB_MIP4_EXT_MTUNNEL;
  if (len != 6 && len != 8 && len != 10) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_LENGTH, off + 1,
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
  rv = check_before_mn_ha(seen, off, diag);
  return rv < 0 ? rv : check_mtunnel(seen, m, mt, off, diag);
}

/* Authentication (32/33/34): SPI, then the authenticator. */
static int decode_auth(mipfb_mip4_ext *e, uint8_t type, const uint8_t *b, size_t len, size_t off, mip4_seen *seen,
                       mipfb_diag *diag) {
  e->kind = type == MIPFB_MIP4_EXT_TYPE_MN_HA   ? MIPFB_MIP4_EXT_MN_HA_AUTH
            : type == MIPFB_MIP4_EXT_TYPE_MN_FA ? MIPFB_MIP4_EXT_MN_FA_AUTH
                                                : MIPFB_MIP4_EXT_FA_HA_AUTH;
  if (len < 4) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_LENGTH, off + 1,
                      "authentication extension: Length MUST be at least 4 (SPI) (RFC 5944 3.5.2)");
  }
  e->u.auth.spi = mipfb_ld_be32(b);
  e->u.auth.authenticator = span(b + 4, len - 4);
  e->u.auth.key = NULL;
  if (type == MIPFB_MIP4_EXT_TYPE_MN_HA) {
    return check_mn_ha(seen, off, diag);
  }
  if (type == MIPFB_MIP4_EXT_TYPE_MN_FA) {
    note_mn_fa(seen);
  }
  return 0;
}

static int decode_nai(mipfb_mip4_ext *e, const uint8_t *b, size_t len, size_t off, mip4_seen *seen,
                      mipfb_diag *diag) {
  int rv;
  e->kind = MIPFB_MIP4_EXT_NAI;
  if (len == 0) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_LENGTH, off + 1, "MN-NAI extension: the NAI MUST NOT be empty (RFC 2794 2)");
  }
  e->u.nai = span(b, len);
  rv = check_before_mn_ha(seen, off, diag);
  return rv < 0 ? rv : check_nai(seen, off, diag);
}

/* The extensions from `pos` to `end` (base: the message's first octet, for
   offsets). The cursor is a pair of local pointers: each extension's header
   and body are bounds-checked once, with the left-over count. */
static int decode_exts(mipfb_mip4_msg *m, mipfb_mip4_ext *ext, size_t cap, const uint8_t *base, const uint8_t *pos,
                       const uint8_t *end, const mipfb_codepoints *cp, mipfb_diag *diag) {
  mip4_seen seen = {0};
  size_t n = 0;
  while (pos != end) {
    const size_t left = (size_t)(end - pos), off = (size_t)(pos - base);
    const uint8_t type = pos[0], *b;
    mipfb_mip4_ext *e;
    size_t len;
    int rv;
    if (n == cap) {
      return mipfb_fail(diag, MIPFB_ERR_NOBUF, off, "more extensions than the caller's array holds");
    }
    e = &ext[n];
    e->offset = off;
    e->type = type;
    if (type == cp->mip4_ext_multipath) {
      /* Type 154, long format (RFC 5944 1.10): Type Sub-Type Length(16) Data (errata E-2) */
      uint8_t sub;
      if (left < 4) {
        return mipfb_fail(diag, MIPFB_ERR_TRUNCATED, left < 2 ? off + 1 : off + 2,
                          "Type 154 extension: header (Type, Subtype, 16-bit Length) truncated");
      }
      len = mipfb_ld_be16(pos + 2);
      if (left - 4 < len) {
        return mipfb_fail(diag, MIPFB_ERR_TRUNCATED, off + 2,
                          "Type 154 extension: Length runs past the end of the message");
      }
      sub = pos[1];
      b = pos + 4;
      pos = b + len;
      if (sub == cp->mip4_sub_multipath) {
        rv = decode_multipath(e, b, len, off, &seen, m, cp, diag);
      } else if (sub == cp->mip4_sub_flow_binding) {
        rv = decode_flow_binding(e, b, len, off, &seen, cp, diag);
      } else {
        return mipfb_fail(diag, MIPFB_ERR_UNKNOWN_NONSKIPPABLE, off + 1,
                          "Type 154 extension: unknown Subtype of a non-skippable extension (RFC 7629 7)");
      }
    } else {
      /* simple (RFC 5944 1.9) and short (1.11) formats: Type, 8-bit Length;
         the kind first, as an unknown non-skippable Type fails before its
         Length is looked at */
      mipfb_mip4_ext_kind kind;
      if (cp->mip4_ext_mtunnel != 0 && type == cp->mip4_ext_mtunnel) {
        kind = MIPFB_MIP4_EXT_MTUNNEL;
      } else if (type == MIPFB_MIP4_EXT_TYPE_MN_HA || type == MIPFB_MIP4_EXT_TYPE_MN_FA ||
                 type == MIPFB_MIP4_EXT_TYPE_FA_HA) {
        kind = MIPFB_MIP4_EXT_MN_HA_AUTH; /* one of the three */
      } else if (type == MIPFB_MIP4_EXT_TYPE_NAI) {
        kind = MIPFB_MIP4_EXT_NAI;
      } else if (type < 128) {
        return mipfb_fail(diag, MIPFB_ERR_UNKNOWN_NONSKIPPABLE, off,
                          "unknown extension Type 0..127 (non-skippable): the message MUST be discarded "
                          "(RFC 5944 1.9)");
      } else {
        kind = MIPFB_MIP4_EXT_UNKNOWN;
      }
      if (left < 2) {
        return mipfb_fail(diag, MIPFB_ERR_TRUNCATED, off + 1, "extension: Length octet missing");
      }
      len = pos[1];
      if (left - 2 < len) {
        return mipfb_fail(diag, MIPFB_ERR_TRUNCATED, off + 1, "extension: Length runs past the end of the message");
      }
      b = pos + 2;
      pos = b + len;
      if (kind == MIPFB_MIP4_EXT_MN_HA_AUTH) {
        rv = decode_auth(e, type, b, len, off, &seen, diag);
      } else if (kind == MIPFB_MIP4_EXT_MTUNNEL) {
        rv = decode_mtunnel(e, b, len, off, &seen, m, diag);
      } else if (kind == MIPFB_MIP4_EXT_NAI) {
        rv = decode_nai(e, b, len, off, &seen, diag);
      } else {
        /* skippable and not known here: reported, stepped over (RFC 5944 1.9) */
        e->kind = MIPFB_MIP4_EXT_UNKNOWN;
        e->u.unknown = span(b, len);
        rv = 0;
      }
    }
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
  size_t fixed;
  int rv;

  cp = mipfb_cp_or_default(cp); /* first: nothing else is live across the call yet */
  if (msg == NULL || (in == NULL && len != 0) || (ext == NULL && ext_cap != 0)) {
    return mipfb_fail(diag, MIPFB_ERR_INVALID_ARG, 0, "NULL argument");
  }
  if (len == 0) {
    return mipfb_fail(diag, MIPFB_ERR_TRUNCATED, 0, "message Type truncated");
  }
  msg->type = in[0];
  /* Type Flags|Code Lifetime(2) HoA(4) HA(4) [CoA(4)] Identification(8) */
  if (msg->type == MIPFB_MIP4_RRQ) {
    fixed = MIP4_RRQ_FIXED;
    if (len < fixed) {
      return mipfb_fail(diag, MIPFB_ERR_TRUNCATED, field_at(len),
                        "Registration Request: fixed part (24 octets) truncated");
    }
    msg->flags = in[1];
    msg->code = 0;
    msg->lifetime = mipfb_ld_be16(in + 2);
    msg->coa = mipfb_ld_be32(in + 12);
    msg->id = (uint64_t)mipfb_ld_be32(in + 16) << 32 | mipfb_ld_be32(in + 20);
  } else if (msg->type == MIPFB_MIP4_RRP) {
    fixed = MIP4_RRP_FIXED;
    if (len < fixed) {
      return mipfb_fail(diag, MIPFB_ERR_TRUNCATED, field_at(len), "Registration Reply: fixed part (20 octets) truncated");
    }
    msg->flags = 0;
    msg->code = in[1];
    msg->lifetime = mipfb_ld_be16(in + 2);
    msg->coa = 0;
    msg->id = (uint64_t)mipfb_ld_be32(in + 12) << 32 | mipfb_ld_be32(in + 16);
  } else {
    return mipfb_fail(diag, MIPFB_ERR_UNSUPPORTED, 0,
                      "message Type is neither Registration Request (1) nor Reply (3)");
  }
  msg->hoa = mipfb_ld_be32(in + 4);
  msg->ha = mipfb_ld_be32(in + 8);
  rv = mip4_check_fixed(msg, cp, diag);
  if (rv < 0) {
    return rv;
  }
  rv = decode_exts(msg, ext, ext_cap, in, in + fixed, in + len, cp, diag);
  if (rv < 0) {
    return rv;
  }
  return (mipfb_ssize)len;
}
