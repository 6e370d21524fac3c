"""Flat streams in and out of the plugin library's C functions (``flacarray_*_streams``,
``flacarray_float_to_int``, ``flacarray_int_to_float``): one copy of the native core per
process, shared with the HDF5 filter. cffi releases the GIL during each call, so other
Python threads run while streams are coded."""

from __future__ import annotations

import numpy as np

from ..h5zflac import ffi, lib

QUANT_NONE = 0
QUANT_QUANTA = 1
QUANT_PRECISION = 2
QUANT_RANGE = 3

#: The dtypes flacarray holds, by their numpy ``kind`` and size.
DTYPES = (np.dtype(np.int32), np.dtype(np.int64), np.dtype(np.float32), np.dtype(np.float64))


def _error_buffer():
    return ffi.new("char[]", 1024)


def _raise(err) -> None:
    raise RuntimeError(ffi.string(err).decode(errors="replace"))


def _in(a: np.ndarray, ctype: str = "char[]"):
    return ffi.from_buffer(ctype, a)


def _out(a: np.ndarray, ctype: str = "char[]"):
    return ffi.from_buffer(ctype, a, require_writable=True)


def _quant_values(quant: int, values):
    """The C view of quanta (doubles) or a precision (int32): a scalar as a 0-d array
    (``n`` 0), else one value a stream. Keeps the array alive through the call."""
    if quant not in (QUANT_QUANTA, QUANT_PRECISION):
        return None, ffi.NULL, 0
    dtype = np.float64 if quant == QUANT_QUANTA else np.int32
    arr = np.array(values, dtype=dtype, order="C")
    return arr, _in(arr), 0 if arr.ndim == 0 else arr.size


def compress_streams(flat: np.ndarray, level: int, quant: int, quant_values, use_threads: bool):
    """Compress the rows of ``flat`` (C-contiguous, 2-D, one of :data:`DTYPES`): returns
    ``(compressed, starts, nbytes, offsets, gains)`` with one start, length, offset and gain
    a row (offsets and gains ``None`` for integers)."""
    n, m = flat.shape
    starts = np.empty(n, dtype=np.int64)
    nbytes = np.empty(n, dtype=np.int64)
    is_float = flat.dtype.kind == "f"
    offsets = np.empty(n, dtype=flat.dtype) if is_float else None
    gains = np.empty(n, dtype=flat.dtype) if is_float else None
    keep, qv, nq = _quant_values(quant, quant_values)
    out = ffi.new("void **")
    out_len = ffi.new("uintptr_t *")
    err = _error_buffer()
    rc = lib.flacarray_compress_streams(
        _in(flat), flat.dtype.kind.encode(), flat.dtype.itemsize, n, m, int(level), quant, qv,
        nq, int(bool(use_threads)), out, out_len, _out(starts, "int64_t[]"),
        _out(nbytes, "int64_t[]"), _out(offsets) if is_float else ffi.NULL,
        _out(gains) if is_float else ffi.NULL, err, len(err),
    )
    del keep
    if rc != 0:
        _raise(err)
    # The library's buffer itself, freed when the array (through the buffer object that
    # holds the pointer) is no longer referenced: no copy of the compressed bytes.
    owned = ffi.gc(out[0], lib.flacarray_free)
    compressed = np.frombuffer(ffi.buffer(owned, out_len[0]), dtype=np.uint8)
    return compressed, starts, nbytes, offsets, gains


def decompress_streams(compressed, stream_size, starts, nbytes, offsets, gains, selected,
                       first, last, dtype, use_threads):
    """Samples ``[first, last)`` of the flat streams ``selected`` (C order), as a
    ``(len(selected), last - first)`` array of ``dtype``."""
    compressed = np.ascontiguousarray(compressed, dtype=np.uint8).reshape(-1)
    starts = np.ascontiguousarray(starts, dtype=np.int64).reshape(-1)
    nbytes = np.ascontiguousarray(nbytes, dtype=np.int64).reshape(-1)
    selected = np.ascontiguousarray(selected, dtype=np.uintp).reshape(-1)
    # Checked before the output is allocated: a stream_size the bytes cannot hold is an
    # error, not an allocation it would take.
    check_streams(compressed.size, stream_size, starts, nbytes,
                  2 if np.dtype(dtype).itemsize == 8 else 1, selected)
    err = _error_buffer()
    out = np.empty((selected.size, last - first), dtype=dtype)
    is_float = out.dtype.kind == "f"
    if is_float:
        offsets = np.ascontiguousarray(offsets, dtype=dtype).reshape(-1)
        gains = np.ascontiguousarray(gains, dtype=dtype).reshape(-1)
        if offsets.size != starts.size or gains.size != starts.size:
            raise RuntimeError(
                f"{offsets.size} offsets and {gains.size} gains for {starts.size} streams"
            )
    rc = lib.flacarray_decompress_streams(
        _in(compressed), compressed.size, int(stream_size), _in(starts, "int64_t[]"),
        _in(nbytes, "int64_t[]"), starts.size, out.dtype.kind.encode(), out.dtype.itemsize,
        _in(offsets) if is_float else ffi.NULL, _in(gains) if is_float else ffi.NULL,
        _in(selected, "uintptr_t[]"), selected.size, int(first), int(last),
        int(bool(use_threads)), _out(out), out.nbytes, err, len(err),
    )
    if rc != 0:
        _raise(err)
    return out


