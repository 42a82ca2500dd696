/* test_fc_yearend.c - the year-end distribution (fdi_fc_yearend): seeds,
 * the complete year, P(target), the analytic variance against the
 * simulated totals, the year to date, fallbacks and notes, negative and
 * non-negative flows, and the Hai Phong case from datasets/haiphong. */
#include "check.h"
#include "fdi/fdi.h"

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "forecast/fc_internal.h"

#define DATA(p) FDI_SOURCE_DIR "/datasets/" p
#define MONTH(y, m) ((int32_t)((y) * 12 + (m) - 1))

static int starts_with(const char *s, const char *p) { return strncmp(s, p, strlen(p)) == 0; }
static int ends_with(const char *s, const char *p)
{
    size_t a = strlen(s), b = strlen(p);
    return a >= b && strcmp(s + a - b, p) == 0;
}

/* Monthly flows with a season, a slow trend and seeded noise. */
static void make_series(double *y, size_t n, double level, double trend, double season,
                        double noise, unsigned long seed)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, seed);
    for (size_t t = 0; t < n; t++)
        y[t] = level + trend * (double)t + season * sin(6.283185307179586 * (double)(t % 12) / 12) +
               gsl_ran_gaussian(r, noise);
    gsl_rng_free(r);
}

static int same_result(const fdi_yearend *a, const fdi_yearend *b)
{
    int same = a->ytd == b->ytd && a->mean == b->mean && a->sd == b->sd &&
               a->point == b->point && a->lo80 == b->lo80 && a->hi80 == b->hi80 &&
               a->lo95 == b->lo95 && a->hi95 == b->hi95 && a->left == b->left &&
               a->used == b->used && a->notes == b->notes &&
               strcmp(a->label, b->label) == 0 &&
               ((isnan(a->p_target) && isnan(b->p_target)) || a->p_target == b->p_target);
    for (int k = 0; k < 4; k++)
        same &= a->lo[k] == b->lo[k] && a->hi[k] == b->hi[k];
    return same;
}

static void test_seed(void)
{
    enum { N = 66 };
    double y[N];
    fdi_yearend a, b, c;
    fdi_error err;
    make_series(y, N, 500, 1, 80, 40, 1);
    fdi_fc_config cfg = fdi_fc_config_default(12, 6);
    for (int method = FDI_FC_RUNRATE; method < FDI_FC_NMETHODS; method++) {
        fdi_fc_method mt = (fdi_fc_method)method;
        CHECK_INT(fdi_fc_yearend(mt, y, N, &cfg, 3500, 1000, 7, &a, &err), FDI_OK);
        CHECK_INT(fdi_fc_yearend(mt, y, N, &cfg, 3500, 1000, 7, &b, &err), FDI_OK);
        CHECK_INT(fdi_fc_yearend(mt, y, N, &cfg, 3500, 1000, 8, &c, &err), FDI_OK);
        CHECK(same_result(&a, &b));
        CHECK(a.lo80 != c.lo80);
        CHECK_INT(a.left, 6);
        CHECK(a.lo95 <= a.lo80 && a.lo80 <= a.hi80 && a.hi80 <= a.hi95);
        /* lo[]/hi[] at the config's levels 80, 95 */
        CHECK_NEAR(a.lo[0], a.lo80, 1e-12); /* (1 - 0.8) / 2 is not 0.10 exactly */
        CHECK_NEAR(a.hi[1], a.hi95, 1e-12);
    }
}

