/* test_kernels.c - the vectorised row kernels against plain scalar loops.
 *
 * Lengths 0, 1, 7 and 1003 are odd on purpose: a vectorised loop has a
 * scalar tail, and every lane and the tail must agree with the reference.
 * Missing values are NaN; results are compared bit for bit (NaN only to
 * NaN), and a ratio must never be infinite.
 */
#include "check.h"
#include "fdi/kernels.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const size_t lengths[] = {0, 1, 2, 3, 7, 8, 9, 17, 1003};
#define NLENGTHS (sizeof lengths / sizeof lengths[0])
#define MAXN 1003

static uint64_t rng_state = 0x2545F4914F6CDD1Du;

static uint64_t rng(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1Du;
}

/* uniform in [lo, hi) */
static double rng_uniform(double lo, double hi)
{
    return lo + (hi - lo) * ((double)(rng() >> 11) / 9007199254740992.0);
}

/* A mix of what FDI rows hold: amounts, zeros (both signs), negatives
 * (divestment), and missing cells. */
static double rng_cell(void)
{
    switch (rng() % 10) {
    case 0:
        return (double)NAN;
    case 1:
        return 0.0;
    case 2:
        return -0.0;
    case 3:
        return -rng_uniform(0.0, 5000.0);
    default:
        return rng_uniform(0.0, 5000.0);
    }
}

/* Same value: identical bits, or both NaN. */
static int same(double a, double b)
{
    if (isnan(a) || isnan(b))
        return isnan(a) && isnan(b);
    return memcmp(&a, &b, sizeof a) == 0;
}

static void fill(double *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        x[i] = rng_cell();
}

/* ---- accumulate --------------------------------------------------------- */

static void test_accumulate_small(void)
{
    double x[7] = {1.5, (double)NAN, -2.0, 0.0, (double)NAN, 1e300, -0.0};
    double sum[7] = {10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0};
    uint16_t miss[7] = {0, 0, 0, 0, 5, 0, 0};

    fdi_kernel_accumulate(x, 7, sum, miss);
    CHECK(same(sum[0], 11.5));
    CHECK(same(sum[1], 10.0)); /* NaN adds nothing */
    CHECK(same(sum[2], 8.0));
    CHECK(same(sum[3], 10.0));
    CHECK(same(sum[4], 10.0));
    CHECK(same(sum[5], 1e300 + 10.0));
    CHECK(same(sum[6], 10.0));
    CHECK_INT(miss[0], 0);
    CHECK_INT(miss[1], 1);
    CHECK_INT(miss[2], 0);
    CHECK_INT(miss[3], 0);
    CHECK_INT(miss[4], 6);
    CHECK_INT(miss[5], 0);
    CHECK_INT(miss[6], 0);

    /* a NaN with its sign bit set (as -NAN or 0.0/0.0 can give) is missing too */
    {
        double y[1];
        double s[1] = {3.0};
        uint16_t m[1] = {0};
        y[0] = -(double)NAN;
        fdi_kernel_accumulate(y, 1, s, m);
        CHECK(same(s[0], 3.0));
        CHECK_INT(m[0], 1);
    }
    /* n = 0 touches nothing */
    {
        double s[1] = {3.0};
        uint16_t m[1] = {7};
        fdi_kernel_accumulate(x, 0, s, m);
        CHECK(same(s[0], 3.0));
        CHECK_INT(m[0], 7);
    }
}

static void test_accumulate_reference(void)
{
    static double x[MAXN], sum[MAXN], ref_sum[MAXN];
    static uint16_t miss[MAXN], ref_miss[MAXN];

    for (size_t k = 0; k < NLENGTHS; k++) {
        size_t n = lengths[k], bad = 0;
        for (size_t i = 0; i < n; i++) {
            sum[i] = ref_sum[i] = rng_uniform(-100.0, 100.0);
            miss[i] = ref_miss[i] = (uint16_t)(rng() % 50);
        }
        /* several periods in a row, as the panel does */
        for (int period = 0; period < 5; period++) {
            fill(x, n);
            fdi_kernel_accumulate(x, n, sum, miss);
            for (size_t i = 0; i < n; i++) {
                if (x[i] == x[i])
                    ref_sum[i] += x[i];
                else
                    ref_miss[i]++;
            }
        }
        for (size_t i = 0; i < n; i++)
            if (!same(sum[i], ref_sum[i]) || miss[i] != ref_miss[i] || sum[i] != sum[i])
                bad++;
        CHECK_INT(bad, 0);
        if (bad)
            fprintf(stderr, "  accumulate: n = %zu\n", n);
    }
}

