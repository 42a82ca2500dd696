/* nelder_mead.h - derivative-free minimisation (Nash's Nelder-Mead). */
#ifndef FDI_NELDER_MEAD_H
#define FDI_NELDER_MEAD_H

/* Objective: returns f(x); non-finite values count as "outside". */
typedef double (*nm_objective)(const double *x, void *arg);

/* Minimise fn from x (n <= 40 coordinates; x gets the best point found).
 * Stops when the simplex's values agree within reltol * (|f| + reltol) or
 * after maxit evaluations.  Returns the minimum, or NaN when fn cannot be
 * evaluated at the start.  evals (may be NULL) gets the evaluations used. */
double nm_minimise(nm_objective fn, void *arg, int n, double *x, int maxit,
                   double reltol, int *evals);

#endif
