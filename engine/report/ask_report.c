/* ask_report.c - the report question: per series (or --by group) the
 * paragraph an analyst writes, built from the same figures as yoy, plan
 * and forecast (one forecast, with every forecast option honoured), and
 * the chart from that same forecast. */
#include "report/report_internal.h"
#include "measures/ask_internal.h"
#include "fdi/period.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct fdi_report {
    size_t n;
    char **title, **text;
    char **en, **vi;     /* each paragraph as plain text in both languages */
    char *doc;
    fdi_table *table;    /* fdi_report_table */
    fdi_table *months;   /* fdi_report_months, or NULL */
    char *svg;           /* fdi_report_svg, or NULL */
};

void fdi_report_destroy(fdi_report *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++) {
        free(r->title[i]);
        free(r->text[i]);
        free(r->en[i]);
        free(r->vi[i]);
    }
    free(r->title);
    free(r->text);
    free(r->en);
    free(r->vi);
    free(r->doc);
    fdi_table_destroy(r->table);
    fdi_table_destroy(r->months);
    free(r->svg);
    free(r);
}

size_t fdi_report_count(const fdi_report *r) { return r->n; }
const char *fdi_report_title(const fdi_report *r, size_t i) { return r->title[i]; }
const char *fdi_report_text(const fdi_report *r, size_t i) { return r->text[i]; }
const char *fdi_report_document(const fdi_report *r) { return r->doc; }
const fdi_table *fdi_report_table(const fdi_report *r) { return r->table; }
const fdi_table *fdi_report_months(const fdi_report *r) { return r->months; }
const char *fdi_report_svg(const fdi_report *r) { return r->svg; }

fdi_status fdi_report_options_check(const fdi_report_options *ro, fdi_error *err)
{
    const char *dot = ro->chart ? strrchr(ro->chart, '.') : NULL;
    if (ro->chart && (!dot || (strcasecmp(dot, ".svg") && strcasecmp(dot, ".png") &&
                               strcasecmp(dot, ".pdf"))))
        return fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0,
                             "--chart: the file name must end in .svg, .png or .pdf, "
                             "not \"%s\"", ro->chart);
    if (ro->lang != FDI_LANG_EN && ro->lang != FDI_LANG_VI)
        return fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0, "the language is en or vi");
    return FDI_OK;
}

/* The verb of series s's opening (fdi_report_verb_of) from the words that
 * say what it measures: its labels, its measure, what --by summed into it,
 * the --filter values that selected it, and the caller's hint. */
static int verb_of(const fdi_panel *p, size_t s, const fdi_report_options *ro)
{
    char text[4096];
    size_t at = 0;
    const char *part[] = {fdi_panel_measure(p, s), fdi_panel_summed(p, s), fdi_panel_filters(p),
                          ro->disbursed_hint ? ro->disbursed_hint : ""};
    text[0] = '\0';
    for (size_t d = 0; d < fdi_panel_ndims(p) && at < sizeof text; d++)
        at += (size_t)snprintf(text + at, sizeof text - at, "%s|", fdi_panel_label(p, s, d));
    for (size_t i = 0; i < sizeof part / sizeof part[0] && at < sizeof text; i++)
        at += (size_t)snprintf(text + at, sizeof text - at, "%s|", part[i]);
    return (int)fdi_report_verb_of(text);
}

static char *dup_text(const char *s)
{
    char *d = malloc(strlen(s) + 1);
    return d ? strcpy(d, s) : NULL;
}

/* A figure of the paragraph that overflowed (a forecast's simulated
 * totals, a year to date against a tiny plan): FDI_ERANGE naming it. */
static fdi_status figures_finite(const fdi_report_figures *fg, fdi_error *err)
{
    double plan = fg->plan > 0 ? fg->plan : (double)NAN; /* no plan, no sentence */
    const double v[] = {fg->ytd,  fg->ytd_prev, fg->multiple,           fg->forecast,
                        fg->lo80, fg->hi80,     fg->ytd / plan * 100.0, fg->target / plan * 100.0};
    static const char *const name[] = {"the year to date", "last year's",  "the multiple",
                                       "the forecast",     "the forecast", "the forecast",
                                       "the percent of plan", "the goal against the plan"};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        if (isinf(v[i]))
            return fdi_error_set(err, FDI_ERANGE, NULL, 0, 0,
                                 "%s of %s overflows: beyond the range of a number (1.8e308)",
                                 name[i], fg->subject);
    return FDI_OK;
}