/* The one-pass form against a scalar loop, with NaNs of both signs and
 * infinities (present values: counted in the sum, not as missing). */
static void test_accumulate_from(void)
{
    static double x[MAXN], prev[MAXN], sum[MAXN];
    static uint16_t pmiss[MAXN], miss[MAXN];
    const double odd[4] = {-(double)NAN, (double)INFINITY, -(double)INFINITY, (double)NAN};

    for (size_t k = 0; k < NLENGTHS; k++) {
        size_t n = lengths[k], bad = 0;
        fill(x, n);
        for (size_t i = 0; i < n; i++) {
            if (rng() % 9 == 0)
                x[i] = odd[rng() % 4];
            prev[i] = rng_uniform(-100.0, 100.0);
            pmiss[i] = (uint16_t)(rng() % 50);
        }
        fdi_kernel_accumulate_from(x, prev, pmiss, n, sum, miss);
        for (size_t i = 0; i < n; i++) {
            int nan = isnan(x[i]);
            bad += !same(sum[i], prev[i] + (nan ? 0.0 : x[i])) ||
                   miss[i] != pmiss[i] + nan;
        }
        CHECK_INT(bad, 0);
        if (bad)
            fprintf(stderr, "  accumulate_from: n = %zu\n", n);
    }
}

/* ---- diff --------------------------------------------------------------- */

static void test_diff(void)
{
    static double cur[MAXN], prev[MAXN], out[MAXN];

    {
        double c[3] = {5.0, (double)NAN, 1.0};
        double p[3] = {(double)NAN, 2.0, 4.5};
        double o[3];
        fdi_kernel_diff(c, p, 3, o);
        CHECK(isnan(o[0]));
        CHECK(isnan(o[1]));
        CHECK(same(o[2], -3.5));
    }
    for (size_t k = 0; k < NLENGTHS; k++) {
        size_t n = lengths[k], bad = 0;
        fill(cur, n);
        fill(prev, n);
        for (size_t i = 0; i < n; i++)
            out[i] = 12345.0;
        fdi_kernel_diff(cur, prev, n, out);
        for (size_t i = 0; i < n; i++) {
            double want = cur[i] - prev[i];
            if (!same(out[i], want))
                bad++;
            if ((cur[i] != cur[i] || prev[i] != prev[i]) && !isnan(out[i]))
                bad++;
        }
        CHECK_INT(bad, 0);
        if (bad)
            fprintf(stderr, "  diff: n = %zu\n", n);
    }
}

/* ---- ratio -------------------------------------------------------------- */

static void test_ratio_edges(void)
{
    double num[9] = {10.0, 10.0, 10.0, 10.0, (double)NAN, 0.0, -6.0, 0.0, 1.0};
    double base[9] = {4.0, 0.0, -0.0, -5.0, 2.0, 3.0, 2.0, 0.0, (double)NAN};
    double out[9];

    fdi_kernel_ratio(num, base, 9, out);
    CHECK(same(out[0], 2.5));
    CHECK(isnan(out[1])); /* base 0 */
    CHECK(!isinf(out[1]));
    CHECK(isnan(out[2])); /* base -0 */
    CHECK(!isinf(out[2]));
    CHECK(isnan(out[3])); /* negative base */
    CHECK(isnan(out[4])); /* missing numerator */
    CHECK(same(out[5], 0.0));
    CHECK(same(out[6], -3.0)); /* a negative numerator keeps its sign */
    CHECK(isnan(out[7]));      /* 0/0 */
    CHECK(isnan(out[8]));      /* missing base */
}

static void test_ratio_reference(void)
{
    static double num[MAXN], base[MAXN], out[MAXN];

    for (size_t k = 0; k < NLENGTHS; k++) {
        size_t n = lengths[k], bad = 0, infs = 0;
        fill(num, n);
        fill(base, n);
        fdi_kernel_ratio(num, base, n, out);
        for (size_t i = 0; i < n; i++) {
            double want = base[i] > 0.0 ? num[i] / base[i] : (double)NAN;
            if (!same(out[i], want))
                bad++;
            if (isinf(out[i]))
                infs++;
            if (!(base[i] > 0.0) && !isnan(out[i]))
                bad++;
        }
        CHECK_INT(bad, 0);
        CHECK_INT(infs, 0);
        if (bad || infs)
            fprintf(stderr, "  ratio: n = %zu\n", n);
    }
}

