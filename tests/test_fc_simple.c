/* test_fc_simple.c - run rate, seasonal shares and seasonal naive: their
 * point forecasts and the errors they replay from past years, checked by
 * hand on a three-year quarterly series, and their sample paths checked
 * for reproducibility, centre and spread. */
#include "check.h"
#include "forecast/fc_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Three quarterly years and one quarter of the fourth:
 *   A (oldest)  10 20 30 40   total 100, mean |y| 25
 *   B           20 20 40 20   total 100, mean |y| 25
 *   C           30 60 60 50   total 200, mean |y| 50
 *   now         40            pos = 1 */
static const double Y[13] = {10, 20, 30, 40, 20, 20, 40, 20, 30, 60, 60, 50, 40};

static fdi_fc_fit *new_fit(fdi_fc_method method, int m, int pos)
{
    fdi_fc_fit *f = calloc(1, sizeof *f);
    if (!f)
        abort();
    f->method = method;
    f->m = m;
    f->pos = pos;
    return f;
}

static void free_fit(fdi_fc_fit *f)
{
    if (f)
        free(f->err);
    free(f);
}

static void check_vec(const double *got, const double *want, size_t n, double tol)
{
    for (size_t i = 0; i < n; i++)
        CHECK_NEAR(got[i], want[i], tol);
}

static void test_runrate(void)
{
    fdi_fc_fit *f = new_fit(FDI_FC_RUNRATE, 4, 1);
    double mean[5];
    CHECK_INT(fdi__fc_fit_runrate(f, Y, 13), FDI_OK);
    CHECK_STR(f->label, "runrate");
    CHECK_INT(f->used, FDI_FC_RUNRATE);
    CHECK_INT(f->notes & FDI_FC_NOTE_SHORT, 0);
    CHECK_NEAR(f->level, 40.0, 1e-15); /* ytd 40 over 1 quarter */
    fdi__fc_point_simple(f, 5, mean);
    for (int i = 0; i < 5; i++)
        CHECK_NEAR(mean[i], 40.0, 1e-15);
    /* replayed in C (run rate 30), B (20), A (10), newest first:
     * C: (60-30, 60-30, 50-30) / 50; B: (20-20, 40-20, 20-20) / 25;
     * A: (20-10, 30-10, 40-10) / 25 */
    CHECK_INT(f->nerr, 3);
    if (f->nerr == 3) {
        static const double want[9] = {0.6, 0.6, 0.4, 0, 0.8, 0, 0.4, 0.8, 1.2};
        check_vec(f->err, want, 9, 1e-15);
    }
    CHECK_NEAR(f->err_scale, 52.5, 1e-15); /* mean of 60 60 50 40 */
    free_fit(f);

    /* pos = 0: the mean of the last year, 50; replayed where a year
     * precedes: C after B (25): (5, 35, 35, 25) / 50; B after A (25):
     * (-5, -5, 15, -5) / 25; A has no year before it */
    f = new_fit(FDI_FC_RUNRATE, 4, 0);
    CHECK_INT(fdi__fc_fit_runrate(f, Y, 12), FDI_OK);
    CHECK_NEAR(f->level, 50.0, 1e-15);
    CHECK_INT(f->nerr, 2);
    if (f->nerr == 2) {
        static const double want[8] = {0.1, 0.7, 0.7, 0.5, -0.2, -0.2, 0.6, -0.2};
        check_vec(f->err, want, 8, 1e-15);
    }
    free_fit(f);

    /* pos = 3 of a monthly year born this year: 3 values, short */
    f = new_fit(FDI_FC_RUNRATE, 12, 3);
    CHECK_INT(fdi__fc_fit_runrate(f, Y, 3), FDI_OK);
    CHECK_NEAR(f->level, 20.0, 1e-15);
    CHECK(f->notes & FDI_FC_NOTE_SHORT);
    CHECK_INT(f->nerr, 0);
    CHECK(f->err == NULL);
    CHECK_NEAR(f->sigma, 10.0, 1e-15); /* sample sd of 10 20 30 */
    free_fit(f);

    /* born mid-year: 2 values but pos 5, the mean of what there is */
    f = new_fit(FDI_FC_RUNRATE, 12, 5);
    CHECK_INT(fdi__fc_fit_runrate(f, Y, 2), FDI_OK);
    CHECK_NEAR(f->level, 15.0, 1e-15);
    free_fit(f);

    /* negatives: the run rate of -30 and 10 is -10 a month */
    {
        double neg[2] = {-30, 10};
        f = new_fit(FDI_FC_RUNRATE, 12, 2);
        CHECK_INT(fdi__fc_fit_runrate(f, neg, 2), FDI_OK);
        CHECK_NEAR(f->level, -10.0, 1e-15);
        free_fit(f);
    }

    /* usage errors and nothing to fit */
    f = new_fit(FDI_FC_RUNRATE, 4, 4);
    CHECK_INT(fdi__fc_fit_runrate(f, Y, 13), FDI_EUSAGE);
    f->pos = 1;
    CHECK_INT(fdi__fc_fit_runrate(f, Y, 0), FDI_ENODATA);
    free_fit(f);
}