/* A paragraph stands on a year to date: none at --as-of, or one with
 * periods missing (a sum that would claim less than came in), is exit 3
 * with the reason, never "attracted n/a". */
static fdi_status ytd_known(const fdi_yoy *y, const char *subject, int32_t as_of, int freq,
                            fdi_error *err)
{
    char per[16];
    fdi_period_format(as_of, freq, per, sizeof per);
    if ((y->notes & FDI_NOTE_NO_FIGURE) || isnan(y->ytd))
        return fdi_error_set(err, FDI_ECOMPUTE, NULL, 0, 0,
                             "no report for %s: no year to date at %s (the data have no "
                             "figure for it)",
                             subject, per);
    if (y->notes & FDI_NOTE_INCOMPLETE)
        return fdi_error_set(err, FDI_ECOMPUTE, NULL, 0, 0,
                             "no report for %s: the year to date at %s is incomplete, %d of %d "
                             "periods missing (--fill zero counts them as 0 for flows)",
                             subject, per, y->missing, y->periods);
    return FDI_OK;
}

/* Among several series, one without a year to date gets the reason as its
 * paragraph (in the report's language), not a sentence about n/a. */
static void no_ytd_text(const fdi_yoy *y, const char *subject, int32_t as_of, int freq,
                        fdi_lang lang, char *text, size_t size)
{
    char per[16];
    int vi = lang == FDI_LANG_VI, none = (y->notes & FDI_NOTE_NO_FIGURE) || isnan(y->ytd);
    fdi_period_format(as_of, freq, per, sizeof per);
    if (none)
        snprintf(text, size,
                 vi ? "%s: không có số liệu lũy kế từ đầu năm đến %s."
                    : "%s: no year to date at %s (the data have no figure for it).",
                 subject, per);
    else
        snprintf(text, size,
                 vi ? "%s: số liệu lũy kế đến %s chưa đủ (thiếu %d/%d kỳ), không đưa vào báo cáo."
                    : "%s: the year to date at %s is incomplete (%d of %d periods missing) "
                      "and is not reported.",
                 subject, per, y->missing, y->periods);
}

/* Paragraph s as plain text in English and Vietnamese (the table's
 * paragraph_en and paragraph_vi); known: the figures make a paragraph,
 * else the reason there is none.  Nonzero when out of memory. */
static int plain_texts(fdi_report *rep, size_t s, const fdi_report_figures *fg,
                       const fdi_yoy *y, int freq, int known)
{
    char text[8192];
    for (int l = 0; l < 2; l++) {
        fdi_lang lang = l ? FDI_LANG_VI : FDI_LANG_EN;
        if (known)
            fdi_report_paragraph(fg, lang, 0, text, sizeof text);
        else
            no_ytd_text(y, fg->subject, fg->as_of, freq, lang, text, sizeof text);
        if (!((l ? rep->vi : rep->en)[s] = dup_text(text)))
            return -1;
    }
    return 0;
}

/* The forecast of series s in the paragraph's figures, with every note it
 * carries; a series the forecast failed on gets the reason (in why). */
static void forecast_figures(const fdi_fc_panel *fc, size_t s, fdi_report_figures *fg,
                             fdi_error *why)
{
    const fdi_yearend *ye = NULL;
    if (!fc)
        return;
    if (fdi_fc_panel_result(fc, s, &ye, why) != FDI_OK) {
        fg->fc_why = why->message[0] ? why->message : "the method cannot be fitted";
        return;
    }
    if (ye->left <= 0)
        return;
    fg->forecast = ye->point; /* the figure `fdi forecast` gives */
    fg->lo80 = ye->lo80;
    fg->hi80 = ye->hi80;
    fg->p_target = ye->p_target;
    fg->fc_notes = ye->notes;
    fg->fc_method = ye->label;
    fg->fc_widen = ye->widen;
}

