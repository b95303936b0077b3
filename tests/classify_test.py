#!/usr/bin/env python3
"""Tests of `mipfb classify` (cli.md "mipfb classify"), from outside the
library: policy files, packets built here (IPv4/IPv6, TCP/UDP/ICMP/ESP,
extension headers, fragments), hex / raw / pcap input, decisions and exit
status. Each check names the rule it exercises (RFC 6089 / RFC 7629 /
errata E-19 / cli.md)."""
import json, os, struct, subprocess, sys, tempfile

MIPFB = os.environ.get("MIPFB") or os.path.join(os.environ.get("top_builddir", "."), "tools/mipfb/mipfb")
TMP = tempfile.mkdtemp(prefix="mipfb-classify.")
failures = 0
checks = 0


def check(cond, what):
    global failures, checks
    checks += 1
    if not cond:
        failures += 1
        print("FAIL:", what)


def ip6(s):
    import ipaddress
    return ipaddress.IPv6Address(s).packed


def ip4(s):
    import ipaddress
    return ipaddress.IPv4Address(s).packed


def l4(proto, sport, dport):
    if proto == 6:
        return struct.pack("!HHIIBBHHH", sport, dport, 0, 0, 0x50, 2, 1000, 0, 0)
    if proto == 17:
        return struct.pack("!HHHH", sport, dport, 8, 0)
    if proto == 50:
        return struct.pack("!II", sport << 16 | dport, 1)
    return struct.pack("!BBHI", 8, 0, 0, 0)  # ICMP echo


def pkt6(src, dst, proto=6, sport=40000, dport=22, tc=0, fl=0, ext=b"", first_nh=None):
    body = ext + l4(proto, sport, dport)
    nh = proto if first_nh is None else first_nh
    return struct.pack("!IHBB", 6 << 28 | tc << 20 | fl, len(body), nh, 64) + ip6(src) + ip6(dst) + body


def pkt4(src, dst, proto=17, sport=5060, dport=5060, ds=0, frag=0):
    body = l4(proto, sport, dport)
    return struct.pack("!BBHHHBBH", 0x45, ds, 20 + len(body), 1, frag, 64, proto, 0) + ip4(src) + ip4(dst) + body


def write_pcap(path, frames, linktype=101):
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, linktype))
        for fr in frames:
            f.write(struct.pack("<IIII", 0, 0, len(fr), len(fr)) + fr)


_files = [0]


def policy(obj):
    _files[0] += 1
    path = os.path.join(TMP, "policy%d.json" % _files[0])
    with open(path, "w") as f:
        json.dump(obj, f)
    return path


def run(args, stdin=None):
    p = subprocess.run([MIPFB, "classify"] + args, input=stdin, capture_output=True)
    lines = [json.loads(l) for l in p.stdout.decode().splitlines() if l.strip()]
    return p.returncode, lines, p.stderr.decode()


def classify(pol, packets, *extra):
    _files[0] += 1
    path = os.path.join(TMP, "in%d.pcap" % _files[0])
    write_pcap(path, packets)
    return run(["--policy", policy(pol)] + list(extra) + ["--pcap", path])


CN6, MN6 = "2001:db8:cafe::1", "2001:db8:1::2"
CN4, MN4 = "198.51.100.9", "10.0.0.2"
SSH = {"fid": 7, "prio": 10, "action": "forward", "bids": [2, 1], "ts_format": 2,
       "ts": {"dport_start": 22, "dport_end": 22, "nh_start": 6}}

# cli.md example: BID 2 invalid, so the rule forwards to BID 1 (RFC 6089: first valid BID)
rc, out, _ = classify({"family": "mip6", "bindings": [{"bid": 1, "valid": 1, "bid_pri": 5},
                                                      {"bid": 2, "valid": 0, "bid_pri": 9}], "rules": [SSH]},
                      [pkt6(CN6, MN6), pkt6(CN6, MN6, dport=80)])
check(rc == 0, "cli.md: exit 0 when every packet classified")
check(out[0] == {"frame": 1, "decision": "forward", "bid": 1, "rule": 0}, "rfc6089-forward-first-valid-bid: %s" % out[0])
check(out[1] == {"frame": 2, "decision": "forward", "bid": 1, "rule": None},
      "rfc6089-default-lowest-bid-pri: unmatched traffic to the preferred binding: %s" % out[1])

