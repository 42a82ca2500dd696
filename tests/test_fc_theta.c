/* test_fc_theta.c - the Theta method (engine/forecast/theta.c): parity
 * with R's forecast::thetaf on the golden files (tests/golden/forecast,
 * written by scripts/r_golden_forecast.R with R 4.2 / forecast 8.20), the
 * hand-checked shapes (a constant, a straight line), and the sample paths
 * (seeded, reproducible, centred on the point forecast). */
#include "check.h"
#include "golden.h"

#include <gsl/gsl_rng.h>
#include <gsl/gsl_statistics_double.h>

#include "forecast/fc_internal.h"

#define GOLDEN FDI_SOURCE_DIR "/tests/golden/forecast/"

enum { H = 18 };

static int within(double got, double want, double rel)
{
    return fabs(got - want) <= rel * fmax(fabs(want), 1e-9);
}

/* thetaf on the ten golden series: the same seasonal decision, the same
 * drift ($model$drift is half the OLS slope of the possibly adjusted
 * series, as f->drift), SES alpha and point forecasts within 0.5%. */
static void test_parity(const golden_csv *ser)
{
    golden_csv g;
    CHECK(golden_load(GOLDEN "theta.csv", &g) == 0);
    int cs = golden_col(&g, "series"), cn = golden_col(&g, "n"), ch = golden_col(&g, "h"),
        cmean = golden_col(&g, "mean"), cseas = golden_col(&g, "seasonal"),
        calpha = golden_col(&g, "alpha"), cdrift = golden_col(&g, "drift");
    int series = 0, close = 0, seas_same = 0, drift_same = 0, alpha_close = 0;
    double worst = 0;
    for (size_t r = 1; r < g.nrows; r++) {
        if (strcmp(g.rows[r][ch], "1") != 0)
            continue;
        /* the 18 rows of one series follow each other, h = 1..18 */
        CHECK(r + H - 1 < g.nrows);
        if (r + H - 1 >= g.nrows)
            break;
        size_t n;
        double *y = golden_series(ser, g.rows[r][cs], &n), f[H];
        fdi_fc_config cfg = fdi_fc_config_default(12, 0);
        fdi_fc_fit *fit = NULL;
        fdi_error err;
        series++;
        CHECK_INT(n, strtol(g.rows[r][cn], NULL, 10));
        CHECK_INT(fdi_fc_fit_series(FDI_FC_THETA, y, n, &cfg, &fit, &err), FDI_OK);
        if (!fit) {
            free(y);
            continue;
        }
        CHECK_INT(fdi_fc_used(fit), FDI_FC_THETA);
        CHECK_INT(fdi_fc_fit_notes(fit) & FDI_FC_NOTE_FALLBACK, 0);
        int r_seas = strcmp(g.rows[r][cseas], "TRUE") == 0;
        CHECK(r_seas || strcmp(g.rows[r][cseas], "FALSE") == 0);
        CHECK_INT(fit->seasonal_adjusted, r_seas);
        seas_same += fit->seasonal_adjusted == r_seas;
        CHECK_STR(fdi_fc_label(fit), r_seas ? "theta (seasonally adjusted)" : "theta");
        double r_drift = golden_num(g.rows[r][cdrift]), r_alpha = golden_num(g.rows[r][calpha]);
        /* the OLS slope of the same (adjusted) numbers: near exact */
        int dok = fabs(fit->drift - r_drift) <= 1e-6 * fmax(fabs(r_drift), 1e-3);
        drift_same += dok;
        if (!dok)
            fprintf(stderr, "  %s: drift %.10g, R %.10g\n", g.rows[r][cs], fit->drift, r_drift);
        /* alpha: a likelihood optimum, a flat one for some series */
        alpha_close += fabs(fit->theta_alpha - r_alpha) <= 0.02;
        fdi_fc_point(fit, H, f);
        int all = 1;
        for (size_t h = 0; h < H; h++) {
            double want = golden_num(g.rows[r + h][cmean]);
            CHECK_INT(strtol(g.rows[r + h][ch], NULL, 10), (long)h + 1);
            all &= within(f[h], want, 0.005);
            worst = fmax(worst, fabs(f[h] - want) / fabs(want));
        }
        close += all;
        if (!all)
            fprintf(stderr, "  %s: theta forecasts differ from R by more than 0.5%%\n",
                    g.rows[r][cs]);
        printf("  %-6s n=%3zu seasonal %d/%d alpha %.4f (R %.4f) drift %.6g (R %.6g)\n",
               g.rows[r][cs], n, fit->seasonal_adjusted, r_seas, fit->theta_alpha, r_alpha,
               fit->drift, r_drift);
        fdi_fc_free(fit);
        free(y);
    }
    printf("theta parity: %d series, seasonal decision same %d, drift same %d, "
           "alpha within 0.02 %d, forecasts within 0.5%% %d (worst %.4f%%)\n",
           series, seas_same, drift_same, alpha_close, close, 100 * worst);
    CHECK_INT(series, 10);
    CHECK_INT(seas_same, series);
    CHECK_INT(drift_same, series);
    CHECK_INT(alpha_close, series);
    CHECK_INT(close, series);
    golden_free(&g);
}

