/* The MIPv4 JSON schema (cli.md "MIPv4") as tables. */
#include "mip4_schema.h"

#include <string.h>

const flag_bit MIP4_RRQ_FLAGS[] = {
    {"S", MIPFB_MIP4_FLAG_S}, {"B", MIPFB_MIP4_FLAG_B}, {"D", MIPFB_MIP4_FLAG_D}, {"M", MIPFB_MIP4_FLAG_M},
    {"G", MIPFB_MIP4_FLAG_G}, {"r", MIPFB_MIP4_FLAG_R}, {"T", MIPFB_MIP4_FLAG_T}, {"x", MIPFB_MIP4_FLAG_X},
};
const size_t MIP4_N_RRQ_FLAGS = N_ELEMS(MIP4_RRQ_FLAGS);

/* clang-format off */
#define MSG_F(name, member, kind) {name, offsetof(mipfb_mip4_msg, member), kind, 0}
/* clang-format on */

static const field RRQ_FIELDS[] = {
    MSG_F("lifetime", lifetime, FK_U16), MSG_F("hoa", hoa, FK_IP4H), MSG_F("ha", ha, FK_IP4H),
    MSG_F("coa", coa, FK_IP4H),          MSG_F("id", id, FK_ID64),
};

static const field RRP_FIELDS[] = {
    MSG_F("code", code, FK_U8), MSG_F("lifetime", lifetime, FK_U16),
    MSG_F("hoa", hoa, FK_IP4H), MSG_F("ha", ha, FK_IP4H),
    MSG_F("id", id, FK_ID64),
};

static const mip4_msg_desc MSGS[] = {
    {"rrq", MIPFB_MIP4_RRQ, 1, RRQ_FIELDS, N_ELEMS(RRQ_FIELDS)},
    {"rrp", MIPFB_MIP4_RRP, 0, RRP_FIELDS, N_ELEMS(RRP_FIELDS)},
};

/* clang-format off */
#define EXT_F(name, member, kind, flags) {name, offsetof(mipfb_mip4_ext, u.member), kind, flags}
/* clang-format on */

static const field MULTIPATH_FIELDS[] = {
    EXT_F("if_att", multipath.if_att, FK_U8, 0), EXT_F("if_label", multipath.if_label, FK_U8, 0),
    EXT_F("bid", multipath.bid, FK_U8, 0),       EXT_F("B", multipath.b, FK_FLAG, 0),
    EXT_F("O", multipath.o, FK_FLAG, 0),
};

static const field MTUNNEL_FIELDS[] = {
    EXT_F("if_type", mtunnel.if_type, FK_U8, 0),
    EXT_F("bid", mtunnel.bid, FK_U16, 0),
    EXT_F("B", mtunnel.b, FK_FLAG, 0),
    EXT_F("O", mtunnel.o, FK_FLAG, 0),
};

/* encode may give "key" instead of the authenticator */
static const field AUTH_FIELDS[] = {
    EXT_F("spi", auth.spi, FK_U32, 0),
    EXT_F("authenticator", auth.authenticator, FK_HEXVEC, FF_OPTIONAL),
};

static const field NAI_FIELDS[] = {EXT_F("nai", nai, FK_STRVEC, 0)};

static const field UNKNOWN_FIELDS[] = {EXT_F("data", unknown, FK_HEXVEC, 0)};

static const mip4_ext_desc EXTS[] = {
    {"multipath", MIPFB_MIP4_EXT_MULTIPATH, MULTIPATH_FIELDS, N_ELEMS(MULTIPATH_FIELDS)},
    {"flow_binding", MIPFB_MIP4_EXT_FLOW_BINDING, NULL, 0},
    {"multiple_tunnel", MIPFB_MIP4_EXT_MTUNNEL, MTUNNEL_FIELDS, N_ELEMS(MTUNNEL_FIELDS)},
    {"mn_ha_auth", MIPFB_MIP4_EXT_MN_HA_AUTH, AUTH_FIELDS, N_ELEMS(AUTH_FIELDS)},
    {"mn_fa_auth", MIPFB_MIP4_EXT_MN_FA_AUTH, AUTH_FIELDS, N_ELEMS(AUTH_FIELDS)},
    {"fa_ha_auth", MIPFB_MIP4_EXT_FA_HA_AUTH, AUTH_FIELDS, N_ELEMS(AUTH_FIELDS)},
    {"nai", MIPFB_MIP4_EXT_NAI, NAI_FIELDS, N_ELEMS(NAI_FIELDS)},
    {"unknown", MIPFB_MIP4_EXT_UNKNOWN, UNKNOWN_FIELDS, N_ELEMS(UNKNOWN_FIELDS)},
};

const mip4_msg_desc *mip4_msg_by_type(uint8_t type) {
  return table_find_key(MSGS, N_ELEMS(MSGS), sizeof MSGS[0], offsetof(mip4_msg_desc, type), &type, sizeof type);
}

const mip4_msg_desc *mip4_msg_by_name(const char *name) {
  return table_find_name(MSGS, N_ELEMS(MSGS), sizeof MSGS[0], name);
}

const mip4_ext_desc *mip4_ext_by_kind(mipfb_mip4_ext_kind kind) {
  return table_find_key(EXTS, N_ELEMS(EXTS), sizeof EXTS[0], offsetof(mip4_ext_desc, kind), &kind, sizeof kind);
}

const mip4_ext_desc *mip4_ext_by_name(const char *name) {
  return table_find_name(EXTS, N_ELEMS(EXTS), sizeof EXTS[0], name);
}

void mip4_ext_codes(mipfb_mip4_ext_kind kind, const mipfb_codepoints *cp, int *type, int *subtype) {
  *subtype = -1;
  switch (kind) {
  case MIPFB_MIP4_EXT_MULTIPATH:
    *type = cp->mip4_ext_multipath;
    *subtype = cp->mip4_sub_multipath;
    break;
  case MIPFB_MIP4_EXT_FLOW_BINDING:
    *type = cp->mip4_ext_multipath;
    *subtype = cp->mip4_sub_flow_binding;
    break;
  case MIPFB_MIP4_EXT_MTUNNEL:
    *type = cp->mip4_ext_mtunnel;
    *subtype = 0;
    break;
  case MIPFB_MIP4_EXT_MN_HA_AUTH:
    *type = MIPFB_MIP4_EXT_TYPE_MN_HA;
    break;
  case MIPFB_MIP4_EXT_MN_FA_AUTH:
    *type = MIPFB_MIP4_EXT_TYPE_MN_FA;
    break;
  case MIPFB_MIP4_EXT_FA_HA_AUTH:
    *type = MIPFB_MIP4_EXT_TYPE_FA_HA;
    break;
  case MIPFB_MIP4_EXT_NAI:
    *type = MIPFB_MIP4_EXT_TYPE_NAI;
    break;
  case MIPFB_MIP4_EXT_UNKNOWN:
  default:
    *type = -1;
    break;
  }
}

const char *mip4_action_name(uint8_t action, const mipfb_codepoints *cp) {
  if (action == cp->mip4_fb_drop) {
    return "drop";
  }
  return action == cp->mip4_fb_forward ? "forward" : NULL;
}

int mip4_action_value(const char *name, const mipfb_codepoints *cp) {
  if (name != NULL && strcmp(name, "drop") == 0) {
    return cp->mip4_fb_drop;
  }
  return name != NULL && strcmp(name, "forward") == 0 ? cp->mip4_fb_forward : -1;
}
