/* panel_internal.h - the forecast over a panel, shared by forecast,
 * backtest, what-if and the report. */
#ifndef FDI_FC_PANEL_INTERNAL_H
#define FDI_FC_PANEL_INTERNAL_H

#include "fdi/ask.h"
#include "forecast/fc_internal.h"
#include "forecast/shard_internal.h"

/* The one place options become a method configuration: m periods a year,
 * pos of them observed this fiscal year. */
fdi_fc_config fdi__fc_options_config(const fdi_fc_options *o, int m, int pos);

/* Months left in the fiscal year after as_of (0 when complete), or -1 when
 * as_of is outside the panel. */
long fdi__fc_months_left(const fdi_panel *p, int32_t as_of);

/* The panel row of the forecast's as-of period. */
long fdi__fc_panel_last(const fdi_fc_panel *r);

/* fdi_fc_panel_run for the series x gives this process (the others keep
 * zeroed results); a failure's series in x->fail_s. */
fdi_status fdi__fc_panel_run_mine(const fdi_panel *p, int32_t as_of, const fdi_plans *plans,
                                  const fdi_fc_options *o, int keep_paths, fdi__shard *x,
                                  fdi_fc_panel **out, fdi_error *err);
/* Every rank's series results to rank 0's r (fdi__shard_gather; st: this
 * rank's status, r NULL when it failed); paths are not gathered. */
fdi_status fdi__fc_panel_gather(fdi_fc_panel *r, fdi__shard *x, fdi_status st, fdi_error *err);
/* r holds only this rank's series: its answer went to rank 0. */
int fdi__fc_panel_partial(const fdi_fc_panel *r);

/* The year-end backtest's forecasts one by one (fdi_backtest_options.cases,
 * backtest_cases.c): the cases of one unit of series, in replay order. */
typedef struct {
    size_t s; /* the panel's series */
    fdi__bt_case c;
} fdi__bt_case_row;
typedef struct {
    fdi__bt_case_row *rows;
    size_t n, cap;
} fdi__bt_cases;
/* The ctx of fdi__bt_cases_add: series s's cases go to list. */
typedef struct {
    fdi__bt_cases *list;
    size_t s;
} fdi__bt_sink;
/* An fdi__bt_case_fn: appends c (of series k->s) to k->list; FDI_ENOMEM. */
fdi_status fdi__bt_cases_add(void *ctx, const fdi__bt_case *c, fdi_error *err);
/* Another rank's cases of one unit (len bytes of rows) into the empty l. */
fdi_status fdi__bt_cases_take(fdi__bt_cases *l, const unsigned char *bytes, size_t len,
                              fdi_error *err);
/* Frees the n lists of l and l. */
void fdi__bt_cases_free(fdi__bt_cases *l, size_t n);
/* The table of the nl lists' cases, in order: the panel's keys, period (the
 * cut-off month), year, cutoff, method, actual, ytd, forecast, lo80, hi80,
 * lo95, hi95, note (why a method made no forecast). */
fdi_status fdi__bt_cases_table(fdi_table *tab, const fdi_panel *p, const fdi__bt_cases *l,
                               size_t nl, const fdi_fc_method *methods, fdi_error *err);

#endif
