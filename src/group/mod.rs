//! The group format of Python flacarray (spec §§4, 9, 10), independent of where it is
//! stored: the names, the checks that turn a group's datasets and attributes into a
//! [`GroupInfo`], and the reads (whole streams, kept streams, sample windows) that decode it.
//! A store ([`store::Store`]: the HDF5 group in `hdf5/`, the Zarr group in `zarr.rs`)
//! supplies the values, a [`ByteSource`] for the `compressed` bytes and the writes; `io.rs`
//! is the serial transport over any store (the MPI ones are in `crate::mpi`).

#[cfg(feature = "hdf5")]
pub mod hdf5;
pub(crate) mod io;
#[doc(hidden)]
pub mod memory;
pub(crate) mod store;
#[cfg(feature = "zarr")]
pub mod zarr;

use std::ops::Range;

use ndarray::{ArrayD, ArrayViewD, IxDyn};
use rayon::prelude::*;

use crate::array::compress::{leading_shape, select_streams};
use crate::array::dtype::{DType, Element};
use crate::array::index::Slice;
use crate::array::streams::StreamSet;
use crate::array::{FlacArray, ReadOptions};
use crate::error::{Error, Result};
use crate::stream::convert::restore_stream;
use crate::stream::decode::{with_decoder, StreamBytes};
use crate::stream::frames;

/// The format version this library writes.
pub const FORMAT_VERSION: &str = "1";
pub(crate) const ATTR_VERSION: &str = "flacarray_format_version";
pub(crate) const ATTR_SOFTWARE: &str = "flacarray_software_version";
pub(crate) const ATTR_CHANNELS: &str = "flac_channels";
/// The original array shape (ours; Python ignores it).
pub(crate) const ATTR_SHAPE: &str = "flacarray_shape";
pub(crate) const ATTR_STREAM_SIZE: &str = "stream_size";
pub(crate) const DS_STARTS: &str = "stream_starts";
pub(crate) const DS_BYTES: &str = "stream_bytes";
pub(crate) const DS_OFFSETS: &str = "stream_offsets";
pub(crate) const DS_GAINS: &str = "stream_gains";
pub(crate) const DS_COMPRESSED: &str = "compressed";
/// Every dataset name of a group (a target holding any of them is refused).
pub(crate) const ALL_DATASETS: [&str; 5] =
    [DS_STARTS, DS_BYTES, DS_OFFSETS, DS_GAINS, DS_COMPRESSED];
/// The software version attribute this library writes.
pub(crate) const SOFTWARE: &str = concat!("flacarray-rs ", env!("CARGO_PKG_VERSION"));

/// How the streams of a group are to be turned back into values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Format 1 (or v0 int32/float32, which are the same): the dtype's own rules.
    Plain(DType),
    /// Format 0 int64: 1-channel int32 samples plus an int64 offset per stream.
    V0Int64,
    /// Format 0 float64: 1-channel int32 samples, float64 offset and gain.
    V0Float64,
}

impl Kind {
    pub(crate) fn dtype(self) -> DType {
        match self {
            Kind::Plain(d) => d,
            Kind::V0Int64 => DType::Int64,
            Kind::V0Float64 => DType::Float64,
        }
    }
}

/// A per-stream float dataset as read by a back end: its values as f64 and its element size.
#[doc(hidden)]
pub type FloatValues = (Vec<f64>, usize);

/// A group's values as a back end reads them, before any check.
#[doc(hidden)]
#[derive(Debug, Clone, PartialEq)]
pub struct Meta {
    /// `flacarray_format_version`, if present.
    pub version: i64,
    /// `flac_channels`, if present.
    pub channels: Option<i64>,
    /// Shape of `stream_starts`.
    pub lead: Vec<usize>,
    /// Its `stream_size` attribute.
    pub stream_size: Option<i64>,
    /// `stream_starts`.
    pub starts: Vec<i64>,
    /// `stream_bytes`.
    pub nbytes: Vec<i64>,
    /// Float `stream_offsets`.
    pub offsets: Option<FloatValues>,
    /// Float `stream_gains`.
    pub gains: Option<FloatValues>,
    /// Integer `stream_offsets` (format 0 int64).
    pub int_offsets: Option<Vec<i64>>,
    /// `flacarray_shape`, if present.
    pub shape: Option<Vec<i64>>,
    /// Length of `compressed`.
    pub compressed_len: u64,
}

