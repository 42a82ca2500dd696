/* libcsv_feed.c - text through libcsv, with the line each record starts on.
 *
 * The input is fed to libcsv one line at a time so that every record knows
 * the line it starts on: when a new line begins while the parser is between
 * records, that line is where the next record starts.  Quoted fields
 * spanning lines therefore keep the line of their record's start.  Whether
 * libcsv is between records is known from its callbacks alone (libcsv has
 * no public call for its state): see csv_track.h.  Field bytes are
 * appended to one buffer that grows geometrically and is reused for every
 * record.
 */
#include "ingest/reader.h"
#include "ingest/csv_track.h"
#include "base/line_end.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static void on_field(void *s, size_t len, void *data)
{
    reader *r = data;
    if (r->status != FDI_OK)
        return;
    if (r->nf == 0)
        r->rec_line = r->pending_line;
    if (fdi__reader_grow((void **)&r->buf, &r->cap, r->used + len + 1, 1) != 0 ||
        fdi__reader_grow_fields(r, r->nf + 1) != 0) {
        fdi__reader_nomem(r);
        return;
    }
    if (len)
        memcpy(r->buf + r->used, s, len);
    r->off[r->nf] = r->used;
    r->len[r->nf] = len;
    r->used += len;
    r->nf++;
}

static void on_record(int term, void *data)
{
    reader *r = data;
    fdi__record rec;
    (void)term;
    fdi__csv_track_record(&r->track);
    if (r->status != FDI_OK) {
        r->nf = r->used = 0;
        return;
    }
    for (size_t c = 0; c < r->nf; c++)
        r->ptr[c] = r->buf + r->off[c];
    rec.ptr = r->ptr;
    rec.len = r->len;
    rec.n = r->nf;
    rec.line = r->nf ? r->rec_line : r->pending_line;
    if (r->streaming) {
        fdi__reader_row(r, &rec);
    } else {
        fdi__reader_hold(r, &rec);
        if (r->nheld >= PREFETCH)
            fdi__reader_release_held(r);
    }
    r->nf = 0;
    r->used = 0;
}

static char detect_delimiter(const fdi_ingest_options *o, const char *s, size_t n)
{
    static const char cand[] = {',', ';', '\t', '|'};
    size_t count[4] = {0, 0, 0, 0}, best = 0;
    int quoted = 0;
    if (n > 65536)
        n = 65536;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            quoted = !quoted;
        else if (!quoted)
            for (size_t k = 0; k < 4; k++)
                count[k] += s[i] == cand[k];
    }
    if (o->number.decimal == ',' && count[1])
        return ';';
    for (size_t k = 1; k < 4; k++)
        if (count[k] > count[best])
            best = k;
    return cand[best];
}

static void parse_bytes(reader *r, const char *s, size_t n)
{
    if (csv_parse(&r->csv, s, n, on_field, on_record, r) != n && r->status == FDI_OK)
        r->status = fdi_error_set(r->err, csv_error(&r->csv) == CSV_ENOMEM ? FDI_ENOMEM
                                                                           : FDI_EPARSE,
                                  r->file, r->cur_line, 0, "%s",
                                  csv_strerror(csv_error(&r->csv)));
    fdi__csv_track_piece(&r->track, s, n, r->delim);
}

/* Feed one chunk, a line at a time (see the note at the top). */
void fdi__reader_feed(reader *r, const char *s, size_t n)
{
    if (n && r->cr_pending) {
        /* the last chunk ended in \r: a line end, with this \n if one follows */
        r->cr_pending = 0;
        if (*s == '\n') {
            parse_bytes(r, s, 1);
            s++;
            n--;
        }
        r->at_line_start = 1;
    }
    while (n && r->status == FDI_OK) {
        /* more input may follow this chunk: a \r at its end is taken for
         * the first half of a \r\n until the next chunk shows */
        const char *nl = fdi__line_end(s, n, 0);
        size_t take = nl ? (size_t)(nl - s) + 1 : n;
        if (r->at_line_start) {
            r->cur_line++;
            if (r->track.between)
                r->pending_line = r->cur_line;
        }
        parse_bytes(r, s, take);
        r->at_line_start = nl != NULL;
        r->cr_pending = !nl && s[take - 1] == '\r';
        s += take;
        n -= take;
    }
}

/* The start of the input: skip a BOM, refuse binary and UTF-16 text, set
 * the delimiter.  Returns the first byte to feed (*n adjusted). */
