/* kernels.c - vectorisable loops over one period's row of series. */
#include "fdi/kernels.h"

#include <math.h>
#include <stdlib.h>

void fdi_kernel_accumulate(const double *restrict x, size_t n,
                           double *restrict sum, uint16_t *restrict miss)
{
    /* two passes: GCC 12 will not vectorise a loop mixing 8-byte and
     * 2-byte lanes, but vectorises each of these */
    for (size_t i = 0; i < n; i++) {
        double v = x[i];
        sum[i] += v == v ? v : 0.0;
    }
    for (size_t i = 0; i < n; i++)
        miss[i] = (uint16_t)(miss[i] + (x[i] != x[i]));
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
