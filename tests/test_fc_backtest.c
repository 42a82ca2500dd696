/* test_fc_backtest.c - replaying history (engine/forecast/backtest.c): which
 * years and cut-offs are scored, the accumulator layout, --from, explicit
 * cut-offs, a series starting mid-year, gaps, and the h-step mode. */
#include "check.h"

#include "forecast/fc_internal.h"

enum { M = 12, NACC = 3 * (M + 1) };

static const double pat[M] = {50, 70, 90, 120, 150, 200, 180, 140, 110, 80, 60, 55};

/* y[t] = the pattern at the fiscal position of t (y[0] at first_pos) */
static void periodic(double *y, size_t n, int first_pos)
{
    for (size_t t = 0; t < n; t++)
        y[t] = pat[(t + (size_t)first_pos) % M];
}

static size_t run(const double *y, size_t n, int first_pos, const fdi_fc_method *methods,
                  int nm, const int *cutoffs, int nc, size_t from, fdi_bt_accum *acc)
{
    fdi_fc_config cfg = fdi_fc_config_default(M, 0);
    fdi_error err;
    memset(acc, 0, NACC * sizeof *acc);
    CHECK_INT(fdi_fc_backtest_yearend(y, n, first_pos, methods, nm, cutoffs, nc, from, &cfg,
                                      200, 1, acc, &err),
              FDI_OK);
    return acc[0].count;
}

/* acc[k*(m+1)+0] is the sum of acc[k*(m+1)+c] over c = 1..m-1 */
static void check_totals(const fdi_bt_accum *acc, int nm)
{
    for (int k = 0; k < nm; k++) {
        const fdi_bt_accum *a = acc + k * (M + 1);
        size_t count = 0, failed = 0, n_ape = 0, n_ase = 0, in80 = 0, in95 = 0;
        double ape = 0, sape = 0, ase = 0;
        for (int c = 1; c < M; c++) {
            count += a[c].count;
            failed += a[c].failed;
            n_ape += a[c].n_ape;
            n_ase += a[c].n_ase;
            in80 += a[c].in80;
            in95 += a[c].in95;
            ape += a[c].ape;
            sape += a[c].sape;
            ase += a[c].ase;
        }
        CHECK_INT(a[0].count, count);
        CHECK_INT(a[0].failed, failed);
        CHECK_INT(a[0].n_ape, n_ape);
        CHECK_INT(a[0].n_ase, n_ase);
        CHECK_INT(a[0].in80, in80);
        CHECK_INT(a[0].in95, in95);
        CHECK_NEAR(a[0].ape, ape, 1e-9);
        CHECK_NEAR(a[0].sape, sape, 1e-9);
        CHECK_NEAR(a[0].ase, ase, 1e-9);
    }
}

/* Five whole years of one pattern: years 2..5 are scored (each complete,
 * with a complete year before it), at the 11 cut-offs; the seasonal shares
 * are exact, so every point forecast is.  The backtest scores the mean of
 * the simulated totals: from the third year on the method's own past
 * errors (all 0) give paths equal to the point, an exact forecast; in the
 * second year no past year can be replayed yet and the paths carry the
 * fallback spread (simple.c), so only Monte Carlo noise remains there. */
static void test_periodic(void)
{
    enum { N = 5 * M };
    double y[N];
    fdi_bt_accum acc[NACC];
    const fdi_fc_method methods[3] = {FDI_FC_SEASONAL, FDI_FC_RUNRATE, FDI_FC_SNAIVE};
    periodic(y, N, 0);
    CHECK_INT(run(y, N, 0, methods, 3, NULL, 0, 0, acc), 4 * 11);
    for (int k = 0; k < 3; k++) {
        CHECK_INT(acc[k * (M + 1)].count, 4 * 11);
        CHECK_INT(acc[k * (M + 1)].failed, 0);
        CHECK_INT(acc[k * (M + 1)].n_ape, 4 * 11); /* every actual != 0 */
        for (int c = 1; c < M; c++)
            CHECK_INT(acc[k * (M + 1) + c].count, 4);
    }
    for (int k = 0; k < 3; k += 2) { /* seasonal, snaive */
        const fdi_bt_accum *a = acc + k * (M + 1);
        /* no seasonal change at all: a zero scale, no ASE term */
        CHECK_INT(a[0].n_ase, 0);
        CHECK_INT(a[0].in80, 4 * 11);
        for (int c = 1; c < M; c++)
            CHECK(a[c].ape / 4 < 2.0); /* the second year's noise only */
    }
    /* the run rate is not exact (its paths add its past errors, which take
     * out most of its seasonal bias: not all) */
    CHECK(acc[1 * (M + 1)].ape > 0);
    check_totals(acc, 3);
    /* from the third year: exact at every cut-off */
    CHECK_INT(run(y, N, 0, methods, 3, NULL, 0, 24, acc), 3 * 11);
    for (int k = 0; k < 3; k += 2) {
        const fdi_bt_accum *a = acc + k * (M + 1);
        CHECK_INT(a[0].count, 3 * 11);
        for (int c = 0; c < M; c++) {
            CHECK(a[c].ape == 0 && a[c].sape == 0);
            CHECK_INT(a[c].in80, c ? 3 : 3 * 11);
            CHECK_INT(a[c].in95, c ? 3 : 3 * 11);
        }
    }
    check_totals(acc, 3);
}

