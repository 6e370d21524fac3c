//! The codec itself: configuration, whole-chunk encode and decode.

use std::borrow::Cow;
use std::sync::Arc;

use zarrs::array::codec::{
    ArrayCodecTraits, ArrayPartialDecoderTraits, ArrayToBytesCodecTraits,
    BytesPartialDecoderTraits, CodecError, CodecMetadataOptions, CodecOptions, CodecTraits,
    PartialDecoderCapability, PartialEncoderCapability,
};
use zarrs::array::{
    ArrayBytes, BytesRepresentation, ChunkRepresentation, DataType, RawBytes,
    RecommendedConcurrency,
};
use zarrs::metadata::Configuration;

use crate::array::compress::{PerStream, Quantization};
use crate::chunk::{decode_chunk, encode_chunk, ChunkLayout, ChunkOptions, ElementType};
use crate::chunk::{FilterParams, CODEC_NAME};

use super::partial::FlacPartialDecoder;

/// Bytes a chunk can take beyond its raw size: a verbatim chunk's header and checksum (FLAC
/// storage is used only where it is smaller).
const VERBATIM_OVERHEAD: u64 = 22;

/// The `flacarray.flac` array → bytes codec (see the [module docs](super)).
#[derive(Debug, Clone, PartialEq)]
pub struct FlacCodec {
    params: FilterParams,
}

impl FlacCodec {
    /// Integers, losslessly, at a FLAC level (0–11).
    pub fn lossless(level: u32) -> Result<FlacCodec, crate::Error> {
        Self::new(FilterParams::new(level, Quantization::None)?)
    }

    /// Floats quantized with a fixed step (values come back within `quanta / 2`).
    pub fn quanta(level: u32, quanta: f64) -> Result<FlacCodec, crate::Error> {
        Self::new(FilterParams::new(level, Quantization::quanta(quanta))?)
    }

    /// Floats quantized to `precision` digits below each stream's RMS.
    pub fn precision(level: u32, precision: i32) -> Result<FlacCodec, crate::Error> {
        Self::new(FilterParams::new(
            level,
            Quantization::precision(precision),
        )?)
    }

    /// The codec with the filter's parameters (one quanta or precision for all streams); a
    /// quanta must be positive and finite.
    pub fn new(params: FilterParams) -> Result<FlacCodec, crate::Error> {
        if let Quantization::Quanta(PerStream::Scalar(q)) = params.quantization() {
            if !(q.is_finite() && *q > 0.0) {
                return Err(crate::Error::InvalidParameter(format!(
                    "quanta must be positive and finite, got {q}"
                )));
            }
        }
        Ok(FlacCodec { params })
    }

    /// The codec from its JSON configuration (`level`, `quanta`, `precision`).
    pub fn from_configuration(config: &Configuration) -> Result<FlacCodec, crate::Error> {
        FilterParams::from_json(config, &[])
            .map(|params| FlacCodec { params })
            .map_err(crate::Error::InvalidParameter)
    }

    /// The parameters.
    pub fn params(&self) -> &FilterParams {
        &self.params
    }

    /// The chunk layout of a chunk representation, refusing a type the codec cannot take.
    pub(super) fn layout(&self, repr: &ChunkRepresentation) -> Result<ChunkLayout, CodecError> {
        let unsupported =
            || CodecError::UnsupportedDataType(repr.data_type().clone(), CODEC_NAME.into());
        let elem = match repr.data_type() {
            DataType::Int8 => ElementType::I8,
            DataType::UInt8 => ElementType::U8,
            DataType::Int16 => ElementType::I16,
            DataType::UInt16 => ElementType::U16,
            DataType::Int32 => ElementType::I32,
            DataType::UInt32 => ElementType::U32,
            DataType::Int64 => ElementType::I64,
            DataType::UInt64 => ElementType::U64,
            DataType::Float32 => ElementType::F32,
            DataType::Float64 => ElementType::F64,
            _ => return Err(unsupported()),
        };
        let shape = repr.shape_u64();
        // A 0-d chunk is one stream of one value.
        let (stream_len, rest) = shape.split_last().unwrap_or((&1, &[]));
        let too_large = || {
            CodecError::Other(format!(
                "chunk shape {shape:?} is too large for {CODEC_NAME}"
            ))
        };
        let n_streams = rest
            .iter()
            .try_fold(1u64, |a, &d| a.checked_mul(d))
            .ok_or_else(too_large)?;
        if n_streams > u32::MAX as u64 || *stream_len > u32::MAX as u64 {
            return Err(too_large());
        }
        let layout = ChunkLayout {
            elem,
            big_endian: cfg!(target_endian = "big"),
            n_streams: n_streams as usize,
            stream_len: *stream_len as usize,
        };
        layout.raw_len().ok_or_else(too_large)?;
        Ok(layout)
    }
}

