#define _POSIX_C_SOURCE 200809L /* mkstemp, fdopen */
/* test_panel.c - the periods x series matrix: placement, year to date for
 * flows and for cumulative input, fiscal years, --by, --filter, duplicates.
 * Expected values are hand calculations from the small files in
 * datasets/cases/ and the published figures in datasets/SOURCES.md. */
#include "check.h"
#include "fdi/fdi.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DATA(p) FDI_SOURCE_DIR "/datasets/" p
#define MONTH(y, m) ((int32_t)((y) * 12 + (m) - 1))

static fdi_frame *load(const char *path, int ytd)
{
    fdi_ingest_options o = fdi_ingest_options_default();
    fdi_frame *f = NULL;
    fdi_error err;
    o.path = path;
    o.ytd = ytd;
    o.lenient = FDI_LENIENT; /* cases/bad_rows.csv: its rejected rows are the point */
    CHECK_INT(fdi_ingest_csv(&o, &f, &err), FDI_OK);
    return f;
}

static fdi_panel *build(const fdi_frame *f, fdi_panel_options o)
{
    fdi_panel *p = NULL;
    fdi_error err;
    fdi_status st = fdi_panel_build(f, &o, &p, &err);
    if (st != FDI_OK)
        fprintf(stderr, "panel: %s\n", err.message);
    CHECK_INT(st, FDI_OK);
    return p;
}

static double cum_at(const fdi_panel *p, int32_t month, size_t s)
{
    long t = fdi_panel_row(p, month);
    return t < 0 ? (double)NAN : fdi_panel_cum(p, (size_t)t)[s];
}

/* Year-to-date input with gaps: cumulative kept, flows by differencing. */
static void test_ytd_input(void)
{
    fdi_frame *f = load(DATA("vietnam/fdi_registered_ytd.csv"), 1);
    fdi_panel *p;
    long t;
    if (!f)
        return;
    p = build(f, fdi_panel_options_default());
    if (p) {
        CHECK(fdi_panel_is_ytd(p));
        CHECK_INT(fdi_panel_nseries(p), 1);
        /* the panel starts at the fiscal year of the first figure */
        CHECK_INT(fdi_panel_period(p, 0), MONTH(2019, 1));
        CHECK_NEAR(cum_at(p, MONTH(2024, 12), 0), 19731.0, 1e-4);
        CHECK(isnan(cum_at(p, MONTH(2019, 10), 0))); /* a published gap */
        /* January's flow is its cumulative figure */
        t = fdi_panel_row(p, MONTH(2020, 1));
        CHECK_NEAR(fdi_panel_flow(p, (size_t)t)[0], 4460.9, 1e-12);
        /* 2020-05 follows the missing 2020-04: no flow for it */
        t = fdi_panel_row(p, MONTH(2020, 5));
        CHECK(isnan(fdi_panel_flow(p, (size_t)t)[0]));
        /* 2020-02 - 2020-01 */
        t = fdi_panel_row(p, MONTH(2020, 2));
        CHECK_NEAR(fdi_panel_flow(p, (size_t)t)[0], 5003.691655999998 - 4460.9, 1e-12);
        fdi_panel_destroy(p);
    }
    fdi_frame_destroy(f);
}

/* Flows: the year-to-date kernel, with the missing periods counted. */
static void test_flow_ytd_and_gaps(void)
{
    fdi_frame *f = load(DATA("cases/bad_rows.csv"), 0); /* 2016: 10, -, ..., -7, ..., 9 */
    fdi_panel *p;
    fdi_panel_options o = fdi_panel_options_default();
    long t;
    if (!f)
        return;
    p = build(f, o);
    if (p) {
        t = fdi_panel_row(p, MONTH(2016, 9));
        CHECK_NEAR(fdi_panel_cum(p, (size_t)t)[0], 12.0, 0); /* 10 - 7 + 9 */
        CHECK_INT(fdi_panel_missing(p, (size_t)t)[0], 6);
        CHECK_INT(fdi_panel_position(p, (size_t)t), 9);
        fdi_panel_destroy(p);
    }
    o.fill_zero = 1;
    p = build(f, o);
    if (p) {
        t = fdi_panel_row(p, MONTH(2016, 9));
        CHECK_NEAR(fdi_panel_cum(p, (size_t)t)[0], 12.0, 0);
        CHECK_INT(fdi_panel_missing(p, (size_t)t)[0], 0);
        fdi_panel_destroy(p);
    }
    /* as-of beyond the data: the panel reaches it, the months are missing */
    o = fdi_panel_options_default();
    o.as_of = MONTH(2016, 12);
    p = build(f, o);
    if (p) {
        t = fdi_panel_row(p, MONTH(2016, 12));
        CHECK(t >= 0);
        if (t >= 0)
            CHECK_INT(fdi_panel_missing(p, (size_t)t)[0], 9);
        fdi_panel_destroy(p);
    }
    /* as-of before the last rows: later rows are ignored */
    o.as_of = MONTH(2016, 6);
    p = build(f, o);
    if (p) {
        CHECK_INT(fdi_panel_nperiods(p), 6);
        CHECK_NEAR(cum_at(p, MONTH(2016, 6), 0), 3.0, 0);
        fdi_panel_destroy(p);
    }
    fdi_frame_destroy(f);
}

