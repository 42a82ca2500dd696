/* ets_fit.c - estimating ETS models and choosing among them.
 *
 * Follows R's forecast::ets (8.20) step by step, so that fdi picks the
 * same models and gives the same forecasts:
 *   - initial states (initstate): seasonal states from a classical
 *     decomposition, level and trend from a regression on the first
 *     max(10, 2m) seasonally adjusted points;
 *   - starting smoothing parameters (initparam);
 *   - the parameter region: the "usual" box (1e-4 <= alpha <= 0.9999,
 *     beta <= alpha, gamma <= 1 - alpha, 0.8 <= phi <= 0.98) and the
 *     admissible region from the roots of the characteristic polynomial;
 *   - Nelder-Mead jointly over the parameters and the initial states,
 *     objective n log(SSE) (+ 2 sum log|yhat| for multiplicative errors);
 *   - selection by AICc over the admissible models: multiplicative error
 *     or season only on positive data, no additive error with a
 *     multiplicative season, no multiplicative trend.
 * The minimiser is Nash's Nelder-Mead, as R's optim (nelder_mead.c says
 * why not GSL's).  Its points are evaluated in vector lanes, the damped
 * and undamped fits of a kind side by side (ets_lanes.c says why); the
 * results are those of one point at a time, bit for bit (test_fc_lanes).
 * One departure: with 2m <= n < 3m the decomposition uses all n points
 * where R fits a Fourier regression.
 *
 * auto's full-history fit uses a pruned search (fdi__ets_fit_pruned):
 * every model's minimisation is paused at a loose tolerance and only the
 * models near the lowest AICc run on; a resumed run ends where R's would
 * (nelder_mead.h), so the pruned search differs from this one only when
 * it dropped the model R chooses (14 of the 1,428 M3 monthly series).
 */
#include "forecast/ets_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forecast/nelder_mead.h"

/* the "usual" bounds of forecast::ets */
static const double lo_par[4] = {1e-4, 1e-4, 1e-4, 0.8};
static const double hi_par[4] = {0.9999, 0.9999, 0.9999, 0.98};
static const double ets_big = 1e30; /* objective outside the region */

static const char kind_char[3] = {'N', 'A', 'M'};

void fdi__ets_name(const ets_spec *s, char *buf, size_t size)
{
    snprintf(buf, size, "ETS(%c,%c%s,%c)", kind_char[s->error],
             kind_char[s->trend], s->damped ? "d" : "", kind_char[s->season]);
}

static int parse_kind(char c, int allow_m, ets_kind *k, int *z)
{
    *z = 0;
    switch (c) {
    case 'N': *k = ETS_N; return 0;
    case 'A': *k = ETS_A; return 0;
    case 'M': *k = ETS_M; return allow_m ? 0 : -1;
    case 'Z': *z = 1; *k = ETS_N; return 0;
    default: return -1;
    }
}

int fdi__ets_parse(const char *s, ets_spec *want, int *auto_error, int *auto_trend,
                   int *auto_season, int *auto_damped)
{
    size_t len = s ? strlen(s) : 0;
    int damped = len == 4 && s[2] == 'd';
    if (len != 3 && !damped)
        return -1;
    memset(want, 0, sizeof *want);
    if (parse_kind(s[0], 1, &want->error, auto_error) || s[0] == 'N')
        return -1;
    if (parse_kind(s[1], 0, &want->trend, auto_trend))
        return -1; /* multiplicative trend is not offered (R's default) */
    if (parse_kind(s[len - 1], 1, &want->season, auto_season))
        return -1;
    if (damped && want->trend == ETS_N && !*auto_trend)
        return -1;
    want->damped = damped;
    /* damping is chosen when the trend is, or asked with "d" */
    *auto_damped = *auto_trend && !damped;
    return 0;
}

/* ---- admissibility (forecast:::admissible) ------------------------------ */

