/*
 * mipfb encode: JSON objects (one per line) -> messages, written as hex
 * lines, raw bytes (--out) or a capture (--pcap).
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include <mipfb/mh.h>
#include <mipfb/mip4.h>

#include "cli.h"
#include "fields.h"
#include "hex.h"
#include "input.h"
#include "mh_parse.h"
#include "mip4_parse.h"
#include "out.h"
#include "pcap_out.h"

#define MAX_MESSAGE 65507 /* largest UDP payload over IPv4 */
#define BAD_JSON "bad_json"

typedef enum out_mode { OUT_HEX, OUT_RAW, OUT_PCAP } out_mode;

typedef struct encode_opts {
  mipfb_codepoints cp;
  out_mode mode;
  int modes;         /* output options given */
  const char *path;  /* --out / --pcap file */
  const char *input; /* FILE or - */
  int inputs;
  FILE *raw;      /* OUT_RAW */
  pcap_out *pcap; /* OUT_PCAP */
} encode_opts;

static const char *set_profile(void *o, const char *v) {
  return cli_profile(v, &((encode_opts *)o)->cp) == 0 ? NULL : "expected rfc or draft";
}

static const char *set_mode(encode_opts *e, out_mode mode, const char *path) {
  e->mode = mode;
  e->path = path;
  e->modes++;
  return NULL;
}

static const char *set_hex(void *o, const char *v) { return set_mode(o, OUT_HEX, v); }

static const char *set_out(void *o, const char *v) { return set_mode(o, OUT_RAW, v); }

static const char *set_pcap(void *o, const char *v) { return set_mode(o, OUT_PCAP, v); }

static const char *set_input(void *o, const char *v) {
  encode_opts *e = o;
  e->input = v;
  e->inputs++;
  return NULL;
}

static const cli_option ENCODE_OPTIONS[] = {
    {"--profile", 1, set_profile},
    {"--hex", 0, set_hex},
    {"--out", 1, set_out},
    {"--pcap", 1, set_pcap},
};

/* Default addresses of --pcap packets (RFC 5737 and RFC 3849 documentation
   ranges; the IPv6 pair is the one of tests/vectors/mh.vec). */
static const uint8_t DEFAULT_SRC4[4] = {192, 0, 2, 1};
static const uint8_t DEFAULT_DST4[4] = {198, 51, 100, 1};
static const uint8_t DEFAULT_SRC6[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01};
static const uint8_t DEFAULT_DST6[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x00};

/* The packet addresses of a message (IPv4 for MIPv4, IPv6 for a Mobility Header). */
typedef struct addrs {
  uint8_t src[16];
  uint8_t dst[16];
} addrs;

/* "src" and "dst" of `obj` of kind `kind` (FK_ADDR4 / FK_ADDR6), else the defaults; 0 or -1. */
static int packet_addrs(pctx *c, const json_t *obj, fkind kind, addrs *a) {
  static const field F[] = {
      {"src", offsetof(addrs, src), FK_ADDR6, FF_OPTIONAL},
      {"dst", offsetof(addrs, dst), FK_ADDR6, FF_OPTIONAL},
  };
  size_t i;
  int v6 = kind == FK_ADDR6;
  memcpy(a->src, v6 ? DEFAULT_SRC6 : DEFAULT_SRC4, v6 ? 16 : 4);
  memcpy(a->dst, v6 ? DEFAULT_DST6 : DEFAULT_DST4, v6 ? 16 : 4);
  for (i = 0; i < N_ELEMS(F); i++) {
    const json_t *v = json_object_get(obj, F[i].name);
    if (v != NULL && field_store(c, a, F[i].off, kind, F[i].name, v) != 0) {
      return -1;
    }
  }
  return 0;
}

/* Write one encoded message; 0, or -1 with the error in `c`. */
static int write_message(encode_opts *e, pctx *c, const addrs *a, int mh, const uint8_t *msg, size_t len) {
  char *hex;
  int rc;
  switch (e->mode) {
  case OUT_RAW:
    return fwrite(msg, 1, len, e->raw) == len ? 0 : pctx_fail(c, "%s: write error", e->path);
  case OUT_PCAP:
    rc = mh ? pcap_out_ip6(e->pcap, a->src, a->dst, MIPFB_MH_NEXT_HEADER, msg, len)
            : pcap_out_udp4(e->pcap, a->src, a->dst, MIPFB_MIP4_PORT, MIPFB_MIP4_PORT, msg, len);
    return rc == 0 ? 0 : pctx_fail(c, "message too long for a packet");
  case OUT_HEX:
  default:
    hex = malloc(2 * len + 1);
    if (hex == NULL) {
      return pctx_fail(c, "out of memory");
    }
    hex_format(hex, msg, len);
    puts(hex);
    free(hex);
    return 0;
  }
}

/* A message of an MH Type the library does not encode: header, data, zero
   octets up to a multiple of 8, checksum. */
static mipfb_ssize encode_mh_unknown(uint8_t *out, size_t cap, const mh_json *j, const addrs *a,
                                     mipfb_diag *diag) {
  size_t total = (6 + j->data.len + 7) / 8 * 8;
  uint16_t ck;
  if (total > cap || total > 8 * 256) {
    diag->err = MIPFB_ERR_INVALID_ARG;
    diag->offset = 0;
    diag->detail = "Mobility Header: \"data\" too long for Header Len (at most 2042 octets)";
    return MIPFB_ERR_INVALID_ARG;
  }
  memset(out, 0, total);
  out[0] = j->payload_proto;
  out[1] = (uint8_t)(total / 8 - 1);
  out[2] = j->mh_type;
  memcpy(out + 6, j->data.base, j->data.len);
  ck = mipfb_mh_checksum(out, total, a->src, a->dst);
  out[4] = (uint8_t)(ck >> 8);
  out[5] = (uint8_t)ck;
  return (mipfb_ssize)total;
}

