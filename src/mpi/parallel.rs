//! The parallel transport: every rank opens the group. Writes need a file open through
//! MPI-IO on every rank ([`create_mpio`] / [`open_mpio`]): the ranks create the arrays and
//! attributes together and each writes its own rows and bytes with collective I/O. Reads need
//! only a group on every rank: each reads its own streams' bytes, and only what a stream
//! slice needs of them.

#[cfg(feature = "hdf5")]
use ::mpi::raw::AsRaw;
use ::mpi::traits::*;
use ndarray::{ArrayD, ArrayViewD, IxDyn};

use super::gathered::{local_selection, read_shape, Indices, Part};
use super::{agree, distribute, rank_size, MpiDist};
use crate::array::dtype::Element;
use crate::array::FlacArray;
use crate::array::ReadOptions;
use crate::error::Result;
use crate::group::read_values;
use crate::group::store::{GroupWriter, NewGroup, Slab, Store};

/// `made` agreed on by every rank; a writer made on some ranks only is removed again.
pub(crate) fn agree_made<W: GroupWriter, C: Communicator>(comm: &C, made: Result<W>) -> Result<W> {
    let status = made.as_ref().map(|_| ()).map_err(Clone::clone);
    match (agree(comm, status), made) {
        (Ok(()), Ok(w)) => Ok(w),
        (Err(e), Ok(w)) => {
            w.abort();
            Err(e)
        }
        (_, Err(e)) => Err(e),
    }
}

/// Write `fa`, distributed over `comm`, to `group`, open on every rank through MPI-IO.
pub(crate) fn write<G: Store, C: Communicator>(fa: &FlacArray, group: &G, comm: &C) -> Result<()> {
    agree(comm, group.check_target())?;
    let writer = agree_made(comm, group.create(&NewGroup::of(fa), true))?;
    let starts = fa.global_stream_starts();
    let slab = Slab::of(fa, starts.as_slice().expect("standard layout"));
    // Structure, values, then attributes (version last), as in the serial write.
    let result = agree(comm, writer.check(&slab))
        .and_then(|()| agree(comm, writer.flush()))
        .and_then(|()| agree(comm, writer.write(&slab)))
        .and_then(|()| agree(comm, writer.flush()))
        .and_then(|()| agree(comm, writer.finish()));
    if result.is_err() {
        writer.abort();
    }
    result
}

/// This rank's part of the group open on every rank, and the rows of every rank.
pub(crate) fn read_part<G: Store, C: Communicator>(
    group: &G,
    keep: Option<&ArrayViewD<'_, bool>>,
    mpi_dist: Option<&[(usize, usize)]>,
    comm: &C,
) -> Result<(Part, MpiDist)> {
    let (rank, size) = rank_size(comm);
    let info = agree(comm, group.read_info())?;
    let dist = agree(comm, distribute(info.lead[0], size, mpi_dist))?;
    let rows = dist[rank].0..dist[rank].1;
    let part = agree(comm, Part::read(&info, &rows, keep))?;
    Ok((part, dist))
}

/// This rank's values of the group open on every rank: its own streams, and only what the
/// stream slice needs of them.
pub(crate) fn read_values_of<T: Element, G: Store, C: Communicator>(
    group: &G,
    opts: &ReadOptions<'_>,
    mpi_dist: Option<&[(usize, usize)]>,
    comm: &C,
) -> Result<(ArrayD<T>, Indices)> {
    let (rank, size) = rank_size(comm);
    let info = agree(comm, group.read_info())?;
    let dist = agree(comm, distribute(info.lead[0], size, mpi_dist))?;
    let rows = dist[rank].0..dist[rank].1;
    let local = (|| {
        let range = info.sample_range::<T>(opts.stream_slice.as_ref())?;
        let (selected, indices) = local_selection(&info.lead, &rows, opts.keep.as_ref())?;
        let values = read_values::<T>(&info, &selected, range.clone(), opts.use_threads)?;
        let mut shape = read_shape(&info, &rows, selected.len(), opts.keep.is_some());
        *shape.last_mut().expect("at least one axis") = range.len();
        let arr = ArrayD::from_shape_vec(IxDyn(&shape), values).expect("sized by the read");
        Ok((arr, indices))
    })();
    agree(comm, local)
}

#[cfg(feature = "hdf5")]
fn mpio_builder<C: Communicator + AsRaw<Raw = ::mpi::ffi::MPI_Comm>>(
    comm: &C,
) -> hdf5_metno::file::FileBuilder {
    let mut b = hdf5_metno::File::with_options();
    b.with_fapl(|p| {
        p.mpio(comm.as_raw(), None)
            .all_coll_metadata_ops(true)
            .coll_metadata_write(true)
    });
    b
}

/// Create (truncate) the HDF5 file `path` on every rank of `comm` through MPI-IO, with
/// collective metadata operations, for parallel writes. Collective.
#[cfg(feature = "hdf5")]
pub fn create_mpio<C: Communicator + AsRaw<Raw = ::mpi::ffi::MPI_Comm>>(
    path: impl AsRef<std::path::Path>,
    comm: &C,
) -> Result<hdf5_metno::File> {
    let r = mpio_builder(comm)
        .create(path)
        .map_err(|e| crate::Error::Hdf5(e.to_string()));
    agree(comm, r)
}

/// Open the HDF5 file `path` on every rank of `comm` through MPI-IO (read-only, or
/// read-write with `write`). Collective.
#[cfg(feature = "hdf5")]
pub fn open_mpio<C: Communicator + AsRaw<Raw = ::mpi::ffi::MPI_Comm>>(
    path: impl AsRef<std::path::Path>,
    write: bool,
    comm: &C,
) -> Result<hdf5_metno::File> {
    let b = mpio_builder(comm);
    let r = if write { b.open_rw(path) } else { b.open(path) }
        .map_err(|e| crate::Error::Hdf5(e.to_string()));
    agree(comm, r)
}
