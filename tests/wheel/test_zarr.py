"""The h5flac Zarr codecs through real clients, from a virtualenv holding only the wheel and
clients from PyPI (scripts/test_wheel.sh):

    test_zarr.py WORK write        zarr-python 3 (v3 serializer and v2 numcodecs compressor),
                                   NCZarr through netCDF4's wheel, xarray; errors. Leaves
                                   WORK/python/{zarr3,nczarr}/<name> + <name>.npy for Rust.
    test_zarr.py WORK write-zarr2  zarr-python 2 + numcodecs (its own virtualenv); leaves
                                   WORK/python/zarr2/<name> + <name>.npy.
    test_zarr.py WORK check-rust   zarr-python 3 reads WORK/rust/<name> written by zarrs.

Integers must come back exactly, floats within quanta/2.
"""

import ctypes
import glob
import json
import os
import shutil
import struct
import subprocess
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import check, data, env_with, finish  # noqa: E402

WORK = os.path.abspath(sys.argv[1])
PHASE = sys.argv[2]
if PHASE == "write":
    # netCDF-C finds the plugin (and its NCZarr codec) there; the Zarr codecs do not need it.
    import h5flac

    os.environ["HDF5_PLUGIN_PATH"] = h5flac.PLUGIN_PATH
QUANTA = 1e-3
INTS = ["i1", "u1", "i2", "u2", "i4", "u4", "i8", "u8"]
FLOATS = ["f4", "f8"]
# (shape, chunks): 1- to 4-D, with edge chunks in every dimension but the first.
SHAPES = [
    ((1000,), (300,)),
    ((5, 1000), (2, 300)),
    ((2, 3, 700), (1, 2, 256)),
    ((2, 2, 3, 300), (1, 2, 2, 128)),
]


def same(got, want, dtype, quanta=QUANTA):
    got = np.asarray(got)
    assert got.shape == want.shape, (got.shape, want.shape)
    if np.dtype(dtype).kind == "f":
        err = np.abs(got.astype("f8") - want.astype("f8")).max()
        assert err <= quanta / 2 + 1e-5, f"{dtype}: error {err}"
    else:
        assert np.array_equal(got, want), f"{dtype}: values differ"


def name_of(dtype, shape):
    return f"{np.dtype(dtype).name}_{len(shape)}d"


def fresh(path):
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


def expect_error(fn, *words):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - the message is what is checked
        text = f"{type(e).__name__}: {e}"
        for w in words:
            assert w in text, f"{w!r} not in {text!r}"
        return text
    raise AssertionError(f"no error; expected one saying {words}")


# --- zarr-python 3 -------------------------------------------------------------------------


def zarr3_every_type():
    import zarr

    from h5flac.zarr import FLAC

    root = fresh(os.path.join(WORK, "python", "zarr3"))
    for dtype in INTS + FLOATS:
        for i, (shape, chunks) in enumerate(SHAPES):
            x = data(dtype, shape, seed=i)
            float_ = np.dtype(dtype).kind == "f"
            codec = FLAC(level=[5, 0, 8, 3][i], quanta=QUANTA if float_ else None)
            name = name_of(dtype, shape)
            z = zarr.create_array(
                os.path.join(root, name), shape=shape, chunks=chunks, dtype=dtype,
                serializer=codec, compressors=None, fill_value=0,
                attributes={"quanta": QUANTA} if float_ else {},
            )
            z[:] = x
            np.save(os.path.join(root, name + ".npy"), x)
            back = zarr.open_array(os.path.join(root, name), mode="r")
            meta = json.load(open(os.path.join(root, name, "zarr.json")))
            assert meta["codecs"][0]["name"] == "flacarray.flac", meta["codecs"]
            same(back[:], x, dtype)
            same(back[..., 100:401], x[..., 100:401], dtype)


