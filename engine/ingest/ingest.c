/* ingest.c - reading a CSV file into a frame: with libcsv, and for text
 * in memory with the in-place splitter of csv_plain.c up to the first quote
 * (the section "text split in place" below).
 *
 * The input is fed to libcsv one line at a time so that every record knows
 * the line it starts on: when a new line begins while the parser is between
 * records (pstate 0, ROW_NOT_BEGUN in libcsv's state machine), that line is
 * where the next record starts.  Quoted fields spanning lines therefore keep
 * the line of their record's start.  Field bytes are appended to one buffer
 * that grows geometrically and is reused for every record.
 *
 * The first PREFETCH records are held back (copied once) so that the header
 * can be found below metadata lines and the columns typed; after that,
 * records are turned into observations as they complete.
 */
#define _GNU_SOURCE
#include "ingest/ingest_internal.h"
#include "ingest/test_switches.h"
#include "ingest/csv_plain.h"
#include "base/line_end.h"

#include <csv.h>
#include <utf8proc.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { PREFETCH = 256, CHUNK = 1 << 20 };

typedef struct {
    size_t line, first, n; /* first: index into the offset arrays */
} held_record;

typedef struct {
    const fdi_ingest_options *o;
    const char *file;
    fdi_error *err;
    fdi_status status;
    struct csv_parser csv;
    size_t cur_line, rec_line, pending_line;
    int at_line_start, cr_pending;
    /* the record being read */
    char *buf;
    size_t used, cap;
    size_t *off, *len;
    const char **ptr;
    size_t nf, fcap;
    /* held-back records */
    int streaming;
    held_record *held;
    size_t nheld, heldcap;
    char *hbuf;
    size_t hused, hcap;
    size_t *hoff, *hlen;
    size_t hnf, hfcap;
    /* the decided layout and its frame */
    fdi__layout lay;
    fdi_frame *frame;
    /* per-row scratch */
    uint32_t *tuple;
    int32_t *s_period;
    uint32_t *s_measure;
    double *s_value;
    size_t s_cap;
    uint32_t *s_col;
    /* Rows by the raw bytes of their key cells (each as a 4-byte length and
     * the bytes, in column order): an entry holds what interning those
     * cells gave, the key codes by dimension and the measure name's code
     * (combo_data[e * combo_stride ...]), then each column's series, or
     * UINT32_MAX until a value of that column comes.  One hash lookup per
     * row instead of one per key cell and one per value. */
    fdi__dict combos;
    uint32_t *combo_data;
    size_t combo_stride, combo_cap;
    /* The entry that followed each entry last time (UINT32_MAX: none yet)
     * and the last row's: a file sorted by period, or by keys, repeats its
     * sequence of key cells, so the next row's entry is usually known and
     * one comparison replaces the hash lookup. */
    uint32_t *combo_next;
    size_t combo_next_cap;
    int64_t last_combo;
    char *kbuf;
    size_t kbcap;
    /* the last period cell parsed (its text, up to 16 bytes, and what it
     * gave): in a file sorted by period the next row's is the same text */
    char last_period[16];
    size_t last_period_len; /* 0: none */
    int32_t last_period_value;
    int last_period_freq;
    /* The fast lane (fast_row): the period cell's text of the last row
     * used, when the layout has one period column; 0: none yet */
    char ok_period[16];
    size_t ok_period_len;
    int32_t ok_period_value;
    char delim;   /* the field delimiter, as given to libcsv (read through
                     this, not libcsv's private fields) */
} reader;

fdi_ingest_options fdi_ingest_options_default(void)
{
    fdi_ingest_options o;
    memset(&o, 0, sizeof o);
    o.number = fdi_number_format_default();
    o.skip = -1;
    o.scale = 1.0;
    time_t now = time(NULL);
    struct tm tm;
    if (now != (time_t)-1 && gmtime_r(&now, &tm))
        o.latest = (int32_t)(tm.tm_year + 1900) * 12 + tm.tm_mon;
    else
        o.latest = INT32_MAX;
    return o;
}

static int grow(void **p, size_t *cap, size_t need, size_t elem)
{
    size_t c = *cap ? *cap : 16;
    void *n;
    if (need <= *cap)
        return 0;
    while (c < need)
        c *= 2;
    n = realloc(*p, c * elem);
    if (!n)
        return -1;
    *p = n;
    *cap = c;
    return 0;
}

static void fail_nomem(reader *r)
{
    if (r->status == FDI_OK)
        r->status = fdi_error_set(r->err, FDI_ENOMEM, r->file, 0, 0, "out of memory");
}

/* The three per-field arrays of the current record share one capacity. */
static int grow_fields(reader *r, size_t need)
{
    size_t cap = r->fcap ? r->fcap : 16;
    size_t *off, *len;
    const char **ptr;
    if (need <= r->fcap)
        return 0;
    while (cap < need)
        cap *= 2;
    if (!(off = realloc(r->off, cap * sizeof *off)))
        return -1;
    r->off = off;
    if (!(len = realloc(r->len, cap * sizeof *len)))
        return -1;
    r->len = len;
    if (!(ptr = realloc(r->ptr, cap * sizeof *ptr)))
        return -1;
    r->ptr = ptr;
    r->fcap = cap;
    return 0;
}

static void on_field(void *s, size_t len, void *data)
{
    reader *r = data;
    if (r->status != FDI_OK)
        return;
    if (r->nf == 0)
        r->rec_line = r->pending_line;
    if (grow((void **)&r->buf, &r->cap, r->used + len + 1, 1) != 0 ||
        grow_fields(r, r->nf + 1) != 0) {
        fail_nomem(r);
        return;
    }
    if (len)
        memcpy(r->buf + r->used, s, len);
    r->off[r->nf] = r->used;
    r->len[r->nf] = len;
    r->used += len;
    r->nf++;
}

/* ------------------------------------------------------------------ rows */

static int all_empty(const fdi__record *rec)
{
    /* most rows: a first cell that starts with no blank (nor a no-break
     * space's first byte) is not empty, whatever trimming would do */
    if (rec->n && rec->len[0]) {
        unsigned char c0 = (unsigned char)rec->ptr[0][0];
        if (c0 > ' ' && c0 != 0xC2)
            return 0;
    }
    for (size_t c = 0; c < rec->n; c++) {
        const char *s = rec->ptr[c];
        size_t l = rec->len[c];
        fdi__trim(&s, &l);
        if (l)
            return 0;
    }
    return 1;
}

static void reject(reader *r, const fdi__record *rec, size_t col, const char *why,
                   int show_value)
{
    fdi_frame *f = r->frame;
    f->stats.rows_rejected++;
    if (col < rec->n && show_value) {
        const char *s = rec->ptr[col];
        size_t l = rec->len[col];
        fdi__trim(&s, &l);
        if (fdi__frame_reject(f, rec->line, col + 1, "column \"%.60s\": %s (found \"%.*s\")",
                              r->lay.names[col], why, (int)(l > 40 ? 40 : l), s) != 0)
            fail_nomem(r);
    } else if (col < r->lay.ncols) {
        if (fdi__frame_reject(f, rec->line, col + 1, "column \"%.60s\": %s",
                              r->lay.names[col], why) != 0)
            fail_nomem(r);
    } else if (fdi__frame_reject(f, rec->line, 0, "%s", why) != 0) {
        fail_nomem(r);
    }
}

static int scratch(reader *r, size_t need)
{
    size_t c1 = r->s_cap, c2 = r->s_cap, c3 = r->s_cap, c4 = r->s_cap;
    if (need <= r->s_cap)
        return 0;
    if (grow((void **)&r->s_period, &c1, need, sizeof *r->s_period) ||
        grow((void **)&r->s_measure, &c2, need, sizeof *r->s_measure) ||
        grow((void **)&r->s_value, &c3, need, sizeof *r->s_value) ||
        grow((void **)&r->s_col, &c4, need, sizeof *r->s_col))
        return -1;
    r->s_cap = c1;
    return 0;
}

static const char *freq_name(int freq)
{
    return freq == 1 ? "annual" : freq == 4 ? "quarterly" : "monthly";
}

/* The row's key cells as the combos table keys them (see reader); NULL
 * when out of memory. */
