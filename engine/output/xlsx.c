/* xlsx.c - result tables as an Excel workbook, through libxlsxwriter
 * (Debian: libxlsxwriter-dev; it writes the Office Open XML parts and the
 * zip itself, at workbook_close).
 *
 * One worksheet per table: the header row bold and frozen, text as text,
 * numbers as numbers with the number format of the column's kind, so that
 * the cell holds the same number as the csv and shows what the aligned
 * table shows:
 *   amount          #,##0.00         2,729.86
 *   multiple        0.00"x"          6.20x
 *   percent         #,##0.0"%"       151.7%   (the cell holds 151.7, as csv)
 *   signed percent  +0.0"%"          +51.7%
 *   probability     0.0%             93.9%    (the cell holds 0.939, as csv)
 *   count           0
 * A missing figure is an empty cell.  The notes of every table (its note
 * column, each note once) are listed on a last sheet, "notes".  A chart is
 * its data on a sheet of its own and a native line chart beside it. */
#define _POSIX_C_SOURCE 200809L
#include "output/output_internal.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <xlsxwriter.h>

enum { KINDS = FDI_COL_INT + 1, MAX_SHEETS = 64, NOTES_KEPT = 500 };

struct fdi__xlsx {
    lxw_workbook *wb;
    const char *path;
    lxw_format *num[KINDS], *head, *wrap;
    char names[MAX_SHEETS][48];
    int nsheets;
    char **notes; /* "sheet\tnote", in order */
    size_t nnotes;
};

static const char *const num_format[KINDS] = {
    [FDI_COL_AMOUNT] = "#,##0.00",
    [FDI_COL_MULTIPLE] = "0.00\"x\"",
    [FDI_COL_PERCENT] = "#,##0.0\"%\"",
    [FDI_COL_SIGNED_PERCENT] = "+#,##0.0\"%\";-#,##0.0\"%\";0.0\"%\"",
    [FDI_COL_PROBABILITY] = "0.0%",
    [FDI_COL_INT] = "0",
};

static fdi_status lxw_fail(const fdi__xlsx *x, lxw_error e, fdi_error *err)
{
    if (e == LXW_ERROR_MEMORY_MALLOC_FAILED)
        return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    return fdi_error_set(err, FDI_EIO, NULL, 0, 0, "cannot write %s: %s%s%s", x->path,
                         lxw_strerror(e), errno ? ": " : "", errno ? strerror(errno) : "");
}

static void xlsx_free(fdi__xlsx *x)
{
    for (size_t i = 0; i < x->nnotes; i++)
        free(x->notes[i]);
    free(x->notes);
    free(x);
}

fdi_status fdi__xlsx_out_open(const char *file, const char *shown, const char *title,
                          fdi__xlsx **out, fdi_error *err)
{
    fdi__xlsx *x = calloc(1, sizeof *x);
    lxw_workbook_options opt = {0};
    *out = NULL;
    if (!x || !(x->notes = calloc(NOTES_KEPT, sizeof *x->notes))) {
        free(x);
        return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    }
    x->path = shown;
    if (!(x->wb = workbook_new_opt(file, &opt))) {
        xlsx_free(x);
        return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    }
    for (int k = 0; k < KINDS; k++)
        if (num_format[k] && (x->num[k] = workbook_add_format(x->wb)))
            format_set_num_format(x->num[k], num_format[k]);
    if ((x->head = workbook_add_format(x->wb))) {
        format_set_bold(x->head);
        format_set_bottom(x->head, LXW_BORDER_THIN);
    }
    lxw_doc_properties props = {0};
    props.title = (char *)(title ? title : "");
    props.comments = (char *)"written by fdi";
    workbook_set_properties(x->wb, &props);
    *out = x;
    return FDI_OK;
}

/* A worksheet named after `want`: characters Excel refuses replaced, cut
 * to 31 bytes (at a character boundary), made unique with a number. */