/* pos == m: the year is observed; nothing is simulated. */
static void test_complete_year(void)
{
    enum { N = 48 };
    double y[N], ytd = 0;
    fdi_yearend ye;
    fdi_error err;
    make_series(y, N, 500, 0, 80, 40, 2);
    for (size_t t = N - 12; t < N; t++)
        ytd += y[t];
    fdi_fc_config cfg = fdi_fc_config_default(12, 12);
    CHECK_INT(fdi_fc_yearend(FDI_FC_ETS, y, N, &cfg, ytd - 1, 1000, 1, &ye, &err), FDI_OK);
    CHECK_NEAR(ye.ytd, ytd, 1e-12);
    CHECK_INT(ye.left, 0);
    CHECK(ye.mean == ytd && ye.point == ytd && ye.lo80 == ytd && ye.hi80 == ytd &&
          ye.lo95 == ytd && ye.hi95 == ytd && ye.lo[0] == ytd && ye.hi[1] == ytd);
    CHECK(ye.p_target == 1.0);
    CHECK(ye.var_analytic == 0);
    CHECK_STR(ye.label, "observed");
    CHECK_INT(fdi_fc_yearend(FDI_FC_ETS, y, N, &cfg, ytd + 1, 1000, 1, &ye, &err), FDI_OK);
    CHECK(ye.p_target == 0.0);
    CHECK_INT(fdi_fc_yearend(FDI_FC_ETS, y, N, &cfg, ytd, 1000, 1, &ye, &err), FDI_OK);
    CHECK(ye.p_target == 1.0); /* reaching the target exactly counts */
}

/* P(total >= target) falls as the target rises; NaN without a target. */
static void test_p_target(void)
{
    enum { N = 66 };
    double y[N], prev = 2.0;
    fdi_yearend ye;
    fdi_error err;
    make_series(y, N, 500, 1, 80, 40, 3);
    fdi_fc_config cfg = fdi_fc_config_default(12, 6);
    cfg.ets_model = "ANA"; /* a fixed model: 23 fits, not 23 selections */
    CHECK_INT(fdi_fc_yearend(FDI_FC_ETS, y, N, &cfg, (double)NAN, 2000, 9, &ye, &err), FDI_OK);
    CHECK(isnan(ye.p_target));
    double lo = ye.lo95 - 3 * ye.sd, hi = ye.hi95 + 3 * ye.sd;
    int ok = 1;
    for (int i = 0; i <= 20; i++) {
        double target = lo + (hi - lo) * i / 20.0;
        fdi_yearend t;
        CHECK_INT(fdi_fc_yearend(FDI_FC_ETS, y, N, &cfg, target, 2000, 9, &t, &err), FDI_OK);
        ok &= t.p_target <= prev && t.p_target >= 0 && t.p_target <= 1;
        if (i == 0)
            CHECK(t.p_target == 1.0);
        if (i == 20)
            CHECK(t.p_target == 0.0);
        if (i == 10) /* the middle of the range: neither 0 nor 1 */
            CHECK(t.p_target > 0.01 && t.p_target < 0.99);
        prev = t.p_target;
    }
    CHECK(ok);
    /* at the median: about one half */
    fdi_yearend t;
    CHECK_INT(fdi_fc_yearend(FDI_FC_ETS, y, N, &cfg, ye.mean, 2000, 9, &t, &err), FDI_OK);
    CHECK(t.p_target > 0.4 && t.p_target < 0.6);
}

/* Linear ETS: the analytic variance of the total is the simulated one
 * (the model's own spread: calibration off). */
static void test_variance(void)
{
    enum { N = 123, P = 20000 };
    static const char *const models[] = {"AAN", "ANA"};
    double y[N];
    fdi_error err;
    make_series(y, N, 1000, 2, 150, 25, 4);
    for (int k = 0; k < 2; k++) {
        fdi_fc_config cfg = fdi_fc_config_default(12, 3);
        fdi_yearend ye;
        cfg.ets_model = models[k];
        cfg.calibrate = 0;
        CHECK_INT(fdi_fc_yearend(FDI_FC_ETS, y, N, &cfg, (double)NAN, P, 11, &ye, &err),
                  FDI_OK);
        CHECK_INT(ye.used, FDI_FC_ETS);
        CHECK(!isnan(ye.var_analytic) && ye.var_analytic > 0);
        double v = ye.sd * ye.sd;
        printf("yearend %s (%s): var_analytic %.6g, simulated %.6g (ratio %.4f); mean %.6g, "
               "point %.6g\n",
               models[k], ye.label, ye.var_analytic, v, v / ye.var_analytic, ye.mean, ye.point);
        CHECK(fabs(v - ye.var_analytic) <= 0.05 * ye.var_analytic);
        /* a linear model: the simulated mean is the point forecast */
        CHECK(fabs(ye.mean - ye.point) <= 4 * sqrt(ye.var_analytic / P));
    }
    /* a multiplicative model has no closed form */
    fdi_fc_config cfg = fdi_fc_config_default(12, 3);
    fdi_yearend ye;
    cfg.ets_model = "MNM";
    CHECK_INT(fdi_fc_yearend(FDI_FC_ETS, y, N, &cfg, (double)NAN, 1000, 11, &ye, &err),
              FDI_OK);
    CHECK(isnan(ye.var_analytic));
}

