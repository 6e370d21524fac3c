//! The filter chunk format: one HDF5 chunk of `n_streams × stream_len` elements as a small
//! header, a per-stream table and the streams' bare FLAC frames (the 86-byte FLAC stream
//! header is not repeated per stream; decoding rebuilds it from the chunk header).
//!
//! The byte layout is specified in `docs/chunk-format.md`. Integers of 8 to 64 bits, either
//! sign and either byte order, are lossless; floats are quantized per stream as in
//! [`crate::stream::convert`]. A chunk that FLAC would not make smaller, or a float chunk that cannot
//! be quantized (NaN, infinities, values beyond the integer range), is stored verbatim.

use std::mem::MaybeUninit;

use rayon::prelude::*;

use crate::array::compress::{PerStream, Quantization};
use crate::error::{Error, Result};
use crate::stream::convert::{precision_quanta, quantize_stream, range_quanta, Float};
use crate::stream::decode::{with_decoder, StreamBytes};
use crate::stream::flac::FrameFormat;
use crate::stream::search::{encode_level, Frames};

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

/// One stream encoded: its frames and what decoding them needs.
struct EncodedStream {
    frames: Frames,
    /// The table's width code: 4 to 32 for one channel of that many bits, 64 for two.
    width: u8,
    /// Subtracted from each value (modulo 2^64) before coding.
    offset: i64,
    offset_gain: Option<(f64, f64)>,
}

/// A thread's buffers for turning a stream's elements into FLAC words, kept from stream to
/// stream and chunk to chunk: a fresh buffer per stream costs a page fault per 4 KiB.
#[derive(Default)]
struct Scratch {
    /// The words handed to libFLAC.
    words: Vec<i32>,
    /// The stream's values as 64-bit integers (float streams' quantized values).
    wide: Vec<i64>,
    f32s: Vec<f32>,
    f64s: Vec<f64>,
}

impl Scratch {
    /// Buffers larger than this together are released after the stream that needed them:
    /// a thread keeps what ordinary streams use, not what the largest stream ever took.
    const KEEP_BYTES: usize = 64 << 20;

    /// Bytes the buffers hold (their capacity).
    fn bytes(&self) -> usize {
        4 * self.words.capacity()
            + 8 * self.wide.capacity()
            + 4 * self.f32s.capacity()
            + 8 * self.f64s.capacity()
    }

