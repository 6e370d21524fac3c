"""Python flacarray writes Zarr groups and records its own reads of them.

Usage: python make_zarr_fixtures.py OUT_DIR
Runs in three virtualenvs: flacarray 0.4.1 with zarr-python 3 (v3 stores, prefix `py3_`),
flacarray 0.4.1 with zarr-python 2 (v2 stores with Blosc, prefix `py2_`), flacarray 0.2.4
with zarr-python 3 (format "0", prefix `v0z_`). For every case: `<prefix><name>.zarr`, written
with write_array (or FlacArray.write_zarr for `_fa`), and `<prefix><name>.npz` with the input
`data`, Python's full read `full`, its read with `keep` (`keep`, `kept`, `kept_idx`), with a
stream slice (`slice_lo`, `slice_hi`, `sliced`), and `meta` = [dtype_code, quanta_or_0].
"""

import os
import shutil
import sys

import numpy as np
import zarr

import flacarray
from flacarray import FlacArray
from flacarray.zarr import read_array, write_array

OUT = sys.argv[1]
os.makedirs(OUT, exist_ok=True)
V0 = flacarray.__version__ == "0.2.4"
ZARR3 = int(zarr.__version__.split(".")[0]) >= 3
prefix = "v0z_" if V0 else ("py3_" if ZARR3 else "py2_")
assert V0 or flacarray.__version__ == "0.4.1", flacarray.__version__
DTYPES = [np.int32, np.int64, np.float32, np.float64]
if prefix == "py3_":
    SHAPES = [(5000,), (4, 3000), (2, 3, 2500)]
else:
    SHAPES = [(3, 2500)]
rng = np.random.default_rng(11)


def make(dtype, shape):
    t = np.arange(shape[-1])
    x = np.sin(t / 150.0) * 3 + rng.normal(0, 0.01, shape)
    if np.dtype(dtype).kind == "i":
        data = np.round(x * 1e5).astype(dtype)
        if dtype == np.int64:
            data += np.int64(3) << np.int64(40)
        return data
    return x.astype(dtype)


count = 0
for ti, dtype in enumerate(DTYPES):
    for shape in SHAPES:
        for via_fa in (False, True) if prefix == "py3_" else (False,):
            data = make(dtype, shape)
            q = {np.float32: 1e-4, np.float64: 1e-9}.get(dtype, 0.0)
            if V0 and q:
                q = 1e-5
            kw = dict(quanta=q) if q else {}
            name = f"{prefix}{np.dtype(dtype).name}_{'x'.join(map(str, shape))}{'_fa' if via_fa else ''}"
            path = os.path.join(OUT, name + ".zarr")
            shutil.rmtree(path, ignore_errors=True)
            root = zarr.open_group(path, mode="w")
            if via_fa:
                FlacArray.from_array(data, **kw).write_zarr(root)
            else:
                write_array(data, root, **kw)
            root = zarr.open_group(path, mode="r")
            full = read_array(root)
            lead = shape[:-1] if len(shape) > 1 else (1,)
            keep = (np.arange(int(np.prod(lead))) % 2 == 1).reshape(lead)
            if keep.sum() == 0:
                keep[...] = True
            lo, hi = shape[-1] // 2 - 100, shape[-1] // 2 + 350
            extra = {}
            if not V0:
                kept, idx = read_array(root, keep=keep, keep_indices=True)
                extra = dict(kept=kept, kept_idx=np.array(idx).reshape(len(idx), -1),
                             sliced=read_array(root, stream_slice=slice(lo, hi, 1)))
            np.savez(os.path.join(OUT, name + ".npz"), data=data, full=full, keep=keep,
                     slice_lo=np.array(lo), slice_hi=np.array(hi), meta=np.array([ti, q]), **extra)
            count += 1
print(f"flacarray {flacarray.__version__} with zarr {zarr.__version__} wrote {count} Zarr fixtures to {OUT}")
