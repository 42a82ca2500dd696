/* ask_chart.c - the data behind the report's chart: one series gets its
 * year-to-date curve against last year, plan, goal and the forecast fan
 * (fdi_fc_panel_fan, from the paths the paragraph's forecast simulated);
 * several (--by groups) get a ranking of their year to date. */
#define _DEFAULT_SOURCE /* mkstemps */
#include "report/report_internal.h"
#include "fdi/chart.h"
#include "fdi/parse.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>

/* the fan's quantiles, into rows 0, 1, 3, 4; row 2 is the forecast */
static const double fan_q[FDI_CHART_QUANTILES - 1] = {0.025, 0.10, 0.90, 0.975};
static const int fan_row[FDI_CHART_QUANTILES - 1] = {0, 1, 3, 4};

/* The unit of the chart's amounts: --unit, else the series' own when they
 * share one (NULL: none, or several). */
static const char *chart_unit(const fdi_panel *p, const fdi_report_options *ro)
{
    const char *u = fdi_panel_nseries(p) ? fdi_panel_unit(p, 0) : NULL;
    if (ro->unit)
        return ro->unit;
    for (size_t s = 1; s < fdi_panel_nseries(p) && u; s++)
        if (!fdi_panel_unit(p, s) || strcmp(fdi_panel_unit(p, s), u) != 0)
            return NULL;
    return u;
}

static fdi_status ranking(const fdi_panel *p, int32_t as_of, const fdi_yoy *y,
                          const fdi_report_options *ro, const char *path, fdi_error *err)
{
    size_t S = fdi_panel_nseries(p);
    int vi = ro->lang == FDI_LANG_VI;
    char title[512], per[16];
    fdi_chart_bar *bars = malloc(S * sizeof *bars);
    char(*labels)[256] = malloc(S * sizeof *labels);
    if (!bars || !labels) {
        free(bars);
        free(labels);
        return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    }
    for (size_t s = 0; s < S; s++) {
        fdi_panel_series_title(p, s, labels[s], sizeof labels[s]);
        bars[s].label = labels[s];
        bars[s].value = y[s].ytd;
    }
    fdi_period_format(as_of, fdi_panel_freq(p), per, sizeof per);
    const char *unit = fdi_report_unit_name(chart_unit(p, ro), ro->lang);
    snprintf(title, sizeof title, vi ? "Lũy kế từ đầu năm đến %s%s%s%s" : "Year to date to %s%s%s%s",
             per, unit ? " (" : "", unit ? unit : "", unit ? ")" : "");
    fdi_status st = fdi_chart_ranking(title, bars, S, ro->lang, path, err);
    free(bars);
    free(labels);
    return st;
}

/* The fan's months pos..12 from the forecast's quantiles, and the line of
 * the forecast itself: the year to date plus the point forecast of each
 * month, ending at the figure the paragraph gives. */
static fdi_status add_fan(const fdi_fc_panel *fc, const fdi_panel *p,
                          fdi_chart_yearend_data *d, fdi_error *err)
{
    size_t left = (size_t)(12 - d->pos);
    const int nq = FDI_CHART_QUANTILES - 1;
    const fdi_yearend *ye;
    double *fan = malloc((size_t)nq * left * sizeof *fan);
    if (!fan)
        return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    fdi_status st = fdi_fc_panel_fan(fc, p, 0, fan_q, nq, fan, err);
    if (st == FDI_OK)
        st = fdi_fc_panel_result(fc, 0, &ye, err);
    if (st == FDI_OK) {
        for (int k = 0; k < FDI_CHART_QUANTILES; k++)
            d->fan[k][d->pos - 1] = d->cur[d->pos - 1];
        for (int k = 0; k < nq; k++)
            for (size_t i = 0; i < left; i++)
                d->fan[fan_row[k]][(size_t)d->pos + i] = fan[(size_t)k * left + i];
        double at = ye->ytd;
        for (size_t i = 0; i < left; i++)
            d->fan[2][(size_t)d->pos + i] = at += ye->months[i];
        d->has_fan = 1;
    }
    free(fan);
    return st;
}

