/* MD5 (RFC 1321) and HMAC-MD5 (RFC 2104, vectors of RFC 2202). */
#include "test_helper.h"

#include <string.h>

#include <mipfb/err.h>
#include <mipfb/md5.h>

static void md5_oneshot(const void *data, size_t len, uint8_t out[MIPFB_MD5_LEN]) {
  mipfb_md5 ctx;
  mipfb_md5_init(&ctx);
  mipfb_md5_update(&ctx, data, len);
  mipfb_md5_final(&ctx, out);
}

static void assert_hex(const uint8_t *got, size_t len, const char *hex) {
  uint8_t want[64];
  long n = th_unhex(hex, want, sizeof want);
  ck_assert_int_eq(n, (long)len);
  ck_assert_mem_eq(got, want, len);
}

/* Deterministic test message: byte i = i*7+3. */
static void fill_msg(uint8_t *m, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) m[i] = (uint8_t)(i * 7u + 3u);
}

/* RFC 1321 appendix A.5: the seven test-suite strings. */
START_TEST(test_mipfb_md5_rfc1321_suite) {
  static const struct {
    const char *msg;
    const char *digest;
  } v[] = {
      {"", "d41d8cd98f00b204e9800998ecf8427e"},
      {"a", "0cc175b9c0f1b6a831c399e269772661"},
      {"abc", "900150983cd24fb0d6963f7d28e17f72"},
      {"message digest", "f96b697d7cb7938d525a2f31aaf161d0"},
      {"abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"},
      {"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
       "d174ab98d277d9f5a5611c2c9f419d9f"},
      {"12345678901234567890123456789012345678901234567890123456789012345678901234567890",
       "57edf4a22be3c955ac49da2e2107b67a"},
  };
  size_t i;
  for (i = 0; i < sizeof v / sizeof v[0]; i++) {
    uint8_t out[MIPFB_MD5_LEN];
    md5_oneshot(v[i].msg, strlen(v[i].msg), out);
    assert_hex(out, sizeof out, v[i].digest);
  }
}
END_TEST

/* RFC 1321 section 3.1: NULL data with length 0 is an empty update. */
START_TEST(test_mipfb_md5_empty_update_null) {
  mipfb_md5 ctx;
  uint8_t out[MIPFB_MD5_LEN];
  mipfb_md5_init(&ctx);
  mipfb_md5_update(&ctx, NULL, 0);
  mipfb_md5_update(&ctx, "abc", 3);
  mipfb_md5_update(&ctx, NULL, 0);
  mipfb_md5_final(&ctx, out);
  assert_hex(out, sizeof out, "900150983cd24fb0d6963f7d28e17f72");
}
END_TEST

/* RFC 1321 section 3.2: padding edge cases around the 56-octet length slot
   and the block boundary (references from an independent MD5). */
START_TEST(test_mipfb_md5_padding_lengths) {
  static const struct {
    size_t len;
    const char *digest;
  } v[] = {
      {55, "ef1772b6dff9a122358552954ad0df65"}, {56, "3b0c8ac703f828b04c6c197006d17218"},
      {63, "b06521f39153d618550606be297466d5"}, {64, "014842d480b571495a4a0363793f7367"},
      {65, "c743a45e0d2e6a95cb859adae0248435"},
  };
  uint8_t msg[65];
  size_t i;
  memset(msg, 'a', sizeof msg);
  for (i = 0; i < sizeof v / sizeof v[0]; i++) {
    uint8_t out[MIPFB_MD5_LEN];
    md5_oneshot(msg, v[i].len, out);
    assert_hex(out, sizeof out, v[i].digest);
  }
}
END_TEST

/* RFC 1321 section 3.4: block processing is independent of how the message
   is split across updates; every split point of a 200-octet message. */
