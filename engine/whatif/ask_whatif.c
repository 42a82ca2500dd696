/* ask_whatif.c - the what-if question: every scenario of a scenario file
 * on every series' year-end forecast, in one batched evaluation; a sweep
 * expands a scenario into a grid of values; a seek finds the value that
 * reaches a goal (seek.c). */
#include "whatif/run_internal.h"
#include "forecast/panel_internal.h"
#include "measures/ask_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Simulate every series once; a series that cannot be forecast fails the
 * run (a scenario table without it would look complete). */
static fdi_status simulate_all(fdi__whatif_run *r, int32_t as_of, const fdi_fc_options *o,
                               fdi_error *err)
{
    long left = fdi__fc_months_left(r->p, as_of);
    fdi_status st;
    if (left < 0 || fdi_panel_freq(r->p) != 12)
        return fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0,
                             "whatif needs monthly data and an --as-of inside it");
    if (left == 0)
        return fdi_error_set(err, FDI_ECOMPUTE, NULL, 0, 0,
                             "the year is complete at --as-of; no month left for a scenario "
                             "to change");
    r->h = (size_t)left;
    r->first = as_of + 1;
    if ((st = fdi__fc_panel_run_mine(r->p, as_of, &r->plans, o, 1, &r->x, &r->fc, err)) !=
        FDI_OK)
        return st;
    for (size_t s = 0; s < r->S; s++) {
        fdi_error e;
        memset(&e, 0, sizeof e);
        if (fdi__shard_mine(&r->x, s) &&
            (st = fdi_fc_panel_result(r->fc, s, NULL, &e)) != FDI_OK) {
            char title[256];
            fdi_panel_series_title(r->p, s, title, sizeof title);
            r->x.fail_s = s;
            return fdi_error_set(err, st, NULL, 0, 0, "no forecast for %s: %s",
                                 title[0] ? title : fdi_panel_measure(r->p, s), e.message);
        }
    }
    return FDI_OK;
}

/* res (S x J) for the scenarios sc on every series. */
static fdi_status evaluate(const fdi__whatif_run *r, const fdi_scenarios *sc, fdi_whatif **wout,
                           fdi_whatif_result **res, fdi_error *err)
{
    fdi_whatif *w;
    fdi_status st = fdi_whatif_bind(sc, r->p, r->first, r->h, r->w->scenarios_file, &w, err);
    if (st != FDI_OK)
        return st;
    size_t J = fdi_whatif_count(w);
    fdi_whatif_scratch *x = fdi_whatif_scratch_new(w, r->P);
    *res = malloc((r->S * J > 0 ? r->S * J : 1) * sizeof **res);
    double *ab = malloc((2 * r->h * J > 0 ? 2 * r->h * J : 1) * sizeof *ab); /* the maps */
    if (!x || !*res || !ab) {
        free(ab);
        fdi_whatif_scratch_free(x);
        fdi_whatif_free(w);
        free(*res);
        *res = NULL;
        return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory for %zu scenarios", J);
    }
    for (size_t s = 0; s < r->S; s++) {
        if (!fdi__shard_mine(&r->x, s))
            continue;
        const fdi_yearend *ye = fdi__whatif_yearend(r, s);
        fdi_whatif_eval(w, s, fdi__whatif_paths(r, s), r->P, ye->ytd, ye->widen, ye->nonneg,
                        fdi_plans_goal(&r->plans, s), x, *res + s * J);
        fdi__whatif_recentre(r, w, s, *res + s * J, J, ab, ab + r->h * J);
    }
    free(ab);
    fdi_whatif_scratch_free(x);
    *wout = w;
    return FDI_OK;
}

enum { FC_NOTE_LEN = 512 };

/* The table of every scenario and series; fc_note[s]: series s's forecast
 * note (fdi_fc_panel_note: fallback, lumpy, intervals widened, ...), which
 * every scenario's figures carry, as fdi forecast's do. */
