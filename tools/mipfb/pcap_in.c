/* Capture reading: link layer -> IPv4/UDP 434 or IPv6 -> Mobility Header. */
#include "pcap_in.h"

#include <arpa/inet.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <string.h>

#include <mipfb/mip4.h>

#define ETHERTYPE_IPV4 0x0800u
#define ETHERTYPE_IPV6 0x86ddu
#define IPPROTO_NUM_UDP 17
#define IPV6_NH_MH 135
#define IPV6_NH_ROUTING 43
#define IPV6_NH_DSTOPTS 60
#define IPV6_OPT_HOME_ADDRESS 201 /* RFC 6275 6.3 */
#define IPV6_RH_TYPE2 2           /* RFC 6275 6.4 */
#define LINKTYPE_RAW_IP 101 /* LINKTYPE_RAW as stored in files */
#define MAX_IPV6_EXT_HEADERS 16
#define IPV4_HDR 20 /* without options */
#define IPV6_HDR 40

/* A bounded view of the frame being parsed. */
typedef struct span {
  const uint8_t *p;
  size_t len;
} span;

static unsigned be16(const uint8_t *p) { return (unsigned)p[0] << 8 | p[1]; }

/* Drop `n` octets from the front; 0, or -1 when there are fewer. */
static int span_skip(span *s, size_t n) {
  if (s->len < n) {
    return -1;
  }
  s->p += n;
  s->len -= n;
  return 0;
}

/* The EtherType at `type_off` must be IPv4 or IPv6; then skip `hdr_len`. */
static int ip_ethertype(span *s, size_t type_off, size_t hdr_len) {
  unsigned t;
  if (s->len < hdr_len || type_off + 2 > hdr_len) {
    return -1;
  }
  t = be16(s->p + type_off);
  return (t == ETHERTYPE_IPV4 || t == ETHERTYPE_IPV6) ? span_skip(s, hdr_len) : -1;
}

static int is_vlan(unsigned t) { return t == 0x8100u || t == 0x88a8u || t == 0x9100u; }

#define LINK_SKIP (-1)        /* not an IP frame */
#define LINK_UNSUPPORTED (-2) /* a link type this reader does not know */

/* Move `s` to the IP header of a frame of link type `dlt`; 0 or LINK_*. */
static int strip_link(span *s, int dlt) {
  switch (dlt) {
  case DLT_EN10MB: {
    size_t off = 12;
    while (s->len >= off + 2 && is_vlan(be16(s->p + off))) {
      off += 4;
    }
    return ip_ethertype(s, off, off + 2);
  }
  case DLT_LINUX_SLL:
    return ip_ethertype(s, 14, 16);
  case DLT_LINUX_SLL2:
    return ip_ethertype(s, 0, 20);
  case DLT_NULL:
  case DLT_LOOP:
    return span_skip(s, 4); /* address family; the IP version nibble decides */
  case DLT_RAW:
  case LINKTYPE_RAW_IP:
  case DLT_IPV4:
  case DLT_IPV6:
    return 0;
  default:
    return LINK_UNSUPPORTED;
  }
}

static int link_supported(int dlt) {
  span none = {NULL, 0};
  return strip_link(&none, dlt) != LINK_UNSUPPORTED;
}

static void set_addr(mipfb_addr *a, char *text, uint8_t family, const uint8_t *bytes) {
  memset(a, 0, sizeof *a);
  a->family = family;
  memcpy(a->bytes, bytes, family == MIPFB_AF_INET4 ? 4 : 16);
  inet_ntop(family == MIPFB_AF_INET4 ? AF_INET : AF_INET6, bytes, text, PKT_ADDR_TEXT);
}

/* IPv4 (at least IPV4_HDR octets): UDP to or from port 434, not a fragment. */
static int parse_ipv4(span s, pkt *out) {
  const uint8_t *ip = s.p;
  size_t ihl;
  size_t total;
  size_t udp_len;
  ihl = (size_t)(ip[0] & 0x0f) * 4;
  total = be16(ip + 2);
  if (ihl < IPV4_HDR || ip[9] != IPPROTO_NUM_UDP || (be16(ip + 6) & 0x3fffu) != 0 || total < ihl) {
    return -1;
  }
  if (total < s.len) {
    s.len = total; /* link-layer padding */
  }
  if (span_skip(&s, ihl) != 0 || s.len < 8 || (be16(s.p) != MIPFB_MIP4_PORT && be16(s.p + 2) != MIPFB_MIP4_PORT)) {
    return -1;
  }
  udp_len = be16(s.p + 4);
  if (udp_len < 8) {
    return -1;
  }
  span_skip(&s, 8);
  out->proto = PKT_MIP4;
  out->data = s.p;
  out->len = udp_len - 8 < s.len ? udp_len - 8 : s.len;
  set_addr(&out->src, out->src_text, MIPFB_AF_INET4, ip + 12);
  set_addr(&out->dst, out->dst_text, MIPFB_AF_INET4, ip + 16);
  return 0;
}

/* Length of the IPv6 extension header at `h` (next header value `nh`), 0 when it is not one to walk past. */
static size_t ipv6_ext_len(unsigned nh, const span *s) {
  switch (nh) {
  case 0:  /* Hop-by-Hop Options */
  case 43: /* Routing */
  case 60: /* Destination Options */
    return s->len >= 2 ? ((size_t)s->p[1] + 1) * 8 : 0;
  case 51: /* Authentication Header */
    return s->len >= 2 ? ((size_t)s->p[1] + 2) * 4 : 0;
  case 44: /* Fragment: only an unfragmented one (offset 0, M 0) is walked past */
    return s->len >= 8 && (be16(s->p + 2) & 0xfff9u) == 0 ? 8 : 0;
  default:
    return 0;
  }
}

