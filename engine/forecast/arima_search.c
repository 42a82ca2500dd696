/* arima_search.c - the automatic order choice of R's forecast::auto.arima
 * (Hyndman & Khandakar 2008, "Automatic time series forecasting: the
 * forecast package for R", J. Stat. Software 27(3)), stepwise:
 *   D  seasonal differences (0 or 1, m > 1 and n > 2m): 1 when the seasonal
 *      strength max(0, 1 - var(R) / var(S + R)) exceeds 0.64, as
 *      forecast::nsdiffs(test = "seas").  R takes S and R from an STL
 *      decomposition (mstl); fdi from the classical additive one
 *      (decompose.c), points where its trend exists;
 *   d  differences (0..2 - D) by the KPSS test at 5% on the seasonally
 *      differenced series (forecast::ndiffs: urca::ur.kpss type "mu",
 *      Newey-West lag trunc(3 sqrt(n) / 13), difference again while the
 *      statistic exceeds the 5% critical value 0.463);
 *   then the stepwise search by AICc from (2,d,2)(1,D,1), (0,d,0)(0,D,0),
 *   (1,d,0)(1,D,0), (0,d,1)(0,D,1) and the null model without constant,
 *   moving P, Q, p, q by one (alone and in pairs) and toggling the
 *   constant, taking each first improvement, at most 94 models; p, q <= 5
 *   (<= m - 1 with a seasonal part), P, Q <= 2, all <= n / 3 (P, Q <= n /
 *   3m).  A constant (mean, or drift) only when d + D <= 1.  Fits whose AR
 *   or MA roots come within 1.01 of the unit circle are refused.
 * What differs from R: every model of the search is fitted by exact ML
 * (R uses its CSS approximation when n > 150 and refits the winner), and
 * the seasonal strength comes from the classical decomposition.
 */
#include "forecast/arima_internal.h"
#include "forecast/fc_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int is_constant(const double *x, size_t n)
{
    for (size_t t = 1; t < n; t++)
        if (x[t] != x[0])
            return 0;
    return 1;
}

double fdi__arima_kpss(const double *x, size_t n)
{
    double mean = 0, s = 0, eta = 0, s2 = 0;
    for (size_t t = 0; t < n; t++)
        mean += x[t];
    mean /= (double)n;
    for (size_t t = 0; t < n; t++) {
        s += x[t] - mean;
        eta += s * s;
        s2 += (x[t] - mean) * (x[t] - mean);
    }
    size_t lags = (size_t)(3.0 * sqrt((double)n) / 13.0);
    for (size_t l = 1; l <= lags && l < n; l++) {
        double c = 0;
        for (size_t t = l; t < n; t++)
            c += (x[t] - mean) * (x[t - l] - mean);
        s2 += 2.0 * (1.0 - (double)l / (double)(lags + 1)) * c;
    }
    double nn = (double)n;
    return (eta / (nn * nn)) / (s2 / nn);
}

int fdi__arima_ndiffs(const double *x, size_t n, int max_d)
{
    double *w = malloc((n ? n : 1) * sizeof *w);
    if (!w)
        return 0;
    memcpy(w, x, n * sizeof *w);
    int d = 0;
    while (d < max_d && n > 2 && !is_constant(w, n) && fdi__arima_kpss(w, n) > 0.463) {
        for (size_t t = n - 1; t > 0; t--)
            w[t] -= w[t - 1];
        memmove(w, w + 1, (n - 1) * sizeof *w);
        n--;
        d++;
    }
    free(w);
    return d;
}

