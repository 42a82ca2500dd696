/* kernels.c - vectorisable loops over one period's row of series. */
#include "fdi/kernels.h"

#include <math.h>
#include <string.h>
#include <stdlib.h>

/* 1 when the double with these bits is a NaN (exponent all ones, mantissa
 * not zero), 0 otherwise, ±inf included: an add and a shift, no compare.
 * GCC 12 will not narrow a double compare to 2-byte lanes, so a loop
 * counting x != x into a uint16_t stays scalar; this one vectorises. */
static inline uint16_t nan_bit(double v)
{
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    return (uint16_t)(((bits & UINT64_C(0x7fffffffffffffff)) + UINT64_C(0x000fffffffffffff)) >> 63);
}

void fdi_kernel_accumulate(const double *restrict x, size_t n,
                           double *restrict sum, uint16_t *restrict miss)
{
    for (size_t i = 0; i < n; i++) {
        double v = x[i];
        sum[i] += v == v ? v : 0.0;
        miss[i] = (uint16_t)(miss[i] + nan_bit(v));
    }
}

void fdi_kernel_accumulate_from(const double *restrict x, const double *restrict prev_sum,
                                const uint16_t *restrict prev_miss, size_t n,
                                double *restrict sum, uint16_t *restrict miss)
{
    for (size_t i = 0; i < n; i++) {
        double v = x[i];
        sum[i] = prev_sum[i] + (v == v ? v : 0.0);
        miss[i] = (uint16_t)(prev_miss[i] + nan_bit(v));
    }
}

void fdi_kernel_diff(const double *restrict cur, const double *restrict prev,
                     size_t n, double *restrict out)
{
    for (size_t i = 0; i < n; i++)
        out[i] = cur[i] - prev[i]; /* NaN propagates */
}

void fdi_kernel_ratio(const double *restrict num, const double *restrict base,
                      size_t n, double *restrict out)
{
    for (size_t i = 0; i < n; i++) {
        double b = base[i];
        int ok = b > 0.0; /* false for NaN */
        /* divide every lane by a safe divisor, then select: no branch, no
         * division by zero, so the loop vectorises */
        double q = num[i] / (ok ? b : 1.0);
        out[i] = ok ? q : (double)NAN;
    }
}

void fdi_kernel_change_pct(const double *restrict x, size_t n,
                           double *restrict out)
{
    for (size_t i = 0; i < n; i++)
        out[i] = (x[i] - 1.0) * 100.0;
}

typedef struct {
    double x;
    uint32_t group;
    uint32_t index;
} rank_item;

static int by_group_desc(const void *a, const void *b)
{
    const rank_item *p = a, *q = b;
    if (p->group != q->group)
        return p->group < q->group ? -1 : 1;
    if (p->x != q->x)
        return p->x > q->x ? -1 : 1;
    return p->index < q->index ? -1 : p->index > q->index;
}

void fdi_kernel_rank_desc(const double *x, const uint32_t *group, size_t n,
                          uint32_t *rank)
{
    rank_item *items = malloc((n ? n : 1) * sizeof *items);
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        rank[i] = 0;
    if (!items) { /* quadratic fallback, no allocation */
        for (size_t i = 0; i < n; i++) {
            if (x[i] != x[i])
                continue;
            rank[i] = 1;
            for (size_t j = 0; j < n; j++)
                rank[i] += group[j] == group[i] && x[j] > x[i];
        }
        return;
    }
    for (size_t i = 0; i < n; i++)
        if (x[i] == x[i])
            items[m++] = (rank_item){x[i], group[i], (uint32_t)i};
    qsort(items, m, sizeof *items, by_group_desc);
    for (size_t k = 0, first = 0; k < m; k++) {
        if (k == 0 || items[k].group != items[k - 1].group)
            first = k;
        if (k > first && items[k].x == items[k - 1].x)
            rank[items[k].index] = rank[items[k - 1].index];
        else
            rank[items[k].index] = (uint32_t)(k - first + 1);
    }
    free(items);
}

