/*
 * vectors_run FILE.vec...: runs the codec known-answer vectors.
 *
 * For every vector: decode with the codec it names and compare the result
 * with `expect` (error name and, when given, diag.offset). For `expect ok`
 * also: encoded_len == input length, encode reproduces the input exactly,
 * encode into one octet less gives nobuf, every truncation 0..n-1 gives
 * `truncated` (a MIPv4 message cut at the end of its fixed part or at the
 * start of an extension must decode as the shorter valid message), and for
 * MIPv4 with `key` the MN-HA authenticator verifies and fails with any octet
 * flipped. Mobility Header vectors (`codec mh`) verify the checksum when
 * `src`/`dst` are given and encode with the same addresses. Inputs are copied into buffers of their exact size, so reads past
 * the end show up under ASan and valgrind.
 *
 * Prints one line per failed check ("file:line: name: ...") and finally
 * "N passed, M failed". Exit status 1 when any vector failed or none ran.
 *
 * Strict C99 with stdio/stdlib/string only: cross-built for 32-bit
 * big-endian MIPS and run under qemu-mips by `make check-be`.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mipfb/mipfb.h>

#include "vecfile.h"

#define EXT_CAP 64
#define MAX_FAIL_LINES 8

/* Per-vector state: how many checks failed so far. */
typedef struct run_ctx {
  const vec_entry *v;
  int failures;
  int verbose;
} run_ctx;

