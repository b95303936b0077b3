/*
 * MN-HA keys given to decode with --key SPI:HEX.
 */
#ifndef MIPFB_TOOL_KEYS_H
#define MIPFB_TOOL_KEYS_H

#include <stddef.h>
#include <stdint.h>

#include <mipfb/md5.h>

/** One key per SPI. */
typedef struct key_entry {
  uint32_t spi;
  mipfb_hmac_md5_key key;
} key_entry;

/** The keys of a run. */
typedef struct key_set {
  key_entry *v;
  size_t n;
} key_set;

/** Add "SPI:HEX" (SPI decimal or 0x hex); a later key for the same SPI replaces the earlier. 0 or -1. */
int keys_add(key_set *ks, const char *arg);

/** The key of @p spi, or NULL. */
const mipfb_hmac_md5_key *keys_find(const key_set *ks, uint32_t spi);

/** Wipe and release. */
void keys_free(key_set *ks);

#endif /* MIPFB_TOOL_KEYS_H */
