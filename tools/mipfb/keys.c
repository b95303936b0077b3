/* --key SPI:HEX */
#include "keys.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "hex.h"

static key_entry *find(const key_set *ks, uint32_t spi) {
  size_t i;
  for (i = 0; i < ks->n; i++) {
    if (ks->v[i].spi == spi) {
      return &ks->v[i];
    }
  }
  return NULL;
}

int keys_add(key_set *ks, const char *arg) {
  const char *colon = strchr(arg, ':');
  char *end;
  unsigned long long spi;
  uint8_t *secret;
  size_t len;
  key_entry *e;
  if (colon == NULL || colon == arg || arg[0] == '-') {
    return -1;
  }
  errno = 0;
  spi = strtoull(arg, &end, 0);
  if (errno != 0 || end != colon || spi > UINT32_MAX) {
    return -1;
  }
  secret = hex_alloc(colon + 1, strlen(colon + 1), &len);
  if (secret == NULL) {
    return -1;
  }
  e = find(ks, (uint32_t)spi);
  if (e == NULL) {
    key_entry *nv = realloc(ks->v, (ks->n + 1) * sizeof *nv);
    if (nv == NULL) {
      free(secret);
      return -1;
    }
    ks->v = nv;
    e = &ks->v[ks->n++];
  }
  e->spi = (uint32_t)spi;
  mipfb_hmac_md5_key_init(&e->key, secret, len);
  memset(secret, 0, len);
  free(secret);
  return 0;
}

const mipfb_hmac_md5_key *keys_find(const key_set *ks, uint32_t spi) {
  const key_entry *e = find(ks, spi);
  return e != NULL ? &e->key : NULL;
}

void keys_free(key_set *ks) {
  if (ks->v != NULL) {
    memset(ks->v, 0, ks->n * sizeof *ks->v);
  }
  free(ks->v);
  ks->v = NULL;
  ks->n = 0;
}
