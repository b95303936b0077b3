/*
 * RFC 6089 flow binding options (wire.md 6.2): Flow Identification (45)
 * with its sub-options (Pad1, PadN with Len = N-2 per errata E-8, BID
 * Reference, Traffic Selector through the RFC 6088 codec, unknown ones
 * skipped) and Flow Summary (44). Parsing, and writing with the same
 * sub-option rules; the rules that need the whole message are in
 * mh_flow_rules.c.
 */
#include <mipfb/ts.h>

#include "../core/rd.h"
#include "codepoints_int.h"
#include "mh_int.h"

#define FID_FIXED 6 /* FID(2) FID-PRI(2) Reserved Status */
#define TS_HDR 2    /* TS Format, Reserved */

uint16_t mipfb_mh_bid_at(mipfb_vec list, size_t i) {
  if (list.base == NULL || i >= list.len / 2) {
    return 0;
  }
  return mipfb_ld_be16(list.base + 2 * i);
}

/* BID Reference data at MH offset `off`: one or more non-zero 16-bit BIDs. */
static int check_bids(const uint8_t *d, size_t n, size_t off, mipfb_diag *diag) {
  size_t i;
  if (n == 0 || n % 2 != 0) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_LENGTH, off - 1,
                      "Flow Identification option: BID Reference sub-option Len MUST be a non-zero multiple of 2 "
                      "(RFC 6089 4.2.2.2)");
  }
  for (i = 0; i < n; i += 2) {
    if (mipfb_ld_be16(d + i) == 0) {
      return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off + i,
                        "Flow Identification option: BID 0 is reserved in a BID Reference sub-option "
                        "(RFC 5648 6.1, RFC 6089 4.2.2.2)");
    }
  }
  return 0;
}

/* Traffic Selector selector of `format` at MH offset `off` (after TS Format
   and Reserved): RFC 6088 rules for formats 1 and 2; other non-zero formats
   are kept opaque (the receiver answers 133, TS format not supported). */
static int check_ts(uint8_t format, const uint8_t *d, size_t n, size_t off, mipfb_diag *diag) {
  mipfb_ts ts;
  mipfb_ssize r;
  if (format == MIPFB_TS_FORMAT_RESERVED) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off - TS_HDR,
                      "Flow Identification option: TS Format 0 is reserved (RFC 6089 4.2.2.3)");
  }
  if (format != MIPFB_TS_FORMAT_IPV4 && format != MIPFB_TS_FORMAT_IPV6) {
    return 0;
  }
  r = mipfb_ts_decode(&ts, format, d, n, off, diag);
  return r < 0 ? (int)r : 0;
}

/* The sub-option area `d`/`n` at MH offset `off` into f->bids, ts_format,
   ts. The views are kept in locals and stored at the end (f is
   unspecified on failure), so the stores cost no reloads of the input. */
static int parse_subs(mipfb_mh_flow_id *f, const uint8_t *d, size_t n, size_t off, mipfb_diag *diag) {
  const uint8_t *p = d, *end = d + n, *bids = NULL, *ts = NULL;
  size_t bids_len = 0, ts_len = 0;
  uint8_t ts_format = 0;
  while (p < end) {
    uint8_t type = p[0];
    size_t left = (size_t)(end - p), len;
    int rv;
    if (type == MIPFB_MH_FSUB_PAD1) {
      p++;
      continue;
    }
    if (left < 2 || left - 2 < p[1]) {
      return mipfb_fail(diag, MIPFB_ERR_TRUNCATED, off + (size_t)(p - d) + (left < 2 ? 0u : 1u),
                        "Flow Identification option: sub-option runs past the option (RFC 6089 4.2.2)");
    }
    len = p[1];
    if (type == MIPFB_MH_FSUB_BID_REF) {
      if (bids != NULL) {
        return mipfb_fail(diag, MIPFB_ERR_DUPLICATE, off + (size_t)(p - d),
                          "Flow Identification option: at most one BID Reference sub-option (RFC 6089 4.2.2.2)");
      }
      /* one or two BIDs, none 0, pass check_bids; it judges the rest */
      if (!((len == 2 || len == 4) && (p[2] | p[3]) != 0 && (len == 2 || (p[4] | p[5]) != 0))) {
        rv = check_bids(p + 2, len, off + (size_t)(p - d) + 2, diag);
        if (rv < 0) {
          return rv;
        }
      }
      bids = p + 2;
      bids_len = len;
    } else if (type == MIPFB_MH_FSUB_TS) {
      if (ts_format != 0) {
        return mipfb_fail(diag, MIPFB_ERR_DUPLICATE, off + (size_t)(p - d),
                          "Flow Identification option: at most one Traffic Selector sub-option (RFC 6089 4.2.2.3)");
      }
      if (len < TS_HDR) {
        return mipfb_fail(diag, MIPFB_ERR_BAD_LENGTH, off + (size_t)(p - d) + 1,
                          "Flow Identification option: Traffic Selector sub-option Len below 2 (RFC 6089 4.2.2.3)");
      }
      ts_format = p[2];
      rv = check_ts(ts_format, p + 4, len - TS_HDR, off + (size_t)(p - d) + 4, diag);
      if (rv < 0) {
        return rv;
      }
      ts = p + 4;
      ts_len = len - TS_HDR;
    }
    p += 2 + len; /* PadN and unknown sub-options skipped by Len */
  }
  f->bids.base = bids;
  f->bids.len = bids_len;
  f->ts_format = ts_format;
  f->ts.base = ts;
  f->ts.len = ts_len;
  return 0;
}

