"""MPI benchmark: this library against Python flacarray 0.4.1 + mpi4py, with 1 and 2 ranks,
alternating, on the same float64 512x100000 array (quanta 1e-3).

Cases: the group format with MPI-IO on every rank (ours only: Python's h5py wheel has no
MPI), the group format gathered through rank 0 (both), and a FLAC-filtered chunked dataset
written and read collectively (ours). Prints the medians in MB/s of raw data, the 2-rank
scaling and the ratio to Python.
Usage: python scripts/bench_mpi.py RUST_BENCH_BINARY [DIR]   (BENCH_ROUNDS, BENCH_REPEATS)
"""
import json
import os
import statistics
import subprocess
import sys

import numpy as np

from flacarray.demo import create_fake_data

BIN = sys.argv[1]
DIR = sys.argv[2] if len(sys.argv) > 2 else "target/bench"
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
REPEATS = int(os.environ.get("BENCH_REPEATS", "3"))
MPIRUN = ["mpirun", "--allow-run-as-root", "--oversubscribe", "--bind-to", "none"]

os.makedirs(DIR, exist_ok=True)
npy = os.path.join(DIR, "mpi_f64.npy")
if not os.path.exists(npy):
    data, _ = create_fake_data((512, 100000), sigma=1.0, dtype=np.float64)
    np.save(npy, data)

env = dict(os.environ, OMP_NUM_THREADS="1", RAYON_NUM_THREADS="1")
results = {}
for rnd in range(ROUNDS):
    for ranks in (1, 2):
        for cmd in (
            [BIN, DIR, str(REPEATS)],
            [sys.executable, "scripts/bench_mpi_py.py", DIR, str(REPEATS)],
        ):
            out = subprocess.run(MPIRUN + ["-n", str(ranks)] + cmd, env=env, check=True,
                                 capture_output=True, text=True).stdout
            for line in out.splitlines():
                if line.startswith("{"):
                    r = json.loads(line)
                    key = (r["impl"], r["case"], r["op"], r["ranks"])
                    results.setdefault(key, []).extend(r["seconds"])
                    results[key + ("meta",)] = r
    print(f"round {rnd + 1}/{ROUNDS} done", file=sys.stderr)


def mbps(impl, case, op, ranks):
    key = (impl, case, op, ranks)
    if key not in results:
        return None
    return results[key + ("meta",)]["raw_bytes"] / statistics.median(results[key]) / 1e6


def fmt(x):
    return "-" if x is None else f"{x:7.0f}"


raw = results[("python", "group-gathered", "write", 1, "meta")]["raw_bytes"]
print(f"float64 512x100000 ({raw / 1e6:.0f} MB raw), quanta 1e-3; MB/s of raw data, medians of "
      f"{ROUNDS} rounds x {REPEATS} repeats; each rank one thread")
print(f"{'case':16} {'op':6} {'py n=1':>8} {'py n=2':>8} {'rs n=1':>8} {'rs n=2':>8} "
      f"{'rs 2/1':>7} {'rs/py n=1':>10} {'rs/py n=2':>10}  file MB (py/rs)")
for case in ("group-mpio", "group-gathered", "filtered"):
    for op in ("write", "read"):
        p1, p2 = mbps("python", case, op, 1), mbps("python", case, op, 2)
        r1, r2 = mbps("rust", case, op, 1), mbps("rust", case, op, 2)
        ratio = lambda a, b: "-" if a is None or b is None else f"{a / b:.2f}x"
        pf = results.get(("python", case, op, 2, "meta"), {}).get("file_bytes")
        rf = results.get(("rust", case, op, 2, "meta"), {}).get("file_bytes")
        files = f"{pf / 1e6:.1f}" if pf else "-"
        files += f" / {rf / 1e6:.1f}" if rf else " / -"
        print(f"{case:16} {op:6} {fmt(p1):>8} {fmt(p2):>8} {fmt(r1):>8} {fmt(r2):>8} "
              f"{ratio(r2, r1):>7} {ratio(r1, p1):>10} {ratio(r2, p2):>10}  {files}")
