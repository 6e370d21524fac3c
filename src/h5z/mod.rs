//! The HDF5 filter (ID 32027, "flac"): the `H5Z_class2_t` and its callbacks, shared by the
//! plugin (`plugin/`, loaded from `HDF5_PLUGIN_PATH`) and by in-process registration
//! ([`register`], feature `hdf5`).
//!
//! Filter parameters (cd_values), as given by users (also documented in `include/H5Zflac.h`):
//!
//! | form | meaning |
//! | --- | --- |
//! | `()` | level 5, integers only |
//! | `(level)` | level 0–11 (9–11: longer blocks, see [`crate::stream::flac::MAX_CHUNK_LEVEL`]), integers only |
//! | `(level, 0)` | the same |
//! | `(level, 1, q_hi, q_lo)` | floats: quanta = the double whose IEEE bits are `q_hi << 32 \| q_lo` |
//! | `(level, 2, precision)` | floats: digits kept below each stream's RMS (a signed 32-bit value) |
//! | `(level, 3)` | floats: each stream scaled from its own range (about 2^31 or 2^63 steps across it) |
//!
//! `set_local` expands them to the stored form ([`Stored`]), which also records the element
//! type, byte order and chunk layout, so the file is self-describing; it accepts its own
//! output (h5repack and copied property lists pass stored forms back in).

mod api;
mod dataset;

use dataset::{dataset_params, H5T_FLOAT, H5T_INTEGER};
#[doc(hidden)]
pub use dataset::{stored_for_dataset, stored_params};
mod nczarr;
mod threads;

use std::ffi::{c_int, c_uint, c_void};
use std::mem::MaybeUninit;
use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::chunk::{
    check_chunk, decode_chunk, decode_chunk_into, encode_chunk_parts, ChunkOptions, EncodedChunk,
};
/// The filter's parameters and their stored form are the chunk codec's ([`crate::chunk`]).
pub use crate::chunk::{
    FilterParams, Stored, CD_MAGIC, CD_STORED_LEN, CD_VERSION, CODEC_NAME, MODE_DATA_RANGE,
    MODE_NONE, MODE_PRECISION, MODE_QUANTA,
};

use api::{Api, HdfBuffer};
pub use api::{Herr, Hid};
#[doc(hidden)]
pub use nczarr::codec_info;
pub use threads::{cores, set_threads, threads as filter_threads, THREADS_ENV};

/// The filter ID registered with The HDF Group for FLAC.
pub const FILTER_ID: c_int = 32027;
const H5Z_FLAG_REVERSE: c_uint = 0x0100;
/// Report an error on HDF5's error stack.
fn report(api: &Api, func: &str, msg: &str) {
    api.push_error(func, msg, matches!(func, "encode" | "decode"));
}

/// The library bound to `slot`; every class is handed out only after its slot is bound, so
/// this fails only if a host calls a callback it was never given.
fn bound(slot: usize) -> Option<&'static Api> {
    let api = api::bound(slot);
    if api.is_none() {
        eprintln!("HDF5 filter 32027: callback of unbound filter class {slot}");
    }
    api
}

/// `H5Z_FLAG_OPTIONAL`: the filter may be skipped where it cannot apply.
const H5Z_FLAG_OPTIONAL: c_uint = 0x0001;

/// Whether the dataset's FLAC filter is optional (HDF5 then stores data it cannot apply to,
/// such as strings, without it).
fn is_optional(api: &Api, dcpl: Hid) -> bool {
    let (mut flags, mut n) = (0 as c_uint, 0usize);
    // SAFETY: no cd_values (`n` = 0, null buffer) and no name are requested.
    let st = unsafe {
        (api.get_filter_by_id2)(
            dcpl,
            FILTER_ID,
            &mut flags,
            &mut n,
            std::ptr::null_mut(),
            0,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
        )
    };
    st >= 0 && flags & H5Z_FLAG_OPTIONAL != 0
}

/// Whether the filter handles the element type at all (integers and floats).
fn numeric(api: &Api, dtype: Hid) -> bool {
    // SAFETY: a type query on the type id HDF5 passes.
    matches!(unsafe { (api.t_get_class)(dtype) }, H5T_INTEGER | H5T_FLOAT)
}

