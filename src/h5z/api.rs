//! The few HDF5 functions the filter calls, found at run time in the HDF5 library that calls
//! the filter, so that the plugin links no libhdf5 and works with whichever HDF5 the host uses
//! (Debian's 1.10 tools, h5py wheels bundling 2.x, programs linked to any version between).
//!
//! A process may hold several HDF5 libraries at once (h5py's and netCDF4's wheels each bundle
//! one), and a callback must call back into the library that called it: the `hid_t`s it gets
//! mean nothing to another copy. So each library is bound to its own slot, and gets a filter
//! class whose callbacks use that slot only (`super::class_for`). The library is found from
//! an address inside it: the return address of the plugin's `H5PLget_plugin_info` (HDF5's
//! plugin loader calls it), or a function of the library a program registers the filter with
//! (`dladdr`, then `dlopen(RTLD_NOLOAD)` + `dlsym` in that library only). Where no address is
//! known, the library is searched for: the global scope (`dlsym(RTLD_DEFAULT)`, the library of
//! programs linked to libhdf5), then every loaded object (`dl_iterate_phdr`).

use std::ffi::{c_char, c_int, c_uint, c_void, CStr, CString};
use std::mem::MaybeUninit;
use std::sync::{Mutex, OnceLock};

/// HDF5's object identifier (64-bit since 1.10).
#[doc(hidden)]
pub type Hid = i64;
/// HDF5's status return.
#[doc(hidden)]
pub type Herr = c_int;

type GetChunk = unsafe extern "C" fn(Hid, c_int, *mut u64) -> c_int;
type GetFilterById2 = unsafe extern "C" fn(
    Hid,
    c_int,
    *mut c_uint,
    *mut usize,
    *mut c_uint,
    usize,
    *mut c_char,
    *mut c_uint,
) -> Herr;
type GetNFilters = unsafe extern "C" fn(Hid) -> c_int;
type GetFilter2 = unsafe extern "C" fn(
    Hid,
    c_uint,
    *mut c_uint,
    *mut usize,
    *mut c_uint,
    usize,
    *mut c_char,
    *mut c_uint,
) -> c_int;
type ModifyFilter = unsafe extern "C" fn(Hid, c_int, c_uint, usize, *const c_uint) -> Herr;
type TypeInt = unsafe extern "C" fn(Hid) -> c_int;
type TypeSize = unsafe extern "C" fn(Hid) -> usize;
type TypeFields =
    unsafe extern "C" fn(Hid, *mut usize, *mut usize, *mut usize, *mut usize, *mut usize) -> Herr;
type EPush2 = unsafe extern "C" fn(
    Hid,
    *const c_char,
    *const c_char,
    c_uint,
    Hid,
    Hid,
    Hid,
    *const c_char,
    ...
) -> Herr;
type LibVersion = unsafe extern "C" fn(*mut c_uint, *mut c_uint, *mut c_uint) -> Herr;
type Allocate = unsafe extern "C" fn(usize, bool) -> *mut c_void;
type Free = unsafe extern "C" fn(*mut c_void) -> Herr;

/// Resolved HDF5 entry points.
pub struct Api {
    pub get_chunk: GetChunk,
    pub get_filter_by_id2: GetFilterById2,
    pub modify_filter: ModifyFilter,
    pub get_nfilters: GetNFilters,
    pub get_filter2: GetFilter2,
    pub t_get_class: TypeInt,
    pub t_get_size: TypeSize,
    pub t_get_sign: TypeInt,
    pub t_get_order: TypeInt,
    pub t_get_precision: TypeSize,
    pub t_get_offset: TypeInt,
    pub t_get_fields: TypeFields,
    pub t_get_ebias: TypeSize,
    pub t_get_norm: TypeInt,
    epush2: EPush2,
    err_cls: *const Hid,
    major_pline: *const Hid,
    minor_cantfilter: *const Hid,
    allocate: Allocate,
    free: Free,
    /// HDF5 2.0 takes the error stack aside while it calls a filter function and puts it
    /// back afterwards, so what the filter pushes is lost; from 1.14 on (a conservative
    /// cut-off) the message also goes to stderr.
    drops_callback_errors: bool,
}

// SAFETY: the pointers are addresses of HDF5's functions and global error-class variables,
// valid for the life of the process and only read.
unsafe impl Send for Api {}
// SAFETY: as above; nothing is mutated through them.
unsafe impl Sync for Api {}

