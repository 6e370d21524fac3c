//! The plugin's C functions beside HDF5's two entry points (declared in
//! `include/flacarray.h`): what the `h5flac` Python package calls through cffi to register
//! the filter with a given HDF5 library and to check stored chunks. None unwinds; errors are
//! returned as a status with the message written to the caller's buffer.

use std::ffi::{c_char, c_int, c_uint, c_void, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::OnceLock;

/// "flacarray <version> (libFLAC <version>)", NUL-terminated, valid for the life of the
/// process.
#[no_mangle]
pub extern "C" fn flacarray_version() -> *const c_char {
    static VERSION: OnceLock<CString> = OnceLock::new();
    VERSION
        .get_or_init(|| {
            let libflac = catch_unwind(flacarray::stream::flac::libflac_version)
                .unwrap_or_else(|_| "unknown".into());
            let v = format!(
                "flacarray {} (libFLAC {libflac})",
                env!("CARGO_PKG_VERSION")
            );
            CString::new(v).unwrap_or_default()
        })
        .as_ptr()
}

/// The filter's `H5Z_class2_t` bound to the HDF5 library whose code contains `addr` (the
/// address of any of its functions, such as `H5Zregister`), for the caller to pass to that
/// library's `H5Zregister`. Null on failure, with the reason in `err`.
///
/// # Safety
/// `err` is null or points to `err_len` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn flacarray_filter_class(
    addr: *const c_void,
    err: *mut c_char,
    err_len: usize,
) -> *const c_void {
    let r = catch_unwind(|| flacarray::h5z::class_for(addr));
    match r {
        Ok(Ok(class)) => &class.0 as *const _ as *const c_void,
        Ok(Err(msg)) => {
            // SAFETY: the caller's guarantee on `err`.
            unsafe { write_error(err, err_len, &msg) };
            std::ptr::null()
        }
        Err(_) => {
            // SAFETY: as above.
            unsafe { write_error(err, err_len, "internal error (panic)") };
            std::ptr::null()
        }
    }
}

/// The size in bytes of a chunk decoded with the dataset's stored filter parameters (`cd`,
/// `n_cd` values, as HDF5 stores them); 0 if they are not a valid stored form.
///
/// # Safety
/// `cd` points to `n_cd` readable values (or `n_cd` is 0).
#[no_mangle]
pub unsafe extern "C" fn flacarray_chunk_size(cd: *const c_uint, n_cd: usize) -> usize {
    // SAFETY: the caller's guarantee on `cd`.
    let cd = unsafe { slice(cd, n_cd) };
    catch_unwind(|| flacarray::h5z::stored_chunk_size(cd).unwrap_or(0)).unwrap_or(0)
}

/// Decode a stored chunk (`chunk`, `len` bytes, as `H5Dread_chunk` returns it) into `out`
/// (`out_len` bytes, which must be the size [`flacarray_chunk_size`] gives). Returns 0, or -1
/// with the reason in `err`.
///
/// # Safety
/// `cd` points to `n_cd` readable values, `chunk` to `len` readable bytes, `out` to
/// `out_len` writable bytes, `err` is null or points to `err_len` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn flacarray_decode_chunk(
    cd: *const c_uint,
    n_cd: usize,
    chunk: *const c_void,
    len: usize,
    out: *mut c_void,
    out_len: usize,
    err: *mut c_char,
    err_len: usize,
) -> c_int {
    // SAFETY: the caller's guarantees on `cd`, `chunk` and `out`.
    let (cd, chunk, out) = unsafe {
        (
            slice(cd, n_cd),
            slice(chunk as *const u8, len),
            slice_mut(out as *mut u8, out_len),
        )
    };
    let r = catch_unwind(AssertUnwindSafe(|| {
        let need = flacarray::h5z::stored_chunk_size(cd)?;
        if out.len() != need {
            return Err(format!(
                "output buffer of {} bytes, the chunk decodes to {need}",
                out.len()
            ));
        }
        flacarray::h5z::decode_stored_chunk(cd, chunk, out)
    }));
    status(r, err, err_len)
}

