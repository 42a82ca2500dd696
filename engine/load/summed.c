/* summed.c - a file read straight into a panel's --by sums
 * (fdi_ingest_summed, load.h; panel/stream.h does the summing). */
#include "fdi/load.h"
#include "frame/frame_internal.h"
#include "panel/stream.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Whether the sums can be taken as the file is read: one file (not
 * standard input: it may have to be read again), no --map (its keys come
 * after the reading), a bounded reading window, a --by that keeps the
 * measures apart, duplicates an error (--dedupe first/last/sum decide
 * among a cell's values), every matrix wanted. */
static int can_stream(const fdi_ingest_options *in, const char *const *paths, size_t npaths,
                      const fdi_panel_options *po)
{
    return npaths == 1 && paths[0] && strcmp(paths[0], "-") != 0 && !in->map &&
           in->window && in->window_from != INT32_MIN && in->window_to != INT32_MAX &&
           in->window_to >= in->window_from && po->by && strcasecmp(po->by, "none") != 0 &&
           po->dedupe == FDI_DEDUPE_ERROR && !po->source_only && po->as_of == in->window_to;
}

fdi_status fdi_ingest_summed(const fdi_ingest_options *in, const char *const *paths,
                             size_t npaths, const fdi_panel_options *po, fdi_frame **f,
                             fdi_panel **p, fdi_error *err)
{
    fdi_ingest_options o = *in;
    fdi__panel_stream s;
    fdi_error e2;
    *p = NULL;
    if (!can_stream(in, paths, npaths, po) || fdi__panel_stream_init(&s, po, in->window_from,
                                                                     in->window_to) != 0)
        return fdi_ingest_files(in, paths, npaths, f, err);
    o.drain = fdi__panel_stream_take;
    o.drain_ctx = &s;
    fdi_status st = fdi_ingest_files(&o, paths, npaths, f, err);
    if (st == FDI_OK) {
        fdi__panel_stream_take(&s, *f); /* the last observations */
        fdi__frame_forget_obs(*f);
        /* a total by its figures is found in the whole matrix only */
        st = fdi__panel_stream_figures(&s, *f) ? FDI_ECOMPUTE
                                               : fdi__panel_build_streamed(*f, po, &s, p, &e2);
        if (st != FDI_OK) {
            /* it gave up, or the panel is refused: read again the usual
             * way, which says why (a duplicate with both its lines) */
            fdi_frame_destroy(*f);
            *f = NULL;
            st = fdi_ingest_files(in, paths, npaths, f, err);
        }
    }
    fdi__panel_stream_free(&s);
    return st;
}