def precision_through_zarr3_numcodecs_and_nczarr():
    """Floats with precision (digits below each stream's RMS), then with data_range (each
    stream from its range), through the three writers: the same chunks, each read back within
    half the step the codec derives per stream of each chunk."""
    x = data("f4", (4, 3000))
    digits = 3
    # The widest step any stream can get: its RMS / 10^digits (chunks hold whole streams).
    tolerance = float(np.sqrt((x.astype("f8") ** 2).mean(axis=1)).max()) / 10**digits
    float_mode_through_three_writers("precision", x, dict(precision=digits), [5, 2, digits], tolerance)
    # About 2^31 steps across a stream's range (|x| < 11): the step.
    float_mode_through_three_writers("data-range", x, dict(data_range=True), [5, 3], 1.01 * 11 / 2**31)


def float_mode_through_three_writers(label, x, params, cd_values, tolerance):
    import netCDF4
    import zarr

    from h5flac.numcodecs import FLAC as FLACv2
    from h5flac.zarr import FLAC

    root = fresh(os.path.join(WORK, label))
    v3 = zarr.create_array(os.path.join(root, "v3"), shape=x.shape, chunks=(2, 3000), dtype="f4",
                           serializer=FLAC(**params), compressors=None)
    v3[:] = x
    v2 = zarr.open_array(os.path.join(root, "v2"), mode="w", shape=x.shape, chunks=(2, 3000),
                         dtype="f4", zarr_format=2, compressor=FLACv2(**params))
    v2[:] = x
    lib = netcdf_library()
    nc_path = os.path.join(root, "nczarr")
    with netCDF4.Dataset(nczarr_url(nc_path), "w") as ds:
        ds.createDimension("det", 4)
        ds.createDimension("time", 3000)
        v = ds.createVariable("tod", "f4", ("det", "time"), chunksizes=(2, 3000), fill_value=False)
        def_filter(lib, v, cd_values)
        v[:] = x
    meta = json.load(open(os.path.join(nc_path, "tod", ".zarray")))["compressor"]
    assert meta == {"id": "flacarray.flac", "level": 5, **params}, meta
    for got in (zarr.open_array(os.path.join(root, "v3"), mode="r")[:],
                zarr.open_array(os.path.join(root, "v2"), mode="r")[:],
                zarr.open_array(os.path.join(nc_path, "tod"), mode="r")[:]):
        same(got, x, "f4", quanta=tolerance)
    # The three wrote the same chunks.
    chunks = [open(p, "rb").read() for p in (os.path.join(root, "v3", "c", "1", "0"),
                                              os.path.join(root, "v2", "1.0"),
                                              os.path.join(nc_path, "tod", "1.0"))]
    assert chunks[0] == chunks[1] == chunks[2]


