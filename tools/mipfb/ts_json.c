/* Traffic selector <-> JSON, driven by one table of the RFC 6088 fields. */
#include "ts_json.h"

#include <string.h>

#include "fields.h"

/* One selector field; name4 NULL: not in the IPv4 format. Addresses are
   FK_ADDR6 here and FK_ADDR4 in an IPv4 selector. */
typedef struct ts_field {
  const char *name4;
  const char *name6;
  uint16_t bit;
  size_t off;
  fkind kind;
} ts_field;

/* clang-format off */
#define TSF_NAMED(n4, n6, member, bit, kind) {n4, n6, MIPFB_TS_##bit, offsetof(mipfb_ts, member), kind}
#define TSF(member, bit, kind) TSF_NAMED(#member, #member, member, bit, kind)

/* one Start/End pair a line */
static const ts_field TS_FIELDS[] = {
    TSF(src_start, SRC_START, FK_ADDR6), TSF(src_end, SRC_END, FK_ADDR6),
    TSF(dst_start, DST_START, FK_ADDR6), TSF(dst_end, DST_END, FK_ADDR6),
    TSF(spi_start, SPI_START, FK_U32), TSF(spi_end, SPI_END, FK_U32),
    TSF_NAMED(NULL, "flow_label_start", fl_start, FL_START, FK_U32),
    TSF_NAMED(NULL, "flow_label_end", fl_end, FL_END, FK_U32),
    TSF(sport_start, SPORT_START, FK_U16), TSF(sport_end, SPORT_END, FK_U16),
    TSF(dport_start, DPORT_START, FK_U16), TSF(dport_end, DPORT_END, FK_U16),
    TSF_NAMED("ds_start", "tc_start", ds_start, DS_START, FK_U8), TSF_NAMED("ds_end", "tc_end", ds_end, DS_END, FK_U8),
    TSF_NAMED("proto_start", "nh_start", proto_start, PROTO_START, FK_U8),
    TSF_NAMED("proto_end", "nh_end", proto_end, PROTO_END, FK_U8),
};
/* clang-format on */

static int is_v4(uint8_t format) { return format == MIPFB_TS_FORMAT_IPV4; }

static const char *field_name(const ts_field *f, uint8_t format) { return is_v4(format) ? f->name4 : f->name6; }

static fkind field_kind(const ts_field *f, uint8_t format) {
  return f->kind == FK_ADDR6 && is_v4(format) ? FK_ADDR4 : f->kind;
}

json_t *ts_emit(const mipfb_ts *ts) {
  json_t *o = json_object();
  size_t i;
  for (i = 0; o != NULL && i < N_ELEMS(TS_FIELDS); i++) {
    const ts_field *f = &TS_FIELDS[i];
    const char *name = field_name(f, ts->format);
    if (name == NULL || (ts->fields & f->bit) == 0) {
      continue;
    }
    if (json_put(o, name, field_value(ts, f->off, field_kind(f, ts->format))) != 0) {
      json_decref(o);
      o = NULL;
    }
  }
  return o;
}

static const ts_field *find_field(const char *key, uint8_t format) {
  size_t i;
  for (i = 0; i < N_ELEMS(TS_FIELDS); i++) {
    const char *name = field_name(&TS_FIELDS[i], format);
    if (name != NULL && strcmp(name, key) == 0) {
      return &TS_FIELDS[i];
    }
  }
  return NULL;
}

int ts_parse(pctx *c, json_t *obj, uint8_t format, mipfb_ts *ts) {
  const char *key;
  json_t *v;
  memset(ts, 0, sizeof *ts);
  ts->format = format;
  if (!json_is_object(obj)) {
    return pctx_fail(c, "\"ts\": expected an object");
  }
  json_object_foreach(obj, key, v) {
    const ts_field *f = find_field(key, format);
    if (f == NULL) {
      return pctx_fail(c, "\"ts\": no field \"%s\" in TS Format %u", key, (unsigned)format);
    }
    if (field_store(c, ts, f->off, field_kind(f, format), key, v) != 0) {
      return -1;
    }
    ts->fields = (uint16_t)(ts->fields | f->bit);
  }
  return 0;
}
