/* Packet parsing into a flow key: IPv4, IPv6 and its extension-header
   chain, then ports (TCP, UDP, SCTP, UDP-Lite) or the ESP SPI. Every load is
   preceded by a length check against the bytes the caller gave. */
#include <string.h>

#include "../core/inline.h"
#include "../core/rd.h"
#include "../core/wr.h"
#include "policy_int.h"

enum {
  P_HOPOPT = 0,
  P_TCP = 6,
  P_UDP = 17,
  P_ROUTING = 43,
  P_FRAGMENT = 44,
  P_ESP = 50,
  P_AH = 51,
  P_DSTOPTS = 60,
  P_SCTP = 132,
  P_UDPLITE = 136
};

/* Ports or SPI from the n octets at p (the transport header), unless the
   packet is a non-first fragment; a header cut short gives neither.
   Inline: TCP and UDP are most packets. */
MIPFB_HOT_INLINE void transport(policy_kv *k, const uint8_t *p, size_t n, int non_first) {
  if (non_first) {
    k->has |= MIPFB_FLOW_FRAGMENT;
    return;
  }
  if (n < 4) {
    return;
  }
  switch (k->proto) {
  case P_TCP:
  case P_UDP:
  case P_SCTP:
  case P_UDPLITE:
    k->sp = mipfb_ld_be16(p);
    k->dp = mipfb_ld_be16(p + 2);
    k->has |= MIPFB_FLOW_PORTS;
    break;
  case P_ESP:
    k->spi = mipfb_ld_be32(p);
    k->has |= MIPFB_FLOW_SPI;
    break;
  default:
    break;
  }
}

static int parse4(policy_kv *k, const uint8_t *p, size_t len) {
  size_t ihl, tot;
  if (len < 20) {
    return MIPFB_ERR_TRUNCATED;
  }
  ihl = (size_t)(p[0] & 0x0F) * 4;
  tot = mipfb_ld_be16(p + 2);
  if (ihl < 20 || tot < ihl) {
    return MIPFB_ERR_BAD_LENGTH;
  }
  if (len < ihl) {
    return MIPFB_ERR_TRUNCATED;
  }
  if (tot < len) {
    len = tot;
  }
  k->fam = MIPFB_AF_INET4;
  k->tc = p[1];
  k->ds = (uint8_t)(p[1] >> 2);
  k->proto = p[9];
  k->src.lo = mipfb_ld_be32(p + 12);
  k->dst.lo = mipfb_ld_be32(p + 16);
  transport(k, p + ihl, len - ihl, (mipfb_ld_be16(p + 6) & 0x1FFF) != 0);
  return 0;
}

/* Length of the extension header of type nh at p (n octets left), 0 when
   nh ends the chain, or -1 when the header is cut short. */
static long ext_len(unsigned nh, const uint8_t *p, size_t n) {
  size_t hl;
  switch (nh) {
  case P_HOPOPT:
  case P_ROUTING:
  case P_DSTOPTS:
    hl = n < 2 ? 0 : ((size_t)p[1] + 1) * 8;
    break;
  case P_AH:
    hl = n < 2 ? 0 : ((size_t)p[1] + 2) * 4;
    break;
  case P_FRAGMENT:
    hl = 8;
    break;
  default:
    return 0;
  }
  return hl == 0 || hl > n ? -1 : (long)hl;
}

static int parse6(policy_kv *k, const uint8_t *p, size_t len) {
  size_t plen, off = 40;
  unsigned nh;
  int non_first = 0;
  long hl;
  if (len < 40) {
    return MIPFB_ERR_TRUNCATED;
  }
  plen = mipfb_ld_be16(p + 4);
  if (plen != 0 && 40 + plen < len) { /* 0: jumbogram, the length is elsewhere */
    len = 40 + plen;
  }
  k->fam = MIPFB_AF_INET6;
  k->tc = (uint8_t)((p[0] & 0x0F) << 4 | p[1] >> 4);
  k->ds = (uint8_t)(k->tc >> 2);
  k->fl = mipfb_ld_be32(p) & 0xFFFFFu;
  k->src = policy_u128_of(p + 8, 0);
  k->dst = policy_u128_of(p + 24, 0);
  nh = p[6];
  while (!non_first && (hl = ext_len(nh, p + off, len - off)) != 0) {
    if (hl < 0) {
      return MIPFB_ERR_TRUNCATED;
    }
    if (nh == P_FRAGMENT) {
      non_first = (mipfb_ld_be16(p + off + 2) & 0xFFF8) != 0;
    }
    nh = p[off];
    off += (size_t)hl;
  }
  k->proto = (uint8_t)nh;
  transport(k, p + off, len - off, non_first);
  return 0;
}

int mipfb_policy_parse(policy_kv *kv, const uint8_t *pkt, size_t len) {
  memset(kv, 0, sizeof *kv);
  if (len == 0) {
    return MIPFB_ERR_TRUNCATED;
  }
  switch (pkt[0] >> 4) {
  case 4:
    return parse4(kv, pkt, len);
  case 6:
    return parse6(kv, pkt, len);
  default:
    return MIPFB_ERR_UNSUPPORTED;
  }
}

/* An address number back to octets (4 for IPv4, in lo; 16 for IPv6). */
static void put_addr(uint8_t *a, policy_u128 x, int v4) {
  mipfb_wr w;
  mipfb_wr_init(&w, a, 16);
  if (v4) {
    mipfb_wr_be32(&w, (uint32_t)x.lo);
    return;
  }
  mipfb_wr_be64(&w, x.hi);
  mipfb_wr_be64(&w, x.lo);
}

void mipfb_policy_key_of(mipfb_flow_key *key, const policy_kv *kv, int dir) {
  int from = dir == MIPFB_DIR_FROM_MN, v4 = kv->fam == MIPFB_AF_INET4;
  memset(key, 0, sizeof *key);
  key->family = kv->fam;
  key->has = kv->has;
  key->proto = kv->proto;
  key->ds = kv->tc;
  put_addr(key->src, from ? kv->dst : kv->src, v4);
  put_addr(key->dst, from ? kv->src : kv->dst, v4);
  key->flow_label = kv->fl;
  key->spi = kv->spi;
  key->sport = from ? kv->dp : kv->sp;
  key->dport = from ? kv->sp : kv->dp;
}

int mipfb_flow_parse(mipfb_flow_key *key, const uint8_t *pkt, size_t len) {
  policy_kv kv;
  int rc;
  if (key == NULL || (pkt == NULL && len != 0)) {
    return MIPFB_ERR_INVALID_ARG;
  }
  rc = mipfb_policy_parse(&kv, pkt, len);
  if (rc != 0) {
    memset(key, 0, sizeof *key);
    return rc;
  }
  mipfb_policy_key_of(key, &kv, MIPFB_DIR_TO_MN);
  return 0;
}
