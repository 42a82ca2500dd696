/* ask_backtest.c - the backtest question as a table: each method's past
 * year-end errors at every cut-off month (or its h-step errors) and the
 * coverage of its intervals, summed over every series of the panel. */
#include "forecast/panel_internal.h"
#include "measures/ask_internal.h"
#include "fdi/period.h"
#include "base/two_threads.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const fdi_fc_method default_methods[] = {
    FDI_FC_RUNRATE, FDI_FC_SEASONAL, FDI_FC_SNAIVE,
    FDI_FC_ETS,     FDI_FC_THETA,    FDI_FC_ENSEMBLE};

static void add_row(fdi_table *tab, const char *method, const char *cutoff,
                    const fdi_bt_accum *a)
{
    long r = fdi_table_add_row(tab);
    double n = (double)a->count;
    double fig[] = {n,
                    (double)a->failed,
                    a->n_ape ? a->ape / (double)a->n_ape : (double)NAN,
                    a->count ? a->sape / n : (double)NAN,
                    a->n_ase ? a->ase / (double)a->n_ase : (double)NAN,
                    a->count ? 100.0 * (double)a->in80 / n : (double)NAN,
                    a->count ? 100.0 * (double)a->in95 / n : (double)NAN};
    fdi_table_set_text(tab, r, 0, method);
    fdi_table_set_text(tab, r, 1, cutoff);
    for (int i = 0; i < 7; i++)
        fdi_table_set_num(tab, r, 2 + i, fig[i]);
}

/* The first row of the fiscal year starting in from_year (0: the first). */
static size_t first_scored_row(const fdi_panel *p, int from_year)
{
    size_t from = 0, T = fdi_panel_nperiods(p);
    if (!from_year)
        return 0;
    int32_t start = fdi_period_fiscal_year_start(from_year, fdi_panel_fy_start(p));
    while (from < T && fdi_panel_period(p, from) < start)
        from++;
    return from;
}

/* The sums of one unit of series added to acc (n accumulators). */
static void add_accum(fdi_bt_accum *acc, const fdi_bt_accum *part, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        acc[i].count += part[i].count;
        acc[i].failed += part[i].failed;
        acc[i].ape += part[i].ape;
        acc[i].sape += part[i].sape;
        acc[i].ase += part[i].ase;
        acc[i].n_ape += part[i].n_ape;
        acc[i].n_ase += part[i].n_ase;
        acc[i].in80 += part[i].in80;
        acc[i].in95 += part[i].in95;
    }
}

/* Series are replayed in units of consecutive series (fdi/shard.h), each
 * summed from zero and then added to the total in unit order, in one
 * process as in several: the same additions in the same order. */
typedef struct {
    const fdi_panel *p;
    const fdi_fc_options *o;
    const fdi_backtest_options *b;
    const fdi_fc_method *methods;
    int nm;
    size_t nacc, nunits;
    fdi_bt_accum *units; /* rank 0 of several: nunits x nacc, else NULL */
    fdi__bt_cases *cases; /* b->cases: each unit's forecasts, else NULL */
} replay_run;

/* Replay the series of unit u (x->unit of them) into part (zeroed). */
static fdi_status replay_unit(const replay_run *rr, const fdi__shard *x, size_t u, double *y,
                              int report, fdi_bt_accum *part, fdi_error *err)
{
    const fdi_panel *p = rr->p;
    size_t S = fdi_panel_nseries(p), T = fdi_panel_nperiods(p);
    size_t paths = rr->o->paths == 5000 ? 1000 : rr->o->paths; /* lighter default */
    fdi_fc_config c = fdi__fc_options_config(rr->o, fdi_panel_freq(p), 0);
    int first_pos = fdi_panel_position(p, 0) - 1;
    size_t from = first_scored_row(p, rr->b->from_year);
    const fdi_backtest_options *b = rr->b;
    fdi_status st = FDI_OK;
    fdi__bt_sink sink = {rr->cases ? &rr->cases[u] : NULL, 0};
    memset(part, 0, rr->nacc * sizeof *part);
    for (size_t s = u * x->unit; s < S && s < (u + 1) * x->unit && st == FDI_OK; s++) {
        sink.s = s;
        if (rr->o->progress && report)
            rr->o->progress(rr->o->progress_ctx, s, S);
        fdi_panel_history(p, s, T - 1, y);
        if (b->horizon)
            st = fdi_fc_backtest_horizon(y, T, first_pos, rr->methods, rr->nm, b->horizon, &c,
                                         paths, rr->o->seed, part, err);
        else
            st = fdi__fc_backtest_yearend_each(y, T, first_pos, rr->methods, rr->nm,
                                               b->ncutoffs ? b->cutoffs : NULL, b->ncutoffs,
                                               from, &c, paths, rr->o->seed, part,
                                               sink.list ? fdi__bt_cases_add : NULL, &sink,
                                               err);
    }
    return st;
}