/* A constant: not seasonal, no drift, the constant forecast. */
static void test_constant(void)
{
    double y[60], f[24];
    fdi_fc_config cfg = fdi_fc_config_default(12, 0);
    fdi_fc_fit *fit = NULL;
    fdi_error err;
    for (int t = 0; t < 60; t++)
        y[t] = 250;
    CHECK_INT(fdi_fc_fit_series(FDI_FC_THETA, y, 60, &cfg, &fit, &err), FDI_OK);
    if (!fit)
        return;
    CHECK_INT(fit->seasonal_adjusted, 0);
    CHECK_NEAR(fit->drift, 0, 1e-12);
    fdi_fc_point(fit, 24, f);
    for (int h = 0; h < 24; h++)
        CHECK_NEAR(f[h], 250, 1e-9);
    fdi_fc_free(fit);
}

/* y = 10 + 2t (m = 1): the slope is 2, the drift half of it; the forecast
 * is the SES level plus drift x ((h - 1) + (1 - (1 - alpha)^n) / alpha),
 * and the SES level trails the line by (1 - alpha) / alpha slopes. */
static void test_line(void)
{
    enum { N = 40 };
    double y[N], f[12];
    fdi_fc_config cfg = fdi_fc_config_default(1, 0);
    fdi_fc_fit *fit = NULL;
    fdi_error err;
    for (int t = 0; t < N; t++)
        y[t] = 10 + 2.0 * t;
    CHECK_INT(fdi_fc_fit_series(FDI_FC_THETA, y, N, &cfg, &fit, &err), FDI_OK);
    if (!fit)
        return;
    CHECK_INT(fit->seasonal_adjusted, 0);
    CHECK_NEAR(fit->drift, 1.0, 1e-12);
    double a = fit->ets.alpha;
    CHECK(a > 0 && a <= 1);
    CHECK_NEAR(fit->theta_alpha, fmax(1e-10, a), 0);
    /* the SES level: l_t = l_{t-1} + a (y_t - l_{t-1}); on a line of slope
     * 2 its lag settles at 2 (1 - a) / a, whatever the start, within the
     * start's error x (1 - a)^N */
    double lag = 2 * (1 - a) / a, level = fit->ets.l;
    CHECK(fabs(level - (y[N - 1] - lag)) <= 1e-6 + fabs(y[0]) * pow(1 - a, N) * 10);
    fdi_fc_point(fit, 12, f);
    for (int h = 1; h <= 12; h++) {
        double want = level + 1.0 * ((h - 1) + (1 - pow(1 - a, N)) / a);
        CHECK_NEAR(f[h - 1], want, 1e-12);
    }
    /* Theta halves a pure trend: step h forecasts about y_n + h, not + 2h */
    CHECK(fabs(f[11] - (y[N - 1] + 12)) < 0.5 + lag);
    printf("theta line: alpha %.6f level %.6f (line %.1f) f1 %.6f f12 %.6f\n", a, level,
           y[N - 1], f[0], f[11]);
    fdi_fc_free(fit);
}

