"""One chunk through the library's C functions (include/flacarray.h): the same encoder and
decoder as the HDF5 filter, for the Zarr and numcodecs codecs. No codec logic lives here."""

from __future__ import annotations

import os
import sys
from typing import Optional

import numpy as np

from ._filter import FLAC as _FilterParams
from .h5zflac import ffi, lib

#: The codec's name in Zarr v3 metadata, numcodecs' ``id`` and NCZarr: namespaced so that it
#: cannot be taken for another FLAC codec (flac-numcodecs registers ``"flac"``).
CODEC_NAME: str = "flacarray.flac"


def _error() -> "ffi.CData":
    return ffi.new("char[]", 1024)


def _message(err) -> str:
    return ffi.string(err).decode(errors="replace")


def check_params(level: int, quanta: Optional[float], precision: Optional[int],
                 data_range: bool = False):
    """Check the parameters (TypeError/ValueError naming the wrong one); the user's
    cd_values."""
    return _FilterParams(level=level, quanta=quanta, precision=precision,
                         data_range=data_range).filter_options


def config(level: int, quanta: Optional[float], precision: Optional[int], data_range: bool) -> dict:
    """The configuration's JSON keys that are set (as the Rust codec writes them)."""
    out = {"level": level}
    if quanta is not None:
        out["quanta"] = quanta
    if precision is not None:
        out["precision"] = precision
    if data_range:
        out["data_range"] = True
    return out


def repr_args(level: int, quanta: Optional[float], precision: Optional[int], data_range: bool) -> str:
    return ", ".join(f"{k}={v!r}" for k, v in config(level, quanta, precision, data_range).items())


def check_dtype(dtype: np.dtype, quanta: Optional[float], precision: Optional[int],
                data_range: bool = False) -> None:
    """Refuse a type the codec does not take, and floats without quanta or precision."""
    dtype = np.dtype(dtype)
    if not (
        (dtype.kind in "iu" and dtype.itemsize in (1, 2, 4, 8))
        or (dtype.kind == "f" and dtype.itemsize in (4, 8))
    ):
        raise TypeError(
            f"the {CODEC_NAME} codec takes integers of 1 to 8 bytes and float32/float64, "
            f"not {dtype}"
        )
    if dtype.kind == "f" and quanta is None and precision is None and not data_range:
        raise ValueError(
            f"{dtype} data needs quanta or precision for the {CODEC_NAME} codec, "
            f"e.g. quanta=1e-3 (values come back within quanta/2), or data_range=True"
        )


def _big_endian(dtype: np.dtype) -> bool:
    order = dtype.byteorder
    return order == ">" or (order == "=" and sys.byteorder == "big")


def encode(array: np.ndarray, cd_values) -> bytes:
    """Encode one chunk: each vector along the last axis is a stream (a 0-d chunk is one
    stream of one value). ``cd_values`` are the user's, from :func:`check_params`."""
    array = np.ascontiguousarray(array)
    dtype = array.dtype
    if dtype.kind not in "iuf":
        raise TypeError(f"the {CODEC_NAME} codec cannot encode {dtype} values")
    shape = array.shape or (1,)
    user = ffi.new("unsigned int[]", list(cd_values) or [5])
    dims = ffi.new("uint64_t[]", [int(d) for d in shape])
    stored = ffi.new("unsigned int[10]")
    err = _error()
    st = lib.flacarray_stored_params(
        user,
        len(user),
        dtype.kind.encode(),
        dtype.itemsize,
        int(_big_endian(dtype)),
        dims,
        len(shape),
        stored,
        err,
        len(err),
    )
    if st != 0:
        raise ValueError(_message(err))
    out = ffi.new("void **")
    out_len = ffi.new("uintptr_t *")
    st = lib.flacarray_encode_chunk(
        stored, 10, ffi.from_buffer(array), array.nbytes, out, out_len, err, len(err)
    )
    if st != 0:
        raise ValueError(_message(err))
    try:
        return bytes(ffi.buffer(out[0], out_len[0]))
    finally:
        lib.flacarray_free(out[0])