/* All roots of P (degree d, coefficients in increasing power) within the
 * circle of radius 1 + 1e-10, R's rule on polyroot()'s roots, decided
 * without finding them (Schur-Cohn): while |a_0| < |a_d|, replace P by
 * (a_d P - a_0 P*) / z, P* the reversed polynomial; all roots are inside
 * exactly when the test holds at every degree.  Each step is renormalised
 * (the coefficients otherwise square away to underflow within ten steps).
 * O(d^2) arithmetic where the companion-matrix eigenvalues cost O(d^3) and
 * made ETS fitting seven times slower; test_fc_ets checks both agree on
 * 20,000 parameter sets.  Not vectorised: GCC's pairs of loads straddle
 * the previous degree's pairs of stores, which then cannot be forwarded
 * (the vectorised loop cost a quarter more). */
#if defined(__GNUC__) && !defined(__clang__)
#define FDI_NO_VECTORISE __attribute__((optimize("no-tree-vectorize")))
#else
#define FDI_NO_VECTORISE
#endif
static inline __attribute__((always_inline)) int roots_inside_as(const double *P, int d)
{
    double buf[2][FC_MAX_M + 2], *a = buf[0], *next = buf[1], r = 1.0 + 1e-10, rp = 1.0;
    for (int i = 0; i <= d; i++) { /* roots of P(r z) = roots of P / r */
        a[i] = P[i] * rp;
        rp *= r;
    }
#pragma GCC unroll 16
    for (; d > 0; d--) {
        double a0 = a[0], ad = a[d];
        if (!(fabs(a0) < fabs(ad)))
            return 0;
#pragma GCC unroll 16
        for (int i = 0; i < d; i++)
            next[i] = ad * a[i + 1] - a0 * a[d - 1 - i];
        /* the new leading coefficient, ad^2 - a0^2, stands for the size of
         * them all: rescale only when it drifts far (the magnitudes square
         * each step), one multiply per coefficient, and rarely */
        double lead = fabs(next[d - 1]);
        if (!(lead > 0))
            return 0;
        if (lead < 1e-100 || lead > 1e100)
            for (int i = 0; i < d; i++)
                next[i] /= lead;
        double *t = a; /* the two buffers swap: no copy */
        a = next;
        next = t;
    }
    return 1;
}

/* Monthly seasons (degree 13) and quarterly ones (5) get their own copies,
 * the degree a constant the compiler unrolls; the same operations in the
 * same order as the general one, so the same answer bit for bit. */
FDI_NO_VECTORISE int fdi__ets_roots_inside(const double *P, int d)
{
    if (d < 1 || d > FC_MAX_M + 1)
        return 0;
    if (d == 13)
        return roots_inside_as(P, 13);
    if (d == 5)
        return roots_inside_as(P, 5);
    return roots_inside_as(P, d);
}

int fdi__ets_admissible(double alpha, double beta, int has_beta, double gamma,
                        int has_gamma, double phi, int m)
{
    if (phi < 0 || phi > 1 + 1e-8)
        return 0;
    if (!has_gamma) {
        if (alpha < 1 - 1 / phi || alpha > 1 + 1 / phi)
            return 0;
        if (has_beta && (beta < alpha * (phi - 1) || beta > (1 + phi) * (2 - alpha)))
            return 0;
        return 1;
    }
    if (m <= 1)
        return 1;
    if (!has_beta)
        beta = 0;
    double md = (double)m;
    if (gamma < fmax(1 - 1 / phi - alpha, 0.0) || gamma > 1 + 1 / phi - alpha)
        return 0;
    if (alpha < 1 - 1 / phi - gamma * (1 - md + phi + phi * md) / (2 * phi * md))
        return 0;
    if (beta < -(1 - phi) * (gamma / md + alpha))
        return 0;
    /* the characteristic polynomial, coefficients in increasing power */
    double P[FC_MAX_M + 2];
    P[0] = phi * (1 - alpha - gamma);
    P[1] = alpha + beta - alpha * phi + gamma - 1;
    for (int i = 2; i < m; i++)
        P[i] = alpha + beta - alpha * phi;
    P[m] = alpha + beta - phi;
    P[m + 1] = 1;
    return fdi__ets_roots_inside(P, m + 1);
}

