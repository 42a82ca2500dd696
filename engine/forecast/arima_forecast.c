/* arima_forecast.c - forecasts of a fitted ARIMA and the joint
 * distribution of their errors (as R's predict.Arima / KalmanForecast).
 *
 * The ARMA part runs on from the filtered end state: a_{n+i} = T^i a_n,
 * w_{n+i} = mu + a_{n+i}[0].  Its errors E_i = x_{n+i} - a_{n+i} have
 * P_i = T P_{i-1} T' + R R' (P_0 = P_{n|n}) and Cov(E_i, E_j) = P_i T'^{j-i}
 * for i <= j, times s2.  The series integrates w: y_t = w_t + sum delta_k
 * y_{t-1-k}, so its error at step h is sum_k c_{h-k} e^w_k with c the
 * coefficients of 1/Delta(B) (the psi weights of the differencing), and
 * Cov(y errors) = C Cov(w errors) C'.  The variance of a year-end sum is
 * 1' Cov 1; sample paths are the forecasts plus L z, L the Cholesky
 * factor of that covariance and z standard normal.
 */
#include "forecast/arima_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>

void fdi__arima_forecast(const arima_model *mod, size_t h, double *mean)
{
    double a[ARIMA_MAXR], hist[ARIMA_MAXDIFF];
    int r = mod->r, nd = mod->nd;
    memcpy(a, mod->a, sizeof a);
    memcpy(hist, mod->last, sizeof hist); /* hist[0]: the latest y */
    for (size_t i = 0; i < h; i++) {
        double a0 = a[0];
        for (int k = 0; k < r; k++)
            a[k] = (k < mod->np ? mod->phi[k] * a0 : 0.0) + (k + 1 < r ? a[k + 1] : 0.0);
        double y = mod->mu + a[0];
        for (int k = 0; k < nd; k++)
            y += mod->delta[k] * hist[k];
        if (nd > 0) {
            memmove(hist + 1, hist, (size_t)(nd - 1) * sizeof *hist);
            hist[0] = y;
        }
        mean[i] = y;
    }
}

/* P <- T P T' + R R' for the companion T, in place. */
static void step_cov(const arima_model *mod, double *P)
{
    enum { RR = ARIMA_MAXR * ARIMA_MAXR };
    int r = mod->r;
    double M[RR], Rv[ARIMA_MAXR], ph[ARIMA_MAXR];
    for (int i = 0; i < r; i++) {
        ph[i] = i < mod->np ? mod->phi[i] : 0.0;
        Rv[i] = i == 0 ? 1.0 : (i - 1 < mod->nq ? mod->theta[i - 1] : 0.0);
    }
    for (int i = 0; i < r; i++)
        for (int j = 0; j < r; j++)
            M[i * r + j] = ph[i] * P[j] + (i + 1 < r ? P[(i + 1) * r + j] : 0.0);
    for (int i = 0; i < r; i++)
        for (int j = 0; j < r; j++)
            P[i * r + j] = M[i * r] * ph[j] + (j + 1 < r ? M[i * r + j + 1] : 0.0) + Rv[i] * Rv[j];
}

/* Covariance of the w errors of steps 1..h (unit s2) into sw (h x h). */
static void w_error_cov(const arima_model *mod, size_t h, double *sw)
{
    enum { RR = ARIMA_MAXR * ARIMA_MAXR };
    int r = mod->r;
    double P[RR], u[ARIMA_MAXR], u0;
    memcpy(P, mod->P, (size_t)(r * r) * sizeof *P);
    for (size_t i = 0; i < h; i++) {
        step_cov(mod, P);
        for (int k = 0; k < r; k++)
            u[k] = P[k * r];
        sw[i * h + i] = u[0];
        for (size_t j = i + 1; j < h; j++) {
            u0 = u[0];
            for (int k = 0; k < r; k++)
                u[k] = (k < mod->np ? mod->phi[k] * u0 : 0.0) + (k + 1 < r ? u[k + 1] : 0.0);
            sw[i * h + j] = sw[j * h + i] = u[0];
        }
    }
}

