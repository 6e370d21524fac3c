//! The Zarr v2 compressor's decoding (`flacarray::zarr_codec::decode_v2_chunk`, what zarrs
//! runs for `read_zarr_v2` arrays) on any bytes, with or without the array's chunk size to
//! check against. The input: one byte choosing the expected size (none, the claimed size,
//! one off, or small), then the chunk. A chunk may never decode to more than it may claim.
#![no_main]

use flacarray::zarr_codec::{decode_v2_chunk, MAX_UNSIZED_CHUNK};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&sel, chunk)) = data.split_first() else {
        return;
    };
    let claimed = flacarray::chunk::chunk_layout(chunk)
        .ok()
        .and_then(|l| l.raw_len())
        .map(|n| n as u64);
    let expected = match sel % 4 {
        0 => None,
        1 => claimed,
        2 => claimed.map(|n| n + 1),
        _ => Some(sel as u64 * 4),
    };
    if let Ok(out) = decode_v2_chunk(chunk, expected) {
        assert_eq!(Some(out.len() as u64), claimed);
        match expected {
            Some(n) => assert_eq!(n, out.len() as u64),
            None => assert!(out.len() <= MAX_UNSIZED_CHUNK),
        }
    }
});
