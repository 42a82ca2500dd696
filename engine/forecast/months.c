/* months.c - a forecast month by month (fdi_fc_panel_months): the year to
 * date of one series through the fiscal year, last year's beside it, and
 * from the as-of month to the year end the fan's median and 80% band
 * (fdi_fc_panel_fan: the forecast's own paths, widening and floor), the
 * data of the workbook's chart. */
#include "forecast/panel_internal.h"
#include "fdi/period.h"

#include <math.h>
#include <stdlib.h>

enum { M_MONTH, M_YTD, M_PREV, M_MEDIAN, M_LO, M_HI };

static const double band_q[3] = {0.10, 0.50, 0.90};

static fdi_table *month_table(void)
{
    fdi_table *t = fdi_table_create();
    if (t && (fdi_table_add_column(t, "month", FDI_COL_TEXT) < 0 ||
              fdi_table_add_column(t, "ytd", FDI_COL_AMOUNT) < 0 ||
              fdi_table_add_column(t, "ytd_prev", FDI_COL_AMOUNT) < 0 ||
              fdi_table_add_column(t, "forecast_median", FDI_COL_AMOUNT) < 0 ||
              fdi_table_add_column(t, "lo80", FDI_COL_AMOUNT) < 0 ||
              fdi_table_add_column(t, "hi80", FDI_COL_AMOUNT) < 0)) {
        fdi_table_destroy(t);
        return NULL;
    }
    return t;
}

/* Rows of the twelve months: this year's and last year's year to date,
 * the fan (fan[k * left + i], quantile k after month i + 1 of those left)
 * from the as-of month on; -1 when out of memory. */
static int fill(fdi_table *t, const fdi_panel *p, long last, int pos, const double *fan)
{
    int left = 12 - pos;
    char per[16];
    for (int m = 0; m < 12; m++) {
        long row = last - pos + 1 + m, prow = row - 12, r = fdi_table_add_row(t);
        int32_t period = fdi_panel_period(p, 0) + (int32_t)row; /* monthly: one apart */
        fdi_period_format(period, 12, per, sizeof per);
        if (r < 0 || fdi_table_set_text(t, r, M_MONTH, per))
            return -1;
        if (m < pos)
            fdi_table_set_num(t, r, M_YTD, fdi_panel_cum(p, (size_t)row)[0]);
        if (prow >= 0)
            fdi_table_set_num(t, r, M_PREV, fdi_panel_cum(p, (size_t)prow)[0]);
        for (int k = 0; k < 3 && m >= pos - 1; k++) /* the band starts at the as-of month */
            fdi_table_set_num(t, r, M_MEDIAN + (k == 1 ? 0 : k == 0 ? 1 : 2),
                              m == pos - 1 ? fdi_panel_cum(p, (size_t)row)[0]
                                           : fan[(size_t)k * (size_t)left + (size_t)(m - pos)]);
    }
    return 0;
}

fdi_status fdi_fc_panel_months(const fdi_fc_panel *r, const fdi_panel *p, int32_t as_of,
                               fdi_table **out, fdi_error *err)
{
    long last = fdi_panel_row(p, as_of);
    *out = NULL;
    if (fdi_panel_freq(p) != 12 || last < 0 || fdi_panel_nseries(p) != 1)
        return fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0,
                             "a forecast month by month is for one monthly series");
    int pos = fdi_panel_position(p, (size_t)last);
    double *fan = malloc(3 * (size_t)(12 - pos + 1) * sizeof *fan);
    fdi_table *t = month_table();
    fdi_status st = !fan || !t ? fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory")
                               : FDI_OK;
    if (st == FDI_OK && pos < 12)
        st = fdi_fc_panel_fan(r, p, 0, band_q, 3, fan, err);
    if (st == FDI_OK && fill(t, p, last, pos, fan) != 0)
        st = fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    free(fan);
    if (st != FDI_OK) {
        fdi_table_destroy(t);
        return st;
    }
    *out = t;
    return FDI_OK;
}
