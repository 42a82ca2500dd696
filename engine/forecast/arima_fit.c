/* arima_fit.c - estimating one seasonal ARIMA order as R's
 * stats::arima(method = "CSS-ML") does (R Core; Ripley 2002, "Time series
 * in R 1.5.0", R News 2/2):
 *   1. difference: w = (1-B)^d (1-B^m)^D y; the constant mu starts at
 *      mean(w) (R: lm on the differenced regressor);
 *   2. conditional sum of squares from all-zero ARMA coefficients (BFGS);
 *      a CSS estimate with a non-stationary AR part is refused, as R does;
 *   3. exact maximum likelihood (arima_kalman.c) from the CSS estimate,
 *      each AR part (non-seasonal, seasonal) mapped through R's partrans
 *      (tanh of partial autocorrelations, then Durbin-Levinson) so that it
 *      stays stationary; the MA parts are made invertible at the start and
 *      at the end by R's maInvert (roots inside the unit circle flipped).
 * The minimiser is GSL's BFGS (vector_bfgs2) on central-difference
 * gradients, where R uses optim's BFGS; both stop at the same optimum to
 * well within the 1e-3 the tests ask (tests/test_fc_arima.c).
 * Information criteria as forecast::auto.arima: npar = coefficients + 1
 * (s2), aic = -2 loglik + 2 npar, aicc = aic + 2 npar (npar + 1) /
 * (nw - npar - 1), bic = aic + npar (log nw - 2).
 */
#include "forecast/arima_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_poly.h>

size_t fdi__arima_difference(const double *y, size_t n, int d, int D, int m, double *w)
{
    memcpy(w, y, n * sizeof *w);
    size_t len = n;
    for (int k = 0; k < D; k++) {
        if (len <= (size_t)m)
            return 0;
        for (size_t t = len; t-- > (size_t)m;)
            w[t] -= w[t - (size_t)m];
        memmove(w, w + m, (len - (size_t)m) * sizeof *w);
        len -= (size_t)m;
    }
    for (int k = 0; k < d; k++) {
        if (len <= 1)
            return 0;
        for (size_t t = len; t-- > 1;)
            w[t] -= w[t - 1];
        memmove(w, w + 1, (len - 1) * sizeof *w);
        len--;
    }
    return len;
}

/* Roots of 1 + c[0] z + ... + c[k-1] z^k (trailing zeros dropped) into z
 * (re, im pairs); their count, 0 when none, -1 on failure. */
static int poly_roots(const double *c, int k, double *z)
{
    while (k > 0 && c[k - 1] == 0.0)
        k--;
    if (k == 0)
        return 0;
    double a[ARIMA_MAXLAG + 1];
    a[0] = 1.0;
    memcpy(a + 1, c, (size_t)k * sizeof *c);
    gsl_poly_complex_workspace *ws = gsl_poly_complex_workspace_alloc((size_t)k + 1);
    if (!ws)
        return -1;
    int st = gsl_poly_complex_solve(a, (size_t)k + 1, ws, z);
    gsl_poly_complex_workspace_free(ws);
    return st == GSL_SUCCESS ? k : -1;
}

/* Smallest root modulus of 1 + sign * sum c z^i (HUGE_VAL: no root). */
static double min_root(const double *c, int k, double sign, double tiny)
{
    double s[ARIMA_MAXLAG], z[2 * ARIMA_MAXLAG];
    for (int i = 0; i < k; i++)
        s[i] = fabs(c[i]) > tiny ? sign * c[i] : 0.0;
    int nr = poly_roots(s, k, z);
    if (nr < 0)
        return 0.0;
    double mn = HUGE_VAL;
    for (int i = 0; i < nr; i++)
        mn = fmin(mn, hypot(z[2 * i], z[2 * i + 1]));
    return mn;
}

