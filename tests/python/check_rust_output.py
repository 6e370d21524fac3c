"""Decode with Python flacarray 0.4.1 what the Rust library wrote, and check the values.

For every `<case>.rust.npz` written by tests/compat_python.rs:
- beside a Python fixture `<case>.npz`: Python's decode of Rust's bytes must equal Python's
  decode of its own bytes exactly, and the input within half a quanta (ints exactly);
- a Rust-only case carries its own `data` and `tol` (0 = exact).
"""

import glob
import os
import sys

import numpy as np

import flacarray
from flacarray.decompress import array_decompress

assert flacarray.__version__ == "0.4.1", flacarray.__version__


def decode(r, stream_size, is_int64):
    offs = r["offsets"] if "offsets" in r.files else None
    gains = r["gains"] if "gains" in r.files else None
    return array_decompress(
        r["compressed"],
        stream_size,
        r["starts"],
        r["nbytes"],
        stream_offsets=offs,
        stream_gains=gains,
        is_int64=is_int64,
    )


def main(out_dir):
    files = sorted(glob.glob(os.path.join(out_dir, "*.rust.npz")))
    failed = 0
    for path in files:
        r = np.load(path)
        base = path[: -len(".rust.npz")] + ".npz"
        if os.path.exists(base):
            f = np.load(base)
            data, expected = f["data"], f["decoded"]
            tol = 0.5 * float(f["quanta"]) if int(f["meta"][1]) == 1 else None
        else:
            d = np.load(path[: -len(".rust.npz")] + ".data.npz")
            data, expected, tol = d["data"], None, float(d["tol"])
        is_int64 = data.dtype.itemsize == 8
        got = decode(r, data.shape[-1], is_int64).reshape(data.shape)
        ok = got.dtype == data.dtype
        if expected is not None:
            ok = ok and np.array_equal(got, expected)
        if data.dtype.kind == "i":
            ok = ok and np.array_equal(got, data)
        elif tol == 0.0:
            ok = ok and np.array_equal(got, data)
        elif tol is not None:
            # Half a quanta, plus the rounding of the float arithmetic itself.
            slack = 4 * np.finfo(data.dtype).eps * np.max(np.abs(data))
            ok = ok and np.max(np.abs(got.astype(np.float64) - data)) <= tol + slack
        if not ok:
            failed += 1
            print(f"FAIL {os.path.basename(path)}")
    print(f"python-decodes-rust: {len(files) - failed} passed, {failed} failed")
    if not files:
        print("no Rust output found")
        return 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
