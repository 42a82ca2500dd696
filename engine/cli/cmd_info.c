/* cmd_info.c - `fdi info`: what ingest made of a file. */
#include "cli.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { GAP_SERIES_SHOWN = 10, GAPS_SHOWN = 12 };

/* Where the text goes: standard output, or -o FILE's stream. */
static FILE *out;

static const char *freq_word(int f)
{
    return f == 1 ? "annual" : f == 4 ? "quarterly" : "monthly";
}

static void print_series_name(const fdi_panel *p, size_t s)
{
    for (size_t d = 0; d < fdi_panel_ndims(p); d++)
        fprintf(out, "%s%s", d ? " / " : "", fdi_panel_label(p, s, d));
    fprintf(out, "%s%s", fdi_panel_ndims(p) ? " / " : "", fdi_panel_measure(p, s));
}

/* "  area / value: 2 missing: 2016-03 2016-04" */
static void print_series_gaps(const fdi_panel *p, size_t s, long first, long last, size_t n)
{
    char per[16];
    fprintf(out, "  ");
    print_series_name(p, s);
    fprintf(out, ": %zu missing:", n);
    n = 0;
    for (long t = first; t <= last; t++) {
        if (fdi_panel_source(p, (size_t)t)[s] == fdi_panel_source(p, (size_t)t)[s])
            continue;
        if (n++ == GAPS_SHOWN) {
            fprintf(out, " ...");
            break;
        }
        fdi_period_format(fdi_panel_period(p, (size_t)t), fdi_panel_freq(p), per, sizeof per);
        fprintf(out, " %s", per);
    }
    fprintf(out, "\n");
}

/* Missing periods inside each series' span (fdi_panel_gaps); the first
 * series with gaps named.  0, or -1 when out of memory. */
static int print_gaps(const fdi_panel *p)
{
    size_t S = fdi_panel_nseries(p), with_gaps = 0, total = 0;
    long *first = malloc((S ? S : 1) * sizeof *first), *last = malloc((S ? S : 1) * sizeof *last);
    size_t *missing = malloc((S ? S : 1) * sizeof *missing);
    if (!first || !last || !missing) {
        free(first);
        free(last);
        free(missing);
        return -1;
    }
    fdi_panel_gaps(p, first, last, missing);
    for (size_t s = 0; s < S; s++) {
        if (!missing[s])
            continue;
        total += missing[s];
        if (with_gaps++ < GAP_SERIES_SHOWN)
            print_series_gaps(p, s, first[s], last[s], missing[s]);
    }
    if (with_gaps > GAP_SERIES_SHOWN)
        fprintf(out, "  ... and %zu more series with gaps\n", with_gaps - GAP_SERIES_SHOWN);
    fprintf(out, "gaps: %zu periods missing inside %zu of %zu series\n", total, with_gaps, S);
    free(first);
    free(last);
    free(missing);
    return 0;
}

/* "2015: members 2,164,658,602,681.90, total 2,164,658,602,681.90,
 * difference 0.00 (+0.0000%)" of row r of the totals table. */
static void print_total_row(const fdi_table *t, long r)
{
    char sum[64], pub[64], diff[64];
    double pct = fdi_table_num(t, r, 7);
    fdi_format_amount(fdi_table_num(t, r, 4), 2, sum, sizeof sum);
    fdi_format_amount(fdi_table_num(t, r, 5), 2, pub, sizeof pub);
    fdi_format_amount(fdi_table_num(t, r, 6), 2, diff, sizeof diff);
    fprintf(out, "%s: members %s, total %s, difference %s", fdi_table_text(t, r, 1), sum, pub,
            diff);
    if (pct == pct)
        fprintf(out, " (%+.4f%%)", pct);
    double none = fdi_table_num(t, r, 3);
    if (none > 0)
        fprintf(out, ", %.0f member%s without a value", none, none == 1 ? "" : "s");
}

/* The members' sums against their totals (fdi_info_totals_of_panel), one
 * total a line: its periods, the largest difference and the last period. */
