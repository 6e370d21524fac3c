use super::*;
use crate::stream::flac::{encode_frames, FrameFormat, Settings};

/// Bits written MSB first, for frames made by hand.
#[derive(Default)]
struct BitWriter {
    bytes: Vec<u8>,
    used: u32,
}

impl BitWriter {
    fn put(&mut self, n: u32, v: i64) {
        for k in (0..n).rev() {
            if self.used.is_multiple_of(8) {
                self.bytes.push(0);
            }
            let bit = ((v >> k) & 1) as u8;
            *self.bytes.last_mut().unwrap() |= bit << (7 - self.used % 8);
            self.used += 1;
        }
    }
}

/// A frame of 8-bit stereo coded left/side with verbatim subframes (the side channel at 9
/// bits), `pad` in the bits after the last subframe, and correct CRCs.
fn left_side_frame(left: &[i64], side: &[i64], pad: i64) -> Vec<u8> {
    let mut w = BitWriter::default();
    // Sync, fixed blocksize; blocksize from an 8-bit field, rate from STREAMINFO;
    // left/side, 8 bits per sample; frame number 0; the blocksize - 1.
    w.put(16, 0xfff8);
    w.put(8, 0x60);
    w.put(8, 0x82);
    w.put(8, 0);
    w.put(8, left.len() as i64 - 1);
    let crc = crc8(&w.bytes);
    w.put(8, i64::from(crc));
    for (samples, bits) in [(left, 8), (side, 9)] {
        w.put(8, 0x02); // verbatim, no wasted bits
        for &v in samples {
            w.put(bits, v);
        }
    }
    let pad_bits = (8 - w.used % 8) % 8;
    w.put(pad_bits, pad);
    let crc = crate::stream::bits::crc16(&w.bytes);
    w.put(16, i64::from(crc));
    w.bytes
}

/// Samples outside the frame's bits per sample after the stereo decorrelation, and
/// non-zero padding, are refused, as libFLAC refuses them; the same frame with fitting
/// samples decodes.
#[test]
fn refuses_what_libflac_refuses() {
    let mut left = [3i64; 17];
    left[..3].copy_from_slice(&[127, -128, 5]);
    let mut side = [0i64; 17];
    side[..3].copy_from_slice(&[0, -1, 10]);
    let ok = left_side_frame(&left, &side, 0);
    let mut dec = FrameDecoder::new();
    let f = dec.decode(&ok, 8).unwrap();
    assert_eq!(f.len, ok.len());
    assert_eq!(dec.channel(0, 17)[..4], [127, -128, 5, 3]);
    assert_eq!(dec.channel(1, 17)[..4], [127, -127, -5, 3]);
    // right = left - side = 127 - (-128) = 255: not an 8-bit sample.
    let mut bad_side = side;
    bad_side[0] = -128;
    let wide = left_side_frame(&left, &bad_side, 0);
    let e = dec.decode(&wide, 8).unwrap_err();
    assert!(e.contains("does not fit 8 bits"), "{e}");
    // 56 header bits and 2 × 8 + 17 × (8 + 9) end 7 bits short of a byte: padding of 1
    // is refused.
    let padded = left_side_frame(&left, &side, 1);
    let e = dec.decode(&padded, 8).unwrap_err();
    assert!(e.contains("padding"), "{e}");
    // libFLAC agrees on all three.
    use crate::stream::decode::{Decoder, Engine, StreamBytes};
    for (frame, good) in [(&ok, true), (&wide, false), (&padded, false)] {
        let src = StreamBytes::Frames {
            frames: frame,
            format: FrameFormat::new(2, 8),
            blocksize: 17,
        };
        for engine in [Engine::Native, Engine::Libflac] {
            let mut out = [0i64; 17];
            let r = Decoder::with_engine(engine).decode(src, 17, 0, &mut out);
            assert_eq!(r.is_ok(), good, "{engine:?}: {r:?}");
        }
    }
}

/// Every frame of `frames`, each channel's samples end to end.
fn decode_all(mut frames: &[u8], bits: u32) -> R<Vec<Vec<i32>>> {
    let mut dec = FrameDecoder::new();
    let mut out: Vec<Vec<i32>> = Vec::new();
    while !frames.is_empty() {
        let f = dec.decode(frames, bits)?;
        out.resize_with(f.channels, Vec::new);
        for (c, o) in out.iter_mut().enumerate() {
            o.extend_from_slice(dec.channel(c, f.blocksize));
        }
        frames = &frames[f.len..];
    }
    Ok(out)
}

