//! The FLAC frame decoder every read uses (libFLAC stays the encoder, and the reference the
//! decoder is checked against: `stream::reference`, the `flac_decode` fuzz target). It
//! follows RFC 9639's sections: the frame header (§9.1) with its CRC-8, the subframes (§9.2:
//! constant, verbatim, fixed and linear prediction of any order up to 32, wasted bits), the
//! coded residual (§9.2.7, both Rice codings and escaped partitions; `stream::bits`), the
//! stereo decorrelations (§4.2, with the 33-bit side channel of 32-bit samples) and the
//! frame's CRC-16.
//!
//! It gives what libFLAC 1.5.0 gives, frame for frame, corrupt ones included: a frame
//! libFLAC refuses is an error here too (bad sync or CRC, reserved codes, a partition order
//! or predictor order the block cannot hold, wasted bits of the whole width, non-zero
//! padding, a decoded sample outside the frame's bits per sample), and where libFLAC keeps
//! a prediction in 32 bits (it can prove the sum fits for samples of the subframe's width)
//! so does this decoder, with the same wrapping. Residuals are decoded straight into the
//! subframe's samples with the predictor applied on the way, so one pass over the bits
//! restores the signal.

use crate::stream::bits::{oldest_first, residual, Acc, Bits, Fixed, Lpc, LpcAny, R};
use crate::stream::frames::crc8;

/// What a frame header says, and the frame's length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrameInfo {
    /// The coded number: a frame number (fixed-blocksize stream) or the first sample's
    /// number (`variable`).
    pub number: u64,
    /// The header's blocking-strategy bit (the number is a sample number).
    pub variable: bool,
    /// Samples per channel.
    pub blocksize: usize,
    /// Channels.
    pub channels: usize,
    /// Bits per sample.
    pub bits: u32,
    /// Bytes of the frame, header to CRC-16.
    pub len: usize,
}

/// A frame decoder: each channel's samples of the last frame decoded, in buffers kept from
/// frame to frame.
#[derive(Default)]
pub struct FrameDecoder {
    chans: Vec<Vec<i32>>,
    /// The 33-bit side channel of a 32-bit stereo frame.
    side: Vec<i64>,
}

/// Where a subframe's samples went.
enum Decoded {
    Narrow,
    /// Into the 33-bit side buffer.
    Side,
}

impl FrameDecoder {
    /// A decoder.
    pub fn new() -> FrameDecoder {
        FrameDecoder::default()
    }

    /// Channel `c`'s samples of the last frame decoded (`blocksize` of them).
    pub fn channel(&self, c: usize, blocksize: usize) -> &[i32] {
        &self.chans[c][..blocksize]
    }

    /// Decode the frame at the start of `data`; `stream_bits` is the bits per sample of the
    /// stream's STREAMINFO (for headers that refer to it).
    pub fn decode(&mut self, data: &[u8], stream_bits: u32) -> R<FrameInfo> {
        let (mut info, header_len) = header(data, stream_bits)?;
        let n = info.blocksize;
        if self.chans.len() < info.channels {
            self.chans.resize_with(info.channels, Vec::new);
        }
        let assignment = data[3] >> 4;
        let mut b = Bits::new(&data[header_len..]);
        let mut in_side = false;
        for c in 0..info.channels {
            // The side channel carries one bit more.
            let side = matches!((assignment, c), (8, 1) | (9, 0) | (10, 1));
            let out = &mut self.chans[c];
            if out.len() < n {
                out.resize(n, 0);
            }
            let bps = info.bits + u32::from(side);
            if let Decoded::Side = subframe(&mut b, &mut out[..n], &mut self.side, bps)? {
                in_side = true;
            }
        }
        b.align_zero()?;
        let end = header_len + b.bytes_used();
        let crc = data
            .get(end..end + 2)
            .ok_or("frame truncated before its CRC-16")?;
        if u16::from_be_bytes([crc[0], crc[1]]) != crate::stream::bits::crc16(&data[..end]) {
            return Err("frame CRC mismatch".into());
        }
        info.len = end + 2;
        if assignment >= 8 {
            let (a, rest) = self.chans.split_at_mut(1);
            let side = if in_side { &self.side[..n] } else { &[] };
            undo_stereo(assignment, &mut a[0][..n], &mut rest[0][..n], side);
        }
        if info.bits < 32 {
            for c in &self.chans[..info.channels] {
                if !fit(&c[..n], info.bits) {
                    return Err(format!(
                        "a decoded sample does not fit {} bits per sample",
                        info.bits
                    ));
                }
            }
        }
        Ok(info)
    }
}

