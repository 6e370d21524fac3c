//! Reading FLAC container structure without decoding audio: the STREAMINFO block and frame
//! headers, and the one frame locator: [`FrameSeeker`] finds frame `k` in a stream held in
//! memory by bisection over byte offsets; [`window_for`] and [`find_in_window`] estimate
//! which bytes of a stream in a store hold a sample range and check what was read.
//!
//! Every stream flacarray writes has a fixed blocksize, and each frame header carries its frame
//! number, so frame `k` holds samples `k*blocksize ..` and can be located from headers alone.

use std::ops::Range;

use memchr::memchr_iter;

/// What the start of a native FLAC stream says about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StreamInfo {
    /// Blocksize of every frame but the last (STREAMINFO min == max blocksize).
    pub blocksize: u32,
    /// Channels per sample.
    pub channels: u32,
    /// Bits per sample.
    pub bits_per_sample: u32,
    /// Total samples as recorded (0 = unknown, which is what flacarray writes).
    pub total_samples: u64,
    /// Byte offset of the first audio frame (just past the last metadata block).
    pub audio_offset: usize,
}

impl StreamInfo {
    /// Parse the `fLaC` marker and the metadata blocks of one stream.
    pub fn parse(data: &[u8]) -> Result<StreamInfo, String> {
        if data.len() < 8 || &data[..4] != b"fLaC" {
            return Err(format!(
                "does not start with the FLAC marker \"fLaC\" ({} bytes)",
                data.len()
            ));
        }
        let mut pos = 4usize;
        let mut info = None;
        loop {
            let hdr = data
                .get(pos..pos + 4)
                .ok_or_else(|| format!("metadata block header at byte {pos} is truncated"))?;
            let last = hdr[0] & 0x80 != 0;
            let kind = hdr[0] & 0x7f;
            let len = u32::from_be_bytes([0, hdr[1], hdr[2], hdr[3]]) as usize;
            let body = data.get(pos + 4..pos + 4 + len).ok_or_else(|| {
                format!("metadata block at byte {pos} ({len} bytes) runs past the end")
            })?;
            if pos == 4 {
                if kind != 0 || len != 34 {
                    return Err("the first metadata block is not a 34-byte STREAMINFO".into());
                }
                let min_bs = u16::from_be_bytes([body[0], body[1]]) as u32;
                let max_bs = u16::from_be_bytes([body[2], body[3]]) as u32;
                let packed = u64::from_be_bytes([
                    body[10], body[11], body[12], body[13], body[14], body[15], body[16], body[17],
                ]);
                let channels = ((packed >> 41) & 0x7) as u32 + 1;
                let bits_per_sample = ((packed >> 36) & 0x1f) as u32 + 1;
                let total_samples = packed & 0xf_ffff_ffff;
                if min_bs != max_bs || min_bs < 16 {
                    return Err(format!(
                        "variable or invalid blocksize (min {min_bs}, max {max_bs}); flacarray streams use a fixed blocksize"
                    ));
                }
                info = Some((min_bs, channels, bits_per_sample, total_samples));
            }
            pos += 4 + len;
            if last {
                break;
            }
        }
        let (blocksize, channels, bits_per_sample, total_samples) =
            info.ok_or("no STREAMINFO block")?;
        Ok(StreamInfo {
            blocksize,
            channels,
            bits_per_sample,
            total_samples,
            audio_offset: pos,
        })
    }
}

/// CRC-8 (polynomial 0x07) as used by FLAC frame headers.
pub(crate) fn crc8(bytes: &[u8]) -> u8 {
    let mut crc = 0u8;
    for &b in bytes {
        crc ^= b;
        for _ in 0..8 {
            crc = if crc & 0x80 != 0 {
                (crc << 1) ^ 0x07
            } else {
                crc << 1
            };
        }
    }
    crc
}

/// The fields of a frame header that the seek needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrameHeader {
    /// Frame number (fixed-blocksize streams).
    pub number: u64,
    /// Samples in this frame.
    pub blocksize: u32,
    /// Byte 2 and 3 fields that stay constant over a stream: sample-rate code, sample-size code.
    pub rate_code: u8,
    /// Sample-size code.
    pub size_code: u8,
}

