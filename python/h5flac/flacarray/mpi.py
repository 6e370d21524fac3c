"""MPI for h5flac.flacarray, as in flacarray 0.4.1's ``flacarray.mpi``: ``use_mpi`` and
``MPI`` (mpi4py, unless ``MPI_DISABLE`` is set or it cannot be imported), and how a
distributed array's leading axis is split among processes."""

from __future__ import annotations

import os

import numpy as np

from .utils import log

use_mpi = False
MPI = None
if "MPI_DISABLE" not in os.environ:
    try:
        import mpi4py

        # Serialized, not multiple: Open MPI 4 misbehaves with MPI_THREAD_MULTIPLE.
        mpi4py.rc.thread_level = "serialized"
        import mpi4py.MPI as MPI  # noqa: N814

        use_mpi = True
    except Exception as e:  # mpi4py missing, or no MPI library behind it
        log.debug(f"mpi4py cannot be used ({e}); MPI disabled")
        MPI = None


def _size(comm):
    return 1 if comm is None else comm.size


def distribute_and_verify(mpi_comm, n_elem, mpi_dist=None):
    """The ``(first, last)`` range of the leading axis each process holds: ``mpi_dist``
    checked (one contiguous range a process, covering ``0..n_elem``), or ``n_elem`` split as
    evenly as ``numpy.array_split`` splits it.

    Raises:
        RuntimeError: a ``mpi_dist`` that does not fit, or more processes than elements.
    """
    n_proc = _size(mpi_comm)
    if mpi_dist is not None:
        dist = [(int(a), int(b)) for a, b in mpi_dist]
        if mpi_comm is None and dist != [(0, n_elem)]:
            raise RuntimeError(
                f"Without MPI the distribution must be [(0, {n_elem})], not {mpi_dist}"
            )
        if len(dist) != n_proc:
            raise RuntimeError(f"The distribution has {len(dist)} ranges for {n_proc} processes")
        expected = 0
        for first, last in dist:
            if first != expected or last < first:
                raise RuntimeError(f"The distribution {mpi_dist} is not contiguous from 0")
            expected = last
        if expected != n_elem:
            raise RuntimeError(f"The distribution {mpi_dist} does not cover {n_elem} elements")
        return dist
    if n_proc == 1:
        return [(0, n_elem)]
    if n_elem < n_proc:
        raise RuntimeError(
            f"Cannot distribute {n_elem} elements of the leading axis over {n_proc} processes"
        )
    bounds = np.cumsum([0] + [len(c) for c in np.array_split(np.arange(n_elem), n_proc)])
    return [(int(bounds[i]), int(bounds[i + 1])) for i in range(n_proc)]


def global_array_properties(local_shape, local_dtype, mpi_comm):
    """The global ``shape``, ``dtype`` and ``dist`` (each process's range of the leading
    axis, in rank order) of an array whose local parts the processes hold; a 1-D local part
    is one stream (a row). Returns them in a dict.

    Raises:
        RuntimeError: dtypes or trailing dimensions that differ between processes.
    """
    local_shape = tuple(int(s) for s in local_shape) if local_shape is not None else None
    if local_shape is not None and len(local_shape) == 1:
        # One stream is one row; an empty 1-D part holds none.
        local_shape = (1, local_shape[0]) if local_shape[0] > 0 else (0,)
    if mpi_comm is None or mpi_comm.size == 1:
        if local_shape is None:
            raise RuntimeError("Local array is None, and MPI is not being used")
        return {"shape": local_shape, "dtype": np.dtype(local_dtype), "dist": [(0, local_shape[0])]}
    dtype = None if local_dtype is None else np.dtype(local_dtype).str
    shapes = mpi_comm.gather(local_shape, root=0)
    dtypes = mpi_comm.gather(dtype, root=0)
    props, error = None, None
    if mpi_comm.rank == 0:
        present = [(s, d) for s, d in zip(shapes, dtypes) if s is not None and s[0] > 0]
        if not present:
            error = "No process holds any data"
        elif len({d for _, d in present}) != 1:
            error = f"Inconsistent dtypes across processes: {sorted({d for _, d in present})}"
        elif len({s[1:] for s, _ in present}) != 1:
            error = "Inconsistent array dimensions across processes"
        else:
            dist, offset = [], 0
            for s in shapes:
                n = 0 if s is None else s[0]
                dist.append((offset, offset + n))
                offset += n
            shape = (offset,) + present[0][0][1:]
            props = {"shape": shape, "dtype": np.dtype(present[0][1]), "dist": dist}
    props, error = mpi_comm.bcast((props, error), root=0)
    if error is not None:
        raise RuntimeError(error)
    return props


def global_bytes(local_nbytes, stream_starts, mpi_comm):
    """``(global_nbytes, nbytes of every process, stream_starts in the global buffer)`` of
    the processes' compressed bytes laid end to end in rank order."""
    if mpi_comm is None or mpi_comm.size == 1:
        return local_nbytes, [local_nbytes], stream_starts
    all_nbytes = mpi_comm.allgather(int(local_nbytes))
    before = sum(all_nbytes[: mpi_comm.rank])
    return sum(all_nbytes), all_nbytes, np.asarray(stream_starts) + before
