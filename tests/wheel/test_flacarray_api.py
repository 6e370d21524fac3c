"""h5flac.flacarray (the Python flacarray API on our core) against the real flacarray 0.4.1
from PyPI, in one virtualenv with the wheel: the same bytes from the same arrays, each
decoding the other's, the same float/integer conversion, flacarray's errors, and hostile
buffers refused with an error. Run from a folder outside the source tree:

    python test_flacarray_api.py
"""

import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import check, data, finish  # noqa: E402

import flacarray.compress as py_compress  # noqa: E402
import flacarray.decompress as py_decompress  # noqa: E402
import flacarray.utils as py_utils  # noqa: E402
import h5flac.flacarray.compress as our_compress  # noqa: E402
import h5flac.flacarray.decompress as our_decompress  # noqa: E402
import h5flac.flacarray.utils as our_utils  # noqa: E402

SHAPES = [(5000,), (3, 4000), (2, 3, 2500)]


def cases():
    """(name, array, compress keyword arguments) for every dtype and quantization form."""
    for shape in SHAPES:
        for dt in (np.int32, np.int64):
            yield f"{np.dtype(dt)} {shape}", data(dt, shape, seed=len(shape)), {}
        for dt in (np.float32, np.float64):
            x = data(dt, shape, seed=7)
            yield f"{np.dtype(dt)} {shape} quanta", x, {"quanta": 1e-4}
            yield f"{np.dtype(dt)} {shape} precision", x, {"precision": 5}
            if len(shape) > 1:
                # flacarray 0.4.1 refuses per-stream values for 1-D data (leading shape ()).
                yield f"{np.dtype(dt)} {shape} precision per stream", x, {
                    "precision": np.full(shape[:-1], 4, dtype=np.int64)
                }


def same(a, b, what):
    if a is None or b is None:
        assert a is None and b is None, f"{what}: {a!r} against {b!r}"
        return
    assert np.asarray(a).dtype == np.asarray(b).dtype, f"{what}: {a.dtype} against {b.dtype}"
    assert np.shape(a) == np.shape(b), f"{what}: {np.shape(a)} against {np.shape(b)}"
    assert np.array_equal(a, b), f"{what} differ"


def test_same_bytes_as_flacarray():
    for name, x, kw in cases():
        for level in (0, 5, 8):
            ours = our_compress.array_compress(x, level=level, **kw)
            theirs = py_compress.array_compress(x, level=level, **kw)
            for what, a, b in zip(("compressed", "starts", "nbytes", "offsets", "gains"),
                                  ours, theirs):
                same(a, b, f"{name} level {level} {what}")


def extreme_cases():
    """Arrays at the edges of the encoder's integer ranges, where libFLAC takes its 64-bit
    paths (residuals that may not fit 32 bits, the 33-bit side channel of 64-bit streams):
    our libFLAC computes those with AVX2 (vendor/libflac-sys/PATCHES.md) and must still give
    flacarray's bytes, also for streams whose length is not a multiple of 4 or shorter than
    the predictor."""
    rng = np.random.default_rng(11)
    top = np.iinfo(np.int32).max
    for n in (4099, 4096 + 8193, 7, 3, 1):
        t = np.arange(n)
        tone = np.sin(2 * np.pi * t / 97.0)
        yield f"int32 full range n={n}", rng.integers(-top, top, size=(2, n), dtype=np.int32)
        yield f"int32 extremes n={n}", np.where(t % 3 == 0, top, -top).astype(np.int32)[None, :]
        yield f"int32 loud tone n={n}", (tone * (top - 1000) + rng.normal(0, 300, n)).astype(
            np.int32)[None, :]
        spiky = (tone * (top - 1000)).astype(np.int32)
        spiky[::500] = -top  # residuals beyond 32 bits at the spikes only
        yield f"int32 loud tone with spikes n={n}", spiky[None, :]
        # 64-bit values are FLAC stereo (low word, high word); a spiky low word under a quiet
        # high word makes the 33-bit side channel's fixed-predictor errors exceed 32 bits.
        yield f"int64 spiky low words n={n}", (
            (spiky.astype(np.int64) & 0xFFFFFFFF) + (np.round(tone * 50).astype(np.int64) << 32)
        )[None, :]
        yield f"int64 loud tone n={n}", (tone * 2.0**40 + rng.normal(0, 1e4, n)).astype(
            np.int64)[None, :]
        yield f"int64 wide noise n={n}", rng.integers(-(2**40), 2**40, size=(2, n))


