/* fdi/error.h - one status type for the whole library.
 *
 * Every fallible function returns an fdi_status (0 = FDI_OK) and writes its
 * results through out-parameters.  Where a status concerns a place in an
 * input file, the function also fills an fdi_error (file, line, column and a
 * message saying what was expected).  There is no global error state.
 */
#ifndef FDI_ERROR_H
#define FDI_ERROR_H

#include "fdi/export.h"

#include <stddef.h>

/* X-macro: code, name, message.  The CLI maps them to exit codes. */
#define FDI_STATUS_LIST(X)                                                    \
    X(FDI_OK, "ok", "success")                                                \
    X(FDI_ENOMEM, "nomem", "out of memory")                                   \
    X(FDI_EIO, "io", "cannot read or write a file")                           \
    X(FDI_EUSAGE, "usage", "invalid option or argument")                      \
    X(FDI_EPARSE, "parse", "input data cannot be parsed")                     \
    X(FDI_EDUP, "duplicate", "the same series and period appear twice")       \
    X(FDI_ESCHEMA, "schema", "the file's columns do not fit the request")     \
    X(FDI_ENODATA, "nodata", "no data for the request")                       \
    X(FDI_ECOMPUTE, "compute", "the computation cannot be done for the data") \
    X(FDI_ERANGE, "range", "a value is out of range") \
    X(FDI_EOUTSIDE, "outside", "--as-of lies outside the data")

typedef enum {
#define FDI__ENUM(code, name, msg) code,
    FDI_STATUS_LIST(FDI__ENUM)
#undef FDI__ENUM
    FDI_STATUS_COUNT
} fdi_status;

/* Short stable name ("parse") and a sentence for a status; never NULL. */
FDI_API const char *fdi_status_name(fdi_status s);
FDI_API const char *fdi_strerror(fdi_status s);

/* Where and why.  line and column are 1-based; 0 means "not applicable".
 * file points at a string owned by whoever produced the error (the ingest
 * options' path); it stays valid as long as that does. */
typedef struct {
    fdi_status status;
    const char *file;
    size_t line;
    size_t column;
    char message[2048]; /* room for a strict read's first rejections */
    /* A workbook's sheet ("" for a text file): line is then the sheet's
     * row and column its column, written as Sheet1!C7 (fdi_location_format) */
    char sheet[128];
} fdi_error;

/* Fill err (which may be NULL) and return status.  printf-style message. */
FDI_API fdi_status fdi_error_set(fdi_error *err, fdi_status status, const char *file,
                                 size_t line, size_t column, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/* "file:line:column: message" (omitting what is not known) into buf; in a
 * workbook's sheet "file: Sheet1!C7: message". */
FDI_API void fdi_error_format(const fdi_error *err, char *buf, size_t size);

/* A place in an input as messages write it: "file:line:column",
 * "file:line" (column 0), "file" (line 0); with a sheet (not NULL nor "")
 * "file: Sheet1!C7", "file: Sheet1!7:7" (a whole row), "file: Sheet1". */
FDI_API void fdi_location_format(const char *file, const char *sheet, size_t line, size_t column,
                                 char *buf, size_t size);

#endif
