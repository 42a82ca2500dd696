/* whatif.c - T5: scenario evaluation at scale.
 *
 * 1,000 monthly series and 10,000 scenarios (plus the baseline) on the
 * year-end forecast as of September: every scenario on every series, P
 * simulated paths each.  Measures scenario-evaluations per second (one
 * evaluation = one scenario on one series, all its paths) for
 *   batched  fdi_whatif_eval: one dgemm per series (1 and 2 threads)
 *   naive    fdi_whatif_eval_naive: every row applied to every path
 *            (timed on the first --naive series and reported per second)
 * and writes the inputs (scenario CSV, paths, series groups) for
 * bench/whatif_numpy.py, which does the same computation in numpy.
 *
 * usage: whatif [--series N] [--scenarios J] [--paths P] [--naive K]
 *               [--out DIR]
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "fdi/fdi.h"

enum { H = 3, GROUPS = 10, MONTHS = 33 };

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

typedef struct {
    const fdi_whatif *w;
    const double *paths;
    size_t S, P, from, step;
    fdi_whatif_result *res;
} job;

static void *run(void *arg)
{
    job *j = arg;
    size_t J = fdi_whatif_count(j->w);
    fdi_whatif_scratch *x = fdi_whatif_scratch_new(j->w, j->P);
    for (size_t s = j->from; x && s < j->S; s += j->step)
        fdi_whatif_eval(j->w, s, j->paths + s * j->P * H, j->P, 1000.0, 1.0, 0, 1300.0, x,
                        j->res + s * J);
    fdi_whatif_scratch_free(x);
    return NULL;
}

static double batched(const fdi_whatif *w, const double *paths, size_t S, size_t P,
                      size_t threads, fdi_whatif_result *res)
{
    pthread_t t[8];
    job jobs[8];
    double t0 = now();
    for (size_t i = 0; i < threads; i++) {
        jobs[i] = (job){w, paths, S, P, i, threads, res};
        pthread_create(&t[i], NULL, run, &jobs[i]);
    }
    for (size_t i = 0; i < threads; i++)
        pthread_join(t[i], NULL);
    return now() - t0;
}

int main(int argc, char **argv)
{
    size_t S = 1000, J = 10000, P = 200, K = 10;
    const char *out = NULL;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--series") == 0)
            S = strtoul(argv[i + 1], NULL, 10);
        else if (strcmp(argv[i], "--scenarios") == 0)
            J = strtoul(argv[i + 1], NULL, 10);
        else if (strcmp(argv[i], "--paths") == 0)
            P = strtoul(argv[i + 1], NULL, 10);
        else if (strcmp(argv[i], "--naive") == 0)
            K = strtoul(argv[i + 1], NULL, 10);
        else if (strcmp(argv[i], "--out") == 0)
            out = argv[i + 1];
    }
    if (K > S)
        K = S;
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 2016);
    /* the panel: S series in GROUPS groups, 2014-01 .. 2016-09 */
    size_t cap = S * MONTHS * 48 + 64, len = 0;
    char *csv = malloc(cap);
    len += (size_t)snprintf(csv, cap, "period,series,grp,value\n");
    for (size_t s = 0; s < S; s++)
        for (int t = 0; t < MONTHS; t++)
            len += (size_t)snprintf(csv + len, cap - len, "%d-%02d,s%zu,g%zu,%.2f\n",
                                    2014 + t / 12, t % 12 + 1, s, s % GROUPS,
                                    50 + 100 * gsl_rng_uniform(rng));
    fdi_ingest_options io = fdi_ingest_options_default();
    fdi_panel_options po = fdi_panel_options_default();
    fdi_frame *fr;
    fdi_panel *p;
    fdi_error err;
    if (fdi_ingest_buffer(csv, len, "bench", &io, &fr, &err) != FDI_OK ||
        fdi_panel_build(fr, &po, &p, &err) != FDI_OK) {
        fprintf(stderr, "whatif: %s\n", err.message);
        return 1;
    }
    free(csv);
    /* the scenarios: one or two rows each, all five operations */
    static const char *const ops[] = {"scale", "add", "set", "growth", "shift"};
    cap = J * 2 * 80 + 64;
    char *sc = malloc(cap);
    len = (size_t)snprintf(sc, cap, "scenario,filter,from,to,op,value\n");
    for (size_t j = 0; j < J; j++) {
        int rows = 1 + (gsl_rng_uniform(rng) < 0.3);
        for (int r = 0; r < rows; r++) {
            int op = (int)gsl_rng_uniform_int(rng, 5);
            int a = (int)gsl_rng_uniform_int(rng, H);
            int b = a + (int)gsl_rng_uniform_int(rng, (unsigned long)(H - a));
            if (op == 4 && a == b)
                b = (a + 1) % H;
            double v = op == 0 ? 0.5 + gsl_rng_uniform(rng) : op == 3 ? 20 * gsl_rng_uniform(rng) - 10
                                                                      : 300 * gsl_rng_uniform(rng) - 50;
            char filter[16] = "";
            if (gsl_rng_uniform(rng) < 0.5)
                snprintf(filter, sizeof filter, "grp=g%lu", gsl_rng_uniform_int(rng, GROUPS));
            len += (size_t)snprintf(sc + len, cap - len, "q%zu,%s,2016-%02d,2016-%02d,%s,%.6f\n",
                                    j, filter, 10 + a, 10 + b, ops[op], v);
        }
    }
    fdi_scenarios *scen;
    fdi_whatif *w;
    if (fdi_scenarios_parse(sc, len, "bench-scenarios", &scen, &err) != FDI_OK ||
        fdi_whatif_bind(scen, p, 2016 * 12 + 9, H, "bench-scenarios", &w, &err) != FDI_OK) {
        fprintf(stderr, "whatif: %s\n", err.message);
        return 1;
    }
    double *paths = malloc(S * P * H * sizeof *paths);
    for (size_t i = 0; i < S * P * H; i++)
        paths[i] = 100 + gsl_ran_gaussian(rng, 30);
    size_t Jt = fdi_whatif_count(w);
    fdi_whatif_result *res = malloc(S * Jt * sizeof *res), *ref = malloc(K * Jt * sizeof *ref);
    double t1 = batched(w, paths, S, P, 1, res);
    double t2 = batched(w, paths, S, P, 2, res);
    double t0 = now();
    for (size_t s = 0; s < K; s++)
        fdi_whatif_eval_naive(w, s, paths + s * P * H, P, 1000.0, 1.0, 0, 1300.0,
                              ref + s * Jt);
    double tn = now() - t0;
    double worst = 0, check = 0;
    for (size_t i = 0; i < K * Jt; i++) {
        double d = fabs(res[i].mean - ref[i].mean) / fmax(1.0, fabs(ref[i].mean));
        worst = fmax(worst, d);
    }
    for (size_t i = 0; i < S * Jt; i++)
        check += res[i].mean;
    double evals = (double)(S * Jt), nevals = (double)(K * Jt);
    printf("series,scenarios,paths,batched_1t_s,batched_2t_s,evals_per_s_1t,evals_per_s_2t,"
           "naive_series,naive_s,naive_evals_per_s,max_rel_diff,checksum_mean\n");
    printf("%zu,%zu,%zu,%.3f,%.3f,%.0f,%.0f,%zu,%.3f,%.0f,%.2e,%.10e\n", S, Jt, P, t1, t2,
           evals / t1, evals / t2, K, tn, nevals / tn, worst, check / (double)(S * Jt));
    if (out) { /* the inputs for bench/whatif_numpy.py */
        char path[1024];
        snprintf(path, sizeof path, "%s/scenarios.csv", out);
        FILE *f = fopen(path, "w");
        if (f) {
            fwrite(sc, 1, len, f);
            fclose(f);
        }
        snprintf(path, sizeof path, "%s/paths.f64", out);
        f = fopen(path, "wb");
        if (f) {
            fwrite(paths, sizeof *paths, S * P * H, f);
            fclose(f);
        }
        snprintf(path, sizeof path, "%s/means.f64", out);
        f = fopen(path, "wb");
        for (size_t i = 0; f && i < S * Jt; i++)
            fwrite(&res[i].mean, sizeof res[i].mean, 1, f);
        if (f)
            fclose(f);
        snprintf(path, sizeof path, "%s/groups.txt", out);
        f = fopen(path, "w");
        for (size_t s = 0; f && s < S; s++)
            fprintf(f, "%s\n", fdi_panel_label(p, s, 1));
        if (f)
            fclose(f);
    }
    free(sc);
    free(paths);
    free(res);
    free(ref);
    fdi_whatif_free(w);
    fdi_scenarios_free(scen);
    fdi_panel_destroy(p);
    fdi_frame_destroy(fr);
    gsl_rng_free(rng);
    return worst < 1e-9 ? 0 : 3;
}
