/*
 * The Mobility Header JSON schema of cli.md as data: message and option
 * descriptors shared by the emitter (decode) and the parser (encode).
 * Option kinds without a descriptor travel as "unknown" (type + data).
 */
#ifndef MIPFB_TOOL_MH_SCHEMA_H
#define MIPFB_TOOL_MH_SCHEMA_H

#include <mipfb/mh.h>

#include "fields.h"

/** A message type: "msg" name, fixed fields, where the "flags" object goes. */
typedef struct mh_msg_desc {
  const char *name;      /**< "bu" / "ba" / "brr" / "be" (first member: looked up generically) */
  uint8_t type;          /**< MH Type */
  const field *fields;   /**< fixed fields (members of mipfb_mh_msg), in output order */
  size_t n_fields;
  size_t flags_at;       /**< "flags" goes before fields[flags_at] (types with flags) */
  size_t fixed_len;      /**< octets of header and fixed part: where the options start */
} mh_msg_desc;

/** An option kind with a name of its own. */
typedef struct mh_opt_desc {
  const char *name; /**< "name" (first member: looked up generically) */
  mipfb_mh_opt_kind kind;
  const field *fields; /**< members of mipfb_mh_opt, in output order */
  size_t n_fields;
} mh_opt_desc;

/** Descriptor of an MH Type / "msg" name; NULL when unknown. */
const mh_msg_desc *mh_msg_by_type(uint8_t type);
const mh_msg_desc *mh_msg_by_name(const char *name);

/** Descriptor of an option kind; NULL for kinds that travel as "unknown". */
const mh_opt_desc *mh_opt_by_kind(mipfb_mh_opt_kind kind);

/** Descriptor of a "name" under @p cp ("flow_id" is the RFC 6089 or the draft-00 option by profile); NULL when unknown. */
const mh_opt_desc *mh_opt_by_name(const char *name, const mipfb_codepoints *cp);

/** Draft-00 Flow Identification Action / PRO names ("forward", "add", ...); NULL for other values. */
const char *mh_fdraft_action_name(uint8_t v);
const char *mh_fdraft_pro_name(uint8_t v);

/** Values of those names; -1 for other names. */
int mh_fdraft_action_value(const char *name);
int mh_fdraft_pro_value(const char *name);

/** The flag bits of a message's "flags" object under @p cp; NULL when the type has none. */
const flag_bit *mh_flags(uint8_t type, const mipfb_codepoints *cp, size_t *n);

/** Option Type of a named kind under @p cp. */
uint8_t mh_opt_type(mipfb_mh_opt_kind kind, const mipfb_codepoints *cp);

#endif /* MIPFB_TOOL_MH_SCHEMA_H */
