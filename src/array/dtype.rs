//! The four element types flacarray stores, and the trait that ties them to Rust types.

use std::fmt;

use crate::stream::convert::{
    precision_quanta, quantize_stream, range_quanta, restore_stream, QuantizeFailure,
};
use crate::stream::decode::{with_decoder, StreamBytes};
use crate::stream::flac::{with_encoder, IntSample};

/// The element type of an uncompressed array.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DType {
    /// 32-bit signed integer, stored losslessly in 1 FLAC channel.
    Int32,
    /// 64-bit signed integer, stored losslessly in 2 FLAC channels (low word, high word).
    Int64,
    /// 32-bit float, quantized to int32 (1 channel) with per-stream offset and gain.
    Float32,
    /// 64-bit float, quantized to int64 (2 channels) with per-stream offset and gain.
    Float64,
}

impl DType {
    /// The numpy name of the type ("int32", "int64", "float32", "float64").
    pub fn name(self) -> &'static str {
        match self {
            DType::Int32 => "int32",
            DType::Int64 => "int64",
            DType::Float32 => "float32",
            DType::Float64 => "float64",
        }
    }

    /// Parse a numpy-style name.
    pub fn from_name(name: &str) -> Option<DType> {
        match name {
            "int32" | "i4" | "<i4" => Some(DType::Int32),
            "int64" | "i8" | "<i8" => Some(DType::Int64),
            "float32" | "f4" | "<f4" => Some(DType::Float32),
            "float64" | "f8" | "<f8" => Some(DType::Float64),
            _ => None,
        }
    }

    /// Number of FLAC channels per sample: 1 for 32-bit types, 2 for 64-bit types.
    pub fn channels(self) -> u32 {
        match self {
            DType::Int32 | DType::Float32 => 1,
            DType::Int64 | DType::Float64 => 2,
        }
    }

    /// Whether the type is a float (and so carries offsets and gains).
    pub fn is_float(self) -> bool {
        matches!(self, DType::Float32 | DType::Float64)
    }

    /// Size of one element in bytes.
    pub fn size(self) -> usize {
        4 * self.channels() as usize
    }

    /// The type implied by a stream's channel count and whether offsets/gains exist.
    pub fn from_layout(channels: u32, has_gains: bool) -> Option<DType> {
        match (channels, has_gains) {
            (1, false) => Some(DType::Int32),
            (2, false) => Some(DType::Int64),
            (1, true) => Some(DType::Float32),
            (2, true) => Some(DType::Float64),
            _ => None,
        }
    }
}

impl fmt::Display for DType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for i32 {}
    impl Sealed for i64 {}
    impl Sealed for f32 {}
    impl Sealed for f64 {}
}

/// A Rust element type that flacarray can compress: `i32`, `i64`, `f32` or `f64`.
///
/// The trait is sealed; its hidden items are the per-stream codec used by the array functions.
pub trait Element:
    sealed::Sealed + Copy + Default + Send + Sync + PartialEq + fmt::Debug + fmt::Display + 'static
{
    /// The matching [`DType`].
    const DTYPE: DType;
    #[doc(hidden)]
    type Int: IntSample;
    #[doc(hidden)]
    fn from_f64(v: f64) -> Self;
    #[doc(hidden)]
    fn to_f64(self) -> f64;
    #[doc(hidden)]
    fn from_i64(v: i64) -> Self;
    #[doc(hidden)]
    fn encode_stream(
        x: &[Self],
        quant: Quant,
        scratch: &mut Scratch<Self::Int>,
        level: u32,
        out: &mut Vec<u8>,
    ) -> Result<Option<(Self, Self)>, StreamFailure>;
    #[doc(hidden)]
    fn decode_stream(
        src: StreamBytes<'_>,
        stream_size: u64,
        first: u64,
        offset_gain: Option<(Self, Self)>,
        out: &mut [Self],
    ) -> Result<(), String>;
    /// One stream as the integers FLAC codes (floats quantized with `quant`, returning the
    /// offset and gain; integers copied).
    #[doc(hidden)]
    fn to_ints(
        x: &[Self],
        quant: Quant,
        ints: &mut [Self::Int],
    ) -> Result<Option<(Self, Self)>, StreamFailure>;
    /// One stream back from its integers (floats restored with the offset and gain).
    #[doc(hidden)]
    fn from_ints(ints: &[Self::Int], offset_gain: Option<(Self, Self)>, out: &mut [Self]);
}