START_TEST(test_mipfb_md5_incremental_every_split) {
  uint8_t msg[200];
  uint8_t one[MIPFB_MD5_LEN];
  size_t split;
  fill_msg(msg, sizeof msg);
  md5_oneshot(msg, sizeof msg, one);
  assert_hex(one, sizeof one, "4c79b81ac94bad7a875519ce6b964c66");
  for (split = 0; split <= sizeof msg; split++) {
    mipfb_md5 ctx;
    uint8_t out[MIPFB_MD5_LEN];
    mipfb_md5_init(&ctx);
    mipfb_md5_update(&ctx, msg, split);
    mipfb_md5_update(&ctx, msg + split, sizeof msg - split);
    mipfb_md5_final(&ctx, out);
    ck_assert_mem_eq(out, one, sizeof one);
  }
}
END_TEST

/* RFC 1321 section 3.4: one octet at a time and in three uneven pieces. */
START_TEST(test_mipfb_md5_incremental_bytewise) {
  uint8_t msg[200];
  uint8_t out[MIPFB_MD5_LEN];
  mipfb_md5 ctx;
  size_t i;
  fill_msg(msg, sizeof msg);
  mipfb_md5_init(&ctx);
  for (i = 0; i < sizeof msg; i++) mipfb_md5_update(&ctx, msg + i, 1);
  mipfb_md5_final(&ctx, out);
  assert_hex(out, sizeof out, "4c79b81ac94bad7a875519ce6b964c66");

  mipfb_md5_init(&ctx);
  mipfb_md5_update(&ctx, msg, 13);
  mipfb_md5_update(&ctx, msg + 13, 130);
  mipfb_md5_update(&ctx, msg + 143, 57);
  mipfb_md5_final(&ctx, out);
  assert_hex(out, sizeof out, "4c79b81ac94bad7a875519ce6b964c66");
}
END_TEST

/* RFC 1321 section 3.4: inputs at any alignment (word loads are byte-wise). */
START_TEST(test_mipfb_md5_unaligned_input) {
  uint8_t buf[200 + 8];
  uint8_t out[MIPFB_MD5_LEN];
  size_t off;
  for (off = 0; off < 8; off++) {
    fill_msg(buf + off, 200);
    md5_oneshot(buf + off, 200, out);
    assert_hex(out, sizeof out, "4c79b81ac94bad7a875519ce6b964c66");
  }
}
END_TEST

/* RFC 2202 section 2: the seven HMAC-MD5 test cases. */
START_TEST(test_mipfb_md5_hmac_rfc2202) {
  static const struct {
    const char *key_hex;
    const char *data_hex; /* NULL: use data_str */
    const char *data_str;
    const char *digest;
  } v[] = {
      /* test_case 1 */
      {"0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", NULL, "Hi There", "9294727a3638bb1c13f48ef8158bfc9d"},
      /* test_case 2 */
      {"4a656665", NULL, "what do ya want for nothing?", "750c783e6ab0b503eaa86e310a5db738"},
      /* test_case 3: data = 0xdd repeated 50 times */
      {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
       "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd",
       NULL, "56be34521d144c88dbb8c733f0e8b3f6"},
      /* test_case 4: data = 0xcd repeated 50 times */
      {"0102030405060708090a0b0c0d0e0f10111213141516171819",
       "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd",
       NULL, "697eaf0aca3a3aea3a75164746ffaa79"},
      /* test_case 5 (digest-96 is the first 12 octets: 56461ef2342edc00f9bab995) */
      {"0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c", NULL, "Test With Truncation",
       "56461ef2342edc00f9bab995690efd4c"},
      /* test_case 6: key = 0xaa repeated 80 times */
      {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
       "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
       NULL, "Test Using Larger Than Block-Size Key - Hash Key First",
       "6b1ab7fe4bd7bf8f0b62e6ce61b9d0cd"},
      /* test_case 7: key = 0xaa repeated 80 times */
      {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
       "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
       NULL, "Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data",
       "6f630fad67cda0ee1fb1f562db3aa53e"},
  };
  size_t i;
  for (i = 0; i < sizeof v / sizeof v[0]; i++) {
    uint8_t key_bytes[80];
    uint8_t data[80];
    uint8_t out[MIPFB_MD5_LEN];
    mipfb_hmac_md5_key key;
    long klen = th_unhex(v[i].key_hex, key_bytes, sizeof key_bytes);
    long dlen;
    ck_assert_int_gt(klen, 0);
    if (v[i].data_hex != NULL) {
      dlen = th_unhex(v[i].data_hex, data, sizeof data);
    } else {
      dlen = (long)strlen(v[i].data_str);
      memcpy(data, v[i].data_str, (size_t)dlen);
    }
    ck_assert_int_gt(dlen, 0);
    mipfb_hmac_md5_key_init(&key, key_bytes, (size_t)klen);
    mipfb_hmac_md5(&key, data, (size_t)dlen, out);
    assert_hex(out, sizeof out, v[i].digest);
  }
}
END_TEST

