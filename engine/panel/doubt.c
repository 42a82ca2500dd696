/* doubt.c - rows that may be totals where the figures cannot tell
 * (doubt.h). */
#include "panel/doubt.h"

#include <math.h>
#include <stdlib.h>

typedef struct {
    double v;
    uint32_t i; /* the column's place in the slice */
} cell;

static int cmp_cell(const void *a, const void *b)
{
    const cell *x = a, *y = b;
    return (x->v > y->v) - (x->v < y->v);
}

int fdi__figures_thin(fdi__fig_count c)
{
    return c.periods >= 1 && c.periods < FDI__FIGURES_MIN_PERIODS && c.matched == c.periods;
}

int fdi__figures_pair_doubt(fdi__fig_pair c)
{
    return fdi__figures_is_total((fdi__fig_count){c.periods, c.matched});
}

/* The first cell of v[0..n) (sorted) with a value at least lo. */
static size_t lower_bound(const cell *v, size_t n, double lo)
{
    size_t a = 0, z = n;
    while (a < z) {
        size_t m = a + (z - a) / 2;
        if (v[m].v < lo)
            a = m + 1;
        else
            z = m;
    }
    return a;
}

/* The column of v[0..n) other than v[k]'s, not zero and not both totals
 * with it, within tol of need; UINT32_MAX: none. */
static uint32_t partner_of(const cell *v, size_t n, size_t k, double need, double tol,
                           const fdi__fig_col *c, const unsigned char *total)
{
    for (size_t j = lower_bound(v, n, need - tol); j < n && v[j].v <= need + tol; j++)
        if (j != k && v[j].v != 0 &&
            !(total && total[c[v[k].i].col] && total[c[v[j].i].col]))
            return v[j].i;
    return UINT32_MAX;
}

/* One period's row of the slice c[0..m) into count[]; v: room for m. */
static void pair_period(const double *row, const fdi__fig_col *c, size_t m,
                        const unsigned char *total, cell *v, fdi__fig_pair *count)
{
    size_t n = 0, nonzero = 0;
    double sum = 0;
    for (size_t i = 0; i < m; i++) {
        double x = row[c[i].col];
        if (x == x) {
            v[n++] = (cell){x, (uint32_t)i};
            sum += x;
            nonzero += x != 0;
        }
    }
    qsort(v, n, sizeof *v, cmp_cell);
    for (size_t k = 0; k < n; k++) {
        double x = v[k].v, others = sum - x;
        if (x == 0 || nonzero < 4)
            continue;
        double big = fabs(x) > fabs(others) ? fabs(x) : fabs(others);
        double tol = FDI__FIGURES_REL * big * (1 + 1e-9), need = others - x;
        if (fabs(need) <= tol)
            continue; /* the sum of all the others: figures.h's own */
        fdi__fig_pair *p = &count[c[v[k].i].label];
        uint32_t y = partner_of(v, n, k, need, tol, c, total);
        p->periods++;
        if (y != UINT32_MAX) {
            p->matched++;
            p->partner = c[y].label + 1;
        }
    }
}

int fdi__figures_pairs(const double *x, size_t T, size_t stride, const fdi__fig_col *cols,
                       size_t n, const unsigned char *total, fdi__fig_pair *count)
{
    cell *v = malloc((n ? n : 1) * sizeof *v);
    if (!v)
        return -1;
    for (size_t i = 0, j = 0; i < n; i = j) {
        for (j = i; j < n && cols[j].slice == cols[i].slice; j++)
            ;
        for (size_t t = 0; j - i >= 4 && t < T; t++)
            pair_period(x + t * stride, cols + i, j - i, total, v, count);
    }
    free(v);
    return 0;
}
