#!/bin/sh
# Tests of the mipfb command (cli.md): decode of the wire.md Appendix A
# vectors, --key, every error code reachable from MIPv4 input with its
# offset, encode -> decode round trips (both profiles, every extension
# kind), raw / pcap / stdin / file input and output, pcap link types,
# Mobility Header detection, usage errors.
# Environment (TESTS_ENVIRONMENT): MIPFB, top_srcdir, top_builddir.

. "${top_srcdir:-.}/tests/cli_lib.sh"

# ---------------------------------------------------------------- Appendix A
FIXED=012207080a0000020a000001c000020ae8fe6f8012345678
MPATH=9a010004040101 # Multipath, ATT 4, label 1, BID 1, flags follow
FB=9a0200100102010201208800000a00000213c411
AUTH=20140000010064b2639468d34558c4eac16985e7ff69
RRQ_A=${FIXED}${MPATH}80${FB}${AUTH}
RRQ_A_JSON='{"proto":"mip4","msg":"rrq","flags":{"S":0,"B":0,"D":1,"M":0,"G":0,"r":0,"T":1,"x":0},"lifetime":1800,"hoa":"10.0.0.2","ha":"10.0.0.1","coa":"192.0.2.10","id":"e8fe6f8012345678","ext":[{"type":154,"name":"multipath","subtype":1,"if_att":4,"if_label":1,"bid":1,"B":1,"O":0},{"type":154,"name":"flow_binding","subtype":2,"action":"forward","bids":[1,2],"ts_format":1,"ts":{"dst_start":"10.0.0.2","dport_start":5060,"proto_start":17}},{"type":32,"name":"mn_ha_auth","spi":256,"authenticator":"64b2639468d34558c4eac16985e7ff69"}]}'

out=$("$MIPFB" decode --hex "$RRQ_A")
expect_rc 0 $? "decode Appendix A RRQ"
expect_eq "$RRQ_A_JSON" "$out" "decode Appendix A RRQ (exact line)"
jcheck "$out" "o['proto'] == 'mip4' and o['msg'] == 'rrq' and o['flags'] == {'S': 0, 'B': 0, 'D': 1, 'M': 0, 'G': 0, 'r': 0, 'T': 1, 'x': 0}" "RRQ flags D|T"
jcheck "$out" "o['lifetime'] == 1800 and o['hoa'] == '10.0.0.2' and o['ha'] == '10.0.0.1' and o['coa'] == '192.0.2.10' and o['id'] == 'e8fe6f8012345678'" "RRQ fixed fields"
jcheck "$out" "o['ext'][0] == {'type': 154, 'name': 'multipath', 'subtype': 1, 'if_att': 4, 'if_label': 1, 'bid': 1, 'B': 1, 'O': 0}" "Multipath extension"
jcheck "$out" "o['ext'][1]['action'] == 'forward' and o['ext'][1]['bids'] == [1, 2] and o['ext'][1]['ts_format'] == 1 and o['ext'][1]['ts'] == {'dst_start': '10.0.0.2', 'dport_start': 5060, 'proto_start': 17}" "Flow-Binding extension"
jcheck "$out" "o['ext'][2] == {'type': 32, 'name': 'mn_ha_auth', 'spi': 256, 'authenticator': '64b2639468d34558c4eac16985e7ff69'}" "MN-HA extension"

# the IPv6 selector of Appendix A inside a Flow-Binding extension (length 4+25 = 29 after Length)
TS6=8032000020010db80000000000000000000000051f401f9006
run_check 0 "o['ext'][0]['ts_format'] == 2 and o['ext'][0]['ts'] == {'src_start': '2001:db8::5', 'dport_start': 8000, 'dport_end': 8080, 'nh_start': 6}" "IPv6 selector fields (RFC 5952 text)" decode --hex "${FIXED}9a02001d01010102${TS6}"

