/* One Check runner over every suite. CK_FORK=no for debugging. */
#include <stdlib.h>

#include <check.h>

#include "test_helper.h"

typedef Suite *(*suite_fn)(void);

static const suite_fn SUITES[] = {
    mipfb_core_suite,
    mipfb_md5_suite,
    mipfb_ts_suite,
    mipfb_policy_suite,
    mipfb_ha_table_suite,
    mipfb_mip4_suite,
    mipfb_mh_suite,
    mipfb_mh_flow_suite,
    mipfb_mh_pmip_suite,
    mipfb_fa4_suite,
    mipfb_mn4_suite,
    mipfb_ha4_suite,
};

int main(void) {
  size_t i;
  int failed;
  SRunner *sr = srunner_create(NULL);
  for (i = 0; i < sizeof SUITES / sizeof SUITES[0]; i++) {
    srunner_add_suite(sr, SUITES[i]());
  }
  if (getenv("MIPFB_TEST_XML") != NULL) {
    srunner_set_xml(sr, getenv("MIPFB_TEST_XML"));
  }
  srunner_run_all(sr, CK_NORMAL);
  failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
