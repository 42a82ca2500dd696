/* arima_kalman.c - the exact Gaussian likelihood of a stationary ARMA
 * process by the Kalman filter, as R's stats::arima computes it (Gardner,
 * Harvey & Phillips 1980; Harvey 1989, ch. 3; Durbin & Koopman 2012, 3.4).
 *
 * Harvey's state space form, r = max(np, nq + 1):
 *     x_{t+1} = T x_t + R e_{t+1},   w_t - mu = x_t[0]
 *     T = [phi | I_{r-1} over 0],    R = (1, theta_1, ..., theta_{r-1})'
 * The filter starts from x = 0 with the stationary covariance P0, the
 * solution of P0 = T P0 T' + R R' (found by doubling: P0 = sum_k T^k R R'
 * T'^k, two terms' worth of powers per step).  With s2 concentrated out
 * (R's ARIMA_Like), the innovations v_t with variances F_t s2 give
 *     objective = 0.5 (log(sum v^2/F / n) + sum log F / n),
 *     loglik    = -0.5 (n log(2 pi s2) + sum log F + n),  s2 = sum v^2/F / n.
 * Differencing is done before (arima_fit.c): R's diffuse prior on the
 * differencing states drops the first d + mD observations from the
 * likelihood, which gives the same figure up to its kappa = 1e6.
 */
#include "forecast/arima_internal.h"

#include <math.h>
#include <string.h>

#include <gsl/gsl_blas.h>

void fdi__arima_expand(arima_model *mod, const double *coef)
{
    const arima_order *o = &mod->o;
    int m = o->m > 1 ? o->m : 1;
    const double *ar = coef, *ma = coef + o->p, *sar = ma + o->q, *sma = sar + o->P;
    memset(mod->phi, 0, sizeof mod->phi);
    memset(mod->theta, 0, sizeof mod->theta);
    mod->np = o->p + m * o->P;
    mod->nq = o->q + m * o->Q;
    /* (1 - sum ar B^i)(1 - sum sar B^mj) = 1 - sum phi B^k */
    for (int i = 0; i < o->p; i++)
        mod->phi[i] += ar[i];
    for (int j = 0; j < o->P; j++) {
        mod->phi[(j + 1) * m - 1] += sar[j];
        for (int i = 0; i < o->p; i++)
            mod->phi[(j + 1) * m + i] -= ar[i] * sar[j];
    }
    /* (1 + sum ma B^i)(1 + sum sma B^mj) = 1 + sum theta B^k */
    for (int i = 0; i < o->q; i++)
        mod->theta[i] += ma[i];
    for (int j = 0; j < o->Q; j++) {
        mod->theta[(j + 1) * m - 1] += sma[j];
        for (int i = 0; i < o->q; i++)
            mod->theta[(j + 1) * m + i] += ma[i] * sma[j];
    }
    mod->r = mod->np > mod->nq + 1 ? mod->np : mod->nq + 1;
    mod->mu = o->constant ? coef[o->p + o->q + o->P + o->Q] : 0.0;
}

/* c = a b (bt: a b'), r x r row-major, by BLAS; c must not alias a or b. */
static void matmul(const double *a, const double *b, double *c, int r, int bt)
{
    size_t rr = (size_t)r;
    gsl_matrix_const_view A = gsl_matrix_const_view_array(a, rr, rr);
    gsl_matrix_const_view B = gsl_matrix_const_view_array(b, rr, rr);
    gsl_matrix_view C = gsl_matrix_view_array(c, rr, rr);
    gsl_blas_dgemm(CblasNoTrans, bt ? CblasTrans : CblasNoTrans, 1.0, &A.matrix, &B.matrix, 0.0,
                   &C.matrix);
}

/* P0 = T P0 T' + R R' by doubling; 0, or -1 when it does not converge
 * (a root on or inside the unit circle). */
static int stationary_cov(const arima_model *mod, double *P0)
{
    enum { RR = ARIMA_MAXR * ARIMA_MAXR };
    int r = mod->r;
    double A[RR], tmp[RR], tmp2[RR], Rv[ARIMA_MAXR];
    memset(A, 0, (size_t)(r * r) * sizeof *A);
    for (int i = 0; i < r; i++) {
        A[i * r] = i < mod->np ? mod->phi[i] : 0.0;
        if (i + 1 < r)
            A[i * r + i + 1] = 1.0;
        Rv[i] = i == 0 ? 1.0 : (i - 1 < mod->nq ? mod->theta[i - 1] : 0.0);
    }
    for (int i = 0; i < r; i++)
        for (int j = 0; j < r; j++)
            P0[i * r + j] = Rv[i] * Rv[j];
    for (int it = 0; it < 64; it++) {
        matmul(A, P0, tmp, r, 0);
        matmul(tmp, A, tmp2, r, 1); /* A P A' */
        double add = 0, tot = 0;
        for (int k = 0; k < r * r; k++) {
            P0[k] += tmp2[k];
            double x = fabs(tmp2[k]), y = fabs(P0[k]);
            add = x > add ? x : add;
            tot = y > tot ? y : tot;
        }
        if (!(tot < HUGE_VAL))
            return -1;
        if (add <= 1e-15 * tot)
            return 0;
        matmul(A, A, tmp, r, 0);
        memcpy(A, tmp, (size_t)(r * r) * sizeof *A);
    }
    return -1;
}

