"""HDF5 for h5flac.flacarray, as flacarray 0.4.1's ``flacarray.hdf5``: ``write_array`` and
``read_array`` on an h5py group the caller opened (any group, the file's root included),
in Python flacarray's group layout, readable by flacarray 0.4.1 and this project's Rust
library, and reading theirs (format 1, and format 0 of flacarray 0.2, all four dtypes).

Under MPI the array is distributed along its first axis. With a file open on every process
through MPI-IO (h5py built for MPI; ``hdf5_utils.H5File`` opens it so), every process creates
the datasets and attributes collectively and reads and writes its own rows; otherwise (h5py
from PyPI) rank 0 alone has the file and reads and writes for every process."""

from __future__ import annotations

import numpy as np

from . import _group
from .hdf5_utils import have_hdf5, hdf5_use_serial  # noqa: F401 - flacarray's names
from .mpi import MPI


class _Group:
    """The group layout's store over an h5py group."""

    def __init__(self, hgrp):
        self.g = hgrp

    def attr(self, key):
        value = self.g.attrs.get(key)
        return value.decode() if isinstance(value, bytes) else value

    def has(self, name):
        return name in self.g

    def shape(self, name):
        return self.g[name].shape

    def dtype(self, name):
        return self.g[name].dtype

    def dataset_attr(self, name, key):
        return self.g[name].attrs.get(key)

    def read(self, name, sel):
        return self.g[name][sel]

    def create(self, name, shape, dtype):
        self.g.create_dataset(name, shape=tuple(int(s) for s in shape), dtype=dtype)

    def set_dataset_attr(self, name, key, value):
        self.g[name].attrs[key] = value

    def set_attr(self, key, value):
        self.g.attrs[key] = value

    def write(self, name, sel, values):
        self.g[name][sel] = values


def _store(hgrp, mpi_comm):
    """The store of ``hgrp`` (``None`` on processes without it) and whether every process
    has one (shared access: a file open through MPI-IO on every process, each reading and
    writing its own rows; the group's datasets and attributes made collectively)."""
    shared = not hdf5_use_serial(hgrp, mpi_comm)
    if shared and not mpi_comm.allreduce(
        hgrp is not None and getattr(hgrp.file, "driver", None) == "mpio", op=MPI.LAND
    ):
        raise RuntimeError(
            "every process passed an HDF5 group, but not of one file open through MPI-IO: "
            "open it with parallel h5py on every process (hdf5_utils.H5File(name, mode, comm)), "
            "or on rank 0 only (others pass None)"
        )
    return (None if hgrp is None else _Group(hgrp)), shared


def write_array(arr, hgrp, level=5, quanta=None, precision=None, mpi_comm=None,
                use_threads=False):
    """Compress ``arr`` (this process's part along the first axis with ``mpi_comm``) and
    write it to the h5py group ``hgrp`` (``None`` on processes other than rank 0 under
    MPI). The quantization is :func:`~h5flac.flacarray.compress.array_compress`'s."""
    from .array import FlacArray

    FlacArray.from_array(arr, level=level, quanta=quanta, precision=precision,
                         mpi_comm=mpi_comm, use_threads=use_threads).write_hdf5(hgrp)


def write_compressed(fa, hgrp):
    """Write a FlacArray to the h5py group ``hgrp``."""
    store, shared = _store(hgrp, fa.mpi_comm)
    lead = tuple(fa.global_leading_shape)
    shape = fa.shape if fa.mpi_comm is None or fa.mpi_comm.size == 1 else fa.global_shape
    rows = ((0, lead[0]) if fa.mpi_comm is None or fa.mpi_comm.size == 1
            else fa.mpi_dist[fa.mpi_comm.rank])
    parts = (rows, fa.compressed, fa.stream_starts, fa.stream_nbytes, fa.stream_offsets,
             fa.stream_gains)
    layout = (lead, fa.stream_size, fa.dtype, shape, list(fa.global_process_nbytes))
    _group.write_group(store, parts, layout, fa.mpi_comm, shared)


def read_compressed(hgrp, keep=None, mpi_comm=None, mpi_dist=None):
    """``(meta, local part, dist)`` of the group: this process's rows (the streams ``keep``
    marks among them) as stored."""
    store, shared = _store(hgrp, mpi_comm)
    return _group.distribute_reads(store, "h5py Group", keep, mpi_comm, mpi_dist, shared)


def read_array(hgrp, keep=None, stream_slice=None, keep_indices=False, mpi_comm=None,
               mpi_dist=None, use_threads=False, no_flatten=False):
    """Read the array in the h5py group ``hgrp``: this process's rows under MPI (``hgrp``
    ``None`` but on rank 0), the streams ``keep`` marks (a 2-D result, and their indices
    with ``keep_indices``), samples ``stream_slice`` (step 1; numpy's meaning of negative
    and missing bounds).

    Raises:
        RuntimeError: a group without a FlacArray or with an inconsistent or damaged one, a
            ``keep`` of another shape than the leading axes.
    """
    # Only the frames holding the samples asked for are read (and decoded as they are).
    store, shared = _store(hgrp, mpi_comm)
    meta, local, dist = _group.distribute_reads(
        store, "h5py Group", keep, mpi_comm, mpi_dist, shared,
        lambda meta: _group.sample_range(stream_slice, meta.stream_size),
    )
    return _group.decoded(meta, local, dist, keep, stream_slice, keep_indices, mpi_comm,
                          use_threads, no_flatten)
