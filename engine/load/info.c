/* info.c - what `fdi info` shows of a file, as one table (fdi_info_table):
 * the row accounting, the columns and their roles, keys, measures, the
 * gaps inside each series, every rejection, and where the file holds
 * total rows beside their members how far the members' sum is from each
 * total (totals.c), for csv, json and files. */
#include "fdi/load.h"
#include "fdi/period.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { C_SECTION, C_ITEM, C_VALUE, C_TEXT, C_TOTALS };

/* One row; 0, or -1 when out of memory. */
static int row(fdi_table *t, const char *section, const char *item, double value,
               const char *text)
{
    long r = fdi_table_add_row(t);
    if (r < 0 || fdi_table_set_text(t, r, C_SECTION, section) ||
        fdi_table_set_text(t, r, C_ITEM, item) || (text && fdi_table_set_text(t, r, C_TEXT, text)))
        return -1;
    fdi_table_set_num(t, r, C_VALUE, value);
    return 0;
}

static const char *freq_word(int f)
{
    return f == 1 ? "annual" : f == 4 ? "quarterly" : "monthly";
}

static int file_rows(fdi_table *t, const fdi_frame *f)
{
    const fdi_ingest_stats *s = fdi_frame_stats(f);
    const struct {
        const char *name;
        size_t v;
    } n[] = {{"bytes", s->bytes},          {"header_line", s->header_line},
             {"skipped_lines", s->skipped_lines}, {"series", fdi_frame_nseries(f)},
             {"rows_read", s->rows_read},   {"rows_used", s->rows_used},
             {"rows_rejected", s->rows_rejected}, {"blank_rows", s->blank_rows},
             {"rows_outside", s->rows_outside}, {"cells_kept", s->observations},
             {"cells_missing", s->cells_missing}};
    if (row(t, "file", "path", NAN, fdi_frame_path(f)) ||
        row(t, "file", "layout", NAN, fdi_frame_layout(f)) ||
        row(t, "file", "frequency", fdi_frame_freq(f), freq_word(fdi_frame_freq(f))) ||
        row(t, "file", "values", NAN, fdi_frame_is_ytd(f) ? "cumulative year to date" : "flows"))
        return -1;
    for (size_t i = 0; i < sizeof n / sizeof n[0]; i++)
        if (row(t, "file", n[i].name, (double)n[i].v, NULL))
            return -1;
    return 0;
}

static int schema_rows(fdi_table *t, const fdi_frame *f)
{
    size_t nd = fdi_frame_ndims(f);
    char num[32];
    for (size_t c = 0; c < fdi_frame_ncolumns(f); c++) {
        snprintf(num, sizeof num, "(column %zu)", c + 1);
        const char *name = fdi_frame_column_name(f, c);
        if (row(t, "column", name[0] ? name : num, (double)(c + 1), fdi_frame_column_role(f, c)))
            return -1;
    }
    for (size_t d = 0; d + 1 < nd; d++)
        if (row(t, "key", fdi_frame_dim_name(f, d), (double)fdi_frame_nlabels(f, d), NULL))
            return -1;
    for (uint32_t m = 0; nd && m < fdi_frame_nlabels(f, nd - 1); m++)
        if (row(t, "measure", fdi_frame_label(f, nd - 1, m), NAN, NULL))
            return -1;
    return 0;
}

/* "2016-03 2016-04 ..." : the periods missing inside series s's span. */
static void missing_text(const fdi_panel *p, size_t s, long first, long last, char *buf,
                         size_t size)
{
    size_t at = 0;
    char per[16];
    buf[0] = '\0';
    for (long t = first; t <= last && at + 20 < size; t++) {
        double v = fdi_panel_source(p, (size_t)t)[s];
        if (v == v)
            continue;
        fdi_period_format(fdi_panel_period(p, (size_t)t), fdi_panel_freq(p), per, sizeof per);
        at += (size_t)snprintf(buf + at, size - at, "%s%s", at ? " " : "", per);
    }
}

/* The series' periods and gaps: the totals as "file" rows, then one
 * "gap" row per series with gaps (with_rows). */
static int gap_rows(fdi_table *t, const fdi_panel *p, int with_rows)
{
    char title[512], text[4096], a[16], b[16];
    size_t S = fdi_panel_nseries(p), total = 0, with = 0, n = S ? S : 1;
    long *first = malloc(n * sizeof *first), *last = malloc(n * sizeof *last);
    size_t *missing = malloc(n * sizeof *missing);
    int rc = first && last && missing ? 0 : -1;
    if (rc == 0)
        fdi_panel_gaps(p, first, last, missing);
    for (size_t s = 0; rc == 0 && s < S; s++) {
        if (!missing[s])
            continue;
        total += missing[s];
        with++;
        if (!with_rows)
            continue;
        fdi_panel_series_title(p, s, title, sizeof title);
        missing_text(p, s, first[s], last[s], text, sizeof text);
        rc = row(t, "gap", title, (double)missing[s], text);
    }
    fdi_period_format(fdi_panel_period(p, 0), fdi_panel_freq(p), a, sizeof a);
    fdi_period_format(fdi_panel_period(p, fdi_panel_nperiods(p) - 1), fdi_panel_freq(p), b,
                      sizeof b);
    snprintf(text, sizeof text, "%s .. %s", a, b);
    if (rc == 0 && !with_rows)
        rc = row(t, "file", "periods", (double)fdi_panel_nperiods(p), text) ||
             row(t, "file", "gaps", (double)total, NULL) ||
             row(t, "file", "series_with_gaps", (double)with, NULL);
    free(first);
    free(last);
    free(missing);
    return rc ? -1 : 0;
}

