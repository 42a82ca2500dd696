/* plans.c - the plan and the target of each panel series: one value for
 * all (--plan-value, --target), or the rows of a plan file for the fiscal
 * year of the as-of period, matched to the series by their key labels
 * as --filter matches them (in NFC, ignoring case, the exact spelling
 * first: a label that names two series differing only by case is an
 * error).  A plan belongs to one measure: a plan file with a
 * measure column applies each row to the series of that measure only; a
 * plan without one (a file, --plan-value, --target) needs a result of one
 * measure (money and project counts would share the plan). */
#include "fdi/ask.h"
#include "fdi/ingest.h"
#include "fdi/parse.h"
#include "base/caseeq.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The result's measures, listed into buf ("value_usd_m, projects"); how
 * many there are. */
static size_t panel_measures(const fdi_panel *p, char *buf, size_t size)
{
    size_t n = 0, w = 0;
    buf[0] = '\0';
    for (size_t s = 0; s < fdi_panel_nseries(p); s++) {
        const char *m = fdi_panel_measure(p, s);
        size_t k = 0;
        while (k < s && strcmp(fdi_panel_measure(p, k), m) != 0)
            k++;
        if (k < s)
            continue;
        int c = w < size ? snprintf(buf + w, size - w, "%s%s", n ? ", " : "", m) : 0;
        w += c > 0 ? (size_t)c : 0;
        n++;
    }
    return n;
}

/* A plan without a measure (what) over a result of several: the error
 * lists them. */
static fdi_status one_measure(const fdi_panel *p, const char *path, const char *what,
                              const char *fix, fdi_error *err)
{
    char list[300];
    if (panel_measures(p, list, sizeof list) <= 1)
        return FDI_OK;
    return fdi_error_set(err, FDI_EUSAGE, path, 0, 0,
                         "%s applies to one measure, and the result has several (%s): %s",
                         what, list, fix);
}

fdi_plan_source fdi_plan_source_default(void)
{
    fdi_plan_source s = {NULL, NAN, NAN};
    return s;
}

fdi_status fdi_plan_source_check(const fdi_plan_source *src, int need_plan, fdi_error *err)
{
    if (need_plan && (!src || (!src->plan_file && isnan(src->plan_value))))
        return fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0,
                             "a plan is needed: --plan PLAN.csv or --plan-value X");
    if (src && src->target < 0)
        return fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0,
                             "--target takes a goal >= 0, not %g", src->target);
    if (src && src->plan_value < 0)
        return fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0,
                             "--plan-value takes a plan >= 0, not %g", src->plan_value);
    return FDI_OK;
}

void fdi_plans_free(fdi_plans *pl)
{
    if (!pl)
        return;
    free(pl->plan);
    free(pl->target);
    pl->plan = pl->target = NULL;
    pl->n = 0;
}

double fdi_plans_goal(const fdi_plans *pl, size_t s)
{
    return !isnan(pl->target[s]) ? pl->target[s] : pl->plan[s];
}

enum { PLAN_MEASURE = -2 }; /* dim_of: the plan's measure column */

/* dim_of[d]: the panel dimension of the plan file's key d (PLAN_MEASURE
 * for a column "measure", or named as the result's measure column), or an
 * error naming the key the result does not have. */
static fdi_status match_keys(const fdi_frame *pf, const fdi_panel *p, const char *path,
                             long *dim_of, fdi_error *err)
{
    size_t pnd = fdi_frame_ndims(pf);
    for (size_t d = 0; d + 1 < pnd; d++) {
        const char *name = fdi_frame_dim_name(pf, d);
        dim_of[d] = -1;
        for (size_t k = 0; k < fdi_panel_ndims(p); k++)
            if (fdi__caseeq(fdi_panel_dim_name(p, k), name))
                dim_of[d] = (long)k;
        if (dim_of[d] < 0 && (fdi__caseeq(name, "measure") ||
                              fdi__caseeq(name, fdi_panel_measure_column(p))))
            dim_of[d] = PLAN_MEASURE;
        if (dim_of[d] == -1)
            return fdi_error_set(err, FDI_EUSAGE, path, 0, 0,
                                 "the plan has a key \"%s\" that the result does not "
                                 "have; add it to --by (or remove the column from the plan)",
                                 fdi_frame_dim_name(pf, d));
    }
    return FDI_OK;
}

/* Series s's label in the plan's key d (its measure for PLAN_MEASURE). */
static const char *series_label(const fdi_panel *p, const long *dim_of, size_t d, size_t s)
{
    return dim_of[d] == PLAN_MEASURE ? fdi_panel_measure(p, s)
                                     : fdi_panel_label(p, s, (size_t)dim_of[d]);
}

/* Does plan row i (keys k) name series s?  exact[d]: key d is matched as
 * spelt, else ignoring case, as --filter matches (both sides are NFC). */
static int names_series(const fdi_frame *pf, const fdi_panel *p, const long *dim_of,
                        const unsigned char *exact, const uint32_t *k, size_t s)
{
    int match = 1;
    for (size_t d = 0; d + 1 < fdi_frame_ndims(pf) && match; d++) {
        const char *want = fdi_frame_label(pf, d, k[d]), *have = series_label(p, dim_of, d, s);
        match = exact[d] ? strcmp(want, have) == 0 : fdi__caseeq(want, have);
    }
    return match;
}

