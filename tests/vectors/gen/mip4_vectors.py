#!/usr/bin/env python3
"""Generates tests/vectors/mip4.vec: MIPv4 RRQ/RRP vectors built byte by byte
from the field tables of wire.md (sections 1, 2, 3) with Python's own hmac,
independently of the C encoder. Run: python3 mip4_vectors.py > ../mip4.vec"""
import hashlib, hmac, struct

from vecfmt import vector

KEY = b"secret"
OUT = []

def rrq(flags=0x22, life=1800, hoa=0x0a000002, ha=0x0a000001, coa=0xc000020a,
        ident=0xe8fe6f8012345678):
    return struct.pack(">BBHIIIQ", 1, flags, life, hoa, ha, coa, ident)

def rrp(code=0, life=1800, hoa=0x0a000002, ha=0x0a000001, ident=0xe8fe6f8012345678):
    return struct.pack(">BBHIIQ", 3, code, life, hoa, ha, ident)

def mpath(att=4, label=1, bid=1, flags=0x80, length=4):
    return struct.pack(">BBHBBBB", 154, 1, length, att, label, bid, flags)

TS_C_I_M = bytes.fromhex("20880000 0a000002 13c4 11".replace(" ", ""))
TS6 = bytes.fromhex("80320000 20010db8000000000000000000000005 1f40 1f90 06".replace(" ", ""))

def fb(action=1, bids=(1, 2), fmt=1, ts=TS_C_I_M, length=None, count=None):
    body = bytes([action, len(bids) if count is None else count]) + bytes(bids) + bytes([fmt]) + ts
    return struct.pack(">BBH", 154, 2, len(body) if length is None else length) + body

def mtunnel(t=127, sub=0, if_type=8, bid=7, flags=0x0000, bw=b"\x00\x00\x03\xe8", length=None):
    body = bytes([sub, if_type]) + struct.pack(">HH", bid, flags) + bw
    return bytes([t, len(body) if length is None else length]) + body

def nai(s=b"mn@example.com"):
    return bytes([131, len(s)]) + s

def auth(msg, spi=0x100, t=32, key=KEY):
    head = bytes([t, 20]) + struct.pack(">I", spi)
    mac = hmac.new(key, msg + head, hashlib.md5).digest()
    return head + mac

def vec(name, data, expect="ok", profile=None, key=False, codec="mip4"):
    extra = ([f"profile {profile}"] if profile else []) + (["key 256:" + KEY.hex()] if key else [])
    vector(OUT, name, codec, data, expect, extra)

def signed(m):
    return m + auth(m)

# ---- known answers
a = rrq() + mpath() + fb()
appendix_a = signed(a)
assert appendix_a.hex() == ("012207080a0000020a000001c000020ae8fe6f80123456789a010004040101809a0200100102010201208800000a00000213c41120140000010064b2639468d34558c4eac16985e7ff69"), "wire.md Appendix A RRQ"
vec("wire-appendix-a-rrq-multipath-flowbinding-mnha", appendix_a, key=True)
vec("rfc5944-3.3-rrq-fixed-part-only", rrq(flags=0))
vec("rfc5944-3.4-rrp-accepted-with-auth", signed(rrp()), key=True)
vec("rfc7629-4.2-rrp-with-flow-binding", signed(rrp() + fb(bids=(2,))), key=True)
vec("rfc7629-4.2-drop-rule-bid-255", signed(rrq() + mpath() + fb(action=0, bids=(255,))), key=True)
vec("rfc7629-4.2-forward-8-bids-ipv6-selector",
    signed(rrq() + mpath(bid=3) + fb(bids=(1, 2, 3, 4, 5, 6, 7, 8), fmt=2, ts=TS6)), key=True)
vec("rfc7629-4.2-several-flow-bindings",
    signed(rrq() + mpath() + fb(bids=(1,)) + fb(bids=(2, 1), fmt=2, ts=TS6) + fb(action=0, bids=(255,))), key=True)
