/* kernels.c - T3: the year-to-date and year-over-year kernels alone, on an
 * in-memory panel, against a memory-bandwidth loop run in the same program.
 *
 * The panel is period-major like fdi_panel: T months x S series doubles,
 * row t contiguous over the series, the first row a January.  Flows are
 * seeded values with about 1% NaN (missing).  Timed, each on 1 and on 2
 * threads (the series of every row split in two halves):
 *
 *   copy, add, triad  STREAM's loops (McCalpin) over three arrays of T*S
 *                     doubles: 16, 24 and 24 bytes per element
 *   ytd               the year to date for every series and month, in the
 *                     pattern of fdi_panel_build, step (5): a January row
 *                     starts from zero and fdi_kernel_accumulate adds the
 *                     month's flows; any other row is made from the row
 *                     before in one pass by fdi_kernel_accumulate_from
 *   yoy               the multiple for every series and month with a year
 *                     before it: fdi_kernel_ratio(ytd[t], ytd[t - 12]), the
 *                     kernel fdi_measures_yoy runs at one as-of month
 *
 * Bytes are those of the arrays each computation has to read and write,
 * each once, write-allocate not counted (STREAM's convention):
 *   ytd  18 B a cell: flows read (8), ytd written (8), missing count (2)
 *   yoy  24 B a cell: this year's and last year's ytd read, multiple written
 * Anything the code moves beyond that (the copy of the row before, a second
 * pass over the flows) shows as lower GB/s, which is the point.
 *
 * Correctness: after every timed computation a plain scalar loop recomputes
 * a sample of series and must agree exactly (same additions in the same
 * order); the program exits 1 if not.
 *
 * Prints the machine and a Markdown table: computation, threads, median ms
 * (min-max over the runs), GB/s at the median, and % of the best bandwidth
 * loop on the same number of threads.
 *
 * usage: kernels [--months T] [--series S] [--runs R] [--seed N]
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fdi/kernels.h"

enum { MAXTHREADS = 2, MAXRUNS = 51, NKINDS = 5 };

typedef enum { K_COPY, K_ADD, K_TRIAD, K_YTD, K_YOY } kind;

static const char *const kind_name[NKINDS] = {
    "bandwidth: copy c=a", "bandwidth: add c=a+b", "bandwidth: triad a=b+q*c",
    "ytd: fdi_kernel_accumulate(_from), every month", "yoy: fdi_kernel_ratio, every month"};

typedef struct {
    size_t T, S;
    double *flow, *cum, *mult; /* T x S, period-major */
    uint16_t *miss;            /* T x S */
    double *a, *b, *c;         /* T*S each, for the bandwidth loops */
} bench;

