/*
 * bench_mip4: cost of the MIPv4 codec on the wire.md Appendix A RRQ
 * (Multipath + Flow-Binding + MN-HA authentication, key "secret", SPI 0x100).
 *
 *   bench_mip4                   ns/message table (best of 5 timed runs)
 *   bench_mip4 --tsv             the same as "id<TAB>name<TAB>ns" lines
 *   bench_mip4 --case ID --iters N
 *                                run one case N times, untimed (for
 *                                bench/bench_callgrind.sh, which reports
 *                                instructions/message as (Ir(2N)-Ir(N))/N)
 *
 * Not a test: results are printed, never compared. Every result is checked
 * and folded into a volatile sink so the work cannot be optimised away.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mipfb/mipfb.h>

/* wire.md Appendix A RRQ, 74 octets. */
static const char rrq_hex[] =
    "012207080a0000020a000001c000020ae8fe6f80123456789a010004040101809a0200100102010201208800000a"
    "00000213c41120140000010064b2639468d34558c4eac16985e7ff69";

#define MSG_MAX 128
#define EXT_CAP 8

static uint8_t rrq[MSG_MAX];
static size_t rrq_len;
static mipfb_hmac_md5_key key;
static mipfb_mip4_msg msg;           /* decoded once, for cases 3-5 */
static mipfb_mip4_ext ext[EXT_CAP];
static mipfb_mip4_msg msg_keyed;     /* msg with the key on the MN-HA extension */
static mipfb_mip4_ext ext_keyed[EXT_CAP];
static const mipfb_mip4_ext *mn_ha;
static uint8_t out[MSG_MAX];
static volatile size_t sink;

static void die(const char *what, long v) {
  fprintf(stderr, "bench_mip4: %s (%ld)\n", what, v);
  exit(1);
}

static int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

static void setup(void) {
  size_t i, n = strlen(rrq_hex);
  static const uint8_t secret[] = {'s', 'e', 'c', 'r', 'e', 't'};
  mipfb_ssize r;
  int v;

  for (i = 0; i + 1 < n; i += 2) {
    int hi = hexval(rrq_hex[i]), lo = hexval(rrq_hex[i + 1]);
    if (hi < 0 || lo < 0 || rrq_len >= sizeof rrq) die("bad hex", (long)i);
    rrq[rrq_len++] = (uint8_t)(hi * 16 + lo);
  }
  mipfb_hmac_md5_key_init(&key, secret, sizeof secret);

  r = mipfb_mip4_decode(&msg, ext, EXT_CAP, rrq, rrq_len, NULL, NULL);
  if (r != (mipfb_ssize)rrq_len) die("decode of the Appendix A RRQ failed", (long)r);
  mn_ha = mipfb_mip4_find(&msg, MIPFB_MIP4_EXT_MN_HA_AUTH);
  if (mn_ha == NULL || mn_ha->u.auth.spi != 0x100) die("no MN-HA extension with SPI 0x100", 0);
  v = mipfb_mip4_auth_verify(rrq, rrq_len, mn_ha, &key);
  if (v != 0) die("MN-HA authenticator does not verify with key \"secret\"", v);

  msg_keyed = msg;
  memcpy(ext_keyed, ext, sizeof ext);
  msg_keyed.ext = ext_keyed;
  for (i = 0; i < msg_keyed.n_ext; i++) {
    if (ext_keyed[i].kind == MIPFB_MIP4_EXT_MN_HA_AUTH) ext_keyed[i].u.auth.key = &key;
  }

  /* Both encodings reproduce the input exactly. */
  r = mipfb_mip4_encode(out, sizeof out, &msg, NULL, NULL);
  if (r != (mipfb_ssize)rrq_len || memcmp(out, rrq, rrq_len) != 0) die("encode (copied authenticator) differs", (long)r);
  memset(out, 0, sizeof out);
  r = mipfb_mip4_encode(out, sizeof out, &msg_keyed, NULL, NULL);
  if (r != (mipfb_ssize)rrq_len || memcmp(out, rrq, rrq_len) != 0) die("encode (HMAC computed) differs", (long)r);
}

/* ---- the cases: each runs n messages ---- */

static void case_decode(unsigned long n) {
  mipfb_mip4_msg m;
  mipfb_mip4_ext e[EXT_CAP];
  unsigned long i;
  for (i = 0; i < n; i++) {
    mipfb_ssize r = mipfb_mip4_decode(&m, e, EXT_CAP, rrq, rrq_len, NULL, NULL);
    if (r != (mipfb_ssize)rrq_len) die("decode", (long)r);
    sink += m.n_ext;
  }
}