/* April-March fiscal year (India): FY2023 = 2023-04..2024-03. */
static void test_fiscal_year(void)
{
    fdi_frame *f = load(DATA("cases/fiscal_april.csv"), 0);
    fdi_panel_options o = fdi_panel_options_default();
    fdi_panel *p;
    long t;
    if (!f)
        return;
    o.fy_start = 4;
    p = build(f, o);
    if (p) {
        /* 10 + 20 + 30 (Dec) + 40 (Jan) + 50 (Mar) = 150, 7 of 12 missing */
        t = fdi_panel_row(p, MONTH(2024, 3));
        CHECK_NEAR(fdi_panel_cum(p, (size_t)t)[0], 150.0, 0);
        CHECK_INT(fdi_panel_missing(p, (size_t)t)[0], 7);
        CHECK_INT(fdi_panel_position(p, (size_t)t), 12);
        /* a new fiscal year starts in April */
        t = fdi_panel_row(p, MONTH(2024, 5));
        CHECK_NEAR(fdi_panel_cum(p, (size_t)t)[0], 130.0, 0);
        CHECK_INT(fdi_panel_position(p, (size_t)t), 2);
        fdi_panel_destroy(p);
    }
    fdi_frame_destroy(f);
}

static void test_quarterly(void)
{
    fdi_frame *f = load(DATA("cases/quarterly.csv"), 0);
    fdi_panel_options o = fdi_panel_options_default();
    fdi_panel *p;
    fdi_error err;
    if (!f)
        return;
    CHECK_INT(fdi_frame_freq(f), 4);
    p = build(f, o);
    if (p) {
        CHECK_NEAR(cum_at(p, MONTH(2016, 9), 0), 12.0, 0);
        CHECK_NEAR(cum_at(p, MONTH(2015, 9), 0), 6.0, 0);
        CHECK_INT(fdi_panel_position(p, (size_t)fdi_panel_row(p, MONTH(2016, 9))), 3);
        fdi_panel_destroy(p);
    }
    o.fy_start = 2;
    CHECK_INT(fdi_panel_build(f, &o, &p, &err), FDI_EUSAGE);
    CHECK_HAS(err.message, "splits a quarter");
    fdi_frame_destroy(f);
}

/* The same series and period twice. */
static void test_duplicates(void)
{
    fdi_frame *f = load(DATA("cases/duplicate_month.csv"), 0); /* Feb: 20 then 25 */
    fdi_panel_options o = fdi_panel_options_default();
    fdi_panel *p = NULL;
    fdi_error err;
    static const struct {
        fdi_dedupe mode;
        double feb;
    } modes[] = {{FDI_DEDUPE_FIRST, 20}, {FDI_DEDUPE_LAST, 25}, {FDI_DEDUPE_SUM, 45}};
    if (!f)
        return;
    CHECK_INT(fdi_panel_build(f, &o, &p, &err), FDI_EDUP);
    CHECK(p == NULL);
    CHECK_HAS(err.message, "lines 3 and 4");
    CHECK_HAS(err.message, "2016-02");
    CHECK_HAS(err.message, "Hai Phong");
    CHECK_HAS(err.message, "--dedupe");
    CHECK_INT(err.line, 4);
    for (size_t i = 0; i < 3; i++) {
        o.dedupe = modes[i].mode;
        p = build(f, o);
        if (!p)
            continue;
        /* series 0 is Hai Phong */
        CHECK_NEAR(fdi_panel_flow(p, 1)[0], modes[i].feb, 0);
        CHECK_NEAR(cum_at(p, MONTH(2016, 3), 0), 10 + modes[i].feb + 30, 0);
        fdi_panel_destroy(p);
    }
    fdi_frame_destroy(f);
}

