/* simple.c - the forecasts an analyst does by hand: run rate, seasonal
 * shares, seasonal naive; and their sample paths.
 *
 * y[0..n-1] are flows, oldest first; m periods a year; pos periods of the
 * current fiscal year observed at the end (0 = the last observation closed
 * a year), so the current year starts at y[n - pos] and past year j
 * (j = 1, 2, ...) occupies y[n - pos - j m .. n - pos - (j - 1) m).
 *
 * runrate   level = ytd / pos per period (pos = 0: the mean of the last m
 *           values); every step forecasts level.  With fewer than pos
 *           observations (a series born this year) the mean of what there is.
 * seasonal  over the last k_years past years (skipping those whose total is
 *           <= 0 or tiny against the year's absolute flows), the share each
 *           position held of its year's total, averaged; the year total
 *           T = ytd / (sum of the shares of positions 0..pos-1), or the
 *           mean of the used years' totals when pos = 0 or that share sum is
 *           not positive; step h forecasts T * share[(pos + h - 1) mod m].
 * snaive    step h forecasts the value m periods before it (cyclically
 *           beyond a year); sigma = sqrt(mean((y_t - y_{t-m})^2)), the
 *           residual sd of R's forecast::snaive (lagwalk, no drift).
 *
 * Sample paths.  snaive: point + independent N(0, sigma^2 (1 + floor((h -
 * 1) / m))) per step, the variance of the h-step snaive forecast (Hyndman &
 * Athanasopoulos, FPP3 5.5).  runrate and seasonal have no model, so their
 * uncertainty is measured, not assumed: at fit time the method is rerun at
 * the same cut-off (pos periods into the year) in each past year that has
 * the history the method needs, and the errors (actual - forecast) of that
 * year's remaining m - pos periods, divided by the year's mean |value|, are
 * kept (f->err, nerr vectors).  With at least FC_MIN_ERR_YEARS of them a path is point + err_scale x one stored
 * vector drawn at random (a fresh one every m - pos steps beyond the year)
 * + N(0, (s / 4)^2) jitter per step, s the RMS of all stored errors times
 * err_scale, so a handful of past years does not give a handful of atoms.
 * err_scale is the mean |value| of the last m observations: the errors
 * scale with the series' current level.
 * With fewer (or none), the paths are point + N(0, sd^2) per step, sd the
 * sample sd of the last m values (half the level when that is 0); the
 * year-end calibration (calibrate.c) then widens them as any method's.
 */
#include "forecast/fc_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* A year total at or below FC_TINY x the year's sum of |flows| is zero:
 * its shares would be noise. */
#define FC_TINY 1e-9

/* Past years whose errors the paths of runrate and seasonal draw from: with
 * fewer, one or two error vectors are one or two atoms and the interval
 * the width of the jitter (one past year gave the Hai Phong run rate an
 * 80% interval of 3,692 to 3,716 that covered none of the year-ends `fdi
 * backtest` replays), so the paths are the fallback normal instead. */
enum { FC_MIN_ERR_YEARS = 3 };

static fdi_status check_shape(const fdi_fc_fit *f, size_t n)
{
    if (f->m < 1 || f->m > FC_MAX_M || f->pos < 0 || f->pos >= f->m)
        return FDI_EUSAGE;
    return n == 0 ? FDI_ENODATA : FDI_OK;
}

static void start_fit(fdi_fc_fit *f, fdi_fc_method used, size_t n)
{
    f->used = used;
    f->n = n;
    if (n < 2 * (size_t)f->m)
        f->notes |= FDI_FC_NOTE_SHORT;
}

static double mean_abs(const double *y, size_t n)
{
    double s = 0.0;
    for (size_t i = 0; i < n; i++)
        s += fabs(y[i]);
    return n ? s / (double)n : 0.0;
}

/* Sample sd (denominator k - 1) of y[0..k-1]; 0 for k < 2. */
static double sample_sd(const double *y, size_t k)
{
    double mean = 0.0, ss = 0.0;
    if (k < 2)
        return 0.0;
    for (size_t i = 0; i < k; i++)
        mean += y[i];
    mean /= (double)k;
    for (size_t i = 0; i < k; i++)
        ss += (y[i] - mean) * (y[i] - mean);
    return sqrt(ss / (double)(k - 1));
}

/* The per-step sd of the paths when no past year could be replayed: the
 * sample sd of the last min(n, m) values; when that is 0 (one value, or a
 * flat stretch), half the per-period level, |per_period| / 2, so a flat
 * short history does not claim certainty. */
