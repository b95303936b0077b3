/**
 * @file cksum.h
 * @brief The Internet checksum (RFC 1071): the one's-complement sum of
 *        16-bit big-endian words, as the Mobility Header (RFC 6275
 *        6.1.1), UDP and IPv4 headers use it.
 *
 * A checksum is built by adding every covered range (pseudo-header first,
 * then the data) with @ref mipfb_cksum_add and finishing with
 * @ref mipfb_cksum_fold. Pure computation; byte-wise access, so any
 * alignment and either host byte order.
 */
#ifndef MIPFB_CKSUM_H
#define MIPFB_CKSUM_H

#include <mipfb/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief Add @p n octets to a running sum.
 *
 * The octets are taken as big-endian 16-bit words; an odd last octet is
 * padded with a zero octet on the right. The result is folded to at most
 * 17 bits, so calls can be chained without overflow. Ranges other than the
 * last must have even lengths for the words to line up.
 * @param[in] acc running sum (0 to start)
 * @param[in] p octets; may be NULL only when @p n is 0
 * @param[in] n octets at @p p
 * @return the new running sum.
 * @since 0.1.0
 */
MIPFB_EXTERN uint32_t mipfb_cksum_add(uint32_t acc, const uint8_t *p, size_t n);

/**
 * @brief Finish a checksum: fold the carries and take the complement.
 * @param[in] acc running sum from @ref mipfb_cksum_add (numbers may also be
 *            added to it directly, such as a pseudo-header's length and
 *            next header)
 * @return the checksum to store in the packet (big-endian).
 * @since 0.1.0
 */
MIPFB_EXTERN uint16_t mipfb_cksum_fold(uint32_t acc);

#ifdef __cplusplus
}
#endif

#endif /* MIPFB_CKSUM_H */
