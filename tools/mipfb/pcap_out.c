/* Capture writing: raw IPv4 + UDP with the Internet checksums. */
#include "pcap_out.h"

#include <mipfb/cksum.h>

#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define IPV4_HDR 20
#define IPV6_HDR 40
#define HOP_LIMIT 64
#define UDP_HDR 8
#define IP_MAXPACKET 65535
#define IPPROTO_NUM_UDP 17
#define FIRST_TIMESTAMP 1700000000L /* 2023-11-14 22:13:20 UTC, as in wire.md Appendix A */

struct pcap_out {
  pcap_t *dead;
  pcap_dumper_t *dump;
  unsigned long n; /* packets written */
};

pcap_out *pcap_out_open(const char *path, char *err, size_t errlen) {
  pcap_out *w = calloc(1, sizeof *w);
  if (w == NULL) {
    snprintf(err, errlen, "out of memory");
    return NULL;
  }
  w->dead = pcap_open_dead(DLT_RAW, IP_MAXPACKET);
  w->dump = w->dead != NULL ? pcap_dump_open(w->dead, path) : NULL;
  if (w->dump == NULL) {
    snprintf(err, errlen, "%s: %s", path, w->dead != NULL ? pcap_geterr(w->dead) : "cannot create");
    if (w->dead != NULL) {
      pcap_close(w->dead);
    }
    free(w);
    return NULL;
  }
  return w;
}

static void put16(uint8_t *p, size_t v) {
  p[0] = (uint8_t)(v >> 8);
  p[1] = (uint8_t)v;
}

/* One capture record of `len` octets, time stamps one second apart. */
static void record(pcap_out *w, const uint8_t *pkt, size_t len) {
  struct pcap_pkthdr h;
  memset(&h, 0, sizeof h);
  h.ts.tv_sec = FIRST_TIMESTAMP + (long)w->n;
  h.caplen = h.len = (bpf_u_int32)len;
  pcap_dump((u_char *)w->dump, &h, pkt);
  w->n++;
}

int pcap_out_udp4(pcap_out *w, const uint8_t src[4], const uint8_t dst[4], uint16_t sport, uint16_t dport,
                  const uint8_t *payload, size_t len) {
  static uint8_t pkt[IP_MAXPACKET];
  uint8_t *ip = pkt;
  uint8_t *udp = pkt + IPV4_HDR;
  size_t total = IPV4_HDR + UDP_HDR + len;
  uint16_t ck;
  if (total > IP_MAXPACKET) {
    return -1;
  }
  memset(pkt, 0, IPV4_HDR + UDP_HDR);
  ip[0] = 0x45; /* version 4, 5 words */
  put16(ip + 2, total);
  put16(ip + 4, (w->n + 1) & 0xffffu); /* Identification */
  ip[8] = 64;                          /* TTL */
  ip[9] = IPPROTO_NUM_UDP;
  memcpy(ip + 12, src, 4);
  memcpy(ip + 16, dst, 4);
  put16(ip + 10, mipfb_cksum_fold(mipfb_cksum_add(0, ip, IPV4_HDR)));

  put16(udp, sport);
  put16(udp + 2, dport);
  put16(udp + 4, UDP_HDR + len);
  memcpy(udp + UDP_HDR, payload, len);
  /* pseudo-header: addresses, protocol, UDP length */
  ck = mipfb_cksum_fold(mipfb_cksum_add(mipfb_cksum_add((uint32_t)IPPROTO_NUM_UDP + (uint32_t)(UDP_HDR + len), ip + 12, 8), udp, UDP_HDR + len));
  put16(udp + 6, ck != 0 ? ck : 0xffffu); /* 0 means "no checksum" (RFC 768) */

  record(w, pkt, total);
  return 0;
}

int pcap_out_ip6(pcap_out *w, const uint8_t src[16], const uint8_t dst[16], uint8_t nh, const uint8_t *payload,
                 size_t len) {
  static uint8_t pkt[IP_MAXPACKET];
  if (len > IP_MAXPACKET - IPV6_HDR) {
    return -1;
  }
  memset(pkt, 0, IPV6_HDR);
  pkt[0] = 0x60; /* version 6, traffic class 0, flow label 0 */
  put16(pkt + 4, len);
  pkt[6] = nh;
  pkt[7] = HOP_LIMIT;
  memcpy(pkt + 8, src, 16);
  memcpy(pkt + 24, dst, 16);
  memcpy(pkt + IPV6_HDR, payload, len);
  record(w, pkt, IPV6_HDR + len);
  return 0;
}

int pcap_out_close(pcap_out *w) {
  int rc;
  if (w == NULL) {
    return 0;
  }
  rc = pcap_dump_flush(w->dump);
  pcap_dump_close(w->dump);
  pcap_close(w->dead);
  free(w);
  return rc == 0 ? 0 : -1;
}
