//! The chunk format, shared by every way in: one chunk of `n_streams × stream_len` elements
//! as a small header, a per-stream table and the streams' bare FLAC frames (the 86-byte FLAC
//! stream header is not repeated per stream; decoding rebuilds it from the chunk header). The
//! HDF5 filter ([`crate::h5z`]), netCDF-C's NCZarr codec, the zarrs codec
//! ([`crate::zarr_codec`]) and h5flac's Zarr codecs all write and read these bytes.
//!
//! The byte layout is specified in `docs/chunk-format.md`. Integers of 8 to 64 bits, either
//! sign and either byte order, are lossless; floats are quantized per stream as in
//! [`crate::stream::convert`]. A chunk that FLAC would not make smaller, or a float chunk that
//! cannot be quantized (NaN, infinities, values beyond the integer range), is stored verbatim.
//!
//! - `encode.rs`: a chunk from raw elements (each stream at its own width and offset);
//! - `header.rs`: the header parsed and checked against what the caller expects;
//! - `table.rs`: the stream table, for reading one stream or a window of samples;
//! - `decode.rs`: a chunk into the caller's buffer, every byte written;
//! - `params.rs`: the codec's parameters (level, quantization) and their stored form;
//! - `config.rs`: the same parameters as JSON, as Zarr, numcodecs and NCZarr carry them.

mod config;
mod decode;
mod encode;
mod header;
mod params;
mod table;

pub use config::CODEC_NAME;
pub use decode::{decode_chunk, decode_chunk_threads, decode_described_chunk};
pub(crate) use decode::{decode_chunk_into, OutByte};
pub use encode::encode_chunk;
pub(crate) use encode::{encode_chunk_parts, EncodedChunk};
pub use header::{check_chunk, chunk_layout, ChunkHeader};
pub use params::*;
pub use table::{table_end, StreamTable};

// What the submodules share; each takes it with `use super::*`.
use std::mem::MaybeUninit;

use rayon::prelude::*;

use crate::array::compress::{PerStream, Quantization};
use crate::error::{Error, Result};
use crate::stream::convert::{precision_quanta, quantize_stream, range_quanta, Float};
use crate::stream::decode::{with_decoder, StreamBytes};
use crate::stream::flac::FrameFormat;
use crate::stream::search::{encode_level, Frames};
use decode::decode_stream;
use header::{checked, entry_len, MIN_FRAME_BYTES};
use table::StreamEntry;

/// The chunk magic, "FLCH".
pub const MAGIC: [u8; 4] = *b"FLCH";
/// The chunk format version this code writes. It reads this one and version 1.
pub const VERSION: u8 = 2;
/// Bytes of the fixed chunk header.
pub const HEADER_LEN: usize = 18;

const STORAGE_FLAC: u8 = 0;
const STORAGE_VERBATIM: u8 = 1;
const FLAG_BIG_ENDIAN: u8 = 1;
/// The sizes a chunk's per-stream offsets may take (version 2).
const OFFSET_BYTES: [u8; 5] = [0, 1, 2, 4, 8];
/// The width code of a stream coded as two channels of 32 bits (version 2).
const WIDTH_TWO_CHANNELS: u8 = 64;

/// The element type of a chunk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ElementType {
    /// int8
    I8,
    /// uint8
    U8,
    /// int16
    I16,
    /// uint16
    U16,
    /// int32
    I32,
    /// uint32
    U32,
    /// int64
    I64,
    /// uint64
    U64,
    /// float32 (quantized)
    F32,
    /// float64 (quantized)
    F64,
}

impl ElementType {
    /// The code stored in chunk headers and cd_values.
    pub fn code(self) -> u8 {
        self as u8 + 1
    }

    /// The type of a code, if it is one.
    pub fn from_code(code: u32) -> Option<ElementType> {
        use ElementType::*;
        [I8, U8, I16, U16, I32, U32, I64, U64, F32, F64]
            .get((code as usize).wrapping_sub(1))
            .copied()
    }

