/* fdi/parse.h - numbers and periods as analysts write them.
 *
 * Both parsers work on (pointer, length) without allocating and without
 * depending on the process locale.  They never read a value that did not
 * parse as 0: the caller gets FDI_PARSE_INVALID and a reason.
 */
#ifndef FDI_PARSE_H
#define FDI_PARSE_H

#include "fdi/export.h"

#include <stddef.h>
#include <stdint.h>

typedef enum {
    FDI_PARSE_OK = 0,      /* *out holds the value */
    FDI_PARSE_MISSING = 1, /* empty, or a missing marker (NA, n/a, .., NaN, null) */
    FDI_PARSE_INVALID = 2  /* *why says what was expected */
} fdi_parse_result;

typedef struct {
    char decimal;   /* '.' (default) or ',' */
    char thousands; /* ',' (default when decimal is '.'), '.', ' ', or 0 for none */
    int dash_is_zero; /* "-" (and en/em dash) alone reads as 0; else missing */
} fdi_number_format;

/* The default: decimal '.', thousands ',', dash is zero. */
FDI_API fdi_number_format fdi_number_format_default(void);

/* Parse one cell: padding spaces, quoted thousands separators ("1,829.64",
 * groups must be exactly three digits), negatives as -x or (x), an optional
 * exponent.  Exact for up to 15 significant digits (Clinger's fast path),
 * otherwise correctly rounded through strtod_l in the C locale. */
FDI_API fdi_parse_result fdi_parse_number(const char *s, size_t len,
                                          const fdi_number_format *fmt, double *out,
                                          const char **why);

/* A period is a month index: year*12 + (month-1).  Quarters and years are
 * stored as their last month; freq says which (12 monthly, 4 quarterly,
 * 1 annual).  Accepted: 2019-06-30, 2019-06, 2019/06, 6/2019, 06-2019,
 * 30/06/2019 (day first), 201906, 20190630, 2019M06, 2019M6, 2019, 2019Q2,
 * 2019-Q2, Q2 2019, Jun 2019, June 2019, Jun-2019. Years 1800..2199. */
FDI_API fdi_parse_result fdi_parse_period(const char *s, size_t len, int32_t *month,
                                          int *freq, const char **why);

/* Month index -> "2016-09", "2016Q3" or "2016" by freq; buf >= 16 bytes. */
FDI_API void fdi_period_format(int32_t month, int freq, char *buf, size_t size);

/* Days in month m (1..12) of year y, leap years counted. */
FDI_API int fdi_days_in_month(long y, long m);

static inline int32_t fdi_period_year(int32_t month)
{
    return month >= 0 ? month / 12 : -((-month + 11) / 12);
}
static inline int fdi_period_month(int32_t month) /* 1..12 */
{
    return (int)(month - fdi_period_year(month) * 12) + 1;
}

#endif
