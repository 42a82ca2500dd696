/* test_table.c - result tables and their three renderings.
 *
 * Each format is written into a tmpfile(), read back and checked: what a
 * person sees in the aligned table (2,729.86 / 6.20x / 151.7% / +51.7% /
 * n/a), and what a script reads from csv and json (quoting, escaping,
 * missing cells, numbers that read back).
 */
#include "check.h"
#include "fdi/table.h"

#include <stdlib.h>
#include <string.h>

/* ---- helpers ------------------------------------------------------------ */

/* The table written in fmt, as a malloc'd string (NULL on failure). */
static char *render(const fdi_table *t, fdi_format fmt)
{
    FILE *f = tmpfile();
    char *buf;
    long size;
    size_t got;
    int rc;
    if (!f)
        return NULL;
    rc = fdi_table_write(t, f, fmt);
    CHECK_INT(rc, 0);
    fflush(f);
    size = ftell(f);
    if (size < 0) {
        fclose(f);
        return NULL;
    }
    rewind(f);
    buf = malloc((size_t)size + 1);
    if (!buf) {
        fclose(f);
        return NULL;
    }
    got = fread(buf, 1, (size_t)size, f);
    buf[got] = '\0';
    CHECK_INT(got, size);
    fclose(f);
    return buf;
}

/* The line of text (without its newline) that contains needle, copied into
 * line; "" when there is none. */
static const char *line_with(const char *text, const char *needle, char *line,
                             size_t size)
{
    const char *hit = text ? strstr(text, needle) : NULL;
    const char *start, *end;
    size_t n;
    line[0] = '\0';
    if (!hit)
        return line;
    start = hit;
    while (start > text && start[-1] != '\n')
        start--;
    end = strchr(hit, '\n');
    if (!end)
        end = hit + strlen(hit);
    n = (size_t)(end - start);
    if (n >= size)
        n = size - 1;
    memcpy(line, start, n);
    line[n] = '\0';
    return line;
}

/* Display width: UTF-8 code points. */
static size_t display_width(const char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        w += ((unsigned char)s[i] & 0xC0) != 0x80;
    return w;
}

static double summed_to_500(void)
{
    /* 499 + ten steps of 0.1 is 500.00000000000023, not 500 */
    double v = 499.0;
    for (int i = 0; i < 10; i++)
        v += 0.1;
    return v;
}

enum { C_NAME, C_AMOUNT, C_MULT, C_SHARE, C_GROWTH, C_PROJECTS };

/* Rows:
 *   0 Samsung          2729.86  6.2   151.7  51.7   9
 *   1 "LG, Display"   -1305.75  NaN   NaN   -12.3   3
 *   2 He said "hi"\n…  0        1     100    0      0
 *   3 tiny            -0.001   -0.001 -0.001 -0.001 -0.0
 *   4 sum              500.00000000000023 ...
 *   5 (no text)        NaN everywhere
 *   6 Hải Phòng        1234567.891 ...
 */