    fn trim(&mut self) {
        if self.bytes() > Self::KEEP_BYTES {
            *self = Scratch::default();
        }
    }
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

/// Replace the contents of `$v` with the elements of `$raw` read as `$t` in the given byte
/// order and mapped by `$f` (a trailing partial element, which a checked layout never has, is
/// ignored). One loop per byte order, so that each is a plain load-and-convert.
macro_rules! fill {
    ($v:expr, $t:ty, $raw:expr, $be:expr, $f:expr) => {{
        let v = $v;
        v.clear();
        let (whole, _) = $raw.as_chunks::<{ std::mem::size_of::<$t>() }>();
        if $be {
            v.extend(whole.iter().map(|b| $f(<$t>::from_be_bytes(*b))));
        } else {
            v.extend(whole.iter().map(|b| $f(<$t>::from_le_bytes(*b))));
        }
    }};
}

/// A stream's values (`keys`, in an order-preserving 64-bit form) as FLAC words in `words`,
/// at the width their range needs: the offset subtracted (in the keys' form), the frame
/// layout and the table's width code. With `b` bits to hold the range, the offset is the
/// minimum plus 2^(b-1), so the words are `b`-bit signed numbers (at least FLAC's 4); ranges
/// over 32 bits become two channels of 32 (low word, then high word).
fn narrowed_words(keys: &[i64], words: &mut Vec<i32>) -> (i64, FrameFormat, u8) {
    words.clear();
    let (lo, hi) = keys
        .iter()
        .fold((i64::MAX, i64::MIN), |(lo, hi), &k| (lo.min(k), hi.max(k)));
    let range = hi.wrapping_sub(lo) as u64;
    let bits = (u64::BITS - range.leading_zeros()).max(4);
    let offset = lo.wrapping_add((1u64 << (bits - 1)) as i64);
    if bits <= 32 {
        words.extend(keys.iter().map(|&k| k.wrapping_sub(offset) as i32));
        (offset, FrameFormat::new(1, bits), bits as u8)
    } else {
        words.extend(keys.iter().flat_map(|&k| {
            let r = k.wrapping_sub(offset);
            [r as i32, (r >> 32) as i32]
        }));
        (offset, FrameFormat::new(2, 32), WIDTH_TWO_CHANNELS)
    }
}

/// The quanta for one float stream, or `None` if the mode gives none (stored verbatim).
fn stream_quanta<F: Float>(x: &[F], mode: &Quantization) -> Option<F> {
    match mode {
        Quantization::Quanta(PerStream::Scalar(q)) => Some(F::from_f64(*q)),
        Quantization::Precision(PerStream::Scalar(p)) => Some(precision_quanta(x, *p, true)),
        Quantization::DataRange => Some(range_quanta(x)),
        _ => None,
    }
}

/// Quantize one float stream into `ints`; its offset and gain, or `None` if it cannot be
/// quantized (the chunk is then stored verbatim).
fn quantize_into<F: Float>(
    x: &[F],
    mode: &Quantization,
    ints: &mut Vec<F::Int>,
) -> Option<(f64, f64)>
where
    F::Int: Default + Clone,
{
    let q = stream_quanta(x, mode)?;
    ints.clear();
    ints.resize(x.len(), F::Int::default());
    let (off, gain) = quantize_stream(x, q, ints).ok()?;
    Some((off.to_f64(), gain.to_f64()))
}

/// One stream's values into `s.wide` in an order-preserving 64-bit form (uint64 with its top
/// bit flipped, floats quantized) and, for floats, the offset and gain; `None` to store the
/// chunk verbatim.
fn stream_values(
    raw: &[u8],
    layout: &ChunkLayout,
    mode: &Quantization,
    s: &mut Scratch,
) -> Option<Option<(f64, f64)>> {
    let (elem, be) = (layout.elem, layout.big_endian);
    let w = &mut s.wide;
    match elem {
        ElementType::F32 => {
            fill!(&mut s.f32s, u32, raw, be, f32::from_bits);
            let og = quantize_into(&s.f32s, mode, &mut s.words)?;
            w.clear();
            w.extend(s.words.iter().map(|&v| i64::from(v)));
            return Some(Some(og));
        }
        ElementType::F64 => {
            fill!(&mut s.f64s, u64, raw, be, f64::from_bits);
            return Some(Some(quantize_into(&s.f64s, mode, w)?));
        }
        ElementType::I8 => fill!(w, u8, raw, be, |v| i64::from(v as i8)),
        ElementType::U8 => fill!(w, u8, raw, be, i64::from),
        ElementType::I16 => fill!(w, i16, raw, be, i64::from),
        ElementType::U16 => fill!(w, u16, raw, be, i64::from),
        ElementType::I32 => fill!(w, i32, raw, be, i64::from),
        ElementType::U32 => fill!(w, u32, raw, be, i64::from),
        ElementType::I64 => fill!(w, i64, raw, be, |v| v),
        ElementType::U64 => fill!(w, u64, raw, be, |v| (v ^ (1 << 63)) as i64),
    }
    Some(None)
}

/// One stream of a chunk encoded with a thread's buffers; `None` to store the chunk
/// verbatim.
fn encode_stream(
    raw: &[u8],
    layout: &ChunkLayout,
    opts: &ChunkOptions,
    scratch: &mut Scratch,
) -> Result<Option<EncodedStream>> {
    let Some(offset_gain) = stream_values(raw, layout, &opts.quantization, scratch) else {
        return Ok(None);
    };
    let (key_offset, format, width) = narrowed_words(&scratch.wide, &mut scratch.words);
    // uint64 keys are the values with the top bit flipped; the table holds the offset to
    // subtract from the values themselves.
    let offset = if layout.elem == ElementType::U64 {
        key_offset ^ i64::MIN
    } else {
        key_offset
    };
    let frames = encode_level(&scratch.words, format, opts.level)
        .map_err(|reason| Error::Encode { stream: 0, reason })?;
    Ok(Some(EncodedStream {
        frames,
        width,
        offset,
        offset_gain,
    }))
}

/// A chunk's header, with its storage mode and the bytes of each stream's offset.
fn header(layout: &ChunkLayout, storage: u8, offset_bytes: u8) -> Vec<u8> {
    let mut h = Vec::with_capacity(HEADER_LEN);
    h.extend_from_slice(&MAGIC);
    h.push(VERSION);
    h.push(layout.elem.code());
    h.push(storage);
    h.push(if layout.big_endian {
        FLAG_BIG_ENDIAN
    } else {
        0
    });
    h.extend_from_slice(&(layout.n_streams as u32).to_le_bytes());
    h.extend_from_slice(&(layout.stream_len as u32).to_le_bytes());
    h.extend_from_slice(&[offset_bytes, 0]);
    h
}

/// The fewest bytes (0, 1, 2, 4 or 8) that hold every offset as a signed little-endian
/// integer.
fn offset_bytes(offsets: impl Iterator<Item = i64>) -> u8 {
    // Bits of the widest offset as a signed number; 0 when every offset is 0.
    let bits = offsets
        .filter(|&o| o != 0)
        .map(|o| {
            65 - if o < 0 {
                o.leading_ones()
            } else {
                o.leading_zeros()
            }
        })
        .max()
        .unwrap_or(0);
    OFFSET_BYTES
        .into_iter()
        .find(|&n| bits <= 8 * u32::from(n))
        .unwrap_or(8)
}

/// CRC-32 (IEEE) of some byte ranges in order.
fn crc32(parts: &[&[u8]]) -> u32 {
    let mut h = crc32fast::Hasher::new();
    for p in parts {
        h.update(p);
    }
    h.finalize()
}

/// An encoded chunk as the pieces it is made of: the header and stream table (with its
/// checksum), then each stream's frames, or a copy of the raw values of a verbatim chunk.
/// A host's buffer is filled from [`EncodedChunk::parts`], so the frames are copied once.
pub(crate) struct EncodedChunk {
    head: Vec<u8>,
    body: Vec<Vec<u8>>,
}

impl EncodedChunk {
    fn verbatim(raw: &[u8], layout: &ChunkLayout) -> EncodedChunk {
        let mut head = header(layout, STORAGE_VERBATIM, 0);
        let crc = crc32(&[&head, raw]);
        head.extend_from_slice(&crc.to_le_bytes());
        EncodedChunk {
            head,
            body: vec![raw.to_vec()],
        }
    }