/* ---- change_pct --------------------------------------------------------- */

static void test_change_pct(void)
{
    static double x[MAXN], out[MAXN];

    {
        double m[4] = {1.517, 1.0, 0.5, (double)NAN};
        double o[4];
        fdi_kernel_change_pct(m, 4, o);
        CHECK_NEAR(o[0], 51.7, 1e-12);
        CHECK(same(o[1], 0.0));
        CHECK(same(o[2], -50.0));
        CHECK(isnan(o[3]));
    }
    for (size_t k = 0; k < NLENGTHS; k++) {
        size_t n = lengths[k], bad = 0;
        fill(x, n);
        fdi_kernel_change_pct(x, n, out);
        for (size_t i = 0; i < n; i++) {
            double want = (x[i] - 1.0) * 100.0;
            if (!same(out[i], want))
                bad++;
        }
        CHECK_INT(bad, 0);
        if (bad)
            fprintf(stderr, "  change_pct: n = %zu\n", n);
    }
}

/* ---- rank_desc ---------------------------------------------------------- */

static void test_rank_small(void)
{
    /* competition ranking: 1,2,2,4 */
    {
        double x[4] = {10.0, 7.0, 7.0, 3.0};
        uint32_t g[4] = {0, 0, 0, 0};
        uint32_t r[4] = {99, 99, 99, 99};
        fdi_kernel_rank_desc(x, g, 4, r);
        CHECK_INT(r[0], 1);
        CHECK_INT(r[1], 2);
        CHECK_INT(r[2], 2);
        CHECK_INT(r[3], 4);
    }
    /* the same, shuffled, with a NaN and two groups */
    {
        double x[9] = {3.0, (double)NAN, 7.0, 10.0, 7.0, 1.0, 5.0, 5.0, (double)NAN};
        uint32_t g[9] = {0, 0, 0, 0, 0, 1, 1, 1, 1};
        uint32_t r[9];
        memset(r, 0xff, sizeof r);
        fdi_kernel_rank_desc(x, g, 9, r);
        CHECK_INT(r[0], 4);
        CHECK_INT(r[1], 0);
        CHECK_INT(r[2], 2);
        CHECK_INT(r[3], 1);
        CHECK_INT(r[4], 2);
        CHECK_INT(r[5], 3);
        CHECK_INT(r[6], 1);
        CHECK_INT(r[7], 1);
        CHECK_INT(r[8], 0);
    }
    /* negative values and zeros of both signs tie */
    {
        double x[4] = {-1.0, 0.0, -0.0, -5.0};
        uint32_t g[4] = {2, 2, 2, 2};
        uint32_t r[4];
        fdi_kernel_rank_desc(x, g, 4, r);
        CHECK_INT(r[0], 3);
        CHECK_INT(r[1], 1);
        CHECK_INT(r[2], 1);
        CHECK_INT(r[3], 4);
    }
    /* one element; all missing; n = 0 */
    {
        double x[3] = {42.0, (double)NAN, (double)NAN};
        uint32_t g[3] = {7, 7, 7};
        uint32_t r[3] = {99, 99, 99};
        fdi_kernel_rank_desc(x, g, 1, r);
        CHECK_INT(r[0], 1);
        CHECK_INT(r[1], 99);
        fdi_kernel_rank_desc(x + 1, g, 2, r);
        CHECK_INT(r[0], 0);
        CHECK_INT(r[1], 0);
        r[0] = 99;
        fdi_kernel_rank_desc(x, g, 0, r);
        CHECK_INT(r[0], 99);
    }
}

