/* csv_plain.h (internal) - records of CSV text without quote characters,
 * split in place.
 *
 * Without quotes a record is one line and a field is the bytes between two
 * delimiters, so the fields can be handed out as (pointer, length) into the
 * input itself, with no copy and no per-byte state machine.  The splitter
 * finds the delimiters and the line ends (\r, \n, and quotes) 64 bytes at
 * a time with SSE2 compares, as two bit masks: a row's fields end at the
 * delimiter bits before its line end's.  The same compares find the blanks
 * next to a structural byte: a row in blocks without any needs no
 * trimming.
 *
 * It gives exactly what libcsv gives for the same text (tests/test_plain.c
 * and the fuzz_plain target compare the two):
 *   - a record ends at \n, \r\n or a lone \r; the line numbers follow the
 *     same rule as fdi__line_end;
 *   - a line that is empty, or only spaces and tabs, is no record;
 *   - spaces and tabs at both ends of a field are dropped (unless the
 *     delimiter is one of them).
 * It stops at the first line with a quote character in it (where a
 * record may span lines, and a field hold a delimiter): libcsv reads on
 * from there.
 */
#ifndef FDI_CSV_PLAIN_H
#define FDI_CSV_PLAIN_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    const char *p, *end;  /* the unread input */
    const char *blk;      /* the 64-byte block being walked */
    uint64_t delims, ends; /* its delimiters and line ends (and quotes) not yet taken */
    int blank_edge;       /* it has a blank next to a structural byte */
    unsigned char delim;
    size_t line;          /* lines ended so far */
} fdi__plain;

/* Split data[0..n); lines are numbered from lines_before + 1. */
void fdi__plain_init(fdi__plain *pl, const char *data, size_t n, char delim,
                     size_t lines_before);

/* The next record.  Its fields go to ptr[]/len[] (at most cap of them);
 * *nf is how many it has, which may be more than cap: then the caller
 * grows its arrays and calls fdi__plain_split on [*start, *stop).  *line
 * is the record's line.  Returns 0 when the input is used up, -1 at a line
 * with a quote (*start is where that line starts; nothing of it is
 * taken). */
int fdi__plain_next(fdi__plain *pl, const char **ptr, size_t *len, size_t cap,
                    size_t *nf, size_t *line, const char **start, const char **stop);

/* The next lines skipped whole while each starts with prefix[0..plen)
 * (and more), has a line end and no quote, and starts before limit: how
 * many, the lines counted (0: nothing is taken; fdi__plain_next reads the
 * line).  For the rows a reading window leaves out, known by their first
 * field: in a file sorted by period they come in long runs, walked here
 * block by block with no fields split.  prefix has room for 8 bytes at
 * least (they are read; those past plen do not count). */
size_t fdi__plain_skip(fdi__plain *pl, const char *prefix, size_t plen, const char *limit);

/* The fields of one line [s, e) (no line end inside), into ptr[]/len[]
 * (at most cap); returns how many there are. */
size_t fdi__plain_split(const char *s, const char *e, char delim, const char **ptr,
                        size_t *len, size_t cap);

#endif
