/* test_ingest.c - every kind of input mess in DESIGN.md, on the real files
 * in datasets/ and on the hand-made cases in datasets/cases/.
 *
 * Expected figures come from datasets/SOURCES.md (official totals) or are
 * hand calculations written next to the check. */
#include "check.h"
#include "fdi/fdi.h"
#include "ingest/test_switches.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DATA(p) FDI_SOURCE_DIR "/datasets/" p

static fdi_frame *load(const char *path, fdi_ingest_options o)
{
    fdi_frame *f = NULL;
    fdi_error err;
    fdi_status st;
    o.path = path;
    st = fdi_ingest_csv(&o, &f, &err);
    if (st != FDI_OK) {
        char buf[700];
        fdi_error_format(&err, buf, sizeof buf);
        fprintf(stderr, "load %s: %s\n", path, buf);
    }
    CHECK_INT(st, FDI_OK);
    return f;
}

static fdi_status load_mem(const char *text, fdi_ingest_options o, fdi_frame **f,
                           fdi_error *err)
{
    return fdi_ingest_buffer(text, strlen(text), "mem.csv", &o, f, err);
}

static void check_accounting(const fdi_frame *f)
{
    const fdi_ingest_stats *s = fdi_frame_stats(f);
    CHECK_INT(s->rows_read, s->rows_used + s->rows_rejected);
}

/* Sum of the observations of measure m (by label) and period p. */
static double sum_obs(const fdi_frame *f, const char *measure, int32_t period)
{
    size_t md = fdi_frame_ndims(f) - 1;
    double s = 0;
    for (size_t i = 0; i < fdi_frame_nobs(f); i++) {
        const uint32_t *k = fdi_frame_series_keys(f, fdi_frame_obs_series(f)[i]);
        if (fdi_frame_obs_period(f)[i] != period)
            continue;
        if (measure && strcmp(fdi_frame_label(f, md, k[md]), measure) != 0)
            continue;
        s += fdi_frame_obs_value(f)[i];
    }
    return s;
}

/* The value of the series whose first key is `key` and measure `measure`. */
static double value_of(const fdi_frame *f, const char *key, const char *measure,
                       int32_t period, int *found)
{
    size_t md = fdi_frame_ndims(f) - 1;
    *found = 0;
    for (size_t i = 0; i < fdi_frame_nobs(f); i++) {
        const uint32_t *k = fdi_frame_series_keys(f, fdi_frame_obs_series(f)[i]);
        if (fdi_frame_obs_period(f)[i] == period &&
            strcmp(fdi_frame_label(f, 0, k[0]), key) == 0 &&
            strcmp(fdi_frame_label(f, md, k[md]), measure) == 0) {
            (*found)++;
            return fdi_frame_obs_value(f)[i];
        }
    }
    return NAN;
}

#define YEAR(y) ((int32_t)((y) * 12 + 11))
#define MONTH(y, m) ((int32_t)((y) * 12 + (m) - 1))

static const char *const NEW_CAP = "Newly registered capital (million USD)";
static const char *const ADJ_CAP = "Adjusted capital (million USD)";
static const char *const CONTRIB =
    "Value of capital contribution, share purchase (million USD)";

/* BOM, quoted header with a newline, padding, quoted thousands,
 * parentheses, annual periods; the official totals of SOURCES.md. */
static void test_provinces(void)
{
    fdi_frame *f = load(DATA("vietnam/fdi_provinces_en.csv"), fdi_ingest_options_default());
    int found;
    if (!f)
        return;
    CHECK_STR(fdi_frame_column_name(f, 0), "Order"); /* the BOM is gone */
    CHECK_STR(fdi_frame_column_name(f, 7), CONTRIB); /* newline in the header */
    CHECK_HAS(fdi_frame_column_role(f, 0), "ignored: row number");
    CHECK_STR(fdi_frame_layout(f), "wide");
    CHECK_INT(fdi_frame_freq(f), 1);
    CHECK_INT(fdi_frame_stats(f)->rows_read, 460);
    CHECK_INT(fdi_frame_stats(f)->rows_rejected, 0);
    check_accounting(f);
    /* SOURCES.md: 2015 new 15,577.8 + adjusted 7,180.0 = 22,757.8 */
    CHECK_NEAR(sum_obs(f, NEW_CAP, YEAR(2015)), 15577.8, 1e-12);
    CHECK_NEAR(sum_obs(f, ADJ_CAP, YEAR(2015)), 7180.0, 1e-12);
    CHECK_NEAR(sum_obs(f, CONTRIB, YEAR(2015)), 0.0, 1e-12); /* none in 2015 */
    /* 2016: 15,182.2 + 5,765.1 + 3,425.3 = 24,372.6 */
    CHECK_NEAR(sum_obs(f, NEW_CAP, YEAR(2016)) + sum_obs(f, ADJ_CAP, YEAR(2016)) +
                   sum_obs(f, CONTRIB, YEAR(2016)),
               24372.63, 1e-12);
    /* Hai Phong rows of SOURCES.md, quoted thousands in 2018 */
    CHECK_NEAR(value_of(f, "Hai Phong", NEW_CAP, YEAR(2016), &found), 2464.32, 1e-15);
    CHECK_NEAR(value_of(f, "Hai Phong", ADJ_CAP, YEAR(2018), &found), 1829.64, 1e-15);
    /* "  Hai Phong  " in 2021 is the same key as "Hai Phong" */
    CHECK_NEAR(value_of(f, "Hai Phong", ADJ_CAP, YEAR(2021), &found), 2727.59, 1e-15);
    CHECK_INT(found, 1);
    /* (28.99) is negative */
    CHECK_NEAR(value_of(f, "Kien Giang", ADJ_CAP, YEAR(2017), &found), -28.99, 1e-15);
    fdi_frame_destroy(f);
}