static const char *row_key_bytes(reader *r, const fdi__record *rec, size_t *n)
{
    const fdi__layout *lay = &r->lay;
    size_t need = 0, at = 0;
    for (size_t k = 0; k < lay->nkey_cols; k++)
        need += 4 + rec->len[lay->key_cols[k]];
    if (grow((void **)&r->kbuf, &r->kbcap, need + 1, 1) != 0)
        return NULL;
    for (size_t k = 0; k < lay->nkey_cols; k++) {
        size_t c = lay->key_cols[k];
        uint32_t l = (uint32_t)rec->len[c];
        memcpy(r->kbuf + at, &l, 4);
        memcpy(r->kbuf + at + 4, rec->ptr[c], l);
        at += 4 + l;
    }
    *n = at;
    return r->kbuf;
}

/* Whether a[0..n) and b[0..n) hold the same bytes (n small: word by
 * word, the tail by overlapping words). */
static inline int same_bytes(const char *a, const char *b, size_t n)
{
    uint64_t x, y;
    size_t i = 0;
    if (n >= 8) {
        for (; i + 8 <= n; i += 8) {
            memcpy(&x, a + i, 8);
            memcpy(&y, b + i, 8);
            if (x != y)
                return 0;
        }
        if (i == n)
            return 1;
        memcpy(&x, a + n - 8, 8);
        memcpy(&y, b + n - 8, 8);
        return x == y;
    }
    if (n >= 4) {
        uint32_t u, v, u2, v2;
        memcpy(&u, a, 4);
        memcpy(&v, b, 4);
        memcpy(&u2, a + n - 4, 4);
        memcpy(&v2, b + n - 4, 4);
        return u == v && u2 == v2;
    }
    for (; i < n; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}

/* Whether entry g of the combos table holds exactly the row's key cells:
 * row_key_bytes's comparison without building them (the usual row of a
 * sorted file is the predicted entry's, and short cells compare faster
 * word by word than through memcmp).  Every entry was written by
 * row_key_bytes for this layout, so it has a length and bytes for each key
 * column: while the lengths agree no cell runs past the entry. */
static inline int combo_is_row(const reader *r, uint32_t g, const fdi__record *rec)
{
    const fdi__layout *lay = &r->lay;
    const char *kb = r->combos.arena + r->combos.offsets[g];
    for (size_t k = 0; k < lay->nkey_cols; k++) {
        size_t c = lay->key_cols[k], l = rec->len[c];
        uint32_t stored;
        memcpy(&stored, kb, 4);
        if (stored != l || !same_bytes(kb + 4, rec->ptr[c], l))
            return 0;
        kb += 4 + l;
    }
    return 1;
}

/* The longest key cell, in bytes (a longer one rejects its row). */
enum { KEY_MAX = 4096 };

/* Offset of the first byte of s[0..n) that does not begin a well-formed
 * UTF-8 sequence (RFC 3629: no overlong forms, no surrogates, nothing past
 * U+10FFFF), or n when it is all UTF-8. */
static size_t utf8_bad_at(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i], need, min;
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF)
            need = 1, min = 0x80;
        else if (c >= 0xE0 && c <= 0xEF)
            need = 2, min = 0x800;
        else if (c >= 0xF0 && c <= 0xF4)
            need = 3, min = 0x10000;
        else
            return i;
        if (n - i <= need)
            return i;
        unsigned cp = c & (0x3Fu >> need);
        for (unsigned k = 1; k <= need; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return i;
            cp = cp << 6 | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += need + 1;
    }
    return n;
}

/* Why the key cell s[0..l) (trimmed) cannot name a series, into why; NULL
 * when it can: an empty cell, one over KEY_MAX bytes, one that is not
 * UTF-8 or holds a control character.  *ascii: whether every byte is
 * ASCII.  Called once per new combination of key cells, never on the rows
 * that repeat one. */
static const char *key_problem(const char *s, size_t l, char *why, size_t size, int *ascii)
{
    const unsigned char *u = (const unsigned char *)s;
    *ascii = 1;
    if (l == 0)
        return "an empty key: every row needs a value in each key column";
    if (l > KEY_MAX) {
        snprintf(why, size, "a key of %zu bytes (%d at most)", l, KEY_MAX);
        return why;
    }
    for (size_t i = 0; i < l; i++) {
        if (u[i] < 0x20 || u[i] == 0x7F) {
            snprintf(why, size, "a control character (byte 0x%02X) at byte %zu of the key",
                     u[i], i + 1);
            return why;
        }
        *ascii &= u[i] < 0x80;
    }
    if (*ascii)
        return NULL;
    size_t bad = utf8_bad_at(u, l);
    if (bad < l) {
        snprintf(why, size, "not UTF-8 (byte 0x%02X at byte %zu of the key): a legacy "
                 "file? (--encoding latin1 or cp1258 reads it)", u[bad], bad + 1);
        return why;
    }
    return NULL;
}

/* Intern the key s[0..l) into d: as it is when ASCII, else in Unicode NFC
 * (utf8proc), so that "Hải Phòng" typed with combining marks (NFD, as macOS
 * and some exports write it) is the same key as the precomposed one.  Its
 * code, or -1 when out of memory. */
static int64_t intern_key(fdi__dict *d, const char *s, size_t l, int ascii)
{
    if (ascii)
        return fdi__dict_intern(d, s, l);
    utf8proc_uint8_t *nfc = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)l, &nfc,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    /* n < 0: out of memory (the key is valid UTF-8, checked before) */
    int64_t code = n < 0 ? -1 : fdi__dict_intern(d, (const char *)nfc, (size_t)n);
    free(nfc);
    return code;
}

/* Intern the row's key cells (trimmed) into the dictionaries and add the
 * row's entry to the combos table; its data, or NULL when the row is
 * rejected (an empty measure name) or memory runs out. */
static uint32_t *new_combo(reader *r, const fdi__record *rec, const char *kb, size_t kn,
                           int64_t *entry)
{
    fdi_frame *f = r->frame;
    const fdi__layout *lay = &r->lay;
    size_t w = lay->nkeys + 1;
    uint32_t measure = 0;
    for (size_t k = 0; k < lay->nkey_cols; k++) {
        size_t c = lay->key_cols[k];
        fdi__role role = lay->roles[c];
        const char *s = rec->ptr[c];
        size_t l = rec->len[c];
        int64_t code;
        fdi__trim(&s, &l);
        if (role == FDI__ROLE_MEASURE_NAME && l == 0) {
            reject(r, rec, c, "empty measure name", 0);
            return NULL;
        }
        char why[160];
        int ascii;
        const char *problem = key_problem(s, l, why, sizeof why, &ascii);
        if (problem) {
            reject(r, rec, c, problem, 0);
            return NULL;
        }
        code = intern_key(&f->dicts[role == FDI__ROLE_KEY ? lay->key_dim[c] : lay->nkeys], s, l,
                          ascii);
        if (code < 0) {
            fail_nomem(r);
            return NULL;
        }
        if (role == FDI__ROLE_KEY)
            r->tuple[lay->key_dim[c]] = (uint32_t)code;
        else
            measure = (uint32_t)code;
    }
    int64_t e = fdi__dict_intern(&r->combos, kb, kn);
    r->combo_stride = w + lay->ncols;
    size_t next_cap = r->combo_next_cap;
    if (e < 0 || grow((void **)&r->combo_data, &r->combo_cap,
                      ((size_t)e + 1) * r->combo_stride, sizeof *r->combo_data) != 0 ||
        grow((void **)&r->combo_next, &r->combo_next_cap, (size_t)e + 1,
             sizeof *r->combo_next) != 0) {
        fail_nomem(r);
        return NULL;
    }
    for (size_t i = next_cap; i < r->combo_next_cap; i++)
        r->combo_next[i] = UINT32_MAX;
    *entry = e;
    uint32_t *d = r->combo_data + (size_t)e * r->combo_stride;
    memcpy(d, r->tuple, lay->nkeys * sizeof *d);
    d[lay->nkeys] = measure;
    for (size_t c = 0; c < lay->ncols; c++)
        d[w + c] = UINT32_MAX;
    return d;
}

/* Months a period of frequency freq spans after its first (12 / freq - 1,
 * without a division for every row). */
static inline int32_t period_span(int freq)
{
    return freq == 12 ? 0 : freq == 4 ? 2 : 11;
}

/* The row's period cell, parsed once for the window and the checks. */
typedef struct {
    fdi_parse_result pr; /* FDI_PARSE_MISSING also when there is no such cell */
    int32_t period;
    int freq;
    const char *why;
} period_cell;

