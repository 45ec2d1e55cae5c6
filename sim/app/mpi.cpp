#include "mpi.hpp"

#include <cstdlib>
#include <initializer_list>

#ifdef ACCORD_HAVE_MPI
#include <mpi.h>
#endif

namespace accord::app {

namespace {
bool active = false;

// mpirun (OpenMPI), srun and other PMI launchers set one of these in every rank.
bool launched_by_mpi() {
    for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"})
        if (std::getenv(name)) return true;
    return false;
}
}  // namespace

#ifdef ACCORD_HAVE_MPI
MpiSession::MpiSession(int& argc, char**& argv) {
    if (launched_by_mpi()) {
        MPI_Init(&argc, &argv);
        active = true;
    }
}
MpiSession::~MpiSession() {
    if (active) MPI_Finalize();
}
int mpi_rank() {
    int rank = 0;
    if (active) MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    return rank;
}
int mpi_size() {
    int size = 1;
    if (active) MPI_Comm_size(MPI_COMM_WORLD, &size);
    return size;
}
int mpi_max(int value) {
    int result = value;
    if (active) MPI_Allreduce(&value, &result, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
    return result;
}
void mpi_barrier() {
    if (active) MPI_Barrier(MPI_COMM_WORLD);
}
#else
MpiSession::MpiSession(int&, char**&) {
    (void)active;
    (void)launched_by_mpi;
}
MpiSession::~MpiSession() = default;
int mpi_rank() {
    return 0;
}
int mpi_size() {
    return 1;
}
int mpi_max(int value) {
    return value;
}
void mpi_barrier() {}
#endif

}  // namespace accord::app
