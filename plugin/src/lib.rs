//! The FLAC HDF5 filter plugin (ID 32027). HDF5 finds `libh5zflac.so` on `HDF5_PLUGIN_PATH`
//! and calls the two entry points below; everything else is in `flacarray::h5z`. The plugin
//! links no libhdf5: it finds the HDF5 functions it needs in the process at run time.

use std::ffi::c_void;

/// `H5PL_TYPE_FILTER`.
const H5PL_TYPE_FILTER: i32 = 0;

/// The kind of plugin: a filter.
#[no_mangle]
pub extern "C" fn H5PLget_plugin_type() -> i32 {
    H5PL_TYPE_FILTER
}

/// The filter's `H5Z_class2_t`.
#[no_mangle]
pub extern "C" fn H5PLget_plugin_info() -> *const c_void {
    &flacarray::h5z::FILTER_CLASS.0 as *const _ as *const c_void
}
