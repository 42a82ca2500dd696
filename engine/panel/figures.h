/* figures.h (internal) - total rows found by their figures: a key value
 * whose series is the sum of the other values of that key (DESIGN.md,
 * "Meaning before arithmetic": "a key equal to the sum of the others"),
 * whatever its label ("All provinces", "Vietnam", ...).
 *
 * The columns of a matrix are cut into slices: the columns with the same
 * labels in every other key and the same measure, one column per value of
 * the key tested.  In a slice of three columns or more (a total and at
 * least two members: a key of two values, one the sum of the other, is a
 * copy, not a total), a period counts for a column when it has a value and
 * at least two other columns have a value that is not zero (zero series,
 * and a copy of one member beside zeros, prove nothing); it matches when
 * the column equals the sum of the others that have a value, within
 * FDI__FIGURES_REL of the larger of the two, or the data's rounding unit
 * (the finest decimal place of the slice's values, at most 1: a total
 * rounded apart from its members) when that is more and is at most
 * FDI__FIGURES_UNIT_SHARE of the larger (3 against 1 + 1, project counts
 * one apart, is no rounding).  A label is a total when its periods over every slice
 * number at least FDI__FIGURES_MIN_PERIODS and at most one in ten does not
 * match (a published total may be revised apart from its members once in
 * a while; one period that happens to match proves nothing). */
#ifndef FDI_PANEL_FIGURES_H
#define FDI_PANEL_FIGURES_H

#include <stddef.h>
#include <stdint.h>

#define FDI__FIGURES_REL 0.005
#define FDI__FIGURES_UNIT_SHARE 0.05
enum { FDI__FIGURES_MIN_PERIODS = 3 };

typedef struct {
    uint32_t label; /* the column's label in the key tested (< nlabels) */
    uint32_t slice; /* its labels in every other key and its measure, as one id */
    uint32_t col;   /* its place in a row of the matrix */
} fdi__fig_col;

typedef struct {
    uint32_t periods, matched; /* periods that count, and those that match */
} fdi__fig_count;

/* cols[0..n) sorted by slice, each slice's columns in order. */
void fdi__figures_sort(fdi__fig_col *cols, size_t n);
/* x: T rows of `stride` values (NaN: none); cols[0..n) are sorted in
 * place; count[label] is added to, for every label of the columns.  The
 * matrix is read a period (a row) at a time, all slices at once.  0, or
 * -1 when out of memory (count untouched). */
int fdi__figures_count(const double *x, size_t T, size_t stride, fdi__fig_col *cols,
                       size_t n, fdi__fig_count *count);
/* What fdi__figures_is_total needs of fdi__figures_count, sooner: a
 * first pass without the rounding unit rules out, period by period, the
 * labels too far apart already to be a total whatever the periods to come
 * (most keys have none: it ends after a tenth of the periods or so); the
 * labels left are counted as fdi__figures_count counts them (cols sorted
 * the same way).  count[] is zero on entry; a label ruled out is left
 * with the periods seen before and those of them that might match, a
 * count fdi__figures_is_total says no to.  0, or -1 when out of memory. */
int fdi__figures_find(const double *x, size_t T, size_t stride, fdi__fig_col *cols, size_t n,
                      fdi__fig_count *count);
/* The last decimal place v needs, as a unit (1, 0.1, ... 1e-6; 1e-6 for
 * a value with more places). */
double fdi__figures_unit(double v);
/* Whether a label's count makes it a total (the rule above). */
int fdi__figures_is_total(fdi__fig_count c);

/* The slices of the columns which[0..n) for the key at place d of their
 * key tuples: keys(ctx, c) is column c's tuple of `width` codes (the
 * measure among them); into cols[i], col = which[i].  0, or -1 when out
 * of memory. */
int fdi__figures_slices(const uint32_t *(*keys)(const void *ctx, size_t c), const void *ctx,
                        const uint32_t *which, size_t n, size_t width, size_t d,
                        fdi__fig_col *cols);

#endif
