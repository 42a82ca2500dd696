/* populate.c - what engine/base/populate.h claims: fresh memory's pages made
 * present in one call (fdi__populate, MADV_POPULATE_WRITE) against faulted
 * in one by one by the first write to each page.
 *
 *   build/bench_populate [MB]     (default 64; median of 5 runs each)
 *
 * prints one line per way: the milliseconds to have every page written
 * once (for "populate", the call and then the writes). */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>

#include "base/populate.h"

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec * 1e-6;
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* ms to touch n fresh bytes, populated first or not */
static double one_run(size_t n, int populate)
{
    char *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return -1;
    double t0 = now_ms();
    if (populate)
        fdi__populate(p, n);
    for (size_t i = 0; i < n; i += 4096)
        p[i] = 1;
    double ms = now_ms() - t0;
    munmap(p, n);
    return ms;
}

int main(int argc, char **argv)
{
    size_t mb = argc > 1 ? (size_t)atol(argv[1]) : 64;
    if (mb == 0) {
        fprintf(stderr, "usage: bench_populate [MB]\n");
        return 1;
    }
    printf("way,mb,ms_median\n");
    for (int populate = 0; populate <= 1; populate++) {
        double ms[5];
        for (int r = 0; r < 5; r++)
            ms[r] = one_run(mb << 20, populate);
        qsort(ms, 5, sizeof ms[0], cmp_d);
        printf("%s,%zu,%.1f\n", populate ? "populate" : "fault", mb, ms[2]);
    }
    return 0;
}