static int print_totals(const fdi_panel *p, const char *by)
{
    fdi_table *t = NULL;
    fdi_error err;
    if (fdi_info_totals_of_panel(p, by, &t, &err) != FDI_OK)
        return -1;
    long n = (long)fdi_table_nrows(t);
    if (n)
        fprintf(out, "totals: the members' sum against each total row\n");
    for (long i = 0, j; i < n; i = j) {
        long worst = i;
        for (j = i; j < n && strcmp(fdi_table_text(t, j, 0), fdi_table_text(t, i, 0)) == 0; j++)
            if (fabs(fdi_table_num(t, j, 6)) > fabs(fdi_table_num(t, worst, 6)))
                worst = j;
        fprintf(out, "  %s: %s%ld periods, %s .. %s\n    largest difference ",
                fdi_table_text(t, i, 0),
                strcmp(fdi_table_text(t, i, 8), "figures") == 0
                    ? "found by its figures (the sum of the others), "
                    : "",
                j - i, fdi_table_text(t, i, 1), fdi_table_text(t, j - 1, 1));
        print_total_row(t, worst);
        fprintf(out, "\n    last ");
        print_total_row(t, j - 1);
        fprintf(out, "\n");
        if (fdi_table_num(t, worst, 7) > 50) /* members that are themselves sums */
            fprintf(out, "    (the members add up to far more than the total: some may be "
                         "aggregates of others, as regions or income groups; --filter or --map "
                         "chooses the members)\n");
    }
    if (n)
        fprintf(out, "  (every period: fdi info --format csv, section total)\n");
    fdi_table_destroy(t);
    return 0;
}

static void print_columns(const fdi_frame *f)
{
    int by_column = strcmp(fdi_frame_layout(f), "periods-as-columns") == 0;
    fprintf(out, "columns:\n");
    for (size_t c = 0; c < fdi_frame_ncolumns(f); c++) {
        if (c >= 12 && by_column && strcmp(fdi_frame_column_role(f, c), "period (column)") == 0) {
            size_t k = c;
            while (k < fdi_frame_ncolumns(f) &&
                   strcmp(fdi_frame_column_role(f, k), "period (column)") == 0)
                k++;
            if (k - c > 2) { /* a run of period columns in one line */
                fprintf(out, "  %3zu..%zu  ... %s\n", c + 1, k - 1, "period (column)");
                c = k - 2;
                continue;
            }
        }
        const char *name = fdi_frame_column_name(f, c)[0] ? fdi_frame_column_name(f, c)
                                                          : "(no name)";
        size_t w = fdi_output_text_width(name); /* pad by columns, not bytes */
        fprintf(out, "  %3zu  %s%*s %s\n", c + 1, name, w < 40 ? (int)(40 - w) : 0, "",
                fdi_frame_column_role(f, c));
    }
}

/* The file, its layout, header, columns, keys, measures and row accounting. */
static void print_schema(const fdi_frame *f)
{
    const fdi_ingest_stats *s = fdi_frame_stats(f);
    size_t nd = fdi_frame_ndims(f);
    const char *sheet = fdi_frame_sheet(f), *line = sheet ? "row" : "line";
    fprintf(out, "file: %s (%zu bytes)\n", fdi_frame_path(f), s->bytes);
    if (sheet)
        fprintf(out, "sheet: %s\n", sheet);
    fprintf(out, "layout: %s, %s, %s\n", fdi_frame_layout(f), freq_word(fdi_frame_freq(f)),
            fdi_frame_is_ytd(f) ? "cumulative year to date (--ytd)" : "flows per period");
    fprintf(out, "header: %s %zu", line, s->header_line);
    if (s->skipped_lines)
        fprintf(out, " (%zu %s%s before it skipped)", s->skipped_lines, line,
               s->skipped_lines == 1 ? "" : "s");
    fprintf(out, "\n");
    print_columns(f);
    fprintf(out, "keys:");
    for (size_t d = 0; d + 1 < nd; d++)
        fprintf(out, "%s %s (%zu value%s)", d ? "," : "", fdi_frame_dim_name(f, d),
               fdi_frame_nlabels(f, d), fdi_frame_nlabels(f, d) == 1 ? "" : "s");
    if (nd == 1)
        fprintf(out, " none");
    char unmapped[2048];
    fdi_frame_unmapped_note(f, unmapped, sizeof unmapped);
    if (unmapped[0])
        fprintf(out, "\nmap: %s", unmapped);
    fprintf(out, "\nmeasures:");
    for (uint32_t m = 0; m < fdi_frame_nlabels(f, nd - 1); m++)
        fprintf(out, "%s %s", m ? "," : "", fdi_frame_label(f, nd - 1, m));
    fprintf(out, "\nseries: %zu\n", fdi_frame_nseries(f));
    fprintf(out, "rows: %zu read = %zu used + %zu rejected", s->rows_read, s->rows_used,
           s->rows_rejected);
    if (s->blank_rows)
        fprintf(out, " (and %zu blank)", s->blank_rows);
    if (s->rows_outside)
        fprintf(out, " (and %zu after --as-of, not read)", s->rows_outside);
    fprintf(out, "\ncells: %zu value%s kept, %zu empty or NA\n", s->observations,
            s->observations == 1 ? "" : "s", s->cells_missing);
}

