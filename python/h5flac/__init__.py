"""FLAC compression of time-streams for HDF5: the filter plugin (ID 32027) for h5py,
h5netcdf/xarray and dask, without a Rust toolchain and without ``HDF5_PLUGIN_PATH``.

``import h5flac`` registers the filter with h5py's HDF5 library. Then::

    import h5py, h5flac
    with h5py.File("tod.h5", "w") as f:
        f.create_dataset("tod", data=x, chunks=(4, 100_000), compression=h5flac.FLAC())

Integers are compressed losslessly; floats need ``quanta`` (values come back within
``quanta / 2``) or ``precision`` (digits kept below each stream's RMS). Each chunk is cut into
streams along its last axis, so chunk that axis long (thousands of samples or more).

A whole dataset on several cores: ``h5flac.read(dataset)`` and ``h5flac.write(dataset, x)``
decode and encode its chunks on threads while h5py moves the ones before (HDF5 itself hands
the filter one chunk at a time)::

    with h5py.File("tod.h5") as f:
        tod = h5flac.read(f["tod"], threads=0)   # 0: every core

Zarr: ``h5flac.zarr.FLAC`` (zarr-python 3) and ``h5flac.numcodecs.FLAC`` (Zarr v2) are the
same chunks as a codec named ``flacarray.flac``, found through entry points when an array is
read (``pip install "h5flac[zarr]"``).

Programs that load HDF5 plugins from a folder (h5repack, h5dump, netCDF-C's nccopy, other
processes such as dask's workers) find the same library in :data:`PLUGIN_PATH`::

    HDF5_PLUGIN_PATH=$(python -c "import h5flac; print(h5flac.PLUGIN_PATH)") h5dump -d tod tod.h5
"""

from ._direct import read, write
from ._filter import FILTER_ID, FLAC
from ._library import PLUGIN_PATH, Config, get_config, get_nthreads, register, set_nthreads
from ._verify import Verified, verify

try:
    from importlib.metadata import version as _version

    __version__: str = _version("h5flac")
except Exception:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

__all__ = [
    "FILTER_ID",
    "FLAC",
    "PLUGIN_PATH",
    "Config",
    "Verified",
    "get_config",
    "get_nthreads",
    "read",
    "register",
    "set_nthreads",
    "verify",
    "write",
    "__version__",
]

register()
