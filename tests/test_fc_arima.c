/* test_fc_arima.c - seasonal ARIMA (engine/forecast/arima_*.c) against R's
 * forecast::auto.arima on the golden files of tests/golden/arima (written
 * by scripts/arima_golden.R with R 4.2 / forecast 8.20: four classics of
 * R's datasets package and three Vietnamese monthly series):
 *   (a) at R's order: the exact log-likelihood within 1e-3 relative, the 12
 *       point forecasts and 80% bounds within 1%;
 *   (b) the automatic search picks R's order on at least 60% of the series
 *       (the ones that differ are printed);
 *   (c) where it does, the forecasts within 1% again;
 * the likelihood's stationary start and Chandrasekhar filter against the
 * textbook Riccati filter written out in the test; and by hand: the AR(1)
 * stationary variance, the differencing polynomial, the KPSS statistic (against
 * urca::ur.kpss), the year-end variance as the sum of the error covariance,
 * and reproducible paths centred on the forecast with that spread. */
#include "check.h"
#include "golden.h"

#include <gsl/gsl_rng.h>
#include <gsl/gsl_statistics_double.h>

#include "forecast/fc_internal.h"

#define GOLDEN FDI_SOURCE_DIR "/tests/golden/arima/"

enum { H = 12, NSER = 16 };

static int within(double got, double want, double rel)
{
    return fabs(got - want) <= rel * fmax(fabs(want), 1e-9);
}

typedef struct {
    const char *name;
    arima_order o;
    double loglik;
    double mean[H], lo80[H], hi80[H];
} r_fit;

static int load_fits(const golden_csv *g, const golden_csv *fc, r_fit *out)
{
    int cs = golden_col(g, "series"), cm = golden_col(g, "m"), cl = golden_col(g, "loglik");
    int cp = golden_col(g, "p"), cd = golden_col(g, "d"), cq = golden_col(g, "q");
    int cP = golden_col(g, "P"), cD = golden_col(g, "D"), cQ = golden_col(g, "Q");
    int cc = golden_col(g, "constant");
    int fs = golden_col(fc, "series"), fh = golden_col(fc, "h"), fmn = golden_col(fc, "mean");
    int flo = golden_col(fc, "lo80"), fhi = golden_col(fc, "hi80");
    int k = 0;
    for (size_t r = 1; r < g->nrows && k < NSER; r++, k++) {
        char *const *row = g->rows[r];
        r_fit *f = &out[k];
        f->name = row[cs];
        arima_order o = {atoi(row[cp]), atoi(row[cd]), atoi(row[cq]), atoi(row[cP]),
                         atoi(row[cD]), atoi(row[cQ]), atoi(row[cm]), atoi(row[cc])};
        f->o = o;
        f->loglik = golden_num(row[cl]);
        for (size_t i = 1; i < fc->nrows; i++)
            if (strcmp(fc->rows[i][fs], f->name) == 0) {
                int h = atoi(fc->rows[i][fh]) - 1;
                f->mean[h] = golden_num(fc->rows[i][fmn]);
                f->lo80[h] = golden_num(fc->rows[i][flo]);
                f->hi80[h] = golden_num(fc->rows[i][fhi]);
            }
    }
    return k;
}

/* Forecasts and 80% bounds of mod against R's; the count within 1%. */
static int forecasts_agree(const arima_model *mod, const r_fit *r)
{
    double mean[H], cov[H * H];
    fdi__arima_forecast(mod, H, mean);
    fdi__arima_error_cov(mod, H, cov);
    int ok = 0;
    for (int h = 0; h < H; h++) {
        double z = 1.2815515655446004 * sqrt(cov[h * H + h]);
        int good = within(mean[h], r->mean[h], 0.01) && within(mean[h] - z, r->lo80[h], 0.01) &&
                   within(mean[h] + z, r->hi80[h], 0.01);
        if (!good)
            fprintf(stderr, "  %s h=%d: mean %.6g (R %.6g) lo80 %.6g (R %.6g) hi80 %.6g (R %.6g)\n",
                    r->name, h + 1, mean[h], r->mean[h], mean[h] - z, r->lo80[h], mean[h] + z,
                    r->hi80[h]);
        ok += good;
    }
    return ok;
}