/// The answer to HDF5 when the filter cannot apply. An optional filter on data that is not
/// numbers (strings, compounds) is quietly left out (`skip`), as HDF5 means optional
/// filters to be; anything else fails with the message on the error stack, also for an
/// optional filter (h5py adds filters given by number as optional): wrong parameters and
/// pipelines are mistakes to report, not to store the data uncompressed.
fn refuse(api: &Api, func: &str, msg: &str, dcpl: Hid, dtype: Hid, skip: c_int) -> c_int {
    if is_optional(api, dcpl) && !numeric(api, dtype) {
        return skip;
    }
    report(api, func, msg);
    -1
}

/// `can_apply` of the class bound to the HDF5 library in slot `S`.
extern "C" fn can_apply<const S: usize>(dcpl: Hid, dtype: Hid, _space: Hid) -> c_int {
    let Some(api) = bound(S) else { return -1 };
    match catch_unwind(|| dataset_params(api, dcpl, dtype)) {
        Ok(Ok(_)) => 1,
        // 0 ("cannot apply") is what HDF5 accepts for an optional filter.
        Ok(Err(msg)) => refuse(api, "can_apply", &msg, dcpl, dtype, 0),
        Err(_) => -1,
    }
}

/// `set_local` of the class bound to the HDF5 library in slot `S`.
extern "C" fn set_local<const S: usize>(dcpl: Hid, dtype: Hid, _space: Hid) -> Herr {
    let Some(api) = bound(S) else { return -1 };
    let r = catch_unwind(|| -> Result<(), String> {
        let (stored, flags) = dataset_params(api, dcpl, dtype)?;
        let cd = stored.to_cd_values();
        // SAFETY: `dcpl` is HDF5's private copy of the creation property list; `cd` holds
        // CD_STORED_LEN values.
        let st = unsafe { (api.modify_filter)(dcpl, FILTER_ID, flags, cd.len(), cd.as_ptr()) };
        if st < 0 {
            return Err("cannot store the FLAC filter's parameters".into());
        }
        Ok(())
    });
    match r {
        Ok(Ok(())) => 0,
        // Left out: the filter keeps the user's parameters and HDF5 stores chunks without it.
        Ok(Err(msg)) => refuse(api, "set_local", &msg, dcpl, dtype, 0),
        Err(_) => -1,
    }
}

/// A buffer a filter function hands its host.
trait OutBuffer {
    /// The bytes, to write (those of a buffer from [`Host::uninit`] hold nothing yet).
    fn as_uninit_mut(&mut self) -> &mut [MaybeUninit<u8>];
    /// Give the buffer away: its pointer and length, no longer freed here.
    fn into_raw(self) -> (*mut c_void, usize);
}

/// The allocator a filter function's buffers come from and go back to: HDF5's, or `malloc`
/// for NCZarr.
trait Host {
    type Buffer: OutBuffer;
    /// A buffer of `len` bytes, not initialised: to write in full before it is handed over.
    fn uninit(&self, len: usize) -> Option<Self::Buffer>;
    /// A buffer holding `parts` one after the other (written once, not zeroed first).
    fn concat(&self, parts: &[&[u8]]) -> Option<Self::Buffer>;
    /// Release a buffer the host handed the filter.
    ///
    /// # Safety
    /// `p` must come from this host's allocator and not be used afterwards.
    unsafe fn free(&self, p: *mut c_void);
}

impl OutBuffer for HdfBuffer {
    fn as_uninit_mut(&mut self) -> &mut [MaybeUninit<u8>] {
        HdfBuffer::as_uninit_mut(self)
    }
    fn into_raw(self) -> (*mut c_void, usize) {
        HdfBuffer::into_raw(self)
    }
}

impl Host for &'static Api {
    type Buffer = HdfBuffer;
    fn uninit(&self, len: usize) -> Option<HdfBuffer> {
        HdfBuffer::uninit(self, len)
    }
    fn concat(&self, parts: &[&[u8]]) -> Option<HdfBuffer> {
        HdfBuffer::concat(self, parts)
    }
    unsafe fn free(&self, p: *mut c_void) {
        // SAFETY: the caller's guarantee.
        unsafe { Api::free(self, p) }
    }
}

