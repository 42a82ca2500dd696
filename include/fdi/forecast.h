/* fdi/forecast.h - forecasting one series, and the year-end distribution.
 *
 * A method is fitted on the observed history of one series (oldest first,
 * m periods a year, `pos` periods of the current fiscal year observed at
 * its end) and then gives point forecasts for the next h periods, sample
 * paths simulated from the fitted model (seeded generator: the same seed
 * gives the same paths) and, where the model has it, the analytic
 * variance of the sum of the next h periods.
 *
 * The year-end question ("where will the year end, how sure are we, how
 * likely is the goal") is fdi_fc_yearend: observed year to date + the sum of
 * each simulated path over the months left.
 *
 * Methods:
 *   runrate   ytd x m / pos
 *   seasonal  ytd / average share the same months held in the past k years
 *   snaive    each month as the same month last year
 *   ets       exponential smoothing state space (Hyndman et al. 2002, 2008),
 *             automatic selection by AICc, maximum likelihood
 *   theta     SES with drift on seasonally adjusted data (Hyndman & Billah)
 *   arima     seasonal ARIMA, exact maximum likelihood (Kalman filter),
 *             orders chosen as R's forecast::auto.arima (stepwise, AICc)
 *   ensemble  median (or mean) of ets, theta and seasonal
 *   auto      per series, ets, theta, seasonal and the ensemble weighed by
 *             their errors on the quantity asked (the year-end total at
 *             this month) in past years, shrunk toward the ensemble when
 *             the years are few (forecast/auto.c)
 * With less than two full years of history the model-based methods fall
 * back to a simpler one; the fit says which (FDI_FC_NOTE_FALLBACK).
 */
#ifndef FDI_FORECAST_H
#define FDI_FORECAST_H

#include "fdi/export.h"

#include <stddef.h>

#include "fdi/error.h"

typedef enum {
    FDI_FC_RUNRATE = 0,
    FDI_FC_SEASONAL,
    FDI_FC_SNAIVE,
    FDI_FC_ETS,
    FDI_FC_THETA,
    FDI_FC_ENSEMBLE,
    FDI_FC_AUTO,
    FDI_FC_ARIMA, /* after auto: the numbers of the older methods stay */
    FDI_FC_NMETHODS
} fdi_fc_method;

FDI_API const char *fdi_fc_method_name(fdi_fc_method m);
/* 0 and *out set, or -1 for an unknown name. */
FDI_API int fdi_fc_method_parse(const char *name, fdi_fc_method *out);

/* Notes a fit or a year-end result carries (bits). */
enum {
    FDI_FC_NOTE_SHORT = 1u << 0,    /* less than two full years of history */
    FDI_FC_NOTE_FALLBACK = 1u << 1, /* the asked method was replaced */
    FDI_FC_NOTE_GAPS = 1u << 2,     /* history had gaps: longest stretch used */
    FDI_FC_NOTE_NEGATIVE = 1u << 3, /* history has values <= 0 */
    FDI_FC_NOTE_LUMPY = 1u << 4,    /* one month holds most of a year */
    FDI_FC_NOTE_SMALL_BASE = 1u << 5, /* ytd of 1-2 months, or small against
                                        the series' usual level */
    FDI_FC_NOTE_UNCALIBRATED = 1u << 6, /* no past year to check the
                                           intervals against: the model's own */
    FDI_FC_NOTE_SPREAD = 1u << 7, /* --ytd input skipped months: their sum
                                    (fixed by the figures around them) was
                                    spread evenly over them */
    FDI_FC_NOTE_LUMPY_CAPPED = 1u << 8, /* months more than 10 robust sd
                                          above the series' median (mega
                                          projects) were capped for the
                                          projection of the months left;
                                          the year to date keeps them */
    FDI_FC_NOTE_OFF_INTERVAL = 1u << 9 /* the point forecast lies outside
                                          its own 80% interval: the
                                          simulated year ends (drawn from
                                          the method's past errors) fall
                                          mostly on one side of it */
};
/* "short history; fallback ..." style text of the notes, into buf. */
FDI_API void fdi_fc_notes_text(unsigned notes, char *buf, size_t size);