/// How one float stream is quantized (hidden plumbing of [`Element`]).
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Quant {
    /// Integer data: no conversion.
    None,
    /// A given quanta (cast to the data type).
    Quanta(f64),
    /// Quanta from the stream's range (Python's documented default).
    Range,
    /// Quanta from the stream's RMS; `scalar` picks numpy's arithmetic for a scalar precision.
    Precision {
        /// Decimal digits below the RMS.
        digits: i32,
        /// Whether the precision was a scalar.
        scalar: bool,
    },
}

/// Why one stream failed to encode (hidden plumbing of [`Element`]).
#[doc(hidden)]
#[derive(Debug, Clone, PartialEq)]
pub enum StreamFailure {
    /// The float conversion failed; carries the quanta used.
    Quantize(QuantizeFailure, f64),
    /// libFLAC failed.
    Encode(String),
}

/// Scratch space for the integers of float streams (hidden plumbing of [`Element`]).
#[doc(hidden)]
#[derive(Default)]
pub struct Scratch<I> {
    ints: Vec<I>,
}

macro_rules! int_element {
    ($t:ty, $d:expr) => {
        impl Element for $t {
            const DTYPE: DType = $d;
            type Int = $t;
            fn from_f64(v: f64) -> Self {
                v as $t
            }
            fn to_f64(self) -> f64 {
                self as f64
            }
            fn from_i64(v: i64) -> Self {
                v as $t
            }
            fn encode_stream(
                x: &[Self],
                _quant: Quant,
                _scratch: &mut Scratch<$t>,
                level: u32,
                out: &mut Vec<u8>,
            ) -> Result<Option<(Self, Self)>, StreamFailure> {
                with_encoder(|enc| enc.encode(x, level, out)).map_err(StreamFailure::Encode)?;
                Ok(None)
            }
            fn decode_stream(
                src: StreamBytes<'_>,
                stream_size: u64,
                first: u64,
                _offset_gain: Option<(Self, Self)>,
                out: &mut [Self],
            ) -> Result<(), String> {
                with_decoder(|dec| dec.decode(src, stream_size, first, out))
            }
            fn to_ints(
                x: &[Self],
                _quant: Quant,
                ints: &mut [$t],
            ) -> Result<Option<(Self, Self)>, StreamFailure> {
                ints.copy_from_slice(x);
                Ok(None)
            }
            fn from_ints(ints: &[$t], _offset_gain: Option<(Self, Self)>, out: &mut [Self]) {
                out.copy_from_slice(ints);
            }
        }
    };
}

macro_rules! float_element {
    ($t:ty, $i:ty, $d:expr) => {
        impl Element for $t {
            const DTYPE: DType = $d;
            type Int = $i;
            fn from_f64(v: f64) -> Self {
                v as $t
            }
            fn to_f64(self) -> f64 {
                self as f64
            }
            fn from_i64(v: i64) -> Self {
                v as $t
            }
            fn encode_stream(
                x: &[Self],
                quant: Quant,
                scratch: &mut Scratch<$i>,
                level: u32,
                out: &mut Vec<u8>,
            ) -> Result<Option<(Self, Self)>, StreamFailure> {
                let ints = &mut scratch.ints;
                ints.resize(x.len(), 0);
                let og = Self::to_ints(x, quant, ints)?;
                with_encoder(|enc| enc.encode(ints, level, out)).map_err(StreamFailure::Encode)?;
                Ok(og)
            }
            fn to_ints(
                x: &[Self],
                quant: Quant,
                ints: &mut [$i],
            ) -> Result<Option<(Self, Self)>, StreamFailure> {
                let q: $t = match quant {
                    Quant::Quanta(q) => q as $t,
                    Quant::Precision { digits, scalar } => precision_quanta(x, digits, scalar),
                    Quant::Range => range_quanta(x),
                    Quant::None => {
                        return Err(StreamFailure::Encode("float data needs a quanta".into()))
                    }
                };
                let og = quantize_stream(x, q, ints)
                    .map_err(|f| StreamFailure::Quantize(f, q as f64))?;
                Ok(Some(og))
            }
            fn from_ints(ints: &[$i], offset_gain: Option<(Self, Self)>, out: &mut [Self]) {
                let (offset, gain) = offset_gain.unwrap_or((0.0, 1.0));
                restore_stream(ints, offset, gain, out);
            }
            fn decode_stream(
                src: StreamBytes<'_>,
                stream_size: u64,
                first: u64,
                offset_gain: Option<(Self, Self)>,
                out: &mut [Self],
            ) -> Result<(), String> {
                let og = offset_gain.ok_or("float data needs offsets and gains")?;
                with_decoder(|dec| dec.decode_restored(src, stream_size, first, og, out))
            }
        }
    };
}

int_element!(i32, DType::Int32);
int_element!(i64, DType::Int64);
float_element!(f32, i32, DType::Float32);
float_element!(f64, i64, DType::Float64);
