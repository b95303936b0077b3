#!/bin/sh
# Instructions per message of each bench_mip4 case, measured with callgrind:
# the case runs N and 2N times in two processes and
#   instr/msg = (Ir(2N) - Ir(N)) / N
# so start-up, setup and the dynamic loader cancel out. Prints one table
# with ns/msg (bench_mip4 --tsv, best of 5) next to instr/msg and the budget.
#
#   sh bench/bench_callgrind.sh [-n N] [--no-ns] [BENCH_BINARY]
#
# Default binary: bench/bench_mip4 (run from the build directory); N 20000.
# Not a test: budgets are reported (ok / OVER), the exit status is 0 unless
# something could not run.
set -eu
n=20000
ns=1
while [ $# -gt 0 ]; do
  case $1 in
  -n) n=$2; shift 2 ;;
  --no-ns) ns=0; shift ;;
  -*) echo "usage: $0 [-n N] [--no-ns] [BENCH_BINARY]" >&2; exit 2 ;;
  *) break ;;
  esac
done
bin=${1:-bench/bench_mip4}
case $bin in */*) ;; *) bin=./$bin ;; esac
[ -x "$bin" ] || { echo "$0: $bin not built (make bench/bench_mip4)" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench_cg.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

"$bin" --list > "$tmp/list"
if [ "$ns" = 1 ]; then
  "$bin" --tsv > "$tmp/ns"
else
  : > "$tmp/ns"
fi

have_vg=1
command -v valgrind > /dev/null 2>&1 || have_vg=0

# ir CASE ITERS: total instructions executed by one process.
ir() {
  valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" "$bin" --case "$1" --iters "$2" \
    > /dev/null 2> "$tmp/vg.log" || { cat "$tmp/vg.log" >&2; exit 1; }
  sed -n -e 's/^summary: *\([0-9]*\).*/\1/p' -e 's/^totals: *\([0-9]*\).*/\1/p' "$tmp/cg.out" | tail -n 1
}

printf '%-2s  %-34s %10s %10s  %-14s %s\n' id case ns/msg instr/msg target verdict
while IFS='	' read -r id name target; do
  nsv=$(awk -F'	' -v id="$id" '$1 == id { print $3 }' "$tmp/ns")
  [ -n "$nsv" ] || nsv=-
  if [ "$have_vg" = 1 ]; then
    a=$(ir "$id" "$n")
    b=$(ir "$id" $((2 * n)))
    instr=$(awk -v a="$a" -v b="$b" -v n="$n" 'BEGIN { printf "%.1f", (b - a) / n }')
  else
    instr=n/a
  fi
  verdict=
  budget=$(echo "$target" | sed -n 's/^<= *\([0-9]*\) instr$/\1/p')
  if [ -n "$budget" ] && [ "$instr" != n/a ]; then
    verdict=$(awk -v i="$instr" -v b="$budget" 'BEGIN { print (i <= b) ? "ok" : "OVER" }')
  fi
  printf '%-2s  %-34s %10s %10s  %-14s %s\n' "$id" "$name" "$nsv" "$instr" "$target" "$verdict"
done < "$tmp/list"
[ "$have_vg" = 1 ] || echo "(valgrind not found: no instruction counts)"
echo "(instr/msg = (Ir(2N) - Ir(N)) / N with N = $n, callgrind; ns/msg = best of 5 runs, CLOCK_MONOTONIC)"
