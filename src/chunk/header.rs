use super::*;

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
pub(super) fn entry_len(elem: ElementType, version: u8, offset_bytes: u8) -> usize {
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
    pub(super) fn entry_len(&self) -> usize {
        entry_len(self.layout.elem, self.version, self.offset_bytes)
    }
}

/// The fewest bytes a FLAC frame can take: a 6-byte header, one byte of subframe, 2 of CRC.
pub(super) const MIN_FRAME_BYTES: usize = 9;

/// Parse a chunk's header and check it against the layout the caller knows (from the
/// dataset's filter parameters) and against the chunk's size: the check to make before
/// allocating the decoded chunk, so that edited parameters cannot make a small chunk claim a
/// large allocation. A FLAC chunk's stream table is read and checked too (every stream's
/// bytes can hold its frames, and they end where the chunk ends).
pub fn check_chunk(data: &[u8], expected: &ChunkLayout) -> Result<ChunkHeader> {
    checked(data, expected).map(|(h, _)| h)
}

/// [`check_chunk`], with the stream table of a FLAC chunk.
pub(super) fn checked(
    data: &[u8],
    expected: &ChunkLayout,
) -> Result<(ChunkHeader, Option<StreamTable>)> {
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

/// The layout a chunk's own header declares (element type, byte order, streams), checked
/// against the chunk's size: what a client without stored parameters (Zarr, numcodecs) needs
/// to size the decoded chunk.
#[doc(hidden)]
pub fn chunk_layout(chunk: &[u8]) -> std::result::Result<ChunkLayout, String> {
    let h = ChunkHeader::parse(chunk).map_err(|e| e.to_string())?;
    check_chunk(chunk, &h.layout).map_err(|e| e.to_string())?;
    Ok(h.layout)
}
