/**
 * @file mh.h
 * @brief Mobile IPv6 Mobility Header codec (RFC 6275 6.1): framing and
 *        checksum, the fixed parts of Binding Refresh Request, Binding
 *        Update, Binding Acknowledgement (PMIPv6 PBU/PBA share them) and
 *        Binding Error, the option iterator and the base options plus the
 *        Binding Identifier option (RFC 5648 / RFC 6089, draft-13 profile).
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
  MIPFB_MH_OPT_BID          /**< Binding Identifier (code-point table's type, 35): @c u.bid */
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
 * unicast-routable. Unknown option types are reported as
 * @ref MIPFB_MH_OPT_UNKNOWN.
 *
 * @param[out] msg filled on success (@c msg->opt = @p opt); on MIPFB_ERR_UNSUPPORTED only @c msg->type is set; otherwise unspecified; not NULL
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
 * @retval MIPFB_ERR_TRUNCATED fewer than 8 octets, fewer than Header Len declares, or an option past the message
 * @retval MIPFB_ERR_BAD_LENGTH Header Len below the type's minimum; an option Length the option forbids
 * @retval MIPFB_ERR_BAD_VALUE Payload Proto not 59; a forbidden field value or an option in a message that may not carry it
 * @retval MIPFB_ERR_BAD_ORDER an option or padding after Binding Authorization Data
 * @retval MIPFB_ERR_BAD_CHECKSUM the checksum does not verify
 * @retval MIPFB_ERR_UNSUPPORTED an MH Type other than 0, 5, 6, 7 (RFC 6275 9.2: answer with Binding Error Status 2)
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
 * 8n+2 for a 12-octet authenticator; unknown options unaligned), then
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
 * @retval MIPFB_ERR_INVALID_ARG a NULL argument, unknown message type or option kind, an option body longer than 255 octets, a message longer than 2048 octets
 * @retval MIPFB_ERR_BAD_VALUE a field value the decoder would reject
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
