"""Whole FLAC datasets on several threads. HDF5 hands its filter one chunk at a time, so an
h5py read or write of a FLAC dataset keeps one core busy with HDF5's own work between chunks.
Here h5py moves the stored chunks (``read_direct_chunk``/``write_direct_chunk``, on the
calling thread: HDF5 is not reentrant) while the filter's codec decodes or encodes others on a
pool of threads, as the Rust library's ``h5z::read_filtered``/``write_filtered`` do. The
chunks are the bytes the filter itself reads and writes."""

from __future__ import annotations

import itertools
import numbers
import sys
import threading
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, Iterable, Iterator, Optional

import h5py
import numpy as np

from ._filter import FILTER_ID
from ._library import get_nthreads
from .h5zflac import ffi, lib


def _thread_count(threads: Optional[int]) -> int:
    if threads is None:
        return get_nthreads()
    if isinstance(threads, bool) or not isinstance(threads, numbers.Integral):
        raise TypeError(f"threads must be an integer or None, got {threads!r}")
    if threads < 0:
        raise ValueError(f"threads must be 0 (every core) or a positive count, got {threads}")
    # 0: the library's count of the cores this process may use (affinity and cgroup quota),
    # the same as the filter's set_nthreads(0).
    return int(threads) or int(lib.flacarray_cores())


#: The first of the filter's stored parameters ("FLAC"): set_local ran and stored them.
_STORED_MAGIC = 0x464C4143


def _big_endian(dtype: np.dtype) -> bool:
    return dtype.byteorder == ">" or (dtype.byteorder == "=" and sys.byteorder == "big")


def checked_params(dataset: h5py.Dataset, cd_values) -> Optional[tuple["ffi.CData", int]]:
    """The dataset's stored FLAC parameters as C values and the bytes of a decoded chunk,
    checked against the dataset's real type and chunk shape by the library
    (``flacarray_check_params``); None where HDF5 did not apply the filter (its parameters
    are the user's, not a stored form). OSError naming both for parameters that describe
    other chunks than the dataset's: the decoder would write past or short of its buffer."""
    cd = [int(v) for v in cd_values]
    if not cd or cd[0] != _STORED_MAGIC:
        return None
    dtype = dataset.dtype
    c_cd = ffi.new("unsigned int[]", cd)
    dims = ffi.new("uint64_t[]", [int(c) for c in dataset.chunks])
    nbytes = ffi.new("uintptr_t *")
    err = ffi.new("char[]", 1024)
    kind = dtype.kind.encode() if dtype.kind in "iuf" else b"?"
    st = lib.flacarray_check_params(c_cd, len(cd), kind, dtype.itemsize, int(_big_endian(dtype)),
                                    dims, len(dims), nbytes, err, len(err))
    if st != 0:
        raise OSError(f"{dataset.name}: {ffi.string(err).decode(errors='replace')}")
    return c_cd, int(nbytes[0])


def _flac_only(dataset: h5py.Dataset) -> Optional[tuple["ffi.CData", int]]:
    """:func:`checked_params` when FLAC is the chunked dataset's only filter, else None (the
    dataset is then read and written through HDF5)."""
    if dataset.chunks is None or dataset.size == 0:
        return None
    dcpl = dataset.id.get_create_plist()
    if dcpl.get_nfilters() != 1:
        return None
    code, _flags, cd_values, _name = dcpl.get_filter(0)
    return checked_params(dataset, cd_values) if code == FILTER_ID else None


def _chunk_offsets(shape, chunks) -> Iterator[tuple[int, ...]]:
    """The first element of every chunk the shape spans, in index order."""
    return itertools.product(*(range(0, n, c) for n, c in zip(shape, chunks)))


def _selection(offset, chunks, shape) -> tuple[slice, ...]:
    """The part of the chunk at ``offset`` inside the dataset."""
    return tuple(slice(o, min(o + c, n)) for o, c, n in zip(offset, chunks, shape))


def _written(dataset: h5py.Dataset) -> dict[tuple[int, ...], int]:
    """The filter mask of every chunk written, by offset."""
    found: dict[tuple[int, ...], int] = {}
    dsid = dataset.id
    try:
        dsid.chunk_iter(lambda info: found.__setitem__(tuple(info.chunk_offset), info.filter_mask))
        return found
    except (AttributeError, NotImplementedError, RuntimeError):
        pass  # HDF5 before 1.14: one chunk at a time by index
    for i in range(dsid.get_num_chunks()):
        info = dsid.get_chunk_info(i)
        found[tuple(int(o) for o in info.chunk_offset)] = info.filter_mask
    return found


def _in_order(threads: int, tasks: Iterable[tuple[Callable, tuple]]) -> Iterator:
    """Run each task ``(fn, args)`` on ``threads`` threads, a few ahead of the caller, and
    yield the results in the tasks' order. ``tasks`` is consumed on the calling thread, so
    the HDF5 calls that make them stay there. At the first error the tasks not started are
    cancelled and it is raised."""
    if threads <= 1:
        for fn, args in tasks:
            yield fn(*args)
        return
    with ThreadPoolExecutor(threads, thread_name_prefix="h5flac") as pool:
        pending: deque = deque()
        try:
            for fn, args in tasks:
                pending.append(pool.submit(fn, *args))
                if len(pending) > 2 * threads:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for f in pending:
                f.cancel()


