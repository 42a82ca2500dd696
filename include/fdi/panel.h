/* fdi/panel.h - the dense periods x series matrix.
 *
 * Built from a frame: observations selected (--filter), limited to the
 * as-of period, placed in a matrix with periods along one axis and series
 * along the other, then summed up to the --by keys.  Storage is
 * period-major: row t holds every series for period t contiguously, so
 * "add this month to the year to date" is one loop over all series.
 * Missing cells are NaN.
 *
 * The panel keeps both views of the data: flows (the value of each period)
 * and the cumulative year-to-date, with the count of periods missing from
 * the year so far.  Flow input gets its cumulative from the ytd kernel;
 * year-to-date input (--ytd) keeps its published cumulative figures and gets
 * flows by differencing within the year (NaN next to a gap).
 *
 * Ownership: fdi_panel_build creates, fdi_panel_destroy frees (NULL ok).
 * The panel borrows the frame's dictionaries: destroy the frame after it.
 */
#ifndef FDI_PANEL_H
#define FDI_PANEL_H

#include "fdi/export.h"

#include <stddef.h>
#include <stdint.h>

#include "fdi/error.h"
#include "fdi/frame.h"

typedef struct fdi_panel fdi_panel;

typedef enum {
    FDI_DEDUPE_ERROR = 0, /* the same series and period twice is an error */
    FDI_DEDUPE_FIRST,
    FDI_DEDUPE_LAST,
    FDI_DEDUPE_SUM
} fdi_dedupe;

/* Keep series whose dimension `column` has one of the values in `values`
 * ('|' separates alternatives; case-insensitive).  Filters on different
 * columns combine with AND; two filters on one column with OR. */
typedef struct {
    const char *column;
    const char *values;
} fdi_filter;

typedef struct {
    const fdi_filter *filters;
    size_t nfilters;
    const char *by;      /* comma list of keys to keep (the measure is always
                            kept); NULL: keep all; "none": one total of
                            everything selected, which must then be of one
                            measure (else FDI_EUSAGE listing them) */
    const char *value_sums; /* --value as written: an item "a+b" sums those
                            value columns into one measure named "a+b" (the
                            only way measures are ever added); NULL: none */
    int keep_totals;     /* --keep-totals: a total row ("World", "Total",
                            "Cả nước", "Tổng số", "Tổng cộng") in a key --by
                            sums away stays in the sum; by default it is
                            left out of a group that holds other rows */
    fdi_dedupe dedupe;
    int32_t as_of;       /* ignore later periods and extend the panel to it;
                            INT32_MAX: use everything */
    int fy_start;        /* first month of the fiscal year, 1..12 */
    int fill_zero;       /* --fill zero: a period without a value counts as 0
                            in flows (no "incomplete"); not for --ytd input */
    const char *unit;    /* --unit: the unit of every value ("bn VND"), over
                            what the data says; NULL: the data's (a unit
                            column, else the value column's name) */
    int source_only;     /* only the matrix the figures were read into
                            (fdi_panel_source): no year to date from flows,
                            no flows from --ytd input, no missing counts;
                            the accessors of those give NULL.  A third of
                            the memory, for `fdi info` */
} fdi_panel_options;

FDI_API fdi_panel_options fdi_panel_options_default(void);

/* Errors: FDI_EUSAGE (unknown --by or --filter column, a --by key named
 * twice, --by none over several measures, a --value sum naming a column
 * that is no value column or one named twice, a filter value that matches nothing, a fiscal start that splits
 * quarters), FDI_EDUP (naming both lines), FDI_ECOMPUTE (a --by group
 * adding values of different units), FDI_ENODATA (nothing left),
 * FDI_ENOMEM. */
FDI_API fdi_status fdi_panel_build(const fdi_frame *f, const fdi_panel_options *o,
                                   fdi_panel **out, fdi_error *err);
FDI_API void fdi_panel_destroy(fdi_panel *p);

FDI_API size_t fdi_panel_nperiods(const fdi_panel *p);
FDI_API size_t fdi_panel_nseries(const fdi_panel *p);
FDI_API int fdi_panel_freq(const fdi_panel *p);      /* 12, 4 or 1 */
FDI_API int fdi_panel_fy_start(const fdi_panel *p);
FDI_API int fdi_panel_is_ytd(const fdi_panel *p);
/* Month index of row t, and the row of a month index (-1 if outside). */
FDI_API int32_t fdi_panel_period(const fdi_panel *p, size_t t);
FDI_API long fdi_panel_row(const fdi_panel *p, int32_t month);
/* Periods of the fiscal year up to and including row t (1..freq). */
FDI_API int fdi_panel_position(const fdi_panel *p, size_t t);
/* Months of the fiscal year after row t, in months whatever the frequency
 * (3 per quarter left in quarterly data): the one months_left of `fdi
 * plan`, `fdi forecast` and the report; 12 - fdi_yoy.months. */
