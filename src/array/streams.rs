//! Streams in one byte buffer, as Python flacarray lays them out: [`StreamSet`] decodes any
//! of them (whole or a sample range, on threads or not) for arrays, groups and
//! [`decompress_streams_into`], which takes flat streams and writes into the caller's buffer
//! (the C function the Python API calls).

use rayon::prelude::*;

use crate::alloc::zeroed_vec;
use crate::array::compress::work_ranges;
use crate::array::dtype::Element;
use crate::error::{Error, Result};
use crate::stream::decode::StreamBytes;

/// The fewest bytes a FLAC stream of `samples` samples in `channels` channels can take: the
/// marker and STREAMINFO (42 bytes), then frames of FLAC's largest blocksize (65535), each
/// with at least a 6-byte header, a byte of subframe per channel and its CRC-16. A group or
/// a caller may not declare more samples than its bytes can hold: its decoded size, which is allocated
/// before decoding, stays within a fixed multiple of the bytes it really has.
pub(crate) fn min_stream_bytes(samples: usize, channels: usize) -> u64 {
    let frames = (samples as u64).div_ceil(65535);
    frames
        .saturating_mul(8 + channels as u64)
        .saturating_add(42)
}

/// Streams in one byte buffer, with what is needed to decode any of them.
pub(crate) struct StreamSet<'a, T> {
    pub compressed: &'a [u8],
    pub stream_size: usize,
    /// Flat (C order) byte starts and lengths.
    pub starts: Vec<i64>,
    pub nbytes: Vec<i64>,
    /// Flat offsets and gains (float data), else empty.
    pub offset_gain: Vec<(T, T)>,
}

impl<T: Element> StreamSet<'_, T> {
    fn stream_bytes(&self, s: usize) -> Result<&[u8]> {
        let (a, len) = (self.starts[s], self.nbytes[s]);
        match a.checked_add(len) {
            Some(e) if a >= 0 && len > 0 && (e as u64) <= self.compressed.len() as u64 => {
                Ok(&self.compressed[a as usize..e as usize])
            }
            _ => Err(Error::Corrupt {
                stream: s,
                reason: format!(
                    "bytes [{a}, {a} + {len}) are outside the {}-byte buffer",
                    self.compressed.len()
                ),
            }),
        }
    }

    /// Decode samples `[first, last)` of the flat streams `selected`, in that order, into
    /// one `(selected.len(), last - first)` buffer.
    pub fn decode(
        &self,
        selected: &[usize],
        first: usize,
        last: usize,
        use_threads: bool,
    ) -> Result<Vec<T>> {
        let n = last - first;
        let len = selected.len().checked_mul(n).ok_or_else(|| {
            Error::InvalidParameter(format!(
                "{} streams of {n} samples is too large",
                selected.len()
            ))
        })?;
        let mut out = zeroed_vec::<T>(len)?;
        self.decode_into(selected, first, last, use_threads, &mut out)?;
        Ok(out)
    }

    /// [`StreamSet::decode`] into `out`, of `selected.len() * (last - first)` values.
    pub fn decode_into(
        &self,
        selected: &[usize],
        first: usize,
        last: usize,
        use_threads: bool,
        out: &mut [T],
    ) -> Result<()> {
        let n = last - first;
        if n == 0 || selected.is_empty() {
            return Ok(());
        }
        let decode_rows = |rows: &[usize], chunk: &mut [T]| -> Result<()> {
            for (&s, row) in rows.iter().zip(chunk.chunks_mut(n)) {
                let bytes = self.stream_bytes(s)?;
                let og = self.offset_gain.get(s).copied();
                T::decode_stream(
                    StreamBytes::Whole(bytes),
                    self.stream_size as u64,
                    first as u64,
                    og,
                    row,
                )
                .map_err(|reason| Error::Corrupt { stream: s, reason })?;
            }
            Ok(())
        };
        if use_threads {
            let mut chunks = Vec::new();
            let mut rest = out;
            for r in work_ranges(selected.len(), true) {
                let (a, b) = rest.split_at_mut(r.len() * n);
                chunks.push((&selected[r], a));
                rest = b;
            }
            chunks
                .into_par_iter()
                .map(|(rows, chunk)| decode_rows(rows, chunk))
                .collect::<Result<()>>()?;
        } else {
            decode_rows(selected, out)?;
        }
        Ok(())
    }
}

