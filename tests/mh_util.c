/* Helpers shared by the Mobility Header option suites. */
#include <string.h>

#include "mh_util.h"
#include "test_helper.h"

const uint8_t th_mh_src[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01};
const uint8_t th_mh_dst[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x00};

mipfb_mh_msg th_mh_msg(uint8_t type, uint16_t flags, uint16_t lifetime, mipfb_mh_opt *o, size_t n) {
  mipfb_mh_msg m;
  memset(&m, 0, sizeof m);
  m.type = type;
  m.seq = 7;
  m.flags = flags;
  m.lifetime = lifetime;
  m.opt = o;
  m.n_opt = n;
  return m;
}

size_t th_mh_unhex(const char *hex, uint8_t *out, size_t cap) {
  long n = th_unhex(hex, out, cap);
  ck_assert_int_ge(n, 0);
  return (size_t)n;
}

size_t th_mh_encode_decode(const mipfb_mh_msg *m, const mipfb_codepoints *cp, uint8_t *buf, size_t cap,
                           mipfb_mh_msg *got, mipfb_mh_opt *got_opt, size_t n_got) {
  mipfb_ssize len = mipfb_mh_encode(buf, cap, m, th_mh_src, th_mh_dst, cp, NULL);
  ck_assert_int_gt(len, 0);
  ck_assert_int_eq(len % 8, 0);
  ck_assert_int_eq(mipfb_mh_encoded_len(m, cp), len);
  ck_assert_int_eq(mipfb_mh_decode(got, got_opt, n_got, buf, (size_t)len, th_mh_src, th_mh_dst, cp, NULL), len);
  return (size_t)len;
}

int th_mh_encode_one(const mipfb_mh_opt *o, uint8_t type, uint16_t lifetime, const mipfb_codepoints *cp) {
  static uint8_t out[512];
  mipfb_mh_opt copy = *o;
  uint16_t flags = type == MIPFB_MH_BU ? MIPFB_MH_BU_A | MIPFB_MH_BU_H | MIPFB_MH_BU_P
                                       : type == MIPFB_MH_BA ? MIPFB_MH_BA_P : 0;
  mipfb_mh_msg m = th_mh_msg(type, flags, lifetime, &copy, 1);
  return (int)mipfb_mh_encode(out, sizeof out, &m, NULL, NULL, cp, NULL);
}
