"""flacarray 0.2.4 (format "0") writes HDF5 files and records its own reads of them.

Run in a virtualenv holding flacarray==0.2.4. Writes `v0_<dtype>_<shape>.h5` and `.npz`
(`data`, 0.2.4's read `full`, `meta` = [dtype_code]).
"""

import os
import sys

import h5py
import numpy as np

import flacarray
from flacarray.hdf5 import read_array, write_array

assert flacarray.__version__ == "0.2.4", flacarray.__version__
OUT = sys.argv[1]
os.makedirs(OUT, exist_ok=True)
rng = np.random.default_rng(42)
count = 0
for ti, dtype in enumerate([np.int32, np.int64, np.float32, np.float64]):
    # 0.2.4 cannot write 1-D arrays that carry offsets (a 0-d write_direct in h5py 3).
    for shape in [(3000,), (3, 2500)] if dtype == np.int32 else [(3, 2500), (1, 4000)]:
        t = np.arange(shape[-1])
        x = np.sin(t / 200.0) * 3 + rng.normal(0, 0.01, shape)
        if np.dtype(dtype).kind == "i":
            data = np.round(x * 1e5).astype(dtype)
            if dtype == np.int64:
                data += np.int64(5) << np.int64(40)
            kw = {}
        else:
            data = x.astype(dtype)
            kw = dict(quanta=1e-5)
        name = f"v0_{np.dtype(dtype).name}_{'x'.join(map(str, shape))}"
        path = os.path.join(OUT, name + ".h5")
        with h5py.File(path, "w") as f:
            write_array(data, f, **kw)
        with h5py.File(path, "r") as f:
            assert int(f.attrs["flacarray_format_version"]) == 0
            full = read_array(f)
        np.savez(os.path.join(OUT, name + ".npz"), data=data, full=full, meta=np.array([ti]))
        count += 1
print(f"flacarray 0.2.4 wrote {count} format-0 fixtures to {OUT}")