/// Parse a fixed-blocksize frame header at `pos`, checking its CRC-8. `None` if there is none.
pub fn frame_header_at(data: &[u8], pos: usize) -> Option<FrameHeader> {
    let d = data.get(pos..)?;
    if d.len() < 6 || d[0] != 0xFF || d[1] != 0xF8 {
        return None;
    }
    let bs_code = d[2] >> 4;
    let rate_code = d[2] & 0x0f;
    let chan = d[3] >> 4;
    let size_code = (d[3] >> 1) & 0x7;
    if bs_code == 0 || rate_code == 0x0f || chan > 10 || size_code == 3 || d[3] & 1 != 0 {
        return None;
    }
    // UTF-8-like coded frame number (at most 6 bytes for 31-bit frame numbers).
    let b0 = d[4];
    let (mut number, extra) = match b0.leading_ones() {
        0 => (b0 as u64, 0),
        n @ 2..=6 => ((b0 & (0x7f >> n)) as u64, n as usize - 1),
        _ => return None,
    };
    let mut p = 5;
    for _ in 0..extra {
        let b = *d.get(p)?;
        if b & 0xC0 != 0x80 {
            return None;
        }
        number = (number << 6) | (b & 0x3f) as u64;
        p += 1;
    }
    let blocksize = match bs_code {
        1 => 192,
        2..=5 => 576 << (bs_code - 2),
        6 => {
            p += 1;
            *d.get(p - 1)? as u32 + 1
        }
        7 => {
            p += 2;
            u16::from_be_bytes([*d.get(p - 2)?, *d.get(p - 1)?]) as u32 + 1
        }
        _ => 256 << (bs_code - 8),
    };
    p += match rate_code {
        12 => 1,
        13 | 14 => 2,
        _ => 0,
    };
    let crc = *d.get(p)?;
    if crc8(&d[..p]) != crc {
        return None;
    }
    Some(FrameHeader {
        number,
        blocksize,
        rate_code,
        size_code,
    })
}

/// Every plausible frame header starting in `data[range]` — valid CRC-8, and the
/// sample-rate and sample-size codes of `first` (the stream's frame 0) — as (position in
/// `data`, frame number). A header may run past the end of the range.
pub fn frames_in<'a>(
    data: &'a [u8],
    range: Range<usize>,
    first: &FrameHeader,
) -> impl Iterator<Item = (usize, u64)> + 'a {
    let (rate, size) = (first.rate_code, first.size_code);
    let from = range.start.min(data.len());
    let to = range.end.min(data.len()).max(from);
    memchr_iter(0xFF, &data[from..to]).filter_map(move |i| {
        let h = frame_header_at(data, from + i)?;
        (h.rate_code == rate && h.size_code == size).then_some((from + i, h.number))
    })
}

/// The byte range (relative to the stream start) of a window that should hold samples
/// `[first, last)` of a stream of `nbytes` bytes and `stream_size` samples, with `margin`
/// average frames on each side, and the number of the frame holding `first`: estimated from
/// the stream's header (in `head`) and its average frame size, before anything else is read.
/// `None` if the header cannot be read from `head`.
pub fn window_for(
    head: &[u8],
    nbytes: u64,
    stream_size: u64,
    first: u64,
    last: u64,
    margin: f64,
) -> Option<(Range<u64>, u64)> {
    let info = StreamInfo::parse(head).ok()?;
    frame_header_at(head, info.audio_offset)?;
    let bs = info.blocksize as u64;
    let (k0, k1) = (first / bs, (last - 1) / bs);
    let audio = info.audio_offset as u64;
    // Bytes per sample on average (per sample, not per frame: the last frame is short).
    let per_sample = (nbytes - audio) as f64 / stream_size as f64;
    let at = |k: u64| audio + (k as f64 * bs as f64 * per_sample) as u64;
    let margin = (per_sample * bs as f64 * margin) as u64 + 64;
    let lo = at(k0).saturating_sub(margin).max(audio);
    let hi = if last == stream_size {
        nbytes
    } else {
        (at(k1 + 1) + margin + 32).min(nbytes)
    };
    Some((lo..hi, k0))
}

