/* ets_core.c - the ETS recursions: one-step forecasts, state updates, the
 * likelihood pass over the data, point forecasts, simulation and the
 * analytic variances of the linear models.
 *
 * The equations are those of Hyndman, Koehler, Snyder & Grose (2002) in the
 * form R's forecast package computes them (etscalc.c there): the state
 * update is written in terms of the observation, so it is the same for
 * additive and multiplicative errors; the error form only changes the
 * residual and the likelihood.  Seasonal states: s[0] is the most recent,
 * s[m-1] the one that applies to the next period.
 */
#include "forecast/ets_internal.h"

#include <math.h>
#include <string.h>


enum { ETS_NA_TREND = -99999 };
static const double ets_tol = 1.0e-10, ets_huge = 1.0e10;

/* Step-h forecasts from one state (h <= ETS_MAX_H per call is not
 * required: the loop is open-ended). */
static void forecast_from(const ets_state *x, const ets_spec *sp, int m,
                          double phi, size_t h, double *f)
{
    double phistar = phi;
    for (size_t i = 0; i < h; i++) {
        double v;
        if (sp->trend == ETS_N)
            v = x->l;
        else if (sp->trend == ETS_A)
            v = x->l + phistar * x->b;
        else if (x->b < 0)
            v = ETS_NA_TREND;
        else
            v = x->l * pow(x->b, phistar);
        if (sp->season != ETS_N) {
            long j = (long)m - 1 - (long)(i % (size_t)m);
            if (sp->season == ETS_A)
                v += x->s[j];
            else
                v *= x->s[j];
        }
        f[i] = v;
        if (i + 1 < h)
            phistar += fabs(phi - 1.0) < ets_tol ? 1.0 : pow(phi, (double)(i + 1));
    }
}

void fdi__ets_state_update(ets_state *x, const ets_spec *sp, int m,
                           const ets_params *p, double y)
{
    double oldl = x->l, oldb = x->b, q, phib = 0, pv;
    if (sp->trend == ETS_N) {
        q = oldl;
    } else if (sp->trend == ETS_A) {
        phib = p->phi * oldb;
        q = oldl + phib;
    } else {
        phib = pow(oldb, p->phi);
        q = oldl * phib;
    }
    double olds = sp->season != ETS_N ? x->s[m - 1] : 0.0;
    if (sp->season == ETS_N)
        pv = y;
    else if (sp->season == ETS_A)
        pv = y - olds;
    else
        pv = fabs(olds) < ets_tol ? ets_huge : y / olds;
    x->l = q + p->alpha * (pv - q);
    if (sp->trend != ETS_N) {
        double r;
        if (sp->trend == ETS_A)
            r = x->l - oldl;
        else
            r = fabs(oldl) < ets_tol ? ets_huge : x->l / oldl;
        x->b = phib + (p->beta / p->alpha) * (r - phib);
    }
    if (sp->season != ETS_N) {
        double t;
        if (sp->season == ETS_A)
            t = y - q;
        else
            t = fabs(q) < ets_tol ? ets_huge : y / q;
        memmove(x->s + 1, x->s, (size_t)(m - 1) * sizeof x->s[0]);
        x->s[0] = olds + p->gamma * (t - olds);
    }
}

/* The likelihood pass is where fitting spends its time (every objective
 * evaluation runs it), so it is written out here rather than calling
 * forecast_from and fdi__ets_state_update: the same operations in the same
 * order, with the seasonal states in a ring (no shifting) and the level
 * forecast computed once for the forecast and the update.  fdi__ets_pass below
 * instantiates it for each kind of model.  ets_lanes.c repeats it lane by
 * lane for fitting: a change here must be made there too (test_fc_lanes
 * compares the two bit for bit). */
