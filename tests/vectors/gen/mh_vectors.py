#!/usr/bin/env python3
"""Generates tests/vectors/mh.vec: Mobility Header messages (RFC 6275 6.1,
6.2; RFC 5648 / RFC 6089 Binding Identifier; draft-13 profile) built byte by
byte from the field tables of wire.md sections 4 and 5, with the padding
rules and the pseudo-header checksum computed here, independently of the C
encoder. Run: python3 mh_vectors.py > ../mh.vec"""
import ipaddress, struct

from vecfmt import vector

SRC = ipaddress.IPv6Address("2001:db8::1").packed
DST = ipaddress.IPv6Address("2001:db8::100").packed
OUT = []

def v6(s):
    return ipaddress.IPv6Address(s).packed

def v4(s):
    return ipaddress.IPv4Address(s).packed

def cksum(mh, src=SRC, dst=DST):
    data = src + dst + struct.pack(">I", len(mh)) + b"\0\0\0\x87" + mh
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack(">%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return (~s) & 0xffff

def pad(n):
    if n == 0:
        return b""
    if n == 1:
        return b"\0"
    return bytes([1, n - 2]) + bytes(n - 2)

# options: (bytes, x, y) = alignment xn+y (wire.md 4.5, 5.1)
def bra(interval=50, length=2):
    return (bytes([2, length]) + struct.pack(">H", interval) + bytes(length - 2), 2, 0)

def acoa(addr="2001:db8:1::5", length=16):
    return (bytes([3, length]) + v6(addr)[:length] + bytes(max(0, length - 16)), 8, 6)

def nonce(home=0x1234, coa=0x5678, length=4):
    return (bytes([4, length]) + struct.pack(">HH", home, coa)[:length], 2, 0)

def auth(data=bytes(range(0xa0, 0xac))):
    return (bytes([5, len(data)]) + data, 8, (8 - (len(data) + 2) % 8) % 8)

def bid(b=1, status=0, flags=0, coa=b"", length=None, t=35):
    body = struct.pack(">HBB", b, status, flags) + coa
    n = len(body) if length is None else length
    return (bytes([t, n]) + body, 2 if len(coa) == 0 else 8, 0 if len(coa) == 0 else 2)

def unknown(t=200, data=b"\x01\x02\x03"):
    return (bytes([t, len(data)]) + data, 1, 0)

def raw(b):
    return (b, 1, 0)

def build(mtype, fixed, opts=(), proto=59, hl=None, addrs=True, bad_cksum=False, trail_pad=True):
    b = bytearray([proto, 0, mtype, 0, 0, 0]) + fixed
    for data, x, y in opts:
        b += pad((y - len(b)) % x)
        b += data(len(b)) if callable(data) else data
    if trail_pad:
        b += pad((-len(b)) % 8)
    b[1] = len(b) // 8 - 1 if hl is None else hl
    if addrs:
        c = cksum(bytes(b)) ^ (1 if bad_cksum else 0)
        b[4:6] = struct.pack(">H", c)
    return bytes(b)

def bu(seq=7, flags=0xc000, life=100, **kw):
    return build(5, struct.pack(">HHH", seq, flags, life), **kw)

def ba(status=0, flags=0, seq=7, life=100, **kw):
    return build(6, struct.pack(">BBHH", status, flags, seq, life), **kw)

def be(status=2, hoa="2001:db8::1", **kw):
    return build(7, bytes([status, 0]) + v6(hoa), **kw)

def brr(**kw):
    return build(0, b"\0\0", **kw)

def vec(name, data, expect="ok", profile=None, addrs=True):
    extra = ([f"profile {profile}"] if profile else []) + (["src " + SRC.hex(), "dst " + DST.hex()] if addrs else [])
    vector(OUT, name, "mh", data, expect, extra)

def bad(name, data, expect):
    vec(name, data, expect, addrs=False)

COA6 = v6("2001:db8:2::7")
COA4 = v4("192.0.2.10")

# ---- known answers
vec("rfc6275-6.1.7-bu-a-h-no-options", bu())
vec("rfc6275-6.1.8-ba-accepted-refresh-advice", ba(opts=[bra()]))
vec("rfc6275-6.1.2-brr-no-options", brr())
vec("rfc6275-6.1.9-be-status-2-unrecognised-mh-type", be())
vec("rfc6275-6.2.5-bu-alternate-coa-8n+6", bu(opts=[acoa()]))
vec("rfc6275-6.2.6-6.2.7-bu-nonce-indices-then-auth-data-8n+2-last", bu(flags=0x8000, opts=[nonce(), auth()]))
vec("rfc6275-6.2.7-ba-auth-data-last", ba(opts=[bra(), auth()]))
vec("rfc6275-6.2.1-unknown-option-skipped", bu(opts=[unknown(), acoa()]))
vec("rfc5648-6.1-bu-bid-ipv6-coa-8n+2", bu(opts=[bid(1, coa=COA6)]))
vec("rfc5648-6.1-bu-bid-ipv4-coa-home-registration", bu(opts=[bid(2, coa=COA4)]))
vec("rfc5648-6.1-bu-bid-no-coa-2n", bu(opts=[bid(3)]))
vec("rfc5648-6.1-bu-bulk-three-bids-h-flag", bu(opts=[bid(1, flags=0x80, coa=COA6), bid(2, coa=COA4), bid(3)]))
vec("rfc5648-6.1-ba-mcoa-notcomplete-bid-status-164", ba(status=4, opts=[bid(1, status=164), bid(2)]))
vec("rfc5648-6.1-brr-bid-no-coa", brr(opts=[bid(9)]))
vec("rfc6089-4.1-bid-pri-5-h", bu(opts=[bid(1, flags=0x85, coa=COA6), bid(2, flags=0x01, coa=v6("2001:db8:3::9"))]))
vec("rfc6089-4.1-errata-e13-bid-pri-0-is-rfc5648-format", bu(opts=[bid(4, flags=0x00, coa=COA6)]))
vec("rfc5213-6.9.1.1-pbu-p-flag", bu(flags=0xc200, life=0x0e10, opts=[unknown(8, b"\x01mn1@example.com")]))
vec("rfc5213-6.9.1.2-pba-p-flag", ba(flags=0x20, life=0x0e10))
vec("rfc6602-bu-bulk-b-flag-rfc-profile", bu(flags=0xc240))
vec("draft13-5.1-errata-e11-bu-o-flag-0x0040", bu(flags=0xc040, opts=[bid(1, coa=COA6)]), profile="draft")
vec("draft13-5.1-bid-reserved-bits-kept", bu(opts=[bid(1, flags=0x80, coa=COA6)]), profile="draft")
vec("rfc6275-6.1.1-longer-header-len-padn", bu(opts=[unknown(200, bytes(20))]))

# ---- negative: one per rule (no addresses: checksum not verified)
bad("rfc6275-9.2-payload-proto-not-59", bu(proto=58, addrs=False), "bad_value offset 0")
bad("rfc6275-9.2-mh-type-unknown-hoti", build(1, bytes(10), addrs=False), "unsupported offset 2")
bad("rfc6275-9.2-mh-type-unknown-255", build(255, bytes(10), addrs=False), "unsupported offset 2")
bad("rfc6275-9.2-bu-header-len-below-minimum", bu(hl=0, addrs=False)[:8], "bad_length offset 1")
bad("rfc6275-9.2-be-header-len-below-minimum", be(hl=1, addrs=False)[:16], "bad_length offset 1")
bad("rfc6275-6.1.1-header-len-past-input", bu(hl=2, addrs=False), "truncated offset 1")
bad("rfc6275-6.1.1-fewer-than-8-octets", bytes([59, 0, 0, 0, 0, 0]), "truncated")
vec("rfc6275-6.1.1-checksum-wrong", bu(bad_cksum=True), "bad_checksum offset 4")
bad("rfc6275-6.2.1-option-runs-past-message", bu(opts=[raw(b"\xc8\x05\x00\x00")], addrs=False), "truncated offset 13")
bad("rfc6275-6.2.1-option-length-octet-missing", bu(opts=[raw(b"\0\0\0\xc8")], addrs=False), "truncated offset 15")
bad("rfc6275-6.2.4-refresh-advice-len-not-2", ba(opts=[bra(length=4)], addrs=False), "bad_length offset 13")
bad("rfc6275-6.2.5-alt-coa-len-not-16", bu(opts=[acoa(length=8)], addrs=False), "bad_length offset 15")
bad("rfc6275-6.2.6-nonce-len-not-4", bu(opts=[nonce(length=2)], addrs=False), "bad_length offset 13")
bad("rfc6275-6.2.4-refresh-advice-in-bu", bu(opts=[bra()], addrs=False), "bad_value offset 12")
bad("rfc6275-6.2.5-alt-coa-in-ba", ba(opts=[acoa()], addrs=False), "bad_value offset 14")
bad("rfc6275-6.2.6-nonce-in-ba", ba(opts=[nonce()], addrs=False), "bad_value offset 12")
bad("rfc6275-6.2.7-auth-data-in-brr", brr(opts=[auth()], addrs=False), "bad_value offset 10")
bad("rfc6275-9.5.1-alt-coa-multicast", bu(opts=[acoa("ff02::1")], addrs=False), "bad_value offset 16")
bad("rfc6275-6.2.7-option-after-auth-data", bu(opts=[auth(), nonce()], addrs=False), "bad_order offset 32")
bad("rfc6275-6.2.7-padding-after-auth-data", bu(opts=[raw(b"\x05\x01\xaa")], addrs=False), "bad_order offset 15")
bad("rfc5648-6.1-bid-len-not-4-8-20", bu(opts=[bid(1, coa=b"\0\0", length=6)], addrs=False), "bad_length offset 19")
bad("rfc5648-6.1-errata-e12-bid-0", bu(opts=[bid(0)], addrs=False), "bad_value offset 14")
bad("rfc5648-6.1-bid-coa-in-ba", ba(opts=[bid(1, coa=COA6)], addrs=False), "bad_value offset 24")
bad("rfc5648-6.1-bid-coa-in-brr", brr(opts=[bid(1, coa=COA6)], addrs=False), "bad_value offset 16")
bad("rfc5648-6.1-bid-in-be", be(opts=[bid(1)], addrs=False), "bad_value offset 24")
bad("rfc5648-6.1-bid-ipv4-coa-not-home-registration", bu(flags=0x8000, opts=[bid(1, coa=COA4)], addrs=False),
    "bad_value offset 24")
bad("rfc5648-6.1-bid-h-flag-not-home-registration", bu(flags=0x8000, opts=[bid(1, flags=0x80)], addrs=False),
    "bad_value offset 17")
bad("rfc5648-6.2-bid-coa-multicast", bu(opts=[bid(1, coa=v6("ff0e::1"))], addrs=False), "bad_value offset 24")
bad("rfc5648-6.2-bid-coa-unspecified", bu(opts=[bid(1, coa=bytes(16))], addrs=False), "bad_value offset 24")
bad("rfc5648-6.2-bid-ipv4-coa-loopback", bu(opts=[bid(1, coa=v4("127.0.0.1"))], addrs=False), "bad_value offset 24")

# ---- RFC 6089 flow binding options (wire.md 6.2): Flow Identification (45,
# 2n) with sub-options, Flow Summary (44, 2n). Canonical sub-option layout:
# BID Reference first, then the Traffic Selector sub-option at 4n (its
# selector's 32-bit fields naturally aligned).
TS6 = bytes.fromhex("80320000" "20010db8000000000000000000000005" "1f40" "1f90" "06")
TS4 = bytes.fromhex("20880000" "0a000002" "13c4" "11")

def sub(t, data):
    return bytes([t, len(data)]) + data

def bidref(*bids):
    return sub(2, b"".join(struct.pack(">H", b) for b in bids))

def tssub(fmt, sel):
    return sub(3, bytes([fmt, 0]) + sel)

def fid(f=1, pri=10, status=0, bids=(), ts=None, subs=None, length=None, t=45):
    def at(pos):
        body = struct.pack(">HHBB", f, pri, 0, status)
        if subs is not None:
            body += subs
        else:
            if bids:
                body += bidref(*bids)
            if ts is not None:
                body += pad((-(pos + 2 + len(body))) % 4) + tssub(*ts)
        return bytes([t, len(body) if length is None else length]) + body
    return (at, 2, 0)

def fsum(*fids, length=None, t=44):
    body = b"".join(struct.pack(">H", f) for f in fids)
    return (bytes([t, len(body) if length is None else length]) + body, 2, 0)

B1, B2 = bid(1, coa=COA6), bid(2, coa=v6("2001:db8:3::9"))
vec("rfc6089-4.2.2-bu-fid-bid-reference-ipv6-ts", bu(opts=[B1, B2, fid(1, 10, bids=(1, 2), ts=(2, TS6))]))
vec("rfc6089-4.2.2-bu-fid-ipv4-ts-only", bu(opts=[fid(7, 3, ts=(1, TS4))]))
vec("rfc6089-4.2.2-bu-fid-bid-reference-only", bu(opts=[fid(9, 1, bids=(4,))]))
vec("rfc6089-4.2.2-bu-fid-no-sub-options", bu(opts=[fid(2, 20)]))
vec("rfc6089-4.2.2-bu-two-fids-two-pris", bu(opts=[fid(1, 10, bids=(1,), ts=(1, TS4)), fid(2, 11, bids=(2,), ts=(2, TS6))]))
vec("rfc6089-4.2.2-ba-fid-status-131-bid-not-found", ba(status=0, opts=[fid(1, 10, status=131, bids=(9,))]))
vec("rfc6089-4.2.2-unknown-sub-options-skipped",
    bu(opts=[fid(3, 5, subs=sub(200, b"\x01\x02\x03") + b"\x00" + bidref(1) + sub(251, b""))]))
vec("rfc6089-4.2.2-errata-e8-padn-sub-option-len-n-2",
    bu(opts=[fid(3, 5, subs=bidref(1) + sub(1, bytes(3)) + b"\x00" + tssub(1, TS4))]))
vec("rfc6089-4.2.2.3-ts-format-unknown-kept-opaque", bu(opts=[fid(4, 6, ts=(9, b"\xaa\xbb"))]))
vec("rfc6089-4.2.3-bu-flow-summary-three-fids", bu(opts=[fsum(1, 2, 3)]))
vec("rfc6089-4.2.3-flow-summary-duplicate-fids-ignored", bu(opts=[fsum(5, 5), fid(6, 2)]))
vec("rfc6089-4.2-bu-bids-fids-and-summary",
    bu(opts=[B1, B2, fid(1, 10, bids=(1, 2), ts=(2, TS6)), fid(2, 11, bids=(2,), ts=(1, TS4)), fsum(3, 4)]))
vec("rfc6089-errata-e9-draft-profile-flow-summary-44", bu(opts=[fsum(1)]), profile="draft")

# negative (option at offset 12 unless stated; FID at 14, FID-PRI at 16, sub-options from 20)
bad("rfc6089-4.2.2-fid-len-below-6", bu(opts=[fid(1, 1, subs=b"", length=4)], addrs=False)[:0] +
    build(5, struct.pack(">HHH", 7, 0xc000, 100), opts=[raw(b"\x2d\x04\x00\x01\x00\x01")], addrs=False),
    "bad_length offset 13")
bad("rfc6089-4.2.2-fid-0-reserved", bu(opts=[fid(0, 1)], addrs=False), "bad_value offset 14")
bad("rfc6089-4.2.2-fid-pri-0-reserved", bu(opts=[fid(1, 0)], addrs=False), "bad_value offset 16")
bad("rfc6089-5.3-two-fid-options-one-fid", bu(opts=[fid(1, 1), fid(1, 2)], addrs=False), "duplicate offset 22")
bad("rfc6089-4.2.2-two-fids-one-fid-pri", bu(opts=[fid(1, 1), fid(2, 1)], addrs=False), "duplicate offset 24")
bad("rfc6089-4.2.2-sub-option-runs-past-option", bu(opts=[fid(1, 1, subs=b"\x02\x04\x00\x01")], addrs=False),
    "truncated offset 21")
bad("rfc6089-4.2.2-sub-option-len-octet-missing", bu(opts=[fid(1, 1, subs=b"\x00\xc8")], addrs=False),
    "truncated offset 21")
bad("rfc6089-4.2.2.2-bid-reference-odd-len", bu(opts=[fid(1, 1, subs=b"\x02\x03\x00\x01\x00")], addrs=False),
    "bad_length offset 21")
bad("rfc6089-4.2.2.2-bid-reference-empty", bu(opts=[fid(1, 1, subs=b"\x02\x00")], addrs=False),
    "bad_length offset 21")
bad("rfc6089-4.2.2.2-bid-reference-bid-0", bu(opts=[fid(1, 1, bids=(1, 0))], addrs=False), "bad_value offset 24")
bad("rfc6089-4.2.2.2-two-bid-references", bu(opts=[fid(1, 1, subs=bidref(1) + bidref(2))], addrs=False),
    "duplicate offset 24")
bad("rfc6089-4.2.2.3-two-traffic-selectors",
    bu(opts=[fid(1, 1, subs=tssub(1, TS4) + b"\x00" + tssub(1, TS4))], addrs=False), "duplicate offset 36")
bad("rfc6089-4.2.2.3-ts-len-below-2", bu(opts=[fid(1, 1, subs=b"\x03\x01\x01")], addrs=False), "bad_length offset 21")
bad("rfc6089-4.2.2.3-ts-format-0-reserved", bu(opts=[fid(1, 1, ts=(0, TS4))], addrs=False), "bad_value offset 22")
bad("rfc6088-3-ts-end-without-start", bu(opts=[fid(1, 1, ts=(1, bytes.fromhex("400000000a000001")))], addrs=False),
    "bad_value offset 24")
bad("rfc6088-3-ts-octets-left-over", bu(opts=[fid(1, 1, ts=(1, TS4 + b"\0"))], addrs=False), "bad_length offset 35")
bad("rfc6089-4.2.2-fid-in-brr", brr(opts=[fid(1, 1)], addrs=False), "bad_value offset 8")
bad("rfc6089-4.2.2-fid-in-be", be(opts=[fid(1, 1)], addrs=False), "bad_value offset 24")
bad("rfc6089-4.2.3-flow-summary-odd-len", bu(opts=[fsum(1, length=3) ], addrs=False)[:0] +
    build(5, struct.pack(">HHH", 7, 0xc000, 100), opts=[raw(b"\x2c\x03\x00\x01\x00")], addrs=False),
    "bad_length offset 13")
bad("rfc6089-4.2.3-flow-summary-empty", build(5, struct.pack(">HHH", 7, 0xc000, 100), opts=[raw(b"\x2c\x00")],
    addrs=False), "bad_length offset 13")
bad("rfc6089-4.2.3-flow-summary-fid-0", bu(opts=[fsum(1, 0)], addrs=False), "bad_value offset 16")
bad("rfc6089-4.2.3-flow-summary-in-ba", ba(opts=[fsum(1)], addrs=False), "bad_value offset 12")

# ---- draft-ietf-mext-flow-binding-00 Flow Identification (wire.md 6.1, errata
# E-10), draft profile, type 253 (code-point table default; configurable).
# Layout: Type Len PRI FID(16) Action Status PRO|Res, Binding Reference
# sub-option type 1 with Len counting its header and 16-bit BIDs. 2n.
def fdraft(pri=5, f=0x0102, action=1, status=0, pro=0, bids=(), subs=None, t=253, length=None):
    body = bytes([pri]) + struct.pack(">H", f) + bytes([action, status, pro << 4])
    if subs is not None:
        body += subs
    elif bids:
        body += bytes([1, 2 + 2 * len(bids)]) + b"".join(struct.pack(">H", b) for b in bids)
    return (bytes([t, len(body) if length is None else length]) + body, 2, 0)

def dvec(name, data, expect="ok"):
    vec(name, data, expect, profile="draft", addrs=expect == "ok")

dvec("draft00-bu-fid-forward-add", bu(opts=[fdraft()]))
dvec("draft00-bu-ncast-binding-reference-16-bit-bids", bu(opts=[B1, B2, fdraft(1, 7, action=3, bids=(1, 2))]))
dvec("draft00-bu-discard-modify-refresh-remove",
     bu(opts=[fdraft(1, 1, 2, pro=1), fdraft(2, 2, 1, pro=2), fdraft(3, 3, 1, pro=15)]))
dvec("draft00-errata-e10-ba-status-136-fid-not-found", ba(status=0, opts=[fdraft(5, 9, status=136)]))
dvec("draft00-unknown-sub-option-skipped", bu(opts=[fdraft(subs=b"\x09\x04\xaa\xbb" + b"\x01\x04\x00\x03")]))
dvec("draft00-rfc6089-type-45-unknown-in-draft-profile", bu(opts=[unknown(45, b"\x00\x01\x00\x01\x00\x00")]))
vec("draft00-type-253-unknown-in-rfc-profile", bu(opts=[fdraft()]))
# draft negatives: option at 12: PRI 14, FID 15, Action 17, Status 18, PRO 19, sub-options from 20
dvec("draft00-fixed-part-len-below-6", build(5, struct.pack(">HHH", 7, 0xc000, 100),
     opts=[raw(b"\xfd\x05\x05\x00\x01\x01\x00")], addrs=False), "bad_length offset 13")
dvec("draft00-errata-e10-action-0-not-forward", bu(opts=[fdraft(action=0)], addrs=False), "bad_value offset 17")
dvec("draft00-action-4-unknown", bu(opts=[fdraft(action=4)], addrs=False), "bad_value offset 17")
dvec("draft00-pro-3-unknown", bu(opts=[fdraft(pro=3)], addrs=False), "bad_value offset 19")
dvec("draft00-ncast-without-binding-reference", bu(opts=[fdraft(action=3)], addrs=False), "bad_value offset 17")
dvec("draft00-errata-e10-binding-reference-8-bit-bids", bu(opts=[fdraft(subs=b"\x01\x03\x01")], addrs=False),
     "bad_length offset 21")
dvec("draft00-binding-reference-no-bid", bu(opts=[fdraft(subs=b"\x01\x02")], addrs=False), "bad_length offset 21")
dvec("draft00-binding-reference-bid-0", bu(opts=[fdraft(bids=(1, 0))], addrs=False), "bad_value offset 24")
dvec("draft00-two-binding-references", bu(opts=[fdraft(subs=b"\x01\x04\x00\x01\x01\x04\x00\x02")], addrs=False),
     "duplicate offset 24")
dvec("draft00-errata-e10-sub-opt-len-excludes-header", bu(opts=[fdraft(subs=b"\x01\x00")], addrs=False),
     "bad_length offset 21")
dvec("draft00-sub-option-runs-past-option", bu(opts=[fdraft(subs=b"\x01\x06\x00\x01")], addrs=False),
     "truncated offset 21")
dvec("draft00-sub-option-header-cut", bu(opts=[fdraft(subs=b"\x01")], addrs=False), "truncated offset 20")
dvec("draft00-two-options-one-fid", bu(opts=[fdraft(1, 4), fdraft(2, 4)], addrs=False), "duplicate offset 23")
dvec("draft00-in-brr", brr(opts=[fdraft()], addrs=False), "bad_value offset 8")

# ---- PMIPv6 options (wire.md 7.2, 7.7): PBU = BU with P (0x0200), PBA = BA
# with P (0x20). Alignments: MN-ID, HI, ATT, MN-LLI, MMB, MAG-ID none; HNP
# 8n+4; LLA 8n+6; Timestamp 8n+2; 36-38 4n.
def opt(t, body, x=1, y=0, length=None):
    return (bytes([t, len(body) if length is None else length]) + body, x, y)

def mnid(sub=1, ident=b"mn1@example.com", **kw):
    return opt(8, bytes([sub]) + ident, **kw)

def hnp(plen=64, prefix="2001:db8:aaaa:1::", **kw):
    return opt(22, bytes([0, plen]) + v6(prefix), 8, 4, **kw)

def hi(v=1, **kw):
    return opt(23, bytes([0, v]), **kw)

def att(v=4, **kw):
    return opt(24, bytes([0, v]), **kw)

def lli(ident=bytes.fromhex("00005e005301"), **kw):
    return opt(25, bytes(2) + ident, **kw)

def lla(addr="fe80::1", **kw):
    return opt(26, v6(addr), 8, 6, **kw)

def tstamp(sec=0x5f5e1000, frac=0x8000, **kw):
    return opt(27, struct.pack(">IHH", sec >> 16, sec & 0xffff, frac), 8, 2, **kw)

def v4req(plen=24, addr="0.0.0.0", **kw):
    return opt(36, struct.pack(">H", plen << 10) + v4(addr), 4, 0, **kw)

def v4rep(status=0, plen=24, addr="198.51.100.7", **kw):
    return opt(37, bytes([status, plen << 2]) + v4(addr), 4, 0, **kw)

def v4rtr(addr="198.51.100.1", **kw):
    return opt(38, bytes(2) + v4(addr), 4, 0, **kw)

def mmb(a=4, label=1, b=1, flags=0, t=63, **kw):
    return opt(t, bytes([a, label, b, flags, 0, 0]), **kw)

def magid(sub=1, ident=b"mag1@example.net", t=64, **kw):
    return opt(t, bytes([sub, 0]) + ident, **kw)

def pbu(life=0x0e10, flags=0xc200, **kw):
    return bu(flags=flags, life=life, **kw)

def pba(status=0, flags=0x20, life=0x0e10, **kw):
    return ba(status=status, flags=flags, life=life, **kw)

PBU_OPTS = [mnid(), hnp(prefix="::", plen=0), hi(), att(), lli(), lla("::"), tstamp()]
vec("rfc5213-6.9.1.1-pbu-mandatory-and-optional-options", pbu(opts=PBU_OPTS))
vec("rfc5213-6.9.1.2-pba-echoes-assigned-prefix", pba(opts=[mnid(), hnp(), hi(), att(), lli(), lla(), tstamp()]))
vec("rfc5213-8.3-pbu-two-hnps-8n+4", pbu(opts=[mnid(), hnp(), hnp(prefix="2001:db8:bbbb::", plen=48), hi(5), att(8)]))
vec("rfc5213-8.8-timestamp-8n+2-after-odd-option", pbu(opts=[mnid(ident=b"a"), tstamp(1, 2)]))
vec("rfc5213-8.7-lla-8n+6", pbu(opts=[hi(2), lla("fe80::2")]))
vec("rfc5213-8.5-att-3gpp-eutran", pbu(opts=[att(8)]))
vec("rfc5213-8.4-hi-7-unassigned-accepted", pbu(opts=[hi(7)]))
vec("rfc5213-8.1-mn-id-in-mipv6-bu", bu(opts=[mnid()]))
vec("rfc5844-3.1.1-pbu-ipv4-hoa-request-allocate-4n", pbu(opts=[mnid(), v4req()]))
vec("rfc5844-3.1.2-pba-ipv4-hoa-reply-and-default-router-4n", pba(opts=[mnid(), v4rep(), v4rtr()]))
vec("rfc5844-3.1.2-pba-ipv4-hoa-reply-status-132", pba(opts=[v4rep(132, 0, "0.0.0.0")]))
vec("rfc8278-pbu-mmb-bulk-b", pbu(opts=[mnid(), mmb(4, 1, 1, 0x80), magid()]))
vec("rfc8278-pbu-mmb-overwrite-o", pbu(opts=[mmb(8, 2, 254, 0x40)]))
vec("rfc8278-pbu-dereg-mmb-b-allowed", pbu(life=0, opts=[mmb(4, 1, 3, 0x80)]))
vec("rfc8278-pba-mmb-o-lifetime-0-rejected-pba", pba(status=180, life=0, opts=[mmb(4, 1, 3, 0x40)]))
vec("rfc8278-pba-status-180-cannot-support-multipath", pba(status=180, opts=[mmb(), magid(ident=b"m")]))
vec("rfc8278-draft-profile-same-types", pbu(opts=[mmb(), magid()]), profile="draft")

# negative (first option after a 12-octet fixed part; HNP at 12 (8n+4), LLA 14, TS 18, 36-38 at 12)
def pbad(name, data, expect):
    bad(name, data, expect)

pbad("rfc4283-3-mn-id-len-1", pbu(opts=[opt(8, b"\x01")], addrs=False), "bad_length offset 13")
pbad("rfc4283-3-mn-id-subtype-0", pbu(opts=[mnid(0)], addrs=False), "bad_value offset 14")
pbad("rfc5213-8.3-hnp-len-not-18", pbu(opts=[opt(22, bytes(17), 8, 4)], addrs=False), "bad_length offset 13")
pbad("rfc5213-8.3-hnp-prefix-len-above-128", pbu(opts=[hnp(129)], addrs=False), "bad_value offset 15")
pbad("rfc5213-8.4-hi-len-not-2", pbu(opts=[opt(23, bytes([0, 1, 0]))], addrs=False), "bad_length offset 13")
pbad("rfc5213-8.4-hi-0-reserved", pbu(opts=[hi(0)], addrs=False), "bad_value offset 15")
pbad("rfc5213-8.5-att-len-not-2", pbu(opts=[opt(24, bytes([4]))], addrs=False), "bad_length offset 13")
pbad("rfc5213-8.5-att-0-reserved", pbu(opts=[att(0)], addrs=False), "bad_value offset 15")
pbad("rfc5213-8.6-mn-lli-no-identifier", pbu(opts=[opt(25, bytes(2))], addrs=False), "bad_length offset 13")
pbad("rfc5213-8.7-lla-len-not-16", pbu(opts=[opt(26, bytes(8), 8, 6)], addrs=False), "bad_length offset 15")
pbad("rfc5213-8.8-timestamp-len-not-8", pbu(opts=[opt(27, bytes(4), 8, 2)], addrs=False), "bad_length offset 19")
pbad("rfc5213-8-hnp-in-brr", brr(opts=[hnp()], addrs=False), "bad_value offset 12")
pbad("rfc5213-8-timestamp-in-be", be(opts=[tstamp()], addrs=False), "bad_value offset 26")
pbad("rfc5844-3.1.1-ipv4-hoa-request-len-not-6", pbu(opts=[opt(36, bytes(4), 4, 0)], addrs=False), "bad_length offset 13")
pbad("rfc5844-3.1.1-ipv4-hoa-request-prefix-len-above-32", pbu(opts=[v4req(33)], addrs=False), "bad_value offset 14")
pbad("rfc5844-3.1.1-ipv4-hoa-request-in-pba", pba(opts=[v4req()], addrs=False), "bad_value offset 12")
pbad("rfc5844-3.1.2-ipv4-hoa-reply-len-not-6", pba(opts=[opt(37, bytes(8), 4, 0)], addrs=False), "bad_length offset 13")
pbad("rfc5844-3.1.2-ipv4-hoa-reply-prefix-len-above-32", pba(opts=[v4rep(plen=40)], addrs=False), "bad_value offset 15")
pbad("rfc5844-3.1.2-ipv4-hoa-reply-in-pbu", pbu(opts=[v4rep()], addrs=False), "bad_value offset 12")
pbad("rfc5844-3.4-default-router-len-not-6", pba(opts=[opt(38, bytes(2), 4, 0)], addrs=False), "bad_length offset 13")
pbad("rfc5844-3.4-default-router-in-pbu", pbu(opts=[v4rtr()], addrs=False), "bad_value offset 12")
pbad("rfc8278-mmb-len-not-6", pbu(opts=[opt(63, bytes([4, 1, 1, 0]))], addrs=False), "bad_length offset 13")
pbad("rfc8278-mmb-b-and-o-both-set", pbu(opts=[mmb(flags=0xc0)], addrs=False), "bad_value offset 17")
pbad("rfc8278-mmb-o-in-deregistration", pbu(life=0, opts=[mmb(flags=0x40)], addrs=False), "bad_value offset 17")
pbad("rfc8278-errata-e14-mmb-bid-0", pbu(opts=[mmb(b=0)], addrs=False), "bad_value offset 16")
pbad("rfc8278-errata-e14-mmb-bid-255", pbu(opts=[mmb(b=255)], addrs=False), "bad_value offset 16")
pbad("rfc8278-mmb-in-brr", brr(opts=[mmb()], addrs=False), "bad_value offset 8")
pbad("rfc8278-mag-id-len-below-3", pbu(opts=[opt(64, bytes([1, 0]))], addrs=False), "bad_length offset 13")
pbad("rfc8278-mag-id-subtype-0", pbu(opts=[magid(0)], addrs=False), "bad_value offset 14")

print("# Generated by tests/vectors/gen/mh_vectors.py from the field tables of")
print("# wire.md sections 4 to 7; do not edit by hand. Mobility Header messages")
print("# (RFC 6275, RFC 5648 / RFC 6089 BID option, draft-13 profile, RFC 6089 and")
print("# draft-00 flow binding options, PMIPv6 options).")
print()
print("\n".join(OUT), end="")