/// Where frame `k0` starts in `window` (bytes read at a [`window_for`] estimate), if the
/// window also reaches past the frame holding sample `last - 1` (or the stream ends at
/// `last`); with the stream's audio offset and blocksize from its header in `head`.
pub fn find_in_window(
    head: &[u8],
    window: &[u8],
    k0: u64,
    last: usize,
    stream_size: usize,
) -> Option<(usize, usize, u64)> {
    let info = StreamInfo::parse(head).ok()?;
    let first_frame = frame_header_at(head, info.audio_offset)?;
    let k1 = (last as u64 - 1) / info.blocksize as u64;
    let found: Vec<(usize, u64)> = frames_in(window, 0..window.len(), &first_frame).collect();
    let start = found.iter().find(|&&(_, n)| n == k0)?.0;
    let complete = last == stream_size || found.iter().any(|&(p, n)| n == k1 + 1 && p > start);
    complete.then_some((info.audio_offset, start, info.blocksize as u64))
}

/// Finds frames by number in one stream's audio bytes.
pub struct FrameSeeker<'a> {
    data: &'a [u8],
    audio_offset: usize,
    nframes: u64,
    first: FrameHeader,
}

impl<'a> FrameSeeker<'a> {
    /// A seeker over `data` whose frames start at `audio_offset`, `nframes` frames expected.
    pub fn new(data: &'a [u8], audio_offset: usize, nframes: u64) -> Option<Self> {
        let first = frame_header_at(data, audio_offset)?;
        (first.number == 0).then_some(FrameSeeker {
            data,
            audio_offset,
            nframes,
            first,
        })
    }

    /// The first plausible frame header in `[from, to)` whose number is in `(lo_k, hi_k)`.
    fn next_frame(&self, from: usize, to: usize, lo_k: u64, hi_k: u64) -> Option<(usize, u64)> {
        frames_in(self.data, from..to, &self.first).find(|&(_, n)| n > lo_k && n < hi_k)
    }

    /// Byte offset of frame `k`: interpolation and bisection over byte offsets, reading only
    /// frame headers. `None` if the frame cannot be found (corrupt or short stream).
    pub fn find(&self, k: u64) -> Option<usize> {
        if k == 0 {
            return Some(self.audio_offset);
        }
        if k >= self.nframes {
            return None;
        }
        // Invariants: frame lo_k starts at lo; the first frame at or after hi is hi_k.
        let (mut lo, mut lo_k) = (self.audio_offset, 0u64);
        let (mut hi, mut hi_k) = (self.data.len(), self.nframes);
        for step in 0..96 {
            if hi <= lo + 1 {
                break;
            }
            let guess = if step % 2 == 0 {
                let frac = (k - lo_k) as u128 * (hi - lo) as u128 / (hi_k - lo_k) as u128;
                lo + frac as usize
            } else {
                lo + (hi - lo) / 2
            }
            .clamp(lo + 1, hi - 1);
            match self.next_frame(guess, hi, lo_k, hi_k) {
                None => hi = guess,
                Some((pos, n)) if n == k => return Some(pos),
                Some((pos, n)) if n < k => (lo, lo_k) = (pos, n),
                Some((_, n)) => (hi, hi_k) = (guess, n),
            }
        }
        // Close to the target: walk forward header by header.
        let mut from = lo + 1;
        while let Some((pos, n)) = self.next_frame(from, self.data.len(), lo_k, self.nframes) {
            if n == k {
                return Some(pos);
            }
            if n > k {
                return None;
            }
            from = pos + 1;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc8_matches_flac_reference() {
        // Header of frame 0 in spec vector V1: ff f8 69 0e 00 09, then CRC-8 0x5f.
        assert_eq!(crc8(&[0xff, 0xf8, 0x69, 0x0e, 0x00, 0x09]), 0x5f);
    }

    #[test]
    fn rejects_non_flac() {
        assert!(StreamInfo::parse(b"RIFF....").is_err());
        assert!(StreamInfo::parse(b"fLaC\x00\x00\x00\x22").is_err());
    }
}