int fdi__arima_near_unit_root(const arima_model *mod)
{
    return min_root(mod->phi, mod->np, -1.0, 1e-8) < 1.01 ||
           min_root(mod->theta, mod->nq, 1.0, 1e-8) < 1.01;
}

/* R's maInvert: the MA polynomial with its roots inside the unit circle
 * replaced by their inverses. */
static void ma_invert(double *ma, int q)
{
    double z[2 * ARIMA_MAXLAG];
    int nr = poly_roots(ma, q, z);
    if (nr <= 0)
        return;
    int inside = 0;
    for (int i = 0; i < nr; i++)
        inside |= hypot(z[2 * i], z[2 * i + 1]) < 1.0;
    if (!inside)
        return;
    /* x(B) = prod (1 - B / root): complex coefficients, real at the end */
    double xr[ARIMA_MAXLAG + 1] = {1.0}, xi[ARIMA_MAXLAG + 1] = {0.0};
    for (int k = 0; k < nr; k++) {
        double re = z[2 * k], im = z[2 * k + 1], m2 = re * re + im * im;
        if (sqrt(m2) < 1.0) { /* 1/root */
            re = re / m2;
            im = -im / m2;
            m2 = re * re + im * im;
        }
        double ir = re / m2, ii = -im / m2; /* 1/root */
        for (int j = k + 1; j > 0; j--) {
            double pr = xr[j - 1] * ir - xi[j - 1] * ii, pi = xr[j - 1] * ii + xi[j - 1] * ir;
            xr[j] -= pr;
            xi[j] -= pi;
        }
    }
    for (int i = 0; i < q; i++)
        ma[i] = i < nr ? xr[i + 1] : 0.0;
}

/* R's partrans: unconstrained raw[0..p-1] to a stationary AR part. */
static void partrans(int p, const double *raw, double *out)
{
    double work[ARIMA_MAXLAG];
    for (int j = 0; j < p; j++)
        work[j] = out[j] = tanh(raw[j]);
    for (int j = 1; j < p; j++) {
        double a = out[j];
        for (int k = 0; k < j; k++)
            work[k] -= a * out[j - k - 1];
        memcpy(out, work, (size_t)j * sizeof *out);
    }
}

/* R's invpartrans, the inverse; -1 when phi is not stationary. */
static int invpartrans(int p, const double *phi, double *raw)
{
    double work[ARIMA_MAXLAG], cur[ARIMA_MAXLAG];
    memcpy(cur, phi, (size_t)p * sizeof *phi);
    for (int j = p - 1; j > 0; j--) {
        double a = cur[j];
        if (fabs(a) >= 1.0)
            return -1;
        for (int k = 0; k < j; k++)
            work[k] = (cur[k] + a * cur[j - k - 1]) / (1 - a * a);
        memcpy(cur, work, (size_t)j * sizeof *cur);
    }
    for (int j = 0; j < p; j++) {
        if (fabs(cur[j]) >= 1.0)
            return -1;
        raw[j] = atanh(cur[j]);
    }
    return 0;
}

/* What the objective needs: the series, the model being fitted, the mode
 * (CSS or ML) and the scaling of the constant. */
typedef struct {
    const double *w;
    size_t n;
    arima_model *mod;
    int ml;
    double mu0, mu_scale;
} fit_ctx;

/* Optimiser coordinates to R's coefficients. */
static void to_coef(const fit_ctx *fc, const double *x, double *coef)
{
    const arima_order *o = &fc->mod->o;
    int k = o->p + o->q + o->P + o->Q;
    memcpy(coef, x, (size_t)k * sizeof *x);
    if (fc->ml) {
        partrans(o->p, x, coef);
        partrans(o->P, x + o->p + o->q, coef + o->p + o->q);
    }
    if (o->constant)
        coef[k] = fc->mu0 + x[k] * fc->mu_scale;
}

