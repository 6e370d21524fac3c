"""Python flacarray 0.4.1 with mpi4py writes a distributed float64 array (run under mpirun).

Rank 0 opens the file (serial h5py): flacarray gathers the other ranks' streams to it.
Group `fa` holds the array, dataset `raw` the values it was made from.
Usage: mpirun -n 2 python write_mpi_python.py OUT.h5
"""
import sys

import h5py
import numpy as np
from mpi4py import MPI

from flacarray.hdf5 import write_array

comm = MPI.COMM_WORLD
rank, size = comm.rank, comm.size
rows = [4, 3, 2, 5]
mine = rows[rank % len(rows)]
first = sum(rows[q % len(rows)] for q in range(rank))
rng = np.random.default_rng(1234 + rank)
t = np.arange(5000)
local = np.array(
    [100.0 * np.sin(0.003 * (first + r + 1) * t) + rng.normal(0, 1, t.size) for r in range(mine)]
)
everything = comm.gather(local, root=0)
if rank == 0:
    with h5py.File(sys.argv[1], "w") as f:
        f["raw"] = np.concatenate(everything)
        write_array(local, f.create_group("fa"), quanta=1e-3, mpi_comm=comm)
else:
    write_array(local, None, quanta=1e-3, mpi_comm=comm)
comm.barrier()
if rank == 0:
    print(f"python wrote {sys.argv[1]} from {size} ranks")