/* ytd is the sum of the last pos values; a gap inside it is an error. */
static void test_ytd_and_gap(void)
{
    enum { N = 65 };
    double y[N];
    fdi_error err;
    make_series(y, N, 500, 1, 80, 40, 5);
    for (int pos = 1; pos <= 12; pos++) {
        fdi_fc_config cfg = fdi_fc_config_default(12, pos);
        fdi_yearend ye;
        double s = 0;
        for (size_t t = N - (size_t)pos; t < N; t++)
            s += y[t];
        CHECK_INT(fdi_fc_yearend(FDI_FC_SEASONAL, y, N, &cfg, (double)NAN, 200, 1, &ye, &err),
                  FDI_OK);
        CHECK_NEAR(ye.ytd, s, 1e-12);
        CHECK_INT(ye.left, 12 - pos);
    }
    fdi_fc_config cfg = fdi_fc_config_default(12, 5);
    fdi_yearend ye;
    y[N - 3] = (double)NAN; /* month 3 of the 5 observed */
    CHECK_INT(fdi_fc_yearend(FDI_FC_ETS, y, N, &cfg, 100, 200, 1, &ye, &err), FDI_ENODATA);
    CHECK_HAS(err.message, "year to date is incomplete");
    CHECK_HAS(err.message, "period 3");
    /* a gap before the year: the last unbroken stretch, noted */
    y[N - 3] = 500;
    y[N - 20] = (double)NAN;
    CHECK_INT(fdi_fc_yearend(FDI_FC_SEASONAL, y, N, &cfg, 100, 200, 1, &ye, &err), FDI_OK);
    CHECK(ye.notes & FDI_FC_NOTE_GAPS);
    /* no value before the first: a series that starts late, not a gap */
    for (size_t t = 0; t <= N - 20; t++)
        y[t] = (double)NAN;
    CHECK_INT(fdi_fc_yearend(FDI_FC_SEASONAL, y, N, &cfg, 100, 200, 1, &ye, &err), FDI_OK);
    CHECK(!(ye.notes & FDI_FC_NOTE_GAPS));
    /* bad positions */
    cfg.pos = 0;
    CHECK_INT(fdi_fc_yearend(FDI_FC_ETS, y, N, &cfg, 100, 200, 1, &ye, &err), FDI_EUSAGE);
    cfg.pos = 13;
    CHECK_INT(fdi_fc_yearend(FDI_FC_ETS, y, N, &cfg, 100, 200, 1, &ye, &err), FDI_EUSAGE);
}

/* Less than two years: ets falls back to the seasonal shares (one past
 * year), and the result says so. */
