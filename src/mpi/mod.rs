//! MPI (feature `mpi`): arrays spread over the ranks of a communicator along their first
//! axis, as in Python flacarray.
//!
//! - [`FlacArray::from_array_mpi`] and [`distribute`]: the distribution;
//! - [`write_array`], [`read_array`], [`FlacArray::write_mpi`], [`FlacArray::read_mpi`]: the
//!   group format in any store (an HDF5 group or a Zarr group), with the transport chosen
//!   from the groups the ranks pass: *parallel* when every rank passes one (writes need an
//!   HDF5 file opened through MPI-IO, [`create_mpio`] / [`open_mpio`]; each rank reads or
//!   writes only its own streams), *gathered* when only rank 0 does (it reads or writes for
//!   every rank; Zarr groups always go this way);
//! - [`write_filtered_mpi`], [`read_filtered_mpi`]: datasets with the FLAC filter under
//!   parallel HDF5.
//!
//! Every function here is collective: all ranks of the communicator call it, in the same
//! order. Errors are agreed on before any step that could leave a rank waiting: when one rank
//! fails, every rank returns an error (the failing rank its own, the others
//! [`Error::OtherRank`]) and no rank is left blocked in a collective.
//!
//! The communicator is passed to each call rather than kept in [`FlacArray`]: rsmpi's
//! communicators are not `Send`, and a `FlacArray` holding one could no longer move between
//! threads. A distributed `FlacArray` records its rank, the ranks' rows
//! ([`FlacArray::mpi_dist`]) and their byte counts, which is all its `global_*` properties need.
//!
//! ```no_run
//! use flacarray::mpi::rsmpi::traits::*;
//! use flacarray::{CompressOptions, FlacArray};
//!
//! let universe = flacarray::mpi::rsmpi::initialize().unwrap();
//! let world = universe.world();
//! // Each rank holds 10 rows of a (10 * size, 1000) array.
//! let local = ndarray::ArrayD::<i32>::zeros(vec![10, 1000]);
//! let fa = FlacArray::from_array_mpi(local.view(), &CompressOptions::default(), &world)?;
//! assert_eq!(fa.global_shape()[0], 10 * world.size() as usize);
//! # Ok::<(), flacarray::Error>(())
//! ```

use ::mpi::traits::*;
use ndarray::ArrayViewD;

pub use ::mpi as rsmpi;

mod dist;
#[cfg(feature = "hdf5")]
mod filtered;
#[cfg(any(feature = "hdf5", feature = "zarr"))]
mod gathered;
#[cfg(any(feature = "hdf5", feature = "zarr"))]
mod io;
#[cfg(any(feature = "hdf5", feature = "zarr"))]
mod parallel;

pub use dist::{distribute, MpiDist};
use dist::{global_layout, LocalLayout};
#[cfg(feature = "hdf5")]
pub use filtered::{chunk_shape_mpi, read_filtered_mpi, write_filtered_mpi};
#[cfg(any(feature = "hdf5", feature = "zarr"))]
pub use io::{read_array, read_array_with_indices, write_array};
#[cfg(feature = "hdf5")]
pub use parallel::{create_mpio, open_mpio};

use crate::array::compress::CompressOptions;
use crate::array::dtype::{DType, Element};
use crate::array::FlacArray;
use crate::error::{Error, Result};

/// The largest piece of one point-to-point or broadcast message. MPI counts are 32-bit, so
/// buffers above 2 GiB go in pieces; `FLACARRAY_MPI_MAX_MESSAGE` lowers it (tests use it to
/// exercise the pieces without gigabytes of data).
fn max_message() -> usize {
    std::env::var("FLACARRAY_MPI_MAX_MESSAGE")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|&v| v > 0)
        .unwrap_or(1 << 30)
}

/// This rank's index and the number of ranks, as `usize`.
pub(crate) fn rank_size<C: Communicator>(comm: &C) -> (usize, usize) {
    (comm.rank() as usize, comm.size() as usize)
}

/// Agree on success: if any rank's `local` is an error, every rank returns an error (the
/// lowest failing rank's message is broadcast to the others).
pub fn agree<C: Communicator, T>(comm: &C, local: Result<T>) -> Result<T> {
    let flag = i32::from(local.is_err());
    let mut flags = vec![0i32; comm.size() as usize];
    comm.all_gather_into(&flag, &mut flags[..]);
    let Some(failed) = flags.iter().position(|&f| f != 0) else {
        return local;
    };
    let mut message = match &local {
        Err(e) if comm.rank() as usize == failed => e.to_string().into_bytes(),
        _ => Vec::new(),
    };
    broadcast_bytes(comm, failed, &mut message);
    match local {
        Err(e) => Err(e),
        Ok(_) => Err(Error::OtherRank {
            rank: failed,
            message: String::from_utf8_lossy(&message).into_owned(),
        }),
    }
}

