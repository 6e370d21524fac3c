"""The filter's parameters as an h5py compression argument, like hdf5plugin's classes."""

from __future__ import annotations

import math
import numbers
import struct
from typing import Optional

import h5py

FilterRefBase = h5py.filters.FilterRefBase

#: The HDF5 filter ID of FLAC, registered with The HDF Group.
FILTER_ID: int = 32027

#: The highest level: libFLAC's 0 to 8, then 9 to 11 with blocks of 16384 samples.
MAX_LEVEL: int = 11

_MODE_QUANTA = 1
_MODE_PRECISION = 2
_MODE_DATA_RANGE = 3


class FLAC(FilterRefBase):
    """The FLAC filter (ID 32027) with its parameters, for h5py's ``create_dataset``::

        f.create_dataset("counts", data=counts, chunks=(4, 100_000), compression=FLAC())
        f.create_dataset("tod", data=tod, chunks=(4, 100_000), compression=FLAC(quanta=1e-3))
        f.create_dataset("tod", data=tod, chunks=(4, 100_000), **FLAC(precision=6))

    Each chunk is compressed stream by stream along its last axis.

    Args:
        level: FLAC compression level, 0 (fastest) to 8 as in libFLAC, then 9 to 11 with
            blocks of 16384 samples (9: smaller than 8 at level 5's speed; 11: the smallest,
            encoding slowly). 5 is FLAC's default.
        quanta: for float datasets, the quantization step: values come back within
            ``quanta / 2``. A positive, finite number.
        precision: for float datasets instead of ``quanta``: the number of decimal digits
            kept below each stream's RMS (quanta = RMS / 10**precision, per stream of each
            chunk). An integer, may be negative.
        data_range: for float datasets instead of either: scale each stream from its own
            range (about 2**31 steps across it for float32, 2**63 for float64; what Python
            flacarray documents as its default). Must be asked for.

    Integer datasets (8 to 64 bits, signed or unsigned) are lossless and ignore ``quanta``
    and ``precision``. A float dataset without either is refused when it is created.
    FLAC must be the first filter of the pipeline: do not combine it with ``shuffle=True``
    or ``scaleoffset``; byte filters such as ``fletcher32=True`` may follow it.

    Raises:
        TypeError, ValueError: with a message naming the wrong argument.
    """

    filter_name = "flac"
    filter_id = FILTER_ID

    def __init__(
        self,
        level: int = 5,
        quanta: Optional[float] = None,
        precision: Optional[int] = None,
        data_range: bool = False,
    ) -> None:
        if isinstance(level, bool) or not isinstance(level, numbers.Integral):
            raise TypeError(f"level must be an integer from 0 to {MAX_LEVEL}, got {level!r}")
        if not 0 <= level <= MAX_LEVEL:
            raise ValueError(f"level must be from 0 to {MAX_LEVEL}, got {level}")
        if not isinstance(data_range, bool):
            raise TypeError(f"data_range must be True or False, got {data_range!r}")
        if (quanta is not None) + (precision is not None) + data_range > 1:
            raise ValueError("give one of quanta, precision and data_range, not several")
        options: tuple[int, ...]
        if data_range:
            options = (int(level), _MODE_DATA_RANGE)
        elif quanta is not None:
            if isinstance(quanta, bool) or not isinstance(quanta, numbers.Real):
                raise TypeError(f"quanta must be a number, got {quanta!r}")
            q = float(quanta)
            if not (math.isfinite(q) and q > 0.0):
                raise ValueError(f"quanta must be positive and finite, got {quanta!r}")
            bits = struct.unpack("<Q", struct.pack("<d", q))[0]
            options = (int(level), _MODE_QUANTA, bits >> 32, bits & 0xFFFFFFFF)
        elif precision is not None:
            if isinstance(precision, bool) or not isinstance(precision, numbers.Integral):
                raise TypeError(f"precision must be an integer, got {precision!r}")
            if not -(2**31) <= precision < 2**31:
                raise ValueError(f"precision must fit in 32 bits, got {precision}")
            options = (int(level), _MODE_PRECISION, int(precision) & 0xFFFFFFFF)
        else:
            options = (int(level),)
        self.filter_options = options
        self.level = int(level)
        self.quanta = None if quanta is None else float(quanta)
        self.precision = None if precision is None else int(precision)
        self.data_range = data_range

    def __repr__(self) -> str:
        args = [f"level={self.level}"]
        if self.quanta is not None:
            args.append(f"quanta={self.quanta!r}")
        if self.precision is not None:
            args.append(f"precision={self.precision}")
        if self.data_range:
            args.append("data_range=True")
        return f"{type(self).__name__}({', '.join(args)})"
