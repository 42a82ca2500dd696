/* cmd_whatif.c - `fdi whatif`: every scenario of a scenario file on every
 * series' year-end forecast, in one batched evaluation; --sweep expands a
 * scenario into a grid, --seek finds the value that reaches a goal. */
#include "cli.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Everything one run needs: the panel, each series' simulated paths. */
typedef struct {
    cli_options *o;
    fdi_panel *p;
    size_t S, h, P;
    int32_t first;
    double *paths;          /* S x (P x h) */
    fdi_yearend *ye;        /* S */
    double *plan, *target;  /* S */
} run_ctx;

static double goal_target(const run_ctx *r, size_t s)
{
    return !isnan(r->target[s]) ? r->target[s] : r->plan[s];
}

/* Simulate every series once; scenarios then only re-weight the paths. */
static int simulate_all(run_ctx *r)
{
    long last = fdi_panel_row(r->p, r->o->as_of);
    if (last < 0 || fdi_panel_freq(r->p) != 12) {
        fprintf(stderr, "fdi whatif: needs monthly data and an --as-of inside it\n");
        return EXIT_USAGE;
    }
    int pos = fdi_panel_position(r->p, (size_t)last);
    r->h = (size_t)(12 - pos);
    r->first = r->o->as_of + 1;
    if (r->h == 0) {
        fprintf(stderr, "fdi whatif: the year is complete at --as-of; no month left "
                        "for a scenario to change\n");
        return EXIT_COMPUTE;
    }
    double *y = malloc(((size_t)last + 1) * sizeof *y);
    r->paths = malloc(r->S * r->P * r->h * sizeof *r->paths);
    r->ye = calloc(r->S, sizeof *r->ye);
    if (!y || !r->paths || !r->ye) {
        free(y);
        fprintf(stderr, "fdi whatif: out of memory for %zu series x %zu paths\n", r->S, r->P);
        return EXIT_COMPUTE;
    }
    fdi_fc_config c = fdi_fc_config_default(12, pos);
    c.k_years = r->o->k_years;
    c.ets_model = r->o->ets_model;
    c.calibrate = !r->o->no_calibrate;
    fdi_fc_method method = r->o->nmethods ? r->o->methods[0] : FDI_FC_AUTO;
    cli_progress_begin(r->o, "simulating");
    for (size_t s = 0; s < r->S; s++) {
        fdi_error err = {0};
        cli_progress(s, r->S);
        cli_series_history(r->p, s, (size_t)last, y);
        fdi_status st = fdi_fc_yearend_paths(method, y, (size_t)last + 1, &c,
                                             goal_target(r, s), r->P, r->o->seed,
                                             r->paths + s * r->P * r->h, &r->ye[s], &err);
        if (st != FDI_OK) {
            free(y);
            cli_progress_end();
            fprintf(stderr, "fdi whatif: series %zu (%s): ", s + 1, fdi_panel_measure(r->p, s));
            return cli_fail(st, &err);
        }
    }
    free(y);
    cli_progress_end();
    return 0;
}

/* Evaluate the scenarios sc into res (S x J): on every series, or on series
 * `only` alone (SIZE_MAX: all). */
/* Bind the scenario rows to the panel (every row's error, by file, line
 * and column), and no more. */
static int check_rows(const run_ctx *r, const fdi_scenarios *sc)
{
    fdi_error err = {0};
    fdi_whatif *w;
    fdi_status st = fdi_whatif_bind(sc, r->p, r->first, r->h, r->o->scenarios_file, &w, &err);
    if (st != FDI_OK)
        return cli_fail(st, &err);
    fdi_whatif_free(w);
    return 0;
}