static fdi_status take_unit(void *ctx, size_t u, const unsigned char *a, size_t alen,
                            const unsigned char *b, size_t blen, fdi_error *err)
{
    replay_run *rr = ctx;
    if (u >= rr->nunits || alen != rr->nacc * sizeof *rr->units || (blen && !rr->cases))
        return fdi_error_set(err, FDI_EIO, NULL, 0, 0, "a backtest's sums arrived damaged");
    memcpy(rr->units + u * rr->nacc, a, alen);
    return rr->cases ? fdi__bt_cases_take(&rr->cases[u], b, blen, err) : FDI_OK;
}

/* This rank's units, each on lane 0 or 1 of fdi__strided_run, replayed
 * into its own row of parts (nunits x nacc). */
typedef struct {
    const replay_run *rr;
    const fdi__shard *x;
    fdi_bt_accum *parts;
    double *y[2]; /* each lane's series buffer */
} replay_lanes;

static fdi_status replay_item(void *ctx, int lane, size_t u, fdi_error *err)
{
    const replay_lanes *h = ctx;
    if (!fdi__shard_mine(h->x, u * h->x->unit))
        return FDI_OK;
    return replay_unit(h->rr, h->x, u, h->y[lane], lane == 0, h->parts + u * h->rr->nacc, err);
}

/* This rank's units (on two threads when o->threads asks), then, in unit
 * order: added to acc (one process), kept (rank 0 of several) or put for
 * rank 0.  A failure is the first unit's that failed, as in order. */
static fdi_status replay_mine(replay_run *rr, fdi__shard *x, fdi_bt_accum *acc, fdi_error *err)
{
    size_t nacc = rr->nacc;
    size_t T = fdi_panel_nperiods(rr->p), fail;
    fdi_bt_accum *parts = calloc(rr->nunits ? rr->nunits * nacc : 1, sizeof *parts);
    replay_lanes h = {rr, x, parts, {malloc((T ? T : 1) * sizeof(double)), NULL}};
    int two = rr->o->threads >= 2 && rr->nunits >= 2;
    if (!parts || !h.y[0]) {
        free(parts);
        free(h.y[0]);
        return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    }
    if (two && !(h.y[1] = malloc((T ? T : 1) * sizeof(double))))
        two = 0; /* one thread, then */
    fdi_error ferr = {0};
    fdi_status fst = fdi__strided_run(rr->nunits, two, replay_item, &h, &fail, &ferr);
    free(h.y[0]);
    free(h.y[1]);
    fdi_status st = FDI_OK;
    for (size_t u = 0; u < rr->nunits && st == FDI_OK; u++) {
        if (!fdi__shard_mine(x, u * x->unit))
            continue;
        if (u == fail) {
            st = fst;
            x->fail_s = u * x->unit;
            if (err)
                *err = ferr;
        } else if (!fdi__shard_on(x)) {
            add_accum(acc, parts + u * nacc, nacc);
        } else if (rr->units) {
            memcpy(rr->units + u * nacc, parts + u * nacc, nacc * sizeof *parts);
        } else {
            const fdi__bt_cases *l = rr->cases ? &rr->cases[u] : NULL;
            st = fdi__shard_put(x, u, parts + u * nacc, nacc * sizeof *parts,
                                l ? l->rows : NULL, l ? l->n * sizeof *l->rows : 0, err);
        }
    }
    free(parts);
    return st;
}

/* Replay every series into acc (nm methods x (m + 1) cut-offs), with
 * b->cases each unit's forecasts into *cases (*ncases lists, the
 * caller's: fdi__bt_cases_free); *here 0 on a rank other than 0 of
 * several. */
static fdi_status replay(const fdi_panel *p, const fdi_fc_options *o,
                         const fdi_backtest_options *b, const fdi_fc_method *methods, int nm,
                         fdi_bt_accum *acc, fdi__bt_cases **cases, size_t *ncases, int *here,
                         fdi_error *err)
{
    size_t S = fdi_panel_nseries(p), nacc = (size_t)nm * ((size_t)fdi_panel_freq(p) + 1);
    replay_run rr = {p, o, b, methods, nm, nacc, 0, NULL, NULL};
    fdi__shard x;
    fdi_status st = fdi__shard_begin(&x, o->shard, p, (long)fdi_panel_nperiods(p) - 1,
                                     S > 1024 ? (S + 1023) / 1024 : 1, err);
    if (st != FDI_OK)
        return st;
    rr.nunits = (S + x.unit - 1) / x.unit;
    *here = fdi__shard_root(&x);
    if (fdi__shard_on(&x) && *here &&
        !(rr.units = calloc(rr.nunits ? rr.nunits * nacc : 1, sizeof *rr.units)))
        st = fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    if (st == FDI_OK && b->cases && !b->horizon &&
        !(rr.cases = calloc(rr.nunits ? rr.nunits : 1, sizeof *rr.cases)))
        st = fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    if (st == FDI_OK)
        st = replay_mine(&rr, &x, acc, err);
    st = fdi__shard_gather(&x, st, take_unit, &rr, err);
    for (size_t u = 0; st == FDI_OK && rr.units && u < rr.nunits; u++)
        add_accum(acc, rr.units + u * nacc, nacc);
    free(rr.units);
    fdi__shard_end(&x);
    *cases = rr.cases;
    *ncases = rr.cases ? rr.nunits : 0;
    return st;
}

