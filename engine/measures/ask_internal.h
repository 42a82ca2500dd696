/* ask_internal.h - what the fdi_ask_* answers share: the columns naming a
 * series, and the out-of-memory error. */
#ifndef FDI_ASK_INTERNAL_H
#define FDI_ASK_INTERNAL_H

#include "fdi/ask.h"
#include "fdi/measures.h"

/* The panel's key columns and the measure column, "unit" when a series'
 * unit is known and no key shows it (and "period"); the
 * index of the last column added, or -1 when out of memory. */
int fdi__ask_key_columns(fdi_table *tab, const fdi_panel *p, int with_period);
/* Row r's key labels and measure from column `first` on; nonzero when out
 * of memory. */
int fdi__ask_key_cells(fdi_table *tab, long r, int first, const fdi_panel *p, size_t s);
/* The "summed" column (fdi_panel_summed: "flow=new|adjusted") and after
 * it "members_missing" (fdi_panel_members_missing), added when some series
 * summed away a key with several values: the summed column's index, -1
 * when no series did, -2 when out of memory. */
int fdi__ask_summed_column(fdi_table *tab, const fdi_panel *p);
/* "N rows rejected" appended to note when the file had rows rejected
 * (--lenient): the figures are without them. */
void fdi__ask_rejected_note(const fdi_panel *p, char *note, size_t size);
/* Row r's summed and members_missing cells (when col >= 0) at panel row t
 * (the as-of period; -1: none), and fdi_panel_summed_note ("sums flow:
 * new, adjusted"), "incomplete sum: ..." when members lack a value in the
 * year to date at t, and fdi_panel_shape_note ("looks cumulative: ...")
 * appended to note; nonzero when out of memory. */
int fdi__ask_summed_cells(fdi_table *tab, long r, int col, const fdi_panel *p, size_t s, long t,
                          char *note, size_t size);

/* fdi_measures_yoy for the n series from `from` on, into out[0..n): the
 * answers take the figures a block of series at a time (measures.c). */
fdi_status fdi__measures_yoy_some(const fdi_panel *p, int32_t as_of, size_t from, size_t n,
                                  fdi_yoy *out, fdi_error *err);

/* FDI_ERANGE naming the series (and period) when a value or a year to date
 * up to panel row `last` is infinite: a sum that overflowed (range.c). */
fdi_status fdi__ask_finite_panel(const fdi_panel *p, long last, fdi_error *err);
/* The same for an answer's figures: row r belongs to series r % S. */
fdi_status fdi__ask_finite_table(const fdi_table *tab, const fdi_panel *p, fdi_error *err);

#endif
