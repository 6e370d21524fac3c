//! Array-level compression: [`array_compress`], [`array_decompress`] and
//! [`array_decompress_slice`], mirroring the Python functions of the same names.
//!
//! Every vector along the last axis is one stream, compressed independently. Streams are
//! concatenated in C order of their leading index into one byte buffer; `stream_starts` and
//! `stream_nbytes` (shaped like the leading axes, `(1,)` for 1-D input) locate each one.

use ndarray::{ArrayD, ArrayViewD, IxDyn};
use rayon::prelude::*;

use crate::array::dtype::{Element, Quant, Scratch, StreamFailure};
use crate::array::streams::StreamSet;
use crate::error::{Error, Result};
use crate::stream::flac::{check_level, DEFAULT_LEVEL};

/// A value given once for all streams or once per stream (shaped like the leading axes).
#[derive(Debug, Clone, PartialEq)]
pub enum PerStream<V> {
    /// The same value for every stream.
    Scalar(V),
    /// One value per stream; the shape must equal the array's leading shape.
    Array(ArrayD<V>),
}

impl From<f64> for PerStream<f64> {
    fn from(v: f64) -> Self {
        PerStream::Scalar(v)
    }
}
impl From<i32> for PerStream<i32> {
    fn from(v: i32) -> Self {
        PerStream::Scalar(v)
    }
}
impl<V> From<ArrayD<V>> for PerStream<V> {
    fn from(a: ArrayD<V>) -> Self {
        PerStream::Array(a)
    }
}

/// How float streams become integers: the one quantization choice of the array functions,
/// the filter's parameters and the command.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Quantization {
    /// None: integer data (float data is refused without a quantization).
    #[default]
    None,
    /// The value of one integer step, for every stream or per stream.
    Quanta(PerStream<f64>),
    /// Decimal digits kept below each stream's RMS (quanta = rms / 10^precision), for every
    /// stream or per stream.
    Precision(PerStream<i32>),
    /// Each stream scaled on its own from its data range (its quanta about 1/2^31 of it for
    /// float32, 1/2^63 for float64), as Python flacarray's documentation describes the
    /// default: what float data gets when neither a quanta nor a precision is given.
    DataRange,
}

impl Quantization {
    /// One quanta for every stream.
    pub fn quanta(q: f64) -> Quantization {
        Quantization::Quanta(PerStream::Scalar(q))
    }

    /// One precision for every stream.
    pub fn precision(p: i32) -> Quantization {
        Quantization::Precision(PerStream::Scalar(p))
    }
}

impl std::fmt::Display for Quantization {
    /// `quanta 0.001`, `precision 3`, per-stream forms with their shape; empty for none.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Quantization::None => Ok(()),
            Quantization::DataRange => write!(f, "data range"),
            Quantization::Quanta(PerStream::Scalar(q)) => write!(f, "quanta {q}"),
            Quantization::Precision(PerStream::Scalar(p)) => write!(f, "precision {p}"),
            Quantization::Quanta(PerStream::Array(a)) => {
                write!(f, "quanta per stream {:?}", a.shape())
            }
            Quantization::Precision(PerStream::Array(a)) => {
                write!(f, "precision per stream {:?}", a.shape())
            }
        }
    }
}

/// Options of [`array_compress`] (and `FlacArray::from_array`), with Python's defaults.
///
/// Made with [`Default`] and the setters; as in Python, giving both a quanta and a precision
/// is an error ([`Error::BothQuantization`]) when the options are used.
#[derive(Debug, Clone, PartialEq)]
pub struct CompressOptions {
    /// FLAC compression level 0–8 (default 5).
    pub level: u32,
    /// Float data: how the streams become integers.
    pub quantization: Quantization,
    /// Compress streams on the rayon thread pool. The bytes are identical either way.
    pub use_threads: bool,
    /// Both a quanta and a precision were given.
    both: bool,
}

impl Default for CompressOptions {
    fn default() -> Self {
        CompressOptions {
            level: DEFAULT_LEVEL,
            quantization: Quantization::None,
            use_threads: false,
            both: false,
        }
    }
}