# errata E-19: a FORWARD rule whose BIDs are all invalid is inactive; the next rule applies
rules = [dict(SSH, bids=[2]), {"fid": 8, "prio": 20, "action": "drop", "ts_format": 2, "ts": {"nh_start": 6}}]
rc, out, _ = classify({"family": "mip6", "bindings": [{"bid": 1, "valid": 1, "bid_pri": 1}, {"bid": 2, "valid": 0}],
                       "rules": rules}, [pkt6(CN6, MN6)])
check(out[0] == {"frame": 1, "decision": "drop", "rule": 1}, "errata-e19-inactive-rule-skipped: %s" % out[0])

# FID-PRI orders the rules, not the array order (RFC 6089 4.2.1: lower priority value wins)
rules = [dict(SSH, fid=1, prio=50, bids=[1]), dict(SSH, fid=2, prio=5, bids=[3])]
rc, out, _ = classify({"family": "mip6", "bindings": [{"bid": 1, "valid": 1}, {"bid": 3, "valid": 1}],
                       "rules": rules}, [pkt6(CN6, MN6)])
check(out[0] == {"frame": 1, "decision": "forward", "bid": 3, "rule": 1}, "rfc6089-fid-pri-lower-wins: %s" % out[0])

# N-CAST: every valid listed BID, in list order
rules = [dict(SSH, action="ncast", bids=[3, 2, 1])]
rc, out, _ = classify({"family": "mip6", "bindings": [{"bid": 1, "valid": 1}, {"bid": 2, "valid": 0},
                                                      {"bid": 3, "valid": 1}], "rules": rules}, [pkt6(CN6, MN6)])
check(out[0] == {"frame": 1, "decision": "ncast", "bids": [3, 1], "rule": 0}, "flow-binding-ncast-valid-bids: %s" % out[0])

# no valid binding at all
rc, out, _ = classify({"family": "mip6", "bindings": [{"bid": 1, "valid": 0}], "rules": [SSH]}, [pkt6(CN6, MN6)])
check(out[0] == {"frame": 1, "decision": "none"}, "cli.md-none-without-valid-binding: %s" % out[0])

# --direction from-mn mirrors the selector (RFC 6088: src = CN, dst = MN as the HA sees it)
rules = [{"fid": 9, "prio": 1, "action": "forward", "bids": [2], "ts_format": 2,
          "ts": {"src_start": CN6, "dst_start": MN6, "dport_start": 22}}]
pol = {"family": "mip6", "bindings": [{"bid": 1, "valid": 1, "bid_pri": 1}, {"bid": 2, "valid": 1, "bid_pri": 2}],
       "rules": rules}
to_mn = pkt6(CN6, MN6, sport=40000, dport=22)
from_mn = pkt6(MN6, CN6, sport=22, dport=40000)
rc, out, _ = classify(pol, [to_mn, from_mn])
check([o["bid"] for o in out] == [2, 1], "rfc6088-direction-to-mn: only the to-MN packet matches: %s" % out)
rc, out, _ = classify(pol, [to_mn, from_mn], "--direction", "from-mn")
check([o["bid"] for o in out] == [1, 2], "rfc6088-direction-from-mn-mirrored: %s" % out)

# IPv6 extension headers before TCP (hop-by-hop, destination options) are walked
hbh = bytes([60, 0]) + bytes(6)
dopt = bytes([6, 0]) + bytes(6)
rc, out, _ = classify({"family": "mip6", "bindings": [{"bid": 1, "valid": 1}, {"bid": 2, "valid": 1}],
                       "rules": [dict(SSH, bids=[2])]}, [pkt6(CN6, MN6, ext=hbh + dopt, first_nh=0)])
check(out[0].get("bid") == 2 and out[0].get("rule") == 0, "ipv6-extension-headers-walked: %s" % out[0])

# MIPv4 (RFC 7629): array order is the priority; Figure 2 style SIP rule over UDP 5060
sip = {"action": "forward", "bids": [1, 2], "ts_format": 1, "ts": {"dport_start": 5060, "proto_start": 17}}
http = {"action": "forward", "bids": [2], "ts_format": 1, "ts": {"dport_start": 80, "proto_start": 6}}
pol4 = {"family": "mip4", "bindings": [{"bid": 1, "valid": 1}, {"bid": 2, "valid": 1}, {"bid": 3, "valid": 1}],
        "rules": [sip, http]}
