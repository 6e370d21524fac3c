//! Decoding one FLAC stream, or a sample range of it, into integers or restored floats:
//! [`Decoder`] takes a stream as [`StreamBytes`] (whole, a window of frames, or bare frames
//! of a known layout), locates the first frame needed with
//! [`crate::stream::frames::FrameSeeker`], decodes from there with the native decoder
//! ([`crate::stream::native`]) or libFLAC (`stream::reference`, see [`Engine`]),
//! checks every frame against the stream (`Placer`) and writes the samples of the range
//! straight into the caller's slice as its element type.

use std::cell::RefCell;
use std::ffi::c_void;
use std::sync::atomic::{AtomicU8, Ordering};

use crate::stream::convert::Float;
use crate::stream::flac::{FrameFormat, IntSample};
use crate::stream::frames::{FrameSeeker, StreamInfo};
use crate::stream::native::FrameDecoder;
use crate::stream::reference::Libflac;

/// Which decoder reads FLAC frames.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// This crate's decoder (`stream::native`), the default.
    Native,
    /// libFLAC 1.5.0's (the reference; `FLACARRAY_DECODER=libflac`).
    Libflac,
}

/// 0: not read yet; 1: native; 2: libFLAC.
static ENGINE: AtomicU8 = AtomicU8::new(0);

/// The engine of the process: [`set_engine`]'s, else `FLACARRAY_DECODER` (`native`, the
/// default, or `libflac`), read once.
pub fn engine() -> Engine {
    match ENGINE.load(Ordering::Relaxed) {
        1 => Engine::Native,
        2 => Engine::Libflac,
        _ => {
            let e = match std::env::var("FLACARRAY_DECODER").as_deref() {
                Ok(v) if v.eq_ignore_ascii_case("libflac") => Engine::Libflac,
                _ => Engine::Native,
            };
            set_engine(e);
            e
        }
    }
}

/// Choose the engine of every [`Decoder`] that follows the process's (benchmarks compare
/// the two in one run).
pub fn set_engine(e: Engine) {
    let v = match e {
        Engine::Native => 1,
        Engine::Libflac => 2,
    };
    ENGINE.store(v, Ordering::Relaxed);
}

thread_local! {
    static DECODER: RefCell<Option<Decoder>> = const { RefCell::new(None) };
}

/// Run `f` with this thread's decoder (created on first use), which keeps its buffers (and
/// libFLAC's object, when that engine is used) from stream to stream.
pub fn with_decoder<R>(f: impl FnOnce(&mut Decoder) -> Result<R, String>) -> Result<R, String> {
    DECODER.with(|cell| match cell.try_borrow_mut() {
        Ok(mut slot) => f(slot.get_or_insert_with(Decoder::new)),
        Err(_) => f(&mut Decoder::new()),
    })
}

/// Where decoded samples go: `len` values of the output type at `ptr`, stored by `write`
/// (a raw pointer: the same value is handed through libFLAC's callbacks in
/// `stream::reference`).
#[derive(Clone, Copy)]
pub(crate) struct Output {
    ptr: *mut c_void,
    len: usize,
    /// The FLAC layout the output expects.
    format: FrameFormat,
    /// Stores samples `js` of a frame's channels at output index `o0` on.
    write: fn(&Output, usize, &[&[i32]], std::ops::Range<usize>),
    /// Float output: the stream's offset and gain (values of the float type).
    offset_gain: (f64, f64),
}

impl Output {
    fn none() -> Output {
        Output {
            ptr: std::ptr::null_mut(),
            len: 0,
            format: FrameFormat::new(0, 0),
            write: write_ints::<i32>,
            offset_gain: (0.0, 0.0),
        }
    }

    fn ints<T: IntSample>(out: &mut [T], bits: u32) -> Output {
        Output {
            ptr: out.as_mut_ptr() as *mut c_void,
            len: out.len(),
            format: FrameFormat::new(T::CHANNELS, bits),
            write: write_ints::<T>,
            offset_gain: (0.0, 0.0),
        }
    }

