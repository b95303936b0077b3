#!/bin/sh
# Tests of the mipfb command on Mobility Header messages (cli.md "Mobility
# Header"): decode of every message type, the draft profile's O flag,
# every error code reachable from Mobility Header input with its offset,
# checksum verification (--src/--dst, pcap, Home Address option and type 2
# Routing header), encode -> decode round trips of every valid vector of
# tests/vectors/mh.vec in both profiles and of hand-written objects, encode
# errors, pcap output (IPv6, next header 135) and pcap input with
# extension headers.
# Environment (TESTS_ENVIRONMENT): MIPFB, top_srcdir, top_builddir.

. "${top_srcdir:-.}/tests/cli_lib.sh"

SRC=2001:db8::1
DST=2001:db8::100
A="--src $SRC --dst $DST"

# ---------------------------------------------------------------- every message type
BU=3b010500a1860007c000006401020000
BU_JSON='{"proto":"mh","msg":"bu","mh_type":5,"payload_proto":59,"checksum":"a186","seq":7,"flags":{"A":1,"H":1,"L":0,"K":0,"M":0,"R":0,"P":0,"F":0,"T":0,"B":0},"lifetime":100,"opts":[]}'
BA=3b0106005f5500000007006402020032
BA_JSON='{"proto":"mh","msg":"ba","mh_type":6,"payload_proto":59,"checksum":"5f55","status":0,"flags":{"K":0,"R":0,"P":0,"T":0,"B":0},"seq":7,"lifetime":100,"opts":[{"type":2,"name":"unknown","data":"0032"}]}'
BRR=3b00000067fd0000
BRR_JSON='{"proto":"mh","msg":"brr","mh_type":0,"payload_proto":59,"checksum":"67fd","opts":[]}'
BE=3b0207003131020020010db8000000000000000000000001
BE_JSON='{"proto":"mh","msg":"be","mh_type":7,"payload_proto":59,"checksum":"3131","status":2,"hoa":"2001:db8::1","opts":[]}'
HOTI=3b010100000000000102030405060708
for m in BU BA BRR BE; do
  eval "hex=\$$m want=\$${m}_JSON"
  out=$("$MIPFB" decode $A --hex "$hex")
  expect_rc 0 $? "decode $m"
  expect_eq "$want" "$out" "decode $m (exact line)"
done
run_check 0 "o == {'proto': 'mh', 'msg': 'unknown', 'mh_type': 1, 'payload_proto': 59, 'checksum': '0000', 'data': '00000102030405060708'}" \
  "unknown MH Type (HoTI) as msg unknown" decode --hex "$HOTI"

# --src/--dst serve the IPv6 pseudo-header of the checksum (RFC 6275 6.1.1):
# IPv4 addresses with --proto mh are a usage error; with --proto auto the
# checksum is left unchecked and stderr says so.
"$MIPFB" decode --proto mh --src 192.0.2.1 --dst 192.0.2.2 --hex "$BU" >/dev/null 2>&1
expect_rc 2 $? "--proto mh with IPv4 --src/--dst: usage error"
err=$("$MIPFB" decode --src 192.0.2.1 --dst 192.0.2.2 --hex "$BU" 2>&1 >/dev/null)
expect_rc 0 $? "auto with IPv4 --src/--dst on an MH message"
case "$err" in *"not checked"*) ;; *) fail "auto with IPv4 --src/--dst: no warning on stderr ($err)" ;; esac

# options: Alternate CoA, BID with IPv6 / IPv4 CoA / none, unknown type 200
ACOA=3b03050070a70007c00000640100031020010db8000100000000000000000005
run_check 0 "o['opts'] == [{'type': 3, 'name': 'alt_coa', 'coa': '2001:db8:1::5'}]" "alt_coa" decode $A --hex "$ACOA"
BID6=3b04050050520007c040006401040000000023140001000020010db8000200000000000000000007
run_check 0 "o['opts'] == [{'type': 35, 'name': 'bid', 'bid': 1, 'status': 0, 'H': 0, 'bid_pri': 0, 'coa': '2001:db8:2::7'}] and o['flags']['B'] == 1 and 'O' not in o['flags']" \
  "bid with IPv6 CoA, rfc profile: B flag, bid_pri" decode $A --hex "$BID6"