static period_cell parse_period_cell(reader *r, const fdi__record *rec, size_t c)
{
    const fdi__layout *lay = &r->lay;
    period_cell pc = {FDI_PARSE_MISSING, 0, 12, NULL};
    if (c >= lay->ncols || c >= rec->n || lay->roles[c] != FDI__ROLE_PERIOD)
        return pc;
    const char *s = rec->ptr[c];
    size_t n = rec->len[c];
    if (n && n == r->last_period_len && memcmp(s, r->last_period, n) == 0) {
        pc.pr = FDI_PARSE_OK; /* the same text as the last cell that parsed */
        pc.period = r->last_period_value;
        pc.freq = r->last_period_freq;
        return pc;
    }
    pc.pr = fdi_parse_period(s, n, &pc.period, &pc.freq, &pc.why);
    if (pc.pr == FDI_PARSE_OK && n <= sizeof r->last_period) {
        memcpy(r->last_period, s, n);
        r->last_period_len = n;
        r->last_period_value = pc.period;
        r->last_period_freq = pc.freq;
    }
    return pc;
}

/* A row of the reading window's outside: its period parses and lies wholly
 * before or after the window. */
static int outside_window(reader *r, const period_cell *pc)
{
    if (!r->o->window || pc->pr != FDI_PARSE_OK)
        return 0;
    /* the frame's frequency is its first row's, read or not (a row in the
     * future sets nothing: it is rejected when read) */
    if (!r->frame->freq && pc->period - period_span(pc->freq) <= r->o->latest)
        r->frame->freq = pc->freq;
    return pc->period < r->o->window_from ||
           pc->period - period_span(pc->freq) > r->o->window_to;
}

/* The fast lane: a row with the same period text as the last row used and
 * the key cells of the entry that followed the last row's before, whose
 * values all parse to series already made (the usual row of a cube).  What
 * process_row would check of it was checked on an earlier row with the
 * same text, so only the values are read.  0 when the row is not such a
 * row: nothing is changed then, and process_row reads it. */
static int fast_row(reader *r, const fdi__record *rec)
{
    const fdi__layout *lay = &r->lay;
    size_t pc = lay->period_col, n = r->ok_period_len;
    if (n == 0 || rec->n != lay->ncols || r->last_combo < 0 || rec->len[pc] != n ||
        !same_bytes(rec->ptr[pc], r->ok_period, n))
        return 0;
    uint32_t g = r->combo_next[r->last_combo];
    if (g == UINT32_MAX || !combo_is_row(r, g, rec))
        return 0;
    const uint32_t *sids = r->combo_data + (size_t)g * r->combo_stride + lay->nkeys + 1;
    fdi_frame *f = r->frame;
    size_t start = f->nobs, missing = 0;
    uint32_t line = (uint32_t)(rec->line > UINT32_MAX ? UINT32_MAX : rec->line);
    for (size_t k = 0; k < lay->nvalue_cols; k++) {
        size_t c = lay->value_cols[k];
        double v;
        fdi_parse_result pr = fdi_parse_number(rec->ptr[c], rec->len[c], &r->o->number, &v, NULL);
        if (pr == FDI_PARSE_MISSING) {
            missing++;
            continue;
        }
        if (pr != FDI_PARSE_OK || sids[c] == UINT32_MAX) {
            f->nobs = start;
            return 0;
        }
        int32_t period = lay->roles[c] == FDI__ROLE_PERIOD_VALUE ? lay->col_period[c]
                                                                 : r->ok_period_value;
        if (fdi__frame_push(f, sids[c], period, v * r->o->scale, line) != 0) {
            fail_nomem(r);
            return 1;
        }
    }
    r->last_combo = g;
    f->stats.rows_read++;
    f->stats.rows_used++;
    f->stats.observations += f->nobs - start;
    f->stats.cells_missing += missing;
    return 1;
}

/* After a row used: its period text for the fast lane, when the layout has
 * one period column (with more, each would need its checks). */
static void keep_period(reader *r, const fdi__record *rec, int32_t period)
{
    const fdi__layout *lay = &r->lay;
    size_t pc = lay->period_col, l;
    if (fdi__ingest_test_switches.no_fast_lane || lay->nperiod_cols != 1 || pc >= lay->ncols ||
        lay->roles[pc] != FDI__ROLE_PERIOD)
        return;
    l = rec->len[pc];
    if (l == 0 || l > sizeof r->ok_period ||
        (l == r->ok_period_len && memcmp(rec->ptr[pc], r->ok_period, l) == 0))
        return;
    memcpy(r->ok_period, rec->ptr[pc], l);
    r->ok_period_len = l;
    r->ok_period_value = period;
}

/* A row with more fields than the header is read when the extra ones are
 * empty (a trailing delimiter); any other count is rejected: 0 then. */
static int fields_fit(reader *r, const fdi__record *rec)
{
    size_t ncols = r->lay.ncols;
    int extra_empty = rec->n > ncols;
    for (size_t c = ncols; c < rec->n && extra_empty; c++) {
        const char *s = rec->ptr[c];
        size_t l = rec->len[c];
        fdi__trim(&s, &l);
        extra_empty = l == 0;
    }
    if (extra_empty)
        return 1;
    char why[160];
    snprintf(why, sizeof why,
             "the row has %zu fields, the header has %zu (an unquoted "
             "delimiter inside a value, or a missing one?)",
             rec->n, ncols);
    reject(r, rec, SIZE_MAX, why, 0);
    return 0;
}

/* The period column (a --period list may name more than one: each is
 * checked, the last one counts) into *period; 0 when the row is rejected:
 * empty, unreadable, in the future, or of another frequency. */
static inline int row_period(reader *r, const fdi__record *rec, const period_cell *pc,
                             int32_t *period)
{
    const fdi__layout *lay = &r->lay;
    fdi_frame *f = r->frame;
    for (size_t c = 0; c < lay->ncols; c++) {
        if (lay->roles[c] != FDI__ROLE_PERIOD)
            continue;
        period_cell cell = c == lay->period_col ? *pc : parse_period_cell(r, rec, c);
        *period = cell.period;
        if (cell.pr == FDI_PARSE_MISSING) {
            reject(r, rec, c, "empty period: expected a date such as 2019-06", 0);
            return 0;
        }
        if (cell.pr == FDI_PARSE_INVALID) {
            reject(r, rec, c, cell.why, 1);
            return 0;
        }
        if (cell.period - period_span(cell.freq) > r->o->latest) {
            char msg[160], now[16];
            fdi_period_format(r->o->latest, 12, now, sizeof now);
            snprintf(msg, sizeof msg, "a period in the future (after %s); a typo "
                     "in the year? (--allow-future reads it)", now);
            reject(r, rec, c, msg, 1);
            return 0;
        }
        if (!f->freq)
            f->freq = cell.freq;
        if (cell.freq != f->freq) {
            char msg[120];
            snprintf(msg, sizeof msg, "a %s period in %s data", freq_name(cell.freq),
                     freq_name(f->freq));
            reject(r, rec, c, msg, 1);
            return 0;
        }
    }
    return 1;
}

/* A row whose value cells do not all parse is rejected at the first, with
 * the count of the others. */
static void reject_values(reader *r, const fdi__record *rec, size_t badcol,
                          const char *badwhy, size_t bad)
{
    char why[200];
    if (bad > 1)
        snprintf(why, sizeof why, "%s; and %zu more cells in this row do not "
                 "parse", badwhy, bad - 1);
    else
        snprintf(why, sizeof why, "%s", badwhy);
    reject(r, rec, badcol, why, 1);
}

/* The row's values into the scratch arrays (value, period, measure, column);
 * their count, or SIZE_MAX when a cell does not parse (the row rejected). */
static inline size_t row_values(reader *r, const fdi__record *rec, int32_t period)
{
    const fdi__layout *lay = &r->lay;
    size_t nval = 0, bad = 0, badcol = 0;
    const char *badwhy = NULL;
    for (size_t k = 0; k < lay->nvalue_cols; k++) {
        size_t c = lay->value_cols[k];
        double v;
        const char *why = NULL;
        fdi_parse_result pr = fdi_parse_number(rec->ptr[c], rec->len[c], &r->o->number, &v, &why);
        if (pr == FDI_PARSE_INVALID) {
            if (!bad++) {
                badcol = c;
                badwhy = why;
            }
            continue;
        }
        if (pr == FDI_PARSE_MISSING) {
            r->frame->stats.cells_missing++;
            continue;
        }
        r->s_value[nval] = v * r->o->scale;
        r->s_period[nval] = lay->roles[c] == FDI__ROLE_PERIOD_VALUE ? lay->col_period[c] : period;
        r->s_measure[nval] = lay->col_measure[c];
        r->s_col[nval] = (uint32_t)c;
        nval++;
    }
    if (!bad)
        return nval;
    reject_values(r, rec, badcol, badwhy, bad);
    return SIZE_MAX;
}

