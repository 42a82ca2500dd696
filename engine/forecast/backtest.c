/* backtest.c - replaying history to score the methods: year-end errors at
 * each cut-off month, interval coverage, and the classic h-step errors. */
#include "forecast/fc_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

/* mean |y_t - y_{t-m}| over y[0..n-1] (NaN pairs skipped); NaN if none */
static double seasonal_scale(const double *y, size_t n, int m)
{
    double s = 0;
    size_t k = 0;
    for (size_t t = (size_t)m; t < n; t++)
        if (!isnan(y[t]) && !isnan(y[t - (size_t)m])) {
            s += fabs(y[t] - y[t - (size_t)m]);
            k++;
        }
    return k ? s / (double)k : (double)NAN;
}

static void score(fdi_bt_accum *a, double actual, double fc, double scale,
                  double lo80, double hi80, double lo95, double hi95)
{
    a->count++;
    if (actual != 0) {
        a->ape += 100.0 * fabs(actual - fc) / fabs(actual);
        a->n_ape++;
    }
    double d = fabs(actual) + fabs(fc);
    a->sape += d > 0 ? 200.0 * fabs(actual - fc) / d : 0.0;
    if (scale > 0) {
        a->ase += fabs(actual - fc) / scale;
        a->n_ase++;
    }
    a->in80 += actual >= lo80 && actual <= hi80;
    a->in95 += actual >= lo95 && actual <= hi95;
}

/* The forecasts of one year (actual) at cut-off c (y[0..len-1] observed):
 * every method scored into acc and handed to each. */
static fdi_status replay_cutoff(const double *y, size_t len, int c, double actual,
                                const fdi_fc_method *methods, int nmethods,
                                const fdi_fc_config *base, size_t npaths, unsigned long seed,
                                fdi_bt_accum *acc, fdi__bt_case_fn each, void *ctx,
                                fdi_error *err)
{
    int m = base->m;
    double scale = seasonal_scale(y, len, m) * (double)(m - c);
    fdi_fc_config cc = *base;
    cc.pos = c;
    for (int k = 0; k < nmethods; k++) {
        fdi_yearend ye;
        fdi_error e2;
        fdi_status st = fdi_fc_yearend(methods[k], y, len, &cc, NAN, npaths, seed, &ye, &e2);
        fdi_bt_accum *a = &acc[(size_t)k * (size_t)(m + 1) + (size_t)c];
        fdi_bt_accum *all_c = &acc[(size_t)k * (size_t)(m + 1)];
        if (st == FDI_ENOMEM) {
            if (err)
                *err = e2;
            return st;
        }
        if (st != FDI_OK) {
            a->failed++;
            all_c->failed++;
        } else {
            score(a, actual, ye.point, scale, ye.lo80, ye.hi80, ye.lo95, ye.hi95);
            score(all_c, actual, ye.point, scale, ye.lo80, ye.hi80, ye.lo95, ye.hi95);
        }
        if (!each)
            continue;
        fdi__bt_case one = {len - 1, c, k, st, actual, NAN, NAN, NAN, NAN, NAN, NAN};
        if (st == FDI_OK) {
            one.ytd = ye.ytd;
            one.point = ye.point;
            one.lo80 = ye.lo80;
            one.hi80 = ye.hi80;
            one.lo95 = ye.lo95;
            one.hi95 = ye.hi95;
        }
        if ((st = each(ctx, &one, err)) != FDI_OK)
            return st;
    }
    return FDI_OK;
}

