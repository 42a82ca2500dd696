/* range.c - overflow is an error, not "n/a".  A sum beyond the range of a
 * double (about 1.8e308) is infinite; printed it became n/a ranked first,
 * "inf% above plan", a paragraph of nonsense.  Every fdi_ask_* question
 * checks the panel up to its as-of and the figures it computed, and stops
 * with FDI_ERANGE (exit 3) naming the series. */
#include "measures/ask_internal.h"

#include <math.h>
#include <stdio.h>

#include "fdi/period.h"

static fdi_status overflow(const fdi_panel *p, size_t s, const char *what, const char *when,
                           fdi_error *err)
{
    char title[256];
    fdi_panel_series_title(p, s, title, sizeof title);
    return fdi_error_set(err, FDI_ERANGE, NULL, 0, 0,
                         "%s of %s%s%s overflows: beyond the range of a number (1.8e308)", what,
                         title[0] ? title : "the series", when[0] ? " at " : "", when);
}

fdi_status fdi__ask_finite_panel(const fdi_panel *p, long last, fdi_error *err)
{
    size_t S = fdi_panel_nseries(p);
    for (long t = 0; t <= last; t++) {
        const double *fl = fdi_panel_flow(p, (size_t)t), *cu = fdi_panel_cum(p, (size_t)t);
        for (size_t s = 0; s < S; s++) {
            int in_flow = fl && isinf(fl[s]);
            if (!in_flow && !(cu && isinf(cu[s])))
                continue;
            char when[16];
            fdi_period_format(fdi_panel_period(p, (size_t)t), fdi_panel_freq(p), when,
                              sizeof when);
            return overflow(p, s, in_flow ? "the value" : "the year to date", when, err);
        }
    }
    return FDI_OK;
}

fdi_status fdi__ask_finite_table(const fdi_table *tab, const fdi_panel *p, fdi_error *err)
{
    size_t S = fdi_panel_nseries(p), R = fdi_table_nrows(tab), C = fdi_table_ncols(tab);
    for (size_t r = 0; r < R && S; r++)
        for (size_t c = 0; c < C; c++)
            if (fdi_table_column_kind(tab, (int)c) != FDI_COL_TEXT &&
                isinf(fdi_table_num(tab, (long)r, (int)c)))
                return overflow(p, r % S, fdi_table_column_name(tab, (int)c), "", err);
    return FDI_OK;
}