/* Paragraph s from its yoy figures, plan, goal and forecast. */
static fdi_status write_paragraph(fdi_report *rep, size_t s, const fdi_panel *p, int32_t as_of,
                           const fdi_yoy *y, const fdi_plans *pl, const fdi_fc_panel *fc,
                           const fdi_report_options *ro, size_t *missing, fdi_error *err)
{
    char subject[512], text[8192], shape[256];
    fdi_panel_series_title(p, s, subject, sizeof subject);
    fdi_panel_shape_note(p, s, shape, sizeof shape);
    fdi_report_figures fg = {subject, verb_of(p, s, ro), as_of, y->ytd, y->ytd_prev,
                             y->multiple, pl->plan[s], fdi_plans_goal(pl, s),
                             NAN, NAN, NAN, NAN,
                             (y->notes & (FDI_NOTE_SMALL_BASE | FDI_NOTE_EARLY)) != 0,
                             ro->unit ? ro->unit : fdi_panel_unit(p, s), 0, NULL, NAN, NULL,
                             fdi_panel_measure(p, s), fdi_panel_summed(p, s),
                             fdi_panel_summed_note(p, s), shape, 0, 0, 0, 0};
    long row = fdi_panel_row(p, as_of);
    fg.members_missing = row >= 0 ? fdi_panel_members_missing(p, s, (size_t)row) : 0;
    fg.members_missing_periods =
        row >= 0 && !fdi_panel_is_ytd(p) && fdi_panel_position(p, (size_t)row) != 1;
    fg.fy_start = fdi_panel_fy_start(p);
    fg.rows_rejected = fdi_panel_rows_rejected(p);
    fdi_error why = {0};
    forecast_figures(fc, s, &fg, &why);
    fdi_status st = ytd_known(y, subject, as_of, fdi_panel_freq(p), err);
    if (st == FDI_ECOMPUTE && fdi_panel_nseries(p) > 1) {
        no_ytd_text(y, subject, as_of, fdi_panel_freq(p), ro->lang, text, sizeof text);
        (*missing)++;
    } else if (st == FDI_OK && (st = figures_finite(&fg, err)) == FDI_OK) {
        fdi_report_paragraph(&fg, ro->lang, ro->markdown, text, sizeof text);
    }
    if (st != FDI_OK && st != FDI_ECOMPUTE)
        return st;
    if (st == FDI_ECOMPUTE && fdi_panel_nseries(p) == 1)
        return st;
    rep->title[s] = dup_text(subject);
    rep->text[s] = dup_text(text);
    if (!rep->title[s] || !rep->text[s] ||
        plain_texts(rep, s, &fg, y, fdi_panel_freq(p), st == FDI_OK))
        return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    return FDI_OK;
}

/* The paragraphs as the command prints them. */
static int assemble(fdi_report *rep, int markdown)
{
    size_t len = 1;
    for (size_t i = 0; i < rep->n; i++)
        len += strlen(rep->title[i]) + strlen(rep->text[i]) + 8;
    if (!(rep->doc = malloc(len)))
        return -1;
    size_t at = 0;
    rep->doc[0] = '\0';
    for (size_t i = 0; i < rep->n; i++) {
        const char *sep = i ? "\n" : "";
        at += (size_t)(markdown ? snprintf(rep->doc + at, len - at, "%s## %s\n\n%s\n", sep,
                                           rep->title[i], rep->text[i])
                                : snprintf(rep->doc + at, len - at, "%s%s\n", sep, rep->text[i]));
    }
    return 0;
}

static fdi_report *report_alloc(size_t n)
{
    fdi_report *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->n = n;
    r->title = calloc(n ? n : 1, sizeof *r->title);
    r->text = calloc(n ? n : 1, sizeof *r->text);
    r->en = calloc(n ? n : 1, sizeof *r->en);
    r->vi = calloc(n ? n : 1, sizeof *r->vi);
    if (!r->title || !r->text || !r->en || !r->vi) {
        fdi_report_destroy(r);
        return NULL;
    }
    return r;
}

