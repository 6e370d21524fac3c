//! A FLAC frame decoder in Rust (groundwork for issue 29; not yet used by the codec paths,
//! which decode with libFLAC). It follows RFC 9639's sections: frame header (§9.1),
//! subframes (§9.2: constant, verbatim, fixed and linear prediction, wasted bits), coded
//! residuals (§9.2.7: both Rice codings and escaped partitions), stereo decorrelation
//! (§4.2, with the 33-bit side channel of 32-bit samples) and the frame's CRC-8 and CRC-16.
//! Every length is checked against the data before it is used: corrupt input is an error.

use crate::stream::frames::crc8;

/// A big-endian bit reader over a byte slice.
struct Bits<'a> {
    data: &'a [u8],
    /// The next bit to read, counted from the start of `data`.
    pos: usize,
}

type R<T> = Result<T, String>;

impl<'a> Bits<'a> {
    fn new(data: &'a [u8]) -> Bits<'a> {
        Bits { data, pos: 0 }
    }

    fn left(&self) -> usize {
        self.data.len() * 8 - self.pos
    }

    /// `n` bits (0 to 64) as an unsigned number.
    fn read(&mut self, n: u32) -> R<u64> {
        if n == 0 {
            return Ok(0);
        }
        if self.left() < n as usize {
            return Err("frame truncated".into());
        }
        let mut v = 0u64;
        let mut n = n;
        while n > 0 {
            let byte = self.data[self.pos / 8];
            let used = (self.pos % 8) as u32;
            let take = (8 - used).min(n);
            let bits = (byte >> (8 - used - take)) & ((1u16 << take) - 1) as u8;
            v = (v << take) | u64::from(bits);
            self.pos += take as usize;
            n -= take;
        }
        Ok(v)
    }

    /// `n` bits (1 to 64) as a two's-complement signed number.
    fn signed(&mut self, n: u32) -> R<i64> {
        let v = self.read(n)?;
        Ok(if n == 64 {
            v as i64
        } else {
            ((v << (64 - n)) as i64) >> (64 - n)
        })
    }

    /// A unary number: zeros up to the next 1.
    fn unary(&mut self) -> R<u64> {
        let mut q = 0u64;
        loop {
            if self.left() == 0 {
                return Err("frame truncated in a unary code".into());
            }
            let byte = self.data[self.pos / 8] << (self.pos % 8);
            let room = 8 - self.pos % 8;
            let zeros = (byte.leading_zeros() as usize).min(room);
            if zeros < room {
                self.pos += zeros + 1;
                return Ok(q + zeros as u64);
            }
            self.pos += room;
            q += room as u64;
        }
    }

    fn align(&mut self) {
        self.pos = self.pos.div_ceil(8) * 8;
    }
}

fn crc16(data: &[u8]) -> u16 {
    data.iter().fold(0u16, |mut crc, &b| {
        crc ^= u16::from(b) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x8005
            } else {
                crc << 1
            };
        }
        crc
    })
}

/// One decoded frame: its first sample's number (or frame number), and each channel's
/// samples.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    /// The frame number (fixed blocksize) or first sample (variable blocksize).
    pub number: u64,
    /// Samples per channel.
    pub channels: Vec<Vec<i64>>,
    /// Bytes of the frame.
    pub len: usize,
}

