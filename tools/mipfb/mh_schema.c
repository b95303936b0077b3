/* The Mobility Header JSON schema (cli.md "Mobility Header") as tables. */
#include "mh_schema.h"


#define MH_BA_B 0x08u /* BA flag B (RFC 6602), wire.md 4.3 */

static const flag_bit BU_FLAGS_RFC[] = {
    {"A", MIPFB_MH_BU_A}, {"H", MIPFB_MH_BU_H}, {"L", MIPFB_MH_BU_L}, {"K", MIPFB_MH_BU_K}, {"M", MIPFB_MH_BU_M},
    {"R", MIPFB_MH_BU_R}, {"P", MIPFB_MH_BU_P}, {"F", MIPFB_MH_BU_F}, {"T", MIPFB_MH_BU_T}, {"B", MIPFB_MH_BU_B},
};

/* draft-13: the 0x0040 bit is the MCoA O flag (errata E-11) */
static const flag_bit BU_FLAGS_DRAFT[] = {
    {"A", MIPFB_MH_BU_A}, {"H", MIPFB_MH_BU_H}, {"L", MIPFB_MH_BU_L}, {"K", MIPFB_MH_BU_K}, {"M", MIPFB_MH_BU_M},
    {"R", MIPFB_MH_BU_R}, {"P", MIPFB_MH_BU_P}, {"F", MIPFB_MH_BU_F}, {"T", MIPFB_MH_BU_T}, {"O", MIPFB_MH_BU_B},
};

static const flag_bit BA_FLAGS[] = {
    {"K", MIPFB_MH_BA_K}, {"R", MIPFB_MH_BA_R}, {"P", MIPFB_MH_BA_P}, {"T", MIPFB_MH_BA_T}, {"B", MH_BA_B},
};

/* clang-format off */
#define MSG_F(name, member, kind) {name, offsetof(mipfb_mh_msg, member), kind, 0}
/* clang-format on */

static const field BU_FIELDS[] = {
    MSG_F("seq", seq, FK_U16),
    MSG_F("lifetime", lifetime, FK_U16),
};

static const field BA_FIELDS[] = {
    MSG_F("status", status, FK_U8),
    MSG_F("seq", seq, FK_U16),
    MSG_F("lifetime", lifetime, FK_U16),
};

static const field BE_FIELDS[] = {
    MSG_F("status", status, FK_U8),
    MSG_F("hoa", hoa, FK_ADDR6),
};

static const mh_msg_desc MSGS[] = {
    {"bu", MIPFB_MH_BU, BU_FIELDS, N_ELEMS(BU_FIELDS), 1, 12},
    {"ba", MIPFB_MH_BA, BA_FIELDS, N_ELEMS(BA_FIELDS), 1, 12},
    {"brr", MIPFB_MH_BRR, NULL, 0, 0, 8},
    {"be", MIPFB_MH_BE, BE_FIELDS, N_ELEMS(BE_FIELDS), 0, 24},
};

/* clang-format off */
#define OPT_F(name, member, kind) {name, offsetof(mipfb_mh_opt, u.member), kind, 0}
/* clang-format on */

static const field ALT_COA_FIELDS[] = {OPT_F("coa", alt_coa, FK_ADDR6)};

/* "bid_pri" (RFC profile only) goes between "H" and "coa": mh_emit / mh_parse */
static const field BID_FIELDS[] = {
    OPT_F("bid", bid.bid, FK_U16),
    OPT_F("status", bid.status, FK_U8),
    OPT_F("H", bid.h, FK_FLAG),
};

static const field HI_FIELDS[] = {OPT_F("hi", hi, FK_U8)};
static const field ATT_FIELDS[] = {OPT_F("att", att, FK_U8)};
static const field LLA_FIELDS[] = {OPT_F("addr", lla, FK_ADDR6)};
static const field TIMESTAMP_FIELDS[] = {OPT_F("value", timestamp, FK_ID64)};

