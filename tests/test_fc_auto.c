/* test_fc_auto.c - `auto` weighs ets, theta, the seasonal share, runrate
 * and the ensemble by their rolling-origin year-end errors
 * (forecast/auto.c): the weights by hand, a series where the seasonal share
 * is right every year, one where only the run rate is, thin history shrunk
 * toward the ensemble, and the combined point against its members'. */
#include "check.h"
#include "fdi/fdi.h"

#include "forecast/fc_internal.h"

/* A series whose months hold the same shares of every year (strongly
 * seasonal) while the year totals jump about: the seasonal share at any
 * month gets the total exactly, the trend models do not. */
static void make_shares(double *y, size_t n)
{
    static const double share[12] = {2, 3, 5, 7, 9, 11, 12, 13, 11, 10, 9, 8};
    static const double total[8] = {1000, 1600, 900, 1700, 1100, 1800, 1000, 1500};
    for (size_t t = 0; t < n; t++)
        y[t] = total[(t / 12) % 8] * share[t % 12] / 100.0;
}

/* The weights by hand: inverse MSE normalised, times r = J / (J + prior),
 * plus 1 - r on the ensemble (the formula of auto.c, figured here on
 * paper for mse 1, 4, 4, 16, 2 and J = 3). */
static void test_weights(void)
{
    fc_auto_score s = {0};
    fdi__fc_auto_weigh(&s);
    CHECK(s.w[FC_AUTO_ENSEMBLE] == 1.0 && s.w[FC_AUTO_ETS] == 0.0);
    s.years = 3;
    s.mse[FC_AUTO_ETS] = 1;
    s.mse[FC_AUTO_THETA] = 4;
    s.mse[FC_AUTO_SEASONAL] = 4;
    s.mse[FC_AUTO_RUNRATE] = 16;
    s.mse[FC_AUTO_ENSEMBLE] = 2;
    fdi__fc_auto_weigh(&s);
    double r = 3.0 / (3.0 + FC_AUTO_PRIOR), inv[5] = {1, 0.25, 0.25, 0.0625, 0.5};
    double tot = 0, sum = 0;
    CHECK_INT(FC_AUTO_N, 5);
    for (int k = 0; k < 5; k++)
        tot += pow(inv[k], FC_AUTO_SHARPNESS);
    for (int k = 0; k < 5; k++) {
        double want = r * pow(inv[k], FC_AUTO_SHARPNESS) / tot + (k == FC_AUTO_ENSEMBLE ? 1 - r : 0);
        CHECK_NEAR(s.w[k], want, 1e-12);
        sum += s.w[k];
    }
    CHECK_NEAR(sum, 1.0, 1e-12);
    CHECK(s.w[FC_AUTO_ETS] > s.w[FC_AUTO_THETA]);
    CHECK(s.w[FC_AUTO_THETA] > s.w[FC_AUTO_RUNRATE]);
}

/* make_shares into y[0..n) and auto fitted to it under c (checked to
 * succeed); the fit, or NULL. */
static fdi_fc_fit *fit_shares(double *y, size_t n, const fdi_fc_config *c)
{
    fdi_fc_fit *f = NULL;
    fdi_error err;
    make_shares(y, n);
    CHECK_INT(fdi_fc_fit_series(FDI_FC_AUTO, y, n, c, &f, &err), FDI_OK);
    return f;
}

/* Six years and nine months of make_shares: four past years to replay
 * (every year with two before it, as the year-end question asks),
 * seasonal exact in each; auto puts most of its weight there, and the
 * note names it first with its 0.0% error. */
