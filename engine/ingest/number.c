/* parse_number.c - numbers as they appear in statistical office CSVs.
 *
 * The grammar, after trimming blanks:  [sign] digits [dec digits] [exp]
 * or the same inside parentheses for a negative.  digits may carry the
 * thousands separator, but only in groups of three ("1,829", not "1,82":
 * that is a decimal comma and the user must say --decimal ,).
 *
 * Conversion: the significant digits are gathered into a 64-bit integer.
 * When there are at most 15 of them and the power of ten is at most 22 in
 * magnitude, mantissa and power are both exact doubles and one IEEE
 * multiplication or division gives the correctly rounded result (Clinger,
 * "How to read floating point numbers accurately", PLDI 1990).  Anything
 * else is rewritten in C syntax and handed to strtod_l with a C locale, so
 * the process locale can never change a result.
 */
#define _GNU_SOURCE
#include "fdi/parse.h"

#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

fdi_number_format fdi_number_format_default(void)
{
    fdi_number_format f = {'.', ',', 1, 0};
    return f;
}

static int is_blank(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static void trim(const char **s, size_t *len)
{
    const char *p = *s;
    size_t n = *len;
    for (;;) {
        if (n && is_blank((unsigned char)*p)) {
            p++, n--;
        } else if (n >= 2 && (unsigned char)p[0] == 0xC2 &&
                   (unsigned char)p[1] == 0xA0) { /* no-break space */
            p += 2, n -= 2;
        } else {
            break;
        }
    }
    for (;;) {
        if (n && is_blank((unsigned char)p[n - 1])) {
            n--;
        } else if (n >= 2 && (unsigned char)p[n - 2] == 0xC2 &&
                   (unsigned char)p[n - 1] == 0xA0) {
            n -= 2;
        } else {
            break;
        }
    }
    *s = p;
    *len = n;
}

static int equals_ci(const char *s, size_t len, const char *word)
{
    size_t i;
    for (i = 0; i < len && word[i]; i++) {
        char a = s[i], b = word[i];
        if (a >= 'A' && a <= 'Z')
            a = (char)(a - 'A' + 'a');
        if (a != b)
            return 0;
    }
    return i == len && word[i] == '\0';
}

static int is_missing_marker(const char *s, size_t len)
{
    static const char *const words[] = {"na", "n/a", "nan", "null", "..",
                                        "\xE2\x80\xA6", NULL};
    for (size_t i = 0; words[i]; i++)
        if (equals_ci(s, len, words[i]))
            return 1;
    return 0;
}

static int is_dash(const char *s, size_t len)
{
    return (len == 1 && s[0] == '-') || equals_ci(s, len, "\xE2\x80\x93") ||
           equals_ci(s, len, "\xE2\x80\x94");
}

static const double pow10_exact[23] = {
    1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* The C locale for strtod_l: made once, by whichever thread first needs
 * it (two threads parse at once), and never freed. */
static locale_t c_locale_made;
static pthread_once_t c_locale_once = PTHREAD_ONCE_INIT;

static void make_c_locale(void)
{
    c_locale_made = newlocale(LC_ALL_MASK, "C", (locale_t)0);
}

static locale_t c_locale(void)
{
    pthread_once(&c_locale_once, make_c_locale);
    return c_locale_made;
}

/* The common case, "-1234.56" with at most 15 digits and nothing else:
 * the digits before the point, then those after, each in a loop of its
 * own; the same mantissa and power of ten as the general path below, so
 * the same double.  0 when the text is anything else. */
static inline int plain_decimal(const char *s, size_t len, char decimal, double *out)
{
    const char *p = s, *end = s + len;
    uint64_t mant = 0;
    unsigned d;
    int neg = 0, frac = 0;
    if (len == 0 || len > 17)
        return 0;
    if (*p == '-') {
        neg = 1;
        p++;
    }
    const char *first = p;
    while (p < end && (d = (unsigned char)*p - (unsigned)'0') <= 9) {
        mant = mant * 10 + d;
        p++;
    }
    if (p == first)
        return 0; /* no digit before the point (".5", "-", "x") */
    if (p < end) {
        if (*p != decimal)
            return 0;
        const char *point = ++p;
        while (p < end && (d = (unsigned char)*p - (unsigned)'0') <= 9) {
            mant = mant * 10 + d;
            p++;
        }
        frac = (int)(p - point);
        if (p < end || frac == 0)
            return 0; /* "1.2x", "1." */
    }
    /* digits: all but the sign and the point; at most 15 for exactness
     * (len <= 17 keeps mant from overflowing before this test) */
    if ((size_t)(end - first) - (frac > 0) > 15)
        return 0;
    double v = (double)mant;
    if (frac > 0)
        v /= pow10_exact[frac];
    *out = neg ? -v : v;
    return 1;
}

/* What parse_general has read of the digits so far. */
typedef struct {
    int ndigits, nsig; /* digits, and significant ones (from the first non-zero) */
    int seen_point;
    int group_len;     /* digits since the last thousands separator; -1: none yet */
    int first_group;   /* no thousands separator met yet */
    uint64_t mant;     /* the first 19 significant digits */
    long exp10;        /* the power of ten mant is to be multiplied by */
    size_t nclean;     /* bytes of the number rewritten in C syntax */
} number_scan;

enum { CLEAN_MAX = 400 }; /* the C-syntax copy's buffer (longer: "too long") */

static const char too_long[] = "number too long";

static const char *bad_group(const fdi_number_format *fmt)
{
    return fmt->thousands == ','
               ? "the thousands separator ',' must be followed by exactly three "
                 "digits (if ',' is the decimal mark, use --decimal ,)"
               : "the thousands separator must be followed by exactly three digits";
}

static const char *bad_char(char c, const fdi_number_format *fmt)
{
    if (c == fmt->decimal || c == fmt->thousands || c == ',' || c == '.')
        return fmt->decimal == '.' ? "a second decimal mark or a misplaced separator: "
                                     "expected a number like 1,829.64 (if ',' is the "
                                     "decimal mark, use --decimal ,)"
                                   : "a second decimal mark or a misplaced separator: "
                                     "expected a number like 1.829,64";
    return "expected a number (digits, optional sign, decimal "
           "mark, thousands separator, or (x) for a negative)";
}

/* An empty cell, a missing marker or a dash alone: 1 and *r set. */
static inline int special_cell(const char *s, size_t len, const fdi_number_format *fmt,
                               double *out, fdi_parse_result *r)
{
    if (len == 0 || is_missing_marker(s, len)) {
        *r = FDI_PARSE_MISSING;
        return 1;
    }
    if (!is_dash(s, len))
        return 0;
    *r = fmt->dash_is_zero ? FDI_PARSE_OK : FDI_PARSE_MISSING;
    if (fmt->dash_is_zero)
        *out = 0.0;
    return 1;
}

/* "(123.4)": the text inside the parentheses, trimmed; NULL reason when
 * it is well formed. */
static inline const char *inside_parentheses(const char **s, size_t *len)
{
    if ((*s)[*len - 1] != ')')
        return "unbalanced parenthesis: expected a negative written as (123.4)";
    ++*s;
    *len -= 2;
    trim(s, len);
    if (*len && ((*s)[0] == '-' || (*s)[0] == '+'))
        return "a sign inside parentheses: write (123.4) or -123.4";
    return NULL;
}

/* One digit c into the mantissa, the power of ten and the C-syntax copy;
 * 0 when the copy is full. */
static inline int take_digit(number_scan *n, char c, char *clean)
{
    n->ndigits++;
    if (n->group_len >= 0)
        n->group_len++;
    if (n->mant == 0 && c == '0') {
        if (n->seen_point)
            n->exp10--; /* leading zeros after the point */
    } else if (n->nsig < 19) {
        n->mant = n->mant * 10 + (uint64_t)(c - '0');
        n->nsig++;
        if (n->seen_point)
            n->exp10--;
    } else {
        n->nsig++; /* beyond 19 digits: only strtod can round it */
        if (!n->seen_point)
            n->exp10++;
    }
    if (n->nclean >= CLEAN_MAX - 8)
        return 0;
    clean[n->nclean++] = c;
    return 1;
}

/* A thousands separator: does the group before it close well? ("0,125"
 * is no thousands grouping: a leading group of 0) */
static inline int group_ok(const number_scan *n)
{
    return !(n->ndigits == 0 || (n->first_group && n->group_len < 0 && n->ndigits > 3) ||
             (n->first_group && n->mant == 0) || (n->group_len >= 0 && n->group_len != 3));
}

/* The digits, separators and decimal mark from p up to an exponent's 'e'
 * or the end: where it stopped, or NULL with *why set. */
static inline const char *scan_digits(const char *p, const char *end,
                                      const fdi_number_format *fmt, number_scan *n,
                                      char *clean, const char **why)
{
    for (; p < end; p++) {
        char c = *p;
        if (c >= '0' && c <= '9') {
            if (!take_digit(n, c, clean)) {
                *why = too_long;
                return NULL;
            }
        } else if (fmt->thousands && c == fmt->thousands && !n->seen_point) {
            if (!group_ok(n)) {
                *why = bad_group(fmt);
                return NULL;
            }
            n->first_group = 0;
            n->group_len = 0;
        } else if (c == fmt->decimal && !n->seen_point) {
            if (n->group_len >= 0 && n->group_len != 3) {
                *why = bad_group(fmt);
                return NULL;
            }
            n->group_len = -1;
            n->seen_point = 1;
            clean[n->nclean++] = '.';
        } else if ((c == 'e' || c == 'E') && n->ndigits > 0) {
            break;
        } else {
            *why = bad_char(c, fmt);
            return NULL;
        }
    }
    if (n->group_len >= 0 && n->group_len != 3) {
        *why = bad_group(fmt);
        return NULL;
    }
    return p;
}

/* The exponent from p (at its 'e') to the end; 0 with *why set when it
 * is malformed or too long. */
static inline int scan_exponent(const char *p, const char *end, number_scan *n,
                                char *clean, const char **why)
{
    long e = 0;
    int eneg = 0, edigits = 0;
    clean[n->nclean++] = 'e';
    p++;
    if (p < end && (*p == '-' || *p == '+')) {
        eneg = *p == '-';
        clean[n->nclean++] = *p++;
    }
    for (; p < end && *p >= '0' && *p <= '9'; p++) {
        if (e < 100000)
            e = e * 10 + (*p - '0');
        edigits++;
        if (n->nclean >= CLEAN_MAX - 2) {
            *why = too_long;
            return 0;
        }
        clean[n->nclean++] = *p;
    }
    if (!edigits || p != end) {
        *why = "expected an exponent like 1.5e6";
        return 0;
    }
    n->exp10 += eneg ? -e : e;
    return 1;
}

/* The value: exact by one IEEE operation when it can be (see the top of
 * the file), else the C-syntax copy through strtod_l. */
static inline fdi_parse_result scanned_value(const number_scan *n, char *clean, int negative,
                                             double *out, const char **why)
{
    if (n->nsig <= 15 && n->exp10 >= -22 && n->exp10 <= 22) {
        double v = (double)n->mant;
        v = n->exp10 < 0 ? v / pow10_exact[-n->exp10] : v * pow10_exact[n->exp10];
        *out = negative ? -v : v;
        return FDI_PARSE_OK;
    }
    clean[n->nclean] = '\0';
    locale_t loc = c_locale();
    if (!loc) {
        *why = "out of memory (no C locale to convert the number in)";
        return FDI_PARSE_INVALID;
    }
    char *stop;
    double v = strtod_l(clean, &stop, loc);
    if (*stop != '\0' || !isfinite(v)) {
        *why = "number out of range";
        return FDI_PARSE_INVALID;
    }
    *out = v;
    return FDI_PARSE_OK;
}

/* Everything but the common case (fdi_parse_number below); fmt and why
 * are set.  Out of line: its frame (a 400-byte buffer and many registers
 * to save) would cost the common case a tenth of its time.  Its steps are
 * inline helpers, so it keeps its state in registers as before. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static fdi_parse_result parse_general(const char *s, size_t len, const fdi_number_format *fmt,
                                      double *out, const char **why)
{
    char clean[CLEAN_MAX];
    number_scan n = {0, 0, 0, -1, 1, 0, 0, 0};
    fdi_parse_result r;
    int negative = 0;

    trim(&s, &len);
    if (fmt->marker_is_invalid && len && is_missing_marker(s, len)) {
        *why = "not a number (NA, NaN, null and .. are read as missing only in data; "
               "here a number is needed)";
        return FDI_PARSE_INVALID;
    }
    if (special_cell(s, len, fmt, out, &r))
        return r;
    if (s[0] == '(') {
        if ((*why = inside_parentheses(&s, &len)) != NULL)
            return FDI_PARSE_INVALID;
        negative = 1;
    }
    const char *p = s, *end = s + len;
    if (p < end && (*p == '-' || *p == '+')) {
        negative ^= (*p == '-');
        p++;
    }
    if (negative)
        clean[n.nclean++] = '-';
    if (!(p = scan_digits(p, end, fmt, &n, clean, why)))
        return FDI_PARSE_INVALID;
    if (n.ndigits == 0) {
        *why = "expected a number: no digits";
        return FDI_PARSE_INVALID;
    }
    if (p < end && !scan_exponent(p, end, &n, clean, why))
        return FDI_PARSE_INVALID;
    return scanned_value(&n, clean, negative, out, why);
}

fdi_parse_result fdi_parse_number(const char *s, size_t len,
                                  const fdi_number_format *fmt, double *out,
                                  const char **why)
{
    fdi_number_format def;
    const char *dummy;
    if (!fmt) {
        def = fdi_number_format_default();
        fmt = &def;
    }
    if (!why)
        why = &dummy;
    *why = NULL;
    if (plain_decimal(s, len, fmt->decimal, out))
        return FDI_PARSE_OK;
    return parse_general(s, len, fmt, out, why);
}
