/*
 * Reader for tests/vectors/NAME.vec. Grammar (tests/vectors/README.md):
 *
 *   # comment                     (also after whitespace at the end of a line)
 *   vector <name>
 *   codec mip4 | ts
 *   profile rfc | draft           optional, default rfc
 *   format <n>                    ts: required
 *   key <spi>:<hex>               mip4 only, optional
 *   src <32 hex> / dst <32 hex>   mh only, optional: addresses for the checksum
 *   hex <hex digits>              repeatable, spaces ignored; none = empty input
 *   expect ok | <error> [offset N]
 *   end
 *
 * Strict C99, stdio/stdlib/string only.
 */
#include "vecfile.h"

#include <stdlib.h>
#include <string.h>

static int is_space(int c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

static int hex_val(int c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

long vec_parse_hex(const char *s, unsigned char *out, size_t cap) {
  size_t n = 0;
  int hi = -1;
  for (; *s != '\0'; s++) {
    int d;
    if (is_space((unsigned char)*s)) {
      continue;
    }
    d = hex_val((unsigned char)*s);
    if (d < 0) {
      return -1;
    }
    if (hi < 0) {
      hi = d;
    } else {
      if (n >= cap) {
        return -1;
      }
      out[n++] = (unsigned char)((hi << 4) | d);
      hi = -1;
    }
  }
  return hi >= 0 ? -1 : (long)n;
}

/* Octets that the hex digits of s make, or -1 when malformed. */
static long hex_count(const char *s) {
  long digits = 0;
  for (; *s != '\0'; s++) {
    if (is_space((unsigned char)*s)) {
      continue;
    }
    if (hex_val((unsigned char)*s) < 0) {
      return -1;
    }
    digits++;
  }
  return (digits % 2) != 0 ? -1 : digits / 2;
}

/* Parse a decimal unsigned number that is the whole of s. */
static int parse_ulong(const char *s, unsigned long *out) {
  char *end;
  if (*s < '0' || *s > '9') {
    return -1;
  }
  *out = strtoul(s, &end, 10);
  return *end == '\0' ? 0 : -1;
}

void vec_entry_init(vec_entry *v) { memset(v, 0, sizeof *v); }

void vec_entry_free(vec_entry *v) {
  free(v->bytes);
  vec_entry_init(v);
}

int vecfile_open(vecfile *vf, const char *path) {
  memset(vf, 0, sizeof *vf);
  vf->path = path;
  vf->fp = fopen(path, "r");
  if (vf->fp == NULL) {
    strcpy(vf->err, "cannot open file");
    return -1;
  }
  return 0;
}

void vecfile_close(vecfile *vf) {
  if (vf->fp != NULL) {
    fclose(vf->fp);
  }
  free(vf->buf);
  vf->fp = NULL;
  vf->buf = NULL;
  vf->buf_cap = 0;
}

/* Read one whole line into vf->buf (newline removed). 1, 0 at EOF, -1 on error. */
static int read_line(vecfile *vf) {
  size_t used = 0;
  if (vf->buf == NULL) {
    vf->buf_cap = 256;
    vf->buf = (char *)malloc(vf->buf_cap);
    if (vf->buf == NULL) {
      return -1;
    }
  }
  for (;;) {
    size_t got;
    if (fgets(vf->buf + used, (int)(vf->buf_cap - used), vf->fp) == NULL) {
      if (used == 0) {
        return ferror(vf->fp) ? -1 : 0;
      }
      break;
    }
    got = strlen(vf->buf + used);
    used += got;
    if (used > 0 && vf->buf[used - 1] == '\n') {
      break;
    }
    if (used + 1 >= vf->buf_cap) {
      char *nb = (char *)realloc(vf->buf, vf->buf_cap * 2);
      if (nb == NULL) {
        return -1;
      }
      vf->buf = nb;
      vf->buf_cap *= 2;
    }
  }
  vf->lineno++;
  while (used > 0 && is_space((unsigned char)vf->buf[used - 1])) {
    vf->buf[--used] = '\0';
  }
  return 1;
}

/* Cut a trailing " # comment" and trailing blanks; return the first non-blank. */
static char *clean_line(char *s) {
  size_t i, n;
  while (is_space((unsigned char)*s)) {
    s++;
  }
  if (*s == '#') {
    *s = '\0';
    return s;
  }
  for (i = 1; s[i] != '\0'; i++) {
    if (s[i] == '#' && is_space((unsigned char)s[i - 1])) {
      s[i] = '\0';
      break;
    }
  }
  n = strlen(s);
  while (n > 0 && is_space((unsigned char)s[n - 1])) {
    s[--n] = '\0';
  }
  return s;
}

/* Split "keyword rest": terminate the keyword, return rest (may be ""). */
static char *split_word(char *s) {
  while (*s != '\0' && !is_space((unsigned char)*s)) {
    s++;
  }
  if (*s == '\0') {
    return s;
  }
  *s++ = '\0';
  while (is_space((unsigned char)*s)) {
    s++;
  }
  return s;
}

static int copy_word(char *dst, size_t cap, const char *src) {
  size_t n = strlen(src);
  if (n == 0 || n >= cap) {
    return -1;
  }
  memcpy(dst, src, n + 1);
  return 0;
}

static int add_bytes(vec_entry *v, const char *hex) {
  long n = hex_count(hex);
  size_t need;
  if (n < 0) {
    return -1;
  }
  need = v->len + (size_t)n;
  if (need > v->cap) {
    size_t nc = v->cap == 0 ? 256 : v->cap;
    unsigned char *nb;
    while (nc < need) {
      nc *= 2;
    }
    nb = (unsigned char *)realloc(v->bytes, nc);
    if (nb == NULL) {
      return -1;
    }
    v->bytes = nb;
    v->cap = nc;
  }
  if (vec_parse_hex(hex, v->bytes + v->len, v->cap - v->len) != n) {
    return -1;
  }
  v->len = need;
  return 0;
}

static int parse_key(vec_entry *v, char *arg) {
  char *colon = strchr(arg, ':');
  long n;
  if (colon == NULL) {
    return -1;
  }
  *colon = '\0';
  if (parse_ulong(arg, &v->spi) != 0 || v->spi > 0xFFFFFFFFUL) {
    return -1;
  }
  n = vec_parse_hex(colon + 1, v->key, sizeof v->key);
  if (n < 0) {
    return -1;
  }
  v->key_len = (size_t)n;
  v->has_key = 1;
  return 0;
}

static int parse_expect(vec_entry *v, char *arg) {
  char *rest = split_word(arg);
  if (copy_word(v->expect, sizeof v->expect, arg) != 0) {
    return -1;
  }
  if (*rest == '\0') {
    return 0;
  }
  if (strcmp(v->expect, "ok") == 0) {
    return -1;
  }
  {
    char *num = split_word(rest);
    if (strcmp(rest, "offset") != 0 || parse_ulong(num, &v->offset) != 0) {
      return -1;
    }
  }
  v->has_offset = 1;
  return 0;
}

static int set_error(vecfile *vf, const char *what) {
  size_t n = strlen(what);
  if (n >= sizeof vf->err) {
    n = sizeof vf->err - 1;
  }
  memcpy(vf->err, what, n);
  vf->err[n] = '\0';
  vf->err_line = vf->lineno;
  return -1;
}

/* Skip to the line after the next `end` (or EOF) after a parse error. */
static void skip_to_end(vecfile *vf) {
  while (read_line(vf) == 1) {
    char *s = clean_line(vf->buf);
    split_word(s);
    if (strcmp(s, "end") == 0) {
      return;
    }
  }
}

static int check_complete(vecfile *vf, vec_entry *v) {
  if (v->codec[0] == '\0') {
    return set_error(vf, "missing `codec`");
  }
  if (v->expect[0] == '\0') {
    return set_error(vf, "missing `expect`");
  }
  if (strcmp(v->codec, "ts") == 0) {
    if (v->format < 0) {
      return set_error(vf, "codec ts needs `format`");
    }
    if (v->has_key) {
      return set_error(vf, "`key` is for codec mip4 only");
    }
  } else if (strcmp(v->codec, "mip4") == 0 || strcmp(v->codec, "mh") == 0) {
    if (v->format >= 0) {
      return set_error(vf, "`format` is for codec ts only");
    }
    if (v->has_key && strcmp(v->codec, "mh") == 0) {
      return set_error(vf, "`key` is for codec mip4 only");
    }
  } else {
    return set_error(vf, "unknown codec (mip4, mh or ts)");
  }
  if ((v->has_src || v->has_dst) && (strcmp(v->codec, "mh") != 0 || v->has_src != v->has_dst)) {
    return set_error(vf, "`src` and `dst` go together, codec mh only");
  }
  return 0;
}

int vecfile_next(vecfile *vf, vec_entry *v) {
  int in_vector = 0, r;
  const char *file = vf->path;

  vec_entry_free(v);
  v->file = file;
  v->format = -1;
  vf->err[0] = '\0';
  vf->err_line = 0;

  while ((r = read_line(vf)) == 1) {
    char *kw = clean_line(vf->buf);
    char *arg;
    if (*kw == '\0') {
      continue;
    }
    arg = split_word(kw);
    if (!in_vector) {
      if (strcmp(kw, "vector") != 0) {
        set_error(vf, "expected `vector <name>`");
        skip_to_end(vf);
        return -1;
      }
      v->line = vf->lineno;
      if (*arg == '\0') {
        set_error(vf, "`vector` without a name");
        skip_to_end(vf);
        return -1;
      }
      strncpy(v->name, arg, sizeof v->name - 1);
      v->name[sizeof v->name - 1] = '\0';
      in_vector = 1;
      continue;
    }
    if (strcmp(kw, "end") == 0) {
      if (*arg != '\0') {
        return set_error(vf, "junk after `end`");
      }
      return check_complete(vf, v) == 0 ? 1 : -1;
    }
    if (strcmp(kw, "codec") == 0) {
      if (v->codec[0] != '\0' || copy_word(v->codec, sizeof v->codec, arg) != 0) {
        goto bad;
      }
    } else if (strcmp(kw, "profile") == 0) {
      if (strcmp(arg, "rfc") == 0) {
        v->profile = VEC_PROFILE_RFC;
      } else if (strcmp(arg, "draft") == 0) {
        v->profile = VEC_PROFILE_DRAFT;
      } else {
        goto bad;
      }
    } else if (strcmp(kw, "format") == 0) {
      unsigned long f;
      if (v->format >= 0 || parse_ulong(arg, &f) != 0 || f > 255) {
        goto bad;
      }
      v->format = (int)f;
    } else if (strcmp(kw, "key") == 0) {
      if (v->has_key || parse_key(v, arg) != 0) {
        goto bad;
      }
    } else if (strcmp(kw, "src") == 0 || strcmp(kw, "dst") == 0) {
      int is_src = kw[0] == 's';
      if ((is_src ? v->has_src : v->has_dst) || vec_parse_hex(arg, is_src ? v->src : v->dst, 16) != 16) {
        goto bad;
      }
      *(is_src ? &v->has_src : &v->has_dst) = 1;
    } else if (strcmp(kw, "hex") == 0) {
      if (add_bytes(v, arg) != 0) {
        goto bad;
      }
    } else if (strcmp(kw, "expect") == 0) {
      if (v->expect[0] != '\0' || parse_expect(v, arg) != 0) {
        goto bad;
      }
    } else if (strcmp(kw, "vector") == 0) {
      set_error(vf, "`vector` before `end`");
      skip_to_end(vf);
      return -1;
    } else {
      set_error(vf, "unknown keyword");
      skip_to_end(vf);
      return -1;
    }
    continue;
  bad:
    set_error(vf, "malformed or repeated line");
    skip_to_end(vf);
    return -1;
  }
  if (r < 0) {
    return set_error(vf, "read error");
  }
  if (in_vector) {
    return set_error(vf, "end of file inside a vector (missing `end`)");
  }
  return 0;
}
