/* fdi/table.h - result tables and their three renderings.
 *
 * A table is columns with stable snake_case names and a kind that decides
 * how a person sees the number (2,729.86 / 6.20x / 151.7%); csv and json
 * carry 15 significant digits (DBL_DIG: what survives any decimal round
 * trip, what a spreadsheet keeps), so 499 + 10 x 0.1 prints as 500.
 * A NaN or infinite cell is missing: "n/a" in the table, empty in csv,
 * null in json.
 */
#ifndef FDI_TABLE_H
#define FDI_TABLE_H

#include "fdi/export.h"

#include <stdio.h>

typedef enum {
    FDI_COL_TEXT,
    FDI_COL_AMOUNT,   /* 2,729.86 */
    FDI_COL_MULTIPLE, /* 6.20x */
    FDI_COL_PERCENT,  /* 151.7% */
    FDI_COL_SIGNED_PERCENT, /* +51.7% */
    FDI_COL_PROBABILITY, /* 0.939 in csv/json, 93.9% in a table */
    FDI_COL_INT       /* 9 */
} fdi_col_kind;

/* markdown: a pipe table as the aligned table shows the cells, the notes
 * below; html: one self-contained page holding that table and its notes;
 * xlsx: a workbook, written through fdi/output.h only (not to a FILE). */
typedef enum {
    FDI_FORMAT_TABLE,
    FDI_FORMAT_CSV,
    FDI_FORMAT_JSON,
    FDI_FORMAT_MARKDOWN,
    FDI_FORMAT_HTML,
    FDI_FORMAT_XLSX
} fdi_format;

typedef struct fdi_table fdi_table;

/* NULL on allocation failure. */
FDI_API fdi_table *fdi_table_create(void);
FDI_API void fdi_table_destroy(fdi_table *t);

/* Column index, or -1 on allocation failure.  name is copied. */
FDI_API int fdi_table_add_column(fdi_table *t, const char *name, fdi_col_kind kind);
/* Row index, or -1.  New cells are missing. */
FDI_API long fdi_table_add_row(fdi_table *t);
/* Room for nrows rows made at once, when the caller knows how many it will
 * add (no doubling past them); 0, or -1 on allocation failure.  Call it
 * after the columns are added. */
FDI_API int fdi_table_reserve(fdi_table *t, size_t nrows);
/* 0, or -1 on allocation failure.  text is copied.  A number never fails
 * on a number column, nor text on a text column (their cells are made with
 * the row); the other kind is made on its first use and can. */
FDI_API int fdi_table_set_text(fdi_table *t, long row, int col, const char *text);
FDI_API int fdi_table_set_num(fdi_table *t, long row, int col, double v);

FDI_API size_t fdi_table_nrows(const fdi_table *t);
FDI_API size_t fdi_table_ncols(const fdi_table *t);
/* Column col's name (NULL when out of range; borrowed) and kind. */
FDI_API const char *fdi_table_column_name(const fdi_table *t, int col);
FDI_API fdi_col_kind fdi_table_column_kind(const fdi_table *t, int col);
/* Cell access: NaN / NULL when missing. */
FDI_API double fdi_table_num(const fdi_table *t, long row, int col);
FDI_API const char *fdi_table_text(const fdi_table *t, long row, int col);
FDI_API int fdi_table_find_column(const fdi_table *t, const char *name);
/* Cell (row, col) as the aligned table shows it ("2,729.86", "6.20x",
 * "93.9%", "n/a"; text with control bytes made visible) into buf. */
FDI_API void fdi_table_cell_text(const fdi_table *t, long row, int col, char *buf, size_t size);
/* The distinct texts of the "note" column, in order of first appearance,
 * each split at "; " into its notes: calls fn(ctx, note) once per distinct
 * note (at most `max`).  Returns how many were found (0: no note column).
 * -1 when out of memory. */
FDI_API long fdi_table_notes(const fdi_table *t, size_t max,
                             void (*fn)(void *ctx, const char *note), void *ctx);

/* Write in the chosen format; returns 0, or -1 on a write error (and for
 * FDI_FORMAT_XLSX, which needs fdi_output_open). */
FDI_API int fdi_table_write(const fdi_table *t, FILE *out, fdi_format fmt);

/* "2,729.86": thousands separators, `decimals` places; buf >= 48. */
FDI_API void fdi_format_amount(double v, int decimals, char *buf, size_t size);

/* The same with any thousands separator and decimal mark ("2.729,86"), for
 * a finite v below 1e18; no "-0". */
FDI_API void fdi_format_grouped(double v, int decimals, char thousands, char decimal_mark, char *buf,
                                size_t size);

#endif
