"""h5flac against what users have and attackers make, from its installed wheel (h5py's pip
wheel, no HDF5_PLUGIN_PATH): stored filter parameters that do not describe the dataset's
chunks, edge chunks and fill values after a resize, read-only files, datasets where HDF5
skipped the optional filter, floats that are not IEEE, a fork after the filter's threads ran,
the Zarr v2 decompression bomb and chunk headers that break the format's rules.

    python tests/wheel/test_hostile.py WORK_DIR [FLACARRAY_COMMAND]

With h5py's pip wheel (HDF5 2.x) and with Debian's python3-h5py (HDF5 1.10).

With the path of the `flacarray` command, its verify and decompress are tried on the hostile
files too.
"""

import hashlib
import importlib.util
import itertools
import multiprocessing
import os
import resource
import sys
import time
import zlib

import h5py
import numpy as np

from common import check, data, finish, run

assert "HDF5_PLUGIN_PATH" not in os.environ, "run without HDF5_PLUGIN_PATH"
import h5flac  # noqa: E402  (registers the filter)
from h5flac.h5zflac import ffi, lib  # noqa: E402

WORK = sys.argv[1]
COMMAND = sys.argv[2] if len(sys.argv) > 2 else None
os.makedirs(WORK, exist_ok=True)


def p(name):
    return os.path.join(WORK, name)


def expect(exc, words, fn, *args, **kwargs):
    try:
        fn(*args, **kwargs)
    except exc as e:
        assert all(w in str(e) for w in words), (words, str(e))
        return str(e)
    raise AssertionError(f"{getattr(fn, '__name__', fn)} did not raise {exc.__name__}")


def stored_params(chunk, kind="i", size=4):
    """The stored parameters set_local would make for chunks of shape `chunk`."""
    out = ffi.new("unsigned int[10]")
    err = ffi.new("char[]", 512)
    user = ffi.new("unsigned int[]", [5])
    dims = ffi.new("uint64_t[]", list(chunk))
    assert lib.flacarray_stored_params(user, 1, kind.encode(), size, 0, dims, len(chunk), out, err, 512) == 0
    return list(out)


def encode(cd, raw):
    out, n, err = ffi.new("void **"), ffi.new("uintptr_t *"), ffi.new("char[]", 512)
    c_cd = ffi.new("unsigned int[]", cd)
    raw = np.ascontiguousarray(raw)
    assert lib.flacarray_encode_chunk(c_cd, len(cd), ffi.from_buffer(raw), raw.nbytes, out, n, err, 512) == 0
    try:
        return bytes(ffi.buffer(out[0], n[0]))
    finally:
        lib.flacarray_free(out[0])


def crafted(path, shape, chunks, claimed):
    """A file whose int32 dataset /x has chunks of shape `chunks` but stored FLAC parameters
    (and chunks encoded to match them) for chunks of shape `claimed`: made with the filter
    unregistered, so that set_local cannot correct the parameters."""
    cd = stored_params(claimed)
    h5py.h5z.unregister_filter(32027)
    try:
        with h5py.File(path, "w") as f:
            dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
            dcpl.set_chunk(chunks)
            dcpl.set_filter(32027, h5py.h5z.FLAG_OPTIONAL, tuple(cd))
            h5py.h5d.create(f.id, b"x", h5py.h5t.STD_I32LE, h5py.h5s.create_simple(shape), dcpl=dcpl)
            d = f["x"]
            raw = np.arange(int(np.prod(claimed)), dtype="<i4") % 1000
            for offset in itertools.product(*(range(0, n, c) for n, c in zip(shape, chunks))):
                d.id.write_direct_chunk(offset, encode(cd, raw), filter_mask=0)
    finally:
        h5flac.register()