    /// The type of an HDF5 integer or float of `size` bytes.
    pub fn from_parts(is_float: bool, signed: bool, size: usize) -> Option<ElementType> {
        use ElementType::*;
        Some(match (is_float, signed, size) {
            (false, true, 1) => I8,
            (false, false, 1) => U8,
            (false, true, 2) => I16,
            (false, false, 2) => U16,
            (false, true, 4) => I32,
            (false, false, 4) => U32,
            (false, true, 8) => I64,
            (false, false, 8) => U64,
            (true, _, 4) => F32,
            (true, _, 8) => F64,
            _ => return None,
        })
    }

    /// Bytes per element.
    pub fn size(self) -> usize {
        use ElementType::*;
        match self {
            I8 | U8 => 1,
            I16 | U16 => 2,
            I32 | U32 | F32 => 4,
            I64 | U64 | F64 => 8,
        }
    }

    /// Its numpy name: "int8" ... "float64".
    pub fn name(self) -> &'static str {
        use ElementType::*;
        match self {
            I8 => "int8",
            U8 => "uint8",
            I16 => "int16",
            U16 => "uint16",
            I32 => "int32",
            U32 => "uint32",
            I64 => "int64",
            U64 => "uint64",
            F32 => "float32",
            F64 => "float64",
        }
    }

    /// Whether the type is a float.
    pub fn is_float(self) -> bool {
        matches!(self, ElementType::F32 | ElementType::F64)
    }

    /// Whether the type is an unsigned integer.
    pub fn is_unsigned(self) -> bool {
        use ElementType::*;
        matches!(self, U8 | U16 | U32 | U64)
    }

    /// Whether values are 64 bits wide (one or two FLAC channels per stream).
    fn is_wide(self) -> bool {
        self.size() == 8
    }

    /// FLAC bits per sample of a version-1 chunk's narrow types.
    fn v1_bits(self) -> u32 {
        match self.size() {
            1 => 8,
            2 => 16,
            _ => 32,
        }
    }

    /// The offset that version 1 subtracted from each value (as this format's wrapping
    /// 64-bit offset): 2^(n-1) for unsigned types, 0 for the others.
    fn v1_offset(self) -> i64 {
        use ElementType::*;
        match self {
            U8 => 1 << 7,
            U16 => 1 << 15,
            U32 => 1 << 31,
            U64 => i64::MIN,
            _ => 0,
        }
    }
}

/// What a chunk holds: its element type and byte order, and `n_streams × stream_len`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChunkLayout {
    /// Element type.
    pub elem: ElementType,
    /// Elements are big-endian (else little-endian).
    pub big_endian: bool,
    /// Streams in the chunk (product of all chunk dimensions but the last).
    pub n_streams: usize,
    /// Elements per stream (the last chunk dimension).
    pub stream_len: usize,
}

impl ChunkLayout {
    /// Uncompressed bytes of the chunk.
    pub fn raw_len(&self) -> Option<usize> {
        self.n_streams
            .checked_mul(self.stream_len)?
            .checked_mul(self.elem.size())
    }

    /// "8 streams of 1000 int32 (little-endian)", for messages.
    pub fn describe(&self) -> String {
        format!(
            "{} streams of {} {} ({}-endian)",
            self.n_streams,
            self.stream_len,
            self.elem.name(),
            if self.big_endian { "big" } else { "little" }
        )
    }
}

/// How a chunk is encoded.
#[derive(Debug, Clone, PartialEq)]
pub struct ChunkOptions {
    /// FLAC level 0–11 (`stream::flac::MAX_CHUNK_LEVEL`).
    pub level: u32,
    /// Float quantization: one quanta or precision for every stream.
    pub quantization: Quantization,
    /// Encode the chunk's streams on the rayon thread pool.
    pub threads: bool,
}

/// CRC-32 (IEEE) of some byte ranges in order.
fn crc32(parts: &[&[u8]]) -> u32 {
    let mut h = crc32fast::Hasher::new();
    for p in parts {
        h.update(p);
    }
    h.finalize()
}