static void test_seasonal(void)
{
    fdi_fc_fit *f = new_fit(FDI_FC_SEASONAL, 4, 1);
    double mean[7];
    /* shares: A .1 .2 .3 .4, B .2 .2 .4 .2, C .15 .3 .3 .25; average
     * .15 .7/3 1/3 .85/3; T = 40 / .15 */
    const double T = 40.0 / 0.15;
    const double sh[4] = {0.15, 0.7 / 3, 1.0 / 3, 0.85 / 3};
    CHECK_INT(fdi__fc_fit_seasonal(f, Y, 13, 3), FDI_OK);
    CHECK_STR(f->label, "seasonal k=3");
    CHECK_INT(f->used, FDI_FC_SEASONAL);
    CHECK_NEAR(f->level, T, 1e-13);
    check_vec(f->shares, sh, 4, 1e-15);
    fdi__fc_point_simple(f, 7, mean);
    for (int i = 0; i < 7; i++)
        CHECK_NEAR(mean[i], T * sh[(1 + i) % 4], 1e-12);
    /* replayed at the end of Q1 of C: shares of B and A .15 .2 .35 .3,
     * T = 30 / .15 = 200, forecast 40 70 60 for 60 60 50: (20, -10, -10)
     * / 50.  Of B: shares of A, T = 20 / .1 = 200, forecast 40 60 80 for
     * 20 40 20: (-20, -20, -60) / 25.  A has no year before it. */
    CHECK_INT(f->nerr, 2);
    if (f->nerr == 2) {
        static const double want[6] = {0.4, -0.2, -0.2, -0.8, -0.8, -2.4};
        check_vec(f->err, want, 6, 1e-14);
    }
    CHECK_NEAR(f->err_scale, 52.5, 1e-15);
    free_fit(f);

    /* k = 1: C alone, 40 / .15 */
    f = new_fit(FDI_FC_SEASONAL, 4, 1);
    CHECK_INT(fdi__fc_fit_seasonal(f, Y, 13, 1), FDI_OK);
    CHECK_STR(f->label, "seasonal k=1");
    CHECK_NEAR(f->shares[1], 0.3, 1e-15);
    CHECK_NEAR(f->level, T, 1e-13);
    free_fit(f);

    /* pos = 0: a whole new year at the mean total, (100 + 100 + 200) / 3 */
    f = new_fit(FDI_FC_SEASONAL, 4, 0);
    CHECK_INT(fdi__fc_fit_seasonal(f, Y, 12, 3), FDI_OK);
    CHECK_NEAR(f->level, 400.0 / 3, 1e-13);
    fdi__fc_point_simple(f, 4, mean);
    for (int i = 0; i < 4; i++)
        CHECK_NEAR(mean[i], 400.0 / 3 * sh[i], 1e-12);
    free_fit(f);

    /* a year with a negative total is skipped: A' = 10 -20 -30 20 */
    {
        double y[13];
        memcpy(y, Y, sizeof y);
        y[1] = -20;
        y[2] = -30;
        y[3] = 20;
        f = new_fit(FDI_FC_SEASONAL, 4, 1);
        CHECK_INT(fdi__fc_fit_seasonal(f, y, 13, 3), FDI_OK);
        CHECK_STR(f->label, "seasonal k=2");
        CHECK_NEAR(f->shares[0], 0.175, 1e-15); /* (.2 + .15) / 2 */
        CHECK_NEAR(f->level, 40.0 / 0.175, 1e-12);
        /* replaying C needs a usable year before it: only B; replaying B
         * finds no usable year: one error vector */
        CHECK_INT(f->nerr, 1);
        free_fit(f);
    }

    /* zeros: no usable year */
    {
        double z[13] = {0};
        f = new_fit(FDI_FC_SEASONAL, 4, 1);
        CHECK_INT(fdi__fc_fit_seasonal(f, z, 13, 3), FDI_ENODATA);
        free_fit(f);
    }
    /* no complete past year */
    f = new_fit(FDI_FC_SEASONAL, 4, 1);
    CHECK_INT(fdi__fc_fit_seasonal(f, Y, 4, 3), FDI_ENODATA);
    free_fit(f);

    /* ytd 0 in a position that held nothing: share sum 0, T = mean total */
    {
        double y[9] = {0, 10, 20, 30, 0, 20, 20, 20, 0};
        f = new_fit(FDI_FC_SEASONAL, 4, 1);
        CHECK_INT(fdi__fc_fit_seasonal(f, y, 9, 3), FDI_OK);
        CHECK_NEAR(f->level, 60.0, 1e-13);
        CHECK_INT(f->notes & FDI_FC_NOTE_SHORT, 0); /* 9 >= 2 x 4 */
        free_fit(f);
    }
}

