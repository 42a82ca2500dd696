/* cmd_measures.c - `fdi ytd`, `fdi yoy` and `fdi plan`: one table per
 * series at the as-of period. */
#include "cli.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef enum { MODE_YTD, MODE_YOY, MODE_PLAN } mode;

typedef struct {
    const char *measure;
    size_t index;
} by_measure;

static int cmp_measure(const void *a, const void *b)
{
    const by_measure *x = a, *y = b;
    int c = strcmp(x->measure, y->measure);
    return c ? c : (x->index > y->index) - (x->index < y->index);
}

/* Rank of each series' ytd among those of the same measure. */
static int rank_series(const fdi_panel *p, const fdi_yoy *y, uint32_t *rank)
{
    size_t S = fdi_panel_nseries(p);
    by_measure *bm = malloc((S ? S : 1) * sizeof *bm);
    uint32_t *group = malloc((S ? S : 1) * sizeof *group);
    double *x = malloc((S ? S : 1) * sizeof *x);
    uint32_t g = 0;
    if (!bm || !group || !x) {
        free(bm), free(group), free(x);
        return -1;
    }
    for (size_t s = 0; s < S; s++) {
        bm[s].measure = fdi_panel_measure(p, s);
        bm[s].index = s;
        x[s] = y[s].ytd;
    }
    qsort(bm, S, sizeof *bm, cmp_measure);
    for (size_t i = 0; i < S; i++) {
        if (i && strcmp(bm[i].measure, bm[i - 1].measure) != 0)
            g++;
        group[bm[i].index] = g;
    }
    fdi_kernel_rank_desc(x, group, S, rank);
    free(bm);
    free(group);
    free(x);
    return 0;
}