/* ---- one model ------------------------------------------------------------ */
typedef struct {
    const double *y;
    size_t n;
    ets_spec sp;
    int m;           /* season length in the model, 1 without season */
    int npar;        /* smoothing parameters optimised */
    int nstate;      /* initial states optimised (the last season derived) */
    double x0[4 + 2 + FC_MAX_M]; /* starting point */
    const nm_run *run; /* its minimisation */
} fit_ctx;

/* Split a parameter vector into smoothing parameters and initial state.
 * Returns 0 when outside the region, apart from admissibility, which
 * admissible() tests: the fit defers that test to the points Nelder-Mead
 * uses (nelder_mead.h). */
static int params_of(const fit_ctx *c, const double *v, ets_params *p)
{
    int k = 0;
    p->alpha = v[k++];
    p->beta = c->sp.trend != ETS_N ? v[k++] : 0.0;
    p->gamma = c->sp.season != ETS_N ? v[k++] : 0.0;
    p->phi = c->sp.damped ? v[k++] : 1.0;
    return k;
}

/* The smoothing parameters of model e as the starting point's (the
 * initial states stay initstate's of these data). */
static void params_to(fit_ctx *c, const ets_model *e)
{
    int k = 0;
    c->x0[k++] = e->alpha;
    if (c->sp.trend != ETS_N)
        c->x0[k++] = e->beta;
    if (c->sp.season != ETS_N)
        c->x0[k++] = e->gamma;
    if (c->sp.damped)
        c->x0[k++] = e->phi;
}

static int unpack_box(const fit_ctx *c, const double *v, ets_params *p, ets_state *x)
{
    int k = params_of(c, v, p);
    /* the usual box */
    if (p->alpha < lo_par[0] || p->alpha > hi_par[0])
        return 0;
    if (c->sp.trend != ETS_N &&
        (p->beta < lo_par[1] || p->beta > p->alpha || p->beta > hi_par[1]))
        return 0;
    if (c->sp.damped && (p->phi < lo_par[3] || p->phi > hi_par[3]))
        return 0;
    if (c->sp.season != ETS_N &&
        (p->gamma < lo_par[2] || p->gamma > 1 - p->alpha || p->gamma > hi_par[2]))
        return 0;
    x->l = v[k++];
    x->b = c->sp.trend != ETS_N ? v[k++] : 0.0;
    if (c->sp.season != ETS_N) {
        double sum = 0;
        for (int j = 0; j < c->m - 1; j++) {
            x->s[j] = v[k + j];
            sum += x->s[j];
        }
        x->s[c->m - 1] = (c->sp.season == ETS_M ? (double)c->m : 0.0) - sum;
        if (c->sp.season == ETS_M)
            for (int j = 0; j < c->m; j++)
                if (x->s[j] < 0)
                    return 0;
    }
    return 1;
}

static int admissible(const fit_ctx *c, const ets_params *p)
{
    return fdi__ets_admissible(p->alpha, p->beta, c->sp.trend != ETS_N, p->gamma,
                               c->sp.season != ETS_N, p->phi, c->m);
}

static int unpack(const fit_ctx *c, const double *v, ets_params *p, ets_state *x)
{
    return unpack_box(c, v, p, x) && admissible(c, p);
}

/* The objective from a pass's likelihood: R's, with "outside" as +inf */
static double objective_of(double lik)
{
    if (isnan(lik) || lik == HUGE_VAL)
        return HUGE_VAL;
    if (lik < -1e10)
        return -1e10; /* as R: a perfect fit is not -inf */
    return lik >= ets_big ? HUGE_VAL : lik;
}

int fdi__ets_fit_lanes = 1;

/* nm_confirm for the fits: the admissibility test, deferred from the
 * evaluation to the points Nelder-Mead uses, and (fdi__ets_fit_skip)
 * skipped for a point that will be dropped anyway (fdi__nm_keep: the
 * roots test was a fifth of the time of auto on M3; this spares it on a
 * quarter of the points) */
int fdi__ets_fit_skip = 1;

static double objective_confirm(const double *v, double f, void *arg)
{
    const fit_ctx *c = arg;
    ets_params p;
    if (f == HUGE_VAL || (fdi__ets_fit_skip && f >= fdi__nm_keep(c->run)))
        return f;
    /* a finite value: v passed unpack_box in minimise_together */
    params_of(c, v, &p);
    return admissible(c, &p) ? f : HUGE_VAL;
}

