/* The README example: build an RRQ with a Multipath extension and an
   HMAC-MD5 authenticator, then decode and verify it. */
#include <stdio.h>
#include <mipfb/mipfb.h>

int main(void) {
  mipfb_hmac_md5_key key;
  mipfb_mip4_ext ext[2] = {{.kind = MIPFB_MIP4_EXT_MULTIPATH}, {.kind = MIPFB_MIP4_EXT_MN_HA_AUTH}};
  mipfb_mip4_msg rrq = {MIPFB_MIP4_RRQ, MIPFB_MIP4_FLAG_T, 0, 1800, 0x0a000002, 0x0a000001,
                        0xc000020a, 0xe8fe6f8012345678ull, ext, 2};
  uint8_t pkt[256];
  mipfb_ssize n;
  mipfb_diag why;
  mipfb_mip4_msg got;
  mipfb_mip4_ext got_ext[8];

  mipfb_hmac_md5_key_init(&key, (const uint8_t *)"secret", 6);
  ext[0].u.multipath = (mipfb_mip4_multipath){.if_att = 4, .if_label = 1, .bid = 1};
  ext[1].u.auth = (mipfb_mip4_auth){.spi = 0x100, .key = &key};
  n = mipfb_mip4_encode(pkt, sizeof pkt, &rrq, NULL, &why);          /* RFC profile */
  if (n < 0 || mipfb_mip4_decode(&got, got_ext, 8, pkt, (size_t)n, NULL, &why) < 0) {
    fprintf(stderr, "%s at octet %zu: %s\n", mipfb_err_name((int)why.err), why.offset, why.detail);
    return 1;
  }
  printf("%zd octets, BID %u, auth %s\n", n, got_ext[0].u.multipath.bid,
         mipfb_mip4_auth_verify(pkt, (size_t)n, &got_ext[1], &key) == 0 ? "ok" : "bad");
  return 0;
}
