/* test_parse.c - fdi_parse_number, fdi_parse_period, fdi_period_format.
 *
 * The numbers are written as they appear in Vietnamese statistical office
 * and World Bank CSVs; every value that parses must be bit-identical to
 * strtod on the same decimal text (the C locale is in force: a test program
 * never calls setlocale).
 */
#include "check.h"
#include "fdi/parse.h"
#include "fdi/period.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ---------------------------------------------------------- */

static int same_bits(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0;
}

static double c_strtod(const char *s)
{
    char *end;
    double v = strtod(s, &end);
    if (*end != '\0')
        fprintf(stderr, "test bug: strtod stopped early in \"%s\"\n", s);
    return v;
}

/* s parses as OK to exactly want (same bits: -0.0 is not 0.0). */
static void num_is(const char *s, const fdi_number_format *fmt, double want)
{
    int before = check_failed;
    double v = -777.0;
    const char *why = NULL;
    fdi_parse_result r = fdi_parse_number(s, strlen(s), fmt, &v, &why);
    CHECK_INT(r, FDI_PARSE_OK);
    CHECK(same_bits(v, want));
    CHECK(why == NULL);
    if (check_failed != before)
        fprintf(stderr, "  input \"%s\": result %d, got %.17g, expected %.17g"
                        " (why: %s)\n",
                s, (int)r, v, want, why ? why : "(null)");
}

/* s is missing: result MISSING, *out untouched and never 0. */
static void num_missing(const char *s, const fdi_number_format *fmt)
{
    int before = check_failed;
    double v = -777.0;
    const char *why = NULL;
    fdi_parse_result r = fdi_parse_number(s, strlen(s), fmt, &v, &why);
    CHECK_INT(r, FDI_PARSE_MISSING);
    CHECK(v != 0.0);
    if (check_failed != before)
        fprintf(stderr, "  input \"%s\": result %d, value %.17g\n", s, (int)r, v);
}

/* s is invalid with a reason; returns the reason ("" when there was none).
 * The value is never 0: a bad cell must not read as zero. */
static const char *num_invalid(const char *s, const fdi_number_format *fmt)
{
    int before = check_failed;
    double v = -777.0;
    const char *why = NULL;
    fdi_parse_result r = fdi_parse_number(s, strlen(s), fmt, &v, &why);
    CHECK_INT(r, FDI_PARSE_INVALID);
    CHECK(v != 0.0);
    CHECK(why != NULL && why[0] != '\0');
    if (check_failed != before)
        fprintf(stderr, "  input \"%s\": result %d, value %.17g\n", s, (int)r, v);
    return why ? why : "";
}

static void period_is(const char *s, int32_t want_month, int want_freq)
{
    int before = check_failed;
    int32_t m = -1;
    int f = -1;
    const char *why = NULL;
    fdi_parse_result r = fdi_parse_period(s, strlen(s), &m, &f, &why);
    CHECK_INT(r, FDI_PARSE_OK);
    CHECK_INT(m, want_month);
    CHECK_INT(f, want_freq);
    if (check_failed != before)
        fprintf(stderr, "  period \"%s\": result %d, month %d, freq %d (why: %s)\n",
                s, (int)r, (int)m, f, why ? why : "(null)");
}

static void period_invalid(const char *s)
{
    int before = check_failed;
    int32_t m = -1;
    int f = -1;
    const char *why = NULL;
    fdi_parse_result r = fdi_parse_period(s, strlen(s), &m, &f, &why);
    CHECK_INT(r, FDI_PARSE_INVALID);
    CHECK(why != NULL && why[0] != '\0');
    if (check_failed != before)
        fprintf(stderr, "  period \"%s\": result %d, month %d, freq %d\n", s,
                (int)r, (int)m, f);
}

/* xorshift64*: a fixed sequence on every platform */
static uint64_t rng_state = 0x9E3779B97F4A7C15u;

static uint64_t rng(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1Du;
}

