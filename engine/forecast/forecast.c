/* forecast.c - one interface over the methods: fitting with fallback for
 * short or awkward histories, point forecasts, simulation, the ensemble and
 * the automatic choice by backtest. */
#include "forecast/fc_internal.h"

#include <gsl/gsl_errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const method_names[FDI_FC_NMETHODS] = {
    "runrate", "seasonal", "snaive", "ets", "theta", "ensemble", "auto", "arima"};

const char *fdi_fc_method_name(fdi_fc_method m)
{
    return (unsigned)m < FDI_FC_NMETHODS ? method_names[m] : "?";
}

int fdi_fc_method_parse(const char *name, fdi_fc_method *out)
{
    for (int i = 0; i < FDI_FC_NMETHODS; i++)
        if (name && strcmp(name, method_names[i]) == 0) {
            *out = (fdi_fc_method)i;
            return 0;
        }
    return -1;
}

fdi_fc_config fdi_fc_config_default(int m, int pos)
{
    fdi_fc_config c = {m, pos, 3, "ZZZ", 0, {80, 95, 0, 0}, 2, 1};
    return c;
}

void fdi_fc_notes_text(unsigned notes, char *buf, size_t size)
{
    static const char *const text[] = {
        "less than 2 full years of history", "fallback method",
        "gaps in history: last unbroken stretch used", "values <= 0 in history",
        "lumpy: one month holds most of a year", "small base",
        "intervals not checked against past years",
        "months missing from the cumulative figures spread evenly over the gap",
        "lumpy: months far above the usual level (mega projects) kept in the year to date, "
        "capped for the months left",
        "forecast outside its 80% interval: past years' errors at this month lie mostly on "
        "one side of it"};
    size_t len = 0;
    if (size)
        buf[0] = '\0';
    for (unsigned i = 0; i < sizeof text / sizeof text[0]; i++) {
        if (!(notes & (1u << i)) || len >= size)
            continue;
        int w = snprintf(buf + len, size - len, "%s%s", len ? "; " : "", text[i]);
        if (w < 0)
            break;
        len += (size_t)w;
    }
}

fdi_fc_method fdi_fc_used(const fdi_fc_fit *f) { return f->used; }
unsigned fdi_fc_fit_notes(const fdi_fc_fit *f) { return f->notes; }
const char *fdi_fc_label(const fdi_fc_fit *f) { return f->label; }
const char *fdi_fc_explain(const fdi_fc_fit *f) { return f->explain; }

void fdi_fc_free(fdi_fc_fit *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->nmembers; i++)
        fdi_fc_free(f->member[i]);
    free(f->err);
    free(f->arima);
    free(f);
}

/* A month that holds more than 60% of its year's total, in a year of
 * positive total: one mega project. */
static int is_lumpy(const double *y, size_t n, int m, int pos)
{
    if (m < 4 || (size_t)pos > n) /* a stretch after a gap can be shorter */
        return 0;
    for (size_t end = n - (size_t)pos; end >= (size_t)m; end -= (size_t)m) {
        double tot = 0, mx = 0;
        for (size_t t = end - (size_t)m; t < end; t++) {
            tot += y[t];
            mx = fmax(mx, y[t]);
        }
        if (tot > 0 && mx > 0.6 * tot)
            return 1;
    }
    return 0;
}

static fdi_status fit_method(fdi_fc_fit *f, fdi_fc_method method, const double *y,
                             size_t n, const fdi_fc_config *c, fdi_error *err);

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static fdi_fc_fit *new_fit(fdi_fc_method method, const fdi_fc_config *c, size_t n)
{
    fdi_fc_fit *f = calloc(1, sizeof *f);
    if (f) {
        f->method = f->used = method;
        f->m = c->m;
        f->pos = c->pos;
        f->n = n;
        f->ensemble_mean = c->ensemble_mean;
    }
    return f;
}

