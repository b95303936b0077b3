/* Run-time version and build configuration. */
#include <mipfb/config.h>
#include <mipfb/version.h>

static const mipfb_info INFO = {MIPFB_VERSION_AGE, MIPFB_VERSION_NUM, MIPFB_VERSION};
static const mipfb_config CONFIG = {MIPFB_MAX_COA, MIPFB_MAX_FLOWS};

const mipfb_info *mipfb_version(int least_version) {
  return least_version > MIPFB_VERSION_NUM ? NULL : &INFO;
}

const mipfb_config *mipfb_get_config(void) { return &CONFIG; }