static unsigned rng_below(unsigned n)
{
    return (unsigned)(rng() % n);
}

/* A decimal in C syntax: ndig significant digits (first non-zero), dec
 * digits after the point, optionally negative. */
static void random_decimal(char *buf, size_t size, unsigned ndig, unsigned dec,
                           int negative)
{
    char digits[64];
    size_t w = 0;
    unsigned i;
    for (i = 0; i < ndig; i++)
        digits[i] = (char)('0' + (i == 0 ? 1 + rng_below(9) : rng_below(10)));
    digits[ndig] = '\0';
    if (negative)
        buf[w++] = '-';
    if (dec >= ndig) {
        buf[w++] = '0';
        buf[w++] = '.';
        for (i = 0; i < dec - ndig; i++)
            buf[w++] = '0';
        for (i = 0; i < ndig; i++)
            buf[w++] = digits[i];
    } else {
        for (i = 0; i < ndig - dec; i++)
            buf[w++] = digits[i];
        if (dec) {
            buf[w++] = '.';
            for (; i < ndig; i++)
                buf[w++] = digits[i];
        }
    }
    buf[w] = '\0';
    (void)size;
}

/* The same number with thousands separators `sep` and decimal mark `dec`,
 * negative as "-x" or "(x)". */
static void regroup(const char *c_text, char sep, char dec, int parens,
                    char *buf)
{
    const char *p = c_text;
    size_t w = 0, intlen;
    int negative = *p == '-';
    if (negative)
        p++;
    intlen = strcspn(p, ".");
    if (negative)
        buf[w++] = parens ? '(' : '-';
    for (size_t i = 0; i < intlen; i++) {
        if (i > 0 && (intlen - i) % 3 == 0)
            buf[w++] = sep;
        buf[w++] = p[i];
    }
    if (p[intlen] == '.') {
        buf[w++] = dec;
        strcpy(buf + w, p + intlen + 1);
        w += strlen(p + intlen + 1);
    }
    if (negative && parens)
        buf[w++] = ')';
    buf[w] = '\0';
}

/* ---- numbers ------------------------------------------------------------ */

static void test_number_basic(void)
{
    fdi_number_format def = fdi_number_format_default();
    CHECK(def.decimal == '.');
    CHECK(def.thousands == ',');
    CHECK_INT(def.dash_is_zero, 1);

    num_is(" 1,829.64 ", &def, c_strtod("1829.64"));
    num_is("1,829.64", NULL, c_strtod("1829.64")); /* NULL is the default */
    num_is("\t1829.64\r\n", &def, c_strtod("1829.64"));
    num_is("\xC2\xA0" "1,829.64" "\xC2\xA0", &def, c_strtod("1829.64"));
    num_is("(28.99)", &def, c_strtod("-28.99"));
    num_is("( 5.09 )", &def, c_strtod("-5.09"));
    num_is(" (1,305.75) ", &def, c_strtod("-1305.75"));
    num_is("-28.99", &def, c_strtod("-28.99"));
    num_is("+28.99", &def, c_strtod("28.99"));
    num_is("0", &def, 0.0);
    num_is("0.000", &def, 0.0);
    num_is("-0", &def, c_strtod("-0"));
    num_is("007", &def, 7.0);
    num_is(".5", &def, 0.5);
    num_is("5.", &def, 5.0);
    num_is("1,234,567", &def, 1234567.0);
    num_is("1,234,567.891", &def, c_strtod("1234567.891"));
    num_is("7411.763757000001", &def, c_strtod("7411.763757000001"));
    num_is("-36983240.2234637", &def, c_strtod("-36983240.2234637"));
    num_is("0.1", &def, c_strtod("0.1"));
    num_is("0.3", &def, c_strtod("0.3"));
    num_is("123456789012345678901234567890", &def,
           c_strtod("123456789012345678901234567890"));
    num_is("0.00000000000000000000000012345", &def,
           c_strtod("0.00000000000000000000000012345"));
    num_is("9007199254740993", &def, c_strtod("9007199254740993"));
    num_is("1e3", &def, 1000.0);
    num_is("1.5E-2", &def, c_strtod("1.5E-2"));
    num_is("1.5e+2", &def, 150.0);
    num_is("-2.5e-3", &def, c_strtod("-2.5e-3"));
    num_is("1e22", &def, 1e22);
    num_is("1e23", &def, c_strtod("1e23"));
    num_is("123e-25", &def, c_strtod("123e-25"));
    num_is("(2.5e3)", &def, -2500.0);

    /* only len bytes are read */
    {
        double v = -1.0;
        CHECK_INT(fdi_parse_number("123456", 3, &def, &v, NULL), FDI_PARSE_OK);
        CHECK(same_bits(v, 123.0));
        /* a NULL why is allowed */
        CHECK_INT(fdi_parse_number("abc", 3, &def, &v, NULL), FDI_PARSE_INVALID);
        CHECK(same_bits(v, 123.0));
    }
}

