//! In-process registration of the filter with the HDF5 library the program links (through
//! `hdf5-metno-sys`), so that Rust programs need no `HDF5_PLUGIN_PATH`.

use std::ffi::c_void;
use std::sync::OnceLock;

use super::{class_for, FilterParams, FILTER_ID};
use crate::error::{Error, Result};
use crate::h5z::chunk_io::DirectChunks;

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
/// The chunks are encoded several at a time on the filter's threads
/// ([`filter_threads`](crate::h5z::filter_threads): `FLACARRAY_FILTER_THREADS` or
/// [`set_threads`](crate::h5z::set_threads)) and written as they are stored
/// (`H5Dwrite_chunk`): the bytes HDF5's filter would write, from every core.
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
        let ds = group
            .new_dataset_builder()
            .empty::<T>()
            .shape(data.shape())
            .chunk(chunk.to_vec())
            .flac(params)?
            .create(tmp.as_str())
            .map_err(h5)?;
        match (direct::<T>(&ds)?, data.as_slice()) {
            (Some(direct), Some(values)) => {
                // SAFETY: `direct` holds only for integer and float element types of T's
                // size (no padding, every byte initialised); the bytes are read, not
                // written, while `data` is alive.
                let bytes = unsafe {
                    std::slice::from_raw_parts(
                        values.as_ptr().cast::<u8>(),
                        std::mem::size_of_val(values),
                    )
                };
                direct.write_rows(&ds, bytes, 0)?;
            }
            _ => ds.write(&data).map_err(h5)?,
        }
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

/// The chunks of `ds` can be moved raw for values of `T`: a FLAC-only dataset (see
/// [`DirectChunks::of`]) of integers or floats of exactly `T`'s type.
/// An error for stored parameters that do not describe the dataset (see
/// [`DirectChunks::of`]), whichever way it is then read or written.
fn direct<T: hdf5_metno::H5Type>(ds: &hdf5_metno::Dataset) -> Result<Option<DirectChunks>> {
    use hdf5_metno::types::TypeDescriptor as D;
    let Some(direct) = DirectChunks::of(ds)? else {
        return Ok(None);
    };
    let want = T::type_descriptor();
    let numeric = matches!(want, D::Integer(_) | D::Unsigned(_) | D::Float(_));
    let same = ds
        .dtype()
        .ok()
        .and_then(|t| t.to_descriptor().ok())
        .is_some_and(|t| t == want);
    Ok((numeric && same && direct.elem_size() == std::mem::size_of::<T>()).then_some(direct))
}

/// Read a whole dataset compressed with the FLAC filter: its chunks are read as they are
/// stored (`H5Dread_chunk`) and decoded several at a time on the filter's threads
/// ([`filter_threads`](crate::h5z::filter_threads)). Chunks never written read as the fill
/// value. A dataset with other filters, or of another type than `T`, is read through HDF5
/// (one chunk at a time, with conversion).
///
/// ```no_run
/// let file = hdf5_metno::File::open("tod.h5").unwrap();
/// flacarray::h5z::set_threads(Some(0)); // every core
/// let tod: ndarray::ArrayD<i32> = flacarray::h5z::read_filtered(&file.dataset("tod").unwrap())?;
/// # Ok::<(), flacarray::Error>(())
/// ```
pub fn read_filtered<T: hdf5_metno::H5Type + Copy + Default>(
    ds: &hdf5_metno::Dataset,
) -> Result<ndarray::ArrayD<T>> {
    let h5 = |e: hdf5_metno::Error| Error::Hdf5(format!("reading `{}`: {e}", ds.name()));
    let Some(direct) = direct::<T>(ds)? else {
        return ds.read_dyn::<T>().map_err(h5);
    };
    let shape = direct.shape().to_vec();
    let mut out = crate::alloc::zeroed_vec::<T>(shape.iter().product())?;
    // SAFETY: as in `write_filtered`: T is an integer or float type of the element size, so
    // any bytes written are a valid T; the slice covers exactly `out`.
    let bytes = unsafe {
        std::slice::from_raw_parts_mut(
            out.as_mut_ptr().cast::<u8>(),
            std::mem::size_of_val(&out[..]),
        )
    };
    direct.read_rows(ds, bytes, 0..shape.first().copied().unwrap_or(0))?;
    ndarray::ArrayD::from_shape_vec(shape, out).map_err(|e| Error::Hdf5(e.to_string()))
}
