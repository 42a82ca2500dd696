/* cli.h - the fdi command: options shared by every subcommand. */
#ifndef FDI_CLI_H
#define FDI_CLI_H

#include "fdi/fdi.h"
#include "fdi/ask.h"
#include "fdi/forecast.h"

#include <stdio.h>

/* Exit codes (DESIGN.md). */
enum { EXIT_USAGE = 1, EXIT_DATA = 2, EXIT_COMPUTE = 3 };

/* Input files one command reads together (fdi_ingest_files). */
enum { CLI_MAX_FILES = 64 };

typedef struct {
    const char *command;
    const char *file;     /* the input as messages name it: the file, or
                             several joined by ", " */
    const char *files[CLI_MAX_FILES];
    size_t nfiles;
    fdi_ingest_options in;
    fdi_panel_options panel;
    fdi_input *input;      /* the input options, set by the library's
                              fdi_input_set; in and panel are copies */
    fdi_format format;
    int format_given;     /* --format given (else -o's extension decides) */
    const char *output;   /* -o FILE, or NULL: standard output */
    int has_as_of;
    int32_t as_of;
    int as_of_freq;
    int single;           /* yoy of the single period, not the year to date */
    int strict;           /* --strict given (the default's name); info: rejected
                             rows make the exit status 2 */
    int lenient;          /* --lenient given */
    int figures_window;   /* set by ytd, yoy and plan: they read only the rows
                             from fdi_measures_first_period to --as-of */
    const char *plan_file;
    double plan_value, target; /* NaN when not given */
    int help;
    int quiet;                 /* --quiet: no progress bar */
    /* forecast and backtest */
    char methods_buf[128];     /* --method: one name, or a comma list (backtest) */
    fdi_fc_method methods[FDI_FC_NMETHODS];
    int nmethods;
    int levels[4], nlevels;    /* --level 80,95 */
    unsigned long seed;        /* --seed */
    int threads;               /* --threads (0: not given) */
    size_t paths;              /* --paths */
    int k_years;               /* --k-years */
    const char *ets_model;     /* --ets-model */
    int no_calibrate;          /* --calibrate off */
    /* whatif */
    const char *scenarios_file; /* --scenarios */
    const char *sweep;          /* --sweep NAME=LO:HI:STEP */
    const char *seek;           /* --seek p_target=P */
    const char *vary;           /* --vary NAME[=LO:HI] */
    /* report */
    int lang_vi;                /* --lang vi */
    int lang_given;             /* --lang given (the HTML page: that language,
                                   else both) */
    int markdown;               /* --format markdown */
    const char *chart;          /* --chart OUT.svg|.png|.pdf */
    int cutoffs[12], ncutoffs; /* --cutoffs 3,6,9 */
    int horizon;               /* --horizon H (backtest), 0: year-end only */
    int from_year;             /* --from YYYY (backtest) */
    int cases;                 /* --cases (backtest): one row per forecast */
    FILE *errors;              /* where cli_parse says what is wrong (NULL:
                                  stderr; the fuzz target passes /dev/null) */
    char *owned[CLI_MAX_FILES + 3]; /* paths found among the installed
                                       datasets (cli_data_path), the joined
                                       file names: freed by cli_free */
    size_t nowned;
} cli_options;

/* Parse argv after the command name (o->command names it): the options of
 * that command's table in options.c, each once (--filter repeats), and one
 * file.  Returns 0, or an exit code after printing the reason. */
int cli_parse(int argc, char **argv, cli_options *o);
void cli_free(cli_options *o);

/* path, or when it is relative and names no file here, the same path
 * under the datasets installed beside the program (<prefix>/share/fdi/,
 * the program being <prefix>/bin/fdi) when there is such a file: a copy
 * kept in o->owned (path itself when out of memory). */
const char *cli_data_path(cli_options *o, const char *path);

/* Map a status to an exit code and print "fdi: file:line:col: message". */
int cli_fail(fdi_status st, const fdi_error *err);

/* Load the frame: strict by default (the library's error, exit 2, when a
 * row is rejected), with --lenient the rejection summary on stderr.  info
 * reads every file to the end and lists what it rejected (exit code 2 with
 * an explicit --strict; the frame is still returned).  panel (NULL: not
 * asked): the panel at o->as_of when its sums were taken as the file was
 * read (fdi_ingest_summed; the frame then holds no observations), else
 * NULL. */
int cli_load_frame(const cli_options *o, fdi_frame **frame, fdi_panel **panel);
/* The panel at o->as_of (all periods when not given). */
int cli_build_panel(const cli_options *o, const fdi_frame *frame, fdi_panel **panel);

int cmd_info(const cli_options *o);
int cmd_ytd(const cli_options *o);
int cmd_yoy(const cli_options *o);
int cmd_plan(const cli_options *o);
int cmd_forecast(const cli_options *o);
int cmd_backtest(const cli_options *o);
int cmd_whatif(const cli_options *o);
int cmd_report(const cli_options *o);
/* Without --as-of: the last period of the file, said on stderr. */
int cli_resolve_as_of(cli_options *o, const fdi_frame *f);
/* A progress bar on stderr (a terminal, no --quiet, work over 0.5 s). */
void cli_progress_begin(const cli_options *o, const char *label);
void cli_progress(size_t done, size_t total);
void cli_progress_bytes(void *ctx, size_t done, size_t total); /* for ingest */
void cli_progress_end(void);

/* Load the frame, settle --as-of, build the panel; 0 or an exit code. */
int cli_open(cli_options *o, fdi_frame **f, fdi_panel **p);
/* Write the result table to stdout; 0 or an exit code. */
int cli_emit(const fdi_table *t, fdi_format fmt);
/* Write the result table t to -o FILE (whole or not at all) or stdout in
 * o->format; chart, when not NULL, is the data of the workbook's chart
 * (xlsx only).  0 or an exit code (2 naming FILE when it cannot be
 * written). */
int cli_write(const cli_options *o, const fdi_table *t, const fdi_table *chart,
              const char *chart_title);
/* -o FILE opened in o->format (its title: the command line's gist); 0 or
 * an exit code. */
int cli_output_open(const cli_options *o, fdi_output **out);
/* Commit out when rc is 0, else discard it; rc or the commit's exit code. */
int cli_output_close(fdi_output *out, int rc);
/* What the library's questions take, from the options. */
fdi_plan_source cli_plan_source(const cli_options *o);
fdi_fc_options cli_fc_options(const cli_options *o);
/* A request checked before reading (st from an fdi_*_check): 0, or the
 * usage error printed and its exit code. */
int cli_check(const cli_options *o, fdi_status st, const fdi_error *err);
/* Print the answer t (or the error), destroy t; 0 or an exit code. */
int cli_answer(const cli_options *o, fdi_status st, const fdi_error *err, fdi_table *t);

/* Usage text of a command (NULL: the overview), from options.c's tables. */
void cli_usage(FILE *out, const char *command);
/* The man page of a command from the same tables; 0, or 1 for an unknown
 * command (fdi --man COMMAND, scripts/gen_man.sh). */
int cli_man_page(FILE *out, const char *command);

#endif