/// Whether every sample fits `bits` bits (fewer than 32). A sample fits when its bits above
/// the width are copies of its sign bit: the arithmetic shift by `bits - 1` is then 0 or -1,
/// and 1 more is 0 or 1. One OR over the samples, which the compiler vectorises (AVX2 where
/// the processor has it: twice the lanes).
#[multiversion::multiversion(targets("x86_64+avx2"))]
fn fit(s: &[i32], bits: u32) -> bool {
    let shift = bits - 1;
    let off = s
        .iter()
        .fold(0u32, |a, &x| a | ((x >> shift).wrapping_add(1) as u32 & !1));
    off == 0
}

/// Parse and check a frame header; returns it (without `len`) and its length with the CRC-8.
fn header(data: &[u8], stream_bits: u32) -> R<(FrameInfo, usize)> {
    if data.len() < 6 || data[0] != 0xff || data[1] & 0xfe != 0xf8 {
        return Err("no frame sync code".into());
    }
    let variable = data[1] & 1 == 1;
    let (b2, b3) = (data[2], data[3]);
    if b2 == 0xff || b3 == 0xff {
        return Err("bad frame header".into());
    }
    let bs_code = b2 >> 4;
    let rate_code = b2 & 15;
    if bs_code == 0 || rate_code == 15 {
        return Err("reserved blocksize or sample rate code".into());
    }
    let channels = match b3 >> 4 {
        a @ 0..=7 => a as usize + 1,
        8..=10 => 2,
        _ => return Err("reserved channel assignment".into()),
    };
    let bits = match (b3 >> 1) & 7 {
        0 => stream_bits,
        1 => 8,
        2 => 12,
        4 => 16,
        5 => 20,
        6 => 24,
        7 => 32,
        _ => return Err("reserved sample size code".into()),
    };
    if b3 & 1 != 0 {
        return Err("reserved bit set in a frame header".into());
    }
    if !(4..=32).contains(&bits) {
        return Err(format!("{bits} bits per sample"));
    }
    // The coded number, UTF-8 style: up to 6 bytes (a frame number of 31 bits) or 7 (a
    // sample number of 36 bits).
    let mut pos = 4;
    let first = data[pos];
    pos += 1;
    let extra = first.leading_ones() as usize;
    let max_extra = if variable { 7 } else { 6 };
    let mut number = match extra {
        0 => u64::from(first),
        2.. if extra <= max_extra => u64::from(first) & (0x7f >> extra),
        _ => return Err("bad coded frame number".into()),
    };
    for _ in 1..extra.max(1) {
        let c = *data.get(pos).ok_or("frame header truncated")?;
        pos += 1;
        if c & 0xc0 != 0x80 {
            return Err("bad coded frame number".into());
        }
        number = (number << 6) | u64::from(c & 0x3f);
    }
    let mut take = |n: usize| -> R<u64> {
        let v = data
            .get(pos..pos + n)
            .ok_or("frame header truncated")?
            .iter()
            .fold(0u64, |a, &x| (a << 8) | u64::from(x));
        pos += n;
        Ok(v)
    };
    let blocksize = match bs_code {
        1 => 192,
        2..=5 => 576 << (bs_code - 2),
        6 => take(1)? as usize + 1,
        7 => take(2)? as usize + 1,
        _ => 256 << (bs_code - 8),
    };
    match rate_code {
        12 => {
            take(1)?;
        }
        13 | 14 => {
            take(2)?;
        }
        _ => {}
    }
    let crc = *data.get(pos).ok_or("frame header truncated")?;
    if crc != crc8(&data[..pos]) {
        return Err("frame header CRC mismatch".into());
    }
    let info = FrameInfo {
        number,
        variable,
        blocksize,
        channels,
        bits,
        len: 0,
    };
    Ok((info, pos + 1))
}

