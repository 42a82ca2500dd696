/* table.c - result tables rendered for people (aligned) and for scripts
 * (csv, json). */
#include "output/output_internal.h"
#include "base/utf8.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Column by column, each array made when its column is first set (a text
 * column has no numbers, a number column no text offsets): a table of
 * many rows costs 8 bytes a number, 4 a text and the bytes of its text,
 * not a cell struct and an allocation per text (issue 15: a ytd of
 * 400,000 series).  Texts are 32-bit offsets: a table's text holds less
 * than 4 GiB (more fails as out of memory would). */
typedef struct {
    char *name;
    fdi_col_kind kind;
    double *num;  /* rowcap numbers (NaN: missing), or NULL: all missing */
    uint32_t *text; /* rowcap offsets + 1 in the arena (0: none), or NULL */
    uint32_t last;  /* the text set last, as text[] has it: a cell with the
                   * same text shares it (the period or the empty note of
                   * every row of an answer are stored once) */
} column;

struct fdi_table {
    column *cols;
    size_t ncols, colcap;
    size_t nrows, rowcap;
    char *arena; /* every text set, each NUL-terminated */
    size_t used, arena_cap;
};

fdi_table *fdi_table_create(void)
{
    return calloc(1, sizeof(fdi_table));
}

void fdi_table_destroy(fdi_table *t)
{
    if (!t)
        return;
    for (size_t c = 0; c < t->ncols; c++) {
        free(t->cols[c].name);
        free(t->cols[c].num);
        free(t->cols[c].text);
    }
    free(t->cols);
    free(t->arena);
    free(t);
}

/* A column's numbers or text offsets made or grown to cap rows; the new
 * entries missing.  0, or -1 when out of memory. */
static int grow_num(column *c, size_t from, size_t cap)
{
    double *v = realloc(c->num, cap * sizeof *v);
    if (!v)
        return -1;
    for (size_t r = from; r < cap; r++)
        v[r] = NAN;
    c->num = v;
    return 0;
}

static int grow_text(column *c, size_t from, size_t cap)
{
    uint32_t *v = realloc(c->text, cap * sizeof *v);
    if (!v)
        return -1;
    memset(v + from, 0, (cap - from) * sizeof *v);
    c->text = v;
    return 0;
}

int fdi_table_add_column(fdi_table *t, const char *name, fdi_col_kind kind)
{
    size_t n = strlen(name) + 1;
    if (t->nrows)
        return -1; /* columns first, then rows */
    if (t->ncols == t->colcap) {
        size_t cap = t->colcap ? t->colcap * 2 : 16;
        column *c = realloc(t->cols, cap * sizeof *c);
        if (!c)
            return -1;
        t->cols = c;
        t->colcap = cap;
    }
    column *col = &t->cols[t->ncols];
    memset(col, 0, sizeof *col);
    col->name = malloc(n);
    if (!col->name)
        return -1;
    memcpy(col->name, name, n);
    col->kind = kind;
    /* rows reserved before this column (fdi_table_reserve): its cells too */
    if (t->rowcap && (kind == FDI_COL_TEXT ? grow_text(col, 0, t->rowcap)
                                           : grow_num(col, 0, t->rowcap))) {
        free(col->name);
        return -1;
    }
    return (int)t->ncols++;
}

/* Every column grown to cap rows: each column's own kind of array always,
 * the other when made.  0, or -1 when out of memory (the columns grown so
 * far keep their rows). */
static int grow_rows(fdi_table *t, size_t cap)
{
    for (size_t c = 0; c < t->ncols; c++) {
        column *col = &t->cols[c];
        int text = col->kind == FDI_COL_TEXT;
        if (((col->num || !text) && grow_num(col, t->rowcap, cap)) ||
            ((col->text || text) && grow_text(col, t->rowcap, cap)))
            return -1;
    }
    t->rowcap = cap;
    return 0;
}

int fdi_table_reserve(fdi_table *t, size_t nrows)
{
    return nrows <= t->rowcap ? 0 : grow_rows(t, nrows);
}

long fdi_table_add_row(fdi_table *t)
{
    if (t->nrows == t->rowcap && grow_rows(t, t->rowcap ? t->rowcap * 2 : 64) != 0)
        return -1;
    return (long)t->nrows++;
}

