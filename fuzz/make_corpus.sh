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
  oct=$(printf '%02x%s' "$2" "$3" | tr -d ' ' | awk '{
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

# Agent scripts (the headers of fuzz_ha4.c / fuzz_mn4.c give the encoding;
# spaces separate the operations): the selector is the first configuration
# octet; the targets sign the messages themselves.
mkdir -p "$corpus/fuzz_ha4" "$corpus/fuzz_mn4" "$corpus/fuzz_flow_burst"
# HA: c1 0x3f = 8 nodes x 8 bindings, c2 0x6f = 16 bindings, 8 rules per node.
#   RRQ = 02 a flags lifetime ext bid att coa nfb [fb: action ts...] idm src mutation
#   register BID 1, then BID 2 with a policy of 3 rules; classify; expire
put fuzz_ha4 4 "3f6f 02000004010001000000010002000004010112040300010802520100000100 070011 070822 081e 0301"
#   refresh BID 1 after 50 s, then jump to the deadlines
put fuzz_ha4 4 "3f6f 020000040100010000000100 0832 020000040100010000000100 0301 0301 0301"
#   B = 1: BIDs 1 and 2, then BID 1 with B extends both
put fuzz_ha4 4 "3f6f 020000040100010000000100 020000040101120400000100 020000050500010000000100 0301"
#   O = 1: BIDs 1 and 2, then BID 2 with O overwrites the others
put fuzz_ha4 4 "3f6f 020000040100010000000100 020000040101120400000100 020000040901120400000100 0301"
#   deregister BID 2, then all with B = 1 (lifetime 0); the idle record expires
put fuzz_ha4 4 "3f6f 020000040100010000000100 020000040101120400000100 020000000101120400000100 020000000500010000000100 0301 0301 0301 0301"
#   max_lifetime 3 s: register, a single binding (no Multipath, S set), expiry
put fuzz_ha4 68 "3f6f 020000040100010000000100 020180030000010000000100 0805 0301 0301 0301 0301"
#   export / import: plain and continue with it, one octet changed, body re-sealed
put fuzz_ha4 4 "3f6f 020000040100010000000100 0200000401011204020001080252000100 0604 020000040100010000000100 0601010506 0673101112 0301"
#   failing tunnel, flow and send hooks; wrong home agent address; replayed Identification
put fuzz_ha4 4 "3f6f 0400 020000040100010000000100 0401 0200000401011204010001000000 0402 020000040102130000000100 022000040100010000000100 020000040100010000010100"
#   NAI keying: a request by NAI only (the SA assigns the home address), one with both
put fuzz_ha4 20 "3f6f 020800040100010000000100 021000040101120400000100 0301"
#   draft profile: Multiple Tunnel Request with bandwidth; multipath not authorized
#   (node 4); EnableMultipleTunnelSupport off
put fuzz_ha4 5 "3f6f 020000041200010000000100 020400040100010000000100 0500 020100041202020000000100 0301"
# MN: c1 0x3f = 8 interfaces, 8 rules, lifetime 600 (0x7f: 10 s); c2 0x30 = 4 transmissions.
#   UP = 05 id a b; RRP = 02 b0 b1 b2 code [fb...] mutation; POLICY = 09 id n [rule...]
#   two interfaces registered, a policy and its reply, classification, refresh
put fuzz_mn4 0 "3f30 05000011 020000000000 05010122 020000000000 09000200010800 02000020000400040000 0a00 0a10 0301 0301 0301"
#   foreign agent care-of address and bulk refresh (lifetime 10 s)
put fuzz_mn4 8 "7f30 05002111 020000000000 05013122 020000000000 0301 0301 0301 0301"
#   152: multipath off, one binding left
put fuzz_mn4 0 "3f30 05000011 020000000000 05010122 024000000000 0301 020000000000 0301"
#   153 to a policy: the bindings again, then the policy
put fuzz_mn4 0 "3f30 05000011 020000000000 0900010000 025000000000 0301 020000000000"
#   133: clock resync from the home agent's time, then the reply
put fuzz_mn4 0 "3f30 05000011 02600000000500 020000000000"
#   down, deregister, go home and the reply to it
put fuzz_mn4 0 "3f30 05000011 020000000000 05010122 020000000000 0600 0701 0800 020000000000 0301 0301"
#   no reply: retransmissions until the binding fails, then up again
put fuzz_mn4 0 "3f30 05000011 0301 0301 0301 0301 0301 0301 05000011"
#   draft profile: Multiple Tunnel Request; failing tunnel and send hooks
put fuzz_mn4 5 "3f30 05000011 0400 020000000000 0402 05010122 020000000000 0301"

# Flow burst: header byte (bit 0 FROM_MN, bits 1-7 which nodes go in the table),
#   then packets as a length octet and the packet.
#   to the nodes, all in the table: IPv4 TCP/UDP/ESP/ICMP/SCTP, a first and a non-first
#   fragment, IPv6 UDP with traffic class and flow label, hop-by-hop, fragment headers
put fuzz_flow_burst 254 "284500002800000000400600000a1400010ac800099c40138f000000000000000050020400000000001c4500001c00000000401100000a2100020ac800099c41139600080000306b8123450008114020010db800210000000000000000000120010db80000000000000000000000099c4213880008000038600000000010004020010db800210000000000000000000120010db800000000000000000000000911000104000000009c43139d00080000386000000000102c4020010db800210000000000000000000120010db800000000000000000000000911000001000000019c4413a400080000386000000000102c4020010db800210000000000000000000120010db8000000000000000000000009110000080000000100000000000000001c4500001c00000000403200000a1400010ac8000900001000000000011c4500001c00000001401100000a1400010ac800099c4513ab000800001c4500001c00000000400100000a1400010ac8000908000000000000001c4500001c00000000408400000a1400010ac800099c4613b200000000"
#   no node in the table: every packet NOT_FOUND
put fuzz_flow_burst 0 "284500002800000000400600000a1400010ac800099c40138f000000000000000050020400000000001c4500001c00000000401100000a2100020ac800099c41139600080000306b8123450008114020010db800210000000000000000000120010db80000000000000000000000099c4213880008000038600000000010004020010db800210000000000000000000120010db800000000000000000000000911000104000000009c43139d00080000"
#   from the nodes (FROM_MN): replies matched by the mirrored rules
put fuzz_flow_burst 255 "284500002800000000400600000ac800090a140001138f9c400000000000000000500204000000000030600000000008114020010db800000000000000000000000920010db800210000000000000000000113889c4200080000"
#   malformed: cut IPv4 header, IHL 4, version 5, IPv6 extension header past the end,
#   an empty packet; then two good ones
put fuzz_flow_burst 170 "134500002800000000400600000a1400010ac800284400002800000000400600000a1400010ac800099c40138f00000000000000005002040000000000285500002800000000400600000a1400010ac800099c40138f0000000000000000500204000000000030600000000008004020010db800210000000000000000000120010db8000000000000000000000009110401040000000000284500002800000000400600000a1400010ac800099c40138f000000000000000050020400000000001c4500001c00000000401100000a2100020ac800099c41139600080000"

echo "corpus: $(ls "$corpus/fuzz_mip4_decode" | wc -l) mip4_decode," \
  "$(ls "$corpus/fuzz_mip4_roundtrip" | wc -l) mip4_roundtrip," \
  "$(ls "$corpus/fuzz_ts_decode" | wc -l) ts_decode," \
  "$(ls "$corpus/fuzz_mh_decode" | wc -l) mh_decode," \
  "$(ls "$corpus/fuzz_mh_opt_iter" | wc -l) mh_opt_iter," \
  "$(ls "$corpus/fuzz_mh_roundtrip" | wc -l) mh_roundtrip," \
  "$(ls "$corpus/fuzz_ha4" | wc -l) ha4, $(ls "$corpus/fuzz_mn4" | wc -l) mn4," \
  "$(ls "$corpus/fuzz_flow_burst" | wc -l) flow_burst"
