#!/bin/sh
# Replay every seed and reproducer in fuzz/corpus/<target>/ through the
# non-libFuzzer build of each fuzz target (fuzz/replay_<target>, built by
# `make check` from fuzz/fuzz.mk). Any invariant failure aborts the replay
# binary and fails this test.
# Environment (set by TESTS_ENVIRONMENT): top_srcdir, top_builddir.
set -u
top_srcdir=${top_srcdir:-$(dirname "$0")/..}
top_builddir=${top_builddir:-.}

fail=0
for t in fuzz_mip4_decode fuzz_ts_decode fuzz_mip4_roundtrip fuzz_policy_diff \
  fuzz_mh_decode fuzz_mh_opt_iter fuzz_mh_roundtrip fuzz_ha4 fuzz_mn4 fuzz_flow_burst; do
  bin="$top_builddir/fuzz/replay_$t"
  dir="$top_srcdir/fuzz/corpus/$t"
  if [ ! -x "$bin" ]; then
    echo "FAIL: $bin not built"
    fail=1
    continue
  fi
  if [ ! -d "$dir" ]; then
    echo "FAIL: no corpus $dir"
    fail=1
    continue
  fi
  n=$(find "$dir" -type f ! -name '.*' | wc -l)
  if [ "$n" -eq 0 ]; then
    echo "FAIL: empty corpus $dir"
    fail=1
    continue
  fi
  if "$bin" "$dir"; then
    echo "PASS: $t ($n inputs)"
  else
    echo "FAIL: $t (exit $?)"
    fail=1
  fi
done
exit $fail