int fdi_table_set_text(fdi_table *t, long row, int col, const char *text)
{
    column *c = &t->cols[col];
    size_t n = strlen(text) + 1;
    if (!c->text && grow_text(c, 0, t->rowcap)) /* (text on a number column) */
        return -1;
    if (c->last && strcmp(t->arena + c->last - 1, text) == 0) {
        c->text[row] = c->last;
        return 0;
    }
    if (t->used + n > UINT32_MAX - 1)
        return -1; /* (past what a 32-bit offset reaches) */
    if (t->used + n > t->arena_cap) {
        /* text may lie in the arena itself (a cell copied from another) */
        int inside = t->arena && text >= t->arena && text < t->arena + t->used;
        size_t at = inside ? (size_t)(text - t->arena) : 0;
        size_t cap = 2 * (t->used + n) + 256;
        char *a = realloc(t->arena, cap);
        if (!a)
            return -1;
        t->arena = a;
        t->arena_cap = cap;
        if (inside)
            text = a + at;
    }
    memcpy(t->arena + t->used, text, n);
    c->text[row] = c->last = (uint32_t)t->used + 1;
    t->used += n;
    return 0;
}

int fdi_table_set_num(fdi_table *t, long row, int col, double v)
{
    column *c = &t->cols[col];
    if (!c->num && grow_num(c, 0, t->rowcap))
        return -1; /* (a number on a text column: made on first use) */
    c->num[row] = v;
    return 0;
}

/* A cell's number (NaN: missing) and text (NULL: none). */
static double cell_num(const fdi_table *t, size_t r, size_t c)
{
    return t->cols[c].num ? t->cols[c].num[r] : (double)NAN;
}

static const char *cell_text(const fdi_table *t, size_t r, size_t c)
{
    size_t at = t->cols[c].text ? t->cols[c].text[r] : 0;
    return at ? t->arena + at - 1 : NULL;
}

size_t fdi_table_nrows(const fdi_table *t) { return t->nrows; }
size_t fdi_table_ncols(const fdi_table *t) { return t->ncols; }

const char *fdi_table_column_name(const fdi_table *t, int col)
{
    return col >= 0 && (size_t)col < t->ncols ? t->cols[col].name : NULL;
}

fdi_col_kind fdi_table_column_kind(const fdi_table *t, int col)
{
    return col >= 0 && (size_t)col < t->ncols ? t->cols[col].kind : FDI_COL_TEXT;
}

double fdi_table_num(const fdi_table *t, long row, int col)
{
    if (row < 0 || (size_t)row >= t->nrows || col < 0 || (size_t)col >= t->ncols)
        return NAN;
    return cell_num(t, (size_t)row, (size_t)col);
}

const char *fdi_table_text(const fdi_table *t, long row, int col)
{
    if (row < 0 || (size_t)row >= t->nrows || col < 0 || (size_t)col >= t->ncols)
        return NULL;
    return cell_text(t, (size_t)row, (size_t)col);
}

int fdi_table_find_column(const fdi_table *t, const char *name)
{
    for (size_t c = 0; c < t->ncols; c++)
        if (strcmp(t->cols[c].name, name) == 0)
            return (int)c;
    return -1;
}

/* Whether note n (len bytes) is among the first k of seen[]. */
static int seen_note(char **seen, size_t k, const char *n, size_t len)
{
    for (size_t i = 0; i < k; i++)
        if (strlen(seen[i]) == len && memcmp(seen[i], n, len) == 0)
            return 1;
    return 0;
}

long fdi_table_notes(const fdi_table *t, size_t max, void (*fn)(void *ctx, const char *note),
                     void *ctx)
{
    int col = fdi_table_find_column(t, "note");
    char **seen;
    size_t k = 0;
    long rc = 0;
    if (col < 0 || !max)
        return 0;
    if (!(seen = calloc(max, sizeof *seen)))
        return -1;
    for (size_t r = 0; r < t->nrows && k < max && rc == 0; r++) {
        const char *s = cell_text(t, r, (size_t)col);
        while (s && *s && k < max) {
            const char *e = strstr(s, "; ");
            size_t len = e ? (size_t)(e - s) : strlen(s);
            if (len && !seen_note(seen, k, s, len)) {
                if (!(seen[k] = malloc(len + 1))) {
                    rc = -1;
                    break;
                }
                memcpy(seen[k], s, len);
                seen[k][len] = '\0';
                fn(ctx, seen[k++]);
            }
            s = e ? e + 2 : s + len;
        }
    }
    for (size_t i = 0; i < k; i++)
        free(seen[i]);
    free(seen);
    return rc ? rc : (long)k;
}

