//! The stream codec, the bottom layer: one stream of samples ⇄ one FLAC stream.
//!
//! - [`convert`]: float ⇄ integer conversion, bit-exact with the Python package;
//! - [`flac`]: the libFLAC encoder, one per thread, with the settings of Python flacarray;
//! - [`decode`]: decoding a stream or a sample range of it (seeking by frame) into integers
//!   or restored floats, with the native decoder or libFLAC's ([`decode::Engine`]);
//! - [`native`]: the FLAC frame decoder every read uses, in Rust (`bits`: its bit reader,
//!   residuals and CRC-16), checked against libFLAC's (`reference`);
//! - [`frames`]: FLAC stream and frame headers, and the frame locator;
//! - [`search`]: the filter's levels 8 to 11, a per-stream search over libFLAC's settings.
//!
//! Nothing here knows about arrays, HDF5 or Zarr.

pub(crate) mod bits;
pub mod convert;
pub mod decode;
pub mod flac;
pub mod frames;
pub mod native;
pub(crate) mod reference;
pub mod search;
