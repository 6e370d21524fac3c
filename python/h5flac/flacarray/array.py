"""``FlacArray``, as in flacarray 0.4.1's ``flacarray.array``: a compressed array held in
memory (one FLAC stream per vector along the last axis), optionally distributed over MPI
processes along its first axis, decoded whole, by ``keep`` mask and sample range, or by
numpy indexing."""

from __future__ import annotations

import copy

import numpy as np

from . import _core
from .compress import array_compress, array_compress_empty
from .mpi import global_array_properties, global_bytes

_TYPESTR = {np.dtype(np.int32): "int32", np.dtype(np.int64): "int64",
            np.dtype(np.float32): "float32", np.dtype(np.float64): "float64"}


class FlacArray:
    """A compressed N-dimensional array whose last axis holds the streams.

    Made with :meth:`from_array` (or read from files: ``hdf5``, ``zarr``); the constructor
    copies another FlacArray, or takes the fields the class methods give it. int32 and
    int64 data are lossless; float32 and float64 data are held as integers with an offset
    and a gain a stream (see :func:`~h5flac.flacarray.compress.array_compress`).
    """

    def __init__(
        self,
        other,
        shape=None,
        global_shape=None,
        compressed=None,
        dtype=None,
        stream_starts=None,
        stream_nbytes=None,
        stream_offsets=None,
        stream_gains=None,
        mpi_comm=None,
        mpi_dist=None,
    ):
        if isinstance(other, FlacArray):
            self._shape = other._shape
            self._global_shape = other._global_shape
            self._compressed = None if other._compressed is None else other._compressed.copy()
            self._dtype = other._dtype
            self._stream_starts = _copy(other._stream_starts)
            self._stream_nbytes = _copy(other._stream_nbytes)
            self._stream_offsets = _copy(other._stream_offsets)
            self._stream_gains = _copy(other._stream_gains)
            self._mpi_comm = other._mpi_comm
            self._mpi_dist = copy.deepcopy(other._mpi_dist)
        else:
            self._shape = None if shape is None else tuple(int(s) for s in shape)
            self._global_shape = tuple(int(s) for s in global_shape)
            self._compressed = compressed
            self._dtype = np.dtype(dtype)
            self._stream_starts = stream_starts
            self._stream_nbytes = stream_nbytes
            self._stream_offsets = stream_offsets
            self._stream_gains = stream_gains
            self._mpi_comm = mpi_comm
            self._mpi_dist = mpi_dist
        self._init_params()

    def _init_params(self):
        self._empty = self._shape is None or self._shape[0] == 0
        if self._empty and self._mpi_comm is None:
            raise RuntimeError("Local data is empty, and MPI is not being used")
        self._flatten_single = False
        if self._empty:
            self._local_shape = (0,) + tuple(self._global_shape[1:])
            local_nbytes = 0
        else:
            if len(self._shape) == 1:
                self._flatten_single = True
                self._local_shape = (1, self._shape[0])
            else:
                self._local_shape = self._shape
            local_nbytes = int(self._compressed.nbytes)
        if self._dtype not in _TYPESTR:
            raise RuntimeError(f"Unsupported dtype {self._dtype}")
        self._typestr = _TYPESTR[self._dtype]
        self._is_int64 = self._dtype.itemsize == 8
        self._leading_shape = tuple(self._local_shape[:-1])
        self._global_leading_shape = tuple(self._global_shape[:-1])
        self._stream_size = int(self._global_shape[-1])
        starts = self._stream_starts if self._stream_starts is not None else np.zeros(0, np.int64)
        (
            self._global_nbytes,
            self._global_proc_nbytes,
            self._global_stream_starts,
        ) = global_bytes(local_nbytes, starts, self._mpi_comm)

    # Properties ------------------------------------------------------------------------

    @property
    def shape(self):
        """The local uncompressed shape (a 1-D array stays 1-D)."""
        return self._shape if not self._empty else self._local_shape

    @property
    def global_shape(self):
        """The shape of the whole array over every process (``(1, N)`` for 1-D data)."""
        return self._global_shape

    @property
    def leading_shape(self):
        """The local shape of the leading axes (``(1,)`` for 1-D data)."""
        return self._leading_shape

    @property
    def global_leading_shape(self):
        return self._global_leading_shape

    @property
    def stream_size(self):
        """Samples per stream."""
        return self._stream_size

    @property
    def nbytes(self):
        """Compressed bytes held by this process."""
        return 0 if self._compressed is None else int(self._compressed.nbytes)

    @property
    def global_nbytes(self):
        """Compressed bytes over every process."""
        return self._global_nbytes

    @property
    def global_process_nbytes(self):
        """Compressed bytes held by each process (flacarray 0.4.1 raises here)."""
        return self._global_proc_nbytes

    @property
    def nstreams(self):
        """Streams held by this process (flacarray 0.4.1 raises here)."""
        return int(np.prod(self._leading_shape))

    @property
    def global_nstreams(self):
        """Streams over every process (flacarray 0.4.1 raises here)."""
        return int(np.prod(self._global_leading_shape))

    @property
    def compressed(self):
        """The local streams' bytes, back to back (uint8)."""
        return self._compressed

    @property
    def stream_starts(self):
        return self._stream_starts

    @property
    def stream_nbytes(self):
        return self._stream_nbytes

    @property
    def global_stream_starts(self):
        """The local streams' starts in the bytes of every process laid end to end."""
        return self._global_stream_starts

    @property
    def global_stream_nbytes(self):
        """The local streams' lengths (flacarray 0.4.1 raises here)."""
        return self._stream_nbytes

    @property
    def stream_offsets(self):
        return self._stream_offsets

    @property
    def stream_gains(self):
        return self._stream_gains

    @property
    def mpi_comm(self):
        return self._mpi_comm

    @property
    def mpi_dist(self):
        """Each process's ``(first, last)`` range of the first axis."""
        return self._mpi_dist

    @property
    def dtype(self):
        return self._dtype

    @property
    def typestr(self):
        return self._typestr

    # Python protocol -------------------------------------------------------------------

    def __repr__(self):
        mpi = ""
        if self._mpi_comm is not None:
            first, last = self._mpi_dist[self._mpi_comm.rank]
            mpi = f" | Rank {self._mpi_comm.rank:04d} {first}-{last - 1} |"
        return f"<FlacArray{mpi} {self._typestr} shape={self.shape} bytes={self.nbytes}>"

    def __eq__(self, other):
        if not isinstance(other, FlacArray):
            return NotImplemented
        if (self._shape, self._dtype, self._global_shape) != (
            other._shape, other._dtype, other._global_shape
        ):
            return False
        if not np.array_equal(self._stream_starts, other._stream_starts):
            return False
        if not np.array_equal(self._compressed, other._compressed):
            return False
        for a, b in ((self._stream_offsets, other._stream_offsets),
                     (self._stream_gains, other._stream_gains)):
            if (a is None) != (b is None):
                return False
            if a is not None and not np.allclose(a, b):
                return False
        return True

    def __ne__(self, other):
        eq = self.__eq__(other)
        return eq if eq is NotImplemented else not eq

    def __setitem__(self, key, value):
        raise RuntimeError("Cannot modify individual byte streams")

    def __delitem__(self, key):
        raise RuntimeError("Cannot delete individual streams")

    def __deepcopy__(self, memo):
        return FlacArray(self)

    # Decoding --------------------------------------------------------------------------

    def _decode(self, selected, first, last, use_threads=False):
        """Samples ``[first, last)`` of the local flat streams ``selected``, a row each."""
        return _core.decompress_streams(
            self._compressed, self._stream_size, self._stream_starts, self._stream_nbytes,
            self._stream_offsets, self._stream_gains, selected, first, last, self._dtype,
            use_threads,
        )

    def __getitem__(self, key):
        """Decode what numpy indexing of the uncompressed array selects: integers (negative
        ones count from the end), slices of any step and ``...`` on every axis. Only the
        streams selected and the samples they cover are decoded."""
        if not isinstance(key, tuple):
            key = (key,)
        ndim = len(self.shape)
        if any(k is Ellipsis for k in key):
            i = next(j for j, k in enumerate(key) if k is Ellipsis)
            fill = ndim - (len(key) - 1)
            key = key[:i] + (slice(None),) * fill + key[i + 1:]
        for k in key:
            if not isinstance(k, (slice, int, np.integer)) or isinstance(k, bool):
                raise TypeError(
                    f"FlacArray indices are integers, slices and '...', not {type(k).__name__}"
                )
        if len(key) > ndim:
            raise IndexError(f"too many indices: {len(key)} for {ndim} dimensions")
        key = key + (slice(None),) * (ndim - len(key))
        lead_key, sample_key = key[:-1], key[-1]
        n = self._stream_size
        if isinstance(sample_key, slice):
            picked = range(*sample_key.indices(n))
            if len(picked) == 0:
                first, last, within = 0, 0, slice(None)
            else:
                first, last = min(picked), max(picked) + 1
                # The covering range is decoded; a step other than 1 then picks from it.
                within = slice(None) if picked.step == 1 else np.asarray(picked) - first
        else:
            k = int(sample_key)
            if not -n <= k < n:
                raise IndexError(f"index {k} is out of bounds for a stream of {n} samples")
            k %= n
            first, last, within = k, k + 1, 0
        local_lead = self._leading_shape if not self._flatten_single else ()
        flat = np.arange(int(np.prod(self._leading_shape)), dtype=np.intp)
        selected = flat.reshape(local_lead)[lead_key] if local_lead else flat[:1].reshape(())
        selected = np.asarray(selected)
        rows = self._decode(selected.reshape(-1), first, last) if selected.size else np.zeros(
            (0, last - first), dtype=self._dtype)
        out = rows.reshape(selected.shape + (last - first,))
        return out[..., within]

    def to_array(self, keep=None, stream_slice=None, keep_indices=False, use_threads=False):
        """Decode the local streams (those ``keep`` marks) and samples (``stream_slice``, a
        slice of step 1, with numpy's meaning of negative and missing bounds).

        Returns:
            The array in the local shape, or with ``keep`` a 2-D array of the kept streams
            (and their leading indices if ``keep_indices``).

        Raises:
            RuntimeError: a ``stream_slice`` step other than 1, a ``keep`` of another shape.
        """
        first, last = 0, self._stream_size
        if stream_slice is not None:
            if stream_slice.step not in (None, 1):
                raise RuntimeError("Only stream slices with a step size of 1 are supported")
            first, last, _ = stream_slice.indices(self._stream_size)
            last = max(first, last)
        n = last - first
        if keep is not None:
            keep = np.asarray(keep, dtype=bool)
            if keep.shape != self._leading_shape:
                raise RuntimeError(
                    f"The keep array shape {keep.shape} does not match the leading shape "
                    f"{self._leading_shape}"
                )
            selected = np.flatnonzero(keep)
            indices = [tuple(int(i) for i in ix) for ix in zip(*np.nonzero(keep))]
            out = (self._decode(selected, first, last, use_threads) if selected.size
                   else np.zeros((0, n), dtype=self._dtype))
            return (out, indices) if keep_indices else out
        if self._empty:
            return np.zeros(self._leading_shape + (n,), dtype=self._dtype)
        out = self._decode(np.arange(int(np.prod(self._leading_shape))), first, last, use_threads)
        if self._flatten_single:
            return out.reshape(n)
        return out.reshape(self._leading_shape + (n,))

    @classmethod
    def from_array(cls, arr, level=5, quanta=None, precision=None, mpi_comm=None,
                   use_threads=False):
        """Compress a numpy array (this process's part of it, along the first axis, with
        ``mpi_comm``); see :func:`~h5flac.flacarray.compress.array_compress`.

        Raises:
            RuntimeError: no data without MPI, or what ``array_compress`` raises.
        """
        empty = arr is None or np.shape(arr)[0] == 0
        if empty and mpi_comm is None:
            raise RuntimeError("Local array is None, and MPI is not being used")
        shape = None if arr is None else np.shape(arr)
        dtype = None if arr is None else np.asarray(arr).dtype
        props = global_array_properties(None if empty else shape, None if empty else dtype,
                                        mpi_comm)
        if empty:
            parts = array_compress_empty(props["shape"], props["dtype"], quanta, precision)
        else:
            parts = array_compress(arr, level=level, quanta=quanta, precision=precision,
                                   use_threads=use_threads)
        compressed, starts, nbytes, offsets, gains = parts
        return cls(
            None,
            shape=None if empty else shape,
            global_shape=props["shape"],
            compressed=compressed,
            dtype=props["dtype"],
            stream_starts=starts,
            stream_nbytes=nbytes,
            stream_offsets=offsets,
            stream_gains=gains,
            mpi_comm=mpi_comm,
            mpi_dist=props["dist"],
        )

    # Files -----------------------------------------------------------------------------

    def write_hdf5(self, hgrp):
        """Write the array to an h5py group (``None`` on processes other than rank 0 under
        MPI): Python flacarray's layout; see :mod:`h5flac.flacarray.hdf5`."""
        from .hdf5 import write_compressed

        write_compressed(self, hgrp)

    @classmethod
    def read_hdf5(cls, hgrp, keep=None, mpi_comm=None, mpi_dist=None, no_flatten=False):
        """The array in an h5py group (this process's rows with ``mpi_comm``; the streams
        ``keep`` marks, as a 2-D array, with ``keep``); see :mod:`h5flac.flacarray.hdf5`."""
        from .hdf5 import read_compressed

        meta, local, dist = read_compressed(hgrp, keep=keep, mpi_comm=mpi_comm,
                                            mpi_dist=mpi_dist)
        return cls._from_group(meta, local, dist, keep, mpi_comm, no_flatten)

    def write_zarr(self, zgrp):
        """Write the array to a zarr group (``None`` on processes other than rank 0 under
        MPI); see :mod:`h5flac.flacarray.zarr`."""
        from .zarr import write_compressed

        write_compressed(self, zgrp)

    @classmethod
    def read_zarr(cls, zgrp, keep=None, mpi_comm=None, mpi_dist=None, no_flatten=False):
        """The array in a zarr group; see :meth:`read_hdf5`."""
        from .zarr import read_compressed

        meta, local, dist = read_compressed(zgrp, keep=keep, mpi_comm=mpi_comm,
                                            mpi_dist=mpi_dist)
        return cls._from_group(meta, local, dist, keep, mpi_comm, no_flatten)

    @classmethod
    def _from_group(cls, meta, local, dist, keep, mpi_comm, no_flatten):
        from ._group import local_shape

        if meta.kind != "plain":
            raise RuntimeError(
                f"a version-0 {meta.dtype} group (flacarray 0.2) reads with read_array; a "
                "FlacArray holds only streams of the current format"
            )
        n = meta.stream_size
        if keep is not None:
            shape = (local.starts.size, n)
        else:
            shape = local_shape(meta, local, mpi_comm, n, no_flatten)
        empty = local.starts.size == 0
        return cls(
            None,
            shape=None if empty else shape,
            global_shape=meta.lead + (n,),
            compressed=local.compressed,
            dtype=meta.dtype,
            stream_starts=local.starts,
            stream_nbytes=local.nbytes,
            stream_offsets=local.offsets,
            stream_gains=local.gains,
            mpi_comm=mpi_comm,
            mpi_dist=dist,
        )


def _copy(a):
    return None if a is None else np.array(a, copy=True)