def test_same_bytes_at_the_edges_of_the_ranges():
    for name, x in extreme_cases():
        for level in (0, 5, 8):
            ours = our_compress.array_compress(x, level=level)
            theirs = py_compress.array_compress(x, level=level)
            for what, a, b in zip(("compressed", "starts", "nbytes", "offsets", "gains"),
                                  ours, theirs):
                same(a, b, f"{name} level {level} {what}")
            wide = x.dtype == np.int64
            back = our_decompress.array_decompress(ours[0], x.shape[-1], *ours[1:], is_int64=wide)
            same(back, py_decompress.array_decompress(*theirs[:1], x.shape[-1], *theirs[1:],
                                                      is_int64=wide), f"{name} level {level} read")
            # flacarray returns one stream of shape (1, n) as shape (n,); so do we.
            same(back, x.reshape(back.shape), f"{name} level {level} round trip")


def test_each_decodes_the_other():
    for name, x, kw in cases():
        is_int64 = x.dtype.itemsize == 8
        c = py_compress.array_compress(x, **kw)
        n = x.shape[-1]
        for first, last in ((None, None), (0, n), (17, 1234), (n - 5, n)):
            ours = our_decompress.array_decompress(
                *c[:1], n, *c[1:], first_stream_sample=first, last_stream_sample=last,
                is_int64=is_int64,
            )
            theirs = py_decompress.array_decompress(
                *c[:1], n, *c[1:], first_stream_sample=first, last_stream_sample=last,
                is_int64=is_int64,
            )
            same(ours, theirs, f"{name} [{first}, {last})")
        c2 = our_compress.array_compress(x, **kw)
        back = py_decompress.array_decompress(*c2[:1], n, *c2[1:], is_int64=is_int64)
        if x.dtype.kind == "i":
            same(back, x, f"{name} flacarray reading ours")
        else:
            mine = our_decompress.array_decompress(*c2[:1], n, *c2[1:], is_int64=is_int64)
            same(back, mine, f"{name} flacarray reading ours")


def test_keep_selects_streams_in_c_order():
    x = data(np.float64, (2, 3, 3000), seed=3)
    c = our_compress.array_compress(x, quanta=1e-5)
    keep = np.array([[True, False, True], [False, True, False]])
    for threads in (False, True):
        ours, idx = our_decompress.array_decompress_slice(
            *c[:1], 3000, *c[1:], keep=keep, first_stream_sample=10,
            last_stream_sample=2000, is_int64=True, use_threads=threads,
        )
        theirs, pidx = py_decompress.array_decompress_slice(
            *c[:1], 3000, *c[1:], keep=keep, first_stream_sample=10,
            last_stream_sample=2000, is_int64=True,
        )
        same(ours, theirs, "keep")
        assert idx == [tuple(i) for i in pidx] == [(0, 0), (0, 2), (1, 1)], (idx, pidx)


def test_threads_give_the_same_bytes():
    x = data(np.int32, (16, 20000), seed=5)
    a = our_compress.array_compress(x, use_threads=False)
    b = our_compress.array_compress(x, use_threads=True)
    for u, v in zip(a[:3], b[:3]):
        same(u, v, "threads")


def test_float_to_int_is_flacarrays():
    x = data(np.float64, (4, 3, 1000), seed=11)
    for kw in ({"quanta": 1e-6}, {"precision": 5}, {"quanta": np.full((4, 3), 1e-5)},
               {"precision": np.full((4, 3), 6)}):
        for dt in (np.float32, np.float64):
            xs = x.astype(dt)
            ours = our_utils.float_to_int(xs, **kw)
            theirs = py_utils.float_to_int(xs, **kw)
            for what, a, b in zip(("ints", "offsets", "gains"), ours, theirs):
                same(a, b, f"{kw} {np.dtype(dt)} {what}")
            same(our_utils.int_to_float(*ours), py_utils.int_to_float(*theirs),
                 f"{kw} {np.dtype(dt)} back")


def test_floats_without_quantization_use_each_streams_range():
    # flacarray 0.4.1 raises here; its documentation promises this.
    x = data(np.float64, (3, 5000), seed=2) * 1e3
    c = our_compress.array_compress(x)
    back = our_decompress.array_decompress(*c[:1], 5000, *c[1:], is_int64=True)
    assert np.allclose(back, x, rtol=0, atol=1e-9 * np.abs(x).max()), "range quantization"


def expect(exc, fn, text=""):
    try:
        fn()
    except exc as e:
        assert text in str(e), f"{type(e).__name__}: {e}"
        return
    raise AssertionError(f"no {exc.__name__}")


