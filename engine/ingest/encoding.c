/* encoding.c - legacy text to UTF-8 before parsing (--encoding): Latin-1
 * and Windows-1258 (the Vietnamese code page, whose tone marks are
 * combining characters: the keys' NFC composes them), through glibc's
 * iconv.  The whole input is converted in memory, then read as any buffer.
 */
#include "ingest/ingest_internal.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct {
    const char *name; /* as --encoding takes it */
    const char *iconv;
} encodings[] = {{"utf-8", NULL},      {"utf8", NULL},          {"latin1", "ISO-8859-1"},
                 {"latin-1", "ISO-8859-1"}, {"iso-8859-1", "ISO-8859-1"},
                 {"cp1258", "CP1258"}, {"windows-1258", "CP1258"}};

int fdi__encoding_find(const char *name, const char **iconv_name)
{
    for (size_t i = 0; name && i < sizeof encodings / sizeof *encodings; i++)
        if (strcasecmp(name, encodings[i].name) == 0) {
            *iconv_name = encodings[i].iconv;
            return 1;
        }
    return 0;
}

int fdi_encoding_known(const char *name)
{
    const char *to;
    return fdi__encoding_find(name, &to);
}

/* Where in[0..at) ends: line and byte column (1-based) of byte at. */
static fdi_status bad_byte(const char *file, const char *in, size_t at, const char *enc,
                           fdi_error *err)
{
    size_t line = 1, col = 1;
    for (size_t i = 0; i < at; i++, col++)
        if (in[i] == '\n')
            line++, col = 0;
    return fdi_error_set(err, FDI_EPARSE, file, line, col,
                         "byte 0x%02X is no character in %s (--encoding)",
                         (unsigned char)in[at], enc);
}

fdi_status fdi__transcode(const char *enc, const char *file, const char *in, size_t n,
                          char **out, size_t *out_len, fdi_error *err)
{
    const char *to = NULL;
    *out = NULL;
    *out_len = 0;
    if (!fdi__encoding_find(enc, &to) || !to)
        return fdi_error_set(err, FDI_EUSAGE, file, 0, 0, "unknown encoding \"%s\"",
                             enc ? enc : "");
    iconv_t cd = iconv_open("UTF-8", to);
    if (cd == (iconv_t)-1)
        return fdi_error_set(err, FDI_EUSAGE, file, 0, 0,
                             "this system's iconv cannot read %s", enc);
    size_t cap = 3 * n + 16; /* a byte of either gives one character: <= 3 bytes */
    char *buf = malloc(cap);
    if (!buf) {
        iconv_close(cd);
        return fdi_error_set(err, FDI_ENOMEM, file, 0, 0, "out of memory");
    }
    char *ip = (char *)in, *op = buf;
    size_t il = n, ol = cap;
    size_t r = iconv(cd, &ip, &il, &op, &ol);
    if (r != (size_t)-1)
        r = iconv(cd, NULL, NULL, &op, &ol); /* what a stateful code page holds */
    iconv_close(cd);
    if (r == (size_t)-1) {
        free(buf);
        if (errno == EILSEQ || errno == EINVAL)
            return bad_byte(file, in, (size_t)(ip - in), enc, err);
        return fdi_error_set(err, FDI_ENOMEM, file, 0, 0, "out of memory");
    }
    *out = buf;
    *out_len = (size_t)(op - buf);
    return FDI_OK;
}
