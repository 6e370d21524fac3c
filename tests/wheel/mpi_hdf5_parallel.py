"""h5flac.flacarray's HDF5 transports under mpirun with h5py built for MPI (Debian's
python3-h5py-mpi, which h5py picks under mpirun): a distributed array written through MPI-IO
by every process equals, dataset for dataset, the one rank 0 writes for all; each file reads
back both ways; an empty rank takes part. Run in a virtualenv with the system's packages and
the wheel:

    mpirun -n 3 python mpi_hdf5_parallel.py WORK_DIR
"""

import os
import sys

import h5py
import numpy as np
from mpi4py import MPI

from h5flac.flacarray import FlacArray
from h5flac.flacarray.demo import create_fake_data
from h5flac.flacarray.hdf5 import read_array, write_array
from h5flac.flacarray.hdf5_utils import H5File, have_hdf5_parallel

comm = MPI.COMM_WORLD
rank, size = comm.rank, comm.size
work = sys.argv[1]
failed = 0


def check(cond, what):
    global failed
    if not cond:
        failed += 1
        print(f"FAIL rank {rank}: {what}", flush=True)


check(have_hdf5_parallel(), "h5py is not built for MPI here")
for dt, kw in ((np.int64, {"sigma": None}), (np.float32, {"sigma": 1.0})):
    quanta = 1e-5 if np.dtype(dt).kind == "f" else None
    rows = 0 if size > 1 and rank == size - 1 else 2
    local, dist = create_fake_data((rows, 3, 3000), dtype=dt, comm=comm, **kw)
    par = os.path.join(work, f"par_{np.dtype(dt)}_{size}.h5")
    ser = os.path.join(work, f"ser_{np.dtype(dt)}_{size}.h5")
    with H5File(par, "w", comm=comm) as hf:
        if size > 1:
            check(hf.handle is not None and hf.handle.driver == "mpio", "not an MPI-IO file")
        write_array(local, hf.handle, quanta=quanta, mpi_comm=comm)
    with H5File(ser, "w", comm=comm, force_serial=True) as hf:
        write_array(local, hf.handle, quanta=quanta, mpi_comm=comm)
    comm.barrier()
    if rank == 0:
        with h5py.File(par, "r") as a, h5py.File(ser, "r") as b:
            for ds in b:
                check(np.array_equal(a[ds][()], b[ds][()]), f"{ds} differs")
            for key in b.attrs:
                check(np.array_equal(a.attrs[key], b.attrs[key]), f"attribute {key} differs")
    for path in (par, ser):
        for force in (False, True):
            with H5File(path, "r", comm=comm, force_serial=force) as hf:
                back = read_array(hf.handle, mpi_comm=comm, mpi_dist=dist)
                fa = FlacArray.read_hdf5(hf.handle, mpi_comm=comm, mpi_dist=dist)
            if np.dtype(dt).kind == "i":
                check(np.array_equal(back, local), f"{path} values (serial {force})")
            else:
                check(np.allclose(back, local, atol=1e-5), f"{path} values (serial {force})")
            check(np.array_equal(fa.to_array(), back), f"{path} FlacArray (serial {force})")

failed = comm.allreduce(failed)
if rank == 0:
    print(f"flacarray-hdf5-parallel (-n {size}): {'0 failed' if not failed else f'{failed} failed'}")
sys.exit(1 if failed else 0)
