#define _POSIX_C_SOURCE 200809L
/* test_ingest_parts.c - a big file read in two parts on two threads, split
 * in place, gives the frame libcsv gives reading it alone (frame_same.h),
 * with no quote, a quote early and a quote late in the file.  The file is
 * made here (7 MB) with what can go wrong at the cut:
 * labels first seen in the second part, rejected rows on both sides, blank
 * lines, rows whose values are all empty, a last line without a newline.
 * Read with a drain (fdi_ingest_options.drain, as fdi_ingest_summed reads)
 * in many small parts, two readers each reading several of them in turn
 * (two_threads.c's workers): the observations handed on, then the frame
 * left, are libcsv's one-thread frame's.  Each way also with the file read
 * by pread in small pieces, and through its mapping. */
#include "check.h"
#include "frame_same.h"

#include <stdlib.h>
#include <unistd.h>

#include "fdi/fdi.h"
#include "ingest/test_switches.h"

/* quote_early: a quoted row (a thousands separator) among the first rows.
 * 0, or -1 when the file cannot be written; *bytes its size. */
static int make_file(const char *path, int quote_early, size_t *bytes)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    fprintf(f, "period,province,partner,new,adjusted\n");
    if (quote_early)
        for (int i = 0; i < 300; i++)
            fprintf(f, i == 290 ? "2004-01,P1,Q1,\"1,234\",5\n" : "2004-01,P%d,Q0,1,2\n", i % 30);
    unsigned long x = 12345;
    for (int y = 2004; y <= 2016; y++)
        for (int m = 1; m <= 12; m++)
            for (int p = 0; p < 40; p++)
                for (int q = 0; q < 40; q++) {
                    x = x * 6364136223846793005ul + 1442695040888963407ul;
                    unsigned r = (unsigned)(x >> 33);
                    int late = y >= 2014 && p >= 35; /* provinces only after the cut */
                    if (p >= 35 && !late)
                        continue;
                    if (r % 997 == 0) {
                        fprintf(f, "%d-%02d,P%d,Q%d,oops,1\n", y, m, p, q); /* rejected */
                    } else if (r % 991 == 0) {
                        fprintf(f, "\n"); /* blank */
                    } else if (r % 983 == 0) {
                        fprintf(f, "%d-%02d,P%d,Q%d,,\n", y, m, p, q); /* no value */
                    } else {
                        fprintf(f, "%d-%02d,P%d,Q%d,%u.%02u,%u\n", y, m, p, q, r % 1000,
                                r % 100, r % 7);
                    }
                }
    fprintf(f, "2016-12,P1,Q1,1,2"); /* no newline at the end */
    long size = ftell(f);
    *bytes = size > 0 ? (size_t)size : 0;
    return fclose(f) == 0 ? 0 : -1;
}

/* The file read by libcsv alone on one thread, and as fdi reads it by
 * default (split in place, two parts): the same frame. */
static void both_ways(const char *path)
{
    fdi_ingest_options o = fdi_ingest_options_default();
    fdi_frame *one = NULL, *two = NULL;
    fdi_error err;
    o.path = path;
    o.lenient = FDI_LENIENT; /* the files hold rejected rows on purpose */
    o.threads = 1;
    fdi__ingest_test_switches.libcsv_only = 1;
    CHECK(fdi_ingest_csv(&o, &one, &err) == FDI_OK);
    o.threads = 0;
    fdi__ingest_test_switches.libcsv_only = 0;
    CHECK(fdi_ingest_csv(&o, &two, &err) == FDI_OK);
    if (one && two) {
        same_frames(one, two);
        CHECK(fdi_frame_stats(one)->rows_rejected > 10);
        /* the rejection of the last rows carries lines past the cut */
        size_t nr = fdi_frame_nrejections(two);
        CHECK(nr > 0 && fdi_frame_rejection(two, nr - 1)->line > 100000);
    }
    fdi_frame_destroy(one);
    fdi_frame_destroy(two);
}

/* The observations a drain was handed, in order. */
typedef struct {
    uint32_t *series, *line;
    int32_t *period;
    double *value;
    size_t n, cap;
    int failed;
} taken;

static void take_obs(void *ctx, const fdi_frame *f)
{
    taken *t = ctx;
    size_t n = fdi_frame_nobs(f);
    if (t->n + n > t->cap) {
        size_t cap = (t->n + n) * 2;
        uint32_t *s = realloc(t->series, cap * sizeof *s), *l = realloc(t->line, cap * sizeof *l);
        int32_t *p = realloc(t->period, cap * sizeof *p);
        double *v = realloc(t->value, cap * sizeof *v);
        t->series = s ? s : t->series;
        t->line = l ? l : t->line;
        t->period = p ? p : t->period;
        t->value = v ? v : t->value;
        if (!s || !l || !p || !v) {
            t->failed = 1;
            return;
        }
        t->cap = cap;
    }
    memcpy(t->series + t->n, fdi_frame_obs_series(f), n * sizeof *t->series);
    memcpy(t->line + t->n, fdi_frame_obs_line(f), n * sizeof *t->line);
    memcpy(t->period + t->n, fdi_frame_obs_period(f), n * sizeof *t->period);
    memcpy(t->value + t->n, fdi_frame_obs_value(f), n * sizeof *t->value);
    t->n += n;
}

