/* args.c - option parsing for every fdi subcommand.
 *
 * cli_opts below is every option once: its name, argument, help text and
 * the function storing its value.  A command accepts the options its entry
 * in options.c lists (getopt_long over that list), each once but --filter,
 * as "--name value" or "--name=value".  Options of other commands, unknown
 * or repeated options and malformed values are usage errors (exit 1) that
 * say what was expected.
 */
#include "options.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* --by: at most this many names, each shorter than the library's 200 */

__attribute__((format(printf, 2, 3)))
static int usage_error(const cli_parse_state *st, const char *fmt, ...)
{
    FILE *out = st->o->errors ? st->o->errors : stderr;
    const char *command = st->cmd ? st->cmd : "";
    fprintf(out, "fdi %s: ", command);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(out, fmt, ap);
    va_end(ap);
    fprintf(out, "\n(see fdi %s --help)\n", command);
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
static int set_method(cli_parse_state *st, const char *val)
{
    cli_options *o = st->o;
    char *tok, *rest = o->methods_buf;
    if (strlen(val) >= sizeof o->methods_buf)
        return usage_error(st, "--method list too long: \"%s\"", val);
    strcpy(o->methods_buf, val);
    o->nmethods = 0;
    while ((tok = next_token(&rest)) != NULL) {
        fdi_fc_method m;
        if (fdi_fc_method_parse(tok, &m) != 0 || o->nmethods == FDI_FC_NMETHODS)
            return usage_error(st, "--method takes runrate, seasonal, snaive, ets, "
                                    "theta, arima, ensemble or auto (a comma list for "
                                    "backtest), not \"%s\"", tok);
        o->methods[o->nmethods++] = m;
    }
    return o->nmethods ? 0 : usage_error(st, "--method needs a name, not \"%s\"", val);
}


/* A whole number in lo..hi. */
static int long_in(const char *val, long lo, long hi, long *n)
{
    return parse_long(val, n) && *n >= lo && *n <= hi;
}

/* ---- the setters: one per option, 0 or an exit code */

#define SET_STRING(fn, field)                                \
    static int fn(cli_parse_state *st, const char *val)      \
    {                                                        \
        st->o->field = val;                                  \
        return 0;                                            \
    }
#define SET_FLAG(fn, field, v)                               \
    static int fn(cli_parse_state *st, const char *val)      \
    {                                                        \
        (void)val;                                           \
        st->o->field = v;                                    \
        return 0;                                            \
    }
SET_STRING(set_plan, plan_file)
SET_STRING(set_ets_model, ets_model)
SET_STRING(set_scenarios, scenarios_file)
SET_STRING(set_sweep, sweep)
SET_STRING(set_seek, seek)
SET_STRING(set_vary, vary)
SET_STRING(set_chart, chart)
SET_STRING(set_output, output)
SET_FLAG(set_help, help, 1)
SET_FLAG(set_single, single, 1)
SET_FLAG(set_quiet, quiet, 1)
SET_FLAG(set_cases, cases, 1)
#undef SET_STRING
#undef SET_FLAG

/* The input options are the library's (fdi_input_set): the command and
 * a script read a file alike. */
static int input_option(cli_parse_state *st, const char *name, const char *val)
{
    fdi_error err;
    memset(&err, 0, sizeof err);
    if (fdi_input_set(st->o->input, name, val, &err) != FDI_OK)
        return usage_error(st, "%s", err.message);
    return 0;
}

#define SET_INPUT(fn, name)                                  \
    static int fn(cli_parse_state *st, const char *val)      \
    {                                                        \
        return input_option(st, name, val);                  \
    }
SET_INPUT(set_period, "period")
SET_INPUT(set_key, "key")
SET_INPUT(set_value, "value")
SET_INPUT(set_measure_col, "measure-col")
SET_INPUT(set_value_col, "value-col")
SET_INPUT(set_ytd, "ytd")
SET_INPUT(set_allow_future, "allow-future")
/* --threads: the reading's, and the forecast's series loop */
static int set_threads(cli_parse_state *st, const char *val)
{
    int rc = input_option(st, "threads", val);
    if (rc == 0)
        st->o->threads = atoi(val);
    return rc;
}
SET_INPUT(set_map, "map")
SET_INPUT(set_decimal, "decimal")
SET_INPUT(set_thousands, "thousands")
SET_INPUT(set_delimiter, "delimiter")
SET_INPUT(set_skip, "skip")
SET_INPUT(set_scale, "scale")
SET_INPUT(set_fy_start, "fy-start")
SET_INPUT(set_filter, "filter")
SET_INPUT(set_by, "by")
SET_INPUT(set_keep_totals, "keep-totals")
SET_INPUT(set_dedupe, "dedupe")
SET_INPUT(set_fill, "fill")
SET_INPUT(set_encoding, "encoding")
SET_INPUT(set_sheet, "sheet")
SET_INPUT(set_unit, "unit")
#undef SET_INPUT

/* --strict (the default, named) and --lenient: one or the other */
static int set_strictness(cli_parse_state *st, int lenient)
{
    cli_options *o = st->o;
    if (lenient ? o->strict : o->lenient)
        return usage_error(st, "%s", "--strict and --lenient cannot both be given");
    o->strict = !lenient;
    o->lenient = lenient;
    return input_option(st, lenient ? "lenient" : "strict", NULL);
}

static int set_strict(cli_parse_state *st, const char *val)
{
    (void)val;
    return set_strictness(st, 0);
}

static int set_lenient(cli_parse_state *st, const char *val)
{
    (void)val;
    return set_strictness(st, 1);
}

/* table, csv, json, markdown (md), html, xlsx; report: text for table */
static int set_format(cli_parse_state *st, const char *val)
{
    int report = strcmp(st->cmd, "report") == 0;
    fdi_error err;
    if (report && strcmp(val, "text") == 0) {
        st->o->format = FDI_FORMAT_TABLE;
    } else if ((report && strcmp(val, "table") == 0) ||
               fdi_output_format_parse(val, &st->o->format, &err) != FDI_OK) {
        return usage_error(st, report ? "--format takes text, markdown, csv, json, html or "
                                        "xlsx, not \"%s\""
                                      : "--format takes table, csv, json, markdown, html or "
                                        "xlsx, not \"%s\"",
                           val);
    }
    st->o->markdown = st->o->format == FDI_FORMAT_MARKDOWN;
    st->o->format_given = 1;
    return 0;
}

static int set_lang(cli_parse_state *st, const char *val)
{
    if (strcmp(val, "en") != 0 && strcmp(val, "vi") != 0)
        return usage_error(st, "--lang takes en or vi, not \"%s\"", val);
    st->o->lang_vi = strcmp(val, "vi") == 0;
    st->o->lang_given = 1;
    return 0;
}

static int set_as_of(cli_parse_state *st, const char *val)
{
    const char *why = NULL;
    cli_options *o = st->o;
    if (fdi_parse_period(val, strlen(val), &o->as_of, &o->as_of_freq, &why) != FDI_PARSE_OK)
        return usage_error(st, "--as-of takes YYYY-MM (or YYYY for annual "
                               "data), not \"%s\"", val);
    o->has_as_of = 1;
    return 0;
}

static int set_plan_value(cli_parse_state *st, const char *val)
{
    if (!parse_double(val, &st->o->plan_value))
        return usage_error(st, "--plan-value takes a number, not \"%s\"", val);
    return 0;
}

static int set_target(cli_parse_state *st, const char *val)
{
    if (!parse_double(val, &st->o->target))
        return usage_error(st, "--target takes a number, not \"%s\"", val);
    return 0;
}

static int set_level(cli_parse_state *st, const char *val)
{
    if (parse_int_list(val, st->o->levels, 4, &st->o->nlevels, 50, 99) != 0)
        return usage_error(st, "--level takes one to four interval levels "
                               "between 50 and 99, e.g. 80,95, not \"%s\"", val);
    return 0;
}

static int set_cutoffs(cli_parse_state *st, const char *val)
{
    if (parse_int_list(val, st->o->cutoffs, 12, &st->o->ncutoffs, 1, 11) != 0)
        return usage_error(st, "--cutoffs takes months of the year 1..11, "
                               "e.g. 3,6,9, not \"%s\"", val);
    return 0;
}

static int set_seed(cli_parse_state *st, const char *val)
{
    long n;
    if (!parse_long(val, &n) || n < 0)
        return usage_error(st, "--seed takes a number >= 0, not \"%s\"", val);
    st->o->seed = (unsigned long)n;
    return 0;
}

static int set_paths(cli_parse_state *st, const char *val)
{
    long n;
    if (!long_in(val, 100, 10000000, &n))
        return usage_error(st, "--paths takes 100 to 10000000 sample paths, "
                               "not \"%s\"", val);
    st->o->paths = (size_t)n;
    return 0;
}

static int set_k_years(cli_parse_state *st, const char *val)
{
    long n;
    if (!long_in(val, 1, 50, &n))
        return usage_error(st, "--k-years takes 1 to 50 past years, not \"%s\"", val);
    st->o->k_years = (int)n;
    return 0;
}

static int set_horizon(cli_parse_state *st, const char *val)
{
    long n;
    if (!long_in(val, 1, 120, &n))
        return usage_error(st, "--horizon takes 1 to 120 periods, not \"%s\"", val);
    st->o->horizon = (int)n;
    return 0;
}

static int set_from(cli_parse_state *st, const char *val)
{
    long n;
    if (!long_in(val, 1800, 2199, &n))
        return usage_error(st, "--from takes a year, not \"%s\"", val);
    st->o->from_year = (int)n;
    return 0;
}

static int set_calibrate(cli_parse_state *st, const char *val)
{
    if (strcmp(val, "on") != 0 && strcmp(val, "off") != 0)
        return usage_error(st, "--calibrate takes on or off, not \"%s\"", val);
    st->o->no_calibrate = strcmp(val, "off") == 0;
    return 0;
}

/* ---- every option once: name, argument, help, input option, repeatable */

const cli_opt cli_opts[OPT_COUNT] = {
    [OPT_HELP] = {"help", NULL, "this help", 0, 1, set_help},
    [OPT_PERIOD] = {"period", "COL", "the period column (default: one named period, date,\n"
                    "month or year; or periods as column names)", 1, 0, set_period},
    [OPT_KEY] = {"key", "COL,...", "key columns (default: the text columns)", 1, 0, set_key},
    [OPT_VALUE] = {"value", "COL,...", "value columns (default: the numeric columns);\n"
                   "\"a+b\" adds columns a and b into one measure a+b", 1, 0,
                   set_value},
    [OPT_MEASURE_COL] = {"measure-col", "COL", "long data: the column naming the measure",
                         1, 0, set_measure_col},
    [OPT_VALUE_COL] = {"value-col", "COL", "long data: the column holding the value", 1, 0,
                       set_value_col},
    [OPT_YTD] = {"ytd", NULL, "values are cumulative year to date", 1, 0, set_ytd},
    [OPT_DECIMAL] = {"decimal", ",", "decimal comma (thousands separator becomes .)", 1, 0,
                     set_decimal},
    [OPT_THOUSANDS] = {"thousands", "C", "thousands separator (, . space none)", 1, 0,
                       set_thousands},
    [OPT_DELIMITER] = {"delimiter", "C", "field delimiter (default: detected among , ; tab |)",
                       1, 0, set_delimiter},
    [OPT_SKIP] = {"skip", "N", "lines before the header (default: detected)", 1, 0, set_skip},
    [OPT_SCALE] = {"scale", "X", "multiply every value (unit conversion)", 1, 0, set_scale},
    [OPT_FY_START] = {"fy-start", "M", "first month of the fiscal year (default 1)", 1, 0,
                      set_fy_start},
    [OPT_FILTER] = {"filter", "COL=V[|V2]", "keep series whose COL is V (values compared\n"
                    "ignoring case; repeatable)", 1, 1,
                    set_filter},
    [OPT_BY] = {"by", "COL,...", "sum series up to these keys (\"none\": one total,\n"
                "of one measure; measure is a key too)", 1, 0, set_by},
    [OPT_KEEP_TOTALS] = {"keep-totals", NULL, "keep total rows (World, Total, Cả nước, Tổng số,\n"
                         "Tổng cộng, or a row whose figures are the sum of the\n"
                         "others) in --by sums (default: left out of a sum\n"
                         "that holds their parts, and the note says so)", 1, 0,
                         set_keep_totals},
    [OPT_FILL] = {"fill", "zero", "a period without a value counts as 0 (default: the\n"
                  "year to date is flagged incomplete)", 1, 0, set_fill},
    [OPT_DEDUPE] = {"dedupe", "first|last|sum", "the same series and period twice\n"
                    "(default: error)", 1, 0, set_dedupe},
    [OPT_STRICT] = {"strict", NULL, "(the default) a row that cannot be read, or a\n"
                    "header naming a column twice, is an error (exit 2):\n"
                    "the first few named as file:line:column", 1, 0, set_strict},
    [OPT_LENIENT] = {"lenient", NULL, "reject rows that cannot be read, count and\n"
                     "report them, and go on without them", 1, 0, set_lenient},
    [OPT_ENCODING] = {"encoding", "latin1|cp1258", "the file's legacy encoding, converted\n"
                      "to UTF-8 before reading (default: UTF-8, where\n"
                      "other bytes in a key are an error)", 1, 0, set_encoding},
    [OPT_MAP] = {"map", "MAP.csv", "group columns added as keys: a column named as a\n"
                 "key of the data, and its groups (province,region);\n"
                 "--by and --filter use them, unmapped keys are listed", 1, 0, set_map},
    [OPT_SHEET] = {"sheet", "NAME|N", "an Excel workbook (.xlsx) only: the sheet to read,\n"
                   "by name (any case) or number (default: the first)", 1, 0, set_sheet},
    [OPT_QUIET] = {"quiet", NULL, "no progress bar (shown on a terminal for long work)", 1, 0,
                   set_quiet},
    [OPT_THREADS] = {"threads", "1|2", "read a big file without quotes, and fit the\n"
                     "series of forecast, backtest, whatif and report,\n"
                     "on two threads (default 2; the same figures\n"
                     "either way)", 1, 0, set_threads},
    [OPT_ALLOW_FUTURE] = {"allow-future", NULL, "read periods after the current month\n"
                          "(rejected by default as likely typos)", 1, 0, set_allow_future},
    [OPT_FORMAT] = {"format", "table|csv|json|markdown|html|xlsx",
                    "output format (default table; with -o, the file's\n"
                    "extension)", 1, 0, set_format},
    [OPT_AS_OF] = {"as-of", "YYYY-MM", "the period figured at (YYYY for annual data;\n"
                   "default: the last of the file); rows after it are\nnot read; "
                   "outside the data (no observation in\nits year up to it): exit 3",
                   0, 0, set_as_of},
    [OPT_SINGLE] = {"single", NULL, "compare the as-of period alone, not the year to date",
                    0, 0, set_single},
    [OPT_PLAN] = {"plan", "PLAN.csv", "the annual plan (and target) per series", 0, 0,
                  set_plan},
    [OPT_PLAN_VALUE] = {"plan-value", "X", "one annual plan for every series", 0, 0,
                        set_plan_value},
    [OPT_TARGET] = {"target", "X", "the year-end goal (default: the plan)", 0, 0, set_target},
    [OPT_METHOD] = {"method", "M", "runrate, seasonal, snaive, ets, theta, arima,\n"
                    "ensemble, auto (default: per series, ets, theta, seasonal,\n"
                    "runrate and ensemble weighed by their year-end errors at\n"
                    "this month in past years; the note gives the weights)", 0, 0, set_method},
    [OPT_LEVEL] = {"level", "80,95", "one to four interval levels, 50..99 (default 80,95)", 0,
                   0, set_level},
    [OPT_K_YEARS] = {"k-years", "K", "seasonal: past years averaged (default 3)", 0, 0,
                     set_k_years},
    [OPT_ETS_MODEL] = {"ets-model", "XYZ", "ets: a fixed model (ANN, AAdN, MAM, ...;\n"
                       "default ZZZ)", 0, 0, set_ets_model},
    [OPT_CALIBRATE] = {"calibrate", "on|off", "widen intervals to cover the series' past\n"
                       "years (default on)", 0, 0, set_calibrate},
    [OPT_SEED] = {"seed", "N", "seed of the sample paths (default 42)", 0, 0, set_seed},
    [OPT_PATHS] = {"paths", "N", "sample paths, 100..10000000 (default 5000)", 0, 0,
                   set_paths},
    [OPT_CUTOFFS] = {"cutoffs", "3,6,9", "cut-off months 1..11 (default: every month)", 0, 0,
                     set_cutoffs},
    [OPT_FROM] = {"from", "YYYY", "the first year replayed", 0, 0, set_from},
    [OPT_HORIZON] = {"horizon", "H", "H-step monthly forecasts from every origin\n"
                     "(1..120) instead of the year end", 0, 0, set_horizon},
    [OPT_CASES] = {"cases", NULL, "one row per forecast (series, year, cut-off,\n"
                   "method: actual, forecast, intervals) instead of\n"
                   "the errors summed", 0, 0, set_cases},
    [OPT_SCENARIOS] = {"scenarios", "SCEN.csv", "the scenarios (columns scenario,filter,\n"
                       "from,to,op,value)", 0, 0, set_scenarios},
    [OPT_SWEEP] = {"sweep", "NAME=LO:HI:STEP", "scenario NAME with each value LO,\n"
                   "LO+STEP, .. HI in place of its rows' values", 0, 0, set_sweep},
    [OPT_SEEK] = {"seek", "p_target=P", "the value of --vary's rows at which p_target\n"
                  "(or forecast=X) first reaches the goal", 0, 0, set_seek},
    [OPT_VARY] = {"vary", "NAME[=LO:HI]", "the scenario --seek varies (default range\n"
                  "0:3)", 0, 0, set_vary},
    [OPT_LANG] = {"lang", "en|vi", "English or Vietnamese (default en)", 0, 0, set_lang},
    [OPT_CHART] = {"chart", "OUT.svg|OUT.png|OUT.pdf", "draw the chart into this file", 0, 0,
                   set_chart},
    [OPT_UNIT] = {"unit", "TEXT", "the unit of the values (\"bn VND\"), over what the\n"
                  "data says (a unit column, or the value column's\n"
                  "name: value_usd_m, \"(million USD)\"); default: no unit\n"
                  "unless the data says one", 1, 0, set_unit},
    [OPT_OUTPUT] = {"output", "FILE", "write to FILE, whole or not at all (a failed run\n"
                    "leaves none); its format from the extension: .csv\n"
                    ".json .md .html .xlsx (or --format)", 0, 0, set_output},
};

/* ---- parsing */

void cli_free(cli_options *o)
{
    fdi_input_destroy(o->input);
    o->input = NULL;
    for (size_t i = 0; i < o->nowned; i++)
        free(o->owned[i]);
    o->nowned = 0;
    o->panel.nfilters = 0;
}

static int set_defaults(cli_options *o)
{
    fdi_error err;
    o->input = NULL;
    if (fdi_input_create(NULL, &o->input, &err) != FDI_OK)
        return -1;
    o->format = FDI_FORMAT_TABLE;
    o->plan_value = o->target = NAN;
    o->levels[0] = 80;
    o->levels[1] = 95;
    o->nlevels = 2;
    o->seed = 42;
    o->paths = 5000;
    o->k_years = 3;
    o->ets_model = "ZZZ";
    return 0;
}

/* getopt_long's table for command c: --help and the command's options,
 * each returning 256 + its id. */
static void long_options(const cli_command *c, struct option *lo)
{
    size_t n = 0;
    lo[n++] = (struct option){"help", no_argument, NULL, 256 + OPT_HELP};
    for (size_t i = 0; i < CLI_MAX_CMD_OPTS && c->opts[i].id != OPT_HELP; i++) {
        const cli_opt *d = &cli_opts[c->opts[i].id];
        lo[n++] = (struct option){d->name, d->arg ? required_argument : no_argument, NULL,
                                  256 + (int)c->opts[i].id};
    }
    lo[n] = (struct option){NULL, 0, NULL, 0};
}

/* Whether argument `arg` ("--name" or "--name=value") spells out `name`
 * (getopt_long also takes unambiguous abbreviations; fdi does not). */
static int spelled(const char *arg, const char *name)
{
    size_t n = strcspn(arg + 2, "=");
    return strncmp(arg, "--", 2) == 0 && strlen(name) == n && strncmp(arg + 2, name, n) == 0;
}

/* Edit distance (insertions, deletions, substitutions, and a swap of two
 * neighbours) between a[0..n) and b, up to 32 bytes each; more: a large
 * number. */
static size_t distance(const char *a, size_t n, const char *b)
{
    size_t m = strlen(b), d[33][33];
    if (n > 32 || m > 32)
        return SIZE_MAX;
    for (size_t i = 0; i <= n; i++)
        for (size_t j = 0; j <= m; j++) {
            if (!i || !j) {
                d[i][j] = i + j;
                continue;
            }
            size_t sub = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]), del = d[i - 1][j] + 1,
                   ins = d[i][j - 1] + 1, best = sub < del ? sub : del;
            best = ins < best ? ins : best;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    return d[n][m];
}