/// How many distinct HDF5 libraries in one process can each have the filter bound to them.
pub const LIBRARIES: usize = 8;

/// The HDF5 libraries the filter is bound to, by slot; slot `n` serves the callbacks of the
/// `n`-th filter class (see `super::class_for`).
static BOUND: [OnceLock<Api>; LIBRARIES] = [const { OnceLock::new() }; LIBRARIES];
/// Which library each slot holds: the address of its `H5Pget_chunk`, one per loaded copy (0:
/// a free slot). Not on the heap: HDF5 unloads the plugin at exit, and a heap block pointed
/// to only from the unloaded library would count as leaked.
static KEYS: Mutex<[usize; LIBRARIES]> = Mutex::new([0; LIBRARIES]);

/// The HDF5 library bound to `slot`.
pub fn bound(slot: usize) -> Option<&'static Api> {
    BOUND.get(slot)?.get()
}

/// The slot of the HDF5 library whose code contains `addr` (the caller of the plugin's
/// entry point, or one of the library's functions), binding a new slot on first sight.
pub fn bind_address(addr: *const c_void) -> Result<usize, String> {
    let mut info = std::mem::MaybeUninit::<libc::Dl_info>::zeroed();
    // SAFETY: dladdr only reads the address and fills `info`.
    if addr.is_null() || unsafe { libc::dladdr(addr, info.as_mut_ptr()) } == 0 {
        return Err(format!("no loaded library contains address {addr:p}"));
    }
    // SAFETY: dladdr succeeded, so `info` is filled in.
    let info = unsafe { info.assume_init() };
    let handle = if info.dli_fname.is_null() {
        std::ptr::null_mut()
    } else {
        // SAFETY: dli_fname is a NUL-terminated path owned by the loader; RTLD_NOLOAD only
        // returns a handle to an object that is already loaded. The handle is never closed:
        // the reference it holds keeps the slot's function pointers valid.
        unsafe { libc::dlopen(info.dli_fname, libc::RTLD_LAZY | libc::RTLD_NOLOAD) }
    };
    let name = || {
        if info.dli_fname.is_null() {
            "?".to_string()
        } else {
            // SAFETY: as above.
            unsafe { CStr::from_ptr(info.dli_fname) }
                .to_string_lossy()
                .into_owned()
        }
    };
    if handle.is_null() {
        return Err(format!("cannot open the loaded library {}", name()));
    }
    let api = from_handle(handle).ok_or_else(|| {
        format!(
            "{} does not export the HDF5 functions the filter needs",
            name()
        )
    })?;
    bind(api)
}

/// The slot of the one HDF5 library found in the process without knowing which calls
/// (the global scope first, then the loaded objects), binding it on first sight.
pub fn bind_any() -> Result<usize, String> {
    bind(resolve().ok_or("no HDF5 library is loaded in this process")?)
}

fn bind(api: Api) -> Result<usize, String> {
    let key = api.get_chunk as usize;
    let mut keys = KEYS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(slot) = keys.iter().position(|&k| k == key) {
        return Ok(slot);
    }
    let slot = keys.iter().position(|&k| k == 0).ok_or_else(|| {
        format!("more than {LIBRARIES} HDF5 libraries in this process load the FLAC filter")
    })?;
    // The slot is free and the lock is held, so nothing else has set it.
    let _ = BOUND[slot].set(api);
    keys[slot] = key;
    Ok(slot)
}

/// Look a symbol up in `handle`.
fn sym(handle: *mut c_void, name: &str) -> Option<*mut c_void> {
    let c = CString::new(name).ok()?;
    // SAFETY: `handle` is RTLD_DEFAULT or a handle from dlopen; `c` is NUL-terminated.
    let p = unsafe { libc::dlsym(handle, c.as_ptr()) };
    (!p.is_null()).then_some(p)
}

fn resolve() -> Option<Api> {
    if let Some(api) = from_handle(libc::RTLD_DEFAULT) {
        return Some(api);
    }
    for path in loaded_objects() {
        let Ok(c) = CString::new(path.clone()) else {
            continue;
        };
        // SAFETY: RTLD_NOLOAD only returns a handle to an object that is already loaded.
        let h = unsafe { libc::dlopen(c.as_ptr(), libc::RTLD_LAZY | libc::RTLD_NOLOAD) };
        if h.is_null() {
            continue;
        }
        if let Some(api) = from_handle(h) {
            return Some(api);
        }
    }
    None
}

