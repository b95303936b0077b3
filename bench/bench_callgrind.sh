#!/bin/sh
# Instructions per message of each case of a bench program (bench_mip4,
# bench_policy), measured with callgrind: the case runs N and 2N times in
# two processes and
#   instr/msg = (Ir(2N) - Ir(N)) / N
# so start-up, setup and the dynamic loader cancel out. Prints one table
# with ns/msg (BENCH_BINARY --tsv, best of 5) next to instr/msg and the budget.
#
#   sh bench/bench_callgrind.sh [-n N] [--no-ns] [--tsv] [--vgopt OPT]... [BENCH_BINARY]
#
# The binary answers --list ("id<TAB>name<TAB>target" lines), --tsv
# ("id<TAB>name<TAB>ns") and --case ID --iters N.
# --tsv: print only "id<TAB>instr/msg" lines (no ns run, no table), for a
#   program that prints its own table (bench_policy --instr FILE).
# --vgopt OPT: pass OPT to valgrind, e.g. --instr-atstart=no for a program
#   that starts instrumentation itself after a long setup.
# Default binary: bench/bench_mip4 (run from the build directory); N 20000.
# Not a test: budgets are reported (ok / OVER), the exit status is 0 unless
# something could not run.
set -eu
n=20000
ns=1
tsv=0
vgopt=
while [ $# -gt 0 ]; do
  case $1 in
  -n) n=$2; shift 2 ;;
  --no-ns) ns=0; shift ;;
  --tsv) tsv=1; ns=0; shift ;;
  --vgopt) vgopt="$vgopt $2"; shift 2 ;;
  -*) echo "usage: $0 [-n N] [--no-ns] [--tsv] [--vgopt OPT]... [BENCH_BINARY]" >&2; exit 2 ;;
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

# ir CASE ITERS TAG: total instructions executed by one process (TAG keeps
# the files of concurrent runs apart).
ir() {
  # shellcheck disable=SC2086
  valgrind --tool=callgrind $vgopt --callgrind-out-file="$tmp/cg.$3.out" "$bin" --case "$1" --iters "$2" \
    > /dev/null 2> "$tmp/vg.$3.log" || { cat "$tmp/vg.$3.log" >&2; exit 1; }
  sed -n -e 's/^summary: *\([0-9]*\).*/\1/p' -e 's/^totals: *\([0-9]*\).*/\1/p' "$tmp/cg.$3.out" | tail -n 1
}

[ "$tsv" = 1 ] || printf '%-2s  %-34s %10s %10s  %-14s %s\n' id case ns/msg instr/msg target verdict
while IFS='	' read -r id name target; do
  nsv=$(awk -F'	' -v id="$id" '$1 == id { print $3 }' "$tmp/ns")
  [ -n "$nsv" ] || nsv=-
  if [ "$have_vg" = 1 ]; then
    # The two runs are independent: run them side by side.
    ir "$id" "$n" a > "$tmp/a" &
    pa=$!
    ir "$id" $((2 * n)) b > "$tmp/b" || exit 1
    wait "$pa" || exit 1
    a=$(cat "$tmp/a")
    b=$(cat "$tmp/b")
    instr=$(awk -v a="$a" -v b="$b" -v n="$n" 'BEGIN { printf "%.1f", (b - a) / n }')
  else
    instr=n/a
  fi
  verdict=
  budget=$(echo "$target" | sed -n 's/^<= *\([0-9]*\) instr$/\1/p')
  if [ -n "$budget" ] && [ "$instr" != n/a ]; then
    verdict=$(awk -v i="$instr" -v b="$budget" 'BEGIN { print (i <= b) ? "ok" : "OVER" }')
  fi
  if [ "$tsv" = 1 ]; then
    printf '%s\t%s\n' "$id" "$instr"
    continue
  fi
  printf '%-2s  %-34s %10s %10s  %-14s %s\n' "$id" "$name" "$nsv" "$instr" "$target" "$verdict"
done < "$tmp/list"
[ "$have_vg" = 1 ] || echo "(valgrind not found: no instruction counts)" >&2
[ "$tsv" = 1 ] && exit 0
echo "(instr/msg = (Ir(2N) - Ir(N)) / N with N = $n, callgrind; ns/msg = best of 5 runs, CLOCK_MONOTONIC)"
