/* stream.h (internal) - a panel's --by sums taken as the file is read
 * (fdi_ingest_summed, load.h), so that memory follows the groups and the
 * series, not the observations.
 *
 * The reader hands the observations over every few megabytes
 * (fdi_ingest_options.drain); each goes at once into its group's cell,
 * which holds two sums: of the members that are no total row, and of the
 * total rows ("World", ...), so that the panel can leave the totals out
 * at the end as fdi_panel_build does.  What fdi_panel_build checks is kept:
 *   - the same series and month twice: one bit per series and month of
 *     the window (series x months / 8 bytes);
 *   - the sums are made in the order fdi_panel_build adds (a group's
 *     members by series number, which is their order of first
 *     appearance): a cell that would get a member after a later one gives
 *     up, because the sum could differ in its last bits.
 * It gives up (failed, and why) rather than decide anything differently:
 * a series and month twice (the error names both lines, which are not
 * kept), a member out of order, a measure or filter it cannot place, a
 * row that may be a total by its figures (figures.h; fdi__panel_stream_
 * figures); the caller then reads the file again the usual way. */
#ifndef FDI_PANEL_STREAM_H
#define FDI_PANEL_STREAM_H

#include "fdi/panel.h"
#include "frame/dict.h"
#include "panel/meaning.h"

typedef struct {
    const fdi_panel_options *o;
    int32_t from;         /* month of row 0 of the sums (the window's first) */
    size_t months;        /* rows of the sums */
    const char *failed;   /* why it gave up; NULL: it did not */
    int ready;            /* dimensions resolved (at the first observations) */
    size_t *dims, ndims;  /* the --by keys' dimensions */
    size_t *dropped, ndropped; /* the keys summed away */
    long *filter_dim;     /* each --filter's dimension */
    fdi__measure_map mm;
    fdi__tuplemap groups; /* --by codes and measure, as fdi_panel_build forms them */
    uint32_t *tuple;
    size_t nres, series_cap;   /* frame series resolved */
    uint32_t *group_of;        /* series -> group (UINT32_MAX: filtered out) */
    unsigned char *total;      /* series: a total row of a key summed away */
    uint64_t *seen;            /* series x months bits: read */
    uint64_t *have;            /* the same bits: read with a value (not NaN),
                                  for the members a group sum lacks */
    size_t group_cap;
    double *acc;          /* (group * 2 + total) * months + month */
    uint32_t *last;       /* the series last added to each of those cells */
    unsigned char *plain; /* group: has a member that is no total row */
    double *peak;         /* group * months + month: the largest value of a
                             member that is no total row (NaN: a negative) */
    uint32_t *peak_sid;   /* the series that holds it */
    double *second;       /* the same cells: the largest value below the peak
                             (a total may lie a tolerance below its largest
                             member: 999.5 against 1,000 + 1 + 1) */
    uint32_t *second_sid; /* the series that holds it */
    unsigned char *nonzero; /* the same cells: members not zero, up to 3 */
    int32_t lo, hi;       /* periods of the kept observations up to as-of */
    size_t kept;
} fdi__panel_stream;

/* o->by must sum keys away (not NULL, not "none"), with o->dedupe error;
 * [from, to]: the reading window.  0, or -1 when out of memory. */
int fdi__panel_stream_init(fdi__panel_stream *s, const fdi_panel_options *o, int32_t from,
                           int32_t to);
void fdi__panel_stream_free(fdi__panel_stream *s);
/* fdi_ingest_options.drain: f's observations into the sums. */
void fdi__panel_stream_take(void *ctx, const fdi_frame *f);
/* Why the sums may hold a total row found by its figures, which only the
 * whole matrix can tell (figures.h), or NULL: there is none.  A member x
 * is the sum of the others in a group's month when 2x is near the sum S;
 * with no negative value it is then the month's largest value (peak), or
 * within the tolerance below it the second largest (999.5 against 1,000
 * + 1 + 1: no third value comes near S/2).  A label may be a total when
 * it is the peak or the second with |2x - S| within three times the
 * tolerance in FDI__FIGURES_MIN_PERIODS months (a month with a negative
 * counting as one for every label), and is neither so in at most one in
 * ten of its months with three members or more not zero.
 * Also gives up when the groups are not the slices of figures.h: several
 * keys summed away, or measures added (--value "a+b"); and where doubt.h
 * may refuse: a label that may match and never surely misses (thin
 * evidence), one that is its months' largest member with S - 2x in
 * (0, x] (a total beside a subtotal) in as many months as above, a group's
 * members adding up to more than its total row by a label in as many.  A
 * --filter on the key summed away gives up at the start (the figures of
 * the whole key are needed). */
const char *fdi__panel_stream_figures(const fdi__panel_stream *s, const fdi_frame *f);

/* panel.c: the panel of a frame read through the stream (its observations
 * taken): fdi_panel_build's steps but the matrix of observations, the
 * sums coming from the stream.  FDI_EAGAIN-like failures are FDI_ECOMPUTE
 * ("the stream does not match"); the caller builds the usual way on any
 * error, for the usual message. */
fdi_status fdi__panel_build_streamed(const fdi_frame *f, const fdi_panel_options *o,
                                     const fdi__panel_stream *s, fdi_panel **out,
                                     fdi_error *err);
/* panel.c: --by into dimensions, and --filter's label test (as
 * fdi_panel_build reads them). */
fdi_status fdi__panel_parse_by(const fdi_frame *f, const char *by, size_t *dims, size_t cap,
                               size_t *ndims, int *measure_kept, fdi_error *err);
int fdi__panel_label_matches(const char *label, const char *values);

#endif
