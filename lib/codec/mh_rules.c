/*
 * Validity rules of mobility options that the Mobility Header decoder and
 * encoder share (wire.md 4.5, 4.7, 5.1-5.4): where each option may appear,
 * Binding Authorization Data last, Binding Identifier values.
 */
#include "codepoints_int.h"
#include "mh_int.h"

/* RFC 6275 6.2: the messages an option is valid in, as a bit per MH Type. */
#define IN(t) (1u << (t))

static unsigned allowed_in(mipfb_mh_opt_kind kind) {
  switch (kind) {
  case MIPFB_MH_OPT_REFRESH:
    return IN(MIPFB_MH_BA);
  case MIPFB_MH_OPT_ALT_COA:
  case MIPFB_MH_OPT_NONCE_IDX:
    return IN(MIPFB_MH_BU);
  case MIPFB_MH_OPT_AUTH_DATA:
    return IN(MIPFB_MH_BU) | IN(MIPFB_MH_BA);
  case MIPFB_MH_OPT_BID:
    return IN(MIPFB_MH_BU) | IN(MIPFB_MH_BA) | IN(MIPFB_MH_BRR);
  case MIPFB_MH_OPT_FLOW_ID:
  case MIPFB_MH_OPT_FLOW_ID_DRAFT:
    return IN(MIPFB_MH_BU) | IN(MIPFB_MH_BA);
  case MIPFB_MH_OPT_FLOW_SUMMARY:
    return IN(MIPFB_MH_BU);
  default:
    return ~0u;
  }
}

static const char *const NOT_ALLOWED[] = {
    "",
    "Binding Refresh Advice option: valid only in a Binding Acknowledgement (RFC 6275 6.2.4)",
    "Alternate Care-of Address option: valid only in a Binding Update (RFC 6275 6.2.5)",
    "Nonce Indices option: valid only in a Binding Update (RFC 6275 6.2.6)",
    "Binding Authorization Data option: valid only in a Binding Update or Acknowledgement (RFC 6275 6.2.7)",
    "Binding Identifier option: valid only in a BU, BA or BRR (RFC 5648 6.1, wire.md 5.1)",
    "Flow Identification option: valid only in a BU or BA (RFC 6089 4.2.2)",
    "Flow Summary option: valid only in a Binding Update (RFC 6089 4.2.3)",
    "draft-00 Flow Identification option: valid only in a BU or BA (draft-ietf-mext-flow-binding-00)",
};

/* Not unicast-routable (wire.md 4.7, 5.4 rule 2): unspecified, loopback,
   multicast; IPv4 0/8, 127/8, 224/4 and above. */
static int not_routable(const mipfb_addr *a) {
  static const uint8_t zero[15] = {0};
  if (a->family == MIPFB_AF_INET4) {
    return a->bytes[0] == 0 || a->bytes[0] == 127 || a->bytes[0] >= 224;
  }
  return a->bytes[0] == 0xff || (memcmp(a->bytes, zero, 15) == 0 && a->bytes[15] <= 1);
}

static int check_bid(const mipfb_mh_msg *m, const mipfb_mh_bid *b, size_t off, mipfb_diag *diag) {
  int is_bu = m->type == MIPFB_MH_BU;
  int home = is_bu && (m->flags & MIPFB_MH_BU_H) != 0;
  if (b->bid == 0) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off + BID_OFF_BID,
                      "Binding Identifier option: BID 0 is reserved (RFC 5648 6.1, errata E-12)");
  }
  if (b->pri > MIPFB_MH_BID_PRI || b->h > 1) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off + BID_OFF_FLAGS,
                      "Binding Identifier option: H is one bit and BID-PRI 7 bits (RFC 6089 4.1)");
  }
  if (b->coa.family != 0 && b->coa.family != MIPFB_AF_INET4 && b->coa.family != MIPFB_AF_INET6) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off + BID_OFF_COA,
                      "Binding Identifier option: unknown care-of address family");
  }
  if (b->coa.family != 0 && !is_bu) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off + BID_OFF_COA,
                      "Binding Identifier option: a care-of address only in a Binding Update; "
                      "elsewhere Length MUST be 4 (RFC 5648 6.1, wire.md 5.1)");
  }
  if (b->coa.family == MIPFB_AF_INET4 && !home) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off + BID_OFF_COA,
                      "Binding Identifier option: an IPv4 care-of address only in a home registration "
                      "(H set) (RFC 5648 6.1, wire.md 5.1)");
  }
  if (b->coa.family != 0 && not_routable(&b->coa)) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off + BID_OFF_COA,
                      "Binding Identifier option: care-of address not unicast-routable, MCOA MALFORMED "
                      "(RFC 5648 6.2, wire.md 5.4)");
  }
  if (b->h && is_bu && !home) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off + BID_OFF_FLAGS,
                      "Binding Identifier option: H only in a Binding Update to the home agent (H set in "
                      "the BU) (RFC 5648 6.1, wire.md 5.1)");
  }
  return 0;
}

