/* decompose.c - classical decomposition, sample autocorrelation and the
 * seasonality test that ets and theta share.
 *
 * fdi__fc_decompose follows R's stats::decompose (R Core Team, src/library/
 * stats/R/decompose.R):
 *   trend   = filter(x, w, sides = 2), w = c(0.5, rep(1, m - 1), 0.5) / m
 *             for even m and rep(1, m) / m for odd m; the filter is applied
 *             as R's C routine cfilter does (sum of w[j] * x[i + m/2 - j],
 *             j = 0..len(w)-1), NA where the window leaves the series, which
 *             is the first and last m/2 points (integer division);
 *   season  = x - trend (additive) or x / trend (multiplicative);
 *   figure  = for each position i of the cycle (position 0 = the season of
 *             x[0], as R indexes seq(1, n, by = m) - 1 + i) the mean of
 *             season over the points where it is not NaN, then centred:
 *             figure - mean(figure) or figure / mean(figure).
 * R refuses fewer than 2 full periods; so do we (-1).
 *
 * fdi__fc_acf follows stats::acf(type = "correlation", demean = TRUE): the
 * autocovariance at lag k is sum_{t<n-k} (x_t - xbar)(x_{t+k} - xbar) / n,
 * the correlation is that over sqrt(c0) * sqrt(c0), clamped to [-1, 1]
 * (src/library/stats/src/filter.c, acf0).  A constant series has c0 = 0 and
 * gives NaN, as in R.  Lags >= n have no pairs: R's acf never reports them
 * (it caps lag.max at n - 1); we give 0.
 *
 * fdi__fc_seasonal_test is the 90% test of forecast::thetaf (Hyndman & Billah
 * 2003, after Assimakopoulos & Nikolopoulos 2000):
 *   if (m > 1 && !is.constant(x) && n > 2 * m) {   # all.equal, tol 1.5e-8
 *       r <- acf(x, lag.max = m)$acf[-1]
 *       stat <- sqrt((1 + 2 * sum(r[-m]^2)) / n)
 *       seasonal <- abs(r[m]) / stat > qnorm(0.95)
 *   } else seasonal <- FALSE
 */
#include "forecast/fc_internal.h"

#include <math.h>

/* qnorm(0.95) in R, printed with digits = 17 */
#define FC_QNORM_95 1.6448536269514722

/* The centred moving average at i as R's cfilter computes it, or NaN
 * where the filter window leaves the series. */
static double trend_at(const double *y, size_t n, int m, size_t i)
{
    size_t nf = (m % 2 == 0) ? (size_t)m + 1 : (size_t)m; /* filter length */
    size_t shift = nf / 2;
    double wmid = 1.0 / (double)m;
    double wend = (m % 2 == 0) ? 0.5 / (double)m : wmid;
    double z = 0.0;
    if (i + shift < nf - 1 || i + shift >= n)
        return (double)NAN;
    for (size_t j = 0; j < nf; j++) {
        double w = (j == 0 || j == nf - 1) ? wend : wmid;
        z += w * y[i + shift - j];
    }
    return z;
}

int fdi__fc_decompose(const double *y, size_t n, int m, int multiplicative,
                      double *figure, double *trend)
{
    double mean = 0.0;
    if (m < 1 || n < 2 * (size_t)m)
        return -1;
    if (trend)
        for (size_t i = 0; i < n; i++)
            trend[i] = trend_at(y, n, m, i);
    for (int p = 0; p < m; p++) {
        double sum = 0.0;
        size_t cnt = 0;
        for (size_t i = (size_t)p; i < n; i += (size_t)m) {
            double t = trend ? trend[i] : trend_at(y, n, m, i);
            double s = multiplicative ? y[i] / t : y[i] - t;
            if (!isnan(s)) {
                sum += s;
                cnt++;
            }
        }
        /* n >= 2m leaves n - 2(m/2) >= m trend points: every position has
         * one */
        figure[p] = cnt ? sum / (double)cnt : (double)NAN;
        mean += figure[p];
    }
    mean /= (double)m;
    for (int p = 0; p < m; p++)
        figure[p] = multiplicative ? figure[p] / mean : figure[p] - mean;
    return 0;
}

static double series_mean(const double *y, size_t n)
{
    double s = 0.0;
    for (size_t i = 0; i < n; i++)
        s += y[i];
    return s / (double)n;
}

/* Autocovariance at lag k of y about mean, denominator n (k < n). */
static double acov(const double *y, size_t n, double mean, size_t k)
{
    double s = 0.0;
    for (size_t i = 0; i + k < n; i++)
        s += (y[i + k] - mean) * (y[i] - mean);
    return s / (double)n;
}

static double acf_from(double ck, double c0)
{
    double se = sqrt(c0);
    double a = ck / (se * se);
    return a > 1.0 ? 1.0 : (a < -1.0 ? -1.0 : a); /* NaN stays NaN */
}

void fdi__fc_acf(const double *y, size_t n, int maxlag, double *r)
{
    double mean, c0;
    if (maxlag < 1)
        return;
    if (n == 0) {
        for (int k = 0; k < maxlag; k++)
            r[k] = (double)NAN;
        return;
    }
    mean = series_mean(y, n);
    c0 = acov(y, n, mean, 0);
    for (int k = 1; k <= maxlag; k++)
        r[k - 1] = (size_t)k < n ? acf_from(acov(y, n, mean, (size_t)k), c0) : 0.0;
}

/* forecast::is.constant: isTRUE(all.equal(x, rep(x[1], n))), i.e. over the
 * elements that differ from x[1], mean |x - x[1]| relative to mean |x|
 * (absolute when that mean is <= the tolerance) <= sqrt(DBL_EPSILON). */
static int nearly_constant(const double *y, size_t n)
{
    const double tol = 1.4901161193847656e-08; /* sqrt(.Machine$double.eps) */
    double sdiff = 0.0, sabs = 0.0, xy, scale;
    size_t cnt = 0;
    for (size_t i = 1; i < n; i++)
        if (y[i] != y[0]) {
            sdiff += fabs(y[i] - y[0]);
            sabs += fabs(y[i]);
            cnt++;
        }
    if (cnt == 0)
        return 1;
    xy = sdiff / (double)cnt;
    scale = sabs / (double)cnt;
    if (isfinite(scale) && scale > tol)
        xy /= scale;
    return xy <= tol;
}

int fdi__fc_seasonal_test(const double *y, size_t n, int m)
{
    double mean, c0, sumsq = 0.0, rm, stat;
    if (m <= 1 || n <= 2 * (size_t)m || nearly_constant(y, n))
        return 0;
    mean = series_mean(y, n);
    c0 = acov(y, n, mean, 0);
    for (int k = 1; k < m; k++) {
        double r = acf_from(acov(y, n, mean, (size_t)k), c0);
        sumsq += r * r;
    }
    rm = acf_from(acov(y, n, mean, (size_t)m), c0);
    stat = sqrt((1.0 + 2.0 * sumsq) / (double)n);
    return fabs(rm) / stat > FC_QNORM_95;
}
