/* ingest_internal.h - shared by ingest.c (reading) and ingest_layout.c
 * (deciding what each column is). */
#ifndef FDI_INGEST_INTERNAL_H
#define FDI_INGEST_INTERNAL_H

#include "fdi/ingest.h"

#include <stdio.h>
#include "frame/frame_internal.h"

/* One record: fields as (pointer, length) into a buffer owned elsewhere. */
typedef struct {
    const char **ptr;
    const size_t *len;
    size_t n;
    size_t line;
} fdi__record;

typedef enum {
    FDI__ROLE_IGNORED = 0,
    FDI__ROLE_PERIOD,
    FDI__ROLE_KEY,
    FDI__ROLE_VALUE,        /* wide: one measure per column */
    FDI__ROLE_MEASURE_NAME, /* long: names the measure */
    FDI__ROLE_LONG_VALUE,   /* long: the value */
    FDI__ROLE_PERIOD_VALUE  /* periods as columns: header is the period */
} fdi__role;

/* The decided layout of a file. */
typedef struct {
    size_t ncols;
    char **names;          /* normalised header names */
    fdi__role *roles;
    int32_t *col_period;   /* PERIOD_VALUE columns: their period */
    uint32_t *col_measure; /* VALUE columns: measure code */
    size_t *key_dim;       /* KEY columns: their dimension */
    size_t nkeys;
    size_t period_col;     /* PERIOD column (when there is one) */
    int freq;              /* from the header, for periods as columns */
    /* the columns a row's reading visits, in order: the key cells (KEY and
     * MEASURE_NAME) and the values (VALUE, LONG_VALUE, PERIOD_VALUE) */
    size_t *key_cols, nkey_cols;
    size_t *value_cols, nvalue_cols;
    size_t nperiod_cols;   /* PERIOD columns (a --period list may name more) */
    int has_measure_name;  /* long data: a MEASURE_NAME column names every value */
} fdi__layout;

/* Decide the layout from the header and a sample of data records, create
 * the frame with its dimensions and fill the column roles.  */
fdi_status fdi__layout_decide(const fdi_ingest_options *o, const char *name,
                              const fdi__record *header,
                              const fdi__record *sample, size_t nsample,
                              fdi__layout *lay, fdi_frame **frame,
                              fdi_error *err);
void fdi__layout_free(fdi__layout *lay);

/* Trim blanks (and no-break spaces) at both ends. */
void fdi__trim(const char **s, size_t *len);

/* --encoding (encoding.c): whether name is one fdi reads, and iconv's name
 * for it (NULL: UTF-8, nothing to convert); the text in[0..n) converted to
 * UTF-8 into *out (malloc'd), or FDI_EPARSE naming the line and byte column
 * of a byte the encoding has no character for. */
int fdi__encoding_find(const char *name, const char **iconv_name);
fdi_status fdi__transcode(const char *enc, const char *file, const char *in, size_t n,
                          char **out, size_t *out_len, fdi_error *err);

/* map.c: --map FILE's group columns added to f as keys (fdi_ingest_options
 * .map); FDI_EPARSE / FDI_ESCHEMA naming the map's line, FDI_ENOMEM. */
fdi_status fdi__frame_apply_map(fdi_frame *f, const char *path, fdi_error *err);

/* zip_csv.c: a zip (data[0..len)) that is not a workbook but holds one
 * data CSV (the World Bank's download: the Metadata_ files aside): 1 with
 * its text in *text (malloc'd, *n bytes) and "path/entry" in entry, or 1
 * with *st an error (several CSV files, none, unreadable); 0 when it is a
 * workbook or no zip libzip reads (the workbook reader then says why). */
int fdi__zip_csv(const char *data, size_t len, const char *path, char **text, size_t *n,
                 char *entry, size_t entry_size, fdi_error *err, fdi_status *st);

/* gzip.c: whether fp (at its start) holds gzip data (its position kept);
 * the whole decompressed text of the file at path into *out (malloc'd,
 * *n bytes). */
int fdi__is_gzip(FILE *fp);
fdi_status fdi__gunzip(const char *path, char **out, size_t *n, fdi_error *err);

#endif
