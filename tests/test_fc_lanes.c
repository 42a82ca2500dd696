/* test_fc_lanes.c - ETS fitting's shortcuts change no result.
 *
 * Fitting evaluates its points in vector lanes (ets_lanes.c), Nelder-Mead
 * asks for four points at a time and confirms the two it uses
 * (nelder_mead.c), and the damped and undamped fits of a kind run side by
 * side (ets_fit.c).  Each is checked bit for bit against the plain way:
 * fdi__ets_pass on one point, Nelder-Mead asking one point at a time, and every
 * fit alone (fdi__ets_fit_lanes = 0).  The reference is fdi's own scalar code,
 * which test_fc_ets checks against R. */
#include "check.h"
#include "golden.h"

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "forecast/ets_internal.h"
#include "forecast/nelder_mead.h"

#define GOLDEN FDI_SOURCE_DIR "/tests/golden/forecast/"

/* the same double, or both NaN */
static int same_bits(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0 || (isnan(a) && isnan(b));
}

/* Random parameter sets and states for every kind the lanes take, some of
 * them far outside the admissible region (their passes overflow to inf
 * and NaN), some with levels so large that the running product of |f|
 * must be renormalised: every lane must still give fdi__ets_pass's value, for
 * every count of lanes from 1 to 13 (the 8- and 4-wide passes, padding,
 * and the scalar one). */
static void test_pass_lanes(void)
{
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 7);
    double y[120];
    int mismatches = 0, checked = 0, renormalised = 0, blown = 0;
    for (int e = ETS_A; e <= ETS_M; e++)
        for (int t = ETS_N; t <= ETS_A; t++)
            for (int s = ETS_N; s <= ETS_M; s++)
                for (int round = 0; round < 6; round++) {
                    ets_spec sp = {(ets_kind)e, (ets_kind)t, (ets_kind)s, round & 1};
                    int m = round < 3 ? 12 : 4;
                    double scale = round == 5 ? 1e40 : 100.0; /* 1e40: renormalise */
                    for (int i = 0; i < 120; i++)
                        y[i] = scale * (1.0 + 0.3 * sin(i * 0.5) + 0.01 * i +
                                        gsl_ran_gaussian(rng, 0.1));
                    ets_params p[13];
                    ets_state x[13];
                    for (int k = 0; k < 13; k++) {
                        int wild = k % 5 == 4; /* outside every sensible region */
                        p[k].alpha = wild ? 1.9 : gsl_ran_flat(rng, 1e-4, 0.9);
                        p[k].beta = t == ETS_N ? 0.0
                                    : wild    ? -3.0
                                              : gsl_ran_flat(rng, 1e-4, p[k].alpha);
                        p[k].gamma = s == ETS_N ? 0.0 : gsl_ran_flat(rng, 1e-4, 0.1);
                        p[k].phi = sp.damped ? gsl_ran_flat(rng, 0.8, 0.98) : 1.0;
                        x[k].l = scale * gsl_ran_flat(rng, 0.5, 1.5);
                        x[k].b = t == ETS_N ? 0.0 : scale * gsl_ran_flat(rng, -0.01, 0.01);
                        for (int j = 0; j < FC_MAX_M; j++)
                            x[k].s[j] = s == ETS_M   ? gsl_ran_flat(rng, 0.8, 1.2)
                                        : s == ETS_A ? scale * gsl_ran_flat(rng, -0.2, 0.2)
                                                     : 0.0;
                    }
                    for (int k = 1; k <= 13; k++) {
                        double lik[13];
                        fdi__ets_pass_lanes(y, 120, &sp, m, p, x, lik, k);
                        for (int i = 0; i < k; i++) {
                            ets_state one = x[i];
                            double want = fdi__ets_pass(y, 120, &sp, m, &p[i], &one, NULL, NULL);
                            checked++;
                            blown += !isfinite(want);
                            renormalised += e == ETS_M && round == 5 && isfinite(want);
                            if (!same_bits(lik[i], want)) {
                                if (mismatches++ < 5)
                                    fprintf(stderr,
                                            "  kind %d%d%d m=%d lane %d of %d: %.17g, "
                                            "fdi__ets_pass %.17g\n",
                                            e, t, s, m, i, k, lik[i], want);
                            }
                        }
                    }
                }
    printf("pass lanes: %d values, %d not finite, %d through renormalisation\n", checked,
           blown, renormalised);
    CHECK_INT(mismatches, 0);
    CHECK(blown > 0);        /* the wild lanes were exercised */
    CHECK(renormalised > 0); /* and the renormalisation */
    gsl_rng_free(rng);
}

