/* cmd_forecast.c - `fdi forecast`: where each series' year will end, the
 * interval, and the probability of reaching the target. */
#include "cli.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Flows of series s from the panel's first period to row `last`. */
void cli_series_history(const fdi_panel *p, size_t s, size_t last, double *y)
{
    for (size_t t = 0; t <= last; t++)
        y[t] = fdi_panel_flow(p, t)[s];
}

int cmd_forecast(const cli_options *opts)
{
    cli_options o = *opts;
    fdi_frame *f = NULL;
    fdi_panel *p = NULL;
    fdi_table *tab = NULL;
    double *plan = NULL, *target = NULL, *y = NULL;
    int rc, col[32], c_lo[4], c_hi[4];
    char per[16], name[16], note[512];
    fdi_fc_method method = o.nmethods ? o.methods[0] : FDI_FC_AUTO;

    if (o.nmethods > 1) {
        fprintf(stderr, "fdi forecast: --method takes one method (fdi backtest "
                        "compares several)\n");
        return EXIT_USAGE;
    }
    if ((rc = cli_open(&o, &f, &p)) != 0)
        goto out;
    size_t S = fdi_panel_nseries(p), nd = fdi_panel_ndims(p);
    long last = fdi_panel_row(p, o.as_of);
    if (last < 0) {
        fprintf(stderr, "fdi forecast: %s is outside the data\n", "the --as-of period");
        rc = EXIT_COMPUTE;
        goto out;
    }
    plan = malloc(S * sizeof *plan);
    target = malloc(S * sizeof *target);
    y = malloc(((size_t)last + 1) * sizeof *y);
    tab = fdi_table_create();
    if (!plan || !target || !y || !tab) {
        rc = EXIT_COMPUTE;
        goto out;
    }
    if ((rc = cli_load_plans(&o, p, o.as_of, plan, target)) != 0)
        goto out;
    for (size_t d = 0; d < nd; d++)
        fdi_table_add_column(tab, fdi_panel_dim_name(p, d), FDI_COL_TEXT);
    fdi_table_add_column(tab, cli_measure_column(p), FDI_COL_TEXT);
    col[0] = fdi_table_add_column(tab, "period", FDI_COL_TEXT);
    col[1] = fdi_table_add_column(tab, "ytd", FDI_COL_AMOUNT);
    col[2] = fdi_table_add_column(tab, "months_left", FDI_COL_INT);
    col[3] = fdi_table_add_column(tab, "forecast", FDI_COL_AMOUNT);
    for (int k = 0; k < o.nlevels; k++) {
        snprintf(name, sizeof name, "lo%d", o.levels[k]);
        c_lo[k] = fdi_table_add_column(tab, name, FDI_COL_AMOUNT);
        snprintf(name, sizeof name, "hi%d", o.levels[k]);
        c_hi[k] = fdi_table_add_column(tab, name, FDI_COL_AMOUNT);
    }
    col[4] = fdi_table_add_column(tab, "target", FDI_COL_AMOUNT);
    col[5] = fdi_table_add_column(tab, "p_target", FDI_COL_PROBABILITY);
    col[6] = fdi_table_add_column(tab, "plan", FDI_COL_AMOUNT);
    col[7] = fdi_table_add_column(tab, "pct_of_plan", FDI_COL_PERCENT);
    col[8] = fdi_table_add_column(tab, "method", FDI_COL_TEXT);
    col[9] = fdi_table_add_column(tab, "note", FDI_COL_TEXT);
    if (col[9] < 0) {
        rc = EXIT_COMPUTE;
        goto out;
    }
    fdi_period_format(o.as_of, fdi_panel_freq(p), per, sizeof per);
    fdi_fc_config c = fdi_fc_config_default(fdi_panel_freq(p),
                                            fdi_panel_position(p, (size_t)last));
    c.k_years = o.k_years;
    c.ets_model = o.ets_model;
    c.calibrate = !o.no_calibrate;
    c.nlevels = o.nlevels;
    memcpy(c.levels, o.levels, sizeof c.levels);
    cli_progress_begin(&o, "forecasting");
    for (size_t s = 0; s < S; s++) {
        long r = fdi_table_add_row(tab);
        fdi_yearend ye;
        cli_progress(s, S);
        fdi_error err = {0};
        double tgt = !isnan(target[s]) ? target[s] : plan[s];
        for (size_t d = 0; d < nd; d++)
            fdi_table_set_text(tab, r, (int)d, fdi_panel_label(p, s, d));
        fdi_table_set_text(tab, r, (int)nd, fdi_panel_measure(p, s));
        fdi_table_set_text(tab, r, col[0], per);
        cli_series_history(p, s, (size_t)last, y);
        fdi_status st = fdi_fc_yearend(method, y, (size_t)last + 1, &c, tgt, o.paths,
                                       o.seed, &ye, &err);
        if (st == FDI_ENOMEM) {
            rc = cli_fail(st, &err);
            goto out;
        }
        if (st != FDI_OK) {
            /* one series that cannot be forecast does not stop the others */
            fdi_table_set_num(tab, r, col[1], ye.ytd);
            fdi_table_set_text(tab, r, col[9], err.message);
            continue;
        }
        fdi_table_set_num(tab, r, col[1], ye.ytd);
        fdi_table_set_num(tab, r, col[2], ye.left);
        fdi_table_set_num(tab, r, col[3], ye.mean);
        for (int k = 0; k < o.nlevels; k++) {
            fdi_table_set_num(tab, r, c_lo[k], ye.lo[k]);
            fdi_table_set_num(tab, r, c_hi[k], ye.hi[k]);
        }
        fdi_table_set_num(tab, r, col[4], tgt);
        fdi_table_set_num(tab, r, col[5], ye.p_target);
        fdi_table_set_num(tab, r, col[6], plan[s]);
        fdi_table_set_num(tab, r, col[7], plan[s] > 0 ? ye.mean / plan[s] * 100.0 : (double)NAN);
        fdi_table_set_text(tab, r, col[8], ye.label);
        fdi_fc_notes_text(ye.notes, note, sizeof note);
        if (ye.widen > 1.005) {
            size_t len = strlen(note);
            snprintf(note + len, sizeof note - len, "%sintervals widened x%.2f to cover "
                     "past years", len ? "; " : "", ye.widen);
        }
        fdi_table_set_text(tab, r, col[9], note);
    }
    cli_progress_end();
    rc = cli_emit(tab, o.format);
out:
    cli_progress_end();
    fdi_table_destroy(tab);
    free(plan);
    free(target);
    free(y);
    fdi_panel_destroy(p);
    fdi_frame_destroy(f);
    return rc;
}
