/* JSON -> Mobility Header (cli.md "Mobility Header"), the inverse of mh_emit. */
#include "mh_parse.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mipfb/ts.h>

#include "mh_schema.h"
#include "ts_json.h"

#define MH_MAX_TRIAL 2048 /* longest message mipfb_mh_encode writes */
#define PAD1 0
#define PADN 1
#define MH_ID_NAI 1 /* MN-ID / MAG-ID Subtype: Network Access Identifier (RFC 4283) */
#define TS_MAX 64   /* an encoded IPv6 selector with every field */

/* Error from a rule of the codec: its code and detail. */
static int lib_fail(pctx *c, mh_json *out, int code, const mipfb_diag *diag, size_t i) {
  out->lib_err = code;
  return pctx_fail(c, "opts[%zu]: %s", i, diag->detail != NULL ? diag->detail : mipfb_strerror(code));
}

/*
 * An "unknown" option of a type the library may know: decode a message
 * with the same fixed part and only this option (behind the padding that
 * makes it end the message, as Binding Authorization Data must), and take
 * the option the decoder reports.
 */
static int unknown_opt_parse(pctx *c, mh_json *out, size_t i, uint8_t type, mipfb_vec data, mipfb_mh_opt *opt) {
  const mh_msg_desc *d = mh_msg_by_type(out->m.type);
  mipfb_mh_msg fixed = out->m;
  mipfb_mh_msg got;
  mipfb_diag diag = {0, 0, NULL};
  uint8_t *trial = pctx_alloc(c, MH_MAX_TRIAL);
  size_t total;
  size_t pad;
  mipfb_ssize rv;
  if (trial == NULL) {
    return -1;
  }
  fixed.n_opt = 0;
  rv = mipfb_mh_encode(trial, MH_MAX_TRIAL, &fixed, NULL, NULL, c->cp, &diag);
  if (rv < 0) {
    return lib_fail(c, out, (int)rv, &diag, i);
  }
  total = (d->fixed_len + 2 + data.len + 7) / 8 * 8;
  pad = total - d->fixed_len - 2 - data.len;
  memset(trial + d->fixed_len, 0, pad);
  if (pad > 1) {
    trial[d->fixed_len] = PADN;
    trial[d->fixed_len + 1] = (uint8_t)(pad - 2);
  }
  trial[1] = (uint8_t)(total / 8 - 1);
  trial[d->fixed_len + pad] = type;
  trial[d->fixed_len + pad + 1] = (uint8_t)data.len;
  memcpy(trial + d->fixed_len + pad + 2, data.base, data.len);
  rv = mipfb_mh_decode(&got, opt, 1, trial, total, NULL, NULL, c->cp, &diag);
  if (rv < 0) {
    return lib_fail(c, out, (int)rv, &diag, i);
  }
  opt->type = type;
  return 0;
}

/* A list of 16-bit values under `key` (absent: empty when optional) -> network-order octets. */
static int u16_list_parse(pctx *c, const json_t *o, const char *key, int optional, mipfb_vec *v) {
  const json_t *a = json_object_get(o, key);
  uint8_t *p;
  size_t i;
  v->base = NULL;
  v->len = 0;
  if (a == NULL && optional) {
    return 0;
  }
  if (!json_is_array(a) || json_array_size(a) == 0 || json_array_size(a) > UINT8_MAX / 2) {
    return pctx_fail(c, "\"%s\": expected an array of 1 to 127 numbers", key);
  }
  p = pctx_alloc(c, 2 * json_array_size(a));
  for (i = 0; p != NULL && i < json_array_size(a); i++) {
    uint16_t x;
    if (field_store(c, &x, 0, FK_U16, key, json_array_get(a, i)) != 0) {
      return -1;
    }
    p[2 * i] = (uint8_t)(x >> 8);
    p[2 * i + 1] = (uint8_t)x;
  }
  v->base = p;
  v->len = p != NULL ? 2 * json_array_size(a) : 0;
  return p != NULL ? 0 : -1;
}

