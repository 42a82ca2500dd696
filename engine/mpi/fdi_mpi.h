/* fdi_mpi.h - the fdi command under Open MPI's mpirun (built with
 * -DFDI_MPI=ON): the ranks, the gather the library's shard calls
 * (fdi/shard.h), and how a run ends.  Not part of libfdi: the library
 * knows only the gather function it is given, and needs no MPI. */
#ifndef FDI_MPI_GLUE_H
#define FDI_MPI_GLUE_H

#include "fdi/shard.h"

/* MPI_Init.  On a rank other than 0 standard output is discarded and
 * standard error held back (rank 0 speaks for the run; a rank's own
 * messages are shown when it fails alone).  0, or -1 when MPI cannot
 * start. */
int fdi_mpi_begin(int *argc, char ***argv);
/* This process prints the answer (rank 0). */
int fdi_mpi_root(void);
/* The shard of this run, or NULL with one rank. */
const fdi_shard *fdi_mpi_shard(void);
/* The exit status of this process for the command's status rc.  After a
 * gather rank 0's rc is the run's.  A rank that failed without reaching
 * the gather, while another waits in it, shows its messages and ends the
 * whole run (MPI_Abort with rc): never a partial table. */
int fdi_mpi_end(int rc);

#endif
