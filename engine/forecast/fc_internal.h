/* fc_internal.h - what the forecasting modules share inside the engine.
 *
 * One fitted forecaster (struct fdi_fc_fit) is filled by the module of its
 * method: simple.c (runrate, seasonal, snaive), ets.c, theta.c, and
 * forecast.c (dispatch, fallback, ensemble, auto).  decompose.c holds the
 * classical decomposition and the seasonality test both ets and theta use.
 */
#ifndef FDI_FC_INTERNAL_H
#define FDI_FC_INTERNAL_H

#include <stddef.h>

#include "forecast/rng.h"

#include "fdi/forecast.h"
#include "forecast/arima_internal.h"

enum { FC_MAX_M = 24 }; /* longest season modelled (R's ets has the same) */

/* ---- classical decomposition (R's stats::decompose) ----------------------
 * Trend: centred moving average of order m (2 x m for even m), NaN for the
 * first and last m/2 points.  Seasonal figure: per position in the cycle
 * (position 0 = the season of y[0]) the mean of y - trend (additive) or
 * y / trend (multiplicative) over the points where the trend exists,
 * normalised to sum 0 (additive) or to mean 1 (multiplicative).
 * Needs n >= 2m.  Returns 0, or -1 when n < 2m. trend may be NULL. */
int fdi__fc_decompose(const double *y, size_t n, int m, int multiplicative,
                      double *figure, double *trend);

/* The 90% seasonality test of Assimakopoulos & Nikolopoulos / R's thetaf:
 * m > 1, n > 2m, y not constant (forecast::is.constant) and
 * |r_m| / sqrt((1 + 2 sum_{k<m} r_k^2) / n) > qnorm(0.95), r_k the sample
 * autocorrelation at lag k (stats::acf); 0 (not seasonal) otherwise. */
int fdi__fc_seasonal_test(const double *y, size_t n, int m);

/* Sample autocorrelations r_1..r_maxlag as stats::acf (denominator n). */
void fdi__fc_acf(const double *y, size_t n, int maxlag, double *r);

/* ---- ETS state space ------------------------------------------------------ */
typedef enum { ETS_N = 0, ETS_A = 1, ETS_M = 2 } ets_kind;

typedef struct {
    ets_kind error, trend, season;
    int damped;
} ets_spec;

typedef struct {
    ets_spec spec;
    int m;                      /* season length in the model (1: none) */
    double alpha, beta, gamma, phi;
    /* states after the last observation: level, trend, and the seasonal
     * states s[0] = most recent season ... s[m-1] = oldest */
    double l, b, s[FC_MAX_M];
    double sigma2;              /* residual variance, sum e^2 / (n - np) */
    double lik;                 /* n log(SSE) (+ 2 sum log|yhat| for M error) */
    double loglik, aic, aicc, bic;
    size_t n;                   /* observations fitted */
    int npar;                   /* parameters including sigma */
} ets_model;

/* "ANN", "AAdM", "ZZZ", "MZZ", ... into a spec with Z = choose; 0 or -1. */
int fdi__ets_parse(const char *s, ets_spec *want, int *auto_error, int *auto_trend,
                   int *auto_season, int *auto_damped);
void fdi__ets_name(const ets_spec *s, char *buf, size_t size); /* "ETS(M,Ad,M)" */

/* Fit the model named by `model` ("ZZZ": select by AICc as forecast::ets:
 * multiplicative error or season only on positive data, additive error
 * with multiplicative season excluded, no multiplicative trend, models
 * with more parameters than n - 4 skipped).  m: season length (1: no
 * season).  Returns FDI_OK, FDI_ENODATA (too short for any model),
 * FDI_EUSAGE (bad name). */
fdi_status fdi__ets_fit(const double *y, size_t n, int m, const char *model,
                        ets_model *out, fdi_error *err);
/* fdi__ets_fit's search, pruned (auto's full-history fit, ets_fit.c):
 * every model's Nelder-Mead paused at a loose tolerance, and only the
 * models then near the lowest AICc run on to R's tolerance.  The model
 * chosen is fdi__ets_fit's, bit for bit, unless the one R would choose
 * was pruned. */
fdi_status fdi__ets_fit_pruned(const double *y, size_t n, int m, const char *model,
                               ets_model *out, fdi_error *err);
/* Refit the model kind of `like` (a fit of a longer stretch of the same
 * series) to y, warm-started from its smoothing parameters with a looser
 * tolerance than R's: auto's past-year replays (ets_fit.c).  FDI_ECOMPUTE
 * when that model cannot be fitted there (the caller searches instead). */
fdi_status fdi__ets_refit(const double *y, size_t n, int m, const ets_model *like,
                          ets_model *out, fdi_error *err);
