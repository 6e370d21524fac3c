//! The FLAC HDF5 filter plugin (ID 32027). HDF5 finds `libh5zflac.so` on `HDF5_PLUGIN_PATH`
//! and calls the two entry points below; netCDF-C's NCZarr also calls the third,
//! `NCZ_get_codec_info`; everything else is in `flacarray::h5z`. The plugin links no libhdf5:
//! it finds the HDF5 functions it needs in the process at run time, in the very library that
//! calls `H5PLget_plugin_info` (a process may hold several), and likewise for libnetcdf.

use std::ffi::c_void;

pub mod abi;
pub mod streams;
pub mod windows;

/// `H5PL_TYPE_FILTER`.
const H5PL_TYPE_FILTER: i32 = 0;

/// The kind of plugin: a filter.
#[no_mangle]
pub extern "C" fn H5PLget_plugin_type() -> i32 {
    H5PL_TYPE_FILTER
}

/// The filter's `H5Z_class2_t`, bound to the HDF5 library that asks: this entry point passes
/// its own return address (an address inside the caller, HDF5's plugin loader) on to
/// [`plugin_info`] and returns what that returns.
#[cfg(target_arch = "x86_64")]
#[unsafe(naked)]
#[no_mangle]
pub extern "C" fn H5PLget_plugin_info() -> *const c_void {
    // At entry the return address is on top of the stack; it becomes the first argument of
    // `plugin_info`, which is jumped to (a tail call: it returns to our caller directly, with
    // the stack as the caller left it).
    std::arch::naked_asm!("mov rdi, [rsp]", "jmp {info}", info = sym plugin_info)
}

/// The filter's `H5Z_class2_t`, bound to the HDF5 library that asks (see the x86-64 version).
/// cbindgen:ignore
#[cfg(target_arch = "aarch64")]
#[unsafe(naked)]
#[no_mangle]
pub extern "C" fn H5PLget_plugin_info() -> *const c_void {
    // The return address is in the link register x30.
    std::arch::naked_asm!("mov x0, x30", "b {info}", info = sym plugin_info)
}

/// The filter's `H5Z_class2_t`. Where the caller's address is not taken, the class is bound to
/// the one HDF5 library found in the process.
/// cbindgen:ignore
#[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
#[no_mangle]
pub extern "C" fn H5PLget_plugin_info() -> *const c_void {
    plugin_info(std::ptr::null())
}

/// netCDF-C's `NCZ_codec_t` for the codec `flacarray.flac`, bound to the libnetcdf that asks:
/// like `H5PLget_plugin_info`, it passes its return address on to [`codec_info`].
#[cfg(target_arch = "x86_64")]
#[unsafe(naked)]
#[no_mangle]
pub extern "C" fn NCZ_get_codec_info() -> *const c_void {
    std::arch::naked_asm!("mov rdi, [rsp]", "jmp {info}", info = sym codec_info)
}

/// netCDF-C's `NCZ_codec_t`, bound to the libnetcdf that asks (see the x86-64 version).
/// cbindgen:ignore
#[cfg(target_arch = "aarch64")]
#[unsafe(naked)]
#[no_mangle]
pub extern "C" fn NCZ_get_codec_info() -> *const c_void {
    std::arch::naked_asm!("mov x0, x30", "b {info}", info = sym codec_info)
}

/// netCDF-C's `NCZ_codec_t`; where the caller's address is not taken, its
/// `NCZ_modify_parameters` reports that no libnetcdf is bound.
/// cbindgen:ignore
#[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
#[no_mangle]
pub extern "C" fn NCZ_get_codec_info() -> *const c_void {
    codec_info(std::ptr::null())
}

/// The codec bound to the libnetcdf containing `caller`. Never null, never unwinds.
extern "C" fn codec_info(caller: *const c_void) -> *const c_void {
    flacarray::h5z::codec_info(caller)
}

/// The class bound to the HDF5 library containing `caller` (NCZarr's own class when the
/// caller is a libnetcdf); null (with the reason on stderr)
/// if there is none. Never unwinds.
extern "C" fn plugin_info(caller: *const c_void) -> *const c_void {
    flacarray::h5z::plugin_info(caller)
}