/* The plan file's column (1-based) named name (a key's, plan, target); 0
 * when not found. */
static size_t column_of(const fdi_frame *pf, const char *name)
{
    for (size_t c = 0; c < fdi_frame_ncolumns(pf); c++)
        if (strcmp(fdi_frame_column_name(pf, c), name) == 0)
            return c + 1;
    return 0;
}

/* How the plan row at line `at` (keys k) matches each key: exact[d] when
 * the result has that label as spelt; otherwise ignoring case, which must
 * find one label, not two that differ only by case ("Hai Phong" and "HAI
 * PHONG" are two series, and the plan would be given to both). */
static fdi_status match_case(const fdi_frame *pf, const fdi_panel *p, const long *dim_of,
                             const uint32_t *k, const char *path, uint32_t at,
                             unsigned char *exact, fdi_error *err)
{
    for (size_t d = 0; d + 1 < fdi_frame_ndims(pf); d++) {
        const char *want = fdi_frame_label(pf, d, k[d]), *one = NULL, *two = NULL;
        exact[d] = 0;
        for (size_t s = 0; s < fdi_panel_nseries(p) && !exact[d]; s++) {
            const char *have = series_label(p, dim_of, d, s);
            exact[d] = strcmp(want, have) == 0;
            if (exact[d] || !fdi__caseeq(want, have)) /* (one fold a pair) */
                continue;
            if (!one)
                one = have;
            else if (strcmp(one, have) != 0)
                two = have;
        }
        if (!exact[d] && two)
            return fdi_error_set(err, FDI_EPARSE, path, at, column_of(pf, fdi_frame_dim_name(pf, d)),
                                 "\"%s\" names both \"%s\" and \"%s\" of the result, which "
                                 "differ only by case: write the one meant as it is spelt",
                                 want, one, two);
    }
    return FDI_OK;
}

/* Each plan or target row of fiscal year fy onto the series it names.  A
 * plan must fail loudly (issue 15): a row of that year naming no series of
 * the result, the same series' plan (or target) twice, a key naming two
 * series that differ only by case, and a file without a row for that year
 * are errors naming the lines.  line[s] (2 x S): the row that set series
 * s's plan, then its target (0: none yet); exact: one byte a plan key. */
static fdi_status apply_rows(const fdi_frame *pf, const fdi_panel *p, const long *dim_of,
                             int fy, const char *path, uint32_t *line, unsigned char *exact,
                             fdi_plans *out, fdi_error *err)
{
    size_t pnd = fdi_frame_ndims(pf), S = fdi_panel_nseries(p), used = 0;
    for (size_t i = 0; i < fdi_frame_nobs(pf); i++) {
        const uint32_t *k = fdi_frame_series_keys(pf, fdi_frame_obs_series(pf)[i]);
        const char *m = fdi_frame_label(pf, pnd - 1, k[pnd - 1]);
        int is_plan = strcasecmp(m, "plan") == 0, is_target = strcasecmp(m, "target") == 0;
        uint32_t at = fdi_frame_obs_line(pf)[i];
        size_t hits = 0;
        if (fdi_period_year(fdi_frame_obs_period(pf)[i]) != fy || (!is_plan && !is_target))
            continue;
        if (fdi_frame_obs_value(pf)[i] < 0) /* as --plan-value and --target refuse it */
            return fdi_error_set(err, FDI_EPARSE, path, at, column_of(pf, m),
                                 "expected a %s >= 0 (found %g)", m, fdi_frame_obs_value(pf)[i]);
        fdi_status st = match_case(pf, p, dim_of, k, path, at, exact, err);
        if (st != FDI_OK)
            return st;
        for (size_t s = 0; s < S; s++) {
            if (!names_series(pf, p, dim_of, exact, k, s))
                continue;
            uint32_t *seen = &line[2 * s + (is_target ? 1 : 0)];
            if (*seen)
                return fdi_error_set(err, FDI_EPARSE, path, at, 0,
                                     "the %s of this series for %d is also on line %u: one "
                                     "row each", m, fy, (unsigned)*seen);
            *seen = at;
            (is_plan ? out->plan : out->target)[s] = fdi_frame_obs_value(pf)[i];
            hits++;
        }
        if (!hits)
            return fdi_error_set(err, FDI_EPARSE, path, at, 0,
                                 "this %s row names no series of the result (check its keys "
                                 "against the result's, or --filter and --by)", m);
        used++;
    }
    if (!used)
        return fdi_error_set(err, FDI_EPARSE, path, 0, 0,
                             "no plan or target row for %d, the fiscal year of --as-of", fy);
    return FDI_OK;
}

/* Whether the plan file's plan and target columns were read as numbers
 * (a column of "nan" or "abc" cells is detected as text, a key). */