impl CompressOptions {
    /// Set the compression level.
    pub fn level(mut self, level: u32) -> Self {
        self.level = level;
        self
    }
    /// Set the quanta (a scalar `f64` or an `ArrayD<f64>` per stream).
    pub fn quanta(mut self, q: impl Into<PerStream<f64>>) -> Self {
        self.both |= matches!(self.quantization, Quantization::Precision(_));
        self.quantization = Quantization::Quanta(q.into());
        self
    }
    /// Set the precision (a scalar `i32` or an `ArrayD<i32>` per stream).
    pub fn precision(mut self, p: impl Into<PerStream<i32>>) -> Self {
        self.both |= matches!(self.quantization, Quantization::Quanta(_));
        self.quantization = Quantization::Precision(p.into());
        self
    }
    /// Set the quantization (replacing any quanta or precision given before).
    pub fn quantization(mut self, q: Quantization) -> Self {
        self.quantization = q;
        self.both = false;
        self
    }
    /// Use threads.
    pub fn use_threads(mut self, on: bool) -> Self {
        self.use_threads = on;
        self
    }
}

/// The compressed form of an array, as returned by [`array_compress`].
#[derive(Debug, Clone, PartialEq)]
pub struct Compressed<T, B = Vec<u8>> {
    /// All streams, back to back.
    pub compressed: B,
    /// Samples per stream (the last axis).
    pub stream_size: usize,
    /// Byte offset of each stream in `compressed` (leading shape).
    pub stream_starts: ArrayD<i64>,
    /// Byte length of each stream (leading shape).
    pub stream_nbytes: ArrayD<i64>,
    /// Float data: the offset subtracted from each stream, in the data type.
    pub stream_offsets: Option<ArrayD<T>>,
    /// Float data: the gain applied to each stream (1/quanta), in the data type.
    pub stream_gains: Option<ArrayD<T>>,
}

/// Leading shape of an array shape: `shape[..-1]`, or `(1,)` for 1-D.
pub(crate) fn leading_shape(shape: &[usize]) -> Vec<usize> {
    if shape.len() <= 1 {
        vec![1]
    } else {
        shape[..shape.len() - 1].to_vec()
    }
}

/// The multi-index of flat stream `i` in a leading shape (C order).
pub(crate) fn unravel(mut i: usize, shape: &[usize]) -> Vec<usize> {
    let mut idx = vec![0; shape.len()];
    for (d, &n) in shape.iter().enumerate().rev() {
        if n > 0 {
            idx[d] = i % n;
            i /= n;
        }
    }
    idx
}

/// Split `n` items into contiguous ranges for the thread pool (one range when serial).
pub(crate) fn work_ranges(n: usize, use_threads: bool) -> Vec<std::ops::Range<usize>> {
    let parts = if use_threads {
        (rayon::current_num_threads() * 8).clamp(1, n.max(1))
    } else {
        1
    };
    (0..parts)
        .map(|p| (p * n / parts)..((p + 1) * n / parts))
        .collect()
}

/// Per-stream quantization choices, checked against the leading shape and data type.
pub(crate) fn stream_quants<T: Element>(
    opts: &CompressOptions,
    lead: &[usize],
    ndim: usize,
) -> Result<Vec<Quant>> {
    let nstreams: usize = lead.iter().product();
    if !T::DTYPE.is_float() {
        return Ok(vec![Quant::None; nstreams]);
    }
    // A per-stream array must have the leading shape; for 1-D data, () or (1,).
    let check = |shape: &[usize], what: &str| -> Result<()> {
        let ok = shape == lead || (ndim == 1 && shape.is_empty());
        if ok {
            Ok(())
        } else {
            Err(Error::Shape(format!(
                "per-stream {what} has shape {shape:?}, but the array's leading shape is {lead:?}"
            )))
        }
    };
    if opts.both {
        return Err(Error::BothQuantization);
    }
    let quants = match &opts.quantization {
        // What Python flacarray documents for "quanta is None" (0.4.1 itself refuses it).
        Quantization::None | Quantization::DataRange => vec![Quant::Range; nstreams],
        Quantization::Quanta(PerStream::Scalar(q)) => vec![Quant::Quanta(*q); nstreams],
        Quantization::Quanta(PerStream::Array(a)) => {
            check(a.shape(), "quanta")?;
            a.iter().map(|&q| Quant::Quanta(q)).collect()
        }
        Quantization::Precision(PerStream::Scalar(p)) => vec![
            Quant::Precision {
                digits: *p,
                scalar: true
            };
            nstreams
        ],
        Quantization::Precision(PerStream::Array(a)) => {
            check(a.shape(), "precision")?;
            a.iter()
                .map(|&p| Quant::Precision {
                    digits: p,
                    scalar: false,
                })
                .collect()
        }
    };
    for (i, q) in quants.iter().enumerate() {
        if let Quant::Quanta(q) = *q {
            let qt = T::from_f64(q).to_f64();
            if !(qt.is_finite() && qt > 0.0) {
                return Err(Error::InvalidParameter(format!(
                    "quanta for stream {:?} is {q} (as {}: {qt}); it must be positive and finite",
                    unravel(i, lead),
                    T::DTYPE
                )));
            }
        }
    }
    Ok(quants)
}