run_check 0 "o['opts'] == [{'type': 35, 'name': 'bid', 'bid': 1, 'status': 0, 'H': 0, 'coa': '2001:db8:2::7'}] and o['flags']['O'] == 1 and 'B' not in o['flags'] and list(o['flags'])[-1] == 'O'" \
  "draft profile: 0x0040 is O, no bid_pri" decode --profile draft $A --hex "$BID6"
BID4=3b030500bb5b0007c0000064010400000000230800020000c000020a01020000
run_check 0 "o['opts'] == [{'type': 35, 'name': 'bid', 'bid': 2, 'status': 0, 'H': 0, 'bid_pri': 0, 'coa': '192.0.2.10'}]" "bid with IPv4 CoA" decode $A --hex "$BID4"
UNK=3b040500a2970007c0000064c8030102030103000000031020010db8000100000000000000000005
run_check 0 "o['opts'] == [{'type': 200, 'name': 'unknown', 'data': '010203'}, {'type': 3, 'name': 'alt_coa', 'coa': '2001:db8:1::5'}]" \
  "unknown option type 200 kept, Pad1/PadN left out" decode $A --hex "$UNK"
AUTH=3b0305008ed2000780000064040412345678050ca0a1a2a3a4a5a6a7a8a9aaab
run_check 0 "[x['name'] for x in o['opts']] == ['unknown', 'unknown'] and o['opts'][1] == {'type': 5, 'name': 'unknown', 'data': 'a0a1a2a3a4a5a6a7a8a9aaab'}" \
  "options without a cli.md name (Nonce Indices, Authorization Data) as unknown" decode $A --hex "$AUTH"

# flow binding and PMIPv6 options by name
FLOWS=3b12050025890007c000006401040000000023140001000020010db8000200000000000000000007010023140002000020010db80003000000000000000000092d2b0001000a00000204000100020100031b02008032000020010db80000000000000000000000051f401f9006002d1b0002000b0000020200020100030d0100208800000a00000213c411002c0400030004010400000000
run_check 0 "o['opts'][2:] == [{'type': 45, 'name': 'flow_id', 'fid': 1, 'fid_pri': 10, 'status': 0, 'bid_ref': [1, 2], 'ts_format': 2, 'ts': {'src_start': '2001:db8::5', 'dport_start': 8000, 'dport_end': 8080, 'nh_start': 6}}, {'type': 45, 'name': 'flow_id', 'fid': 2, 'fid_pri': 11, 'status': 0, 'bid_ref': [2], 'ts_format': 1, 'ts': {'dst_start': '10.0.0.2', 'dport_start': 5060, 'proto_start': 17}}, {'type': 44, 'name': 'flow_summary', 'fids': [3, 4]}]" \
  "flow_id (rfc) with BID Reference and IPv6 / IPv4 selectors, flow_summary" decode $A --hex "$FLOWS"
run_check 0 "o['opts'][0] == {'type': 45, 'name': 'flow_id', 'fid': 4, 'fid_pri': 6, 'status': 0, 'ts_format': 9, 'ts': 'aabb'}" \
  "flow_id: selector of an unknown TS Format kept as hex" decode --hex 3b030500bd9c0007c00000642d0c00040006000003040900aabb010400000000
run_check 0 "o['opts'][2] == {'type': 253, 'name': 'flow_id', 'pri': 1, 'fid': 7, 'action': 'ncast', 'status': 0, 'pro': 'add', 'bid_ref': [1, 2]}" \
  "flow_id (draft-00) with a Binding Reference" decode --profile draft --hex 3b090500f7700007c000006401040000000023140001000020010db8000200000000000000000007010023140002000020010db8000300000000000000000009fd0c0100070300000106000100020100
run_check 0 "o['opts'][:3] == [{'type': 8, 'name': 'mn_id', 'subtype': 1, 'id': 'mn1@example.com'}, {'type': 22, 'name': 'hnp', 'prefix': '2001:db8:aaaa:1::/64'}, {'type': 23, 'name': 'hi', 'hi': 1}] and o['opts'][3:] == [{'type': 24, 'name': 'att', 'att': 4}, {'type': 25, 'name': 'unknown', 'data': '000000005e005301'}, {'type': 26, 'name': 'lla', 'addr': 'fe80::1'}, {'type': 27, 'name': 'timestamp', 'value': '00005f5e10008000'}]" \
  "PMIPv6 options: mn_id, hnp, hi, att, MN-LLI as unknown, lla, timestamp" decode --hex 3b0d06009c6a002000070e100810016d6e31406578616d706c652e636f6d0104000000001612004020010db8aaaa0001000000000000000017020001180200041908000000005e005301010200001a10fe80000000000000000000000000000101001b0800005f5e1000800001020000