/* forecast:::initstate */
static int init_states(const double *y, size_t n, int m, const ets_spec *sp,
                       double *st, int *nst)
{
    double ysa_buf[FC_MAX_M * 2 > 10 ? FC_MAX_M * 2 : 10];
    int k = 0;
    size_t maxn;
    double figure[FC_MAX_M];
    if (sp->season != ETS_N) {
        if (fdi__fc_decompose(y, n, m, sp->season == ETS_M, figure, NULL) != 0)
            return -1;
        double init[FC_MAX_M], sum = 0;
        for (int j = 0; j < m - 1; j++) /* rev(seasonal[2:m]) */
            init[j] = figure[m - 1 - j];
        if (sp->season == ETS_M) {
            for (int j = 0; j < m - 1; j++) {
                init[j] = fmax(init[j], 0.01);
                sum += init[j];
            }
            if (sum > m)
                for (int j = 0; j < m - 1; j++)
                    init[j] /= sum + 0.01 * (m - 1);
        }
        maxn = (size_t)(2 * m > 10 ? 2 * m : 10);
        if (maxn > n)
            maxn = n;
        for (size_t t = 0; t < maxn; t++) {
            double s = figure[t % (size_t)m];
            ysa_buf[t] = sp->season == ETS_A ? y[t] - s : y[t] / fmax(s, 0.01);
        }
        /* states after l and b */
        k = sp->trend != ETS_N ? 2 : 1;
        for (int j = 0; j < m - 1; j++)
            st[k + j] = init[j];
        *nst = k + m - 1;
    } else {
        maxn = n < 10 ? n : 10;
        /* R: m <- 1, so max(10, 2m) = 10 */
        for (size_t t = 0; t < maxn; t++)
            ysa_buf[t] = y[t];
        *nst = sp->trend != ETS_N ? 2 : 1;
    }
    if (sp->trend == ETS_N) {
        double s = 0;
        for (size_t t = 0; t < maxn; t++)
            s += ysa_buf[t];
        st[0] = s / (double)maxn;
        return 0;
    }
    /* least squares of ysa on 1..maxn */
    double sx = 0, sy = 0, sxx = 0, sxy = 0, nn = (double)maxn;
    for (size_t t = 0; t < maxn; t++) {
        double xv = (double)(t + 1);
        sx += xv;
        sy += ysa_buf[t];
        sxx += xv * xv;
        sxy += xv * ysa_buf[t];
    }
    double slope = (nn * sxy - sx * sy) / (nn * sxx - sx * sx);
    double icept = (sy - slope * sx) / nn;
    double l0 = icept, b0 = slope;
    if (fabs(l0 + b0) < 1e-8) {
        l0 *= 1 + 1e-3;
        b0 *= 1 - 1e-3;
    }
    st[0] = l0;
    st[1] = b0;
    return 0;
}

static int count_params(const ets_spec *sp, int m)
{
    int npars = 2; /* alpha, l0 */
    if (sp->trend != ETS_N)
        npars += 2;
    if (sp->season != ETS_N)
        npars += m;
    return npars + sp->damped;
}

/* forecast:::etsmodel up to the minimisation: the fit's context, with
 * its starting point, in *out.  FDI_ENODATA when the data are too short for the
 * model. */
