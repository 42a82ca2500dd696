/* ask_forecast.c - the forecast question as a table: each series' year to
 * date, where the year will end, its intervals, P(goal), against the plan,
 * the method used and every note the forecast carries. */
#include "forecast/panel_internal.h"
#include "measures/ask_internal.h"
#include "fdi/parse.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

enum { C_YTD, C_LEFT, C_FORECAST, C_TARGET, C_P, C_PLAN, C_PCT, C_METHOD, C_NOTE, C_N };

typedef struct {
    int c[C_N], lo[4], hi[4], period, summed;
} fc_columns;

static int add_columns(fdi_table *tab, const fdi_panel *p, const fdi_fc_options *o,
                       fc_columns *k)
{
    char name[16];
    k->period = fdi__ask_key_columns(tab, p, 1);
    k->c[C_YTD] = fdi_table_add_column(tab, "ytd", FDI_COL_AMOUNT);
    k->c[C_LEFT] = fdi_table_add_column(tab, "months_left", FDI_COL_INT);
    k->c[C_FORECAST] = fdi_table_add_column(tab, "forecast", FDI_COL_AMOUNT);
    for (int l = 0; l < o->nlevels; l++) {
        snprintf(name, sizeof name, "lo%d", o->levels[l]);
        k->lo[l] = fdi_table_add_column(tab, name, FDI_COL_AMOUNT);
        snprintf(name, sizeof name, "hi%d", o->levels[l]);
        k->hi[l] = fdi_table_add_column(tab, name, FDI_COL_AMOUNT);
    }
    k->c[C_TARGET] = fdi_table_add_column(tab, "target", FDI_COL_AMOUNT);
    k->c[C_P] = fdi_table_add_column(tab, "p_target", FDI_COL_PROBABILITY);
    k->c[C_PLAN] = fdi_table_add_column(tab, "plan", FDI_COL_AMOUNT);
    k->c[C_PCT] = fdi_table_add_column(tab, "pct_of_plan", FDI_COL_PERCENT);
    k->c[C_METHOD] = fdi_table_add_column(tab, "method", FDI_COL_TEXT);
    k->summed = fdi__ask_summed_column(tab, p);
    k->c[C_NOTE] = fdi_table_add_column(tab, "note", FDI_COL_TEXT);
    return k->period < 0 || k->summed == -2 || k->c[C_NOTE] < 0 ? -1 : 0;
}

static int fill_row(fdi_table *tab, long r, const fc_columns *k, const fdi_panel *p,
                    const fdi_fc_panel *fc, size_t s, const fdi_plans *pl, int nlevels)
{
    const fdi_yearend *ye;
    char note[1024];
    fdi_status st = fdi_fc_panel_result(fc, s, &ye, NULL);
    fdi_fc_panel_note(fc, s, note, sizeof note);
    size_t len = strlen(note); /* auto: the weights and the errors behind them */
    if (st == FDI_OK && ye->explain[0])
        snprintf(note + len, sizeof note - len, "%s%s", len ? "; " : "", ye->explain);
    fdi__ask_rejected_note(p, note, sizeof note);
    if (fdi__ask_summed_cells(tab, r, k->summed, p, s, fdi__fc_panel_last(fc), note,
                              sizeof note))
        return -1;
    fdi_table_set_num(tab, r, k->c[C_YTD], ye->ytd);
    if (st == FDI_OK) { /* one series that cannot be forecast keeps only its ytd */
        double plan = pl->plan[s];
        /* months, as `fdi plan` counts them (ye->left is in periods) */
        fdi_table_set_num(tab, r, k->c[C_LEFT],
                          fdi_panel_months_left(p, (size_t)fdi__fc_panel_last(fc)));
        fdi_table_set_num(tab, r, k->c[C_FORECAST], ye->point);
        for (int l = 0; l < nlevels; l++) {
            fdi_table_set_num(tab, r, k->lo[l], ye->lo[l]);
            fdi_table_set_num(tab, r, k->hi[l], ye->hi[l]);
        }
        fdi_table_set_num(tab, r, k->c[C_TARGET], fdi_plans_goal(pl, s));
        fdi_table_set_num(tab, r, k->c[C_P], ye->p_target);
        fdi_table_set_num(tab, r, k->c[C_PLAN], plan);
        fdi_table_set_num(tab, r, k->c[C_PCT], plan > 0 ? ye->point / plan * 100.0 : (double)NAN);
        if (fdi_table_set_text(tab, r, k->c[C_METHOD], ye->label))
            return -1;
    }
    return fdi_table_set_text(tab, r, k->c[C_NOTE], note);
}