static double objective(const gsl_vector *v, void *arg)
{
    fit_ctx *fc = arg;
    double coef[ARIMA_MAXPAR];
    to_coef(fc, v->data, coef);
    fdi__arima_expand(fc->mod, coef);
    double f = fc->ml ? fdi__arima_kalman(fc->mod, fc->w, fc->n, 0, NULL, NULL)
                      : fdi__arima_css(fc->mod, fc->w, fc->n);
    return isfinite(f) ? f : 1e10;
}

static void gradient(const gsl_vector *v, void *arg, gsl_vector *g)
{
    double x[ARIMA_MAXPAR];
    gsl_vector_view xv = gsl_vector_view_array(x, v->size);
    memcpy(x, v->data, v->size * sizeof *x);
    for (size_t i = 0; i < v->size; i++) {
        double h = 1e-4, x0 = x[i];
        x[i] = x0 + h;
        double fp = objective(&xv.vector, arg);
        x[i] = x0 - h;
        double fm = objective(&xv.vector, arg);
        x[i] = x0;
        gsl_vector_set(g, i, (fp - fm) / (2 * h));
    }
}

static void both(const gsl_vector *v, void *arg, double *f, gsl_vector *g)
{
    *f = objective(v, arg);
    gradient(v, arg, g);
}

/* BFGS from x (k coordinates; x gets the minimum).  FDI_OK or FDI_ENOMEM. */
static fdi_status minimise(fit_ctx *fc, double *x, size_t k)
{
    if (k == 0)
        return FDI_OK;
    gsl_multimin_function_fdf fn = {objective, gradient, both, k, fc};
    gsl_multimin_fdfminimizer *s =
        gsl_multimin_fdfminimizer_alloc(gsl_multimin_fdfminimizer_vector_bfgs2, k);
    if (!s)
        return FDI_ENOMEM;
    gsl_vector_view xv = gsl_vector_view_array(x, k);
    gsl_multimin_fdfminimizer_set(s, &fn, &xv.vector, 0.01, 0.1);
    for (int it = 0; it < 200; it++) {
        if (gsl_multimin_fdfminimizer_iterate(s) != GSL_SUCCESS)
            break;
        if (gsl_multimin_test_gradient(s->gradient, 1e-4) == GSL_SUCCESS)
            break;
    }
    memcpy(x, s->x->data, k * sizeof *x);
    gsl_multimin_fdfminimizer_free(s);
    return FDI_OK;
}

void fdi__arima_integration(arima_model *mod, const double *y, size_t n)
{
    const arima_order *o = &mod->o;
    double poly[ARIMA_MAXDIFF + 1] = {1.0}; /* Delta(B) = 1 - sum delta B^i */
    int deg = 0;
    for (int k = 0; k < o->d + o->D; k++) {
        int lag = k < o->d ? 1 : o->m;
        for (int i = deg + lag; i >= lag; i--)
            poly[i] -= poly[i - lag];
        deg += lag;
    }
    mod->nd = deg;
    for (int i = 0; i < deg; i++) {
        mod->delta[i] = -poly[i + 1];
        mod->last[i] = y[n - 1 - (size_t)i];
    }
}

/* The CSS stage: x gets the CSS estimate (untransformed). */
static fdi_status css_stage(fit_ctx *fc, double *x, size_t k)
{
    fc->ml = 0;
    memset(x, 0, k * sizeof *x);
    fdi_status st = minimise(fc, x, k);
    if (st != FDI_OK)
        return st;
    const arima_order *o = &fc->mod->o;
    double s[ARIMA_MAXLAG];
    for (int i = 0; i < o->p; i++)
        s[i] = x[i];
    if (min_root(s, o->p, -1.0, 0.0) <= 1.0)
        return FDI_ENODATA; /* R: "non-stationary AR part from CSS" */
    for (int i = 0; i < o->P; i++)
        s[i] = x[o->p + o->q + i];
    if (min_root(s, o->P, -1.0, 0.0) <= 1.0)
        return FDI_ENODATA;
    /* to the ML coordinates */
    double raw[ARIMA_MAXLAG];
    if (invpartrans(o->p, x, raw) != 0)
        return FDI_ENODATA;
    memcpy(x, raw, (size_t)o->p * sizeof *x);
    if (invpartrans(o->P, x + o->p + o->q, raw) != 0)
        return FDI_ENODATA;
    memcpy(x + o->p + o->q, raw, (size_t)o->P * sizeof *x);
    ma_invert(x + o->p, o->q);
    ma_invert(x + o->p + o->q + o->P, o->Q);
    return FDI_OK;
}