run_check 0 "o['opts'] == [{'type': 63, 'name': 'mmb', 'if_att': 4, 'if_label': 1, 'bid': 1, 'B': 0, 'O': 0}, {'type': 64, 'name': 'mag_id', 'subtype': 1, 'id': 'mag1@example.net'}]" \
  "mmb and mag_id" decode --profile draft --hex 3b04050012960007c2000e103f06040101000000401201006d616731406578616d706c652e6e6574

# --proto: auto picks by the first octet, mh forces, mip4 forces
run_check 1 "o['error'] == 'bad_value' and o['offset'] == 0" "--proto mh: Payload Proto 58" decode --proto mh --hex 3a010500a1860007c000006401020000
run_check 0 "o['proto'] == 'mh'" "--proto auto: 59 is a Mobility Header" decode --proto auto --hex "$BU"
run_check 1 "'proto' not in o and 'error' in o" "--proto mip4 on a Mobility Header" decode --proto mip4 --hex "$BU"

# ---------------------------------------------------------------- every error code reachable from MH input
expect_error 3b010500aa truncated 4 "truncated: fewer than 8 octets"
expect_error 3b01050000000007c0000064 truncated 1 "truncated: Header Len past the input"
expect_error 3b01050000000007c0000064c8050000 truncated 13 "truncated: option runs past the message"
expect_error 3b01ff0000000000000000 truncated 1 "truncated: unknown MH Type, Header Len past the input"
expect_error 3b00050000000007 bad_length 1 "bad_length: BU Header Len below the minimum"
expect_error 3b03050000000007c00000640104000000002306000100000000010400000000 bad_length 19 "bad_length: BID option Length 6"
expect_error 3a010500a1860007c000006401020000 bad_value 0 "bad_value: Payload Proto not 59" --proto mh
expect_error 3b02050000000007c0000064230400000000010400000000 bad_value 14 "bad_value: BID 0"
expect_error 3b03050000000007c000006401000310ff020000000000000000000000000001 bad_value 16 "bad_value: multicast Alternate CoA"
expect_error 3b04050000000007c0000064010400000000050ca0a1a2a3a4a5a6a7a8a9aaab0404123456780100 bad_order 32 "bad_order: option after Authorization Data"
expect_error 3b01050000000007c00000640501aa00 bad_order 15 "bad_order: padding after Authorization Data"
expect_error "$BU" bad_checksum 4 "bad_checksum: other addresses" --src $SRC --dst 2001:db8::2
expect_error 3b010100ffff00000102030405060708 bad_checksum 4 "bad_checksum: unknown MH Type" $A
out=$("$MIPFB" decode --hex 3b010100ffff00000102030405060708)
expect_rc 0 $? "no --src/--dst: checksum not verified"

# ---------------------------------------------------------------- round trips of every valid vector
# decode (vector profile, then the other one) -> encode (vector addresses)
# -> decode gives the same object, and in the vector's profile encode gives
# the vector's octets back (except reserved bits, which the schema does not
# carry; unknown flow sub-options and their padding travel in "subs";
# in the other profile, bits it does not carry and options it does not know
# may move, so only the objects are compared, without "checksum").
"$PYTHON" - "$MIPFB" "$top_srcdir/tests/vectors/mh.vec" > "$tmp/rt.out" <<'EOF'
import ipaddress, json, os, subprocess, sys
mipfb, path = sys.argv[1], sys.argv[2]
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.dirname(path)))
from vecfile import vectors
def run(args, stdin=None):
    r = subprocess.run([mipfb] + args, input=stdin, capture_output=True, text=True)
    return r.returncode, r.stdout.strip()
def addr(h):
    return str(ipaddress.IPv6Address(bytes.fromhex(h)))