/* --by and --filter on the Hai Phong case (sums from its README). */
static void test_by_and_filter(void)
{
    fdi_frame *f = load(DATA("haiphong/haiphong_fdi.csv"), 0);
    fdi_panel_options o = fdi_panel_options_default();
    fdi_filter flt[3] = {{"flow", "new|adjusted"}, {"area", "hai phong economic zone"},
                         {"flow", "nothing"}};
    fdi_panel *p = NULL;
    fdi_error err;
    if (!f)
        return;
    o.filters = flt;
    o.nfilters = 2;
    o.by = "area";
    p = build(f, o);
    if (p) {
        /* one area, two measures (value_usd_m and projects: never summed) */
        CHECK_INT(fdi_panel_nseries(p), 2);
        CHECK_INT(fdi_panel_ndims(p), 1);
        CHECK_STR(fdi_panel_dim_name(p, 0), "area");
        CHECK_STR(fdi_panel_label(p, 0, 0), "Hai Phong Economic Zone");
        CHECK_STR(fdi_panel_measure(p, 0), "value_usd_m");
        CHECK_INT(fdi_panel_members(p, 0), 2);
        CHECK_NEAR(cum_at(p, MONTH(2016, 9), 0), 2729.86, 1e-12);
        CHECK_NEAR(cum_at(p, MONTH(2015, 9), 0), 440.00, 1e-12);
        CHECK_NEAR(cum_at(p, MONTH(2016, 9), 1), 42, 0); /* 21 + 21 projects */
        fdi_panel_destroy(p);
    }
    o.by = "none"; /* money and project counts: never added unless written */
    o.nfilters = 1;
    CHECK_INT(fdi_panel_build(f, &o, &p, &err), FDI_EUSAGE);
    CHECK(p == NULL);
    o.value_sums = "value_usd_m+projects";
    p = build(f, o);
    if (p) {
        CHECK_INT(fdi_panel_nseries(p), 1);
        CHECK_STR(fdi_panel_measure(p, 0), "value_usd_m+projects");
        fdi_panel_destroy(p);
    }
    o.value_sums = NULL;
    o.nfilters = 3; /* flow=nothing is OR-ed with flow=new|adjusted: fine */
    o.by = "area";
    p = build(f, o);
    CHECK(p != NULL);
    fdi_panel_destroy(p);
    flt[0].values = "nothing";
    o.nfilters = 1;
    CHECK_INT(fdi_panel_build(f, &o, &p, &err), FDI_EUSAGE);
    CHECK_HAS(err.message, "matches nothing");
    CHECK_HAS(err.message, "\"disbursed\"");
    flt[0].column = "partner";
    CHECK_INT(fdi_panel_build(f, &o, &p, &err), FDI_EUSAGE);
    CHECK_HAS(err.message, "no key column \"partner\"");
    o.nfilters = 0;
    o.by = "area,partner";
    CHECK_INT(fdi_panel_build(f, &o, &p, &err), FDI_EUSAGE);
    CHECK_HAS(err.message, "the keys are: area, flow, measure");
    o.by = NULL;
    o.as_of = MONTH(2010, 1);
    CHECK_INT(fdi_panel_build(f, &o, &p, &err), FDI_EOUTSIDE);
    CHECK_HAS(err.message, "--as-of 2010-01 is outside the data");
    /* issue 15 item 8: an --as-of in a year without any observation (it
     * gave a table of n/a with success) names the last one */
    o.as_of = MONTH(2018, 6);
    CHECK_INT(fdi_panel_build(f, &o, &p, &err), FDI_EOUTSIDE);
    CHECK_HAS(err.message, "no observation in its year up to it, the last is 2016-12");
    fdi_frame_destroy(f);
}

/* Two --filter on one key whose name is spelt in two cases beyond ASCII
 * ("Đối tác", "ĐỐI TÁC": one key, as fdi_frame_dim_find finds it) are
 * OR-ed, as on any one key, and as the streamed reading's passes() does.
 * Before, the filters were grouped by their names compared as strcasecmp
 * does (ASCII only): the two were AND-ed, and no series was left.  By
 * hand: partners Hà Nội (1 + 10) and Huế (2 + 20) kept, Đà Nẵng not. */
static void test_filter_same_key_two_spellings(void)
{
    static const char csv[] = "period,\xC4\x90\xE1\xBB\x91i t\xC3\xA1" "c,value\n"
                              "2020-01,H\xC3\xA0 N\xE1\xBB\x99i,1\n"
                              "2020-01,Hu\xE1\xBA\xBF,2\n"
                              "2020-01,\xC4\x90\xC3\xA0 N\xE1\xBA\xB5ng,4\n"
                              "2020-02,H\xC3\xA0 N\xE1\xBB\x99i,10\n"
                              "2020-02,Hu\xE1\xBA\xBF,20\n"
                              "2020-02,\xC4\x90\xC3\xA0 N\xE1\xBA\xB5ng,40\n";
    fdi_ingest_options io = fdi_ingest_options_default();
    fdi_panel_options o = fdi_panel_options_default();
    fdi_filter flt[2] = {{"\xC4\x90\xE1\xBB\x91i t\xC3\xA1" "c", "H\xC3\xA0 N\xE1\xBB\x99i"},
                         {"\xC4\x90\xE1\xBB\x90I T\xC3\x81" "C", "Hu\xE1\xBA\xBF"}};
    fdi_frame *f = NULL;
    fdi_error err;
    CHECK_INT(fdi_ingest_buffer(csv, sizeof csv - 1, "partners.csv", &io, &f, &err), FDI_OK);
    if (!f)
        return;
    o.filters = flt;
    o.nfilters = 2;
    fdi_panel *p = build(f, o);
    if (p) {
        CHECK_INT(fdi_panel_nseries(p), 2);
        double sum = 0;
        for (size_t s = 0; s < fdi_panel_nseries(p); s++)
            sum += cum_at(p, MONTH(2020, 2), s);
        CHECK_NEAR(sum, 33.0, 1e-12); /* 1 + 10 + 2 + 20 */
        fdi_panel_destroy(p);
    }
    fdi_frame_destroy(f);
}

