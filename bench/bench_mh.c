/*
 * bench_mh: cost of the Mobility Header codec on a bulk-registration
 * Binding Update (RFC 5648 / RFC 6089): A and H flags, 8 Binding Identifier
 * options each with an IPv6 care-of address and a BID-PRI, and 4 RFC 6089
 * Flow Identification options, each with a BID Reference sub-option and an
 * IPv6 Traffic Selector sub-option (source and destination prefixes as
 * ranges, destination port, next header). The message is built once with
 * mipfb_mh_encode and checked to decode back.
 *
 *   bench_mh [--tsv | --list | --case ID --iters N]   (see bench_common.h)
 *
 * Not a test: results are printed, never compared. Every result is checked
 * and folded into a volatile sink so the work cannot be optimised away.
 */
#define _POSIX_C_SOURCE 200809L

#include <mipfb/mipfb.h>

#define BENCH_NAME "bench_mh"
#include "bench_common.h"

#define MSG_MAX 1024
#define N_BID 8
#define N_FLOW 4
#define OPT_CAP 16
#define TS_MAX 128

static const uint8_t src_addr[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01};
static const uint8_t dst_addr[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x00};

static uint8_t bu[MSG_MAX];
static size_t bu_len;
static mipfb_mh_msg msg; /* built in setup, encoded by cases 3-4 */
static mipfb_mh_opt opts[N_BID + N_FLOW];
static uint8_t bid_refs[N_FLOW][4];
static uint8_t ts_bytes[N_FLOW][TS_MAX];
static uint8_t out[MSG_MAX];
static volatile size_t sink;

static void put_be16(uint8_t *p, unsigned v) {
  p[0] = (uint8_t)(v >> 8);
  p[1] = (uint8_t)v;
}

/* Flow i: 2001:db8:10:i::/64 -> 2001:db8::1, TCP or UDP, port 5000 + i, over BIDs i+1 then i+5. */
static size_t flow_ts(size_t i, uint8_t *buf) {
  mipfb_ts ts;
  mipfb_ssize r;
  memset(&ts, 0, sizeof ts);
  ts.format = MIPFB_TS_FORMAT_IPV6;
  ts.fields = MIPFB_TS_SRC_START | MIPFB_TS_SRC_END | MIPFB_TS_DST_START | MIPFB_TS_DPORT_START |
              MIPFB_TS_PROTO_START;
  memcpy(ts.src_start, src_addr, 16);
  ts.src_start[5] = 0x10;
  ts.src_start[7] = (uint8_t)i;
  ts.src_start[15] = 0;
  memcpy(ts.src_end, ts.src_start, 16);
  memset(ts.src_end + 8, 0xff, 8);
  memcpy(ts.dst_start, src_addr, 16);
  ts.dport_start = (uint16_t)(5000 + i);
  ts.proto_start = (uint8_t)(i % 2 ? 17 : 6);
  r = mipfb_ts_encode(buf, TS_MAX, &ts);
  if (r < 0) die("mipfb_ts_encode", (long)r);
  return (size_t)r;
}

