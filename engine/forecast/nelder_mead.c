/* nelder_mead.c - the Nelder-Mead simplex minimiser in the form of Nash,
 * "Compact Numerical Methods for Computers" (1990), Algorithm 19: the
 * variant R's optim() uses and therefore forecast::ets.
 *
 * Why not GSL's nmsimplex2: measured on the 1,428 M3 monthly series, GSL's
 * minimiser finds higher likelihoods than R for the richer models, so
 * AICc picks trend models R does not; the forecasts then score sMAPE
 * 14.33 against R's 14.14 and agree with R's model on two series in three.
 * Nash's variant, with the same starting simplex (every coordinate moved
 * by a tenth of the largest starting value) and the same stopping rule
 * (the simplex's values within a relative 1.5e-8, or 2,000 evaluations),
 * reproduces R's choices; bench/m3 reports both numbers.
 *
 * Every iteration of Nash's variant evaluates two points: the reflection,
 * then either the expansion (when the reflection is the new best) or a
 * contraction (towards the reflection when it beats the worst vertex, else
 * towards the worst).  All three candidates follow from the centroid and
 * the worst vertex, so with look-ahead the four are asked for at once and
 * the two that are used are confirmed: the same arithmetic, points, order
 * and count of evaluations as asking one at a time.
 *
 * The run is a state machine (fdi__nm_next / fdi__nm_tell) rather than a loop that
 * calls the objective, so that ETS can evaluate the points of two fits in
 * one vector pass (ets_fit.c).
 */
#include "forecast/nelder_mead.h"

#include <math.h>
#include <string.h>

static const double big = 1.0e35, alpha = 1.0, beta = 0.5, gamma_ = 2.0;

enum { START, VERTICES, REFLECT_AHEAD, REFLECT, SECOND, DONE };

void fdi__nm_start(nm_run *r, const double *x, int n, int maxit, double reltol, int lookahead,
                   nm_confirm confirm, void *arg)
{
    memset(r, 0, sizeof *r);
    r->confirm = confirm;
    r->arg = arg;
    r->n = n;
    r->maxit = maxit;
    r->lookahead = lookahead;
    r->reltol = reltol;
    r->keep = HUGE_VAL; /* the start and the vertices are always kept */
    if (n < 1 || n > NM_MAXDIM) {
        r->stage = DONE;
        return;
    }
    memcpy(r->p[0], x, (size_t)n * sizeof *x);
    r->stage = START;
}

/* the vertices after the first value: x moved along each axis in turn */
static void build_simplex(nm_run *r, double f)
{
    int n = r->n;
    const double *x = r->p[0];
    r->fstart = f;
    r->convtol = r->reltol * (fabs(f) + r->reltol);
    double step = 0;
    for (int i = 0; i < n; i++)
        step = fmax(step, 0.1 * fabs(x[i]));
    r->p[0][n] = f;
    if (step == 0)
        step = 0.1;
    double size = 0;
    for (int j = 1; j <= n; j++) {
        memcpy(r->p[j], x, (size_t)n * sizeof *x);
        double trystep = step;
        while (r->p[j][j - 1] == x[j - 1]) {
            r->p[j][j - 1] = x[j - 1] + trystep;
            trystep *= 10;
        }
        size += trystep;
    }
    r->oldsize = size;
}

/* the values of every vertex but the lowest, after a start or a shrink */
static int ask_vertices(nm_run *r)
{
    int k = 0;
    for (int j = 0; j <= r->n; j++)
        if (j != r->L)
            r->ask[k++] = r->p[j];
    r->stage = VERTICES;
    return k;
}

/* One iteration up to its first question: the lowest and highest
 * vertices, the stopping test, the reflection (and its successors). */
static int iterate(nm_run *r)
{
    int n = r->n, L = r->L, H = L;
    double VL = r->p[L][n], VH = VL;
    for (int j = 0; j <= n; j++) {
        if (j == r->L)
            continue;
        double v = r->p[j][n];
        if (v < VL) {
            L = j;
            VL = v;
        }
        if (v > VH) {
            H = j;
            VH = v;
        }
    }
    r->L = L;
    r->H = H;
    r->VL = VL;
    r->VH = VH;
    if (VH <= VL + r->convtol || r->count > r->maxit) {
        r->stage = DONE;
        r->paused = 1;
        return 0;
    }
    /* the centroid of all but H: each coordinate summed from -p[H] over
     * the vertices in order, four coordinates at a time in registers
     * (summed in place, each add waited on the store of the one before;
     * one at a time, on the add before) */
    double *cen = r->cen, *b = r->b;
    int i0 = 0;
    for (; i0 + 4 <= n; i0 += 4) {
        const double *h = r->p[H] + i0;
        double s0 = -h[0], s1 = -h[1], s2 = -h[2], s3 = -h[3];
        for (int j = 0; j <= n; j++) {
            const double *v = r->p[j] + i0;
            s0 += v[0];
            s1 += v[1];
            s2 += v[2];
            s3 += v[3];
        }
        cen[i0] = s0 / n;
        cen[i0 + 1] = s1 / n;
        cen[i0 + 2] = s2 / n;
        cen[i0 + 3] = s3 / n;
    }
    for (int i = i0; i < n; i++) {
        double s = -r->p[H][i];
        for (int j = 0; j <= n; j++)
            s += r->p[j][i];
        cen[i] = s / n;
    }
    for (int i = 0; i < n; i++)
        b[i] = (1 + alpha) * cen[i] - alpha * r->p[H][i];
    /* its successors as Nash forms them: the contraction c_b after the
     * reflection replaced the worst vertex (so from b), c_h when it did
     * not (from the worst vertex) */
    for (int i = 0; i < n; i++) {
        r->ex[i] = gamma_ * b[i] + (1 - gamma_) * cen[i];
        r->c_b[i] = (1 - beta) * b[i] + beta * cen[i];
        r->c_h[i] = (1 - beta) * r->p[H][i] + beta * cen[i];
    }
    r->ask[0] = b;
    if (!r->lookahead) {
        r->stage = REFLECT;
        return 1;
    }
    r->ask[1] = r->ex;
    r->ask[2] = r->c_b;
    r->ask[3] = r->c_h;
    r->stage = REFLECT_AHEAD;
    return 4;
}

