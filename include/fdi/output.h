/* fdi/output.h - a result written to a file whole or not at all.
 *
 * fdi_output_open names the file and its format (from the extension:
 * .csv .json .md .html .xlsx, unless a format is given); what is written
 * goes to a temporary file beside it (PATH.tmpXXXXXX, in the same
 * directory, so the rename cannot cross file systems), and
 * fdi_output_commit flushes it to disk (fsync) and renames it over PATH.
 * fdi_output_discard, or any failed write or commit, removes the
 * temporary file: a run that fails leaves no file and no half of one.  A
 * PATH that exists and is not a regular file (/dev/stdout, a pipe,
 * /dev/full) is written in place, since it cannot be renamed over.
 *
 * Errors: FDI_EUSAGE for an extension that names no format (said before
 * any work: fdi_output_format_of_path), FDI_EIO naming PATH for a file
 * that cannot be made or written (a missing or read-only directory, a full
 * disk), FDI_ENOMEM.  A sheet is one result table (xlsx: one worksheet
 * each, numbers as numbers with the column kind's number format, the
 * header frozen, its notes on a "notes" sheet); csv, json, md and html
 * hold the first table only.
 */
#ifndef FDI_OUTPUT_H
#define FDI_OUTPUT_H

#include "fdi/error.h"
#include "fdi/export.h"
#include "fdi/table.h"

#include <stdio.h>

typedef struct fdi_output fdi_output;

/* "table", "csv", "json", "markdown" (or "md"), "html", "xlsx"; FDI_EUSAGE
 * for another word. */
FDI_API fdi_status fdi_output_format_parse(const char *word, fdi_format *fmt, fdi_error *err);
/* The format of PATH's extension (case-insensitive: .csv .json .md .html
 * .htm .xlsx); FDI_EUSAGE naming the extensions for any other. */
FDI_API fdi_status fdi_output_format_of_path(const char *path, fdi_format *fmt,
                                             fdi_error *err);
/* The format's word ("csv"), for messages. */
FDI_API const char *fdi_output_format_name(fdi_format fmt);
/* Columns a UTF-8 string takes in a plain-text table (its code points: one
 * each for Latin and Vietnamese in NFC), to pad text by what the reader
 * sees rather than by bytes. */
FDI_API size_t fdi_output_text_width(const char *s);

/* Start writing PATH in format fmt (FDI_FORMAT_TABLE: the aligned text).
 * title: what the file holds, for the HTML page's title and the
 * workbook's properties (NULL: none).  *out is the caller's until
 * fdi_output_commit or fdi_output_discard. */
FDI_API fdi_status fdi_output_open(const char *path, fdi_format fmt, const char *title,
                                   fdi_output **out, fdi_error *err);
/* FDI_EUSAGE when PATH is the same file as one of inputs[0..n) (the data,
 * a plan, a scenario file; NULL entries skipped): the output would replace
 * what it was computed from.  Compared by device and inode, so another
 * spelling of the name (./a.csv, a link) is found too. */
FDI_API fdi_status fdi_output_check_inputs(const char *path, const char *const *inputs, size_t n,
                                           fdi_error *err);
FDI_API fdi_format fdi_output_format(const fdi_output *o);
/* The stream of a text format (table, csv, json, md, html) for writing
 * other than tables (a report's paragraphs); NULL for xlsx. */
FDI_API FILE *fdi_output_stream(fdi_output *o);
/* Write table t as sheet `sheet` (a worksheet's name in xlsx: at most 31
 * characters, made unique; ignored in the other formats, which hold one
 * table: a second is FDI_EUSAGE). */
FDI_API fdi_status fdi_output_table(fdi_output *o, const char *sheet, const fdi_table *t,
                                    fdi_error *err);
/* xlsx only (the other formats ignore it): table `data` on its own sheet
 * and a native line chart of it, its first column the categories (the
 * months) and every number column a line; columns named lo* and hi* are
 * drawn dashed (an interval's bounds). */
FDI_API fdi_status fdi_output_chart(fdi_output *o, const char *sheet, const fdi_table *data,
                                    const char *title, fdi_error *err);
/* Finish: flush, fsync and rename over PATH.  Frees o whatever happens;
 * on an error the temporary file is removed and PATH left as it was. */
FDI_API fdi_status fdi_output_commit(fdi_output *o, fdi_error *err);
/* Abandon: remove the temporary file, free o.  NULL is allowed. */
FDI_API void fdi_output_discard(fdi_output *o);
/* Finish a stream fdi_output did not open (standard output): flush it.
 * FDI_EIO naming `name` when the flush or an earlier write to it failed
 * (a full disk, a closed pipe): a result that cannot be written is the
 * same error whether it goes to -o FILE or to standard output. */
FDI_API fdi_status fdi_output_flush(FILE *f, const char *name, fdi_error *err);

#endif
