/* meaning.h (internal) - what the panel keeps apart before it adds
 * anything up (DESIGN.md, "Meaning before arithmetic"):
 *   - value columns are summed into one measure only when the user wrote
 *     the sum (--value "a+b"): the measure map below;
 *   - total rows ("World", "Total", "Cả nước", ...) are kept out of a --by
 *     sum that also holds their parts;
 *   - what a --by group summed away is named, for every table and report.
 */
#ifndef FDI_PANEL_MEANING_H
#define FDI_PANEL_MEANING_H

#include <stddef.h>
#include <stdint.h>

#include "fdi/error.h"
#include "fdi/frame.h"
#include "panel/figures.h"

/* The frame's measures onto the panel's: each its own, except the parts of
 * a sum written in --value ("a+b"), which all map to one measure. */
typedef struct {
    size_t nframe;        /* the frame's measures (codes 0..nframe-1) */
    uint32_t *code;       /* frame measure -> panel measure code */
    char **sum_names;     /* panel code nframe + k: the k-th sum, "a+b" */
    size_t nsums;
} fdi__measure_map;

/* value_sums: --value as written (NULL or without '+': every measure its
 * own).  The parts of a sum are found among the file's columns as ingest
 * finds them (exact name, 1-based number, unique part of a name).
 * FDI_EUSAGE for an empty part or a column named in two places. */
fdi_status fdi__measure_map_build(const fdi_frame *f, const char *value_sums,
                                  fdi__measure_map *m, fdi_error *err);
void fdi__measure_map_free(fdi__measure_map *m);
/* Name of a panel measure code. */
const char *fdi__measure_map_name(const fdi__measure_map *m, const fdi_frame *f, uint32_t code);

/* Whether a key label names a total: FDI__TOTAL_ALL for a total of all
 * the others ("World", "Total", "Cả nước", "Tổng số", "Tổng cộng",
 * "Whole country", "Toàn quốc";
 * case-insensitive), FDI__TOTAL_PART for a total of some of them (the
 * World Bank's regions and income groups, by name or code), else 0.  Both
 * are kept out of a sum over their key; a total of some only in a key that
 * also holds the World (fdi__is_world_label): the World Bank's files list
 * their aggregates beside the economies and the World, while a file of
 * one's own by region ("East Asia & Pacific", "North America", ...,
 * "Other") holds the regions as its members. */
enum { FDI__TOTAL_ALL = 1, FDI__TOTAL_PART = 2 };
int fdi__is_total_label(const char *label);
/* Whether a key label is the World Bank's total of all: "World" (any
 * case) or its code "WLD". */
int fdi__is_world_label(const char *label);
/* fdi__is_total_label of a label in a key that holds the World (world
 * nonzero) or not (a total of some is then 0). */
int fdi__total_kind(const char *label, int world);

/* What each group summed away.  For the fine columns c < n with
 * group[c] < ngroups (UINT32_MAX: left out of its group), and every frame
 * dimension in dropped[0..ndropped): a group whose members carry two or
 * more labels of that dimension gets summed[g] = "flow=new|adjusted"
 * (dimensions joined by "; ") and note[g] = "sums flow: new, adjusted";
 * a group that left out total rows (left[c]: group of a left-out column,
 * else UINT32_MAX) gets "leaves out total row World" in its note, and for
 * a row found by its figures (figures[d][label], figures.h) how it was
 * found ("the sum of the others in 8 of 8 periods").  Strings
 * are allocated (NULL: nothing to say); nonzero when out of memory. */
typedef struct {
    const fdi_frame *f;
    const uint32_t *series; /* fine column -> frame series */
    const uint32_t *group, *left;
    size_t n, ngroups;
    const size_t *dropped;
    size_t ndropped;
    const fdi__fig_count *const *figures; /* per frame dimension; NULL: none looked for */
} fdi__summed_job;

int fdi__summed_describe(const fdi__summed_job *j, char **summed, char **note);

#endif