static int run(const cli_options *opts, mode md)
{
    cli_options o = *opts;
    fdi_frame *f = NULL;
    fdi_panel *p = NULL;
    fdi_table *tab = NULL;
    fdi_yoy *y = NULL;
    double *plan = NULL, *target = NULL;
    uint32_t *rank = NULL;
    fdi_error err;
    fdi_status st;
    size_t S, nd;
    int rc, col0, c_period, c[24];
    char per[16], note[512];

    if (md == MODE_PLAN && !o.plan_file && o.plan_value != o.plan_value) {
        fprintf(stderr, "fdi plan: a plan is needed: --plan PLAN.csv or --plan-value X\n"
                        "(see fdi plan --help)\n");
        return EXIT_USAGE;
    }
    o.figures_window = 1;
    if ((rc = cli_open(&o, &f, &p)) != 0)
        goto out;
    S = fdi_panel_nseries(p);
    nd = fdi_panel_ndims(p);
    y = calloc(S, sizeof *y);
    plan = malloc(S * sizeof *plan);
    target = malloc(S * sizeof *target);
    rank = calloc(S, sizeof *rank);
    tab = fdi_table_create();
    if (!y || !plan || !target || !rank || !tab) {
        rc = EXIT_COMPUTE;
        goto out;
    }
    if ((st = fdi_measures_yoy(p, o.as_of, y, &err)) != FDI_OK) {
        rc = cli_fail(st, &err);
        goto out;
    }
    if (md == MODE_PLAN && (rc = cli_load_plans(&o, p, o.as_of, plan, target)) != 0)
        goto out;
    if (md == MODE_YTD && rank_series(p, y, rank) != 0) {
        rc = EXIT_COMPUTE;
        goto out;
    }

    col0 = 0;
    for (size_t d = 0; d < nd; d++)
        col0 = fdi_table_add_column(tab, fdi_panel_dim_name(p, d), FDI_COL_TEXT);
    col0 = fdi_table_add_column(tab, cli_measure_column(p), FDI_COL_TEXT) - (int)nd;
    c_period = fdi_table_add_column(tab, "period", FDI_COL_TEXT);
    memset(c, -1, sizeof c);
    if (md == MODE_YTD) {
        c[0] = fdi_table_add_column(tab, "ytd", FDI_COL_AMOUNT);
        c[1] = fdi_table_add_column(tab, "periods", FDI_COL_INT);
        c[2] = fdi_table_add_column(tab, "periods_missing", FDI_COL_INT);
        c[3] = fdi_table_add_column(tab, "rank", FDI_COL_INT);
    } else if (md == MODE_YOY && o.single) {
        c[0] = fdi_table_add_column(tab, "value", FDI_COL_AMOUNT);
        c[1] = fdi_table_add_column(tab, "value_prev", FDI_COL_AMOUNT);
        c[2] = fdi_table_add_column(tab, "multiple", FDI_COL_MULTIPLE);
        c[3] = fdi_table_add_column(tab, "change_pct", FDI_COL_SIGNED_PERCENT);
    } else if (md == MODE_YOY) {
        c[0] = fdi_table_add_column(tab, "ytd", FDI_COL_AMOUNT);
        c[1] = fdi_table_add_column(tab, "ytd_prev", FDI_COL_AMOUNT);
        c[2] = fdi_table_add_column(tab, "multiple", FDI_COL_MULTIPLE);
        c[3] = fdi_table_add_column(tab, "change_pct", FDI_COL_SIGNED_PERCENT);
        c[4] = fdi_table_add_column(tab, "pct_of_prev", FDI_COL_PERCENT);
    } else {
        c[0] = fdi_table_add_column(tab, "ytd", FDI_COL_AMOUNT);
        c[1] = fdi_table_add_column(tab, "plan", FDI_COL_AMOUNT);
        c[2] = fdi_table_add_column(tab, "pct_of_plan", FDI_COL_PERCENT);
        c[3] = fdi_table_add_column(tab, "overshoot_pct", FDI_COL_SIGNED_PERCENT);
        c[4] = fdi_table_add_column(tab, "target", FDI_COL_AMOUNT);
        c[5] = fdi_table_add_column(tab, "target_pct_of_plan", FDI_COL_PERCENT);
        c[6] = fdi_table_add_column(tab, "remaining", FDI_COL_AMOUNT);
        c[7] = fdi_table_add_column(tab, "months_left", FDI_COL_INT);
        c[8] = fdi_table_add_column(tab, "required_monthly", FDI_COL_AMOUNT);
    }
    c[20] = fdi_table_add_column(tab, "note", FDI_COL_TEXT);
    if (col0 < 0 || c_period < 0 || c[20] < 0) {
        rc = EXIT_COMPUTE;
        goto out;
    }
    fdi_period_format(o.as_of, fdi_panel_freq(p), per, sizeof per);
    for (size_t s = 0; s < S; s++) {
        long r = fdi_table_add_row(tab);
        const fdi_yoy *v = &y[s];
        fdi_plan_figures pl;
        unsigned notes = v->notes;
        int fail = r < 0;
        for (size_t d = 0; d < nd && !fail; d++)
            fail |= fdi_table_set_text(tab, r, (int)d, fdi_panel_label(p, s, d));
        if (fail || fdi_table_set_text(tab, r, (int)nd, fdi_panel_measure(p, s)) ||
            fdi_table_set_text(tab, r, c_period, per)) {
            rc = EXIT_COMPUTE;
            goto out;
        }
        if (md == MODE_YTD) {
            notes &= FDI_NOTE_INCOMPLETE | FDI_NOTE_NO_FIGURE | FDI_NOTE_NO_DATA;
            fdi_table_set_num(tab, r, c[0], v->ytd);
            fdi_table_set_num(tab, r, c[1], v->periods);
            fdi_table_set_num(tab, r, c[2], v->missing);
            fdi_table_set_num(tab, r, c[3], rank[s] ? (double)rank[s] : (double)NAN);
            fdi_notes_text(notes, v, NULL, note, sizeof note);
        } else if (md == MODE_YOY && o.single) {
            fdi_yoy one = *v;
            one.ytd_prev = v->value_prev;
            notes = 0;
            if (v->value_prev != v->value_prev)
                notes |= FDI_NOTE_NO_PREV;
            else if (v->value_prev == 0)
                notes |= FDI_NOTE_BASE_ZERO;
            else if (v->value_prev < 0)
                notes |= FDI_NOTE_BASE_NEGATIVE;
            fdi_table_set_num(tab, r, c[0], v->value);
            fdi_table_set_num(tab, r, c[1], v->value_prev);
            fdi_table_set_num(tab, r, c[2], v->value_multiple);
            fdi_table_set_num(tab, r, c[3], (v->value_multiple - 1.0) * 100.0);
            fdi_notes_text(notes, &one, NULL, note, sizeof note);
        } else if (md == MODE_YOY) {
            fdi_table_set_num(tab, r, c[0], v->ytd);
            fdi_table_set_num(tab, r, c[1], v->ytd_prev);
            fdi_table_set_num(tab, r, c[2], v->multiple);
            fdi_table_set_num(tab, r, c[3], v->change_pct);
            fdi_table_set_num(tab, r, c[4], v->multiple * 100.0);
            fdi_notes_text(notes, v, NULL, note, sizeof note);
        } else {
            pl = fdi_measures_plan(v, plan[s], target[s]);
            notes &= FDI_NOTE_INCOMPLETE | FDI_NOTE_NO_FIGURE | FDI_NOTE_NO_DATA;
            fdi_table_set_num(tab, r, c[0], v->ytd);
            fdi_table_set_num(tab, r, c[1], pl.plan);
            fdi_table_set_num(tab, r, c[2], pl.pct_of_plan);
            fdi_table_set_num(tab, r, c[3], pl.overshoot_pct);
            fdi_table_set_num(tab, r, c[4], pl.target);
            fdi_table_set_num(tab, r, c[5], pl.target_pct_of_plan);
            fdi_table_set_num(tab, r, c[6], pl.remaining);
            fdi_table_set_num(tab, r, c[7], pl.months_left);
            fdi_table_set_num(tab, r, c[8], pl.required_monthly);
            fdi_notes_text(notes, v, &pl, note, sizeof note);
        }
        if (fdi_table_set_text(tab, r, c[20], note)) {
            rc = EXIT_COMPUTE;
            goto out;
        }
    }
    rc = cli_emit(tab, o.format);
out:
    fdi_table_destroy(tab);
    free(y);
    free(plan);
    free(target);
    free(rank);
    fdi_panel_destroy(p);
    fdi_frame_destroy(f);
    return rc;
}

int cmd_ytd(const cli_options *o) { return run(o, MODE_YTD); }
int cmd_yoy(const cli_options *o) { return run(o, MODE_YOY); }
int cmd_plan(const cli_options *o) { return run(o, MODE_PLAN); }