/* The option of command c nearest to "--name" (two edits at most, and
 * fewer than half its length), or NULL. */
static const char *nearest(const cli_command *c, const char *arg)
{
    if (!c || strncmp(arg, "--", 2) != 0)
        return NULL;
    size_t n = strcspn(arg + 2, "="), best = 3;
    const char *hit = NULL;
    for (size_t i = 0; i < CLI_MAX_CMD_OPTS && c->opts[i].id != OPT_HELP; i++) {
        const char *name = cli_opts[c->opts[i].id].name;
        size_t k = distance(arg + 2, n, name);
        if (k < best && 2 * k < strlen(name))
            best = k, hit = name;
    }
    return hit;
}

/* `arg` is no option of this command: another command's, a slip of the
 * finger for one of its own, or none at all. */
static int refuse(const cli_parse_state *st, const char *arg)
{
    for (int i = 0; i < OPT_COUNT; i++)
        if (spelled(arg, cli_opts[i].name))
            return usage_error(st, "--%s is not an option of %s", cli_opts[i].name, st->cmd);
    const char *near = nearest(cli_command_find(st->cmd), arg);
    if (near)
        return usage_error(st, "unknown option \"%s\"; did you mean --%s?", arg, near);
    return usage_error(st, "unknown option \"%s\"", arg);
}

