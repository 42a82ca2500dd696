/* test_whatif.c - scenario files and their batched evaluation.
 * The batched dgemm result is checked against the brute-force loop that
 * applies each row to each path (fdi_whatif_eval_naive) to 1e-9 relative;
 * the Hai Phong case (the real file) against the published figures. */
#include "check.h"

#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <stdlib.h>

#include "fdi/fdi.h"

#define HP FDI_SOURCE_DIR "/datasets/haiphong/haiphong_fdi.csv"

static fdi_status parse(const char *text, fdi_scenarios **s, fdi_error *err)
{
    return fdi_scenarios_parse(text, strlen(text), "scen.csv", s, err);
}

/* Each malformed row: an error naming line and column and what was expected. */
static void test_parse_errors(void)
{
    static const struct {
        const char *text;
        size_t line, column;
        const char *says;
    } bad[] = {
        {"scenario,filter,from,to,op,value\na,,2016-10,2016-12,multiply,2\n", 2, 5,
         "expected scale, add, set, growth or shift"},
        {"scenario,filter,from,to,op,value\na,,2016-10,2016-12,scale,two\n", 2, 6,
         "a number is expected"},
        {"scenario,filter,from,to,op,value\na,,2016-10,2016-12,scale,\n", 2, 6,
         "a number is expected"},
        {"scenario,filter,from,to,op,value\na,,2016-13,2016-12,scale,1\n", 2, 3,
         "a month (YYYY-MM) is expected"},
        {"scenario,filter,from,to,op,value\na,,2016-12,2016-10,scale,1\n", 2, 4,
         "is before"},
        {"scenario,filter,from,to,op,value\na,,2016-10,2016-10,shift,5\n", 2, 4,
         "shift moves a value"},
        {"scenario,filter,from,to,op,value\na,,2016-10,2016-12,growth,-100\n", 2, 6,
         "above -100"},
        {"scenario,filter,from,to,op,value\n,,2016-10,2016-12,scale,1\n", 2, 1,
         "a scenario name is expected"},
        {"scenario,filter,from,op,value,colour\n", 1, 6, "unexpected column \"colour\""},
        {"scenario,filter,from,to,value\n", 1, 0, "no column \"op\""},
        {"scenario,filter,from,to,op,value\n", 1, 0, "no scenario rows"},
        {"", 1, 0, "empty"},
        {"scenario,filter,from,to,op,value\na,,2016-10\n", 2, 3, "the row ends after 3 fields"},
        {"scenario,filter,from,to,op,value\n\"a,,2016-10,2016-12,scale,1\n", 2, 0,
         "never closed"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        fdi_scenarios *s = NULL;
        fdi_error err = {0};
        CHECK(parse(bad[i].text, &s, &err) != FDI_OK);
        CHECK(s == NULL);
        CHECK_INT(err.line, bad[i].line);
        CHECK_INT(err.column, bad[i].column);
        CHECK_HAS(err.message, bad[i].says);
        CHECK_STR(err.file, "scen.csv");
    }
    /* a good file: any column order, comment column, to defaulting to from */
    fdi_scenarios *s;
    fdi_error err;
    CHECK(parse("op,value,scenario,from,to,comment\r\n"
                "scale,0.7,slow,2016-10,2016-12,Q4 slow\r\n"
                "add,\"1,500\",slow,2016-11,,plus a project\r\n"
                "set,0,stop,2016-12,,\r\n",
                &s, &err) == FDI_OK);
    CHECK_INT(fdi_scenarios_nrows(s), 3);
    CHECK_INT(fdi_scenarios_count(s), 2);
    CHECK_STR(fdi_scenarios_name(s, 0), "slow");
    CHECK_STR(fdi_scenarios_name(s, 1), "stop");
    CHECK_NEAR(fdi_scenarios_row(s, 1)->value, 1500, 0);
    CHECK_INT(fdi_scenarios_row(s, 1)->to, fdi_scenarios_row(s, 1)->from);
    CHECK_INT(fdi_scenarios_row(s, 1)->line, 3);
    CHECK_STR(fdi_scenarios_row(s, 0)->filter, "");
    /* sweeps: the named scenario's rows take each value */
    fdi_scenarios *g;
    double v[3] = {0.5, 1.0, 1.5};
    CHECK(fdi_scenarios_with_value(s, "slow", v, 3, &g, &err) == FDI_OK);
    CHECK_INT(fdi_scenarios_count(g), 4);
    CHECK_STR(fdi_scenarios_name(g, 1), "slow=0.5");
    CHECK_INT(fdi_scenarios_nrows(g), 7);
    CHECK_NEAR(fdi_scenarios_row(g, 3)->value, 1.0, 0); /* slow=0.5's add row too */
    fdi_scenarios_free(g);
    CHECK(fdi_scenarios_with_value(s, "fast", v, 3, &g, &err) == FDI_EUSAGE);
    CHECK_HAS(err.message, "no scenario named \"fast\"");
    fdi_scenarios_free(s);
}

typedef struct {
    fdi_frame *f;
    fdi_panel *p;
} hp_data;

static void load_hp(hp_data *d, const char *by)
{
    fdi_ingest_options o = fdi_ingest_options_default();
    fdi_panel_options po = fdi_panel_options_default();
    fdi_filter flt[1] = {{"flow", "new|adjusted"}};
    fdi_error err;
    o.path = HP;
    o.value_cols = "value_usd_m";
    po.filters = flt;
    po.nfilters = 1;
    po.by = by;
    po.as_of = 2016 * 12 + 8;
    CHECK(fdi_ingest_csv(&o, &d->f, &err) == FDI_OK);
    CHECK(fdi_panel_build(d->f, &po, &d->p, &err) == FDI_OK);
}

/* Binding: filters and months checked against the panel. */
static void test_bind_errors(void)
{
    hp_data d;
    load_hp(&d, "area");
    static const struct {
        const char *text;
        size_t column;
        const char *says;
    } bad[] = {
        {"scenario,filter,from,to,op,value\na,area=Da Nang,2016-10,2016-12,scale,1\n", 2,
         "matches no series"},
        {"scenario,filter,from,to,op,value\na,province=Hai Phong,2016-10,2016-12,scale,1\n", 2,
         "no key \"province\""},
        {"scenario,filter,from,to,op,value\na,area,2016-10,2016-12,scale,1\n", 2,
         "expected KEY=VALUE"},
        {"scenario,filter,from,to,op,value\na,,2016-09,2016-12,scale,1\n", 3,
         "outside the forecast horizon 2016-10..2016-12"},
        {"scenario,filter,from,to,op,value\na,,2016-10,2017-01,scale,1\n", 4,
         "2017-01 is outside"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        fdi_scenarios *s;
        fdi_whatif *w = NULL;
        fdi_error err = {0};
        CHECK(parse(bad[i].text, &s, &err) == FDI_OK);
        CHECK(fdi_whatif_bind(s, d.p, 2016 * 12 + 9, 3, "scen.csv", &w, &err) == FDI_EPARSE);
        CHECK(w == NULL);
        CHECK_INT(err.line, 2);
        CHECK_INT(err.column, bad[i].column);
        CHECK_HAS(err.message, bad[i].says);
        fdi_scenarios_free(s);
    }
    fdi_panel_destroy(d.p);
    fdi_frame_destroy(d.f);
}

/* A scenario's filter names its key and values with case ignored beyond
 * ASCII, as --filter does: "ĐỐI TÁC=HÀ NỘI" selects the series "Hà Nội"
 * of the key "Đối tác" (and only it).  Before, the key and the values
 * were compared as strncasecmp does (ASCII only): exit 2, 'no key'. */
static void test_bind_case_beyond_ascii(void)
{
    static const char csv[] = "period,\xC4\x90\xE1\xBB\x91i t\xC3\xA1" "c,value\n"
                              "2020-01,H\xC3\xA0 N\xE1\xBB\x99i,1\n"
                              "2020-01,Hu\xE1\xBA\xBF,2\n"
                              "2020-02,H\xC3\xA0 N\xE1\xBB\x99i,3\n"
                              "2020-02,Hu\xE1\xBA\xBF,4\n";
    fdi_ingest_options io = fdi_ingest_options_default();
    fdi_frame *f = NULL;
    fdi_panel *p = NULL;
    fdi_scenarios *s = NULL;
    fdi_whatif *w = NULL;
    fdi_error err = {0};
    CHECK(fdi_ingest_buffer(csv, sizeof csv - 1, "partners.csv", &io, &f, &err) == FDI_OK);
    CHECK(f && fdi_panel_build(f, NULL, &p, &err) == FDI_OK);
    CHECK(parse("scenario,filter,from,to,op,value\n"
                "hn,\xC4\x90\xE1\xBB\x90I T\xC3\x81" "C=H\xC3\x80 N\xE1\xBB\x98I,2020-03,2020-03,"
                "add,5\n",
                &s, &err) == FDI_OK);
    fdi_status st = p && s ? fdi_whatif_bind(s, p, 2020 * 12 + 2, 1, "scen.csv", &w, &err)
                           : FDI_EUSAGE;
    if (st != FDI_OK)
        fprintf(stderr, "bind: %s\n", err.message);
    CHECK_INT(st, FDI_OK);
    for (size_t k = 0; w && k < fdi_panel_nseries(p); k++) {
        double a[2], b[2]; /* one month x (baseline, hn) */
        fdi_whatif_maps(w, k, a, b);
        int hn = strcmp(fdi_panel_label(p, k, 0), "H\xC3\xA0 N\xE1\xBB\x99i") == 0;
        CHECK_NEAR(b[1], hn ? 5.0 : 0.0, 0);
        CHECK_NEAR(a[1], 1.0, 0);
    }
    fdi_whatif_free(w);
    fdi_scenarios_free(s);
    fdi_panel_destroy(p);
    fdi_frame_destroy(f);
}

/* Random scenarios on random paths: the dgemm evaluation equals the loop
 * that applies every row to every path, and identities equal the baseline
 * bit for bit. */
static void test_batched_equals_naive(void)
{
    hp_data d;
    load_hp(&d, NULL); /* every area and flow: several series */
    size_t S = fdi_panel_nseries(d.p), h = 3, P = 400;
    static const char *const ops[] = {"scale", "add", "set", "growth", "shift"};
    char *text = malloc(1 << 16);
    size_t len = (size_t)sprintf(text, "scenario,filter,from,to,op,value\n"
                                       "id_scale,,2016-10,2016-12,scale,1\n"
                                       "id_add,,2016-10,2016-12,add,0\n");
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    for (int k = 0; k < 60; k++) {
        int rows = 1 + (int)gsl_rng_uniform_int(r, 3);
        for (int i = 0; i < rows; i++) {
            int op = (int)gsl_rng_uniform_int(r, 5);
            int a = (int)gsl_rng_uniform_int(r, 3), b = a + (int)gsl_rng_uniform_int(r, (unsigned long)(3 - a));
            if (op == 4 && a == b)
                b = (a + 1) % 3;
            double v = op == 0 ? gsl_rng_uniform(r) * 2 : op == 3 ? gsl_rng_uniform(r) * 30 - 10
                                                                  : gsl_rng_uniform(r) * 500 - 100;
            len += (size_t)sprintf(text + len, "s%d,%s,2016-%02d,2016-%02d,%s,%.6f\n", k,
                                   k % 3 ? "" : "area=Hai Phong city", 10 + a, 10 + b,
                                   ops[op], v);
        }
    }
    fdi_scenarios *s;
    fdi_whatif *w;
    fdi_error err;
    CHECK(parse(text, &s, &err) == FDI_OK);
    CHECK(fdi_whatif_bind(s, d.p, 2016 * 12 + 9, h, "scen.csv", &w, &err) == FDI_OK);
    size_t J = fdi_whatif_count(w);
    CHECK_INT(J, 63);
    double *paths = malloc(P * h * sizeof *paths);
    fdi_whatif_result *fast = malloc(J * sizeof *fast), *slow = malloc(J * sizeof *slow);
    fdi_whatif_scratch *x = fdi_whatif_scratch_new(w, P);
    int worst_ok = 1;
    for (size_t sr = 0; sr < S; sr++) {
        for (size_t i = 0; i < P * h; i++)
            paths[i] = 100 + gsl_ran_gaussian(r, 40);
        double ytd = 1000.0 + (double)sr, widen = sr % 2 ? 1.3 : 1.0, target = 1400;
        CHECK(fdi_whatif_eval(w, sr, paths, P, ytd, widen, (int)(sr % 3 == 2), target, x, fast) == FDI_OK);
        CHECK(fdi_whatif_eval_naive(w, sr, paths, P, ytd, widen, (int)(sr % 3 == 2), target,
                                     slow) == FDI_OK);
        for (size_t j = 0; j < J; j++) {
            double tol = 1e-9 * fmax(1.0, fabs(slow[j].mean));
            worst_ok &= fabs(fast[j].mean - slow[j].mean) <= tol;
            worst_ok &= fabs(fast[j].lo80 - slow[j].lo80) <= 1e-9 * fmax(1.0, fabs(slow[j].lo80));
            worst_ok &= fabs(fast[j].hi80 - slow[j].hi80) <= 1e-9 * fmax(1.0, fabs(slow[j].hi80));
            worst_ok &= fabs(fast[j].change - slow[j].change) <= tol;
            /* p_target counts totals >= target: equal unless a total sits
             * within rounding of the target */
            worst_ok &= fabs(fast[j].p_target - slow[j].p_target) <= 1.0 / (double)P;
        }
        /* identities: the baseline, bit for bit */
        CHECK(memcmp(&fast[1], &fast[0], sizeof fast[0]) == 0);
        CHECK(memcmp(&fast[2], &fast[0], sizeof fast[0]) == 0);
        CHECK(fast[0].change == 0);
    }
    CHECK(worst_ok);
    fdi_whatif_scratch_free(x);
    free(paths);
    free(fast);
    free(slow);
    free(text);
    fdi_whatif_free(w);
    fdi_scenarios_free(s);
    gsl_rng_free(r);
    fdi_panel_destroy(d.p);
    fdi_frame_destroy(d.f);
}

/* The Hai Phong case: a 1,500 project in November raises the year-end mean
 * by exactly 1,500 and p_target accordingly. */
static void test_hai_phong(void)
{
    hp_data d;
    load_hp(&d, "area");
    size_t S = fdi_panel_nseries(d.p), P = 5000, h = 3;
    long last = fdi_panel_row(d.p, 2016 * 12 + 8);
    CHECK(last >= 0);
    double *y = malloc(((size_t)last + 1) * sizeof *y), *paths = malloc(P * h * sizeof *paths);
    fdi_scenarios *s;
    fdi_whatif *w;
    fdi_error err;
    CHECK(parse("scenario,filter,from,to,op,value\n"
                "lg,area=Hai Phong Economic Zone,2016-11,2016-11,add,1500\n"
                "q4,,2016-10,2016-12,scale,0.5\n",
                &s, &err) == FDI_OK);
    CHECK(fdi_whatif_bind(s, d.p, 2016 * 12 + 9, h, "scen.csv", &w, &err) == FDI_OK);
    fdi_whatif_scratch *x = fdi_whatif_scratch_new(w, P);
    fdi_whatif_result res[3];
    for (size_t sr = 0; sr < S; sr++) {
        const char *area = fdi_panel_label(d.p, sr, 0);
        int ez = strcmp(area, "Hai Phong Economic Zone") == 0;
        for (size_t t = 0; t <= (size_t)last; t++)
            y[t] = fdi_panel_flow(d.p, t)[sr];
        fdi_fc_config c = fdi_fc_config_default(12, 9);
        fdi_yearend ye;
        CHECK(fdi_fc_yearend_paths(FDI_FC_AUTO, y, (size_t)last + 1, &c, 3000, P, 42, paths,
                                   &ye, &err) == FDI_OK);
        CHECK(fdi_whatif_eval(w, sr, paths, P, ye.ytd, ye.widen, ye.nonneg, 3000, x, res) == FDI_OK);
        /* the baseline is the forecast's own distribution */
        CHECK_NEAR(res[0].mean, ye.mean, 1e-12);
        CHECK_NEAR(res[0].p_target, ye.p_target, 0);
        CHECK_NEAR(res[0].lo80, ye.lo80, 1e-12);
        if (ez) {
            CHECK_NEAR(ye.ytd, 2729.86, 1e-12);
            CHECK(res[1].change == 1500.0); /* exactly */
            CHECK(res[1].p_target >= res[0].p_target);
            CHECK_NEAR(res[1].lo80 - res[0].lo80, 1500, 1e-9);
        } else {
            CHECK(res[1].change == 0.0); /* the filter leaves the city alone */
        }
        CHECK(res[2].change < 0);
        CHECK(res[2].p_target <= res[0].p_target);
    }
    fdi_whatif_scratch_free(x);
    fdi_whatif_free(w);
    fdi_scenarios_free(s);
    free(y);
    free(paths);
    fdi_panel_destroy(d.p);
    fdi_frame_destroy(d.f);
}

/* A series that never went negative ends no scenario below the year to
 * date it has reached, widened or not: the what-if baseline is the
 * forecast's clamped distribution (Hai Phong city's new projects, ytd
 * 2,446.91 at 2016-09, printed a baseline lo80 of 2,233.82 before); a
 * scenario that itself sets a month below 0 keeps its own total as floor. */
static void test_nonneg_floor(void)
{
    hp_data d;
    load_hp(&d, NULL); /* every area and flow */
    size_t S = fdi_panel_nseries(d.p), P = 5000, h = 3, bitten = 0;
    long last = fdi_panel_row(d.p, 2016 * 12 + 8);
    double *y = malloc(((size_t)last + 1) * sizeof *y), *paths = malloc(P * h * sizeof *paths);
    fdi_scenarios *s;
    fdi_whatif *w;
    fdi_error err;
    CHECK(parse("scenario,filter,from,to,op,value\n"
                "slow,,2016-10,2016-12,scale,0.5\n"
                "neg,,2016-12,2016-12,set,-100000\n",
                &s, &err) == FDI_OK);
    CHECK(fdi_whatif_bind(s, d.p, 2016 * 12 + 9, h, "scen.csv", &w, &err) == FDI_OK);
    fdi_whatif_scratch *x = fdi_whatif_scratch_new(w, P);
    fdi_whatif_result res[3], slow[3];
    for (size_t sr = 0; sr < S; sr++) {
        for (size_t t = 0; t <= (size_t)last; t++)
            y[t] = fdi_panel_flow(d.p, t)[sr];
        fdi_fc_config c = fdi_fc_config_default(12, 9);
        fdi_yearend ye;
        CHECK(fdi_fc_yearend_paths(FDI_FC_AUTO, y, (size_t)last + 1, &c, 3000, P, 42, paths,
                                   &ye, &err) == FDI_OK);
        CHECK(fdi_whatif_eval(w, sr, paths, P, ye.ytd, ye.widen, ye.nonneg, 3000, x, res) ==
              FDI_OK);
        CHECK(fdi_whatif_eval_naive(w, sr, paths, P, ye.ytd, ye.widen, ye.nonneg, 3000, slow) ==
              FDI_OK);
        CHECK_NEAR(res[0].lo80, ye.lo80, 1e-9 * ye.ytd);
        CHECK_NEAR(res[0].hi80, ye.hi80, 1e-9 * ye.ytd);
        CHECK_NEAR(res[2].lo80, slow[2].lo80, 1e-9 * ye.ytd);
        if (ye.nonneg) {
            CHECK(res[0].lo80 >= ye.ytd);
            CHECK(res[1].lo80 >= ye.ytd);
            CHECK(res[2].lo80 < ye.ytd - 90000); /* the scenario's own floor */
            bitten += ye.widen > 1.5;
        }
    }
    CHECK(bitten > 0); /* a widened never-negative series was among them */
    fdi_whatif_scratch_free(x);
    fdi_whatif_free(w);
    fdi_scenarios_free(s);
    free(y);
    free(paths);
    fdi_panel_destroy(d.p);
    fdi_frame_destroy(d.f);
}

int main(void)
{
    test_parse_errors();
    test_bind_errors();
    test_bind_case_beyond_ascii();
    test_batched_equals_naive();
    test_hai_phong();
    test_nonneg_floor();
    return check_report("test_whatif");
}
