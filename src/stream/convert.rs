//! Conversion between floats and the integers FLAC stores, bit-exact with Python flacarray 0.4.1.
//!
//! Per stream: the offset is the midrange snapped toward zero to a multiple of the quanta, the
//! gain is `1/quanta` (computed in f64, stored in the float type), and samples are rounded half
//! away from zero. float32 maps to int32 and float64 to int64. Unlike the Python package, values
//! that are not finite or do not fit the integer range are refused, and a constant stream whose
//! precision gives a zero quanta is stored exactly.

use crate::error::Error;
use crate::stream::flac::IntSample;

/// A float type that flacarray quantizes, with its integer partner.
pub trait Float:
    Copy
    + Default
    + Send
    + Sync
    + std::fmt::Debug
    + PartialOrd
    + std::ops::Sub<Output = Self>
    + std::ops::Add<Output = Self>
    + std::ops::Div<Output = Self>
{
    /// Bits of the integer type.
    const BITS: u32;
    /// The integer type of the same width.
    type Int: IntSample;
    /// `v` rounded to this type (`as`).
    fn from_f64(v: f64) -> Self;
    /// This value as f64 (`as`).
    fn to_f64(self) -> f64;
    /// Quantize one sample: `(gain * (x - off))` rounded half away from zero, or `None` if it
    /// does not fit the integer type. Mirrors the C expression of the Python package.
    fn quantize(self, off: Self, gain: Self) -> Option<Self::Int>;
    /// [`Float::quantize`] without a branch: the integer (saturated when it does not fit)
    /// and whether it fits.
    fn quantize_flagged(self, off: Self, gain: Self) -> (Self::Int, bool);
    /// Restore one sample: `off + coeff * (T)i`.
    fn restore(i: Self::Int, off: Self, coeff: Self) -> Self;
    /// Restore `out.len()` samples straight from a decoded FLAC frame's channels (the
    /// integer's 32-bit words, low word first, as `IntSample` lays them out), with the
    /// result of [`Float::restore`] to the bit.
    fn restore_channels(ch: &[&[i32]], off: Self, coeff: Self, out: &mut [Self]);
    /// numpy's pairwise sum in this type.
    fn pairwise_sum(a: &[Self]) -> Self;
    /// `x * x` in this type.
    fn square(self) -> Self;
    /// Square root in this type.
    fn sqrt(self) -> Self;
}

/// Round half away from zero the way `(I)((double)v ± 0.5)` does, returning `None` outside
/// the integer range instead of C's undefined behaviour.
#[inline]
fn round_away(v: f64, min: f64, max_excl: f64) -> Option<f64> {
    let (r, fits) = round_away_flagged(v, min, max_excl);
    fits.then_some(r)
}

/// [`round_away`] as the value before truncation and whether it fits, without a branch.
#[inline(always)]
fn round_away_flagged(v: f64, min: f64, max_excl: f64) -> (f64, bool) {
    let r = v + if v >= 0.0 { 0.5 } else { -0.5 };
    // `r` truncates toward zero; it fits when -2^(b-1) - 1 < r < 2^(b-1).
    (r, (r > min - 1.0) & (r < max_excl))
}

macro_rules! pairwise {
    ($t:ty, $a:expr) => {{
        fn pw(a: &[$t]) -> $t {
            let n = a.len();
            if n < 8 {
                let mut res: $t = 0.0;
                for &x in a {
                    res += x;
                }
                res
            } else if n <= 128 {
                let mut r = [a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]];
                let mut i = 8;
                while i < n - (n % 8) {
                    for j in 0..8 {
                        r[j] += a[i + j];
                    }
                    i += 8;
                }
                let mut res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
                while i < n {
                    res += a[i];
                    i += 1;
                }
                res
            } else {
                let mut n2 = n / 2;
                n2 -= n2 % 8;
                pw(&a[..n2]) + pw(&a[n2..])
            }
        }
        pw($a)
    }};
}

impl Float for f32 {
    const BITS: u32 = 32;
    type Int = i32;
    fn from_f64(v: f64) -> f32 {
        v as f32
    }
    fn to_f64(self) -> f64 {
        self as f64
    }
    #[inline]
    fn quantize(self, off: f32, gain: f32) -> Option<i32> {
        let t = self - off;
        round_away((gain * t) as f64, i32::MIN as f64, 2147483648.0).map(|r| r as i32)
    }
    #[inline(always)]
    fn quantize_flagged(self, off: f32, gain: f32) -> (i32, bool) {
        let (r, fits) =
            round_away_flagged((gain * (self - off)) as f64, i32::MIN as f64, 2147483648.0);
        (r as i32, fits)
    }
    #[inline]
    fn restore(i: i32, off: f32, coeff: f32) -> f32 {
        off + coeff * (i as f32)
    }
    fn restore_channels(ch: &[&[i32]], off: f32, coeff: f32, out: &mut [f32]) {
        for (o, &i) in out.iter_mut().zip(ch[0]) {
            *o = f32::restore(i, off, coeff);
        }
    }
    fn pairwise_sum(a: &[f32]) -> f32 {
        pairwise!(f32, a)
    }
    fn square(self) -> f32 {
        self * self
    }
    fn sqrt(self) -> f32 {
        f32::sqrt(self)
    }
}

