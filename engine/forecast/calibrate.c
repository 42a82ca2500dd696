/* calibrate.c - widening year-end intervals by the series' own record.
 *
 * A model's intervals assume the model is right; the year totals of FDI
 * series move with things no model of the months sees (a mega project, a
 * policy change), and the backtests show model intervals covering too
 * little (ETS 68% for a nominal 80% on the public investment series).
 * So before trusting a spread, replay the same method at the same month in
 * up to three past years, standardise each year's error by the spread the
 * method claimed then, z = (actual - mean) / sd, and widen today's
 * distribution around its mean by k = sqrt(mean z^2) when k > 1.  With no
 * past year to replay, k = 1 and the note says the intervals are the
 * model's own.
 */
#include "forecast/fc_internal.h"

#include <math.h>
#include <stdlib.h>

enum { CAL_YEARS = 3 };

fdi_status fdi__fc_calibration_factor(fdi_fc_method method, const double *y, size_t n,
                                      const fdi_fc_config *c, size_t npaths,
                                      unsigned long seed, int *years, double *factor,
                                      fdi_error *err)
{
    size_t m = (size_t)c->m, pos = (size_t)c->pos;
    double ss = 0;
    int k = 0;
    fdi_fc_config cc = *c;
    cc.calibrate = 0; /* the replays are not themselves calibrated */
    if (npaths < 100)
        npaths = 100;
    double *tot = malloc(npaths * sizeof *tot);
    if (!tot)
        return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t j = 1; j <= CAL_YEARS && j * m + pos <= n; j++) {
        size_t len = n - j * m;         /* the history at that past cut-off */
        size_t ys = len - pos;          /* where that fiscal year starts */
        double actual = 0;
        int complete = 1;
        for (size_t t = ys; t < ys + m; t++) {
            complete &= !isnan(y[t]);
            actual += y[t];
        }
        if (!complete)
            continue;
        fdi_yearend ye;
        fdi_error e2;
        int nonneg;
        fdi_status st = fdi__fc_yearend_model(method, y, len, &cc, NAN, npaths, seed + j, NULL,
                                              &ye, tot, &nonneg, &e2);
        if (st == FDI_ENOMEM) { /* a past year that cannot be replayed is
                                   skipped; running out of memory is not */
            if (err)
                *err = e2;
            free(tot);
            return st;
        }
        if (st == FDI_OK && ye.left > 0)
            fdi__fc_yearend_summarise(&ye, tot, npaths, NAN, &cc);
        if (st != FDI_OK || !(ye.sd > 0))
            continue;
        double z = (actual - ye.mean) / ye.sd;
        ss += z * z;
        k++;
    }
    free(tot);
    if (years)
        *years = k;
    *factor = k ? fmax(1.0, sqrt(ss / k)) : 1.0;
    return FDI_OK;
}
