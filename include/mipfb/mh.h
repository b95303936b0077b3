/**
 * @file mh.h
 * @brief Mobile IPv6 Mobility Header codec (RFC 6275 6.1): framing and
 *        checksum, the fixed parts of Binding Refresh Request, Binding
 *        Update, Binding Acknowledgement (PMIPv6 PBU/PBA share them) and
 *        Binding Error, the option iterator and the base options, the
 *        Binding Identifier option (RFC 5648 / RFC 6089, draft-13 profile),
 *        the flow binding options (RFC 6089 Flow Identification and Flow
 *        Summary; draft-ietf-mext-flow-binding-00 Flow Identification in the
 *        draft profile) and the PMIPv6 options (RFC 4283, RFC 5213,
 *        RFC 5844, RFC 8278).
 *
 * Decoding is zero-copy: variable parts are @ref mipfb_vec views into the
 * input, valid while the input is. Options other than Pad1/PadN land in a
 * caller array, in wire order. Encoding writes into a caller buffer and
 * inserts exactly the Pad1/PadN each option's alignment rule (xn+y, counted
 * from the start of the Mobility Header) needs, then pads the message to a
 * multiple of 8 octets. Both directions apply the same validity rules.
 *
 * Sequence numbers, lifetimes (4-second units) and flag words are kept as
 * they are on the wire; addresses are 16 octets in network order.
 */
#ifndef MIPFB_MH_H
#define MIPFB_MH_H

#include <mipfb/codepoints.h>