void fdi__arima_error_cov(const arima_model *mod, size_t h, double *cov)
{
    double *sw = malloc(2 * h * h * sizeof *sw + h * sizeof *sw);
    if (!sw) {
        for (size_t i = 0; i < h * h; i++)
            cov[i] = NAN;
        return;
    }
    double *tmp = sw + h * h, *c = tmp + h * h;
    w_error_cov(mod, h, sw);
    for (size_t j = 0; j < h; j++) { /* 1 / Delta(B) */
        c[j] = j == 0 ? 1.0 : 0.0;
        for (int k = 0; k < mod->nd && (size_t)k < j; k++)
            c[j] += mod->delta[k] * c[j - 1 - (size_t)k];
    }
    /* tmp = C sw, cov = tmp C', C[i][k] = c[i - k] for k <= i */
    for (size_t i = 0; i < h; i++)
        for (size_t j = 0; j < h; j++) {
            double s = 0;
            for (size_t k = 0; k <= i; k++)
                s += c[i - k] * sw[k * h + j];
            tmp[i * h + j] = s;
        }
    for (size_t i = 0; i < h; i++)
        for (size_t j = 0; j < h; j++) {
            double s = 0;
            for (size_t k = 0; k <= j; k++)
                s += tmp[i * h + k] * c[j - k];
            cov[i * h + j] = s * mod->sigma2;
        }
    free(sw);
}

double fdi__arima_sum_variance(const arima_model *mod, size_t h)
{
    if (h == 0)
        return 0.0;
    double *cov = malloc(h * h * sizeof *cov);
    if (!cov)
        return NAN;
    fdi__arima_error_cov(mod, h, cov);
    double s = 0;
    for (size_t i = 0; i < h * h; i++)
        s += cov[i];
    free(cov);
    return s;
}

/* cov gets the lower Cholesky factor of the error covariance of steps
 * 1..h: nudged on its diagonal when numerically semi-definite (a step
 * known exactly), independent steps as a last resort. */
static void chol_factor(const arima_model *mod, size_t h, double *cov)
{
    gsl_matrix_view L = gsl_matrix_view_array(cov, h, h);
    fdi__arima_error_cov(mod, h, cov);
    double jitter = 0;
    for (size_t i = 0; i < h; i++)
        jitter += cov[i * h + i];
    jitter = jitter / (double)h * 1e-12;
    if (gsl_linalg_cholesky_decomp1(&L.matrix) == GSL_SUCCESS)
        return;
    fdi__arima_error_cov(mod, h, cov);
    for (size_t i = 0; i < h; i++)
        cov[i * h + i] += jitter;
    if (gsl_linalg_cholesky_decomp1(&L.matrix) == GSL_SUCCESS)
        return;
    fdi__arima_error_cov(mod, h, cov);
    for (size_t i = 0; i < h * h; i++)
        cov[i] = i % (h + 1) == 0 ? sqrt(fmax(cov[i], 0.0)) : 0.0;
}

fdi_status fdi__arima_simulate(const arima_model *mod, size_t h, size_t npaths, fdi__rng *rng,
                               double *paths)
{
    if (h == 0)
        return FDI_OK;
    double *cov = malloc((h * h + 2 * h) * sizeof *cov);
    if (!cov)
        return FDI_ENOMEM;
    double *mean = cov + h * h, *z = mean + h;
    fdi__arima_forecast(mod, h, mean);
    chol_factor(mod, h, cov);
    for (size_t p = 0; p < npaths; p++) {
        for (size_t i = 0; i < h; i++)
            z[i] = fdi__rng_gaussian(rng, 1.0);
        for (size_t i = 0; i < h; i++) {
            double s = mean[i];
            for (size_t k = 0; k <= i; k++)
                s += cov[i * h + k] * z[k];
            paths[p * h + i] = s;
        }
    }
    free(cov);
    return FDI_OK;
}

void fdi__arima_name(const arima_model *mod, char *buf, size_t size)
{
    const arima_order *o = &mod->o;
    int len = snprintf(buf, size, "ARIMA(%d,%d,%d)", o->p, o->d, o->q);
    if (len > 0 && (size_t)len < size && o->m > 1 && (o->P || o->D || o->Q))
        len += snprintf(buf + len, size - (size_t)len, "(%d,%d,%d)[%d]", o->P, o->D, o->Q,
                        o->m);
    if (len > 0 && (size_t)len < size && o->constant)
        snprintf(buf + len, size - (size_t)len, "%s",
                 o->d + o->D == 0 ? " with mean" : " with drift");
}
