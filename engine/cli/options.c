/* options.c - what each fdi command accepts, and its help and man page
 * printed from that same list (the options themselves: args.c's cli_opts).
 */
#include "options.h"

#include <ctype.h>
#include <string.h>

#define MAN_DATE "2026-11"

/* The input options every command reads its file with; info builds no
 * grouped panel, so --by is not in it, and its --format has help of its own. */
#define INPUT_OPTS                                                             \
    {OPT_PERIOD, NULL, NULL}, {OPT_KEY, NULL, NULL}, {OPT_VALUE, NULL, NULL},   \
    {OPT_MEASURE_COL, NULL, NULL}, {OPT_VALUE_COL, NULL, NULL},                 \
    {OPT_YTD, NULL, NULL}, {OPT_DECIMAL, NULL, NULL},                           \
    {OPT_THOUSANDS, NULL, NULL}, {OPT_DELIMITER, NULL, NULL},                   \
    {OPT_SKIP, NULL, NULL}, {OPT_SCALE, NULL, NULL}, {OPT_FY_START, NULL, NULL}, \
    {OPT_FILTER, NULL, NULL}
#define INPUT_OPTS_END                                                         \
    {OPT_FILL, NULL, NULL}, {OPT_DEDUPE, NULL, NULL}, {OPT_STRICT, NULL, NULL}, \
    {OPT_LENIENT, NULL, NULL}, {OPT_ENCODING, NULL, NULL}, {OPT_MAP, NULL, NULL}, \
    {OPT_SHEET, NULL, NULL},                                                    \
    {OPT_QUIET, NULL, NULL}, {OPT_THREADS, NULL, NULL},                         \
    {OPT_ALLOW_FUTURE, NULL, NULL}
#define TABLE_INPUT_OPTS                                                       \
    INPUT_OPTS, {OPT_BY, NULL, NULL}, {OPT_KEEP_TOTALS, NULL, NULL}, INPUT_OPTS_END, \
        {OPT_FORMAT, NULL, NULL}
/* the commands that print amounts also take their unit */
#define AMOUNT_INPUT_OPTS TABLE_INPUT_OPTS, {OPT_UNIT, NULL, NULL}
#define PLAN_OPTS {OPT_PLAN, NULL, NULL}, {OPT_PLAN_VALUE, NULL, NULL}, {OPT_TARGET, NULL, NULL}
#define MODEL_OPTS                                                             \
    {OPT_K_YEARS, NULL, NULL}, {OPT_ETS_MODEL, NULL, NULL},                     \
    {OPT_CALIBRATE, NULL, NULL}, {OPT_SEED, NULL, NULL}, {OPT_PATHS, NULL, NULL}

static const char forecast_methods[] =
    ".SH METHODS\n"
    ".TP\n.B runrate\nyear to date x 12 / months elapsed (x 4 / quarters elapsed for\n"
    "quarterly data).\n"
    ".TP\n.B seasonal\nyear to date / the share the same months held in the past\n"
    ".B \\-\\-k\\-years\nyears.\n"
    ".TP\n.B snaive\neach month as the same month last year.\n"
    ".TP\n.B ets\nexponential smoothing state space models chosen by AICc, as R's\n"
    "forecast::ets (the same models and forecasts on the M3 series).\n"
    ".TP\n.B theta\nSES with drift on seasonally adjusted data, as R's forecast::thetaf.\n"
    ".TP\n.B arima\nseasonal ARIMA by exact maximum likelihood, orders chosen as R's\n"
    "forecast::auto.arima (stepwise search by AICc).\n"
    ".TP\n.B ensemble\nmedian of ets, theta and seasonal.\n"
    ".TP\n.B auto\n(default) ets, theta, seasonal, runrate and ensemble, weighed per series\n"
    "by their year-end errors at the same month of its last three years.\n"
    ".PP\nThe forecast column is the year to date plus the method's point forecast of\n"
    "each period left (for runrate and seasonal, the formula above); the report's\n"
    "sentence, the chart's dashed line, the what-if baseline and the backtest\n"
    "errors are the same figure.  Intervals and p_target are quantiles and shares\n"
    "of 5,000 simulated year totals.\n"
    ".PP\nWith less than two full years the model methods fall back and the note\n"
    "says which.  Intervals are widened when the method would have missed the\n"
    "series' past years at the same month\n.RB ( \"\\-\\-calibrate off\"\n"
    "keeps the model's own).\n";

