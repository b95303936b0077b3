/*
 * bench_callgrind.h: CALLGRIND_START_INSTRUMENTATION from valgrind's header
 * when it is installed, else nothing. Programs that build a large state
 * before the measured loop start the instrumentation there and are run
 * under `valgrind --tool=callgrind --instr-atstart=no`
 * (bench_callgrind.sh --vgopt --instr-atstart=no).
 */
#ifndef MIPFB_BENCH_CALLGRIND_H
#define MIPFB_BENCH_CALLGRIND_H

#if defined(__has_include)
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#endif
#endif
#ifndef CALLGRIND_START_INSTRUMENTATION
#define CALLGRIND_START_INSTRUMENTATION
#endif

#endif /* MIPFB_BENCH_CALLGRIND_H */
