"""Zarr v3 benchmark through zarr-python 3: the flacarray.flac codec (h5flac.zarr.FLAC, from the
installed wheel) against zarr-python's default (zstd), Blosc zstd + bitshuffle and pcodec's
zarr codec (where the pcodec package installs), on the same time-streams. Prints size, ratio,
write and read MB/s (medians) with zarr's thread pool at 1 and at 2 workers: each in its own
process, since zarr sizes its pool once (ZARR_THREADING__MAX_WORKERS).

    python scripts/bench_zarr.py OUT_DIR
"""

import os
import shutil
import subprocess
import sys
import time
import warnings

import numcodecs
import numpy as np
import zarr
from zarr.codecs import BloscCodec, ZstdCodec

from flacarray.demo import create_fake_data
from h5flac.zarr import FLAC

OUT = sys.argv[1] if len(sys.argv) > 1 else "target/bench"
REPEATS = int(os.environ.get("BENCH_REPEATS", "5"))
SHAPE = (64, 200000)
CHUNKS = (4, 200000)
QUANTA = 1e-8  # as scripts/bench_filter.py: eight digits below the noise

try:
    import pcodec  # noqa: F401 - the codec below needs it
    from zarr.codecs.numcodecs import PCodec
except ImportError:
    PCodec = None


def median(fn):
    times = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return sorted(times)[len(times) // 2]


def codecs(is_float):
    rows = [
        ("flacarray.flac" + (" q=1e-8" if is_float else ""),
         dict(serializer=FLAC(quanta=QUANTA) if is_float else FLAC(), compressors=None)),
        ("zstd (zarr default)", dict(compressors=ZstdCodec(level=0))),
        ("blosc zstd+bitshuffle", dict(compressors=BloscCodec(cname="zstd", clevel=5, shuffle="bitshuffle"))),
    ]
    if PCodec is not None:
        rows.append(("pcodec 8", dict(serializer=PCodec(level=8), compressors=None)))
    return rows


def size_of(path):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs
               if f != "zarr.json")


def bench(label, data, is_float):
    print(f"\n{label}: {data.dtype} {data.shape}, chunks {CHUNKS}, {data.nbytes / 1e6:.0f} MB raw")
    print(f"  {'codec':<26} {'MB':>7} {'ratio':>6} {'write MB/s':>11} {'read MB/s':>10}")
    path = os.path.join(OUT, "zarr_bench.zarr")
    for name, kw in codecs(is_float):
        def write():
            shutil.rmtree(path, ignore_errors=True)
            z = zarr.create_array(path, shape=data.shape, chunks=CHUNKS, dtype=data.dtype, **kw)
            z[:] = data

        def read():
            return zarr.open_array(path, mode="r")[:]

        speeds = [data.nbytes / median(write) / 1e6, data.nbytes / median(read) / 1e6]
        back = read()
        err = np.abs(back.astype("f8") - data.astype("f8")).max()
        assert err <= (QUANTA / 2 + 1e-12 if is_float and "flac" in name else 0), (name, err)
        size = size_of(path)
        print(f"  {name:<26} {size / 1e6:7.1f} {size / data.nbytes:6.3f} "
              f"{speeds[0]:11.0f} {speeds[1]:10.0f}")


def main():
    workers = os.environ.get("ZARR_THREADING__MAX_WORKERS")
    if workers is None:
        for n in ("1", "2"):
            subprocess.run([sys.executable, __file__, OUT], check=True,
                           env={**os.environ, "ZARR_THREADING__MAX_WORKERS": n})
        return
    warnings.simplefilter("ignore")  # zarr's notes on numcodecs codecs in Zarr v3
    os.makedirs(OUT, exist_ok=True)
    numcodecs.blosc.set_nthreads(1)  # Blosc's own threads off: zarr's workers are the threads
    print(f"\n=== zarr's thread pool: {workers} worker(s) (every codec runs on it) ===")
    print(f"zarr {zarr.__version__}, numcodecs {numcodecs.__version__}, pcodec "
          f"{'yes' if PCodec is not None else 'not installed'}; medians of {REPEATS}")
    # The data of scripts/bench_filter.py.
    floats, _ = create_fake_data(SHAPE, sigma=1.0, dtype=np.float64)
    ints = np.round(floats * 1000).astype(np.int32)
    bench("int32 time-streams", ints, False)
    bench("float64 time-streams", floats, True)


main()
