/*
 * draft-ietf-mext-flow-binding-00 Flow Identification option (wire.md 6.1)
 * with the fixes of errata E-10: a 16-bit FID at octets 3-4, Option Len in
 * octets, a Binding Reference sub-option (type 1) whose Sub-Opt Len counts
 * its own Type and Len octets and which carries 16-bit BIDs. Never parsed
 * with RFC 6089 sub-option rules. The option type is the code-point
 * table's mh_opt_flow_id in the draft profile.
 */
#include "../core/rd.h"
#include "codepoints_int.h"
#include "mh_int.h"

#define FD_FIXED 6 /* PRI FID(2) Action Status PRO|Res */

/* Binding Reference BIDs `b`/`n` at MH offset `off`: one or more 16-bit
   BIDs, none 0; `off` - 1 is the Sub-Opt Len octet. */
static int check_bids(const uint8_t *b, size_t n, size_t off, mipfb_diag *diag) {
  size_t i;
  if (n == 0 || n % 2 != 0) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_LENGTH, off - 1,
                      "draft-00 Binding Reference sub-option: one or more 16-bit BIDs (errata E-10)");
  }
  for (i = 0; i < n; i += 2) {
    if (mipfb_ld_be16(b + i) == 0) {
      return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off + i,
                        "draft-00 Binding Reference sub-option: BID 0 is reserved (errata E-12)");
    }
  }
  return 0;
}

/* Sub-options `d`/`n` at MH offset `off`: Binding Reference into *bids,
   others skipped by their header-inclusive Len. */
static int parse_subs(mipfb_vec *bids, const uint8_t *d, size_t n, size_t off, mipfb_diag *diag) {
  size_t pos = 0;
  bids->base = NULL;
  bids->len = 0;
  while (pos < n) {
    const uint8_t *p = d + pos;
    size_t len;
    if (n - pos < 2) {
      return mipfb_fail(diag, MIPFB_ERR_TRUNCATED, off + pos,
                        "draft-00 Flow Identification option: sub-option header past the option");
    }
    len = p[1];
    if (len < 2) {
      return mipfb_fail(diag, MIPFB_ERR_BAD_LENGTH, off + pos + 1,
                        "draft-00 Flow Identification option: Sub-Opt Len counts Type and Len, so at least 2 "
                        "(draft-ietf-mext-flow-binding-00, errata E-10)");
    }
    if (len > n - pos) {
      return mipfb_fail(diag, MIPFB_ERR_TRUNCATED, off + pos + 1,
                        "draft-00 Flow Identification option: sub-option runs past the option");
    }
    if (p[0] == MIPFB_MH_FDRAFT_BREF) {
      if (bids->base != NULL) {
        return mipfb_fail(diag, MIPFB_ERR_DUPLICATE, off + pos,
                          "draft-00 Flow Identification option: at most one Binding Reference sub-option");
      }
      int rv = check_bids(p + 2, len - 2, off + pos + 2, diag);
      if (rv < 0) {
        return rv;
      }
      bids->base = p + 2;
      bids->len = len - 2;
    }
    pos += len;
  }
  return 0;
}

int mh_flow_draft_parse(mipfb_mh_opt *o, const mipfb_mh_raw_opt *raw, mipfb_diag *diag) {
  mipfb_mh_flow_draft *f = &o->u.flow_draft;
  const uint8_t *d = raw->data.base;
  if (raw->data.len < FD_FIXED) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_LENGTH, raw->offset + 1,
                      "draft-00 Flow Identification option: Option Len at least 6 (fixed part of 8 octets; "
                      "errata E-10: Len in octets)");
  }
  f->pri = d[0];
  f->fid = mipfb_ld_be16(d + 1);
  f->action = d[3];
  f->status = d[4];
  f->pro = (uint8_t)(d[5] >> 4);
  f->subs.base = d + FD_FIXED;
  f->subs.len = raw->data.len - FD_FIXED;
  return parse_subs(&f->bids, f->subs.base, f->subs.len, raw->offset + 2 + FD_FIXED, diag);
}

int mh_flow_draft_write(mipfb_wr *w, const mipfb_mh_opt *o, const mipfb_codepoints *cp, mipfb_diag *diag) {
  const mipfb_mh_flow_draft *f = &o->u.flow_draft;
  size_t start;
  int rv;
  cp = mipfb_cp_or_default(cp);
  mh_pad(w, w->len % 2); /* 2n: the BIDs of the sub-option land on even offsets */
  start = w->len;
  mipfb_wr_u8(w, cp->mh_opt_flow_id);
  mipfb_wr_u8(w, 0); /* Option Len, back-filled */
  mipfb_wr_u8(w, f->pri);
  mipfb_wr_be16(w, f->fid);
  mipfb_wr_u8(w, f->action);
  mipfb_wr_u8(w, f->status);
  mipfb_wr_u8(w, (unsigned)(f->pro & 0x0fu) << 4);
  if (f->subs.base != NULL) {
    mipfb_vec bids;
    rv = parse_subs(&bids, f->subs.base, f->subs.len, w->len, diag);
    if (rv < 0) {
      return rv;
    }
    mipfb_wr_bytes(w, f->subs.base, f->subs.len);
  } else if (f->bids.len != 0) {
    if (f->bids.base == NULL || f->bids.len > 253) {
      return mipfb_fail(diag, MIPFB_ERR_INVALID_ARG, w->len,
                        "draft-00 Flow Identification option: NULL or over-long BID list");
    }
    rv = check_bids(f->bids.base, f->bids.len, w->len + 2, diag);
    if (rv < 0) {
      return rv;
    }
    mipfb_wr_u8(w, MIPFB_MH_FDRAFT_BREF);
    mipfb_wr_u8(w, (unsigned)(f->bids.len + 2));
    mipfb_wr_bytes(w, f->bids.base, f->bids.len);
  }
  if (w->len - start - 2 > 255) {
    return mipfb_fail(diag, MIPFB_ERR_INVALID_ARG, start, "mobility option: data longer than 255 octets");
  }
  mipfb_wr_patch_u8(w, start + 1, (unsigned)(w->len - start - 2));
  return 0;
}

int mh_flow_draft_units8(mipfb_mh_opt_iter *it, mipfb_mh_raw_opt *raw, mipfb_diag *diag) {
  size_t units = raw->data.len; /* the iterator read Len as octets */
  if (units == 0) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_LENGTH, raw->offset + 1,
                      "draft-00 Flow Identification option: Option Len 0 in 8-octet units (errata E-10)");
  }
  if (it->end - raw->offset < 8 * units) {
    return mipfb_fail(diag, MIPFB_ERR_TRUNCATED, raw->offset + 1,
                      "draft-00 Flow Identification option: Option Len (8-octet units) runs past the message");
  }
  raw->data.len = 8 * units - 2;
  it->pos = raw->offset + 8 * units;
  return 0;
}
