#ifndef CMPI_SHIM_H
#define CMPI_SHIM_H

/* The Open MPI system-library module (Debian libopenmpi-dev, pkg-config ompi-c), built only with
   the package trait MPI (swift build --traits default,MPI). Open MPI's handles (MPI_COMM_WORLD,
   MPI_BYTE, ...) are macros over addresses of C globals, which Swift cannot import, so they are
   reached through the accessors below. */
#include <mpi.h>

static inline MPI_Comm cmpi_comm_world(void) { return MPI_COMM_WORLD; }
static inline MPI_Datatype cmpi_byte(void) { return MPI_BYTE; }
static inline MPI_Datatype cmpi_int64(void) { return MPI_INT64_T; }
static inline int cmpi_any_source(void) { return MPI_ANY_SOURCE; }
static inline int cmpi_any_tag(void) { return MPI_ANY_TAG; }
static inline int cmpi_thread_funneled(void) { return MPI_THREAD_FUNNELED; }

#endif
