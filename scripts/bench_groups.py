"""Group-format I/O (HDF5 or Zarr): this library against Python flacarray 0.4.1 (h5py, or
zarr-python 3), on the same float64 256x100000 time-streams and quanta, alternating rounds. Write and full read with 1 and 2
threads, read_array with keep of one stream, and with a 1000-sample stream_slice from the
middle of every stream: medians, the bytes each process read (/proc/self/io rchar), and the
cores each used (CPU seconds per second).
"""

import json
import os
import subprocess
import sys
import time

import h5py
import numpy as np

import zarr

import flacarray
import flacarray.hdf5
import flacarray.zarr
from flacarray.demo import create_fake_data

# Usage: bench_groups.py hdf5|zarr [OUT]
BACKEND = sys.argv[1]
OUT = sys.argv[2] if len(sys.argv) > 2 else "target/bench"
ZARR = BACKEND == "zarr"
read_array = flacarray.zarr.read_array if ZARR else flacarray.hdf5.read_array
write_array = flacarray.zarr.write_array if ZARR else flacarray.hdf5.write_array


class group:
    """A new file or store to write (mode "w"), or one to read (mode "r")."""

    def __init__(self, path, mode):
        self.path, self.mode = path, mode

    def __enter__(self):
        if ZARR:
            return zarr.open_group(self.path, mode=self.mode)
        self.f = h5py.File(self.path, self.mode)
        return self.f

    def __exit__(self, *args):
        if not ZARR:
            self.f.close()
# Five runs a round: the first read of a process pays for fresh pages and warms the caches.
REPEATS = int(os.environ.get("BENCH_REPEATS", "5"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
QUANTA = 1e-3


def rchar():
    with open("/proc/self/io") as f:
        return next(int(l.split()[1]) for l in f if l.startswith("rchar:"))


def measure(repeats, fn):
    """Median seconds, bytes read by the last run, and CPU seconds per second (cores used)."""
    times, nbytes, cpu = [], 0, 0.0
    for _ in range(repeats):
        r0 = rchar()
        c0 = time.process_time()
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
        cpu += time.process_time() - c0
        nbytes = rchar() - r0
    return sorted(times)[len(times) // 2], nbytes, cpu / sum(times)


def python_round(data):
    path = os.path.join(OUT, "py_io.zarr" if ZARR else "py_io.h5")
    rows = []
    for threads in (1, 2):
        def write():
            with group(path, "w") as f:
                write_array(data, f, quanta=QUANTA, use_threads=threads > 1)

        def read():
            with group(path, "r") as f:
                assert read_array(f, use_threads=threads > 1).shape == data.shape

        rows.append(("write", threads, measure(REPEATS, write)))
        rows.append(("read", threads, measure(REPEATS, read)))
    keep = np.zeros(256, bool)
    keep[128] = True

    def keep1():
        with group(path, "r") as f:
            read_array(f, keep=keep)

    rows.append(("keep1", 1, measure(REPEATS * 5, keep1)))
    for threads in (1, 2):
        def slice1000():
            with group(path, "r") as f:
                part = read_array(f, stream_slice=slice(49500, 50500, 1), use_threads=threads > 1)
                assert part.shape == (256, 1000)

        rows.append(("slice1000", threads, measure(REPEATS * 5, slice1000)))
    return {(op, t): dict(seconds=s, bytes_read=b, cores=c) for op, t, (s, b, c) in rows}


def rust_round():
    cmd = ["cargo", "bench", "--quiet", "--features", "hdf5,zarr", "--bench", "group_io", "--", BACKEND, OUT,
           str(REPEATS)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    rows = [json.loads(l) for l in out.splitlines() if l.startswith("{")]
    return {(r["op"], r["threads"]): r for r in rows}


def main():
    os.makedirs(OUT, exist_ok=True)
    data, _ = create_fake_data((256, 100000), sigma=1.0, dtype=np.float64)
    np.save(os.path.join(OUT, "e_f64_256x100000.npy"), data)
    np.save(os.path.join(OUT, "quanta_e.npy"), np.array(QUANTA))
    raw = data.nbytes
    rounds = {"rust": [], "python": []}
    for _ in range(ROUNDS):
        rounds["rust"].append(rust_round())
        rounds["python"].append(python_round(data))

    def med(impl, key):
        rows = sorted((r[key] for r in rounds[impl]), key=lambda r: r["seconds"])
        return rows[len(rows) // 2]

    def du(path):
        if os.path.isfile(path):
            return os.path.getsize(path)
        return sum(os.path.getsize(os.path.join(d, n)) for d, _, ns in os.walk(path) for n in ns)

    size = du(os.path.join(OUT, "py_io.zarr" if ZARR else "py_io.h5"))
    rsize = du(os.path.join(OUT, "rust_io.zarr" if ZARR else "rust_io.h5"))
    print(f"{BACKEND}: flacarray {flacarray.__version__} (Python{', zarr ' + zarr.__version__ if ZARR else ''}) "
          f"vs this crate: float64 256x100000, quanta {QUANTA}, "
          f"stored {size / 1e6:.1f} MB (Python) / {rsize / 1e6:.1f} MB (Rust); "
          f"median of {ROUNDS} alternating rounds of medians")
    print(f"  {'op':<11} {'thr':>3} {'python':>14} {'rust':>14} {'rust/python':>11} {'python read':>12} {'rust read':>10} {'cores py/rs':>12}")
    for key in [("write", 1), ("write", 2), ("read", 1), ("read", 2), ("keep1", 1), ("slice1000", 1), ("slice1000", 2)]:
        p, r = med("python", key), med("rust", key)
        if key[0] in ("write", "read"):
            fmt = lambda x: f"{raw / x['seconds'] / 1e6:9.1f} MB/s"
        else:
            fmt = lambda x: f"{x['seconds'] * 1e3:11.2f} ms"
        print(f"  {key[0]:<11} {key[1]:>3} {fmt(p):>14} {fmt(r):>14} {p['seconds'] / r['seconds']:>10.2f}x "
              f"{p['bytes_read'] / 1e6:>9.2f} MB {r['bytes_read'] / 1e6:>7.2f} MB "
              f"{p['cores']:>6.2f}/{r['cores']:.2f}")
    for op in ("write", "read"):
        r1, r2 = med("rust", (op, 1)), med("rust", (op, 2))
        print(f"  rust {op}: 2 threads / 1 thread = {r1['seconds'] / r2['seconds']:.2f}x")


if __name__ == "__main__":
    main()
