/* cmd_backtest.c - `fdi backtest`: each method's past year-end errors at
 * every cut-off month and the coverage of its intervals, over every series;
 * --horizon H for the classic h-step evaluation (fdi_ask_backtest). */
#include "cli.h"

#include <string.h>

int cmd_backtest(const cli_options *opts)
{
    cli_options o = *opts;
    fdi_frame *f = NULL;
    fdi_panel *p = NULL;
    fdi_table *tab = NULL;
    fdi_error err = {0};
    int rc;

    if ((rc = cli_open(&o, &f, &p)) == 0) {
        fdi_fc_options fc = cli_fc_options(&o);
        fdi_backtest_options b;
        memset(&b, 0, sizeof b);
        b.nmethods = o.nmethods;
        memcpy(b.methods, o.methods, sizeof b.methods);
        b.ncutoffs = o.ncutoffs;
        memcpy(b.cutoffs, o.cutoffs, sizeof b.cutoffs);
        b.horizon = o.horizon;
        b.from_year = o.from_year;
        b.cases = o.cases;
        cli_progress_begin(&o, "replaying");
        fdi_status st = fdi_ask_backtest(p, &fc, &b, &tab, &err);
        cli_progress_end();
        rc = cli_answer(&o, st, &err, tab);
    }
    fdi_panel_destroy(p);
    fdi_frame_destroy(f);
    return rc;
}