def info(chunk) -> tuple[np.dtype, int, int]:
    """The dtype, number of streams and stream length a chunk's header declares; ValueError
    naming the problem for anything that is not an intact chunk of this format."""
    return _info(ffi.from_buffer(chunk))


def _info(data) -> tuple[np.dtype, int, int]:
    kind = ffi.new("char *")
    size = ffi.new("uintptr_t *")
    big = ffi.new("int *")
    n_streams = ffi.new("uint64_t *")
    stream_len = ffi.new("uint64_t *")
    err = _error()
    st = lib.flacarray_chunk_info(
        data, len(data), kind, size, big, n_streams, stream_len, err, len(err)
    )
    if st != 0:
        raise ValueError(f"{CODEC_NAME}: {_message(err)}")
    order = ">" if big[0] else "<"
    dtype = np.dtype(f"{order}{kind[0].decode()}{size[0]}")
    return dtype, int(n_streams[0]), int(stream_len[0])


#: The environment variable that sets :func:`max_chunk_bytes`.
MAX_CHUNK_BYTES_ENV = "H5FLAC_MAX_CHUNK_BYTES"

#: The default of :func:`max_chunk_bytes`: 512 MiB.
DEFAULT_MAX_CHUNK_BYTES = 512 << 20


def max_chunk_bytes() -> int:
    """The most bytes a chunk may decode to when the caller gives no output buffer (Zarr v2
    through numcodecs: zarr checks the shape only after decoding). A FLAC frame of constant
    samples is a few bytes, so a small hostile chunk can claim gigabytes; a claim above this
    is refused before anything is allocated. The environment variable
    ``H5FLAC_MAX_CHUNK_BYTES`` (bytes) raises it; default 512 MiB."""
    value = os.environ.get(MAX_CHUNK_BYTES_ENV, "").strip()
    if not value:
        return DEFAULT_MAX_CHUNK_BYTES
    try:
        n = int(value)
    except ValueError:
        raise ValueError(f"{MAX_CHUNK_BYTES_ENV}={value!r} is not a number of bytes") from None
    if n <= 0:
        raise ValueError(f"{MAX_CHUNK_BYTES_ENV}={value!r} must be a positive number of bytes")
    return n


def decode(chunk, out: Optional[np.ndarray] = None) -> np.ndarray:
    """Decode one chunk by its own header: a 1-D array of its dtype, or ``out`` (any array
    or writable buffer of exactly the decoded size) filled with it. Without ``out``, a chunk
    that claims more than :func:`max_chunk_bytes` is refused before any allocation."""
    data = ffi.from_buffer(chunk)
    dtype, n_streams, stream_len = _info(data)
    n = n_streams * stream_len
    if out is None:
        limit = max_chunk_bytes()
        if n * dtype.itemsize > limit:
            raise ValueError(
                f"{CODEC_NAME}: the chunk claims {n_streams} streams of {stream_len} {dtype} "
                f"({n * dtype.itemsize} bytes decoded), more than the {limit} bytes a chunk may "
                f"decode to without an output buffer (a damaged or hostile chunk?); if your "
                f"chunks really are that large, set {MAX_CHUNK_BYTES_ENV} to more bytes"
            )
        target = np.empty(n, dtype=dtype)
    else:
        target = out
        nbytes = memoryview(out).nbytes
        if nbytes != n * dtype.itemsize:
            raise ValueError(
                f"{CODEC_NAME}: the chunk decodes to {n * dtype.itemsize} bytes "
                f"({n_streams} streams of {stream_len} {dtype}), the output holds {nbytes}"
            )
    err = _error()
    buffer = ffi.from_buffer(target, require_writable=True)
    st = lib.flacarray_decode(data, len(data), buffer, len(buffer), err, len(err))
    if st != 0:
        raise ValueError(f"{CODEC_NAME}: {_message(err)}")
    return target