# ---------------------------------------------------------------- --key
run_check 0 "o['ext'][2]['auth_ok'] is True and list(o['ext'][2])[-1] == 'auth_ok'" "auth_ok true" decode --key 256:736563726574 --hex "$RRQ_A"
run_check 0 "o['ext'][2]['auth_ok'] is True" "auth_ok with hex SPI" decode --key 0x100:736563726574 --key 7:00 --hex "$RRQ_A"
run_check 0 "'auth_ok' not in o['ext'][2]" "no auth_ok without a key for the SPI" decode --key 257:736563726574 --hex "$RRQ_A"
expect_error "$RRQ_A" auth_failed 58 "--key with a wrong key" --key 256:736563726575

# ---------------------------------------------------------------- error codes and offsets
expect_error 01 truncated 1 "truncated fixed part"
expect_error "${FIXED}9a01000404" truncated 26 "truncated: Length past the end"
expect_error "${FIXED}${MPATH}8020" truncated 33 "truncated: extension without its Length"
expect_error "${FIXED}9a0100050401018000" bad_length 26 "bad_length: Multipath Length 5"
expect_error "${FIXED}9a020007010201020120000000" bad_length 26 "bad_length: Flow-Binding Length short of the selector"
expect_error "${FIXED}9a01000404010080" bad_value 30 "bad_value: Multipath BID 0"
expect_error "${FIXED}9a0100040401ff80" bad_value 30 "bad_value: Multipath BID 255"
expect_error "${FIXED}${MPATH}c0" bad_value 31 "bad_value: B and O both set"
expect_error "${FIXED}9a0200020100" bad_value 29 "bad_value: BID Count 0"
run_check 1 "o['error'] == 'bad_value' and o['offset'] >= 32" "bad_value: End Source Address without Start" decode --hex "${FIXED}9a02000801010101400000000a"
expect_error "${FIXED}${MPATH}80${MPATH}80" duplicate 32 "duplicate: two Multipath extensions"
expect_error "${FIXED}0500" unknown_nonskippable 24 "unknown_nonskippable: Type 5"
expect_error "${FIXED}9a03000401010180" unknown_nonskippable 25 "unknown_nonskippable: Type 154 Subtype 3"
expect_error "${FIXED}${AUTH}830161" bad_order 46 "bad_order: NAI after MN-HA"
expect_error "${FIXED}${AUTH}${MPATH}80" bad_order 46 "bad_order: Multipath after MN-HA"
expect_error 020000 unsupported 0 "unsupported: message Type 2"
run_check 1 "o['error'] == 'unsupported' and o['offset'] in (31, 32)" "unsupported: TS Format 3" decode --hex "${FIXED}9a020005010101038000000000000000"
run_check 1 "o['error'] == 'bad_value'" "bad_value: TS Format 0" decode --hex "${FIXED}9a02000401010100"

# skippable unknown extension decodes
run_check 0 "o['ext'] == [{'type': 200, 'name': 'unknown', 'data': '0102'}]" "unknown extension object" decode --hex "${FIXED}c8020102"

# ---------------------------------------------------------------- Mobility Header detection
# (Mobility Header decoding itself: tests/cli_mh_test.sh)
run_check 1 "o['error'] == 'truncated' and o['offset'] == 1" "first octet 59: decoded as a Mobility Header" decode --hex 3b010500000000000001000000
run_check 1 "o['error'] == 'bad_value' and o['offset'] == 0" "--proto mh: Payload Proto of an RRQ is not 59" decode --proto mh --src 2001:db8::1 --dst 2001:db8::2 --hex "$RRQ_A"
out=$("$MIPFB" decode --proto mip4 --src 192.0.2.1 --dst 192.0.2.2 --hex "$RRQ_A")
expect_rc 0 $? "--proto mip4 with --src/--dst"
expect_eq "$RRQ_A_JSON" "$out" "--proto mip4 output"

