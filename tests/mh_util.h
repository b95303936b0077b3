/* Helpers shared by the Mobility Header option suites (mh_flow_test.c,
   mh_pmip_test.c). */
#ifndef MIPFB_TESTS_MH_UTIL_H
#define MIPFB_TESTS_MH_UTIL_H

#include <mipfb/mipfb.h>

/* IPv6 source and destination of the pseudo-header in tests/vectors/mh.vec */
extern const uint8_t th_mh_src[16];
extern const uint8_t th_mh_dst[16];

/* A message of `type` with sequence 7 and the given flags, lifetime, options. */
mipfb_mh_msg th_mh_msg(uint8_t type, uint16_t flags, uint16_t lifetime, mipfb_mh_opt *o, size_t n);

/* Hex to octets; fails the test on bad hex. */
size_t th_mh_unhex(const char *hex, uint8_t *out, size_t cap);

/* Encode `m` into `buf` (checksum over th_mh_src/dst), check the length is a
   positive multiple of 8 equal to mipfb_mh_encoded_len, decode it back into
   `got`/`got_opt` and return the length. */
size_t th_mh_encode_decode(const mipfb_mh_msg *m, const mipfb_codepoints *cp, uint8_t *buf, size_t cap,
                           mipfb_mh_msg *got, mipfb_mh_opt *got_opt, size_t n_got);

/* Encode one option `o` in a message of `type` and lifetime; the result. */
int th_mh_encode_one(const mipfb_mh_opt *o, uint8_t type, uint16_t lifetime, const mipfb_codepoints *cp);

#endif /* MIPFB_TESTS_MH_UTIL_H */
