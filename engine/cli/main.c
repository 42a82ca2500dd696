/* main.c - the fdi command: dispatch, help, loading, errors. */
#include "cli.h"

#include <gsl/gsl_errno.h>
#include <stdio.h>
#include <string.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

/* OpenBLAS starts a pool of threads when it loads, and each spins for
 * about 0.1 s before it sleeps: on two cores that is the core the second
 * reader needs.  fdi parallelises over series itself and calls BLAS from
 * those threads, so BLAS runs single-threaded and its pool is stopped
 * (it would be restarted if a call wanted it).  Weak references: another
 * BLAS has neither symbol and needs neither call. */
extern void openblas_set_num_threads(int) __attribute__((weak));
extern int blas_thread_shutdown_(void) __attribute__((weak));

static void blas_single_threaded(void)
{
    if (openblas_set_num_threads)
        openblas_set_num_threads(1);
    if (blas_thread_shutdown_)
        blas_thread_shutdown_();
}

/* A big file's parts are read into frames that are freed once merged,
 * just before the panel's matrices are allocated: glibc would hand the
 * freed blocks back to the system and fault in fresh zeroed pages for the
 * panel (a sixth of `fdi info`'s time on a 131 MB file).  Keeping freed
 * memory in the process lets the panel reuse it. */
static void keep_freed_memory(void)
{
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 1 << 30);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
}

static const char *const input_help =
    "Input options (every command):\n"
    "  --period COL          the period column (default: one named period, date,\n"
    "                        month or year; or periods as column names)\n"
    "  --key COL,...         key columns (default: the text columns)\n"
    "  --value COL,...       value columns (default: the numeric columns)\n"
    "  --measure-col COL --value-col COL   long data: measure name and value\n"
    "  --ytd                 values are cumulative year to date\n"
    "  --decimal ,           decimal comma (thousands separator becomes .)\n"
    "  --thousands C         thousands separator (, . space none)\n"
    "  --delimiter C         field delimiter (default: detected among , ; tab |)\n"
    "  --skip N              lines before the header (default: detected)\n"
    "  --scale X             multiply every value (unit conversion)\n"
    "  --fy-start M          first month of the fiscal year (default 1)\n"
    "  --filter COL=V[|V2]   keep series whose COL is V (repeatable)\n"
    "  --by COL,...          sum series up to these keys (\"none\": one total;\n"
    "                        measure is a key too)\n"
    "  --fill zero           a period without a value counts as 0 (default: the\n"
    "                        year to date is flagged incomplete)\n"
    "  --dedupe first|last|sum   the same series and period twice (default: error)\n"
    "  --strict              rejected rows make the exit status 2\n"
    "  --quiet               no progress bar (shown on a terminal for long work)\n"
    "  --threads 1|2         read a big file without quotes on two threads (default)\n"
    "  --allow-future        read periods after the current month (rejected\n"
    "                        by default as likely typos)\n"
    "  --format table|csv|json\n"
    "Columns are named exactly, by 1-based number, or by a unique part of the\n"
    "name.  Exit status: 0 ok, 1 usage, 2 input data, 3 cannot compute.\n";