    /// Output to a caller's function; `sink` must outlive the decode.
    fn sink(sink: &mut &mut Sink<'_>, len: usize, format: FrameFormat) -> Output {
        Output {
            ptr: sink as *mut &mut Sink<'_> as *mut c_void,
            len,
            format,
            write: write_sink,
            offset_gain: (0.0, 0.0),
        }
    }

    fn floats<F: Float>(out: &mut [F], offset: F, gain: F) -> Output {
        Output {
            ptr: out.as_mut_ptr() as *mut c_void,
            len: out.len(),
            format: FrameFormat::new(F::Int::CHANNELS, 32),
            write: write_floats::<F>,
            offset_gain: (offset.to_f64(), gain.to_f64()),
        }
    }
}

/// A caller's function that takes the samples of each decoded frame in the range:
/// `sink(o, channels, js)` gets samples `js` of each channel of the frame, for output
/// positions `o..o + js.len()`.
pub type Sink<'a> = dyn FnMut(usize, &[&[i32]], std::ops::Range<usize>) + 'a;

/// [`Output::write`] for a [`Sink`].
fn write_sink(out: &Output, o0: usize, ch: &[&[i32]], js: std::ops::Range<usize>) {
    // SAFETY: `ptr` is the `&mut &mut Sink` given to `Output::sink` by `Decoder::decode_with`,
    // which keeps it borrowed while the frames are decoded.
    let sink = unsafe { &mut *(out.ptr as *mut &mut Sink<'_>) };
    sink(o0, ch, js);
}

/// The channel slices `js` of a frame (at most 2 channels reach here).
fn frame_range<'a>(ch: &[&'a [i32]], js: std::ops::Range<usize>) -> [&'a [i32]; 2] {
    let mut chans: [&[i32]; 2] = [&[], &[]];
    for (c, src) in chans.iter_mut().zip(ch) {
        *c = &src[js.clone()];
    }
    chans
}

/// [`Output::write`] for integer output.
fn write_ints<T: IntSample>(out: &Output, o0: usize, ch: &[&[i32]], js: std::ops::Range<usize>) {
    // SAFETY: `ptr` and `len` come from the `&mut [T]` given to `Output::ints` for this `T`
    // by `Decoder::decode`, which keeps the slice borrowed while the frames are decoded.
    let out = unsafe { std::slice::from_raw_parts_mut(out.ptr as *mut T, out.len) };
    let chans = frame_range(ch, js.clone());
    T::from_channels(&chans[..ch.len().min(2)], &mut out[o0..o0 + js.len()]);
}

/// [`Output::write`] for float output: restored straight from the frame's channels.
fn write_floats<F: Float>(out: &Output, o0: usize, ch: &[&[i32]], js: std::ops::Range<usize>) {
    let offset = F::from_f64(out.offset_gain.0);
    // The arithmetic of `restore_stream`.
    let coeff = F::from_f64(1.0 / out.offset_gain.1);
    // SAFETY: as in `write_ints`, for the `&mut [F]` given to `Output::floats`.
    let out = unsafe { std::slice::from_raw_parts_mut(out.ptr as *mut F, out.len) };
    let chans = frame_range(ch, js.clone());
    F::restore_channels(
        &chans[..ch.len().min(2)],
        offset,
        coeff,
        &mut out[o0..o0 + js.len()],
    );
}

/// Where one stream's bytes are, for [`Decoder::decode`].
#[derive(Debug, Clone, Copy)]
pub enum StreamBytes<'a> {
    /// A whole native FLAC stream (`fLaC`, metadata, frames).
    Whole(&'a [u8]),
    /// Part of one: `head` holds its `fLaC` marker and metadata, `frames` its bytes from the
    /// start of the frame holding the first sample wanted (whose first sample is
    /// `frame_sample`) on, through at least the frame holding the last (to the end of the
    /// stream when the range ends there). For readers that fetch only those bytes; a window
    /// that is too short or misplaced is an error, never a wrong value.
    Window {
        /// The `fLaC` marker and metadata blocks.
        head: &'a [u8],
        /// Frames from the one holding the first sample wanted.
        frames: &'a [u8],
        /// The first sample of `frames`.
        frame_sample: u64,
    },
    /// FLAC frames only (no `fLaC` marker or metadata), of the given layout and blocksize.
    Frames {
        /// The frames.
        frames: &'a [u8],
        /// Channels and bits per sample.
        format: FrameFormat,
        /// The blocksize of every frame but the last.
        blocksize: u32,
    },
}

