/* panel_forecast.c - the year-end forecast of every series of a panel: one
 * options struct (defaults and validation here, once) for every question
 * that forecasts, each series fitted on its history to as-of and simulated
 * with the same seed, its plan's goal as the target. */
#include "forecast/fc_internal.h"
#include "forecast/panel_internal.h"
#include "forecast/shard_internal.h"
#include "measures/ask_internal.h"
#include "fdi/parse.h"
#include "base/two_threads.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct fdi_fc_panel {
    size_t S, P, h;      /* series, paths, months left */
    long last;           /* the panel row of as-of */
    int nlevels;         /* the interval levels asked, for the note */
    int levels[4];
    fdi_yearend *ye;     /* S */
    fdi_status *st;      /* S */
    char **msg;          /* S: why a series has no forecast (NULL: it has) */
    double *paths;       /* S x P x h when kept, else NULL */
    int partial;         /* a rank's own series only (fdi/shard.h) */
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
    o.threads = 2;
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
    for (int k = 0; k < o->nlevels; k++) {
        if (o->levels[k] < 50 || o->levels[k] > 99)
            return fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0,
                                 "interval levels lie between 50 and 99, not %d", o->levels[k]);
        for (int j = 0; j < k; j++) /* lo80,hi80 twice: a csv/json with two same names */
            if (o->levels[j] == o->levels[k])
                return fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0,
                                     "interval level %d is named twice", o->levels[k]);
    }
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

/* --ytd input: months the cumulative figures skip (2021-04 between
 * March's 7,222.68 and May's 8,827.66) have no flow of their own, but the
 * figures around them fix their sum, which is spread evenly over them and
 * the month after, so every year to date is the published cumulative
 * figure (what `fdi ytd` gives).  A gap at the start of a fiscal year is
 * bridged from 0 once the series has begun, or in the as-of year (whose
 * year to date the forecast starts from).  Returns 1 when it spread any. */
static int bridge_cumulative(const fdi_panel *p, size_t s, size_t last, double *y)
{
    int spread = 0, begun = 0;
    size_t ys = 0, from = 0;   /* the year's start; first month after a figure */
    size_t ys_last = last + 1 - (size_t)fdi_panel_position(p, last);
    double base = 0;           /* the last figure this year (0 at its start) */
    for (size_t t = 0; t <= last; t++) {
        if (fdi_panel_position(p, t) == 1) {
            ys = from = t;
            base = 0;
        }
        double c = fdi_panel_cum(p, t)[s];
        if (isnan(c))
            continue;
        if (t > from && (begun || ys == ys_last)) {
            for (size_t u = from; u <= t; u++)
                y[u] = (c - base) / (double)(t - from + 1);
            spread = 1;
        }
        begun = 1;
        base = c;
        from = t + 1;
    }
    return spread;
}

/* Why series s has no year to date to start from, or FDI_OK. */
static fdi_status start_point(const fdi_panel *p, size_t s, size_t last, fdi_error *e)
{
    char per[16];
    if (!fdi_panel_is_ytd(p) || !isnan(fdi_panel_cum(p, last)[s]))
        return FDI_OK;
    fdi_period_format(fdi_panel_period(p, last), fdi_panel_freq(p), per, sizeof per);
    return fdi_error_set(e, FDI_ENODATA, NULL, 0, 0,
                         "the cumulative figure for %s has no value: no year to date to "
                         "start from",
                         per);
}

/* Fit and simulate series s; a failure other than memory stays with it,
 * the row keeping the year to date `fdi ytd` gives (NaN when incomplete). */
static fdi_status run_series(fdi_fc_panel *r, const fdi_panel *p, size_t s, size_t last,
                             const fdi_fc_config *c, const fdi_fc_options *o, double goal,
                             double *y, fdi_error *err)
{
    fdi_error e;
    memset(&e, 0, sizeof e);
    fdi_panel_history(p, s, last, y);
    int spread = fdi_panel_is_ytd(p) && bridge_cumulative(p, s, last, y);
    double *keep = r->paths ? r->paths + s * r->P * r->h : NULL;
    fdi_status st = start_point(p, s, last, &e);
    if (st == FDI_OK)
        st = fdi_fc_yearend_paths(o->method, y, last + 1, c, goal, o->paths, o->seed, keep,
                                  &r->ye[s], &e);
    r->st[s] = st;
    if (st == FDI_ENOMEM) {
        if (err)
            *err = e;
        return st;
    }
    if (st == FDI_OK && spread)
        r->ye[s].notes |= FDI_FC_NOTE_SPREAD;
    if (st != FDI_OK) {
        r->ye[s].ytd = fdi_panel_missing(p, last)[s] ? (double)NAN : fdi_panel_cum(p, last)[s];
        r->msg[s] = malloc(strlen(e.message) + 1);
        if (!r->msg[s])
            return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
        strcpy(r->msg[s], e.message);
    }
    return FDI_OK;
}

/* The series of this process's share (fdi/shard.h), each on lane 0 or 1
 * of fdi__strided_run: each series writes only its own slots of r. */
typedef struct {
    fdi_fc_panel *r;
    const fdi_panel *p;
    const fdi_plans *plans;
    const fdi_fc_options *o;
    const fdi_fc_config *c;
    const fdi__shard *x;
    size_t last;
    double *y[2]; /* each lane's history buffer */
} series_run;

static fdi_status run_item(void *ctx, int lane, size_t s, fdi_error *err)
{
    const series_run *h = ctx;
    size_t S = fdi_panel_nseries(h->p);
    if (!fdi__shard_mine(h->x, s))
        return FDI_OK;
    if (h->o->progress && lane == 0) /* one thread draws the bar */
        h->o->progress(h->o->progress_ctx, s, S);
    double goal = h->plans ? fdi_plans_goal(h->plans, s) : (double)NAN;
    return run_series(h->r, h->p, s, h->last, h->c, h->o, goal, h->y[lane], err);
}