    /// The pieces, in order.
    pub(crate) fn parts(&self) -> Vec<&[u8]> {
        std::iter::once(&self.head[..])
            .chain(self.body.iter().map(|b| &b[..]))
            .collect()
    }

    /// The chunk's length in bytes.
    pub(crate) fn size(&self) -> usize {
        self.head.len() + self.body.iter().map(|b| b.len()).sum::<usize>()
    }

    /// The chunk in one buffer.
    pub(crate) fn into_vec(self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.size());
        for p in self.parts() {
            out.extend_from_slice(p);
        }
        out
    }
}

/// Compress one chunk of `layout` held in `raw` (its elements in the layout's byte order).
pub fn encode_chunk(raw: &[u8], layout: &ChunkLayout, opts: &ChunkOptions) -> Result<Vec<u8>> {
    Ok(encode_chunk_parts(raw, layout, opts)?.into_vec())
}

/// [`encode_chunk`], as the pieces of the chunk.
pub(crate) fn encode_chunk_parts(
    raw: &[u8],
    layout: &ChunkLayout,
    opts: &ChunkOptions,
) -> Result<EncodedChunk> {
    if layout.raw_len() != Some(raw.len()) || layout.n_streams == 0 || layout.stream_len == 0 {
        return Err(Error::Shape(format!(
            "a chunk of {} bytes is not {} streams of {} {:?} elements",
            raw.len(),
            layout.n_streams,
            layout.stream_len,
            layout.elem
        )));
    }
    if layout.stream_len > u32::MAX as usize || layout.n_streams > u32::MAX as usize {
        return Err(Error::InvalidParameter(format!(
            "a chunk of {} streams of {} elements is too large (each must be below 2^32)",
            layout.n_streams, layout.stream_len
        )));
    }
    if layout.elem.is_float() {
        match &opts.quantization {
            Quantization::None => return Err(Error::MissingQuantization),
            Quantization::Quanta(PerStream::Array(_))
            | Quantization::Precision(PerStream::Array(_)) => {
                return Err(Error::InvalidParameter(
                    "a chunk takes one quanta or precision for all its streams".into(),
                ))
            }
            _ => {}
        }
    }
    let stream_bytes = layout.stream_len * layout.elem.size();
    let encode_one = |s: &[u8]| -> Result<Option<EncodedStream>> {
        SCRATCH.with_borrow_mut(|scratch| {
            let encoded = encode_stream(s, layout, opts, scratch);
            scratch.trim();
            encoded
        })
    };
    let streams: Vec<Option<EncodedStream>> = if opts.threads {
        raw.par_chunks(stream_bytes)
            .map(encode_one)
            .collect::<Result<_>>()?
    } else {
        raw.chunks(stream_bytes)
            .map(encode_one)
            .collect::<Result<_>>()?
    };
    let Some(streams) = streams.into_iter().collect::<Option<Vec<_>>>() else {
        return Ok(EncodedChunk::verbatim(raw, layout));
    };

    let elem = layout.elem;
    let off_bytes = offset_bytes(streams.iter().map(|s| s.offset));
    let table_len = layout.n_streams * entry_len(elem, VERSION, off_bytes);
    let frames_len: usize = streams.iter().map(|s| s.frames.bytes.len()).sum();
    if table_len + frames_len >= raw.len() {
        return Ok(EncodedChunk::verbatim(raw, layout));
    }
    let mut head = header(layout, STORAGE_FLAC, off_bytes);
    head.reserve(table_len + 4);
    for s in &streams {
        head.extend_from_slice(&(s.frames.bytes.len() as u32).to_le_bytes());
        head.extend_from_slice(&(s.frames.blocksize as u16).to_le_bytes());
        head.push(s.width);
        head.extend_from_slice(&s.offset.to_le_bytes()[..off_bytes as usize]);
        if let Some((off, gain)) = s.offset_gain {
            if elem == ElementType::F32 {
                head.extend_from_slice(&(off as f32).to_le_bytes());
                head.extend_from_slice(&(gain as f32).to_le_bytes());
            } else {
                head.extend_from_slice(&off.to_le_bytes());
                head.extend_from_slice(&gain.to_le_bytes());
            }
        }
    }
    let crc = crc32(&[&head]);
    head.extend_from_slice(&crc.to_le_bytes());
    Ok(EncodedChunk {
        head,
        body: streams.into_iter().map(|s| s.frames.bytes).collect(),
    })
}