void fdi__ets_forecast(const ets_model *e, size_t h, double *f);
/* One path of h steps drawn from the model (errors N(0, sigma2)). */
void fdi__ets_simulate(const ets_model *e, size_t h, fdi__rng *rng, double *path);
/* Variance of the sum of steps 1..h for the linear (additive error, no
 * multiplicative component) models; NaN otherwise. */
double fdi__ets_sum_variance(const ets_model *e, size_t h);
/* Variance of step h alone (same models), for intervals. */
double fdi__ets_step_variance(const ets_model *e, size_t h);

/* auto's candidates (auto.c): the ensemble's three members first, then
 * the run rate, then the ensemble itself */
enum { FC_AUTO_ETS, FC_AUTO_THETA, FC_AUTO_SEASONAL, FC_AUTO_RUNRATE, FC_AUTO_ENSEMBLE, FC_AUTO_N };

/* ---- the fitted forecaster ----------------------------------------------- */
struct fdi_fc_fit {
    fdi_fc_method method, used;
    int m, pos;
    unsigned notes;
    char label[48];
    size_t n;                 /* history length used */
    int nonneg;               /* no negative value in the history: paths are
                                 kept at or above 0 (a flow that cannot be
                                 negative); otherwise negative paths stay */
    /* simple methods (simple.c) */
    double level;             /* runrate: per period; seasonal: year total */
    double shares[FC_MAX_M];  /* seasonal: average share of each position */
    double last[FC_MAX_M];    /* snaive: the last m values, oldest first */
    double sigma;             /* snaive: sd of the seasonal differences */
    /* empirical errors of the simple methods at this cut-off in past
     * years: nerr vectors of (m - pos) errors, relative to that year's level */
    double *err;
    size_t nerr;
    double err_scale;         /* the current level the errors are scaled by */
    /* ets (ets.c via forecast.c) and theta (theta.c) */
    ets_model ets;
    const ets_model *ets_like; /* auto's replays: the full history's ETS
                                  fit, refitted in its model only */
    int ets_pruned;           /* auto's fits: ETS by fdi__ets_fit_pruned */
    double drift;             /* theta: half the slope of the linear trend */
    double theta_alpha;
    double season_fc[FC_MAX_M]; /* theta: seasonal index of the step after
                                   the history, then cyclic */
    int seasonal_adjusted;
    arima_model *arima;       /* arima (arima_*.c); owned */
    /* ensemble; auto's weighted combination too (weighted = 1): then
     * member[] is ets, theta, seasonal, runrate and the point is
     * sum_k wt[k] member_k + wt[FC_AUTO_ENSEMBLE] x the median (mean) of
     * the first three */
    struct fdi_fc_fit *member[FC_AUTO_ENSEMBLE];
    size_t nmembers;
    int ensemble_mean;
    int weighted;
    double wt[FC_AUTO_N];
    char explain[256];        /* auto: the weights and the errors behind them */
};

/* ---- auto (auto.c weighs, forecast.c replays) ----------------------------- */
enum {
    FC_AUTO_YEARS = 3, /* past years replayed at most for the path question
                          (pos = 0; the year-end question replays every
                          past year): the fits are the cost (M3 sMAPE
                          13.50, 13.47, 13.46 with 2, 3, 4 years; CPU 1.0x,
                          1.2x, 1.4x today's two-holdout auto) */
    FC_AUTO_PRIOR = 1, /* the ensemble as a prior worth this many years */
    FC_AUTO_SHARPNESS = 3 /* weights proportional to MSE^-3 (auto.c) */
};

typedef struct {
    int years;              /* origins scored (every candidate fitted) */
    double err[FC_AUTO_N];  /* mean error, percent (APE of the year total, or
                               sMAPE of the path when pos = 0) */
    double mse[FC_AUTO_N];  /* mean squared error, percent^2 */
    double w[FC_AUTO_N];    /* weights, summing to 1 */
} fc_auto_score;

const char *fdi__fc_auto_name(int k);
/* s->w from s->years and s->mse (see auto.c). */
void fdi__fc_auto_weigh(fc_auto_score *s);
/* The note's sentence: the weights and the errors they come from. */
void fdi__fc_auto_explain(const fc_auto_score *s, int m, int pos, char *buf, size_t size);

/* Each module fills f (already zeroed, method/m/pos set) from y[0..n-1]
 * (NaN-free). */
fdi_status fdi__fc_fit_runrate(fdi_fc_fit *f, const double *y, size_t n);
fdi_status fdi__fc_fit_seasonal(fdi_fc_fit *f, const double *y, size_t n, int k_years);
fdi_status fdi__fc_fit_snaive(fdi_fc_fit *f, const double *y, size_t n);
void fdi__fc_point_simple(const fdi_fc_fit *f, size_t h, double *mean);
fdi_status fdi__fc_simulate_simple(const fdi_fc_fit *f, size_t h, size_t npaths,
                                   fdi__rng *rng, double *paths);

