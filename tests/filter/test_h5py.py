"""The FLAC filter (32027) through h5py from its pip wheel (its own bundled HDF5 2.x).

Run with HDF5_PLUGIN_PATH pointing at the directory holding libh5zflac.so:
    python tests/filter/test_h5py.py WORK_DIR
"""

import os
import struct
import subprocess
import sys

import h5py
import numpy as np

# The test helpers shared with the h5flac wheel tests (check, data, finish).
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "wheel"))
from common import check, data, finish  # noqa: E402

FLAC = 32027
WORK = sys.argv[1] if len(sys.argv) > 1 else "target/filter-tests"
os.makedirs(WORK, exist_ok=True)


def quanta_opts(level, q):
    hi, lo = struct.unpack(">II", struct.pack(">d", q))
    return (level, 1, hi, lo)


INT_TYPES = ["i1", "u1", "<i2", ">i2", "<u2", "<i4", ">i4", "<u4", ">u4", "<i8", ">i8", "<u8", ">u8"]
FLOAT_TYPES = ["<f4", ">f4", "<f8", ">f8"]
SHAPES = [((10000,), (3000,)), ((5, 7000), (2, 3000)), ((3, 4, 2500), (2, 3, 1000))]


def roundtrip(dtype, shape, chunks, opts, tol):
    x = data(dtype, shape)
    path = os.path.join(WORK, "rt.h5")
    with h5py.File(path, "w") as f:
        kw = {} if opts is None else {"compression_opts": opts}
        f.create_dataset("d", data=x, chunks=chunks, compression=FLAC, **kw)
    with h5py.File(path, "r") as f:
        d = f["d"]
        assert d.dtype == x.dtype, (d.dtype, x.dtype)
        plist = d.id.get_create_plist()
        fid, flags, cd, name = plist.get_filter(0)
        assert fid == FLAC and cd[0] == 0x464C4143, cd
        y = d[...]
        part = d[(slice(1, None),) * (len(shape) - 1) + (slice(5, 2999),)]
    if tol == 0:
        assert np.array_equal(x, y), f"{dtype} {shape}: integers differ"
        assert np.array_equal(part, x[(slice(1, None),) * (len(shape) - 1) + (slice(5, 2999),)])
    else:
        err = np.max(np.abs(y.astype(np.float64) - x.astype(np.float64)))
        slack = 4 * np.finfo(x.dtype).eps * np.max(np.abs(x))
        assert err <= tol + slack, f"{dtype} {shape}: error {err} > {tol}"


def test_integers():
    for dtype in INT_TYPES:
        for shape, chunks in SHAPES:
            for opts in (None, (0,), (8, 0)):
                roundtrip(dtype, shape, chunks, opts, 0)


def test_floats():
    for dtype in FLOAT_TYPES:
        for shape, chunks in SHAPES:
            q = 1e-3 if "f4" in dtype else 1e-7
            roundtrip(dtype, shape, chunks, quanta_opts(5, q), 0.5 * q)
            # precision: quanta = rms / 10^p per stream; rms of the data is about 7.
            roundtrip(dtype, shape, chunks, (3, 2, 4), 0.5 * 10 / 1e4)


def test_resizable_appends():
    path = os.path.join(WORK, "append.h5")
    rows = [data("<i4", (3, 4000), seed=s) for s in range(4)]
    with h5py.File(path, "w") as f:
        d = f.create_dataset("d", shape=(0, 4000), maxshape=(None, 4000), chunks=(2, 4000),
                             dtype="<i4", compression=FLAC, compression_opts=(5,))
        for r in rows:
            n = d.shape[0]
            d.resize(n + r.shape[0], axis=0)
            d[n:] = r
        # And along the stream axis.
        e = f.create_dataset("e", shape=(2, 0), maxshape=(2, None), chunks=(2, 1500),
                             dtype="<f8", compression=FLAC, compression_opts=quanta_opts(5, 1e-6))
        for k in range(3):
            blk = data("<f8", (2, 1000), seed=10 + k)
            n = e.shape[1]
            e.resize(n + 1000, axis=1)
            e[:, n:] = blk
    with h5py.File(path, "r") as f:
        assert np.array_equal(f["d"][...], np.concatenate(rows))
        want = np.concatenate([data("<f8", (2, 1000), seed=10 + k) for k in range(3)], axis=1)
        assert np.max(np.abs(f["e"][...] - want)) <= 0.5e-6 + 1e-12