static int set_file(cli_parse_state *st, const char *arg)
{
    cli_options *o = st->o;
    if (o->nfiles == CLI_MAX_FILES)
        return usage_error(st, "%d input files at most (also got \"%s\")", CLI_MAX_FILES, arg);
    for (size_t i = 0; i < o->nfiles; i++)
        if (strcmp(o->files[i], arg) == 0)
            return usage_error(st, "\"%s\" is given twice: its rows would count twice", arg);
    o->files[o->nfiles++] = arg;
    return 0;
}

/* The input files found (cli_data_path), and o->file naming them all. */
static int name_files(cli_parse_state *st)
{
    cli_options *o = st->o;
    size_t n = 0;
    for (size_t i = 0; i < o->nfiles; i++) {
        o->files[i] = cli_data_path(o, o->files[i]);
        n += strlen(o->files[i]) + 2;
    }
    o->file = o->files[0];
    if (o->nfiles == 1)
        return 0;
    char *joined = malloc(n + 1);
    if (!joined)
        return usage_error(st, "%s", "out of memory");
    joined[0] = '\0';
    for (size_t i = 0; i < o->nfiles; i++)
        strcat(strcat(joined, i ? ", " : ""), o->files[i]);
    o->owned[o->nowned++] = joined;
    o->file = joined;
    return 0;
}

