//! The bit-level pieces of the FLAC decoder in [`super::native`]: a big-endian bit reader
//! that keeps up to 63 unread bits in one 64-bit word, the coded residual (RFC 9639 §9.2.7)
//! decoded straight into a subframe with its predictor applied on the way, and the frame
//! CRC-16.
//!
//! The reader never reads past its slice: every read that lacks bits is an error, and a
//! refill near the end falls back to single bytes.

/// Results of the decoder: an error says what was wrong with the frame.
pub(crate) type R<T> = Result<T, String>;

/// A big-endian bit reader over a byte slice.
///
/// `buf` holds the next `count` bits of the stream in its top bits; the bits below them are
/// either zero or the stream's following bits (a refill may load more than it counts, and
/// loading the same bits again leaves them as they are). A copy reads the same bits again
/// from where the original was.
#[derive(Clone)]
pub(crate) struct Bits<'a> {
    data: &'a [u8],
    /// The next byte not yet counted into `buf`.
    pos: usize,
    buf: u64,
    count: u32,
}

impl<'a> Bits<'a> {
    pub(crate) fn new(data: &'a [u8]) -> Bits<'a> {
        let mut b = Bits {
            data,
            pos: 0,
            buf: 0,
            count: 0,
        };
        b.refill();
        b
    }

    /// Top `buf` up to at least 56 bits, or to the end of the data.
    #[inline(always)]
    fn refill(&mut self) {
        if let Some(w) = self.data.get(self.pos..self.pos + 8) {
            let w = u64::from_be_bytes(w.try_into().expect("a slice of 8 bytes"));
            self.buf |= w >> self.count;
            let bytes = (63 - self.count) >> 3;
            self.pos += bytes as usize;
            self.count += bytes << 3;
        } else {
            while self.count <= 56 && self.pos < self.data.len() {
                self.buf |= u64::from(self.data[self.pos]) << (56 - self.count);
                self.pos += 1;
                self.count += 8;
            }
        }
    }

    /// Bytes consumed, rounded up.
    pub(crate) fn bytes_used(&self) -> usize {
        (self.pos * 8 - self.count as usize).div_ceil(8)
    }

    #[inline(always)]
    fn consume(&mut self, n: u32) {
        self.buf <<= n;
        self.count -= n;
    }

    /// `n` bits (0 to 56) as an unsigned number.
    #[inline(always)]
    pub(crate) fn read(&mut self, n: u32) -> R<u64> {
        if n == 0 {
            return Ok(0);
        }
        if self.count < n {
            self.refill();
            if self.count < n {
                return Err("frame truncated".into());
            }
        }
        let v = self.buf >> (64 - n);
        self.consume(n);
        Ok(v)
    }

    /// `n` bits (1 to 56) as a two's-complement number.
    #[inline]
    pub(crate) fn signed(&mut self, n: u32) -> R<i64> {
        let v = self.read(n)?;
        Ok(((v << (64 - n)) as i64) >> (64 - n))
    }

    /// A unary number: the zeros before the next 1. Inlined: a call in the Rice loop's slow
    /// path would make every value live across it go to the stack in the fast path too.
    #[inline(always)]
    pub(crate) fn unary(&mut self) -> R<u64> {
        let mut q = 0u64;
        loop {
            let z = self.buf.leading_zeros();
            if z < self.count {
                self.consume(z + 1);
                return Ok(q + u64::from(z));
            }
            q += u64::from(self.count);
            self.buf = 0;
            self.count = 0;
            self.refill();
            if self.count == 0 {
                return Err("frame truncated in a unary code".into());
            }
        }
    }

    /// Skip to the next byte boundary; the skipped bits must be zero (as libFLAC requires).
    pub(crate) fn align_zero(&mut self) -> R<()> {
        let pad = self.count % 8;
        if self.read(pad)? != 0 {
            return Err("non-zero padding after the last subframe".into());
        }
        Ok(())
    }
}

/// How one residual becomes one sample. The sample before `i` comes in a register
/// (`last`): read back from memory, each sample would wait for the store of the one before
/// (store-to-load forwarding, about 5 cycles a sample). The older samples come from `s`,
/// stored long enough before.
pub(crate) trait Predict: Copy {
    /// The samples before `i` it reads: `next` is called for `i` ≥ this only.
    const ORDER: usize;
    /// Sample `i` from residual `r`, `last` being sample `i - 1`; `last` becomes sample `i`.
    fn next(&self, last: &mut i32, s: &[i32], i: usize, r: i32) -> i32;
}

/// The sample before `i`, or 0 at the start.
#[inline(always)]
fn before(s: &[i32], i: usize) -> i32 {
    if i > 0 {
        s[i - 1]
    } else {
        0
    }
}

/// The fixed predictors of order `O` (RFC 9639 §9.2.5), in wrapping 32-bit arithmetic: the
/// same numbers as libFLAC's 32- and 64-bit versions, which truncate to 32 bits.
#[derive(Clone, Copy)]
pub(crate) struct Fixed<const O: usize>;

impl<const O: usize> Predict for Fixed<O> {
    const ORDER: usize = O;

