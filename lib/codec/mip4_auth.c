/* MN-HA / MN-FA / FA-HA authenticator verification (RFC 5944 3.5.1; wire.md 1.7). */
#include "mip4_ext.h"

static int is_auth(mipfb_mip4_ext_kind k) {
  return k == MIPFB_MIP4_EXT_MN_HA_AUTH || k == MIPFB_MIP4_EXT_MN_FA_AUTH ||
         k == MIPFB_MIP4_EXT_FA_HA_AUTH;
}

int mipfb_mip4_auth_verify(const uint8_t *in, size_t len, const mipfb_mip4_ext *auth,
                           const mipfb_hmac_md5_key *key) {
  uint8_t mac[MIPFB_MD5_LEN];
  const mipfb_vec *a;
  if (in == NULL || auth == NULL || key == NULL || !is_auth(auth->kind) || auth->offset > len ||
      len - auth->offset < AUTH_SPI_END) {
    return MIPFB_ERR_INVALID_ARG;
  }
  a = &auth->u.auth.authenticator;
  if (a->len != 0 && a->base != in + auth->offset + AUTH_SPI_END) {
    return MIPFB_ERR_INVALID_ARG;
  }
  if (a->len != MIPFB_MD5_LEN || len - auth->offset - AUTH_SPI_END < MIPFB_MD5_LEN) {
    return MIPFB_ERR_AUTH;
  }
  mipfb_hmac_md5(key, in, auth->offset + AUTH_SPI_END, mac);
  return mipfb_mac_equal(mac, a->base);
}