# ---------------------------------------------------------------- round trips
# Each object: encode, decode the hex; the decoded object equals the input
# (keys in order) with "key" turned into the computed "authenticator", and
# re-encoding the decoded object gives the same octets.
cat > "$tmp/rt_rfc.jsonl" <<'EOF'
{"proto":"mip4","msg":"rrq","flags":{"S":0,"B":0,"D":1,"M":0,"G":0,"r":0,"T":1,"x":0},"lifetime":1800,"hoa":"10.0.0.2","ha":"10.0.0.1","coa":"192.0.2.10","id":"e8fe6f8012345678","ext":[{"type":154,"name":"multipath","subtype":1,"if_att":4,"if_label":1,"bid":1,"B":1,"O":0},{"type":154,"name":"flow_binding","subtype":2,"action":"forward","bids":[1,2],"ts_format":1,"ts":{"dst_start":"10.0.0.2","dport_start":5060,"proto_start":17}},{"type":32,"name":"mn_ha_auth","spi":256,"key":"736563726574"}]}
{"proto":"mip4","msg":"rrq","flags":{"S":1,"B":1,"D":0,"M":1,"G":1,"r":0,"T":0,"x":0},"lifetime":0,"hoa":"0.0.0.0","ha":"10.0.0.1","coa":"203.0.113.9","id":"0000000000000001","ext":[{"type":131,"name":"nai","nai":"mn@example.com"},{"type":154,"name":"multipath","subtype":1,"if_att":3,"if_label":255,"bid":254,"B":1,"O":0},{"type":154,"name":"flow_binding","subtype":2,"action":"forward","bids":[1,2,3,4,5,6,7,8],"ts_format":1,"ts":{"src_start":"198.51.100.1","src_end":"198.51.100.9","dst_start":"10.0.0.2","dst_end":"10.0.0.3","spi_start":1,"spi_end":4294967295,"sport_start":1,"sport_end":1024,"dport_start":80,"dport_end":443,"ds_start":8,"ds_end":252,"proto_start":6,"proto_end":17}},{"type":32,"name":"mn_ha_auth","spi":4294967295,"key":"00112233445566778899aabbccddeeff"},{"type":200,"name":"unknown","data":"cafe"},{"type":33,"name":"mn_fa_auth","spi":300,"key":"0102030405060708090a0b0c0d0e0f10"},{"type":34,"name":"fa_ha_auth","spi":301,"authenticator":"000102030405060708090a0b0c0d0e0f"}]}
{"proto":"mip4","msg":"rrq","flags":{"S":0,"B":0,"D":0,"M":0,"G":0,"r":0,"T":0,"x":0},"lifetime":65535,"hoa":"10.0.0.2","ha":"10.0.0.1","coa":"192.0.2.10","id":"ffffffffffffffff","ext":[{"type":154,"name":"multipath","subtype":1,"if_att":4,"if_label":2,"bid":2,"B":0,"O":1},{"type":32,"name":"mn_ha_auth","spi":256,"key":"736563726574"}]}
{"proto":"mip4","msg":"rrp","code":0,"lifetime":900,"hoa":"10.0.0.2","ha":"10.0.0.1","id":"e8fe6f8012345678","ext":[{"type":154,"name":"flow_binding","subtype":2,"action":"drop","bids":[255],"ts_format":2,"ts":{"src_start":"2001:db8::5","src_end":"2001:db8::ff","dst_start":"2001:db8:1::2","dst_end":"2001:db8:1::2","spi_start":7,"spi_end":9,"flow_label_start":1,"flow_label_end":1048575,"sport_start":5000,"sport_end":6000,"dport_start":8000,"dport_end":8080,"tc_start":0,"tc_end":255,"nh_start":6,"nh_end":17}},{"type":131,"name":"nai","nai":"mn@example.com"},{"type":32,"name":"mn_ha_auth","spi":256,"key":"736563726574"}]}
{"proto":"mip4","msg":"rrp","code":152,"lifetime":0,"hoa":"10.0.0.2","ha":"10.0.0.1","id":"0123456789abcdef","ext":[]}
{"proto":"mip4","msg":"rrp","code":0,"lifetime":10,"hoa":"10.0.0.2","ha":"10.0.0.1","id":"0123456789abcdef","ext":[{"type":154,"name":"flow_binding","subtype":2,"action":"forward","bids":[3],"ts_format":2,"ts":{"nh_start":58}},{"type":32,"name":"mn_ha_auth","spi":256,"authenticator":"00000000000000000000000000000000"}]}
EOF
cat > "$tmp/rt_draft.jsonl" <<'EOF'
{"proto":"mip4","msg":"rrq","flags":{"S":1,"B":0,"D":0,"M":0,"G":0,"r":0,"T":1,"x":0},"lifetime":600,"hoa":"10.0.0.2","ha":"10.0.0.1","coa":"198.51.100.7","id":"e8fe6f8212345678","ext":[{"type":127,"name":"multiple_tunnel","subtype":0,"if_type":4,"bid":3,"B":0,"O":0,"bandwidth":2048},{"type":32,"name":"mn_ha_auth","spi":256,"key":"736563726574"}]}
{"proto":"mip4","msg":"rrq","flags":{"S":0,"B":0,"D":0,"M":0,"G":0,"r":0,"T":0,"x":0},"lifetime":60,"hoa":"10.0.0.2","ha":"10.0.0.1","coa":"198.51.100.7","id":"0000000000000002","ext":[{"type":131,"name":"nai","nai":"mn@example.com"},{"type":127,"name":"multiple_tunnel","subtype":0,"if_type":1,"bid":65535,"B":1,"O":0},{"type":32,"name":"mn_ha_auth","spi":256,"key":"736563726574"}]}
{"proto":"mip4","msg":"rrq","flags":{"S":0,"B":0,"D":1,"M":0,"G":0,"r":0,"T":1,"x":0},"lifetime":1800,"hoa":"10.0.0.2","ha":"10.0.0.1","coa":"192.0.2.10","id":"e8fe6f8012345678","ext":[{"type":154,"name":"multipath","subtype":1,"if_att":4,"if_label":1,"bid":1,"B":1,"O":0},{"type":154,"name":"flow_binding","subtype":2,"action":"forward","bids":[1,2],"ts_format":1,"ts":{"dst_start":"10.0.0.2","dport_start":5060,"proto_start":17}},{"type":32,"name":"mn_ha_auth","spi":256,"key":"736563726574"}]}
EOF

