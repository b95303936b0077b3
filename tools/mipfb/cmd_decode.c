/*
 * mipfb decode: one raw message (--hex, a file, stdin) or every message of
 * a capture (--pcap), printed as JSON Lines.
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
#include "keys.h"
#include "mh_emit.h"
#include "mh_schema.h"
#include "mip4_emit.h"
#include "out.h"
#include "pcap_in.h"

#define AUTH_SPI_END 6 /* Type, Length, SPI: the authenticator follows */
#define MH_HDR_LEN 1   /* offset of the MH Header Len */
#define MH_TYPE 2      /* offset of the MH Type */
#define MH_CKSUM 4     /* offset of the MH Checksum */

typedef enum proto_sel { SEL_AUTO, SEL_MIP4, SEL_MH } proto_sel;

typedef struct decode_opts {
  cli_input in; /* first: the cli_input_* setters use it */
  mipfb_codepoints cp;
  proto_sel proto;
  key_set keys;
  mipfb_addr src;   /* --src (Mobility Header checksum) */
  mipfb_addr dst;   /* --dst */
} decode_opts;

static const char *set_profile(void *o, const char *v) {
  return cli_profile(v, &((decode_opts *)o)->cp) == 0 ? NULL : "expected rfc or draft";
}

static const char *set_proto(void *o, const char *v) {
  static const char *const NAMES[] = {"auto", "mip4", "mh"};
  size_t i;
  for (i = 0; i < N_ELEMS(NAMES); i++) {
    if (strcmp(v, NAMES[i]) == 0) {
      ((decode_opts *)o)->proto = (proto_sel)i;
      return NULL;
    }
  }
  return "expected auto, mip4 or mh";
}

static const char *set_key(void *o, const char *v) {
  return keys_add(&((decode_opts *)o)->keys, v) == 0 ? NULL : "expected SPI:HEX (SPI decimal or 0x hex)";
}

static const char *set_addr(mipfb_addr *a, const char *v) {
  memset(a, 0, sizeof *a);
  if (inet_pton(AF_INET, v, a->bytes) == 1) {
    a->family = MIPFB_AF_INET4;
  } else if (inet_pton(AF_INET6, v, a->bytes) == 1) {
    a->family = MIPFB_AF_INET6;
  } else {
    return "not an IP address";
  }
  return NULL;
}

static const char *set_src(void *o, const char *v) { return set_addr(&((decode_opts *)o)->src, v); }

static const char *set_dst(void *o, const char *v) { return set_addr(&((decode_opts *)o)->dst, v); }

static const cli_option DECODE_OPTIONS[] = {
    {"--profile", 1, set_profile}, {"--proto", 1, set_proto}, {"--key", 1, set_key},   {"--src", 1, set_src},
    {"--dst", 1, set_dst},         {"--hex", 1, cli_input_hex},     {"--pcap", 1, cli_input_pcap},
};

/* MN-HA authenticators against the --key of their SPI: adds "auth_ok" to
   the extension objects of `j`, or returns the auth_failed error object. */
static json_t *check_auth(const decode_opts *d, const mipfb_mip4_msg *m, const uint8_t *in, size_t len,
                          json_t *j) {
  json_t *ext = json_object_get(j, "ext");
  size_t i;
  for (i = 0; i < m->n_ext; i++) {
    const mipfb_mip4_ext *e = &m->ext[i];
    const mipfb_hmac_md5_key *key;
    if (e->kind != MIPFB_MIP4_EXT_MN_HA_AUTH || (key = keys_find(&d->keys, e->u.auth.spi)) == NULL) {
      continue;
    }
    if (mipfb_mip4_auth_verify(in, len, e, key) != 0) {
      mipfb_diag diag = {MIPFB_ERR_AUTH, e->offset + AUTH_SPI_END,
                         "MN-HA authentication extension: the authenticator does not verify with the --key "
                         "given for its SPI (HMAC-MD5, RFC 5944 3.5.2)"};
      json_decref(j);
      return out_lib_error(MIPFB_ERR_AUTH, &diag);
    }
    json_put(json_array_get(ext, i), "auth_ok", json_true());
  }
  return j;
}

static json_t *decode_mip4(const decode_opts *d, const uint8_t *in, size_t len, int *rejected) {
  size_t cap = len / 2 + 1; /* every extension has at least Type and Length */
  mipfb_mip4_ext *ext = malloc(cap * sizeof *ext);
  mipfb_diag diag = {0, 0, NULL};
  mipfb_mip4_msg m;
  json_t *j;
  mipfb_ssize rv;
  if (ext == NULL) {
    return NULL;
  }
  rv = mipfb_mip4_decode(&m, ext, cap, in, len, &d->cp, &diag);
  if (rv < 0) {
    j = out_lib_error((int)rv, &diag);
  } else {
    j = check_auth(d, &m, in, len, mip4_emit(&m, &d->cp));
  }
  *rejected = json_object_get(j, "error") != NULL;
  free(ext);
  return j;
}

