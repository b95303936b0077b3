/*
 * Table-driven JSON <-> C struct fields: one descriptor per JSON key names
 * the member (by offset) and how its value is written in JSON.
 */
#ifndef MIPFB_TOOL_FIELDS_H
#define MIPFB_TOOL_FIELDS_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "pctx.h"

/** How a member is represented. */
typedef enum fkind {
  FK_U8,     /**< uint8_t, JSON number 0..255 */
  FK_FLAG,   /**< uint8_t, JSON number 0 or 1 */
  FK_U16,    /**< uint16_t, JSON number */
  FK_U32,    /**< uint32_t, JSON number */
  FK_IP4H,   /**< uint32_t IPv4 address in host order, dotted quad */
  FK_ADDR4,  /**< uint8_t[4] IPv4 address in network order, dotted quad */
  FK_ADDR6,  /**< uint8_t[16] IPv6 address, RFC 5952 text */
  FK_ADDR,   /**< mipfb_addr of either family, text form; family 0 (unset) is left out of the object */
  FK_ID64,   /**< uint64_t, 16 lowercase hex digits */
  FK_HEXVEC, /**< mipfb_vec, lowercase hex string */
  FK_STRVEC  /**< mipfb_vec, JSON string (the octets of its UTF-8) */
} fkind;

/** Field is optional on input (absent: member left zero). */
#define FF_OPTIONAL 0x01u

/** One JSON key of an object. */
typedef struct field {
  const char *name; /**< JSON key */
  size_t off;       /**< member offset in the struct */
  fkind kind;       /**< representation */
  unsigned flags;   /**< FF_* */
} field;

/** JSON value of the member at @p base + @p off; NULL when out of memory. */
json_t *field_value(const void *base, size_t off, fkind kind);

/** Store JSON value @p v (of key @p name, for errors) into the member; 0 or -1 (error in @p c). */
int field_store(pctx *c, void *base, size_t off, fkind kind, const char *name, const json_t *v);

/** Append every field of the table to @p obj; 0 or -1 (out of memory). */
int fields_emit(json_t *obj, const void *base, const field *f, size_t n);

/** Read every field of the table from @p obj (missing required ones fail); 0 or -1. */
int fields_parse(pctx *c, const json_t *obj, void *base, const field *f, size_t n);

/** Fails (error in @p c) unless the optional @p key of @p o is absent or the integer @p want; @p what names the object. */
int field_check_int(pctx *c, const json_t *o, const char *key, int want, const char *what);

/** Entry of a table (@p n entries of @p stride octets) whose member at @p off equals @p len octets at @p key. */
const void *table_find_key(const void *tab, size_t n, size_t stride, size_t off, const void *key, size_t len);

/** Entry of a table whose first member, a string, equals @p name (NULL never matches). */
const void *table_find_name(const void *tab, size_t n, size_t stride, const char *name);

/** One bit of a flags word, by its JSON key. */
typedef struct flag_bit {
  const char *name; /**< JSON key */
  unsigned mask;    /**< bit in the word */
} flag_bit;

/** {"NAME": 0|1, ...} for every bit of the table, in table order; NULL when out of memory. */
json_t *flags_emit(unsigned word, const flag_bit *t, size_t n);

/**
 * Read a flags object (@p what names it in errors): keys from the table
 * only, values 0 or 1, missing keys 0. @return 0 or -1.
 */
int flags_parse(pctx *c, json_t *obj, const char *what, unsigned *word, const flag_bit *t, size_t n);

/** Lowercase hex string of octets; NULL when out of memory. */
json_t *json_hex(const uint8_t *p, size_t len);

/** A JSON string of octets that should be UTF-8 (octets that are not become U+FFFD). */
json_t *json_octets(const uint8_t *p, size_t len);

/** Add @p v under @p key, taking the reference; -1 when @p v is NULL or on failure. */
int json_put(json_t *obj, const char *key, json_t *v);

/** Number of elements in a table. */
#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

#endif /* MIPFB_TOOL_FIELDS_H */