FDI_API int fdi_panel_months_left(const fdi_panel *p, size_t t);

/* Row t of each matrix: nseries values, borrowed (NULL for a matrix a
 * source_only panel lacks). */
FDI_API const double *fdi_panel_flow(const fdi_panel *p, size_t t);
FDI_API const double *fdi_panel_cum(const fdi_panel *p, size_t t);
/* Periods of the fiscal year to t without a value (flow input; NULL
 * when source_only) */
FDI_API const uint16_t *fdi_panel_missing(const fdi_panel *p, size_t t);
/* The figures as read: cum for --ytd input, flows otherwise. */
FDI_API const double *fdi_panel_source(const fdi_panel *p, size_t t);

/* Output dimensions (the --by keys, or all keys and the measure). */
FDI_API size_t fdi_panel_ndims(const fdi_panel *p);
FDI_API const char *fdi_panel_dim_name(const fdi_panel *p, size_t d);
/* Label of series s in dimension d; borrowed. */
FDI_API const char *fdi_panel_label(const fdi_panel *p, size_t s, size_t d);
/* The measure of series s ("a+b" when --value wrote that sum). */
FDI_API const char *fdi_panel_measure(const fdi_panel *p, size_t s);
/* How many frame series were summed into series s. */
FDI_API size_t fdi_panel_members(const fdi_panel *p, size_t s);
/* What --by summed away in series s, for scripts: each key column whose
 * members carried two or more values, "flow=new|adjusted" (columns joined
 * by "; "; over 12 values "Provinces=(63 values)"); "" when nothing. */
FDI_API const char *fdi_panel_summed(const fdi_panel *p, size_t s);
/* Members of series s (a --by group) without a value in the year to date
 * at row t although they had one at an earlier row: for flow input counted
 * over the periods of the fiscal year up to t (a member missing two months
 * counts twice), for --ytd input at row t alone.  The series' figure stays
 * the sum of the members that have a value (as published figures are),
 * and every table flags it (members_missing, and "incomplete sum" in its
 * note; DESIGN.md, "Meaning before arithmetic").  0 for a series that
 * sums no members, for a period in which no member has a value (that is a
 * missing period), and with --fill zero. */
FDI_API size_t fdi_panel_members_missing(const fdi_panel *p, size_t s, size_t t);
/* The same for people, with the total rows left out: "sums flow: new,
 * adjusted; leaves out total row Country Name=World (--keep-totals adds
 * it)"; "" when nothing.  Every table and report carries it in its note. */
FDI_API const char *fdi_panel_summed_note(const fdi_panel *p, size_t s);
/* Whether series s reads as what it was read as, into buf ("" when it
 * does): read as flows, figures that rise through each year and drop at
 * its start look cumulative ("looks cumulative: ..."); read with --ytd, a
 * figure that falls within a year is named ("read as year-to-date (--ytd)
 * but falls within the year (2021-06: ...)").  Over the panel's rows (the
 * periods read); nothing for annual data.  The tables carry it in `note`. */
FDI_API void fdi_panel_shape_note(const fdi_panel *p, size_t s, char *buf, size_t size);

/* Rows of the file rejected when it was read (--lenient goes on without
 * them): every table's note says so. */
FDI_API size_t fdi_panel_rows_rejected(const fdi_panel *p);

/* The --filter options the panel was built with, "flow=disbursed;
 * area=A|B" ("" when none): what selected its series. */
FDI_API const char *fdi_panel_filters(const fdi_panel *p);

/* The unit of series s's values, or NULL when neither --unit, a unit
 * column (unit, units, đơn vị: read as a key) nor the value column's name
 * (its last parentheses, "(million USD)"; a snake-case ending usd_m,
 * usd_mn, usd_million, usd_bn, vnd_bn) says one.  A --by group whose
 * members carry two units is refused (FDI_ECOMPUTE from fdi_panel_build):
 * its sum would add different things. */
FDI_API const char *fdi_panel_unit(const fdi_panel *p, size_t s);

/* Name of the output column holding each series' value column: "measure",
 * or "value_column" when the data has a key named measure of its own. */
FDI_API const char *fdi_panel_measure_column(const fdi_panel *p);
/* "Hai Phong Economic Zone": series s's labels, with its measure when the
 * panel holds several, into buf. */
FDI_API void fdi_panel_series_title(const fdi_panel *p, size_t s, char *buf, size_t size);
/* Each series' span and gaps in the figures as read: first[s] and last[s]
 * the rows of its first and last value (-1: none), missing[s] the periods
 * without a value between them.  One sweep along the rows (the matrix is
 * month-major: walking a series down its column would touch a new cache
 * line, and often a new page, at every month). */
FDI_API void fdi_panel_gaps(const fdi_panel *p, long *first, long *last, size_t *missing);
/* y[0..last] = the flows of series s from the panel's first period. */
FDI_API void fdi_panel_history(const fdi_panel *p, size_t s, size_t last, double *y);

#endif