static fdi_table *make_table(void)
{
    fdi_table *t = fdi_table_create();
    long r;
    CHECK(t != NULL);
    if (!t)
        return NULL;
    CHECK_INT(fdi_table_add_column(t, "name", FDI_COL_TEXT), C_NAME);
    CHECK_INT(fdi_table_add_column(t, "amount", FDI_COL_AMOUNT), C_AMOUNT);
    CHECK_INT(fdi_table_add_column(t, "multiple", FDI_COL_MULTIPLE), C_MULT);
    CHECK_INT(fdi_table_add_column(t, "share", FDI_COL_PERCENT), C_SHARE);
    CHECK_INT(fdi_table_add_column(t, "growth", FDI_COL_SIGNED_PERCENT), C_GROWTH);
    CHECK_INT(fdi_table_add_column(t, "projects", FDI_COL_INT), C_PROJECTS);

    r = fdi_table_add_row(t);
    CHECK_INT(r, 0);
    CHECK_INT(fdi_table_set_text(t, r, C_NAME, "Samsung"), 0);
    fdi_table_set_num(t, r, C_AMOUNT, 2729.86);
    fdi_table_set_num(t, r, C_MULT, 6.2);
    fdi_table_set_num(t, r, C_SHARE, 151.7);
    fdi_table_set_num(t, r, C_GROWTH, 51.7);
    fdi_table_set_num(t, r, C_PROJECTS, 9.0);

    r = fdi_table_add_row(t);
    CHECK_INT(r, 1);
    CHECK_INT(fdi_table_set_text(t, r, C_NAME, "LG, Display"), 0);
    fdi_table_set_num(t, r, C_AMOUNT, -1305.75);
    fdi_table_set_num(t, r, C_GROWTH, -12.3);
    fdi_table_set_num(t, r, C_PROJECTS, 3.0);

    r = fdi_table_add_row(t);
    CHECK_INT(r, 2);
    CHECK_INT(fdi_table_set_text(t, r, C_NAME, "He said \"hi\"\nthen left"), 0);
    fdi_table_set_num(t, r, C_AMOUNT, 0.0);
    fdi_table_set_num(t, r, C_MULT, 1.0);
    fdi_table_set_num(t, r, C_SHARE, 100.0);
    fdi_table_set_num(t, r, C_GROWTH, 0.0);
    fdi_table_set_num(t, r, C_PROJECTS, 0.0);

    r = fdi_table_add_row(t);
    CHECK_INT(r, 3);
    CHECK_INT(fdi_table_set_text(t, r, C_NAME, "tiny"), 0);
    fdi_table_set_num(t, r, C_AMOUNT, -0.001);
    fdi_table_set_num(t, r, C_MULT, -0.001);
    fdi_table_set_num(t, r, C_SHARE, -0.001);
    fdi_table_set_num(t, r, C_GROWTH, -0.001);
    fdi_table_set_num(t, r, C_PROJECTS, -0.0);

    r = fdi_table_add_row(t);
    CHECK_INT(r, 4);
    CHECK_INT(fdi_table_set_text(t, r, C_NAME, "sum"), 0);
    fdi_table_set_num(t, r, C_AMOUNT, summed_to_500());
    fdi_table_set_num(t, r, C_MULT, 7411.763757000001);
    fdi_table_set_num(t, r, C_SHARE, 0.1 + 0.2);
    fdi_table_set_num(t, r, C_GROWTH, -36983240.2234637);
    fdi_table_set_num(t, r, C_PROJECTS, 1234.0);

    r = fdi_table_add_row(t); /* nothing set: all missing */
    CHECK_INT(r, 5);

    r = fdi_table_add_row(t);
    CHECK_INT(r, 6);
    CHECK_INT(fdi_table_set_text(t, r, C_NAME, "H\xE1\xBA\xA3i Ph\xC3\xB2ng"), 0);
    fdi_table_set_num(t, r, C_AMOUNT, 1234567.891);
    fdi_table_set_num(t, r, C_MULT, 12.345);
    fdi_table_set_num(t, r, C_SHARE, 0.04);
    fdi_table_set_num(t, r, C_GROWTH, 0.04);
    fdi_table_set_num(t, r, C_PROJECTS, 12.0);

    CHECK_INT(fdi_table_nrows(t), 7);
    return t;
}

/* ---- tests -------------------------------------------------------------- */

