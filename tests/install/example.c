/* example.c - a program using the installed libfdi: built by
 * tests/install/run.sh with `pkg-config --cflags --libs --static fdi`.
 * Reads the Hai Phong file and prints the Economic Zone's year to date and
 * year-over-year multiple at 2016-09. */
#include <fdi/fdi.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    fdi_ingest_options o = fdi_ingest_options_default();
    fdi_panel_options po = fdi_panel_options_default();
    fdi_filter flt[2] = {{"area", "Hai Phong Economic Zone"}, {"flow", "new|adjusted"}};
    fdi_frame *f;
    fdi_panel *p;
    fdi_yoy y;
    fdi_error err;
    if (argc < 2)
        return 2;
    o.path = argv[1];
    o.value_cols = "value_usd_m";
    po.filters = flt;
    po.nfilters = 2;
    po.by = "area";
    po.as_of = 2016 * 12 + 8;
    if (fdi_ingest_csv(&o, &f, &err) != FDI_OK || fdi_panel_build(f, &po, &p, &err) != FDI_OK ||
        fdi_measures_yoy(p, po.as_of, &y, &err) != FDI_OK) {
        fprintf(stderr, "example: %s\n", err.message);
        return 1;
    }
    printf("ytd %.2f multiple %.4f\n", y.ytd, y.multiple);
    fdi_panel_destroy(p);
    fdi_frame_destroy(f);
    return 0;
}
