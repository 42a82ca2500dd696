/* arima_kalman.c - the exact Gaussian likelihood of a stationary ARMA
 * process by the Kalman filter, as R's stats::arima computes it (Gardner,
 * Harvey & Phillips 1980; Harvey 1989, ch. 3; Durbin & Koopman 2012, 3.4).
 *
 * Harvey's state space form, r = max(np, nq + 1):
 *     x_{t+1} = T x_t + R e_{t+1},   w_t - mu = x_t[0]
 *     T = [phi | I_{r-1} over 0],    R = (1, theta_1, ..., theta_{r-1})'
 * The filter starts from x = 0 with the stationary covariance P0, the
 * solution of P0 = T P0 T' + R R'.  P0 comes from the autocovariances
 * gamma(0..r) of the ARMA process (Brockwell & Davis 1991, 3.3: a linear
 * system of np + 1 equations for gamma(0..np), then the AR recursion) and
 * the psi weights: its first row is cov(w_t, x_t[j]) = sum_{l >= 0}
 * (phi_{j+l} gamma(l+1) + R_{j+l} psi_l), and the rest follows from the
 * equation itself, P0[i][j] = phi_i phi_j P0[0][0] + phi_i P0[0][j+1] +
 * phi_j P0[i+1][0] + P0[i+1][j+1] + R_i R_j, from the bottom right up:
 * O(r^2) after the O(np^3) solve.
 *
 * The filter runs on the Chandrasekhar recursions (Morf, Sidhu & Kailath
 * 1974; Harvey 1989, 3.3.4): the predicted covariances P_t change by a
 * matrix of rank one, dP_t = P_{t+1} - P_t = M_t W_t W_t', because the
 * start is stationary (dP_1 = -T g g' T' / F_1).  With g_t = P_t Z' (Z =
 * e_1), F_t = g_t[0]:
 *     g_{t+1} = g_t + M_t W_t[0] W_t,        F_{t+1} = g_{t+1}[0],
 *     W_{t+1} = T (W_t - W_t[0] g_t / F_t),  M_{t+1} = M_t F_t / F_{t+1},
 * O(r) a step where the Riccati recursion for P is O(r^2).
 * With s2 concentrated out (R's ARIMA_Like), the innovations v_t with
 * variances F_t s2 give
 *     objective = 0.5 (log(sum v^2/F / n) + sum log F / n),
 *     loglik    = -0.5 (n log(2 pi s2) + sum log F + n),  s2 = sum v^2/F / n.
 * Differencing is done before (arima_fit.c): R's diffuse prior on the
 * differencing states drops the first d + mD observations from the
 * likelihood, which gives the same figure up to its kappa = 1e6.
 */
#include "forecast/arima_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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

/* phi and R = (1, theta) padded with zeros to the state dimension r. */
static void padded(const arima_model *mod, double *ph, double *rv)
{
    for (int i = 0; i < mod->r; i++) {
        ph[i] = i < mod->np ? mod->phi[i] : 0.0;
        rv[i] = i == 0 ? 1.0 : (i - 1 < mod->nq ? mod->theta[i - 1] : 0.0);
    }
}

/* Solve A x = b (k x k, row-major, both overwritten; x into b) by Gaussian
 * elimination with partial pivoting; -1 when A is singular. */
static int solve(double *A, double *b, int k)
{
    for (int c = 0; c < k; c++) {
        int piv = c;
        for (int i = c + 1; i < k; i++)
            if (fabs(A[i * k + c]) > fabs(A[piv * k + c]))
                piv = i;
        if (!(fabs(A[piv * k + c]) > 1e-300))
            return -1;
        if (piv != c) {
            for (int j = 0; j < k; j++) {
                double t = A[c * k + j];
                A[c * k + j] = A[piv * k + j];
                A[piv * k + j] = t;
            }
            double t = b[c];
            b[c] = b[piv];
            b[piv] = t;
        }
        for (int i = c + 1; i < k; i++) {
            double f = A[i * k + c] / A[c * k + c];
            for (int j = c; j < k; j++)
                A[i * k + j] -= f * A[c * k + j];
            b[i] -= f * b[c];
        }
    }
    for (int c = k - 1; c >= 0; c--) {
        for (int j = c + 1; j < k; j++)
            b[c] -= A[c * k + j] * b[j];
        b[c] /= A[c * k + c];
    }
    return 0;
}

/* psi[0..r-1] (the MA(infinity) weights) and gamma[0..r] (the
 * autocovariances, s2 = 1) of the ARMA part; -1 when the AR part has a
 * unit root (the system is singular) or gamma(0) is not positive. */