/* Seasonal strength from the classical additive decomposition. */
static double seasonal_strength(const double *y, size_t n, int m)
{
    double fig[FC_MAX_M], *trend = malloc(n * sizeof *trend);
    if (!trend || fdi__fc_decompose(y, n, m, 0, fig, trend) != 0) {
        free(trend);
        return 0.0;
    }
    double mr = 0, ms = 0, vr = 0, vs = 0;
    size_t k = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t t = 0; t < n; t++) {
            if (isnan(trend[t]))
                continue;
            double sea = fig[t % (size_t)m], rem = y[t] - trend[t] - sea;
            if (pass == 0) {
                mr += rem;
                ms += rem + sea;
                k++;
            } else {
                vr += (rem - mr / (double)k) * (rem - mr / (double)k);
                vs += (rem + sea - ms / (double)k) * (rem + sea - ms / (double)k);
            }
        }
    free(trend);
    return vs > 0 ? fmax(0.0, fmin(1.0, 1.0 - vr / vs)) : 0.0;
}

/* The search's state: the series, the limits, the models tried. */
typedef struct {
    const double *y;
    size_t n;
    int m, d, D, maxp, maxq, maxP, maxQ, allow_constant;
    arima_order tried[94];
    int k;
    arima_model *best, *tmp;
    double best_ic;
    int nomem;
} search;

/* Fit o if new; 1 when it beat the best (which it then is). */
static int try_order(search *s, int p, int q, int P, int Q, int constant)
{
    arima_order o = {p, s->d, q, P, s->D, Q, s->m, constant};
    for (int i = 0; i < s->k; i++)
        if (memcmp(&s->tried[i], &o, sizeof o) == 0)
            return 0;
    if (s->k >= 94)
        return 0;
    s->tried[s->k++] = o;
    fdi_status st = fdi__arima_fit_order(s->y, s->n, &o, s->tmp);
    if (st == FDI_ENOMEM)
        s->nomem = 1;
    if (st != FDI_OK || fdi__arima_near_unit_root(s->tmp) || !(s->tmp->aicc < s->best_ic))
        return 0;
    arima_model *t = s->best;
    s->best = s->tmp;
    s->tmp = t;
    s->best_ic = s->best->aicc;
    return 1;
}

/* One round of neighbours around the best; 1 when one improved. */
static int step(search *s)
{
    const arima_order *b = &s->best->o;
    int p = b->p, q = b->q, P = b->P, Q = b->Q, c = b->constant;
    static const int moves[16][4] = {/* dP, dQ, dp, dq in R's order */
        {-1, 0, 0, 0}, {0, -1, 0, 0}, {1, 0, 0, 0}, {0, 1, 0, 0},
        {-1, -1, 0, 0}, {-1, 1, 0, 0}, {1, -1, 0, 0}, {1, 1, 0, 0},
        {0, 0, -1, 0}, {0, 0, 0, -1}, {0, 0, 1, 0}, {0, 0, 0, 1},
        {0, 0, -1, -1}, {0, 0, -1, 1}, {0, 0, 1, -1}, {0, 0, 1, 1}};
    for (int i = 0; i < 16; i++) {
        int nP = P + moves[i][0], nQ = Q + moves[i][1];
        int np = p + moves[i][2], nq = q + moves[i][3];
        if (nP < 0 || nQ < 0 || np < 0 || nq < 0 || nP > s->maxP || nQ > s->maxQ ||
            np > s->maxp || nq > s->maxq)
            continue;
        if (try_order(s, np, nq, nP, nQ, c))
            return 1;
    }
    return s->allow_constant && try_order(s, p, q, P, Q, !c);
}

/* A series or a differenced series that does not vary: no ARMA to fit. */
static void constant_model(arima_model *mod, const double *y, size_t n, int m, int d, int D)
{
    memset(mod, 0, sizeof *mod);
    arima_order o = {0, d, 0, 0, D, 0, m, d + D < 2};
    mod->o = o;
    double *w = malloc(n * sizeof *w);
    size_t nw = w ? fdi__arima_difference(y, n, d, D, m, w) : 0;
    mod->mu = o.constant && nw ? w[0] : 0.0;
    mod->coef[0] = mod->mu;
    mod->ncoef = o.constant;
    mod->r = 1;
    mod->nw = nw;
    free(w);
    fdi__arima_integration(mod, y, n);
    mod->loglik = mod->aic = mod->aicc = mod->bic = NAN;
}