/// A parsed chunk header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChunkHeader {
    /// What the chunk holds.
    pub layout: ChunkLayout,
    /// Stored as FLAC (else verbatim).
    pub flac: bool,
    /// The chunk format version (1 or 2).
    pub version: u8,
    /// Version 1: the FLAC blocksize of every stream. Version 2 keeps it per stream (0 here).
    pub blocksize: u32,
    /// Version 2: bytes of each stream's offset in the table (0, 1, 2, 4 or 8).
    pub offset_bytes: u8,
}

/// Bytes of one stream's table entry in a chunk of `elem` of format `version`.
fn entry_len(elem: ElementType, version: u8, offset_bytes: u8) -> usize {
    let floats = if elem.is_float() { 2 * elem.size() } else { 0 };
    if version == 1 {
        4 + usize::from(elem.is_wide()) + floats
    } else {
        4 + 2 + 1 + offset_bytes as usize + floats
    }
}

impl ChunkHeader {
    /// Parse and check the fixed header of a compressed chunk.
    pub fn parse(data: &[u8]) -> Result<ChunkHeader> {
        let bad = |why: String| Error::Corrupt {
            stream: 0,
            reason: format!("chunk header: {why}"),
        };
        if data.len() < HEADER_LEN || data[..4] != MAGIC {
            return Err(bad(format!(
                "not a FLAC filter chunk (no \"FLCH\" marker in {} bytes)",
                data.len()
            )));
        }
        let version = data[4];
        if !(1..=VERSION).contains(&version) {
            return Err(bad(format!(
                "chunk format version {version} is not supported (this build reads versions 1 \
                 to {VERSION}); use a newer flacarray plugin"
            )));
        }
        let elem = ElementType::from_code(data[5] as u32)
            .ok_or_else(|| bad(format!("unknown element type code {}", data[5])))?;
        let flac = match data[6] {
            STORAGE_FLAC => true,
            STORAGE_VERBATIM => false,
            other => return Err(bad(format!("unknown storage mode {other}"))),
        };
        if data[7] & !FLAG_BIG_ENDIAN != 0 {
            return Err(bad(format!(
                "flag bits {:#04x} are set; this build knows only bit 0 (byte order)",
                data[7] & !FLAG_BIG_ENDIAN
            )));
        }
        let n_streams = u32::from_le_bytes(data[8..12].try_into().expect("4 bytes"));
        let stream_len = u32::from_le_bytes(data[12..16].try_into().expect("4 bytes"));
        let layout = ChunkLayout {
            elem,
            big_endian: data[7] & FLAG_BIG_ENDIAN != 0,
            n_streams: n_streams as usize,
            stream_len: stream_len as usize,
        };
        if n_streams == 0 || stream_len == 0 {
            return Err(bad(format!(
                "{n_streams} streams of {stream_len} elements: a chunk holds at least one \
                 stream of at least one element"
            )));
        }
        if layout.raw_len().is_none() {
            return Err(bad(format!(
                "{n_streams} streams of {stream_len} elements do not fit in memory"
            )));
        }
        let (blocksize, offset_bytes) = if version == 1 {
            let blocksize = u16::from_le_bytes([data[16], data[17]]) as u32;
            match (flac, blocksize) {
                (true, 0..=15) => {
                    return Err(bad(format!("blocksize {blocksize} is below FLAC's 16")))
                }
                (false, 1..) => {
                    return Err(bad(format!(
                        "blocksize {blocksize} in a verbatim chunk (the format says 0)"
                    )))
                }
                _ => {}
            }
            (blocksize, 0)
        } else {
            let (n, reserved) = (data[16], data[17]);
            if reserved != 0 || !OFFSET_BYTES.contains(&n) || (!flac && n != 0) {
                return Err(bad(format!(
                    "bytes 16 and 17 are {n} and {reserved}; the format allows offsets of 0, 1, \
                     2, 4 or 8 bytes (0 when verbatim), then 0"
                )));
            }
            (0, n)
        };
        Ok(ChunkHeader {
            layout,
            flac,
            version,
            blocksize,
            offset_bytes,
        })
    }

