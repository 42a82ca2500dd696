/* fdi/ask.h - one call per question over a panel.
 *
 * Each fdi_ask_* call answers one of the questions fdi exists for, over
 * every series of a panel, and returns a result the caller only formats:
 * a table whose column names are the command's csv/json columns (the fdi
 * command prints it; the Python module turns it into rows), or for the
 * report its paragraphs.  Every rule on the figures (plans matched to
 * series, notes, the forecast's configuration and its validation, the fan,
 * goal seeking) lives behind these calls, so the command, the Python module
 * and C callers give the same numbers.
 *
 * Ownership: *out is the caller's (fdi_table_destroy, fdi_report_destroy);
 * on an error *out is NULL and err says why (file:line:col where a file is
 * at fault).  Statuses: FDI_EUSAGE a request that cannot be met as given
 * (an option the data does not allow), FDI_EIO/FDI_EPARSE a plan or
 * scenario file, FDI_ENODATA nothing to compute with, FDI_ECOMPUTE, and
 * FDI_ENOMEM.
 */
#ifndef FDI_ASK_H
#define FDI_ASK_H

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

#include "fdi/error.h"
#include "fdi/export.h"
#include "fdi/forecast.h"
#include "fdi/panel.h"
#include "fdi/report.h"
#include "fdi/shard.h"
#include "fdi/table.h"

/* Progress of a long call: done of total units (series, bytes). */
typedef void (*fdi_progress_fn)(void *ctx, size_t done, size_t total);

/* ---- plans and targets --------------------------------------------------
 * Where the plan and the target of each series come from: one value for
 * every series (plan_value, target; NaN: none), or a plan file (a year
 * column, key columns named as the panel's, and plan/target columns or a
 * measure column naming them), read for the fiscal year of as_of. */
typedef struct {
    const char *plan_file; /* NULL: none */
    double plan_value;     /* NaN: none */
    double target;         /* NaN: none (the plan is the goal) */
} fdi_plan_source;

FDI_API fdi_plan_source fdi_plan_source_default(void);
/* FDI_EUSAGE for a request that cannot be meant: a negative target or
 * plan, or no plan at all where one is needed (need_plan).  Cheap: a
 * caller may check before reading a file. */
FDI_API fdi_status fdi_plan_source_check(const fdi_plan_source *src, int need_plan, fdi_error *err);

/* Per series of a panel: plan[s] and target[s] (NaN when unknown). */
typedef struct {
    size_t n;
    double *plan, *target;
} fdi_plans;

/* A plan belongs to one measure: a plan file's optional "measure" column
 * names the measure each row applies to; a plan file without one, a
 * plan_value or a target over a panel of several measures is FDI_EUSAGE
 * listing them. */
FDI_API fdi_status fdi_plans_load(const fdi_panel *p, int32_t as_of, const fdi_plan_source *src,
                                  fdi_plans *out, fdi_error *err);
FDI_API void fdi_plans_free(fdi_plans *pl);
/* The goal of series s: its target, else its plan (NaN: neither). */
FDI_API double fdi_plans_goal(const fdi_plans *pl, size_t s);

/* ---- the forecast's options, one struct for every question using it ---- */
typedef struct {
    fdi_fc_method method;  /* default FDI_FC_AUTO */
    int k_years;           /* seasonal: past years averaged (1..50, default 3) */
    const char *ets_model; /* "ZZZ" (default) or a fixed model ("ANN", "MAdM") */
    int calibrate;         /* widen intervals by past errors (default 1) */
    int levels[4], nlevels;/* year-end interval levels, 50..99 (default 80, 95) */
    size_t paths;          /* sample paths, 100..10,000,000 (default 5000) */
    unsigned long seed;    /* the same seed gives the same figures (default 42) */
    fdi_progress_fn progress; /* NULL: none; called per series */
    void *progress_ctx;
    const fdi_shard *shard; /* NULL: every series in this process; else
                               forecast, backtest and whatif share the
                               series among processes (fdi/shard.h) */
    int threads;            /* forecast, backtest, whatif: series fitted on 1 or 2 threads
                               (default 2); the figures are the same, each
                               series drawing from its own generator */
} fdi_fc_options;

FDI_API fdi_fc_options fdi_fc_options_default(void);
/* FDI_EUSAGE with the reason when an option is out of its range. */
FDI_API fdi_status fdi_fc_options_check(const fdi_fc_options *o, fdi_error *err);

/* ---- year to date, year over year, plan ---------------------------------
 * Columns: the panel's keys, the measure column (fdi_panel_measure_column),
 * period, then
 *   ytd:  ytd periods periods_missing rank note
 *   yoy:  ytd ytd_prev multiple change_pct pct_of_prev note
 *         (single: value value_prev multiple change_pct note)
 *   plan: ytd plan pct_of_plan overshoot_pct target target_pct_of_plan
 *         remaining months_left required_monthly note */
FDI_API fdi_status fdi_ask_ytd(const fdi_panel *p, int32_t as_of, fdi_table **out, fdi_error *err);
FDI_API fdi_status fdi_ask_yoy(const fdi_panel *p, int32_t as_of, int single, fdi_table **out,
                               fdi_error *err);
