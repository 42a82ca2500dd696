/* csv_plain.c - the in-place splitter for quote-free CSV (see csv_plain.h). */
#include "ingest/csv_plain.h"

#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* A 64-byte block's delimiters, its line ends and quotes (\r, \n, " unless
 * it is the delimiter), and whether a blank (space or tab, not the
 * delimiter) stands next to one of them, or at either edge of the block:
 * only then may a field ending or starting in the block need trimming. */
typedef struct {
    uint64_t delims, ends;
    int blank_edge;
} block_bits;

#if defined(__SSE2__)
/* The line ends and quotes (\r, \n, ") among 16 bytes. */
static inline __m128i end_bytes(__m128i x)
{
    return _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\r')),
                                     _mm_cmpeq_epi8(x, _mm_set1_epi8('\n'))),
                        _mm_cmpeq_epi8(x, _mm_set1_epi8('"')));
}
#endif

static inline block_bits block_mask(const unsigned char *b, unsigned char delim)
{
    uint64_t dm = 0, em = 0, bl = 0;
    /* the blanks that are no delimiter: space and tab, or one of them twice */
    const unsigned char b1 = delim == ' ' ? '\t' : ' ', b2 = delim == '\t' ? ' ' : '\t';
#if defined(__SSE2__)
    const __m128i d = _mm_set1_epi8((char)delim), s1 = _mm_set1_epi8((char)b1),
                  s2 = _mm_set1_epi8((char)b2);
    for (int k = 0; k < 4; k++) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(b + 16 * k));
        __m128i end = end_bytes(x);
        __m128i blank = _mm_or_si128(_mm_cmpeq_epi8(x, s1), _mm_cmpeq_epi8(x, s2));
        dm |= (uint64_t)(uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x, d)) << (16 * k);
        em |= (uint64_t)(uint32_t)_mm_movemask_epi8(end) << (16 * k);
        bl |= (uint64_t)(uint32_t)_mm_movemask_epi8(blank) << (16 * k);
    }
#else
    for (int i = 0; i < 64; i++) {
        dm |= (uint64_t)(b[i] == delim) << i;
        em |= (uint64_t)(b[i] == '\r' || b[i] == '\n' || b[i] == '"') << i;
        bl |= (uint64_t)(b[i] == b1 || b[i] == b2) << i;
    }
#endif
    em &= ~dm; /* a delimiter is a delimiter, whatever byte it is */
    uint64_t m = dm | em;
    block_bits r = {dm, em, (bl & ((m << 1) | (m >> 1) | 1 | (UINT64_C(1) << 63))) != 0};
    return r;
}

/* The bits of a last block of `left` bytes (< 64): the bytes past the
 * end are read from a zeroed copy and masked off (and a blank may end the
 * last field there: such a block counts as having one at an edge). */
static block_bits tail_mask(const char *blk, size_t left, unsigned char delim)
{
    unsigned char tail[64];
    memset(tail, 0, sizeof tail);
    memcpy(tail, blk, left);
    block_bits r = block_mask(tail, delim);
    r.delims &= (UINT64_C(1) << left) - 1;
    r.ends &= (UINT64_C(1) << left) - 1;
    r.blank_edge = 1;
    return r;
}

/* The bits of the block at blk (before end), which may run past the end
 * (tail_mask). */
static inline block_bits load_mask(const char *blk, const char *end, unsigned char delim)
{
    size_t left = (size_t)(end - blk);
    return left >= 64 ? block_mask((const unsigned char *)blk, delim)
                      : tail_mask(blk, left, delim);
}

void fdi__plain_init(fdi__plain *pl, const char *data, size_t n, char delim,
                     size_t lines_before)
{
    pl->p = data;
    pl->end = data + n;
    pl->blk = data;
    pl->delim = (unsigned char)delim;
    pl->line = lines_before;
    pl->delims = pl->ends = 0;
    pl->blank_edge = 0;
    if (n) {
        block_bits bits = load_mask(data, pl->end, pl->delim);
        pl->delims = bits.delims;
        pl->ends = bits.ends;
        pl->blank_edge = bits.blank_edge;
    }
}

