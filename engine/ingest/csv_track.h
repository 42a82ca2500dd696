/* csv_track.h (internal) - whether libcsv is between two records, known
 * from its callbacks alone, for the readers that feed it a line at a time
 * (libcsv_feed.c, csv_small.c).  libcsv keeps its state in fields it does
 * not document (pstate, quoted); this follows the rule its state machine
 * keeps instead:
 *
 *   after a record ends (the record callback), the parser is between
 *   records, and it stays so over blanks (spaces; tabs when the delimiter
 *   is not a tab) and line ends, which it skips there; any other byte (a
 *   quote, a delimiter, a character) begins a record, which lasts until
 *   the next record callback.
 *
 * The readers cut their input at line ends (line_end.h), and a record can
 * only end at a line end outside quotes, so a record ends at the end of a
 * piece, never inside one: after a piece in which one ended, the parser
 * is between records.  An open quote at the end of the input is the one
 * case where a line end given to libcsv ends no record (fdi__csv_track_open
 * below). */
#ifndef FDI_CSV_TRACK_H
#define FDI_CSV_TRACK_H

#include <stddef.h>

typedef struct {
    int between; /* no record begun since the last one ended */
    int ended;   /* a record ended in the piece being parsed */
} fdi__csv_track;

static inline void fdi__csv_track_init(fdi__csv_track *t)
{
    t->between = 1;
    t->ended = 0;
}

/* From the record callback. */
static inline void fdi__csv_track_record(fdi__csv_track *t)
{
    t->ended = 1;
}

/* After libcsv has parsed the piece s[0..n), cut at a line end (or the
 * end of what has come so far), with delimiter delim. */
static inline void fdi__csv_track_piece(fdi__csv_track *t, const char *s, size_t n, char delim)
{
    if (t->ended) {
        t->between = 1;
        t->ended = 0;
        return;
    }
    for (size_t i = 0; i < n && t->between; i++)
        t->between = s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || (s[i] == '\t' && delim != '\t');
}

#endif