#ifdef __cplusplus
extern "C" {
#endif

/** @brief IPv6 Next Header value of the Mobility Header (RFC 6275 6.1.1). @since 0.1.0 */
#define MIPFB_MH_NEXT_HEADER 135
/** @brief Payload Proto value a Mobility Header must carry (IPPROTO_NONE, RFC 6275 6.1.1). @since 0.1.0 */
#define MIPFB_MH_PAYLOAD_PROTO 59

/** @name MH Type values decoded here (RFC 6275 6.1, wire.md 4.2)
 * @{ */
#define MIPFB_MH_BRR 0 /**< Binding Refresh Request */
#define MIPFB_MH_BU 5  /**< Binding Update (and PMIPv6 Proxy Binding Update) */
#define MIPFB_MH_BA 6  /**< Binding Acknowledgement (and PMIPv6 Proxy Binding Acknowledgement) */
#define MIPFB_MH_BE 7  /**< Binding Error */
/** @} */

/** @name Binding Update flag word (wire.md 4.3)
 * @{ */
#define MIPFB_MH_BU_A 0x8000u /**< acknowledge (RFC 6275) */
#define MIPFB_MH_BU_H 0x4000u /**< home registration (RFC 6275) */
#define MIPFB_MH_BU_L 0x2000u /**< link-local compatibility (RFC 6275) */
#define MIPFB_MH_BU_K 0x1000u /**< key management mobility (RFC 6275) */
#define MIPFB_MH_BU_M 0x0800u /**< MAP registration (RFC 4140) */
#define MIPFB_MH_BU_R 0x0400u /**< mobile router (RFC 3963) */
#define MIPFB_MH_BU_P 0x0200u /**< proxy registration (RFC 5213): a PBU */
#define MIPFB_MH_BU_F 0x0100u /**< forced UDP encapsulation (RFC 5555) */
#define MIPFB_MH_BU_T 0x0080u /**< TLV-header GRE (RFC 5845) */
#define MIPFB_MH_BU_B 0x0040u /**< bulk binding update (RFC 6602); the draft-13 O flag shares the bit (errata E-11) */
/** @} */

/** @name Binding Acknowledgement flag octet (wire.md 4.3)
 * @{ */
#define MIPFB_MH_BA_K 0x80u /**< key management mobility (RFC 6275) */
#define MIPFB_MH_BA_R 0x40u /**< mobile router (RFC 3963) */
#define MIPFB_MH_BA_P 0x20u /**< proxy registration (RFC 5213): a PBA */
#define MIPFB_MH_BA_T 0x10u /**< TLV-header GRE (RFC 5845) */
/** @} */

/** @name Mobility option types with a fixed number (RFC 6275 6.2)
 * @{ */
#define MIPFB_MH_OPT_PAD1 0  /**< Pad1 */
#define MIPFB_MH_OPT_PADN 1  /**< PadN */
#define MIPFB_MH_OPT_BRA 2   /**< Binding Refresh Advice */
#define MIPFB_MH_OPT_ACOA 3  /**< Alternate Care-of Address */
#define MIPFB_MH_OPT_NONCE 4 /**< Nonce Indices */
#define MIPFB_MH_OPT_AUTH 5  /**< Binding Authorization Data */
/** @} */

/** @brief Binding Identifier option flag H (RFC 5648 6.1). @since 0.1.0 */
#define MIPFB_MH_BID_H 0x80u
/** @brief Mask of RFC 6089 BID-PRI (draft-13 / RFC 5648: reserved bits). @since 0.1.0 */
#define MIPFB_MH_BID_PRI 0x7Fu

/**
 * @brief What an entry of the option array holds.
 * @since 0.1.0
 */
typedef enum mipfb_mh_opt_kind {
  MIPFB_MH_OPT_UNKNOWN = 0, /**< option type not known here (skipped by length): @c u.unknown */
  MIPFB_MH_OPT_REFRESH,     /**< Binding Refresh Advice (2): @c u.refresh */
  MIPFB_MH_OPT_ALT_COA,     /**< Alternate Care-of Address (3): @c u.alt_coa */
  MIPFB_MH_OPT_NONCE_IDX,   /**< Nonce Indices (4): @c u.nonce */
  MIPFB_MH_OPT_AUTH_DATA,   /**< Binding Authorization Data (5): @c u.auth */
  MIPFB_MH_OPT_BID,         /**< Binding Identifier (code-point table's type, 35): @c u.bid */
  MIPFB_MH_OPT_FLOW_ID,     /**< RFC 6089 Flow Identification (code-point table's type, 45; RFC profile): @c u.flow_id @since 0.1.0 */
  MIPFB_MH_OPT_FLOW_SUMMARY, /**< RFC 6089 Flow Summary (code-point table's type, 44): @c u.flow_summary @since 0.1.0 */
  MIPFB_MH_OPT_FLOW_ID_DRAFT, /**< draft-ietf-mext-flow-binding-00 Flow Identification (code-point table's type; draft profile): @c u.flow_draft @since 0.1.0 */
  MIPFB_MH_OPT_MN_ID,        /**< Mobile Node Identifier (8, RFC 4283): @c u.ident @since 0.1.0 */
  MIPFB_MH_OPT_HNP,          /**< Home Network Prefix (22, RFC 5213): @c u.hnp @since 0.1.0 */
  MIPFB_MH_OPT_HI,           /**< Handoff Indicator (23, RFC 5213): @c u.hi @since 0.1.0 */
  MIPFB_MH_OPT_ATT,          /**< Access Technology Type (24, RFC 5213): @c u.att @since 0.1.0 */
  MIPFB_MH_OPT_MN_LLI,       /**< Mobile Node Link-layer Identifier (25, RFC 5213): @c u.lli @since 0.1.0 */
  MIPFB_MH_OPT_LLA,          /**< Link-local Address (26, RFC 5213): @c u.lla @since 0.1.0 */
  MIPFB_MH_OPT_TIMESTAMP,    /**< Timestamp (27, RFC 5213): @c u.timestamp @since 0.1.0 */
  MIPFB_MH_OPT_IPV4_HOA_REQ, /**< IPv4 Home Address Request (36, RFC 5844): @c u.ipv4 @since 0.1.0 */
  MIPFB_MH_OPT_IPV4_HOA_REP, /**< IPv4 Home Address Reply (37, RFC 5844): @c u.ipv4 @since 0.1.0 */
  MIPFB_MH_OPT_IPV4_DFLT_RTR, /**< IPv4 Default-Router Address (38, RFC 5844): @c u.ipv4 (address only) @since 0.1.0 */
  MIPFB_MH_OPT_MMB,          /**< MAG Multipath-Binding (code-point table's type, 63; RFC 8278): @c u.mmb @since 0.1.0 */
  MIPFB_MH_OPT_MAG_ID        /**< MAG Identifier (code-point table's type, 64; RFC 8278): @c u.ident @since 0.1.0 */
} mipfb_mh_opt_kind;

/**
 * @brief Nonce Indices option body (RFC 6275 6.2.6).
 * @since 0.1.0
 */
typedef struct mipfb_mh_nonce {
  uint16_t home; /**< Home Nonce Index */
  uint16_t coa;  /**< Care-of Nonce Index */
} mipfb_mh_nonce;

/**
 * @brief Binding Identifier option body (RFC 5648 6.1, RFC 6089 4.1,
 *        draft-ietf-monami6-multiplecoa-13 5.1; wire.md 5.1, 5.2).
 * @since 0.1.0
 */
typedef struct mipfb_mh_bid {
  uint16_t bid;    /**< Binding ID, 1..65535 */
  uint8_t status;  /**< per-BID status (meaningful in a BA) */
  uint8_t h;       /**< H flag, 0 or 1 */
  uint8_t pri;     /**< RFC profile: RFC 6089 BID-PRI 1..127, 0 = RFC 5648-format option (errata E-13); draft profile: the 7 reserved bits */
  mipfb_addr coa;  /**< family 0 (Length 4), @ref MIPFB_AF_INET4 (Length 8) or @ref MIPFB_AF_INET6 (Length 20) */
} mipfb_mh_bid;

/** @name RFC 6089 Flow Identification sub-option types (RFC 6089 4.2.2, wire.md 6.2)
 * @{ */
#define MIPFB_MH_FSUB_PAD1 0    /**< Pad1 sub-option */
#define MIPFB_MH_FSUB_PADN 1    /**< PadN sub-option (Len = N-2, errata E-8) */
#define MIPFB_MH_FSUB_BID_REF 2 /**< BID Reference sub-option */
#define MIPFB_MH_FSUB_TS 3      /**< Traffic Selector sub-option */
/** @} */

/**
 * @brief RFC 6089 Flow Identification option body (RFC 6089 4.2, wire.md 6.2).
 *
 * Decode: every view points into the input. Encode: when @c subs.base is
 * not NULL the sub-option area is written verbatim (it is parsed and checked
 * with the decoder's rules first, and @c bids / @c ts_format / @c ts are
 * ignored), so a decoded option re-encodes to the same octets; set @c subs
 * to {NULL, 0} to build the sub-options from @c bids and @c ts instead
 * (BID Reference first, then the Traffic Selector sub-option placed at 4n
 * so its 32-bit fields are naturally aligned).
 * @since 0.1.0
 */
typedef struct mipfb_mh_flow_id {
  uint16_t fid;       /**< Flow ID, 1..65535 */
  uint16_t pri;       /**< FID-PRI, 1..65535, lower is higher priority */
  uint8_t status;     /**< Status (meaningful in a BA; 0 in a BU) */
  mipfb_vec bids;     /**< BID Reference sub-option data: 2 octets per BID, network order (@ref mipfb_mh_bid_at); len 0 = no sub-option */
  uint8_t ts_format;  /**< TS Format of the Traffic Selector sub-option; 0 = no sub-option */
  mipfb_vec ts;       /**< the selector after TS Format and Reserved (RFC 6088; decode with @ref mipfb_ts_decode) */
  mipfb_vec subs;     /**< decode: the whole sub-option area; encode: written verbatim when @c base is not NULL */
} mipfb_mh_flow_id;

/** @name draft-ietf-mext-flow-binding-00 Flow Identification values (wire.md 6.1, errata E-10)
 * @{ */
#define MIPFB_MH_FDRAFT_FORWARD 1  /**< Action forward (errata E-10: 1, not the example's 0) */
#define MIPFB_MH_FDRAFT_DISCARD 2  /**< Action discard */
#define MIPFB_MH_FDRAFT_NCAST 3    /**< Action n-cast (needs a Binding Reference sub-option) */
#define MIPFB_MH_FDRAFT_ADD 0      /**< PRO add */
#define MIPFB_MH_FDRAFT_MODIFY 1   /**< PRO replace / modify */
#define MIPFB_MH_FDRAFT_REFRESH 2  /**< PRO refresh */
#define MIPFB_MH_FDRAFT_REMOVE 15  /**< PRO remove */
#define MIPFB_MH_FDRAFT_BREF 1     /**< Binding Reference sub-option type (Sub-Opt Len includes Type and Len) */
#define MIPFB_MH_FDRAFT_FID_NOT_FOUND 136 /**< Status "FID not found" (errata E-10: 136, not the text's 137) */
/** @} */

/**
 * @brief draft-ietf-mext-flow-binding-00 Flow Identification option body
 *        (wire.md 6.1 with the fixes of errata E-10: 16-bit FID, Option Len
 *        in octets, 16-bit BIDs in the Binding Reference sub-option whose
 *        Sub-Opt Len counts its own header).
 *
 * Encode: @c subs verbatim when its @c base is not NULL (checked with the
 * decoder's rules; @c bids ignored), else one Binding Reference sub-option
 * built from @c bids when @c bids.len is not 0.
 * @since 0.1.0
 */
typedef struct mipfb_mh_flow_draft {
  uint8_t pri;      /**< PRI, lower is higher priority */
  uint16_t fid;     /**< FID (16 bits, errata E-10) */
  uint8_t action;   /**< `MIPFB_MH_FDRAFT_FORWARD`, `_DISCARD` or `_NCAST` */
  uint8_t status;   /**< Status (BA only; 0 success, 128+ failure) */
  uint8_t pro;      /**< PRO, the high 4 bits of octet 7: `MIPFB_MH_FDRAFT_ADD`, `_MODIFY`, `_REFRESH` or `_REMOVE` */
  mipfb_vec bids;   /**< Binding Reference BIDs: 2 octets each, network order (@ref mipfb_mh_bid_at); len 0 = none */
  mipfb_vec subs;   /**< decode: the whole sub-option area; encode: written verbatim when @c base is not NULL */
} mipfb_mh_flow_draft;

/** @name PMIPv6 mobility option types (RFC 4283, RFC 5213, RFC 5844; wire.md 7.2)
 * @{ */
#define MIPFB_MH_OT_MN_ID 8           /**< Mobile Node Identifier, no alignment */
#define MIPFB_MH_OT_HNP 22            /**< Home Network Prefix, Length 18, 8n+4 */
#define MIPFB_MH_OT_HI 23             /**< Handoff Indicator, Length 2, no alignment */
#define MIPFB_MH_OT_ATT 24            /**< Access Technology Type, Length 2, no alignment */
#define MIPFB_MH_OT_MN_LLI 25         /**< Mobile Node Link-layer Identifier, no alignment (wire.md 7.2: UNCONFIRMED) */
#define MIPFB_MH_OT_LLA 26            /**< Link-local Address, Length 16, 8n+6 */
#define MIPFB_MH_OT_TIMESTAMP 27      /**< Timestamp, Length 8, 8n+2 */
#define MIPFB_MH_OT_IPV4_HOA_REQ 36   /**< IPv4 Home Address Request, Length 6, 4n */
#define MIPFB_MH_OT_IPV4_HOA_REP 37   /**< IPv4 Home Address Reply, Length 6, 4n */
#define MIPFB_MH_OT_IPV4_DFLT_RTR 38  /**< IPv4 Default-Router Address, Length 6, 4n */
/** @} */

/** @name MAG Multipath-Binding flags, octet 5 of the option (RFC 8278, wire.md 7.7)
 * @{ */
#define MIPFB_MH_MMB_B 0x80u /**< bulk re-registration */
#define MIPFB_MH_MMB_O 0x40u /**< binding overwrite; never with B, never in a deregistration */
/** @} */

/**
 * @brief Mobile Node Identifier (RFC 4283) or MAG Identifier (RFC 8278) body.
 * @since 0.1.0
 */
typedef struct mipfb_mh_ident {
  uint8_t subtype; /**< identifier type (1 = NAI, ...; 0 reserved) */
  mipfb_vec id;    /**< the identifier, at least one octet (decode: a view into the input) */
} mipfb_mh_ident;

/**
 * @brief Home Network Prefix option body (RFC 5213 8.3).
 * @since 0.1.0
 */
typedef struct mipfb_mh_hnp {
  uint8_t prefix_len; /**< 0..128 */
  uint8_t prefix[16]; /**< the prefix (::/0 asks the LMA to assign one) */
} mipfb_mh_hnp;

/**
 * @brief Body of the RFC 5844 IPv4 options (36 request, 37 reply, 38 default router).
 * @since 0.1.0
 */
typedef struct mipfb_mh_ipv4 {
  uint8_t status;     /**< reply (37) only: 0 success, 128+ failure */
  uint8_t prefix_len; /**< request and reply: 0..32 (6 bits on the wire) */
  uint8_t addr[4];    /**< the IPv4 home address (0.0.0.0 = allocate) or default router */
} mipfb_mh_ipv4;

/**
 * @brief MAG Multipath-Binding option body (RFC 8278; wire.md 7.7, errata E-14).
 * @since 0.1.0
 */
typedef struct mipfb_mh_mmb {
  uint8_t att;    /**< If-ATT (Access Technology Type registry) */
  uint8_t label;  /**< If-Label */
  uint16_t bid;   /**< Binding-Id, 8 bits on the wire: 1..254 */
  uint8_t flags;  /**< @ref MIPFB_MH_MMB_B and @ref MIPFB_MH_MMB_O; other bits reserved (0) */
} mipfb_mh_mmb;

/**
 * @brief One mobility option (Pad1 and PadN are never reported).
 * @since 0.1.0
 */
typedef struct mipfb_mh_opt {
  mipfb_mh_opt_kind kind; /**< which union member is valid */
  uint8_t type;           /**< Option Type (encode: used for @ref MIPFB_MH_OPT_UNKNOWN only) */
  size_t offset;          /**< decode: offset of the Type octet from the start of the MH; ignored on encode */
  /** The option body, by @c kind. */
  union {
    uint16_t refresh;     /**< @ref MIPFB_MH_OPT_REFRESH : Refresh Interval, 4-s units */
    uint8_t alt_coa[16];  /**< @ref MIPFB_MH_OPT_ALT_COA : the IPv6 care-of address */
    mipfb_mh_nonce nonce; /**< @ref MIPFB_MH_OPT_NONCE_IDX */
    mipfb_vec auth;       /**< @ref MIPFB_MH_OPT_AUTH_DATA : the Authenticator */
    mipfb_mh_bid bid;     /**< @ref MIPFB_MH_OPT_BID */
    mipfb_mh_flow_id flow_id; /**< @ref MIPFB_MH_OPT_FLOW_ID */
    mipfb_vec flow_summary;   /**< @ref MIPFB_MH_OPT_FLOW_SUMMARY : the FIDs, 2 octets each, network order (@ref mipfb_mh_bid_at reads them) */
    mipfb_mh_flow_draft flow_draft; /**< @ref MIPFB_MH_OPT_FLOW_ID_DRAFT */
    mipfb_mh_ident ident;     /**< @ref MIPFB_MH_OPT_MN_ID, @ref MIPFB_MH_OPT_MAG_ID */
    mipfb_mh_hnp hnp;         /**< @ref MIPFB_MH_OPT_HNP */
    uint8_t hi;               /**< @ref MIPFB_MH_OPT_HI : Handoff Indicator value (1..255; 0 reserved) */
    uint8_t att;              /**< @ref MIPFB_MH_OPT_ATT : Access Technology Type (1..255; 0 reserved) */
    mipfb_vec lli;            /**< @ref MIPFB_MH_OPT_MN_LLI : the link-layer identifier after the 2 Reserved octets */
    uint8_t lla[16];          /**< @ref MIPFB_MH_OPT_LLA : the MAG's link-local address */
    uint64_t timestamp;       /**< @ref MIPFB_MH_OPT_TIMESTAMP : 48 bits of seconds since 1970 and 16 bits of 1/65536 s */
    mipfb_mh_ipv4 ipv4;       /**< @ref MIPFB_MH_OPT_IPV4_HOA_REQ, @ref MIPFB_MH_OPT_IPV4_HOA_REP, @ref MIPFB_MH_OPT_IPV4_DFLT_RTR */
    mipfb_mh_mmb mmb;         /**< @ref MIPFB_MH_OPT_MMB */
    mipfb_vec unknown;    /**< @ref MIPFB_MH_OPT_UNKNOWN : Option Data */
  } u;
} mipfb_mh_opt;

/**
 * @brief A Mobility Header message (BRR, BU, BA or BE).
 *
 * Fields not used by @c type are ignored on encode and 0 after decode.
 * @since 0.1.0
 */
typedef struct mipfb_mh_msg {
  uint8_t type;        /**< @ref MIPFB_MH_BRR, @ref MIPFB_MH_BU, @ref MIPFB_MH_BA or @ref MIPFB_MH_BE */
  uint16_t checksum;   /**< decode: the Checksum field as received; ignored on encode */
  uint16_t seq;        /**< BU, BA: Sequence # */
  uint16_t flags;      /**< BU: the 16-bit flags word (`MIPFB_MH_BU_*`); BA: the flag octet (`MIPFB_MH_BA_*`) */
  uint16_t lifetime;   /**< BU, BA: Lifetime in units of 4 seconds */
  uint8_t status;      /**< BA, BE: Status */
  uint8_t hoa[16];     /**< BE: Home Address */
  mipfb_mh_opt *opt;   /**< options in wire order (decode: the caller's array) */
  size_t n_opt;        /**< number of entries in @c opt */
} mipfb_mh_msg;

/**
 * @brief A raw option as the iterator returns it.
 * @since 0.1.0
 */
typedef struct mipfb_mh_raw_opt {
  uint8_t type;   /**< Option Type */
  size_t offset;  /**< offset of the Type octet from the start of the MH */
  mipfb_vec data; /**< Option Data (Length octets), a view into the input */
} mipfb_mh_raw_opt;

/**
 * @brief Iterator over the options area of a Mobility Header.
 *
 * Fields are private; initialise with @ref mipfb_mh_opt_iter_init.
 * @since 0.1.0
 */
typedef struct mipfb_mh_opt_iter {
  const uint8_t *mh; /**< start of the Mobility Header (private) */
  size_t pos;        /**< offset of the next option (private) */
  size_t end;        /**< end of the options area (private) */
} mipfb_mh_opt_iter;

/**
 * @brief Start iterating the options between @p start and @p end of a Mobility Header.
 * @param[out] it iterator; not NULL
 * @param[in] mh start of the Mobility Header; not NULL; must stay valid while iterating
 * @param[in] start offset of the first option (end of the fixed part)
 * @param[in] end octets of the MH (8 x (Header Len + 1)); not less than @p start
 * @since 0.1.0
 */
MIPFB_EXTERN void mipfb_mh_opt_iter_init(mipfb_mh_opt_iter *it, const uint8_t *mh, size_t start, size_t end);

/**
 * @brief Next option, stepping over Pad1 and PadN (RFC 6275 6.2.1).
 * @param[in,out] it iterator; not NULL
 * @param[out] opt the option; not NULL; unspecified unless 0 is returned
 * @param[out] diag fault location and rule; may be NULL
 * @retval 0 @p opt holds the next option
 * @retval MIPFB_ERR_EOF no more options
 * @retval MIPFB_ERR_TRUNCATED the Length octet is missing or the option runs past the options area (wire.md 4.5)
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_mh_opt_next(mipfb_mh_opt_iter *it, mipfb_mh_raw_opt *opt, mipfb_diag *diag);

/**
 * @brief The Mobility Header checksum (RFC 6275 6.1.1, wire.md 4.6).
 *
 * One's complement of the one's-complement sum over the IPv6 pseudo-header
 * (@p src, @p dst, length, next header 135) and the MH with its Checksum
 * field taken as 0, so the value can be compared with or stored into the
 * field directly.
 * @param[in] mh the Mobility Header; not NULL unless @p len is 0
 * @param[in] len its length (at least 6 for a meaningful result)
 * @param[in] src 16-octet IPv6 source (the Home Address option's address when present); not NULL
 * @param[in] dst 16-octet IPv6 destination (the final one with a type 2 routing header); not NULL
 * @return the checksum in host order
 * @since 0.1.0
 */
MIPFB_EXTERN uint16_t mipfb_mh_checksum(const uint8_t *mh, size_t len, const uint8_t *src, const uint8_t *dst);

/**
 * @brief Decode and validate a Mobility Header message.
 *
 * Checks (wire.md 4.1, 4.3, 4.5, 4.7, 5.1-5.4): Payload Proto 59; Header Len
 * not below the type's minimum and within the input; the checksum when
 * @p src and @p dst are given; option lengths (Binding Refresh Advice 2,
 * Alternate CoA 16, Nonce Indices 4, BID 4/8/20); an option running past
 * the message; options only in the messages RFC 6275 6.2 allows them in;
 * Binding Authorization Data last and not followed by padding; BID not 0; a
 * BID option CoA only in a BU, an IPv4 CoA only in a home registration
 * (H set), the option's H flag only in a home registration; a CoA not
 * unicast-routable. Flow binding options (wire.md 6.1, 6.2): Flow
 * Identification Length at least 6, FID and FID-PRI not 0, two options
 * with one FID or two FIDs with one FID-PRI, sub-options running past the
 * option, at most one BID Reference (non-zero 16-bit BIDs) and one Traffic
 * Selector (TS Format not 0; formats 1 and 2 checked with the RFC 6088
 * rules of @ref mipfb_ts_decode, others kept opaque), Flow Summary Length a
 * non-zero multiple of 2 and FIDs not 0, Flow Summary only in a BU;
 * draft-00: Action 1-3, PRO 0/1/2/15, n-cast with a Binding Reference in a
 * BU, Sub-Opt Len at least 2, 16-bit non-zero BIDs, one FID per message.
 * PMIPv6 (wire.md 7.2, 7.7): fixed Lengths (HNP 18, HI/ATT 2, LLA 16,
 * Timestamp 8, 36-38 and MAG Multipath-Binding 6) and minimum Lengths
 * (MN-ID 2, MN-LLI 3, MAG-ID 3), Subtype not 0, HNP prefix length at most
 * 128, HI and ATT not 0, IPv4 prefix length at most 32, the IPv4 request
 * only in a BU and reply and default router only in a BA, MAG
 * Multipath-Binding Binding-Id 1-254, B and O not both set, O not in a BU
 * with lifetime 0. Unknown option types and unknown flow sub-options are
 * skipped (unknown options reported as @ref MIPFB_MH_OPT_UNKNOWN).
 * State-dependent rules (unknown BID or FID, missing mandatory PMIPv6
 * options, timestamp windows) are left to the agents.
 *
 * @param[out] msg filled on success (@c msg->opt = @p opt); on MIPFB_ERR_UNSUPPORTED the message is well framed (Header Len within the input, the checksum verified when @p src and @p dst are given) and @c msg->type and @c msg->checksum are set; otherwise unspecified; not NULL
 * @param[out] opt caller array for the options; may be NULL when @p opt_cap is 0
 * @param[in] opt_cap entries available in @p opt
 * @param[in] in the Mobility Header; may be NULL only when @p len is 0
 * @param[in] len octets available (may exceed the MH)
 * @param[in] src 16-octet IPv6 source address for the checksum, or NULL (then the checksum is not verified)
 * @param[in] dst 16-octet IPv6 destination address, or NULL (then the checksum is not verified)
 * @param[in] cp code-point table; NULL means the RFC profile defaults
 * @param[out] diag fault location and rule; may be NULL
 * @return octets of the MH (8 x (Header Len + 1)) on success, else:
 * @retval MIPFB_ERR_INVALID_ARG a NULL argument
 * @retval MIPFB_ERR_TRUNCATED fewer than 8 octets, fewer than Header Len declares, an option past the message, a flow sub-option past its option, or a traffic selector shorter than its flags announce
 * @retval MIPFB_ERR_BAD_LENGTH Header Len below the type's minimum; an option or sub-option Length the option forbids; octets left over after a traffic selector's fields
 * @retval MIPFB_ERR_BAD_VALUE Payload Proto not 59; a forbidden field value or an option in a message that may not carry it
 * @retval MIPFB_ERR_BAD_ORDER an option or padding after Binding Authorization Data
 * @retval MIPFB_ERR_DUPLICATE two Flow Identification options with one FID, two FIDs with one FID-PRI, a repeated BID Reference or Traffic Selector sub-option
 * @retval MIPFB_ERR_BAD_CHECKSUM the checksum does not verify
 * @retval MIPFB_ERR_UNSUPPORTED a well-framed message of an MH Type other than 0, 5, 6, 7 (RFC 6275 9.2: answer with Binding Error Status 2); framing errors of such a message (Header Len past the input, a wrong checksum) are reported as for the known types
 * @retval MIPFB_ERR_NOBUF more options than @p opt_cap
 * @since 0.1.0
 */
MIPFB_EXTERN mipfb_ssize mipfb_mh_decode(mipfb_mh_msg *msg, mipfb_mh_opt *opt, size_t opt_cap, const uint8_t *in,
                                         size_t len, const uint8_t *src, const uint8_t *dst,
                                         const mipfb_codepoints *cp, mipfb_diag *diag);

/**
 * @brief Encode a message after checking it with the decoder's rules.
 *
 * Writes Payload Proto 59, the Header Len, the fixed part, each option
 * after the Pad1/PadN its alignment needs (Refresh Advice, Nonce Indices and
 * a BID without CoA 2n; Alternate CoA 8n+6; BID with CoA 8n+2;
 * Authorization Data so that it ends the message on an 8-octet boundary,
 * 8n+2 for a 12-octet authenticator; Flow Identification, draft-00 Flow
 * Identification and Flow Summary 2n; Home Network Prefix 8n+4;
 * Link-local Address 8n+6; Timestamp 8n+2; RFC 5844 options 4n; MN-ID,
 * HI, ATT, MN-LLI, MAG Multipath-Binding, MAG Identifier and unknown
 * options unaligned), then
 * padding to a multiple of 8. The checksum is computed when @p src and
 * @p dst are given, else left 0.
 *
 * @param[out] out destination; may be NULL only when @p cap is 0
 * @param[in] cap octets available
 * @param[in] msg message; not NULL
 * @param[in] src 16-octet IPv6 source for the checksum, or NULL
 * @param[in] dst 16-octet IPv6 destination for the checksum, or NULL
 * @param[in] cp code-point table; NULL means the RFC profile defaults
 * @param[out] diag rule that failed, offset in the output; may be NULL
 * @return octets written, else:
 * @retval MIPFB_ERR_NOBUF @p cap too small
 * @retval MIPFB_ERR_INVALID_ARG a NULL argument, unknown message type or option kind, an option body longer than 255 octets, a message longer than 2048 octets; a flow option kind the code-point table's profile has no layout or type for; a NULL view with a non-zero length; a field the option does not carry (a Status in an IPv4 request, flags other than B and O in MAG Multipath-Binding)
 * @retval MIPFB_ERR_BAD_VALUE a field value the decoder would reject
 * @retval MIPFB_ERR_BAD_LENGTH a list or identifier length the decoder would reject (odd BID list, empty identifier)
 * @retval MIPFB_ERR_DUPLICATE a repetition the decoder would reject (see @ref mipfb_mh_decode)
 * @retval MIPFB_ERR_BAD_ORDER an option after Binding Authorization Data
 * @since 0.1.0
 */
MIPFB_EXTERN mipfb_ssize mipfb_mh_encode(uint8_t *out, size_t cap, const mipfb_mh_msg *msg, const uint8_t *src,
                                         const uint8_t *dst, const mipfb_codepoints *cp, mipfb_diag *diag);

/**
 * @brief Exact size @ref mipfb_mh_encode would write.
 * @param[in] msg message; not NULL
 * @param[in] cp code-point table; NULL means the RFC profile defaults
 * @return octets, or the error @ref mipfb_mh_encode would return (never MIPFB_ERR_NOBUF)
 * @since 0.1.0
 */
MIPFB_EXTERN mipfb_ssize mipfb_mh_encoded_len(const mipfb_mh_msg *msg, const mipfb_codepoints *cp);

/**
 * @brief The 16-bit value at index @p i of a list of network-order 16-bit
 *        values (BID Reference BIDs, Flow Summary FIDs).
 * @param[in] list the list; its @c base may be NULL only when @c len is 0
 * @param[in] i index; entries are @c list.len / 2
 * @return the value, or 0 when @p i is out of range
 * @since 0.1.0
 */
MIPFB_EXTERN uint16_t mipfb_mh_bid_at(mipfb_vec list, size_t i);

/**
 * @brief Whether a BU carries the draft-13 MCoA O (overwrite) flag.
 *
 * The bit is the code-point table's @c mh_bu_flag_o (0x0040 in the draft
 * profile, none in the RFC profile); in a proxy BU (P set) that bit is the
 * RFC 6602 B flag, never O (errata E-11).
 * @param[in] msg a BU; not NULL
 * @param[in] cp code-point table; NULL means the RFC profile defaults
 * @retval 1 O is set
 * @retval 0 O is clear, the profile has no O flag, the message is a proxy BU or not a BU
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_mh_bu_o_flag(const mipfb_mh_msg *msg, const mipfb_codepoints *cp);

#ifdef __cplusplus
}
#endif

#endif /* MIPFB_MH_H */