static int rejection_rows(fdi_table *t, const fdi_frame *f)
{
    char where[1200];
    const fdi_ingest_stats *s = fdi_frame_stats(f);
    for (size_t i = 0; i < fdi_frame_nrejections(f); i++) {
        const fdi_rejection *r = fdi_frame_rejection(f, i);
        if (r->column)
            snprintf(where, sizeof where, "%s:%zu:%zu", fdi_frame_path(f), r->line, r->column);
        else
            snprintf(where, sizeof where, "%s:%zu", fdi_frame_path(f), r->line);
        if (row(t, "rejection", where, (double)r->line, r->message))
            return -1;
    }
    if (s->rows_rejected > fdi_frame_nrejections(f)) {
        snprintf(where, sizeof where, "%zu more rejected rows not listed",
                 s->rows_rejected - fdi_frame_nrejections(f));
        return row(t, "rejection", "...", (double)(s->rows_rejected - fdi_frame_nrejections(f)),
                   where);
    }
    return 0;
}

/* Every series as read, for its periods and gaps; a duplicate is said
 * (dup) and the first value kept. */
static fdi_status series_panel(const fdi_frame *f, const fdi_panel_options *opts,
                               fdi_panel **p, char *dup, size_t size, fdi_error *err)
{
    fdi_panel_options po = *opts;
    po.by = NULL;
    po.source_only = 1;
    dup[0] = '\0';
    fdi_status st = fdi_panel_build(f, &po, p, err);
    if (st == FDI_EDUP) {
        fdi_error_format(err, dup, size);
        po.dedupe = FDI_DEDUPE_FIRST;
        st = fdi_panel_build(f, &po, p, err);
    }
    return st;
}

/* The members' sums against their totals (fdi_info_totals_of_panel), a
 * "total" row per total and period: item the total, value the members
 * with a value, text the period, and the figures in the columns from
 * C_TOTALS on.  0, or the status of the failure. */
static fdi_status total_rows(fdi_table *t, const fdi_panel *p, const char *by, fdi_error *err)
{
    fdi_table *tot = NULL;
    fdi_status st = fdi_info_totals_of_panel(p, by, &tot, err);
    for (long r = 0; st == FDI_OK && r < (long)fdi_table_nrows(tot); r++) {
        if (row(t, "total", fdi_table_text(tot, r, 0), fdi_table_num(tot, r, 2),
                fdi_table_text(tot, r, 1)))
            st = fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
        long at = (long)fdi_table_nrows(t) - 1; /* the row just added */
        for (int c = 0; st == FDI_OK && c < 5; c++) /* members_missing .. difference_pct */
            fdi_table_set_num(t, at, C_TOTALS + c, fdi_table_num(tot, r, 3 + c));
    }
    fdi_table_destroy(tot);
    return st;
}

static int all_rows(fdi_table *t, const fdi_frame *f, const fdi_panel *p, const char *dup)
{
    return file_rows(t, f) || (p && gap_rows(t, p, 0)) || schema_rows(t, f) ||
           (p && gap_rows(t, p, 1)) || (dup[0] && row(t, "duplicate", "", NAN, dup)) ||
           rejection_rows(t, f);
}

/* The columns of the info table: section, item, value, text, and the
 * figures of the "total" rows. */
static fdi_table *info_columns(void)
{
    static const struct {
        const char *name;
        fdi_col_kind kind;
    } col[] = {{"section", FDI_COL_TEXT},       {"item", FDI_COL_TEXT},
               {"value", FDI_COL_INT},          {"text", FDI_COL_TEXT},
               {"members_missing", FDI_COL_INT}, {"members_sum", FDI_COL_AMOUNT},
               {"published_total", FDI_COL_AMOUNT}, {"difference", FDI_COL_AMOUNT},
               {"difference_pct", FDI_COL_SIGNED_PERCENT}};
    fdi_table *t = fdi_table_create();
    for (size_t c = 0; t && c < sizeof col / sizeof col[0]; c++)
        if (fdi_table_add_column(t, col[c].name, col[c].kind) < 0) {
            fdi_table_destroy(t);
            return NULL;
        }
    return t;
}

fdi_status fdi_info_totals(const fdi_frame *f, const fdi_panel_options *po, fdi_table **out,
                           fdi_error *err)
{
    fdi_panel *p = NULL;
    char dup[1024];
    fdi_status st = series_panel(f, po, &p, dup, sizeof dup, err);
    *out = NULL;
    if (st == FDI_OK)
        st = fdi_info_totals_of_panel(p, po->by, out, err);
    fdi_panel_destroy(p);
    return st;
}

fdi_status fdi_info_table(const fdi_frame *f, const fdi_panel_options *po, fdi_table **out,
                          fdi_error *err)
{
    fdi_panel *p = NULL;
    fdi_table *t = info_columns();
    char dup[1024];
    fdi_status st = FDI_OK;
    *out = NULL;
    dup[0] = '\0';
    if (!t)
        st = fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    if (st == FDI_OK && fdi_frame_nobs(f))
        st = series_panel(f, po, &p, dup, sizeof dup, err);
    if (st == FDI_OK && all_rows(t, f, p, dup))
        st = fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    if (st == FDI_OK && p)
        st = total_rows(t, p, po->by, err);
    fdi_panel_destroy(p);
    if (st != FDI_OK) {
        fdi_table_destroy(t);
        return st;
    }
    *out = t;
    return FDI_OK;
}
