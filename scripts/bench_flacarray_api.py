"""h5flac.flacarray against Python flacarray 0.4.1 on flacarray's own demo data, side by
side in one process: array_compress and array_decompress on one thread (use_threads=False;
flacarray's OpenMP threads pinned to 1 by OMP_NUM_THREADS=1, set below before it loads) and
on two (use_threads=True), and a stream_slice read of an HDF5 group, with the compressed
bytes each side fetches. Prints MB/s of uncompressed data (medians, the sides run in turn each
round) and ratios (the median of each round's ratio: the two calls of a round are seconds
apart, so a slow stretch of a shared machine falls on both).

    python scripts/bench_flacarray_api.py        (h5flac, flacarray, h5py installed)
"""

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import tempfile  # noqa: E402
import time  # noqa: E402

import h5py  # noqa: E402
import numpy as np  # noqa: E402

import flacarray.compress as py_compress  # noqa: E402
import flacarray.decompress as py_decompress  # noqa: E402
import flacarray.hdf5 as py_hdf5  # noqa: E402
import h5flac.flacarray.compress as our_compress  # noqa: E402
import h5flac.flacarray.decompress as our_decompress  # noqa: E402
import h5flac.flacarray.hdf5 as our_hdf5  # noqa: E402
from flacarray.demo import create_fake_data  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "11"))


def median(values):
    return sorted(values)[len(values) // 2]


def timed_rounds(*fns):
    """Each function's times, the functions run in turn round after round, so that a slower
    or faster stretch of a shared machine falls on all of them alike."""
    times = [[] for _ in fns]
    for _ in range(ROUNDS):
        for fn, t in zip(fns, times):
            t0 = time.perf_counter()
            fn()
            t.append(time.perf_counter() - t0)
    return times


def ratio(slow, fast):
    """The median of each round's time ratio."""
    return median([a / b for a, b in zip(slow, fast)])


def main():
    x, _ = create_fake_data((32, 100_000), sigma=1.0)
    sets = [("int32", np.round(x * 1000).astype(np.int32), {}),
            ("float64 quanta 1e-8", x, {"quanta": 1e-8})]
    print(f"flacarray demo data 32x100000, medians of {ROUNDS} rounds (ratios: of each round's "
          f"ratio); flacarray with "
          f"OMP_NUM_THREADS={os.environ['OMP_NUM_THREADS']}; h5flac one thread = "
          "use_threads=False, two = use_threads=True on this 2-core machine")
    print()
    print("| data | step | flacarray 0.4.1 | h5flac 1 thread | ratio | h5flac 2 threads | 2 / 1 |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name, arr, kw in sets:
        mb = arr.nbytes / 1e6
        wide = arr.dtype.itemsize == 8
        c = our_compress.array_compress(arr, **kw)
        n = arr.shape[-1]
        steps = [
            ("compress", lambda: py_compress.array_compress(arr, **kw),
             lambda t: our_compress.array_compress(arr, use_threads=t, **kw)),
            ("decompress", lambda: py_decompress.array_decompress(c[0], n, *c[1:], is_int64=wide),
             lambda t: our_decompress.array_decompress(c[0], n, *c[1:], is_int64=wide,
                                                       use_threads=t)),
        ]
        for step, theirs, ours in steps:
            tp, t1, t2 = timed_rounds(theirs, lambda: ours(False), lambda: ours(True))
            print(f"| {name} | {step} | {mb / median(tp):.0f} MB/s | {mb / median(t1):.0f} MB/s "
                  f"| {ratio(tp, t1):.2f}x | {mb / median(t2):.0f} MB/s | {ratio(t1, t2):.2f}x |")
    print()
    big, _ = create_fake_data((64, 200_000), sigma=1.0)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "s.h5")
        with h5py.File(path, "w") as f:
            our_hdf5.write_array(big, f, quanta=1e-8)
        fetched = {"bytes": 0}
        read = our_hdf5._Group.read

        def counting(self, name, sel):
            out = read(self, name, sel)
            if name == "compressed":
                fetched["bytes"] += np.asarray(out).nbytes
            return out

        our_hdf5._Group.read = counting
        with h5py.File(path, "r") as f:
            total = f["compressed"].shape[0]
            print("| stream_slice of 64x200000 float64 (HDF5) | flacarray 0.4.1 | h5flac "
                  "| ratio | bytes h5flac reads |")
            print("| --- | --- | --- | --- | --- |")
            for sl in (slice(100_000, 101_000), slice(0, 20_000)):
                fetched["bytes"] = 0
                our_hdf5.read_array(f, stream_slice=sl)
                share = fetched["bytes"] / total
                tp, to = timed_rounds(lambda: py_hdf5.read_array(f, stream_slice=sl),
                                      lambda: our_hdf5.read_array(f, stream_slice=sl))
                print(f"| [{sl.start}, {sl.stop}) | {1000 * median(tp):.1f} ms "
                      f"| {1000 * median(to):.1f} ms | {ratio(tp, to):.2f}x "
                      f"| {100 * share:.1f} % (flacarray: 100 %) |")
        our_hdf5._Group.read = read


if __name__ == "__main__":
    main()
