//! The FLAC stream codec: one stream of 32-bit samples (1 or 2 channels) to a native FLAC
//! stream and back, on libFLAC 1.5.0 with the settings of Python flacarray 0.4.1.
//!
//! [`Encoder`] and [`Decoder`] are kept per thread and reused across the streams it handles
//! (the decoder keeps its libFLAC object; see [`Encoder`] for why the encoder cannot).
//! Decoding a sample range locates the first needed frame with
//! [`crate::stream::frames::FrameSeeker`] and feeds libFLAC the metadata followed by the bytes from
//! that frame on, so only the frames holding the range are decoded.

use std::cell::RefCell;
use std::ffi::c_void;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr::NonNull;

use libflac_sys as sys;

use crate::stream::convert::Float;
use crate::stream::frames::{FrameSeeker, StreamInfo};

/// The FLAC compression level used when none is given (as in Python flacarray).
pub const DEFAULT_LEVEL: u32 = 5;

/// An integer sample type that maps onto FLAC channels of 32 bits.
pub trait IntSample: Copy + Default + Send + Sync + PartialEq + std::fmt::Debug + 'static {
    /// FLAC channels per sample.
    const CHANNELS: u32;
    /// Interleaved 32-bit words for libFLAC (channel 0 is the low word).
    fn interleave<'a>(samples: &'a [Self], scratch: &'a mut Vec<i32>) -> &'a [i32];
    /// Assemble `out.len()` samples from the same range of a decoded frame's channels.
    fn from_channels(ch: &[&[i32]], out: &mut [Self]);
}

impl IntSample for i32 {
    const CHANNELS: u32 = 1;
    fn interleave<'a>(samples: &'a [i32], _scratch: &'a mut Vec<i32>) -> &'a [i32] {
        samples
    }
    fn from_channels(ch: &[&[i32]], out: &mut [i32]) {
        out.copy_from_slice(ch[0]);
    }
}

impl IntSample for i64 {
    const CHANNELS: u32 = 2;
    fn interleave<'a>(samples: &'a [i64], scratch: &'a mut Vec<i32>) -> &'a [i32] {
        scratch.clear();
        scratch.reserve(2 * samples.len());
        for &v in samples {
            scratch.push(v as i32);
            scratch.push((v >> 32) as i32);
        }
        scratch
    }
    fn from_channels(ch: &[&[i32]], out: &mut [i64]) {
        for ((o, &lo), &hi) in out.iter_mut().zip(ch[0]).zip(ch[1]) {
            *o = ((hi as i64) << 32) | (lo as u32 as i64);
        }
    }
}

/// The version of the libFLAC this crate is built with ("1.5.0").
pub fn libflac_version() -> String {
    // SAFETY: libFLAC's version string is a static NUL-terminated constant, never written.
    unsafe {
        let p = std::ptr::addr_of!(sys::FLAC__VERSION_STRING).read();
        if p.is_null() {
            return "unknown".into();
        }
        std::ffi::CStr::from_ptr(p).to_string_lossy().into_owned()
    }
}

/// Check a compression level of the library and its group format (0 to 8, libFLAC's and
/// Python flacarray's).
pub fn check_level(level: u32) -> Result<(), String> {
    if level > 8 {
        Err(format!(
            "FLAC compression level must be 0 to 8, got {level} \
             (levels 9 to {MAX_CHUNK_LEVEL} exist only in the HDF5 filter and the Zarr codecs)"
        ))
    } else {
        Ok(())
    }
}

/// The highest level of the filter's chunks (HDF5, NCZarr, Zarr): libFLAC's 0 to 8, then
/// the search levels 9 to 11 (`stream::search`).
pub const MAX_CHUNK_LEVEL: u32 = 11;

/// Check a compression level of the filter's chunks (0 to [`MAX_CHUNK_LEVEL`]).
pub fn check_chunk_level(level: u32) -> Result<(), String> {
    if level > MAX_CHUNK_LEVEL {
        Err(format!(
            "FLAC compression level must be 0 to {MAX_CHUNK_LEVEL}, got {level}"
        ))
    } else {
        Ok(())
    }
}

/// The sample widths of FLAC's streamable subset; others (the filter's chunks code each
/// stream at the width its values need) turn the subset off.
const SUBSET_BITS: [u32; 6] = [8, 12, 16, 20, 24, 32];