/// Decode the frame at the start of `data`; `bits` is the STREAMINFO sample width (used
/// when the frame header says "from STREAMINFO").
pub fn decode_frame(data: &[u8], bits: u32) -> R<Frame> {
    let mut b = Bits::new(data);
    if b.read(15)? != 0b111_1111_1111_1100 {
        return Err("no frame sync code".into());
    }
    let _variable = b.read(1)?;
    let bs_code = b.read(4)?;
    let rate_code = b.read(4)?;
    let assignment = b.read(4)?;
    let size_code = b.read(3)?;
    if b.read(1)? != 0 {
        return Err("reserved bit set in a frame header".into());
    }
    // The coded number, UTF-8 style (up to 7 bytes).
    let first = b.read(8)?;
    let extra = (first as u8).leading_ones();
    let number = match extra {
        0 => first,
        2..=7 => {
            let mut v = first & (0x7f >> extra);
            for _ in 1..extra {
                let c = b.read(8)?;
                if c & 0xc0 != 0x80 {
                    return Err("bad coded frame number".into());
                }
                v = (v << 6) | (c & 0x3f);
            }
            v
        }
        _ => return Err("bad coded frame number".into()),
    };
    let blocksize = match bs_code {
        1 => 192,
        2..=5 => 576 << (bs_code - 2),
        6 => b.read(8)? as usize + 1,
        7 => b.read(16)? as usize + 1,
        8..=15 => 256 << (bs_code - 8),
        _ => return Err("reserved blocksize code".into()),
    };
    match rate_code {
        12 => {
            b.read(8)?;
        }
        13 | 14 => {
            b.read(16)?;
        }
        15 => return Err("invalid sample rate code".into()),
        _ => {}
    }
    let bps = match size_code {
        0 => bits,
        1 => 8,
        2 => 12,
        4 => 16,
        5 => 20,
        6 => 24,
        7 => 32,
        _ => return Err("reserved sample size code".into()),
    };
    if !(4..=32).contains(&bps) {
        return Err(format!("{bps} bits per sample"));
    }
    let header_end = b.pos / 8;
    let crc = b.read(8)? as u8;
    if crc != crc8(&data[..header_end]) {
        return Err("frame header CRC mismatch".into());
    }
    let (n_channels, kind) = match assignment {
        0..=7 => (assignment as usize + 1, 0),
        8..=10 => (2, assignment),
        _ => return Err("reserved channel assignment".into()),
    };
    let mut channels = Vec::with_capacity(n_channels);
    for c in 0..n_channels {
        // The side channel carries one bit more.
        let side = matches!((kind, c), (8, 1) | (9, 0) | (10, 1));
        channels.push(subframe(&mut b, blocksize, bps + u32::from(side))?);
    }
    b.align();
    let end = b.pos / 8;
    let crc = b.read(16)? as u16;
    if crc != crc16(&data[..end]) {
        return Err("frame CRC mismatch".into());
    }
    if kind != 0 {
        let (a, s) = channels.split_at_mut(1);
        let (x, y) = (&mut a[0], &mut s[0]);
        for i in 0..blocksize {
            let (l, r) = match kind {
                8 => (x[i], x[i].wrapping_sub(y[i])),
                9 => (x[i].wrapping_add(y[i]), y[i]),
                _ => {
                    let mid = (x[i] << 1) | (y[i] & 1);
                    (mid.wrapping_add(y[i]) >> 1, mid.wrapping_sub(y[i]) >> 1)
                }
            };
            x[i] = l;
            y[i] = r;
        }
    }
    Ok(Frame {
        number,
        channels,
        len: end + 2,
    })
}

/// One subframe of `n` samples of `bps` bits.
fn subframe(b: &mut Bits<'_>, n: usize, bps: u32) -> R<Vec<i64>> {
    if b.read(1)? != 0 {
        return Err("subframe padding bit set".into());
    }
    let kind = b.read(6)? as u32;
    let wasted = if b.read(1)? == 1 {
        b.unary()? as u32 + 1
    } else {
        0
    };
    if wasted >= bps {
        return Err(format!("{wasted} wasted bits of {bps}"));
    }
    let bps = bps - wasted;
    let mut s = match kind {
        0 => vec![b.signed(bps)?; n],
        1 => {
            if b.left() < n * bps as usize {
                return Err("frame truncated in a verbatim subframe".into());
            }
            (0..n).map(|_| b.signed(bps)).collect::<R<Vec<_>>>()?
        }
        8..=12 => predicted(b, n, bps, (kind - 8) as usize, false)?,
        32..=63 => predicted(b, n, bps, (kind - 31) as usize, true)?,
        _ => return Err(format!("reserved subframe type {kind}")),
    };
    if wasted > 0 {
        s.iter_mut().for_each(|v| *v <<= wasted);
    }
    Ok(s)
}