/* ---- Nelder-Mead with and without look-ahead, and as it was ---------- */

/* Rosenbrock's valley in n dimensions, "outside" (by confirm) beyond a
 * wall at x0 > 1.5 so that the deferred test is exercised; many() gives
 * raw values and counts the points asked for. */
typedef struct {
    int n, asked, confirmed;
} rosen_ctx;

static double rosen(const double *x, int n)
{
    double f = 0;
    for (int i = 0; i + 1 < n; i++)
        f += 100 * (x[i + 1] - x[i] * x[i]) * (x[i + 1] - x[i] * x[i]) +
             (1 - x[i]) * (1 - x[i]);
    return f;
}

static double rosen_confirm(const double *x, double v, void *arg)
{
    rosen_ctx *c = arg;
    c->confirmed++;
    return x[0] > 1.5 ? HUGE_VAL : v;
}

/* Nash's algorithm in the loop form nelder_mead.c had before it became a
 * state machine (as at commit 5634927), calling f = confirm(x, rosen(x)) */
static double nm_reference(double (*fn)(const double *, void *), void *arg, int n, double *x,
                           int maxit, double reltol, int *evals)
{
    const double big = 1.0e35, alpha = 1.0, beta = 0.5, gamma = 2.0;
    /* p[j] is vertex j (n coordinates then its value at [n]);
     * p[n + 1] is the centroid */
    double p[NM_MAXDIM + 2][NM_MAXDIM + 1], b[NM_MAXDIM];
    int n1 = n + 1, count = 0, L = 0, calcvert = 1;
    if (n < 1 || n > NM_MAXDIM)
        return NAN;
    double f = fn(x, arg);
    count++;
    if (!isfinite(f)) {
        if (evals)
            *evals = count;
        return NAN; /* not even the start can be evaluated */
    }
    double convtol = reltol * (fabs(f) + reltol);
    double step = 0;
    for (int i = 0; i < n; i++) {
        p[0][i] = x[i];
        step = fmax(step, 0.1 * fabs(x[i]));
    }
    p[0][n] = f;
    if (step == 0)
        step = 0.1;
    double size = 0;
    for (int j = 1; j < n1; j++) {
        memcpy(p[j], x, (size_t)n * sizeof *x);
        double trystep = step;
        while (p[j][j - 1] == x[j - 1]) {
            p[j][j - 1] = x[j - 1] + trystep;
            trystep *= 10;
        }
        size += trystep;
    }
    double oldsize = size;
    double *cen = p[n1];
    for (;;) {
        if (calcvert) {
            for (int j = 0; j < n1; j++) {
                if (j == L)
                    continue;
                double v = fn(p[j], arg);
                count++;
                p[j][n] = isfinite(v) ? v : big;
            }
            calcvert = 0;
        }
        double VL = p[L][n], VH = VL;
        int H = L;
        for (int j = 0; j < n1; j++) {
            if (j == L)
                continue;
            double v = p[j][n];
            if (v < VL) {
                L = j;
                VL = v;
            }
            if (v > VH) {
                H = j;
                VH = v;
            }
        }
        if (VH <= VL + convtol || count > maxit)
            break;
        for (int i = 0; i < n; i++) {
            double t = -p[H][i];
            for (int j = 0; j < n1; j++)
                t += p[j][i];
            cen[i] = t / n;
        }
        for (int i = 0; i < n; i++)
            b[i] = (1 + alpha) * cen[i] - alpha * p[H][i];
        f = fn(b, arg);
        count++;
        if (!isfinite(f))
            f = big;
        double VR = f;
        if (VR < VL) { /* reflection worked: try to extend */
            cen[n] = f;
            for (int i = 0; i < n; i++) {
                double e = gamma * b[i] + (1 - gamma) * cen[i];
                cen[i] = b[i];
                b[i] = e;
            }
            f = fn(b, arg);
            count++;
            if (!isfinite(f))
                f = big;
            if (f < VR) {
                memcpy(p[H], b, (size_t)n * sizeof *b);
                p[H][n] = f;
            } else {
                memcpy(p[H], cen, (size_t)n * sizeof *cen);
                p[H][n] = VR;
            }
        } else {
            if (VR < VH) {
                memcpy(p[H], b, (size_t)n * sizeof *b);
                p[H][n] = VR;
            }
            for (int i = 0; i < n; i++) /* contract towards the centroid */
                b[i] = (1 - beta) * p[H][i] + beta * cen[i];
            f = fn(b, arg);
            count++;
            if (!isfinite(f))
                f = big;
            if (f < p[H][n]) {
                memcpy(p[H], b, (size_t)n * sizeof *b);
                p[H][n] = f;
            } else if (VR >= VH) { /* shrink towards the lowest vertex */
                calcvert = 1;
                size = 0;
                for (int j = 0; j < n1; j++) {
                    if (j == L)
                        continue;
                    for (int i = 0; i < n; i++) {
                        p[j][i] = beta * (p[j][i] - p[L][i]) + p[L][i];
                        size += fabs(p[j][i] - p[L][i]);
                    }
                }
                if (size < oldsize)
                    oldsize = size;
                else
                    break; /* the simplex no longer shrinks */
            }
        }
    }
    memcpy(x, p[L], (size_t)n * sizeof *x);
    if (evals)
        *evals = count;
    return p[L][n];
}