static inline __attribute__((always_inline)) double
pass_as(const double *y, size_t n, const ets_kind trend, const ets_kind season,
        const int merr, int m, const ets_params *p, ets_state *x, double *resid,
        double *sse_out)
{
    const double alpha = p->alpha, beta = p->beta, gamma = p->gamma, phi = p->phi;
    const double ba = trend != ETS_N ? beta / alpha : 0.0;
    double l = x->l, b = x->b, ring[FC_MAX_M];
    int o = 0; /* ring[o] is the oldest season, the one the next period uses */
    if (season != ETS_N)
        for (int i = 0; i < m; i++)
            ring[i] = x->s[m - 1 - i];
    /* sum log|f| as the log of a running product, renormalised rarely */
    double sse = 0, prod = 1.0, logsum = 0;
    for (size_t i = 0; i < n; i++) {
        double q, phib = 0;
        if (trend == ETS_N) {
            q = l;
        } else if (trend == ETS_A) {
            phib = phi * b;
            q = l + phib;
        } else {
            if (b < 0)
                return NAN; /* a multiplicative trend gone negative */
            phib = pow(b, phi);
            q = l * phib;
        }
        double olds = season != ETS_N ? ring[o] : 0.0;
        double f = season == ETS_N ? q : season == ETS_A ? q + olds : q * olds;
        double yi = y[i];
        double e = merr ? (yi - f) / f : yi - f;
        if (resid)
            resid[i] = e;
        sse += e * e;
        if (merr) {
            prod *= fabs(f);
            if (prod > 1e250 || prod < 1e-250) {
                logsum += log(prod);
                prod = 1.0;
            }
        }
        double pv = season == ETS_N ? yi
                    : season == ETS_A ? yi - olds
                    : (fabs(olds) < ets_tol ? ets_huge : yi / olds);
        double ln = q + alpha * (pv - q);
        if (trend != ETS_N) {
            double r = trend == ETS_A ? ln - l : (fabs(l) < ets_tol ? ets_huge : ln / l);
            b = phib + ba * (r - phib);
        }
        if (season != ETS_N) {
            double t = season == ETS_A ? yi - q : (fabs(q) < ets_tol ? ets_huge : yi / q);
            ring[o] = olds + gamma * (t - olds);
            o = o + 1 == m ? 0 : o + 1;
        }
        l = ln;
    }
    x->l = l;
    x->b = b;
    if (season != ETS_N)
        for (int j = 0; j < m; j++)
            x->s[j] = ring[((o - 1 - j) % m + m) % m];
    if (sse_out)
        *sse_out = sse;
    double lik = (double)n * log(sse);
    if (merr)
        lik += 2.0 * (logsum + log(prod));
    return lik;
}

/* One copy of the pass per (error, trend, season): with the kinds known at
 * compile time the branches on them leave the loop (the pass is most of
 * the time of fitting). */
double fdi__ets_pass(const double *y, size_t n, const ets_spec *sp, int m,
                     const ets_params *p, ets_state *x, double *resid, double *sse_out)
{
#define PASS(E, T, S) pass_as(y, n, T, S, E, m, p, x, resid, sse_out)
#define BY_SEASON(E, T)                                                                  \
    (sp->season == ETS_N ? PASS(E, T, ETS_N) : sp->season == ETS_A ? PASS(E, T, ETS_A)  \
                                                                     : PASS(E, T, ETS_M))
#define BY_TREND(E)                                                                      \
    (sp->trend == ETS_N ? BY_SEASON(E, ETS_N) : sp->trend == ETS_A ? BY_SEASON(E, ETS_A) \
                                                                   : BY_SEASON(E, ETS_M))
    return sp->error == ETS_M ? BY_TREND(1) : BY_TREND(0);
#undef BY_TREND
#undef BY_SEASON
#undef PASS
}

static void model_state(const ets_model *e, ets_state *x)
{
    x->l = e->l;
    x->b = e->b;
    memcpy(x->s, e->s, sizeof x->s);
}

