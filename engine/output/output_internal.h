/* output_internal.h - what the output layer's files share: the writers of
 * each format, called by write.c (a FILE) and sink.c (a file by name). */
#ifndef FDI_OUTPUT_INTERNAL_H
#define FDI_OUTPUT_INTERNAL_H

#include "fdi/output.h"
#include "fdi/table.h"

#include <stdio.h>

/* table.c: the aligned table, csv and json; 0 or -1 on a write error. */
int fdi__table_write_plain(const fdi_table *t, FILE *out, fdi_format fmt);
/* pages.c: a markdown table and an HTML page, each with the notes below. */
int fdi__table_write_markdown(const fdi_table *t, FILE *out);
int fdi__table_write_html(const fdi_table *t, const char *title, FILE *out);

/* xlsx.c: a workbook written at close (libxlsxwriter). */
typedef struct fdi__xlsx fdi__xlsx;
/* file: where it is written; shown: the name errors give (the file the
 * user asked for, not its temporary); borrowed until close. */
fdi_status fdi__xlsx_out_open(const char *file, const char *shown, const char *title,
                          fdi__xlsx **out, fdi_error *err);
fdi_status fdi__xlsx_table(fdi__xlsx *x, const char *sheet, const fdi_table *t, fdi_error *err);
fdi_status fdi__xlsx_chart(fdi__xlsx *x, const char *sheet, const fdi_table *data,
                           const char *title, fdi_error *err);
/* Write the workbook to its path and free x (whatever happens); err names
 * the path on failure. */
fdi_status fdi__xlsx_out_close(fdi__xlsx *x, fdi_error *err);
/* Free x, writing nothing. */
void fdi__xlsx_discard(fdi__xlsx *x);

#endif
