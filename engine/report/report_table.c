/* report_table.c - the report as a table (fdi_report_table): one row per
 * paragraph with every figure the paragraph states, from the same yoy,
 * plan and forecast figures, the method, every note (the year to date's,
 * the forecast's, what --by summed) and the paragraph itself in English
 * and in Vietnamese, for csv, json and workbooks. */
#include "report/report_internal.h"
#include "measures/ask_internal.h"
#include "fdi/period.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

enum {
    F_YTD, F_PREV, F_MULT, F_CHANGE, F_PLAN, F_PCT, F_OVER, F_TARGET, F_TPCT,
    F_FORECAST, F_LO80, F_HI80, F_P, F_N
};

static const struct {
    const char *name;
    fdi_col_kind kind;
} figure[F_N] = {
    {"ytd", FDI_COL_AMOUNT},          {"ytd_prev", FDI_COL_AMOUNT},
    {"multiple", FDI_COL_MULTIPLE},   {"change_pct", FDI_COL_SIGNED_PERCENT},
    {"plan", FDI_COL_AMOUNT},         {"pct_of_plan", FDI_COL_PERCENT},
    {"overshoot_pct", FDI_COL_SIGNED_PERCENT}, {"target", FDI_COL_AMOUNT},
    {"target_pct_of_plan", FDI_COL_PERCENT},   {"forecast", FDI_COL_AMOUNT},
    {"lo80", FDI_COL_AMOUNT},         {"hi80", FDI_COL_AMOUNT},
    {"p_target", FDI_COL_PROBABILITY},
};

typedef struct {
    int period, fig[F_N], method, summed, note, en, vi;
} columns;

static int add_columns(fdi_table *t, const fdi_panel *p, columns *k)
{
    k->period = fdi__ask_key_columns(t, p, 1);
    for (int i = 0; i < F_N; i++)
        k->fig[i] = fdi_table_add_column(t, figure[i].name, figure[i].kind);
    k->method = fdi_table_add_column(t, "method", FDI_COL_TEXT);
    k->summed = fdi__ask_summed_column(t, p);
    k->note = fdi_table_add_column(t, "note", FDI_COL_TEXT);
    k->en = fdi_table_add_column(t, "paragraph_en", FDI_COL_TEXT);
    k->vi = fdi_table_add_column(t, "paragraph_vi", FDI_COL_TEXT);
    return k->period < 0 || k->summed == -2 || k->vi < 0 ? -1 : 0;
}

/* note: the year to date's and the plan's notes, then the forecast's. */
static void notes(const fdi_yoy *y, const fdi_plan_figures *pf, const fdi_fc_panel *fc,
                  size_t s, char *note, size_t size)
{
    char more[1024] = "";
    fdi_notes_text(y->notes, y, pf, note, size);
    if (fc)
        fdi_fc_panel_note(fc, s, more, sizeof more);
    if (more[0]) {
        size_t at = strlen(note);
        snprintf(note + at, size - at, "%s%s", at ? "; " : "", more);
    }
}

/* Row s's figures, method and note; nonzero when out of memory. */
static int fill_row(fdi_table *t, long r, const columns *k, const fdi_panel *p, size_t s,
                    long row, const fdi_yoy *y, const fdi_plans *pl, const fdi_fc_panel *fc)
{
    const fdi_yearend *ye = NULL;
    char note[2048];
    fdi_plan_figures pf = fdi_measures_plan(y, pl->plan[s], fdi_plans_goal(pl, s));
    double v[F_N] = {y->ytd,     y->ytd_prev,      y->multiple,     y->change_pct,
                     pf.plan,    pf.pct_of_plan,   pf.overshoot_pct, pf.target,
                     pf.target_pct_of_plan, NAN,   NAN,             NAN, NAN};
    int ok = fc && fdi_fc_panel_result(fc, s, &ye, NULL) == FDI_OK && ye->left > 0;
    if (ok) { /* as the paragraph: a forecast only with months left */
        v[F_FORECAST] = ye->point; /* the figure fdi forecast and the paragraph give */
        v[F_LO80] = ye->lo80;
        v[F_HI80] = ye->hi80;
        v[F_P] = ye->p_target;
    }
    for (int i = 0; i < F_N; i++)
        fdi_table_set_num(t, r, k->fig[i], v[i]);
    notes(y, &pf, fc, s, note, sizeof note);
    fdi__ask_rejected_note(p, note, sizeof note);
    return (ok && fdi_table_set_text(t, r, k->method, ye->label)) ||
           fdi__ask_summed_cells(t, r, k->summed, p, s, row, note, sizeof note) ||
           fdi_table_set_text(t, r, k->note, note);
}

fdi_status fdi__report_table(const fdi_panel *p, int32_t as_of, const fdi_yoy *y,
                             const fdi_plans *pl, const fdi_fc_panel *fc, char *const *en,
                             char *const *vi, fdi_table **out, fdi_error *err)
{
    columns k;
    char per[16];
    fdi_table *t = fdi_table_create();
    int bad = !t || add_columns(t, p, &k) != 0;
    fdi_period_format(as_of, fdi_panel_freq(p), per, sizeof per);
    for (size_t s = 0; !bad && s < fdi_panel_nseries(p); s++) {
        long r = fdi_table_add_row(t);
        bad = r < 0 || fdi__ask_key_cells(t, r, 0, p, s) ||
              fdi_table_set_text(t, r, k.period, per) || fill_row(t, r, &k, p, s, fdi_panel_row(p, as_of), &y[s], pl, fc) ||
              fdi_table_set_text(t, r, k.en, en[s]) || fdi_table_set_text(t, r, k.vi, vi[s]);
    }
    if (bad) {
        fdi_table_destroy(t);
        return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    }
    *out = t;
    return FDI_OK;
}
