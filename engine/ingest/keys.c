/* keys.c - the key cells of a combination of keys met for the first time:
 * checked (not empty, not too long, UTF-8, no control byte), normalised to
 * Unicode NFC and interned into the frame's dictionaries, and the entry of
 * the combos table (reader.h) that the rows repeating them find. */
#include "ingest/reader.h"

#include <utf8proc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The row's key cells as the combos table keys them (see reader); NULL
 * when out of memory. */
const char *fdi__reader_key_bytes(reader *r, const fdi__record *rec, size_t *n)
{
    const fdi__layout *lay = &r->lay;
    size_t need = 0, at = 0;
    for (size_t k = 0; k < lay->nkey_cols; k++)
        need += 4 + rec->len[lay->key_cols[k]];
    if (fdi__reader_grow((void **)&r->kbuf, &r->kbcap, need + 1, 1) != 0)
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
uint32_t *fdi__reader_new_combo(reader *r, const fdi__record *rec, const char *kb, size_t kn,
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
            fdi__reader_reject(r, rec, c, "empty measure name", 0);
            return NULL;
        }
        char why[160];
        int ascii;
        const char *problem = key_problem(s, l, why, sizeof why, &ascii);
        if (problem) {
            fdi__reader_reject(r, rec, c, problem, 0);
            return NULL;
        }
        code = intern_key(&f->dicts[role == FDI__ROLE_KEY ? lay->key_dim[c] : lay->nkeys], s, l,
                          ascii);
        if (code < 0) {
            fdi__reader_nomem(r);
            return NULL;
        }
        if (role == FDI__ROLE_KEY)
            r->tuple[lay->key_dim[c]] = (uint32_t)code;
        else
            measure = (uint32_t)code;
    }
    int64_t e = fdi__dict_intern(&r->combos, kb, kn);
    r->combo_stride = w + lay->nvalue_cols;
    size_t next_cap = r->combo_next_cap;
    if (e < 0 || fdi__reader_grow((void **)&r->combo_data, &r->combo_cap,
                      ((size_t)e + 1) * r->combo_stride, sizeof *r->combo_data) != 0 ||
        fdi__reader_grow((void **)&r->combo_next, &r->combo_next_cap, (size_t)e + 1,
             sizeof *r->combo_next) != 0) {
        fdi__reader_nomem(r);
        return NULL;
    }
    for (size_t i = next_cap; i < r->combo_next_cap; i++)
        r->combo_next[i] = UINT32_MAX;
    *entry = e;
    uint32_t *d = r->combo_data + (size_t)e * r->combo_stride;
    memcpy(d, r->tuple, lay->nkeys * sizeof *d);
    d[lay->nkeys] = measure;
    for (size_t k = 0; k < lay->nvalue_cols; k++)
        d[w + k] = UINT32_MAX;
    return d;
}

