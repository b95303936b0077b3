/* Filling a caller's optional mipfb_diag (internal). */
#ifndef MIPFB_CORE_DIAG_H
#define MIPFB_CORE_DIAG_H

#include <mipfb/err.h>

/* Record a fault (if the caller asked) and return the error code. */
static inline int mipfb_fail(mipfb_diag *d, int err, size_t off, const char *detail) {
  if (d != NULL) {
    d->err = err;
    d->offset = off;
    d->detail = detail;
  }
  return err;
}

#endif /* MIPFB_CORE_DIAG_H */
