/* caseeq.h (internal) - names compared as a reader compares them: case
 * ignored in every script, not only in ASCII ("HẢI PHÒNG" names the series
 * "Hải Phòng", "ĐVT" the column "đvt"), and NFC and NFD spellings alike. */
#ifndef FDI_CASEEQ_H
#define FDI_CASEEQ_H

#include <stddef.h>

/* Whether a[0..na) and b[0..nb) are the same text after Unicode case
 * folding and canonical composition (utf8proc).  ASCII-only text is
 * compared as strncasecmp does; text that is not valid UTF-8 compares
 * byte for byte after ASCII folding. */
int fdi__caseeq_n(const char *a, size_t na, const char *b, size_t nb);

/* The same for NUL-terminated strings. */
int fdi__caseeq(const char *a, const char *b);

/* Whether needle occurs in hay, both folded as above (strcasestr beyond
 * ASCII). */
int fdi__casecontains(const char *hay, const char *needle);

#endif