/* The combos entry of the row's key cells: the one that followed the last
 * row's when it matches, else looked up, else made (the keys interned only
 * now, so a rejected row adds nothing to the dictionaries).  NULL when the
 * row is rejected or memory runs out. */
static inline uint32_t *row_combo(reader *r, const fdi__record *rec)
{
    int64_t e = -1;
    uint32_t *d;
    if (r->last_combo >= 0) {
        uint32_t g = r->combo_next[r->last_combo];
        if (g != UINT32_MAX && combo_is_row(r, g, rec))
            e = g;
    }
    if (e >= 0) {
        d = r->combo_data + (size_t)e * r->combo_stride;
    } else {
        size_t kn;
        const char *kb = row_key_bytes(r, rec, &kn);
        if (!kb) {
            fail_nomem(r);
            return NULL;
        }
        e = fdi__dict_find(&r->combos, kb, kn);
        d = e >= 0 ? r->combo_data + (size_t)e * r->combo_stride
                   : new_combo(r, rec, kb, kn, &e);
        if (!d)
            return NULL;
    }
    if (r->last_combo >= 0)
        r->combo_next[r->last_combo] = (uint32_t)e;
    r->last_combo = e;
    return d;
}

/* The scratch values into the frame, under the series of entry d's keys
 * (made at a column's first value); 0 when memory runs out. */
static inline int push_values(reader *r, const fdi__record *rec, uint32_t *d, size_t nval)
{
    const fdi__layout *lay = &r->lay;
    fdi_frame *f = r->frame;
    uint32_t line = (uint32_t)(rec->line > UINT32_MAX ? UINT32_MAX : rec->line);
    for (size_t i = 0; i < nval; i++) {
        uint32_t *sid = &d[lay->nkeys + 1 + r->s_col[i]];
        if (*sid == UINT32_MAX) { /* the first value of this column: its series */
            memcpy(r->tuple, d, lay->nkeys * sizeof *d);
            /* long data: every value is the named measure */
            r->tuple[lay->nkeys] = lay->has_measure_name ? d[lay->nkeys] : r->s_measure[i];
            int64_t s = fdi__tuplemap_intern(&f->series, r->tuple);
            if (s < 0)
                return 0;
            *sid = (uint32_t)s;
        }
        if (fdi__frame_push(f, *sid, r->s_period[i], r->s_value[i], line) != 0)
            return 0;
    }
    return 1;
}

/* One row: the fast lane's when it can, else every check, the values, the
 * keys' entry, then the observations. */
static void process_row(reader *r, const fdi__record *rec)
{
    if (fast_row(r, rec))
        return;
    fdi_frame *f = r->frame;
    const fdi__layout *lay = &r->lay;
    int32_t period = 0;
    size_t nval;
    uint32_t *d;

    if (all_empty(rec)) {
        f->stats.blank_rows++;
        return;
    }
    const period_cell pc = parse_period_cell(r, rec, lay->period_col);
    if (outside_window(r, &pc)) {
        f->stats.rows_outside++;
        return;
    }
    f->stats.rows_read++;
    if (rec->n != lay->ncols && !fields_fit(r, rec))
        return;
    if (scratch(r, lay->ncols + 1) != 0) {
        fail_nomem(r);
        return;
    }
    if (!row_period(r, rec, &pc, &period) || (nval = row_values(r, rec, period)) == SIZE_MAX ||
        !(d = row_combo(r, rec)))
        return;
    if (!push_values(r, rec, d, nval)) {
        fail_nomem(r);
        return;
    }
    f->stats.observations += nval;
    f->stats.rows_used++;
    keep_period(r, rec, period);
}

/* --------------------------------------------------- header and sample */

static fdi__record held_view(reader *r, size_t i, const char **ptrs)
{
    fdi__record rec;
    held_record *h = &r->held[i];
    for (size_t c = 0; c < h->n; c++)
        ptrs[c] = r->hbuf + r->hoff[h->first + c];
    rec.ptr = ptrs;
    rec.len = r->hlen + h->first;
    rec.n = h->n;
    rec.line = h->line;
    return rec;
}

static int nonempty_fields(const fdi__record *rec)
{
    int k = 0;
    for (size_t c = 0; c < rec->n; c++) {
        const char *s = rec->ptr[c];
        size_t l = rec->len[c];
        fdi__trim(&s, &l);
        k += l > 0;
    }
    return k;
}

/* The header with --skip N: the first record after line N that is not
 * all empty.  ptrs: room for the widest record.  SIZE_MAX: none. */
static size_t header_after_skip(reader *r, const char **ptrs)
{
    for (size_t i = 0; i < r->nheld; i++)
        if (r->held[i].line > (size_t)r->o->skip) {
            fdi__record hdr = held_view(r, i, ptrs);
            if (!all_empty(&hdr))
                return i;
        }
    return SIZE_MAX;
}

/* The header found alone: the first record with the commonest field count
 * (and two names at least): metadata lines above it are shorter. */
static size_t header_by_shape(reader *r, const char **ptrs)
{
    size_t best_n = 0, best_count = 0;
    for (size_t i = 0; i < r->nheld; i++) {
        size_t count = 0;
        for (size_t j = 0; j < r->nheld; j++)
            count += r->held[j].n == r->held[i].n;
        if (r->held[i].n >= 2 && (count > best_count ||
                                  (count == best_count && r->held[i].n > best_n))) {
            best_count = count;
            best_n = r->held[i].n;
        }
    }
    for (size_t i = 0; i < r->nheld; i++) {
        if (r->held[i].n != best_n)
            continue;
        fdi__record hdr = held_view(r, i, ptrs);
        if (nonempty_fields(&hdr) >= 2)
            return i;
    }
    return SIZE_MAX;
}

/* The header record into *hdr, or 0 with the reader's error set: none
 * found, or too wide. */
static int find_header(reader *r, const char **ptrs, size_t *header, fdi__record *hdr)
{
    *header = r->o->skip >= 0 ? header_after_skip(r, ptrs) : header_by_shape(r, ptrs);
    if (*header == SIZE_MAX) {
        r->status = fdi_error_set(r->err, FDI_EPARSE, r->file, 0, 0,
                                  r->nheld ? "no header found: expected a line of "
                                             "column names"
                                           : "the file is empty: expected a header "
                                             "line and data");
        return 0;
    }
    *hdr = held_view(r, *header, ptrs);
    if (hdr->n > FDI_MAX_COLUMNS) {
        r->status = fdi_error_set(r->err, FDI_EPARSE, r->file, hdr->line, 0,
                                  "the header has %zu columns; fdi reads at most %d "
                                  "(is this one long line of numbers?)",
                                  hdr->n, (int)FDI_MAX_COLUMNS);
        return 0;
    }
    return 1;
}

/* The held records after the header, as records over sptrs (room for all
 * the held fields); their count. */
static size_t sample_after(reader *r, size_t header, const char **sptrs, fdi__record *sample)
{
    size_t nsample = 0;
    for (size_t i = header + 1; i < r->nheld; i++) {
        held_record *h = &r->held[i];
        for (size_t c = 0; c < h->n; c++)
            sptrs[h->first + c] = r->hbuf + r->hoff[h->first + c];
        sample[nsample].ptr = sptrs + h->first;
        sample[nsample].len = r->hlen + h->first;
        sample[nsample].n = h->n;
        sample[nsample].line = h->line;
        nsample++;
    }
    return nsample;
}

/* Find the header among the held records, decide the layout, replay the
 * rest, and switch to streaming. */
static void release_held(reader *r)
{
    size_t maxn = 1, header, nsample;
    fdi__record hdr;

    r->streaming = 1;
    for (size_t i = 0; i < r->nheld; i++)
        if (r->held[i].n > maxn)
            maxn = r->held[i].n;
    const char **ptrs = malloc(maxn * sizeof *ptrs);
    const char **sptrs = malloc((r->hnf ? r->hnf : 1) * sizeof *sptrs);
    fdi__record *sample = malloc((r->nheld ? r->nheld : 1) * sizeof *sample);
    if (!ptrs || !sptrs || !sample) {
        fail_nomem(r);
        goto done;
    }
    if (!find_header(r, ptrs, &header, &hdr))
        goto done;
    nsample = sample_after(r, header, sptrs, sample);
    r->status = fdi__layout_decide(r->o, r->file, &hdr, sample, nsample, &r->lay,
                                   &r->frame, r->err);
    if (r->status != FDI_OK)
        goto done;
    r->frame->stats.header_line = hdr.line;
    r->frame->stats.skipped_lines = hdr.line - 1;
    r->tuple = calloc(r->lay.nkeys + 1, sizeof *r->tuple);
    if (!r->tuple) {
        fail_nomem(r);
        goto done;
    }
    for (size_t i = 0; i < nsample && r->status == FDI_OK; i++)
        process_row(r, &sample[i]);
done:
    free(ptrs);
    free(sptrs);
    free(sample);
}

