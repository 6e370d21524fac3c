//! The C functions of Python flacarray's array layout (declared in `include/flacarray.h`):
//! streams compressed one by one into one byte buffer located by `stream_starts` and
//! `stream_nbytes`, floats with per-stream offsets and gains. `h5flac.flacarray` (the Python
//! flacarray API on this library) calls them through cffi, with the GIL released; shapes,
//! `keep` masks and the API's rules stay in Python, these take flat streams.

use std::ffi::{c_char, c_int, c_void};
use std::panic::{catch_unwind, AssertUnwindSafe};

use flacarray::{
    array_compress_into, check_selected, decompress_streams_into, float_to_int, int_to_float,
    CompressOptions, Element, PerStream, Quantization,
};
use ndarray::{ArrayD, ArrayViewD, IxDyn};

use crate::abi::{slice, slice_mut, status};

/// `quant` of [`flacarray_compress_streams`]: integers, or floats with these.
const QUANT_NONE: c_int = 0;
const QUANT_QUANTA: c_int = 1;
const QUANT_PRECISION: c_int = 2;
const QUANT_DATA_RANGE: c_int = 3;

/// Compress `n_streams` streams of `stream_size` values each (`data`, C order, native byte
/// order) of `kind` `'i'` (int32, int64) or `'f'` (float32, float64) and `size` bytes, as
/// Python flacarray 0.4.1 does, byte for byte, at FLAC `level` (0–8). Floats: `quant` is
/// 1 (`quant_values`: doubles, the quanta), 2 (`int32_t`s, the precision) or 3 (each stream
/// scaled from its own range; `quant_values` unused), given once (`n_quant` 0: one value, a
/// scalar, with numpy's arithmetic for a scalar precision) or once a stream (`n_quant` =
/// `n_streams`); integers: `quant` 0. `use_threads`: streams on the
/// library's thread pool (the same bytes).
///
/// On success returns 0; `*compressed` is a buffer of `*compressed_len` bytes to release
/// with `flacarray_free`; `starts` and `nbytes` (`n_streams` each) locate every stream in it;
/// for floats, `offsets` and `gains` (`n_streams` values of the data's type) restore them.
/// Else -1 with the reason in `err`.
///
/// # Safety
/// `data` points to `n_streams * stream_size` readable values; `quant_values` to `n_quant`
/// (at least 1) readable values of its type (or is unused); `compressed`, `compressed_len`, `starts` and
/// `nbytes` (`n_streams` values) are writable, as are `offsets` and `gains` for floats; `err`
/// is null or points to `err_len` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn flacarray_compress_streams(
    data: *const c_void,
    kind: c_char,
    size: usize,
    n_streams: usize,
    stream_size: usize,
    level: u32,
    quant: c_int,
    quant_values: *const c_void,
    n_quant: usize,
    use_threads: c_int,
    compressed: *mut *mut c_void,
    compressed_len: *mut usize,
    starts: *mut i64,
    nbytes: *mut i64,
    offsets: *mut c_void,
    gains: *mut c_void,
    err: *mut c_char,
    err_len: usize,
) -> c_int {
    let r = catch_unwind(AssertUnwindSafe(|| {
        if compressed.is_null() || compressed_len.is_null() || starts.is_null() || nbytes.is_null()
        {
            return Err("null output pointers".to_string());
        }
        let values = n_streams
            .checked_mul(stream_size)
            .filter(|&n| n > 0)
            .ok_or_else(|| format!("{n_streams} streams of {stream_size} values"))?;
        // SAFETY: the caller's guarantee on `quant_values`.
        let quantization = unsafe { quantization(quant, quant_values, n_quant, n_streams)? };
        let opts = CompressOptions::default()
            .level(level)
            .quantization(quantization)
            .use_threads(use_threads != 0);
        // SAFETY (each arm): `data` holds `values` values of the type `kind` and `size` name,
        // by the caller's guarantee; the outputs are writable as documented.
        let out = unsafe {
            Outputs {
                compressed,
                compressed_len,
                starts: slice_mut(starts, n_streams),
                nbytes: slice_mut(nbytes, n_streams),
                offsets,
                gains,
            }
        };
        match (kind as u8, size) {
            (b'i', 4) => compress::<i32>(data, values, stream_size, &opts, out),
            (b'i', 8) => compress::<i64>(data, values, stream_size, &opts, out),
            (b'f', 4) => compress::<f32>(data, values, stream_size, &opts, out),
            (b'f', 8) => compress::<f64>(data, values, stream_size, &opts, out),
            _ => Err(format!(
                "unsupported data type '{}{size}': flacarray takes int32, int64, float32 and float64",
                kind as u8 as char
            )),
        }
    }));
    status(r, err, err_len)
}