    /// Bytes of one stream's table entry.
    fn entry_len(&self) -> usize {
        entry_len(self.layout.elem, self.version, self.offset_bytes)
    }
}

/// The fewest bytes a FLAC frame can take: a 6-byte header, one byte of subframe, 2 of CRC.
const MIN_FRAME_BYTES: usize = 9;

/// Parse a chunk's header and check it against the layout the caller knows (from the
/// dataset's filter parameters) and against the chunk's size: the check to make before
/// allocating the decoded chunk, so that edited parameters cannot make a small chunk claim a
/// large allocation. A FLAC chunk's stream table is read and checked too (every stream's
/// bytes can hold its frames, and they end where the chunk ends).
pub fn check_chunk(data: &[u8], expected: &ChunkLayout) -> Result<ChunkHeader> {
    checked(data, expected).map(|(h, _)| h)
}

/// [`check_chunk`], with the stream table of a FLAC chunk.
fn checked(data: &[u8], expected: &ChunkLayout) -> Result<(ChunkHeader, Option<StreamTable>)> {
    let h = ChunkHeader::parse(data)?;
    let layout = h.layout;
    let corrupt = |reason: String| Error::Corrupt { stream: 0, reason };
    if layout != *expected {
        return Err(corrupt(format!(
            "the chunk holds {}, but the dataset's filter parameters say {}",
            layout.describe(),
            expected.describe()
        )));
    }
    // `parse` checked that the size does not overflow.
    let raw_len = layout.raw_len().unwrap_or(usize::MAX);
    if !h.flac {
        if data.len().checked_sub(HEADER_LEN + 4) != Some(raw_len) {
            return Err(corrupt(format!(
                "a verbatim chunk of {} bytes, but its header claims {} bytes of values \
                 ({} with its header)",
                data.len(),
                raw_len,
                layout.describe()
            )));
        }
        return Ok((h, None));
    }
    let table = StreamTable::parse(data)?;
    if table.end() != data.len() {
        return Err(corrupt(if table.end() > data.len() {
            format!(
                "truncated chunk: its streams end at byte {}, it has {} bytes",
                table.end(),
                data.len()
            )
        } else {
            format!(
                "{} unexpected bytes after the last stream",
                data.len() - table.end()
            )
        }));
    }
    Ok((h, Some(table)))
}

/// Decompress one chunk into `out`, which must be exactly the chunk's raw size; `expected`
/// is the layout the caller knows (from the dataset), checked against the header (see
/// [`check_chunk`]).
pub fn decode_chunk(data: &[u8], expected: &ChunkLayout, out: &mut [u8]) -> Result<()> {
    decode_chunk_threads(data, expected, out, false)
}

/// [`decode_chunk`], with the streams decoded on the current rayon pool if `threads`.
pub fn decode_chunk_threads(
    data: &[u8],
    expected: &ChunkLayout,
    out: &mut [u8],
    threads: bool,
) -> Result<()> {
    decode_chunk_into(data, expected, out, threads)
}

/// A byte of a decoded chunk's buffer: `u8` in a caller's buffer, `MaybeUninit<u8>` in one
/// fresh from a host's allocator (each byte written once, none read).
pub(crate) trait OutByte: Send {
    fn set(&mut self, b: u8);
}

impl OutByte for u8 {
    fn set(&mut self, b: u8) {
        *self = b;
    }
}

impl OutByte for MaybeUninit<u8> {
    fn set(&mut self, b: u8) {
        self.write(b);
    }
}

/// [`decode_chunk_threads`] into any buffer of bytes: on success every byte of `out` is
/// written.
pub(crate) fn decode_chunk_into<B: OutByte>(
    data: &[u8],
    expected: &ChunkLayout,
    out: &mut [B],
    threads: bool,
) -> Result<()> {
    let (h, table) = checked(data, expected)?;
    let layout = h.layout;
    let corrupt = |stream: usize, reason: String| Error::Corrupt { stream, reason };
    if layout.raw_len() != Some(out.len()) {
        return Err(corrupt(
            0,
            format!(
                "the chunk decodes to {:?} bytes, the buffer holds {}",
                layout.raw_len(),
                out.len()
            ),
        ));
    }
    let Some(table) = table else {
        // A verbatim chunk: `checked` found the checksum and exactly `out.len()` bytes.
        let (head, body) = data.split_at(HEADER_LEN);
        let crc = u32::from_le_bytes(body[..4].try_into().expect("4 bytes"));
        if crc != crc32(&[head, &body[4..]]) {
            return Err(corrupt(0, "checksum mismatch in a verbatim chunk".into()));
        }
        out.iter_mut().zip(&body[4..]).for_each(|(d, &b)| d.set(b));
        return Ok(());
    };
    let stream_bytes = layout.stream_len * layout.elem.size();
    let one =
        |(s, dst): (usize, &mut [B])| table.decode_into(s, &data[table.stream_range(s)], 0, dst);
    if threads {
        out.par_chunks_exact_mut(stream_bytes)
            .enumerate()
            .try_for_each(one)
    } else {
        out.chunks_exact_mut(stream_bytes)
            .enumerate()
            .try_for_each(one)
    }
}

