/* theta.c - the Theta method (Assimakopoulos & Nikolopoulos 2000) in its
 * equivalent form, simple exponential smoothing with drift (Hyndman &
 * Billah 2003), as R's forecast::thetaf computes it:
 *   1. when the 90% seasonality test says so (and the data are positive),
 *      divide out a classical multiplicative decomposition;
 *   2. fit SES (ETS(A,N,N)) to the adjusted series;
 *   3. add half the slope b of a straight line fitted to it:
 *      f_h = ses_h + b/2 * ((h - 1) + (1 - (1 - alpha)^n) / alpha);
 *   4. multiply the season back in.
 * Sample paths: SES paths plus the same drift, re-seasonalised.
 */
#include "forecast/fc_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

fdi_status fdi__fc_fit_theta(fdi_fc_fit *f, const double *y, size_t n, fdi_error *err)
{
    int m = f->m;
    double *x = malloc(n * sizeof *x);
    if (!x)
        return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    memcpy(x, y, n * sizeof *x);
    for (int j = 0; j < FC_MAX_M; j++)
        f->season_fc[j] = 1.0;
    f->seasonal_adjusted = 0;
    int positive = 1;
    for (size_t t = 0; t < n; t++)
        if (!(y[t] > 0))
            positive = 0;
    if (m > 1 && positive && fdi__fc_seasonal_test(y, n, m)) {
        double fig[FC_MAX_M];
        int tiny = 0;
        if (fdi__fc_decompose(y, n, m, 1, fig, NULL) == 0) {
            for (int j = 0; j < m; j++)
                if (fabs(fig[j]) < 1e-4)
                    tiny = 1; /* R: indexes near zero, use plain theta */
            if (!tiny) {
                for (size_t t = 0; t < n; t++)
                    x[t] = y[t] / fig[t % (size_t)m];
                for (int j = 0; j < m; j++)
                    f->season_fc[j] = fig[(n + (size_t)j) % (size_t)m];
                f->seasonal_adjusted = 1;
            }
        }
    }
    fdi_status st = fdi__ets_fit(x, n, 1, "ANN", &f->ets, err);
    if (st == FDI_OK) {
        /* slope of the least-squares line on 0..n-1 */
        double sx = 0, sy = 0, sxx = 0, sxy = 0, nn = (double)n;
        for (size_t t = 0; t < n; t++) {
            double tv = (double)t;
            sx += tv;
            sy += x[t];
            sxx += tv * tv;
            sxy += tv * x[t];
        }
        double den = nn * sxx - sx * sx;
        f->drift = den != 0 ? 0.5 * (nn * sxy - sx * sy) / den : 0.0;
        f->theta_alpha = fmax(1e-10, f->ets.alpha);
    }
    free(x);
    return st;
}

/* the part of the drift that does not grow with the step */
static double drift_start(const fdi_fc_fit *f)
{
    double a = f->theta_alpha;
    return (1 - pow(1 - a, (double)f->n)) / a;
}

/* drift added at step h (1-based), from drift_start */
static double theta_drift(const fdi_fc_fit *f, size_t h, double start)
{
    return f->drift * ((double)(h - 1) + start);
}

void fdi__fc_point_theta(const fdi_fc_fit *f, size_t h, double *mean)
{
    double start = drift_start(f);
    fdi__ets_forecast(&f->ets, h, mean);
    for (size_t i = 0; i < h; i++)
        mean[i] = (mean[i] + theta_drift(f, i + 1, start)) *
                  f->season_fc[i % (size_t)(f->m > 0 ? f->m : 1)];
}

void fdi__fc_simulate_theta(const fdi_fc_fit *f, size_t h, fdi__rng *rng, double *path)
{
    double start = drift_start(f); /* once a path, not once a step: the pow
                                      was a tenth of M3's coverage paths */
    fdi__ets_simulate(&f->ets, h, rng, path);
    for (size_t i = 0; i < h; i++)
        path[i] = (path[i] + theta_drift(f, i + 1, start)) *
                  f->season_fc[i % (size_t)(f->m > 0 ? f->m : 1)];
}
