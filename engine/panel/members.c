/* members.c - the rows at which a --by group's sum lacks members that
 * had values before (members.h). */
#include "panel/members.h"

#include <stdlib.h>

typedef struct {
    uint32_t group, row, n;
} gap_entry;

/* Append (group, row, n) to *e; nonzero when out of memory. */
static int push(gap_entry **e, size_t *len, size_t *cap, gap_entry x)
{
    if (*len == *cap) {
        size_t c = *cap ? *cap * 2 : 64;
        gap_entry *m = realloc(*e, c * sizeof *m);
        if (!m)
            return -1;
        *e = m;
        *cap = c;
    }
    (*e)[(*len)++] = x;
    return 0;
}

/* The entries, found row by row, into per-group arrays (a counting sort:
 * rows stay ascending within each group). */
static int by_group(const gap_entry *e, size_t len, size_t ngroups, fdi__members_gaps *g)
{
    g->off = calloc(ngroups + 1, sizeof *g->off);
    g->row = malloc((len ? len : 1) * sizeof *g->row);
    g->n = malloc((len ? len : 1) * sizeof *g->n);
    size_t *at = malloc((ngroups ? ngroups : 1) * sizeof *at);
    if (!g->off || !g->row || !g->n || !at) {
        free(at);
        return -1;
    }
    for (size_t i = 0; i < len; i++)
        g->off[e[i].group + 1]++;
    for (size_t k = 0; k < ngroups; k++) {
        g->off[k + 1] += g->off[k];
        at[k] = g->off[k];
    }
    for (size_t i = 0; i < len; i++) {
        size_t k = at[e[i].group]++;
        g->row[k] = e[i].row;
        g->n[k] = e[i].n;
    }
    free(at);
    return 0;
}

int fdi__fine_has_value(const void *ctx, size_t t, size_t c)
{
    const fdi__fine_matrix *m = ctx;
    double x = m->fine[t * m->nfine + c];
    return x == x;
}

int fdi__members_gaps_build(fdi__has_value has, const void *ctx, size_t T, size_t nfine,
                            const uint32_t *group_of, const double *agg, size_t ngroups,
                            fdi__members_gaps *g)
{
    unsigned char *seen = calloc(nfine ? nfine : 1, 1);
    uint32_t *count = calloc(ngroups ? ngroups : 1, sizeof *count);
    uint32_t *touched = malloc((ngroups ? ngroups : 1) * sizeof *touched);
    gap_entry *e = NULL;
    size_t len = 0, cap = 0, nt;
    int fail = !seen || !count || !touched;
    g->ngroups = ngroups;
    for (size_t t = 0; t < T && !fail; t++) {
        nt = 0;
        for (size_t c = 0; c < nfine; c++) {
            uint32_t k = group_of[c];
            if (has(ctx, t, c))
                seen[c] = 1;
            else if (seen[c] && k != UINT32_MAX && count[k]++ == 0)
                touched[nt++] = k;
        }
        for (size_t i = 0; i < nt; i++) {
            uint32_t k = touched[i];
            double v = agg[t * ngroups + k];
            if (!fail && v == v) /* no member with a value: a missing period */
                fail = push(&e, &len, &cap, (gap_entry){k, (uint32_t)t, count[k]});
            count[k] = 0;
        }
    }
    if (!fail)
        fail = by_group(e, len, ngroups, g);
    free(seen);
    free(count);
    free(touched);
    free(e);
    if (fail)
        fdi__members_gaps_free(g);
    return fail ? -1 : 0;
}

void fdi__members_gaps_free(fdi__members_gaps *g)
{
    free(g->off);
    free(g->row);
    free(g->n);
    g->off = NULL;
    g->row = g->n = NULL;
    g->ngroups = 0;
}

size_t fdi__members_gaps_count(const fdi__members_gaps *g, size_t s, size_t lo, size_t hi)
{
    size_t n = 0;
    if (!g->off || s >= g->ngroups)
        return 0;
    for (size_t i = g->off[s]; i < g->off[s + 1] && g->row[i] <= hi; i++)
        if (g->row[i] >= lo)
            n += g->n[i];
    return n;
}
