/* ets_lanes.c - the likelihood pass for many parameter sets at once.
 *
 * Why: the pass (ets_core.c) is a chain of dependent operations - each
 * month's level needs the month before's - so one pass leaves most of the
 * core's arithmetic units idle while it waits on that chain.  Nelder-Mead
 * knows its next evaluations four at a time (nelder_mead.c: the reflected
 * point and the three points that may follow it), ets_fit.c runs a damped
 * and an undamped fit side by side, and running their points as the lanes
 * of one vector pass costs little more than one pass where the chain
 * bounds it (the trend models), twice as much where division does
 * (multiplicative errors and seasons: a division unit serves lanes in
 * turn).
 *
 * Each lane performs exactly the operations of fdi__ets_pass, in the same order
 * and without fused multiply-adds (none are enabled: ISO C mode, and the
 * AVX2 clone below does not ask for FMA), so each lane's likelihood is bit
 * for bit the one fdi__ets_pass gives for its parameters; test_fc_ets checks
 * that on every model kind.  GCC's vector extensions keep it portable: on
 * a machine without AVX2 the same code runs as SSE2 operations.
 */
#include "forecast/ets_internal.h"

#include <math.h>

static const double ets_tol = 1.0e-10, ets_huge = 1.0e10;

typedef double v4d __attribute__((vector_size(32)));
typedef long long v4i __attribute__((vector_size(32)));

/* Macros, not functions: a function returning a vector of 32 bytes
 * changes ABI with AVX, which GCC warns about. */
#define SPLAT(a) ((v4d){(a), (a), (a), (a)})
/* where m is set (all ones), a; elsewhere b */
#define SELECT(m, a, b) ((v4d)(((m) & (v4i)(a)) | (~(m) & (v4i)(b))))
#define ABS(a) ((v4d)((v4i)(a) & (v4i){NO_SIGN, NO_SIGN, NO_SIGN, NO_SIGN}))
#define NO_SIGN 0x7fffffffffffffffLL

/* The pass of ets_core.c's pass_as over 4 G lanes, in G vectors of four
 * (GCC splits wider vector types into pieces it then spills; an array of
 * four-lane vectors stays in registers).  See pass_as for the equations;
 * lane k starts from *x[k] with *p[k].  Only additive and no trend:
 * nothing offers a multiplicative trend (fdi__ets_parse refuses it), whose
 * pass can stop half-way. */
/* GCC 12 warns that the arrays of vectors below "may be used
 * uninitialized" at the statements that initialise them (a false report
 * after it breaks the arrays up); every element is set before use. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
/* Each lane's -2 log-likelihood core, n log(SSE) (+ 2 sum log|f| for
 * multiplicative errors, kept as a product rescaled when it leaves
 * 1e-250..1e250). */
static inline __attribute__((always_inline)) void
lanes_likelihood(const int G, size_t n, const int merr, const v4d *sse, const v4d *prod,
                 const v4d *logsum, double *lik)
{
    for (int g = 0; g < G; g++)
        for (int j = 0; j < 4; j++) {
            int k = 4 * g + j;
            lik[k] = (double)n * log(sse[g][j]);
            if (merr)
                lik[k] += 2.0 * (logsum[g][j] + log(prod[g][j]));
        }
}

