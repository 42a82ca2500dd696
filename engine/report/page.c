/* page.c - the report as one self-contained HTML page
 * (fdi_report_write_html): no script, no URL, the style and the chart's
 * SVG inline, laid out for a phone as well as a desk (the viewport meta,
 * the chart scaled to the width, each table scrolling sideways in its own
 * box). */
#include "fdi/ask.h"
#include "base/utf8.h"
#include "fdi/table.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

enum { NOTES_LISTED = 200 };

/* The page's own words, in English and in Vietnamese. */
typedef struct {
    const char *lang, *title, *figures, *months, *notes, *none, *data, *as_of, *plan;
} words;

static const words word_en = {"en",         "FDI report", "Figures",  "Month by month",
                              "Notes",      "none",       "Data",     "as of",
                              "plan"};
static const words word_vi = {"vi",         "Báo cáo FDI", "Số liệu", "Theo tháng",
                              "Ghi chú",    "không có",    "Dữ liệu", "đến kỳ",
                              "kế hoạch"};

static const char style[] =
    "<style>\n"
    "body { font-family: 'DejaVu Sans', sans-serif; line-height: 1.5; margin: 0 auto;\n"
    "       padding: 1em; max-width: 60em; color: #222; }\n"
    "h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 1.5em; }\n"
    ".source { color: #555; font-size: 0.9em; overflow-wrap: anywhere; }\n"
    "figure { margin: 1em 0; }\n"
    "svg, img { max-width: 100%; height: auto; display: block; }\n"
    ".scroll { overflow-x: auto; max-width: 100%; }\n"
    "table { border-collapse: collapse; font-size: 0.9em; }\n"
    "th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; white-space: nowrap; }\n"
    "th { background: #f2f2f2; }\n"
    "td.num { text-align: right; font-variant-numeric: tabular-nums; }\n"
    "@media print { .scroll { overflow: visible; } table { font-size: 0.6em; }\n"
    "               th, td { white-space: normal; } }\n"
    "</style>\n";

/* Text as HTML: & < > " escaped, a byte that starts no UTF-8 sequence
 * written as U+FFFD. */
static void esc(FILE *out, const char *text)
{
    const unsigned char *s = (const unsigned char *)text;
    while (*s) {
        size_t n = fdi__utf8_len(s);
        if (n == 0) {
            fputs("\xEF\xBF\xBD", out);
            s++;
        } else if (n > 1) {
            fwrite(s, 1, n, out);
            s += n;
        } else {
            const char *e = *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : *s == '>' ? "&gt;"
                          : *s == '"' ? "&quot;" : NULL;
            if (e)
                fputs(e, out);
            else
                fputc(*s, out);
            s++;
        }
    }
}

static void tag(FILE *out, const char *open, const char *text, const char *close)
{
    fputs(open, out);
    esc(out, text);
    fputs(close, out);
}

/* The chart's <svg> element inline: cairo's file without its XML
 * declaration, the opening tag replaced by one keeping the viewBox (the
 * namespaces are the HTML parser's own), so that CSS scales it. */
static void chart(FILE *out, const char *svg)
{
    const char *start = svg ? strstr(svg, "<svg") : NULL;
    const char *end = start ? strchr(start, '>') : NULL;
    const char *vb = start ? strstr(start, "viewBox=\"") : NULL;
    if (!end)
        return;
    fputs("<figure class=\"chart\">\n<svg role=\"img\"", out);
    if (vb && vb < end) {
        const char *q = strchr(vb + 9, '"');
        if (q && q < end)
            fprintf(out, " viewBox=\"%.*s\"", (int)(q - vb - 9), vb + 9);
    }
    fputs(" preserveAspectRatio=\"xMinYMin meet\">", out);
    fputs(end + 1, out);
    fputs("</figure>\n", out);
}

static int skipped(const char *column)
{
    return strcmp(column, "note") == 0 || strcmp(column, "paragraph_en") == 0 ||
           strcmp(column, "paragraph_vi") == 0;
}

/* t as a table in a box that scrolls sideways; its notes are listed below
 * the page's tables, and the paragraphs are the page's text. */
