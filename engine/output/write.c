/* write.c - a table into a stream in any text format (fdi_table_write). */
#include "output/output_internal.h"

int fdi_table_write(const fdi_table *t, FILE *out, fdi_format fmt)
{
    switch (fmt) {
    case FDI_FORMAT_TABLE:
    case FDI_FORMAT_CSV:
    case FDI_FORMAT_JSON:
        return fdi__table_write_plain(t, out, fmt);
    case FDI_FORMAT_MARKDOWN:
        return fdi__table_write_markdown(t, out);
    case FDI_FORMAT_HTML:
        return fdi__table_write_html(t, NULL, out);
    default:
        return -1; /* xlsx: fdi_output_open */
    }
}
