//! netCDF-C's NCZarr codec API: what lets `nccopy`, netCDF4-python and every netCDF-C program
//! write and read Zarr with the FLAC codec (specified in `docs/zarr-codec.md`).
//!
//! NCZarr loads the plugin library from `HDF5_PLUGIN_PATH` and uses two entry points:
//! `H5PLget_plugin_info`, for the filter function it calls on each chunk (it never calls
//! `can_apply` or `set_local`), and `NCZ_get_codec_info`, for an `NCZ_codec_t` that converts
//! the codec's JSON (`{"id": "flacarray.flac", "level": 5, "quanta": 0.001}`) to cd_values and
//! back, and fills in the chunk layout (`NCZ_modify_parameters`, what `set_local` does for
//! HDF5) from the variable's type and chunk sizes, asked of the calling libnetcdf.
//!
//! Both entry points find their caller from their return address, as for HDF5: NCZarr gets a
//! filter class of its own, whose buffers come from `malloc` (NCZarr frees them with `free`)
//! and whose errors go to stderr (NCZarr reports only "NetCDF: Filter error"), and each
//! libnetcdf in the process gets a codec whose `NCZ_modify_parameters` calls back into it.
//!
//! The layout of `NCZ_codec_t` and its functions is the one of every netCDF-C release that
//! has NCZarr filters (4.8.x to 4.10.1, struct version 1).

use std::ffi::{c_char, c_int, c_uint, c_void, CStr};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Mutex, OnceLock};

use super::{stored_params, FilterClass, FilterParams, H5ZClass2, FILTER_ID, H5Z_FLAG_REVERSE};
use crate::array::compress::Quantization;
use crate::chunk::ElementType;
use crate::chunk::CODEC_NAME;

const NC_NOERR: c_int = 0;
const NC_ENOMEM: c_int = -61;
const NC_EFILTER: c_int = -132;
/// `NC_CHUNKED` from `nc_inq_var_chunking`.
const NC_CHUNKED: c_int = 0;
/// `NC_ENDIAN_BIG` from `nc_inq_var_endian`.
const NC_ENDIAN_BIG: c_int = 2;

type InqInt = unsafe extern "C" fn(c_int, c_int, *mut c_int) -> c_int;
type InqChunking = unsafe extern "C" fn(c_int, c_int, *mut c_int, *mut usize) -> c_int;

/// The libnetcdf functions `NCZ_modify_parameters` asks about a variable.
struct Netcdf {
    inq_vartype: InqInt,
    inq_varndims: InqInt,
    inq_var_endian: InqInt,
    inq_var_chunking: InqChunking,
}

/// How many libnetcdf copies in one process can each use the codec.
const LIBRARIES: usize = 4;
static BOUND: [OnceLock<Netcdf>; LIBRARIES] = [const { OnceLock::new() }; LIBRARIES];
/// The address of each slot's `nc_inq_vartype` (0: free); not on the heap (see `api::KEYS`).
static KEYS: Mutex<[usize; LIBRARIES]> = Mutex::new([0; LIBRARIES]);

/// The load address and file of the object containing `addr`.
fn base_of(addr: *const c_void) -> Option<(*mut c_void, *const c_char)> {
    let mut info = std::mem::MaybeUninit::<libc::Dl_info>::zeroed();
    // SAFETY: dladdr only reads the address and fills `info`.
    if addr.is_null() || unsafe { libc::dladdr(addr, info.as_mut_ptr()) } == 0 {
        return None;
    }
    // SAFETY: dladdr succeeded, so `info` is filled in.
    let info = unsafe { info.assume_init() };
    (!info.dli_fname.is_null()).then_some((info.dli_fbase, info.dli_fname))
}

/// The object (its load address) containing `addr`, and a new handle to it (one more
/// reference: close it unless the object must stay loaded).
fn object_of(addr: *const c_void) -> Option<(*mut c_void, *mut c_void)> {
    let (base, file) = base_of(addr)?;
    // SAFETY: `file` is a NUL-terminated path owned by the loader; RTLD_NOLOAD only returns a
    // handle to an object already loaded.
    let handle = unsafe { libc::dlopen(file, libc::RTLD_LAZY | libc::RTLD_NOLOAD) };
    (!handle.is_null()).then_some((base, handle))
}

