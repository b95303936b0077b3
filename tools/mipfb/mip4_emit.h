/*
 * A decoded MIPv4 message as the JSON object of cli.md.
 */
#ifndef MIPFB_TOOL_MIP4_EMIT_H
#define MIPFB_TOOL_MIP4_EMIT_H

#include <jansson.h>

#include <mipfb/mip4.h>

/** {"proto":"mip4","msg":...}; the "ext" array follows m->ext. NULL when out of memory. */
json_t *mip4_emit(const mipfb_mip4_msg *m, const mipfb_codepoints *cp);

#endif /* MIPFB_TOOL_MIP4_EMIT_H */
