/* measures.c - year-to-date, year-over-year and plan figures at as-of.
 *
 * "Small base" rule: a multiple is flagged when the year is one or two
 * months old (a single project swings it), or when last year's base is
 * below a third of the median same-period figure of up to five years
 * before it (at least two such years needed).  Both go into the note,
 * the multiple itself is still given.
 */
#include "fdi/measures.h"
#include "measures/ask_internal.h"
#include "fdi/kernels.h"
#include "fdi/period.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { SMALL_BASE_YEARS = 5 }; /* years before last year's base it is compared with */

int32_t fdi_measures_first_period(int32_t as_of, int fy_start)
{
    return fdi_period_fiscal_first(as_of, 12, fy_start) - 12 * (SMALL_BASE_YEARS + 1);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* ytd of series s at row t, or NaN; *missing gets the gap count. */
static double ytd_at(const fdi_panel *p, long t, size_t s, int *missing)
{
    int pos;
    double c;
    if (t < 0) {
        *missing = 0;
        return NAN;
    }
    pos = fdi_panel_position(p, (size_t)t);
    *missing = fdi_panel_missing(p, (size_t)t)[s];
    c = fdi_panel_cum(p, (size_t)t)[s];
    if (*missing >= pos)
        return NAN; /* nothing observed this year so far */
    return c;
}

/* as_of has no row in the panel: between two periods of quarterly or
 * annual data (a usage error), or before the data. */
static fdi_status as_of_error(const fdi_panel *p, int32_t as_of, int step, fdi_error *err)
{
    char buf[16];
    fdi_period_format(as_of, fdi_panel_freq(p), buf, sizeof buf);
    if (fdi_panel_nperiods(p) && as_of >= fdi_panel_period(p, 0) &&
        (as_of - fdi_panel_period(p, 0)) % step != 0)
        return fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0,
                             "--as-of %s does not fall on a period end of this "
                             "%s data",
                             buf, step == 12 ? "annual" : "quarterly");
    return fdi_error_set(err, FDI_ENODATA, NULL, 0, 0,
                         "--as-of %s is before the first period of the data", buf);
}

/* The notes on the figures and their base (the small-base rule's are added
 * by set_usual_base). */
static unsigned figure_notes(const fdi_yoy *y, int is_ytd, int step)
{
    unsigned notes = 0;
    if (is_ytd) {
        if (y->ytd != y->ytd)
            notes |= FDI_NOTE_NO_FIGURE;
    } else {
        if (y->ytd != y->ytd)
            notes |= FDI_NOTE_NO_DATA;
        else if (y->missing)
            notes |= FDI_NOTE_INCOMPLETE;
        if (y->ytd_prev == y->ytd_prev && y->missing_prev)
            notes |= FDI_NOTE_PREV_INCOMPLETE;
    }
    if (y->ytd_prev != y->ytd_prev)
        notes |= FDI_NOTE_NO_PREV;
    else if (y->ytd_prev == 0)
        notes |= FDI_NOTE_BASE_ZERO;
    else if (y->ytd_prev < 0)
        notes |= FDI_NOTE_BASE_NEGATIVE;
    if (step == 1 && y->months <= 2)
        notes |= FDI_NOTE_EARLY;
    return notes;
}

/* The usual base: the median same-period figure of the (complete) years
 * before last year's, up to SMALL_BASE_YEARS, when two at least are known;
 * last year's base below a third of it is a small base. */
static void set_usual_base(const fdi_panel *p, int32_t as_of, size_t s, fdi_yoy *y)
{
    double hist[SMALL_BASE_YEARS];
    int nh = 0, m;
    for (int k = 2; k <= SMALL_BASE_YEARS + 1; k++) {
        double v = ytd_at(p, fdi_panel_row(p, as_of - 12 * k), s, &m);
        if (v == v && (fdi_panel_is_ytd(p) || m == 0))
            hist[nh++] = v;
    }
    if (nh < 2)
        return;
    qsort(hist, (size_t)nh, sizeof *hist, cmp_double);
    y->usual_base = nh % 2 ? hist[nh / 2] : 0.5 * (hist[nh / 2 - 1] + hist[nh / 2]);
    if (y->ytd_prev > 0 && y->usual_base > 0 && y->ytd_prev < y->usual_base / 3)
        y->notes |= FDI_NOTE_SMALL_BASE;
}

/* Series s at rows t (as_of) and tp (a year before, or -1): all but the
 * ratios. */
static void series_figures(const fdi_panel *p, int32_t as_of, long t, long tp, size_t s,
                           int step, fdi_yoy *y)
{
    memset(y, 0, sizeof *y);
    y->periods = fdi_panel_position(p, (size_t)t);
    y->months = y->periods * step;
    y->ytd = ytd_at(p, t, s, &y->missing);
    y->ytd_prev = ytd_at(p, tp, s, &y->missing_prev);
    y->value = fdi_panel_flow(p, (size_t)t)[s];
    y->value_prev = tp >= 0 ? fdi_panel_flow(p, (size_t)tp)[s] : (double)NAN;
    y->usual_base = NAN;
    if (fdi_panel_is_ytd(p))
        y->missing = y->missing_prev = 0; /* published figures have no gaps */
    y->notes = figure_notes(y, fdi_panel_is_ytd(p), step);
    if (tp >= 0)
        set_usual_base(p, as_of, s, y);
}