/* d and D as auto.arima; -1 when the differenced series is constant (the
 * model is then set). */
static int choose_differences(const double *y, size_t n, int m, int *d, int *D,
                              arima_model *best)
{
    *D = 0;
    if (m > 1 && n > 2 * (size_t)m && seasonal_strength(y, n, m) > 0.64)
        *D = 1;
    double *w = malloc(n * sizeof *w);
    if (!w)
        return -2;
    size_t nw = fdi__arima_difference(y, n, 0, *D, m, w);
    *d = fdi__arima_ndiffs(w, nw, 2 - *D);
    nw = fdi__arima_difference(y, n, *d, *D, m, w);
    int flat = nw == 0 || is_constant(w, nw);
    free(w);
    if (flat) {
        constant_model(best, y, n, m, *d, *D);
        return -1;
    }
    return 0;
}

static fdi_status run_search(search *s)
{
    int sp = s->maxp < 2 ? s->maxp : 2, sq = s->maxq < 2 ? s->maxq : 2;
    int sP = s->maxP < 1 ? s->maxP : 1, sQ = s->maxQ < 1 ? s->maxQ : 1;
    int c = s->allow_constant;
    if (s->n < 10)
        sp = sp < 1 ? sp : 1, sq = sq < 1 ? sq : 1, sP = sQ = 0;
    try_order(s, sp, sq, sP, sQ, c);
    try_order(s, 0, 0, 0, 0, c);
    if (s->maxp > 0 || s->maxP > 0)
        try_order(s, s->maxp > 0, 0, s->m > 1 && s->maxP > 0, 0, c);
    if (s->maxq > 0 || s->maxQ > 0)
        try_order(s, 0, s->maxq > 0, 0, s->m > 1 && s->maxQ > 0, c);
    if (c)
        try_order(s, 0, 0, 0, 0, 0);
    while (isfinite(s->best_ic) && s->k < 94 && step(s))
        ;
    if (s->nomem)
        return FDI_ENOMEM;
    return isfinite(s->best_ic) ? FDI_OK : FDI_ENODATA;
}

fdi_status fdi__arima_auto(const double *y, size_t n, int m, arima_model *best,
                           fdi_error *err)
{
    if (n < 3 || m < 1 || m > ARIMA_MAX_M)
        return fdi_error_set(err, FDI_ENODATA, NULL, 0, 0, "too short for ARIMA");
    if (is_constant(y, n)) {
        constant_model(best, y, n, m > 1 ? m : 1, 0, 0);
        return FDI_OK;
    }
    int d, D;
    int cd = choose_differences(y, n, m, &d, &D, best);
    if (cd == -2)
        return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    if (cd == -1)
        return FDI_OK;
    arima_model *tmp = malloc(sizeof *tmp), *b = malloc(sizeof *b);
    if (!tmp || !b) {
        free(tmp);
        free(b);
        return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    }
    int third = (int)(n / 3), mm = m > 1 ? m : 1;
    search s = {y, n, mm, d, D, 5, 5, 2, 2, d + D <= 1, {{0}}, 0, b, tmp, HUGE_VAL, 0};
    s.maxp = s.maxp < third ? s.maxp : third;
    s.maxq = s.maxq < third ? s.maxq : third;
    s.maxP = mm == 1 ? 0 : (2 < third / mm ? 2 : third / mm);
    s.maxQ = s.maxP;
    if (s.maxP > 0 && s.maxp > mm - 1)
        s.maxp = mm - 1;
    if (s.maxQ > 0 && s.maxq > mm - 1)
        s.maxq = mm - 1;
    fdi_status st = run_search(&s);
    if (st == FDI_OK)
        *best = *s.best;
    free(s.best);
    free(s.tmp);
    if (st == FDI_ENOMEM)
        return fdi_error_set(err, st, NULL, 0, 0, "out of memory");
    if (st != FDI_OK)
        return fdi_error_set(err, st, NULL, 0, 0, "no ARIMA model could be fitted");
    return FDI_OK;
}