def zarr3_metadata_and_errors():
    import zarr

    from h5flac.zarr import FLAC

    root = fresh(os.path.join(WORK, "zarr3-errors"))
    assert FLAC(level=8, quanta=0.5).to_dict() == {
        "name": "flacarray.flac", "configuration": {"level": 8, "quanta": 0.5}}
    assert FLAC.from_dict({"name": "flacarray.flac", "configuration": {"precision": 3}}) == FLAC(precision=3)
    expect_error(lambda: FLAC.from_dict({"name": "flacarray.flac", "configuration": {"levle": 3}}), "levle")
    expect_error(lambda: FLAC(level=12), "level")
    expect_error(lambda: FLAC(quanta=-1.0), "quanta")
    expect_error(lambda: FLAC(quanta=1.0, precision=2), "not several")
    expect_error(lambda: FLAC(quanta=1.0, data_range=True), "not several")
    expect_error(lambda: FLAC(data_range=1), "True or False")
    for dtype, words in [("f8", ["quanta or precision"]), ("bool", ["takes integers"]),
                         ("c8", ["takes integers"])]:
        expect_error(lambda: zarr.create_array(
            os.path.join(root, "bad"), shape=(2, 10), chunks=(2, 10), dtype=dtype,
            serializer=FLAC(), compressors=None, overwrite=True), *words)
    # A damaged chunk: an error naming the codec, never wrong values.
    path = os.path.join(root, "damaged")
    z = zarr.create_array(path, shape=(4, 5000), chunks=(4, 5000), dtype="i4",
                          serializer=FLAC(), compressors=None)
    z[:] = data("i4", (4, 5000))
    chunk = os.path.join(path, "c", "0", "0")
    good = open(chunk, "rb").read()
    for damaged, says in [(good[:20] + bytes([good[20] ^ 1]) + good[21:], "checksum mismatch"),
                          (good[: len(good) // 2], "flacarray.flac"),
                          (b"\x00" * 64, "not a FLAC filter chunk")]:
        open(chunk, "wb").write(damaged)
        expect_error(lambda: zarr.open_array(path, mode="r")[:], "flacarray.flac", says)
    # A configuration edited to something invalid is refused on open.
    meta_path = os.path.join(path, "zarr.json")
    meta = json.load(open(meta_path))
    meta["codecs"][0]["configuration"]["level"] = 12
    json.dump(meta, open(meta_path, "w"))
    expect_error(lambda: zarr.open_array(path, mode="r"), "level")


def zarr3_format2_numcodecs():
    import numcodecs
    import zarr

    from h5flac.numcodecs import FLAC

    root = fresh(os.path.join(WORK, "zarr3-format2"))
    x = data("i2", (6, 3000))
    z = zarr.open_array(os.path.join(root, "a"), mode="w", shape=x.shape, chunks=(4, 1000),
                        dtype="i2", zarr_format=2, compressor=FLAC(level=8))
    z[:] = x
    zarray = json.load(open(os.path.join(root, "a", ".zarray")))
    assert zarray["compressor"] == {"id": "flacarray.flac", "level": 8}, zarray
    same(zarr.open_array(os.path.join(root, "a"), mode="r")[:], x, "i2")
    codec = numcodecs.get_codec({"id": "flacarray.flac", "level": 3, "quanta": 0.5})
    assert isinstance(codec, FLAC) and codec.get_config() == {"id": "flacarray.flac", "level": 3, "quanta": 0.5}
    f = data("f8", (3, 500))
    same(codec.decode(codec.encode(f)).reshape(f.shape), f, "f8", quanta=0.5)
    out = np.empty_like(f)
    codec.decode(codec.encode(f), out=out)
    same(out, f, "f8", quanta=0.5)
    expect_error(lambda: codec.decode(codec.encode(f), out=np.empty(10)), "decodes to")
    expect_error(lambda: FLAC().encode(f), "quanta or precision")
    expect_error(lambda: FLAC().decode(b"nonsense, not a chunk"), "flacarray.flac")


# --- NCZarr (netCDF-C in netCDF4's wheel) ------------------------------------------------------


def netcdf_library():
    import netCDF4

    folder = os.path.join(os.path.dirname(netCDF4.__file__), "..", "netcdf4.libs")
    lib = ctypes.CDLL(glob.glob(os.path.join(folder, "libnetcdf-*"))[0])
    lib.nc_def_var_filter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_uint, ctypes.c_size_t,
                                      ctypes.POINTER(ctypes.c_uint)]
    return lib


def filter_params(quanta=None, level=5):
    if quanta is None:
        return [level]
    bits = struct.unpack("<Q", struct.pack("<d", quanta))[0]
    return [level, 1, bits >> 32, bits & 0xFFFFFFFF]


def def_filter(lib, var, params):
    array = (ctypes.c_uint * len(params))(*params)
    st = lib.nc_def_var_filter(var.group()._grpid, var._varid, 32027, len(params), array)
    assert st == 0, f"nc_def_var_filter: {st}"


def nczarr_url(path):
    return "file://" + path + "#mode=nczarr,file"


def nczarr_writes_every_type():
    import netCDF4
    import zarr

    lib = netcdf_library()
    root = os.path.join(WORK, "python", "nczarr")
    shutil.rmtree(root, ignore_errors=True)
    ds = netCDF4.Dataset(nczarr_url(root), "w")
    ds.createDimension("a", 5)
    ds.createDimension("b", 3)
    ds.createDimension("c", 2)
    ds.createDimension("time", 1000)
    written = {}
    for dtype in INTS + FLOATS:
        for dims, chunks in [(("time",), (300,)), (("a", "time"), (2, 300)),
                             (("b", "a", "time"), (2, 2, 256)), (("c", "b", "a", "time"), (1, 2, 2, 256))]:
            shape = tuple(len(ds.dimensions[d]) for d in dims)
            name = name_of(dtype, shape)
            v = ds.createVariable(name, dtype, dims, chunksizes=chunks, fill_value=False)
            float_ = np.dtype(dtype).kind == "f"
            def_filter(lib, v, filter_params(QUANTA if float_ else None))
            if float_:
                v.setncattr("quanta", QUANTA)
            x = data(dtype, shape, seed=len(shape))
            v[:] = x
            written[name] = x
            np.save(os.path.join(WORK, "python", name + ".nczarr.npy"), x)
    ds.close()
    for name, x in written.items():
        os.replace(os.path.join(WORK, "python", name + ".nczarr.npy"), os.path.join(root, name + ".npy"))
        meta = json.load(open(os.path.join(root, name, ".zarray")))
        assert meta["compressor"]["id"] == "flacarray.flac", meta["compressor"]
        # netCDF4 reads it back through the plugin; zarr-python through h5flac.numcodecs
        # (zarr-python 3.1 refuses the "<i1" and "<u1" dtype strings NCZarr writes, codec or not).
        with netCDF4.Dataset(nczarr_url(root)) as back:
            same(back[name][:], x, x.dtype)
        if x.dtype.itemsize > 1:
            same(zarr.open_array(os.path.join(root, name), mode="r")[:], x, x.dtype)
    f32 = json.load(open(os.path.join(root, "float32_2d", ".zarray")))["compressor"]
    assert f32 == {"id": "flacarray.flac", "level": 5, "quanta": QUANTA}, f32


def netcdf4_to_nczarr_and_back():
    """What nccopy does (netCDF-4 → NCZarr → netCDF-4), with the filter parameters each side
    reports, through netCDF4's wheel: the HDF5 filter's stored form becomes the codec JSON."""
    import netCDF4

    lib = netcdf_library()
    lib.nc_inq_var_filter_info.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_uint,
                                           ctypes.POINTER(ctypes.c_size_t), ctypes.POINTER(ctypes.c_uint)]
    root = fresh(os.path.join(WORK, "nccopy"))
    counts = data("i4", (4, 3000))
    tod = data("f4", (4, 3000))

    def params_of(var):
        n = ctypes.c_size_t(0)
        g = var.group()._grpid
        assert lib.nc_inq_var_filter_info(g, var._varid, 32027, ctypes.byref(n), None) == 0
        out = (ctypes.c_uint * n.value)()
        assert lib.nc_inq_var_filter_info(g, var._varid, 32027, None, out) == 0
        return list(out)

    def copy(src_url, dst_url, fmt):
        with netCDF4.Dataset(src_url) as src, netCDF4.Dataset(dst_url, "w", format=fmt) as dst:
            for d, dim in src.dimensions.items():
                dst.createDimension(d, len(dim))
            for name, v in src.variables.items():
                w = dst.createVariable(name, v.dtype, v.dimensions, chunksizes=v.chunking(), fill_value=False)
                def_filter(lib, w, params_of(v))
                w[:] = v[:]

    h5 = os.path.join(root, "in.nc")
    with netCDF4.Dataset(h5, "w") as ds:
        ds.createDimension("det", 4)
        ds.createDimension("time", 3000)
        for name, x, q in [("counts", counts, None), ("tod", tod, QUANTA)]:
            v = ds.createVariable(name, x.dtype, ("det", "time"), chunksizes=(2, 3000), fill_value=False)
            def_filter(lib, v, filter_params(q, level=8))
            v[:] = x
    zarr_path = os.path.join(root, "mid.zarr")
    copy(h5, nczarr_url(zarr_path), "NETCDF4")
    meta = json.load(open(os.path.join(zarr_path, "tod", ".zarray")))["compressor"]
    assert meta == {"id": "flacarray.flac", "level": 8, "quanta": QUANTA}, meta
    back = os.path.join(root, "back.nc")
    copy(nczarr_url(zarr_path), back, "NETCDF4")
    with netCDF4.Dataset(back) as ds:
        same(ds["counts"][:], counts, "i4")
        same(ds["tod"][:], tod, "f4")
        assert params_of(ds["counts"])[0] == 0x464C4143  # stored by HDF5's set_local


