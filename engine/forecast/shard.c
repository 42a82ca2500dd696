/* shard.c - the series of a question shared among processes (fdi/shard.h):
 * a deterministic assignment balanced by history length (the longest
 * processing time rule: the heaviest unit first, to the least loaded
 * rank), and the gather of every rank's records and status to rank 0.
 *
 * A rank's bytes: its status (u32), the series it failed at (u64), the
 * message (u64 length, bytes), then per record: series (u64), the two
 * parts' lengths (u64 each) and the parts.  Every process runs the same
 * binary, so a record's structs travel as their bytes. */
#include "forecast/shard_internal.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    size_t unit;
    size_t weight;
} unit_weight;

static int heavier_first(const void *a, const void *b)
{
    const unit_weight *x = a, *y = b;
    if (x->weight != y->weight)
        return x->weight > y->weight ? -1 : 1;
    return x->unit < y->unit ? -1 : x->unit > y->unit;
}

/* w[u]: observed periods of unit u's series through row last. */
static void unit_weights(const fdi_panel *p, long last, size_t unit, size_t nunits,
                         unit_weight *w)
{
    size_t S = fdi_panel_nseries(p);
    for (size_t u = 0; u < nunits; u++) {
        w[u].unit = u;
        w[u].weight = 0;
    }
    for (long t = 0; t <= last; t++) {
        const double *v = fdi_panel_flow(p, (size_t)t);
        for (size_t s = 0; s < S; s++)
            w[s / unit].weight += isnan(v[s]) ? 0u : 1u;
    }
}

static int least_loaded(const size_t *load, int n)
{
    int best = 0;
    for (int r = 1; r < n; r++)
        if (load[r] < load[best])
            best = r;
    return best;
}

fdi_status fdi__shard_begin(fdi__shard *x, const fdi_shard *sh, const fdi_panel *p, long last,
                            size_t unit, fdi_error *err)
{
    memset(x, 0, sizeof *x);
    x->S = fdi_panel_nseries(p);
    x->unit = unit ? unit : 1;
    x->fail_s = SIZE_MAX;
    if (!sh || sh->nranks <= 1)
        return FDI_OK;
    size_t nunits = (x->S + x->unit - 1) / x->unit;
    unit_weight *w = malloc((nunits ? nunits : 1) * sizeof *w);
    size_t *load = calloc((size_t)sh->nranks, sizeof *load);
    x->owner = malloc((nunits ? nunits : 1) * sizeof *x->owner);
    if (!w || !load || !x->owner) {
        free(w);
        free(load);
        fdi__shard_end(x);
        return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
    }
    unit_weights(p, last, x->unit, nunits, w);
    qsort(w, nunits, sizeof *w, heavier_first);
    for (size_t i = 0; i < nunits; i++) {
        int r = least_loaded(load, sh->nranks);
        x->owner[w[i].unit] = r;
        load[r] += w[i].weight + 1; /* + 1: an empty series still costs */
    }
    free(w);
    free(load);
    x->sh = sh;
    return FDI_OK;
}

void fdi__shard_end(fdi__shard *x)
{
    free(x->owner);
    free(x->buf);
    x->owner = NULL;
    x->buf = NULL;
}

int fdi__shard_mine(const fdi__shard *x, size_t s)
{
    return !x->sh || x->owner[s / x->unit] == x->sh->rank;
}

int fdi__shard_root(const fdi__shard *x) { return !x->sh || x->sh->rank == 0; }

int fdi__shard_on(const fdi__shard *x) { return x->sh != NULL; }

static int grow(fdi__shard *x, size_t more)
{
    if (x->len + more <= x->cap)
        return 0;
    size_t cap = x->cap ? x->cap : 4096;
    while (cap < x->len + more)
        cap *= 2;
    unsigned char *b = realloc(x->buf, cap);
    if (!b)
        return -1;
    x->buf = b;
    x->cap = cap;
    return 0;
}

static void put_bytes(fdi__shard *x, const void *a, size_t n)
{
    if (n)
        memcpy(x->buf + x->len, a, n);
    x->len += n;
}

static void put_u64(fdi__shard *x, uint64_t v) { put_bytes(x, &v, sizeof v); }

fdi_status fdi__shard_put(fdi__shard *x, size_t s, const void *a, size_t alen, const void *b,
                          size_t blen, fdi_error *err)
{
    if (grow(x, 3 * sizeof(uint64_t) + alen + blen))
        return fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory for the results");
    put_u64(x, s);
    put_u64(x, alen);
    put_u64(x, blen);
    put_bytes(x, a, alen);
    put_bytes(x, b, blen);
    return FDI_OK;
}

/* A cursor over one rank's bytes. */
typedef struct {
    const unsigned char *at, *end;
} cursor;

static int get_u64(cursor *c, uint64_t *v)
{
    if ((size_t)(c->end - c->at) < sizeof *v)
        return -1;
    memcpy(v, c->at, sizeof *v);
    c->at += sizeof *v;
    return 0;
}

