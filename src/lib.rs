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
//! Modules, from the bottom up:
//! - [`convert`]: float ⇄ integer conversion, bit-exact with the Python package;
//! - [`codec`]: one FLAC stream ⇄ its samples, on libFLAC, with a frame seek ([`frames`]);
//! - [`compress`]: whole arrays ⇄ a byte buffer with per-stream starts, sizes, offsets, gains;
//! - [`array`](mod@array): [`FlacArray`], the compressed array held in memory, with numpy-style [`index`]ing;
//! - [`demo`]: fake time-stream data;
//! - [`dist`]: how arrays are spread over MPI ranks; the module `mpi` (feature `mpi`) does it;
//! - `hdf5` (feature `hdf5`): Python flacarray's HDF5 group format, serial and over MPI;
//! - `zarr` (feature `zarr`): the same group format in Zarr stores (v3 written, v2/v3 read);
//! - [`h5z`] and [`chunk`]: the HDF5 filter and its chunk format.
//!
//! The `flacarray` command (feature `cli`) is built from `src/bin/flacarray/`.

#![deny(clippy::undocumented_unsafe_blocks)]
#![warn(missing_docs)]

mod alloc;
pub mod array;
pub mod error;
#[cfg(any(feature = "hdf5", feature = "zarr"))]
mod group;
#[cfg(feature = "hdf5")]
mod h5raw;
pub mod h5z;
#[cfg(feature = "mpi")]
pub mod mpi;
pub mod stream;

pub use array::demo;
#[cfg(feature = "hdf5")]
pub use group::hdf5;
#[cfg(feature = "zarr")]
pub use group::zarr;

pub use array::compress::{
    array_compress, array_decompress, array_decompress_slice, CompressOptions, Compressed,
    DecompressOptions, PerStream, Quantization,
};
pub use array::dtype::{DType, Element};
pub use array::index::{Key, Slice};
pub use array::{FlacArray, ReadOptions};
pub use error::{Error, Result};
#[cfg(any(feature = "hdf5", feature = "zarr"))]
pub use group::store::Store;

/// The examples of README.md, compiled and run as doc tests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
