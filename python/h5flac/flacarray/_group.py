"""Python flacarray's group layout (format version 1, and reading version 0), for the
``hdf5`` and ``zarr`` modules over a small store adapter: the group's attributes
(``flacarray_format_version`` "1", ``flacarray_software_version``, ``flac_channels``, and
``flacarray_shape`` as this project's Rust library writes it, so that an array's rank comes
back), the datasets ``stream_starts`` (with ``stream_size``), ``stream_bytes``,
``stream_offsets``/``stream_gains`` for floats and ``compressed``.

Every value read from a group is checked against what the group holds before anything is
allocated for it; under MPI without shared file access, rank 0 reads and writes for every
process."""

from __future__ import annotations

import numpy as np

from .. import __version__ as _H5FLAC_VERSION
from . import _core
from .mpi import distribute_and_verify

VERSION_ATTR = "flacarray_format_version"
SOFTWARE_ATTR = "flacarray_software_version"
CHANNELS_ATTR = "flac_channels"
SHAPE_ATTR = "flacarray_shape"
SIZE_ATTR = "stream_size"
STARTS, BYTES, OFFSETS, GAINS, COMPRESSED = (
    "stream_starts", "stream_bytes", "stream_offsets", "stream_gains", "compressed"
)
SOFTWARE = f"h5flac {_H5FLAC_VERSION}"


class Meta:
    """A group's layout, checked: the output dtype, its kind (``plain``, or a version-0
    ``v0int64``/``v0float64``), the leading shape, samples per stream, the array's shape."""

    def __init__(self, kind, dtype, lead, stream_size, shape, compressed_len):
        self.kind = kind
        self.dtype = np.dtype(dtype)
        self.lead = tuple(lead)
        self.stream_size = int(stream_size)
        self.shape = tuple(shape)
        self.compressed_len = int(compressed_len)

    @property
    def channels(self):
        return 2 if self.kind == "plain" and self.dtype.itemsize == 8 else 1

    @property
    def floats(self):
        return self.dtype.kind == "f"


def _scalar(value, what):
    value = value.decode() if isinstance(value, bytes) else value
    try:
        return int(np.asarray(value).reshape(-1)[0] if np.ndim(value) else value)
    except (TypeError, ValueError, IndexError):
        raise RuntimeError(f"{what} is {value!r}, not an integer") from None