typedef struct {
    int m;                  /* periods a year: 12, 4 or 1 */
    int pos;                /* periods of the current fiscal year observed
                               at the end of the history, 0..m-1 */
    int k_years;            /* seasonal: past years averaged (default 3) */
    const char *ets_model;  /* "ZZZ" (automatic, default) or a fixed model
                               such as "ANN", "AAdA", "MAM" ("d": damped) */
    int ensemble_mean;      /* ensemble: mean instead of median */
    int levels[4], nlevels; /* year-end intervals wanted (default 80, 95) */
    int calibrate;          /* widen year-end intervals by the series' own
                               past errors at the same month (default 1) */
} fdi_fc_config;

FDI_API fdi_fc_config fdi_fc_config_default(int m, int pos);

typedef struct fdi_fc_fit fdi_fc_fit;

/* Fit `method` on y[0..n-1].  NaN in y: the NaN-free stretch that ends
 * the series is used (FDI_FC_NOTE_GAPS when a value comes before it; NaN
 * only before the first value is a series that starts late).  Errors: FDI_ENODATA (no
 * usable history), FDI_EUSAGE (bad ets_model), FDI_ENOMEM. */
FDI_API fdi_status fdi_fc_fit_series(fdi_fc_method method, const double *y, size_t n,
                                     const fdi_fc_config *c, fdi_fc_fit **out,
                                     fdi_error *err);
FDI_API void fdi_fc_free(fdi_fc_fit *f);

FDI_API fdi_fc_method fdi_fc_used(const fdi_fc_fit *f); /* after any fallback */
FDI_API unsigned fdi_fc_fit_notes(const fdi_fc_fit *f);
/* "ETS(M,Ad,M)", "theta (seasonally adjusted)", "seasonal k=3", ... */
FDI_API const char *fdi_fc_label(const fdi_fc_fit *f);
/* auto: which methods it weighed how and the rolling-origin errors it
 * weighed them by ("auto: weights seasonal 71%, ensemble 29% ... from
 * the year-end errors over the 3 past years at month 9, MAPE: seasonal
 * 2.1%, ...");
 * "" for the other methods. */
FDI_API const char *fdi_fc_explain(const fdi_fc_fit *f);

/* Point forecasts for steps 1..h into mean[0..h-1]. */
FDI_API void fdi_fc_point(const fdi_fc_fit *f, size_t h, double *mean);
/* Analytic variance of the sum of steps 1..h, or NaN when the model has
 * no closed form (non-linear ETS, the empirical methods). */
FDI_API double fdi_fc_sum_variance(const fdi_fc_fit *f, size_t h);
/* npaths sample paths of steps 1..h, row-major (path p at paths + p*h),
 * drawn from a generator (MT19937) seeded with seed: the same seed gives
 * the same paths.  FDI_ENOMEM when the generator cannot be made. */
FDI_API fdi_status fdi_fc_simulate(const fdi_fc_fit *f, size_t h, size_t npaths,
                                   unsigned long seed, double *paths);