const char *fdi__reader_first_chunk(reader *r, const char *p, size_t *n)
{
    if (*n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3, *n -= 3;
    const char *nul = memchr(p, '\0', *n);
    if (nul) { /* binary data, or UTF-16 (every other byte 0) */
        size_t line = 1;
        for (const char *q = p; q < nul; q++)
            line += *q == '\n';
        int utf16 = *n >= 2 && ((unsigned char)p[0] == 0xFF || (unsigned char)p[0] == 0xFE);
        r->status = fdi_error_set(r->err, FDI_EPARSE, r->file, line, 0,
                                  utf16 ? "the file is UTF-16 text: save it as UTF-8 "
                                          "(or CSV UTF-8 in a spreadsheet)"
                                        : "a NUL byte: this is not a text CSV file");
        return p;
    }
    r->delim = r->o->delimiter ? r->o->delimiter : detect_delimiter(r->o, p, *n);
    csv_set_delim(&r->csv, (unsigned char)r->delim);
    return p;
}

/* The end of the input: an unclosed quote, the last record, the held
 * records of a short file. */
void fdi__reader_finish(reader *r)
{
    /* An open quote at the end: a line end given to libcsv ends any other
     * record, as csv_fini would, but not a quoted field (csv_fini reports
     * one only in libcsv's strict mode, which would make every stray quote
     * fatal): csv_track.h. */
    if (r->status == FDI_OK && !r->track.between) {
        parse_bytes(r, "\n", 1);
        if (r->status == FDI_OK && !r->track.between)
            r->status = fdi_error_set(r->err, FDI_EPARSE, r->file, r->pending_line, r->nf + 1,
                                      "a quoted field starting on this line is never "
                                      "closed: expected a closing \"");
    }
    if (r->status == FDI_OK &&
        csv_fini(&r->csv, on_field, on_record, r) != 0 && r->status == FDI_OK)
        r->status = fdi_error_set(r->err, FDI_EPARSE, r->file, r->pending_line, 0,
                                  "a quoted field starting on this line is never "
                                  "closed: expected a closing \"");
    if (r->status == FDI_OK && !r->streaming)
        fdi__reader_release_held(r);
}

/* Hand over the frame (or the error). */
fdi_status fdi__reader_conclude(reader *r, size_t total, fdi_frame **out)
{
    fdi_status st = r->status;
    if (st == FDI_OK && r->frame->freq == 0)
        r->frame->freq = 12;
    if (st != FDI_OK) {
        fdi_frame_destroy(r->frame);
        r->frame = NULL;
    } else {
        r->frame->stats.bytes = total;
        r->frame->nlines = r->cur_line;
        *out = r->frame;
    }
    fdi__reader_free(r);
    return st;
}

fdi_status fdi__ingest_stream(const fdi_ingest_options *opts, const char *name,
                      read_fn rd, void *ctx, size_t size, fdi_frame **out, fdi_error *err)
{
    reader r;
    size_t n, total = 0;
    int first = 1;

    *out = NULL;
    if (err)
        memset(err, 0, sizeof *err);
    if (fdi__reader_init(&r, opts, name, err) != FDI_OK)
        return FDI_ENOMEM;
    char *chunk = malloc(CHUNK);
    if (!chunk) {
        fdi__reader_free(&r);
        return fdi_error_set(err, FDI_ENOMEM, name, 0, 0, "out of memory");
    }
    while (r.status == FDI_OK && (n = rd(ctx, chunk, CHUNK)) > 0) {
        const char *p = chunk;
        total += n;
        if (first) {
            first = 0;
            p = fdi__reader_first_chunk(&r, p, &n);
            if (r.status != FDI_OK)
                break;
        }
        fdi__reader_feed(&r, p, n);
        if (opts->progress)
            opts->progress(opts->progress_ctx, total, size);
    }
    fdi__reader_finish(&r);
    free(chunk);
    return fdi__reader_conclude(&r, total, out);
}

/* Feed s[0..n) to libcsv a chunk at a time, with progress. */
void fdi__reader_feed_chunks(reader *r, const char *s, size_t n, size_t base, size_t total)
{
    for (size_t at = 0; r->status == FDI_OK && at < n;) {
        size_t take = n - at < CHUNK ? n - at : CHUNK;
        fdi__reader_feed(r, s + at, take);
        at += take;
        fdi__reader_drain(r);
        if (r->o->progress)
            r->o->progress(r->o->progress_ctx, base + at, total);
    }
}