# round_trip PROFILE FILE
round_trip() {
  profile=$1 file=$2
  "$MIPFB" encode --profile "$profile" "$file" > "$tmp/rt.hex"
  expect_rc 0 $? "encode $file ($profile)"
  : > "$tmp/rt.out"
  while read -r hex; do
    "$MIPFB" decode --profile "$profile" --hex "$hex" >> "$tmp/rt.out"
    expect_rc 0 $? "decode of encoded $hex ($profile)"
  done < "$tmp/rt.hex"
  checks=$((checks + 1))
  "$PYTHON" - "$file" "$tmp/rt.out" <<'EOF' || fail "round trip of $file ($profile)"
import json, sys
ins = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
outs = [json.loads(l) for l in open(sys.argv[2]) if l.strip()]
ok = len(ins) == len(outs)
for a, b in zip(ins, outs):
    for ea, eb in zip(a.get("ext", []), b.get("ext", [])):
        if "key" in ea:
            # the computed authenticator takes the key's place
            assert "authenticator" in eb and len(eb["authenticator"]) == 32, eb
            ea["authenticator"] = eb["authenticator"]
            del ea["key"]
    if json.dumps(a) != json.dumps(b):
        print("in: ", json.dumps(a)); print("out:", json.dumps(b)); ok = False
sys.exit(0 if ok else 1)
EOF
  # the decoded objects (with authenticators) encode to the same octets
  "$MIPFB" encode --profile "$profile" "$tmp/rt.out" > "$tmp/rt2.hex"
  expect_rc 0 $? "re-encode decoded objects ($profile)"
  expect_eq "$(cat "$tmp/rt.hex")" "$(cat "$tmp/rt2.hex")" "re-encoded octets ($profile)"
}
round_trip rfc "$tmp/rt_rfc.jsonl"
round_trip draft "$tmp/rt_draft.jsonl"

# the Appendix A RRQ is what encode makes of its JSON with key "secret"
out=$(head -n 1 "$tmp/rt_rfc.jsonl" | "$MIPFB" encode -)
expect_eq "$RRQ_A" "$out" "encode Appendix A RRQ from JSON"
out=$(head -n 1 "$tmp/rt_rfc.jsonl" | "$MIPFB" encode --hex -)
expect_eq "$RRQ_A" "$out" "encode --hex"