/* RFC 2104 section 2: a key longer than B = 64 octets is replaced by its MD5
   digest; a key of exactly 64 octets is used as is (references from an
   independent HMAC). */
START_TEST(test_mipfb_md5_hmac_key_lengths) {
  uint8_t k[65];
  uint8_t digest[MIPFB_MD5_LEN];
  uint8_t out[MIPFB_MD5_LEN];
  uint8_t out2[MIPFB_MD5_LEN];
  mipfb_hmac_md5_key key, key2;
  size_t i;
  for (i = 0; i < sizeof k; i++) k[i] = (uint8_t)(i * 3u + 1u);

  mipfb_hmac_md5_key_init(&key, k, 64);
  mipfb_hmac_md5(&key, "Hi There", 8, out);
  assert_hex(out, sizeof out, "cdd2e36a2bc073c110c95c782cbb3ffd");

  mipfb_hmac_md5_key_init(&key, k, 65);
  mipfb_hmac_md5(&key, "Hi There", 8, out);
  assert_hex(out, sizeof out, "9b924805c3a517685f15b853877f771f");

  md5_oneshot(k, 65, digest);
  mipfb_hmac_md5_key_init(&key2, digest, sizeof digest);
  mipfb_hmac_md5(&key2, "Hi There", 8, out2);
  ck_assert_mem_eq(out, out2, sizeof out);
}
END_TEST

/* RFC 2104 section 2: an empty key is padded with zeros like any short key. */
START_TEST(test_mipfb_md5_hmac_empty_key) {
  uint8_t zeros[16];
  uint8_t out[MIPFB_MD5_LEN];
  uint8_t out2[MIPFB_MD5_LEN];
  mipfb_hmac_md5_key key;
  memset(zeros, 0, sizeof zeros);
  mipfb_hmac_md5_key_init(&key, NULL, 0);
  mipfb_hmac_md5(&key, NULL, 0, out);
  mipfb_hmac_md5_key_init(&key, zeros, sizeof zeros);
  mipfb_hmac_md5(&key, "", 0, out2);
  ck_assert_mem_eq(out, out2, sizeof out);
  /* HMAC-MD5(key = "", data = "") */
  assert_hex(out, sizeof out, "74e6f7298a9c2d168935f58c001bad88");
}
END_TEST

/* RFC 2104 section 2 (precomputed pad states, RFC 5944 section 3.5.1 sizes):
   a 94-octet message with a 16-octet key. */
START_TEST(test_mipfb_md5_hmac_94_octets) {
  uint8_t k[16];
  uint8_t m[94];
  uint8_t out[MIPFB_MD5_LEN];
  mipfb_hmac_md5_key key;
  size_t i;
  for (i = 0; i < sizeof k; i++) k[i] = (uint8_t)(i + 1u);
  for (i = 0; i < sizeof m; i++) m[i] = (uint8_t)(i * 13u + 5u);
  mipfb_hmac_md5_key_init(&key, k, sizeof k);
  mipfb_hmac_md5(&key, m, sizeof m, out);
  assert_hex(out, sizeof out, "4f21887414f93ed6099c55b4d8924e7c");
}
END_TEST

/* RFC 2104 section 2: incremental HMAC equals one-shot for every split point,
   and one precomputed key serves many MACs. */
