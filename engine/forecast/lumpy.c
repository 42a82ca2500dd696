/* lumpy.c - months far above a series' usual level: one licence of 1,500
 * million USD in a series of tens a month (Hai Phong, April 2016).  Left
 * in the history, such a month drags every method's level (runrate and
 * the seasonal share project it onto the months left, a smoothing model
 * learns a level or a season from it) and, replayed as a past year's
 * error, makes the calibrated interval useless for years.
 *
 * A month is lumpy when it lies more than LUMPY_K robust standard
 * deviations above the series' median, the robust sd being 1.4826 x the
 * median absolute deviation (MAD) of the history: a rule that its own
 * outliers cannot move.  Lumps are rare: when more than one month in six
 * (at least one) lies above that threshold the level has shifted or is
 * volatile (Hai Phong's adjusted capital: a year of 4 a month, then 22 to
 * 49), and nothing is treated (Hai Phong's new capital to September 2016
 * has three lumps in 21 months: LG Display 1,500, LG Innotek 550 and one
 * of 200); nor when two of them fall on the same
 * month of different years: that is a season (a December peak), which the
 * models learn.  K = 10 flags the mega months of the bundled
 * registered-capital series (Hai Phong's new capital: 48 and 17 MADs) and
 * none of the national series (at most 7.4, fdi_registered_ytd's March
 * 2026), and 14 of the 1,428 M3 monthly series.  Only months above the
 * median count: FDI registrations jump up, not down.
 *
 * The treatment (yearend_model.c, calibrate.c): the model is fitted on the
 * history with each lumpy month set to LUMPY_FILL = 2 robust sd above the
 * median (a high month, not a mega project: left at the 10 sd threshold it
 * would still be an outlier that inflates a model's variance several
 * times), so the months left are projected from the usual level; the year
 * to date keeps the mega month in full; past years' errors are measured on
 * totals with their months after the cut-off treated the same way.  The interval is
 * then that of the year barring another mega project, and the note says
 * so (FDI_FC_NOTE_LUMPY_CAPPED).
 */
#include "forecast/fc_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

enum { LUMPY_MIN = 12 }; /* values needed for a median and MAD to mean much */
static const double LUMPY_K = 10.0;   /* robust sd above the median: lumpy */
static const double LUMPY_FILL = 2.0; /* ... and what a lumpy month becomes */

/* Two months above cap at the same position of the year: a seasonal peak. */
static int recurs(const double *y, size_t n, int m, double cap)
{
    for (size_t t = 0; t < n; t++)
        for (size_t u = t + (size_t)m; y[t] > cap && u < n; u += (size_t)m)
            if (y[u] > cap)
                return 1;
    return 0;
}

fdi_status fdi__fc_lumpy_cap(const double *y, size_t n, int m, double *cap, double *fill,
                             size_t *count, fdi_error *err)
{
    size_t k = 0;
    *cap = *fill = HUGE_VAL;
    *count = 0;
    double *v = malloc((n ? n : 1) * sizeof *v);
    if (!v)
        return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t t = 0; t < n; t++)
        if (!isnan(y[t]))
            v[k++] = y[t];
    if (k >= LUMPY_MIN) {
        gsl_sort(v, 1, k);
        double med = gsl_stats_median_from_sorted_data(v, 1, k);
        for (size_t i = 0; i < k; i++)
            v[i] = fabs(v[i] - med);
        gsl_sort(v, 1, k);
        double sd = 1.4826 * gsl_stats_median_from_sorted_data(v, 1, k);
        if (sd > 0) {
            *cap = med + LUMPY_K * sd;
            *fill = med + LUMPY_FILL * sd;
        }
        for (size_t t = 0; t < n && sd > 0; t++)
            *count += y[t] > *cap;
        if (*count > (k / 6 > 1 ? k / 6 : 1) || recurs(y, n, m, *cap)) {
            *count = 0; /* not lumps: a shifted or volatile level, or a season */
            *cap = *fill = HUGE_VAL;
        }
    }
    free(v);
    return FDI_OK;
}

fdi_status fdi__fc_lumpy_history(const double *y, size_t n, int m, double **capped,
                                 fdi_error *err)
{
    double cap, fill;
    size_t count;
    *capped = NULL;
    fdi_status st = fdi__fc_lumpy_cap(y, n, m, &cap, &fill, &count, err);
    if (st != FDI_OK || !count)
        return st;
    double *w = malloc(n * sizeof *w);
    if (!w)
        return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    memcpy(w, y, n * sizeof *w);
    for (size_t t = 0; t < n; t++)
        if (w[t] > cap)
            w[t] = fill;
    *capped = w;
    return FDI_OK;
}
