/* JSON -> MIPv4 message (cli.md "MIPv4"), the inverse of mip4_emit. */
#include "mip4_parse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hex.h"
#include "mip4_schema.h"
#include "ts_json.h"

static int bids_parse(pctx *c, const json_t *a, mipfb_mip4_flow_binding *fb) {
  size_t i;
  if (!json_is_array(a) || json_array_size(a) > MIPFB_MIP4_FB_MAX_BIDS) {
    return pctx_fail(c, "\"bids\": expected an array of at most %d BIDs", MIPFB_MIP4_FB_MAX_BIDS);
  }
  fb->bid_count = (uint8_t)json_array_size(a);
  for (i = 0; i < fb->bid_count; i++) {
    if (field_store(c, fb->bids, i, FK_U8, "bids", json_array_get(a, i)) != 0) {
      return -1;
    }
  }
  return 0;
}

static int flow_binding_parse(pctx *c, json_t *o, mipfb_mip4_flow_binding *fb) {
  const json_t *bids = json_object_get(o, "bids");
  int action = mip4_action_value(json_string_value(json_object_get(o, "action")), c->cp);
  uint8_t format;
  if (action < 0) {
    return pctx_fail(c, "flow_binding: \"action\" must be \"drop\" or \"forward\"");
  }
  fb->action = (uint8_t)action;
  if (bids == NULL && action == c->cp->mip4_fb_drop) {
    fb->bid_count = 1; /* RFC 7629 4.2: DROP carries one ignored BID, 255 */
    fb->bids[0] = 255;
  } else if (bids_parse(c, bids, fb) != 0) {
    return -1;
  }
  if (fields_parse(c, o, &format, &(const field){"ts_format", 0, FK_U8, 0}, 1) != 0) {
    return -1;
  }
  return ts_parse(c, json_object_get(o, "ts"), format, &fb->ts);
}

static int auth_parse(pctx *c, const json_t *o, mipfb_mip4_auth *a) {
  const json_t *key = json_object_get(o, "key");
  mipfb_hmac_md5_key *k;
  uint8_t *secret;
  size_t len;
  if (key == NULL) {
    return json_object_get(o, "authenticator") != NULL
               ? 0
               : pctx_fail(c, "authentication: give \"key\" or \"authenticator\"");
  }
  secret = json_is_string(key) ? hex_alloc(json_string_value(key), json_string_length(key), &len) : NULL;
  if (secret == NULL) {
    return pctx_fail(c, "\"key\": not a hex octet string");
  }
  k = pctx_alloc(c, sizeof *k);
  if (k != NULL) {
    mipfb_hmac_md5_key_init(k, secret, len);
    a->key = k;
  }
  memset(secret, 0, len);
  free(secret);
  return k != NULL ? 0 : -1;
}

/* The parts the field tables do not cover. */
static int ext_parse_more(pctx *c, json_t *o, mipfb_mip4_ext *e) {
  const json_t *bw;
  switch (e->kind) {
  case MIPFB_MIP4_EXT_FLOW_BINDING:
    return flow_binding_parse(c, o, &e->u.flow_binding);
  case MIPFB_MIP4_EXT_MTUNNEL:
    bw = json_object_get(o, "bandwidth");
    e->u.mtunnel.bw_len = bw != NULL ? 4 : 0;
    return bw != NULL ? field_store(c, &e->u.mtunnel.bandwidth, 0, FK_U32, "bandwidth", bw) : 0;
  case MIPFB_MIP4_EXT_MN_HA_AUTH:
  case MIPFB_MIP4_EXT_MN_FA_AUTH:
  case MIPFB_MIP4_EXT_FA_HA_AUTH:
    return auth_parse(c, o, &e->u.auth);
  default:
    return 0;
  }
}

static int ext_parse(pctx *c, json_t *o, mipfb_mip4_ext *e) {
  const mip4_ext_desc *d = mip4_ext_by_name(json_string_value(json_object_get(o, "name")));
  int type;
  int subtype;
  if (!json_is_object(o) || d == NULL) {
    return pctx_fail(c, "an extension needs a known \"name\"");
  }
  e->kind = d->kind;
  mip4_ext_codes(d->kind, c->cp, &type, &subtype);
  if (type < 0) {
    if (fields_parse(c, o, e, &(const field){"type", offsetof(mipfb_mip4_ext, type), FK_U8, 0}, 1) != 0) {
      return -1;
    }
  } else if (field_check_int(c, o, "type", type, d->name) != 0) {
    return -1;
  } else {
    e->type = (uint8_t)type;
  }
  if (subtype >= 0 && field_check_int(c, o, "subtype", subtype, d->name) != 0) {
    return -1;
  }
  if (fields_parse(c, o, e, d->fields, d->n_fields) != 0) {
    return -1;
  }
  return ext_parse_more(c, o, e);
}

int mip4_parse(pctx *c, json_t *obj, mipfb_mip4_msg *m) {
  const mip4_msg_desc *d = mip4_msg_by_name(json_string_value(json_object_get(obj, "msg")));
  json_t *ext = json_object_get(obj, "ext");
  json_t *flags = json_object_get(obj, "flags");
  unsigned word = 0;
  size_t i;
  memset(m, 0, sizeof *m);
  if (d == NULL) {
    return pctx_fail(c, "\"msg\" must be \"rrq\" or \"rrp\"");
  }
  m->type = d->type;
  if (d->has_flags && flags != NULL &&
      flags_parse(c, flags, "flags", &word, MIP4_RRQ_FLAGS, MIP4_N_RRQ_FLAGS) != 0) {
    return -1;
  }
  m->flags = (uint8_t)word;
  if (fields_parse(c, obj, m, d->fields, d->n_fields) != 0) {
    return -1;
  }
  if (ext == NULL) {
    return 0;
  }
  if (!json_is_array(ext)) {
    return pctx_fail(c, "\"ext\": expected an array");
  }
  m->n_ext = json_array_size(ext);
  m->ext = pctx_alloc(c, m->n_ext * sizeof *m->ext);
  for (i = 0; m->ext != NULL && i < m->n_ext; i++) {
    if (ext_parse(c, json_array_get(ext, i), &m->ext[i]) != 0) {
      size_t len = strlen(c->err);
      snprintf(c->err + len, sizeof c->err - len, " (ext[%zu])", i);
      return -1;
    }
  }
  return m->ext != NULL ? 0 : -1;
}