rc, out, _ = classify(pol4, [pkt4(CN4, MN4), pkt4(CN4, MN4, proto=6, sport=1234, dport=80)])
check(out[0] == {"frame": 1, "decision": "forward", "bid": 1, "rule": 0}, "rfc7629-4.2-sip-rule: %s" % out[0])
check(out[1] == {"frame": 2, "decision": "forward", "bid": 2, "rule": 1}, "rfc7629-4.2-http-rule: %s" % out[1])

# RFC 7629 6: unmatched flows are spread per flow; the same seed gives the same answer, and a flow
# stays on its binding while that binding is valid; when a binding goes away only its flows move
flows = [pkt4(CN4, MN4, proto=6, sport=10000 + i, dport=443) for i in range(200)]
rc, a, _ = classify(pol4, flows, "--seed", "42")
rc2, b, _ = classify(pol4, flows, "--seed", "42")
check(rc == 0 and a == b, "rfc7629-6-per-flow-hashing-deterministic")
check(all(o["rule"] is None for o in a), "rfc7629-6-default-has-no-rule")
spread = {o["bid"] for o in a}
check(spread == {1, 2, 3}, "rfc7629-6-load-balanced-over-valid-bindings: %s" % spread)
pol4b = dict(pol4, bindings=[{"bid": 1, "valid": 1}, {"bid": 2, "valid": 0}, {"bid": 3, "valid": 1}])
rc, c, _ = classify(pol4b, flows, "--seed", "42")
moved = [i for i in range(len(flows)) if a[i]["bid"] != c[i]["bid"]]
check(all(a[i]["bid"] == 2 for i in moved) and all(c[i]["bid"] != 2 for i in range(len(flows))),
      "rfc7629-6-only-flows-of-the-lost-binding-move (rendezvous hashing)")

# a non-first IPv4 fragment has no ports: port rules do not match it (default applies)
rc, out, _ = classify(pol4, [pkt4(CN4, MN4, frag=100)])
check(out[0]["rule"] is None, "fragment-without-ports-matches-no-port-rule: %s" % out[0])

# malformed packets: error object, exit 1, later packets still classified
rc, out, _ = classify(pol4, [b"\x45\x00", pkt4(CN4, MN4)])
check(rc == 1, "cli.md: exit 1 when a packet is malformed")
check(out[0].get("frame") == 1 and out[0].get("error") == "bad_packet" and out[0].get("detail"),
      "cli.md-bad-packet-object: %s" % out[0])
check(out[1].get("decision") == "forward", "cli.md: the other packets still print")

# --hex and raw FILE / stdin input give frame 1
hexpkt = pkt4(CN4, MN4).hex()
rc, out, _ = run(["--policy", policy(pol4), "--hex", hexpkt])
check(rc == 0 and out[0]["frame"] == 1 and out[0]["rule"] == 0, "cli.md-hex-input: %s" % out)
raw = os.path.join(TMP, "pkt.bin")
with open(raw, "wb") as f:
    f.write(pkt4(CN4, MN4))
rc, out2, _ = run(["--policy", policy(pol4), raw])
check(out2 == out, "cli.md-raw-file-input")
rc, out3, _ = run(["--policy", policy(pol4), "-"], stdin=pkt4(CN4, MN4))
check(out3 == out, "cli.md-stdin-input")

# Ethernet capture: IP frames classified, others (ARP) skipped, frame numbers kept
eth = lambda t, p: bytes(12) + struct.pack("!H", t) + p
path = os.path.join(TMP, "eth.pcap")
write_pcap(path, [eth(0x0806, bytes(28)), eth(0x0800, pkt4(CN4, MN4))], linktype=1)
rc, out, _ = run(["--policy", policy(pol4), "--pcap", path])
check(len(out) == 1 and out[0]["frame"] == 2, "pcap-ethernet-non-ip-skipped: %s" % out)

# usage errors: exit 2 with a message
for args, what in ([["--hex", hexpkt], "no --policy"], [["--policy", policy(pol4)], "no input"],
                   [["--policy", policy({"family": "x"}), "--hex", hexpkt], "bad family"],
                   [["--policy", policy(dict(pol4, rules=[dict(sip, ts_format=3)])), "--hex", hexpkt], "bad ts_format"],
                   [["--policy", policy(pol4), "--direction", "up", "--hex", hexpkt], "bad direction"]):
    rc, out, err = run(args)
    check(rc == 2 and err, "cli.md-usage-error-exit-2: %s (rc %d)" % (what, rc))

import shutil
shutil.rmtree(TMP, ignore_errors=True)
print("classify_test: %d checks, %d failed" % (checks, failures))
sys.exit(1 if failures else 0)
