/*
 * Mobility option writer: each option after exactly the Pad1/PadN its
 * alignment rule xn+y needs (RFC 6275 6.2, wire.md 4.5 and 5.1), offsets
 * counted from the start of the Mobility Header.
 */
#include "codepoints_int.h"
#include "mh_int.h"

void mh_pad(mipfb_wr *w, size_t n) {
  if (n == 1) {
    mipfb_wr_u8(w, MIPFB_MH_OPT_PAD1);
  } else if (n >= 2) {
    mipfb_wr_u8(w, MIPFB_MH_OPT_PADN);
    mipfb_wr_u8(w, (unsigned)(n - 2));
    mipfb_wr_zero(w, n - 2);
  }
}

/* Option Data length of an option. */
static size_t body_len(const mipfb_mh_opt *o) {
  switch (o->kind) {
  case MIPFB_MH_OPT_REFRESH:
    return 2;
  case MIPFB_MH_OPT_ALT_COA:
    return 16;
  case MIPFB_MH_OPT_NONCE_IDX:
    return 4;
  case MIPFB_MH_OPT_AUTH_DATA:
    return o->u.auth.len;
  case MIPFB_MH_OPT_BID:
    return o->u.bid.coa.family == MIPFB_AF_INET6 ? 20u : o->u.bid.coa.family == MIPFB_AF_INET4 ? 8u : 4u;
  default:
    return o->u.unknown.len;
  }
}

/* The alignment xn+y of an option with `len` octets of data, as (x, y). */
static void alignment(const mipfb_mh_opt *o, size_t len, size_t *x, size_t *y) {
  *x = 8;
  switch (o->kind) {
  case MIPFB_MH_OPT_REFRESH:
  case MIPFB_MH_OPT_NONCE_IDX:
    *x = 2;
    *y = 0;
    return;
  case MIPFB_MH_OPT_ALT_COA:
    *y = 6;
    return;
  case MIPFB_MH_OPT_AUTH_DATA:
    /* last, no padding after it: end on an 8-octet boundary (8n+2 for 12 octets) */
    *y = (8 - (len + 2) % 8) % 8;
    return;
  case MIPFB_MH_OPT_BID:
    if (len == 4) {
      *x = 2;
      *y = 0;
    } else {
      *y = 2;
    }
    return;
  default:
    *x = 1;
    *y = 0;
    return;
  }
}

int mh_opt_write(mipfb_wr *w, const mipfb_mh_opt *o, const mipfb_codepoints *cp, mipfb_diag *diag) {
  size_t len = body_len(o), x, y;
  uint8_t type;
  cp = mipfb_cp_or_default(cp);
  if (o->kind == MIPFB_MH_OPT_FLOW_ID || o->kind == MIPFB_MH_OPT_FLOW_SUMMARY) {
    return mh_flow_write(w, o, cp, diag);
  }
  if (o->kind == MIPFB_MH_OPT_FLOW_ID_DRAFT) {
    return mh_flow_draft_write(w, o, cp, diag);
  }
  if (o->kind >= MIPFB_MH_OPT_MN_ID && o->kind <= MIPFB_MH_OPT_MAG_ID) {
    return mh_pmip_write(w, o, cp, diag);
  }
  if (len > 255) {
    return mipfb_fail(diag, MIPFB_ERR_INVALID_ARG, w->len, "mobility option: data longer than 255 octets");
  }
  if (len != 0 && ((o->kind == MIPFB_MH_OPT_AUTH_DATA && o->u.auth.base == NULL) ||
                   (o->kind == MIPFB_MH_OPT_UNKNOWN && o->u.unknown.base == NULL))) {
    return mipfb_fail(diag, MIPFB_ERR_INVALID_ARG, w->len, "mobility option: NULL data");
  }
  alignment(o, len, &x, &y);
  mh_pad(w, (y + x - w->len % x) % x);
  switch (o->kind) {
  case MIPFB_MH_OPT_REFRESH:
    type = MIPFB_MH_OPT_BRA;
    break;
  case MIPFB_MH_OPT_ALT_COA:
    type = MIPFB_MH_OPT_ACOA;
    break;
  case MIPFB_MH_OPT_NONCE_IDX:
    type = MIPFB_MH_OPT_NONCE;
    break;
  case MIPFB_MH_OPT_AUTH_DATA:
    type = MIPFB_MH_OPT_AUTH;
    break;
  case MIPFB_MH_OPT_BID:
    type = cp->mh_opt_bid;
    break;
  default:
    type = o->type;
    break;
  }
  mipfb_wr_u8(w, type);
  mipfb_wr_u8(w, (unsigned)len);
  switch (o->kind) {
  case MIPFB_MH_OPT_REFRESH:
    mipfb_wr_be16(w, o->u.refresh);
    break;
  case MIPFB_MH_OPT_ALT_COA:
    mipfb_wr_bytes(w, o->u.alt_coa, 16);
    break;
  case MIPFB_MH_OPT_NONCE_IDX:
    mipfb_wr_be16(w, o->u.nonce.home);
    mipfb_wr_be16(w, o->u.nonce.coa);
    break;
  case MIPFB_MH_OPT_BID:
    mipfb_wr_be16(w, o->u.bid.bid);
    mipfb_wr_u8(w, o->u.bid.status);
    mipfb_wr_u8(w, (o->u.bid.h ? MIPFB_MH_BID_H : 0u) | o->u.bid.pri);
    mipfb_wr_bytes(w, o->u.bid.coa.bytes, len - 4);
    break;
  case MIPFB_MH_OPT_AUTH_DATA:
    mipfb_wr_bytes(w, o->u.auth.base, len);
    break;
  default:
    mipfb_wr_bytes(w, o->u.unknown.base, len);
    break;
  }
  return 0;
}