/* Pn = T P T' + R R' for the companion T (O(r^2)). */
static void predict_cov(const arima_model *mod, const double *P, double *Pn)
{
    enum { RR = ARIMA_MAXR * ARIMA_MAXR };
    int r = mod->r;
    double M[RR];
    for (int i = 0; i < r; i++) {
        double ph = i < mod->np ? mod->phi[i] : 0.0;
        for (int j = 0; j < r; j++)
            M[i * r + j] = ph * P[j] + (i + 1 < r ? P[(i + 1) * r + j] : 0.0);
    }
    for (int i = 0; i < r; i++) {
        double ri = i == 0 ? 1.0 : (i - 1 < mod->nq ? mod->theta[i - 1] : 0.0);
        for (int j = 0; j < r; j++) {
            double ph = j < mod->np ? mod->phi[j] : 0.0;
            double rj = j == 0 ? 1.0 : (j - 1 < mod->nq ? mod->theta[j - 1] : 0.0);
            Pn[i * r + j] = M[i * r] * ph + (j + 1 < r ? M[i * r + j + 1] : 0.0) + ri * rj;
        }
    }
}

/* One filter step after the prediction (an, Pn): the update of a and P;
 * v, F the innovation and its variance. */
static void update(int r, const double *an, const double *Pn, double v, double F, double *a,
                   double *P)
{
    for (int i = 0; i < r; i++)
        a[i] = an[i] + Pn[i * r] * v / F;
    for (int i = 0; i < r; i++)
        for (int j = 0; j < r; j++)
            P[i * r + j] = Pn[i * r + j] - Pn[i * r] * Pn[j] / F;
}

double fdi__arima_kalman(arima_model *mod, const double *w, size_t n, int keep,
                         double *ssq_out, double *sumlog_out)
{
    enum { RR = ARIMA_MAXR * ARIMA_MAXR };
    int r = mod->r, steady = 0;
    double P[RR], Pn[RR], a[ARIMA_MAXR], an[ARIMA_MAXR];
    if (stationary_cov(mod, Pn) != 0 || n == 0)
        return NAN;
    memset(a, 0, sizeof a);
    memset(an, 0, sizeof an);
    double ssq = 0, sumlog = 0, Fprev = NAN;
    for (size_t t = 0; t < n; t++) {
        if (t > 0) {
            for (int i = 0; i < r; i++)
                an[i] = (i < mod->np ? mod->phi[i] * a[0] : 0.0) + (i + 1 < r ? a[i + 1] : 0.0);
            if (!steady)
                predict_cov(mod, P, Pn);
        }
        double F = Pn[0], v = w[t] - mod->mu - an[0];
        if (!(F > 0) || !isfinite(v))
            return NAN;
        ssq += v * v / F;
        sumlog += log(F);
        if (steady) { /* the gain no longer changes: P stays as it is */
            for (int i = 0; i < r; i++)
                a[i] = an[i] + Pn[i * r] * v / F;
            continue;
        }
        update(r, an, Pn, v, F, a, P);
        /* F settles to 1 (times s2) once the past determines the state:
         * from there on P is the steady state (the filter's change in F
         * below 1e-12 changes the likelihood by far less than R's own
         * kappa = 1e6 does) */
        steady = fabs(F - Fprev) < 1e-12 && fabs(F - 1.0) < 1e-12;
        Fprev = F;
    }
    if (keep) {
        memcpy(mod->a, a, (size_t)r * sizeof *a);
        if (steady)
            update(r, an, Pn, 0.0, Pn[0], a, P);
        memcpy(mod->P, P, (size_t)(r * r) * sizeof *P);
    }
    if (ssq_out)
        *ssq_out = ssq;
    if (sumlog_out)
        *sumlog_out = sumlog;
    double nn = (double)n;
    return 0.5 * (log(ssq / nn) + sumlog / nn);
}

double fdi__arima_css(const arima_model *mod, const double *w, size_t n)
{
    size_t nc = (size_t)mod->np;
    if (n <= nc)
        return NAN;
    double ssq = 0;
    size_t nu = 0;
    double ring[ARIMA_MAXLAG + 1] = {0}; /* the last residuals */
    for (size_t l = nc; l < n; l++) {
        double v = w[l] - mod->mu;
        for (int j = 0; j < mod->np; j++)
            v -= mod->phi[j] * (w[l - (size_t)j - 1] - mod->mu);
        size_t since = l - nc;
        for (int j = 0; j < mod->nq && (size_t)j < since; j++)
            v -= mod->theta[j] * ring[(l - (size_t)j - 1) % (ARIMA_MAXLAG + 1)];
        ring[l % (ARIMA_MAXLAG + 1)] = v;
        ssq += v * v;
        nu++;
    }
    return 0.5 * log(ssq / (double)nu);
}
