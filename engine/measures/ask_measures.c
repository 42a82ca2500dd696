/* ask_measures.c - the year to date, year over year and plan questions as
 * tables: one row per panel series at the as-of period. */
#include "measures/ask_internal.h"
#include "frame/frame_internal.h"
#include "fdi/kernels.h"
#include "fdi/measures.h"
#include "fdi/parse.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { ASK_YTD, ASK_YOY, ASK_YOY_SINGLE, ASK_PLAN } ask_kind;

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

/* Whether series s is --map's group of the keys the map did not name: a
 * remainder, not a group of the map, so it takes no rank. */
static int unmapped(const fdi_panel *p, size_t s)
{
    for (size_t d = 0; d < fdi_panel_ndims(p); d++)
        if (strcmp(fdi_panel_label(p, s, d), FDI_UNMAPPED) == 0)
            return 1;
    return 0;
}

/* The rank column: each series' ytd (column c_ytd) ranked among those of
 * the same measure, once every row is in.  Nonzero when out of memory. */
static int rank_series(const fdi_panel *p, fdi_table *tab, int c_ytd, int c_rank)
{
    size_t S = fdi_panel_nseries(p), n = S ? S : 1;
    by_measure *bm = malloc(n * sizeof *bm);
    uint32_t *group = malloc(n * sizeof *group), g = 0;
    if (!bm || !group) {
        free(bm), free(group);
        return -1;
    }
    for (size_t s = 0; s < S; s++) {
        bm[s].measure = fdi_panel_measure(p, s);
        bm[s].index = s;
    }
    qsort(bm, S, sizeof *bm, cmp_measure);
    for (size_t i = 0; i < S; i++) {
        if (i && strcmp(bm[i].measure, bm[i - 1].measure) != 0)
            g++;
        group[bm[i].index] = g;
    }
    free(bm); /* (before the ytds and ranks: the peak is the table's) */
    double *x = malloc(n * sizeof *x);
    uint32_t *rank = malloc(n * sizeof *rank);
    if (!x || !rank) {
        free(group), free(x), free(rank);
        return -1;
    }
    for (size_t s = 0; s < S; s++)
        x[s] = unmapped(p, s) ? (double)NAN : fdi_table_num(tab, (long)s, c_ytd);
    fdi_kernel_rank_desc(x, group, S, rank);
    for (size_t s = 0; s < S; s++)
        fdi_table_set_num(tab, (long)s, c_rank, rank[s] ? (double)rank[s] : (double)NAN);
    free(group);
    free(x);
    free(rank);
    return 0;
}

/* A "unit" column after the measure when some series' unit is known
 * (fdi_panel_unit) and no key column already shows it. */
static int unit_column(const fdi_panel *p)
{
    int any = 0;
    for (size_t d = 0; d < fdi_panel_ndims(p); d++)
        if (fdi__is_unit_name(fdi_panel_dim_name(p, d)))
            return 0;
    for (size_t s = 0; s < fdi_panel_nseries(p) && !any; s++)
        any = fdi_panel_unit(p, s) != NULL;
    return any;
}

int fdi__ask_key_columns(fdi_table *tab, const fdi_panel *p, int with_period)
{
    int last = 0;
    for (size_t d = 0; d < fdi_panel_ndims(p); d++)
        last = fdi_table_add_column(tab, fdi_panel_dim_name(p, d), FDI_COL_TEXT);
    last = fdi_table_add_column(tab, fdi_panel_measure_column(p), FDI_COL_TEXT);
    if (unit_column(p) && last >= 0)
        last = fdi_table_add_column(tab, "unit", FDI_COL_TEXT);
    if (with_period && last >= 0)
        last = fdi_table_add_column(tab, "period", FDI_COL_TEXT);
    return last;
}

int fdi__ask_key_cells(fdi_table *tab, long r, int first, const fdi_panel *p, size_t s)
{
    size_t nd = fdi_panel_ndims(p);
    int fail = r < 0;
    for (size_t d = 0; d < nd && !fail; d++)
        fail |= fdi_table_set_text(tab, r, first + (int)d, fdi_panel_label(p, s, d));
    fail = fail || fdi_table_set_text(tab, r, first + (int)nd, fdi_panel_measure(p, s));
    int uc = first + (int)nd + 1; /* the unit column, when the table has one */
    if (!fail && (size_t)uc < fdi_table_ncols(tab) &&
        strcmp(fdi_table_column_name(tab, uc), "unit") == 0) {
        const char *u = fdi_panel_unit(p, s);
        fail = fdi_table_set_text(tab, r, uc, u ? u : "");
    }
    return fail;
}

