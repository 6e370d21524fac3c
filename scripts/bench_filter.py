"""HDF5 filter benchmark through h5py: the FLAC filter (32027) against gzip+shuffle and
hdf5plugin's Zstd, Blosc2 (zstd + bitshuffle) and Bitshuffle-LZ4 on the same time-streams,
plus Python flacarray's write_array on the float data. Prints file size, ratio, write and
read MB/s (medians). With the plugin from HDF5_PLUGIN_PATH it also prints the filter's own
overhead (the same chunks coded in memory by the plugin's C functions against h5py writing
and reading them through the filter) and the levels table; with h5flac, the threads table
(the filter's threads per chunk, and h5flac.read/h5flac.write).

    python scripts/bench_filter.py OUT_DIR            # the plugin from HDF5_PLUGIN_PATH
    python scripts/bench_filter.py OUT_DIR h5flac     # the installed h5flac wheel's h5flac.FLAC()
"""

import os
import struct
import sys
import time

import h5py
import hdf5plugin
import numpy as np

import flacarray.hdf5 as fa_hdf5
from flacarray.demo import create_fake_data

OUT = sys.argv[1] if len(sys.argv) > 1 else "target/bench"
H5FLAC = len(sys.argv) > 2 and sys.argv[2] == "h5flac"
if H5FLAC:
    import h5flac
REPEATS = int(os.environ.get("BENCH_REPEATS", "5"))
SHAPE = (64, 200000)
CHUNKS = (4, 200000)
# Eight decimal digits below the noise (sigma 1): the quantized streams span less than 2^32
# steps, so float64 streams are stored as one 32-bit FLAC channel (the filter's narrowing).
QUANTA = 1e-8


def quanta_opts(level, q):
    hi, lo = struct.unpack(">II", struct.pack(">d", q))
    return (level, 1, hi, lo)