/* Lumpy months (lumpy.c): cap = median + 10 x 1.4826 MAD of the values of
 * y[0..n), count = the values above it, fill = median + 2 x 1.4826 MAD,
 * what such a month is replaced by; HUGE_VAL and 0 with fewer than 12
 * values, no spread, or months above cap that are not rare (more than one
 * in six) or recur at one position of the m-period year. */
fdi_status fdi__fc_lumpy_cap(const double *y, size_t n, int m, double *cap, double *fill,
                             size_t *count, fdi_error *err);
/* A copy of y[0..n) with its lumpy months replaced by fill (caller
 * frees), or NULL when it has none. */
fdi_status fdi__fc_lumpy_history(const double *y, size_t n, int m, double **capped,
                                 fdi_error *err);

/* How the year-end spread must be scaled to have covered the series' past
 * years at the same month (calibrate.c): k80 for the body (the 80%
 * interval and everything inside it), k95 for the 95% interval; years:
 * the past years replayed (0: none, both factors 1). */
typedef struct {
    int years;
    double k80, k95;
} fdi_fc_calibration;

fdi_status fdi__fc_calibration(fdi_fc_method method, const double *y, size_t n,
                               const fdi_fc_config *c, size_t npaths, unsigned long seed,
                               fdi_fc_calibration *out, fdi_error *err);
/* The factors from the standardised past errors z[0..k) (the rule of
 * calibrate.c, apart for tests). */
void fdi__fc_calibration_from_z(const double *z, int k, fdi_fc_calibration *out);
/* How much further than the body factor out->widen the bounds of a
 * two-sided interval at `level` percent go from the mean: 1 up to 80,
 * out->widen95 / out->widen from 95, linear between. */
double fdi__fc_tail_factor(const fdi_yearend *out, double level);

fdi_status fdi__fc_fit_theta(fdi_fc_fit *f, const double *y, size_t n, fdi_error *err);
void fdi__fc_point_theta(const fdi_fc_fit *f, size_t h, double *mean);
void fdi__fc_simulate_theta(const fdi_fc_fit *f, size_t h, fdi__rng *rng, double *path);

/* The year-end distribution as the model gives it, before calibration:
 * out's year to date, point, variance, notes and mean of the totals, the
 * totals themselves in tot[0..npaths-1] (unsorted; untouched when the
 * year is complete, out->left == 0) and whether the series cannot go
 * negative.  npaths >= 100. */
fdi_status fdi__fc_yearend_model(fdi_fc_method method, const double *y, size_t n,
                                 const fdi_fc_config *c, double target, size_t npaths,
                                 unsigned long seed, double *keep, fdi_yearend *out,
                                 double *tot, int *nonneg, fdi_error *err);
/* sd, intervals (80, 95 and c's levels) and P(total >= target) of the
 * totals around out->mean; sorts tot. */
void fdi__fc_yearend_summarise(fdi_yearend *out, double *tot, size_t npaths, double target,
                               const fdi_fc_config *c);

/* fdi_fc_simulate drawing from rng as it stands (the year-end and the
 * backtests seed one generator and reuse it). */
fdi_status fdi__fc_simulate_rng(const fdi_fc_fit *f, size_t h, size_t npaths,
                                fdi__rng *rng, double *paths);

/* One forecast of a year-end backtest: y[t] the cut-off period (the last
 * month observed, `cutoff` of its fiscal year), methods[method] forecast
 * the year's total `actual` from y[0..t]; status FDI_OK, else why it could
 * not (the figures NaN). */
typedef struct {
    size_t t;
    int cutoff, method;
    fdi_status status;
    double actual, ytd, point, lo80, hi80, lo95, hi95;
} fdi__bt_case;
typedef fdi_status (*fdi__bt_case_fn)(void *ctx, const fdi__bt_case *c, fdi_error *err);

/* fdi_fc_backtest_yearend, also handing each forecast to each(ctx, ...)
 * (NULL: none) in the order made: year, cut-off, method.  A status other
 * than FDI_OK from each stops the replay with it. */
fdi_status fdi__fc_backtest_yearend_each(const double *y, size_t n, int first_pos,
                                         const fdi_fc_method *methods, int nmethods,
                                         const int *cutoffs, int ncutoffs, size_t from,
                                         const fdi_fc_config *base, size_t npaths,
                                         unsigned long seed, fdi_bt_accum *acc,
                                         fdi__bt_case_fn each, void *ctx, fdi_error *err);

#endif