static void test_short_fallback(void)
{
    enum { N = 20 };
    double y[N];
    fdi_yearend ye;
    fdi_error err;
    char notes[256];
    make_series(y, N, 500, 1, 80, 40, 6);
    fdi_fc_config cfg = fdi_fc_config_default(12, 8);
    CHECK_INT(fdi_fc_yearend(FDI_FC_ETS, y, N, &cfg, 4000, 1000, 1, &ye, &err), FDI_OK);
    CHECK(ye.used != FDI_FC_ETS);
    CHECK_INT(ye.used, FDI_FC_SEASONAL);
    CHECK_INT(ye.notes & (FDI_FC_NOTE_SHORT | FDI_FC_NOTE_FALLBACK),
              FDI_FC_NOTE_SHORT | FDI_FC_NOTE_FALLBACK);
    CHECK_STR(ye.label, "seasonal k=1");
    fdi_fc_notes_text(ye.notes, notes, sizeof notes);
    CHECK_HAS(notes, "less than 2 full years");
    CHECK_HAS(notes, "fallback");
    /* too short for the seasonal shares (no past year): the run rate */
    CHECK_INT(fdi_fc_yearend(FDI_FC_ETS, y + 10, N - 10, &cfg, 4000, 1000, 1, &ye, &err),
              FDI_OK);
    CHECK_INT(ye.used, FDI_FC_RUNRATE);
    CHECK_STR(ye.label, "runrate");
    CHECK(ye.notes & FDI_FC_NOTE_FALLBACK);
    /* the simple methods are not replaced */
    CHECK_INT(fdi_fc_yearend(FDI_FC_SEASONAL, y, N, &cfg, 4000, 1000, 1, &ye, &err), FDI_OK);
    CHECK_INT(ye.used, FDI_FC_SEASONAL);
    CHECK(!(ye.notes & FDI_FC_NOTE_FALLBACK));
    CHECK(ye.notes & FDI_FC_NOTE_SHORT);
}

/* One month holding most of a year: the fit flags it and fits ETS without
 * a season (no seasonal pattern learnt from one mega project); the
 * year-end forecast caps that month first (lumpy.c), after which no month
 * holds most of a year. */
static void test_lumpy(void)
{
    enum { N = 42 };
    double y[N];
    fdi_yearend ye;
    fdi_error err;
    fdi_fc_fit *fit = NULL;
    make_series(y, N, 100, 0, 10, 5, 7);
    y[17] = 5000; /* > 60% of the second year */
    fdi_fc_config cfg = fdi_fc_config_default(12, 6);
    CHECK_INT(fdi_fc_fit_series(FDI_FC_ETS, y, N, &cfg, &fit, &err), FDI_OK);
    if (fit) {
        CHECK(fdi_fc_fit_notes(fit) & FDI_FC_NOTE_LUMPY);
        CHECK_INT(fdi_fc_used(fit), FDI_FC_ETS);
        const char *label = fdi_fc_label(fit);
        CHECK(starts_with(label, "ETS(A,") && ends_with(label, ",N)"));
        if (!(starts_with(label, "ETS(A,") && ends_with(label, ",N)")))
            fprintf(stderr, "  lumpy label %s\n", label);
        fdi_fc_free(fit);
    }
    CHECK_INT(fdi_fc_yearend(FDI_FC_ETS, y, N, &cfg, 1000, 1000, 1, &ye, &err), FDI_OK);
    CHECK(ye.notes & FDI_FC_NOTE_LUMPY_CAPPED);
    CHECK(!(ye.notes & FDI_FC_NOTE_LUMPY));
    /* the same series without the mega month: not lumpy */
    y[17] = 100;
    CHECK_INT(fdi_fc_yearend(FDI_FC_ETS, y, N, &cfg, 1000, 1000, 1, &ye, &err), FDI_OK);
    CHECK(!(ye.notes & (FDI_FC_NOTE_LUMPY | FDI_FC_NOTE_LUMPY_CAPPED)));
}

/* A mega project in this year's months (one licence of 1,500 against a
 * usual 100 a month, FDI registrations): the year to date counts it in
 * full, the note says the series was treated as lumpy, and the months left
 * are projected from the usual level, not dragged by it.
 * Hand-reasoned bound: the mega month is fitted as fill, median + 2 x
 * 1.4826 MAD of the history, in place of its clean value v; the seasonal
 * share projects the months left as ytd x (1 - S) / S with S the share of
 * the months observed (about 1/2 for a flat season), so the projection
 * moves by (fill - v) x (1 - S) / S exactly; a smoothing model's level by
 * at most |fill - v| a month.  Untreated, the 1,500 would move the
 * seasonal projection by about 1,500 and the interval would be as wide. */
