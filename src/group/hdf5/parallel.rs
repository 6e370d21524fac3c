//! The group format over MPI (feature `mpi`): [`write_array_mpi`], [`read_array_mpi`],
//! [`FlacArray::write_hdf5_mpi`] and [`FlacArray::read_hdf5_mpi`].
//!
//! Two ways, chosen from the groups the ranks pass, as in Python flacarray:
//! - **parallel**: every rank passes a group of a file opened through MPI-IO (see
//!   [`create_mpio`] / [`open_mpio`]). Writes create the datasets and attributes collectively
//!   and every rank writes its own rows and bytes with collective I/O; reads need a group on
//!   every rank (MPI-IO or not) and each rank reads only its own streams' bytes.
//! - **gathered**: only rank 0 passes a group (the others pass `None`). Rank 0 writes what
//!   every rank sends it, or reads and sends every rank its part. Messages of any size go in
//!   pieces within MPI's 32-bit counts.
//!
//! Every function is collective over the communicator, and an error on any rank reaches all
//! of them (see [`crate::mpi::agree`]).

use ::mpi::raw::AsRaw;
use ::mpi::traits::*;
use hdf5_metno::Group;
use hdf5_sys::h5i::hid_t;
use ndarray::{ArrayD, ArrayViewD, IxDyn};

use super::{
    check_slab, check_target, create_layout, flush, read_info, unlink_all, write_attrs, write_slab,
    ReadOptions, Slab,
};
use crate::array::compress::CompressOptions;
use crate::array::dtype::Element;
use crate::array::FlacArray;
use crate::error::{Error, Result};
use crate::group::read_values;
use crate::mpi::gathered::{
    distributed_part, local_selection, read_gathered, read_shape, slab_message, Part, Words,
    TAG_BYTES, TAG_META,
};
use crate::mpi::{agree, all_gather_u64, rank_size, recv_bytes, send_bytes};
use crate::mpi::{distribute, MpiDist};

/// A dataset transfer property list for collective MPI-IO, closed on drop.
pub(crate) struct Collective(hid_t);

impl Collective {
    pub(crate) fn new() -> Result<Collective> {
        use hdf5_sys::h5p::{H5FD_mpio_xfer_t, H5Pclose, H5Pcreate, H5Pset_dxpl_mpio};
        hdf5_metno::sync::sync(|| {
            // SAFETY: plain HDF5 calls; the list is closed here on failure, else on drop.
            unsafe {
                let id = H5Pcreate(*hdf5_metno::globals::H5P_DATASET_XFER);
                if id < 0 {
                    return Err(Error::Hdf5("cannot create a transfer property list".into()));
                }
                if H5Pset_dxpl_mpio(id, H5FD_mpio_xfer_t::H5FD_MPIO_COLLECTIVE) < 0 {
                    H5Pclose(id);
                    return Err(Error::Hdf5(
                        "cannot ask for collective MPI-IO (is HDF5 built with MPI?)".into(),
                    ));
                }
                Ok(Collective(id))
            }
        })
    }

    pub(crate) fn id(&self) -> hid_t {
        self.0
    }
}

impl Drop for Collective {
    fn drop(&mut self) {
        // SAFETY: the id was created in `new` and is closed once.
        hdf5_metno::sync::sync(|| unsafe { hdf5_sys::h5p::H5Pclose(self.0) });
    }
}

/// Whether the file of `loc` is open through the MPI-IO driver.
///
/// Asked through `H5Fget_mpi_atomicity`, which only MPI-IO files answer and which is local to
/// the rank: the file's access property list would tell too, but getting it duplicates the
/// file's communicator, a collective call.
pub(crate) fn is_mpio(loc: &hdf5_metno::Location) -> bool {
    use hdf5_sys::h5f::{H5Fclose, H5Fget_mpi_atomicity};
    use hdf5_sys::h5i::H5Iget_file_id;
    hdf5_metno::sync::sync(|| {
        // SAFETY: HDF5 calls on a valid object id; the file id is closed here. HDF5's error
        // printing is off (hdf5-metno), so a non-MPI-IO file only returns a negative status.
        unsafe {
            let fid = H5Iget_file_id(loc.id());
            if fid < 0 {
                return false;
            }
            let mut flag = 0;
            let mpio = H5Fget_mpi_atomicity(fid, &mut flag) >= 0;
            H5Fclose(fid);
            mpio
        }
    })
}

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

