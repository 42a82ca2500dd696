/* dict.c - string and tuple interning (see dict.h). */
#include "frame/dict.h"

#include <stdlib.h>
#include <string.h>

/* A multiply-xor hash over 8-byte words (the tail zero-padded): a few
 * multiplications for a key like "Hai Phong", where a byte-at-a-time hash
 * is a chain of one per byte.  Interning sees every key cell of a file. */
static uint32_t hash_bytes(const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t h = 0x9E3779B97F4A7C15u ^ len, w;
    for (; len >= 8; p += 8, len -= 8) {
        memcpy(&w, p, 8);
        h = (h ^ w) * 0xBF58476D1CE4E5B9u;
        h ^= h >> 31;
    }
    if (len) {
        w = 0;
        memcpy(&w, p, len);
        h = (h ^ w) * 0xBF58476D1CE4E5B9u;
        h ^= h >> 31;
    }
    h *= 0x94D049BB133111EBu;
    return (uint32_t)(h >> 32);
}

void fdi__dict_init(fdi__dict *d)
{
    memset(d, 0, sizeof *d);
}

void fdi__dict_free(fdi__dict *d)
{
    if (!d)
        return;
    free(d->slots);
    free(d->offsets);
    free(d->lengths);
    free(d->hashes);
    free(d->arena);
    memset(d, 0, sizeof *d);
}

static int dict_rehash(fdi__dict *d, size_t nslots)
{
    uint32_t *slots = calloc(nslots, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t c = 0; c < d->count; c++) {
        size_t i = d->hashes[c] & (nslots - 1);
        while (slots[i])
            i = (i + 1) & (nslots - 1);
        slots[i] = (uint32_t)(c + 1);
    }
    free(d->slots);
    d->slots = slots;
    d->nslots = nslots;
    return 0;
}

int64_t fdi__dict_find(const fdi__dict *d, const char *s, size_t len)
{
    uint32_t h;
    size_t i;
    if (!d->nslots)
        return -1;
    h = hash_bytes(s, len);
    for (i = h & (d->nslots - 1); d->slots[i]; i = (i + 1) & (d->nslots - 1)) {
        uint32_t c = d->slots[i] - 1;
        if (d->hashes[c] == h && d->lengths[c] == len &&
            memcmp(d->arena + d->offsets[c], s, len) == 0)
            return c;
    }
    return -1;
}

int64_t fdi__dict_intern(fdi__dict *d, const char *s, size_t len)
{
    int64_t found = fdi__dict_find(d, s, len);
    uint32_t h;
    size_t i;
    if (found >= 0)
        return found;
    if (len > UINT32_MAX - 1 || d->count >= UINT32_MAX - 1)
        return -1;
    if ((d->count + 1) * 2 > d->nslots &&
        dict_rehash(d, d->nslots ? d->nslots * 2 : 64) != 0)
        return -1;
    if (d->count == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 32;
        size_t *off = realloc(d->offsets, cap * sizeof *off);
        if (!off)
            return -1;
        d->offsets = off;
        uint32_t *ln = realloc(d->lengths, cap * sizeof *ln);
        if (!ln)
            return -1;
        d->lengths = ln;
        uint32_t *hs = realloc(d->hashes, cap * sizeof *hs);
        if (!hs)
            return -1;
        d->hashes = hs;
        d->cap = cap;
    }
    if (d->used + len + 1 > d->arena_cap) {
        size_t cap = d->arena_cap ? d->arena_cap : 1024;
        while (cap < d->used + len + 1)
            cap *= 2;
        char *a = realloc(d->arena, cap);
        if (!a)
            return -1;
        d->arena = a;
        d->arena_cap = cap;
    }
    h = hash_bytes(s, len);
    memcpy(d->arena + d->used, s, len);
    d->arena[d->used + len] = '\0';
    d->offsets[d->count] = d->used;
    d->lengths[d->count] = (uint32_t)len;
    d->hashes[d->count] = h;
    d->used += len + 1;
    for (i = h & (d->nslots - 1); d->slots[i]; i = (i + 1) & (d->nslots - 1))
        ;
    d->slots[i] = (uint32_t)(d->count + 1);
    return (int64_t)d->count++;
}

const char *fdi__dict_str(const fdi__dict *d, uint32_t code)
{
    return code < d->count ? d->arena + d->offsets[code] : "";
}

void fdi__tuplemap_init(fdi__tuplemap *m, size_t width)
{
    memset(m, 0, sizeof *m);
    m->width = width;
}

void fdi__tuplemap_free(fdi__tuplemap *m)
{
    if (!m)
        return;
    free(m->slots);
    free(m->tuples);
    m->slots = NULL;
    m->tuples = NULL;
    m->count = m->cap = m->nslots = 0;
}

static uint32_t tuple_hash(const fdi__tuplemap *m, const uint32_t *t)
{
    return hash_bytes(t, m->width * sizeof *t);
}

static int tuple_rehash(fdi__tuplemap *m, size_t nslots)
{
    uint32_t *slots = calloc(nslots, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t c = 0; c < m->count; c++) {
        size_t i = tuple_hash(m, m->tuples + c * m->width) & (nslots - 1);
        while (slots[i])
            i = (i + 1) & (nslots - 1);
        slots[i] = (uint32_t)(c + 1);
    }
    free(m->slots);
    m->slots = slots;
    m->nslots = nslots;
    return 0;
}

int64_t fdi__tuplemap_intern(fdi__tuplemap *m, const uint32_t *tuple)
{
    size_t bytes = m->width * sizeof *tuple, i;
    if (m->nslots) {
        for (i = tuple_hash(m, tuple) & (m->nslots - 1); m->slots[i];
             i = (i + 1) & (m->nslots - 1)) {
            uint32_t c = m->slots[i] - 1;
            const uint32_t *t = m->tuples + (size_t)c * m->width;
            size_t k = 0;
            while (k < m->width && t[k] == tuple[k]) /* short: no memcmp call */
                k++;
            if (k == m->width)
                return c;
        }
    }
    if ((m->count + 1) * 2 > m->nslots &&
        tuple_rehash(m, m->nslots ? m->nslots * 2 : 64) != 0)
        return -1;
    if (m->count == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 32;
        uint32_t *t = realloc(m->tuples, cap * (bytes ? bytes : 1));
        if (!t)
            return -1;
        m->tuples = t;
        m->cap = cap;
    }
    if (bytes)
        memcpy(m->tuples + m->count * m->width, tuple, bytes);
    for (i = tuple_hash(m, tuple) & (m->nslots - 1); m->slots[i];
         i = (i + 1) & (m->nslots - 1))
        ;
    m->slots[i] = (uint32_t)(m->count + 1);
    return (int64_t)m->count++;
}
