/* gzip.c - a gzip-compressed file (data.csv.gz), known by its first two
 * bytes, not its name, decompressed with zlib into memory; ingest.c reads
 * the text it holds as a buffer (the splitter, --encoding, strict). */
#include "ingest/ingest_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

int fdi__is_gzip(FILE *fp)
{
    unsigned char m[2];
    long at = ftell(fp);
    size_t n = fread(m, 1, 2, fp);
    if (at < 0 || fseek(fp, at, SEEK_SET) != 0) /* a pipe: not looked at */
        return 0;
    return n == 2 && m[0] == 0x1F && m[1] == 0x8B;
}

/* zlib's reason, without the path it puts first, as an error. */
static fdi_status damaged(gzFile gz, const char *path, size_t len, fdi_error *err)
{
    int zerr = Z_OK;
    const char *why = gzerror(gz, &zerr);
    size_t pl = strlen(path);
    if (strncmp(why, path, pl) == 0 && strncmp(why + pl, ": ", 2) == 0)
        why += pl + 2;
    return fdi_error_set(err, FDI_EPARSE, path, 0, 0,
                         "a damaged gzip file: %s (%zu bytes decompressed before it)", why,
                         len);
}

fdi_status fdi__gunzip(const char *path, char **out, size_t *n, fdi_error *err)
{
    gzFile gz = gzopen(path, "rb");
    size_t cap = 1 << 20, len = 0;
    char *buf = malloc(cap);
    *out = NULL;
    if (!gz || !buf) {
        if (gz)
            gzclose(gz);
        free(buf);
        return fdi_error_set(err, gz ? FDI_ENOMEM : FDI_EIO, path, 0, 0,
                             gz ? "out of memory" : "cannot open");
    }
    gzbuffer(gz, 1 << 17);
    for (;;) {
        if (len == cap) {
            char *more = cap > SIZE_MAX / 2 ? NULL : realloc(buf, cap * 2);
            if (!more) {
                free(buf);
                gzclose(gz);
                return fdi_error_set(err, FDI_ENOMEM, path, 0, 0, "out of memory");
            }
            buf = more;
            cap *= 2;
        }
        size_t want = cap - len > (1u << 30) ? (1u << 30) : cap - len;
        int got = gzread(gz, buf + len, (unsigned)want);
        if (got <= 0)
            break; /* the end, or an error (below) */
        len += (size_t)got;
    }
    int zerr = Z_OK;
    gzerror(gz, &zerr); /* a stream cut short ends as if whole: an error here */
    if (zerr != Z_OK && zerr != Z_STREAM_END) {
        fdi_status st = damaged(gz, path, len, err);
        free(buf);
        gzclose(gz);
        return st;
    }
    gzclose(gz);
    *out = buf;
    *n = len;
    return FDI_OK;
}
