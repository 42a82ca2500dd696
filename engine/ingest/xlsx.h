/* xlsx.h (internal) - an Excel workbook (.xlsx) read as the rows of one
 * sheet, given to the CSV reader (reader.h) as its records:
 *
 *   xlsx_parts.c  the zip (libzip) and its small parts through expat: the
 *                 workbook (sheets, the 1904 date system), its
 *                 relationships (a sheet's entry), the styles (which cells
 *                 hold dates), the shared strings;
 *   xlsx_cells.c  a cell's text: a number as the sheet stores it (the
 *                 shortest text that reads back to the same double), a
 *                 date serial as YYYY-MM-DD, a shared string, an inline
 *                 string, a boolean, an error (#N/A: a cell that does not
 *                 parse, rejected with its address);
 *   xlsx_sheet.c  the sheet streamed (zip_fread chunks into XML_Parse):
 *                 rows into records, the merged ranges, the entry point.
 *
 * A record's line is the sheet's row number, field i its column i + 1
 * (A is field 0): rejections and errors name Sheet1!C7 (fdi_error.sheet,
 * fdi_frame_sheet).
 */
#ifndef FDI_INGEST_XLSX_H
#define FDI_INGEST_XLSX_H

#include "fdi/ingest.h"

#include <expat.h>
#include <stddef.h>
#include <zip.h>

typedef struct {
    zip_t *zip;
    const char *file;     /* the workbook, as messages name it */
    char sheet[128];      /* the sheet chosen (its name) */
    char sheet_entry[512]; /* its part in the zip */
    int date1904;
    /* per cellXfs index (a cell's s=): whether its format shows a date */
    unsigned char *xf_date;
    size_t nxf, xf_cap;
    /* custom number formats that show dates (numFmtId) */
    unsigned *date_fmts;
    size_t ndate_fmts, date_fmt_cap;
    /* shared strings: string i is sst[sst_off[i] .. sst_off[i + 1]) */
    char *sst;
    size_t sst_used, sst_cap;
    size_t *sst_off;
    size_t nsst, sst_off_cap;
    size_t bytes; /* uncompressed bytes read from the zip */
} fdi__xlsx_book;

/* The zip's local header signature, which starts an .xlsx file. */
int fdi__xlsx_magic(const char *data, size_t len);

/* xlsx_parts.c: open the workbook in data[0..len), choose the sheet
 * (sheet: a name or a 1-based number; NULL the first) and read its styles
 * and shared strings.  FDI_EPARSE for a damaged or other zip, FDI_ESCHEMA
 * for a sheet it does not have (the message lists them). */
fdi_status fdi__xlsx_open(fdi__xlsx_book *b, const char *data, size_t len, const char *file,
                          const char *sheet, fdi_error *err);
void fdi__xlsx_close(fdi__xlsx_book *b);
/* Stream the zip's entry through p (whose user data holds *st, set by its
 * handlers before they stop the parser).  FDI_EPARSE names the entry and
 * the XML line of a damaged entry. */
fdi_status fdi__xlsx_stream(fdi__xlsx_book *b, const char *entry, XML_Parser p, fdi_status *st,
                            fdi_error *err);
/* An element's name without its namespace prefix; an attribute's value
 * (NULL: absent). */
const char *fdi__xml_local(const char *name);
const char *fdi__xml_attr(const char **atts, const char *name);
/* Grow a buffer (as fdi__reader_grow): 0, or -1 when out of memory. */
int fdi__xlsx_grow(void **p, size_t *cap, size_t need, size_t elem);

/* xlsx_cells.c */
/* A cell reference ("C7") into its column (1-based; 0: not a reference)
 * and *row (0 when it has none). */
size_t fdi__xlsx_ref(const char *ref, size_t *row);
/* Whether a number format's code shows a date (y or d outside quotes and
 * brackets), and whether a built-in format id does. */
int fdi__xlsx_date_code(const char *code);
int fdi__xlsx_date_builtin(unsigned id);
/* The text a cell gives the reader (*len bytes): t its type attribute
 * (NULL: a number), s its style index (-1: none), v[0..vlen) the text of its
 * <v> or <is>.  The text is v itself, a shared string, or written in
 * scratch (64 bytes); v may be changed in place (a decimal comma). */
const char *fdi__xlsx_cell_text(const fdi__xlsx_book *b, const fdi_ingest_options *o,
                                const char *t, long s, char *v, size_t vlen, char *scratch,
                                size_t *len);

/* xlsx_sheet.c: read the workbook data[0..len) (the file name: file). */
fdi_status fdi__ingest_xlsx(const fdi_ingest_options *o, const char *file, const char *data,
                            size_t len, fdi_frame **out, fdi_error *err);

#endif