/* The same file with Vietnamese names and headers. */
static void test_provinces_vi(void)
{
    fdi_frame *f = load(DATA("vietnam/fdi_provinces_vi.csv"), fdi_ingest_options_default());
    int found;
    if (!f)
        return;
    CHECK_INT(fdi_frame_stats(f)->rows_rejected, 0);
    CHECK_STR(fdi_frame_dim_name(f, 0), "\xC4\x90\xE1\xBB\x91i t\xC3\xA1" "c");
    CHECK_NEAR(value_of(f, "H\xE1\xBA\xA3i Ph\xC3\xB2ng",
                        "V\xE1\xBB\x91n \xC4\x91\xC4\x83ng k\xC3\xBD c\xE1\xBA\xA5p m\xE1\xBB\x9Bi (tri\xE1\xBB\x87u USD)",
                        YEAR(2015), &found),
               573.1, 1e-15);
    fdi_frame_destroy(f);
}

/* Metadata lines before the header, years as columns, trailing empty
 * column, negatives; SOURCES.md: 9,447 values, Vietnam 2014 9.2 bn,
 * 2015 11.8 bn. */
static void test_worldbank(void)
{
    fdi_frame *f = load(DATA("worldbank/API_BX.KLT.DINV.CD.WD_DS2_en_csv_v2.csv"),
                        fdi_ingest_options_default());
    int found;
    if (!f)
        return;
    CHECK_STR(fdi_frame_layout(f), "periods-as-columns");
    CHECK_INT(fdi_frame_stats(f)->header_line, 5);
    CHECK_INT(fdi_frame_stats(f)->skipped_lines, 4);
    CHECK_INT(fdi_frame_stats(f)->rows_read, 264);
    CHECK_INT(fdi_frame_stats(f)->rows_rejected, 0);
    CHECK_INT(fdi_frame_nobs(f), 9447);
    CHECK_HAS(fdi_frame_column_role(f, 61), "ignored: no name");
    CHECK_NEAR(value_of(f, "Vietnam", "value", YEAR(2014), &found), 9.2e9, 1e-15);
    CHECK_NEAR(value_of(f, "Vietnam", "value", YEAR(2015), &found), 11.8e9, 1e-15);
    CHECK_NEAR(value_of(f, "Aruba", "value", YEAR(1992), &found), -36983240.2234637, 1e-15);
    fdi_frame_destroy(f);
}

/* An explicit --skip gives the same frame as detection. */
static void test_skip(void)
{
    fdi_ingest_options o = fdi_ingest_options_default();
    fdi_frame *f;
    o.skip = 4;
    f = load(DATA("worldbank/API_BX.KLT.DINV.CD.WD_DS2_en_csv_v2.csv"), o);
    if (!f)
        return;
    CHECK_INT(fdi_frame_stats(f)->header_line, 5);
    CHECK_INT(fdi_frame_nobs(f), 9447);
    fdi_frame_destroy(f);
}

/* CRLF line ends, month-end dates, attribute columns; SOURCES.md year sums
 * 2022 = 22,396 and 2025 = 27,622. */