static int evaluate(const run_ctx *r, const fdi_scenarios *sc, fdi_whatif **wout,
                    fdi_whatif_result **res)
{
    fdi_error err = {0};
    fdi_whatif *w;
    fdi_status st = fdi_whatif_bind(sc, r->p, r->first, r->h, r->o->scenarios_file, &w, &err);
    if (st != FDI_OK)
        return cli_fail(st, &err);
    size_t J = fdi_whatif_count(w);
    fdi_whatif_scratch *x = fdi_whatif_scratch_new(w, r->P);
    *res = malloc(r->S * J * sizeof **res);
    if (!x || !*res) {
        fdi_whatif_scratch_free(x);
        fdi_whatif_free(w);
        free(*res);
        *res = NULL;
        fprintf(stderr, "fdi whatif: out of memory for %zu scenarios\n", J);
        return EXIT_COMPUTE;
    }
    for (size_t s = 0; s < r->S; s++)
        fdi_whatif_eval(w, s, r->paths + s * r->P * r->h, r->P, r->ye[s].ytd, r->ye[s].widen,
                        goal_target(r, s), x, *res + s * J);
    fdi_whatif_scratch_free(x);
    *wout = w;
    return 0;
}

static int emit_results(const run_ctx *r, const fdi_whatif *w, const fdi_whatif_result *res)
{
    size_t J = fdi_whatif_count(w), nd = fdi_panel_ndims(r->p);
    fdi_table *tab = fdi_table_create();
    int c[12];
    if (!tab)
        return EXIT_COMPUTE;
    c[0] = fdi_table_add_column(tab, "scenario", FDI_COL_TEXT);
    for (size_t d = 0; d < nd; d++)
        fdi_table_add_column(tab, fdi_panel_dim_name(r->p, d), FDI_COL_TEXT);
    fdi_table_add_column(tab, cli_measure_column(r->p), FDI_COL_TEXT);
    c[1] = fdi_table_add_column(tab, "forecast", FDI_COL_AMOUNT);
    c[2] = fdi_table_add_column(tab, "change", FDI_COL_AMOUNT);
    c[3] = fdi_table_add_column(tab, "lo80", FDI_COL_AMOUNT);
    c[4] = fdi_table_add_column(tab, "hi80", FDI_COL_AMOUNT);
    c[5] = fdi_table_add_column(tab, "target", FDI_COL_AMOUNT);
    c[6] = fdi_table_add_column(tab, "p_target", FDI_COL_PROBABILITY);
    c[7] = fdi_table_add_column(tab, "plan", FDI_COL_AMOUNT);
    c[8] = fdi_table_add_column(tab, "pct_of_plan", FDI_COL_PERCENT);
    c[9] = fdi_table_add_column(tab, "overshoot_pct", FDI_COL_SIGNED_PERCENT);
    for (size_t j = 0; j < J; j++)
        for (size_t s = 0; s < r->S; s++) {
            const fdi_whatif_result *x = &res[s * J + j];
            long row = fdi_table_add_row(tab);
            double pl = r->plan[s];
            fdi_table_set_text(tab, row, c[0], fdi_whatif_name(w, j));
            for (size_t d = 0; d < nd; d++)
                fdi_table_set_text(tab, row, (int)d + 1, fdi_panel_label(r->p, s, d));
            fdi_table_set_text(tab, row, (int)nd + 1, fdi_panel_measure(r->p, s));
            fdi_table_set_num(tab, row, c[1], x->mean);
            fdi_table_set_num(tab, row, c[2], x->change);
            fdi_table_set_num(tab, row, c[3], x->lo80);
            fdi_table_set_num(tab, row, c[4], x->hi80);
            fdi_table_set_num(tab, row, c[5], goal_target(r, s));
            fdi_table_set_num(tab, row, c[6], x->p_target);
            fdi_table_set_num(tab, row, c[7], pl);
            fdi_table_set_num(tab, row, c[8], pl > 0 ? 100.0 * x->mean / pl : (double)NAN);
            fdi_table_set_num(tab, row, c[9], pl > 0 ? 100.0 * x->mean / pl - 100.0 : (double)NAN);
        }
    int rc = cli_emit(tab, r->o->format);
    fdi_table_destroy(tab);
    return rc;
}

