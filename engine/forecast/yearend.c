/* yearend.c - where the year will end: the model's distribution
 * (yearend_model.c), scaled to the series' own record at the same month
 * of past years (calibrate.c) when calibration is on: the totals by the
 * body factor, the 95% bounds by their own (fdi__fc_tail_factor). */
#include "forecast/fc_internal.h"

#include <stdlib.h>

fdi_status fdi_fc_yearend(fdi_fc_method method, const double *y, size_t n,
                          const fdi_fc_config *c, double target, size_t npaths,
                          unsigned long seed, fdi_yearend *out, fdi_error *err)
{
    return fdi_fc_yearend_paths(method, y, n, c, target, npaths, seed, NULL, out, err);
}

/* Scale the totals around their mean by out->widen; a flow that cannot be
 * negative (as its paths) never ends below the year to date. */
static void widen(fdi_yearend *out, double *tot, size_t npaths, int nonneg)
{
    for (size_t p = 0; out->widen != 1.0 && p < npaths; p++) {
        tot[p] = out->mean + out->widen * (tot[p] - out->mean);
        if (nonneg && tot[p] < out->ytd)
            tot[p] = out->ytd;
    }
}

fdi_status fdi_fc_yearend_paths(fdi_fc_method method, const double *y, size_t n,
                                const fdi_fc_config *c, double target, size_t npaths,
                                unsigned long seed, double *keep, fdi_yearend *out,
                                fdi_error *err)
{
    int nonneg = 0;
    if (npaths < 100)
        npaths = 100;
    double *tot = malloc(npaths * sizeof *tot);
    if (!tot)
        return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    fdi_status st = fdi__fc_yearend_model(method, y, n, c, target, npaths, seed, keep, out, tot,
                                          &nonneg, err);
    if (st == FDI_OK && out->left > 0) {
        fdi_fc_config cc = *c;
        cc.pos = c->pos % c->m;
        fdi_fc_calibration cal;
        if (cc.calibrate) /* scale by the series' own record */
            st = fdi__fc_calibration(method, y, n, &cc, npaths, seed, &cal, err);
        if (st == FDI_OK && cc.calibrate) {
            if (!cal.years)
                out->notes |= FDI_FC_NOTE_UNCALIBRATED;
            out->widen = cal.k80;
            out->widen95 = cal.k95;
            widen(out, tot, npaths, nonneg);
        }
        fdi__fc_yearend_summarise(out, tot, npaths, target, c);
        if (out->point < out->lo80 || out->point > out->hi80)
            out->notes |= FDI_FC_NOTE_OFF_INTERVAL;
    }
    free(tot);
    return st;
}
