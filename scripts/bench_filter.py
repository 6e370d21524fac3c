"""HDF5 filter benchmark through h5py: the FLAC filter (32027) against gzip+shuffle and
hdf5plugin's Zstd, Blosc2 (zstd + bitshuffle) and Bitshuffle-LZ4 on the same time-streams,
plus Python flacarray's write_array on the float data. Prints file size, ratio, write and
read MB/s (medians).

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


def threads(ints, floats):
    """The filter's threads per chunk (h5flac.set_nthreads) at 1 and 2, alternately, through
    h5py: chunks of 4 streams, as above."""
    print(f"\nFLAC filter threads (h5flac.set_nthreads), chunks {CHUNKS}; MB/s, medians of {REPEATS}")
    print(f"  {'data':<10} {'write 1':>8} {'write 2':>8} {'x':>6} {'read 1':>8} {'read 2':>8} {'x':>6}")
    path = os.path.join(OUT, "filter_threads.h5")
    for label, data, flac in [("int32", ints, h5flac.FLAC()), ("float64", floats, h5flac.FLAC(quanta=QUANTA))]:
        speed = {}
        for n in (1, 2):
            h5flac.set_nthreads(n)

            def write():
                with h5py.File(path, "w") as f:
                    f.create_dataset("d", data=data, chunks=CHUNKS, compression=flac)

            def read():
                with h5py.File(path, "r") as f:
                    return f["d"][...]

            speed[n] = (data.nbytes / median(write) / 1e6, data.nbytes / median(read) / 1e6)
        h5flac.set_nthreads(None)
        (w1, r1), (w2, r2) = speed[1], speed[2]
        print(f"  {label:<10} {w1:8.0f} {w2:8.0f} {w2 / w1:6.2f} {r1:8.0f} {r2:8.0f} {r2 / r1:6.2f}")


if __name__ == "__main__":
    main()