static void test_number_dash_and_missing(void)
{
    fdi_number_format def = fdi_number_format_default();
    fdi_number_format nodash = fdi_number_format_default();
    nodash.dash_is_zero = 0;

    num_is("-", &def, 0.0);
    num_is(" - ", &def, 0.0);
    num_is("\xE2\x80\x93", &def, 0.0); /* en dash */
    num_is("\xE2\x80\x94", &def, 0.0); /* em dash */
    num_missing("-", &nodash);
    num_missing("\xE2\x80\x93", &nodash);
    num_missing("\xE2\x80\x94", &nodash);

    num_missing("", &def);
    num_missing("   ", &def);
    num_missing("NA", &def);
    num_missing("na", &def);
    num_missing("n/a", &def);
    num_missing("N/A", &def);
    num_missing("..", &def);
    num_missing("NaN", &def);
    num_missing("nan", &def);
    num_missing("null", &def);
    num_missing(" NA ", &def);
    num_missing("", &nodash);
    num_missing("NaN", &nodash);
    {
        double v = -777.0;
        CHECK_INT(fdi_parse_number("", 0, &def, &v, NULL), FDI_PARSE_MISSING);
        CHECK(same_bits(v, -777.0));
    }
}

static void test_number_decimal_comma(void)
{
    fdi_number_format eu = {',', '.', 1, 0};

    num_is("2,432", &eu, c_strtod("2.432"));
    num_is("1.829,64", &eu, c_strtod("1829.64"));
    num_is("(1.829,64)", &eu, c_strtod("-1829.64"));
    num_is("1.234.567,5", &eu, c_strtod("1234567.5"));
    num_is("7411,763757000001", &eu, c_strtod("7411.763757000001"));
    num_is("-", &eu, 0.0);
    num_missing("NA", &eu);
    num_invalid("1.82", &eu);
    num_invalid("1,2,3", &eu);
    num_invalid("1.829.64,5,1", &eu);

    /* no thousands separator at all */
    {
        fdi_number_format plain = {'.', 0, 1, 0};
        num_is("1829.64", &plain, c_strtod("1829.64"));
        num_invalid("1,829.64", &plain);
    }
}

static void test_number_invalid(void)
{
    fdi_number_format def = fdi_number_format_default();
    const char *why;

    why = num_invalid("1,82", &def);
    CHECK_HAS(why, "--decimal");
    num_invalid("12,34,567", &def);
    num_invalid("1234,567", &def);
    num_invalid("1,2345", &def);
    num_invalid("1,234,", &def);
    num_invalid(",123", &def);
    num_invalid("0,125", &def); /* a leading group of 0 is a decimal comma */
    num_invalid("1.234,5", &def);
    num_invalid("abc", &def);
    num_invalid("1.2.3", &def);
    num_invalid("(5", &def);
    num_invalid("5)", &def);
    num_invalid("(-5)", &def);
    num_invalid("()", &def);
    num_invalid("5%", &def);
    num_invalid("1e", &def);
    num_invalid("1e+", &def);
    num_invalid("e5", &def);
    num_invalid("1e5x", &def);
    num_invalid("--5", &def);
    num_invalid("+-5", &def);
    num_invalid("- 5", &def);
    num_invalid(".", &def);
    num_invalid("+", &def);
    num_invalid("1 234", &def);
    num_invalid("$5", &def);
    num_invalid("inf", &def);
    num_invalid("1e400", &def);
    num_invalid("0x10", &def);
}