def median(fn):
    times = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return sorted(times)[len(times) // 2]


def codecs(is_float):
    if H5FLAC:
        flac = dict(**(h5flac.FLAC(quanta=QUANTA) if is_float else h5flac.FLAC()))
    else:
        flac = (dict(compression=32027, compression_opts=quanta_opts(5, QUANTA)) if is_float
                else dict(compression=32027, compression_opts=(5,)))
    return [
        ("flac (this)" + (" q=1e-8" if is_float else ""), flac),
        ("gzip4+shuffle", dict(compression="gzip", compression_opts=4, shuffle=True)),
        ("zstd3", dict(**hdf5plugin.Zstd(clevel=3))),
        ("blosc2 zstd+bitshuffle", dict(**hdf5plugin.Blosc2(cname="zstd", clevel=5, filters=hdf5plugin.Blosc2.BITSHUFFLE))),
        ("bitshuffle-lz4", dict(**hdf5plugin.Bitshuffle(cname="lz4"))),
    ]


def bench(label, data, is_float):
    print(f"\n{label}: {data.dtype} {data.shape}, chunks {CHUNKS}, {data.nbytes / 1e6:.0f} MB raw")
    print(f"  {'codec':<26} {'file MB':>8} {'ratio':>6} {'write MB/s':>11} {'read MB/s':>10}")
    path = os.path.join(OUT, "filter_bench.h5")
    rows = {}
    for name, kw in codecs(is_float):
        def write():
            with h5py.File(path, "w") as f:
                f.create_dataset("d", data=data, chunks=CHUNKS, **kw)

        def read():
            with h5py.File(path, "r") as f:
                return f["d"][...]

        tw = median(write)
        tr = median(read)
        back = read()
        if is_float and "flac" in name:
            assert np.max(np.abs(back - data)) <= 0.5 * QUANTA * (1 + 1e-6) + 4 * np.finfo(data.dtype).eps * np.max(np.abs(data))
        else:
            assert np.array_equal(back, data), name
        size = os.path.getsize(path)
        rows[name] = (size, tw, tr)
        print(f"  {name:<26} {size / 1e6:>8.2f} {size / data.nbytes:>6.3f} "
              f"{data.nbytes / tw / 1e6:>11.1f} {data.nbytes / tr / 1e6:>10.1f}")
    if is_float:
        def write_fa():
            with h5py.File(path, "w") as f:
                fa_hdf5.write_array(data, f, level=5, quanta=QUANTA)

        tw = median(write_fa)
        size = os.path.getsize(path)
        rows["python flacarray write_array"] = (size, tw, None)
        print(f"  {'python flacarray write_array':<26} {size / 1e6:>8.2f} {size / data.nbytes:>6.3f} "
              f"{data.nbytes / tw / 1e6:>11.1f} {'':>10}")
    return rows


def main():
    os.makedirs(OUT, exist_ok=True)
    source = (f"h5flac {h5flac.__version__} wheel from {h5flac.PLUGIN_PATH}" if H5FLAC
              else f"plugin from HDF5_PLUGIN_PATH={os.environ.get('HDF5_PLUGIN_PATH')}")
    print(f"HDF5 {h5py.version.hdf5_version} (h5py {h5py.__version__}), hdf5plugin {hdf5plugin.version}; "
          f"FLAC: {source}; FLACARRAY_FILTER_THREADS={os.environ.get('FLACARRAY_FILTER_THREADS', 'unset')}; "
          f"medians of {REPEATS}")
    x, _ = create_fake_data(SHAPE, sigma=1.0, dtype=np.float64)
    ints = np.round(x * 1000).astype(np.int32)
    r_int = bench("int32 time-streams", ints, False)
    r_float = bench("float64 time-streams", x, True)
    flac, gz = r_int["flac (this)"], r_int["gzip4+shuffle"]
    smallest = min(r_int, key=lambda k: r_int[k][0])
    print(f"\nint32: smallest file: {smallest}; FLAC write {gz[1] / flac[1]:.2f}x gzip's, "
          f"read {gz[2] / flac[2]:.2f}x gzip's")
    ff = r_float["flac (this) q=1e-8"]
    fa = r_float["python flacarray write_array"]
    print(f"float64: FLAC filter write {fa[1] / ff[1]:.2f}x Python flacarray's write_array "
          f"(same quanta; files {ff[0] / 1e6:.2f} vs {fa[0] / 1e6:.2f} MB)")
    if H5FLAC:
        threads(ints, x)
    else:
        overhead(ints, x)
        levels()


def level_data():
    """Three kinds of int32 streams for the levels table: the time-streams above (the first
    16), noisy slow sines with offsets (as scripts/bench_cli.py makes) and audio-like tones."""
    x, _ = create_fake_data((16, 200000), sigma=1.0, dtype=np.float64)
    rng = np.random.default_rng(1)
    n = 131072
    t = np.arange(n)
    sines = np.array([2000 * np.sin(2 * np.pi * (3 + r % 7) * t / n) + rng.normal(0, 300, n)
                      + rng.normal(0, 5000) for r in range(16)])
    tt = t / 44100
    audio = []
    for r in range(16):
        f0 = 110 * 2 ** (r / 12)
        tone = sum(np.sin(2 * np.pi * f0 * k * tt * (1 + 0.002 * np.sin(2 * np.pi * 5 * tt))) / k
                   for k in range(1, 8))
        audio.append(8000 * tone * np.exp(-tt * (0.5 + r % 3)) + rng.normal(0, 20, n))
    return [("time-streams", np.round(x * 1000).astype(np.int32)),
            ("sines+noise", sines.astype(np.int32)),
            ("audio-like", np.array(audio).astype(np.int32))]


def levels():
    """The filter's levels 5 and 8 (libFLAC's presets) against 9, 10 and 11 (blocks of 16384
    samples) on one thread, chunks of 4 streams; bits per sample as stored in the chunks."""
    print(f"\nFLAC filter levels, int32, chunks of 4 whole streams; MB/s medians of {REPEATS}")
    print(f"  {'data':<13} {'level':>5} {'bits/sample':>11} {'raw/stored':>10} {'write MB/s':>10} {'read MB/s':>9}")
    path = os.path.join(OUT, "filter_levels.h5")
    for label, data in level_data():
        chunks = (4, data.shape[1])
        for level in (5, 8, 9, 10, 11):
            def write():
                with h5py.File(path, "w") as f:
                    f.create_dataset("d", data=data, chunks=chunks, compression=32027,
                                     compression_opts=(level,))

            def read():
                with h5py.File(path, "r") as f:
                    return f["d"][...]

            tw = median(write)
            tr = median(read)
            assert np.array_equal(read(), data), (label, level)
            with h5py.File(path, "r") as f:
                d = f["d"]
                stored = sum(d.id.get_chunk_info(i).size for i in range(d.id.get_num_chunks()))
            print(f"  {label:<13} {level:>5} {8 * stored / data.size:>11.3f} {data.nbytes / stored:>10.4f} "
                  f"{data.nbytes / tw / 1e6:>10.1f} {data.nbytes / tr / 1e6:>9.1f}")


def overhead(ints, floats):
    """The filter's own cost through h5py, one thread: the same chunks encoded and decoded in
    memory by the plugin library's C functions (flacarray_encode_chunk/flacarray_decode_chunk,
    the filter's own codec, into a fresh output array as h5py makes one) against h5py writing
    and reading them through the filter. The four are timed in turn, round after round; the
    ratios are medians of each round's pair, so a slow spell of the machine hits both sides."""
    import ctypes

    if os.environ.get("FLACARRAY_FILTER_THREADS", "") not in ("", "1"):
        print("\nfilter overhead: skipped (FLACARRAY_FILTER_THREADS is set; this table is one thread)")
        return
    lib = ctypes.CDLL(os.path.join(os.environ["HDF5_PLUGIN_PATH"], "libh5zflac.so"))
    V, Z, P = ctypes.c_void_p, ctypes.c_size_t, ctypes.c_char_p
    lib.flacarray_stored_params.argtypes = [V, Z, ctypes.c_char, Z, ctypes.c_int, V, Z, V, P, Z]
    lib.flacarray_encode_chunk.argtypes = [V, Z, V, Z, V, V, P, Z]
    lib.flacarray_decode_chunk.argtypes = [V, Z, V, Z, V, Z, P, Z]
    lib.flacarray_free.argtypes = [V]
    err = ctypes.create_string_buffer(512)
    rounds = max(REPEATS, 11)
    path = os.path.join(OUT, "filter_overhead.h5")
    print(f"\nFLAC filter overhead, one thread on each side (FLACARRAY_FILTER_THREADS unset), chunks {CHUNKS}; "
          f"MB/s medians of {rounds} rounds")
    print(f"  {'data':<8} {'encode in memory':>16} {'h5py write':>10} {'ratio':>6} "
          f"{'decode in memory':>16} {'h5py read':>9} {'ratio':>6}")
    for label, data, user in [("int32", ints, [5]), ("float64", floats, list(quanta_opts(5, QUANTA)))]:
        u = (ctypes.c_uint * len(user))(*user)
        dims = (ctypes.c_ulonglong * 2)(*CHUNKS)
        cd = (ctypes.c_uint * 10)()
        st = lib.flacarray_stored_params(u, len(user), data.dtype.kind.encode(), data.dtype.itemsize, 0,
                                         dims, 2, cd, err, len(err))
        assert st == 0, err.value
        rows = range(0, data.shape[0], CHUNKS[0])
        encoded = []

        def encode():
            encoded.clear()
            for i in rows:
                c = data[i:i + CHUNKS[0]]
                out, n = ctypes.c_void_p(), ctypes.c_size_t()
                st = lib.flacarray_encode_chunk(cd, 10, c.ctypes.data, c.nbytes, ctypes.byref(out),
                                                ctypes.byref(n), err, len(err))
                assert st == 0, err.value
                encoded.append(ctypes.string_at(out, n.value))
                lib.flacarray_free(out.value)

        def decode():
            back = np.empty(data.shape, data.dtype)
            for i, e in zip(rows, encoded):
                c = back[i:i + CHUNKS[0]]
                st = lib.flacarray_decode_chunk(cd, 10, e, len(e), c.ctypes.data, c.nbytes, err, len(err))
                assert st == 0, err.value
            return back

        def write():
            with h5py.File(path, "w") as f:
                f.create_dataset("d", data=data, chunks=CHUNKS, compression=32027,
                                 compression_opts=tuple(user))

        def read():
            with h5py.File(path, "r") as f:
                return f["d"][...]

        times = {fn: [] for fn in (encode, write, decode, read)}
        for _ in range(rounds):
            for fn, t in times.items():
                t0 = time.perf_counter()
                fn()
                t.append(time.perf_counter() - t0)
        assert np.array_equal(decode(), read())
        with h5py.File(path, "r") as f:  # the same chunks on both sides
            assert all(f["d"].id.read_direct_chunk((i, 0))[1] == e for i, e in zip(rows, encoded))

        def mid(v):
            return sorted(v)[len(v) // 2]

        mb = data.nbytes / 1e6
        ew, hw, dr, hr = (mb / mid(times[fn]) for fn in (encode, write, decode, read))
        rw = mid([a / b for a, b in zip(times[encode], times[write])])
        rr = mid([a / b for a, b in zip(times[decode], times[read])])
        print(f"  {label:<8} {ew:16.0f} {hw:10.0f} {rw:6.2f} {dr:16.0f} {hr:9.0f} {rr:6.2f}")


def threads(ints, floats):
    """1 and 2 threads through h5py, chunks of 4 streams as above: the filter's threads per
    chunk (h5flac.set_nthreads; HDF5 calls the filter one chunk at a time) and h5flac.read /
    h5flac.write (chunks decoded and encoded on threads while h5py moves the others). The
    eight cases are timed in turn, round after round; MB/s are medians, the gains x the
    median of each round's ratio."""
    rounds = max(REPEATS, 11)
    print(f"\nthreads through h5py, chunks {CHUNKS}; MB/s medians of {rounds} rounds; x: median of each round's 1-thread / 2-thread time")
    print(f"  {'data':<8} {'path':<24} {'write 1':>8} {'write 2':>8} {'x':>6} {'read 1':>8} {'read 2':>8} {'x':>6}")
    path = os.path.join(OUT, "filter_threads.h5")
    for label, data, flac in [("int32", ints, h5flac.FLAC()), ("float64", floats, h5flac.FLAC(quanta=QUANTA))]:
        def filter_write(n):
            h5flac.set_nthreads(n)
            with h5py.File(path, "w") as f:
                f.create_dataset("d", data=data, chunks=CHUNKS, compression=flac)

        def filter_read(n):
            h5flac.set_nthreads(n)
            with h5py.File(path, "r") as f:
                return f["d"][...]

        def direct_write(n):
            with h5py.File(path, "w") as f:
                d = f.create_dataset("d", data.shape, data.dtype, chunks=CHUNKS, compression=flac)
                h5flac.write(d, data, threads=n)

        def direct_read(n):
            with h5py.File(path, "r") as f:
                return h5flac.read(f["d"], threads=n)

        cases = [(filter_write, filter_read), (direct_write, direct_read)]
        times = {(fn, n): [] for pair in cases for fn in pair for n in (1, 2)}
        for _ in range(rounds):
            for (fn, n), t in times.items():
                t0 = time.perf_counter()
                fn(n)
                t.append(time.perf_counter() - t0)
        filter_write(1)
        assert np.array_equal(direct_read(2), filter_read(1))
        h5flac.set_nthreads(None)

        def mid(v):
            return sorted(v)[len(v) // 2]

        for name, (w, r) in zip(["filter (set_nthreads)", "h5flac.write / read"], cases):
            mb = [data.nbytes / 1e6 / mid(times[(fn, n)]) for fn in (w, r) for n in (1, 2)]
            # The gain: the median of each round's pair (1 and 2 threads timed one after the
            # other), so that a slow spell of the machine hits both sides.
            gain = [mid([a / b for a, b in zip(times[(fn, 1)], times[(fn, 2)])]) for fn in (w, r)]
            print(f"  {label:<8} {name:<24} {mb[0]:8.0f} {mb[1]:8.0f} {gain[0]:6.2f} "
                  f"{mb[2]:8.0f} {mb[3]:8.0f} {gain[1]:6.2f}")


if __name__ == "__main__":
    main()