/// The precision of LPC coefficients for samples under 16 bits: the one libFLAC gives
/// 16-bit samples at this blocksize. libFLAC's own choice for narrower samples (2 + bits/2)
/// makes real recordings of 10- and 11-bit ADCs up to 2.6 % larger than the same values
/// coded as 16 bits (README, "Real recordings").
fn narrow_precision(blocksize: u32) -> u32 {
    match blocksize {
        0..=192 => 7,
        193..=384 => 8,
        385..=576 => 9,
        577..=1152 => 10,
        1153..=2304 => 11,
        2305..=4608 => 12,
        _ => 13,
    }
}

/// The libFLAC settings of one encoding: one of its presets (levels 0 to 8), optionally with
/// another blocksize, a higher LPC order or libFLAC's slow searches. Anything beyond FLAC's
/// streamable subset (blocks over 4608 samples, LPC orders over 12) turns the subset off;
/// every FLAC decoder still reads the frames.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// libFLAC's compression level, 0 to 8.
    pub preset: u32,
    /// Samples per frame; `None` for the preset's.
    pub blocksize: Option<u32>,
    /// Highest LPC order; `None` for the preset's.
    pub max_lpc_order: Option<u32>,
    /// libFLAC's exhaustive model search (every LPC order up to the highest).
    pub searches: bool,
}

impl Settings {
    /// libFLAC's preset `level` (0 to 8) as it is.
    pub fn preset(level: u32) -> Settings {
        Settings {
            preset: level,
            blocksize: None,
            max_lpc_order: None,
            searches: false,
        }
    }

    /// These settings with another blocksize.
    pub fn with_blocksize(self, blocksize: u32) -> Settings {
        Settings {
            blocksize: Some(blocksize),
            ..self
        }
    }

    /// Whether these settings and sample width stay within FLAC's streamable subset.
    fn in_subset(&self, format: FrameFormat) -> bool {
        self.blocksize.is_none_or(|b| b <= 4608)
            && self.max_lpc_order.is_none_or(|o| o <= 12)
            && SUBSET_BITS.contains(&format.bits)
    }
}

extern "C" {
    /// Exported by libFLAC (declared in its `share/private.h`, used by the `flac` tool) but
    /// not in the public headers that libflac-sys binds. Turning MD5 off does not change the
    /// bytes: without a seek callback the STREAMINFO MD5 field stays zero either way.
    fn FLAC__stream_encoder_set_do_md5(
        encoder: *mut sys::FLAC__StreamEncoder,
        value: sys::FLAC__bool,
    ) -> sys::FLAC__bool;
}

thread_local! {
    static ENCODER: RefCell<Option<Encoder>> = const { RefCell::new(None) };
    static DECODER: RefCell<Option<Decoder>> = const { RefCell::new(None) };
}

/// Run `f` with this thread's encoder (created on first use).
pub fn with_encoder<R>(f: impl FnOnce(&mut Encoder) -> Result<R, String>) -> Result<R, String> {
    ENCODER.with(|cell| match cell.try_borrow_mut() {
        Ok(mut slot) => f(slot.get_or_insert_with(Encoder::new)),
        // Re-entered (not done by this crate): use a fresh one.
        Err(_) => f(&mut Encoder::new()),
    })
}

/// Run `f` with this thread's decoder (created on first use). Creating and initialising a
/// libFLAC decoder costs about as much as decoding a frame, so one is kept per thread.
pub fn with_decoder<R>(f: impl FnOnce(&mut Decoder) -> Result<R, String>) -> Result<R, String> {
    DECODER.with(|cell| match cell.try_borrow_mut() {
        Ok(mut slot) => {
            if slot.is_none() {
                *slot = Some(Decoder::new()?);
            }
            f(slot.as_mut().expect("set above"))
        }
        Err(_) => f(&mut Decoder::new()?),
    })
}

/// A FLAC stream encoder, reused across the streams a thread handles.
///
/// What it keeps between streams is its interleaving buffer, not the libFLAC object: libFLAC
/// 1.5.0 allocates a new 32 KiB bit-writer buffer at every `init_stream` without freeing the
/// previous one (found with valgrind's leak check), so re-initialising one object leaks for
/// every stream; it is also slower than a fresh object. Each stream gets a new libFLAC
/// encoder, as in Python flacarray.
#[derive(Default)]
pub struct Encoder {
    scratch: Vec<i32>,
}

/// One libFLAC encoder object, deleted on drop.
struct RawEncoder(NonNull<sys::FLAC__StreamEncoder>);

