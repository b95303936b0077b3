/**
 * @file err.h
 * @brief Library error codes and decoder diagnostics.
 *
 * Library errors are negative integers. Codes at or below
 * @ref MIPFB_ERR_FATAL are fatal: the context that returned one must be
 * re-initialised. Wire status values (MIPv4 reply codes, Binding
 * Acknowledgement status) are a separate space and never mixed with these.
 */
#ifndef MIPFB_ERR_H
#define MIPFB_ERR_H

#include <mipfb/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief Error codes returned by libmipfb functions (always negative).
 * @since 0.1.0
 */
typedef enum mipfb_error {
  /** An argument is NULL where it must not be, or out of its documented range. */
  MIPFB_ERR_INVALID_ARG = -201,
  /** The input ends before a fixed field or a declared length. */
  MIPFB_ERR_TRUNCATED = -202,
  /** A length field holds a value the specification forbids. */
  MIPFB_ERR_BAD_LENGTH = -203,
  /** A field holds a forbidden value or combination of values. */
  MIPFB_ERR_BAD_VALUE = -204,
  /** Something allowed at most once appears more than once. */
  MIPFB_ERR_DUPLICATE = -205,
  /** A MIPv4 extension of the non-skippable range (0-127) that is not known. */
  MIPFB_ERR_UNKNOWN_NONSKIPPABLE = -206,
  /** An extension or option is out of its required place. */
  MIPFB_ERR_BAD_ORDER = -207,
  /** A checksum does not verify. */
  MIPFB_ERR_BAD_CHECKSUM = -208,
  /** An authenticator does not verify (or the authenticator length is wrong for the algorithm). */
  MIPFB_ERR_AUTH = -209,
  /** A valid value that this library does not implement. */
  MIPFB_ERR_UNSUPPORTED = -210,
  /** The output buffer or caller array is too small. */
  MIPFB_ERR_NOBUF = -211,
  /** End of iteration (not a failure). */
  MIPFB_ERR_EOF = -212,
  /** The call is not allowed in the object's current state. */
  MIPFB_ERR_INVALID_STATE = -213,
  /** A fixed-capacity table is full. */
  MIPFB_ERR_TABLE_FULL = -214,
  /** The caller was compiled against a different structure layout. */
  MIPFB_ERR_ABI = -215,
  /** A looked-up entry does not exist. */
  MIPFB_ERR_NOT_FOUND = -216,
  /** A host hook reported failure; the agent undid the request that needed it (see agent.h). */
  MIPFB_ERR_HOOK = -217,
  /** A state image (export / import) is truncated, corrupted or of another version. */
  MIPFB_ERR_BAD_IMAGE = -218,
  /** Threshold: codes at or below this one are fatal. */
  MIPFB_ERR_FATAL = -500,
  /** A host callback reported failure. */
  MIPFB_ERR_CALLBACK_FAILURE = -501,
  /** An internal invariant does not hold (a bug in libmipfb). */
  MIPFB_ERR_INTERNAL = -502
} mipfb_error;

/**
 * @brief Where and why a decoder rejected its input.
 *
 * Decoders take an optional @c mipfb_diag pointer (may be NULL). On failure
 * they fill it; on success they leave it untouched.
 * @since 0.1.0
 */
typedef struct mipfb_diag {
  int err;            /**< the @ref mipfb_error returned */
  size_t offset;      /**< octet offset from the start of the message where the fault was found */
  const char *detail; /**< static text naming the field and the rule (never NULL when filled) */
} mipfb_diag;

/**
 * @brief Human-readable description of an error code.
 * @param[in] err any integer
 * @return a static string; "unknown error" for values that are not codes.
 * @since 0.1.0
 */
MIPFB_EXTERN const char *mipfb_strerror(int err);

/**
 * @brief Short stable name of an error code, as used in the `mipfb` tool's
 *        JSON (`truncated`, `bad_length`, `bad_value`, `duplicate`,
 *        `unknown_nonskippable`, `bad_order`, `bad_checksum`, `auth_failed`,
 *        `unsupported`, …).
 * @param[in] err any integer
 * @return a static string; "unknown" for values that are not codes.
 * @since 0.1.0
 */
MIPFB_EXTERN const char *mipfb_err_name(int err);

/**
 * @brief Whether an error code is fatal for the context that returned it.
 * @param[in] err an error code
 * @retval 1 @p err is at or below @ref MIPFB_ERR_FATAL
 * @retval 0 otherwise
 * @since 0.1.0
 */
MIPFB_EXTERN int mipfb_err_is_fatal(int err);

#ifdef __cplusplus
}
#endif

#endif /* MIPFB_ERR_H */
