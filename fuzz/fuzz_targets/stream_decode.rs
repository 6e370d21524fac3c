//! The FLAC stream decoder with arbitrary starts, byte counts, stream sizes and sample
//! ranges. Input: a 16-byte header (stream size, first and last sample, number of streams,
//! type), 16 bytes per stream of start and byte count, then the compressed bytes.
#![no_main]

use flacarray::stream::decode::{Decoder, StreamBytes};
use flacarray::{array_decompress_slice, DecompressOptions};
use libfuzzer_sys::fuzz_target;
use ndarray::{ArrayD, IxDyn};

fn u32_at(d: &[u8], i: usize) -> u32 {
    u32::from_le_bytes(d[i..i + 4].try_into().unwrap())
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 16 {
        return;
    }
    let stream_size = (u32_at(data, 0) % 200_000) as usize;
    let first = (u32_at(data, 4) % 200_001) as usize;
    let last = (u32_at(data, 8) % 200_001) as usize;
    let n = (data[12] % 4) as usize + 1;
    let kind = data[13] % 4;
    let table_end = 16 + 16 * n;
    if data.len() < table_end {
        return;
    }
    let body = &data[table_end..];
    let mut starts = Vec::new();
    let mut nbytes = Vec::new();
    for s in 0..n {
        let at = 16 + 16 * s;
        starts.push(
            i64::from_le_bytes(data[at..at + 8].try_into().unwrap()) % (body.len() as i64 + 8),
        );
        nbytes.push(
            i64::from_le_bytes(data[at + 8..at + 16].try_into().unwrap()) % (body.len() as i64 + 8),
        );
    }
    // One stream straight through the decoder.
    let mut dec = Decoder::new();
    let want = last.saturating_sub(first).min(stream_size);
    if kind % 2 == 0 {
        let mut out = vec![0i32; want];
        let _ = dec.decode(
            StreamBytes::Whole(body),
            stream_size as u64,
            first as u64,
            &mut out,
        );
    } else {
        let mut out = vec![0i64; want];
        let _ = dec.decode(
            StreamBytes::Whole(body),
            stream_size as u64,
            first as u64,
            &mut out,
        );
    }
    // The array decoder with the table.
    let starts = ArrayD::from_shape_vec(IxDyn(&[n]), starts).unwrap();
    let nbytes = ArrayD::from_shape_vec(IxDyn(&[n]), nbytes).unwrap();
    let opts = DecompressOptions {
        first_sample: Some(first),
        last_sample: Some(last),
        ..Default::default()
    };
    match kind {
        0 => drop(array_decompress_slice::<i32>(
            body,
            stream_size,
            starts.view(),
            nbytes.view(),
            None,
            None,
            &opts,
        )),
        1 => drop(array_decompress_slice::<i64>(
            body,
            stream_size,
            starts.view(),
            nbytes.view(),
            None,
            None,
            &opts,
        )),
        2 => {
            let og = ArrayD::from_elem(IxDyn(&[n]), 0.5f32);
            drop(array_decompress_slice::<f32>(
                body,
                stream_size,
                starts.view(),
                nbytes.view(),
                Some(og.view()),
                Some(og.view()),
                &opts,
            ))
        }
        _ => {
            let og = ArrayD::from_elem(IxDyn(&[n]), 1e-3f64);
            drop(array_decompress_slice::<f64>(
                body,
                stream_size,
                starts.view(),
                nbytes.view(),
                Some(og.view()),
                Some(og.view()),
                &opts,
            ))
        }
    }
});