/// Paths of the loaded shared objects, those named like an HDF5 library first.
fn loaded_objects() -> Vec<String> {
    unsafe extern "C" fn visit(
        info: *mut libc::dl_phdr_info,
        _size: usize,
        data: *mut c_void,
    ) -> c_int {
        // SAFETY: `data` is the `Vec<String>` passed below, not otherwise borrowed meanwhile.
        let paths = unsafe { &mut *(data as *mut Vec<String>) };
        // SAFETY: `info` is valid during the callback; its name, when not null, is a
        // NUL-terminated path.
        let name = unsafe { (*info).dlpi_name };
        if !name.is_null() {
            // SAFETY: checked non-null above; the loader keeps the string alive.
            let s = unsafe { CStr::from_ptr(name) }
                .to_string_lossy()
                .into_owned();
            if !s.is_empty() {
                paths.push(s);
            }
        }
        0
    }
    let mut paths: Vec<String> = Vec::new();
    // SAFETY: `visit` only touches `paths` through the pointer it is given.
    unsafe { libc::dl_iterate_phdr(Some(visit), &mut paths as *mut Vec<String> as *mut c_void) };
    paths.sort_by_key(|p| !p.contains("hdf5"));
    paths
}

fn from_handle(h: *mut c_void) -> Option<Api> {
    let f = |name: &str| sym(h, name);
    // SAFETY: each symbol has the C signature of the HDF5 1.10+ API named by the type; the
    // transmutes only give the untyped dlsym addresses those signatures.
    unsafe {
        Some(Api {
            get_chunk: std::mem::transmute::<*mut c_void, GetChunk>(f("H5Pget_chunk")?),
            get_filter_by_id2: std::mem::transmute::<*mut c_void, GetFilterById2>(f(
                "H5Pget_filter_by_id2",
            )?),
            modify_filter: std::mem::transmute::<*mut c_void, ModifyFilter>(f("H5Pmodify_filter")?),
            get_nfilters: std::mem::transmute::<*mut c_void, GetNFilters>(f("H5Pget_nfilters")?),
            get_filter2: std::mem::transmute::<*mut c_void, GetFilter2>(f("H5Pget_filter2")?),
            t_get_class: std::mem::transmute::<*mut c_void, TypeInt>(f("H5Tget_class")?),
            t_get_size: std::mem::transmute::<*mut c_void, TypeSize>(f("H5Tget_size")?),
            t_get_sign: std::mem::transmute::<*mut c_void, TypeInt>(f("H5Tget_sign")?),
            t_get_order: std::mem::transmute::<*mut c_void, TypeInt>(f("H5Tget_order")?),
            t_get_precision: std::mem::transmute::<*mut c_void, TypeSize>(f("H5Tget_precision")?),
            t_get_offset: std::mem::transmute::<*mut c_void, TypeInt>(f("H5Tget_offset")?),
            t_get_fields: std::mem::transmute::<*mut c_void, TypeFields>(f("H5Tget_fields")?),
            t_get_ebias: std::mem::transmute::<*mut c_void, TypeSize>(f("H5Tget_ebias")?),
            t_get_norm: std::mem::transmute::<*mut c_void, TypeInt>(f("H5Tget_norm")?),
            epush2: std::mem::transmute::<*mut c_void, EPush2>(f("H5Epush2")?),
            err_cls: f("H5E_ERR_CLS_g")? as *const Hid,
            major_pline: f("H5E_PLINE_g")? as *const Hid,
            minor_cantfilter: f("H5E_CANTFILTER_g")? as *const Hid,
            allocate: std::mem::transmute::<*mut c_void, Allocate>(f("H5allocate_memory")?),
            free: std::mem::transmute::<*mut c_void, Free>(f("H5free_memory")?),
            drops_callback_errors: f("H5get_libversion").is_some_and(|p| {
                let get = std::mem::transmute::<*mut c_void, LibVersion>(p);
                let (mut major, mut minor, mut release) = (0, 0, 0);
                get(&mut major, &mut minor, &mut release) >= 0 && (major, minor) >= (1, 14)
            }),
        })
    }
}

/// How many filter messages at most go to stderr in one process (a damaged file can have
/// many damaged chunks).
const STDERR_MESSAGES: usize = 20;