/// What a flacarray group holds, read and checked; `S` reads its compressed bytes.
pub struct GroupInfo<S> {
    pub kind: Kind,
    pub stream_size: usize,
    /// Leading shape (the shape of `stream_starts`).
    pub lead: Vec<usize>,
    /// The array's shape: the recorded one, else Python's (1-D for a single stream).
    pub shape: Vec<usize>,
    pub starts: Vec<i64>,
    pub nbytes: Vec<i64>,
    /// Float offsets and gains, as f64.
    pub offsets: Option<Vec<f64>>,
    pub gains: Option<Vec<f64>>,
    /// v0 int64 offsets.
    pub int_offsets: Option<Vec<i64>>,
    pub compressed: S,
    pub compressed_len: u64,
}

/// The error for a group without the format attribute.
pub(crate) fn no_group() -> Error {
    Error::Group(format!(
        "the group holds no flacarray data (it has no `{ATTR_VERSION}` attribute)"
    ))
}

impl<S> GroupInfo<S> {
    /// Check a group's values (versions, channels, shapes, byte ranges) and classify it.
    pub(crate) fn new(m: Meta, compressed: S) -> Result<GroupInfo<S>> {
        let version = m.version;
        if version != 0 && version != 1 {
            return Err(Error::Group(format!(
                "flacarray format version {version} is not supported (this library reads 0 and 1)"
            )));
        }
        let channels = match m.channels {
            Some(c) => c,
            None if version == 0 => 1,
            None => {
                return Err(Error::Group(format!(
                    "format 1 group without `{ATTR_CHANNELS}`"
                )))
            }
        };
        let lead = m.lead;
        if lead.is_empty() || lead.contains(&0) {
            return Err(Error::Shape(format!("`{DS_STARTS}` has shape {lead:?}")));
        }
        let stream_size = m.stream_size.ok_or_else(|| {
            Error::Group(format!(
                "`{DS_STARTS}` has no `{ATTR_STREAM_SIZE}` attribute"
            ))
        })?;
        if stream_size <= 0 {
            return Err(Error::InvalidParameter(format!(
                "stream_size is {stream_size}"
            )));
        }
        let stream_size = stream_size as usize;
        let n: usize = lead.iter().product();
        let per_stream = [
            (DS_STARTS, Some(m.starts.len())),
            (DS_BYTES, Some(m.nbytes.len())),
            (DS_OFFSETS, m.offsets.as_ref().map(|o| o.0.len())),
            (DS_GAINS, m.gains.as_ref().map(|g| g.0.len())),
            (DS_OFFSETS, m.int_offsets.as_ref().map(|o| o.len())),
        ];
        for (name, len) in per_stream {
            if len.is_some_and(|len| len != n) {
                return Err(Error::Shape(format!(
                    "`{name}` has {} values, but `{DS_STARTS}` has shape {lead:?}",
                    len.unwrap_or(0)
                )));
            }
        }
        let (offsets, gains, int_offsets) = (m.offsets, m.gains, m.int_offsets);
        let kind = match (version, channels, &offsets, &gains, &int_offsets) {
            (_, 1, None, None, None) => Kind::Plain(DType::Int32),
            (1, 2, None, None, None) => Kind::Plain(DType::Int64),
            (_, 1, Some((_, 4)), Some((_, 4)), None) => Kind::Plain(DType::Float32),
            (1, 2, Some((_, 8)), Some((_, 8)), None) => Kind::Plain(DType::Float64),
            (0, 1, None, None, Some(_)) => Kind::V0Int64,
            (0, 1, Some((_, 8)), Some((_, 8)), None) => Kind::V0Float64,
            _ => {
                return Err(Error::Group(format!(
                    "inconsistent flacarray group: format {version}, {channels} channel(s), offsets {}, gains {}",
                    if offsets.is_some() || int_offsets.is_some() { "present" } else { "absent" },
                    if gains.is_some() { "present" } else { "absent" },
                )))
            }
        };
        let total = m.compressed_len as i64;
        let most = max_stream_bytes(stream_size, channels as usize);
        let least = min_stream_bytes(stream_size, channels as usize);
        for (s, (&a, &n)) in m.starts.iter().zip(&m.nbytes).enumerate() {
            if a < 0 || n <= 0 || a.checked_add(n).is_none_or(|e| e > total) {
                return Err(Error::Corrupt {
                    stream: s,
                    reason: format!(
                        "bytes [{a}, {a} + {n}) are outside the {total}-byte `{DS_COMPRESSED}` dataset"
                    ),
                });
            }
            if (n as u64) < least {
                return Err(Error::Corrupt {
                    stream: s,
                    reason: format!(
                        "{n} bytes cannot hold a FLAC stream of {stream_size} samples (it takes \
                         at least {least}); `{DS_BYTES}` or `{ATTR_STREAM_SIZE}` is damaged"
                    ),
                });
            }
            if n as u64 > most {
                return Err(Error::Corrupt {
                    stream: s,
                    reason: format!(
                        "{n} bytes are more than a FLAC stream of {stream_size} samples can take \
                         (at most {most}); `{DS_BYTES}` is damaged"
                    ),
                });
            }
        }
        let shape = match m.shape {
            Some(sh) => {
                let sh: Vec<usize> = sh.iter().map(|&v| v.max(0) as usize).collect();
                if leading_shape(&sh) != lead || sh.last() != Some(&stream_size) {
                    return Err(Error::Shape(format!(
                        "`{ATTR_SHAPE}` {sh:?} disagrees with the streams ({lead:?} of {stream_size})"
                    )));
                }
                sh
            }
            // Python's shape: 1-D for a single stream.
            None if lead == [1] => vec![stream_size],
            None => {
                let mut sh = lead.clone();
                sh.push(stream_size);
                sh
            }
        };
        Ok(GroupInfo {
            kind,
            stream_size,
            lead,
            shape,
            starts: m.starts,
            nbytes: m.nbytes,
            offsets: offsets.map(|o| o.0),
            gains: gains.map(|g| g.0),
            int_offsets,
            compressed,
            compressed_len: m.compressed_len,
        })
    }

