/* evaluate.c - all scenarios of one series at once.
 *
 * Each scenario maps every forecast month x to a x + b, so a path's
 * year-end total under scenario j is ytd + sum_t (a_tj x_t + b_tj): the
 * totals of every path under every scenario are the product of the paths
 * matrix X (paths x months) and the scenario matrix A (months x
 * scenarios), one cblas_dgemm, plus a constant per scenario.  Identical
 * columns (the baseline, "scale 1", "add 0") are computed once.
 */
#include "fdi/kernels.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* GSL's declarations of the standard CBLAS: the symbols come from OpenBLAS
 * when it is linked, from GSL's own cblas otherwise */
#include <gsl/gsl_cblas.h>

#include "whatif/whatif_internal.h"

/* Distinct scenarios evaluated per matrix product: enough columns for
 * dgemm's blocking, few enough that the totals (paths x WHATIF_BLOCK
 * doubles, 10 MB at 5,000 paths) do not grow with the scenario count. */
enum { WHATIF_BLOCK = 256 };

struct fdi_whatif_scratch {
    size_t npaths, J, h;
    double *a, *b, *ac, *off, *t, *mu;
    size_t *uniq;     /* column j -> its unique column */
    size_t *first_of; /* unique column -> the first j that has it */
    size_t *slot;     /* hash table of unique columns (2^k entries) */
    size_t nslot;
};

fdi_whatif_scratch *fdi_whatif_scratch_new(const fdi_whatif *w, size_t npaths)
{
    fdi_whatif_scratch *x = calloc(1, sizeof *x);
    size_t J = w->J, h = w->h;
    if (!x)
        return NULL;
    x->npaths = npaths;
    x->J = J;
    x->h = h;
    x->nslot = 16;
    while (x->nslot < 2 * J)
        x->nslot *= 2;
    x->a = malloc(h * J * sizeof *x->a);
    x->b = malloc(h * J * sizeof *x->b);
    x->ac = malloc(h * J * sizeof *x->ac);
    x->off = malloc(J * sizeof *x->off);
    x->t = malloc(npaths * (J < WHATIF_BLOCK ? J : WHATIF_BLOCK) * sizeof *x->t);
    x->mu = malloc(h * sizeof *x->mu);
    x->uniq = malloc(J * sizeof *x->uniq);
    x->first_of = malloc(J * sizeof *x->first_of);
    x->slot = malloc(x->nslot * sizeof *x->slot);
    if (!x->a || !x->b || !x->ac || !x->off || !x->t || !x->mu || !x->uniq ||
        !x->first_of || !x->slot) {
        fdi_whatif_scratch_free(x);
        return NULL;
    }
    return x;
}

void fdi_whatif_scratch_free(fdi_whatif_scratch *x)
{
    if (!x)
        return;
    free(x->a);
    free(x->b);
    free(x->ac);
    free(x->off);
    free(x->t);
    free(x->mu);
    free(x->uniq);
    free(x->first_of);
    free(x->slot);
    free(x);
}

static uint64_t hash_column(const double *a, const double *b, size_t h, size_t J, size_t j)
{
    uint64_t v = 1469598103934665603ull;
    for (size_t t = 0; t < h; t++) {
        uint64_t u[2];
        memcpy(&u[0], &a[t * J + j], 8);
        memcpy(&u[1], &b[t * J + j], 8);
        v = (v ^ u[0]) * 1099511628211ull;
        v = (v ^ u[1]) * 1099511628211ull;
    }
    return v;
}

static int same_column(const double *a, const double *b, size_t h, size_t J, size_t i,
                       size_t j)
{
    for (size_t t = 0; t < h; t++)
        if (memcmp(&a[t * J + i], &a[t * J + j], 8) || memcmp(&b[t * J + i], &b[t * J + j], 8))
            return 0;
    return 1;
}

/* The 10% and 90% quantiles of v[0..n) by linear interpolation between
 * order statistics (R's type 7, as gsl_stats_quantile_from_sorted_data),
 * with two selections: the second only searches above the first. */