/// Bytes from the start of a FLAC chunk to the end of its stream table's checksum: what to
/// read before any stream (see [`StreamTable`]).
pub fn table_end(header: &ChunkHeader) -> Option<usize> {
    header
        .layout
        .n_streams
        .checked_mul(header.entry_len())?
        .checked_add(HEADER_LEN + 4)
}

/// What decoding one stream of a FLAC chunk needs, from its table entry (either version).
#[derive(Debug, Clone, Copy, PartialEq)]
struct StreamEntry {
    blocksize: u32,
    format: FrameFormat,
    /// Added to each decoded sample (modulo 2^64) to give the value.
    offset: i64,
    /// Float streams' offset and gain.
    offset_gain: (f64, f64),
}

/// The stream table of a chunk stored as FLAC, checked: where each stream's frames lie in
/// the chunk and the parameters to decode them. Built from the chunk's first
/// [`table_end`] bytes only, so that a reader can then fetch just the streams it needs.
#[derive(Debug, Clone)]
pub struct StreamTable {
    header: ChunkHeader,
    entries: Vec<StreamEntry>,
    /// Where each stream's frames start in the chunk, and where the last one ends.
    starts: Vec<usize>,
}

impl StreamTable {
    /// Parse the header and stream table at the start of `head` (at least [`table_end`]
    /// bytes; more are ignored) and check their checksum and entries.
    pub fn parse(head: &[u8]) -> Result<StreamTable> {
        let header = ChunkHeader::parse(head)?;
        let layout = header.layout;
        let elem = layout.elem;
        let corrupt = |reason: String| Error::Corrupt { stream: 0, reason };
        if !header.flac {
            return Err(corrupt(
                "the chunk is stored verbatim, not as FLAC streams".into(),
            ));
        }
        let end = table_end(&header)
            .filter(|&e| e <= head.len())
            .ok_or_else(|| corrupt("the stream table runs past the end of the chunk".into()))?;
        let table = &head[HEADER_LEN..end - 4];
        let crc = u32::from_le_bytes(head[end - 4..end].try_into().expect("4 bytes"));
        if crc != crc32(&[&head[..HEADER_LEN], table]) {
            return Err(corrupt(
                "checksum mismatch in the chunk header or stream table".into(),
            ));
        }
        let mut starts = Vec::with_capacity(layout.n_streams + 1);
        let mut entries = Vec::with_capacity(layout.n_streams);
        let mut at = end;
        starts.push(at);
        for (s, entry) in table.chunks_exact(header.entry_len()).enumerate() {
            let bad = |reason: String| Error::Corrupt { stream: s, reason };
            let nbytes = u32::from_le_bytes(entry[..4].try_into().expect("4 bytes")) as usize;
            let (blocksize, format, offset, floats) = if header.version == 1 {
                let channels = if elem.is_wide() {
                    u32::from(entry[4])
                } else {
                    1
                };
                let bits = if elem.is_wide() { 32 } else { elem.v1_bits() };
                let floats = &entry[4 + usize::from(elem.is_wide())..];
                (
                    header.blocksize,
                    FrameFormat::new(channels, bits),
                    elem.v1_offset(),
                    floats,
                )
            } else {
                let blocksize = u32::from(u16::from_le_bytes([entry[4], entry[5]]));
                let format = match entry[6] {
                    w @ 4..=32 => FrameFormat::new(1, u32::from(w)),
                    WIDTH_TWO_CHANNELS if elem.is_wide() => FrameFormat::new(2, 32),
                    w => return Err(bad(format!("width code {w} for {} values", elem.name()))),
                };
                let n = header.offset_bytes as usize;
                // Sign-extend the little-endian offset.
                let mut bytes = [if entry[6 + n] & 0x80 != 0 { 0xff } else { 0 }; 8];
                bytes[..n].copy_from_slice(&entry[7..7 + n]);
                let offset = if n == 0 { 0 } else { i64::from_le_bytes(bytes) };
                (blocksize, format, offset, &entry[7 + n..])
            };
            if !(16..=65535).contains(&blocksize) {
                return Err(bad(format!(
                    "blocksize {blocksize} (FLAC's are 16 to 65535)"
                )));
            }
            if !(format.channels == 1 || (elem.is_wide() && format.channels == 2)) {
                return Err(bad(format!(
                    "{} channels for {} values",
                    format.channels,
                    elem.name()
                )));
            }
            let frames = layout.stream_len.div_ceil(blocksize as usize);
            if nbytes < frames.saturating_mul(MIN_FRAME_BYTES) {
                return Err(bad(format!(
                    "{nbytes} bytes cannot hold {frames} FLAC frames of {blocksize} samples"
                )));
            }
            let offset_gain = match elem {
                ElementType::F32 => (
                    f32::from_le_bytes(floats[..4].try_into().expect("4 bytes")) as f64,
                    f32::from_le_bytes(floats[4..8].try_into().expect("4 bytes")) as f64,
                ),
                ElementType::F64 => (
                    f64::from_le_bytes(floats[..8].try_into().expect("8 bytes")),
                    f64::from_le_bytes(floats[8..16].try_into().expect("8 bytes")),
                ),
                _ => (0.0, 1.0),
            };
            at = at
                .checked_add(nbytes)
                .ok_or_else(|| corrupt("stream sizes overflow".into()))?;
            starts.push(at);
            entries.push(StreamEntry {
                blocksize,
                format,
                offset,
                offset_gain,
            });
        }
        Ok(StreamTable {
            header,
            entries,
            starts,
        })
    }