    #[inline(always)]
    fn next(&self, last: &mut i32, s: &[i32], i: usize, r: i32) -> i32 {
        let a = *last;
        let v = match O {
            0 => r,
            1 => r.wrapping_add(a),
            2 => r.wrapping_add(a.wrapping_mul(2)).wrapping_sub(s[i - 2]),
            3 => r
                .wrapping_add(a.wrapping_sub(s[i - 2]).wrapping_mul(3))
                .wrapping_add(s[i - 3]),
            _ => r
                .wrapping_add(a.wrapping_add(s[i - 3]).wrapping_mul(4))
                .wrapping_sub(s[i - 2].wrapping_mul(6))
                .wrapping_sub(s[i - 4]),
        };
        *last = v;
        v
    }
}

/// The integer a linear prediction is summed in: `i32`, wrapping, where libFLAC can prove
/// the sum fits 32 bits for samples of the subframe's width, else `i64` (its
/// `restore_signal_wide`). Coefficients are held in this type, so that a multiplication can
/// take them from memory as they are.
pub(crate) trait Acc: Copy + Default {
    fn coef(c: i32) -> Self;
    /// `self + c·x`.
    fn mul_add(self, c: Self, x: i32) -> Self;
    /// `r + (self >> shift)`, truncated to 32 bits.
    fn sample(self, r: i32, shift: u32) -> i32;
}

impl Acc for i32 {
    #[inline(always)]
    fn coef(c: i32) -> i32 {
        c
    }
    #[inline(always)]
    fn mul_add(self, c: i32, x: i32) -> i32 {
        self.wrapping_add(c.wrapping_mul(x))
    }
    #[inline(always)]
    fn sample(self, r: i32, shift: u32) -> i32 {
        r.wrapping_add(self >> shift)
    }
}

impl Acc for i64 {
    #[inline(always)]
    fn coef(c: i32) -> i64 {
        i64::from(c)
    }
    #[inline(always)]
    fn mul_add(self, c: i64, x: i32) -> i64 {
        // |c| < 2^15, |x| ≤ 2^31, at most 32 terms: no overflow.
        self.wrapping_add(c * i64::from(x))
    }
    #[inline(always)]
    fn sample(self, r: i32, shift: u32) -> i32 {
        (i64::from(r).wrapping_add(self >> shift)) as i32
    }
}

/// The coefficients of an LPC subframe in the order of the samples they multiply (oldest
/// first), as `A`.
pub(crate) fn oldest_first<A: Acc>(c: &[i32], out: &mut [A]) {
    for (o, &x) in out.iter_mut().zip(c.iter().rev()) {
        *o = A::coef(x);
    }
}

/// Linear prediction of order `N`, summed in `A`; `c[k]` multiplies sample `i - N + k`.
#[derive(Clone, Copy)]
pub(crate) struct Lpc<A, const N: usize> {
    pub c: [A; N],
    pub shift: u32,
}

impl<A: Acc, const N: usize> Predict for Lpc<A, N> {
    const ORDER: usize = N;

    #[inline(always)]
    fn next(&self, last: &mut i32, s: &[i32], i: usize, r: i32) -> i32 {
        // One check, `i ≥ N` (the caller's loop has checked `i < s.len()`).
        let Some(h) = s[..i].last_chunk::<N>() else {
            panic!("sample {i} of an order-{N} prediction");
        };
        // The older samples first, the one before last: only its product and two additions
        // lie between one sample and the next. An index loop: as a zipped iterator the
        // compiler vectorises the sum, and its reduction costs more than it saves.
        let mut sum = A::default();
        #[allow(clippy::needless_range_loop)]
        for k in 0..N - 1 {
            sum = sum.mul_add(self.c[k], h[k]);
        }
        let v = sum.mul_add(self.c[N - 1], *last).sample(r, self.shift);
        *last = v;
        v
    }
}

/// Linear prediction of any order up to 32, summed in `A`, from the samples in memory.
#[derive(Clone, Copy)]
pub(crate) struct LpcAny<A> {
    /// The first `order` are used, oldest sample first.
    pub c: [A; 32],
    pub order: usize,
    pub shift: u32,
}

impl<A: Acc> Predict for LpcAny<A> {
    const ORDER: usize = 0;

