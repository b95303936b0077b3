/*
 * Mobility Header decoder (RFC 6275 6.1, 9.2; wire.md 4.1, 4.3, 4.7): the
 * header, the fixed parts of BRR, BU, BA and BE, then the options in one
 * pass that frames them as the iterator of mh_opt.c does, parses them
 * (mh_opt_parse) and applies their rules (mh_opt_check), with short paths
 * for the Binding Identifier and Flow Identification options.
 */
#include <string.h>

#include "../core/rd.h"
#include "codepoints_int.h"
#include "mh_int.h"

/* Minimum Header Len of each type: 8 x (min + 1) covers header and fixed part. */
size_t mh_opts_start(uint8_t type) {
  switch (type) {
  case MIPFB_MH_BRR:
    return 8;
  case MIPFB_MH_BU:
  case MIPFB_MH_BA:
    return 12;
  case MIPFB_MH_BE:
    return 24;
  default:
    return 0;
  }
}

static void fixed_part(mipfb_mh_msg *m, const uint8_t *p) {
  m->seq = 0;
  m->flags = 0;
  m->lifetime = 0;
  m->status = 0;
  memset(m->hoa, 0, sizeof m->hoa);
  switch (m->type) {
  case MIPFB_MH_BU: /* Seq(2) Flags(2) Lifetime(2) */
    m->seq = mipfb_ld_be16(p + 6);
    m->flags = mipfb_ld_be16(p + 8);
    m->lifetime = mipfb_ld_be16(p + 10);
    break;
  case MIPFB_MH_BA: /* Status Flags Seq(2) Lifetime(2) */
    m->status = p[6];
    m->flags = p[7];
    m->seq = mipfb_ld_be16(p + 8);
    m->lifetime = mipfb_ld_be16(p + 10);
    break;
  case MIPFB_MH_BE: /* Status Reserved HoA(16) */
    m->status = p[6];
    memcpy(m->hoa, p + 8, 16);
    break;
  default: /* BRR: Reserved(2) */
    break;
  }
}

/* What the short path of the Binding Identifier option may accept in a
   message: the option's H flag, an IPv6 CoA, an IPv4 CoA (check_bid). */
enum { BID_H_OK = 1, BID_V6_OK = 2, BID_V4_OK = 4 };

/* The Binding Identifier option at `q` with Option Data Length `n` (4, 8
   or 20) into `o`, as mh_opt_parse does it. Returns 1 when a conservative
   test shows that check_bid passes it: BID not 0, H and the CoA family
   allowed by `rules` (BID_*_OK), a CoA whose first octet alone shows it is
   unicast-routable (not_routable); else 0, and mh_opt_check decides.
   Everything is read before anything is stored, so the stores (which may
   alias the input) cost no reloads. */
static int parse_bid(mipfb_mh_opt *o, const uint8_t *q, size_t n, size_t off, unsigned rules) {
  mipfb_mh_bid *b = &o->u.bid;
  uint8_t t = q[0], st = q[4], fl = q[5];
  uint16_t bid = mipfb_ld_be16(q + 2);
  int ok = bid != 0 && ((fl & MIPFB_MH_BID_H) == 0 || (rules & BID_H_OK) != 0);
  if (n == 20) {
    uint8_t coa[16];
    memcpy(coa, q + 6, 16);
    ok = ok && (rules & BID_V6_OK) != 0 && coa[0] != 0 && coa[0] != 0xff;
    memcpy(b->coa.bytes, coa, 16);
    b->coa.family = MIPFB_AF_INET6;
  } else if (n == 8) {
    uint8_t coa[4];
    memcpy(coa, q + 6, 4);
    ok = ok && (rules & BID_V4_OK) != 0 && coa[0] != 0 && coa[0] != 127 && coa[0] < 224;
    memcpy(b->coa.bytes, coa, 4);
    memset(b->coa.bytes + 4, 0, 12);
    b->coa.family = MIPFB_AF_INET4;
  } else {
    memset(&b->coa, 0, sizeof b->coa);
  }
  o->kind = MIPFB_MH_OPT_BID;
  o->type = t;
  o->offset = off;
  b->bid = bid;
  b->status = st;
  b->h = (uint8_t)(fl >> 7);
  b->pri = (uint8_t)(fl & MIPFB_MH_BID_PRI);
  return ok;
}

/* A quick pass over the rules of mh_flow_check for the Flow
   Identification option `o` parsed after the options `first` .. `o` (FID
   and FID-PRI not 0 and not repeated): 1 when they pass, else 0 and
   mh_flow_check decides and reports. */