/* The rest of each of these: mh_emit / mh_parse (lists, text forms, flags). */
static const field FLOW_ID_FIELDS[] = {
    OPT_F("fid", flow_id.fid, FK_U16),
    OPT_F("fid_pri", flow_id.pri, FK_U16),
    OPT_F("status", flow_id.status, FK_U8),
};
static const field FLOW_DRAFT_FIELDS[] = {
    OPT_F("pri", flow_draft.pri, FK_U8),
    OPT_F("fid", flow_draft.fid, FK_U16),
};
static const field IDENT_FIELDS[] = {OPT_F("subtype", ident.subtype, FK_U8)};
static const field MMB_FIELDS[] = {
    OPT_F("if_att", mmb.att, FK_U8),
    OPT_F("if_label", mmb.label, FK_U8),
    OPT_F("bid", mmb.bid, FK_U16),
};

static const mh_opt_desc OPTS[] = {
    {"flow_id", MIPFB_MH_OPT_FLOW_ID, FLOW_ID_FIELDS, N_ELEMS(FLOW_ID_FIELDS)},
    {"flow_id", MIPFB_MH_OPT_FLOW_ID_DRAFT, FLOW_DRAFT_FIELDS, N_ELEMS(FLOW_DRAFT_FIELDS)},
    {"flow_summary", MIPFB_MH_OPT_FLOW_SUMMARY, NULL, 0},
    {"mn_id", MIPFB_MH_OPT_MN_ID, IDENT_FIELDS, N_ELEMS(IDENT_FIELDS)},
    {"hnp", MIPFB_MH_OPT_HNP, NULL, 0},
    {"mmb", MIPFB_MH_OPT_MMB, MMB_FIELDS, N_ELEMS(MMB_FIELDS)},
    {"mag_id", MIPFB_MH_OPT_MAG_ID, IDENT_FIELDS, N_ELEMS(IDENT_FIELDS)},
    {"alt_coa", MIPFB_MH_OPT_ALT_COA, ALT_COA_FIELDS, N_ELEMS(ALT_COA_FIELDS)},
    {"bid", MIPFB_MH_OPT_BID, BID_FIELDS, N_ELEMS(BID_FIELDS)},
    {"hi", MIPFB_MH_OPT_HI, HI_FIELDS, N_ELEMS(HI_FIELDS)},
    {"att", MIPFB_MH_OPT_ATT, ATT_FIELDS, N_ELEMS(ATT_FIELDS)},
    {"lla", MIPFB_MH_OPT_LLA, LLA_FIELDS, N_ELEMS(LLA_FIELDS)},
    {"timestamp", MIPFB_MH_OPT_TIMESTAMP, TIMESTAMP_FIELDS, N_ELEMS(TIMESTAMP_FIELDS)},
};

const mh_msg_desc *mh_msg_by_type(uint8_t type) {
  return table_find_key(MSGS, N_ELEMS(MSGS), sizeof MSGS[0], offsetof(mh_msg_desc, type), &type, sizeof type);
}

const mh_msg_desc *mh_msg_by_name(const char *name) { return table_find_name(MSGS, N_ELEMS(MSGS), sizeof MSGS[0], name); }

const mh_opt_desc *mh_opt_by_kind(mipfb_mh_opt_kind kind) {
  return table_find_key(OPTS, N_ELEMS(OPTS), sizeof OPTS[0], offsetof(mh_opt_desc, kind), &kind, sizeof kind);
}

const mh_opt_desc *mh_opt_by_name(const char *name, const mipfb_codepoints *cp) {
  const mh_opt_desc *d = table_find_name(OPTS, N_ELEMS(OPTS), sizeof OPTS[0], name);
  if (d != NULL && d->kind == MIPFB_MH_OPT_FLOW_ID && cp->profile == MIPFB_PROFILE_DRAFT) {
    d = mh_opt_by_kind(MIPFB_MH_OPT_FLOW_ID_DRAFT);
  }
  return d;
}