/// The work of a filter function under HDF5's contract, for every host: code the `nbytes`
/// bytes at `*buf` with the parameters `cd_values`, then write the output over `*buf` when
/// it fits in its `*buf_size` bytes (an encoded chunk), or replace `*buf` (releasing the old
/// buffer to `host`) and `*buf_size` by a buffer from `host` holding it. The bytes used, or a
/// message with nothing changed.
///
/// # Safety
/// The pointers are those a host passes a filter function: `cd_values` holds `cd_nelmts`
/// values, `*buf` at least `nbytes` bytes from `host`'s allocator.
unsafe fn filter_buffer<H: Host>(
    host: H,
    reverse: bool,
    cd_nelmts: usize,
    cd_values: *const c_uint,
    nbytes: usize,
    buf_size: *mut usize,
    buf: *mut *mut c_void,
) -> Result<usize, String> {
    if buf.is_null() || buf_size.is_null() || (cd_nelmts > 0 && cd_values.is_null()) {
        return Err("null buffer or parameters".into());
    }
    // SAFETY: `buf` is not null: the host passes the address of its buffer pointer.
    if unsafe { *buf }.is_null() {
        return Err("null buffer".into());
    }
    // SAFETY: the caller's guarantees on `cd_values` and `*buf`.
    let (cd, input, capacity) = unsafe {
        let cd = if cd_nelmts == 0 {
            &[][..]
        } else {
            std::slice::from_raw_parts(cd_values, cd_nelmts)
        };
        let input = std::slice::from_raw_parts(*buf as *const u8, nbytes);
        (cd, input, *buf_size)
    };
    let stored = Stored::parse(cd)?;
    let n = threads::threads();
    let out = if reverse {
        let raw_len = stored.layout.raw_len().ok_or("the chunk size overflows")?;
        // The chunk's own header must agree with the parameters before anything is
        // allocated; then it is decoded straight into the buffer the host gets.
        check_chunk(input, &stored.layout).map_err(|e| e.to_string())?;
        // Decoding writes every byte of the buffer, or fails and the buffer is freed.
        let mut out = host.uninit(raw_len).ok_or_else(|| no_memory(raw_len))?;
        let (layout, dst) = (&stored.layout, out.as_uninit_mut());
        threads::with_threads(n, |t| decode_chunk_into(input, layout, dst, t))
            .map_err(|e| e.to_string())?;
        out
    } else {
        let chunk = threads::with_threads(n, |t| encode_parts(&stored, input, t))?;
        let size = chunk.size();
        if size <= capacity {
            // The host's own buffer holds the chunk: written over the raw values, which the
            // encoded pieces (buffers of their own) no longer need; nothing to allocate or
            // free.
            // SAFETY: `*buf` has `capacity` writable bytes (the host's contract), none of
            // them in the pieces; `input` is not read after this.
            unsafe { api::copy_parts(*buf as *mut u8, &chunk.parts()) };
            return Ok(size);
        }
        host.concat(&chunk.parts()).ok_or_else(|| no_memory(size))?
    };
    let (p, len) = out.into_raw();
    // SAFETY: the old buffer goes back to the host's allocator and is replaced by `p`, from
    // the same allocator; `input` is not used after this.
    unsafe {
        host.free(*buf);
        *buf = p;
        *buf_size = len;
    }
    Ok(len)
}

fn no_memory(n: usize) -> String {
    format!("cannot allocate {n} bytes")
}

/// Encode one chunk of raw values with the stored parameters (the filter's write path).
fn encode_parts(stored: &Stored, raw: &[u8], threads: bool) -> Result<EncodedChunk, String> {
    let raw_len = stored.layout.raw_len().ok_or("the chunk size overflows")?;
    if raw.len() != raw_len {
        return Err(format!("chunk of {} bytes, expected {raw_len}", raw.len()));
    }
    let opts = ChunkOptions {
        level: stored.user.level(),
        quantization: stored.user.quantization().clone(),
        threads,
    };
    encode_chunk_parts(raw, &stored.layout, &opts).map_err(|e| e.to_string())
}