/* fdi info's totals follow --by's keys named with case ignored beyond
 * ASCII, as the panel's --by finds them: "ĐỐI TÁC" keeps the key "Đối
 * tác" apart, so each partner's "Tổng số" row is compared with its two
 * sectors (by hand: 3 = 1 + 2 and 30 = 10 + 20 in each of 3 months, 6
 * rows, members' sums 99 in all, no difference).  Before, totals.c's
 * listed() compared names as strncasecmp does: the key counted as summed
 * away, both partners' totals fell in one group and none was compared. */
static void test_info_totals_by_beyond_ascii(void)
{
    static const char csv[] = "period,\xC4\x90\xE1\xBB\x91i t\xC3\xA1" "c,Ng\xC3\xA0nh,value\n"
                              "2020-01,A,X,1\n2020-01,A,Y,2\n2020-01,A,T\xE1\xBB\x95ng s\xE1\xBB\x91,3\n"
                              "2020-01,B,X,10\n2020-01,B,Y,20\n2020-01,B,T\xE1\xBB\x95ng s\xE1\xBB\x91,30\n"
                              "2020-02,A,X,1\n2020-02,A,Y,2\n2020-02,A,T\xE1\xBB\x95ng s\xE1\xBB\x91,3\n"
                              "2020-02,B,X,10\n2020-02,B,Y,20\n2020-02,B,T\xE1\xBB\x95ng s\xE1\xBB\x91,30\n"
                              "2020-03,A,X,1\n2020-03,A,Y,2\n2020-03,A,T\xE1\xBB\x95ng s\xE1\xBB\x91,3\n"
                              "2020-03,B,X,10\n2020-03,B,Y,20\n2020-03,B,T\xE1\xBB\x95ng s\xE1\xBB\x91,30\n";
    static const char *const by[2] = {"\xC4\x90\xE1\xBB\x91i t\xC3\xA1" "c",
                                      "\xC4\x90\xE1\xBB\x90I T\xC3\x81" "C"};
    fdi_ingest_options io = fdi_ingest_options_default();
    fdi_frame *f = NULL;
    fdi_error err;
    CHECK_INT(fdi_ingest_buffer(csv, sizeof csv - 1, "sectors.csv", &io, &f, &err), FDI_OK);
    for (int i = 0; f && i < 2; i++) {
        fdi_panel_options o = fdi_panel_options_default();
        fdi_table *t = NULL;
        o.by = by[i];
        CHECK_INT(fdi_info_totals(f, &o, &t, &err), FDI_OK);
        if (!t)
            continue;
        int sum = fdi_table_find_column(t, "members_sum"),
            diff = fdi_table_find_column(t, "difference");
        double all = 0, off = 0;
        for (long r = 0; sum >= 0 && diff >= 0 && r < (long)fdi_table_nrows(t); r++) {
            all += fdi_table_num(t, r, sum);
            off += fabs(fdi_table_num(t, r, diff));
        }
        CHECK_INT(fdi_table_nrows(t), 6);
        CHECK_NEAR(all, 99.0, 1e-12);
        CHECK_NEAR(off, 0.0, 0);
        fdi_table_destroy(t);
    }
    fdi_frame_destroy(f);
}

/* Issue 15 item 4, "never add different things": --by none over the Hai
 * Phong file (value_usd_m and projects) is refused, naming both measures
 * and the two ways out; --value "value_usd_m+projects" written by the user
 * is one measure "value_usd_m+projects" (the 6,225.12 the refusal
 * prevents: 3,229.86 + 42 + 2,865.26 + 88), also under --by area. */
static void test_never_add_measures(void)
{
    fdi_frame *f = load(DATA("haiphong/haiphong_fdi.csv"), 0);
    fdi_panel_options o = fdi_panel_options_default();
    fdi_panel *p = NULL;
    fdi_error err;
    if (!f)
        return;
    o.by = "none";
    CHECK_INT(fdi_panel_build(f, &o, &p, &err), FDI_EUSAGE);
    CHECK_HAS(err.message, "different measures");
    CHECK_HAS(err.message, "(value_usd_m, projects)");
    CHECK_HAS(err.message, "pick one with --value");
    CHECK_HAS(err.message, "--value \"value_usd_m+projects\"");
    o.value_sums = "value_usd_m + projects";
    p = build(f, o);
    if (p) {
        CHECK_INT(fdi_panel_nseries(p), 1);
        CHECK_STR(fdi_panel_measure(p, 0), "value_usd_m+projects");
        CHECK_NEAR(cum_at(p, MONTH(2016, 9), 0), 6225.12, 1e-9);
        fdi_panel_destroy(p);
    }
    o.by = "area"; /* the sum is one measure: one series per area */
    p = build(f, o);
    if (p) {
        CHECK_INT(fdi_panel_nseries(p), 2);
        CHECK_STR(fdi_panel_measure(p, 1), "value_usd_m+projects");
        CHECK_NEAR(cum_at(p, MONTH(2016, 9), 0), 3229.86 + 42, 1e-9);
        fdi_panel_destroy(p);
    }
    o.value_sums = "value_usd_m+value_usd_m";
    CHECK_INT(fdi_panel_build(f, &o, &p, &err), FDI_EUSAGE);
    CHECK_HAS(err.message, "\"value_usd_m\" is named twice");
    o.value_sums = "value_usd_m+";
    CHECK_INT(fdi_panel_build(f, &o, &p, &err), FDI_EUSAGE);
    CHECK_HAS(err.message, "empty");
    o.value_sums = "value_usd_m+area";
    CHECK_INT(fdi_panel_build(f, &o, &p, &err), FDI_EUSAGE);
    CHECK_HAS(err.message, "\"area\" is not a value column");
    o.value_sums = "value+proj"; /* parts of names, as ingest takes them */
    o.by = "none";
    p = build(f, o);
    if (p) {
        CHECK_STR(fdi_panel_measure(p, 0), "value_usd_m+projects");
        fdi_panel_destroy(p);
    }
    fdi_frame_destroy(f);
}

