/* error.c - status names and the fdi_error helpers. */
#include "fdi/error.h"

#include <stdarg.h>
#include <stdio.h>

static const char *const status_names[] = {
#define FDI__NAME(code, name, msg) name,
    FDI_STATUS_LIST(FDI__NAME)
#undef FDI__NAME
};

static const char *const status_messages[] = {
#define FDI__MSG(code, name, msg) msg,
    FDI_STATUS_LIST(FDI__MSG)
#undef FDI__MSG
};

const char *fdi_status_name(fdi_status s)
{
    if ((unsigned)s >= FDI_STATUS_COUNT)
        return "unknown";
    return status_names[s];
}

const char *fdi_strerror(fdi_status s)
{
    if ((unsigned)s >= FDI_STATUS_COUNT)
        return "unknown status";
    return status_messages[s];
}

fdi_status fdi_error_set(fdi_error *err, fdi_status status, const char *file,
                         size_t line, size_t column, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        err->status = status;
        err->file = file;
        err->line = line;
        err->column = column;
        err->sheet[0] = '\0';
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return status;
}

/* Column 1 as A, 27 as AA, as a spreadsheet names them. */
static void column_letters(size_t col, char *out)
{
    char rev[16];
    size_t n = 0;
    while (col && n < sizeof rev) {
        rev[n++] = (char)('A' + (col - 1) % 26);
        col = (col - 1) / 26;
    }
    for (size_t i = 0; i < n; i++)
        out[i] = rev[n - 1 - i];
    out[n] = '\0';
}

void fdi_location_format(const char *file, const char *sheet, size_t line, size_t column,
                         char *buf, size_t size)
{
    char col[17];
    file = file ? file : "";
    if (sheet && *sheet) {
        column_letters(column, col);
        if (line && column)
            snprintf(buf, size, "%s: %s!%s%zu", file, sheet, col, line);
        else if (line)
            snprintf(buf, size, "%s: %s!%zu:%zu", file, sheet, line, line);
        else
            snprintf(buf, size, "%s: %s", file, sheet);
    } else if (line && column) {
        snprintf(buf, size, "%s:%zu:%zu", file, line, column);
    } else if (line) {
        snprintf(buf, size, "%s:%zu", file, line);
    } else {
        snprintf(buf, size, "%s", file);
    }
}

void fdi_error_format(const fdi_error *err, char *buf, size_t size)
{
    if (!err || err->status == FDI_OK) {
        snprintf(buf, size, "ok");
        return;
    }
    if (err->file) {
        char where[512];
        fdi_location_format(err->file, err->sheet, err->line, err->column, where, sizeof where);
        snprintf(buf, size, "%s: %s", where, err->message);
    } else {
        snprintf(buf, size, "%s", err->message);
    }
}