/* --from: years starting before index `from` are not scored. */
static void test_from(void)
{
    enum { N = 5 * M };
    double y[N];
    fdi_bt_accum acc[NACC];
    const fdi_fc_method methods[1] = {FDI_FC_SEASONAL};
    periodic(y, N, 0);
    CHECK_INT(run(y, N, 0, methods, 1, NULL, 0, 24, acc), 3 * 11); /* 24, 36, 48 */
    CHECK_INT(run(y, N, 0, methods, 1, NULL, 0, 25, acc), 2 * 11); /* 36, 48 */
    CHECK_INT(run(y, N, 0, methods, 1, NULL, 0, 48, acc), 1 * 11);
    CHECK_INT(run(y, N, 0, methods, 1, NULL, 0, 49, acc), 0);
    CHECK_INT(run(y, N, 0, methods, 1, NULL, 0, 12, acc), 4 * 11);
}

/* Explicit cut-offs: only those are scored; out-of-range ones ignored. */
static void test_cutoffs(void)
{
    enum { N = 5 * M };
    double y[N];
    fdi_bt_accum acc[NACC];
    const fdi_fc_method methods[2] = {FDI_FC_SEASONAL, FDI_FC_RUNRATE};
    const int cut[5] = {3, 6, 9, 0, 12};
    periodic(y, N, 0);
    CHECK_INT(run(y, N, 0, methods, 2, cut, 5, 0, acc), 4 * 3);
    for (int k = 0; k < 2; k++)
        for (int c = 1; c < M; c++)
            CHECK_INT(acc[k * (M + 1) + c].count, (c == 3 || c == 6 || c == 9) ? 4 : 0);
    check_totals(acc, 2);
}

/* y[0] at position 5 of its year: the first complete year starts at index
 * 7; with 58 values the complete years start at 7, 19, 31, 43 and the last
 * three are scored. */
static void test_mid_year(void)
{
    enum { N = 58 };
    double y[N];
    fdi_bt_accum acc[NACC];
    const fdi_fc_method methods[1] = {FDI_FC_SEASONAL};
    periodic(y, N, 5);
    CHECK_INT(run(y, N, 5, methods, 1, NULL, 0, 0, acc), 3 * 11);
    CHECK_INT(run(y, N, 5, methods, 1, NULL, 0, 20, acc), 2 * 11); /* 31, 43 */
    CHECK(acc[0].ape == 0); /* the shares line up with the fiscal year */
    /* one value less: the year at 43 is incomplete */
    CHECK_INT(run(y, N - 4, 5, methods, 1, NULL, 0, 0, acc), 2 * 11);
    /* the actual total is the fiscal year's: a rising series makes the
     * year at 19 differ from the calendar year */
    double z[N];
    for (size_t t = 0; t < N; t++)
        z[t] = pat[(t + 5) % M] * (1 + 0.01 * (double)t);
    CHECK_INT(run(z, N, 5, methods, 1, NULL, 0, 0, acc), 3 * 11);
    CHECK(acc[0].ape > 0 && acc[0].ape / 33 < 5);
}

/* A NaN inside a year: that year is not scored, nor the next (it has no
 * complete year before it). */
static void test_gap(void)
{
    enum { N = 5 * M };
    double y[N];
    fdi_bt_accum acc[NACC];
    const fdi_fc_method methods[1] = {FDI_FC_SEASONAL};
    periodic(y, N, 0);
    y[30] = (double)NAN; /* the year at 24 */
    CHECK_INT(run(y, N, 0, methods, 1, NULL, 0, 0, acc), 2 * 11); /* 12 and 48 */
    CHECK_INT(acc[0].failed, 0);
    for (int c = 1; c < M; c++)
        CHECK_INT(acc[c].count, 2);
    CHECK_INT(run(y, N, 0, methods, 1, NULL, 0, 13, acc), 11); /* 48 only */
    periodic(y, N, 0);
    y[5] = (double)NAN; /* the first year: the year at 12 has none before it */
    CHECK_INT(run(y, N, 0, methods, 1, NULL, 0, 0, acc), 3 * 11);
}

