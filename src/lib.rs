//! FLAC compression for numeric arrays whose last axis holds streams.
//!
//! Each vector along the last axis of an N-dimensional array (a detector time-stream, an audio
//! channel, a sensor trace) is one *stream*, compressed on its own with libFLAC. Integers
//! (`i32`, `i64`) are lossless; floats (`f32`, `f64`) are quantized per stream with a `quanta`
//! or a `precision` and restored within half a quanta. The bytes are identical to those of the
//! Python package `flacarray` 0.4.1, so data moves between the two both ways.
//!
//! ```
//! use flacarray::{demo, CompressOptions, FlacArray, ReadOptions};
//!
//! let data = demo::create_fake_data::<f32>(&[4, 3, 10_000], Some(1.0), demo::DEFAULT_SEED, Some(5.0))?;
//! let fa = FlacArray::from_array(data.view(), &CompressOptions::default().quanta(1e-4))?;
//! println!("{fa}"); // <FlacArray float32 shape=(4, 3, 10000) bytes=...>
//! let back = fa.to_array::<f32>(&ReadOptions::default())?;
//! assert!(back.iter().zip(&data).all(|(b, d)| (b - d).abs() <= 0.5e-4 + 1e-5));
//! # Ok::<(), flacarray::Error>(())
//! ```
//!
//! What users call:
//! - [`FlacArray`], [`array_compress`], [`array_decompress`], [`array_decompress_slice`], with
//!   [`CompressOptions`] (level, [`Quantization`], threads) and [`ReadOptions`] (`keep`,
//!   `stream_slice`, threads); element types [`DType`] / [`Element`]; errors [`Error`];
//! - [`demo`]: fake time-stream data;
//! - `hdf5` and `zarr` (features `hdf5`, `zarr`): Python flacarray's group format in an HDF5
//!   group or a Zarr group, `write_array` / `read_array` / `group_summary` over any [`Store`]
//!   (the two are the same functions);
//! - [`chunk`]: the chunk format every way in shares, and the codec's parameters
//!   ([`chunk::FilterParams`], also [`h5z::FilterParams`]);
//! - [`h5z`]: the HDF5 filter (ID 32027): its class, in-process registration and dataset
//!   helpers (feature `hdf5`);
//! - `zarr_codec` (feature `zarr`): the same chunks as a Zarr v3 codec for `zarrs`
//!   (`flacarray.flac`), also written and read by the `h5flac` Python codecs and NCZarr;
//! - `mpi` (feature `mpi`): arrays spread over the ranks of a communicator, their group I/O
//!   (rank 0 gathering, or parallel MPI-IO) and the filter under parallel HDF5.
//!
//! Inside, the layers are folders, each using only those below it (see
//! `docs/architecture.md`): `stream/` (one FLAC stream ⇄ samples) → `array/` (arrays and
//! [`FlacArray`]) → `chunk/` (the chunk format) → `h5z/` (the HDF5 filter) and `zarr_codec/`
//! (the Zarr codec), beside `group/` (the group format and its stores) →
//! `mpi/` → the `flacarray` command (feature `cli`, `src/bin/flacarray/`). The stream codec is
//! exported, hidden, for the crate's own tests and fuzz targets only; it is not part of the
//! API.

#![deny(clippy::undocumented_unsafe_blocks)]
#![warn(missing_docs)]

mod alloc;
mod array;
pub mod chunk;
mod error;
#[cfg(any(feature = "hdf5", feature = "zarr"))]
mod group;
#[cfg(feature = "hdf5")]
#[doc(hidden)]
pub mod h5raw;
pub mod h5z;
#[cfg(feature = "mpi")]
pub mod mpi;
#[doc(hidden)]
pub mod stream;
#[cfg(feature = "zarr")]
pub mod zarr_codec;

pub use array::demo;
#[cfg(feature = "hdf5")]
pub use group::hdf5;
#[cfg(feature = "zarr")]
pub use group::zarr;

pub use array::compress::{
    array_compress, array_compress_into, array_decompress, array_decompress_slice, CompressOptions,
    Compressed, DecompressOptions, PerStream, Quantization,
};
pub use array::convert::{float_to_int, int_to_float};
pub use array::dtype::{DType, Element};
pub use array::index::{Key, Slice};
pub use array::streams::{
    check_selected, decompress_streams_into, decompress_window_into, stream_window, HEAD_PROBE,
};
pub use array::{FlacArray, ReadOptions};
pub use error::{Error, Result};
#[cfg(any(feature = "hdf5", feature = "zarr"))]
pub use group::store::Store;
/// The group format on values held in memory, for the fuzz targets; not part of the API.
#[cfg(any(feature = "hdf5", feature = "zarr"))]
#[doc(hidden)]
pub use group::{memory::MemoryGroup, Meta};

/// The examples of README.md, compiled and run as doc tests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

/// The Rust examples of the guide's library page, compiled and run as doc tests.
#[doc = include_str!("../docs/rust-library.md")]
#[cfg(doctest)]
pub struct GuideLibraryDoctests;

/// The Rust examples of the guide's HDF5 filter page, compiled and run as doc tests.
#[doc = include_str!("../docs/hdf5-filter.md")]
#[cfg(doctest)]
pub struct GuideFilterDoctests;

/// The Rust examples of the guide's Zarr page, compiled and run as doc tests.
#[doc = include_str!("../docs/zarr.md")]
#[cfg(doctest)]
pub struct GuideZarrDoctests;
