#include "test_helper.h"
START_TEST(test_mipfb_md5_placeholder) { ck_assert_int_eq(1, 1); }
END_TEST
Suite *mipfb_md5_suite(void) {
  Suite *s = suite_create("md5");
  TCase *tc = tcase_create("placeholder");
  tcase_add_test(tc, test_mipfb_md5_placeholder);
  suite_add_tcase(s, tc);
  return s;
}
