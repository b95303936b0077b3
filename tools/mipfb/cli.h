/*
 * mipfb tool: exit codes, usage and option helpers shared by the commands.
 */
#ifndef MIPFB_TOOL_CLI_H
#define MIPFB_TOOL_CLI_H

#include <stdio.h>

#include <mipfb/codepoints.h>

/** Every message decoded / encoded. */
#define EXIT_ALL_OK 0
/** At least one message rejected (its error object was printed). */
#define EXIT_REJECTED 1
/** Bad command line or unusable input file. */
#define EXIT_USAGE 2

#if defined(__GNUC__)
#define TOOL_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define TOOL_PRINTF(f, a)
#endif

/** Print the synopsis of cli.md to @p f. */
void cli_usage(FILE *f);

/** Print "mipfb: MESSAGE" and a hint to stderr; returns EXIT_USAGE. */
int cli_usage_error(const char *fmt, ...) TOOL_PRINTF(1, 2);

/** One option of a command. */
typedef struct cli_option {
  const char *name; /**< "--name" */
  int has_value;    /**< takes a value ("--name VALUE" or "--name=VALUE") */
  /** Apply the option; NULL when accepted, else why not. */
  const char *(*set)(void *opts, const char *value);
} cli_option;

/** cli_parse's return when --help was given (the usage has been printed). */
#define CLI_HELP (-1)

/**
 * Parse a command's arguments: options from @p t, and operands ("-" or
 * not starting with '-') passed to @p operand (which says NULL or why not).
 * @return 0, CLI_HELP, or EXIT_USAGE after a message on stderr.
 */
int cli_parse(int argc, char **argv, const cli_option *t, size_t n, void *opts,
              const char *(*operand)(void *opts, const char *arg));

/**
 * The input a command reads: one of --hex HEX, --pcap FILE, FILE or "-".
 * A command's options struct starts with this member, so that the
 * cli_input_* setters below serve every command's option table.
 */
typedef struct cli_input {
  const char *hex;  /**< --hex */
  const char *pcap; /**< --pcap */
  const char *file; /**< FILE or - */
  int count;        /**< how many were given (exactly one is valid) */
} cli_input;

/** cli_option setter for --hex (opts starts with a cli_input). */
const char *cli_input_hex(void *opts, const char *value);
/** cli_option setter for --pcap (opts starts with a cli_input). */
const char *cli_input_pcap(void *opts, const char *value);
/** Operand setter for FILE or "-" (opts starts with a cli_input). */
const char *cli_input_file(void *opts, const char *value);

/** Fill @p cp from a --profile value ("rfc" or "draft"); -1 when unknown. */
int cli_profile(const char *s, mipfb_codepoints *cp);

/** Subcommands. */
int cmd_decode(int argc, char **argv);
int cmd_encode(int argc, char **argv);
int cmd_classify(int argc, char **argv);

#endif /* MIPFB_TOOL_CLI_H */