/// A fixed or (`lpc`) linear-prediction subframe of prediction `order`.
fn predicted(b: &mut Bits<'_>, n: usize, bps: u32, order: usize, lpc: bool) -> R<Vec<i64>> {
    if order > n {
        return Err(format!("predictor order {order} for a block of {n}"));
    }
    let mut s = Vec::with_capacity(n);
    for _ in 0..order {
        s.push(b.signed(bps)?);
    }
    let coefs = if lpc {
        let precision = b.read(4)? as u32 + 1;
        if precision == 16 {
            return Err("invalid LPC precision".into());
        }
        let shift = b.signed(5)?;
        if shift < 0 {
            return Err("negative LPC shift".into());
        }
        let c = (0..order)
            .map(|_| b.signed(precision))
            .collect::<R<Vec<_>>>()?;
        Some((c, shift as u32))
    } else {
        None
    };
    residual(b, n, order, &mut s)?;
    match coefs {
        None => {
            for i in order..n {
                // The fixed predictors' coefficients (RFC 9639 §9.2.5), with wrapping
                // arithmetic: corrupt residuals give other numbers, never a panic.
                const FIXED: [&[i64]; 5] = [&[], &[1], &[2, -1], &[3, -3, 1], &[4, -6, 4, -1]];
                let p = FIXED[order]
                    .iter()
                    .enumerate()
                    .map(|(j, &cj)| cj.wrapping_mul(s[i - j - 1]))
                    .fold(0i64, i64::wrapping_add);
                s[i] = s[i].wrapping_add(p);
            }
        }
        Some((c, shift)) => {
            for i in order..n {
                let p: i64 = c
                    .iter()
                    .enumerate()
                    .map(|(j, &cj)| cj.wrapping_mul(s[i - j - 1]))
                    .fold(0i64, i64::wrapping_add);
                s[i] = s[i].wrapping_add(p >> shift);
            }
        }
    }
    Ok(s)
}

/// The coded residual of a block of `n` samples after `order` warm-up samples, appended to
/// `s`.
fn residual(b: &mut Bits<'_>, n: usize, order: usize, s: &mut Vec<i64>) -> R<()> {
    let param_bits = match b.read(2)? {
        0 => 4,
        1 => 5,
        _ => return Err("reserved residual coding".into()),
    };
    let escape = (1u64 << param_bits) - 1;
    let porder = b.read(4)? as u32;
    let parts = 1usize << porder;
    if !n.is_multiple_of(parts) || n / parts < order {
        return Err(format!("partition order {porder} for a block of {n}"));
    }
    for p in 0..parts {
        let count = n / parts - if p == 0 { order } else { 0 };
        let param = b.read(param_bits)?;
        if param == escape {
            let raw = b.read(5)? as u32;
            for _ in 0..count {
                s.push(if raw == 0 { 0 } else { b.signed(raw)? });
            }
        } else {
            for _ in 0..count {
                let q = b.unary()?;
                if q >= 1 << 32 {
                    return Err("residual out of range".into());
                }
                let u = (q << param) | b.read(param as u32)?;
                s.push(((u >> 1) as i64) ^ -((u & 1) as i64));
            }
        }
    }
    Ok(())
}

/// Decode a stream's bare frames (no marker or metadata) back to back into each channel's
/// samples: `bits` is the width STREAMINFO would give, `total` the samples per channel.
pub fn decode_frames(mut frames: &[u8], bits: u32, total: usize) -> R<Vec<Vec<i64>>> {
    let mut out: Vec<Vec<i64>> = Vec::new();
    while !frames.is_empty() {
        let f = decode_frame(frames, bits)?;
        if out.is_empty() {
            out = vec![Vec::with_capacity(total); f.channels.len()];
        }
        if f.channels.len() != out.len() {
            return Err("the number of channels changes between frames".into());
        }
        for (o, c) in out.iter_mut().zip(f.channels) {
            o.extend(c);
        }
        if out[0].len() > total {
            return Err(format!("more than {total} samples"));
        }
        frames = &frames[f.len..];
    }
    if out.first().map_or(0, Vec::len) != total {
        return Err(format!("the frames hold fewer than {total} samples"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stream::flac::{encode_frames, FrameFormat, Settings};

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
                let out = decode_frames(&frames, bits, n)
                    .unwrap_or_else(|e| panic!("case {k}, {n} samples: {e}"));
                for (c, samples) in out.iter().enumerate() {
                    let want: Vec<i64> = words
                        .iter()
                        .skip(c)
                        .step_by(channels)
                        .map(|&w| i64::from(w))
                        .collect();
                    assert!(*samples == want, "case {k}, {n} samples, channel {c}");
                }
                // Every single-bit flip is an error or other samples, never a panic.
                if n == 4095 {
                    for i in (0..frames.len()).step_by(7) {
                        let mut bad = frames.clone();
                        bad[i] ^= 0x10;
                        let _ = decode_frames(&bad, bits, n);
                    }
                }
            }
        }
    }
}