static void test_disbursed_crlf(void)
{
    fdi_frame *f = load(DATA("vietnam/fdi_disbursed.csv"), fdi_ingest_options_default());
    double y2022 = 0, y2025 = 0;
    if (!f)
        return;
    CHECK_INT(fdi_frame_nobs(f), 59);
    CHECK_INT(fdi_frame_nseries(f), 1);
    CHECK_STR(fdi_frame_column_name(f, 5), "vintage_date"); /* no \r left */
    /* the unit column says what the values are: a key (it was ignored as
     * an attribute, and the report said "USD" of anything) */
    CHECK_STR(fdi_frame_column_role(f, 2), "key");
    CHECK_INT(fdi_frame_unit_dim(f), 0);
    CHECK_STR(fdi_frame_label(f, 0, 0), "tri\xE1\xBB\x87u USD");
    CHECK_HAS(fdi_frame_column_role(f, 3), "ignored: attribute");
    for (int m = 1; m <= 12; m++) {
        y2022 += sum_obs(f, "value", MONTH(2022, m));
        y2025 += sum_obs(f, "value", MONTH(2025, m));
    }
    CHECK_NEAR(y2022, 22396, 1e-12);
    CHECK_NEAR(y2025, 27622, 1e-12);
    fdi_frame_destroy(f);
}

/* Year-to-date input with gaps: the cumulative figures are kept as read. */
static void test_registered_ytd(void)
{
    fdi_ingest_options o = fdi_ingest_options_default();
    fdi_frame *f;
    int found;
    o.ytd = 1;
    f = load(DATA("vietnam/fdi_registered_ytd.csv"), o);
    if (!f)
        return;
    CHECK(fdi_frame_is_ytd(f));
    CHECK_INT(fdi_frame_nobs(f), 78);
    CHECK_NEAR(value_of(f, "tri\xE1\xBB\x87u USD", "value", MONTH(2024, 12), &found), 19731.0,
               1e-4);
    fdi_frame_destroy(f);
}

/* Every date form, in one column. */
static void test_date_forms(void)
{
    fdi_frame *f = load(DATA("cases/date_forms.csv"), fdi_ingest_options_default());
    if (!f)
        return;
    CHECK_INT(fdi_frame_stats(f)->rows_rejected, 0);
    for (int m = 1; m <= 12; m++)
        CHECK_NEAR(sum_obs(f, "value", MONTH(2019, m)), m, 0);
    fdi_frame_destroy(f);
}

/* Decimal comma, ';' delimiter, thousands dot in quotes, '-' for zero. */
static void test_decimal_comma(void)
{
    fdi_ingest_options o = fdi_ingest_options_default();
    fdi_frame *f;
    o.number.decimal = ',';
    o.number.thousands = '.';
    f = load(DATA("cases/decimal_comma.csv"), o);
    if (!f)
        return;
    CHECK_INT(fdi_frame_stats(f)->rows_rejected, 0);
    CHECK_NEAR(sum_obs(f, NULL, MONTH(2016, 3)), 2.432, 1e-15);
    CHECK_NEAR(sum_obs(f, NULL, MONTH(2016, 1)), 0.125, 1e-15);
    CHECK_NEAR(sum_obs(f, NULL, MONTH(2017, 1)), 1250.75, 1e-15);
    CHECK_NEAR(sum_obs(f, NULL, MONTH(2017, 2)), 0.0, 0); /* "-" */
    CHECK_INT(fdi_frame_nobs(f), 5);
    fdi_frame_destroy(f);
}

/* The same file without --decimal: "2,432" is a bad thousands group,
 * rejected with a hint, never read as 2432 or 0. */
static void test_decimal_comma_without_option(void)
{
    fdi_ingest_options o = fdi_ingest_options_default();
    fdi_frame *f;
    o.delimiter = ';';
    o.lenient = FDI_LENIENT; /* the rejections are what is looked at */
    f = load(DATA("cases/decimal_comma.csv"), o);
    if (!f)
        return;
    /* 0,125 ("0" cannot lead a thousands group), 1,5 and "1.250,75" fail
     * with a hint; 2,432 is a valid thousands grouping and reads 2432: the
     * ambiguity DESIGN.md warns of, which only --decimal , can settle. */
    CHECK_INT(fdi_frame_stats(f)->rows_rejected, 3);
    CHECK_INT(fdi_frame_stats(f)->rows_used, 2);
    if (fdi_frame_nrejections(f) < 2) {
        fdi_frame_destroy(f);
        return;
    }
    CHECK_HAS(fdi_frame_rejection(f, 0)->message, "--decimal ,");
    CHECK_INT(fdi_frame_rejection(f, 0)->line, 2);
    CHECK_INT(fdi_frame_rejection(f, 0)->column, 3);
    CHECK_HAS(fdi_frame_rejection(f, 1)->message, "--decimal ,");
    CHECK_NEAR(sum_obs(f, NULL, MONTH(2016, 3)), 2432, 0);
    check_accounting(f);
    fdi_frame_destroy(f);
}

