/* frame_same.h - two frames read from the same text are the same: labels
 * with the same codes, series, observations (values, periods, lines),
 * rejections with their lines and messages, and counts.  For the tests
 * that read one text two ways (two parts or one, libcsv or the in-place
 * splitter, in order or shuffled), and same_both_ways, which reads a text
 * with each of the two readers. */
#ifndef FDI_TEST_FRAME_SAME_H
#define FDI_TEST_FRAME_SAME_H

#include "check.h"
#include "fdi/fdi.h"
#include "ingest/test_switches.h"

/* Everything but the observations: counts, labels, series, rejections
 * (a frame read with a drain has handed its observations on). */
static inline void same_frames_but_obs(const fdi_frame *a, const fdi_frame *b)
{
    const fdi_ingest_stats *sa = fdi_frame_stats(a), *sb = fdi_frame_stats(b);
    CHECK_INT(sa->rows_read, sb->rows_read);
    CHECK_INT(sa->rows_used, sb->rows_used);
    CHECK_INT(sa->rows_rejected, sb->rows_rejected);
    CHECK_INT(sa->blank_rows, sb->blank_rows);
    CHECK_INT(sa->cells_missing, sb->cells_missing);
    CHECK_INT(sa->observations, sb->observations);
    CHECK_INT(sa->bytes, sb->bytes);
    CHECK_INT(sa->rows_outside, sb->rows_outside);
    CHECK_INT(fdi_frame_ndims(a), fdi_frame_ndims(b));
    for (size_t d = 0; d < fdi_frame_ndims(a); d++) {
        CHECK_INT(fdi_frame_nlabels(a, d), fdi_frame_nlabels(b, d));
        int same = 1;
        for (uint32_t c = 0; d < fdi_frame_ndims(b) && c < fdi_frame_nlabels(a, d) &&
                             c < fdi_frame_nlabels(b, d);
             c++)
            same &= strcmp(fdi_frame_label(a, d, c), fdi_frame_label(b, d, c)) == 0;
        CHECK(same);
    }
    CHECK_INT(fdi_frame_nseries(a), fdi_frame_nseries(b));
    int keys = fdi_frame_ndims(a) == fdi_frame_ndims(b);
    for (size_t s = 0; keys && s < fdi_frame_nseries(a) && s < fdi_frame_nseries(b); s++)
        keys &= memcmp(fdi_frame_series_keys(a, s), fdi_frame_series_keys(b, s),
                       fdi_frame_ndims(a) * sizeof(uint32_t)) == 0;
    CHECK(keys);
    CHECK_INT(fdi_frame_nrejections(a), fdi_frame_nrejections(b));
    int rej = 1;
    for (size_t i = 0; i < fdi_frame_nrejections(a) && i < fdi_frame_nrejections(b); i++) {
        const fdi_rejection *x = fdi_frame_rejection(a, i), *y = fdi_frame_rejection(b, i);
        rej &= x->line == y->line && x->column == y->column && strcmp(x->message, y->message) == 0;
    }
    CHECK(rej);
}

static inline void same_frames(const fdi_frame *a, const fdi_frame *b)
{
    same_frames_but_obs(a, b);
    size_t n = fdi_frame_nobs(a);
    CHECK_INT(n, fdi_frame_nobs(b));
    if (n && n == fdi_frame_nobs(b)) {
        CHECK(memcmp(fdi_frame_obs_series(a), fdi_frame_obs_series(b), n * sizeof(uint32_t)) == 0);
        CHECK(memcmp(fdi_frame_obs_period(a), fdi_frame_obs_period(b), n * sizeof(int32_t)) == 0);
        CHECK(memcmp(fdi_frame_obs_value(a), fdi_frame_obs_value(b), n * sizeof(double)) == 0);
        CHECK(memcmp(fdi_frame_obs_line(a), fdi_frame_obs_line(b), n * sizeof(uint32_t)) == 0);
    }
}

/* Read text with libcsv alone and as fdi reads it by default (split in
 * place up to the first quote), with options o otherwise: the same status,
 * the same error, or the same frame.  `what` names the text in messages. */
static inline void same_both_ways(const char *text, size_t n, const char *what,
                                   const fdi_ingest_options *o)
{
    fdi_ingest_options opt = *o;
    fdi_frame *a = NULL, *b = NULL;
    fdi_error ea, eb;
    fdi__ingest_test_switches.libcsv_only = 1;
    fdi_status sa = fdi_ingest_buffer(text, n, what, &opt, &a, &ea);
    fdi__ingest_test_switches.libcsv_only = 0;
    fdi_status sb = fdi_ingest_buffer(text, n, what, &opt, &b, &eb);
    int before = check_failed;
    CHECK_INT(sb, sa);
    if (sa == FDI_OK && sb == FDI_OK) {
        same_frames(a, b);
    } else if (sa == sb) {
        CHECK_INT(eb.line, ea.line);
        CHECK_STR(eb.message, ea.message);
    }
    if (check_failed != before)
        fprintf(stderr, "  in %s\n", what);
    fdi_frame_destroy(a);
    fdi_frame_destroy(b);
}

#endif
