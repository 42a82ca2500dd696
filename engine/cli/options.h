/* options.h - the option tables of the fdi command.
 *
 * One table lists every option once (its name, argument, help text and the
 * function that stores its value); one table per command lists the options
 * that command uses.  cli_parse accepts exactly those (getopt_long built
 * from the command's list), and `fdi COMMAND --help` and the man pages
 * (fdi --man COMMAND) are printed from the same lists, so the help cannot
 * drift from what is accepted.
 */
#ifndef FDI_CLI_OPTIONS_H
#define FDI_CLI_OPTIONS_H

#include "cli.h"

#include <stdio.h>

typedef enum {
    OPT_HELP,
    /* input options */
    OPT_PERIOD, OPT_KEY, OPT_VALUE, OPT_MEASURE_COL, OPT_VALUE_COL, OPT_YTD,
    OPT_DECIMAL, OPT_THOUSANDS, OPT_DELIMITER, OPT_SKIP, OPT_SCALE, OPT_FY_START,
    OPT_FILTER, OPT_BY, OPT_KEEP_TOTALS, OPT_FILL, OPT_DEDUPE, OPT_STRICT, OPT_LENIENT,
    OPT_ENCODING, OPT_MAP, OPT_SHEET, OPT_QUIET, OPT_THREADS,
    OPT_ALLOW_FUTURE, OPT_FORMAT,
    /* command options */
    OPT_AS_OF, OPT_SINGLE, OPT_PLAN, OPT_PLAN_VALUE, OPT_TARGET, OPT_METHOD,
    OPT_LEVEL, OPT_K_YEARS, OPT_ETS_MODEL, OPT_CALIBRATE, OPT_SEED, OPT_PATHS,
    OPT_CUTOFFS, OPT_FROM, OPT_HORIZON, OPT_CASES, OPT_SCENARIOS, OPT_SWEEP, OPT_SEEK,
    OPT_VARY, OPT_LANG, OPT_CHART, OPT_UNIT, OPT_OUTPUT,
    OPT_COUNT
} cli_opt_id;

/* While one command line is parsed. */
typedef struct {
    cli_options *o;
    const char *cmd;
    int thousands_set;
} cli_parse_state;

typedef struct {
    const char *name;      /* "as-of" (given as --as-of) */
    const char *arg;       /* "YYYY-MM"; NULL: a flag */
    const char *help;      /* lines of at most 54 characters, '\n' between */
    int input;             /* listed under "Input options" */
    int repeatable;        /* --filter; any other option may be given once */
    int (*set)(cli_parse_state *st, const char *val); /* 0 or an exit code */
} cli_opt;

/* An option as one command takes it; arg and help, when not NULL, replace
 * the table's (--method takes a list in backtest, --format text|markdown
 * in report). */
typedef struct {
    cli_opt_id id;
    const char *arg;
    const char *help;
} cli_cmd_opt;

enum { CLI_MAX_CMD_OPTS = 48 };

typedef struct {
    const char *name;
    const char *summary;  /* one line: the NAME of its man page */
    const char *usage;    /* "usage: fdi ytd FILE ..." lines */
    const char *about;    /* what it does, lines of at most 76 characters */
    const char *example;  /* one command line */
    const char *man_more; /* roff text after OPTIONS in the man page, or NULL */
    cli_cmd_opt opts[CLI_MAX_CMD_OPTS]; /* ends at the first OPT_HELP */
} cli_command;

extern const cli_opt cli_opts[OPT_COUNT];
extern const cli_command cli_commands[];
extern const size_t cli_ncommands;

/* The command named `name`, or NULL. */
const cli_command *cli_command_find(const char *name);
/* Write the man page of command c (roff) to out. */
void cli_man(FILE *out, const cli_command *c);

#endif
