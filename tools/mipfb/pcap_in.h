/*
 * Reading a capture: the MIPv4 messages (IPv4 UDP port 434) and Mobility
 * Headers (IPv6 next header 135, also behind extension headers) of every
 * frame, or every IP packet. Link types: Ethernet (with VLAN tags), raw IP, Linux cooked
 * (v1 and v2), BSD loopback.
 */
#ifndef MIPFB_TOOL_PCAP_IN_H
#define MIPFB_TOOL_PCAP_IN_H

#include <stddef.h>
#include <stdint.h>

#include <mipfb/types.h>

/** What a packet carries. */
typedef enum pkt_proto {
  PKT_MIP4, /**< UDP payload of an IPv4 datagram to or from port 434 */
  PKT_MH,   /**< IPv6 Mobility Header and what follows it */
  PKT_IP    /**< a whole IP packet from its header (pcap_in_each_ip) */
} pkt_proto;

/** Longest address text (IPv6), with terminator. */
#define PKT_ADDR_TEXT 46

/** One message found in a capture. */
typedef struct pkt {
  unsigned long frame;          /**< 1-based frame number in the file */
  pkt_proto proto;              /**< what @c data holds */
  const uint8_t *data;          /**< the message (valid during the callback) */
  size_t len;                   /**< its captured length */
  mipfb_addr src;               /**< IP source */
  mipfb_addr dst;               /**< IP destination */
  mipfb_addr ck_src;            /**< IPv6: source of the upper-layer checksum (a Home Address option's address, else @c src) */
  mipfb_addr ck_dst;            /**< IPv6: its destination (a type 2 Routing header's address while Segments Left > 0, else @c dst) */
  char src_text[PKT_ADDR_TEXT]; /**< source in text form */
  char dst_text[PKT_ADDR_TEXT]; /**< destination in text form */
} pkt;

/** Called for each message; a non-zero return stops the walk and is returned. */
typedef int (*pkt_fn)(const pkt *p, void *ctx);

/** Return of pcap_in_each when the file cannot be opened or is not a capture. */
#define PCAP_IN_OPEN_FAILED (-1)
/** Return of pcap_in_each when reading stopped early (a truncated file). */
#define PCAP_IN_READ_FAILED (-2)

/**
 * Call @p fn for every message of the capture @p path ("-" is stdin).
 * @return 0, @p fn's non-zero return, or PCAP_IN_* with @p err filled.
 */
int pcap_in_each(const char *path, pkt_fn fn, void *ctx, char *err, size_t errlen);

/**
 * Call @p fn for every frame of the capture @p path that carries IP (the
 * link layer stripped; @c src / @c dst are not filled): what
 * `mipfb classify` reads.
 * @return as pcap_in_each.
 */
int pcap_in_each_ip(const char *path, pkt_fn fn, void *ctx, char *err, size_t errlen);

#endif /* MIPFB_TOOL_PCAP_IN_H */