static void hold(reader *r, const fdi__record *rec)
{
    size_t hc;
    if (grow((void **)&r->held, &r->heldcap, r->nheld + 1, sizeof *r->held) ||
        grow((void **)&r->hbuf, &r->hcap, r->hused + r->used + 1, 1)) {
        fail_nomem(r);
        return;
    }
    hc = r->hfcap;
    if (grow((void **)&r->hoff, &hc, r->hnf + rec->n + 1, sizeof *r->hoff) ||
        grow((void **)&r->hlen, &r->hfcap, r->hnf + rec->n + 1, sizeof *r->hlen)) {
        fail_nomem(r);
        return;
    }
    r->held[r->nheld].line = rec->line;
    r->held[r->nheld].first = r->hnf;
    r->held[r->nheld].n = rec->n;
    for (size_t c = 0; c < rec->n; c++) {
        r->hoff[r->hnf + c] = r->hused;
        r->hlen[r->hnf + c] = rec->len[c];
        memcpy(r->hbuf + r->hused, rec->ptr[c], rec->len[c]);
        r->hused += rec->len[c];
    }
    r->hnf += rec->n;
    r->nheld++;
}

static void on_record(int term, void *data)
{
    reader *r = data;
    fdi__record rec;
    (void)term;
    if (r->status != FDI_OK) {
        r->nf = r->used = 0;
        return;
    }
    for (size_t c = 0; c < r->nf; c++)
        r->ptr[c] = r->buf + r->off[c];
    rec.ptr = r->ptr;
    rec.len = r->len;
    rec.n = r->nf;
    rec.line = r->nf ? r->rec_line : r->pending_line;
    if (r->streaming) {
        process_row(r, &rec);
    } else {
        hold(r, &rec);
        if (r->nheld >= PREFETCH)
            release_held(r);
    }
    r->nf = 0;
    r->used = 0;
}

/* --------------------------------------------------------------- driver */

static char detect_delimiter(const fdi_ingest_options *o, const char *s, size_t n)
{
    static const char cand[] = {',', ';', '\t', '|'};
    size_t count[4] = {0, 0, 0, 0}, best = 0;
    int quoted = 0;
    if (n > 65536)
        n = 65536;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            quoted = !quoted;
        else if (!quoted)
            for (size_t k = 0; k < 4; k++)
                count[k] += s[i] == cand[k];
    }
    if (o->number.decimal == ',' && count[1])
        return ';';
    for (size_t k = 1; k < 4; k++)
        if (count[k] > count[best])
            best = k;
    return cand[best];
}

static void parse_bytes(reader *r, const char *s, size_t n)
{
    if (csv_parse(&r->csv, s, n, on_field, on_record, r) != n && r->status == FDI_OK)
        r->status = fdi_error_set(r->err, csv_error(&r->csv) == CSV_ENOMEM ? FDI_ENOMEM
                                                                           : FDI_EPARSE,
                                  r->file, r->cur_line, 0, "%s",
                                  csv_strerror(csv_error(&r->csv)));
}

/* Feed one chunk, a line at a time (see the note at the top). */
static void feed(reader *r, const char *s, size_t n)
{
    if (n && r->cr_pending) {
        /* the last chunk ended in \r: a line end, with this \n if one follows */
        r->cr_pending = 0;
        if (*s == '\n') {
            parse_bytes(r, s, 1);
            s++;
            n--;
        }
        r->at_line_start = 1;
    }
    while (n && r->status == FDI_OK) {
        /* more input may follow this chunk: a \r at its end is taken for
         * the first half of a \r\n until the next chunk shows */
        const char *nl = fdi__line_end(s, n, 0);
        size_t take = nl ? (size_t)(nl - s) + 1 : n;
        if (r->at_line_start) {
            r->cur_line++;
            if (r->csv.pstate == 0)
                r->pending_line = r->cur_line;
        }
        parse_bytes(r, s, take);
        r->at_line_start = nl != NULL;
        r->cr_pending = !nl && s[take - 1] == '\r';
        s += take;
        n -= take;
    }
}

static void reader_free(reader *r)
{
    csv_free(&r->csv);
    free(r->buf);
    free(r->off);
    free(r->len);
    free(r->ptr);
    free(r->held);
    free(r->hbuf);
    free(r->hoff);
    free(r->hlen);
    free(r->tuple);
    free(r->s_period);
    free(r->s_measure);
    free(r->s_value);
    free(r->s_col);
    fdi__dict_free(&r->combos);
    free(r->combo_data);
    free(r->combo_next);
    free(r->kbuf);
    fdi__layout_free(&r->lay);
}

typedef size_t (*read_fn)(void *ctx, char *buf, size_t cap);

static fdi_status reader_init(reader *r, const fdi_ingest_options *opts,
                              const char *name, fdi_error *err)
{
    memset(r, 0, sizeof *r);
    r->o = opts;
    r->file = name;
    r->err = err;
    r->at_line_start = 1;
    r->last_combo = -1;
    if (csv_init(&r->csv, CSV_STRICT_FINI) != 0)
        return fdi_error_set(err, FDI_ENOMEM, name, 0, 0, "out of memory");
    /* libcsv grows its field buffer by a fixed block (128 bytes by default):
     * a 10 MB field would take 80,000 reallocations */
    csv_set_blk_size(&r->csv, 1 << 20);
    return FDI_OK;
}

/* The start of the input: skip a BOM, refuse binary and UTF-16 text, set
 * the delimiter.  Returns the first byte to feed (*n adjusted). */
