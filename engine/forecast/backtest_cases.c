/* backtest_cases.c - the year-end backtest one forecast a row
 * (fdi_backtest_options.cases): which series, year and cut-off month each
 * method forecast, what it said (point and intervals) and what happened,
 * so that another tool (R's forecast, prophet: bench/yearend_peers.sh) can
 * be scored on exactly the same cases. */
#include "forecast/panel_internal.h"
#include "measures/ask_internal.h"
#include "fdi/period.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

fdi_status fdi__bt_cases_add(void *ctx, const fdi__bt_case *c, fdi_error *err)
{
    fdi__bt_sink *k = ctx;
    fdi__bt_cases *l = k->list;
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 64;
        fdi__bt_case_row *r = realloc(l->rows, cap * sizeof *r);
        if (!r)
            return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
        l->rows = r;
        l->cap = cap;
    }
    l->rows[l->n].s = k->s;
    l->rows[l->n].c = *c;
    l->n++;
    return FDI_OK;
}

fdi_status fdi__bt_cases_take(fdi__bt_cases *l, const unsigned char *bytes, size_t len,
                              fdi_error *err)
{
    size_t n = len / sizeof *l->rows;
    if (len % sizeof *l->rows || l->n)
        return fdi_error_set(err, FDI_EIO, NULL, 0, 0, "a backtest's cases arrived damaged");
    if (!n)
        return FDI_OK;
    if (!(l->rows = malloc(len)))
        return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    memcpy(l->rows, bytes, len);
    l->n = l->cap = n;
    return FDI_OK;
}

void fdi__bt_cases_free(fdi__bt_cases *l, size_t n)
{
    for (size_t i = 0; l && i < n; i++)
        free(l[i].rows);
    free(l);
}

enum { K_YEAR, K_CUTOFF, K_METHOD, K_ACTUAL, K_YTD, K_FORECAST, K_LO80, K_HI80, K_LO95,
       K_HI95, K_NOTE, K_N, K_PERIOD = K_N };

/* The keys' columns, period (col[K_PERIOD]) and the cases'; nonzero when out of memory. */
static int case_columns(fdi_table *tab, const fdi_panel *p, int *col)
{
    static const char *const names[K_N] = {"year", "cutoff", "method", "actual", "ytd",
                                           "forecast", "lo80", "hi80", "lo95", "hi95", "note"};
    static const fdi_col_kind kinds[K_N] = {
        FDI_COL_INT,    FDI_COL_INT,    FDI_COL_TEXT,   FDI_COL_AMOUNT, FDI_COL_AMOUNT,
        FDI_COL_AMOUNT, FDI_COL_AMOUNT, FDI_COL_AMOUNT, FDI_COL_AMOUNT, FDI_COL_AMOUNT,
        FDI_COL_TEXT};
    if ((col[K_PERIOD] = fdi__ask_key_columns(tab, p, 1)) < 0)
        return -1;
    for (int i = 0; i < K_N; i++)
        if ((col[i] = fdi_table_add_column(tab, names[i], kinds[i])) < 0)
            return -1;
    return 0;
}

/* Row r: case w of panel p; nonzero when out of memory. */
static int case_row(fdi_table *tab, long r, const int *col, const fdi_panel *p,
                    const fdi__bt_case_row *w, const fdi_fc_method *methods)
{
    const fdi__bt_case *c = &w->c;
    int32_t per = fdi_panel_period(p, c->t);
    int freq = fdi_panel_freq(p);
    char buf[64];
    fdi_period_format(per, freq, buf, sizeof buf);
    double fig[] = {c->actual, c->ytd, c->point, c->lo80, c->hi80, c->lo95, c->hi95};
    int bad = fdi__ask_key_cells(tab, r, 0, p, w->s) ||
              fdi_table_set_text(tab, r, col[K_PERIOD], buf) ||
              fdi_table_set_text(tab, r, col[K_METHOD], fdi_fc_method_name(methods[c->method]));
    fdi_table_set_num(tab, r, col[K_YEAR],
                      fdi_period_fiscal_year(per, freq, fdi_panel_fy_start(p)));
    fdi_table_set_num(tab, r, col[K_CUTOFF], c->cutoff);
    for (int i = 0; i < 7; i++)
        fdi_table_set_num(tab, r, col[K_ACTUAL + i], fig[i]);
    if (c->status != FDI_OK) {
        snprintf(buf, sizeof buf, "no forecast: %s", fdi_strerror(c->status));
        bad = bad || fdi_table_set_text(tab, r, col[K_NOTE], buf);
    }
    return bad;
}

fdi_status fdi__bt_cases_table(fdi_table *tab, const fdi_panel *p, const fdi__bt_cases *l,
                               size_t nl, const fdi_fc_method *methods, fdi_error *err)
{
    int col[K_N + 1];
    size_t rows = 0;
    for (size_t u = 0; u < nl; u++)
        rows += l[u].n;
    if (case_columns(tab, p, col) || fdi_table_reserve(tab, rows))
        return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t u = 0; u < nl; u++)
        for (size_t i = 0; i < l[u].n; i++) {
            long r = fdi_table_add_row(tab);
            if (r < 0 || case_row(tab, r, col, p, &l[u].rows[i], methods))
                return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
        }
    return FDI_OK;
}
