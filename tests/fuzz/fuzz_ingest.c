/* fuzz_ingest.c - the whole pipeline on arbitrary bytes: ingest (with
 * options picked by the first two bytes: decimal comma, --ytd, delimiter,
 * --skip, fiscal year, dedupe, --fill, --by none, and the plan-file reading
 * of `--plan`: period column "year", future years allowed), panel, year
 * over year.  Anything but a clean status or a clean error is a bug:
 * sanitizers report it. */
#include "fdi/fdi.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fdi_ingest_options o = fdi_ingest_options_default();
    fdi_panel_options po = fdi_panel_options_default();
    fdi_frame *f = NULL;
    fdi_panel *p = NULL;
    fdi_error err;
    uint8_t flags = size ? data[0] : 0, more = size > 1 ? data[1] : 0;
    if (size > 1) {
        data += 2;
        size -= 2;
    } else if (size) {
        data++;
        size--;
    }
    if (more & 1) { /* as fdi reads a plan file */
        o.period_col = "year";
        o.latest = INT32_MAX;
    }
    if (flags & 1) {
        o.number.decimal = ',';
        o.number.thousands = '.';
    }
    o.ytd = (flags >> 1) & 1;
    if (flags & 4)
        o.delimiter = ';';
    if (flags & 8)
        o.skip = flags >> 5;
    po.fy_start = 1 + (flags >> 4) % 12;
    po.dedupe = (fdi_dedupe)((flags >> 2) & 3);
    po.fill_zero = (flags >> 7) & 1;
    if (flags & 0x40)
        po.by = "none";
    if (fdi_ingest_buffer((const char *)data, size, "fuzz", &o, &f, &err) != FDI_OK)
        return 0;
    if (fdi_panel_build(f, &po, &p, &err) == FDI_OK) {
        size_t S = fdi_panel_nseries(p), T = fdi_panel_nperiods(p);
        fdi_yoy *y = calloc(S ? S : 1, sizeof *y);
        if (y && T) {
            int32_t as_of = fdi_panel_period(p, T - 1);
            if (fdi_measures_yoy(p, as_of, y, &err) == FDI_OK && S) {
                char note[512];
                fdi_plan_figures pl = fdi_measures_plan(&y[0], 100, 200);
                fdi_notes_text(y[0].notes, &y[0], &pl, note, sizeof note);
            }
        }
        free(y);
        fdi_panel_destroy(p);
    }
    fdi_frame_destroy(f);
    return 0;
}
