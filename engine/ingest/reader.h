/* reader.h (internal) - the state of one CSV reader, shared by the files
 * of engine/ingest/ that each do one of its jobs:
 *
 *   reader.c       its buffers, errors and rejections;
 *   libcsv_feed.c  text through libcsv, a line at a time (record lines,
 *                  the delimiter, an unclosed quote at the end);
 *   held.c         the first records held back: the header, the layout;
 *   rows.c         a record into observations (the checks, the fast lane);
 *   keys.c         the key cells of a new combination: checks, NFC, codes;
 *   text_split.c   text in memory split in place (csv_plain.h);
 *   two_threads.c  that text cut in parts read on two threads;
 *   ingest.c       the public calls: a file, a buffer, --encoding, strict.
 */
#ifndef FDI_INGEST_READER_H
#define FDI_INGEST_READER_H

#include "ingest/ingest_internal.h"
#include "ingest/csv_track.h"

#include <csv.h>
#include <stdint.h>

/* PREFETCH: the records held back to find the header and type the
 * columns; CHUNK: the bytes read (and fed to libcsv) at a time. */
enum { PREFETCH = 256, CHUNK = 1 << 20 };

typedef struct {
    size_t line, first, n; /* first: index into the offset arrays */
} held_record;

typedef struct {
    const fdi_ingest_options *o;
    const char *file;
    fdi_error *err;
    fdi_status status;
    struct csv_parser csv;
    fdi__csv_track track; /* between records? (csv_track.h) */
    size_t cur_line, rec_line, pending_line;
    int at_line_start, cr_pending;
    /* the record being read */
    char *buf;
    size_t used, cap;
    size_t *off, *len;
    const char **ptr;
    size_t nf, fcap;
    /* held-back records */
    int streaming;
    held_record *held;
    size_t nheld, heldcap;
    char *hbuf;
    size_t hused, hcap;
    size_t *hoff, *hlen;
    size_t hnf, hfcap;
    /* the decided layout and its frame */
    fdi__layout lay;
    fdi_frame *frame;
    /* per-row scratch */
    uint32_t *tuple;
    int32_t *s_period;
    uint32_t *s_measure;
    double *s_value;
    size_t s_cap;
    uint32_t *s_col; /* each value's place in lay.value_cols */
    /* Rows by the raw bytes of their key cells (each as a 4-byte length and
     * the bytes, in column order): an entry holds what interning those
     * cells gave, the key codes by dimension and the measure name's code
     * (combo_data[e * combo_stride ...]), then each value column's series
     * (in lay.value_cols order: the key and period columns have no slot),
     * or UINT32_MAX until a value of that column comes.  One hash lookup
     * per row instead of one per key cell and one per value. */
    fdi__dict combos;
    uint32_t *combo_data;
    size_t combo_stride, combo_cap;
    /* The entry that followed each entry last time (UINT32_MAX: none yet)
     * and the last row's: a file sorted by period, or by keys, repeats its
     * sequence of key cells, so the next row's entry is usually known and
     * one comparison replaces the hash lookup. */
    uint32_t *combo_next;
    size_t combo_next_cap;
    int64_t last_combo;
    char *kbuf;
    size_t kbcap;
    /* the last period cell parsed (its text, up to 16 bytes, and what it
     * gave): in a file sorted by period the next row's is the same text */
    char last_period[16];
    size_t last_period_len; /* 0: none */
    int32_t last_period_value;
    int last_period_freq;
    /* The fast lane (fast_row): the period cell's text of the last row
     * used, when the layout has one period column; 0: none yet */
    char ok_period[16];
    size_t ok_period_len;
    int32_t ok_period_value;
    char delim;   /* the field delimiter, as given to libcsv (read through
                     this, not libcsv's private fields) */
    /* A mapped file: its descriptor (-1: none) and where it is mapped, for
     * reading it with pread into piece[] (text_split.c) */
    int map_fd;
    const char *map_base;
    char *piece;
    size_t piece_cap;
} reader;

/* where fdi__ingest_stream reads its bytes from */
typedef size_t (*read_fn)(void *ctx, char *buf, size_t cap);


/* reader.c */
int fdi__reader_grow(void **p, size_t *cap, size_t need, size_t elem);
void fdi__reader_nomem(reader *r);
int fdi__reader_grow_fields(reader *r, size_t need);
void fdi__reader_reject(reader *r, const fdi__record *rec, size_t col, const char *why,
                        int show_value);
fdi_status fdi__reader_init(reader *r, const fdi_ingest_options *opts, const char *name,
                            fdi_error *err);
void fdi__reader_free(reader *r);
/* r->piece made n bytes, its bytes not kept (0: let go); mapped, not
 * malloc'd, so that it never sits in the heap where the panel's arrays
 * are made after it (malloc'd, it cost 14 MB more at the peak of fdi info
 * on the 1x T1 cube; measured, the cause not pinned down: the command
 * sets fixed malloc thresholds, main.c, so glibc's moving mmap threshold
 * is not it).  0, or -1 when out of memory. */
int fdi__reader_piece(reader *r, size_t n);
/* The observations read so far handed to o->drain and forgotten (nothing
 * without a drain, or after a failure). */
void fdi__reader_drain(reader *r);

/* keys.c: the combos table's key of a row's key cells (NULL: out of
 * memory), and a new entry for them (NULL: the row rejected, or out of
 * memory; *entry its index) */
const char *fdi__reader_key_bytes(reader *r, const fdi__record *rec, size_t *n);
uint32_t *fdi__reader_new_combo(reader *r, const fdi__record *rec, const char *kb, size_t kn,
                                int64_t *entry);

/* rows.c */
int fdi__record_all_empty(const fdi__record *rec);
void fdi__reader_row(reader *r, const fdi__record *rec);

/* held.c */
void fdi__reader_hold(reader *r, const fdi__record *rec);
void fdi__reader_release_held(reader *r);

/* libcsv_feed.c */
const char *fdi__reader_first_chunk(reader *r, const char *p, size_t *n);
void fdi__reader_feed(reader *r, const char *s, size_t n);
void fdi__reader_feed_chunks(reader *r, const char *s, size_t n, size_t base, size_t total);
void fdi__reader_finish(reader *r);
fdi_status fdi__reader_conclude(reader *r, size_t total, fdi_frame **out);
fdi_status fdi__ingest_stream(const fdi_ingest_options *opts, const char *name, read_fn rd,
                              void *ctx, size_t size, fdi_frame **out, fdi_error *err);

/* text_split.c */
size_t fdi__reader_feed_plain(reader *r, const char *s, size_t n, int mapped, int report,
                              size_t base, size_t total);

/* two_threads.c */
int fdi__reader_read_parts(reader *a, const char *data, size_t pos, size_t size, int mapped,
                           size_t *resume);

#endif