/// A stream's metadata bytes and the frames to decode from, the first starting at sample
/// `frame_sample`.
#[derive(Clone, Copy)]
struct Part<'a> {
    head: &'a [u8],
    frames: &'a [u8],
    frame_sample: u64,
}

/// A reusable FLAC stream decoder with its own frame seek.
pub struct Decoder {
    native: FrameDecoder,
    libflac: Option<Libflac>,
    /// A fixed engine, or `None` for the process's ([`engine`]).
    fixed: Option<Engine>,
}

impl Default for Decoder {
    fn default() -> Self {
        Decoder::new()
    }
}

impl Decoder {
    /// A decoder with the process's engine ([`engine`], looked up at each stream).
    pub fn new() -> Decoder {
        Decoder {
            native: FrameDecoder::new(),
            libflac: None,
            fixed: None,
        }
    }

    /// A decoder that always uses `engine` (tests and the fuzz target hold one of each).
    pub fn with_engine(engine: Engine) -> Decoder {
        Decoder {
            fixed: Some(engine),
            ..Decoder::new()
        }
    }

    /// Decode samples `[first, first + out.len())` of one stream of `stream_size` samples
    /// from `src` into `out`.
    ///
    /// The stream must have `T::CHANNELS` channels (of 32 bits unless `src` says otherwise)
    /// and exactly `stream_size` samples in the frames that are read; anything else is an
    /// error, never a hang.
    pub fn decode<T: IntSample>(
        &mut self,
        src: StreamBytes<'_>,
        stream_size: u64,
        first: u64,
        out: &mut [T],
    ) -> Result<(), String> {
        let bits = match src {
            StreamBytes::Frames { format, .. } => {
                if format.channels != T::CHANNELS {
                    return Err(format!(
                        "{} channel(s) cannot be decoded to this integer type",
                        format.channels
                    ));
                }
                format.bits
            }
            _ => 32,
        };
        self.decode_into(src, stream_size, first, Output::ints(out, bits))
    }

    /// Decode samples `[first, first + len)` of a stream of `format` (1 or 2 channels) and
    /// hand each frame's part to `sink`, which can store them in any form (the filter's
    /// chunks write elements of the dataset's type and byte order straight from the frame).
    pub fn decode_with(
        &mut self,
        src: StreamBytes<'_>,
        stream_size: u64,
        first: u64,
        len: usize,
        format: FrameFormat,
        mut sink: &mut Sink<'_>,
    ) -> Result<(), String> {
        if !(1..=2).contains(&format.channels) {
            return Err(format!(
                "{} channels cannot be decoded here",
                format.channels
            ));
        }
        self.decode_into(
            src,
            stream_size,
            first,
            Output::sink(&mut sink, len, format),
        )
    }

    /// [`Decoder::decode`] of a quantized float stream, restored with its offset and gain
    /// (as [`restore_stream`](crate::stream::convert::restore_stream) does) on the way out.
    pub fn decode_restored<F: Float>(
        &mut self,
        src: StreamBytes<'_>,
        stream_size: u64,
        first: u64,
        (offset, gain): (F, F),
        out: &mut [F],
    ) -> Result<(), String> {
        self.decode_into(src, stream_size, first, Output::floats(out, offset, gain))
    }

    fn decode_into(
        &mut self,
        src: StreamBytes<'_>,
        stream_size: u64,
        first: u64,
        out: Output,
    ) -> Result<(), String> {
        match src {
            StreamBytes::Whole(stream) => {
                let info = StreamInfo::parse(stream)?;
                let (head, audio) = stream.split_at(info.audio_offset);
                self.decode_parts(head, audio, &info, stream_size, first, out)
            }
            StreamBytes::Frames {
                frames,
                format,
                blocksize,
            } => {
                let head = stream_header(format, blocksize, stream_size)?;
                let info = StreamInfo::parse(&head)?;
                self.decode_parts(&head, frames, &info, stream_size, first, out)
            }
            StreamBytes::Window {
                head,
                frames,
                frame_sample,
            } => {
                let info = StreamInfo::parse(head)?;
                check_request(&info, &out, stream_size, first)?;
                let bs = info.blocksize as u64;
                if frame_sample % bs != 0 || frame_sample > first || first - frame_sample >= bs {
                    return Err(format!(
                        "sample {frame_sample} does not start the frame holding sample {first}"
                    ));
                }
                let part = Part {
                    head: &head[..info.audio_offset],
                    frames,
                    frame_sample,
                };
                self.run(part, &info, stream_size, first, out)
            }
        }
    }

