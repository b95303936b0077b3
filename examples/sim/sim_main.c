/* mipfb-sim: a home agent, a mobile node and a foreign agent of libmipfb
   in one process over an in-memory network with Wi-Fi, LTE and CDMA
   links and a virtual clock, driven by a scenario file (see
   sim_scenario.h and figure2.scn).

   usage: mipfb-sim [-q] [--seed N] SCENARIO

   Prints the timeline (messages with their decoded extensions, tunnel and
   flow events, binding tables, flow decisions) and exits 0 when every
   expectation of the scenario holds and no agent misbehaved, 1 when one
   did not, 2 on a usage or scenario error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mipfb/version.h>

#include "sim_scenario.h"

static int usage(void) {
  fprintf(stderr, "usage: mipfb-sim [-q] [--seed N] SCENARIO\n");
  return 2;
}

int main(int argc, char **argv) {
  const char *path = NULL;
  unsigned long long seed = 1;
  int verbose = 1, i, status;
  unsigned anomalies;
  sim_world *w;
  sim_scenario_result res;
  FILE *in;

  for (i = 1; i < argc; i++) {
    if (strcmp(argv[i], "-q") == 0) {
      verbose = 0;
    } else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
      char *end;
      seed = strtoull(argv[++i], &end, 0);
      if (*end) return usage();
    } else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
      usage();
      return 0;
    } else if (argv[i][0] == '-' || path) {
      return usage();
    } else {
      path = argv[i];
    }
  }
  if (!path) return usage();
  in = fopen(path, "r");
  if (!in) {
    perror(path);
    return 2;
  }
  w = malloc(sizeof(*w));
  if (!w) {
    fclose(in);
    fprintf(stderr, "mipfb-sim: out of memory\n");
    return 2;
  }
  if (verbose)
    printf("mipfb-sim %s: HA 10.0.0.1, MN home address 10.0.0.100 (SPI 256), CN 203.0.113.50;\n"
           "  wifi: co-located CoA 192.0.2.10, If-ATT 4, 5 ms; lte: co-located CoA 198.51.100.20, If-ATT 8, 30 ms;\n"
           "  cdma: FA care-of address 100.64.0.1, If-ATT 11, 60 ms; core 10 ms; seed %llu\n",
           MIPFB_VERSION, seed);
  if (sim_world_init(w, (uint64_t)seed, stdout, verbose) != 0) {
    fprintf(stderr, "mipfb-sim: cannot build the simulated world\n");
    sim_world_free(w);
    free(w);
    fclose(in);
    return 2;
  }
  sim_scenario_run(w, in, path, &res);
  fclose(in);
  anomalies = sim_world_anomalies(w);
  sim_world_show_bindings(w);
  if (res.errors) {
    printf("mipfb-sim: %u scenario line(s) could not be run\n", res.errors);
    status = 2;
  } else if (res.failed || anomalies) {
    printf("FAILED: %u of %u expectations did not hold; %u agent or host check(s) failed\n", res.failed,
           res.expectations, anomalies);
    status = 1;
  } else {
    printf("all %u expectations hold\n", res.expectations);
    status = 0;
  }
  sim_world_free(w);
  free(w);
  return status;
}