    #[inline]
    fn next(&self, last: &mut i32, s: &[i32], i: usize, r: i32) -> i32 {
        let h = &s[i - self.order..i];
        let sum = self.c[..self.order]
            .iter()
            .zip(h)
            .fold(A::default(), |a, (&c, &x)| a.mul_add(c, x));
        *last = sum.sample(r, self.shift);
        *last
    }
}

/// Decode the coded residual of a subframe of `s.len()` samples whose first `order` (the
/// warm-up) are set, turning each residual into its sample with `p`.
#[inline(always)]
pub(crate) fn residual<P: Predict>(b: &mut Bits<'_>, s: &mut [i32], order: usize, p: P) -> R<()> {
    let n = s.len();
    let param_bits = match b.read(2)? {
        0 => 4,
        1 => 5,
        _ => return Err("reserved residual coding method".into()),
    };
    let escape = (1u32 << param_bits) - 1;
    let porder = b.read(4)? as u32;
    let len = n >> porder;
    if len < order || n & ((1 << porder) - 1) != 0 {
        return Err(format!(
            "partition order {porder} for a block of {n} with predictor order {order}"
        ));
    }
    let mut start = order;
    for part in 0..1usize << porder {
        let end = (part + 1) * len;
        let param = b.read(param_bits)? as u32;
        if param == escape {
            let raw = b.read(5)? as u32;
            let mut last = before(s, start);
            for i in start..end {
                let r = if raw == 0 { 0 } else { b.signed(raw)? as i32 };
                s[i] = p.next(&mut last, s, i, r);
            }
        } else {
            match param {
                0 => rice::<P, true, false, true>(b, s, start..end, 0, p)?,
                1..=15 => rice::<P, false, false, true>(b, s, start..end, param, p)?,
                16..=26 => rice::<P, false, false, false>(b, s, start..end, param, p)?,
                _ => rice::<P, false, true, false>(b, s, start..end, param, p)?,
            }
        }
        start = end;
    }
    Ok(())
}

/// One partition of Rice codes of parameter `k` (at most 30; `K0`: `k` is 0; `BIG`: `k`
/// over 26, where a quotient can be too large; `MANY`: short codes, up to three from one
/// refill — for long ones, one a refill is faster: float64 chunks decode 18 % faster so).
///
/// The common codes are decoded with the reader's state in local variables, which the
/// compiler keeps in registers, and a refill before every code without a branch on the
/// count (an unpredictable branch costs more than the load); any other code (a long
/// quotient, the last 8 bytes of the data, a quotient libFLAC refuses) goes through the
/// reader's own methods, one code at a time.
///
/// Compiled for any x86-64, for BMI1/BMI2/LZCNT, and for those with AVX2, where the
/// compiler sums the products of an LPC predictor's samples older than the newest four in
/// one vector multiplication (they were stored long enough before to be loaded together):
/// the scalar multiplications, all on one port, bound the loop (int32 chunks decode about
/// 5 % faster so).
#[multiversion::multiversion(targets("x86_64+avx2+bmi1+bmi2+lzcnt", "x86_64+bmi1+bmi2+lzcnt"))]
fn rice<'a, P: Predict, const K0: bool, const BIG: bool, const MANY: bool>(
    b: &mut Bits<'a>,
    s: &mut [i32],
    range: std::ops::Range<usize>,
    k: u32,
    p: P,
) -> R<()> {
    // libFLAC refuses quotients whose value cannot be a 32-bit residual (but for k = 0).
    let limit = if K0 { u32::MAX } else { u32::MAX >> k };
    let data = b.data;
    // The partition's end is the slice's end: the loop test is the bounds check.
    let s = &mut s[..range.end];
    let mut i = range.start;
    // Said once, so that the compiler drops the predictor's window checks in the loop.
    if i < P::ORDER {
        return Err("a partition starts inside the warm-up".into());
    }
    while i < s.len() {
        let (mut pos, mut buf, mut count) = (b.pos, b.buf, b.count);
        let mut last = before(s, i);
        // One code from `buf`, or out of the loop when it is not a common one. The next
        // `buf` is one shift of this one; the remainder bits are taken off that path. Few
        // values stay live across the loop (every one the compiler must keep on the stack
        // costs a store and a load a sample).
        macro_rules! code {
            ($miss:tt) => {{
                // `| 1`: a count the compiler can take without a zero test; a word of zeros
                // gives 63, more than the bits at hand.
                let z = (buf | 1).leading_zeros();
                let used = z + 1 + k;
                // The quotient times 2^k must fit 32 bits: in this path z ≤ 62 - k, and
                // (62 - k)·2^k < 2^32 for every k up to 26.
                if used > count || (BIG && (u64::from(z) << k) >> 32 != 0) {
                    $miss;
                }
                let u = if K0 {
                    z
                } else {
                    (z << k) | ((buf >> (64 - used)) & ((1u64 << k) - 1)) as u32
                };
                buf <<= used;
                count -= used;
                s[i] = p.next(&mut last, s, i, ((u >> 1) as i32) ^ -((u & 1) as i32));
                i += 1;
            }};
        }
        while i < s.len() {
            let Some(w) = data.get(pos..).and_then(|d| d.first_chunk::<8>()) else {
                break;
            };
            // Refill to 56..63 bits: whole bytes, as many as fit.
            buf |= u64::from_be_bytes(*w) >> count;
            pos += ((63 - count) >> 3) as usize;
            count |= 56;
            code!(break);
            // Short codes: more from the same refill while they are likely to be there (if
            // not, the loop refills and tries again).
            if MANY && i < s.len() && count >= 24 {
                code!(continue);
                if i < s.len() && count >= 24 {
                    code!(continue);
                }
            }
        }
        (b.pos, b.buf, b.count) = (pos, buf, count);
        if i < s.len() {
            let q = b.unary()?;
            if q > u64::from(limit) {
                return Err("a residual out of the 32-bit range".into());
            }
            let u = ((q << k) | b.read(k)?) as u32;
            s[i] = p.next(&mut last, s, i, ((u >> 1) as i32) ^ -((u & 1) as i32));
            i += 1;
        }
    }
    Ok(())
}

