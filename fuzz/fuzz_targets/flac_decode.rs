//! Differential: this crate's FLAC decoder against libFLAC's on the same bytes, which must
//! give the same samples or both refuse. Input: a mode byte, then
//! - mode 0 (libFLAC's own output): 8 bytes of settings (channels, bits per sample, preset,
//!   blocksize, LPC order, exhaustive search, sample count, a sample range) and the rest as
//!   sample material; the samples (a random walk with steps, noise and runs, so that every
//!   subframe type and both Rice codings turn up) are encoded by libFLAC and decoded by both
//!   engines, whole and as a sample range, and must come back exactly;
//! - mode 1 (arbitrary bytes): 8 bytes of layout (channels, bits, blocksize, stream size,
//!   range) and the rest as bare frames, decoded by both engines;
//! - mode 2: libFLAC's output as in mode 0 with bytes of it overwritten from the input.
#![no_main]

use flacarray::stream::decode::{Decoder, Engine, StreamBytes};
use flacarray::stream::flac::{encode_frames, FrameFormat, IntSample, Settings};
use libfuzzer_sys::fuzz_target;

/// Decode `src` with both engines as `channels` channels (i32 for one, i64 for two) and
/// compare; returns the samples (as i64) when both succeed.
fn both(
    src: StreamBytes<'_>,
    channels: u32,
    size: u64,
    first: u64,
    len: usize,
) -> Option<Vec<i64>> {
    if channels == 1 {
        both_as::<i32>(src, size, first, len)
    } else {
        both_as::<i64>(src, size, first, len)
    }
}

fn both_as<T: IntSample + Into<i64>>(
    src: StreamBytes<'_>,
    size: u64,
    first: u64,
    len: usize,
) -> Option<Vec<i64>> {
    let (mut a, mut b) = (vec![T::default(); len], vec![T::default(); len]);
    let ra = Decoder::with_engine(Engine::Native).decode(src, size, first, &mut a);
    let rb = Decoder::with_engine(Engine::Libflac).decode(src, size, first, &mut b);
    assert_eq!(ra.is_ok(), rb.is_ok(), "native {ra:?}, libFLAC {rb:?}");
    assert!(
        a == b || ra.is_err(),
        "the engines decode different samples"
    );
    ra.ok().map(|_| a.into_iter().map(Into::into).collect())
}

/// Samples from the input's bytes: a walk whose steps, noise level and runs the bytes choose.
fn samples(material: &[u8], n: usize, channels: usize, bits: u32) -> Vec<i32> {
    let top = (1i64 << (bits - 1)) - 1;
    let mut state = 0x9e37_79b9_7f4a_7c15u64 ^ material.len() as u64;
    let mut level = 0i64;
    let mut out = Vec::with_capacity(n * channels);
    for i in 0..n * channels {
        let b = material
            .get(i % material.len().max(1))
            .copied()
            .unwrap_or(0);
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let noise = (state >> (64 - bits.min(40))) as i64 >> (b & 7);
        level = match b >> 6 {
            0 => level,                          // runs
            1 => level + i64::from(b as i8) * 3, // a walk
            2 => level / 2 + noise,              // noise around it
            _ => (state as i64) >> (64 - bits),  // anything in range
        };
        out.push(level.clamp(-top - 1, top) as i32);
        level = level.clamp(-top - 1, top);
    }
    out
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 10 {
        return;
    }
    let (mode, p, rest) = (data[0] % 3, &data[1..9], &data[9..]);
    let channels = u32::from(p[0] % 2) + 1;
    let bits = 4 + u32::from(p[1]) % 29;
    if mode == 1 {
        let blocksize = 16 + u32::from(u16::from_le_bytes([p[2], p[3]])) % 65520;
        let size = 1 + u64::from(u16::from_le_bytes([p[4], p[5]]));
        let first = u64::from(p[6]) % size;
        let len = (1 + u64::from(p[7]) * 37).min(size - first) as usize;
        let format = FrameFormat::new(channels, bits);
        for (f, l) in [(first, len), (0, size as usize)] {
            let src = StreamBytes::Frames {
                frames: rest,
                format,
                blocksize,
            };
            both(src, channels, size, f, l);
        }
        return;
    }
    let preset = u32::from(p[2]) % 9;
    let blocksize = [
        None,
        Some(16),
        Some(192),
        Some(1152),
        Some(4096),
        Some(4608),
        Some(8192),
        Some(16384),
    ][usize::from(p[3] % 8)];
    let max_lpc_order = [None, Some(1), Some(12), Some(32)][usize::from(p[4] % 4)];
    let searches = p[4] & 0x80 != 0 && preset >= 5;
    let n = 1 + usize::from(u16::from_le_bytes([p[5], p[6]])) % 20_000;
    let settings = Settings {
        max_lpc_order,
        searches,
        ..match blocksize {
            Some(b) => Settings::preset(preset).with_blocksize(b),
            None => Settings::preset(preset),
        }
    };
    let words = samples(rest, n, channels as usize, bits);
    let format = FrameFormat::new(channels, bits);
    let mut frames = Vec::new();
    let Ok(bs) = encode_frames(&words, format, &settings, false, &mut frames) else {
        return;
    };
    if mode == 2 {
        // Overwrite bytes of the frames: (position, value) pairs from the input.
        for pair in rest.chunks_exact(3).take(8) {
            let at = usize::from(u16::from_le_bytes([pair[0], pair[1]])) % frames.len();
            frames[at] = pair[2];
        }
    }
    let src = StreamBytes::Frames {
        frames: &frames,
        format,
        blocksize: bs,
    };
    let whole = both(src, channels, n as u64, 0, n);
    if mode == 0 {
        let got = whole.expect("libFLAC's own frames decode");
        let want: Vec<i64> = if channels == 1 {
            words.iter().map(|&w| i64::from(w)).collect()
        } else {
            words
                .chunks_exact(2)
                .map(|w| (i64::from(w[1]) << 32) | i64::from(w[0] as u32))
                .collect()
        };
        assert!(
            got == want,
            "the decoded samples differ from the encoder's input"
        );
    }
    let first = usize::from(p[7]) * 97 % n;
    let len = (n - first).min(1 + usize::from(p[7]) * 13);
    both(src, channels, n as u64, first as u64, len);
});