static fdi_status scenario_table(const fdi__whatif_run *r, const fdi_whatif *w,
                                 const fdi_whatif_result *res, char (*fc_note)[FC_NOTE_LEN],
                                 fdi_table **out, fdi_error *err)
{
    static const char *const names[] = {"forecast", "change",   "lo80",        "hi80",
                                        "target",   "p_target", "plan",        "pct_of_plan",
                                        "overshoot_pct"};
    static const fdi_col_kind kinds[] = {
        FDI_COL_AMOUNT, FDI_COL_AMOUNT,      FDI_COL_AMOUNT, FDI_COL_AMOUNT,
        FDI_COL_AMOUNT, FDI_COL_PROBABILITY, FDI_COL_AMOUNT, FDI_COL_PERCENT,
        FDI_COL_SIGNED_PERCENT};
    size_t J = fdi_whatif_count(w);
    fdi_table *tab = fdi_table_create();
    int c = tab ? fdi_table_add_column(tab, "scenario", FDI_COL_TEXT) : -1;
    if (c >= 0)
        c = fdi__ask_key_columns(tab, r->p, 0);
    for (int i = 0; i < 9 && c >= 0; i++)
        c = fdi_table_add_column(tab, names[i], kinds[i]);
    int c0 = c - 8, c_summed = c < 0 ? -2 : fdi__ask_summed_column(tab, r->p), c_note = -1;
    /* the forecast's notes, the rows --lenient rejected, and what --by summed
     * away, as forecast says them */
    if (c_summed != -2)
        c_note = fdi_table_add_column(tab, "note", FDI_COL_TEXT);
    if (c < 0 || c_summed == -2 || c_note < 0) {
        fdi_table_destroy(tab);
        return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    }
    for (size_t j = 0; j < J; j++)
        for (size_t s = 0; s < r->S; s++) {
            const fdi_whatif_result *x = &res[s * J + j];
            long row = fdi_table_add_row(tab);
            double pl = r->plans.plan[s];
            double fig[] = {x->mean, x->change, x->lo80, x->hi80,
                            fdi_plans_goal(&r->plans, s), x->p_target, pl,
                            pl > 0 ? 100.0 * x->mean / pl : (double)NAN,
                            pl > 0 ? 100.0 * x->mean / pl - 100.0 : (double)NAN};
            char note[1024];
            snprintf(note, sizeof note, "%s", fc_note[s]);
            fdi__ask_rejected_note(r->p, note, sizeof note); /* as forecast's */
            if (fdi_table_set_text(tab, row, 0, fdi_whatif_name(w, j)) ||
                fdi__ask_key_cells(tab, row, 1, r->p, s) ||
                fdi__ask_summed_cells(tab, row, c_summed, r->p, s, fdi__fc_panel_last(r->fc), note,
                                      sizeof note) ||
                fdi_table_set_text(tab, row, c_note, note)) {
                fdi_table_destroy(tab);
                return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
            }
            for (int i = 0; i < 9; i++)
                fdi_table_set_num(tab, row, c0 + i, fig[i]);
        }
    *out = tab;
    return FDI_OK;
}

enum { NAME_MAX_LEN = 128 };

/* --sweep NAME=LO:HI:STEP into its parts (name: NAME_MAX_LEN bytes). */
static fdi_status parse_sweep(const char *spec, char *name, double *lo, double *hi,
                              double *step, fdi_error *err)
{
    const char *eq = strchr(spec, '=');
    char tail;
    if (!eq || eq - spec >= NAME_MAX_LEN || eq == spec ||
        sscanf(eq + 1, "%lf:%lf:%lf%c", lo, hi, step, &tail) != 3 || !(*step > 0) ||
        !(*hi >= *lo) || (*hi - *lo) / *step > 1e6)
        return fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0,
                             "--sweep takes NAME=LO:HI:STEP (STEP > 0, at most a million "
                             "values), not \"%s\"", spec);
    memcpy(name, spec, (size_t)(eq - spec));
    name[eq - spec] = '\0';
    return FDI_OK;
}

