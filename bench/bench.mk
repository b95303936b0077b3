# Benchmarks (not tests). `make bench` builds bench/bench_mip4 and prints
#  1. ns/message (bench/bench_mip4, best of 5 runs, CLOCK_MONOTONIC);
#  2. the same with instructions/message from callgrind
#     (bench/bench_callgrind.sh: (Ir(2N) - Ir(N)) / N).
# The program is a check_PROGRAM so that `make check` compiles it (warnings
# are errors) without running it.
check_PROGRAMS += bench/bench_mip4
bench_bench_mip4_SOURCES = bench/bench_mip4.c bench/bench_common.h
bench_bench_mip4_CPPFLAGS = $(AM_CPPFLAGS) -DMIPFB_STATICLIB
bench_bench_mip4_CFLAGS = $(C99FLAG) $(WARNCFLAGS) -O2
bench_bench_mip4_LDADD = lib/libmipfb.la
bench_bench_mip4_LDFLAGS = -static

# bench/bench_mh: the Mobility Header codec on a bulk-registration BU (issue 3).
check_PROGRAMS += bench/bench_mh
bench_bench_mh_SOURCES = bench/bench_mh.c bench/bench_common.h
bench_bench_mh_CPPFLAGS = $(AM_CPPFLAGS) -DMIPFB_STATICLIB
bench_bench_mh_CFLAGS = $(C99FLAG) $(WARNCFLAGS) -O2
bench_bench_mh_LDADD = lib/libmipfb.la
bench_bench_mh_LDFLAGS = -static

EXTRA_DIST += bench/bench_callgrind.sh bench/README.md

# bench/bench_policy: flow policy engine + HA-level table (issue 4) against
# a linear scan and libpcap's BPF interpreter; links libpcap, so it is
# built only with the tool (configure's PCAP_LIBS).
BENCH_POLICY_PROG =
if ENABLE_TOOLS
check_PROGRAMS += bench/bench_policy
BENCH_POLICY_PROG += bench/bench_policy$(EXEEXT)
endif
bench_bench_policy_SOURCES = bench/bench_policy.c bench/bench_callgrind.h bench/bench_env.h
bench_bench_policy_CPPFLAGS = $(AM_CPPFLAGS) -DMIPFB_STATICLIB
bench_bench_policy_CFLAGS = $(C99FLAG) $(WARNCFLAGS) $(PCAP_CFLAGS) -O2
bench_bench_policy_LDADD = lib/libmipfb.la $(PCAP_LIBS)
bench_bench_policy_LDFLAGS = -static

# bench/bench_ha4: the MIPv4 home agent (issue 5): requests/s and
# instructions per refresh RRQ -> RRP (Multipath + one Flow-Binding +
# HMAC-MD5 verify and sign) at 1,000,000 nodes, bytes per binding, cost of
# expiring 1,000,000 bindings. Instructions: callgrind on
# BENCH_HA4_CG_NODES nodes (setup of 1,000,000 under valgrind is too slow),
# N = BENCH_HA4_ITERS requests / expired bindings.
check_PROGRAMS += bench/bench_ha4
bench_bench_ha4_SOURCES = bench/bench_ha4.c bench/bench_common.h bench/bench_callgrind.h bench/bench_env.h
bench_bench_ha4_CPPFLAGS = $(AM_CPPFLAGS) -DMIPFB_STATICLIB
bench_bench_ha4_CFLAGS = $(C99FLAG) $(WARNCFLAGS) -O2
bench_bench_ha4_LDADD = lib/libmipfb.la
bench_bench_ha4_LDFLAGS = -static
BENCH_HA4_ITERS = 10000
BENCH_HA4_CG_NODES = 100000

BENCH_ITERS = 20000
# Packets per callgrind run of bench_policy (the 1024-rule BPF case costs
# about 10^5 instructions a packet; 4000 packets take about a minute in all).
BENCH_POLICY_ITERS = 4000

bench: bench/bench_mip4$(EXEEXT) bench/bench_mh$(EXEEXT) $(BENCH_POLICY_PROG) bench/bench_ha4$(EXEEXT)
	./bench/bench_mip4$(EXEEXT)
	@echo
	sh $(top_srcdir)/bench/bench_callgrind.sh -n $(BENCH_ITERS) ./bench/bench_mip4$(EXEEXT)
	@echo
	sh $(top_srcdir)/bench/bench_callgrind.sh -n $(BENCH_ITERS) ./bench/bench_mh$(EXEEXT)
	@if test -n "$(BENCH_POLICY_PROG)"; then \
	  echo; \
	  echo "sh $(top_srcdir)/bench/bench_callgrind.sh --tsv --vgopt --instr-atstart=no -n $(BENCH_POLICY_ITERS) ./bench/bench_policy > bench/bench_policy.instr"; \
	  sh $(top_srcdir)/bench/bench_callgrind.sh --tsv --vgopt --instr-atstart=no -n $(BENCH_POLICY_ITERS) \
	    ./bench/bench_policy$(EXEEXT) > bench/bench_policy.instr || exit 1; \
	  echo "./bench/bench_policy --instr bench/bench_policy.instr"; \
	  ./bench/bench_policy$(EXEEXT) --instr bench/bench_policy.instr || exit 1; \
	else echo "bench_policy not built (needs libpcap: configure without --disable-tools)"; fi
	@echo
	BENCH_HA4_NODES=$(BENCH_HA4_CG_NODES) sh $(top_srcdir)/bench/bench_callgrind.sh --tsv --vgopt --instr-atstart=no \
	  -n $(BENCH_HA4_ITERS) ./bench/bench_ha4$(EXEEXT) > bench/bench_ha4.instr
	./bench/bench_ha4$(EXEEXT) --instr bench/bench_ha4.instr

.PHONY: bench