def test_compresses_time_streams():
    rng = np.random.default_rng(5)
    t = np.arange(20000)
    x = np.round(1e4 * np.sin(2 * np.pi * t / 3000) + rng.normal(0, 100, (8, 20000))).astype("<i4")
    path = os.path.join(WORK, "size.h5")
    with h5py.File(path, "w") as f:
        f.create_dataset("d", data=x, chunks=(2, 20000), compression=FLAC)
        size = f["d"].id.get_storage_size()
    assert size < 0.6 * x.nbytes, (size, x.nbytes)


def test_chunks_that_do_not_shrink_are_stored_verbatim():
    # A chunk FLAC cannot make smaller is stored as it is behind its header: more bytes than
    # HDF5's buffer holds, so the filter hands HDF5 a buffer of its own; a chunk that shrinks
    # is written over HDF5's buffer. Both read back exactly, in either order on disk.
    rng = np.random.default_rng(11)
    noise = rng.integers(-2**63, 2**63 - 1, (2, 5000), dtype="<i8", endpoint=True)
    smooth = np.cumsum(rng.integers(-3, 4, (2, 5000)), axis=1).astype("<i8")
    path = os.path.join(WORK, "verbatim.h5")
    for x in (np.concatenate([noise, smooth]), np.concatenate([smooth, noise])):
        with h5py.File(path, "w") as f:
            f.create_dataset("d", data=x, chunks=(2, 5000), compression=FLAC)
        with h5py.File(path, "r") as f:
            d = f["d"]
            assert np.array_equal(d[...], x)
            sizes = [len(d.id.read_direct_chunk((r, 0))[1]) for r in (0, 2)]
        raw = 2 * 5000 * 8
        verbatim, flac = sizes if x[0, 0] == noise[0, 0] else sizes[::-1]
        assert verbatim == raw + 18 + 4, sizes  # header and checksum
        assert flac < raw / 4, sizes


def test_float_without_quanta_fails_with_message():
    x = data("<f8", (2, 100))
    with h5py.File(os.path.join(WORK, "noq.h5"), "w") as f:
        try:
            f.create_dataset("d", data=x, chunks=(1, 100), compression=FLAC)
        except ValueError as e:
            assert "needs quanta or precision" in str(e), str(e)
        else:
            raise AssertionError("creating a float dataset without quanta succeeded")


def test_bad_parameters_and_types_fail():
    with h5py.File(os.path.join(WORK, "bad.h5"), "w") as f:
        for kw in [dict(data=np.zeros((2, 10), "<i4"), compression_opts=(12,)),
                   dict(data=np.zeros((2, 10), "<f4"), compression_opts=(5, 1, 0, 0)),
                   dict(data=np.zeros((2, 10), "<i4"), compression_opts=(5, 7))]:
            try:
                f.create_dataset("x", chunks=True, compression=FLAC, **kw)
            except (ValueError, TypeError):
                pass
            else:
                raise AssertionError(f"accepted {kw}")
            if "x" in f:
                del f["x"]
        # Strings: a mandatory FLAC filter is refused with a message; an optional one (what
        # h5py's compression=32027 adds, and h5repack's UD=32027,1,...) is left out by HDF5,
        # and the strings are stored as they are.
        strings = np.array([[b"ab", b"cd"]] * 8)
        dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
        dcpl.set_chunk((4, 2))
        dcpl.set_filter(FLAC, h5py.h5z.FLAG_MANDATORY, ())
        try:
            h5py.h5d.create(f.id, b"m", h5py.h5t.py_create(strings.dtype), h5py.h5s.create_simple(strings.shape),
                            dcpl=dcpl)
        except Exception as e:
            assert "supports only integers" in str(e), str(e)
        else:
            raise AssertionError("a mandatory FLAC filter was accepted for strings")
        d = f.create_dataset("s", data=strings, chunks=(4, 2), compression=FLAC)
        assert np.array_equal(d[...], strings)
        assert all(d.id.get_chunk_info(i).filter_mask & 1 for i in range(d.id.get_num_chunks()))


CORRUPT_READER = r"""
import sys, h5py
try:
    with h5py.File(sys.argv[1], "r") as f:
        f["d"][...]
except OSError as e:
    print("ERROR", e)
    sys.exit(3)
print("READ")
"""


