/* Table-driven JSON <-> C struct fields. */
#include "fields.h"

#include <arpa/inet.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mipfb/types.h>

#include "hex.h"

int json_put(json_t *obj, const char *key, json_t *v) {
  if (v == NULL) {
    return -1;
  }
  return json_object_set_new(obj, key, v);
}

json_t *json_hex(const uint8_t *p, size_t len) {
  char *s = malloc(2 * len + 1);
  json_t *j;
  if (s == NULL) {
    return NULL;
  }
  hex_format(s, p, len);
  j = json_stringn(s, 2 * len);
  free(s);
  return j;
}

json_t *json_octets(const uint8_t *p, size_t len) {
  json_t *j = json_stringn((const char *)p, len);
  char *s;
  size_t i;
  size_t n = 0;
  if (j != NULL || (len > 0 && p == NULL)) {
    return j;
  }
  /* not UTF-8: keep ASCII, replace every other octet with U+FFFD */
  s = malloc(3 * len + 1);
  if (s == NULL) {
    return NULL;
  }
  for (i = 0; i < len; i++) {
    if (p[i] < 0x80) {
      s[n++] = (char)p[i];
    } else {
      memcpy(s + n, "\xef\xbf\xbd", 3);
      n += 3;
    }
  }
  j = json_stringn(s, n);
  free(s);
  return j;
}

static json_t *addr_text(int af, const void *a) {
  char buf[INET6_ADDRSTRLEN];
  if (inet_ntop(af, a, buf, sizeof buf) == NULL) {
    return NULL;
  }
  return json_string(buf);
}

json_t *field_value(const void *base, size_t off, fkind kind) {
  const uint8_t *p = (const uint8_t *)base + off;
  uint16_t u16;
  uint32_t u32;
  uint64_t u64;
  mipfb_vec vec;
  char buf[24];
  switch (kind) {
  case FK_U8:
  case FK_FLAG:
    return json_integer(*p);
  case FK_U16:
    memcpy(&u16, p, sizeof u16);
    return json_integer(u16);
  case FK_U32:
    memcpy(&u32, p, sizeof u32);
    return json_integer(u32);
  case FK_IP4H:
    memcpy(&u32, p, sizeof u32);
    u32 = htonl(u32);
    return addr_text(AF_INET, &u32);
  case FK_ADDR4:
    return addr_text(AF_INET, p);
  case FK_ADDR6:
    return addr_text(AF_INET6, p);
  case FK_ADDR:
    return addr_text(p[0] == MIPFB_AF_INET4 ? AF_INET : AF_INET6, p + offsetof(mipfb_addr, bytes));
  case FK_ID64:
    memcpy(&u64, p, sizeof u64);
    snprintf(buf, sizeof buf, "%016" PRIx64, u64);
    return json_string(buf);
  case FK_HEXVEC:
    memcpy(&vec, p, sizeof vec);
    return json_hex(vec.base, vec.len);
  case FK_STRVEC:
    memcpy(&vec, p, sizeof vec);
    return json_octets(vec.base, vec.len);
  default:
    return NULL;
  }
}

/* Largest value of each numeric kind. */
static json_int_t kind_max(fkind kind) {
  switch (kind) {
  case FK_FLAG:
    return 1;
  case FK_U8:
    return UINT8_MAX;
  case FK_U16:
    return UINT16_MAX;
  default:
    return UINT32_MAX;
  }
}

static int store_number(pctx *c, uint8_t *p, fkind kind, const char *name, const json_t *v) {
  json_int_t x;
  uint8_t u8;
  uint16_t u16;
  uint32_t u32;
  if (!json_is_integer(v)) {
    return pctx_fail(c, "\"%s\": expected an integer", name);
  }
  x = json_integer_value(v);
  if (x < 0 || x > kind_max(kind)) {
    return pctx_fail(c, "\"%s\": %" JSON_INTEGER_FORMAT " is out of range 0..%" JSON_INTEGER_FORMAT, name, x,
                     kind_max(kind));
  }
  if (kind == FK_U16) {
    u16 = (uint16_t)x;
    memcpy(p, &u16, sizeof u16);
  } else if (kind == FK_U32) {
    u32 = (uint32_t)x;
    memcpy(p, &u32, sizeof u32);
  } else {
    u8 = (uint8_t)x;
    *p = u8;
  }
  return 0;
}

static int store_addr(pctx *c, uint8_t *p, fkind kind, const char *name, const char *s) {
  uint32_t u32;
  mipfb_addr a;
  if (kind == FK_ADDR) {
    memset(&a, 0, sizeof a);
    if (inet_pton(AF_INET, s, a.bytes) == 1) {
      a.family = MIPFB_AF_INET4;
    } else if (inet_pton(AF_INET6, s, a.bytes) == 1) {
      a.family = MIPFB_AF_INET6;
    } else {
      return pctx_fail(c, "\"%s\": \"%s\" is not an IP address", name, s);
    }
    memcpy(p, &a, sizeof a);
    return 0;
  }
  if (kind == FK_ADDR6) {
    return inet_pton(AF_INET6, s, p) == 1 ? 0 : pctx_fail(c, "\"%s\": \"%s\" is not an IPv6 address", name, s);
  }
  if (inet_pton(AF_INET, s, &u32) != 1) {
    return pctx_fail(c, "\"%s\": \"%s\" is not an IPv4 address", name, s);
  }
  if (kind == FK_IP4H) {
    u32 = ntohl(u32);
  }
  memcpy(p, &u32, sizeof u32);
  return 0;
}

