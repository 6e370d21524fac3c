//! The group format under MPI, for every store: [`write_array`], [`read_array`],
//! [`FlacArray::write_mpi`] and [`FlacArray::read_mpi`], each choosing its transport from
//! the groups the ranks pass, as Python flacarray does:
//! - **parallel** ([`super::parallel`]): every rank passes a group. Writes need an HDF5 file
//!   opened through MPI-IO on every rank ([`super::create_mpio`] / [`super::open_mpio`]);
//!   reads need only a group on every rank (HDF5), and each rank reads only its own streams.
//! - **gathered** ([`super::gathered`]): only rank 0 passes a group (the others pass `None`).
//!   Rank 0 writes what every rank sends it, or reads and sends every rank its part. Zarr
//!   groups always go this way.
//!
//! Every function is collective over the communicator, and an error on any rank reaches all
//! of them (see [`super::agree`]).

use ::mpi::traits::*;
use ndarray::{ArrayD, ArrayViewD};

use super::gathered::{distributed_part, read_gathered, Indices, Part};
use super::{all_gather_u64, gathered, parallel, rank_size, MpiDist};
use crate::array::compress::CompressOptions;
use crate::array::dtype::Element;
use crate::array::FlacArray;
use crate::array::ReadOptions;
use crate::error::{Error, Result};
use crate::group::store::Store;

/// How the ranks share a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Transport {
    /// Every rank has the group.
    Parallel,
    /// Only rank 0 has it.
    Gathered,
}

/// The transport from the groups the ranks passed (writes need MPI-IO for the parallel one).
fn transport<G: Store, C: Communicator>(
    group: Option<&G>,
    writing: bool,
    comm: &C,
) -> Result<Transport> {
    // 0: no group; 1: a group; 2: a group of an MPI-IO file.
    let mine = match group {
        None => 0u64,
        Some(g) if g.is_collective() => 2,
        Some(_) => 1,
    };
    let all = all_gather_u64(comm, mine);
    let every = |ok: &dyn Fn(u64) -> bool| all.iter().all(|&m| ok(m));
    if !G::SHARED_READS {
        return if all[0] > 0 {
            Ok(Transport::Gathered)
        } else {
            Err(Error::Mpi(format!(
                "rank 0 reads and writes the {} group for every rank: pass it on rank 0",
                G::NAME
            )))
        };
    }
    if all.len() > 1 && (every(&|m| m == 2) || (!writing && every(&|m| m > 0))) {
        Ok(Transport::Parallel)
    } else if all[0] == 2 && all.len() > 1 {
        // HDF5 calls on an MPI-IO file are collective over the file's ranks.
        Err(Error::Mpi(
            "rank 0's file is open through MPI-IO, so every rank must pass its group (or open \
             the file on rank 0 only, without MPI-IO, for gathered I/O)"
                .into(),
        ))
    } else if all[0] > 0 {
        Ok(Transport::Gathered)
    } else {
        Err(Error::Mpi(format!(
            "rank 0 passed no {} group: pass it on rank 0 (gathered I/O), or on every rank with \
             the file opened through MPI-IO (parallel I/O)",
            G::NAME
        )))
    }
}

/// Compress this rank's part of a distributed array and write the whole array to `group` in
/// Python flacarray's format "1" (Python's `write_array(..., mpi_comm=comm)`). Collective.
///
/// Pass the group on every rank of an HDF5 file opened through MPI-IO for parallel writes,
/// or on rank 0 only (`None` elsewhere) to have rank 0 gather and write.
pub fn write_array<T: Element, G: Store, C: Communicator>(
    arr: ArrayViewD<'_, T>,
    group: Option<&G>,
    opts: &CompressOptions,
    comm: &C,
) -> Result<()> {
    FlacArray::from_array_mpi(arr, opts, comm)?.write_mpi(group, comm)
}