impl RawEncoder {
    fn new() -> Result<RawEncoder, String> {
        // SAFETY: plain constructor; a null return means allocation failed.
        let ptr = unsafe { sys::FLAC__stream_encoder_new() };
        Ok(RawEncoder(
            NonNull::new(ptr).ok_or("libFLAC could not allocate an encoder")?,
        ))
    }
}

impl Drop for RawEncoder {
    fn drop(&mut self) {
        // SAFETY: we own the encoder; delete finishes it if needed.
        unsafe { sys::FLAC__stream_encoder_delete(self.0.as_ptr()) }
    }
}

/// Where the encoder's write callback puts bytes.
struct WriteTarget<'a> {
    out: &'a mut Vec<u8>,
    /// Keep the `fLaC` marker and metadata blocks (else only the frames).
    header: bool,
}

unsafe extern "C" fn encoder_write(
    _enc: *const sys::FLAC__StreamEncoder,
    buffer: *const sys::FLAC__byte,
    bytes: usize,
    samples: u32,
    _frame: u32,
    client: *mut c_void,
) -> sys::FLAC__StreamEncoderWriteStatus {
    let ok = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: `client` is the `WriteTarget` passed to init_stream by `encode_frames`,
        // alive for the whole call.
        let target = unsafe { &mut *(client as *mut WriteTarget<'_>) };
        // libFLAC writes the marker and metadata with `samples == 0`, frames with `samples > 0`.
        if bytes > 0 && (target.header || samples > 0) {
            let out = &mut *target.out;
            // SAFETY: libFLAC passes `bytes` readable bytes at `buffer` for this call.
            out.extend_from_slice(unsafe { std::slice::from_raw_parts(buffer, bytes) });
        }
    }));
    if ok.is_ok() {
        sys::FLAC__STREAM_ENCODER_WRITE_STATUS_OK
    } else {
        sys::FLAC__STREAM_ENCODER_WRITE_STATUS_FATAL_ERROR
    }
}

impl Encoder {
    /// Create an encoder.
    pub fn new() -> Encoder {
        Encoder::default()
    }

    /// Encode one stream and append the complete FLAC stream to `out`.
    pub fn encode<T: IntSample>(
        &mut self,
        samples: &[T],
        level: u32,
        out: &mut Vec<u8>,
    ) -> Result<(), String> {
        check_level(level)?;
        let words = T::interleave(samples, &mut self.scratch);
        let format = FrameFormat::new(T::CHANNELS, 32);
        encode_frames(words, format, &Settings::preset(level), true, out).map(|_| ())
    }
}

/// The sample layout of a FLAC stream: channels and bits per sample.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrameFormat {
    /// Channels per sample (1 or 2 here).
    pub channels: u32,
    /// Bits per sample: 8, 16 or 32.
    pub bits: u32,
}

impl FrameFormat {
    /// A format of `channels` channels of `bits` bits.
    pub fn new(channels: u32, bits: u32) -> FrameFormat {
        FrameFormat { channels, bits }
    }
}

