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
use crate::stream::flac::{encode_frames, with_decoder, FrameFormat, StreamBytes};

/// The chunk magic, "FLCH".
pub const MAGIC: [u8; 4] = *b"FLCH";
/// The chunk format version this code writes and reads.
pub const VERSION: u8 = 1;
/// Bytes of the fixed chunk header.
pub const HEADER_LEN: usize = 18;

const STORAGE_FLAC: u8 = 0;
const STORAGE_VERBATIM: u8 = 1;
const FLAG_BIG_ENDIAN: u8 = 1;

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

    /// FLAC bits per sample for the narrow types.
    fn bits(self) -> u32 {
        match self.size() {
            1 => 8,
            2 => 16,
            _ => 32,
        }
    }

    /// Bytes of one stream's table entry.
    fn entry_len(self) -> usize {
        4 + usize::from(self.is_wide()) + if self.is_float() { 2 * self.size() } else { 0 }
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

/// One stream encoded: its frames, their layout, its float parameters and the blocksize
/// libFLAC used.
struct EncodedStream {
    frames: Vec<u8>,
    format: FrameFormat,
    offset_gain: Option<(f64, f64)>,
    blocksize: u32,
}

/// A thread's buffers for turning a stream's elements into FLAC words, kept from stream to
/// stream and chunk to chunk: a fresh buffer per stream costs a page fault per 4 KiB.
#[derive(Default)]
struct Scratch {
    /// The words handed to libFLAC.
    words: Vec<i32>,
    /// 64-bit integers (the elements, or float64's quantized values).
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

/// 64-bit values as FLAC words in `words`: one channel when every value fits in 32 bits,
/// else two (low word, then high word).
fn wide_words(values: &[i64], words: &mut Vec<i32>) -> FrameFormat {
    words.clear();
    if values.iter().all(|&v| v == v as i32 as i64) {
        words.extend(values.iter().map(|&v| v as i32));
        FrameFormat::new(1, 32)
    } else {
        words.extend(values.iter().flat_map(|&v| [v as i32, (v >> 32) as i32]));
        FrameFormat::new(2, 32)
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

/// One stream's elements as FLAC words in `s.words`: their layout and, for floats, the
/// offset and gain; `None` to store the chunk verbatim.
fn stream_words(
    raw: &[u8],
    layout: &ChunkLayout,
    mode: &Quantization,
    s: &mut Scratch,
) -> Option<(FrameFormat, Option<(f64, f64)>)> {
    let (elem, be) = (layout.elem, layout.big_endian);
    let w = &mut s.words;
    match elem {
        ElementType::F32 => {
            fill!(&mut s.f32s, u32, raw, be, f32::from_bits);
            let og = quantize_into(&s.f32s, mode, w)?;
            return Some((FrameFormat::new(1, 32), Some(og)));
        }
        ElementType::F64 => {
            fill!(&mut s.f64s, u64, raw, be, f64::from_bits);
            let og = quantize_into(&s.f64s, mode, &mut s.wide)?;
            return Some((wide_words(&s.wide, w), Some(og)));
        }
        ElementType::I64 => {
            fill!(&mut s.wide, i64, raw, be, |v| v);
            return Some((wide_words(&s.wide, w), None));
        }
        ElementType::U64 => {
            fill!(&mut s.wide, u64, raw, be, |v| (v ^ (1 << 63)) as i64);
            return Some((wide_words(&s.wide, w), None));
        }
        ElementType::I8 => fill!(w, u8, raw, be, |v| v as i8 as i32),
        ElementType::U8 => fill!(w, u8, raw, be, |v| v as i32 - 128),
        ElementType::I16 => fill!(w, i16, raw, be, i32::from),
        ElementType::U16 => fill!(w, u16, raw, be, |v| i32::from(v) - 32768),
        ElementType::I32 => fill!(w, i32, raw, be, |v| v),
        ElementType::U32 => fill!(w, u32, raw, be, |v| (v ^ 0x8000_0000) as i32),
    }
    Some((FrameFormat::new(1, elem.bits()), None))
}

/// One stream of a chunk encoded with a thread's buffers; `None` to store the chunk
/// verbatim.
fn encode_stream(
    raw: &[u8],
    layout: &ChunkLayout,
    opts: &ChunkOptions,
    scratch: &mut Scratch,
) -> Result<Option<EncodedStream>> {
    let Some((format, offset_gain)) = stream_words(raw, layout, &opts.quantization, scratch) else {
        return Ok(None);
    };
    let mut frames = Vec::new();
    let blocksize = encode_frames(&scratch.words, format, opts.level, false, &mut frames)
        .map_err(|reason| Error::Encode { stream: 0, reason })?;
    Ok(Some(EncodedStream {
        frames,
        format,
        offset_gain,
        blocksize,
    }))
}

/// A chunk's header (with its storage mode and blocksize).
fn header(layout: &ChunkLayout, storage: u8, blocksize: u32) -> Vec<u8> {
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
    h.extend_from_slice(&(blocksize as u16).to_le_bytes());
    h
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
    let table_len = layout.n_streams * elem.entry_len();
    let frames_len: usize = streams.iter().map(|s| s.frames.len()).sum();
    if table_len + frames_len >= raw.len() {
        return Ok(EncodedChunk::verbatim(raw, layout));
    }
    // The blocksize libFLAC chose; one level gives every stream the same.
    let blocksize = streams[0].blocksize;
    if streams.iter().any(|s| s.blocksize != blocksize) {
        return Err(Error::Encode {
            stream: 0,
            reason: "libFLAC used different blocksizes for the streams of one chunk".into(),
        });
    }
    let mut head = header(layout, STORAGE_FLAC, blocksize);
    head.reserve(table_len + 4);
    for s in &streams {
        head.extend_from_slice(&(s.frames.len() as u32).to_le_bytes());
        if elem.is_wide() {
            head.push(s.format.channels as u8);
        }
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
        body: streams.into_iter().map(|s| s.frames).collect(),
    })
}

/// A parsed chunk header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChunkHeader {
    /// What the chunk holds.
    pub layout: ChunkLayout,
    /// Stored as FLAC (else verbatim).
    pub flac: bool,
    /// FLAC blocksize.
    pub blocksize: u32,
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
        if data[4] != VERSION {
            return Err(bad(format!(
                "chunk format version {} is not supported (this build reads version {VERSION}); \
                 use a newer flacarray plugin",
                data[4]
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
        let blocksize = u16::from_le_bytes(data[16..18].try_into().expect("2 bytes")) as u32;
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
        match (flac, blocksize) {
            (true, 0..=15) => return Err(bad(format!("blocksize {blocksize} is below FLAC's 16"))),
            (false, 1..) => {
                return Err(bad(format!(
                    "blocksize {blocksize} in a verbatim chunk (the format says 0)"
                )))
            }
            _ => {}
        }
        Ok(ChunkHeader {
            layout,
            flac,
            blocksize,
        })
    }
}

/// The fewest bytes a FLAC frame can take: a 6-byte header, one byte of subframe, 2 of CRC.
const MIN_FRAME_BYTES: usize = 9;

/// Parse a chunk's header and check it against the layout the caller knows (from the
/// dataset's filter parameters) and against the chunk's size: the check to make before
/// allocating the decoded chunk, so that edited parameters cannot make a small chunk claim a
/// large allocation.
pub fn check_chunk(data: &[u8], expected: &ChunkLayout) -> Result<ChunkHeader> {
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
    if !h.flac && data.len().checked_sub(HEADER_LEN + 4) != Some(raw_len) {
        return Err(corrupt(format!(
            "a verbatim chunk of {} bytes, but its header claims {} bytes of values \
             ({} with its header)",
            data.len(),
            raw_len,
            layout.describe()
        )));
    }
    if h.flac {
        let frames = layout.stream_len.div_ceil(h.blocksize as usize);
        let least = layout
            .n_streams
            .saturating_mul(frames)
            .saturating_mul(MIN_FRAME_BYTES);
        if data.len() < least {
            return Err(corrupt(format!(
                "{} bytes cannot hold {} streams of {} frames (at least {least} bytes)",
                data.len(),
                layout.n_streams,
                frames
            )));
        }
    }
    Ok(h)
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
    let h = check_chunk(data, expected)?;
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
    let (head, body) = data.split_at(HEADER_LEN);
    let crc_at =
        |b: &[u8], at: usize| u32::from_le_bytes(b[at..at + 4].try_into().expect("4 bytes"));
    if !h.flac {
        // check_chunk: the body is the checksum and exactly `out.len()` bytes.
        if crc_at(body, 0) != crc32(&[head, &body[4..]]) {
            return Err(corrupt(0, "checksum mismatch in a verbatim chunk".into()));
        }
        out.iter_mut().zip(&body[4..]).for_each(|(d, &b)| d.set(b));
        return Ok(());
    }
    let table = StreamTable::parse(data)?;
    if table.end() > data.len() {
        return Err(corrupt(
            0,
            format!(
                "truncated chunk: its streams end at byte {}, it has {} bytes",
                table.end(),
                data.len()
            ),
        ));
    }
    if table.end() < data.len() {
        return Err(corrupt(
            0,
            format!(
                "{} unexpected bytes after the last stream",
                data.len() - table.end()
            ),
        ));
    }
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
pub fn table_end(layout: &ChunkLayout) -> Option<usize> {
    layout
        .n_streams
        .checked_mul(layout.elem.entry_len())?
        .checked_add(HEADER_LEN + 4)
}

/// The stream table of a chunk stored as FLAC, checked: where each stream's frames lie in
/// the chunk and the parameters to decode them. Built from the chunk's first
/// [`table_end`] bytes only, so that a reader can then fetch just the streams it needs.
#[derive(Debug, Clone)]
pub struct StreamTable {
    header: ChunkHeader,
    table: Vec<u8>,
    /// Where each stream's frames start in the chunk, and where the last one ends.
    starts: Vec<usize>,
}

impl StreamTable {
    /// Parse the header and stream table at the start of `head` (at least [`table_end`]
    /// bytes; more are ignored) and check their checksum.
    pub fn parse(head: &[u8]) -> Result<StreamTable> {
        let header = ChunkHeader::parse(head)?;
        let layout = header.layout;
        let corrupt = |reason: String| Error::Corrupt { stream: 0, reason };
        if !header.flac {
            return Err(corrupt(
                "the chunk is stored verbatim, not as FLAC streams".into(),
            ));
        }
        let end = table_end(&layout)
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
        let mut at = end;
        starts.push(at);
        for entry in table.chunks_exact(layout.elem.entry_len()) {
            let nbytes = u32::from_le_bytes(entry[..4].try_into().expect("4 bytes")) as usize;
            at = at
                .checked_add(nbytes)
                .ok_or_else(|| corrupt("stream sizes overflow".into()))?;
            starts.push(at);
        }
        Ok(StreamTable {
            header,
            table: table.to_vec(),
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
        let elem = self.header.layout.elem;
        let entry = &self.table[s * elem.entry_len()..(s + 1) * elem.entry_len()];
        let channels = if elem.is_wide() { entry[4] as u32 } else { 1 };
        let params = &entry[4 + usize::from(elem.is_wide())..];
        let n = dst.len() / elem.size();
        if first + n > self.header.layout.stream_len {
            return Err(Error::Corrupt {
                stream: s,
                reason: format!(
                    "samples {first}..{} of a stream of {}",
                    first + n,
                    self.header.layout.stream_len
                ),
            });
        }
        decode_stream(frames, channels, params, &self.header, first, dst)
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

/// Write values as elements of their own type and width in the given byte order.
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

/// Restore float64 values and write them.
fn store_f64<B: OutByte>(ints: impl Iterator<Item = i64>, params: &[u8], be: bool, dst: &mut [B]) {
    let off = f64::from_le_bytes(params[..8].try_into().expect("8 bytes"));
    let gain = f64::from_le_bytes(params[8..16].try_into().expect("8 bytes"));
    // The arithmetic of `restore_stream`, written straight into the chunk.
    let coeff = 1.0 / gain;
    store(dst, be, ints.map(|i| f64::restore(i, off, coeff)));
}

thread_local! {
    /// Each thread's decoded words, kept from stream to stream: a fresh buffer per stream costs
    /// a page fault per 4 KiB, and page faults serialise the threads of a process.
    static WORDS: std::cell::RefCell<(Vec<i32>, Vec<i64>)> =
        const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
}

/// Decode samples `[first, first + n)` of one stream's frames into `dst` (`n` elements).
fn decode_stream<B: OutByte>(
    frames: &[u8],
    channels: u32,
    params: &[u8],
    h: &ChunkHeader,
    first: usize,
    dst: &mut [B],
) -> std::result::Result<(), String> {
    let layout = h.layout;
    let (elem, be, total) = (layout.elem, layout.big_endian, layout.stream_len as u64);
    let n = dst.len() / elem.size();
    let wide = elem.is_wide();
    let format = FrameFormat::new(channels, if wide { 32 } else { elem.bits() });
    if !(channels == 1 || (wide && channels == 2)) {
        return Err(format!("{channels} channels for {elem:?} data"));
    }
    let src = StreamBytes::Frames {
        frames,
        format,
        blocksize: h.blocksize,
    };
    let r = WORDS.with_borrow_mut(|(narrow, wide_words)| {
        if channels == 2 {
            wide_words.resize(n, 0);
            let v = &mut wide_words[..n];
            with_decoder(|d| d.decode(src, total, first as u64, v))?;
            match elem {
                ElementType::F64 => store_f64(v.iter().copied(), params, be, dst),
                ElementType::U64 => store(dst, be, v.iter().map(|&x| (x as u64) ^ (1 << 63))),
                _ => store(dst, be, v.iter().copied()),
            }
            return Ok(());
        }
        narrow.resize(n, 0);
        let v = &mut narrow[..n];
        with_decoder(|d| d.decode(src, total, first as u64, v))?;
        match elem {
            ElementType::I8 => store(dst, be, v.iter().map(|&x| x as i8)),
            ElementType::U8 => store(dst, be, v.iter().map(|&x| (x + 128) as u8)),
            ElementType::I16 => store(dst, be, v.iter().map(|&x| x as i16)),
            ElementType::U16 => store(dst, be, v.iter().map(|&x| (x + 32768) as u16)),
            ElementType::I32 => store(dst, be, v.iter().copied()),
            ElementType::U32 => store(dst, be, v.iter().map(|&x| (x as u32) ^ 0x8000_0000)),
            ElementType::I64 => store(dst, be, v.iter().map(|&x| x as i64)),
            ElementType::U64 => store(dst, be, v.iter().map(|&x| (x as i64 as u64) ^ (1 << 63))),
            ElementType::F32 => {
                let off = f32::from_le_bytes(params[..4].try_into().expect("4 bytes"));
                let gain = f32::from_le_bytes(params[4..8].try_into().expect("4 bytes"));
                // The arithmetic of `restore_stream`, written straight into the chunk.
                let coeff = (1.0 / gain as f64) as f32;
                store(dst, be, v.iter().map(|&i| f32::restore(i, off, coeff)));
            }
            ElementType::F64 => store_f64(v.iter().map(|&x| x as i64), params, be, dst),
        }
        Ok(())
    });
    // A thread keeps the buffers of ordinary streams, not those of the largest it decoded.
    WORDS.with_borrow_mut(|(narrow, wide)| {
        if 4 * narrow.capacity() + 8 * wide.capacity() > Scratch::KEEP_BYTES {
            (*narrow, *wide) = Default::default();
        }
    });
    r
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
