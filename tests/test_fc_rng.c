/* test_fc_rng.c - the simulation's generator (forecast/rng.h) against GSL
 * itself, the independent source: gsl_rng_mt19937 with gsl_rng_get,
 * gsl_ran_gaussian and gsl_rng_uniform_int, draw for draw and bit for bit,
 * from several seeds (0 is GSL's default 4357; seeds above 2^32 keep their
 * low 32 bits), across many refills, with the three kinds of draw mixed as
 * the simulation mixes them. */
#include "check.h"
#include "forecast/rng.h"

#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

static void test_same_as_gsl(void)
{
    static const unsigned long seeds[] = {0, 1, 7, 42, 4357, 0xffffffffUL, 0x100000005UL};
    gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
    static fdi__rng r;
    for (size_t s = 0; s < sizeof seeds / sizeof seeds[0]; s++) {
        size_t differ = 0;
        gsl_rng_set(g, seeds[s]);
        fdi__rng_seed(&r, seeds[s]);
        for (int i = 0; i < 50000; i++) {
            double sigma = i % 5 == 0 ? 1.0 : 0.001 * (double)(i % 977) + 1e-9;
            double a = gsl_ran_gaussian(g, sigma), b = fdi__rng_gaussian(&r, sigma);
            differ += memcmp(&a, &b, sizeof a) != 0;
            if (i % 7 == 0) {
                unsigned long n = 1 + (unsigned long)(i % 13) * 97;
                differ += gsl_rng_uniform_int(g, n) != fdi__rng_uniform_int(&r, n);
            }
            if (i % 11 == 0)
                differ += gsl_rng_get(g) != fdi__rng_get(&r);
            if (i % 13 == 0) {
                double u = gsl_rng_uniform_pos(g), v = fdi__rng_uniform_pos(&r);
                differ += memcmp(&u, &v, sizeof u) != 0;
            }
        }
        CHECK_INT((int)differ, 0);
    }
    gsl_rng_free(g);
}

/* Seeding again starts the same stream again. */
static void test_reseed(void)
{
    static fdi__rng r;
    double a[100], b[100];
    fdi__rng_seed(&r, 9);
    for (int i = 0; i < 100; i++)
        a[i] = fdi__rng_gaussian(&r, 2.0);
    for (int i = 0; i < 2000; i++)
        (void)fdi__rng_get(&r);
    fdi__rng_seed(&r, 9);
    for (int i = 0; i < 100; i++)
        b[i] = fdi__rng_gaussian(&r, 2.0);
    CHECK(memcmp(a, b, sizeof a) == 0);
}

int main(void)
{
    test_same_as_gsl();
    test_reseed();
    return check_report("test_fc_rng");
}
