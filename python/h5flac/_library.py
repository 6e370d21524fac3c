"""The plugin library shipped in this package, and its registration with h5py's HDF5."""

from __future__ import annotations

import ctypes
import numbers
import os
from typing import NamedTuple, Optional

import h5py
import h5py.h5z

from ._filter import FILTER_ID
from .h5zflac import ffi, lib

#: The folder holding the plugin library (``libh5zflac.so``), for ``HDF5_PLUGIN_PATH``:
#: h5repack, h5dump, netCDF-C, C programs, and other Python processes.
PLUGIN_PATH: str = os.path.join(os.path.dirname(os.path.abspath(__file__)), "h5zflac")

_LIBRARY_FILE = os.path.join(PLUGIN_PATH, "libh5zflac.so")


class Config(NamedTuple):
    """What :func:`get_config` reports."""

    #: Version of the filter library and of the libFLAC inside it.
    library: str
    #: The plugin library's file.
    library_file: str
    #: The folder to put on ``HDF5_PLUGIN_PATH``.
    plugin_path: str
    #: Whether h5py's HDF5 has the FLAC filter (ID 32027) available.
    registered: bool
    #: The version of the HDF5 library h5py uses.
    hdf5_version: str
    #: The file of the HDF5 library h5py uses, if it can be found.
    hdf5_file: Optional[str]
    #: Threads the filter codes each chunk's streams on (:func:`set_nthreads`).
    nthreads: int


def _error_buffer():
    return ffi.new("char[]", 1024)


def _h5zregister():
    """``H5Zregister`` of h5py's own HDF5 library: looked up from one of h5py's extension
    modules, whose dependencies include that library (a wheel bundles its own copy, which
    other libraries in the process, such as netCDF4's, cannot see)."""
    function = ctypes.CDLL(h5py.h5z.__file__).H5Zregister
    function.argtypes = [ctypes.c_void_p]
    function.restype = ctypes.c_int
    return function


def _hdf5_address() -> int:
    """An address inside h5py's HDF5 library."""
    address = ctypes.cast(_h5zregister(), ctypes.c_void_p).value
    if not address:
        raise RuntimeError("h5flac cannot find h5py's HDF5 library (no H5Zregister)")
    return address


def register() -> None:
    """Register the FLAC filter with h5py's HDF5 library, bound to that library. Done on
    ``import h5flac``; calling it again does no harm.

    Raises:
        RuntimeError: if h5py's HDF5 library cannot be found or refuses the filter.
    """
    err = _error_buffer()
    cls = lib.flacarray_filter_class(ffi.cast("void *", _hdf5_address()), err, len(err))
    if cls == ffi.NULL:
        raise RuntimeError(
            "h5flac cannot bind the FLAC filter to h5py's HDF5 library: "
            + ffi.string(err).decode(errors="replace")
        )
    address = int(ffi.cast("uintptr_t", cls))
    if hasattr(h5py.h5z, "register_filter"):
        ok = bool(h5py.h5z.register_filter(address))
    else:
        # h5py before 3.8 (Debian 12's python3-h5py 3.7) has no register_filter.
        ok = _h5zregister()(address) >= 0
    if not ok:
        raise RuntimeError("h5py's HDF5 library refused to register the FLAC filter")


def _hdf5_file() -> Optional[str]:
    class DlInfo(ctypes.Structure):
        _fields_ = [
            ("dli_fname", ctypes.c_char_p),
            ("dli_fbase", ctypes.c_void_p),
            ("dli_sname", ctypes.c_char_p),
            ("dli_saddr", ctypes.c_void_p),
        ]

    try:
        libc = ctypes.CDLL(None)
        info = DlInfo()
        if libc.dladdr(ctypes.c_void_p(_hdf5_address()), ctypes.byref(info)) == 0:
            return None
        return os.path.normpath(os.fsdecode(info.dli_fname)) if info.dli_fname else None
    except (OSError, AttributeError):
        return None


def get_config() -> Config:
    """The library's version, where it was loaded from and whether h5py has the filter::

    >>> import h5flac
    >>> h5flac.get_config().registered
    True
    """
    return Config(
        library=ffi.string(lib.flacarray_version()).decode(),
        library_file=_LIBRARY_FILE,
        plugin_path=PLUGIN_PATH,
        registered=bool(h5py.h5z.filter_avail(FILTER_ID)),
        hdf5_version=h5py.version.hdf5_version,
        hdf5_file=_hdf5_file(),
        nthreads=get_nthreads(),
    )


def set_nthreads(n: Optional[int]) -> None:
    """Set how many threads the filter encodes and decodes each chunk's streams on, in this
    process (HDF5 hands the filter one chunk at a time; its streams are then coded in
    parallel). ``n`` threads, ``0`` for every core the process may use, or ``None`` to go back
    to the environment variable ``FLACARRAY_FILTER_THREADS`` (unset: 1). Under MPI with one
    rank per core, leave it at 1. Worker processes (dask's, multiprocessing's) do not inherit
    it; set the environment variable for them.

    Raises:
        TypeError, ValueError: for a value that is not a non-negative integer or None.
    """
    if n is None:
        lib.flacarray_set_threads(-1)
        return
    if isinstance(n, bool) or not isinstance(n, numbers.Integral):
        raise TypeError(f"n must be an integer or None, got {n!r}")
    if not 0 <= n < 2**31:
        raise ValueError(f"n must be 0 (every core) or a positive number of threads, got {n}")
    lib.flacarray_set_threads(int(n))


def get_nthreads() -> int:
    """The number of threads the filter codes the next chunk's streams on."""
    return int(lib.flacarray_threads())