    /// The samples a read of `T` with `stream_slice` decodes, after checking that `T` is the
    /// stored type.
    pub(crate) fn sample_range<T: Element>(
        &self,
        stream_slice: Option<&Slice>,
    ) -> Result<Range<usize>> {
        if self.kind.dtype() != T::DTYPE {
            return Err(Error::DTypeMismatch {
                stored: self.kind.dtype().name(),
                requested: T::DTYPE.name(),
            });
        }
        match stream_slice {
            Some(s) => s.to_range(self.stream_size, "stream_slice"),
            None => Ok(0..self.stream_size),
        }
    }

    /// The brief description for listings.
    pub(crate) fn summary(&self, format: i64) -> GroupSummary {
        GroupSummary {
            format,
            dtype: self.kind.dtype(),
            shape: self.shape.clone(),
            compressed_bytes: self.compressed_len,
        }
    }
}

pub(crate) use crate::array::streams::min_stream_bytes;

/// The most bytes a FLAC stream of `samples` samples in `channels` channels of up to 32 bits
/// can take: every frame verbatim (33 bits a sample for a stereo side channel), frames of
/// FLAC's smallest blocksize (16) with the longest frame header and footer (18 bytes) and
/// one subframe header per channel, and up to 64 KiB of metadata blocks.
pub(crate) fn max_stream_bytes(samples: usize, channels: usize) -> u64 {
    let (samples, channels) = (samples as u64, channels as u64);
    let frames = samples.div_ceil(16);
    let data = samples.saturating_mul(channels * 33).div_ceil(8);
    frames
        .saturating_mul(18 + channels * 2)
        .saturating_add(data)
        .saturating_add(64 << 10)
}

