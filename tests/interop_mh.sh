#!/bin/sh
# Interoperability of Mobility Header messages: what `mipfb encode --pcap`
# writes (IPv6, next header 135), Wireshark reads back. Fixed fields and
# flags of BU / BA / BE, the Binding Identifier option (bid, status, H,
# CoA), Alternate CoA, MN-ID, HNP, HI, ATT, LLA and Timestamp through the
# `mip6.*` fields; the options tshark 4.0 does not dissect (Flow Summary 44,
# Flow Identification 45, MAG Multipath-Binding 63, MAG Identifier 64)
# compared octet for octet with tests/vectors/mh.vec through the raw bytes
# tshark saw; every checksum recomputed with scapy's in6_chksum.
# Skips (77) when tshark, Python or scapy is missing, unless CI=true.
# Environment (TESTS_ENVIRONMENT): MIPFB, top_srcdir, top_builddir.

MIPFB=${MIPFB:-${top_builddir:-.}/tools/mipfb/mipfb}
PYTHON=${PYTHON:-python3}
top_srcdir=${top_srcdir:-.}

skip() {
  echo "interop_mh: $1" >&2
  if [ "$CI" = "true" ]; then exit 1; fi
  exit 77
}
for tool in tshark "$PYTHON"; do
  command -v "$tool" >/dev/null 2>&1 || skip "$tool not found"
done
# scapy may live in the system Python only (Debian python3-scapy)
SCAPY=
for py in "$PYTHON" python3 /usr/bin/python3; do
  if command -v "$py" >/dev/null 2>&1 && "$py" -c 'import scapy.all' >/dev/null 2>&1; then
    SCAPY=$py
    break
  fi
done
[ -n "$SCAPY" ] || skip "scapy not found (package python3-scapy)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mipfb-interop-mh.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
# check WHAT EXPECTED GOT, status, TAB
. "${top_srcdir:-.}/tests/interop_lib.sh"

# fields PCAP FIELD...: tshark's fields, one tab-separated line per frame
fields() {
  pcap=$1
  shift
  set -- $(for f in "$@"; do printf -- '-e %s ' "$f"; done)
  tshark -r "$pcap" -T fields -E separator=/t "$@" 2>/dev/null
}

# A PBU with two BIDs (IPv6 and IPv4 CoA), Alternate CoA and the PMIPv6
# options (one HNP given as "unknown": encode places it by its rule too), a PBA with MCoA statuses and a Binding Refresh Advice, a BE, and
# a draft-profile BU with the O flag.
cat > "$tmp/msgs.jsonl" <<'EOF'
{"proto":"mh","msg":"bu","seq":7,"flags":{"A":1,"H":1,"K":1,"P":1,"T":1},"lifetime":100,"opts":[{"name":"bid","bid":1,"status":0,"H":1,"bid_pri":5,"coa":"2001:db8:2::7"},{"name":"bid","bid":2,"status":0,"H":0,"bid_pri":0,"coa":"192.0.2.10"},{"name":"alt_coa","coa":"2001:db8:1::5"},{"name":"mn_id","subtype":1,"id":"mn@example.com"},{"name":"unknown","type":22,"data":"004020010db8000100000000000000000000"},{"name":"hnp","prefix":"2001:db8:2::/48"},{"name":"hi","hi":2},{"name":"att","att":8},{"name":"lla","addr":"fe80::2"},{"name":"timestamp","value":"0000655434000001"}]}
{"proto":"mh","msg":"ba","status":164,"flags":{"K":1,"P":1,"B":1},"seq":7,"lifetime":50,"opts":[{"name":"bid","bid":1,"status":165,"H":0,"bid_pri":0},{"name":"bid","bid":300,"status":0,"H":0,"bid_pri":0},{"name":"unknown","type":2,"data":"0032"}],"src":"2001:db8::100","dst":"2001:db8::1"}
{"proto":"mh","msg":"be","status":2,"hoa":"2001:db8::77","opts":[]}
{"proto":"mh","msg":"bu","seq":65535,"flags":{"A":1,"H":0,"L":1,"M":1,"R":1,"F":1,"B":1},"lifetime":0,"opts":[],"src":"2001:db8:c::1","dst":"2001:db8:d::2"}
EOF
"$MIPFB" encode --pcap "$tmp/msgs.pcap" "$tmp/msgs.jsonl" || echo "FAIL: encode --pcap" >&2

