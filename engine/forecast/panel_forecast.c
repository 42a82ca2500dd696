/* panel_forecast.c - the year-end forecast of every series of a panel: one
 * options struct (defaults and validation here, once) for every question
 * that forecasts, each series fitted on its history to as-of and simulated
 * with the same seed, its plan's goal as the target. */
#include "forecast/panel_internal.h"
#include "measures/ask_internal.h"
#include "fdi/parse.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct fdi_fc_panel {
    size_t S, P, h;      /* series, paths, months left */
    long last;           /* the panel row of as-of */
    fdi_yearend *ye;     /* S */
    fdi_status *st;      /* S */
    char **msg;          /* S: why a series has no forecast (NULL: it has) */
    double *paths;       /* S x P x h when kept, else NULL */
};

fdi_fc_options fdi_fc_options_default(void)
{
    fdi_fc_options o;
    memset(&o, 0, sizeof o);
    o.method = FDI_FC_AUTO;
    o.k_years = 3;
    o.ets_model = "ZZZ";
    o.calibrate = 1;
    o.levels[0] = 80;
    o.levels[1] = 95;
    o.nlevels = 2;
    o.paths = 5000;
    o.seed = 42;
    return o;
}

fdi_status fdi_fc_options_check(const fdi_fc_options *o, fdi_error *err)
{
    if ((int)o->method < 0 || o->method >= FDI_FC_NMETHODS)
        return fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0, "unknown forecast method");
    if (o->k_years < 1 || o->k_years > 50)
        return fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0,
                             "k_years takes 1 to 50 past years, not %d", o->k_years);
    if (o->nlevels < 1 || o->nlevels > 4)
        return fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0,
                             "one to four interval levels, not %d", o->nlevels);
    for (int k = 0; k < o->nlevels; k++)
        if (o->levels[k] < 50 || o->levels[k] > 99)
            return fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0,
                                 "interval levels lie between 50 and 99, not %d", o->levels[k]);
    if (o->paths < 100 || o->paths > 10000000)
        return fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0,
                             "paths takes 100 to 10000000 sample paths, not %zu", o->paths);
    if (!o->ets_model || strlen(o->ets_model) < 3 || strlen(o->ets_model) > 4)
        return fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0,
                             "ets_model takes three or four letters (ZZZ, ANN, AAdN, MAM)");
    return FDI_OK;
}

fdi_fc_config fdi__fc_options_config(const fdi_fc_options *o, int m, int pos)
{
    fdi_fc_config c = fdi_fc_config_default(m, pos);
    c.k_years = o->k_years;
    c.ets_model = o->ets_model;
    c.calibrate = o->calibrate;
    c.nlevels = o->nlevels;
    memcpy(c.levels, o->levels, sizeof c.levels);
    return c;
}

long fdi__fc_months_left(const fdi_panel *p, int32_t as_of)
{
    long last = fdi_panel_row(p, as_of);
    if (last < 0)
        return -1;
    return fdi_panel_freq(p) - fdi_panel_position(p, (size_t)last);
}

void fdi_fc_panel_destroy(fdi_fc_panel *r)
{
    if (!r)
        return;
    for (size_t s = 0; r->msg && s < r->S; s++)
        free(r->msg[s]);
    free(r->msg);
    free(r->ye);
    free(r->st);
    free(r->paths);
    free(r);
}

static fdi_fc_panel *panel_alloc(size_t S, size_t P, size_t h, int keep)
{
    fdi_fc_panel *r = calloc(1, sizeof *r);
    size_t n = S ? S : 1;
    if (!r)
        return NULL;
    r->S = S;
    r->P = P;
    r->h = h;
    r->ye = calloc(n, sizeof *r->ye);
    r->st = calloc(n, sizeof *r->st);
    r->msg = calloc(n, sizeof *r->msg);
    if (keep && h && P && S)
        r->paths = malloc(S * P * h * sizeof *r->paths);
    if (!r->ye || !r->st || !r->msg || (keep && h && P && S && !r->paths)) {
        fdi_fc_panel_destroy(r);
        return NULL;
    }
    return r;
}