/// What a chunk's own header says it holds (for clients that keep no filter parameters, such
/// as Zarr's and numcodecs' codecs): `*kind` (`'i'`, `'u'` or `'f'`), `*size` (bytes per
/// value), `*big_endian`, `*n_streams` and `*stream_len`. Returns 0, or -1 with the reason in
/// `err` (not a chunk of this format, a version this library does not read, a damaged
/// header, a size that cannot hold what the header claims).
///
/// # Safety
/// `chunk` points to `len` readable bytes; the five outputs are writable; `err` is null or
/// points to `err_len` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn flacarray_chunk_info(
    chunk: *const c_void,
    len: usize,
    kind: *mut c_char,
    size: *mut usize,
    big_endian: *mut c_int,
    n_streams: *mut u64,
    stream_len: *mut u64,
    err: *mut c_char,
    err_len: usize,
) -> c_int {
    // SAFETY: the caller's guarantee on `chunk`.
    let chunk = unsafe { slice(chunk as *const u8, len) };
    let r = catch_unwind(|| {
        let outputs = [
            kind as *const c_void,
            size as _,
            big_endian as _,
            n_streams as _,
        ];
        if outputs.iter().any(|p| p.is_null()) || stream_len.is_null() {
            return Err("null output pointers".to_string());
        }
        let l = flacarray::chunk::chunk_layout(chunk)?;
        let k = if l.elem.is_float() {
            b'f'
        } else if l.elem.is_unsigned() {
            b'u'
        } else {
            b'i'
        };
        // SAFETY: all five were checked non-null; the caller guarantees they are writable.
        unsafe {
            *kind = k as c_char;
            *size = l.elem.size();
            *big_endian = c_int::from(l.big_endian);
            *n_streams = l.n_streams as u64;
            *stream_len = l.stream_len as u64;
        }
        Ok(())
    });
    status(r, err, err_len)
}

/// Decode a chunk by its own header alone (see [`flacarray_chunk_info`]) into `out`, whose
/// `out_len` must be n_streams × stream_len × size. Returns 0, or -1 with the reason in `err`.
///
/// # Safety
/// `chunk` points to `len` readable bytes, `out` to `out_len` writable bytes, `err` is null
/// or points to `err_len` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn flacarray_decode(
    chunk: *const c_void,
    len: usize,
    out: *mut c_void,
    out_len: usize,
    err: *mut c_char,
    err_len: usize,
) -> c_int {
    // SAFETY: the caller's guarantees on `chunk` and `out`.
    let (chunk, out) = unsafe {
        (
            slice(chunk as *const u8, len),
            slice_mut(out as *mut u8, out_len),
        )
    };
    let r = catch_unwind(AssertUnwindSafe(|| {
        flacarray::chunk::decode_described_chunk(chunk, out)
    }));
    status(r, err, err_len)
}

/// The stored filter parameters (`out`, `H5Z_FLAC_CD_STORED_LEN` = 10 values: what the HDF5
/// filter's `set_local` stores and [`flacarray_encode_chunk`] / [`flacarray_decode_chunk`]
/// take) for chunks of shape `chunk` (`ndim` dimensions, the last one the stream length)
/// holding values of `kind` (`'i'` signed, `'u'` unsigned integer, `'f'` IEEE float) and
/// `size` bytes, from the user's parameters (`user_cd`, the forms of `H5Zflac.h`). Returns
/// 0, or -1 with the reason in `err` (a float type without quanta or precision, an
/// unsupported type, bad parameters, an empty or oversized chunk).
///
/// # Safety
/// `user_cd` points to `n_user` readable values (or `n_user` is 0), `chunk` to `ndim`, `out`
/// to 10 writable values, `err` is null or points to `err_len` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn flacarray_stored_params(
    user_cd: *const c_uint,
    n_user: usize,
    kind: c_char,
    size: usize,
    big_endian: c_int,
    chunk: *const u64,
    ndim: usize,
    out: *mut c_uint,
    err: *mut c_char,
    err_len: usize,
) -> c_int {
    use flacarray::h5z::{stored_params, CD_STORED_LEN};
    // SAFETY: the caller's guarantees on `user_cd`, `chunk` and `out`.
    let (user, dims, out) = unsafe {
        (
            slice(user_cd, n_user),
            slice(chunk, ndim),
            slice_mut(out, CD_STORED_LEN),
        )
    };
    let r = catch_unwind(AssertUnwindSafe(|| {
        let elem = element_type(kind, size).ok_or_else(|| {
            format!(
                "the FLAC filter takes integers of 1, 2, 4 or 8 bytes and floats of 4 or 8, \
                 not kind {:?} of {size} bytes",
                kind as u8 as char
            )
        })?;
        let stored = stored_params(user, elem, big_endian != 0, dims)?;
        if out.len() != CD_STORED_LEN {
            return Err("no output buffer".to_string());
        }
        out.copy_from_slice(&stored.to_cd_values());
        Ok(())
    }));
    status(r, err, err_len)
}