/// The CRC-16 of FLAC frames: CRC-16/UMTS (polynomial 0x8005, MSB first, no initial or
/// final XOR), with `crc-fast`'s carry-less multiplication where the processor has it
/// (PCLMULQDQ on x86-64, PMULL on AArch64; tables elsewhere). Sixteen-byte tables took
/// 12 % of a decode of the filter's int32 chunks; this makes the decode 14 % faster.
pub(crate) fn crc16(data: &[u8]) -> u16 {
    crc_fast::checksum(crc_fast::CrcAlgorithm::Crc16Umts, data) as u16
}

#[cfg(test)]
mod tests {
    use super::*;

    fn crc16_bitwise(data: &[u8]) -> u16 {
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

    #[test]
    fn crc16_matches_the_bitwise_definition() {
        let data: Vec<u8> = (0..70_000u32).map(|i| (i * 7919 % 251) as u8).collect();
        for n in [
            0, 1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 100, 1000, 4097, 65_537, 70_000,
        ] {
            assert_eq!(crc16(&data[..n]), crc16_bitwise(&data[..n]), "{n} bytes");
        }
        // The check value of CRC-16/UMTS, the same polynomial and conventions.
        assert_eq!(crc16(b"123456789"), 0xfee8);
    }

    #[test]
    fn reader_reads_across_words_and_stops_at_the_end() {
        let data = [
            0b1010_1100u8,
            0xff,
            0x00,
            0x01,
            0x80,
            0x12,
            0x34,
            0x56,
            0x78,
            0x9a,
        ];
        let mut b = Bits::new(&data);
        assert_eq!(b.read(1).unwrap(), 1);
        assert_eq!(b.read(3).unwrap(), 0b010);
        assert_eq!(b.signed(4).unwrap(), -4);
        assert_eq!(b.read(8).unwrap(), 0xff);
        assert_eq!(b.unary().unwrap(), 15);
        assert_eq!(b.unary().unwrap(), 0);
        assert_eq!(b.bytes_used(), 5);
        assert_eq!(b.read(39).unwrap(), 0x1234_5678);
        assert!(b.read(9).is_err());
        assert_eq!(b.read(8).unwrap(), 0x9a);
        assert!(b.read(1).is_err());
        assert!(Bits::new(&[0, 0]).unary().is_err());
    }
}
