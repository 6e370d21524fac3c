"""One process, two HDF5 libraries: h5py's wheel (HDF5 2.0) and netCDF4's wheel (its own HDF5)
both use the FLAC filter, each writing a file and reading both. Run by test_clients.py as

    python two_libraries.py ORDER MODE WORK

ORDER: "netcdf4-first" or "h5py-first" (import order); MODE: "plugin-path" (the filter is
loaded from HDF5_PLUGIN_PATH by both libraries) or "import" (also `import h5flac`, which
registers it with h5py's library). Prints "ok" or raises.
"""

import ctypes
import os
import sys

order, mode, work = sys.argv[1:4]
if order == "netcdf4-first":
    import netCDF4
    import h5py
else:
    import h5py
    import netCDF4
import numpy as np

if mode == "import":
    import h5flac  # noqa: F401

assert os.environ.get("HDF5_PLUGIN_PATH"), "netCDF4 finds the filter on HDF5_PLUGIN_PATH"

ints = (np.arange(4 * 30000).reshape(4, 30000) % 5000 - 2500).astype("i4")
floats = np.sin(np.arange(4 * 30000).reshape(4, 30000) / 50.0)
QUANTA = 1e-4
HI, LO = 0x3F1A36E2, 0xEB1C432D  # the two 32-bit halves of 1e-4
h5_path = os.path.join(work, f"h5py-{order}-{mode}.h5")
nc_path = os.path.join(work, f"netcdf4-{order}-{mode}.nc")

# h5py writes through its own HDF5.
with h5py.File(h5_path, "w") as f:
    f.create_dataset("ints", data=ints, chunks=(2, 30000), compression=32027, compression_opts=(5,))
    f.create_dataset("floats", data=floats, chunks=(2, 30000), compression=32027,
                     compression_opts=(5, 1, HI, LO))

# netCDF4 writes through its own HDF5: netCDF-C's nc_def_var_filter, from netCDF4's library.
libnc = ctypes.CDLL(netCDF4._netCDF4.__file__)
with netCDF4.Dataset(nc_path, "w", format="NETCDF4") as nc:
    nc.createDimension("det", 4)
    nc.createDimension("time", 30000)
    for name, dtype, params in (("ints", "i4", [5]), ("floats", "f8", [5, 1, HI, LO])):
        v = nc.createVariable(name, dtype, ("det", "time"), chunksizes=(2, 30000))
        cd = (ctypes.c_uint * len(params))(*params)
        st = libnc.nc_def_var_filter(nc._grpid, v._varid, 32027, len(params), cd)
        assert st == 0, f"nc_def_var_filter failed with netCDF error {st}"
    nc["ints"][:] = ints
    nc["floats"][:] = floats

for path in (h5_path, nc_path):
    with h5py.File(path, "r") as f:
        for name in ("ints", "floats"):
            assert f[name].id.get_create_plist().get_filter(0)[0] == 32027, (path, name)
        assert np.array_equal(f["ints"][...], ints), path
        assert np.max(np.abs(f["floats"][...] - floats)) <= QUANTA / 2 + 1e-15, path
    with netCDF4.Dataset(path, "r") as nc:
        assert np.array_equal(nc["ints"][:], ints), path
        assert np.max(np.abs(nc["floats"][:] - floats)) <= QUANTA / 2 + 1e-15, path
print("ok", h5py.version.hdf5_version, netCDF4.__hdf5libversion__)