static ets_params model_params(const ets_model *e)
{
    ets_params p = {e->alpha, e->spec.trend != ETS_N ? e->beta : 0.0,
                    e->spec.season != ETS_N ? e->gamma : 0.0,
                    e->spec.damped ? e->phi : 1.0};
    return p;
}

void fdi__ets_forecast(const ets_model *e, size_t h, double *f)
{
    ets_state x;
    model_state(e, &x);
    forecast_from(&x, &e->spec, e->m, model_params(e).phi, h, f);
}

void fdi__ets_simulate(const ets_model *e, size_t h, fdi__rng *rng, double *path)
{
    ets_state x;
    ets_params p = model_params(e);
    double sd = sqrt(e->sigma2);
    model_state(e, &x);
    for (size_t i = 0; i < h; i++) {
        double f;
        forecast_from(&x, &e->spec, e->m, p.phi, 1, &f);
        if (fabs(f - ETS_NA_TREND) < 1e-7) {
            /* a multiplicative trend went negative: the path stops here
             * (R's simulate.ets stops too); hold the last level */
            for (size_t j = i; j < h; j++)
                path[j] = i ? path[i - 1] : e->l;
            return;
        }
        double eps = fdi__rng_gaussian(rng, sd);
        double y;
        if (e->spec.error == ETS_A) {
            y = f + eps;
        } else {
            if (eps < -1.0)
                eps = -1.0; /* as R: a relative error below -100% is -100% */
            y = f * (1.0 + eps);
        }
        path[i] = y;
        fdi__ets_state_update(&x, &e->spec, e->m, &p, y);
    }
}

int fdi__ets_is_linear(const ets_spec *sp)
{
    return sp->error == ETS_A && sp->trend != ETS_M && sp->season != ETS_M;
}

/* c[k] for k = 1..h-1: the response of the observation k periods after an
 * error to that unit error, through the linear state equations (the
 * "psi weights" of the model).  c[0] = 1. */
static void impulse_response(const ets_model *e, size_t h, double *c)
{
    ets_params p = model_params(e);
    int m = e->spec.season != ETS_N ? e->m : 1;
    /* the state's response to a unit error: level alpha, trend beta, the
     * newest season gamma; then it moves with the transition alone */
    double l = p.alpha, b = e->spec.trend != ETS_N ? p.beta : 0.0;
    double s[FC_MAX_M] = {0};
    if (e->spec.season != ETS_N)
        s[0] = p.gamma;
    c[0] = 1.0;
    for (size_t k = 1; k < h; k++) {
        double phib = e->spec.trend != ETS_N ? p.phi * b : 0.0;
        double olds = e->spec.season != ETS_N ? s[m - 1] : 0.0;
        c[k] = l + phib + olds;
        l = l + phib;
        b = phib;
        if (e->spec.season != ETS_N) {
            memmove(s + 1, s, (size_t)(m - 1) * sizeof s[0]);
            s[0] = olds;
        }
    }
}

double fdi__ets_step_variance(const ets_model *e, size_t h)
{
    if (!fdi__ets_is_linear(&e->spec) || h == 0)
        return NAN;
    double c[ETS_MAX_H];
    if (h > ETS_MAX_H)
        return NAN;
    impulse_response(e, h, c);
    double v = 0;
    for (size_t k = 0; k < h; k++)
        v += c[k] * c[k];
    return e->sigma2 * v;
}

double fdi__ets_sum_variance(const ets_model *e, size_t h)
{
    if (!fdi__ets_is_linear(&e->spec) || h == 0 || h > ETS_MAX_H)
        return NAN;
    double c[ETS_MAX_H];
    impulse_response(e, h, c);
    /* error j (1-based) reaches steps j..h: its weight in the sum is
     * c[0] + ... + c[h-j] */
    double v = 0, cum = 0;
    for (size_t k = 0; k < h; k++) {
        cum += c[k];
        v += cum * cum;
    }
    return e->sigma2 * v;
}
