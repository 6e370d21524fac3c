"""HDF5 helpers of flacarray 0.4.1's ``flacarray.hdf5_utils``: whether h5py is there and
built for MPI, and ``H5File``, which opens a file on every process (parallel h5py) or on
rank 0 only."""

from __future__ import annotations

from .mpi import MPI, use_mpi
from .utils import log

try:
    import h5py

    have_hdf5 = True
except ImportError:
    h5py = None
    have_hdf5 = False


def have_hdf5_parallel():
    """Whether h5py was built with MPI (its ``mpio`` driver) and mpi4py is usable."""
    return bool(have_hdf5 and use_mpi and h5py.get_config().mpi)


def hdf5_use_serial(hgrp, mpi_comm):
    """Whether rank 0 does a group's I/O for every process: without MPI, with one process,
    or when any process has no handle to the group."""
    if mpi_comm is None or mpi_comm.size == 1:
        return True
    return bool(mpi_comm.allreduce(1 if hgrp is None else 0, op=MPI.SUM))


def hdf5_open(path, mode, comm=None, force_serial=False):
    """Open ``path``: on every process through MPI-IO when h5py is parallel (and not
    ``force_serial``), else on rank 0 only (``None`` elsewhere)."""
    if comm is None or comm.size == 1:
        return h5py.File(path, mode)
    if have_hdf5_parallel() and not force_serial:
        return h5py.File(path, mode, driver="mpio", comm=comm)
    handle = h5py.File(path, mode) if comm.rank == 0 else None
    comm.barrier()
    return handle


class H5File:
    """An open HDF5 file (``handle``; ``None`` on ranks other than 0 when opened serially
    under MPI), closed on leaving a ``with`` block."""

    def __init__(self, name, mode, comm=None, force_serial=False):
        self.handle = hdf5_open(name, mode, comm=comm, force_serial=force_serial)

    def close(self):
        if getattr(self, "handle", None) is not None:
            self.handle.flush()
            self.handle.close()
            self.handle = None

    def __del__(self):
        self.close()

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()


def check_dataset_buffer_size(msg, slices, dtype, parallel):
    """Warn when one process's parallel I/O buffer reaches 2 GiB, where MPI-IO fails."""
    if not parallel:
        return
    n = 1
    for s in slices:
        n *= s.stop - s.start
    nbytes = n * dtype.itemsize
    if nbytes >= 2**31 - 1:
        log.warning(f"{msg}: a buffer of {nbytes} bytes; parallel HDF5 I/O fails above 2^31 - 1")
