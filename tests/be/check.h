/* A minimal stand-in for the Check unit-test framework: the part of its
   API the suites use, without fork(), for `make check-be`, which
   cross-builds tests/mipfb_test for 32-bit big-endian MIPS where no Check
   library is available. A failed assertion prints the file, line and
   values and ends that test (longjmp); the runner goes on with the next.
   Only for tests/; the normal build links the real Check. */
#ifndef TESTS_BE_CHECK_H
#define TESTS_BE_CHECK_H

#include <stdint.h>
#include <string.h>

typedef struct TTest {
  const char *name;
  void (*fn)(int);
  const char *file;
  int line;
} TTest;

typedef void (*SFun)(void);
typedef struct TCase TCase;
typedef struct Suite Suite;
typedef struct SRunner SRunner;

enum print_output { CK_SILENT, CK_MINIMAL, CK_NORMAL, CK_VERBOSE };

#if defined(__GNUC__)
#define MC_UNUSED __attribute__((unused))
#else
#define MC_UNUSED
#endif

#define START_TEST(name)                                                   \
  static void name##_fn(int _i MC_UNUSED);                                 \
  static const TTest name##_ttest = {#name, name##_fn, __FILE__, __LINE__}; \
  static const TTest *name = &name##_ttest;                                \
  static void name##_fn(int _i MC_UNUSED)
#define END_TEST

Suite *suite_create(const char *name);
TCase *tcase_create(const char *name);
void suite_add_tcase(Suite *s, TCase *tc);
void mc_tcase_add(TCase *tc, const TTest *t, int start, int end);
#define tcase_add_test(tc, t) mc_tcase_add((tc), (t), 0, 1)
#define tcase_add_loop_test(tc, t, s, e) mc_tcase_add((tc), (t), (s), (e))
void tcase_add_checked_fixture(TCase *tc, SFun setup, SFun teardown);
void tcase_set_timeout(TCase *tc, double timeout);
SRunner *srunner_create(Suite *s);
void srunner_add_suite(SRunner *sr, Suite *s);
void srunner_set_xml(SRunner *sr, const char *file);
void srunner_run_all(SRunner *sr, enum print_output mode);
int srunner_ntests_failed(SRunner *sr);
void srunner_free(SRunner *sr);

/* Report a failure and leave the current test. */
void mc_fail(const char *file, int line, const char *fmt, ...);

#define ck_assert_msg(c, ...) ((c) ? (void)0 : mc_fail(__FILE__, __LINE__, __VA_ARGS__))
#define ck_assert(c) ck_assert_msg(c, "assertion '%s' failed", #c)
#define ck_abort_msg(...) mc_fail(__FILE__, __LINE__, __VA_ARGS__)

#define MC_CMP(T, F, a, op, b)                                                                          \
  do {                                                                                                   \
    T mc_a = (T)(a), mc_b = (T)(b);                                                                      \
    if (!(mc_a op mc_b)) {                                                                               \
      mc_fail(__FILE__, __LINE__, "assertion '%s %s %s' failed: %s == " F ", %s == " F, #a, #op, #b, #a, \
              mc_a, #b, mc_b);                                                                           \
    }                                                                                                    \
  } while (0)
#define ck_assert_int_eq(a, b) MC_CMP(intmax_t, "%jd", a, ==, b)
#define ck_assert_int_ne(a, b) MC_CMP(intmax_t, "%jd", a, !=, b)
#define ck_assert_int_lt(a, b) MC_CMP(intmax_t, "%jd", a, <, b)
#define ck_assert_int_le(a, b) MC_CMP(intmax_t, "%jd", a, <=, b)
#define ck_assert_int_gt(a, b) MC_CMP(intmax_t, "%jd", a, >, b)
#define ck_assert_int_ge(a, b) MC_CMP(intmax_t, "%jd", a, >=, b)
#define ck_assert_uint_eq(a, b) MC_CMP(uintmax_t, "%ju", a, ==, b)
#define ck_assert_uint_ne(a, b) MC_CMP(uintmax_t, "%ju", a, !=, b)
#define ck_assert_uint_lt(a, b) MC_CMP(uintmax_t, "%ju", a, <, b)
#define ck_assert_uint_le(a, b) MC_CMP(uintmax_t, "%ju", a, <=, b)
#define ck_assert_uint_gt(a, b) MC_CMP(uintmax_t, "%ju", a, >, b)
#define ck_assert_uint_ge(a, b) MC_CMP(uintmax_t, "%ju", a, >=, b)
#define ck_assert_ptr_eq(a, b) ck_assert_msg((const void *)(a) == (const void *)(b), "assertion '%s == %s' failed", #a, #b)
#define ck_assert_ptr_ne(a, b) ck_assert_msg((const void *)(a) != (const void *)(b), "assertion '%s != %s' failed", #a, #b)
#define ck_assert_ptr_null(a) ck_assert_msg((const void *)(a) == NULL, "assertion '%s == NULL' failed", #a)
#define ck_assert_ptr_nonnull(a) ck_assert_msg((const void *)(a) != NULL, "assertion '%s != NULL' failed", #a)
#define ck_assert_str_eq(a, b) \
  ck_assert_msg(strcmp((a), (b)) == 0, "assertion '%s == %s' failed: \"%s\" vs \"%s\"", #a, #b, (a), (b))
#define ck_assert_mem_eq(a, b, n) \
  ck_assert_msg(memcmp((a), (b), (n)) == 0, "assertion 'memcmp(%s, %s, %s) == 0' failed", #a, #b, #n)

#endif /* TESTS_BE_CHECK_H */