/// Where [`flacarray_compress_streams`] writes.
struct Outputs<'a> {
    compressed: *mut *mut c_void,
    compressed_len: *mut usize,
    starts: &'a mut [i64],
    nbytes: &'a mut [i64],
    offsets: *mut c_void,
    gains: *mut c_void,
}

/// The quantization `quant` names (see [`flacarray_compress_streams`]), its values read from
/// `values`: one if `n_values` is 0 (a scalar), else one a stream.
///
/// # Safety
/// For quanta `values` points to `max(n_values, 1)` readable doubles, for a precision to as
/// many `int32_t`s.
unsafe fn quantization(
    quant: c_int,
    values: *const c_void,
    n_values: usize,
    n_streams: usize,
) -> Result<Quantization, String> {
    /// A scalar (`n` 0) or one value a stream.
    ///
    /// # Safety
    /// `p` points to `max(n, 1)` readable values.
    unsafe fn per_stream<V: Copy>(
        p: *const V,
        n: usize,
        n_streams: usize,
    ) -> Result<PerStream<V>, String> {
        if p.is_null() {
            return Err("no quantization values".into());
        }
        // SAFETY: the caller's guarantee.
        let v = unsafe { slice(p, n.max(1)) };
        match n {
            0 => Ok(PerStream::Scalar(v[0])),
            n if n == n_streams => Ok(PerStream::Array(
                ArrayD::from_shape_vec(IxDyn(&[n]), v.to_vec()).map_err(|e| e.to_string())?,
            )),
            n => Err(format!("{n} quantization values for {n_streams} streams")),
        }
    }
    Ok(match quant {
        QUANT_NONE => Quantization::None,
        QUANT_DATA_RANGE => Quantization::DataRange,
        // SAFETY (both): the caller's guarantee on `values` for its type.
        QUANT_QUANTA => {
            Quantization::Quanta(unsafe { per_stream(values as *const f64, n_values, n_streams)? })
        }
        QUANT_PRECISION => Quantization::Precision(unsafe {
            per_stream(values as *const i32, n_values, n_streams)?
        }),
        q => return Err(format!("unknown quantization code {q}")),
    })
}

/// [`flacarray_compress_streams`] for values of type `T`.
fn compress<T: Element>(
    data: *const c_void,
    values: usize,
    stream_size: usize,
    opts: &CompressOptions,
    out: Outputs<'_>,
) -> Result<(), String> {
    // SAFETY: the caller of flacarray_compress_streams guarantees `values` values of `T`.
    let data = unsafe { slice(data as *const T, values) };
    let view = ArrayViewD::from_shape(IxDyn(&[values / stream_size, stream_size]), data)
        .map_err(|e| e.to_string())?;
    // The streams are copied once, from the encoder's buffers into the memory handed out.
    let c = array_compress_into(view, opts, CallocBytes::new).map_err(|e| e.to_string())?;
    out.starts
        .iter_mut()
        .zip(c.stream_starts.iter())
        .for_each(|(d, &s)| *d = s);
    out.nbytes
        .iter_mut()
        .zip(c.stream_nbytes.iter())
        .for_each(|(d, &s)| *d = s);
    if let (Some(o), Some(g)) = (&c.stream_offsets, &c.stream_gains) {
        if out.offsets.is_null() || out.gains.is_null() {
            return Err("null offsets or gains for float data".into());
        }
        let n = out.starts.len();
        // SAFETY: for floats the caller guarantees `n` writable values of `T` at each.
        let (od, gd) = unsafe {
            (
                slice_mut(out.offsets as *mut T, n),
                slice_mut(out.gains as *mut T, n),
            )
        };
        od.iter_mut().zip(o.iter()).for_each(|(d, &s)| *d = s);
        gd.iter_mut().zip(g.iter()).for_each(|(d, &s)| *d = s);
    }
    let (p, len) = c.compressed.into_raw();
    // SAFETY: the outputs are writable (checked not null by the caller of this function).
    unsafe {
        *out.compressed = p;
        *out.compressed_len = len;
    }
    Ok(())
}

/// `len` zeroed bytes from `calloc` (large ones are fresh zero pages, not written until the
/// streams are copied in), freed on drop unless handed to the C caller ([`Self::into_raw`]),
/// who releases them with `flacarray_free` (`free`).
struct CallocBytes {
    ptr: *mut u8,
    len: usize,
}

