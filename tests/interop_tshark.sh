#!/bin/sh
# Interoperability: what `mipfb encode --pcap` writes, Wireshark reads back
# (wire.md 9.2). Fixed parts, NAI and the authentication extension through
# the `mip.*` fields, the MN-HA authenticator recomputed independently
# (Python hmac) over the bytes tshark saw, IPv4 and UDP checksums verified
# by tshark; Type 154 messages (which tshark 4.0 cannot parse) compared
# octet for octet with wire.md Appendix A through `udp.payload`.
# Environment (TESTS_ENVIRONMENT): MIPFB, top_srcdir, top_builddir.

MIPFB=${MIPFB:-${top_builddir:-.}/tools/mipfb/mipfb}
PYTHON=${PYTHON:-python3}

for tool in tshark "$PYTHON"; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "interop_tshark: $tool not found" >&2
    if [ "$CI" = "true" ]; then exit 1; fi
    exit 77
  fi
done

# check WHAT EXPECTED GOT, status, TAB
. "${top_srcdir:-.}/tests/interop_lib.sh"

# capture JSONL: the capture `mipfb encode --pcap` makes of the objects, on stdout
capture() {
  printf '%s\n' "$1" | "$MIPFB" encode --pcap - - || echo "FAIL: encode --pcap" >&2
}

# fields JSONL DISPLAY_FILTER FIELD...: tshark's fields of that capture, one
# tab-separated line per frame the filter keeps
fields() {
  json=$1 filter=$2
  shift 2
  set -- $(for f in "$@"; do printf -- '-e %s ' "$f"; done)
  capture "$json" | tshark -r - -o udp.check_checksum:TRUE -o ip.check_checksum:TRUE -Y "$filter" \
    -T fields -E separator=/t "$@" 2>/dev/null
}

# An RRQ (S|D|G|T, NAI, MN-HA from key "secret"), an accepting RRP with its
# own addresses, an RRP denied by the HA with NAI.
MSGS='{"proto":"mip4","msg":"rrq","flags":{"S":1,"B":0,"D":1,"M":0,"G":1,"r":0,"T":1,"x":0},"lifetime":1800,"hoa":"10.0.0.2","ha":"10.0.0.1","coa":"192.0.2.10","id":"e8fe6f8012345678","ext":[{"type":131,"name":"nai","nai":"mn@example.com"},{"type":32,"name":"mn_ha_auth","spi":256,"key":"736563726574"}]}
{"proto":"mip4","msg":"rrp","code":0,"lifetime":900,"hoa":"10.0.0.2","ha":"10.0.0.1","id":"e8fe6f8012345678","ext":[{"type":32,"name":"mn_ha_auth","spi":4660,"key":"736563726574"}],"src":"10.0.0.1","dst":"192.0.2.10"}
{"proto":"mip4","msg":"rrp","code":131,"lifetime":0,"hoa":"10.0.0.2","ha":"10.0.0.1","id":"0000000012345678","ext":[{"type":131,"name":"nai","nai":"mn@example.com"},{"type":32,"name":"mn_ha_auth","spi":256,"key":"736563726574"}]}'

got=$(fields "$MSGS" mip mip.type mip.flags mip.life mip.homeaddr mip.haaddr mip.coa mip.code mip.auth.spi mip.nai \
  ip.src ip.dst udp.srcport udp.dstport)
expected=$(printf '%s\n' \
  "1${TAB}0xaa${TAB}1800${TAB}10.0.0.2${TAB}10.0.0.1${TAB}192.0.2.10${TAB}${TAB}0x00000100${TAB}mn@example.com${TAB}192.0.2.1${TAB}198.51.100.1${TAB}434${TAB}434" \
  "3${TAB}${TAB}900${TAB}10.0.0.2${TAB}10.0.0.1${TAB}${TAB}0${TAB}0x00001234${TAB}${TAB}10.0.0.1${TAB}192.0.2.10${TAB}434${TAB}434" \
  "3${TAB}${TAB}0${TAB}10.0.0.2${TAB}10.0.0.1${TAB}${TAB}131${TAB}0x00000100${TAB}mn@example.com${TAB}192.0.2.1${TAB}198.51.100.1${TAB}434${TAB}434")
check "tshark fields of the encoded RRQ and RRPs" "$expected" "$got"

# the authenticator tshark shows is HMAC-MD5("secret", payload through the SPI)
got=$(fields "$MSGS" mip udp.payload mip.auth.auth | "$PYTHON" -c '
import hashlib, hmac, sys
for line in sys.stdin:
    payload, auth = line.split()
    p = bytes.fromhex(payload)
    # the MN-HA extension is last: Type 32, Length 20, SPI, 16-octet authenticator
    want = hmac.new(b"secret", p[:-16], hashlib.md5).hexdigest() if p[-22] == 32 else "no MN-HA last"
    print("ok" if auth == want else "tshark %s, hmac %s" % (auth, want))')
check "MN-HA authenticators recomputed with Python hmac" "$(printf 'ok\nok\nok')" "$got"

# Type 154 (RFC 7629): tshark cannot parse it; compare the octets with wire.md Appendix A
APPENDIX_A=012207080a0000020a000001c000020ae8fe6f80123456789a010004040101809a0200100102010201208800000a00000213c41120140000010064b2639468d34558c4eac16985e7ff69
RRQ_154='{"proto":"mip4","msg":"rrq","flags":{"S":0,"B":0,"D":1,"M":0,"G":0,"r":0,"T":1,"x":0},"lifetime":1800,"hoa":"10.0.0.2","ha":"10.0.0.1","coa":"192.0.2.10","id":"e8fe6f8012345678","ext":[{"type":154,"name":"multipath","subtype":1,"if_att":4,"if_label":1,"bid":1,"B":1,"O":0},{"type":154,"name":"flow_binding","subtype":2,"action":"forward","bids":[1,2],"ts_format":1,"ts":{"dst_start":"10.0.0.2","dport_start":5060,"proto_start":17}},{"type":32,"name":"mn_ha_auth","spi":256,"key":"736563726574"}]}'
got=$(fields "$RRQ_154" mip mip.type mip.flags mip.life mip.homeaddr mip.coa udp.payload)
check "Appendix A RRQ through tshark (fixed part, udp.payload)" \
  "1${TAB}0x22${TAB}1800${TAB}10.0.0.2${TAB}192.0.2.10${TAB}${APPENDIX_A}" "$got"

# checksums: tshark verifies both (status 1 = good) and reports no checksum problem
for json in "$MSGS" "$RRQ_154"; do
  got=$(fields "$json" udp ip.checksum.status udp.checksum.status | sort -u)
  check "IPv4 and UDP checksum status" "1${TAB}1" "$got"
  got=$(fields "$json" 'ip.checksum.status != 1 || udp.checksum.status != 1 || _ws.expert.group == "Checksum"' \
    frame.number)
  check "no frame with checksum expert info" "" "$got"
done

exit $status
