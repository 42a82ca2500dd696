/* text_split.c - text in memory split in place (csv_plain.h).
 *
 * Text in memory (a mapped file, a buffer) is read like this: libcsv reads
 * the header and the records held back to decide the layout, a line at a
 * time, and from the record after them the splitter of csv_plain.h hands
 * out fields as pointers into the text, until a line with a quote
 * character: from there libcsv reads on (ingest.c drives it, two_threads.c
 * reads the text in parts on two threads).
 */
#define _GNU_SOURCE
#include "ingest/reader.h"
#include "ingest/csv_plain.h"
#include "ingest/test_switches.h"

#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

enum { DROP_EVERY = 8 << 20 }; /* a mapped file's pages are let go this often */

/* Give back the pages of a mapped file in [lo, hi) that are read: the file
 * stays in the page cache, but not in this process's resident memory. */
static void drop_pages(const char *lo, const char *hi)
{
    const uintptr_t page = 4096;
    uintptr_t a = ((uintptr_t)lo + page - 1) & ~(page - 1), b = (uintptr_t)hi & ~(page - 1);
    if (b > a)
        madvise((void *)a, b - a, MADV_DONTNEED);
}

/* Map the pages of a mapped file in [lo, hi) in one call, ahead of their
 * reading, rather than fault them in a few at a time (Linux 5.14 on; the
 * file is in the page cache: nothing is read from disk here). */
static void map_ahead(const char *lo, const char *hi)
{
#if defined(MADV_POPULATE_READ)
    const uintptr_t page = 4096;
    uintptr_t a = (uintptr_t)lo & ~(page - 1), b = ((uintptr_t)hi + page - 1) & ~(page - 1);
    if (b > a)
        (void)madvise((void *)a, b - a, MADV_POPULATE_READ);
#else
    (void)lo;
    (void)hi;
#endif
}

/* After row rec, which started at `start`: when the reading window left
 * it out by its period in the first column, written there just as the
 * field is (nothing trimmed), that text and the delimiter into skip (16
 * bytes), and its length: the next rows that start with it are left out
 * too, skipped whole (fdi__plain_skip), as the row would be (only its
 * period counts, rows_outside).  0: no such row. */
static size_t skip_prefix(const reader *r, const fdi__record *rec, const char *start,
                          size_t outside_before, char *skip)
{
    const fdi__layout *lay = &r->lay;
    size_t l = rec->len[0];
    if (r->frame->stats.rows_outside == outside_before || lay->period_col != 0 ||
        lay->roles[0] != FDI__ROLE_PERIOD || rec->n < 2 || rec->ptr[0] != start || l == 0 ||
        l >= 16 || start[l] != r->delim || fdi__ingest_test_switches.no_fast_lane)
        return 0;
    memcpy(skip, start, l + 1);
    return l + 1;
}

/* Read s[0..n) with the splitter; r is streaming and between records.
 * Returns the bytes taken: fewer than n when a line has a quote (r is
 * then between records, at that line).  When `mapped`, the pages read are
 * let go as it goes; progress is reported by the first part's reader only
 * (`report`), base being where s lies in the text. */
size_t fdi__reader_feed_plain(reader *r, const char *s, size_t n, int mapped, int report,
                         size_t base, size_t total)
{
    fdi__plain pl;
    fdi__record rec;
    const char *start = s + n, *stop, *mark = s;
    const char delim = r->delim;
    size_t nf, line, skip_len = 0;
    char skip[16] = {0};
    int got = 0;

    if (fdi__reader_grow_fields(r, r->lay.ncols + 1) != 0) {
        fdi__reader_nomem(r);
        return n;
    }
    r->cr_pending = 0; /* a line that ended in a lone \r: the splitter goes on after it */
    fdi__plain_init(&pl, s, n, delim, r->cur_line);
    if (mapped)
        map_ahead(s, s + (n < DROP_EVERY ? n : DROP_EVERY));
    while (r->status == FDI_OK) {
        /* (skipped up to the next letting go of pages, which comes after
         * DROP_EVERY bytes) */
        size_t skipped = skip_len ? fdi__plain_skip(&pl, skip, skip_len,
                                                    (size_t)(s + n - mark) > DROP_EVERY
                                                        ? mark + DROP_EVERY
                                                        : s + n)
                                  : 0;
        if (skipped) {
            r->frame->stats.rows_outside += skipped; /* (as fdi__reader_row counts them) */
        } else if ((got = fdi__plain_next(&pl, r->ptr, r->len, r->fcap, &nf, &line, &start,
                                          &stop)) > 0) {
            if (nf > r->fcap) { /* a row longer than the header */
                if (fdi__reader_grow_fields(r, nf) != 0) {
                    fdi__reader_nomem(r);
                    return n;
                }
                fdi__plain_split(start, stop, delim, r->ptr, r->len, r->fcap);
            }
            rec.ptr = r->ptr;
            rec.len = r->len;
            rec.n = nf;
            rec.line = line;
            size_t outside = r->frame->stats.rows_outside;
            fdi__reader_row(r, &rec);
            skip_len = r->o->window ? skip_prefix(r, &rec, start, outside, skip) : 0;
        } else {
            break;
        }
        if (pl.p - mark >= DROP_EVERY) {
            if (mapped) {
                drop_pages(mark, pl.p);
                map_ahead(pl.p, pl.p + ((size_t)(s + n - pl.p) < DROP_EVERY ? (size_t)(s + n - pl.p)
                                                                            : DROP_EVERY));
            }
            mark = pl.p;
            if (report) /* (a part's reader keeps its observations for the merge) */
                fdi__reader_drain(r);
            if (report && r->o->progress)
                r->o->progress(r->o->progress_ctx, base + (size_t)(pl.p - s), total);
        }
    }
    if (mapped)
        drop_pages(mark, pl.p);
    r->cur_line = pl.line;
    return got < 0 ? (size_t)(start - s) : n;
}