/// Whole streams larger than this in all are first checked to start with the FLAC marker,
/// so that a damaged or never-written `compressed` dataset fails before a large read.
const PROBE_ABOVE: u64 = 64 << 20;

/// Read whole streams (their byte ranges in `compressed`) into one buffer, as [`read_spans`].
pub(crate) fn read_streams<S>(
    info: &GroupInfo<S>,
    selected: &[usize],
) -> Result<(Vec<u8>, Vec<Range<usize>>)>
where
    S: ByteSource,
{
    let ranges = stream_ranges(info, selected);
    let total = ranges
        .iter()
        .fold(0u64, |t, r| t.saturating_add(r.end - r.start));
    if total > PROBE_ABOVE {
        let heads: Vec<Range<u64>> = ranges
            .iter()
            .map(|r| r.start..(r.start + 4).min(r.end))
            .collect();
        let (buf, spans) = read_spans(&info.compressed, &heads)?;
        for (i, span) in spans.into_iter().enumerate() {
            if buf[span] != *b"fLaC" {
                return Err(Error::Corrupt {
                    stream: selected[i],
                    reason: format!(
                        "no FLAC stream at byte {} of `{DS_COMPRESSED}` (damaged, or never written)",
                        ranges[i].start
                    ),
                });
            }
        }
    }
    read_spans(&info.compressed, &ranges)
}

/// Where a back end reads the `compressed` bytes from.
pub trait ByteSource: Sync {
    /// The bytes of `ranges` (sorted, disjoint, non-empty), one after the other: `total`
    /// bytes in all.
    fn read_merged(&self, ranges: &[Range<u64>], total: u64) -> Result<Vec<u8>>;
}

/// Read byte ranges of `compressed` into one buffer; returns it with the span of each range
/// in it, in the order given. Overlapping and adjacent ranges are merged first.
pub(crate) fn read_spans<S: ByteSource>(
    src: &S,
    ranges: &[Range<u64>],
) -> Result<(Vec<u8>, Vec<Range<usize>>)> {
    let mut sorted: Vec<Range<u64>> = ranges.iter().filter(|r| r.end > r.start).cloned().collect();
    sorted.sort_by_key(|r| r.start);
    let mut merged: Vec<Range<u64>> = Vec::new();
    for r in sorted {
        match merged.last_mut() {
            Some(m) if r.start <= m.end => m.end = m.end.max(r.end),
            _ => merged.push(r),
        }
    }
    let total: u64 = merged.iter().map(|r| r.end - r.start).sum();
    let buf = if total > 0 {
        src.read_merged(&merged, total)?
    } else {
        Vec::new()
    };
    // Where each requested range landed in the packed buffer.
    let mut bases = Vec::with_capacity(merged.len());
    let mut acc = 0u64;
    for m in &merged {
        bases.push(acc);
        acc += m.end - m.start;
    }
    let spans = ranges
        .iter()
        .map(|r| {
            if r.end <= r.start {
                return 0..0;
            }
            let i = merged.partition_point(|m| m.end <= r.start);
            let off = (bases[i] + (r.start - merged[i].start)) as usize;
            off..off + (r.end - r.start) as usize
        })
        .collect();
    Ok((buf, spans))
}

/// [`read_spans`], each range's bytes on their own.
fn read_ranges<S: ByteSource>(src: &S, ranges: &[Range<u64>]) -> Result<Vec<Vec<u8>>> {
    let (buf, spans) = read_spans(src, ranges)?;
    Ok(spans.into_iter().map(|s| buf[s].to_vec()).collect())
}