static void test_cells(void)
{
    fdi_table *t = make_table();
    char name[16] = "mutable";
    if (!t)
        return;

    CHECK_INT(fdi_table_find_column(t, "name"), C_NAME);
    CHECK_INT(fdi_table_find_column(t, "amount"), C_AMOUNT);
    CHECK_INT(fdi_table_find_column(t, "growth"), C_GROWTH);
    CHECK_INT(fdi_table_find_column(t, "projects"), C_PROJECTS);
    CHECK_INT(fdi_table_find_column(t, "Amount"), -1);
    CHECK_INT(fdi_table_find_column(t, "amoun"), -1);
    CHECK_INT(fdi_table_find_column(t, ""), -1);

    CHECK(fdi_table_num(t, 0, C_AMOUNT) == 2729.86);
    CHECK(fdi_table_num(t, 1, C_AMOUNT) == -1305.75);
    CHECK(isnan(fdi_table_num(t, 1, C_MULT))); /* never set */
    CHECK(isnan(fdi_table_num(t, 5, C_AMOUNT)));
    CHECK(isnan(fdi_table_num(t, 7, C_AMOUNT))); /* out of range */
    CHECK(isnan(fdi_table_num(t, -1, C_AMOUNT)));
    CHECK(isnan(fdi_table_num(t, 0, 6)));
    CHECK(isnan(fdi_table_num(t, 0, -1)));

    CHECK_STR(fdi_table_text(t, 0, C_NAME), "Samsung");
    CHECK_STR(fdi_table_text(t, 1, C_NAME), "LG, Display");
    CHECK(fdi_table_text(t, 5, C_NAME) == NULL);
    CHECK(fdi_table_text(t, 7, C_NAME) == NULL);
    CHECK(fdi_table_text(t, -1, C_NAME) == NULL);
    CHECK(fdi_table_text(t, 0, 6) == NULL);

    /* text is copied; setting again replaces it */
    CHECK_INT(fdi_table_set_text(t, 5, C_NAME, name), 0);
    strcpy(name, "changed");
    CHECK_STR(fdi_table_text(t, 5, C_NAME), "mutable");
    CHECK_INT(fdi_table_set_text(t, 5, C_NAME, "again"), 0);
    CHECK_STR(fdi_table_text(t, 5, C_NAME), "again");
    fdi_table_set_num(t, 5, C_AMOUNT, 1.5);
    CHECK(fdi_table_num(t, 5, C_AMOUNT) == 1.5);
    fdi_table_set_num(t, 5, C_AMOUNT, (double)NAN);
    CHECK(isnan(fdi_table_num(t, 5, C_AMOUNT)));

    fdi_table_destroy(t);
    fdi_table_destroy(NULL);
}

static void test_many_rows(void)
{
    fdi_table *t = fdi_table_create();
    int a, b;
    size_t bad = 0;
    if (!t)
        return;
    a = fdi_table_add_column(t, "k", FDI_COL_INT);
    b = fdi_table_add_column(t, "label", FDI_COL_TEXT);
    CHECK_INT(a, 0);
    CHECK_INT(b, 1);
    for (long i = 0; i < 1003; i++) {
        char label[32];
        long r = fdi_table_add_row(t);
        if (r != i)
            bad++;
        fdi_table_set_num(t, r, a, (double)i);
        snprintf(label, sizeof label, "row %ld", i);
        if (fdi_table_set_text(t, r, b, label) != 0)
            bad++;
    }
    CHECK_INT(fdi_table_nrows(t), 1003);
    for (long i = 0; i < 1003; i++) {
        char label[32];
        snprintf(label, sizeof label, "row %ld", i);
        if (fdi_table_num(t, i, a) != (double)i)
            bad++;
        if (!fdi_table_text(t, i, b) || strcmp(fdi_table_text(t, i, b), label))
            bad++;
    }
    CHECK_INT(bad, 0);
    fdi_table_destroy(t);
}

static void test_format_amount(void)
{
    char buf[48];

    fdi_format_amount(1234567.891, 2, buf, sizeof buf);
    CHECK_STR(buf, "1,234,567.89");
    fdi_format_amount(2729.86, 2, buf, sizeof buf);
    CHECK_STR(buf, "2,729.86");
    fdi_format_amount(-1305.75, 2, buf, sizeof buf);
    CHECK_STR(buf, "-1,305.75");
    fdi_format_amount(-0.001, 2, buf, sizeof buf);
    CHECK_STR(buf, "0.00");
    fdi_format_amount(-0.0, 2, buf, sizeof buf);
    CHECK_STR(buf, "0.00");
    fdi_format_amount(0.0, 2, buf, sizeof buf);
    CHECK_STR(buf, "0.00");
    fdi_format_amount(-0.004, 2, buf, sizeof buf);
    CHECK_STR(buf, "0.00");
    fdi_format_amount(-0.006, 2, buf, sizeof buf);
    CHECK_STR(buf, "-0.01");
    fdi_format_amount(999.999, 2, buf, sizeof buf);
    CHECK_STR(buf, "1,000.00");
    fdi_format_amount(-999999.996, 2, buf, sizeof buf);
    CHECK_STR(buf, "-1,000,000.00");
    fdi_format_amount(123.0, 2, buf, sizeof buf);
    CHECK_STR(buf, "123.00");
    fdi_format_amount(123456.0, 2, buf, sizeof buf);
    CHECK_STR(buf, "123,456.00");
    fdi_format_amount(100.0, 0, buf, sizeof buf);
    CHECK_STR(buf, "100");
    fdi_format_amount(1234567.0, 0, buf, sizeof buf);
    CHECK_STR(buf, "1,234,567");
    fdi_format_amount(151.66, 1, buf, sizeof buf);
    CHECK_STR(buf, "151.7");
    fdi_format_amount((double)NAN, 2, buf, sizeof buf);
    CHECK_STR(buf, "n/a");

    /* a short buffer is cut, never overrun (ASan watches the heap copies) */
    for (size_t size = 1; size <= 14; size++) {
        char *small = malloc(size);
        if (!small)
            continue;
        fdi_format_amount(-1234567.891, 2, small, size);
        CHECK(strlen(small) < size);
        CHECK(strncmp(small, "-1,234,567.89", strlen(small)) == 0);
        free(small);
    }
}

