/* args.c - option parsing for every fdi subcommand.
 *
 * Options take "--name value" or "--name=value".  Unknown options and
 * malformed values are usage errors (exit 1) that say what was expected.
 */
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((format(printf, 2, 3)))
static int usage_error(const char *command, const char *fmt, ...)
{
    fprintf(stderr, "fdi %s: ", command ? command : "");
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n(see fdi %s --help)\n", command ? command : "");
    return EXIT_USAGE;
}

static int parse_double(const char *s, double *out)
{
    char *end;
    errno = 0;
    *out = strtod(s, &end);
    return *s && *end == '\0' && errno == 0 && isfinite(*out);
}

static int parse_long(const char *s, long *out)
{
    char *end;
    errno = 0;
    *out = strtol(s, &end, 10);
    return *s && *end == '\0' && errno == 0;
}

static int one_char(const char *s, char *out)
{
    if (strcmp(s, "tab") == 0 || strcmp(s, "\\t") == 0) {
        *out = '\t';
        return 1;
    }
    if (strcmp(s, "space") == 0) {
        *out = ' ';
        return 1;
    }
    if (strcmp(s, "none") == 0) {
        *out = 0;
        return 1;
    }
    if (strlen(s) != 1)
        return 0;
    *out = s[0];
    return 1;
}

/* Next comma-separated token of *p (cut in place), NULL at the end. */
static char *next_token(char **p)
{
    char *t = *p, *c;
    if (!t)
        return NULL;
    c = strchr(t, ',');
    if (c) {
        *c = '\0';
        *p = c + 1;
    } else {
        *p = NULL;
    }
    return t;
}

/* "80,95" into out[0..*n-1], each in lo..hi; 0 or -1. */
static int parse_int_list(const char *s, int *out, int max, int *n, long lo, long hi)
{
    char buf[128], *tok, *rest = buf;
    if (strlen(s) >= sizeof buf)
        return -1;
    strcpy(buf, s);
    *n = 0;
    while ((tok = next_token(&rest)) != NULL) {
        long v;
        if (*n == max || !parse_long(tok, &v) || v < lo || v > hi)
            return -1;
        out[(*n)++] = (int)v;
    }
    return *n ? 0 : -1;
}

/* --method ets or --method ets,theta (backtest compares several) */
static int parse_methods(const char *cmd, const char *val, cli_options *o)
{
    char *tok, *rest = o->methods_buf;
    if (strlen(val) >= sizeof o->methods_buf)
        return usage_error(cmd, "--method list too long: \"%s\"", val);
    strcpy(o->methods_buf, val);
    o->nmethods = 0;
    while ((tok = next_token(&rest)) != NULL) {
        fdi_fc_method m;
        if (fdi_fc_method_parse(tok, &m) != 0 || o->nmethods == FDI_FC_NMETHODS)
            return usage_error(cmd, "--method takes runrate, seasonal, snaive, ets, "
                                    "theta, ensemble or auto (a comma list for "
                                    "backtest), not \"%s\"", tok);
        o->methods[o->nmethods++] = m;
    }
    return o->nmethods ? 0 : usage_error(cmd, "--method needs a name, not \"%s\"", val);
}

void cli_free(cli_options *o)
{
    for (size_t i = 0; i < o->panel.nfilters; i++)
        free(o->filter_buf[i]);
    o->panel.nfilters = 0;
}

