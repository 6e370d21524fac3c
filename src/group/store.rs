//! What a store supplies to the group format: its metadata, a source of the compressed
//! bytes, and the writes. The transports (serial here in [`super::io`], gathered and
//! parallel under MPI in `crate::mpi`) are written once over this trait; a new store is one
//! file that implements it.

use std::ops::Range;

use crate::array::dtype::DType;
use crate::array::FlacArray;
use crate::error::Result;
use crate::group::{ByteSource, GroupInfo};

/// A group that can hold an array in Python flacarray's group format: an HDF5 group
/// (`hdf5_metno::Group`, feature `hdf5`) or a [`crate::zarr::ZarrGroup`] (feature `zarr`).
///
/// The functions of [`crate::hdf5`], [`crate::zarr`] and `crate::mpi` take any store. The
/// trait's items are the crate's own plumbing; it is implemented for those two types only.
pub trait Store: Sync {
    #[doc(hidden)]
    type Source: ByteSource;
    #[doc(hidden)]
    type Writer: GroupWriter;
    /// The store's name in messages ("HDF5", "Zarr").
    #[doc(hidden)]
    const NAME: &'static str;
    /// Whether, under MPI, every rank may open the group and read its own streams (else rank
    /// 0 reads for all).
    #[doc(hidden)]
    const SHARED_READS: bool;
    /// The group's `flacarray_format_version`, `None` if it holds no flacarray data.
    #[doc(hidden)]
    fn format_version(&self) -> Result<Option<i64>>;
    /// The group's metadata, checked, and where its bytes are.
    #[doc(hidden)]
    fn read_info(&self) -> Result<GroupInfo<Self::Source>>;
    /// Refuse a group that already holds a FlacArray (or objects of its names).
    #[doc(hidden)]
    fn check_target(&self) -> Result<()>;
    /// Create the group's arrays for `new`; collective when `collective` (every rank of an
    /// MPI-IO file calls it alike). On failure nothing it made is left behind.
    #[doc(hidden)]
    fn create(&self, new: &NewGroup, collective: bool) -> Result<Self::Writer>;
    /// Whether the group's file is open through MPI-IO, for collective writes.
    #[doc(hidden)]
    fn is_collective(&self) -> bool {
        false
    }
}

/// Writes the parts of a group made by [`Store::create`].
#[doc(hidden)]
pub trait GroupWriter {
    /// Check that a slab fits the arrays (before a collective write that it would break).
    fn check(&self, slab: &Slab<'_>) -> Result<()>;
    /// Write what is cached to disk.
    fn flush(&self) -> Result<()>;
    /// Write one slab.
    fn write(&self, slab: &Slab<'_>) -> Result<()>;
    /// Write the group's attributes, the format version last: only a complete group carries
    /// the mark of a FlacArray.
    fn finish(&self) -> Result<()>;
    /// Remove what was created, so that nothing looks like (part of) a FlacArray.
    fn abort(self);
}

/// The arrays of a new group.
#[doc(hidden)]
pub struct NewGroup {
    /// The leading shape of the streams.
    pub lead: Vec<usize>,
    /// Samples per stream.
    pub stream_size: usize,
    /// Compressed bytes of all streams.
    pub total: usize,
    /// The element type.
    pub dtype: DType,
    /// The array's shape, for the `flacarray_shape` attribute.
    pub shape: Vec<usize>,
}

impl NewGroup {
    /// The group for the whole of `fa` (its global shape when distributed).
    pub(crate) fn of(fa: &FlacArray) -> NewGroup {
        let global = fa.global_shape();
        let (lead, shape) = if fa.mpi_size() == 1 {
            (fa.leading_shape().to_vec(), fa.shape().to_vec())
        } else {
            (global[..global.len() - 1].to_vec(), global.to_vec())
        };
        NewGroup {
            lead,
            stream_size: fa.stream_size(),
            total: fa.global_nbytes(),
            dtype: fa.dtype(),
            shape,
        }
    }
}

/// One rank's part of a group: rows `rows` of the first leading axis, and its compressed
/// bytes, which start at byte `byte0` of `compressed`. Per-stream values are in C order.
#[doc(hidden)]
pub struct Slab<'a> {
    /// The rows of the first leading axis.
    pub rows: Range<usize>,
    /// Where the bytes go in `compressed`.
    pub byte0: u64,
    /// Global byte offsets of the streams.
    pub starts: &'a [i64],
    /// Compressed bytes of each stream.
    pub nbytes: &'a [i64],
    /// Float offsets (floats only).
    pub offsets: Option<&'a [f64]>,
    /// Float gains (floats only).
    pub gains: Option<&'a [f64]>,
    /// The streams' bytes.
    pub compressed: &'a [u8],
}

impl<'a> Slab<'a> {
    /// This rank's part of `fa`, with the global stream starts `starts`
    /// ([`FlacArray::global_stream_starts`]).
    pub(crate) fn of(fa: &'a FlacArray, starts: &'a [i64]) -> Slab<'a> {
        let rows = if fa.mpi_size() == 1 {
            0..fa.leading_shape()[0]
        } else {
            let (first, last) = fa.mpi_dist()[fa.mpi_rank()];
            first..last
        };
        let process = fa.global_process_nbytes();
        Slab {
            rows,
            byte0: process[..fa.mpi_rank()].iter().sum::<usize>() as u64,
            starts,
            nbytes: fa.stream_nbytes().as_slice().expect("standard layout"),
            offsets: fa.stream_offsets().and_then(|o| o.as_slice()),
            gains: fa.stream_gains().and_then(|g| g.as_slice()),
            compressed: fa.compressed(),
        }
    }
}