static int parse_summary(mipfb_mh_opt *o, const mipfb_mh_raw_opt *raw, mipfb_diag *diag) {
  if (raw->data.len == 0 || raw->data.len % 2 != 0) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_LENGTH, raw->offset + 1,
                      "Flow Summary option: Length MUST be a non-zero multiple of 2 (RFC 6089 4.2.3)");
  }
  o->u.flow_summary = raw->data;
  return 0;
}

int mh_flow_id_parse(mipfb_mh_flow_id *f, const uint8_t *d, size_t n, size_t off, mipfb_diag *diag) {
  if (n < FID_FIXED) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_LENGTH, off + 1,
                      "Flow Identification option: Length MUST be at least 6 (RFC 6089 4.2.2)");
  }
  f->fid = mipfb_ld_be16(d);
  f->pri = mipfb_ld_be16(d + 2);
  f->status = d[5];
  f->subs.base = d + FID_FIXED;
  f->subs.len = n - FID_FIXED;
  return parse_subs(f, d + FID_FIXED, n - FID_FIXED, off + 2 + FID_FIXED, diag);
}

int mh_flow_parse(mipfb_mh_opt *o, const mipfb_mh_raw_opt *raw, mipfb_diag *diag) {
  if (o->kind == MIPFB_MH_OPT_FLOW_SUMMARY) {
    return parse_summary(o, raw, diag);
  }
  return mh_flow_id_parse(&o->u.flow_id, raw->data.base, raw->data.len, raw->offset, diag);
}

static int bad_arg(mipfb_wr *w, const char *detail, mipfb_diag *diag) {
  return mipfb_fail(diag, MIPFB_ERR_INVALID_ARG, w->len, detail);
}

/* Sub-options of f at the writer's position: verbatim, or built. */
static int write_subs(mipfb_wr *w, const mipfb_mh_flow_id *f, mipfb_diag *diag) {
  int rv;
  if (f->subs.base != NULL) {
    mipfb_mh_flow_id tmp;
    rv = parse_subs(&tmp, f->subs.base, f->subs.len, w->len, diag);
    if (rv == 0) {
      mipfb_wr_bytes(w, f->subs.base, f->subs.len);
    }
    return rv;
  }
  if (f->bids.len != 0) {
    if (f->bids.base == NULL || f->bids.len > 255) {
      return bad_arg(w, "Flow Identification option: NULL or over-long BID list", diag);
    }
    rv = check_bids(f->bids.base, f->bids.len, w->len + 2, diag);
    if (rv < 0) {
      return rv;
    }
    mipfb_wr_u8(w, MIPFB_MH_FSUB_BID_REF);
    mipfb_wr_u8(w, (unsigned)f->bids.len);
    mipfb_wr_bytes(w, f->bids.base, f->bids.len);
  }
  if (f->ts_format != 0 || f->ts.len != 0) {
    if ((f->ts.base == NULL && f->ts.len != 0) || f->ts.len > 255 - TS_HDR) {
      return bad_arg(w, "Flow Identification option: NULL or over-long traffic selector", diag);
    }
    mh_pad(w, (4 - w->len % 4) % 4); /* selector's 32-bit fields at 4n */
    rv = check_ts(f->ts_format, f->ts.base, f->ts.len, w->len + 4, diag);
    if (rv < 0) {
      return rv;
    }
    mipfb_wr_u8(w, MIPFB_MH_FSUB_TS);
    mipfb_wr_u8(w, (unsigned)(f->ts.len + TS_HDR));
    mipfb_wr_u8(w, f->ts_format);
    mipfb_wr_u8(w, 0);
    mipfb_wr_bytes(w, f->ts.base, f->ts.len);
  }
  return 0;
}

int mh_flow_write(mipfb_wr *w, const mipfb_mh_opt *o, const mipfb_codepoints *cp, mipfb_diag *diag) {
  size_t start;
  int rv;
  cp = mipfb_cp_or_default(cp);
  mh_pad(w, w->len % 2); /* 2n (RFC 6089 4.2.2, 4.2.3) */
  start = w->len;
  if (o->kind == MIPFB_MH_OPT_FLOW_SUMMARY) {
    const mipfb_vec *s = &o->u.flow_summary;
    if (s->base == NULL || s->len == 0 || s->len % 2 != 0 || s->len > 254) {
      return bad_arg(w, "Flow Summary option: 1 to 127 FIDs", diag);
    }
    mipfb_wr_u8(w, cp->mh_opt_flow_summary);
    mipfb_wr_u8(w, (unsigned)s->len);
    mipfb_wr_bytes(w, s->base, s->len);
    return 0;
  }
  mipfb_wr_u8(w, cp->mh_opt_flow_id);
  mipfb_wr_u8(w, 0); /* Option Len, back-filled */
  mipfb_wr_be16(w, o->u.flow_id.fid);
  mipfb_wr_be16(w, o->u.flow_id.pri);
  mipfb_wr_u8(w, 0);
  mipfb_wr_u8(w, o->u.flow_id.status);
  rv = write_subs(w, &o->u.flow_id, diag);
  if (rv < 0) {
    return rv;
  }
  if (w->len - start - 2 > 255) {
    return mipfb_fail(diag, MIPFB_ERR_INVALID_ARG, start, "mobility option: data longer than 255 octets");
  }
  mipfb_wr_patch_u8(w, start + 1, (unsigned)(w->len - start - 2));
  return 0;
}
