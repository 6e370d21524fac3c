"""h5flac.flacarray's FlacArray distributed over MPI (run under mpirun with 1-3 ranks): the
processes' parts laid end to end are the bytes of the whole array compressed at once, the
global properties agree, and a rank without data (the last, with 2+ ranks) takes part.

    mpirun -n 3 python mpi_flacarray.py
"""

import sys

import numpy as np
from mpi4py import MPI

from h5flac.flacarray import FlacArray
from h5flac.flacarray.demo import create_fake_data

comm = MPI.COMM_WORLD
rank, size = comm.rank, comm.size
failed = 0


def check(cond, what):
    global failed
    if not cond:
        failed += 1
        print(f"FAIL rank {rank}: {what}", flush=True)


for dt, kw in ((np.int32, {"sigma": None}), (np.float64, {"sigma": 1.0})):
    quanta = 1e-9 if np.dtype(dt).kind == "f" else None
    # Every rank holds 3 rows, but the last holds none when there are several.
    rows = 0 if size > 1 and rank == size - 1 else 3
    local, dist = create_fake_data((rows, 5, 2000), dtype=dt, comm=comm, **kw)
    fa = FlacArray.from_array(local, quanta=quanta, mpi_comm=comm)
    total_rows = 3 * (size - 1) if size > 1 else 3
    check(fa.global_shape == (total_rows, 5, 2000), f"global shape {fa.global_shape}")
    check(fa.mpi_dist == dist, f"dist {fa.mpi_dist} against {dist}")
    check(fa.global_nbytes == comm.allreduce(fa.nbytes), "global_nbytes")
    check(fa.global_process_nbytes == comm.allgather(fa.nbytes), "global_process_nbytes")
    check(fa.global_nstreams == total_rows * 5, "global_nstreams")
    parts = comm.gather((fa.compressed, fa.global_stream_starts), root=0)
    whole, _ = create_fake_data((total_rows, 5, 2000), dtype=dt, **kw)
    if rank == 0:
        ref = FlacArray.from_array(whole, quanta=quanta)
        joined = np.concatenate([p[0] for p in parts])
        starts = np.concatenate([np.asarray(p[1]).reshape(-1) for p in parts])
        check(np.array_equal(joined, ref.compressed), "bytes laid end to end")
        check(np.array_equal(starts, ref.stream_starts.reshape(-1)), "global stream starts")
    back = fa.to_array()
    check(back.shape == local.shape, f"local shape {back.shape} against {local.shape}")
    if np.dtype(dt).kind == "i":
        check(np.array_equal(back, local), "int32 round trip")
    else:
        check(np.allclose(back, local, rtol=0, atol=1e-9), "float64 round trip")
    check(("Rank" in repr(fa)) == True, repr(fa))  # noqa: E712

failed = comm.allreduce(failed)
if rank == 0:
    print(f"flacarray-mpi (-n {size}): {'0 failed' if not failed else f'{failed} failed'}")
sys.exit(1 if failed else 0)