def nczarr_errors():
    import netCDF4

    lib = netcdf_library()
    root = os.path.join(WORK, "nczarr-errors")
    shutil.rmtree(root, ignore_errors=True)
    ds = netCDF4.Dataset(nczarr_url(root), "w")
    ds.createDimension("time", 100)
    v = ds.createVariable("tod", "f8", ("time",), chunksizes=(100,), fill_value=False)
    def_filter(lib, v, [5])  # a float without quanta: refused when the chunk is written

    def write_and_close():
        v[:] = np.linspace(0, 1, 100)
        ds.close()

    expect_error(write_and_close, "Filter error")
    # A damaged chunk: netCDF-C reports a filter error.
    path = os.path.join(WORK, "python", "nczarr")
    chunk = os.path.join(path, "int32_2d", "0.0")
    saved = open(chunk, "rb").read()
    try:
        open(chunk, "wb").write(saved[:40])
        with netCDF4.Dataset(nczarr_url(path)) as back:
            expect_error(lambda: back["int32_2d"][:], "Filter error")
    finally:
        open(chunk, "wb").write(saved)


def debian_nccopy_has_no_nczarr_filters():
    """Debian 12's netCDF-C 4.9.0 is built without NCZarr filters: its nccopy accepts -F for
    an NCZarr output and writes the variable uncompressed ("compressor": null), whichever
    plugins are installed. Kept as a test so that the guide's warning stays true."""
    import netCDF4

    root = fresh(os.path.join(WORK, "debian-nccopy"))
    src = os.path.join(root, "in.nc")
    with netCDF4.Dataset(src, "w") as ds:
        ds.createDimension("time", 1000)
        ds.createVariable("counts", "i4", ("time",), chunksizes=(1000,))[:] = np.arange(1000)
    out = os.path.join(root, "out.zarr")
    subprocess.run(["nccopy", "-F", "counts,32027,5", src, nczarr_url(out)], check=True,
                   capture_output=True)
    meta = json.load(open(os.path.join(out, "counts", ".zarray")))
    assert meta["compressor"] is None, meta


