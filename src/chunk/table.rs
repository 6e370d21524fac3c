use super::*;

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
pub(super) struct StreamEntry {
    pub(super) blocksize: u32,
    pub(super) format: FrameFormat,
    /// Added to each decoded sample (modulo 2^64) to give the value.
    pub(super) offset: i64,
    /// Float streams' offset and gain.
    pub(super) offset_gain: (f64, f64),
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
    pub(super) fn decode_into<B: OutByte>(
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
