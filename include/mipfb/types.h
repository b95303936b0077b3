/**
 * @file types.h
 * @brief Basic types shared by every libmipfb header: export macro, byte
 *        views, addresses and signed sizes.
 *
 * No operating-system header is included by any public libmipfb header.
 */
#ifndef MIPFB_TYPES_H
#define MIPFB_TYPES_H

#include <stddef.h>
#include <stdint.h>

/**
 * @def MIPFB_EXTERN
 * @brief Marks a function exported from the shared library.
 *
 * Empty when @c MIPFB_STATICLIB is defined (static linking), default
 * visibility while building the library (@c BUILDING_MIPFB, compiled with
 * -fvisibility=hidden), dllexport/dllimport on Windows.
 */
#if defined(MIPFB_STATICLIB)
#define MIPFB_EXTERN
#elif defined(_WIN32)
#ifdef BUILDING_MIPFB
#define MIPFB_EXTERN __declspec(dllexport)
#else
#define MIPFB_EXTERN __declspec(dllimport)
#endif
#elif defined(BUILDING_MIPFB) && defined(__GNUC__)
#define MIPFB_EXTERN __attribute__((visibility("default")))
#else
#define MIPFB_EXTERN
#endif

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief Signed byte count: a length on success, a negative
 *        @ref mipfb_error on failure. Never @c ssize_t (not in C99).
 * @since 0.1.0
 */
typedef ptrdiff_t mipfb_ssize;

/**
 * @brief A read-only view of bytes owned by someone else.
 *
 * Decoders return views into the caller's input buffer: a view is valid for
 * as long as that buffer is, and no longer.
 * @since 0.1.0
 */
typedef struct mipfb_vec {
  const uint8_t *base; /**< first byte; may be NULL when @c len is 0 */
  size_t len;          /**< number of bytes */
} mipfb_vec;

/** @brief Address family value for an IPv4 @ref mipfb_addr. @since 0.1.0 */
#define MIPFB_AF_INET4 4
/** @brief Address family value for an IPv6 @ref mipfb_addr. @since 0.1.0 */
#define MIPFB_AF_INET6 6

/**
 * @brief An IPv4 or IPv6 address in network byte order, independent of OS
 *        headers.
 *
 * For @ref MIPFB_AF_INET4 only @c bytes[0..3] are meaningful; the rest is 0.
 * @since 0.1.0
 */
typedef struct mipfb_addr {
  uint8_t family;    /**< @ref MIPFB_AF_INET4 or @ref MIPFB_AF_INET6 (0 = unset) */
  uint8_t bytes[16]; /**< address octets, network order */
} mipfb_addr;

#ifdef __cplusplus
}
#endif

#endif /* MIPFB_TYPES_H */
