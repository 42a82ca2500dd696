/* line_end.h (internal) - where a line ends, for the readers that number
 * lines (ingest.c, csv_small.c): at \n, at the \n of \r\n, or at a lone \r
 * (Excel's "CSV (Macintosh)"). */
#ifndef FDI_LINE_END_H
#define FDI_LINE_END_H

#include <stddef.h>
#include <string.h>

/* The end of the first line in s[0..n), or NULL when there is none.  A \r
 * that is the last byte ends a line only when `final` (nothing follows);
 * otherwise it may be the first half of a \r\n split across two reads. */
static inline const char *fdi__line_end(const char *s, size_t n, int final)
{
    const char *nl = memchr(s, '\n', n);
    const char *cr = memchr(s, '\r', nl ? (size_t)(nl - s) : n);
    if (cr && cr + 1 != nl && (cr + 1 != s + n || final))
        return cr;
    return nl;
}

#endif