static int plan_columns_read(const fdi_frame *pf)
{
    for (size_t c = 0; c < fdi_frame_ncolumns(pf); c++) {
        const char *n = fdi_frame_column_name(pf, c);
        if ((strcasecmp(n, "plan") == 0 || strcasecmp(n, "target") == 0) &&
            strcmp(fdi_frame_column_role(pf, c), "measure") != 0)
            return 0;
    }
    return 1;
}

/* The plan file as a frame.  A plan is a number: "nan" or "abc" is its
 * row's error, named at its line and column (a NaN plan was read as no
 * plan, a text plan column as no plan column: neither said where).  When
 * detection reads no number column, or a plan or target column as text,
 * they are read as the value columns, so the first bad cell is named. */
static fdi_status read_plan_frame(fdi_ingest_options *in, fdi_frame **pf, fdi_error *err)
{
    static const char *const named[] = {"plan,target", "plan", "target"};
    in->number.marker_is_invalid = 1;
    in->lenient = FDI_REPORT_ALL;
    fdi_status st = fdi_ingest_csv(in, pf, err);
    if (st != FDI_OK && st != FDI_ESCHEMA)
        return st;
    if (st == FDI_OK && plan_columns_read(*pf))
        return FDI_OK;
    fdi_error first = {FDI_OK, NULL, 0, 0, "", ""};
    if (err)
        first = *err;
    fdi_frame_destroy(*pf);
    *pf = NULL;
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
        in->value_cols = named[i];
        if ((st = fdi_ingest_csv(in, pf, err)) != FDI_ESCHEMA)
            return st;
    }
    if (err && first.status != FDI_OK)
        *err = first;
    return FDI_ESCHEMA;
}

static fdi_status read_plan_file(const fdi_panel *p, int32_t as_of, const char *path,
                                 fdi_plans *out, fdi_error *err)
{
    fdi_ingest_options in = fdi_ingest_options_default();
    fdi_frame *pf = NULL;
    fdi_status st;
    int fy = (int)fdi_period_fiscal_year(as_of, 12, fdi_panel_fy_start(p));
    in.path = path;
    in.period_col = "year";
    in.latest = INT32_MAX; /* plans are about years to come */
    if ((st = read_plan_frame(&in, &pf, err)) != FDI_OK)
        return st;
    if (fdi_frame_stats(pf)->rows_rejected) {
        const fdi_rejection *r = fdi_frame_rejection(pf, 0);
        st = fdi_error_set(err, FDI_EPARSE, path, r->line, r->column, "%s", r->message);
        if (err && fdi_frame_sheet(pf)) /* a plan in a workbook: Sheet1!C7 */
            snprintf(err->sheet, sizeof err->sheet, "%s", fdi_frame_sheet(pf));
        fdi_frame_destroy(pf);
        return st;
    }
    long *dim_of = malloc((fdi_frame_ndims(pf) + 1) * sizeof *dim_of);
    if (!dim_of)
        st = fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    else if ((st = match_keys(pf, p, path, dim_of, err)) == FDI_OK) {
        int by_measure = 0;
        for (size_t d = 0; d + 1 < fdi_frame_ndims(pf); d++)
            by_measure |= dim_of[d] == PLAN_MEASURE;
        if (!by_measure)
            st = one_measure(p, path, "the plan",
                             "add a measure column to the plan, or choose one with --value",
                             err);
        uint32_t *line = st == FDI_OK ? calloc(2 * fdi_panel_nseries(p) + 1, sizeof *line)
                                      : NULL;
        unsigned char *exact = st == FDI_OK ? malloc(fdi_frame_ndims(pf) + 1) : NULL;
        if (st == FDI_OK && (!line || !exact))
            st = fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
        if (st == FDI_OK)
            st = apply_rows(pf, p, dim_of, fy, path, line, exact, out, err);
        free(exact);
        free(line);
    }
    free(dim_of);
    fdi_frame_destroy(pf);
    return st;
}

fdi_status fdi_plans_load(const fdi_panel *p, int32_t as_of, const fdi_plan_source *src,
                          fdi_plans *out, fdi_error *err)
{
    size_t S = fdi_panel_nseries(p);
    fdi_plan_source none = fdi_plan_source_default();
    fdi_status st;
    if (!src)
        src = &none;
    if ((st = fdi_plan_source_check(src, 0, err)) != FDI_OK ||
        (!isnan(src->plan_value) &&
         (st = one_measure(p, NULL, "--plan-value", "choose one with --value", err)) != FDI_OK) ||
        (!isnan(src->target) &&
         (st = one_measure(p, NULL, "--target", "choose one with --value", err)) != FDI_OK))
        return st;
    out->n = S;
    out->plan = malloc((S ? S : 1) * sizeof *out->plan);
    out->target = malloc((S ? S : 1) * sizeof *out->target);
    if (!out->plan || !out->target) {
        fdi_plans_free(out);
        return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    }
    for (size_t s = 0; s < S; s++) {
        out->plan[s] = src->plan_value;
        out->target[s] = src->target;
    }
    if (src->plan_file && (st = read_plan_file(p, as_of, src->plan_file, out, err)) != FDI_OK) {
        fdi_plans_free(out);
        return st;
    }
    return FDI_OK;
}