def check_streams(length, stream_size, starts, nbytes, channels, selected):
    """Raise unless the flat streams ``selected`` lie within ``length`` bytes and each has
    bytes enough for ``stream_size`` samples of ``channels`` channels."""
    starts = np.ascontiguousarray(starts, dtype=np.int64).reshape(-1)
    nbytes = np.ascontiguousarray(nbytes, dtype=np.int64).reshape(-1)
    selected = np.ascontiguousarray(selected, dtype=np.uintp).reshape(-1)
    err = _error_buffer()
    rc = lib.flacarray_check_streams(
        int(length), int(stream_size), _in(starts, "int64_t[]"), _in(nbytes, "int64_t[]"),
        starts.size, int(channels), _in(selected, "uintptr_t[]"), selected.size, err, len(err),
    )
    if rc != 0:
        _raise(err)


def float_to_int(flat: np.ndarray, quant: int, quant_values):
    """The rows of a 2-D float array as integers, with each row's offset and gain."""
    n, m = flat.shape
    ints = np.empty((n, m), dtype=np.int32 if flat.dtype.itemsize == 4 else np.int64)
    offsets = np.empty(n, dtype=flat.dtype)
    gains = np.empty(n, dtype=flat.dtype)
    keep, qv, nq = _quant_values(quant, quant_values)
    err = _error_buffer()
    rc = lib.flacarray_float_to_int(
        _in(flat), flat.dtype.itemsize, n, m, quant, qv, nq, _out(ints), _out(offsets),
        _out(gains), err, len(err),
    )
    del keep
    if rc != 0:
        _raise(err)
    return ints, offsets, gains


def int_to_float(ints: np.ndarray, offsets: np.ndarray, gains: np.ndarray):
    """The rows of a 2-D int32 (int64) array as float32 (float64), each with its offset and
    gain."""
    n, m = ints.shape
    dtype = np.float32 if ints.dtype.itemsize == 4 else np.float64
    out = np.empty((n, m), dtype=dtype)
    offsets = np.ascontiguousarray(offsets, dtype=dtype).reshape(-1)
    gains = np.ascontiguousarray(gains, dtype=dtype).reshape(-1)
    if offsets.size != n or gains.size != n:
        raise RuntimeError(f"{offsets.size} offsets and {gains.size} gains for {n} streams")
    err = _error_buffer()
    rc = lib.flacarray_int_to_float(
        _in(ints), ints.dtype.itemsize, n, m, _in(offsets), _in(gains), _out(out), err, len(err),
    )
    if rc != 0:
        _raise(err)
    return out


HEAD_PROBE = int(lib.flacarray_head_probe())


def stream_window(head: bytes, nbytes: int, stream_size: int, first: int, last: int,
                  margin: float):
    """``(start, end, k0)``: the bytes of one stream to read for samples ``[first, last)``,
    and the frame holding ``first``; ``None`` to read it whole."""
    start, end, k0 = ffi.new("uint64_t *"), ffi.new("uint64_t *"), ffi.new("uint64_t *")
    head = np.ascontiguousarray(np.frombuffer(head, dtype=np.uint8))
    planned = lib.flacarray_stream_window(
        _in(head), head.size, int(nbytes), int(stream_size), int(first), int(last),
        float(margin), start, end, k0,
    )
    return (int(start[0]), int(end[0]), int(k0[0])) if planned == 1 else None


def decode_window(head, window, k0, stream_size, first, n, dtype, offset=None, gain=None):
    """Samples ``[first, first + n)`` of one stream from a window :func:`stream_window`
    planned, as ``dtype``; ``None`` if the window does not hold them."""
    out = np.empty(n, dtype=dtype)
    head = np.ascontiguousarray(np.frombuffer(head, dtype=np.uint8))
    window = np.ascontiguousarray(np.frombuffer(window, dtype=np.uint8))
    is_float = out.dtype.kind == "f"
    og = [np.array([v], dtype=dtype) for v in (offset, gain)] if is_float else None
    err = _error_buffer()
    rc = lib.flacarray_decode_window(
        _in(head), head.size, _in(window), window.size, int(k0), int(stream_size), int(first),
        out.dtype.kind.encode(), out.dtype.itemsize, _in(og[0]) if is_float else ffi.NULL,
        _in(og[1]) if is_float else ffi.NULL, _out(out), out.nbytes, err, len(err),
    )
    if rc < 0:
        _raise(err)
    return out if rc == 0 else None
