/* table.c - result tables rendered for people (aligned) and for scripts
 * (csv, json). */
#include "output/output_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    double num;
    char *text;
} cell;

typedef struct {
    char *name;
    fdi_col_kind kind;
} column;

struct fdi_table {
    column *cols;
    size_t ncols, colcap;
    cell *cells; /* row-major, ncols per row, grown as rows are added */
    size_t nrows, rowcap;
};

fdi_table *fdi_table_create(void)
{
    return calloc(1, sizeof(fdi_table));
}

void fdi_table_destroy(fdi_table *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->nrows * t->ncols; i++)
        free(t->cells[i].text);
    for (size_t c = 0; c < t->ncols; c++)
        free(t->cols[c].name);
    free(t->cells);
    free(t->cols);
    free(t);
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
    t->cols[t->ncols].name = malloc(n);
    if (!t->cols[t->ncols].name)
        return -1;
    memcpy(t->cols[t->ncols].name, name, n);
    t->cols[t->ncols].kind = kind;
    return (int)t->ncols++;
}

long fdi_table_add_row(fdi_table *t)
{
    if (t->nrows == t->rowcap) {
        size_t cap = t->rowcap ? t->rowcap * 2 : 64;
        cell *c = realloc(t->cells, cap * (t->ncols ? t->ncols : 1) * sizeof *c);
        if (!c)
            return -1;
        t->cells = c;
        t->rowcap = cap;
    }
    for (size_t c = 0; c < t->ncols; c++) {
        t->cells[t->nrows * t->ncols + c].num = NAN;
        t->cells[t->nrows * t->ncols + c].text = NULL;
    }
    return (long)t->nrows++;
}

int fdi_table_set_text(fdi_table *t, long row, int col, const char *text)
{
    cell *c = &t->cells[(size_t)row * t->ncols + (size_t)col];
    size_t n = strlen(text) + 1;
    free(c->text);
    c->text = malloc(n);
    if (!c->text)
        return -1;
    memcpy(c->text, text, n);
    return 0;
}

void fdi_table_set_num(fdi_table *t, long row, int col, double v)
{
    t->cells[(size_t)row * t->ncols + (size_t)col].num = v;
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
    return t->cells[(size_t)row * t->ncols + (size_t)col].num;
}

const char *fdi_table_text(const fdi_table *t, long row, int col)
{
    if (row < 0 || (size_t)row >= t->nrows || col < 0 || (size_t)col >= t->ncols)
        return NULL;
    return t->cells[(size_t)row * t->ncols + (size_t)col].text;
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
        const char *s = t->cells[r * t->ncols + (size_t)col].text;
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

static void human(const column *col, const cell *c, char *buf, size_t size)
{
    double v = c->num;
    char tmp[64];
    if (col->kind == FDI_COL_TEXT) {
        visible(c->text ? c->text : "", buf, size);
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
    human(&t->cols[col], &t->cells[(size_t)row * t->ncols + (size_t)col], buf, size);
}

/* Display width of a UTF-8 string (code points; good enough for Latin and
 * Vietnamese, which are one column per code point once composed). */
static size_t width_of(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

static int write_table(const fdi_table *t, FILE *out)
{
    size_t *width = calloc(t->ncols ? t->ncols : 1, sizeof *width);
    char buf[1024];
    if (!width)
        return -1;
    for (size_t c = 0; c < t->ncols; c++) {
        visible(t->cols[c].name, buf, sizeof buf);
        width[c] = width_of(buf);
        for (size_t r = 0; r < t->nrows; r++) {
            size_t w;
            human(&t->cols[c], &t->cells[r * t->ncols + c], buf, sizeof buf);
            w = width_of(buf);
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
                human(&t->cols[c], &t->cells[(r - 1) * t->ncols + c], buf, sizeof buf);
                s = buf;
            }
            pad = width[c] - width_of(s);
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

/* Length of the well-formed UTF-8 sequence at s (RFC 3629: no overlong
 * form, no surrogate, nothing past U+10FFFF), 0 when it is not one. */
static size_t utf8_len(const unsigned char *s)
{
    size_t n = s[0] < 0x80 ? 1 : s[0] >= 0xC2 && s[0] <= 0xDF ? 2
                           : s[0] >= 0xE0 && s[0] <= 0xEF ? 3
                           : s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : 0;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    if ((n == 3 && s[0] == 0xE0 && s[1] < 0xA0) || (n == 3 && s[0] == 0xED && s[1] >= 0xA0) ||
        (n == 4 && s[0] == 0xF0 && s[1] < 0x90) || (n == 4 && s[0] == 0xF4 && s[1] >= 0x90))
        return 0;
    return n;
}

/* A JSON string: quotes, backslashes and control bytes escaped, and a byte
 * that starts no well-formed UTF-8 sequence written as U+FFFD, so the
 * document is always valid UTF-8 JSON (RFC 8259). */
static void json_text(FILE *out, const char *text)
{
    const unsigned char *s = (const unsigned char *)text;
    fputc('"', out);
    while (*s) {
        size_t n = utf8_len(s);
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
                const cell *x = &t->cells[r * t->ncols + c];
                if (c)
                    fputc(',', out);
                if (t->cols[c].kind == FDI_COL_TEXT) {
                    csv_text(out, x->text ? x->text : "");
                } else if (isfinite(x->num)) {
                    exact_text(x->num == 0 ? 0.0 : x->num, buf, sizeof buf);
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
            const cell *x = &t->cells[r * t->ncols + c];
            if (c)
                fputs(", ", out);
            json_text(out, t->cols[c].name);
            fputs(": ", out);
            if (t->cols[c].kind == FDI_COL_TEXT) {
                if (x->text)
                    json_text(out, x->text);
                else
                    fputs("null", out);
            } else if (isfinite(x->num)) {
                exact_text(x->num == 0 ? 0.0 : x->num, buf, sizeof buf);
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
