/* xlsx_sheet.c - one sheet of a workbook streamed into the CSV reader
 * (xlsx.h, reader.h).
 *
 * The sheet's XML is read from the zip a chunk at a time into expat; each
 * <row> becomes one record, its cells at their columns (a missing cell is
 * an empty field; a row the sheet leaves out is a blank line, not read),
 * every record as wide as the sheet (its <dimension>, or its widest held
 * row): the records a spreadsheet's "Save as CSV" writes.  The first
 * records are held as a CSV file's are (held.c): the header is found below
 * title rows the same way, and from then on each row is read and checked
 * as a CSV line is.
 *
 * Merged cells: the value sits in the range's top-left cell.  A range
 * within one row (a title across the table, a heading over some columns)
 * stays so, as a saved CSV has it; a range spanning rows (a key merged
 * down the rows of its group, a header cell merged down two header rows)
 * gives its value to every cell of the range, so each row holds its key
 * and the header's row holds its name.  The ranges (<mergeCells>) come
 * after the rows in the sheet's XML: a first pass reads them alone.
 */
#include "ingest/xlsx.h"
#include "ingest/reader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    size_t r1, c1, r2, c2;
    char *value; /* the top-left cell's text, once read */
    size_t vlen;
} merge;

typedef struct {
    fdi__xlsx_book *b;
    reader *r;
    XML_Parser p;
    fdi_status st;
    fdi_error *err;
    size_t width; /* the records' width: <dimension>, widened by held rows */
    /* the row being read: cell texts in buf at off/len by column - 1 */
    size_t row, last_row, col;
    char *buf;
    size_t used, cap;
    size_t *off, *len;
    size_t ncells, fcap;
    const char **ptr;
    size_t pcap;
    /* the cell being read */
    int in_v, in_t, in_is, in_rph, has_f; /* has_f: a formula (<f>) */
    char t[16];
    long s;
    char *v;
    size_t vlen, vcap;
    /* merged ranges spanning rows, by first row */
    merge *merges;
    size_t nmerges, mcap;
} sheet_read;

static void fail(sheet_read *sr, fdi_status st)
{
    if (sr->st == FDI_OK)
        sr->st = st;
    XML_StopParser(sr->p, XML_FALSE);
}

static void nomem(sheet_read *sr)
{
    fail(sr, fdi_error_set(sr->err, FDI_ENOMEM, sr->b->file, 0, 0, "out of memory"));
}

/* ---- the first pass: merged ranges spanning rows */

static int by_first_row(const void *a, const void *b)
{
    const merge *x = a, *y = b;
    return x->r1 < y->r1 ? -1 : x->r1 > y->r1;
}

static void on_merge(void *ud, const char *el, const char **atts)
{
    sheet_read *sr = ud;
    const char *ref = fdi__xml_attr(atts, "ref"), *colon;
    char a[16];
    merge m;
    memset(&m, 0, sizeof m);
    if (strcmp(fdi__xml_local(el), "mergeCell") != 0 || !ref || !(colon = strchr(ref, ':')) ||
        (size_t)(colon - ref) >= sizeof a)
        return;
    memcpy(a, ref, (size_t)(colon - ref));
    a[colon - ref] = '\0';
    m.c1 = fdi__xlsx_ref(a, &m.r1);
    m.c2 = fdi__xlsx_ref(colon + 1, &m.r2);
    if (!m.c1 || !m.c2 || !m.r1 || m.r2 <= m.r1 || m.c2 < m.c1)
        return; /* within one row: the value stays in its first cell */
    if (fdi__xlsx_grow((void **)&sr->merges, &sr->mcap, sr->nmerges + 1, sizeof m) != 0) {
        nomem(sr);
        return;
    }
    sr->merges[sr->nmerges++] = m;
}

/* ---- a row's cells */

static int set_cell(sheet_read *sr, size_t col, const char *s, size_t n)
{
    if (fdi__xlsx_grow((void **)&sr->buf, &sr->cap, sr->used + n + 1, 1) != 0 ||
        fdi__xlsx_grow((void **)&sr->off, &sr->fcap, col, sizeof *sr->off) != 0 ||
        !(sr->len = realloc(sr->len, sr->fcap * sizeof *sr->len))) {
        nomem(sr);
        return -1;
    }
    for (; sr->ncells < col; sr->ncells++) /* the columns skipped: empty */
        sr->off[sr->ncells] = sr->len[sr->ncells] = 0;
    if (n)
        memcpy(sr->buf + sr->used, s, n);
    sr->off[col - 1] = sr->used;
    sr->len[col - 1] = n;
    sr->used += n;
    return 0;
}

