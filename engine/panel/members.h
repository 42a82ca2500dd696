/* members.h (internal) - the periods in which a --by group's sum lacks
 * some of its members (DESIGN.md, "Meaning before arithmetic": a group sum
 * for a month in which one of its members has no value is incomplete and
 * flagged, never silently lower).
 *
 * A member is missing at row t when it has no value there but had one at
 * an earlier row (a series that starts later is not missing before its
 * start).  The group's figure stays the sum of the members that have a
 * value (the published figures are such sums); only where no member has a
 * value is the group's cell missing, and that is a missing period, not an
 * incomplete one.  Kept sparse, per group the rows with missing members:
 * memory follows the gaps, at most the fine matrix's cells. */
#ifndef FDI_PANEL_MEMBERS_H
#define FDI_PANEL_MEMBERS_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    size_t ngroups;
    size_t *off;   /* ngroups + 1: group g's entries are [off[g], off[g+1]) */
    uint32_t *row; /* ascending within a group */
    uint32_t *n;   /* members missing at that row */
} fdi__members_gaps;

/* Whether fine column c has a value at row t. */
typedef int (*fdi__has_value)(const void *ctx, size_t t, size_t c);

/* From which fine columns have a value at which of the T rows (has), each
 * fine column's group (UINT32_MAX: in no group) and the groups' sums (T x
 * ngroups): the rows at which a group with a value lacks members.  0, or
 * -1 when out of memory (g left empty). */
int fdi__members_gaps_build(fdi__has_value has, const void *ctx, size_t T, size_t nfine,
                            const uint32_t *group_of, const double *agg, size_t ngroups,
                            fdi__members_gaps *g);
/* has over a fine matrix (T x nfine, row-major, NaN missing): ctx is a
 * fdi__fine_matrix. */
typedef struct {
    const double *fine;
    size_t nfine;
} fdi__fine_matrix;
int fdi__fine_has_value(const void *ctx, size_t t, size_t c);
void fdi__members_gaps_free(fdi__members_gaps *g);
/* Members of group s missing, summed over the rows [lo, hi]. */
size_t fdi__members_gaps_count(const fdi__members_gaps *g, size_t s, size_t lo, size_t hi);

#endif
