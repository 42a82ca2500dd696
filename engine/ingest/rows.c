/* rows.c - one record into observations: the fast lane for the usual row
 * of a cube, else every check (fields, period, window, values), the row's
 * entry in the combos table and its values pushed to the frame. */
#include "ingest/reader.h"
#include "ingest/test_switches.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int fdi__record_all_empty(const fdi__record *rec)
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

static int scratch(reader *r, size_t need)
{
    size_t c1 = r->s_cap, c2 = r->s_cap, c3 = r->s_cap, c4 = r->s_cap;
    if (need <= r->s_cap)
        return 0;
    if (fdi__reader_grow((void **)&r->s_period, &c1, need, sizeof *r->s_period) ||
        fdi__reader_grow((void **)&r->s_measure, &c2, need, sizeof *r->s_measure) ||
        fdi__reader_grow((void **)&r->s_value, &c3, need, sizeof *r->s_value) ||
        fdi__reader_grow((void **)&r->s_col, &c4, need, sizeof *r->s_col))
        return -1;
    r->s_cap = c1;
    return 0;
}

static const char *freq_name(int freq)
{
    return freq == 1 ? "annual" : freq == 4 ? "quarterly" : "monthly";
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
        if (pr != FDI_PARSE_OK || sids[k] == UINT32_MAX) {
            f->nobs = start;
            return 0;
        }
        int32_t period = lay->roles[c] == FDI__ROLE_PERIOD_VALUE ? lay->col_period[c]
                                                                 : r->ok_period_value;
        if (fdi__frame_push(f, sids[k], period, v * r->o->scale, line) != 0) {
            fdi__reader_nomem(r);
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
    fdi__reader_reject(r, rec, SIZE_MAX, why, 0);
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
            fdi__reader_reject(r, rec, c, "empty period: expected a date such as 2019-06", 0);
            return 0;
        }
        if (cell.pr == FDI_PARSE_INVALID) {
            fdi__reader_reject(r, rec, c, cell.why, 1);
            return 0;
        }
        if (cell.period - period_span(cell.freq) > r->o->latest) {
            char msg[160], now[16];
            fdi_period_format(r->o->latest, 12, now, sizeof now);
            snprintf(msg, sizeof msg, "a period in the future (after %s); a typo "
                     "in the year? (--allow-future reads it)", now);
            fdi__reader_reject(r, rec, c, msg, 1);
            return 0;
        }
        if (!f->freq)
            f->freq = cell.freq;
        if (cell.freq != f->freq) {
            char msg[120];
            snprintf(msg, sizeof msg, "a %s period in %s data", freq_name(cell.freq),
                     freq_name(f->freq));
            fdi__reader_reject(r, rec, c, msg, 1);
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
    fdi__reader_reject(r, rec, badcol, why, 1);
}

/* The row's values into the scratch arrays (value, period, measure, value column);
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
        r->s_col[nval] = (uint32_t)k; /* (its place among the value columns) */
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
        const char *kb = fdi__reader_key_bytes(r, rec, &kn);
        if (!kb) {
            fdi__reader_nomem(r);
            return NULL;
        }
        e = fdi__dict_find(&r->combos, kb, kn);
        d = e >= 0 ? r->combo_data + (size_t)e * r->combo_stride
                   : fdi__reader_new_combo(r, rec, kb, kn, &e);
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
void fdi__reader_row(reader *r, const fdi__record *rec)
{
    if (fast_row(r, rec))
        return;
    fdi_frame *f = r->frame;
    const fdi__layout *lay = &r->lay;
    int32_t period = 0;
    size_t nval;
    uint32_t *d;

    if (fdi__record_all_empty(rec)) {
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
        fdi__reader_nomem(r);
        return;
    }
    if (!row_period(r, rec, &pc, &period) || (nval = row_values(r, rec, period)) == SIZE_MAX ||
        !(d = row_combo(r, rec)))
        return;
    if (!push_values(r, rec, d, nval)) {
        fdi__reader_nomem(r);
        return;
    }
    f->stats.observations += nval;
    f->stats.rows_used++;
    keep_period(r, rec, period);
}

