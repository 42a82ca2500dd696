/* csv_small.h - a small CSV file (scenario files) as records of
 * fields, with the line each record starts on: libcsv does the quoting,
 * this keeps the fields and where they were. */
#ifndef FDI_CSV_SMALL_H
#define FDI_CSV_SMALL_H

#include <stddef.h>

#include "fdi/error.h"

typedef struct {
    size_t line;      /* 1-based line the record starts on */
    size_t nfields;
    char **field;     /* NUL-terminated, padding spaces trimmed */
    size_t first;     /* index of the first field in the document */
} csv_record;

typedef struct {
    csv_record *rec;
    size_t nrec;
    /* storage */
    char *text;
    size_t text_len, text_cap;
    size_t *offsets;
    size_t noffsets, offsets_cap;
} csv_doc;

/* Parse data (a UTF-8 BOM is skipped; , ; tab are not guessed: ',' only).
 * Errors: FDI_EPARSE (an unclosed quote, naming the line), FDI_ENOMEM. */
fdi_status fdi__csv_doc_parse(const char *data, size_t len, const char *name,
                              csv_doc *doc, fdi_error *err);
/* A whole file into *out (malloc'd, *len bytes). */
fdi_status fdi__csv_file_load(const char *path, char **out, size_t *len, fdi_error *err);
void fdi__csv_doc_free(csv_doc *doc);

#endif
