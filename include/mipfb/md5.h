/**
 * @file md5.h
 * @brief MD5 (RFC 1321) and HMAC-MD5 (RFC 2104), the mandatory MIPv4
 *        Mobile-Home authentication algorithm (RFC 5944 section 3.5.1).
 *
 * Pure computation over caller memory: no allocation, no global state.
 * @ref mipfb_hmac_md5_key holds the compression state after the inner and
 * outer pad blocks, computed once per key, so each MAC costs only the
 * message blocks plus two finalisations.
 */
#ifndef MIPFB_MD5_H
#define MIPFB_MD5_H

#include <mipfb/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Octets in an MD5 digest and an HMAC-MD5 authenticator. @since 0.1.0 */
#define MIPFB_MD5_LEN 16

/**
 * @brief Incremental MD5 state. Fields are private.
 * @since 0.1.0
 */
typedef struct mipfb_md5 {
  uint32_t h[4];   /**< private: chaining value */
  uint64_t nbytes; /**< private: bytes absorbed so far */
  uint8_t buf[64]; /**< private: partial block */
} mipfb_md5;

/**
 * @brief Start an MD5 computation.
 * @param[out] ctx state to initialise; not NULL
 * @since 0.1.0
 */
MIPFB_EXTERN void mipfb_md5_init(mipfb_md5 *ctx);

/**
 * @brief Absorb bytes.
 * @param[in,out] ctx state from @ref mipfb_md5_init; not NULL
 * @param[in] data bytes; may be NULL only when @p len is 0
 * @param[in] len number of bytes
 * @since 0.1.0
 */
MIPFB_EXTERN void mipfb_md5_update(mipfb_md5 *ctx, const void *data, size_t len);

/**
 * @brief Finish and write the digest. @p ctx must be re-initialised before reuse.
 * @param[in,out] ctx state; not NULL
 * @param[out] out 16 octets; not NULL
 * @since 0.1.0
 */
MIPFB_EXTERN void mipfb_md5_final(mipfb_md5 *ctx, uint8_t out[MIPFB_MD5_LEN]);

/**
 * @brief A precomputed HMAC-MD5 key: MD5 states after the ipad and opad
 *        blocks. Fields are private. Holds key material: wipe it when done.
 * @since 0.1.0
 */
typedef struct mipfb_hmac_md5_key {
  uint32_t ih[4]; /**< private: state after K xor ipad */
  uint32_t oh[4]; /**< private: state after K xor opad */
} mipfb_hmac_md5_key;

/**
 * @brief Precompute the pad states of a key (keys longer than 64 octets
 *        are hashed first, as RFC 2104 says).
 * @param[out] key state to fill; not NULL
 * @param[in] secret key bytes; may be NULL only when @p len is 0
 * @param[in] len key length in octets (any; MIPv4 uses 16)
 * @since 0.1.0
 */
MIPFB_EXTERN void mipfb_hmac_md5_key_init(mipfb_hmac_md5_key *key, const uint8_t *secret, size_t len);

/**
 * @brief Incremental HMAC-MD5 computation. Fields are private.
 * @since 0.1.0
 */
typedef struct mipfb_hmac_md5_ctx {
  mipfb_md5 inner;                /**< private: inner hash */
  const mipfb_hmac_md5_key *key;  /**< private: borrowed key, must outlive the computation */
} mipfb_hmac_md5_ctx;

/**
 * @brief Start a MAC computation with a precomputed key.
 * @param[out] ctx state; not NULL
 * @param[in] key precomputed key; not NULL; borrowed until @ref mipfb_hmac_md5_final
 * @since 0.1.0
 */
MIPFB_EXTERN void mipfb_hmac_md5_start(mipfb_hmac_md5_ctx *ctx, const mipfb_hmac_md5_key *key);

/**
 * @brief Absorb message bytes.
 * @param[in,out] ctx state; not NULL
 * @param[in] data bytes; may be NULL only when @p len is 0
 * @param[in] len number of bytes
 * @since 0.1.0
 */
MIPFB_EXTERN void mipfb_hmac_md5_update(mipfb_hmac_md5_ctx *ctx, const void *data, size_t len);

/**
 * @brief Finish and write the 16-octet MAC.
 * @param[in,out] ctx state; not NULL
 * @param[out] out 16 octets; not NULL
 * @since 0.1.0
 */
MIPFB_EXTERN void mipfb_hmac_md5_final(mipfb_hmac_md5_ctx *ctx, uint8_t out[MIPFB_MD5_LEN]);

/**
 * @brief One-shot HMAC-MD5 of a buffer.
 * @param[in] key precomputed key; not NULL
 * @param[in] data message; may be NULL only when @p len is 0
 * @param[in] len message length
 * @param[out] out 16 octets; not NULL
 * @since 0.1.0
 */
MIPFB_EXTERN void mipfb_hmac_md5(const mipfb_hmac_md5_key *key, const void *data, size_t len,
                                 uint8_t out[MIPFB_MD5_LEN]);

/**
 * @brief Compare two MACs in time independent of their contents.
 * @param[in] a 16 octets; not NULL
 * @param[in] b 16 octets; not NULL
 * @retval 0 equal
 * @retval MIPFB_ERR_AUTH different
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_mac_equal(const uint8_t a[MIPFB_MD5_LEN], const uint8_t b[MIPFB_MD5_LEN]);

#ifdef __cplusplus
}
#endif

#endif /* MIPFB_MD5_H */
