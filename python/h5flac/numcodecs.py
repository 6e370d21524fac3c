"""The FLAC codec for numcodecs: Zarr v2 (zarr-python 2, or 3 with ``zarr_format=2``),
xarray, and the JSON that netCDF-C's NCZarr writes (``{"id": "flacarray.flac", ...}``).

Registered with numcodecs under ``"flacarray.flac"`` by this package's entry point, so
zarr-python finds it by the name in the metadata; or use it directly::

    import zarr
    from h5flac.numcodecs import FLAC
    z = zarr.open_array("tod.zarr", mode="w", shape=(64, 1_000_000), chunks=(4, 100_000),
                        dtype="f8", zarr_format=2, compressor=FLAC(quanta=1e-3))

Each chunk is cut into streams along its last axis; integers are lossless, floats need
``quanta`` or ``precision``. The bytes are the HDF5 filter's chunks exactly.
"""

from __future__ import annotations

from typing import Optional

import numcodecs
import numpy as np
from numcodecs.abc import Codec

from . import _chunk


class FLAC(Codec):
    """FLAC compression of each chunk's streams (its last axis).

    Args:
        level: FLAC level, 0 (fastest) to 8 as in libFLAC, then 9 to 11 with longer blocks
            (docs/levels.md, "Levels 9 to 11"); 5 is FLAC's default.
        quanta: for floats, the quantization step (values come back within ``quanta / 2``).
        precision: for floats instead of ``quanta``: decimal digits kept below each
            stream's RMS.
        data_range: for floats instead of either: scale each stream from its own range.

    ``encode`` needs a typed array (the chunk as zarr passes it): its dtype and shape make the
    streams. ``decode`` needs nothing but the chunk: its header says what it holds.
    """

    codec_id = _chunk.CODEC_NAME

    def __init__(
        self,
        level: int = 5,
        quanta: Optional[float] = None,
        precision: Optional[int] = None,
        data_range: bool = False,
    ) -> None:
        self._cd_values = _chunk.check_params(level, quanta, precision, data_range)
        self.level = int(level)
        self.quanta = None if quanta is None else float(quanta)
        self.precision = None if precision is None else int(precision)
        self.data_range = data_range

    def _params(self):
        return self.level, self.quanta, self.precision, self.data_range

    def encode(self, buf) -> bytes:
        array = np.asarray(buf)
        _chunk.check_dtype(array.dtype, self.quanta, self.precision, self.data_range)
        return _chunk.encode(array, self._cd_values)

    def decode(self, buf, out=None):
        return _chunk.decode(buf, out)

    def get_config(self) -> dict:
        return {"id": self.codec_id, **_chunk.config(*self._params())}

    def __repr__(self) -> str:
        return f"{type(self).__name__}({_chunk.repr_args(*self._params())})"


numcodecs.register_codec(FLAC)
