/*
 * MIPv4 Registration Request / Reply encoder (RFC 5944 3.3, 3.4) and the
 * message helpers; the decoder is mip4_decode.c, extension bodies are
 * written by mip4_ext_write.c.
 */
#include <mipfb/mip4.h>

#include "../core/diag.h"
#include "../core/wr.h"
#include "codepoints_int.h"
#include "mip4_ext.h"

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
  rv = mip4_check_fixed(msg, cp, diag);
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