static fdi_status fit_prepare(const double *y, size_t n, int freq, const ets_spec *sp,
                              fit_ctx *out)
{
    fit_ctx c;
    memset(&c, 0, sizeof c);
    c.y = y;
    c.n = n;
    c.sp = *sp;
    c.m = sp->season != ETS_N ? freq : 1;
    if ((size_t)count_params(sp, c.m) + 4 >= n)
        return FDI_ENODATA;
    if (sp->season != ETS_N && n < (size_t)(2 * c.m))
        return FDI_ENODATA;
    /* forecast:::initparam, usual bounds, m as in etsmodel */
    double alpha = lo_par[0] + 0.2 * (hi_par[0] - lo_par[0]) / c.m;
    int k = 0;
    c.x0[k] = alpha;
    k++;
    if (sp->trend != ETS_N) {
        double up = fmin(hi_par[1], alpha);
        double beta = lo_par[1] + 0.1 * (up - lo_par[1]);
        if (beta < 0 || beta > alpha)
            beta = alpha - 1e-3;
        c.x0[k] = beta;
        k++;
    }
    if (sp->season != ETS_N) {
        double up = fmin(hi_par[2], 1 - alpha);
        double gamma = lo_par[2] + 0.05 * (up - lo_par[2]);
        if (gamma < 0 || gamma > 1 - alpha)
            gamma = 1 - alpha - 1e-3;
        c.x0[k] = gamma;
        k++;
    }
    if (sp->damped) {
        c.x0[k] = lo_par[3] + 0.99 * (hi_par[3] - lo_par[3]);
        k++;
    }
    c.npar = k;
    double st[2 + FC_MAX_M];
    int nst;
    if (init_states(y, n, c.m, sp, st, &nst) != 0)
        return FDI_ENODATA;
    c.nstate = nst;
    for (int j = 0; j < nst; j++)
        c.x0[k + j] = st[j];
    if (k + nst >= (int)n - 1)
        return FDI_ENODATA;
    *out = c;
    return FDI_OK;
}

/* AICc from n log(SSE) (lik), with np parameters on n points */
static double aicc_of(double lik, int np, size_t n)
{
    double p = (double)np, nn = (double)n;
    return lik + 2 * p + 2 * p * (p + 1) / (nn - p - 1);
}

/* The rest of etsmodel: the model at the minimum best, found at v.
 * FDI_ECOMPUTE when no admissible fit. */
static fdi_status fit_finish(const fit_ctx *c, double best, const double *v, ets_model *out)
{
    ets_params p;
    ets_state x;
    memset(&x, 0, sizeof x); /* the seasonal states past m stay 0 in the model */
    if (!(best < ets_big) || !unpack(c, v, &p, &x))
        return FDI_ECOMPUTE;
    size_t n = c->n;
    int dim = c->npar + c->nstate;
    double sse;
    double lik = fdi__ets_pass(c->y, n, &c->sp, c->m, &p, &x, NULL, &sse);
    out->sigma2 = sse / (double)((long)n - dim); /* as ets(): SSE / (n - np) */
    out->spec = c->sp;
    out->m = c->m;
    out->alpha = p.alpha;
    out->beta = p.beta;
    out->gamma = p.gamma;
    out->phi = p.phi;
    out->l = x.l;
    out->b = x.b;
    memcpy(out->s, x.s, sizeof out->s);
    out->lik = lik;
    out->n = n;
    out->npar = dim + 1;
    double np = (double)out->npar, nn = (double)n;
    out->loglik = -0.5 * lik;
    out->aic = lik + 2 * np;
    out->bic = lik + log(nn) * np;
    out->aicc = aicc_of(lik, out->npar, n);
    return FDI_OK;
}

/* Run the minimisations r[0..runs-1] (at most 2) of the fits c[], which
 * fit the same kind of model to the same data (they may differ in
 * damping), to their ends, evaluating the points they ask for together:
 * every point inside the usual box in one call of fdi__ets_pass_lanes. */
