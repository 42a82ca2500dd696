/* rng.h - the simulation's random numbers: GSL's mt19937 and gsl_ran_gaussian,
 * draw for draw, without GSL's calls through function pointers.
 *
 * fdi__rng_seed(r, s) puts r where gsl_rng_set(gsl_rng_mt19937, s) puts a
 * gsl_rng; from there fdi__rng_get, fdi__rng_gaussian and
 * fdi__rng_uniform_int return what gsl_rng_get, gsl_ran_gaussian (Marsaglia's
 * polar method, one of the pair kept) and gsl_rng_uniform_int return, bit for
 * bit (tests/test_fc_rng.c), so every simulated path, and every interval
 * drawn from paths, is as it was with GSL's generator.  The speed comes from
 * the tempering done 624 outputs at a time and the draws inlined into the
 * simulation loops. */
#ifndef FDI_FORECAST_RNG_H
#define FDI_FORECAST_RNG_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

enum { FDI_RNG_N = 624 };

typedef struct {
    uint32_t mt[FDI_RNG_N];  /* the Mersenne twister's state */
    uint32_t out[FDI_RNG_N]; /* its next outputs, tempered */
    size_t pos;              /* the next output to hand out */
} fdi__rng;

/* As gsl_rng_set on a gsl_rng_mt19937 generator (seed 0 means 4357). */
void fdi__rng_seed(fdi__rng *r, unsigned long seed);
/* The next 624 outputs (pos back to 0). */
void fdi__rng_refill(fdi__rng *r);

static inline uint32_t fdi__rng_get(fdi__rng *r)
{
    if (r->pos >= FDI_RNG_N)
        fdi__rng_refill(r);
    return r->out[r->pos++];
}

/* As gsl_rng_uniform_pos: uniform on (0, 1). */
static inline double fdi__rng_uniform_pos(fdi__rng *r)
{
    double x;
    do
        x = fdi__rng_get(r) / 4294967296.0;
    while (x == 0);
    return x;
}

/* As gsl_ran_gaussian(r, sigma), with the same arithmetic. */
static inline double fdi__rng_gaussian(fdi__rng *r, double sigma)
{
    double x, y, r2;
    do {
        x = -1 + 2 * fdi__rng_uniform_pos(r);
        y = -1 + 2 * fdi__rng_uniform_pos(r);
        r2 = x * x + y * y;
    } while (r2 > 1.0 || r2 == 0);
    return sigma * y * sqrt(-2.0 * log(r2) / r2);
}

/* As gsl_rng_uniform_int(r, n) for 0 < n <= 2^32 - 1: 0 .. n - 1. */
static inline unsigned long fdi__rng_uniform_int(fdi__rng *r, unsigned long n)
{
    unsigned long scale = 0xffffffffUL / n, k;
    do
        k = fdi__rng_get(r) / scale;
    while (k >= n);
    return k;
}

#endif