void fdi_format_amount(double v, int decimals, char *buf, size_t size)
{
    if (v != v)
        snprintf(buf, size, "n/a");
    else if (!isfinite(v) || fabs(v) >= 1e18)
        snprintf(buf, size, "%.*g", 6, v);
    else
        fdi_format_grouped(v, decimals, ',', '.', buf, size);
}

void fdi_format_grouped(double v, int decimals, char thousands, char decimal_mark, char *buf,
                        size_t size)
{
    char digits[384]; /* any finite double: 309 digits, the point, decimals */
    size_t n, intlen, w = 0;
    const char *p;
    snprintf(digits, sizeof digits, "%.*f", decimals, fabs(v));
    if (strspn(digits, "0.") == strlen(digits))
        v = 0.0; /* no "-0.00" */
    p = digits;
    n = strlen(p);
    intlen = strcspn(p, ".");
    if (v < 0 && w < size - 1)
        buf[w++] = '-';
    for (size_t i = 0; i < n && w < size - 1; i++) {
        if (i < intlen && i > 0 && (intlen - i) % 3 == 0 && w < size - 1)
            buf[w++] = thousands;
        if (w < size - 1)
            buf[w++] = i == intlen ? decimal_mark : p[i];
    }
    buf[w < size ? w : size - 1] = '\0';
}

/* Fifteen significant digits: every decimal a source file can hold comes
 * back as written (500, not 500.0000000000001 from summing 0.1-steps), and a
 * double carries no more than that reliably. */
static void exact_text(double v, char *buf, size_t size)
{
    snprintf(buf, size, "%.15g", v);
}

/* Text as a terminal may show it: line ends and tabs become blanks (one
 * row stays one line), any other control byte a '?' (a key's escape
 * sequence never reaches the terminal raw). */
static void visible(const char *text, char *buf, size_t size)
{
    snprintf(buf, size, "%s", text);
    for (char *p = buf; *p; p++) {
        unsigned char ch = (unsigned char)*p;
        if (*p == '\n' || *p == '\r' || *p == '\t')
            *p = ' ';
        else if (ch < 0x20 || ch == 0x7f)
            *p = '?';
    }
}

static void human(const fdi_table *t, size_t r, size_t c, char *buf, size_t size)
{
    const column *col = &t->cols[c];
    double v = cell_num(t, r, c);
    char tmp[64];
    if (col->kind == FDI_COL_TEXT) {
        const char *text = cell_text(t, r, c);
        visible(text ? text : "", buf, size);
        return;
    }
    if (!isfinite(v)) {
        snprintf(buf, size, "n/a");
        return;
    }
    if (fabs(v) < 0.005 && col->kind == FDI_COL_MULTIPLE)
        v = 0.0; /* no "-0.00x" */
    if (fabs(v) < 0.5 && col->kind == FDI_COL_INT)
        v = 0.0; /* no "-0" */
    switch (col->kind) {
    case FDI_COL_AMOUNT:
        fdi_format_amount(v, 2, buf, size);
        break;
    case FDI_COL_MULTIPLE:
        snprintf(buf, size, "%.2fx", v);
        break;
    case FDI_COL_PERCENT:
        fdi_format_amount(v, 1, tmp, sizeof tmp);
        snprintf(buf, size, "%s%%", tmp);
        break;
    case FDI_COL_PROBABILITY: /* stored 0..1, shown as a percentage */
        fdi_format_amount(v * 100.0, 1, tmp, sizeof tmp);
        snprintf(buf, size, "%s%%", tmp);
        break;
    case FDI_COL_SIGNED_PERCENT:
        fdi_format_amount(v, 1, tmp, sizeof tmp);
        snprintf(buf, size, "%s%s%%", v > 0 && strcmp(tmp, "0.0") ? "+" : "", tmp);
        break;
    default:
        snprintf(buf, size, "%.0f", v);
        break;
    }
}

void fdi_table_cell_text(const fdi_table *t, long row, int col, char *buf, size_t size)
{
    if (row < 0 || (size_t)row >= t->nrows || col < 0 || (size_t)col >= t->ncols) {
        snprintf(buf, size, "%s", "");
        return;
    }
    human(t, (size_t)row, (size_t)col, buf, size);
}

size_t fdi_output_text_width(const char *s)
{
    return fdi__utf8_width(s);
}

