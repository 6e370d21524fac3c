//! The C functions that read a sample range of one stream of Python flacarray's layout
//! without reading it whole (declared in `include/flacarray.h`): how much of its head to
//! read, the window of frames to read next, and decoding from that window. h5flac.flacarray
//! reads HDF5 and Zarr groups' `stream_slice`s with them.

use std::ffi::{c_char, c_int, c_void};
use std::panic::{catch_unwind, AssertUnwindSafe};

use flacarray::{decompress_window_into, stream_window, Element, HEAD_PROBE};

use crate::abi::{slice, slice_mut, status};

/// How many first bytes of a stream [`flacarray_stream_window`] needs as its head.
#[no_mangle]
pub extern "C" fn flacarray_head_probe() -> usize {
    HEAD_PROBE
}

/// Plan the read of samples `[first, last)` of one stream of `nbytes` bytes and
/// `stream_size` samples, from its first bytes (`head`, `head_len` of them, up to
/// [`flacarray_head_probe`]): sets `*start`/`*end` (a byte range within the stream) and
/// `*k0` (the frame holding `first`) and returns 1, or returns 0 when the stream should be
/// read whole. `margin`: frames of slack on each side (0.25, then 2 if the window missed).
///
/// # Safety
/// `head` points to `head_len` readable bytes; `start`, `end` and `k0` are writable.
#[no_mangle]
pub unsafe extern "C" fn flacarray_stream_window(
    head: *const c_void,
    head_len: usize,
    nbytes: u64,
    stream_size: usize,
    first: usize,
    last: usize,
    margin: f64,
    start: *mut u64,
    end: *mut u64,
    k0: *mut u64,
) -> c_int {
    if start.is_null() || end.is_null() || k0.is_null() {
        return 0;
    }
    // SAFETY: the caller's guarantee on `head`.
    let head = unsafe { slice(head as *const u8, head_len) };
    let plan = catch_unwind(|| stream_window(head, nbytes, stream_size, first..last, margin));
    match plan {
        Ok(Some((r, k))) => {
            // SAFETY: checked not null; writable by the caller's guarantee.
            unsafe {
                *start = r.start;
                *end = r.end;
                *k0 = k;
            }
            1
        }
        _ => 0,
    }
}

/// Decode samples `[first, first + n)` of one stream (`n` values of `kind`/`size` in `out`,
/// `out_len` bytes) from a window read as [`flacarray_stream_window`] planned (`window`,
/// `window_len` bytes; `k0` as it set) and the stream's `head`; `offset` and `gain` point to
/// one value of the output's type for floats and are null for integers. Returns 0, 1 when the
/// window does not hold those samples (read more), or -1 with the reason in `err`.
///
/// # Safety
/// Every pointer points to the number of readable (`out`: writable) bytes given, or is null
/// with a count of 0; `offset` and `gain` as above; `err` is null or points to `err_len`
/// writable bytes.
#[no_mangle]
pub unsafe extern "C" fn flacarray_decode_window(
    head: *const c_void,
    head_len: usize,
    window: *const c_void,
    window_len: usize,
    k0: u64,
    stream_size: usize,
    first: usize,
    kind: c_char,
    size: usize,
    offset: *const c_void,
    gain: *const c_void,
    out: *mut c_void,
    out_len: usize,
    err: *mut c_char,
    err_len: usize,
) -> c_int {
    // SAFETY: the caller's guarantees.
    let (head, window) = unsafe {
        (
            slice(head as *const u8, head_len),
            slice(window as *const u8, window_len),
        )
    };
    let held = std::cell::Cell::new(true);
    let r = catch_unwind(AssertUnwindSafe(|| {
        let run = Window {
            head,
            window,
            k0,
            stream_size,
            first,
        };
        // SAFETY (each arm): the caller's guarantees for the type `kind` and `size` name.
        let r = unsafe {
            match (kind as u8, size) {
                (b'i', 4) => run.decode::<i32>(None, out, out_len),
                (b'i', 8) => run.decode::<i64>(None, out, out_len),
                (b'f', 4) => run.decode::<f32>(Some((offset, gain)), out, out_len),
                (b'f', 8) => run.decode::<f64>(Some((offset, gain)), out, out_len),
                _ => Err(format!(
                    "unsupported data type '{}{size}'",
                    kind as u8 as char
                )),
            }
        };
        r.map(|ok| held.set(ok))
    }));
    match status(r, err, err_len) {
        0 if !held.get() => 1,
        s => s,
    }
}

/// The inputs of [`flacarray_decode_window`].
struct Window<'a> {
    head: &'a [u8],
    window: &'a [u8],
    k0: u64,
    stream_size: usize,
    first: usize,
}

impl Window<'_> {
    /// Decode into `out` as `T`; `Ok(false)` when the window does not hold the samples.
    ///
    /// # Safety
    /// `offset_gain`'s pointers are null or point to one readable `T` each; `out` to
    /// `out_len` writable bytes.
    unsafe fn decode<T: Element>(
        &self,
        offset_gain: Option<(*const c_void, *const c_void)>,
        out: *mut c_void,
        out_len: usize,
    ) -> Result<bool, String> {
        let size = std::mem::size_of::<T>();
        if !out_len.is_multiple_of(size) || !(out as *mut T).is_aligned() {
            return Err(format!(
                "an output of {out_len} bytes is not an aligned array of {size}-byte values"
            ));
        }
        let og = match offset_gain {
            Some((o, g)) if !o.is_null() && !g.is_null() => {
                // SAFETY: the caller's guarantee: one readable `T` at each (maybe unaligned).
                Some(unsafe {
                    (
                        std::ptr::read_unaligned(o as *const T),
                        std::ptr::read_unaligned(g as *const T),
                    )
                })
            }
            Some(_) => return Err("float output needs an offset and a gain".into()),
            None => None,
        };
        // SAFETY: the caller's guarantee on `out`.
        let out = unsafe { slice_mut(out as *mut T, out_len / size) };
        decompress_window_into(
            self.head,
            self.window,
            self.k0,
            self.stream_size,
            self.first,
            og,
            out,
        )
        .map_err(|e| e.to_string())
    }
}