/* One rejection per reason, each with line, column and message. */
static void test_bad_rows(void)
{
    fdi_ingest_options o = fdi_ingest_options_default();
    o.lenient = FDI_LENIENT; /* read on: every rejection is looked at */
    fdi_frame *f = load(DATA("cases/bad_rows.csv"), o);
    static const struct {
        size_t line, column;
        const char *text;
    } want[] = {
        {3, 0, "the row has 4 fields, the header has 3"},
        {4, 1, "month out of range 1..12 (found \"2016-13\")"},
        {5, 1, "empty period"},
        {6, 3, "expected a number"},
        {7, 3, "exactly three digits"},
        {9, 0, "the row has 2 fields"},
        {10, 3, "(found \"12%\")"},
    };
    if (!f)
        return;
    CHECK_INT(fdi_frame_stats(f)->rows_read, 10);
    CHECK_INT(fdi_frame_stats(f)->rows_used, 3);
    CHECK_INT(fdi_frame_stats(f)->rows_rejected, 7);
    CHECK_INT(fdi_frame_nrejections(f), 7);
    check_accounting(f);
    for (size_t i = 0; i < sizeof want / sizeof want[0] && i < fdi_frame_nrejections(f); i++) {
        const fdi_rejection *r = fdi_frame_rejection(f, i);
        CHECK_INT(r->line, want[i].line);
        CHECK_INT(r->column, want[i].column);
        CHECK_HAS(r->message, want[i].text);
    }
    /* the good rows: 10, (7) = -7, 9 */
    CHECK_NEAR(sum_obs(f, "value", MONTH(2016, 1)), 10, 0);
    CHECK_NEAR(sum_obs(f, "value", MONTH(2016, 6)), -7, 0);
    CHECK_NEAR(sum_obs(f, "value", MONTH(2016, 9)), 9, 0);
    CHECK_INT(fdi_frame_nobs(f), 3);
    fdi_frame_destroy(f);
}

static void test_unterminated_quote(void)
{
    fdi_ingest_options o = fdi_ingest_options_default();
    fdi_frame *f = NULL;
    fdi_error err;
    o.path = DATA("cases/unterminated_quote.csv");
    CHECK_INT(fdi_ingest_csv(&o, &f, &err), FDI_EPARSE);
    CHECK(f == NULL);
    CHECK_INT(err.line, 3);
    CHECK_HAS(err.message, "never closed");
}

/* text read as a buffer with key "area" and value "value", through the
 * splitter or (libcsv_only) libcsv alone */
static fdi_status load_area_value(const char *text, int libcsv_only, fdi_frame **f,
                                  fdi_error *err)
{
    fdi_ingest_options o = fdi_ingest_options_default();
    o.key_cols = "area";
    o.value_cols = "value";
    fdi__ingest_test_switches.libcsv_only = libcsv_only;
    fdi_status st = load_mem(text, o, f, err);
    fdi__ingest_test_switches.libcsv_only = 0;
    return st;
}

/* The line each record starts on, and an open quote at the end, known
 * without libcsv's private state (engine/ingest/csv_track.h): a quoted
 * field over three lines, a blank line, a line of blanks, a lone \r line
 * end, a last line without a line end; expected lines counted by hand.
 * Read as a buffer (libcsv for the held records, then the splitter) and
 * with libcsv alone, comma- and tab-separated. */
