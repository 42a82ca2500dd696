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

/* ---- Vietnamese forms: T9/2016, Tháng 9/2016, Tháng 9 năm 2016,
 * Quý III/2016 (each word in NFC or NFD, any case of its ASCII letters) */

static const char *const word_thang[] = {"th\xc3\xa1ng", "th\xc3\x81ng", "tha\xcc\x81ng",
                                         NULL};
static const char *const word_nam[] = {"n\xc4\x83m", "n\xc4\x82m", "na\xcc\x86m", NULL};
static const char *const word_quy[] = {"qu\xc3\xbd", "qu\xc3\x9d", "quy\xcc\x81", NULL};

/* One of the spellings at s + *i (ASCII letters in any case): 1 and *i
 * past it, or 0. */
static int take_word(const char *s, size_t len, size_t *i, const char *const *spellings)
{
    for (; *spellings; spellings++) {
        size_t n = strlen(*spellings), k = 0;
        while (k < n && *i + k < len && lower((unsigned char)s[*i + k]) == (unsigned char)(*spellings)[k])
            k++;
        if (k == n) {
            *i += n;
            return 1;
        }
    }
    return 0;
}

static void skip_blanks(const char *s, size_t len, size_t *i)
{
    while (*i < len && s[*i] == ' ')
        (*i)++;
}

/* A run of 1..max digits at s + *i: its value, or -1. */
static long take_digits(const char *s, size_t len, size_t *i, int max)
{
    long v = 0;
    int n = 0;
    while (*i < len && s[*i] >= '0' && s[*i] <= '9' && n < max + 1)
        v = v * 10 + (s[(*i)++] - '0'), n++;
    return n >= 1 && n <= max ? v : -1;
}

/* I, II, III, IV (or 1..4) at s + *i: the quarter, or -1. */
static long take_quarter(const char *s, size_t len, size_t *i)
{
    static const char *const roman[] = {"iv", "iii", "ii", "i"};
    static const long value[] = {4, 3, 2, 1};
    if (*i < len && s[*i] >= '1' && s[*i] <= '4')
        return s[(*i)++] - '0';
    for (int r = 0; r < 4; r++) {
        const char *one[] = {roman[r], NULL};
        if (take_word(s, len, i, one))
            return value[r];
    }
    return -1;
}

/* After the month or quarter: "/2016", "-2016" or " năm 2016", then the
 * end; the year or -1. */
static long take_year(const char *s, size_t len, size_t *i)
{
    skip_blanks(s, len, i);
    if (*i < len && (s[*i] == '/' || s[*i] == '-'))
        (*i)++;
    else if (!take_word(s, len, i, word_nam))
        return -1;
    skip_blanks(s, len, i);
    long y = take_digits(s, len, i, 4);
    return *i == len && y >= 1000 ? y : -1;
}

/* A Vietnamese form: 1 and *r set (OK or INVALID with *why), or 0 when s
 * does not start like one. */
static int parse_vietnamese(const char *s, size_t len, int32_t *month, int *freq,
                            const char **why, fdi_parse_result *r)
{
    size_t i = 0;
    long m, q, y = -1;
    int quarter = 0;
    if (take_word(s, len, &i, word_thang))
        skip_blanks(s, len, &i);
    else if (take_word(s, len, &i, word_quy))
        quarter = 1, skip_blanks(s, len, &i);
    else if (len >= 2 && lower(s[0]) == 't' && s[1] >= '0' && s[1] <= '9')
        i = 1; /* T9/2016 */
    else
        return 0;
    if (quarter) {
        q = take_quarter(s, len, &i);
        if (q > 0 && (y = take_year(s, len, &i)) > 0 &&
            (*r = ok_month(y, q * 3, month, freq, why)) == FDI_PARSE_OK)
            *freq = 4;
        else if (q <= 0 || y <= 0)
            *why = "expected a quarter like Qu\xc3\xbd III/2016 or Qu\xc3\xbd 3 n\xc4\x83m 2016",
            *r = FDI_PARSE_INVALID;
        return 1;
    }
    m = take_digits(s, len, &i, 2);
    if (m >= 0 && (y = take_year(s, len, &i)) > 0)
        *r = ok_month(y, m, month, freq, why);
    else
        *why = "expected a month like Th\xc3\xa1ng 9/2016, Th\xc3\xa1ng 9 n\xc4\x83m 2016 or T9/2016",
        *r = FDI_PARSE_INVALID;
    return 1;
}

/* A spreadsheet's time after a date ("2016-09-30 00:00:00", "...T00:00"):
 * the length of the date before it, or len when there is none. */
static size_t without_time(const char *s, size_t len)
{
    size_t i = len;
    while (i > 0 && s[i - 1] != ' ' && s[i - 1] != 'T')
        i--;
    if (i < 2 || i == len)
        return len;
    size_t k = i;
    long h = take_digits(s, len, &k, 2), mi;
    if (h < 0 || h > 23 || k == len || s[k++] != ':' || (mi = take_digits(s, len, &k, 2)) < 0 ||
        mi > 59)
        return len;
    if (k < len && s[k] == ':') {
        k++;
        long sec = take_digits(s, len, &k, 2);
        if (sec < 0 || sec > 60)
            return len;
        if (k < len && s[k] == '.' && k + 1 < len)
            for (k++; k < len && s[k] >= '0' && s[k] <= '9'; k++)
                ;
    }
    return k == len ? i - 1 : len;
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
    len = without_time(s, len);
    fdi_parse_result vr;
    if (parse_vietnamese(s, len, month, freq, why, &vr))
        return vr;
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