/* --sweep NAME=LO:HI:STEP */
static int sweep_values(const char *spec, char *name, size_t nsize, double **vals, size_t *n)
{
    const char *eq = strchr(spec, '=');
    double lo, hi, step;
    char tail;
    if (!eq || (size_t)(eq - spec) >= nsize || eq == spec ||
        sscanf(eq + 1, "%lf:%lf:%lf%c", &lo, &hi, &step, &tail) != 3 || !(step > 0) ||
        !(hi >= lo) || (hi - lo) / step > 1e6)
        return -1;
    memcpy(name, spec, (size_t)(eq - spec));
    name[eq - spec] = '\0';
    *n = (size_t)floor((hi - lo) / step + 1e-9) + 1;
    *vals = malloc(*n * sizeof **vals);
    if (!*vals)
        return -1;
    for (size_t i = 0; i < *n; i++)
        (*vals)[i] = lo + step * (double)i; /* not accumulated: no drift */
    return 0;
}

/* What --seek evaluates: the scenarios with NAME's rows as one scenario,
 * last, bound once; each step sets its value and evaluates one series. */
typedef struct {
    fdi_scenarios *one;
    fdi_whatif *w;
    fdi_whatif_scratch *x;
    fdi_whatif_result *res; /* J */
    size_t J;
} probe;

static void probe_close(probe *pr)
{
    free(pr->res);
    fdi_whatif_scratch_free(pr->x);
    fdi_whatif_free(pr->w);
    fdi_scenarios_free(pr->one);
}

static int probe_open(const run_ctx *r, const fdi_scenarios *sc, const char *name, probe *pr)
{
    fdi_error err = {0};
    double v = 0;
    fdi_status st;
    memset(pr, 0, sizeof *pr);
    if ((st = fdi_scenarios_with_value(sc, name, &v, 1, &pr->one, &err)) != FDI_OK ||
        (st = fdi_whatif_bind(pr->one, r->p, r->first, r->h, r->o->scenarios_file, &pr->w,
                              &err)) != FDI_OK) {
        probe_close(pr);
        return cli_fail(st, &err);
    }
    pr->J = fdi_whatif_count(pr->w);
    pr->x = fdi_whatif_scratch_new(pr->w, r->P);
    pr->res = malloc(pr->J * sizeof *pr->res);
    if (!pr->x || !pr->res) {
        probe_close(pr);
        fprintf(stderr, "fdi whatif: out of memory\n");
        return EXIT_COMPUTE;
    }
    return 0;
}

/* The goal measure of series s with the varied rows at value v. */
static int measure_at(const run_ctx *r, probe *pr, double v, int use_p, size_t s, double *out)
{
    fdi_scenarios_set_value(pr->one, fdi_scenarios_count(pr->one) - 1, v);
    if (fdi_whatif_eval(pr->w, s, r->paths + s * r->P * r->h, r->P, r->ye[s].ytd,
                        r->ye[s].widen, goal_target(r, s), pr->x, pr->res) != FDI_OK) {
        fprintf(stderr, "fdi whatif: out of memory\n");
        return EXIT_COMPUTE;
    }
    *out = use_p ? pr->res[pr->J - 1].p_target : pr->res[pr->J - 1].mean;
    return 0;
}

/* --seek p_target=G (or forecast=G) --vary NAME[=LO:HI]: per series, the
 * value of NAME's rows where the goal starts (or stops) being reached, by
 * bisection on the monotone response (the same sample paths at every
 * value): the interval keeps one end that reaches the goal and one that
 * does not, and the answer is the reaching end. */