static double fallback_sd(const double *y, size_t n, int m, double per_period)
{
    size_t k = n < (size_t)m ? n : (size_t)m;
    double sd = sample_sd(y + (n - k), k);
    return sd > 0.0 ? sd : 0.5 * fabs(per_period);
}

/* ---- the methods standing after y[0..n-1] ------------------------------- */

static double runrate_level(const double *y, size_t n, int m, int pos)
{
    size_t k = (size_t)(pos > 0 ? pos : m);
    double s = 0.0;
    if (k > n)
        k = n;
    for (size_t i = n - k; i < n; i++)
        s += y[i];
    return s / (double)k;
}

/* Year total, average shares and years used; FDI_ENODATA when no past year
 * is complete or none has a usable total. */
static fdi_status seasonal_core(const double *y, size_t n, int m, int pos,
                                int k_years, double *total, double *shares,
                                int *used)
{
    size_t mm = (size_t)m, p = (size_t)pos;
    double tsum = 0.0, ytd = 0.0, ssum = 0.0;
    int u = 0;
    for (size_t i = 0; i < mm; i++)
        shares[i] = 0.0;
    for (int j = 1; j <= k_years; j++) {
        size_t back = p + (size_t)j * mm;
        const double *yr;
        double t = 0.0, a = 0.0;
        if (back > n)
            break;
        yr = y + (n - back);
        for (size_t i = 0; i < mm; i++) {
            t += yr[i];
            a += fabs(yr[i]);
        }
        if (!(t > FC_TINY * a)) /* <= 0, tiny, or all zero */
            continue;
        for (size_t i = 0; i < mm; i++)
            shares[i] += yr[i] / t;
        tsum += t;
        u++;
    }
    if (u == 0)
        return FDI_ENODATA;
    for (size_t i = 0; i < mm; i++)
        shares[i] /= (double)u;
    for (size_t i = 0; i < p; i++) {
        ytd += y[n - p + i];
        ssum += shares[i];
    }
    *total = (p > 0 && ssum > FC_TINY) ? ytd / ssum : tsum / (double)u;
    *used = u;
    return FDI_OK;
}

/* ---- empirical errors ---------------------------------------------------- */

/* Replay the method at the cut-off of each past year that has the history
 * it needs and keep the scaled errors of the rest of that year.  k_years:
 * seasonal's, 0 for runrate. */
static fdi_status store_errors(fdi_fc_fit *f, const double *y, size_t n,
                               int k_years)
{
    size_t mm = (size_t)f->m, p = (size_t)f->pos, len = mm - p;
    size_t nyears = (n - (n < p ? n : p)) / mm, cnt = 0;
    double *err;
    free(f->err); /* NULL in a fresh fit; a refit must not leak */
    f->err = NULL;
    f->nerr = 0;
    f->err_scale = mean_abs(y + (n - (n < mm ? n : mm)), n < mm ? n : mm);
    if (nyears == 0)
        return FDI_OK;
    err = malloc(nyears * len * sizeof *err);
    if (!err)
        return FDI_ENOMEM;
    for (size_t j = 1; j <= nyears; j++) {
        size_t start = n - p - j * mm, cut = start + p;
        double scale = mean_abs(y + start, mm), level = 0.0;
        double sh[FC_MAX_M];
        int used;
        if (!(scale > 0.0))
            continue;
        if (f->used == FDI_FC_SEASONAL) {
            if (seasonal_core(y, cut, f->m, f->pos, k_years, &level, sh,
                              &used) != FDI_OK)
                continue; /* no usable year before this one */
        } else {
            if (p == 0 && start < mm)
                continue; /* pos 0: the run rate needs the year before */
            level = runrate_level(y, cut, f->m, f->pos);
        }
        for (size_t i = 0; i < len; i++) {
            double fc = f->used == FDI_FC_SEASONAL ? level * sh[p + i] : level;
            err[cnt * len + i] = (y[cut + i] - fc) / scale;
        }
        cnt++;
    }
    if (cnt == 0) {
        free(err);
        return FDI_OK;
    }
    f->err = err;
    f->nerr = cnt;
    return FDI_OK;
}

/* ---- fitting ------------------------------------------------------------- */

