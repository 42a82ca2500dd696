/* sink.c - a result written to a file whole or not at all (fdi/output.h).
 *
 * The file is written as PATH.tmpXXXXXX beside PATH (created with O_EXCL
 * and mode 0666 less the umask, as the file itself would be), flushed to
 * disk with fsync and renamed over PATH: rename(2) replaces a name in one
 * step, so a reader sees the old file or the whole new one, and a run
 * that fails, or a disk that fills, leaves PATH as it was.  A PATH that
 * exists and is not a regular file (a device, a pipe) is written in
 * place. */
#define _POSIX_C_SOURCE 200809L
#include "output/output_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct fdi_output {
    fdi_format fmt;
    char *path, *tmp; /* tmp NULL: written in place */
    char *title;
    FILE *f;          /* text formats */
    fdi__xlsx *x;     /* xlsx */
    int tables;
};

static const struct {
    const char *word;
    fdi_format fmt;
} formats[] = {{"table", FDI_FORMAT_TABLE}, {"csv", FDI_FORMAT_CSV},
               {"json", FDI_FORMAT_JSON},   {"markdown", FDI_FORMAT_MARKDOWN},
               {"md", FDI_FORMAT_MARKDOWN}, {"html", FDI_FORMAT_HTML},
               {"htm", FDI_FORMAT_HTML},    {"xlsx", FDI_FORMAT_XLSX}};

fdi_status fdi_output_format_parse(const char *word, fdi_format *fmt, fdi_error *err)
{
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (strcmp(word, formats[i].word) == 0) {
            *fmt = formats[i].fmt;
            return FDI_OK;
        }
    return fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0,
                         "the format is table, csv, json, markdown, html or xlsx, not \"%s\"",
                         word);
}

fdi_status fdi_output_format_of_path(const char *path, fdi_format *fmt, fdi_error *err)
{
    const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');
    if (dot && (!slash || dot > slash + 1) && strcasecmp(dot + 1, "table") != 0)
        for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
            if (strcasecmp(dot + 1, formats[i].word) == 0) {
                *fmt = formats[i].fmt;
                return FDI_OK;
            }
    return fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0,
                         "%s: the output's format comes from its extension, .csv .json .md "
                         ".html or .xlsx (or name it with --format)",
                         path);
}

const char *fdi_output_format_name(fdi_format fmt)
{
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (formats[i].fmt == fmt)
            return formats[i].word;
    return "?";
}

static char *dup_text(const char *s)
{
    char *d = malloc(strlen(s) + 1);
    return d ? strcpy(d, s) : NULL;
}

static void output_free(fdi_output *o)
{
    if (o->tmp)
        unlink(o->tmp);
    free(o->path);
    free(o->tmp);
    free(o->title);
    free(o);
}

static fdi_status io_error(const fdi_output *o, int e, const char *what, fdi_error *err)
{
    return fdi_error_set(err, FDI_EIO, NULL, 0, 0, "cannot %s %s: %s", what, o->path,
                         strerror(e));
}

/* o->tmp: a new file PATH.tmpXXXXXX beside PATH; its descriptor, or -1
 * with errno. */
static int make_temp(fdi_output *o)
{
    size_t n = strlen(o->path) + 16;
    unsigned long r = (unsigned long)getpid() * 2654435761u ^ (unsigned long)time(NULL);
    if (!(o->tmp = malloc(n))) {
        errno = ENOMEM;
        return -1;
    }
    for (int tries = 0; tries < 100; tries++) {
        static const char digits[] = "abcdefghijklmnopqrstuvwxyz0123456789";
        char suffix[7];
        r = r * 6364136223846793005u + 1442695040888963407u;
        for (int i = 0; i < 6; i++)
            suffix[i] = digits[(r >> (8 * i + 3)) % 36];
        suffix[6] = '\0';
        snprintf(o->tmp, n, "%s.tmp%s", o->path, suffix);
        int fd = open(o->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0 || errno != EEXIST)
            return fd;
    }
    return -1;
}

/* The file to write: a temporary beside PATH, or PATH itself when it is
 * not a regular file. */
static fdi_status open_target(fdi_output *o, fdi_error *err)
{
    struct stat sb;
    int fd;
    if (stat(o->path, &sb) == 0 && S_ISDIR(sb.st_mode))
        return io_error(o, EISDIR, "write", err);
    if (stat(o->path, &sb) == 0 && !S_ISREG(sb.st_mode))
        fd = open(o->path, O_WRONLY | O_CLOEXEC);
    else
        fd = make_temp(o);
    if (fd < 0) {
        int e = errno;
        free(o->tmp);
        o->tmp = NULL; /* nothing made: nothing to remove */
        return io_error(o, e, "create", err);
    }
    if (o->fmt == FDI_FORMAT_XLSX) { /* libxlsxwriter writes the name at close */
        close(fd);
        return fdi__xlsx_out_open(o->tmp ? o->tmp : o->path, o->path, o->title, &o->x, err);
    }
    if (!(o->f = fdopen(fd, "w"))) {
        int e = errno;
        close(fd);
        return io_error(o, e, "write", err);
    }
    return FDI_OK;
}