    /// The chunk's header.
    pub fn header(&self) -> &ChunkHeader {
        &self.header
    }

    /// The bytes of stream `s`'s frames within the chunk.
    pub fn stream_range(&self, s: usize) -> std::ops::Range<usize> {
        self.starts[s]..self.starts[s + 1]
    }

    /// Where the last stream ends: the chunk's length.
    pub fn end(&self) -> usize {
        *self.starts.last().expect("at least the table's end")
    }

    /// Decode samples `[first, first + n)` of stream `s` from its frames (`frames`, the
    /// chunk's bytes in [`StreamTable::stream_range`]) into `dst`, `n` elements in the
    /// chunk's type and byte order.
    pub fn decode_stream(
        &self,
        s: usize,
        frames: &[u8],
        first: usize,
        dst: &mut [u8],
    ) -> Result<()> {
        self.decode_into(s, frames, first, dst)
    }

    /// [`StreamTable::decode_stream`] into any buffer of bytes.
    fn decode_into<B: OutByte>(
        &self,
        s: usize,
        frames: &[u8],
        first: usize,
        dst: &mut [B],
    ) -> Result<()> {
        let layout = self.header.layout;
        let n = dst.len() / layout.elem.size();
        if first + n > layout.stream_len {
            return Err(Error::Corrupt {
                stream: s,
                reason: format!(
                    "samples {first}..{} of a stream of {}",
                    first + n,
                    layout.stream_len
                ),
            });
        }
        decode_stream(frames, &self.entries[s], &layout, first, dst)
            .map_err(|reason| Error::Corrupt { stream: s, reason })
    }
}

/// A number's bytes in either order.
trait Bytes<const N: usize>: Copy {
    fn le(self) -> [u8; N];
    fn be(self) -> [u8; N];
}

macro_rules! impl_bytes {
    ($($t:ty => $n:expr),*) => {$(
        impl Bytes<$n> for $t {
            fn le(self) -> [u8; $n] {
                self.to_le_bytes()
            }
            fn be(self) -> [u8; $n] {
                self.to_be_bytes()
            }
        }
    )*};
}
impl_bytes!(i8 => 1, u8 => 1, i16 => 2, u16 => 2, i32 => 4, u32 => 4, i64 => 8, u64 => 8, f32 => 4, f64 => 8);

/// Write values as elements of their own type and width in the given byte order. Compiled
/// for AVX2 too, where the processor has it: the conversions and byte swaps vectorise with
/// twice the lanes.
#[multiversion::multiversion(targets("x86_64+avx2"))]
fn store<T: Bytes<N>, const N: usize, B: OutByte>(
    dst: &mut [B],
    be: bool,
    values: impl Iterator<Item = T>,
) {
    let (slots, _) = dst.as_chunks_mut::<N>();
    let put = |b: &mut [B; N], x: [u8; N]| b.iter_mut().zip(x).for_each(|(d, v)| d.set(v));
    if be {
        slots
            .iter_mut()
            .zip(values)
            .for_each(|(b, x)| put(b, x.be()));
    } else {
        slots
            .iter_mut()
            .zip(values)
            .for_each(|(b, x)| put(b, x.le()));
    }
}

