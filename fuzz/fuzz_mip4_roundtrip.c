/*
 * fuzz_mip4_roundtrip: decode -> encode -> decode -> compare -> encode.
 *
 * Input: one selector byte (bit 0 draft profile, bit 1 strict reserved
 * bits), then the UDP payload. When the payload decodes:
 *   - mipfb_mip4_encoded_len gives its length, mipfb_mip4_encode writes
 *     exactly that into an exact-size buffer (one octet less: NOBUF);
 *   - the encoding decodes to the same message, field by field (views by
 *     content), and encodes again to the same bytes;
 *   - encoding with a key on every authentication extension gives a message
 *     that decodes and whose authenticators all verify with that key.
 */
#include "fuzz_common.h"

#define EXT_CAP 32

static const uint8_t fuzz_key_secret[] = {'s', 'e', 'c', 'r', 'e', 't'};

static int is_auth(mipfb_mip4_ext_kind k) {
  return k == MIPFB_MIP4_EXT_MN_HA_AUTH || k == MIPFB_MIP4_EXT_MN_FA_AUTH || k == MIPFB_MIP4_EXT_FA_HA_AUTH;
}

static void compare_ext(const mipfb_mip4_ext *a, const mipfb_mip4_ext *b) {
  FUZZ_CHECK(a->kind == b->kind);
  FUZZ_CHECK(a->type == b->type);
  FUZZ_CHECK(a->offset == b->offset);
  switch (a->kind) {
  case MIPFB_MIP4_EXT_UNKNOWN:
    FUZZ_CHECK(fuzz_vec_equal(a->u.unknown, b->u.unknown));
    break;
  case MIPFB_MIP4_EXT_MULTIPATH:
    FUZZ_CHECK(a->u.multipath.if_att == b->u.multipath.if_att);
    FUZZ_CHECK(a->u.multipath.if_label == b->u.multipath.if_label);
    FUZZ_CHECK(a->u.multipath.bid == b->u.multipath.bid);
    FUZZ_CHECK(a->u.multipath.b == b->u.multipath.b);
    FUZZ_CHECK(a->u.multipath.o == b->u.multipath.o);
    break;
  case MIPFB_MIP4_EXT_FLOW_BINDING: {
    const mipfb_mip4_flow_binding *x = &a->u.flow_binding, *y = &b->u.flow_binding;
    FUZZ_CHECK(x->action == y->action);
    FUZZ_CHECK(x->bid_count == y->bid_count);
    FUZZ_CHECK(x->bid_count <= MIPFB_MIP4_FB_MAX_BIDS);
    FUZZ_CHECK(memcmp(x->bids, y->bids, x->bid_count) == 0);
    FUZZ_CHECK(fuzz_ts_equal(&x->ts, &y->ts));
    break;
  }
  case MIPFB_MIP4_EXT_MTUNNEL:
    FUZZ_CHECK(a->u.mtunnel.if_type == b->u.mtunnel.if_type);
    FUZZ_CHECK(a->u.mtunnel.bid == b->u.mtunnel.bid);
    FUZZ_CHECK(a->u.mtunnel.b == b->u.mtunnel.b);
    FUZZ_CHECK(a->u.mtunnel.o == b->u.mtunnel.o);
    FUZZ_CHECK(a->u.mtunnel.bw_len == b->u.mtunnel.bw_len);
    if (a->u.mtunnel.bw_len != 0) {
      FUZZ_CHECK(a->u.mtunnel.bandwidth == b->u.mtunnel.bandwidth);
    }
    break;
  case MIPFB_MIP4_EXT_MN_HA_AUTH:
  case MIPFB_MIP4_EXT_MN_FA_AUTH:
  case MIPFB_MIP4_EXT_FA_HA_AUTH:
    FUZZ_CHECK(a->u.auth.spi == b->u.auth.spi);
    FUZZ_CHECK(fuzz_vec_equal(a->u.auth.authenticator, b->u.auth.authenticator));
    break;
  case MIPFB_MIP4_EXT_NAI:
    FUZZ_CHECK(fuzz_vec_equal(a->u.nai, b->u.nai));
    break;
  default:
    FUZZ_FAIL("unknown extension kind");
  }
}

