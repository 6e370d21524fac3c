//! The four element types flacarray stores, and the trait that ties them to Rust types.

use std::fmt;

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
pub trait Element: sealed::Sealed + Copy + Default + Send + Sync + PartialEq + fmt::Debug + 'static {
    /// The matching [`DType`].
    const DTYPE: DType;
}

impl Element for i32 {
    const DTYPE: DType = DType::Int32;
}
impl Element for i64 {
    const DTYPE: DType = DType::Int64;
}
impl Element for f32 {
    const DTYPE: DType = DType::Float32;
}
impl Element for f64 {
    const DTYPE: DType = DType::Float64;
}
