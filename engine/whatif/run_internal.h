/* run_internal.h - one what-if run: the panel's series simulated once, the
 * scenarios then only re-weighting their paths; shared by the scenario
 * table (ask_whatif.c) and goal seeking (seek.c). */
#ifndef FDI_WHATIF_RUN_INTERNAL_H
#define FDI_WHATIF_RUN_INTERNAL_H

#include "fdi/ask.h"
#include "fdi/whatif.h"
#include "forecast/shard_internal.h"

typedef struct {
    const fdi_panel *p;
    const fdi_whatif_options *w;
    size_t S, h, P;
    int32_t first;       /* the first month left */
    fdi_fc_panel *fc;    /* every series' forecast and kept paths */
    fdi_plans plans;
    fdi__shard x;        /* the series this process computes */
} fdi__whatif_run;

/* Simulated paths and year-end results of series s. */
static inline const double *fdi__whatif_paths(const fdi__whatif_run *r, size_t s)
{
    return fdi_fc_panel_paths(r->fc, s);
}

static inline const fdi_yearend *fdi__whatif_yearend(const fdi__whatif_run *r, size_t s)
{
    const fdi_yearend *ye;
    fdi_fc_panel_result(r->fc, s, &ye, NULL);
    return ye;
}

/* res[0..J-1] of series s (res[0] the baseline) as fdi_whatif_eval gives
 * them are means of the simulated totals; the forecast the baseline must
 * give again is the method's point forecast (fdi_yearend.point, what `fdi
 * forecast` prints), and a scenario's is the same point forecast with the
 * scenario's maps applied to each month's point (fdi_yearend.months): the
 * point plus sum_t (a - 1) months[t] + b.  (Moving every scenario by the
 * baseline's shift, as before, took their paths' mean changes: with the
 * paths not centred on the point, "set 0" on every month left ended the
 * year below the year to date.)  a, b: room for h x J (fdi_whatif_maps). */
static inline void fdi__whatif_recentre(const fdi__whatif_run *r, const fdi_whatif *w, size_t s,
                                        fdi_whatif_result *res, size_t J, double *a, double *b)
{
    const fdi_yearend *ye = fdi__whatif_yearend(r, s);
    fdi_whatif_maps(w, s, a, b);
    for (size_t j = 0; j < J; j++) {
        double change = 0;
        for (size_t t = 0; t < r->h; t++) {
            double m = t < (size_t)ye->left && t < 24 ? ye->months[t] : 0.0;
            change += (a[t * J + j] - 1.0) * m + b[t * J + j];
        }
        res[j].change = j ? change : 0.0; /* the baseline's own maps: 0 */
        res[j].mean = ye->point + res[j].change;
    }
}

/* --seek: per series, the value of --vary's rows that reaches the goal. */
fdi_status fdi__whatif_seek(const fdi__whatif_run *r, const fdi_scenarios *sc,
                            fdi_table **out, fdi_error *err);

#endif
