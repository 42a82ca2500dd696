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

/* Whether v is a whole number of units u (within a millionth of one). */
static int whole_units(double v, double u)
{
    double s = fabs(v) / u;
    return fabs(s - nearbyint(s)) <= 1e-6 * (s > 1 ? s : 1);
}

double fdi__figures_unit(double v)
{
    double u = 1;
    for (int k = 0; k <= 6; k++, u /= 10)
        if (whole_units(v, u))
            return u;
    return 1e-6;
}

/* min(unit, fdi__figures_unit(v)) (1 for v zero or none), without the
 * search when v is a whole number of units already: fdi__figures_unit
 * returns the first of 1, 0.1, ... that v fits, so no finer one then.
 * 1e-6 is the finest it returns. */
static double finer_unit(double unit, double v)
{
    if (v != v || v == 0 || unit == 1e-6 || whole_units(v, unit))
        return unit;
    double u = fdi__figures_unit(v);
    return u < unit ? u : unit;
}

/* A column of a slice of three or more, with its slice's place in the
 * tables below. */
typedef struct {
    uint32_t col, slice, label;
} active_col;

static int cmp_col(const void *a, const void *b)
{
    const active_col *x = a, *y = b;
    return (x->col > y->col) - (x->col < y->col);
}

/* The slices of three columns or more, worked on a period (a row of the
 * matrix) at a time: on[0..non) in the order of their columns, so that
 * each slice's sum adds its values in the order of its columns as one
 * slice at a time did, and each row is read in order.  Per label: alive,
 * whether it is still counted (may be a total); ncols, its columns. */
typedef struct {
    active_col *on;
    size_t non, nslices, nlabels, nalive;
    double *sum, *unit; /* per slice; unit: its rounding unit, unit[0] -1 until needed */
    size_t *nonzero;
    unsigned char *alive;
    size_t *ncols;
} slice_rows;

static void slice_rows_free(slice_rows *r)
{
    free(r->on);
    free(r->sum);
    free(r->unit);
    free(r->nonzero);
    free(r->alive);
    free(r->ncols);
}

/* cols[0..n) sorted by slice into r, every label of a slice alive; 0,
 * or -1 when out of memory. */
static int slice_rows_init(slice_rows *r, const fdi__fig_col *cols, size_t n)
{
    size_t cap = n ? n : 1, nl = 1;
    for (size_t i = 0; i < n; i++)
        nl = cols[i].label >= nl ? (size_t)cols[i].label + 1 : nl;
    *r = (slice_rows){malloc(cap * sizeof *r->on), 0, 0, nl, nl,
                      malloc(cap * sizeof *r->sum), malloc(cap * sizeof *r->unit),
                      malloc(cap * sizeof *r->nonzero), malloc(nl), calloc(nl, sizeof *r->ncols)};
    if (!r->on || !r->sum || !r->unit || !r->nonzero || !r->alive || !r->ncols) {
        slice_rows_free(r);
        return -1;
    }
    for (size_t i = 0, j = 0; i < n; i = j) {
        for (j = i; j < n && cols[j].slice == cols[i].slice; j++)
            ;
        for (size_t c = i; j - i >= 3 && c < j; c++) {
            r->on[r->non++] = (active_col){cols[c].col, (uint32_t)r->nslices, cols[c].label};
            r->ncols[cols[c].label]++;
        }
        r->nslices += j - i >= 3;
    }
    r->nalive = 0; /* a label in no slice of three has nothing to count */
    for (size_t l = 0; l < nl; l++)
        r->alive[l] = r->ncols[l] > 0, r->nalive += r->alive[l];
    r->unit[0] = -1;
    qsort(r->on, r->non, sizeof *r->on, cmp_col);
    return 0;
}

/* Every slice's rounding unit: the finest any of its values needs, read
 * a row at a time. */
static void slice_units(slice_rows *r, const double *x, size_t T, size_t stride)
{
    for (size_t k = 0; k < r->nslices; k++)
        r->unit[k] = 1;
    for (size_t t = 0; t < T; t++)
        for (size_t i = 0; i < r->non; i++) {
            size_t k = r->on[i].slice;
            r->unit[k] = finer_unit(r->unit[k], x[t * stride + r->on[i].col]);
        }
}

/* Each slice's sum in one row, and how many of its values are not zero. */
static void row_sums(slice_rows *r, const double *row)
{
    for (size_t k = 0; k < r->nslices; k++)
        r->sum[k] = 0, r->nonzero[k] = 0;
    for (size_t i = 0; i < r->non; i++) {
        double v = row[r->on[i].col];
        if (v == v)
            r->sum[r->on[i].slice] += v, r->nonzero[r->on[i].slice] += v != 0;
    }
}

/* Whether column i of the row counts (a value, and two others not zero);
 * if so *gap and *big: how far it is from the others' sum, and the larger
 * of the two. */