def test_errors_are_flacarrays():
    x = data(np.float32, (2, 100))
    expect(ValueError, lambda: our_compress.array_compress(np.zeros((0, 5))), "zero-sized")
    expect(RuntimeError, lambda: our_compress.array_compress(x, quanta=1e-3, precision=3),
           "both quanta and precision")
    expect(ValueError, lambda: our_compress.array_compress(x.astype(np.int16)),
           "Unsupported data type")
    c = our_compress.array_compress(x, quanta=1e-3)
    expect(RuntimeError, lambda: our_decompress.array_decompress_slice(
        *c[:1], 100, *c[1:], keep=np.ones(3, dtype=bool)), "same shape as stream_starts")
    expect(RuntimeError, lambda: our_decompress.array_decompress(
        c[0], 100, c[1], c[2], c[3], None), "both")
    bad = x.copy()
    bad[1, 7] = np.nan
    expect(RuntimeError, lambda: our_compress.array_compress(bad, quanta=1e-3), "NaN")


def test_hostile_buffers_are_errors():
    x = data(np.int32, (4, 5000), seed=9)
    comp, starts, nbytes, _, _ = our_compress.array_compress(x)
    attempts = [
        (comp[: len(comp) // 2], starts, nbytes),  # truncated buffer
        (comp, starts + 10**12, nbytes),  # starts beyond it
        (comp, starts, nbytes * 0),  # empty streams
        (comp, starts - 1, nbytes),  # misplaced
        (np.random.default_rng(0).integers(0, 256, comp.size, dtype=np.uint8), starts, nbytes),
    ]
    for k, (c, s, n) in enumerate(attempts):
        expect(RuntimeError, lambda: our_decompress.array_decompress(c, 5000, s, n))
    # A stream_size beyond the real length is refused, not looped on; one the bytes cannot
    # hold at all is refused before its output is allocated (here 32 TB).
    expect(RuntimeError, lambda: our_decompress.array_decompress(comp, 5001, starts, nbytes))
    expect(RuntimeError, lambda: our_decompress.array_decompress(comp, 2 * 10**12, starts, nbytes),
           "cannot hold")
    expect(ValueError, lambda: our_decompress.array_decompress(
        comp, 5000, starts, nbytes, first_stream_sample=10, last_stream_sample=5001))


def test_hdf5_files_both_ways():
    import tempfile

    import flacarray.hdf5 as py_hdf5
    import h5py

    import h5flac.flacarray.hdf5 as our_hdf5
    from h5flac.flacarray import FlacArray

    with tempfile.TemporaryDirectory() as tmp:
        for name, x, kw in cases():
            if "per stream" in name:
                continue  # flacarray 0.4.1 fails on per-stream values (B1)
            is_float = x.dtype.kind == "f"
            for writer, reader in ((our_hdf5, py_hdf5), (py_hdf5, our_hdf5)):
                path = os.path.join(tmp, "g.h5")
                with h5py.File(path, "w") as f:
                    writer.write_array(x, f.create_group("g"), level=5, **kw)
                with h5py.File(path, "r") as f:
                    back = reader.read_array(f["g"])
                    assert back.shape == x.shape, (name, back.shape, x.shape)
                    if not is_float:
                        same(back, x, f"{name} {writer.__name__} -> {reader.__name__}")
                    n = x.shape[-1]
                    part = our_hdf5.read_array(f["g"], stream_slice=slice(n // 3, -7))
                    whole = our_hdf5.read_array(f["g"])
                    same(part, whole[..., n // 3:n - 7], f"{name} stream_slice")
                    if x.ndim > 1:
                        keep = np.zeros(x.shape[:-1], dtype=bool)
                        keep.flat[::2] = True
                        rows, idx = our_hdf5.read_array(f["g"], keep=keep, keep_indices=True)
                        same(rows, whole[keep], f"{name} keep")
                        assert idx == [tuple(i) for i in np.argwhere(keep)]
            # The same compressed bytes in both files.
            with h5py.File(os.path.join(tmp, "a.h5"), "w") as f:
                our_hdf5.write_array(x, f, **kw)
            with h5py.File(os.path.join(tmp, "b.h5"), "w") as f:
                py_hdf5.write_array(x, f, **kw)
            with h5py.File(os.path.join(tmp, "a.h5"), "r") as a, \
                    h5py.File(os.path.join(tmp, "b.h5"), "r") as b:
                for ds in ("compressed", "stream_starts", "stream_bytes"):
                    same(a[ds][()], b[ds][()], f"{name} {ds}")
                fa = FlacArray.read_hdf5(a)
                same(fa.to_array(), our_hdf5.read_array(b), f"{name} FlacArray")


def test_zarr_groups_both_ways():
    import tempfile

    import flacarray.zarr as py_zarr
    import zarr

    import h5flac.flacarray.zarr as our_zarr

    with tempfile.TemporaryDirectory() as tmp:
        for name, x, kw in cases():
            if "per stream" in name:
                continue
            for k, (writer, reader) in enumerate(((our_zarr, py_zarr), (py_zarr, our_zarr))):
                path = os.path.join(tmp, f"z{k}.zarr")
                writer.write_array(x, zarr.open_group(path, mode="w"), **kw)
                back = reader.read_array(zarr.open_group(path, mode="r"))
                assert back.shape == x.shape, (name, back.shape)
                mine = our_zarr.read_array(zarr.open_group(path, mode="r"))
                same(back, mine, f"{name} {writer.__name__} -> {reader.__name__}")
                if x.dtype.kind == "i":
                    same(back, x, f"{name} values")
            a = zarr.open_group(os.path.join(tmp, "z0.zarr"), mode="r")
            b = zarr.open_group(os.path.join(tmp, "z1.zarr"), mode="r")
            for ds in ("compressed", "stream_starts", "stream_bytes"):
                same(a[ds][...], b[ds][...], f"{name} zarr {ds}")


def test_stream_slices_read_a_fraction_of_the_bytes():
    import tempfile

    import h5py

    import h5flac.flacarray.hdf5 as our_hdf5
    import h5flac.flacarray.zarr as our_zarr
    import zarr

    x = data(np.float64, (8, 200_000), seed=12)
    counted = {"bytes": 0}

    def counting(cls):
        read = cls.read

        def wrapper(self, name, sel):
            out = read(self, name, sel)
            if name == "compressed":
                counted["bytes"] += np.asarray(out).nbytes
            return out

        return read, wrapper

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "s.h5")
        with h5py.File(path, "w") as f:
            our_hdf5.write_array(x, f, quanta=1e-6)
        zpath = os.path.join(tmp, "s.zarr")
        our_zarr.write_array(x, zarr.open_group(zpath, mode="w"), quanta=1e-6)
        for module, open_group in ((our_hdf5, lambda: h5py.File(path, "r")),
                                   (our_zarr, lambda: zarr.open_group(zpath, mode="r"))):
            read, wrapper = counting(module._Group)
            module._Group.read = wrapper
            try:
                g = open_group()
                total = int(np.asarray(g["compressed"].shape)[0])
                whole = module.read_array(g)
                for sl in (slice(100_000, 102_000), slice(0, 500), slice(-300, None),
                           slice(4095, 4097)):
                    counted["bytes"] = 0
                    part = module.read_array(g, stream_slice=sl)
                    same(part, whole[:, sl], f"{module.__name__} {sl}")
                    assert counted["bytes"] < 0.1 * total, (sl, counted["bytes"], total)
            finally:
                module._Group.read = read


def test_hostile_hdf5_groups_are_errors():
    import tempfile

    import h5py

    import h5flac.flacarray.hdf5 as our_hdf5

    x = data(np.int32, (3, 4000), seed=4)
    damage = [
        ("stream_bytes", lambda f: f["stream_bytes"].__setitem__(1, 10**15), "outside"),
        ("stream_starts", lambda f: f["stream_starts"].__setitem__(0, -5), "outside"),
        ("stream_size and shape", lambda f: f["stream_starts"].attrs.__setitem__(
            "stream_size", 10**13), "disagrees"),
        # As flacarray writes it, without flacarray_shape: refused before 40 TB are allocated.
        ("stream_size", lambda f: (f.attrs.__delitem__("flacarray_shape"),
                                   f["stream_starts"].attrs.__setitem__("stream_size", 10**13)),
         "cannot hold"),
        ("stream_size 0", lambda f: f["stream_starts"].attrs.__setitem__("stream_size", 0),
         "stream_size"),
        ("version", lambda f: f.attrs.__setitem__("flacarray_format_version", "7"), "version"),
        ("no version", lambda f: f.attrs.__delitem__("flacarray_format_version"),
         "does not contain"),
        ("channels", lambda f: f.attrs.__setitem__("flac_channels", "2"), "channel"),
        ("offsets", lambda f: f.create_dataset("stream_offsets", data=np.zeros(3)), "inconsistent"),
        ("bytes", lambda f: f["compressed"].__setitem__(slice(100, 400), 0), ""),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        for what, spoil, text in damage:
            path = os.path.join(tmp, "h.h5")
            with h5py.File(path, "w") as f:
                our_hdf5.write_array(x, f)
                spoil(f)
            with h5py.File(path, "r") as f:
                expect(RuntimeError, lambda: our_hdf5.read_array(f), text)


def test_users_page_examples_run():
    import tempfile

    here = os.path.dirname(os.path.abspath(__file__))
    page = open(os.path.join(here, "..", "..", "docs", "flacarray-users.md")).read()
    blocks = [b.split("```")[0] for b in page.split("```python\n")[1:]]
    assert len(blocks) == 2, len(blocks)
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)
        try:
            for block in blocks:
                exec(block, {})
        finally:
            os.chdir(cwd)


def main():
    for name, fn in sorted(globals().items()):
        if name.startswith("test_") and callable(fn):
            check(name, fn)
    finish("flacarray-api")


if __name__ == "__main__":
    main()