/* The walk's state, in locals: the fields' (pointer, length) stores could
 * alias fdi__plain's members (size_t is uint64_t), which would make the
 * compiler reload them after every field.  row_blank: a block the row
 * being read touches has a blank next to a structural byte. */
typedef struct {
    const char *end, *blk;
    uint64_t delims, ends; /* the block's, not yet taken */
    int blank_edge, row_blank;
    unsigned char delim;
} walk;

/* On to the next block; 0 past the end. */
static inline int next_block(walk *w)
{
    w->blk += 64;
    if (w->blk >= w->end)
        return 0;
    block_bits bits = load_mask(w->blk, w->end, w->delim);
    w->delims = bits.delims;
    w->ends = bits.ends;
    w->blank_edge = bits.blank_edge;
    w->row_blank |= bits.blank_edge;
    return 1;
}

/* Where the next line starts after the line end at q (or q, at the end
 * of the text): \r\n is one line end, its \n taken from w's bits (in this
 * block or at the start of the next). */
static inline const char *past_line_end(walk *w, const char *q)
{
    if (q < w->end && *q == '\r' && q + 1 < w->end && q[1] == '\n') {
        size_t at = (size_t)(q + 1 - w->blk);
        if (at == 64 && next_block(w))
            at = 0;
        if (at < 64) {
            w->ends &= ~(UINT64_C(1) << at);
            w->delims &= ~(UINT64_C(1) << at);
        }
        return q + 2;
    }
    return q < w->end ? q + 1 : q;
}

static inline int blank(unsigned char c, unsigned char delim)
{
    return (c == ' ' || c == '\t') && c != delim;
}

/* The field [a, b), with libcsv's trimming (blanks at both ends of an
 * unquoted field) when `trim`: only a row with a blank next to a
 * structural byte can need it. */
static inline void put_field(const char *a, const char *b, int trim, unsigned char delim,
                             const char **ptr, size_t *len)
{
    if (trim) {
        while (a < b && blank((unsigned char)*a, delim))
            a++;
        while (b > a && blank((unsigned char)b[-1], delim))
            b--;
    }
    *ptr = a;
    *len = (size_t)(b - a);
}

/* The fields ended by the delimiters in bits (of the block at w->blk). */
static inline void put_fields(walk *w, uint64_t bits, const char **fs, size_t *n,
                              const char **ptr, size_t *len, size_t cap)
{
    while (bits) {
        const char *q = w->blk + __builtin_ctzll(bits);
        bits &= bits - 1;
        if (*n < cap)
            put_field(*fs, q, w->row_blank, w->delim, &ptr[*n], &len[*n]);
        ++*n;
        *fs = q + 1;
    }
}

int fdi__plain_next(fdi__plain *pl, const char **ptr, size_t *len, size_t cap,
                    size_t *nf, size_t *line, const char **start, const char **stop)
{
    walk w = {pl->end, pl->blk, pl->delims, pl->ends, pl->blank_edge, 0, pl->delim};
    const unsigned char delim = pl->delim;
    const char *p = pl->p, *const end = pl->end;
    size_t lines = pl->line;
    int got = 0;
    while (p < end) {
        const char *s = p, *fs = s, *q = end;
        size_t n = 0;
        w.row_blank = w.blank_edge;
        /* the delimiters before the line's end, block by block; a block
         * with no line end gives all of its delimiters */
        for (;;) {
            if (w.ends) {
                unsigned e = (unsigned)__builtin_ctzll(w.ends);
                uint64_t before = w.delims & ((UINT64_C(1) << e) - 1);
                w.delims ^= before;
                w.ends &= w.ends - 1;
                put_fields(&w, before, &fs, &n, ptr, len, cap);
                q = w.blk + e;
                break;
            }
            put_fields(&w, w.delims, &fs, &n, ptr, len, cap);
            w.delims = 0;
            if (!next_block(&w))
                break; /* the last line, with no line end */
        }
        if (q < end && *q == '"') { /* the rest is libcsv's */
            *start = s;
            got = -1;
            break;
        }
        if (n < cap)
            put_field(fs, q, w.row_blank, delim, &ptr[n], &len[n]);
        n++;
        lines++;
        /* the line end: \r\n is one (its \n is the next line end, in this
         * block or at the start of the next) */
        p = past_line_end(&w, q);
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
        *line = lines;
        *start = s;
        *stop = q;
        got = 1;
        break;
    }
    pl->p = p;
    pl->blk = w.blk;
    pl->delims = w.delims;
    pl->ends = w.ends;
    pl->blank_edge = w.blank_edge;
    pl->line = lines;
    return got;
}