/* What getopt_long returned for av[optind - 1] (or - 2 with its value). */
static int one_option(cli_parse_state *st, char **av, int opt, unsigned char *seen)
{
    const char *arg = av[optind - 1];
    if (opt == 1)
        return set_file(st, optarg);
    if (opt == 'h')
        return set_help(st, NULL);
    if (opt == ':' && optopt == 'o')
        return usage_error(st, "%s", "option -o needs a value (the output file)");
    if (opt == 'o') /* -o FILE: --output */
        return seen[OPT_OUTPUT]++ ? usage_error(st, "%s", "--output is given more than once")
                                  : set_output(st, optarg);
    if ((opt == '?' || opt == ':') && optopt > 0 && optopt < 256)
        return usage_error(st, "unknown option \"-%c\"", optopt);
    if (opt == '?' || opt == ':') {
        const cli_opt *d = optopt >= 256 ? &cli_opts[optopt - 256] : NULL;
        if (!d || !spelled(arg, d->name))
            return refuse(st, arg);
        if (opt == ':')
            return usage_error(st, "option --%s needs a value", d->name);
        return usage_error(st, "--%s takes no value, not \"%s\"", d->name,
                           strchr(arg, '=') ? strchr(arg, '=') + 1 : arg);
    }
    cli_opt_id id = (cli_opt_id)(opt - 256);
    if (optarg && optarg == arg)
        arg = av[optind - 2];
    if (!spelled(arg, cli_opts[id].name))
        return refuse(st, arg);
    if (seen[id]++ && !cli_opts[id].repeatable)
        return usage_error(st, "--%s is given more than once (only --filter repeats)",
                           cli_opts[id].name);
    return cli_opts[id].set(st, optarg);
}

