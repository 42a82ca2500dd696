/* run_internal.h - one what-if run: the panel's series simulated once, the
 * scenarios then only re-weighting their paths; shared by the scenario
 * table (ask_whatif.c) and goal seeking (seek.c). */
#ifndef FDI_WHATIF_RUN_INTERNAL_H
#define FDI_WHATIF_RUN_INTERNAL_H

#include "fdi/ask.h"
#include "fdi/whatif.h"

typedef struct {
    const fdi_panel *p;
    const fdi_whatif_options *w;
    size_t S, h, P;
    int32_t first;       /* the first month left */
    fdi_fc_panel *fc;    /* every series' forecast and kept paths */
    fdi_plans plans;
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

/* --seek: per series, the value of --vary's rows that reaches the goal. */
fdi_status fdi__whatif_seek(const fdi__whatif_run *r, const fdi_scenarios *sc,
                            fdi_table **out, fdi_error *err);

#endif