# the Multiple Tunnel Request is draft-only; its Type 127 is non-skippable in the RFC profile
out=$(head -n 1 "$tmp/rt_draft.jsonl" | "$MIPFB" encode -)
expect_rc 1 $? "multiple_tunnel in the rfc profile"
jcheck "$out" "'error' in o" "multiple_tunnel refused in the rfc profile"
hex=$(head -n 1 "$tmp/rt_draft.jsonl" | "$MIPFB" encode --profile draft -)
expect_error "$hex" unknown_nonskippable 24 "draft Multiple Tunnel Request decoded with the rfc profile"

# ---------------------------------------------------------------- encode errors
printf '%s\n' \
  '{"proto":"mip4","msg":"rrq","flags":{},"lifetime":1,"hoa":"10.0.0.2","ha":"10.0.0.1","coa":"192.0.2.10","id":"01","ext":[{"name":"multipath","if_att":4,"if_label":1,"bid":1,"B":1,"O":1}]}' \
  '{"proto":"mip4", "msg":' \
  '' \
  '{"proto":"mip4","msg":"rrq","lifetime":1}' \
  '{"proto":"mip4","msg":"rrp","code":256,"lifetime":1,"hoa":"10.0.0.2","ha":"10.0.0.1","id":"01"}' \
  '{"proto":"mip4","msg":"rrp","code":0,"lifetime":1,"hoa":"10.0.0.2","ha":"10.0.0.1","id":"01","ext":[{"name":"flow_binding","action":"forward","bids":[1],"ts_format":1,"ts":{"flow_label_start":1}}]}' \
  '{"proto":"mh","msg":"bu"}' \
  '{"proto":"mip4","msg":"rrp","code":0,"lifetime":1,"hoa":"10.0.0.2","ha":"10.0.0.1","id":"01"}' \
  > "$tmp/bad.jsonl"
"$MIPFB" encode "$tmp/bad.jsonl" > "$tmp/bad.out"
expect_rc 1 $? "encode with rejected lines"
checks=$((checks + 1))
[ "$(wc -l < "$tmp/bad.out")" -eq 7 ] || fail "one output line per non-blank input line"
out=$(head -n 6 "$tmp/bad.out")
jcheck "$out" "objs[0]['error'] == 'bad_value' and objs[0]['offset'] == 31" "library refusal: B and O both set"
jcheck "$out" "all(list(x)[:3] == ['error', 'detail', 'offset'] for x in objs[1:6])" "error objects"
jcheck "$out" "objs[5]['error'] == 'bad_json' and 'seq' in objs[5]['detail']" "mh encode: missing field"
checks=$((checks + 1))
tail -n 1 "$tmp/bad.out" | grep -q '^030000010a0000020a000001' || fail "valid line after rejected ones still encoded"

# ---------------------------------------------------------------- raw, stdin, file, pcap
head -n 1 "$tmp/rt_rfc.jsonl" > "$tmp/one.jsonl"
"$MIPFB" encode --out "$tmp/one.bin" "$tmp/one.jsonl"
expect_rc 0 $? "encode --out"
out=$("$MIPFB" decode "$tmp/one.bin")
expect_rc 0 $? "decode FILE"
expect_eq "$RRQ_A_JSON" "$out" "decode FILE of encode --out"
out=$("$MIPFB" decode - < "$tmp/one.bin")
expect_rc 0 $? "decode -"
expect_eq "$RRQ_A_JSON" "$out" "decode stdin"
out=$("$MIPFB" encode --out - - < "$tmp/one.jsonl" | "$MIPFB" decode -)
expect_eq "$RRQ_A_JSON" "$out" "encode --out - | decode -"

