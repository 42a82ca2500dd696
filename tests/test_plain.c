#define _POSIX_C_SOURCE 200809L
/* test_plain.c - the in-place splitter (engine/ingest/csv_plain.c) reads what
 * libcsv reads: every text here, and every file in datasets/, gives the
 * same frame both ways (frame_same.h).  The texts are the corners where a
 * hand-written splitter could part from libcsv: line ends (\n, \r\n, lone
 * \r, mixed), blank and whitespace-only lines, blanks around fields, tab
 * and semicolon delimiters, rows longer and shorter than the header, no
 * newline at the end, a quote after the first rows (libcsv takes over), a
 * NUL byte (refused the same way).
 * The splitter itself is also checked field by field on a few lines, and
 * its skipping of the rows a reading window leaves out, shape by shape,
 * and run by run against a byte-at-a-time reference (skip_runs). */
#include "check.h"
#include "frame_same.h"

#include <dirent.h>
#include <stdlib.h>

#include "ingest/csv_plain.h"

/* Many rows, so that the splitter (which starts after the rows held back to
 * decide the layout) reads most of them. */
static char *rows(const char *header, const char *row_fmt, const char *tail, size_t *n)
{
    size_t cap = 1 << 16, len = 0;
    char *s = malloc(cap);
    if (!s)
        return NULL;
    len += (size_t)snprintf(s, cap, "%s", header);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral" /* the table's formats, below */
    for (int i = 0; i < 400 && len < cap - 256; i++)
        len += (size_t)snprintf(s + len, cap - len, row_fmt, 2001 + i / 12, 1 + i % 12, i % 7,
                                i * 3 % 101);
#pragma GCC diagnostic pop
    len += (size_t)snprintf(s + len, cap - len, "%s", tail);
    *n = len;
    return s;
}

static void corners(void)
{
    static const struct {
        const char *header, *row, *tail, *what;
        char delim;
    } t[] = {
        {"period,area,value\n", "%d-%02d,A%d,%d\n", "", "plain LF", 0},
        {"period,area,value\r\n", "%d-%02d,A%d,%d\r\n", "", "CRLF", 0},
        {"period,area,value\r", "%d-%02d,A%d,%d\r", "", "lone CR", 0},
        {"period,area,value\n", "%d-%02d,A%d,%d\r\n", "2030-01,A1,5\r", "mixed ends", 0},
        {"period,area,value\n", "%d-%02d , A%d ,\t%d \t\n", "", "blanks around fields", 0},
        {"period,area,value\n", "%d-%02d,A%d,%d\n\n   \n\t\n", "", "blank lines", 0},
        {"period,area,value\n", "%d-%02d,A%d,%d\n,,\n , ,\n", "", "rows of empty fields", 0},
        {"period;area;value\n", "%d-%02d;A%d;%d\n", "", "semicolons", 0},
        {"period\tarea\tvalue\n", "%d-%02d\tA%d\t%d\n", "2030-01\t\tA1\t 5 \n", "tabs", '\t'},
        {"period,area,value\n", "%d-%02d,A%d,%d,,\n", "2030-01,A1,5,x\n", "longer rows", 0},
        {"period,area,value\n", "%d-%02d,A%d\n", "", "shorter rows (%d unused)", 0},
        {"period,area,value\n", "%d-%02d,A%d,%d\n", "2030-01,A1,5", "no newline at the end", 0},
        {"period,area,value\n", "%d-%02d,A%d,%d\n", "2030-01,\"A 1\",\"1,5\"\n2030-02,A2,\"x\ny\"\n",
         "a quote after the held rows", 0},
        {"period,area,value\n", "%d-%02d,A%d,%d\n", "2030-01,A1,5\r\r\n\r2030-02,A2,6\n",
         "CR CR LF", 0},
        {"\"period\",\"area\",\"value\"\n", "%d-%02d,A%d,%d\n", "", "quoted header", 0},
        {"period,area,value\n", "%d-%02d,A%d,%d\n", "2030-01,A#1,5\n", "a NUL in a field (# below)", 0},
        {"period,area,value\n", "%d-%02d,A%d,oops%d\n", "", "every row rejected", 0},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        size_t n;
        char *s = rows(t[i].header, t[i].row, t[i].tail, &n);
        CHECK(s != NULL);
        for (size_t k = 0; s && k < n; k++)
            if (s[k] == '#')
                s[k] = '\0';
        fdi_ingest_options o = fdi_ingest_options_default();
        o.delimiter = t[i].delim;
        if (s)
            same_both_ways(s, n, t[i].what, &o);
        free(s);
    }
}