static double rosen_f(const double *x, void *arg)
{
    rosen_ctx *c = arg;
    return rosen_confirm(x, rosen(x, c->n), c);
}

static double run_rosen(int n, int lookahead, double *x, int *evals, rosen_ctx *c)
{
    nm_run r;
    for (int i = 0; i < n; i++)
        x[i] = i % 2 ? 1.0 : -1.2;
    c->n = n;
    c->asked = c->confirmed = 0;
    fdi__nm_start(&r, x, n, 4000, 1e-10, lookahead, rosen_confirm, c);
    const double *const *pts;
    int k;
    while ((k = fdi__nm_next(&r, &pts)) > 0) {
        double v[NM_MAXDIM + 1];
        for (int i = 0; i < k; i++)
            v[i] = rosen(pts[i], n);
        c->asked += k;
        fdi__nm_tell(&r, v);
    }
    return fdi__nm_result(&r, x, evals);
}

static void test_nm_lookahead(void)
{
    for (int n = 2; n <= 12; n += 5) {
        double x1[NM_MAXDIM], x4[NM_MAXDIM], xr[NM_MAXDIM];
        int e1, e4, er;
        rosen_ctx c1, c4, cr = {n, 0, 0};
        double f1 = run_rosen(n, 0, x1, &e1, &c1), f4 = run_rosen(n, 1, x4, &e4, &c4);
        for (int i = 0; i < n; i++)
            xr[i] = i % 2 ? 1.0 : -1.2;
        double fr = nm_reference(rosen_f, &cr, n, xr, 4000, 1e-10, &er);
        CHECK(same_bits(f1, fr)); /* one at a time: the loop's result */
        CHECK(memcmp(x1, xr, (size_t)n * sizeof x1[0]) == 0);
        CHECK_INT(e1, er);
        printf("nelder-mead, rosenbrock n=%d: f %.3g after %d evaluations; look-ahead "
               "asked %d points for them\n",
               n, f1, e1, c4.asked);
        CHECK(same_bits(f1, f4));
        CHECK(memcmp(x1, x4, (size_t)n * sizeof x1[0]) == 0);
        CHECK_INT(e1, e4);
        CHECK_INT(c1.asked, e1);      /* one at a time: every point asked is used */
        CHECK_INT(c4.confirmed, e4);  /* look-ahead: only the used are confirmed */
        CHECK(c4.asked > e4);         /* though more were asked for */
        CHECK(f1 < 1e-3 || n > 2);    /* and it does minimise (n = 2 reaches 1, 1) */
    }
}

