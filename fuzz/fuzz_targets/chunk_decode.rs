//! The filter's chunk decoder on any bytes with any cd_values: the first 40 bytes are the
//! 10 stored cd_values, the rest is the chunk. Errors are fine; panics, crashes, hangs and
//! allocations sized from unchecked fields are not.
#![no_main]

use flacarray::chunk::{decode_chunk, ChunkHeader};
use flacarray::h5z::{FilterParams, Stored};
use libfuzzer_sys::fuzz_target;

/// Chunks above this are not decoded here (HDF5 would hand the filter a buffer this large
/// only for a chunk of that size, which the dataset's layout fixes).
const MAX_RAW: usize = 1 << 24;

fuzz_target!(|data: &[u8]| {
    if data.len() < 40 {
        let _ = ChunkHeader::parse(data);
        return;
    }
    let (cd, chunk) = data.split_at(40);
    let cd: Vec<u32> = cd
        .chunks_exact(4)
        .map(|w| u32::from_le_bytes(w.try_into().unwrap()))
        .collect();
    let _ = FilterParams::parse(&cd[..(cd[0] % 5) as usize]);
    let _ = ChunkHeader::parse(chunk);
    let Ok(stored) = Stored::parse(&cd) else {
        return;
    };
    let Some(raw) = stored.layout.raw_len().filter(|&n| n <= MAX_RAW) else {
        return;
    };
    let mut out = vec![0u8; raw];
    let _ = decode_chunk(chunk, &stored.layout, &mut out);
});