/* The merged ranges over this row: the top-left cell's value kept, and
 * given to the range's other cells in the row. */
static void fill_merges(sheet_read *sr, size_t row)
{
    for (size_t i = 0; i < sr->nmerges && sr->merges[i].r1 <= row; i++) {
        merge *m = &sr->merges[i];
        if (row > m->r2)
            continue;
        if (row == m->r1) {
            size_t n = m->c1 <= sr->ncells ? sr->len[m->c1 - 1] : 0;
            if (!(m->value = malloc(n + 1))) {
                nomem(sr);
                return;
            }
            if (n)
                memcpy(m->value, sr->buf + sr->off[m->c1 - 1], n);
            m->vlen = n;
        }
        for (size_t c = row == m->r1 ? m->c1 + 1 : m->c1; c <= m->c2; c++)
            if (set_cell(sr, c, m->value, m->vlen) != 0)
                return;
    }
}

/* The held records widened to the sheet's width (empty fields added), so
 * that the header is found as in a saved CSV, where every line has them. */
static void widen_held(sheet_read *sr)
{
    reader *r = sr->r;
    size_t w = sr->width, k = 0;
    for (size_t i = 0; i < r->nheld; i++)
        w = r->held[i].n > w ? r->held[i].n : w;
    sr->width = w;
    size_t *off = malloc((r->nheld * w + 1) * sizeof *off),
           *len = malloc((r->nheld * w + 1) * sizeof *len);
    if (!off || !len) {
        free(off);
        free(len);
        fdi__reader_nomem(r);
        return;
    }
    for (size_t i = 0; i < r->nheld; i++) {
        held_record *h = &r->held[i];
        for (size_t c = 0; c < w; c++, k++) {
            off[k] = c < h->n ? r->hoff[h->first + c] : 0;
            len[k] = c < h->n ? r->hlen[h->first + c] : 0;
        }
        h->first = i * w;
        h->n = w;
    }
    free(r->hoff);
    free(r->hlen);
    r->hoff = off;
    r->hlen = len;
    r->hnf = r->hfcap = r->nheld * w + 1;
}

static void release(sheet_read *sr)
{
    widen_held(sr);
    if (sr->r->status == FDI_OK)
        fdi__reader_release_held(sr->r);
}

/* The row read (its merged cells filled) given to the reader. */
static void emit(sheet_read *sr, size_t row)
{
    reader *r = sr->r;
    fill_merges(sr, row);
    size_t n = sr->ncells; /* held rows are widened when released */
    if (r->streaming && n < sr->width)
        n = sr->width;
    if (sr->st != FDI_OK || (n > sr->ncells && set_cell(sr, n, "", 0) != 0))
        return;
    if (fdi__xlsx_grow((void **)&sr->ptr, &sr->pcap, n + 1, sizeof *sr->ptr) != 0) {
        nomem(sr);
        return;
    }
    for (size_t c = 0; c < n; c++)
        sr->ptr[c] = sr->buf + sr->off[c];
    fdi__record rec = {sr->ptr, sr->len, n, row};
    if (r->streaming) {
        fdi__reader_row(r, &rec);
    } else {
        r->used = sr->used; /* the bytes fdi__reader_hold copies */
        fdi__reader_hold(r, &rec);
        r->used = 0;
        if (r->status == FDI_OK && r->nheld >= PREFETCH)
            release(sr);
    }
    sr->used = sr->ncells = 0;
    if (r->status != FDI_OK)
        fail(sr, r->status);
}

/* Rows the sheet leaves out, from..to, that a merged range covers. */
static void emit_gap(sheet_read *sr, size_t from, size_t to)
{
    for (size_t row = from; row <= to && sr->st == FDI_OK; row++)
        for (size_t i = 0; i < sr->nmerges && sr->merges[i].r1 <= row; i++)
            if (row > sr->merges[i].r1 && row <= sr->merges[i].r2) {
                emit(sr, row);
                break;
            }
}

/* ---- the second pass: the rows */

static void damaged(sheet_read *sr, const char *why, const char *what)
{
    fail(sr, fdi_error_set(sr->err, FDI_EPARSE, sr->b->file, sr->row, sr->col,
                           "the workbook is damaged: %s \"%.40s\"", why, what ? what : ""));
}

/* <row r="7">: rows come in order; those left out are blank lines (but a
 * merged range may cover them). */
