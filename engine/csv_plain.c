/* csv_plain.c - the in-place splitter for quote-free CSV (see csv_plain.h). */
#include "csv_plain.h"

#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Bit i set when b[i] is the delimiter, \r, \n or a quote; b has 64
 * readable bytes. */
static inline uint64_t block_mask(const unsigned char *b, unsigned char delim)
{
    uint64_t m = 0;
#if defined(__SSE2__)
    const __m128i d = _mm_set1_epi8((char)delim), cr = _mm_set1_epi8('\r'),
                  lf = _mm_set1_epi8('\n'), qu = _mm_set1_epi8('"');
    for (int k = 0; k < 4; k++) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(b + 16 * k));
        __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, d), _mm_cmpeq_epi8(x, cr)),
                                   _mm_or_si128(_mm_cmpeq_epi8(x, lf), _mm_cmpeq_epi8(x, qu)));
        m |= (uint64_t)(uint32_t)_mm_movemask_epi8(hit) << (16 * k);
    }
#else
    for (int i = 0; i < 64; i++)
        m |= (uint64_t)(b[i] == delim || b[i] == '\r' || b[i] == '\n' || b[i] == '"') << i;
#endif
    return m;
}

/* The mask of the block at pl->blk, which may run past the end: the bytes
 * past it are read from a zeroed copy and masked off. */
static uint64_t load_mask(const fdi__plain *pl)
{
    size_t left = (size_t)(pl->end - pl->blk);
    unsigned char tail[64];
    if (left >= 64)
        return block_mask((const unsigned char *)pl->blk, pl->delim);
    memset(tail, 0, sizeof tail);
    memcpy(tail, pl->blk, left);
    return block_mask(tail, pl->delim) & ((UINT64_C(1) << left) - 1);
}

void fdi__plain_init(fdi__plain *pl, const char *data, size_t n, char delim,
                     size_t lines_before)
{
    pl->p = data;
    pl->end = data + n;
    pl->blk = data;
    pl->delim = (unsigned char)delim;
    pl->line = lines_before;
    pl->mask = n ? load_mask(pl) : 0;
}

/* The next structural byte, or pl->end. */
static inline const char *next_struct(fdi__plain *pl)
{
    while (pl->mask == 0) {
        pl->blk += 64;
        if (pl->blk >= pl->end)
            return pl->end;
        pl->mask = load_mask(pl);
    }
    const char *q = pl->blk + __builtin_ctzll(pl->mask);
    pl->mask &= pl->mask - 1;
    return q;
}

static inline int blank(unsigned char c, unsigned char delim)
{
    return (c == ' ' || c == '\t') && c != delim;
}

/* libcsv's trimming: blanks at both ends of an unquoted field. */
static inline void put_field(const char *a, const char *b, unsigned char delim,
                             const char **ptr, size_t *len)
{
    while (a < b && blank((unsigned char)*a, delim))
        a++;
    while (b > a && blank((unsigned char)b[-1], delim))
        b--;
    *ptr = a;
    *len = (size_t)(b - a);
}

int fdi__plain_next(fdi__plain *pl, const char **ptr, size_t *len, size_t cap,
                    size_t *nf, size_t *line, const char **start, const char **stop)
{
    const unsigned char delim = pl->delim;
    while (pl->p < pl->end) {
        const char *s = pl->p, *fs = s, *q;
        size_t n = 0;
        while ((q = next_struct(pl)) < pl->end && (unsigned char)*q == delim) {
            if (n < cap)
                put_field(fs, q, delim, &ptr[n], &len[n]);
            n++;
            fs = q + 1;
        }
        if (q < pl->end && *q == '"') { /* the rest is libcsv's */
            *start = s;
            return -1;
        }
        if (n < cap)
            put_field(fs, q, delim, &ptr[n], &len[n]);
        n++;
        pl->line++;
        /* the line end: \r\n is one (its \n is the next structural byte) */
        if (q < pl->end && *q == '\r' && q + 1 < pl->end && q[1] == '\n') {
            next_struct(pl);
            pl->p = q + 2;
        } else {
            pl->p = q < pl->end ? q + 1 : q;
        }
        /* an empty or blank line is no record (libcsv skips blanks before a
         * row begins and never reports an empty row) */
        if (n == 1) {
            const char *a = s;
            while (a < q && blank((unsigned char)*a, delim))
                a++;
            if (a == q)
                continue;
        }
        *nf = n;
        *line = pl->line;
        *start = s;
        *stop = q;
        return 1;
    }
    return 0;
}

size_t fdi__plain_split(const char *s, const char *e, char delim, const char **ptr,
                        size_t *len, size_t cap)
{
    size_t n = 0;
    const char *fs = s;
    for (const char *q = s; q < e; q++)
        if (*q == delim) {
            if (n < cap)
                put_field(fs, q, (unsigned char)delim, &ptr[n], &len[n]);
            n++;
            fs = q + 1;
        }
    if (n < cap)
        put_field(fs, e, (unsigned char)delim, &ptr[n], &len[n]);
    return n + 1;
}