static void test_lumpy_capped(void)
{
    enum { N = 42, POS = 6, SPIKE = N - 3 };
    double y[N], clean[N], cap, fill;
    size_t lumps;
    fdi_error err;
    make_series(clean, N, 100, 0, 10, 5, 11);
    memcpy(y, clean, sizeof y);
    y[SPIKE] += 1500;
    CHECK_INT(fdi__fc_lumpy_cap(y, N, 12, &cap, &fill, &lumps, &err), FDI_OK);
    CHECK_INT(lumps, 1);
    CHECK(cap > clean[SPIKE] && cap < clean[SPIKE] + 300 && fill < cap);
    fdi_fc_config cfg = fdi_fc_config_default(12, POS);
    double share = 0, total = 0; /* S over the three full years before */
    for (size_t t = N - POS - 36; t < N - POS; t++) {
        total += clean[t];
        share += (t - (N - POS - 36)) % 12 < POS ? clean[t] : 0;
    }
    share /= total;
    const fdi_fc_method ms[] = {FDI_FC_SEASONAL, FDI_FC_ETS, FDI_FC_ENSEMBLE, FDI_FC_AUTO};
    for (size_t i = 0; i < sizeof ms / sizeof *ms; i++) {
        fdi_yearend a, b;
        CHECK_INT(fdi_fc_yearend(ms[i], y, N, &cfg, (double)NAN, 2000, 5, &a, &err), FDI_OK);
        CHECK_INT(fdi_fc_yearend(ms[i], clean, N, &cfg, (double)NAN, 2000, 5, &b, &err), FDI_OK);
        CHECK(a.notes & FDI_FC_NOTE_LUMPY_CAPPED);
        CHECK(!(b.notes & FDI_FC_NOTE_LUMPY_CAPPED));
        CHECK_NEAR(a.ytd, b.ytd + 1500, 1e-12);
        double moved = (a.point - a.ytd) - (b.point - b.ytd);
        double ex = fabs(fill - clean[SPIKE]);
        double bound = ms[i] == FDI_FC_SEASONAL ? ex * (1 - share) / share * (1 + 1e-9)
                                                : ex * (12 - POS);
        CHECK(fabs(moved) <= bound);
        /* the interval stays of the clean series' order, not 1,500 wide */
        CHECK(a.hi80 - a.lo80 <= 2.0 * (b.hi80 - b.lo80));
        if (!(fabs(moved) <= bound) || !(a.hi80 - a.lo80 <= 2.0 * (b.hi80 - b.lo80)))
            fprintf(stderr, "  %s: months left moved %.2f (bound %.2f); width %.2f vs %.2f\n",
                    a.label, moved, bound, a.hi80 - a.lo80, b.hi80 - b.lo80);
    }
}

/* Coverage over 100,000 draws of three past z's and the next, each
 * N(0, sig^2): the calibrated 80% and 95% intervals, the old rule's
 * (widen both by sqrt(mean z^2) when above 1) and the model's own 80%. */
static void cover_known(double sig, double *c80, double *c95, double *o80, double *o95,
                        double *m80)
{
    const double q80 = 1.2815515655446004, q95 = 1.959963984540054;
    enum { DRAWS = 100000 };
    size_t n[5] = {0};
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    CHECK(r != NULL);
    if (r)
        gsl_rng_set(r, 16);
    for (int i = 0; r && i < DRAWS; i++) {
        double z[3], ss = 0;
        fdi_fc_calibration cal;
        for (int k = 0; k < 3; k++) {
            z[k] = gsl_ran_gaussian(r, sig);
            ss += z[k] * z[k];
        }
        double now = fabs(gsl_ran_gaussian(r, sig)), old = fmax(1.0, sqrt(ss / 3));
        fdi__fc_calibration_from_z(z, 3, &cal);
        n[0] += now <= q80 * cal.k80;
        n[1] += now <= q95 * cal.k95;
        n[2] += now <= q80 * old;
        n[3] += now <= q95 * old;
        n[4] += now <= q80;
    }
    gsl_rng_free(r);
    *c80 = (double)n[0] / DRAWS, *c95 = (double)n[1] / DRAWS;
    *o80 = (double)n[2] / DRAWS, *o95 = (double)n[3] / DRAWS, *m80 = (double)n[4] / DRAWS;
}