fdi_status fdi__fc_fit_runrate(fdi_fc_fit *f, const double *y, size_t n)
{
    fdi_status st = check_shape(f, n);
    if (st != FDI_OK)
        return st;
    start_fit(f, FDI_FC_RUNRATE, n);
    f->level = runrate_level(y, n, f->m, f->pos);
    /* f->sigma: the per-step sd of the paths when no past year replays */
    f->sigma = fallback_sd(y, n, f->m, f->level);
    snprintf(f->label, sizeof f->label, "runrate");
    return store_errors(f, y, n, 0);
}

fdi_status fdi__fc_fit_seasonal(fdi_fc_fit *f, const double *y, size_t n, int k_years)
{
    int used = 0;
    fdi_status st = check_shape(f, n);
    if (st != FDI_OK)
        return st;
    if (k_years < 1)
        k_years = 3;
    st = seasonal_core(y, n, f->m, f->pos, k_years, &f->level, f->shares, &used);
    if (st != FDI_OK)
        return st;
    start_fit(f, FDI_FC_SEASONAL, n);
    /* per-period level for the fallback: the year total over m */
    f->sigma = fallback_sd(y, n, f->m, f->level / (double)f->m);
    snprintf(f->label, sizeof f->label, "seasonal k=%d", used);
    return store_errors(f, y, n, k_years);
}

fdi_status fdi__fc_fit_snaive(fdi_fc_fit *f, const double *y, size_t n)
{
    size_t mm = (size_t)f->m;
    double ss = 0.0;
    fdi_status st = check_shape(f, n);
    if (st != FDI_OK)
        return st;
    if (n < mm)
        return FDI_ENODATA;
    start_fit(f, FDI_FC_SNAIVE, n);
    for (size_t i = 0; i < mm; i++)
        f->last[i] = y[n - mm + i];
    for (size_t t = mm; t < n; t++)
        ss += (y[t] - y[t - mm]) * (y[t] - y[t - mm]);
    if (n > mm) {
        f->sigma = sqrt(ss / (double)(n - mm));
    } else {
        /* one year: no seasonal difference; R gives NaN.  The spread of
         * the year instead, or half its mean level when it is flat. */
        double mean = 0.0;
        for (size_t i = 0; i < mm; i++)
            mean += f->last[i];
        f->sigma = fallback_sd(y, n, f->m, mean / (double)mm);
    }
    snprintf(f->label, sizeof f->label, "snaive");
    return FDI_OK;
}

/* ---- forecasting --------------------------------------------------------- */

/* Point forecast of step i + 1. */
static double point_at(const fdi_fc_fit *f, size_t i)
{
    size_t mm = (size_t)f->m;
    switch (f->used) {
    case FDI_FC_SEASONAL:
        return f->level * f->shares[((size_t)f->pos + i) % mm];
    case FDI_FC_SNAIVE:
        return f->last[i % mm];
    default:
        return f->level;
    }
}

void fdi__fc_point_simple(const fdi_fc_fit *f, size_t h, double *mean)
{
    for (size_t i = 0; i < h; i++)
        mean[i] = point_at(f, i);
}

fdi_status fdi__fc_simulate_simple(const fdi_fc_fit *f, size_t h, size_t npaths,
                                   fdi__rng *rng, double *paths)
{
    size_t mm = (size_t)f->m;
    if (f->used == FDI_FC_SNAIVE) {
        for (size_t p = 0; p < npaths; p++)
            for (size_t i = 0; i < h; i++) {
                double sd = f->sigma * sqrt(1.0 + (double)(i / mm));
                paths[p * h + i] = point_at(f, i) + fdi__rng_gaussian(rng, sd);
            }
        return FDI_OK;
    }
    if (f->nerr >= FC_MIN_ERR_YEARS && f->err) {
        size_t len = mm - (size_t)f->pos, k = 0;
        double ss = 0.0, jitter;
        for (size_t i = 0; i < f->nerr * len; i++)
            ss += f->err[i] * f->err[i];
        jitter = 0.25 * sqrt(ss / (double)(f->nerr * len)) * f->err_scale;
        for (size_t p = 0; p < npaths; p++)
            for (size_t i = 0; i < h; i++) {
                double e;
                if (i % len == 0)
                    k = (size_t)fdi__rng_uniform_int(rng, (unsigned long)f->nerr);
                e = f->err[k * len + i % len];
                paths[p * h + i] = point_at(f, i) + f->err_scale * e +
                                   fdi__rng_gaussian(rng, jitter);
            }
        return FDI_OK;
    }
    for (size_t p = 0; p < npaths; p++)
        for (size_t i = 0; i < h; i++)
            paths[p * h + i] = point_at(f, i) + fdi__rng_gaussian(rng, f->sigma);
    return FDI_OK;
}