const cli_command cli_commands[] = {
    {"info", "schema, series, periods, gaps, rejected rows",
     "usage: fdi info FILE... [input options]",
     "What ingest made of FILE: layout, columns and their roles, series,\n"
     "periods, gaps inside each series, and the row accounting\n"
     "(rows read = used + rejected) with every rejection as\n"
     "file:line:column: reason.  info reports and computes nothing: it\n"
     "reads every file to the end, lenient or not, and lists what the\n"
     "other commands would stop at (exit 0; 2 with an explicit --strict).",
     "fdi info datasets/vietnam/fdi_registered_ytd.csv --ytd", NULL,
     {{OPT_AS_OF, NULL, NULL}, {OPT_OUTPUT, NULL, NULL},
      {OPT_FORMAT, NULL, "table (the text above, default), or info's content\n"
                         "as one table (section, item, value, text: the\n"
                         "file, its columns, keys, measures, gaps and\n"
                         "rejections) in csv, json, markdown, html, xlsx"},
      INPUT_OPTS, INPUT_OPTS_END}},
    {"ytd", "year to date per series",
     "usage: fdi ytd FILE... --as-of YYYY-MM [input options]",
     "Year to date per series at the as-of period, the periods missing\n"
     "from it, and each series' rank among those of the same measure.",
     "fdi ytd datasets/haiphong/haiphong_fdi.csv --as-of 2016-09 "
     "--value value_usd_m --by area,flow", NULL,
     {{OPT_AS_OF, NULL, NULL}, {OPT_OUTPUT, NULL, NULL}, AMOUNT_INPUT_OPTS}},
    {"yoy", "year to date against the same period last year",
     "usage: fdi yoy FILE... --as-of YYYY-MM [--single] [input options]",
     "Year to date against the same period last year: ytd, ytd_prev,\n"
     "multiple, change_pct, and a note when the base is small, zero,\n"
     "negative or incomplete.  --single compares the as-of period alone.",
     "fdi yoy datasets/haiphong/haiphong_fdi.csv --as-of 2016-09 "
     "--value value_usd_m --filter area=\"Hai Phong Economic Zone\" "
     "--filter flow=new\\|adjusted --by area", NULL,
     {{OPT_AS_OF, NULL, NULL}, {OPT_OUTPUT, NULL, NULL}, {OPT_SINGLE, NULL, NULL}, AMOUNT_INPUT_OPTS}},
    {"plan", "year to date against the annual plan and target",
     "usage: fdi plan FILE... --as-of YYYY-MM (--plan PLAN.csv | --plan-value X)\n"
     "                [--target X] [input options]",
     "Year to date against the annual plan: pct_of_plan, overshoot_pct,\n"
     "and against the target (default: the plan): remaining and the\n"
     "required_monthly pace for the months left.  PLAN.csv has a year\n"
     "column (the calendar year the fiscal year starts in), key columns\n"
     "named as in the result, a plan column and optionally target and\n"
     "measure (the measure a row applies to; without it, and for\n"
     "--plan-value and --target, the result must hold one measure).",
     "fdi plan datasets/haiphong/haiphong_fdi.csv --as-of 2016-09 "
     "--value value_usd_m --filter flow=new\\|adjusted --by area "
     "--plan datasets/haiphong/plan.csv", NULL,
     {{OPT_AS_OF, NULL, NULL}, {OPT_OUTPUT, NULL, NULL}, PLAN_OPTS, AMOUNT_INPUT_OPTS}},
    {"forecast", "where the year will end: interval, P(target)",
     "usage: fdi forecast FILE... --as-of YYYY-MM [--method M] [--target X |\n"
     "                --plan PLAN.csv | --plan-value X] [--level 80,95]\n"
     "                [--seed N] [--paths N] [input options]",
     "Where each series' year will end: the year to date plus the months\n"
     "left as the method forecasts them, and the months left simulated\n"
     "from the fitted model (--paths sample paths, seeded: the same --seed\n"
     "gives the same figures).  Columns: forecast (ytd + the method's point\n"
     "forecast of each month left: runrate ytd x 12 / months elapsed,\n"
     "seasonal ytd / the share those months held), loL/hiL for each\n"
     "--level (quantiles of the simulated totals), p_target =\n"
     "P(total >= target; the plan when no target), pct_of_plan, method\n"
     "(the one used and its model) and notes: short history and the\n"
     "fallback used, a small or lumpy base, intervals widened to cover the\n"
     "series' past years (--calibrate off keeps the model's own).",
     "fdi forecast datasets/haiphong/haiphong_fdi.csv --as-of 2016-09 "
     "--value value_usd_m --filter \"area=Hai Phong Economic Zone\" "
     "--filter flow=new\\|adjusted --by area --target 3000", forecast_methods,
     {{OPT_AS_OF, NULL, NULL}, {OPT_OUTPUT, NULL, NULL}, {OPT_METHOD, NULL, NULL}, PLAN_OPTS,
      {OPT_LEVEL, NULL, NULL}, MODEL_OPTS, AMOUNT_INPUT_OPTS}},
    {"backtest", "each method's past year-end errors and interval coverage",
     "usage: fdi backtest FILE... [--method M,...] [--cutoffs 3,6,9] [--from YYYY]\n"
     "                [--horizon H] [--cases] [input options]",
     "Replays history: for every year with all its periods and the year\n"
     "before observed, and every cut-off month (or --cutoffs), each\n"
     "method's year-end forecast against what happened: mape, smape, mase\n"
     "(against a seasonal-naive scale) and how often the 80% and 95%\n"
     "intervals held the outcome (cover80, cover95), per cut-off and all.\n"
     "--horizon H: the classic evaluation of H-step monthly forecasts from\n"
     "every origin instead.  --as-of limits the history replayed.\n"
     "--cases: each forecast on its own row (the cut-off period, year,\n"
     "cutoff, method, actual, ytd, forecast, lo80, hi80, lo95, hi95), to\n"
     "score another tool on exactly the same cases.",
     "fdi backtest datasets/vietnam/public_investment_ytd.csv --ytd "
     "--value value --method seasonal,ets,ensemble", NULL,
     {{OPT_AS_OF, "YYYY-MM", "the last period replayed (default: the last of\n"
                             "the file)"},
      {OPT_OUTPUT, NULL, NULL},
      {OPT_METHOD, "M,...", "the methods compared (default: runrate, seasonal,\n"
                            "snaive, ets, theta and ensemble)"},
      {OPT_CUTOFFS, NULL, NULL}, {OPT_FROM, NULL, NULL}, {OPT_HORIZON, NULL, NULL},
      {OPT_CASES, NULL, NULL}, {OPT_K_YEARS, NULL, NULL}, {OPT_ETS_MODEL, NULL, NULL}, {OPT_CALIBRATE, NULL, NULL},
      {OPT_SEED, NULL, NULL},
      {OPT_PATHS, NULL, "sample paths, 100..10000000 (default 1000)"},
      TABLE_INPUT_OPTS}},
    {"whatif", "scripted scenarios on the year-end forecast, sweeps, goal seeking",
     "usage: fdi whatif FILE... --as-of YYYY-MM --scenarios SCEN.csv [--target X |\n"
     "                --plan ...] [--sweep NAME=LO:HI:STEP]\n"
     "                [--seek p_target=P --vary NAME[=LO:HI]] [options]",
     "Every scenario of SCEN.csv on every series' year-end forecast: the\n"
     "baseline first, then each scenario's forecast, change, lo80/hi80,\n"
     "p_target, pct_of_plan and overshoot_pct.  SCEN.csv has the columns\n"
     "scenario,filter,from,to,op,value; rows sharing a scenario name make\n"
     "one scenario; filter is KEY=VALUE[;KEY=VALUE] (empty: all series);\n"
     "op is scale, add, set, growth (percent a month, compounding) or shift\n"
     "(move value from the month in from to the month in to).  Months must\n"
     "lie between --as-of and the end of the year.\n"
     "--sweep evaluates scenario NAME with each value LO, LO+STEP, .. HI in\n"
     "place of its rows' values.  --seek finds, per series, the value of\n"
     "NAME's rows (default range 0:3) at which p_target (or forecast) first\n"
     "reaches the goal, and says when no value in the range does.",
     "fdi whatif datasets/haiphong/haiphong_fdi.csv --as-of 2016-09 "
     "--value value_usd_m --filter \"area=Hai Phong Economic Zone\" "
     "--filter flow=new\\|adjusted --by area --target 3000 "
     "--scenarios datasets/haiphong/scenarios.csv", NULL,
     {{OPT_AS_OF, NULL, NULL}, {OPT_OUTPUT, NULL, NULL}, {OPT_SCENARIOS, NULL, NULL}, {OPT_SWEEP, NULL, NULL},
      {OPT_SEEK, NULL, NULL}, {OPT_VARY, NULL, NULL}, PLAN_OPTS,
      {OPT_METHOD, NULL, NULL}, MODEL_OPTS, AMOUNT_INPUT_OPTS}},
    {"report", "the paragraph an analyst writes (English or Vietnamese), a chart",
     "usage: fdi report FILE... --as-of YYYY-MM [--plan PLAN.csv | --plan-value X]\n"
     "                [--target X] [--lang en|vi] [--format text|markdown|json|html|...]\n"
     "                [--chart OUT.svg|OUT.png|OUT.pdf] [--unit TEXT] [input options]",
     "Per series (or --by group) the paragraph an analyst writes: the year to\n"
     "date, against the same period last year, against the plan, the\n"
     "year-end goal, and where the year will end with the chance of reaching\n"
     "the goal (the forecast of fdi forecast --method auto), with every note\n"
     "the forecast carries.  Amounts carry the data's unit (--unit, a unit\n"
     "column, or the value column's name), and none when it says none; in\n"
     "million USD, 1,000 and more are written in billions, truncated to\n"
     "three decimals (2,729.86 -> \"2.729 bn USD\", \"2,729 tỷ USD\"); other\n"
     "units as they are, with two decimals (tỷ đồng is \"bn VND\" in English).\n"
     "--chart draws the year-to-date curve against last year, the plan and\n"
     "the goal, and the forecast fan (80% and 95%) to the year end.",
     "fdi report datasets/haiphong/haiphong_fdi.csv --as-of 2016-09 "
     "--value value_usd_m --filter \"area=Hai Phong Economic Zone\" "
     "--filter flow=new\\|adjusted --by area --plan datasets/haiphong/plan.csv "
     "--lang vi", NULL,
     {{OPT_AS_OF, NULL, NULL}, {OPT_OUTPUT, NULL, NULL}, PLAN_OPTS, {OPT_LANG, NULL, NULL},
      {OPT_FORMAT, "text|markdown|csv|json|html|xlsx",
       "paragraphs as text or markdown (default text); csv,\n"
       "json, xlsx: one row per paragraph with the paragraph\n"
       "in English and Vietnamese, every figure in it, the\n"
       "method and the notes; html: one self-contained page\n"
       "(paragraphs, chart, tables, notes)"},
      {OPT_CHART, NULL, NULL}, {OPT_METHOD, NULL, NULL},
      MODEL_OPTS, INPUT_OPTS, {OPT_BY, NULL, NULL}, {OPT_KEEP_TOTALS, NULL, NULL}, INPUT_OPTS_END,
      {OPT_UNIT, NULL, NULL}}},
};
const size_t cli_ncommands = sizeof cli_commands / sizeof cli_commands[0];