/// Broadcast a byte buffer of any size from `root` (the others' `buf` is replaced).
pub(crate) fn broadcast_bytes<C: Communicator>(comm: &C, root: usize, buf: &mut Vec<u8>) {
    let root = comm.process_at_rank(root as i32);
    let mut len = buf.len() as u64;
    root.broadcast_into(&mut len);
    buf.resize(len as usize, 0);
    for piece in buf.chunks_mut(max_message()) {
        root.broadcast_into(piece);
    }
}

/// One `u64` from every rank, in rank order.
pub(crate) fn all_gather_u64<C: Communicator>(comm: &C, value: u64) -> Vec<u64> {
    let mut all = vec![0u64; comm.size() as usize];
    comm.all_gather_into(&value, &mut all[..]);
    all
}

/// Send a byte buffer of any size (its length first, then pieces within MPI's 32-bit counts).
pub(crate) fn send_bytes<C: Communicator>(comm: &C, dest: usize, tag: i32, data: &[u8]) {
    let p = comm.process_at_rank(dest as i32);
    p.send_with_tag(&(data.len() as u64), tag);
    for piece in data.chunks(max_message()) {
        p.send_with_tag(piece, tag);
    }
}

/// Receive what [`send_bytes`] sent.
pub(crate) fn recv_bytes<C: Communicator>(comm: &C, source: usize, tag: i32) -> Vec<u8> {
    let p = comm.process_at_rank(source as i32);
    let (len, _) = p.receive_with_tag::<u64>(tag);
    let mut buf = vec![0u8; len as usize];
    for piece in buf.chunks_mut(max_message()) {
        p.receive_into_with_tag(piece, tag);
    }
    buf
}

/// The element types by their index in messages between ranks.
pub(crate) const DTYPES: [DType; 4] = [DType::Int32, DType::Int64, DType::Float32, DType::Float64];
/// The most dimensions a distributed array may have (a fixed-size exchange of shapes).
const MAX_DIMS: usize = 32;

/// Every rank's shape and type, exchanged; the global shape, the common type and the
/// distribution (Python's `global_array_properties`). Errors reach every rank.
pub fn global_array_properties<C: Communicator>(
    local_shape: &[usize],
    dtype: DType,
    comm: &C,
) -> Result<(Vec<usize>, MpiDist)> {
    let local = if local_shape.is_empty() || local_shape.len() > MAX_DIMS {
        Err(Error::Shape(format!(
            "a distributed array needs 1 to {MAX_DIMS} dimensions, this rank has shape {local_shape:?}"
        )))
    } else {
        Ok(())
    };
    agree(comm, local)?;
    let mut mine = [0u64; MAX_DIMS + 2];
    mine[0] = local_shape.len() as u64;
    mine[1] = DTYPES.iter().position(|&d| d == dtype).unwrap_or(0) as u64;
    for (m, &d) in mine[2..].iter_mut().zip(local_shape) {
        *m = d as u64;
    }
    let mut all = vec![0u64; (MAX_DIMS + 2) * comm.size() as usize];
    comm.all_gather_into(&mine[..], &mut all[..]);
    let layouts: Vec<LocalLayout> = all
        .chunks(MAX_DIMS + 2)
        .map(|c| LocalLayout {
            shape: c[2..2 + c[0] as usize]
                .iter()
                .map(|&d| d as usize)
                .collect(),
            dtype: DTYPES[c[1] as usize],
        })
        .collect();
    // Every rank sees the same layouts, so every rank reaches the same verdict.
    let (global, _, dist) = global_layout(&layouts)?;
    Ok((global, dist))
}

/// An error about a local stream, with the stream's index in the global array.
fn global_stream(mut e: Error, first_row: usize) -> Error {
    if let Error::NonFinite { stream, .. } | Error::OutOfRange { stream, .. } = &mut e {
        if let Some(row) = stream.first_mut() {
            *row += first_row;
        }
    }
    e
}

impl FlacArray {
    /// Compress this rank's part of an array distributed over `comm` along its first axis
    /// (Python's `FlacArray.from_array(..., mpi_comm=comm)`). Collective. A rank without data
    /// passes an array whose first axis has length 0.
    pub fn from_array_mpi<T: Element, C: Communicator>(
        arr: ArrayViewD<'_, T>,
        opts: &CompressOptions,
        comm: &C,
    ) -> Result<FlacArray> {
        let (global, dist) = global_array_properties(arr.shape(), T::DTYPE, comm)?;
        let (rank, _) = rank_size(comm);
        let local = if dist[rank].1 > dist[rank].0 {
            FlacArray::from_array(arr, opts).map_err(|e| global_stream(e, dist[rank].0))
        } else {
            Ok(FlacArray::empty_rank(&global, T::DTYPE))
        };
        let local = agree(comm, local)?;
        let nbytes = all_gather_u64(comm, local.nbytes() as u64);
        Ok(local.distributed(
            global,
            dist,
            nbytes.into_iter().map(|n| n as usize).collect(),
            rank,
        ))
    }
}
