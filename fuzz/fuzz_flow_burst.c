/*
 * fuzz_flow_burst: the packet parser (mipfb_flow_parse) on raw bytes, and
 * the HA table's burst classification (mipfb_ha_table_classify_burst)
 * against the one-packet path on the same packets.
 *
 * Input: a header byte (bit 0: FROM_MN, else TO_MN; bits 1-7: which
 * packets' nodes go into the table, packet i when bit 1 + i % 7 is set),
 * then up to MAX_PKTS packets, each a length byte and that many bytes (cut
 * short by the end of the input). Each packet is copied into a heap buffer
 * of exactly its length, so a read past it is an ASan error.
 *
 * Checks: mipfb_flow_parse returns 0 or a documented code, a zeroed key on
 * error, and on success a key whose family, presence bits and protocol
 * agree with the packet's first octet and fields; the burst's result, node
 * policy and decision of every packet equal mipfb_ha_table_classify_packet's
 * (a decision is untouched on error) and, when found, mipfb_policy_classify
 * of the parsed key in that policy. Three fixed policies: MIPv4 ones with
 * the bit-vector index, of 20 rules (a short source-boundary array: the
 * two-candidate way or one search) and of 80 rules (a long one, two
 * bitmap words: the lock-step search of the burst), and a MIPv6 one small
 * enough to be scanned (3 rules); packet i's node gets policy i % 3.
 */
#include "fuzz_common.h"

#define MAX_PKTS 40u
#define N_BIG 20u
#define N_FAR 80u

static uint64_t mem_big[(512u * 1024u) / 8u];
static uint64_t mem_far[(256u * 1024u) / 8u];
static uint64_t mem_small[(64u * 1024u) / 8u];
static uint64_t mem_table[(128u * 64u + 256u) / 8u];
static mipfb_policy *pols[3];

/* Rule i of the fixed sets: UDP/TCP destination ports around 5000, source
   prefixes in 10.0.0.0/8 or 2001:db8::/32 (the family of the policy's
   rules alternates, so both families meet rules), DROP / FORWARD / N-CAST. */
static void fixed_rule(mipfb_policy_rule *r, unsigned i) {
  int v6 = i % 3 == 0;
  memset(r, 0, sizeof *r);
  r->id = i + 1;
  r->prio = i + 1;
  r->ts.format = v6 ? MIPFB_TS_FORMAT_IPV6 : MIPFB_TS_FORMAT_IPV4;
  r->ts.fields = MIPFB_TS_PROTO_START | MIPFB_TS_DPORT_START | MIPFB_TS_DPORT_END | MIPFB_TS_SRC_START |
                 MIPFB_TS_SRC_END;
  r->ts.proto_start = i % 2 ? 6 : 17;
  r->ts.dport_start = (uint16_t)(5000 + i * 7);
  r->ts.dport_end = (uint16_t)(5000 + i * 7 + (i % 4) * 50);
  r->ts.src_start[0] = v6 ? 0x20 : 10;
  r->ts.src_end[0] = v6 ? 0x20 : 10;
  if (v6) {
    r->ts.src_start[1] = r->ts.src_end[1] = 0x01;
    r->ts.src_start[2] = r->ts.src_end[2] = 0x0d;
    r->ts.src_start[3] = r->ts.src_end[3] = 0xb8;
  }
  r->ts.src_start[v6 ? 4 : 1] = (uint8_t)(i * 11);
  memset(r->ts.src_end + (v6 ? 4 : 1), 0xFF, v6 ? 12 : 3);
  r->action = (uint8_t)(i % 5 == 4 ? MIPFB_ACTION_DROP : i % 5 == 3 ? MIPFB_ACTION_NCAST : MIPFB_ACTION_FORWARD);
  r->n_bids = 2;
  r->bids[0] = (uint16_t)(1 + i % 3);
  r->bids[1] = (uint16_t)(1 + (i + 1) % 3);
}

static mipfb_policy *make_policy(void *mem, size_t mem_len, size_t cap, int family, unsigned n) {
  mipfb_policy *pol = NULL;
  size_t need = mipfb_policy_mem_size(cap, 4);
  unsigned i;
  FUZZ_CHECK(need > 0 && need <= mem_len);
  FUZZ_CHECK(mipfb_policy_init(&pol, mem, need, family, cap, 4, 0x5eed) == 0);
  FUZZ_CHECK(mipfb_policy_set_binding(pol, 1, 1, 2) == 0);
  FUZZ_CHECK(mipfb_policy_set_binding(pol, 2, 0, 1) == 0); /* invalid: E-19 and fallbacks */
  FUZZ_CHECK(mipfb_policy_set_binding(pol, 3, 1, 3) == 0);
  for (i = 0; i < n; i++) {
    mipfb_policy_rule r;
    fixed_rule(&r, i);
    FUZZ_CHECK(mipfb_policy_add_rule(pol, &r) == 0);
  }
  return pol;
}

static int parse_error(int rc) {
  return rc == MIPFB_ERR_TRUNCATED || rc == MIPFB_ERR_UNSUPPORTED || rc == MIPFB_ERR_BAD_LENGTH;
}

