"""``create_fake_data`` and ``plot_data``, as in flacarray 0.4.1's ``flacarray.demo``: the
same values for the same arguments (numpy's PCG64 generator, drawn in the same order)."""

from __future__ import annotations

import numpy as np

from .mpi import global_array_properties


def create_fake_data(
    local_shape, sigma=1.0, dtype=np.float64, seed=123456789, comm=None, dc_sigma=5
):
    """Fake time-streams: a random offset (``dc_sigma`` · ``sigma`` wide, none if
    ``dc_sigma`` is None) plus two sines of random amplitude plus white noise of ``sigma``;
    with ``sigma`` None, uniform values over the whole range of ``dtype``. The same values
    as flacarray 0.4.1 for the same arguments (numpy's PCG64, drawn in the same order); for
    the two cases it fails on (uniform floats, Gaussian integers) they are documented
    below.

    With ``comm`` the array is distributed: ``local_shape`` is this process's part, the
    global array is made on rank 0 and each process gets its rows.

    Returns:
        ``(local_data, mpi_dist)``; a local part of one stream (``(1, N)``) is 1-D.
    """
    dtype = np.dtype(dtype)
    props = global_array_properties(local_shape, dtype, comm)
    shape, dist = props["shape"], props["dist"]
    rank = 0 if comm is None else comm.rank
    data = None
    if rank == 0:
        rng = np.random.default_rng(seed)
        n_total = int(np.prod(shape))
        if sigma is None:
            data = _uniform(rng, dtype, n_total).reshape(shape)
        else:
            data = _gaussian(rng, dtype, shape, sigma, dc_sigma)
    if comm is not None and comm.size > 1:
        data = comm.bcast(data, root=0)
    first, last = dist[rank]
    if last <= first:
        return np.zeros((0,) + tuple(shape[1:]), dtype=dtype), dist
    local = np.array(data[first:last])
    if local.ndim == 2 and local.shape[0] == 1:
        local = local.reshape(-1)
    return local, dist


def _uniform(rng, dtype, n_total):
    """Uniform values over the whole range of ``dtype``, its extremes first."""
    if dtype.kind == "i":
        info = np.iinfo(dtype)
        flat = rng.integers(info.min, info.max, size=n_total, dtype=np.int64).astype(dtype)
    else:
        # flacarray 0.4.1 fails here (a dtype argument numpy's uniform lacks); drawn in
        # [-1, 1) and scaled, as the float64 range overflows a difference of its extremes.
        info = np.finfo(dtype)
        flat = (rng.uniform(-1.0, 1.0, size=n_total) * float(info.max)).astype(dtype)
    flat[0] = info.min
    flat[1] = info.max
    return flat


def _gaussian(rng, dtype, shape, sigma, dc_sigma):
    """Offsets, two sines and white noise, summed in the order and the precision (each term
    added into an array of ``dtype``) of flacarray 0.4.1, so that float32 data are the same
    to the bit. Integer data (which flacarray 0.4.1 fails to make) are the float64 values
    rounded."""
    leading = tuple(shape[:-1]) + (1,)
    acc = dtype if dtype.kind == "f" else np.dtype(np.float64)
    dc = 0 if dc_sigma is None else dc_sigma * sigma * (rng.random(size=leading) - 0.5)
    n = shape[-1]
    wave = np.zeros(n, dtype=acc)
    t = np.arange(n)
    lowest = 5 / n
    wave += 2 * sigma * np.sin(2 * np.pi * (3 * lowest) * t)
    wave += 6 * sigma * np.sin(2 * np.pi * lowest * t)
    scale = rng.random(size=leading)
    data = np.empty(shape, dtype=acc)
    data[...] = dc
    data += scale * wave
    data += rng.normal(0.0, sigma, int(np.prod(shape))).reshape(shape)
    if dtype.kind == "f":
        return data
    info = np.iinfo(dtype)
    return np.clip(np.round(data), info.min, info.max).astype(dtype)


def plot_data(data, keep=None, stream_slc=slice(None), file=None):
    """Plot streams with matplotlib: one panel for 1-D data, one a stream for 2-D, a grid
    (rows: the second axis, columns: the first) for 3-D. Shown, or saved to ``file``."""
    import matplotlib

    if file is not None:
        matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    data = np.asarray(data)
    if data.ndim > 3:
        raise NotImplementedError("Can only plot 1D, 2D and 3D arrays of streams")
    if data.ndim == 1:
        rows, cols = 1, 1
    elif data.ndim == 2:
        rows, cols = data.shape[0], 1
    else:
        rows, cols = data.shape[1], data.shape[0]
    fig = plt.figure(figsize=(6 * cols, 4 * rows), dpi=100)
    for r in range(rows):
        for c in range(cols):
            ax = fig.add_subplot(rows, cols, r * cols + c + 1)
            if data.ndim == 1:
                y = data[stream_slc]
            elif data.ndim == 2:
                y = data[r, stream_slc]
            else:
                y = data[c, r, stream_slc]
            ax.plot(y, color="black")
    if file is None:
        plt.show()
    else:
        fig.savefig(file)
        plt.close(fig)
