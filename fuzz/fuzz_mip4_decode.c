/*
 * fuzz_mip4_decode: mipfb_mip4_decode on arbitrary bytes.
 *
 * Input: one selector byte, then the UDP payload.
 *   bit 0     code-point profile: 0 RFC, 1 draft
 *   bit 1     MIPFB_CP_STRICT_RESERVED
 *   bit 2     small extension array: capacity = selector >> 3 (0..31),
 *             otherwise 32 entries
 * On success the decoded message must be consistent with its input (views
 * inside it, offsets increasing, values in their ranges), re-encodable
 * (mipfb_mip4_encoded_len), and every authentication extension verifies or
 * fails cleanly with a fixed key. On failure the diagnostic must be filled.
 */
#include "fuzz_common.h"

#define EXT_CAP 32

static const uint8_t fuzz_key_secret[] = {'s', 'e', 'c', 'r', 'e', 't'};

static void check_ext(const mipfb_mip4_msg *msg, const mipfb_mip4_ext *e, const uint8_t *in, size_t len,
                      size_t fixed, const mipfb_codepoints *cp) {
  FUZZ_CHECK(e->offset >= fixed);
  FUZZ_CHECK(e->offset < len);
  FUZZ_CHECK(in[e->offset] == e->type);
  switch (e->kind) {
  case MIPFB_MIP4_EXT_UNKNOWN:
    FUZZ_CHECK(e->type >= 128);
    FUZZ_CHECK(fuzz_view_inside(e->u.unknown, in, len));
    FUZZ_CHECK(e->u.unknown.len <= 255);
    break;
  case MIPFB_MIP4_EXT_MULTIPATH:
    FUZZ_CHECK(e->type == cp->mip4_ext_multipath);
    FUZZ_CHECK(msg->type == MIPFB_MIP4_RRQ);
    FUZZ_CHECK(e->u.multipath.if_label != 0);
    FUZZ_CHECK(e->u.multipath.bid >= 1 && e->u.multipath.bid <= 254);
    FUZZ_CHECK(e->u.multipath.b <= 1 && e->u.multipath.o <= 1);
    FUZZ_CHECK(!(e->u.multipath.b && e->u.multipath.o));
    FUZZ_CHECK(!(e->u.multipath.o && msg->lifetime == 0));
    break;
  case MIPFB_MIP4_EXT_FLOW_BINDING: {
    const mipfb_mip4_flow_binding *fb = &e->u.flow_binding;
    uint8_t i;
    FUZZ_CHECK(e->type == cp->mip4_ext_multipath);
    FUZZ_CHECK(fb->action == cp->mip4_fb_drop || fb->action == cp->mip4_fb_forward);
    FUZZ_CHECK(fb->bid_count >= 1 && fb->bid_count <= MIPFB_MIP4_FB_MAX_BIDS);
    if (fb->action == cp->mip4_fb_drop && fb->action != cp->mip4_fb_forward) {
      FUZZ_CHECK(fb->bid_count == 1);
    } else {
      for (i = 0; i < fb->bid_count; i++) {
        FUZZ_CHECK(fb->bids[i] >= 1 && fb->bids[i] <= 254);
      }
    }
    FUZZ_CHECK(fb->ts.format == MIPFB_TS_FORMAT_IPV4 || fb->ts.format == MIPFB_TS_FORMAT_IPV6);
    FUZZ_CHECK(mipfb_ts_check(&fb->ts, NULL) == 0);
    break;
  }
  case MIPFB_MIP4_EXT_MTUNNEL:
    FUZZ_CHECK(cp->mip4_ext_mtunnel != 0 && e->type == cp->mip4_ext_mtunnel);
    FUZZ_CHECK(msg->type == MIPFB_MIP4_RRQ);
    FUZZ_CHECK(e->u.mtunnel.b <= 1 && e->u.mtunnel.o <= 1);
    FUZZ_CHECK(e->u.mtunnel.bw_len == 0 || e->u.mtunnel.bw_len == 2 || e->u.mtunnel.bw_len == 4);
    break;
  case MIPFB_MIP4_EXT_MN_HA_AUTH:
  case MIPFB_MIP4_EXT_MN_FA_AUTH:
  case MIPFB_MIP4_EXT_FA_HA_AUTH: {
    mipfb_hmac_md5_key key;
    int v;
    FUZZ_CHECK(e->type == (e->kind == MIPFB_MIP4_EXT_MN_HA_AUTH   ? MIPFB_MIP4_EXT_TYPE_MN_HA
                           : e->kind == MIPFB_MIP4_EXT_MN_FA_AUTH ? MIPFB_MIP4_EXT_TYPE_MN_FA
                                                                  : MIPFB_MIP4_EXT_TYPE_FA_HA));
    FUZZ_CHECK(e->u.auth.key == NULL);
    FUZZ_CHECK(fuzz_view_inside(e->u.auth.authenticator, in, len));
    mipfb_hmac_md5_key_init(&key, fuzz_key_secret, sizeof fuzz_key_secret);
    v = mipfb_mip4_auth_verify(in, len, e, &key);
    FUZZ_CHECK(v == 0 || v == MIPFB_ERR_AUTH);
    if (e->u.auth.authenticator.len != MIPFB_MD5_LEN) {
      FUZZ_CHECK(v == MIPFB_ERR_AUTH);
    }
    break;
  }
  case MIPFB_MIP4_EXT_NAI:
    FUZZ_CHECK(e->type == MIPFB_MIP4_EXT_TYPE_NAI);
    FUZZ_CHECK(e->u.nai.len >= 1 && e->u.nai.len <= 255);
    FUZZ_CHECK(fuzz_view_inside(e->u.nai, in, len));
    break;
  default:
    FUZZ_FAIL("unknown extension kind");
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  uint8_t sel;
  const uint8_t *in;
  size_t len, cap, i, fixed, prev;
  mipfb_codepoints cp;
  mipfb_mip4_ext ext[EXT_CAP];
  mipfb_mip4_msg msg;
  mipfb_diag diag;
  mipfb_ssize r, elen;
  int seen_mn_ha = 0;

  if (fuzz_split(data, size, &sel, &in, &len) != 0) {
    return 0;
  }

  fuzz_codepoints(&cp, sel);
  cap = (sel & 4u) ? (size_t)(sel >> 3) : (size_t)EXT_CAP;

  diag.err = 1;
  diag.offset = (size_t)-1;
  diag.detail = NULL;
  r = mipfb_mip4_decode(&msg, cap ? ext : NULL, cap, in, len, &cp, &diag);
  if (r < 0) {
    FUZZ_CHECK(fuzz_is_decode_error(r));
    FUZZ_CHECK(diag.err == (int)r);
    FUZZ_CHECK(diag.offset <= len);
    FUZZ_CHECK(diag.detail != NULL);
    return 0;
  }

  /* Success: the diagnostic is untouched, the message is consistent. */
  FUZZ_CHECK((size_t)r == len);
  FUZZ_CHECK(diag.err == 1 && diag.offset == (size_t)-1 && diag.detail == NULL);
  FUZZ_CHECK(msg.type == MIPFB_MIP4_RRQ || msg.type == MIPFB_MIP4_RRP);
  fixed = msg.type == MIPFB_MIP4_RRQ ? (size_t)MIPFB_MIP4_RRQ_LEN : (size_t)MIPFB_MIP4_RRP_LEN;
  FUZZ_CHECK(len >= fixed);
  FUZZ_CHECK(msg.n_ext <= cap);
  FUZZ_CHECK(msg.n_ext == 0 || msg.ext == ext);
  if ((cp.options & MIPFB_CP_STRICT_RESERVED) && msg.type == MIPFB_MIP4_RRQ) {
    FUZZ_CHECK((msg.flags & (MIPFB_MIP4_FLAG_R | MIPFB_MIP4_FLAG_X)) == 0);
  }
  prev = 0;
  for (i = 0; i < msg.n_ext; i++) {
    const mipfb_mip4_ext *e = &msg.ext[i];
    FUZZ_CHECK(i == 0 || e->offset > prev);
    prev = e->offset;
    check_ext(&msg, e, in, len, fixed, &cp);
    if (e->kind == MIPFB_MIP4_EXT_MN_HA_AUTH) {
      seen_mn_ha = 1;
    } else if (e->kind == MIPFB_MIP4_EXT_MULTIPATH || e->kind == MIPFB_MIP4_EXT_FLOW_BINDING ||
               e->kind == MIPFB_MIP4_EXT_MTUNNEL || e->kind == MIPFB_MIP4_EXT_NAI) {
      FUZZ_CHECK(!seen_mn_ha);
    }
    /* mipfb_mip4_find returns the first entry of a kind. */
    {
      const mipfb_mip4_ext *f = mipfb_mip4_find(&msg, e->kind);
      FUZZ_CHECK(f != NULL && f <= e && f->kind == e->kind);
    }
  }
  if (msg.n_ext == 0) {
    FUZZ_CHECK(len == fixed);
  }

  elen = mipfb_mip4_encoded_len(&msg, &cp);
  FUZZ_CHECK(elen >= 0);
  return 0;
}