int cli_parse(int argc, char **argv, cli_options *o)
{
    const char *cmd = o->command;
    int thousands_set = 0;
    o->in = fdi_ingest_options_default();
    o->panel = fdi_panel_options_default();
    o->panel.filters = o->filters;
    o->format = FDI_FORMAT_TABLE;
    o->plan_value = o->target = NAN;
    o->levels[0] = 80;
    o->levels[1] = 95;
    o->nlevels = 2;
    o->seed = 42;
    o->paths = 5000;
    o->k_years = 3;
    o->ets_model = "ZZZ";
    for (int i = 0; i < argc; i++) {
        char *arg = argv[i], *val = NULL, name[64];
        char *eq;
        if (strncmp(arg, "--", 2) != 0 || strcmp(arg, "--") == 0) {
            if (arg[0] == '-' && arg[1] && strcmp(arg, "-h") != 0)
                return usage_error(cmd, "unknown option \"%s\"", arg);
            if (strcmp(arg, "-h") == 0) {
                o->help = 1;
                continue;
            }
            if (o->file)
                return usage_error(cmd, "one input file only (also got \"%s\")", arg);
            o->file = arg;
            continue;
        }
        snprintf(name, sizeof name, "%s", arg + 2);
        if ((eq = strchr(name, '=')) != NULL) {
            *eq = '\0';
            val = strchr(arg, '=') + 1;
        }
#define FLAG(n) (strcmp(name, n) == 0)
#define NEED_VALUE()                                                          \
    do {                                                                      \
        if (!val) {                                                           \
            if (i + 1 >= argc)                                                \
                return usage_error(cmd, "option --%s needs a value", name);   \
            val = argv[++i];                                                  \
        }                                                                     \
    } while (0)
        if (FLAG("help")) {
            o->help = 1;
        } else if (FLAG("ytd")) {
            o->in.ytd = 1;
        } else if (FLAG("single")) {
            o->single = 1;
        } else if (FLAG("strict")) {
            o->strict = 1;
        } else if (FLAG("threads")) {
            long n;
            NEED_VALUE();
            if (!parse_long(val, &n) || n < 1 || n > 2)
                return usage_error(cmd, "--threads takes 1 or 2, not \"%s\"", val);
            o->in.threads = (int)n;
        } else if (FLAG("quiet")) {
            o->quiet = 1;
        } else if (FLAG("period")) {
            NEED_VALUE();
            o->in.period_col = val;
        } else if (FLAG("key")) {
            NEED_VALUE();
            o->in.key_cols = val;
        } else if (FLAG("value")) {
            NEED_VALUE();
            o->in.value_cols = val;
        } else if (FLAG("measure-col")) {
            NEED_VALUE();
            o->in.measure_col = val;
        } else if (FLAG("value-col")) {
            NEED_VALUE();
            o->in.value_col = val;
        } else if (FLAG("decimal")) {
            NEED_VALUE();
            if (strcmp(val, ",") != 0 && strcmp(val, ".") != 0)
                return usage_error(cmd, "--decimal takes \",\" or \".\", not \"%s\"", val);
            o->in.number.decimal = val[0];
            if (!thousands_set)
                o->in.number.thousands = val[0] == ',' ? '.' : ',';
        } else if (FLAG("thousands")) {
            NEED_VALUE();
            if (!one_char(val, &o->in.number.thousands))
                return usage_error(cmd, "--thousands takes one character (or "
                                        "\"space\", \"none\"), not \"%s\"", val);
            thousands_set = 1;
        } else if (FLAG("delimiter")) {
            NEED_VALUE();
            if (!one_char(val, &o->in.delimiter) || !o->in.delimiter)
                return usage_error(cmd, "--delimiter takes one character (or "
                                        "\"tab\"), not \"%s\"", val);
        } else if (FLAG("skip")) {
            long n;
            NEED_VALUE();
            if (!parse_long(val, &n) || n < 0)
                return usage_error(cmd, "--skip takes a number of lines >= 0, not \"%s\"", val);
            o->in.skip = n;
        } else if (FLAG("scale")) {
            NEED_VALUE();
            if (!parse_double(val, &o->in.scale) || o->in.scale == 0)
                return usage_error(cmd, "--scale takes a non-zero number, not \"%s\"", val);
        } else if (FLAG("fy-start")) {
            long m;
            NEED_VALUE();
            if (!parse_long(val, &m) || m < 1 || m > 12)
                return usage_error(cmd, "--fy-start takes a month 1..12, not \"%s\"", val);
            o->panel.fy_start = (int)m;
        } else if (FLAG("filter")) {
            char *copy, *e;
            NEED_VALUE();
            if (o->panel.nfilters == CLI_MAX_FILTERS)
                return usage_error(cmd, "too many --filter options (%s)", "32 at most");
            e = strchr(val, '=');
            if (!e || e == val)
                return usage_error(cmd, "--filter takes COLUMN=VALUE (VALUE may list "
                                        "alternatives as a|b), not \"%s\"", val);
            copy = malloc(strlen(val) + 1);
            if (!copy)
                return usage_error(cmd, "%s", "out of memory");
            strcpy(copy, val);
            copy[e - val] = '\0';
            o->filter_buf[o->panel.nfilters] = copy;
            o->filters[o->panel.nfilters].column = copy;
            o->filters[o->panel.nfilters].values = copy + (e - val) + 1;
            o->panel.nfilters++;
        } else if (FLAG("by")) {
            NEED_VALUE();
            o->panel.by = *val ? val : "none";
        } else if (FLAG("dedupe")) {
            NEED_VALUE();
            if (strcmp(val, "first") == 0)
                o->panel.dedupe = FDI_DEDUPE_FIRST;
            else if (strcmp(val, "last") == 0)
                o->panel.dedupe = FDI_DEDUPE_LAST;
            else if (strcmp(val, "sum") == 0)
                o->panel.dedupe = FDI_DEDUPE_SUM;
            else if (strcmp(val, "error") == 0)
                o->panel.dedupe = FDI_DEDUPE_ERROR;
            else
                return usage_error(cmd, "--dedupe takes first, last, sum or error, "
                                        "not \"%s\"", val);
        } else if (FLAG("fill")) {
            NEED_VALUE();
            if (strcmp(val, "zero") == 0)
                o->panel.fill_zero = 1;
            else if (strcmp(val, "none") == 0)
                o->panel.fill_zero = 0;
            else
                return usage_error(cmd, "--fill takes zero or none, not \"%s\"", val);
        } else if (FLAG("format")) {
            NEED_VALUE();
            if (strcmp(val, "table") == 0)
                o->format = FDI_FORMAT_TABLE;
            else if (strcmp(val, "csv") == 0)
                o->format = FDI_FORMAT_CSV;
            else if (strcmp(val, "json") == 0)
                o->format = FDI_FORMAT_JSON;
            else if (strcmp(cmd, "report") == 0 && (strcmp(val, "markdown") == 0 ||
                                                    strcmp(val, "md") == 0 ||
                                                    strcmp(val, "text") == 0))
                o->markdown = val[0] == 'm';
            else
                return usage_error(cmd, strcmp(cmd, "report") == 0
                                            ? "--format takes text or markdown, not \"%s\""
                                            : "--format takes table, csv or json, not \"%s\"",
                                   val);
        } else if (FLAG("lang")) {
            NEED_VALUE();
            if (strcmp(val, "en") != 0 && strcmp(val, "vi") != 0)
                return usage_error(cmd, "--lang takes en or vi, not \"%s\"", val);
            o->lang_vi = strcmp(val, "vi") == 0;
        } else if (FLAG("unit")) {
            NEED_VALUE();
            o->unit = strcmp(val, "million USD") == 0 ? NULL : val;
        } else if (FLAG("chart")) {
            NEED_VALUE();
            o->chart = val;
        } else if (FLAG("as-of")) {
            const char *why = NULL;
            NEED_VALUE();
            if (fdi_parse_period(val, strlen(val), &o->as_of, &o->as_of_freq, &why) !=
                FDI_PARSE_OK)
                return usage_error(cmd, "--as-of takes YYYY-MM (or YYYY for annual "
                                        "data), not \"%s\"", val);
            o->has_as_of = 1;
        } else if (FLAG("plan")) {
            NEED_VALUE();
            o->plan_file = val;
        } else if (FLAG("plan-value")) {
            NEED_VALUE();
            if (!parse_double(val, &o->plan_value))
                return usage_error(cmd, "--plan-value takes a number, not \"%s\"", val);
        } else if (FLAG("target")) {
            NEED_VALUE();
            if (!parse_double(val, &o->target))
                return usage_error(cmd, "--target takes a number, not \"%s\"", val);
        } else if (FLAG("method")) {
            NEED_VALUE();
            if (parse_methods(cmd, val, o) != 0)
                return EXIT_USAGE;
        } else if (FLAG("level")) {
            NEED_VALUE();
            if (parse_int_list(val, o->levels, 4, &o->nlevels, 50, 99) != 0)
                return usage_error(cmd, "--level takes one to four interval levels "
                                        "between 50 and 99, e.g. 80,95, not \"%s\"", val);
        } else if (FLAG("cutoffs")) {
            NEED_VALUE();
            if (parse_int_list(val, o->cutoffs, 12, &o->ncutoffs, 1, 11) != 0)
                return usage_error(cmd, "--cutoffs takes months of the year 1..11, "
                                        "e.g. 3,6,9, not \"%s\"", val);
        } else if (FLAG("seed")) {
            long n;
            NEED_VALUE();
            if (!parse_long(val, &n) || n < 0)
                return usage_error(cmd, "--seed takes a number >= 0, not \"%s\"", val);
            o->seed = (unsigned long)n;
        } else if (FLAG("paths")) {
            long n;
            NEED_VALUE();
            if (!parse_long(val, &n) || n < 100 || n > 10000000)
                return usage_error(cmd, "--paths takes 100 to 10000000 sample paths, "
                                        "not \"%s\"", val);
            o->paths = (size_t)n;
        } else if (FLAG("k-years")) {
            long n;
            NEED_VALUE();
            if (!parse_long(val, &n) || n < 1 || n > 50)
                return usage_error(cmd, "--k-years takes 1 to 50 past years, not \"%s\"", val);
            o->k_years = (int)n;
        } else if (FLAG("horizon")) {
            long n;
            NEED_VALUE();
            if (!parse_long(val, &n) || n < 1 || n > 120)
                return usage_error(cmd, "--horizon takes 1 to 120 periods, not \"%s\"", val);
            o->horizon = (int)n;
        } else if (FLAG("from")) {
            long n;
            NEED_VALUE();
            if (!parse_long(val, &n) || n < 1800 || n > 2199)
                return usage_error(cmd, "--from takes a year, not \"%s\"", val);
            o->from_year = (int)n;
        } else if (FLAG("allow-future")) {
            o->in.latest = INT32_MAX;
        } else if (FLAG("scenarios")) {
            NEED_VALUE();
            o->scenarios_file = val;
        } else if (FLAG("sweep")) {
            NEED_VALUE();
            o->sweep = val;
        } else if (FLAG("seek")) {
            NEED_VALUE();
            o->seek = val;
        } else if (FLAG("vary")) {
            NEED_VALUE();
            o->vary = val;
        } else if (FLAG("calibrate")) {
            NEED_VALUE();
            if (strcmp(val, "on") == 0 || strcmp(val, "off") == 0)
                o->no_calibrate = strcmp(val, "off") == 0;
            else
                return usage_error(cmd, "--calibrate takes on or off, not \"%s\"", val);
        } else if (FLAG("ets-model")) {
            NEED_VALUE();
            o->ets_model = val;
        } else {
            return usage_error(cmd, "unknown option \"%s\"", arg);
        }
#undef FLAG
#undef NEED_VALUE
    }
    if (o->help)
        return 0;
    if (!o->file)
        return usage_error(cmd, "%s", "no input file given (use - for standard input)");
    o->in.path = o->file;
    return 0;
}
