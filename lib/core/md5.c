/*
 * MD5 (RFC 1321) and HMAC-MD5 (RFC 2104) with precomputed pad states.
 *
 * MD5 words are little-endian; they are loaded and stored byte by byte with
 * shifts, so the code is the same on little- and big-endian hosts and never
 * depends on the alignment of caller buffers. The compression function is
 * unrolled with the classic F/G/H/I step macros (RFC 1321 section 3.4).
 */
#include <string.h>

#include <mipfb/err.h>
#include <mipfb/md5.h>

/* RFC 1321 section 3.3: initial chaining value (words A, B, C, D). */
#define MD5_IV0 0x67452301u
#define MD5_IV1 0xefcdab89u
#define MD5_IV2 0x98badcfeu
#define MD5_IV3 0x10325476u

/* Bit length (64 + 16) * 8 of the outer HMAC message: opad block + digest. */
#define HMAC_OUTER_BITS 640u

static uint32_t get_le32(const uint8_t *p) {
  return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static void put_le32(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)(v & 0xffu);
  p[1] = (uint8_t)((v >> 8) & 0xffu);
  p[2] = (uint8_t)((v >> 16) & 0xffu);
  p[3] = (uint8_t)((v >> 24) & 0xffu);
}

static void put_digest(uint8_t out[MIPFB_MD5_LEN], const uint32_t h[4]) {
  put_le32(out, h[0]);
  put_le32(out + 4, h[1]);
  put_le32(out + 8, h[2]);
  put_le32(out + 12, h[3]);
}

/* Overwrite memory in a way the compiler may not drop as a dead store. */
static void wipe(void *p, size_t n) {
  volatile uint8_t *v = (volatile uint8_t *)p;
  while (n--) *v++ = 0;
}

/* RFC 1321 section 3.4: auxiliary functions (F and G in their
   one-operation-shorter, equivalent forms). */
#define MD5_F(x, y, z) ((z) ^ ((x) & ((y) ^ (z))))
#define MD5_G(x, y, z) ((y) ^ ((z) & ((x) ^ (y))))
#define MD5_H(x, y, z) ((x) ^ (y) ^ (z))
#define MD5_I(x, y, z) ((y) ^ ((x) | ~(z)))

#define MD5_ROTL(x, s) (((x) << (s)) | ((x) >> (32 - (s))))

/* a = b + ((a + f(b,c,d) + X[k] + T[i]) <<< s) */
#define MD5_STEP(f, a, b, c, d, xk, t, s) \
  do {                                    \
    (a) += f((b), (c), (d)) + (xk) + (t); \
    (a) = MD5_ROTL((a), (s));             \
    (a) += (b);                           \
  } while (0)

