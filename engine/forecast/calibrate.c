/* calibrate.c - tuning year-end intervals to the series' own record.
 *
 * A model's intervals assume the model is right; the year totals of FDI
 * series move with things no model of the months sees (a mega project, a
 * policy change), and its intervals can be too narrow (ETS covered 61% for
 * a nominal 80% on the public investment series) or too wide.  So before
 * trusting a spread, replay the same method at the same month in up to
 * CAL_YEARS past years (only data before the current fiscal year: the
 * replayed year's actual total ends where this year starts) and
 * standardise each year's error by the spread the method claimed then,
 * z = (actual - mean) / sd.
 *
 * A handful of z's cannot carry empirical 80% and 95% quantiles, so the
 * scale is estimated with a prior worth CAL_PRIOR past years at the
 * model's own spread (z ~ N(0, 1)), and the variance of z is
 *   s^2 = (CAL_PRIOR + sum z^2) / (CAL_PRIOR + k)      (k years replayed)
 * (the conjugate scaled-inverse-chi^2 update).  With the scale itself
 * uncertain the next z is Student-t with CAL_PRIOR + k degrees of freedom
 * (the posterior predictive), so the 80% and 95% bounds get their own
 * factors
 *   k80 = s t(0.900; nu) / z(0.900),   k95 = s t(0.975; nu) / z(0.975):
 * the 95% one goes further out, relative to the model, than the 80% one
 * (year-end errors have heavier tails than a model's spread, and a scale
 * read from three years is itself uncertain).  Both may be below 1: a
 * model that has been too cautious is narrowed (as far as the prior
 * allows, s^2 >= CAL_PRIOR / (CAL_PRIOR + k)), where the old rule only
 * widened, by sqrt(mean z^2) when above 1, and left the 80% interval
 * covering 88-90% on real series.
 *
 * CAL_YEARS = 3 and CAL_PRIOR = 1 were chosen on the pooled year-end
 * backtests of the bundled monthly series (bench/results/backtest.md):
 * there the 80% interval of ets, theta, the seasonal share, the ensemble
 * and auto covers 75-85% and their 95% interval 92-98%.  With a model
 * that is right (z ~ N(0, 1)) and three past years the rule covers 82.5%
 * and 97.3% (tests/test_fc_yearend.c simulates it); with one or two past
 * years it is wider (Student-t with 2 or 3 degrees of freedom): thin
 * evidence.  With no past year to
 * replay both factors are 1 and the note says the intervals are the
 * model's own.
 */
#include "forecast/fc_internal.h"

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>

enum { CAL_YEARS = 3 };
static const double CAL_PRIOR = 1.0; /* past years the model's own spread counts as */

/* z of the replay of `method` on the history y[0..len) at position c->pos
 * against the complete year that starts len - pos, its months after the
 * cut-off above today's lumpy threshold lump[0] replaced by lump[1]
 * (lumpy.c: a past mega project is not an error the interval should
 * learn); *ok = 0 when
 * that year is incomplete or the method cannot be replayed there. */
static fdi_status replay_z(fdi_fc_method method, const double *y, size_t len,
                           const double lump[2], const fdi_fc_config *cc, size_t npaths, unsigned long seed,
                           double *tot, double *z, int *ok, fdi_error *err)
{
    size_t m = (size_t)cc->m, ys = len - (size_t)cc->pos;
    double actual = 0;
    int complete = 1;
    *ok = 0;
    for (size_t t = ys; t < ys + m; t++) { /* the months left capped as today */
        complete &= !isnan(y[t]);
        actual += t < len || !(y[t] > lump[0]) ? y[t] : lump[1];
    }
    if (!complete)
        return FDI_OK;
    fdi_yearend ye;
    fdi_error e2;
    int nonneg;
    fdi_status st = fdi__fc_yearend_model(method, y, len, cc, NAN, npaths, seed, NULL, &ye,
                                          tot, &nonneg, &e2);
    if (st == FDI_ENOMEM) { /* a past year that cannot be replayed is
                               skipped; running out of memory is not */
        if (err)
            *err = e2;
        return st;
    }
    if (st == FDI_OK && ye.left > 0)
        fdi__fc_yearend_summarise(&ye, tot, npaths, NAN, cc);
    if (st == FDI_OK && ye.sd > 0) {
        *z = (actual - ye.mean) / ye.sd;
        *ok = 1;
    }
    return FDI_OK;
}

void fdi__fc_calibration_from_z(const double *z, int k, fdi_fc_calibration *out)
{
    double ss = 0;
    for (int i = 0; i < k; i++)
        ss += z[i] * z[i];
    out->years = k;
    out->k80 = out->k95 = 1.0;
    if (!k)
        return;
    double nu = CAL_PRIOR + (double)k, s = sqrt((CAL_PRIOR + ss) / nu);
    out->k80 = s * gsl_cdf_tdist_Pinv(0.900, nu) / gsl_cdf_ugaussian_Pinv(0.900);
    out->k95 = s * gsl_cdf_tdist_Pinv(0.975, nu) / gsl_cdf_ugaussian_Pinv(0.975);
}

fdi_status fdi__fc_calibration(fdi_fc_method method, const double *y, size_t n,
                               const fdi_fc_config *c, size_t npaths, unsigned long seed,
                               fdi_fc_calibration *out, fdi_error *err)
{
    size_t m = (size_t)c->m, pos = (size_t)c->pos;
    double z[CAL_YEARS];
    int k = 0;
    fdi_fc_config cc = *c;
    cc.calibrate = 0; /* the replays are not themselves calibrated */
    if (npaths < 100)
        npaths = 100;
    double *tot = malloc(npaths * sizeof *tot);
    if (!tot)
        return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    double lump[2]; /* today's lumpy threshold and the value it is replaced by */
    size_t lumps;
    fdi_status st = fdi__fc_lumpy_cap(y, n, c->m, &lump[0], &lump[1], &lumps, err);
    for (size_t j = 1; j <= CAL_YEARS && j * m + pos <= n && st == FDI_OK; j++) {
        int ok;
        st = replay_z(method, y, n - j * m, lump, &cc, npaths, seed + j, tot, &z[k], &ok, err);
        k += ok;
    }
    free(tot);
    if (st == FDI_OK)
        fdi__fc_calibration_from_z(z, k, out);
    return st;
}
