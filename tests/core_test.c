#include "test_helper.h"
START_TEST(test_mipfb_core_placeholder) { ck_assert_int_eq(1, 1); }
END_TEST
Suite *mipfb_core_suite(void) {
  Suite *s = suite_create("core");
  TCase *tc = tcase_create("placeholder");
  tcase_add_test(tc, test_mipfb_core_placeholder);
  suite_add_tcase(s, tc);
  return s;
}
