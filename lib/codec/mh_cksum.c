/* Mobility Header checksum over the IPv6 pseudo-header (RFC 6275 6.1.1,
   RFC 2460 8.1; wire.md 4.6). */
#include <mipfb/cksum.h>
#include <mipfb/mh.h>

#include "mh_int.h"

uint16_t mipfb_mh_checksum(const uint8_t *mh, size_t len, const uint8_t *src, const uint8_t *dst) {
  uint32_t acc = 0;
  acc = mipfb_cksum_add(acc, src, 16);
  acc = mipfb_cksum_add(acc, dst, 16);
  acc += (uint32_t)(len >> 16) + (uint32_t)(len & 0xffffu) + MIPFB_MH_NEXT_HEADER;
  if (mh != NULL) {
    /* the MH with the Checksum field taken as 0 */
    acc = mipfb_cksum_add(acc, mh, len < MH_CKSUM_OFF ? len : MH_CKSUM_OFF);
    if (len > MH_CKSUM_OFF + 2) {
      acc = mipfb_cksum_add(acc, mh + MH_CKSUM_OFF + 2, len - MH_CKSUM_OFF - 2);
    }
  }
  return mipfb_cksum_fold(acc);
}
