"""Benchmark this library against Python flacarray 0.4.1 on the same data, in one run.

Makes the data with numpy, times Python, runs the Rust benchmark (benches/compare.rs) on the
same .npy files, and prints MB/s of raw data (medians) with the ratio Rust / Python.
"""

import json
import os
import subprocess
import sys
import time

import numpy as np

import flacarray
from flacarray.compress import array_compress
from flacarray.decompress import array_decompress
from flacarray.demo import create_fake_data

OUT = sys.argv[1] if len(sys.argv) > 1 else "target/bench"
REPEATS = int(os.environ.get("BENCH_REPEATS", "5"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
QUANTA_A = 1e-9


def make_data():
    os.makedirs(OUT, exist_ok=True)
    a, _ = create_fake_data((64, 200000), sigma=1.0, dtype=np.float64)
    np.save(f"{OUT}/a_f64_64x200000.npy", a)
    np.save(f"{OUT}/quanta_a.npy", np.array(QUANTA_A))
    rng = np.random.default_rng(1)

    def ints(shape):
        x, _ = create_fake_data(shape, sigma=1.0, dtype=np.float64, seed=int(rng.integers(1e9)))
        return np.round(np.reshape(x, shape) * 1000).astype(np.int32)

    np.save(f"{OUT}/b_i32_1000x10000.npy", ints((1000, 10000)))
    np.save(f"{OUT}/c_i32_20000x500.npy", ints((20000, 500)))
    np.save(f"{OUT}/d_i32_2000000.npy", ints((2000000,)).reshape(-1))


def median(repeats, fn):
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return sorted(times)[len(times) // 2]


def decomp(res, n, is_int64, first=None, last=None, threads=False):
    c, st, nb, off, gain = res
    return array_decompress(
        c, n, st, nb, stream_offsets=off, stream_gains=gain,
        first_stream_sample=first, last_stream_sample=last,
        is_int64=is_int64, use_threads=threads,
    )


CASES = {
    "a_f64_64x200000": dict(quanta=QUANTA_A),
    "b_i32_1000x10000": {},
    "c_i32_20000x500": {},
    "d_i32_2000000": None,
}


def python_results(case):
    rows = []
    if CASES[case] is not None:
        kw = CASES[case]
        data = np.load(f"{OUT}/{case}.npy")
        for threads in (1, 2):
            t = threads > 1
            res = [None]

            def comp():
                res[0] = array_compress(data, level=5, use_threads=t, **kw)

            s = median(REPEATS, comp)
            rows.append(dict(impl="python", case=case, op="compress", threads=threads,
                             seconds=s, raw_bytes=data.nbytes, compressed_bytes=len(res[0][0])))
            s = median(REPEATS, lambda: decomp(res[0], data.shape[-1], data.itemsize == 8, threads=t))
            rows.append(dict(impl="python", case=case, op="decompress", threads=threads,
                             seconds=s, raw_bytes=data.nbytes))
        return rows
    data = np.load(f"{OUT}/d_i32_2000000.npy")
    res = array_compress(data, level=5)
    mid = len(data) // 2
    out = decomp(res, len(data), False, mid, mid + 100)
    assert np.array_equal(out, data[mid:mid + 100])
    s = median(REPEATS * 40, lambda: decomp(res, len(data), False, mid, mid + 100))
    rows.append(dict(impl="python", case="d_i32_2000000", op="slice100", threads=1,
                     seconds=s, raw_bytes=400))
    return rows


def rust_results(case):
    cmd = ["cargo", "bench", "--quiet", "--bench", "compare", "--", OUT, str(REPEATS), case]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def combine(runs):
    """Per (case, op, threads): the run whose time is the median over the rounds."""
    out = {}
    for key in {(r["case"], r["op"], r["threads"]) for r in runs[0]}:
        rows = sorted((r for run in runs for r in run if (r["case"], r["op"], r["threads"]) == key),
                      key=lambda r: r["seconds"])
        out[key] = rows[len(rows) // 2]
    return out


def main():
    print(f"flacarray {flacarray.__version__} (Python) vs this crate; median of {ROUNDS} "
          f"alternating rounds of medians of {REPEATS} runs (x40 for the slice); "
          f"OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS')}")
    make_data()
    # Rust and Python alternate case by case, round after round, so that the drifts of this
    # shared machine (its speed falls after some seconds of load) hit both alike; each figure
    # is the median over the rounds of the per-round medians.
    rounds = {"rust": [], "python": []}
    for _ in range(ROUNDS):
        rust_round, python_round = [], []
        for case in CASES:
            rust_round += rust_results(case)
            python_round += python_results(case)
        rounds["rust"].append(rust_round)
        rounds["python"].append(python_round)
    rs, py = (combine(rounds[k]) for k in ("rust", "python"))
    print(f"{'case':<18} {'op':<10} {'thr':>3} {'python MB/s':>12} {'rust MB/s':>10} "
          f"{'rust/python':>11} {'ratio':>6}")
    for key in sorted(rs):
        r, p = rs[key], py[key]
        mbs = lambda x: x["raw_bytes"] / x["seconds"] / 1e6
        ratio = f"{r['compressed_bytes'] / r['raw_bytes']:.3f}" if "compressed_bytes" in r else ""
        if "compressed_bytes" in r:
            assert r["compressed_bytes"] == p["compressed_bytes"], key
        if key[1] == "slice100":
            print(f"{key[0]:<18} {key[1]:<10} {key[2]:>3} {p['seconds']*1e6:>9.1f} us "
                  f"{r['seconds']*1e6:>7.1f} us {p['seconds']/r['seconds']:>10.2f}x")
        else:
            print(f"{key[0]:<18} {key[1]:<10} {key[2]:>3} {mbs(p):>12.1f} {mbs(r):>10.1f} "
                  f"{mbs(r)/mbs(p):>10.2f}x {ratio:>6}")
    print("\nthread scaling (2 threads / 1 thread):")
    for case in ("a_f64_64x200000", "b_i32_1000x10000", "c_i32_20000x500"):
        for op in ("compress", "decompress"):
            r1, r2 = rs[(case, op, 1)], rs[(case, op, 2)]
            p1, p2 = py[(case, op, 1)], py[(case, op, 2)]
            print(f"  {case:<18} {op:<10} rust {r1['seconds']/r2['seconds']:.2f}x   "
                  f"python {p1['seconds']/p2['seconds']:.2f}x")
    c = rs[("c_i32_20000x500", "compress", 1)]
    print(f"\nper-stream compress cost, 500-sample streams: rust "
          f"{c['seconds']/20000*1e6:.1f} us, python "
          f"{py[('c_i32_20000x500', 'compress', 1)]['seconds']/20000*1e6:.1f} us")


if __name__ == "__main__":
    main()
