/* Command-line parsing shared by the commands. */
#include <stdarg.h>
#include <string.h>

#include "cli.h"

int cli_usage_error(const char *fmt, ...) {
  va_list ap;
  fputs("mipfb: ", stderr);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputs("\nTry 'mipfb --help'.\n", stderr);
  return EXIT_USAGE;
}

int cli_profile(const char *s, mipfb_codepoints *cp) {
  if (strcmp(s, "rfc") == 0) {
    return mipfb_codepoints_default(cp, MIPFB_PROFILE_RFC);
  }
  if (strcmp(s, "draft") == 0) {
    return mipfb_codepoints_default(cp, MIPFB_PROFILE_DRAFT);
  }
  return -1;
}

static const char *set_input(const char **slot, void *opts, const char *v) {
  *slot = v;
  ((cli_input *)opts)->count++;
  return NULL;
}

const char *cli_input_hex(void *opts, const char *v) { return set_input(&((cli_input *)opts)->hex, opts, v); }

const char *cli_input_pcap(void *opts, const char *v) { return set_input(&((cli_input *)opts)->pcap, opts, v); }

const char *cli_input_file(void *opts, const char *v) { return set_input(&((cli_input *)opts)->file, opts, v); }

/* The option named by `arg` ("--name" or "--name=value"); NULL when none. */
static const cli_option *find_option(const char *arg, const cli_option *t, size_t n, const char **inline_value) {
  size_t i;
  for (i = 0; i < n; i++) {
    size_t len = strlen(t[i].name);
    if (strncmp(arg, t[i].name, len) != 0) {
      continue;
    }
    if (arg[len] == '\0') {
      *inline_value = NULL;
      return &t[i];
    }
    if (arg[len] == '=' && t[i].has_value) {
      *inline_value = arg + len + 1;
      return &t[i];
    }
  }
  return NULL;
}

int cli_parse(int argc, char **argv, const cli_option *t, size_t n, void *opts,
              const char *(*operand)(void *opts, const char *arg)) {
  int i;
  for (i = 0; i < argc; i++) {
    const char *arg = argv[i];
    const char *value = NULL;
    const cli_option *o;
    const char *why;
    if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
      cli_usage(stdout);
      return CLI_HELP;
    }
    if (arg[0] != '-' || arg[1] == '\0') {
      why = operand(opts, arg);
      if (why != NULL) {
        return cli_usage_error("'%s': %s", arg, why);
      }
      continue;
    }
    o = find_option(arg, t, n, &value);
    if (o == NULL) {
      return cli_usage_error("unknown option '%s'", arg);
    }
    if (o->has_value && value == NULL) {
      if (i + 1 >= argc) {
        return cli_usage_error("option '%s' needs a value", o->name);
      }
      value = argv[++i];
    }
    why = o->set(opts, value);
    if (why != NULL) {
      return cli_usage_error("%s%s%s: %s", o->name, value ? " " : "", value ? value : "", why);
    }
  }
  return 0;
}