FDI_API fdi_status fdi_ask_plan(const fdi_panel *p, int32_t as_of, const fdi_plan_source *src,
                                fdi_table **out, fdi_error *err);

/* ---- forecast -----------------------------------------------------------
 * Every series' year-end distribution at as_of.  A series that cannot be
 * forecast keeps its status and message; the others go on. */
typedef struct fdi_fc_panel fdi_fc_panel;

/* keep_paths: keep each series' simulated months (what-if and the chart's
 * fan start from them). */
FDI_API fdi_status fdi_fc_panel_run(const fdi_panel *p, int32_t as_of, const fdi_plans *plans,
                                    const fdi_fc_options *o, int keep_paths, fdi_fc_panel **out,
                                    fdi_error *err);
FDI_API void fdi_fc_panel_destroy(fdi_fc_panel *r);
FDI_API size_t fdi_fc_panel_nseries(const fdi_fc_panel *r);
/* Series s's result; its status (FDI_OK or why it has no forecast, with
 * the message in *err when err is not NULL). */
FDI_API fdi_status fdi_fc_panel_result(const fdi_fc_panel *r, size_t s, const fdi_yearend **ye,
                                       fdi_error *err);
/* Series s's kept months (paths x months left, row-major), or NULL. */
FDI_API const double *fdi_fc_panel_paths(const fdi_fc_panel *r, size_t s);
FDI_API size_t fdi_fc_panel_npaths(const fdi_fc_panel *r);
/* The note column's text of series s: the forecast's notes and widening. */
FDI_API void fdi_fc_panel_note(const fdi_fc_panel *r, size_t s, char *buf, size_t size);

/* Columns: keys, measure, period ytd months_left forecast loL hiL (per
 * level) target p_target plan pct_of_plan method note. */
FDI_API fdi_status fdi_ask_forecast(const fdi_panel *p, int32_t as_of, const fdi_plan_source *src,
                                    const fdi_fc_options *o, fdi_table **out, fdi_error *err);

/* The forecast fan of series s: quantiles q[0..nq-1] of the simulated year
 * to date at each month left, fan[k * left + i] for quantile k after month
 * i + 1 of the months left, with the forecast's own widening and, for a
 * series that never went negative, never below the year to date. */
FDI_API fdi_status fdi_fc_panel_fan(const fdi_fc_panel *r, const fdi_panel *p, size_t s,
                                    const double *q, int nq, double *fan, fdi_error *err);

/* The forecast month by month for a panel of one monthly series (r run
 * with keep_paths): columns month (YYYY-MM, the twelve months of as_of's
 * fiscal year), ytd (observed, to as_of), ytd_prev (the same month last
 * year), forecast_median, lo80, hi80 (the fan's 50%, 10% and 90%
 * quantiles from the as-of month, where they equal the year to date, to
 * the year end).  FDI_EUSAGE for another panel. */
FDI_API fdi_status fdi_fc_panel_months(const fdi_fc_panel *r, const fdi_panel *p, int32_t as_of,
                                       fdi_table **out, fdi_error *err);

/* fdi_ask_forecast, and with months not NULL the forecast month by month
 * (fdi_fc_panel_months) into *months when the panel is one monthly series
 * with a forecast (else *months is NULL): one run, one set of paths. */
FDI_API fdi_status fdi_ask_forecast_months(const fdi_panel *p, int32_t as_of,
                                           const fdi_plan_source *src, const fdi_fc_options *o,
                                           fdi_table **out, fdi_table **months, fdi_error *err);

/* ---- backtest -----------------------------------------------------------*/
typedef struct {
    fdi_fc_method methods[FDI_FC_NMETHODS];
    int nmethods;          /* 0: runrate seasonal snaive ets theta ensemble */
    int cutoffs[12], ncutoffs; /* 0: every month 1..m-1 */
    int horizon;           /* > 0: the h-step evaluation instead */
    int from_year;         /* 0: every year */
    int cases;             /* 1: one row per forecast instead of the sums
                              (year-end backtest only) */
} fdi_backtest_options;

/* Columns: method, cutoff (or horizon), forecasts failed mape smape mase
 * cover80 cover95.  Backtests use 1,000 paths unless o->paths was changed
 * from its default.  With b->cases, one row per forecast scored (and per
 * forecast a method could not make), in the order series, year, cut-off,
 * method: the panel's keys, measure, period (the cut-off month, the last
 * one the forecast saw), year (fiscal), cutoff (months of it observed),
 * method, actual (the year's total), ytd, forecast, lo80, hi80, lo95, hi95
 * and note (why there is no forecast).  The sums are these rows': mape is
 * the mean of 100 |actual - forecast| / |actual|, cover80 the share with
 * lo80 <= actual <= hi80. */
FDI_API fdi_status fdi_ask_backtest(const fdi_panel *p, const fdi_fc_options *o,
                                    const fdi_backtest_options *b, fdi_table **out, fdi_error *err);