static void case_decode_verify(unsigned long n) {
  mipfb_mip4_msg m;
  mipfb_mip4_ext e[EXT_CAP];
  unsigned long i;
  for (i = 0; i < n; i++) {
    const mipfb_mip4_ext *a;
    int v;
    mipfb_ssize r = mipfb_mip4_decode(&m, e, EXT_CAP, rrq, rrq_len, NULL, NULL);
    if (r != (mipfb_ssize)rrq_len) die("decode", (long)r);
    a = mipfb_mip4_find(&m, MIPFB_MIP4_EXT_MN_HA_AUTH);
    if (a == NULL) die("find", 0);
    v = mipfb_mip4_auth_verify(rrq, rrq_len, a, &key);
    if (v != 0) die("verify", v);
    sink += m.n_ext;
  }
}

static void case_verify(unsigned long n) {
  unsigned long i;
  for (i = 0; i < n; i++) {
    int v = mipfb_mip4_auth_verify(rrq, rrq_len, mn_ha, &key);
    if (v != 0) die("verify", v);
    sink += (size_t)i;
  }
}

static void case_encode(unsigned long n) {
  unsigned long i;
  for (i = 0; i < n; i++) {
    mipfb_ssize r = mipfb_mip4_encode(out, sizeof out, &msg, NULL, NULL);
    if (r != (mipfb_ssize)rrq_len) die("encode", (long)r);
    sink += out[rrq_len - 1];
  }
}

static void case_encode_hmac(unsigned long n) {
  unsigned long i;
  for (i = 0; i < n; i++) {
    mipfb_ssize r = mipfb_mip4_encode(out, sizeof out, &msg_keyed, NULL, NULL);
    if (r != (mipfb_ssize)rrq_len) die("encode", (long)r);
    sink += out[rrq_len - 1];
  }
}

typedef struct bench_case {
  const char *name;
  void (*run)(unsigned long n);
  const char *target; /* budget in instructions/message, or "-" */
} bench_case;

static const bench_case cases[] = {
    {"decode+validate (no HMAC)", case_decode, "<= 400 instr"},
    {"decode+validate+HMAC-MD5 verify", case_decode_verify, "-"},
    {"HMAC-MD5 verify alone", case_verify, "<= 2500 instr"},
    {"encode (authenticator copied)", case_encode, "-"},
    {"encode + HMAC-MD5", case_encode_hmac, "-"},
};
#define N_CASES (sizeof cases / sizeof cases[0])

static double now_ns(void) {
  struct timespec ts;
  if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) die("clock_gettime", 0);
  return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* Calibrate to >= 50 ms per run, then best of 5 runs, in ns/message. */
static double measure(const bench_case *c) {
  unsigned long n = 1000;
  double best = 0, t0, dt;
  int run;
  c->run(n); /* warm up */
  for (;;) {
    t0 = now_ns();
    c->run(n);
    dt = now_ns() - t0;
    if (dt >= 50e6 || n >= (1ul << 30)) break;
    n *= 2;
  }
  for (run = 0; run < 5; run++) {
    t0 = now_ns();
    c->run(n);
    dt = (now_ns() - t0) / (double)n;
    if (run == 0 || dt < best) best = dt;
  }
  return best;
}

static void usage(void) {
  fprintf(stderr, "usage: bench_mip4 [--tsv | --case ID --iters N | --list]\n");
  exit(2);
}

int main(int argc, char **argv) {
  size_t i;
  setup();
  if (argc == 1 || (argc == 2 && strcmp(argv[1], "--tsv") == 0)) {
    int tsv = argc == 2;
    if (!tsv) {
      printf("wire.md Appendix A RRQ, %lu octets (Multipath + Flow-Binding + MN-HA, HMAC-MD5)\n",
             (unsigned long)rrq_len);
      printf("%-2s  %-34s %10s  %s\n", "id", "case", "ns/msg", "target");
    }
    for (i = 0; i < N_CASES; i++) {
      double ns = measure(&cases[i]);
      if (tsv) {
        printf("%lu\t%s\t%.1f\n", (unsigned long)(i + 1), cases[i].name, ns);
      } else {
        printf("%-2lu  %-34s %10.1f  %s\n", (unsigned long)(i + 1), cases[i].name, ns, cases[i].target);
      }
      fflush(stdout);
    }
    return 0;
  }
  if (argc == 2 && strcmp(argv[1], "--list") == 0) {
    for (i = 0; i < N_CASES; i++) {
      printf("%lu\t%s\t%s\n", (unsigned long)(i + 1), cases[i].name, cases[i].target);
    }
    return 0;
  }
  if (argc == 5 && strcmp(argv[1], "--case") == 0 && strcmp(argv[3], "--iters") == 0) {
    char *end;
    unsigned long id = strtoul(argv[2], &end, 10);
    unsigned long n;
    if (*end != '\0' || id < 1 || id > N_CASES) usage();
    n = strtoul(argv[4], &end, 10);
    if (*end != '\0') usage();
    cases[id - 1].run(n);
    printf("%lu\n", (unsigned long)sink);
    return 0;
  }
  usage();
  return 2;
}
