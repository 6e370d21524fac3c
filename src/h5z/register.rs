//! In-process registration of the filter with the HDF5 library the program links (through
//! `hdf5-metno-sys`), so that Rust programs need no `HDF5_PLUGIN_PATH`.

use std::ffi::c_void;
use std::sync::OnceLock;

use super::{FilterParams, FILTER_CLASS, FILTER_ID};
use crate::error::{Error, Result};

/// Register the FLAC filter (ID 32027) with HDF5 in this process. Safe to call many times.
///
/// ```no_run
/// use flacarray::h5z::{register, FilterParams, FlacFilterExt};
///
/// register()?;
/// let file = hdf5_metno::File::create("streams.h5").unwrap();
/// let data = ndarray::Array2::<i32>::zeros((4, 10_000));
/// file.new_dataset_builder()
///     .with_data(&data)
///     .chunk((2, 10_000))
///     .flac(FilterParams::lossless(5))?
///     .create("tod")
///     .unwrap();
/// # Ok::<(), flacarray::Error>(())
/// ```
pub fn register() -> Result<()> {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    let ok = *REGISTERED.get_or_init(|| {
        hdf5_metno::sync::sync(|| {
            // SAFETY: H5Zregister copies the class, whose pointers are static.
            let status =
                unsafe { hdf5_sys::h5z::H5Zregister(&FILTER_CLASS.0 as *const _ as *const c_void) };
            status >= 0
        })
    });
    if ok {
        Ok(())
    } else {
        Err(Error::InvalidParameter(
            "HDF5 refused to register the FLAC filter (H5Zregister failed)".into(),
        ))
    }
}

/// Adds the FLAC filter to an `hdf5-metno` dataset builder (registering it first).
pub trait FlacFilterExt: Sized {
    /// Compress the dataset with the FLAC filter and these parameters.
    fn flac(self, params: FilterParams) -> Result<Self>;
}

macro_rules! impl_flac_filter {
    ($($t:ty),*) => {$(
        impl FlacFilterExt for $t {
            fn flac(self, params: FilterParams) -> Result<Self> {
                register()?;
                Ok(self.add_filter(FILTER_ID, &params.to_cd_values()))
            }
        }
    )*};
}

impl_flac_filter!(
    hdf5_metno::DatasetBuilder,
    hdf5_metno::DatasetBuilderEmpty,
    hdf5_metno::DatasetBuilderEmptyShape
);

impl<T: hdf5_metno::H5Type, D: ndarray::Dimension> FlacFilterExt
    for hdf5_metno::DatasetBuilderData<'_, T, D>
{
    fn flac(self, params: FilterParams) -> Result<Self> {
        register()?;
        Ok(self.add_filter(FILTER_ID, &params.to_cd_values()))
    }
}