/* A 64-byte block's line ends and quotes alone (block_mask's ends), for
 * the rows skipped whole: three compares a byte instead of six. */
static inline uint64_t block_ends(const char *blk, const char *end, unsigned char delim)
{
    if ((size_t)(end - blk) < 64 || delim == '\r' || delim == '\n' || delim == '"')
        return load_mask(blk, end, delim).ends;
#if defined(__SSE2__)
    uint64_t em = 0;
    for (int k = 0; k < 4; k++) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(blk + 16 * k));
        em |= (uint64_t)(uint32_t)_mm_movemask_epi8(end_bytes(x)) << (16 * k);
    }
    return em;
#else
    return block_mask((const unsigned char *)blk, delim).ends;
#endif
}

/* pl's walk moved on to p (a line start at or after pl->p): the bits of
 * p's block, those before p taken. */
static void plain_move(fdi__plain *pl, const char *p)
{
    size_t at = (size_t)(p - pl->blk) / 64 * 64, off = (size_t)(p - pl->blk) % 64;
    if (at) {
        pl->blk += at;
        block_bits bits = load_mask(pl->blk, pl->end, pl->delim);
        pl->delims = bits.delims;
        pl->ends = bits.ends;
        pl->blank_edge = bits.blank_edge;
    }
    pl->delims &= ~UINT64_C(0) << off;
    pl->ends &= ~UINT64_C(0) << off;
    pl->p = p;
}

size_t fdi__plain_skip(fdi__plain *pl, const char *prefix, size_t plen, const char *limit)
{
    const char *p = pl->p, *const end = pl->end, *blk = pl->blk, *q;
    uint64_t ends = pl->ends; /* the end bits at or after p (those before are taken) */
    uint64_t want = 0, mask = plen >= 8 ? ~UINT64_C(0) : (UINT64_C(1) << (8 * plen)) - 1, x;
    size_t n = 0;
    memcpy(&want, prefix, 8);
    want &= mask;
    /* a line that starts with the prefix and more: the usual period,
     * "2019-06,", in one word */
    while (p < limit && (size_t)(end - p) > plen &&
           (plen <= 8 && end - p >= 8 ? (memcpy(&x, p, 8), (x & mask) == want)
                                      : memcmp(p, prefix, plen) == 0)) {
        while (!ends) { /* the line end: the first end bit left */
            blk += 64;
            if (blk >= end)
                goto done; /* the last line, with no line end: plain_next's */
            ends = block_ends(blk, end, pl->delim);
            if (p > blk) /* (the \n of a \r\n that ended the last block) */
                ends &= ~UINT64_C(1);
        }
        q = blk + __builtin_ctzll(ends);
        if (*q == '"')
            break; /* (plain_next hands the line to libcsv) */
        ends &= ends - 1;
        n++;
        p = q + 1;
        if (*q == '\r' && p < end && *p == '\n') { /* \r\n is one line end */
            if (++p - blk <= 64)
                ends &= ends - 1; /* (its \n, when in this block) */
        }
    }
done:
    if (n) {
        plain_move(pl, p);
        pl->line += n;
    }
    return n;
}

size_t fdi__plain_split(const char *s, const char *e, char delim, const char **ptr,
                        size_t *len, size_t cap)
{
    const unsigned char d = (unsigned char)delim;
    size_t n = 0;
    const char *fs = s;
    for (const char *q = s; q < e; q++)
        if (*q == delim) {
            if (n < cap)
                put_field(fs, q, 1, d, &ptr[n], &len[n]);
            n++;
            fs = q + 1;
        }
    if (n < cap)
        put_field(fs, e, 1, d, &ptr[n], &len[n]);
    return n + 1;
}
