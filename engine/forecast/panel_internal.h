/* panel_internal.h - the forecast over a panel, shared by forecast,
 * backtest, what-if and the report. */
#ifndef FDI_FC_PANEL_INTERNAL_H
#define FDI_FC_PANEL_INTERNAL_H

#include "fdi/ask.h"
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

#endif
