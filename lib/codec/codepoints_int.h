/* The code-point table a codec uses when the caller passes none (internal). */
#ifndef MIPFB_CODEC_CODEPOINTS_INT_H
#define MIPFB_CODEC_CODEPOINTS_INT_H

#include <mipfb/codepoints.h>

/* cp itself, or the read-only RFC-profile defaults when cp is NULL (no copy). */
const mipfb_codepoints *mipfb_cp_or_default(const mipfb_codepoints *cp);

#endif /* MIPFB_CODEC_CODEPOINTS_INT_H */
