/* held.c - the first PREFETCH records are held back (copied once) so that
 * the header can be found below metadata lines and the columns typed
 * (layout.c); then they are replayed as rows and the reader streams. */
#include "ingest/reader.h"

#include <stdlib.h>
#include <string.h>

static fdi__record held_view(reader *r, size_t i, const char **ptrs)
{
    fdi__record rec;
    held_record *h = &r->held[i];
    for (size_t c = 0; c < h->n; c++)
        ptrs[c] = r->hbuf + r->hoff[h->first + c];
    rec.ptr = ptrs;
    rec.len = r->hlen + h->first;
    rec.n = h->n;
    rec.line = h->line;
    return rec;
}

static int nonempty_fields(const fdi__record *rec)
{
    int k = 0;
    for (size_t c = 0; c < rec->n; c++) {
        const char *s = rec->ptr[c];
        size_t l = rec->len[c];
        fdi__trim(&s, &l);
        k += l > 0;
    }
    return k;
}

/* The header with --skip N: the first record after line N that is not
 * all empty.  ptrs: room for the widest record.  SIZE_MAX: none. */
static size_t header_after_skip(reader *r, const char **ptrs)
{
    for (size_t i = 0; i < r->nheld; i++)
        if (r->held[i].line > (size_t)r->o->skip) {
            fdi__record hdr = held_view(r, i, ptrs);
            if (!fdi__record_all_empty(&hdr))
                return i;
        }
    return SIZE_MAX;
}

/* The header found alone: the first record with the commonest field count
 * (and two names at least): metadata lines above it are shorter. */
static size_t header_by_shape(reader *r, const char **ptrs)
{
    size_t best_n = 0, best_count = 0;
    for (size_t i = 0; i < r->nheld; i++) {
        size_t count = 0;
        for (size_t j = 0; j < r->nheld; j++)
            count += r->held[j].n == r->held[i].n;
        if (r->held[i].n >= 2 && (count > best_count ||
                                  (count == best_count && r->held[i].n > best_n))) {
            best_count = count;
            best_n = r->held[i].n;
        }
    }
    for (size_t i = 0; i < r->nheld; i++) {
        if (r->held[i].n != best_n)
            continue;
        fdi__record hdr = held_view(r, i, ptrs);
        if (nonempty_fields(&hdr) >= 2)
            return i;
    }
    return SIZE_MAX;
}

/* The header record into *hdr, or 0 with the reader's error set: none
 * found, or too wide. */
static int find_header(reader *r, const char **ptrs, size_t *header, fdi__record *hdr)
{
    *header = r->o->skip >= 0 ? header_after_skip(r, ptrs) : header_by_shape(r, ptrs);
    if (*header == SIZE_MAX) {
        r->status = fdi_error_set(r->err, FDI_EPARSE, r->file, 0, 0,
                                  r->nheld ? "no header found: expected a line of "
                                             "column names"
                                           : "the file is empty: expected a header "
                                             "line and data");
        return 0;
    }
    *hdr = held_view(r, *header, ptrs);
    if (hdr->n > FDI_MAX_COLUMNS) {
        r->status = fdi_error_set(r->err, FDI_EPARSE, r->file, hdr->line, 0,
                                  "the header has %zu columns; fdi reads at most %d "
                                  "(is this one long line of numbers?)",
                                  hdr->n, (int)FDI_MAX_COLUMNS);
        return 0;
    }
    return 1;
}

/* The held records after the header, as records over sptrs (room for all
 * the held fields); their count. */
static size_t sample_after(reader *r, size_t header, const char **sptrs, fdi__record *sample)
{
    size_t nsample = 0;
    for (size_t i = header + 1; i < r->nheld; i++) {
        held_record *h = &r->held[i];
        for (size_t c = 0; c < h->n; c++)
            sptrs[h->first + c] = r->hbuf + r->hoff[h->first + c];
        sample[nsample].ptr = sptrs + h->first;
        sample[nsample].len = r->hlen + h->first;
        sample[nsample].n = h->n;
        sample[nsample].line = h->line;
        nsample++;
    }
    return nsample;
}

/* Find the header among the held records, decide the layout, replay the
 * rest, and switch to streaming. */
void fdi__reader_release_held(reader *r)
{
    size_t maxn = 1, header, nsample;
    fdi__record hdr;

    r->streaming = 1;
    for (size_t i = 0; i < r->nheld; i++)
        if (r->held[i].n > maxn)
            maxn = r->held[i].n;
    const char **ptrs = malloc(maxn * sizeof *ptrs);
    const char **sptrs = malloc((r->hnf ? r->hnf : 1) * sizeof *sptrs);
    fdi__record *sample = malloc((r->nheld ? r->nheld : 1) * sizeof *sample);
    if (!ptrs || !sptrs || !sample) {
        fdi__reader_nomem(r);
        goto done;
    }
    if (!find_header(r, ptrs, &header, &hdr))
        goto done;
    nsample = sample_after(r, header, sptrs, sample);
    r->status = fdi__layout_decide(r->o, r->file, &hdr, sample, nsample, &r->lay,
                                   &r->frame, r->err);
    if (r->status != FDI_OK)
        goto done;
    r->frame->stats.header_line = hdr.line;
    r->frame->stats.skipped_lines = hdr.line - 1;
    r->tuple = calloc(r->lay.nkeys + 1, sizeof *r->tuple);
    if (!r->tuple) {
        fdi__reader_nomem(r);
        goto done;
    }
    for (size_t i = 0; i < nsample && r->status == FDI_OK; i++)
        fdi__reader_row(r, &sample[i]);
done:
    free(ptrs);
    free(sptrs);
    free(sample);
}

void fdi__reader_hold(reader *r, const fdi__record *rec)
{
    size_t hc;
    if (fdi__reader_grow((void **)&r->held, &r->heldcap, r->nheld + 1, sizeof *r->held) ||
        fdi__reader_grow((void **)&r->hbuf, &r->hcap, r->hused + r->used + 1, 1)) {
        fdi__reader_nomem(r);
        return;
    }
    hc = r->hfcap;
    if (fdi__reader_grow((void **)&r->hoff, &hc, r->hnf + rec->n + 1, sizeof *r->hoff) ||
        fdi__reader_grow((void **)&r->hlen, &r->hfcap, r->hnf + rec->n + 1, sizeof *r->hlen)) {
        fdi__reader_nomem(r);
        return;
    }
    r->held[r->nheld].line = rec->line;
    r->held[r->nheld].first = r->hnf;
    r->held[r->nheld].n = rec->n;
    for (size_t c = 0; c < rec->n; c++) {
        r->hoff[r->hnf + c] = r->hused;
        r->hlen[r->hnf + c] = rec->len[c];
        memcpy(r->hbuf + r->hused, rec->ptr[c], rec->len[c]);
        r->hused += rec->len[c];
    }
    r->hnf += rec->n;
    r->nheld++;
}