static fdi_status fit_member(fdi_fc_fit *f, fdi_fc_method method, const double *y,
                             size_t n, const fdi_fc_config *c, fdi_error *err)
{
    fdi_fc_fit *g = new_fit(method, c, n);
    if (!g)
        return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    g->ets_pruned = f->ets_pruned;
    fdi_status st = fit_method(g, method, y, n, c, err);
    if (st != FDI_OK) {
        fdi_fc_free(g);
        return st;
    }
    f->member[f->nmembers++] = g;
    return FDI_OK;
}

static fdi_status fit_ensemble(fdi_fc_fit *f, const double *y, size_t n,
                               const fdi_fc_config *c, fdi_error *err)
{
    static const fdi_fc_method members[3] = {FDI_FC_ETS, FDI_FC_THETA, FDI_FC_SEASONAL};
    for (int i = 0; i < 3; i++) {
        fdi_status st = fit_member(f, members[i], y, n, c, err);
        if (st == FDI_ENOMEM)
            return st;
    }
    if (f->nmembers == 0)
        return fdi_error_set(err, FDI_ENODATA, NULL, 0, 0,
                             "no ensemble member could be fitted");
    int len = snprintf(f->label, sizeof f->label, "%s of", f->ensemble_mean ? "mean" : "median");
    for (size_t i = 0; i < f->nmembers && len > 0 && (size_t)len < sizeof f->label; i++)
        len += snprintf(f->label + len, sizeof f->label - (size_t)len, "%s%s",
                        i ? "," : " ", fdi_fc_method_name(f->member[i]->used));
    return FDI_OK;
}

static double smape(const double *a, const double *f, size_t h)
{
    double e = 0;
    for (size_t i = 0; i < h; i++) {
        double d = fabs(a[i]) + fabs(f[i]);
        e += d > 0 ? 200.0 * fabs(a[i] - f[i]) / d : 0.0;
    }
    return e / (double)h;
}

/* The ensemble's value of one step from its k members' values v (sorted
 * in place): their mean (ensemble_mean, or fewer than 3), else median. */
static double combine_members(double *v, size_t k, int ensemble_mean)
{
    double s = 0;
    for (size_t i = 0; i < k; i++)
        s += v[i];
    if (ensemble_mean || k < 3)
        return s / (double)k;
    qsort(v, k, sizeof v[0], cmp_double);
    return v[1];
}

/* Points of the h steps after y[0..cut-1] by `method`.  FDI_OK, or
 * FDI_ENODATA when the method cannot be fitted there as itself (a fallback
 * does not count), or FDI_ENOMEM. */
static fdi_status holdout_point(fdi_fc_method method, const double *y, size_t cut,
                                size_t h, const fdi_fc_config *c, const ets_model *like,
                                double *mean)
{
    fdi_fc_fit *g = new_fit(method, c, cut);
    if (!g)
        return FDI_ENOMEM;
    g->ets_like = like;
    g->ets_pruned = 1; /* when the refit falls back to a search */
    fdi_status st = fit_method(g, method, y, cut, c, NULL);
    if (st == FDI_OK && g->used == method)
        fdi_fc_point(g, h, mean);
    else if (st != FDI_ENOMEM)
        st = FDI_ENODATA;
    fdi_fc_free(g);
    return st;
}

static const fdi_fc_method auto_cand[FC_AUTO_N] = {FDI_FC_ETS, FDI_FC_THETA, FDI_FC_SEASONAL,
                                                   FDI_FC_RUNRATE, FDI_FC_ENSEMBLE};

/* Every candidate's points of the h steps after y[0..cut-1]; the
 * ensemble's combined from its members' (the first three) as fdi_fc_point
 * does.  FDI_ENODATA when a member cannot be fitted there as itself. */
