/* shard_internal.h - which series this process computes, and the gather of
 * every process's results to rank 0 (fdi/shard.h), for the per-series
 * loops of forecast, backtest and what-if. */
#ifndef FDI_SHARD_INTERNAL_H
#define FDI_SHARD_INTERNAL_H

#include "fdi/ask.h"

typedef struct {
    const fdi_shard *sh;  /* NULL: not sharded (one process, or nranks 1) */
    size_t S, unit;       /* series, series per unit */
    int *owner;           /* per unit: its rank (NULL when not sharded) */
    unsigned char *buf;   /* this rank's records, for rank 0 */
    size_t len, cap;
    size_t fail_s;        /* the series this rank failed at (SIZE_MAX: none) */
} fdi__shard;

/* Assign units of `unit` consecutive series of p, weighted by their
 * observed periods through row last.  sh NULL or of one rank: every series
 * here.  FDI_ENOMEM. */
fdi_status fdi__shard_begin(fdi__shard *x, const fdi_shard *sh, const fdi_panel *p, long last,
                            size_t unit, fdi_error *err);
void fdi__shard_end(fdi__shard *x);
/* Series s is computed by this process. */
int fdi__shard_mine(const fdi__shard *x, size_t s);
/* This process builds the answer (rank 0, or not sharded). */
int fdi__shard_root(const fdi__shard *x);
/* Several processes share the work. */
int fdi__shard_on(const fdi__shard *x);

/* Append the record of series (or unit) s: bytes a (alen) then b (blen). */
fdi_status fdi__shard_put(fdi__shard *x, size_t s, const void *a, size_t alen, const void *b,
                          size_t blen, fdi_error *err);

/* Rank 0 takes one record of another rank. */
typedef fdi_status (*fdi__shard_take)(void *ctx, size_t s, const unsigned char *a, size_t alen,
                                      const unsigned char *b, size_t blen, fdi_error *err);

/* Collective (every rank, once): send this rank's status st (with *err
 * when it failed, and x->fail_s) and records.  On rank 0: take() for
 * every record of the other ranks, then the run's status: the failure of
 * the lowest series (else of the lowest rank), in *err; FDI_OK when every
 * rank succeeded.  Elsewhere: st.  Not sharded: st, nothing sent. */
fdi_status fdi__shard_gather(fdi__shard *x, fdi_status st, fdi__shard_take take, void *ctx,
                             fdi_error *err);

/* The answer of a rank other than 0: an empty table in *out. */
fdi_status fdi__shard_not_root(fdi_table **out, fdi_error *err);

#endif
