/* panel_internal.h - the forecast over a panel, shared by forecast,
 * backtest, what-if and the report. */
#ifndef FDI_FC_PANEL_INTERNAL_H
#define FDI_FC_PANEL_INTERNAL_H

#include "fdi/ask.h"

/* The one place options become a method configuration: m periods a year,
 * pos of them observed this fiscal year. */
fdi_fc_config fdi__fc_options_config(const fdi_fc_options *o, int m, int pos);

/* Months left in the fiscal year after as_of (0 when complete), or -1 when
 * as_of is outside the panel. */
long fdi__fc_months_left(const fdi_panel *p, int32_t as_of);

/* The panel row of the forecast's as-of period. */
long fdi__fc_panel_last(const fdi_fc_panel *r);

#endif