static void test_snaive(void)
{
    fdi_fc_fit *f = new_fit(FDI_FC_SNAIVE, 4, 1);
    double mean[9];
    /* R: snaive(ts(Y, frequency = 4), h = 5): mean 60 60 50 40 60,
     * sqrt(model$sigma2) = 20.275875100994064 (= sqrt(3700 / 9)) */
    static const double want[9] = {60, 60, 50, 40, 60, 60, 50, 40, 60};
    CHECK_INT(fdi__fc_fit_snaive(f, Y, 13), FDI_OK);
    CHECK_STR(f->label, "snaive");
    fdi__fc_point_simple(f, 9, mean);
    check_vec(mean, want, 9, 0.0);
    CHECK_NEAR(f->sigma, 20.275875100994064, 1e-14);
    CHECK_NEAR(f->sigma, sqrt(3700.0 / 9), 1e-14);
    free_fit(f);

    f = new_fit(FDI_FC_SNAIVE, 4, 1);
    CHECK_INT(fdi__fc_fit_snaive(f, Y, 3), FDI_ENODATA);
    /* one year: no seasonal difference, the sd of the year instead */
    CHECK_INT(fdi__fc_fit_snaive(f, Y, 4), FDI_OK);
    CHECK_NEAR(f->sigma, sqrt(500.0 / 3), 1e-14);
    CHECK(f->notes & FDI_FC_NOTE_SHORT);
    free_fit(f);
}

/* Same seed, same paths; another seed, other paths. */
static void test_reproducible(void)
{
    enum { H = 7, P = 50 };
    static double a[H * P], b[H * P];
    fdi_fc_method ms[3] = {FDI_FC_RUNRATE, FDI_FC_SEASONAL, FDI_FC_SNAIVE};
    fdi__rng rs, *r = &rs;
    for (int k = 0; k < 3; k++) {
        fdi_fc_fit *f = new_fit(ms[k], 4, 1);
        fdi_status st = ms[k] == FDI_FC_RUNRATE  ? fdi__fc_fit_runrate(f, Y, 13)
                        : ms[k] == FDI_FC_SEASONAL ? fdi__fc_fit_seasonal(f, Y, 13, 3)
                                                   : fdi__fc_fit_snaive(f, Y, 13);
        CHECK_INT(st, FDI_OK);
        fdi__rng_seed(r, 42);
        CHECK_INT(fdi__fc_simulate_simple(f, H, P, r, a), FDI_OK);
        fdi__rng_seed(r, 42);
        CHECK_INT(fdi__fc_simulate_simple(f, H, P, r, b), FDI_OK);
        CHECK(memcmp(a, b, sizeof a) == 0);
        fdi__rng_seed(r, 43);
        CHECK_INT(fdi__fc_simulate_simple(f, H, P, r, b), FDI_OK);
        CHECK(memcmp(a, b, sizeof a) != 0);
        free_fit(f);
    }
}

