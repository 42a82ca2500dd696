/* cmd_whatif.c - `fdi whatif`: every scenario of a scenario file on every
 * series' year-end forecast; --sweep expands a scenario into a grid,
 * --seek finds the value that reaches a goal (fdi_ask_whatif). */
#include "cli.h"


int cmd_whatif(const cli_options *opts)
{
    cli_options o = *opts;
    fdi_frame *f = NULL;
    fdi_panel *p = NULL;
    fdi_table *tab = NULL;
    fdi_error err = {0};
    int rc;
    fdi_whatif_options w = {o.scenarios_file, o.sweep, o.seek, o.vary};

    fdi_plan_source src = cli_plan_source(&o);
    /* a request that cannot be met is said before a long read, not after */
    if ((rc = cli_check(&o, fdi_whatif_options_check(&w, &err), &err)) != 0 ||
        (rc = cli_check(&o, fdi_plan_source_check(&src, 0, &err), &err)) != 0)
        return rc;
    if ((rc = cli_open(&o, &f, &p)) == 0) {
        fdi_fc_options fc = cli_fc_options(&o);
        cli_progress_begin(&o, "simulating");
        fdi_status st = fdi_ask_whatif(p, o.as_of, &src, &fc, &w, &tab, &err);
        cli_progress_end();
        rc = cli_answer(&o, st, &err, tab);
    }
    fdi_panel_destroy(p);
    fdi_frame_destroy(f);
    return rc;
}
