/* ingest.c - a CSV file or a buffer into a frame: the public calls
 * (fdi/ingest.h).  A file is mapped and read in place (text_split.c, on two
 * threads for a big one: two_threads.c) or, when it cannot be mapped
 * (standard input, a pipe), streamed through libcsv (libcsv_feed.c);
 * --encoding converts it first (encoding.c); strict reading turns the
 * rejected rows into an error (verdict).  reader.h lists the other jobs.
 */
#define _GNU_SOURCE
#include "ingest/reader.h"
#include "ingest/test_switches.h"
#include "ingest/xlsx.h"
#include "base/line_end.h"

#include <sys/mman.h>
#include <sys/stat.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

fdi_ingest_options fdi_ingest_options_default(void)
{
    fdi_ingest_options o;
    memset(&o, 0, sizeof o);
    o.number = fdi_number_format_default();
    o.skip = -1;
    o.scale = 1.0;
    time_t now = time(NULL);
    struct tm tm;
    if (now != (time_t)-1 && gmtime_r(&now, &tm))
        o.latest = (int32_t)(tm.tm_year + 1900) * 12 + tm.tm_mon;
    else
        o.latest = INT32_MAX;
    return o;
}

/* Text in memory, on one thread or two (text_split.c, two_threads.c);
 * map_fd: the file mapped there (-1: a buffer). */
static fdi_status run_plain(const fdi_ingest_options *opts, const char *name,
                            const char *data, size_t size, int threads, int map_fd,
                            fdi_frame **out, fdi_error *err)
{
    reader a;
    int mapped = map_fd >= 0;
    *out = NULL;
    if (err)
        memset(err, 0, sizeof *err);
    if (fdi__reader_init(&a, opts, name, err) != FDI_OK)
        return FDI_ENOMEM;
    a.map_fd = map_fd;
    a.map_base = data;
    size_t n = size < CHUNK ? size : CHUNK;
    size_t pos = (size_t)(fdi__reader_first_chunk(&a, data, &n) - data);
    /* libcsv up to the decided layout, a line at a time, so that it stops
     * between two records */
    while (a.status == FDI_OK && !a.streaming && pos < size) {
        const char *nl = fdi__line_end(data + pos, size - pos, 1);
        size_t take = nl ? (size_t)(nl - (data + pos)) + 1 : size - pos;
        fdi__reader_feed(&a, data + pos, take);
        pos += take;
    }
    int between = a.status == FDI_OK && a.streaming && a.track.between;
    size_t resume = pos;
    if (between && threads > 1 && a.frame && a.frame->freq &&
        fdi__reader_read_parts(&a, data, pos, size, mapped, &resume)) {
        /* read; libcsv goes on from resume */
    } else if (between) {
        resume = pos + fdi__reader_feed_plain(&a, data + pos, size - pos, mapped, 1, pos, size);
    }
    if (a.status == FDI_OK && resume < size) { /* libcsv reads what is left */
        a.at_line_start = 1;
        fdi__reader_feed_chunks(&a, data + resume, size - resume, resume, size);
    }
    fdi__reader_finish(&a);
    if (opts->progress)
        opts->progress(opts->progress_ctx, size, size);
    return fdi__reader_conclude(&a, size, out);
}

static int threads_for(const fdi_ingest_options *o)
{
    return o->threads == 1 ? 1 : 2;
}

typedef struct {
    const char *data;
    size_t len, pos;
} mem_src;

static size_t read_mem(void *ctx, char *buf, size_t cap)
{
    mem_src *m = ctx;
    size_t n = m->len - m->pos < cap ? m->len - m->pos : cap;
    memcpy(buf, m->data + m->pos, n);
    m->pos += n;
    return n;
}

static size_t read_file(void *ctx, char *buf, size_t cap)
{
    FILE *fp = ctx;
    size_t n = fread(buf, 1, cap, fp);
    if (n == 0 && ferror(fp))
        errno = EIO;
    return n;
}

/* What the rejected rows of a read frame make of the call (ingest.h,
 * fdi_ingest_options.lenient): FDI_OK, or FDI_EPARSE with the first
 * rejections as file:line:column and the count of the rest, the frame
 * destroyed. */