/* "ts_format" and "ts" (an object for formats 1 and 2, else hex octets) -> the selector's octets. */
static int flow_ts_parse(pctx *c, json_t *o, mipfb_mh_flow_id *f) {
  static const field F[] = {{"ts_format", offsetof(mipfb_mh_flow_id, ts_format), FK_U8, FF_OPTIONAL}};
  json_t *t = json_object_get(o, "ts");
  mipfb_ts ts;
  uint8_t *buf;
  mipfb_ssize n;
  if (fields_parse(c, o, f, F, 1) != 0) {
    return -1;
  }
  if (f->ts_format == 0 || json_is_string(t)) {
    return t == NULL ? 0 : field_store(c, f, offsetof(mipfb_mh_flow_id, ts), FK_HEXVEC, "ts", t);
  }
  if (ts_parse(c, t, f->ts_format, &ts) != 0 || (buf = pctx_alloc(c, TS_MAX)) == NULL) {
    return -1;
  }
  n = mipfb_ts_encode(buf, TS_MAX, &ts);
  if (n < 0) {
    return pctx_fail(c, "\"ts\": %s", mipfb_strerror((int)n));
  }
  f->ts.base = buf;
  f->ts.len = (size_t)n;
  return 0;
}

/* A name of `name_of` or a number under `key`. */
static int named_value(pctx *c, const json_t *o, const char *key, int (*value_of)(const char *), uint8_t *out) {
  const json_t *v = json_object_get(o, key);
  int x = value_of(json_string_value(v));
  if (json_is_integer(v)) {
    return field_store(c, out, 0, FK_U8, key, v);
  }
  if (x < 0) {
    return pctx_fail(c, "\"%s\": not a known name", key);
  }
  *out = (uint8_t)x;
  return 0;
}

static int flow_draft_parse(pctx *c, const json_t *o, mipfb_mh_flow_draft *f) {
  if (named_value(c, o, "action", mh_fdraft_action_value, &f->action) != 0 ||
      named_value(c, o, "pro", mh_fdraft_pro_value, &f->pro) != 0 ||
      fields_parse(c, o, f, &(const field){"status", offsetof(mipfb_mh_flow_draft, status), FK_U8, 0}, 1) != 0) {
    return -1;
  }
  return u16_list_parse(c, o, "bid_ref", 1, &f->bids);
}

static int hnp_parse(pctx *c, const json_t *o, mipfb_mh_hnp *h) {
  const char *s = json_string_value(json_object_get(o, "prefix"));
  const char *slash = s != NULL ? strchr(s, '/') : NULL;
  char addr[INET6_ADDRSTRLEN];
  char *end;
  unsigned long len;
  if (slash == NULL || (size_t)(slash - s) >= sizeof addr) {
    return pctx_fail(c, "hnp: \"prefix\" must be \"ADDRESS/LENGTH\"");
  }
  memcpy(addr, s, (size_t)(slash - s));
  addr[slash - s] = '\0';
  len = strtoul(slash + 1, &end, 10);
  if (inet_pton(AF_INET6, addr, h->prefix) != 1 || *end != '\0' || end == slash + 1 || len > 128) {
    return pctx_fail(c, "hnp: \"prefix\": \"%s\" is not an IPv6 prefix", s);
  }
  h->prefix_len = (uint8_t)len;
  return 0;
}

static int mmb_parse(pctx *c, const json_t *o, mipfb_mh_mmb *m) {
  static const field F[] = {{"B", 0, FK_FLAG, FF_OPTIONAL}, {"O", 1, FK_FLAG, FF_OPTIONAL}};
  uint8_t bo[2] = {0, 0};
  if (fields_parse(c, o, bo, F, N_ELEMS(F)) != 0) {
    return -1;
  }
  m->flags = (uint8_t)((bo[0] ? MIPFB_MH_MMB_B : 0u) | (bo[1] ? MIPFB_MH_MMB_O : 0u));
  return 0;
}

