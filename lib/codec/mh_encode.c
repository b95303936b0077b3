/*
 * Mobility Header encoder (RFC 6275 6.1): header, fixed part, options with
 * their alignment padding (mh_opt_write.c), padding to 8 octets, Header Len
 * and checksum back-filled.
 */
#include "codepoints_int.h"
#include "mh_int.h"

static void write_fixed(mipfb_wr *w, const mipfb_mh_msg *m) {
  mipfb_wr_u8(w, MIPFB_MH_PAYLOAD_PROTO);
  mipfb_wr_u8(w, 0); /* Header Len, back-filled */
  mipfb_wr_u8(w, m->type);
  mipfb_wr_u8(w, 0);    /* Reserved */
  mipfb_wr_be16(w, 0);  /* Checksum, back-filled */
  switch (m->type) {
  case MIPFB_MH_BU:
    mipfb_wr_be16(w, m->seq);
    mipfb_wr_be16(w, m->flags);
    mipfb_wr_be16(w, m->lifetime);
    break;
  case MIPFB_MH_BA:
    mipfb_wr_u8(w, m->status);
    mipfb_wr_u8(w, m->flags & 0xffu);
    mipfb_wr_be16(w, m->seq);
    mipfb_wr_be16(w, m->lifetime);
    break;
  case MIPFB_MH_BE:
    mipfb_wr_u8(w, m->status);
    mipfb_wr_u8(w, 0);
    mipfb_wr_bytes(w, m->hoa, 16);
    break;
  default: /* BRR */
    mipfb_wr_be16(w, 0);
    break;
  }
}

static mipfb_ssize encode(mipfb_wr *w, const mipfb_mh_msg *msg, const uint8_t *src, const uint8_t *dst,
                          const mipfb_codepoints *cp, mipfb_diag *diag) {
  mh_seen seen = {0};
  size_t i;
  int rv;
  if (msg == NULL || (msg->opt == NULL && msg->n_opt != 0)) {
    return mipfb_fail(diag, MIPFB_ERR_INVALID_ARG, 0, "NULL argument");
  }
  if (mh_opts_start(msg->type) == 0) {
    return mipfb_fail(diag, MIPFB_ERR_INVALID_ARG, 2, "MH Type must be 0 (BRR), 5 (BU), 6 (BA) or 7 (BE)");
  }
  if (msg->type == MIPFB_MH_BA && msg->flags > 0xffu) {
    return mipfb_fail(diag, MIPFB_ERR_INVALID_ARG, 7, "Binding Acknowledgement: flags are one octet");
  }
  cp = mipfb_cp_or_default(cp);
  write_fixed(w, msg);
  for (i = 0; i < msg->n_opt; i++) {
    seen.prev = msg->opt;
    seen.n_prev = i;
    rv = mh_opt_check(&seen, msg, &msg->opt[i], w->len, cp, diag);
    if (rv == 0) {
      rv = mh_opt_write(w, &msg->opt[i], cp, diag);
    }
    if (rv < 0) {
      return rv;
    }
  }
  mh_pad(w, (8 - w->len % 8) % 8);
  if (w->len > MH_MAX_LEN) {
    return mipfb_fail(diag, MIPFB_ERR_INVALID_ARG, MH_MAX_LEN,
                      "Mobility Header longer than Header Len can express (2048 octets)");
  }
  mipfb_wr_patch_u8(w, 1, (unsigned)(w->len / 8 - 1));
  if (src != NULL && dst != NULL && !mipfb_wr_counting(w) && mipfb_wr_err(w) == 0) {
    mipfb_wr_patch_be16(w, MH_CKSUM_OFF, mipfb_mh_checksum(mipfb_wr_data(w), w->len, src, dst));
  }
  return mipfb_wr_result(w);
}

mipfb_ssize mipfb_mh_encode(uint8_t *out, size_t cap, const mipfb_mh_msg *msg, const uint8_t *src,
                            const uint8_t *dst, const mipfb_codepoints *cp, mipfb_diag *diag) {
  mipfb_wr w;
  mipfb_ssize rv;
  if (out == NULL && cap != 0) {
    return mipfb_fail(diag, MIPFB_ERR_INVALID_ARG, 0, "NULL output buffer");
  }
  mipfb_wr_init(&w, out, cap); /* NULL out: counts, so a valid message is reported as not fitting */
  rv = encode(&w, msg, src, dst, cp, diag);
  if (rv == MIPFB_ERR_NOBUF || (rv >= 0 && out == NULL)) {
    return mipfb_fail(diag, MIPFB_ERR_NOBUF, cap, "output buffer too small");
  }
  return rv;
}

mipfb_ssize mipfb_mh_encoded_len(const mipfb_mh_msg *msg, const mipfb_codepoints *cp) {
  mipfb_wr w;
  mipfb_wr_init(&w, NULL, 0);
  return encode(&w, msg, NULL, NULL, cp, NULL);
}
