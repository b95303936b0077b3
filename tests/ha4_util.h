/* Helpers of the MIPv4 home agent suites: an agent on a fake host with a
   virtual clock, Registration Requests built with the codec and signed
   with the node's key, the last reply decoded and verified, snapshots of
   a node's state. */
#ifndef TESTS_HA4_UTIL_H
#define TESTS_HA4_UTIL_H

#include <mipfb/ha4.h>
#include <mipfb/mip4.h>

#include "fake_host.h"

#define T_HA 0x0a000001u   /* 10.0.0.1 */
#define T_HOA 0x0a000064u  /* 10.0.0.100 */
#define T_HOA2 0x0a000065u /* 10.0.0.101 */
#define T_COA1 0xc0a80102u /* 192.168.1.2 (Wi-Fi) */
#define T_COA2 0xac100002u /* 172.16.0.2 (LTE) */
#define T_COA3 0x64400003u /* 100.64.0.3 (CDMA) */
#define T_SPI 0x1000u
#define T_SPI_NOMP 0x1001u /* a security association without multipath */
#define T_MAX_EXT 40

extern const uint8_t T_KEY[16];

/* An agent under test. */
typedef struct ha4t {
  fake_host h;
  mipfb_ha4 *ha;
  void *mem;
  uint64_t now;
  uint64_t seq; /* added to the NTP time of each new Identification */
  mipfb_ha4_config cfg;
} ha4t;

/* A request being built. */
typedef struct rq {
  mipfb_mip4_msg m;
  mipfb_mip4_ext ext[T_MAX_EXT];
  mipfb_hmac_md5_key key;
  uint32_t spi;
  int no_auth;
  uint8_t buf[2048];
  size_t len;
} rq;

/* Default config (T_HA, small pools) into *cfg. */
void ha4t_config(mipfb_ha4_config *cfg);
/* Init with cfg (NULL: ha4t_config), keys T_SPI (multipath) and T_SPI_NOMP
   for every node; now = 1000000 ms. Fails the test on error. */
void ha4t_init(ha4t *t, const mipfb_ha4_config *cfg);
void ha4t_free(ha4t *t);
/* A fresh Identification: the fake host's NTP time plus a counter. */
uint64_t ha4t_id(ha4t *t);

/* RRQ hoa/coa/lifetime to T_HA with a fresh Identification, key T_KEY,
   SPI T_SPI. */
void rq_init(rq *r, ha4t *t, uint32_t hoa, uint32_t coa, uint16_t lifetime);
void rq_mp(rq *r, uint8_t bid, uint8_t if_att, uint8_t if_label, int b, int o);
/* A Flow-Binding extension: action MIPFB_ACTION_*, BIDs, selector. */
void rq_fb(rq *r, int action, const uint8_t *bids, unsigned n, const mipfb_ts *ts);
void rq_nai(rq *r, const char *nai);
/* Encode (appends the MN-HA authentication extension unless no_auth). */
size_t rq_encode(rq *r);
/* Encode, then mipfb_ha4_input from the CoA, UDP 434 -> 434. */
int rq_send(ha4t *t, rq *r);
/* Give raw bytes to the agent as if from T_COA1. */
int ha4t_input_raw(ha4t *t, const uint8_t *msg, size_t len);
/* Recompute the MN-HA authenticator of a raw request whose last 22 octets
   are the MN-HA authentication extension. */
void resign(uint8_t *msg, size_t len, const mipfb_hmac_md5_key *key);

/* Decode the last reply sent (fails the test when it does not decode or
   its MN-HA authenticator does not verify with T_KEY). */
void last_reply(const ha4t *t, mipfb_mip4_msg *m, mipfb_mip4_ext *ext, size_t cap);

/* IPv4 selectors. */
mipfb_ts ts_proto_dport(uint8_t proto, uint16_t dport);

/* A node's whole state, for "nothing changed" checks. */
typedef struct snap {
  int found;
  mipfb_ha4_node node;
  size_t n_b, n_r;
  mipfb_ha4_binding b[16];
  mipfb_policy_rule r[16];
  size_t nodes, binds, rules;
} snap;
void snap_take(const ha4t *t, uint32_t hoa, snap *s);
/* Fails the test when the two differ. */
void snap_same(const snap *a, const snap *b);

/* Flow key of an IPv4 packet CN -> MN (to-MN). */
mipfb_flow_key key4(uint32_t src, uint32_t dst, uint8_t proto, uint16_t sport, uint16_t dport);

/* Test cases of the other ha4 files, added to the ha4 suite. */
#include <check.h>
TCase *ha4_binding_tcase(void);
TCase *ha4_expiry_tcase(void);
TCase *ha4_classify_tcase(void);
TCase *ha4_image_tcase(void);

#endif
