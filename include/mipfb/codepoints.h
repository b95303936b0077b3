/**
 * @file codepoints.h
 * @brief Wire profiles and the run-time code-point table.
 *
 * Every protocol number that a seed draft left "TBD" or that changed in the
 * published RFC lives here once, so no codec hard-codes it. Fill a table
 * with @ref mipfb_codepoints_default, then override any field (values the
 * specifications leave UNCONFIRMED are marked so). Codecs read the table;
 * they never keep a pointer to it after returning.
 */
#ifndef MIPFB_CODEPOINTS_H
#define MIPFB_CODEPOINTS_H

#include <mipfb/err.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief Which set of layouts and default values to use.
 * @since 0.1.0
 */
typedef enum mipfb_profile {
  /** Published RFCs and IANA values (RFC 7629, 5648, 6089, 8278). The default. */
  MIPFB_PROFILE_RFC = 0,
  /** Seed drafts: draft-gundavelli-mip4-multiple-tunnel-support-02,
   *  draft-ietf-monami6-multiplecoa-13, draft-ietf-mext-flow-binding-00. */
  MIPFB_PROFILE_DRAFT = 1
} mipfb_profile;

/** @brief Decoder option: reject non-zero RRQ `r`/`x` bits with 134 (errata E-1 strict mode). @since 0.1.0 */
#define MIPFB_CP_STRICT_RESERVED 0x01u
/** @brief Decoder option, draft profile: read the draft-00 Flow Identification
 *         Option Len in 8-octet units counting the whole option, as the
 *         draft's text says (errata E-10); the encoder always writes octets. @since 0.1.0 */
#define MIPFB_CP_FLOWID_LEN_UNITS8 0x02u

/**
 * @brief The code-point table. All fields are public and may be changed
 *        after @ref mipfb_codepoints_default.
 * @since 0.1.0
 */
typedef struct mipfb_codepoints {
  mipfb_profile profile; /**< profile the defaults came from */
  unsigned options;      /**< decoder options, `MIPFB_CP_*` */

  /* ---- MIPv4, RFC 7629 ---- */
  uint8_t mip4_ext_multipath;       /**< extension Type of Multipath and Flow-Binding (IANA 154) */
  uint8_t mip4_sub_multipath;       /**< Subtype of the Multipath extension (1) */
  uint8_t mip4_sub_flow_binding;    /**< Subtype of the Flow-Binding extension (2) */
  uint8_t mip4_fb_drop;             /**< Flow-Binding Action DROP (0; value lost in the seed, errata E-3, UNCONFIRMED) */
  uint8_t mip4_fb_forward;          /**< Flow-Binding Action FORWARD (1) */
  uint8_t mip4_mpath_flag_b;        /**< mask of B in the Multipath flags octet (0x80, errata E-3, UNCONFIRMED) */
  uint8_t mip4_mpath_flag_o;        /**< mask of O in the Multipath flags octet (0x40, errata E-3, UNCONFIRMED) */
  uint8_t mip4_code_multipath_not_allowed; /**< reply code MULTIPATH_NOT_ALLOWED (152) */
  uint8_t mip4_code_invalid_fb_id;  /**< reply code INVALID_FB_IDENTIFIER (153) */

  /* ---- MIPv4, draft-gundavelli-mip4-multiple-tunnel-support-02 ---- */
  uint8_t mip4_ext_mtunnel;             /**< Multiple Tunnel Request Type (IANA-1, never assigned; 0 = not recognised). Draft profile default 127, the RFC 4727 experimental non-skippable type */
  uint8_t mip4_code_mtunnel_denied_ha;  /**< MULTIPLE_TUNNEL_REQUEST_DENIED_BY_HA (IANA-2, never assigned; UNCONFIRMED default) */
  uint8_t mip4_code_mtunnel_denied_fa;  /**< MULTIPLE_TUNNEL_REQUEST_DENIED_BY_FA (IANA-3, never assigned; UNCONFIRMED default) */

  /* ---- Mobility Header (RFC 5648 / draft-13, RFC 6089 / draft-00, RFC 8278) ---- */
  uint8_t mh_opt_bid;               /**< Binding Identifier option type (35) */
  uint8_t mh_opt_flow_summary;      /**< Flow Summary option type (44, errata E-9) */
  uint8_t mh_opt_flow_id;           /**< Flow Identification option type (45 in the RFC profile; draft-00 type in the draft profile: 253, the RFC 6275 experimental type, UNCONFIRMED, errata E-10). The layout follows @c profile: RFC 6089 in @ref MIPFB_PROFILE_RFC, draft-00 in @ref MIPFB_PROFILE_DRAFT; 0 = not recognised */
  uint8_t mh_opt_mmb;               /**< MAG Multipath-Binding option type (63; 0 = not recognised) */
  uint8_t mh_opt_mag_id;            /**< MAG Identifier option type (64; 0 = not recognised) */
  uint16_t mh_bu_flag_o;            /**< MCoA O flag in the BU flags word (draft-13: 0x0040, errata E-11; 0 = none) */
  uint8_t mh_status_dereg_unknown_bid; /**< BA status for deregistering an unknown BID (133 draft-13, 167 RFC; errata E-12, UNCONFIRMED) */
  uint8_t mh_status_cannot_support_mmb; /**< BA status CANNOT_SUPPORT_MULTIPATH_BINDING (180) */
} mipfb_codepoints;

/**
 * @brief Fill a table with a profile's default values.
 * @param[out] cp table to fill; not NULL
 * @param[in] profile @ref MIPFB_PROFILE_RFC or @ref MIPFB_PROFILE_DRAFT
 * @retval 0 filled
 * @retval MIPFB_ERR_INVALID_ARG unknown profile (table filled with RFC values)
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_codepoints_default(mipfb_codepoints *cp, mipfb_profile profile);

#ifdef __cplusplus
}
#endif

#endif /* MIPFB_CODEPOINTS_H */