static fdi_status build(const fdi_panel *p, int32_t as_of, const fdi_plans *pl,
                        const fdi_fc_panel *fc, const fdi_fc_options *o, fdi_table *tab,
                        fdi_error *err)
{
    fc_columns k;
    char per[16];
    if (add_columns(tab, p, o, &k) != 0)
        return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    fdi_period_format(as_of, fdi_panel_freq(p), per, sizeof per);
    for (size_t s = 0; s < fdi_panel_nseries(p); s++) {
        long r = fdi_table_add_row(tab);
        if (fdi__ask_key_cells(tab, r, 0, p, s) || fdi_table_set_text(tab, r, k.period, per) ||
            fill_row(tab, r, &k, p, fc, s, pl, o->nlevels))
            return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    }
    return FDI_OK;
}

/* No series can be forecast: exit 3 with the first one's reason, not a
 * table of n/a with success.  One that fails among others keeps its row
 * (its year to date and the reason in the note). */
static fdi_status any_forecast(const fdi_panel *p, const fdi_fc_panel *fc, fdi_error *err)
{
    size_t S = fdi_panel_nseries(p);
    for (size_t s = 0; s < S; s++)
        if (fdi_fc_panel_result(fc, s, NULL, NULL) == FDI_OK)
            return FDI_OK;
    if (!S)
        return FDI_OK;
    char title[256], why[512];
    fdi_panel_series_title(p, 0, title, sizeof title);
    fdi_fc_panel_note(fc, 0, why, sizeof why);
    return fdi_error_set(err, FDI_ECOMPUTE, NULL, 0, 0, "no forecast for %s%s: %s",
                         title[0] ? title : "the series", S > 1 ? " (nor any other series)" : "",
                         why[0] ? why : "the method cannot be fitted");
}

/* Months: the forecast month by month, for one monthly series with a
 * forecast (fc kept its paths). */
static fdi_status months_of(const fdi_panel *p, int32_t as_of, const fdi_fc_panel *fc,
                            fdi_table **months, fdi_error *err)
{
    if (fdi_panel_nseries(p) != 1 || fdi_panel_freq(p) != 12 || !fdi_fc_panel_paths(fc, 0))
        return FDI_OK;
    return fdi_fc_panel_months(fc, p, as_of, months, err);
}

fdi_status fdi_ask_forecast_months(const fdi_panel *p, int32_t as_of, const fdi_plan_source *src,
                                   const fdi_fc_options *o, fdi_table **out, fdi_table **months,
                                   fdi_error *err)
{
    fdi_plans pl = {0, NULL, NULL};
    fdi_fc_panel *fc = NULL;
    fdi_table *tab = NULL;
    fdi_status st;
    *out = NULL;
    if (months)
        *months = NULL;
    if (fdi_panel_row(p, as_of) < 0)
        return fdi_error_set(err, FDI_ENODATA, NULL, 0, 0,
                             "the --as-of period is outside the data");
    st = fdi__ask_finite_panel(p, fdi_panel_row(p, as_of), err);
    if (st == FDI_OK)
        st = fdi_plans_load(p, as_of, src, &pl, err);
    if (st == FDI_OK) /* the paths kept only for the months of one series */
        st = fdi_fc_panel_run(p, as_of, &pl, o, months && fdi_panel_nseries(p) == 1, &fc, err);
    if (st == FDI_OK && fdi__fc_panel_partial(fc)) { /* rank 0 answers */
        fdi_fc_panel_destroy(fc);
        fdi_plans_free(&pl);
        return fdi__shard_not_root(out, err);
    }
    if (st == FDI_OK)
        st = any_forecast(p, fc, err);
    if (st == FDI_OK && !(tab = fdi_table_create()))
        st = fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    if (st == FDI_OK)
        st = build(p, as_of, &pl, fc, o, tab, err);
    if (st == FDI_OK)
        st = fdi__ask_finite_table(tab, p, err);
    if (st == FDI_OK && months)
        st = months_of(p, as_of, fc, months, err);
    if (st == FDI_OK) {
        *out = tab;
        tab = NULL;
    }
    fdi_table_destroy(tab);
    fdi_fc_panel_destroy(fc);
    fdi_plans_free(&pl);
    return st;
}

fdi_status fdi_ask_forecast(const fdi_panel *p, int32_t as_of, const fdi_plan_source *src,
                            const fdi_fc_options *o, fdi_table **out, fdi_error *err)
{
    return fdi_ask_forecast_months(p, as_of, src, o, out, NULL, err);
}