/* Calibration tuned to the band, not past it (calibrate.c).  The rule from
 * standardised past errors, against hand values (R: qt, qnorm): no past
 * year, factors 1; z = 0, 0, 0: s = sqrt(1 / 4), k80 = 0.5 qt(0.9, 4) /
 * qnorm(0.9) = 0.5981836062, k95 = 0.5 qt(0.975, 4) / qnorm(0.975) =
 * 0.7082898275 (narrowed); z = 1, -2, 0.5: s = sqrt(6.25 / 4), 1.495459016
 * and 1.770724569.  Then known distributions, three past years: errors
 * of sd 1, 1.5 and 2 times the model's: the calibrated 80% interval covers
 * 75-85% and the 95% one 92-98% (82.8/97.3, 78.1/94.8, 76.0/93.3% by a
 * separate simulation in Python), where the old rule (widen both levels
 * by sqrt(mean z^2) when above 1) covers 72.8/87.7% at sd 2; a model too
 * cautious (sd 0.6) is narrowed, which the old rule never did. */
static void test_calibration_band(void)
{
    fdi_fc_calibration cal;
    double z[3] = {0, 0, 0};
    fdi__fc_calibration_from_z(z, 0, &cal);
    CHECK(cal.k80 == 1.0 && cal.k95 == 1.0 && cal.years == 0);
    fdi__fc_calibration_from_z(z, 3, &cal);
    CHECK_NEAR(cal.k80, 0.5981836062, 1e-9);
    CHECK_NEAR(cal.k95, 0.7082898275, 1e-9);
    z[0] = 1, z[1] = -2, z[2] = 0.5;
    fdi__fc_calibration_from_z(z, 3, &cal);
    CHECK_NEAR(cal.k80, 1.495459016, 1e-9);
    CHECK_NEAR(cal.k95, 1.770724569, 1e-9);
    /* errors of known sd against the spread the model claims (1: the model
     * is right; 1.5, 2: it is too narrow; 0.6: too cautious) */
    const double sig[] = {1.0, 1.5, 2.0, 0.6};
    for (int j = 0; j < 4; j++) {
        double c80, c95, o80, o95, m80;
        cover_known(sig[j], &c80, &c95, &o80, &o95, &m80);
        printf("calibration, errors N(0, %.1f^2) against the model's N(0, 1), 3 past years: "
               "cover80 %.3f cover95 %.3f (old rule %.3f %.3f; the model's own %.3f)\n",
               sig[j], c80, c95, o80, o95, m80);
        if (sig[j] >= 1) { /* in the band */
            CHECK(c80 >= 0.75 && c80 <= 0.85);
            CHECK(c95 >= 0.92 && c95 <= 0.98);
        } else { /* narrowed toward it, where the old rule could only widen */
            CHECK(c80 < o80 && c80 < m80 && c95 < o95);
        }
        if (sig[j] == 2.0) /* the test tells the rules apart */
            CHECK(o80 < 0.75 && o95 < 0.92);
    }
}

/* Negative flows are possible when the history has them (the paths keep
 * their negative values); a non-negative history keeps every simulated
 * month at 0 or above, so no total falls below the year to date. */
