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

#include <mipfb/mipfb.h>

#define BENCH_NAME "bench_mip4"
#include "bench_common.h"

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

static void setup(void) {
  size_t i;
  static const uint8_t secret[] = {'s', 'e', 'c', 'r', 'e', 't'};
  mipfb_ssize r;
  int v;

  rrq_len = bench_hex(rrq_hex, rrq, sizeof rrq);
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

static const bench_case cases[] = {
    {"decode+validate (no HMAC)", case_decode, "<= 400 instr"},
    {"decode+validate+HMAC-MD5 verify", case_decode_verify, "-"},
    {"HMAC-MD5 verify alone", case_verify, "<= 2500 instr"},
    {"encode (authenticator copied)", case_encode, "-"},
    {"encode + HMAC-MD5", case_encode_hmac, "-"},
};
#define N_CASES (sizeof cases / sizeof cases[0])

int main(int argc, char **argv) {
  char title[128];
  setup();
  snprintf(title, sizeof title, "wire.md Appendix A RRQ, %lu octets (Multipath + Flow-Binding + MN-HA, HMAC-MD5)",
           (unsigned long)rrq_len);
  return bench_main(argc, argv, title, cases, N_CASES, &sink);
}