/* The ML estimate from x, the fit's statistics and its end state. */
static fdi_status ml_stage(fit_ctx *fc, double *x, size_t k)
{
    arima_model *mod = fc->mod;
    const arima_order *o = &mod->o;
    fc->ml = 1;
    fdi_status st = minimise(fc, x, k);
    if (st != FDI_OK)
        return st;
    double coef[ARIMA_MAXPAR];
    to_coef(fc, x, coef);
    ma_invert(coef + o->p, o->q);
    ma_invert(coef + o->p + o->q + o->P, o->Q);
    fdi__arima_expand(mod, coef);
    double ssq, sumlog;
    double obj = fdi__arima_kalman(mod, fc->w, fc->n, 1, &ssq, &sumlog);
    if (!isfinite(obj))
        return FDI_ENODATA;
    memcpy(mod->coef, coef, sizeof coef);
    double nw = (double)fc->n, npar = (double)mod->ncoef + 1;
    /* the likelihood's s2 is ssq / nw; forecasts use auto.arima's
     * ssq / (nw - coefficients) */
    mod->loglik = -0.5 * (nw * log(2 * M_PI * ssq / nw) + sumlog + nw);
    mod->sigma2 = ssq / (nw - (double)mod->ncoef);
    mod->aic = -2 * mod->loglik + 2 * npar;
    mod->aicc = nw - npar - 1 > 0 ? mod->aic + 2 * npar * (npar + 1) / (nw - npar - 1)
                                  : HUGE_VAL;
    mod->bic = mod->aic + npar * (log(nw) - 2);
    return FDI_OK;
}

fdi_status fdi__arima_fit_order(const double *y, size_t n, const arima_order *o,
                                arima_model *mod)
{
    memset(mod, 0, sizeof *mod);
    mod->o = *o;
    if (o->m < 1 || o->m > ARIMA_MAX_M || (o->m == 1 && (o->P || o->Q || o->D)))
        return FDI_EUSAGE;
    double *w = malloc((n ? n : 1) * sizeof *w);
    if (!w)
        return FDI_ENOMEM;
    size_t nw = fdi__arima_difference(y, n, o->d, o->D, o->m, w);
    size_t k = (size_t)(o->p + o->q + o->P + o->Q);
    mod->ncoef = (int)k + (o->constant ? 1 : 0);
    fit_ctx fc = {w, nw, mod, 0, 0.0, 1.0};
    fdi_status st = FDI_ENODATA;
    if (nw > (size_t)(o->p + o->m * o->P) + k + 1) {
        if (o->constant) {
            double s = 0, ss = 0;
            for (size_t t = 0; t < nw; t++)
                s += w[t];
            fc.mu0 = s / (double)nw;
            for (size_t t = 0; t < nw; t++)
                ss += (w[t] - fc.mu0) * (w[t] - fc.mu0);
            double se = sqrt(ss / (double)(nw - 1) / (double)nw);
            fc.mu_scale = se > 0 ? 10 * se : 1.0;
        }
        double x[ARIMA_MAXPAR] = {0};
        size_t kk = k + (o->constant ? 1 : 0);
        st = css_stage(&fc, x, kk);
        if (st == FDI_OK)
            st = ml_stage(&fc, x, kk);
    }
    mod->nw = nw;
    if (st == FDI_OK)
        fdi__arima_integration(mod, y, n);
    free(w);
    return st;
}