impl CallocBytes {
    fn new(len: usize) -> flacarray::Result<CallocBytes> {
        // SAFETY: calloc returns null or `len.max(1)` writable zeroed bytes.
        let ptr = unsafe { libc::calloc(len.max(1), 1) } as *mut u8;
        if ptr.is_null() {
            return Err(flacarray::Error::InvalidParameter(format!(
                "out of memory for {len} compressed bytes"
            )));
        }
        Ok(CallocBytes { ptr, len })
    }

    fn into_raw(self) -> (*mut c_void, usize) {
        let (ptr, len) = (self.ptr as *mut c_void, self.len);
        std::mem::forget(self);
        (ptr, len)
    }
}

impl AsMut<[u8]> for CallocBytes {
    fn as_mut(&mut self) -> &mut [u8] {
        // SAFETY: `ptr` holds `len` initialised (zeroed) bytes from calloc, owned by this
        // value alone and borrowed mutably through it.
        unsafe { std::slice::from_raw_parts_mut(self.ptr, self.len) }
    }
}

impl Drop for CallocBytes {
    fn drop(&mut self) {
        // SAFETY: `ptr` came from calloc and was not handed out (into_raw forgets self).
        unsafe { libc::free(self.ptr as *mut c_void) }
    }
}

/// Decode samples `[first, last)` of the streams `selected` (`n_selected` indices, in the
/// C order of the leading index, each below `n_streams`) into `out` (`out_len` bytes:
/// `n_selected * (last - first)` values of `kind`/`size`, a row a stream in the order given).
/// `compressed` (`len` bytes), `starts` and `nbytes` (`n_streams` each) are Python
/// flacarray's; `offsets` and `gains` (`n_streams` values of the output's type) are given
/// for float output and null for integers. Every stream's bytes are checked against the
/// buffer and every frame against its stream. Returns 0, or -1 with the reason in `err`.
///
/// # Safety
/// Every pointer points to the number of readable (`out`: writable) values given, or is
/// null with a count of 0; `err` is null or points to `err_len` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn flacarray_decompress_streams(
    compressed: *const c_void,
    len: usize,
    stream_size: usize,
    starts: *const i64,
    nbytes: *const i64,
    n_streams: usize,
    kind: c_char,
    size: usize,
    offsets: *const c_void,
    gains: *const c_void,
    selected: *const usize,
    n_selected: usize,
    first: usize,
    last: usize,
    use_threads: c_int,
    out: *mut c_void,
    out_len: usize,
    err: *mut c_char,
    err_len: usize,
) -> c_int {
    // SAFETY: the caller's guarantees on the inputs.
    let (compressed, starts, nbytes, selected) = unsafe {
        (
            slice(compressed as *const u8, len),
            slice(starts, n_streams),
            slice(nbytes, n_streams),
            slice(selected, n_selected),
        )
    };
    let r = catch_unwind(AssertUnwindSafe(|| {
        let args = Decode {
            compressed,
            stream_size,
            starts,
            nbytes,
            selected,
            samples: first..last,
            use_threads: use_threads != 0,
        };
        if first > last {
            return Err(format!("sample range [{first}, {last})"));
        }
        // SAFETY (each arm): the caller's guarantees on `offsets`, `gains` and `out` for
        // the type `kind` and `size` name.
        unsafe {
            match (kind as u8, size) {
                (b'i', 4) => args.run::<i32>(None, out, out_len),
                (b'i', 8) => args.run::<i64>(None, out, out_len),
                (b'f', 4) => args.run::<f32>(Some((offsets, gains)), out, out_len),
                (b'f', 8) => args.run::<f64>(Some((offsets, gains)), out, out_len),
                _ => Err(format!(
                    "unsupported data type '{}{size}': flacarray holds int32, int64, float32 and float64",
                    kind as u8 as char
                )),
            }
        }
    }));
    status(r, err, err_len)
}

