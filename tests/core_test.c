/* Core: reader/writer cursors (sticky errors, bounded children, counting
   writer, back-filling), error names, version and build configuration,
   code-point profiles (wire.md section 8). */
#include <string.h>

#include <mipfb/mipfb.h>

#include "core/rd.h"
#include "core/wr.h"
#include "test_helper.h"

START_TEST(test_mipfb_core_rd_big_endian_and_sticky) {
  static const uint8_t in[] = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09};
  mipfb_rd r;
  mipfb_rd_init(&r, in, sizeof in);
  ck_assert_uint_eq(mipfb_rd_u8(&r), 0x01);
  ck_assert_uint_eq(mipfb_rd_be16(&r), 0x0203);
  ck_assert_uint_eq(mipfb_rd_be32(&r), 0x04050607u);
  ck_assert_uint_eq(mipfb_rd_left(&r), 2);
  ck_assert_uint_eq(mipfb_rd_be32(&r), 0); /* short: error, no move */
  ck_assert_int_eq(mipfb_rd_err(&r), MIPFB_ERR_TRUNCATED);
  ck_assert_uint_eq(r.err_off, 7);
  ck_assert_uint_eq(mipfb_rd_left(&r), 2);
  ck_assert_uint_eq(mipfb_rd_u8(&r), 0); /* sticky: later reads fail too */
  ck_assert_uint_eq(mipfb_rd_off(&r), 7);
  mipfb_rd_init(&r, in, sizeof in);
  ck_assert(mipfb_rd_be64(&r) == 0x0102030405060708ull);
}
END_TEST

START_TEST(test_mipfb_core_rd_sub_is_bounded) {
  static const uint8_t in[] = {0xaa, 0xbb, 0xcc, 0xdd};
  mipfb_rd r, c;
  mipfb_vec v;
  mipfb_rd_init(&r, in, sizeof in);
  mipfb_rd_skip(&r, 1);
  ck_assert_int_eq(mipfb_rd_sub(&r, 2, &c), 0);
  ck_assert_uint_eq(mipfb_rd_off(&r), 3);
  ck_assert_uint_eq(mipfb_rd_off(&c), 1); /* offsets stay message-relative */
  v = mipfb_rd_view(&c, 2);
  ck_assert_ptr_eq(v.base, in + 1);
  ck_assert_uint_eq(mipfb_rd_u8(&c), 0); /* cannot reach the parent's next byte */
  ck_assert_int_eq(mipfb_rd_err(&c), MIPFB_ERR_TRUNCATED);
  ck_assert_uint_eq(mipfb_rd_u8(&r), 0xdd);
  ck_assert_int_eq(mipfb_rd_sub(&r, 1, &c), MIPFB_ERR_TRUNCATED);
  ck_assert_int_eq(mipfb_rd_err(&c), MIPFB_ERR_TRUNCATED);
}
END_TEST

START_TEST(test_mipfb_core_wr_counting_nobuf_patch) {
  uint8_t out[8];
  mipfb_wr w;
  size_t at;
  mipfb_wr_init(&w, NULL, 0);
  mipfb_wr_be32(&w, 1);
  mipfb_wr_be16(&w, 2);
  ck_assert_int_eq(mipfb_wr_result(&w), 6); /* counting mode */
  memset(out, 0xee, sizeof out);
  mipfb_wr_init(&w, out, 5);
  at = mipfb_wr_reserve(&w, 2);
  mipfb_wr_u8(&w, 0x11);
  mipfb_wr_patch_be16(&w, at, 0xbeef);
  ck_assert_int_eq(mipfb_wr_result(&w), 3);
  ck_assert_mem_eq(out, "\xbe\xef\x11", 3);
  mipfb_wr_be32(&w, 0x22334455u); /* does not fit: sticky NOBUF, nothing written */
  ck_assert_int_eq(mipfb_wr_result(&w), MIPFB_ERR_NOBUF);
  ck_assert_uint_eq(out[3], 0xee);
  mipfb_wr_u8(&w, 0x66);
  ck_assert_uint_eq(out[3], 0xee);
  ck_assert_uint_eq(w.len, 8); /* keeps counting: the size the caller needs */
  mipfb_wr_init(&w, out, sizeof out);
  mipfb_wr_be64(&w, 0x0102030405060708ull);
  ck_assert_mem_eq(out, "\x01\x02\x03\x04\x05\x06\x07\x08", 8);
}
END_TEST

START_TEST(test_mipfb_core_error_names) {
  ck_assert_str_eq(mipfb_err_name(MIPFB_ERR_TRUNCATED), "truncated");
  ck_assert_str_eq(mipfb_err_name(MIPFB_ERR_BAD_LENGTH), "bad_length");
  ck_assert_str_eq(mipfb_err_name(MIPFB_ERR_BAD_VALUE), "bad_value");
  ck_assert_str_eq(mipfb_err_name(MIPFB_ERR_DUPLICATE), "duplicate");
  ck_assert_str_eq(mipfb_err_name(MIPFB_ERR_UNKNOWN_NONSKIPPABLE), "unknown_nonskippable");
  ck_assert_str_eq(mipfb_err_name(MIPFB_ERR_BAD_ORDER), "bad_order");
  ck_assert_str_eq(mipfb_err_name(MIPFB_ERR_BAD_CHECKSUM), "bad_checksum");
  ck_assert_str_eq(mipfb_err_name(MIPFB_ERR_AUTH), "auth_failed");
  ck_assert_str_eq(mipfb_err_name(MIPFB_ERR_UNSUPPORTED), "unsupported");
  ck_assert_str_eq(mipfb_err_name(12345), "unknown");
  ck_assert_str_eq(mipfb_strerror(0), "success");
  ck_assert_str_eq(mipfb_strerror(-1), "unknown error");
  ck_assert_int_eq(mipfb_err_is_fatal(MIPFB_ERR_CALLBACK_FAILURE), 1);
  ck_assert_int_eq(mipfb_err_is_fatal(MIPFB_ERR_NOBUF), 0);
}
END_TEST