def read_meta(store, name):
    """The checked layout of the group (``name`` for messages)."""
    version = store.attr(VERSION_ATTR)
    if version is None:
        raise RuntimeError(f"{name} does not contain a FlacArray")
    version = _scalar(version, VERSION_ATTR)
    if version not in (0, 1):
        raise RuntimeError(f"{name}: flacarray format version {version} is not supported")
    channels = store.attr(CHANNELS_ATTR)
    channels = 1 if channels is None and version == 0 else _scalar(channels, CHANNELS_ATTR)
    for ds in (STARTS, BYTES, COMPRESSED):
        if not store.has(ds):
            raise RuntimeError(f"{name}: the FlacArray has no {ds!r}")
    lead = tuple(store.shape(STARTS))
    if not lead or 0 in lead:
        raise RuntimeError(f"{name}: {STARTS} has shape {lead}")
    size = store.dataset_attr(STARTS, SIZE_ATTR)
    if size is None:
        raise RuntimeError(f"{name}: {STARTS} has no {SIZE_ATTR!r} attribute")
    stream_size = _scalar(size, SIZE_ATTR)
    if stream_size <= 0:
        raise RuntimeError(f"{name}: stream_size is {stream_size}")
    if tuple(store.shape(BYTES)) != lead:
        raise RuntimeError(f"{name}: {BYTES} has shape {store.shape(BYTES)}, {STARTS} {lead}")
    has_off, has_gain = store.has(OFFSETS), store.has(GAINS)
    for ds, present in ((OFFSETS, has_off), (GAINS, has_gain)):
        if present and tuple(store.shape(ds)) != lead:
            raise RuntimeError(f"{name}: {ds} has shape {store.shape(ds)}, {STARTS} {lead}")
    off_dtype = store.dtype(OFFSETS) if has_off else None
    gain_dtype = store.dtype(GAINS) if has_gain else None
    key = (version, channels, None if off_dtype is None else (off_dtype.kind, off_dtype.itemsize),
           None if gain_dtype is None else (gain_dtype.kind, gain_dtype.itemsize))
    kinds = {
        (0, 1, None, None): ("plain", np.int32), (1, 1, None, None): ("plain", np.int32),
        (1, 2, None, None): ("plain", np.int64),
        (0, 1, ("f", 4), ("f", 4)): ("plain", np.float32),
        (1, 1, ("f", 4), ("f", 4)): ("plain", np.float32),
        (1, 2, ("f", 8), ("f", 8)): ("plain", np.float64),
        (0, 1, ("i", 8), None): ("v0int64", np.int64),
        (0, 1, ("f", 8), ("f", 8)): ("v0float64", np.float64),
    }
    if key not in kinds:
        raise RuntimeError(
            f"{name}: inconsistent FlacArray (format {version}, {channels} channel(s), offsets "
            f"{off_dtype}, gains {gain_dtype})"
        )
    kind, dtype = kinds[key]
    shape = store.attr(SHAPE_ATTR)
    if shape is not None:
        shape = tuple(int(s) for s in np.asarray(shape).reshape(-1))
        expected = lead + (stream_size,)
        if not (shape == expected or (len(shape) == 1 and lead == (1,) and shape[0] == stream_size)):
            raise RuntimeError(f"{name}: {SHAPE_ATTR} {shape} disagrees with the streams")
    else:
        shape = (stream_size,) if lead == (1,) else lead + (stream_size,)
    return Meta(kind, dtype, lead, stream_size, shape, store.shape(COMPRESSED)[0])


class Local:
    """One process's part of a group: its streams' bytes back to back, their starts in them,
    lengths, offsets and gains (flat, C order), and with ``keep`` their leading indices; or,
    for a sample range read without whole streams, the samples decoded (``decoded``)."""

    def __init__(self, rows, compressed, starts, nbytes, offsets, gains, indices, decoded=None):
        self.rows = rows
        self.compressed = compressed
        self.starts = starts
        self.nbytes = nbytes
        self.offsets = offsets
        self.gains = gains
        self.indices = indices
        self.decoded = decoded


def _partial(store, meta, spans, offsets, gains, first, last):
    """Samples ``[first, last)`` of the streams at ``spans`` (start, length in
    ``compressed``), each read from its head and a window around the frames that hold them
    (wider if the first missed, whole if that did too), decoded as the group's type."""
    raw = np.int32 if meta.kind != "plain" else meta.dtype
    n = last - first
    rows = np.empty((len(spans), n), dtype=raw)
    for i, (a, nbytes) in enumerate(spans):
        head = store.read(COMPRESSED, (slice(a, a + min(nbytes, _core.HEAD_PROBE)),)).tobytes()
        og = (offsets[i], gains[i]) if meta.kind == "plain" and meta.floats else (None, None)
        row = None
        for margin in (0.25, 2.0):
            plan = _core.stream_window(head, nbytes, meta.stream_size, first, last, margin)
            if plan is None:
                break
            start, end, k0 = plan
            window = store.read(COMPRESSED, (slice(a + start, a + end),)).tobytes()
            row = _core.decode_window(head, window, k0, meta.stream_size, first, n, raw, *og)
            if row is not None:
                break
        if row is None:
            whole = store.read(COMPRESSED, (slice(a, a + nbytes),))
            row = _core.decompress_streams(
                whole, meta.stream_size, [0], [nbytes],
                None if og[0] is None else [og[0]], None if og[1] is None else [og[1]],
                [0], first, last, raw, False,
            )[0]
        rows[i] = row
    if meta.kind == "v0int64":
        return rows.astype(np.int64) + np.asarray(offsets, dtype=np.int64).reshape(-1, 1)
    if meta.kind == "v0float64":
        return _core.int_to_float(rows.astype(np.int64), offsets, gains)
    return rows


