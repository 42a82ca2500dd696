/* fdi/frame.h - what ingest produces: observations, column by column.
 *
 * A frame holds one row per observed cell (series, period, value, the source
 * line it came from), whatever the file's layout (long, wide by measure, or
 * periods as columns).  A series is a tuple of dictionary codes, one per key
 * dimension plus the measure, which is always the last dimension.  The frame
 * also keeps the ingest accounting and the log of rejected rows.
 *
 * Ownership: fdi_ingest_csv creates a frame; fdi_frame_destroy frees it
 * (NULL is fine).  Every pointer returned by an accessor is borrowed and
 * valid until the frame is destroyed.
 */
#ifndef FDI_FRAME_H
#define FDI_FRAME_H

#include "fdi/export.h"

#include <stddef.h>
#include <stdint.h>

typedef struct fdi_frame fdi_frame;

typedef struct {
    size_t line;   /* 1-based line where the record starts */
    size_t column; /* 1-based field number; 0 for the whole row */
    char message[240];
} fdi_rejection;

typedef struct {
    size_t rows_read;     /* data records after the header, blank ones excluded */
    size_t rows_used;     /* records that gave at least a period and keys */
    size_t rows_rejected; /* records refused, each in the rejection log */
    size_t blank_rows;    /* records whose fields are all empty */
    size_t header_line;   /* line of the header record */
    size_t skipped_lines; /* metadata lines before the header */
    size_t cells_missing; /* empty or NA value cells (not observations) */
    size_t observations;  /* value cells kept */
    size_t bytes;         /* bytes read */
    size_t rows_outside;  /* records outside the reading window (not in
                             rows_read; see fdi_ingest_options.window) */
} fdi_ingest_stats;

FDI_API void fdi_frame_destroy(fdi_frame *f);

FDI_API const char *fdi_frame_path(const fdi_frame *f);
/* The files read into the frame (one, unless fdi_ingest_files read
 * several: then fdi_frame_path joins their names), and the file a line
 * number of the frame (a rejection's, an observation's) comes from, with
 * its line in that file in *local. */
FDI_API size_t fdi_frame_nfiles(const fdi_frame *f);
FDI_API const char *fdi_frame_file(const fdi_frame *f, size_t i);
FDI_API const char *fdi_frame_where(const fdi_frame *f, size_t line, size_t *local);
/* With --map: how many labels of the mapped key the map did not name, and
 * the i-th of them (they are in the group FDI_UNMAPPED, which sums them but
 * is not ranked among the map's groups). */
#define FDI_UNMAPPED "(unmapped)"
FDI_API size_t fdi_frame_nunmapped(const fdi_frame *f);
FDI_API const char *fdi_frame_unmapped(const fdi_frame *f, size_t i);
/* What to tell about them, into buf: "2 keys of Provinces are not in the
 * map (they sum as \"(unmapped)\"): Bac Kan, Yen Bai" (the first 20, and
 * how many more); "" when there are none. */
FDI_API void fdi_frame_unmapped_note(const fdi_frame *f, char *buf, size_t size);
/* The sheet read when the file is an Excel workbook (NULL for a text
 * file): a rejection's line is then the sheet's row, its column the sheet's
 * column (fdi_location_format writes them as Sheet1!C7). */
FDI_API const char *fdi_frame_sheet(const fdi_frame *f);
/* "long", "wide" or "periods-as-columns". */
FDI_API const char *fdi_frame_layout(const fdi_frame *f);
/* 12 monthly, 4 quarterly, 1 annual. */
FDI_API int fdi_frame_freq(const fdi_frame *f);
/* 1 when the values are cumulative year-to-date (--ytd). */
FDI_API int fdi_frame_is_ytd(const fdi_frame *f);
/* What every value was multiplied by as it was read (--scale; 1: none). */
FDI_API double fdi_frame_scale(const fdi_frame *f);

/* Dimensions: the key columns, then "measure" (index ndims-1). */
FDI_API size_t fdi_frame_ndims(const fdi_frame *f);
FDI_API const char *fdi_frame_dim_name(const fdi_frame *f, size_t dim);
FDI_API size_t fdi_frame_nlabels(const fdi_frame *f, size_t dim);
FDI_API const char *fdi_frame_label(const fdi_frame *f, size_t dim, uint32_t code);
/* Index of a dimension by name (case-insensitive, "measure" included);
 * -1 when absent. */
FDI_API long fdi_frame_dim_find(const fdi_frame *f, const char *name);
/* The key dimension holding the unit of the values (a column named unit,
 * units or đơn vị, read as a key); -1 when the data names no unit. */
FDI_API long fdi_frame_unit_dim(const fdi_frame *f);

FDI_API size_t fdi_frame_nseries(const fdi_frame *f);
/* The ndims codes of series s. */
FDI_API const uint32_t *fdi_frame_series_keys(const fdi_frame *f, size_t s);

FDI_API size_t fdi_frame_nobs(const fdi_frame *f);
/* The observations and the series freed once every panel wanted is built
 * (a panel borrows only the frame's names, labels and counts): the memory
 * of the file's rows is not held beside the panel's and the answer's.
 * After it the frame has no series and no observations (the pointers the
 * accessors of both gave are invalid); names, labels, counts, rejections
 * and columns stay.  NULL is fine. */
FDI_API void fdi_frame_drop_observations(fdi_frame *f);
FDI_API const uint32_t *fdi_frame_obs_series(const fdi_frame *f);
FDI_API const int32_t *fdi_frame_obs_period(const fdi_frame *f);
FDI_API const double *fdi_frame_obs_value(const fdi_frame *f);
FDI_API const uint32_t *fdi_frame_obs_line(const fdi_frame *f);

FDI_API const fdi_ingest_stats *fdi_frame_stats(const fdi_frame *f);
/* Rejections in file order.  The log keeps the first FDI_REJECTION_LOG_MAX;
 * stats->rows_rejected counts them all. */
enum { FDI_REJECTION_LOG_MAX = 10000 };
FDI_API size_t fdi_frame_nrejections(const fdi_frame *f);
FDI_API const fdi_rejection *fdi_frame_rejection(const fdi_frame *f, size_t i);

/* The file's columns and what ingest made of each: "period", "key",
 * "measure", "period-column", "measure-name", "value", or "ignored: why". */
FDI_API size_t fdi_frame_ncolumns(const fdi_frame *f);
FDI_API const char *fdi_frame_column_name(const fdi_frame *f, size_t col);
FDI_API const char *fdi_frame_column_role(const fdi_frame *f, size_t col);

#endif