static fdi_status origin_points(const double *y, size_t cut, size_t h, const fdi_fc_config *c,
                                const ets_model *like, double pt[FC_AUTO_N][FC_MAX_M])
{
    for (int k = 0; k < FC_AUTO_ENSEMBLE; k++) {
        fdi_status st = holdout_point(auto_cand[k], y, cut, h, c, like, pt[k]);
        if (st != FDI_OK)
            return st;
    }
    for (size_t i = 0; i < h; i++) {
        double v[3] = {pt[FC_AUTO_ETS][i], pt[FC_AUTO_THETA][i], pt[FC_AUTO_SEASONAL][i]};
        pt[FC_AUTO_ENSEMBLE][i] = combine_members(v, 3, c->ensemble_mean);
    }
    return FDI_OK;
}

/* The error, in percent, of forecast pt of the h steps after cut on the
 * quantity asked: with pos periods of the year observed at cut, the APE of
 * the year total (observed + forecast); pos = 0, the sMAPE of the path. */
static double origin_error(const double *y, size_t cut, size_t h, size_t pos, const double *pt)
{
    if (pos == 0)
        return smape(y + cut, pt, h);
    double a = 0, f;
    for (size_t t = cut - pos; t < cut; t++)
        a += y[t];
    f = a;
    for (size_t i = 0; i < h; i++) {
        a += y[cut + i];
        f += pt[i];
    }
    return a != 0 ? 100.0 * fabs(a - f) / fabs(a) : f != 0 ? 200.0 : 0.0;
}

/* Rolling origin: the candidates replayed at the same position in each
 * past year that has two years of history before it (every one for the
 * year-end question; the last FC_AUTO_YEARS for the path question),
 * scored on the quantity asked, weighed (auto.c). */
static fdi_status auto_score(const double *y, size_t n, const fdi_fc_config *c,
                             const ets_model *like, fc_auto_score *s)
{
    size_t m = (size_t)c->m, pos = (size_t)c->pos, h = pos ? m - pos : m;
    size_t most = pos ? n / m : FC_AUTO_YEARS;
    double pt[FC_AUTO_N][FC_MAX_M];
    memset(s, 0, sizeof *s);
    for (size_t j = 1; j <= most && n >= j * m + 2 * m; j++) {
        size_t cut = n - j * m;
        fdi_status st = origin_points(y, cut, h, c, like, pt);
        if (st == FDI_ENOMEM)
            return st;
        if (st != FDI_OK) /* the candidates are compared on the same years */
            continue;
        for (int k = 0; k < FC_AUTO_N; k++) {
            double e = origin_error(y, cut, h, pos, pt[k]);
            s->err[k] += e;
            s->mse[k] += e * e;
        }
        s->years++;
    }
    for (int k = 0; k < FC_AUTO_N && s->years; k++) {
        s->err[k] /= s->years;
        s->mse[k] /= s->years;
    }
    fdi__fc_auto_weigh(s);
    return FDI_OK;
}

/* auto on less than two years (and a year under way): ets and theta
 * cannot be fitted, and no past year can say which of the two candidates
 * left, the seasonal share and the run rate, to trust; so their
 * combination, the mean (an ensemble of the two), as auto shrinks toward
 * the combination when evidence is thin.  The mean rather than the
 * seasonal share alone (the fallback before): with one year behind it the
 * share is that one year's pattern, and the two often err on opposite
 * sides (bench/results/backtest.md).  FDI_ENODATA when either cannot be
 * fitted: the fallbacks then (fdi_fc_fit_series). */
static fdi_status fit_auto_short(fdi_fc_fit *f, const double *y, size_t n,
                                 const fdi_fc_config *c, fdi_error *err)
{
    static const fdi_fc_method two[2] = {FDI_FC_SEASONAL, FDI_FC_RUNRATE};
    f->used = FDI_FC_ENSEMBLE;
    for (int i = 0; i < 2 && c->pos > 0; i++)
        if (fit_member(f, two[i], y, n, c, err) == FDI_ENOMEM)
            return FDI_ENOMEM;
    if (f->nmembers < 2) {
        for (size_t i = 0; i < f->nmembers; i++)
            fdi_fc_free(f->member[i]);
        f->nmembers = 0;
        return fdi_error_set(err, FDI_ENODATA, NULL, 0, 0, "too little history");
    }
    snprintf(f->label, sizeof f->label, "auto: mean of seasonal,runrate");
    snprintf(f->explain, sizeof f->explain,
             "auto: mean of seasonal and runrate (less than two years: no ets or theta, "
             "and no past year to compare the two on)");
    return FDI_OK;
}