def read_local(store, meta, rows, keep, samples=None):
    """Rows ``rows`` (a range of the first leading axis) of the group, the streams ``keep``
    marks among them (``keep`` has the group's leading shape) or all. With ``samples`` (a
    ``(first, last)`` range short of whole streams), only the frames holding those samples
    are read, and decoded here."""
    first, last = rows
    sel = (slice(first, last),)
    starts = np.asarray(store.read(STARTS, sel), dtype=np.int64)
    nbytes = np.asarray(store.read(BYTES, sel), dtype=np.int64)
    local_lead = starts.shape
    if keep is not None:
        mask = np.asarray(keep, dtype=bool)[first:last]
        selected = np.flatnonzero(mask)
        indices = [tuple(int(i) for i in ix) for ix in zip(*np.nonzero(mask))]
    else:
        selected = np.arange(starts.size)
        indices = None
    flat_starts, flat_nbytes = starts.reshape(-1), nbytes.reshape(-1)
    channels = 2 if meta.dtype.itemsize == 8 and meta.kind == "plain" else 1
    # Every stream within the dataset, with bytes enough for stream_size samples, before
    # any is read.
    _core.check_streams(meta.compressed_len, meta.stream_size, flat_starts, flat_nbytes,
                        channels, selected)
    spans = [(int(flat_starts[s]), int(flat_nbytes[s])) for s in selected]
    offsets = gains = None
    if store.has(OFFSETS):
        offsets = np.asarray(store.read(OFFSETS, sel)).reshape(-1)[selected]
    if store.has(GAINS):
        gains = np.asarray(store.read(GAINS, sel)).reshape(-1)[selected]
    if samples is not None and samples != (0, meta.stream_size) and samples[0] < samples[1]:
        decoded = _partial(store, meta, spans, offsets, gains, *samples)
        return Local(rows, None, np.zeros(len(spans), np.int64), flat_nbytes[selected],
                     offsets, gains, indices, decoded)
    total = sum(n for _, n in spans)
    buf = np.empty(total, dtype=np.uint8)
    new_starts = np.empty(len(spans), dtype=np.int64)
    pos, k = 0, 0
    while k < len(spans):
        # Streams that follow each other in the file are read at once.
        a, n = spans[k]
        j = k + 1
        while j < len(spans) and spans[j][0] == spans[j - 1][0] + spans[j - 1][1]:
            n += spans[j][1]
            j += 1
        buf[pos:pos + n] = store.read(COMPRESSED, (slice(a, a + n),))
        for i in range(k, j):
            new_starts[i] = pos
            pos += spans[i][1]
        k = j
    new_nbytes = flat_nbytes[selected]
    if keep is None:
        new_starts, new_nbytes = new_starts.reshape(local_lead), new_nbytes.reshape(local_lead)
        if offsets is not None:
            offsets = offsets.reshape(local_lead)
        if gains is not None:
            gains = gains.reshape(local_lead)
    return Local(rows, buf, new_starts, new_nbytes, offsets, gains, indices)


