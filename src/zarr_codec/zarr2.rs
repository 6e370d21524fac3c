//! Reading Zarr v2 arrays whose compressor is `flacarray.flac` (written by zarr-python 2, or 3
//! with `zarr_format=2`, through `h5flac.numcodecs`, and by netCDF-C's NCZarr).
//!
//! zarrs turns a v2 compressor into a bytes → bytes codec that follows the `bytes` codec, so
//! it never sees the chunk's type and shape. The chunks describe themselves, so decoding
//! needs neither; encoding would, and is refused (write Zarr v3 from Rust). [`read_zarr_v2`]
//! points zarrs' v2 name `flacarray.flac` at this codec.

use std::borrow::Cow;
use std::sync::Arc;

use zarrs::array::codec::{
    BytesToBytesCodecTraits, Codec, CodecError, CodecMetadataOptions, CodecOptions, CodecPlugin,
    CodecTraits, PartialDecoderCapability, PartialEncoderCapability,
};
use zarrs::array::{BytesRepresentation, RawBytes, RecommendedConcurrency};
use zarrs::metadata::v3::MetadataV3;
use zarrs::metadata::Configuration;
use zarrs::plugin::PluginCreateError;

use crate::chunk::{chunk_layout, decode_described_chunk, FilterParams, CODEC_NAME};

/// The identifier zarrs gives the v2 compressor once [`read_zarr_v2`] has run.
pub const ZARR2_IDENTIFIER: &str = "flacarray.flac.zarr2";

inventory::submit! {
    CodecPlugin::new(ZARR2_IDENTIFIER, |name| name == ZARR2_IDENTIFIER, create)
}

fn create(metadata: &MetadataV3) -> Result<Codec, PluginCreateError> {
    let config = metadata.configuration().cloned().unwrap_or_default();
    let params = FilterParams::from_json(&config, &["id"])
        .map_err(|e| PluginCreateError::Other(format!("codec metadata {metadata}: {e}")))?;
    Ok(Codec::BytesToBytes(Arc::new(FlacZarr2 { params })))
}

/// Let zarrs read Zarr v2 arrays compressed with `flacarray.flac`: maps the v2 codec id to this
/// crate's v2 reader in zarrs' global configuration, and NCZarr's spelling of the one-byte
/// types (`"<i1"`, `"<u1"`, which numpy accepts and zarrs does not) to int8 and uint8. Call it
/// once before opening such arrays (calling it again does nothing). Zarr v3 arrays need no
/// call.
pub fn read_zarr_v2() {
    let mut config = zarrs::config::global_config_mut();
    config
        .codec_aliases_v2_mut()
        .aliases_str
        .insert(CODEC_NAME.into(), ZARR2_IDENTIFIER);
    let types = &mut config.data_type_aliases_v2_mut().aliases_str;
    for (name, identifier) in [
        ("<i1", "int8"),
        (">i1", "int8"),
        ("<u1", "uint8"),
        (">u1", "uint8"),
    ] {
        types.insert(name.into(), identifier);
    }
}

/// The v2 compressor: decodes a chunk by its own header.
#[derive(Debug)]
struct FlacZarr2 {
    params: FilterParams,
}

impl CodecTraits for FlacZarr2 {
    fn identifier(&self) -> &str {
        ZARR2_IDENTIFIER
    }

    fn configuration_opt(
        &self,
        _name: &str,
        _options: &CodecMetadataOptions,
    ) -> Option<Configuration> {
        Some(self.params.to_json().into())
    }

    fn partial_decoder_capability(&self) -> PartialDecoderCapability {
        PartialDecoderCapability {
            partial_read: false,
            partial_decode: false,
        }
    }

    fn partial_encoder_capability(&self) -> PartialEncoderCapability {
        PartialEncoderCapability {
            partial_encode: false,
        }
    }
}

impl BytesToBytesCodecTraits for FlacZarr2 {
    fn into_dyn(self: Arc<Self>) -> Arc<dyn BytesToBytesCodecTraits> {
        self as Arc<dyn BytesToBytesCodecTraits>
    }

    fn recommended_concurrency(
        &self,
        _repr: &BytesRepresentation,
    ) -> Result<RecommendedConcurrency, CodecError> {
        Ok(RecommendedConcurrency::new_maximum(1))
    }

    fn encode<'a>(
        &self,
        _raw: RawBytes<'a>,
        _options: &CodecOptions,
    ) -> Result<RawBytes<'a>, CodecError> {
        Err(CodecError::Other(format!(
            "{CODEC_NAME}: zarrs cannot write Zarr v2 arrays with this codec (a v2 compressor does \
             not see the chunk's type and shape); write Zarr v3 (flacarray::zarr_codec::FlacCodec), \
             or Zarr v2 from Python with h5flac.numcodecs.FLAC"
        )))
    }

    fn decode<'a>(
        &self,
        encoded: RawBytes<'a>,
        repr: &BytesRepresentation,
        _options: &CodecOptions,
    ) -> Result<RawBytes<'a>, CodecError> {
        decode_v2_chunk(&encoded, repr.size())
            .map(Cow::Owned)
            .map_err(|e| CodecError::Other(format!("{CODEC_NAME}: {e}")))
    }

    fn encoded_representation(&self, _repr: &BytesRepresentation) -> BytesRepresentation {
        BytesRepresentation::UnboundedSize
    }
}

/// The most bytes a chunk may decode to when zarrs gives no size to check it against: a FLAC
/// frame of constant samples is a few bytes, so a small chunk can claim gigabytes.
pub const MAX_UNSIZED_CHUNK: usize = 512 << 20;

/// What the v2 compressor does with one chunk: its layout from its own header, checked
/// against `expected` bytes (the array's chunk size, when zarrs knows it; else at most
/// [`MAX_UNSIZED_CHUNK`]) before anything is allocated, then decoded.
#[doc(hidden)]
pub fn decode_v2_chunk(encoded: &[u8], expected: Option<u64>) -> Result<Vec<u8>, String> {
    let layout = chunk_layout(encoded)?;
    let len = layout.raw_len().ok_or("the chunk is too large")?;
    match expected {
        Some(size) if size != len as u64 => {
            return Err(format!(
                "the chunk decodes to {len} bytes ({}), the array's chunks hold {size}",
                layout.describe()
            ))
        }
        None if len > MAX_UNSIZED_CHUNK => {
            return Err(format!(
                "the chunk claims {len} bytes ({}), more than the {MAX_UNSIZED_CHUNK} a chunk \
                 of unknown size may decode to",
                layout.describe()
            ))
        }
        _ => {}
    }
    let mut out = crate::alloc::zeroed_vec::<u8>(len).map_err(|e| e.to_string())?;
    decode_described_chunk(encoded, &mut out)?;
    Ok(out)
}
