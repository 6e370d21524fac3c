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
    let msg = match r {
        Ok(Ok(())) => return 0,
        Ok(Err(msg)) => msg,
        Err(_) => "internal error (panic)".to_string(),
    };
    // SAFETY: the caller's guarantee on `err`.
    unsafe { write_error(err, err_len, &msg) };
    -1
}

/// `n` values at `p`, or none.
///
/// # Safety
/// `p` points to `n` readable values when `n` > 0.
unsafe fn slice<'a, T>(p: *const T, n: usize) -> &'a [T] {
    if n == 0 || p.is_null() {
        &[]
    } else {
        // SAFETY: the caller's guarantee.
        unsafe { std::slice::from_raw_parts(p, n) }
    }
}

/// `n` writable bytes at `p`, or none.
///
/// # Safety
/// `p` points to `n` writable bytes when `n` > 0.
unsafe fn slice_mut<'a>(p: *mut u8, n: usize) -> &'a mut [u8] {
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
unsafe fn write_error(err: *mut c_char, len: usize, msg: &str) {
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