/// Create (truncate) `path` on every rank of `comm` through MPI-IO, with collective metadata
/// operations. Collective.
pub fn create_mpio<C: Communicator + AsRaw<Raw = ::mpi::ffi::MPI_Comm>>(
    path: impl AsRef<std::path::Path>,
    comm: &C,
) -> Result<hdf5_metno::File> {
    let r = mpio_builder(comm).create(path).map_err(super::h5);
    agree(comm, r)
}

/// Open `path` on every rank of `comm` through MPI-IO (read-only, or read-write with
/// `write`). Collective.
pub fn open_mpio<C: Communicator + AsRaw<Raw = ::mpi::ffi::MPI_Comm>>(
    path: impl AsRef<std::path::Path>,
    write: bool,
    comm: &C,
) -> Result<hdf5_metno::File> {
    let b = mpio_builder(comm);
    let r = if write { b.open_rw(path) } else { b.open(path) }.map_err(super::h5);
    agree(comm, r)
}

/// How the ranks share a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Every rank has a group.
    Parallel,
    /// Only rank 0 has one.
    Gathered,
}

/// The mode from the groups the ranks passed (writes need MPI-IO for the parallel mode).
fn mode<C: Communicator>(group: Option<&Group>, writing: bool, comm: &C) -> Result<Mode> {
    // 0: no group; 1: a group; 2: a group of an MPI-IO file.
    let mine = match group {
        None => 0u64,
        Some(g) if is_mpio(g) => 2,
        Some(_) => 1,
    };
    let all = all_gather_u64(comm, mine);
    let every = |ok: &dyn Fn(u64) -> bool| all.iter().all(|&m| ok(m));
    if all.len() > 1 && (every(&|m| m == 2) || (!writing && every(&|m| m > 0))) {
        Ok(Mode::Parallel)
    } else if all[0] == 2 && all.len() > 1 {
        // HDF5 calls on an MPI-IO file are collective over the file's ranks.
        Err(Error::Mpi(
            "rank 0's file is open through MPI-IO, so every rank must pass its group (or open \
             the file on rank 0 only, without MPI-IO, for gathered I/O)"
                .into(),
        ))
    } else if all[0] > 0 {
        Ok(Mode::Gathered)
    } else {
        Err(Error::Mpi(
            "rank 0 passed no HDF5 group: pass the group on rank 0 (gathered I/O), or on every \
             rank with the file opened through MPI-IO (parallel I/O)"
                .into(),
        ))
    }
}

// ---------------------------------------------------------------------------------------
// Writing

/// Compress this rank's part of a distributed array and write the whole array to `group` in
/// Python flacarray's format "1" (Python's `write_array(..., mpi_comm=comm)`). Collective.
///
/// Pass the group on every rank of a file opened through MPI-IO for parallel writes, or on
/// rank 0 only (`None` elsewhere) to have rank 0 gather and write.
pub fn write_array_mpi<T: Element, C: Communicator>(
    arr: ArrayViewD<'_, T>,
    group: Option<&Group>,
    opts: &CompressOptions,
    comm: &C,
) -> Result<()> {
    FlacArray::from_array_mpi(arr, opts, comm)?.write_hdf5_mpi(group, comm)
}

