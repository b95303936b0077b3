/* A count from the environment, for the benchmarks that let the user
   shrink or grow their workload (BENCH_HA4_NODES, BENCH_POLICY_NODES). */
#ifndef MIPFB_BENCH_ENV_H
#define MIPFB_BENCH_ENV_H

#include <stdint.h>
#include <stdlib.h>

/* $name as a decimal count in [lo, hi]; def when unset or empty; 0 when
   set to anything else (the caller reports it). */
static uint32_t bench_env_count(const char *name, uint32_t def, uint32_t lo, uint32_t hi) {
  const char *s = getenv(name);
  char *end;
  unsigned long v;
  if (s == NULL || *s == '\0') return def;
  v = strtoul(s, &end, 10);
  return *end != '\0' || v < lo || v > hi ? 0 : (uint32_t)v;
}

#endif /* MIPFB_BENCH_ENV_H */
