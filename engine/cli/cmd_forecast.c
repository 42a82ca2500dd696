/* cmd_forecast.c - `fdi forecast`: where each series' year will end, the
 * interval, and the probability of reaching the target (fdi_ask_forecast). */
#include "cli.h"

#include <stdio.h>

int cmd_forecast(const cli_options *opts)
{
    cli_options o = *opts;
    fdi_frame *f = NULL;
    fdi_panel *p = NULL;
    fdi_table *tab = NULL;
    fdi_error err = {0};
    int rc;

    if (o.nmethods > 1) {
        fprintf(stderr, "fdi forecast: --method takes one method (fdi backtest "
                        "compares several)\n");
        return EXIT_USAGE;
    }
    fdi_plan_source src = cli_plan_source(&o);
    if ((rc = cli_check(&o, fdi_plan_source_check(&src, 0, &err), &err)) != 0)
        return rc;
    if ((rc = cli_open(&o, &f, &p)) == 0) {
        fdi_fc_options fc = cli_fc_options(&o);
        cli_progress_begin(&o, "forecasting");
        fdi_table *months = NULL; /* a workbook's chart: one series month by month */
        fdi_status st = fdi_ask_forecast_months(p, o.as_of, &src, &fc, &tab,
                                                o.format == FDI_FORMAT_XLSX ? &months : NULL,
                                                &err);
        cli_progress_end();
        if (st == FDI_OK && months) {
            char title[512], chart[600];
            fdi_panel_series_title(p, 0, title, sizeof title);
            snprintf(chart, sizeof chart, "%s: year to date and forecast (80%% band)", title);
            rc = cli_write(&o, tab, months, chart);
            fdi_table_destroy(tab);
        } else {
            rc = cli_answer(&o, st, &err, tab);
        }
        fdi_table_destroy(months);
    }
    fdi_panel_destroy(p);
    fdi_frame_destroy(f);
    return rc;
}