n = same_octets = 0
for v in vectors(path):
    if v.get("codec") != "mh" or v.get("expect") != "ok":
        continue
    first = v.get("profile", "rfc")
    for profile in (first, "draft" if first == "rfc" else "rfc"):
        addrs = ["--src", addr(v["src"]), "--dst", addr(v["dst"])] if "src" in v else []
        rc, out = run(["decode", "--proto", "mh", "--profile", profile] + addrs + ["--hex", v["hex"]])
        if rc != 0:
            if profile == first:
                print("FAIL %s: decode: %s" % (v["name"], out))
            continue  # valid in one profile only
        o = json.loads(out)
        obj = dict(o)
        if "src" in v:
            obj["src"], obj["dst"] = addr(v["src"]), addr(v["dst"])
        rc, hexout = run(["encode", "--profile", profile, "-"], json.dumps(obj) + "\n")
        rc2, back = run(["decode", "--proto", "mh", "--profile", profile] + addrs + ["--hex", hexout])
        n += 1
        # what the schema does not carry: reserved bits
        exact = profile == first and "reserved-bits" not in v["name"]
        back = json.loads(back) if rc2 == 0 else back
        if rc2 == 0 and back.pop("checksum") != o.pop("checksum") and exact:
            print("FAIL %s: checksum differs" % v["name"])
        if rc != 0 or rc2 != 0 or back != o:
            print("FAIL %s (%s): round trip\n  in  %s\n  hex %s\n  out %s" % (v["name"], profile, out, hexout, back))
        elif hexout == v["hex"]:
            same_octets += 1
        elif exact:
            print("FAIL %s (%s): octets %s, vector %s" % (v["name"], profile, hexout, v["hex"]))
print("round trips %d, identical octets %d" % (n, same_octets))
EOF
checks=$((checks + 1))
grep -q '^FAIL' "$tmp/rt.out" && fail "vector round trips: $(cat "$tmp/rt.out")"
checks=$((checks + 1))
grep -Eq '^round trips [1-9][0-9]+,' "$tmp/rt.out" || fail "vector round trips: too few ($(tail -n 1 "$tmp/rt.out"))"