static int seek(run_ctx *r, const fdi_scenarios *sc)
{
    char name[128];
    double lo = 0, hi = 3, goal;
    int use_p = strncmp(r->o->seek, "p_target=", 9) == 0;
    if ((!use_p && strncmp(r->o->seek, "forecast=", 9) != 0) ||
        sscanf(r->o->seek + 9, "%lf", &goal) != 1) {
        fprintf(stderr, "fdi whatif: --seek takes p_target=P or forecast=X, not \"%s\"\n",
                r->o->seek);
        return EXIT_USAGE;
    }
    const char *eq = strchr(r->o->vary, '=');
    size_t nl = eq ? (size_t)(eq - r->o->vary) : strlen(r->o->vary);
    if (nl == 0 || nl >= sizeof name ||
        (eq && (sscanf(eq + 1, "%lf:%lf", &lo, &hi) != 2 || !(hi > lo)))) {
        fprintf(stderr, "fdi whatif: --vary takes NAME or NAME=LO:HI, not \"%s\"\n", r->o->vary);
        return EXIT_USAGE;
    }
    memcpy(name, r->o->vary, nl);
    name[nl] = '\0';
    size_t S = r->S;
    probe pr;
    int rc = probe_open(r, sc, name, &pr);
    if (rc)
        return rc;
    double *flo = calloc(3 * S, sizeof *flo);
    if (!flo) {
        probe_close(&pr);
        return EXIT_COMPUTE;
    }
    double *fhi = flo + S, *found = fhi + S;
    for (size_t s = 0; rc == 0 && s < S; s++) {
        rc = measure_at(r, &pr, lo, use_p, s, &flo[s]);
        if (rc == 0)
            rc = measure_at(r, &pr, hi, use_p, s, &fhi[s]);
        if (rc)
            break;
        int at_lo = flo[s] >= goal, at_hi = fhi[s] >= goal;
        found[s] = at_lo ? lo : at_hi ? hi : (double)NAN;
        if (at_lo == at_hi)
            continue; /* reached across the range, or nowhere in it */
        double a = lo, b = hi; /* reached at b (increasing) or at a */
        for (int it = 0; rc == 0 && it < 60 && b - a > 1e-9 * (fabs(b) + 1); it++) {
            double mid = 0.5 * (a + b), fm = 0;
            if ((rc = measure_at(r, &pr, mid, use_p, s, &fm)) != 0)
                break;
            if ((fm >= goal) == at_hi)
                b = mid;
            else
                a = mid;
        }
        found[s] = at_hi ? b : a;
    }
    fdi_table *tab = rc == 0 ? fdi_table_create() : NULL;
    if (rc == 0 && !tab)
        rc = EXIT_COMPUTE;
    if (rc == 0) {
        size_t nd = fdi_panel_ndims(r->p);
        int c0 = fdi_table_add_column(tab, "vary", FDI_COL_TEXT);
        for (size_t d = 0; d < nd; d++)
            fdi_table_add_column(tab, fdi_panel_dim_name(r->p, d), FDI_COL_TEXT);
        fdi_table_add_column(tab, cli_measure_column(r->p), FDI_COL_TEXT);
        int cv = fdi_table_add_column(tab, "value", FDI_COL_TEXT);
        int cg = fdi_table_add_column(tab, use_p ? "p_target" : "forecast",
                                      use_p ? FDI_COL_PROBABILITY : FDI_COL_AMOUNT);
        int cn = fdi_table_add_column(tab, "note", FDI_COL_TEXT);
        for (size_t s = 0; s < S; s++) {
            long row = fdi_table_add_row(tab);
            char v[64], note[160] = "";
            fdi_table_set_text(tab, row, c0, name);
            for (size_t d = 0; d < nd; d++)
                fdi_table_set_text(tab, row, (int)d + 1, fdi_panel_label(r->p, s, d));
            fdi_table_set_text(tab, row, (int)nd + 1, fdi_panel_measure(r->p, s));
            if (flo[s] >= goal && fhi[s] >= goal)
                snprintf(note, sizeof note, "the goal is reached across the range; "
                         "the low end already does");
            else if (isnan(found[s]))
                snprintf(note, sizeof note, "no value in %g..%g reaches %s %g", lo, hi,
                         use_p ? "p_target" : "forecast", goal);
            if (isnan(found[s])) {
                fdi_table_set_text(tab, row, cv, "");
                fdi_table_set_num(tab, row, cg, fmax(flo[s], fhi[s]));
            } else {
                double at;
                snprintf(v, sizeof v, "%.6g", found[s]);
                fdi_table_set_text(tab, row, cv, v);
                /* the goal measure at the value found */
                if (rc == 0 && (rc = measure_at(r, &pr, found[s], use_p, s, &at)) == 0)
                    fdi_table_set_num(tab, row, cg, at);
            }
            fdi_table_set_text(tab, row, cn, note);
        }
        if (rc == 0)
            rc = cli_emit(tab, r->o->format);
    }
    fdi_table_destroy(tab);
    free(flo);
    probe_close(&pr);
    return rc;
}

