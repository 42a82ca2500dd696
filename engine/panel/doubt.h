/* doubt.h (internal) - rows that may be totals where the rule of
 * figures.h cannot tell, so that a sum never adds one in silently:
 *   - thin evidence: a label equal to the sum of the others in every
 *     period compared, but in fewer than FDI__FIGURES_MIN_PERIODS (annual
 *     data of two years: a total, or a coincidence);
 *   - a total beside a subtotal: a column x equal to the sum of the others
 *     but one, y (a grand total beside "North", the sum of some of the
 *     members; or a total that leaves y out), which figures.h misses since
 *     x is not the sum of all the others.
 * For the second, in a slice of figures.h, a period counts for x when x
 * has a value not zero, at least three others are not zero, and x is not
 * the sum of all the others there (within FDI__FIGURES_REL of the larger
 * of the two); it matches when a column y other than x, not zero, lies
 * within that tolerance of the others' sum less x (S - 2x, S the slice's
 * sum), unless x and y are both totals already (total[], by column).  A
 * label is doubtful by the rule of fdi__figures_is_total on those counts
 * (three periods at least: with fewer, a member equal to the sum of some
 * others is too common to refuse on). */
#ifndef FDI_PANEL_DOUBT_H
#define FDI_PANEL_DOUBT_H

#include "panel/figures.h"

typedef struct {
    uint32_t periods, matched; /* as fdi__fig_count */
    uint32_t partner;          /* y's label + 1 in the last period matched (0: none) */
} fdi__fig_pair;

/* Whether a label's count is thin evidence of a total: matched in every
 * period counted, at least one, fewer than FDI__FIGURES_MIN_PERIODS. */
int fdi__figures_thin(fdi__fig_count c);

/* Into count[label] (added to), the pairs of the columns cols[0..n),
 * sorted by fdi__figures_sort; x as fdi__figures_count's; total[col]
 * (NULL: none) the columns that are totals already.  0, or -1 when out of
 * memory. */
int fdi__figures_pairs(const double *x, size_t T, size_t stride, const fdi__fig_col *cols,
                       size_t n, const unsigned char *total, fdi__fig_pair *count);

/* Whether a label's pair count makes it doubtful (the rule above). */
int fdi__figures_pair_doubt(fdi__fig_pair c);

#endif