def read(dataset: h5py.Dataset, threads: Optional[int] = None) -> np.ndarray:
    """Read a whole FLAC-compressed dataset, decoding its chunks on ``threads`` threads
    (``0``: every core the process may use; ``None``: the filter's count, see
    :func:`set_nthreads`) while h5py reads the next ones. The same values as
    ``dataset[()]``; chunks never written read as the fill value, chunks stored without FLAC
    through HDF5. A dataset with other filters too (or none) is read by HDF5 as ``dataset[()]``::

        h5flac.set_nthreads(0)
        with h5py.File("tod.h5") as f:
            tod = h5flac.read(f["tod"])

    Raises:
        OSError: a chunk that does not decode, naming it and why.
        TypeError, ValueError: ``threads`` that is not a non-negative integer or None.
    """
    n = _thread_count(threads)
    params = _flac_only(dataset)
    if params is None:
        return dataset[()]
    cd_values, _ = params
    shape, chunks, dtype = dataset.shape, dataset.chunks, dataset.dtype
    out = np.empty(shape, dtype)
    local = threading.local()

    def decode(offset, stored):
        target = out[_selection(offset, chunks, shape)]
        whole = target.shape == chunks and target.flags.c_contiguous
        if whole:
            buf = target
        else:
            buf = getattr(local, "buf", None)
            if buf is None:
                buf = local.buf = np.empty(chunks, dtype)
        err = ffi.new("char[]", 1024)
        # The size of the buffer itself: the decoder refuses a chunk that does not fill it.
        st = lib.flacarray_decode_chunk(cd_values, len(cd_values), stored, len(stored),
                                        ffi.from_buffer(buf, require_writable=True), buf.nbytes,
                                        err, len(err))
        if st != 0:
            reason = ffi.string(err).decode(errors="replace")
            raise OSError(f"{dataset.name}: the chunk at {offset} does not decode: {reason}")
        if not whole:
            target[...] = buf[tuple(slice(0, k) for k in target.shape)]

    def tasks():
        written = _written(dataset)
        for offset in _chunk_offsets(shape, chunks):
            mask = written.get(offset)
            if mask is None or mask & 1:
                sel = _selection(offset, chunks, shape)
                out[sel] = dataset[sel]
            else:
                _, stored = dataset.id.read_direct_chunk(offset)
                yield decode, (offset, stored)

    for _ in _in_order(n, tasks()):
        pass
    return out


def write(dataset: h5py.Dataset, data, threads: Optional[int] = None) -> None:
    """Write ``data`` over the whole of a FLAC-compressed dataset, encoding its chunks on
    ``threads`` threads (as :func:`read`) while h5py writes the ones before: the chunks the
    filter writes for ``dataset[...] = data``. Data of another type than the dataset's, or a
    dataset with other filters too (or none), is written by HDF5 as ``dataset[...] = data``::

        with h5py.File("tod.h5", "w") as f:
            d = f.create_dataset("tod", x.shape, x.dtype, chunks=(4, 100_000), **h5flac.FLAC())
            h5flac.write(d, x, threads=0)

    Edge chunks are padded with what HDF5 pads them with (the dataset's fill value where
    HDF5 writes it, else zeros), so that elements past the edge read the same after a
    ``resize`` as after ``dataset[...] = data``. A write that fails midway leaves the chunks
    not yet written missing (:func:`verify` lists them).

    Raises:
        ValueError: data of another shape than the dataset's, or values the filter refuses
            (the chunk named).
        OSError: a file open read-only (nothing is written), or stored filter parameters
            that do not describe the dataset's chunks.
        TypeError, ValueError: ``threads`` as for :func:`read`.
    """
    n = _thread_count(threads)
    data = np.asarray(data)
    if data.shape != dataset.shape:
        raise ValueError(f"{dataset.name}: data of shape {data.shape}, the dataset's is {dataset.shape}")
    if dataset.file.mode != "r+":
        raise OSError(
            f"{dataset.name}: {dataset.file.filename} is open read-only; "
            f"open it with h5py.File(..., 'r+') or 'a' to write"
        )
    params = _flac_only(dataset)
    if params is None or data.dtype != dataset.dtype:
        dataset[...] = data
        return
    cd_values, _ = params
    shape, chunks, dtype = dataset.shape, dataset.chunks, dataset.dtype
    pad = _edge_padding(dataset)

    def encode(offset):
        part = data[_selection(offset, chunks, shape)]
        if part.shape == chunks:
            raw = np.ascontiguousarray(part)
        else:  # an edge chunk: the rest as HDF5 fills it
            raw = np.full(chunks, pad, dtype)
            raw[tuple(slice(0, k) for k in part.shape)] = part
        out = ffi.new("void **")
        out_len = ffi.new("uintptr_t *")
        err = ffi.new("char[]", 1024)
        st = lib.flacarray_encode_chunk(cd_values, len(cd_values), ffi.from_buffer(raw),
                                        raw.nbytes, out, out_len, err, len(err))
        if st != 0:
            reason = ffi.string(err).decode(errors="replace")
            raise ValueError(f"{dataset.name}: the chunk at {offset}: {reason}")
        # Released by the garbage collector once written (no copy of the encoded chunk).
        return offset, ffi.buffer(ffi.gc(out[0], lib.flacarray_free, out_len[0]), out_len[0])

    tasks = ((encode, (offset,)) for offset in _chunk_offsets(shape, chunks))
    for offset, stored in _in_order(n, tasks):
        dataset.id.write_direct_chunk(offset, stored)


def _edge_padding(dataset: h5py.Dataset):
    """What HDF5 fills a new chunk with before it writes part of it: the fill value when it
    is written at allocation, or on "if set" when the user set one; else zeros."""
    dcpl = dataset.id.get_create_plist()
    when = dcpl.get_fill_time()
    user_set = dcpl.fill_value_defined() == h5py.h5d.FILL_VALUE_USER_DEFINED
    if when == h5py.h5d.FILL_TIME_ALLOC or (when == h5py.h5d.FILL_TIME_IFSET and user_set):
        return dataset.fillvalue
    return 0
