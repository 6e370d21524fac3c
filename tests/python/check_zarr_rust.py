"""Python flacarray 0.4.1 with zarr-python 3 reads the Zarr groups this library wrote
(rust_*.zarr): full reads, keep with indices and stream slices equal Python's reads of its own
group of the same data (`py3_*`), the compressed bytes are identical, and every array's
metadata (zarr.json) equals the one zarr-python wrote, apart from our extra group attribute
`flacarray_shape`, the software version and an empty `attributes` that zarrs leaves out.
"""

import glob
import json
import os
import sys

import numpy as np
import zarr

import flacarray
from flacarray import FlacArray
from flacarray.zarr import read_array

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from checks import check_files  # noqa: E402

assert flacarray.__version__ == "0.4.1"
OUT = sys.argv[1]


def metadata(group_dir):
    """Every zarr.json of a group, without the values that legitimately differ."""
    out = {}
    for path in sorted(glob.glob(os.path.join(group_dir, "**", "zarr.json"), recursive=True)):
        with open(path) as f:
            meta = json.load(f)
        attrs = meta.setdefault("attributes", {})  # zarrs leaves out an empty one
        attrs.pop("flacarray_shape", None)
        attrs.pop("flacarray_software_version", None)
        meta.pop("storage_transformers", None)
        for codec in meta.get("codecs", []):
            if codec["name"] == "bytes":
                codec.pop("configuration", None)  # endian, meaningless for uint8
        out[os.path.relpath(path, group_dir)] = meta
    return out


def one(rust):
    """Checks one file this library wrote against Python's of the same data."""
    base = os.path.basename(rust)[len("rust_"):-len(".zarr")]
    py = os.path.join(OUT, f"py3_{base}.zarr")
    ref = np.load(os.path.join(OUT, f"py3_{base}.npz"))
    g = zarr.open_group(rust, mode="r")
    full = read_array(g)
    assert full.dtype == ref["full"].dtype, (full.dtype, ref["full"].dtype)
    assert np.array_equal(full, ref["full"])
    kept, idx = read_array(g, keep=ref["keep"], keep_indices=True)
    assert np.array_equal(kept, ref["kept"])
    assert np.array_equal(np.array(idx).reshape(len(idx), -1), ref["kept_idx"])
    lo, hi = int(ref["slice_lo"]), int(ref["slice_hi"])
    assert np.array_equal(read_array(g, stream_slice=slice(lo, hi, 1)), ref["sliced"])
    assert np.array_equal(FlacArray.read_zarr(g).to_array(), ref["full"])
    gp = zarr.open_group(py, mode="r")
    assert np.array_equal(g["compressed"][...], gp["compressed"][...])
    assert np.array_equal(g["stream_starts"][...], gp["stream_starts"][...])
    mr, mp = metadata(rust), metadata(py)
    assert mr == mp, f"metadata differs:\n--- python\n{mp}\n--- rust\n{mr}"


check_files(os.path.join(OUT, "rust_*.zarr"), one, "python-reads-rust-zarr")