/* ---- whole fits ---------------------------------------------------------- */

/* every field that means something (the seasonal states past m are not
 * set by the fit) */
static int same_model(const ets_model *a, const ets_model *b)
{
    int m = a->spec.season != ETS_N ? a->m : 0;
    return a->spec.error == b->spec.error && a->spec.trend == b->spec.trend &&
           a->spec.season == b->spec.season && a->spec.damped == b->spec.damped &&
           a->m == b->m && same_bits(a->alpha, b->alpha) && same_bits(a->beta, b->beta) &&
           same_bits(a->gamma, b->gamma) && same_bits(a->phi, b->phi) &&
           same_bits(a->l, b->l) && same_bits(a->b, b->b) &&
           memcmp(a->s, b->s, (size_t)m * sizeof a->s[0]) == 0 && same_bits(a->sigma2, b->sigma2) &&
           same_bits(a->lik, b->lik) && same_bits(a->aicc, b->aicc) && a->npar == b->npar;
}

/* Fit y both ways with each model string; counts fits and mismatches. */
static void fit_both_ways(const double *y, size_t n, int m, const char *label, int *fits,
                          int *bad)
{
    static const char *const models[] = {"ZZZ", "AAdA", "MAM", "MNM", "ZZN", "AZZ"};
    for (size_t i = 0; i < sizeof models / sizeof models[0]; i++) {
        ets_model a, b;
        fdi_error ea, eb;
        memset(&a, 0, sizeof a);
        memset(&b, 0, sizeof b);
        fdi__ets_fit_lanes = 1;
        fdi_status sa = fdi__ets_fit(y, n, m, models[i], &a, &ea);
        fdi__ets_fit_lanes = 0;
        fdi_status sb = fdi__ets_fit(y, n, m, models[i], &b, &eb);
        fdi__ets_fit_lanes = 1;
        (*fits)++;
        if (sa != sb || (sa == FDI_OK && !same_model(&a, &b))) {
            (*bad)++;
            fprintf(stderr, "  %s %s: the fits differ (status %d / %d, aicc %.17g / %.17g)\n",
                    label, models[i], (int)sa, (int)sb, a.aicc, b.aicc);
        }
    }
}

static void test_fits(const golden_csv *ser)
{
    static const char *const names[] = {"N1874", "N1909", "N2015", "N2128", "N2340",
                                        "N2470", "N2479", "N2504", "N2577", "N2699"};
    int fits = 0, bad = 0, golden = 0;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        size_t n;
        double *y = golden_series(ser, names[i], &n);
        if (!y)
            continue;
        golden++;
        fit_both_ways(y, n, 12, names[i], &fits, &bad);
        free(y);
    }
    /* made-up series: with zeros and negatives (additive models only), a
     * short one, quarterly */
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 11);
    double y[96];
    for (int i = 0; i < 96; i++)
        y[i] = 20 * sin(i * 0.52) + 0.3 * i + gsl_ran_gaussian(rng, 5);
    fit_both_ways(y, 96, 12, "signed", &fits, &bad);
    fit_both_ways(y, 30, 12, "short", &fits, &bad);
    for (int i = 0; i < 96; i++)
        y[i] = 50 + 10 * (i % 4) + gsl_ran_gaussian(rng, 2);
    fit_both_ways(y, 60, 4, "quarterly", &fits, &bad);
    gsl_rng_free(rng);
    printf("fits with lanes and one at a time: %d golden series, %d fits, %d differ\n", golden,
           fits, bad);
    CHECK_INT(golden, 10);
    CHECK_INT(bad, 0);
}

int main(void)
{
    golden_csv ser;
    if (golden_load(GOLDEN "series.csv", &ser) != 0) {
        fprintf(stderr, "cannot read %sseries.csv\n", GOLDEN);
        return 1;
    }
    test_pass_lanes();
    test_nm_lookahead();
    test_fits(&ser);
    golden_free(&ser);
    return check_report("test_fc_lanes");
}