/* A Mobility Header; the checksum is verified when `src` and `dst` are given. */
static json_t *decode_mh(const decode_opts *d, const uint8_t *in, size_t len, const uint8_t *src,
                         const uint8_t *dst, int *rejected) {
  size_t cap = len / 2 + 1; /* every reported option has at least Type and Length */
  mipfb_mh_opt *opt = malloc(cap * sizeof *opt);
  mipfb_diag diag = {0, 0, NULL};
  mipfb_mh_msg m;
  json_t *j;
  mipfb_ssize rv;
  if (opt == NULL) {
    return NULL;
  }
  rv = mipfb_mh_decode(&m, opt, cap, in, len, src, dst, &d->cp, &diag);
  if (rv == MIPFB_ERR_UNSUPPORTED && diag.offset == MH_TYPE && mh_msg_by_type(in[MH_TYPE]) == NULL) {
    /* well framed, of a type the library does not decode: cli.md "unknown" */
    j = mh_emit_unknown(in, 8 * ((size_t)in[MH_HDR_LEN] + 1));
  } else if (rv < 0) {
    j = out_lib_error((int)rv, &diag);
  } else {
    j = mh_emit(&m, in, &d->cp);
  }
  *rejected = json_object_get(j, "error") != NULL;
  free(opt);
  return j;
}

/* The JSON line of one message (message or error object). */
static json_t *decode_one(const decode_opts *d, pkt_proto proto, const uint8_t *in, size_t len,
                          const mipfb_addr *src, const mipfb_addr *dst, int *rejected) {
  if (proto == PKT_MH) {
    int known = src->family == MIPFB_AF_INET6 && dst->family == MIPFB_AF_INET6;
    if (src->family == MIPFB_AF_INET4) {
      fprintf(stderr, "mipfb: --src/--dst are IPv4 addresses: the Mobility Header checksum is not checked\n");
    }
    return decode_mh(d, in, len, known ? src->bytes : NULL, known ? dst->bytes : NULL, rejected);
  }
  return decode_mip4(d, in, len, rejected);
}

typedef struct pcap_run {
  const decode_opts *d;
  int rejected;
} pcap_run;

static int on_packet(const pkt *p, void *ctx) {
  pcap_run *run = ctx;
  json_t *o;
  json_t *j;
  int rejected = 0;
  if ((p->proto == PKT_MIP4 && run->d->proto == SEL_MH) || (p->proto == PKT_MH && run->d->proto == SEL_MIP4)) {
    return 0;
  }
  j = decode_one(run->d, p->proto, p->data, p->len, &p->ck_src, &p->ck_dst, &rejected);
  o = json_object();
  if (o == NULL || j == NULL || json_put(o, "frame", json_integer((json_int_t)p->frame)) != 0 ||
      json_put(o, "src", json_string(p->src_text)) != 0 || json_put(o, "dst", json_string(p->dst_text)) != 0 ||
      json_object_update(o, j) != 0) {
    json_decref(o);
    o = NULL;
  }
  json_decref(j);
  run->rejected |= rejected;
  return out_line(stdout, o) == 0 ? 0 : 1;
}

static int decode_pcap(const decode_opts *d) {
  pcap_run run = {d, 0};
  char err[512];
  int rc = pcap_in_each(d->in.pcap, on_packet, &run, err, sizeof err);
  if (rc == PCAP_IN_OPEN_FAILED) {
    fprintf(stderr, "mipfb: %s\n", err);
    return EXIT_USAGE;
  }
  if (rc == PCAP_IN_READ_FAILED) {
    fprintf(stderr, "mipfb: %s\n", err);
  }
  return rc != 0 || run.rejected ? EXIT_REJECTED : EXIT_ALL_OK;
}

static int decode_buffer(const decode_opts *d, const uint8_t *in, size_t len) {
  pkt_proto proto = PKT_MIP4;
  int rejected = 0;
  if (d->proto == SEL_MH || (d->proto == SEL_AUTO && len > 0 && in[0] == MIPFB_MH_PAYLOAD_PROTO)) {
    proto = PKT_MH;
  }
  if (out_line(stdout, decode_one(d, proto, in, len, &d->src, &d->dst, &rejected)) != 0) {
    return EXIT_REJECTED;
  }
  return rejected ? EXIT_REJECTED : EXIT_ALL_OK;
}

static int run_decode(const decode_opts *d) {
  uint8_t *buf;
  size_t len = 0;
  int rc;
  if (d->in.pcap != NULL) {
    return decode_pcap(d);
  }
  if (d->in.hex != NULL) {
    buf = hex_alloc(d->in.hex, strlen(d->in.hex), &len);
    if (buf == NULL) {
      return cli_usage_error("--hex: not a hex octet string");
    }
  } else {
    buf = input_slurp(d->in.file, &len);
    if (buf == NULL) {
      return EXIT_USAGE;
    }
  }
  rc = decode_buffer(d, buf, len);
  free(buf);
  return rc;
}

int cmd_decode(int argc, char **argv) {
  decode_opts d;
  int rc;
  memset(&d, 0, sizeof d);
  mipfb_codepoints_default(&d.cp, MIPFB_PROFILE_RFC);
  rc = cli_parse(argc, argv, DECODE_OPTIONS, N_ELEMS(DECODE_OPTIONS), &d, cli_input_file);
  if (rc == 0 && d.in.count != 1) {
    rc = cli_usage_error("decode needs exactly one input: --hex HEX, --pcap FILE, FILE or -");
  }
  if (rc == 0 && (d.src.family == 0) != (d.dst.family == 0)) {
    rc = cli_usage_error("--src and --dst go together");
  }
  if (rc == 0 && d.proto == SEL_MH && (d.src.family == MIPFB_AF_INET4 || d.dst.family == MIPFB_AF_INET4)) {
    /* They only serve the Mobility Header checksum, whose pseudo-header is IPv6. */
    rc = cli_usage_error("--proto mh: --src and --dst must be IPv6 addresses (checksum pseudo-header)");
  }
  if (rc == 0) {
    rc = run_decode(&d);
  }
  keys_free(&d.keys);
  return rc == CLI_HELP ? EXIT_ALL_OK : rc;
}
