use super::*;

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