static void minimise_together(const fit_ctx *const *c, nm_run *const *r, int runs)
{
    enum { MAX_POINTS = 2 * (NM_MAXDIM + 1) };
    ets_params p[MAX_POINTS];
    ets_state x[MAX_POINTS];
    double lik[MAX_POINTS], val[2][NM_MAXDIM + 1];
    int run_of[MAX_POINTS], point_of[MAX_POINTS];
    for (;;) {
        int asked[2] = {0, 0}, lanes = 0;
        for (int i = 0; i < runs; i++) {
            const double *const *pts;
            asked[i] = fdi__nm_next(r[i], &pts);
            for (int j = 0; j < asked[i]; j++) {
                val[i][j] = HUGE_VAL;
                if (unpack_box(c[i], pts[j], &p[lanes], &x[lanes])) {
                    run_of[lanes] = i;
                    point_of[lanes] = j;
                    lanes++;
                }
            }
        }
        if (!asked[0] && !asked[1])
            return;
        if (fdi__ets_fit_lanes) {
            fdi__ets_pass_lanes(c[0]->y, c[0]->n, &c[0]->sp, c[0]->m, p, x, lik, lanes);
        } else {
            for (int l = 0; l < lanes; l++)
                lik[l] = fdi__ets_pass(c[0]->y, c[0]->n, &c[0]->sp, c[0]->m, &p[l], &x[l], NULL,
                                       NULL);
        }
        for (int l = 0; l < lanes; l++)
            val[run_of[l]][point_of[l]] = objective_of(lik[l]);
        for (int i = 0; i < runs; i++)
            if (asked[i])
                fdi__nm_tell(r[i], val[i]);
    }
}

/* Nash's Nelder-Mead as R's optim: 2,000 evaluations, relative tolerance
 * sqrt(DBL_EPSILON) */
static const ets_search r_search = {2000, 1.490116119384765625e-8, NULL};

/* One kind of model (error, trend, season) in the search: its damped and
 * undamped models (nk <= 2, differing at most in damping), their
 * minimisations side by side (forecast:::etsmodel for each).  st[i]:
 * FDI_OK while running and once fitted, FDI_ENODATA when the data are too
 * short for the model, FDI_ECOMPUTE when it has no admissible fit (or was
 * pruned from the search, fdi__ets_fit_pruned). */
typedef struct {
    ets_spec sp[2];
    int nk;
    fit_ctx c[2];
    nm_run r[2];
    fdi_status st[2];
} kind_run;

/* Run the minimisations of the fits of k marked in `which` (bit i: fit i)
 * until they end or pause. */
static void kind_minimise(kind_run *k, unsigned which)
{
    const fit_ctx *cs[2] = {NULL, NULL};
    nm_run *rs[2] = {NULL, NULL};
    int runs = 0;
    for (int i = 0; i < k->nk; i++)
        if (k->st[i] == FDI_OK && (which >> i & 1u)) {
            cs[runs] = &k->c[i];
            rs[runs++] = &k->r[i];
        }
    minimise_together(cs, rs, runs);
}

/* Start the damped and undamped models of `kind` (kind.damped: the one
 * wanted unless any_damped) under `how`, and run them until they end or
 * pause. */
static void kind_start(kind_run *k, const double *y, size_t n, int freq, ets_spec kind,
                       int any_damped, const ets_search *how)
{
    k->nk = 0;
    for (int d = 1; d >= 0; d--) {
        if ((!any_damped && d != kind.damped) || (kind.trend == ETS_N && d))
            continue;
        k->sp[k->nk++] = (ets_spec){kind.error, kind.trend, kind.season, d};
    }
    for (int i = 0; i < k->nk; i++) {
        k->st[i] = fit_prepare(y, n, freq, &k->sp[i], &k->c[i]);
        if (k->st[i] != FDI_OK)
            continue;
        k->c[i].run = &k->r[i];
        if (how->from) /* warm start: the smoothing parameters given */
            params_to(&k->c[i], how->from);
        fdi__nm_start(&k->r[i], k->c[i].x0, k->c[i].npar + k->c[i].nstate, how->maxit,
                      how->reltol, fdi__ets_fit_lanes, objective_confirm, &k->c[i]);
    }
    kind_minimise(k, 3u);
}

/* The models of k at the minima their runs ended at (st[i] updated). */
static void kind_finish(kind_run *k, ets_model *out)
{
    for (int i = 0; i < k->nk; i++) {
        memset(&out[i], 0, sizeof out[i]);
        if (k->st[i] != FDI_OK)
            continue;
        double v[4 + 2 + FC_MAX_M];
        double best = fdi__nm_result(&k->r[i], v, NULL);
        k->st[i] = fit_finish(&k->c[i], best, v, &out[i]);
    }
}

/* The fits of k compared, damped first, with the best so far by AICc
 * (ties to the earlier, as forecast::ets). */