static int get_bytes(cursor *c, uint64_t n, const unsigned char **out)
{
    if ((uint64_t)(c->end - c->at) < n)
        return -1;
    *out = c->at;
    c->at += n;
    return 0;
}

/* This rank's bytes: the status header, then the records. */
static unsigned char *pack(const fdi__shard *x, fdi_status st, const fdi_error *err,
                           size_t *n)
{
    const char *msg = st != FDI_OK && err ? err->message : "";
    size_t mlen = strlen(msg), head = 3 * sizeof(uint64_t) + mlen;
    unsigned char *b = malloc(head + x->len + 1);
    if (!b)
        return NULL;
    uint64_t h[3] = {(uint64_t)st, (uint64_t)(st != FDI_OK ? x->fail_s : SIZE_MAX), mlen};
    memcpy(b, h, sizeof h);
    memcpy(b + sizeof h, msg, mlen);
    if (x->len)
        memcpy(b + head, x->buf, x->len);
    *n = head + x->len;
    return b;
}

/* The failure the run reports so far: status, series, rank, message. */
typedef struct {
    fdi_status st;
    uint64_t s;
    int rank;
} failure;

/* One other rank's bytes: its status into *f when it comes first, its
 * records to take().  -1 when the bytes are not a rank's (a transport
 * fault). */
static int unpack(cursor *c, int rank, failure *f, fdi_error *err, fdi__shard_take take,
                  void *ctx, fdi_status *tst)
{
    uint64_t h[3], s, alen, blen;
    const unsigned char *msg, *a, *b;
    if (get_u64(c, &h[0]) || get_u64(c, &h[1]) || get_u64(c, &h[2]) ||
        get_bytes(c, h[2], &msg))
        return -1;
    if (h[0] != FDI_OK && (f->st == FDI_OK || h[1] < f->s)) {
        f->st = (fdi_status)h[0];
        f->s = h[1];
        f->rank = rank;
        fdi_error_set(err, f->st, NULL, 0, 0, "%.*s", (int)(h[2] < 2000 ? h[2] : 2000),
                      (const char *)msg);
    }
    while (c->at < c->end) {
        if (get_u64(c, &s) || get_u64(c, &alen) || get_u64(c, &blen) ||
            get_bytes(c, alen, &a) || get_bytes(c, blen, &b))
            return -1;
        if (*tst == FDI_OK && f->st == FDI_OK)
            *tst = take(ctx, (size_t)s, a, (size_t)alen, b, (size_t)blen, err);
    }
    return 0;
}

/* Rank 0: every other rank's segment of all. */
static fdi_status unpack_all(const fdi__shard *x, fdi_status st, const unsigned char *all,
                             const size_t *lens, fdi__shard_take take, void *ctx,
                             fdi_error *err)
{
    failure f = {st, st != FDI_OK ? x->fail_s : SIZE_MAX, 0};
    fdi_status tst = FDI_OK;
    for (int r = 0; r < x->sh->nranks; all += lens[r], r++) {
        cursor c = {all, all + lens[r]};
        if (r == x->sh->rank)
            continue;
        if (!lens[r] && f.st == FDI_OK) { /* it had no memory to send */
            f = (failure){FDI_ENOMEM, SIZE_MAX, r};
            fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "rank %d ran out of memory", r);
            continue;
        }
        if (lens[r] && unpack(&c, r, &f, err, take, ctx, &tst) != 0)
            return fdi_error_set(err, FDI_EIO, NULL, 0, 0,
                                 "the results of rank %d arrived damaged", r);
    }
    return f.st != FDI_OK ? f.st : tst;
}

fdi_status fdi__shard_gather(fdi__shard *x, fdi_status st, fdi__shard_take take, void *ctx,
                             fdi_error *err)
{
    if (!x->sh)
        return st;
    size_t n = 0, *lens = calloc((size_t)x->sh->nranks, sizeof *lens);
    unsigned char *mine = pack(x, st, err, &n);
    void *all = NULL;
    int bad = !mine || !lens;
    /* a rank out of memory here still takes part, or the others wait */
    if (bad && st == FDI_OK)
        st = fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory for the results");
    int sent = x->sh->gather(x->sh->ctx, mine ? mine : (const void *)"", mine ? n : 0, &all,
                             lens);
    free(mine);
    if (sent != 0 && st == FDI_OK)
        st = fdi_error_set(err, FDI_EIO, NULL, 0, 0, "the ranks' results could not be gathered");
    else if (x->sh->rank == 0 && !bad && sent == 0)
        st = unpack_all(x, st, all, lens, take, ctx, err);
    free(all);
    free(lens);
    return st;
}

fdi_status fdi__shard_not_root(fdi_table **out, fdi_error *err)
{
    *out = fdi_table_create();
    return *out ? FDI_OK : fdi_error_set(err, FDI_ENOMEM, NULL, 0, 0, "out of memory");
}