/// [`encode_parts`] in one `Vec`.
fn encode_stored(stored: &Stored, raw: &[u8], threads: bool) -> Result<Vec<u8>, String> {
    Ok(encode_parts(stored, raw, threads)?.into_vec())
}

/// The size in bytes of a chunk decoded with the dataset's stored filter parameters (as
/// `h5dump -p` shows them and HDF5 passes to the filter).
#[doc(hidden)]
pub fn stored_chunk_size(cd: &[c_uint]) -> Result<usize, String> {
    Stored::parse(cd)?
        .layout
        .raw_len()
        .ok_or_else(|| "the stored chunk size overflows".into())
}

/// Encode one chunk of raw values (in the element type and byte order of the stored
/// parameters) as the filter does when HDF5 writes it: the same bytes.
#[doc(hidden)]
pub fn encode_stored_chunk(cd: &[c_uint], raw: &[u8]) -> Result<Vec<u8>, String> {
    encode_stored(&Stored::parse(cd)?, raw, false)
}

/// [`encode_stored_chunk`] into memory from `malloc`, for a C caller to release with `free`:
/// its pointer and length.
#[doc(hidden)]
pub fn encode_stored_chunk_malloc(
    cd: &[c_uint],
    raw: &[u8],
) -> Result<(*mut c_void, usize), String> {
    let chunk = encode_parts(&Stored::parse(cd)?, raw, false)?;
    let buf = nczarr::Malloc.concat(&chunk.parts());
    Ok(buf.ok_or_else(|| no_memory(chunk.size()))?.into_raw())
}

/// Decode one stored chunk into `out` (exactly [`stored_chunk_size`] bytes) with the
/// dataset's stored filter parameters, as the filter does when HDF5 reads it.
#[doc(hidden)]
pub fn decode_stored_chunk(cd: &[c_uint], chunk: &[u8], out: &mut [u8]) -> Result<(), String> {
    let stored = Stored::parse(cd)?;
    decode_chunk(chunk, &stored.layout, out).map_err(|e| e.to_string())
}

/// The filter function of the class bound to the HDF5 library in slot `S`.
extern "C" fn filter<const S: usize>(
    flags: c_uint,
    cd_nelmts: usize,
    cd_values: *const c_uint,
    nbytes: usize,
    buf_size: *mut usize,
    buf: *mut *mut c_void,
) -> usize {
    let Some(api) = bound(S) else { return 0 };
    let reverse = flags & H5Z_FLAG_REVERSE != 0;
    // SAFETY: HDF5 calls the filter function with its contract's pointers; its buffers
    // come from its own allocator, the one `api` allocates from and frees to.
    let r = catch_unwind(AssertUnwindSafe(|| unsafe {
        filter_buffer(api, reverse, cd_nelmts, cd_values, nbytes, buf_size, buf)
    }));
    match r {
        Ok(Ok(n)) => n,
        Ok(Err(msg)) => {
            // SAFETY: as above; only the first value is looked at.
            let stored = cd_nelmts > 0 && unsafe { *cd_values } == CD_MAGIC;
            if !reverse && !stored {
                // set_local never ran: an optional FLAC filter HDF5 could not apply to this
                // dataset (say, strings). HDF5 stores the chunk unfiltered; not worth a message.
                report(api, "set_local", &format!("FLAC filter not applied: {msg}"));
            } else {
                report(
                    api,
                    if reverse { "decode" } else { "encode" },
                    &format!("FLAC filter: {msg}"),
                );
            }
            0
        }
        Err(_) => 0,
    }
}

/// HDF5's `H5Z_class2_t` (version 1), identical from HDF5 1.10 to 2.x.
#[repr(C)]
#[doc(hidden)]
pub struct H5ZClass2 {
    version: c_int,
    id: c_int,
    encoder_present: c_uint,
    decoder_present: c_uint,
    name: *const std::ffi::c_char,
    can_apply: Option<extern "C" fn(Hid, Hid, Hid) -> c_int>,
    set_local: Option<extern "C" fn(Hid, Hid, Hid) -> Herr>,
    filter: Option<
        extern "C" fn(c_uint, usize, *const c_uint, usize, *mut usize, *mut *mut c_void) -> usize,
    >,
}

