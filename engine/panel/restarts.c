/* restarts.c - where year-to-date figures restart (restarts.h). */
#include "panel/restarts.h"
#include "fdi/period.h"

void fdi__restarts_count(const double *src, size_t T, size_t S, int32_t first, int step,
                         int freq, int fy, fdi__restarts *r)
{
    r->n = r->drops = r->s = r->t = 0;
    for (size_t t = 1; t < T; t++) {
        if (fdi_period_fiscal_position(first + (int32_t)t * step, freq, fy) != 1)
            continue;
        const double *now = src + t * S, *before = now - S;
        for (size_t s = 0; s < S; s++) {
            if (!(before[s] > 0) || now[s] != now[s])
                continue;
            r->n++;
            if (now[s] < 0.5 * before[s] && !r->drops++)
                r->s = s, r->t = t;
        }
    }
}
