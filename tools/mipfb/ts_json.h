/*
 * RFC 6088 traffic selector <-> JSON object (cli.md "Traffic selector
 * object"): only the fields present on the wire appear.
 */
#ifndef MIPFB_TOOL_TS_JSON_H
#define MIPFB_TOOL_TS_JSON_H

#include <jansson.h>

#include <mipfb/ts.h>

#include "pctx.h"

/** The "ts" object of a decoded selector; NULL when out of memory. */
json_t *ts_emit(const mipfb_ts *ts);

/**
 * Fill @p ts (format @p format) from a "ts" object: keys of that format
 * only; each present key sets its presence bit. @return 0 or -1.
 */
int ts_parse(pctx *c, json_t *obj, uint8_t format, mipfb_ts *ts);

#endif /* MIPFB_TOOL_TS_JSON_H */