    /// Decode from a stream given as its metadata bytes and its frames.
    fn decode_parts(
        &mut self,
        head: &[u8],
        audio: &[u8],
        info: &StreamInfo,
        stream_size: u64,
        first: u64,
        out: Output,
    ) -> Result<(), String> {
        check_request(info, &out, stream_size, first)?;
        let bs = info.blocksize as u64;
        let k0 = first / bs;
        if k0 > 0 {
            let found =
                FrameSeeker::new(audio, 0, stream_size.div_ceil(bs)).and_then(|s| s.find(k0));
            if let Some(offset) = found {
                let part = Part {
                    head,
                    frames: &audio[offset..],
                    frame_sample: k0 * bs,
                };
                if self.run(part, info, stream_size, first, out).is_ok() {
                    return Ok(());
                }
            }
        }
        // From the first frame: the normal path for k0 == 0, and the fallback if the seek
        // found no frame or a false sync.
        let part = Part {
            head,
            frames: audio,
            frame_sample: 0,
        };
        self.run(part, info, stream_size, first, out)
    }

    fn run(
        &mut self,
        part: Part<'_>,
        info: &StreamInfo,
        stream_size: u64,
        first: u64,
        out: Output,
    ) -> Result<(), String> {
        let place = Placer {
            out,
            blocksize: info.blocksize as u64,
            stream_size,
            first,
            next_sample: part.frame_sample,
        };
        match self.fixed.unwrap_or_else(engine) {
            Engine::Native => self.run_native(part.frames, info.bits_per_sample, place),
            Engine::Libflac => {
                if self.libflac.is_none() {
                    self.libflac = Some(Libflac::new()?);
                }
                let lib = self.libflac.as_mut().expect("set above");
                lib.run(part.head, part.frames, place)
            }
        }
    }

    /// Decode frames one after another until the range is done (or, when it ends the
    /// stream, until the bytes end, so that a stream longer than `stream_size` is noticed).
    fn run_native(
        &mut self,
        mut frames: &[u8],
        bits: u32,
        mut place: Placer,
    ) -> Result<(), String> {
        let (last, to_end) = (place.last(), place.to_end());
        while place.next_sample < last || (to_end && !frames.is_empty()) {
            if frames.is_empty() {
                break;
            }
            let at = place.next_sample;
            let f = self
                .native
                .decode(frames, bits)
                .map_err(|e| format!("corrupt FLAC frame (sample {at}): {e}"))?;
            let start = if f.variable {
                f.number
            } else {
                f.number.saturating_mul(place.blocksize)
            };
            let n = f.blocksize;
            let ch = [
                self.native.channel(0, n),
                self.native.channel(f.channels.min(2) - 1, n),
            ];
            place.frame(
                n as u32,
                f.channels as u32,
                f.bits,
                start,
                &ch[..f.channels.min(2)],
            )?;
            frames = &frames[f.len..];
        }
        place.finish()
    }
}

/// Where the frames of one decode go: each frame is checked against the stream (layout,
/// position, size) and the part of it inside the requested range is written to `out`.
pub(crate) struct Placer {
    /// Output for the samples `[first, first + out.len)`.
    out: Output,
    blocksize: u64,
    stream_size: u64,
    first: u64,
    /// The first sample of the next frame expected.
    pub(crate) next_sample: u64,
}

impl Placer {
    pub(crate) fn none() -> Placer {
        Placer {
            out: Output::none(),
            blocksize: 0,
            stream_size: 0,
            first: 0,
            next_sample: 0,
        }
    }

    /// One past the last sample wanted.
    pub(crate) fn last(&self) -> u64 {
        self.first + self.out.len as u64
    }