/// `name` looked up from `handle`, if it is defined in the object loaded at `base` itself
/// (dlsym also finds what the object's dependencies define).
fn own_symbol(handle: *mut c_void, base: *mut c_void, name: &CStr) -> Option<*mut c_void> {
    // SAFETY: `handle` comes from dlopen; `name` is NUL-terminated.
    let p = unsafe { libc::dlsym(handle, name.as_ptr()) };
    let (owner, _) = base_of(p)?;
    (owner == base).then_some(p)
}

/// Whether `addr` lies in a netCDF-C library (one that defines `nc_inq_libvers`) that is not
/// also an HDF5 library (a program linked statically to both): the caller is NCZarr.
pub(super) fn called_by_netcdf(addr: *const c_void) -> bool {
    let Some((base, handle)) = object_of(addr) else {
        return false;
    };
    let netcdf = own_symbol(handle, base, c"nc_inq_libvers").is_some()
        && own_symbol(handle, base, c"H5Pget_chunk").is_none();
    // SAFETY: the handle was opened above and is not used again; the object stays loaded
    // (it holds the caller).
    unsafe { libc::dlclose(handle) };
    netcdf
}

/// The slot of the libnetcdf containing `addr`, bound on first sight.
fn bind(addr: *const c_void) -> Result<usize, String> {
    // The handle is never closed: it keeps the library's functions valid for its slot.
    let (_, handle) = object_of(addr).ok_or("the caller is not in a loaded library")?;
    let f = |name: &CStr| {
        // SAFETY: `handle` comes from dlopen; `name` is NUL-terminated.
        let p = unsafe { libc::dlsym(handle, name.as_ptr()) };
        (!p.is_null()).then_some(p)
    };
    let missing = || "the calling library does not export netCDF-C's nc_inq_var* functions";
    // SAFETY: each symbol is netCDF-C's function of that name, with the signature the type
    // gives (stable since netCDF 4.0); the transmutes only type the dlsym addresses.
    let nc = unsafe {
        Netcdf {
            inq_vartype: std::mem::transmute::<*mut c_void, InqInt>(
                f(c"nc_inq_vartype").ok_or_else(missing)?,
            ),
            inq_varndims: std::mem::transmute::<*mut c_void, InqInt>(
                f(c"nc_inq_varndims").ok_or_else(missing)?,
            ),
            inq_var_endian: std::mem::transmute::<*mut c_void, InqInt>(
                f(c"nc_inq_var_endian").ok_or_else(missing)?,
            ),
            inq_var_chunking: std::mem::transmute::<*mut c_void, InqChunking>(
                f(c"nc_inq_var_chunking").ok_or_else(missing)?,
            ),
        }
    };
    let key = nc.inq_vartype as usize;
    let mut keys = KEYS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(slot) = keys.iter().position(|&k| k == key) {
        return Ok(slot);
    }
    let slot = keys
        .iter()
        .position(|&k| k == 0)
        .ok_or_else(|| format!("more than {LIBRARIES} netCDF-C libraries in this process"))?;
    let _ = BOUND[slot].set(nc);
    keys[slot] = key;
    Ok(slot)
}

fn report(msg: &str) {
    eprintln!("NCZarr codec {CODEC_NAME} (HDF5 filter {FILTER_ID}): {msg}");
}

/// A copy of `values` in memory from `malloc`, for NCZarr to free.
fn malloc_copy<T: Copy>(values: &[T]) -> Option<*mut T> {
    let bytes = std::mem::size_of_val(values).max(1);
    // SAFETY: malloc returns null or `bytes` writable bytes, aligned for any type.
    let p = unsafe { libc::malloc(bytes) } as *mut T;
    if p.is_null() {
        return None;
    }
    // SAFETY: `p` has room for `values.len()` elements; the regions do not overlap.
    unsafe { std::ptr::copy_nonoverlapping(values.as_ptr(), p, values.len()) };
    Some(p)
}

/// A chunk buffer from `malloc` (NCZarr frees what the filter returns with `free`).
pub(super) struct MallocBuffer {
    ptr: *mut u8,
    len: usize,
}

/// `malloc` and `free`, as NCZarr and C callers of `flacarray_encode_chunk` use them.
pub(super) struct Malloc;