/// A filter class, shareable across threads (it holds only constant pointers).
#[doc(hidden)]
pub struct FilterClass(pub H5ZClass2);

// SAFETY: the class is immutable; its pointers are a static string and functions.
unsafe impl Sync for FilterClass {}

/// The class whose callbacks call the HDF5 library bound to slot `S`.
const fn class<const S: usize>() -> FilterClass {
    FilterClass(H5ZClass2 {
        version: 1,
        id: FILTER_ID,
        encoder_present: 1,
        decoder_present: 1,
        name: c"flac: FLAC compression of the last axis (flacarray)".as_ptr(),
        can_apply: Some(can_apply::<S>),
        set_local: Some(set_local::<S>),
        filter: Some(filter::<S>),
    })
}

/// One class per slot of [`api::LIBRARIES`].
static CLASSES: [FilterClass; api::LIBRARIES] = [
    class::<0>(),
    class::<1>(),
    class::<2>(),
    class::<3>(),
    class::<4>(),
    class::<5>(),
    class::<6>(),
    class::<7>(),
];

/// The filter class (an `H5Z_class2_t`) bound to the HDF5 library whose code contains `addr`:
/// the caller of the plugin's `H5PLget_plugin_info`, or a function of the library a program
/// registers the filter with. With a null `addr` (where the caller cannot be known), the one
/// library found in the process. Errors name the reason.
#[doc(hidden)]
pub fn class_for(addr: *const c_void) -> Result<&'static FilterClass, String> {
    let slot = if addr.is_null() {
        api::bind_any()?
    } else {
        // A program linked statically to HDF5 has no library to find from the address; its
        // HDF5 symbols may still be in the global scope.
        api::bind_address(addr).or_else(|e| api::bind_any().map_err(|_| e))?
    };
    Ok(&CLASSES[slot])
}

/// What the plugin's `H5PLget_plugin_info` returns for a caller at `addr`: NCZarr's own class
/// when the caller is a netCDF-C library (see `nczarr`), else the class bound to that HDF5
/// library, or null (HDF5 then reports that the plugin cannot be loaded) with the reason on
/// stderr. Never unwinds.
#[doc(hidden)]
pub fn plugin_info(addr: *const c_void) -> *const c_void {
    if catch_unwind(|| nczarr::called_by_netcdf(addr)).unwrap_or(false) {
        return &nczarr::CLASS.0 as *const H5ZClass2 as *const c_void;
    }
    match catch_unwind(|| class_for(addr)) {
        Ok(Ok(class)) => &class.0 as *const H5ZClass2 as *const c_void,
        Ok(Err(msg)) => {
            eprintln!("HDF5 filter 32027 cannot be loaded: {msg}");
            std::ptr::null()
        }
        Err(_) => std::ptr::null(),
    }
}

#[cfg(test)]
mod tests {
    use super::dataset::check_pipeline;
    use super::*;

    #[test]
    fn flac_first_and_no_typed_filter_after() {
        assert!(check_pipeline(&[FILTER_ID]).is_ok());
        assert!(check_pipeline(&[FILTER_ID, 3, 1, 32015]).is_ok());
        let e = check_pipeline(&[2, FILTER_ID]).unwrap_err();
        assert!(e.contains("shuffle comes before it"), "{e}");
        let e = check_pipeline(&[1, 6, FILTER_ID]).unwrap_err();
        assert!(
            e.contains("deflate (gzip), scaleoffset comes before"),
            "{e}"
        );
        for bad in [2, 4, 5, 6, FILTER_ID] {
            let e = check_pipeline(&[FILTER_ID, 1, bad]).unwrap_err();
            assert!(e.contains("cannot follow the FLAC filter"), "{e}");
        }
    }
}

#[cfg(feature = "hdf5")]
#[doc(hidden)]
pub mod chunk_io;
#[cfg(feature = "hdf5")]
pub(crate) mod register;
#[cfg(feature = "hdf5")]
pub use register::{read_filtered, register, write_filtered, FlacFilterExt};
#[cfg(feature = "hdf5")]
mod verify;
#[cfg(feature = "hdf5")]
pub use verify::{verify, Verified};