/* One row per method and cut-off with forecasts, and its "all" row (tab
 * NULL: none); the forecasts scored. */
static size_t add_rows(fdi_table *tab, const fdi_backtest_options *b,
                       const fdi_fc_method *methods, int nm, int m, const fdi_bt_accum *acc)
{
    if (!tab) { /* only the count */
        size_t scored = 0;
        for (int k = 0; k < nm; k++)
            scored += acc[(size_t)k * ((size_t)m + 1)].count;
        return scored;
    }
    size_t scored = 0, per_method = (size_t)m + 1;
    char cut[16];
    for (int k = 0; k < nm; k++) {
        const char *name = fdi_fc_method_name(methods[k]);
        if (b->horizon) {
            snprintf(cut, sizeof cut, "1-%d", b->horizon);
            add_row(tab, name, cut, &acc[k]);
            scored += acc[k].count;
            continue;
        }
        const fdi_bt_accum *a = &acc[(size_t)k * per_method];
        scored += a->count;
        for (int ci = 1; ci < m; ci++) {
            if (!a[ci].count && !a[ci].failed)
                continue;
            snprintf(cut, sizeof cut, "%d", ci);
            add_row(tab, name, cut, &a[ci]);
        }
        add_row(tab, name, "all", a);
    }
    return scored;
}

static int add_columns(fdi_table *tab, int horizon)
{
    static const char *const names[] = {"forecasts", "failed", "mape", "smape", "mase",
                                        "cover80", "cover95"};
    static const fdi_col_kind kinds[] = {FDI_COL_INT,    FDI_COL_INT,     FDI_COL_AMOUNT,
                                         FDI_COL_AMOUNT, FDI_COL_AMOUNT,  FDI_COL_PERCENT,
                                         FDI_COL_PERCENT};
    int last = fdi_table_add_column(tab, "method", FDI_COL_TEXT);
    last = fdi_table_add_column(tab, horizon ? "horizon" : "cutoff", FDI_COL_TEXT);
    for (int i = 0; i < 7 && last >= 0; i++)
        last = fdi_table_add_column(tab, names[i], kinds[i]);
    return last;
}

fdi_status fdi_ask_backtest(const fdi_panel *p, const fdi_fc_options *o,
                            const fdi_backtest_options *b, fdi_table **out, fdi_error *err)
{
    const fdi_fc_method *methods = b->nmethods ? b->methods : default_methods;
    int nm = b->nmethods ? b->nmethods : (int)(sizeof default_methods / sizeof *default_methods);
    int m = fdi_panel_freq(p);
    fdi_status st;
    *out = NULL;
    if ((st = fdi_fc_options_check(o, err)) != FDI_OK)
        return st;
    if (m < 2)
        return fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0, "backtest needs monthly or quarterly data");
    fdi_bt_accum *acc = calloc((size_t)nm * ((size_t)m + 1), sizeof *acc);
    fdi_table *tab = fdi_table_create();
    if (!acc || !tab)
        st = fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    if (st == FDI_OK)
        st = fdi__ask_finite_panel(p, (long)fdi_panel_nperiods(p) - 1, err);
    if (st == FDI_OK && b->cases && b->horizon)
        st = fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0,
                           "the forecasts one by one (cases) are the year-end backtest's, "
                           "not the h-step one's (horizon)");
    int here = 1;
    fdi__bt_cases *cases = NULL;
    size_t ncases = 0;
    if (st == FDI_OK)
        st = replay(p, o, b, methods, nm, acc, &cases, &ncases, &here, err);
    if (st == FDI_OK && !here) { /* rank 0 answers */
        free(acc);
        fdi__bt_cases_free(cases, ncases);
        fdi_table_destroy(tab);
        return fdi__shard_not_root(out, err);
    }
    if (st == FDI_OK && cases)
        st = fdi__bt_cases_table(tab, p, cases, ncases, methods, err);
    else if (st == FDI_OK && add_columns(tab, b->horizon) < 0)
        st = fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    if (st == FDI_OK && add_rows(cases ? NULL : tab, b, methods, nm, m, acc) == 0)
        st = fdi_error_set(err, FDI_ENODATA, NULL, 0, 0,
                           "no year to replay: a year is scored when all its periods and the "
                           "year before are observed");
    free(acc);
    fdi__bt_cases_free(cases, ncases);
    if (st != FDI_OK) {
        fdi_table_destroy(tab);
        return st;
    }
    *out = tab;
    return FDI_OK;
}
