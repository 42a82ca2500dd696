/* cmd_report.c - `fdi report`: the paragraph per series, in English or
 * Vietnamese, built from the same figures as yoy, plan and forecast. */
#include "cli.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* "disbursed" (realised capital) when a label, the measure or a --filter
 * value says so */
static int is_disbursed(const cli_options *o, const fdi_panel *p, size_t s)
{
    for (size_t i = 0; i < o->panel.nfilters; i++)
        for (const char *c = o->filters[i].values; *c; c++)
            if (strncasecmp(c, "disburs", 7) == 0)
                return 1;
    for (size_t d = 0; d <= fdi_panel_ndims(p); d++) {
        const char *l = d < fdi_panel_ndims(p) ? fdi_panel_label(p, s, d) : fdi_panel_measure(p, s);
        for (const char *c = l; *c; c++)
            if (strncasecmp(c, "disburs", 7) == 0 || strncasecmp(c, "giải ngân", 10) == 0)
                return 1;
    }
    return 0;
}

int cmd_report(const cli_options *opts)
{
    cli_options o = *opts;
    fdi_frame *f = NULL;
    fdi_panel *p = NULL;
    fdi_yoy *y = NULL;
    double *plan = NULL, *target = NULL, *hist = NULL, *paths = NULL, widen = 1.0;
    fdi_error err = {0};
    int rc;
    fdi_lang lang = o.lang_vi ? FDI_LANG_VI : FDI_LANG_EN;

    if ((rc = cli_open(&o, &f, &p)) != 0)
        goto out;
    size_t S = fdi_panel_nseries(p);
    long last = fdi_panel_row(p, o.as_of);
    y = calloc(S, sizeof *y);
    plan = malloc(S * sizeof *plan);
    target = malloc(S * sizeof *target);
    hist = malloc(((size_t)(last < 0 ? 0 : last) + 1) * sizeof *hist);
    if (!y || !plan || !target || !hist || last < 0) {
        rc = EXIT_COMPUTE;
        goto out;
    }
    fdi_status st = fdi_measures_yoy(p, o.as_of, y, &err);
    if (st != FDI_OK) {
        rc = cli_fail(st, &err);
        goto out;
    }
    if ((rc = cli_load_plans(&o, p, o.as_of, plan, target)) != 0)
        goto out;
    fdi_fc_config c = fdi_fc_config_default(fdi_panel_freq(p), fdi_panel_position(p, (size_t)last));
    c.calibrate = !o.no_calibrate;
    /* one series with a chart: keep its simulated months for the fan */
    int keep = o.chart && S == 1 && fdi_panel_freq(p) == 12;
    if (keep && !(paths = malloc(o.paths * 12 * sizeof *paths))) {
        rc = EXIT_COMPUTE;
        goto out;
    }
    for (size_t s = 0; s < S; s++) {
        char subject[512], text[4096];
        cli_series_title(p, s, subject, sizeof subject);
        fdi_report_figures fg = {subject, is_disbursed(&o, p, s), o.as_of, y[s].ytd, y[s].ytd_prev,
                                 y[s].multiple, plan[s], !isnan(target[s]) ? target[s] : plan[s],
                                 NAN, NAN, NAN, NAN,
                                 (y[s].notes & (FDI_NOTE_SMALL_BASE | FDI_NOTE_EARLY)) != 0,
                                 o.unit};
        fdi_yearend ye;
        cli_series_history(p, s, (size_t)last, hist);
        double goal = fg.target;
        int fc_ok = fdi_panel_freq(p) == 12 &&
                    fdi_fc_yearend_paths(o.nmethods ? o.methods[0] : FDI_FC_AUTO, hist,
                                         (size_t)last + 1, &c, goal, o.paths, o.seed,
                                         keep ? paths : NULL, &ye, &err) == FDI_OK;
        if (keep && (!fc_ok || ye.left == 0)) {
            free(paths); /* nothing to draw a fan from */
            paths = NULL;
        }
        if (fc_ok && keep)
            widen = ye.widen;
        if (fc_ok && ye.left > 0) {
            fg.forecast = ye.mean;
            fg.lo80 = ye.lo80;
            fg.hi80 = ye.hi80;
            fg.p_target = ye.p_target;
        }
        fdi_report_paragraph(&fg, lang, o.markdown, text, sizeof text);
        if (o.markdown)
            printf("%s## %s\n\n%s\n", s ? "\n" : "", subject, text);
        else
            printf("%s%s\n", s ? "\n" : "", text);
    }
    if (o.chart) {
        rc = cli_chart(&o, p, y, plan, target, paths, widen);
        fdi_chart_shutdown(); /* fontconfig keeps caches until told */
    }
out:
    free(y);
    free(plan);
    free(target);
    free(hist);
    free(paths);
    fdi_panel_destroy(p);
    fdi_frame_destroy(f);
    return rc;
}