/* Mean and variance of step i over the paths. */
static void moments(const double *paths, size_t h, size_t np, size_t i,
                    double *mean, double *var)
{
    double s = 0.0, ss = 0.0;
    for (size_t p = 0; p < np; p++)
        s += paths[p * h + i];
    s /= (double)np;
    for (size_t p = 0; p < np; p++)
        ss += (paths[p * h + i] - s) * (paths[p * h + i] - s);
    *mean = s;
    *var = ss / (double)(np - 1);
}

static void test_snaive_paths(void)
{
    enum { H = 9, P = 40000 };
    double *paths = malloc(sizeof(double) * H * P), mean[H], mu, var;
    fdi_fc_fit *f = new_fit(FDI_FC_SNAIVE, 4, 1);
    fdi__rng rs, *r = &rs;
    double s2;
    if (!paths)
        abort();
    fdi__rng_seed(r, 7);
    CHECK_INT(fdi__fc_fit_snaive(f, Y, 13), FDI_OK);
    s2 = f->sigma * f->sigma;
    fdi__fc_point_simple(f, H, mean);
    CHECK_INT(fdi__fc_simulate_simple(f, H, P, r, paths), FDI_OK);
    for (size_t i = 0; i < H; i++) {
        /* var sigma^2 (1 + floor(i / m)); the mean within 4 standard
         * errors, the variance within 4% (its se is sqrt(2/P) ~ 0.7%) */
        double v = s2 * (1.0 + (double)(i / 4));
        moments(paths, H, P, i, &mu, &var);
        CHECK(fabs(mu - mean[i]) < 4.0 * sqrt(v / P));
        CHECK_NEAR(var / v, 1.0, 0.04);
    }
    free_fit(f);
    free(paths);
}

/* Runrate and seasonal with three past years' errors: the paths are
 * centred on point + err_scale x the mean stored error (a method that kept
 * under-forecasting in past years is corrected), and are not a handful of
 * atoms.  With two (seasonal here, one year having no year before it to
 * replay from) the paths are the fallback normal around the point, sd the
 * sample sd of the last m values (60 60 50 40: sd sqrt(275 / 3)). */
static void test_empirical_paths(void)
{
    enum { H = 3, P = 30000 };
    double *paths = malloc(sizeof(double) * H * P), mean[H], mu, var;
    fdi__rng rs, *r = &rs;
    fdi_fc_method ms[2] = {FDI_FC_RUNRATE, FDI_FC_SEASONAL};
    if (!paths)
        abort();
    for (int k = 0; k < 2; k++) {
        fdi_fc_fit *f = new_fit(ms[k], 4, 1);
        double ss = 0.0, s;
        size_t distinct = 0;
        CHECK_INT(k == 0 ? fdi__fc_fit_runrate(f, Y, 13) : fdi__fc_fit_seasonal(f, Y, 13, 3),
                  FDI_OK);
        fdi__rng_seed(r, 11);
        fdi__fc_point_simple(f, H, mean);
        CHECK_INT(fdi__fc_simulate_simple(f, H, P, r, paths), FDI_OK);
        CHECK_INT(f->nerr, k == 0 ? 3 : 2);
        if (k == 1) {
            CHECK_NEAR(f->sigma, sqrt(275.0 / 3), 1e-14);
            for (size_t i = 0; i < H; i++) {
                moments(paths, H, P, i, &mu, &var);
                CHECK(fabs(mu - mean[i]) < 4.0 * sqrt(275.0 / 3 / P));
                CHECK_NEAR(var / (275.0 / 3), 1.0, 0.05);
            }
            free_fit(f);
            continue;
        }
        for (size_t j = 0; j < f->nerr * H; j++)
            ss += f->err[j] * f->err[j];
        s = sqrt(ss / (double)(f->nerr * H)) * f->err_scale;
        for (size_t i = 0; i < H; i++) {
            double em = 0.0, ev = 0.0, v;
            for (size_t j = 0; j < f->nerr; j++)
                em += f->err[j * H + i] * f->err_scale;
            em /= (double)f->nerr;
            for (size_t j = 0; j < f->nerr; j++) {
                double d = f->err[j * H + i] * f->err_scale - em;
                ev += d * d;
            }
            /* a uniform draw among nerr vectors plus the N(0, (s/4)^2) jitter */
            v = ev / (double)f->nerr + 0.0625 * s * s;
            moments(paths, H, P, i, &mu, &var);
            CHECK(fabs(mu - (mean[i] + em)) < 4.0 * sqrt(v / P));
            CHECK_NEAR(var / v, 1.0, 0.05);
        }
        for (size_t p = 1; p < 200; p++)
            distinct += paths[p * H] != paths[0];
        CHECK_INT(distinct, 199);
        free_fit(f);
    }
    free(paths);
}