fdi_status fdi__fc_panel_run_mine(const fdi_panel *p, int32_t as_of, const fdi_plans *plans,
                                  const fdi_fc_options *o, int keep_paths, fdi__shard *x,
                                  fdi_fc_panel **out, fdi_error *err)
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
    r->nlevels = o->nlevels;
    memcpy(r->levels, o->levels, sizeof r->levels);
    r->partial = fdi__shard_on(x);
    fdi_fc_config c = fdi__fc_options_config(o, fdi_panel_freq(p),
                                             fdi_panel_position(p, (size_t)last));
    series_run h = {r, p, plans, o, &c, x, (size_t)last, {y, NULL}};
    int two = o->threads >= 2 && S >= 4;
    if (two && !(h.y[1] = malloc(((size_t)last + 1) * sizeof *h.y[1])))
        two = 0; /* one thread, then */
    /* the first series that failed, as one thread running them in order
     * would have stopped at */
    size_t fail;
    if ((st = fdi__strided_run(S, two, run_item, &h, &fail, err)) != FDI_OK)
        x->fail_s = fail;
    free(h.y[1]);
    free(y);
    if (st != FDI_OK) {
        fdi_fc_panel_destroy(r);
        return st;
    }
    *out = r;
    return FDI_OK;
}

/* One series' result as it travels to rank 0 (its message beside it). */
typedef struct {
    fdi_yearend ye;
    fdi_status st;
} series_record;

static fdi_status take_series(void *ctx, size_t s, const unsigned char *a, size_t alen,
                              const unsigned char *b, size_t blen, fdi_error *err)
{
    fdi_fc_panel *r = ctx;
    series_record rec;
    if (s >= r->S || alen != sizeof rec)
        return fdi_error_set(err, FDI_EIO, NULL, 0, 0, "a series' result arrived damaged");
    memcpy(&rec, a, sizeof rec);
    r->ye[s] = rec.ye;
    r->st[s] = rec.st;
    if (rec.st != FDI_OK) {
        free(r->msg[s]);
        if (!(r->msg[s] = malloc(blen + 1)))
            return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
        memcpy(r->msg[s], b, blen);
        r->msg[s][blen] = '\0';
    }
    return FDI_OK;
}

fdi_status fdi__fc_panel_gather(fdi_fc_panel *r, fdi__shard *x, fdi_status st, fdi_error *err)
{
    for (size_t s = 0; r && st == FDI_OK && !fdi__shard_root(x) && s < r->S; s++) {
        if (!fdi__shard_mine(x, s))
            continue;
        series_record rec;
        memset(&rec, 0, sizeof rec);
        rec.ye = r->ye[s];
        rec.st = r->st[s];
        const char *msg = r->msg[s] ? r->msg[s] : "";
        st = fdi__shard_put(x, s, &rec, sizeof rec, msg, strlen(msg), err);
    }
    st = fdi__shard_gather(x, st, take_series, r, err);
    if (r && fdi__shard_root(x))
        r->partial = 0;
    return st;
}

fdi_status fdi_fc_panel_run(const fdi_panel *p, int32_t as_of, const fdi_plans *plans,
                            const fdi_fc_options *o, int keep_paths, fdi_fc_panel **out,
                            fdi_error *err)
{
    fdi__shard x;
    fdi_status st = fdi__shard_begin(&x, o->shard, p, fdi_panel_row(p, as_of), 1, err);
    *out = NULL;
    if (st != FDI_OK)
        return st;
    /* paths stay where they were drawn: only one series' (rank 0's) */
    if (keep_paths && fdi__shard_on(&x) && fdi_panel_nseries(p) > 1) {
        fdi__shard_end(&x);
        return fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0,
                             "kept paths cannot be gathered from several processes");
    }
    st = fdi__fc_panel_run_mine(p, as_of, plans, o, keep_paths, &x, out, err);
    st = fdi__fc_panel_gather(*out, &x, st, err);
    fdi__shard_end(&x);
    if (st != FDI_OK) {
        fdi_fc_panel_destroy(*out);
        *out = NULL;
    }
    return st;
}

int fdi__fc_panel_partial(const fdi_fc_panel *r) { return r->partial; }

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

/* The factor each asked level other than 80 and 95 was scaled by (levels
 * between them interpolate, fdi__fc_tail_factor), appended to the note's
 * "(95%: x..." so a --level 90 reader sees the factor of the interval shown;
 * returns the new length. */
static size_t level_factors(const fdi_fc_panel *r, const fdi_yearend *ye, char *buf, size_t size,
                            size_t len)
{
    for (int k = 0; k < r->nlevels && len < size; k++) {
        int l = r->levels[k];
        if (l == 80 || l == 95)
            continue;
        double f = ye->widen * fdi__fc_tail_factor(ye, l);
        len += (size_t)snprintf(buf + len, size - len, ", %d%%: x%.2f", l, f);
    }
    return len;
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
    size_t len = strlen(buf);
    /* no months left (the year observed whole): no interval was scaled */
    if (len < size && ye->left > 0 &&
        (fabs(ye->widen - 1) > 0.005 || fabs(ye->widen95 - 1) > 0.005))
    {
        len += (size_t)snprintf(buf + len, size - len, "%sintervals %s x%.2f (95%%: x%.2f",
                                len ? "; " : "", ye->widen >= 1 ? "widened" : "narrowed",
                                ye->widen, ye->widen95);
        len = level_factors(r, ye, buf, size, len);
        if (len < size)
            snprintf(buf + len, size - len, ") to past years' errors");
    }
}
