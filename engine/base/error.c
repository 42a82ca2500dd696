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
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return status;
}

void fdi_error_format(const fdi_error *err, char *buf, size_t size)
{
    if (!err || err->status == FDI_OK) {
        snprintf(buf, size, "ok");
        return;
    }
    if (err->file && err->line && err->column)
        snprintf(buf, size, "%s:%zu:%zu: %s", err->file, err->line,
                 err->column, err->message);
    else if (err->file && err->line)
        snprintf(buf, size, "%s:%zu: %s", err->file, err->line, err->message);
    else if (err->file)
        snprintf(buf, size, "%s: %s", err->file, err->message);
    else
        snprintf(buf, size, "%s", err->message);
}
