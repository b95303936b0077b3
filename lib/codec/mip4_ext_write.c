/*
 * MIPv4 registration extension writer (the encoder's half of
 * mip4_ext_parse.c); the HMAC-MD5 authenticator is computed over what the
 * writer holds when the extension carries a key (RFC 5944 3.5.1).
 */
#include "mip4_ext.h"

static int write_tlv(mipfb_wr *w, uint8_t type, mipfb_vec data, const char *what, mipfb_diag *diag) {
  if (data.len > 255) {
    return mipfb_fail(diag, MIPFB_ERR_INVALID_ARG, w->len, what);
  }
  mipfb_wr_u8(w, type);
  mipfb_wr_u8(w, (unsigned)data.len);
  mipfb_wr_bytes(w, data.base, data.len);
  return 0;
}

static int write_flow_binding(mipfb_wr *w, const mipfb_mip4_flow_binding *fb, const mipfb_codepoints *cp,
                              mipfb_diag *diag) {
  size_t len_at;
  mipfb_ssize ts_len;
  uint8_t *p;
  int rv = mipfb_ts_check(&fb->ts, diag);
  if (rv < 0) {
    if (diag != NULL) {
      diag->offset = w->len + FB_BIDS + fb->bid_count + 1;
    }
    return rv;
  }
  ts_len = mipfb_ts_encoded_len(&fb->ts);
  mipfb_wr_u8(w, cp->mip4_ext_multipath);
  mipfb_wr_u8(w, cp->mip4_sub_flow_binding);
  len_at = mipfb_wr_reserve(w, 2);
  mipfb_wr_u8(w, fb->action);
  mipfb_wr_u8(w, fb->bid_count);
  mipfb_wr_bytes(w, fb->bids, fb->bid_count);
  mipfb_wr_u8(w, fb->ts.format);
  p = mipfb_wr_take(w, (size_t)ts_len);
  if (p != NULL) {
    (void)mipfb_ts_encode(p, (size_t)ts_len, &fb->ts);
  }
  mipfb_wr_patch_be16(w, len_at, (unsigned)(w->len - len_at - 2));
  return 0;
}

static int write_auth(mipfb_wr *w, const mipfb_mip4_ext *e, mipfb_diag *diag) {
  const mipfb_mip4_auth *a = &e->u.auth;
  size_t alen = a->key ? MIPFB_MD5_LEN : a->authenticator.len;
  uint8_t *p;
  if (alen > 251) {
    return mipfb_fail(diag, MIPFB_ERR_INVALID_ARG, w->len, "authentication extension: authenticator over 251 octets");
  }
  mipfb_wr_u8(w, e->kind == MIPFB_MIP4_EXT_MN_HA_AUTH   ? MIPFB_MIP4_EXT_TYPE_MN_HA
                 : e->kind == MIPFB_MIP4_EXT_MN_FA_AUTH ? MIPFB_MIP4_EXT_TYPE_MN_FA
                                                        : MIPFB_MIP4_EXT_TYPE_FA_HA);
  mipfb_wr_u8(w, (unsigned)(4 + alen));
  mipfb_wr_be32(w, a->spi);
  if (a->key == NULL) {
    mipfb_wr_bytes(w, a->authenticator.base, alen);
    return 0;
  }
  /* RFC 5944 3.5.1: everything before the authenticator is covered */
  p = mipfb_wr_take(w, MIPFB_MD5_LEN);
  if (p != NULL) {
    mipfb_hmac_md5(a->key, mipfb_wr_data(w), w->len - MIPFB_MD5_LEN, p);
  }
  return 0;
}

int mip4_ext_write(mipfb_wr *w, const mipfb_mip4_ext *e, const mipfb_codepoints *cp, mipfb_diag *diag) {
  const mipfb_mip4_multipath *mp = &e->u.multipath;
  const mipfb_mip4_mtunnel *mt = &e->u.mtunnel;
  switch (e->kind) {
  case MIPFB_MIP4_EXT_MULTIPATH:
    mipfb_wr_u8(w, cp->mip4_ext_multipath);
    mipfb_wr_u8(w, cp->mip4_sub_multipath);
    mipfb_wr_be16(w, 4);
    mipfb_wr_u8(w, mp->if_att);
    mipfb_wr_u8(w, mp->if_label);
    mipfb_wr_u8(w, mp->bid);
    mipfb_wr_u8(w, (mp->b ? cp->mip4_mpath_flag_b : 0u) | (mp->o ? cp->mip4_mpath_flag_o : 0u));
    return 0;
  case MIPFB_MIP4_EXT_FLOW_BINDING:
    return write_flow_binding(w, &e->u.flow_binding, cp, diag);
  case MIPFB_MIP4_EXT_MTUNNEL:
    if (cp->mip4_ext_mtunnel == 0 || (mt->bw_len != 0 && mt->bw_len != 2 && mt->bw_len != 4) ||
        (mt->bw_len == 2 && mt->bandwidth > 0xFFFFu)) {
      return mipfb_fail(diag, MIPFB_ERR_INVALID_ARG, w->len,
                        "Multiple Tunnel Request: not recognised by the code-point table, or bandwidth "
                        "size not 0/2/4 octets or over its field");
    }
    mipfb_wr_u8(w, cp->mip4_ext_mtunnel);
    mipfb_wr_u8(w, 6u + mt->bw_len);
    mipfb_wr_u8(w, 0);
    mipfb_wr_u8(w, mt->if_type);
    mipfb_wr_be16(w, mt->bid);
    mipfb_wr_be16(w, (mt->b ? MT_B : 0u) | (mt->o ? MT_O : 0u));
    if (mt->bw_len == 4) {
      mipfb_wr_be32(w, mt->bandwidth);
    } else if (mt->bw_len == 2) {
      mipfb_wr_be16(w, (unsigned)mt->bandwidth);
    }
    return 0;
  case MIPFB_MIP4_EXT_MN_HA_AUTH:
  case MIPFB_MIP4_EXT_MN_FA_AUTH:
  case MIPFB_MIP4_EXT_FA_HA_AUTH:
    return write_auth(w, e, diag);
  case MIPFB_MIP4_EXT_NAI:
    if (e->u.nai.len == 0) {
      return mipfb_fail(diag, MIPFB_ERR_BAD_LENGTH, w->len, "MN-NAI extension: the NAI MUST NOT be empty (RFC 2794 2)");
    }
    return write_tlv(w, MIPFB_MIP4_EXT_TYPE_NAI, e->u.nai, "MN-NAI extension: NAI over 255 octets", diag);
  case MIPFB_MIP4_EXT_UNKNOWN:
    if (e->type < 128 || e->type == cp->mip4_ext_multipath) {
      return mipfb_fail(diag, MIPFB_ERR_UNKNOWN_NONSKIPPABLE, w->len,
                        "unknown extension: only skippable Types (128..255, not 154) can be sent as opaque data");
    }
    return write_tlv(w, e->type, e->u.unknown, "unknown extension: data over 255 octets", diag);
  default:
    return mipfb_fail(diag, MIPFB_ERR_INVALID_ARG, w->len, "unknown extension kind");
  }
}

