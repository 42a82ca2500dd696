/* xlsx_cells.c - what one cell of a sheet gives the reader (xlsx.h).
 *
 * A number is the text the sheet stores in <v>: Excel and openpyxl write
 * the shortest decimal that reads back to the same double, so the CSV
 * number parser gets the cell's binary value exactly.  A number whose
 * format shows a date is a serial day count: 1900 system, day 1 is
 * 1900-01-01 and day 60 the 1900-02-29 Lotus 1-2-3 counted (and Excel
 * keeps), so days from 61 on are one less; 1904 system (workbookPr
 * date1904), day 0 is 1904-01-01.  The time of day, if any, is dropped:
 * fdi's periods are months, quarters and years.
 */
#include "ingest/xlsx.h"

#include <stdio.h>
#include <string.h>

enum { MAX_COLUMN = 16384, MAX_SERIAL = 2958465 /* 9999-12-31 */ };

size_t fdi__xlsx_ref(const char *ref, size_t *row)
{
    size_t col = 0, r = 0;
    const char *p = ref;
    while (*p >= 'A' && *p <= 'Z' && col <= MAX_COLUMN)
        col = col * 26 + (size_t)(*p++ - 'A' + 1);
    while (*p >= '0' && *p <= '9' && r <= 100000000)
        r = r * 10 + (size_t)(*p++ - '0');
    *row = r;
    return col <= MAX_COLUMN && !*p ? col : 0;
}

int fdi__xlsx_date_builtin(unsigned id)
{
    /* 14-17 and 22 (m/d/yy h:mm); 27-36 and 50-58 are the East Asian
     * locales' date formats.  18-21 and 45-47 show times only. */
    return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) ||
           (id >= 50 && id <= 58);
}

int fdi__xlsx_date_code(const char *code)
{
    for (const char *p = code; *p; p++) {
        switch (*p) {
        case '"': /* literal text */
            while (p[1] && p[1] != '"')
                p++;
            if (p[1])
                p++;
            break;
        case '[': /* a colour, a condition, a locale, elapsed [h] */
            while (p[1] && p[1] != ']')
                p++;
            break;
        case '\\': case '_': case '*': /* the next character is literal */
            if (p[1])
                p++;
            break;
        case 'y': case 'Y': case 'd': case 'D':
            return 1;
        default:
            break;
        }
    }
    return 0;
}

/* The days of a serial [-]digits[.digits] (its whole part); 0 when it is
 * not one (an exponent, another form: the number is then left as it is). */
static int serial_days(const char *v, size_t n, long *days)
{
    size_t i = 0;
    long d = 0;
    if (n == 0)
        return 0;
    for (; i < n && v[i] >= '0' && v[i] <= '9'; i++)
        if ((d = d * 10 + (v[i] - '0')) > MAX_SERIAL)
            return 0;
    if (i == 0)
        return 0;
    if (i < n && v[i] == '.')
        for (i++; i < n && v[i] >= '0' && v[i] <= '9'; i++)
            ;
    *days = d;
    return i == n;
}

/* Days since 1970-01-01 as a civil date (H. Hinnant's days_from_civil
 * inverted). */
static void civil(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* A date serial as YYYY-MM-DD into out (11 bytes); 0 when it is no date
 * (day 0 of the 1900 system, a negative or too large serial). */
static int serial_date(long days, int date1904, char *out)
{
    int y, m, d;
    if (!date1904 && days == 60) {
        memcpy(out, "1900-02-29", 11);
        return 1;
    }
    if (!date1904 && days < 1)
        return 0;
    /* 1899-12-31 is day -25568 from 1970-01-01, 1904-01-01 day -24107 */
    civil(date1904 ? days - 24107 : days - 25568 - (days > 60), &y, &m, &d);
    if (y < 0 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
        return 0; /* (the caller bounds days: this keeps the text in 11 bytes) */
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
             (unsigned)d % 100u);
    return 1;
}

static const char *number_text(const fdi__xlsx_book *b, const fdi_ingest_options *o, long s,
                               char *v, size_t vlen, char *scratch, size_t *len)
{
    long days;
    *len = vlen;
    if (s >= 0 && (size_t)s < b->nxf && b->xf_date[s] && serial_days(v, vlen, &days) &&
        serial_date(days, b->date1904, scratch)) {
        *len = 10;
        return scratch;
    }
    if (o->number.decimal != '.') /* the sheet's '.' as the reader's mark */
        for (size_t i = 0; i < vlen; i++)
            if (v[i] == '.')
                v[i] = o->number.decimal;
    return v;
}

const char *fdi__xlsx_cell_text(const fdi__xlsx_book *b, const fdi_ingest_options *o,
                                const char *t, long s, char *v, size_t vlen, char *scratch,
                                size_t *len)
{
    *len = vlen;
    if (!t || strcmp(t, "n") == 0)
        return number_text(b, o, s, v, vlen, scratch, len);
    if (strcmp(t, "s") == 0) { /* an index into the shared strings */
        size_t k = 0, i = 0;
        for (; i < vlen && v[i] >= '0' && v[i] <= '9' && k <= b->nsst; i++)
            k = k * 10 + (size_t)(v[i] - '0');
        if (vlen == 0 || i != vlen || k >= b->nsst)
            return NULL;
        *len = b->sst_off[k + 1] - b->sst_off[k];
        return b->sst ? b->sst + b->sst_off[k] : "";
    }
    if (strcmp(t, "b") == 0) {
        int yes = vlen == 1 && v[0] == '1';
        *len = yes ? 4 : 5;
        return yes ? "TRUE" : "FALSE";
    }
    if (strcmp(t, "d") == 0 && vlen > 10 && v[10] == 'T') /* ISO 8601: the day */
        *len = 10;
    return v; /* inlineStr, str (a formula's text), e (#N/A...), d */
}
