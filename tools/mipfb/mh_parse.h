/* JSON -> Mobility Header (cli.md "Mobility Header"), the inverse of mh_emit. */
#ifndef MIPFB_TOOL_MH_PARSE_H
#define MIPFB_TOOL_MH_PARSE_H

#include <jansson.h>

#include <mipfb/mh.h>

#include "pctx.h"

/** A Mobility Header object read from JSON. */
typedef struct mh_json {
  mipfb_mh_msg m;        /**< the message for mipfb_mh_encode (not for "unknown") */
  int unknown;           /**< "msg": "unknown": the tool writes @c mh_type, @c payload_proto and @c data itself */
  uint8_t mh_type;       /**< MH Type */
  uint8_t payload_proto; /**< Payload Proto */
  mipfb_vec data;        /**< "unknown": the message data */
  int lib_err;           /**< when mh_parse fails on a rule of the codec: its error code (else 0, a JSON problem) */
} mh_json;

/**
 * Read a "proto": "mh" object. Options named "unknown" whose type the
 * library knows are read through the library's own option decoder, so
 * that they are written with their alignment and placement rules.
 * @return 0, or -1 with the error text in @p c (and @c lib_err set when a codec rule failed).
 */
int mh_parse(pctx *c, json_t *obj, mh_json *out);

#endif /* MIPFB_TOOL_MH_PARSE_H */
