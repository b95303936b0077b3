/* Default code-point tables of the two wire profiles (wire.md section 8). */
#include "codepoints_int.h"

static const mipfb_codepoints RFC_DEFAULTS = {
    MIPFB_PROFILE_RFC,
    0,
    /* RFC 7629 (IANA) */
    154, 1, 2, 0, 1, 0x80, 0x40, 152, 153,
    /* draft-02 Multiple Tunnel Request: not recognised in the RFC profile;
       the denial codes are the RFC 4727 experimental HA and FA codes */
    0, 192, 127,
    /* Mobility Header (IANA) */
    35, 44, 45, 63, 64, 0, 167, 180,
};

static const mipfb_codepoints DRAFT_DEFAULTS = {
    MIPFB_PROFILE_DRAFT,
    0,
    154, 1, 2, 0, 1, 0x80, 0x40, 152, 153,
    /* draft-02: IANA-1/2/3 were never assigned; RFC 4727 experimental
       values (extension 127 is non-skippable as the draft requires) */
    127, 192, 127,
    /* draft-13 MCoA O flag at 0x0040 (errata E-11), dereg of unknown BID
       answered 133 (E-12); draft-00 Flow Identification type unassigned:
       RFC 6275 experimental option type 253 (errata E-10) */
    35, 44, 253, 63, 64, 0x0040, 133, 180,
};

int mipfb_codepoints_default(mipfb_codepoints *cp, mipfb_profile profile) {
  if (cp == NULL) {
    return MIPFB_ERR_INVALID_ARG;
  }
  switch (profile) {
  case MIPFB_PROFILE_RFC:
    *cp = RFC_DEFAULTS;
    return 0;
  case MIPFB_PROFILE_DRAFT:
    *cp = DRAFT_DEFAULTS;
    return 0;
  default:
    *cp = RFC_DEFAULTS;
    return MIPFB_ERR_INVALID_ARG;
  }
}

const mipfb_codepoints *mipfb_cp_or_default(const mipfb_codepoints *cp) { return cp != NULL ? cp : &RFC_DEFAULTS; }