impl super::Host for Malloc {
    type Buffer = MallocBuffer;
    fn uninit(&self, len: usize) -> Option<MallocBuffer> {
        // SAFETY: malloc returns null or `len` (at least 1) writable bytes.
        let ptr = unsafe { libc::malloc(len.max(1)) } as *mut u8;
        (!ptr.is_null()).then_some(MallocBuffer { ptr, len })
    }
    fn concat(&self, parts: &[&[u8]]) -> Option<MallocBuffer> {
        let len: usize = parts.iter().map(|p| p.len()).sum();
        // SAFETY: malloc returns null or `len` (at least 1) writable bytes.
        let ptr = unsafe { libc::malloc(len.max(1)) } as *mut u8;
        if ptr.is_null() {
            return None;
        }
        // SAFETY: `ptr` is a new allocation of exactly the parts' total length.
        unsafe { super::api::copy_parts(ptr, parts) };
        Some(MallocBuffer { ptr, len })
    }
    unsafe fn free(&self, p: *mut c_void) {
        // SAFETY: the caller's guarantee: `p` came from malloc.
        unsafe { libc::free(p) }
    }
}

impl super::OutBuffer for MallocBuffer {
    fn as_uninit_mut(&mut self) -> &mut [std::mem::MaybeUninit<u8>] {
        // SAFETY: `ptr` holds `len` bytes owned by this buffer; as `MaybeUninit` they may be
        // written whether or not they hold anything yet.
        unsafe {
            std::slice::from_raw_parts_mut(self.ptr as *mut std::mem::MaybeUninit<u8>, self.len)
        }
    }

    fn into_raw(self) -> (*mut c_void, usize) {
        let me = std::mem::ManuallyDrop::new(self);
        (me.ptr as *mut c_void, me.len)
    }
}

impl Drop for MallocBuffer {
    fn drop(&mut self) {
        // SAFETY: `ptr` came from malloc and is still owned here.
        unsafe { libc::free(self.ptr as *mut c_void) }
    }
}

/// The filter function NCZarr calls on each chunk (HDF5's contract: replace `*buf`, freeing
/// the old one, return the bytes used, or 0 on failure leaving `*buf` as it was).
extern "C" fn filter(
    flags: c_uint,
    cd_nelmts: usize,
    cd_values: *const c_uint,
    nbytes: usize,
    buf_size: *mut usize,
    buf: *mut *mut c_void,
) -> usize {
    let reverse = flags & H5Z_FLAG_REVERSE != 0;
    // SAFETY: NCZarr calls the filter function with HDF5's contract; its buffers come from
    // malloc.
    let r = catch_unwind(AssertUnwindSafe(|| unsafe {
        super::filter_buffer(Malloc, reverse, cd_nelmts, cd_values, nbytes, buf_size, buf)
    }));
    match r {
        Ok(Ok(n)) => n,
        Ok(Err(msg)) => {
            report(&format!(
                "{}: {msg}",
                if reverse { "decode" } else { "encode" }
            ));
            0
        }
        Err(_) => 0,
    }
}

/// The filter class NCZarr gets from `H5PLget_plugin_info`.
pub(super) static CLASS: FilterClass = FilterClass(H5ZClass2 {
    version: 1,
    id: FILTER_ID,
    encoder_present: 1,
    decoder_present: 1,
    name: c"flac: FLAC compression of the last axis (flacarray)".as_ptr(),
    can_apply: None,
    set_local: None,
    filter: Some(filter),
});

/// netCDF-C's `NCZ_codec_t`, version 1.
#[repr(C)]
#[doc(hidden)]
pub struct NczCodec {
    version: c_int,
    sort: c_int,
    codecid: *const c_char,
    hdf5id: c_uint,
    initialize: Option<extern "C" fn()>,
    finalize: Option<extern "C" fn()>,
    codec_to_hdf5: Option<extern "C" fn(*const c_char, *mut usize, *mut *mut c_uint) -> c_int>,
    hdf5_to_codec: Option<extern "C" fn(usize, *const c_uint, *mut *mut c_char) -> c_int>,
    modify_parameters: Option<
        extern "C" fn(
            c_int,
            c_int,
            *mut usize,
            *mut *mut c_uint,
            *mut usize,
            *mut *mut c_uint,
        ) -> c_int,
    >,
}