static const char *first_chunk(reader *r, const char *p, size_t *n)
{
    if (*n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3, *n -= 3;
    const char *nul = memchr(p, '\0', *n);
    if (nul) { /* binary data, or UTF-16 (every other byte 0) */
        size_t line = 1;
        for (const char *q = p; q < nul; q++)
            line += *q == '\n';
        int utf16 = *n >= 2 && ((unsigned char)p[0] == 0xFF || (unsigned char)p[0] == 0xFE);
        r->status = fdi_error_set(r->err, FDI_EPARSE, r->file, line, 0,
                                  utf16 ? "the file is UTF-16 text: save it as UTF-8 "
                                          "(or CSV UTF-8 in a spreadsheet)"
                                        : "a NUL byte: this is not a text CSV file");
        return p;
    }
    r->delim = r->o->delimiter ? r->o->delimiter : detect_delimiter(r->o, p, *n);
    csv_set_delim(&r->csv, (unsigned char)r->delim);
    return p;
}

/* The end of the input: an unclosed quote, the last record, the held
 * records of a short file. */
static void finish(reader *r)
{
    /* libcsv reports an unclosed quote only in strict mode, which would also
     * make every stray quote fatal: look at its state instead (2 is
     * FIELD_BEGUN; inside quotes the field is still "begun" at the end). */
    if (r->status == FDI_OK && r->csv.pstate == 2 && r->csv.quoted)
        r->status = fdi_error_set(r->err, FDI_EPARSE, r->file, r->pending_line, r->nf + 1,
                                  "a quoted field starting on this line is never "
                                  "closed: expected a closing \"");
    if (r->status == FDI_OK &&
        csv_fini(&r->csv, on_field, on_record, r) != 0 && r->status == FDI_OK)
        r->status = fdi_error_set(r->err, FDI_EPARSE, r->file, r->pending_line, 0,
                                  "a quoted field starting on this line is never "
                                  "closed: expected a closing \"");
    if (r->status == FDI_OK && !r->streaming)
        release_held(r);
}

/* Hand over the frame (or the error). */
static fdi_status conclude(reader *r, size_t total, fdi_frame **out)
{
    fdi_status st = r->status;
    if (st == FDI_OK && r->frame->freq == 0)
        r->frame->freq = 12;
    if (st != FDI_OK) {
        fdi_frame_destroy(r->frame);
        r->frame = NULL;
    } else {
        r->frame->stats.bytes = total;
        *out = r->frame;
    }
    reader_free(r);
    return st;
}

static fdi_status run(const fdi_ingest_options *opts, const char *name,
                      read_fn rd, void *ctx, size_t size, fdi_frame **out, fdi_error *err)
{
    reader r;
    fdi_ingest_options def = fdi_ingest_options_default();
    if (!opts)
        opts = &def;
    size_t n, total = 0;
    int first = 1;

    *out = NULL;
    if (err)
        memset(err, 0, sizeof *err);
    if (reader_init(&r, opts, name, err) != FDI_OK)
        return FDI_ENOMEM;
    char *chunk = malloc(CHUNK);
    if (!chunk) {
        reader_free(&r);
        return fdi_error_set(err, FDI_ENOMEM, name, 0, 0, "out of memory");
    }
    while (r.status == FDI_OK && (n = rd(ctx, chunk, CHUNK)) > 0) {
        const char *p = chunk;
        total += n;
        if (first) {
            first = 0;
            p = first_chunk(&r, p, &n);
            if (r.status != FDI_OK)
                break;
        }
        feed(&r, p, n);
        if (opts->progress)
            opts->progress(opts->progress_ctx, total, size);
    }
    finish(&r);
    free(chunk);
    return conclude(&r, total, out);
}

/* ---- text split in place ----------------------------------------------
 * Text in memory (a mapped file, a buffer) is read like this: libcsv reads
 * the header and the records held back to decide the layout, a line at a
 * time, and from the record after them the splitter of csv_plain.h hands
 * out fields as pointers into the text, until a line with a quote
 * character: from there libcsv reads on.
 *
 * On two threads, the text after the held records is cut at line ends: in
 * two halves, or with a reading window in parts of about PART_BYTES (at
 * most MAX_PARTS; the rows a window keeps often all lie at the end of a
 * file sorted by period, and small parts share them out).  The first part
 * is read by the first reader itself; the two threads take the others in
 * turn.  Each part has its own reader with the same
 * layout, an empty frame of the same dimensions (the measure codes copied)
 * and its lines numbered from 0; the frames are then merged in order, lines
 * shifted, as if one reader had read on (fdi__frame_merge).  Before the
 * first quote every line end is a record end, so the cuts there are sound;
 * the part with the first quote stops at its line, the parts after it are
 * dropped, and libcsv reads on from that line alone. */

enum {
    PARALLEL_MIN = 4 << 20, /* parts on two threads from this size */
    PART_BYTES = 8 << 20,   /* the size of a part, up to MAX_PARTS of them */
    MAX_PARTS = 16,         /* each part interns every key it meets anew and
                               its frame lives until all are read: more parts
                               would cost memory and time on big files */
    DROP_EVERY = 8 << 20    /* a mapped file's pages are let go this often */
};

/* Give back the pages of a mapped file in [lo, hi) that are read: the file
 * stays in the page cache, but not in this process's resident memory. */
static void drop_pages(const char *lo, const char *hi)
{
    const uintptr_t page = 4096;
    uintptr_t a = ((uintptr_t)lo + page - 1) & ~(page - 1), b = (uintptr_t)hi & ~(page - 1);
    if (b > a)
        madvise((void *)a, b - a, MADV_DONTNEED);
}

/* Read s[0..n) with the splitter; r is streaming and between records.
 * Returns the bytes taken: fewer than n when a line has a quote (r is
 * then between records, at that line).  When `mapped`, the pages read are
 * let go as it goes; progress is reported by the first part's reader only
 * (`report`), base being where s lies in the text. */
static size_t feed_plain(reader *r, const char *s, size_t n, int mapped, int report,
                         size_t base, size_t total)
{
    fdi__plain pl;
    fdi__record rec;
    const char *start = s + n, *stop, *mark = s;
    const char delim = r->delim;
    size_t nf, line;
    int got = 0;

    if (grow_fields(r, r->lay.ncols + 1) != 0) {
        fail_nomem(r);
        return n;
    }
    r->cr_pending = 0; /* a line that ended in a lone \r: the splitter goes on after it */
    fdi__plain_init(&pl, s, n, delim, r->cur_line);
    while (r->status == FDI_OK &&
           (got = fdi__plain_next(&pl, r->ptr, r->len, r->fcap, &nf, &line, &start, &stop)) > 0) {
        if (nf > r->fcap) { /* a row longer than the header */
            if (grow_fields(r, nf) != 0) {
                fail_nomem(r);
                return n;
            }
            fdi__plain_split(start, stop, delim, r->ptr, r->len, r->fcap);
        }
        rec.ptr = r->ptr;
        rec.len = r->len;
        rec.n = nf;
        rec.line = line;
        process_row(r, &rec);
        if (pl.p - mark >= DROP_EVERY) {
            if (mapped)
                drop_pages(mark, pl.p);
            mark = pl.p;
            if (report && r->o->progress)
                r->o->progress(r->o->progress_ctx, base + (size_t)(pl.p - s), total);
        }
    }
    if (mapped)
        drop_pages(mark, pl.p);
    r->cur_line = pl.line;
    return got < 0 ? (size_t)(start - s) : n;
}

typedef struct {
    reader r;
    const char *data;
    size_t len, took; /* took < len: stopped at a quote */
    int mapped, done;
    fdi_error err;
    size_t fill_obs; /* observations to make present first (read_parts) */
} part;

/* The parts and the next one to take; first_quoted: the lowest part that
 * met a quote (parts after it are skipped). */
typedef struct {
    part *parts;
    size_t nparts;
    atomic_size_t next, first_quoted, bytes_done;
    const reader *a; /* its thread reports progress */
    pthread_t reporter;
    size_t base, total;
} part_pool;

static void *pool_work(void *arg)
{
    part_pool *pool = arg;
    size_t i;
    while ((i = atomic_fetch_add(&pool->next, 1)) < pool->nparts) {
        part *pt = &pool->parts[i];
        if (i > atomic_load(&pool->first_quoted))
            continue;
        fdi__frame_populate(pt->r.frame, 0, pt->fill_obs);
        pt->took = feed_plain(&pt->r, pt->data, pt->len, pt->mapped, 0, 0, 0);
        finish(&pt->r);
        pt->done = 1;
        if (pt->took < pt->len) {
            size_t q = atomic_load(&pool->first_quoted);
            while (i < q && !atomic_compare_exchange_weak(&pool->first_quoted, &q, i))
                ;
        }
        size_t done = atomic_fetch_add(&pool->bytes_done, pt->len) + pt->len;
        if (pool->a->o->progress && pthread_equal(pthread_self(), pool->reporter))
            pool->a->o->progress(pool->a->o->progress_ctx, pool->base + done, pool->total);
    }
    return NULL;
}

/* A part's reader, continuing a's layout, its lines numbered from 0. */
static fdi_status part_init(part *pt, const reader *a, const char *data, size_t len,
                            int mapped)
{
    const fdi_frame *fa = a->frame;
    fdi_status st = reader_init(&pt->r, a->o, a->file, &pt->err);
    if (st != FDI_OK)
        return st;
    memset(&pt->err, 0, sizeof pt->err);
    pt->data = data;
    pt->len = len;
    pt->mapped = mapped;
    pt->r.streaming = 1;
    pt->r.lay = a->lay; /* borrowed: part_free forgets it before freeing */
    pt->r.delim = a->delim;
    csv_set_delim(&pt->r.csv, (unsigned char)a->delim);
    pt->r.frame = fdi__frame_new(a->file, fa->dim_names, fa->ndims);
    pt->r.tuple = calloc(a->lay.nkeys + 1, sizeof *pt->r.tuple);
    if (!pt->r.frame || !pt->r.tuple)
        return FDI_ENOMEM;
    pt->r.frame->freq = fa->freq;
    pt->r.frame->ytd = fa->ytd;
    const fdi__dict *md = &fa->dicts[fa->ndims - 1];
    for (size_t c = 0; c < md->count; c++) /* the measures' codes, as in a */
        if (fdi__dict_intern(&pt->r.frame->dicts[fa->ndims - 1], md->arena + md->offsets[c],
                             md->lengths[c]) < 0)
            return FDI_ENOMEM;
    return FDI_OK;
}

static void part_free(part *pt)
{
    memset(&pt->r.lay, 0, sizeof pt->r.lay);
    fdi_frame_destroy(pt->r.frame);
    pt->r.frame = NULL;
    reader_free(&pt->r);
}

/* Feed s[0..n) to libcsv a chunk at a time, with progress. */
static void feed_chunks(reader *r, const char *s, size_t n, size_t base, size_t total)
{
    for (size_t at = 0; r->status == FDI_OK && at < n;) {
        size_t take = n - at < CHUNK ? n - at : CHUNK;
        feed(r, s + at, take);
        at += take;
        if (r->o->progress)
            r->o->progress(r->o->progress_ctx, base + at, total);
    }
}

static void free_parts(part *parts, size_t np)
{
    for (size_t i = 0; i < np; i++)
        part_free(&parts[i]);
    free(parts);
}

/* The parts' bounds: part k is [cuts[k], cuts[k+1]), each cut just after
 * a line end near an even share of data[pos..size) (k < n). */
static void cut_at_lines(const char *data, size_t pos, size_t size, size_t n, size_t *cuts)
{
    size_t body = size - pos;
    cuts[0] = pos;
    for (size_t k = 1; k <= n; k++) {
        size_t target = k == n ? size : pos + body / n * k;
        const char *nl;
        if (target < cuts[k - 1])
            target = cuts[k - 1];
        cuts[k] = k < n && target < size && (nl = memchr(data + target, '\n', size - target))
                      ? (size_t)(nl - data) + 1
                      : size;
    }
}

/* Readers for the parts after a's own first one, each frame reserved for
 * obs_per_byte observations a byte; their count, or 0 when one could not
 * be made (none is left then). */
static size_t make_parts(const reader *a, const char *data, size_t size, const size_t *cuts,
                         size_t n, int mapped, double obs_per_byte, part *parts)
{
    size_t np = 0;
    for (size_t k = 1; k < n && cuts[k] < size; k++) {
        size_t at = cuts[k], end = cuts[k + 1];
        if (part_init(&parts[np], a, data + at, end - at, mapped) != FDI_OK ||
            fdi__frame_reserve(parts[np].r.frame, (size_t)((double)(end - at) * obs_per_byte)) != 0) {
            for (size_t i = 0; i <= np; i++)
                part_free(&parts[i]);
            return 0;
        }
        np++;
    }
    return np;
}

/* Read a's first part [pos, first_end) on this thread and the other parts
 * on the pool's two threads; whether a's part met a quote (the parts
 * after it are then dropped) and, through took, how far a read. */
static int read_on_two_threads(reader *a, const char *data, size_t pos, size_t first_end,
                               size_t size, int mapped, part *parts, size_t np,
                               size_t fill_a, size_t *took)
{
    part_pool pool;
    pool.parts = parts;
    pool.nparts = np;
    atomic_init(&pool.next, 0);
    atomic_init(&pool.first_quoted, SIZE_MAX);
    atomic_init(&pool.bytes_done, 0);
    pool.a = a;
    pool.reporter = pthread_self();
    pool.base = first_end;
    pool.total = size;
    pthread_t tid;
    int threaded = pthread_create(&tid, NULL, pool_work, &pool) == 0;
    /* this thread reads the first part into a's frame, then takes parts too
     * (all of them, if no second thread) */
    fdi__frame_populate(a->frame, a->frame->nobs, a->frame->nobs + fill_a);
    *took = feed_plain(a, data + pos, first_end - pos, mapped, 1, pos, size);
    int quoted = a->status == FDI_OK && *took < first_end - pos;
    if (quoted) /* the parts are past a quote: drop them */
        atomic_store(&pool.first_quoted, 0);
    pool_work(&pool);
    if (threaded)
        pthread_join(tid, NULL);
    return quoted;
}

/* The parts' frames after a's, in order, into arrays made big enough, up
 * to the part that met a quote: *resume is then its quote's line. */
static void merge_parts(reader *a, const char *data, part *parts, size_t np, size_t *resume)
{
    size_t total = a->frame->nobs;
    for (size_t i = 0; i < np; i++)
        total += parts[i].r.frame ? parts[i].r.frame->nobs : 0;
    if (a->status == FDI_OK && fdi__frame_reserve(a->frame, total) != 0)
        fail_nomem(a);
    size_t line = a->cur_line;
    for (size_t i = 0; i < np && a->status == FDI_OK; i++) {
        part *pt = &parts[i];
        if (pt->r.status != FDI_OK) {
            if (a->err)
                *a->err = pt->err;
            a->status = pt->r.status;
        } else if (fdi__frame_merge(a->frame, pt->r.frame, line) != 0) {
            fail_nomem(a);
        }
        line += pt->r.cur_line;
        if (pt->took < pt->len) {
            *resume = (size_t)(pt->data + pt->took - data);
            break;
        }
    }
    a->cur_line = line;
}

/* Cut data[pos..size) into parts at line ends and read them on two
 * threads (see above).  Returns 1 when it did, 0 when it could not start
 * (a alone reads everything then); a->status holds any failure.  *resume:
 * where libcsv reads on (size when nothing is left). */
static int read_parts(reader *a, const char *data, size_t pos, size_t size, int mapped,
                      size_t *resume)
{
    /* a file read whole splits evenly in two; with a window, the rows read
     * may all lie in one end, so there are more, smaller parts to share */
    size_t body = size - pos, n = a->o->window ? body / PART_BYTES + 1 : 2, np;
    if (n < 2)
        n = 2;
    if (n > MAX_PARTS)
        n = MAX_PARTS;
    part *parts = calloc(n, sizeof *parts);
    if (!parts)
        return 0;
    /* each part's frame is made big enough at once for as many observations
     * per byte as the held records gave (and a margin): growing by doubling
     * would copy the arrays again and again */
    const fdi_ingest_stats *st = &a->frame->stats;
    const double margin = 1.25; /* reserved over the estimate */
    double est_per_byte = pos ? (double)(st->observations + st->cells_missing + 1) / (double)pos
                              : 0.0,
           obs_per_byte = margin * est_per_byte;
    size_t cuts[MAX_PARTS + 1];
    cut_at_lines(data, pos, size, n, cuts);
    /* the first part is a's own; the others get readers, and a's frame is
     * made at once for all it will hold, as the parts' */
    if ((np = make_parts(a, data, size, cuts, n, mapped, obs_per_byte, parts)) == 0 ||
        fdi__frame_reserve(a->frame, a->frame->nobs + (size_t)((double)body * obs_per_byte)) != 0) {
        free_parts(parts, np);
        return 0;
    }
    /* Read whole, the file's observations land in fresh memory, whose
     * pages cost less made present in one call than faulted in one by one
     * (populate.h): each reader does its own frame, as far as
     * the estimate goes (fdi__frame_merge does where the part goes).  Not
     * with a window, where the estimate says nothing of how many rows
     * fall inside. */
    size_t fill_a = 0, took;
    if (!a->o->window) {
        fill_a = (size_t)((double)(cuts[1] - pos) * est_per_byte);
        for (size_t i = 0; i < np; i++)
            parts[i].fill_obs = (size_t)((double)parts[i].len * est_per_byte);
    }
    int quoted = read_on_two_threads(a, data, pos, cuts[1], size, mapped, parts, np, fill_a,
                                     &took);
    *resume = quoted ? pos + took : size;
    if (!quoted)
        merge_parts(a, data, parts, np, resume);
    free_parts(parts, np);
    return 1;
}

/* Text in memory, on one thread or two (see above). */
static fdi_status run_plain(const fdi_ingest_options *opts, const char *name,
                            const char *data, size_t size, int threads, int mapped,
                            fdi_frame **out, fdi_error *err)
{
    reader a;
    *out = NULL;
    if (err)
        memset(err, 0, sizeof *err);
    if (reader_init(&a, opts, name, err) != FDI_OK)
        return FDI_ENOMEM;
    size_t n = size < CHUNK ? size : CHUNK;
    size_t pos = (size_t)(first_chunk(&a, data, &n) - data);
    /* libcsv up to the decided layout, a line at a time, so that it stops
     * between two records */
    while (a.status == FDI_OK && !a.streaming && pos < size) {
        const char *nl = fdi__line_end(data + pos, size - pos, 1);
        size_t take = nl ? (size_t)(nl - (data + pos)) + 1 : size - pos;
        feed(&a, data + pos, take);
        pos += take;
    }
    int between = a.status == FDI_OK && a.streaming && a.csv.pstate == 0;
    size_t resume = pos;
    if (between && threads > 1 && a.frame && a.frame->freq && size - pos >= PARALLEL_MIN &&
        read_parts(&a, data, pos, size, mapped, &resume)) {
        /* read; libcsv goes on from resume */
    } else if (between) {
        resume = pos + feed_plain(&a, data + pos, size - pos, mapped, 1, pos, size);
    }
    if (a.status == FDI_OK && resume < size) { /* libcsv reads what is left */
        a.at_line_start = 1;
        feed_chunks(&a, data + resume, size - resume, resume, size);
    }
    finish(&a);
    if (opts->progress)
        opts->progress(opts->progress_ctx, size, size);
    return conclude(&a, size, out);
}

static int threads_for(const fdi_ingest_options *o)
{
    return o->threads == 1 ? 1 : 2;
}

typedef struct {
    const char *data;
    size_t len, pos;
} mem_src;

static size_t read_mem(void *ctx, char *buf, size_t cap)
{
    mem_src *m = ctx;
    size_t n = m->len - m->pos < cap ? m->len - m->pos : cap;
    memcpy(buf, m->data + m->pos, n);
    m->pos += n;
    return n;
}

static size_t read_file(void *ctx, char *buf, size_t cap)
{
    FILE *fp = ctx;
    size_t n = fread(buf, 1, cap, fp);
    if (n == 0 && ferror(fp))
        errno = EIO;
    return n;
}

/* What the rejected rows of a read frame make of the call (ingest.h,
 * fdi_ingest_options.lenient): FDI_OK, or FDI_EPARSE with the first
 * rejections as file:line:column and the count of the rest, the frame
 * destroyed. */
static fdi_status verdict(const fdi_ingest_options *o, const char *path, fdi_frame **out,
                          fdi_error *err)
{
    const fdi_ingest_stats *s = fdi_frame_stats(*out);
    int none_used = s->rows_rejected && !s->rows_used;
    if (!s->rows_rejected || o->lenient == FDI_REPORT_ALL || (o->lenient && !none_used))
        return FDI_OK;
    char msg[sizeof err->message];
    size_t at = 0, shown = fdi_frame_nrejections(*out);
    shown = shown < FDI_STRICT_SHOWN ? shown : FDI_STRICT_SHOWN;
    at += (size_t)snprintf(msg, sizeof msg,
                           none_used ? "every row was rejected (%zu of %zu)%s; the first:"
                                     : "%zu of %zu rows rejected%s; the first:",
                           s->rows_rejected, s->rows_read,
                           o->lenient || none_used ? "" : " (--lenient reads on without them)");
    for (size_t i = 0; i < shown && at < sizeof msg; i++) {
        const fdi_rejection *r = fdi_frame_rejection(*out, i);
        char where[48];
        if (r->column)
            snprintf(where, sizeof where, ":%zu:%zu", r->line, r->column);
        else
            snprintf(where, sizeof where, ":%zu", r->line);
        at += (size_t)snprintf(msg + at, sizeof msg - at, "\n  %.200s%s: %s", path, where,
                               r->message);
    }
    if (at < sizeof msg && s->rows_rejected > shown)
        snprintf(msg + at, sizeof msg - at, "\n  and %zu more (fdi info %.200s lists them all)",
                 s->rows_rejected - shown, path);
    fdi_frame_destroy(*out);
    *out = NULL;
    return fdi_error_set(err, FDI_EPARSE, path, 0, 0, "%s", msg);
}

/* Text in another encoding than UTF-8 (--encoding): converted, then read
 * as a buffer in UTF-8. */
static fdi_status ingest_transcoded(const char *data, size_t len, const char *name,
                                    const fdi_ingest_options *opts, fdi_frame **out,
                                    fdi_error *err)
{
    char *utf8;
    size_t n;
    fdi_ingest_options o = *opts;
    fdi_status st = fdi__transcode(o.encoding, name, data, len, &utf8, &n, err);
    if (st != FDI_OK)
        return st;
    o.encoding = NULL;
    st = fdi_ingest_buffer(utf8, n, name, &o, out, err);
    free(utf8);
    return st;
}

/* Whether opts asks for text to be converted; an unknown name is
 * FDI_EUSAGE in *st. */
static int needs_transcoding(const fdi_ingest_options *opts, fdi_status *st, fdi_error *err)
{
    const char *to = NULL;
    *st = FDI_OK;
    if (!opts->encoding)
        return 0;
    if (!fdi__encoding_find(opts->encoding, &to))
        *st = fdi_error_set(err, FDI_EUSAGE, NULL, 0, 0,
                            "--encoding takes latin1, cp1258 or utf-8, not \"%s\"",
                            opts->encoding);
    return to != NULL;
}

fdi_status fdi_ingest_buffer(const char *data, size_t len, const char *name,
                             const fdi_ingest_options *opts, fdi_frame **out,
                             fdi_error *err)
{
    fdi_ingest_options def = fdi_ingest_options_default();
    mem_src m = {data, len, 0};
    fdi_status enc_st;
    if (!opts)
        opts = &def;
    name = name ? name : "(buffer)";
    *out = NULL;
    if (needs_transcoding(opts, &enc_st, err))
        return ingest_transcoded(data, len, name, opts, out, err);
    if (enc_st != FDI_OK)
        return enc_st;
    errno = 0;
    fdi_status st = !fdi__ingest_test_switches.libcsv_only && len
                        ? run_plain(opts, name, data, len, threads_for(opts), 0, out, err)
                        : run(opts, name, read_mem, &m, len, out, err);
    return st == FDI_OK ? verdict(opts, name, out, err) : st;
}

/* The whole file mapped, to be split in place; NULL when it cannot be
 * (standard input, a pipe, the libcsv_only test switch). */
static char *map_plain(FILE *fp, size_t size)
{
    if (fdi__ingest_test_switches.libcsv_only || size == 0)
        return NULL;
    void *m = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fileno(fp), 0);
    return m == MAP_FAILED ? NULL : m;
}