int cmd_whatif(const cli_options *opts)
{
    cli_options o = *opts;
    run_ctx r;
    fdi_frame *f = NULL;
    fdi_scenarios *sc = NULL, *grid = NULL;
    fdi_whatif *w = NULL;
    fdi_whatif_result *res = NULL;
    fdi_error err = {0};
    double *vals = NULL;
    int rc;

    memset(&r, 0, sizeof r);
    r.o = &o;
    r.P = o.paths;
    if (!o.scenarios_file) {
        fprintf(stderr, "fdi whatif: a scenario file is needed: --scenarios FILE "
                        "(see fdi whatif --help)\n");
        return EXIT_USAGE;
    }
    if (!!o.seek != !!o.vary) {
        fprintf(stderr, "fdi whatif: --seek and --vary go together\n");
        return EXIT_USAGE;
    }
    fdi_status st = fdi_scenarios_read(o.scenarios_file, &sc, &err);
    if (st != FDI_OK)
        return cli_fail(st, &err);
    if ((rc = cli_open(&o, &f, &r.p)) != 0)
        goto out;
    r.S = fdi_panel_nseries(r.p);
    r.plan = malloc(r.S * sizeof *r.plan);
    r.target = malloc(r.S * sizeof *r.target);
    if (!r.plan || !r.target) {
        rc = EXIT_COMPUTE;
        goto out;
    }
    if ((rc = cli_load_plans(&o, r.p, o.as_of, r.plan, r.target)) != 0 ||
        (rc = simulate_all(&r)) != 0)
        goto out;
    if (!o.seek && !o.sweep) {
        if ((rc = evaluate(&r, sc, &w, &res)) != 0)
            goto out;
    } else if ((rc = check_rows(&r, sc)) != 0) { /* a bad row fails before a long run */
        goto out;
    }
    if (o.seek) {
        rc = seek(&r, sc);
        goto out;
    }
    if (o.sweep) {
        char name[128];
        size_t n;
        if (sweep_values(o.sweep, name, sizeof name, &vals, &n) != 0) {
            fprintf(stderr, "fdi whatif: --sweep takes NAME=LO:HI:STEP (STEP > 0, at most "
                            "a million values), not \"%s\"\n",
                    o.sweep);
            rc = EXIT_USAGE;
            goto out;
        }
        if ((st = fdi_scenarios_with_value(sc, name, vals, n, &grid, &err)) != FDI_OK) {
            rc = cli_fail(st, &err);
            goto out;
        }
        if ((rc = evaluate(&r, grid, &w, &res)) != 0)
            goto out;
    }
    rc = emit_results(&r, w, res);
out:
    free(vals);
    free(res);
    fdi_whatif_free(w);
    fdi_scenarios_free(grid);
    fdi_scenarios_free(sc);
    free(r.paths);
    free(r.ye);
    free(r.plan);
    free(r.target);
    fdi_panel_destroy(r.p);
    fdi_frame_destroy(f);
    return rc;
}