typedef struct {
    bench *b;
    kind k;
    size_t lo, hi; /* series (panel) or elements (bandwidth) */
} job;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* splitmix64: seeded, the same panel every run */
static uint64_t next_u64(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static double next_unit(uint64_t *state)
{
    return (double)(next_u64(state) >> 11) * 0x1.0p-53;
}

/* The year to date of series lo..hi-1, row by row as fdi_panel_build does. */
static void ytd_rows(bench *b, size_t lo, size_t hi)
{
    size_t S = b->S, n = hi - lo;
    for (size_t t = 0; t < b->T; t++) {
        double *cum = b->cum + t * S + lo;
        uint16_t *miss = b->miss + t * S + lo;
        if (t % 12 == 0) { /* as engine/panel/panel.c builds a flow panel's year to date */
            memset(cum, 0, n * sizeof *cum);
            memset(miss, 0, n * sizeof *miss); /* the engine's is calloc'd */
            fdi_kernel_accumulate(b->flow + t * S + lo, n, cum, miss);
        } else {
            fdi_kernel_accumulate_from(b->flow + t * S + lo, cum - S, miss - S, n, cum, miss);
        }
    }
}

static void yoy_rows(bench *b, size_t lo, size_t hi)
{
    size_t S = b->S;
    for (size_t t = 12; t < b->T; t++)
        fdi_kernel_ratio(b->cum + t * S + lo, b->cum + (t - 12) * S + lo, hi - lo,
                         b->mult + t * S + lo);
}

static void *run(void *arg)
{
    job *j = arg;
    double *restrict a = j->b->a, *restrict b = j->b->b, *restrict c = j->b->c;
    const double q = 3.0;
    switch (j->k) {
    case K_COPY:
        for (size_t i = j->lo; i < j->hi; i++)
            c[i] = a[i];
        break;
    case K_ADD:
        for (size_t i = j->lo; i < j->hi; i++)
            c[i] = a[i] + b[i];
        break;
    case K_TRIAD:
        for (size_t i = j->lo; i < j->hi; i++)
            a[i] = b[i] + q * c[i];
        break;
    case K_YTD:
        ytd_rows(j->b, j->lo, j->hi);
        break;
    case K_YOY:
        yoy_rows(j->b, j->lo, j->hi);
        break;
    }
    return NULL;
}

/* One timed run on `threads` threads; seconds, or -1 if a thread failed to
 * start. */
static double timed(bench *b, kind k, size_t threads)
{
    size_t n = k == K_YTD || k == K_YOY ? b->S : b->T * b->S;
    pthread_t tid[MAXTHREADS];
    job jobs[MAXTHREADS];
    for (size_t i = 0; i < threads; i++) {
        /* split on 8-element (64-byte) boundaries */
        size_t lo = n * i / threads & ~(size_t)7, hi = n * (i + 1) / threads & ~(size_t)7;
        jobs[i] = (job){b, k, lo, i + 1 == threads ? n : hi};
    }
    double t0 = now();
    for (size_t i = 1; i < threads; i++)
        if (pthread_create(&tid[i], NULL, run, &jobs[i]) != 0)
            return -1;
    run(&jobs[0]);
    for (size_t i = 1; i < threads; i++)
        pthread_join(tid[i], NULL);
    return now() - t0;
}

/* The sample check: series 0, 997, 1994, ... and the last, recomputed by a
 * plain loop; each returns the number of disagreeing cells. */
static size_t check_ytd_series(const bench *b, size_t s)
{
    size_t bad = 0;
    double sum = 0;
    unsigned m = 0;
    for (size_t t = 0; t < b->T; t++) {
        double v = b->flow[t * b->S + s], got = b->cum[t * b->S + s];
        unsigned gotm = b->miss[t * b->S + s];
        if (t % 12 == 0)
            sum = 0, m = 0;
        sum += v == v ? v : 0.0;
        m += v != v;
        if ((got != sum || gotm != m) && bad++ < 3)
            fprintf(stderr, "ytd differs: series %zu month %zu: %.17g (missing %u), "
                    "expected %.17g (%u)\n", s, t, got, gotm, sum, m);
    }
    return bad;
}

static size_t check_yoy_series(const bench *b, size_t s)
{
    size_t bad = 0;
    for (size_t t = 12; t < b->T; t++) {
        double num = b->cum[t * b->S + s], base = b->cum[(t - 12) * b->S + s];
        double want = base > 0 ? num / base : (double)NAN;
        double got = b->mult[t * b->S + s];
        if (!(got == want || (got != got && want != want)) && bad++ < 3)
            fprintf(stderr, "yoy differs: series %zu month %zu: %.17g, expected %.17g\n",
                    s, t, got, want);
    }
    return bad;
}

static size_t check(const bench *b, kind k)
{
    size_t bad = 0;
    if (k != K_YTD && k != K_YOY)
        return 0;
    for (size_t s = 0; s < b->S; s += 997)
        bad += k == K_YTD ? check_ytd_series(b, s) : check_yoy_series(b, s);
    bad += k == K_YTD ? check_ytd_series(b, b->S - 1) : check_yoy_series(b, b->S - 1);
    return bad;
}

static int cmp_d(const void *x, const void *y)
{
    double u = *(const double *)x, v = *(const double *)y;
    return (u > v) - (u < v);
}

static void *alloc64(size_t bytes)
{
    return aligned_alloc(64, (bytes + 63) / 64 * 64);
}

static void machine(void)
{
    char line[256], model[256] = "unknown";
    FILE *f = fopen("/proc/cpuinfo", "r");
    if (f) {
        while (fgets(line, sizeof line, f))
            if (strncmp(line, "model name", 10) == 0) {
                const char *v = strchr(line, ':');
                if (v) {
                    snprintf(model, sizeof model, "%s", v + 2);
                    model[strcspn(model, "\n")] = '\0';
                }
                break;
            }
        fclose(f);
    }
    printf("Machine: %s, %ld cores online (nproc).\n", model, sysconf(_SC_NPROCESSORS_ONLN));
}

int main(int argc, char **argv)
{
    size_t T = 300, S = 100000, runs = 7;
    uint64_t seed = 2016;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--months") == 0)
            T = strtoul(argv[i + 1], NULL, 10);
        else if (strcmp(argv[i], "--series") == 0)
            S = strtoul(argv[i + 1], NULL, 10);
        else if (strcmp(argv[i], "--runs") == 0)
            runs = strtoul(argv[i + 1], NULL, 10);
        else if (strcmp(argv[i], "--seed") == 0)
            seed = strtoull(argv[i + 1], NULL, 10);
    }
    if (T < 13 || S < 16 || runs < 1 || runs > MAXRUNS) {
        fprintf(stderr, "kernels: need --months >= 13, --series >= 16, 1 <= --runs <= %d\n", MAXRUNS);
        return 2;
    }
    size_t N = T * S;
    bench b = {T, S, alloc64(N * sizeof(double)), alloc64(N * sizeof(double)),
               alloc64(N * sizeof(double)), alloc64(N * sizeof(uint16_t)),
               alloc64(N * sizeof(double)), alloc64(N * sizeof(double)),
               alloc64(N * sizeof(double))};
    if (!b.flow || !b.cum || !b.mult || !b.miss || !b.a || !b.b || !b.c) {
        fprintf(stderr, "kernels: out of memory\n");
        return 1;
    }
    /* fill and touch every page before timing */
    uint64_t st = seed;
    for (size_t i = 0; i < N; i++) {
        double u = next_unit(&st);
        b.flow[i] = u < 0.01 ? (double)NAN : 100.0 * next_unit(&st);
        b.a[i] = 1.0, b.b[i] = 2.0, b.c[i] = 0.0;
    }
    memset(b.cum, 0, N * sizeof *b.cum);
    memset(b.mult, 0, N * sizeof *b.mult);
    memset(b.miss, 0, N * sizeof *b.miss);

    static const double cell_bytes[NKINDS] = {16, 24, 24, 18, 24};
    double elements[NKINDS] = {(double)N, (double)N, (double)N, (double)N, (double)((T - 12) * S)};
    double med[NKINDS][MAXTHREADS + 1], lo[NKINDS][MAXTHREADS + 1], hi[NKINDS][MAXTHREADS + 1];
    /* the runs interleave the computations (copy, add, triad, ytd, yoy,
     * copy, ...) so that anything else on the machine slows all alike */
    for (size_t th = 1; th <= MAXTHREADS; th++) {
        double sec[NKINDS][MAXRUNS];
        for (size_t r = 0; r <= runs; r++) /* run 0: warm-up, untimed */
            for (int k = 0; k < NKINDS; k++) {
                double dt = timed(&b, (kind)k, th);
                if (dt < 0) {
                    fprintf(stderr, "kernels: cannot start a thread\n");
                    return 1;
                }
                if (r > 0)
                    sec[k][r - 1] = dt;
            }
        for (int k = 0; k < NKINDS; k++) {
            size_t bad = check(&b, (kind)k);
            if (bad) {
                fprintf(stderr, "kernels: %s on %zu thread(s): %zu cells differ from the scalar loop\n",
                        kind_name[k], th, bad);
                return 1;
            }
            qsort(sec[k], runs, sizeof *sec[k], cmp_d);
            med[k][th] = runs % 2 ? sec[k][runs / 2] : 0.5 * (sec[k][runs / 2 - 1] + sec[k][runs / 2]);
            lo[k][th] = sec[k][0], hi[k][th] = sec[k][runs - 1];
        }
    }

    machine();
    printf("Panel: %zu months x %zu series, doubles (%.0f MB a matrix), 1%% NaN; "
           "%zu timed runs of each after one warm-up, interleaved.\n",
           T, S, (double)N * 8 / 1e6, runs);
    printf("Checked against a scalar loop on every 997th series: ytd and yoy agree exactly.\n\n");
    printf("| computation | threads | median ms (min-max) | bytes/cell | GB/s | %% of best bandwidth loop |\n");
    printf("|---|---:|---:|---:|---:|---:|\n");
    for (size_t th = 1; th <= MAXTHREADS; th++) {
        double best = 0;
        for (int k = K_COPY; k <= K_TRIAD; k++) {
            double g = elements[k] * cell_bytes[k] / med[k][th] / 1e9;
            best = g > best ? g : best;
        }
        for (int k = 0; k < NKINDS; k++) {
            double g = elements[k] * cell_bytes[k] / med[k][th] / 1e9;
            printf("| %s | %zu | %.1f (%.1f-%.1f) | %.0f | %.2f | %.0f%% |\n", kind_name[k], th,
                   1e3 * med[k][th], 1e3 * lo[k][th], 1e3 * hi[k][th], cell_bytes[k], g,
                   100 * g / best);
        }
    }
    free(b.flow), free(b.cum), free(b.mult), free(b.miss);
    free(b.a), free(b.b), free(b.c);
    return 0;
}
