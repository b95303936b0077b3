#!/bin/sh
# Installs what building and testing libmipfb needs on Debian 12, when run as
# root; otherwise prints the command to run. Usage: install-deps.sh [core|ci]
#   core: build tools, Check, libpcap, jansson, tshark (make check, make demo)
#   ci:   core + clang (ASan/UBSan, libFuzzer), doxygen, MIPS cross compiler, qemu-user, valgrind
set -eu
level=${1:-core}

core_pkgs="autoconf automake libtool make pkg-config gcc check libpcap-dev libjansson-dev tshark python3"
ci_pkgs="clang libclang-rt-14-dev doxygen gcc-mips-linux-gnu libc6-dev-mips-cross qemu-user valgrind python3-scapy"

pkgs=$core_pkgs
[ "$level" = ci ] && pkgs="$core_pkgs $ci_pkgs"

missing=
for p in $pkgs; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "install-deps: installing:$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends $missing
else
  echo "install-deps: missing packages:$missing" >&2
  echo "install-deps: run:  sudo apt-get install$missing" >&2
  exit 1
fi