static void quantiles_10_90(double *v, size_t n, double *q10, double *q90)
{
    double x1 = 0.10 * (double)(n - 1), x2 = 0.90 * (double)(n - 1);
    size_t k1 = (size_t)x1, k2 = (size_t)x2;
    double lo1 = fdi_kernel_select(v, n, k1), next1 = lo1;
    if (k1 + 1 < n) { /* the next order statistic: the least above k1 */
        next1 = v[k1 + 1];
        for (size_t i = k1 + 2; i < n; i++)
            next1 = v[i] < next1 ? v[i] : next1;
    }
    *q10 = lo1 + (x1 - (double)k1) * (next1 - lo1);
    size_t off = k1 + 1;
    double lo2 = k2 >= off ? fdi_kernel_select(v + off, n - off, k2 - off) : lo1, next2 = lo2;
    if (k2 + 1 < n) {
        next2 = v[k2 + 1];
        for (size_t i = k2 + 2; i < n; i++)
            next2 = v[i] < next2 ? v[i] : next2;
    }
    *q90 = lo2 + (x2 - (double)k2) * (next2 - lo2);
}

/* Summary of the totals tot[0..n) (changed in place: widened, reordered).
 * A series that never went negative (nonneg) is widened as the forecast
 * widens it (yearend.c): no total below the year to date, unless the
 * scenario itself took that path lower (a "set" or "add" below 0), which
 * widening then never takes further down. */
static void summarise(double *tot, size_t n, double mean, double widen, int nonneg, double ytd,
                      double target, fdi_whatif_result *r)
{
    size_t hit = 0;
    if (widen != 1.0) { /* calibration may also narrow (calibrate.c) */
        for (size_t p = 0; p < n; p++) {
            double w = mean + widen * (tot[p] - mean);
            double floor = tot[p] < ytd ? tot[p] : ytd;
            tot[p] = nonneg && w < floor ? floor : w;
            hit += tot[p] >= target;
        }
    } else {
        for (size_t p = 0; p < n; p++)
            hit += tot[p] >= target;
    }
    r->p_target = isnan(target) ? (double)NAN : (double)hit / (double)n;
    quantiles_10_90(tot, n, &r->lo80, &r->hi80);
}

/* The distinct columns of the maps (a, b), compacted into ac (h x U) with
 * their offsets ytd + sum_t b; uniq[j] and first_of[u].  Returns U. */
static size_t unique_columns(fdi_whatif_scratch *x, double ytd)
{
    size_t J = x->J, h = x->h, U = 0;
    for (size_t i = 0; i < x->nslot; i++)
        x->slot[i] = SIZE_MAX;
    for (size_t j = 0; j < J; j++) {
        size_t i = (size_t)hash_column(x->a, x->b, h, J, j) & (x->nslot - 1);
        while (x->slot[i] != SIZE_MAX &&
               !same_column(x->a, x->b, h, J, x->slot[i], j))
            i = (i + 1) & (x->nslot - 1);
        if (x->slot[i] != SIZE_MAX) {
            x->uniq[j] = x->uniq[x->slot[i]];
            continue;
        }
        x->slot[i] = j;
        x->uniq[j] = U;
        x->first_of[U] = j;
        double off = ytd;
        for (size_t t = 0; t < h; t++) {
            x->ac[t * J + U] = x->a[t * J + j];
            off += x->b[t * J + j];
        }
        x->off[U++] = off;
    }
    return U;
}