/* "subs" of a flow option: its sub-option area verbatim, hex (the encoder
   checks it, and it wins over "bid_ref" / "ts"); absent: built from those. */
static int subs_parse(pctx *c, json_t *o, mipfb_mh_opt *opt, size_t off) {
  json_t *j = json_object_get(o, "subs");
  return j == NULL ? 0 : field_store(c, opt, off, FK_HEXVEC, "subs", j);
}

/* The parts the field tables do not cover. */
static int opt_parse_more(pctx *c, json_t *o, mipfb_mh_opt *opt) {
  static const field MORE[] = {
      {"bid_pri", offsetof(mipfb_mh_opt, u.bid.pri), FK_U8, FF_OPTIONAL},
      {"coa", offsetof(mipfb_mh_opt, u.bid.coa), FK_ADDR, FF_OPTIONAL},
  };
  switch (opt->kind) {
  case MIPFB_MH_OPT_BID:
    if (c->cp->profile != MIPFB_PROFILE_RFC && json_object_get(o, "bid_pri") != NULL) {
      return pctx_fail(c, "bid: \"bid_pri\" exists in the rfc profile only");
    }
    return fields_parse(c, o, opt, MORE, N_ELEMS(MORE));
  case MIPFB_MH_OPT_FLOW_ID:
    if (u16_list_parse(c, o, "bid_ref", 1, &opt->u.flow_id.bids) != 0 || flow_ts_parse(c, o, &opt->u.flow_id) != 0) {
      return -1;
    }
    return subs_parse(c, o, opt, offsetof(mipfb_mh_opt, u.flow_id.subs));
  case MIPFB_MH_OPT_FLOW_ID_DRAFT:
    return flow_draft_parse(c, o, &opt->u.flow_draft) != 0
               ? -1
               : subs_parse(c, o, opt, offsetof(mipfb_mh_opt, u.flow_draft.subs));
  case MIPFB_MH_OPT_FLOW_SUMMARY:
    return u16_list_parse(c, o, "fids", 0, &opt->u.flow_summary);
  case MIPFB_MH_OPT_MN_ID:
  case MIPFB_MH_OPT_MAG_ID:
    return field_store(c, opt, offsetof(mipfb_mh_opt, u.ident.id),
                       opt->u.ident.subtype == MH_ID_NAI ? FK_STRVEC : FK_HEXVEC, "id", json_object_get(o, "id"));
  case MIPFB_MH_OPT_HNP:
    return hnp_parse(c, o, &opt->u.hnp);
  case MIPFB_MH_OPT_MMB:
    return mmb_parse(c, o, &opt->u.mmb);
  default:
    return 0;
  }
}

static int opt_parse(pctx *c, json_t *o, mh_json *out, size_t i, mipfb_mh_opt *opt) {
  const char *name = json_string_value(json_object_get(o, "name"));
  const mh_opt_desc *d = mh_opt_by_name(name, c->cp);
  mipfb_vec data;
  uint8_t type;
  if (!json_is_object(o) || (d == NULL && (name == NULL || strcmp(name, "unknown") != 0))) {
    return pctx_fail(c, "an option needs a known \"name\"");
  }
  if (d != NULL) {
    opt->kind = d->kind;
    opt->type = mh_opt_type(d->kind, c->cp);
    if (field_check_int(c, o, "type", opt->type, d->name) != 0 || fields_parse(c, o, opt, d->fields, d->n_fields) != 0) {
      return -1;
    }
    return opt_parse_more(c, o, opt);
  }
  if (fields_parse(c, o, &type, &(const field){"type", 0, FK_U8, 0}, 1) != 0 ||
      fields_parse(c, o, &data, &(const field){"data", 0, FK_HEXVEC, 0}, 1) != 0) {
    return -1;
  }
  if (type == PAD1 || type == PADN) {
    return pctx_fail(c, "unknown: Pad1 and PadN are not listed; encode inserts the padding");
  }
  if (data.len > UINT8_MAX) {
    return pctx_fail(c, "unknown: \"data\" longer than 255 octets");
  }
  return unknown_opt_parse(c, out, i, type, data, opt);
}