/* One 64-octet block into the chaining value h (RFC 1321 section 3.4). */
static void md5_compress(uint32_t h[4], const uint8_t *p) {
  uint32_t x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15;
  uint32_t a = h[0], b = h[1], c = h[2], d = h[3];

  x0 = get_le32(p);
  x1 = get_le32(p + 4);
  x2 = get_le32(p + 8);
  x3 = get_le32(p + 12);
  x4 = get_le32(p + 16);
  x5 = get_le32(p + 20);
  x6 = get_le32(p + 24);
  x7 = get_le32(p + 28);
  x8 = get_le32(p + 32);
  x9 = get_le32(p + 36);
  x10 = get_le32(p + 40);
  x11 = get_le32(p + 44);
  x12 = get_le32(p + 48);
  x13 = get_le32(p + 52);
  x14 = get_le32(p + 56);
  x15 = get_le32(p + 60);

  /* Round 1 */
  MD5_STEP(MD5_F, a, b, c, d, x0, 0xd76aa478u, 7);
  MD5_STEP(MD5_F, d, a, b, c, x1, 0xe8c7b756u, 12);
  MD5_STEP(MD5_F, c, d, a, b, x2, 0x242070dbu, 17);
  MD5_STEP(MD5_F, b, c, d, a, x3, 0xc1bdceeeu, 22);
  MD5_STEP(MD5_F, a, b, c, d, x4, 0xf57c0fafu, 7);
  MD5_STEP(MD5_F, d, a, b, c, x5, 0x4787c62au, 12);
  MD5_STEP(MD5_F, c, d, a, b, x6, 0xa8304613u, 17);
  MD5_STEP(MD5_F, b, c, d, a, x7, 0xfd469501u, 22);
  MD5_STEP(MD5_F, a, b, c, d, x8, 0x698098d8u, 7);
  MD5_STEP(MD5_F, d, a, b, c, x9, 0x8b44f7afu, 12);
  MD5_STEP(MD5_F, c, d, a, b, x10, 0xffff5bb1u, 17);
  MD5_STEP(MD5_F, b, c, d, a, x11, 0x895cd7beu, 22);
  MD5_STEP(MD5_F, a, b, c, d, x12, 0x6b901122u, 7);
  MD5_STEP(MD5_F, d, a, b, c, x13, 0xfd987193u, 12);
  MD5_STEP(MD5_F, c, d, a, b, x14, 0xa679438eu, 17);
  MD5_STEP(MD5_F, b, c, d, a, x15, 0x49b40821u, 22);

  /* Round 2 */
  MD5_STEP(MD5_G, a, b, c, d, x1, 0xf61e2562u, 5);
  MD5_STEP(MD5_G, d, a, b, c, x6, 0xc040b340u, 9);
  MD5_STEP(MD5_G, c, d, a, b, x11, 0x265e5a51u, 14);
  MD5_STEP(MD5_G, b, c, d, a, x0, 0xe9b6c7aau, 20);
  MD5_STEP(MD5_G, a, b, c, d, x5, 0xd62f105du, 5);
  MD5_STEP(MD5_G, d, a, b, c, x10, 0x02441453u, 9);
  MD5_STEP(MD5_G, c, d, a, b, x15, 0xd8a1e681u, 14);
  MD5_STEP(MD5_G, b, c, d, a, x4, 0xe7d3fbc8u, 20);
  MD5_STEP(MD5_G, a, b, c, d, x9, 0x21e1cde6u, 5);
  MD5_STEP(MD5_G, d, a, b, c, x14, 0xc33707d6u, 9);
  MD5_STEP(MD5_G, c, d, a, b, x3, 0xf4d50d87u, 14);
  MD5_STEP(MD5_G, b, c, d, a, x8, 0x455a14edu, 20);
  MD5_STEP(MD5_G, a, b, c, d, x13, 0xa9e3e905u, 5);
  MD5_STEP(MD5_G, d, a, b, c, x2, 0xfcefa3f8u, 9);
  MD5_STEP(MD5_G, c, d, a, b, x7, 0x676f02d9u, 14);
  MD5_STEP(MD5_G, b, c, d, a, x12, 0x8d2a4c8au, 20);

  /* Round 3 */
  MD5_STEP(MD5_H, a, b, c, d, x5, 0xfffa3942u, 4);
  MD5_STEP(MD5_H, d, a, b, c, x8, 0x8771f681u, 11);
  MD5_STEP(MD5_H, c, d, a, b, x11, 0x6d9d6122u, 16);
  MD5_STEP(MD5_H, b, c, d, a, x14, 0xfde5380cu, 23);
  MD5_STEP(MD5_H, a, b, c, d, x1, 0xa4beea44u, 4);
  MD5_STEP(MD5_H, d, a, b, c, x4, 0x4bdecfa9u, 11);
  MD5_STEP(MD5_H, c, d, a, b, x7, 0xf6bb4b60u, 16);
  MD5_STEP(MD5_H, b, c, d, a, x10, 0xbebfbc70u, 23);
  MD5_STEP(MD5_H, a, b, c, d, x13, 0x289b7ec6u, 4);
  MD5_STEP(MD5_H, d, a, b, c, x0, 0xeaa127fau, 11);
  MD5_STEP(MD5_H, c, d, a, b, x3, 0xd4ef3085u, 16);
  MD5_STEP(MD5_H, b, c, d, a, x6, 0x04881d05u, 23);
  MD5_STEP(MD5_H, a, b, c, d, x9, 0xd9d4d039u, 4);
  MD5_STEP(MD5_H, d, a, b, c, x12, 0xe6db99e5u, 11);
  MD5_STEP(MD5_H, c, d, a, b, x15, 0x1fa27cf8u, 16);
  MD5_STEP(MD5_H, b, c, d, a, x2, 0xc4ac5665u, 23);

  /* Round 4 */
  MD5_STEP(MD5_I, a, b, c, d, x0, 0xf4292244u, 6);
  MD5_STEP(MD5_I, d, a, b, c, x7, 0x432aff97u, 10);
  MD5_STEP(MD5_I, c, d, a, b, x14, 0xab9423a7u, 15);
  MD5_STEP(MD5_I, b, c, d, a, x5, 0xfc93a039u, 21);
  MD5_STEP(MD5_I, a, b, c, d, x12, 0x655b59c3u, 6);
  MD5_STEP(MD5_I, d, a, b, c, x3, 0x8f0ccc92u, 10);
  MD5_STEP(MD5_I, c, d, a, b, x10, 0xffeff47du, 15);
  MD5_STEP(MD5_I, b, c, d, a, x1, 0x85845dd1u, 21);
  MD5_STEP(MD5_I, a, b, c, d, x8, 0x6fa87e4fu, 6);
  MD5_STEP(MD5_I, d, a, b, c, x15, 0xfe2ce6e0u, 10);
  MD5_STEP(MD5_I, c, d, a, b, x6, 0xa3014314u, 15);
  MD5_STEP(MD5_I, b, c, d, a, x13, 0x4e0811a1u, 21);
  MD5_STEP(MD5_I, a, b, c, d, x4, 0xf7537e82u, 6);
  MD5_STEP(MD5_I, d, a, b, c, x11, 0xbd3af235u, 10);
  MD5_STEP(MD5_I, c, d, a, b, x2, 0x2ad7d2bbu, 15);
  MD5_STEP(MD5_I, b, c, d, a, x9, 0xeb86d391u, 21);

  h[0] += a;
  h[1] += b;
  h[2] += c;
  h[3] += d;
}

