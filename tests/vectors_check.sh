#!/bin/sh
# Runs the Check-free vector runner over every tests/vectors/*.vec.
# top_srcdir and top_builddir come from TESTS_ENVIRONMENT (tests/tests.mk).
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=$top_srcdir}"

runner="$top_builddir/tests/vectors_run"
if [ ! -x "$runner" ]; then
  echo "vectors_check: $runner not built" >&2
  exit 99
fi
set -- "$top_srcdir"/tests/vectors/*.vec
if [ ! -f "$1" ]; then
  echo "vectors_check: no vector files in $top_srcdir/tests/vectors" >&2
  exit 99
fi
exec "$runner" "$@"
