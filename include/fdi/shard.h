/* fdi/shard.h - the per-series work of one question over several processes.
 *
 * fdi_ask_forecast, fdi_ask_backtest and fdi_ask_whatif (scenario tables
 * and sweeps) take an optional shard in fdi_fc_options: nranks processes
 * (MPI ranks) each hold the same panel, make the same call, and each
 * computes only the series the library assigns to it; the results travel
 * to rank 0 through the caller's gather function and rank 0 builds the
 * table a single process builds, byte for byte (every series is simulated
 * from its own generator seeded with fdi_fc_options.seed, so a series'
 * figures do not depend on which process computes it, nor on what else it
 * computes).
 *
 * Assignment (deterministic, every rank computes the same): units of
 * consecutive series (one series for forecast and what-if; for backtest
 * max(1, ceil(S / 1024)) series, whose errors are summed as a unit in one
 * process as in several) weighted by their observed periods up to the
 * as-of period, taken heaviest first (ties: the lower unit), each to the
 * rank with the least weight so far (ties: the lower rank).
 *
 * Faults: a rank whose work fails still calls gather, with its status and
 * message; rank 0 returns the failure of the lowest series that failed
 * (the one a single process stops at, with the same message), else the
 * lowest failing rank's, and never a table.  A rank that cannot reach the
 * gather (it failed before the call) must end the run itself (MPI_Abort):
 * the others wait in gather.
 *
 * On a rank other than 0 the ask call returns FDI_OK with an empty table
 * (no columns): its results went to rank 0, which prints.  --seek is not
 * sharded: every rank computes every series and rank 0's table is the
 * answer.
 */
#ifndef FDI_SHARD_H
#define FDI_SHARD_H

#include <stddef.h>

typedef struct fdi_shard {
    int rank, nranks; /* 0 <= rank < nranks */
    /* Collective: every rank calls it once per question with its bytes
     * (mine, len).  On rank 0, *all receives a malloc'ed buffer (freed by
     * the library) holding every rank's bytes in rank order and lens[r]
     * rank r's length (lens: nranks entries); elsewhere all and lens are
     * untouched.  Returns 0, or -1 when the transport failed. */
    int (*gather)(void *ctx, const void *mine, size_t len, void **all, size_t *lens);
    void *ctx;
} fdi_shard;

#endif