/// What one contiguous range of streams encodes to.
struct EncodedRange<T> {
    bytes: Vec<u8>,
    starts: Vec<i64>,
    offsets: Vec<T>,
    gains: Vec<T>,
}

/// Compress an array whose last axis holds the streams.
///
/// Integers (`i32`, `i64`) are lossless and ignore `quanta`/`precision`. Floats need exactly
/// one of them; every value must be finite and fit the integer range at its stream's quanta.
///
/// ```
/// use flacarray::{array_compress, array_decompress, CompressOptions};
/// use ndarray::ArrayD;
///
/// let data = ArrayD::from_shape_fn(vec![3, 1000], |ix| (ix[0] * 1000 + ix[1]) as i32 % 77);
/// let c = array_compress(data.view(), &CompressOptions::default())?;
/// assert_eq!(c.stream_starts.shape(), &[3]);
/// let back = array_decompress::<i32>(
///     &c.compressed, c.stream_size, c.stream_starts.view(), c.stream_nbytes.view(),
///     None, None, None, None, false,
/// )?;
/// assert_eq!(back, data);
/// # Ok::<(), flacarray::Error>(())
/// ```
pub fn array_compress<T: Element>(
    arr: ArrayViewD<'_, T>,
    opts: &CompressOptions,
) -> Result<Compressed<T>> {
    // Zeroed pages are mapped lazily: the copy touches each once.
    array_compress_into(arr, opts, |n| Ok(vec![0u8; n]))
}