/* The year-end distribution of one series. */
typedef struct {
    double ytd;           /* observed year to date */
    double mean, sd;      /* of the simulated year totals */
    double point;         /* the forecast: ytd + the method's point forecast
                             of each period left (runrate: ytd x m / pos;
                             seasonal: ytd / the share of the periods
                             observed); what `forecast`, the report and the
                             chart's line give; the intervals and p_target
                             come from the simulated totals */
    double months[24];    /* the point forecast of periods left 1..left */
    double lo80, hi80, lo95, hi95;
    double lo[4], hi[4];  /* at the config's levels, in its order */
    double p_target;      /* P(total >= target); NaN without a target */
    double var_analytic;  /* analytic variance of the total, or NaN */
    double widen;         /* factor the model's spread was scaled by around
                             the mean (calibrate.c; below 1: narrowed) for
                             the totals, the 80% interval and p_target */
    double widen95;       /* the same for the 95% interval (levels between
                             80 and 95 interpolate) */
    int left;             /* periods left in the year */
    int nonneg;           /* the history used never went negative: no total
                             (simulated, widened, or under a what-if
                             scenario's widening) ends below ytd */
    fdi_fc_method used;
    char label[48];
    unsigned notes;
    char explain[256];    /* auto: fdi_fc_explain's sentence; else "" */
} fdi_yearend;

/* y: the series' flows through the as-of period (oldest first); c->pos:
 * periods of the fiscal year observed (1..m; m means the year is complete).
 * npaths >= 100 (default 5000); seed: same seed, same result. */
FDI_API fdi_status fdi_fc_yearend(fdi_fc_method method, const double *y, size_t n,
                                  const fdi_fc_config *c, double target, size_t npaths,
                                  unsigned long seed, fdi_yearend *out, fdi_error *err);

/* The same, also keeping the simulated months: keep (npaths x left,
 * row-major; NULL: not kept) gets each path's months left, as simulated
 * (before out->widen is applied to the totals).  What-if scenarios start
 * from these paths. */
FDI_API fdi_status fdi_fc_yearend_paths(fdi_fc_method method, const double *y, size_t n,
                                        const fdi_fc_config *c, double target, size_t npaths,
                                        unsigned long seed, double *keep, fdi_yearend *out,
                                        fdi_error *err);

/* ---- backtests ----------------------------------------------------------
 * Replaying history: for every year whose periods are all observed and
 * that has at least one complete year before it, and every cut-off month
 * c, the year-end forecast from the data up to month c of that year
 * against the actual total.  Errors accumulate per method and cut-off:
 *   APE  100 |a - f| / |a|        sAPE 200 |a - f| / (|a| + |f|)
 *   ASE  |a - f| / (mean |y_t - y_{t-m}| in the history x (m - c)): the
 *        error against a seasonal-naive scale for the months forecast
 * and whether a fell inside the 80% and 95% intervals. */
typedef struct {
    size_t count;             /* forecasts scored */
    size_t failed;            /* forecasts the method could not make */
    double ape, sape, ase;    /* sums; NaN-free terms only */
    size_t n_ape, n_ase;      /* terms in ape (a != 0) and ase (scale > 0) */
    size_t in80, in95;
} fdi_bt_accum;

/* y[0..n-1]: flows, y[0] at position first_pos (0-based) of its fiscal
 * year.  acc[k * (m + 1) + c] for method k and cut-off c (1..m-1);
 * acc[k * (m + 1) + 0] collects every cut-off.  cutoffs NULL: all 1..m-1.
 * Years starting before index `from` are not scored (--from). */
FDI_API fdi_status fdi_fc_backtest_yearend(const double *y, size_t n, int first_pos,
                                           const fdi_fc_method *methods, int nmethods,
                                           const int *cutoffs, int ncutoffs,
                                           size_t from, const fdi_fc_config *base,
                                           size_t npaths, unsigned long seed,
                                           fdi_bt_accum *acc, fdi_error *err);

/* The classic h-step evaluation: from every origin with at least two
 * years of history, forecast h periods; per method, the sMAPE and MASE
 * (in-sample seasonal-naive scale) of each step and the coverage of the
 * per-step 80% and 95% intervals.  acc[k] per method. */
FDI_API fdi_status fdi_fc_backtest_horizon(const double *y, size_t n, int first_pos,
                                           const fdi_fc_method *methods, int nmethods,
                                           int h, const fdi_fc_config *base, size_t npaths,
                                           unsigned long seed, fdi_bt_accum *acc,
                                           fdi_error *err);

#endif
