/* cmd_backtest.c - `fdi backtest`: each method's past year-end errors at
 * every cut-off month and the coverage of its intervals, over every series;
 * --horizon H for the classic h-step evaluation. */
#include "cli.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const fdi_fc_method default_methods[] = {
    FDI_FC_RUNRATE, FDI_FC_SEASONAL, FDI_FC_SNAIVE,
    FDI_FC_ETS,     FDI_FC_THETA,    FDI_FC_ENSEMBLE};

static void add_row(fdi_table *tab, const int *col, const char *method,
                    const char *cutoff, const fdi_bt_accum *a)
{
    long r = fdi_table_add_row(tab);
    fdi_table_set_text(tab, r, col[0], method);
    fdi_table_set_text(tab, r, col[1], cutoff);
    fdi_table_set_num(tab, r, col[2], (double)a->count);
    fdi_table_set_num(tab, r, col[3], (double)a->failed);
    fdi_table_set_num(tab, r, col[4], a->n_ape ? a->ape / (double)a->n_ape : (double)NAN);
    fdi_table_set_num(tab, r, col[5], a->count ? a->sape / (double)a->count : (double)NAN);
    fdi_table_set_num(tab, r, col[6], a->n_ase ? a->ase / (double)a->n_ase : (double)NAN);
    fdi_table_set_num(tab, r, col[7], a->count ? 100.0 * (double)a->in80 / (double)a->count : (double)NAN);
    fdi_table_set_num(tab, r, col[8], a->count ? 100.0 * (double)a->in95 / (double)a->count : (double)NAN);
}

int cmd_backtest(const cli_options *opts)
{
    cli_options o = *opts;
    fdi_frame *f = NULL;
    fdi_panel *p = NULL;
    fdi_table *tab = NULL;
    fdi_bt_accum *acc = NULL;
    double *y = NULL;
    int rc, col[9];
    const fdi_fc_method *methods = o.nmethods ? o.methods : default_methods;
    int nm = o.nmethods ? o.nmethods : (int)(sizeof default_methods / sizeof default_methods[0]);
    size_t paths = o.paths == 5000 ? 1000 : o.paths; /* lighter default */

    if ((rc = cli_open(&o, &f, &p)) != 0)
        goto out;
    size_t S = fdi_panel_nseries(p), T = fdi_panel_nperiods(p);
    int m = fdi_panel_freq(p);
    if (m < 2) {
        fprintf(stderr, "fdi backtest: needs monthly or quarterly data\n");
        rc = EXIT_USAGE;
        goto out;
    }
    size_t per_method = (size_t)m + 1;
    acc = calloc((size_t)nm * per_method, sizeof *acc);
    y = malloc(T * sizeof *y);
    tab = fdi_table_create();
    if (!acc || !y || !tab) {
        rc = EXIT_COMPUTE;
        goto out;
    }
    fdi_fc_config c = fdi_fc_config_default(m, 0);
    c.k_years = o.k_years;
    c.ets_model = o.ets_model;
    c.calibrate = !o.no_calibrate;
    int first_pos = fdi_panel_position(p, 0) - 1;
    size_t from = 0;
    if (o.from_year) {
        /* first row of the fiscal year starting in from_year */
        int32_t start = (int32_t)o.from_year * 12 + fdi_panel_fy_start(p) - 1;
        while (from < T && fdi_panel_period(p, from) < start)
            from++;
    }
    cli_progress_begin(&o, "replaying");
    for (size_t s = 0; s < S; s++) {
        fdi_error err = {0};
        fdi_status st;
        cli_progress(s, S);
        cli_series_history(p, s, T - 1, y);
        if (o.horizon)
            st = fdi_fc_backtest_horizon(y, T, first_pos, methods, nm, o.horizon, &c,
                                         paths, o.seed, acc, &err);
        else
            st = fdi_fc_backtest_yearend(y, T, first_pos, methods, nm,
                                         o.ncutoffs ? o.cutoffs : NULL, o.ncutoffs, from,
                                         &c, paths, o.seed, acc, &err);
        if (st != FDI_OK) {
            rc = cli_fail(st, &err);
            goto out;
        }
    }
    cli_progress_end();
    col[0] = fdi_table_add_column(tab, "method", FDI_COL_TEXT);
    col[1] = fdi_table_add_column(tab, o.horizon ? "horizon" : "cutoff", FDI_COL_TEXT);
    col[2] = fdi_table_add_column(tab, "forecasts", FDI_COL_INT);
    col[3] = fdi_table_add_column(tab, "failed", FDI_COL_INT);
    col[4] = fdi_table_add_column(tab, "mape", FDI_COL_AMOUNT);
    col[5] = fdi_table_add_column(tab, "smape", FDI_COL_AMOUNT);
    col[6] = fdi_table_add_column(tab, "mase", FDI_COL_AMOUNT);
    col[7] = fdi_table_add_column(tab, "cover80", FDI_COL_PERCENT);
    col[8] = fdi_table_add_column(tab, "cover95", FDI_COL_PERCENT);
    if (col[8] < 0) {
        rc = EXIT_COMPUTE;
        goto out;
    }
    size_t scored = 0;
    for (int k = 0; k < nm; k++) {
        const char *name = fdi_fc_method_name(methods[k]);
        char cut[16];
        if (o.horizon) {
            snprintf(cut, sizeof cut, "1-%d", o.horizon);
            add_row(tab, col, name, cut, &acc[k]);
            scored += acc[k].count;
            continue;
        }
        const fdi_bt_accum *a = &acc[(size_t)k * per_method];
        scored += a->count;
        for (int ci = 1; ci < m; ci++) {
            if (!acc[(size_t)k * per_method + (size_t)ci].count &&
                !acc[(size_t)k * per_method + (size_t)ci].failed)
                continue;
            snprintf(cut, sizeof cut, "%d", ci);
            add_row(tab, col, name, cut, &acc[(size_t)k * per_method + (size_t)ci]);
        }
        add_row(tab, col, name, "all", a);
    }
    if (!scored) {
        fprintf(stderr, "fdi backtest: no year to replay: a year is scored when all "
                        "its periods and the year before are observed\n");
        rc = EXIT_COMPUTE;
        goto out;
    }
    rc = cli_emit(tab, o.format);
out:
    cli_progress_end();
    fdi_table_destroy(tab);
    free(acc);
    free(y);
    fdi_panel_destroy(p);
    fdi_frame_destroy(f);
    return rc;
}
