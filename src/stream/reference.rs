//! libFLAC's decoder behind the same requests as the native one ([`super::native`]): the
//! reference the native decoder is checked against (unit tests, the `flac_decode` fuzz
//! target) and the engine `FLACARRAY_DECODER=libflac` selects. It is fed the stream's
//! metadata and then the bytes from the first frame wanted on, through its read callback;
//! its write callback hands each frame to the same [`Placer`] the native decoder uses.

use std::ffi::c_void;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr::NonNull;

use libflac_sys as sys;

use crate::stream::decode::Placer;

/// A reusable libFLAC stream decoder.
pub(crate) struct Libflac {
    ptr: NonNull<sys::FLAC__StreamDecoder>,
    ctx: Box<DecodeCtx>,
}

// SAFETY: a libFLAC decoder has no thread affinity; the context's raw pointers are only set
// and used within one `run` call.
unsafe impl Send for Libflac {}

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
        if ctx.error.is_some() {
            return false;
        }
        match ctx
            .place
            .frame(h.blocksize, h.channels, h.bits_per_sample, start, &chans)
        {
            Ok(()) => true,
            Err(e) => {
                ctx.error = Some(e);
                false
            }
        }
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

impl Libflac {
    /// Create a decoder.
    pub(crate) fn new() -> Result<Libflac, String> {
        // SAFETY: plain constructor; a null return means allocation failed.
        let ptr = NonNull::new(unsafe { sys::FLAC__stream_decoder_new() })
            .ok_or("libFLAC could not allocate a decoder")?;
        let mut dec = Libflac {
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

    /// Decode a stream given as its metadata bytes (`head`) and the frames from the one
    /// `place` expects first (`frames`), into `place`'s output.
    pub(crate) fn run(&mut self, head: &[u8], frames: &[u8], place: Placer) -> Result<(), String> {
        let dec = self.ptr.as_ptr();
        // SAFETY: the decoder is initialised; reset makes it read a new stream from its
        // metadata on (it has no seek callback, so nothing is called).
        if unsafe { sys::FLAC__stream_decoder_reset(dec) } == 0 {
            // SAFETY: finish returns the decoder to the uninitialised state init expects.
            unsafe { sys::FLAC__stream_decoder_finish(dec) };
            self.init()?;
        }
        let (last, to_end) = (place.last(), place.to_end());
        *self.ctx = DecodeCtx {
            head: head.as_ptr(),
            head_len: head.len(),
            tail: frames.as_ptr(),
            tail_len: frames.len(),
            pos: 0,
            place,
            error: None,
        };
        // SAFETY: the context now points into `head`, `frames` and the output, all borrowed
        // for this call; every process call below returns before they go away.
        let result = unsafe {
            if sys::FLAC__stream_decoder_process_until_end_of_metadata(dec) == 0 {
                Err("cannot read the FLAC metadata".to_string())
            } else if to_end {
                // Read to the end so that a stream longer than stream_size is noticed.
                sys::FLAC__stream_decoder_process_until_end_of_stream(dec);
                Ok(())
            } else {
                let mut stalls = 0;
                while self.ctx.place.next_sample < last && self.ctx.error.is_none() {
                    let before = (self.ctx.pos, self.ctx.place.next_sample);
                    let ok = sys::FLAC__stream_decoder_process_single(dec) != 0;
                    let state = sys::FLAC__stream_decoder_get_state(dec);
                    if !ok || state >= sys::FLAC__STREAM_DECODER_END_OF_STREAM {
                        break;
                    }
                    stalls = if before == (self.ctx.pos, self.ctx.place.next_sample) {
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
        ctx.place.finish()
    }
}

impl Drop for Libflac {
    fn drop(&mut self) {
        // SAFETY: we own the decoder; delete finishes it first. The context box is dropped
        // after this, so no callback can see a dangling pointer.
        unsafe { sys::FLAC__stream_decoder_delete(self.ptr.as_ptr()) }
    }
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
    /// Where the frames go.
    place: Placer,
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
            place: Placer::none(),
            error: None,
        }
    }

    fn read(&mut self, buf: &mut [u8]) -> usize {
        // SAFETY: both ranges were set by `Libflac::run` from slices that outlive the decode.
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
}