static void test_negative_and_clamp(void)
{
    enum { N = 54, P = 4000 };
    double y[N], *paths = malloc(P * 6 * sizeof *paths);
    fdi_yearend ye;
    fdi_error err;
    fdi_fc_fit *fit;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    CHECK(paths && r);
    if (!paths || !r)
        goto out;
    /* around 0, with negatives */
    make_series(y, N, 0, 0, 0, 10, 8);
    fdi_fc_config cfg = fdi_fc_config_default(12, 6);
    cfg.ets_model = "ANN";
    for (int cal = 0; cal <= 1; cal++) {
        cfg.calibrate = cal;
        CHECK_INT(fdi_fc_yearend(FDI_FC_ETS, y, N, &cfg, (double)NAN, P, 3, &ye, &err), FDI_OK);
        CHECK(ye.notes & FDI_FC_NOTE_NEGATIVE);
        CHECK(ye.lo80 < ye.ytd); /* paths below 0 kept: totals below the ytd */
    }
    cfg.pos = 0;
    CHECK_INT(fdi_fc_fit_series(FDI_FC_ETS, y, N - 6, &cfg, &fit, &err), FDI_OK);
    if (fit) {
        CHECK_INT(fit->nonneg, 0);
        CHECK_INT(fdi_fc_simulate(fit, 6, P, 1, paths), FDI_OK);
        double mn = HUGE_VAL;
        for (size_t i = 0; i < P * 6; i++)
            mn = fmin(mn, paths[i]);
        CHECK(mn < 0);
        fdi_fc_free(fit);
    }
    /* non-negative, small against its noise: many draws would be < 0 */
    for (size_t t = 0; t < N; t++)
        y[t] = fabs(y[t]);
    y[N - 1] = 0; /* zeros are fine: still non-negative */
    for (int cal = 0; cal <= 1; cal++) {
        cfg.pos = 6;
        cfg.calibrate = cal;
        CHECK_INT(fdi_fc_yearend(FDI_FC_ETS, y, N, &cfg, (double)NAN, P, 3, &ye, &err), FDI_OK);
        CHECK(ye.lo95 >= ye.ytd);
        CHECK(ye.lo[1] >= ye.ytd);
        if (!(ye.lo95 >= ye.ytd))
            fprintf(stderr, "  calibrate %d: lo95 %.6g below ytd %.6g (widen %.4g)\n", cal,
                    ye.lo95, ye.ytd, ye.widen);
    }
    /* calibration widens the totals around their mean: still no total
     * below the year to date (a series whose past years beat the
     * method's own spread many times over: widen well above 1) */
    gsl_rng_set(r, 1);
    for (size_t t = 0; t < N; t++)
        y[t] = fabs(gsl_ran_gaussian(r, 10)) * (t % 12 == 1 ? 20 : 1);
    for (int m = FDI_FC_RUNRATE; m <= FDI_FC_SNAIVE; m++) {
        fdi_fc_config c1 = fdi_fc_config_default(12, 1);
        CHECK_INT(fdi_fc_yearend((fdi_fc_method)m, y, 49, &c1, (double)NAN, P, 1, &ye, &err),
                  FDI_OK);
        CHECK(ye.widen > 1.5);
        CHECK(ye.lo95 >= ye.ytd);
        if (!(ye.lo95 >= ye.ytd))
            fprintf(stderr, "  %s calibrated: lo95 %.6g below ytd %.6g (widen %.4g)\n",
                    ye.label, ye.lo95, ye.ytd, ye.widen);
    }
    cfg.pos = 0;
    CHECK_INT(fdi_fc_fit_series(FDI_FC_ETS, y, N - 6, &cfg, &fit, &err), FDI_OK);
    if (fit) {
        CHECK_INT(fit->nonneg, 1);
        CHECK_INT(fdi_fc_simulate(fit, 6, P, 1, paths), FDI_OK);
        double mn = HUGE_VAL;
        size_t zeros = 0;
        for (size_t i = 0; i < P * 6; i++) {
            mn = fmin(mn, paths[i]);
            zeros += paths[i] == 0;
        }
        CHECK(mn >= 0);
        CHECK(zeros > 0); /* the clamp did act */
        fdi_fc_free(fit);
    }
out:
    free(paths);
    gsl_rng_free(r);
}

/* "6x in February": one or two months of the year are a weak base. */
static void test_small_base(void)
{
    enum { N = 60 };
    double y[N + 12];
    fdi_error err;
    make_series(y, N + 12, 500, 0, 80, 20, 9);
    for (int pos = 1; pos <= 6; pos++) {
        fdi_fc_config cfg = fdi_fc_config_default(12, pos);
        fdi_yearend ye;
        CHECK_INT(fdi_fc_yearend(FDI_FC_SEASONAL, y, N + (size_t)pos, &cfg, (double)NAN, 200,
                                 1, &ye, &err),
                  FDI_OK);
        if (pos <= 2)
            CHECK(ye.notes & FDI_FC_NOTE_SMALL_BASE);
        else
            CHECK(!(ye.notes & FDI_FC_NOTE_SMALL_BASE));
    }
    /* a ytd far below the usual level is a small base too */
    fdi_fc_config cfg = fdi_fc_config_default(12, 5);
    fdi_yearend ye;
    for (size_t t = N; t < N + 5; t++)
        y[t] = 20;
    CHECK_INT(fdi_fc_yearend(FDI_FC_SEASONAL, y, N + 5, &cfg, (double)NAN, 200, 1, &ye, &err),
              FDI_OK);
    CHECK(ye.notes & FDI_FC_NOTE_SMALL_BASE);
}