static void test_seasonal_wins(void)
{
    double y[12 * 6 + 9];
    size_t n = sizeof y / sizeof y[0];
    fdi_fc_config c = fdi_fc_config_default(12, 9);
    fdi_fc_fit *f = fit_shares(y, n, &c);
    if (!f)
        return;
    const char *why = fdi_fc_explain(f);
    printf("seasonal series: %s | %s\n", fdi_fc_label(f), why);
    CHECK(strncmp(why, "auto: weights seasonal ", 23) == 0);
    CHECK(strstr(why, "over the 4 past years at month 9, MAPE: seasonal 0.0%") != NULL);
    CHECK(strncmp(fdi_fc_label(f), "auto: ", 6) == 0);
    if (f->weighted) {
        CHECK(f->wt[FC_AUTO_SEASONAL] > 0.5);
        for (int k = 0; k < FC_AUTO_N; k++)
            CHECK(k == FC_AUTO_SEASONAL || f->wt[k] < f->wt[FC_AUTO_SEASONAL]);
    } else {
        CHECK_INT(fdi_fc_used(f), FDI_FC_SEASONAL);
    }
    /* the year-end: within 1% of the seasonal share's exact total */
    fdi_yearend ye;
    fdi_error err;
    c.pos = 9;
    CHECK_INT(fdi_fc_yearend(FDI_FC_AUTO, y, n, &c, NAN, 1000, 42, &ye, &err), FDI_OK);
    double want = 1000; /* year 7 of make_shares: total[6] */
    CHECK(fabs(ye.point - want) < 0.01 * want);
    CHECK_STR(ye.explain, why);
    fdi_fc_free(f);
}

/* Three years and six months: one past year with two years before it.
 * One year of evidence is thin: the ensemble keeps at least
 * FC_AUTO_PRIOR / (1 + FC_AUTO_PRIOR) of the weight, whatever won. */
static void test_thin_history(void)
{
    double y[12 * 3 + 6];
    size_t n = sizeof y / sizeof y[0];
    fdi_fc_config c = fdi_fc_config_default(12, 6);
    fdi_fc_fit *f = fit_shares(y, n, &c);
    if (!f)
        return;
    const char *why = fdi_fc_explain(f);
    printf("thin history: %s | %s\n", fdi_fc_label(f), why);
    CHECK(f->weighted);
    CHECK(f->wt[FC_AUTO_ENSEMBLE] >= FC_AUTO_PRIOR / (1.0 + FC_AUTO_PRIOR) - 1e-12);
    CHECK(strstr(why, "over the 1 past year at month 6") != NULL);
    CHECK(strstr(why, "(few years: shrunk toward the ensemble)") != NULL);
    /* the combined point: sum_k wt[k] member_k (ets, theta, seasonal,
     * runrate) + wt[ens] x the median of the first three */
    double pt[6], mp[4][6];
    fdi_fc_point(f, 6, pt);
    CHECK_INT(f->nmembers, 4);
    CHECK_INT(fdi_fc_used(f->member[3]), FDI_FC_RUNRATE);
    for (size_t k = 0; k < 4 && k < f->nmembers; k++)
        fdi_fc_point(f->member[k], 6, mp[k]);
    for (int i = 0; i < 6; i++) {
        double a = mp[0][i], b = mp[1][i], d = mp[2][i];
        double med = fmax(fmin(a, b), fmin(fmax(a, b), d));
        double want = f->wt[0] * a + f->wt[1] * b + f->wt[2] * d + f->wt[3] * mp[3][i] +
                      f->wt[FC_AUTO_ENSEMBLE] * med;
        CHECK_NEAR(pt[i], want, 1e-9 * fabs(want));
    }
    fdi_fc_free(f);
}

/* Two strongly seasonal years, then three years and nine months in which
 * every quarter repeats one three-month pattern, its swing and the level
 * changed from year to year: at month 9 of each of the three past years
 * with two years before them (all in the second part: auto replays every
 * one) the run rate (ytd x 12 / 9) is the year total exactly (three whole
 * patterns seen, one to come), while the seasonal share still carries the old
 * shape and ets and theta are thrown by the level jumps and swings.  auto
 * weighs runrate first with 0.0% error, and its year-end is much nearer
 * the true total (12 x 1100, by hand) than the ensemble's. */