/* draft-00 Action and PRO (wire.md 6.1, errata E-10) */
static const flag_bit FDRAFT_ACTIONS[] = {
    {"forward", MIPFB_MH_FDRAFT_FORWARD},
    {"discard", MIPFB_MH_FDRAFT_DISCARD},
    {"ncast", MIPFB_MH_FDRAFT_NCAST},
};
static const flag_bit FDRAFT_PROS[] = {
    {"add", MIPFB_MH_FDRAFT_ADD},
    {"replace", MIPFB_MH_FDRAFT_MODIFY},
    {"refresh", MIPFB_MH_FDRAFT_REFRESH},
    {"remove", MIPFB_MH_FDRAFT_REMOVE},
};

static const char *name_of(const flag_bit *t, size_t n, uint8_t v) {
  size_t i;
  for (i = 0; i < n; i++) {
    if (t[i].mask == v) {
      return t[i].name;
    }
  }
  return NULL;
}

static int value_of(const flag_bit *t, size_t n, const char *name) {
  const flag_bit *b = table_find_name(t, n, sizeof t[0], name);
  return b != NULL ? (int)b->mask : -1;
}

const char *mh_fdraft_action_name(uint8_t v) { return name_of(FDRAFT_ACTIONS, N_ELEMS(FDRAFT_ACTIONS), v); }
const char *mh_fdraft_pro_name(uint8_t v) { return name_of(FDRAFT_PROS, N_ELEMS(FDRAFT_PROS), v); }
int mh_fdraft_action_value(const char *name) { return value_of(FDRAFT_ACTIONS, N_ELEMS(FDRAFT_ACTIONS), name); }
int mh_fdraft_pro_value(const char *name) { return value_of(FDRAFT_PROS, N_ELEMS(FDRAFT_PROS), name); }

const flag_bit *mh_flags(uint8_t type, const mipfb_codepoints *cp, size_t *n) {
  switch (type) {
  case MIPFB_MH_BU:
    *n = N_ELEMS(BU_FLAGS_RFC);
    return cp->mh_bu_flag_o != 0 ? BU_FLAGS_DRAFT : BU_FLAGS_RFC;
  case MIPFB_MH_BA:
    *n = N_ELEMS(BA_FLAGS);
    return BA_FLAGS;
  default:
    *n = 0;
    return NULL;
  }
}

uint8_t mh_opt_type(mipfb_mh_opt_kind kind, const mipfb_codepoints *cp) {
  switch (kind) {
  case MIPFB_MH_OPT_REFRESH:
    return MIPFB_MH_OPT_BRA;
  case MIPFB_MH_OPT_ALT_COA:
    return MIPFB_MH_OPT_ACOA;
  case MIPFB_MH_OPT_NONCE_IDX:
    return MIPFB_MH_OPT_NONCE;
  case MIPFB_MH_OPT_AUTH_DATA:
    return MIPFB_MH_OPT_AUTH;
  case MIPFB_MH_OPT_BID:
    return cp->mh_opt_bid;
  case MIPFB_MH_OPT_HI:
    return MIPFB_MH_OT_HI;
  case MIPFB_MH_OPT_ATT:
    return MIPFB_MH_OT_ATT;
  case MIPFB_MH_OPT_LLA:
    return MIPFB_MH_OT_LLA;
  case MIPFB_MH_OPT_TIMESTAMP:
    return MIPFB_MH_OT_TIMESTAMP;
  case MIPFB_MH_OPT_MN_ID:
    return MIPFB_MH_OT_MN_ID;
  case MIPFB_MH_OPT_HNP:
    return MIPFB_MH_OT_HNP;
  case MIPFB_MH_OPT_FLOW_ID:
  case MIPFB_MH_OPT_FLOW_ID_DRAFT:
    return cp->mh_opt_flow_id;
  case MIPFB_MH_OPT_FLOW_SUMMARY:
    return cp->mh_opt_flow_summary;
  case MIPFB_MH_OPT_MMB:
    return cp->mh_opt_mmb;
  case MIPFB_MH_OPT_MAG_ID:
    return cp->mh_opt_mag_id;
  case MIPFB_MH_OPT_UNKNOWN:
  default:
    return 0;
  }
}