/// A codec table, shareable across threads (it holds only constant pointers).
#[doc(hidden)]
pub struct Codec(pub NczCodec);

// SAFETY: the table is immutable; its pointers are a static string and functions.
unsafe impl Sync for Codec {}

/// The codec JSON (`codec`, a NUL-terminated string) → the user's cd_values.
extern "C" fn codec_to_hdf5(
    codec: *const c_char,
    n: *mut usize,
    params: *mut *mut c_uint,
) -> c_int {
    let r = catch_unwind(|| -> Result<c_int, String> {
        if codec.is_null() || n.is_null() || params.is_null() {
            return Err("null argument".into());
        }
        // SAFETY: NCZarr passes a NUL-terminated JSON text.
        let text = unsafe { CStr::from_ptr(codec) }.to_string_lossy();
        let json: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| format!("codec JSON {text}: {e}"))?;
        let map = json
            .as_object()
            .ok_or_else(|| format!("codec JSON {text} is not an object"))?;
        let cd = FilterParams::from_json(map, &["id"])?.to_cd_values();
        let Some(p) = malloc_copy(&cd) else {
            return Ok(NC_ENOMEM);
        };
        // SAFETY: both out-pointers were checked non-null.
        unsafe {
            *params = p;
            *n = cd.len();
        }
        Ok(NC_NOERR)
    });
    status(r)
}

/// cd_values (the user's or the stored form) → the codec JSON, with its `"id"`.
extern "C" fn hdf5_to_codec(n: usize, params: *const c_uint, codec: *mut *mut c_char) -> c_int {
    let r = catch_unwind(|| -> Result<c_int, String> {
        if codec.is_null() || (n > 0 && params.is_null()) {
            return Err("null argument".into());
        }
        let cd = if n == 0 {
            &[][..]
        } else {
            // SAFETY: NCZarr passes `n` parameters at `params` (checked non-null).
            unsafe { std::slice::from_raw_parts(params, n) }
        };
        let mut json = serde_json::Map::new();
        json.insert("id".into(), CODEC_NAME.into());
        json.extend(FilterParams::parse(cd)?.to_json());
        let mut text = serde_json::Value::Object(json).to_string().into_bytes();
        text.push(0);
        let Some(p) = malloc_copy(&text) else {
            return Ok(NC_ENOMEM);
        };
        // SAFETY: checked non-null above.
        unsafe { *codec = p as *mut c_char };
        Ok(NC_NOERR)
    });
    status(r)
}

/// The working parameters (the stored form, with the chunk layout) from the visible ones and
/// the variable's type and chunking, asked of the libnetcdf in slot `S`.
extern "C" fn modify_parameters<const S: usize>(
    ncid: c_int,
    varid: c_int,
    vn: *mut usize,
    vp: *mut *mut c_uint,
    wn: *mut usize,
    wp: *mut *mut c_uint,
) -> c_int {
    let r = catch_unwind(|| -> Result<c_int, String> {
        let nc = BOUND.get(S).and_then(|b| b.get()).ok_or(
            "the netCDF-C library that loaded the codec could not be bound (see the first message)",
        )?;
        if vn.is_null() || vp.is_null() || wn.is_null() || wp.is_null() {
            return Err("null argument".into());
        }
        // SAFETY: NCZarr passes the visible parameters it holds (`*vn` values at `*vp`).
        let user = unsafe {
            if *vn == 0 || (*vp).is_null() {
                &[][..]
            } else {
                std::slice::from_raw_parts(*vp, *vn)
            }
        };
        let stored = variable_params(nc, ncid, varid, user)?.to_cd_values();
        let Some(p) = malloc_copy(&stored) else {
            return Ok(NC_ENOMEM);
        };
        // SAFETY: checked non-null above. A previous working vector (none: NCZarr asks once
        // per variable) is NCZarr's to free.
        unsafe {
            *wp = p;
            *wn = stored.len();
        }
        Ok(NC_NOERR)
    });
    status(r)
}

