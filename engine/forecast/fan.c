/* fan.c - the forecast fan: quantiles of the simulated year to date at
 * each month left, from the paths the forecast itself simulated, with the
 * forecast's own calibration (the body by fdi_yearend.widen, the bounds
 * beyond 80% by the tail factor, as the year-end intervals); a series that never went negative (the history
 * the forecast used, fdi_yearend.nonneg) is never drawn below the year to
 * date it has already reached. */
#include "forecast/fc_internal.h"
#include "forecast/panel_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

fdi_status fdi_fc_panel_fan(const fdi_fc_panel *r, const fdi_panel *p, size_t s,
                            const double *q, int nq, double *fan, fdi_error *err)
{
    const fdi_yearend *ye;
    const double *paths = fdi_fc_panel_paths(r, s);
    size_t P = fdi_fc_panel_npaths(r);
    if (fdi_fc_panel_result(r, s, &ye, err) != FDI_OK || !paths)
        return fdi_error_set(err, FDI_ENODATA, NULL, 0, 0, "no simulated paths to draw a fan from");
    size_t left = (size_t)ye->left;
    int nonneg = ye->nonneg; /* the forecast's own rule (yearend.c) */
    (void)p;                 /* kept in the API; the rule is the forecast's */
    double *cum = malloc((P * left + P) * sizeof *cum), *col = cum + P * left;
    if (!cum)
        return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    memcpy(cum, paths, P * left * sizeof *cum);
    for (size_t k = 0; k < P; k++) /* cumulative along each path */
        for (size_t i = 1; i < left; i++)
            cum[k * left + i] += cum[k * left + i - 1];
    for (size_t i = 0; i < left; i++) {
        for (size_t k = 0; k < P; k++)
            col[k] = ye->ytd + cum[k * left + i];
        double mean = gsl_stats_mean(col, 1, P);
        for (size_t k = 0; k < P; k++) {
            col[k] = mean + ye->widen * (col[k] - mean);
            if (nonneg && col[k] < ye->ytd)
                col[k] = ye->ytd;
        }
        gsl_sort(col, 1, P);
        for (int j = 0; j < nq; j++) { /* the 95% bounds' own factor */
            double v = gsl_stats_quantile_from_sorted_data(col, 1, P, q[j]);
            double f = fdi__fc_tail_factor(ye, 100.0 * (1.0 - 2.0 * fmin(q[j], 1.0 - q[j])));
            if (f != 1.0)
                v = fmax(mean + f * (v - mean), nonneg ? ye->ytd : -HUGE_VAL);
            fan[(size_t)j * left + i] = v;
        }
    }
    free(cum);
    return FDI_OK;
}
