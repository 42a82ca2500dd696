/* pages.c - a result table for reading: a Markdown pipe table and a
 * self-contained HTML page (no script, no external style), each showing
 * the cells as the aligned table does ("2,729.86", "6.20x", "151.7%") and
 * the table's notes below it. */
#include "output/output_internal.h"

#include <stdio.h>
#include <string.h>

enum { NOTES_LISTED = 200 };

/* Markdown cell text: '|' and '\' escaped, line ends as blanks. */
static void md_text(FILE *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '|' || *s == '\\')
            fputc('\\', out);
        fputc(*s == '\n' || *s == '\r' ? ' ' : *s, out);
    }
}

static void md_note(void *ctx, const char *note)
{
    FILE *out = ctx;
    fputs("- ", out);
    md_text(out, note);
    fputc('\n', out);
}

int fdi__table_write_markdown(const fdi_table *t, FILE *out)
{
    char buf[1024];
    int nc = (int)fdi_table_ncols(t);
    for (int c = 0; c < nc; c++) {
        fputs(c ? " | " : "| ", out);
        md_text(out, fdi_table_column_name(t, c));
    }
    fputs(nc ? " |\n" : "\n", out);
    for (int c = 0; c < nc; c++)
        fputs(fdi_table_column_kind(t, c) == FDI_COL_TEXT ? "|---" : "|--:", out);
    fputs(nc ? "|\n" : "\n", out);
    for (long r = 0; r < (long)fdi_table_nrows(t); r++) {
        for (int c = 0; c < nc; c++) {
            fdi_table_cell_text(t, r, c, buf, sizeof buf);
            fputs(c ? " | " : "| ", out);
            md_text(out, buf);
        }
        fputs(nc ? " |\n" : "\n", out);
    }
    if (fdi_table_find_column(t, "note") >= 0) {
        fputs("\nNotes:\n\n", out);
        if (fdi_table_notes(t, NOTES_LISTED, md_note, out) == 0)
            fputs("- none\n", out);
    }
    return ferror(out) ? -1 : 0;
}

/* HTML text: & < > " escaped. */
static void html_text(FILE *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '&')
            fputs("&amp;", out);
        else if (*s == '<')
            fputs("&lt;", out);
        else if (*s == '>')
            fputs("&gt;", out);
        else if (*s == '"')
            fputs("&quot;", out);
        else
            fputc(*s, out);
    }
}

static void html_note(void *ctx, const char *note)
{
    FILE *out = ctx;
    fputs("<li>", out);
    html_text(out, note);
    fputs("</li>\n", out);
}

static void html_head(FILE *out, const char *title)
{
    fputs("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>", out);
    html_text(out, title && *title ? title : "fdi");
    fputs("</title>\n<style>\n"
          "body { font-family: sans-serif; margin: 2em; }\n"
          "table { border-collapse: collapse; }\n"
          "th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; }\n"
          "th { background: #f2f2f2; position: sticky; top: 0; }\n"
          "td.num { text-align: right; font-variant-numeric: tabular-nums; }\n"
          "</style>\n</head>\n<body>\n", out);
    if (title && *title) {
        fputs("<h1>", out);
        html_text(out, title);
        fputs("</h1>\n", out);
    }
}

int fdi__table_write_html(const fdi_table *t, const char *title, FILE *out)
{
    char buf[1024];
    int nc = (int)fdi_table_ncols(t);
    html_head(out, title);
    fputs("<table>\n<thead>\n<tr>", out);
    for (int c = 0; c < nc; c++) {
        fputs("<th>", out);
        html_text(out, fdi_table_column_name(t, c));
        fputs("</th>", out);
    }
    fputs("</tr>\n</thead>\n<tbody>\n", out);
    for (long r = 0; r < (long)fdi_table_nrows(t); r++) {
        fputs("<tr>", out);
        for (int c = 0; c < nc; c++) {
            fdi_table_cell_text(t, r, c, buf, sizeof buf);
            fputs(fdi_table_column_kind(t, c) == FDI_COL_TEXT ? "<td>" : "<td class=\"num\">",
                  out);
            html_text(out, buf);
            fputs("</td>", out);
        }
        fputs("</tr>\n", out);
    }
    fputs("</tbody>\n</table>\n", out);
    if (fdi_table_find_column(t, "note") >= 0) {
        fputs("<h2>Notes</h2>\n<ul>\n", out);
        if (fdi_table_notes(t, NOTES_LISTED, html_note, out) == 0)
            fputs("<li>none</li>\n", out);
        fputs("</ul>\n", out);
    }
    fputs("</body>\n</html>\n", out);
    return ferror(out) ? -1 : 0;
}