static void start_row(sheet_read *sr, const char **atts)
{
    const char *r = fdi__xml_attr(atts, "r");
    char *end = NULL;
    size_t row = r ? (size_t)strtoul(r, &end, 10) : sr->last_row + 1;
    sr->col = 0;
    if (!row || row <= sr->last_row || row > 1048576 || (r && *end)) {
        sr->row = sr->last_row + 1;
        damaged(sr, "a row out of order or out of range:", r);
        return;
    }
    emit_gap(sr, sr->last_row + 1, row - 1);
    sr->row = row;
    sr->used = sr->ncells = 0;
}

/* <c r="C7" t="s" s="3">: its column, type and style. */
static void start_cell(sheet_read *sr, const char **atts)
{
    const char *ref = fdi__xml_attr(atts, "r"), *t = fdi__xml_attr(atts, "t"),
               *s = fdi__xml_attr(atts, "s");
    size_t row = sr->row, col = ref ? fdi__xlsx_ref(ref, &row) : sr->col + 1;
    if (!col || row != sr->row || col <= sr->col) {
        sr->col++;
        damaged(sr, "a cell reference out of place:", ref);
        return;
    }
    sr->col = col;
    snprintf(sr->t, sizeof sr->t, "%s", t ? t : "");
    sr->s = s ? strtol(s, NULL, 10) : -1;
    sr->vlen = 0;
    sr->has_f = 0;
}

static void on_sheet(void *ud, const char *el, const char **atts)
{
    sheet_read *sr = ud;
    const char *n = fdi__xml_local(el);
    if (sr->st != FDI_OK)
        return;
    if (strcmp(n, "row") == 0)
        start_row(sr, atts);
    else if (strcmp(n, "c") == 0)
        start_cell(sr, atts);
    else if (strcmp(n, "v") == 0)
        sr->in_v = 1;
    else if (strcmp(n, "f") == 0)
        sr->has_f = 1;
    else if (strcmp(n, "is") == 0)
        sr->in_is = 1;
    else if (strcmp(n, "rPh") == 0)
        sr->in_rph++;
    else if (strcmp(n, "t") == 0 && sr->in_is && !sr->in_rph)
        sr->in_t = 1;
}

static void end_cell(sheet_read *sr)
{
    char scratch[64];
    size_t len;
    if (fdi__xlsx_grow((void **)&sr->v, &sr->vcap, sr->vlen + 1, 1) != 0) {
        nomem(sr);
        return;
    }
    sr->v[sr->vlen] = '\0';
    /* a formula whose value was never computed (a workbook written by a
     * program and not recalculated: no <v>, or an empty one, and not a
     * string result) is no empty cell: a text that parses as nothing, so
     * that a value column rejects it with its address */
    if (sr->has_f && sr->vlen == 0 && strcmp(sr->t, "str") != 0) {
        static const char nov[] = "(formula, no cached value)";
        set_cell(sr, sr->col, nov, sizeof nov - 1);
        return;
    }
    const char *text = fdi__xlsx_cell_text(sr->b, sr->r->o, sr->t[0] ? sr->t : NULL, sr->s,
                                           sr->v, sr->vlen, scratch, &len);
    if (!text)
        damaged(sr, "a shared string the workbook does not have:", sr->v);
    else
        set_cell(sr, sr->col, text, len);
}

static void off_sheet(void *ud, const char *el)
{
    sheet_read *sr = ud;
    const char *n = fdi__xml_local(el);
    if (sr->st != FDI_OK)
        return;
    if (strcmp(n, "v") == 0) {
        sr->in_v = 0;
    } else if (strcmp(n, "t") == 0) {
        sr->in_t = 0;
    } else if (strcmp(n, "is") == 0) {
        sr->in_is = 0;
    } else if (strcmp(n, "rPh") == 0 && sr->in_rph) {
        sr->in_rph--;
    } else if (strcmp(n, "c") == 0) {
        end_cell(sr);
    } else if (strcmp(n, "row") == 0) {
        emit(sr, sr->row);
        sr->last_row = sr->row;
    } else if (strcmp(n, "sheetData") == 0) {
        size_t last = sr->last_row;
        for (size_t i = 0; i < sr->nmerges; i++)
            last = sr->merges[i].r2 > last ? sr->merges[i].r2 : last;
        emit_gap(sr, sr->last_row + 1, last);
    }
}

static void sheet_text(void *ud, const char *s, int len)
{
    sheet_read *sr = ud;
    if (sr->st != FDI_OK || !(sr->in_v || sr->in_t) || len <= 0)
        return;
    if (fdi__xlsx_grow((void **)&sr->v, &sr->vcap, sr->vlen + (size_t)len + 1, 1) != 0) {
        nomem(sr);
        return;
    }
    memcpy(sr->v + sr->vlen, s, (size_t)len);
    sr->vlen += (size_t)len;
}

