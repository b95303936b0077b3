/*
 * Writing a capture (LINKTYPE_RAW): each message in an IPv4 header and a
 * UDP header with correct checksums, or behind an IPv6 header (a Mobility
 * Header, which carries its own checksum).
 */
#ifndef MIPFB_TOOL_PCAP_OUT_H
#define MIPFB_TOOL_PCAP_OUT_H

#include <stddef.h>
#include <stdint.h>

/** An open output capture. */
typedef struct pcap_out pcap_out;

/** Create @p path ("-" is stdout); NULL with @p err filled on failure. */
pcap_out *pcap_out_open(const char *path, char *err, size_t errlen);

/**
 * Append one IPv4/UDP datagram. Addresses are 4 octets in network order.
 * @return 0, or -1 when the payload does not fit a datagram.
 */
int pcap_out_udp4(pcap_out *w, const uint8_t src[4], const uint8_t dst[4], uint16_t sport, uint16_t dport,
                  const uint8_t *payload, size_t len);

/**
 * Append one IPv6 packet: a 40-octet header (next header @p nh, addresses
 * of 16 octets) and the upper-layer @p payload as it is.
 * @return 0, or -1 when the payload does not fit a packet.
 */
int pcap_out_ip6(pcap_out *w, const uint8_t src[16], const uint8_t dst[16], uint8_t nh, const uint8_t *payload,
                 size_t len);

/** Flush and close; -1 when writing failed. */
int pcap_out_close(pcap_out *w);

#endif /* MIPFB_TOOL_PCAP_OUT_H */