static void test_record_lines(void)
{
    static const char *const text[2] = {
        "period,area,note,value\n"         /* 1 */
        "2016-01,a,\"two\nmore\nlines\",1\n" /* 2-4 */
        "\n"                               /* 5 */
        "   \n"                            /* 6 */
        "2016-02,b,x,2\r"                  /* 7 */
        "2016-03 , c ,\"\",3",             /* 8 */
        "period\tarea\tnote\tvalue\n"
        "2016-01\ta\t\"two\nmore\nlines\"\t1\n"
        "\n"
        "   \n"
        "2016-02\tb\tx\t2\r"
        "2016-03\tc\t\"\"\t3"};
    static const uint32_t want[3] = {2, 7, 8};
    for (int libcsv_only = 0; libcsv_only < 2; libcsv_only++)
        for (int tab = 0; tab < 2; tab++) {
            fdi_frame *f = NULL;
            fdi_error err;
            CHECK_INT(load_area_value(text[tab], libcsv_only, &f, &err), FDI_OK);
            if (!f)
                continue;
            CHECK_INT(fdi_frame_nobs(f), 3);
            const uint32_t *line = fdi_frame_obs_line(f);
            for (size_t i = 0; i < 3 && i < fdi_frame_nobs(f); i++)
                CHECK_INT(line[i], want[i]);
            fdi_frame_destroy(f);
        }
    /* a quote open at the end, on line 3 in its fourth field; a stray quote
     * inside an unquoted last field is a character, not an open quote */
    static const struct {
        const char *text;
        fdi_status st;
    } end[] = {
        {"period,area,note,value\n2016-01,a,x,1\n2016-02,b,\"open\n,2", FDI_EPARSE},
        {"period,area,note,value\n2016-01,a,x,1\n2016-02,b,\"open", FDI_EPARSE},
        {"period,area,note,value\n2016-01,a,x,1\n2016-02,b,5\",2", FDI_OK},
        {"period,area,note,value\n2016-01,a,x,1\n2016-02,b,\"shut\",2", FDI_OK},
    };
    for (int libcsv_only = 0; libcsv_only < 2; libcsv_only++)
        for (size_t k = 0; k < sizeof end / sizeof *end; k++) {
            fdi_frame *f = NULL;
            fdi_error err;
            CHECK_INT(load_area_value(end[k].text, libcsv_only, &f, &err), end[k].st);
            if (end[k].st == FDI_EPARSE) {
                CHECK_INT(err.line, 3);
                CHECK_INT(err.column, 3);
                CHECK_HAS(err.message, "never closed");
            } else if (f) {
                CHECK_INT(fdi_frame_nobs(f), 2);
            }
            fdi_frame_destroy(f);
        }
}

/* Long data: measure names in a column. */
static void test_long_layout(void)
{
    fdi_ingest_options o = fdi_ingest_options_default();
    fdi_frame *f;
    o.measure_col = "measure";
    o.value_col = "value";
    f = load(DATA("cases/long_layout.csv"), o);
    if (!f)
        return;
    CHECK_STR(fdi_frame_layout(f), "long");
    CHECK_INT(fdi_frame_ndims(f), 2); /* province, measure */
    CHECK_INT(fdi_frame_nseries(f), 2);
    CHECK_NEAR(sum_obs(f, "adjusted", MONTH(2016, 2)), -5, 0);
    CHECK_NEAR(sum_obs(f, "new", MONTH(2016, 1)), 100, 0);
    fdi_frame_destroy(f);
}

static void test_scale_and_columns(void)
{
    fdi_ingest_options o = fdi_ingest_options_default();
    fdi_frame *f = NULL;
    fdi_error err;
    o.scale = 1e-6;
    o.value_cols = "value_usd_m";
    o.key_cols = "area,flow";
    f = load(DATA("haiphong/haiphong_fdi.csv"), o);
    if (f) {
        CHECK_INT(fdi_frame_nlabels(f, 2), 1); /* projects not read */
        CHECK_HAS(fdi_frame_column_role(f, 4), "ignored");
        fdi_frame_destroy(f);
    }
    /* a column that is not there: the message lists the columns */
    o.value_cols = "capital";
    o.path = DATA("haiphong/haiphong_fdi.csv");
    CHECK_INT(fdi_ingest_csv(&o, &f, &err), FDI_ESCHEMA);
    CHECK_HAS(err.message, "--value \"capital\" matches no column");
    CHECK_HAS(err.message, "\"value_usd_m\"");
    /* ambiguous part of a name */
    o.value_cols = "p";
    CHECK_INT(fdi_ingest_csv(&o, &f, &err), FDI_ESCHEMA);
    CHECK_HAS(err.message, "more than one column");
}

/* In-memory edge cases: each rejection path and its accounting (read
 * leniently; test_strict checks what a strict read makes of them). */
