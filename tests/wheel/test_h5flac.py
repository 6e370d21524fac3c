"""h5flac from its installed wheel, through h5py's own HDF5 (no HDF5_PLUGIN_PATH): the filter
class and its errors, every dtype and parameter form, get_config, verify, read and write on
threads, and the files read by Debian's h5dump and h5repack through h5flac.PLUGIN_PATH.

    python tests/wheel/test_h5flac.py WORK_DIR [wheel|debian]

"wheel" (the default): h5py's pip wheel, which bundles its own HDF5 2.x; "debian": Debian's
python3-h5py, linked to the system's HDF5 1.10.
"""

import itertools
import os
import sys

import h5py
import numpy as np

from common import check, data, env_with, finish, run

assert "HDF5_PLUGIN_PATH" not in os.environ, "run without HDF5_PLUGIN_PATH"
import h5flac  # noqa: E402  (registers the filter)

WORK = sys.argv[1]
H5PY = sys.argv[2] if len(sys.argv) > 2 else "wheel"
os.makedirs(WORK, exist_ok=True)
assert "site-packages" in h5flac.__file__, f"h5flac imported from {h5flac.__file__}, not from the installed wheel"

INT_TYPES = ["i1", "u1", "<i2", ">i2", "<u2", ">u2", "<i4", ">i4", "<u4", ">u4", "<i8", ">i8", "<u8", ">u8"]
FLOAT_TYPES = ["<f4", ">f4", "<f8", ">f8"]
SHAPES = [((10000,), (3000,)), ((5, 7000), (2, 3000)), ((3, 4, 2500), (2, 3, 1000))]


def p(name):
    return os.path.join(WORK, name)


def test_parameters():
    assert h5flac.FILTER_ID == 32027
    f = h5flac.FLAC()
    assert dict(f) == {"compression": 32027, "compression_opts": (5,)}
    assert h5flac.FLAC(level=8).filter_options == (8,)
    # 1e-3 is 0x3F50624DD2F1A9FC.
    assert h5flac.FLAC(quanta=1e-3).filter_options == (5, 1, 0x3F50624D, 0xD2F1A9FC)
    assert h5flac.FLAC(2, precision=-3).filter_options == (2, 2, 2**32 - 3)
    assert h5flac.FLAC(7, data_range=True).filter_options == (7, 3)
    assert repr(h5flac.FLAC(quanta=0.5)) == "FLAC(level=5, quanta=0.5)"
    assert isinstance(f, h5py.filters.FilterRefBase)
    bad = [
        (dict(level=12), ValueError, "level"),
        (dict(level=-1), ValueError, "level"),
        (dict(level=True), TypeError, "level"),
        (dict(level=2.5), TypeError, "level"),
        (dict(quanta=0), ValueError, "quanta"),
        (dict(quanta=-1e-3), ValueError, "quanta"),
        (dict(quanta=float("nan")), ValueError, "quanta"),
        (dict(quanta=float("inf")), ValueError, "quanta"),
        (dict(quanta="1e-3"), TypeError, "quanta"),
        (dict(precision=1.5), TypeError, "precision"),
        (dict(precision=2**31), ValueError, "precision"),
        (dict(quanta=1e-3, precision=3), ValueError, "not several"),
        (dict(precision=3, data_range=True), ValueError, "not several"),
        (dict(data_range="yes"), TypeError, "data_range"),
    ]
    for kwargs, exc, word in bad:
        try:
            h5flac.FLAC(**kwargs)
        except exc as e:
            assert word in str(e), (kwargs, e)
        else:
            raise AssertionError(f"FLAC({kwargs}) accepted")


def test_config():
    c = h5flac.get_config()
    assert c.registered and h5py.h5z.filter_avail(32027)
    assert c.library.startswith("flacarray ") and "libFLAC 1.5.0" in c.library, c
    assert os.path.isfile(c.library_file) and os.path.dirname(c.library_file) == h5flac.PLUGIN_PATH
    assert c.hdf5_version == h5py.version.hdf5_version
    # The library the filter is bound to is h5py's: the one its wheel bundles, or Debian's.
    assert c.hdf5_file and "hdf5" in os.path.basename(c.hdf5_file), c
    if H5PY == "wheel":
        assert "h5py.libs" in c.hdf5_file and c.hdf5_version.startswith("2."), c
    else:
        assert "libhdf5_serial" in c.hdf5_file and c.hdf5_version.startswith("1.10."), c
    libs = [n for n in os.listdir(h5flac.PLUGIN_PATH) if n.startswith("lib") and ".so" in n]
    assert libs == ["libh5zflac.so"], libs
    assert h5flac.__version__ == "0.1.0"
    h5flac.register()  # again: no harm