/* auto: the candidates (ets, theta, seasonal share, runrate, ensemble)
 * weighed by their rolling-origin errors on the quantity asked
 * (auto_score, auto.c).  Nearly all the weight on one: that method alone;
 * otherwise the weighted combination, an ensemble fit with weights and the
 * run rate added as a fourth member.  snaive is not a candidate: as one it
 * took weight on the public investment series in years it happened to win
 * (year-end MAPE 5.40 -> 5.47) and helped nowhere runrate did not. */
static fdi_status fit_auto(fdi_fc_fit *f, const double *y, size_t n,
                           const fdi_fc_config *c, fdi_error *err)
{
    if (n < 2 * (size_t)c->m)
        return fit_auto_short(f, y, n, c, err);
    /* the ensemble first: the replays refit its ETS member's model */
    f->ets_pruned = 1;
    fdi_status st = fit_method(f, FDI_FC_ENSEMBLE, y, n, c, err);
    if (st != FDI_OK)
        return st;
    const ets_model *like = NULL;
    for (size_t i = 0; i < f->nmembers; i++)
        if (f->member[i]->used == FDI_FC_ETS)
            like = &f->member[i]->ets;
    fc_auto_score s;
    if (auto_score(y, n, c, like, &s) != FDI_OK)
        return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    int top = 0;
    for (int k = 1; k < FC_AUTO_N; k++)
        top = s.w[k] > s.w[top] ? k : top;
    char inner[48];
    if (s.w[top] > 0.995 && top != FC_AUTO_ENSEMBLE) {
        for (size_t i = 0; i < f->nmembers; i++)
            fdi_fc_free(f->member[i]);
        f->nmembers = 0;
        st = fit_method(f, auto_cand[top], y, n, c, err);
        memcpy(inner, f->label, sizeof inner);
    } else if (s.w[top] > 0.995) {
        memcpy(inner, f->label, sizeof inner);
    } else {
        /* the run rate joins as the fourth member (cheap, no search) */
        if (f->nmembers == FC_AUTO_RUNRATE &&
            fit_member(f, FDI_FC_RUNRATE, y, n, c, err) == FDI_ENOMEM)
            return FDI_ENOMEM;
        f->weighted = f->nmembers == FC_AUTO_ENSEMBLE;
        memcpy(f->wt, s.w, sizeof f->wt);
        snprintf(inner, sizeof inner, "%.24s (mostly %s)",
                 f->weighted ? "weighted" : f->label, fdi__fc_auto_name(top));
    }
    if (st == FDI_OK) {
        snprintf(f->label, sizeof f->label, "auto: %.40s", inner);
        fdi__fc_auto_explain(&s, c->m, c->pos, f->explain, sizeof f->explain);
    }
    return st;
}

/* arima: the order auto.arima would choose (arima_search.c); a lumpy
 * series (one mega month) without a seasonal part, as ets. */
static fdi_status fit_arima(fdi_fc_fit *f, const double *y, size_t n, fdi_error *err)
{
    if (!f->arima && !(f->arima = malloc(sizeof *f->arima)))
        return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    int m = (f->notes & FDI_FC_NOTE_LUMPY) ? 1 : f->m;
    fdi_status st = fdi__arima_auto(y, n, m, f->arima, err);
    if (st == FDI_OK)
        fdi__arima_name(f->arima, f->label, sizeof f->label);
    return st;
}

