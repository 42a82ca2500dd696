/* mpi.c - the fdi command under mpirun: every rank reads the input and
 * builds the same panel, the library shares the series of forecast,
 * backtest and whatif among the ranks (fdi/shard.h) and gathers their
 * results to rank 0 through gather() below (MPI_Gather of the lengths,
 * MPI_Gatherv of the bytes, on a communicator of its own); rank 0 prints.
 *
 * Ending a run: after a gather, rank 0's status is the run's (the library
 * brought every rank's failure to it).  A run without a gather (another
 * command, or a failure before it) ends with a non-blocking barrier: when
 * every rank arrives within FDI_MPI_WAIT seconds (default 10) the ranks
 * read the same input and agree, and the worst status is every rank's
 * (a rank that failed alone shows its held-back messages).  When some rank
 * does not arrive it waits in the gather for this one: this rank shows its
 * messages and ends the run with MPI_Abort, so no partial table is
 * printed. */
#define _POSIX_C_SOURCE 200809L /* fileno, dup, nanosleep */
#include "mpi/fdi_mpi.h"

#include <limits.h>
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static struct {
    int rank, size, gathered;
    MPI_Comm comm;     /* the gathers' own communicator */
    FILE *held;        /* rank > 0: its standard error, held back */
    int real_stderr;   /* rank > 0: the descriptor of the real one */
    fdi_shard shard;
} g;

static int gather(void *ctx, const void *mine, size_t len, void **all, size_t *lens)
{
    (void)ctx;
    g.gathered = 1;
    unsigned long long n = len, *ns = NULL;
    int *counts = NULL, *displs = NULL, rc = 0;
    if (g.rank == 0) {
        ns = malloc((size_t)g.size * sizeof *ns);
        counts = malloc((size_t)g.size * sizeof *counts);
        displs = malloc((size_t)g.size * sizeof *displs);
        if (!ns || !counts || !displs) /* the others are waiting: end it */
            MPI_Abort(MPI_COMM_WORLD, 3);
    }
    if (len > INT_MAX)
        n = 0; /* rank 0 reads an empty part as this rank's failure */
    MPI_Gather(&n, 1, MPI_UNSIGNED_LONG_LONG, ns, 1, MPI_UNSIGNED_LONG_LONG, 0, g.comm);
    unsigned long long total = 0;
    for (int r = 0; g.rank == 0 && r < g.size; r++) {
        lens[r] = (size_t)ns[r];
        counts[r] = (int)ns[r];
        displs[r] = (int)total;
        total += ns[r];
        if (total > INT_MAX)
            rc = -1;
    }
    if (g.rank == 0 && (rc != 0 || !(*all = malloc(total ? total : 1))))
        MPI_Abort(MPI_COMM_WORLD, 3); /* more than one gather can carry */
    MPI_Gatherv(mine, (int)n, MPI_BYTE, g.rank == 0 ? *all : NULL, counts, displs, MPI_BYTE, 0,
                g.comm);
    free(ns);
    free(counts);
    free(displs);
    return rc;
}

/* rank > 0: output discarded, messages held back. */
static void hold_back(void)
{
    if (!freopen("/dev/null", "w", stdout))
        return;
    fflush(stderr);
    g.held = tmpfile();
    g.real_stderr = g.held ? dup(STDERR_FILENO) : -1;
    if (g.real_stderr >= 0)
        dup2(fileno(g.held), STDERR_FILENO);
}

/* rank > 0: the held-back messages, each line named by the rank. */
static void show_held(void)
{
    char line[4096];
    if (!g.held || g.real_stderr < 0)
        return;
    fflush(stderr);
    dup2(g.real_stderr, STDERR_FILENO);
    rewind(g.held);
    while (fgets(line, sizeof line, g.held))
        fprintf(stderr, "[rank %d] %s", g.rank, line);
    fflush(stderr);
}

int fdi_mpi_begin(int *argc, char ***argv)
{
    if (MPI_Init(argc, argv) != MPI_SUCCESS)
        return -1;
    MPI_Comm_rank(MPI_COMM_WORLD, &g.rank);
    MPI_Comm_size(MPI_COMM_WORLD, &g.size);
    MPI_Comm_dup(MPI_COMM_WORLD, &g.comm);
    g.real_stderr = -1;
    g.shard = (fdi_shard){g.rank, g.size, gather, NULL};
    if (g.rank > 0)
        hold_back();
    return 0;
}

int fdi_mpi_root(void) { return g.rank == 0; }

const fdi_shard *fdi_mpi_shard(void) { return g.size > 1 ? &g.shard : NULL; }

/* Every rank at the end within the wait: 1; else 0. */
static int all_arrive(void)
{
    const char *w = getenv("FDI_MPI_WAIT");
    double wait = w ? atof(w) : 10.0;
    MPI_Request req;
    int done = 0;
    struct timespec tick = {0, 5000000};
    MPI_Ibarrier(MPI_COMM_WORLD, &req);
    for (double waited = 0; !done && waited < wait; waited += 0.005) {
        MPI_Test(&req, &done, MPI_STATUS_IGNORE);
        if (!done)
            nanosleep(&tick, NULL);
    }
    return done;
}

int fdi_mpi_end(int rc)
{
    if (!g.gathered && g.size > 1) {
        if (!all_arrive()) {
            show_held();
            fprintf(stderr, "fdi: rank %d of %d stopped (exit %d) while others wait for its "
                            "results: the run fails\n", g.rank, g.size, rc ? rc : 3);
            fflush(stderr);
            MPI_Abort(MPI_COMM_WORLD, rc ? rc : 3);
        }
        int worst = rc, root_rc = rc;
        MPI_Allreduce(&rc, &worst, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
        MPI_Bcast(&root_rc, 1, MPI_INT, 0, MPI_COMM_WORLD);
        if (rc != 0 && root_rc == 0) /* it failed alone: its own words */
            show_held();
        rc = worst;
    }
    MPI_Comm_free(&g.comm);
    MPI_Finalize();
    return g.gathered && g.rank > 0 ? 0 : rc;
}
