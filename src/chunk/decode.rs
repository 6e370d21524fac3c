use super::*;

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
pub(super) fn decode_stream<B: OutByte>(
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

/// Decode a chunk into `out` by its own header alone (see [`chunk_layout`]); `out` must be
/// exactly its raw size.
#[doc(hidden)]
pub fn decode_described_chunk(chunk: &[u8], out: &mut [u8]) -> std::result::Result<(), String> {
    // decode_chunk checks the chunk against its own layout (what chunk_layout does).
    let h = ChunkHeader::parse(chunk).map_err(|e| e.to_string())?;
    decode_chunk(chunk, &h.layout, out).map_err(|e| e.to_string())
}
