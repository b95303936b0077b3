/*
 * The validity rules of MIPv4 extensions (internal; wire.md 1.6-2.4), one
 * definition shared by the decoder and the encoder so that the encoder
 * never produces what the decoder rejects. Static inline so that the
 * decoder's per-extension loop can inline them.
 */
#ifndef MIPFB_CODEC_MIP4_RULES_H
#define MIPFB_CODEC_MIP4_RULES_H

#include <mipfb/mip4.h>

#include "../core/diag.h"

/* Octet offsets inside the extensions, for diagnostics. */
#define MP_IF_LABEL 5 /* Multipath: Type Sub Len(2) ATT Label BID Flags */
#define MP_BID 6
#define MP_FLAGS 7
#define FB_ACTION 4   /* Flow-Binding: Type Sub Len(2) Action Count BIDs... */
#define FB_COUNT 5
#define FB_BIDS 6
#define MT_SUBTYPE 2  /* Multiple Tunnel: Type Len Sub IfType BID(2) Flags(2) BW */
#define MT_FLAGS 6
#define MT_B 0x8000u
#define MT_O 0x4000u
#define AUTH_SPI_END 6 /* Type Len SPI(4): the covered part of an auth extension */

#define MIP4_RSV_FLAGS (MIPFB_MIP4_FLAG_R | MIPFB_MIP4_FLAG_X)

/* The fixed part's rule (errata E-1, strict mode only). */
static inline int mip4_check_fixed(const mipfb_mip4_msg *m, const mipfb_codepoints *cp, mipfb_diag *diag) {
  if (m->type == MIPFB_MIP4_RRQ && (cp->options & MIPFB_CP_STRICT_RESERVED) && (m->flags & MIP4_RSV_FLAGS)) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, 1,
                      "Registration Request: reserved flag bits r/x MUST be 0 (RFC 5944 3.8.2.3, strict mode)");
  }
  return 0;
}

/* What the message has shown so far, for the once-only and ordering rules. */
typedef struct mip4_seen {
  unsigned bits; /* MIP4_SEEN_* */
} mip4_seen;

#define MIP4_SEEN_MULTIPATH 0x01u
#define MIP4_SEEN_MTUNNEL 0x02u
#define MIP4_SEEN_MN_HA 0x04u
#define MIP4_SEEN_MN_FA 0x08u
#define MIP4_SEEN_NAI 0x10u

static inline int check_multipath(mip4_seen *seen, const mipfb_mip4_msg *m, const mipfb_mip4_multipath *mp,
                           size_t off, mipfb_diag *diag) {
  if (m->type != MIPFB_MIP4_RRQ) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off,
                      "Multipath extension: MUST NOT be added to a Registration Reply (RFC 7629 4.1)");
  }
  if (seen->bits & MIP4_SEEN_MULTIPATH) {
    return mipfb_fail(diag, MIPFB_ERR_DUPLICATE, off,
                      "Multipath extension: MUST NOT appear more than once (RFC 7629 4.1)");
  }
  if (seen->bits & MIP4_SEEN_MTUNNEL) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off,
                      "Multipath and Multiple Tunnel Request extensions in one request (conflicting BIDs)");
  }
  if (mp->if_label == 0) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off + MP_IF_LABEL,
                      "Multipath extension: If-Label 0 is not permitted (1..255) (RFC 7629 4.1)");
  }
  if (mp->bid == 0 || mp->bid == 255) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off + MP_BID,
                      "Multipath extension: BID 0 and 255 are reserved (1..254) (RFC 7629 4.1)");
  }
  if (mp->b && mp->o) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off + MP_FLAGS,
                      "Multipath extension: B and O MUST NOT both be set (RFC 7629 4.1)");
  }
  if (mp->o && m->lifetime == 0) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off + MP_FLAGS,
                      "Multipath extension: O MUST be 0 in a deregistration (lifetime 0) (RFC 7629 4.1)");
  }
  seen->bits |= MIP4_SEEN_MULTIPATH;
  return 0;
}

static inline int check_fb_action(const mipfb_mip4_flow_binding *fb, size_t off, const mipfb_codepoints *cp,
                                  mipfb_diag *diag) {
  if (fb->action != cp->mip4_fb_drop && fb->action != cp->mip4_fb_forward) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off + FB_ACTION,
                      "Flow-Binding extension: Action is neither DROP nor FORWARD (RFC 7629 4.2)");
  }
  return 0;
}

static inline int check_fb_count(const mipfb_mip4_flow_binding *fb, size_t off, mipfb_diag *diag) {
  if (fb->bid_count == 0 || fb->bid_count > MIPFB_MIP4_FB_MAX_BIDS) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off + FB_COUNT,
                      "Flow-Binding extension: BID Count MUST be 1..8 (RFC 7629 4.2)");
  }
  return 0;
}

/* A FORWARD BID is 1..254. */
static inline int fb_bid_ok(uint8_t bid) { return (uint8_t)(bid - 1u) < 254u; }

/* The BIDs, after check_fb_action() and check_fb_count(). */
static inline int check_fb_bids(const mipfb_mip4_flow_binding *fb, size_t off, const mipfb_codepoints *cp,
                                mipfb_diag *diag) {
  size_t i;
  if (fb->action == cp->mip4_fb_drop) {
    if (fb->bid_count != 1) {
      return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off + FB_COUNT,
                        "Flow-Binding extension: a DROP rule MUST include a single BID octet (RFC 7629 4.2)");
    }
  } else {
    for (i = 0; i < fb->bid_count; i++) {
      if (!fb_bid_ok(fb->bids[i])) {
        return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off + FB_BIDS + i,
                          "Flow-Binding extension: FORWARD BID 0 or 255 is reserved (1..254) (RFC 7629 4.1)");
      }
    }
  }
  return 0;
}

