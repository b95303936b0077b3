/*
 * bench_common.h: what the codec benchmarks (bench_mip4, bench_mh) share:
 * the case table, error exit, hex input, the ns/message measurement and
 * the command line that bench/bench_callgrind.sh drives:
 *
 *   PROG                   ns/message table (best of 5 timed runs)
 *   PROG --tsv             the same as "id<TAB>name<TAB>ns" lines
 *   PROG --list            "id<TAB>name<TAB>target" lines
 *   PROG --case ID --iters N
 *                          run one case N times, untimed (callgrind)
 *
 * Define BENCH_NAME (the program name, for messages) before including.
 */
#ifndef MIPFB_BENCH_COMMON_H
#define MIPFB_BENCH_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/** One case: runs n messages. */
typedef struct bench_case {
  const char *name;
  void (*run)(unsigned long n);
  const char *target; /* budget in instructions/message, or "-" */
} bench_case;

static inline void die(const char *what, long v) {
  fprintf(stderr, BENCH_NAME ": %s (%ld)\n", what, v);
  exit(1);
}

static inline int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

/* Octets of a lowercase hex string into out[cap]; their number. */
static inline size_t bench_hex(const char *hex, uint8_t *out, size_t cap) {
  size_t i, len = 0, n = strlen(hex);
  for (i = 0; i + 1 < n; i += 2) {
    int hi = hexval(hex[i]), lo = hexval(hex[i + 1]);
    if (hi < 0 || lo < 0 || len >= cap) die("bad hex", (long)i);
    out[len++] = (uint8_t)(hi * 16 + lo);
  }
  return len;
}

static inline double now_ns(void) {
  struct timespec ts;
  if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) die("clock_gettime", 0);
  return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* Calibrate to >= 50 ms per run, then best of 5 runs, in ns/message. */
static inline double measure(const bench_case *c) {
  unsigned long n = 1000;
  double best = 0, t0, dt;
  int run;
  c->run(n); /* warm up */
  for (;;) {
    t0 = now_ns();
    c->run(n);
    dt = now_ns() - t0;
    if (dt >= 50e6 || n >= (1ul << 30)) break;
    n *= 2;
  }
  for (run = 0; run < 5; run++) {
    t0 = now_ns();
    c->run(n);
    dt = (now_ns() - t0) / (double)n;
    if (run == 0 || dt < best) best = dt;
  }
  return best;
}

static inline void usage(void) {
  fprintf(stderr, "usage: " BENCH_NAME " [--tsv | --case ID --iters N | --list]\n");
  exit(2);
}

/* The command line above; `title` heads the table; `sink` is printed after --case. */
static inline int bench_main(int argc, char **argv, const char *title, const bench_case *cases, size_t n_cases,
                      volatile size_t *sink) {
  size_t i;
  if (argc == 1 || (argc == 2 && strcmp(argv[1], "--tsv") == 0)) {
    int tsv = argc == 2;
    if (!tsv) {
      printf("%s\n", title);
      printf("%-2s  %-34s %10s  %s\n", "id", "case", "ns/msg", "target");
    }
    for (i = 0; i < n_cases; i++) {
      double ns = measure(&cases[i]);
      if (tsv) {
        printf("%lu\t%s\t%.1f\n", (unsigned long)(i + 1), cases[i].name, ns);
      } else {
        printf("%-2lu  %-34s %10.1f  %s\n", (unsigned long)(i + 1), cases[i].name, ns, cases[i].target);
      }
      fflush(stdout);
    }
    return 0;
  }
  if (argc == 2 && strcmp(argv[1], "--list") == 0) {
    for (i = 0; i < n_cases; i++) {
      printf("%lu\t%s\t%s\n", (unsigned long)(i + 1), cases[i].name, cases[i].target);
    }
    return 0;
  }
  if (argc == 5 && strcmp(argv[1], "--case") == 0 && strcmp(argv[3], "--iters") == 0) {
    char *end;
    unsigned long id = strtoul(argv[2], &end, 10);
    unsigned long n;
    if (*end != '\0' || id < 1 || id > n_cases) usage();
    n = strtoul(argv[4], &end, 10);
    if (*end != '\0') usage();
    cases[id - 1].run(n);
    printf("%lu\n", (unsigned long)*sink);
    return 0;
  }
  usage();
  return 2;
}

#endif /* MIPFB_BENCH_COMMON_H */