/* --sweep: NAME's rows at each value, as scenarios. */
static fdi_status sweep_grid(const fdi_scenarios *sc, const char *spec, fdi_scenarios **grid,
                             fdi_error *err)
{
    double lo, hi, step;
    char name[NAME_MAX_LEN];
    fdi_status st = parse_sweep(spec, name, &lo, &hi, &step, err);
    if (st != FDI_OK)
        return st;
    size_t n = (size_t)floor((hi - lo) / step + 1e-9) + 1;
    double *vals = malloc(n * sizeof *vals);
    if (!vals)
        return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t i = 0; i < n; i++)
        vals[i] = lo + step * (double)i; /* not accumulated: no drift */
    st = fdi_scenarios_with_value(sc, name, vals, n, grid, err);
    free(vals);
    return st;
}

/* Rank 0 of several: res and the forecast notes of the other ranks'
 * series (each rank its own: only it fitted them). */
typedef struct {
    fdi_whatif_result *res;
    size_t S, J;
    char (*note)[FC_NOTE_LEN];
} gathered_res;

static fdi_status take_res(void *ctx, size_t s, const unsigned char *a, size_t alen,
                           const unsigned char *b, size_t blen, fdi_error *err)
{
    gathered_res *g = ctx;
    (void)b;
    if (!g->res || s >= g->S || alen != g->J * sizeof *g->res || blen > FC_NOTE_LEN)
        return fdi_error_set(err, FDI_EIO, NULL, 0, 0, "a scenario's result arrived damaged");
    memcpy(g->res + s * g->J, a, alen);
    snprintf(g->note[s], FC_NOTE_LEN, "%.*s", (int)blen, (const char *)b);
    return FDI_OK;
}

/* Every rank's results to rank 0 (st: this rank's status so far). */
static fdi_status gather_res(fdi__whatif_run *r, fdi_status st, gathered_res *g,
                             fdi_error *err)
{
    for (size_t s = 0; st == FDI_OK && s < r->S; s++)
        if (fdi__shard_mine(&r->x, s))
            fdi_fc_panel_note(r->fc, s, g->note[s], FC_NOTE_LEN);
    for (size_t s = 0; st == FDI_OK && !fdi__shard_root(&r->x) && s < r->S; s++)
        if (fdi__shard_mine(&r->x, s))
            st = fdi__shard_put(&r->x, s, g->res + s * g->J, g->J * sizeof *g->res, g->note[s],
                                strlen(g->note[s]), err);
    return fdi__shard_gather(&r->x, st, take_res, g, err);
}

/* The scenario table of sc (or of its sweep grid); st: the simulation's
 * status (every rank gathers, whatever happened before). */
static fdi_status run_scenarios(fdi__whatif_run *r, const fdi_scenarios *sc, fdi_status st,
                                fdi_table **out, fdi_error *err)
{
    fdi_scenarios *grid = NULL;
    fdi_whatif *w = NULL;
    gathered_res g = {NULL, r->S, 0, calloc(r->S ? r->S : 1, FC_NOTE_LEN)};
    if (st == FDI_OK && !g.note)
        st = fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    if (st == FDI_OK && r->w->sweep)
        st = sweep_grid(sc, r->w->sweep, &grid, err);
    if (st == FDI_OK)
        st = evaluate(r, grid ? grid : sc, &w, &g.res, err);
    if (st == FDI_OK)
        g.J = fdi_whatif_count(w);
    st = gather_res(r, st, &g, err);
    if (st == FDI_OK)
        st = fdi__shard_root(&r->x) ? scenario_table(r, w, g.res, g.note, out, err)
                                    : fdi__shard_not_root(out, err);
    free(g.res);
    free(g.note);
    fdi_whatif_free(w);
    fdi_scenarios_free(grid);
    return st;
}

