#!/bin/sh
# make check-be: cross-build the library (MIPFB_LIB_SOURCES from
# lib/sources.mk), the Check-free vector runner and the Check suites (with
# tests/be/check.h in place of Check) for 32-bit big-endian MIPS,
# statically, and run tests/vectors/*.vec and every suite under qemu-mips.
#
# Environment: top_srcdir, top_builddir (set by the check-be rule);
#   MIPS_CC   cross compiler (default mips-linux-gnu-gcc)
#   QEMU_MIPS user-mode emulator (default qemu-mips, else qemu-mips-static)
#   CI=true   missing tools are an error instead of a skip (exit 77)
#   CHECK_BE_KEEP=1  keep the objects and the binary in tests/check-be.tmp/
# Needs: apt-get install gcc-mips-linux-gnu libc6-dev-mips-cross qemu-user
set -eu

: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
MIPS_CC=${MIPS_CC:-mips-linux-gnu-gcc}

missing() {
  echo "check-be: $1" >&2
  echo "check-be: install with: apt-get install gcc-mips-linux-gnu libc6-dev-mips-cross qemu-user" >&2
  echo "check-be:   (or: sh scripts/install-deps.sh ci)" >&2
  if [ "${CI:-}" = true ]; then
    echo "check-be: FAILED (CI=true, tools are required)" >&2
    exit 1
  fi
  echo "check-be: SKIPPED" >&2
  exit 77
}

command -v "$MIPS_CC" >/dev/null 2>&1 || missing "cross compiler '$MIPS_CC' not found"
if [ -z "${QEMU_MIPS:-}" ]; then
  for q in qemu-mips qemu-mips-static; do
    if command -v "$q" >/dev/null 2>&1; then QEMU_MIPS=$q; break; fi
  done
fi
if [ -z "${QEMU_MIPS:-}" ] || ! command -v "$QEMU_MIPS" >/dev/null 2>&1; then
  missing "qemu-mips (qemu-user) not found"
fi

# The library's and the Check suite's source lists, from the configured
# Makefile (lib/sources.mk, tests/tests.mk; not repeated here).
mkvar() {
  # A make of its own (not a sub-make of `make check-be`): no inherited
  # flags, no "Entering directory" lines in the answer.
  printf 'check-be-print:\n\t@echo $(%s)\n' "$1" |
    env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make --no-print-directory -s -C "$top_builddir" -f Makefile -f - check-be-print
}
srcs=$(mkvar MIPFB_LIB_SOURCES)
test_srcs=$(mkvar tests_mipfb_test_SOURCES | tr ' ' '\n' | grep '\.c$' | tr '\n' ' ')
# shellcheck disable=SC2086
set -- $srcs
if [ $# -eq 0 ] || [ -z "$test_srcs" ]; then
  echo "check-be: no MIPFB_LIB_SOURCES / tests_mipfb_test_SOURCES in $top_builddir/Makefile" >&2
  exit 1
fi

# The library's warning flags, as configured (WARNCFLAGS in the build's
# Makefile), keeping those the cross compiler accepts; always -Werror.
warn=$(sed -n 's/^WARNCFLAGS *= *//p' "$top_builddir/Makefile" 2>/dev/null || true)
out="$top_builddir/tests/check-be.tmp"
rm -rf "$out"
mkdir -p "$out"
# Removed on exit unless CHECK_BE_KEEP=1 (then the binary stays for qemu-mips -g).
[ "${CHECK_BE_KEEP:-0}" = 1 ] || trap 'rm -rf "$out"' EXIT
echo 'int main(void) { return 0; }' >"$out/probe.c"
flags=
for f in $warn -Werror; do
  case " $flags " in *" $f "*) continue ;; esac
  if "$MIPS_CC" -std=c99 -Werror "$f" -c "$out/probe.c" -o "$out/probe.o" >/dev/null 2>&1; then
    flags="$flags $f"
  else
    echo "check-be: $MIPS_CC does not accept $f, dropped"
  fi
done

cflags="-std=c99 -O2 -static -DMIPFB_STATICLIB -I$top_srcdir/include -I$top_builddir/include$flags"
echo "check-be: $MIPS_CC $cflags"
# cc_all OUT-VAR EXTRA-FLAGS FILE...: compile each file, append the objects to OUT-VAR.
cc_all() {
  var=$1 extra=$2
  shift 2
  for s in "$@"; do
    o="$out/$(echo "$s" | tr / _ | sed 's/\.c$/.o/')"
    echo "  CC(mips) $s"
    # shellcheck disable=SC2086
    "$MIPS_CC" $cflags $extra -c "$top_srcdir/$s" -o "$o"
    eval "$var=\"\$$var $o\""
  done
}
lib_objs=
cc_all lib_objs "" "$@"
vec_objs=
cc_all vec_objs "" tests/vecfile.c tests/vectors_run.c
# The Check suites, with tests/be/check.h standing in for Check (no Check
# library exists for this target).
test_objs=
# shellcheck disable=SC2086
cc_all test_objs "-D_POSIX_C_SOURCE=200809L -I$top_srcdir/tests/be -I$top_srcdir/lib -DVECTOR_DIR=\"$top_srcdir/tests/vectors\"" \
  $test_srcs tests/be/minicheck.c
for prog in vectors_run mipfb_test; do
  case $prog in vectors_run) objs=$vec_objs ;; *) objs=$test_objs ;; esac
  echo "  LD(mips) $out/$prog"
  # shellcheck disable=SC2086
  "$MIPS_CC" $cflags -o "$out/$prog" $objs $lib_objs
done
bin="$out/vectors_run"

# 32-bit, big-endian, MIPS.
hdr=$(readelf -h "$bin")
echo "$hdr" | grep -q 'Class: *ELF32' || { echo "check-be: $bin is not ELF32" >&2; exit 1; }
echo "$hdr" | grep -q 'Data: .*big endian' || { echo "check-be: $bin is not big-endian" >&2; exit 1; }
echo "$hdr" | grep -q 'Machine: *MIPS' || { echo "check-be: $bin is not MIPS" >&2; exit 1; }
echo "check-be: $bin: ELF32, big endian, MIPS"

set -- "$top_srcdir"/tests/vectors/*.vec
[ -f "$1" ] || { echo "check-be: no vector files in $top_srcdir/tests/vectors" >&2; exit 1; }
echo "check-be: $QEMU_MIPS $bin tests/vectors/*.vec"
rc=0
"$QEMU_MIPS" "$bin" "$@" || rc=$?
if [ "$rc" -ne 0 ]; then
  echo "check-be: FAILED (exit $rc)" >&2
  exit 1
fi
echo "check-be: $QEMU_MIPS $out/mipfb_test (every Check suite)"
rc=0
"$QEMU_MIPS" "$out/mipfb_test" || rc=$?
if [ "$rc" -ne 0 ]; then
  echo "check-be: FAILED (mipfb_test exit $rc)" >&2
  exit 1
fi
echo "check-be: PASSED"
