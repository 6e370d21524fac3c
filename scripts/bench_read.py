"""Reading through h5py, one thread: the FLAC filter with this project's decoder (the
default) and with libFLAC's (FLACARRAY_DECODER=libflac), against hdf5plugin's Blosc2 (zstd +
bitshuffle) and Bitshuffle-LZ4 on the same time-streams and chunks, and pcodec (level 8, in
memory, one stream at a time: it has no HDF5 filter). Every h5py read runs in a fresh process
(so each gets the decoder its environment names); the cases take turns for several rounds.
Prints ratio (stored / raw) and read MB/s, medians.

    python scripts/bench_read.py OUT_DIR        (h5flac, hdf5plugin, pcodec, flacarray installed)
"""

import os
import subprocess
import sys
import time

import numpy as np

SHAPE = (64, 200000)
CHUNKS = (4, 200000)
QUANTA = 1e-8
REPEATS = 5


def median(v):
    return sorted(v)[len(v) // 2]


def child(path):
    """Read dataset "d" of PATH REPEATS times; print the median seconds."""
    import h5py

    if "flac" in os.path.basename(path):
        import h5flac  # noqa: F401 - registers the filter with this h5py
    else:
        import hdf5plugin  # noqa: F401
    times = []
    for _ in range(REPEATS):
        with h5py.File(path, "r") as f:
            t0 = time.perf_counter()
            f["d"][...]
            times.append(time.perf_counter() - t0)
    print(median(times))


def main():
    import h5flac
    import h5py
    import hdf5plugin
    from flacarray.demo import create_fake_data
    from pcodec import ChunkConfig, standalone

    out = sys.argv[1]
    rounds = int(os.environ.get("BENCH_ROUNDS", "5"))
    os.makedirs(out, exist_ok=True)
    x, _ = create_fake_data(SHAPE, sigma=1.0, dtype=np.float64)
    sets = {"int32": np.round(x * 1000).astype(np.int32), "float64 q=1e-8": x}
    codecs = {
        "flac": lambda f: dict(**(h5flac.FLAC(quanta=QUANTA) if f else h5flac.FLAC())),
        "blosc2": lambda f: dict(**hdf5plugin.Blosc2(cname="zstd", clevel=5,
                                                    filters=hdf5plugin.Blosc2.BITSHUFFLE)),
        "bitshuffle": lambda f: dict(**hdf5plugin.Bitshuffle(cname="lz4")),
    }
    env = {k: v for k, v in os.environ.items()
           if k not in ("FLACARRAY_FILTER_THREADS", "FLACARRAY_DECODER", "HDF5_PLUGIN_PATH")}
    env.update(BLOSC_NTHREADS="1", OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
    print(f"h5py {h5py.__version__} (HDF5 {h5py.version.hdf5_version}), h5flac {h5flac.__version__}, "
          f"hdf5plugin {hdf5plugin.version}; {SHAPE[0]}x{SHAPE[1]} time-streams, chunks {CHUNKS}; "
          f"one thread each (BLOSC_NTHREADS=1, FLACARRAY_FILTER_THREADS unset); MB/s medians of "
          f"{rounds} rounds of {REPEATS} reads, each round in fresh processes")
    print()
    print("| data | FLAC ratio | FLAC read, own decoder | FLAC read, libFLAC | own / libFLAC "
          "| Blosc2 ratio | Blosc2 read | Bitshuffle-LZ4 ratio | Bitshuffle-LZ4 read "
          "| pcodec ratio | pcodec decode (memory) |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for label, data in sets.items():
        is_float = data.dtype.kind == "f"
        paths, ratios = {}, {}
        for name, make in codecs.items():
            path = os.path.join(out, f"read_{name}_{data.dtype}.h5")
            with h5py.File(path, "w") as f:
                f.create_dataset("d", data=data, chunks=CHUNKS, **make(is_float))
                ratios[name] = f["d"].id.get_storage_size() / data.nbytes
            paths[name] = path
        runs = [("flac", "native"), ("flac", "libflac"), ("blosc2", None), ("bitshuffle", None)]
        secs = {r: [] for r in runs}
        for _ in range(rounds):
            for run in runs:
                e = dict(env)
                if run[1]:
                    e["FLACARRAY_DECODER"] = run[1]
                res = subprocess.run([sys.executable, __file__, "--read", paths[run[0]]], env=e,
                                     check=True, capture_output=True, text=True)
                secs[run].append(float(res.stdout.strip()))
        # pcodec: each stream on its own (pcodec's own unit), the same values; floats quantized
        # to the same quanta first so that both are exact to the same step.
        values = np.round(data / QUANTA).astype(np.int64) if is_float else data
        blobs = [standalone.simple_compress(row, ChunkConfig()) for row in values]
        pco_ratio = sum(len(b) for b in blobs) / data.nbytes
        pco = []
        for _ in range(rounds * REPEATS):
            t0 = time.perf_counter()
            for b in blobs:
                standalone.simple_decompress(b)
            pco.append(time.perf_counter() - t0)
        mb = data.nbytes / 1e6
        own, lib = median(secs[("flac", "native")]), median(secs[("flac", "libflac")])
        gain = median([b / a for a, b in zip(secs[("flac", "native")], secs[("flac", "libflac")])])
        print(f"| {label} | {ratios['flac']:.3f} | {mb / own:.0f} | {mb / lib:.0f} | {gain:.2f}x "
              f"| {ratios['blosc2']:.3f} | {mb / median(secs[('blosc2', None)]):.0f} "
              f"| {ratios['bitshuffle']:.3f} | {mb / median(secs[('bitshuffle', None)]):.0f} "
              f"| {pco_ratio:.3f} | {mb / median(pco):.0f} |")


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--read":
        child(sys.argv[2])
    else:
        main()