/// Noise over sines with steps, within `bits` bits.
fn signal(n: usize, channels: usize, bits: u32, seed: u64) -> Vec<i32> {
    let mut state = seed | 1;
    let top = (1i64 << (bits - 1)) - 1;
    (0..n * channels)
        .map(|i| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let t = (i / channels) as f64;
            let x = (t * 0.01 * (1 + i % channels) as f64).sin() * 0.6
                + ((state >> 40) as f64 / (1u64 << 24) as f64 - 0.5) * 0.1
                + if (i / 700) % 3 == 0 { 0.2 } else { 0.0 };
            ((x * top as f64) as i64).clamp(-top - 1, top) as i32
        })
        .collect()
}

/// Subframes of 32-bit streams are summed in 64 bits by libFLAC; ours sum them in 32 bits
/// when every sample is small enough, and again in 64 bits when one is not. Here each
/// block (libFLAC's 4096 samples) is a noisy tone swelling from a few units to `top`,
/// coded with order-8 LPC: small warm-up samples, and for the larger `top` 32-bit sums
/// that overflow late in the block (checked to fail without the bound).
#[test]
fn wide_subframes_are_exact_whether_they_fit_32_bits_or_not() {
    for top in [3000.0, 3.0e8] {
        for channels in [1usize, 2] {
            let words: Vec<i32> = (0..20000 * channels)
                .map(|i| {
                    let t = (i / channels) as f64;
                    let swell = ((i / channels) % 4096) as f64 / 4096.0;
                    let noise = ((i * 7919 + i * i % 997) % 1000) as f64 / 1000.0 - 0.5;
                    let tone = (t * 0.05).sin()
                        + 0.3 * (t * 0.011 * (1 + i % channels) as f64).sin()
                        + 0.05 * noise;
                    (top * swell * swell * tone) as i32
                })
                .collect();
            let mut frames = Vec::new();
            let format = FrameFormat::new(channels as u32, 32);
            encode_frames(&words, format, &Settings::preset(5), false, &mut frames).unwrap();
            let out = decode_all(&frames, 32).unwrap();
            for (c, samples) in out.iter().enumerate() {
                let want: Vec<i32> = words.iter().skip(c).step_by(channels).copied().collect();
                assert!(
                    *samples == want,
                    "top {top}, {channels} channels, channel {c}"
                );
            }
        }
    }
}

/// Our decoder gives libFLAC's encoder input back, exactly, for every preset and the
/// filter's settings, 1 and 2 channels, widths 4 to 32, short and long blocks.
#[test]
fn decodes_what_libflac_encodes() {
    let cases = [
        (1, 16, Settings::preset(5)),
        (1, 32, Settings::preset(8)),
        (2, 32, Settings::preset(5)),
        (2, 32, Settings::preset(8)),
        (2, 16, Settings::preset(2)),
        (1, 11, Settings::preset(8).with_blocksize(1152)),
        (1, 4, Settings::preset(0)),
        (1, 24, Settings::preset(8).with_blocksize(16384)),
        (
            1,
            32,
            Settings {
                max_lpc_order: Some(32),
                searches: true,
                ..Settings::preset(8).with_blocksize(8192)
            },
        ),
    ];
    for (k, (channels, bits, settings)) in cases.into_iter().enumerate() {
        for n in [1usize, 17, 4095, 20000] {
            let words = signal(n, channels, bits, k as u64 + n as u64);
            let mut frames = Vec::new();
            encode_frames(
                &words,
                FrameFormat::new(channels as u32, bits),
                &settings,
                false,
                &mut frames,
            )
            .unwrap();
            let out =
                decode_all(&frames, bits).unwrap_or_else(|e| panic!("case {k}, {n} samples: {e}"));
            for (c, samples) in out.iter().enumerate() {
                let want: Vec<i32> = words.iter().skip(c).step_by(channels).copied().collect();
                assert!(*samples == want, "case {k}, {n} samples, channel {c}");
            }
            // Every single-bit flip is an error or other samples, never a panic.
            if n == 4095 {
                for i in (0..frames.len()).step_by(7) {
                    let mut bad = frames.clone();
                    bad[i] ^= 0x10;
                    let _ = decode_all(&bad, bits);
                }
            }
        }
    }
}