/* The multiples and changes, as kernels over the whole row. */
static fdi_status ratios(fdi_yoy *out, size_t S, fdi_error *err)
{
    if (!S)
        return FDI_OK;
    double *num = malloc(2 * S * sizeof *num), *base, *res = malloc(S * sizeof *res);
    if (!num || !res) {
        free(num);
        free(res);
        return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    }
    base = num + S;
    for (size_t s = 0; s < S; s++)
        num[s] = out[s].ytd, base[s] = out[s].ytd_prev;
    fdi_kernel_ratio(num, base, S, res);
    for (size_t s = 0; s < S; s++)
        out[s].multiple = res[s];
    fdi_kernel_change_pct(res, S, num);
    for (size_t s = 0; s < S; s++)
        out[s].change_pct = num[s];
    for (size_t s = 0; s < S; s++)
        num[s] = out[s].value, base[s] = out[s].value_prev;
    fdi_kernel_ratio(num, base, S, res);
    for (size_t s = 0; s < S; s++)
        out[s].value_multiple = res[s];
    free(num);
    free(res);
    return FDI_OK;
}

fdi_status fdi__measures_yoy_some(const fdi_panel *p, int32_t as_of, size_t from, size_t n,
                                  fdi_yoy *out, fdi_error *err)
{
    long t = fdi_panel_row(p, as_of), tp;
    int step = 12 / fdi_panel_freq(p);
    if (t < 0)
        return as_of_error(p, as_of, step, err);
    tp = fdi_panel_row(p, as_of - 12);
    for (size_t i = 0; i < n; i++)
        series_figures(p, as_of, t, tp, from + i, step, &out[i]);
    return ratios(out, n, err);
}

fdi_status fdi_measures_yoy(const fdi_panel *p, int32_t as_of, fdi_yoy *out,
                            fdi_error *err)
{
    return fdi__measures_yoy_some(p, as_of, 0, fdi_panel_nseries(p), out, err);
}

fdi_plan_figures fdi_measures_plan(const fdi_yoy *y, double plan, double target)
{
    fdi_plan_figures f;
    memset(&f, 0, sizeof f);
    f.plan = plan;
    f.target = target == target ? target : plan;
    f.pct_of_plan = f.overshoot_pct = f.target_pct_of_plan = NAN;
    f.remaining = f.required_monthly = NAN;
    f.months_left = 12 - y->months; /* = fdi_panel_months_left at as-of */
    if (plan != plan) {
        f.notes |= FDI_NOTE_NO_PLAN;
    } else if (plan <= 0) {
        f.notes |= FDI_NOTE_PLAN_NOT_POSITIVE;
    } else {
        f.pct_of_plan = y->ytd / plan * 100.0;
        f.overshoot_pct = f.pct_of_plan - 100.0;
        f.target_pct_of_plan = f.target / plan * 100.0;
    }
    if (f.target == f.target && y->ytd == y->ytd) {
        f.remaining = f.target - y->ytd;
        if (f.remaining <= 0) {
            f.notes |= FDI_NOTE_TARGET_REACHED;
            f.required_monthly = 0.0;
        } else if (f.months_left <= 0) {
            f.notes |= FDI_NOTE_YEAR_OVER;
        } else {
            f.required_monthly = f.remaining / f.months_left;
        }
    }
    return f;
}

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static void add(char *buf, size_t size, size_t *w, const char *fmt, ...)
{
    va_list ap;
    int n;
    if (*w >= size)
        return;
    if (*w && *w + 2 < size) {
        memcpy(buf + *w, "; ", 3);
        *w += 2;
    }
    va_start(ap, fmt);
    n = vsnprintf(buf + *w, size - *w, fmt, ap);
    va_end(ap);
    if (n > 0)
        *w += (size_t)n < size - *w ? (size_t)n : size - *w - 1;
}

void fdi_notes_text(unsigned notes, const fdi_yoy *y, const fdi_plan_figures *pl,
                    char *buf, size_t size)
{
    size_t w = 0;
    unsigned all = notes | (pl ? pl->notes : 0);
    if (!size)
        return;
    buf[0] = '\0';
    if (all & FDI_NOTE_NO_DATA)
        add(buf, size, &w, "no data this year up to as-of");
    if (all & FDI_NOTE_NO_FIGURE)
        add(buf, size, &w, "no year-to-date figure published for the as-of period");
    if (all & FDI_NOTE_INCOMPLETE)
        add(buf, size, &w, "incomplete: %d of %d periods missing this year", y->missing,
            y->periods);
    if (all & FDI_NOTE_PREV_INCOMPLETE)
        add(buf, size, &w, "base incomplete: %d of %d periods missing last year",
            y->missing_prev, y->periods);
    if (all & FDI_NOTE_NO_PREV)
        add(buf, size, &w, "no multiple: no data for the same period last year");
    if (all & FDI_NOTE_BASE_ZERO)
        add(buf, size, &w, "no multiple: the base is zero");
    if (all & FDI_NOTE_BASE_NEGATIVE)
        add(buf, size, &w, "no multiple: the base is negative");
    if (all & FDI_NOTE_EARLY)
        add(buf, size, &w, "small base: only %d month%s into the year", y->months,
            y->months == 1 ? "" : "s");
    if (all & FDI_NOTE_SMALL_BASE)
        add(buf, size, &w, "small base: last year's figure is %.0f%% of its usual level",
            y->ytd_prev / y->usual_base * 100.0);
    if (all & FDI_NOTE_NO_PLAN)
        add(buf, size, &w, "no plan for this series");
    if (all & FDI_NOTE_PLAN_NOT_POSITIVE)
        add(buf, size, &w, "the plan is not positive");
    if (all & FDI_NOTE_TARGET_REACHED)
        add(buf, size, &w, "target already reached");
    if (all & FDI_NOTE_YEAR_OVER)
        add(buf, size, &w, "no months left in the year");
}
