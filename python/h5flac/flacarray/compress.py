"""``array_compress`` and ``array_compress_empty``, as in flacarray 0.4.1's
``flacarray.compress``, on this package's native core."""

from __future__ import annotations

import numpy as np

from . import _core


def _leading_shape(shape):
    return tuple(shape[:-1]) if len(shape) > 1 else (1,)


def _per_stream(values, leading, name, dtype):
    """A scalar stays a 0-d array; an array (or list) must hold one value a stream."""
    arr = np.asarray(values, dtype=dtype)
    if arr.ndim == 0:
        return arr
    if arr.size != int(np.prod(leading)) or (arr.ndim > 1 and arr.shape != tuple(leading)):
        raise ValueError(
            f"{name} has shape {arr.shape}, but the array's leading shape is {tuple(leading)}"
        )
    return arr.reshape(-1)


def quantization(dtype, leading, quanta, precision):
    """The core's quantization code and values for data of ``dtype``."""
    if np.dtype(dtype).kind != "f":
        return _core.QUANT_NONE, None
    if quanta is not None and precision is not None:
        raise RuntimeError("Cannot set both quanta and precision")
    if quanta is not None:
        return _core.QUANT_QUANTA, _per_stream(quanta, leading, "quanta", np.float64)
    if precision is not None:
        return _core.QUANT_PRECISION, _per_stream(precision, leading, "precision", np.int32)
    # flacarray's documented default (0.4.1 itself raises here): each stream scaled from its
    # own range.
    return _core.QUANT_RANGE, None


def array_compress(arr, level=5, quanta=None, precision=None, use_threads=False):
    """Compress a numpy array whose last axis holds the streams, byte for byte as flacarray
    0.4.1 does.

    int32 and int64 arrays are lossless (``quanta`` and ``precision`` are ignored); float32
    and float64 arrays are quantized with ``quanta`` (the value of one integer step) or
    ``precision`` (significant digits), each a scalar or one value a stream (shaped like the
    leading axes), or, with neither, each stream from its own range.

    Returns:
        ``(compressed, stream_starts, stream_nbytes, stream_offsets, stream_gains)``: the
        uint8 bytes of every stream, the int64 start and length of each (shaped like the
        leading axes, ``(1,)`` for a 1-D array), and for floats each stream's offset and gain
        (``None`` for integers).

    Raises:
        ValueError: an empty array or an unsupported dtype.
        RuntimeError: both ``quanta`` and ``precision``, a value that cannot be quantized
            (NaN, an infinity, beyond the integer range at its quanta), a wrong level.
    """
    arr = np.asarray(arr)
    if arr.size == 0:
        raise ValueError("Cannot compress a zero-sized array!")
    if arr.dtype.newbyteorder("=") not in _core.DTYPES:
        raise ValueError(f"Unsupported data type '{arr.dtype}'")
    leading = _leading_shape(arr.shape)
    quant, values = quantization(arr.dtype, leading, quanta, precision)
    flat = np.ascontiguousarray(arr, dtype=arr.dtype.newbyteorder("=")).reshape(
        -1, arr.shape[-1]
    )
    compressed, starts, nbytes, offsets, gains = _core.compress_streams(
        flat, level, quant, values, use_threads
    )
    starts = starts.reshape(leading)
    nbytes = nbytes.reshape(leading)
    if offsets is not None:
        offsets = offsets.reshape(leading)
        gains = gains.reshape(leading)
    return compressed, starts, nbytes, offsets, gains


def array_compress_empty(global_shape, dtype, quanta, precision):
    """What a process with no streams of a distributed array holds: no bytes, no streams of
    the global array's other leading axes, and for floats empty offsets and gains (as the
    other processes have; flacarray 0.4.1 makes them only when ``quanta`` or ``precision`` is
    given, and for integers too)."""
    lead = (0,) + tuple(global_shape[1:-1])
    compressed = np.zeros(0, dtype=np.uint8)
    starts = np.zeros(lead, dtype=np.int64)
    nbytes = np.zeros(lead, dtype=np.int64)
    if np.dtype(dtype).kind != "f":
        return compressed, starts, nbytes, None, None
    return compressed, starts, nbytes, np.zeros(lead, dtype=dtype), np.zeros(lead, dtype=dtype)
