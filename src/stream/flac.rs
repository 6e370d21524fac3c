//! The FLAC encoder: one stream of 32-bit samples (1 or 2 channels) to a native FLAC stream
//! or bare frames, on libFLAC 1.5.0 with the settings of Python flacarray 0.4.1 (levels 0–8)
//! or any width, blocksize and LPC order the filter's levels ask for ([`Settings`]). The
//! [`Encoder`] is kept per thread (see it for why its libFLAC object is not). Decoding is
//! [`crate::stream::decode`]'s.

use std::cell::RefCell;
use std::ffi::c_void;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr::NonNull;

use libflac_sys as sys;

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
        // Sized first, then filled pairwise: a loop the compiler turns into plain copies.
        scratch.clear();
        scratch.resize(2 * samples.len(), 0);
        for (w, &v) in scratch.chunks_exact_mut(2).zip(samples) {
            w[0] = v as i32;
            w[1] = (v >> 32) as i32;
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
/// coded as 16 bits (docs/levels.md, "Real recordings").
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
}

/// Run `f` with this thread's encoder (created on first use).
pub fn with_encoder<R>(f: impl FnOnce(&mut Encoder) -> Result<R, String>) -> Result<R, String> {
    ENCODER.with(|cell| match cell.try_borrow_mut() {
        Ok(mut slot) => f(slot.get_or_insert_with(Encoder::new)),
        // Re-entered (not done by this crate): use a fresh one.
        Err(_) => f(&mut Encoder::new()),
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