/* A Home Address option in the Destination Options header `h` (`n` octets) replaces the checksum source. */
static void home_address(const uint8_t *h, size_t n, pkt *out) {
  size_t i = 2;
  while (i < n) {
    if (h[i] == 0) { /* Pad1 */
      i++;
      continue;
    }
    if (i + 2 > n || i + 2 + (size_t)h[i + 1] > n) {
      return;
    }
    if (h[i] == IPV6_OPT_HOME_ADDRESS && h[i + 1] == 16) {
      memcpy(out->ck_src.bytes, h + i + 2, 16);
    }
    i += 2 + (size_t)h[i + 1];
  }
}

/* A type 2 Routing header not yet processed: the home address in it is the final destination. */
static void routing_type2(const uint8_t *h, size_t n, pkt *out) {
  if (n >= 24 && h[2] == IPV6_RH_TYPE2 && h[3] > 0) {
    memcpy(out->ck_dst.bytes, h + 8, 16);
  }
}

/* IPv6 (at least IPV6_HDR octets): next header 135, possibly behind extension headers. */
static int parse_ipv6(span s, pkt *out) {
  const uint8_t *ip = s.p;
  unsigned nh;
  size_t plen;
  int i;
  nh = ip[6];
  plen = be16(ip + 4);
  set_addr(&out->ck_src, out->src_text, MIPFB_AF_INET6, ip + 8);
  set_addr(&out->ck_dst, out->dst_text, MIPFB_AF_INET6, ip + 24);
  span_skip(&s, IPV6_HDR);
  if (plen != 0 && plen < s.len) {
    s.len = plen; /* link-layer padding */
  }
  for (i = 0; nh != IPV6_NH_MH && i < MAX_IPV6_EXT_HEADERS; i++) {
    size_t n = ipv6_ext_len(nh, &s);
    if (n == 0) {
      return -1;
    }
    if (n > s.len) {
      return -1;
    }
    if (nh == IPV6_NH_DSTOPTS) {
      home_address(s.p, n, out);
    } else if (nh == IPV6_NH_ROUTING) {
      routing_type2(s.p, n, out);
    }
    nh = s.p[0];
    span_skip(&s, n);
  }
  if (nh != IPV6_NH_MH) {
    return -1;
  }
  out->proto = PKT_MH;
  out->data = s.p;
  out->len = s.len;
  set_addr(&out->src, out->src_text, MIPFB_AF_INET6, ip + 8);
  set_addr(&out->dst, out->dst_text, MIPFB_AF_INET6, ip + 24);
  return 0;
}

static int parse_frame(const uint8_t *data, size_t len, int dlt, pkt *out) {
  span s = {data, len};
  if (strip_link(&s, dlt) != 0 || s.len == 0) {
    return -1;
  }
  switch (s.p[0] >> 4) {
  case 4:
    return s.len >= IPV4_HDR ? parse_ipv4(s, out) : -1;
  case 6:
    return s.len >= IPV6_HDR ? parse_ipv6(s, out) : -1;
  default:
    return -1;
  }
}

/* A frame parser: 0 and `out` filled when the frame carries what is wanted. */
typedef int (*frame_fn)(const uint8_t *data, size_t len, int dlt, pkt *out);

/* Every IP packet, from its IP header (version 4 or 6 not checked here). */
static int parse_ip_frame(const uint8_t *data, size_t len, int dlt, pkt *out) {
  span s = {data, len};
  if (strip_link(&s, dlt) != 0) {
    return -1;
  }
  out->proto = PKT_IP;
  out->data = s.p;
  out->len = s.len;
  return 0;
}

static int walk(const char *path, frame_fn parse, pkt_fn fn, void *ctx, char *err, size_t errlen) {
  char perr[PCAP_ERRBUF_SIZE];
  struct pcap_pkthdr *h;
  const u_char *data;
  unsigned long frame = 0;
  int dlt;
  int rc = 0;
  int got = 0;
  pcap_t *p = pcap_open_offline(path, perr);
  if (p == NULL) {
    snprintf(err, errlen, "%s: %s", path, perr);
    return PCAP_IN_OPEN_FAILED;
  }
  dlt = pcap_datalink(p);
  if (!link_supported(dlt)) {
    snprintf(err, errlen, "%s: unsupported link type %d", path, dlt);
    pcap_close(p);
    return PCAP_IN_OPEN_FAILED;
  }
  while (rc == 0 && (got = pcap_next_ex(p, &h, &data)) == 1) {
    pkt m;
    frame++;
    memset(&m, 0, sizeof m);
    m.frame = frame;
    if (parse(data, h->caplen, dlt, &m) == 0) {
      rc = fn(&m, ctx);
    }
  }
  if (rc == 0 && got == PCAP_ERROR) {
    snprintf(err, errlen, "%s: %s", path, pcap_geterr(p));
    rc = PCAP_IN_READ_FAILED;
  }
  pcap_close(p);
  return rc;
}

int pcap_in_each(const char *path, pkt_fn fn, void *ctx, char *err, size_t errlen) {
  return walk(path, parse_frame, fn, ctx, err, errlen);
}

int pcap_in_each_ip(const char *path, pkt_fn fn, void *ctx, char *err, size_t errlen) {
  return walk(path, parse_ip_frame, fn, ctx, err, errlen);
}
