/* test_fc_etsprune.c - auto's pruned ETS search (fdi__ets_fit_pruned)
 * and the Nelder-Mead pause and resume it is built on.
 *
 * The pruned search pauses every model's minimisation at a loose
 * tolerance, drops the models far behind on AICc, and resumes the others
 * to R's tolerance.  Its claim: a resumed run is the run R's tolerance
 * would have made from the start, bit for bit, so whenever the pruned
 * search ends on the model fdi__ets_fit chooses (test_fc_ets holds that
 * one to R), it is the same fit, every byte; when it ends elsewhere, that
 * model's AICc is above the full search's.  Checked here:
 *   - Nelder-Mead on Rosenbrock's function (minimum 0 at (1, 1, 1, 1)):
 *     paused at 1e-3 then resumed to 1e-10, against a run to 1e-10 from
 *     the start: the same point, value and count of evaluations;
 *   - the 10 golden M3 series and 40 generated ones (the shapes of
 *     test_fc_fitspeed), "ZZZ": every pruned fit either identical to the
 *     full search's or (a different model) of higher AICc; on the golden
 *     series all ten are identical. */
#include "check.h"
#include "golden.h"
#include "shapes.h"

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "forecast/ets_internal.h"
#include "forecast/nelder_mead.h"

#define GOLDEN FDI_SOURCE_DIR "/tests/golden/forecast/"

static double keep_value(const double *x, double v, void *arg)
{
    (void)x;
    (void)arg;
    return v;
}

static double rosenbrock(const double *x, int n)
{
    double f = 0;
    for (int i = 0; i + 1 < n; i++)
        f += 100 * (x[i + 1] - x[i] * x[i]) * (x[i + 1] - x[i] * x[i]) + (1 - x[i]) * (1 - x[i]);
    return f;
}

static void drive(nm_run *r, int n)
{
    const double *const *pts;
    double v[NM_MAXDIM + 1];
    int k;
    while ((k = fdi__nm_next(r, &pts)) > 0) {
        for (int i = 0; i < k; i++)
            v[i] = rosenbrock(pts[i], n);
        fdi__nm_tell(r, v);
    }
}

static void test_resume(void)
{
    enum { N = 4 };
    const double x0[N] = {-1.2, 1.0, -0.5, 0.8};
    double xa[N], xb[N];
    int ea, eb, paused_at;
    for (int look = 0; look <= 1; look++) {
        nm_run a, b;
        fdi__nm_start(&a, x0, N, 5000, 1e-10, look, keep_value, NULL);
        drive(&a, N);
        double fa = fdi__nm_result(&a, xa, &ea);
        fdi__nm_start(&b, x0, N, 5000, 1e-3, look, keep_value, NULL);
        drive(&b, N);
        fdi__nm_result(&b, xb, &paused_at);
        fdi__nm_resume(&b, 5000, 1e-10);
        drive(&b, N);
        double fb = fdi__nm_result(&b, xb, &eb);
        printf("lookahead %d: paused after %d evaluations, both ended after %d / %d at f = %.3g\n",
               look, paused_at, ea, eb, fa);
        CHECK(paused_at < ea); /* the pause came first */
        CHECK_INT(eb, ea);
        CHECK(fa == fb);
        CHECK(memcmp(xa, xb, sizeof xa) == 0);
        CHECK(fa < 1e-6);
        fdi__nm_resume(&b, 5000, 1e-10); /* over for good: no step taken */
        drive(&b, N);
        fdi__nm_result(&b, xb, &eb);
        CHECK_INT(eb, ea);
    }
}

/* Fit y both ways: counts fits, identical ones, and failures of the claim. */
static void fit_both(const double *y, size_t n, int m, const char *label, int *fits, int *same,
                     int *bad)
{
    ets_model a, b;
    fdi_error ea, eb;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    fdi_status sa = fdi__ets_fit(y, n, m, "ZZZ", &a, &ea);
    fdi_status sb = fdi__ets_fit_pruned(y, n, m, "ZZZ", &b, &eb);
    (*fits)++;
    if (sa == sb && (sa != FDI_OK || memcmp(&a, &b, sizeof a) == 0)) {
        (*same)++;
        return;
    }
    char na[16] = "-", nb[16] = "-";
    if (sa == FDI_OK)
        fdi__ets_name(&a.spec, na, sizeof na);
    if (sb == FDI_OK)
        fdi__ets_name(&b.spec, nb, sizeof nb);
    int ok = sa == FDI_OK && sb == FDI_OK && memcmp(&a.spec, &b.spec, sizeof a.spec) != 0 &&
             b.aicc > a.aicc;
    fprintf(stderr, "  %s: full %s (aicc %.17g), pruned %s (aicc %.17g)%s\n", label, na, a.aicc,
            nb, b.aicc, ok ? ": another model, worse by AICc" : ": WRONG");
    *bad += !ok;
}

typedef struct {
    int fits, same, bad;
} prune_tally;

static void one(void *ctx, const double *y, size_t n, int m, const char *name)
{
    prune_tally *t = ctx;
    fit_both(y, n, m, name, &t->fits, &t->same, &t->bad);
}

static void test_golden(void)
{
    prune_tally t = {0, 0, 0};
    CHECK_INT(golden_each_m3(GOLDEN, one, &t), 10);
    printf("golden series: %d fits, %d identical\n", t.fits, t.same);
    CHECK_INT(t.fits, 10);
    CHECK_INT(t.same, 10);
    CHECK_INT(t.bad, 0);
}

static void test_generated(void)
{
    prune_tally t = {0, 0, 0};
    shape_each(one, &t);
    int fits = t.fits, same = t.same, bad = t.bad;
    printf("generated series: %d fits, %d identical\n", fits, same);
    CHECK_INT(fits, 40);
    CHECK(same >= 36); /* on M3, 1,414 of 1,428 */
    CHECK_INT(bad, 0);
}

int main(void)
{
    test_resume();
    test_golden();
    test_generated();
    return check_report("test_fc_etsprune");
}