static int flow_id_ok(const mipfb_mh_opt *first, const mipfb_mh_opt *o) {
  uint16_t fid = o->u.flow_id.fid, pri = o->u.flow_id.pri;
  if (fid == 0 || pri == 0) {
    return 0;
  }
  for (; first != o; first++) {
    if (first->kind == MIPFB_MH_OPT_FLOW_ID && (first->u.flow_id.fid == fid || first->u.flow_id.pri == pri)) {
      return 0;
    }
  }
  return 1;
}

/* One pass over the options: framing (as mipfb_mh_opt_next: Pad1 and PadN
   skipped, Length within the message), body (mh_opt_parse) and rules
   (mh_opt_check) of each, in that order. The Binding Identifier and
   RFC 6089 Flow Identification options, the bulk of a multi-CoA or
   flow-binding BU, take a short path with the same result and the same
   diagnostics: the body is parsed here or by mh_flow_id_parse, and
   mh_opt_check (for a Flow Identification option the part of it that can
   still fail, mh_flow_check) runs only when a quick test cannot show that
   it would pass. The short paths need not test for Binding
   Authorization Data before the option (the first rule of mh_opt_check
   after the kind's): once it is seen, the loop ends or fails. */
static int parse_opts(mipfb_mh_msg *m, mipfb_mh_opt *opt, size_t cap, const uint8_t *p, size_t total,
                      const mipfb_codepoints *cp, mipfb_diag *diag) {
  mh_seen seen = {0};
  const uint8_t *q = p + mh_opts_start(m->type), *end = p + total;
  mipfb_mh_opt *o = opt, *o_end = opt + cap, *first_flow = NULL;
  unsigned type_bit = 1u << m->type;
  int is_bu = m->type == MIPFB_MH_BU;
  int home = is_bu && (m->flags & MIPFB_MH_BU_H) != 0;
  unsigned bid_rules = (!is_bu || home ? BID_H_OK : 0u) | (is_bu ? BID_V6_OK : 0u) | (home ? BID_V4_OK : 0u);
  int units8 = (cp->options & MIPFB_CP_FLOWID_LEN_UNITS8) != 0 && cp->profile == MIPFB_PROFILE_DRAFT &&
               cp->mh_opt_flow_id != 0;
  /* Option types of the short paths (Pad1, type 0, for none: it never
     gets that far): only where the message may carry the option
     (allowed_in), and not where mh_opt_parse would read the option
     otherwise (the draft units8 rule; the BID type winning over the Flow
     Identification type; the draft profile's layout). */
  uint8_t t_bid = (type_bit & (1u << MIPFB_MH_BU | 1u << MIPFB_MH_BA | 1u << MIPFB_MH_BRR)) == 0 ||
                          (units8 && cp->mh_opt_bid == cp->mh_opt_flow_id)
                      ? MIPFB_MH_OPT_PAD1
                      : cp->mh_opt_bid;
  uint8_t t_flow = (type_bit & (1u << MIPFB_MH_BU | 1u << MIPFB_MH_BA)) != 0 &&
                           cp->profile != MIPFB_PROFILE_DRAFT && cp->mh_opt_flow_id != cp->mh_opt_bid
                       ? cp->mh_opt_flow_id
                       : MIPFB_MH_OPT_PAD1;
  while (q < end) {
    const uint8_t *next;
    size_t left, len, pos;
    uint8_t t = q[0];
    int rv = 0;
    if (t == MIPFB_MH_OPT_PAD1) {
      q++;
      continue;
    }
    left = (size_t)(end - q);
    if (left < 2) {
      return mipfb_fail(diag, MIPFB_ERR_TRUNCATED, (size_t)(q - p),
                        "mobility option: Length octet past the end of the message (RFC 6275 6.2.1)");
    }
    len = q[1];
    if (left - 2 < len) {
      return mipfb_fail(diag, MIPFB_ERR_TRUNCATED, (size_t)(q - p) + 1,
                        "mobility option: Length runs past the end of the message (RFC 6275 6.2.1, "
                        "wire.md 4.5)");
    }
    next = q + 2 + len;
    if (t == MIPFB_MH_OPT_PADN) {
      q = next;
      continue;
    }
    pos = (size_t)(q - p);
    if (o == o_end) {
      return mipfb_fail(diag, MIPFB_ERR_NOBUF, pos, "more options than the caller's array holds");
    }
    if (t == t_bid && (len == 20 || len == 8 || len == 4)) {
      if (!parse_bid(o, q, len, pos, bid_rules)) {
        seen.prev = opt;
        seen.n_prev = (size_t)(o - opt);
        rv = mh_opt_check(&seen, m, o, pos, cp, diag);
      }
    } else if (t == t_flow) {
      /* what mh_opt_check would come to is mh_flow_check; options before
         the first Flow Identification option cannot clash */
      if (first_flow == NULL) {
        first_flow = o;
      }
      o->kind = MIPFB_MH_OPT_FLOW_ID;
      o->type = t;
      o->offset = pos;
      rv = mh_flow_id_parse(&o->u.flow_id, q + 2, len, pos, diag);
      if (rv == 0 && !flow_id_ok(first_flow, o)) {
        seen.prev = first_flow;
        seen.n_prev = (size_t)(o - first_flow);
        rv = mh_flow_check(&seen, m, o, pos, diag);
      }
    } else {
      mipfb_mh_raw_opt raw;
      raw.type = t;
      raw.offset = pos;
      raw.data.base = q + 2;
      raw.data.len = len;
      if (units8 && t == cp->mh_opt_flow_id) {
        mipfb_mh_opt_iter it;
        mipfb_mh_opt_iter_init(&it, p, (size_t)(next - p), total);
        rv = mh_flow_draft_units8(&it, &raw, diag);
        next = p + it.pos;
      }
      if (rv == 0) {
        rv = mh_opt_parse(o, &raw, cp, diag);
      }
      if (rv == 0) {
        seen.prev = opt;
        seen.n_prev = (size_t)(o - opt);
        rv = mh_opt_check(&seen, m, o, pos, cp, diag);
      }
      if (rv < 0) {
        return rv;
      }
      if (seen.auth && next != end) { /* only this path meets the option */
        return mipfb_fail(diag, MIPFB_ERR_BAD_ORDER, (size_t)(next - p),
                          "Binding Authorization Data option MUST be last, with no padding after it "
                          "(RFC 6275 6.2.7)");
      }
      if (o->kind == MIPFB_MH_OPT_FLOW_ID && first_flow == NULL) {
        first_flow = o;
      }
    }
    if (rv < 0) {
      return rv;
    }
    q = next;
    o++;
  }
  m->opt = opt;
  m->n_opt = (size_t)(o - opt);
  return 0;
}