/* Fit and simulate series s; a failure other than memory stays with it. */
static fdi_status run_series(fdi_fc_panel *r, const fdi_panel *p, size_t s, size_t last,
                             const fdi_fc_config *c, const fdi_fc_options *o, double goal,
                             double *y, fdi_error *err)
{
    fdi_error e;
    memset(&e, 0, sizeof e);
    fdi_panel_history(p, s, last, y);
    double *keep = r->paths ? r->paths + s * r->P * r->h : NULL;
    fdi_status st = fdi_fc_yearend_paths(o->method, y, last + 1, c, goal, o->paths, o->seed,
                                         keep, &r->ye[s], &e);
    r->st[s] = st;
    if (st == FDI_ENOMEM) {
        if (err)
            *err = e;
        return st;
    }
    if (st != FDI_OK) {
        r->msg[s] = malloc(strlen(e.message) + 1);
        if (!r->msg[s])
            return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
        strcpy(r->msg[s], e.message);
    }
    return FDI_OK;
}

fdi_status fdi_fc_panel_run(const fdi_panel *p, int32_t as_of, const fdi_plans *plans,
                            const fdi_fc_options *o, int keep_paths, fdi_fc_panel **out,
                            fdi_error *err)
{
    size_t S = fdi_panel_nseries(p);
    long last = fdi_panel_row(p, as_of), left = fdi__fc_months_left(p, as_of);
    fdi_status st;
    *out = NULL;
    if ((st = fdi_fc_options_check(o, err)) != FDI_OK)
        return st;
    if (last < 0)
        return fdi_error_set(err, FDI_ENODATA, NULL, 0, 0, "the --as-of period is outside the data");
    fdi_fc_panel *r = panel_alloc(S, o->paths, (size_t)left, keep_paths);
    double *y = malloc(((size_t)last + 1) * sizeof *y);
    if (!r || !y) {
        free(y);
        fdi_fc_panel_destroy(r);
        return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0,
                             "out of memory for %zu series x %zu paths", S, o->paths);
    }
    r->last = last;
    fdi_fc_config c = fdi__fc_options_config(o, fdi_panel_freq(p),
                                             fdi_panel_position(p, (size_t)last));
    for (size_t s = 0; s < S && st == FDI_OK; s++) {
        if (o->progress)
            o->progress(o->progress_ctx, s, S);
        double goal = plans ? fdi_plans_goal(plans, s) : (double)NAN;
        st = run_series(r, p, s, (size_t)last, &c, o, goal, y, err);
    }
    free(y);
    if (st != FDI_OK) {
        fdi_fc_panel_destroy(r);
        return st;
    }
    *out = r;
    return FDI_OK;
}

size_t fdi_fc_panel_nseries(const fdi_fc_panel *r) { return r->S; }
long fdi__fc_panel_last(const fdi_fc_panel *r) { return r->last; }
size_t fdi_fc_panel_npaths(const fdi_fc_panel *r) { return r->P; }

fdi_status fdi_fc_panel_result(const fdi_fc_panel *r, size_t s, const fdi_yearend **ye,
                               fdi_error *err)
{
    if (ye)
        *ye = &r->ye[s];
    if (r->st[s] != FDI_OK)
        return fdi_error_set(err, r->st[s], NULL, 0, 0, "%s", r->msg[s] ? r->msg[s] : "");
    return FDI_OK;
}

const double *fdi_fc_panel_paths(const fdi_fc_panel *r, size_t s)
{
    return r->paths && r->st[s] == FDI_OK ? r->paths + s * r->P * r->h : NULL;
}

void fdi_fc_panel_note(const fdi_fc_panel *r, size_t s, char *buf, size_t size)
{
    const fdi_yearend *ye = &r->ye[s];
    if (!size)
        return;
    if (r->st[s] != FDI_OK) {
        snprintf(buf, size, "%s", r->msg[s] ? r->msg[s] : "");
        return;
    }
    fdi_fc_notes_text(ye->notes, buf, size);
    if (ye->widen > 1.005) {
        size_t len = strlen(buf);
        if (len < size)
            snprintf(buf + len, size - len, "%sintervals widened x%.2f to cover past years",
                     len ? "; " : "", ye->widen);
    }
}