/* Beyond the year's m - pos steps a fresh error vector is drawn; with no
 * error vector the paths are point + N(0, sd^2), sd of the last m values,
 * or half the level for a flat history. */
static void test_fallback_paths(void)
{
    enum { H = 2, P = 40000 };
    double *paths = malloc(sizeof(double) * H * P), mu, var;
    fdi__rng rs, *r = &rs;
    fdi_fc_fit *f;
    double flat[3] = {8, 8, 8};
    if (!paths)
        abort();
    fdi__rng_seed(r, 3);
    /* runrate of 10 20 30 (pos 3 of 12): sd 10 */
    f = new_fit(FDI_FC_RUNRATE, 12, 3);
    CHECK_INT(fdi__fc_fit_runrate(f, Y, 3), FDI_OK);
    CHECK_INT(fdi__fc_simulate_simple(f, H, P, r, paths), FDI_OK);
    moments(paths, H, P, 1, &mu, &var);
    CHECK(fabs(mu - 20.0) < 4.0 * sqrt(100.0 / P));
    CHECK_NEAR(var / 100.0, 1.0, 0.04);
    free_fit(f);
    /* flat: sd = 8 / 2 */
    f = new_fit(FDI_FC_RUNRATE, 12, 3);
    CHECK_INT(fdi__fc_fit_runrate(f, flat, 3), FDI_OK);
    CHECK_NEAR(f->sigma, 4.0, 0.0);
    free_fit(f);
    /* seasonal with one past year: no replay; sd of the last 4 values
     * (20 40 20 30: sd sqrt(275 / 3)) */
    f = new_fit(FDI_FC_SEASONAL, 4, 1);
    CHECK_INT(fdi__fc_fit_seasonal(f, Y + 4, 5, 3), FDI_OK);
    CHECK_INT(f->nerr, 0);
    CHECK_NEAR(f->sigma, sqrt(275.0 / 3), 1e-14);
    free_fit(f);
    /* zeros: a runrate of 0 stays exactly 0 */
    {
        double z[13] = {0};
        f = new_fit(FDI_FC_RUNRATE, 4, 1);
        CHECK_INT(fdi__fc_fit_runrate(f, z, 13), FDI_OK);
        CHECK_INT(f->nerr, 0); /* years of zeros have no scale */
        CHECK_INT(fdi__fc_simulate_simple(f, H, 10, r, paths), FDI_OK);
        for (size_t i = 0; i < 10 * H; i++)
            CHECK_NEAR(paths[i], 0.0, 0.0);
        free_fit(f);
    }
    free(paths);

    /* h beyond the year: steps 4..6 use errors again (runrate pos 1) */
    {
        enum { H2 = 6, P2 = 2000 };
        double *pp = malloc(sizeof(double) * H2 * P2), m1, v1, m4, v4;
        fdi__rng rs2, *r2 = &rs2;
        if (!pp)
            abort();
        fdi__rng_seed(r2, 0); /* GSL's default seed, as gsl_rng_alloc left it */
        f = new_fit(FDI_FC_RUNRATE, 4, 1);
        CHECK_INT(fdi__fc_fit_runrate(f, Y, 13), FDI_OK);
        CHECK_INT(fdi__fc_simulate_simple(f, H2, P2, r2, pp), FDI_OK);
        moments(pp, H2, P2, 0, &m1, &v1);
        moments(pp, H2, P2, 3, &m4, &v4);
        CHECK_NEAR(m4 / m1, 1.0, 0.1); /* the same error distribution */
        CHECK_NEAR(v4 / v1, 1.0, 0.2);
        free_fit(f);
        free(pp);
    }
}

int main(void)
{
    test_runrate();
    test_seasonal();
    test_snaive();
    test_reproducible();
    test_snaive_paths();
    test_empirical_paths();
    test_fallback_paths();
    return check_report("test_fc_simple");
}
