/*
 * Mobility Header decoder (RFC 6275 6.1, 9.2; wire.md 4.1, 4.3, 4.7): the
 * header, the fixed parts of BRR, BU, BA and BE, then the options through
 * the iterator of mh_opt.c.
 */
#include <string.h>

#include "../core/rd.h"
#include "codepoints_int.h"
#include "mh_int.h"

/* Minimum Header Len of each type: 8 x (min + 1) covers header and fixed part. */
size_t mh_opts_start(uint8_t type) {
  switch (type) {
  case MIPFB_MH_BRR:
    return 8;
  case MIPFB_MH_BU:
  case MIPFB_MH_BA:
    return 12;
  case MIPFB_MH_BE:
    return 24;
  default:
    return 0;
  }
}

static void fixed_part(mipfb_mh_msg *m, const uint8_t *p) {
  m->seq = 0;
  m->flags = 0;
  m->lifetime = 0;
  m->status = 0;
  memset(m->hoa, 0, sizeof m->hoa);
  switch (m->type) {
  case MIPFB_MH_BU: /* Seq(2) Flags(2) Lifetime(2) */
    m->seq = mipfb_ld_be16(p + 6);
    m->flags = mipfb_ld_be16(p + 8);
    m->lifetime = mipfb_ld_be16(p + 10);
    break;
  case MIPFB_MH_BA: /* Status Flags Seq(2) Lifetime(2) */
    m->status = p[6];
    m->flags = p[7];
    m->seq = mipfb_ld_be16(p + 8);
    m->lifetime = mipfb_ld_be16(p + 10);
    break;
  case MIPFB_MH_BE: /* Status Reserved HoA(16) */
    m->status = p[6];
    memcpy(m->hoa, p + 8, 16);
    break;
  default: /* BRR: Reserved(2) */
    break;
  }
}

static int parse_opts(mipfb_mh_msg *m, mipfb_mh_opt *opt, size_t cap, const uint8_t *p, size_t total,
                      const mipfb_codepoints *cp, mipfb_diag *diag) {
  mipfb_mh_opt_iter it;
  mipfb_mh_raw_opt raw;
  mh_seen seen = {0};
  size_t n = 0;
  int rv;
  mipfb_mh_opt_iter_init(&it, p, mh_opts_start(m->type), total);
  while ((rv = mipfb_mh_opt_next(&it, &raw, diag)) == 0) {
    if (n == cap) {
      return mipfb_fail(diag, MIPFB_ERR_NOBUF, raw.offset, "more options than the caller's array holds");
    }
    rv = 0;
    if ((cp->options & MIPFB_CP_FLOWID_LEN_UNITS8) != 0 && cp->profile == MIPFB_PROFILE_DRAFT &&
        raw.type == cp->mh_opt_flow_id && cp->mh_opt_flow_id != 0) {
      rv = mh_flow_draft_units8(&it, &raw, diag);
    }
    if (rv == 0) {
      rv = mh_opt_parse(&opt[n], &raw, cp, diag);
    }
    seen.prev = opt;
    seen.n_prev = n;
    if (rv == 0) {
      rv = mh_opt_check(&seen, m, &opt[n], raw.offset, cp, diag);
    }
    if (rv < 0) {
      return rv;
    }
    if (seen.auth && it.pos != total) {
      return mipfb_fail(diag, MIPFB_ERR_BAD_ORDER, it.pos,
                        "Binding Authorization Data option MUST be last, with no padding after it "
                        "(RFC 6275 6.2.7)");
    }
    n++;
  }
  if (rv != MIPFB_ERR_EOF) {
    return rv;
  }
  m->opt = opt;
  m->n_opt = n;
  return 0;
}

mipfb_ssize mipfb_mh_decode(mipfb_mh_msg *msg, mipfb_mh_opt *opt, size_t opt_cap, const uint8_t *in, size_t len,
                            const uint8_t *src, const uint8_t *dst, const mipfb_codepoints *cp,
                            mipfb_diag *diag) {
  size_t total, start;
  int rv;
  if (msg == NULL || (in == NULL && len != 0) || (opt == NULL && opt_cap != 0)) {
    return mipfb_fail(diag, MIPFB_ERR_INVALID_ARG, 0, "NULL argument");
  }
  cp = mipfb_cp_or_default(cp);
  if (len < 8) {
    return mipfb_fail(diag, MIPFB_ERR_TRUNCATED, len < 4 ? len : len < 6 ? 4 : 6,
                      "Mobility Header: fewer than 8 octets (RFC 6275 6.1.1)");
  }
  if (in[0] != MIPFB_MH_PAYLOAD_PROTO) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, 0,
                      "Mobility Header: Payload Proto MUST be 59 (IPPROTO_NONE) (RFC 6275 6.1.1, 9.2)");
  }
  total = 8 * ((size_t)in[1] + 1);
  msg->type = in[2];
  start = mh_opts_start(msg->type);
  if (start == 0) {
    return mipfb_fail(diag, MIPFB_ERR_UNSUPPORTED, 2,
                      "Mobility Header: MH Type not known here; RFC 6275 9.2: discard and send a Binding "
                      "Error with Status 2");
  }
  if (total < start) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_LENGTH, 1,
                      "Mobility Header: Header Len below the minimum for the MH Type (RFC 6275 9.2, wire.md 4.3)");
  }
  if (len < total) {
    return mipfb_fail(diag, MIPFB_ERR_TRUNCATED, 1,
                      "Mobility Header: input shorter than Header Len declares (RFC 6275 6.1.1)");
  }
  msg->checksum = mipfb_ld_be16(in + MH_CKSUM_OFF);
  if (src != NULL && dst != NULL && mipfb_mh_checksum(in, total, src, dst) != msg->checksum) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_CHECKSUM, MH_CKSUM_OFF,
                      "Mobility Header: Checksum does not verify over the IPv6 pseudo-header (RFC 6275 6.1.1)");
  }
  fixed_part(msg, in);
  rv = parse_opts(msg, opt, opt_cap, in, total, cp, diag);
  if (rv < 0) {
    return rv;
  }
  return (mipfb_ssize)total;
}

int mipfb_mh_bu_o_flag(const mipfb_mh_msg *msg, const mipfb_codepoints *cp) {
  cp = mipfb_cp_or_default(cp);
  return msg != NULL && msg->type == MIPFB_MH_BU && cp->mh_bu_flag_o != 0 && (msg->flags & MIPFB_MH_BU_P) == 0 &&
         (msg->flags & cp->mh_bu_flag_o) != 0;
}