    /// Whether the range ends the stream (so the frames must end there too).
    pub(crate) fn to_end(&self) -> bool {
        self.last() == self.stream_size
    }

    /// Check a decoded frame and write its samples in the range.
    pub(crate) fn frame(
        &mut self,
        blocksize: u32,
        channels: u32,
        bps: u32,
        start: u64,
        ch: &[&[i32]],
    ) -> Result<(), String> {
        let bs = blocksize as u64;
        let end = start.saturating_add(bs);
        let want = self.out.format;
        if channels != want.channels || bps != want.bits {
            return Err(format!(
                "frame at sample {start} has {channels} channels of {bps} bits, expected {} of {}",
                want.channels, want.bits
            ));
        } else if start != self.next_sample {
            return Err(format!(
                "frame at sample {start} where sample {} was expected (missing or misplaced frame)",
                self.next_sample
            ));
        } else if end > self.stream_size {
            return Err(format!(
                "the stream holds more samples than stream_size = {}",
                self.stream_size
            ));
        } else if bs != self.blocksize && end != self.stream_size {
            return Err(format!(
                "short frame of {bs} samples at sample {start}, before the end of the stream \
                 (stream_size = {})",
                self.stream_size
            ));
        }
        self.next_sample = end;
        let lo = start.max(self.first);
        let hi = end.min(self.last());
        if lo < hi {
            let (j0, o0) = ((lo - start) as usize, (lo - self.first) as usize);
            (self.out.write)(&self.out, o0, ch, j0..(hi - start) as usize);
        }
        Ok(())
    }

    /// Check that the frames held the whole range (and, for a range to the end, exactly the
    /// stream).
    pub(crate) fn finish(&self) -> Result<(), String> {
        let last = self.last();
        if self.next_sample < last || (self.to_end() && self.next_sample != self.stream_size) {
            return Err(format!(
                "the stream ends after {} samples, but stream_size is {}",
                self.next_sample, self.stream_size
            ));
        }
        Ok(())
    }
}

/// Check a decode request: the sample range fits the stream and the output, and the stream
/// has the channels and bits per sample the output expects.
fn check_request(
    info: &StreamInfo,
    out: &Output,
    stream_size: u64,
    first: u64,
) -> Result<(), String> {
    let last = first.saturating_add(out.len as u64);
    if first >= last || last > stream_size {
        return Err(format!(
            "invalid sample range [{first}, {last}) for a stream of {stream_size} samples"
        ));
    }
    let want = out.format;
    if info.channels != want.channels || info.bits_per_sample != want.bits {
        return Err(format!(
            "the stream has {} channel(s) of {} bits; this data type needs {} channel(s) of {} bits",
            info.channels, info.bits_per_sample, want.channels, want.bits
        ));
    }
    Ok(())
}

/// The `fLaC` marker and a STREAMINFO block (the last metadata block) describing a stream of
/// fixed `blocksize` with the given layout and length, for decoding bare frames.
pub fn stream_header(
    format: FrameFormat,
    blocksize: u32,
    stream_size: u64,
) -> Result<Vec<u8>, String> {
    if !(16..=65535).contains(&blocksize)
        || !(1..=8).contains(&format.channels)
        || !(4..=32).contains(&format.bits)
        || stream_size >= 1 << 36
    {
        return Err(format!(
            "invalid stream layout: blocksize {blocksize}, {} channel(s) of {} bits, {stream_size} samples",
            format.channels, format.bits
        ));
    }
    let mut h = Vec::with_capacity(42);
    h.extend_from_slice(b"fLaC");
    h.extend_from_slice(&[0x80, 0, 0, 34]); // last block, STREAMINFO, 34 bytes
    h.extend_from_slice(&(blocksize as u16).to_be_bytes());
    h.extend_from_slice(&(blocksize as u16).to_be_bytes());
    h.extend_from_slice(&[0; 6]); // min/max frame size unknown
    let packed: u64 = (44100u64 << 44)
        | (((format.channels - 1) as u64) << 41)
        | (((format.bits - 1) as u64) << 36)
        | stream_size;
    h.extend_from_slice(&packed.to_be_bytes());
    h.extend_from_slice(&[0; 16]); // MD5 unknown
    Ok(h)
}
