/* cmd_whatif.c - `fdi whatif`: every scenario of a scenario file on every
 * series' year-end forecast; --sweep expands a scenario into a grid,
 * --seek finds the value that reaches a goal (fdi_ask_whatif). */
#include "cli.h"

#include <stdio.h>

int cmd_whatif(const cli_options *opts)
{
    cli_options o = *opts;
    fdi_frame *f = NULL;
    fdi_panel *p = NULL;
    fdi_table *tab = NULL;
    fdi_error err = {0};
    int rc;
    fdi_whatif_options w = {o.scenarios_file, o.sweep, o.seek, o.vary};

    if (!o.scenarios_file) { /* said before a long read, not after */
        fprintf(stderr, "fdi whatif: a scenario file is needed: --scenarios FILE "
                        "(see fdi whatif --help)\n");
        return EXIT_USAGE;
    }
    if ((rc = cli_open(&o, &f, &p)) == 0) {
        fdi_plan_source src = cli_plan_source(&o);
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
