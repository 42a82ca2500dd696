/* caseeq.c - case-insensitive comparison beyond ASCII (see caseeq.h). */
#include "base/caseeq.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

static int ascii_only(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80)
            return 0;
    return 1;
}

/* s[0..n) case-folded and composed, malloc'd; NULL when s is not UTF-8 or
 * memory ran out. */
static char *folded(const char *s, size_t n)
{
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t len =
        utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &out,
                     UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
    if (len < 0) {
        free(out);
        return NULL;
    }
    return (char *)out;
}

int fdi__caseeq_n(const char *a, size_t na, const char *b, size_t nb)
{
    if (ascii_only(a, na) && ascii_only(b, nb)) /* the common case, no allocation */
        return na == nb && strncasecmp(a, b, na) == 0;
    char *fa = folded(a, na), *fb = folded(b, nb);
    int eq = fa && fb ? strcmp(fa, fb) == 0 : na == nb && strncasecmp(a, b, na) == 0;
    free(fa);
    free(fb);
    return eq;
}

int fdi__caseeq(const char *a, const char *b)
{
    return fdi__caseeq_n(a, strlen(a), b, strlen(b));
}

/* strcasestr over hay[0..nh), ASCII folded. */
static int ascii_contains(const char *hay, size_t nh, const char *needle, size_t nn)
{
    for (size_t i = 0; i + nn <= nh; i++)
        if (strncasecmp(hay + i, needle, nn) == 0)
            return 1;
    return 0;
}

int fdi__casecontains(const char *hay, const char *needle)
{
    size_t nh = strlen(hay), nn = strlen(needle);
    if (ascii_only(hay, nh) && ascii_only(needle, nn))
        return ascii_contains(hay, nh, needle, nn);
    char *fh = folded(hay, nh), *fn = folded(needle, nn);
    /* (not UTF-8: byte for byte, ASCII folded, as fdi__caseeq_n) */
    int in = fh && fn ? strstr(fh, fn) != NULL : ascii_contains(hay, nh, needle, nn);
    free(fh);
    free(fn);
    return in;
}