void mipfb_md5_init(mipfb_md5 *ctx) {
  ctx->h[0] = MD5_IV0;
  ctx->h[1] = MD5_IV1;
  ctx->h[2] = MD5_IV2;
  ctx->h[3] = MD5_IV3;
  ctx->nbytes = 0;
}

void mipfb_md5_update(mipfb_md5 *ctx, const void *data, size_t len) {
  const uint8_t *p = (const uint8_t *)data;
  size_t used = (size_t)(ctx->nbytes & 63u);

  if (len == 0) return;
  ctx->nbytes += (uint64_t)len;

  if (used != 0) {
    size_t room = 64 - used;
    if (len < room) {
      memcpy(ctx->buf + used, p, len);
      return;
    }
    memcpy(ctx->buf + used, p, room);
    md5_compress(ctx->h, ctx->buf);
    p += room;
    len -= room;
  }
  while (len >= 64) {
    md5_compress(ctx->h, p);
    p += 64;
    len -= 64;
  }
  if (len != 0) memcpy(ctx->buf, p, len);
}

/* RFC 1321 sections 3.1 and 3.2: append 0x80, zeros to 56 mod 64, then the
   message length in bits as a little-endian 64-bit value. */
void mipfb_md5_final(mipfb_md5 *ctx, uint8_t out[MIPFB_MD5_LEN]) {
  uint64_t bits = ctx->nbytes << 3;
  size_t used = (size_t)(ctx->nbytes & 63u);

  ctx->buf[used++] = 0x80;
  if (used > 56) {
    memset(ctx->buf + used, 0, 64 - used);
    md5_compress(ctx->h, ctx->buf);
    used = 0;
  }
  memset(ctx->buf + used, 0, 56 - used);
  put_le32(ctx->buf + 56, (uint32_t)(bits & 0xffffffffu));
  put_le32(ctx->buf + 60, (uint32_t)(bits >> 32));
  md5_compress(ctx->h, ctx->buf);
  put_digest(out, ctx->h);
}

