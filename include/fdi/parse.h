/* fdi/parse.h - numbers and periods as analysts write them (the periods'
 * parser and the period functions are declared in fdi/period.h).
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

#include "fdi/period.h" /* fdi_parse_result, and the periods' parser */

typedef struct {
    char decimal;   /* '.' (default) or ',' */
    char thousands; /* ',' (default when decimal is '.'), '.', ' ', or 0 for none */
    int dash_is_zero; /* "-" (and en/em dash) alone reads as 0; else missing */
    int marker_is_invalid; /* "NA", "NaN", "null", ".." are FDI_PARSE_INVALID
                              (a plan file, where a number is needed), not
                              missing; an empty cell is still missing */
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

#endif
