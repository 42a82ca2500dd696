/* fdi/ingest.h - CSV files into frames.
 *
 * One pass over the file.  Text with a quote character anywhere goes
 * through libcsv's state machine, fields copied into one reusable buffer
 * (no allocation per field); a file without quotes is mapped and split in
 * place (csv_plain.h: the same records, no copies), on two threads when it
 * is big.  The first records are held
 * back to find the header (skipping metadata lines) and to tell key columns
 * (text) from measure columns (numbers); then every record is turned into
 * observations or rejected with its line, column and a reason.
 *
 * Accounting: stats.rows_read == stats.rows_used + stats.rows_rejected,
 * always.  A cell that does not parse rejects its whole row: nothing is ever
 * read as 0 because it did not parse.
 */
#ifndef FDI_INGEST_H
#define FDI_INGEST_H

#include "fdi/export.h"

#include "fdi/error.h"
#include "fdi/frame.h"
#include "fdi/parse.h"

typedef struct {
    const char *path;        /* file to read; "-" is standard input */
    const char *period_col;  /* NULL: detect (period, date, month, year, ...) */
    const char *key_cols;    /* comma list; NULL: the text columns */
    const char *value_cols;  /* comma list; NULL: the numeric columns */
    const char *measure_col; /* long data: column naming the measure */
    const char *value_col;   /* long data: column holding the value */
    int ytd;                 /* values are cumulative year-to-date */
    fdi_number_format number;
    char delimiter;          /* 0: detect among , ; tab | */
    long skip;               /* lines before the header; -1: detect */
    double scale;            /* multiply every value (unit conversion) */
    /* called after each chunk read: bytes so far, and the file's size (0
     * when unknown, as for standard input); NULL: none */
    void (*progress)(void *ctx, size_t done, size_t total);
    int threads;             /* 1: one thread; else a big file without quotes
                                is read in two parts on two threads */
    void *progress_ctx;
    int32_t latest;          /* a period starting after this month is a row
                                rejected as "in the future" (default: the
                                current month; INT32_MAX accepts any) */
    /* A command that looks at a few years only (yoy at an as-of month)
     * sets a window: a row whose period lies wholly outside
     * [window_from, window_to] is counted in stats.rows_outside and not
     * read further (its other cells are not checked).  Rows whose period
     * does not parse are rejected as always.  No effect on files with
     * periods as columns. */
    int window;
    int32_t window_from, window_to;
} fdi_ingest_options;

/* The most columns a header may have (a one-line file of a million
 * numbers is refused with a clear error rather than read as a million
 * measures). */
enum { FDI_MAX_COLUMNS = 100000 };

/* Defaults: detect everything, decimal '.', thousands ',', scale 1. */
FDI_API fdi_ingest_options fdi_ingest_options_default(void);

/* Read opts->path into a new frame (*out, destroyed by the caller).
 * Rejected rows do not fail the call; they are in the frame's log.  Fails
 * with FDI_EIO (cannot read), FDI_EPARSE (unterminated quote, no header),
 * FDI_ESCHEMA (a named column is absent, no period column) or FDI_ENOMEM,
 * leaving *out NULL and err filled. */
FDI_API fdi_status fdi_ingest_csv(const fdi_ingest_options *opts, fdi_frame **out,
                                  fdi_error *err);

/* The same from memory; name is used in messages. */
FDI_API fdi_status fdi_ingest_buffer(const char *data, size_t len, const char *name,
                                     const fdi_ingest_options *opts, fdi_frame **out,
                                     fdi_error *err);

#endif
