/* yearend_model.c - the year-end distribution as the fitted model gives
 * it: the observed year to date plus each simulated path's months left,
 * summarised as mean, intervals and P(target); a lumpy history is fitted
 * with its mega months capped (lumpy.c), the year to date kept whole.  yearend.c widens it by the
 * series' own record (calibrate.c), which replays this same model: both
 * call here, so neither calls the other back. */
#include "forecast/fc_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

/* The usual monthly level: median of the last two years' absolute values
 * (no allocation: at most 2 x FC_MAX_M values). */
static double usual_level(const double *y, size_t before, int m)
{
    double v[2 * FC_MAX_M];
    size_t k = 0, want = 2 * (size_t)m;
    for (size_t t = before; t > 0 && k < want; t--)
        if (!isnan(y[t - 1]))
            v[k++] = fabs(y[t - 1]);
    if (k < (size_t)m)
        return NAN;
    gsl_sort(v, 1, k);
    return gsl_stats_median_from_sorted_data(v, 1, k);
}

/* out->ytd, out->left and the small-base note, or why there is no year to
 * date to start from. */
static fdi_status observed(const double *y, size_t n, const fdi_fc_config *c, fdi_yearend *out,
                           fdi_error *err)
{
    size_t pos = (size_t)c->pos;
    double ytd = 0;
    if (c->m < 1 || c->pos < 1 || c->pos > c->m || pos > n)
        return fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0,
                             "position %d in a year of %d periods with %zu observed",
                             c->pos, c->m, n);
    for (size_t t = n - pos; t < n; t++) {
        if (isnan(y[t]))
            return fdi_error_set(err, FDI_ENODATA, NULL, 0, 0,
                                 "period %zu of the year has no value: the year to "
                                 "date is incomplete (--fill zero counts it as 0)",
                                 t - (n - pos) + 1);
        ytd += y[t];
    }
    out->ytd = ytd;
    out->left = c->m - c->pos;
    /* "6x in February": a year to date of one or two months (months, not
     * periods: one year of annual data is twelve), or small against the
     * series' usual level, is a weak base */
    double usual = usual_level(y, n - pos, c->m);
    int months = c->m <= 12 ? c->pos * (12 / c->m) : c->pos;
    if (months <= 2 || (usual > 0 && fabs(ytd) / (double)pos < usual / 3))
        out->notes |= FDI_FC_NOTE_SMALL_BASE;
    return FDI_OK;
}

/* The year is complete: its total is known. */
static void complete_year(fdi_fc_method method, double target, fdi_yearend *out)
{
    double ytd = out->ytd;
    out->mean = out->point = out->lo80 = out->hi80 = out->lo95 = out->hi95 = ytd;
    for (int k = 0; k < 4; k++)
        out->lo[k] = out->hi[k] = ytd;
    out->var_analytic = 0;
    out->used = method;
    snprintf(out->label, sizeof out->label, "observed");
    if (!isnan(target))
        out->p_target = ytd >= target ? 1.0 : 0.0;
}

/* Point forecast, analytic variance and the simulated totals of fit f. */
static fdi_status simulate(const fdi_fc_fit *f, size_t left, size_t npaths, unsigned long seed,
                           double *keep, fdi_yearend *out, double *tot, fdi_error *err)
{
    double *paths = malloc((npaths * left + left) * sizeof *paths);
    fdi__rng *rng = malloc(sizeof *rng);
    fdi_status st = FDI_ENOMEM;
    if (paths && rng) {
        double *pt = paths + npaths * left;
        fdi__rng_seed(rng, seed);
        fdi_fc_point(f, left, pt);
        out->point = out->ytd;
        for (size_t i = 0; i < left; i++) {
            out->point += pt[i];
            if (i < sizeof out->months / sizeof out->months[0])
                out->months[i] = pt[i];
        }
        out->var_analytic = fdi_fc_sum_variance(f, left);
        st = fdi__fc_simulate_rng(f, left, npaths, rng, paths);
    }
    if (st == FDI_OK) {
        if (keep)
            memcpy(keep, paths, npaths * left * sizeof *paths);
        for (size_t p = 0; p < npaths; p++) {
            double s = out->ytd;
            for (size_t i = 0; i < left; i++)
                s += paths[p * left + i];
            tot[p] = s;
        }
        out->mean = gsl_stats_mean(tot, 1, npaths);
        out->widen = out->widen95 = 1.0;
    } else {
        fdi_error_set(err, st, NULL, 0, 0, "out of memory");
    }
    free(paths);
    free(rng);
    return st;
}

