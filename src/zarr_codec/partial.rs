//! Partial decoding: only the streams an array subset touches are fetched, and only their
//! frames that hold the requested samples are decoded.

use std::collections::BTreeMap;
use std::sync::Arc;

use zarrs::array::codec::{
    ArrayPartialDecoderTraits, BytesPartialDecoderTraits, CodecError, CodecOptions,
};
use zarrs::array::{ArrayBytes, ArraySize, ChunkRepresentation, DataType};
use zarrs::indexer::Indexer;
use zarrs::storage::byte_range::ByteRange;
use zarrs::storage::StorageError;

use crate::chunk::CODEC_NAME;
use crate::chunk::{decode_chunk, table_end, ChunkHeader, ChunkLayout, StreamTable, HEADER_LEN};

/// Reads parts of one stored chunk.
pub(super) struct FlacPartialDecoder {
    input: Arc<dyn BytesPartialDecoderTraits>,
    repr: ChunkRepresentation,
    layout: ChunkLayout,
}

fn corrupt(e: impl std::fmt::Display) -> CodecError {
    CodecError::Other(format!("{CODEC_NAME}: {e}"))
}

/// The runs of consecutive elements (start, count; linear indices within the chunk) an
/// indexer selects, in its output order.
type Runs = Vec<(u64, u64)>;

impl FlacPartialDecoder {
    pub(super) fn new(
        input: Arc<dyn BytesPartialDecoderTraits>,
        repr: ChunkRepresentation,
        layout: ChunkLayout,
    ) -> FlacPartialDecoder {
        FlacPartialDecoder {
            input,
            repr,
            layout,
        }
    }

    /// The chunk's bytes in `range`, or `None` if the chunk is not stored. A range the chunk
    /// does not hold (a truncated chunk) is an error that says so.
    fn read(
        &self,
        range: ByteRange,
        options: &CodecOptions,
    ) -> Result<Option<Vec<u8>>, CodecError> {
        let bytes = self.input.partial_decode(range, options).map_err(|e| {
            corrupt(format!(
                "the chunk does not hold bytes {range} (truncated?): {e}"
            ))
        })?;
        Ok(bytes.map(|b| b.into_owned()))
    }

    /// The selected elements from the whole decoded chunk (verbatim chunks).
    fn select_from_whole(
        &self,
        runs: &Runs,
        options: &CodecOptions,
    ) -> Result<Vec<u8>, CodecError> {
        let size = self.layout.elem.size();
        let data = self
            .input
            .decode(options)?
            .ok_or_else(|| corrupt("the chunk vanished while it was read"))?;
        let mut raw = vec![0u8; self.layout.raw_len().unwrap_or(0)];
        decode_chunk(&data, &self.layout, &mut raw).map_err(corrupt)?;
        let mut out = Vec::new();
        for &(start, n) in runs {
            let (a, b) = (start as usize * size, (start + n) as usize * size);
            out.extend_from_slice(&raw[a..b]);
        }
        Ok(out)
    }
}

impl ArrayPartialDecoderTraits for FlacPartialDecoder {
    fn data_type(&self) -> &DataType {
        self.repr.data_type()
    }

    fn exists(&self) -> Result<bool, StorageError> {
        self.input.exists()
    }

    fn size_held(&self) -> usize {
        self.input.size_held()
    }

    fn supports_partial_decode(&self) -> bool {
        true
    }

    fn partial_decode(
        &self,
        indexer: &dyn Indexer,
        options: &CodecOptions,
    ) -> Result<ArrayBytes<'_>, CodecError> {
        let shape = self.repr.shape_u64();
        let runs: Runs = indexer
            .iter_contiguous_linearised_indices(&shape)?
            .collect();
        let size = self.layout.elem.size();
        let len = self.layout.stream_len as u64;

        let Some(head) = self.read(ByteRange::FromStart(0, Some(HEADER_LEN as u64)), options)?
        else {
            let n = ArraySize::new(self.repr.data_type().size(), indexer.len());
            return Ok(ArrayBytes::new_fill_value(n, self.repr.fill_value()));
        };
        let header = ChunkHeader::parse(&head).map_err(corrupt)?;
        if header.layout != self.layout {
            return Err(corrupt(format!(
                "the chunk holds {:?}, the array's chunks are {:?}",
                header.layout, self.layout
            )));
        }
        if !header.flac {
            return Ok(ArrayBytes::from(self.select_from_whole(&runs, options)?));
        }

        // The streams touched, and the one window of samples read from each.
        let (mut lo, mut hi) = (len, 0u64);
        let mut streams: BTreeMap<usize, Vec<u8>> = BTreeMap::new();
        for &(start, n) in &runs {
            let (s0, s1) = (start / len, (start + n - 1) / len);
            if s0 == s1 {
                lo = lo.min(start % len);
                hi = hi.max(start % len + n);
            } else {
                (lo, hi) = (0, len);
            }
            for s in s0..=s1 {
                streams.insert(s as usize, Vec::new());
            }
        }
        if streams.is_empty() {
            return Ok(ArrayBytes::new_flen(Vec::new()));
        }

        let end = table_end(&header).ok_or_else(|| corrupt("the chunk is too large"))?;
        let head = self
            .read(ByteRange::FromStart(0, Some(end as u64)), options)?
            .ok_or_else(|| corrupt("the chunk vanished while it was read"))?;
        let table = StreamTable::parse(&head).map_err(corrupt)?;
        // One read from the first stream touched to the end of the last.
        let (first, last) = (
            *streams.keys().next().expect("not empty"),
            *streams.keys().last().expect("not empty"),
        );
        let from = table.stream_range(first).start;
        let to = table.stream_range(last).end;
        let bytes = self
            .read(
                ByteRange::FromStart(from as u64, Some((to - from) as u64)),
                options,
            )?
            .ok_or_else(|| corrupt("the chunk vanished while it was read"))?;
        if bytes.len() != to - from {
            return Err(corrupt(format!(
                "the stream table points to bytes {from}..{to}, the chunk ends at {}",
                from + bytes.len()
            )));
        }
        for (&s, window) in streams.iter_mut() {
            let r = table.stream_range(s);
            window.resize((hi - lo) as usize * size, 0);
            table
                .decode_stream(s, &bytes[r.start - from..r.end - from], lo as usize, window)
                .map_err(corrupt)?;
        }

        let mut out = Vec::with_capacity(indexer.len() as usize * size);
        for &(start, n) in &runs {
            let (mut at, end) = (start, start + n);
            while at < end {
                let (s, offset) = ((at / len) as usize, at % len);
                let take = (len - offset).min(end - at);
                let a = (offset - lo) as usize * size;
                out.extend_from_slice(&streams[&s][a..a + take as usize * size]);
                at += take;
            }
        }
        Ok(ArrayBytes::from(out))
    }
}
