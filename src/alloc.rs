//! Large output buffers backed by transparent huge pages where the kernel offers them.
//!
//! Decoding writes hundreds of megabytes into fresh memory; with 4 KiB pages, the page
//! faults cost about a third of the decode time. numpy asks for huge pages on large arrays
//! with `madvise`, and so do we (Linux only; elsewhere this is a plain allocation).

use crate::error::{Error, Result};

/// Buffers at least this large get the huge-page advice.
const HUGE_THRESHOLD: usize = 4 << 20;

/// A zero-filled vector of `len` elements, advised to use huge pages if it is large; an
/// error (not an abort) if the memory cannot be had.
pub(crate) fn zeroed_vec<T: Copy + Default>(len: usize) -> Result<Vec<T>> {
    let bytes = len.checked_mul(std::mem::size_of::<T>()).ok_or_else(|| {
        Error::InvalidParameter(format!("an output of {len} elements is too large"))
    })?;
    let mut v: Vec<T> = Vec::new();
    v.try_reserve_exact(len).map_err(|_| {
        Error::InvalidParameter(format!("cannot allocate {bytes} bytes for the output"))
    })?;
    #[cfg(target_os = "linux")]
    if bytes >= HUGE_THRESHOLD {
        let start = v.as_mut_ptr() as usize;
        let page = 2 << 20;
        let aligned = start.next_multiple_of(page);
        let end = start + bytes;
        if aligned < end {
            // SAFETY: [aligned, end) lies inside the allocation just made for `v`; madvise
            // only changes how the kernel backs those pages and reads or writes nothing.
            // Failure (e.g. no THP support) is harmless, so the result is ignored.
            unsafe {
                libc::madvise(
                    aligned as *mut libc::c_void,
                    end - aligned,
                    libc::MADV_HUGEPAGE,
                );
            }
        }
    }
    v.resize(len, T::default());
    Ok(v)
}

/// Make `buf` `len` bytes long for a caller that overwrites them all (its old bytes stay
/// where it had them, zeros beyond): its memory is kept when it is large enough (a buffer
/// used again costs no page faults), else it becomes a [`zeroed_vec`].
#[cfg(feature = "hdf5")]
pub(crate) fn reuse_bytes(buf: &mut Vec<u8>, len: usize) -> Result<()> {
    if buf.capacity() < len {
        *buf = zeroed_vec(len)?;
    } else {
        buf.resize(len, 0);
    }
    Ok(())
}
