/* cmd_measures.c - `fdi ytd`, `fdi yoy` and `fdi plan`: one table per
 * series at the as-of period. */
#include "cli.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef enum { MODE_YTD, MODE_YOY, MODE_PLAN } mode;

/* Plans per panel series from --plan-value or a plan file. */
static int load_plans(const cli_options *o, const fdi_panel *p, int32_t as_of,
                      double *plan, double *target)
{
    size_t S = fdi_panel_nseries(p);
    fdi_ingest_options in = fdi_ingest_options_default();
    fdi_frame *pf = NULL;
    fdi_error err;
    fdi_status st;
    int fy = (int)fdi_period_year(as_of - (fdi_panel_fy_start(p) - 1));
    long *dim_of = NULL;
    size_t pnd;
    char year[16];

    for (size_t s = 0; s < S; s++) {
        plan[s] = o->plan_value;
        target[s] = o->target;
    }
    if (!o->plan_file)
        return 0;
    in.path = o->plan_file;
    in.period_col = "year";
    if ((st = fdi_ingest_csv(&in, &pf, &err)) != FDI_OK)
        return cli_fail(st, &err);
    if (fdi_frame_stats(pf)->rows_rejected) {
        const fdi_rejection *r = fdi_frame_rejection(pf, 0);
        fprintf(stderr, "fdi: %s:%zu:%zu: %s\n", o->plan_file, r->line, r->column,
                r->message);
        fdi_frame_destroy(pf);
        return EXIT_DATA;
    }
    pnd = fdi_frame_ndims(pf);
    dim_of = malloc(pnd * sizeof *dim_of);
    if (!dim_of) {
        fdi_frame_destroy(pf);
        return EXIT_COMPUTE;
    }
    for (size_t d = 0; d + 1 < pnd; d++) {
        dim_of[d] = -1;
        for (size_t k = 0; k < fdi_panel_ndims(p); k++)
            if (strcasecmp(fdi_panel_dim_name(p, k), fdi_frame_dim_name(pf, d)) == 0)
                dim_of[d] = (long)k;
        if (dim_of[d] < 0) {
            fprintf(stderr,
                    "fdi: %s: the plan has a key \"%s\" that the result does not "
                    "have; add it to --by (or remove the column from the plan)\n",
                    o->plan_file, fdi_frame_dim_name(pf, d));
            free(dim_of);
            fdi_frame_destroy(pf);
            return EXIT_USAGE;
        }
    }
    for (size_t i = 0; i < fdi_frame_nobs(pf); i++) {
        const uint32_t *k = fdi_frame_series_keys(pf, fdi_frame_obs_series(pf)[i]);
        const char *m = fdi_frame_label(pf, pnd - 1, k[pnd - 1]);
        int is_plan = strcasecmp(m, "plan") == 0, is_target = strcasecmp(m, "target") == 0;
        if (fdi_period_year(fdi_frame_obs_period(pf)[i]) != fy || (!is_plan && !is_target))
            continue;
        for (size_t s = 0; s < S; s++) {
            int match = 1;
            for (size_t d = 0; d + 1 < pnd && match; d++)
                match = strcasecmp(fdi_frame_label(pf, d, k[d]),
                                   fdi_panel_label(p, s, (size_t)dim_of[d])) == 0;
            if (!match)
                continue;
            if (is_plan)
                plan[s] = fdi_frame_obs_value(pf)[i];
            else
                target[s] = fdi_frame_obs_value(pf)[i];
        }
    }
    snprintf(year, sizeof year, "%d", fy);
    (void)year;
    free(dim_of);
    fdi_frame_destroy(pf);
    return 0;
}

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

static int32_t last_period(const fdi_frame *f)
{
    int32_t hi = INT32_MIN;
    for (size_t i = 0; i < fdi_frame_nobs(f); i++)
        if (fdi_frame_obs_period(f)[i] > hi)
            hi = fdi_frame_obs_period(f)[i];
    return hi;
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
    rc = cli_load_frame(&o, &f);
    if (rc)
        goto out;
    if (!o.has_as_of) {
        if (!fdi_frame_nobs(f)) {
            fprintf(stderr, "fdi: %s: no values to compute with\n", o.file);
            rc = EXIT_COMPUTE;
            goto out;
        }
        o.as_of = last_period(f);
        o.has_as_of = 1;
        fdi_period_format(o.as_of, fdi_frame_freq(f), per, sizeof per);
        fprintf(stderr, "fdi: no --as-of given; using %s, the last period in %s\n", per,
                o.file);
    }
    if ((rc = cli_build_panel(&o, f, &p)) != 0)
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
    if (md == MODE_PLAN && (rc = load_plans(&o, p, o.as_of, plan, target)) != 0)
        goto out;
    if (md == MODE_YTD && rank_series(p, y, rank) != 0) {
        rc = EXIT_COMPUTE;
        goto out;
    }

    col0 = 0;
    for (size_t d = 0; d < nd; d++)
        col0 = fdi_table_add_column(tab, fdi_panel_dim_name(p, d), FDI_COL_TEXT);
    col0 = fdi_table_add_column(tab, "measure", FDI_COL_TEXT) - (int)nd;
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
    if (fdi_table_write(tab, stdout, o.format) != 0) {
        perror("fdi: writing the output");
        rc = EXIT_COMPUTE;
    }
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
