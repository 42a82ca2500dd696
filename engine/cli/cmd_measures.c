/* cmd_measures.c - `fdi ytd`, `fdi yoy` and `fdi plan`: open the panel,
 * ask libfdi, print its table. */
#include "cli.h"


typedef enum { MODE_YTD, MODE_YOY, MODE_PLAN } mode;

static int run(const cli_options *opts, mode md)
{
    cli_options o = *opts;
    fdi_frame *f = NULL;
    fdi_panel *p = NULL;
    fdi_table *tab = NULL;
    fdi_error err = {0};
    fdi_status st;
    fdi_plan_source src = cli_plan_source(&o);
    int rc;

    /* a request that cannot be met is said before a long read, not after */
    if ((rc = cli_check(&o, fdi_plan_source_check(&src, md == MODE_PLAN, &err), &err)) != 0)
        return rc;
    o.figures_window = 1;
    if ((rc = cli_open(&o, &f, &p)) == 0) {
        if (md == MODE_YTD)
            st = fdi_ask_ytd(p, o.as_of, &tab, &err);
        else if (md == MODE_YOY)
            st = fdi_ask_yoy(p, o.as_of, o.single, &tab, &err);
        else
            st = fdi_ask_plan(p, o.as_of, &src, &tab, &err);
        rc = cli_answer(&o, st, &err, tab);
    }
    fdi_panel_destroy(p);
    fdi_frame_destroy(f);
    return rc;
}

int cmd_ytd(const cli_options *o) { return run(o, MODE_YTD); }
int cmd_yoy(const cli_options *o) { return run(o, MODE_YOY); }
int cmd_plan(const cli_options *o) { return run(o, MODE_PLAN); }
