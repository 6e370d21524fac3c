"""`flacarray compress` (1 and 2 threads) against `h5repack` with the same FLAC filter and
with shuffle+gzip, on the same 1 GB file of int32 time-streams (2048 x 131072, chunks of 8
whole streams for all three), and `flacarray decompress` against `h5repack -f NONE`;
alternating, 3 rounds: median wall time and output size.
Usage: HDF5_PLUGIN_PATH=<plugin dir> python scripts/bench_cli.py FLACARRAY_BINARY [DIR]
"""
import os
import statistics
import subprocess
import sys
import time

import h5py
import numpy as np

BIN = sys.argv[1]
DIR = sys.argv[2] if len(sys.argv) > 2 else "target/bench"
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
os.makedirs(DIR, exist_ok=True)
src = os.path.join(DIR, "int32_1g.h5")
if not os.path.exists(src):
    rng = np.random.default_rng(1)
    rows, n = 2048, 131072
    t = np.arange(n)
    with h5py.File(src, "w") as f:
        d = f.create_dataset("tod", (rows, n), dtype=np.int32)
        for a in range(0, rows, 128):
            blk = np.array([2000 * np.sin(2 * np.pi * (3 + r % 7) * t / n) + rng.normal(0, 300, n)
                            + rng.normal(0, 5000) for r in range(a, a + 128)])
            d[a:a + 128] = blk.astype(np.int32)

layout = ["-l", "/tod:CHUNK=8x131072"]
flac = os.path.join(DIR, "int32_1g_flac.h5")
if os.path.exists(flac):
    os.remove(flac)
subprocess.run([BIN, "compress", src, flac], check=True, stdout=subprocess.DEVNULL)
# `flacarray` runs with --threads 1 and 2 (the chunks encoded or decoded many at once);
# h5repack calls the filter one chunk at a time, FLACARRAY_FILTER_THREADS unset (1 thread).
os.environ.pop("FLACARRAY_FILTER_THREADS", None)
cases = [
    ("flacarray compress, 1 thread", lambda o: [BIN, "--threads", "1", "compress", src, o]),
    ("flacarray compress, 2 threads", lambda o: [BIN, "--threads", "2", "compress", src, o]),
    ("h5repack -f UD=32027,0,1,5", lambda o: ["h5repack", *layout, "-f", "/tod:UD=32027,0,1,5", src, o]),
    ("h5repack -f SHUF -f GZIP=4", lambda o: ["h5repack", *layout, "-f", "/tod:SHUF", "-f", "/tod:GZIP=4", src, o]),
    ("flacarray decompress, 1 thread", lambda o: [BIN, "--threads", "1", "decompress", flac, o]),
    ("flacarray decompress, 2 threads", lambda o: [BIN, "--threads", "2", "decompress", flac, o]),
    ("h5repack -f NONE (FLAC file)", lambda o: ["h5repack", "-f", "NONE", flac, o]),
]
times = {name: [] for name, _ in cases}
sizes = {}
for _ in range(ROUNDS):
    for i, (name, cmd) in enumerate(cases):
        out = os.path.join(DIR, f"cli_out_{i}.h5")
        if os.path.exists(out):
            os.remove(out)
        t0 = time.perf_counter()
        subprocess.run(cmd(out), check=True, stdout=subprocess.DEVNULL)
        times[name].append(time.perf_counter() - t0)
        sizes[name] = os.path.getsize(out)
        os.remove(out)
raw = os.path.getsize(src)
ours = {op: statistics.median(times[f"flacarray {op}, 1 thread"]) for op in ("compress", "decompress")}
print(f"input {src}: {raw / 1e6:.0f} MB, int32 2048 x 131072; medians of {ROUNDS} rounds")
print(f"{'tool':32} {'seconds':>8} {'MB/s':>7} {'output MB':>10} {'ratio':>6} {'time vs 1 thread':>16}")
def op(name):
    return "decompress" if "decompress" in name or "NONE" in name else "compress"


for name, _ in cases:
    m = statistics.median(times[name])
    print(f"{name:32} {m:8.2f} {raw / m / 1e6:7.0f} {sizes[name] / 1e6:10.1f} {sizes[name] / raw:6.3f} {m / ours[op(name)]:15.2f}x")
