/* test_fc_fitspeed.c - the shortcut in ETS fitting that skips the
 * admissibility test changes no fit.
 *
 * Nelder-Mead confirms each point it uses; ETS's confirmation is the
 * admissibility test (the roots of the characteristic polynomial), which
 * can only turn a value into "outside".  A point whose value is already at
 * or above what it must beat to be kept (fdi__nm_keep) is dropped either
 * way, so the fit skips the test there (fdi__ets_fit_skip = 1, the
 * default).  Checked here bit for bit against the test on every point
 * used (fdi__ets_fit_skip = 0), the plain way test_fc_ets compares with R:
 * the 10 golden M3 series and 40 generated ones (additive and
 * multiplicative seasons, trends, values crossing zero, short), each with
 * several model strings; every field of the model the same. */
#include "check.h"
#include "golden.h"
#include "shapes.h"

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "forecast/ets_internal.h"

#define GOLDEN FDI_SOURCE_DIR "/tests/golden/forecast/"

/* Fit y with and without the skip under each model string; counts fits
 * and mismatches (status, or any byte of the model: the models start
 * zeroed, so their padding agrees too). */
static void fit_both(const double *y, size_t n, int m, const char *label, int *fits, int *bad)
{
    static const char *const models[] = {"ZZZ", "AAdA", "MAM", "MNM", "ANA", "ZZN"};
    for (size_t i = 0; i < sizeof models / sizeof models[0]; i++) {
        ets_model a, b;
        fdi_error ea, eb;
        memset(&a, 0, sizeof a);
        memset(&b, 0, sizeof b);
        fdi__ets_fit_skip = 1;
        fdi_status sa = fdi__ets_fit(y, n, m, models[i], &a, &ea);
        fdi__ets_fit_skip = 0;
        fdi_status sb = fdi__ets_fit(y, n, m, models[i], &b, &eb);
        fdi__ets_fit_skip = 1;
        (*fits)++;
        if (sa != sb || (sa == FDI_OK && memcmp(&a, &b, sizeof a) != 0)) {
            (*bad)++;
            fprintf(stderr, "  %s %s: the fits differ (status %d / %d, aicc %.17g / %.17g)\n",
                    label, models[i], (int)sa, (int)sb, a.aicc, b.aicc);
        }
    }
}

typedef struct {
    int fits, bad;
} skip_tally;

static void one(void *ctx, const double *y, size_t n, int m, const char *name)
{
    skip_tally *t = ctx;
    fit_both(y, n, m, name, &t->fits, &t->bad);
}

static void test_golden(void)
{
    skip_tally t = {0, 0};
    int found = golden_each_m3(GOLDEN, one, &t);
    printf("golden series: %d, %d fits, %d differ\n", found, t.fits, t.bad);
    CHECK_INT(found, 10);
    CHECK_INT(t.bad, 0);
}

/* The 40 generated shapes of shapes.h, every model fitted both ways. */
static void test_generated(void)
{
    skip_tally t = {0, 0};
    shape_each(one, &t);
    int fits = t.fits, bad = t.bad;
    printf("generated series: 40, %d fits, %d differ\n", fits, bad);
    CHECK_INT(fits, 240);
    CHECK_INT(bad, 0);
}

int main(void)
{
    test_golden();
    test_generated();
    return check_report("test_fc_fitspeed");
}
