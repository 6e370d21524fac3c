//! In-process registration of the filter with the HDF5 library the program links (through
//! `hdf5-metno-sys`), so that Rust programs need no `HDF5_PLUGIN_PATH`.

use std::ffi::c_void;
use std::sync::OnceLock;

use super::{class_for, FilterParams, FILTER_ID};
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
    static REGISTERED: OnceLock<std::result::Result<(), String>> = OnceLock::new();
    REGISTERED
        .get_or_init(|| {
            // The class bound to the HDF5 library this program links (the one holding
            // H5Zregister), not to another copy the process may have loaded.
            let class = class_for(hdf5_sys::h5z::H5Zregister as *const c_void)?;
            if crate::h5raw::register_filter(&class.0 as *const _ as *const c_void) {
                Ok(())
            } else {
                Err("HDF5 refused to register the FLAC filter (H5Zregister failed)".into())
            }
        })
        .clone()
        .map_err(Error::InvalidParameter)
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

/// The temporary name under which [`write_filtered`] writes `name`.
pub(crate) fn incomplete_name(name: &str) -> String {
    format!(".{name}.incomplete")
}

/// Check that `name` is a plain link name (no `/`), as [`write_filtered`] needs.
pub(crate) fn plain_name(name: &str) -> Result<()> {
    if name.is_empty() || name.contains('/') || name == "." {
        return Err(Error::InvalidParameter(format!(
            "dataset name {name:?}: give a name within the group, without `/`"
        )));
    }
    Ok(())
}

/// Write `data` as a new chunked dataset `name` of `group`, compressed with the FLAC filter,
/// all or nothing: the dataset is written under a temporary name, flushed, and only then
/// given its name. A writer killed on the way leaves no dataset called `name` (a raw
/// `H5Dwrite` killed midway would leave the chunks it did not reach reading as the fill
/// value, since HDF5 keeps no mark of a dataset's completeness).
///
/// ```no_run
/// use flacarray::h5z::{write_filtered, FilterParams};
/// let file = hdf5_metno::File::create("tod.h5").unwrap();
/// let data = ndarray::ArrayD::<i32>::zeros(vec![64, 100_000]);
/// write_filtered(&file, "tod", data.view(), FilterParams::lossless(5), &[8, 100_000])?;
/// # Ok::<(), flacarray::Error>(())
/// ```
pub fn write_filtered<T: hdf5_metno::H5Type>(
    group: &hdf5_metno::Group,
    name: &str,
    data: ndarray::ArrayViewD<'_, T>,
    params: FilterParams,
    chunk: &[usize],
) -> Result<hdf5_metno::Dataset> {
    plain_name(name)?;
    let h5 = |e: hdf5_metno::Error| Error::Hdf5(format!("writing `{name}`: {e}"));
    if group.link_exists(name) {
        return Err(Error::Hdf5(format!(
            "`{name}` already exists in the group; write to a new name"
        )));
    }
    let tmp = incomplete_name(name);
    if group.link_exists(&tmp) {
        // Left by a writer that was killed: it never became `name`.
        group.unlink(&tmp).map_err(h5)?;
    }
    let result = (|| {
        group
            .new_dataset_builder()
            .with_data(&data)
            .chunk(chunk.to_vec())
            .flac(params)?
            .create(tmp.as_str())
            .map_err(h5)?;
        let file = group.file().map_err(h5)?;
        file.flush().map_err(h5)?;
        group.relink(&tmp, name).map_err(h5)?;
        file.flush().map_err(h5)?;
        group.dataset(name).map_err(h5)
    })();
    if result.is_err() {
        let _ = group.unlink(&tmp);
    }
    result
}
