/*
 * Value rules of the PMIPv6 options decidable from the message alone
 * (wire.md 7.2-7.7), shared by the decoder and the encoder. Missing
 * mandatory options (status 158/160-162) and timestamp windows (156/157)
 * need the LMA's policy and state and are not checked here.
 */
#include "mh_int.h"

int mh_pmip_check(const mipfb_mh_msg *m, const mipfb_mh_opt *o, size_t off, mipfb_diag *diag) {
  int rv = mh_pmip_allowed(m, o, off, diag);
  if (rv < 0) {
    return rv;
  }
  switch (o->kind) {
  case MIPFB_MH_OPT_MN_ID:
  case MIPFB_MH_OPT_MAG_ID:
    if (o->u.ident.subtype == 0) {
      return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off + 2,
                        "Mobile Node / MAG Identifier option: Subtype 0 is reserved (RFC 4283 3, RFC 8278)");
    }
    return 0;
  case MIPFB_MH_OPT_HNP:
    if (o->u.hnp.prefix_len > 128) {
      return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off + 3,
                        "Home Network Prefix option: Prefix Length above 128 (RFC 5213 8.3)");
    }
    return 0;
  case MIPFB_MH_OPT_HI:
  case MIPFB_MH_OPT_ATT:
    if ((o->kind == MIPFB_MH_OPT_HI ? o->u.hi : o->u.att) == 0) {
      return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off + 3,
                        "Handoff Indicator / Access Technology Type option: value 0 is reserved (RFC 5213 8.4, "
                        "8.5, wire.md 7.4, 7.5)");
    }
    return 0;
  case MIPFB_MH_OPT_IPV4_HOA_REQ:
  case MIPFB_MH_OPT_IPV4_HOA_REP:
    if (o->u.ipv4.prefix_len > 32) {
      return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off + (o->kind == MIPFB_MH_OPT_IPV4_HOA_REQ ? 2u : 3u),
                        "IPv4 Home Address option: Prefix-len above 32 (RFC 5844 3.1)");
    }
    if (o->kind == MIPFB_MH_OPT_IPV4_HOA_REQ && o->u.ipv4.status != 0) {
      return mipfb_fail(diag, MIPFB_ERR_INVALID_ARG, off, "IPv4 Home Address Request option: no Status field");
    }
    return 0;
  case MIPFB_MH_OPT_IPV4_DFLT_RTR:
    if (o->u.ipv4.status != 0 || o->u.ipv4.prefix_len != 0) {
      return mipfb_fail(diag, MIPFB_ERR_INVALID_ARG, off,
                        "IPv4 Default-Router Address option: no Status or Prefix-len field");
    }
    return 0;
  case MIPFB_MH_OPT_MMB:
    if (o->u.mmb.bid == 0 || o->u.mmb.bid > 254) {
      return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off + 4,
                        "MAG Multipath-Binding option: Binding-Id MUST be 1..254 (RFC 8278, errata E-14)");
    }
    if ((o->u.mmb.flags & (unsigned)~(MIPFB_MH_MMB_B | MIPFB_MH_MMB_O)) != 0) {
      return mipfb_fail(diag, MIPFB_ERR_INVALID_ARG, off + 5, "MAG Multipath-Binding option: only B and O flags");
    }
    if ((o->u.mmb.flags & MIPFB_MH_MMB_B) && (o->u.mmb.flags & MIPFB_MH_MMB_O)) {
      return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off + 5,
                        "MAG Multipath-Binding option: B and O MUST NOT both be set (RFC 8278, wire.md 7.7)");
    }
    if ((o->u.mmb.flags & MIPFB_MH_MMB_O) && m->type == MIPFB_MH_BU && m->lifetime == 0) {
      return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off + 5,
                        "MAG Multipath-Binding option: O MUST be 0 in a deregistration (RFC 8278, wire.md 7.7)");
    }
    return 0;
  default: /* MN-LLI, LLA, Timestamp: any value */
    return 0;
  }
}