static int write_table(const fdi_table *t, FILE *out)
{
    size_t *width = calloc(t->ncols ? t->ncols : 1, sizeof *width);
    char buf[1024];
    if (!width)
        return -1;
    for (size_t c = 0; c < t->ncols; c++) {
        visible(t->cols[c].name, buf, sizeof buf);
        width[c] = fdi__utf8_width(buf);
        for (size_t r = 0; r < t->nrows; r++) {
            size_t w;
            human(t, r, c, buf, sizeof buf);
            w = fdi__utf8_width(buf);
            if (w > width[c])
                width[c] = w;
        }
    }
    for (size_t r = 0; r <= t->nrows; r++) {
        for (size_t c = 0; c < t->ncols; c++) {
            const char *s;
            size_t pad;
            int left = t->cols[c].kind == FDI_COL_TEXT;
            if (r == 0) {
                visible(t->cols[c].name, buf, sizeof buf);
                s = buf;
            } else {
                human(t, r - 1, c, buf, sizeof buf);
                s = buf;
            }
            pad = width[c] - fdi__utf8_width(s);
            if (c)
                fputs("  ", out);
            if (!left)
                fprintf(out, "%*s", (int)pad, "");
            fputs(s, out);
            if (left && c + 1 < t->ncols)
                fprintf(out, "%*s", (int)pad, "");
        }
        fputc('\n', out);
    }
    free(width);
    return ferror(out) ? -1 : 0;
}

static void csv_text(FILE *out, const char *s)
{
    if (strpbrk(s, ",\"\r\n") == NULL) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

/* A JSON string: quotes, backslashes and control bytes escaped, and a byte
 * that starts no well-formed UTF-8 sequence written as U+FFFD, so the
 * document is always valid UTF-8 JSON (RFC 8259). */
static void json_text(FILE *out, const char *text)
{
    const unsigned char *s = (const unsigned char *)text;
    fputc('"', out);
    while (*s) {
        size_t n = fdi__utf8_len(s);
        if (*s == '"' || *s == '\\')
            fprintf(out, "\\%c", *s);
        else if (*s == '\n')
            fputs("\\n", out);
        else if (*s < 0x20 || *s == 0x7f)
            fprintf(out, "\\u%04x", *s);
        else if (n == 0)
            fputs("\\ufffd", out);
        else
            fwrite(s, 1, n, out);
        s += n ? n : 1;
    }
    fputc('"', out);
}

int fdi__table_write_plain(const fdi_table *t, FILE *out, fdi_format fmt)
{
    char buf[64];
    if (fmt == FDI_FORMAT_TABLE)
        return write_table(t, out);
    if (fmt == FDI_FORMAT_CSV) {
        for (size_t c = 0; c < t->ncols; c++) {
            if (c)
                fputc(',', out);
            csv_text(out, t->cols[c].name);
        }
        fputc('\n', out);
        for (size_t r = 0; r < t->nrows; r++) {
            for (size_t c = 0; c < t->ncols; c++) {
                const char *text = cell_text(t, r, c);
                double num = cell_num(t, r, c);
                if (c)
                    fputc(',', out);
                if (t->cols[c].kind == FDI_COL_TEXT) {
                    csv_text(out, text ? text : "");
                } else if (isfinite(num)) {
                    exact_text(num == 0 ? 0.0 : num, buf, sizeof buf);
                    fputs(buf, out);
                }
            }
            fputc('\n', out);
        }
        return ferror(out) ? -1 : 0;
    }
    fputs("[", out);
    for (size_t r = 0; r < t->nrows; r++) {
        fputs(r ? ",\n {" : "\n {", out);
        for (size_t c = 0; c < t->ncols; c++) {
            const char *text = cell_text(t, r, c);
            double num = cell_num(t, r, c);
            if (c)
                fputs(", ", out);
            json_text(out, t->cols[c].name);
            fputs(": ", out);
            if (t->cols[c].kind == FDI_COL_TEXT) {
                if (text)
                    json_text(out, text);
                else
                    fputs("null", out);
            } else if (isfinite(num)) {
                exact_text(num == 0 ? 0.0 : num, buf, sizeof buf);
                fputs(buf, out);
            } else {
                fputs("null", out);
            }
        }
        fputs("}", out);
    }
    fputs(t->nrows ? "\n]\n" : "]\n", out);
    return ferror(out) ? -1 : 0;
}