static void test_memory_cases(void)
{
    fdi_ingest_options o = fdi_ingest_options_default();
    fdi_frame *f = NULL;
    fdi_error err;
    o.lenient = FDI_LENIENT;

    CHECK_INT(load_mem("", o, &f, &err), FDI_EPARSE);
    CHECK_HAS(err.message, "empty");
    CHECK_INT(load_mem("province,value\nA,1\n", o, &f, &err), FDI_ESCHEMA);
    CHECK_HAS(err.message, "no period column");
    CHECK_HAS(err.message, "--period");
    /* a quarterly row in monthly data */
    CHECK_INT(load_mem("date,v\n2016-01,1\n2016Q2,2\n2016-03,3\n", o, &f, &err), FDI_OK);
    if (f) {
        CHECK_INT(fdi_frame_stats(f)->rows_rejected, 1);
        CHECK_HAS(fdi_frame_rejection(f, 0)->message, "quarterly period in monthly data");
        check_accounting(f);
        fdi_frame_destroy(f);
    }
    /* two bad cells in one row: one rejection that says so */
    CHECK_INT(load_mem("date,a,b\n2016-01,x,y\n2016-02,1,2\n2016-03,3,4\n2016-04,5,6\n", o,
                       &f, &err),
              FDI_OK);
    if (f) {
        CHECK_INT(fdi_frame_stats(f)->rows_rejected, 1);
        CHECK_HAS(fdi_frame_rejection(f, 0)->message, "and 1 more cells");
        fdi_frame_destroy(f);
    }
    /* empty cells are missing, not zero */
    CHECK_INT(load_mem("date,k,v\n2016-01,A,\n2016-02,A,NA\n2016-03,A,0\n", o, &f, &err),
              FDI_OK);
    if (f) {
        CHECK_INT(fdi_frame_nobs(f), 1);
        CHECK_INT(fdi_frame_stats(f)->cells_missing, 2);
        fdi_frame_destroy(f);
    }
    /* no trailing newline, extra empty field; a quoted newline inside a
     * key is a control character in it: that row rejected, the line of the
     * next one right */
    CHECK_INT(load_mem("date,k,v\n2016-01,\"A\nB\",1,\n2016-02,C,2", o, &f, &err), FDI_OK);
    if (f) {
        CHECK_INT(fdi_frame_nobs(f), 1);
        CHECK_INT(fdi_frame_stats(f)->rows_rejected, 1);
        CHECK_HAS(fdi_frame_rejection(f, 0)->message, "a control character (byte 0x0A)");
        CHECK_INT(fdi_frame_rejection(f, 0)->line, 2);
        CHECK_INT(fdi_frame_rejection(f, 0)->column, 2);
        CHECK_STR(fdi_frame_label(f, 0, 0), "C");
        CHECK_INT(fdi_frame_obs_line(f)[0], 4); /* the record after it */
        fdi_frame_destroy(f);
    }
    /* tab-delimited, detected */
    CHECK_INT(load_mem("date\tk\tv\n2016-01\tA\t1.5\n", o, &f, &err), FDI_OK);
    if (f) {
        CHECK_NEAR(fdi_frame_obs_value(f)[0], 1.5, 0);
        fdi_frame_destroy(f);
    }
    /* --measure-col without --value-col */
    o.measure_col = "k";
    CHECK_INT(load_mem("date,k,v\n2016-01,A,1\n", o, &f, &err), FDI_EUSAGE);
    CHECK_HAS(err.message, "--value-col");
}

/* Strict reading, the default (issue 15 item 3.1): a rejected row fails
 * the call, naming the first FDI_STRICT_SHOWN as file:line:column and
 * counting the rest; --lenient reads on; a header naming a column twice
 * is an error; a file whose every row is rejected says so in both modes
 * (FDI_REPORT_ALL, fdi info's, still hands the frame over). */