#if defined(__GNUC__)
static void fail(run_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#endif

static void fail(run_ctx *c, const char *fmt, ...) {
  va_list ap;
  c->failures++;
  if (c->failures > MAX_FAIL_LINES) {
    return;
  }
  printf("%s:%lu: %s: ", c->v->file, c->v->line, c->v->name);
  if (c->failures == MAX_FAIL_LINES) {
    printf("(further failures of this vector not shown)\n");
    return;
  }
  va_start(ap, fmt);
  vprintf(fmt, ap);
  va_end(ap);
  printf("\n");
}

static const char *res_name(mipfb_ssize r) { return r >= 0 ? "ok" : mipfb_err_name((int)r); }

/* A copy of n octets in a block of exactly n octets (NULL when n is 0). */
static uint8_t *dup_exact(const unsigned char *src, size_t n) {
  uint8_t *p;
  if (n == 0) {
    return NULL;
  }
  p = (uint8_t *)malloc(n);
  if (p == NULL) {
    fputs("vectors_run: out of memory\n", stderr);
    exit(2);
  }
  memcpy(p, src, n);
  return p;
}

/* Compare a decode result with the vector's expectation. 1 when it matches. */
static int check_expect(run_ctx *c, mipfb_ssize r, const mipfb_diag *diag) {
  const vec_entry *v = c->v;
  if (strcmp(v->expect, "ok") == 0) {
    if (r < 0) {
      fail(c, "decode: expected ok, got %s at offset %lu (%s)", res_name(r), (unsigned long)diag->offset,
           diag->detail != NULL ? diag->detail : "no detail");
      return 0;
    }
    if ((size_t)r != v->len) {
      fail(c, "decode: returned %ld, expected the input length %lu", (long)r, (unsigned long)v->len);
      return 0;
    }
    return 1;
  }
  if (r >= 0) {
    fail(c, "decode: expected %s, got ok", v->expect);
    return 0;
  }
  if (strcmp(mipfb_err_name((int)r), v->expect) != 0) {
    fail(c, "decode: expected %s, got %s at offset %lu (%s)", v->expect, res_name(r),
         (unsigned long)diag->offset, diag->detail != NULL ? diag->detail : "no detail");
    return 0;
  }
  if ((mipfb_ssize)diag->err != r) {
    fail(c, "decode: diag.err %d differs from the returned %ld", diag->err, (long)r);
  }
  if (diag->detail == NULL) {
    fail(c, "decode: diag.detail not set on failure");
  }
  if (v->has_offset && diag->offset != v->offset) {
    fail(c, "decode: %s at offset %lu, expected offset %lu (%s)", v->expect, (unsigned long)diag->offset,
         v->offset, diag->detail != NULL ? diag->detail : "no detail");
  }
  return 0;
}

static void reset_diag(mipfb_diag *d) {
  d->err = 0;
  d->offset = (size_t)-1;
  d->detail = NULL;
}

/* Compare an encoder's results with the vector's bytes: `n` from its
   encoded_len, `r` from encoding into exactly v->len octets (output `out`,
   failure in `diag`), `r_short` from encoding into one octet less (done
   first: it may leave a partial message in the same buffer). */
static void check_round_trip(run_ctx *c, const char *codec, const uint8_t *in, const uint8_t *out, mipfb_ssize n,
                             mipfb_ssize r, const mipfb_diag *diag, mipfb_ssize r_short) {
  const vec_entry *v = c->v;
  if (n != (mipfb_ssize)v->len) {
    fail(c, "%s_encoded_len: %ld (%s), expected %lu", codec, (long)n, res_name(n), (unsigned long)v->len);
  }
  if (r != (mipfb_ssize)v->len) {
    fail(c, "%s_encode: %ld (%s), expected %lu (%s)", codec, (long)r, res_name(r), (unsigned long)v->len,
         r < 0 && diag->detail != NULL ? diag->detail : "");
  } else if (memcmp(out, in, v->len) != 0) {
    size_t k = 0;
    while (k < v->len && out[k] == in[k]) {
      k++;
    }
    fail(c, "%s_encode: output differs from the input at offset %lu", codec, (unsigned long)k);
  }
  if (r_short != MIPFB_ERR_NOBUF) {
    fail(c, "%s_encode with cap %lu: %s, expected nobuf", codec, (unsigned long)(v->len - 1), res_name(r_short));
  }
}

/* The code-point table of the vector's profile; 0 (and a failure) if it cannot be made. */
static int vec_codepoints(run_ctx *c, mipfb_codepoints *cp) {
  if (mipfb_codepoints_default(cp, c->v->profile == VEC_PROFILE_DRAFT ? MIPFB_PROFILE_DRAFT : MIPFB_PROFILE_RFC) !=
      0) {
    fail(c, "codepoints_default failed");
    return 0;
  }
  return 1;
}

/* ---------------------------------------------------------------- ts */

static void run_ts(run_ctx *c) {
  const vec_entry *v = c->v;
  uint8_t *in = dup_exact(v->bytes, v->len);
  uint8_t fmt = (uint8_t)v->format;
  mipfb_ts ts;
  mipfb_diag diag;
  mipfb_ssize r;
  size_t cut;

  reset_diag(&diag);
  r = mipfb_ts_decode(&ts, fmt, in, v->len, 0, &diag);
  if (!check_expect(c, r, &diag)) {
    free(in);
    return;
  }

  /* round trip */
  {
    mipfb_ssize n = mipfb_ts_encoded_len(&ts);
    uint8_t *out = (uint8_t *)malloc(v->len + 1);
    if (out == NULL) {
      exit(2);
    }
    if (n != (mipfb_ssize)v->len) {
      fail(c, "ts_encoded_len: %ld (%s), expected %lu", (long)n, res_name(n), (unsigned long)v->len);
    }
    r = mipfb_ts_encode(out, v->len, &ts);
    if (r != (mipfb_ssize)v->len) {
      fail(c, "ts_encode: %ld (%s), expected %lu", (long)r, res_name(r), (unsigned long)v->len);
    } else if (v->len > 0 && memcmp(out, in, v->len) != 0) {
      fail(c, "ts_encode: output differs from the input");
    }
    if (v->len > 0) {
      r = mipfb_ts_encode(out, v->len - 1, &ts);
      if (r != MIPFB_ERR_NOBUF) {
        fail(c, "ts_encode with cap %lu: %s, expected nobuf", (unsigned long)(v->len - 1), res_name(r));
      }
    }
    free(out);
  }

  /* every truncation */
  for (cut = 0; cut < v->len; cut++) {
    uint8_t *p = dup_exact(v->bytes, cut);
    reset_diag(&diag);
    r = mipfb_ts_decode(&ts, fmt, p, cut, 0, &diag);
    if (r != MIPFB_ERR_TRUNCATED) {
      fail(c, "cut to %lu octets: %s, expected truncated", (unsigned long)cut, res_name(r));
    }
    free(p);
  }
  free(in);
}

/* ---------------------------------------------------------------- mip4 */

static void check_auth(run_ctx *c, const uint8_t *in, const mipfb_mip4_msg *msg, const mipfb_codepoints *cp) {
  const vec_entry *v = c->v;
  const mipfb_mip4_ext *a = mipfb_mip4_find(msg, MIPFB_MIP4_EXT_MN_HA_AUTH);
  mipfb_hmac_md5_key key;
  size_t pos, i;
  int r;

  if (a == NULL) {
    fail(c, "key given but no MN-HA authentication extension found");
    return;
  }
  if ((unsigned long)a->u.auth.spi != v->spi) {
    fail(c, "MN-HA SPI is %lu, key line says %lu", (unsigned long)a->u.auth.spi, v->spi);
  }
  mipfb_hmac_md5_key_init(&key, v->key, v->key_len);
  r = mipfb_mip4_auth_verify(in, v->len, a, &key);
  if (r != 0) {
    fail(c, "auth_verify: %s, expected ok", res_name(r));
  }
  if (a->u.auth.authenticator.len == 0 || a->u.auth.authenticator.base < in ||
      a->u.auth.authenticator.base + a->u.auth.authenticator.len > in + v->len) {
    fail(c, "MN-HA authenticator view is not inside the input");
    return;
  }
  pos = (size_t)(a->u.auth.authenticator.base - in);

  /* flip each authenticator octet in a copy: must no longer verify */
  for (i = 0; i < a->u.auth.authenticator.len; i++) {
    uint8_t *cp2 = dup_exact(v->bytes, v->len);
    mipfb_mip4_ext ext2[EXT_CAP];
    mipfb_mip4_msg msg2;
    mipfb_ssize d;
    cp2[pos + i] ^= 0x01u;
    d = mipfb_mip4_decode(&msg2, ext2, EXT_CAP, cp2, v->len, cp, NULL);
    if (d != (mipfb_ssize)v->len) {
      fail(c, "decode with authenticator octet %lu flipped: %s", (unsigned long)i, res_name(d));
    } else {
      const mipfb_mip4_ext *a2 = mipfb_mip4_find(&msg2, MIPFB_MIP4_EXT_MN_HA_AUTH);
      r = a2 == NULL ? 0 : mipfb_mip4_auth_verify(cp2, v->len, a2, &key);
      if (r != MIPFB_ERR_AUTH) {
        fail(c, "auth_verify with authenticator octet %lu flipped: %s, expected auth_failed", (unsigned long)i,
             res_name(r));
      }
    }
    free(cp2);
  }
  memset(&key, 0, sizeof key);
}

static void run_mip4(run_ctx *c) {
  const vec_entry *v = c->v;
  uint8_t *in = dup_exact(v->bytes, v->len);
  mipfb_codepoints cp;
  mipfb_mip4_ext ext[EXT_CAP];
  mipfb_mip4_msg msg;
  mipfb_diag diag;
  mipfb_ssize r;
  size_t cut, fixed, i;

  if (!vec_codepoints(c, &cp)) {
    free(in);
    return;
  }
  reset_diag(&diag);
  r = mipfb_mip4_decode(&msg, ext, EXT_CAP, in, v->len, &cp, &diag);
  if (!check_expect(c, r, &diag)) {
    free(in);
    return;
  }
  if (msg.ext != ext || msg.n_ext > EXT_CAP) {
    fail(c, "decode: msg.ext/n_ext not set to the caller array");
    free(in);
    return;
  }

  /* round trip */
  {
    mipfb_ssize n = mipfb_mip4_encoded_len(&msg, &cp);
    uint8_t *out = (uint8_t *)malloc(v->len + 1);
    if (out == NULL) {
      exit(2);
    }
    mipfb_ssize r_short = mipfb_mip4_encode(out, v->len - 1, &msg, &cp, NULL);
    reset_diag(&diag);
    r = mipfb_mip4_encode(out, v->len, &msg, &cp, &diag);
    check_round_trip(c, "mip4", in, out, n, r, &diag, r_short);
    free(out);
  }

  /* the extension array one entry short */
  if (msg.n_ext > 0) {
    mipfb_mip4_msg m2;
    mipfb_mip4_ext e2[EXT_CAP];
    r = mipfb_mip4_decode(&m2, e2, msg.n_ext - 1, in, v->len, &cp, NULL);
    if (r != MIPFB_ERR_NOBUF) {
      fail(c, "decode with ext_cap %lu: %s, expected nobuf", (unsigned long)(msg.n_ext - 1), res_name(r));
    }
  }

  if (v->has_key) {
    check_auth(c, in, &msg, &cp);
  }

  /* every truncation: `truncated`, except at the end of the fixed part or at an extension start */
  fixed = msg.type == MIPFB_MIP4_RRQ ? MIPFB_MIP4_RRQ_LEN : MIPFB_MIP4_RRP_LEN;
  for (cut = 0; cut < v->len; cut++) {
    uint8_t *p = dup_exact(v->bytes, cut);
    mipfb_mip4_msg m2;
    mipfb_mip4_ext e2[EXT_CAP];
    int boundary = cut == fixed;
    for (i = 0; i < msg.n_ext && !boundary; i++) {
      boundary = ext[i].offset == cut;
    }
    reset_diag(&diag);
    r = mipfb_mip4_decode(&m2, e2, EXT_CAP, p, cut, &cp, &diag);
    if (boundary) {
      if (r != (mipfb_ssize)cut) {
        fail(c, "cut to %lu octets (extension boundary): %s at %lu (%s), expected ok", (unsigned long)cut,
             res_name(r), (unsigned long)diag.offset, diag.detail != NULL ? diag.detail : "");
      }
    } else if (r != MIPFB_ERR_TRUNCATED) {
      fail(c, "cut to %lu octets: %s, expected truncated", (unsigned long)cut, res_name(r));
    }
    free(p);
  }
  free(in);
}

/* ---------------------------------------------------------------- mh */

static void mh_round_trip(run_ctx *c, const uint8_t *in, const mipfb_mh_msg *msg, const uint8_t *src,
                          const uint8_t *dst, const mipfb_codepoints *cp) {
  const vec_entry *v = c->v;
  mipfb_ssize n = mipfb_mh_encoded_len(msg, cp), r, r_short;
  uint8_t *out = (uint8_t *)malloc(v->len + 1);
  mipfb_diag diag;
  if (out == NULL) {
    exit(2);
  }
  r_short = mipfb_mh_encode(out, v->len - 1, msg, src, dst, cp, NULL);
  reset_diag(&diag);
  r = mipfb_mh_encode(out, v->len, msg, src, dst, cp, &diag);
  check_round_trip(c, "mh", in, out, n, r, &diag, r_short);
  free(out);
}

static void run_mh(run_ctx *c) {
  const vec_entry *v = c->v;
  uint8_t *in = dup_exact(v->bytes, v->len);
  const uint8_t *src = v->has_src ? v->src : NULL, *dst = v->has_dst ? v->dst : NULL;
  mipfb_codepoints cp;
  mipfb_mh_opt opt[EXT_CAP];
  mipfb_mh_msg msg;
  mipfb_diag diag;
  mipfb_ssize r;
  size_t cut;

  if (!vec_codepoints(c, &cp)) {
    free(in);
    return;
  }
  reset_diag(&diag);
  r = mipfb_mh_decode(&msg, opt, EXT_CAP, in, v->len, src, dst, &cp, &diag);
  if (!check_expect(c, r, &diag)) {
    free(in);
    return;
  }
  if (msg.opt != opt || msg.n_opt > EXT_CAP) {
    fail(c, "decode: msg.opt/n_opt not set to the caller array");
    free(in);
    return;
  }
  mh_round_trip(c, in, &msg, src, dst, &cp);

  /* the option array one entry short */
  if (msg.n_opt > 0) {
    mipfb_mh_msg m2;
    mipfb_mh_opt o2[EXT_CAP];
    r = mipfb_mh_decode(&m2, o2, msg.n_opt - 1, in, v->len, src, dst, &cp, NULL);
    if (r != MIPFB_ERR_NOBUF) {
      fail(c, "decode with opt_cap %lu: %s, expected nobuf", (unsigned long)(msg.n_opt - 1), res_name(r));
    }
  }

  /* every truncation: the Header Len covers the whole message */
  for (cut = 0; cut < v->len; cut++) {
    uint8_t *p = dup_exact(v->bytes, cut);
    mipfb_mh_msg m2;
    mipfb_mh_opt o2[EXT_CAP];
    reset_diag(&diag);
    r = mipfb_mh_decode(&m2, o2, EXT_CAP, p, cut, src, dst, &cp, &diag);
    if (r != MIPFB_ERR_TRUNCATED) {
      fail(c, "cut to %lu octets: %s, expected truncated", (unsigned long)cut, res_name(r));
    }
    free(p);
  }
  free(in);
}

/* ---------------------------------------------------------------- main */

int main(int argc, char **argv) {
  unsigned long passed = 0, failed = 0;
  int verbose = 0, argi;
  vec_entry v;

  vec_entry_init(&v);
  for (argi = 1; argi < argc; argi++) {
    vecfile vf;
    int r;
    if (strcmp(argv[argi], "-v") == 0) {
      verbose = 1;
      continue;
    }
    if (vecfile_open(&vf, argv[argi]) != 0) {
      printf("%s: %s\n", argv[argi], vf.err);
      failed++;
      continue;
    }
    while ((r = vecfile_next(&vf, &v)) != 0) {
      run_ctx c;
      if (r < 0) {
        printf("%s:%lu: %s: parse error: %s\n", vf.path, vf.err_line, v.name[0] != '\0' ? v.name : "?", vf.err);
        failed++;
        continue;
      }
      c.v = &v;
      c.failures = 0;
      c.verbose = verbose;
      if (strcmp(v.codec, "ts") == 0) {
        run_ts(&c);
      } else if (strcmp(v.codec, "mh") == 0) {
        run_mh(&c);
      } else {
        run_mip4(&c);
      }
      if (c.failures == 0) {
        passed++;
        if (verbose) {
          printf("%s:%lu: %s: ok\n", v.file, v.line, v.name);
        }
      } else {
        failed++;
      }
    }
    vecfile_close(&vf);
  }
  vec_entry_free(&v);
  if (passed + failed == 0) {
    printf("vectors_run: no vectors ran (usage: vectors_run [-v] FILE.vec...)\n");
  }
  printf("%lu passed, %lu failed\n", passed, failed);
  return failed == 0 && passed > 0 ? 0 : 1;
}