static fdi_status fit_method(fdi_fc_fit *f, fdi_fc_method method, const double *y,
                             size_t n, const fdi_fc_config *c, fdi_error *err)
{
    fdi_status st;
    f->used = method;
    f->n = n;
    switch (method) {
    case FDI_FC_RUNRATE:
        st = fdi__fc_fit_runrate(f, y, n);
        if (st == FDI_OK)
            snprintf(f->label, sizeof f->label, "runrate");
        return st;
    case FDI_FC_SEASONAL:
        return fdi__fc_fit_seasonal(f, y, n, c->k_years > 0 ? c->k_years : 3);
    case FDI_FC_SNAIVE:
        st = fdi__fc_fit_snaive(f, y, n);
        if (st == FDI_OK)
            snprintf(f->label, sizeof f->label, "snaive");
        return st;
    case FDI_FC_ETS: {
        const char *model = c->ets_model ? c->ets_model : "ZZZ";
        if ((f->notes & FDI_FC_NOTE_LUMPY) && strcmp(model, "ZZZ") == 0)
            model = "AZN"; /* a mega month: no multiplicative or seasonal
                              pattern learnt from it */
        st = FDI_ECOMPUTE;
        if (f->ets_like) /* auto's replays: the full history's model */
            st = fdi__ets_refit(y, n, c->m, f->ets_like, &f->ets, NULL);
        if (st != FDI_OK)
            st = (f->ets_pruned ? fdi__ets_fit_pruned : fdi__ets_fit)(y, n, c->m, model,
                                                                     &f->ets, err);
        if (st == FDI_OK)
            fdi__ets_name(&f->ets.spec, f->label, sizeof f->label);
        return st;
    }
    case FDI_FC_THETA:
        st = fdi__fc_fit_theta(f, y, n, err);
        if (st == FDI_OK)
            snprintf(f->label, sizeof f->label, "theta%s",
                     f->seasonal_adjusted ? " (seasonally adjusted)" : "");
        return st;
    case FDI_FC_ARIMA:
        return fit_arima(f, y, n, err);
    case FDI_FC_ENSEMBLE:
        return fit_ensemble(f, y, n, c, err);
    case FDI_FC_AUTO:
        return fit_auto(f, y, n, c, err);
    default:
        return fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0, "unknown method");
    }
}

/* The simpler method to use when `method` cannot be fitted. */
static fdi_fc_method fallback_for(fdi_fc_method method, size_t n, const fdi_fc_config *c)
{
    size_t m = (size_t)c->m;
    if (method == FDI_FC_RUNRATE)
        return FDI_FC_NMETHODS;
    if (method != FDI_FC_SEASONAL && method != FDI_FC_SNAIVE && n >= (size_t)c->pos + m)
        return FDI_FC_SEASONAL;
    if (method == FDI_FC_SEASONAL && n >= m)
        return FDI_FC_SNAIVE;
    return c->pos > 0 ? FDI_FC_RUNRATE : FDI_FC_NMETHODS;
}

static pthread_once_t gsl_quiet_once = PTHREAD_ONCE_INIT;

static void gsl_quiet(void)
{
    gsl_set_error_handler_off();
}