/// The stored parameters for variable `varid` of group `ncid`.
fn variable_params(
    nc: &Netcdf,
    ncid: c_int,
    varid: c_int,
    user: &[c_uint],
) -> Result<super::Stored, String> {
    let (mut xtype, mut ndims, mut endian, mut storage) = (0, 0, 0, 0);
    // SAFETY: netCDF-C's inquiry functions write one int each.
    let ok = unsafe {
        (nc.inq_vartype)(ncid, varid, &mut xtype) == NC_NOERR
            && (nc.inq_varndims)(ncid, varid, &mut ndims) == NC_NOERR
            && (nc.inq_var_endian)(ncid, varid, &mut endian) == NC_NOERR
    };
    if !ok || !(0..=1024).contains(&ndims) {
        return Err(format!("cannot inquire variable {varid}"));
    }
    let mut chunks = vec![0usize; ndims.max(1) as usize];
    // SAFETY: `chunks` has room for the variable's `ndims` chunk sizes.
    let st = unsafe { (nc.inq_var_chunking)(ncid, varid, &mut storage, chunks.as_mut_ptr()) };
    if st != NC_NOERR || storage != NC_CHUNKED || ndims == 0 {
        return Err(format!(
            "variable {varid} is not chunked (a scalar?); the FLAC codec compresses chunks along their last dimension"
        ));
    }
    let elem = match xtype {
        1 => ElementType::I8,
        3 => ElementType::I16,
        4 => ElementType::I32,
        5 => ElementType::F32,
        6 => ElementType::F64,
        7 => ElementType::U8,
        8 => ElementType::U16,
        9 => ElementType::U32,
        10 => ElementType::I64,
        11 => ElementType::U64,
        t => {
            return Err(format!(
                "variable {varid} has netCDF type {t}; the FLAC codec takes integers of 1 to 8 bytes, float and double"
            ))
        }
    };
    if endian == NC_ENDIAN_BIG {
        return Err(format!(
            "variable {varid} is big-endian; NCZarr stores the FLAC codec's variables in native order only"
        ));
    }
    if elem.is_float() && FilterParams::parse(user)?.quantization() == &Quantization::None {
        return Err(format!(
            "variable {varid} is {}: it needs quanta or precision, as filter parameters \
             (level, 1, quanta_hi, quanta_lo) or (level, 2, precision), or in the codec JSON \
             {{\"id\": \"{CODEC_NAME}\", \"level\": 5, \"quanta\": 0.001}}",
            if elem == ElementType::F32 {
                "float"
            } else {
                "double"
            }
        ));
    }
    let chunk: Vec<u64> = chunks.iter().map(|&c| c as u64).collect();
    stored_params(user, elem, cfg!(target_endian = "big"), &chunk)
}

fn status(r: std::thread::Result<Result<c_int, String>>) -> c_int {
    match r {
        Ok(Ok(st)) => st,
        Ok(Err(msg)) => {
            report(&msg);
            NC_EFILTER
        }
        Err(_) => NC_EFILTER,
    }
}

const fn codec<const S: usize>() -> Codec {
    Codec(NczCodec {
        version: 1,
        sort: 1,
        codecid: c"flacarray.flac".as_ptr(),
        hdf5id: FILTER_ID as c_uint,
        initialize: None,
        finalize: None,
        codec_to_hdf5: Some(codec_to_hdf5),
        hdf5_to_codec: Some(hdf5_to_codec),
        modify_parameters: Some(modify_parameters::<S>),
    })
}

/// One codec per slot, and one never bound, for a library that cannot be.
static CODECS: [Codec; LIBRARIES + 1] = [
    codec::<0>(),
    codec::<1>(),
    codec::<2>(),
    codec::<3>(),
    codec::<LIBRARIES>(),
];

/// What the plugin's `NCZ_get_codec_info` returns for a caller at `addr` (inside a
/// libnetcdf): the codec bound to that library. Never null (NCZarr does not check): where the
/// library cannot be bound, the codec's `NCZ_modify_parameters` fails with the reason.
#[doc(hidden)]
pub fn codec_info(addr: *const c_void) -> *const c_void {
    let slot = match catch_unwind(|| bind(addr)) {
        Ok(Ok(slot)) => slot,
        Ok(Err(msg)) => {
            report(&msg);
            LIBRARIES
        }
        Err(_) => LIBRARIES,
    };
    &CODECS[slot].0 as *const NczCodec as *const c_void
}