static void test_fixed_order(const golden_csv *ser, const r_fit *fits, int nfit)
{
    for (int k = 0; k < nfit; k++) {
        size_t n;
        double *y = golden_series(ser, fits[k].name, &n);
        arima_model mod;
        CHECK_INT(fdi__arima_fit_order(y, n, &fits[k].o, &mod), FDI_OK);
        char name[64];
        fdi__arima_name(&mod, name, sizeof name);
        printf("%-22s %-40s loglik %.6f (R %.6f)\n", fits[k].name, name, mod.loglik,
               fits[k].loglik);
        CHECK_NEAR(mod.loglik, fits[k].loglik, 1e-3);
        CHECK_INT(forecasts_agree(&mod, &fits[k]), H);
        free(y);
    }
}

static int same_order(const arima_order *a, const arima_order *b)
{
    return a->p == b->p && a->d == b->d && a->q == b->q && a->P == b->P && a->D == b->D &&
           a->Q == b->Q && a->constant == b->constant;
}

static void test_search(const golden_csv *ser, const r_fit *fits, int nfit)
{
    int agree = 0;
    for (int k = 0; k < nfit; k++) {
        size_t n;
        double *y = golden_series(ser, fits[k].name, &n);
        arima_model mod;
        CHECK_INT(fdi__arima_auto(y, n, fits[k].o.m, &mod, NULL), FDI_OK);
        char got[64], want[64];
        fdi__arima_name(&mod, got, sizeof got);
        arima_model rm = {.o = fits[k].o};
        fdi__arima_name(&rm, want, sizeof want);
        if (same_order(&mod.o, &fits[k].o)) {
            agree++;
            CHECK_INT(forecasts_agree(&mod, &fits[k]), H);
        } else {
            printf("order differs on %s: fdi %s, R %s\n", fits[k].name, got, want);
        }
        free(y);
    }
    printf("automatic order as R's on %d of %d series\n", agree, nfit);
    CHECK(agree * 10 >= nfit * 6);
}

/* (1-B)(1-B^4): y_t = y_{t-1} + y_{t-4} - y_{t-5} + w_t (by hand). */
static void test_differencing(void)
{
    double y[] = {1, 4, 9, 16, 25, 36, 49, 64, 81, 100}, w[10];
    size_t nw = fdi__arima_difference(y, 10, 1, 1, 4, w);
    CHECK_INT(nw, 5);
    /* y_t - y_{t-4} = 8t + 16 (t from 1) ... differenced once more: 8 */
    for (size_t i = 0; i < nw; i++)
        CHECK_NEAR(w[i], 8.0, 1e-12);
    arima_model mod = {.o = {0, 1, 0, 0, 1, 0, 4, 0}};
    fdi__arima_integration(&mod, y, 10);
    CHECK_INT(mod.nd, 5);
    double want[5] = {1, 0, 0, 1, -1};
    for (int i = 0; i < 5; i++)
        CHECK_NEAR(mod.delta[i], want[i], 1e-12);
}

/* KPSS of 1..10 by hand: e = t - 5.5, S_t = (t^2 - 10 t) / 2, sum S^2 =
 * 833.25, eta = 8.3325; lag trunc(3 sqrt(10) / 13) = 0, s2 = 82.5 / 10;
 * statistic 1.01 (urca::ur.kpss(1:10, use.lag = 0) says 1.01), above
 * 0.463: one difference, which is constant (forecast::ndiffs(1:10) = 1).
 * A series with lag 1 in the long-run variance: urca gives 0.2396748. */
static void test_kpss(void)
{
    double x[10];
    for (int i = 0; i < 10; i++)
        x[i] = i + 1;
    CHECK_NEAR(fdi__arima_kpss(x, 10), 1.01, 1e-12);
    CHECK_INT(fdi__arima_ndiffs(x, 10, 2), 1);
    double z[20] = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4};
    CHECK_NEAR(fdi__arima_kpss(z, 20), 0.2396748, 1e-6);
}

/* Through the public API: --method arima's year-end sum variance is the sum
 * of the error covariance, and the paths are reproducible and centred. */
