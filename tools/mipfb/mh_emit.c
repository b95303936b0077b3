/* Decoded Mobility Header -> JSON (cli.md "Mobility Header"). */
#include "mh_emit.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include <mipfb/ts.h>

#include "mh_schema.h"
#include "ts_json.h"

#define MH_DATA_OFF 6 /* Message Data follows Payload Proto, Header Len, MH Type, Reserved, Checksum */
#define MH_ID_NAI 1   /* MN-ID / MAG-ID Subtype: Network Access Identifier (RFC 4283) */

/* "proto", "msg", "mh_type", "payload_proto", "checksum" */
static json_t *common(const char *msg, const uint8_t *in) {
  json_t *o = json_object();
  char ck[8];
  snprintf(ck, sizeof ck, "%02x%02x", in[4], in[5]);
  if (o == NULL || json_put(o, "proto", json_string("mh")) != 0 || json_put(o, "msg", json_string(msg)) != 0 ||
      json_put(o, "mh_type", json_integer(in[2])) != 0 || json_put(o, "payload_proto", json_integer(in[0])) != 0 ||
      json_put(o, "checksum", json_string(ck)) != 0) {
    json_decref(o);
    return NULL;
  }
  return o;
}

/* [n, ...] of a list of 16-bit network-order values (BIDs, FIDs). */
static json_t *u16_list(mipfb_vec v) {
  json_t *a = json_array();
  size_t i;
  for (i = 0; a != NULL && i < v.len / 2; i++) {
    if (json_array_append_new(a, json_integer(mipfb_mh_bid_at(v, i))) != 0) {
      json_decref(a);
      a = NULL;
    }
  }
  return a;
}

/* "ts": the object of a selector of format 1 or 2, else its octets in hex. */
static json_t *flow_ts(const mipfb_mh_flow_id *f) {
  mipfb_ts ts;
  if (mipfb_ts_decode(&ts, f->ts_format, f->ts.base, f->ts.len, 0, NULL) >= 0) {
    return ts_emit(&ts);
  }
  return json_hex(f->ts.base, f->ts.len);
}

/* Whether the sub-option area `f->subs`, starting at message offset `at`,
   is what the encoder builds from `bids` and `ts` alone (RFC 6089 4.2.2:
   BID Reference, Pad1/PadN to put the selector at 4n, Traffic Selector).
   Unknown sub-options or other padding make it not canonical. */
static int flow_subs_canonical(const mipfb_mh_flow_id *f, size_t at) {
  const uint8_t *p = f->subs.base;
  size_t n = f->subs.len, i = 0, pad;
  if (f->bids.len != 0) {
    if (n < 2 + f->bids.len || p[0] != MIPFB_MH_FSUB_BID_REF || p[1] != f->bids.len) {
      return 0;
    }
    i = 2 + f->bids.len;
  }
  if (f->ts_format == 0) {
    return i == n;
  }
  pad = (4 - (at + i) % 4) % 4;
  if (pad == 1 && (i + 1 > n || p[i] != MIPFB_MH_FSUB_PAD1)) {
    return 0;
  }
  if (pad >= 2) {
    size_t k;
    if (i + pad > n || p[i] != MIPFB_MH_FSUB_PADN || p[i + 1] != pad - 2) {
      return 0;
    }
    for (k = 2; k < pad; k++) {
      if (p[i + k] != 0) {
        return 0;
      }
    }
  }
  i += pad;
  return n - i == 4 + f->ts.len && p[i] == MIPFB_MH_FSUB_TS && p[i + 2] == f->ts_format && p[i + 3] == 0;
}

/* Flow Identification (RFC 6089 4.2): "bid_ref", "ts_format", "ts", and
   "subs" (the whole sub-option area in hex) when the area holds more than
   those (unknown sub-options, other padding), so that encode gives the
   same octets back. `at`: message offset of the sub-option area. */
static int flow_id_emit(json_t *o, const mipfb_mh_flow_id *f, size_t at) {
  int rc = 0;
  if (f->bids.len != 0) {
    rc |= json_put(o, "bid_ref", u16_list(f->bids));
  }
  if (f->ts_format != 0) {
    rc |= json_put(o, "ts_format", json_integer(f->ts_format));
    rc |= json_put(o, "ts", flow_ts(f));
  }
  if (!flow_subs_canonical(f, at)) {
    rc |= json_put(o, "subs", json_hex(f->subs.base, f->subs.len));
  }
  return rc;
}

static json_t *name_or_number(const char *name, uint8_t v) {
  return name != NULL ? json_string(name) : json_integer(v);
}

/* draft-00 Flow Identification (wire.md 6.1): "subs" as for RFC 6089 when
   the area is more than the one Binding Reference sub-option the encoder
   builds (Sub-Opt Len includes Type and Len, errata E-10). */
static int flow_draft_emit(json_t *o, const mipfb_mh_flow_draft *f) {
  const uint8_t *p = f->subs.base;
  int canonical = f->bids.len == 0 ? f->subs.len == 0
                                   : f->subs.len == f->bids.len + 2 && p[0] == MIPFB_MH_FDRAFT_BREF &&
                                         p[1] == f->bids.len + 2;
  int rc = json_put(o, "action", name_or_number(mh_fdraft_action_name(f->action), f->action));
  rc |= json_put(o, "status", json_integer(f->status));
  rc |= json_put(o, "pro", name_or_number(mh_fdraft_pro_name(f->pro), f->pro));
  if (f->bids.len != 0) {
    rc |= json_put(o, "bid_ref", u16_list(f->bids));
  }
  if (!canonical) {
    rc |= json_put(o, "subs", json_hex(f->subs.base, f->subs.len));
  }
  return rc;
}