static void test_runrate_constant(void)
{
    enum { N = 5 * M, H = 6 };
    double y[N];
    fdi_bt_accum acc[NACC];
    fdi_fc_config cfg = fdi_fc_config_default(M, 0);
    fdi_error err;
    const fdi_fc_method methods[1] = {FDI_FC_RUNRATE};
    for (size_t t = 0; t < N; t++)
        y[t] = 100;
    /* year-end */
    CHECK_INT(run(y, N, 0, methods, 1, NULL, 0, 0, acc), 4 * 11);
    CHECK_INT(acc[0].ape, 0);
    CHECK_INT(acc[0].sape, 0);
    CHECK_INT(acc[0].in80, 4 * 11);
    CHECK_INT(acc[0].in95, 4 * 11);
    /* h-step */
    memset(acc, 0, sizeof acc);
    CHECK_INT(fdi_fc_backtest_horizon(y, N, 0, methods, 1, H, &cfg, 200, 1, acc, &err),
              FDI_OK);
    size_t origins = N - H - 2 * M + 1; /* 24 .. 54 */
    CHECK_INT(acc[0].count, origins * H);
    CHECK_INT(acc[0].failed, 0);
    CHECK_INT(acc[0].ape, 0);
    CHECK_INT(acc[0].in80, origins * H);
    CHECK_INT(acc[0].in95, origins * H);
    CHECK_INT(acc[0].n_ase, 0); /* no seasonal change: zero scale */
}

/* h-step mode: every origin with two years behind it and h values after
 * it, h terms each, per method (acc[k]). */
static void test_horizon(void)
{
    enum { N = 5 * M, H = 6 };
    double y[N];
    fdi_bt_accum acc[3];
    fdi_fc_config cfg = fdi_fc_config_default(M, 0);
    fdi_error err;
    const fdi_fc_method methods[3] = {FDI_FC_SNAIVE, FDI_FC_SEASONAL, FDI_FC_RUNRATE};
    periodic(y, N, 3);
    memset(acc, 0, sizeof acc);
    CHECK_INT(fdi_fc_backtest_horizon(y, N, 3, methods, 3, H, &cfg, 200, 1, acc, &err),
              FDI_OK);
    size_t origins = N - H - 2 * M + 1;
    for (int k = 0; k < 3; k++) {
        CHECK_INT(acc[k].count + acc[k].failed * H, origins * H);
        CHECK_INT(acc[k].failed, 0);
    }
    CHECK(acc[0].ape == 0); /* h-step: the point forecasts are scored */
    CHECK(acc[1].ape < 1e-9); /* the shares follow the fiscal position */
    CHECK(acc[2].ape / (double)acc[2].count > 1);
    /* a NaN in the values forecast skips that origin; before it, not */
    y[40] = (double)NAN;
    memset(acc, 0, sizeof acc);
    CHECK_INT(fdi_fc_backtest_horizon(y, N, 3, methods, 1, H, &cfg, 200, 1, acc, &err),
              FDI_OK);
    /* origins 35..40 have y[40] among their next 6 and are skipped; at
     * origin 41 the last value is the NaN, at 45 (position 0) four values
     * are too few for snaive and leave no run rate: 2 failures */
    CHECK_INT(acc[0].failed, 2);
    CHECK_INT(acc[0].count, (origins - H - 2) * H);
    /* the origins after the NaN fit the stretch after it, shorter than
     * the position in the year at first (is_lumpy read before the series) */
    fdi_fc_config c2 = fdi_fc_config_default(M, 5);
    fdi_fc_fit *f = NULL;
    CHECK_INT(fdi_fc_fit_series(FDI_FC_SNAIVE, y, 43, &c2, &f, &err), FDI_OK);
    if (f) { /* two values: no snaive, the run rate of what there is */
        CHECK_INT(fdi_fc_used(f), FDI_FC_RUNRATE);
        CHECK(fdi_fc_fit_notes(f) & FDI_FC_NOTE_FALLBACK);
        fdi_fc_free(f);
    }
    CHECK_INT(fdi_fc_fit_series(FDI_FC_RUNRATE, y, 43, &c2, &f, &err), FDI_OK);
    if (f) {
        CHECK(fdi_fc_fit_notes(f) & FDI_FC_NOTE_GAPS);
        CHECK(!(fdi_fc_fit_notes(f) & FDI_FC_NOTE_LUMPY));
        fdi_fc_free(f);
    }
}

int main(void)
{
    test_periodic();
    test_from();
    test_cutoffs();
    test_mid_year();
    test_gap();
    test_runrate_constant();
    test_horizon();
    return check_report("test_fc_backtest");
}