/* The file read with a drain in parts of part_bytes (two readers taking
 * them in turn), within [from, to] when `window`: what the drain was
 * handed and what is left in the frame are libcsv's one-thread frame. */
static void drained_way(const char *path, unsigned part_bytes, int window, int32_t from,
                        int32_t to)
{
    fdi_ingest_options o = fdi_ingest_options_default();
    fdi_frame *one = NULL, *two = NULL;
    fdi_error err;
    taken t = {0};
    o.path = path;
    o.lenient = FDI_LENIENT;
    o.window = window;
    o.window_from = from;
    o.window_to = to;
    o.threads = 1;
    fdi__ingest_test_switches.libcsv_only = 1;
    CHECK(fdi_ingest_csv(&o, &one, &err) == FDI_OK);
    fdi__ingest_test_switches.libcsv_only = 0;
    o.threads = 0;
    o.drain = take_obs;
    o.drain_ctx = &t;
    fdi__ingest_test_switches.drain_part_bytes = part_bytes;
    CHECK(fdi_ingest_csv(&o, &two, &err) == FDI_OK);
    fdi__ingest_test_switches.drain_part_bytes = 0;
    if (one && two) {
        take_obs(&t, two); /* the last observations */
        CHECK(!t.failed);
        same_frames_but_obs(one, two);
        size_t n = fdi_frame_nobs(one);
        CHECK_INT(t.n, n);
        CHECK(n > 1000);
        if (!t.failed && t.n == n) {
            CHECK(memcmp(t.series, fdi_frame_obs_series(one), n * sizeof *t.series) == 0);
            CHECK(memcmp(t.line, fdi_frame_obs_line(one), n * sizeof *t.line) == 0);
            CHECK(memcmp(t.period, fdi_frame_obs_period(one), n * sizeof *t.period) == 0);
            CHECK(memcmp(t.value, fdi_frame_obs_value(one), n * sizeof *t.value) == 0);
        }
    }
    free(t.series);
    free(t.line);
    free(t.period);
    free(t.value);
    fdi_frame_destroy(one);
    fdi_frame_destroy(two);
}

int main(void)
{
    char path[] = "/tmp/fdi_parts_XXXXXX";
    int fd = mkstemp(path);
    size_t bytes = 0;
    if (fd < 0)
        return 1;
    close(fd);
    /* no quote: two parts, both split in place */
    CHECK(make_file(path, 0, &bytes) == 0);
    CHECK(bytes > (4u << 20)); /* big enough for two parts */
    both_ways(path);
    /* with a drain, in parts of 256 KB (about 28 of them): labels and
     * series first met by either reader in any part; the whole file, then
     * a window that starts past the first parts and takes in the provinces
     * that come late */
    drained_way(path, 256u << 10, 0, 0, 0);
    drained_way(path, 256u << 10, 1, 2009 * 12 + 2, 2015 * 12 + 5);
    /* a mapped file is read with pread, a piece at a time (text_split.c):
     * in pieces of 1000 bytes (cut at line ends, a line at most a few
     * times over), of 8 (every line longer: the piece grows), and through
     * the mapping as before (no_pread): the same frames */
    static const unsigned pieces[] = {1000, 8, 0};
    for (size_t k = 0; k < 3; k++) {
        fdi__ingest_test_switches.piece_bytes = pieces[k];
        fdi__ingest_test_switches.no_pread = pieces[k] == 0;
        both_ways(path);
        drained_way(path, 256u << 10, 1, 2009 * 12 + 2, 2015 * 12 + 5);
    }
    fdi__ingest_test_switches.piece_bytes = 0;
    fdi__ingest_test_switches.no_pread = 0;
    /* a quoted row early in the first part: libcsv reads from there on,
     * alone, across the cut */
    CHECK(make_file(path, 1, &bytes) == 0);
    both_ways(path);
    /* a quote near the end, in the second part: its reader's work is
     * dropped and the first reader reads on */
    FILE *f = fopen(path, "ab");
    CHECK(f != NULL);
    if (f) {
        fprintf(f, "\n2016-12,\"P 2\",Q1,\"1,000\",2\n");
        fclose(f);
    }
    both_ways(path);
    remove(path);
    return check_report("test_ingest_parts");
}