START_TEST(test_mipfb_core_version_and_config) {
  const mipfb_info *v = mipfb_version(0);
  ck_assert_ptr_nonnull(v);
  ck_assert_int_eq(v->version_num, MIPFB_VERSION_NUM);
  ck_assert_str_eq(v->version_str, MIPFB_VERSION);
  ck_assert_ptr_null(mipfb_version(MIPFB_VERSION_NUM + 1));
  ck_assert_uint_eq(mipfb_get_config()->max_coa, MIPFB_MAX_COA);
  ck_assert_uint_eq(mipfb_get_config()->max_flows, MIPFB_MAX_FLOWS);
}
END_TEST

/* wire.md 2, 2.4, 5, 6, 7.7 and errata E-4, E-10, E-11, E-12: defaults */
START_TEST(test_mipfb_core_codepoint_profiles) {
  mipfb_codepoints rfc, draft;
  ck_assert_int_eq(mipfb_codepoints_default(&rfc, MIPFB_PROFILE_RFC), 0);
  ck_assert_int_eq(mipfb_codepoints_default(&draft, MIPFB_PROFILE_DRAFT), 0);
  ck_assert_uint_eq(rfc.mip4_ext_multipath, 154);
  ck_assert_uint_eq(rfc.mip4_code_multipath_not_allowed, 152);
  ck_assert_uint_eq(rfc.mip4_code_invalid_fb_id, 153);
  ck_assert_uint_eq(rfc.mip4_ext_mtunnel, 0);
  ck_assert_uint_eq(draft.mip4_ext_mtunnel, 127);
  /* E-4: never collide with the IANA values */
  ck_assert_uint_ne(draft.mip4_code_mtunnel_denied_ha, 152);
  ck_assert_uint_ne(draft.mip4_code_mtunnel_denied_ha, 153);
  ck_assert_uint_ge(draft.mip4_code_mtunnel_denied_ha, 128);
  ck_assert_int_eq(mipfb_mip4_code_is_fa(draft.mip4_code_mtunnel_denied_fa, &draft), 1);
  ck_assert_uint_eq(rfc.mh_opt_bid, 35);
  ck_assert_uint_eq(rfc.mh_opt_flow_summary, 44);
  ck_assert_uint_eq(rfc.mh_opt_flow_id, 45);
  ck_assert_uint_ne(draft.mh_opt_flow_id, 45); /* E-10 */
  ck_assert_uint_eq(rfc.mh_opt_mmb, 63);
  ck_assert_uint_eq(rfc.mh_opt_mag_id, 64);
  ck_assert_uint_eq(rfc.mh_bu_flag_o, 0);
  ck_assert_uint_eq(draft.mh_bu_flag_o, 0x0040); /* E-11 */
  ck_assert_uint_eq(draft.mh_status_dereg_unknown_bid, 133); /* E-12 */
  ck_assert_uint_eq(rfc.mh_status_cannot_support_mmb, 180);
  ck_assert_int_eq(mipfb_codepoints_default(&rfc, (mipfb_profile)7), MIPFB_ERR_INVALID_ARG);
  ck_assert_uint_eq(rfc.mip4_ext_multipath, 154);
  ck_assert_int_eq(mipfb_codepoints_default(NULL, MIPFB_PROFILE_RFC), MIPFB_ERR_INVALID_ARG);
}
END_TEST

/* RFC 1071 3: the worked example (00 01 f2 03 f4 f5 f6 f7 sums to ddf2),
   chaining in two ranges, an odd last octet, and a carry that wraps. */
START_TEST(test_rfc1071_3_internet_checksum) {
  static const uint8_t ex[] = {0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7};
  static const uint8_t ff[] = {0xff, 0xff, 0xff, 0xff, 0x00, 0x01};
  static const uint8_t odd[] = {0x12, 0x34, 0x56};
  ck_assert_uint_eq(mipfb_cksum_add(0, ex, sizeof ex), 0xddf2);
  ck_assert_uint_eq(mipfb_cksum_fold(mipfb_cksum_add(0, ex, sizeof ex)), 0x220d);
  ck_assert_uint_eq(mipfb_cksum_add(mipfb_cksum_add(0, ex, 4), ex + 4, 4), 0xddf2);
  ck_assert_uint_eq(mipfb_cksum_add(0, odd, sizeof odd), 0x1234 + 0x5600);
  ck_assert_uint_eq(mipfb_cksum_fold(mipfb_cksum_add(0, ff, sizeof ff)), (uint16_t)~0x0001u);
  ck_assert_uint_eq(mipfb_cksum_add(0, NULL, 0), 0);
}
END_TEST

Suite *mipfb_core_suite(void) {
  Suite *s = suite_create("core");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, test_mipfb_core_rd_big_endian_and_sticky);
  tcase_add_test(tc, test_mipfb_core_rd_sub_is_bounded);
  tcase_add_test(tc, test_mipfb_core_wr_counting_nobuf_patch);
  tcase_add_test(tc, test_mipfb_core_error_names);
  tcase_add_test(tc, test_mipfb_core_version_and_config);
  tcase_add_test(tc, test_mipfb_core_codepoint_profiles);
  tcase_add_test(tc, test_rfc1071_3_internet_checksum);
  suite_add_tcase(s, tc);
  return s;
}
