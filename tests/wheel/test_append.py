"""Appending to FLAC datasets after reopening, the everyday operation on time-streams: for
every writer (h5py with h5flac.FLAC(), h5flac.write, the flacarray command, netCDF4-python with
an unlimited dimension through nccopy -F), a fresh process reopens the file, grows the
dataset and writes the new part, with ``import h5flac`` or with only HDF5_PLUGIN_PATH set.

    python tests/wheel/test_append.py WORK_DIR [FLACARRAY_COMMAND]
"""

import os
import sys

import h5py
import numpy as np

from common import check, data, env_with, finish, run

assert "HDF5_PLUGIN_PATH" not in os.environ, "run without HDF5_PLUGIN_PATH"
import h5flac  # noqa: E402

WORK = sys.argv[1]
COMMAND = sys.argv[2] if len(sys.argv) > 2 else None
os.makedirs(WORK, exist_ok=True)
X = data("<i4", (4, 2500))
WITH_PATH = env_with(HDF5_PLUGIN_PATH=h5flac.PLUGIN_PATH)
# How the appending process finds the filter: the first two compress what they append. With
# HDF5_PLUGIN_PATH alone, HDF5 loads a plugin when it first decodes a chunk, never to encode
# one: chunks written before anything is read are stored without FLAC (the filter is
# optional), complete and readable, and verify counts them.
MODES = {
    "import h5flac": env_with(),
    "HDF5_PLUGIN_PATH + filter_avail": WITH_PATH,
    "HDF5_PLUGIN_PATH alone": WITH_PATH,
}

# Run in a fresh process: grow /x by two rows (and 500 columns), write them, read all back.
APPEND_H5PY = """
import sys, numpy as np, h5py
if sys.argv[2] == "import h5flac":
    import h5flac
elif sys.argv[2] == "HDF5_PLUGIN_PATH + filter_avail":
    assert h5py.h5z.filter_avail(32027)  # loads the plugin
with h5py.File(sys.argv[1], "r+") as f:
    d = f["x"]
    d.resize((6, 3000))
    d[4:] = 7
    d[:4, 2500:] = 9
with h5py.File(sys.argv[1], "r") as f:
    np.save(sys.argv[3], f["x"][()])
"""


def p(name):
    return os.path.join(WORK, name)


def appended(path, mode):
    out = p("appended.npy")
    run(sys.executable, "-c", APPEND_H5PY, path, mode, out, env=MODES[mode])
    got = np.load(out)
    want = np.full((6, 3000), 7, "<i4")
    want[:4, :2500] = X
    want[:4, 2500:] = 9
    assert np.array_equal(got, want), (path, mode)
    with h5py.File(path, "r") as f:
        report = h5flac.verify(f["x"])
        assert report.is_complete, (path, mode, report)
        assert report.unfiltered == 0 or mode == "HDF5_PLUGIN_PATH alone", (path, mode, report)
    return report.unfiltered


def fresh(name, write):
    path = p(name)
    with h5py.File(path, "w") as f:
        write(f)
    return path


def test_h5py_and_h5flac_write():
    def with_h5py(f):
        f.create_dataset("x", data=X, chunks=(2, 1000), maxshape=(None, None), **h5flac.FLAC())

    def with_write(f):
        d = f.create_dataset("x", X.shape, X.dtype, chunks=(2, 1000), maxshape=(None, None),
                             **h5flac.FLAC())
        h5flac.write(d, X, threads=2)

    for mode in MODES:
        appended(fresh("h5py.h5", with_h5py), mode)
        appended(fresh("write.h5", with_write), mode)


def test_command():
    if not COMMAND:
        print("  (no flacarray command given: skipped)")
        return
    for mode in MODES:
        src = fresh("plain.h5", lambda f: f.create_dataset("x", data=X, chunks=(2, 2500),
                                                           maxshape=(None, None)))
        out = p("command.h5")
        if os.path.exists(out):
            os.remove(out)
        run(COMMAND, "compress", src, out)
        with h5py.File(out, "r") as f:
            assert f["x"].id.get_create_plist().get_filter(0)[0] == 32027
            assert f["x"].maxshape == (None, None)
        unfiltered = appended(out, mode)
        if mode == "HDF5_PLUGIN_PATH alone":
            # The new chunks were written before anything was read: stored without FLAC.
            assert unfiltered == 3, unfiltered


def test_netcdf4_unlimited():
    import netCDF4

    src, dst = p("plain.nc"), p("flac.nc")
    with netCDF4.Dataset(src, "w", format="NETCDF4") as nc:
        nc.createDimension("chan", 4)
        nc.createDimension("time", None)
        v = nc.createVariable("tod", "i4", ("chan", "time"), chunksizes=(2, 1000))
        v[:, :2500] = X
    run("nccopy", "-F", "tod,32027,5", src, dst, env=WITH_PATH)
    code = """
import sys, numpy as np, netCDF4
if sys.argv[2] == "import h5flac":
    import h5flac
with netCDF4.Dataset(sys.argv[1], "a") as nc:
    v = nc["tod"]
    v[:, 2500:3000] = np.full((4, 500), 9, "i4")
with netCDF4.Dataset(sys.argv[1]) as nc:
    np.save(sys.argv[3], nc["tod"][:].filled(-1))
"""
    for mode in ("import h5flac", "HDF5_PLUGIN_PATH alone"):
        run("cp", dst, p("append.nc"))
        out = p("nc.npy")
        # netCDF4's wheel has its own HDF5: only HDF5_PLUGIN_PATH reaches it.
        run(sys.executable, "-c", code, p("append.nc"), mode, out, env=WITH_PATH)
        got = np.load(out)
        assert got.shape == (4, 3000) and np.array_equal(got[:, :2500], X), mode
        assert (got[:, 2500:] == 9).all(), mode
        # netCDF-C loads the filters of a file when it opens it: the new chunks are FLAC.
        with h5py.File(p("append.nc"), "r") as f:
            report = h5flac.verify(f["tod"])
            assert report.is_complete and report.unfiltered == 0, (mode, report)


check("h5py and h5flac.write, appended in a fresh process", test_h5py_and_h5flac_write)
check("the flacarray command's output, appended", test_command)
check("netCDF4 unlimited dimension through nccopy -F, appended", test_netcdf4_unlimited)
finish("appending after reopening")
