/* shapes.h - the generated series the ETS search tests share: level,
 * trend, season (multiplied in or added), noise; kind 3 crosses zero (no
 * multiplicative model), kind 4 is short. */
#ifndef FDI_TEST_SHAPES_H
#define FDI_TEST_SHAPES_H

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>

/* Series number s (0, 1, ... in turn from one rng) into y[0..*n), at
 * most 160 values, with its season length in *m. */
static inline void shape_series(int s, gsl_rng *rng, double *y, size_t *n, int *m)
{
    int kind = s % 5;
    *m = s % 10 == 9 ? 4 : 12;
    *n = kind == 4 ? 30 : 48 + (size_t)(gsl_rng_uniform(rng) * 100);
    double level = 100 + 900 * gsl_rng_uniform(rng);
    double slope = (gsl_rng_uniform(rng) - 0.3) * level * 0.01;
    double amp = 0.4 * gsl_rng_uniform(rng), sd = 0.02 + 0.1 * gsl_rng_uniform(rng);
    for (size_t t = 0; t < *n; t++) {
        double season = sin(6.283185307179586 * (double)(t % (size_t)*m) / *m);
        double base = level + slope * (double)t;
        double v = kind == 1 ? base + amp * level * season : base * (1 + amp * season);
        v *= 1 + gsl_ran_gaussian(rng, sd);
        y[t] = kind == 3 ? v - level : v;
    }
}

/* fn(ctx, y, n, m, "generated s") for the 40 series of seed 16. */
static inline void shape_each(void (*fn)(void *ctx, const double *y, size_t n, int m,
                                         const char *name),
                              void *ctx)
{
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 16);
    for (int s = 0; s < 40; s++) {
        double y[160];
        size_t n;
        int m;
        char name[32];
        shape_series(s, rng, y, &n, &m);
        snprintf(name, sizeof name, "generated %d", s);
        fn(ctx, y, n, m, name);
    }
    gsl_rng_free(rng);
}

#endif
