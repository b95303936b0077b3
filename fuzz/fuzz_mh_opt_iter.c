/*
 * fuzz_mh_opt_iter: the Mobility Header option iterator on arbitrary bytes,
 * against an independent TLV walk.
 *
 * Input: one byte (the offset of the first option, capped at the input
 * length), then the bytes taken as a whole Mobility Header whose options
 * area runs from that offset to the end. Every option returned must be the
 * next non-padding TLV of the reference walk (same offset, type, view into
 * the input); the iterator must end with MIPFB_ERR_EOF exactly when the
 * walk ends on the area's end, with MIPFB_ERR_TRUNCATED (diag filled, offset
 * inside the area) when a TLV runs past it, and within len + 1 steps.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  uint8_t first;
  const uint8_t *in;
  size_t len, start, pos, steps;
  mipfb_mh_opt_iter it;
  mipfb_mh_raw_opt opt;
  mipfb_diag diag;
  int rv;

  if (fuzz_split(data, size, &first, &in, &len) != 0) {
    return 0;
  }
  start = first;
  if (start > len) {
    start = len;
  }
  mipfb_mh_opt_iter_init(&it, in, start, len);
  pos = start;
  for (steps = 0;; steps++) {
    FUZZ_CHECK(steps <= len + 1);
    /* reference: skip Pad1 / PadN, stop at the end or at a TLV past it */
    while (pos < len && (in[pos] == MIPFB_MH_OPT_PAD1 ||
                         (in[pos] == MIPFB_MH_OPT_PADN && pos + 2 <= len && pos + 2u + in[pos + 1] <= len))) {
      pos += in[pos] == MIPFB_MH_OPT_PAD1 ? 1u : 2u + in[pos + 1];
    }
    diag.err = 1;
    diag.offset = (size_t)-1;
    diag.detail = NULL;
    rv = mipfb_mh_opt_next(&it, &opt, &diag);
    if (pos == len) {
      FUZZ_CHECK(rv == MIPFB_ERR_EOF);
      break;
    }
    if (pos + 2 > len || pos + 2u + in[pos + 1] > len) {
      FUZZ_CHECK(rv == MIPFB_ERR_TRUNCATED);
      FUZZ_CHECK(diag.err == rv && diag.detail != NULL && diag.offset >= start && diag.offset <= len);
      break;
    }
    FUZZ_CHECK(rv == 0);
    FUZZ_CHECK(diag.detail == NULL);
    FUZZ_CHECK(opt.offset == pos && opt.type == in[pos]);
    FUZZ_CHECK(opt.data.len == in[pos + 1]);
    FUZZ_CHECK(opt.data.len == 0 || opt.data.base == in + pos + 2);
    FUZZ_CHECK(fuzz_view_inside(opt.data, in, len));
    pos += 2u + in[pos + 1];
  }
  /* an iterator at its end stays there */
  if (rv == MIPFB_ERR_EOF) {
    FUZZ_CHECK(mipfb_mh_opt_next(&it, &opt, NULL) == MIPFB_ERR_EOF);
  }
  return 0;
}