/// The byte ranges of streams in the `compressed` dataset.
pub(crate) fn stream_ranges<S>(info: &GroupInfo<S>, selected: &[usize]) -> Vec<Range<u64>> {
    selected
        .iter()
        .map(|&s| (info.starts[s] as u64)..(info.starts[s] + info.nbytes[s]) as u64)
        .collect()
}

/// The bytes of streams, fetched for a sample range.
enum Fetched {
    /// The whole stream.
    Whole(Vec<u8>),
    /// Its metadata and the frames from the one holding the range's first sample on.
    Window {
        head: Vec<u8>,
        frames: Vec<u8>,
        frame_sample: u64,
    },
}

/// Bytes at the start of a stream read to find its metadata and first frame header.
const HEAD_PROBE: u64 = crate::array::streams::HEAD_PROBE as u64;

/// Fetch the selected streams for samples `[first, last)`: whole streams for a full range,
/// else headers and windows (whole streams where a window cannot be placed).
fn fetch(
    info: &GroupInfo<impl ByteSource>,
    selected: &[usize],
    first: usize,
    last: usize,
) -> Result<Vec<Fetched>> {
    let range_of = |s: usize| (info.starts[s] as u64)..(info.starts[s] + info.nbytes[s]) as u64;
    if first == 0 && last == info.stream_size {
        let (buf, spans) = read_streams(info, selected)?;
        return Ok(spans
            .into_iter()
            .map(|s| Fetched::Whole(buf[s].to_vec()))
            .collect());
    }
    let heads = read_ranges(
        &info.compressed,
        &selected
            .iter()
            .map(|&s| {
                let r = range_of(s);
                r.start..(r.start + HEAD_PROBE).min(r.end)
            })
            .collect::<Vec<_>>(),
    )?;
    let mut out: Vec<Option<Fetched>> = (0..selected.len()).map(|_| None).collect();
    // Windows of growing margins (in frames) around the estimated frame positions; what no
    // window places is read whole.
    for margin in [0.25, 2.0] {
        let pending: Vec<usize> = (0..selected.len()).filter(|&i| out[i].is_none()).collect();
        if pending.is_empty() {
            break;
        }
        let plans: Vec<Option<(Range<u64>, u64)>> = pending
            .iter()
            .map(|&i| {
                let s = selected[i];
                frames::window_for(
                    &heads[i],
                    info.nbytes[s] as u64,
                    info.stream_size as u64,
                    first as u64,
                    last as u64,
                    margin,
                )
            })
            .collect();
        let ranges: Vec<Range<u64>> = pending
            .iter()
            .zip(&plans)
            .map(|(&i, p)| match p {
                Some((r, _)) => {
                    (info.starts[selected[i]] as u64 + r.start)
                        ..(info.starts[selected[i]] as u64 + r.end)
                }
                None => 0..0,
            })
            .collect();
        let bodies = read_ranges(&info.compressed, &ranges)?;
        for ((&i, plan), body) in pending.iter().zip(plans).zip(bodies) {
            out[i] = plan.and_then(|(_, k0)| place(&heads[i], &body, k0, last, info.stream_size));
        }
    }
    let missing: Vec<usize> = (0..selected.len()).filter(|&i| out[i].is_none()).collect();
    let ranges: Vec<Range<u64>> = missing.iter().map(|&i| range_of(selected[i])).collect();
    for (i, bytes) in missing
        .into_iter()
        .zip(read_ranges(&info.compressed, &ranges)?)
    {
        out[i] = Some(Fetched::Whole(bytes));
    }
    Ok(out
        .into_iter()
        .map(|f| f.expect("every stream fetched"))
        .collect())
}

