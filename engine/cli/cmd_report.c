/* cmd_report.c - `fdi report`: the paragraph per series, in English or
 * Vietnamese, and the chart (fdi_ask_report). */
#include "cli.h"

#include <stdio.h>
#include <string.h>

int cmd_report(const cli_options *opts)
{
    cli_options o = *opts;
    fdi_frame *f = NULL;
    fdi_panel *p = NULL;
    fdi_report *rep = NULL;
    fdi_error err = {0};
    int rc;

    fdi_plan_source src = cli_plan_source(&o);
    fdi_report_options ro = {o.lang_vi ? FDI_LANG_VI : FDI_LANG_EN, o.markdown, NULL, o.chart,
                             NULL};
    if ((rc = cli_check(&o, fdi_report_options_check(&ro, &err), &err)) != 0 ||
        (rc = cli_check(&o, fdi_plan_source_check(&src, 0, &err), &err)) != 0)
        return rc;
    if ((rc = cli_open(&o, &f, &p)) == 0) {
        fdi_fc_options fc = cli_fc_options(&o);
        fdi_status st = fdi_ask_report(p, o.as_of, &src, &fc, &ro, &rep, &err);
        if (st == FDI_OK)
            fputs(fdi_report_document(rep), stdout);
        else
            rc = cli_fail(st, &err);
    }
    fdi_report_destroy(rep);
    fdi_panel_destroy(p);
    fdi_frame_destroy(f);
    return rc;
}