/// One subframe of `out.len()` samples of `bps` bits (33 for the side channel of 32-bit
/// stereo, which goes to `side`).
///
/// Compiled twice: for any x86-64, and for processors with BMI1/BMI2/LZCNT (shifts by a
/// register count in one instruction, a leading-zero count without a zero test), chosen at
/// run time (`multiversion`); the Rice decoding and the predictors are inlined into both.
/// The second is a quarter faster on the filter's int32 chunks.
#[multiversion::multiversion(targets("x86_64+bmi1+bmi2+lzcnt"))]
fn subframe<'a>(b: &mut Bits<'a>, out: &mut [i32], side: &mut Vec<i64>, bps: u32) -> R<Decoded> {
    let x = b.read(8)? as u32;
    let kind = x & 0xfe;
    let wasted = if x & 1 == 1 {
        let w = b.unary()? + 1;
        if w >= u64::from(bps) {
            return Err(format!("{w} wasted bits of {bps}"));
        }
        w as u32
    } else {
        0
    };
    let bits = bps - wasted;
    let n = out.len();
    if kind & 0x80 != 0 {
        return Err("subframe padding bit set".into());
    }
    if bits == 33 {
        wide_subframe(b, kind, n, side)?;
        return Ok(Decoded::Side);
    }
    match kind {
        0 => out.fill(b.signed(bits)? as i32),
        2 => {
            for v in out.iter_mut() {
                *v = b.signed(bits)? as i32;
            }
        }
        16..=24 => {
            let order = ((kind >> 1) & 7) as usize;
            warm_up(b, out, order, bits)?;
            match order {
                0 => residual(b, out, 0, Fixed::<0>)?,
                1 => residual(b, out, 1, Fixed::<1>)?,
                2 => residual(b, out, 2, Fixed::<2>)?,
                3 => residual(b, out, 3, Fixed::<3>)?,
                _ => residual(b, out, 4, Fixed::<4>)?,
            }
        }
        64.. => {
            let order = ((kind >> 1) & 31) as usize + 1;
            warm_up(b, out, order, bits)?;
            let (c, shift) = coefficients(b, order)?;
            lpc(b, out, &c[..order], shift, narrow(bits, &c[..order], shift))?;
        }
        _ => return Err(format!("reserved subframe type {}", kind >> 1)),
    }
    if wasted > 0 {
        if bits + wasted < 33 {
            for v in out.iter_mut() {
                *v = ((*v as u32) << wasted) as i32;
            }
        } else {
            // 33 bits with wasted bits: the side channel of 32-bit stereo.
            side.clear();
            side.extend(out.iter().map(|&v| ((v as i64 as u64) << wasted) as i64));
            return Ok(Decoded::Side);
        }
    }
    Ok(Decoded::Narrow)
}

/// The `order` warm-up samples of a predicted subframe.
#[inline(always)]
fn warm_up(b: &mut Bits<'_>, out: &mut [i32], order: usize, bits: u32) -> R<()> {
    if order >= out.len() {
        return Err(format!(
            "predictor order {order} for a block of {}",
            out.len()
        ));
    }
    for v in &mut out[..order] {
        *v = b.signed(bits)? as i32;
    }
    Ok(())
}

/// An LPC subframe's precision, shift and `order` coefficients.
#[inline(always)]
fn coefficients(b: &mut Bits<'_>, order: usize) -> R<([i32; 32], u32)> {
    let precision = b.read(4)? as u32 + 1;
    if precision == 16 {
        return Err("invalid LPC coefficient precision".into());
    }
    let shift = b.signed(5)?;
    if shift < 0 {
        return Err("negative LPC shift".into());
    }
    let mut c = [0i32; 32];
    for v in &mut c[..order] {
        *v = b.signed(precision)? as i32;
    }
    Ok((c, shift as u32))
}

/// Whether libFLAC predicts in 32 bits: the largest prediction before the shift and the
/// largest residual fit 32 bits for samples of `bits` bits (`FLAC__lpc_max_*_bps`).
fn narrow(bits: u32, c: &[i32], shift: u32) -> bool {
    let abs_sum = c
        .iter()
        .fold(0u32, |a, &x| a.wrapping_add(x.unsigned_abs()));
    let max_abs = 1u64 << (bits - 1);
    let before = max_abs.wrapping_mul(u64::from(abs_sum));
    let after = (((before as i64).wrapping_neg()) >> shift).wrapping_neg() as u64;
    silog2(before as i64) <= 32 && silog2(max_abs.wrapping_add(after) as i64) <= 32
}

/// libFLAC's `FLAC__bitmath_silog2`: the bits of `v` as a signed number.
fn silog2(v: i64) -> u32 {
    match v {
        0 => 0,
        -1 => 2,
        _ => {
            let v = if v < 0 { -(v + 1) } else { v } as u64;
            63 - v.leading_zeros() + 2
        }
    }
}

/// Restore an LPC subframe, summed in 32 bits (`narrow`, as libFLAC decides) or 64.
///
/// A wide subframe is first decoded in 32 bits all the same, and kept if every sample is
/// at most `i32::MAX / Σ|c|` in magnitude: then no sum overflowed, and the samples are the
/// 64-bit ones. Else (or on an error) it is decoded again in 64 bits from the same bits.
/// Streams of 32-bit words whose values are far smaller (the filter's int32 and float64
/// chunks) decode so with the 32-bit predictors.
#[inline(always)]
fn lpc(b: &mut Bits<'_>, out: &mut [i32], c: &[i32], shift: u32, narrow: bool) -> R<()> {
    if narrow {
        return lpc_in::<i32>(b, out, c, shift);
    }
    let abs_sum = c
        .iter()
        .map(|x| u64::from(x.unsigned_abs()))
        .sum::<u64>()
        .max(1);
    let bound = (i32::MAX as u64 / abs_sum) as u32;
    let warm = out[..c.len()]
        .iter()
        .fold(0u32, |a, v| a.max(v.unsigned_abs()));
    if warm <= bound {
        let start = b.clone();
        if lpc_in::<i32>(b, out, c, shift).is_ok()
            && out.iter().fold(0u32, |a, v| a.max(v.unsigned_abs())) <= bound
        {
            return Ok(());
        }
        *b = start;
    }
    lpc_in::<i64>(b, out, c, shift)
}