fdi_status fdi_whatif_eval(const fdi_whatif *w, size_t s, const double *paths,
                           size_t npaths, double ytd, double widen, int nonneg,
                           double target, fdi_whatif_scratch *x, fdi_whatif_result *res)
{
    size_t J = w->J, h = w->h, P = npaths;
    if (!x || x->npaths < P || x->J != J || x->h != h || P == 0)
        return FDI_EUSAGE;
    fdi_whatif_maps(w, s, x->a, x->b);
    size_t U = unique_columns(x, ytd);
    for (size_t t = 0; t < h; t++) {
        double m = 0;
        for (size_t p = 0; p < P; p++)
            m += paths[p * h + t];
        x->mu[t] = m / (double)P;
    }
    double base = 0;
    /* the totals of every path under the distinct scenarios [u0, u0 + n),
     * scenario-major (T' = A' X': each scenario's totals contiguous for
     * the statistics), WHATIF_BLOCK at a time: the scratch holds paths x
     * WHATIF_BLOCK totals, not paths x scenarios */
    for (size_t u0 = 0; u0 < U; u0 += WHATIF_BLOCK) {
        size_t n = U - u0 < WHATIF_BLOCK ? U - u0 : WHATIF_BLOCK;
        cblas_dgemm(CblasRowMajor, CblasTrans, CblasTrans, (int)n, (int)P, (int)h, 1.0,
                    x->ac + u0, (int)J, paths, (int)h, 0.0, x->t, (int)P);
        if (u0 == 0) { /* the baseline is column 0 */
            for (size_t p = 0; p < P; p++)
                base += x->t[p] + x->off[0];
            base /= (double)P;
        }
        /* per distinct column: the mean moves by sum_t (a - 1) mu_t +
         * sum_t b exactly (an "add 1500" moves it by 1500, not 1500 +-
         * rounding) */
        for (size_t u = u0; u < u0 + n; u++) {
            size_t j = x->first_of[u];
            double change = 0;
            for (size_t t = 0; t < h; t++)
                change += (x->a[t * J + j] - 1.0) * x->mu[t] + x->b[t * J + j];
            if (u == 0)
                change = 0; /* the baseline's own column */
            res[j].change = change;
            res[j].mean = base + change;
            double *tot = x->t + (u - u0) * P;
            for (size_t p = 0; p < P; p++)
                tot[p] += x->off[u];
            summarise(tot, P, res[j].mean, widen, nonneg, ytd, target, &res[j]);
        }
    }
    for (size_t j = 0; j < J; j++) /* the same maps as an earlier scenario */
        if (x->first_of[x->uniq[j]] != j)
            res[j] = res[x->first_of[x->uniq[j]]];
    return FDI_OK;
}

fdi_status fdi_whatif_eval_naive(const fdi_whatif *w, size_t s, const double *paths,
                                 size_t npaths, double ytd, double widen, int nonneg,
                                 double target, fdi_whatif_result *res)
{
    size_t J = w->J, h = w->h, P = npaths, R = w->sc->nrows;
    double *tot = malloc(P * sizeof *tot), *xs = malloc(h * sizeof *xs);
    /* each scenario's rows, in file order (counting sort by scenario) */
    size_t *start = calloc(J + 1, sizeof *start), *order = malloc((R ? R : 1) * sizeof *order);
    if (!tot || !xs || !start || !order) {
        free(tot);
        free(xs);
        free(start);
        free(order);
        return FDI_ENOMEM;
    }
    for (size_t i = 0; i < R; i++)
        start[w->row_scen[i] + 1]++;
    for (size_t j = 0; j < J; j++)
        start[j + 1] += start[j];
    for (size_t i = 0; i < R; i++)
        order[start[w->row_scen[i]]++] = i;
    for (size_t j = J; j > 0; j--) /* start[] moved one bucket on: restore */
        start[j] = start[j - 1];
    start[0] = 0;
    for (size_t j = 0; j < J; j++) {
        double mean = 0;
        for (size_t p = 0; p < P; p++) {
            memcpy(xs, paths + p * h, h * sizeof *xs);
            for (size_t k = start[j]; k < start[j + 1]; k++) {
                size_t i = order[k];
                const fdi_scenario_row *r = &w->sc->rows[i];
                if (!w->match[i * w->nseries + s])
                    continue;
                for (size_t t = 0; t < h; t++) {
                    int32_t month = w->first + (int32_t)t;
                    if (r->op == FDI_OP_SHIFT) {
                        if (month == r->from)
                            xs[t] -= r->value;
                        else if (month == r->to)
                            xs[t] += r->value;
                        continue;
                    }
                    if (month < r->from || month > r->to)
                        continue;
                    switch (r->op) {
                    case FDI_OP_SCALE: xs[t] *= r->value; break;
                    case FDI_OP_ADD: xs[t] += r->value; break;
                    case FDI_OP_SET: xs[t] = r->value; break;
                    case FDI_OP_GROWTH:
                        xs[t] *= pow(1.0 + r->value / 100.0, (double)(month - r->from + 1));
                        break;
                    default: break;
                    }
                }
            }
            double sum = ytd;
            for (size_t t = 0; t < h; t++)
                sum += xs[t];
            tot[p] = sum;
            mean += sum;
        }
        mean /= (double)P;
        res[j].mean = mean;
        res[j].change = mean - res[0].mean;
        if (j == 0)
            res[j].change = 0;
        summarise(tot, P, mean, widen, nonneg, ytd, target, &res[j]);
    }
    free(tot);
    free(xs);
    free(start);
    free(order);
    return FDI_OK;
}