/// Encode interleaved samples (`format.channels` words per sample, each within `format.bits`
/// bits) into FLAC with `settings`, appending to `out` the whole stream (`header`) or only its
/// frames. Returns the blocksize libFLAC used.
pub fn encode_frames(
    words: &[i32],
    format: FrameFormat,
    settings: &Settings,
    header: bool,
    out: &mut Vec<u8>,
) -> Result<u32, String> {
    if settings.preset > 8 {
        return Err(format!("libFLAC has no preset {}", settings.preset));
    }
    let ch = format.channels;
    if words.is_empty() || !words.len().is_multiple_of(ch as usize) {
        return Err("cannot encode an empty stream".into());
    }
    let raw = RawEncoder::new()?;
    let enc = raw.0.as_ptr();
    let mut target = WriteTarget { out, header };
    // SAFETY: `enc` is a new, uninitialised encoder owned by `raw`. The client pointer is
    // `target`, which outlives every callback made before `finish` returns. `words` holds
    // whole samples of `ch` interleaved words.
    unsafe {
        let set = sys::FLAC__stream_encoder_set_compression_level(enc, settings.preset) != 0
            && sys::FLAC__stream_encoder_set_blocksize(enc, 0) != 0
            && (settings.in_subset(format)
                || sys::FLAC__stream_encoder_set_streamable_subset(enc, 0) != 0)
            && settings
                .blocksize
                .is_none_or(|b| sys::FLAC__stream_encoder_set_blocksize(enc, b) != 0)
            && settings
                .max_lpc_order
                .is_none_or(|o| sys::FLAC__stream_encoder_set_max_lpc_order(enc, o) != 0)
            && (!settings.searches
                || sys::FLAC__stream_encoder_set_do_exhaustive_model_search(enc, 1) != 0)
            && sys::FLAC__stream_encoder_set_channels(enc, ch) != 0
            && sys::FLAC__stream_encoder_set_bits_per_sample(enc, format.bits) != 0
            && (format.bits >= 16
                || sys::FLAC__stream_encoder_set_qlp_coeff_precision(
                    enc,
                    narrow_precision(settings.blocksize.unwrap_or(4096)),
                ) != 0)
            // The MD5 is never stored (no seek callback), so skip computing it.
            && FLAC__stream_encoder_set_do_md5(enc, 0) != 0;
        if !set {
            return Err("libFLAC refused the encoder settings".into());
        }
        let status = sys::FLAC__stream_encoder_init_stream(
            enc,
            Some(encoder_write),
            None,
            None,
            None,
            &mut target as *mut WriteTarget<'_> as *mut c_void,
        );
        if status != sys::FLAC__STREAM_ENCODER_INIT_STATUS_OK {
            return Err(format!("libFLAC encoder init failed (status {status})"));
        }
        let blocksize = sys::FLAC__stream_encoder_get_blocksize(enc);
        let per_call = (1usize << 20) * ch as usize;
        let mut ok = true;
        for chunk in words.chunks(per_call) {
            let n = (chunk.len() / ch as usize) as u32;
            if sys::FLAC__stream_encoder_process_interleaved(enc, chunk.as_ptr(), n) == 0 {
                ok = false;
                break;
            }
        }
        let state = sys::FLAC__stream_encoder_get_state(enc);
        let finished = sys::FLAC__stream_encoder_finish(enc) != 0;
        if !ok || !finished {
            return Err(format!("libFLAC encoder failed (state {state})"));
        }
        Ok(blocksize)
    }
}

/// Where decoded samples go: `len` values of the output type at `ptr`, stored by `write`.
#[derive(Clone, Copy)]
struct Output {
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
    // by `Decoder::decode`, which keeps the slice borrowed while libFLAC runs.
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

/// The state shared with the decoder callbacks for one stream.
struct DecodeCtx {
    /// Metadata bytes of the stream (up to the first frame).
    head: *const u8,
    head_len: usize,
    /// Audio bytes from the first frame to decode on.
    tail: *const u8,
    tail_len: usize,
    pos: usize,
    /// Output for the samples `[first, first + out.len)`.
    out: Output,
    blocksize: u64,
    stream_size: u64,
    first: u64,
    next_sample: u64,
    error: Option<String>,
}

impl DecodeCtx {
    fn empty() -> DecodeCtx {
        DecodeCtx {
            head: std::ptr::null(),
            head_len: 0,
            tail: std::ptr::null(),
            tail_len: 0,
            pos: 0,
            out: Output::none(),
            blocksize: 0,
            stream_size: 0,
            first: 0,
            next_sample: 0,
            error: None,
        }
    }

    fn read(&mut self, buf: &mut [u8]) -> usize {
        // SAFETY: both ranges were set by `Decoder::run` from slices that outlive the decode.
        let (head, tail) = unsafe {
            (
                std::slice::from_raw_parts(self.head, self.head_len),
                std::slice::from_raw_parts(self.tail, self.tail_len),
            )
        };
        let mut n = 0;
        if self.pos < head.len() {
            n = (head.len() - self.pos).min(buf.len());
            buf[..n].copy_from_slice(&head[self.pos..self.pos + n]);
            self.pos += n;
        }
        if n < buf.len() {
            let t = self.pos - head.len();
            let k = (tail.len() - t).min(buf.len() - n);
            buf[n..n + k].copy_from_slice(&tail[t..t + k]);
            self.pos += k;
            n += k;
        }
        n
    }

