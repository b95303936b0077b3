/*
 * MIPv4 Registration Request / Reply framing (RFC 5944 3.3, 3.4) and the
 * extension list walk (RFC 5944 1.9-1.11); extension bodies in mip4_ext.c.
 */
#include <mipfb/mip4.h>

#include "../core/diag.h"
#include "../core/rd.h"
#include "../core/wr.h"
#include "mip4_ext.h"

#define RSV_FLAGS (MIPFB_MIP4_FLAG_R | MIPFB_MIP4_FLAG_X)

static const mipfb_codepoints *table(const mipfb_codepoints *cp, mipfb_codepoints *fallback) {
  if (cp != NULL) {
    return cp;
  }
  (void)mipfb_codepoints_default(fallback, MIPFB_PROFILE_RFC);
  return fallback;
}

static int check_fixed(const mipfb_mip4_msg *m, const mipfb_codepoints *cp, mipfb_diag *diag) {
  if (m->type == MIPFB_MIP4_RRQ && (cp->options & MIPFB_CP_STRICT_RESERVED) && (m->flags & RSV_FLAGS)) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, 1,
                      "Registration Request: reserved flag bits r/x MUST be 0 (RFC 5944 3.8.2.3, strict mode)");
  }
  return 0;
}

mipfb_ssize mipfb_mip4_decode(mipfb_mip4_msg *msg, mipfb_mip4_ext *ext, size_t ext_cap, const uint8_t *in,
                              size_t len, const mipfb_codepoints *cp, mipfb_diag *diag) {
  mipfb_codepoints defaults;
  mipfb_rd r;
  mip4_seen seen = {0};
  size_t n = 0;
  int rv;

  if (msg == NULL || (in == NULL && len != 0) || (ext == NULL && ext_cap != 0)) {
    return mipfb_fail(diag, MIPFB_ERR_INVALID_ARG, 0, "NULL argument");
  }
  cp = table(cp, &defaults);
  mipfb_rd_init(&r, in, len);

  msg->type = mipfb_rd_u8(&r);
  if (r.err == 0 && msg->type != MIPFB_MIP4_RRQ && msg->type != MIPFB_MIP4_RRP) {
    return mipfb_fail(diag, MIPFB_ERR_UNSUPPORTED, 0,
                      "message Type is neither Registration Request (1) nor Reply (3)");
  }
  if (msg->type == MIPFB_MIP4_RRQ) {
    msg->flags = mipfb_rd_u8(&r);
    msg->code = 0;
  } else {
    msg->code = mipfb_rd_u8(&r);
    msg->flags = 0;
  }
  msg->lifetime = mipfb_rd_be16(&r);
  msg->hoa = mipfb_rd_be32(&r);
  msg->ha = mipfb_rd_be32(&r);
  msg->coa = msg->type == MIPFB_MIP4_RRQ ? mipfb_rd_be32(&r) : 0;
  msg->id = mipfb_rd_be64(&r);
  if (r.err != 0) {
    return mipfb_fail(diag, MIPFB_ERR_TRUNCATED, r.err_off,
                      msg->type == MIPFB_MIP4_RRP ? "Registration Reply: fixed part (20 octets) truncated"
                                                  : "Registration Request: fixed part (24 octets) truncated");
  }
  rv = check_fixed(msg, cp, diag);
  if (rv < 0) {
    return rv;
  }

  while (mipfb_rd_left(&r) != 0) {
    mipfb_mip4_ext *e;
    if (n == ext_cap) {
      return mipfb_fail(diag, MIPFB_ERR_NOBUF, mipfb_rd_off(&r), "more extensions than the caller's array holds");
    }
    e = &ext[n];
    rv = mip4_ext_parse(e, &r, cp, diag);
    if (rv < 0) {
      return rv;
    }
    rv = mip4_ext_check(&seen, msg, e, e->offset, cp, diag);
    if (rv < 0) {
      return rv;
    }
    n++;
  }
  msg->ext = ext;
  msg->n_ext = n;
  return (mipfb_ssize)len;
}

static mipfb_ssize encode(mipfb_wr *w, const mipfb_mip4_msg *msg, const mipfb_codepoints *cp,
                          mipfb_diag *diag) {
  mipfb_codepoints defaults;
  mip4_seen seen = {0};
  size_t i;
  int rv;

  if (msg == NULL || (msg->ext == NULL && msg->n_ext != 0)) {
    return mipfb_fail(diag, MIPFB_ERR_INVALID_ARG, 0, "NULL argument");
  }
  if (msg->type != MIPFB_MIP4_RRQ && msg->type != MIPFB_MIP4_RRP) {
    return mipfb_fail(diag, MIPFB_ERR_INVALID_ARG, 0, "message type must be 1 (RRQ) or 3 (RRP)");
  }
  cp = table(cp, &defaults);
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
  mipfb_codepoints defaults;
  cp = table(cp, &defaults);
  /* 64..127 plus 194 (RFC 5944 3.4, errata E-17) */
  return (code >= 64 && code <= 127) || code == 194 || code == cp->mip4_code_mtunnel_denied_fa;
}