fdi_status fdi_fc_fit_series(fdi_fc_method method, const double *y, size_t n,
                             const fdi_fc_config *c, fdi_fc_fit **out, fdi_error *err)
{
    *out = NULL;
    /* GSL's default handler aborts; every GSL status is checked here.  Set
     * once (pthread_once): fits run on several threads at a time */
    pthread_once(&gsl_quiet_once, gsl_quiet);
    if (c->m < 1 || c->m > FC_MAX_M || c->pos < 0 || c->pos >= c->m)
        return fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0,
                             "periods a year %d and position %d: expected 1..%d and 0..m-1",
                             c->m, c->pos, FC_MAX_M);
    size_t start = n;
    while (start > 0 && !isnan(y[start - 1]))
        start--;
    size_t len = n - start;
    if (len == 0)
        return fdi_error_set(err, FDI_ENODATA, NULL, 0, 0,
                             n ? "the last period has no value" : "no history");
    fdi_fc_fit *f = new_fit(method, c, len);
    if (!f)
        return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    const double *h = y + start;
    for (size_t t = 0; t < start; t++) /* a value before the stretch: a gap,
                                          not the series' late start */
        if (!isnan(y[t])) {
            f->notes |= FDI_FC_NOTE_GAPS;
            break;
        }
    if (len < 2 * (size_t)c->m)
        f->notes |= FDI_FC_NOTE_SHORT;
    f->nonneg = 1;
    for (size_t t = 0; t < len; t++) {
        if (!(h[t] > 0))
            f->notes |= FDI_FC_NOTE_NEGATIVE;
        if (h[t] < 0)
            f->nonneg = 0;
    }
    if (is_lumpy(h, len, c->m, c->pos))
        f->notes |= FDI_FC_NOTE_LUMPY;
    fdi_fc_method try = method;
    /* model-based methods need two full years to say anything honest */
    /* (auto decides itself on a short history: fit_auto_short) */
    int model_based = method == FDI_FC_ETS || method == FDI_FC_THETA ||
                      method == FDI_FC_ENSEMBLE || method == FDI_FC_ARIMA;
    if (model_based && (f->notes & FDI_FC_NOTE_SHORT))
        try = fallback_for(method, len, c);
    fdi_status st = FDI_ENODATA;
    fdi_error e2 = {0};
    while (try != FDI_FC_NMETHODS) {
        st = fit_method(f, try, h, len, c, &e2);
        if (st == FDI_OK || st == FDI_ENOMEM || st == FDI_EUSAGE)
            break;
        try = fallback_for(try, len, c);
    }
    if (st == FDI_ENOMEM && !e2.message[0]) /* the simple fits say no more */
        fdi_error_set(&e2, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    if (st != FDI_OK) {
        if (err)
            *err = e2;
        if (st == FDI_ENODATA && (!err || !err->message[0]))
            fdi_error_set(err, st, NULL, 0, 0, "too little history (%zu periods)", len);
        fdi_fc_free(f);
        return st;
    }
    if (try != method) /* auto's own choice is not a fallback */
        f->notes |= FDI_FC_NOTE_FALLBACK;
    *out = f;
    return FDI_OK;
}

/* The ensemble's points: each step's median (mean) of the members';
 * auto's weighted combination adds wt[k] x member k's (all four) to
 * wt[ensemble] x that of the first three. */
static void combine_points(const fdi_fc_fit *f, size_t h, double *mean)
{
    double *tmp = malloc(h * f->nmembers * sizeof *tmp);
    if (!tmp) { /* degrade to the first member rather than fail */
        fdi_fc_point(f->member[0], h, mean);
        return;
    }
    for (size_t k = 0; k < f->nmembers; k++)
        fdi_fc_point(f->member[k], h, tmp + k * h);
    for (size_t i = 0; i < h; i++) {
        double v[FC_AUTO_ENSEMBLE], w = 0;
        for (size_t k = 0; k < f->nmembers; k++) {
            v[k] = tmp[k * h + i];
            w += f->weighted ? f->wt[k] * v[k] : 0.0;
        }
        double e = combine_members(v, f->weighted ? FC_AUTO_RUNRATE : f->nmembers,
                                   f->ensemble_mean);
        mean[i] = f->weighted ? w + f->wt[FC_AUTO_ENSEMBLE] * e : e;
    }
    free(tmp);
}

void fdi_fc_point(const fdi_fc_fit *f, size_t h, double *mean)
{
    switch (f->used) {
    case FDI_FC_ETS:
        fdi__ets_forecast(&f->ets, h, mean);
        return;
    case FDI_FC_THETA:
        fdi__fc_point_theta(f, h, mean);
        return;
    case FDI_FC_ARIMA:
        fdi__arima_forecast(f->arima, h, mean);
        return;
    case FDI_FC_ENSEMBLE:
        combine_points(f, h, mean);
        return;
    default:
        fdi__fc_point_simple(f, h, mean);
    }
}