/// Check a dataset's stored filter parameters (`cd`, `n_cd` values, as HDF5 returns them)
/// against the dataset itself: its values of `kind` (`'i'`, `'u'`, `'f'`) and `size` bytes, in
/// big-endian order if `big_endian`, and its chunk shape (`chunk`, `ndim` dimensions). On a
/// match returns 0 and sets `*chunk_bytes` to the size of a decoded chunk; else -1 with the
/// reason in `err` (parameters that are not a stored form, or that describe other chunks).
/// A client that decodes chunks outside HDF5 calls this once per dataset before it sizes
/// any buffer from the parameters.
///
/// # Safety
/// `cd` points to `n_cd` readable values, `chunk` to `ndim`, `chunk_bytes` is writable,
/// `err` is null or points to `err_len` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn flacarray_check_params(
    cd: *const c_uint,
    n_cd: usize,
    kind: c_char,
    size: usize,
    big_endian: c_int,
    chunk: *const u64,
    ndim: usize,
    chunk_bytes: *mut usize,
    err: *mut c_char,
    err_len: usize,
) -> c_int {
    // SAFETY: the caller's guarantees on `cd` and `chunk`.
    let (cd, dims) = unsafe { (slice(cd, n_cd), slice(chunk, ndim)) };
    let r = catch_unwind(|| {
        if chunk_bytes.is_null() {
            return Err("null output pointer".to_string());
        }
        let elem = element_type(kind, size);
        let stored = flacarray::h5z::stored_for_dataset(cd, elem, big_endian != 0, dims)?;
        let n = stored.layout.raw_len().ok_or("the chunk size overflows")?;
        // SAFETY: not null, and writable by the caller's guarantee.
        unsafe { *chunk_bytes = n };
        Ok(())
    });
    status(r, err, err_len)
}

/// The filter's element type for values of numpy-style `kind` and `size` bytes, if it takes
/// them.
fn element_type(kind: c_char, size: usize) -> Option<flacarray::chunk::ElementType> {
    let kind = kind as u8;
    matches!(kind, b'i' | b'u' | b'f')
        .then(|| flacarray::chunk::ElementType::from_parts(kind == b'f', kind != b'u', size))
        .flatten()
}

/// Encode a chunk of raw values (`raw`, `len` bytes, in the type and byte order of the stored
/// parameters `cd`) exactly as the HDF5 filter does. On success returns 0 and sets `*out`
/// to a buffer of `*out_len` bytes that the caller releases with [`flacarray_free`]; else -1
/// with the reason in `err`.
///
/// # Safety
/// `cd` points to `n_cd` readable values, `raw` to `len` readable bytes, `out` and `out_len`
/// are writable, `err` is null or points to `err_len` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn flacarray_encode_chunk(
    cd: *const c_uint,
    n_cd: usize,
    raw: *const c_void,
    len: usize,
    out: *mut *mut c_void,
    out_len: *mut usize,
    err: *mut c_char,
    err_len: usize,
) -> c_int {
    // SAFETY: the caller's guarantees on `cd` and `raw`.
    let (cd, raw) = unsafe { (slice(cd, n_cd), slice(raw as *const u8, len)) };
    let r = catch_unwind(|| {
        if out.is_null() || out_len.is_null() {
            return Err("null output pointers".to_string());
        }
        // A buffer from malloc, released by flacarray_free (free).
        let (p, n) = flacarray::h5z::encode_stored_chunk_malloc(cd, raw)?;
        // SAFETY: `out` and `out_len` are not null, and writable by the caller's guarantee.
        unsafe {
            *out = p;
            *out_len = n;
        }
        Ok(())
    });
    status(r, err, err_len)
}