cat "$tmp/rt_rfc.jsonl" > "$tmp/many.jsonl"
echo '{"proto":"mip4","msg":"rrp","code":0,"lifetime":1,"hoa":"10.0.0.2","ha":"10.0.0.1","id":"01","ext":[],"src":"10.0.0.1","dst":"192.0.2.10"}' >> "$tmp/many.jsonl"
"$MIPFB" encode --pcap "$tmp/many.pcap" "$tmp/many.jsonl"
expect_rc 0 $? "encode --pcap"
run_check 0 "len(objs) == 7 and [x['frame'] for x in objs] == list(range(1, 8))" "one object per frame" decode --pcap "$tmp/many.pcap"
jcheck "$out" "all(list(x)[:4] == ['frame', 'src', 'dst', 'proto'] for x in objs)" "frame, src, dst first"
jcheck "$out" "objs[0]['src'] == '192.0.2.1' and objs[0]['dst'] == '198.51.100.1'" "documentation addresses"
jcheck "$out" "objs[6]['src'] == '10.0.0.1' and objs[6]['dst'] == '192.0.2.10'" "addresses from src/dst"
first=$(echo "$out" | head -n 1 | "$PYTHON" -c 'import json,sys; o=json.loads(sys.stdin.read()); [o.pop(k) for k in ("frame","src","dst")]; print(json.dumps(o, separators=(",", ":")))')
expect_eq "$RRQ_A_JSON" "$first" "pcap frame 1 is the Appendix A RRQ"
run_check 1 "objs[0]['ext'][2]['auth_ok'] is True and objs[2]['ext'][1]['auth_ok'] is True" "auth_ok in pcap" decode --key 256:736563726574 --pcap "$tmp/many.pcap"
jcheck "$out" "objs[5]['error'] == 'auth_failed' and objs[5]['frame'] == 6 and list(objs[5])[:4] == ['frame', 'src', 'dst', 'error']" "auth_failed in pcap with frame"
out=$("$MIPFB" decode --proto mh --pcap "$tmp/many.pcap")
expect_rc 0 $? "--proto mh skips MIPv4 frames"
expect_eq "" "$out" "--proto mh on a MIPv4 capture"

# captures built by hand: link types, skipped packets, IPv6 extension headers
"$PYTHON" - "$tmp" "$RRQ_A" <<'EOF'
import struct, sys
d, rrq = sys.argv[1], bytes.fromhex(sys.argv[2])
def csum(b):
    if len(b) % 2: b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16: s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff
def ipv4_udp(src, dst, sport, dport, payload):
    udp = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 1, 0, 64, 17, 0, bytes(src), bytes(dst))
    hdr = hdr[:10] + struct.pack("!H", csum(hdr)) + hdr[12:]
    return hdr + udp
mh = bytes.fromhex("3b010500000000000001000000000000")
def ipv6(nh, payload):
    return struct.pack("!IHBB16s16s", 0x60000000, len(payload), nh, 64,
                       bytes.fromhex("20010db8000000000000000000000001"), bytes.fromhex("20010db8000000000000000000000002")) + payload
dstopts = bytes([135, 0, 1, 4, 0, 0, 0, 0])  # next header MH, 8 octets (PadN)
frag = bytes([60, 0, 0, 0, 0, 0, 0, 7])      # unfragmented Fragment header
def pcap(name, linktype, frames):
    with open(d + "/" + name, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, linktype))
        for i, fr in enumerate(frames):
            f.write(struct.pack("<IIII", 1700000000 + i, 0, len(fr), len(fr)) + fr)
eth4 = b"\x00\x11\x22\x33\x44\x55\x66\x77\x88\x99\xaa\xbb"
p4 = ipv4_udp([192, 0, 2, 10], [10, 0, 0, 1], 1024, 434, rrq)
other = ipv4_udp([192, 0, 2, 10], [10, 0, 0, 1], 1024, 53, b"\0" * 12)
pcap("eth.pcap", 1, [eth4 + b"\x08\x06" + b"\0" * 28,                  # ARP: skipped
                     eth4 + b"\x08\x00" + other,                        # DNS port: skipped
                     eth4 + b"\x81\x00\x00\x05\x08\x00" + p4 + b"\0" * 6,  # VLAN, trailing padding
                     eth4 + b"\x86\xdd" + ipv6(60, dstopts + mh)])
