/* arima_internal.h - what the ARIMA modules share: arima_kalman.c (the
 * state space form and the exact likelihood), arima_fit.c (estimation of
 * one order), arima_search.c (differencing tests and the stepwise order
 * search) and arima_forecast.c (forecasts, their error covariance, paths).
 *
 * The model, as R's stats::arima writes it:
 *     phi(B) Phi(B^m) (w_t - mu) = theta(B) Theta(B^m) e_t,   e_t ~ N(0, s2)
 *     w_t = (1 - B)^d (1 - B^m)^D y_t
 * mu is the mean (d + D = 0) or the drift's image on w (d + D = 1: drift
 * x 1 when d = 1, drift x m when D = 1), or 0.
 */
#ifndef FDI_ARIMA_INTERNAL_H
#define FDI_ARIMA_INTERNAL_H

#include <stddef.h>

#include "forecast/rng.h"

#include "fdi/error.h"

enum {
    ARIMA_MAX_M = 24,                     /* = FC_MAX_M */
    ARIMA_MAXLAG = 5 + 2 * ARIMA_MAX_M,   /* p + mP or q + mQ at most */
    ARIMA_MAXR = ARIMA_MAXLAG + 1,        /* state dimension at most */
    ARIMA_MAXPAR = 5 + 5 + 2 + 2 + 1,     /* ar, ma, sar, sma, constant */
    ARIMA_MAXDIFF = 2 + 2 * ARIMA_MAX_M   /* degree of (1-B)^d (1-B^m)^D */
};

typedef struct {
    int p, d, q, P, D, Q, m; /* m = 1: no seasonal part */
    int constant;            /* mu estimated (mean or drift) */
} arima_order;

typedef struct {
    arima_order o;
    double coef[ARIMA_MAXPAR]; /* ar[p], ma[q], sar[P], sma[Q], mu: R's order */
    int ncoef;
    /* expanded polynomials: w - mu = sum phi[i] (w - mu)_{t-1-i} + e_t
     * + sum theta[i] e_{t-1-i} */
    double phi[ARIMA_MAXLAG], theta[ARIMA_MAXLAG];
    int np, nq, r;            /* lengths of phi, theta; state dimension */
    double mu;
    double sigma2;             /* of the forecasts: ssq / (nw - ncoef) */
    double loglik, aic, aicc, bic;
    size_t nw;                /* observations of the differenced series */
    /* the end of the filter: state a_{n|n}, covariance P_{n|n} / s2 */
    double a[ARIMA_MAXR];
    double P[ARIMA_MAXR * ARIMA_MAXR];
    /* integration: delta[0..nd-1] with y_t = w_t + sum delta[i] y_{t-1-i},
     * last[] the last nd values of y (last[0] the most recent) */
    double delta[ARIMA_MAXDIFF], last[ARIMA_MAXDIFF];
    int nd;
} arima_model;

/* ---- arima_kalman.c ------------------------------------------------------ */

/* Expand coef (R's order) into phi, theta, mu, np, nq, r of mod (o set). */
void fdi__arima_expand(arima_model *mod, const double *coef);

/* The stationary covariance P0 = T P0 T' + R R' of mod's state (r x r,
 * row-major, s2 = 1) from the ARMA autocovariances; -1 when the AR part
 * is not stationary. */
int fdi__arima_stationary_cov(const arima_model *mod, double *P0);

/* Exact Gaussian likelihood of w[0..n-1] under mod's phi, theta, mu by the
 * Kalman filter (Chandrasekhar recursions) on Harvey's state space form,
 * started from the stationary state covariance.  Returns R's
 * concentrated objective 0.5 (log(ssq / n) + sumlog / n), or NaN when
 * the filter breaks down; *ssq, *sumlog (may be NULL) its parts.  keep
 * nonzero: mod->a and mod->P get the filtered end state. */
double fdi__arima_kalman(arima_model *mod, const double *w, size_t n, int keep,
                         double *ssq, double *sumlog);

/* R's conditional sum of squares objective 0.5 log(ssq / nu), the first
 * np values conditioned on (residuals before them taken as 0). */
double fdi__arima_css(const arima_model *mod, const double *w, size_t n);

/* ---- arima_fit.c ---------------------------------------------------------- */

/* Fit order o to y[0..n-1] as R's arima(method = "CSS-ML"): CSS start,
 * exact ML with the AR parts kept stationary (R's partrans), the MA parts
 * made invertible afterwards; fills mod including loglik, aic, aicc, bic
 * and the end state.  FDI_OK, FDI_ENODATA (too short, CSS gave a
 * non-stationary AR part, or the likelihood could not be evaluated),
 * FDI_ENOMEM. */
fdi_status fdi__arima_fit_order(const double *y, size_t n, const arima_order *o,
                                arima_model *mod);

/* auto.arima's check of a fitted model: 1 when a root of the AR or MA
 * polynomial lies within 1.01 of the unit circle. */
int fdi__arima_near_unit_root(const arima_model *mod);

/* mod->delta, nd and last from mod->o and y[0..n-1]. */
void fdi__arima_integration(arima_model *mod, const double *y, size_t n);

/* Apply (1-B)^d (1-B^m)^D to y: w[0..n - d - mD - 1]; returns its length. */
size_t fdi__arima_difference(const double *y, size_t n, int d, int D, int m, double *w);

/* ---- arima_search.c ------------------------------------------------------- */

/* R's forecast::auto.arima (stepwise): D by the seasonal strength test, d
 * by KPSS, then the stepwise search by AICc.  m = 1: non-seasonal. */
fdi_status fdi__arima_auto(const double *y, size_t n, int m, arima_model *best,
                           fdi_error *err);

/* KPSS level-stationarity statistic (urca::ur.kpss type "mu", lags
 * "short") and forecast::ndiffs's d: differences until it is below the 5%
 * critical value 0.463, at most max_d. */
double fdi__arima_kpss(const double *x, size_t n);
int fdi__arima_ndiffs(const double *x, size_t n, int max_d);

/* ---- arima_forecast.c ----------------------------------------------------- */

void fdi__arima_forecast(const arima_model *mod, size_t h, double *mean);
/* Covariance of the errors of steps 1..h (h x h, row-major) of y. */
void fdi__arima_error_cov(const arima_model *mod, size_t h, double *cov);
double fdi__arima_sum_variance(const arima_model *mod, size_t h);
/* npaths paths of h steps, path p at paths + p*h.  FDI_ENOMEM. */
fdi_status fdi__arima_simulate(const arima_model *mod, size_t h, size_t npaths, fdi__rng *rng,
                               double *paths);
/* "ARIMA(1,1,1)(0,1,1)[12] with drift" */
void fdi__arima_name(const arima_model *mod, char *buf, size_t size);

#endif
