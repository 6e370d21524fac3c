"""Serial Python checks of the file written by this library's MPI tests with several ranks.

- group `fa` (format 1, written collectively): Python flacarray 0.4.1 reads it, equal to
  `raw_float64` within half a quanta;
- `filtered_<dtype>` (FLAC filter 32027, written collectively): h5py from its pip wheel, with
  the plugin from HDF5_PLUGIN_PATH, reads them equal to `raw_<dtype>` (integers exactly,
  floats within half a quanta).
Usage: HDF5_PLUGIN_PATH=... python check_mpi_rust.py FILE
"""
import os
import sys

import h5py
import numpy as np

from flacarray import FlacArray
from flacarray.hdf5 import read_array

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from checks import check_that as check, finish  # noqa: E402

QUANTA = 1e-3


with h5py.File(sys.argv[1], "r") as f:
    raw = f["raw_float64"][...]
    got = read_array(f["fa"])
    err = np.max(np.abs(got - raw)) if got.shape == raw.shape else np.inf
    check("flacarray.read_array of the 3-rank group", err <= 0.5 * QUANTA + 1e-9, f"{got.shape} {err}")
    fa = FlacArray.read_hdf5(f["fa"])
    check("FlacArray.read_hdf5 shape", fa.shape == raw.shape, f"{fa.shape}")
    for dtype in ["int32", "int64", "float32", "float64"]:
        ds = f[f"filtered_{dtype}"]
        filters = ds.id.get_create_plist()
        ids = [filters.get_filter(i)[0] for i in range(filters.get_nfilters())]
        check(f"filtered_{dtype} uses filter 32027", ids == [32027], f"{ids}")
        want = f[f"raw_{dtype}"][...]
        have = ds[...]
        if dtype.startswith("int"):
            check(f"filtered_{dtype} exact", have.dtype == want.dtype and np.array_equal(have, want))
        else:
            tol = 0.5 * QUANTA + (2e-5 if dtype == "float32" else 1e-9)
            e = np.max(np.abs(have.astype(np.float64) - want))
            check(f"filtered_{dtype} within quanta/2", e <= tol, f"{e}")
finish("check_mpi_rust")