mipfb_ssize mipfb_mh_decode(mipfb_mh_msg *msg, mipfb_mh_opt *opt, size_t opt_cap, const uint8_t *in, size_t len,
                            const uint8_t *src, const uint8_t *dst, const mipfb_codepoints *cp,
                            mipfb_diag *diag) {
  size_t total, start;
  int rv;
  if (msg == NULL || (in == NULL && len != 0) || (opt == NULL && opt_cap != 0)) {
    return mipfb_fail(diag, MIPFB_ERR_INVALID_ARG, 0, "NULL argument");
  }
  cp = mipfb_cp_or_default(cp);
  if (len < 8) {
    return mipfb_fail(diag, MIPFB_ERR_TRUNCATED, len < 4 ? len : len < 6 ? 4 : 6,
                      "Mobility Header: fewer than 8 octets (RFC 6275 6.1.1)");
  }
  if (in[0] != MIPFB_MH_PAYLOAD_PROTO) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, 0,
                      "Mobility Header: Payload Proto MUST be 59 (IPPROTO_NONE) (RFC 6275 6.1.1, 9.2)");
  }
  total = 8 * ((size_t)in[1] + 1);
  msg->type = in[2];
  start = mh_opts_start(msg->type);
  if (start != 0 && total < start) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_LENGTH, 1,
                      "Mobility Header: Header Len below the minimum for the MH Type (RFC 6275 9.2, wire.md 4.3)");
  }
  if (len < total) {
    return mipfb_fail(diag, MIPFB_ERR_TRUNCATED, 1,
                      "Mobility Header: input shorter than Header Len declares (RFC 6275 6.1.1)");
  }
  msg->checksum = mipfb_ld_be16(in + MH_CKSUM_OFF);
  if (src != NULL && dst != NULL && mipfb_mh_checksum(in, total, src, dst) != msg->checksum) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_CHECKSUM, MH_CKSUM_OFF,
                      "Mobility Header: Checksum does not verify over the IPv6 pseudo-header (RFC 6275 6.1.1)");
  }
  if (start == 0) {
    /* Well framed (Header Len within the input, checksum verified when the
       addresses are given), of a type not decoded here. */
    return mipfb_fail(diag, MIPFB_ERR_UNSUPPORTED, 2,
                      "Mobility Header: MH Type not known here; RFC 6275 9.2: discard and send a Binding "
                      "Error with Status 2");
  }
  fixed_part(msg, in);
  rv = parse_opts(msg, opt, opt_cap, in, total, cp, diag);
  if (rv < 0) {
    return rv;
  }
  return (mipfb_ssize)total;
}

int mipfb_mh_bu_o_flag(const mipfb_mh_msg *msg, const mipfb_codepoints *cp) {
  cp = mipfb_cp_or_default(cp);
  return msg != NULL && msg->type == MIPFB_MH_BU && cp->mh_bu_flag_o != 0 && (msg->flags & MIPFB_MH_BU_P) == 0 &&
         (msg->flags & cp->mh_bu_flag_o) != 0;
}
