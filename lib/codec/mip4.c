/*
 * MIPv4 Registration Request / Reply framing (RFC 5944 3.3, 3.4) and the
 * extension list walk (RFC 5944 1.9-1.11); extensions in mip4_ext_parse.c and mip4_ext_write.c.
 */
#include <mipfb/mip4.h>

#include "../core/diag.h"
#include "../core/rd.h"
#include "../core/wr.h"
#include "codepoints_int.h"
#include "mip4_ext.h"

#define RSV_FLAGS (MIPFB_MIP4_FLAG_R | MIPFB_MIP4_FLAG_X)

#define MIP4_RRQ_FIXED 24
#define MIP4_RRP_FIXED 20

/* Where a fixed part cut short after len octets fails: the start of the
   field holding octet len (fields at 0, 1, 2, then every 4 octets, the
   Identification as two 32-bit halves). */
static size_t field_at(size_t len) { return len < 4 ? (len == 3 ? 2 : len) : len & ~(size_t)3; }

static int check_fixed(const mipfb_mip4_msg *m, const mipfb_codepoints *cp, mipfb_diag *diag) {
  if (m->type == MIPFB_MIP4_RRQ && (cp->options & MIPFB_CP_STRICT_RESERVED) && (m->flags & RSV_FLAGS)) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, 1,
                      "Registration Request: reserved flag bits r/x MUST be 0 (RFC 5944 3.8.2.3, strict mode)");
  }
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
  rv = check_fixed(msg, cp, diag);
  if (rv < 0) {
    return rv;
  }

  rv = mip4_ext_parse_all(msg, ext, ext_cap, &r, cp, diag);
  if (rv < 0) {
    return rv;
  }
  return (mipfb_ssize)len;
}

static mipfb_ssize encode(mipfb_wr *w, const mipfb_mip4_msg *msg, const mipfb_codepoints *cp,
                          mipfb_diag *diag) {
  mip4_seen seen = {0};
  size_t i;
  int rv;

  if (msg == NULL || (msg->ext == NULL && msg->n_ext != 0)) {
    return mipfb_fail(diag, MIPFB_ERR_INVALID_ARG, 0, "NULL argument");
  }
  if (msg->type != MIPFB_MIP4_RRQ && msg->type != MIPFB_MIP4_RRP) {
    return mipfb_fail(diag, MIPFB_ERR_INVALID_ARG, 0, "message type must be 1 (RRQ) or 3 (RRP)");
  }
  cp = mipfb_cp_or_default(cp);
  rv = check_fixed(msg, cp, diag);
  if (rv < 0) {
    return rv;
  }
  mipfb_wr_u8(w, msg->type);
  mipfb_wr_u8(w, msg->type == MIPFB_MIP4_RRQ ? msg->flags : msg->code);
  mipfb_wr_be16(w, msg->lifetime);
  mipfb_wr_be32(w, msg->hoa);
  mipfb_wr_be32(w, msg->ha);
  if (msg->type == MIPFB_MIP4_RRQ) {
    mipfb_wr_be32(w, msg->coa);
  }
  mipfb_wr_be64(w, msg->id);
  for (i = 0; i < msg->n_ext; i++) {
    const mipfb_mip4_ext *e = &msg->ext[i];
    rv = mip4_ext_check(&seen, msg, e, w->len, cp, diag);
    if (rv < 0) {
      return rv;
    }
    rv = mip4_ext_write(w, e, cp, diag);
    if (rv < 0) {
      return rv;
    }
  }
  return mipfb_wr_result(w);
}

mipfb_ssize mipfb_mip4_encode(uint8_t *out, size_t cap, const mipfb_mip4_msg *msg, const mipfb_codepoints *cp,
                              mipfb_diag *diag) {
  mipfb_wr w;
  mipfb_ssize rv;
  if (out == NULL && cap != 0) {
    return mipfb_fail(diag, MIPFB_ERR_INVALID_ARG, 0, "NULL output buffer");
  }
  if (out == NULL) {
    return mipfb_fail(diag, MIPFB_ERR_NOBUF, 0, "output buffer too small");
  }
  mipfb_wr_init(&w, out, cap);
  rv = encode(&w, msg, cp, diag);
  if (rv == MIPFB_ERR_NOBUF) {
    return mipfb_fail(diag, MIPFB_ERR_NOBUF, cap, "output buffer too small");
  }
  return rv;
}

mipfb_ssize mipfb_mip4_encoded_len(const mipfb_mip4_msg *msg, const mipfb_codepoints *cp) {
  mipfb_wr w;
  mipfb_wr_init(&w, NULL, 0);
  return encode(&w, msg, cp, NULL);
}

const mipfb_mip4_ext *mipfb_mip4_find(const mipfb_mip4_msg *msg, mipfb_mip4_ext_kind kind) {
  size_t i;
  if (msg == NULL || msg->ext == NULL) {
    return NULL;
  }
  for (i = 0; i < msg->n_ext; i++) {
    if (msg->ext[i].kind == kind) {
      return &msg->ext[i];
    }
  }
  return NULL;
}

int mipfb_mip4_code_is_fa(uint8_t code, const mipfb_codepoints *cp) {
  cp = mipfb_cp_or_default(cp);
  /* 64..127 plus 194 (RFC 5944 3.4, errata E-17) */
  return (code >= 64 && code <= 127) || code == 194 || code == cp->mip4_code_mtunnel_denied_fa;
}