void cli_usage(FILE *out, const char *command)
{
    if (!command) {
        fputs("fdi " FDI_VERSION " - foreign direct investment, month by month\n\n"
              "usage: fdi COMMAND FILE [options]\n\n"
              "  info      schema, series, periods, gaps, rejected rows\n"
              "  ytd       year to date per series\n"
              "  yoy       year to date against the same period last year\n"
              "  plan      year to date against the annual plan and target\n"
              "  forecast  where the year will end: interval, P(target)\n"
              "  backtest  each method's past year-end errors and interval coverage\n"
              "  whatif    scripted scenarios on the year-end forecast, sweeps, goal seeking\n"
              "  report    the paragraph an analyst writes (English or Vietnamese), a chart\n\n"
              "fdi COMMAND --help shows a command's options and an example.\n",
              out);
        return;
    }
    if (strcmp(command, "info") == 0)
        fputs("usage: fdi info FILE [input options]\n\n"
              "What ingest made of FILE: layout, columns and their roles, series,\n"
              "periods, gaps inside each series, and the row accounting\n"
              "(rows read = used + rejected) with every rejection as\n"
              "file:line:column: reason.\n\n"
              "example: fdi info datasets/vietnam/fdi_registered_ytd.csv --ytd\n\n",
              out);
    else if (strcmp(command, "ytd") == 0)
        fputs("usage: fdi ytd FILE --as-of YYYY-MM [input options]\n\n"
              "Year to date per series at the as-of period, the periods missing\n"
              "from it, and each series' rank among those of the same measure.\n\n"
              "example: fdi ytd datasets/haiphong/haiphong_fdi.csv --as-of 2016-09 "
              "--value value_usd_m --by area,flow\n\n",
              out);
    else if (strcmp(command, "yoy") == 0)
        fputs("usage: fdi yoy FILE --as-of YYYY-MM [--single] [input options]\n\n"
              "Year to date against the same period last year: ytd, ytd_prev,\n"
              "multiple, change_pct, and a note when the base is small, zero,\n"
              "negative or incomplete.  --single compares the as-of period alone.\n\n"
              "example: fdi yoy datasets/haiphong/haiphong_fdi.csv --as-of 2016-09 "
              "--value value_usd_m --filter area=\"Hai Phong Economic Zone\" "
              "--filter flow=new\\|adjusted --by area\n\n",
              out);
    else if (strcmp(command, "plan") == 0)
        fputs("usage: fdi plan FILE --as-of YYYY-MM (--plan PLAN.csv | --plan-value X)\n"
              "                [--target X] [input options]\n\n"
              "Year to date against the annual plan: pct_of_plan, overshoot_pct,\n"
              "and against the target (default: the plan): remaining and the\n"
              "required_monthly pace for the months left.  PLAN.csv has a year\n"
              "column (the calendar year the fiscal year starts in), key columns\n"
              "named as in the result, a plan column and optionally target.\n\n"
              "example: fdi plan datasets/haiphong/haiphong_fdi.csv --as-of 2016-09 "
              "--value value_usd_m --filter flow=new\\|adjusted --by area "
              "--plan datasets/haiphong/plan.csv\n\n",
              out);
    else if (strcmp(command, "forecast") == 0)
        fputs("usage: fdi forecast FILE --as-of YYYY-MM [--method M] [--target X |\n"
              "                --plan PLAN.csv | --plan-value X] [--level 80,95]\n"
              "                [--seed N] [--paths N] [input options]\n\n"
              "Where each series' year will end: the year to date plus the months\n"
              "left, simulated from the fitted model (--paths sample paths, seeded:\n"
              "the same --seed gives the same figures).  Columns: forecast (mean of\n"
              "the simulated totals), loL/hiL for each --level, p_target =\n"
              "P(total >= target; the plan when no target), pct_of_plan, method\n"
              "(the one used and its model) and notes: short history and the\n"
              "fallback used, a small or lumpy base, intervals widened to cover the\n"
              "series' past years (--calibrate off keeps the model's own).\n\n"
              "  --method M       runrate, seasonal, snaive, ets, theta, ensemble,\n"
              "                   auto (default: per series, the best of ets, theta\n"
              "                   and ensemble on its last two years)\n"
              "  --k-years K      seasonal: past years averaged (default 3)\n"
              "  --ets-model XYZ  ets: a fixed model (ANN, AAdN, MAM, ...; default ZZZ)\n\n"
              "example: fdi forecast datasets/haiphong/haiphong_fdi.csv --as-of 2016-09 "
              "--value value_usd_m --filter \"area=Hai Phong Economic Zone\" "
              "--filter flow=new\\|adjusted --by area --target 3000\n\n",
              out);
    else if (strcmp(command, "backtest") == 0)
        fputs("usage: fdi backtest FILE [--method M,...] [--cutoffs 3,6,9] [--from YYYY]\n"
              "                [--horizon H] [input options]\n\n"
              "Replays history: for every year with all its periods and the year\n"
              "before observed, and every cut-off month (or --cutoffs), each\n"
              "method's year-end forecast against what happened: mape, smape, mase\n"
              "(against a seasonal-naive scale) and how often the 80% and 95%\n"
              "intervals held the outcome (cover80, cover95), per cut-off and all.\n"
              "--horizon H: the classic evaluation of H-step monthly forecasts from\n"
              "every origin instead.  --as-of limits the history replayed.\n\n"
              "example: fdi backtest datasets/vietnam/public_investment_ytd.csv --ytd "
              "--value value --method seasonal,ets,ensemble\n\n",
              out);
    else if (strcmp(command, "whatif") == 0)
        fputs("usage: fdi whatif FILE --as-of YYYY-MM --scenarios SCEN.csv [--target X |\n"
              "                --plan ...] [--sweep NAME=LO:HI:STEP]\n"
              "                [--seek p_target=P --vary NAME[=LO:HI]] [forecast options]\n\n"
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
              "reaches the goal, and says when no value in the range does.\n\n"
              "example: fdi whatif datasets/haiphong/haiphong_fdi.csv --as-of 2016-09 "
              "--value value_usd_m --filter \"area=Hai Phong Economic Zone\" "
              "--filter flow=new\\|adjusted --by area --target 3000 "
              "--scenarios datasets/haiphong/scenarios.csv\n\n",
              out);
    else if (strcmp(command, "report") == 0)
        fputs("usage: fdi report FILE --as-of YYYY-MM [--plan PLAN.csv | --plan-value X]\n"
              "                [--target X] [--lang en|vi] [--format text|markdown]\n"
              "                [--chart OUT.svg|OUT.png|OUT.pdf] [--unit TEXT] [input options]\n\n"
              "Per series (or --by group) the paragraph an analyst writes: the year to\n"
              "date, against the same period last year, against the plan, the\n"
              "year-end goal, and where the year will end with the chance of reaching\n"
              "the goal (the forecast of fdi forecast --method auto).  Amounts are in\n"
              "million USD; 1,000 and more are written in billions, truncated to\n"
              "three decimals (2,729.86 -> \"2.729 bn USD\", \"2,729 tỷ USD\"); data in\n"
              "another unit: --unit \"bn VND\" writes the numbers as they are with it.\n"
              "--chart draws the year-to-date curve against last year, the plan and\n"
              "the goal, and the forecast fan (80% and 95%) to the year end.\n\n"
              "example: fdi report datasets/haiphong/haiphong_fdi.csv --as-of 2016-09 "
              "--value value_usd_m --filter \"area=Hai Phong Economic Zone\" "
              "--filter flow=new\\|adjusted --by area --plan datasets/haiphong/plan.csv "
              "--lang vi\n\n",
              out);
    fputs(input_help, out);
}