/// Check, before the caller allocates their output, that the streams `selected` of a buffer
/// of `len` bytes lie within it and that their bytes can hold `stream_size` samples of
/// `channels` (1 or 2) channels each: the checks [`flacarray_decompress_streams`] makes
/// first. Returns 0, or -1 with the reason in `err`.
///
/// # Safety
/// `starts` and `nbytes` point to `n_streams` readable values, `selected` to `n_selected`;
/// `err` is null or points to `err_len` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn flacarray_check_streams(
    len: usize,
    stream_size: usize,
    starts: *const i64,
    nbytes: *const i64,
    n_streams: usize,
    channels: u32,
    selected: *const usize,
    n_selected: usize,
    err: *mut c_char,
    err_len: usize,
) -> c_int {
    // SAFETY: the caller's guarantees.
    let (starts, nbytes, selected) = unsafe {
        (
            slice(starts, n_streams),
            slice(nbytes, n_streams),
            slice(selected, n_selected),
        )
    };
    let r = catch_unwind(|| {
        check_selected(len, stream_size, starts, nbytes, channels, selected)
            .map_err(|e| e.to_string())
    });
    status(r, err, err_len)
}

/// The inputs of [`flacarray_decompress_streams`].
struct Decode<'a> {
    compressed: &'a [u8],
    stream_size: usize,
    starts: &'a [i64],
    nbytes: &'a [i64],
    selected: &'a [usize],
    samples: std::ops::Range<usize>,
    use_threads: bool,
}

impl Decode<'_> {
    /// Decode into `out` as `T`.
    ///
    /// # Safety
    /// `offset_gain`'s pointers are null or point to `starts.len()` readable `T`s; `out` to
    /// `out_len` writable bytes.
    unsafe fn run<T: Element>(
        &self,
        offset_gain: Option<(*const c_void, *const c_void)>,
        out: *mut c_void,
        out_len: usize,
    ) -> Result<(), String> {
        let size = std::mem::size_of::<T>();
        if !out_len.is_multiple_of(size) || !(out as *mut T).is_aligned() {
            return Err(format!(
                "an output of {out_len} bytes is not an aligned array of {size}-byte values"
            ));
        }
        let n = self.starts.len();
        let og = match offset_gain {
            Some((o, g)) if !o.is_null() && !g.is_null() => {
                // SAFETY: the caller's guarantee.
                Some(unsafe { (slice(o as *const T, n), slice(g as *const T, n)) })
            }
            _ => None,
        };
        // SAFETY: the caller's guarantee on `out`.
        let out = unsafe { slice_mut(out as *mut T, out_len / size) };
        decompress_streams_into(
            self.compressed,
            self.stream_size,
            self.starts,
            self.nbytes,
            og,
            self.selected,
            self.samples.clone(),
            self.use_threads,
            out,
        )
        .map_err(|e| e.to_string())
    }
}

/// Python flacarray's `utils.float_to_int` on `n_streams` streams of `stream_size` floats of
/// `size` bytes (4: float32 to int32, 8: float64 to int64), quantized as
/// [`flacarray_compress_streams`] quantizes them (`quant` 1, 2 or 3 and its values). Writes
/// the integers to `ints` and each stream's offset and gain (floats of `size`) to `offsets`
/// and `gains`. Returns 0, or -1 with the reason in `err` (a value that is not finite or
/// does not fit the integers at its quanta, wrong parameters).
///
/// # Safety
/// `data` points to `n_streams * stream_size` readable floats, `ints` to as many writable
/// integers of `size` bytes, `offsets` and `gains` to `n_streams` writable floats;
/// `quant_values` as for [`flacarray_compress_streams`]; `err` is null or points to
/// `err_len` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn flacarray_float_to_int(
    data: *const c_void,
    size: usize,
    n_streams: usize,
    stream_size: usize,
    quant: c_int,
    quant_values: *const c_void,
    n_quant: usize,
    ints: *mut c_void,
    offsets: *mut c_void,
    gains: *mut c_void,
    err: *mut c_char,
    err_len: usize,
) -> c_int {
    let r = catch_unwind(AssertUnwindSafe(|| {
        if [ints, offsets, gains].iter().any(|p| p.is_null()) {
            return Err("null output pointers".to_string());
        }
        let values = n_streams
            .checked_mul(stream_size)
            .filter(|&n| n > 0)
            .ok_or_else(|| format!("{n_streams} streams of {stream_size} values"))?;
        // SAFETY: the caller's guarantee on `quant_values`.
        let q = unsafe { quantization(quant, quant_values, n_quant, n_streams)? };
        // SAFETY (both arms): the caller's guarantees for floats of `size` bytes.
        unsafe {
            match size {
                4 => to_ints::<f32>(data, values, stream_size, &q, ints, offsets, gains),
                8 => to_ints::<f64>(data, values, stream_size, &q, ints, offsets, gains),
                _ => Err(format!(
                    "floats of {size} bytes: flacarray takes float32 and float64"
                )),
            }
        }
    }));
    status(r, err, err_len)
}