/* What --by summed away, named for every table (fdi_panel_summed): --by
 * area sums the flows; a key with one value among a group's members (the
 * filter left one flow) is not named. */
static void test_summed(void)
{
    fdi_frame *f = load(DATA("haiphong/haiphong_fdi.csv"), 0);
    fdi_panel_options o = fdi_panel_options_default();
    fdi_filter flt[1] = {{"flow", "disbursed"}};
    fdi_panel *p;
    if (!f)
        return;
    o.by = "area";
    p = build(f, o);
    if (p) {
        /* EZ value_usd_m, EZ projects, city value_usd_m, city projects */
        CHECK_STR(fdi_panel_summed(p, 0), "flow=new|adjusted|disbursed");
        CHECK_STR(fdi_panel_summed_note(p, 0), "sums flow: new, adjusted, disbursed");
        CHECK_STR(fdi_panel_summed(p, 1), "flow=new|adjusted"); /* no disbursed projects */
        CHECK_STR(fdi_panel_summed(p, 2), "flow=new|adjusted|contribution");
        fdi_panel_destroy(p);
    }
    o.filters = flt;
    o.nfilters = 1;
    p = build(f, o);
    if (p) {
        CHECK_STR(fdi_panel_summed(p, 0), "");
        CHECK_STR(fdi_panel_summed_note(p, 0), "");
        fdi_panel_destroy(p);
    }
    o.by = NULL; /* nothing summed */
    o.nfilters = 0;
    p = build(f, o);
    if (p) {
        for (size_t s = 0; s < fdi_panel_nseries(p); s++)
            CHECK_STR(fdi_panel_summed(p, s), "");
        fdi_panel_destroy(p);
    }
    o.by = "none";
    o.value_sums = "value_usd_m+projects";
    p = build(f, o);
    if (p) {
        CHECK_STR(fdi_panel_summed(p, 0), "area=Hai Phong Economic Zone|Hai Phong city; "
                                          "flow=new|adjusted|disbursed|contribution");
        CHECK_STR(fdi_panel_summed_note(p, 0),
                  "sums area: Hai Phong Economic Zone, Hai Phong city; "
                  "sums flow: new, adjusted, disbursed, contribution");
        fdi_panel_destroy(p);
    }
    fdi_frame_destroy(f);
}

/* Total rows: the World Bank file's "World" row is left out of a --by sum
 * over countries (the sum of the countries and aggregates is otherwise
 * counted twice over), kept by keep_totals, and kept when it is all the
 * group holds (--filter asked for it, or --by keeps its key). */
