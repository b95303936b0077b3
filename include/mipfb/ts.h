/**
 * @file ts.h
 * @brief RFC 6088 binary traffic selectors: IPv4 (TS Format 1) and IPv6
 *        (TS Format 2).
 *
 * The selector proper is the 32-bit flags word and the present fields that
 * follow it, packed in flag order (RFC 6088 sections 3.1, 3.2). The
 * carrying headers (RFC 6089 sub-option `Type, Len, TS Format, Reserved`;
 * RFC 7629 `TS Format`) belong to the callers (errata E-6).
 *
 * Presence is kept in one format-independent 16-bit set of
 * `MIPFB_TS_*` bits; the codec maps it to each format's wire flags.
 */
#ifndef MIPFB_TS_H
#define MIPFB_TS_H

#include <mipfb/err.h>

#ifdef __cplusplus
extern "C" {
#endif

/** @brief TS Format value 0: reserved, MUST NOT be used. @since 0.1.0 */
#define MIPFB_TS_FORMAT_RESERVED 0
/** @brief TS Format 1: IPv4 binary traffic selector (RFC 6088 3.1). @since 0.1.0 */
#define MIPFB_TS_FORMAT_IPV4 1
/** @brief TS Format 2: IPv6 binary traffic selector (RFC 6088 3.2). @since 0.1.0 */
#define MIPFB_TS_FORMAT_IPV6 2

/** @name Field presence bits (format independent)
 * IPv6 flag letters A..P in order; IPv4 has no flow label and so A..N.
 * @{ */
#define MIPFB_TS_SRC_START 0x8000u   /**< Start Source Address (A) */
#define MIPFB_TS_SRC_END 0x4000u     /**< End Source Address (B) */
#define MIPFB_TS_DST_START 0x2000u   /**< Start Destination Address (C) */
#define MIPFB_TS_DST_END 0x1000u     /**< End Destination Address (D) */
#define MIPFB_TS_SPI_START 0x0800u   /**< Start IPsec SPI (E) */
#define MIPFB_TS_SPI_END 0x0400u     /**< End IPsec SPI (F) */
#define MIPFB_TS_FL_START 0x0200u    /**< Start Flow Label (IPv6 G; not in IPv4) */
#define MIPFB_TS_FL_END 0x0100u      /**< End Flow Label (IPv6 H; not in IPv4) */
#define MIPFB_TS_SPORT_START 0x0080u /**< Start Source Port (IPv4 G, IPv6 I) */
#define MIPFB_TS_SPORT_END 0x0040u   /**< End Source Port (IPv4 H, IPv6 J) */
#define MIPFB_TS_DPORT_START 0x0020u /**< Start Destination Port (IPv4 I, IPv6 K) */
#define MIPFB_TS_DPORT_END 0x0010u   /**< End Destination Port (IPv4 J, IPv6 L) */
#define MIPFB_TS_DS_START 0x0008u    /**< Start DS / Traffic Class (IPv4 K, IPv6 M) */
#define MIPFB_TS_DS_END 0x0004u      /**< End DS / Traffic Class (IPv4 L, IPv6 N) */
#define MIPFB_TS_PROTO_START 0x0002u /**< Start Protocol / Next Header (IPv4 M, IPv6 O) */
#define MIPFB_TS_PROTO_END 0x0001u   /**< End Protocol / Next Header (IPv4 N, IPv6 P) */
/** @} */

/** @brief Largest encoded selector: IPv6 with every field (4 + 64 + 8 + 8 + 8 + 2 + 2). @since 0.1.0 */
#define MIPFB_TS_MAX_LEN 96

/**
 * @brief A decoded traffic selector. Only fields whose presence bit is set
 *        in @c fields are meaningful; decoders zero the others.
 *
 * Addresses are network-order octets: 4 used for IPv4, 16 for IPv6. The
 * flow label is the 20-bit value (errata E-7). DS / Traffic Class values
 * are the whole octet; matching compares the upper 6 bits.
 * @since 0.1.0
 */
typedef struct mipfb_ts {
  uint8_t format;          /**< @ref MIPFB_TS_FORMAT_IPV4 or @ref MIPFB_TS_FORMAT_IPV6 */
  uint16_t fields;         /**< presence bits, `MIPFB_TS_*` */
  uint8_t src_start[16];   /**< start source address (CN, RFC 6088 direction HA to MN) */
  uint8_t src_end[16];     /**< end source address, inclusive */
  uint8_t dst_start[16];   /**< start destination address (MN) */
  uint8_t dst_end[16];     /**< end destination address, inclusive */
  uint32_t spi_start;      /**< start IPsec SPI */
  uint32_t spi_end;        /**< end IPsec SPI */
  uint32_t fl_start;       /**< start flow label (20 bits; IPv6 only) */
  uint32_t fl_end;         /**< end flow label (20 bits; IPv6 only) */
  uint16_t sport_start;    /**< start source port */
  uint16_t sport_end;      /**< end source port */
  uint16_t dport_start;    /**< start destination port */
  uint16_t dport_end;      /**< end destination port */
  uint8_t ds_start;        /**< start DS (IPv4) or Traffic Class (IPv6) octet */
  uint8_t ds_end;          /**< end DS or Traffic Class octet */
  uint8_t proto_start;     /**< start protocol (IPv4) or next header (IPv6) */
  uint8_t proto_end;       /**< end protocol or next header */
} mipfb_ts;

/**
 * @brief Decode and validate one selector that occupies exactly @p len
 *        octets (RFC 6088 section 3; wire.md 3.3).
 *
 * Rejected: an End field without its Start field; a Start greater than its
 * End; a length other than 4 + the sizes of the present fields. Reserved
 * flag bits are ignored. The upper 12 bits of an IPv6 flow-label field are
 * ignored (errata E-7).
 *
 * @param[out] ts filled on success; unspecified on failure; not NULL
 * @param[in] format TS Format value from the carrying header
 * @param[in] in selector bytes (flags word first); may be NULL when @p len is 0
 * @param[in] len octets the carrying header gives to the selector
 * @param[in] base_off offset of @p in within the whole message, for @p diag
 * @param[out] diag fault location and rule on failure; may be NULL
 * @return @p len on success, else:
 * Rules are applied in this order: End without Start, then lengths, then
 * Start > End. Format faults are reported at @p base_off.
 * @retval MIPFB_ERR_BAD_VALUE @p format is 0 (reserved); an End field without its Start; Start > End
 * @retval MIPFB_ERR_UNSUPPORTED @p format is not 0, 1 or 2
 * @retval MIPFB_ERR_INVALID_ARG @p ts is NULL, or @p in is NULL with @p len not 0
 * @retval MIPFB_ERR_TRUNCATED fewer octets than the flags word or the present fields need
 * @retval MIPFB_ERR_BAD_LENGTH octets left over after the present fields
 * @since 0.1.0
 */
MIPFB_EXTERN mipfb_ssize mipfb_ts_decode(mipfb_ts *ts, uint8_t format, const uint8_t *in, size_t len,
                                         size_t base_off, mipfb_diag *diag);

/**
 * @brief Exact encoded size of a selector (flags word and present fields).
 * @param[in] ts selector; not NULL
 * @return octets, or @ref MIPFB_ERR_INVALID_ARG when @c ts->format is not 1 or 2
 *         or an IPv4 selector has flow-label bits.
 * @since 0.1.0
 */
MIPFB_EXTERN mipfb_ssize mipfb_ts_encoded_len(const mipfb_ts *ts);

/**
 * @brief Encode a selector after checking it with the decoder's rules.
 * @param[out] out destination; may be NULL only when @p cap is 0
 * @param[in] cap octets available at @p out
 * @param[in] ts selector; not NULL
 * @return octets written, else:
 * @retval MIPFB_ERR_NOBUF @p cap is too small
 * @retval MIPFB_ERR_INVALID_ARG @p out is NULL with @p cap not 0; unknown format, flow-label bits in an IPv4 selector, a flow label above 20 bits
 * @retval MIPFB_ERR_BAD_VALUE an End without its Start, or Start > End
 * @since 0.1.0
 */
MIPFB_EXTERN mipfb_ssize mipfb_ts_encode(uint8_t *out, size_t cap, const mipfb_ts *ts);

/**
 * @brief Check a selector with the decoder's rules without encoding it.
 * @param[in] ts selector; not NULL
 * @param[out] diag the rule that failed; may be NULL (offset is 0)
 * @retval 0 valid
 * @retval MIPFB_ERR_INVALID_ARG unknown format, flow-label bits in an IPv4 selector, a flow label above 20 bits
 * @retval MIPFB_ERR_BAD_VALUE an End without its Start, or Start > End
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_ts_check(const mipfb_ts *ts, mipfb_diag *diag);

#ifdef __cplusplus
}
#endif

#endif /* MIPFB_TS_H */