/* Every value must be bit-identical to strtod on the same text. */
static void test_number_exact_random(void)
{
    fdi_number_format def = fdi_number_format_default();
    fdi_number_format eu = {',', '.', 1, 0};
    char c_text[96], ours[128];
    int mismatches = 0;

    for (int k = 0; k < 600; k++) {
        unsigned ndig = 1 + rng_below(15), dec = rng_below(7);
        int negative = rng_below(4) == 0;
        double want, got = -777.0;
        fdi_parse_result r;
        random_decimal(c_text, sizeof c_text, ndig, dec, negative);
        want = c_strtod(c_text);

        /* as C writes it */
        r = fdi_parse_number(c_text, strlen(c_text), &def, &got, NULL);
        if (r != FDI_PARSE_OK || !same_bits(got, want)) {
            if (mismatches++ < 10)
                fprintf(stderr, "  \"%s\": result %d, got %.17g, strtod %.17g\n",
                        c_text, (int)r, got, want);
        }
        /* with thousands separators, negative in parentheses half the time */
        regroup(c_text, ',', '.', (int)(k & 1), ours);
        got = -777.0;
        r = fdi_parse_number(ours, strlen(ours), &def, &got, NULL);
        if (r != FDI_PARSE_OK || !same_bits(got, want)) {
            if (mismatches++ < 10)
                fprintf(stderr, "  \"%s\": result %d, got %.17g, strtod %.17g\n",
                        ours, (int)r, got, want);
        }
        /* European: 1.829,64 */
        regroup(c_text, '.', ',', 0, ours);
        got = -777.0;
        r = fdi_parse_number(ours, strlen(ours), &eu, &got, NULL);
        if (r != FDI_PARSE_OK || !same_bits(got, want)) {
            if (mismatches++ < 10)
                fprintf(stderr, "  \"%s\" (decimal ','): result %d, got %.17g, "
                                "strtod %.17g\n",
                        ours, (int)r, got, want);
        }
    }
    CHECK_INT(mismatches, 0);

    /* beyond the fast path: 16..30 significant digits (strtod_l) */
    mismatches = 0;
    for (int k = 0; k < 300; k++) {
        unsigned ndig = 16 + rng_below(15), dec = rng_below(12);
        double want, got = -777.0;
        fdi_parse_result r;
        random_decimal(c_text, sizeof c_text, ndig, dec, (int)(k & 1));
        want = c_strtod(c_text);
        r = fdi_parse_number(c_text, strlen(c_text), &def, &got, NULL);
        if (r != FDI_PARSE_OK || !same_bits(got, want)) {
            if (mismatches++ < 10)
                fprintf(stderr, "  \"%s\": result %d, got %.17g, strtod %.17g\n",
                        c_text, (int)r, got, want);
        }
    }
    CHECK_INT(mismatches, 0);

    /* with exponents around the edge of the exact powers of ten (|p| <= 22) */
    mismatches = 0;
    for (int k = 0; k < 300; k++) {
        unsigned ndig = 1 + rng_below(17), dec = rng_below(5);
        int e = (int)rng_below(61) - 30;
        double want, got = -777.0;
        fdi_parse_result r;
        size_t n;
        random_decimal(c_text, sizeof c_text, ndig, dec, (int)(k % 3 == 0));
        n = strlen(c_text);
        snprintf(c_text + n, sizeof c_text - n, "%c%d", (k & 1) ? 'e' : 'E', e);
        want = c_strtod(c_text);
        r = fdi_parse_number(c_text, strlen(c_text), &def, &got, NULL);
        if (r != FDI_PARSE_OK || !same_bits(got, want)) {
            if (mismatches++ < 10)
                fprintf(stderr, "  \"%s\": result %d, got %.17g, strtod %.17g\n",
                        c_text, (int)r, got, want);
        }
    }
    CHECK_INT(mismatches, 0);
}

