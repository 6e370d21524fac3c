//! The stream codec, the bottom layer: one stream of samples ⇄ one FLAC stream.
//!
//! - [`convert`]: float ⇄ integer conversion, bit-exact with the Python package;
//! - [`flac`]: libFLAC encoders and decoders, one per thread, with the encoder settings of
//!   Python flacarray; decoding a sample range seeks by frame;
//! - [`frames`]: FLAC stream and frame headers, and the frame locator;
//! - [`search`]: the filter's levels 8 to 11, a per-stream search over libFLAC's settings;
//! - [`native`]: a FLAC frame decoder in Rust, checked against libFLAC (not yet used).
//!
//! Nothing here knows about arrays, HDF5 or Zarr.

pub mod convert;
pub mod decode;
pub mod flac;
pub mod frames;
pub(crate) mod bits;
pub mod native;
pub(crate) mod reference;
pub mod search;