def test_parameters_checked_against_the_dataset():
    """Parameters claiming more streams than a chunk holds made h5flac.read write past its
    array (a segfault); fewer gave uninitialised memory and a clean verify. Both are refused,
    naming both layouts, before anything is decoded; so do the command's verify and
    decompress."""
    for claimed, name in [((8, 1000), "more"), ((2, 1000), "fewer"), ((4, 500), "shorter")]:
        path = p(f"claims-{name}.h5")
        crafted(path, (8, 1000), (4, 1000), claimed)
        want = f"{claimed[0]} streams of {claimed[1]} int32"
        with h5py.File(path, "r") as f:
            for threads in (1, 2):
                expect(OSError, ["/x", want, "(4, 1000)"], h5flac.read, f["x"], threads)
            expect(OSError, ["/x", want, "(4, 1000)"], h5flac.verify, f["x"])
        with h5py.File(path, "r+") as f:
            x = np.zeros((8, 1000), "<i4")
            expect(OSError, ["/x", want], h5flac.write, f["x"], x)
        if COMMAND:
            r = run(COMMAND, "verify", path, ok=False)
            assert want in r.stdout + r.stderr, r
            out = p(f"claims-{name}-out.h5")
            r = run(COMMAND, "decompress", path, out, ok=False)
            assert want in r.stdout + r.stderr, r
            if os.path.exists(out):
                with h5py.File(out, "r") as f:
                    assert "x" not in f, "a half-written output"
    # The C function itself: a buffer size other than the chunk's is refused.
    cd = stored_params((4, 1000))
    c_cd = ffi.new("unsigned int[]", cd)
    raw = np.arange(4000, dtype="<i4")
    chunk = encode(cd, raw)
    err = ffi.new("char[]", 512)
    for n in (8000, 16001, 32000):
        out = ffi.new("char[]", n)
        assert lib.flacarray_decode_chunk(c_cd, 10, chunk, len(chunk), out, n, err, 512) == -1
        assert b"decodes to 16000" in ffi.string(err), ffi.string(err)
    nbytes = ffi.new("uintptr_t *")
    dims = ffi.new("uint64_t[]", [4, 1000])
    assert lib.flacarray_check_params(c_cd, 10, b"i", 4, 0, dims, 2, nbytes, err, 512) == 0
    assert nbytes[0] == 16000
    for kind, size, shape in [(b"u", 4, [4, 1000]), (b"i", 2, [4, 1000]), (b"i", 4, [4, 999]), (b"S", 4, [4, 1000])]:
        d = ffi.new("uint64_t[]", shape)
        assert lib.flacarray_check_params(c_cd, 10, kind, size, 0, d, 2, nbytes, err, 512) == -1
        assert b"4 streams of 1000 int32" in ffi.string(err), ffi.string(err)


def test_edge_chunks_and_fill_values():
    """h5flac.write pads edge chunks with what HDF5 pads them with: the same stored chunks
    as dataset[...] = x, and after a resize never-written elements read the fill value."""
    x = data("<i4", (5, 2500))
    for fill, when in [(-7, None), (0, None), (12345, h5py.h5d.FILL_TIME_NEVER)]:
        path = p("fill.h5")
        with h5py.File(path, "w") as f:
            made = [_with_fill(f, name, x, fill, when) for name in ("ref", "d")]
            ref, d = made
            ref[...] = x
            h5flac.write(d, x, threads=2)
            offsets = list(itertools.product(range(0, 5, 2), range(0, 2500, 1000)))
            for o in offsets:
                assert d.id.read_direct_chunk(o) == ref.id.read_direct_chunk(o), (fill, o)
            for ds in (ref, d):
                ds.resize((6, 3000))
        with h5py.File(path, "r") as f:
            got, want = f["d"][()], f["ref"][()]
            assert np.array_equal(got, want), fill
            assert np.array_equal(h5flac.read(f["d"], threads=2), want), fill
            if when is None:
                assert (got[:5, 2500:] == fill).all() and (got[5] == fill).all(), fill


def _with_fill(f, name, x, fill, when):
    """A resizable FLAC dataset of chunks (2, 1000) with fill value `fill`, written at
    `when` (None: HDF5's default, "if set")."""
    dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
    dcpl.set_chunk((2, 1000))
    if when is not None:
        dcpl.set_fill_time(when)
    dcpl.set_fill_value(np.array(fill, x.dtype))
    dcpl.set_filter(32027, h5py.h5z.FLAG_OPTIONAL, h5flac.FLAC().filter_options)
    space = h5py.h5s.create_simple(x.shape, (h5py.h5s.UNLIMITED, h5py.h5s.UNLIMITED))
    h5py.h5d.create(f.id, name.encode(), h5py.h5t.STD_I32LE, space, dcpl=dcpl)
    return f[name]


