# Benchmarks (not tests). `make bench` builds bench/bench_mip4 and prints
#  1. ns/message (bench/bench_mip4, best of 5 runs, CLOCK_MONOTONIC);
#  2. the same with instructions/message from callgrind
#     (bench/bench_callgrind.sh: (Ir(2N) - Ir(N)) / N).
# The program is a check_PROGRAM so that `make check` compiles it (warnings
# are errors) without running it.
check_PROGRAMS += bench/bench_mip4
bench_bench_mip4_SOURCES = bench/bench_mip4.c
bench_bench_mip4_CPPFLAGS = $(AM_CPPFLAGS) -DMIPFB_STATICLIB
bench_bench_mip4_CFLAGS = $(C99FLAG) $(WARNCFLAGS) -O2
bench_bench_mip4_LDADD = lib/libmipfb.la
bench_bench_mip4_LDFLAGS = -static

EXTRA_DIST += bench/bench_callgrind.sh bench/README.md

BENCH_ITERS = 20000

bench: bench/bench_mip4$(EXEEXT)
	./bench/bench_mip4$(EXEEXT)
	@echo
	sh $(top_srcdir)/bench/bench_callgrind.sh -n $(BENCH_ITERS) ./bench/bench_mip4$(EXEEXT)

.PHONY: bench