static int autocov(const arima_model *mod, const double *ph, const double *rv, double *psi,
                   double *gamma)
{
    enum { K = ARIMA_MAXLAG + 1 };
    int r = mod->r, np = mod->np, nq = mod->nq, k = np + 1;
    double A[K * K], rhs[ARIMA_MAXR + 1];
    for (int j = 0; j < r; j++) {
        psi[j] = rv[j];
        for (int i = 1; i <= j && i <= np; i++)
            psi[j] += ph[i - 1] * psi[j - i];
    }
    for (int j = 0; j <= r; j++) { /* sum_{l=j}^{nq} R_l psi_{l-j} */
        rhs[j] = 0.0;
        for (int l = j; l <= nq; l++)
            rhs[j] += rv[l] * psi[l - j];
    }
    memset(A, 0, (size_t)(k * k) * sizeof *A);
    for (int i = 0; i < k; i++) {
        A[i * k + i] += 1.0;
        for (int j = 1; j <= np; j++)
            A[i * k + abs(i - j)] -= ph[j - 1];
        gamma[i] = rhs[i];
    }
    if (solve(A, gamma, k) != 0 || !(gamma[0] > 0) || !(gamma[0] < HUGE_VAL))
        return -1;
    for (int j = k; j <= r; j++) {
        gamma[j] = rhs[j];
        for (int i = 1; i <= np; i++)
            gamma[j] += ph[i - 1] * gamma[j - i];
    }
    return 0;
}

int fdi__arima_stationary_cov(const arima_model *mod, double *P0)
{
    int r = mod->r;
    double ph[ARIMA_MAXR], rv[ARIMA_MAXR], psi[ARIMA_MAXR], gamma[ARIMA_MAXR + 1];
    double c[ARIMA_MAXR + 1];
    padded(mod, ph, rv);
    if (autocov(mod, ph, rv, psi, gamma) != 0)
        return -1;
    c[0] = gamma[0];
    c[r] = 0.0;
    for (int j = 1; j < r; j++) {
        c[j] = 0.0;
        for (int l = 0; j + l < r; l++)
            c[j] += ph[j + l] * gamma[l + 1] + rv[j + l] * psi[l];
    }
    for (int j = 0; j < r; j++)
        P0[j] = P0[j * r] = c[j];
    for (int i = r - 1; i >= 1; i--)
        for (int j = r - 1; j >= i; j--) {
            double below = i + 1 < r && j + 1 < r ? P0[(i + 1) * r + j + 1] : 0.0;
            double v = ph[i] * ph[j] * c[0] + ph[i] * c[j + 1] + ph[j] * c[i + 1] + below +
                       rv[i] * rv[j];
            P0[i * r + j] = P0[j * r + i] = v;
        }
    for (int i = 0; i < r; i++)
        if (!(P0[i * r + i] >= 0) || !(P0[i * r + i] < HUGE_VAL))
            return -1;
    return 0;
}

/* y = T x for the companion T: y[i] = phi_i x[0] + x[i+1]. */
static void times_T(int r, const double *ph, const double *x, double *y)
{
    double x0 = x[0];
    for (int i = 0; i + 1 < r; i++)
        y[i] = ph[i] * x0 + x[i + 1];
    y[r - 1] = ph[r - 1] * x0;
}

/* The filter's state: predicted a, g = P Z', the rank-one change M W W'
 * of P, and (keep) P itself. */
typedef struct {
    int r;
    double ph[ARIMA_MAXR], rv[ARIMA_MAXR];
    double a[ARIMA_MAXR], g[ARIMA_MAXR], W[ARIMA_MAXR], M;
    double *P; /* NULL unless the end state is kept */
} chandra;

/* After observing v with variance F: the next prediction. */
static void advance(chandra *k, double v, double F)
{
    int r = k->r;
    double af[ARIMA_MAXR], u[ARIMA_MAXR], c = k->W[0], Fn = F + k->M * c * c;
    for (int i = 0; i < r; i++) {
        af[i] = k->a[i] + k->g[i] * v / F;
        u[i] = k->W[i] - c * k->g[i] / F;
    }
    times_T(r, k->ph, af, k->a);
    if (k->P)
        for (int i = 0; i < r; i++)
            for (int j = 0; j < r; j++)
                k->P[i * r + j] += k->M * k->W[i] * k->W[j];
    for (int i = 0; i < r; i++)
        k->g[i] += k->M * c * k->W[i];
    times_T(r, k->ph, u, k->W);
    k->M *= F / Fn;
}

double fdi__arima_kalman(arima_model *mod, const double *w, size_t n, int keep,
                         double *ssq_out, double *sumlog_out)
{
    enum { RR = ARIMA_MAXR * ARIMA_MAXR };
    int r = mod->r;
    double P[RR];
    chandra k = {.r = r};
    if (n == 0 || fdi__arima_stationary_cov(mod, P) != 0)
        return NAN;
    padded(mod, k.ph, k.rv);
    for (int i = 0; i < r; i++)
        k.g[i] = P[i * r];
    memset(k.a, 0, sizeof k.a);
    times_T(r, k.ph, k.g, k.W);
    k.M = -1.0 / k.g[0];
    k.P = keep ? P : NULL;
    double ssq = 0, sumlog = 0, F = 0, v = 0;
    for (size_t t = 0; t < n; t++) {
        if (t > 0)
            advance(&k, v, F);
        F = k.g[0];
        v = w[t] - mod->mu - k.a[0];
        if (!(F > 0) || !isfinite(v))
            return NAN;
        ssq += v * v / F;
        sumlog += log(F);
    }
    if (keep) { /* the filtered end state: a + g v / F, P - g g' / F */
        for (int i = 0; i < r; i++) {
            mod->a[i] = k.a[i] + k.g[i] * v / F;
            for (int j = 0; j < r; j++)
                mod->P[i * r + j] = P[i * r + j] - k.g[i] * k.g[j] / F;
        }
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