static void test_write_table(void)
{
    fdi_table *t = make_table();
    char *out, line[512];
    if (!t)
        return;
    out = render(t, FDI_FORMAT_TABLE);
    CHECK(out != NULL);
    if (!out) {
        fdi_table_destroy(t);
        return;
    }

    CHECK_HAS(out, "2,729.86");
    CHECK_HAS(out, "6.20x");
    CHECK_HAS(out, "151.7%");
    CHECK_HAS(out, "+51.7%");
    CHECK_HAS(out, "n/a");
    CHECK_HAS(out, "-1,305.75");
    CHECK_HAS(out, "-12.3%");
    CHECK_HAS(out, "1,234,567.89");
    CHECK_HAS(out, "12.35x");

    /* the header names every column */
    line_with(out, "amount", line, sizeof line);
    CHECK_HAS(line, "name");
    CHECK_HAS(line, "multiple");
    CHECK_HAS(line, "share");
    CHECK_HAS(line, "growth");
    CHECK_HAS(line, "projects");

    line_with(out, "Samsung", line, sizeof line);
    CHECK_HAS(line, "2,729.86");
    CHECK_HAS(line, "6.20x");
    CHECK_HAS(line, "151.7%");
    CHECK_HAS(line, "+51.7%");
    CHECK_HAS(line, " 9");

    line_with(out, "LG, Display", line, sizeof line);
    CHECK_HAS(line, "-1,305.75");
    CHECK_HAS(line, "n/a");
    CHECK_HAS(line, "-12.3%");

    /* zero: no sign on a zero growth */
    line_with(out, "then left", line, sizeof line);
    CHECK_HAS(line, "0.00");
    CHECK_HAS(line, "1.00x");
    CHECK_HAS(line, "100.0%");
    CHECK(strstr(line, "+0.0%") == NULL);

    /* -0.001 (and -0.0) show as zero in every kind: no "-0.00" */
    line_with(out, "tiny", line, sizeof line);
    CHECK(line[0] != '\0');
    if (strstr(line, "-0"))
        fprintf(stderr, "  tiny row: \"%s\"\n", line);
    CHECK(strstr(line, " 0.00 ") != NULL);   /* amount */
    CHECK(strstr(line, "-0.00x") == NULL);   /* multiple */
    CHECK(strstr(line, "-0.0%") == NULL);    /* percent, signed percent */
    CHECK(strstr(line, "+0.0%") == NULL);
    CHECK_HAS(line, " 0.0%");
    CHECK(strlen(line) >= 2 &&                /* int: -0.0 is "0", not "-0" */
          strcmp(line + strlen(line) - 2, " 0") == 0);

    /* 0.04 percent rounds to 0.0: no "+" on it */
    line_with(out, "Ph\xC3\xB2ng", line, sizeof line);
    CHECK_HAS(line, "0.0%");
    CHECK(strstr(line, "+0.0%") == NULL);

    /* the all-missing row */
    {
        const char *p = out;
        int nlines = 0, na_lines = 0;
        while (*p) {
            const char *e = strchr(p, '\n');
            size_t n = e ? (size_t)(e - p) : strlen(p);
            char l[512];
            size_t m = n < sizeof l - 1 ? n : sizeof l - 1;
            memcpy(l, p, m);
            l[m] = '\0';
            nlines++;
            if (strstr(l, "n/a")) {
                const char *q = l;
                int count = 0;
                while ((q = strstr(q, "n/a")) != NULL) {
                    count++;
                    q += 3;
                }
                if (count == 5)
                    na_lines++;
            }
            p += n + (e ? 1 : 0);
        }
        CHECK(nlines >= 8); /* header + 7 rows */
        CHECK_INT(na_lines, 1);
    }
    free(out);
    fdi_table_destroy(t);
}

