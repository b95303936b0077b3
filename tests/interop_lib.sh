# Helper of the interop tests (sourced by tests/interop_tshark.sh and
# tests/interop_mh.sh): `check WHAT EXPECTED GOT` prints ok/FAIL and sets
# status=1 on a mismatch.
status=0
TAB=$(printf '\t')

check() {
  if [ "$2" = "$3" ]; then
    echo "ok: $1"
  else
    printf 'FAIL: %s\n  got      %s\n  expected %s\n' "$1" "$3" "$2"
    status=1
  fi
}
