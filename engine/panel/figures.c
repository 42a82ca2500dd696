/* figures.c - total rows found by their figures (figures.h). */
#include "panel/figures.h"

#include "frame/dict.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int cmp_slice(const void *a, const void *b)
{
    const fdi__fig_col *x = a, *y = b;
    if (x->slice != y->slice)
        return x->slice < y->slice ? -1 : 1;
    return (x->col > y->col) - (x->col < y->col);
}

double fdi__figures_unit(double v)
{
    double u = 1;
    for (int k = 0; k <= 6; k++, u /= 10) {
        double s = fabs(v) / u;
        if (fabs(s - nearbyint(s)) <= 1e-6 * (s > 1 ? s : 1))
            return u;
    }
    return 1e-6;
}

/* The rounding unit of the slice c[0..m): the finest any value needs. */
static double slice_unit(const double *x, size_t T, size_t stride, const fdi__fig_col *c,
                         size_t m)
{
    double unit = 1;
    for (size_t t = 0; t < T; t++)
        for (size_t i = 0; i < m; i++) {
            double v = x[t * stride + c[i].col], u = v == v && v != 0 ? fdi__figures_unit(v) : 1;
            unit = u < unit ? u : unit;
        }
    return unit;
}

/* The slice c[0..m) over every period into count[]. */
static void count_slice(const double *x, size_t T, size_t stride, const fdi__fig_col *c,
                        size_t m, fdi__fig_count *count)
{
    double unit = -1; /* looked up when first needed: a gap of 1 or less */
    for (size_t t = 0; t < T; t++) {
        const double *row = x + t * stride;
        double sum = 0;
        size_t nonzero = 0;
        for (size_t i = 0; i < m; i++) {
            double v = row[c[i].col];
            if (v == v)
                sum += v, nonzero += v != 0;
        }
        for (size_t i = 0; i < m; i++) {
            double v = row[c[i].col], others = sum - v;
            if (v != v || nonzero - (v != 0) < 2)
                continue;
            double big = fabs(v) > fabs(others) ? fabs(v) : fabs(others), gap = fabs(v - others);
            /* (a hair over: 4.4 - (2.2 + 1.1 + 1.0) is 0.1 and some bits) */
            int match = gap <= FDI__FIGURES_REL * big * (1 + 1e-9);
            if (!match && gap <= 1 + 1e-9) {
                if (unit < 0)
                    unit = slice_unit(x, T, stride, c, m);
                /* (a unit that is a large part of the figure is no rounding:
                 * small counts one apart) */
                match = gap <= unit * (1 + 1e-9) && unit <= FDI__FIGURES_UNIT_SHARE * big;
            }
            count[c[i].label].periods++;
            count[c[i].label].matched += (uint32_t)(match != 0);
        }
    }
}

void fdi__figures_sort(fdi__fig_col *cols, size_t n)
{
    qsort(cols, n, sizeof *cols, cmp_slice);
}

void fdi__figures_count(const double *x, size_t T, size_t stride, fdi__fig_col *cols,
                        size_t n, fdi__fig_count *count)
{
    fdi__figures_sort(cols, n);
    for (size_t i = 0, j = 0; i < n; i = j) {
        for (j = i; j < n && cols[j].slice == cols[i].slice; j++)
            ;
        if (j - i >= 3)
            count_slice(x, T, stride, cols + i, j - i, count);
    }
}

int fdi__figures_is_total(fdi__fig_count c)
{
    return c.periods >= FDI__FIGURES_MIN_PERIODS && c.matched >= FDI__FIGURES_MIN_PERIODS &&
           10 * (uint64_t)(c.periods - c.matched) <= c.periods;
}

int fdi__figures_slices(const uint32_t *(*keys)(const void *ctx, size_t c), const void *ctx,
                        const uint32_t *which, size_t n, size_t width, size_t d,
                        fdi__fig_col *cols)
{
    fdi__tuplemap m;
    uint32_t *tuple = malloc((width ? width : 1) * sizeof *tuple);
    int rc = tuple ? 0 : -1;
    fdi__tuplemap_init(&m, width);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        memcpy(tuple, keys(ctx, which[i]), width * sizeof *tuple);
        cols[i].label = tuple[d];
        cols[i].col = which[i];
        tuple[d] = 0;
        int64_t s = fdi__tuplemap_intern(&m, tuple);
        if (s < 0)
            rc = -1;
        else
            cols[i].slice = (uint32_t)s;
    }
    fdi__tuplemap_free(&m);
    free(tuple);
    return rc;
}