static lxw_worksheet *add_sheet(fdi__xlsx *x, const char *want, fdi_error *err)
{
    char base[LXW_SHEETNAME_MAX + 1], name[48]; /* base: 28 bytes at most, k below 100 */
    size_t n = 0;
    if (x->nsheets == MAX_SHEETS) {
        fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0, "%s: at most %d sheets", x->path, MAX_SHEETS);
        return NULL;
    }
    for (const char *s = want && *want ? want : "sheet"; *s && n < LXW_SHEETNAME_MAX - 3; s++)
        base[n++] = strchr("[]:*?/\\'", *s) ? '_' : *s;
    while (n && ((unsigned char)base[n - 1] & 0xC0) == 0x80)
        n--; /* a cut inside a character: drop its start too */
    if (n && ((unsigned char)base[n - 1] & 0xC0) == 0xC0)
        n--;
    base[n] = '\0';
    snprintf(name, sizeof name, "%s", base);
    for (int k = 2, again = 1; again && k < 100; k++) {
        again = 0;
        for (int i = 0; i < x->nsheets; i++)
            if (strcasecmp(x->names[i], name) == 0)
                again = 1;
        if (again)
            snprintf(name, sizeof name, "%s %d", base, k);
    }
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);
    if (!ws)
        fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    else
        snprintf(x->names[x->nsheets++], sizeof x->names[0], "%s", name);
    return ws;
}

static void keep_note(void *ctx, const char *note)
{
    void **c = ctx;
    fdi__xlsx *x = c[0];
    const char *sheet = c[1];
    size_t n = strlen(sheet) + strlen(note) + 2;
    if (x->nnotes < NOTES_KEPT && (x->notes[x->nnotes] = malloc(n)))
        snprintf(x->notes[x->nnotes++], n, "%s\t%s", sheet, note);
}

/* Column widths from the header and the first rows as the table shows
 * them. */
static void set_widths(lxw_worksheet *ws, const fdi_table *t)
{
    char buf[256];
    for (int c = 0; c < (int)fdi_table_ncols(t); c++) {
        size_t w = strlen(fdi_table_column_name(t, c));
        for (long r = 0; r < (long)fdi_table_nrows(t) && r < 200; r++) {
            fdi_table_cell_text(t, r, c, buf, sizeof buf);
            if (strlen(buf) > w)
                w = strlen(buf);
        }
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, (double)(w > 60 ? 60 : w) + 2.0,
                             NULL);
    }
}

/* v with the csv's 15 significant digits (table.h), so a cell holds the
 * number the csv writes: 810.37, not 810.3700000000001. */
static double as_csv(double v)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.15g", v);
    return strtod(buf, NULL) + 0.0; /* no -0 */
}

/* The header and every cell of t into ws. */
static lxw_error write_cells(fdi__xlsx *x, lxw_worksheet *ws, const fdi_table *t)
{
    lxw_error e = LXW_NO_ERROR;
    int nc = (int)fdi_table_ncols(t);
    for (int c = 0; c < nc && !e; c++)
        e = worksheet_write_string(ws, 0, (lxw_col_t)c, fdi_table_column_name(t, c), x->head);
    for (long r = 0; r < (long)fdi_table_nrows(t) && !e; r++)
        for (int c = 0; c < nc && !e; c++) {
            fdi_col_kind k = fdi_table_column_kind(t, c);
            lxw_row_t row = (lxw_row_t)r + 1;
            if (k == FDI_COL_TEXT && fdi_table_text(t, r, c))
                e = worksheet_write_string(ws, row, (lxw_col_t)c, fdi_table_text(t, r, c), NULL);
            else if (k != FDI_COL_TEXT && isfinite(fdi_table_num(t, r, c)))
                e = worksheet_write_number(ws, row, (lxw_col_t)c, as_csv(fdi_table_num(t, r, c)),
                                           x->num[k]);
        }
    return e;
}

static lxw_worksheet *table_sheet(fdi__xlsx *x, const char *sheet, const fdi_table *t,
                                  fdi_error *err)
{
    if (fdi_table_nrows(t) >= LXW_ROW_MAX || fdi_table_ncols(t) > LXW_COL_MAX) {
        fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0,
                      "%s: %zu rows and %zu columns do not fit a worksheet (1,048,575 rows "
                      "and 16,384 columns); write .csv",
                      x->path, fdi_table_nrows(t), fdi_table_ncols(t));
        return NULL;
    }
    lxw_worksheet *ws = add_sheet(x, sheet, err);
    if (!ws)
        return NULL;
    lxw_error e = write_cells(x, ws, t);
    if (e) {
        lxw_fail(x, e, err);
        return NULL;
    }
    worksheet_freeze_panes(ws, 1, 0);
    set_widths(ws, t);
    return ws;
}

