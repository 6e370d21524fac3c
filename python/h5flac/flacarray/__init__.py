"""The Python API of flacarray 0.4.1 on this package's native core (the library the HDF5
filter uses): code written for flacarray runs after one import changes,
``import h5flac.flacarray as flacarray``. The modules mirror flacarray's; the files are
byte for byte the same, both ways.

Still to come here (issue 30): ``array`` (FlacArray), ``hdf5``, ``zarr``, ``demo`` and
``mpi``."""

from .compress import array_compress
from .decompress import array_decompress, array_decompress_slice

__version__ = "0.4.1"