def test_read_only_and_skipped_filter():
    """A read-only file: a clear OSError, nothing changed (the file's bytes and h5py's state).
    A dataset where HDF5 skipped the optional filter (strings, compounds): written and read
    through HDF5, as dataset[...] = x."""
    x = data("<i4", (4, 3000))
    path = p("readonly.h5")
    with h5py.File(path, "w") as f:
        f.create_dataset("x", data=x, chunks=(2, 1000), **h5flac.FLAC())
    before = hashlib.sha256(open(path, "rb").read()).hexdigest()
    with h5py.File(path, "r") as f:
        expect(OSError, ["/x", "read-only", "'r+'"], h5flac.write, f["x"], x + 1)
        assert np.array_equal(f["x"][()], x) and np.array_equal(h5flac.read(f["x"]), x)
    assert hashlib.sha256(open(path, "rb").read()).hexdigest() == before
    strings = np.array([b"abc", b"defgh", b"", b"z" * 9] * 3, dtype="S9")
    compound = np.zeros(12, dtype=[("a", "<i4"), ("b", "<f8")])
    compound["a"] = np.arange(12)
    with h5py.File(p("skipped.h5"), "w") as f:
        for name, values in [("s", strings), ("c", compound)]:
            d = f.create_dataset(name, values.shape, values.dtype, chunks=(4,), **h5flac.FLAC())
            h5flac.write(d, values, threads=2)
            assert np.array_equal(d[()], values) and np.array_equal(h5flac.read(d), values), name
            assert h5flac.verify(d).unfiltered == 3, name


def test_floats_that_are_not_ieee():
    """A 32-bit float type with another exponent bias was read as IEEE and came back as
    zeros: it is refused at dataset creation, naming the layout."""
    for size, base in [(4, h5py.h5t.IEEE_F32LE), (8, h5py.h5t.IEEE_F64LE)]:
        t = base.copy()
        t.set_ebias(t.get_ebias() - 20)
        with h5py.File(p("vax.h5"), "w") as f:
            dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
            dcpl.set_chunk((100,))
            dcpl.set_filter(32027, h5py.h5z.FLAG_OPTIONAL, h5flac.FLAC(quanta=1e-3).filter_options)
            space = h5py.h5s.create_simple((100,))
            expect(Exception, [], h5py.h5d.create, f.id, b"v", t, space, dcpl=dcpl)
            assert "v" not in f
    # The message reaches the user: on HDF5's error stack (1.10), or on stderr where HDF5
    # drops what a filter pushes (1.14 and later). Checked in a child, which sees both.
    code = ("import h5py, h5flac\n"
            "t = h5py.h5t.IEEE_F32LE.copy(); t.set_ebias(100)\n"
            f"f = h5py.File({p('vax2.h5')!r}, 'w')\n"
            "dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE); dcpl.set_chunk((100,))\n"
            "dcpl.set_filter(32027, h5py.h5z.FLAG_OPTIONAL, h5flac.FLAC(quanta=1e-3).filter_options)\n"
            "h5py.h5d.create(f.id, b'v', t, h5py.h5s.create_simple((100,)), dcpl=dcpl)\n")
    r = run(sys.executable, "-c", code, ok=False)
    said = r.stderr + r.stdout
    assert "IEEE binary32 and binary64" in said and "bias 100" in said, said[-3000:]


def _child_read(path):
    with h5py.File(path, "r") as f:
        return int(f["x"][()].sum()), int(h5flac.read(f["x"], threads=2).sum())


def test_fork_and_many_thread_counts():
    """After the filter has coded on two threads, a forked child (multiprocessing's default
    on Linux, dask's process workers) reads a FLAC dataset instead of hanging; a program
    that asks for many thread counts keeps one pool's threads, not one pool per count."""
    x = data("<i4", (16, 20000))
    path = p("fork.h5")
    with h5py.File(path, "w") as f:
        f.create_dataset("x", data=x, chunks=(16, 20000), **h5flac.FLAC())
    h5flac.set_nthreads(2)
    try:
        assert _child_read(path) == (int(x.sum()),) * 2
        with multiprocessing.get_context("fork").Pool(1) as pool:
            got = pool.apply_async(_child_read, (path,)).get(timeout=120)
        assert got == (int(x.sum()),) * 2, got
        tasks = lambda: len(os.listdir("/proc/self/task"))  # noqa: E731
        base = tasks()
        for n in range(2, 65):
            h5flac.set_nthreads(n)
            with h5py.File(path, "r") as f:
                f["x"][()]
        for _ in range(100):  # the replaced pools' threads end once idle
            if tasks() <= base + 64 + 4:
                break
            time.sleep(0.05)
        assert tasks() <= base + 64 + 4, f"{tasks()} threads after counts 2..64 (started with {base})"
    finally:
        h5flac.set_nthreads(None)


