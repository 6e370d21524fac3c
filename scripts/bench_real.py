"""Compressed size and speed on real recordings (scripts/real_data.py), peers side by side in
one run, one thread each: the filter's chunks (h5flac's numcodecs codec, the same chunk codec
as the HDF5 filter, every stream of a set in one chunk), FLAC through flac-numcodecs (int16
only, one stream at a time), WavPack through wavpack-numcodecs (one stream at a time) and
pcodec (one stream at a time).

    python scripts/bench_real.py DATA_DIR   (BENCH_REPEATS=N timings per case, median)

Prints four Markdown tables: bits per sample against the peers, MB/s of int32 input (encode /
decode), every level of ours, and the same values stored as other integer types.
"""

import glob
import os
import statistics
import sys
import time
import warnings

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


def ours(level, dtype=np.int32, shift=0):
    """Our chunk codec at `level` on the values plus `shift`, stored as `dtype`."""
    codec = FLAC(level=level)

    def run(arr):
        # Modulo 2^64, then cast: offset binary for the unsigned types.
        x = (arr.astype(np.int64).astype(np.uint64) + np.uint64(shift)).astype(dtype)
        enc, te = timed(lambda: codec.encode(x))
        dec, td = timed(lambda: codec.decode(enc))
        assert np.array_equal(dec.reshape(x.shape), x)
        return len(enc), te, td

    return run


def per_stream(encode, decode, dtype):
    """A peer that codes one stream at a time."""

    def run(arr):
        x = arr.astype(dtype)
        enc, te = timed(lambda: [encode(np.ascontiguousarray(r)) for r in x])
        dec, td = timed(lambda: [decode(b) for b in enc])
        for d, r in zip(dec, x):
            assert np.array_equal(np.frombuffer(d, dtype=dtype) if isinstance(d, bytes) else np.asarray(d).ravel(), r)
        return sum(len(b) for b in enc), te, td

    return run


def pcodec_run(arr):
    from pcodec import ChunkConfig, standalone

    config = ChunkConfig()
    return per_stream(lambda r: standalone.simple_compress(r, config), standalone.simple_decompress,
                      np.int32)(arr)


def flac_numcodecs_run(arr):
    from flac_numcodecs import Flac

    codec = Flac(level=8)
    return per_stream(codec.encode, codec.decode, np.int16)(arr)


def wavpack_run(level):
    def run(arr):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from wavpack_numcodecs import WavPack
        codec = WavPack(level=level, num_decoding_threads=1)
        return per_stream(codec.encode, codec.decode, np.int32)(arr)

    return run


def fits(arr, lo, hi):
    return arr.min() >= lo and arr.max() <= hi


def table(title, columns, rows):
    print(f"\n{title}\n")
    print("| set | " + " | ".join(columns) + " |")
    print("| --- |" + " ---: |" * len(columns))
    for name, cells in rows:
        print(f"| {name} | " + " | ".join(cells) + " |")


def main():
    paths = sorted(glob.glob(os.path.join(sys.argv[1], "*.npy")))
    if not paths:
        sys.exit(f"no .npy sets in {sys.argv[1]}: run scripts/real_data.sh first")
    sets = [(os.path.splitext(os.path.basename(p))[0], np.load(p).astype(np.int32)) for p in paths]
    print(f"One thread each; median of {REPEATS} runs; MB/s of int32 input (4 bytes a sample).")
    for name, arr in sets:
        print(f"- {name}: {arr.shape[0]} streams × {arr.shape[1]} samples, values {arr.min()}..{arr.max()}")

    peers = [("ours L5", ours(5)), ("ours L8", ours(8)), ("ours L10", ours(10)),
             ("flac-numcodecs L8", flac_numcodecs_run), ("WavPack L1 (default)", wavpack_run(1)),
             ("WavPack L4", wavpack_run(4)), ("pcodec", pcodec_run)]
    size_rows, speed_rows = [], []
    for name, arr in sets:
        mb = arr.size * 4 / 1e6
        sizes, speeds = [], []
        for label, run in peers:
            if label.startswith("flac-numcodecs") and not fits(arr, -(2**15), 2**15 - 1):
                sizes.append(None)
                speeds.append("–")
                continue
            size, te, td = run(arr)
            sizes.append(8 * size / arr.size)
            speeds.append(f"{mb / te:.0f} / {mb / td:.0f}")
        best_peer = min(s for (label, _), s in zip(peers, sizes)
                        if s is not None and not label.startswith("ours"))
        cells = [("–" if s is None else f"{s:.3f}") for s in sizes]
        ours8 = sizes[1]
        size_rows.append((name, cells + [f"{100 * (ours8 / best_peer - 1):+.1f} %"]))
        speed_rows.append((name, speeds))
    table("Bits per sample (smaller is better); last column: ours at level 8 against the smallest peer",
          [label for label, _ in peers] + ["L8 vs best peer"], size_rows)
    table("Encode / decode MB/s, one thread", [label for label, _ in peers], speed_rows)

    levels = list(range(12))
    rows = []
    for name, arr in sets:
        sizes = [ours(level)(arr)[0] * 8 / arr.size for level in levels]
        worst = max(100 * (sizes[i] / sizes[i - 1] - 1) for i in range(1, len(sizes)))
        rows.append((name, [f"{s:.3f}" for s in sizes] + [f"{worst:+.2f} %"]))
    table("Every level of ours, bits per sample; last column: the largest step up from one level "
          "to the next", [f"L{lv}" for lv in levels] + ["worst step"], rows)

    variants = [
        ("int32", np.int32, 0, None),
        ("int16", np.int16, 0, (-(2**15), 2**15 - 1)),
        ("uint16", np.uint16, 2**15, (-(2**15), 2**15 - 1)),
        ("uint32", np.uint32, 2**31, None),
        ("int64 + 2^40", np.int64, 2**40, None),
        ("uint64", np.uint64, 2**63, None),
    ]
    rows = []
    for name, arr in sets:
        base = None
        cells = []
        for label, dtype, shift, bounds in variants:
            if bounds and not fits(arr, *bounds):
                cells.append("–")
                continue
            # Unsigned types hold non-negative sets as they are, others in offset binary.
            if dtype in (np.uint16, np.uint32, np.uint64) and arr.min() >= 0:
                shift = 0
            size, te, _ = ours(8, dtype, shift)(arr)
            bits = 8 * size / arr.size
            base = base or bits
            cells.append(f"{bits:.3f} ({100 * (bits / base - 1):+.1f} %, {arr.size * 4 / 1e6 / te:.0f} MB/s)")
        rows.append((name, cells))
    table("The same values as other types, ours at level 8: bits per sample (against int32, "
          "encode MB/s); unsigned types hold negative sets in offset binary",
          [label for label, *_ in variants], rows)


if __name__ == "__main__":
    main()
