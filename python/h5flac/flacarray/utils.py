"""Helpers of flacarray 0.4.1's ``flacarray.utils``: the float/integer conversion of every
stream (on this package's native core, bit for bit flacarray's), the dtype a stored array
decodes to, ``keep`` selections, and the package logger and function timers."""

from __future__ import annotations

import functools
import logging
import os
import time

import numpy as np

from . import _core
from .compress import _leading_shape, quantization

log = logging.getLogger("flacarray")
_level = os.environ.get("FLACARRAY_LOGLEVEL", os.environ.get("FLACARRAY_LOG_LEVEL"))
if _level:
    try:
        log.setLevel(_level.upper())
    except ValueError:  # an unknown level name must not stop the import
        log.warning(f"FLACARRAY_LOGLEVEL={_level!r} is not a logging level; ignored")

_timers: dict = {}


def use_function_timers() -> bool:
    """Whether :func:`function_timer` records times (environment ``FLACARRAY_TIMING``)."""
    return os.environ.get("FLACARRAY_TIMING", "0").lower() in ("1", "true", "yes")


def get_timers() -> dict:
    """The seconds recorded for each timed function, by name."""
    return _timers


def update_timer(name: str, elapsed: float) -> None:
    _timers[name] = _timers.get(name, 0.0) + elapsed


def clear_timers() -> None:
    _timers.clear()


def print_timers() -> None:
    for name, seconds in sorted(_timers.items()):
        print(f"{name}: {seconds:0.3f} s", flush=True)


def function_timer(f):
    """Record the time spent in ``f`` when :func:`use_function_timers` is on."""

    @functools.wraps(f)
    def timed(*args, **kwargs):
        if not use_function_timers():
            return f(*args, **kwargs)
        start = time.perf_counter()
        try:
            return f(*args, **kwargs)
        finally:
            update_timer(f.__qualname__, time.perf_counter() - start)

    return timed


function_timer_stackskip = function_timer


def ensure_one_element(value, dtype=None):
    """A scalar as a 1-element array; an array as it is."""
    arr = np.asarray(value, dtype=dtype)
    return arr.reshape(1) if arr.ndim == 0 else arr


def compressed_dtype(n_channel, offsets, gains):
    """The dtype stored streams decode to: int32 or int64 (one or two FLAC channels) without
    offsets and gains, float32 or float64 with them."""
    if (offsets is None) != (gains is None):
        raise RuntimeError("Stream offsets and gains must both be specified or both be None")
    if n_channel not in (1, 2):
        raise RuntimeError(f"Streams of {n_channel} channels are not flacarray's")
    if offsets is None:
        return np.dtype(np.int64 if n_channel == 2 else np.int32)
    return np.dtype(np.float64 if n_channel == 2 else np.float32)


def float_to_int(data, quanta=None, precision=None):
    """Every stream (last axis) of a float32 or float64 array as int32 or int64 integers,
    quantized with ``quanta`` or ``precision`` (a scalar or one a stream), or with neither
    from each stream's own range.

    Returns:
        ``(idata, offsets, gains)``: the integers in ``data``'s shape, and each stream's
        offset and gain (shaped like the leading axes, ``(1,)`` for 1-D data), such that
        ``data ≈ offsets + idata / gains``.
    """
    data = np.asarray(data)
    if data.dtype.kind != "f" or data.dtype.itemsize not in (4, 8):
        raise ValueError(f"Only float32 and float64 data are converted, not '{data.dtype}'")
    if data.size == 0:
        raise ValueError("Cannot convert a zero-sized array!")
    leading = _leading_shape(data.shape)
    quant, values = quantization(data.dtype, leading, quanta, precision)
    flat = np.ascontiguousarray(data, dtype=data.dtype.newbyteorder("=")).reshape(
        -1, data.shape[-1]
    )
    ints, offsets, gains = _core.float_to_int(flat, quant, values)
    return ints.reshape(data.shape), offsets.reshape(leading), gains.reshape(leading)


def int_to_float(idata, offset, gain):
    """Floats back from :func:`float_to_int`'s integers: float32 from int32, float64 from
    int64, each stream with its offset and gain."""
    idata = np.asarray(idata)
    if idata.dtype.kind != "i" or idata.dtype.itemsize not in (4, 8):
        raise ValueError(f"Only int32 and int64 data are converted, not '{idata.dtype}'")
    if idata.ndim == 0:
        raise ValueError("int_to_float needs at least one axis")
    flat = np.ascontiguousarray(idata, dtype=idata.dtype.newbyteorder("=")).reshape(
        -1, idata.shape[-1]
    )
    return _core.int_to_float(flat, offset, gain).reshape(idata.shape)


def keep_select(keep, stream_starts, stream_nbytes):
    """The starts and lengths of the streams ``keep`` marks (all without it), in C order."""
    if keep is None:
        return stream_starts, stream_nbytes
    keep = np.asarray(keep, dtype=bool)
    if keep.shape != np.shape(stream_starts):
        raise RuntimeError("The keep array should have the same shape as stream_starts")
    return np.asarray(stream_starts)[keep], np.asarray(stream_nbytes)[keep]


def select_keep_indices(arr, indices):
    """The entries of ``arr`` (shaped like the leading axes) at ``indices``, in order."""
    if arr is None:
        return None
    arr = np.asarray(arr)
    return np.array([arr[tuple(ix)] for ix in indices], dtype=arr.dtype)
