"""The Python API of flacarray 0.4.1 on this package's native core (the library the HDF5
filter uses): code written for flacarray runs after one import changes,
``import h5flac.flacarray as flacarray``. The modules mirror flacarray's (``array``,
``compress``, ``decompress``, ``demo``, ``mpi``, ``utils``); the bytes are flacarray's, both
ways, and flacarray 0.4.1's own tests of these modules pass against them.

Not yet here (issue 30, in progress): the ``hdf5`` and ``zarr`` modules and FlacArray's
``write_hdf5``/``read_hdf5``/``write_zarr``/``read_zarr``; use Python flacarray or the Rust
library for files until then."""

from .array import FlacArray
from .compress import array_compress
from .decompress import array_decompress, array_decompress_slice

__version__ = "0.4.1"
