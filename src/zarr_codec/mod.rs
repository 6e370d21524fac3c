//! The FLAC codec for Zarr v3 in [`zarrs`]: an array → bytes codec named `flacarray.flac`
//! (feature `zarr`), specified in `docs/zarr-codec.md`.
//!
//! Each chunk is cut into streams along its last axis and stored in the HDF5 filter's chunk
//! format (`docs/chunk-format.md`), byte for byte what the filter, the NCZarr codec and the
//! Python codecs of `h5flac` write, so every one of them reads what another wrote.
//!
//! Configuration (`"codecs": [{"name": "flacarray.flac", "configuration": {...}}]`):
//!
//! | key | value |
//! | --- | --- |
//! | `level` | FLAC level 0–11 (default 5; 9–11 with longer blocks) |
//! | `quanta` | floats: the quantization step; values come back within `quanta / 2` |
//! | `precision` | floats, instead of `quanta`: digits kept below each stream's RMS |
//!
//! Integers of 8 to 64 bits are lossless; float32 and float64 need `quanta` or `precision`.
//! Linking this crate registers the codec with zarrs (its `inventory` of codec plugins), so
//! `Array::open` reads such arrays; to write one, give the codec to an `ArrayBuilder`:
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use std::sync::Arc;
//! use zarrs::array::{ArrayBuilder, DataType};
//! use flacarray::zarr_codec::FlacCodec;
//!
//! let store = Arc::new(zarrs::storage::store::MemoryStore::new());
//! let array = ArrayBuilder::new(vec![8, 1000], vec![4, 500], DataType::Float64, 0.0f64)
//!     .array_to_bytes_codec(Arc::new(FlacCodec::quanta(5, 1e-3)?))
//!     .build(store, "/tod")?;
//! let x: Vec<f64> = (0..8000).map(|i| (i as f64 * 0.01).sin()).collect();
//! array.store_array_subset_elements(&array.subset_all(), &x)?;
//! let back: Vec<f64> = array.retrieve_array_subset_elements(&array.subset_all())?;
//! assert!(x.iter().zip(&back).all(|(a, b)| (a - b).abs() <= 0.5e-3));
//! # Ok(())
//! # }
//! ```
//!
//! Zarr v2 arrays with this codec as their compressor (zarr-python 2 with
//! `h5flac.numcodecs.FLAC`, netCDF-C's NCZarr) are read after one call to [`read_zarr_v2`];
//! zarrs cannot write them (a v2 compressor does not see the chunk's type and shape).
//!
//! Reading part of a chunk (zarrs' partial decoders, used for array subsets that cut
//! chunks) fetches the chunk's header and stream table, then only the streams the subset
//! touches, and decodes only their frames that hold the requested samples.

mod codec;
mod partial;
mod zarr2;

pub use codec::FlacCodec;
#[doc(hidden)]
pub use zarr2::{decode_v2_chunk, MAX_UNSIZED_CHUNK};
pub use zarr2::{read_zarr_v2, ZARR2_IDENTIFIER};

use std::sync::Arc;

use zarrs::array::codec::{Codec, CodecPlugin};
use zarrs::metadata::v3::MetadataV3;
use zarrs::plugin::PluginCreateError;

pub use crate::chunk::CODEC_NAME;

inventory::submit! {
    CodecPlugin::new(CODEC_NAME, is_flac, create_flac)
}

fn is_flac(name: &str) -> bool {
    name == CODEC_NAME
}

fn create_flac(metadata: &MetadataV3) -> Result<Codec, PluginCreateError> {
    let config = metadata.configuration().cloned().unwrap_or_default();
    let codec = FlacCodec::from_configuration(&config)
        .map_err(|e| PluginCreateError::Other(format!("codec metadata {metadata}: {e}")))?;
    Ok(Codec::ArrayToBytes(Arc::new(codec)))
}