    fn frame(
        &mut self,
        blocksize: u32,
        channels: u32,
        bps: u32,
        start: u64,
        ch: &[&[i32]],
    ) -> bool {
        if self.error.is_some() {
            return false;
        }
        let bs = blocksize as u64;
        let end = start + bs;
        let want = self.out.format;
        let problem = if channels != want.channels || bps != want.bits {
            Some(format!(
                "frame at sample {start} has {channels} channels of {bps} bits, expected {} of {}",
                want.channels, want.bits
            ))
        } else if start != self.next_sample {
            Some(format!(
                "frame at sample {start} where sample {} was expected (missing or misplaced frame)",
                self.next_sample
            ))
        } else if end > self.stream_size {
            Some(format!(
                "the stream holds more samples than stream_size = {}",
                self.stream_size
            ))
        } else if bs != self.blocksize && end != self.stream_size {
            Some(format!(
                "short frame of {bs} samples at sample {start}, before the end of the stream \
                 (stream_size = {})",
                self.stream_size
            ))
        } else {
            None
        };
        if let Some(p) = problem {
            self.error = Some(p);
            return false;
        }
        self.next_sample = end;
        let lo = start.max(self.first);
        let hi = end.min(self.first + self.out.len as u64);
        if lo < hi {
            let (j0, o0) = ((lo - start) as usize, (lo - self.first) as usize);
            (self.out.write)(&self.out, o0, ch, j0..(hi - start) as usize);
        }
        true
    }
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

/// A reusable libFLAC stream decoder with its own frame seek.
pub struct Decoder {
    ptr: NonNull<sys::FLAC__StreamDecoder>,
    ctx: Box<DecodeCtx>,
}

// SAFETY: a libFLAC decoder has no thread affinity; the context's raw pointers are only set
// and used within one `decode` call.
unsafe impl Send for Decoder {}

unsafe extern "C" fn decoder_read(
    _dec: *const sys::FLAC__StreamDecoder,
    buffer: *mut sys::FLAC__byte,
    bytes: *mut usize,
    client: *mut c_void,
) -> sys::FLAC__StreamDecoderReadStatus {
    let r = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: `client` is the boxed `DecodeCtx` registered at init, not otherwise
        // borrowed while libFLAC runs a callback.
        let ctx = unsafe { &mut *(client as *mut DecodeCtx) };
        // SAFETY: libFLAC passes a writable buffer of `*bytes` bytes.
        let buf = unsafe { std::slice::from_raw_parts_mut(buffer, *bytes) };
        let n = ctx.read(buf);
        // SAFETY: `bytes` is libFLAC's in/out count, valid for writing.
        unsafe { *bytes = n };
        n
    }));
    match r {
        Ok(0) => sys::FLAC__STREAM_DECODER_READ_STATUS_END_OF_STREAM,
        Ok(_) => sys::FLAC__STREAM_DECODER_READ_STATUS_CONTINUE,
        Err(_) => sys::FLAC__STREAM_DECODER_READ_STATUS_ABORT,
    }
}

unsafe extern "C" fn decoder_write(
    _dec: *const sys::FLAC__StreamDecoder,
    frame: *const sys::FLAC__Frame,
    buffer: *const *const sys::FLAC__int32,
    client: *mut c_void,
) -> sys::FLAC__StreamDecoderWriteStatus {
    let r = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: `client` is the boxed `DecodeCtx` registered at init, not otherwise
        // borrowed while libFLAC runs a callback.
        let ctx = unsafe { &mut *(client as *mut DecodeCtx) };
        // SAFETY: libFLAC passes a valid frame for the duration of the callback.
        let h = unsafe { &(*frame).header };
        let nch = (h.channels as usize).min(8);
        let bs = h.blocksize as usize;
        let chans: Vec<&[i32]> = (0..nch)
            // SAFETY: `buffer` holds `channels` pointers, each to `blocksize` samples.
            .map(|c| unsafe { std::slice::from_raw_parts(*buffer.add(c), bs) })
            .collect();
        // SAFETY: libFLAC turns every frame number into a sample number (union member
        // `sample_number`) before calling the write callback.
        let start = unsafe { h.number.sample_number };
        ctx.frame(h.blocksize, h.channels, h.bits_per_sample, start, &chans)
    }));
    match r {
        Ok(true) => sys::FLAC__STREAM_DECODER_WRITE_STATUS_CONTINUE,
        _ => sys::FLAC__STREAM_DECODER_WRITE_STATUS_ABORT,
    }
}

unsafe extern "C" fn decoder_error(
    _dec: *const sys::FLAC__StreamDecoder,
    status: sys::FLAC__StreamDecoderErrorStatus,
    client: *mut c_void,
) {
    let _ = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: `client` is the boxed `DecodeCtx` registered at init.
        let ctx = unsafe { &mut *(client as *mut DecodeCtx) };
        if ctx.error.is_none() {
            let what = match status {
                sys::FLAC__STREAM_DECODER_ERROR_STATUS_LOST_SYNC => "lost sync",
                sys::FLAC__STREAM_DECODER_ERROR_STATUS_BAD_HEADER => "bad frame header",
                sys::FLAC__STREAM_DECODER_ERROR_STATUS_FRAME_CRC_MISMATCH => "frame CRC mismatch",
                sys::FLAC__STREAM_DECODER_ERROR_STATUS_UNPARSEABLE_STREAM => "unparseable stream",
                _ => "bad or missing data",
            };
            ctx.error = Some(format!("libFLAC: {what}"));
        }
    }));
}