def test_corrupt_chunks_raise_not_crash():
    x = data("<i4", (4, 6000))
    path = os.path.join(WORK, "corrupt.h5")
    with h5py.File(path, "w") as f:
        f.create_dataset("d", data=x, chunks=(2, 3000), compression=FLAC)
    with h5py.File(path, "r") as f:
        info = [f["d"].id.get_chunk_info(i) for i in range(f["d"].id.get_num_chunks())]
    raw = open(path, "rb").read()
    cases = []
    for k, ci in enumerate(info):
        for rel in (2, 30, ci.size // 2, ci.size - 3):
            b = bytearray(raw)
            b[ci.byte_offset + rel] ^= 0x5A
            cases.append((f"flip chunk {k} byte {rel}", bytes(b)))
    for name, content in cases:
        bad = os.path.join(WORK, "bad.h5")
        open(bad, "wb").write(content)
        r = subprocess.run([sys.executable, "-c", CORRUPT_READER, bad], capture_output=True, text=True)
        assert r.returncode in (0, 3), f"{name}: reader died with {r.returncode}: {r.stderr[-500:]}"
        if r.returncode == 0:
            with h5py.File(bad, "r") as f:
                assert np.array_equal(f["d"][...], x), f"{name}: wrong data without an error"
    # Truncated chunks, written directly.
    trunc = os.path.join(WORK, "trunc.h5")
    with h5py.File(path, "r") as src, h5py.File(trunc, "w") as dst:
        d = dst.create_dataset("d", shape=x.shape, dtype=x.dtype, chunks=(2, 3000), compression=FLAC)
        for ci in info:
            filter_mask, chunk = src["d"].id.read_direct_chunk(ci.chunk_offset)
            d.id.write_direct_chunk(ci.chunk_offset, chunk[: len(chunk) // 3], filter_mask)
    r = subprocess.run([sys.executable, "-c", CORRUPT_READER, trunc], capture_output=True, text=True)
    assert r.returncode == 3 and "filter returned failure" in r.stdout, (r.returncode, r.stdout, r.stderr[-800:])
    # HDF5 2.x drops what a filter pushes on the error stack; the filter's own message must
    # still reach the user (on stderr), saying what is wrong with the chunk.
    assert "HDF5 filter 32027: FLAC filter: " in r.stderr, r.stderr[-800:]
    assert r.stderr.count("HDF5 filter 32027") <= 21, r.stderr[-800:]


BOMB_READER = r"""
import resource, sys, h5py
try:
    with h5py.File(sys.argv[1], "r") as f:
        f["d"][...]
except OSError as e:
    print("ERROR", e)
print("PEAK_KB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def test_edited_parameters_cannot_claim_a_huge_chunk():
    # The stored parameters in the file say each chunk is 2^28 samples (1 GiB of int32); the
    # chunk's own header says 1000. The filter refuses, naming the mismatch, before it
    # allocates the 1 GiB (the peak would not show an untouched calloc; it shows that nothing
    # was decoded into such a buffer).
    path = os.path.join(WORK, "bomb.h5")
    x = np.arange(4000, dtype="<i4").reshape(4, 1000)
    with h5py.File(path, "w") as f:
        f.create_dataset("d", data=x, chunks=(1, 1000), compression=FLAC)
    raw = bytearray(open(path, "rb").read())
    stored = struct.pack("<10I", 0x464C4143, 1, 5, 0, 0, 0, 5, 0, 1000, 1)
    at = raw.find(stored)
    assert at >= 0, "stored cd_values not found in the file"
    raw[at + 32:at + 36] = struct.pack("<I", 1 << 28)
    open(path, "wb").write(raw)
    r = subprocess.run([sys.executable, "-c", BOMB_READER, path], capture_output=True, text=True)
    assert r.returncode == 0 and "ERROR" in r.stdout, (r.returncode, r.stdout, r.stderr[-500:])
    assert "filter parameters say" in r.stderr, r.stderr[-500:]
    peak_mb = int(r.stdout.split("PEAK_KB")[1]) / 1024
    assert peak_mb < 400, f"peak memory {peak_mb:.0f} MB"


for name, fn in list(globals().items()):
    if name.startswith("test_") and callable(fn):
        check(name, fn)

finish("h5py-filter")
