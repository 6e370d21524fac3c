"""Python flacarray 0.4.1 reads the HDF5 files this library wrote (rust_*.h5), and h5dump -A
shows the same attributes and dataset types as in Python's own file of the same data
(ours adds one attribute, flacarray_shape, and its software version string differs).
"""

import os
import re
import subprocess
import sys

import h5py
import numpy as np

import flacarray
from flacarray import FlacArray
from flacarray.hdf5 import read_array

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from checks import check_files  # noqa: E402

assert flacarray.__version__ == "0.4.1"
OUT = sys.argv[1]


def structure(path):
    """h5dump -A, with attribute and data values removed and our extra attribute dropped."""
    text = subprocess.run(["h5dump", "-A", path], capture_output=True, text=True, check=True).stdout
    text = text.replace(path, "FILE")
    text = re.sub(r'\s*ATTRIBUTE "flacarray_shape" \{.*?\n\s*\}\n\s*\}', "", text, flags=re.S)
    text = re.sub(r"DATA \{.*?\n\s*\}", "DATA {}", text, flags=re.S)
    return text


def one(rust):
    """Checks one file this library wrote against Python's of the same data."""
    base = os.path.basename(rust)[len("rust_"):-len(".h5")]
    ref = np.load(os.path.join(OUT, f"py_{base}.npz"))
    data, q = ref["data"], float(ref["meta"][1])
    with h5py.File(rust, "r") as f:
        got = read_array(f)
        fa = FlacArray.read_hdf5(f)
        from_fa = fa.to_array()
    # Python flattens single-stream files (its B9); compare values.
    for arr in (got, from_fa):
        arr = np.asarray(arr).reshape(data.shape)
        assert arr.dtype == data.dtype, (arr.dtype, data.dtype)
        if data.dtype.kind == "i":
            assert np.array_equal(arr, data)
        else:
            slack = 4 * np.finfo(data.dtype).eps * np.max(np.abs(data))
            assert np.max(np.abs(arr.astype(np.float64) - data)) <= 0.5 * q + slack
    # Byte-identical streams, since the compression is.
    with h5py.File(rust, "r") as fr, h5py.File(os.path.join(OUT, f"py_{base}.h5"), "r") as fp:
        assert np.array_equal(fr["compressed"][...], fp["compressed"][...])
        assert np.array_equal(fr["stream_starts"][...], fp["stream_starts"][...])
    py_s, rs_s = structure(os.path.join(OUT, f"py_{base}.h5")), structure(rust)
    assert py_s == rs_s, f"h5dump -A differs:\n--- python\n{py_s}\n--- rust\n{rs_s}"


check_files(os.path.join(OUT, "rust_*.h5"), one, "python-reads-rust-hdf5")
