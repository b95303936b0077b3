/* Error names and descriptions. */
#include <mipfb/err.h>

typedef struct err_text {
  int code;
  const char *name;
  const char *text;
} err_text;

static const err_text ERR_TEXTS[] = {
    {MIPFB_ERR_INVALID_ARG, "invalid_arg", "invalid argument"},
    {MIPFB_ERR_TRUNCATED, "truncated", "input ends before a field or a declared length"},
    {MIPFB_ERR_BAD_LENGTH, "bad_length", "length field holds a forbidden value"},
    {MIPFB_ERR_BAD_VALUE, "bad_value", "field holds a forbidden value or combination"},
    {MIPFB_ERR_DUPLICATE, "duplicate", "element allowed once appears again"},
    {MIPFB_ERR_UNKNOWN_NONSKIPPABLE, "unknown_nonskippable", "unknown non-skippable extension"},
    {MIPFB_ERR_BAD_ORDER, "bad_order", "extension or option out of its required place"},
    {MIPFB_ERR_BAD_CHECKSUM, "bad_checksum", "checksum does not verify"},
    {MIPFB_ERR_AUTH, "auth_failed", "authenticator does not verify"},
    {MIPFB_ERR_UNSUPPORTED, "unsupported", "valid value not implemented"},
    {MIPFB_ERR_NOBUF, "nobuf", "buffer too small"},
    {MIPFB_ERR_EOF, "eof", "end of iteration"},
    {MIPFB_ERR_INVALID_STATE, "invalid_state", "call not allowed in the current state"},
    {MIPFB_ERR_TABLE_FULL, "table_full", "table full"},
    {MIPFB_ERR_ABI, "abi", "structure layout mismatch"},
    {MIPFB_ERR_NOT_FOUND, "not_found", "entry not found"},
    {MIPFB_ERR_HOOK, "hook_failed", "host hook failed; request undone"},
    {MIPFB_ERR_BAD_IMAGE, "bad_image", "state image truncated, corrupted or of another version"},
    {MIPFB_ERR_CALLBACK_FAILURE, "callback_failure", "host callback failed"},
    {MIPFB_ERR_INTERNAL, "internal", "internal error"},
};

static const err_text *find(int err) {
  size_t i;
  for (i = 0; i < sizeof ERR_TEXTS / sizeof ERR_TEXTS[0]; i++) {
    if (ERR_TEXTS[i].code == err) {
      return &ERR_TEXTS[i];
    }
  }
  return NULL;
}

const char *mipfb_strerror(int err) {
  const err_text *t = find(err);
  if (err == 0) {
    return "success";
  }
  return t ? t->text : "unknown error";
}

const char *mipfb_err_name(int err) {
  const err_text *t = find(err);
  return t ? t->name : "unknown";
}

int mipfb_err_is_fatal(int err) { return err <= MIPFB_ERR_FATAL; }