static void kind_compare(kind_run *k, double *best_ic, ets_model *best, int *any_short)
{
    ets_model fit[2];
    kind_finish(k, fit);
    for (int i = 0; i < k->nk; i++) {
        if (k->st[i] == FDI_ENODATA)
            *any_short = 1;
        if (k->st[i] != FDI_OK || isnan(fit[i].aicc))
            continue;
        if (fit[i].aicc < *best_ic) {
            *best_ic = fit[i].aicc;
            *best = fit[i];
        }
    }
}

/* The AICc of fit i of k at the best point its run has found so far. */
static double paused_ic(const kind_run *k, int i)
{
    double v[4 + 2 + FC_MAX_M];
    double lik = fdi__nm_result(&k->r[i], v, NULL);
    int np = k->c[i].npar + k->c[i].nstate + 1;
    return lik < ets_big ? aicc_of(lik, np, k->c[i].n) : HUGE_VAL;
}

/* The pruning of fdi__ets_fit_pruned, in stages: every model's
 * minimisation paused at prune_tol[0]; at stage i those within
 * prune_margin[i] of the lowest AICc at their pauses run on to
 * prune_tol[i + 1] (from the last stage: to R's end), the others leave the
 * search.  Chosen on the 1,428 M3 monthly series (bench/results/m3.md):
 * a model 20 behind at the first pause or 10 behind at the second went on
 * to be R's choice in 14 series of 1,428, and the search costs 0.43 of
 * the full one's evaluations (one stage, all models to 1e-5, cost 0.56;
 * a fixed count of 300 evaluations as the pause missed R's choice four
 * times as often for the same cost). */
enum { PRUNE_STAGES = 2 };
static const double prune_tol[PRUNE_STAGES] = {1e-3, 1e-5};
static const double prune_margin[PRUNE_STAGES] = {20.0, 10.0};

static void prune_stage(kind_run *k, int nkinds, double margin, double tol)
{
    double ic[12][2], low = HUGE_VAL;
    for (int j = 0; j < nkinds; j++)
        for (int i = 0; i < k[j].nk; i++) {
            ic[j][i] = k[j].st[i] == FDI_OK ? paused_ic(&k[j], i) : HUGE_VAL;
            low = fmin(low, ic[j][i]);
        }
    for (int j = 0; j < nkinds; j++) {
        unsigned which = 0;
        for (int i = 0; i < k[j].nk; i++) {
            if (k[j].st[i] != FDI_OK)
                continue;
            if (low < HUGE_VAL && !(ic[j][i] < low + margin)) {
                k[j].st[i] = FDI_ECOMPUTE;
                continue;
            }
            fdi__nm_resume(&k[j].r[i], r_search.maxit, tol);
            which |= 1u << i;
        }
        kind_minimise(&k[j], which);
    }
}

/* The kinds of model the search fits, in forecast::ets's order (the order
 * AICc ties are broken in): their count. */
static int list_kinds(const ets_spec *want, int ae, int at, int as, int positive,
                      int seasonal_ok, ets_spec kinds[12])
{
    int nk = 0;
    for (int e = ETS_A; e <= ETS_M; e++) {
        if ((!ae && e != (int)want->error) || (e == ETS_M && !positive))
            continue;
        for (int t = ETS_N; t <= ETS_A; t++) {
            if (!at && t != (int)want->trend)
                continue;
            for (int s = ETS_N; s <= ETS_M; s++) {
                if (!as && s != (int)want->season)
                    continue;
                if (s != ETS_N && !seasonal_ok)
                    continue;
                if (e == ETS_A && s == ETS_M)
                    continue; /* restrict = TRUE */
                if (s == ETS_M && !positive)
                    continue;
                kinds[nk++] = (ets_spec){(ets_kind)e, (ets_kind)t, (ets_kind)s, want->damped};
            }
        }
    }
    return nk;
}

/* Every kind started, to its end or (pruned) to the first pause, the
 * pruning's stages run, then the fits compared in order. */
