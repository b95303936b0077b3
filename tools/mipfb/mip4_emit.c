/* Decoded MIPv4 message -> JSON (cli.md "MIPv4"). */
#include "mip4_emit.h"

#include "mip4_schema.h"
#include "ts_json.h"

static json_t *bids_emit(const uint8_t *bids, size_t n) {
  json_t *a = json_array();
  size_t i;
  for (i = 0; a != NULL && i < n; i++) {
    if (json_array_append_new(a, json_integer(bids[i])) != 0) {
      json_decref(a);
      a = NULL;
    }
  }
  return a;
}

static int flow_binding_emit(json_t *o, const mipfb_mip4_flow_binding *fb, const mipfb_codepoints *cp) {
  const char *action = mip4_action_name(fb->action, cp);
  int rc = json_put(o, "action", action != NULL ? json_string(action) : json_integer(fb->action));
  rc |= json_put(o, "bids", bids_emit(fb->bids, fb->bid_count));
  rc |= json_put(o, "ts_format", json_integer(fb->ts.format));
  rc |= json_put(o, "ts", ts_emit(&fb->ts));
  return rc;
}

/* The parts the field tables do not cover. */
static int ext_emit_more(json_t *o, const mipfb_mip4_ext *e, const mipfb_codepoints *cp) {
  switch (e->kind) {
  case MIPFB_MIP4_EXT_FLOW_BINDING:
    return flow_binding_emit(o, &e->u.flow_binding, cp);
  case MIPFB_MIP4_EXT_MTUNNEL:
    return e->u.mtunnel.bw_len != 0 ? json_put(o, "bandwidth", json_integer(e->u.mtunnel.bandwidth)) : 0;
  default:
    return 0;
  }
}

static json_t *ext_emit(const mipfb_mip4_ext *e, const mipfb_codepoints *cp) {
  const mip4_ext_desc *d = mip4_ext_by_kind(e->kind);
  json_t *o = json_object();
  int type;
  int subtype;
  int rc;
  if (o == NULL || d == NULL) {
    json_decref(o);
    return NULL;
  }
  mip4_ext_codes(e->kind, cp, &type, &subtype);
  rc = json_put(o, "type", json_integer(e->type));
  rc |= json_put(o, "name", json_string(d->name));
  if (subtype >= 0) {
    rc |= json_put(o, "subtype", json_integer(subtype));
  }
  rc |= fields_emit(o, e, d->fields, d->n_fields);
  rc |= ext_emit_more(o, e, cp);
  if (rc != 0) {
    json_decref(o);
    return NULL;
  }
  return o;
}

json_t *mip4_emit(const mipfb_mip4_msg *m, const mipfb_codepoints *cp) {
  const mip4_msg_desc *d = mip4_msg_by_type(m->type);
  json_t *o = json_object();
  json_t *ext = json_array();
  size_t i;
  int rc;
  if (o == NULL || ext == NULL || d == NULL) {
    json_decref(o);
    json_decref(ext);
    return NULL;
  }
  rc = json_put(o, "proto", json_string("mip4"));
  rc |= json_put(o, "msg", json_string(d->name));
  if (d->has_flags) {
    rc |= json_put(o, "flags", flags_emit(m->flags, MIP4_RRQ_FLAGS, MIP4_N_RRQ_FLAGS));
  }
  rc |= fields_emit(o, m, d->fields, d->n_fields);
  for (i = 0; i < m->n_ext; i++) {
    rc |= json_array_append_new(ext, ext_emit(&m->ext[i], cp));
  }
  rc |= json_put(o, "ext", ext);
  if (rc != 0) {
    json_decref(o);
    return NULL;
  }
  return o;
}
