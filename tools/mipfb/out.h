/*
 * Output of JSON Lines: one compact object per line, keys in insertion
 * order, and the error object of cli.md.
 */
#ifndef MIPFB_TOOL_OUT_H
#define MIPFB_TOOL_OUT_H

#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

#include <mipfb/err.h>

/** {"error": NAME, "detail": DETAIL, "offset": OFFSET}; NULL when out of memory. */
json_t *out_error(const char *name, const char *detail, size_t offset);

/** out_error for a library failure: mipfb_err_name(code), the diag's detail and offset. */
json_t *out_lib_error(int code, const mipfb_diag *diag);

/** Print @p o on one line of @p f and release it; -1 when @p o is NULL or printing failed. */
int out_line(FILE *f, json_t *o);

#endif /* MIPFB_TOOL_OUT_H */