def distribute_reads(store, name, keep, mpi_comm, mpi_dist, shared, samples=None):
    """``(meta, local, dist)`` on every process: with ``shared`` (every process has the
    group), each reads its own rows; else rank 0 reads every process's rows and sends them.
    ``samples``: a callable giving the ``(first, last)`` range to read from the layout, or
    ``None`` for whole streams."""
    if mpi_comm is None or mpi_comm.size == 1:
        meta = read_meta(store, name)
        _check_keep(keep, meta)
        dist = distribute_and_verify(mpi_comm, meta.lead[0], mpi_dist)
        return meta, read_local(store, meta, dist[0], keep, _range(samples, meta)), dist
    rank = mpi_comm.rank
    if shared:
        meta = read_meta(store, name)
        _check_keep(keep, meta)
        dist = distribute_and_verify(mpi_comm, meta.lead[0], mpi_dist)
        return meta, read_local(store, meta, dist[rank], keep, _range(samples, meta)), dist
    meta, error = None, None
    if rank == 0:
        try:
            meta = read_meta(store, name)
            _check_keep(keep, meta)
        except Exception as e:  # every rank raises it, not only rank 0
            error = e
    meta, error = mpi_comm.bcast((meta, error), root=0)
    if error is not None:
        raise error
    dist = distribute_and_verify(mpi_comm, meta.lead[0], mpi_dist)
    mine, error = None, None
    if rank == 0:
        try:
            parts = [read_local(store, meta, dist[p], keep, _range(samples, meta))
                     for p in range(mpi_comm.size)]
        except Exception as e:
            parts, error = None, e
        error = mpi_comm.bcast(error, root=0)
        if error is not None:
            raise error
        for p in range(1, mpi_comm.size):
            _comm_of(mpi_comm).send(parts[p], dest=p, tag=11)
        mine = parts[0]
    else:
        error = mpi_comm.bcast(None, root=0)
        if error is not None:
            raise error
        mine = _comm_of(mpi_comm).recv(source=0, tag=11)
    return meta, mine, dist


def _range(samples, meta):
    return None if samples is None else samples(meta)


def _check_keep(keep, meta):
    if keep is not None and np.shape(keep) != meta.lead:
        raise RuntimeError(
            f"The keep array shape {np.shape(keep)} does not match the leading shape {meta.lead}"
        )


def _comm_of(comm):
    """A communicator that takes pickled messages above 2 GiB, where mpi4py has one."""
    try:
        from mpi4py.util import pkl5

        return pkl5.Intracomm(comm)
    except ImportError:
        return comm


def decode_local(meta, local, first, last, use_threads):
    """The streams of ``local``, samples ``[first, last)``, one row each (flat)."""
    n_streams = local.starts.size
    selected = np.arange(n_streams)
    if n_streams == 0 or last == first:
        return np.zeros((n_streams, last - first), dtype=meta.dtype)
    if meta.kind == "plain":
        return _core.decompress_streams(
            local.compressed, meta.stream_size, local.starts, local.nbytes, local.offsets,
            local.gains, selected, first, last, meta.dtype, use_threads,
        )
    ints = _core.decompress_streams(
        local.compressed, meta.stream_size, local.starts, local.nbytes, None, None, selected,
        first, last, np.int32, use_threads,
    ).astype(np.int64)
    if meta.kind == "v0int64":
        return ints + np.asarray(local.offsets, dtype=np.int64).reshape(-1, 1)
    return _core.int_to_float(ints, local.offsets, local.gains)


def sample_range(stream_slice, stream_size):
    """``[first, last)`` of a ``stream_slice`` (step 1; numpy's meaning of its bounds)."""
    if stream_slice is None:
        return 0, stream_size
    if stream_slice.step not in (None, 1):
        raise RuntimeError("Only stream slices with a step size of 1 are supported")
    first, last, _ = stream_slice.indices(stream_size)
    return first, max(first, last)