impl Float for f64 {
    const BITS: u32 = 64;
    type Int = i64;
    fn from_f64(v: f64) -> f64 {
        v
    }
    fn to_f64(self) -> f64 {
        self
    }
    #[inline]
    fn quantize(self, off: f64, gain: f64) -> Option<i64> {
        let t = self - off;
        round_away(gain * t, i64::MIN as f64, 9223372036854775808.0).map(|r| r as i64)
    }
    #[inline(always)]
    fn quantize_flagged(self, off: f64, gain: f64) -> (i64, bool) {
        let (r, fits) =
            round_away_flagged(gain * (self - off), i64::MIN as f64, 9223372036854775808.0);
        (r as i64, fits)
    }
    #[inline]
    fn restore(i: i64, off: f64, coeff: f64) -> f64 {
        off + coeff * (i as f64)
    }
    fn restore_channels(ch: &[&[i32]], off: f64, coeff: f64, out: &mut [f64]) {
        for ((o, &lo), &hi) in out.iter_mut().zip(ch[0]).zip(ch[1]) {
            // `hi * 2^32` and `lo` are exact doubles and one correctly rounded addition
            // gives `(hi << 32 | lo) as f64` for every i64, in instructions that vectorise
            // (there is no vector i64 -> f64 conversion before AVX-512).
            let i = (hi as f64) * 4294967296.0 + (lo as u32 as f64);
            *o = off + coeff * i;
        }
    }
    fn pairwise_sum(a: &[f64]) -> f64 {
        pairwise!(f64, a)
    }
    fn square(self) -> f64 {
        self * self
    }
    fn sqrt(self) -> f64 {
        f64::sqrt(self)
    }
}

/// The population standard deviation of one stream, computed the way `numpy.std` does
/// (pairwise sums in the data type, divisions by the count in f64).
pub fn stream_rms<T: Float>(x: &[T]) -> T {
    let n = x.len() as f64;
    let mean = T::from_f64(T::pairwise_sum(x).to_f64() / n);
    let sq: Vec<T> = x.iter().map(|&v| (v - mean).square()).collect();
    T::from_f64(T::pairwise_sum(&sq).to_f64() / n).sqrt()
}

/// Quanta for one stream from a precision: `rms / 10**precision`.
///
/// `scalar` selects numpy's arithmetic for a scalar precision (division in the data type)
/// rather than the one for a per-stream array (division in f64, then a cast).
pub fn precision_quanta<T: Float>(x: &[T], precision: i32, scalar: bool) -> T {
    let rms = stream_rms(x);
    let scale = 10f64.powf(precision as f64);
    if scalar {
        rms / T::from_f64(scale)
    } else {
        T::from_f64(rms.to_f64() / scale)
    }
}

/// The quanta a stream gets from its range when neither a quanta nor a precision is given,
/// as Python flacarray's C converter derives it (`float32_to_int32` / `float64_to_int64`): the
/// midrange `off` in the data type, `amp = 1.01·max(min − off, max − off)` stored in the data
/// type, and `amp / IMAX` divided in the data type (IMAX = 2^31 − 1 or 2^63 − 1 as that type
/// holds it), so the stream spans about ±IMAX/1.01 integer steps. A constant stream gets 0
/// (then stored exactly, see [`quantize_stream`]); a stream with NaN or an infinity gets 1, and
/// [`quantize_stream`] reports the value.
pub fn range_quanta<T: Float>(x: &[T]) -> T {
    if x.is_empty() || x.iter().any(|v| !v.to_f64().is_finite()) {
        return T::from_f64(1.0);
    }
    let (mut smin, mut smax) = (x[0], x[0]);
    for &v in x {
        if v < smin {
            smin = v;
        }
        if v > smax {
            smax = v;
        }
    }
    let off = T::from_f64(0.5 * (smin + smax).to_f64());
    let (below, above) = (smin - off, smax - off);
    let wider = if below > above { below } else { above };
    let amp = T::from_f64(1.01 * wider.to_f64());
    let imax = if std::mem::size_of::<T>() == 4 {
        i32::MAX as f64
    } else {
        i64::MAX as f64
    };
    amp / T::from_f64(imax)
}

/// Why one stream could not be quantized (the caller adds the stream index).
#[derive(Debug, Clone, PartialEq)]
pub enum QuantizeFailure {
    /// NaN or an infinity at this sample.
    NonFinite {
        /// Sample index.
        sample: usize,
        /// "NaN", "+Inf" or "-Inf".
        what: &'static str,
    },
    /// The value at this sample does not fit the integer type.
    OutOfRange {
        /// Sample index.
        sample: usize,
        /// The value.
        value: f64,
        /// The offset used.
        offset: f64,
    },
    /// The quanta is zero for a stream that is not constant (its RMS underflowed).
    ZeroQuanta,
}

