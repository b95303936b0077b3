/* JSON Lines output and error objects. */
#include "out.h"

#include <stdio.h>

#include "fields.h"

json_t *out_error(const char *name, const char *detail, size_t offset) {
  json_t *o = json_object();
  if (o == NULL || json_put(o, "error", json_string(name)) != 0 ||
      json_put(o, "detail", json_string(detail)) != 0 ||
      json_put(o, "offset", json_integer((json_int_t)offset)) != 0) {
    json_decref(o);
    return NULL;
  }
  return o;
}

json_t *out_lib_error(int code, const mipfb_diag *diag) {
  int filled = diag != NULL && diag->detail != NULL;
  return out_error(mipfb_err_name(code), filled ? diag->detail : mipfb_strerror(code), filled ? diag->offset : 0);
}

int out_line(FILE *f, json_t *o) {
  int rc;
  if (o == NULL) {
    fputs("mipfb: out of memory\n", stderr);
    return -1;
  }
  rc = json_dumpf(o, f, JSON_COMPACT | JSON_PRESERVE_ORDER);
  json_decref(o);
  if (rc != 0 || fputc('\n', f) == EOF) {
    return -1;
  }
  return 0;
}
