#!/bin/sh
# Runs the simulator on examples/sim/figure2.scn: exit status 0 (every
# expectation holds, no agent misbehaved) and a few lines of the timeline
# (RFC 7629 3.1 call flow, Figure 2 decisions, the HA restart).
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
SIM="$top_builddir/examples/sim/mipfb-sim"
SCN="$top_srcdir/examples/sim/figure2.scn"
out=${TMPDIR:-/tmp}/mipfb-sim-test.$$
trap 'rm -f "$out"' EXIT INT TERM

if [ ! -x "$SIM" ]; then
  echo "sim_test: $SIM not built" >&2
  exit 1
fi
rc=0
"$SIM" "$SCN" >"$out" 2>&1 || rc=$?
if [ "$rc" -ne 0 ]; then
  cat "$out"
  echo "sim_test: mipfb-sim exited with status $rc" >&2
  exit 1
fi

fail=0
need() {
  if ! grep -E -q -- "$1" "$out"; then
    echo "sim_test: timeline lacks: $1" >&2
    fail=1
  fi
}
# RFC 7629 3.1: a request with a Multipath extension, accepted, a tunnel.
need 'MN -> HA via wifi +RRQ .*coa 192\.0\.2\.10'
need '\+ Multipath: BID 1 If-ATT 4 \(IEEE 802\.11\) If-Label 1 B=0 O=0'
need 'HA -> MN via wifi +RRP code 0 \(accepted\)'
need 'HA tunnel ADD +BID 1 10\.0\.0\.1 <-> 192\.0\.2\.10 \(wifi\)'
# CDMA through the foreign agent, both ways.
need 'MN -> FA via cdma +RRQ .*coa 100\.64\.0\.1'
need 'FA -> HA via core +RRQ'
need 'FA -> MN via cdma +RRP code 0'
# The Figure 2 policy on the wire and echoed.
need '\+ Flow-Binding: FORWARD BIDs \[1,2\]  selector UDP dport 5060'
need '\+ Flow-Binding: DROP  selector TCP dport 80'
need '\+ Flow-Binding: FORWARD BIDs \[3,2,1\]  selector TCP dport 22'
# Decisions.
need 'traffic SIP +down .*HA: FORWARD BID 1 \(rule #1\) -> tunnel to 192\.0\.2\.10 = wifi'
need 'traffic SSH +down .*FA delivers on its if 1 .* = cdma'
need 'traffic HTTP +up .*MN: DROP'
# Expiry and restart.
need 'HA tunnel REMOVE BID 2 .*\(lte\)'
need 'HA RESTART: state exported'
need '^all [0-9]+ expectations hold$'
if grep -q 'FAILED' "$out"; then
  grep 'FAILED' "$out" >&2
  fail=1
fi
if [ "$fail" -ne 0 ]; then
  echo "sim_test: see the timeline above" >&2
  cat "$out"
  exit 1
fi
echo "sim_test: $(tail -n 1 "$out")"
# Interfaces that come up together: the whole policy reaches the HA.
if ! "$SIM" -q "$top_srcdir/examples/sim/simultaneous.scn" >"$out" 2>&1; then
  cat "$out"
  echo "sim_test: simultaneous.scn failed" >&2
  exit 1
fi
echo "sim_test: simultaneous.scn: $(tail -n 1 "$out")"
exit 0