/// [`array_compress`] with the streams written straight into a buffer the caller makes:
/// `alloc(n)` is called once, after every stream is encoded, for exactly `n` bytes (its
/// contents are overwritten), and the streams are copied into it on the thread pool with
/// `use_threads`. The plugin's C function gives memory from `calloc` this way, so the bytes are
/// not copied twice.
#[doc(hidden)]
pub fn array_compress_into<T: Element, B: AsMut<[u8]>>(
    arr: ArrayViewD<'_, T>,
    opts: &CompressOptions,
    alloc: impl FnOnce(usize) -> Result<B>,
) -> Result<Compressed<T, B>> {
    check_level(opts.level).map_err(Error::InvalidParameter)?;
    if arr.ndim() == 0 {
        return Err(Error::Shape(
            "cannot compress a 0-dimensional array; give at least one axis".into(),
        ));
    }
    if arr.is_empty() {
        return Err(Error::Empty(arr.shape().to_vec()));
    }
    let shape = arr.shape().to_vec();
    let lead = leading_shape(&shape);
    let stream_size = shape[shape.len() - 1];
    let nstreams: usize = lead.iter().product();
    let quants = stream_quants::<T>(opts, &lead, arr.ndim())?;
    let data = arr.as_standard_layout();
    let flat = data.as_slice().expect("standard layout is contiguous");

    let encode_range = |range: std::ops::Range<usize>| -> Result<EncodedRange<T>> {
        let mut scratch = Scratch::<T::Int>::default();
        // Room for the raw size: FLAC output is rarely larger, the pages are only touched as
        // they are written, and a buffer that never reallocates keeps the heap from being
        // grown and shrunk between libFLAC's per-stream allocations.
        // (If the reservation fails, the buffer just grows as needed.)
        let mut bytes = Vec::new();
        let _ = bytes.try_reserve_exact(range.len() * (stream_size * T::DTYPE.size() + 128));
        let mut er = EncodedRange {
            bytes,
            starts: Vec::with_capacity(range.len()),
            offsets: Vec::new(),
            gains: Vec::new(),
        };
        for s in range {
            er.starts.push(er.bytes.len() as i64);
            let x = &flat[s * stream_size..(s + 1) * stream_size];
            match T::encode_stream(x, quants[s], &mut scratch, opts.level, &mut er.bytes) {
                Ok(Some((o, g))) => {
                    er.offsets.push(o);
                    er.gains.push(g);
                }
                Ok(None) => {}
                Err(StreamFailure::Quantize(f, q)) => {
                    return Err(f.into_error(unravel(s, &lead), q, 8 * T::DTYPE.size() as u32))
                }
                Err(StreamFailure::Encode(reason)) => {
                    return Err(Error::Encode { stream: s, reason })
                }
            }
        }
        Ok(er)
    };
    let ranges = work_ranges(nstreams, opts.use_threads);
    let parts: Vec<EncodedRange<T>> = if opts.use_threads {
        ranges
            .into_par_iter()
            .map(encode_range)
            .collect::<Result<_>>()?
    } else {
        ranges
            .into_iter()
            .map(encode_range)
            .collect::<Result<_>>()?
    };

    let total: usize = parts.iter().map(|p| p.bytes.len()).sum();
    let mut compressed = alloc(total)?;
    let buf = compressed.as_mut();
    if buf.len() != total {
        return Err(Error::InvalidParameter(format!(
            "a buffer of {} bytes for {total} compressed bytes",
            buf.len()
        )));
    }
    // Each range's bytes into its own piece of the buffer.
    let mut pieces = Vec::with_capacity(parts.len());
    let mut rest = buf;
    for p in &parts {
        let (piece, tail) = rest.split_at_mut(p.bytes.len());
        pieces.push(piece);
        rest = tail;
    }
    let copy = |(piece, p): (&mut [u8], &EncodedRange<T>)| piece.copy_from_slice(&p.bytes);
    if opts.use_threads {
        pieces.into_par_iter().zip(parts.par_iter()).for_each(copy);
    } else {
        pieces.into_iter().zip(parts.iter()).for_each(copy);
    }
    let mut starts = Vec::with_capacity(nstreams);
    let (mut offsets, mut gains) = (Vec::new(), Vec::new());
    let mut base = 0i64;
    for p in parts {
        starts.extend(p.starts.iter().map(|s| s + base));
        base += p.bytes.len() as i64;
        offsets.extend(p.offsets);
        gains.extend(p.gains);
    }
    let mut nbytes = Vec::with_capacity(nstreams);
    for i in 0..nstreams {
        let end = starts.get(i + 1).copied().unwrap_or(total as i64);
        nbytes.push(end - starts[i]);
    }
    let to_lead = |v: Vec<i64>| ArrayD::from_shape_vec(IxDyn(&lead), v).expect("one per stream");
    let floats = |v: Vec<T>| {
        (T::DTYPE.is_float())
            .then(|| ArrayD::from_shape_vec(IxDyn(&lead), v).expect("one per stream"))
    };
    Ok(Compressed {
        compressed,
        stream_size,
        stream_starts: to_lead(starts),
        stream_nbytes: to_lead(nbytes),
        stream_offsets: floats(offsets),
        stream_gains: floats(gains),
    })
}

/// Options of [`array_decompress_slice`].
#[derive(Debug, Clone, Default)]
pub struct DecompressOptions<'a> {
    /// Decode only the streams marked `true` (shape of `stream_starts`); the result is then
    /// 2-D `(n_kept, n_samples)`.
    pub keep: Option<ArrayViewD<'a, bool>>,
    /// First sample of every stream to decode (default 0).
    pub first_sample: Option<usize>,
    /// One past the last sample of every stream to decode (default `stream_size`).
    pub last_sample: Option<usize>,
    /// Decode streams on the rayon thread pool.
    pub use_threads: bool,
    /// Keep a leading axis of length 1 for single-stream data (Python's `no_flatten`).
    pub no_flatten: bool,
}

/// Decompress all streams, optionally only samples `[first_sample, last_sample)` of each.
///
/// Mirrors Python's `array_decompress`; the type `T` replaces `is_int64` and the offset and
/// gain dtypes (`i32`/`i64` without offsets and gains, `f32`/`f64` with them).
#[allow(clippy::too_many_arguments)]
pub fn array_decompress<T: Element>(
    compressed: &[u8],
    stream_size: usize,
    stream_starts: ArrayViewD<'_, i64>,
    stream_nbytes: ArrayViewD<'_, i64>,
    stream_offsets: Option<ArrayViewD<'_, T>>,
    stream_gains: Option<ArrayViewD<'_, T>>,
    first_sample: Option<usize>,
    last_sample: Option<usize>,
    use_threads: bool,
) -> Result<ArrayD<T>> {
    let opts = DecompressOptions {
        first_sample,
        last_sample,
        use_threads,
        ..Default::default()
    };
    let (arr, _) = array_decompress_slice(
        compressed,
        stream_size,
        stream_starts,
        stream_nbytes,
        stream_offsets,
        stream_gains,
        &opts,
    )?;
    Ok(arr)
}

