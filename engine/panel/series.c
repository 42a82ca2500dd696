/* series.c - what a caller shows of panel series: a title, the name of
 * the measure column, a history as one array, the gaps. */
#include "fdi/panel.h"
#include "frame/frame_internal.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

const char *fdi_panel_measure_column(const fdi_panel *p)
{
    for (size_t d = 0; d < fdi_panel_ndims(p); d++)
        if (strcasecmp(fdi_panel_dim_name(p, d), "measure") == 0)
            return "value_column"; /* the data has its own "measure" key */
    return "measure";
}

void fdi_panel_series_title(const fdi_panel *p, size_t s, char *buf, size_t size)
{
    size_t S = fdi_panel_nseries(p), nd = fdi_panel_ndims(p), len = 0;
    int several = 0;
    if (!size)
        return;
    for (size_t k = 1; k < S && !several; k++)
        several = strcmp(fdi_panel_measure(p, k), fdi_panel_measure(p, 0)) != 0;
    buf[0] = '\0';
    size_t shown = 0; /* the unit is no name of the series: the amounts carry it */
    for (size_t d = 0; d < nd && len < size; d++)
        if (!fdi__is_unit_name(fdi_panel_dim_name(p, d)))
            len += (size_t)snprintf(buf + len, size - len, "%s%s", shown++ ? ", " : "",
                                    fdi_panel_label(p, s, d));
    if ((several || !shown) && len < size)
        snprintf(buf + len, size - len, shown ? " (%s)" : "%s", fdi_panel_measure(p, s));
    for (char *c = buf; *c; c++) /* a title is shown: no control byte raw */
        if ((unsigned char)*c < 0x20 || *c == 0x7f)
            *c = '?';
}

void fdi_panel_history(const fdi_panel *p, size_t s, size_t last, double *y)
{
    for (size_t t = 0; t <= last; t++)
        y[t] = fdi_panel_flow(p, t)[s];
}

void fdi_panel_gaps(const fdi_panel *p, long *first, long *last, size_t *missing)
{
    size_t S = fdi_panel_nseries(p), T = fdi_panel_nperiods(p);
    for (size_t s = 0; s < S; s++) {
        first[s] = last[s] = -1;
        missing[s] = 0; /* values present, until the last step */
    }
    for (size_t t = 0; t < T; t++) {
        const double *row = fdi_panel_source(p, t);
        for (size_t s = 0; s < S; s++)
            if (row[s] == row[s]) {
                if (first[s] < 0)
                    first[s] = (long)t;
                last[s] = (long)t;
                missing[s]++;
            }
    }
    for (size_t s = 0; s < S; s++)
        missing[s] = first[s] < 0 ? 0 : (size_t)(last[s] - first[s] + 1) - missing[s];
}