static void test_rank_reference(void)
{
    static double x[MAXN];
    static uint32_t group[MAXN], rank[MAXN];

    for (size_t k = 0; k < NLENGTHS; k++) {
        size_t n = lengths[k], bad = 0;
        for (size_t i = 0; i < n; i++) {
            /* few distinct values so that ties are common */
            x[i] = rng() % 8 == 0 ? (double)NAN : (double)(rng() % 40) - 10.0;
            group[i] = (uint32_t)(rng() % 5) * 1000u; /* sparse group ids */
            rank[i] = 0xdeadbeefu;
        }
        fdi_kernel_rank_desc(x, group, n, rank);
        for (size_t i = 0; i < n; i++) {
            uint32_t want = 0;
            if (x[i] == x[i]) {
                want = 1;
                for (size_t j = 0; j < n; j++)
                    if (group[j] == group[i] && x[j] > x[i])
                        want++;
            }
            if (rank[i] != want) {
                if (bad < 5)
                    fprintf(stderr, "  rank: n = %zu, i = %zu: got %u, want %u\n",
                            n, i, (unsigned)rank[i], (unsigned)want);
                bad++;
            }
        }
        CHECK_INT(bad, 0);
    }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* fdi_kernel_select against qsort: every k of random arrays with ties, and
 * the partition it promises around k. */
static void test_select(void)
{
    unsigned long r = 12345;
    for (size_t n = 1; n <= 40; n++) {
        double v[40], sorted[40], w[40];
        for (size_t i = 0; i < n; i++) {
            r = r * 6364136223846793005UL + 1442695040888963407UL;
            v[i] = (double)((r >> 33) % 7); /* few values: many ties */
        }
        memcpy(sorted, v, n * sizeof *v);
        qsort(sorted, n, sizeof *sorted, cmp_double);
        for (size_t k = 0; k < n; k++) {
            memcpy(w, v, n * sizeof *v);
            double got = fdi_kernel_select(w, n, k);
            CHECK(got == sorted[k]);
            CHECK(w[k] == sorted[k]);
            for (size_t i = 0; i < k; i++)
                CHECK(w[i] <= w[k]);
            for (size_t i = k + 1; i < n; i++)
                CHECK(w[i] >= w[k]);
        }
    }
}

/* fdi_kernel_select_ranks against qsort: random sets of ranks (one, the
 * neighbours of the 2.5/10/90/97.5% quantiles, everything) in arrays with
 * ties and without, long enough for several partition steps; every asked
 * rank holds its order statistic and splits the array around it. */
static void test_select_ranks(void)
{
    static double v[1200], sorted[1200];
    size_t k[1200];
    unsigned long r = 777;
    for (int trial = 0; trial < 400; trial++) {
        size_t n = 1 + (size_t)(trial * 37 % 1200), nk = 0;
        int few = trial % 3 == 0;
        for (size_t i = 0; i < n; i++) {
            r = r * 6364136223846793005UL + 1442695040888963407UL;
            v[i] = few ? (double)((r >> 33) % 5) : (double)(r >> 11) / 9007199254740992.0;
        }
        memcpy(sorted, v, n * sizeof *v);
        qsort(sorted, n, sizeof *sorted, cmp_double);
        for (size_t i = 0; i < n; i++) {
            r = r * 6364136223846793005UL + 1442695040888963407UL;
            int pick = trial % 4 == 1 ? 1 : trial % 4 == 2 ? (r >> 40) % 50 == 0 : (r >> 40) % 9 == 0;
            if (pick)
                k[nk++] = i;
        }
        if (trial % 4 == 3 && n > 40) { /* the coverage quantiles' ranks */
            double lv[4] = {0.025, 0.10, 0.90, 0.975};
            nk = 0;
            for (int q = 0; q < 4; q++) {
                k[nk++] = (size_t)(lv[q] * (double)(n - 1));
                k[nk] = k[nk - 1] + 1;
                nk++;
            }
        }
        fdi_kernel_select_ranks(v, n, k, nk);
        for (size_t j = 0; j < nk; j++) {
            CHECK(v[k[j]] == sorted[k[j]]);
            for (size_t i = 0; i < n; i++)
                if ((i < k[j] && v[i] > v[k[j]]) || (i > k[j] && v[i] < v[k[j]])) {
                    CHECK(0);
                    break;
                }
        }
    }
}

int main(void)
{
    test_accumulate_small();
    test_accumulate_reference();
    test_accumulate_from();
    test_diff();
    test_ratio_edges();
    test_ratio_reference();
    test_change_pct();
    test_rank_small();
    test_rank_reference();
    test_select();
    test_select_ranks();
    return check_report("test_kernels");
}