static fdi_status verdict(const fdi_ingest_options *o, const char *path, fdi_frame **out,
                          fdi_error *err)
{
    const fdi_ingest_stats *s = fdi_frame_stats(*out);
    int none_used = s->rows_rejected && !s->rows_used;
    if (!s->rows_rejected || o->lenient == FDI_REPORT_ALL || (o->lenient && !none_used))
        return FDI_OK;
    char msg[sizeof err->message];
    size_t at = 0, shown = fdi_frame_nrejections(*out);
    shown = shown < FDI_STRICT_SHOWN ? shown : FDI_STRICT_SHOWN;
    at += (size_t)snprintf(msg, sizeof msg,
                           none_used ? "every row was rejected (%zu of %zu)%s; the first:"
                                     : "%zu of %zu rows rejected%s; the first:",
                           s->rows_rejected, s->rows_read,
                           o->lenient || none_used ? "" : " (--lenient reads on without them)");
    for (size_t i = 0; i < shown && at < sizeof msg; i++) {
        const fdi_rejection *r = fdi_frame_rejection(*out, i);
        char where[512];
        fdi_location_format(path, fdi_frame_sheet(*out), r->line, r->column, where, sizeof where);
        at += (size_t)snprintf(msg + at, sizeof msg - at, "\n  %s: %s", where, r->message);
    }
    if (at < sizeof msg && s->rows_rejected > shown)
        snprintf(msg + at, sizeof msg - at, "\n  and %zu more (fdi info %.200s lists them all)",
                 s->rows_rejected - shown, path);
    fdi_frame_destroy(*out);
    *out = NULL;
    return fdi_error_set(err, FDI_EPARSE, path, 0, 0, "%s", msg);
}

/* Text in another encoding than UTF-8 (--encoding): converted, then read
 * as a buffer in UTF-8. */
static fdi_status ingest_transcoded(const char *data, size_t len, const char *name,
                                    const fdi_ingest_options *opts, fdi_frame **out,
                                    fdi_error *err)
{
    char *utf8;
    size_t n;
    fdi_ingest_options o = *opts;
    fdi_status st = fdi__transcode(o.encoding, name, data, len, &utf8, &n, err);
    if (st != FDI_OK)
        return st;
    o.encoding = NULL;
    st = fdi_ingest_buffer(utf8, n, name, &o, out, err);
    free(utf8);
    return st;
}

/* Whether opts asks for text to be converted; an unknown name is
 * FDI_EUSAGE in *st. */
static int needs_transcoding(const fdi_ingest_options *opts, fdi_status *st, fdi_error *err)
{
    const char *to = NULL;
    *st = FDI_OK;
    if (!opts->encoding)
        return 0;
    if (!fdi__encoding_find(opts->encoding, &to))
        *st = fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0,
                            "--encoding takes latin1, cp1258 or utf-8, not \"%s\"",
                            opts->encoding);
    return to != NULL;
}

/* A zip: an Excel workbook, or the one CSV file in it (zip_csv.c). */
static fdi_status ingest_zip(const fdi_ingest_options *opts, const char *name, const char *data,
                             size_t len, fdi_frame **out, fdi_error *err)
{
    char *text = NULL, entry[1024];
    size_t n = 0;
    fdi_status st;
    if (fdi__zip_csv(data, len, name, &text, &n, entry, sizeof entry, err, &st)) {
        if (st == FDI_OK && fdi__xlsx_magic(text, n)) /* (no zip read inside a zip) */
            st = fdi_error_set(err, FDI_EPARSE, entry, 0, 0, "a zip inside the zip");
        else if (st == FDI_OK)
            st = fdi_ingest_buffer(text, n, entry, opts, out, err);
        free(text);
        return st;
    }
    st = fdi__ingest_xlsx(opts, name, data, len, out, err);
    return st == FDI_OK ? verdict(opts, name, out, err) : st;
}

/* --sheet names a sheet of a workbook: on a text file it would be
 * ignored, and the data read might not be what was asked for. */
static fdi_status sheet_on_text(const fdi_ingest_options *opts, const char *name,
                                fdi_error *err)
{
    return fdi_error_set(err, FDI_EUSAGE, name, 0, 0,
                         "--sheet %s: --sheet applies to an Excel workbook (.xlsx) only, "
                         "and this is a text (CSV) file",
                         opts->sheet);
}

fdi_status fdi_ingest_buffer(const char *data, size_t len, const char *name,
                             const fdi_ingest_options *opts, fdi_frame **out,
                             fdi_error *err)
{
    fdi_ingest_options def = fdi_ingest_options_default();
    mem_src m = {data, len, 0};
    fdi_status enc_st;
    if (!opts)
        opts = &def;
    name = name ? name : "(buffer)";
    *out = NULL;
    if (fdi__xlsx_magic(data, len)) /* an Excel workbook (xlsx.h), or a zipped CSV */
        return ingest_zip(opts, name, data, len, out, err);
    if (opts->sheet)
        return sheet_on_text(opts, name, err);
    if (needs_transcoding(opts, &enc_st, err))
        return ingest_transcoded(data, len, name, opts, out, err);
    if (enc_st != FDI_OK)
        return enc_st;
    errno = 0;
    fdi_status st = !fdi__ingest_test_switches.libcsv_only && len
                        ? run_plain(opts, name, data, len, threads_for(opts), -1, out, err)
                        : fdi__ingest_stream(opts, name, read_mem, &m, len, out, err);
    return st == FDI_OK ? verdict(opts, name, out, err) : st;
}

/* The whole file mapped, to be split in place; NULL when it cannot be
 * (standard input, a pipe, the libcsv_only test switch). */
static char *map_plain(FILE *fp, size_t size)
{
    if (fdi__ingest_test_switches.libcsv_only || size == 0)
        return NULL;
    void *m = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fileno(fp), 0);
    return m == MAP_FAILED ? NULL : m;
}