/* The forecast behind the sentences (monthly and quarterly data: an annual
 * figure is the whole year); the chart's fan comes from its paths when one
 * series is drawn. */
static fdi_status forecast(const fdi_panel *p, int32_t as_of, const fdi_plans *pl,
                           const fdi_fc_options *o, fdi_fc_panel **fc, fdi_error *err)
{
    *fc = NULL;
    if (fdi_panel_freq(p) == 1)
        return FDI_OK;
    int keep = fdi_panel_nseries(p) == 1; /* the chart's fan, the months' band */
    return fdi_fc_panel_run(p, as_of, pl, o, keep, fc, err);
}

/* The report; svg: also keep the chart as SVG text (fdi_report_svg). */
static fdi_status ask(const fdi_panel *p, int32_t as_of, const fdi_plan_source *src,
                      const fdi_fc_options *o, const fdi_report_options *ro, int svg,
                      fdi_report **out, fdi_error *err)
{
    size_t S = fdi_panel_nseries(p);
    fdi_yoy *y = calloc(S ? S : 1, sizeof *y);
    fdi_plans pl = {0, NULL, NULL};
    fdi_fc_panel *fc = NULL;
    fdi_report *rep = report_alloc(S);
    fdi_status st = fdi_report_options_check(ro, err);
    *out = NULL;
    if (st == FDI_OK && (!y || !rep))
        st = fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    if (st == FDI_OK && fdi_panel_row(p, as_of) < 0)
        st = fdi_error_set(err, FDI_ENODATA, NULL, 0, 0, "the --as-of period is outside the data");
    if (st == FDI_OK)
        st = fdi_measures_yoy(p, as_of, y, err);
    if (st == FDI_OK)
        st = fdi__ask_finite_panel(p, fdi_panel_row(p, as_of), err);
    if (st == FDI_OK)
        st = fdi_plans_load(p, as_of, src, &pl, err);
    if (st == FDI_OK)
        st = forecast(p, as_of, &pl, o, &fc, err);
    size_t missing = 0; /* series without a year to date (each says why) */
    for (size_t s = 0; st == FDI_OK && s < S; s++)
        st = write_paragraph(rep, s, p, as_of, &y[s], &pl, fc, ro, &missing, err);
    if (st == FDI_OK && S && missing == S)
        st = fdi_error_set(err, FDI_ECOMPUTE, NULL, 0, 0,
                           "no report: no series has a year to date at --as-of");
    if (st == FDI_OK && assemble(rep, ro->markdown) != 0)
        st = fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    if (st == FDI_OK)
        st = fdi__report_table(p, as_of, y, &pl, fc, rep->en, rep->vi, &rep->table, err);
    /* the months' band (the workbook's chart): for one monthly series */
    if (st == FDI_OK && fc && S == 1 && fdi_panel_freq(p) == 12 && fdi_fc_panel_paths(fc, 0))
        st = fdi_fc_panel_months(fc, p, as_of, &rep->months, err);
    if (st == FDI_OK && (ro->chart || svg))
        st = fdi__report_chart(p, as_of, y, &pl, fc, ro, svg ? &rep->svg : NULL, err);
    fdi_fc_panel_destroy(fc);
    fdi_plans_free(&pl);
    free(y);
    if (st != FDI_OK) {
        fdi_report_destroy(rep);
        return st;
    }
    *out = rep;
    return FDI_OK;
}

fdi_status fdi_ask_report(const fdi_panel *p, int32_t as_of, const fdi_plan_source *src,
                          const fdi_fc_options *o, const fdi_report_options *ro,
                          fdi_report **out, fdi_error *err)
{
    return ask(p, as_of, src, o, ro, 0, out, err);
}

fdi_status fdi_ask_report_with_svg(const fdi_panel *p, int32_t as_of,
                                   const fdi_plan_source *src, const fdi_fc_options *o,
                                   const fdi_report_options *ro, fdi_report **out,
                                   fdi_error *err)
{
    return ask(p, as_of, src, o, ro, 1, out, err);
}