/* "msg": "unknown": MH Type, Payload Proto and the message data as given. */
static int unknown_parse(pctx *c, json_t *obj, mh_json *out) {
  static const field F[] = {
      {"mh_type", offsetof(mh_json, mh_type), FK_U8, 0},
      {"payload_proto", offsetof(mh_json, payload_proto), FK_U8, FF_OPTIONAL},
      {"data", offsetof(mh_json, data), FK_HEXVEC, 0},
  };
  if (fields_parse(c, obj, out, F, N_ELEMS(F)) != 0) {
    return -1;
  }
  if (mh_msg_by_type(out->mh_type) != NULL) {
    return pctx_fail(c, "\"mh_type\": %u is decoded as \"%s\", not \"unknown\"", out->mh_type,
                     mh_msg_by_type(out->mh_type)->name);
  }
  out->unknown = 1;
  return 0;
}

static int opts_parse(pctx *c, json_t *opts, mh_json *out) {
  mipfb_mh_msg *m = &out->m;
  size_t i;
  if (opts == NULL) {
    return 0;
  }
  if (!json_is_array(opts)) {
    return pctx_fail(c, "\"opts\": expected an array");
  }
  m->n_opt = json_array_size(opts);
  m->opt = pctx_alloc(c, m->n_opt * sizeof *m->opt + 1);
  for (i = 0; m->opt != NULL && i < m->n_opt; i++) {
    if (opt_parse(c, json_array_get(opts, i), out, i, &m->opt[i]) != 0) {
      if (out->lib_err == 0) {
        size_t len = strlen(c->err);
        snprintf(c->err + len, sizeof c->err - len, " (opts[%zu])", i);
      }
      return -1;
    }
  }
  return m->opt != NULL ? 0 : -1;
}

int mh_parse(pctx *c, json_t *obj, mh_json *out) {
  const char *name = json_string_value(json_object_get(obj, "msg"));
  const mh_msg_desc *d = mh_msg_by_name(name);
  json_t *flags = json_object_get(obj, "flags");
  const flag_bit *bits;
  size_t n_bits;
  unsigned word = 0;
  memset(out, 0, sizeof *out);
  out->payload_proto = MIPFB_MH_PAYLOAD_PROTO;
  if (name != NULL && strcmp(name, "unknown") == 0) {
    return unknown_parse(c, obj, out);
  }
  if (d == NULL) {
    return pctx_fail(c, "\"msg\" must be \"bu\", \"ba\", \"brr\", \"be\" or \"unknown\"");
  }
  out->m.type = out->mh_type = d->type;
  if (field_check_int(c, obj, "mh_type", d->type, d->name) != 0 ||
      fields_parse(c, obj, out, &(const field){"payload_proto", offsetof(mh_json, payload_proto), FK_U8, FF_OPTIONAL},
                   1) != 0) {
    return -1;
  }
  if (out->payload_proto != MIPFB_MH_PAYLOAD_PROTO) {
    out->lib_err = MIPFB_ERR_BAD_VALUE;
    return pctx_fail(c, "\"payload_proto\": a Mobility Header carries 59 (IPPROTO_NONE) (RFC 6275 6.1.1)");
  }
  bits = mh_flags(d->type, c->cp, &n_bits);
  if (bits != NULL && flags != NULL && flags_parse(c, flags, "flags", &word, bits, n_bits) != 0) {
    return -1;
  }
  out->m.flags = (uint16_t)word;
  if (fields_parse(c, obj, &out->m, d->fields, d->n_fields) != 0) {
    return -1;
  }
  return opts_parse(c, json_object_get(obj, "opts"), out);
}
