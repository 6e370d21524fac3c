//! The plugin's C functions where chunks come in from clients other than HDF5 (h5flac's read,
//! write and verify; the zarr-python and numcodecs codecs), called as a C caller would:
//! `flacarray_check_params`, `flacarray_chunk_size` and `flacarray_decode_chunk` with any
//! stored parameters and any output buffer size, `flacarray_chunk_info` and
//! `flacarray_decode` on any bytes. The input: 40 bytes of cd_values, 2 control bytes (the
//! dataset's type and chunk shape for the check; the output buffer's size), then the chunk.
//! Errors are fine; panics, crashes, hangs, writes past the buffer and allocations sized
//! from unchecked fields are not.
#![no_main]

use std::ffi::c_char;

use h5zflac::abi::{
    flacarray_check_params, flacarray_chunk_info, flacarray_chunk_size, flacarray_decode,
    flacarray_decode_chunk,
};
use libfuzzer_sys::fuzz_target;

/// Output buffers above this are not tried (a caller sizes them from its dataset).
const MAX_OUT: usize = 1 << 24;

/// A buffer size near `n`, chosen by `sel`: exact, one short, one over, or any small size.
fn size_near(n: usize, sel: u8) -> usize {
    match sel % 4 {
        0 => n,
        1 => n.saturating_sub(1),
        2 => n + 1,
        _ => sel as usize * 8,
    }
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 42 {
        return;
    }
    let (head, chunk) = data.split_at(42);
    let cd: Vec<u32> = head[..40]
        .chunks_exact(4)
        .map(|w| u32::from_le_bytes(w.try_into().unwrap()))
        .collect();
    let (ctl, sel) = (head[40], head[41]);
    let mut err = [0 as c_char; 256];
    // SAFETY (every call below): the pointers are to live buffers of the lengths passed.
    unsafe {
        // The dataset the stored parameters are checked against: from the parameters
        // themselves (the usual case) or changed by the control byte.
        let kinds = [b'i', b'u', b'f', b'S'];
        let kind = kinds[(ctl & 3) as usize] as c_char;
        let size = [1usize, 2, 4, 8][((ctl >> 2) & 3) as usize];
        let mut dims = [cd[9] as u64, cd[8] as u64];
        if ctl & 0x10 != 0 {
            dims[1] = dims[1].wrapping_add(1);
        }
        let mut bytes = 0usize;
        let checked = flacarray_check_params(
            cd.as_ptr(),
            cd.len(),
            kind,
            size,
            i32::from(ctl & 0x20 != 0),
            dims.as_ptr(),
            2,
            &mut bytes,
            err.as_mut_ptr(),
            err.len(),
        ) == 0;
        let n = flacarray_chunk_size(cd.as_ptr(), cd.len());
        assert!(
            !checked || n == bytes,
            "check_params and chunk_size disagree"
        );
        let len = size_near(n, sel);
        if len <= MAX_OUT {
            let mut out = vec![0u8; len];
            let st = flacarray_decode_chunk(
                cd.as_ptr(),
                cd.len(),
                chunk.as_ptr().cast(),
                chunk.len(),
                out.as_mut_ptr().cast(),
                out.len(),
                err.as_mut_ptr(),
                err.len(),
            );
            assert!(
                st != 0 || len == n,
                "decoded into a buffer of the wrong size"
            );
        }
        let (mut k, mut sz, mut be, mut ns, mut sl) = (0 as c_char, 0usize, 0i32, 0u64, 0u64);
        let info = flacarray_chunk_info(
            chunk.as_ptr().cast(),
            chunk.len(),
            &mut k,
            &mut sz,
            &mut be,
            &mut ns,
            &mut sl,
            err.as_mut_ptr(),
            err.len(),
        );
        if info == 0 {
            assert!(ns >= 1 && sl >= 1, "chunk_info accepted an empty chunk");
            let claimed = ns.saturating_mul(sl).saturating_mul(sz as u64);
            let len = size_near(claimed.min(usize::MAX as u64) as usize, sel);
            if len <= MAX_OUT {
                let mut out = vec![0u8; len];
                let st = flacarray_decode(
                    chunk.as_ptr().cast(),
                    chunk.len(),
                    out.as_mut_ptr().cast(),
                    out.len(),
                    err.as_mut_ptr(),
                    err.len(),
                );
                assert!(
                    st != 0 || len as u64 == claimed,
                    "decoded into the wrong size"
                );
            }
        }
    }
});