int fdi__ask_summed_column(fdi_table *tab, const fdi_panel *p)
{
    for (size_t s = 0; s < fdi_panel_nseries(p); s++)
        if (*fdi_panel_summed(p, s)) {
            int c = fdi_table_add_column(tab, "summed", FDI_COL_TEXT);
            if (c < 0 || fdi_table_add_column(tab, "members_missing", FDI_COL_INT) < 0)
                return -2;
            return c;
        }
    return -1;
}

void fdi__ask_rejected_note(const fdi_panel *p, char *note, size_t size)
{
    size_t n = fdi_panel_rows_rejected(p), w = strlen(note);
    if (n && w + 1 < size)
        snprintf(note + w, size - w, "%s%zu row%s of the file rejected (--lenient): not in "
                 "the figures", w ? "; " : "", n, n == 1 ? "" : "s");
}

/* "incomplete sum: 2 members without a value in 2016 (they had values
 * before); the figure adds the others" (fdi_panel_members_missing). */
static size_t members_note(const fdi_panel *p, size_t s, long t, char *note, size_t size)
{
    size_t n = t >= 0 ? fdi_panel_members_missing(p, s, (size_t)t) : 0, w = strlen(note);
    char per[16];
    if (!n || w + 1 >= size)
        return n;
    fdi_period_format(fdi_panel_period(p, (size_t)t), fdi_panel_freq(p), per, sizeof per);
    int one_period = fdi_panel_is_ytd(p) || fdi_panel_position(p, (size_t)t) == 1;
    snprintf(note + w, size - w,
             "%sincomplete sum: %zu %s without a value %s %s (%s values before); the figure "
             "adds the other members",
             w ? "; " : "", n,
             one_period ? (n == 1 ? "member" : "members")
                        : (n == 1 ? "member-period" : "member-periods"),
             one_period ? "in" : "in the year to", per,
             n != 1 ? "they had" : one_period ? "it had" : "its member had");
    return n;
}

int fdi__ask_summed_cells(fdi_table *tab, long r, int col, const fdi_panel *p, size_t s, long t,
                          char *note, size_t size)
{
    const char *said = fdi_panel_summed_note(p, s);
    char shape[256];
    size_t w = strlen(note);
    if (*said && w + 1 < size)
        snprintf(note + w, size - w, "%s%s", w ? "; " : "", said);
    size_t missing = members_note(p, s, t, note, size);
    fdi_panel_shape_note(p, s, shape, sizeof shape);
    w = strlen(note);
    if (*shape && w + 1 < size)
        snprintf(note + w, size - w, "%s%s", w ? "; " : "", shape);
    if (col >= 0)
        fdi_table_set_num(tab, r, col + 1, (double)missing);
    return col >= 0 && fdi_table_set_text(tab, r, col, fdi_panel_summed(p, s));
}

static const struct {
    const char *name;
    fdi_col_kind kind;
} figure_columns[][10] = {
    [ASK_YTD] = {{"ytd", FDI_COL_AMOUNT}, {"periods", FDI_COL_INT},
                 {"periods_missing", FDI_COL_INT}, {"rank", FDI_COL_INT}},
    [ASK_YOY] = {{"ytd", FDI_COL_AMOUNT}, {"ytd_prev", FDI_COL_AMOUNT},
                 {"multiple", FDI_COL_MULTIPLE}, {"change_pct", FDI_COL_SIGNED_PERCENT},
                 {"pct_of_prev", FDI_COL_PERCENT}},
    [ASK_YOY_SINGLE] = {{"value", FDI_COL_AMOUNT}, {"value_prev", FDI_COL_AMOUNT},
                        {"multiple", FDI_COL_MULTIPLE},
                        {"change_pct", FDI_COL_SIGNED_PERCENT}},
    [ASK_PLAN] = {{"ytd", FDI_COL_AMOUNT}, {"plan", FDI_COL_AMOUNT},
                  {"pct_of_plan", FDI_COL_PERCENT}, {"overshoot_pct", FDI_COL_SIGNED_PERCENT},
                  {"target", FDI_COL_AMOUNT}, {"target_pct_of_plan", FDI_COL_PERCENT},
                  {"remaining", FDI_COL_AMOUNT}, {"months_left", FDI_COL_INT},
                  {"required_monthly", FDI_COL_AMOUNT}},
};