/* ---- periods ------------------------------------------------------------ */

static void test_period_forms(void)
{
    const int32_t jun2019 = 2019 * 12 + 5;

    period_is("2019-06-30", jun2019, 12);
    period_is("2019-06", jun2019, 12);
    period_is("2019/06", jun2019, 12);
    period_is("2019.06", jun2019, 12);
    period_is("2019-6", jun2019, 12);
    period_is("6/2019", jun2019, 12);
    period_is("06-2019", jun2019, 12);
    period_is("30/06/2019", jun2019, 12);
    period_is("30.06.2019", jun2019, 12);
    period_is("201906", jun2019, 12);
    period_is("20190630", jun2019, 12);
    period_is("2019M06", jun2019, 12);
    period_is("2019M6", jun2019, 12);
    period_is("2019m06", jun2019, 12);
    period_is("Jun 2019", jun2019, 12);
    period_is("June 2019", jun2019, 12);
    period_is("JUNE 2019", jun2019, 12);
    period_is("jun 2019", jun2019, 12);
    period_is("Jun-2019", jun2019, 12);
    period_is(" 2019-06 ", jun2019, 12);
    period_is("2019-06\r", jun2019, 12);
    period_is("Sept 2019", 2019 * 12 + 8, 12);
    period_is("Sep 2019", 2019 * 12 + 8, 12);
    period_is("September 2019", 2019 * 12 + 8, 12);
    period_is("Jan 2019", 2019 * 12 + 0, 12);
    period_is("Jul 2019", 2019 * 12 + 6, 12);
    period_is("May 2019", 2019 * 12 + 4, 12);
    period_is("Dec 2019", 2019 * 12 + 11, 12);
    period_is("2019-01-01", 2019 * 12, 12);
    period_is("2019-12-31", 2019 * 12 + 11, 12);

    period_is("2019", 2019 * 12 + 11, 1);
    period_is("1800", 1800 * 12 + 11, 1);
    period_is("2199", 2199 * 12 + 11, 1);

    period_is("2019Q2", jun2019, 4);
    period_is("2019-Q2", jun2019, 4);
    period_is("2019 Q2", jun2019, 4);
    period_is("2019q2", jun2019, 4);
    period_is("Q2 2019", jun2019, 4);
    period_is("q2-2019", jun2019, 4);
    period_is("Q2/2019", jun2019, 4);
    period_is("2019Q1", 2019 * 12 + 2, 4);
    period_is("2019Q4", 2019 * 12 + 11, 4);

    period_is("2020-02-29", 2020 * 12 + 1, 12);
    period_is("29/02/2000", 2000 * 12 + 1, 12);
    period_invalid("2019-02-29");
    period_invalid("1900-02-29"); /* not a leap year: divisible by 100 */

    /* only len bytes are read */
    {
        int32_t m = -1;
        int f = -1;
        CHECK_INT(fdi_parse_period("2019-06-30", 7, &m, &f, NULL), FDI_PARSE_OK);
        CHECK_INT(m, jun2019);
        CHECK_INT(f, 12);
    }
}

/* Vietnamese and spreadsheet forms (issue 15 item 3.4): T9/2016, Tháng
 * 9/2016, Tháng 9 năm 2016 (NFC or NFD, any case), Quý III/2016 (a
 * quarter), and a date with a spreadsheet's time after it. */