vec("rfc7629-4.1-dereg-bulk-lifetime-0", signed(rrq(life=0) + mpath(flags=0x80)), key=True)
vec("rfc7629-4.1-overwrite", signed(rrq() + mpath(flags=0x40)), key=True)
vec("rfc2794-2-nai-before-auth", signed(rrq(hoa=0) + nai() + mpath()), key=True)
vec("rfc5944-1.9-unknown-skippable-extension", signed(rrq() + bytes([200, 3, 1, 2, 3])), key=True)
vec("rfc5944-3.5.3-mnfa-after-mnha", signed(rrq() + mpath()) + auth(signed(rrq() + mpath()), t=33) )
vec("draft02-4.1-multiple-tunnel-len10", signed(rrq() + mtunnel()), profile="draft", key=True)
vec("draft02-4.1-multiple-tunnel-len8", signed(rrq() + mtunnel(bw=b"\x01\x00")), profile="draft", key=True)
vec("draft02-4.1-multiple-tunnel-len6", signed(rrq() + mtunnel(bw=b"", flags=0x8000)), profile="draft", key=True)
vec("rfc5944-3.3-rrq-reserved-bits-set-lenient", rrq(flags=0x05))

# ---- negative: one per rule
base = rrq() + mpath()
vec("rfc5944-3.3-empty", b"", "truncated offset 0")
vec("rfc5944-3.3-rrq-short-fixed-part", rrq()[:23], "truncated offset 20")
vec("rfc5944-3.4-rrp-short-fixed-part", rrp()[:19], "truncated offset 16")
vec("rfc5944-3.3-unknown-message-type", b"\x02" + rrq()[1:], "unsupported offset 0")
vec("rfc5944-1.9-unknown-nonskippable-type-40", rrq() + bytes([40, 2, 0, 0]), "unknown_nonskippable offset 24")
vec("rfc5944-1.9-type-0-nonskippable-when-mtunnel-off", rrq() + bytes([0, 0]), "unknown_nonskippable offset 24")
vec("rfc5944-1.9-skippable-length-past-end", rrq() + bytes([200, 5, 1]), "truncated offset 25")
vec("rfc5944-1.9-length-octet-missing", rrq() + bytes([200]), "truncated offset 25")
vec("rfc5944-1.10-long-header-truncated", rrq() + bytes([154, 1, 0]), "truncated offset 26")
vec("rfc5944-1.10-long-length-past-end", rrq() + mpath()[:-1], "truncated offset 26")
vec("rfc7629-7-unknown-subtype", rrq() + bytes([154, 3, 0, 0]), "unknown_nonskippable offset 25")
vec("rfc7629-4.1-multipath-length-not-4", rrq() + mpath(length=5) + b"\x00", "bad_length offset 26")
vec("rfc7629-4.1-multipath-twice", rrq() + mpath() + mpath(bid=2), "duplicate offset 32")
vec("rfc7629-4.1-multipath-in-rrp", rrp() + mpath(), "bad_value offset 20")
vec("rfc7629-4.1-if-label-0", rrq() + mpath(label=0), "bad_value offset 29")
vec("rfc7629-4.1-bid-0", rrq() + mpath(bid=0), "bad_value offset 30")
vec("rfc7629-4.1-bid-255", rrq() + mpath(bid=255), "bad_value offset 30")
vec("rfc7629-4.1-b-and-o", rrq() + mpath(flags=0xc0), "bad_value offset 31")
vec("rfc7629-4.1-o-in-deregistration", rrq(life=0) + mpath(flags=0x40), "bad_value offset 31")
vec("rfc7629-4.1-multipath-after-mnha", signed(rrq()) + mpath(), "bad_order offset 46")
vec("rfc7629-4.2-flow-binding-after-mnha", signed(base) + fb(), "bad_order offset 54")
vec("rfc7629-4.2-bid-count-0", base + fb(bids=(), count=0), "bad_value offset 37")
vec("rfc7629-4.2-bid-count-9", base + fb(bids=(1,) * 9), "bad_value offset 37")
vec("rfc7629-4.2-action-unknown", base + fb(action=7), "bad_value offset 36")
vec("rfc7629-4.2-drop-with-2-bids", base + fb(action=0, bids=(1, 2)), "bad_value offset 37")
vec("rfc7629-4.2-forward-bid-0", base + fb(bids=(1, 0)), "bad_value offset 39")
vec("rfc7629-4.2-forward-bid-255", base + fb(bids=(255,)), "bad_value offset 38")
vec("rfc7629-4.2-ts-format-0", base + fb(fmt=0), "bad_value offset 40")
vec("rfc7629-4.2-ts-format-unsupported", base + fb(fmt=3), "unsupported")
vec("rfc7629-4.2-length-short-for-bids", base + struct.pack(">BBHBB", 154, 2, 2, 1, 2) , "bad_length offset 34")
vec("rfc7629-4.2-length-short-for-selector", base + fb(length=14), "bad_length offset 34")
vec("rfc7629-4.2-length-short-for-selector-inside", base + fb(ts=TS_C_I_M[:-1]) , "bad_length offset 34")
vec("rfc7629-4.2-length-long-for-selector", base + fb(ts=TS_C_I_M + b"\x00"), "bad_length")
vec("rfc6088-3.1-end-without-start-in-extension", base + fb(ts=bytes.fromhex("400000000a000002")), "bad_value")
vec("rfc5944-3.5.2-auth-length-below-4", rrq() + bytes([32, 3, 0, 0, 1]), "bad_length offset 25")
vec("rfc5944-3.5.2-two-mnha", signed(signed(rrq())), "duplicate offset 46")
vec("rfc2794-2-nai-empty", rrq() + bytes([131, 0]), "bad_length offset 25")
vec("rfc2794-2-nai-twice", rrq() + nai() + nai(), "duplicate offset 40")
vec("rfc2794-2-nai-after-mnha", signed(rrq()) + nai(), "bad_order offset 46")
vec("rfc2794-2-nai-after-mnfa", rrq() + auth(rrq(), t=33) + nai(), "bad_order offset 46")
vec("draft02-4.1-mtunnel-unknown-in-rfc-profile", rrq() + mtunnel(), "unknown_nonskippable offset 24")
vec("draft02-4.1-mtunnel-length-7", rrq() + mtunnel(bw=b"\x01"), "bad_length offset 25", profile="draft")
vec("draft02-4.1-mtunnel-subtype-1", rrq() + mtunnel(sub=1), "bad_value offset 26", profile="draft")
vec("draft02-4.1-mtunnel-b-and-o", rrq() + mtunnel(flags=0xc000), "bad_value offset 30", profile="draft")
vec("draft02-4.1-mtunnel-o-in-dereg", rrq(life=0) + mtunnel(flags=0x4000), "bad_value offset 30", profile="draft")
vec("draft02-4.1-mtunnel-twice", rrq() + mtunnel() + mtunnel(), "duplicate offset 36", profile="draft")
vec("draft02-4.1-mtunnel-in-rrp", rrp() + mtunnel(), "bad_value offset 20", profile="draft")
vec("draft02-4.1-mtunnel-after-mnha", signed(rrq()) + mtunnel(), "bad_order offset 46", profile="draft")
vec("draft02-4.1-mtunnel-with-multipath", rrq() + mpath() + mtunnel(), "bad_value offset 32", profile="draft")

print("# Generated by tests/vectors/gen/mip4_vectors.py from the field tables of")
print("# wire.md; do not edit by hand. MIPv4 RRQ/RRP with RFC 7629, draft-02,")
print("# RFC 2794 and RFC 5944 extensions.\n")
print("\n".join(OUT))