/// The fetched window as a [`Fetched::Window`], if it holds the frames of samples
/// `[.., last)` from frame `k0` on (see [`frames::find_in_window`]).
fn place(head: &[u8], body: &[u8], k0: u64, last: usize, stream_size: usize) -> Option<Fetched> {
    let (audio_offset, start, blocksize) =
        frames::find_in_window(head, body, k0, last, stream_size)?;
    Some(Fetched::Window {
        head: head[..audio_offset].to_vec(),
        frames: body[start..].to_vec(),
        frame_sample: k0 * blocksize,
    })
}

impl Fetched {
    /// The bytes as the decoder takes them.
    fn bytes(&self) -> StreamBytes<'_> {
        match self {
            Fetched::Whole(b) => StreamBytes::Whole(b),
            Fetched::Window {
                head,
                frames,
                frame_sample,
            } => StreamBytes::Window {
                head,
                frames,
                frame_sample: *frame_sample,
            },
        }
    }
}

/// Decode one fetched stream's samples `[first, first + out.len())` into values of `T`:
/// format 1 as every stream of `T` is decoded ([`Element::decode_stream`]); format 0's
/// int64 and float64, which are int32 samples with an int64 offset or a float offset and
/// gain, here.
fn decode_row<T: Element>(
    info: &GroupInfo<impl ByteSource>,
    s: usize,
    fetched: &Fetched,
    first: usize,
    out: &mut [T],
) -> std::result::Result<(), String> {
    let (n, size, first) = (out.len(), info.stream_size as u64, first as u64);
    let offset = info.offsets.as_ref().map(|o| o[s]);
    let gain = info.gains.as_ref().map(|g| g[s]);
    if let Kind::Plain(_) = info.kind {
        let og = offset
            .zip(gain)
            .map(|(o, g)| (T::from_f64(o), T::from_f64(g)));
        return T::decode_stream(fetched.bytes(), size, first, og, out);
    }
    let mut ints = vec![0i32; n];
    with_decoder(|d| d.decode(fetched.bytes(), size, first, &mut ints))?;
    if info.kind == Kind::V0Int64 {
        let off = info.int_offsets.as_ref().map(|o| o[s]).unwrap_or(0);
        out.iter_mut()
            .zip(ints)
            .for_each(|(o, i)| *o = T::from_i64(off.wrapping_add(i64::from(i))));
    } else {
        let wide: Vec<i64> = ints.into_iter().map(i64::from).collect();
        let mut x = vec![0f64; n];
        restore_stream(&wide, offset.unwrap_or(0.0), gain.unwrap_or(1.0), &mut x);
        out.iter_mut().zip(x).for_each(|(o, x)| *o = T::from_f64(x));
    }
    Ok(())
}

/// Read and decode samples `range` of the `selected` streams (flat indices), in order.
pub(crate) fn read_values<T: Element>(
    info: &GroupInfo<impl ByteSource>,
    selected: &[usize],
    range: Range<usize>,
    use_threads: bool,
) -> Result<Vec<T>> {
    let n = range.len();
    let whole = n == info.stream_size && matches!(info.kind, Kind::Plain(_));
    if n == 0 || selected.is_empty() {
        Ok(Vec::new())
    } else if whole {
        // Whole streams: one read, then the array decoder (floats restored as they decode).
        let (buf, spans) = read_streams(info, selected)?;
        let offset_gain = match (&info.offsets, &info.gains) {
            (Some(o), Some(g)) => selected
                .iter()
                .map(|&s| (T::from_f64(o[s]), T::from_f64(g[s])))
                .collect(),
            _ => Vec::new(),
        };
        let set = StreamSet {
            compressed: &buf,
            stream_size: info.stream_size,
            starts: spans.iter().map(|r| r.start as i64).collect(),
            nbytes: spans.iter().map(|r| r.len() as i64).collect(),
            offset_gain,
        };
        let order: Vec<usize> = (0..selected.len()).collect();
        set.decode(&order, 0, n, use_threads).map_err(|e| match e {
            Error::Corrupt { stream, reason } => Error::Corrupt {
                stream: selected[stream],
                reason,
            },
            other => other,
        })
    } else {
        // Part of each stream: headers and windows, decoded stream by stream.
        let mut out = vec![T::default(); selected.len() * n];
        let fetched = fetch(info, selected, range.start, range.end)?;
        let rows = out.chunks_mut(n).zip(selected.iter().zip(&fetched));
        let decode = |(row, (&s, f)): (&mut [T], (&usize, &Fetched))| {
            decode_row(info, s, f, range.start, row)
                .map_err(|reason| Error::Corrupt { stream: s, reason })
        };
        if use_threads {
            rows.collect::<Vec<_>>()
                .into_par_iter()
                .try_for_each(decode)?;
        } else {
            rows.into_iter().try_for_each(decode)?;
        }
        Ok(out)
    }
}

