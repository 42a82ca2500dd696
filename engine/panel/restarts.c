/* restarts.c - calendar years to date read as fiscal ones (restarts.h). */
#include "panel/restarts.h"
#include "fdi/period.h"

#include <stdio.h>

/* Over every series, the steps from period t-1 to t where t opens a year
 * (calendar: cal 1, else the fiscal year), counted as *n, and those where
 * the figure falls to under half a positive one before (a restart) as
 * *drops; the first restart's series and period in *s_at, *t_at. */
static void count_restarts(const fdi_panel *p, int cal, size_t *n, size_t *drops, size_t *s_at,
                           size_t *t_at)
{
    int freq = fdi_panel_freq(p), fy = cal ? 1 : fdi_panel_fy_start(p);
    size_t S = fdi_panel_nseries(p);
    *n = *drops = 0;
    for (size_t t = 1; t < fdi_panel_nperiods(p); t++) {
        if (fdi_period_fiscal_position(fdi_panel_period(p, t), freq, fy) != 1)
            continue;
        const double *now = fdi_panel_source(p, t), *before = fdi_panel_source(p, t - 1);
        for (size_t s = 0; s < S; s++) {
            if (!(before[s] > 0) || now[s] != now[s])
                continue;
            ++*n;
            if (now[s] < 0.5 * before[s] && !(*drops)++)
                *s_at = s, *t_at = t;
        }
    }
}

fdi_status fdi__ytd_restarts_check(const fdi_panel *p, const char *path, fdi_error *err)
{
    if (!fdi_panel_is_ytd(p) || fdi_panel_fy_start(p) == 1 || fdi_panel_freq(p) == 1)
        return FDI_OK;
    size_t n_cal, cal_drops, n_fy, fy_drops, s = 0, t = 0, s2, t2;
    count_restarts(p, 1, &n_cal, &cal_drops, &s, &t);
    count_restarts(p, 0, &n_fy, &fy_drops, &s2, &t2);
    if (!cal_drops || 2 * cal_drops <= n_cal || 2 * fy_drops > n_fy)
        return FDI_OK;
    char title[256], now[16], before[16];
    fdi_panel_series_title(p, s, title, sizeof title);
    fdi_period_format(fdi_panel_period(p, t), fdi_panel_freq(p), now, sizeof now);
    fdi_period_format(fdi_panel_period(p, t - 1), fdi_panel_freq(p), before, sizeof before);
    return fdi_error_set(err, FDI_EUSAGE, path, 0, 0,
                         "the year-to-date figures restart in January (%s: %g in %s after %g "
                         "in %s; so at %zu of %zu Januaries observed), not where --fy-start "
                         "%d opens the year: they are calendar years to date; leave "
                         "--fy-start out, or give monthly flows",
                         title, fdi_panel_source(p, t)[s], now, fdi_panel_source(p, t - 1)[s],
                         before, cal_drops, n_cal, fdi_panel_fy_start(p));
}
