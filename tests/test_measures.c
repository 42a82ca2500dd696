/* test_measures.c - the figures of the Hai Phong report, and the notes on
 * bases that burn analysts.  Expected values: the published figures (see
 * datasets/haiphong/README.md) and hand calculations. */
#include "check.h"
#include "fdi/fdi.h"

#include <math.h>
#include <string.h>

#define DATA(p) FDI_SOURCE_DIR "/datasets/" p
#define MONTH(y, m) ((int32_t)((y) * 12 + (m) - 1))

typedef struct {
    fdi_frame *f;
    fdi_panel *p;
    fdi_yoy y[16];
} fixture;

static int setup(fixture *x, const char *path, const fdi_filter *flt, size_t nflt,
                 const char *by, int32_t as_of, int ytd)
{
    fdi_ingest_options io = fdi_ingest_options_default();
    fdi_panel_options po = fdi_panel_options_default();
    fdi_error err;
    memset(x, 0, sizeof *x);
    io.path = path;
    io.ytd = ytd;
    io.value_cols = strstr(path, "haiphong") ? "value_usd_m" : NULL;
    po.filters = flt;
    po.nfilters = nflt;
    po.by = by;
    po.as_of = as_of;
    CHECK_INT(fdi_ingest_csv(&io, &x->f, &err), FDI_OK);
    if (!x->f)
        return -1;
    CHECK_INT(fdi_panel_build(x->f, &po, &x->p, &err), FDI_OK);
    if (!x->p || fdi_panel_nseries(x->p) > 16)
        return -1;
    CHECK_INT(fdi_measures_yoy(x->p, as_of, x->y, &err), FDI_OK);
    return 0;
}

static void teardown(fixture *x)
{
    fdi_panel_destroy(x->p);
    fdi_frame_destroy(x->f);
}

/* "2,729 million USD, more than 6 times the same period of 2015, 52% above
 * the 1,800 plan; goal 3,000 = 67% above plan" (Hai Phong EZ, 9M 2016). */
static void test_haiphong_report(void)
{
    fixture x;
    fdi_filter flt[2] = {{"area", "Hai Phong Economic Zone"}, {"flow", "new|adjusted"}};
    fdi_plan_figures pl;
    char note[256];
    if (setup(&x, DATA("haiphong/haiphong_fdi.csv"), flt, 2, "area", MONTH(2016, 9), 0) == 0) {
        CHECK_NEAR(x.y[0].ytd, 2729.86, 1e-12);     /* 2,432 + 297.86 */
        CHECK_NEAR(x.y[0].ytd_prev, 440.00, 1e-12); /* constructed, README */
        CHECK_NEAR(x.y[0].multiple, 2729.86 / 440.0, 1e-12);
        CHECK(x.y[0].multiple > 6.0);               /* "more than 6 times" */
        CHECK_NEAR(x.y[0].change_pct, (2729.86 / 440.0 - 1) * 100, 1e-12);
        CHECK_INT(x.y[0].months, 9);
        CHECK_INT(x.y[0].missing, 0);
        pl = fdi_measures_plan(&x.y[0], 1800, 3000);
        CHECK_NEAR(pl.pct_of_plan, 151.65888888888889, 1e-12); /* 151.7% */
        CHECK_NEAR(pl.overshoot_pct, 51.65888888888889, 1e-12); /* +51.7% */
        CHECK_NEAR(pl.target_pct_of_plan, 166.66666666666667, 1e-12); /* 3,000 */
        CHECK_NEAR(pl.remaining, 270.14, 1e-12);
        CHECK_INT(pl.months_left, 3);
        CHECK_NEAR(pl.required_monthly, 90.046666666666667, 1e-12);
        fdi_notes_text(x.y[0].notes, &x.y[0], &pl, note, sizeof note);
        CHECK_STR(note, "");
        /* without a target, the plan is the target: already exceeded */
        pl = fdi_measures_plan(&x.y[0], 1800, NAN);
        CHECK_NEAR(pl.remaining, 1800 - 2729.86, 1e-12);
        CHECK_NEAR(pl.required_monthly, 0, 0);
        CHECK(pl.notes & FDI_NOTE_TARGET_REACHED);
    }
    teardown(&x);
    /* disbursed: about 500, "135% of the same period of 2015" */
    flt[1].values = "disbursed";
    if (setup(&x, DATA("haiphong/haiphong_fdi.csv"), flt, 2, "area", MONTH(2016, 9), 0) == 0) {
        CHECK_NEAR(x.y[0].ytd, 500.0, 1e-12);
        CHECK_NEAR(x.y[0].multiple * 100, 135.0, 1e-3);
    }
    teardown(&x);
}

/* Zero, negative and small bases (datasets/cases/bases.csv):
 *   A: Jan-Feb 2016 = 0, 0; 2017 = 5, 7 -> no multiple, base zero
 *   B: Jan 2016 = -4; 2017 = 3 -> no multiple, base negative
 *   C: Jan 2016 = 10; 2017 = 1 -> 0.1x, and January is early in the year */