static void test_period_vietnamese(void)
{
    const int32_t sep2016 = 2016 * 12 + 8;
    period_is("T9/2016", sep2016, 12);
    period_is("T09/2016", sep2016, 12);
    period_is("t9-2016", sep2016, 12);
    period_is("Th\xc3\xa1ng 9/2016", sep2016, 12);
    period_is("th\xc3\xa1ng 09/2016", sep2016, 12);
    period_is("TH\xc3\x81NG 9/2016", sep2016, 12);
    period_is("Tha\xcc\x81ng 9/2016", sep2016, 12); /* NFD */
    period_is("Th\xc3\xa1ng 9 n\xc4\x83m 2016", sep2016, 12);
    period_is("Th\xc3\xa1ng 9 na\xcc\x86m 2016", sep2016, 12);
    period_is("Th\xc3\xa1ng 12/2016", 2016 * 12 + 11, 12);
    period_is(" Th\xc3\xa1ng 9/2016 ", sep2016, 12);
    period_is("Qu\xc3\xbd III/2016", sep2016, 4);
    period_is("Qu\xc3\xbd 3/2016", sep2016, 4);
    period_is("qu\xc3\xbd iv/2016", 2016 * 12 + 11, 4);
    period_is("QU\xc3\x9d I/2016", 2016 * 12 + 2, 4);
    period_is("Qu\xc3\xbd II n\xc4\x83m 2016", 2016 * 12 + 5, 4);
    period_is("Quy\xcc\x81 III/2016", sep2016, 4); /* NFD */
    period_is("2016-09-30 00:00:00", sep2016, 12);
    period_is("2016-09-30T00:00:00", sep2016, 12);
    period_is("2016-09-30 00:00", sep2016, 12);
    period_is("2016-09-30 23:59:59.000", sep2016, 12);
    period_is("30/09/2016 00:00:00", sep2016, 12);
    period_invalid("T13/2016");
    period_invalid("T9/16");
    period_invalid("T9/2016x");
    period_invalid("Th\xc3\xa1ng 9");
    period_invalid("Th\xc3\xa1ng 0/2016");
    period_invalid("Qu\xc3\xbd V/2016");
    period_invalid("Qu\xc3\xbd 5/2016");
    period_invalid("Qu\xc3\xbd III");
    period_invalid("2016-09-30 24:00:00");
    period_invalid("2016-09-31 00:00:00");
    period_invalid("2016-09-30 00:00:00 x");
    {
        int32_t m = -1;
        int f = -1;
        const char *why = NULL;
        CHECK_INT(fdi_parse_period("T9/20x6", 7, &m, &f, &why), FDI_PARSE_INVALID);
        CHECK(why && strstr(why, "T9/2016"));
        CHECK_INT(fdi_parse_period("Qu\xc3\xbd X/2016", 12, &m, &f, &why), FDI_PARSE_INVALID);
        CHECK(why && strstr(why, "III/2016"));
    }
}

static void test_period_invalid(void)
{
    int32_t m = -1;
    int f = -1;
    const char *why = "not set";

    period_invalid("2019-13");
    period_invalid("2019-00");
    period_invalid("13/2019");
    period_invalid("0/2019");
    period_invalid("2019-06-31");
    period_invalid("2019-06-00");
    period_invalid("31/04/2019");
    period_invalid("abc");
    period_invalid("20190");
    period_invalid("2019-06x");
    period_invalid("2019-06-");
    period_invalid("2019-06/30");
    period_invalid("1700");
    period_invalid("2200");
    period_invalid("Q5 2019");
    period_invalid("Q0 2019");
    period_invalid("2019Q5");
    period_invalid("2019M13");
    period_invalid("Foo 2019");
    period_invalid("Jun 19");
    period_invalid("Jun");
    period_invalid("2019 06");
    period_invalid("201913");
    period_invalid("20191301");

    CHECK_INT(fdi_parse_period("", 0, &m, &f, &why), FDI_PARSE_MISSING);
    CHECK_INT(fdi_parse_period("   ", 3, &m, &f, &why), FDI_PARSE_MISSING);
}

