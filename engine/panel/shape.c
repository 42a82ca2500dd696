/* shape.c - whether a series reads as what it was read as (DESIGN.md,
 * "Meaning before arithmetic"): figures read as monthly flows that rise
 * through every year and drop at its start are year-to-date figures read
 * without --ytd (their "year to date" would add up the cumulative figures);
 * a series read with --ytd whose figure falls within a year is not
 * cumulative there.  Neither is an error (a flow can ramp up through the
 * year; capital can be withdrawn): a note on every row of the series. */
#include "fdi/panel.h"
#include "fdi/period.h"

#include <math.h>
#include <stdio.h>

typedef struct {
    size_t rises, falls, starts, drops; /* steps within a year; year starts */
    long fall_at;                       /* first row a --ytd figure falls at */
    double fall_from, fall_to;
} shape;

static shape measure_shape(const fdi_panel *p, size_t s)
{
    shape k = {0, 0, 0, 0, -1, 0, 0};
    size_t T = fdi_panel_nperiods(p);
    int ytd = fdi_panel_is_ytd(p), freq = fdi_panel_freq(p);
    long prev = -1;
    int prev_pos = 0;
    /* a fall within a year settles both questions (no "looks cumulative";
     * the first fall of a --ytd series is the one named): stop there */
    for (size_t t = 0; t < T && k.falls == 0; t++) {
        const double *row = ytd ? fdi_panel_cum(p, t) : fdi_panel_flow(p, t);
        if (!row || isnan(row[s]))
            continue;
        int pos = fdi_panel_position(p, t);
        if (prev >= 0) {
            double a = (ytd ? fdi_panel_cum(p, (size_t)prev) : fdi_panel_flow(p, (size_t)prev))[s];
            int same_year = pos > prev_pos && t - (size_t)prev < (size_t)freq;
            if (same_year) {
                k.rises += row[s] > a;
                if (row[s] < a && k.falls++ == 0) {
                    k.fall_at = (long)t;
                    k.fall_from = a;
                    k.fall_to = row[s];
                }
            } else {
                k.starts++;
                k.drops += row[s] < a;
            }
        }
        prev = (long)t;
        prev_pos = pos;
    }
    return k;
}

void fdi_panel_shape_note(const fdi_panel *p, size_t s, char *buf, size_t size)
{
    if (!size)
        return;
    buf[0] = '\0';
    if (fdi_panel_freq(p) == 1 || s >= fdi_panel_nseries(p))
        return;
    shape k = measure_shape(p, s);
    if (fdi_panel_is_ytd(p)) {
        char per[16];
        if (k.fall_at < 0)
            return;
        fdi_period_format(fdi_panel_period(p, (size_t)k.fall_at), fdi_panel_freq(p), per,
                          sizeof per);
        snprintf(buf, size,
                 "read as year-to-date (--ytd) but falls within the year (%s: %.10g after "
                 "%.10g)",
                 per, k.fall_to, k.fall_from);
        return;
    }
    /* a year's worth of rises, never a fall within a year, and a drop at
     * every year start seen */
    if (k.falls == 0 && k.rises >= (size_t)fdi_panel_freq(p) && k.starts > 0 &&
        k.drops == k.starts)
        snprintf(buf, size,
                 "looks cumulative: rises through each year and drops at its start "
                 "(year-to-date figures are read with --ytd)");
}