/* Every series as read: its periods and gaps (duplicates said, the first
 * kept); rc: the exit code so far. */
static int print_periods(const cli_options *o, const fdi_frame *f, int rc)
{
    fdi_panel *p = NULL;
    fdi_panel_options po = o->panel;
    fdi_error err;
    char a[16], b[16];
    po.by = NULL;       /* every series as read */
    po.source_only = 1; /* its periods and gaps: no year to date */
    fdi_status st = fdi_panel_build(f, &po, &p, &err);
    if (st == FDI_EDUP) {
        char buf[1024];
        fdi_error_format(&err, buf, sizeof buf);
        fprintf(out, "duplicates: %s\n", buf);
        po.dedupe = FDI_DEDUPE_FIRST;
        st = fdi_panel_build(f, &po, &p, &err);
        if (!rc)
            rc = EXIT_DATA;
    }
    if (st != FDI_OK)
        return cli_fail(st, &err);
    fdi_period_format(fdi_panel_period(p, 0), fdi_panel_freq(p), a, sizeof a);
    fdi_period_format(fdi_panel_period(p, fdi_panel_nperiods(p) - 1), fdi_panel_freq(p), b,
                      sizeof b);
    fprintf(out, "periods: %s .. %s (%zu)\n", a, b, fdi_panel_nperiods(p));
    if (print_gaps(p) != 0 || print_totals(p, o->panel.by) != 0)
        rc = cli_fail(fdi_error_set(&err, FDI_ENOMEM, NULL, 0, 0, "out of memory"), &err);
    fdi_panel_destroy(p);
    return rc;
}

static void print_rejections(const fdi_frame *f)
{
    const fdi_ingest_stats *s = fdi_frame_stats(f);
    fprintf(out, "rejected rows:\n");
    for (size_t i = 0; i < fdi_frame_nrejections(f); i++) {
        const fdi_rejection *r = fdi_frame_rejection(f, i);
        char where[512];
        size_t line;
        const char *file = fdi_frame_where(f, r->line, &line);
        fdi_location_format(file, fdi_frame_sheet(f), line, r->column, where, sizeof where);
        fprintf(out, "  %s: %s\n", where, r->message);
    }
    if (s->rows_rejected > fdi_frame_nrejections(f))
        fprintf(out, "  ... and %zu more\n", s->rows_rejected - fdi_frame_nrejections(f));
}

/* info as the text above, to stdout or -o FILE; rc: the exit code so far. */
static int info_text(const cli_options *o, const fdi_frame *f, int rc)
{
    fdi_output *file = NULL;
    if (o->output && (rc = cli_output_open(o, &file)) != 0)
        return rc;
    out = file ? fdi_output_stream(file) : stdout;
    print_schema(f);
    if (fdi_frame_nobs(f))
        rc = print_periods(o, f, rc);
    if (fdi_frame_stats(f)->rows_rejected)
        print_rejections(f);
    out = stdout;
    return file ? cli_output_close(file, rc) : rc;
}

int cmd_info(const cli_options *o)
{
    fdi_frame *f;
    fdi_table *t = NULL;
    fdi_error err = {0};
    int rc = cli_load_frame(o, &f, NULL);
    if (rc && !f)
        return rc;
    if (o->format == FDI_FORMAT_TABLE) {
        rc = info_text(o, f, rc);
    } else {
        fdi_status st = fdi_info_table(f, &o->panel, &t, &err);
        if (st != FDI_OK)
            rc = cli_fail(st, &err);
        for (long r = 0; st == FDI_OK && r < (long)fdi_table_nrows(t); r++)
            if (!rc && strcmp(fdi_table_text(t, r, 0), "duplicate") == 0)
                rc = EXIT_DATA; /* as the text says "duplicates:" and exits 2 */
        /* exit 2 (--strict and rejections, duplicates): listed on stdout,
         * and -o FILE, a failed run, writes nothing */
        if (st == FDI_OK && (rc == 0 || !o->output)) {
            int w = cli_write(o, t, NULL, NULL);
            rc = rc ? rc : w;
        }
        fdi_table_destroy(t);
    }
    fdi_frame_destroy(f);
    return rc;
}