static inline int check_flow_binding(const mipfb_mip4_flow_binding *fb, size_t off, const mipfb_codepoints *cp,
                              mipfb_diag *diag) {
  int rv = check_fb_action(fb, off, cp, diag);
  if (rv == 0) {
    rv = check_fb_count(fb, off, diag);
  }
  return rv != 0 ? rv : check_fb_bids(fb, off, cp, diag);
}

static inline int check_mtunnel(mip4_seen *seen, const mipfb_mip4_msg *m, const mipfb_mip4_mtunnel *mt, size_t off,
                         mipfb_diag *diag) {
  if (m->type != MIPFB_MIP4_RRQ) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off,
                      "Multiple Tunnel Request extension: MUST NOT be added to a Registration Reply "
                      "(draft-gundavelli-mip4-multiple-tunnel-support-02 4.1)");
  }
  if (seen->bits & MIP4_SEEN_MTUNNEL) {
    return mipfb_fail(diag, MIPFB_ERR_DUPLICATE, off,
                      "Multiple Tunnel Request extension: MUST NOT appear more than once "
                      "(draft-gundavelli-mip4-multiple-tunnel-support-02 4.1)");
  }
  if (seen->bits & MIP4_SEEN_MULTIPATH) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off,
                      "Multipath and Multiple Tunnel Request extensions in one request (conflicting BIDs)");
  }
  if (mt->b && mt->o) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off + MT_FLAGS,
                      "Multiple Tunnel Request extension: B and O MUST NOT both be set "
                      "(draft-gundavelli-mip4-multiple-tunnel-support-02 4.1)");
  }
  if (mt->o && m->lifetime == 0) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off + MT_FLAGS,
                      "Multiple Tunnel Request extension: O MUST be 0 in a deregistration "
                      "(draft-gundavelli-mip4-multiple-tunnel-support-02 4.1)");
  }
  seen->bits |= MIP4_SEEN_MTUNNEL;
  return 0;
}

/* Multipath, Flow-Binding, Multiple Tunnel Request and NAI are for the home
   agent: they come before the MN-HA authentication extension. */
static inline int check_before_mn_ha(const mip4_seen *seen, size_t off, mipfb_diag *diag) {
  if (seen->bits & MIP4_SEEN_MN_HA) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_ORDER, off,
                      "extension for the home agent placed after the Mobile-Home Authentication extension "
                      "(RFC 5944 3.6.1.3, RFC 7629 4.1/4.2, RFC 2794 2)");
  }
  return 0;
}

static inline int check_mn_ha(mip4_seen *seen, size_t off, mipfb_diag *diag) {
  if (seen->bits & MIP4_SEEN_MN_HA) {
    return mipfb_fail(diag, MIPFB_ERR_DUPLICATE, off,
                      "Mobile-Home Authentication extension: more than one (RFC 5944 3.5.2)");
  }
  seen->bits |= MIP4_SEEN_MN_HA;
  return 0;
}

static inline void note_mn_fa(mip4_seen *seen) { seen->bits |= MIP4_SEEN_MN_FA; }

/* The NAI rules after check_before_mn_ha(). */
static inline int check_nai(mip4_seen *seen, size_t off, mipfb_diag *diag) {
  if (seen->bits & MIP4_SEEN_MN_FA) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_ORDER, off,
                      "MN-NAI extension: MUST appear before the Mobile-Foreign Authentication extension "
                      "(RFC 2794 2)");
  }
  if (seen->bits & MIP4_SEEN_NAI) {
    return mipfb_fail(diag, MIPFB_ERR_DUPLICATE, off, "MN-NAI extension: more than one");
  }
  seen->bits |= MIP4_SEEN_NAI;
  return 0;
}

/* The rules for one extension at offset `off` of message `m`, given what
   came before; updates `seen`. The decoder applies the same helpers one
   kind at a time, in this order: check_before_mn_ha() first for the four
   kinds for the home agent, then the kind's own rules. */
static inline int mip4_ext_check(mip4_seen *seen, const mipfb_mip4_msg *m, const mipfb_mip4_ext *e, size_t off,
                   const mipfb_codepoints *cp, mipfb_diag *diag) {
  int for_ha = e->kind == MIPFB_MIP4_EXT_MULTIPATH || e->kind == MIPFB_MIP4_EXT_FLOW_BINDING ||
               e->kind == MIPFB_MIP4_EXT_MTUNNEL || e->kind == MIPFB_MIP4_EXT_NAI;
  int rv = for_ha ? check_before_mn_ha(seen, off, diag) : 0;
  if (rv < 0) {
    return rv;
  }
  switch (e->kind) {
  case MIPFB_MIP4_EXT_MULTIPATH:
    return check_multipath(seen, m, &e->u.multipath, off, diag);
  case MIPFB_MIP4_EXT_FLOW_BINDING:
    return check_flow_binding(&e->u.flow_binding, off, cp, diag);
  case MIPFB_MIP4_EXT_MTUNNEL:
    return check_mtunnel(seen, m, &e->u.mtunnel, off, diag);
  case MIPFB_MIP4_EXT_MN_HA_AUTH:
    return check_mn_ha(seen, off, diag);
  case MIPFB_MIP4_EXT_MN_FA_AUTH:
    note_mn_fa(seen);
    return 0;
  case MIPFB_MIP4_EXT_NAI:
    return check_nai(seen, off, diag);
  case MIPFB_MIP4_EXT_FA_HA_AUTH:
  case MIPFB_MIP4_EXT_UNKNOWN:
    return 0;
  default:
    return mipfb_fail(diag, MIPFB_ERR_INVALID_ARG, off, "unknown extension kind");
  }
}

#endif /* MIPFB_CODEC_MIP4_RULES_H */