/* Blanks at the ends of fields, and rows without, at every offset in the
 * splitter's 64-byte blocks (the first row's length moves the rest): the
 * splitter trims only rows in blocks with a blank next to a delimiter or
 * line end, or at a block's edge, and must trim every row libcsv trims. */
static void blanks_at_every_offset(void)
{
    for (int pad = 0; pad < 64; pad++) {
        char s[1 << 14];
        size_t n = (size_t)snprintf(s, sizeof s, "period,area,value\n2001-01,A%.*s,1\n", pad,
                                    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
        for (int i = 0; i < 300 && n < sizeof s - 64; i++) {
            /* one blank in a row now and then, so that whether a row is
             * trimmed depends on its own blocks, not its neighbours' */
            static const char *const shapes[] = {"%d-%02d,A%d,%d\n",   "%d-%02d ,A%d,%d\n",
                                                 "%d-%02d,A%d,%d\r\n", "%d-%02d,A%d,\t%d\n",
                                                 "%d-%02d,A %d,%d\n",  "%d-%02d,A%d,%d \n",
                                                 "%d-%02d,A%d,%d\n"};
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral" /* the shapes above */
            const char *shape = shapes[i % 3 ? 0 : (i / 3 + pad) % 7];
            n += (size_t)snprintf(s + n, sizeof s - n, shape, 2002 + i / 12, 1 + i % 12, i % 5, i);
#pragma GCC diagnostic pop
        }
        n += (size_t)snprintf(s + n, sizeof s - n, "2030-01,A1, 5 ");
        fdi_ingest_options o = fdi_ingest_options_default();
        same_both_ways(s, n, "blanks at every offset", &o);
        /* field by field: as fdi__plain_split (which always trims) splits
         * each record's line */
        fdi__plain pl;
        const char *ptr[8], *ref_ptr[8], *start, *stop;
        size_t len[8], ref_len[8], nf, line, records = 0;
        int same = 1;
        fdi__plain_init(&pl, s, n, ',', 0);
        while (fdi__plain_next(&pl, ptr, len, 8, &nf, &line, &start, &stop) == 1) {
            same &= fdi__plain_split(start, stop, ',', ref_ptr, ref_len, 8) == nf;
            for (size_t k = 0; k < nf && k < 8; k++)
                same &= ptr[k] == ref_ptr[k] && len[k] == ref_len[k];
            records++;
        }
        CHECK(same);
        CHECK_INT(records, 303);
    }
}

/* A reading window leaves out rows by their period; the splitter skips the
 * rows that start with the same period text and delimiter as the last row
 * left out (fdi__plain_skip) and must count and end them as libcsv does:
 * 30 rows a month from 2001 to 2013, the window 2010-2012, in each shape:
 * line ends of each kind, line ends at every offset of the 64-byte blocks,
 * ragged rows and blank lines among the skipped ones, blanks around the
 * period, a quoted field spanning lines in a row left out (libcsv reads
 * on from there), the period not first, no newline after the last row
 * (left out). */
static void outside_rows_skipped(void)
{
    static const struct {
        const char *header, *row, *what;
    } t[] = {
        {"period,area,value\n", "%s,A%d,%d\n", "LF"},
        {"period,area,value\r\n", "%s,A%d,%d\r\n", "CRLF"},
        {"period,area,value\r", "%s,A%d,%d\r", "lone CR"},
        {"period,area,value\n", "%s,A%.*s,%d\n", "line ends at every offset"},
        {"period,area,value\n", "%s,A%d\n%s,A1,%d,,x\n\n", "ragged rows, blank lines"},
        {"period,area,value\n", "%s ,A%d,1\n %s,A1,%d\n", "blanks around the period"},
        {"area,period,value\n", "A%2$d,%1$s,%3$d\n", "the period second"},
    };
    static const char xs[] = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
    for (size_t i = 0; i < sizeof t / sizeof t[0] + 1; i++) {
        int quoted = i == sizeof t / sizeof t[0]; /* the first shape, with a quote */
        size_t cap = 1 << 20, n;
        char *s = malloc(cap), per[16];
        CHECK(s != NULL);
        if (!s)
            return;
        n = (size_t)snprintf(s, cap, "%s", t[quoted ? 0 : i].header);
        for (int y = 2001; y <= 2013; y++)
            for (int m = 1; m <= 12; m++)
                for (int k = 0; k < 30; k++) {
                    snprintf(per, sizeof per, "%d-%02d", y, m);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral" /* the table's formats */
                    if (i == 3)
                        n += (size_t)snprintf(s + n, cap - n, t[i].row, per, (k * 7 + m) % 64,
                                              xs, k);
                    else if (i == 4 || i == 5)
                        n += (size_t)snprintf(s + n, cap - n, t[i].row, per, k, per, k);
                    else
                        n += (size_t)snprintf(s + n, cap - n, t[quoted ? 0 : i].row, per, k, k);
#pragma GCC diagnostic pop
                    if (quoted && y == 2003 && m == 5 && k == 9)
                        n += (size_t)snprintf(s + n, cap - n, "%s,\"A\n2011-01,B,5\",3\n", per);
                }
        n += (size_t)snprintf(s + n, cap - n, "2013-12,A1,5");
        fdi_ingest_options o = fdi_ingest_options_default();
        o.window = 1;
        o.window_from = 2010 * 12;
        o.window_to = 2012 * 12 + 11;
        same_both_ways(s, n, quoted ? "a quote in a row left out" : t[i].what, &o);
        free(s);
    }
}

/* Field by field, on lines where trimming and line ends matter. */
static void splitter(void)
{
    static const char text[] = "  a ,b\t,, c c \r\n\r\n \t \rx;y,\tz\n\nlast";
    const char *ptr[8], *start, *stop;
    size_t len[8], nf, line;
    fdi__plain pl;
    fdi__plain_init(&pl, text, sizeof text - 1, ',', 10);
    CHECK_INT(fdi__plain_next(&pl, ptr, len, 8, &nf, &line, &start, &stop), 1);
    CHECK_INT(nf, 4);
    CHECK_INT(line, 11);
    CHECK(len[0] == 1 && ptr[0][0] == 'a');
    CHECK(len[1] == 1 && ptr[1][0] == 'b');
    CHECK_INT(len[2], 0);
    CHECK(len[3] == 3 && memcmp(ptr[3], "c c", 3) == 0);
    /* the empty line (12) and the blank one (13) are no records */
    CHECK_INT(fdi__plain_next(&pl, ptr, len, 8, &nf, &line, &start, &stop), 1);
    CHECK_INT(line, 14);
    CHECK_INT(nf, 2);
    CHECK(len[0] == 3 && memcmp(ptr[0], "x;y", 3) == 0);
    CHECK(len[1] == 1 && ptr[1][0] == 'z');
    /* more fields than room: the count, and fdi__plain_split for the rest */
    CHECK_INT(fdi__plain_next(&pl, ptr, len, 0, &nf, &line, &start, &stop), 1);
    CHECK_INT(line, 16);
    CHECK_INT(nf, 1);
    CHECK_INT(fdi__plain_split(start, stop, ',', ptr, len, 8), 1);
    CHECK(len[0] == 4 && memcmp(ptr[0], "last", 4) == 0);
    CHECK_INT(fdi__plain_next(&pl, ptr, len, 8, &nf, &line, &start, &stop), 0);
    /* a quote: stop before its line, and take none of it */
    static const char q[] = "a,b\nc,\"d\"\ne\n";
    fdi__plain_init(&pl, q, sizeof q - 1, ',', 0);
    CHECK_INT(fdi__plain_next(&pl, ptr, len, 8, &nf, &line, &start, &stop), 1);
    CHECK_INT(fdi__plain_next(&pl, ptr, len, 8, &nf, &line, &start, &stop), -1);
    CHECK(start == q + 4);
    CHECK_INT(pl.line, 1);
}

/* The reference for fdi__plain_skip, a byte at a time: the lines from p
 * that start before limit with prefix[0..plen) and more, end in a line end
 * and hold no quote; *at: where the first line not skipped starts. */
static size_t skip_reference(const char *p, const char *end, const char *prefix, size_t plen,
                             const char *limit, const char **at)
{
    size_t n = 0;
    while (p < limit && (size_t)(end - p) > plen && memcmp(p, prefix, plen) == 0) {
        const char *q = p;
        while (q < end && *q != '\n' && *q != '\r' && *q != '"')
            q++;
        if (q == end || *q == '"')
            break;
        p = q + 1 + (*q == '\r' && q + 1 < end && q[1] == '\n');
        n++;
    }
    *at = p;
    return n;
}

/* The records of the rest of pl's text: each one's line, fields and their
 * count as fdi__plain_next gives them, into a checksum-like digest (the
 * field bytes, not their addresses), and the final return. */
static unsigned long rest_digest(fdi__plain *pl)
{
    const char *ptr[8], *start, *stop;
    size_t len[8], nf, line;
    unsigned long h = 5381;
    int got;
    while ((got = fdi__plain_next(pl, ptr, len, 8, &nf, &line, &start, &stop)) == 1) {
        h = h * 33 + line * 7 + nf;
        for (size_t k = 0; k < nf && k < 8; k++)
            for (size_t b = 0; b < len[k]; b++)
                h = h * 33 + (unsigned char)ptr[k][b];
    }
    return h * 33 + (unsigned long)(got + 2) + (got < 0 ? (unsigned long)(start - pl->end) : 0);
}

/* fdi__plain_skip takes runs of lines at once, walking the 64-byte blocks
 * by their line ends alone: against skip_reference on lines of every
 * length (so that line ends, and the \r of a \r\n apart from its \n, fall
 * at every offset and across blocks), with each kind of line end, a quote
 * and a row of another period in the run, from every starting line and up
 * to limits at every offset; then the splitter must read on from where
 * the skip left it exactly as from a fresh start there. */
static void skip_runs(void)
{
    static const char *const ends[] = {"\n", "\r\n", "\r", "\r\n\n"};
    static const char xs[] = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
    int same = 1, taken = 0;
    for (size_t e = 0; e < 4; e++)
        for (int odd = 0; odd < 3; odd++) {
            char s[8192];
            size_t n = 0;
            for (int i = 0; i < 90; i++) {
                const char *per = odd == 1 && i == 50 ? "2002-02" : "2001-01";
                const char *quote = odd == 2 && i == 60 ? "\"" : "";
                n += (size_t)snprintf(s + n, sizeof s - n, "%s,A%.*s%s,%d%s", per,
                                      (i * 13) % 70, xs, quote, i, ends[e == 3 ? (size_t)i % 4 : e]);
            }
            n += (size_t)snprintf(s + n, sizeof s - n, "2001-01,A,1"); /* no line end */
            const char *end = s + n;
            for (const char *from = s; from < end; from++) {
                if (from != s && from[-1] != '\n' && from[-1] != '\r')
                    continue; /* (line starts only) */
                if (from[0] == '\n' && from[-1] == '\r')
                    continue;
                /* the walk as feed_text leaves it: started at s, now at from */
                fdi__plain at_from, pl, fresh;
                int walked = 1;
                fdi__plain_init(&at_from, s, n, ',', 0);
                while (walked == 1 && at_from.p < from) {
                    const char *ptr[8], *st, *sp;
                    size_t len[8], nf, line;
                    walked = fdi__plain_next(&at_from, ptr, len, 8, &nf, &line, &st, &sp);
                }
                /* (not a line that is no record; and past the quote the
                 * reader has handed the text to libcsv) */
                if (walked != 1 || at_from.p != from)
                    continue;
                size_t line0 = at_from.line;
                for (size_t lim = 0; lim < 300; lim += 7) {
                    const char *limit = from + lim < end ? from + lim : end, *at;
                    size_t want = skip_reference(from, end, "2001-01,", 8, limit, &at);
                    pl = at_from;
                    size_t got = fdi__plain_skip(&pl, "2001-01,", 8, limit);
                    same &= got == want && pl.p == (got ? at : from) && pl.line == line0 + got;
                    taken += got > 0;
                    fdi__plain_init(&fresh, pl.p, (size_t)(end - pl.p), ',', pl.line);
                    same &= rest_digest(&pl) == rest_digest(&fresh);
                }
            }
        }
    CHECK(same);
    CHECK(taken > 1000);
}

/* Every real file, both ways. */
static void datasets(const char *dir)
{
    const fdi_ingest_options defaults = fdi_ingest_options_default();
    DIR *d = opendir(dir);
    struct dirent *e;
    CHECK(d != NULL);
    while (d && (e = readdir(d)) != NULL) {
        char path[1024];
        size_t l = strlen(e->d_name);
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (l > 4 && strcmp(e->d_name + l - 4, ".csv") == 0) {
            FILE *f = fopen(path, "rb");
            char *buf = NULL;
            long n = -1;
            if (f && fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
                (buf = malloc((size_t)n + 1)) && fread(buf, 1, (size_t)n, f) == (size_t)n)
                same_both_ways(buf, (size_t)n, path, &defaults);
            else
                CHECK(!"read a dataset");
            free(buf);
            if (f)
                fclose(f);
        } else if (!strchr(e->d_name, '.')) {
            datasets(path);
        }
    }
    if (d)
        closedir(d);
}

int main(void)
{
    corners();
    blanks_at_every_offset();
    splitter();
    outside_rows_skipped();
    skip_runs();
    datasets(FDI_SOURCE_DIR "/datasets");
    return check_report("test_plain");
}