fdi_status fdi__xlsx_table(fdi__xlsx *x, const char *sheet, const fdi_table *t, fdi_error *err)
{
    if (!table_sheet(x, sheet, t, err))
        return err->status;
    void *ctx[2] = {x, x->names[x->nsheets - 1]};
    if (fdi_table_notes(t, NOTES_KEPT, keep_note, ctx) < 0)
        return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    return FDI_OK;
}

/* Line n of the chart: column c of the data sheet, lo and hi bounds dashed. */
static void chart_line(lxw_chart *ch, const char *sheet, const fdi_table *d, int c, long rows)
{
    const char *name = fdi_table_column_name(d, c);
    lxw_chart_series *s = chart_add_series(ch, NULL, NULL);
    if (!s)
        return;
    chart_series_set_categories(s, sheet, 1, 0, (lxw_row_t)rows, 0);
    chart_series_set_values(s, sheet, 1, (lxw_col_t)c, (lxw_row_t)rows, (lxw_col_t)c);
    chart_series_set_name_range(s, sheet, 0, (lxw_col_t)c);
    if (strncmp(name, "lo", 2) == 0 || strncmp(name, "hi", 2) == 0) {
        lxw_chart_line line = {0};
        line.color = 0x7F7F7F;
        line.width = 1.5f;
        line.dash_type = LXW_CHART_LINE_DASH_DASH;
        chart_series_set_line(s, &line);
    }
}

fdi_status fdi__xlsx_chart(fdi__xlsx *x, const char *sheet, const fdi_table *data,
                           const char *title, fdi_error *err)
{
    lxw_worksheet *ws = table_sheet(x, sheet, data, err);
    if (!ws)
        return err->status;
    const char *name = x->names[x->nsheets - 1];
    lxw_chart *ch = workbook_add_chart(x->wb, LXW_CHART_LINE);
    if (!ch)
        return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    for (int c = 1; c < (int)fdi_table_ncols(data); c++)
        if (fdi_table_column_kind(data, c) != FDI_COL_TEXT)
            chart_line(ch, name, data, c, (long)fdi_table_nrows(data));
    if (title && *title)
        chart_title_set_name(ch, title);
    chart_show_blanks_as(ch, LXW_CHART_BLANKS_AS_GAP);
    chart_axis_set_num_format(ch->y_axis, "#,##0");
    chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
    lxw_chart_options opt = {0};
    opt.x_scale = 1.5;
    opt.y_scale = 1.5;
    lxw_error e = worksheet_insert_chart_opt(ws, 1, (lxw_col_t)fdi_table_ncols(data) + 1, ch,
                                             &opt);
    return e ? lxw_fail(x, e, err) : FDI_OK;
}

/* The last sheet: every table's notes, each once. */
static fdi_status notes_sheet(fdi__xlsx *x, fdi_error *err)
{
    if (!x->nnotes)
        return FDI_OK;
    lxw_worksheet *ws = add_sheet(x, "notes", err);
    if (!ws)
        return err->status;
    worksheet_write_string(ws, 0, 0, "sheet", x->head);
    worksheet_write_string(ws, 0, 1, "note", x->head);
    for (size_t i = 0; i < x->nnotes; i++) {
        char *tab = strchr(x->notes[i], '\t');
        *tab = '\0';
        worksheet_write_string(ws, (lxw_row_t)i + 1, 0, x->notes[i], NULL);
        worksheet_write_string(ws, (lxw_row_t)i + 1, 1, tab + 1, NULL);
    }
    worksheet_set_column(ws, 0, 0, 16, NULL);
    worksheet_set_column(ws, 1, 1, 100, NULL);
    worksheet_freeze_panes(ws, 1, 0);
    return FDI_OK;
}

fdi_status fdi__xlsx_out_close(fdi__xlsx *x, fdi_error *err)
{
    fdi_status st = notes_sheet(x, err);
    if (st != FDI_OK) {
        fdi__xlsx_discard(x);
        return st;
    }
    errno = 0;
    lxw_error e = workbook_close(x->wb); /* writes the file and frees wb */
    x->wb = NULL;
    st = e ? lxw_fail(x, e, err) : FDI_OK;
    xlsx_free(x);
    return st;
}

void fdi__xlsx_discard(fdi__xlsx *x)
{
    lxw_workbook_free(x->wb);
    xlsx_free(x);
}
