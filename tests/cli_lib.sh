# Helpers of the mipfb command tests (sourced by tests/cli_test.sh and
# tests/cli_mh_test.sh): the command and Python, a scratch directory
# ($tmp), counters and checks. Exits 77 (skip) when Python is missing,
# unless CI=true.

MIPFB=${MIPFB:-${top_builddir:-.}/tools/mipfb/mipfb}
PYTHON=${PYTHON:-python3}
if ! command -v "$PYTHON" >/dev/null 2>&1; then
  echo "$0: $PYTHON not found" >&2
  if [ "$CI" = "true" ]; then exit 1; fi
  exit 77
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mipfb-cli.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
failures=0
checks=0

fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

# expect_rc WANT GOT WHAT
expect_rc() {
  checks=$((checks + 1))
  [ "$1" = "$2" ] || fail "$3: exit status $2, expected $1"
}

# expect_eq WANT GOT WHAT
expect_eq() {
  checks=$((checks + 1))
  [ "$1" = "$2" ] || fail "$3:
  got      $2
  expected $1"
}

# jcheck JSON_LINES PYTHON_EXPR WHAT: the expression holds with `o` = the
# first object and `objs` = all of them (key order kept).
jcheck() {
  checks=$((checks + 1))
  printf '%s\n' "$1" | "$PYTHON" -c '
import json, sys
objs = [json.loads(l) for l in sys.stdin if l.strip()]
o = objs[0] if objs else None
sys.exit(0 if eval(sys.argv[1]) else 1)' "$2" || fail "$3: [$2] does not hold for: $1"
}

# run_check RC PYTHON_EXPR WHAT ARGS...: `mipfb ARGS` exits RC and its output satisfies the expression
run_check() {
  want=$1 expr=$2 what=$3
  shift 3
  out=$("$MIPFB" "$@")
  expect_rc "$want" $? "$what"
  jcheck "$out" "$expr" "$what"
}

# expect_error HEX CODE OFFSET WHAT [decode options]: rejected with CODE at OFFSET, exit 1
expect_error() {
  hex=$1 code=$2 off=$3 what=$4
  shift 4
  run_check 1 "list(o) == ['error', 'detail', 'offset'] and o['error'] == '$code' and o['offset'] == $off and o['detail'] != ''" \
    "$what" decode "$@" --hex "$hex"
}

