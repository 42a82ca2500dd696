/* period.c - the date forms found in FDI files, to month indices; their
 * text; fiscal years (fdi/period.h).
 *
 * Each form is matched by shape (digit runs and separators), not by
 * sscanf, so a trailing "x" or a 13th month is an error with a reason
 * rather than a silent truncation.
 */
#include "fdi/period.h"

#include <stdio.h>
#include <string.h>

enum { YEAR_MIN = 1800, YEAR_MAX = 2199 };

typedef struct {
    long num[3];  /* values of up to three digit runs */
    int width[3]; /* their lengths */
    char sep[2];  /* separator between run 0/1 and 1/2 */
    int nrun;
} shape;

static int lower(int c)
{
    return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
}

static const char *const month_names[12] = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

/* "jun" or "june" (any case) at s; returns 1..12 and the length used. */
static int month_name(const char *s, size_t len, size_t *used)
{
    size_t n = 0;
    while (n < len && ((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z')))
        n++;
    if (n < 3)
        return 0;
    for (int m = 0; m < 12; m++) {
        size_t full = strlen(month_names[m]), i;
        if (n != 3 && n != full && !(m == 8 && n == 4)) /* "Sept" */
            continue;
        for (i = 0; i < n; i++)
            if (lower(s[i]) != month_names[m][i])
                break;
        if (i == n) {
            *used = n;
            return m + 1;
        }
    }
    return 0;
}

int fdi_days_in_month(long y, long m)
{
    static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return d[m - 1];
}

static fdi_parse_result ok_month(long y, long m, int32_t *month, int *freq,
                                 const char **why)
{
    if (y < YEAR_MIN || y > YEAR_MAX) {
        *why = "year out of range 1800..2199";
        return FDI_PARSE_INVALID;
    }
    if (m < 1 || m > 12) {
        *why = "month out of range 1..12";
        return FDI_PARSE_INVALID;
    }
    *month = (int32_t)(y * 12 + m - 1);
    *freq = 12;
    return FDI_PARSE_OK;
}

static fdi_parse_result ok_day(long y, long m, long d, int32_t *month,
                               int *freq, const char **why)
{
    fdi_parse_result r = ok_month(y, m, month, freq, why);
    if (r == FDI_PARSE_OK && (d < 1 || d > fdi_days_in_month(y, m))) {
        *why = "day out of range for that month";
        return FDI_PARSE_INVALID;
    }
    return r;
}

/* Quarter forms: 2019Q2, 2019-Q2, 2019 Q2, Q2 2019, Q2-2019, Q2/2019. */
static int parse_quarter(const char *s, size_t len, long *y, long *q)
{
    size_t i = 0;
    if (len >= 6 && lower(s[0]) == 'q' && s[1] >= '1' && s[1] <= '4') {
        *q = s[1] - '0';
        i = 2;
        if (i < len && (s[i] == ' ' || s[i] == '-' || s[i] == '/'))
            i++;
        if (len - i != 4)
            return 0;
        *y = 0;
        for (; i < len; i++) {
            if (s[i] < '0' || s[i] > '9')
                return 0;
            *y = *y * 10 + (s[i] - '0');
        }
        return 1;
    }
    if (len >= 6 && len <= 7) {
        *y = 0;
        for (i = 0; i < 4; i++) {
            if (s[i] < '0' || s[i] > '9')
                return 0;
            *y = *y * 10 + (s[i] - '0');
        }
        if (i < len && (s[i] == ' ' || s[i] == '-'))
            i++;
        if (len - i == 2 && lower(s[i]) == 'q' && s[i + 1] >= '1' && s[i + 1] <= '4') {
            *q = s[i + 1] - '0';
            return 1;
        }
    }
    return 0;
}

static int to_shape(const char *s, size_t len, shape *sh)
{
    size_t i = 0;
    memset(sh, 0, sizeof *sh);
    while (i < len) {
        if (sh->nrun == 3)
            return 0;
        if (s[i] < '0' || s[i] > '9')
            return 0;
        while (i < len && s[i] >= '0' && s[i] <= '9') {
            if (sh->width[sh->nrun] >= 9)
                return 0;
            sh->num[sh->nrun] = sh->num[sh->nrun] * 10 + (s[i] - '0');
            sh->width[sh->nrun]++;
            i++;
        }
        sh->nrun++;
        if (i < len) {
            if (sh->nrun == 3)
                return 0;
            sh->sep[sh->nrun - 1] = s[i];
            if (s[i] != '-' && s[i] != '/' && s[i] != '.' && s[i] != 'M' &&
                s[i] != 'm')
                return 0;
            i++;
            if (i == len)
                return 0;
        }
    }
    return 1;
}

static int digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

fdi_parse_result fdi_parse_period(const char *s, size_t len, int32_t *month,
                                  int *freq, const char **why)
{
    shape sh;
    long y, q;
    const char *dummy;
    size_t used;
    int m;

    if (!why)
        why = &dummy;
    *why = NULL;
    /* the common forms first, 2019-06 and 2019-06-30, with the same checks */
    if ((len == 7 || (len == 10 && s[7] == '-' && digits(s + 8, 2))) && s[4] == '-' &&
        digits(s, 4) && digits(s + 5, 2)) {
        int y4 = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
        int m2 = (s[5] - '0') * 10 + (s[6] - '0');
        if (len == 7)
            return ok_month(y4, m2, month, freq, why);
        return ok_day(y4, m2, (s[8] - '0') * 10 + (s[9] - '0'), month, freq, why);
    }
    while (len && (*s == ' ' || *s == '\t'))
        s++, len--;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
        len--;
    if (len == 0)
        return FDI_PARSE_MISSING;

    if (parse_quarter(s, len, &y, &q)) {
        fdi_parse_result r = ok_month(y, q * 3, month, freq, why);
        if (r == FDI_PARSE_OK)
            *freq = 4;
        return r;
    }
    /* Jun 2019, June 2019, Jun-2019 */
    if ((m = month_name(s, len, &used)) != 0) {
        if (used < len && (s[used] == ' ' || s[used] == '-' || s[used] == '/'))
            used++;
        if (to_shape(s + used, len - used, &sh) && sh.nrun == 1 && sh.width[0] == 4)
            return ok_month(sh.num[0], m, month, freq, why);
        *why = "expected a month name and a four-digit year, like Jun 2019";
        return FDI_PARSE_INVALID;
    }
    if (!to_shape(s, len, &sh)) {
        *why = "expected a period like 2019-06, 2019-06-30, 6/2019, 201906, "
               "2019M06, 2019Q2 or 2019";
        return FDI_PARSE_INVALID;
    }
    if (sh.nrun == 1) {
        if (sh.width[0] == 4) {
            fdi_parse_result r = ok_month(sh.num[0], 12, month, freq, why);
            if (r == FDI_PARSE_OK)
                *freq = 1;
            return r;
        }
        if (sh.width[0] == 6) /* 201906 */
            return ok_month(sh.num[0] / 100, sh.num[0] % 100, month, freq, why);
        if (sh.width[0] == 8) /* 20190630 */
            return ok_day(sh.num[0] / 10000, sh.num[0] / 100 % 100,
                          sh.num[0] % 100, month, freq, why);
    } else if (sh.nrun == 2) {
        int mchar = sh.sep[0] == 'M' || sh.sep[0] == 'm';
        if (sh.width[0] == 4 && sh.width[1] <= 2 && sh.width[1] >= 1 &&
            (mchar || sh.sep[0] == '-' || sh.sep[0] == '/' || sh.sep[0] == '.'))
            return ok_month(sh.num[0], sh.num[1], month, freq, why);
        if (!mchar && sh.width[0] <= 2 && sh.width[1] == 4) /* 6/2019 */
            return ok_month(sh.num[1], sh.num[0], month, freq, why);
    } else if (sh.nrun == 3 && sh.sep[0] == sh.sep[1] && sh.sep[0] != 'M' &&
               sh.sep[0] != 'm') {
        if (sh.width[0] == 4 && sh.width[1] <= 2 && sh.width[2] <= 2)
            return ok_day(sh.num[0], sh.num[1], sh.num[2], month, freq, why);
        if (sh.width[0] <= 2 && sh.width[1] <= 2 && sh.width[2] == 4) /* d/m/y */
            return ok_day(sh.num[2], sh.num[1], sh.num[0], month, freq, why);
    }
    *why = "expected a period like 2019-06, 2019-06-30, 6/2019, 201906, "
           "2019M06, 2019Q2 or 2019";
    return FDI_PARSE_INVALID;
}

void fdi_period_format(int32_t month, int freq, char *buf, size_t size)
{
    int32_t y = fdi_period_year(month);
    int m = fdi_period_month(month);
    if (freq == 1)
        snprintf(buf, size, "%d", (int)y);
    else if (freq == 4)
        snprintf(buf, size, "%dQ%d", (int)y, (m + 2) / 3);
    else
        snprintf(buf, size, "%d-%02d", (int)y, m);
}

/* Months a period of frequency freq spans (period.h: annual when freq is
 * none of 12, 4, 1). */
static int months_per_period(int freq)
{
    return freq == 12 ? 1 : freq == 4 ? 3 : 12;
}

static int valid_fy_start(int fy_start)
{
    return fy_start >= 1 && fy_start <= 12 ? fy_start : 1;
}

/* Months from the fiscal year's first month to the period's first, 0..11. */
static int months_into_fiscal_year(int32_t period, int freq, int fy_start)
{
    int first = fdi_period_month(period - months_per_period(freq) + 1);
    return ((first - valid_fy_start(fy_start)) % 12 + 12) % 12;
}

int32_t fdi_period_fiscal_year(int32_t period, int freq, int fy_start)
{
    int32_t first = period - months_per_period(freq) + 1;
    return fdi_period_year(first) - (fdi_period_month(first) < valid_fy_start(fy_start));
}

int fdi_period_fiscal_position(int32_t period, int freq, int fy_start)
{
    return months_into_fiscal_year(period, freq, fy_start) / months_per_period(freq) + 1;
}

int32_t fdi_period_fiscal_first(int32_t period, int freq, int fy_start)
{
    int step = months_per_period(freq);
    return period - (int32_t)((fdi_period_fiscal_position(period, freq, fy_start) - 1) * step);
}

int32_t fdi_period_fiscal_year_start(int32_t fiscal_year, int fy_start)
{
    return fiscal_year * 12 + valid_fy_start(fy_start) - 1;
}
