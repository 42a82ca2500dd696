/* nelder_mead.h - derivative-free minimisation (Nash's Nelder-Mead). */
#ifndef FDI_NELDER_MEAD_H
#define FDI_NELDER_MEAD_H

enum { NM_MAXDIM = 40 };

/* The objective f, non-finite values counting as "outside", comes in two
 * steps so that points can be evaluated before the minimiser knows it
 * needs them: whoever drives the run evaluates the points it asks for
 * (values "provisional"), and confirm(x, v, arg) turns the provisional
 * value v of x into f(x).  The split lets an objective put a costly test
 * (ETS's admissibility) in confirm(), which runs only on the points the
 * minimiser uses. */
typedef double (*nm_confirm)(const double *x, double v, void *arg);
/* A confirm() that can only raise values (to "outside") may skip its test
 * when v is at or above fdi__nm_keep(run), the value the point must beat
 * to be kept: such a point is compared and dropped whatever confirm says,
 * so the run is the same. */

/* One minimisation, driven from outside so that several can share the
 * work of evaluating their points:
 *     fdi__nm_start(&r, ...);
 *     while ((k = fdi__nm_next(&r, &pts)) > 0) { v[i] = provisional f(pts[i]); fdi__nm_tell(&r, v); }
 *     best = fdi__nm_result(&r, x, &evals);
 * With lookahead, each iteration asks for the reflected point and the
 * three points that may follow it (the expansion and the two
 * contractions) at once, and uses two of them; without, it asks for one
 * point at a time.  Either way the points used, their order, the count of
 * evaluations and the result are the same. */
typedef struct {
    nm_confirm confirm;
    void *arg;
    int n, maxit, lookahead;
    double reltol, convtol, oldsize; /* convtol: reltol * (|f(x)| + reltol) */
    double fstart; /* f(x) at the start, which convtol scales with */
    int paused;    /* stopped by the test of reltol or maxit (resumable) */
    double keep; /* what the point being confirmed must beat to be kept */
    int built, count, L, H, stage;
    double VL, VH, VR;
    double p[NM_MAXDIM + 1][NM_MAXDIM + 1]; /* vertices: n coordinates, then f */
    double cen[NM_MAXDIM], b[NM_MAXDIM];    /* centroid, reflection */
    double ex[NM_MAXDIM], c_b[NM_MAXDIM], c_h[NM_MAXDIM]; /* its successors */
    const double *ask[NM_MAXDIM + 1];
} nm_run;

/* Minimise from x (n <= NM_MAXDIM coordinates).  Stops when the simplex's
 * values agree within reltol * (|f| + reltol) or after maxit
 * evaluations. */
void fdi__nm_start(nm_run *r, const double *x, int n, int maxit, double reltol, int lookahead,
                   nm_confirm confirm, void *arg);
/* Go on with a run stopped by its tolerance or count (a no-op for one
 * that ended otherwise) under a new maxit and reltol: a run started with a
 * looser reltol or a smaller maxit, then resumed with the tighter ones,
 * takes the same steps and ends at the same point as one started with
 * them (the stopping test is the only place either enters).  Drive it
 * with fdi__nm_next / fdi__nm_tell again. */
void fdi__nm_resume(nm_run *r, int maxit, double reltol);
/* The points whose values the run needs next: their count (0 when the run
 * is over), *pts pointing at them (valid until fdi__nm_tell). */
int fdi__nm_next(nm_run *r, const double *const **pts);
/* The provisional values of those points, in order. */
void fdi__nm_tell(nm_run *r, const double *v);
/* The minimum (NaN when f could not be evaluated at the start); x gets the
 * best point, evals (may be NULL) the evaluations used. */
double fdi__nm_result(const nm_run *r, double *x, int *evals);
/* During confirm(): the value below which the point is kept (+inf for a
 * vertex, which always is). */
double fdi__nm_keep(const nm_run *r);

#endif
