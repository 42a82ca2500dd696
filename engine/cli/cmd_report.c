/* cmd_report.c - `fdi report`: the paragraph per series, in English or
 * Vietnamese, and the chart (fdi_ask_report). */
#include "cli.h"

#include <stdio.h>
#include <string.h>

/* html: the report's page (fdi_report_write_html) with the paragraphs in
 * the --lang asked, else in both; to stdout or -o FILE. */
static int write_page(const cli_options *o, const fdi_report *rep)
{
    fdi_output *out = NULL;
    fdi_error err = {0};
    int rc = 0;
    fdi_report_page pg = {!o->lang_given ? FDI_PAGE_EN | FDI_PAGE_VI
                          : o->lang_vi   ? FDI_PAGE_VI
                                         : FDI_PAGE_EN,
                          o->files, o->nfiles, o->plan_file};
    if (o->output && (rc = cli_output_open(o, &out)) != 0)
        return rc;
    fdi_status st = fdi_report_write_html(rep, &pg, out ? fdi_output_stream(out) : stdout, &err);
    if (st != FDI_OK)
        rc = cli_fail(st, &err);
    return out ? cli_output_close(out, rc) : rc;
}

/* text and markdown: the paragraphs; html: the page; csv, json, xlsx: the
 * report's table (and in xlsx the chart of its months); to stdout or -o
 * FILE. */
static int write_report(const cli_options *o, const fdi_panel *p, const fdi_report *rep)
{
    fdi_output *out = NULL;
    char title[512], chart[600];
    int rc;
    if (o->format == FDI_FORMAT_HTML)
        return write_page(o, rep);
    if (o->format != FDI_FORMAT_TABLE && o->format != FDI_FORMAT_MARKDOWN) {
        fdi_panel_series_title(p, 0, title, sizeof title);
        snprintf(chart, sizeof chart, "%s: year to date and forecast (80%% band)", title);
        return cli_write(o, fdi_report_table(rep), fdi_report_months(rep), chart);
    }
    if (!o->output) {
        fputs(fdi_report_document(rep), stdout);
        return 0;
    }
    if ((rc = cli_output_open(o, &out)) != 0)
        return rc;
    fputs(fdi_report_document(rep), fdi_output_stream(out));
    return cli_output_close(out, 0);
}

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
        fdi_status st = o.format == FDI_FORMAT_HTML
                            ? fdi_ask_report_with_svg(p, o.as_of, &src, &fc, &ro, &rep, &err)
                            : fdi_ask_report(p, o.as_of, &src, &fc, &ro, &rep, &err);
        if (st == FDI_OK)
            rc = write_report(&o, p, rep);
        else
            rc = cli_fail(st, &err);
    }
    fdi_report_destroy(rep);
    fdi_panel_destroy(p);
    fdi_frame_destroy(f);
    return rc;
}