def test_zarr_v2_bomb_and_chunk_headers():
    """A small Zarr v2 chunk claiming gigabytes is refused before anything is allocated (the
    numcodecs codec has no output buffer to check against); headers that break the format's
    rules (no element per stream, a verbatim chunk claiming 1 TiB) are refused by
    flacarray_chunk_info, never decoded."""
    import zarr
    from h5flac import _chunk
    from h5flac.numcodecs import FLAC

    codec = FLAC()
    x = np.arange(32, dtype="<i8").reshape(2, 16)
    good = codec.encode(x)
    assert np.array_equal(codec.decode(good).reshape(2, 16), x)
    # A FLAC chunk claiming 2^20 streams of 65536 int64 (512 GiB) whose header, stream table
    # and checksum are all valid, with as many bytes as the format's least frame size asks
    # (9 per frame: 2 frames of 65535 samples a stream).
    n = 1 << 20
    head = b"FLCH" + bytes([2, good[5], 0, 0]) + n.to_bytes(4, "little")
    head += (1 << 16).to_bytes(4, "little") + bytes(2)
    table = ((18).to_bytes(4, "little") + (65535).to_bytes(2, "little") + bytes([32])) * n
    bomb = head + table + zlib.crc32(head + table).to_bytes(4, "little") + bytes(18 * n)
    assert _chunk.info(bytes(bomb)) is not None
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    expect(ValueError, ["claims", "H5FLAC_MAX_CHUNK_BYTES"], codec.decode, bytes(bomb))
    store = p("bomb.zarr")
    z = zarr.open_array(store, mode="w", shape=(2, 16), chunks=(2, 16), dtype="<i8",
                        zarr_format=2, compressor=FLAC())
    z[...] = x
    with open(os.path.join(store, "0.0"), "wb") as out:
        out.write(bomb)
    expect(Exception, ["claims"], lambda: zarr.open_array(store, mode="r")[...])
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss
    assert grown < 200_000, f"max RSS grew by {grown} KiB"
    # The limit is the user's to raise, and applies only without an output buffer.
    os.environ["H5FLAC_MAX_CHUNK_BYTES"] = "100"
    try:
        expect(ValueError, ["256 bytes decoded", "100 bytes"], codec.decode, good)
        assert np.array_equal(codec.decode(good, out=np.empty(32, "<i8")), x.ravel())
        os.environ["H5FLAC_MAX_CHUNK_BYTES"] = "lots"
        expect(ValueError, ["not a number of bytes"], codec.decode, good)
    finally:
        del os.environ["H5FLAC_MAX_CHUNK_BYTES"]
    # Header rules: at least one stream of one element; a verbatim chunk exactly its size.
    for at in (8, 12):
        bad = bytearray(good)
        bad[at:at + 4] = bytes(4)
        expect(ValueError, ["at least one"], _chunk.info, bytes(bad))
        expect(ValueError, ["at least one"], codec.decode, bytes(bad), out=np.empty(32, "<i8"))
    tib = bytearray(good[:18])
    tib[6] = 1  # verbatim
    tib[8:12] = (1 << 20).to_bytes(4, "little")
    tib[12:16] = (1 << 17).to_bytes(4, "little")
    tib[16:18] = bytes(2)
    tib += bytes(4)
    expect(ValueError, ["verbatim", "claims"], _chunk.info, bytes(tib))


check("stored parameters checked against the dataset", test_parameters_checked_against_the_dataset)
check("edge chunks and fill values", test_edge_chunks_and_fill_values)
check("read-only file, skipped filter", test_read_only_and_skipped_filter)
check("floats that are not IEEE", test_floats_that_are_not_ieee)
check("fork, many thread counts", test_fork_and_many_thread_counts)
if importlib.util.find_spec("zarr") and importlib.util.find_spec("numcodecs"):
    check("Zarr v2 bomb, chunk headers", test_zarr_v2_bomb_and_chunk_headers)
else:  # Debian's h5py virtualenv holds no zarr: that test runs with the wheel's
    print("Zarr v2 bomb, chunk headers: zarr and numcodecs are not installed here, not run")
finish(f"h5flac hostile inputs (h5py {h5py.version.version}, HDF5 {h5py.version.hdf5_version})")
