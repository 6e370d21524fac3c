"""h5flac from its installed wheel with the clients users combine it with:

- h5py and netCDF4 (each wheel with its own HDF5) in one process, both import orders, with
  the filter from HDF5_PLUGIN_PATH and with `import h5flac` (two_libraries.py);
- xarray + h5netcdf writing with `encoding={"signal": {**h5flac.FLAC(...), "chunksizes":
  ...}}`, read lazily with dask: threads, and the multiprocessing scheduler, whose workers
  are new processes (dask_workers.py);
- Debian's nccopy -F compressing a netCDF-4 file, netCDF4-python reading it.

    python tests/wheel/test_clients.py WORK_DIR
"""

import os
import struct
import sys

import numpy as np

from common import check, env_with, finish, run

assert "HDF5_PLUGIN_PATH" not in os.environ, "run without HDF5_PLUGIN_PATH"
import h5flac  # noqa: E402

WORK = sys.argv[1]
os.makedirs(WORK, exist_ok=True)
HERE = os.path.dirname(os.path.abspath(__file__))
PY = sys.executable
WITH_PATH = env_with(HDF5_PLUGIN_PATH=h5flac.PLUGIN_PATH)


def p(name):
    return os.path.join(WORK, name)


def two_libraries(order, mode):
    def test():
        out = run(PY, os.path.join(HERE, "two_libraries.py"), order, mode, WORK, env=WITH_PATH).stdout
        assert out.startswith("ok"), out
        print(f"  {order}, {mode}: {out.strip()}")

    return test


def signal():
    t = np.arange(200_000) * 0.01
    rng = np.random.default_rng(1)
    return np.sin(t[None, :] * np.arange(1, 9)[:, None]) + 0.01 * rng.normal(size=(8, t.size)), t


def test_xarray_h5netcdf():
    import xarray as xr

    x, t = signal()
    ds = xr.Dataset({"signal": (("det", "time"), x)}, coords={"time": t})
    path = p("xarray.nc")
    ds.to_netcdf(path, engine="h5netcdf",
                 encoding={"signal": {**h5flac.FLAC(quanta=1e-3), "chunksizes": (4, 100_000)}})
    import h5py

    with h5py.File(path, "r") as f:
        assert f["signal"].id.get_create_plist().get_filter(0)[0] == 32027
        assert f["signal"].chunks == (4, 100_000)
        assert h5flac.verify(f["signal"]).is_complete
    with xr.open_dataset(path, engine="h5netcdf", chunks={"det": 4, "time": 100_000}) as r:
        lazy = r.signal
        assert lazy.chunks == ((4, 4), (100_000,) * 2), lazy.chunks
        err = float(abs(lazy - ds.signal).max().compute(scheduler="threads"))
        assert err <= 0.5e-3 + 1e-12, err
        part = lazy.isel(det=slice(2, 6), time=slice(99_000, 101_000)).values
        assert np.max(np.abs(part - x[2:6, 99_000:101_000])) <= 0.5e-3 + 1e-12
    # Integers through the same route are lossless.
    counts = (x * 1000).astype("i4")
    xr.Dataset({"counts": (("det", "time"), counts)}).to_netcdf(
        p("xarray-ints.nc"), engine="h5netcdf",
        encoding={"counts": {**h5flac.FLAC(level=8), "chunksizes": (2, 200_000)}})
    with xr.open_dataset(p("xarray-ints.nc"), engine="h5netcdf") as r:
        assert np.array_equal(r.counts.values, counts)
    expected = float(np.round(x / 1e-3).sum() * 1e-3)
    np.save(p("expected.npy"), np.array([expected]))


def dask_workers(how, ok):
    def test():
        env = WITH_PATH if how == "plugin-path" else env_with()
        r = run(PY, os.path.join(HERE, "dask_workers.py"), how, p("xarray.nc"), env=env, ok=ok)
        if ok:
            total = float(r.stdout.split()[-1])
            expected = float(np.load(p("expected.npy"))[0])
            assert abs(total - expected) <= 1e-6 * max(1.0, abs(expected)), (total, expected)
        else:
            # What a worker without the filter says (the README tells what to do).
            assert "OSError" in r.stderr or "filter" in r.stderr.lower(), r.stderr[-2000:]
        print(f"  dask processes, {how}: {'sum ' + r.stdout.split()[-1] if ok else 'fails as documented'}")

    return test


def quanta_halves(q):
    bits = struct.unpack("<Q", struct.pack("<d", q))[0]
    return bits >> 32, bits & 0xFFFFFFFF


def test_nccopy_netcdf4():
    import netCDF4

    src, dst = p("plain.nc"), p("nccopy-flac.nc")
    counts = (np.arange(6 * 40_000).reshape(6, 40_000) % 7919 - 4000).astype("i4")
    temp = np.cos(np.arange(6 * 40_000).reshape(6, 40_000) / 300.0).astype("f4") * 20
    with netCDF4.Dataset(src, "w", format="NETCDF4") as nc:
        nc.createDimension("chan", 6)
        nc.createDimension("time", 40_000)
        nc.createVariable("counts", "i4", ("chan", "time"), chunksizes=(3, 40_000))[:] = counts
        nc.createVariable("temp", "f4", ("chan", "time"), chunksizes=(2, 40_000))[:] = temp
        nc.title = "made by netCDF4-python"
    hi, lo = quanta_halves(1e-3)
    if os.path.exists(dst):
        os.remove(dst)
    run("nccopy", "-F", "counts,32027,8", "-F", f"temp,32027,5,1,{hi},{lo}", src, dst, env=WITH_PATH)
    header = run("ncdump", "-hs", dst, env=WITH_PATH).stdout
    assert header.count("_Filter = \"32027") == 2, header
    # netCDF4-python, in a process whose HDF5 finds the plugin on HDF5_PLUGIN_PATH.
    reader = (
        "import sys, numpy as np, netCDF4\n"
        "with netCDF4.Dataset(sys.argv[1]) as nc:\n"
        "    np.save(sys.argv[2], nc['counts'][:].data)\n"
        "    np.save(sys.argv[3], nc['temp'][:].data)\n"
        "    print(nc.title, nc['counts'].filters())\n"
    )
    out = run(PY, "-c", reader, dst, p("counts.npy"), p("temp.npy"), env=WITH_PATH).stdout
    assert "made by netCDF4-python" in out, out
    assert np.array_equal(np.load(p("counts.npy")), counts)
    err = np.max(np.abs(np.load(p("temp.npy")).astype("f8") - temp.astype("f8")))
    assert err <= 0.5e-3 + 4 * np.finfo("f4").eps * 20, err
    # Without the plugin netCDF4 cannot read the compressed variable: it really is FLAC.
    run(PY, "-c", reader, dst, p("x.npy"), p("y.npy"), env=env_with(), ok=False)


for order in ("netcdf4-first", "h5py-first"):
    for mode in ("plugin-path", "import"):
        check(f"two HDF5 libraries: {order}, {mode}", two_libraries(order, mode))
check("xarray + h5netcdf + dask threads", test_xarray_h5netcdf)
check("dask processes: HDF5_PLUGIN_PATH", dask_workers("plugin-path", True))
check("dask processes: import h5flac at the top of the script", dask_workers("script-import", True))
check("dask processes: neither", dask_workers("late-import", False))
check("nccopy -F, netCDF4-python reads", test_nccopy_netcdf4)
finish("h5flac-clients")
