//! The plugin's C functions behind `h5flac.flacarray` on hostile inputs, called as a C caller
//! (cffi) would: `flacarray_check_streams` then `flacarray_decompress_streams` on the streams
//! a table selects (any starts, byte counts, stream sizes and sample ranges; the output
//! buffer sized as the caller sizes it, only once the check passed), and a sample range of
//! the first stream through `flacarray_stream_window` and `flacarray_decode_window` (the
//! window cut from the bytes at the planned range, or anywhere the input says). The input is
//! `stream_decode`'s: a 16-byte header (stream size, first and last sample, number of
//! streams, type), 16 bytes per stream of start and byte count, then the bytes. Errors are
//! fine; panics, crashes, hangs and allocations sized from unchecked fields are not.
#![no_main]

use std::ffi::c_char;

use h5zflac::streams::{flacarray_check_streams, flacarray_decompress_streams};
use h5zflac::windows::{flacarray_decode_window, flacarray_head_probe, flacarray_stream_window};
use libfuzzer_sys::fuzz_target;

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
    let (kind, size) = [(b'i', 4), (b'i', 8), (b'f', 4), (b'f', 8)][(data[13] % 4) as usize];
    let table_end = 16 + 16 * n;
    if data.len() < table_end {
        return;
    }
    let body = &data[table_end..];
    let mut starts = Vec::new();
    let mut nbytes = Vec::new();
    for s in 0..n {
        let at = 16 + 16 * s;
        starts.push(i64::from_le_bytes(data[at..at + 8].try_into().unwrap()));
        nbytes.push(i64::from_le_bytes(
            data[at + 8..at + 16].try_into().unwrap(),
        ));
    }
    // Every other stream, in reverse order, and one index past the end when asked.
    let mut selected: Vec<usize> = (0..n).rev().step_by(2).collect();
    if data[14] & 1 == 1 {
        selected.push(n);
    }
    let channels = if size == 8 { 2 } else { 1 };
    let offsets = vec![0.5f64; n];
    let gains = vec![1000.0f64; n];
    let offsets32 = vec![0.5f32; n];
    let gains32 = vec![1000.0f32; n];
    let (op, gp) = match (kind, size) {
        (b'f', 8) => (offsets.as_ptr().cast(), gains.as_ptr().cast()),
        (b'f', 4) => (offsets32.as_ptr().cast(), gains32.as_ptr().cast()),
        _ => (std::ptr::null(), std::ptr::null()),
    };
    let mut err = [0 as c_char; 256];
    // SAFETY (every call below): the pointers are to live buffers of the lengths passed.
    unsafe {
        let checked = flacarray_check_streams(
            body.len(),
            stream_size,
            starts.as_ptr(),
            nbytes.as_ptr(),
            n,
            channels,
            selected.as_ptr(),
            selected.len(),
            err.as_mut_ptr(),
            err.len(),
        );
        // The caller allocates the output only once the check passed, as h5flac does.
        if checked == 0 && first <= last && last <= stream_size {
            let len = selected.len() * (last - first) * size;
            let mut out = vec![0u64; len.div_ceil(8)];
            let _ = flacarray_decompress_streams(
                body.as_ptr().cast(),
                body.len(),
                stream_size,
                starts.as_ptr(),
                nbytes.as_ptr(),
                n,
                kind as c_char,
                size,
                op,
                gp,
                selected.as_ptr(),
                selected.len(),
                first,
                last,
                i32::from(data[14] & 2 != 0),
                out.as_mut_ptr().cast(),
                len,
                err.as_mut_ptr(),
                err.len(),
            );
        }
        // A sample range of the body as one stream, from its head and a planned window.
        let head = &body[..body.len().min(flacarray_head_probe())];
        let (mut a, mut b, mut k0) = (0u64, 0u64, 0u64);
        let margin = [0.25, 2.0, 0.0, -1.0, f64::NAN][(data[15] % 5) as usize];
        let planned = flacarray_stream_window(
            head.as_ptr().cast(),
            head.len(),
            body.len() as u64,
            stream_size,
            first,
            last,
            margin,
            &mut a,
            &mut b,
            &mut k0,
        );
        let (a, b) = if planned == 1 {
            (a as usize, b as usize)
        } else {
            (first % (body.len() + 1), last % (body.len() + 1))
        };
        if a <= b && b <= body.len() && first < last && last - first <= 1 << 16 {
            let mut out = vec![0u64; (last - first) * size / 8 + 1];
            let _ = flacarray_decode_window(
                head.as_ptr().cast(),
                head.len(),
                body[a..b].as_ptr().cast(),
                b - a,
                if planned == 1 {
                    k0
                } else {
                    u64::from(data[15])
                },
                stream_size,
                first,
                kind as c_char,
                size,
                op,
                gp,
                out.as_mut_ptr().cast(),
                (last - first) * size,
                err.as_mut_ptr(),
                err.len(),
            );
        }
    }
});