# --- xarray --------------------------------------------------------------------------------


def xarray_to_zarr():
    import xarray as xr

    from h5flac.numcodecs import FLAC as NumcodecsFLAC
    from h5flac.zarr import FLAC

    root = fresh(os.path.join(WORK, "xarray"))
    x = data("f8", (4, 20000))
    n = data("i4", (4, 20000))
    ds = xr.Dataset({"tod": (("det", "time"), x), "counts": (("det", "time"), n)})
    v3 = os.path.join(root, "v3.zarr")
    ds.to_zarr(v3, zarr_format=3, encoding={
        "tod": {"serializer": FLAC(quanta=QUANTA), "compressors": None, "chunks": (2, 5000)},
        "counts": {"serializer": FLAC(level=8), "compressors": None, "chunks": (4, 5000)},
    })
    v2 = os.path.join(root, "v2.zarr")
    ds.to_zarr(v2, zarr_format=2, encoding={
        "tod": {"compressors": NumcodecsFLAC(quanta=QUANTA), "chunks": (2, 5000)},
        "counts": {"compressors": NumcodecsFLAC(), "chunks": (4, 5000)},
    })
    for path in (v3, v2):
        back = xr.open_zarr(path)
        same(back["tod"].values, x, "f8")
        same(back["counts"].values, n, "i4")
        same(back["tod"][1:3, 4000:12000].values, x[1:3, 4000:12000], "f8")