/* The kind must match the code-point table: a type to write it with, and
   the Flow Identification layout of the table's profile. */
static int kind_in_profile(const mipfb_mh_opt *o, const mipfb_codepoints *cp, size_t off, mipfb_diag *diag) {
  int draft = cp->profile == MIPFB_PROFILE_DRAFT;
  if (((o->kind == MIPFB_MH_OPT_FLOW_ID || o->kind == MIPFB_MH_OPT_FLOW_ID_DRAFT) && cp->mh_opt_flow_id == 0) ||
      (o->kind == MIPFB_MH_OPT_FLOW_SUMMARY && cp->mh_opt_flow_summary == 0) ||
      (o->kind == MIPFB_MH_OPT_MMB && cp->mh_opt_mmb == 0) ||
      (o->kind == MIPFB_MH_OPT_MAG_ID && cp->mh_opt_mag_id == 0) ||
      (o->kind == MIPFB_MH_OPT_FLOW_ID && draft) || (o->kind == MIPFB_MH_OPT_FLOW_ID_DRAFT && !draft)) {
    return mipfb_fail(diag, MIPFB_ERR_INVALID_ARG, off,
                      "option kind has no type in this code-point table (RFC 6089 Flow Identification needs the "
                      "RFC profile, the draft-00 one the draft profile)");
  }
  return 0;
}

int mh_opt_check(mh_seen *seen, const mipfb_mh_msg *m, const mipfb_mh_opt *o, size_t off,
                 const mipfb_codepoints *cp, mipfb_diag *diag) {
  int rv;
  if (o->kind > MIPFB_MH_OPT_MAG_ID) {
    return mipfb_fail(diag, MIPFB_ERR_INVALID_ARG, off, "unknown option kind");
  }
  rv = kind_in_profile(o, mipfb_cp_or_default(cp), off, diag);
  if (rv < 0) {
    return rv;
  }
  if (seen->auth) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_ORDER, off,
                      "Binding Authorization Data option MUST be the last option (RFC 6275 6.2.7)");
  }
  if (o->kind >= MIPFB_MH_OPT_MN_ID) {
    return mh_pmip_check(m, o, off, diag); /* placement included */
  }
  if ((allowed_in(o->kind) & IN(m->type)) == 0) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off, NOT_ALLOWED[o->kind]);
  }
  switch (o->kind) {
  case MIPFB_MH_OPT_ALT_COA: {
    mipfb_addr a;
    a.family = MIPFB_AF_INET6;
    memcpy(a.bytes, o->u.alt_coa, 16);
    if (not_routable(&a)) {
      return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off + 2,
                        "Alternate Care-of Address option: address not unicast-routable (RFC 6275 9.5.1)");
    }
    return 0;
  }
  case MIPFB_MH_OPT_AUTH_DATA:
    seen->auth = 1;
    return 0;
  case MIPFB_MH_OPT_BID:
    return check_bid(m, &o->u.bid, off, diag);
  case MIPFB_MH_OPT_FLOW_ID:
  case MIPFB_MH_OPT_FLOW_SUMMARY:
  case MIPFB_MH_OPT_FLOW_ID_DRAFT:
    return mh_flow_check(seen, m, o, off, diag);
  case MIPFB_MH_OPT_REFRESH:
  case MIPFB_MH_OPT_NONCE_IDX:
  case MIPFB_MH_OPT_UNKNOWN:
    return 0;
  default:
    return mipfb_fail(diag, MIPFB_ERR_INVALID_ARG, off, "unknown option kind");
  }
}