static void test_totals(void)
{
    fdi_ingest_options io = fdi_ingest_options_default();
    fdi_frame *f = NULL;
    fdi_error err;
    io.path = DATA("worldbank/API_BX.KLT.DINV.CD.WD_DS2_en_csv_v2.csv");
    io.key_cols = "Country Name";
    CHECK_INT(fdi_ingest_csv(&io, &f, &err), FDI_OK);
    if (!f)
        return;
    fdi_panel_options o = fdi_panel_options_default();
    fdi_filter flt[1] = {{"Country Name", "World|Vietnam|Thailand"}};
    fdi_panel *p;
    o.filters = flt;
    o.nfilters = 1;
    o.by = "none";
    p = build(f, o);
    if (p) { /* Vietnam 11.8 bn + Thailand, without World */
        double vn_th = cum_at(p, MONTH(2015, 12), 0);
        CHECK(vn_th > 11.8e9 && vn_th < 30e9);
        CHECK_INT(fdi_panel_members(p, 0), 2);
        CHECK_HAS(fdi_panel_summed_note(p, 0), "leaves out total row Country Name=World");
        CHECK_HAS(fdi_panel_summed_note(p, 0), "--keep-totals");
        CHECK_STR(fdi_panel_summed(p, 0), "Country Name=Thailand|Vietnam");
        fdi_panel_destroy(p);
        o.keep_totals = 1;
        p = build(f, o);
        if (p) {
            CHECK(cum_at(p, MONTH(2015, 12), 0) > vn_th + 1e12);
            CHECK_INT(fdi_panel_members(p, 0), 3);
            fdi_panel_destroy(p);
        }
        o.keep_totals = 0;
    }
    flt[0].values = "World";
    p = build(f, o);
    if (p) {
        CHECK(cum_at(p, MONTH(2015, 12), 0) > 1e12); /* asked for: kept */
        CHECK_INT(fdi_panel_members(p, 0), 1);
        fdi_panel_destroy(p);
    }
    o.nfilters = 0;
    o.by = "Country Name"; /* World is a group of its own, summed into nothing */
    p = build(f, o);
    if (p) {
        int world = 0;
        for (size_t s = 0; s < fdi_panel_nseries(p); s++)
            if (strcmp(fdi_panel_label(p, s, 0), "World") == 0) {
                CHECK_NEAR(cum_at(p, MONTH(2015, 12), s), 2164658602681.9, 1e-12);
                world = 1;
            }
        CHECK(world);
        fdi_panel_destroy(p);
    }
    fdi_frame_destroy(f);
    /* the Vietnamese names, in any case */
    static const char text[] = "year,province,capital\n"
                               "2015,C\xE1\xBA\xA3 n\xC6\xB0\xE1\xBB\x9B" "c,100\n"
                               "2015,H\xC3\xA0 N\xE1\xBB\x99i,60\n"
                               "2015,Hai Phong,40\n"
                               "2015,T\xE1\xBB\x94NG S\xE1\xBB\x90,100\n"
                               "2015,T\xE1\xBB\x95ng c\xE1\xBB\x99ng,100\n"
                               "2015,TOTAL,100\n";
    io = fdi_ingest_options_default();
    CHECK_INT(fdi_ingest_buffer(text, sizeof text - 1, "vi", &io, &f, &err), FDI_OK);
    o = fdi_panel_options_default();
    o.by = "none";
    p = f ? build(f, o) : NULL;
    if (p) {
        CHECK_NEAR(cum_at(p, MONTH(2015, 12), 0), 100, 0);
        CHECK_INT(fdi_panel_members(p, 0), 2);
        fdi_panel_destroy(p);
    }
    fdi_frame_destroy(f);
}

/* A key named twice in --by is a usage error naming it (the entries were
 * once written past the end of the panel's key arrays), and so is a long
 * list of them. */
static void test_by_repeated(void)
{
    fdi_frame *f = load(DATA("haiphong/haiphong_fdi.csv"), 0);
    fdi_panel_options o = fdi_panel_options_default();
    fdi_panel *p = NULL;
    fdi_error err;
    if (!f)
        return;
    o.by = "area,area";
    CHECK_INT(fdi_panel_build(f, &o, &p, &err), FDI_EUSAGE);
    CHECK_HAS(err.message, "\"area\" is named twice");
    CHECK(p == NULL);
    o.by = "area,flow,area";
    CHECK_INT(fdi_panel_build(f, &o, &p, &err), FDI_EUSAGE);
    CHECK_HAS(err.message, "\"area\" is named twice");
    o.by = "area, Flow ,flow"; /* the same key in another case, with blanks */
    CHECK_INT(fdi_panel_build(f, &o, &p, &err), FDI_EUSAGE);
    CHECK_HAS(err.message, "\"flow\" is named twice");
    o.by = "measure,area,measure";
    CHECK_INT(fdi_panel_build(f, &o, &p, &err), FDI_EUSAGE);
    CHECK_HAS(err.message, "\"measure\" is named twice");
    o.by = "area,area,area,area,area,area,area,area,area,area,area,area";
    CHECK_INT(fdi_panel_build(f, &o, &p, &err), FDI_EUSAGE);
    CHECK_HAS(err.message, "\"area\" is named twice");
    o.by = "flow,area,measure,,"; /* every key once, empty entries skipped */
    p = build(f, o);
    if (p) {
        CHECK_INT(fdi_panel_ndims(p), 2);
        CHECK_STR(fdi_panel_dim_name(p, 0), "flow");
        CHECK_STR(fdi_panel_dim_name(p, 1), "area");
        fdi_panel_destroy(p);
    }
    fdi_frame_destroy(f);
}

/* source_only (fdi info): the matrix read into, the same as a full
 * panel's, and no other, for flow and for year-to-date input, with and
 * without --fill zero. */
static void test_source_only(void)
{
    static const struct {
        const char *path;
        int ytd, fill_zero;
    } cases[] = {{DATA("vietnam/fdi_registered_ytd.csv"), 1, 0},
                 {DATA("cases/bad_rows.csv"), 0, 0},
                 {DATA("cases/bad_rows.csv"), 0, 1}};
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        fdi_frame *f = load(cases[c].path, cases[c].ytd);
        if (!f)
            continue;
        fdi_panel_options o = fdi_panel_options_default();
        o.fill_zero = cases[c].fill_zero;
        fdi_panel *full = build(f, o);
        o.source_only = 1;
        fdi_panel *src = build(f, o);
        if (full && src) {
            size_t T = fdi_panel_nperiods(full), S = fdi_panel_nseries(full), same = 0;
            CHECK_INT(fdi_panel_nperiods(src), T);
            CHECK_INT(fdi_panel_nseries(src), S);
            for (size_t t = 0; t < T && fdi_panel_nperiods(src) == T; t++)
                same += memcmp(fdi_panel_source(src, t), fdi_panel_source(full, t),
                               S * sizeof(double)) == 0;
            CHECK_INT(same, T);
            CHECK(cases[c].ytd ? fdi_panel_flow(src, 0) == NULL : fdi_panel_cum(src, 0) == NULL);
            CHECK(fdi_panel_missing(src, 0) == NULL);
            CHECK(fdi_panel_source(src, 0) ==
                  (cases[c].ytd ? fdi_panel_cum(src, 0) : fdi_panel_flow(src, 0)));
        }
        fdi_panel_destroy(full);
        fdi_panel_destroy(src);
        fdi_frame_destroy(f);
    }
}

