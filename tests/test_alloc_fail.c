/* test_alloc_fail.c - out of memory at every allocation.
 *
 * Linked with -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc: every
 * allocation fdi makes goes through the wrappers below, and the Nth one
 * fails.  The walk runs a whole job (ingest of the real Hai Phong file,
 * panel, year over year, year-end forecast, scenarios) for N = 1, 2, ...
 * until a run needs no more than N allocations: each failed run must
 * return FDI_ENOMEM with a message (never crash, never report another
 * error, never leak: the sanitizer build's leak checker runs at exit).
 * Allocations inside libcsv and GSL are theirs and not injected.
 */
#include "check.h"

#include <stdlib.h>

#include "fdi/fdi.h"

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t m);
void *__real_realloc(void *p, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t m);
void *__wrap_realloc(void *p, size_t n);

static long count, fail_at = -1;

static int fail_now(void)
{
    return ++count == fail_at;
}

void *__wrap_malloc(size_t n) { return fail_now() ? NULL : __real_malloc(n); }
void *__wrap_calloc(size_t n, size_t m) { return fail_now() ? NULL : __real_calloc(n, m); }
void *__wrap_realloc(void *p, size_t n) { return fail_now() ? NULL : __real_realloc(p, n); }

#define HP FDI_SOURCE_DIR "/datasets/haiphong/haiphong_fdi.csv"
#define SC FDI_SOURCE_DIR "/datasets/haiphong/scenarios.csv"

/* The whole job; returns the first status that is not OK. */
static fdi_status job(fdi_error *err)
{
    fdi_ingest_options o = fdi_ingest_options_default();
    fdi_panel_options po = fdi_panel_options_default();
    fdi_filter flt[1] = {{"flow", "new|adjusted"}};
    fdi_frame *f = NULL;
    fdi_panel *p = NULL;
    fdi_scenarios *sc = NULL;
    fdi_whatif *w = NULL;
    fdi_whatif_scratch *x = NULL;
    fdi_yoy *y = NULL;
    double *hist = NULL, *paths = NULL;
    fdi_status st;
    o.path = HP;
    o.value_cols = "value_usd_m";
    po.filters = flt;
    po.nfilters = 1;
    po.by = "area";
    po.as_of = 2016 * 12 + 8;
    if ((st = fdi_ingest_csv(&o, &f, err)) != FDI_OK)
        goto out;
    if ((st = fdi_panel_build(f, &po, &p, err)) != FDI_OK)
        goto out;
    size_t S = fdi_panel_nseries(p);
    y = calloc(S, sizeof *y);
    if (!y) {
        st = fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
        goto out;
    }
    if ((st = fdi_measures_yoy(p, po.as_of, y, err)) != FDI_OK)
        goto out;
    long last = fdi_panel_row(p, po.as_of);
    hist = malloc(((size_t)last + 1) * sizeof *hist);
    paths = malloc(500 * 3 * sizeof *paths);
    if (!hist || !paths) {
        st = fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
        goto out;
    }
    if ((st = fdi_scenarios_read(SC, &sc, err)) != FDI_OK)
        goto out;
    if ((st = fdi_whatif_bind(sc, p, 2016 * 12 + 9, 3, SC, &w, err)) != FDI_OK)
        goto out;
    if (!(x = fdi_whatif_scratch_new(w, 500))) {
        st = fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
        goto out;
    }
    fdi_whatif_result res[16];
    for (size_t s = 0; s < S; s++) {
        fdi_yearend ye;
        fdi_fc_config c = fdi_fc_config_default(12, 9);
        for (size_t t = 0; t <= (size_t)last; t++)
            hist[t] = fdi_panel_flow(p, t)[s];
        st = fdi_fc_yearend_paths(FDI_FC_ENSEMBLE, hist, (size_t)last + 1, &c, 3000, 500, 1,
                                  paths, &ye, err);
        if (st != FDI_OK)
            goto out;
        if ((st = fdi_whatif_eval(w, s, paths, 500, ye.ytd, ye.widen, ye.nonneg, 3000, x,
                                   res)) != FDI_OK)
            goto out;
    }
out:
    fdi_whatif_scratch_free(x);
    fdi_whatif_free(w);
    fdi_scenarios_free(sc);
    free(paths);
    free(hist);
    free(y);
    fdi_panel_destroy(p);
    fdi_frame_destroy(f);
    return st;
}

#define PA FDI_SOURCE_DIR "/tests/totals/provinces_all.csv"

/* fdi info's total rows (fdi_info_totals) of a file whose keys are
 * tested for totals by their figures too (panel/figures.h). */
static fdi_status job_totals(fdi_error *err)
{
    fdi_ingest_options o = fdi_ingest_options_default();
    fdi_panel_options po = fdi_panel_options_default();
    fdi_frame *f = NULL;
    fdi_table *t = NULL;
    o.path = PA;
    fdi_status st = fdi_ingest_csv(&o, &f, err);
    if (st == FDI_OK)
        st = fdi_info_totals(f, &po, &t, err);
    fdi_table_destroy(t);
    fdi_frame_destroy(f);
    return st;
}

/* job failing at every allocation in turn: ENOMEM with a message each
 * time; the count of runs that did otherwise. */
static long walk(fdi_status (*run)(fdi_error *))
{
    fdi_error err = {0};
    count = 0;
    fail_at = -1;
    CHECK(run(&err) == FDI_OK);
    long total = count;
    printf("a whole run makes %ld allocations\n", total);
    CHECK(total > 50);
    long bad = 0;
    for (long n = 1; n <= total; n++) {
        memset(&err, 0, sizeof err);
        count = 0;
        fail_at = n;
        fdi_status st = run(&err);
        if (st != FDI_ENOMEM && !(st == FDI_OK && count < n)) {
            if (bad++ < 10)
                fprintf(stderr, "allocation %ld failing gave %s: %s\n", n,
                        fdi_status_name(st), err.message);
        } else if (st == FDI_ENOMEM && !err.message[0]) {
            if (bad++ < 10)
                fprintf(stderr, "allocation %ld: out of memory without a message\n", n);
        }
    }
    fail_at = -1;
    return bad;
}

int main(void)
{
    CHECK_INT(walk(job), 0);
    CHECK_INT(walk(job_totals), 0);
    return check_report("test_alloc_fail");
}