static void test_paths(const golden_csv *ser)
{
    size_t n;
    double *y = golden_series(ser, "AirPassengers", &n);
    fdi_fc_config c = fdi_fc_config_default(12, 0);
    fdi_fc_fit *f;
    CHECK_INT(fdi_fc_fit_series(FDI_FC_ARIMA, y, n, &c, &f, NULL), FDI_OK);
    CHECK_INT(fdi_fc_used(f), FDI_FC_ARIMA);
    CHECK_HAS(fdi_fc_label(f), "ARIMA(");
    enum { NP = 4000, HH = 6 };
    double *p1 = malloc(NP * HH * sizeof *p1), *p2 = malloc(NP * HH * sizeof *p2);
    double mean[HH], sums[NP], cov[HH * HH], tot = 0;
    CHECK_INT(fdi_fc_simulate(f, HH, NP, 7, p1), FDI_OK);
    CHECK_INT(fdi_fc_simulate(f, HH, NP, 7, p2), FDI_OK);
    CHECK(memcmp(p1, p2, NP * HH * sizeof *p1) == 0);
    fdi_fc_point(f, HH, mean);
    double want = 0;
    for (int i = 0; i < HH; i++)
        want += mean[i];
    for (int p = 0; p < NP; p++) {
        sums[p] = 0;
        for (int i = 0; i < HH; i++)
            sums[p] += p1[p * HH + i];
    }
    fdi__arima_error_cov(f->arima, HH, cov);
    for (int i = 0; i < HH * HH; i++)
        tot += cov[i];
    CHECK_NEAR(fdi_fc_sum_variance(f, HH), tot, 1e-12);
    double sd = sqrt(tot);
    CHECK(fabs(gsl_stats_mean(sums, 1, NP) - want) < 4 * sd / sqrt((double)NP));
    CHECK_NEAR(gsl_stats_sd(sums, 1, NP), sd, 0.05);
    fdi_fc_method m;
    CHECK_INT(fdi_fc_method_parse("arima", &m), 0);
    CHECK_INT(m, FDI_FC_ARIMA);
    free(p1);
    free(p2);
    free(y);
    fdi_fc_free(f);
}

/* The likelihood's filter against the textbook one written out here: the
 * stationary covariance by iterating P <- T P T' + R R' to convergence,
 * then the Riccati recursion for P (Harvey 1989, 3.2), O(r^3) a step.
 * The engine solves for P0 from the autocovariances and runs the O(r)
 * Chandrasekhar recursions instead; the objective, the end state and P0
 * must agree. */
enum { TR = 16 };

static void textbook_filter(const arima_model *mod, const double *w, size_t n, double *obj,
                            double *a_end, double *P_end, double *P0)
{
    int r = mod->r;
    double T[TR * TR] = {0}, R[TR] = {0}, P[TR * TR] = {0}, tmp[TR * TR], a[TR] = {0};
    for (int i = 0; i < r; i++) {
        T[i * r] = i < mod->np ? mod->phi[i] : 0.0;
        if (i + 1 < r)
            T[i * r + i + 1] = 1.0;
        R[i] = i == 0 ? 1.0 : (i - 1 < mod->nq ? mod->theta[i - 1] : 0.0);
    }
    for (int it = 0; it < 20000; it++) /* P <- T P T' + R R' */
        for (int pass = 0; pass < 2; pass++)
            for (int i = 0; i < r; i++)
                for (int j = 0; j < r; j++) {
                    double s = 0;
                    for (int k = 0; k < r; k++)
                        s += pass ? tmp[i * r + k] * T[j * r + k] : T[i * r + k] * P[k * r + j];
                    if (pass)
                        P[i * r + j] = s + R[i] * R[j];
                    else
                        tmp[i * r + j] = s;
                }
    memcpy(P0, P, (size_t)(r * r) * sizeof *P);
    double ssq = 0, sumlog = 0;
    for (size_t t = 0; t < n; t++) {
        double F = P[0], v = w[t] - mod->mu - a[0], af[TR], Pf[TR * TR];
        ssq += v * v / F;
        sumlog += log(F);
        for (int i = 0; i < r; i++) {
            af[i] = a[i] + P[i * r] * v / F;
            for (int j = 0; j < r; j++)
                Pf[i * r + j] = P[i * r + j] - P[i * r] * P[j] / F;
        }
        if (t + 1 == n) {
            memcpy(a_end, af, (size_t)r * sizeof *af);
            memcpy(P_end, Pf, (size_t)(r * r) * sizeof *Pf);
            break;
        }
        for (int i = 0; i < r; i++) { /* a = T af, P = T Pf T' + R R' */
            a[i] = 0;
            for (int k = 0; k < r; k++)
                a[i] += T[i * r + k] * af[k];
            for (int j = 0; j < r; j++) {
                double s = 0;
                for (int k = 0; k < r; k++)
                    s += T[i * r + k] * Pf[k * r + j];
                tmp[i * r + j] = s;
            }
        }
        for (int i = 0; i < r; i++)
            for (int j = 0; j < r; j++) {
                double s = 0;
                for (int k = 0; k < r; k++)
                    s += tmp[i * r + k] * T[j * r + k];
                P[i * r + j] = s + R[i] * R[j];
            }
    }
    *obj = 0.5 * (log(ssq / (double)n) + sumlog / (double)n);
}

