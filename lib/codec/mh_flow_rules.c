/*
 * Rules of the flow binding options that need the message (wire.md 6.1,
 * 6.2; RFC 6089 5.3): FID and FID-PRI not 0, two Flow Identification
 * options with one FID (the receiver rejects all of them), two FIDs with
 * one FID-PRI, Flow Summary FIDs not 0, draft-00 Action and PRO values.
 * State-dependent checks (FID known or not, BID in the cache) belong to
 * the agents.
 */
#include "../core/rd.h"
#include "mh_int.h"

static int check_flow_id(const mh_seen *seen, const mipfb_mh_flow_id *f, size_t off, mipfb_diag *diag) {
  size_t i;
  if (f->fid == 0) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off + 2,
                      "Flow Identification option: FID 0 is reserved (RFC 6089 4.2.2)");
  }
  if (f->pri == 0) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off + 4,
                      "Flow Identification option: FID-PRI 0 is reserved (RFC 6089 4.2.2)");
  }
  for (i = 0; i < seen->n_prev; i++) {
    const mipfb_mh_opt *p = &seen->prev[i];
    if (p->kind != MIPFB_MH_OPT_FLOW_ID) {
      continue;
    }
    if (p->u.flow_id.fid == f->fid) {
      return mipfb_fail(diag, MIPFB_ERR_DUPLICATE, off + 2,
                        "Flow Identification option: two options with one FID; the receiver rejects all of them "
                        "(RFC 6089 5.3, wire.md 6.2)");
    }
    if (p->u.flow_id.pri == f->pri) {
      return mipfb_fail(diag, MIPFB_ERR_DUPLICATE, off + 4,
                        "Flow Identification option: two FIDs with one FID-PRI (RFC 6089 4.2.2, wire.md 6.2)");
    }
  }
  return 0;
}

static int check_summary(const mipfb_vec *s, size_t off, mipfb_diag *diag) {
  size_t i;
  for (i = 0; s->base != NULL && i + 1 < s->len; i += 2) {
    if (mipfb_ld_be16(s->base + i) == 0) {
      return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off + 2 + i,
                        "Flow Summary option: FID 0 is reserved (RFC 6089 4.2.3)");
    }
  }
  return 0;
}

static int check_draft(const mh_seen *seen, const mipfb_mh_msg *m, const mipfb_mh_flow_draft *f, size_t off,
                       mipfb_diag *diag) {
  size_t i;
  if (f->action < MIPFB_MH_FDRAFT_FORWARD || f->action > MIPFB_MH_FDRAFT_NCAST) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off + 5,
                      "draft-00 Flow Identification option: Action MUST be 1 forward, 2 discard or 3 n-cast "
                      "(errata E-10)");
  }
  if (f->pro != MIPFB_MH_FDRAFT_ADD && f->pro != MIPFB_MH_FDRAFT_MODIFY && f->pro != MIPFB_MH_FDRAFT_REFRESH &&
      f->pro != MIPFB_MH_FDRAFT_REMOVE) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off + 7,
                      "draft-00 Flow Identification option: PRO MUST be 0 add, 1 modify, 2 refresh or 15 remove");
  }
  if (m->type == MIPFB_MH_BU && f->action == MIPFB_MH_FDRAFT_NCAST && f->pro != MIPFB_MH_FDRAFT_REMOVE &&
      f->pro != MIPFB_MH_FDRAFT_REFRESH && f->bids.len == 0) {
    return mipfb_fail(diag, MIPFB_ERR_BAD_VALUE, off + 5,
                      "draft-00 Flow Identification option: n-cast needs a Binding Reference sub-option");
  }
  for (i = 0; i < seen->n_prev; i++) {
    if (seen->prev[i].kind == MIPFB_MH_OPT_FLOW_ID_DRAFT && seen->prev[i].u.flow_draft.fid == f->fid) {
      return mipfb_fail(diag, MIPFB_ERR_DUPLICATE, off + 3,
                        "draft-00 Flow Identification option: two options with one FID");
    }
  }
  return 0;
}

int mh_flow_check(const mh_seen *seen, const mipfb_mh_msg *m, const mipfb_mh_opt *o, size_t off,
                  mipfb_diag *diag) {
  switch (o->kind) {
  case MIPFB_MH_OPT_FLOW_ID:
    return check_flow_id(seen, &o->u.flow_id, off, diag);
  case MIPFB_MH_OPT_FLOW_SUMMARY:
    return check_summary(&o->u.flow_summary, off, diag);
  case MIPFB_MH_OPT_FLOW_ID_DRAFT:
    return check_draft(seen, m, &o->u.flow_draft, off, diag);
  default:
    return 0;
  }
}