impl FlacArray {
    /// Write a FlacArray distributed over `comm` (made by [`FlacArray::from_array_mpi`] or
    /// [`FlacArray::read_hdf5_mpi`]) to `group` in format "1" (Python's
    /// `FlacArray.write_hdf5` with a communicator). Collective; see [`write_array_mpi`] for
    /// which ranks pass the group.
    pub fn write_hdf5_mpi<C: Communicator>(&self, group: Option<&Group>, comm: &C) -> Result<()> {
        let (rank, size) = rank_size(comm);
        self.check_communicator(comm)?;
        let mode = mode(group, true, comm)?;
        let global = self.global_shape().to_vec();
        let lead = global[..global.len() - 1].to_vec();
        let shape = if size == 1 {
            self.shape().to_vec()
        } else {
            global.clone()
        };
        let starts = self.global_stream_starts();
        let process = self.global_process_nbytes();
        let (first, last) = self.mpi_dist()[rank];
        let slab = Slab {
            rows: first..last,
            byte0: process[..rank].iter().sum::<usize>() as u64,
            starts: starts.as_slice().expect("standard layout"),
            nbytes: self.stream_nbytes().as_slice().expect("standard layout"),
            offsets: self.stream_offsets().and_then(|o| o.as_slice()),
            gains: self.stream_gains().and_then(|g| g.as_slice()),
            compressed: self.compressed(),
        };
        let total = self.global_nbytes();
        let dtype = self.dtype();
        let stream_size = self.stream_size();
        let mut created = Vec::new();
        if mode == Mode::Parallel {
            let group = group.expect("parallel mode: every rank has a group");
            agree(comm, check_target(group))?;
            let layout = create_layout(group, &lead, stream_size, total, dtype, &mut created);
            let result = agree(comm, layout).and_then(|layout| {
                let xfer = Collective::new();
                let xfer = agree(comm, xfer)?;
                agree(comm, check_slab(&layout, &lead, &slab))?;
                // Structure, values, then attributes (version last), as in the serial write.
                agree(comm, flush(group))?;
                agree(comm, write_slab(&layout, &lead, dtype, &slab, xfer.id()))?;
                agree(comm, flush(group))?;
                agree(comm, write_attrs(group, dtype, &shape))
            });
            if result.is_err() {
                unlink_all(group, &created);
            }
            return result;
        }
        if rank != 0 {
            // Wait until rank 0 has made the datasets, then send this rank's part.
            agree(comm, Ok(()))?;
            if last > first {
                send_bytes(comm, 0, TAG_META, &slab_message(self, slab.starts));
                send_bytes(comm, 0, TAG_BYTES, self.compressed());
            }
            return agree(comm, Ok(()));
        }
        let group = group.expect("gathered mode: rank 0 has a group");
        let layout = check_target(group)
            .and_then(|()| create_layout(group, &lead, stream_size, total, dtype, &mut created));
        let layout = agree(comm, layout).inspect_err(|_| unlink_all(group, &created))?;
        let mut result = flush(group)
            .and_then(|()| write_slab(&layout, &lead, dtype, &slab, hdf5_sys::h5p::H5P_DEFAULT));
        let inner: usize = lead[1..].iter().product();
        let dist = self.mpi_dist();
        let mut byte0 = 0u64;
        for p in 0..size {
            let rows = dist[p].0..dist[p].1;
            if p == 0 || rows.is_empty() {
                byte0 += process[p] as u64;
                continue;
            }
            // Receive even after a failure, so that no rank is left blocked in its send.
            let meta = recv_bytes(comm, p, TAG_META);
            let bytes = recv_bytes(comm, p, TAG_BYTES);
            if result.is_ok() {
                let n = rows.len() * inner;
                let mut w = Words(&meta);
                result = (|| {
                    let starts = w.i64s(n)?;
                    let nbytes = w.i64s(n)?;
                    let (offsets, gains) = if dtype.is_float() {
                        (Some(w.f64s(n)?), Some(w.f64s(n)?))
                    } else {
                        (None, None)
                    };
                    let slab = Slab {
                        rows,
                        byte0,
                        starts: &starts,
                        nbytes: &nbytes,
                        offsets: offsets.as_deref(),
                        gains: gains.as_deref(),
                        compressed: &bytes,
                    };
                    write_slab(&layout, &lead, dtype, &slab, hdf5_sys::h5p::H5P_DEFAULT)
                })();
            }
            byte0 += process[p] as u64;
        }
        let result = agree(
            comm,
            result
                .and_then(|()| flush(group))
                .and_then(|()| write_attrs(group, dtype, &shape)),
        );
        if result.is_err() {
            unlink_all(group, &created);
        }
        result
    }
}