got=$(fields "$tmp/msgs.pcap" ipv6.nxt mip6.proto mip6.hlen mip6.mhtype ipv6.src ipv6.dst)
check "IPv6 next header 135, Payload Proto 59, Header Len, MH Type, addresses" "$(printf '%s\n' \
  "135${TAB}59${TAB}22${TAB}5${TAB}2001:db8::1${TAB}2001:db8::100" \
  "135${TAB}59${TAB}3${TAB}6${TAB}2001:db8::100${TAB}2001:db8::1" \
  "135${TAB}59${TAB}2${TAB}7${TAB}2001:db8::1${TAB}2001:db8::100" \
  "135${TAB}59${TAB}1${TAB}5${TAB}2001:db8:c::1${TAB}2001:db8:d::2")" "$got"

got=$(fields "$tmp/msgs.pcap" mip6.bu.seqnr mip6.bu.a_flag mip6.bu.h_flag mip6.bu.l_flag mip6.bu.k_flag mip6.bu.m_flag \
  mip6.nemo.bu.r_flag mip6.bu.p_flag mip6.bu.f_flag mip6.bu.t_flag mip6.bu.b_flag mip6.bu.lifetime | sed -n '1p;4p')
check "BU sequence number, A H L K M R P F T B flags, lifetime" "$(printf '%s\n' \
  "7${TAB}1${TAB}1${TAB}0${TAB}1${TAB}0${TAB}0${TAB}1${TAB}0${TAB}1${TAB}0${TAB}100" \
  "65535${TAB}1${TAB}0${TAB}1${TAB}0${TAB}1${TAB}1${TAB}0${TAB}1${TAB}0${TAB}1${TAB}0")" "$got"

got=$(fields "$tmp/msgs.pcap" mip6.ba.status mip6.ba.k_flag mip6.nemo.ba.r_flag mip6.ba.p_flag mip6.ba.t_flag \
  mip6.ba.b_flag mip6.ba.seqnr mip6.ba.lifetime mip6.bra.interval | sed -n 2p)
check "BA status, K R P T B flags, sequence number, lifetime, refresh advice" \
  "164${TAB}1${TAB}0${TAB}1${TAB}0${TAB}1${TAB}7${TAB}50${TAB}50" "$got"

got=$(fields "$tmp/msgs.pcap" mip6.be.status mip6.be.haddr | sed -n 3p)
check "BE status and home address" "2${TAB}2001:db8::77" "$got"

got=$(fields "$tmp/msgs.pcap" mip6.bi.bid mip6.bi.status mip6.bi.h_flag mip6.bi.coa_ipv6 mip6.bi.coa_ipv4 | sed -n '1,2p')
check "Binding Identifier options: bid, status, H, CoA" "$(printf '%s\n' \
  "1,2${TAB}0,0${TAB}1,0${TAB}2001:db8:2::7${TAB}192.0.2.10" \
  "1,300${TAB}165,0${TAB}0,0${TAB}${TAB}")" "$got"

got=$(fields "$tmp/msgs.pcap" mip6.acoa.acoa mip6.mnid.subtype mip6.mnid.identifier mip6.nemo.mnp.pfl mip6.nemo.mnp.mnp \
  mip6.hi mip6.att mip6.lila_lla | sed -n 1p)
check "Alternate CoA, MN-ID, HNP, HI, ATT, LLA" \
  "2001:db8:1::5${TAB}1${TAB}mn@example.com${TAB}64,48${TAB}2001:db8:1::,2001:db8:2::${TAB}2${TAB}8${TAB}fe80::2" "$got"

