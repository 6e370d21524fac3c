"""Zarr for h5flac.flacarray, as flacarray 0.4.1's ``flacarray.zarr``: ``write_array`` and
``read_array`` on a zarr group the caller opened (zarr-python 3, or 2), in Python
flacarray's group layout (the same names and attributes as HDF5, arrays with zarr-python's
defaults), readable by flacarray 0.4.1 and this project's Rust library, and reading theirs.
Under MPI, rank 0 reads and writes for every process (``ZarrGroup`` opens the group there
only)."""

from __future__ import annotations

import numpy as np

from . import _group

try:
    import zarr

    have_zarr = True
except ImportError:
    zarr = None
    have_zarr = False


class ZarrGroup:
    """A zarr group opened (``zarr.open_group``) on rank 0 only; ``with`` gives the group
    there and ``None`` on the other processes."""

    def __init__(self, name, mode, comm=None):
        self.handle = None
        if comm is None or comm.rank == 0:
            self.handle = zarr.open_group(name, mode=mode)
        if comm is not None:
            comm.barrier()

    def close(self):
        handle, self.handle = getattr(self, "handle", None), None
        if handle is not None:
            try:
                handle.store.close()
            except Exception:
                pass

    def __del__(self):
        self.close()

    def __enter__(self):
        return self.handle

    def __exit__(self, *args):
        self.close()


def _json(value):
    """A value as zarr's JSON attributes take it."""
    if isinstance(value, np.ndarray):
        return [_json(v) for v in value.tolist()]
    if isinstance(value, np.generic):
        return value.item()
    return value


class _Group:
    """The group layout's store over a zarr group."""

    def __init__(self, zgrp):
        self.g = zgrp

    def attr(self, key):
        return self.g.attrs.get(key)

    def has(self, name):
        return name in self.g

    def shape(self, name):
        return tuple(self.g[name].shape)

    def dtype(self, name):
        return np.dtype(self.g[name].dtype)

    def dataset_attr(self, name, key):
        return self.g[name].attrs.get(key)

    def read(self, name, sel):
        return np.asarray(self.g[name][sel])

    def create(self, name, shape, dtype):
        shape = tuple(int(s) for s in shape)
        if hasattr(self.g, "create_array"):
            self.g.create_array(name, shape=shape, dtype=np.dtype(dtype))
        else:
            self.g.create_dataset(name, shape=shape, dtype=np.dtype(dtype))

    def set_dataset_attr(self, name, key, value):
        self.g[name].attrs[key] = _json(value)

    def set_attr(self, key, value):
        self.g.attrs[key] = _json(value)

    def write(self, name, sel, values):
        self.g[name][sel] = values


def _store(zgrp, mpi_comm):
    if mpi_comm is not None and mpi_comm.size > 1:
        from .mpi import MPI

        holders = mpi_comm.allreduce(0 if zgrp is None else 1, op=MPI.SUM)
        if holders != 1 or (mpi_comm.rank == 0 and zgrp is None):
            raise RuntimeError(
                "under MPI, rank 0 alone passes the zarr group (others pass None), as "
                "ZarrGroup opens it"
            )
    return None if zgrp is None else _Group(zgrp)


def write_array(arr, zgrp, level=5, quanta=None, precision=None, mpi_comm=None,
                use_threads=False):
    """Compress ``arr`` (this process's part along the first axis with ``mpi_comm``) and
    write it to the zarr group ``zgrp`` (``None`` on processes other than rank 0)."""
    from .array import FlacArray

    FlacArray.from_array(arr, level=level, quanta=quanta, precision=precision,
                         mpi_comm=mpi_comm, use_threads=use_threads).write_zarr(zgrp)


def write_compressed(fa, zgrp):
    """Write a FlacArray to the zarr group ``zgrp``."""
    store = _store(zgrp, fa.mpi_comm)
    serial = fa.mpi_comm is None or fa.mpi_comm.size == 1
    lead = tuple(fa.global_leading_shape)
    rows = (0, lead[0]) if serial else fa.mpi_dist[fa.mpi_comm.rank]
    parts = (rows, fa.compressed, fa.stream_starts, fa.stream_nbytes, fa.stream_offsets,
             fa.stream_gains)
    shape = fa.shape if serial else fa.global_shape
    layout = (lead, fa.stream_size, fa.dtype, shape, list(fa.global_process_nbytes))
    _group.write_group(store, parts, layout, fa.mpi_comm, False)


def read_compressed(zgrp, keep=None, mpi_comm=None, mpi_dist=None):
    """``(meta, local part, dist)`` of the group: this process's rows as stored."""
    store = _store(zgrp, mpi_comm)
    return _group.distribute_reads(store, "Zarr Group", keep, mpi_comm, mpi_dist, False)


def read_array(zgrp, keep=None, stream_slice=None, keep_indices=False, mpi_comm=None,
               mpi_dist=None, use_threads=False, no_flatten=False):
    """Read the array in the zarr group ``zgrp``; the arguments are those of
    :func:`h5flac.flacarray.hdf5.read_array`."""
    # Only the frames holding the samples asked for are read (and decoded as they are).
    store = _store(zgrp, mpi_comm)
    meta, local, dist = _group.distribute_reads(
        store, "Zarr Group", keep, mpi_comm, mpi_dist, False,
        lambda meta: _group.sample_range(stream_slice, meta.stream_size),
    )
    return _group.decoded(meta, local, dist, keep, stream_slice, keep_indices, mpi_comm,
                          use_threads, no_flatten)