/* -o FILE without --format: the format of FILE's extension; xlsx only
 * into a file.  Said before any work. */
static int output_format(const cli_parse_state *st)
{
    cli_options *o = st->o;
    fdi_error err;
    if (o->output && !*o->output)
        return usage_error(st, "%s", "-o needs a file name");
    if (o->output && !o->format_given) {
        if (fdi_output_format_of_path(o->output, &o->format, &err) != FDI_OK)
            return usage_error(st, "%s", err.message);
        o->markdown = o->format == FDI_FORMAT_MARKDOWN;
    }
    if (!o->output && o->format == FDI_FORMAT_XLSX)
        return usage_error(st, "%s", "--format xlsx writes a workbook: give -o FILE.xlsx");
    return 0;
}

int cli_parse(int argc, char **argv, cli_options *o)
{
    cli_parse_state st = {o, o->command, 0};
    const cli_command *c = cli_command_find(o->command);
    struct option lo[CLI_MAX_CMD_OPTS + 2];
    unsigned char seen[OPT_COUNT] = {0};
    char **av;
    int rc = 0, opt;

    if (set_defaults(o) != 0)
        return usage_error(&st, "%s", "out of memory");
    if (!c || argc < 0)
        return usage_error(&st, "%s", "unknown command");
    long_options(c, lo);
    /* getopt_long reads from av[1]; "-" first: files come back in order as
     * option 1, whatever POSIXLY_CORRECT says; ":": a missing value is ':' */
    av = malloc(((size_t)argc + 2) * sizeof *av);
    if (!av)
        return usage_error(&st, "%s", "out of memory");
    av[0] = (char *)o->command;
    memcpy(av + 1, argv, (size_t)argc * sizeof *av);
    av[argc + 1] = NULL;
    optind = 0; /* glibc: start afresh (a fuzz target parses many times) */
    opterr = 0;
    while (rc == 0 && (opt = getopt_long(argc + 1, av, "-:ho:", lo, NULL)) != -1)
        rc = one_option(&st, av, opt, seen);
    for (int i = optind; rc == 0 && i <= argc; i++) /* the words after "--" */
        rc = set_file(&st, av[i]);
    free(av);
    /* the input options as the library set them (borrowed from o->input) */
    o->in = *fdi_input_ingest_options(o->input);
    o->panel = *fdi_input_panel_options(o->input);
    if (rc || o->help)
        return rc;
    if (!o->nfiles)
        return usage_error(&st, "%s", "no input file given (use - for standard input)");
    if (name_files(&st) != 0)
        return EXIT_USAGE;
    o->in.path = o->files[0];
    o->plan_file = cli_data_path(o, o->plan_file);
    o->scenarios_file = cli_data_path(o, o->scenarios_file);
    return output_format(&st);
}
