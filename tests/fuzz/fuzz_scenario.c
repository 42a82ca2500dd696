/* fuzz_scenario.c - the scenario file reader on arbitrary bytes, and the
 * binding of what it accepts to a small fixed panel.  A rejected file must
 * say where (a line) and why; an accepted one must have rows, names, and
 * months in order; binding either succeeds or names the row's line. */
#include "fdi/fdi.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char panel_csv[] =
    "period,area,flow,value\n"
    "2016-07,Hai Phong,new,10\n2016-08,Hai Phong,new,12\n2016-09,Hai Phong,new,9\n"
    "2016-07,Da Nang,new,5\n2016-08,Da Nang,new,6\n2016-09,Da Nang,new,7\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static fdi_frame *f;
    static fdi_panel *p;
    fdi_error err = {0};
    fdi_scenarios *s = NULL;
    if (!p) {
        fdi_ingest_options o = fdi_ingest_options_default();
        fdi_panel_options po = fdi_panel_options_default();
        if (fdi_ingest_buffer(panel_csv, sizeof panel_csv - 1, "panel", &o, &f, &err) != FDI_OK ||
            fdi_panel_build(f, &po, &p, &err) != FDI_OK)
            abort();
    }
    fdi_status st = fdi_scenarios_parse((const char *)data, size, "fuzz", &s, &err);
    if (st != FDI_OK) {
        if (s || !err.message[0] || (st != FDI_ENOMEM && err.line == 0))
            abort();
        return 0;
    }
    if (!s || fdi_scenarios_nrows(s) == 0 || fdi_scenarios_count(s) == 0)
        abort();
    for (size_t i = 0; i < fdi_scenarios_nrows(s); i++) {
        const fdi_scenario_row *r = fdi_scenarios_row(s, i);
        if (!r->scenario[0] || (r->op != FDI_OP_SHIFT && r->to < r->from) || r->line < 2)
            abort();
    }
    fdi_whatif *w = NULL;
    st = fdi_whatif_bind(s, p, 2016 * 12 + 9, 3, "fuzz", &w, &err);
    if (st == FDI_OK) {
        size_t J = fdi_whatif_count(w);
        double paths[4 * 3] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        fdi_whatif_result *res = malloc(J * sizeof *res);
        fdi_whatif_scratch *x = fdi_whatif_scratch_new(w, 4);
        if (res && x)
            for (size_t k = 0; k < fdi_panel_nseries(p); k++)
                fdi_whatif_eval(w, k, paths, 4, 100, 1.2, k % 2, 130, x, res);
        fdi_whatif_scratch_free(x);
        free(res);
    } else if (st != FDI_ENOMEM && err.line < 2) {
        abort();
    }
    fdi_whatif_free(w);
    fdi_scenarios_free(s);
    return 0;
}
