/* fdi/chart.h - the charts a report carries, drawn with cairo.
 *
 * Cairo draws one picture to SVG, PNG or PDF alike (the extension of the
 * path decides), renders Vietnamese through fontconfig's fonts, and is a
 * distribution package (libcairo2-dev) that GTK, Firefox and others keep
 * well; the SVG gets a <title> and <desc> holding the chart's words, so the
 * file says what it shows to screen readers (and to tests). */
#ifndef FDI_CHART_H
#define FDI_CHART_H

#include "fdi/export.h"

#include <stddef.h>
#include <stdint.h>

#include "fdi/error.h"
#include "fdi/report.h"

enum { FDI_CHART_QUANTILES = 5 }; /* 2.5%, 10%, the forecast, 90%, 97.5% */

typedef struct {
    const char *title;           /* "Hai Phong Economic Zone" */
    int year;                    /* the fiscal year shown */
    int first_month;             /* calendar month the fiscal year starts, 1..12 */
    int pos;                     /* months observed this year (1..12) */
    double cur[12];              /* this year's year to date, months 1..pos */
    double prev[12];             /* last year's year to date (NaN: unknown) */
    double plan, target;         /* NaN: none */
    /* the forecast fan for the months pos..12 (index pos-1 = the observed
     * value): fan[0], fan[1], fan[3], fan[4] the 2.5%, 10%, 90% and 97.5%
     * quantiles of the simulated year to date; fan[2], dashed, the
     * forecast itself (the year to date the point forecast reaches, ending
     * at the figure `fdi forecast` and the paragraph give) */
    double fan[FDI_CHART_QUANTILES][12];
    int has_fan;
    const char *unit;            /* the y axis' unit; NULL: none */
} fdi_chart_yearend_data;

/* Year-to-date curves, plan, goal and fan into path (.svg, .png or .pdf). */
FDI_API fdi_status fdi_chart_yearend(const fdi_chart_yearend_data *d, fdi_lang lang,
                                     const char *path, fdi_error *err);

typedef struct {
    const char *label;
    double value;
} fdi_chart_bar;

/* Groups ranked by value, largest first, into path. */
FDI_API fdi_status fdi_chart_ranking(const char *title, const fdi_chart_bar *bars, size_t n,
                                     fdi_lang lang, const char *path, fdi_error *err);

/* Release cairo's and fontconfig's process-wide caches.  For a program
 * about to exit under a leak checker; no chart may be drawn after it. */
FDI_API void fdi_chart_shutdown(void);

#endif