def readme_examples():
    """The Python examples of the guide's Zarr and NCZarr page run as written (each in a
    fresh folder, without HDF5_PLUGIN_PATH in the environment)."""
    import re

    page = open(os.path.join(os.path.dirname(__file__), "..", "..", "docs", "zarr.md")).read()
    blocks = re.findall(r"```python\n(.*?)```", page, re.S)
    assert len(blocks) == 3, len(blocks)
    for i, code in enumerate(blocks):
        folder = fresh(os.path.join(WORK, f"readme-{i}"))
        script = os.path.join(folder, "example.py")
        open(script, "w").write(code)
        r = subprocess.run([sys.executable, script], cwd=folder, env=env_with(),
                           capture_output=True, text=True)
        assert r.returncode == 0, f"docs/zarr.md example {i}:\n{code}\n{r.stderr}"


# --- zarr-python 2 (its own virtualenv) ----------------------------------------------------------


def zarr2_every_type():
    import zarr

    from h5flac.numcodecs import FLAC

    assert zarr.__version__.startswith("2."), zarr.__version__
    root = fresh(os.path.join(WORK, "python", "zarr2"))
    store = zarr.DirectoryStore(root)
    for dtype in INTS + FLOATS:
        for i, (shape, chunks) in enumerate(SHAPES):
            x = data(dtype, shape, seed=i)
            float_ = np.dtype(dtype).kind == "f"
            name = name_of(dtype, shape)
            z = zarr.create(shape=shape, chunks=chunks, dtype=dtype, store=store, path=name,
                            compressor=FLAC(quanta=QUANTA if float_ else None), fill_value=0)
            if float_:
                z.attrs["quanta"] = QUANTA
            z[:] = x
            np.save(os.path.join(root, name + ".npy"), x)
            same(zarr.open_array(store, path=name, mode="r")[:], x, dtype)
    bad = zarr.create(shape=(2, 10), chunks=(2, 10), dtype="f4", store=store, path="bad",
                      compressor=FLAC())

    def write_floats():
        bad[:] = 1.5

    expect_error(write_floats, "quanta or precision")
    shutil.rmtree(os.path.join(root, "bad"))


# --- arrays written by zarrs ---------------------------------------------------------------------


def rust_arrays():
    import zarr

    root = os.path.join(WORK, "rust")
    names = sorted(f[:-4] for f in os.listdir(root) if f.endswith(".npy"))
    assert len(names) == 20, names
    for name in names:
        want = np.load(os.path.join(root, name + ".npy"))
        z = zarr.open_array(os.path.join(root, name), mode="r")
        assert z.metadata.codecs[0].to_dict()["name"] == "flacarray.flac"
        same(z[:], want, want.dtype)


if PHASE == "write":
    check("zarr-python 3: every type, 1- to 4-D, edge chunks", zarr3_every_type)
    check("zarr-python 3: metadata and errors", zarr3_metadata_and_errors)
    check("precision and data_range through zarr-python 3, numcodecs and NCZarr: the same chunks",
          precision_through_zarr3_numcodecs_and_nczarr)
    check("zarr-python 3, Zarr v2 format: the numcodecs codec", zarr3_format2_numcodecs)
    check("NCZarr (netCDF4's libnetcdf): every type, read by netCDF4 and zarr-python", nczarr_writes_every_type)
    check("netCDF-4 -> NCZarr -> netCDF-4 with the filter's parameters", netcdf4_to_nczarr_and_back)
    check("NCZarr: errors", nczarr_errors)
    check("Debian's nccopy: no NCZarr filters (the guide's warning)", debian_nccopy_has_no_nczarr_filters)
    check("xarray to_zarr / open_zarr, Zarr v3 and v2", xarray_to_zarr)
    check("the Zarr guide page's examples run", readme_examples)
    finish("h5flac-zarr")
elif PHASE == "write-zarr2":
    check("zarr-python 2 + numcodecs: every type, 1- to 4-D, edge chunks", zarr2_every_type)
    finish("h5flac-zarr2")
elif PHASE == "check-rust":
    check("zarr-python 3 reads what zarrs wrote", rust_arrays)
    finish("h5flac-zarr-rust")
else:
    raise SystemExit(f"unknown phase {PHASE}")