/* The first pass also follows the rows and cells, so that a damaged
 * sheet is reported at the cell where its XML breaks. */
static void on_first(void *ud, const char *el, const char **atts)
{
    sheet_read *sr = ud;
    const char *n = fdi__xml_local(el), *r = fdi__xml_attr(atts, "r");
    size_t row = 0, col;
    if (sr->st != FDI_OK)
        return;
    if (strcmp(n, "row") == 0) {
        sr->row = r ? (size_t)strtoul(r, NULL, 10) : sr->row + 1;
        sr->col = 0;
    } else if (strcmp(n, "c") == 0) {
        col = r ? fdi__xlsx_ref(r, &row) : 0;
        sr->col = col ? col : sr->col + 1;
    } else {
        on_merge(ud, el, atts);
    }
}

/* One pass over the sheet's XML with these handlers; a damaged sheet's
 * error names the cell last begun. */
static fdi_status read_pass(sheet_read *sr, XML_StartElementHandler start,
                            XML_EndElementHandler end, XML_CharacterDataHandler text)
{
    XML_Parser p = XML_ParserCreate("UTF-8");
    if (!p)
        return fdi_error_set(sr->err, FDI_ENOMEM, sr->b->file, 0, 0, "out of memory");
    sr->p = p;
    sr->row = sr->col = 0;
    XML_SetUserData(p, sr);
    XML_SetElementHandler(p, start, end);
    XML_SetCharacterDataHandler(p, text);
    fdi_status st = fdi__xlsx_stream(sr->b, sr->b->sheet_entry, p, &sr->st, sr->err);
    if (st == FDI_EPARSE && sr->st == FDI_OK && sr->err) {
        sr->err->line = sr->row;
        sr->err->column = sr->col;
    }
    XML_ParserFree(p);
    return st;
}

static void free_sheet(sheet_read *sr)
{
    for (size_t i = 0; i < sr->nmerges; i++)
        free(sr->merges[i].value);
    free(sr->merges);
    free(sr->buf);
    free(sr->off);
    free(sr->len);
    free(sr->ptr);
    free(sr->v);
}

/* Both passes over the sheet, the rows into r. */
static void read_sheet(sheet_read *sr, reader *r)
{
    fdi_status st = read_pass(sr, on_first, NULL, NULL);
    if (st == FDI_OK) {
        if (sr->nmerges)
            qsort(sr->merges, sr->nmerges, sizeof *sr->merges, by_first_row);
        st = read_pass(sr, on_sheet, off_sheet, sheet_text);
    }
    if (st != FDI_OK && r->status == FDI_OK)
        r->status = st;
    if (r->status == FDI_OK && !r->streaming)
        release(sr);
}

fdi_status fdi__ingest_xlsx(const fdi_ingest_options *o, const char *file, const char *data,
                            size_t len, fdi_frame **out, fdi_error *err)
{
    fdi__xlsx_book b;
    reader r;
    sheet_read sr;
    *out = NULL;
    if (err)
        memset(err, 0, sizeof *err);
    fdi_status st = fdi__xlsx_open(&b, data, len, file, o->sheet, err);
    if (st != FDI_OK)
        return st;
    if (fdi__reader_init(&r, o, file, err) != FDI_OK) {
        fdi__xlsx_close(&b);
        return FDI_ENOMEM;
    }
    memset(&sr, 0, sizeof sr);
    sr.b = &b;
    sr.r = &r;
    sr.err = err;
    sr.s = -1;
    read_sheet(&sr, &r);
    r.cur_line = sr.last_row; /* the sheet's rows are its lines (several files) */
    fdi__reader_finish(&r);
    st = fdi__reader_conclude(&r, len, out);
    if (st == FDI_OK && fdi__frame_set_sheet(*out, b.sheet) != 0) {
        fdi_frame_destroy(*out);
        *out = NULL;
        st = fdi_error_set(err, FDI_ENOMEM, file, 0, 0, "out of memory");
    }
    if (st != FDI_OK && st != FDI_ENOMEM && err)
        snprintf(err->sheet, sizeof err->sheet, "%s", b.sheet);
    if (st == FDI_OK && o->progress)
        o->progress(o->progress_ctx, len, len);
    free_sheet(&sr);
    fdi__xlsx_close(&b);
    return st;
}