static int store_id(pctx *c, uint8_t *p, const char *name, const char *s) {
  uint64_t id = 0;
  size_t i;
  size_t n = strlen(s);
  if (n == 0 || n > 16) {
    return pctx_fail(c, "\"%s\": expected 16 hex digits", name);
  }
  for (i = 0; i < n; i++) {
    int d = hex_digit(s[i]);
    if (d < 0) {
      return pctx_fail(c, "\"%s\": \"%s\" is not hexadecimal", name, s);
    }
    id = id << 4 | (uint64_t)d;
  }
  memcpy(p, &id, sizeof id);
  return 0;
}

static int store_vec(pctx *c, uint8_t *p, fkind kind, const char *name, const json_t *v) {
  mipfb_vec vec;
  const char *s = json_string_value(v);
  size_t n = json_string_length(v);
  if (kind == FK_STRVEC) {
    vec.base = (const uint8_t *)s; /* lives as long as the JSON object */
    vec.len = n;
  } else {
    uint8_t *buf = hex_alloc(s, n, &vec.len);
    if (buf == NULL) {
      return pctx_fail(c, "\"%s\": not a hex octet string", name);
    }
    if (pctx_adopt(c, buf) != 0) {
      return -1;
    }
    vec.base = buf;
  }
  memcpy(p, &vec, sizeof vec);
  return 0;
}

int field_store(pctx *c, void *base, size_t off, fkind kind, const char *name, const json_t *v) {
  uint8_t *p = (uint8_t *)base + off;
  switch (kind) {
  case FK_U8:
  case FK_FLAG:
  case FK_U16:
  case FK_U32:
    return store_number(c, p, kind, name, v);
  default:
    break;
  }
  if (!json_is_string(v)) {
    return pctx_fail(c, "\"%s\": expected a string", name);
  }
  switch (kind) {
  case FK_ID64:
    return store_id(c, p, name, json_string_value(v));
  case FK_HEXVEC:
  case FK_STRVEC:
    return store_vec(c, p, kind, name, v);
  default:
    return store_addr(c, p, kind, name, json_string_value(v));
  }
}

int fields_emit(json_t *obj, const void *base, const field *f, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) {
    if (f[i].kind == FK_ADDR && ((const uint8_t *)base)[f[i].off + offsetof(mipfb_addr, family)] == 0) {
      continue; /* an address that is not there */
    }
    if (json_put(obj, f[i].name, field_value(base, f[i].off, f[i].kind)) != 0) {
      return -1;
    }
  }
  return 0;
}

int fields_parse(pctx *c, const json_t *obj, void *base, const field *f, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) {
    const json_t *v = json_object_get(obj, f[i].name);
    if (v == NULL) {
      if (f[i].flags & FF_OPTIONAL) {
        continue;
      }
      return pctx_fail(c, "missing field \"%s\"", f[i].name);
    }
    if (field_store(c, base, f[i].off, f[i].kind, f[i].name, v) != 0) {
      return -1;
    }
  }
  return 0;
}

int field_check_int(pctx *c, const json_t *o, const char *key, int want, const char *what) {
  const json_t *v = json_object_get(o, key);
  if (v == NULL) {
    return 0;
  }
  if (!json_is_integer(v) || json_integer_value(v) != want) {
    return pctx_fail(c, "%s: \"%s\" must be %d", what, key, want);
  }
  return 0;
}

const void *table_find_key(const void *tab, size_t n, size_t stride, size_t off, const void *key, size_t len) {
  const unsigned char *p = tab;
  size_t i;
  for (i = 0; i < n; i++, p += stride) {
    if (memcmp(p + off, key, len) == 0) {
      return p;
    }
  }
  return NULL;
}

const void *table_find_name(const void *tab, size_t n, size_t stride, const char *name) {
  const unsigned char *p = tab;
  size_t i;
  for (i = 0; name != NULL && i < n; i++, p += stride) {
    const char *s;
    memcpy(&s, p, sizeof s);
    if (strcmp(s, name) == 0) {
      return p;
    }
  }
  return NULL;
}

json_t *flags_emit(unsigned word, const flag_bit *t, size_t n) {
  json_t *o = json_object();
  size_t i;
  for (i = 0; o != NULL && i < n; i++) {
    if (json_put(o, t[i].name, json_integer((word & t[i].mask) != 0)) != 0) {
      json_decref(o);
      o = NULL;
    }
  }
  return o;
}

int flags_parse(pctx *c, json_t *obj, const char *what, unsigned *word, const flag_bit *t, size_t n) {
  const char *key;
  json_t *v;
  *word = 0;
  if (!json_is_object(obj)) {
    return pctx_fail(c, "\"%s\": expected an object", what);
  }
  json_object_foreach(obj, key, v) {
    size_t i;
    uint8_t bit;
    for (i = 0; i < n && strcmp(t[i].name, key) != 0; i++) {
    }
    if (i == n) {
      return pctx_fail(c, "\"%s\": unknown flag \"%s\"", what, key);
    }
    if (field_store(c, &bit, 0, FK_FLAG, key, v) != 0) {
      return -1;
    }
    *word |= bit ? t[i].mask : 0u;
  }
  return 0;
}