/* Parse and encode one object into `buf`: octets, or -1 with `*res` the error object. */
static mipfb_ssize encode_obj(pctx *c, json_t *obj, int mh, const addrs *a, uint8_t *buf, size_t cap,
                              json_t **res) {
  mipfb_diag diag = {0, 0, NULL};
  mipfb_mip4_msg m4;
  mh_json j;
  mipfb_ssize rv;
  if (!mh) {
    if (mip4_parse(c, obj, &m4) != 0) {
      *res = out_error(BAD_JSON, c->err, 0);
      return -1;
    }
    rv = mipfb_mip4_encode(buf, cap, &m4, c->cp, &diag);
  } else if (mh_parse(c, obj, &j) != 0) {
    *res = out_error(j.lib_err != 0 ? mipfb_err_name(j.lib_err) : BAD_JSON, c->err, 0);
    return -1;
  } else if (j.unknown) {
    rv = encode_mh_unknown(buf, cap, &j, a, &diag);
  } else {
    rv = mipfb_mh_encode(buf, cap, &j.m, a->src, a->dst, c->cp, &diag);
  }
  if (rv < 0) {
    *res = out_lib_error((int)rv, &diag);
    return -1;
  }
  return rv;
}

/* Encode one JSON line; the error object to print, or NULL when written. */
static json_t *encode_line(encode_opts *e, const char *line) {
  static uint8_t buf[MAX_MESSAGE];
  json_error_t jerr;
  json_t *obj = json_loads(line, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &jerr);
  json_t *res = NULL;
  const char *proto;
  addrs a;
  mipfb_ssize rv;
  int mh;
  pctx c;
  if (obj == NULL) {
    return out_error(BAD_JSON, jerr.text, (size_t)jerr.position);
  }
  pctx_init(&c, &e->cp);
  proto = json_string_value(json_object_get(obj, "proto"));
  mh = proto != NULL && strcmp(proto, "mh") == 0;
  if (!mh && (proto == NULL || strcmp(proto, "mip4") != 0)) {
    res = out_error(BAD_JSON, "expected an object with \"proto\": \"mip4\" or \"mh\"", 0);
  } else if (packet_addrs(&c, obj, mh ? FK_ADDR6 : FK_ADDR4, &a) != 0) {
    res = out_error(BAD_JSON, c.err, 0);
  } else if ((rv = encode_obj(&c, obj, mh, &a, buf, sizeof buf, &res)) >= 0 &&
             write_message(e, &c, &a, mh, buf, (size_t)rv) != 0) {
    res = out_error(BAD_JSON, c.err, 0);
  }
  pctx_free(&c);
  json_decref(obj);
  return res;
}

static int is_blank(const char *s) {
  while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n') {
    s++;
  }
  return *s == '\0';
}

static int encode_stream(encode_opts *e, FILE *in) {
  /* error objects go to stdout, unless the messages themselves do */
  FILE *errors = e->mode != OUT_HEX && strcmp(e->path, "-") == 0 ? stderr : stdout;
  char *line = NULL;
  size_t cap = 0;
  int rc = EXIT_ALL_OK;
  while (getline(&line, &cap, in) >= 0) {
    json_t *err;
    if (is_blank(line)) {
      continue;
    }
    err = encode_line(e, line);
    if (err != NULL) {
      rc = EXIT_REJECTED;
      out_line(errors, err);
    }
  }
  free(line);
  return rc;
}

static int open_output(encode_opts *e) {
  char err[512];
  if (e->mode == OUT_RAW) {
    e->raw = strcmp(e->path, "-") == 0 ? stdout : fopen(e->path, "wb");
    if (e->raw == NULL) {
      perror(e->path);
      return -1;
    }
  } else if (e->mode == OUT_PCAP) {
    e->pcap = pcap_out_open(e->path, err, sizeof err);
    if (e->pcap == NULL) {
      fprintf(stderr, "mipfb: %s\n", err);
      return -1;
    }
  }
  return 0;
}

static int close_output(encode_opts *e) {
  int rc = pcap_out_close(e->pcap);
  if (e->raw != NULL && e->raw != stdout && fclose(e->raw) != 0) {
    rc = -1;
  }
  if (fflush(stdout) != 0) {
    rc = -1;
  }
  return rc;
}

int cmd_encode(int argc, char **argv) {
  encode_opts e;
  FILE *in;
  int rc;
  memset(&e, 0, sizeof e);
  mipfb_codepoints_default(&e.cp, MIPFB_PROFILE_RFC);
  rc = cli_parse(argc, argv, ENCODE_OPTIONS, N_ELEMS(ENCODE_OPTIONS), &e, set_input);
  if (rc != 0) {
    return rc == CLI_HELP ? EXIT_ALL_OK : rc;
  }
  if (e.modes > 1) {
    return cli_usage_error("give at most one of --hex, --out FILE, --pcap FILE");
  }
  if (e.inputs != 1) {
    return cli_usage_error("encode needs exactly one input: FILE or -");
  }
  in = input_open(e.input);
  if (in == NULL || open_output(&e) != 0) {
    input_close(in);
    return EXIT_USAGE;
  }
  rc = encode_stream(&e, in);
  input_close(in);
  if (close_output(&e) != 0) {
    fputs("mipfb: write error\n", stderr);
    rc = EXIT_REJECTED;
  }
  return rc;
}
