/* bind.c - scenario rows against a panel and a forecast horizon: which
 * series each row touches, and the affine map each scenario makes of every
 * month of each series. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/caseeq.h"
#include "fdi/parse.h"
#include "whatif/whatif_internal.h"

void fdi_whatif_free(fdi_whatif *w)
{
    if (!w)
        return;
    free(w->row_scen);
    free(w->match);
    free(w);
}

size_t fdi_whatif_count(const fdi_whatif *w) { return w->J; }

const char *fdi_whatif_name(const fdi_whatif *w, size_t j)
{
    return j == 0 ? "baseline" : fdi_scenarios_name(w->sc, j - 1);
}

/* Is `label` one of the '|'-separated alternatives in v[0..len)?  Case
 * ignored beyond ASCII, as --filter compares (fdi__caseeq_n). */
static int one_of(const char *label, const char *v, size_t len)
{
    while (len) {
        const char *bar = memchr(v, '|', len);
        size_t n = bar ? (size_t)(bar - v) : len;
        while (n && *v == ' ')
            v++, n--, len--;
        size_t m = n;
        while (m && v[m - 1] == ' ')
            m--;
        if (fdi__caseeq_n(label, strlen(label), v, m))
            return 1;
        if (!bar)
            break;
        len -= n + 1;
        v = bar + 1;
    }
    return 0;
}

/* The key named name[0..len) (case ignored beyond ASCII): its dimension,
 * fdi_panel_ndims for "measure", -1 when the panel has no such key. */
static long key_dim(const fdi_panel *p, const char *name, size_t len)
{
    for (size_t d = 0; d < fdi_panel_ndims(p); d++) {
        const char *dn = fdi_panel_dim_name(p, d);
        if (fdi__caseeq_n(dn, strlen(dn), name, len))
            return (long)d;
    }
    if (len == 7 && strncasecmp(name, "measure", 7) == 0)
        return (long)fdi_panel_ndims(p);
    return -1;
}

/* Mark the series row r selects; an error for an unknown key. */
static fdi_status match_row(const fdi_scenario_row *r, const fdi_panel *p,
                            unsigned char *m, const char *file, fdi_error *err)
{
    size_t S = fdi_panel_nseries(p);
    memset(m, 1, S);
    const char *f = r->filter;
    while (*f) {
        const char *semi = strchr(f, ';');
        size_t len = semi ? (size_t)(semi - f) : strlen(f);
        const char *eq = memchr(f, '=', len);
        if (!eq || eq == f)
            return fdi_error_set(err, FDI_EPARSE, file, r->line, r->col_filter,
                                 "column \"filter\": expected KEY=VALUE[;KEY=VALUE], "
                                 "found \"%s\"",
                                 r->filter);
        size_t klen = (size_t)(eq - f);
        while (klen && f[klen - 1] == ' ')
            klen--;
        const char *key = f;
        while (klen && *key == ' ')
            key++, klen--;
        long kd = key_dim(p, key, klen);
        if (kd < 0) {
            char keys[256] = "";
            for (size_t d = 0; d < fdi_panel_ndims(p); d++) {
                size_t l = strlen(keys);
                snprintf(keys + l, sizeof keys - l, "%s%s", l ? ", " : "",
                         fdi_panel_dim_name(p, d));
            }
            return fdi_error_set(err, FDI_EPARSE, file, r->line, r->col_filter,
                                 "column \"filter\": no key \"%.*s\" in the result; the "
                                 "keys are %s",
                                 (int)klen, key, keys);
        }
        for (size_t s = 0; s < S; s++) {
            const char *v = (size_t)kd < fdi_panel_ndims(p) ? fdi_panel_label(p, s, (size_t)kd)
                                                            : fdi_panel_measure(p, s);
            if (m[s] && !one_of(v, eq + 1, len - (size_t)(eq + 1 - f)))
                m[s] = 0;
        }
        f += len + (semi ? 1 : 0);
    }
    for (size_t s = 0; s < S; s++)
        if (m[s])
            return FDI_OK;
    return fdi_error_set(err, FDI_EPARSE, file, r->line, r->col_filter,
                         "column \"filter\": \"%s\" matches no series", r->filter);
}