const cli_command *cli_command_find(const char *name)
{
    for (size_t i = 0; name && i < cli_ncommands; i++)
        if (strcmp(cli_commands[i].name, name) == 0)
            return &cli_commands[i];
    return NULL;
}

/* Entry i of c's options, NULL past the last. */
static const cli_cmd_opt *entry(const cli_command *c, size_t i)
{
    return i < CLI_MAX_CMD_OPTS && c->opts[i].id != OPT_HELP ? &c->opts[i] : NULL;
}

/* Listed among the input options (an entry with help of its own is the
 * command's: report's --format). */
static int is_input(const cli_cmd_opt *e)
{
    return cli_opts[e->id].input && !e->help;
}

static const char *arg_of(const cli_cmd_opt *e)
{
    return e->arg ? e->arg : cli_opts[e->id].arg;
}

static const char *help_of(const cli_cmd_opt *e)
{
    return e->help ? e->help : cli_opts[e->id].help;
}

/* "  --name ARG            help", continuation lines under the help */
static void help_entry(FILE *out, const char *name, const char *arg, const char *help)
{
    int w = fprintf(out, "  %s%s%s", name, arg ? " " : "", arg ? arg : "");
    if (w > 22) {
        fputc('\n', out);
        w = 0;
    }
    fprintf(out, "%*s", 24 - w, "");
    for (const char *h = help; *h; h++) {
        fputc(*h, out);
        if (*h == '\n')
            fprintf(out, "%24s", "");
    }
    fputc('\n', out);
}