static void test_period_format(void)
{
    char buf[16];
    int32_t sep2016 = 2016 * 12 + 8;

    fdi_period_format(sep2016, 12, buf, sizeof buf);
    CHECK_STR(buf, "2016-09");
    fdi_period_format(sep2016, 4, buf, sizeof buf);
    CHECK_STR(buf, "2016Q3");
    fdi_period_format(2016 * 12 + 11, 1, buf, sizeof buf);
    CHECK_STR(buf, "2016");
    fdi_period_format(2016 * 12 + 0, 12, buf, sizeof buf);
    CHECK_STR(buf, "2016-01");
    fdi_period_format(2016 * 12 + 2, 4, buf, sizeof buf);
    CHECK_STR(buf, "2016Q1");
    fdi_period_format(2016 * 12 + 11, 4, buf, sizeof buf);
    CHECK_STR(buf, "2016Q4");

    CHECK_INT(fdi_period_year(sep2016), 2016);
    CHECK_INT(fdi_period_month(sep2016), 9);
    CHECK_INT(fdi_period_year(2019 * 12 + 11), 2019);
    CHECK_INT(fdi_period_month(2019 * 12 + 11), 12);
    CHECK_INT(fdi_period_year(2019 * 12), 2019);
    CHECK_INT(fdi_period_month(2019 * 12), 1);
    CHECK_INT(fdi_period_year(0), 0);
    CHECK_INT(fdi_period_month(0), 1);
    CHECK_INT(fdi_period_year(-1), -1);
    CHECK_INT(fdi_period_month(-1), 12);
    CHECK_INT(fdi_period_year(-12), -1);
    CHECK_INT(fdi_period_month(-12), 1);
    CHECK_INT(fdi_period_year(-13), -2);
    CHECK_INT(fdi_period_month(-13), 12);

    /* parse -> format round trips */
    {
        static const char *const forms[] = {"2019-06", "2019Q2", "2019",
                                            "1800-01", "2199-12", "2020Q4"};
        for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
            int32_t m = -1;
            int f = -1;
            CHECK_INT(fdi_parse_period(forms[i], strlen(forms[i]), &m, &f, NULL),
                      FDI_PARSE_OK);
            fdi_period_format(m, f, buf, sizeof buf);
            CHECK_STR(buf, forms[i]);
        }
    }
}

/* Fiscal years by hand: FY named by the calendar year it starts in, the
 * position counted in periods from its first, quarters stored as their
 * last month. */
