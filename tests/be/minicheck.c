/* The runner of tests/be/check.h (see there). */
#include "check.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

/* One registered test and its loop range [start, end). */
typedef struct mc_entry {
  const TTest *t;
  int start, end;
} mc_entry;

struct TCase {
  const char *name;
  mc_entry *tests;
  size_t n, cap;
  SFun setup, teardown;
};

struct Suite {
  const char *name;
  TCase **tcs;
  size_t n, cap;
};

struct SRunner {
  Suite **s;
  size_t n, cap;
  int run, failed;
};

static jmp_buf mc_jmp;

static void *grow(void *p, size_t *cap, size_t n, size_t elem) {
  if (n < *cap) {
    return p;
  }
  *cap = *cap ? *cap * 2 : 16;
  p = realloc(p, *cap * elem);
  if (p == NULL) {
    fputs("minicheck: out of memory\n", stderr);
    exit(2);
  }
  return p;
}

Suite *suite_create(const char *name) {
  Suite *s = calloc(1, sizeof *s);
  if (s == NULL) {
    exit(2);
  }
  s->name = name;
  return s;
}

TCase *tcase_create(const char *name) {
  TCase *tc = calloc(1, sizeof *tc);
  if (tc == NULL) {
    exit(2);
  }
  tc->name = name;
  return tc;
}

void suite_add_tcase(Suite *s, TCase *tc) {
  s->tcs = grow(s->tcs, &s->cap, s->n, sizeof *s->tcs);
  s->tcs[s->n++] = tc;
}

void mc_tcase_add(TCase *tc, const TTest *t, int start, int end) {
  tc->tests = grow(tc->tests, &tc->cap, tc->n, sizeof *tc->tests);
  tc->tests[tc->n].t = t;
  tc->tests[tc->n].start = start;
  tc->tests[tc->n].end = end;
  tc->n++;
}

void tcase_add_checked_fixture(TCase *tc, SFun setup, SFun teardown) {
  tc->setup = setup;
  tc->teardown = teardown;
}

void tcase_set_timeout(TCase *tc, double timeout) {
  (void)tc;
  (void)timeout;
}

SRunner *srunner_create(Suite *s) {
  SRunner *sr = calloc(1, sizeof *sr);
  if (sr == NULL) {
    exit(2);
  }
  if (s != NULL) {
    srunner_add_suite(sr, s);
  }
  return sr;
}

void srunner_add_suite(SRunner *sr, Suite *s) {
  sr->s = grow(sr->s, &sr->cap, sr->n, sizeof *sr->s);
  sr->s[sr->n++] = s;
}

void srunner_set_xml(SRunner *sr, const char *file) {
  (void)sr;
  (void)file;
}

void mc_fail(const char *file, int line, const char *fmt, ...) {
  va_list ap;
  fprintf(stderr, "%s:%d: ", file, line);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
  longjmp(mc_jmp, 1);
}

/* Runs one test (iteration i of a loop test); 0 passed, 1 failed. */
static int run_one(const TCase *tc, const TTest *t, int i) {
  volatile int failed = 0;
  if (setjmp(mc_jmp) == 0) {
    if (tc->setup != NULL) {
      tc->setup();
    }
    t->fn(i);
  } else {
    failed = 1;
  }
  if (tc->teardown != NULL) {
    tc->teardown();
  }
  if (failed) {
    fprintf(stderr, "FAIL: %s, iteration %d (%s:%d)\n", t->name, i, t->file, t->line);
  }
  return failed;
}

void srunner_run_all(SRunner *sr, enum print_output mode) {
  const char *only = getenv("CK_RUN_SUITE");
  size_t i, j, k;
  for (i = 0; i < sr->n; i++) {
    const Suite *s = sr->s[i];
    if (only != NULL && strcmp(only, s->name) != 0) {
      continue;
    }
    for (j = 0; j < s->n; j++) {
      for (k = 0; k < s->tcs[j]->n; k++) {
        const mc_entry *e = &s->tcs[j]->tests[k];
        int it;
        for (it = e->start; it < e->end; it++) {
          sr->run++;
          sr->failed += run_one(s->tcs[j], e->t, it);
        }
      }
    }
  }
  if (mode != CK_SILENT) {
    printf("%d%%: Checks: %d, Failures: %d, Errors: 0\n", sr->run ? 100 * (sr->run - sr->failed) / sr->run : 100,
           sr->run, sr->failed);
  }
}

int srunner_ntests_failed(SRunner *sr) { return sr->failed; }

void srunner_free(SRunner *sr) {
  size_t i, j;
  for (i = 0; i < sr->n; i++) {
    for (j = 0; j < sr->s[i]->n; j++) {
      free(sr->s[i]->tcs[j]->tests);
      free(sr->s[i]->tcs[j]);
    }
    free(sr->s[i]->tcs);
    free(sr->s[i]);
  }
  free(sr->s);
  free(sr);
}