/* The parse of one packet: a documented answer, a key that follows from it. */
static void check_parse(const uint8_t *p, size_t len, mipfb_flow_key *k) {
  int rc = mipfb_flow_parse(k, p, len);
  size_t i;
  if (rc != 0) {
    const uint8_t *z = (const uint8_t *)k;
    FUZZ_CHECK(parse_error(rc));
    for (i = 0; i < sizeof *k; i++) {
      FUZZ_CHECK(z[i] == 0);
    }
    return;
  }
  FUZZ_CHECK(len > 0 && (p[0] >> 4) == (k->family == MIPFB_AF_INET4 ? 4 : 6));
  FUZZ_CHECK((k->has & ~(MIPFB_FLOW_PORTS | MIPFB_FLOW_SPI | MIPFB_FLOW_FRAGMENT)) == 0);
  FUZZ_CHECK(!((k->has & MIPFB_FLOW_FRAGMENT) && (k->has & (MIPFB_FLOW_PORTS | MIPFB_FLOW_SPI))));
  FUZZ_CHECK(!(k->has & MIPFB_FLOW_SPI) || k->proto == 50);
  FUZZ_CHECK(!(k->has & MIPFB_FLOW_PORTS) ||
             (k->proto == 6 || k->proto == 17 || k->proto == 132 || k->proto == 136));
  FUZZ_CHECK(k->flow_label <= 0xFFFFFu);
  if (k->family == MIPFB_AF_INET4) {
    FUZZ_CHECK(k->proto == p[9] && k->ds == p[1] && memcmp(k->src, p + 12, 4) == 0 &&
               memcmp(k->dst, p + 16, 4) == 0 && k->flow_label == 0);
  } else {
    FUZZ_CHECK(memcmp(k->src, p + 8, 16) == 0 && memcmp(k->dst, p + 24, 16) == 0 &&
               k->ds == (uint8_t)((p[0] & 0x0F) << 4 | p[1] >> 4));
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_in in;
  uint8_t hdr;
  int dir;
  uint8_t *buf[MAX_PKTS];
  const uint8_t *pk[MAX_PKTS];
  size_t lens[MAX_PKTS], n = 0, i, need = mipfb_ha_table_mem_size(64);
  mipfb_flow_key keys[MAX_PKTS];
  mipfb_policy_decision out[MAX_PKTS];
  const mipfb_policy *got[MAX_PKTS];
  int rcs[MAX_PKTS];
  mipfb_ha_table *t = NULL;
  if (pols[0] == NULL) {
    pols[0] = make_policy(mem_big, sizeof mem_big, 32, MIPFB_POLICY_MIP4, N_BIG);
    pols[1] = make_policy(mem_small, sizeof mem_small, 8, MIPFB_POLICY_MIP6, 3);
    pols[2] = make_policy(mem_far, sizeof mem_far, 128, MIPFB_POLICY_MIP4, N_FAR);
  }
  fuzz_in_init(&in, data, size);
  hdr = fuzz_u8(&in);
  dir = (hdr & 1) ? MIPFB_DIR_FROM_MN : MIPFB_DIR_TO_MN;
  FUZZ_CHECK(need <= sizeof mem_table && mipfb_ha_table_init(&t, mem_table, need, 64, hdr) == 0);
  while (in.len > 0 && n < MAX_PKTS) {
    size_t len = fuzz_u8(&in);
    len = len < in.len ? len : in.len;
    buf[n] = malloc(len > 0 ? len : 1);
    FUZZ_CHECK(buf[n] != NULL);
    memcpy(buf[n], in.p, len);
    in.p += len;
    in.len -= len;
    pk[n] = buf[n];
    lens[n] = len;
    check_parse(pk[n], len, &keys[n]);
    if (keys[n].family != 0 && ((hdr >> (1 + n % 7)) & 1)) {
      mipfb_addr a;
      int rc;
      a.family = keys[n].family;
      memcpy(a.bytes, dir == MIPFB_DIR_TO_MN ? keys[n].dst : keys[n].src, 16);
      rc = mipfb_ha_table_insert(t, &a, pols[n % 3]);
      FUZZ_CHECK(rc == 0 || rc == MIPFB_ERR_DUPLICATE);
    }
    n++;
  }
  memset(out, 0xA5, sizeof out);
  FUZZ_CHECK(mipfb_ha_table_classify_burst(t, pk, lens, n, dir, out, rcs, got) == 0);
  for (i = 0; i < n; i++) {
    mipfb_policy_decision one, want;
    const mipfb_policy *one_pol;
    int rc = mipfb_ha_table_classify_packet(t, pk[i], lens[i], dir, &one, &one_pol);
    FUZZ_CHECK(rcs[i] == rc && got[i] == one_pol);
    if (rc != 0) {
      const uint8_t *z = (const uint8_t *)&out[i];
      size_t j;
      FUZZ_CHECK(rc == MIPFB_ERR_NOT_FOUND || parse_error(rc));
      for (j = 0; j < sizeof out[i]; j++) {
        FUZZ_CHECK(z[j] == 0xA5);
      }
    } else {
      FUZZ_CHECK(memcmp(&out[i], &one, sizeof one) == 0);
      FUZZ_CHECK(mipfb_policy_classify(got[i], &keys[i], dir, &want) == 0);
      FUZZ_CHECK(memcmp(&out[i], &want, sizeof want) == 0);
    }
    free(buf[i]);
  }
  return 0;
}
