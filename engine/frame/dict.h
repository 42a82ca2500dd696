/* dict.h (internal) - string interning: each distinct string gets a dense
 * code 0, 1, 2, ... in order of first appearance.  Open addressing with
 * linear probing over multiply-xor hashes; strings live in one growing arena, so
 * interning allocates only when a table or the arena grows. */
#ifndef FDI_DICT_H
#define FDI_DICT_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint32_t *slots;   /* code+1, 0 = empty */
    size_t nslots;     /* power of two */
    size_t *offsets;   /* code -> offset in arena */
    uint32_t *lengths; /* code -> length */
    uint32_t *hashes;  /* code -> hash */
    size_t count, cap;
    char *arena;
    size_t used, arena_cap;
} fdi__dict;

void fdi__dict_init(fdi__dict *d);
void fdi__dict_free(fdi__dict *d);
/* Code of s[0..len) (added when new); -1 on allocation failure. */
int64_t fdi__dict_intern(fdi__dict *d, const char *s, size_t len);
/* Code of s, or -1 when absent.  Never allocates. */
int64_t fdi__dict_find(const fdi__dict *d, const char *s, size_t len);
/* NUL-terminated string of a code; borrowed, valid until the next intern. */
const char *fdi__dict_str(const fdi__dict *d, uint32_t code);

/* Same scheme for fixed-width tuples of uint32 (series keys). */
typedef struct {
    uint32_t *slots; /* id+1 */
    size_t nslots;
    uint32_t *tuples; /* count * width */
    size_t width, count, cap;
} fdi__tuplemap;

void fdi__tuplemap_init(fdi__tuplemap *m, size_t width);
void fdi__tuplemap_free(fdi__tuplemap *m);
int64_t fdi__tuplemap_intern(fdi__tuplemap *m, const uint32_t *tuple);

#endif