static void help_list(FILE *out, const cli_command *c, int input)
{
    char name[32];
    for (size_t i = 0; entry(c, i); i++) {
        const cli_cmd_opt *e = entry(c, i);
        if (is_input(e) != input)
            continue;
        snprintf(name, sizeof name, "%s--%s", e->id == OPT_OUTPUT ? "-o, " : "",
                 cli_opts[e->id].name);
        help_entry(out, name, arg_of(e), help_of(e));
    }
}

static void overview(FILE *out)
{
    fputs("fdi " FDI_VERSION " - foreign direct investment, month by month\n\n"
          "usage: fdi COMMAND FILE... [options]\n\n"
          "FILE: CSV text (also .csv.gz), an Excel workbook (.xlsx: the first sheet,\n"
          "or --sheet), or the World Bank's zip as downloaded; several files whose\n"
          "columns agree are read as one\n\n",
          out);
    for (size_t i = 0; i < cli_ncommands; i++)
        fprintf(out, "  %-9s %s\n", cli_commands[i].name, cli_commands[i].summary);
    fputs("\nfdi COMMAND --help shows a command's options and an example.\n", out);
}

void cli_usage(FILE *out, const char *command)
{
    const cli_command *c = cli_command_find(command);
    if (!c) {
        overview(out);
        return;
    }
    fprintf(out, "%s\n\n%s\n\nOptions:\n", c->usage, c->about);
    help_list(out, c, 0);
    help_entry(out, "-h, --help", NULL, cli_opts[OPT_HELP].help);
    fprintf(out, "\nexample: %s\n\nInput options:\n", c->example);
    help_list(out, c, 1);
    fputs("Columns are named exactly, by 1-based number, or by a unique part of the\n"
          "name.  Exit status: 0 ok, 1 usage, 2 input data, 3 cannot compute.\n",
          out);
}