/* RFC 2104 section 2: hash keys longer than B = 64 octets, pad with zeros to
   B, and run one compression over K xor ipad and one over K xor opad. */
void mipfb_hmac_md5_key_init(mipfb_hmac_md5_key *key, const uint8_t *secret, size_t len) {
  uint8_t k[64];
  uint8_t block[64];
  size_t i;

  memset(k, 0, sizeof k);
  if (len > 64) {
    mipfb_md5 md;
    mipfb_md5_init(&md);
    mipfb_md5_update(&md, secret, len);
    mipfb_md5_final(&md, k);
    wipe(&md, sizeof md);
  } else if (len != 0) {
    memcpy(k, secret, len);
  }

  for (i = 0; i < 64; i++) block[i] = (uint8_t)(k[i] ^ 0x36u);
  key->ih[0] = MD5_IV0;
  key->ih[1] = MD5_IV1;
  key->ih[2] = MD5_IV2;
  key->ih[3] = MD5_IV3;
  md5_compress(key->ih, block);

  for (i = 0; i < 64; i++) block[i] = (uint8_t)(k[i] ^ 0x5cu);
  key->oh[0] = MD5_IV0;
  key->oh[1] = MD5_IV1;
  key->oh[2] = MD5_IV2;
  key->oh[3] = MD5_IV3;
  md5_compress(key->oh, block);

  wipe(k, sizeof k);
  wipe(block, sizeof block);
}

void mipfb_hmac_md5_start(mipfb_hmac_md5_ctx *ctx, const mipfb_hmac_md5_key *key) {
  ctx->inner.h[0] = key->ih[0];
  ctx->inner.h[1] = key->ih[1];
  ctx->inner.h[2] = key->ih[2];
  ctx->inner.h[3] = key->ih[3];
  ctx->inner.nbytes = 64; /* the K xor ipad block is already absorbed */
  ctx->key = key;
}

void mipfb_hmac_md5_update(mipfb_hmac_md5_ctx *ctx, const void *data, size_t len) {
  mipfb_md5_update(&ctx->inner, data, len);
}

/* RFC 2104 section 2: H(K xor opad, H(K xor ipad, text)). The outer message
   is the opad block (already in key->oh) plus the 16-octet inner digest, so
   its last block is built directly: digest, 0x80, zeros, 640 bits. */
void mipfb_hmac_md5_final(mipfb_hmac_md5_ctx *ctx, uint8_t out[MIPFB_MD5_LEN]) {
  uint8_t block[64];
  uint32_t h[4];
  const mipfb_hmac_md5_key *key = ctx->key;

  mipfb_md5_final(&ctx->inner, block);
  block[16] = 0x80;
  memset(block + 17, 0, 56 - 17);
  put_le32(block + 56, HMAC_OUTER_BITS);
  put_le32(block + 60, 0);

  h[0] = key->oh[0];
  h[1] = key->oh[1];
  h[2] = key->oh[2];
  h[3] = key->oh[3];
  md5_compress(h, block);
  put_digest(out, h);
}

void mipfb_hmac_md5(const mipfb_hmac_md5_key *key, const void *data, size_t len,
                    uint8_t out[MIPFB_MD5_LEN]) {
  mipfb_hmac_md5_ctx ctx;
  mipfb_hmac_md5_start(&ctx, key);
  mipfb_hmac_md5_update(&ctx, data, len);
  mipfb_hmac_md5_final(&ctx, out);
}

/* Constant time: OR of the XORs of every octet, then a branch-free map of
   the accumulated byte to 0 or MIPFB_ERR_AUTH. */
int mipfb_mac_equal(const uint8_t a[MIPFB_MD5_LEN], const uint8_t b[MIPFB_MD5_LEN]) {
  uint32_t diff = 0;
  uint32_t mask;
  size_t i;

  for (i = 0; i < MIPFB_MD5_LEN; i++) diff |= (uint32_t)(a[i] ^ b[i]);
  /* diff in 0..255: (diff - 1) >> 8 is all ones iff diff == 0; mask = 1 iff different */
  mask = 1u & ~((diff - 1u) >> 8);
  return -(int)mask & (int)MIPFB_ERR_AUTH;
}
