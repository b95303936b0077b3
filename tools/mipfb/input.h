/*
 * Reading raw input: a whole file or stdin ("-").
 */
#ifndef MIPFB_TOOL_INPUT_H
#define MIPFB_TOOL_INPUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/** Open @p path for reading ("-" is stdin); NULL with a message on stderr. */
FILE *input_open(const char *path);

/** Close what input_open returned (not stdin). */
void input_close(FILE *f);

/** Read all of @p path into a malloc'd buffer; NULL with a message on stderr. */
uint8_t *input_slurp(const char *path, size_t *len);

#endif /* MIPFB_TOOL_INPUT_H */