/* Two halves each in period order, the second before the first (the
 * later years first): the observations are not in order, though each
 * half is, so the scatter threads must read them all.  Every cell is
 * checked. */
static void test_sorted_halves(void)
{
    enum { Z = 300, T = 240 };
    size_t cap = 4u << 20, len = 0;
    char *text = malloc(cap);
    CHECK(text != NULL);
    if (!text)
        return;
    len += (size_t)snprintf(text, cap, "period,zone,value\n");
    for (int k = 0; k < T; k++) {
        int t = (k + T / 2) % T;
        for (int z = 0; z < Z; z++)
            len += (size_t)snprintf(text + len, cap - len, "%d-%02d,Z%03d,%d\n", 2000 + t / 12,
                                    1 + t % 12, z, t * 1000 + z);
    }
    fdi_ingest_options io = fdi_ingest_options_default();
    fdi_frame *f = NULL;
    fdi_error err;
    CHECK_INT(fdi_ingest_buffer(text, len, "halves", &io, &f, &err), FDI_OK);
    fdi_panel *p = f ? build(f, fdi_panel_options_default()) : NULL;
    size_t wrong = 0;
    CHECK(p && fdi_panel_nperiods(p) == T && fdi_panel_nseries(p) == Z);
    for (size_t t = 0; p && t < T; t++)
        for (size_t s = 0; s < Z; s++) {
            int z = atoi(fdi_panel_label(p, s, 0) + 1);
            wrong += fdi_panel_flow(p, t)[s] != (double)(t * 1000 + (size_t)z);
        }
    CHECK_INT(wrong, 0);
    fdi_panel_destroy(p);
    fdi_frame_destroy(f);
    free(text);
}

/* A panel big enough to be built on two threads (300 series x 240
 * months), with duplicate months: flows and year to date for every dedupe
 * rule, and the error naming the first duplicate, against a reference
 * worked out here row by row in file order.  The rows in period order
 * (each thread reads only the stretch of its rows) and zone by zone
 * (each reads them all). */
enum { BIG_S = 300, BIG_Y = 20, BIG_T = BIG_Y * 12 };

static void test_big_with_duplicates(int zone_major)
{
    static double first[BIG_T][BIG_S], last[BIG_T][BIG_S], sum[BIG_T][BIG_S];
    static size_t line_of[BIG_T][BIG_S];
    size_t cap = 8u << 20, len = 0, line = 1, dup_a = 0, dup_b = 0;
    char *text = malloc(cap);
    unsigned long x = 99;
    CHECK(text != NULL);
    if (!text)
        return;
    len += (size_t)snprintf(text, cap, "period,zone,value\n");
    for (int t = 0; t < BIG_T; t++)
        for (int z = 0; z < BIG_S; z++) {
            first[t][z] = last[t][z] = sum[t][z] = NAN;
            line_of[t][z] = 0;
        }
    for (int a = 0; a < BIG_T * BIG_S; a++) {
        int t = zone_major ? a % BIG_T : a / BIG_S, z = zone_major ? a / BIG_T : a % BIG_S;
        {
            int times = 1;
            x = x * 6364136223846793005ul + 1442695040888963407ul;
            if ((x >> 40) % 50 == 0)
                times = 2; /* a month reported twice */
            if ((x >> 40) % 37 == 0)
                times = 0; /* a gap */
            for (int k = 0; k < times; k++) {
                double v = (double)((x >> (20 + k)) % 1000) / 4;
                len += (size_t)snprintf(text + len, cap - len, "%d-%02d,Z%03d,%.2f\n",
                                        2000 + t / 12, 1 + t % 12, z, v);
                line++;
                if (first[t][z] != first[t][z]) {
                    first[t][z] = sum[t][z] = v;
                    line_of[t][z] = line;
                } else {
                    sum[t][z] += v;
                    if (!dup_b) {
                        dup_a = line_of[t][z];
                        dup_b = line;
                    }
                }
                last[t][z] = v;
            }
        }
    }
    fdi_ingest_options io = fdi_ingest_options_default();
    fdi_frame *f = NULL;
    fdi_error err;
    CHECK_INT(fdi_ingest_buffer(text, len, "big", &io, &f, &err), FDI_OK);
    static const fdi_dedupe rules[] = {FDI_DEDUPE_FIRST, FDI_DEDUPE_LAST, FDI_DEDUPE_SUM};
    for (size_t r = 0; f && r < 3; r++) {
        fdi_panel_options o = fdi_panel_options_default();
        o.dedupe = rules[r];
        fdi_panel *p = build(f, o);
        size_t bad = 0;
        CHECK(p && fdi_panel_nseries(p) == BIG_S && fdi_panel_nperiods(p) == BIG_T);
        for (size_t t = 0; p && t < BIG_T; t++) {
            const double *flow = fdi_panel_flow(p, t), *cum = fdi_panel_cum(p, t);
            for (size_t s = 0; s < BIG_S; s++) { /* series in order of first row */
                size_t z = (size_t)atoi(fdi_panel_label(p, s, 0) + 1);
                double want = r == 0 ? first[t][z] : r == 1 ? last[t][z] : sum[t][z];
                double ytd = 0;
                for (size_t u = t - t % 12; u <= t; u++) {
                    double v = r == 0 ? first[u][z] : r == 1 ? last[u][z] : sum[u][z];
                    ytd += v == v ? v : 0;
                }
                int wrong = !(flow[s] == want || (flow[s] != flow[s] && want != want)) || cum[s] != ytd;
                if (wrong && !bad)
                    fprintf(stderr, "  rule %zu, t %zu, zone %zu: flow %g (want %g), ytd %g (want %g)\n",
                            r, t, z, flow[s], want, cum[s], ytd);
                bad += (size_t)(wrong != 0);
            }
        }
        CHECK_INT(bad, 0);
        fdi_panel_destroy(p);
    }
    /* no rule: the first duplicate, with both its lines */
    fdi_panel_options o = fdi_panel_options_default();
    fdi_panel *p = NULL;
    char want[64];
    snprintf(want, sizeof want, "lines %zu and %zu", dup_a, dup_b);
    CHECK(dup_b > 0);
    CHECK_INT(f ? fdi_panel_build(f, &o, &p, &err) : FDI_OK, FDI_EDUP);
    CHECK(strstr(err.message, want) != NULL);
    if (!strstr(err.message, want))
        fprintf(stderr, "  wanted \"%s\" in: %s\n", want, err.message);
    fdi_panel_destroy(p);
    fdi_frame_destroy(f);
    free(text);
}

