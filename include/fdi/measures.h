/* fdi/measures.h - the figures an analyst writes, per series, at an as-of
 * period: year to date, the same period last year, the multiple between
 * them, and the standing against a plan and a target.
 *
 * Conventions (DESIGN.md, "Year-over-year arithmetic"):
 *   multiple = ytd / ytd_prev;  change_pct = (multiple - 1) * 100
 *   pct_of_plan = ytd / plan * 100;  overshoot_pct = pct_of_plan - 100
 *   remaining = target - ytd;  required_monthly = remaining / months_left
 * A zero, missing or negative base gives NaN with a note, never inf.
 */
#ifndef FDI_MEASURES_H
#define FDI_MEASURES_H

#include "fdi/export.h"

#include <stddef.h>

#include "fdi/error.h"
#include "fdi/panel.h"

/* Notes, as bits; fdi_notes_text turns them into words. */
enum {
    FDI_NOTE_INCOMPLETE = 1u << 0,      /* periods missing from this year so far */
    FDI_NOTE_PREV_INCOMPLETE = 1u << 1, /* ... from last year's same period */
    FDI_NOTE_NO_FIGURE = 1u << 2,       /* ytd input: no figure at as-of */
    FDI_NOTE_NO_PREV = 1u << 3,         /* no data a year before */
    FDI_NOTE_BASE_ZERO = 1u << 4,
    FDI_NOTE_BASE_NEGATIVE = 1u << 5,
    FDI_NOTE_EARLY = 1u << 6,           /* one or two months into the year */
    FDI_NOTE_SMALL_BASE = 1u << 7,      /* base far below its usual level */
    FDI_NOTE_NO_PLAN = 1u << 8,
    FDI_NOTE_PLAN_NOT_POSITIVE = 1u << 9,
    FDI_NOTE_TARGET_REACHED = 1u << 10,
    FDI_NOTE_YEAR_OVER = 1u << 11,      /* no months left for required_monthly */
    FDI_NOTE_NO_DATA = 1u << 12         /* nothing at all this year */
};

typedef struct {
    double ytd, ytd_prev, multiple, change_pct;
    double value, value_prev, value_multiple; /* the single period */
    int periods;          /* periods of the fiscal year up to as-of */
    int months;           /* months elapsed */
    int missing, missing_prev;
    double usual_base;    /* median same-period ytd of the years before the base */
    unsigned notes;
} fdi_yoy;

/* The first month that fdi_measures_yoy at as_of looks at: the start of
 * the fiscal year six years before as_of's (the small-base rule compares
 * last year with up to five years before it).  Rows before it, or after
 * as_of, change no ytd, yoy or plan figure at as_of: a reader may skip
 * them (fdi_ingest_options.window). */
FDI_API int32_t fdi_measures_first_period(int32_t as_of, int fy_start);

/* One fdi_yoy per panel series at the as-of month.  FDI_ENODATA when the
 * as-of period lies before the panel. */
FDI_API fdi_status fdi_measures_yoy(const fdi_panel *p, int32_t as_of, fdi_yoy *out,
                                    fdi_error *err);

typedef struct {
    double plan, target;         /* NaN when not known */
    double pct_of_plan, overshoot_pct, target_pct_of_plan;
    double remaining, required_monthly;
    int months_left;
    unsigned notes;
} fdi_plan_figures;

/* The plan arithmetic for one series.  target defaults to the plan. */
FDI_API fdi_plan_figures fdi_measures_plan(const fdi_yoy *y, double plan, double target);

/* The notes as text ("incomplete: 2 of 9 months missing; ..."). */
FDI_API void fdi_notes_text(unsigned notes, const fdi_yoy *y, const fdi_plan_figures *pl,
                            char *buf, size_t size);

#endif
