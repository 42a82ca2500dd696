/* auto.c - how `auto` weighs its candidates (ets, theta, the seasonal
 * share, the run rate and the ensemble) from their rolling-origin errors
 * (forecast.c replays them), and the sentence that says so.
 *
 * The evidence: at each past year j = 1, 2, ... with two years of history
 * before it (every such year for the year-end question, the last
 * FC_AUTO_YEARS for the path question, whose cost M3 counts), each
 * candidate is refitted on the series up to the same position in that
 * year (cut = n - j m) and scored on the quantity asked:
 *   pos > 0  the year-end total (the months observed plus the forecast of
 *            the rest of that year) against the actual: APE, in percent;
 *   pos = 0  no year under way, so the question is the path ahead (an
 *            h-step forecast, as M3 asks): the sMAPE of the next m months.
 * Only origins where every candidate could be fitted as itself count, so
 * the candidates are compared on the same years.
 *
 * The weights.  Inverse mean squared error (Bates & Granger 1969), raised
 * to the power FC_AUTO_SHARPNESS: w_k proportional to MSE_k^-3, so a
 * candidate with half the RMS error gets 64 times the weight.  The plain
 * inverse MSE (power 1) spreads too much weight over methods that were
 * clearly worse: on the public investment series at months 3, 6 and 9 it
 * gave year-end MAPE 5.90 where power 3 gives 5.49 (seasonal alone 4.36);
 * on M3 the power makes no difference (13.47 / 13.46 with power 1 / 2).
 * With few origins those weights are noise (three years of a lumpy series
 * can make any method look best), so they are shrunk toward the
 * combination the project trusts by default, the ensemble (median of ets,
 * theta and the seasonal share; the best single choice on the bundled
 * series and on M3), as a prior worth FC_AUTO_PRIOR years of evidence:
 *     w = r w_BG + (1 - r) e_ensemble,   r = J / (J + FC_AUTO_PRIOR),
 * J the origins scored: one past year leaves the ensemble half the weight,
 * three a quarter.  No origin: the ensemble alone.  Less than two years
 * of history (no ets or theta, so no ensemble; forecast.c's
 * fit_auto_short): the mean of the seasonal share and the run rate, the
 * combination of the candidates left, none of them checked. */
#include "forecast/fc_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const cand_name[FC_AUTO_N] = {"ets", "theta", "seasonal", "runrate",
                                                 "ensemble"};

const char *fdi__fc_auto_name(int k)
{
    return k >= 0 && k < FC_AUTO_N ? cand_name[k] : "?";
}

void fdi__fc_auto_weigh(fc_auto_score *s)
{
    memset(s->w, 0, sizeof s->w);
    if (s->years == 0) {
        s->w[FC_AUTO_ENSEMBLE] = 1.0;
        return;
    }
    double inv[FC_AUTO_N], tot = 0, r = (double)s->years / (s->years + FC_AUTO_PRIOR);
    for (int k = 0; k < FC_AUTO_N; k++) {
        /* a floor of 0.01% squared: a perfect past does not take all */
        inv[k] = pow(1.0 / fmax(s->mse[k], 1e-4), FC_AUTO_SHARPNESS);
        tot += inv[k];
    }
    for (int k = 0; k < FC_AUTO_N; k++)
        s->w[k] = r * inv[k] / tot;
    s->w[FC_AUTO_ENSEMBLE] += 1.0 - r;
}

/* Candidates by weight, heaviest first. */
static void by_weight(const fc_auto_score *s, int *order)
{
    for (int k = 0; k < FC_AUTO_N; k++)
        order[k] = k;
    for (int i = 1; i < FC_AUTO_N; i++)
        for (int j = i; j > 0 && s->w[order[j]] > s->w[order[j - 1]]; j--) {
            int t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
}

/* "auto: weights seasonal 55%, ensemble 27%, ets 13%, theta 5%, runrate 0%
 * from the year-end errors over the 3 past years at month 9, MAPE:
 * seasonal 2.1%, ..." (the weights come from the squared errors, the MAPE
 * is shown) */
void fdi__fc_auto_explain(const fc_auto_score *s, int m, int pos, char *buf, size_t size)
{
    int order[FC_AUTO_N], len;
    if (!size)
        return;
    if (s->years == 0) {
        snprintf(buf, size, "auto: ensemble (no past year with two years before it to "
                            "compare the methods on)");
        return;
    }
    by_weight(s, order);
    len = snprintf(buf, size, "auto: weights");
    for (int i = 0; i < FC_AUTO_N && len > 0 && (size_t)len < size; i++)
        len += snprintf(buf + len, size - (size_t)len, "%s %s %.0f%%", i ? "," : "",
                        cand_name[order[i]], 100.0 * s->w[order[i]]);
    if (len > 0 && (size_t)len < size) {
        const char *unit = m == 12 ? "month" : m == 4 ? "quarter" : "period";
        if (pos > 0)
            len += snprintf(buf + len, size - (size_t)len,
                            " from the year-end errors over the %d past year%s at %s %d, MAPE:", s->years,
                            s->years > 1 ? "s" : "", unit, pos);
        else
            len += snprintf(buf + len, size - (size_t)len,
                            " from the errors of the next %d %ss at %d past year%s, sMAPE:", m, unit,
                            s->years, s->years > 1 ? "s" : "");
    }
    for (int i = 0; i < FC_AUTO_N && len > 0 && (size_t)len < size; i++)
        len += snprintf(buf + len, size - (size_t)len, "%s %s %.1f%%", i ? "," : "",
                        cand_name[order[i]], s->err[order[i]]);
    if (len > 0 && (size_t)len < size && s->years < 3)
        snprintf(buf + len, size - (size_t)len, " (few years: shrunk toward the ensemble)");
}