/* A --by sum for a period in which a member that had values before has
 * none is flagged (fdi_panel_members_missing), its figure kept.  By hand:
 * B has no March value, C starts in May (A and B then have none):
 *   flows, year to date: Feb 0, Mar 1 (B), Apr 1 (B in Mar), May 3 (B in
 *   Mar, A and B in May); --ytd input (the row alone): Mar 1, Apr 0, May 2;
 *   C is never missing before its start; --fill zero: none. */
static void test_members_missing(void)
{
    static const char csv[] = "period,area,value\n2016-01,A,1\n2016-01,B,10\n2016-02,A,2\n"
                              "2016-02,B,20\n2016-03,A,3\n2016-04,A,4\n2016-04,B,40\n"
                              "2016-05,C,100\n";
    char path[] = "/tmp/fdi_members_XXXXXX";
    int fd = mkstemp(path);
    FILE *out = fd >= 0 ? fdopen(fd, "w") : NULL;
    CHECK(out != NULL);
    if (!out)
        return;
    fputs(csv, out);
    fclose(out);
    static const size_t flows[] = {0, 0, 1, 1, 3}, ytd[] = {0, 0, 1, 0, 2};
    for (int as_ytd = 0; as_ytd < 2; as_ytd++) {
        fdi_frame *f = load(path, as_ytd);
        fdi_panel_options o = fdi_panel_options_default();
        o.by = "none";
        fdi_panel *p = f ? build(f, o) : NULL;
        for (size_t t = 0; p && t < 5; t++) {
            CHECK_INT(fdi_panel_members_missing(p, 0, t), (as_ytd ? ytd : flows)[t]);
            if (!as_ytd && t == 2) /* the figure stays the sum of the others */
                CHECK_NEAR(fdi_panel_flow(p, t)[0], 3.0, 0);
        }
        fdi_panel_destroy(p);
        o.fill_zero = !as_ytd;
        o.by = as_ytd ? NULL : "none"; /* every series alone sums nothing */
        p = f ? build(f, o) : NULL;
        for (size_t t = 0; p && t < 5; t++)
            for (size_t s = 0; s < fdi_panel_nseries(p); s++)
                CHECK_INT(fdi_panel_members_missing(p, s, t), 0);
        fdi_panel_destroy(p);
        fdi_frame_destroy(f);
    }
    remove(path);
}

int main(void)
{
    test_ytd_input();
    test_flow_ytd_and_gaps();
    test_fiscal_year();
    test_quarterly();
    test_duplicates();
    test_by_and_filter();
    test_filter_same_key_two_spellings();
    test_info_totals_by_beyond_ascii();
    test_by_repeated();
    test_never_add_measures();
    test_summed();
    test_totals();
    test_members_missing();
    test_source_only();
    test_sorted_halves();
    test_big_with_duplicates(0);
    test_big_with_duplicates(1);
    return check_report("test_panel");
}