/* yoy --single: the period alone against the same period last year.  A
 * period without its own figure says why (flows: no value for it; --ytd:
 * the month alone is its figure less the one before, and one is missing) */
static void single_figures(fdi_table *tab, long r, int c, const fdi_yoy *v, int is_ytd,
                           char *note, size_t nsize)
{
    fdi_yoy one = *v;
    unsigned notes = isnan(v->value_prev)   ? FDI_NOTE_NO_PREV
                     : v->value_prev == 0  ? FDI_NOTE_BASE_ZERO
                     : v->value_prev < 0   ? FDI_NOTE_BASE_NEGATIVE
                                           : 0;
    double fig[] = {v->value, v->value_prev, v->value_multiple,
                    (v->value_multiple - 1.0) * 100.0};
    one.ytd_prev = v->value_prev;
    for (int i = 0; i < 4; i++)
        fdi_table_set_num(tab, r, c + i, fig[i]);
    fdi_notes_text(notes, &one, NULL, note, nsize);
    size_t w = strlen(note);
    if (isnan(v->value) && w + 1 < nsize)
        snprintf(note + w, nsize - w, "%s%s", w ? "; " : "",
                 !is_ytd ? "no value for the period"
                 : isnan(v->ytd)
                     ? "no value for the period: no year-to-date figure published for it"
                     : "no value for the period: the year-to-date figure of the period "
                       "before is missing");
}

/* The figures of one row from column c on (the rank comes after every
 * row, rank_series); the note into note. */
static void set_figures(fdi_table *tab, long r, int c, ask_kind k, const fdi_yoy *v,
                        double plan, double target, char *note, size_t nsize)
{
    const unsigned ytd_notes = FDI_NOTE_INCOMPLETE | FDI_NOTE_NO_FIGURE | FDI_NOTE_NO_DATA;
    if (k == ASK_YTD) {
        double fig[] = {v->ytd, v->periods, v->missing};
        for (int i = 0; i < 3; i++)
            fdi_table_set_num(tab, r, c + i, fig[i]);
        fdi_notes_text(v->notes & ytd_notes, v, NULL, note, nsize);
    } else if (k == ASK_YOY) {
        double fig[] = {v->ytd, v->ytd_prev, v->multiple, v->change_pct, v->multiple * 100.0};
        for (int i = 0; i < 5; i++)
            fdi_table_set_num(tab, r, c + i, fig[i]);
        fdi_notes_text(v->notes, v, NULL, note, nsize);
    } else {
        fdi_plan_figures pl = fdi_measures_plan(v, plan, target);
        double fig[] = {v->ytd,    pl.plan,      pl.pct_of_plan, pl.overshoot_pct,
                        pl.target, pl.target_pct_of_plan, pl.remaining, pl.months_left,
                        pl.required_monthly};
        for (int i = 0; i < 9; i++)
            fdi_table_set_num(tab, r, c + i, fig[i]);
        fdi_notes_text(v->notes & ytd_notes, v, &pl, note, nsize);
    }
}

/* What every row of an answer shares: its question, its table and where
 * the columns are. */
typedef struct {
    const fdi_panel *p;
    int32_t as_of;
    ask_kind k;
    const fdi_plans *pl; /* ASK_PLAN's, else NULL */
    fdi_table *tab;
    int c_period, c_summed, c_note;
    char per[16];
} ask_rows;

/* The answer's columns, and room for a row per series. */
static fdi_status add_columns(ask_rows *a, fdi_error *err)
{
    fdi_table *tab = a->tab;
    int c_period = fdi__ask_key_columns(tab, a->p, 1);
    a->c_period = a->c_note = c_period;
    a->c_summed = -1;
    for (int i = 0; c_period >= 0 && i < 10 && figure_columns[a->k][i].name; i++)
        fdi_table_add_column(tab, figure_columns[a->k][i].name, figure_columns[a->k][i].kind);
    if (c_period >= 0 && (a->c_summed = fdi__ask_summed_column(tab, a->p)) != -2)
        a->c_note = fdi_table_add_column(tab, "note", FDI_COL_TEXT);
    if (c_period < 0 || a->c_summed == -2 || a->c_note < 0 ||
        fdi_table_reserve(tab, fdi_panel_nseries(a->p)) != 0)
        return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    fdi_period_format(a->as_of, fdi_panel_freq(a->p), a->per, sizeof a->per);
    return FDI_OK;
}

