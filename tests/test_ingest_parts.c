#define _POSIX_C_SOURCE 200809L
/* test_ingest_parts.c - a big file read in two parts on two threads gives
 * the frame one reader gives: the same labels with the same codes, series,
 * observations (values, periods, lines), rejections with their lines, and
 * counts.  The file is made here (7 MB) with what can go wrong at the cut:
 * labels first seen in the second part, rejected rows on both sides, blank
 * lines, rows whose values are all empty, a last line without a newline. */
#include "check.h"

#include <stdlib.h>
#include <unistd.h>

#include "fdi/fdi.h"

static char *make_file(const char *path, size_t *bytes)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return NULL;
    fprintf(f, "period,province,partner,new,adjusted\n");
    unsigned long x = 12345;
    size_t rows = 0;
    for (int y = 2004; y <= 2016; y++)
        for (int m = 1; m <= 12; m++)
            for (int p = 0; p < 40; p++)
                for (int q = 0; q < 40; q++) {
                    x = x * 6364136223846793005ul + 1442695040888963407ul;
                    unsigned r = (unsigned)(x >> 33);
                    int late = y >= 2014 && p >= 35; /* provinces only after the cut */
                    if (p >= 35 && !late)
                        continue;
                    rows++;
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
    fclose(f);
    (void)rows;
    *bytes = 0;
    f = fopen(path, "rb");
    if (f) {
        fseek(f, 0, SEEK_END);
        *bytes = (size_t)ftell(f);
        fclose(f);
    }
    return (char *)path;
}

static void same_frames(const fdi_frame *a, const fdi_frame *b)
{
    const fdi_ingest_stats *sa = fdi_frame_stats(a), *sb = fdi_frame_stats(b);
    CHECK_INT(sa->rows_read, sb->rows_read);
    CHECK_INT(sa->rows_used, sb->rows_used);
    CHECK_INT(sa->rows_rejected, sb->rows_rejected);
    CHECK_INT(sa->blank_rows, sb->blank_rows);
    CHECK_INT(sa->cells_missing, sb->cells_missing);
    CHECK_INT(sa->observations, sb->observations);
    CHECK_INT(sa->bytes, sb->bytes);
    CHECK(sa->rows_rejected > 10);
    CHECK_INT(fdi_frame_ndims(a), fdi_frame_ndims(b));
    for (size_t d = 0; d < fdi_frame_ndims(a); d++) {
        CHECK_INT(fdi_frame_nlabels(a, d), fdi_frame_nlabels(b, d));
        int same = 1;
        for (uint32_t c = 0; c < fdi_frame_nlabels(a, d); c++)
            same &= strcmp(fdi_frame_label(a, d, c), fdi_frame_label(b, d, c)) == 0;
        CHECK(same);
    }
    CHECK_INT(fdi_frame_nseries(a), fdi_frame_nseries(b));
    int keys = 1;
    for (size_t s = 0; s < fdi_frame_nseries(a); s++)
        keys &= memcmp(fdi_frame_series_keys(a, s), fdi_frame_series_keys(b, s),
                       fdi_frame_ndims(a) * sizeof(uint32_t)) == 0;
    CHECK(keys);
    size_t n = fdi_frame_nobs(a);
    CHECK_INT(n, fdi_frame_nobs(b));
    if (n == fdi_frame_nobs(b)) {
        CHECK(memcmp(fdi_frame_obs_series(a), fdi_frame_obs_series(b), n * sizeof(uint32_t)) == 0);
        CHECK(memcmp(fdi_frame_obs_period(a), fdi_frame_obs_period(b), n * sizeof(int32_t)) == 0);
        CHECK(memcmp(fdi_frame_obs_value(a), fdi_frame_obs_value(b), n * sizeof(double)) == 0);
        CHECK(memcmp(fdi_frame_obs_line(a), fdi_frame_obs_line(b), n * sizeof(uint32_t)) == 0);
    }
    CHECK_INT(fdi_frame_nrejections(a), fdi_frame_nrejections(b));
    int rej = 1;
    for (size_t i = 0; i < fdi_frame_nrejections(a) && i < fdi_frame_nrejections(b); i++) {
        const fdi_rejection *x = fdi_frame_rejection(a, i), *y = fdi_frame_rejection(b, i);
        rej &= x->line == y->line && x->column == y->column && strcmp(x->message, y->message) == 0;
    }
    CHECK(rej);
}

int main(void)
{
    char path[] = "/tmp/fdi_parts_XXXXXX";
    int fd = mkstemp(path);
    size_t bytes = 0;
    if (fd < 0)
        return 1;
    close(fd);
    CHECK(make_file(path, &bytes) != NULL);
    CHECK(bytes > (4u << 20)); /* big enough for two parts */
    fdi_ingest_options o = fdi_ingest_options_default();
    fdi_frame *one, *two;
    fdi_error err;
    o.path = path;
    o.threads = 1;
    CHECK(fdi_ingest_csv(&o, &one, &err) == FDI_OK);
    o.threads = 0;
    CHECK(fdi_ingest_csv(&o, &two, &err) == FDI_OK);
    same_frames(one, two);
    /* the rejection of the last rows carries lines past the cut */
    size_t nr = fdi_frame_nrejections(two);
    CHECK(nr > 0 && fdi_frame_rejection(two, nr - 1)->line > 100000);
    fdi_frame_destroy(one);
    fdi_frame_destroy(two);
    /* a quote anywhere: one thread, still the same answer */
    FILE *f = fopen(path, "ab");
    fprintf(f, "\n2016-12,\"P 2\",Q1,\"1,000\",2\n");
    fclose(f);
    o.threads = 1;
    CHECK(fdi_ingest_csv(&o, &one, &err) == FDI_OK);
    o.threads = 0;
    CHECK(fdi_ingest_csv(&o, &two, &err) == FDI_OK);
    same_frames(one, two);
    fdi_frame_destroy(one);
    fdi_frame_destroy(two);
    remove(path);
    return check_report("test_ingest_parts");
}