static void test_fiscal_year(void)
{
#define M(y, m) ((int32_t)((y) * 12 + (m) - 1))
    static const struct {
        int32_t period;
        int freq, fy_start;
        int32_t year;
        int pos;
        int32_t first;
    } cases[] = {
        /* monthly, calendar year */
        {M(2016, 1), 12, 1, 2016, 1, M(2016, 1)},
        {M(2016, 9), 12, 1, 2016, 9, M(2016, 1)},
        {M(2016, 12), 12, 1, 2016, 12, M(2016, 1)},
        /* monthly, April: FY2015 = 2015-04..2016-03 */
        {M(2016, 3), 12, 4, 2015, 12, M(2015, 4)},
        {M(2016, 4), 12, 4, 2016, 1, M(2016, 4)},
        {M(2016, 12), 12, 4, 2016, 9, M(2016, 4)},
        {M(2017, 1), 12, 4, 2016, 10, M(2016, 4)},
        /* monthly, July */
        {M(2016, 6), 12, 7, 2015, 12, M(2015, 7)},
        {M(2016, 7), 12, 7, 2016, 1, M(2016, 7)},
        {M(2016, 12), 12, 7, 2016, 6, M(2016, 7)},
        {M(2017, 2), 12, 7, 2016, 8, M(2016, 7)},
        /* monthly, October */
        {M(2016, 9), 12, 10, 2015, 12, M(2015, 10)},
        {M(2016, 10), 12, 10, 2016, 1, M(2016, 10)},
        {M(2016, 12), 12, 10, 2016, 3, M(2016, 10)},
        {M(2017, 1), 12, 10, 2016, 4, M(2016, 10)},
        /* quarterly, stored at the quarter's last month */
        {M(2016, 3), 4, 1, 2016, 1, M(2016, 3)},
        {M(2016, 12), 4, 1, 2016, 4, M(2016, 3)},
        {M(2016, 3), 4, 4, 2015, 4, M(2015, 6)},
        {M(2016, 6), 4, 4, 2016, 1, M(2016, 6)},
        {M(2016, 12), 4, 4, 2016, 3, M(2016, 6)},
        {M(2016, 6), 4, 7, 2015, 4, M(2015, 9)},
        {M(2016, 9), 4, 7, 2016, 1, M(2016, 9)},
        {M(2017, 3), 4, 7, 2016, 3, M(2016, 9)},
        {M(2016, 9), 4, 10, 2015, 4, M(2015, 12)},
        {M(2016, 12), 4, 10, 2016, 1, M(2016, 12)},
        {M(2017, 6), 4, 10, 2016, 3, M(2016, 12)},
        /* annual */
        {M(2016, 12), 1, 1, 2016, 1, M(2016, 12)},
        /* before year 0, and an fy_start out of range read as 1 */
        {M(-1, 12), 12, 4, -1, 9, M(-1, 4)},
        {M(-1, 12), 12, 1, -1, 12, M(-1, 1)},
        {M(2016, 9), 12, 0, 2016, 9, M(2016, 1)},
        {M(2016, 9), 12, 13, 2016, 9, M(2016, 1)},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int32_t per = cases[i].period;
        int freq = cases[i].freq, fy = cases[i].fy_start;
        int32_t year = fdi_period_fiscal_year(per, freq, fy);
        int pos = fdi_period_fiscal_position(per, freq, fy);
        int32_t first = fdi_period_fiscal_first(per, freq, fy);
        if (year != cases[i].year || pos != cases[i].pos || first != cases[i].first)
            fprintf(stderr, "  case %zu: %d-%02d freq %d fy_start %d\n", i,
                    (int)fdi_period_year(per), fdi_period_month(per), freq, fy);
        CHECK_INT(year, cases[i].year);
        CHECK_INT(pos, cases[i].pos);
        CHECK_INT(first, cases[i].first);
    }
    CHECK_INT(fdi_period_fiscal_year_start(2016, 1), M(2016, 1));
    CHECK_INT(fdi_period_fiscal_year_start(2016, 4), M(2016, 4));
    CHECK_INT(fdi_period_fiscal_year_start(2015, 10), M(2015, 10));
    CHECK_INT(fdi_period_fiscal_year_start(2015, 13), M(2015, 1));
    /* a fiscal year's first month is where its position 1 starts */
    for (int fy = 1; fy <= 12; fy++) {
        int32_t start = fdi_period_fiscal_year_start(2020, fy);
        CHECK_INT(fdi_period_fiscal_year(start, 12, fy), 2020);
        CHECK_INT(fdi_period_fiscal_position(start, 12, fy), 1);
        CHECK_INT(fdi_period_fiscal_position(start - 1, 12, fy), 12);
        CHECK_INT(fdi_period_fiscal_year(start - 1, 12, fy), 2019);
    }
#undef M
}

int main(void)
{
    test_number_basic();
    test_number_dash_and_missing();
    test_number_decimal_comma();
    test_number_invalid();
    test_number_exact_random();
    test_period_forms();
    test_period_vietnamese();
    test_period_invalid();
    test_period_format();
    test_fiscal_year();
    return check_report("test_parse");
}
