/* csv_small.c - small CSV files into records (see csv_small.h). */
#include "ingest/csv_small.h"
#include "base/line_end.h"
#include "ingest/csv_track.h"

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    csv_doc *doc;
    size_t line;        /* current line */
    size_t rec_line;    /* line the current record started on */
    size_t first_field; /* index in offsets of the record's first field */
    int at_start;       /* no field of the current record seen yet */
    int oom;
    fdi__csv_track track; /* libcsv between records? */
} builder;

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t n = *cap ? *cap : 64;
    while (n < need)
        n *= 2;
    void *q = realloc(*p, n * size);
    if (!q)
        return -1;
    *p = q;
    *cap = n;
    return 0;
}

static void on_field(void *s, size_t len, void *arg)
{
    builder *b = arg;
    csv_doc *d = b->doc;
    const char *f = s ? s : "";
    if (b->oom)
        return;
    while (len && (*f == ' ' || *f == '\t')) {
        f++;
        len--;
    }
    while (len && (f[len - 1] == ' ' || f[len - 1] == '\t' || f[len - 1] == '\r'))
        len--;
    if (b->at_start) {
        b->at_start = 0;
        b->first_field = d->noffsets;
    }
    if (grow((void **)&d->text, &d->text_cap, d->text_len + len + 1, 1) ||
        grow((void **)&d->offsets, &d->offsets_cap, d->noffsets + 1, sizeof *d->offsets)) {
        b->oom = 1;
        return;
    }
    memcpy(d->text + d->text_len, f, len);
    d->offsets[d->noffsets++] = d->text_len;
    d->text_len += len;
    d->text[d->text_len++] = '\0';
}

static void on_record(int c, void *arg)
{
    builder *b = arg;
    csv_doc *d = b->doc;
    (void)c;
    fdi__csv_track_record(&b->track);
    if (b->oom)
        return;
    if (b->at_start) { /* an empty line */
        b->rec_line = b->line + 1;
        return;
    }
    size_t cap = d->nrec; /* records are few: grow one by one in chunks */
    if (d->nrec % 64 == 0) {
        csv_record *r = realloc(d->rec, (cap + 64) * sizeof *r);
        if (!r) {
            b->oom = 1;
            return;
        }
        d->rec = r;
    }
    csv_record *r = &d->rec[d->nrec++];
    r->line = b->rec_line;
    r->nfields = d->noffsets - b->first_field;
    r->first = b->first_field;
    r->field = NULL; /* set once the text buffer stops moving */
    b->at_start = 1;
}

fdi_status fdi__csv_doc_parse(const char *data, size_t len, const char *name,
                              csv_doc *doc, fdi_error *err)
{
    struct csv_parser p;
    builder b = {doc, 1, 1, 0, 1, 0, {1, 0}};
    memset(doc, 0, sizeof *doc);
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
    }
    if (csv_init(&p, CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        return fdi_error_set(err, FDI_ENOMEM, name, 0, 0, "out of memory");
    csv_set_blk_size(&p, 1 << 16); /* not 128 bytes a step for a long field */
    fdi_status st = FDI_OK;
    while (len) {
        const char *nl = fdi__line_end(data, len, 1); /* all the input is here */
        size_t take = nl ? (size_t)(nl - data) + 1 : len;
        if (b.track.between && b.at_start)
            b.rec_line = b.line;
        if (csv_parse(&p, data, take, on_field, on_record, &b) != take) {
            st = fdi_error_set(err, FDI_EPARSE, name, b.line, 0, "%s",
                               csv_strerror(csv_error(&p)));
            break;
        }
        fdi__csv_track_piece(&b.track, data, take, ',');
        if (nl)
            b.line++;
        data += take;
        len -= take;
    }
    /* libcsv's fini catches an open quote at the end of the input only in
     * its strict mode: a line end that ends no record finds it
     * (csv_track.h) */
    if (st == FDI_OK && !b.track.between &&
        csv_parse(&p, "\n", 1, on_field, on_record, &b) == 1)
        fdi__csv_track_piece(&b.track, "\n", 1, ',');
    if (st == FDI_OK && (!b.track.between || csv_fini(&p, on_field, on_record, &b) != 0))
        st = fdi_error_set(err, FDI_EPARSE, name, b.rec_line, 0,
                           "a quoted field is never closed (it starts on line %zu)",
                           b.rec_line);
    csv_free(&p);
    if (st == FDI_OK && b.oom)
        st = fdi_error_set(err, FDI_ENOMEM, name, 0, 0, "out of memory");
    if (st != FDI_OK) {
        fdi__csv_doc_free(doc);
        return st;
    }
    /* field pointers into the final text buffer */
    char **ptrs = malloc((doc->noffsets ? doc->noffsets : 1) * sizeof *ptrs);
    if (!ptrs) {
        fdi__csv_doc_free(doc);
        return fdi_error_set(err, FDI_ENOMEM, name, 0, 0, "out of memory");
    }
    for (size_t i = 0; i < doc->noffsets; i++)
        ptrs[i] = doc->text + doc->offsets[i];
    for (size_t r = 0; r < doc->nrec; r++)
        doc->rec[r].field = ptrs + doc->rec[r].first;
    free(doc->offsets);
    doc->offsets = (size_t *)(void *)ptrs; /* freed by fdi__csv_doc_free */
    return FDI_OK;
}

fdi_status fdi__csv_file_load(const char *path, char **out, size_t *len, fdi_error *err)
{
    FILE *f = fopen(path, "rb");
    *out = NULL;
    *len = 0;
    if (!f)
        return fdi_error_set(err, FDI_EIO, path, 0, 0, "cannot open the file");
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        char *nb = cap > ((size_t)1 << 30) ? NULL : realloc(buf, cap * 2);
        if (!nb) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = nb;
        cap *= 2;
    }
    int bad = ferror(f);
    fclose(f);
    if (!buf)
        return fdi_error_set(err, FDI_ENOMEM, path, 0, 0,
                             "out of memory (a scenario file over 1 GB?)");
    if (bad) {
        free(buf);
        return fdi_error_set(err, FDI_EIO, path, 0, 0, "cannot read the file");
    }
    *out = buf;
    *len = n;
    return FDI_OK;
}

void fdi__csv_doc_free(csv_doc *doc)
{
    free(doc->rec);
    free(doc->text);
    free(doc->offsets);
    memset(doc, 0, sizeof *doc);
}
