"""Compressed size and speed on real recordings (scripts/real_data.py), peers side by side in
one run, one thread each: the filter's chunks (h5flac's codec, every stream of a set in one
chunk) at several levels, as int32 and, where the values fit, as int16; pcodec; FLAC through
flac-numcodecs (int16 only, one stream at a time).

    python scripts/bench_real.py DATA_DIR   (BENCH_REPEATS=N timings per case, median)

Prints bits per sample and MB/s of int32 input (encode / decode).
"""

import glob
import os
import statistics
import sys
import time

import numpy as np

import h5flac  # noqa: F401  (the codec's library)
from h5flac.numcodecs import FLAC

REPEATS = int(os.environ.get("BENCH_REPEATS", "3"))


def timed(fn):
    times = []
    for _ in range(REPEATS):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return out, statistics.median(times)


def ours(level, dtype):
    codec = FLAC(level=level)

    def run(arr):
        x = arr.astype(dtype)
        enc, te = timed(lambda: codec.encode(x))
        dec, td = timed(lambda: codec.decode(enc))
        assert np.array_equal(dec.reshape(x.shape), x)
        return len(enc), te, td

    return run


def pcodec_run(arr):
    from pcodec import ChunkConfig, standalone

    config = ChunkConfig()
    enc, te = timed(lambda: [standalone.simple_compress(np.ascontiguousarray(r), config) for r in arr])
    dec, td = timed(lambda: [standalone.simple_decompress(b) for b in enc])
    assert all(np.array_equal(d, r) for d, r in zip(dec, arr))
    return sum(len(b) for b in enc), te, td


def flac_numcodecs_run(arr):
    from flac_numcodecs import Flac

    codec = Flac(level=8)
    x = arr.astype(np.int16)
    enc, te = timed(lambda: [codec.encode(r) for r in x])
    dec, td = timed(lambda: [codec.decode(b) for b in enc])
    assert all(np.array_equal(np.asarray(d).ravel(), r) for d, r in zip(dec, x))
    return sum(len(b) for b in enc), te, td


def main():
    sets = sorted(glob.glob(os.path.join(sys.argv[1], "*.npy")))
    if not sets:
        sys.exit(f"no .npy sets in {sys.argv[1]}: run scripts/real_data.sh first")
    print(f"one thread each; median of {REPEATS}; MB/s of int32 input")
    print(f"{'set':<20} {'codec':<26} {'bits/sample':>11} {'enc MB/s':>9} {'dec MB/s':>9}")
    for path in sets:
        arr = np.load(path).astype(np.int32)
        name = os.path.splitext(os.path.basename(path))[0]
        fits16 = arr.min() >= -(2**15) and arr.max() < 2**15
        cases = [(f"flacarray int32 level {lv}", ours(lv, np.int32)) for lv in (5, 8, 9, 10, 11)]
        if fits16:
            cases += [(f"flacarray int16 level {lv}", ours(lv, np.int16)) for lv in (5, 8)]
            cases.append(("flac-numcodecs int16 lvl 8", flac_numcodecs_run))
        cases.append(("pcodec (default)", pcodec_run))
        mb = arr.size * 4 / 1e6
        for label, run in cases:
            size, te, td = run(arr)
            print(f"{name:<20} {label:<26} {8 * size / arr.size:>11.3f} {mb / te:>9.1f} {mb / td:>9.1f}")
        print(f"{name:<20} ({arr.shape[0]} streams x {arr.shape[1]} samples; "
              f"{'fits' if fits16 else 'does not fit'} int16)")


if __name__ == "__main__":
    main()
