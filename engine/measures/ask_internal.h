/* ask_internal.h - what the fdi_ask_* answers share: the columns naming a
 * series, and the out-of-memory error. */
#ifndef FDI_ASK_INTERNAL_H
#define FDI_ASK_INTERNAL_H

#include "fdi/ask.h"

/* The panel's key columns and the measure column (and "period"); the
 * index of the last column added, or -1 when out of memory. */
int fdi__ask_key_columns(fdi_table *tab, const fdi_panel *p, int with_period);
/* Row r's key labels and measure from column `first` on; nonzero when out
 * of memory. */
int fdi__ask_key_cells(fdi_table *tab, long r, int first, const fdi_panel *p, size_t s);

#endif
