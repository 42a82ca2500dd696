/* ets_internal.h - what ets_core.c (the recursions) and ets_fit.c (the
 * estimation and selection) share. */
#ifndef FDI_ETS_INTERNAL_H
#define FDI_ETS_INTERNAL_H

#include "forecast/fc_internal.h"

enum { ETS_MAX_H = 1024 }; /* longest horizon with analytic variances */

typedef struct {
    double l, b, s[FC_MAX_M];
} ets_state;

typedef struct {
    double alpha, beta, gamma, phi; /* beta, gamma 0 and phi 1 when absent */
} ets_params;

/* One state update with observation y (x is changed in place). */
void fdi__ets_state_update(ets_state *x, const ets_spec *sp, int m,
                           const ets_params *p, double y);

/* Run the model over y from state x (left at the final state); returns
 * n log(SSE) (+ 2 sum log|f| for multiplicative errors) or NaN when a
 * multiplicative trend turns negative.  resid (may be NULL) gets the
 * residuals; sse (may be NULL) their sum of squares. */
double fdi__ets_pass(const double *y, size_t n, const ets_spec *sp, int m,
                     const ets_params *p, ets_state *x, double *resid, double *sse);

/* fdi__ets_pass's likelihood (lik[i]) for k parameter sets p[i], each from
 * its starting state x[i], computed in vector lanes (ets_lanes.c) with
 * the same results bit for bit. */
void fdi__ets_pass_lanes(const double *y, size_t n, const ets_spec *sp, int m, const ets_params *p,
                         const ets_state *x, double *lik, int k);

/* 1 (the default): ETS fits evaluate their points in vector lanes
 * (Nelder-Mead's look-ahead, damped and undamped fits side by side);
 * 0: one point at a time, through fdi__ets_pass.  The fits are the same either
 * way; the tests set 0 to check that. */
extern int fdi__ets_fit_lanes;

/* 1 (the default): the admissibility test is skipped on the points
 * Nelder-Mead will drop whatever it says (fdi__nm_keep); 0: run on every
 * point used.  The same fits either way (test_fc_fitspeed). */
extern int fdi__ets_fit_skip;

/* How a fit minimises: Nelder-Mead's evaluations at most, its relative
 * tolerance, and (from, may be NULL) a model whose smoothing parameters
 * start it (else forecast:::initparam's). */
typedef struct {
    int maxit;
    double reltol;
    const ets_model *from;
} ets_search;
int fdi__ets_is_linear(const ets_spec *sp);

/* forecast:::admissible: 1 when the parameters give a forecastable model
 * (has_beta/has_gamma: the model has a trend/season; phi 1 undamped). */
int fdi__ets_admissible(double alpha, double beta, int has_beta, double gamma,
                        int has_gamma, double phi, int m);
/* All roots of the degree-d polynomial P (increasing powers) within
 * 1 + 1e-10, by Schur-Cohn; 1 or 0. */
int fdi__ets_roots_inside(const double *P, int d);

#endif