def roundtrip(dtype, shape, chunks, flac, tol):
    x = data(dtype, shape)
    with h5py.File(p("rt.h5"), "w") as f:
        f.create_dataset("d", data=x, chunks=chunks, compression=flac)
    with h5py.File(p("rt.h5"), "r") as f:
        d = f["d"]
        assert d.dtype == x.dtype, (d.dtype, x.dtype)
        fid, _, cd, _ = d.id.get_create_plist().get_filter(0)
        assert fid == 32027 and cd[0] == 0x464C4143, cd
        y = d[...]
        part = d[(slice(1, None),) * (len(shape) - 1) + (slice(5, 2999),)]
        assert h5flac.verify(d).is_complete
    if tol is None:
        assert np.array_equal(x, y), f"{dtype} {shape}: integers differ"
        assert np.array_equal(part, x[(slice(1, None),) * (len(shape) - 1) + (slice(5, 2999),)])
    else:
        err = np.max(np.abs(y.astype(np.float64) - x.astype(np.float64)))
        slack = 4 * np.finfo(x.dtype).eps * np.max(np.abs(x))
        assert err <= tol + slack, f"{dtype} {shape} {flac}: error {err} > {tol}"


def test_integers():
    for dtype in INT_TYPES:
        for shape, chunks in SHAPES:
            for flac in (h5flac.FLAC(), h5flac.FLAC(level=0), h5flac.FLAC(level=8)):
                roundtrip(dtype, shape, chunks, flac, None)
    # Levels 9 to 11: each stream's blocksize (1152 to 16384) and predictor searched.
    for level in (9, 10, 11):
        roundtrip("<i4", (4, 40000), (2, 40000), h5flac.FLAC(level=level), None)


def test_floats():
    for dtype in FLOAT_TYPES:
        for shape, chunks in SHAPES:
            q = 1e-3 if "f4" in dtype else 1e-7
            roundtrip(dtype, shape, chunks, h5flac.FLAC(quanta=q), 0.5 * q)
            # precision: quanta = rms / 10^p per stream; the data's rms is about 7.
            roundtrip(dtype, shape, chunks, h5flac.FLAC(3, precision=4), 0.5 * 10 / 1e4)
            # data_range: each stream in about 2^31 (float32) or 2^63 steps of its range
            # (|x| < 11): half a step, below the type's own rounding (roundtrip's slack).
            roundtrip(dtype, shape, chunks, h5flac.FLAC(data_range=True),
                      0.5 * 1.01 * 11 / (2.0**31 if "f4" in dtype else 2.0**63))
    roundtrip("<f8", (4, 40000), (2, 40000), h5flac.FLAC(10, quanta=1e-7), 0.5e-7)


def test_float_without_quanta_refused():
    with h5py.File(p("refused.h5"), "w") as f:
        try:
            f.create_dataset("x", data=np.zeros((2, 1000)), chunks=(1, 1000), compression=h5flac.FLAC())
        except (ValueError, OSError):
            pass
        else:
            raise AssertionError("float64 without quanta accepted")
        try:
            f.create_dataset("y", data=np.zeros((2, 1000), "i4"), chunks=(1, 1000), shuffle=True,
                             compression=h5flac.FLAC())
        except (ValueError, OSError):
            pass
        else:
            raise AssertionError("shuffle before FLAC accepted")


def test_keyword_form_and_fletcher32():
    x = data("<i4", (4, 20000))
    with h5py.File(p("kw.h5"), "w") as f:
        f.create_dataset("a", data=x, chunks=(2, 20000), **h5flac.FLAC(level=3))
        f.create_dataset("b", data=x, chunks=(2, 20000), fletcher32=True, **h5flac.FLAC())
    with h5py.File(p("kw.h5"), "r") as f:
        assert np.array_equal(f["a"][...], x) and np.array_equal(f["b"][...], x)
        assert f["a"].id.get_create_plist().get_filter(0)[2][2] == 3
        r = h5flac.verify(f["b"])
        assert r.is_complete and r.chunks == 2, r