// ---------------------------------------------------------------------------------------
// Reading

/// This rank's part, read in either mode (not yet placed in the distribution), and the rows
/// of every rank.
fn read_local<C: Communicator>(
    group: Option<&Group>,
    keep: Option<&ArrayViewD<'_, bool>>,
    mpi_dist: Option<&[(usize, usize)]>,
    comm: &C,
) -> Result<(Part, MpiDist)> {
    let (rank, size) = rank_size(comm);
    let mode = mode(group, false, comm)?;
    if mode == Mode::Parallel {
        let group = group.expect("parallel mode: every rank has a group");
        let info = agree(comm, read_info(group))?;
        let dist = agree(comm, distribute(info.lead[0], size, mpi_dist))?;
        let rows = dist[rank].0..dist[rank].1;
        let part = agree(comm, Part::read(&info, &rows, keep))?;
        return Ok((part, dist));
    }
    // Gathered: rank 0 reads every rank's part and sends it.
    let info = (rank == 0).then(|| read_info(group.expect("gathered mode: rank 0 has a group")));
    read_gathered(info, keep, mpi_dist, comm)
}

impl FlacArray {
    /// Read the FlacArray stored in `group`, distributed over `comm` along its first axis
    /// (Python's `FlacArray.read_hdf5(..., mpi_comm=comm, mpi_dist=...)`). Collective.
    ///
    /// Pass the group on every rank (each reads only its own streams), or on rank 0 only
    /// (`None` elsewhere; rank 0 reads and sends). `mpi_dist` gives each rank's rows
    /// `(first, last)`; without it rows are spread evenly. With `keep` (global leading shape,
    /// rank 0's in gathered mode) each rank holds its kept streams as `(n_kept, n)`.
    pub fn read_hdf5_mpi<C: Communicator>(
        group: Option<&Group>,
        keep: Option<ArrayViewD<'_, bool>>,
        mpi_dist: Option<&[(usize, usize)]>,
        comm: &C,
    ) -> Result<FlacArray> {
        let (part, dist) = read_local(group, keep.as_ref(), mpi_dist, comm)?;
        distributed_part(part, &dist, keep.is_some(), comm)
    }
}

/// Read this rank's part of the array stored in `group` (Python's
/// `read_array(..., mpi_comm=comm, mpi_dist=...)`). Collective; the groups, `mpi_dist` and
/// `keep` are as in [`FlacArray::read_hdf5_mpi`]. A rank without rows gets an array whose
/// first axis has length 0.
pub fn read_array_mpi<T: Element, C: Communicator>(
    group: Option<&Group>,
    opts: &ReadOptions<'_>,
    mpi_dist: Option<&[(usize, usize)]>,
    comm: &C,
) -> Result<ArrayD<T>> {
    Ok(read_array_with_indices_mpi(group, opts, mpi_dist, comm)?.0)
}

/// [`read_array_mpi`] with the indices of the kept streams, relative to the rank's own rows
/// (Python's `keep_indices=True`); empty without `keep`.
pub fn read_array_with_indices_mpi<T: Element, C: Communicator>(
    group: Option<&Group>,
    opts: &ReadOptions<'_>,
    mpi_dist: Option<&[(usize, usize)]>,
    comm: &C,
) -> Result<(ArrayD<T>, Vec<Vec<usize>>)> {
    let (rank, size) = rank_size(comm);
    if mode(group, false, comm)? == Mode::Gathered {
        let (part, _) = read_local(group, opts.keep.as_ref(), mpi_dist, comm)?;
        return part.into_array(opts, comm);
    }
    // Every rank reads its own streams, and only what the stream slice needs of them.
    let group = group.expect("parallel mode: every rank has a group");
    let info = agree(comm, read_info(group))?;
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