static void test_runrate_wins(void)
{
    static const double level[6] = {1000, 1400, 1000, 1500, 900, 1100};
    double y[12 * 5 + 9];
    size_t n = sizeof y / sizeof y[0];
    make_shares(y, 12 * 2);
    static const double swing[6] = {0, 0, 0.6, 0.2, 0.8, 0.4};
    for (size_t t = 12 * 2; t < n; t++)
        y[t] = level[t / 12] * (1.0 + swing[t / 12] * ((double)(t % 3) - 1.0));
    fdi_fc_config c = fdi_fc_config_default(12, 9);
    fdi_yearend ye, ens;
    fdi_error err;
    CHECK_INT(fdi_fc_yearend(FDI_FC_AUTO, y, n, &c, NAN, 1000, 42, &ye, &err), FDI_OK);
    CHECK_INT(fdi_fc_yearend(FDI_FC_ENSEMBLE, y, n, &c, NAN, 1000, 42, &ens, &err), FDI_OK);
    printf("runrate series: %s | %s\n", ye.label, ye.explain);
    CHECK(strncmp(ye.explain, "auto: weights runrate ", 22) == 0);
    CHECK(strstr(ye.explain, "MAPE: runrate 0.0%") != NULL);
    double want = 12 * 1100.0;
    printf("runrate series: auto %.2f, ensemble %.2f, actual %.2f\n", ye.point, ens.point, want);
    CHECK(fabs(ye.point - want) < 0.5 * fabs(ens.point - want));
}

/* Too short for any past year to replay (two years and three months):
 * auto falls back as before, and says nothing of weights. */
static void test_no_evidence(void)
{
    double y[12 * 2 + 3];
    size_t n = sizeof y / sizeof y[0];
    fdi_fc_config c = fdi_fc_config_default(12, 3);
    fdi_fc_fit *f = fit_shares(y, n, &c);
    if (!f)
        return;
    printf("no evidence: %s | %s\n", fdi_fc_label(f), fdi_fc_explain(f));
    CHECK_STR(fdi_fc_explain(f),
              "auto: ensemble (no past year with two years before it to compare the "
              "methods on)");
    CHECK_INT(fdi_fc_used(f), FDI_FC_ENSEMBLE);
    fdi_fc_free(f);
}

/* Less than two years (one year and six months of make_shares): ets and
 * theta cannot be fitted and no past year can compare the seasonal share
 * with the run rate, so auto takes their mean.  By hand: the year's first
 * six months hold 2+3+5+7+9+11 = 37% of its total 1600, 592; the seasonal
 * share says 592 / 0.37 = 1600, the run rate 592 x 12 / 6 = 1184; their
 * mean 1392.  (Before, auto fell back to the seasonal share alone.) */
static void test_short_mean(void)
{
    double y[12 + 6];
    size_t n = sizeof y / sizeof y[0];
    fdi_fc_config c = fdi_fc_config_default(12, 6);
    fdi_fc_fit *f = fit_shares(y, n, &c);
    if (!f)
        return;
    printf("short: %s | %s\n", fdi_fc_label(f), fdi_fc_explain(f));
    CHECK_STR(fdi_fc_label(f), "auto: mean of seasonal,runrate");
    CHECK(strstr(fdi_fc_explain(f), "less than two years") != NULL);
    CHECK(!(fdi_fc_fit_notes(f) & FDI_FC_NOTE_FALLBACK));
    fdi_fc_free(f);
    fdi_yearend ye;
    fdi_error err;
    CHECK_INT(fdi_fc_yearend(FDI_FC_AUTO, y, n, &c, NAN, 1000, 42, &ye, &err), FDI_OK);
    CHECK_NEAR(ye.point, 1392.0, 1e-6);
}

int main(void)
{
    test_weights();
    test_seasonal_wins();
    test_thin_history();
    test_runrate_wins();
    test_no_evidence();
    test_short_mean();
    return check_report("test_fc_auto");
}