/// [`flacarray_float_to_int`] for floats of type `T`.
///
/// # Safety
/// As for [`flacarray_float_to_int`], with `values` floats of `T`.
unsafe fn to_ints<T: Element>(
    data: *const c_void,
    values: usize,
    stream_size: usize,
    q: &Quantization,
    ints: *mut c_void,
    offsets: *mut c_void,
    gains: *mut c_void,
) -> Result<(), String> {
    let n_streams = values / stream_size;
    // SAFETY: the caller's guarantees.
    let (data, ints_out, off_out, gain_out) = unsafe {
        (
            slice(data as *const T, values),
            slice_mut(ints as *mut T::Int, values),
            slice_mut(offsets as *mut T, n_streams),
            slice_mut(gains as *mut T, n_streams),
        )
    };
    let view = ArrayViewD::from_shape(IxDyn(&[n_streams, stream_size]), data)
        .map_err(|e| e.to_string())?;
    let (i, o, g) = float_to_int(view, q).map_err(|e| e.to_string())?;
    ints_out.iter_mut().zip(i.iter()).for_each(|(d, &s)| *d = s);
    if let (Some(o), Some(g)) = (o, g) {
        off_out.iter_mut().zip(o.iter()).for_each(|(d, &s)| *d = s);
        gain_out.iter_mut().zip(g.iter()).for_each(|(d, &s)| *d = s);
    }
    Ok(())
}

/// Python flacarray's `utils.int_to_float`: `n_streams` streams of `stream_size` integers of
/// `size` bytes (4: int32 to float32, 8: int64 to float64), each restored with its offset
/// and gain (`n_streams` floats of `size` bytes each), into `out`. Returns 0, or -1 with the
/// reason in `err`.
///
/// # Safety
/// `ints` points to `n_streams * stream_size` readable integers, `out` to as many writable
/// floats, `offsets` and `gains` to `n_streams` readable floats; `err` is null or points to
/// `err_len` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn flacarray_int_to_float(
    ints: *const c_void,
    size: usize,
    n_streams: usize,
    stream_size: usize,
    offsets: *const c_void,
    gains: *const c_void,
    out: *mut c_void,
    err: *mut c_char,
    err_len: usize,
) -> c_int {
    let r = catch_unwind(AssertUnwindSafe(|| {
        if [ints, offsets, gains].iter().any(|p| p.is_null()) || out.is_null() {
            return Err("null pointers".to_string());
        }
        let values = n_streams
            .checked_mul(stream_size)
            .ok_or_else(|| format!("{n_streams} streams of {stream_size} values"))?;
        // SAFETY (both arms): the caller's guarantees for values of `size` bytes.
        unsafe {
            match size {
                4 => from_ints::<f32>(ints, values, n_streams, offsets, gains, out),
                8 => from_ints::<f64>(ints, values, n_streams, offsets, gains, out),
                _ => Err(format!(
                    "integers of {size} bytes: flacarray holds int32 and int64"
                )),
            }
        }
    }));
    status(r, err, err_len)
}

/// [`flacarray_int_to_float`] for floats of type `T`.
///
/// # Safety
/// As for [`flacarray_int_to_float`], with `values` integers of `T::Int`.
unsafe fn from_ints<T: Element>(
    ints: *const c_void,
    values: usize,
    n_streams: usize,
    offsets: *const c_void,
    gains: *const c_void,
    out: *mut c_void,
) -> Result<(), String> {
    let stream_size = values.checked_div(n_streams).unwrap_or(0);
    // SAFETY: the caller's guarantees.
    let (ints, off, gain, out) = unsafe {
        (
            slice(ints as *const T::Int, values),
            slice(offsets as *const T, n_streams),
            slice(gains as *const T, n_streams),
            slice_mut(out as *mut T, values),
        )
    };
    let shape = IxDyn(&[n_streams, stream_size]);
    let view = ArrayViewD::from_shape(shape, ints).map_err(|e| e.to_string())?;
    let lead = IxDyn(&[n_streams]);
    let (o, g) = (
        ArrayViewD::from_shape(lead.clone(), off).map_err(|e| e.to_string())?,
        ArrayViewD::from_shape(lead, gain).map_err(|e| e.to_string())?,
    );
    let back = int_to_float::<T>(view, o, g).map_err(|e| e.to_string())?;
    out.iter_mut().zip(back.iter()).for_each(|(d, &s)| *d = s);
    Ok(())
}