fdi_status fdi_whatif_options_check(const fdi_whatif_options *w, fdi_error *err)
{
    double goal;
    if (!w || !w->scenarios_file)
        return fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0,
                             "a scenario file is needed: --scenarios FILE");
    if (!!w->seek != !!w->vary)
        return fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0, "--seek and --vary go together");
    if (w->seek && strncmp(w->seek, "p_target=", 9) == 0 &&
        (sscanf(w->seek + 9, "%lf", &goal) != 1 || !(goal > 0 && goal < 1)))
        return fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0,
                             "--seek p_target=P takes a probability between 0 and 1 "
                             "(exclusive), not \"%s\"", w->seek + 9);
    if (w->sweep) { /* the grid's syntax, without scenarios to expand */
        double lo, hi, step;
        char name[NAME_MAX_LEN];
        return parse_sweep(w->sweep, name, &lo, &hi, &step, err);
    }
    return FDI_OK;
}

/* A scenario whose forecast is no number where the baseline's is (a
 * growth compounding past 1.8e308, times a path at 0) overflowed: an
 * error naming it (exit 3), never an empty cell with exit 0.  Rows: the
 * baseline's S, then each scenario's S. */
static fdi_status finite_scenarios(const fdi_table *t, size_t S, fdi_error *err)
{
    int fc = fdi_table_find_column(t, "forecast"), sc = fdi_table_find_column(t, "scenario");
    size_t R = fdi_table_nrows(t);
    for (size_t r = S; fc >= 0 && sc >= 0 && r < R; r++)
        if (isnan(fdi_table_num(t, (long)r, fc)) && !isnan(fdi_table_num(t, (long)(r % S), fc)))
            return fdi_error_set(err, FDI_ERANGE, NULL, 0, 0,
                                 "scenario %s: the forecast overflows: beyond the range of a "
                                 "number (1.8e308)", fdi_table_text(t, (long)r, sc));
    return FDI_OK;
}

fdi_status fdi_ask_whatif(const fdi_panel *p, int32_t as_of, const fdi_plan_source *src,
                          const fdi_fc_options *o, const fdi_whatif_options *wo,
                          fdi_table **out, fdi_error *err)
{
    fdi__whatif_run r;
    fdi_scenarios *sc = NULL;
    fdi_status st;
    *out = NULL;
    memset(&r, 0, sizeof r);
    r.p = p;
    r.w = wo;
    r.S = fdi_panel_nseries(p);
    r.P = o->paths;
    if ((st = fdi_whatif_options_check(wo, err)) != FDI_OK ||
        (st = fdi_scenarios_read(wo->scenarios_file, &sc, err)) != FDI_OK)
        return st;
    st = fdi__ask_finite_panel(p, fdi_panel_row(p, as_of), err);
    if (st == FDI_OK)
        st = fdi_plans_load(p, as_of, src, &r.plans, err);
    /* --seek is not shared: every rank seeks every series (fdi/shard.h) */
    fdi_fc_options so = *o;
    if (wo->seek)
        so.shard = NULL;
    int begun = st == FDI_OK;
    if (begun && (st = fdi__shard_begin(&r.x, so.shard, p, fdi_panel_row(p, as_of), 1, err)) !=
                     FDI_OK)
        begun = 0;
    if (st == FDI_OK)
        st = simulate_all(&r, as_of, &so, err);
    if (wo->seek && st == FDI_OK)
        st = fdi__whatif_seek(&r, sc, out, err);
    else if (!wo->seek && begun) /* every rank gathers, whatever happened since */
        st = run_scenarios(&r, sc, st, out, err);
    if (st == FDI_OK && !wo->seek &&
        ((st = fdi__ask_finite_table(*out, p, err)) != FDI_OK ||
         (st = finite_scenarios(*out, r.S, err)) != FDI_OK)) {
        fdi_table_destroy(*out);
        *out = NULL;
    }
    if (begun)
        fdi__shard_end(&r.x);
    fdi_fc_panel_destroy(r.fc);
    fdi_plans_free(&r.plans);
    fdi_scenarios_free(sc);
    return st;
}
