/* t1full.c - T1-full (issue 5): the year to date and the year-over-year
 * multiple for every series and every month of a cube, through the
 * library, checksummed as the peers in bench/peers/ checksum them.
 *
 *   build/bench_t1full FILE [VALUE_COLUMN]     (default value_usd_m)
 *
 * prints "ytd_sum,multiple_count,multiple_sum" and one line of numbers:
 *   ytd_sum         the year to date at every observed cell (a series-month
 *                   with a value), summed
 *   multiple_count  the cells with a multiple: observed this month and the
 *                   same month a year before, with a positive base
 *   multiple_sum    those multiples, summed
 * The work is what `fdi yoy` does at one month, done at every month: ingest
 * (split in place on two threads), the panel (year to date by the kernels),
 * then fdi_kernel_ratio on every row, in blocks of series that stay in
 * cache, the series shared by two threads.  It is timed whole-process by
 * bench/t1.sh, beside the peers, whose checksums must agree with this
 * one. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "fdi/fdi.h"

typedef struct {
    const fdi_panel *p;
    size_t lo, hi; /* series */
    double ytd_sum, mult_sum;
    size_t mult_count;
    int failed;
} slice;

static void *sum_slice(void *arg)
{
    slice *sl = arg;
    const fdi_panel *p = sl->p;
    size_t T = fdi_panel_nperiods(p), n = sl->hi - sl->lo;
    int step = 12 / fdi_panel_freq(p);
    enum { BLOCK = 2048 }; /* series at a time (see below) */
    double *mult = malloc(BLOCK * sizeof *mult);
    if (!mult) {
        sl->failed = 1;
        return NULL;
    }
    /* a row's series in blocks that stay in cache from the first loop to
     * the last (each cell is read from memory once) */
    for (size_t t = 0; t < T; t++) {
        long tp = fdi_panel_row(p, fdi_panel_period(p, t) - 12);
        int has_prev = tp >= 0 && 12 % step == 0;
        for (size_t b = 0; b < n; b += BLOCK) {
            size_t m = n - b < BLOCK ? n - b : BLOCK, at = sl->lo + b;
            const double *flow = fdi_panel_flow(p, t) + at, *cum = fdi_panel_cum(p, t) + at;
            for (size_t i = 0; i < m; i++)
                sl->ytd_sum += flow[i] == flow[i] ? cum[i] : 0.0;
            if (!has_prev)
                continue;
            const double *flow_prev = fdi_panel_flow(p, (size_t)tp) + at;
            fdi_kernel_ratio(cum, fdi_panel_cum(p, (size_t)tp) + at, m, mult);
            for (size_t i = 0; i < m; i++)
                if (mult[i] == mult[i] && flow[i] == flow[i] && flow_prev[i] == flow_prev[i]) {
                    sl->mult_sum += mult[i];
                    sl->mult_count++;
                }
        }
    }
    free(mult);
    return NULL;
}

int main(int argc, char **argv)
{
    fdi_ingest_options o = fdi_ingest_options_default();
    fdi_panel_options po = fdi_panel_options_default();
    fdi_frame *f = NULL;
    fdi_panel *p = NULL;
    fdi_error err;
    char msg[512];
    if (argc < 2) {
        fprintf(stderr, "usage: bench_t1full FILE [VALUE_COLUMN]\n");
        return 1;
    }
#if defined(__GLIBC__) /* as the fdi command does (engine/cli/main.c) */
    mallopt(M_MMAP_THRESHOLD, 1 << 30);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
    o.path = argv[1];
    o.value_cols = argc > 2 ? argv[2] : "value_usd_m";
    if (fdi_ingest_csv(&o, &f, &err) != FDI_OK || fdi_panel_build(f, &po, &p, &err) != FDI_OK) {
        fdi_error_format(&err, msg, sizeof msg);
        fprintf(stderr, "bench_t1full: %s\n", msg);
        fdi_frame_destroy(f);
        return 2;
    }
    size_t S = fdi_panel_nseries(p);
    slice sl[2] = {{p, 0, S / 2, 0, 0, 0, 0}, {p, S / 2, S, 0, 0, 0, 0}};
    pthread_t tid;
    int threaded = pthread_create(&tid, NULL, sum_slice, &sl[1]) == 0;
    sum_slice(&sl[0]);
    if (threaded)
        pthread_join(tid, NULL);
    else
        sum_slice(&sl[1]);
    if (sl[0].failed || sl[1].failed) {
        fprintf(stderr, "bench_t1full: out of memory\n");
        return 2;
    }
    printf("ytd_sum,multiple_count,multiple_sum\n%.17g,%zu,%.17g\n", sl[0].ytd_sum + sl[1].ytd_sum,
           sl[0].mult_count + sl[1].mult_count, sl[0].mult_sum + sl[1].mult_sum);
    fdi_panel_destroy(p);
    fdi_frame_destroy(f);
    return 0;
}