static void compare_msg(const mipfb_mip4_msg *a, const mipfb_mip4_msg *b) {
  size_t i;
  FUZZ_CHECK(a->type == b->type);
  if (a->type == MIPFB_MIP4_RRQ) {
    FUZZ_CHECK(a->flags == b->flags);
    FUZZ_CHECK(a->coa == b->coa);
  } else {
    FUZZ_CHECK(a->code == b->code);
  }
  FUZZ_CHECK(a->lifetime == b->lifetime);
  FUZZ_CHECK(a->hoa == b->hoa);
  FUZZ_CHECK(a->ha == b->ha);
  FUZZ_CHECK(a->id == b->id);
  FUZZ_CHECK(a->n_ext == b->n_ext);
  for (i = 0; i < a->n_ext; i++) {
    compare_ext(&a->ext[i], &b->ext[i]);
  }
}

/* Encode into an exact-size heap buffer (so ASan sees any overrun). */
static uint8_t *encode_exact(const mipfb_mip4_msg *msg, const mipfb_codepoints *cp, size_t *outlen) {
  mipfb_ssize n, w;
  uint8_t *buf;
  mipfb_diag diag;

  n = mipfb_mip4_encoded_len(msg, cp);
  FUZZ_CHECK(n >= 0); /* a decoded message is encodable */
  FUZZ_CHECK(n >= MIPFB_MIP4_RRP_LEN);
  buf = (uint8_t *)malloc((size_t)n);
  FUZZ_CHECK(buf != NULL);
  if (n > 0) {
    diag.detail = NULL;
    FUZZ_CHECK(mipfb_mip4_encode(buf, (size_t)n - 1u, msg, cp, &diag) == MIPFB_ERR_NOBUF);
  }
  w = mipfb_mip4_encode(buf, (size_t)n, msg, cp, NULL);
  FUZZ_CHECK(w == n);
  *outlen = (size_t)n;
  return buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  uint8_t sel;
  const uint8_t *in;
  size_t len, len1, len2, len3, i;
  mipfb_codepoints cp;
  mipfb_mip4_ext ext1[EXT_CAP], ext2[EXT_CAP], ext3[EXT_CAP];
  mipfb_mip4_msg msg1, msg2, msg3;
  mipfb_hmac_md5_key key;
  mipfb_ssize r;
  uint8_t *enc1, *enc2, *enc3;
  size_t n_auth = 0;

  if (fuzz_split(data, size, &sel, &in, &len) != 0) {
    return 0;
  }

  fuzz_codepoints(&cp, sel);

  memset(&msg1, 0, sizeof msg1);
  memset(ext1, 0, sizeof ext1);
  r = mipfb_mip4_decode(&msg1, ext1, EXT_CAP, in, len, &cp, NULL);
  if (r < 0) {
    return 0;
  }
  FUZZ_CHECK((size_t)r == len);

  /* encode(decode(in)) has the input's length and decodes to the same message. */
  enc1 = encode_exact(&msg1, &cp, &len1);
  FUZZ_CHECK(len1 == len);
  memset(&msg2, 0, sizeof msg2);
  memset(ext2, 0, sizeof ext2);
  r = mipfb_mip4_decode(&msg2, ext2, EXT_CAP, enc1, len1, &cp, NULL);
  FUZZ_CHECK(r >= 0 && (size_t)r == len1);
  compare_msg(&msg1, &msg2);

  /* A second encoding is byte-identical to the first. */
  enc2 = encode_exact(&msg2, &cp, &len2);
  FUZZ_CHECK(len2 == len1);
  FUZZ_CHECK(memcmp(enc1, enc2, len1) == 0);

  /* Encoding with a key: every authenticator verifies. */
  mipfb_hmac_md5_key_init(&key, fuzz_key_secret, sizeof fuzz_key_secret);
  msg3 = msg1;
  memcpy(ext3, ext1, sizeof ext3);
  msg3.ext = ext3;
  for (i = 0; i < msg3.n_ext; i++) {
    if (is_auth(ext3[i].kind)) {
      ext3[i].u.auth.key = &key;
      n_auth++;
    }
  }
  if (n_auth > 0) {
    enc3 = encode_exact(&msg3, &cp, &len3);
    memset(&msg3, 0, sizeof msg3);
    r = mipfb_mip4_decode(&msg3, ext3, EXT_CAP, enc3, len3, &cp, NULL);
    FUZZ_CHECK(r >= 0 && (size_t)r == len3);
    for (i = 0; i < msg3.n_ext; i++) {
      if (is_auth(ext3[i].kind)) {
        FUZZ_CHECK(ext3[i].u.auth.authenticator.len == MIPFB_MD5_LEN);
        FUZZ_CHECK(mipfb_mip4_auth_verify(enc3, len3, &ext3[i], &key) == 0);
      }
    }
    free(enc3);
  }

  free(enc1);
  free(enc2);
  return 0;
}