impl Decoder {
    /// Create a decoder.
    pub fn new() -> Result<Decoder, String> {
        // SAFETY: plain constructor; a null return means allocation failed.
        let ptr = NonNull::new(unsafe { sys::FLAC__stream_decoder_new() })
            .ok_or("libFLAC could not allocate a decoder")?;
        let mut dec = Decoder {
            ptr,
            ctx: Box::new(DecodeCtx::empty()),
        };
        dec.init()?;
        Ok(dec)
    }

    fn init(&mut self) -> Result<(), String> {
        let client = &mut *self.ctx as *mut DecodeCtx as *mut c_void;
        // SAFETY: the decoder is uninitialised; `client` is the boxed context, which lives
        // (at a fixed address) as long as the decoder.
        let status = unsafe {
            sys::FLAC__stream_decoder_init_stream(
                self.ptr.as_ptr(),
                Some(decoder_read),
                None,
                None,
                None,
                None,
                Some(decoder_write),
                None,
                Some(decoder_error),
                client,
            )
        };
        if status == sys::FLAC__STREAM_DECODER_INIT_STATUS_OK {
            Ok(())
        } else {
            Err(format!("libFLAC decoder init failed (status {status})"))
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
        let Part {
            head,
            frames,
            frame_sample,
        } = part;
        let dec = self.ptr.as_ptr();
        // SAFETY: the decoder is initialised; reset makes it read a new stream from its
        // metadata on (it has no seek callback, so nothing is called).
        if unsafe { sys::FLAC__stream_decoder_reset(dec) } == 0 {
            // SAFETY: finish returns the decoder to the uninitialised state init expects.
            unsafe { sys::FLAC__stream_decoder_finish(dec) };
            self.init()?;
        }
        let last = first + out.len as u64;
        *self.ctx = DecodeCtx {
            head: head.as_ptr(),
            head_len: head.len(),
            tail: frames.as_ptr(),
            tail_len: frames.len(),
            pos: 0,
            out,
            blocksize: info.blocksize as u64,
            stream_size,
            first,
            next_sample: frame_sample,
            error: None,
        };
        // SAFETY: the context now points into `head`, `frames` and the output, all borrowed
        // for this call; every process call below returns before they go away.
        let result = unsafe {
            if sys::FLAC__stream_decoder_process_until_end_of_metadata(dec) == 0 {
                Err("cannot read the FLAC metadata".to_string())
            } else if last == stream_size {
                // Read to the end so that a stream longer than stream_size is noticed.
                sys::FLAC__stream_decoder_process_until_end_of_stream(dec);
                Ok(())
            } else {
                let mut stalls = 0;
                while self.ctx.next_sample < last && self.ctx.error.is_none() {
                    let before = (self.ctx.pos, self.ctx.next_sample);
                    let ok = sys::FLAC__stream_decoder_process_single(dec) != 0;
                    let state = sys::FLAC__stream_decoder_get_state(dec);
                    if !ok || state >= sys::FLAC__STREAM_DECODER_END_OF_STREAM {
                        break;
                    }
                    stalls = if before == (self.ctx.pos, self.ctx.next_sample) {
                        stalls + 1
                    } else {
                        0
                    };
                    if stalls > 2 {
                        break;
                    }
                }
                Ok(())
            }
        };
        let ctx = std::mem::replace(&mut *self.ctx, DecodeCtx::empty());
        result?;
        if let Some(e) = ctx.error {
            return Err(e);
        }
        if ctx.next_sample < last || (last == stream_size && ctx.next_sample != stream_size) {
            return Err(format!(
                "the stream ends after {} samples, but stream_size is {stream_size}",
                ctx.next_sample
            ));
        }
        Ok(())
    }
}

impl Drop for Decoder {
    fn drop(&mut self) {
        // SAFETY: we own the decoder; delete finishes it first. The context box is dropped
        // after this, so no callback can see a dangling pointer.
        unsafe { sys::FLAC__stream_decoder_delete(self.ptr.as_ptr()) }
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
