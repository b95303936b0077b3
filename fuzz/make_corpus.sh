#!/bin/sh
# Seed the fuzz corpora from the codec vectors and wire.md Appendix A.
#
#   sh fuzz/make_corpus.sh [TOP_SRCDIR]
#
# Writes fuzz/corpus/<target>/<sha256 of the file> (existing files, such as
# clusterfuzz-<id> reproducers and inputs found by fuzzing, are kept). Run
# once after the vectors change; the output is kept in the tree.
#   fuzz_mip4_decode, fuzz_mip4_roundtrip: selector byte, then the message.
#     Selector bit 0 = draft profile, bit 1 = strict reserved bits; each
#     vector is written with its profile, and ok vectors also with strict on.
#   fuzz_ts_decode: TS Format byte, then the selector.
#   fuzz_mh_decode, fuzz_mh_roundtrip: selector byte (bit 0 draft profile,
#     bit 2 checksum: vectors with addresses also with it), then the MH.
#   fuzz_mh_opt_iter: offset of the first option, then the MH.
# Needs: awk, sha256sum, printf with octal escapes.
set -eu
top=${1:-$(cd "$(dirname "$0")/.." && pwd)}
corpus="$top/fuzz/corpus"
mkdir -p "$corpus/fuzz_mip4_decode" "$corpus/fuzz_mip4_roundtrip" "$corpus/fuzz_ts_decode" \
  "$corpus/fuzz_mh_decode" "$corpus/fuzz_mh_opt_iter" "$corpus/fuzz_mh_roundtrip"

# put TARGET SELECTOR_BYTE HEX: write one corpus file named by its SHA-256.
put() {
  tmp="$corpus/$1/.tmp.$$"
  oct=$(printf '%02x%s' "$2" "$3" | awk '{
      h = "0123456789abcdef"; s = tolower($0); out = "";
      for (i = 1; i < length(s); i += 2)
        out = out sprintf("\\%03o", (index(h, substr(s, i, 1)) - 1) * 16 + index(h, substr(s, i + 1, 1)) - 1);
      print out }')
  # shellcheck disable=SC2059
  printf "$oct" > "$tmp"
  sum=$(sha256sum "$tmp" | cut -d' ' -f1)
  mv "$tmp" "$corpus/$1/$sum"
}

# Vectors: one line per vector, "codec profile format expect hex".
for vec in "$top"/tests/vectors/*.vec; do
  [ -f "$vec" ] || continue
  awk '
    /^vector / { codec = ""; profile = "rfc"; format = "1"; expect = ""; hex = ""; src = 0; next }
    /^src /    { src = 1; next }
    /^codec /  { codec = $2; next }
    /^profile / { profile = $2; next }
    /^format / { format = $2; next }
    /^expect / { expect = $2; next }
    /^hex /    { sub(/^hex[ \t]+/, ""); gsub(/[ \t]/, ""); hex = hex $0; next }
    /^end/     { if (codec != "") print codec, profile, format, expect, (hex == "" ? "-" : hex), src }
  ' "$vec"
done | while read -r codec profile format expect hex src; do
  [ "$hex" = "-" ] && hex=
  case $codec in
  mip4)
    sel=0
    [ "$profile" = draft ] && sel=1
    put fuzz_mip4_decode "$sel" "$hex"
    put fuzz_mip4_roundtrip "$sel" "$hex"
    if [ "$expect" = ok ]; then
      put fuzz_mip4_decode $((sel + 2)) "$hex"
      put fuzz_mip4_roundtrip $((sel + 2)) "$hex"
    fi
    ;;
  ts)
    put fuzz_ts_decode "$format" "$hex"
    ;;
  mh)
    sel=0
    [ "$profile" = draft ] && sel=1
    put fuzz_mh_decode "$sel" "$hex"
    put fuzz_mh_roundtrip "$sel" "$hex"
    if [ "$src" = 1 ]; then
      put fuzz_mh_decode $((sel + 4)) "$hex"
      put fuzz_mh_roundtrip $((sel + 4)) "$hex"
    fi
    case $(printf '%s' "$hex" | cut -c5-6) in
    00) start=8 ;;
    07) start=24 ;;
    *) start=12 ;;
    esac
    put fuzz_mh_opt_iter "$start" "$hex"
    ;;
  esac
done

# wire.md Appendix A.
rrq=012207080a0000020a000001c000020ae8fe6f80123456789a010004040101809a0200100102010201208800000a00000213c41120140000010064b2639468d34558c4eac16985e7ff69
for sel in 0 1 2 3 4; do
  put fuzz_mip4_decode "$sel" "$rrq"
done
put fuzz_mip4_decode 20 "$rrq" # small extension array (2 entries): NOBUF path
put fuzz_mip4_roundtrip 0 "$rrq"
put fuzz_mip4_roundtrip 1 "$rrq"
put fuzz_ts_decode 1 208800000a00000213c411
put fuzz_ts_decode 2 8032000020010db80000000000000000000000051f401f9006

put fuzz_mh_decode 248 3b01050000000007c00000640102000000 # 31-entry option array (selector bits 3-7)
# code points from the input (selector bit 1): BID type 200, flow types swapped, O flag 0x0040
put fuzz_mh_decode 2 c82d2c3f40163b0305000000000007c0000064c8030102030103000000031020010db8000100000000000000000005
put fuzz_mh_roundtrip 3 232c2d3f40163b04050050520007c040006401040000000023140001000020010db8000200000000000000000007

echo "corpus: $(ls "$corpus/fuzz_mip4_decode" | wc -l) mip4_decode," \
  "$(ls "$corpus/fuzz_mip4_roundtrip" | wc -l) mip4_roundtrip," \
  "$(ls "$corpus/fuzz_ts_decode" | wc -l) ts_decode," \
  "$(ls "$corpus/fuzz_mh_decode" | wc -l) mh_decode," \
  "$(ls "$corpus/fuzz_mh_opt_iter" | wc -l) mh_opt_iter," \
  "$(ls "$corpus/fuzz_mh_roundtrip" | wc -l) mh_roundtrip"