/* A file that starts as a zip: read as an Excel workbook, mapped (its
 * parts are inflated a chunk at a time: xlsx.h). */
static int is_workbook(FILE *fp, size_t size)
{
    char head[4];
    return size >= 4 && pread(fileno(fp), head, 4, 0) == 4 && fdi__xlsx_magic(head, 4);
}

static fdi_status read_workbook(const fdi_ingest_options *opts, const char *path, FILE *fp,
                                size_t size, fdi_frame **out, fdi_error *err)
{
    void *m = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fileno(fp), 0);
    if (m == MAP_FAILED)
        return fdi_error_set(err, FDI_EIO, path, 0, 0, "cannot map the workbook: %s",
                             strerror(errno));
    fdi_status st = ingest_zip(opts, path, m, size, out, err);
    munmap(m, size);
    return st;
}

/* --encoding on a file: its text (mapped, or read whole), converted. */
static fdi_status transcode_file(const fdi_ingest_options *opts, const char *path, FILE *fp,
                                 const char *whole, size_t size, fdi_frame **out, fdi_error *err)
{
    if (whole)
        return ingest_transcoded(whole, size, path, opts, out, err);
    size_t n = 0, cap = 0;
    char *buf = NULL;
    for (;;) {
        if (n == cap && fdi__reader_grow((void **)&buf, &cap, n + CHUNK, 1) != 0) {
            free(buf);
            return fdi_error_set(err, FDI_ENOMEM, path, 0, 0, "out of memory");
        }
        size_t got = fread(buf + n, 1, cap - n, fp);
        n += got;
        if (got == 0)
            break;
    }
    fdi_status st = ferror(fp) ? fdi_error_set(err, FDI_EIO, path, 0, 0, "read error")
                               : ingest_transcoded(buf ? buf : "", n, path, opts, out, err);
    free(buf);
    return st;
}

/* A gzip-compressed file: its text, decompressed, read as a buffer. */
static fdi_status ingest_gzip(const fdi_ingest_options *opts, const char *path, fdi_frame **out,
                              fdi_error *err)
{
    char *text;
    size_t n = 0;
    fdi_status st = fdi__gunzip(path, &text, &n, err);
    if (st != FDI_OK)
        return st;
    st = fdi_ingest_buffer(text, n, path, opts, out, err);
    free(text);
    return st;
}

fdi_status fdi_ingest_csv(const fdi_ingest_options *opts, fdi_frame **out,
                          fdi_error *err)
{
    fdi_ingest_options def = fdi_ingest_options_default();
    if (!opts)
        opts = &def;
    const char *path = opts->path ? opts->path : "-";
    int is_stdin = strcmp(path, "-") == 0;
    FILE *fp = is_stdin ? stdin : fopen(path, "rb");
    fdi_status st;
    *out = NULL;
    if (!fp)
        return fdi_error_set(err, FDI_EIO, path, 0, 0, "cannot open: %s",
                             strerror(errno));
    struct stat sb;
    if (!is_stdin && fstat(fileno(fp), &sb) == 0 && S_ISDIR(sb.st_mode)) {
        fclose(fp); /* fopen opens a directory; reading it fails as "empty" */
        return fdi_error_set(err, FDI_EIO, path, 0, 0,
                             "is a directory: give one of the CSV files in it");
    }
    if (!is_stdin && fdi__is_gzip(fp)) {
        fclose(fp);
        return ingest_gzip(opts, path, out, err);
    }
    errno = 0;
    size_t size = 0;
    if (!is_stdin && fseek(fp, 0, SEEK_END) == 0) {
        long end = ftell(fp);
        size = end > 0 ? (size_t)end : 0;
        rewind(fp);
    }
    if (!is_stdin && is_workbook(fp, size)) {
        st = read_workbook(opts, path, fp, size, out, err);
        fclose(fp);
        return st;
    }
    if (opts->sheet) {
        if (!is_stdin)
            fclose(fp);
        return sheet_on_text(opts, path, err);
    }
    char *whole = is_stdin ? NULL : map_plain(fp, size);
    fdi_status enc_st;
    if (needs_transcoding(opts, &enc_st, err) || enc_st != FDI_OK) {
        st = enc_st != FDI_OK ? enc_st : transcode_file(opts, path, fp, whole, size, out, err);
        if (whole)
            munmap(whole, size);
        if (!is_stdin)
            fclose(fp);
        return st;
    }
    if (whole) {
        st = run_plain(opts, path, whole, size, threads_for(opts), fileno(fp), out, err);
        munmap(whole, size);
    } else {
        st = fdi__ingest_stream(opts, path, read_file, fp, size, out, err);
    }
    if (st == FDI_OK && ferror(fp)) {
        fdi_frame_destroy(*out);
        *out = NULL;
        st = fdi_error_set(err, FDI_EIO, path, 0, 0, "read error");
    }
    if (!is_stdin)
        fclose(fp);
    return st == FDI_OK ? verdict(opts, path, out, err) : st;
}

