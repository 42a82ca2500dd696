/* fdi/load.h - a file opened as a panel, with the input options named as
 * the fdi command names them ("value", "filter", "by", "ytd", "decimal",
 * "fy-start", ...), so a script says what a command line says.
 *
 *   fdi_input *in;  fdi_input_create("fdi.csv", &in, &err);
 *   fdi_input_set(in, "value", "value_usd_m", &err);
 *   fdi_input_set(in, "filter", "flow=new|adjusted", &err);   (repeatable)
 *   fdi_input_open(in, INT32_MAX, &frame, &panel, &err);
 *   ... fdi_ask_*(panel, ...) ...
 *   fdi_panel_destroy(panel); fdi_frame_destroy(frame); fdi_input_destroy(in);
 */
#ifndef FDI_LOAD_H
#define FDI_LOAD_H

#include <stdint.h>

#include "fdi/error.h"
#include "fdi/export.h"
#include "fdi/frame.h"
#include "fdi/ingest.h"
#include "fdi/panel.h"
#include "fdi/table.h"

typedef struct fdi_input fdi_input;

/* path: the file ("-": standard input; NULL: none yet, for a caller that
 * only checks options); copied. */
FDI_API fdi_status fdi_input_create(const char *path, fdi_input **out, fdi_error *err);
FDI_API void fdi_input_destroy(fdi_input *in);

/* Set one input option by its command-line name, with or without the
 * leading "--" ('_' and '-' alike); flags (ytd, allow-future, keep-totals,
 * lenient, strict) take NULL, "1" or "true".  FDI_EUSAGE names the option and
 * what it takes.  The value
 * is copied. */
FDI_API fdi_status fdi_input_set(fdi_input *in, const char *name, const char *value, fdi_error *err);

/* Another file read with the first, into one panel (fdi_ingest_files:
 * their columns must agree); copied. */
FDI_API fdi_status fdi_input_add_file(fdi_input *in, const char *path, fdi_error *err);
/* The options as set (borrowed; valid until the next set or destroy). */
FDI_API const fdi_ingest_options *fdi_input_ingest_options(const fdi_input *in);
FDI_API const fdi_panel_options *fdi_input_panel_options(const fdi_input *in);

/* Read the file and build the panel up to as_of (INT32_MAX: every
 * period; outside the data: FDI_EOUTSIDE naming the data's range).  Rejected rows fail the call (FDI_EPARSE, the first ones in the
 * message) unless "lenient" is set: then fdi_frame_stats(*f) counts them
 * and fdi_frame_rejection lists them.  Destroy *p before *f. */
FDI_API fdi_status fdi_input_open(const fdi_input *in, int32_t as_of, fdi_frame **f, fdi_panel **p,
                                  fdi_error *err);

/* fdi_ingest_files, with the panel's --by sums taken as the rows are
 * read when they can be: then *p is the panel (as fdi_panel_build(*f, po)
 * would build it, byte for byte in every figure and note) and *f holds no
 * observations (its series, labels, counts and rejections are there), so
 * that memory follows the groups and series, not the file.  They can be
 * when one file (not "-") is read through a bounded window
 * (in->window_from..window_to, with po->as_of the window's end), po->by
 * keeps the measures apart (not "none"), duplicates are an error, and no
 * --map.  Strict reading is as fdi_ingest_files's; a series and month
 * found twice, members met out of the order fdi_panel_build adds them
 * in, or any error of the panel make it read the file again the usual way
 * (*p NULL): so does every call that cannot stream.  With *p NULL the
 * caller builds the panel from *f.  Destroy *p before *f. */
FDI_API fdi_status fdi_ingest_summed(const fdi_ingest_options *in, const char *const *paths,
                                     size_t npaths, const fdi_panel_options *po, fdi_frame **f,
                                     fdi_panel **p, fdi_error *err);

/* What `fdi info` shows of frame f, as one table for scripts and files:
 * columns section, item, value (a number or missing), text.  Sections:
 *   file       one row per fact: path, bytes, layout, frequency, values
 *              (flows or ytd), header_line, skipped_lines, series,
 *              rows_read, rows_used, rows_rejected, blank_rows,
 *              rows_outside, cells_kept, cells_missing, periods (text: first
 *              .. last), gaps (value: periods missing), series_with_gaps
 *   column     item: the column's name, value: its number, text: its role
 *   key        item: the key, value: how many values it has
 *   measure    item: the measure
 *   gap        item: the series, value: periods missing, text: which
 *   duplicate  text: the first series and period found twice (the first
 *              value kept for the gaps, as fdi info does)
 *   rejection  item: file:line:column, value: the line, text: the reason
 *   total      a total row beside its members, per period (fdi_info_totals):
 *              item: the total, value: the members with a value, text: the
 *              period, and the columns members_missing, members_sum,
 *              published_total, difference, difference_pct (empty on the
 *              rows of the other sections)
 * po: the panel options the file is read with (its --by is ignored: every
 * series as read; only the total rows' members follow it).  FDI_ENOMEM,
 * or the panel's error. */
FDI_API fdi_status fdi_info_table(const fdi_frame *f, const fdi_panel_options *po,
                                  fdi_table **out, fdi_error *err);
/* Where a file holds both members and their published total (provinces
 * and the nation, countries and "World"): how far the members' sum is
 * from the total, per period.  A total row has a total label ("World",
 * "Total", "Cả nước", "Tổng số", "Tổng cộng") in some key, or figures that
 * are the sum of the others of its key, whatever its label ("All
 * provinces": in at least 3 periods, at most one in ten apart by more than
 * 0.5% or the data's rounding; engine/panel/figures.h); its members are
 * the series of the same measure with the same labels in the keys po->by
 * keeps ("none": no key), or without --by in every key but those holding
 * total labels and their aliases (a key naming the same rows, as "Country
 * Code" beside "Country Name"), and no total label.  A group with one
 * total is compared (one with several, margins in two keys, is not).
 * Columns: total (its title), period, members (with a value), members_missing
 * (without), members_sum, published_total, difference (members_sum -
 * published_total), difference_pct (difference / |published_total| x 100;
 * missing when the total is 0), found ("label" or "figures": how the total
 * row was found); a row per period in which the total and
 * some member have a value; no rows when the file has no total row.
 * FDI_ENOMEM, or the panel's error. */
FDI_API fdi_status fdi_info_totals(const fdi_frame *f, const fdi_panel_options *po,
                                   fdi_table **out, fdi_error *err);
/* The same over p, a panel of every series as read (built without --by;
 * fdi info's own), with the --by list by (NULL: none given). */
FDI_API fdi_status fdi_info_totals_of_panel(const fdi_panel *p, const char *by,
                                            fdi_table **out, fdi_error *err);
/* After FDI_EOUTSIDE (an --as-of outside the data, see fdi_panel_build) on
 * a frame read through a reading window (fdi_ingest_options.window), which
 * hides the data's own range: reads in->path again without the window and
 * adds to err's message the periods the data run from and to ("; the data
 * run from 2015-01 to 2016-12").  Standard input ("-") is not read again.
 * Returns FDI_EOUTSIDE. */
FDI_API fdi_status fdi_explain_as_of(const fdi_ingest_options *in, fdi_error *err);

#endif