/// Set how many threads the HDF5 filter codes each chunk's streams on, for this process: `n`
/// threads, 0 for the cores the process may use, or a negative value to go back to the
/// environment variable `FLACARRAY_FILTER_THREADS` (unset: 1).
#[no_mangle]
pub extern "C" fn flacarray_set_threads(n: c_int) {
    let _ = catch_unwind(|| flacarray::h5z::set_threads(usize::try_from(n).ok()));
}

/// The number of threads the HDF5 filter codes the next chunk's streams on.
#[no_mangle]
pub extern "C" fn flacarray_threads() -> c_int {
    catch_unwind(flacarray::h5z::filter_threads).map_or(1, |n| n as c_int)
}

/// The cores this process may use (its CPU affinity and cgroup quota): what a thread count of
/// 0 means to [`flacarray_set_threads`].
#[no_mangle]
pub extern "C" fn flacarray_cores() -> c_int {
    catch_unwind(flacarray::h5z::cores).map_or(1, |n| c_int::try_from(n).unwrap_or(c_int::MAX))
}

/// Release a buffer from [`flacarray_encode_chunk`] (null is allowed).
///
/// # Safety
/// `p` is null or a buffer from `flacarray_encode_chunk`, not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn flacarray_free(p: *mut c_void) {
    // SAFETY: the caller's guarantee; the buffer came from malloc.
    unsafe { libc::free(p) }
}

/// 0 for success; -1 with the message in `err` for an error or a panic.
pub(crate) fn status(
    r: std::thread::Result<Result<(), String>>,
    err: *mut c_char,
    err_len: usize,
) -> c_int {
    let msg = match r {
        Ok(Ok(())) => return 0,
        Ok(Err(msg)) => msg,
        Err(_) => "internal error (panic)".to_string(),
    };
    // SAFETY: every caller passes the `err` buffer its own caller guaranteed.
    unsafe { write_error(err, err_len, &msg) };
    -1
}

/// `n` values at `p`, or none.
///
/// # Safety
/// `p` points to `n` readable values when `n` > 0.
pub(crate) unsafe fn slice<'a, T>(p: *const T, n: usize) -> &'a [T] {
    if n == 0 || p.is_null() {
        &[]
    } else {
        // SAFETY: the caller's guarantee.
        unsafe { std::slice::from_raw_parts(p, n) }
    }
}

/// `n` writable values at `p`, or none.
///
/// # Safety
/// `p` points to `n` writable values when it is not null and `n` > 0.
pub(crate) unsafe fn slice_mut<'a, T>(p: *mut T, n: usize) -> &'a mut [T] {
    if n == 0 || p.is_null() {
        &mut []
    } else {
        // SAFETY: the caller's guarantee.
        unsafe { std::slice::from_raw_parts_mut(p, n) }
    }
}

/// Copy `msg` into `err` (`len` bytes), cut to fit and NUL-terminated.
///
/// # Safety
/// `err` is null or points to `len` writable bytes.
pub(crate) unsafe fn write_error(err: *mut c_char, len: usize, msg: &str) {
    if err.is_null() || len == 0 {
        return;
    }
    let mut n = msg.len().min(len - 1);
    while !msg.is_char_boundary(n) {
        n -= 1;
    }
    // SAFETY: `err` has room for `len` > `n` bytes; the source is `msg`'s first `n` bytes.
    unsafe {
        std::ptr::copy_nonoverlapping(msg.as_ptr() as *const c_char, err, n);
        *err.add(n) = 0;
    }
}