void fdi__nm_resume(nm_run *r, int maxit, double reltol)
{
    if (!r->paused)
        return;
    r->paused = 0;
    r->maxit = maxit;
    r->reltol = reltol;
    r->convtol = reltol * (fabs(r->fstart) + reltol);
    iterate(r); /* the same L and H: the simplex has not moved since */
}

int fdi__nm_next(nm_run *r, const double *const **pts)
{
    *pts = r->ask;
    switch (r->stage) {
    case START:
        r->ask[0] = r->p[0];
        return 1;
    case VERTICES:
        return ask_vertices(r);
    case REFLECT_AHEAD:
        return 4;
    case REFLECT:
    case SECOND:
        return 1;
    default:
        return 0;
    }
}

/* The value of x, provisionally v, as the iteration uses it; keep: the
 * value x must beat to be kept (fdi__nm_keep tells confirm()). */
static double used(nm_run *r, const double *x, double v, double keep)
{
    r->keep = keep;
    double f = r->confirm(x, v, r->arg);
    r->count++;
    return isfinite(f) ? f : big;
}

double fdi__nm_keep(const nm_run *r)
{
    return r->keep;
}

/* Where the reflection's value leads: the point asked next (the
 * expansion, or a contraction after the reflection replaced the worst
 * vertex if it beat it). */
static const double *after_reflection(nm_run *r)
{
    int n = r->n, H = r->H;
    if (r->VR < r->VL)
        return r->ex;
    if (r->VR < r->VH) {
        memcpy(r->p[H], r->b, (size_t)n * sizeof r->b[0]);
        r->p[H][n] = r->VR;
        return r->c_b;
    }
    return r->c_h;
}

/* What the iteration's second point must beat to be kept: the reflection
 * after an expansion, else the worst vertex (the reflection when it
 * replaced it).  The reflection itself is kept only below VH. */
static double second_keep(const nm_run *r)
{
    return r->VR < r->VL ? r->VR : r->p[r->H][r->n];
}

/* The second value f of the iteration, at point c: keep the better of the
 * reflection and the expansion, or the contraction, or shrink. */
static void finish_iteration(nm_run *r, const double *c, double f)
{
    int n = r->n, H = r->H, L = r->L;
    if (r->VR < r->VL) {
        if (f < r->VR) {
            memcpy(r->p[H], c, (size_t)n * sizeof *c);
            r->p[H][n] = f;
        } else {
            memcpy(r->p[H], r->b, (size_t)n * sizeof r->b[0]);
            r->p[H][n] = r->VR;
        }
    } else if (f < r->p[H][n]) {
        memcpy(r->p[H], c, (size_t)n * sizeof *c);
        r->p[H][n] = f;
    } else if (r->VR >= r->VH) { /* shrink towards the lowest vertex */
        double size = 0;
        for (int j = 0; j <= n; j++) {
            if (j == L)
                continue;
            for (int i = 0; i < n; i++) {
                r->p[j][i] = beta * (r->p[j][i] - r->p[L][i]) + r->p[L][i];
                size += fabs(r->p[j][i] - r->p[L][i]);
            }
        }
        if (size < r->oldsize) {
            r->oldsize = size;
            r->stage = VERTICES;
        } else {
            r->stage = DONE; /* the simplex no longer shrinks */
        }
        return;
    }
    iterate(r);
}

void fdi__nm_tell(nm_run *r, const double *v)
{
    switch (r->stage) {
    case START: {
        double f = r->confirm(r->p[0], v[0], r->arg);
        r->count++;
        if (!isfinite(f)) {
            r->stage = DONE; /* not even the start can be evaluated */
            return;
        }
        build_simplex(r, f);
        r->built = 1;
        r->stage = VERTICES;
        return;
    }
    case VERTICES: {
        int k = 0;
        for (int j = 0; j <= r->n; j++)
            if (j != r->L) {
                r->p[j][r->n] = used(r, r->p[j], v[k], HUGE_VAL);
                k++;
            }
        iterate(r);
        return;
    }
    case REFLECT_AHEAD: {
        r->VR = used(r, r->b, v[0], r->VH);
        const double *c = after_reflection(r);
        int at = c == r->ex ? 1 : c == r->c_b ? 2 : 3;
        finish_iteration(r, c, used(r, c, v[at], second_keep(r)));
        return;
    }
    case REFLECT:
        r->VR = used(r, r->b, v[0], r->VH);
        r->ask[0] = after_reflection(r);
        r->stage = SECOND;
        return;
    case SECOND:
        finish_iteration(r, r->ask[0], used(r, r->ask[0], v[0], second_keep(r)));
        return;
    default:
        return;
    }
}

double fdi__nm_result(const nm_run *r, double *x, int *evals)
{
    if (evals)
        *evals = r->count;
    if (!r->built)
        return NAN;
    memcpy(x, r->p[r->L], (size_t)r->n * sizeof *x);
    return r->p[r->L][r->n];
}