static void test_filter(void)
{
    /* AR(1), phi = 0.6: P0 = 1 / (1 - 0.36) by hand */
    arima_model ar = {.o = {1, 0, 0, 0, 0, 0, 1, 0}};
    double c1[1] = {0.6}, P0[TR * TR];
    fdi__arima_expand(&ar, c1);
    CHECK_INT(fdi__arima_stationary_cov(&ar, P0), 0);
    CHECK_NEAR(P0[0], 1.0 / 0.64, 1e-14);
    /* a unit root has no stationary covariance */
    c1[0] = 1.0;
    fdi__arima_expand(&ar, c1);
    CHECK_INT(fdi__arima_stationary_cov(&ar, P0), -1);
    /* ARIMA(2,0,1)(1,0,1)[4] with mean: r = max(2 + 4, 1 + 4 + 1) = 6 */
    static const double coef[6] = {0.5, -0.3, 0.4, 0.45, -0.6, 2.0};
    arima_model mod = {.o = {2, 0, 1, 1, 0, 1, 4, 1}};
    fdi__arima_expand(&mod, coef);
    CHECK_INT(mod.r, 6);
    double w[60], want_obj, want_a[TR], want_P[TR * TR], want_P0[TR * TR];
    for (int t = 0; t < 60; t++) /* any series will do: the filters must agree */
        w[t] = 2.0 + sin(0.7 * t) + 0.5 * cos(1.9 * t) + 0.01 * t;
    textbook_filter(&mod, w, 60, &want_obj, want_a, want_P, want_P0);
    CHECK_INT(fdi__arima_stationary_cov(&mod, P0), 0);
    for (int i = 0; i < 36; i++)
        CHECK(fabs(P0[i] - want_P0[i]) < 1e-12 * fabs(want_P0[0]));
    CHECK_NEAR(fdi__arima_kalman(&mod, w, 60, 1, NULL, NULL), want_obj, 1e-12);
    for (int i = 0; i < 6; i++) {
        CHECK(fabs(mod.a[i] - want_a[i]) < 1e-10);
        for (int j = 0; j < 6; j++)
            CHECK(fabs(mod.P[i * 6 + j] - want_P[i * 6 + j]) < 1e-10);
    }
}

int main(void)
{
    golden_csv ser, fit, fc;
    CHECK(golden_load(GOLDEN "series.csv", &ser) == 0);
    CHECK(golden_load(GOLDEN "fit.csv", &fit) == 0);
    CHECK(golden_load(GOLDEN "forecast.csv", &fc) == 0);
    r_fit fits[NSER];
    int nfit = load_fits(&fit, &fc, fits);
    CHECK_INT(nfit, 8);
    test_differencing();
    test_kpss();
    test_filter();
    test_fixed_order(&ser, fits, nfit);
    test_search(&ser, fits, nfit);
    test_paths(&ser);
    golden_free(&ser);
    golden_free(&fit);
    golden_free(&fc);
    return check_report("test_fc_arima");
}