def write_group(store, parts, layout, mpi_comm, shared):
    """Write a distributed array's group: ``parts`` is this process's
    ``(rows, compressed, starts (local), nbytes, offsets, gains)``; ``layout`` the global
    ``(lead, stream_size, dtype, shape, proc_nbytes)``. Rank 0 writes for everyone unless
    ``shared`` (collective: every process creates the datasets and writes its own rows)."""
    lead, stream_size, dtype, shape, proc_nbytes = layout
    rank = 0 if mpi_comm is None else mpi_comm.rank
    size = 1 if mpi_comm is None else mpi_comm.size

    def create():
        if store.attr(VERSION_ATTR) is not None or any(
            store.has(ds) for ds in (STARTS, BYTES, OFFSETS, GAINS, COMPRESSED)
        ):
            raise RuntimeError("The group already holds a FlacArray (or datasets of its names)")
        store.create(STARTS, lead, np.int64)
        store.set_dataset_attr(STARTS, SIZE_ATTR, np.int64(stream_size))
        store.create(BYTES, lead, np.int64)
        if np.dtype(dtype).kind == "f":
            store.create(OFFSETS, lead, dtype)
            store.create(GAINS, lead, dtype)
        store.create(COMPRESSED, (int(sum(proc_nbytes)),), np.uint8)

    def write(part, byte0):
        rows, compressed, starts, nbytes, offsets, gains = part
        if rows[1] <= rows[0]:
            return
        sel = (slice(rows[0], rows[1]),)
        store.write(STARTS, sel, np.asarray(starts, dtype=np.int64) + byte0)
        store.write(BYTES, sel, np.asarray(nbytes, dtype=np.int64))
        if offsets is not None:
            store.write(OFFSETS, sel, np.asarray(offsets, dtype=dtype))
            store.write(GAINS, sel, np.asarray(gains, dtype=dtype))
        if len(compressed):
            store.write(COMPRESSED, (slice(byte0, byte0 + len(compressed)),), compressed)

    def finish():
        store.set_attr(SOFTWARE_ATTR, SOFTWARE)
        store.set_attr(CHANNELS_ATTR, "2" if np.dtype(dtype).itemsize == 8 else "1")
        store.set_attr(SHAPE_ATTR, np.asarray(shape, dtype=np.int64))
        # The version last: only a complete group carries the mark of a FlacArray.
        store.set_attr(VERSION_ATTR, "1")

    byte0 = int(sum(proc_nbytes[:rank]))
    if size == 1:
        create()
        write(parts, 0)
        finish()
        return
    if shared:
        create()
        write(parts, byte0)
        mpi_comm.barrier()
        finish()
        return
    comm = _comm_of(mpi_comm)
    if rank == 0:
        error = None
        try:
            create()
            write(parts, 0)
        except Exception as e:
            error = e
        for p in range(1, size):
            part = comm.recv(source=p, tag=12)
            if error is None:
                try:
                    write(part, int(sum(proc_nbytes[:p])))
                except Exception as e:
                    error = e
        if error is None:
            finish()
        mpi_comm.bcast(error, root=0)
        if error is not None:
            raise error
    else:
        comm.send(parts, dest=0, tag=12)
        error = mpi_comm.bcast(None, root=0)
        if error is not None:
            raise error


def local_shape(meta, local, mpi_comm, n, no_flatten):
    """The shape of a process's part, ``n`` samples a stream: the stored shape without MPI
    (``(N,)`` for a 1-D array), its rows under MPI, 1-D for a part of one stream (unless
    ``no_flatten``)."""
    if mpi_comm is None or mpi_comm.size == 1:
        shape = meta.shape[:-1] + (n,)
        if no_flatten and len(shape) == 1:
            shape = (1, n)
        return shape
    first, last = local.rows
    shape = (last - first,) + meta.lead[1:] + (n,)
    if len(shape) == 2 and shape[0] == 1 and not no_flatten:
        shape = (n,)
    return shape


def decoded(meta, local, dist, keep, stream_slice, keep_indices, mpi_comm, use_threads,
            no_flatten):
    """What ``read_array`` returns for a process's part."""
    first, last = sample_range(stream_slice, meta.stream_size)
    if local.decoded is not None:
        rows = local.decoded
    else:
        rows = decode_local(meta, local, first, last, use_threads)
    if keep is not None:
        return (rows, local.indices) if keep_indices else rows
    return rows.reshape(local_shape(meta, local, mpi_comm, last - first, no_flatten))
