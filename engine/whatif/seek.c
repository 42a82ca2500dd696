/* seek.c - goal seeking: --seek p_target=G (or forecast=G) --vary
 * NAME[=LO:HI] finds, per series, the value of NAME's rows where the goal
 * starts (or stops) being reached, by bisection on the monotone response
 * (the same sample paths at every value): the interval keeps one end that
 * reaches the goal and one that does not, and the answer is the reaching
 * end. */
#include "whatif/run_internal.h"
#include "measures/ask_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What a seek evaluates: the scenarios with NAME's rows as one scenario,
 * last, bound once; each step sets its value and evaluates one series. */
typedef struct {
    char name[128];
    double lo, hi, goal;
    int use_p;              /* the goal is p_target (else the forecast) */
    fdi_scenarios *one;
    fdi_whatif *w;
    fdi_whatif_scratch *x;
    fdi_whatif_result *res; /* J */
    double *ab;             /* the maps, 2 x h x J */
    size_t J;
} probe;

static void probe_close(probe *pr)
{
    free(pr->res);
    free(pr->ab);
    fdi_whatif_scratch_free(pr->x);
    fdi_whatif_free(pr->w);
    fdi_scenarios_free(pr->one);
}

/* --seek and --vary into pr's goal, name and range. */
static fdi_status parse_request(const fdi_whatif_options *w, probe *pr, fdi_error *err)
{
    pr->lo = 0;
    pr->hi = 3;
    pr->use_p = strncmp(w->seek, "p_target=", 9) == 0;
    if ((!pr->use_p && strncmp(w->seek, "forecast=", 9) != 0) ||
        sscanf(w->seek + 9, "%lf", &pr->goal) != 1)
        return fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0,
                             "--seek takes p_target=P or forecast=X, not \"%s\"", w->seek);
    const char *eq = strchr(w->vary, '=');
    size_t nl = eq ? (size_t)(eq - w->vary) : strlen(w->vary);
    if (nl == 0 || nl >= sizeof pr->name ||
        (eq && (sscanf(eq + 1, "%lf:%lf", &pr->lo, &pr->hi) != 2 || !(pr->hi > pr->lo))))
        return fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0,
                             "--vary takes NAME or NAME=LO:HI, not \"%s\"", w->vary);
    memcpy(pr->name, w->vary, nl);
    pr->name[nl] = '\0';
    return FDI_OK;
}

static fdi_status probe_open(const fdi__whatif_run *r, const fdi_scenarios *sc, probe *pr,
                             fdi_error *err)
{
    double v = 0;
    fdi_status st;
    if ((st = fdi_scenarios_with_value(sc, pr->name, &v, 1, &pr->one, err)) != FDI_OK ||
        (st = fdi_whatif_bind(pr->one, r->p, r->first, r->h, r->w->scenarios_file, &pr->w,
                              err)) != FDI_OK)
        return st;
    pr->J = fdi_whatif_count(pr->w);
    pr->x = fdi_whatif_scratch_new(pr->w, r->P);
    pr->res = malloc(pr->J * sizeof *pr->res);
    pr->ab = malloc((2 * r->h * pr->J > 0 ? 2 * r->h * pr->J : 1) * sizeof *pr->ab);
    if (!pr->x || !pr->res || !pr->ab)
        return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    return FDI_OK;
}

/* The goal measure of series s with the varied rows at value v. */
static fdi_status measure_at(const fdi__whatif_run *r, probe *pr, double v, size_t s,
                             double *out, fdi_error *err)
{
    const fdi_yearend *ye = fdi__whatif_yearend(r, s);
    fdi_scenarios_set_value(pr->one, fdi_scenarios_count(pr->one) - 1, v);
    if (fdi_whatif_eval(pr->w, s, fdi__whatif_paths(r, s), r->P, ye->ytd, ye->widen, ye->nonneg,
                        fdi_plans_goal(&r->plans, s), pr->x, pr->res) != FDI_OK)
        return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    fdi__whatif_recentre(r, pr->w, s, pr->res, pr->J, pr->ab, pr->ab + r->h * pr->J);
    *out = pr->use_p ? pr->res[pr->J - 1].p_target : pr->res[pr->J - 1].mean;
    return FDI_OK;
}

/* found: the reaching value (NaN: none in the range); flo, fhi: the
 * measure at the range's ends. */
