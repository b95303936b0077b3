/*
 * The MIPv4 JSON schema of cli.md as data: message and extension
 * descriptors shared by the emitter (decode) and the parser (encode).
 */
#ifndef MIPFB_TOOL_MIP4_SCHEMA_H
#define MIPFB_TOOL_MIP4_SCHEMA_H

#include <mipfb/mip4.h>

#include "fields.h"

/** A message type: "msg" name, fixed fields after "msg" (and "flags"). */
typedef struct mip4_msg_desc {
  const char *name;    /**< "rrq" / "rrp" (first member: looked up generically) */
  uint8_t type;        /**< MIPFB_MIP4_RRQ / MIPFB_MIP4_RRP */
  int has_flags;       /**< "flags" object after "msg" */
  const field *fields; /**< fixed fields, in output order */
  size_t n_fields;
} mip4_msg_desc;

/** An extension kind: "name" and its generic fields ("subtype" follows "name" when mip4_ext_codes gives one). */
typedef struct mip4_ext_desc {
  const char *name; /**< "name" (first member: looked up generically) */
  mipfb_mip4_ext_kind kind;
  const field *fields; /**< members of mipfb_mip4_ext, in output order */
  size_t n_fields;
} mip4_ext_desc;

/** The RRQ flag bits, in output order. */
extern const flag_bit MIP4_RRQ_FLAGS[];
/** Entries of MIP4_RRQ_FLAGS. */
extern const size_t MIP4_N_RRQ_FLAGS;

/** Descriptor of a message Type / "msg" name; NULL when unknown. */
const mip4_msg_desc *mip4_msg_by_type(uint8_t type);
const mip4_msg_desc *mip4_msg_by_name(const char *name);

/** Descriptor of an extension kind / "name"; NULL when unknown. */
const mip4_ext_desc *mip4_ext_by_kind(mipfb_mip4_ext_kind kind);
const mip4_ext_desc *mip4_ext_by_name(const char *name);

/**
 * The Type (and Subtype, -1 when none) a kind has on the wire under @p cp.
 * Type is -1 for MIPFB_MIP4_EXT_UNKNOWN (it carries its own).
 */
void mip4_ext_codes(mipfb_mip4_ext_kind kind, const mipfb_codepoints *cp, int *type, int *subtype);

/** "drop" / "forward" for a Flow-Binding Action under @p cp; NULL for other values. */
const char *mip4_action_name(uint8_t action, const mipfb_codepoints *cp);

/** Flow-Binding Action value of "drop" / "forward"; -1 for other names. */
int mip4_action_value(const char *name, const mipfb_codepoints *cp);

#endif /* MIPFB_TOOL_MIP4_SCHEMA_H */