/// Read this rank's part of the array stored in `group` (Python's
/// `read_array(..., mpi_comm=comm, mpi_dist=...)`). Collective; the groups, `mpi_dist` and
/// `keep` are as in [`FlacArray::read_mpi`]. A rank without rows gets an array whose first
/// axis has length 0.
pub fn read_array<T: Element, G: Store, C: Communicator>(
    group: Option<&G>,
    opts: &ReadOptions<'_>,
    mpi_dist: Option<&[(usize, usize)]>,
    comm: &C,
) -> Result<ArrayD<T>> {
    Ok(read_array_with_indices(group, opts, mpi_dist, comm)?.0)
}

/// [`read_array`] with the indices of the kept streams, relative to the rank's own rows
/// (Python's `keep_indices=True`); empty without `keep`.
pub fn read_array_with_indices<T: Element, G: Store, C: Communicator>(
    group: Option<&G>,
    opts: &ReadOptions<'_>,
    mpi_dist: Option<&[(usize, usize)]>,
    comm: &C,
) -> Result<(ArrayD<T>, Indices)> {
    match transport(group, false, comm)? {
        Transport::Parallel => {
            let group = group.expect("parallel: every rank has a group");
            parallel::read_values_of(group, opts, mpi_dist, comm)
        }
        Transport::Gathered => {
            let (part, _) = read_gathered_part(group, opts.keep.as_ref(), mpi_dist, comm)?;
            part.into_array(opts, comm)
        }
    }
}

/// Rank 0 reads every rank's part and sends it.
fn read_gathered_part<G: Store, C: Communicator>(
    group: Option<&G>,
    keep: Option<&ArrayViewD<'_, bool>>,
    mpi_dist: Option<&[(usize, usize)]>,
    comm: &C,
) -> Result<(Part, MpiDist)> {
    let (rank, _) = rank_size(comm);
    let info = (rank == 0).then(|| group.expect("gathered: rank 0 has a group").read_info());
    read_gathered(info, keep, mpi_dist, comm)
}

impl FlacArray {
    /// Write a FlacArray distributed over `comm` (made by [`FlacArray::from_array_mpi`] or
    /// [`FlacArray::read_mpi`]) to `group` in format "1" (Python's `FlacArray.write_hdf5` /
    /// `write_zarr` with a communicator). Collective; see [`write_array`] for which ranks
    /// pass the group.
    pub fn write_mpi<G: Store, C: Communicator>(&self, group: Option<&G>, comm: &C) -> Result<()> {
        self.check_communicator(comm)?;
        match transport(group, true, comm)? {
            Transport::Parallel => {
                parallel::write(self, group.expect("parallel: every rank has a group"), comm)
            }
            Transport::Gathered => gathered::write(self, group, comm),
        }
    }

    /// Read the FlacArray stored in `group`, distributed over `comm` along its first axis
    /// (Python's `FlacArray.read_hdf5(..., mpi_comm=comm, mpi_dist=...)`). Collective.
    ///
    /// Pass the group on every rank (HDF5: each reads only its own streams), or on rank 0
    /// only (`None` elsewhere; rank 0 reads and sends). `mpi_dist` gives each rank's rows
    /// `(first, last)`; without it rows are spread evenly. With `keep` (global leading shape,
    /// rank 0's when rank 0 reads) each rank holds its kept streams as `(n_kept, n)`.
    pub fn read_mpi<G: Store, C: Communicator>(
        group: Option<&G>,
        keep: Option<ArrayViewD<'_, bool>>,
        mpi_dist: Option<&[(usize, usize)]>,
        comm: &C,
    ) -> Result<FlacArray> {
        let (part, dist) = match transport(group, false, comm)? {
            Transport::Parallel => {
                let group = group.expect("parallel: every rank has a group");
                parallel::read_part(group, keep.as_ref(), mpi_dist, comm)?
            }
            Transport::Gathered => read_gathered_part(group, keep.as_ref(), mpi_dist, comm)?,
        };
        distributed_part(part, &dist, keep.is_some(), comm)
    }
}