pcap("sll.pcap", 113, [struct.pack("!HHH8sH", 0, 1, 6, b"\0" * 8, 0x0800) + p4,
                       struct.pack("!HHH8sH", 0, 1, 6, b"\0" * 8, 0x86dd) + ipv6(44, frag + dstopts + mh)])
pcap("raw.pcap", 101, [p4, ipv6(135, mh), ipv6(17, b"\0" * 8)])
EOF
run_check 1 "len(objs) == 2 and objs[0]['frame'] == 3 and objs[0]['src'] == '192.0.2.10' and objs[0]['dst'] == '10.0.0.1' and objs[0]['msg'] == 'rrq' and objs[0]['lifetime'] == 1800" "Ethernet + VLAN, padding ignored" decode --pcap "$tmp/eth.pcap"
jcheck "$out" "objs[1]['frame'] == 4 and objs[1]['src'] == '2001:db8::1' and objs[1]['dst'] == '2001:db8::2' and objs[1]['error'] == 'bad_checksum' and objs[1]['offset'] == 4" "MH behind a Destination Options header (checksum 0 checked)"
run_check 0 "len(objs) == 1 and objs[0]['frame'] == 3" "--proto mip4 on a mixed capture" decode --proto mip4 --pcap "$tmp/eth.pcap"
run_check 1 "len(objs) == 2 and objs[0]['frame'] == 1 and objs[0]['msg'] == 'rrq' and objs[1]['frame'] == 2 and objs[1]['error'] == 'bad_checksum'" "Linux cooked: IPv4 and IPv6 behind Fragment + Destination Options" decode --pcap "$tmp/sll.pcap"
run_check 1 "len(objs) == 2 and objs[0]['frame'] == 1 and objs[1]['frame'] == 2 and objs[1]['error'] == 'bad_checksum'" "raw IP capture (LINKTYPE_RAW 101)" decode --pcap "$tmp/raw.pcap"

# ---------------------------------------------------------------- usage errors
usage() {
  what=$1
  shift
  "$MIPFB" "$@" > "$tmp/usage.out" 2> "$tmp/usage.err" < /dev/null
  expect_rc 2 $? "usage: $what"
  checks=$((checks + 1))
  [ -s "$tmp/usage.err" ] || fail "usage: $what: no message on stderr"
  [ -s "$tmp/usage.out" ] && fail "usage: $what: output on stdout"
}
usage "no command"
usage "unknown command" frobnicate
usage "decode without input" decode
usage "decode with two inputs" decode --hex 01 "$tmp/one.bin"
usage "bad --profile" decode --profile rfc2 --hex 01
usage "bad --proto" decode --proto ip --hex 01
usage "bad --key" decode --key secret --hex 01
usage "bad --key hex" decode --key 256:xyz --hex 01
usage "--key SPI too large" decode --key 4294967296:00 --hex 01
usage "bad --hex" decode --hex 0g
usage "odd --hex" decode --hex 012
usage "--src without --dst" decode --src 192.0.2.1 --hex 01
usage "bad --src" decode --src nowhere --dst 192.0.2.1 --hex 01
usage "unknown option" decode --verbose --hex 01
usage "missing option value" decode --hex
usage "missing file" decode "$tmp/does-not-exist"
usage "missing pcap" decode --pcap "$tmp/does-not-exist"
usage "not a capture" decode --pcap "$tmp/one.bin"
usage "encode without input" encode
usage "encode two outputs" encode --hex --out "$tmp/x" -
usage "encode bad profile" encode --profile x -
usage "classify not yet" classify --policy p.json --hex 00

"$MIPFB" --help > "$tmp/help.out"
expect_rc 0 $? "--help"
checks=$((checks + 1))
grep -q '^mipfb decode \[--profile rfc|draft\]' "$tmp/help.out" && grep -q '^mipfb encode' "$tmp/help.out" ||
  fail "--help prints the synopsis"
out=$("$MIPFB" --version)
expect_rc 0 $? "--version"
checks=$((checks + 1))
echo "$out" | grep -Eq '^[0-9]+\.[0-9]+\.[0-9]+$' || fail "--version prints the version: $out"

echo "cli_test: $checks checks, $failures failures"
[ "$failures" -eq 0 ]
