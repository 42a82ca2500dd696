/* m3.c - the M3 monthly competition through fdi's forecasting methods.
 *
 * Reads the 1,428 monthly series (long CSV: series,category,period,value,
 * part) with fdi's own ingest, forecasts 18 months from each training part
 * with each method, and scores the test part as the competition did:
 *   sMAPE = mean over series and horizons of 200 |a - f| / (|a| + |f|)
 *   MASE  = mean |a - f| / in-sample mean |y_t - y_{t-12}|, averaged.
 * Prints one CSV row per method: method,series,smape,mase,failed,
 * cpu_seconds,series_per_second,wall_seconds,series_per_second_wall
 * (cpu_seconds: CPU time of the fits summed over threads, so
 * series_per_second is per core; wall_seconds: elapsed time from starting
 * the threads to joining them, so series_per_second_wall is the throughput
 * of all T threads together).
 *
 * The same program runs the T4 benchmark (bench/t4.sh) on generated series
 * in the same layout, with --horizon 12.
 *
 * usage: m3 FILE [--methods ets,theta,...] [--limit N] [--threads T]
 *           [--horizon H]      (months forecast and scored, default 18)
 *           [--dump OUT.csv]   (every forecast: method,series,h,forecast,label)
 *           [--coverage P]     (also simulate P paths per series and report
 *                               how often the test values fell inside the
 *                               per-step 80% and 95% intervals)
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gsl/gsl_errno.h>

#include "fdi/fdi.h"
#include "fdi/forecast.h"
#include "fdi/kernels.h"

enum { M = 12 };
static size_t H = 18; /* months forecast and scored (--horizon) */

typedef struct {
    double *train, *test;
    size_t ntrain, ntest;
    const char *name;
    char label[48];
} m3_series;

typedef struct {
    m3_series *s;
    size_t ns, from, step;
    fdi_fc_method method;
    double smape, mase, cpu;
    size_t failed;
    double *fc; /* ns x H forecasts */
    size_t paths, in80, in95, scored; /* --coverage */
} job;

/* Count the test values inside the per-step 80% and 95% intervals of
 * j->paths simulated paths (quantiles by linear interpolation). */
static void coverage(job *j, const fdi_fc_fit *f, const m3_series *s, unsigned long seed,
                     double *paths, double *col)
{
    size_t P = j->paths, h = s->ntest < H ? s->ntest : H;
    if (fdi_fc_simulate(f, H, P, seed, paths) != FDI_OK)
        return;
    for (size_t k = 0; k < h; k++) {
        for (size_t p = 0; p < P; p++)
            col[p] = paths[p * H + k];
        double q[4], lv[4] = {0.025, 0.10, 0.90, 0.975};
        size_t rank[8], nr = 0; /* each level's two order statistics */
        for (int i = 0; i < 4; i++)
            for (size_t at = (size_t)(lv[i] * (double)(P - 1)), e = at + 2; at < e && at < P; at++)
                if (nr == 0 || rank[nr - 1] < at)
                    rank[nr++] = at;
        fdi_kernel_select_ranks(col, P, rank, nr);
        for (int i = 0; i < 4; i++) {
            double x = lv[i] * (double)(P - 1);
            size_t lo = (size_t)x;
            double fr = x - (double)lo;
            q[i] = lo + 1 < P ? col[lo] * (1 - fr) + col[lo + 1] * fr : col[lo];
        }
        double a = s->test[k];
        j->in80 += a >= q[1] && a <= q[2];
        j->in95 += a >= q[0] && a <= q[3];
        j->scored++;
    }
}

