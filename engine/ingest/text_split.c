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
#include <unistd.h>

enum {
    DROP_EVERY = 8 << 20, /* a mapped file's pages are let go this often */
    PIECE = 1 << 20       /* a file read with pread: the bytes read at a time */
};

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
static size_t feed_text(reader *r, const char *s, size_t n, int mapped, int report, size_t base,
                        size_t total)
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


/* Where the piece buf[0..n) may be cut so that it ends a line: after its
 * last \n, else after a lone \r (one not last, so not the \r of a \r\n);
 * 0: it has no line end. */
static size_t piece_cut(const char *buf, size_t n)
{
    const char *e = n ? memrchr(buf, '\n', n) : NULL;
    if (!e && n > 1)
        e = memrchr(buf, '\r', n - 1);
    return e ? (size_t)(e - buf) + 1 : 0;
}

/* Bytes [at, at + n) of the file into buf; 0, or -1 when pread fails. */
static int read_at(int fd, char *buf, size_t n, size_t at)
{
    while (n) {
        ssize_t got = pread(fd, buf, n, (off_t)at);
        if (got <= 0)
            return -1;
        buf += got;
        n -= (size_t)got;
        at += (size_t)got;
    }
    return 0;
}

/* s[0..n), text of the file mapped at r->map_base, read with pread a
 * piece at a time into a buffer used again and again (each piece cut at
 * its last line end): on some machines (a virtual one with shadow page
 * tables) every page of a mapping costs a fault when first touched, where
 * pread copies from the page cache at a fraction of that.  What it takes
 * and reports is feed_text's; when pread fails the rest is read through
 * the mapping. */
static size_t feed_read(reader *r, const char *s, size_t n, int report, size_t base,
                        size_t total)
{
    size_t off = 0, since = 0,
           want = fdi__ingest_test_switches.piece_bytes ? fdi__ingest_test_switches.piece_bytes
                                                        : PIECE;
    while (off < n && r->status == FDI_OK) {
        size_t len = n - off < want ? n - off : want, cut;
        if (len > r->piece_cap && fdi__reader_piece(r, want) != 0) {
            fdi__reader_nomem(r);
            break;
        }
        if (read_at(r->map_fd, r->piece, len, (size_t)(s - r->map_base) + off) != 0)
            return off + feed_text(r, s + off, n - off, 1, report, base + off, total);
        cut = off + len < n ? piece_cut(r->piece, len) : len;
        if (!cut) { /* a line longer than the piece: a bigger one */
            want *= 2;
            continue;
        }
        size_t took = feed_text(r, r->piece, cut, 0, 0, 0, 0);
        off += took;
        since += took;
        if (took < cut)
            break; /* (a quote) */
        if (since >= DROP_EVERY && report) {
            since = 0;
            fdi__reader_drain(r);
            if (r->o->progress)
                r->o->progress(r->o->progress_ctx, base + off, total);
        }
    }
    if (!r->o->drain) /* (a drain's reader goes on to other parts) */
        fdi__reader_piece(r, 0);
    return off;
}

size_t fdi__reader_feed_plain(reader *r, const char *s, size_t n, int mapped, int report,
                              size_t base, size_t total)
{
    if (mapped && r->map_fd >= 0 && !fdi__ingest_test_switches.no_pread)
        return feed_read(r, s, n, report, base, total);
    return feed_text(r, s, n, mapped, report, base, total);
}