/* ---- what-if ------------------------------------------------------------*/
typedef struct {
    const char *scenarios_file; /* required */
    const char *sweep;          /* NAME=LO:HI:STEP, or NULL */
    const char *seek;           /* p_target=P or forecast=X, with vary */
    const char *vary;           /* NAME or NAME=LO:HI (default range 0:3) */
} fdi_whatif_options;

/* FDI_EUSAGE when the request cannot be met whatever the data: no
 * scenario file, --seek without --vary (or the reverse), a --seek goal
 * that is not p_target in (0,1) or forecast=X, a malformed --sweep. */
FDI_API fdi_status fdi_whatif_options_check(const fdi_whatif_options *w, fdi_error *err);

/* Columns: scenario, keys, measure, forecast change lo80 hi80 target
 * p_target plan pct_of_plan overshoot_pct; with seek: vary, keys, measure,
 * value, p_target (or forecast), note. */
FDI_API fdi_status fdi_ask_whatif(const fdi_panel *p, int32_t as_of, const fdi_plan_source *src,
                                  const fdi_fc_options *o, const fdi_whatif_options *w,
                                  fdi_table **out, fdi_error *err);

/* ---- report -------------------------------------------------------------*/
typedef struct {
    fdi_lang lang;
    int markdown;
    const char *unit;        /* NULL: each series' own (fdi_panel_unit) */
    const char *chart;       /* NULL, or OUT.svg/.png/.pdf to draw */
    const char *disbursed_hint; /* more text that may say what the series
                                   measures (fdi_report_verb_of); the
                                   panel's labels, measure and --filter
                                   values are read without it; NULL: none */
} fdi_report_options;

typedef struct fdi_report fdi_report;

/* FDI_EUSAGE for a chart file that is not .svg, .png or .pdf, or a
 * language that is neither. */
FDI_API fdi_status fdi_report_options_check(const fdi_report_options *ro, fdi_error *err);

FDI_API fdi_status fdi_ask_report(const fdi_panel *p, int32_t as_of, const fdi_plan_source *src,
                                  const fdi_fc_options *o, const fdi_report_options *ro,
                                  fdi_report **out, fdi_error *err);
FDI_API void fdi_report_destroy(fdi_report *r);
FDI_API size_t fdi_report_count(const fdi_report *r);
FDI_API const char *fdi_report_title(const fdi_report *r, size_t i);
FDI_API const char *fdi_report_text(const fdi_report *r, size_t i);
/* The whole report as the command prints it (paragraphs, markdown
 * headings), NUL-terminated; owned by r. */
FDI_API const char *fdi_report_document(const fdi_report *r);
/* The report as a table, one row per paragraph (owned by r): the keys,
 * measure and period, every figure the paragraph states (ytd ytd_prev
 * multiple change_pct plan pct_of_plan overshoot_pct target
 * target_pct_of_plan forecast lo80 hi80 p_target; missing where the
 * paragraph has no such sentence), method, summed (when --by summed
 * away a key), note (the year to date's, the plan's and the forecast's
 * notes) and the paragraph as plain text in English and Vietnamese
 * (paragraph_en, paragraph_vi). */
FDI_API const fdi_table *fdi_report_table(const fdi_report *r);
/* For one monthly series with a forecast, the forecast month by month
 * (fdi_fc_panel_months; owned by r); else NULL. */
FDI_API const fdi_table *fdi_report_months(const fdi_report *r);

/* fdi_ask_report, the chart also drawn as SVG and kept in the report
 * (fdi_report_svg) for the HTML page; ro->chart is drawn too when set. */
FDI_API fdi_status fdi_ask_report_with_svg(const fdi_panel *p, int32_t as_of,
                                           const fdi_plan_source *src,
                                           const fdi_fc_options *o,
                                           const fdi_report_options *ro, fdi_report **out,
                                           fdi_error *err);
/* The chart's SVG file as text (owned by r); NULL when the report was not
 * asked with fdi_ask_report_with_svg, or has no chart (one series of data
 * that is not monthly). */
FDI_API const char *fdi_report_svg(const fdi_report *r);

/* ---- the report as one HTML page ----------------------------------------*/
enum { FDI_PAGE_EN = 1, FDI_PAGE_VI = 2 };

typedef struct {
    int langs;                 /* FDI_PAGE_EN | FDI_PAGE_VI: the paragraphs shown */
    const char *const *inputs; /* the data's files, as given */
    size_t ninputs;
    const char *plan;          /* the plan's file, or NULL */
} fdi_report_page;

/* One self-contained page (no script, no URL: the style and the chart's
 * SVG inline), readable on a phone: the paragraphs in pg->langs, the chart
 * (fdi_report_svg, when there is one), the figures of fdi_report_table
 * and the months of fdi_report_months (each table scrolling sideways in
 * its own box), the notes, and the data's source line (the files and the
 * as-of period).  Text HTML-escaped, bytes that are not UTF-8 written as
 * U+FFFD.  FDI_EIO when out cannot be written. */
FDI_API fdi_status fdi_report_write_html(const fdi_report *r, const fdi_report_page *pg,
                                         FILE *out, fdi_error *err);

#endif
