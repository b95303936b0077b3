/*
 * mipfb: decode and encode Mobile IP multipath / flow-binding signalling
 * (cli.md). Entry point: subcommand dispatch, --help, --version.
 */
#include <stdio.h>
#include <string.h>

#include <mipfb/version.h>

#include "cli.h"

static const char USAGE[] =
    "mipfb decode [--profile rfc|draft] [--proto auto|mip4|mh] [--key SPI:HEX]... [--src ADDR --dst ADDR]\n"
    "             (--hex HEX | --pcap FILE | FILE | -)\n"
    "mipfb encode [--profile rfc|draft] [--hex | --out FILE | --pcap FILE] (FILE | -)\n"
    "mipfb classify --policy FILE [--direction to-mn|from-mn] [--seed N] (--pcap FILE | --hex HEX | FILE | -)\n"
    "mipfb --version | --help\n";

void cli_usage(FILE *f) {
  fputs("usage:\n", f);
  fputs(USAGE, f);
}

typedef struct command {
  const char *name;
  int (*run)(int argc, char **argv);
} command;

static const command COMMANDS[] = {
    {"decode", cmd_decode},
    {"encode", cmd_encode},
    {"classify", cmd_classify},
};

int main(int argc, char **argv) {
  size_t i;
  if (argc < 2) {
    return cli_usage_error("a command is required");
  }
  if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
    cli_usage(stdout);
    return EXIT_ALL_OK;
  }
  if (strcmp(argv[1], "--version") == 0) {
    const mipfb_info *v = mipfb_version(0);
    puts(v != NULL ? v->version_str : "unknown");
    return EXIT_ALL_OK;
  }
  for (i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++) {
    if (strcmp(argv[1], COMMANDS[i].name) == 0) {
      return COMMANDS[i].run(argc - 2, argv + 2);
    }
  }
  return cli_usage_error("unknown command '%s'", argv[1]);
}