impl CodecTraits for FlacCodec {
    fn identifier(&self) -> &str {
        CODEC_NAME
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
            partial_read: true,
            partial_decode: true,
        }
    }

    fn partial_encoder_capability(&self) -> PartialEncoderCapability {
        PartialEncoderCapability {
            partial_encode: false,
        }
    }
}

impl ArrayCodecTraits for FlacCodec {
    fn recommended_concurrency(
        &self,
        repr: &ChunkRepresentation,
    ) -> Result<RecommendedConcurrency, CodecError> {
        // Encoding spreads a chunk's streams over threads.
        Ok(RecommendedConcurrency::new_maximum(
            self.layout(repr)?.n_streams,
        ))
    }
}

impl ArrayToBytesCodecTraits for FlacCodec {
    fn into_dyn(self: Arc<Self>) -> Arc<dyn ArrayToBytesCodecTraits> {
        self as Arc<dyn ArrayToBytesCodecTraits>
    }

    fn encoded_representation(
        &self,
        repr: &ChunkRepresentation,
    ) -> Result<BytesRepresentation, CodecError> {
        let raw = self.layout(repr)?.raw_len().unwrap_or(usize::MAX) as u64;
        Ok(BytesRepresentation::BoundedSize(
            raw.saturating_add(VERBATIM_OVERHEAD),
        ))
    }

    fn encode<'a>(
        &self,
        bytes: ArrayBytes<'a>,
        repr: &ChunkRepresentation,
        options: &CodecOptions,
    ) -> Result<RawBytes<'a>, CodecError> {
        let layout = self.layout(repr)?;
        if layout.elem.is_float() && self.params.quantization() == &Quantization::None {
            return Err(CodecError::Other(format!(
                "{:?} data needs \"quanta\" or \"precision\" in the {CODEC_NAME} configuration",
                repr.data_type()
            )));
        }
        let raw = bytes.into_fixed()?;
        if Some(raw.len()) != layout.raw_len() {
            return Err(CodecError::Other(format!(
                "{CODEC_NAME}: {} bytes for a chunk of {:?} {:?}",
                raw.len(),
                repr.shape_u64(),
                repr.data_type()
            )));
        }
        let opts = ChunkOptions {
            level: self.params.level(),
            quantization: self.params.quantization().clone(),
            threads: options.concurrent_target() > 1,
        };
        let encoded = encode_chunk(&raw, &layout, &opts)
            .map_err(|e| CodecError::Other(format!("{CODEC_NAME}: {e}")))?;
        Ok(Cow::Owned(encoded))
    }

    fn decode<'a>(
        &self,
        bytes: RawBytes<'a>,
        repr: &ChunkRepresentation,
        _options: &CodecOptions,
    ) -> Result<ArrayBytes<'a>, CodecError> {
        let layout = self.layout(repr)?;
        let mut out = vec![0u8; layout.raw_len().unwrap_or(0)];
        decode_chunk(&bytes, &layout, &mut out)
            .map_err(|e| CodecError::Other(format!("{CODEC_NAME}: {e}")))?;
        Ok(ArrayBytes::from(out))
    }

    fn partial_decoder(
        self: Arc<Self>,
        input_handle: Arc<dyn BytesPartialDecoderTraits>,
        repr: &ChunkRepresentation,
        _options: &CodecOptions,
    ) -> Result<Arc<dyn ArrayPartialDecoderTraits>, CodecError> {
        let layout = self.layout(repr)?;
        Ok(Arc::new(FlacPartialDecoder::new(
            input_handle,
            repr.clone(),
            layout,
        )))
    }
}