static void setup(void) {
  mipfb_mh_msg m;
  mipfb_mh_opt o[OPT_CAP];
  mipfb_diag diag = {0, 0, NULL};
  mipfb_ssize r;
  size_t i;

  memset(&msg, 0, sizeof msg);
  msg.type = MIPFB_MH_BU;
  msg.seq = 42;
  msg.flags = MIPFB_MH_BU_A | MIPFB_MH_BU_H;
  msg.lifetime = 900;
  for (i = 0; i < N_BID; i++) {
    mipfb_mh_opt *b = &opts[i];
    b->kind = MIPFB_MH_OPT_BID;
    b->u.bid.bid = (uint16_t)(i + 1);
    b->u.bid.pri = (uint8_t)(i + 1);
    b->u.bid.coa.family = MIPFB_AF_INET6;
    memcpy(b->u.bid.coa.bytes, src_addr, 16);
    b->u.bid.coa.bytes[5] = (uint8_t)(0x20 + i); /* 2001:db8:2i::7 */
    b->u.bid.coa.bytes[15] = 7;
  }
  for (i = 0; i < N_FLOW; i++) {
    mipfb_mh_opt *f = &opts[N_BID + i];
    f->kind = MIPFB_MH_OPT_FLOW_ID;
    f->u.flow_id.fid = (uint16_t)(i + 1);
    f->u.flow_id.pri = (uint16_t)(10 * (i + 1));
    put_be16(bid_refs[i], (unsigned)(i + 1));
    put_be16(bid_refs[i] + 2, (unsigned)(i + 5));
    f->u.flow_id.bids.base = bid_refs[i];
    f->u.flow_id.bids.len = sizeof bid_refs[i];
    f->u.flow_id.ts_format = MIPFB_TS_FORMAT_IPV6;
    f->u.flow_id.ts.base = ts_bytes[i];
    f->u.flow_id.ts.len = flow_ts(i, ts_bytes[i]);
  }
  msg.opt = opts;
  msg.n_opt = N_BID + N_FLOW;

  r = mipfb_mh_encode(bu, sizeof bu, &msg, src_addr, dst_addr, NULL, &diag);
  if (r < 0) {
    fprintf(stderr, "bench_mh: encode: %s at %lu\n", diag.detail != NULL ? diag.detail : "?",
            (unsigned long)diag.offset);
    die("mipfb_mh_encode of the bulk BU failed", (long)r);
  }
  bu_len = (size_t)r;
  r = mipfb_mh_decode(&m, o, OPT_CAP, bu, bu_len, src_addr, dst_addr, NULL, NULL);
  if (r != (mipfb_ssize)bu_len || m.n_opt != N_BID + N_FLOW) die("decode of the bulk BU failed", (long)r);
  r = mipfb_mh_encode(out, sizeof out, &msg, src_addr, dst_addr, NULL, NULL);
  if (r != (mipfb_ssize)bu_len || memcmp(out, bu, bu_len) != 0) die("encode is not deterministic", (long)r);
}

/* ---- the cases: each runs n messages ---- */

static void decode_n(unsigned long n, const uint8_t *src, const uint8_t *dst) {
  mipfb_mh_msg m;
  mipfb_mh_opt o[OPT_CAP];
  unsigned long i;
  for (i = 0; i < n; i++) {
    mipfb_ssize r = mipfb_mh_decode(&m, o, OPT_CAP, bu, bu_len, src, dst, NULL, NULL);
    if (r != (mipfb_ssize)bu_len) die("decode", (long)r);
    sink += m.n_opt;
  }
}

static void case_decode(unsigned long n) { decode_n(n, NULL, NULL); }

static void case_decode_cksum(unsigned long n) { decode_n(n, src_addr, dst_addr); }

static void encode_n(unsigned long n, const uint8_t *src, const uint8_t *dst) {
  unsigned long i;
  for (i = 0; i < n; i++) {
    mipfb_ssize r = mipfb_mh_encode(out, sizeof out, &msg, src, dst, NULL, NULL);
    if (r != (mipfb_ssize)bu_len) die("encode", (long)r);
    sink += out[4];
  }
}

static void case_encode(unsigned long n) { encode_n(n, NULL, NULL); }

static void case_encode_cksum(unsigned long n) { encode_n(n, src_addr, dst_addr); }

static const bench_case cases[] = {
    {"decode+validate", case_decode, "<= 3000 instr"},
    {"decode+validate+checksum", case_decode_cksum, "-"},
    {"encode", case_encode, "-"},
    {"encode+checksum", case_encode_cksum, "-"},
};
#define N_CASES (sizeof cases / sizeof cases[0])

int main(int argc, char **argv) {
  char title[160];
  setup();
  snprintf(title, sizeof title,
           "bulk-registration BU, %lu octets (8 BID options with IPv6 CoAs, 4 RFC 6089 Flow Identification "
           "options with IPv6 selectors)",
           (unsigned long)bu_len);
  return bench_main(argc, argv, title, cases, N_CASES, &sink);
}