/// Decode samples `[first, last)` of the flat streams `selected` (C order of the leading
/// index) of a stream buffer into `out`, one row of `last - first` values a stream, in the
/// order given: the core of [`array_decompress_slice`](crate::array_decompress_slice) for
/// callers that hold the output (Python's buffers). `starts` and `nbytes` locate every
/// stream in `compressed`; `offset_gain` (float output only: offsets, then gains) has one
/// pair a stream.
#[allow(clippy::too_many_arguments)]
pub fn decompress_streams_into<T: Element>(
    compressed: &[u8],
    stream_size: usize,
    starts: &[i64],
    nbytes: &[i64],
    offset_gain: Option<(&[T], &[T])>,
    selected: &[usize],
    samples: std::ops::Range<usize>,
    use_threads: bool,
    out: &mut [T],
) -> Result<()> {
    let n_streams = starts.len();
    if nbytes.len() != n_streams {
        return Err(Error::Shape(format!(
            "{} stream_nbytes for {n_streams} stream_starts",
            nbytes.len()
        )));
    }
    let offset_gain = match (offset_gain, T::DTYPE.is_float()) {
        (Some((o, g)), true) if o.len() == n_streams && g.len() == n_streams => {
            o.iter().copied().zip(g.iter().copied()).collect()
        }
        (Some((o, g)), true) => {
            return Err(Error::Shape(format!(
                "{} stream_offsets and {} stream_gains for {n_streams} streams",
                o.len(),
                g.len()
            )))
        }
        (None, false) => Vec::new(),
        (None, true) => {
            return Err(Error::InvalidParameter(format!(
                "{} output needs stream_offsets and stream_gains",
                T::DTYPE
            )))
        }
        (Some(_), false) => {
            return Err(Error::InvalidParameter(format!(
                "offsets and gains belong to float data, but {} output was requested",
                T::DTYPE
            )))
        }
    };
    if stream_size == 0 {
        return Err(Error::InvalidParameter(
            "stream_size must be positive".into(),
        ));
    }
    if samples.end > stream_size || samples.start > samples.end {
        return Err(Error::Index(format!(
            "sample range [{}, {}) is not within a stream of {stream_size} samples",
            samples.start, samples.end
        )));
    }
    check_selected(
        compressed.len(),
        stream_size,
        starts,
        nbytes,
        T::DTYPE.channels(),
        selected,
    )?;
    let need = selected.len().checked_mul(samples.len());
    if need != Some(out.len()) {
        return Err(Error::Shape(format!(
            "an output of {} values for {} streams of {} samples",
            out.len(),
            selected.len(),
            samples.len()
        )));
    }
    let set = StreamSet {
        compressed,
        stream_size,
        starts: starts.to_vec(),
        nbytes: nbytes.to_vec(),
        offset_gain,
    };
    set.decode_into(selected, samples.start, samples.end, use_threads, out)
}

/// Check the streams `selected` (flat indices) of a buffer of `len` bytes before anything is
/// allocated for them: each lies within the buffer and its bytes can hold `stream_size`
/// samples of `channels` channels (FLAC's smallest frames), so that a decoded size is never
/// more than a fixed multiple of the bytes really there.
pub fn check_selected(
    len: usize,
    stream_size: usize,
    starts: &[i64],
    nbytes: &[i64],
    channels: u32,
    selected: &[usize],
) -> Result<()> {
    let least = min_stream_bytes(stream_size, channels as usize);
    for &s in selected {
        let (Some(&a), Some(&n)) = (starts.get(s), nbytes.get(s)) else {
            return Err(Error::Index(format!(
                "stream {s} selected of {}",
                starts.len()
            )));
        };
        if a < 0 || n <= 0 || a.checked_add(n).is_none_or(|e| e as u64 > len as u64) {
            return Err(Error::Corrupt {
                stream: s,
                reason: format!("bytes [{a}, {a} + {n}) are outside the {len}-byte buffer"),
            });
        }
        if (n as u64) < least {
            return Err(Error::Corrupt {
                stream: s,
                reason: format!(
                    "{n} bytes cannot hold a FLAC stream of {stream_size} samples (it takes at \
                     least {least}); stream_size or the stream's length is wrong"
                ),
            });
        }
    }
    Ok(())
}

/// The first bytes of a stream to read for [`stream_window`]: its `fLaC` marker, STREAMINFO
/// and first frame header (the layout flacarray writes).
pub const HEAD_PROBE: usize = 128;

/// The part of one stream (`nbytes` bytes, of which `head` holds the first
/// [`HEAD_PROBE`]) to read for samples `samples` of its `stream_size`: a byte range within
/// the stream, estimated from its header and average frame size with `margin` frames on each
/// side, and the number of the frame holding the first sample. `None`: read it whole (an
/// unreadable header, a range that is not within the stream).
pub fn stream_window(
    head: &[u8],
    nbytes: u64,
    stream_size: usize,
    samples: std::ops::Range<usize>,
    margin: f64,
) -> Option<(std::ops::Range<u64>, u64)> {
    if samples.start >= samples.end || samples.end > stream_size || margin.is_nan() || margin < 0.0
    {
        return None;
    }
    let (r, k0) = crate::stream::frames::window_for(
        head,
        nbytes,
        stream_size as u64,
        samples.start as u64,
        samples.end as u64,
        margin,
    )?;
    (r.start <= r.end && r.end <= nbytes).then_some((r, k0))
}

/// Decode samples `[first, first + out.len())` of a stream from the bytes of a
/// [`stream_window`] (`window`, starting anywhere before frame `k0`) and its `head`;
/// `Ok(false)` when the window does not hold them all (read more, or the whole stream).
pub fn decompress_window_into<T: Element>(
    head: &[u8],
    window: &[u8],
    k0: u64,
    stream_size: usize,
    first: usize,
    offset_gain: Option<(T, T)>,
    out: &mut [T],
) -> Result<bool> {
    let last = first.checked_add(out.len()).filter(|&l| l <= stream_size);
    let Some(last) = last.filter(|_| !out.is_empty()) else {
        return Err(Error::Index(format!(
            "{} samples from sample {first} of a stream of {stream_size}",
            out.len()
        )));
    };
    if T::DTYPE.is_float() != offset_gain.is_some() {
        return Err(Error::InvalidParameter(format!(
            "{} output {} offsets and gains",
            T::DTYPE,
            if offset_gain.is_some() {
                "takes no"
            } else {
                "needs"
            }
        )));
    }
    let Some((audio, start, blocksize)) =
        crate::stream::frames::find_in_window(head, window, k0, last, stream_size)
    else {
        return Ok(false);
    };
    let (Some(head), Some(frames)) = (head.get(..audio), window.get(start..)) else {
        return Ok(false);
    };
    let src = StreamBytes::Window {
        head,
        frames,
        frame_sample: k0 * blocksize,
    };
    T::decode_stream(src, stream_size as u64, first as u64, offset_gain, out)
        .map_err(|reason| Error::Corrupt { stream: 0, reason })?;
    Ok(true)
}