static fdi_status seek_series(const fdi__whatif_run *r, probe *pr, size_t s, double *flo,
                              double *fhi, double *found, fdi_error *err)
{
    fdi_status st;
    if ((st = measure_at(r, pr, pr->lo, s, flo, err)) != FDI_OK ||
        (st = measure_at(r, pr, pr->hi, s, fhi, err)) != FDI_OK)
        return st;
    int at_lo = *flo >= pr->goal, at_hi = *fhi >= pr->goal;
    *found = at_lo ? pr->lo : at_hi ? pr->hi : (double)NAN;
    if (at_lo == at_hi)
        return FDI_OK; /* reached across the range, or nowhere in it */
    double a = pr->lo, b = pr->hi; /* reached at b (increasing) or at a */
    for (int it = 0; it < 60 && b - a > 1e-9 * (fabs(b) + 1); it++) {
        double mid = 0.5 * (a + b), fm = 0;
        if ((st = measure_at(r, pr, mid, s, &fm, err)) != FDI_OK)
            return st;
        if ((fm >= pr->goal) == at_hi)
            b = mid;
        else
            a = mid;
    }
    *found = at_hi ? b : a;
    return FDI_OK;
}

/* Whether any series has a target or plan (the goal p_target is of). */
static int any_goal(const fdi__whatif_run *r)
{
    for (size_t s = 0; s < r->S; s++)
        if (!isnan(fdi_plans_goal(&r->plans, s)))
            return 1;
    return 0;
}

/* One row of the answer: the value found, the goal measure there, a note. */
static fdi_status seek_row(const fdi__whatif_run *r, probe *pr, fdi_table *tab, size_t s,
                           int c, fdi_error *err)
{
    double flo, fhi, found, at;
    char v[64], note[1024] = "", fc_note[512];
    long row = fdi_table_add_row(tab);
    fdi_status st = seek_series(r, pr, s, &flo, &fhi, &found, err);
    if (st != FDI_OK)
        return st;
    if (fdi_table_set_text(tab, row, 0, pr->name) || fdi__ask_key_cells(tab, row, 1, r->p, s))
        return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    if (pr->use_p && isnan(fdi_plans_goal(&r->plans, s)))
        snprintf(note, sizeof note, "no target or plan for this series: no p_target to reach");
    else if (flo >= pr->goal && fhi >= pr->goal)
        snprintf(note, sizeof note, "the goal is reached across the range; "
                                    "the low end already does");
    else if (isnan(found))
        snprintf(note, sizeof note, "no value in %g..%g reaches %s %g", pr->lo, pr->hi,
                 pr->use_p ? "p_target" : "forecast", pr->goal);
    fdi_fc_panel_note(r->fc, s, fc_note, sizeof fc_note); /* the forecast's caveats */
    size_t w = strlen(note);
    if (*fc_note)
        snprintf(note + w, sizeof note - w, "%s%s", w ? "; " : "", fc_note);
    fdi__ask_rejected_note(r->p, note, sizeof note); /* rows --lenient left out */
    if (isnan(found)) {
        fdi_table_set_text(tab, row, c, "");
        fdi_table_set_num(tab, row, c + 1, fmax(flo, fhi));
    } else {
        snprintf(v, sizeof v, "%.6g", found);
        fdi_table_set_text(tab, row, c, v);
        if ((st = measure_at(r, pr, found, s, &at, err)) != FDI_OK) /* the measure there */
            return st;
        fdi_table_set_num(tab, row, c + 1, at);
    }
    return fdi_table_set_text(tab, row, c + 2, note)
               ? fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory")
               : FDI_OK;
}

fdi_status fdi__whatif_seek(const fdi__whatif_run *r, const fdi_scenarios *sc,
                            fdi_table **out, fdi_error *err)
{
    probe pr;
    fdi_table *tab = NULL;
    memset(&pr, 0, sizeof pr);
    fdi_status st = parse_request(r->w, &pr, err);
    if (st == FDI_OK && pr.use_p && !any_goal(r))
        st = fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0,
                           "--seek %s: p_target is the chance of reaching a goal, and no series "
                           "has one: give --target X or --plan", r->w->seek);
    if (st == FDI_OK)
        st = probe_open(r, sc, &pr, err);
    if (st == FDI_OK && !(tab = fdi_table_create()))
        st = fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    int c = -1;
    if (st == FDI_OK) {
        c = fdi_table_add_column(tab, "vary", FDI_COL_TEXT);
        c = c < 0 ? c : fdi__ask_key_columns(tab, r->p, 0);
        c = c < 0 ? c : fdi_table_add_column(tab, "value", FDI_COL_TEXT);
        if (c >= 0 && (fdi_table_add_column(tab, pr.use_p ? "p_target" : "forecast",
                                            pr.use_p ? FDI_COL_PROBABILITY : FDI_COL_AMOUNT) < 0 ||
                       fdi_table_add_column(tab, "note", FDI_COL_TEXT) < 0))
            c = -1;
        if (c < 0)
            st = fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    }
    for (size_t s = 0; st == FDI_OK && s < r->S; s++)
        st = seek_row(r, &pr, tab, s, c, err);
    probe_close(&pr);
    if (st != FDI_OK) {
        fdi_table_destroy(tab);
        return st;
    }
    *out = tab;
    return FDI_OK;
}