# Timestamp: 48 bits of seconds and 16 bits of 1/65536 s, as tshark prints it
got=$(fields "$tmp/msgs.pcap" mip6.timestamp_tmp | sed -n 1p)
want=$("$PYTHON" -c '
import datetime
v = 0x0000655434000001
t = datetime.datetime.fromtimestamp(v >> 16, datetime.timezone.utc)
print(t.strftime("%b %d, %Y %H:%M:%S") + ".%09d UTC" % ((v & 0xffff) * 10**9 // 65536))')
check "Timestamp" "$want" "$got"

# no option tshark could not parse, no malformed packet
got=$(tshark -r "$tmp/msgs.pcap" -Y '_ws.malformed || _ws.expert.severity >= "warning" || mip6.opt.len.invalid' \
  -T fields -e frame.number 2>/dev/null)
check "no malformed frame or warning" "" "$got"

# draft profile: the 0x0040 bit written from "O" is what tshark calls B
printf '%s\n' '{"proto":"mh","msg":"bu","seq":1,"flags":{"A":1,"H":1,"O":1},"lifetime":10,"opts":[{"name":"bid","bid":4,"status":0,"H":0,"coa":"2001:db8:2::4"}]}' |
  "$MIPFB" encode --profile draft --pcap "$tmp/draft.pcap" -
got=$(fields "$tmp/draft.pcap" mip6.bu.b_flag mip6.bi.bid mip6.bi.coa_ipv6)
check "draft profile: O flag on the wire, BID option" "1${TAB}4${TAB}2001:db8:2::4" "$got"

# ---------------------------------------------------------------- options tshark does not dissect
# Every valid vector with an option of type 44, 45, 63 or 64 (unknown flow
# sub-options and sub-option padding included, through "subs"): decoded, encoded again with the vector's addresses, and the Mobility Header tshark
# saw (and each such option in it) is the vector's, octet for octet.
"$PYTHON" - "$MIPFB" "$top_srcdir/tests/vectors/mh.vec" "$tmp" <<'EOF' > "$tmp/raw.out"
import ipaddress, json, os, subprocess, sys
mipfb, path, tmp = sys.argv[1:4]
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.dirname(path)))
from vecfile import vectors
def options(mh):
    """(type, octets) of every option but Pad1/PadN (fixed part by MH Type)."""
    i = {0: 8, 5: 12, 6: 12, 7: 24}[mh[2]]
    out = []
    while i < len(mh):
        if mh[i] == 0:
            i += 1
            continue
        n = 2 + mh[i + 1]
        if mh[i] != 1:
            out.append((mh[i], mh[i:i + n].hex()))
        i += n
    return out
n = 0
for v in vectors(path):
    if v.get("codec") != "mh" or v.get("expect") != "ok" or "src" not in v:
        continue
    mh = bytes.fromhex(v["hex"])
    types = {t for t, _ in options(mh)}
    if not types & {44, 45, 63, 64}:
        continue
    profile = v.get("profile", "rfc")
    src = str(ipaddress.IPv6Address(bytes.fromhex(v["src"])))
    dst = str(ipaddress.IPv6Address(bytes.fromhex(v["dst"])))
    o = json.loads(subprocess.run([mipfb, "decode", "--profile", profile, "--src", src, "--dst", dst, "--hex", v["hex"]],
                                  capture_output=True, text=True).stdout)
    o.pop("checksum", None)
    o["src"], o["dst"] = src, dst
    pcap = "%s/raw%d.pcap" % (tmp, n)
    subprocess.run([mipfb, "encode", "--profile", profile, "--pcap", pcap, "-"], input=json.dumps(o) + "\n",
                   capture_output=True, text=True)
    ts = subprocess.run(["tshark", "-r", pcap, "-T", "json", "-x"], capture_output=True, text=True).stdout
    seen = bytes.fromhex(json.loads(ts)[0]["_source"]["layers"]["ipv6"]["mipv6_raw"][0])
    n += 1
    want = [x for x in options(mh) if x[0] in (44, 45, 63, 64)]
    got = [x for x in options(seen) if x[0] in (44, 45, 63, 64)]
    if seen != mh or got != want:
        print("FAIL %s: tshark saw %s, vector %s" % (v["name"], seen.hex(), v["hex"]))
    else:
        print("ok %s: %s" % (v["name"], " ".join("%d:%s" % x for x in got)))
print("vectors %d" % n)
EOF
got=$(grep -c '^ok' "$tmp/raw.out")
check "raw octets of options 44/45/63/64 through tshark ($got vectors)" "" "$(grep '^FAIL' "$tmp/raw.out")"
if [ "$got" -lt 5 ]; then
  echo "FAIL: too few vectors with options 44/45/63/64: $(tail -n 1 "$tmp/raw.out")"
  status=1
fi

# ---------------------------------------------------------------- checksums: scapy in6_chksum and tshark
for pcap in "$tmp"/*.pcap; do
  fields "$pcap" mip6.csum
done > "$tmp/tshark_csum"
got=$("$SCAPY" - "$tmp" <<'EOF'
import glob, sys
from scapy.all import IPv6, in6_chksum, rdpcap
out = []
for path in sorted(glob.glob(sys.argv[1] + "/*.pcap")):
    for p in rdpcap(path):
        ip = IPv6(bytes(p))
        mh = bytes(ip.payload)[:ip.plen]
        want = int.from_bytes(mh[4:6], "big")
        ck = in6_chksum(135, ip, mh[:4] + b"\0\0" + mh[6:])
        out.append("0x%04x %s" % (want, "ok" if ck == want else "scapy 0x%04x" % ck))
print("\n".join(out))
EOF
)
check "every Mobility Header checksum equals scapy's in6_chksum" "" "$(echo "$got" | grep -v ' ok$')"
check "tshark shows the same checksums" "$(cat "$tmp/tshark_csum")" "$(echo "$got" | cut -d' ' -f1)"
echo "interop_mh: $(echo "$got" | grep -c ' ok$') packets checked with scapy"

exit $status