static void test_bases(void)
{
    fixture x;
    char note[256];
    if (setup(&x, DATA("cases/bases.csv"), NULL, 0, NULL, MONTH(2017, 1), 0) == 0) {
        CHECK_INT(fdi_panel_nseries(x.p), 3);
        CHECK(isnan(x.y[0].multiple));
        CHECK(!isinf(x.y[0].multiple));
        CHECK(x.y[0].notes & FDI_NOTE_BASE_ZERO);
        CHECK(isnan(x.y[1].multiple));
        CHECK(x.y[1].notes & FDI_NOTE_BASE_NEGATIVE);
        fdi_notes_text(x.y[1].notes, &x.y[1], NULL, note, sizeof note);
        CHECK_HAS(note, "no multiple: the base is negative");
        CHECK_NEAR(x.y[2].multiple, 0.1, 1e-15);
        CHECK(x.y[2].notes & FDI_NOTE_EARLY);
        fdi_notes_text(x.y[2].notes, &x.y[2], NULL, note, sizeof note);
        CHECK_HAS(note, "small base: only 1 month into the year");
    }
    teardown(&x);
    /* as-of 2017-02: B and C have no February 2017, so their ytd is
     * incomplete; A's base is still zero */
    if (setup(&x, DATA("cases/bases.csv"), NULL, 0, NULL, MONTH(2017, 2), 0) == 0) {
        CHECK_NEAR(x.y[0].ytd, 12, 0);
        CHECK(x.y[1].notes & FDI_NOTE_INCOMPLETE);
        CHECK_INT(x.y[1].missing, 1);
        fdi_notes_text(x.y[1].notes, &x.y[1], NULL, note, sizeof note);
        CHECK_HAS(note, "incomplete: 1 of 2 periods missing this year");
    }
    teardown(&x);
}

/* A base far below its usual level: Hai Phong's new capital in 2017
 * (220.72) against 2015-2016 (573.1, 2,464.32), province file. */
static void test_small_base(void)
{
    fixture x;
    fdi_filter flt[1] = {{"Provinces", "Hai Phong"}};
    fdi_ingest_options io = fdi_ingest_options_default();
    fdi_panel_options po = fdi_panel_options_default();
    fdi_error err;
    char note[256];
    memset(&x, 0, sizeof x);
    io.path = DATA("vietnam/fdi_provinces_en.csv");
    io.value_cols = "Newly registered capital";
    po.filters = flt;
    po.nfilters = 1;
    po.as_of = MONTH(2018, 12);
    CHECK_INT(fdi_ingest_csv(&io, &x.f, &err), FDI_OK);
    if (x.f && fdi_panel_build(x.f, &po, &x.p, &err) == FDI_OK &&
        fdi_measures_yoy(x.p, MONTH(2018, 12), x.y, &err) == FDI_OK) {
        CHECK_NEAR(x.y[0].ytd, 723.84, 1e-15);
        CHECK_NEAR(x.y[0].ytd_prev, 220.72, 1e-15);
        CHECK_NEAR(x.y[0].usual_base, (573.1 + 2464.32) / 2, 1e-12);
        CHECK(x.y[0].notes & FDI_NOTE_SMALL_BASE);
        fdi_notes_text(x.y[0].notes, &x.y[0], NULL, note, sizeof note);
        CHECK_HAS(note, "small base: last year's figure is 15% of its usual level");
    }
    teardown(&x);
}

/* Year-to-date input: 2024-12 = 19,731 (published 19.73 bn); the missing
 * 2020-12 gives no figure and no multiple for 2021-12. */
static void test_registered(void)
{
    fixture x;
    if (setup(&x, DATA("vietnam/fdi_registered_ytd.csv"), NULL, 0, NULL, MONTH(2024, 12), 1) == 0) {
        CHECK_NEAR(x.y[0].ytd, 19731.0, 1e-4);
        CHECK_NEAR(x.y[0].multiple, x.y[0].ytd / x.y[0].ytd_prev, 1e-15);
        CHECK_INT(x.y[0].notes, 0);
    }
    teardown(&x);
    if (setup(&x, DATA("vietnam/fdi_registered_ytd.csv"), NULL, 0, NULL, MONTH(2021, 12), 1) == 0) {
        CHECK(x.y[0].notes & FDI_NOTE_NO_FIGURE);
        CHECK(isnan(x.y[0].ytd));
    }
    teardown(&x);
}

/* Plan arithmetic corner cases. */
static void test_plan_edges(void)
{
    fdi_yoy y;
    fdi_plan_figures pl;
    memset(&y, 0, sizeof y);
    y.ytd = 100;
    y.months = 12;
    pl = fdi_measures_plan(&y, 0, 200);
    CHECK(isnan(pl.pct_of_plan));
    CHECK(pl.notes & FDI_NOTE_PLAN_NOT_POSITIVE);
    CHECK(pl.notes & FDI_NOTE_YEAR_OVER);
    CHECK(isnan(pl.required_monthly));
    pl = fdi_measures_plan(&y, NAN, NAN);
    CHECK(pl.notes & FDI_NOTE_NO_PLAN);
    CHECK(isnan(pl.remaining));
    y.months = 6;
    pl = fdi_measures_plan(&y, 400, NAN);
    CHECK_NEAR(pl.pct_of_plan, 25, 0);
    CHECK_NEAR(pl.overshoot_pct, -75, 0);
    CHECK_NEAR(pl.required_monthly, 50, 0);
}

int main(void)
{
    test_haiphong_report();
    test_bases();
    test_small_base();
    test_registered();
    test_plan_edges();
    return check_report("test_measures");
}