static fdi_status check_month(const fdi_scenario_row *r, int32_t month, size_t col,
                              int32_t first, size_t h, const char *file, fdi_error *err)
{
    if (month >= first && month < first + (int32_t)h)
        return FDI_OK;
    char a[16], b[16], c[16];
    fdi_period_format(month, 12, a, sizeof a);
    fdi_period_format(first, 12, b, sizeof b);
    fdi_period_format(first + (int32_t)h - 1, 12, c, sizeof c);
    return fdi_error_set(err, FDI_EPARSE, file, r->line, col,
                         "%s is outside the forecast horizon %s..%s (the months after "
                         "--as-of to the end of the year)",
                         a, b, c);
}

fdi_status fdi_whatif_bind(const fdi_scenarios *sc, const fdi_panel *p, int32_t first,
                           size_t h, const char *file, fdi_whatif **out, fdi_error *err)
{
    size_t S = fdi_panel_nseries(p), R = sc->nrows;
    fdi_whatif *w = calloc(1, sizeof *w);
    *out = NULL;
    if (w) {
        w->row_scen = malloc((R ? R : 1) * sizeof *w->row_scen);
        w->match = malloc(R && S ? R * S : 1);
    }
    if (!w || !w->row_scen || !w->match) {
        fdi_whatif_free(w);
        return fdi_error_set(err, FDI_ENOMEM, file, 0, 0, "out of memory");
    }
    w->sc = sc;
    w->nseries = S;
    w->h = h;
    w->first = first;
    w->J = sc->nnames + 1;
    if (h == 0) {
        fdi_whatif_free(w);
        return fdi_error_set(err, FDI_ECOMPUTE, file, 0, 0,
                             "the year is complete at --as-of: no month left for a "
                             "scenario to change");
    }
    fdi_status st = FDI_OK;
    for (size_t i = 0; i < R && st == FDI_OK; i++) {
        const fdi_scenario_row *r = &sc->rows[i];
        w->row_scen[i] = sc->row_name[i] + 1;
        st = check_month(r, r->from, r->col_from, first, h, file, err);
        if (st == FDI_OK)
            st = check_month(r, r->to, r->col_to, first, h, file, err);
        if (st == FDI_OK)
            st = match_row(r, p, w->match + i * S, file, err);
    }
    if (st != FDI_OK) {
        fdi_whatif_free(w);
        return st;
    }
    *out = w;
    return FDI_OK;
}

/* Compose x -> a x + b with the row's operation on month t (k: the month's
 * place in the row's range, 1-based). */
static void apply(const fdi_scenario_row *r, int32_t month, double *a, double *b)
{
    int32_t k = month - r->from + 1;
    switch (r->op) {
    case FDI_OP_SCALE:
        *a *= r->value;
        *b *= r->value;
        break;
    case FDI_OP_ADD:
        *b += r->value;
        break;
    case FDI_OP_SET:
        *a = 0;
        *b = r->value;
        break;
    case FDI_OP_GROWTH: {
        double g = pow(1.0 + r->value / 100.0, (double)k);
        *a *= g;
        *b *= g;
        break;
    }
    case FDI_OP_SHIFT:
        if (month == r->from)
            *b -= r->value;
        else if (month == r->to)
            *b += r->value;
        break;
    }
}

static int row_covers(const fdi_scenario_row *r, int32_t month)
{
    if (r->op == FDI_OP_SHIFT)
        return month == r->from || month == r->to;
    return month >= r->from && month <= r->to;
}

void fdi_whatif_maps(const fdi_whatif *w, size_t s, double *a, double *b)
{
    size_t J = w->J, h = w->h;
    for (size_t i = 0; i < h * J; i++) {
        a[i] = 1.0;
        b[i] = 0.0;
    }
    for (size_t i = 0; i < w->sc->nrows; i++) {
        if (!w->match[i * w->nseries + s])
            continue;
        const fdi_scenario_row *r = &w->sc->rows[i];
        size_t j = w->row_scen[i];
        for (size_t t = 0; t < h; t++) {
            int32_t month = w->first + (int32_t)t;
            if (row_covers(r, month))
                apply(r, month, &a[t * J + j], &b[t * J + j]);
        }
    }
}
