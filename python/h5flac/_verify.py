"""Checking a FLAC-compressed dataset chunk by chunk, as the Rust ``h5z::verify`` does."""

from __future__ import annotations

from dataclasses import dataclass, field

import h5py

from ._direct import _chunk_offsets, _selection, _written, checked_params
from ._filter import FILTER_ID
from .h5zflac import ffi, lib


@dataclass
class Verified:
    """What :func:`verify` found in one dataset."""

    #: Chunks the dataset's current shape spans.
    chunks: int
    #: Offsets (first element on each axis) of the chunks never written, in index order.
    missing: list[tuple[int, ...]] = field(default_factory=list)
    #: Offsets of the chunks that do not decode, with the reason, in offset order.
    damaged: list[tuple[tuple[int, ...], str]] = field(default_factory=list)
    #: Chunks HDF5 stored without FLAC (an optional filter it could not apply): nothing to
    #: decode.
    unfiltered: int = 0

    @property
    def is_complete(self) -> bool:
        """Every chunk is present and decodes."""
        return not self.missing and not self.damaged


def verify(dataset: h5py.Dataset) -> Verified:
    """Check every chunk of a dataset compressed with the FLAC filter: list the chunks never
    written (HDF5 reads them as the fill value without a word) and decode every other one.
    Where FLAC is the only filter, each stored chunk is read as it is
    (``read_direct_chunk``) and decoded by the filter's own codec, with its messages; where
    byte filters follow FLAC, each chunk is read through HDF5's whole pipeline::

        with h5py.File("tod.h5") as f:
            report = h5flac.verify(f["tod"])
            if not report.is_complete:
                print(len(report.missing), "chunks missing;", report.damaged)

    Raises:
        ValueError: if the dataset is not chunked or not compressed with FLAC.
        OSError: if its stored filter parameters do not describe its chunks (a damaged or
            hostile file: no chunk of it can be decoded safely).
    """
    dcpl = dataset.id.get_create_plist()
    filters = [dcpl.get_filter(i) for i in range(dcpl.get_nfilters())]
    ids = [f[0] for f in filters]
    if FILTER_ID not in ids or dataset.chunks is None:
        raise ValueError(
            f"{dataset.name}: not compressed with the FLAC filter (filters {ids})"
        )
    pos = ids.index(FILTER_ID)
    # Parameters that do not describe the dataset's chunks are an OSError here; None where
    # HDF5 never applied the filter (then every chunk is stored without it).
    params = checked_params(dataset, filters[pos][2])
    alone = len(filters) == 1
    shape, chunk = dataset.shape, dataset.chunks
    total = 1
    for n, c in zip(shape, chunk):
        total *= -(-n // c)

    if params is None:
        cd, size = ffi.new("unsigned int[]", [int(v) for v in filters[pos][2]] or [0]), 0
    else:
        cd, size = params
    out = ffi.new("char[]", max(size, 1))
    err = ffi.new("char[]", 1024)

    report = Verified(chunks=total)
    written = _written(dataset)
    for offset, mask in written.items():
        if mask & (1 << pos):
            report.unfiltered += 1
        elif alone:
            _, data = dataset.id.read_direct_chunk(offset)
            if lib.flacarray_decode_chunk(cd, len(cd), data, len(data), out, len(out), err, len(err)) != 0:
                report.damaged.append((offset, ffi.string(err).decode(errors="replace")))
        else:
            try:
                dataset[_selection(offset, chunk, shape)]
            except (OSError, ValueError) as e:
                report.damaged.append((offset, str(e)))
    report.damaged.sort()
    report.missing = [o for o in _chunk_offsets(shape, chunk) if o not in written]
    return report