/// What a flacarray group holds, in brief (for listings such as `flacarray info`).
#[derive(Debug, Clone, PartialEq)]
pub struct GroupSummary {
    /// The format version (0 or 1).
    pub format: i64,
    /// The element type of the data.
    pub dtype: DType,
    /// The array's shape.
    pub shape: Vec<usize>,
    /// Bytes of FLAC data (the `compressed` dataset).
    pub compressed_bytes: u64,
}

/// Read (part of) the array a group holds, with the leading index of each kept stream.
pub(crate) fn read_with_indices<T: Element, S: ByteSource>(
    info: &GroupInfo<S>,
    opts: &ReadOptions<'_>,
) -> Result<(ArrayD<T>, Vec<Vec<usize>>)> {
    let range = info.sample_range::<T>(opts.stream_slice.as_ref())?;
    let (selected, indices) = select_streams(opts.keep.as_ref(), &info.lead)?;
    let n = range.len();
    let out = read_values::<T>(info, &selected, range, opts.use_threads)?;
    let shape = if opts.keep.is_some() {
        vec![selected.len(), n]
    } else {
        let mut sh = info.shape.clone();
        *sh.last_mut().expect("at least one axis") = n;
        sh
    };
    Ok((
        ArrayD::from_shape_vec(IxDyn(&shape), out).expect("sized above"),
        indices,
    ))
}

/// The FlacArray a group holds (only the kept streams with `keep`), without decoding.
pub(crate) fn to_flacarray<S: ByteSource>(
    info: &GroupInfo<S>,
    keep: Option<ArrayViewD<'_, bool>>,
    read_with: &str,
) -> Result<FlacArray> {
    let Kind::Plain(dtype) = info.kind else {
        return Err(Error::Group(format!(
            "format-0 int64/float64 data cannot be held as a FlacArray; use {read_with}"
        )));
    };
    let (selected, _) = select_streams(keep.as_ref(), &info.lead)?;
    if selected.is_empty() {
        return Err(Error::Empty(vec![0, info.stream_size]));
    }
    let (compressed, spans) = read_streams(info, &selected)?;
    let starts: Vec<i64> = spans.iter().map(|r| r.start as i64).collect();
    let nbytes: Vec<i64> = selected.iter().map(|&s| info.nbytes[s]).collect();
    let (shape, lead) = if keep.is_some() {
        (vec![selected.len(), info.stream_size], vec![selected.len()])
    } else {
        (info.shape.clone(), info.lead.clone())
    };
    let per = |v: Vec<i64>| ArrayD::from_shape_vec(IxDyn(&lead), v).expect("one per stream");
    let floats = |v: &Option<Vec<f64>>| {
        v.as_ref().map(|v| {
            ArrayD::from_shape_vec(IxDyn(&lead), selected.iter().map(|&s| v[s]).collect())
                .expect("one per stream")
        })
    };
    FlacArray::from_parts(
        shape,
        dtype,
        compressed,
        per(starts),
        per(nbytes),
        floats(&info.offsets),
        floats(&info.gains),
    )
}
