/* chart.c - the data behind `fdi report --chart`: one series gets its
 * year-to-date curve against last year, plan, goal and forecast fan; several
 * (--by groups) get a ranking of their year to date. */
#include "cli.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

static const double fan_q[FDI_CHART_QUANTILES] = {0.025, 0.10, 0.50, 0.90, 0.975};

/* Quantiles of the simulated year to date at each month left, from the
 * forecast's own paths (kept by fdi_fc_yearend_paths; changed here) and
 * its widening, clamped at the year to date as the forecast is for a
 * series that never went negative. */
static int fill_fan(const double *hist, size_t n, int pos, double *paths, size_t P,
                    double widen, fdi_chart_yearend_data *d)
{
    size_t left = (size_t)(12 - pos);
    int nonneg = 1;
    for (size_t t = 0; t < n; t++)
        nonneg &= !(hist[t] < 0);
    double *col = malloc(P * sizeof *col);
    if (!col)
        return 0;
    double ytd = d->cur[pos - 1];
    for (int k = 0; k < FDI_CHART_QUANTILES; k++)
        d->fan[k][pos - 1] = ytd;
    for (size_t p = 0; p < P; p++) /* cumulative along each path */
        for (size_t i = 1; i < left; i++)
            paths[p * left + i] += paths[p * left + i - 1];
    for (size_t i = 0; i < left; i++) {
        for (size_t p = 0; p < P; p++)
            col[p] = ytd + paths[p * left + i];
        double mean = gsl_stats_mean(col, 1, P);
        for (size_t p = 0; p < P; p++) { /* the forecast's own widening */
            col[p] = mean + widen * (col[p] - mean);
            if (nonneg && col[p] < ytd)
                col[p] = ytd;
        }
        gsl_sort(col, 1, P);
        for (int k = 0; k < FDI_CHART_QUANTILES; k++)
            d->fan[k][(size_t)pos + i] = gsl_stats_quantile_from_sorted_data(col, 1, P, fan_q[k]);
    }
    d->has_fan = 1;
    free(col);
    return 1;
}

int cli_chart(const cli_options *o, const fdi_panel *p, const fdi_yoy *y,
              const double *plan, const double *target, double *paths, double widen)
{
    size_t S = fdi_panel_nseries(p);
    fdi_lang lang = o->lang_vi ? FDI_LANG_VI : FDI_LANG_EN;
    fdi_error err = {0};
    fdi_status st;
    char title[512] = "";
    long last = fdi_panel_row(p, o->as_of);
    if (S > 1) { /* a ranking of the groups */
        fdi_chart_bar *bars = malloc(S * sizeof *bars);
        char (*labels)[256] = malloc(S * sizeof *labels);
        if (!bars || !labels) {
            free(bars);
            free(labels);
            return EXIT_COMPUTE;
        }
        for (size_t s = 0; s < S; s++) {
            cli_series_title(p, s, labels[s], sizeof labels[s]);
            bars[s].label = labels[s];
            bars[s].value = y[s].ytd;
        }
        char per[16];
        fdi_period_format(o->as_of, fdi_panel_freq(p), per, sizeof per);
        snprintf(title, sizeof title,
                 o->lang_vi ? "Lũy kế từ đầu năm đến %s (%s)" : "Year to date to %s (%s)", per,
                 o->unit ? o->unit : o->lang_vi ? "triệu USD" : "million USD");
        st = fdi_chart_ranking(title, bars, S, lang, o->chart, &err);
        free(bars);
        free(labels);
        return st == FDI_OK ? 0 : cli_fail(st, &err);
    }
    if (fdi_panel_freq(p) != 12 || last < 0) {
        fprintf(stderr, "fdi report: --chart draws monthly data\n");
        return EXIT_USAGE;
    }
    fdi_chart_yearend_data d;
    memset(&d, 0, sizeof d);
    cli_series_title(p, 0, title, sizeof title);
    d.title = title;
    d.unit = o->unit;
    d.pos = fdi_panel_position(p, (size_t)last);
    d.first_month = fdi_panel_fy_start(p);
    d.year = (int)fdi_period_year(o->as_of - (d.first_month - 1));
    d.plan = plan[0];
    d.target = !isnan(target[0]) ? target[0] : plan[0];
    for (int t = 0; t < 12; t++) {
        long row = (long)last - d.pos + 1 + t, prow = row - 12;
        d.cur[t] = t < d.pos ? fdi_panel_cum(p, (size_t)row)[0] : (double)NAN;
        d.prev[t] = prow >= 0 ? fdi_panel_cum(p, (size_t)prow)[0] : (double)NAN;
        for (int k = 0; k < FDI_CHART_QUANTILES; k++)
            d.fan[k][t] = NAN;
    }
    double *hist = malloc(((size_t)last + 1) * sizeof *hist);
    if (!hist)
        return EXIT_COMPUTE;
    cli_series_history(p, 0, (size_t)last, hist);
    if (d.pos < 12 && paths)
        fill_fan(hist, (size_t)last + 1, d.pos, paths, o->paths, widen, &d);
    free(hist);
    st = fdi_chart_yearend(&d, lang, o->chart, &err);
    return st == FDI_OK ? 0 : cli_fail(st, &err);
}