double fdi_fc_sum_variance(const fdi_fc_fit *f, size_t h)
{
    if (f->used == FDI_FC_ETS)
        return fdi__ets_sum_variance(&f->ets, h);
    if (f->used == FDI_FC_ARIMA)
        return fdi__arima_sum_variance(f->arima, h);
    if (f->used == FDI_FC_THETA && !f->seasonal_adjusted)
        return fdi__ets_sum_variance(&f->ets, h); /* the drift is deterministic */
    return NAN;
}

static fdi_status simulate_raw(const fdi_fc_fit *f, size_t h, size_t npaths,
                               fdi__rng *rng, double *paths);

fdi_status fdi_fc_simulate(const fdi_fc_fit *f, size_t h, size_t npaths,
                           unsigned long seed, double *paths)
{
    fdi__rng *rng = malloc(sizeof *rng);
    if (!rng)
        return FDI_ENOMEM;
    fdi__rng_seed(rng, seed);
    fdi_status st = fdi__fc_simulate_rng(f, h, npaths, rng, paths);
    free(rng);
    return st;
}

fdi_status fdi__fc_simulate_rng(const fdi_fc_fit *f, size_t h, size_t npaths,
                                fdi__rng *rng, double *paths)
{
    fdi_status st = simulate_raw(f, h, npaths, rng, paths);
    if (st == FDI_OK && f->nonneg)
        for (size_t i = 0; i < npaths * h; i++)
            paths[i] = paths[i] < 0 ? 0.0 : paths[i];
    return st;
}

/* The member path p is drawn from: in turn for the ensemble; for auto's
 * weighted combination by the mixture weights (wt[k], plus a third of the
 * ensemble's for its three members), stratified over each 100 paths. */
static size_t mix_member(const fdi_fc_fit *f, size_t p)
{
    if (!f->weighted)
        return p % f->nmembers;
    double u = ((double)(p % 100) + 0.5) / 100.0, cum = 0;
    for (size_t k = 0; k + 1 < f->nmembers; k++) {
        cum += f->wt[k] + (k < FC_AUTO_RUNRATE ? f->wt[FC_AUTO_ENSEMBLE] / 3.0 : 0.0);
        if (u < cum)
            return k;
    }
    return f->nmembers - 1;
}

static fdi_status simulate_raw(const fdi_fc_fit *f, size_t h, size_t npaths,
                               fdi__rng *rng, double *paths)
{
    switch (f->used) {
    case FDI_FC_ETS:
        for (size_t p = 0; p < npaths; p++)
            fdi__ets_simulate(&f->ets, h, rng, paths + p * h);
        return FDI_OK;
    case FDI_FC_THETA:
        for (size_t p = 0; p < npaths; p++)
            fdi__fc_simulate_theta(f, h, rng, paths + p * h);
        return FDI_OK;
    case FDI_FC_ARIMA:
        return fdi__arima_simulate(f->arima, h, npaths, rng, paths);
    case FDI_FC_ENSEMBLE: {
        /* a mixture of the members' paths, each recentred on the ensemble
         * forecast: the members' model uncertainty around the combination */
        double *pt = malloc((1 + f->nmembers) * h * sizeof *pt);
        if (!pt)
            return FDI_ENOMEM;
        fdi_fc_point(f, h, pt);
        for (size_t k = 0; k < f->nmembers; k++) /* each member's points once,
                                                    not once a path */
            fdi_fc_point(f->member[k], h, pt + (1 + k) * h);
        for (size_t p = 0; p < npaths; p++) {
            size_t k = mix_member(f, p);
            const fdi_fc_fit *g = f->member[k];
            const double *mp = pt + (1 + k) * h;
            fdi_status st = simulate_raw(g, h, 1, rng, paths + p * h);
            if (st != FDI_OK) {
                free(pt);
                return st;
            }
            for (size_t i = 0; i < h; i++)
                paths[p * h + i] += pt[i] - mp[i];
        }
        free(pt);
        return FDI_OK;
    }
    default:
        return fdi__fc_simulate_simple(f, h, npaths, rng, paths);
    }
}
