// The MPI runner of `accord sweep`: under mpirun (when accord was built with OpenMPI) the ranks
// share the design points as --shard would, and rank 0 writes the result files. Outside mpirun,
// or in a build without MPI, there is one rank.
#pragma once

namespace accord::app {

// Initialises MPI when the process was started by mpirun; finalises on destruction.
class MpiSession {
public:
    MpiSession(int& argc, char**& argv);
    ~MpiSession();
    MpiSession(const MpiSession&) = delete;
    MpiSession& operator=(const MpiSession&) = delete;
};

int mpi_rank();
int mpi_size();
// The largest of every rank's value (every rank gets it).
int mpi_max(int value);
void mpi_barrier();

}  // namespace accord::app