/* Paths: the same seed gives the same paths, another seed other ones, and
 * the mean of 20000 paths is the point forecast (seasonal and not). */
static void check_paths(fdi_fc_fit *fit, const char *what)
{
    enum { P = 20000, HH = 12 };
    double *a = malloc(P * HH * sizeof *a), *b = malloc(P * HH * sizeof *b);
    double *col = malloc(P * sizeof *col), pt[HH];
    CHECK(a && b && col);
    if (!a || !b || !col)
        goto out;
    CHECK_INT(fdi_fc_simulate(fit, HH, P, 42, a), FDI_OK);
    CHECK_INT(fdi_fc_simulate(fit, HH, P, 42, b), FDI_OK);
    CHECK(memcmp(a, b, P * HH * sizeof *a) == 0);
    CHECK_INT(fdi_fc_simulate(fit, HH, P, 43, b), FDI_OK);
    CHECK(memcmp(a, b, P * HH * sizeof *a) != 0);
    fdi_fc_point(fit, HH, pt);
    int ok = 1;
    for (size_t i = 0; i < HH; i++) {
        for (size_t p = 0; p < P; p++)
            col[p] = a[p * HH + i];
        double mean = gsl_stats_mean(col, 1, P), sd = gsl_stats_sd_m(col, 1, P, mean);
        /* 4.5 standard errors of the mean */
        int near = fabs(mean - pt[i]) <= 4.5 * sd / sqrt((double)P) + 1e-9 * fabs(pt[i]);
        if (!near)
            fprintf(stderr, "  %s step %zu: path mean %.6g, point %.6g, sd %.6g\n", what,
                    i + 1, mean, pt[i], sd);
        ok &= near;
    }
    CHECK(ok);
    /* without a season: the analytic variance of the sum is SES's */
    if (!fit->seasonal_adjusted) {
        for (size_t p = 0; p < P; p++) {
            col[p] = 0;
            for (size_t i = 0; i < HH; i++)
                col[p] += a[p * HH + i];
        }
        double v = gsl_stats_variance(col, 1, P), va = fdi_fc_sum_variance(fit, HH);
        CHECK(within(v, va, 0.05));
    } else {
        CHECK(isnan(fdi_fc_sum_variance(fit, HH)));
    }
out:
    free(a);
    free(b);
    free(col);
}

static void test_simulation(const golden_csv *ser)
{
    fdi_fc_config cfg = fdi_fc_config_default(12, 0);
    fdi_fc_fit *fit = NULL;
    fdi_error err;
    size_t n;
    /* N2577: seasonally adjusted (R: seasonal TRUE) */
    double *y = golden_series(ser, "N2577", &n);
    CHECK_INT(fdi_fc_fit_series(FDI_FC_THETA, y, n, &cfg, &fit, &err), FDI_OK);
    if (fit) {
        CHECK_INT(fit->seasonal_adjusted, 1);
        check_paths(fit, "N2577");
        fdi_fc_free(fit);
    }
    free(y);
    /* a noisy level far from 0 (no clamping at 0), not seasonal */
    enum { N = 96 };
    double z[N];
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 5);
    for (int t = 0; t < N; t++)
        z[t] = 1000 + 0.5 * t + 30 * (gsl_rng_uniform(r) - 0.5);
    gsl_rng_free(r);
    CHECK_INT(fdi_fc_fit_series(FDI_FC_THETA, z, N, &cfg, &fit, &err), FDI_OK);
    if (fit) {
        CHECK_INT(fit->seasonal_adjusted, 0);
        check_paths(fit, "noisy level");
        fdi_fc_free(fit);
    }
}

int main(void)
{
    golden_csv ser;
    if (golden_load(GOLDEN "series.csv", &ser) != 0) {
        fprintf(stderr, "cannot read %sseries.csv\n", GOLDEN);
        return 1;
    }
    test_parity(&ser);
    test_constant();
    test_line();
    test_simulation(&ser);
    golden_free(&ser);
    return check_report("test_fc_theta");
}