fdi_status fdi__fc_yearend_model(fdi_fc_method method, const double *y, size_t n,
                                 const fdi_fc_config *c, double target, size_t npaths,
                                 unsigned long seed, double *keep, fdi_yearend *out,
                                 double *tot, int *nonneg, fdi_error *err)
{
    memset(out, 0, sizeof *out);
    out->p_target = out->var_analytic = NAN;
    fdi_status st = observed(y, n, c, out, err);
    if (st != FDI_OK)
        return st;
    if (out->left == 0) { /* nothing to forecast */
        complete_year(method, target, out);
        return FDI_OK;
    }
    fdi_fc_config cc = *c;
    cc.pos = c->pos % c->m;
    fdi_fc_fit *f;
    double *capped; /* the history with its mega months capped (lumpy.c) */
    if ((st = fdi__fc_lumpy_history(y, n, c->m, &capped, err)) != FDI_OK)
        return st;
    if (capped)
        out->notes |= FDI_FC_NOTE_LUMPY_CAPPED;
    st = fdi_fc_fit_series(method, capped ? capped : y, n, &cc, &f, err);
    free(capped);
    if (st != FDI_OK)
        return st;
    out->used = f->used;
    out->notes |= f->notes;
    memcpy(out->label, f->label, sizeof out->label);
    memcpy(out->explain, f->explain, sizeof out->explain);
    *nonneg = out->nonneg = f->nonneg;
    st = simulate(f, (size_t)out->left, npaths, seed, keep, out, tot, err);
    fdi_fc_free(f);
    return st;
}

double fdi__fc_tail_factor(const fdi_yearend *out, double level)
{
    if (!(out->widen > 0) || !(out->widen95 > 0) || level <= 80.0)
        return 1.0;
    double r = out->widen95 / out->widen, w = level >= 95.0 ? 1.0 : (level - 80.0) / 15.0;
    return 1.0 + w * (r - 1.0);
}

/* The interval at `level` percent of the sorted totals: the quantiles, and
 * beyond 80% moved from the mean by the tail factor (never below the year
 * to date for a series that cannot go negative). */
static void bounds(const fdi_yearend *out, const double *tot, size_t npaths, double level,
                   double *lo, double *hi)
{
    double a = (1.0 - level / 100.0) / 2.0, f = fdi__fc_tail_factor(out, level);
    *lo = gsl_stats_quantile_from_sorted_data(tot, 1, npaths, a);
    *hi = gsl_stats_quantile_from_sorted_data(tot, 1, npaths, 1.0 - a);
    if (f == 1.0)
        return;
    *lo = out->mean + f * (*lo - out->mean);
    *hi = out->mean + f * (*hi - out->mean);
    if (out->nonneg && *lo < out->ytd)
        *lo = out->ytd;
}

void fdi__fc_yearend_summarise(fdi_yearend *out, double *tot, size_t npaths, double target,
                               const fdi_fc_config *c)
{
    size_t hit = 0;
    for (size_t p = 0; p < npaths; p++)
        hit += tot[p] >= target;
    out->sd = gsl_stats_sd_m(tot, 1, npaths, out->mean);
    gsl_sort(tot, 1, npaths);
    bounds(out, tot, npaths, 80.0, &out->lo80, &out->hi80);
    bounds(out, tot, npaths, 95.0, &out->lo95, &out->hi95);
    for (int k = 0; k < c->nlevels && k < 4; k++)
        bounds(out, tot, npaths, c->levels[k], &out->lo[k], &out->hi[k]);
    if (!isnan(target))
        out->p_target = (double)hit / (double)npaths;
}