static int row_counts(const slice_rows *r, const double *row, size_t i, double *gap, double *big)
{
    size_t k = r->on[i].slice;
    double v = row[r->on[i].col], others = r->sum[k] - v;
    if (v != v || r->nonzero[k] - (v != 0) < 2)
        return 0;
    *big = fabs(v) > fabs(others) ? fabs(v) : fabs(others), *gap = fabs(v - others);
    return 1;
}

/* Within FDI__FIGURES_REL (a hair over: 4.4 - (2.2 + 1.1 + 1.0) is 0.1
 * and some bits). */
static int near(double gap, double big)
{
    return gap <= FDI__FIGURES_REL * big * (1 + 1e-9);
}

/* Period t of every slice into count[], for the labels alive. */
static void count_period(slice_rows *r, const double *x, size_t T, size_t stride, size_t t,
                         fdi__fig_count *count)
{
    const double *row = x + t * stride;
    row_sums(r, row);
    for (size_t i = 0; i < r->non; i++) {
        size_t k = r->on[i].slice;
        double gap, big;
        if (!r->alive[r->on[i].label] || !row_counts(r, row, i, &gap, &big))
            continue;
        int match = near(gap, big);
        if (!match && gap <= 1 + 1e-9) {
            if (r->unit[0] < 0) /* looked up when first needed: a gap of 1 or less */
                slice_units(r, x, T, stride);
            /* (a unit that is a large part of the figure is no rounding:
             * small counts one apart) */
            match = gap <= r->unit[k] * (1 + 1e-9) && r->unit[k] <= FDI__FIGURES_UNIT_SHARE * big;
        }
        count[r->on[i].label].periods++;
        count[r->on[i].label].matched += (uint32_t)(match != 0);
    }
}

/* Period t (of T) of every slice into seen[] without the rounding unit:
 * matched counts the periods that may match (within FDI__FIGURES_REL, or
 * the most a unit could allow: a unit is at most 1 and
 * FDI__FIGURES_UNIT_SHARE of the larger), so a label's periods - matched
 * is at most what fdi__figures_count finds apart.  A label is no longer
 * alive when those apart are more than one in ten of every period it
 * could count, those to come too. */
static void screen_period(slice_rows *r, const double *row, size_t t, size_t T,
                          fdi__fig_count *seen)
{
    row_sums(r, row);
    for (size_t i = 0; i < r->non; i++) {
        double gap, big, most;
        if (!r->alive[r->on[i].label] || !row_counts(r, row, i, &gap, &big))
            continue;
        most = FDI__FIGURES_UNIT_SHARE * big < 1 ? FDI__FIGURES_UNIT_SHARE * big : 1;
        seen[r->on[i].label].periods++;
        seen[r->on[i].label].matched += (uint32_t)(near(gap, big) || gap <= most * (1 + 1e-9));
    }
    for (size_t l = 0; l < r->nlabels; l++) {
        uint64_t apart = seen[l].periods - seen[l].matched, to_come = (T - t - 1) * r->ncols[l];
        if (r->alive[l] && 10 * apart > seen[l].periods + to_come)
            r->alive[l] = 0, r->nalive--;
    }
}

void fdi__figures_sort(fdi__fig_col *cols, size_t n)
{
    qsort(cols, n, sizeof *cols, cmp_slice);
}

/* cols sorted (fdi__figures_sort) and their slices made into *r; 0, or -1
 * when out of memory. */
static int sorted_rows(slice_rows *r, fdi__fig_col *cols, size_t n)
{
    fdi__figures_sort(cols, n);
    return slice_rows_init(r, cols, n);
}

/* Every period counted for the labels still alive (all of them until
 * screen_period rules some out). */
static void count_rows(slice_rows *r, const double *x, size_t T, size_t stride,
                       fdi__fig_count *count)
{
    for (size_t t = 0; r->non && r->nalive && t < T; t++)
        count_period(r, x, T, stride, t, count);
}

int fdi__figures_count(const double *x, size_t T, size_t stride, fdi__fig_col *cols, size_t n,
                       fdi__fig_count *count)
{
    slice_rows r;
    if (sorted_rows(&r, cols, n))
        return -1;
    count_rows(&r, x, T, stride, count);
    slice_rows_free(&r);
    return 0;
}

int fdi__figures_find(const double *x, size_t T, size_t stride, fdi__fig_col *cols, size_t n,
                      fdi__fig_count *count)
{
    slice_rows r;
    if (sorted_rows(&r, cols, n))
        return -1;
    for (size_t t = 0; r.non && r.nalive && t < T; t++)
        screen_period(&r, x + t * stride, t, T, count);
    for (size_t l = 0; l < r.nlabels; l++)
        if (r.alive[l])
            count[l] = (fdi__fig_count){0, 0};
    count_rows(&r, x, T, stride, count);
    slice_rows_free(&r);
    return 0;
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
