/* fdi/kernels.h - the arithmetic, as plain loops over contiguous rows.
 *
 * Each kernel takes one period's row of n series (restrict pointers, no
 * aliasing) and does one thing, so that GCC vectorises it at -O2/-O3 (see
 * `cmake -DFDI_VEC_REPORT=ON`).  Missing values are NaN and are tested with
 * x == x, never with -ffast-math.
 */
#ifndef FDI_KERNELS_H
#define FDI_KERNELS_H

#include "fdi/export.h"

#include <stddef.h>
#include <stdint.h>

/* sum[i] += x[i] where x[i] is present; miss[i] += 1 where it is NaN. */
FDI_API void fdi_kernel_accumulate(const double *restrict x, size_t n,
                                   double *restrict sum, uint16_t *restrict miss);

/* sum[i] = prev_sum[i] + x[i] (x[i] where present, else 0) and miss[i] =
 * prev_miss[i] + (x[i] is NaN): a period's year to date from the period
 * before, in one pass instead of a copy and an accumulate (prev_* may be
 * the row before in the same matrix; they must not overlap the outputs). */
FDI_API void fdi_kernel_accumulate_from(const double *restrict x, const double *restrict prev_sum,
                                        const uint16_t *restrict prev_miss, size_t n,
                                        double *restrict sum, uint16_t *restrict miss);

/* out[i] = cur[i] - prev[i] (NaN if either is): year-to-date to flows. */
FDI_API void fdi_kernel_diff(const double *restrict cur, const double *restrict prev,
                             size_t n, double *restrict out);

/* out[i] = num[i] / base[i] when base[i] > 0 and both are present, else
 * NaN: a zero, negative or missing base never gives inf or a wrong sign. */
FDI_API void fdi_kernel_ratio(const double *restrict num, const double *restrict base,
                              size_t n, double *restrict out);

/* out[i] = (x[i] - 1) * 100: a multiple as a percent change. */
FDI_API void fdi_kernel_change_pct(const double *restrict x, size_t n,
                                   double *restrict out);

/* rank[i] = 1 + the number of j in the same group with x[j] > x[i] (ties
 * share a rank, as in "competition ranking"); 0 for missing x[i]. */
FDI_API void fdi_kernel_rank_desc(const double *x, const uint32_t *group, size_t n,
                                  uint32_t *rank);

/* The k-th smallest of v[0..n) (0-based; k < n), rearranging v so that
 * v[k] holds it, no larger value lies before k and no smaller one after:
 * order statistics (quantiles of simulated paths) without a sort. */
FDI_API double fdi_kernel_select(double *v, size_t n, size_t k);

/* Each of the ranks k[0..nk) (0-based, ascending, each below n) at once:
 * rearranges v so that v[k[j]] holds the k[j]-th smallest for every j, no
 * larger value before it and no smaller one after; the quantiles of
 * simulated paths at several levels for about the cost of one selection. */
FDI_API void fdi_kernel_select_ranks(double *v, size_t n, const size_t *k, size_t nk);

#endif
