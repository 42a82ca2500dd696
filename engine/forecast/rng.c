/* rng.c - GSL's mt19937 (Matsumoto and Nishimura, 1998, as GSL's rng/mt.c
 * seeds and steps it), its outputs tempered a block at a time (rng.h). */
#include "forecast/rng.h"

enum { MT_M = 397 };

void fdi__rng_seed(fdi__rng *r, unsigned long seed)
{
    if (seed == 0)
        seed = 4357; /* GSL's default */
    r->mt[0] = (uint32_t)(seed & 0xffffffffUL);
    for (uint32_t i = 1; i < FDI_RNG_N; i++)
        r->mt[i] = 1812433253u * (r->mt[i - 1] ^ (r->mt[i - 1] >> 30)) + i;
    r->pos = FDI_RNG_N; /* the first draw twists, as GSL's mti = N */
}

static inline uint32_t twist(uint32_t a, uint32_t b, uint32_t far)
{
    uint32_t y = (a & 0x80000000u) | (b & 0x7fffffffu);
    return far ^ (y >> 1) ^ ((y & 1u) ? 0x9908b0dfu : 0u);
}

void fdi__rng_refill(fdi__rng *r)
{
    uint32_t *mt = r->mt;
    size_t k = 0;
    for (; k < FDI_RNG_N - MT_M; k++)
        mt[k] = twist(mt[k], mt[k + 1], mt[k + MT_M]);
    for (; k < FDI_RNG_N - 1; k++)
        mt[k] = twist(mt[k], mt[k + 1], mt[k + MT_M - FDI_RNG_N]);
    mt[FDI_RNG_N - 1] = twist(mt[FDI_RNG_N - 1], mt[0], mt[MT_M - 1]);
    for (k = 0; k < FDI_RNG_N; k++) {
        uint32_t y = mt[k];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        y ^= y >> 18;
        r->out[k] = y;
    }
    r->pos = 0;
}