static void table(FILE *out, const char *heading, const fdi_table *t)
{
    char buf[1024];
    int nc = (int)fdi_table_ncols(t);
    tag(out, "<h2>", heading, "</h2>\n<div class=\"scroll\">\n<table>\n<thead>\n<tr>");
    for (int c = 0; c < nc; c++)
        if (!skipped(fdi_table_column_name(t, c)))
            tag(out, "<th>", fdi_table_column_name(t, c), "</th>");
    fputs("</tr>\n</thead>\n<tbody>\n", out);
    for (long r = 0; r < (long)fdi_table_nrows(t); r++) {
        fputs("<tr>", out);
        for (int c = 0; c < nc; c++) {
            if (skipped(fdi_table_column_name(t, c)))
                continue;
            fdi_table_cell_text(t, r, c, buf, sizeof buf);
            tag(out, fdi_table_column_kind(t, c) == FDI_COL_TEXT ? "<td>" : "<td class=\"num\">",
                buf, "</td>");
        }
        fputs("</tr>\n", out);
    }
    fputs("</tbody>\n</table>\n</div>\n", out);
}

static void note_item(void *ctx, const char *note)
{
    tag(ctx, "<li>", note, "</li>\n");
}

static void notes(FILE *out, const words *w, const fdi_report *r)
{
    const fdi_table *months = fdi_report_months(r);
    long n;
    tag(out, "<h2>", w->notes, "</h2>\n<ul class=\"notes\">\n");
    n = fdi_table_notes(fdi_report_table(r), NOTES_LISTED, note_item, out);
    if (months)
        n += fdi_table_notes(months, NOTES_LISTED, note_item, out);
    if (n <= 0)
        tag(out, "<li>", w->none, "</li>\n");
    fputs("</ul>\n", out);
}

/* "Data: FILE, FILE (as of 2016-09); plan: FILE." */
static void source(FILE *out, const words *w, const fdi_report_page *pg, const char *as_of)
{
    tag(out, "<p class=\"source\">", w->data, ": ");
    for (size_t i = 0; i < pg->ninputs; i++)
        tag(out, i ? ", <code>" : "<code>", pg->inputs[i], "</code>");
    fprintf(out, " (%s ", w->as_of);
    esc(out, as_of);
    fputc(')', out);
    if (pg->plan) {
        fprintf(out, "; %s: ", w->plan);
        tag(out, "<code>", pg->plan, "</code>");
    }
    fputs(".</p>\n", out);
}

/* Each series' heading and its paragraph in the languages asked. */
static void paragraphs(FILE *out, const fdi_report *r, int langs)
{
    const fdi_table *t = fdi_report_table(r);
    int en = fdi_table_find_column(t, "paragraph_en"), vi = fdi_table_find_column(t, "paragraph_vi");
    for (size_t s = 0; s < fdi_report_count(r); s++) {
        tag(out, "<section>\n<h2>", fdi_report_title(r, s), "</h2>\n");
        if ((langs & FDI_PAGE_EN) && en >= 0)
            tag(out, "<p lang=\"en\">", fdi_table_text(t, (long)s, en), "</p>\n");
        if ((langs & FDI_PAGE_VI) && vi >= 0)
            tag(out, "<p lang=\"vi\">", fdi_table_text(t, (long)s, vi), "</p>\n");
        fputs("</section>\n", out);
    }
}

fdi_status fdi_report_write_html(const fdi_report *r, const fdi_report_page *pg, FILE *out,
                                 fdi_error *err)
{
    const fdi_table *t = fdi_report_table(r);
    const words *w = pg->langs == FDI_PAGE_VI ? &word_vi : &word_en;
    int per = fdi_table_find_column(t, "period");
    const char *as_of = per >= 0 && fdi_table_nrows(t) ? fdi_table_text(t, 0, per) : "";
    if (!(pg->langs & (FDI_PAGE_EN | FDI_PAGE_VI)))
        return fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0, "the page shows en, vi or both");
    fprintf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
            w->lang);
    fprintf(out, "<title>%s, ", w->title);
    esc(out, as_of);
    fprintf(out, "</title>\n%s</head>\n<body>\n<h1>%s, ", style, w->title);
    esc(out, as_of);
    fputs("</h1>\n", out);
    source(out, w, pg, as_of);
    paragraphs(out, r, pg->langs);
    chart(out, fdi_report_svg(r));
    table(out, w->figures, t);
    if (fdi_report_months(r))
        table(out, w->months, fdi_report_months(r));
    notes(out, w, r);
    fputs("</body>\n</html>\n", out);
    if (fflush(out) != 0 || ferror(out))
        return fdi_error_set(err, FDI_EIO, NULL, 0, 0, "cannot write the page: %s",
                             strerror(errno ? errno : EIO));
    return FDI_OK;
}