static inline __attribute__((always_inline)) void
pass_lanes_as(const int G, const double *y, size_t n, const ets_kind trend,
              const ets_kind season, const int merr, int m, const ets_params *const *p,
              const ets_state *const *x, double *lik)
{
    /* lane j of group g is parameter set 4 g + j */
#define GATHER(g, E) ((v4d){E(4 * (g)), E(4 * (g) + 1), E(4 * (g) + 2), E(4 * (g) + 3)})
#define ALPHA(k) p[k]->alpha
#define BA(k) (trend != ETS_N ? p[k]->beta / p[k]->alpha : 0.0)
#define GAMMA(k) p[k]->gamma
#define PHI(k) p[k]->phi
#define LEVEL(k) x[k]->l
#define SLOPE(k) x[k]->b
#define SEASON(k) x[k]->s[m - 1 - i]
    v4d alpha[2], ba[2], gamma[2], phi[2], l[2], b[2], ring[FC_MAX_M][2];
    v4d sse[2], prod[2], logsum[2];
    for (int g = 0; g < G; g++) {
        alpha[g] = GATHER(g, ALPHA);
        ba[g] = GATHER(g, BA);
        gamma[g] = GATHER(g, GAMMA);
        phi[g] = GATHER(g, PHI);
        l[g] = GATHER(g, LEVEL);
        b[g] = GATHER(g, SLOPE);
        if (season != ETS_N)
            for (int i = 0; i < m; i++)
                ring[i][g] = GATHER(g, SEASON);
        sse[g] = SPLAT(0);
        prod[g] = SPLAT(1.0);
        logsum[g] = SPLAT(0);
    }
#undef GATHER
#undef ALPHA
#undef BA
#undef GAMMA
#undef PHI
#undef LEVEL
#undef SLOPE
#undef SEASON
    const v4d tol = SPLAT(ets_tol), huge = SPLAT(ets_huge);
    int o = 0;
    for (size_t i = 0; i < n; i++) {
        const v4d yi = SPLAT(y[i]);
        for (int g = 0; g < G; g++) {
            v4d q, phib = SPLAT(0);
            if (trend == ETS_N) {
                q = l[g];
            } else {
                phib = phi[g] * b[g];
                q = l[g] + phib;
            }
            v4d olds = season != ETS_N ? ring[o][g] : SPLAT(0);
            v4d f = season == ETS_N ? q : season == ETS_A ? q + olds : q * olds;
            v4d e = merr ? (yi - f) / f : yi - f;
            sse[g] += e * e;
            if (merr) {
                prod[g] *= ABS(f);
                v4i out = (prod[g] > SPLAT(1e250)) | (prod[g] < SPLAT(1e-250));
                if ((out[0] | out[1]) | (out[2] | out[3]))
                    for (int j = 0; j < 4; j++)
                        if (out[j]) {
                            logsum[g][j] += log(prod[g][j]);
                            prod[g][j] = 1.0;
                        }
            }
            v4d pv = season == ETS_N ? yi
                     : season == ETS_A ? yi - olds
                     : SELECT(ABS(olds) < tol, huge, yi / olds);
            v4d ln = q + alpha[g] * (pv - q);
            if (trend != ETS_N) {
                v4d r = ln - l[g];
                b[g] = phib + ba[g] * (r - phib);
            }
            if (season != ETS_N) {
                v4d t = season == ETS_A ? yi - q : SELECT(ABS(q) < tol, huge, yi / q);
                ring[o][g] = olds + gamma[g] * (t - olds);
            }
            l[g] = ln;
        }
        if (season != ETS_N)
            o = o + 1 == m ? 0 : o + 1;
    }
    lanes_likelihood(G, n, merr, sse, prod, logsum, lik);
}

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

/* One copy of each pass per (error, trend, season), as fdi__ets_pass */
#define BY_SEASON(PASS, T, E)                                                            \
    (sp->season == ETS_N ? PASS(T, ETS_N, E) : sp->season == ETS_A ? PASS(T, ETS_A, E)   \
                                                                   : PASS(T, ETS_M, E))
#define BY_TREND(PASS, E)                                                                \
    (sp->trend == ETS_N ? BY_SEASON(PASS, ETS_N, E) : BY_SEASON(PASS, ETS_A, E))
#define BY_KIND(PASS) (sp->error == ETS_M ? BY_TREND(PASS, 1) : BY_TREND(PASS, 0))

/* static: GCC (12) gives the ifunc and resolver of a global target_clones
 * function default visibility whatever -fvisibility or a visibility
 * attribute says, and libfdi.so would export them; fdi__ets_pass_lanes
 * below calls this one.  No clones under ThreadSanitizer: the resolver
 * runs while the dynamic loader relocates, before the TSan runtime is up,
 * and its instrumentation crashes there. */
#if defined(__SANITIZE_THREAD__)
#define FDI__LANE_CLONES
#else
#define FDI__LANE_CLONES __attribute__((target_clones("avx2", "default")))
#endif
FDI__LANE_CLONES static void
pass_lanes(const double *y, size_t n, const ets_spec *sp, int m, const ets_params *p,
           const ets_state *x, double *lik, int k)
{
    int i = 0;
    while (i < k) {
        int left = k - i, w = sp->trend == ETS_M ? 1 : left >= 5 ? 8 : left >= 2 ? 4 : 1;
        if (w == 1) {
            ets_state s = x[i];
            lik[i] = fdi__ets_pass(y, n, sp, m, &p[i], &s, NULL, NULL);
            i++;
            continue;
        }
        /* lanes past the last set repeat it */
        const ets_params *pl[8];
        const ets_state *xl[8];
        double out[8];
        for (int j = 0; j < 8; j++) {
            int at = i + j < k ? i + j : k - 1;
            pl[j] = &p[at];
            xl[j] = &x[at];
        }
#define PASS4(T, S, E) pass_lanes_as(1, y, n, T, S, E, m, pl, xl, out)
#define PASS8(T, S, E) pass_lanes_as(2, y, n, T, S, E, m, pl, xl, out)
        if (w == 4)
            BY_KIND(PASS4);
        else
            BY_KIND(PASS8);
#undef PASS4
#undef PASS8
        for (int j = 0; j < w && i + j < k; j++)
            lik[i + j] = out[j];
        i += w;
    }
}

void fdi__ets_pass_lanes(const double *y, size_t n, const ets_spec *sp, int m,
                         const ets_params *p, const ets_state *x, double *lik, int k)
{
    pass_lanes(y, n, sp, m, p, x, lik, k);
}