/// Decompress selected streams and a sample range; returns the array and, when `keep` is
/// given, the leading index of every kept stream in output order (else an empty list).
///
/// Without `keep` the result has shape `stream_starts.shape + (n_samples,)`, flattened to 1-D
/// for a single-stream `(1,)` shape unless `no_flatten`.
pub fn array_decompress_slice<T: Element>(
    compressed: &[u8],
    stream_size: usize,
    stream_starts: ArrayViewD<'_, i64>,
    stream_nbytes: ArrayViewD<'_, i64>,
    stream_offsets: Option<ArrayViewD<'_, T>>,
    stream_gains: Option<ArrayViewD<'_, T>>,
    opts: &DecompressOptions<'_>,
) -> Result<(ArrayD<T>, Vec<Vec<usize>>)> {
    let lead = stream_starts.shape().to_vec();
    if stream_nbytes.shape() != lead.as_slice() {
        return Err(Error::Shape(format!(
            "stream_nbytes has shape {:?}, stream_starts {:?}",
            stream_nbytes.shape(),
            lead
        )));
    }
    let offset_gain = match (&stream_offsets, &stream_gains, T::DTYPE.is_float()) {
        (Some(o), Some(g), true) => {
            for (name, s) in [("stream_offsets", o.shape()), ("stream_gains", g.shape())] {
                if s != lead.as_slice() {
                    return Err(Error::Shape(format!(
                        "{name} has shape {s:?}, stream_starts {lead:?}"
                    )));
                }
            }
            true
        }
        (None, None, false) => false,
        (None, None, true) => {
            return Err(Error::InvalidParameter(format!(
                "{} output needs stream_offsets and stream_gains",
                T::DTYPE
            )))
        }
        (Some(_), Some(_), false) => {
            return Err(Error::InvalidParameter(format!(
                "offsets and gains belong to float data, but {} output was requested",
                T::DTYPE
            )))
        }
        _ => {
            return Err(Error::InvalidParameter(
                "stream_offsets and stream_gains must be given together".into(),
            ))
        }
    };
    if stream_size == 0 {
        return Err(Error::InvalidParameter(
            "stream_size must be positive".into(),
        ));
    }
    let first = opts.first_sample.unwrap_or(0);
    let last = opts.last_sample.unwrap_or(stream_size);
    if last > stream_size || first > last {
        return Err(Error::Index(format!(
            "sample range [{first}, {last}) is not within a stream of {stream_size} samples"
        )));
    }
    let n = last - first;

    let (selected, indices) = select_streams(opts.keep.as_ref(), &lead)?;
    let og: Vec<(T, T)> = match (offset_gain, &stream_offsets, &stream_gains) {
        (true, Some(o), Some(g)) => o.iter().copied().zip(g.iter().copied()).collect(),
        _ => Vec::new(),
    };
    let set = StreamSet {
        compressed,
        stream_size,
        starts: stream_starts.iter().copied().collect(),
        nbytes: stream_nbytes.iter().copied().collect(),
        offset_gain: og,
    };
    let out = set.decode(&selected, first, last, opts.use_threads)?;

    let shape = if opts.keep.is_some() {
        vec![selected.len(), n]
    } else if lead == [1] && !opts.no_flatten {
        vec![n]
    } else {
        let mut sh = lead.clone();
        sh.push(n);
        sh
    };
    let arr = ArrayD::from_shape_vec(IxDyn(&shape), out).expect("sized above");
    Ok((arr, indices))
}

/// The flat indices of the streams `keep` marks (all streams without `keep`), in C order,
/// and, with `keep`, their leading indices.
pub(crate) fn select_streams(
    keep: Option<&ArrayViewD<'_, bool>>,
    lead: &[usize],
) -> Result<(Vec<usize>, Vec<Vec<usize>>)> {
    match keep {
        Some(k) if k.shape() != lead => Err(Error::Shape(format!(
            "keep has shape {:?}, but the leading shape is {lead:?}",
            k.shape()
        ))),
        Some(k) => Ok(k
            .iter()
            .enumerate()
            .filter(|(_, &b)| b)
            .map(|(i, _)| (i, unravel(i, lead)))
            .unzip()),
        None => Ok(((0..lead.iter().product()).collect(), Vec::new())),
    }
}
