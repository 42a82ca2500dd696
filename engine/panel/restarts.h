/* restarts.h (internal) - where year-to-date input restarts. */
#ifndef FDI_PANEL_RESTARTS_H
#define FDI_PANEL_RESTARTS_H

#include "fdi/error.h"
#include "fdi/panel.h"

/* A year-to-date panel read with a fiscal year (--fy-start other than 1)
 * whose figures restart in January and not at the fiscal year's start:
 * calendar years to date, which the fiscal reading would difference
 * across the restart (the January "flow" a large negative, the fiscal
 * year's first period the whole calendar year so far).  FDI_EUSAGE naming
 * a series and the restart; FDI_OK otherwise.  Decided by the majority of
 * the series' positive year-end-to-January steps against their steps into
 * the fiscal year's first period. */
fdi_status fdi__ytd_restarts_check(const fdi_panel *p, const char *path, fdi_error *err);

#endif