/* --encoding on a file: its text (mapped, or read whole), converted. */
static fdi_status transcode_file(const fdi_ingest_options *opts, const char *path, FILE *fp,
                                 const char *whole, size_t size, fdi_frame **out, fdi_error *err)
{
    if (whole)
        return ingest_transcoded(whole, size, path, opts, out, err);
    size_t n = 0, cap = 0;
    char *buf = NULL;
    for (;;) {
        if (n == cap && grow((void **)&buf, &cap, n + CHUNK, 1) != 0) {
            free(buf);
            return fdi_error_set(err, FDI_ENOMEM, path, 0, 0, "out of memory");
        }
        size_t got = fread(buf + n, 1, cap - n, fp);
        n += got;
        if (got == 0)
            break;
    }
    fdi_status st = ferror(fp) ? fdi_error_set(err, FDI_EIO, path, 0, 0, "read error")
                               : ingest_transcoded(buf ? buf : "", n, path, opts, out, err);
    free(buf);
    return st;
}

fdi_status fdi_ingest_csv(const fdi_ingest_options *opts, fdi_frame **out,
                          fdi_error *err)
{
    fdi_ingest_options def = fdi_ingest_options_default();
    if (!opts)
        opts = &def;
    const char *path = opts->path ? opts->path : "-";
    int is_stdin = strcmp(path, "-") == 0;
    FILE *fp = is_stdin ? stdin : fopen(path, "rb");
    fdi_status st;
    *out = NULL;
    if (!fp)
        return fdi_error_set(err, FDI_EIO, path, 0, 0, "cannot open: %s",
                             strerror(errno));
    struct stat sb;
    if (!is_stdin && fstat(fileno(fp), &sb) == 0 && S_ISDIR(sb.st_mode)) {
        fclose(fp); /* fopen opens a directory; reading it fails as "empty" */
        return fdi_error_set(err, FDI_EIO, path, 0, 0,
                             "is a directory: give one of the CSV files in it");
    }
    errno = 0;
    size_t size = 0;
    if (!is_stdin && fseek(fp, 0, SEEK_END) == 0) {
        long end = ftell(fp);
        size = end > 0 ? (size_t)end : 0;
        rewind(fp);
    }
    char *whole = is_stdin ? NULL : map_plain(fp, size);
    fdi_status enc_st;
    if (needs_transcoding(opts, &enc_st, err) || enc_st != FDI_OK) {
        st = enc_st != FDI_OK ? enc_st : transcode_file(opts, path, fp, whole, size, out, err);
        if (whole)
            munmap(whole, size);
        if (!is_stdin)
            fclose(fp);
        return st;
    }
    if (whole) {
        st = run_plain(opts, path, whole, size, threads_for(opts), 1, out, err);
        munmap(whole, size);
    } else {
        st = run(opts, path, read_file, fp, size, out, err);
    }
    if (st == FDI_OK && ferror(fp)) {
        fdi_frame_destroy(*out);
        *out = NULL;
        st = fdi_error_set(err, FDI_EIO, path, 0, 0, "read error");
    }
    if (!is_stdin)
        fclose(fp);
    return st == FDI_OK ? verdict(opts, path, out, err) : st;
}