static double clock_now(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static double cpu_now(void)
{
    return clock_now(CLOCK_THREAD_CPUTIME_ID);
}

static void *run_job(void *arg)
{
    job *j = arg;
    double *paths = j->paths ? malloc(j->paths * (H + 1) * sizeof *paths) : NULL;
    double t0 = cpu_now();
    for (size_t i = j->from; i < j->ns; i += j->step) {
        m3_series *s = &j->s[i];
        fdi_fc_config c = fdi_fc_config_default(M, 0);
        fdi_fc_fit *f;
        double *out = j->fc + i * H;
        if (fdi_fc_fit_series(j->method, s->train, s->ntrain, &c, &f, NULL) != FDI_OK) {
            j->failed++;
            for (size_t h = 0; h < H; h++)
                out[h] = s->train[s->ntrain - 1];
            continue;
        }
        fdi_fc_point(f, H, out);
        snprintf(s->label, sizeof s->label, "%s", fdi_fc_label(f));
        if (paths)
            coverage(j, f, s, 42 + i, paths, paths + j->paths * H);
        fdi_fc_free(f);
    }
    j->cpu = cpu_now() - t0;
    free(paths);
    return NULL;
}

/* Column of panel series k from its first to its last value. */
static double *column(const fdi_panel *p, size_t k, size_t *len)
{
    size_t T = fdi_panel_nperiods(p), a = T, b = 0;
    for (size_t t = 0; t < T; t++)
        if (!isnan(fdi_panel_source(p, t)[k])) {
            if (a == T)
                a = t;
            b = t + 1;
        }
    if (a == T)
        return NULL;
    double *v = malloc((b - a) * sizeof *v);
    for (size_t t = a; v && t < b; t++)
        v[t - a] = fdi_panel_source(p, t)[k];
    *len = b - a;
    return v;
}

static size_t load(const char *path, m3_series **out, fdi_frame **keep)
{
    fdi_ingest_options o = fdi_ingest_options_default();
    o.path = path;
    o.key_cols = "series,category,part";
    o.value_cols = "value";
    fdi_frame *fr;
    fdi_error err = {0};
    if (fdi_ingest_csv(&o, &fr, &err) != FDI_OK) {
        char buf[700];
        fdi_error_format(&err, buf, sizeof buf);
        fprintf(stderr, "m3: %s\n", buf);
        exit(2);
    }
    fdi_panel_options po = fdi_panel_options_default();
    /* only the figures as read (monthly flows here): the series span
     * 1857..2005, and the dense panel with year to date and missing counts
     * besides would be refused as too sparse */
    po.source_only = 1;
    fdi_panel *p;
    if (fdi_panel_build(fr, &po, &p, &err) != FDI_OK) {
        fprintf(stderr, "m3: panel: %s\n", err.message);
        exit(2);
    }
    size_t S = fdi_panel_nseries(p), nd = fdi_panel_ndims(p), ds = 0, dp = 0;
    for (size_t d = 0; d < nd; d++) {
        if (strcmp(fdi_panel_dim_name(p, d), "series") == 0)
            ds = d;
        if (strcmp(fdi_panel_dim_name(p, d), "part") == 0)
            dp = d;
    }
    m3_series *s = calloc(S, sizeof *s);
    const char **names = calloc(S, sizeof *names);
    size_t ns = 0;
    for (size_t k = 0; k < S; k++) {
        const char *name = fdi_panel_label(p, k, ds);
        int is_test = strcmp(fdi_panel_label(p, k, dp), "test") == 0;
        size_t i = 0;
        while (i < ns && strcmp(names[i], name) != 0)
            i++;
        if (i == ns)
            names[ns++] = name;
        s[i].name = name;
        size_t len = 0;
        double *v = column(p, k, &len);
        if (is_test) {
            s[i].test = v;
            s[i].ntest = len;
        } else {
            s[i].train = v;
            s[i].ntrain = len;
        }
    }
    free(names);
    fdi_panel_destroy(p);
    *keep = fr; /* the names live in the frame's dictionaries */
    *out = s;
    return ns;
}

static void score(const m3_series *s, size_t ns, const double *fc, double *smape, double *mase)
{
    double ss = 0, ms = 0;
    size_t cnt = 0;
    for (size_t i = 0; i < ns; i++) {
        const m3_series *x = &s[i];
        double scale = 0;
        for (size_t t = M; t < x->ntrain; t++)
            scale += fabs(x->train[t] - x->train[t - M]);
        scale /= (double)(x->ntrain - M);
        double se = 0, ae = 0;
        size_t h = x->ntest < H ? x->ntest : H;
        for (size_t k = 0; k < h; k++) {
            double a = x->test[k], f = fc[i * H + k];
            se += 200 * fabs(a - f) / (fabs(a) + fabs(f));
            ae += fabs(a - f);
        }
        ss += se / (double)h;
        ms += ae / (double)h / scale;
        cnt++;
    }
    *smape = ss / (double)cnt;
    *mase = ms / (double)cnt;
}

int main(int argc, char **argv)
{
    const char *path = NULL, *methods = "snaive,theta,ets,ensemble,auto", *dump = NULL;
    size_t limit = 0, threads = 2, paths = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--methods") == 0 && i + 1 < argc)
            methods = argv[++i];
        else if (strcmp(argv[i], "--limit") == 0 && i + 1 < argc)
            limit = strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--coverage") == 0 && i + 1 < argc)
            paths = strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--dump") == 0 && i + 1 < argc)
            dump = argv[++i];
        else if (strcmp(argv[i], "--threads") == 0 && i + 1 < argc)
            threads = strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--horizon") == 0 && i + 1 < argc)
            H = strtoul(argv[++i], NULL, 10);
        else
            path = argv[i];
    }
    if (!path || threads < 1 || threads > 64 || H < 1 || H > 1000) {
        fprintf(stderr, "usage: m3 FILE [--methods a,b] [--limit N] [--threads T] [--horizon H]\n");
        return 1;
    }
    gsl_set_error_handler_off();
    m3_series *s;
    fdi_frame *frame;
    size_t ns = load(path, &s, &frame);
    FILE *df = dump ? fopen(dump, "w") : NULL;
    if (dump && !df) {
        perror(dump);
        return 1;
    }
    if (df)
        fprintf(df, "method,series,h,forecast,label\n");
    if (limit && limit < ns)
        ns = limit;
    double *fc = malloc(ns * H * sizeof *fc);
    printf("method,series,smape,mase,failed,cpu_seconds,series_per_second,wall_seconds,"
           "series_per_second_wall%s\n",
           paths ? ",cover80,cover95" : "");
    char *list = strdup(methods);
    for (char *tok = strtok(list, ","); tok; tok = strtok(NULL, ",")) {
        fdi_fc_method meth;
        if (fdi_fc_method_parse(tok, &meth) != 0) {
            fprintf(stderr, "m3: unknown method %s\n", tok);
            return 1;
        }
        job jobs[64];
        pthread_t tid[64];
        double wall = clock_now(CLOCK_MONOTONIC);
        for (size_t t = 0; t < threads; t++) {
            jobs[t] = (job){s, ns, t, threads, meth, 0, 0, 0, 0, fc, paths, 0, 0, 0};
            pthread_create(&tid[t], NULL, run_job, &jobs[t]);
        }
        double cpu = 0;
        size_t failed = 0, in80 = 0, in95 = 0, scored = 0;
        for (size_t t = 0; t < threads; t++) {
            pthread_join(tid[t], NULL);
            cpu += jobs[t].cpu;
            failed += jobs[t].failed;
            in80 += jobs[t].in80;
            in95 += jobs[t].in95;
            scored += jobs[t].scored;
        }
        wall = clock_now(CLOCK_MONOTONIC) - wall;
        double smape, mase;
        score(s, ns, fc, &smape, &mase);
        printf("%s,%zu,%.2f,%.3f,%zu,%.2f,%.1f,%.2f,%.1f", tok, ns, smape, mase, failed,
               cpu, (double)ns / cpu, wall, (double)ns / wall);
        if (paths)
            printf(",%.1f,%.1f", 100.0 * (double)in80 / (double)scored,
                   100.0 * (double)in95 / (double)scored);
        printf("\n");
        for (size_t i = 0; df && i < ns; i++)
            for (size_t h = 0; h < H; h++)
                fprintf(df, "%s,%s,%zu,%.17g,%s\n", tok, s[i].name, h + 1, fc[i * H + h],
                        s[i].label);
        fflush(stdout);
    }
    free(list);
    free(fc);
    for (size_t i = 0; i < ns; i++) {
        free(s[i].train);
        free(s[i].test);
    }
    free(s);
    fdi_frame_destroy(frame);
    if (df)
        fclose(df);
    return 0;
}