fdi_status fdi_output_open(const char *path, fdi_format fmt, const char *title,
                           fdi_output **out, fdi_error *err)
{
    fdi_output *o = calloc(1, sizeof *o);
    *out = NULL;
    if (!o || !(o->path = dup_text(path)) || !(o->title = dup_text(title ? title : ""))) {
        if (o)
            output_free(o);
        return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    }
    o->fmt = fmt;
    fdi_status st = open_target(o, err);
    if (st != FDI_OK) {
        if (o->f)
            fclose(o->f);
        output_free(o);
        return st;
    }
    *out = o;
    return FDI_OK;
}

fdi_status fdi_output_check_inputs(const char *path, const char *const *inputs, size_t n,
                                   fdi_error *err)
{
    struct stat so, si;
    if (!path || stat(path, &so) != 0 || !S_ISREG(so.st_mode))
        return FDI_OK; /* a new file, or a device written in place */
    for (size_t i = 0; i < n; i++)
        if (inputs[i] && stat(inputs[i], &si) == 0 && si.st_dev == so.st_dev &&
            si.st_ino == so.st_ino)
            return fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0,
                                 "-o %s is the input file %s: the output would replace it; "
                                 "name another file",
                                 path, inputs[i]);
    return FDI_OK;
}

fdi_format fdi_output_format(const fdi_output *o) { return o->fmt; }
FILE *fdi_output_stream(fdi_output *o) { return o->f; }

fdi_status fdi_output_table(fdi_output *o, const char *sheet, const fdi_table *t,
                            fdi_error *err)
{
    if (o->x)
        return fdi__xlsx_table(o->x, sheet, t, err);
    if (o->tables++)
        return fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0,
                             "%s: a %s file holds one table (.xlsx holds several)", o->path,
                             fdi_output_format_name(o->fmt));
    int rc = o->fmt == FDI_FORMAT_HTML ? fdi__table_write_html(t, o->title, o->f)
                                       : fdi_table_write(t, o->f, o->fmt);
    return rc == 0 ? FDI_OK : io_error(o, errno ? errno : EIO, "write", err);
}

fdi_status fdi_output_chart(fdi_output *o, const char *sheet, const fdi_table *data,
                            const char *title, fdi_error *err)
{
    return o->x ? fdi__xlsx_chart(o->x, sheet, data, title, err) : FDI_OK;
}

/* The text formats' stream to disk: flushed, fsync'ed, closed. */
static fdi_status finish_stream(fdi_output *o, fdi_error *err)
{
    int e = 0;
    if (fflush(o->f) != 0 || ferror(o->f))
        e = errno ? errno : EIO;
    if (!e && fsync(fileno(o->f)) != 0 && errno != EINVAL && errno != EROFS)
        e = errno; /* EINVAL: a pipe or a device that cannot sync */
    if (fclose(o->f) != 0 && !e)
        e = errno ? errno : EIO;
    o->f = NULL;
    return e ? io_error(o, e, "write", err) : FDI_OK;
}

static fdi_status sync_file(const fdi_output *o, fdi_error *err)
{
    int fd = open(o->tmp, O_RDONLY | O_CLOEXEC);
    if (fd < 0 || (fsync(fd) != 0 && errno != EINVAL)) {
        int e = errno;
        if (fd >= 0)
            close(fd);
        return io_error(o, e, "write", err);
    }
    close(fd);
    return FDI_OK;
}

fdi_status fdi_output_commit(fdi_output *o, fdi_error *err)
{
    fdi_status st;
    errno = 0;
    if (o->x) {
        st = fdi__xlsx_out_close(o->x, err);
        o->x = NULL;
        if (st == FDI_OK && o->tmp)
            st = sync_file(o, err);
    } else {
        st = finish_stream(o, err);
    }
    if (st == FDI_OK && o->tmp && rename(o->tmp, o->path) != 0)
        st = io_error(o, errno, "write", err);
    if (st == FDI_OK) {
        free(o->tmp);
        o->tmp = NULL; /* it is PATH now */
    }
    output_free(o);
    return st;
}

void fdi_output_discard(fdi_output *o)
{
    if (!o)
        return;
    if (o->f)
        fclose(o->f);
    if (o->x)
        fdi__xlsx_discard(o->x);
    output_free(o);
}

fdi_status fdi_output_flush(FILE *f, const char *name, fdi_error *err)
{
    errno = 0;
    int failed = fflush(f) != 0, e = errno;
    if (!failed && !ferror(f))
        return FDI_OK;
    return fdi_error_set(err, FDI_EIO, NULL, 0, 0, "cannot write %s: %s", name,
                         failed && e ? strerror(e) : "a write failed");
}
