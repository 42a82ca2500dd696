/* reader.c - a reader's buffers, its out-of-memory and its rejections
 * (reader.h). */
#define _GNU_SOURCE
#include "ingest/reader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

int fdi__reader_grow(void **p, size_t *cap, size_t need, size_t elem)
{
    size_t c = *cap ? *cap : 16;
    void *n;
    if (need <= *cap)
        return 0;
    while (c < need)
        c *= 2;
    n = realloc(*p, c * elem);
    if (!n)
        return -1;
    *p = n;
    *cap = c;
    return 0;
}

void fdi__reader_nomem(reader *r)
{
    if (r->status == FDI_OK)
        r->status = fdi_error_set(r->err, FDI_ENOMEM, r->file, 0, 0, "out of memory");
}

/* The three per-field arrays of the current record share one capacity. */
int fdi__reader_grow_fields(reader *r, size_t need)
{
    size_t cap = r->fcap ? r->fcap : 16;
    size_t *off, *len;
    const char **ptr;
    if (need <= r->fcap)
        return 0;
    while (cap < need)
        cap *= 2;
    if (!(off = realloc(r->off, cap * sizeof *off)))
        return -1;
    r->off = off;
    if (!(len = realloc(r->len, cap * sizeof *len)))
        return -1;
    r->len = len;
    if (!(ptr = realloc(r->ptr, cap * sizeof *ptr)))
        return -1;
    r->ptr = ptr;
    r->fcap = cap;
    return 0;
}

void fdi__reader_reject(reader *r, const fdi__record *rec, size_t col, const char *why,
                   int show_value)
{
    fdi_frame *f = r->frame;
    f->stats.rows_rejected++;
    if (col < rec->n && show_value) {
        const char *s = rec->ptr[col];
        size_t l = rec->len[col];
        fdi__trim(&s, &l);
        if (fdi__frame_reject(f, rec->line, col + 1, "column \"%.60s\": %s (found \"%.*s\")",
                              r->lay.names[col], why, (int)(l > 40 ? 40 : l), s) != 0)
            fdi__reader_nomem(r);
    } else if (col < r->lay.ncols) {
        if (fdi__frame_reject(f, rec->line, col + 1, "column \"%.60s\": %s",
                              r->lay.names[col], why) != 0)
            fdi__reader_nomem(r);
    } else if (fdi__frame_reject(f, rec->line, 0, "%s", why) != 0) {
        fdi__reader_nomem(r);
    }
}

void fdi__reader_drain(reader *r)
{
    if (!r->o->drain || !r->frame || r->status != FDI_OK || !r->frame->nobs)
        return;
    r->o->drain(r->o->drain_ctx, r->frame);
    fdi__frame_forget_obs(r->frame);
}

int fdi__reader_piece(reader *r, size_t n)
{
    if (r->piece)
        munmap(r->piece, r->piece_cap);
    r->piece = NULL;
    r->piece_cap = 0;
    if (!n)
        return 0;
    void *m = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED)
        return -1;
    r->piece = m;
    r->piece_cap = n;
    return 0;
}

void fdi__reader_free(reader *r)
{
    csv_free(&r->csv);
    free(r->buf);
    free(r->off);
    free(r->len);
    free(r->ptr);
    free(r->held);
    free(r->hbuf);
    free(r->hoff);
    free(r->hlen);
    free(r->tuple);
    free(r->s_period);
    free(r->s_measure);
    free(r->s_value);
    free(r->s_col);
    fdi__dict_free(&r->combos);
    free(r->combo_data);
    free(r->combo_next);
    free(r->kbuf);
    fdi__reader_piece(r, 0);
    fdi__layout_free(&r->lay);
}

fdi_status fdi__reader_init(reader *r, const fdi_ingest_options *opts,
                              const char *name, fdi_error *err)
{
    memset(r, 0, sizeof *r);
    r->o = opts;
    r->file = name;
    r->err = err;
    r->at_line_start = 1;
    r->last_combo = -1;
    r->map_fd = -1;
    fdi__csv_track_init(&r->track);
    if (csv_init(&r->csv, CSV_STRICT_FINI) != 0)
        return fdi_error_set(err, FDI_ENOMEM, name, 0, 0, "out of memory");
    /* libcsv grows its field buffer by a fixed block (128 bytes by default):
     * a 10 MB field would take 80,000 reallocations */
    csv_set_blk_size(&r->csv, 1 << 20);
    return FDI_OK;
}