static fdi_status search(const double *y, size_t n, int m, const ets_spec kinds[12],
                         int nkinds, int any_damped, int pruned, ets_model *out, int *found,
                         int *any_short)
{
    double best_ic = HUGE_VAL;
    kind_run *k = malloc((size_t)(nkinds > 0 ? nkinds : 1) * sizeof *k);
    if (!k)
        return FDI_ENOMEM;
    ets_search first = {r_search.maxit, pruned ? prune_tol[0] : r_search.reltol, NULL};
    for (int j = 0; j < nkinds; j++)
        kind_start(&k[j], y, n, m, kinds[j], any_damped, &first);
    for (int s = 0; pruned && s < PRUNE_STAGES; s++)
        prune_stage(k, nkinds, prune_margin[s],
                    s + 1 < PRUNE_STAGES ? prune_tol[s + 1] : r_search.reltol);
    for (int j = 0; j < nkinds; j++)
        kind_compare(&k[j], &best_ic, out, any_short);
    free(k);
    *found = best_ic < HUGE_VAL;
    return FDI_OK;
}

static fdi_status fit_search(const double *y, size_t n, int m, const char *model,
                             int pruned, ets_model *out, fdi_error *err)
{
    ets_spec want, kinds[12];
    int ae, at, as, ad, found, any_short = 0;
    if (!model)
        model = "ZZZ";
    if (fdi__ets_parse(model, &want, &ae, &at, &as, &ad) != 0)
        return fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0,
                             "unknown ETS model \"%s\": expected three letters "
                             "error (A M Z), trend (N A Ad Z), season (N A M Z), "
                             "e.g. ZZZ, ANN, AAdN, MAM",
                             model);
    if (m < 1 || m > FC_MAX_M)
        return fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0,
                             "season length %d: ETS handles 1 to %d", m, FC_MAX_M);
    int positive = 1;
    for (size_t t = 0; t < n; t++)
        if (!(y[t] > 0))
            positive = 0;
    int seasonal_ok = m > 1 && n > (size_t)m;
    if (!seasonal_ok && !as && want.season != ETS_N)
        return fdi_error_set(err, FDI_ENODATA, NULL, 0, 0,
                             "a seasonal model needs more than one year of data");
    if (!positive && !ae && (want.error == ETS_M || want.season == ETS_M))
        return fdi_error_set(err, FDI_ECOMPUTE, NULL, 0, 0,
                             "a multiplicative model needs positive data");
    int nkinds = list_kinds(&want, ae, at, as, positive, seasonal_ok, kinds);
    if (search(y, n, m, kinds, nkinds, ad, pruned, out, &found, &any_short) != FDI_OK)
        return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    if (!found && any_short)
        return fdi_error_set(err, FDI_ENODATA, NULL, 0, 0,
                             "too few observations (%zu) for ETS model %s", n, model);
    if (!found)
        return fdi_error_set(err, FDI_ECOMPUTE, NULL, 0, 0,
                             "no admissible ETS fit (model %s, %zu points)", model, n);
    return FDI_OK;
}

fdi_status fdi__ets_fit(const double *y, size_t n, int m, const char *model,
                        ets_model *out, fdi_error *err)
{
    return fit_search(y, n, m, model, 0, out, err);
}

fdi_status fdi__ets_fit_pruned(const double *y, size_t n, int m, const char *model,
                               ets_model *out, fdi_error *err)
{
    return fit_search(y, n, m, model, 1, out, err);
}

/* A warm-started refit: the model of `like`, from its smoothing
 * parameters, to a tolerance of 1e-4 relative (at most 500 evaluations).
 * FDI_ECOMPUTE (err set) when that model cannot be fitted to these data. */
fdi_status fdi__ets_refit(const double *y, size_t n, int m, const ets_model *like,
                          ets_model *out, fdi_error *err)
{
    const ets_search warm = {500, 1e-4, like};
    kind_run k;
    ets_model fit;
    kind_start(&k, y, n, m, like->spec, 0, &warm);
    kind_finish(&k, &fit);
    if (k.st[0] != FDI_OK || isnan(fit.aicc))
        return fdi_error_set(err, FDI_ECOMPUTE, NULL, 0, 0, "no admissible ETS refit");
    *out = fit;
    return FDI_OK;
}