/// [`lpc`] summed in `A`, with the order known at compile time for the orders libFLAC's
/// levels use.
#[inline(always)]
fn lpc_in<A: Acc>(b: &mut Bits<'_>, out: &mut [i32], c: &[i32], shift: u32) -> R<()> {
    macro_rules! orders {
        ($($n:literal)*) => {
            match c.len() {
                $(
                    $n => {
                        let mut p = Lpc::<A, $n> { c: [A::default(); $n], shift };
                        oldest_first(c, &mut p.c);
                        residual(b, out, $n, p)
                    }
                )*
                _ => {
                    let mut p = LpcAny { c: [A::default(); 32], order: c.len(), shift };
                    oldest_first(c, &mut p.c);
                    residual(b, out, c.len(), p)
                }
            }
        };
    }
    orders!(1 2 3 4 5 6 7 8 9 10 11 12)
}

/// A subframe of 33-bit samples (the side channel of 32-bit stereo), into `side`.
fn wide_subframe(b: &mut Bits<'_>, kind: u32, n: usize, side: &mut Vec<i64>) -> R<()> {
    side.clear();
    match kind {
        0 => side.resize(n, b.signed(33)?),
        2 => {
            for _ in 0..n {
                side.push(b.signed(33)?);
            }
        }
        16..=24 | 64.. => {
            let (order, fixed) = if kind <= 24 {
                (((kind >> 1) & 7) as usize, true)
            } else {
                (((kind >> 1) & 31) as usize + 1, false)
            };
            if order >= n {
                return Err(format!("predictor order {order} for a block of {n}"));
            }
            for _ in 0..order {
                side.push(b.signed(33)?);
            }
            let lpc = if fixed {
                None
            } else {
                Some(coefficients(b, order)?)
            };
            let mut r = vec![0i32; n];
            residual(b, &mut r, order, Fixed::<0>)?;
            for i in order..n {
                let h = &side[i - order..i];
                let p = match &lpc {
                    None => {
                        const FIXED: [&[i64]; 5] =
                            [&[], &[1], &[-1, 2], &[1, -3, 3], &[-1, 4, -6, 4]];
                        FIXED[order]
                            .iter()
                            .zip(h)
                            .fold(0i64, |a, (&c, &x)| a.wrapping_add(c.wrapping_mul(x)))
                    }
                    Some((c, shift)) => {
                        let sum = c[..order].iter().rev().zip(h).fold(0i64, |a, (&c, &x)| {
                            a.wrapping_add(i64::from(c).wrapping_mul(x))
                        });
                        sum >> shift
                    }
                };
                side.push(i64::from(r[i]).wrapping_add(p));
            }
        }
        _ => return Err(format!("reserved subframe type {}", kind >> 1)),
    }
    Ok(())
}

/// Undo the stereo decorrelation of `assignment` (8 left/side, 9 side/right, 10 mid/side),
/// with the side channel in `side` when it has 33 bits (else `side` is empty), as libFLAC
/// does, in wrapping arithmetic.
fn undo_stereo(assignment: u8, x: &mut [i32], y: &mut [i32], side: &[i64]) {
    if !side.is_empty() {
        for i in 0..x.len() {
            let s = side[i];
            match assignment {
                8 => y[i] = (i64::from(x[i]).wrapping_sub(s)) as i32,
                9 => x[i] = (i64::from(y[i]).wrapping_add(s)) as i32,
                _ => {
                    let mid = ((x[i] as i64 as u64) << 1) as i64 | (s & 1);
                    x[i] = (mid.wrapping_add(s) >> 1) as i32;
                    y[i] = (mid.wrapping_sub(s) >> 1) as i32;
                }
            }
        }
        return;
    }
    match assignment {
        8 => x
            .iter()
            .zip(y.iter_mut())
            .for_each(|(&l, s)| *s = l.wrapping_sub(*s)),
        9 => x
            .iter_mut()
            .zip(y.iter())
            .for_each(|(s, &r)| *s = s.wrapping_add(r)),
        _ => x.iter_mut().zip(y.iter_mut()).for_each(|(m, s)| {
            let mid = ((*m as u32) << 1) as i32 | (*s & 1);
            (*m, *s) = (mid.wrapping_add(*s) >> 1, mid.wrapping_sub(*s) >> 1);
        }),
    }
}

#[cfg(test)]
mod tests;
