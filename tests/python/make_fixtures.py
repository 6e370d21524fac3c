"""Write compatibility fixtures with the real Python flacarray 0.4.1.

Each case is one .npz in the output directory holding the input `data`, what Python made of it
(`compressed`, `starts`, `nbytes`, `offsets`, `gains`), Python's own decode (`decoded`), and
the parameters in `meta` = [level, mode, dtype_code], `quanta`, `precision`.

mode: 0 integer data, 1 scalar quanta, 2 per-stream quanta, 3 scalar precision,
4 per-stream precision.  dtype_code: 0 int32, 1 int64, 2 float32, 3 float64.
"""

import os
import sys

import numpy as np

import flacarray
from flacarray import utils
from flacarray._libflacarray import encode_flac
from flacarray.compress import array_compress
from flacarray.decompress import array_decompress
from flacarray.demo import create_fake_data

assert flacarray.__version__ == "0.4.1", flacarray.__version__

DTYPES = [np.int32, np.int64, np.float32, np.float64]
# (40, 500) and (3, 20): streams far shorter than a block (libFLAC initialisation dominates)
SHAPES = [(3000,), (4, 2500), (2, 3, 1200), (2, 70000), (40, 500), (3, 20)]
LEVELS = [0, 5, 8]


def float_data(shape, dtype, seed):
    data, _ = create_fake_data(shape, sigma=1.0, dtype=dtype, seed=seed)
    return np.ascontiguousarray(data).reshape(shape)


def int_data(shape, dtype, seed):
    rng = np.random.default_rng(seed)
    wave = rng.normal(0.0, 1.0, size=shape).cumsum(axis=-1) * 50
    data = np.round(wave).astype(dtype)
    if dtype == np.int64:
        data += np.int64(3) << np.int64(40)
    data.flat[0] = np.iinfo(dtype).min
    data.flat[1] = np.iinfo(dtype).max
    return data


def main(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    count = 0
    for ti, dtype in enumerate(DTYPES):
        for si, shape in enumerate(SHAPES):
            lead = shape[:-1]
            is_float = np.dtype(dtype).kind == "f"
            modes = [1, 2, 3, 4, 5] if is_float else [0]
            for level in LEVELS:
                for mode in modes:
                    seed = 1000 * ti + 100 * si + 10 * level + mode
                    if is_float:
                        data = float_data(shape, dtype, seed)
                    else:
                        data = int_data(shape, dtype, seed)
                    # 1-D data has no per-stream arrays in Python's API.
                    if len(shape) == 1 and mode in (2, 4):
                        continue
                    quanta = np.array(0.0)
                    precision = np.array(0, dtype=np.int32)
                    q32 = dtype == np.float32
                    if mode == 1:
                        quanta = np.array(1e-4 if q32 else 1e-9)
                        res = array_compress(data, level=level, quanta=float(quanta))
                    elif mode == 2:
                        rng = np.random.default_rng(seed + 7)
                        base = 1e-4 if q32 else 1e-9
                        quanta = base * (1 + 9 * rng.random(lead))
                        # Python's array_compress cannot take a quanta array (its bug B1);
                        # its own conversion and encoder can.
                        idata, offs, gains = utils.float_to_int(
                            data, quanta=quanta.astype(dtype)
                        )
                        c, st, nb = encode_flac(idata, level)
                        res = (c, st, nb, offs, gains)
                    elif mode == 3:
                        precision = np.array(4 if q32 else 9, dtype=np.int32)
                        res = array_compress(data, level=level, precision=int(precision))
                    elif mode == 4:
                        precision = (np.arange(int(np.prod(lead))) % 4 + 3).reshape(lead)
                        precision = precision.astype(np.int32)
                        res = array_compress(
                            data, level=level, precision=precision.astype(np.int64)
                        )
                    elif mode == 5:
                        # Neither quanta nor precision: each stream scaled from its range, as
                        # Python's documentation says; its array_compress refuses it, its
                        # float_to_int does it.
                        idata, offs, gains = utils.float_to_int(data)
                        c, st, nb = encode_flac(idata, level)
                        res = (c, st, nb, offs, gains)
                    else:
                        res = array_compress(data, level=level)
                    c, st, nb, offs, gains = res
                    dec = array_decompress(
                        c,
                        shape[-1],
                        st,
                        nb,
                        stream_offsets=offs,
                        stream_gains=gains,
                        is_int64=np.dtype(dtype).itemsize == 8,
                    )
                    arrays = dict(
                        data=data,
                        compressed=c,
                        starts=st,
                        nbytes=nb,
                        decoded=dec.reshape(shape),
                        meta=np.array([level, mode, ti], dtype=np.int64),
                        quanta=np.asarray(quanta, dtype=np.float64),
                        precision=np.asarray(precision, dtype=np.int32),
                    )
                    if offs is not None:
                        arrays["offsets"] = offs
                        arrays["gains"] = gains
                    name = f"{np.dtype(dtype).name}_{'x'.join(map(str, shape))}_l{level}_m{mode}"
                    np.savez(os.path.join(out_dir, name + ".npz"), **arrays)
                    count += 1
    print(f"wrote {count} Python fixtures to {out_dir}")


if __name__ == "__main__":
    main(sys.argv[1])