/* Columns line up: every line has the same display width when the last
 * column is a number, including a Vietnamese name. */
static void test_write_table_alignment(void)
{
    fdi_table *t = fdi_table_create();
    char *out;
    long r;
    if (!t)
        return;
    fdi_table_add_column(t, "province", FDI_COL_TEXT);
    fdi_table_add_column(t, "registered_musd", FDI_COL_AMOUNT);
    fdi_table_add_column(t, "yoy", FDI_COL_SIGNED_PERCENT);
    r = fdi_table_add_row(t);
    fdi_table_set_text(t, r, 0, "H\xE1\xBA\xA3i Ph\xC3\xB2ng");
    fdi_table_set_num(t, r, 1, 2729.86);
    fdi_table_set_num(t, r, 2, 51.7);
    r = fdi_table_add_row(t);
    fdi_table_set_text(t, r, 0, "B\xE1\xBA\xAF" "c Ninh");
    fdi_table_set_num(t, r, 1, 123456789.5);
    fdi_table_set_num(t, r, 2, (double)NAN);
    r = fdi_table_add_row(t);
    fdi_table_set_text(t, r, 0, "Long An");
    fdi_table_set_num(t, r, 1, -3.0);
    fdi_table_set_num(t, r, 2, -100.0);

    out = render(t, FDI_FORMAT_TABLE);
    CHECK(out != NULL);
    if (out) {
        const char *p = out;
        size_t first = 0;
        int lines = 0, ragged = 0;
        while (*p) {
            const char *e = strchr(p, '\n');
            size_t n = e ? (size_t)(e - p) : strlen(p);
            size_t w = display_width(p, n);
            if (lines == 0)
                first = w;
            else if (w != first)
                ragged++;
            lines++;
            p += n + (e ? 1 : 0);
        }
        CHECK_INT(lines, 4);
        CHECK_INT(ragged, 0);
        if (ragged)
            fprintf(stderr, "%s", out);
        CHECK_HAS(out, "123,456,789.50");
        CHECK_HAS(out, "-100.0%");
        free(out);
    }
    fdi_table_destroy(t);
}

static void test_write_csv(void)
{
    fdi_table *t = make_table();
    char *out, line[512];
    if (!t)
        return;
    out = render(t, FDI_FORMAT_CSV);
    CHECK(out != NULL);
    if (!out) {
        fdi_table_destroy(t);
        return;
    }

    CHECK(strncmp(out, "name,amount,multiple,share,growth,projects\n", 43) == 0);
    CHECK_HAS(out, "\nSamsung,2729.86,6.2,151.7,51.7,9\n");
    /* a comma quotes the field; NaN is an empty field */
    CHECK_HAS(out, "\n\"LG, Display\",-1305.75,,,-12.3,3\n");
    /* quotes doubled, the newline kept inside the quotes */
    CHECK_HAS(out, "\n\"He said \"\"hi\"\"\nthen left\",0,1,100,0,0\n");
    /* 499 + 10 x 0.1 is written 500, not 500.0000000000002 */
    line_with(out, "sum,", line, sizeof line);
    CHECK(strncmp(line, "sum,500,", 8) == 0);
    if (strncmp(line, "sum,500,", 8) != 0)
        fprintf(stderr, "  sum row: \"%s\"\n", line);
    CHECK(strstr(line, "500.0000") == NULL);
    CHECK(strlen(line) > 5 && strcmp(line + strlen(line) - 5, ",1234") == 0);
    /* the all-missing row: an empty text and five empty numbers */
    CHECK_HAS(out, "\n,,,,,\n");
    /* UTF-8 text passes through */
    CHECK_HAS(out, "\nH\xE1\xBA\xA3i Ph\xC3\xB2ng,1234567.891,12.345,0.04,0.04,12\n");
    /* no "nan", "inf" or "-nan" anywhere */
    CHECK(strstr(out, "nan") == NULL);
    CHECK(strstr(out, "inf") == NULL);

    free(out);
    fdi_table_destroy(t);
}