/* The rows of the n series from `from` on, whose figures are y[0..n). */
static fdi_status add_rows(const ask_rows *a, size_t from, size_t n, const fdi_yoy *y,
                           fdi_error *err)
{
    const fdi_panel *p = a->p;
    long t = fdi_panel_row(p, a->as_of);
    char note[1024];
    for (size_t i = 0; i < n; i++) {
        size_t s = from + i;
        long r = fdi_table_add_row(a->tab);
        if (fdi__ask_key_cells(a->tab, r, 0, p, s) ||
            fdi_table_set_text(a->tab, r, a->c_period, a->per))
            return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
        if (a->k == ASK_YOY_SINGLE)
            single_figures(a->tab, r, a->c_period + 1, &y[i], fdi_panel_is_ytd(p), note,
                           sizeof note);
        else
            set_figures(a->tab, r, a->c_period + 1, a->k, &y[i],
                        a->pl ? a->pl->plan[s] : (double)NAN,
                        a->pl ? a->pl->target[s] : (double)NAN, note, sizeof note);
        fdi__ask_rejected_note(p, note, sizeof note);
        if (fdi__ask_summed_cells(a->tab, r, a->c_summed, p, s, t, note, sizeof note) ||
            fdi_table_set_text(a->tab, r, a->c_note, note))
            return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    }
    return FDI_OK;
}

/* Series whose figures are held at once: the answer's memory is its table
 * and this, not a figures struct per series besides (issue 15: a ytd of
 * 400,000 series). */
enum { ASK_BLOCK = 4096 };

/* Every row, the figures taken a block of series at a time. */
static fdi_status add_all_rows(const ask_rows *a, fdi_error *err)
{
    size_t S = fdi_panel_nseries(a->p);
    fdi_yoy *y = malloc(ASK_BLOCK * sizeof *y);
    fdi_status st = y ? FDI_OK : fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t from = 0; st == FDI_OK && from < S; from += ASK_BLOCK) {
        size_t n = S - from < ASK_BLOCK ? S - from : ASK_BLOCK;
        st = fdi__measures_yoy_some(a->p, a->as_of, from, n, y, err);
        if (st == FDI_OK)
            st = add_rows(a, from, n, y, err);
    }
    free(y);
    return st;
}

static fdi_status ask(const fdi_panel *p, int32_t as_of, ask_kind k,
                      const fdi_plan_source *src, fdi_table **out, fdi_error *err)
{
    fdi_plans pl = {0, NULL, NULL};
    ask_rows a = {.p = p, .as_of = as_of, .k = k, .pl = k == ASK_PLAN ? &pl : NULL,
                  .tab = fdi_table_create()};
    fdi_status st = FDI_OK;
    *out = NULL;
    if (!a.tab)
        st = fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    if (st == FDI_OK) /* (an --as-of before the panel is said first) */
        st = fdi__measures_yoy_some(p, as_of, 0, 0, NULL, err);
    if (st == FDI_OK)
        st = fdi__ask_finite_panel(p, fdi_panel_row(p, as_of), err);
    if (st == FDI_OK && k == ASK_PLAN)
        st = fdi_plans_load(p, as_of, src, &pl, err);
    if (st == FDI_OK && (st = add_columns(&a, err)) == FDI_OK)
        st = add_all_rows(&a, err);
    if (st == FDI_OK && k == ASK_YTD &&
        rank_series(p, a.tab, a.c_period + 1, a.c_period + 4) != 0)
        st = fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    if (st == FDI_OK)
        st = fdi__ask_finite_table(a.tab, p, err);
    if (st == FDI_OK) {
        *out = a.tab;
        a.tab = NULL;
    }
    fdi_table_destroy(a.tab);
    fdi_plans_free(&pl);
    return st;
}

fdi_status fdi_ask_ytd(const fdi_panel *p, int32_t as_of, fdi_table **out, fdi_error *err)
{
    return ask(p, as_of, ASK_YTD, NULL, out, err);
}

fdi_status fdi_ask_yoy(const fdi_panel *p, int32_t as_of, int single, fdi_table **out,
                       fdi_error *err)
{
    return ask(p, as_of, single ? ASK_YOY_SINGLE : ASK_YOY, NULL, out, err);
}

fdi_status fdi_ask_plan(const fdi_panel *p, int32_t as_of, const fdi_plan_source *src,
                        fdi_table **out, fdi_error *err)
{
    fdi_status st = fdi_plan_source_check(src, 1, err);
    if (st != FDI_OK)
        return st;
    return ask(p, as_of, ASK_PLAN, src, out, err);
}