static void test_strict(void)
{
    fdi_ingest_options o = fdi_ingest_options_default();
    fdi_frame *f = NULL;
    fdi_error err;
    o.path = DATA("cases/bad_rows.csv");
    CHECK_INT(fdi_ingest_csv(&o, &f, &err), FDI_EPARSE);
    CHECK(f == NULL);
    CHECK_HAS(err.message, "7 of 10 rows rejected (--lenient reads on without them)");
    CHECK_HAS(err.message, "bad_rows.csv:3: the row has 4 fields");
    CHECK_HAS(err.message, "bad_rows.csv:4:1: column \"period\": month out of range");
    CHECK_HAS(err.message, "bad_rows.csv:7:3: column \"value\"");
    CHECK_HAS(err.message, "and 2 more (fdi info");
    CHECK(strstr(err.message, "bad_rows.csv:9:") == NULL); /* the sixth: counted */
    /* every row rejected: said so, strict or lenient; info's mode reads it */
    const char *none = "date,v\n2016-13,1\n2099-02,2\n";
    CHECK_INT(load_mem(none, o, &f, &err), FDI_EPARSE);
    CHECK_HAS(err.message, "every row was rejected (2 of 2)");
    CHECK_HAS(err.message, "mem.csv:2:1: column \"date\": month out of range");
    CHECK_HAS(err.message, "mem.csv:3:1: column \"date\": a period in the future");
    CHECK(strstr(err.message, "more (fdi info") == NULL);
    o.lenient = FDI_LENIENT;
    CHECK_INT(load_mem(none, o, &f, &err), FDI_EPARSE);
    CHECK_HAS(err.message, "every row was rejected (2 of 2); the first:");
    o.lenient = FDI_REPORT_ALL;
    CHECK_INT(load_mem(none, o, &f, &err), FDI_OK);
    if (f)
        CHECK_INT(fdi_frame_stats(f)->rows_rejected, 2);
    fdi_frame_destroy(f);
    /* a header naming a column twice: strict fails at the second */
    const char *twice = "date,k,v,w,v\n2016-01,A,1,2,3\n";
    o.lenient = FDI_STRICT;
    CHECK_INT(load_mem(twice, o, &f, &err), FDI_EPARSE);
    CHECK_INT(err.line, 1);
    CHECK_INT(err.column, 5);
    CHECK_HAS(err.message, "names \"v\" twice (columns 3 and 5)");
    o.lenient = FDI_LENIENT;
    CHECK_INT(load_mem(twice, o, &f, &err), FDI_OK);
    fdi_frame_destroy(f);
    /* not UTF-8, or a control byte, in a key: line and column */
    o.lenient = FDI_STRICT;
    CHECK_INT(load_mem("date,k,v\n2016-01,A,1\n2016-02,H\xe0i,2\n", o, &f, &err), FDI_EPARSE);
    CHECK_HAS(err.message, "mem.csv:3:2: column \"k\": not UTF-8 (byte 0xE0 at byte 2");
    CHECK_INT(load_mem("date,k,v\n2016-01,\xc0\xaf" "A,1\n", o, &f, &err), FDI_EPARSE);
    CHECK_HAS(err.message, "not UTF-8 (byte 0xC0 at byte 1"); /* overlong '/' */
    CHECK_INT(load_mem("date,k,v\n2016-01,\xed\xa0\x80,1\n", o, &f, &err), FDI_EPARSE);
    CHECK_HAS(err.message, "not UTF-8 (byte 0xED"); /* a surrogate */
    CHECK_INT(load_mem("date,k,v\n2016-01,A\tB,1\n", o, &f, &err), FDI_EPARSE);
    CHECK_HAS(err.message, "mem.csv:2:2: column \"k\": a control character (byte 0x09)");
    CHECK_INT(load_mem("date,k,v\n2016-01,H\xe1\xba\xa3i Ph\xc3\xb2ng,1\n", o, &f, &err),
              FDI_OK);
    fdi_frame_destroy(f);
}

/* Keys (issue 15 item 3.5): an empty key cell is an error, not a blank
 * series name; so is one over 4,096 bytes (4,096 reads). */
static void test_key_limits(void)
{
    fdi_ingest_options o = fdi_ingest_options_default();
    fdi_frame *f = NULL;
    fdi_error err;
    CHECK_INT(load_mem("date,k,j,v\n2016-01,A,x,1\n2016-02, ,x,2\n", o, &f, &err), FDI_EPARSE);
    CHECK_HAS(err.message, "mem.csv:3:2: column \"k\": an empty key");
    o.lenient = FDI_LENIENT;
    CHECK_INT(load_mem("date,k,j,v\n2016-01,A,x,1\n2016-02,A,,2\n", o, &f, &err), FDI_OK);
    if (f) {
        CHECK_INT(fdi_frame_stats(f)->rows_rejected, 1);
        CHECK_INT(fdi_frame_rejection(f, 0)->column, 3);
        CHECK_INT(fdi_frame_nlabels(f, 1), 1); /* no "" label */
        check_accounting(f);
    }
    fdi_frame_destroy(f);
    size_t head = strlen("date,k,v\n2016-01,"), n = head + 4097 + 4;
    char *text = malloc(n + 1);
    if (!text)
        return;
    memcpy(text, "date,k,v\n2016-01,", head);
    memset(text + head, 'K', 4097);
    memcpy(text + head + 4097, ",1\n", 4);
    text[n] = '\0';
    o.lenient = FDI_STRICT;
    CHECK_INT(load_mem(text, o, &f, &err), FDI_EPARSE);
    CHECK_HAS(err.message, "mem.csv:2:2: column \"k\": a key of 4097 bytes (4096 at most)");
    memmove(text + head + 4096, text + head + 4097, 5); /* 4,096 bytes: read */
    CHECK_INT(load_mem(text, o, &f, &err), FDI_OK);
    if (f)
        CHECK_INT(strlen(fdi_frame_label(f, 0, 0)), 4096);
    fdi_frame_destroy(f);
    free(text);
}

/* Keys in Unicode NFC (issue 15 item 3.2): "Hải Phòng" precomposed and
 * with combining marks (NFD) is one key, one series, labelled in NFC;
 * ASCII keys are interned as they are. */