/* table.h: csv and json carry 15 significant digits (DBL_DIG, what a
 * spreadsheet keeps): every value comes back within one part in 1e15, and
 * a sum like 499 + 10 x 0.1 prints as 500.  A value read with 16 or 17
 * digits prints rounded to 15: 7411.763757000001 as 7411.763757. */
static void test_csv_round_trip(void)
{
    static const double values[] = {7411.763757000001, -36983240.2234637,
                                    2729.86, 0.1, 1234567.891, 1e-7, 3.0};
    fdi_table *t = fdi_table_create();
    int col;
    char *out;
    if (!t)
        return;
    col = fdi_table_add_column(t, "v", FDI_COL_AMOUNT);
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++)
        fdi_table_set_num(t, fdi_table_add_row(t), col, values[i]);
    out = render(t, FDI_FORMAT_CSV);
    CHECK(out != NULL);
    if (out) {
        char *p = strchr(out, '\n'); /* skip the header */
        for (size_t i = 0; p && i < sizeof values / sizeof values[0]; i++) {
            char *end;
            double back = strtod(p + 1, &end);
            CHECK(*end == '\n');
            CHECK_NEAR(back, values[i], 1e-15);
            if (fabs(back - values[i]) > 1e-15 * fabs(values[i]))
                fprintf(stderr, "  csv wrote %.*s for %.17g, which reads back "
                                "as %.17g\n",
                        (int)(end - p - 1), p + 1, values[i], back);
            p = strchr(p + 1, '\n');
        }
        free(out);
    }
    out = render(t, FDI_FORMAT_JSON);
    CHECK(out != NULL);
    if (out) {
        char *p = out;
        for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
            double back;
            p = strstr(p, "\"v\": ");
            CHECK(p != NULL);
            if (!p)
                break;
            p += 5;
            back = strtod(p, NULL);
            CHECK_NEAR(back, values[i], 1e-15);
            if (fabs(back - values[i]) > 1e-15 * fabs(values[i]))
                fprintf(stderr, "  json wrote a number for %.17g that reads back "
                                "as %.17g\n",
                        values[i], back);
        }
        free(out);
    }
    fdi_table_destroy(t);
}

static void test_write_json(void)
{
    fdi_table *t = make_table();
    char *out, line[512];
    if (!t)
        return;
    /* an infinity is no JSON number */
    fdi_table_set_num(t, 5, C_MULT, (double)INFINITY);
    out = render(t, FDI_FORMAT_JSON);
    CHECK(out != NULL);
    if (!out) {
        fdi_table_destroy(t);
        return;
    }

    CHECK(out[0] == '[');
    CHECK_HAS(out, "]\n");
    CHECK_HAS(out, "{\"name\": \"Samsung\", \"amount\": 2729.86, \"multiple\": 6.2, "
                   "\"share\": 151.7, \"growth\": 51.7, \"projects\": 9}");
    CHECK_HAS(out, "{\"name\": \"LG, Display\", \"amount\": -1305.75, "
                   "\"multiple\": null, \"share\": null, \"growth\": -12.3, "
                   "\"projects\": 3}");
    /* " and newline escaped */
    CHECK_HAS(out, "\"name\": \"He said \\\"hi\\\"\\nthen left\"");
    /* the all-missing row: text and numbers are null, infinity too */
    CHECK_HAS(out, "{\"name\": null, \"amount\": null, \"multiple\": null, "
                   "\"share\": null, \"growth\": null, \"projects\": null}");
    line_with(out, "\"sum\"", line, sizeof line);
    CHECK_HAS(line, "\"amount\": 500,");
    CHECK(strstr(out, "nan") == NULL);
    CHECK(strstr(out, "inf") == NULL);
    CHECK(strstr(out, "NaN") == NULL);
    /* seven objects */
    {
        int objects = 0;
        for (const char *p = out; (p = strchr(p, '{')) != NULL; p++)
            objects++;
        CHECK_INT(objects, 7);
    }
    free(out);
    fdi_table_destroy(t);

    /* backslash and other control characters */
    t = fdi_table_create();
    if (!t)
        return;
    fdi_table_add_column(t, "path", FDI_COL_TEXT);
    fdi_table_set_text(t, fdi_table_add_row(t), 0, "C:\\fdi\tx\r");
    out = render(t, FDI_FORMAT_JSON);
    CHECK_HAS(out, "\"C:\\\\fdi\\u0009x\\u000d\"");
    free(out);
    fdi_table_destroy(t);
}

