#!/bin/sh
# `mipfb classify` from outside the library (cli.md); the checks are in
# classify_test.py (Python 3 standard library only).
PYTHON=${PYTHON:-python3}
if ! command -v "$PYTHON" >/dev/null 2>&1; then
  echo "classify_test: $PYTHON not found" >&2
  if [ "$CI" = "true" ]; then exit 1; fi
  exit 77
fi
exec "$PYTHON" "${top_srcdir:-.}/tests/classify_test.py"
