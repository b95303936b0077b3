/**
 * @file mip4.h
 * @brief Mobile IPv4 Registration Request / Reply codec (RFC 5944) with the
 *        RFC 7629 Multipath and Flow-Binding extensions, the
 *        draft-gundavelli-mip4-multiple-tunnel-support-02 Multiple Tunnel
 *        Request extension, MN-NAI (RFC 2794) and the authentication
 *        extensions.
 *
 * Decoding is zero-copy: variable parts are @ref mipfb_vec views into the
 * input, valid while the input is. Extensions land in a caller array, in
 * wire order. Encoding writes into a caller buffer; lengths and the
 * HMAC-MD5 authenticator are computed. Both directions apply the same
 * validity rules, so an encoder never produces what the decoder rejects.
 *
 * Addresses are 32-bit values in host byte order (10.0.0.1 is 0x0a000001).
 */
#ifndef MIPFB_MIP4_H
#define MIPFB_MIP4_H

#include <mipfb/codepoints.h>
#include <mipfb/md5.h>
#include <mipfb/ts.h>

#ifdef __cplusplus
extern "C" {
#endif

/** @brief UDP port of MIPv4 registration (RFC 5944 3.3). @since 0.1.0 */
#define MIPFB_MIP4_PORT 434
/** @brief Message Type of a Registration Request. @since 0.1.0 */
#define MIPFB_MIP4_RRQ 1
/** @brief Message Type of a Registration Reply. @since 0.1.0 */
#define MIPFB_MIP4_RRP 3
/** @brief Fixed part of a Registration Request, octets. @since 0.1.0 */
#define MIPFB_MIP4_RRQ_LEN 24
/** @brief Fixed part of a Registration Reply, octets. @since 0.1.0 */
#define MIPFB_MIP4_RRP_LEN 20
/** @brief Lifetime value meaning "infinity". @since 0.1.0 */
#define MIPFB_MIP4_LIFETIME_INFINITE 0xFFFFu

/** @name Registration Request flag octet (RFC 5944 3.3)
 * @{ */
#define MIPFB_MIP4_FLAG_S 0x80u /**< simultaneous bindings */
#define MIPFB_MIP4_FLAG_B 0x40u /**< broadcast datagrams */
#define MIPFB_MIP4_FLAG_D 0x20u /**< decapsulation by mobile node */
#define MIPFB_MIP4_FLAG_M 0x10u /**< minimal encapsulation */
#define MIPFB_MIP4_FLAG_G 0x08u /**< GRE encapsulation */
#define MIPFB_MIP4_FLAG_R 0x04u /**< reserved `r` (send 0) */
#define MIPFB_MIP4_FLAG_T 0x02u /**< reverse tunnelling */
#define MIPFB_MIP4_FLAG_X 0x01u /**< reserved `x` (send 0) */
/** @} */

/** @name Fixed extension types
 * @{ */
#define MIPFB_MIP4_EXT_TYPE_MN_HA 32  /**< Mobile-Home Authentication (RFC 5944 3.5.2) */
#define MIPFB_MIP4_EXT_TYPE_MN_FA 33  /**< Mobile-Foreign Authentication (RFC 5944 3.5.3) */
#define MIPFB_MIP4_EXT_TYPE_FA_HA 34  /**< Foreign-Home Authentication (RFC 5944 3.5.4) */
#define MIPFB_MIP4_EXT_TYPE_NAI 131   /**< Mobile Node NAI (RFC 2794) */
/** @} */

/** @brief Most BIDs in one Flow-Binding extension (RFC 7629 4.2). @since 0.1.0 */
#define MIPFB_MIP4_FB_MAX_BIDS 8

/**
 * @brief What an entry of the extension array holds.
 * @since 0.1.0
 */
typedef enum mipfb_mip4_ext_kind {
  MIPFB_MIP4_EXT_UNKNOWN = 0,  /**< skippable extension not known here: @c u.unknown */
  MIPFB_MIP4_EXT_MULTIPATH,    /**< RFC 7629 Multipath (154/1): @c u.multipath */
  MIPFB_MIP4_EXT_FLOW_BINDING, /**< RFC 7629 Flow-Binding (154/2): @c u.flow_binding */
  MIPFB_MIP4_EXT_MTUNNEL,      /**< draft-02 Multiple Tunnel Request: @c u.mtunnel */
  MIPFB_MIP4_EXT_MN_HA_AUTH,   /**< Mobile-Home Authentication (32): @c u.auth */
  MIPFB_MIP4_EXT_MN_FA_AUTH,   /**< Mobile-Foreign Authentication (33): @c u.auth */
  MIPFB_MIP4_EXT_FA_HA_AUTH,   /**< Foreign-Home Authentication (34): @c u.auth */
  MIPFB_MIP4_EXT_NAI           /**< Mobile Node NAI (131): @c u.nai */
} mipfb_mip4_ext_kind;

/**
 * @brief RFC 7629 4.1 Multipath extension.
 * @since 0.1.0
 */
typedef struct mipfb_mip4_multipath {
  uint8_t if_att;   /**< access technology type (RFC 5213 ATT registry) */
  uint8_t if_label; /**< interface label, 1..255 */
  uint8_t bid;      /**< binding identifier, 1..254 */
  uint8_t b;        /**< bulk re-registration flag, 0 or 1 */
  uint8_t o;        /**< registration overwrite flag, 0 or 1 (never with @c b, never in a deregistration) */
} mipfb_mip4_multipath;

/**
 * @brief RFC 7629 4.2 Flow-Binding extension.
 *
 * @c ts.format carries the TS Format octet. For DROP there is exactly one
 * BID octet, whose value is not interpreted (senders put 255).
 * @since 0.1.0
 */
typedef struct mipfb_mip4_flow_binding {
  uint8_t action;                         /**< code-point table's DROP or FORWARD value */
  uint8_t bid_count;                      /**< 1..8 */
  uint8_t bids[MIPFB_MIP4_FB_MAX_BIDS];   /**< preference order; FORWARD BIDs are 1..254 */
  mipfb_ts ts;                            /**< the traffic selector (RFC 6088) */
} mipfb_mip4_flow_binding;

/**
 * @brief draft-gundavelli-mip4-multiple-tunnel-support-02 4.1 Multiple
 *        Tunnel Request extension (errata E-4 for the length).
 * @since 0.1.0
 */
typedef struct mipfb_mip4_mtunnel {
  uint8_t if_type;    /**< access technology type */
  uint16_t bid;       /**< 16-bit binding identifier */
  uint8_t b;          /**< bulk re-registration flag, 0 or 1 */
  uint8_t o;          /**< registration overwrite flag, 0 or 1 */
  uint8_t bw_len;     /**< octets of Interface Bandwidth on the wire: 0 (Length 6), 2 (Length 8) or 4 (Length 10) */
  uint32_t bandwidth; /**< interface bandwidth in kilobytes (when @c bw_len is not 0) */
} mipfb_mip4_mtunnel;

/**
 * @brief An authentication extension (types 32, 33, 34).
 *
 * Decoding fills @c spi and @c authenticator; @c key is set to NULL. For
 * encoding, a non-NULL @c key makes the encoder compute HMAC-MD5 (16
 * octets) over the covered bytes; otherwise @c authenticator is copied.
 * @since 0.1.0
 */
typedef struct mipfb_mip4_auth {
  uint32_t spi;                  /**< security parameter index */
  mipfb_vec authenticator;       /**< authenticator bytes */
  const mipfb_hmac_md5_key *key; /**< encode only: compute HMAC-MD5 with this key (borrowed during the call) */
} mipfb_mip4_auth;

/**
 * @brief One extension of a message.
 * @since 0.1.0
 */
typedef struct mipfb_mip4_ext {
  mipfb_mip4_ext_kind kind; /**< which union member is valid */
  uint8_t type;             /**< extension Type octet (encode: used for @ref MIPFB_MIP4_EXT_UNKNOWN only) */
  size_t offset;            /**< decode: offset of the Type octet in the message; ignored on encode */
  /** The extension body, by @c kind. */
  union {
    mipfb_mip4_multipath multipath;       /**< @ref MIPFB_MIP4_EXT_MULTIPATH */
    mipfb_mip4_flow_binding flow_binding; /**< @ref MIPFB_MIP4_EXT_FLOW_BINDING */
    mipfb_mip4_mtunnel mtunnel;           /**< @ref MIPFB_MIP4_EXT_MTUNNEL */
    mipfb_mip4_auth auth;                 /**< the three authentication kinds */
    mipfb_vec nai;                        /**< @ref MIPFB_MIP4_EXT_NAI : the NAI octets (no terminator) */
    mipfb_vec unknown;                    /**< @ref MIPFB_MIP4_EXT_UNKNOWN : Data after Type and 8-bit Length */
  } u;
} mipfb_mip4_ext;

/**
 * @brief A Registration Request or Reply.
 * @since 0.1.0
 */
typedef struct mipfb_mip4_msg {
  uint8_t type;          /**< @ref MIPFB_MIP4_RRQ or @ref MIPFB_MIP4_RRP */
  uint8_t flags;         /**< RRQ: `MIPFB_MIP4_FLAG_*`; ignored for an RRP */
  uint8_t code;          /**< RRP: reply code; ignored for an RRQ */
  uint16_t lifetime;     /**< seconds; 0 = deregistration; 0xFFFF = infinity */
  uint32_t hoa;          /**< home address (host order) */
  uint32_t ha;           /**< home agent address (host order) */
  uint32_t coa;          /**< RRQ: care-of address (host order); ignored for an RRP */
  uint64_t id;           /**< Identification (RFC 5944 5.7) */
  mipfb_mip4_ext *ext;   /**< extensions in wire order (decode: the caller's array) */
  size_t n_ext;          /**< number of entries in @c ext */
} mipfb_mip4_msg;

/**
 * @brief Decode and validate a Registration Request or Reply (the UDP payload).
 *
 * Checks every rule decidable from the message alone (wire.md 1.6, 1.10,
 * 2.1-2.4): fixed part and extension lengths; unknown non-skippable
 * extensions; Type 154 in the long format with known Subtypes; Multipath
 * Length 4, at most one, RRQ only, If-Label 1..255, BID 1..254, not B and
 * O together, no O with lifetime 0; Flow-Binding Action, BID Count 1..8,
 * FORWARD BIDs 1..254, DROP with one BID, TS Format and selector (RFC 6088);
 * Multiple Tunnel Request (when the table recognises it) Length 6/8/10,
 * Sub-Type 0, at most one, RRQ only, B/O rules; NAI non-empty, at most once;
 * at most one MN-HA authentication extension; Multipath, Flow-Binding,
 * Multiple Tunnel Request and NAI before the MN-HA authentication extension;
 * optionally (@ref MIPFB_CP_STRICT_RESERVED) zero `r`/`x` bits.
 * It does not check authenticators (see @ref mipfb_mip4_auth_verify) nor
 * anything that needs agent state.
 *
 * @param[out] msg filled on success (@c msg->ext = @p ext); unspecified on failure; not NULL
 * @param[out] ext caller array for the extensions; may be NULL when @p ext_cap is 0
 * @param[in] ext_cap entries available in @p ext
 * @param[in] in the UDP payload; may be NULL only when @p len is 0
 * @param[in] len payload length
 * @param[in] cp code-point table; NULL means the RFC profile defaults
 * @param[out] diag fault location and rule; may be NULL
 * @return @p len on success, else:
 * @retval MIPFB_ERR_TRUNCATED input shorter than the fixed part, or an extension header or declared length past the end
 * @retval MIPFB_ERR_BAD_LENGTH a length field with a forbidden value (Multipath not 4, Multiple Tunnel not 6/8/10, Flow-Binding Length not matching its content, authentication Length below 4, empty NAI)
 * @retval MIPFB_ERR_BAD_VALUE a forbidden value or combination (see above)
 * @retval MIPFB_ERR_DUPLICATE a second Multipath, Multiple Tunnel Request, MN-HA authentication or NAI extension
 * @retval MIPFB_ERR_UNKNOWN_NONSKIPPABLE an unknown extension Type 0..127, or an unknown Subtype of Type 154
 * @retval MIPFB_ERR_BAD_ORDER an extension for the home agent after the MN-HA authentication extension
 * @retval MIPFB_ERR_UNSUPPORTED a message Type other than 1 or 3; a TS Format other than 1 or 2
 * @retval MIPFB_ERR_NOBUF more extensions than @p ext_cap
 * @since 0.1.0
 */
MIPFB_EXTERN mipfb_ssize mipfb_mip4_decode(mipfb_mip4_msg *msg, mipfb_mip4_ext *ext, size_t ext_cap,
                                           const uint8_t *in, size_t len, const mipfb_codepoints *cp,
                                           mipfb_diag *diag);

/**
 * @brief Encode a message after checking it with the decoder's rules.
 *
 * Multipath and Flow-Binding are written in the long format, the Multiple
 * Tunnel Request in the short format, everything else as simple TLVs. An
 * authentication extension with a key gets its HMAC-MD5 computed over the
 * message up to and including its SPI (RFC 5944 3.5.1).
 *
 * @param[out] out destination; may be NULL only when @p cap is 0
 * @param[in] cap octets available
 * @param[in] msg message; not NULL
 * @param[in] cp code-point table; NULL means the RFC profile defaults
 * @param[out] diag rule that failed, offset in the output; may be NULL
 * @return octets written, else:
 * @retval MIPFB_ERR_NOBUF @p cap too small
 * @retval MIPFB_ERR_INVALID_ARG unknown message type or extension kind; a Multiple Tunnel Request while the table does not recognise it; an extension body over its length field's range
 * @retval MIPFB_ERR_BAD_VALUE a field value the decoder would reject (as for mipfb_mip4_decode())
 * @retval MIPFB_ERR_BAD_LENGTH a length the decoder would reject
 * @retval MIPFB_ERR_DUPLICATE an extension allowed once appears twice
 * @retval MIPFB_ERR_BAD_ORDER an extension for the home agent after the MN-HA authentication extension
 * @since 0.1.0
 */
MIPFB_EXTERN mipfb_ssize mipfb_mip4_encode(uint8_t *out, size_t cap, const mipfb_mip4_msg *msg,
                                           const mipfb_codepoints *cp, mipfb_diag *diag);

/**
 * @brief Exact size @ref mipfb_mip4_encode would write.
 * @param[in] msg message; not NULL
 * @param[in] cp code-point table; NULL means the RFC profile defaults
 * @return octets, or the error @ref mipfb_mip4_encode would return (never MIPFB_ERR_NOBUF)
 * @since 0.1.0
 */
MIPFB_EXTERN mipfb_ssize mipfb_mip4_encoded_len(const mipfb_mip4_msg *msg, const mipfb_codepoints *cp);

/**
 * @brief First extension of a kind in a decoded message.
 * @param[in] msg decoded message; not NULL
 * @param[in] kind kind to look for
 * @return the entry, or NULL when absent
 * @since 0.1.0
 */
MIPFB_EXTERN const mipfb_mip4_ext *mipfb_mip4_find(const mipfb_mip4_msg *msg, mipfb_mip4_ext_kind kind);

/**
 * @brief Verify an HMAC-MD5 authentication extension of a decoded message.
 *
 * Covered bytes (RFC 5944 3.5.1): the message from its first octet through
 * the extension's Type, Length and SPI. The authenticator must be 16 octets.
 *
 * @param[in] in the bytes @p msg was decoded from; not NULL
 * @param[in] len their length
 * @param[in] auth an authentication entry of the decoded message; not NULL
 * @param[in] key precomputed key for the SPI; not NULL
 * @retval 0 the authenticator verifies
 * @retval MIPFB_ERR_AUTH it does not, or it is not 16 octets long
 * @retval MIPFB_ERR_INVALID_ARG @p auth is not an authentication entry of a message of @p len octets
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_mip4_auth_verify(const uint8_t *in, size_t len, const mipfb_mip4_ext *auth,
                                        const mipfb_hmac_md5_key *key);

/**
 * @brief Whether a Registration Reply code was given by the foreign agent.
 *
 * Decided from the code table (RFC 5944 3.4 lists 194 among the foreign
 * agent's codes, errata E-17), plus the table's Multiple Tunnel FA code.
 * @param[in] code reply code
 * @param[in] cp code-point table; NULL means the RFC profile defaults
 * @retval 1 denied by the foreign agent
 * @retval 0 accepted, or denied by the home agent
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_mip4_code_is_fa(uint8_t code, const mipfb_codepoints *cp);

#ifdef __cplusplus
}
#endif

#endif /* MIPFB_MIP4_H */
