"""The Python API of flacarray 0.4.1 on this package's native core (the library the HDF5
filter uses): code written for flacarray runs after one import changes,
``import h5flac.flacarray as flacarray``. The modules mirror flacarray's (``array``,
``compress``, ``decompress``, ``demo``, ``hdf5``, ``hdf5_utils``, ``mpi``, ``utils``,
``zarr``); the bytes and files are flacarray's, both ways, and flacarray 0.4.1's own test
suite (all but its C-layer ``bindings`` tests) passes against them, serially and under
mpirun.

HDF5 under MPI works through MPI-IO (h5py built for MPI) or with rank 0 doing the I/O; a
``stream_slice`` read fetches only the frames holding those samples."""

from .array import FlacArray
from .compress import array_compress
from .decompress import array_decompress, array_decompress_slice

__version__ = "0.4.1"