/* "id": a string for an NAI (Subtype 1), else hex. */
static int ident_emit(json_t *o, const mipfb_mh_ident *id) {
  return json_put(o, "id", id->subtype == MH_ID_NAI ? json_octets(id->id.base, id->id.len)
                                                    : json_hex(id->id.base, id->id.len));
}

static int hnp_emit(json_t *o, const mipfb_mh_hnp *h) {
  char text[INET6_ADDRSTRLEN + 8];
  size_t n;
  if (inet_ntop(AF_INET6, h->prefix, text, INET6_ADDRSTRLEN) == NULL) {
    return -1;
  }
  n = strlen(text);
  snprintf(text + n, sizeof text - n, "/%u", (unsigned)h->prefix_len);
  return json_put(o, "prefix", json_string(text));
}

/* The parts the field tables do not cover. */
static int opt_emit_more(json_t *o, const mipfb_mh_opt *opt, const uint8_t *in, const mipfb_codepoints *cp) {
  static const field COA = {"coa", offsetof(mipfb_mh_opt, u.bid.coa), FK_ADDR, 0};
  int rc = 0;
  switch (opt->kind) {
  case MIPFB_MH_OPT_BID:
    if (cp->profile == MIPFB_PROFILE_RFC) {
      rc = json_put(o, "bid_pri", json_integer(opt->u.bid.pri));
    }
    return rc | fields_emit(o, opt, &COA, 1);
  case MIPFB_MH_OPT_FLOW_ID:
    return flow_id_emit(o, &opt->u.flow_id, (size_t)(opt->u.flow_id.subs.base - in));
  case MIPFB_MH_OPT_FLOW_ID_DRAFT:
    return flow_draft_emit(o, &opt->u.flow_draft);
  case MIPFB_MH_OPT_FLOW_SUMMARY:
    return json_put(o, "fids", u16_list(opt->u.flow_summary));
  case MIPFB_MH_OPT_MN_ID:
  case MIPFB_MH_OPT_MAG_ID:
    return ident_emit(o, &opt->u.ident);
  case MIPFB_MH_OPT_HNP:
    return hnp_emit(o, &opt->u.hnp);
  case MIPFB_MH_OPT_MMB:
    rc = json_put(o, "B", json_integer((opt->u.mmb.flags & MIPFB_MH_MMB_B) != 0));
    return rc | json_put(o, "O", json_integer((opt->u.mmb.flags & MIPFB_MH_MMB_O) != 0));
  default:
    return 0;
  }
}

static json_t *opt_emit(const mipfb_mh_opt *opt, const uint8_t *in, const mipfb_codepoints *cp) {
  const mh_opt_desc *d = mh_opt_by_kind(opt->kind);
  const uint8_t *tlv = in + opt->offset;
  json_t *o = json_object();
  int rc;
  if (o == NULL) {
    return NULL;
  }
  rc = json_put(o, "type", json_integer(tlv[0]));
  rc |= json_put(o, "name", json_string(d != NULL ? d->name : "unknown"));
  if (d != NULL) {
    rc |= fields_emit(o, opt, d->fields, d->n_fields);
    rc |= opt_emit_more(o, opt, in, cp);
  } else {
    rc |= json_put(o, "data", json_hex(tlv + 2, tlv[1]));
  }
  if (rc != 0) {
    json_decref(o);
    return NULL;
  }
  return o;
}

json_t *mh_emit(const mipfb_mh_msg *m, const uint8_t *in, const mipfb_codepoints *cp) {
  const mh_msg_desc *d = mh_msg_by_type(m->type);
  json_t *o = d != NULL ? common(d->name, in) : NULL;
  json_t *opts = json_array();
  size_t n_flags;
  const flag_bit *flags = mh_flags(m->type, cp, &n_flags);
  size_t i;
  int rc;
  if (o == NULL || opts == NULL) {
    json_decref(o);
    json_decref(opts);
    return NULL;
  }
  rc = fields_emit(o, m, d->fields, flags != NULL ? d->flags_at : d->n_fields);
  if (flags != NULL) {
    rc |= json_put(o, "flags", flags_emit(m->flags, flags, n_flags));
    rc |= fields_emit(o, m, d->fields + d->flags_at, d->n_fields - d->flags_at);
  }
  for (i = 0; i < m->n_opt; i++) {
    rc |= json_array_append_new(opts, opt_emit(&m->opt[i], in, cp));
  }
  rc |= json_put(o, "opts", opts);
  if (rc != 0) {
    json_decref(o);
    return NULL;
  }
  return o;
}

json_t *mh_emit_unknown(const uint8_t *in, size_t total) {
  json_t *o = common("unknown", in);
  if (o != NULL && json_put(o, "data", json_hex(in + MH_DATA_OFF, total - MH_DATA_OFF)) != 0) {
    json_decref(o);
    return NULL;
  }
  return o;
}
