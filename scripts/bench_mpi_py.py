"""Python flacarray 0.4.1 + mpi4py: the group format written and read through rank 0 (the
way it works with a serial h5py), on the same rows as benches/mpi_io.rs. Run under mpirun
by scripts/bench_mpi.py; rank 0 prints one JSON line per case.
Usage: mpirun -n N python bench_mpi_py.py DIR [REPEATS]
"""
import json
import os
import sys
import time

import h5py
import numpy as np
from mpi4py import MPI

from flacarray.hdf5 import read_array, write_array

comm = MPI.COMM_WORLD
rank, size = comm.rank, comm.size
DIR = sys.argv[1]
REPEATS = int(sys.argv[2]) if len(sys.argv) > 2 else 3
QUANTA = 1e-3

data = np.load(os.path.join(DIR, "mpi_f64.npy"), mmap_mode="r")
rows = data.shape[0]
bounds = np.cumsum([0] + [len(x) for x in np.array_split(np.arange(rows), size)])
local = np.array(data[bounds[rank] : bounds[rank + 1]])
del data
path = os.path.join(DIR, f"py_gather_n{size}.h5")


def timed(fn):
    comm.barrier()
    t0 = time.perf_counter()
    fn()
    return comm.allreduce(time.perf_counter() - t0, op=MPI.MAX)


def write():
    if rank == 0:
        with h5py.File(path, "w") as f:
            write_array(local, f, quanta=QUANTA, mpi_comm=comm)
    else:
        write_array(local, None, quanta=QUANTA, mpi_comm=comm)


got = None


def read():
    global got
    if rank == 0:
        with h5py.File(path, "r") as f:
            got = read_array(f, mpi_comm=comm)
    else:
        got = read_array(None, mpi_comm=comm)


for op, fn in (("write", write), ("read", read)):
    times = [timed(fn) for _ in range(REPEATS)]
    if op == "read":
        assert got.shape == local.shape and np.max(np.abs(got - local)) <= 0.5 * QUANTA + 1e-9
    if rank == 0:
        print(json.dumps({"impl": "python", "case": "group-gathered", "op": op, "ranks": size,
                          "seconds": times, "raw_bytes": local.nbytes * 0 + rows * local.shape[1] * 8,
                          "file_bytes": os.path.getsize(path)}), flush=True)