# hand-written objects, both profiles: encode -> decode gives them back
# (plus "checksum"); "unknown" options of known types are placed by their rules
cat > "$tmp/rt_rfc.jsonl" <<'EOF'
{"proto":"mh","msg":"bu","mh_type":5,"payload_proto":59,"seq":65535,"flags":{"A":1,"H":1,"L":0,"K":1,"M":0,"R":1,"P":0,"F":1,"T":1,"B":1},"lifetime":0,"opts":[{"type":35,"name":"bid","bid":9,"status":0,"H":1,"bid_pri":127,"coa":"192.0.2.9"},{"type":35,"name":"bid","bid":65535,"status":0,"H":0,"bid_pri":5},{"type":3,"name":"alt_coa","coa":"2001:db8::5"},{"type":200,"name":"unknown","data":""},{"type":35,"name":"bid","bid":2,"status":0,"H":0,"bid_pri":1,"coa":"2001:db8:2::2"}]}
{"proto":"mh","msg":"ba","mh_type":6,"payload_proto":59,"status":164,"flags":{"K":1,"R":0,"P":1,"T":0,"B":1},"seq":1,"lifetime":10,"opts":[{"type":35,"name":"bid","bid":1,"status":165,"H":0,"bid_pri":0},{"type":2,"name":"unknown","data":"0005"},{"type":5,"name":"unknown","data":"a0a1a2a3a4a5a6a7a8a9aaab"}]}
{"proto":"mh","msg":"brr","mh_type":0,"payload_proto":59,"opts":[{"type":35,"name":"bid","bid":3,"status":0,"H":0,"bid_pri":0}]}
{"proto":"mh","msg":"be","mh_type":7,"payload_proto":59,"status":1,"hoa":"2001:db8::77","opts":[{"type":250,"name":"unknown","data":"ffee"}]}
{"proto":"mh","msg":"bu","mh_type":5,"payload_proto":59,"seq":1,"flags":{"A":0,"H":0,"L":0,"K":0,"M":0,"R":0,"P":0,"F":0,"T":0,"B":0},"lifetime":1,"opts":[{"type":4,"name":"unknown","data":"12345678"},{"type":5,"name":"unknown","data":"000102030405060708090a0b"}]}
{"proto":"mh","msg":"unknown","mh_type":12,"payload_proto":59,"data":"0102"}
{"proto":"mh","msg":"bu","mh_type":5,"payload_proto":59,"seq":9,"flags":{"A":1,"H":1,"L":0,"K":0,"M":0,"R":0,"P":1,"F":0,"T":0,"B":0},"lifetime":60,"opts":[{"type":8,"name":"mn_id","subtype":1,"id":"mn@example.com"},{"type":22,"name":"hnp","prefix":"2001:db8:1::/64"},{"type":63,"name":"mmb","if_att":4,"if_label":2,"bid":254,"B":1,"O":0},{"type":64,"name":"mag_id","subtype":2,"id":"0a0b0c"},{"type":27,"name":"timestamp","value":"0000655434000001"}]}
{"proto":"mh","msg":"bu","mh_type":5,"payload_proto":59,"seq":10,"flags":{"A":1,"H":1,"L":0,"K":0,"M":0,"R":0,"P":0,"F":0,"T":0,"B":0},"lifetime":60,"opts":[{"type":35,"name":"bid","bid":1,"status":0,"H":0,"bid_pri":1,"coa":"2001:db8:2::1"},{"type":45,"name":"flow_id","fid":1,"fid_pri":10,"status":0,"bid_ref":[1],"ts_format":2,"ts":{"src_start":"2001:db8:10::","src_end":"2001:db8:10::ffff","dport_start":443,"nh_start":6}},{"type":45,"name":"flow_id","fid":2,"fid_pri":20,"status":0},{"type":44,"name":"flow_summary","fids":[1,2]}]}
{"proto":"mh","msg":"unknown","mh_type":255,"payload_proto":59,"data":"00000000000000000000000000"}
EOF
cat > "$tmp/rt_draft.jsonl" <<'EOF'
{"proto":"mh","msg":"bu","mh_type":5,"payload_proto":59,"seq":7,"flags":{"A":1,"H":1,"L":0,"K":0,"M":0,"R":0,"P":0,"F":0,"T":0,"O":1},"lifetime":100,"opts":[{"type":35,"name":"bid","bid":1,"status":0,"H":1,"coa":"2001:db8:2::7"},{"type":35,"name":"bid","bid":2,"status":0,"H":0}]}
{"proto":"mh","msg":"ba","mh_type":6,"payload_proto":59,"status":0,"flags":{"K":0,"R":0,"P":0,"T":0,"B":0},"seq":7,"lifetime":100,"opts":[{"type":35,"name":"bid","bid":1,"status":0,"H":0}]}
{"proto":"mh","msg":"bu","mh_type":5,"payload_proto":59,"seq":8,"flags":{"A":1,"H":1,"L":0,"K":0,"M":0,"R":0,"P":0,"F":0,"T":0,"O":0},"lifetime":100,"opts":[{"type":35,"name":"bid","bid":1,"status":0,"H":0},{"type":253,"name":"flow_id","pri":3,"fid":7,"action":"discard","status":0,"pro":"replace"},{"type":44,"name":"flow_summary","fids":[7]}]}
EOF
for profile in rfc draft; do
  "$MIPFB" encode --profile "$profile" "$tmp/rt_$profile.jsonl" > "$tmp/rt.hex"
  expect_rc 0 $? "encode hand-written objects ($profile)"
  : > "$tmp/rt.dec"
  while read -r hex; do
    "$MIPFB" decode --profile "$profile" $A --hex "$hex" >> "$tmp/rt.dec"
  done < "$tmp/rt.hex"
  checks=$((checks + 1))
  "$PYTHON" - "$tmp/rt_$profile.jsonl" "$tmp/rt.dec" <<'EOF' || fail "hand-written round trip ($profile)"