/* ---- man pages */

/* s as roff text: '-' and '\' escaped, a line never starting with '.' or
 * '\'' (a request). */
static void roff(FILE *out, const char *s)
{
    int bol = 1;
    for (size_t i = 0; s[i]; i++) {
        if (bol && (s[i] == '.' || s[i] == '\''))
            fputs("\\&", out);
        if (s[i] == '-')
            fputs("\\-", out);
        else if (s[i] == '\\')
            fputs("\\e", out);
        else
            fputc(s[i], out);
        bol = s[i] == '\n';
    }
}

static void man_list(FILE *out, const cli_command *c, int input)
{
    for (size_t i = 0; entry(c, i); i++) {
        const cli_cmd_opt *e = entry(c, i);
        if (is_input(e) != input)
            continue;
        fputs(".TP\n", out);
        if (e->id == OPT_OUTPUT) { /* the one option with a short form */
            fputs(".BI \"\\-o, \\-\\-output\" \" FILE\"\n", out);
            roff(out, help_of(e));
            fputs(".\n", out);
            continue;
        }
        fputs(arg_of(e) ? ".BI \\-\\-" : ".B \\-\\-", out);
        roff(out, cli_opts[e->id].name);
        if (arg_of(e)) {
            fputs(" \" ", out);
            roff(out, arg_of(e));
            fputc('"', out);
        }
        fputc('\n', out);
        roff(out, help_of(e));
        fputs(".\n", out);
    }
}

void cli_man(FILE *out, const cli_command *c)
{
    const char *u = c->usage + strlen("usage: ");
    fputs(".TH FDI\\-", out);
    for (const char *n = c->name; *n; n++)
        fputc(toupper((unsigned char)*n), out);
    fprintf(out, " 1 \"%s\" \"fdi %s\" \"User Commands\"\n", MAN_DATE, FDI_VERSION);
    fprintf(out, ".\\\" generated by fdi --man %s from engine/cli/options.c and args.c\n"
                 ".SH NAME\nfdi\\-%s \\- ", c->name, c->name);
    roff(out, c->summary);
    fputs("\n.SH SYNOPSIS\n.nf\n", out);
    roff(out, u);
    fputs("\n.fi\n.SH DESCRIPTION\n", out);
    roff(out, c->about);
    fputs("\n.SH OPTIONS\n", out);
    man_list(out, c, 0);
    fputs(".TP\n.BR \\-h \", \" \\-\\-help\nthis help.\n", out);
    if (c->man_more)
        fputs(c->man_more, out);
    fputs(".SH INPUT OPTIONS\n", out);
    man_list(out, c, 1);
    fputs(".PP\nColumns are named exactly, by 1\\-based number, or by a unique part of\n"
          "the name.\n.SH EXIT STATUS\n0 success; 1 usage; 2 input data; 3 a computation the "
          "data cannot support.\n.SH EXAMPLE\n.nf\n", out);
    roff(out, c->example);
    fputs("\n.fi\n.SH SEE ALSO\n.BR fdi (1)\n", out);
}

int cli_man_page(FILE *out, const char *command)
{
    const cli_command *c = cli_command_find(command);
    if (!c)
        return 1;
    cli_man(out, c);
    return 0;
}