/// Write a stream's values (decoded samples plus the offset, modulo 2^64) as elements.
fn store_values<B: OutByte>(
    values: impl Iterator<Item = i64>,
    entry: &StreamEntry,
    layout: &ChunkLayout,
    dst: &mut [B],
) {
    let be = layout.big_endian;
    let v = values.map(|x| x.wrapping_add(entry.offset));
    let (off, gain) = entry.offset_gain;
    match layout.elem {
        ElementType::I8 => store(dst, be, v.map(|x| x as i8)),
        ElementType::U8 => store(dst, be, v.map(|x| x as u8)),
        ElementType::I16 => store(dst, be, v.map(|x| x as i16)),
        ElementType::U16 => store(dst, be, v.map(|x| x as u16)),
        ElementType::I32 => store(dst, be, v.map(|x| x as i32)),
        ElementType::U32 => store(dst, be, v.map(|x| x as u32)),
        ElementType::I64 => store(dst, be, v),
        ElementType::U64 => store(dst, be, v.map(|x| x as u64)),
        ElementType::F32 => {
            // The arithmetic of `restore_stream`, written straight into the chunk.
            let (off, gain) = (off as f32, gain as f32);
            let coeff = (1.0 / gain as f64) as f32;
            store(dst, be, v.map(|i| f32::restore(i as i32, off, coeff)));
        }
        ElementType::F64 => {
            let coeff = 1.0 / gain;
            store(dst, be, v.map(|i| f64::restore(i, off, coeff)));
        }
    }
}

/// Decode samples `[first, first + n)` of one stream's frames into `dst` (`n` elements).
fn decode_stream<B: OutByte>(
    frames: &[u8],
    entry: &StreamEntry,
    layout: &ChunkLayout,
    first: usize,
    dst: &mut [B],
) -> std::result::Result<(), String> {
    let total = layout.stream_len as u64;
    let n = dst.len() / layout.elem.size();
    let src = StreamBytes::Frames {
        frames,
        format: entry.format,
        blocksize: entry.blocksize,
    };
    let size = layout.elem.size();
    // Each frame's samples go straight from the decoder's buffers into the chunk's elements.
    let mut sink = |o: usize, ch: &[&[i32]], js: std::ops::Range<usize>| {
        let out = &mut dst[o * size..(o + js.len()) * size];
        match ch {
            [lo, hi] => {
                let words = lo[js.clone()].iter().zip(&hi[js]);
                let values = words.map(|(&lo, &hi)| (i64::from(hi) << 32) | i64::from(lo as u32));
                store_values(values, entry, layout, out);
            }
            [words]
                if layout.elem == ElementType::F64 && entry.offset.unsigned_abs() <= 1 << 52 =>
            {
                // Sample and offset are exact as doubles and so is their sum (under 2^53):
                // the same values as `store_values`, with a conversion of 32-bit integers
                // the compiler vectorises.
                let (off, gain) = entry.offset_gain;
                let (base, coeff) = (entry.offset as f64, 1.0 / gain);
                let values = words[js]
                    .iter()
                    .map(|&x| off + coeff * (f64::from(x) + base));
                store(out, layout.big_endian, values);
            }
            [words] if matches!(layout.elem, ElementType::I32 | ElementType::U32) => {
                // Modulo 2^32, the sum with the offset is the 32-bit one: eight lanes a vector
                // instead of four.
                let off = entry.offset as i32;
                let values = words[js].iter().map(|&x| x.wrapping_add(off));
                store(out, layout.big_endian, values);
            }
            _ => store_values(ch[0][js].iter().map(|&x| i64::from(x)), entry, layout, out),
        }
    };
    with_decoder(|d| d.decode_with(src, total, first as u64, n, entry.format, &mut sink))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept_bytes() -> usize {
        SCRATCH.with_borrow(Scratch::bytes)
    }

    #[test]
    fn a_thread_keeps_the_buffers_of_ordinary_streams_only() {
        let layout = |n: usize| ChunkLayout {
            elem: ElementType::F64,
            big_endian: false,
            n_streams: 1,
            stream_len: n,
        };
        let opts = ChunkOptions {
            level: 0,
            quantization: Quantization::Quanta(PerStream::Scalar(0.5)),
            threads: false,
        };
        let raw = |n: usize| -> Vec<u8> {
            (0..n)
                .flat_map(|i| ((i % 1000) as f64).to_le_bytes())
                .collect()
        };
        // 100000 samples: kept (20 bytes a sample), and reused by the next stream as long.
        let small = raw(100_000);
        let c = encode_chunk(&small, &layout(100_000), &opts).unwrap();
        let kept = kept_bytes();
        assert!((2_000_000..Scratch::KEEP_BYTES).contains(&kept), "{kept}");
        assert_eq!(encode_chunk(&small, &layout(100_000), &opts).unwrap(), c);
        assert_eq!(kept_bytes(), kept);
        // 4 million: more than KEEP_BYTES of buffers, released after the stream.
        let big = raw(4_000_000);
        let c = encode_chunk(&big, &layout(4_000_000), &opts).unwrap();
        assert_eq!(kept_bytes(), 0);
        let mut back = vec![0u8; big.len()];
        decode_chunk(&c, &layout(4_000_000), &mut back).unwrap();
        assert_eq!(back, big);
    }
}