static void test_nfc_keys(void)
{
    fdi_ingest_options o = fdi_ingest_options_default();
    fdi_frame *f = NULL;
    fdi_error err;
    const char *nfc = "H\xe1\xba\xa3i Ph\xc3\xb2ng";   /* ả U+1EA3, ò U+00F2 */
    const char *nfd = "Ha\xcc\x89i Pho\xcc\x80ng";     /* a + U+0309, o + U+0300 */
    char text[256];
    snprintf(text, sizeof text, "date,province,v\n2016-01,%s,1\n2016-02,%s,2\n2016-03,%s,4\n"
             "2016-03,Ha Noi,8\n", nfc, nfd, nfc);
    CHECK_INT(load_mem(text, o, &f, &err), FDI_OK);
    if (!f)
        return;
    CHECK_INT(fdi_frame_nlabels(f, 0), 2);
    CHECK_INT(fdi_frame_nseries(f), 2);
    CHECK_STR(fdi_frame_label(f, 0, 0), nfc);
    CHECK_STR(fdi_frame_label(f, 0, 1), "Ha Noi");
    CHECK_NEAR(sum_obs(f, NULL, MONTH(2016, 2)), 2, 0); /* the NFD row, under the NFC key */
    fdi_frame_destroy(f);
    /* the NFD spelling first: the label is still NFC */
    snprintf(text, sizeof text, "date,province,v\n2016-01,%s,1\n2016-02,%s,2\n", nfd, nfc);
    CHECK_INT(load_mem(text, o, &f, &err), FDI_OK);
    if (f) {
        CHECK_INT(fdi_frame_nseries(f), 1);
        CHECK_STR(fdi_frame_label(f, 0, 0), nfc);
    }
    fdi_frame_destroy(f);
}

/* --encoding (issue 15 item 3.3): Latin-1 and Windows-1258 converted to
 * UTF-8 before parsing (cp1258's tone marks are combining characters: the
 * key is NFC, the same series as the UTF-8 spelling); without it, such a
 * key is an error naming line and column; a byte the code page lacks is an
 * error naming its line and byte column. */
static void test_encoding(void)
{
    fdi_ingest_options o = fdi_ingest_options_default();
    fdi_frame *f = NULL;
    fdi_error err;
    const char *latin1 = "date,city,v\n2016-01,S\xe3o Paulo,1\n";
    CHECK_INT(load_mem(latin1, o, &f, &err), FDI_EPARSE);
    CHECK_HAS(err.message, "mem.csv:2:2: column \"city\": not UTF-8 (byte 0xE3 at byte 2");
    CHECK_HAS(err.message, "--encoding latin1 or cp1258");
    o.encoding = "latin1";
    CHECK_INT(load_mem(latin1, o, &f, &err), FDI_OK);
    if (f)
        CHECK_STR(fdi_frame_label(f, 0, 0), "S\xc3\xa3o Paulo");
    fdi_frame_destroy(f);
    o.encoding = "cp1258"; /* Ha + hook above (0xD2) + i Pho + grave (0xCC) + ng */
    CHECK_INT(load_mem("date,province,v\n2016-01,Ha\xd2i Pho\xccng,1\n", o, &f, &err), FDI_OK);
    if (f)
        CHECK_STR(fdi_frame_label(f, 0, 0), "H\xe1\xba\xa3i Ph\xc3\xb2ng");
    fdi_frame_destroy(f);
    CHECK_INT(load_mem("date,province,v\n2016-01,A,1\n2016-02,B\x81,2\n", o, &f, &err),
              FDI_EPARSE);
    CHECK_INT(err.line, 3);
    CHECK_INT(err.column, 10);
    CHECK_HAS(err.message, "byte 0x81 is no character in cp1258");
    o.encoding = "ebcdic";
    CHECK_INT(load_mem(latin1, o, &f, &err), FDI_EUSAGE);
    CHECK(!fdi_encoding_known("ebcdic") && fdi_encoding_known("CP1258") &&
          fdi_encoding_known("utf-8"));
}

int main(void)
{
    test_provinces();
    test_provinces_vi();
    test_worldbank();
    test_skip();
    test_disbursed_crlf();
    test_registered_ytd();
    test_date_forms();
    test_decimal_comma();
    test_decimal_comma_without_option();
    test_bad_rows();
    test_unterminated_quote();
    test_record_lines();
    test_long_layout();
    test_scale_and_columns();
    test_memory_cases();
    test_strict();
    test_key_limits();
    test_nfc_keys();
    test_encoding();
    return check_report("test_ingest");
}
