/* Shared helpers for the Check suites. */
#ifndef MIPFB_TEST_HELPER_H
#define MIPFB_TEST_HELPER_H

#include <stddef.h>
#include <stdint.h>

#include <check.h>

Suite *mipfb_core_suite(void);
Suite *mipfb_md5_suite(void);
Suite *mipfb_ts_suite(void);
Suite *mipfb_policy_suite(void);
Suite *mipfb_ha_table_suite(void);
Suite *mipfb_mip4_suite(void);
Suite *mipfb_mh_suite(void);
Suite *mipfb_mh_flow_suite(void);
Suite *mipfb_mh_pmip_suite(void);
Suite *mipfb_fa4_suite(void);
Suite *mipfb_mn4_suite(void);
Suite *mipfb_ha4_suite(void);

/* Parse hex (whitespace ignored) into out; returns the byte count, or -1 on
   a bad digit or overflow of cap. */
long th_unhex(const char *hex, uint8_t *out, size_t cap);

/* Copy len bytes to the end of a page followed by an inaccessible guard page,
   so a read past the end faults (picohttpparser-style). Returns the copy;
   valid until the next call. len must be at most one page. */
const uint8_t *th_guard(const uint8_t *p, size_t len);

#endif
