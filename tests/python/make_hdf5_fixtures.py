"""Python flacarray 0.4.1 writes HDF5 files (format "1") and records its own reads of them.

For every case `<name>`: `py_<name>.h5` (written with write_array, or FlacArray.write_hdf5
for the `_fa` cases) and `py_<name>.npz` with the input `data`, Python's full read `full`,
its read with `keep` (`keep`, `kept`), and with a stream slice (`slice_lo`, `slice_hi`,
`sliced`), and `meta` = [dtype_code, quanta_or_0].
"""

import os
import sys

import h5py
import numpy as np

import flacarray
from flacarray import FlacArray
from flacarray.demo import create_fake_data
from flacarray.hdf5 import read_array, write_array

assert flacarray.__version__ == "0.4.1"
OUT = sys.argv[1]
os.makedirs(OUT, exist_ok=True)
DTYPES = [np.int32, np.int64, np.float32, np.float64]
SHAPES = [(5000,), (4, 3000), (2, 3, 2500)]


def make(dtype, shape, seed):
    x, _ = create_fake_data(shape, sigma=1.0, dtype=np.float64, seed=seed)
    x = np.asarray(x).reshape(shape)
    if np.dtype(dtype).kind == "i":
        return np.round(x * 1e4).astype(dtype)
    return x.astype(dtype)


count = 0
for ti, dtype in enumerate(DTYPES):
    for si, shape in enumerate(SHAPES):
        for via_fa in (False, True):
            data = make(dtype, shape, 100 * ti + 10 * si + via_fa)
            q = {np.float32: 1e-4, np.float64: 1e-9}.get(dtype, 0.0)
            kw = dict(quanta=q) if q else {}
            name = f"{np.dtype(dtype).name}_{'x'.join(map(str, shape))}{'_fa' if via_fa else ''}"
            path = os.path.join(OUT, f"py_{name}.h5")
            with h5py.File(path, "w") as f:
                if via_fa:
                    FlacArray.from_array(data, **kw).write_hdf5(f)
                else:
                    write_array(data, f, **kw)
            lead = shape[:-1] if len(shape) > 1 else (1,)
            keep = (np.arange(int(np.prod(lead))) % 2 == 1).reshape(lead)
            if keep.sum() == 0:
                keep[...] = True
            lo, hi = shape[-1] // 2 - 100, shape[-1] // 2 + 350
            with h5py.File(path, "r") as f:
                full = read_array(f)
                kept = read_array(f, keep=keep)
                sliced = read_array(f, stream_slice=slice(lo, hi, 1))
            np.savez(os.path.join(OUT, f"py_{name}.npz"), data=data, full=full, keep=keep,
                     kept=kept, sliced=sliced, slice_lo=np.array(lo), slice_hi=np.array(hi),
                     meta=np.array([ti, q]))
            count += 1
print(f"python wrote {count} HDF5 fixtures to {OUT}")
