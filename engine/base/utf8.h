/* utf8.h (internal) - well-formed UTF-8, for the writers that must emit
 * valid UTF-8 whatever the data holds (json in output/table.c, the HTML
 * report in report/page.c), and the width text takes in a table. */
#ifndef FDI_UTF8_H
#define FDI_UTF8_H

#include <stddef.h>

/* Length of the well-formed UTF-8 sequence at s (RFC 3629: no overlong
 * form, no surrogate, nothing past U+10FFFF), 0 when it is not one.  s is
 * NUL-terminated: a sequence cut by the NUL is not one. */
static inline size_t fdi__utf8_len(const unsigned char *s)
{
    size_t n = s[0] < 0x80 ? 1 : s[0] >= 0xC2 && s[0] <= 0xDF ? 2
                           : s[0] >= 0xE0 && s[0] <= 0xEF ? 3
                           : s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : 0;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    if ((n == 3 && s[0] == 0xE0 && s[1] < 0xA0) || (n == 3 && s[0] == 0xED && s[1] >= 0xA0) ||
        (n == 4 && s[0] == 0xF0 && s[1] < 0x90) || (n == 4 && s[0] == 0xF4 && s[1] >= 0x90))
        return 0;
    return n;
}

/* Display width of a UTF-8 string in columns: its code points, good enough
 * for Latin and Vietnamese (one column per code point once composed, NFC). */
static inline size_t fdi__utf8_width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

#endif