static fdi_status yearend(const fdi_panel *p, int32_t as_of, const fdi_plans *pl,
                          const fdi_fc_panel *fc, const fdi_report_options *ro, const char *path,
                          fdi_error *err)
{
    long last = fdi_panel_row(p, as_of);
    fdi_chart_yearend_data d;
    char title[512];
    if (fdi_panel_freq(p) != 12 || last < 0)
        return fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0, "--chart draws monthly data");
    memset(&d, 0, sizeof d);
    fdi_panel_series_title(p, 0, title, sizeof title);
    d.title = title;
    d.unit = fdi_report_unit_name(chart_unit(p, ro), ro->lang);
    d.pos = fdi_panel_position(p, (size_t)last);
    d.first_month = fdi_panel_fy_start(p);
    d.year = (int)fdi_period_fiscal_year(as_of, 12, d.first_month);
    d.plan = pl->plan[0];
    d.target = fdi_plans_goal(pl, 0);
    for (int t = 0; t < 12; t++) {
        long row = last - d.pos + 1 + t, prow = row - 12;
        d.cur[t] = t < d.pos ? fdi_panel_cum(p, (size_t)row)[0] : (double)NAN;
        d.prev[t] = prow >= 0 ? fdi_panel_cum(p, (size_t)prow)[0] : (double)NAN;
        for (int k = 0; k < FDI_CHART_QUANTILES; k++)
            d.fan[k][t] = NAN;
    }
    if (d.pos < 12 && fc && fdi_fc_panel_paths(fc, 0)) {
        fdi_status st = add_fan(fc, p, &d, err);
        if (st != FDI_OK)
            return st;
    }
    return fdi_chart_yearend(&d, ro->lang, path, err);
}

/* *svg: the text of the SVG file drawn at path, which is removed. */
static fdi_status read_svg(const char *path, char **svg, fdi_error *err)
{
    FILE *f = fopen(path, "rb");
    long n = -1;
    if (f && fseek(f, 0, SEEK_END) == 0)
        n = ftell(f);
    char *buf = n >= 0 ? malloc((size_t)n + 1) : NULL;
    int ok = buf && fseek(f, 0, SEEK_SET) == 0 && fread(buf, 1, (size_t)n, f) == (size_t)n;
    if (f)
        fclose(f);
    unlink(path);
    if (!ok) {
        free(buf);
        return fdi_error_set(err, buf ? FDI_EIO : FDI_ENOMEM, path, 0, 0,
                             "cannot read the chart back");
    }
    buf[n] = '\0';
    *svg = buf;
    return FDI_OK;
}

/* A new empty file TMPDIR/fdi-chart-XXXXXX.svg named in tmp. */
static fdi_status temp_svg(char *tmp, size_t size, fdi_error *err)
{
    const char *dir = getenv("TMPDIR");
    snprintf(tmp, size, "%s/fdi-chart-XXXXXX.svg", dir && *dir ? dir : "/tmp");
    int fd = mkstemps(tmp, 4);
    if (fd < 0)
        return fdi_error_set(err, FDI_EIO, tmp, 0, 0, "cannot create the chart: %s",
                             strerror(errno));
    close(fd);
    return FDI_OK;
}

fdi_status fdi__report_chart(const fdi_panel *p, int32_t as_of, const fdi_yoy *y,
                             const fdi_plans *pl, const fdi_fc_panel *fc,
                             const fdi_report_options *ro, char **svg, fdi_error *err)
{
    char tmp[4096];
    const char *path[2] = {ro->chart, NULL};
    fdi_status st = FDI_OK;
    /* one series' chart is the year-end chart of monthly data */
    if (svg && (fdi_panel_nseries(p) > 1 || fdi_panel_freq(p) == 12) &&
        (st = temp_svg(tmp, sizeof tmp, err)) == FDI_OK)
        path[1] = tmp;
    for (int i = 0; st == FDI_OK && i < 2; i++)
        if (path[i])
            st = fdi_panel_nseries(p) > 1 ? ranking(p, as_of, y, ro, path[i], err)
                                          : yearend(p, as_of, pl, fc, ro, path[i], err);
    fdi_chart_shutdown(); /* fontconfig keeps caches until told */
    if (path[1] && st == FDI_OK)
        return read_svg(tmp, svg, err);
    if (path[1])
        unlink(tmp);
    return st;
}