fdi_status fdi__fc_backtest_yearend_each(const double *y, size_t n, int first_pos,
                                         const fdi_fc_method *methods, int nmethods,
                                         const int *cutoffs, int ncutoffs, size_t from,
                                         const fdi_fc_config *base, size_t npaths,
                                         unsigned long seed, fdi_bt_accum *acc,
                                         fdi__bt_case_fn each, void *ctx, fdi_error *err)
{
    int m = base->m;
    if (m < 2 || first_pos < 0 || first_pos >= m)
        return fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0,
                             "year-end backtests need monthly or quarterly data");
    /* index of the first period of the first complete fiscal year */
    size_t y0 = first_pos ? (size_t)(m - first_pos) : 0;
    int all[FC_MAX_M];
    if (!cutoffs) {
        for (int c = 1; c < m; c++)
            all[c - 1] = c;
        cutoffs = all;
        ncutoffs = m - 1;
    }
    /* the year starting at index ys is scored when it is complete and a
     * complete year precedes it */
    for (size_t ys = y0 + (size_t)m; ys + (size_t)m <= n; ys += (size_t)m) {
        double actual = 0;
        int complete = 1;
        for (size_t t = ys - (size_t)m; t < ys + (size_t)m; t++)
            complete &= !isnan(y[t]);
        if (!complete || ys < from)
            continue;
        for (size_t t = ys; t < ys + (size_t)m; t++)
            actual += y[t];
        for (int ci = 0; ci < ncutoffs; ci++) {
            int c = cutoffs[ci];
            if (c < 1 || c >= m)
                continue;
            fdi_status st = replay_cutoff(y, ys + (size_t)c, c, actual, methods, nmethods, base,
                                          npaths, seed, acc, each, ctx, err);
            if (st != FDI_OK)
                return st;
        }
    }
    return FDI_OK;
}

fdi_status fdi_fc_backtest_yearend(const double *y, size_t n, int first_pos,
                                   const fdi_fc_method *methods, int nmethods,
                                   const int *cutoffs, int ncutoffs,
                                   size_t from, const fdi_fc_config *base,
                                   size_t npaths, unsigned long seed,
                                   fdi_bt_accum *acc, fdi_error *err)
{
    return fdi__fc_backtest_yearend_each(y, n, first_pos, methods, nmethods, cutoffs, ncutoffs,
                                         from, base, npaths, seed, acc, NULL, NULL, err);
}

fdi_status fdi_fc_backtest_horizon(const double *y, size_t n, int first_pos,
                                   const fdi_fc_method *methods, int nmethods,
                                   int h, const fdi_fc_config *base, size_t npaths,
                                   unsigned long seed, fdi_bt_accum *acc,
                                   fdi_error *err)
{
    int m = base->m;
    size_t H = (size_t)h;
    double *buf = malloc((npaths * H + npaths + H) * sizeof *buf);
    fdi__rng *rng = malloc(sizeof *rng);
    fdi_status st = FDI_OK;
    if (!buf || !rng) {
        st = fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
        goto out;
    }
    double *col = buf + npaths * H, *pt = col + npaths;
    for (size_t origin = 2 * (size_t)m; origin + H <= n; origin++) {
        int skip = 0;
        for (size_t t = 0; t < origin + H && !skip; t++)
            skip = isnan(y[t]) && t >= origin;
        if (skip)
            continue;
        double scale = seasonal_scale(y, origin, m);
        fdi_fc_config cc = *base;
        cc.pos = (int)(((size_t)first_pos + origin) % (size_t)m);
        for (int k = 0; k < nmethods; k++) {
            fdi_fc_fit *f;
            if (fdi_fc_fit_series(methods[k], y, origin, &cc, &f, NULL) != FDI_OK) {
                acc[k].failed++;
                continue;
            }
            fdi__rng_seed(rng, seed);
            fdi_fc_point(f, H, pt);
            st = fdi__fc_simulate_rng(f, H, npaths, rng, buf);
            fdi_fc_free(f);
            if (st != FDI_OK) {
                fdi_error_set(err, st, NULL, 0, 0, "out of memory");
                goto out;
            }
            for (size_t i = 0; i < H; i++) {
                for (size_t p = 0; p < npaths; p++)
                    col[p] = buf[p * H + i];
                gsl_sort(col, 1, npaths);
                score(&acc[k], y[origin + i], pt[i], scale,
                      gsl_stats_quantile_from_sorted_data(col, 1, npaths, 0.10),
                      gsl_stats_quantile_from_sorted_data(col, 1, npaths, 0.90),
                      gsl_stats_quantile_from_sorted_data(col, 1, npaths, 0.025),
                      gsl_stats_quantile_from_sorted_data(col, 1, npaths, 0.975));
            }
        }
    }
out:
    free(buf);
    free(rng);
    return st;
}
