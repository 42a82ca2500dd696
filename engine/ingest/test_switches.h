/* test_switches.h - test-only switches of the ingest, kept out of the
 * public fdi_ingest_options.  The tests compare the ways a file can be read
 * and must get the same frame each way.  They are process-wide: set them
 * only while no ingest is running (the tests set them between calls, from
 * the one thread that makes the calls). */
#ifndef FDI_INGEST_TEST_SWITCHES_H
#define FDI_INGEST_TEST_SWITCHES_H

typedef struct {
    int libcsv_only;  /* 1: libcsv for every file, also quote-free ones */
    int no_fast_lane; /* 1: every row through all of its checks, also a row
                         like the one before */
    unsigned drain_part_bytes; /* not 0: the size of a part read with a drain
                                  (two_threads.c), so that a small file has
                                  many */
    int no_pread;     /* 1: a mapped file read through the mapping, not
                         with pread (text_split.c) */
    unsigned piece_bytes; /* not 0: the bytes pread reads at a time, so that
                             a small file has many pieces */
} fdi__ingest_switches;

/* All 0 unless a test sets them. */
extern fdi__ingest_switches fdi__ingest_test_switches;

#endif
