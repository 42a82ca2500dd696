/* fdi/period.h - periods: month indices, their text, and fiscal years.
 *
 * A period is a month index, int32_t: year*12 + (month-1), so 2016-09 is
 * 2016*12 + 8.  Quarters and years are stored as their last month; freq
 * says which (12 monthly, 4 quarterly, 1 annual).  Parsing and formatting
 * never depend on the process locale.
 *
 * A fiscal year starts in calendar month fy_start (1..12; 1 is the
 * calendar year) and is named by the calendar year it starts in: with
 * fy_start 4, FY2023 is 2023-04..2024-03.  A quarterly fiscal year must
 * start on a quarter (fy_start 1, 4, 7 or 10).  The fiscal functions read
 * a period by its first month (for a quarter, two months before the one
 * stored), treat an fy_start outside 1..12 as 1 and a freq other than 12,
 * 4 or 1 as annual.
 */
#ifndef FDI_PERIOD_H
#define FDI_PERIOD_H

#include <stddef.h>
#include <stdint.h>

#include "fdi/export.h"

/* The result of fdi's parsers: of periods here, of numbers in fdi/parse.h. */
typedef enum {
    FDI_PARSE_OK = 0,      /* *out holds the value */
    FDI_PARSE_MISSING = 1, /* empty, or a missing marker (NA, n/a, .., NaN, null) */
    FDI_PARSE_INVALID = 2  /* *why says what was expected */
} fdi_parse_result;

/* Accepted: 2019-06-30, 2019-06, 2019/06, 6/2019, 06-2019, 30/06/2019
 * (day first), 201906, 20190630, 2019M06, 2019M6, 2019, 2019Q2, 2019-Q2,
 * Q2 2019, Jun 2019, June 2019, Jun-2019; Vietnamese T6/2019, Tháng
 * 6/2019, Tháng 6 năm 2019, Quý II/2019 (quarterly; I..IV or 1..4), each
 * word in NFC or NFD; any of these dates followed by a spreadsheet's time
 * (2019-06-30 00:00:00, 2019-06-30T00:00).  Years 1800..2199.  Works on
 * (pointer, length) without allocating. */
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

/* The fiscal year holding the period: the calendar year it starts in. */
FDI_API int32_t fdi_period_fiscal_year(int32_t period, int freq, int fy_start);

/* Periods of the fiscal year up to and including this one, 1..freq (1: the
 * period opens its fiscal year). */
FDI_API int fdi_period_fiscal_position(int32_t period, int freq, int fy_start);

/* The first period of the fiscal year holding the period (as its stored
 * month: with freq 12 the first month of the fiscal year). */
FDI_API int32_t fdi_period_fiscal_first(int32_t period, int freq, int fy_start);

/* The month index of the first month of fiscal year fiscal_year. */
FDI_API int32_t fdi_period_fiscal_year_start(int32_t fiscal_year, int fy_start);

#endif
