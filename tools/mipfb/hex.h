/*
 * Hexadecimal octet strings (lowercase on output).
 */
#ifndef MIPFB_TOOL_HEX_H
#define MIPFB_TOOL_HEX_H

#include <stddef.h>
#include <stdint.h>

/** Value of one hex digit, or -1. */
int hex_digit(char c);

/**
 * Decode hex digits (white space and ':' between octets ignored) into
 * @p out. With @p out NULL only counts.
 * @return octets, or -1 for a bad digit, an odd digit count or too little room.
 */
long hex_decode(const char *s, size_t slen, uint8_t *out, size_t cap);

/** Write 2*len lowercase digits and a terminator to @p out (2*len+1 chars). */
void hex_format(char *out, const uint8_t *in, size_t len);

/** Decode hex into a fresh malloc'd buffer; NULL on bad hex or no memory. */
uint8_t *hex_alloc(const char *s, size_t slen, size_t *len);

#endif /* MIPFB_TOOL_HEX_H */