def test_verify_missing_and_damaged():
    x = data("<i2", (4, 30000))
    with h5py.File(p("verify.h5"), "w") as f:
        d = f.create_dataset("d", shape=x.shape, dtype=x.dtype, chunks=(2, 10000), **h5flac.FLAC())
        d[:2, :] = x[:2, :]
        d[2:, :10000] = x[2:, :10000]
        mask, chunk = d.id.read_direct_chunk((0, 10000))
        bad = bytearray(chunk)
        bad[len(bad) // 2] ^= 0xFF
        d.id.write_direct_chunk((0, 10000), bytes(bad))
        d.id.write_direct_chunk((2, 0), chunk[: len(chunk) // 3])
        f.create_dataset("plain", data=x, chunks=(2, 10000))
    with h5py.File(p("verify.h5"), "r") as f:
        r = h5flac.verify(f["d"])
        assert r.chunks == 6 and r.missing == [(2, 10000), (2, 20000)], r
        assert [o for o, _ in r.damaged] == [(0, 10000), (2, 0)], r
        assert all(msg for _, msg in r.damaged) and not r.is_complete, r
        print("  verify messages:", [m for _, m in r.damaged])
        try:
            h5flac.verify(f["plain"])
        except ValueError as e:
            assert "not compressed with the FLAC filter" in str(e)
        else:
            raise AssertionError("verify accepted a dataset without FLAC")
        # Reading the damaged chunk fails with an error, never garbage.
        try:
            f["d"][:2, 10000:20000]
        except OSError:
            pass
        else:
            raise AssertionError("a damaged chunk was read")


def test_threads():
    """Threads change neither the bytes nor the values; the count comes from set_nthreads, or
    else FLACARRAY_FILTER_THREADS (unset 1, a number, 0/auto the cores), read at each chunk."""
    assert h5flac.get_config().nthreads == h5flac.get_nthreads() == 1
    x = data("i4", (16, 50000))
    f32 = data("f4", (16, 50000))
    stored = {}
    for n in (1, 2, 0):
        h5flac.set_nthreads(n)
        # 0: the cores the process may use (affinity, and a cgroup quota Python cannot see).
        got = h5flac.get_nthreads()
        assert got == n if n else 1 <= got <= len(os.sched_getaffinity(0)), (n, got)
        with h5py.File(p(f"threads{n}.h5"), "w") as f:
            f.create_dataset("i", data=x, chunks=(8, 50000), compression=h5flac.FLAC())
            f.create_dataset("f", data=f32, chunks=(8, 50000), compression=h5flac.FLAC(quanta=1e-3))
        with h5py.File(p(f"threads{n}.h5"), "r") as f:
            assert np.array_equal(f["i"][...], x)
            assert np.abs(f["f"][...] - f32).max() <= 0.5e-3 + 1e-6
            stored[n] = [f[d].id.read_direct_chunk((8, 0))[1] for d in ("i", "f")]
    assert stored[1] == stored[2] == stored[0]
    h5flac.set_nthreads(None)
    h5flac.set_nthreads(0)
    cores = h5flac.get_nthreads()
    h5flac.set_nthreads(None)
    # h5flac.read/write(threads=0) count the cores as the filter does (the library's count).
    assert h5flac._direct._thread_count(0) == cores
    for value, want in [("3", 3), ("auto", cores), ("0", cores), ("", 1)]:
        os.environ["FLACARRAY_FILTER_THREADS"] = value
        assert h5flac.get_nthreads() == want, (value, h5flac.get_nthreads())
    os.environ["FLACARRAY_FILTER_THREADS"] = "many"
    assert h5flac.get_nthreads() == 1
    del os.environ["FLACARRAY_FILTER_THREADS"]
    for bad, exc in [(-1, ValueError), (1.5, TypeError), (True, TypeError), ("2", TypeError)]:
        try:
            h5flac.set_nthreads(bad)
        except exc:
            pass
        else:
            raise AssertionError(f"set_nthreads({bad!r}) accepted")
    assert h5flac.get_nthreads() == 1


def expect(exc, words, fn, *args):
    try:
        fn(*args)
    except exc as e:
        assert all(w in str(e) for w in words), (words, str(e))
        return str(e)
    raise AssertionError(f"{fn.__name__}{args[1:]} did not raise {exc.__name__}")


def test_read_and_write_on_threads():
    """h5flac.write stores the chunks the filter itself stores (edge chunks too, on 1 to 3
    threads) and h5flac.read gives what dataset[()] gives: chunks never written as the fill
    value, other pipelines and dtypes through HDF5; a damaged chunk is an error naming it."""
    cases = [("<i4", (5, 7000), (2, 3000), h5flac.FLAC()),
             (">u2", (3, 4, 2500), (2, 3, 1000), h5flac.FLAC(level=8)),
             ("<i8", (7, 9000), (7, 9000), h5flac.FLAC(level=9)),
             (">f8", (6, 5000), (4, 2000), h5flac.FLAC(quanta=1e-6)),
             ("<f4", (6, 5000), (3, 5000), h5flac.FLAC(precision=3))]
    for dtype, shape, chunks, flac in cases:
        x = data(dtype, shape)
        with h5py.File(p("direct.h5"), "w") as f:
            ref = f.create_dataset("ref", data=x, chunks=chunks, compression=flac)
            n = ref.id.get_num_chunks()
            offsets = [ref.id.get_chunk_info(i).chunk_offset for i in range(n)]
            for threads in (1, 3):
                d = f.create_dataset(f"t{threads}", x.shape, x.dtype, chunks=chunks, compression=flac)
                h5flac.write(d, x, threads=threads)
                assert d.id.get_num_chunks() == n, (dtype, threads)
                for o in offsets:
                    assert d.id.read_direct_chunk(o) == ref.id.read_direct_chunk(o), (dtype, threads, o)
        # Opened again: HDF5's chunk cache would give back the values written, not the stored.
        with h5py.File(p("direct.h5"), "r") as f:
            want = f["ref"][()]
            for threads, r in itertools.product((1, 3), (1, 2, 0)):
                got = h5flac.read(f[f"t{threads}"], threads=r)
                assert got.dtype == want.dtype and np.array_equal(got, want), (dtype, threads, r)
    # Chunks never written: the fill value, as HDF5 reads them.
    x = data("<i2", (4, 30000))
    with h5py.File(p("direct.h5"), "w") as f:
        d = f.create_dataset("d", x.shape, x.dtype, chunks=(2, 10000), fillvalue=-7, **h5flac.FLAC())
        d[:2] = x[:2]
        d[2:, 10000:20000] = x[2:, 10000:20000]
        want = d[()]
        assert (want[2:, :10000] == -7).all() and (want[2:, 20000:] == -7).all()
        for r in (1, 2):
            assert np.array_equal(h5flac.read(d, threads=r), want)
        # FLAC then fletcher32, and no filter at all: through HDF5, both ways.
        for name, opts in [("fl", dict(fletcher32=True, **h5flac.FLAC())), ("plain", {})]:
            e = f.create_dataset(name, x.shape, x.dtype, chunks=(2, 10000), **opts)
            h5flac.write(e, x, threads=2)
            assert np.array_equal(e[()], x) and np.array_equal(h5flac.read(e, threads=2), x), name
        # Data of another type: converted by HDF5, as dataset[...] = data.
        h5flac.write(d, x.astype(np.float64), threads=2)
        assert np.array_equal(d[()], x)
        expect(ValueError, ["shape (4, 29999)", "(4, 30000)"], h5flac.write, d, x[:, 1:])
        expect(ValueError, ["threads", "-1"], h5flac.read, d, -1)
        expect(TypeError, ["threads"], h5flac.write, d, x, 1.5)
        # A damaged chunk and a truncated one: an error naming the chunk, on every thread count.
        _, chunk = d.id.read_direct_chunk((2, 10000))
        bad = bytearray(chunk)
        bad[len(bad) // 2] ^= 0xFF
        d.id.write_direct_chunk((2, 10000), bytes(bad))
        for r in (1, 2):
            msg = expect(OSError, ["/d", "(2, 10000)", "does not decode"], h5flac.read, d, r)
        print("  read of a damaged chunk:", msg)
        d.id.write_direct_chunk((2, 10000), chunk[: len(chunk) // 2])
        expect(OSError, ["(2, 10000)"], h5flac.read, d, 2)
    # The guide's example (docs/python.md) runs as written.
    here = os.path.dirname(os.path.abspath(__file__))
    page = open(os.path.join(here, "..", "..", "docs", "python.md")).read()
    example = page[page.index("A whole dataset on every core"):].split("```python\n")[1].split("```")[0]
    here = os.getcwd()
    os.chdir(WORK)
    try:
        scope = {}
        exec(example, scope)
        assert np.array_equal(scope["tod"], scope["x"])
    finally:
        os.chdir(here)
    # A float chunk holding NaN is stored verbatim, as the filter stores it.
    y = data("<f8", (4, 20000))
    y[3, 15000] = np.nan
    with h5py.File(p("direct.h5"), "w") as f:
        ref = f.create_dataset("ref", data=y, chunks=(2, 10000), **h5flac.FLAC(quanta=1e-3))
        d = f.create_dataset("d", y.shape, y.dtype, chunks=(2, 10000), **h5flac.FLAC(quanta=1e-3))
        h5flac.write(d, y, threads=2)
    with h5py.File(p("direct.h5"), "r") as f:
        d, ref = f["d"], f["ref"]
        raw = d.id.read_direct_chunk((2, 10000))[1]
        assert raw == ref.id.read_direct_chunk((2, 10000))[1] and len(raw) > 2 * 10000 * 8
        assert np.array_equal(h5flac.read(d, threads=2), ref[()], equal_nan=True)


def test_tools_read_with_plugin_path():
    """h5dump, h5diff and h5repack (Debian's HDF5 1.10) read the file h5py wrote, with
    HDF5_PLUGIN_PATH set to h5flac.PLUGIN_PATH."""
    x = data("<i4", (3, 5000))
    y = data("<f8", (3, 5000))
    src = p("tools.h5")
    with h5py.File(src, "w") as f:
        f.create_dataset("ints", data=x, chunks=(1, 5000), compression=h5flac.FLAC())
        f.create_dataset("floats", data=y, chunks=(3, 2500), compression=h5flac.FLAC(quanta=1e-6))
    env = env_with(HDF5_PLUGIN_PATH=h5flac.PLUGIN_PATH)
    out = run("h5dump", "-d", "/ints", "-s", "2,4990", "-c", "1,10", "-w", "0", src, env=env).stdout
    values = [int(v) for v in out.split("DATA {")[1].split("}")[0].split(":")[1].replace(",", " ").split()]
    assert values == list(x[2, 4990:5000]), (values, x[2, 4990:5000])
    # Without the plugin the tools cannot read it: the filter really is in the path.
    run("h5dump", "-d", "/ints", src, env=env_with(), ok=False)
    plain = p("tools-plain.h5")
    if os.path.exists(plain):
        os.remove(plain)
    run("h5repack", "-f", "NONE", src, plain, env=env)
    with h5py.File(plain, "r") as f:
        assert f["ints"].compression is None and not f["ints"]._filters
        assert np.array_equal(f["ints"][...], x)
        assert np.max(np.abs(f["floats"][...] - y)) <= 0.5e-6 + 1e-15
    again = p("tools-again.h5")
    if os.path.exists(again):
        os.remove(again)
    run("h5repack", "-f", "ints:UD=32027,0,1,8", "-l", "ints:CHUNK=3x5000", plain, again, env=env)
    with h5py.File(again, "r") as f:
        assert f["ints"].id.get_create_plist().get_filter(0)[0] == 32027
        assert np.array_equal(f["ints"][...], x)
    run("h5diff", plain, again, env=env)


check("parameters", test_parameters)
check("config", test_config)
check("integers", test_integers)
check("floats", test_floats)
check("float without quanta, shuffle before FLAC", test_float_without_quanta_refused)
check("keyword form and fletcher32", test_keyword_form_and_fletcher32)
check("verify", test_verify_missing_and_damaged)
check("threads", test_threads)
check("read and write on threads", test_read_and_write_on_threads)
check("tools with PLUGIN_PATH", test_tools_read_with_plugin_path)
finish(f"h5flac ({H5PY} h5py, HDF5 {h5py.version.hdf5_version})")
