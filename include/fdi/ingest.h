/* fdi/ingest.h - CSV files (and Excel workbooks) into frames.
 *
 * An .xlsx workbook is read directly, one sheet, its rows given to the
 * same reader as a CSV file's records (xlsx.h): every rule below holds,
 * with the sheet's row and column in place of the line and field.
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
    /* What rejected rows do to the call (FDI_STRICT by default, as --strict;
     * --lenient is FDI_LENIENT; fdi info reads with FDI_REPORT_ALL). */
    int lenient;
    /* The file's character encoding: NULL or "utf-8" (UTF-8, the default;
     * a key that is not UTF-8 rejects its row), "latin1" or "cp1258"
     * (Windows-1258, Vietnamese): converted to UTF-8 (glibc's iconv)
     * before parsing, the whole file in memory. */
    const char *encoding;
    /* --map FILE: a CSV with a column named as one of the data's key
     * columns (province) and one or more group columns (region, ...),
     * added to the frame as keys (fdi_ingest_files applies it): --by and
     * --filter use them.  A key the map does not name goes to the group
     * "(unmapped)" and is listed (fdi_frame_unmapped), never dropped. */
    const char *map;
    /* An Excel workbook (.xlsx, known by its content): the sheet to read,
     * by name or by its 1-based place ("2"); NULL: the first.  Ignored for
     * text files. */
    const char *sheet;
    /* Observations handed on as they are read instead of kept (what
     * fdi_ingest_summed streams with): every few megabytes of text the
     * reader calls drain(drain_ctx, frame) with the frame read so far, in
     * file order, then forgets its observations; the series, labels,
     * counts and rejections stay.  The last observations are left in the
     * frame for the caller.  NULL: every observation is kept. */
    void (*drain)(void *ctx, const fdi_frame *f);
    void *drain_ctx;
} fdi_ingest_options;

/* fdi_ingest_options.lenient:
 * FDI_STRICT: a rejected row (a value or period that does not parse, a
 *   ragged row, an empty, overlong or not UTF-8 key...) or a header naming
 *   a column twice fails the call with FDI_EPARSE, whose message lists the
 *   first FDI_STRICT_SHOWN rejections as file:line:column and counts the
 *   rest;
 * FDI_LENIENT: rejected rows are logged and counted and the call goes on,
 *   but a file whose every row is rejected still fails (FDI_EPARSE, the
 *   first reasons in the message): nothing is left to compute with;
 * FDI_REPORT_ALL: rejected rows as FDI_LENIENT, and the frame is returned
 *   even when every row is rejected; a header naming a column twice fails as
 *   FDI_STRICT (fdi info, which reports and computes nothing). */
enum { FDI_STRICT = 0, FDI_LENIENT = 1, FDI_REPORT_ALL = 2, FDI_STRICT_SHOWN = 5 };

/* The most columns a header may have (a one-line file of a million
 * numbers is refused with a clear error rather than read as a million
 * measures). */
enum { FDI_MAX_COLUMNS = 100000 };

/* Whether fdi_ingest_options.encoding may name this ("latin1", "cp1258",
 * "utf-8" and their other spellings: latin-1, iso-8859-1, windows-1258,
 * utf8; any case). */
FDI_API int fdi_encoding_known(const char *name);

/* Defaults: detect everything, decimal '.', thousands ',', scale 1. */
FDI_API fdi_ingest_options fdi_ingest_options_default(void);

/* Read opts->path into a new frame (*out, destroyed by the caller).
 * Rejected rows fail the call unless opts->lenient (above); when they do
 * not, they are in the frame's log.  Fails
 * with FDI_EIO (cannot read), FDI_EPARSE (unterminated quote, no header,
 * rejected rows as opts->lenient says),
 * FDI_ESCHEMA (a named column is absent, no period column) or FDI_ENOMEM,
 * leaving *out NULL and err filled. */
FDI_API fdi_status fdi_ingest_csv(const fdi_ingest_options *opts, fdi_frame **out,
                                  fdi_error *err);

/* Several files into one frame, as if they were one: each read as
 * fdi_ingest_csv reads opts->path (paths[i] in its place), then appended
 * in order, its lines numbered after the files before it
 * (fdi_frame_where tells the file and line back).  Their columns must
 * agree: the same names with the same roles, the same frequency;
 * otherwise FDI_ESCHEMA names the two files and the first column that
 * differs.  One path: fdi_ingest_csv. */
FDI_API fdi_status fdi_ingest_files(const fdi_ingest_options *opts, const char *const *paths,
                                    size_t npaths, fdi_frame **out, fdi_error *err);

/* The same from memory; name is used in messages. */
FDI_API fdi_status fdi_ingest_buffer(const char *data, size_t len, const char *name,
                                     const fdi_ingest_options *opts, fdi_frame **out,
                                     fdi_error *err);

#endif
