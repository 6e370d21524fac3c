"""``array_decompress_slice`` and ``array_decompress``, as in flacarray 0.4.1's
``flacarray.decompress``, on this package's native core: only the streams kept and the
samples asked for are decoded."""

from __future__ import annotations

import numpy as np

from . import _core


def _output_dtype(offsets, is_int64):
    if offsets is None:
        return np.dtype(np.int64 if is_int64 else np.int32)
    return np.dtype(np.float64 if is_int64 else np.float32)


def _sample_range(first, last, stream_size):
    first = 0 if first is None else int(first)
    last = stream_size if last is None else int(last)
    if not 0 <= first <= last <= stream_size:
        raise ValueError(
            f"samples [{first}, {last}) are not within streams of {stream_size} samples"
        )
    return first, last


def array_decompress_slice(
    compressed,
    stream_size,
    stream_starts,
    stream_nbytes,
    stream_offsets=None,
    stream_gains=None,
    keep=None,
    first_stream_sample=None,
    last_stream_sample=None,
    is_int64=False,
    use_threads=False,
    no_flatten=False,
):
    """Decompress the streams ``keep`` marks (all without it), samples
    ``[first_stream_sample, last_stream_sample)`` of each (``None``: from the start, to the
    end).

    The output is int32 or int64 (``is_int64``) without offsets and gains, float32 or float64
    with them. Without ``keep`` it has the shape of ``stream_starts`` plus the samples, 1-D
    for a single stream unless ``no_flatten``; with ``keep`` it is 2-D, one row a kept stream
    in C order, and the second value returned lists each kept stream's leading index.

    Returns:
        ``(array, indices)``.

    Raises:
        RuntimeError: offsets without gains (or gains without offsets), a ``keep`` of another
            shape than ``stream_starts``, damaged streams.
        ValueError: a sample range outside the streams.
    """
    if (stream_offsets is None) != (stream_gains is None):
        raise RuntimeError("Stream offsets and gains must both be specified or both be None")
    dtype = _output_dtype(stream_offsets, is_int64)
    scalar = not isinstance(stream_starts, np.ndarray) or stream_starts.shape == (1,)
    starts = np.atleast_1d(np.asarray(stream_starts, dtype=np.int64))
    nbytes = np.atleast_1d(np.asarray(stream_nbytes, dtype=np.int64))
    if nbytes.shape != starts.shape:
        raise RuntimeError(
            f"stream_nbytes has shape {nbytes.shape}, stream_starts {starts.shape}"
        )
    stream_size = int(stream_size)
    first, last = _sample_range(first_stream_sample, last_stream_sample, stream_size)
    if keep is not None:
        keep = np.asarray(keep)
        if keep.shape != starts.shape:
            raise RuntimeError("The keep array should have the same shape as stream_starts")
        keep = keep.astype(bool)
        selected = np.flatnonzero(keep)
        indices = [tuple(int(i) for i in ix) for ix in zip(*np.nonzero(keep))]
    else:
        selected = np.arange(starts.size)
        indices = []
    n = last - first
    if len(compressed) == 0:
        # A process holding no streams of a distributed array.
        shape = (selected.size, n) if keep is not None else starts.shape + (n,)
        return np.zeros(shape, dtype=dtype), indices
    offsets = gains = None
    if stream_offsets is not None:
        offsets = np.atleast_1d(np.asarray(stream_offsets))
        gains = np.atleast_1d(np.asarray(stream_gains))
    out = _core.decompress_streams(
        compressed, stream_size, starts, nbytes, offsets, gains, selected, first, last, dtype,
        use_threads,
    )
    if keep is not None:
        return out, indices
    if scalar and not no_flatten:
        return out.reshape(n), indices
    return out.reshape(starts.shape + (n,)), indices


def array_decompress(
    compressed,
    stream_size,
    stream_starts,
    stream_nbytes,
    stream_offsets=None,
    stream_gains=None,
    first_stream_sample=None,
    last_stream_sample=None,
    is_int64=False,
    use_threads=False,
    no_flatten=False,
):
    """Decompress every stream (samples ``[first_stream_sample, last_stream_sample)`` of
    each); see :func:`array_decompress_slice`. Returns the array only."""
    arr, _ = array_decompress_slice(
        compressed,
        stream_size,
        stream_starts,
        stream_nbytes,
        stream_offsets=stream_offsets,
        stream_gains=stream_gains,
        first_stream_sample=first_stream_sample,
        last_stream_sample=last_stream_sample,
        is_int64=is_int64,
        use_threads=use_threads,
        no_flatten=no_flatten,
    )
    return arr