impl Api {
    /// Push `msg` on HDF5's error stack (shown by h5py, h5dump, ... with the failure). Where
    /// the library may discard what the filter function pushes (HDF5 1.14 and later), the
    /// message of the filter function is also written to stderr, as the only way it reaches
    /// the user; h5py then shows just "filter returned failure".
    pub fn push_error(&self, func: &str, msg: &str, in_filter: bool) {
        if in_filter && self.drops_callback_errors {
            static PRINTED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
            let n = PRINTED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            if n < STDERR_MESSAGES {
                eprintln!("HDF5 filter 32027: {msg}");
            } else if n == STDERR_MESSAGES {
                eprintln!("HDF5 filter 32027: further messages not shown");
            }
        }
        let file = c"flacarray/h5z";
        let func = CString::new(func).unwrap_or_default();
        let msg = CString::new(msg.replace('\0', " ")).unwrap_or_default();
        // SAFETY: the error-class variables are initialised by the library before any filter
        // callback runs; the format is "%s" with one C-string argument.
        unsafe {
            (self.epush2)(
                0,
                file.as_ptr(),
                func.as_ptr(),
                line!(),
                *self.err_cls,
                *self.major_pline,
                *self.minor_cantfilter,
                c"%s".as_ptr(),
                msg.as_ptr(),
            );
        }
    }
}

/// A buffer to hand to HDF5, from its allocator (`H5allocate_memory`, malloc in release
/// builds of HDF5); freed on drop unless given away.
pub struct HdfBuffer {
    api: &'static Api,
    ptr: *mut u8,
    len: usize,
}

impl HdfBuffer {
    /// `len` bytes from the allocator of the library `api`, not initialised.
    pub fn uninit(api: &'static Api, len: usize) -> Option<HdfBuffer> {
        // SAFETY: H5allocate_memory is HDF5's malloc wrapper; `false`: not cleared.
        let p = unsafe { (api.allocate)(len.max(1), false) };
        (!p.is_null()).then_some(HdfBuffer {
            api,
            ptr: p as *mut u8,
            len,
        })
    }

    /// A buffer holding `parts` one after the other, from the allocator of the library `api`.
    pub fn concat(api: &'static Api, parts: &[&[u8]]) -> Option<HdfBuffer> {
        let len: usize = parts.iter().map(|p| p.len()).sum();
        // SAFETY: H5allocate_memory is HDF5's malloc wrapper; `false`: not cleared, as every
        // byte is written below.
        let ptr = unsafe { (api.allocate)(len.max(1), false) } as *mut u8;
        if ptr.is_null() {
            return None;
        }
        // SAFETY: `ptr` is a new allocation of exactly the parts' total length.
        unsafe { copy_parts(ptr, parts) };
        Some(HdfBuffer { api, ptr, len })
    }

    /// The bytes, to write (those of a buffer from [`HdfBuffer::uninit`] may hold nothing
    /// yet).
    pub fn as_uninit_mut(&mut self) -> &mut [MaybeUninit<u8>] {
        // SAFETY: `ptr` holds `len` bytes owned by this buffer; as `MaybeUninit` they may be
        // written whether or not they hold anything yet.
        unsafe { std::slice::from_raw_parts_mut(self.ptr as *mut MaybeUninit<u8>, self.len) }
    }

    /// Give the buffer away: its pointer and length, no longer freed here.
    pub fn into_raw(self) -> (*mut c_void, usize) {
        let r = (self.ptr as *mut c_void, self.len);
        std::mem::forget(self);
        r
    }
}

/// Copy `parts` one after the other to `dst`.
///
/// # Safety
/// `dst` must be valid for writes of the parts' total length and overlap none of them.
pub(super) unsafe fn copy_parts(dst: *mut u8, parts: &[&[u8]]) {
    let mut at = 0;
    for p in parts {
        // SAFETY: the caller's guarantee: `dst` has room for every part, and `at` plus this
        // part's length stays within their total.
        unsafe { std::ptr::copy_nonoverlapping(p.as_ptr(), dst.add(at), p.len()) };
        at += p.len();
    }
}

impl Drop for HdfBuffer {
    fn drop(&mut self) {
        // SAFETY: the buffer came from this library's allocator and was not given away.
        unsafe { self.api.free(self.ptr as *mut c_void) }
    }
}

impl Api {
    /// Free a buffer this library handed us (or one from [`HdfBuffer`] with it).
    ///
    /// # Safety
    /// `p` must come from this library's allocator and not be used afterwards.
    pub unsafe fn free(&self, p: *mut c_void) {
        // SAFETY: the caller guarantees `p` came from this library's allocator.
        unsafe {
            (self.free)(p);
        }
    }
}