impl QuantizeFailure {
    /// Attach the stream's leading index and quanta to make a crate error.
    pub fn into_error(self, stream: Vec<usize>, quanta: f64, bits: u32) -> Error {
        match self {
            QuantizeFailure::NonFinite { sample, what } => Error::NonFinite {
                stream,
                sample,
                what,
            },
            QuantizeFailure::OutOfRange {
                sample,
                value,
                offset,
            } => Error::OutOfRange {
                stream,
                sample,
                value,
                quanta,
                offset,
                bits,
            },
            QuantizeFailure::ZeroQuanta => Error::InvalidParameter(format!(
                "stream {stream:?}: the precision gives a zero quanta although the stream is not \
                 constant (its RMS underflows); pass quanta instead"
            )),
        }
    }
}

/// Quantize one stream with quanta `q` into `out`, returning `(offset, gain)`.
///
/// `q` must be finite and non-negative. `q == 0` only arises from a precision on a constant
/// stream; the stream is then stored exactly (offset = its value, gain = 1, all ints zero),
/// where the Python package would round it to whole units (its bug B13).
#[multiversion::multiversion(targets(
    "x86_64+avx512f+avx512dq+avx512vl+avx2+fma",
    "x86_64+avx2+fma"
))]
pub fn quantize_stream<T: Float>(
    x: &[T],
    q: T,
    out: &mut [T::Int],
) -> std::result::Result<(T, T), QuantizeFailure> {
    debug_assert_eq!(x.len(), out.len());
    // Branch-free passes the compiler vectorises; the sample at fault is looked for only
    // when one is (quantization was a sixth of a float64 array's compression time).
    let (smin, smax, finite) = min_max_finite(x);
    if !finite {
        let (sample, f) = x
            .iter()
            .map(|v| v.to_f64())
            .enumerate()
            .find(|(_, f)| !f.is_finite())
            .expect("a value that is not finite");
        let what = if f.is_nan() {
            "NaN"
        } else if f > 0.0 {
            "+Inf"
        } else {
            "-Inf"
        };
        return Err(QuantizeFailure::NonFinite { sample, what });
    }
    let (off, gain) = if q == T::default() {
        if smin != smax {
            return Err(QuantizeFailure::ZeroQuanta);
        }
        (smin, T::from_f64(1.0))
    } else {
        // Midrange in the data type, then snapped toward zero to a multiple of q.
        let mid = T::from_f64(0.5 * (smin + smax).to_f64());
        let nquant = (mid.to_f64() / q.to_f64()) as i64;
        let off = T::from_f64(q.to_f64() * nquant as f64);
        (off, T::from_f64(1.0 / q.to_f64()))
    };
    let mut fits = true;
    for (&v, o) in x.iter().zip(out.iter_mut()) {
        let (i, ok) = v.quantize_flagged(off, gain);
        *o = i;
        fits &= ok;
    }
    if !fits {
        let sample = x
            .iter()
            .position(|v| v.quantize(off, gain).is_none())
            .expect("a value out of range");
        return Err(QuantizeFailure::OutOfRange {
            sample,
            value: x[sample].to_f64(),
            offset: off.to_f64(),
        });
    }
    Ok((off, gain))
}

/// The smallest and largest of `x` (not empty), and whether every value is finite; eight
/// independent lanes, so that the compiler vectorises the comparisons (one running minimum
/// is a chain of dependent comparisons). Among equal values (±0) another may be kept than
/// a left-to-right scan keeps; only the sign of a zero offset of a constant stream can tell.
#[inline(always)]
fn min_max_finite<T: Float>(x: &[T]) -> (T, T, bool) {
    let mut lo = [x[0]; 8];
    let mut hi = [x[0]; 8];
    let mut finite = [true; 8];
    let (chunks, rest) = x.as_chunks::<8>();
    for c in chunks {
        for k in 0..8 {
            let v = c[k];
            finite[k] &= v.to_f64().abs() < f64::INFINITY;
            lo[k] = if v < lo[k] { v } else { lo[k] };
            hi[k] = if v > hi[k] { v } else { hi[k] };
        }
    }
    let mut all = finite.iter().all(|&f| f);
    let (mut smin, mut smax) = (lo[0], hi[0]);
    for k in 1..8 {
        smin = if lo[k] < smin { lo[k] } else { smin };
        smax = if hi[k] > smax { hi[k] } else { smax };
    }
    for &v in rest {
        all &= v.to_f64().abs() < f64::INFINITY;
        smin = if v < smin { v } else { smin };
        smax = if v > smax { v } else { smax };
    }
    (smin, smax, all)
}

/// Restore one stream of floats from its integers, offset and gain.
pub fn restore_stream<T: Float>(ints: &[T::Int], offset: T, gain: T, out: &mut [T]) {
    let coeff = T::from_f64(1.0 / gain.to_f64());
    for (o, &i) in out.iter_mut().zip(ints) {
        *o = T::restore(i, offset, coeff);
    }
}