static void test_empty(void)
{
    fdi_table *t = fdi_table_create();
    char *out;
    if (!t)
        return;
    fdi_table_add_column(t, "a", FDI_COL_AMOUNT);
    fdi_table_add_column(t, "b, c", FDI_COL_TEXT);
    CHECK_INT(fdi_table_nrows(t), 0);
    out = render(t, FDI_FORMAT_JSON);
    CHECK_STR(out, "[]\n");
    free(out);
    out = render(t, FDI_FORMAT_CSV);
    CHECK_STR(out, "a,\"b, c\"\n");
    free(out);
    out = render(t, FDI_FORMAT_TABLE);
    CHECK_HAS(out, "a  b, c");
    free(out);
    fdi_table_destroy(t);
}

/* Rows reserved at once, and a text set again in the next row of its
 * column (kept once, issue 15): every cell still reads back as set, and a
 * different text after it is its own. */
static void test_reserve_and_shared_text(void)
{
    fdi_table *t = fdi_table_create();
    CHECK(t != NULL);
    CHECK_INT(fdi_table_add_column(t, "period", FDI_COL_TEXT), 0);
    CHECK_INT(fdi_table_add_column(t, "ytd", FDI_COL_AMOUNT), 1);
    CHECK_INT(fdi_table_reserve(t, 1000), 0);
    CHECK_INT(fdi_table_nrows(t), 0);
    for (long r = 0; r < 1000; r++) {
        CHECK_INT(fdi_table_add_row(t), r);
        fdi_table_set_text(t, r, 0, r < 600 ? "2016-01" : r == 600 ? "" : "2016-02");
        fdi_table_set_num(t, r, 1, (double)r);
    }
    CHECK_INT(fdi_table_add_row(t), 1000); /* past the reservation: grows */
    CHECK_STR(fdi_table_text(t, 0, 0), "2016-01");
    CHECK_STR(fdi_table_text(t, 599, 0), "2016-01");
    CHECK_STR(fdi_table_text(t, 600, 0), "");
    CHECK_STR(fdi_table_text(t, 601, 0), "2016-02");
    CHECK_STR(fdi_table_text(t, 999, 0), "2016-02");
    CHECK(fdi_table_text(t, 1000, 0) == NULL);
    CHECK(fdi_table_num(t, 999, 1) == 999.0);
    /* the same text in two rows is one copy (the pointers agree), a
     * different text a new one */
    CHECK(fdi_table_text(t, 0, 0) == fdi_table_text(t, 599, 0));
    CHECK(fdi_table_text(t, 599, 0) != fdi_table_text(t, 601, 0));
    fdi_table_destroy(t);
}

/* A column added after rows were reserved (and before any row was added)
 * gets its cells for the reserved rows then, so that setting a number in
 * it cannot fail as table.h promises (it used to make them on the first
 * set, an allocation that could fail there); every cell reads back. */
static void test_column_after_reserve(void)
{
    fdi_table *t = fdi_table_create();
    CHECK(t != NULL);
    CHECK_INT(fdi_table_add_column(t, "series", FDI_COL_TEXT), 0);
    CHECK_INT(fdi_table_reserve(t, 10), 0);
    CHECK_INT(fdi_table_add_column(t, "ytd", FDI_COL_AMOUNT), 1);
    CHECK_INT(fdi_table_add_column(t, "note", FDI_COL_TEXT), 2);
    for (long r = 0; r < 10; r++) {
        CHECK_INT(fdi_table_add_row(t), r);
        fdi_table_set_num(t, r, 1, 1.5 * (double)r);
        fdi_table_set_text(t, r, 2, r % 2 ? "odd" : "even");
    }
    CHECK(fdi_table_num(t, 9, 1) == 13.5);
    CHECK_STR(fdi_table_text(t, 3, 2), "odd");
    fdi_table_destroy(t);
}

int main(void)
{
    test_cells();
    test_many_rows();
    test_format_amount();
    test_write_table();
    test_write_table_alignment();
    test_write_csv();
    test_csv_round_trip();
    test_write_json();
    test_empty();
    test_reserve_and_shared_text();
    test_column_after_reserve();
    return check_report("test_table");
}