/* One step of Hoare's selection on v[lo..hi] (lo < hi), around the middle
 * element's value: on return no value in v[lo..*j] is above the pivot, none
 * in v[*i..hi] below it, and v(*j..*i) holds the pivot. */
static void hoare_step(double *v, size_t lo, size_t hi, size_t *pi, size_t *pj)
{
    double pivot = v[lo + (hi - lo) / 2];
    size_t i = lo, j = hi;
    while (i <= j) {
        while (v[i] < pivot)
            i++;
        while (v[j] > pivot)
            j--;
        if (i <= j) {
            double t = v[i];
            v[i] = v[j];
            v[j] = t;
            i++;
            if (j == 0)
                break;
            j--;
        }
    }
    *pi = i;
    *pj = j;
}

/* Hoare's selection (kernels.h). */
double fdi_kernel_select(double *v, size_t n, size_t k)
{
    size_t lo = 0, hi = n - 1;
    while (lo < hi) {
        size_t i, j;
        hoare_step(v, lo, hi, &i, &j);
        if (k <= j)
            hi = j;
        else if (k >= i)
            lo = i;
        else
            return v[k];
    }
    return v[k];
}

static void insertion_sort(double *v, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        double x = v[i];
        size_t j = i;
        for (; j > 0 && v[j - 1] > x; j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
}

/* The pivot for a stretch v[lo..hi] of 256 or more holding ranks k[0..nk):
 * from a sorted sample of 31, the value a little above the highest rank in
 * the lower half (or a little below the lowest one, all lying in the upper
 * half), so that most of the stretch lies on one side: fewer values to
 * visit next and comparisons the branch predictor gets right.  Moved to the
 * middle, where hoare_step takes its pivot. */
static void place_pivot(double *v, size_t lo, size_t hi, const size_t *k, size_t nk)
{
    enum { S = 31 };
    size_t n = hi - lo + 1, idx[S], mid = lo + (hi - lo) / 2, t = nk, sj;
    if (n < 256)
        return;
    for (size_t j = 0; j < S; j++) { /* the sample, by value */
        size_t at = lo + (2 * j + 1) * n / (2 * S), i = j;
        for (; i > 0 && v[idx[i - 1]] > v[at]; i--)
            idx[i] = idx[i - 1];
        idx[i] = at;
    }
    while (t > 0 && k[t - 1] >= mid)
        t--;
    if (t > 0) { /* k[t - 1]: the highest rank below the middle */
        sj = (k[t - 1] - lo + 1) * S / n + 1;
        sj = sj < S ? sj : S - 1;
    } else {
        sj = (k[0] - lo) * S / n;
        sj = sj >= 1 ? sj - 1 : 0;
    }
    double x = v[idx[sj]];
    v[idx[sj]] = v[mid];
    v[mid] = x;
}

/* Several ranks at once (kernels.h) within v[lo..hi]: Hoare's steps on the
 * stretch that holds ranks, following one side when all lie there and
 * splitting the ranks otherwise (the lower part by recursion, at most
 * nk - 1 deep); a stretch of 16 or fewer is sorted outright. */
static void select_ranks(double *v, size_t lo, size_t hi, const size_t *k, size_t nk)
{
    while (nk > 0 && lo < hi) {
        if (hi - lo < 16) {
            insertion_sort(v + lo, hi - lo + 1);
            return;
        }
        size_t i, j, below = 0, from;
        place_pivot(v, lo, hi, k, nk);
        hoare_step(v, lo, hi, &i, &j);
        while (below < nk && k[below] <= j)
            below++;
        from = below; /* the ranks in (j, i) hold the pivot: placed */
        while (from < nk && k[from] < i)
            from++;
        if (below > 0 && from < nk)
            select_ranks(v, lo, j, k, below);
        if (from < nk) {
            k += from;
            nk -= from;
            lo = i;
        } else {
            nk = below;
            hi = j;
        }
    }
}

void fdi_kernel_select_ranks(double *v, size_t n, const size_t *k, size_t nk)
{
    if (n > 0)
        select_ranks(v, 0, n - 1, k, nk);
}