import json, sys
ins = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
outs = [json.loads(l) for l in open(sys.argv[2]) if l.strip()]
ok = len(ins) == len(outs)
for a, b in zip(ins, outs):
    b.pop("checksum")
    if a.get("msg") == "unknown":  # data padded to a multiple of 8 with zeros
        a["data"] += "00" * ((len(b["data"]) - len(a["data"])) // 2)
    if json.dumps(a) != json.dumps(b):
        print("in: ", json.dumps(a)); print("out:", json.dumps(b)); ok = False
sys.exit(0 if ok else 1)
EOF
done
# alignment: BID with CoA at 8n+2, without at 2n, Alternate CoA at 8n+6, the message a multiple of 8
hex=$(head -n 1 "$tmp/rt_rfc.jsonl" | "$MIPFB" encode -)
checks=$((checks + 1))
"$PYTHON" -c '
import sys
m = bytes.fromhex(sys.argv[1])
assert len(m) % 8 == 0 and len(m) == 8 * (m[1] + 1)
i, seen = 12, []
while i < len(m):
    if m[i] == 0: i += 1; continue
    if m[i] != 1: seen.append((m[i], m[i + 1], i % 8))
    i += 2 + m[i + 1]
want = [(35, 8, 2), (35, 4, 0), (3, 16, 6), (200, 0, 0), (35, 20, 2)]
assert [(t, l) for t, l, _ in seen] == [(t, l) for t, l, _ in want], seen
assert seen[0][2] == 2 and seen[1][2] % 2 == 0 and seen[2][2] == 6 and seen[4][2] == 2, seen
' "$hex" || fail "option alignment in the encoded BU: $hex"
# the checksum of hex output covers the documentation addresses, or src/dst when given
out=$(printf '%s\n' "$BU_JSON" | "$MIPFB" encode -)
expect_eq "$BU" "$out" "encode BU: vector octets with the default addresses"
hex=$(printf '%s\n' "$BU_JSON" | sed 's/^{/{"src":"2001:db8::9","dst":"2001:db8::a",/' | "$MIPFB" encode -)
run_check 0 "o['seq'] == 7" "checksum over src/dst of the object" decode --src 2001:db8::9 --dst 2001:db8::a --hex "$hex"

# ---------------------------------------------------------------- encode errors
printf '%s\n' \
  '{"proto":"mh","msg":"bu","seq":1,"lifetime":1,"opts":[{"type":0,"name":"unknown","data":""}]}' \
  '{"proto":"mh","msg":"bu","seq":1,"lifetime":1,"opts":[{"type":35,"name":"bid","bid":1,"status":0,"H":0,"bid_pri":3}]}' \
  '{"proto":"mh","msg":"bu","mh_type":6,"seq":1,"lifetime":1}' \
  '{"proto":"mh","msg":"bu","payload_proto":58,"seq":1,"lifetime":1}' \
  '{"proto":"mh","msg":"bu","seq":1,"lifetime":1,"opts":[{"type":35,"name":"bid","bid":0,"status":0,"H":0}]}' \
  '{"proto":"mh","msg":"unknown","mh_type":5,"data":""}' \
  '{"proto":"mh","msg":"bu","seq":1,"lifetime":1,"opts":[{"type":3,"name":"unknown","data":"00000000"}]}' \
  '{"proto":"mh","msg":"ba","status":0,"seq":1,"lifetime":1,"opts":[{"type":3,"name":"alt_coa","coa":"2001:db8::1"}]}' \
  '{"proto":"mh","msg":"hoti"}' \
  '{"proto":"mh","msg":"bu","seq":1,"lifetime":1,"src":"192.0.2.1"}' \
  '{"proto":"mh","msg":"brr","opts":[{"name":"bid","bid":1,"status":0,"H":0,"coa":"nowhere"}]}' \
  '{"proto":"mh","msg":"bu","seq":1,"lifetime":1,"opts":[{"name":"flow_id","pri":1,"fid":1,"action":"jump","status":0,"pro":"add"}]}' \
  '{"proto":"mh","msg":"bu","seq":1,"lifetime":1,"opts":[{"name":"hnp","prefix":"2001:db8::/129"}]}' \
  '{"proto":"mh","msg":"bu","seq":1,"lifetime":1,"opts":[{"name":"flow_summary","fids":[]}]}' \
  '{"proto":"mh","msg":"bu","seq":1,"lifetime":0,"opts":[{"name":"mmb","if_att":1,"if_label":1,"bid":1,"B":1,"O":1}]}' \
  > "$tmp/bad.jsonl"
"$MIPFB" encode --profile draft "$tmp/bad.jsonl" > "$tmp/bad.out"
expect_rc 1 $? "encode with rejected MH lines"
out=$(cat "$tmp/bad.out")
jcheck "$out" "len(objs) == 15 and all(list(x) == ['error', 'detail', 'offset'] for x in objs)" "one error object per rejected line"
jcheck "$out" "objs[0]['error'] == 'bad_json' and 'Pad1' in objs[0]['detail']" "Pad1/PadN are not written by hand"
jcheck "$out" "objs[1]['error'] == 'bad_json' and 'bid_pri' in objs[1]['detail']" "bid_pri in the draft profile"
jcheck "$out" "objs[2]['error'] == 'bad_json' and 'mh_type' in objs[2]['detail']" "mh_type does not match msg"
jcheck "$out" "objs[3]['error'] == 'bad_value' and 'payload_proto' in objs[3]['detail']" "payload_proto not 59"
jcheck "$out" "objs[4]['error'] == 'bad_value'" "library refusal: BID 0"
jcheck "$out" "objs[5]['error'] == 'bad_json' and 'bu' in objs[5]['detail']" "msg unknown with a decoded MH Type"
jcheck "$out" "objs[6]['error'] == 'bad_length'" "unknown option of a known type read by the codec: Alternate CoA of 4 octets"
jcheck "$out" "objs[7]['error'] == 'bad_value'" "library refusal: Alternate CoA in a BA"
jcheck "$out" "objs[8]['error'] == 'bad_json' and 'unknown' in objs[8]['detail']" "unknown msg name"
jcheck "$out" "objs[9]['error'] == 'bad_json' and 'IPv6' in objs[9]['detail']" "IPv4 src for a Mobility Header"
jcheck "$out" "objs[10]['error'] == 'bad_json' and 'coa' in objs[10]['detail']" "bad coa"
jcheck "$out" "objs[11]['error'] == 'bad_json' and 'action' in objs[11]['detail']" "draft flow_id: unknown action"
jcheck "$out" "objs[12]['error'] == 'bad_json' and 'prefix' in objs[12]['detail']" "hnp: prefix length 129"
jcheck "$out" "objs[13]['error'] == 'bad_json' and 'fids' in objs[13]['detail']" "flow_summary: no FID"
jcheck "$out" "objs[14]['error'] == 'bad_value'" "library refusal: mmb with B and O"

# ---------------------------------------------------------------- pcap out and in
cat "$tmp/rt_rfc.jsonl" > "$tmp/mixed.jsonl"
echo '{"proto":"mip4","msg":"rrp","code":0,"lifetime":1,"hoa":"10.0.0.2","ha":"10.0.0.1","id":"01","ext":[]}' >> "$tmp/mixed.jsonl"
printf '%s\n' "$BU_JSON" | sed 's/^{/{"src":"2001:db8:5::1","dst":"2001:db8:6::1",/' >> "$tmp/mixed.jsonl"
"$MIPFB" encode --pcap "$tmp/mixed.pcap" "$tmp/mixed.jsonl"
expect_rc 0 $? "encode --pcap with Mobility Headers"
n=$(wc -l < "$tmp/mixed.jsonl")
run_check 0 "len(objs) == $n and [x['frame'] for x in objs] == list(range(1, $n + 1)) and all('error' not in x for x in objs)" \
  "decode --pcap: every checksum verifies" decode --pcap "$tmp/mixed.pcap"
jcheck "$out" "objs[0]['src'] == '2001:db8::1' and objs[0]['dst'] == '2001:db8::100' and objs[-1]['src'] == '2001:db8:5::1' and objs[-1]['dst'] == '2001:db8:6::1'" "IPv6 addresses: defaults and src/dst"
jcheck "$out" "list(objs[0])[:4] == ['frame', 'src', 'dst', 'proto'] and objs[-2]['proto'] == 'mip4'" "MIPv4 and MH in one capture"
run_check 0 "len(objs) == $n - 1 and all(x['proto'] == 'mh' for x in objs)" "--proto mh on a mixed capture" decode --proto mh --pcap "$tmp/mixed.pcap"
run_check 0 "len(objs) == 1 and objs[0]['proto'] == 'mip4'" "--proto mip4 on a mixed capture" decode --proto mip4 --pcap "$tmp/mixed.pcap"
"$MIPFB" decode --pcap "$tmp/mixed.pcap" | "$PYTHON" -c '
import json, sys
for l in sys.stdin:
    o = json.loads(l)
    for k in ("frame", "checksum"):
        o.pop(k, None)
    print(json.dumps(o))' > "$tmp/back.jsonl"
"$MIPFB" encode --pcap "$tmp/again.pcap" "$tmp/back.jsonl"
expect_rc 0 $? "re-encode the decoded capture"
checks=$((checks + 1))
cmp -s "$tmp/mixed.pcap" "$tmp/again.pcap" || fail "decode --pcap | encode --pcap gives the same capture"

# hand-built IPv6 packets with extension headers before the Mobility Header
"$PYTHON" - "$tmp" "$BU" "$BA" <<'EOF'
import struct, sys
d, bu, ba = sys.argv[1], bytes.fromhex(sys.argv[2]), bytes.fromhex(sys.argv[3])
def a6(s):
    import ipaddress
    return ipaddress.IPv6Address(s).packed
def csum(b):
    if len(b) % 2: b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16: s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff
def mh_with_cksum(mh, src, dst):
    mh = mh[:4] + b"\0\0" + mh[6:]
    ck = csum(src + dst + struct.pack("!I3xB", len(mh), 135) + mh)
    return mh[:4] + struct.pack("!H", ck) + mh[6:]
def ipv6(nh, src, dst, payload):
    return struct.pack("!IHBB16s16s", 0x60000000, len(payload), nh, 64, src, dst) + payload
coa, hoa, ha = a6("2001:db8:c::1"), a6("2001:db8:1::1"), a6("2001:db8::100")
hbh = lambda nh: bytes([nh, 0, 5, 2, 0, 0, 1, 0])            # Router Alert + PadN
hao = lambda nh: bytes([nh, 2, 1, 2, 0, 0, 201, 16]) + hoa   # PadN(4) + Home Address (offset 8n+6)
rh2 = lambda nh, left: bytes([nh, 2, 2, left, 0, 0, 0, 0]) + hoa
frames = [
    # MN -> HA: BU with a Home Address option (checksum over HoA -> HA)
    ipv6(60, coa, ha, hao(135) + mh_with_cksum(bu, hoa, ha)),
    # HA -> MN: BA with a type 2 Routing header (checksum over HA -> HoA)
    ipv6(43, ha, coa, rh2(135, 1) + mh_with_cksum(ba, ha, hoa)),
    # everything: Hop-by-Hop, Routing type 2, Destination Options with HAO
    ipv6(0, coa, coa, hbh(43) + rh2(60, 1) + hao(135) + mh_with_cksum(bu, hoa, hoa)),
    # checksum computed over the IPv6 header addresses instead: rejected
    ipv6(60, coa, ha, hao(135) + mh_with_cksum(bu, coa, ha)),
    # routing header already processed (Segments Left 0): the header's destination counts
    ipv6(43, ha, hoa, rh2(135, 0) + mh_with_cksum(ba, ha, hoa)),
]
with open(d + "/ext.pcap", "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 101))
    for i, p in enumerate(frames):
        f.write(struct.pack("<IIII", 1700000000 + i, 0, len(p), len(p)) + p)
EOF
run_check 1 "len(objs) == 5 and [x.get('msg') for x in objs] == ['bu', 'ba', 'bu', None, 'ba']" "extension headers walked" decode --pcap "$tmp/ext.pcap"
jcheck "$out" "objs[0]['src'] == '2001:db8:c::1' and objs[0]['seq'] == 7" "Home Address option: checksum over the home address, src is the IPv6 source"
jcheck "$out" "objs[1]['dst'] == '2001:db8:c::1' and objs[1]['opts'][0]['data'] == '0032'" "type 2 Routing header: checksum over the final destination"
jcheck "$out" "objs[2]['frame'] == 3 and objs[2]['msg'] == 'bu'" "Hop-by-Hop + Routing type 2 + Destination Options"
jcheck "$out" "objs[3]['frame'] == 4 and objs[3]['error'] == 'bad_checksum' and objs[3]['offset'] == 4" "checksum not over the home address: bad_checksum"

echo "cli_mh_test: $checks checks, $failures failures"
[ "$failures" -eq 0 ]
