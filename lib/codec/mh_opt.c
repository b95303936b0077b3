/*
 * Mobility option iterator (RFC 6275 6.2.1: Pad1, PadN, TLVs skipped by
 * Length) and the option body parser with its Length rules (wire.md 4.5,
 * 5.1, 5.2).
 */
#include "../core/rd.h"
#include "codepoints_int.h"
#include "mh_int.h"

void mipfb_mh_opt_iter_init(mipfb_mh_opt_iter *it, const uint8_t *mh, size_t start, size_t end) {
  it->mh = mh;
  it->pos = start;
  it->end = end;
}

int mipfb_mh_opt_next(mipfb_mh_opt_iter *it, mipfb_mh_raw_opt *opt, mipfb_diag *diag) {
  while (it->pos < it->end) {
    const uint8_t *p = it->mh + it->pos;
    size_t left = it->end - it->pos, n;
    if (p[0] == MIPFB_MH_OPT_PAD1) {
      it->pos++;
      continue;
    }
    if (left < 2) {
      return mipfb_fail(diag, MIPFB_ERR_TRUNCATED, it->pos,
                        "mobility option: Length octet past the end of the message (RFC 6275 6.2.1)");
    }
    n = p[1];
    if (left - 2 < n) {
      return mipfb_fail(diag, MIPFB_ERR_TRUNCATED, it->pos + 1,
                        "mobility option: Length runs past the end of the message (RFC 6275 6.2.1, "
                        "wire.md 4.5)");
    }
    opt->type = p[0];
    opt->offset = it->pos;
    opt->data.base = p + 2;
    opt->data.len = n;
    it->pos += 2 + n;
    if (opt->type != MIPFB_MH_OPT_PADN) {
      return 0;
    }
  }
  return MIPFB_ERR_EOF;
}

static int bad_len(const mipfb_mh_raw_opt *raw, const char *detail, mipfb_diag *diag) {
  return mipfb_fail(diag, MIPFB_ERR_BAD_LENGTH, raw->offset + 1, detail);
}

static int parse_bid(mipfb_mh_bid *b, const uint8_t *d, size_t n, const mipfb_mh_raw_opt *raw, mipfb_diag *diag) {
  if (n != 4 && n != 8 && n != 20) {
    return bad_len(raw, "Binding Identifier option: Length MUST be 4, 8 or 20, MCOA MALFORMED "
                        "(RFC 5648 6.1, wire.md 5.1)", diag);
  }
  b->bid = mipfb_ld_be16(d);
  b->status = d[2];
  b->h = (d[3] & MIPFB_MH_BID_H) != 0;
  b->pri = (uint8_t)(d[3] & MIPFB_MH_BID_PRI);
  memset(&b->coa, 0, sizeof b->coa);
  if (n != 4) {
    b->coa.family = n == 8 ? MIPFB_AF_INET4 : MIPFB_AF_INET6;
    memcpy(b->coa.bytes, d + 4, n - 4);
  }
  return 0;
}

int mh_opt_parse(mipfb_mh_opt *o, const mipfb_mh_raw_opt *raw, const mipfb_codepoints *cp, mipfb_diag *diag) {
  const uint8_t *d = raw->data.base;
  size_t n = raw->data.len;
  cp = mipfb_cp_or_default(cp);
  o->type = raw->type;
  o->offset = raw->offset;
  if (raw->type == cp->mh_opt_bid) {
    o->kind = MIPFB_MH_OPT_BID;
    return parse_bid(&o->u.bid, d, n, raw, diag);
  }
  if (raw->type == cp->mh_opt_flow_id && cp->mh_opt_flow_id != 0) {
    if (cp->profile == MIPFB_PROFILE_DRAFT) {
      o->kind = MIPFB_MH_OPT_FLOW_ID_DRAFT;
      return mh_flow_draft_parse(o, raw, diag);
    }
    o->kind = MIPFB_MH_OPT_FLOW_ID;
    return mh_flow_parse(o, raw, diag);
  }
  o->kind = mh_pmip_kind(raw->type, cp);
  if (o->kind != MIPFB_MH_OPT_UNKNOWN) {
    return mh_pmip_parse(o, raw, diag);
  }
  if (raw->type == cp->mh_opt_flow_summary && cp->mh_opt_flow_summary != 0) {
    o->kind = MIPFB_MH_OPT_FLOW_SUMMARY;
    return mh_flow_parse(o, raw, diag);
  }
  switch (raw->type) {
  case MIPFB_MH_OPT_BRA:
    o->kind = MIPFB_MH_OPT_REFRESH;
    if (n != 2) {
      return bad_len(raw, "Binding Refresh Advice option: Length MUST be 2 (RFC 6275 6.2.4)", diag);
    }
    o->u.refresh = mipfb_ld_be16(d);
    return 0;
  case MIPFB_MH_OPT_ACOA:
    o->kind = MIPFB_MH_OPT_ALT_COA;
    if (n != 16) {
      return bad_len(raw, "Alternate Care-of Address option: Length MUST be 16 (RFC 6275 6.2.5)", diag);
    }
    memcpy(o->u.alt_coa, d, 16);
    return 0;
  case MIPFB_MH_OPT_NONCE:
    o->kind = MIPFB_MH_OPT_NONCE_IDX;
    if (n != 4) {
      return bad_len(raw, "Nonce Indices option: Length MUST be 4 (RFC 6275 6.2.6)", diag);
    }
    o->u.nonce.home = mipfb_ld_be16(d);
    o->u.nonce.coa = mipfb_ld_be16(d + 2);
    return 0;
  case MIPFB_MH_OPT_AUTH:
    o->kind = MIPFB_MH_OPT_AUTH_DATA;
    o->u.auth = raw->data;
    return 0;
  default:
    o->kind = MIPFB_MH_OPT_UNKNOWN;
    o->u.unknown = raw->data;
    return 0;
  }
}
