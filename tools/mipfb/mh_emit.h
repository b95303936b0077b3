/* Decoded Mobility Header -> JSON (cli.md "Mobility Header"). */
#ifndef MIPFB_TOOL_MH_EMIT_H
#define MIPFB_TOOL_MH_EMIT_H

#include <jansson.h>

#include <mipfb/mh.h>

/**
 * The object of a decoded message; @p in is the Mobility Header it was
 * decoded from (options without a name of their own are shown from it as
 * "unknown"). NULL when out of memory.
 */
json_t *mh_emit(const mipfb_mh_msg *m, const uint8_t *in, const mipfb_codepoints *cp);

/** The "unknown" object of a Mobility Header of @p total octets whose MH Type the library does not decode. */
json_t *mh_emit_unknown(const uint8_t *in, size_t total);

#endif /* MIPFB_TOOL_MH_EMIT_H */
