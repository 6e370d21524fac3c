"""The FLAC codec for zarr-python 3 (Zarr v3): an array-to-bytes codec (a *serializer*) named
``"flacarray.flac"`` in the array metadata, registered by this package's entry point::

    import zarr
    from h5flac.zarr import FLAC
    z = zarr.create_array("tod.zarr", shape=(64, 1_000_000), chunks=(4, 100_000), dtype="f8",
                          serializer=FLAC(quanta=1e-3), compressors=None)

Each chunk is cut into streams along its last axis; integers are lossless, floats need
``quanta`` or ``precision`` (checked when the array is created). The chunks are the HDF5
filter's chunks exactly, and Rust's zarrs reads them with flacarray's codec (feature
``zarr``). FLAC compresses on its own: add no bytes-to-bytes compressor after it.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Optional

import numpy as np
from zarr.abc.codec import ArrayBytesCodec
from zarr.core.common import parse_named_configuration
from zarr.registry import register_codec

from . import _chunk

if TYPE_CHECKING:
    from zarr.core.array_spec import ArraySpec
    from zarr.core.buffer import Buffer, NDBuffer


@dataclass(frozen=True)
class FLAC(ArrayBytesCodec):
    """FLAC compression of each chunk's streams (its last axis).

    Args:
        level: FLAC level, 0 (fastest) to 8 as in libFLAC, then 9 to 11 with longer blocks
            (docs/levels.md, "Levels 9 to 11"); 5 is FLAC's default.
        quanta: for floats, the quantization step (values come back within ``quanta / 2``).
        precision: for floats instead of ``quanta``: decimal digits kept below each
            stream's RMS.
        data_range: for floats instead of either: scale each stream from its own range.
    """

    is_fixed_size = False

    level: int
    quanta: Optional[float]
    precision: Optional[int]
    data_range: bool

    def __init__(
        self,
        *,
        level: int = 5,
        quanta: Optional[float] = None,
        precision: Optional[int] = None,
        data_range: bool = False,
    ) -> None:
        _chunk.check_params(level, quanta, precision, data_range)
        object.__setattr__(self, "level", int(level))
        object.__setattr__(self, "quanta", None if quanta is None else float(quanta))
        object.__setattr__(self, "precision", None if precision is None else int(precision))
        object.__setattr__(self, "data_range", data_range)

    def _params(self):
        return self.level, self.quanta, self.precision, self.data_range

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "FLAC":
        _, configuration = parse_named_configuration(
            data, _chunk.CODEC_NAME, require_configuration=False
        )
        configuration = dict(configuration or {})
        unknown = set(configuration) - {"level", "quanta", "precision", "data_range"}
        if unknown:
            raise ValueError(
                f"unknown keys {sorted(unknown)} in the {_chunk.CODEC_NAME} configuration; "
                "it takes level, quanta, precision and data_range"
            )
        return cls(**configuration)

    def to_dict(self) -> dict[str, Any]:
        return {"name": _chunk.CODEC_NAME, "configuration": _chunk.config(*self._params())}

    def validate(self, *, shape, dtype, chunk_grid) -> None:
        _chunk.check_dtype(dtype.to_native_dtype(), self.quanta, self.precision, self.data_range)

    def _cd_values(self):
        return _chunk.check_params(*self._params())

    def _encode_sync(self, chunk_array: "NDBuffer", chunk_spec: "ArraySpec") -> "Buffer":
        array = np.asarray(chunk_array.as_numpy_array())
        _chunk.check_dtype(array.dtype, self.quanta, self.precision, self.data_range)
        return chunk_spec.prototype.buffer.from_bytes(_chunk.encode(array, self._cd_values()))

    def _decode_sync(self, chunk_bytes: "Buffer", chunk_spec: "ArraySpec") -> "NDBuffer":
        expected = np.dtype(chunk_spec.dtype.to_native_dtype())
        data = chunk_bytes.as_numpy_array()
        dtype, n_streams, stream_len = _chunk.info(data)
        shape = tuple(chunk_spec.shape) or (1,)
        if (
            dtype.kind != expected.kind
            or dtype.itemsize != expected.itemsize
            or n_streams * stream_len != int(np.prod(shape))
            or stream_len != shape[-1]
        ):
            raise ValueError(
                f"{_chunk.CODEC_NAME}: the chunk holds {n_streams} streams of {stream_len} "
                f"{dtype}, the array's chunks are {tuple(chunk_spec.shape)} of {expected}"
            )
        # Sized from the array's metadata, not from the chunk.
        array = _chunk.decode(data, np.empty(shape, dtype)).astype(expected, copy=False)
        return chunk_spec.prototype.nd_buffer.from_numpy_array(
            array.reshape(tuple(chunk_spec.shape))
        )

    async def _encode_single(self, chunk_array: "NDBuffer", chunk_spec: "ArraySpec") -> "Buffer":
        # The library releases the GIL: chunks are coded on as many threads as zarr runs.
        return await asyncio.to_thread(self._encode_sync, chunk_array, chunk_spec)

    async def _decode_single(self, chunk_bytes: "Buffer", chunk_spec: "ArraySpec") -> "NDBuffer":
        return await asyncio.to_thread(self._decode_sync, chunk_bytes, chunk_spec)

    def compute_encoded_size(self, input_byte_length: int, chunk_spec: "ArraySpec") -> int:
        raise NotImplementedError(f"{_chunk.CODEC_NAME} chunks vary in size")


register_codec(_chunk.CODEC_NAME, FLAC)