/* The Hai Phong Economic Zone case (datasets/haiphong): new + adjusted
 * registrations, as of September 2016, 21 months of history. */
static void test_haiphong(void)
{
    fdi_ingest_options io = fdi_ingest_options_default();
    fdi_frame *fr = NULL;
    fdi_panel *p = NULL;
    fdi_error err;
    io.path = DATA("haiphong/haiphong_fdi.csv");
    CHECK_INT(fdi_ingest_csv(&io, &fr, &err), FDI_OK);
    if (!fr)
        return;
    fdi_panel_options po = fdi_panel_options_default();
    fdi_filter flt[2] = {{"area", "Hai Phong Economic Zone"}, {"flow", "new|adjusted"}};
    po.filters = flt;
    po.nfilters = 2;
    po.by = "area";
    po.as_of = MONTH(2016, 9);
    CHECK_INT(fdi_panel_build(fr, &po, &p, &err), FDI_OK);
    if (!p) {
        fdi_frame_destroy(fr);
        return;
    }
    size_t s = fdi_panel_nseries(p);
    for (size_t k = 0; k < fdi_panel_nseries(p); k++)
        if (strcmp(fdi_panel_measure(p, k), "value_usd_m") == 0)
            s = k;
    CHECK(s < fdi_panel_nseries(p));
    long last = fdi_panel_row(p, MONTH(2016, 9));
    CHECK(last >= 0);
    if (s < fdi_panel_nseries(p) && last >= 0) {
        CHECK_STR(fdi_panel_label(p, s, 0), "Hai Phong Economic Zone");
        size_t n = (size_t)last + 1;
        double y[64];
        CHECK_INT(n, 21); /* 2015-01 .. 2016-09 */
        for (size_t t = 0; t < n && t < 64; t++)
            y[t] = fdi_panel_flow(p, t)[s];
        fdi_fc_config cfg = fdi_fc_config_default(fdi_panel_freq(p),
                                                  fdi_panel_position(p, (size_t)last));
        CHECK_INT(cfg.pos, 9);
        fdi_yearend ye;
        CHECK_INT(fdi_fc_yearend(FDI_FC_AUTO, y, n, &cfg, 3000, 5000, 42, &ye, &err), FDI_OK);
        CHECK(fabs(ye.ytd - 2729.86) <= 1e-9 * 2729.86);
        CHECK_INT(ye.left, 3);
        /* 21 months: auto takes the mean of the seasonal share and the
         * run rate (no past year to choose on), not a fallback */
        CHECK_STR(ye.label, "auto: mean of seasonal,runrate");
        CHECK_INT(ye.used, FDI_FC_ENSEMBLE);
        CHECK(ye.notes & FDI_FC_NOTE_SHORT);
        CHECK(!(ye.notes & FDI_FC_NOTE_FALLBACK));
        CHECK(ye.mean > ye.ytd);
        CHECK(ye.p_target > 0 && ye.p_target < 1);
        printf("haiphong 2016-09: ytd %.2f mean %.2f [%.2f, %.2f] p(3000) %.3f %s\n", ye.ytd,
               ye.mean, ye.lo80, ye.hi80, ye.p_target, ye.label);
    }
    fdi_panel_destroy(p);
    fdi_frame_destroy(fr);
}

int main(void)
{
    test_seed();
    test_complete_year();
    test_p_target();
    test_variance();
    test_ytd_and_gap();
    test_short_fallback();
    test_lumpy();
    test_lumpy_capped();
    test_calibration_band();
    test_negative_and_clamp();
    test_small_base();
    test_haiphong();
    return check_report("test_fc_yearend");
}