int cli_fail(fdi_status st, const fdi_error *err)
{
    char buf[1024];
    fdi_error_format(err, buf, sizeof buf);
    fprintf(stderr, "fdi: %s\n", buf);
    switch (st) {
    case FDI_EUSAGE:
    case FDI_ESCHEMA:
        return EXIT_USAGE;
    case FDI_EIO:
    case FDI_EPARSE:
    case FDI_EDUP:
        return EXIT_DATA;
    default:
        return EXIT_COMPUTE;
    }
}

int cli_load_frame(const cli_options *o, fdi_frame **frame)
{
    fdi_error err;
    fdi_status st;
    const fdi_ingest_stats *s;

    *frame = NULL;
    fdi_ingest_options in = o->in;
    in.progress = cli_progress_bytes;
    /* Rows after --as-of are ignored by every command; ytd, yoy and plan
     * (figures_window) also never look further back than
     * fdi_measures_first_period, so the reader skips those rows after
     * reading their period. */
    if (o->has_as_of) {
        in.window = 1;
        in.window_to = o->as_of;
        in.window_from = o->figures_window
                             ? fdi_measures_first_period(o->as_of, o->panel.fy_start)
                             : INT32_MIN;
    }
    cli_progress_begin(o, "reading");
    st = fdi_ingest_csv(&in, frame, &err);
    cli_progress_end();
    if (st != FDI_OK)
        return cli_fail(st, &err);
    s = fdi_frame_stats(*frame);
    if (s->rows_rejected) {
        const fdi_rejection *r = fdi_frame_rejection(*frame, 0);
        char where[64] = "";
        if (r && r->column)
            snprintf(where, sizeof where, "%zu:%zu", r->line, r->column);
        else if (r)
            snprintf(where, sizeof where, "%zu", r->line);
        fprintf(stderr,
                "fdi: %zu of %zu rows rejected in %s; the first: %s:%s: %s\n"
                "     (fdi info %s lists them all%s)\n",
                s->rows_rejected, s->rows_read, o->file, o->file, where,
                r ? r->message : "", o->file,
                s->rows_outside ? "; rows outside the periods used here were not read"
                                : "");
        if (o->strict)
            return EXIT_DATA;
    }
    return 0;
}

int cli_build_panel(const cli_options *o, const fdi_frame *frame, fdi_panel **panel)
{
    fdi_error err;
    fdi_status st;
    fdi_panel_options po = o->panel;
    if (o->has_as_of)
        po.as_of = o->as_of;
    st = fdi_panel_build(frame, &po, panel, &err);
    return st == FDI_OK ? 0 : cli_fail(st, &err);
}

int main(int argc, char **argv)
{
    cli_options o;
    int rc;
    static const struct {
        const char *name;
        int (*run)(const cli_options *);
    } commands[] = {{"info", cmd_info}, {"ytd", cmd_ytd}, {"yoy", cmd_yoy},
                    {"plan", cmd_plan}, {"forecast", cmd_forecast},
                    {"backtest", cmd_backtest}, {"whatif", cmd_whatif},
                    {"report", cmd_report}};

    gsl_set_error_handler_off();
    blas_single_threaded();
    keep_freed_memory();
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        cli_usage(argc < 2 ? stderr : stdout, argc > 2 ? argv[2] : NULL);
        return argc < 2 ? EXIT_USAGE : 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        puts("fdi " FDI_VERSION);
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(argv[1], commands[i].name) != 0)
            continue;
        memset(&o, 0, sizeof o);
        o.command = commands[i].name;
        rc = cli_parse(argc - 2, argv + 2, &o);
        if (rc == 0 && o.help) {
            cli_usage(stdout, o.command);
        } else if (rc == 0) {
            rc = commands[i].run(&o);
            if (fflush(stdout) != 0 && rc == 0) {
                perror("fdi: writing the output");
                rc = EXIT_COMPUTE;
            }
        }
        cli_free(&o);
        return rc;
    }
    fprintf(stderr, "fdi: unknown command \"%s\"\n", argv[1]);
    cli_usage(stderr, NULL);
    return EXIT_USAGE;
}