START_TEST(test_mipfb_md5_hmac_incremental) {
  static const char text[] = "Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data";
  uint8_t k[80];
  uint8_t one[MIPFB_MD5_LEN];
  mipfb_hmac_md5_key key;
  size_t tlen = sizeof text - 1;
  size_t split;
  memset(k, 0xaa, sizeof k);
  mipfb_hmac_md5_key_init(&key, k, sizeof k);
  mipfb_hmac_md5(&key, text, tlen, one);
  assert_hex(one, sizeof one, "6f630fad67cda0ee1fb1f562db3aa53e");
  for (split = 0; split <= tlen; split++) {
    mipfb_hmac_md5_ctx ctx;
    uint8_t out[MIPFB_MD5_LEN];
    mipfb_hmac_md5_start(&ctx, &key);
    mipfb_hmac_md5_update(&ctx, text, split);
    mipfb_hmac_md5_update(&ctx, text + split, tlen - split);
    mipfb_hmac_md5_final(&ctx, out);
    ck_assert_mem_eq(out, one, sizeof one);
  }
}
END_TEST

/* RFC 5944 section 3.5.1 / RFC 2104 section 5 usage: authenticator compare. */
START_TEST(test_mipfb_md5_mac_equal_same) {
  uint8_t a[MIPFB_MD5_LEN];
  uint8_t b[MIPFB_MD5_LEN];
  long n = th_unhex("9294727a3638bb1c13f48ef8158bfc9d", a, sizeof a);
  ck_assert_int_eq(n, MIPFB_MD5_LEN);
  memcpy(b, a, sizeof b);
  ck_assert_int_eq(mipfb_mac_equal(a, b), 0);
  ck_assert_int_eq(mipfb_mac_equal(a, a), 0);
  memset(a, 0, sizeof a);
  memset(b, 0, sizeof b);
  ck_assert_int_eq(mipfb_mac_equal(a, b), 0);
}
END_TEST

/* RFC 5944 section 3.5.1: any differing octet, any bit, fails with
   MIPFB_ERR_AUTH. */
START_TEST(test_mipfb_md5_mac_equal_differs_each_byte) {
  static const uint8_t flips[] = {0x01, 0x80, 0xff, 0x10};
  uint8_t a[MIPFB_MD5_LEN];
  size_t i, f;
  long n = th_unhex("9294727a3638bb1c13f48ef8158bfc9d", a, sizeof a);
  ck_assert_int_eq(n, MIPFB_MD5_LEN);
  for (i = 0; i < MIPFB_MD5_LEN; i++) {
    for (f = 0; f < sizeof flips; f++) {
      uint8_t b[MIPFB_MD5_LEN];
      memcpy(b, a, sizeof b);
      b[i] ^= flips[f];
      ck_assert_int_eq(mipfb_mac_equal(a, b), MIPFB_ERR_AUTH);
      ck_assert_int_eq(mipfb_mac_equal(b, a), MIPFB_ERR_AUTH);
    }
  }
}
END_TEST

Suite *mipfb_md5_suite(void) {
  Suite *s = suite_create("md5");
  TCase *tc = tcase_create("md5");
  TCase *th = tcase_create("hmac_md5");
  tcase_add_test(tc, test_mipfb_md5_rfc1321_suite);
  tcase_add_test(tc, test_mipfb_md5_empty_update_null);
  tcase_add_test(tc, test_mipfb_md5_padding_lengths);
  tcase_add_test(tc, test_mipfb_md5_incremental_every_split);
  tcase_add_test(tc, test_mipfb_md5_incremental_bytewise);
  tcase_add_test(tc, test_mipfb_md5_unaligned_input);
  tcase_add_test(th, test_mipfb_md5_hmac_rfc2202);
  tcase_add_test(th, test_mipfb_md5_hmac_key_lengths);
  tcase_add_test(th, test_mipfb_md5_hmac_empty_key);
  tcase_add_test(th, test_mipfb_md5_hmac_94_octets);
  tcase_add_test(th, test_mipfb_md5_hmac_incremental);
  tcase_add_test(th, test_mipfb_md5_mac_equal_same);
  tcase_add_test(th, test_mipfb_md5_mac_equal_differs_each_byte);
  suite_add_tcase(s, tc);
  suite_add_tcase(s, th);
  return s;
}
